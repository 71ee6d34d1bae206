"""Standings kept incrementally always equal a full recomputation from the entries."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, select

from campaign.collation import person_key
from campaign.plans import Plan, load_document
from campaign.review import Reviewer
from campaign.roles import Role
from campaign.scoring import Standing, award, ranked
from services.demo import ensure_demo
from services.ports import NewEntry
from storage import plans as stored_plans
from storage import review, standings
from storage.database import Database
from storage.repository import Repository
from storage.schema import audit_log, entries, entry_participants, informants, members
from storage.schema import standings as standing_rows
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.now(ZONE).date()


def plan_text(points: int = 2) -> str:
    middle = TODAY - timedelta(days=3)
    return f"""\
code: diem-thu
name: Thử tính điểm
issuer: Công an tỉnh
scope: DEMO
starts: {TODAY - timedelta(days=20):%d/%m/%Y}
ends: {TODAY + timedelta(days=20):%d/%m/%Y}
phases:
  - {{code: dot-1, name: Đợt 1, starts: {TODAY - timedelta(days=20):%d/%m/%Y}, ends: {middle:%d/%m/%Y}}}
  - {{code: dot-2, name: Đợt 2, starts: {middle + timedelta(days=1):%d/%m/%Y}, ends: {TODAY + timedelta(days=20):%d/%m/%Y}}}
areas:
  - {{code: good_deed, form: good_deed, points: {points}, caps: {{per_day: 2}}, name: Việc tốt}}
  - {{code: patrol, form: patrol, points: 3, caps: {{per_week: 3}}, name: Tuần tra}}
  - {{code: tip, form: tip, points: 5, name: Nguồn tin}}
