"""The rules of units, invite codes, rosters and the demo, against the in-memory fake: what an
administrator (at the command line today, in the console next) is refused, and what changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from campaign.localized import Language
from campaign.roles import Role
from services import demo, invites, units
from services.refusals import Refused
from tests.fakes.units import FakeMember, FakeUnits

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def refused(attempt: object, lang: Language = "en") -> str:
    """What the refusal says; fails when nothing is refused."""
    assert callable(attempt)
    with pytest.raises(Refused) as caught:
        attempt()
    return caught.value.reason.get(lang)


@pytest.fixture
def store() -> FakeUnits:
    """A province, a commune with a team, as a province admin types them on day one."""
    fake = FakeUnits()
    units.add_unit(fake, code="HN", name="Hà Nội", kind="tỉnh", parent_code=None, now=NOW)
    units.add_unit(fake, code="HN-XA", name="Xã A", kind="xã", parent_code="HN", now=NOW)
    units.add_unit(fake, code="HN-XA-T1", name="Tổ 1", kind="team", parent_code="HN-XA", now=NOW)
    fake.audit.clear()
    return fake


def test_a_unit_is_added_under_its_parent_and_audited(store: FakeUnits) -> None:
    kept = units.add_unit(
        store, code=" HN-XA-T2 ", name=" Tổ 2 ", kind="Tổ", parent_code="HN-XA", now=NOW
    )
    assert kept == ("HN-XA-T2", "Tổ 2")
    added = store.unit("HN-XA-T2")
    assert added is not None and added.kind == "team"
    assert added.parent_id == store.unit_by_id(added.parent_id or 0).id
    assert store.unit_by_id(added.parent_id or 0).code == "HN-XA"
    assert store.audit == [("unit.added", "HN-XA-T2", {"name": "Tổ 2", "kind": "team"})]


@pytest.mark.parametrize(
    ("code", "name", "kind", "parent", "said"),
    [
        ("HN XA", "Xã B", "commune", "HN", "Unit code 'HN XA' is not valid"),
        ("", "Xã B", "commune", "HN", "A unit needs a code and a name."),
        ("HN-XB", "Xã B", "hamlet", "HN", "Unit kind 'hamlet' is not valid"),
        ("HN-XA", "Xã B", "commune", "HN", "Unit HN-XA already exists."),
        ("HN-T9", "Tổ 9", "team", "HN-XA-T1", "Nothing can sit under a team"),
        ("HN-T9", "Tổ 9", "team", "HN", "team"),
        ("HN-XB", "Xã B", "commune", "NOWHERE", "No unit NOWHERE to sit under."),
        ("HN-XB", "X" * 201, "commune", "HN", "The unit name is 201 characters long"),
    ],
)
def test_a_wrong_unit_is_refused_and_nothing_is_written(
    store: FakeUnits, code: str, name: str, kind: str, parent: str, said: str
) -> None:
    before = dict(store.units)
    why = refused(
        lambda: units.add_unit(store, code=code, name=name, kind=kind, parent_code=parent, now=NOW)
    )
    assert said in why
    assert store.units == before and store.audit == []


def test_refusals_are_worded_in_the_readers_language(store: FakeUnits) -> None:
    attempt = lambda: units.rename_unit(store, "NOWHERE", "Tên", NOW)  # noqa: E731
    assert refused(attempt, "vi") == "Không có đơn vị NOWHERE."
    assert refused(attempt, "en") == "No unit NOWHERE."


def test_rename_keeps_the_unit_and_says_the_old_name(store: FakeUnits) -> None:
    assert units.rename_unit(store, "HN-XA", "  Phường A ", NOW) == "Xã A"
    assert (found := store.unit("HN-XA")) is not None and found.name == "Phường A"
    assert refused(lambda: units.rename_unit(store, "HN-XA", "  ", NOW)) == "A unit needs a name."


def test_a_unit_cannot_move_inside_itself_nor_break_the_tree(store: FakeUnits) -> None:
    units.add_unit(store, code="HN-XB", name="Xã B", kind="commune", parent_code="HN", now=NOW)
    assert "HN-XA-T1 is inside HN-XA" in refused(
        lambda: units.move_unit(store, "HN-XA", "HN-XA-T1", NOW)
    )
    assert "Nothing can sit under a team" in refused(
        lambda: units.move_unit(store, "HN-XB", "HN-XA-T1", NOW)
    )
    units.move_unit(store, "HN-XA-T1", "HN-XB", NOW)
    rows = {row.code: row for row in units.list_units(store, include_closed=False)}
    assert rows["HN-XA-T1"].parent_code == "HN-XB"


def test_closing_needs_an_empty_unit_and_withdraws_its_codes(store: FakeUnits) -> None:
    issued = invites.create_invites(store, unit_code="HN-XA", role=Role.OFFICER, count=2, now=NOW)
    said = refused(lambda: units.close_unit(store, "HN-XA", TODAY, NOW), "vi")
    assert said.startswith("Đơn vị HN-XA còn HN-XA-T1: chuyển đi (antt-bot unit move)")
    team = store.unit("HN-XA-T1")
    assert team is not None
    store.members[99] = FakeMember(99, team.id, "Người Một", Role.MEMBER)
    assert refused(lambda: units.close_unit(store, "HN-XA-T1", TODAY, NOW)).startswith(
        "Unit HN-XA-T1 still holds 1 member(s): move them"
    )
    units.add_unit(store, code="HN-XC", name="Xã C", kind="commune", parent_code="HN", now=NOW)
    invites.create_invites(store, unit_code="HN-XC", role=Role.OFFICER, count=3, now=NOW)
    assert units.close_unit(store, "HN-XC", TODAY, NOW) == 3
    assert invites.open_invites(store, "HN-XC", NOW) == []
    assert len(invites.open_invites(store, "HN-XA", NOW)) == len(issued)
    assert (
        refused(lambda: units.rename_unit(store, "HN-XC", "Xã C mới", NOW))
        == "Unit HN-XC was closed on 10/03/2026."
    )
    assert [row.code for row in units.list_units(store, include_closed=False)] == [
        "HN",
        "HN-XA",
        "HN-XA-T1",
    ]


def test_a_closing_day_is_neither_ahead_nor_before_the_unit_began(store: FakeUnits) -> None:
    units.add_unit(store, code="HN-XC", name="Xã C", kind="commune", parent_code="HN", now=NOW)
    assert "has not come" in refused(
        lambda: units.close_unit(store, "HN-XC", TODAY + timedelta(days=1), NOW)
    )
    assert "before the unit began (10/03/2026)" in refused(
        lambda: units.close_unit(store, "HN-XC", date(2026, 1, 1), NOW)
    )


def test_a_merger_moves_people_units_and_codes_to_the_successor(store: FakeUnits) -> None:
    units.add_unit(store, code="HN-XB", name="Xã B", kind="commune", parent_code="HN", now=NOW)
    old = store.unit("HN-XA")
    assert old is not None
    store.members[99] = FakeMember(99, old.id, "Cán Bộ", Role.OFFICER)
    invites.create_invites(store, unit_code="HN-XA", role=Role.OFFICER, count=1, now=NOW)
    assert "both must be of one kind" in refused(
        lambda: units.merge_unit(store, "HN-XA-T1", "HN-XB", TODAY, NOW)
    )
    assert "is the unit itself or inside it" in refused(
        lambda: units.merge_unit(store, "HN", "HN", TODAY, NOW)
    )
    assert refused(lambda: units.merge_unit(store, "HN-XA", "HN-XZ", TODAY, NOW)) == (
        "No unit HN-XZ to merge into."
    )
    moved = units.merge_unit(store, "HN-XA", "HN-XB", TODAY, NOW)
    assert (moved.members, moved.units, moved.invites) == (1, 1, 1)
    rows = {row.code: row for row in units.list_units(store, include_closed=True)}
    assert rows["HN-XA"].successor_code == "HN-XB" and rows["HN-XA"].valid_to == TODAY
    assert rows["HN-XA-T1"].parent_code == "HN-XB" and rows["HN-XB"].members == 1
    assert store.audit[-1][0] == "unit.merged"


def test_invites_fit_their_units_kind_and_the_limits(store: FakeUnits) -> None:
    said = refused(
        lambda: invites.create_invites(
            store, unit_code="HN-XA-T1", role=Role.OFFICER, count=1, now=NOW
        ),
        "vi",
    )
    assert said == (
        "Không tạo được: đơn vị HN-XA-T1: Cán bộ Công an xã chỉ thuộc cấp xã, tỉnh, cơ quan, "
        "doanh nghiệp hoặc cơ sở giáo dục, không thuộc cấp tổ."
    )
    for count, days in ((0, 30), (1001, 30), (1, 0), (1, 366)):
        refused(
            lambda count=count, days=days: invites.create_invites(
                store, unit_code="HN-XA-T1", role=Role.MEMBER, count=count, now=NOW, days=days
            )
        )
    assert store.invites == []
    made = invites.create_invites(
        store, unit_code="HN-XA-T1", role=Role.LEADER, count=3, now=NOW, days=7
    )
    assert len({invite.code for invite in made}) == 3
    assert all(invite.expires_at == NOW + timedelta(days=7) for invite in made)
    assert [a[0] for a in store.audit] == ["invite.created"] * 3


def test_a_roster_import_makes_each_person_once_with_a_code(store: FakeUnits) -> None:
    team = store.unit("HN-XA-T1")
    assert team is not None
    where = (team.id, team.code)

    def imported(joined_on: date | None = None) -> invites.ImportedMember:
        return invites.import_member(
            store,
            line=2,
            unit=where,
            full_name="Phan Văn Một",
            role=Role.MEMBER,
            phone=None,
            now=NOW,
            joined_on=joined_on,
        )

    first = imported(date(2025, 6, 1))
    again = imported(date(2025, 5, 1))
    assert first.created and not again.created and first.invite_code == again.invite_code
    assert store.unit_by_id(team.id).valid_from == date(2025, 5, 1)
    assert [a[0] for a in store.audit] == [
        "invite.created",
        "member.imported",
        "member.joined_team_on",
    ]
    assert "Quản trị viên chỉ thuộc cấp xã hoặc tỉnh" in refused(
        lambda: invites.import_member(
            store,
            line=3,
            unit=where,
            full_name="Phan Văn Sai",
            role=Role.ADMIN,
            phone=None,
            now=NOW,
        ),
        "vi",
    )


def test_a_roster_path_finds_units_by_code_or_name(store: FakeUnits) -> None:
    team = store.unit("HN-XA-T1")
    assert team is not None
    assert units.find_unit_by_path(store, ("hn-xa-t1",)) == (team.id, "HN-XA-T1")
    assert units.find_unit_by_path(store, ("Ha Noi", "xa a", "TO 1")) == (team.id, "HN-XA-T1")
    assert units.find_unit_by_path(store, ("Hà Nội", "Xã Z")) is None


def test_misplaced_rows_are_reported_by_table_and_id(store: FakeUnits) -> None:
    team = store.unit("HN-XA-T1")
    assert team is not None
    store.members[99] = FakeMember(99, team.id, "Cán Bộ Cũ", Role.OFFICER)
    assert [(m.table, m.id, m.unit_kind) for m in units.misplaced_rows(store, NOW)] == [
        ("members", 99, "team")
    ]


def test_the_demo_is_made_once_with_a_code_per_role() -> None:
    store = FakeUnits()
    assert demo.demo_at_start(store, NOW) is not None  # an empty database gets the demo
    made = demo.ensure_demo(store, NOW, plan=False)
    again = demo.ensure_demo(store, NOW, plan=False)
    assert not made.created and not again.created
    assert (made.member.code, made.officer.code) == (again.member.code, again.officer.code)
    assert made.member.role is Role.MEMBER and made.officer.unit_name == "Xã Hòa Bình"
    assert len(store.members) == len(demo.DEMO_ROSTER)
    running = demo.ensure_demo(store, NOW).plan
    assert running is not None and demo.ensure_demo(store, NOW).plan == running
    assert len(store.plans) == 1


def test_no_demo_at_start_beside_real_units(store: FakeUnits) -> None:
    assert demo.demo_at_start(store, NOW) is None
