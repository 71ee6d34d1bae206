"""A report's figures on a real database (SQLite, and PostgreSQL when set): the entries per area
are the very numbers a target's `count` gives for the same days, tips by kind and outcome add
up to the tips verified, pending entries are never results, the notable cases are urgent or
resolved ones only, and the drafts are kept, the latest one current."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, update

from campaign.plans import CountSpec
from services.ports import NewReport
from storage import targets
from storage.database import Database
from storage.repository import Repository
from storage.schema import deliverables, entries
from storage.sealing import Sealer
from tests.storage.test_targets import ZONE, entry, member, the_plan, unit

H2 = (date(2026, 7, 1), date(2026, 12, 31))


def _store(conn: Connection) -> Repository:
    return Repository(conn, Sealer("k" * 40), None, ZONE)


def at_local(day: date, hour: int) -> datetime:
    """A moment written as the campaign's clock reads it, stored in UTC."""
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE).astimezone(UTC)


def tip(
    conn: Connection,
    who: tuple[int, int],
    kind: str,
    progress: str,
    when: datetime,
    *,
    status: str = "verified",
    urgent: bool = False,
) -> int:
    found = entry(conn, who[0], who[1], "tip", {"category": kind}, status=status, when=when)
    conn.execute(
        update(entries)
        .where(entries.c.id == found)
        .values(kind=kind, progress=progress, urgent=urgent)
    )
    return found


def seeded(conn: Connection) -> dict[str, int]:
    province = unit(conn, "P", "province", None, "Tỉnh Thử")
    commune = unit(conn, "XA", "commune", province, "Xã An")
    other = unit(conn, "XB", "commune", province, "Xã Bình")
    team = unit(conn, "XA-T1", "team", commune, "Tổ Một")
    hoa, binh = member(conn, team, "Hoa"), member(conn, other, "Bình")
    t, o = (hoa, team), (binh, other)
    inside = at_local(date(2026, 8, 1), 9)
    # Half an hour either side of the half's first moment on the campaign's clock: both are
    # 30/06 in UTC, only the second is in H2.
    just_before = at_local(date(2026, 6, 30), 23) + timedelta(minutes=30)
    just_inside = at_local(date(2026, 7, 1), 0) + timedelta(minutes=30)
    for when in (inside, just_inside):
        entry(conn, *t, "patrol", {}, when=when)
    entry(conn, *t, "patrol", {}, when=just_before)
    entry(conn, *t, "patrol", {}, status="pending", when=inside)
    entry(conn, *t, "patrol", {}, status="rejected", when=inside)
    entry(conn, *t, "incident", {"in_time": "yes"}, when=inside)
    entry(conn, *o, "incident", {"in_time": "no"}, when=inside)  # the other commune
    tip(conn, t, "drugs", "resolved", inside)
    tip(conn, t, "drugs", "verifying", inside)
    tip(conn, t, "crime", "received", inside, urgent=True)
    tip(conn, t, "crime", "resolved", inside, status="pending")  # not a result yet
    tip(conn, t, "crime", "resolved", just_before)  # another half
    return {"province": province, "commune": commune, "other": other, "team": team, "hoa": hoa}


async def test_area_counts_are_the_targets_own_count(database: Database) -> None:
    plan = the_plan()

    def read(conn: Connection) -> None:
        ids = seeded(conn)
        store = _store(conn)
        window = targets.Window.of(*H2, ZONE)
        for unit_id in (ids["commune"], ids["province"], ids["team"]):
            rows = store.entry_figures(unit_id, *H2)
            for area in ("patrol", "incident", "tip", "good_deed"):
                verified = sum(r.count for r in rows if r.area == area and r.status == "verified")
                spec = CountSpec(count="entries", area=area)
                assert verified == targets.count(conn, plan, spec, unit_id, window), (unit_id, area)
                assert verified == store.figure(plan, spec, unit_id, *H2)
        commune = store.entry_figures(ids["commune"], *H2)
        by_area: dict[tuple[str, str], int] = {}
        for row in commune:
            by_area[(row.area, row.status)] = by_area.get((row.area, row.status), 0) + row.count
        # Two patrols in the half (one half an hour in), one pending apart, the rejected and
        # the one half an hour before it nowhere
        assert by_area == {
            ("patrol", "verified"): 2,
            ("patrol", "pending"): 1,
            ("incident", "verified"): 1,
            ("tip", "verified"): 3,
            ("tip", "pending"): 1,
        }
        # The province counts both communes: the other commune's incident too
        province = store.entry_figures(ids["province"], *H2)
        assert sum(r.count for r in province if (r.area, r.status) == ("incident", "verified")) == 2

    await database.run(read)


