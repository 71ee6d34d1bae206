"""A small plan declaring registration schemes and a deadline waiting on a dossier, shared by
the registry's tests (pure rules, services, storage, desks, CLI)."""

from __future__ import annotations

from campaign.plans import Plan, load_document

SCOPE = "DEMO"


def plan_text(scope: str = SCOPE, year: int = 2026, by: str = "30/06") -> str:
    return f"""
code: an-toan-{year}
name: Kế hoạch An toàn về ANTT {year}
issuer: Công an tỉnh
scope: {scope}
starts: 01/01/{year}
ends: 31/12/{year}
registrations:
  - scheme: an-toan-antt
    name: {{vi: "Đạt chuẩn An toàn về ANTT", en: "Safe for security and order"}}
    quote: "đăng ký phấn đấu đơn vị đạt tiêu chuẩn an toàn về an ninh trật tự"
    kinds: [village, commune, agency, enterprise, school]
    by: {by}/{year}
    dossier:
      - to-trinh
      - bao-cao-ket-qua
      - {{code: anh-hoat-dong, name: {{vi: "Ảnh hoạt động", en: "Photos of activities"}}}}
  - scheme: giao-uoc-thi-dua
    name: Ký giao ước thi đua
    kinds: [commune]
deadlines:
  - code: ho-so-an-toan
    title: Hồ sơ đề nghị công nhận An toàn về ANTT
    by: 15/12/{year}
    role: officer
    level: commune
    deliverable: Hồ sơ đề nghị công nhận
    registration: an-toan-antt
"""


def registry_plan(scope: str = SCOPE, year: int = 2026) -> Plan:
    document = load_document(plan_text(scope, year))
    assert isinstance(document, Plan)
    return document