"""


def setup(conn: Connection) -> tuple[list[int], int]:
    now = datetime.now(ZONE)
    if unit_id(conn, "DEMO") is None:
        ensure_demo(UnitOfWork(conn).units, now)
        document = load_document(plan_text())
        stored_plans.save(conn, document, plan_text(), now)
    roster = (
        conn.execute(
            select(members.c.id).where(members.c.role == Role.MEMBER.value).order_by(members.c.id)
        )
        .scalars()
        .all()
    )
    officer = conn.execute(
        select(members.c.id).where(members.c.role == Role.OFFICER.value)
    ).scalar_one()
    for table in (informants, entry_participants, entries, standing_rows, audit_log):
        conn.execute(delete(table))
    return list(roster), int(officer)


operations = st.lists(
    st.tuples(
        # log: alone; team: naming the next member as a teammate; reload: the plan again,
        # with other points (it recounts)
        st.sampled_from(["log", "team", "verify", "reject", "reopen", "reload"]),
        st.integers(0, 2),  # which member / which entry
        st.sampled_from(["good_deed", "patrol", "tip", "model"]),  # model: not in the plan
        st.integers(0, 9),
    ),  # days ago
    min_size=5,
    max_size=40,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_incremental_standings_equal_a_recomputation(
    database_url: str, steps: list[tuple[str, int, str, int]]
) -> None:
    database = Database(database_url)

    def run(conn: Connection) -> None:
        roster, officer_id = setup(conn)
        unit_of = dict(conn.execute(select(members.c.id, members.c.unit_id)).all())
        officer = Reviewer(
            member_id=officer_id, role=Role.OFFICER, unit_id=unit_id(conn, "DEMO-XA") or 0
        )
        repo = Repository(conn, Sealer("s" * 40))
        logged: list[str] = []
        now = datetime.now(ZONE)
        for number, (action, who, area, days_ago) in enumerate(steps):
            if action == "reload":
                text = plan_text(points=2 + days_ago % 3)
                stored_plans.save(conn, load_document(text), text, now + timedelta(seconds=number))
                continue
            if action in ("log", "team") or not logged:
                member = roster[who % len(roster)]
                teammate = roster[(who + 1) % len(roster)]
                occurred = now - timedelta(days=days_ago)
                logged.append(
                    repo.save_entry(
                        NewEntry(
                            member_id=member,
                            unit_id=unit_of[member],
                            content_area=area,
                            prefix="XX",
                            kind=area,
                            details={},
                            occurred_at=occurred,
                            created_at=now,
                            delivery_key=f"k{number}",
                            participant_ids=(teammate,) if action == "team" else (),
                        )
                    )
                )
                continue
            reference = logged[who % len(logged)]
            if action == "verify":
                review.decide(conn, officer, reference, "verified", None, now)
            elif action == "reject":
                review.decide(conn, officer, reference, "rejected", "không đúng", now)
            else:
                review.reopen(conn, reference, officer_id, now)
        kept = standings.kept(conn, "diem-thu")
        assert kept == standings.recomputed(conn, "diem-thu")
        # The compact nationwide read holds the same numbers, found by subject.
        for phase in {key[1] for key in kept} | {"dot-1"}:
            compact = standings.snapshot(conn, "diem-thu", phase)
            flattened = {
                ("diem-thu", phase, level, subject): (points, count)
                for level, rows in compact.items()
                for subject, points, count in zip(rows.ids, rows.points, rows.entries, strict=True)
            }
            assert flattened == {key: value for key, value in kept.items() if key[1] == phase}
            for (_, _, level, subject), value in flattened.items():
                assert compact[level].get(subject) == value
                assert compact[level].get(subject + 10_000_000) is None
        # Caps: nobody scores good deeds more than twice on one day, logged or credited.
        rows = list(
            conn.execute(
                select(entries.c.member_id, entries.c.occurred_at).where(
                    entries.c.content_area == "good_deed", entries.c.points > 0
                )
            )
        )
        rows += conn.execute(
            select(entry_participants.c.member_id, entries.c.occurred_at)
            .join(entries)
            .where(entries.c.content_area == "good_deed", entry_participants.c.points > 0)
        ).all()
        per_day: dict[tuple[int, date], int] = {}
        for member_id, occurred in rows:
            key = (member_id, occurred.astimezone(ZONE).date())
            per_day[key] = per_day.get(key, 0) + 1
        assert all(count <= 2 for count in per_day.values())

    try:
        database.run_blocking(run)
    finally:
        database.close()


def test_ranks_share_places_on_equal_points_and_entries() -> None:
    rows = [
        Standing(1, "An", 10, 3),
        Standing(2, "Bình", 12, 4),
        Standing(3, "Cúc", 10, 3),
        Standing(4, "Dung", 10, 2),
    ]
    assert [(rank, row.name) for rank, row in ranked(rows)] == [
        (1, "Bình"),
        (2, "An"),
        (2, "Cúc"),
        (4, "Dung"),
    ]


def test_equal_ranks_list_people_by_given_name_in_vietnamese_order() -> None:
    rows = [Standing(i, name, 4, 2) for i, name in enumerate(("Đặng Văn Đức", "Lê Văn Dũng"))]
    rows.append(Standing(9, "Trần Thị Ánh", 4, 2))
    assert [r.name for _, r in ranked(rows, person_key)] == [
        "Trần Thị Ánh",
        "Lê Văn Dũng",
        "Đặng Văn Đức",
    ]
    teams = [Standing(1, "Tổ thôn Bắc", 0, 0), Standing(2, "Tổ thôn Ánh", 0, 0)]
    assert [r.name for _, r in ranked(teams)] == ["Tổ thôn Ánh", "Tổ thôn Bắc"]


def test_a_plan_may_give_credited_teammates_other_points() -> None:
    text = plan_text().replace(
        "points: 3, caps: {per_week: 3}", "points: 3, teammate_points: 1, caps: {per_week: 3}"
    )
    plan = load_document(text)
    assert isinstance(plan, Plan)
    logged = award(plan, "patrol", TODAY, 0, 0)
    credited = award(plan, "patrol", TODAY, 0, 0, teammate=True)
    assert logged is not None and credited is not None
    assert (logged.points, credited.points) == (3, 1)
    capped = award(plan, "patrol", TODAY, 0, 3, teammate=True)  # their own week's cap
    assert capped is not None and capped.points == 0
    plain = load_document(plan_text())
    assert isinstance(plain, Plan)
    same = award(plain, "patrol", TODAY, 0, 0, teammate=True)
    assert same is not None and same.points == 3
