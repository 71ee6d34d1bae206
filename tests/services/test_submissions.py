"""Submissions for a plan's deadline on the database (SQLite; PostgreSQL where the suite runs
it): a commune gathers the documents its checklist asks, submits when complete, may withdraw
until the due day; the level above accepts or sends back with a reason and the commune's
commanders are told; every step is audited; only submitted or accepted ones count as done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Connection, insert, select

from campaign import submissions as rules
from campaign.catalogs import text
from campaign.plans import Plan, load_document
from campaign.roles import Role
from handlers.messages import Notice
from services import deliverables, documents, submissions
from services.demo import DemoInvites
from services.ports import MemberView
from services.refusals import Refused
from storage import plans as stored_plans
from storage.calendar import done_units
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import audit_log, members, units
from storage.sealing import Sealer

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
DUE = date(2026, 12, 9)
PDF = b"%PDF-1.4 signed report"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
T = TypeVar("T")

PLAN = """
code: nop-2026
name: Kế hoạch có hồ sơ nộp
issuer: Công an tỉnh
scope: DEMO
starts: 01/01/2026
ends: 31/12/2026
deadlines:
  - code: so-ket
    title: {vi: "Sơ kết đợt 1", en: "Review of phase 1"}
    due: 09/12/2026
    role: officer
    level: commune
    deliverable: Báo cáo sơ kết
    escalate_to: province
    checklist:
      - {code: bao-cao, name: {vi: "Báo cáo sơ kết (bản ký)", en: "The signed review"}}
      - {code: bien-ban, name: {vi: "Biên bản họp", en: "Minutes"}}
  - code: bao-cao-nhanh
    title: Báo cáo nhanh
    due: 09/12/2026
    role: officer
    level: commune
    deliverable: Báo cáo nhanh
