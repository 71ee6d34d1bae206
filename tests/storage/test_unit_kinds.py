"""Unit kinds, areas covered and dated groupings in SQL (SQLite and PostgreSQL): the built-in
kinds are seeded by the migration, a province's own are read back with them, and "the former
district of this commune on that day" is answered by date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Connection, select

from campaign.roles import Role
from campaign.unit_kinds import BUILT_IN, UnitKind
from services import unit_kinds, units
from storage.database import Database
from storage.schema import audit_log
from storage.schema import unit_kinds as unit_kinds_table
from storage.unit_of_work import UnitOfWork
from storage.units import group_of, members_of_group, unit_id

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.close()


def _tree(conn: Connection) -> None:
    store = UnitOfWork(conn).units
    for code, kind, parent in (
        ("HN", "province", None),
        ("H1", "huyện", "HN"),
        ("H2", "huyện", "HN"),
        ("XA", "xã", "HN"),
        ("XB", "xã", "HN"),
        ("XC", "xã", "HN"),
        ("XA-T1", "tổ", "XA"),
        ("XA-DONG", "thôn", "XA"),
    ):
        units.add_unit(store, code=code, name=code, kind=kind, parent_code=parent, now=NOW)


def test_the_built_in_kinds_are_seeded_and_a_provinces_own_read_back(database: Database) -> None:
    def work(conn: Connection) -> None:
        seeded = {
            r.code: (sorted(r.parents), sorted(r.roles), r.reports, r.category)
            for r in conn.execute(select(unit_kinds_table)).all()
        }
        assert seeded == {
            k.code: (sorted(k.parents), sorted(r.value for r in k.roles), k.reports, k.category)
            for k in BUILT_IN
        }
        store = UnitOfWork(conn).units
        unit_kinds.add_kind(
            store,
            code="club",
            name_vi="Câu lạc bộ",
            name_en="Club",
            parents="commune",
            roles="officer",
            reports=True,
            category="organisation",
            now=NOW,
        )
        kinds = store.unit_kinds()
        assert list(kinds)[:2] == ["commune", "province"] and kinds["club"] == UnitKind(
            "club",
            "Câu lạc bộ",
            "Club",
            frozenset({"commune"}),
            frozenset({Role.OFFICER}),
            reports=True,
            category="organisation",
            built_in=False,
        )
        actions = conn.execute(select(audit_log.c.action, audit_log.c.target_id)).all()
        assert ("unit_kind.added", "club") in [tuple(a) for a in actions]

    database.run_blocking(work)


def test_a_team_shows_the_village_it_covers(database: Database) -> None:
    def work(conn: Connection) -> None:
        _tree(conn)
        store = UnitOfWork(conn).units
        unit_kinds.cover(store, "XA-T1", "XA-DONG", NOW)
        rows = {r.code: r for r in store.listed(False)}
        assert rows["XA-T1"].area_code == "XA-DONG" and rows["XA-T1"].parent_code == "XA"
        assert rows["XA-DONG"].kind == "village" and rows["XA-DONG"].area_code is None

    database.run_blocking(work)


def test_the_group_of_a_commune_on_a_day(database: Database) -> None:
    def work(conn: Connection) -> None:
        _tree(conn)
        store = UnitOfWork(conn).units
        lines = [
            (1, ["H1", "XA", "01/01/2020", "30/06/2025"]),
            (2, ["H2", "XA", "01/07/2025", ""]),  # the province moved it at the merger
            (3, ["H1", "XB", "01/01/2020", ""]),
            (4, ["H2", "XC", "01/07/2025", ""]),
        ]
        done = unit_kinds.import_groups(store, "former-district", lines, NOW)
        assert done.problems == [] and done.added == 4
        ids = {c: unit_id(conn, c) or 0 for c in ("H1", "H2", "XA", "XB", "XC")}
        assert group_of(conn, "former-district", ids["XA"], date(2023, 5, 1)) == ids["H1"]
        assert group_of(conn, "former-district", ids["XA"], date(2025, 6, 30)) == ids["H1"]
        assert group_of(conn, "former-district", ids["XA"], date(2025, 7, 1)) == ids["H2"]
        assert group_of(conn, "former-district", ids["XC"], date(2024, 1, 1)) is None
        assert group_of(conn, "other-scheme", ids["XA"], date(2026, 1, 1)) is None
        day = date(2023, 5, 1)
        assert members_of_group(conn, "former-district", ids["H1"], day) == sorted(
            [ids["XA"], ids["XB"]]
        )
        day = date(2026, 1, 1)
        assert members_of_group(conn, "former-district", ids["H1"], day) == [ids["XB"]]
        assert members_of_group(conn, "former-district", ids["H2"], day) == sorted(
            [ids["XA"], ids["XC"]]
        )
        again = unit_kinds.import_groups(store, "former-district", lines, NOW)
        assert again.added == 0  # kept already: nothing twice

    database.run_blocking(work)


def test_a_subtree_is_the_same_read_in_small_batches(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national tree's levels are read a batch of ids at a time (PostgreSQL binds at most
    32,767 parameters a statement): batches as small as 2 give the same units."""
    from storage import tree

    def work(conn: Connection) -> tuple[list[int], list[int]]:
        _tree(conn)
        root = unit_id(conn, "HN")
        assert root is not None
        whole = tree.subtree(conn, root)
        monkeypatch.setattr(tree, "IDS_A_QUERY", 2)
        return whole, tree.subtree(conn, root)

    whole, batched = database.run_blocking(work)
    assert len(whole) == 8 and sorted(batched) == sorted(whole)
