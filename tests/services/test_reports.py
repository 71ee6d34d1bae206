"""The reports the bot drafts, on the demo database made on 02/12/2026: the commune's 2026-H2
report is its phase review due 09/12/2026, and it says what /chitieu and the standings say;
a province's report lists each commune and the one that has not submitted; leaders and members
are refused; a report names the plan asked for when two run over the commune. The renderer is
a stand-in (the .docx itself is tested in tests/bot/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, insert, select

from campaign.demo_plan import plan_yaml, todays_demo_plan
from campaign.plans import CountSpec, Plan
from campaign.report_content import Rendered, ReportData
from campaign.roles import Role
from services import reports, standings
from services.demo import ensure_demo, ensure_demo_extras
from services.ports import COMMAND_LINE, MemberView
from services.refusals import Refused
from storage import standings as kept_standings
from storage.database import Database
from storage.files import PhotoFiles
from storage.migrate import upgrade
from storage.repository import Repository
from storage.schema import audit_log, deliverables, documents, entries, members, units
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from tests.storage.test_targets import entry

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=ZONE)
TODAY = NOW.date()
DUE = date(2026, 12, 9)
IN_PHASE = datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)
T = TypeVar("T")


def render(data: ReportData) -> Rendered:
    """What a renderer hands back, without writing a .docx."""
    return Rendered(f"docx {data.heading.unit_name}".encode(), b"xlsx", "packaged:test", "0" * 64)


class Demo:
    """The demo database, built once for the module."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.url = f"sqlite:///{root / 'antt.db'}"
        upgrade(self.url)
        self.database = Database(self.url)
        self.plan_code = self.run(self._make)

    def store(self, conn: Connection) -> Repository:
        return Repository(conn, Sealer("k" * 40), PhotoFiles(self.data_dir), ZONE)

    def run(self, work: Callable[[Connection], T]) -> T:
        return self.database.run_blocking(work)

    def _make(self, conn: Connection) -> str:
        made = ensure_demo(UnitOfWork(conn).units, NOW, plan=True)
        assert made.plan is not None
        assert ensure_demo_extras(self.store(conn), UnitOfWork(conn).units, NOW)
        ids = self.units(conn)
        east = self.member(conn, "Thành viên mẫu 1")
        west = self.member(conn, "Tổ trưởng mẫu thôn Tây")
        north_id = int(
            conn.execute(
                insert(members).values(
                    full_name="Thành viên thôn Bắc",
                    unit_id=ids["DEMO-XA2-T1"],
                    role="member",
                    active=True,
                    created_at=NOW,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
        )
        north = (north_id, ids["DEMO-XA2-T1"])
        logged: list[tuple[tuple[int, int], str, dict[str, Any], str]] = [
            (east, "patrol", {}, "verified"),
            (east, "patrol", {}, "verified"),
            (west, "patrol", {}, "verified"),
            (east, "good_deed", {}, "verified"),
            (east, "incident", {"in_time": "yes"}, "verified"),
            (east, "tip", {"category": "drugs"}, "verified"),
            (east, "tip", {"category": "crime"}, "verified"),
            (east, "tip", {"category": "crime"}, "pending"),
            (east, "patrol", {}, "pending"),
            (north, "patrol", {}, "verified"),
            (north, "incident", {"in_time": "no"}, "verified"),
        ]
        for who, area, details, status in logged:
            found = entry(conn, *who, area, details, status=status, when=IN_PHASE)
            if area == "tip":
                kind = details["category"]
                progress = "resolved" if kind == "drugs" else "verifying"
                conn.execute(
                    entries.update()
                    .where(entries.c.id == found)
                    .values(kind=kind, progress=progress, urgent=kind == "crime")
                )
            if status == "verified":
                kept_standings.on_verified(conn, found, ZONE)
        return made.plan[0]

    @staticmethod
    def units(conn: Connection) -> dict[str, int]:
        return {str(c): int(i) for c, i in conn.execute(select(units.c.code, units.c.id))}

    @staticmethod
    def member(conn: Connection, name: str) -> tuple[int, int]:
        row = conn.execute(
            select(members.c.id, members.c.unit_id).where(members.c.full_name == name)
        ).one()
        return int(row.id), int(row.unit_id)

    def view(self, name: str) -> MemberView:
        def read(conn: Connection) -> MemberView:
            row = conn.execute(
                select(members.c.id, members.c.role, members.c.unit_id, units.c.name)
                .join(units, units.c.id == members.c.unit_id)
                .where(members.c.full_name == name)
            ).one()
            return MemberView(int(row.id), name, Role(row.role), int(row.unit_id), row.name, "vi")

        return self.run(read)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    made = Demo(tmp_path_factory.mktemp("reports"))
    yield made
    made.database.close()


def _build(demo: Demo, builder: Any, unit_code: str, **asked: Any) -> reports.BuiltReport:
    def run(conn: Connection) -> reports.BuiltReport:
        store = demo.store(conn)
        asked.setdefault("period", "2026-H2")
        return reports.build(
            store,
            render,
            builder,
            plan_code=asked.pop("plan_code", demo.plan_code),
            unit_id=demo.units(conn)[unit_code],
            now=NOW,
            **asked,
        )

    return demo.run(run)


def test_the_demo_communes_report_says_what_chitieu_and_the_standings_say(demo: Demo) -> None:
    officer, admin = demo.view("Cán bộ mẫu"), demo.view("Quản trị viên mẫu")
    built = _build(demo, officer, "DEMO-XA")
    data = built.data
    assert (data.deadline_code, data.due) == ("so-ket-dot-1", DUE)
    assert (data.span.code, data.span.label, data.span.as_of) == ("2026-H2", "Đợt 1", TODAY)
    assert data.previous is None

    def check(conn: Connection) -> None:
        store = demo.store(conn)
        found = store.report_plan(demo.plan_code)
        assert found is not None
        plan: Plan = found[0]
        assert data.span.starts == plan.phases[0].starts
        # Targets: /chitieu's own cells for the officer on the day
        shown = standings.target_table(standings.targets(store, officer, TODAY), "vi")
        assert len(data.targets) == len(shown) == len(plan.targets)
        for line, row in zip(data.targets, shown, strict=True):
            assert row.mine is not None
            assert (line.code, line.description, line.how, line.period, line.threshold) == (
                row.code,
                row.description,
                row.how,
                row.period,
                row.threshold,
            )
            assert (line.value, line.verdict, line.met) == (
                row.mine.value or "—",
                row.mine.verdict,
                row.mine.met,
            )
        # Entries per area: a target's count over the same days
        unit_id = officer.unit_id
        for area in data.areas:
            spec = CountSpec(count="entries", area=area.code)
            assert area.verified == store.figure(plan, spec, unit_id, data.span.starts, TODAY)
        counts = {a.code: (a.verified, a.pending) for a in data.areas}
        assert counts["patrol"] == (3, 1) and counts["tip"] == (2, 1)
        assert counts["incident"] == (1, 0) and counts["good_deed"] == (1, 0)
        assert sum(t.count for t in data.tips) == 2
        assert {(t.kind, t.outcome) for t in data.tips} == {
            ("Ma túy", "đã giải quyết"),
            ("Trộm cắp, tội phạm", "đang xác minh"),
        }
        assert sorted(c.kind for c in data.notable) == ["Ma túy", "Trộm cắp, tội phạm"]
        # Standings: the commune's rank and points as the standings rank it
        peers = store.ranked(plan.code, "dot-1", "commune", found[1])
        rank, mine = next((r, s) for r, s in peers if s.subject_id == unit_id)
        assert data.standings is not None
        assert (data.standings.unit_rank, data.standings.unit_of) == (rank, len(peers))
        assert data.standings.unit_points == mine.points > 0
        teams = store.ranked(plan.code, "dot-1", "team", unit_id)
        assert [(t.rank, t.name, t.points) for t in data.standings.teams] == [
            (r, s.name, s.points) for r, s in teams
        ]
        assert data.participation.members > 0 and data.participation.patrols == 3
        # The demo's recognised model and its commendation, both of the day
        assert any("Camera an ninh thôn Đông" in m.text for m in data.models)
        assert [c.text for c in data.commendations] == [
            "Giấy khen — Tổ bảo vệ ANTT thôn Đông (02/QĐ-UBND)"
        ]
        assert data.submissions == ()
        # The heading
        heading = data.heading
        assert (heading.parent_name, heading.unit_name, heading.place_name) == (
            "TỈNH MINH HỌA",
            "Xã Hòa Bình",
            "Hòa Bình",
        )
        assert (heading.symbol, heading.signer_title, heading.signer_name) == (
            "BC-CAX",
            "TRƯỞNG CÔNG AN XÃ",
            "Cán bộ mẫu",
        )
        assert heading.recipients == ("Tỉnh Minh Họa",)
        assert heading.subject.startswith("Sơ kết Đợt 1")
        # Kept: the row with its figures, two documents sealed to the commune, audited
        kept_row = store.latest_report(demo.plan_code, "so-ket-dot-1", DUE, unit_id)
        assert kept_row is not None and kept_row.id == built.row.id
        assert (kept_row.period_code, kept_row.as_of, kept_row.built_by) == (
            "2026-H2",
            TODAY,
            officer.id,
        )
        kept = conn.execute(
            select(documents.c.owner_kind, documents.c.owner_id, documents.c.unit_id).where(
                documents.c.id.in_([kept_row.document_id, kept_row.annex_id])
            )
        ).all()
        assert sorted(kept) == [("report", kept_row.id, unit_id)] * 2
        assert kept_row.document_id is not None
        assert store.document(officer, kept_row.document_id) is not None
        assert store.document(admin, kept_row.document_id) is not None
        sibling = replace(officer, id=0, unit_id=demo.units(conn)["DEMO-XA2"])
        assert store.document(sibling, kept_row.document_id) is None
        audited = conn.execute(
            select(audit_log.c.action).where(audit_log.c.target_id == str(kept_row.id))
        ).scalars()
        assert "report.built" in list(audited)

    demo.run(check)


def test_a_province_report_lists_each_commune_and_the_one_not_submitted(demo: Demo) -> None:
    def submit(conn: Connection) -> None:
        ids = demo.units(conn)
        officer = demo.member(conn, "Cán bộ mẫu")[0]
        conn.execute(
            insert(deliverables).values(
                plan_code=demo.plan_code,
                deadline_code="so-ket-dot-1",
                due=DUE,
                unit_id=ids["DEMO-XA"],
                member_id=officer,
                done_at=datetime(2026, 12, 2, 1, 0, tzinfo=UTC),
                state="submitted",
            )
        )

    demo.run(submit)
    data = _build(demo, COMMAND_LINE, "DEMO").data
    assert data.unit_kind == "province" and data.is_province
    assert data.deadline_code == "so-ket-dot-1"  # the communes' report, by the same code
    assert [c.name for c in data.communes] == ["Xã Hòa Bình", "Xã Yên Lạc"]
    assert data.not_submitted == ("Xã Yên Lạc",)
    states = {c.name: (c.report_state, c.submitted_on) for c in data.communes}
    assert states == {"Xã Hòa Bình": ("đã nộp", TODAY), "Xã Yên Lạc": ("chưa nộp", None)}
    # The province's counts are its communes' together, recomputed live
    for index, area in enumerate(data.areas):
        assert area.verified == sum(c.areas[index] for c in data.communes), area.code
    assert data.heading.signer_title == "GIÁM ĐỐC"
    assert data.heading.recipients == ("UBND tỉnh Hải Dương",)  # nobody above: the issuer
    assert data.heading.signer_name is None  # no officer at the province
    assert data.standings is not None
    assert {t.name for t in data.standings.teams} == {"Xã Hòa Bình", "Xã Yên Lạc"}
    # The commune's own report now lists what it submitted
    again = _build(demo, COMMAND_LINE, "DEMO-XA").data
    assert [(s.title, s.due, s.state) for s in again.submissions] == [
        ("Sơ kết Đợt 1", DUE, "đã nộp")
    ]
    # A province admin builds it too; a commune officer builds no other commune's
    assert _build(demo, demo.view("Quản trị viên mẫu"), "DEMO").data.communes
    with pytest.raises(Refused) as refused:
        _build(demo, demo.view("Cán bộ mẫu"), "DEMO-XA2")
    assert "Xã Yên Lạc" in refused.value.reason.get("vi")


@pytest.mark.parametrize("name", ["Tổ trưởng mẫu thôn Tây", "Thành viên mẫu 1"])
def test_leaders_and_members_are_refused(demo: Demo, name: str) -> None:
    with pytest.raises(Refused) as refused:
        _build(demo, demo.view(name), "DEMO-XA")
    assert "cán bộ" in refused.value.reason.get("vi").lower()
    member = demo.view(name)
    with pytest.raises(Refused):
        demo.run(lambda c: reports.choices(demo.store(c), member, TODAY))


def test_a_wrong_period_lists_the_reports_and_nothing_is_kept(demo: Demo) -> None:
    before = demo.run(lambda c: len(list(c.execute(select(documents.c.id)))))
    with pytest.raises(Refused) as refused:
        _build(demo, COMMAND_LINE, "DEMO-XA", period="2026-H1")
    said = refused.value.reason.get("vi")
    assert "so-ket-dot-1" in said and "09/12/2026" in said and "2026-H2" in said
    with pytest.raises(Refused):
        _build(demo, COMMAND_LINE, "DEMO-XA", plan_code="khong-co")
    assert demo.run(lambda c: len(list(c.execute(select(documents.c.id))))) == before


def test_without_a_period_the_current_report_and_an_earlier_day_counts_less(demo: Demo) -> None:
    current = _build(demo, COMMAND_LINE, "DEMO-XA", period=None).data
    assert (current.deadline_code, current.span.as_of) == ("so-ket-dot-1", TODAY)
    earlier = _build(demo, COMMAND_LINE, "DEMO-XA", as_of=date(2026, 11, 1)).data
    assert earlier.span.as_of == date(2026, 11, 1)
    # Everything was logged on 20/11: nothing by 01/11
    assert {a.verified for a in earlier.areas} == {0}
    assert {a.code: a.verified for a in current.areas}["patrol"] == 3


def test_choices_and_the_drafts_due_five_days_before(demo: Demo) -> None:
    officer = demo.view("Cán bộ mẫu")
    found = demo.run(lambda c: reports.choices(demo.store(c), officer, TODAY))
    assert [(c.deadline_code, c.due, c.period_code) for c in found] == [
        ("so-ket-dot-1", DUE, "2026-H2")
    ]
    admin = demo.view("Quản trị viên mẫu")
    province = demo.run(lambda c: reports.choices(demo.store(c), admin, TODAY))
    assert [c.deadline_code for c in province] == ["so-ket-dot-1"]
    # Xã Hòa Bình submitted already (the province test): only Xã Yên Lạc gets a draft
    tasks = demo.run(lambda c: reports.drafts_due(demo.store(c), date(2026, 12, 4), 5))
    names = demo.run(lambda c: {v: k for k, v in demo.units(c).items()})
    assert [(names[t.unit_id], t.deadline_code, t.period_code) for t in tasks] == [
        ("DEMO-XA2", "so-ket-dot-1", "2026-H2")
    ]
    assert demo.run(lambda c: reports.drafts_due(demo.store(c), date(2026, 12, 3), 5)) == []
    assert len(demo.run(lambda c: reports.drafts_due(demo.store(c), date(2026, 12, 6), 3))) == 1


def test_two_plans_over_one_commune_the_report_uses_the_named_plan(demo: Demo) -> None:
    plan, _ = todays_demo_plan(TODAY, "DEMO")
    other = Plan.model_validate(
        {**plan.model_dump(), "code": "khac-2026", "targets": plan.targets[:2]}
    )
    demo.run(lambda c: UnitOfWork(c).units.load_plan(other, plan_yaml(other), NOW))
    officer = demo.view("Cán bộ mẫu")
    data = _build(demo, officer, "DEMO-XA", plan_code="khac-2026").data
    assert [t.code for t in data.targets] == [t.code for t in plan.targets[:2]]

    def expected(conn: Connection) -> list[standings.TargetRow]:
        store = demo.store(conn)
        return standings.target_table(store.target_report_for(other, officer.unit_id, TODAY), "vi")

    rows = demo.run(expected)
    assert [(t.value, t.verdict) for t in data.targets] == [
        ((r.mine.value or "—") if r.mine else "—", r.mine.verdict if r.mine else "") for r in rows
    ]
    assert any("khac-2026" in note for note in data.notes)
    # Built a second time, it says it is drafted again
    again = _build(demo, officer, "DEMO-XA", plan_code="khac-2026").data
    assert any("soạn lại" in note for note in again.notes)


def test_place_names_drop_the_kind_word() -> None:
    assert reports.place_name("Công an xã Đông Hưng") == "Đông Hưng"
    assert reports.place_name("Xã Hòa Bình") == "Hòa Bình"
    assert reports.place_name("Tỉnh Minh Họa") == "Minh Họa"
    assert reports.place_name("Phường Ba Đình") == "Ba Đình"
    assert reports.place_name("Tổ bảo vệ ANTT thôn Đông") == "Tổ bảo vệ ANTT thôn Đông"