"""


def plan() -> Plan:
    document = load_document(PLAN)
    assert isinstance(document, Plan)
    return document


class Watched(Repository):
    """The repository, keeping what the service told members."""

    told: list[Notice]

    def notify(self, notices: list[Notice], now: datetime, *, bulk: bool = False) -> None:
        self.told = [*getattr(self, "told", []), *notices]
        super().notify(notices, now, bulk=bulk)


def unit(conn: Connection, code: str) -> int:
    return int(conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one())


def sibling_commune(conn: Connection) -> None:
    conn.execute(
        insert(units).values(
            code="XA-KHAC", name="Xã Khác", kind="commune", parent_id=unit(conn, "DEMO"),
            valid_from=date(2025, 7, 1), created_at=NOW,
        )
    )  # fmt: skip


def member(conn: Connection, name: str, role: Role, code: str) -> MemberView:
    where = unit(conn, code)
    made = conn.execute(
        insert(members)
        .values(
            full_name=name, unit_id=where, role=role.value, active=True, language="vi",
            joined_at=NOW, created_at=NOW,
        )
        .returning(members.c.id)
    ).scalar_one()  # fmt: skip
    return MemberView(int(made), name, role, where, code, "vi")


def refused(act: Callable[[], Any]) -> str:
    with pytest.raises(Refused) as caught:
        act()
    return caught.value.reason.get("vi")


def kept(repo: Repository, who: MemberView, data: bytes = PDF, name: str = "bc.pdf") -> int:
    return documents.keep(
        repo, repo, who, data=data, name=name, unit_id=who.unit_id, owner_kind="deliverable",
        owner_id=None, now=NOW,
    )  # fmt: skip


def key(code: str) -> str:
    return f"{code}@{DUE:%Y%m%d}"


async def on_db(database: Database, tmp_path: Path, work: Callable[[Watched], T]) -> T:
    def run(conn: Connection) -> T:
        return work(Watched(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept")))

    return await database.run(run)


def test_the_states_move_as_the_plan_says() -> None:
    assert rules.after("submit", "draft") == "submitted"
    assert rules.after("withdraw", "submitted") == "draft"
    assert rules.after("return", "submitted") == "returned"
    assert rules.after("add", "returned") == "draft"
    for act, state in (("submit", "submitted"), ("accept", "draft"), ("add", "accepted")):
        assert not rules.may(act, state)
    assert rules.missing([("a", "uploaded"), ("b", "missing")], 1, needs_document=True) == ["b"]
    assert rules.missing([], 0, needs_document=True) == [""]
    assert rules.complete([], 0, needs_document=False)  # a bare deadline
    assert rules.withdraw_problem("submitted", DUE, DUE) is None
    assert rules.withdraw_problem("submitted", DUE, DUE + timedelta(days=1)) is not None
    assert rules.withdraw_problem("accepted", DUE, DUE) is not None
    line = [rules.Rung(3, "commune"), rules.Rung(2, "district"), rules.Rung(1, "province")]
    assert rules.may_decide(Role.OFFICER, 2, line)
    assert not rules.may_decide(Role.OFFICER, 2, line, "province")  # below the escalation
    assert rules.may_decide(Role.ADMIN, 1, line, "province")
    assert not rules.may_decide(Role.OFFICER, 3, line)  # the unit itself
    assert not rules.may_decide(Role.LEADER, 1, line)


async def test_a_commune_gathers_submits_and_the_province_sends_it_back(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(repo: Watched) -> None:
        conn = repo.db
        stored_plans.save(conn, plan(), PLAN, NOW)
        officer = member(conn, "Cán Bộ Xã", Role.OFFICER, "DEMO-XA")
        deputy = member(conn, "Cán Bộ Hai", Role.OFFICER, "DEMO-XA")
        sibling_commune(conn)
        sibling = member(conn, "Cán Bộ Xã Khác", Role.OFFICER, "XA-KHAC")
        admin = member(conn, "Quản Trị Tỉnh", Role.ADMIN, "DEMO")

        # Nothing in: submitting names both items of the checklist.
        said = refused(lambda: submissions.submit(repo, officer, key("so-ket"), NOW))
        assert said == "Chưa nộp được, còn thiếu: Báo cáo sơ kết (bản ký), Biên bản họp."
        first = submissions.attach(repo, officer, key("so-ket"), kept(repo, officer), NOW)
        assert first.state == "draft"
        assert [(i.item, i.status) for i in first.checklist] == [
            ("bao-cao", "uploaded"),
            ("bien-ban", "missing"),
        ]
        said = refused(lambda: submissions.submit(repo, officer, key("so-ket"), NOW))
        assert said == "Chưa nộp được, còn thiếu: Biên bản họp."
        # Another's upload, or one already part of it, is refused.
        theirs = kept(repo, deputy)
        assert "không phải bạn vừa gửi" in refused(
            lambda: submissions.attach(repo, officer, key("so-ket"), theirs, NOW)
        )
        assert "không phải bạn vừa gửi" in refused(
            lambda: submissions.attach(repo, officer, key("so-ket"), first.documents[0].id, NOW)
        )
        photo = kept(repo, officer, PNG, "bien-ban.png")
        second = submissions.attach(repo, officer, key("so-ket"), photo, NOW)
        assert [d.original_name for d in second.documents] == ["bc.pdf", "bien-ban.png"]
        done = submissions.submit(repo, officer, key("so-ket"), NOW)
        assert (done.state, done.submitted_by) == ("submitted", "Cán Bộ Xã")
        commune = officer.unit_id
        assert commune in done_units(conn, "nop-2026", "so-ket", DUE)

        # Withdrawn before the due day, it is a draft again: not done.
        assert submissions.withdraw(repo, officer, key("so-ket"), NOW).state == "draft"
        assert commune not in done_units(conn, "nop-2026", "so-ket", DUE)
        dropped = submissions.drop(repo, officer, key("so-ket"), photo, NOW)
        assert [i.status for i in dropped.checklist] == ["uploaded", "missing"]
        submissions.attach(repo, officer, key("so-ket"), kept(repo, officer, PNG, "bb.png"), NOW)
        submitted = submissions.submit(repo, officer, key("so-ket"), NOW)

        # The level above: the unit itself, a sibling commune and a leader may not decide.
        reason = "Thiếu chữ ký"
        assert "Chỉ cán bộ hoặc quản trị của cấp trên" in refused(
            lambda: submissions.decide(repo, deputy, submitted.id, "return", reason, NOW)
        )
        assert "Không tìm thấy báo cáo này" in refused(
            lambda: submissions.decide(repo, sibling, submitted.id, "return", reason, NOW)
        )
        assert "ít nhất 3 ký tự" in refused(
            lambda: submissions.decide(repo, admin, submitted.id, "return", " x ", NOW)
        )
        assert "vừa thay đổi" in refused(
            lambda: submissions.decide(
                repo, admin, submitted.id, "return", reason, NOW, seen_state="draft"
            )
        )
        back = submissions.decide(
            repo, admin, submitted.id, "return", reason, NOW, seen_state="submitted"
        )
        assert (back.state, back.decided_by, back.decision_note) == (
            "returned",
            "Quản Trị Tỉnh",
            reason,
        )
        assert commune not in done_units(conn, "nop-2026", "so-ket", DUE)
        told = {notice.member_id: notice.message.text for notice in repo.told}
        assert set(told) == {officer.id, deputy.id}
        assert "Lý do: Thiếu chữ ký" in told[officer.id] and "Sơ kết đợt 1" in told[officer.id]
        # Sent back: decided, so not withdrawn; a new document makes it a draft again.
        assert "đã xem xét" in refused(
            lambda: submissions.withdraw(repo, officer, key("so-ket"), NOW)
        )
        late = NOW + timedelta(days=10)
        fixed = submissions.attach(repo, officer, key("so-ket"), kept(repo, officer), late)
        assert fixed.state == "draft"
        again = submissions.submit(repo, officer, key("so-ket"), late)
        assert again.submitted_at is not None and rules.late(DUE, again.submitted_at)
        # After the due day a submission can no longer be withdrawn.
        assert "quá hạn" in refused(
            lambda: submissions.withdraw(repo, officer, key("so-ket"), late)
        )
        accepted = submissions.decide(repo, admin, again.id, "accept", "", late)
        assert accepted.state == "accepted" and commune in done_units(
            conn, "nop-2026", "so-ket", DUE
        )
        assert "Cấp trên đã nhận báo cáo Sơ kết đợt 1" in repo.told[-1].message.text
        # The province's board: the commune once, done, with its documents and decision.
        lines = [
            b for b in deliverables.board(repo, admin, late.date()) if b.deadline_code == "so-ket"
        ]
        (line,) = [b for b in lines if b.unit_id == commune]
        assert {b.unit_name: b.state for b in lines if b.unit_id != commune} == {"Xã Khác": "late"}
        assert (line.unit_id, line.state, line.progress) == (commune, "done", "accepted")
        assert line.view is not None and line.view.decided_by == "Quản Trị Tỉnh"
        assert [d.original_name for d in line.view.documents] == ["bc.pdf", "bb.png", "bc.pdf"]

        # A bare deadline is submitted as it is, once (a second time: already reported).
        bare = deliverables.mark_submitted(
            repo, repo, officer, key("bao-cao-nhanh"), None, chat=("web", "c"), now=NOW
        )
        assert bare.recorded
        twice = deliverables.mark_submitted(
            repo, repo, deputy, key("bao-cao-nhanh"), None, chat=("web", "d"), now=NOW
        )
        assert not twice.recorded

        actions = conn.execute(
            select(audit_log.c.action, audit_log.c.target_id, audit_log.c.unit_id).where(
                audit_log.c.action.like("deliverable.%")
            )
        ).all()
        assert {a for a, _, _ in actions} == {
            "deliverable.drafted",
            "deliverable.document_added",
            "deliverable.document_dropped",
            "deliverable.submitted",
            "deliverable.withdrawn",
            "deliverable.returned",
            "deliverable.accepted",
        }
        assert {(t, u) for a, t, u in actions if a == "deliverable.returned"} == {
            ("nop-2026/so-ket/2026-12-09", commune)
        }
        assert text("console_action_deliverable_returned", "vi")

    await on_db(database, tmp_path, work)


async def test_one_sent_back_long_after_its_due_day_can_still_be_mended_and_resubmitted(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    """The level above often reads the reports after the due day: one it sends back then must
    still reach the commune's list (chat and console), or it could never be resubmitted."""

    def work(repo: Watched) -> None:
        conn = repo.db
        stored_plans.save(conn, plan(), PLAN, NOW)
        officer = member(conn, "Cán Bộ Xã", Role.OFFICER, "DEMO-XA")
        admin = member(conn, "Quản Trị Tỉnh", Role.ADMIN, "DEMO")
        submissions.attach(repo, officer, key("so-ket"), kept(repo, officer), NOW)
        submissions.attach(repo, officer, key("so-ket"), kept(repo, officer, PNG, "bb.png"), NOW)
        done = submissions.submit(repo, officer, key("so-ket"), NOW)
        later = datetime.combine(DUE + timedelta(days=20), NOW.timetz())
        submissions.decide(repo, admin, done.id, "return", "Thiếu chữ ký", later)

        listed = [place.item.key for place, _ in submissions.opened(repo, officer, later.date())]
        assert key("so-ket") in listed  # sent back: listed again, whenever it was
        assert key("bao-cao-nhanh") not in listed  # never gathered: out of the window, as before
        fixed = submissions.attach(repo, officer, key("so-ket"), kept(repo, officer), later)
        assert fixed.state == "draft"
        again = submissions.submit(repo, officer, key("so-ket"), later)
        assert again.state == "submitted" and rules.late(DUE, again.submitted_at or later)
        # Submitted again, past its due day: closed to the unit, waiting for the level above.
        assert key("so-ket") not in [
            place.item.key for place, _ in submissions.opened(repo, officer, later.date())
        ]

    await on_db(database, tmp_path, work)
