"""Target periods and judgements."""

from __future__ import annotations

from datetime import date

from campaign.plans import Plan, load_document
from campaign.targets import judge, period

DOCUMENT = load_document("""\
code: chi-tieu
name: Thử chỉ tiêu
issuer: Tỉnh
scope: DEMO
starts: 19/8/2024
ends: 19/8/2025
phases:
  - {code: d1, name: Đợt 1, starts: 19/8/2024, ends: 03/02/2025}
  - {code: d2, name: Đợt 2, starts: 04/02/2025, ends: 19/8/2025}
areas:
  - {code: good_deed, form: good_deed, points: 2, name: Việc tốt}
  - {code: patrol, form: patrol, points: 2, name: Tuần tra}
targets:
  - {code: monthly, description: x, level: team, period: month, kind: count, threshold: 1, measure: entries:good_deed}
  - {code: everyone, description: x, level: team, period: phase, kind: ratio, threshold: 1.0, measure: members_with:patrol}
  - {code: none, description: x, level: commune, period: plan, kind: count, direction: at_most, threshold: 0, measure: manual}
  - {code: yearly, description: x, level: commune, period: year, kind: count, threshold: 3, measure: entries:patrol}
""")
assert isinstance(DOCUMENT, Plan)
PLAN: Plan = DOCUMENT
MONTHLY, EVERYONE, NONE, YEARLY = PLAN.targets


def test_periods() -> None:
    assert period(MONTHLY, PLAN, date(2025, 2, 14)) == (date(2025, 2, 1), date(2025, 2, 28))
    assert period(MONTHLY, PLAN, date(2024, 8, 25)) == (date(2024, 8, 19), date(2024, 8, 31))
    assert period(EVERYONE, PLAN, date(2025, 2, 3)) == (date(2024, 8, 19), date(2025, 2, 3))
    assert period(EVERYONE, PLAN, date(2025, 2, 4)) == (date(2025, 2, 4), date(2025, 8, 19))
    assert period(YEARLY, PLAN, date(2025, 5, 1)) == (date(2025, 1, 1), date(2025, 8, 19))
    assert period(NONE, PLAN, date(2025, 5, 1)) == (date(2024, 8, 19), date(2025, 8, 19))


def test_judgements() -> None:
    assert judge(MONTHLY, 1).met is True and judge(MONTHLY, 0).met is False
    assert judge(EVERYONE, 3, 4).shown == "75%" and judge(EVERYONE, 3, 4).met is False
    assert judge(EVERYONE, 4, 4).met is True
    assert judge(EVERYONE, 0, 0).met is False  # a team with nobody cannot have met "100%"
    assert judge(NONE, None).met is None and judge(NONE, None).shown == "—"
    assert judge(NONE, 0).met is True and judge(NONE, 1).met is False  # "no violations"
