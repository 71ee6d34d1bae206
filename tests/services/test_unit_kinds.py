"""A province adds its own kinds of unit, villages, agencies and schools beside its teams, says
which village a team covers, and imports the communes of its former districts: every refusal
says why and writes nothing; every change is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from campaign.localized import Language
from campaign.roles import Role
from services import invites, unit_kinds, units
from services.refusals import Refused
from tests.fakes.unit_kinds import FakeKindedUnits

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def refused(attempt: object, lang: Language = "en") -> str:
    assert callable(attempt)
    with pytest.raises(Refused) as caught:
        attempt()
    return caught.value.reason.get(lang)


@pytest.fixture
def store() -> FakeKindedUnits:
    fake = FakeKindedUnits()
    for code, name, kind, parent in (
        ("HN", "Hà Nội", "tỉnh", None),
        ("HN-XA", "Xã A", "xã", "HN"),
        ("HN-XB", "Xã B", "xã", "HN"),
        ("HN-XA-T1", "Tổ 1", "tổ", "HN-XA"),
        ("HN-XA-DONG", "Thôn Đông", "thôn", "HN-XA"),
        ("HN-XB-TAY", "Tổ dân phố Tây", "tổ dân phố", "HN-XB"),
        ("HN-CQ", "Sở Tư pháp", "cơ quan", "HN"),
        ("HN-XA-TH", "Trường Tiểu học A", "trường", "HN-XA"),
        ("HN-H1", "Huyện cũ Một", "huyện", "HN"),
    ):
        units.add_unit(fake, code=code, name=name, kind=kind, parent_code=parent, now=NOW)
    fake.audit.clear()
    return fake


def kind_of(store: FakeKindedUnits, code: str) -> str:
    unit = store.unit(code)
    assert unit is not None
    return unit.kind


def test_villages_agencies_schools_and_districts_are_added_by_their_vietnamese_words(
    store: FakeKindedUnits,
) -> None:
    kinds = {code: kind_of(store, code) for code in ("HN-XA-DONG", "HN-XB-TAY", "HN-CQ")}
    assert kinds == {"HN-XA-DONG": "village", "HN-XB-TAY": "village", "HN-CQ": "agency"}
    assert kind_of(store, "HN-XA-TH") == "school" and kind_of(store, "HN-H1") == "district"
    # A village holds nobody; an agency's officer sits on it, a member does not.
    said = refused(
        lambda: invites.create_invites(
            store, unit_code="HN-XA-DONG", role=Role.OFFICER, count=1, now=NOW
        )
    )
    assert "not on a village" in said
    refused(
        lambda: invites.create_invites(store, unit_code="HN-CQ", role=Role.MEMBER, count=1, now=NOW)
    )
    made = invites.create_invites(store, unit_code="HN-CQ", role=Role.OFFICER, count=1, now=NOW)
    assert len(made) == 1 and store.invites[0].role is Role.OFFICER
    made = invites.create_invites(store, unit_code="HN", role=Role.OFFICER, count=1, now=NOW)
    assert len(made) == 1  # Công an tỉnh


def test_a_province_adds_a_kind_of_its_own_audited(store: FakeKindedUnits) -> None:
    kind = unit_kinds.add_kind(
        store,
        code="club",
        name_vi="Câu lạc bộ",
        name_en="Club",
        parents="commune, province",
        roles="officer",
        reports=True,
        category="organisation",
        now=NOW,
    )
    assert kind.parents == frozenset({"commune", "province"}) and kind.roles == {Role.OFFICER}
    assert store.audit == [
        (
            "unit_kind.added",
            "club",
            {
                "name_vi": "Câu lạc bộ",
                "name_en": "Club",
                "parents": ["commune", "province"],
                "roles": ["officer"],
                "reports": True,
                "category": "organisation",
            },
        )
    ]
    units.add_unit(
        store, code="HN-XA-CLB", name="CLB", kind="câu lạc bộ", parent_code="HN-XA", now=NOW
    )
    assert kind_of(store, "HN-XA-CLB") == "club"
    said = refused(
        lambda: units.add_unit(
            store, code="HN-CLB2", name="CLB", kind="club", parent_code="HN-XA-T1", now=NOW
        )
    )
    assert "Nothing can sit under a team" in said


@pytest.mark.parametrize(
    ("code", "parents", "roles", "category", "says"),
    [
        ("agency", "commune", "officer", "organisation", "already a unit kind agency"),
        ("club", "team", "officer", "organisation", "Nothing can sit under a team"),
        ("club", "commune", "leader", "organisation", "sit on teams only"),
        ("club", "commune", "chief", "organisation", "Not valid roles: chief"),
        ("club", "", "officer", "organisation", "must say what it sits under"),
        ("club", "commune", "officer", "party", "Not a valid category"),
    ],
)
def test_a_kind_that_would_break_the_tree_is_refused(
    store: FakeKindedUnits, code: str, parents: str, roles: str, category: str, says: str
) -> None:
    before = dict(store.kinds)
    said = refused(
        lambda: unit_kinds.add_kind(
            store,
            code=code,
            name_vi="Câu lạc bộ",
            name_en="Club",
            parents=parents,
            roles=roles,
            reports=False,
            category=category,
            now=NOW,
        )
    )
    assert says in said
    assert store.kinds == before and store.audit == []


def test_a_team_covers_a_village_of_its_own_commune(store: FakeKindedUnits) -> None:
    unit_kinds.cover(store, "HN-XA-T1", "HN-XA-DONG", NOW)
    row = next(r for r in units.list_units(store, False) if r.code == "HN-XA-T1")
    assert row.area_code == "HN-XA-DONG" and row.parent_code == "HN-XA"
    assert store.audit == [("unit.covers", "HN-XA-T1", {"area": "HN-XA-DONG"})]
    for team, village, says in (
        ("HN-XA-T1", "HN-XB-TAY", "not in the same commune"),
        ("HN-XA-T1", "HN-XA-TH", "is not a village"),
        ("HN-XA-DONG", "HN-XA-DONG", "is not a team"),
        ("HN-XA-T1", "NOWHERE", "No unit NOWHERE"),
    ):
        assert says in refused(lambda t=team, v=village: unit_kinds.cover(store, t, v, NOW))
    assert store.areas == {store.unit("HN-XA-T1").id: store.unit("HN-XA-DONG").id}  # type: ignore[union-attr]
    unit_kinds.cover(store, "HN-XA-T1", None, NOW)
    assert store.areas == {}


def test_a_grouping_file_is_checked_whole_each_line_named_before_anything_is_kept(
    store: FakeKindedUnits,
) -> None:
    lines = [
        (1, ["huyen", "xa", "tu_ngay", "den_ngay"]),
        (2, ["HN-H1", "HN-XA", "01/07/2025", ""]),
        (3, ["HN-H1", "HN-XB", "2025-07-01", "31/12/2030"]),
        (4, ["HN-XA", "HN-XB", "01/07/2025", ""]),  # a commune is no district
        (5, ["HN-H1", "HN-NOWHERE", "01/07/2025", ""]),
        (6, ["HN-H1", "HN-XA", "01/07/2025", ""]),  # line 2 again
        (7, ["HN-H1", "HN-XA-T1", "31/02/2025", ""]),
        (8, ["HN-H1", "HN-XB", "01/07/2026", "01/01/2026"]),
        (9, ["HN-H1"]),
        (10, ["", "", "", ""]),  # blank: skipped
    ]
    done = unit_kinds.import_groups(store, "former-district", lines, NOW)
    assert [(p.line, p.why.get("en")) for p in done.problems] == [
        (4, "HN-XA is a commune, a district is needed."),
        (5, "No unit HN-NOWHERE."),
        (6, "HN-XA is already on line 2 with the same start date."),
        (7, "HN-XA-T1 is a team, a commune is needed."),
        (8, "the end date is before the start date."),
        (
            9,
            "needs the district's code, the commune's code, a start date (and an end date if any).",
        ),
    ]
    assert done.added == 0 and store.groups == [] and store.audit == []

    good = [lines[0], lines[1], lines[2]]
    dry = unit_kinds.import_groups(store, "former-district", good, NOW, dry_run=True)
    assert len(dry.rows) == 2 and dry.added == 0 and store.groups == []
    done = unit_kinds.import_groups(store, "former-district", good, NOW)
    assert done.added == 2
    assert [(g.unit_id, g.valid_from, g.valid_to) for g in store.groups] == [
        (store.unit("HN-XA").id, date(2025, 7, 1), None),  # type: ignore[union-attr]
        (store.unit("HN-XB").id, date(2025, 7, 1), date(2030, 12, 31)),  # type: ignore[union-attr]
    ]
    assert [a[0] for a in store.audit] == ["unit_group.imported"]
    again = unit_kinds.import_groups(store, "former-district", good, NOW)
    assert again.added == 0 and all(r.kept_already for r in again.rows)  # idempotent
    said = refused(lambda: unit_kinds.import_groups(store, "parish", good, NOW))
    assert said == "No grouping scheme parish: use former-district."