async def test_tips_by_kind_and_outcome_add_up_to_the_tips_verified(database: Database) -> None:
    def read(conn: Connection) -> None:
        ids = seeded(conn)
        store = _store(conn)
        tips = {
            (r.kind, r.progress): r.count
            for r in store.entry_figures(ids["commune"], *H2)
            if r.area == "tip" and r.status == "verified"
        }
        assert tips == {
            ("drugs", "resolved"): 1,
            ("drugs", "verifying"): 1,
            ("crime", "received"): 1,
        }
        counted = targets.count(
            conn,
            the_plan(),
            CountSpec(count="entries", area="tip"),
            ids["commune"],
            targets.Window.of(*H2, ZONE),
        )
        assert sum(tips.values()) == counted == 3

    await database.run(read)


async def test_notable_cases_are_urgent_or_resolved_and_say_nothing_personal(
    database: Database,
) -> None:
    def read(conn: Connection) -> None:
        ids = seeded(conn)
        store = _store(conn)
        found = store.notable_entries(ids["commune"], *H2, limit=10)
        assert sorted((n.kind, n.progress, n.urgent) for n in found) == [
            ("crime", "received", True),
            ("drugs", "resolved", False),
        ]
        assert {n.day for n in found} == {date(2026, 8, 1)}
        assert {n.team for n in found} == {"Tổ Một"}
        assert not any(hasattr(n, "details") for n in found)
        assert len(store.notable_entries(ids["commune"], *H2, limit=1)) == 1

    await database.run(read)


async def test_drafts_are_kept_the_latest_current_and_submissions_read_with_their_state(
    database: Database,
) -> None:
    built = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)

    def run(conn: Connection) -> None:
        ids = seeded(conn)
        store = _store(conn)
        new = NewReport(
            "do-luong",
            "bao-cao",
            date(2026, 12, 9),
            ids["commune"],
            "2026-H2",
            *H2,
            date(2026, 12, 1),
            built,
            None,
            "packaged:bao-cao-don-vi.docx",
            "0" * 64,
            {"areas": {"patrol": 2}},
        )
        first = store.add_report(new)
        second = store.add_report(new)
        store.set_report_files(
            second.id, _document(conn, ids["commune"]), _document(conn, ids["commune"])
        )
        latest = store.latest_report("do-luong", "bao-cao", date(2026, 12, 9), ids["commune"])
        assert latest is not None and latest.id == second.id != first.id
        assert latest.document_id is not None and latest.annex_id is not None
        assert (latest.starts, latest.as_of, latest.built_by) == (H2[0], date(2026, 12, 1), None)
        assert [r.id for r in store.reports_of(ids["commune"])] == [second.id, first.id]
        assert store.latest_report("do-luong", "bao-cao", date(2026, 12, 9), ids["other"]) is None

        row: dict[str, Any] = {
            "plan_code": "do-luong",
            "deadline_code": "bao-cao",
            "due": date(2026, 12, 9),
            "member_id": ids["hoa"],
            "done_at": built,
        }
        conn.execute(insert(deliverables).values(**row, unit_id=ids["commune"], state="returned"))
        conn.execute(insert(deliverables).values(**row, unit_id=ids["other"], state="draft"))
        states = store.report_states(
            "do-luong", "bao-cao", date(2026, 12, 9), [ids["commune"], ids["other"]]
        )
        assert {u: s.state for u, s in states.items()} == {
            ids["commune"]: "returned",
            ids["other"]: "draft",
        }
        assert states[ids["other"]].submitted_on is None
        assert states[ids["commune"]].submitted_on == date(2026, 12, 2)
        assert [s.deadline_code for s in store.submissions_of(ids["commune"], *H2)] == ["bao-cao"]
        assert store.submissions_of(ids["commune"], date(2026, 1, 1), date(2026, 6, 30)) == []
        # Neither a draft nor a submission sent back is done
        assert store.done_units("do-luong", "bao-cao", date(2026, 12, 9)) == set()

    await database.run(run)


def _document(conn: Connection, unit_id: int) -> int:
    from storage.schema import documents

    key = conn.execute(
        insert(documents).values(
            owner_kind="report",
            owner_id=None,
            unit_id=unit_id,
            sha256="0" * 64,
            content_type="application/pdf",
            size=1,
            path="x",
            original_name="x.pdf",
            uploaded_by=None,
            created_at=datetime(2026, 12, 2, tzinfo=UTC),
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])
