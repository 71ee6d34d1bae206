"""Unit kinds as data: where each kind sits, who sits on it, what a province may add, and
deadlines addressed to any kind (old files still load)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from campaign.plans import Plan, PlanError, load_document, unknown_kind_problems
from campaign.roles import Role, fits, misplaced
from campaign.unit_kinds import (
    AGENCY,
    COMMUNE,
    DISTRICT,
    PROVINCE,
    SCHOOL,
    TEAM,
    VILLAGE,
    UnitKind,
    built_in_kinds,
    new_kind_problem,
    normal_kind,
    role_units,
    tree_problem,
)

KINDS = built_in_kinds()
CLUB = UnitKind(
    "club",
    "câu lạc bộ",
    "club",
    frozenset({COMMUNE}),
    frozenset({Role.OFFICER}),
    reports=True,
    category="organisation",
    built_in=False,
)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Thôn", VILLAGE),
        ("tổ dân phố", VILLAGE),
        ("Khu dân cư", VILLAGE),
        ("cơ quan", AGENCY),
        ("Doanh nghiệp", "enterprise"),
        ("trường", SCHOOL),
        ("cơ sở giáo dục", SCHOOL),
        ("huyện", DISTRICT),
        ("Xã", COMMUNE),
        ("tổ", TEAM),
        ("Câu lạc bộ", "club"),  # an added kind by its name
        ("làng", "làng"),  # unknown: left for kind_problem
    ],
)
def test_kinds_are_typed_in_vietnamese(typed: str, kind: str) -> None:
    assert normal_kind(typed, {**KINDS, "club": CLUB}) == kind


@pytest.mark.parametrize(
    ("kind", "parent", "ok"),
    [
        (PROVINCE, None, True),
        (COMMUNE, PROVINCE, True),
        (TEAM, COMMUNE, True),
        (VILLAGE, COMMUNE, True),
        (AGENCY, COMMUNE, True),
        (AGENCY, PROVINCE, True),
        (SCHOOL, PROVINCE, True),
        (DISTRICT, PROVINCE, True),
        (TEAM, PROVINCE, False),  # a team needs a commune
        (TEAM, VILLAGE, False),  # covers a village, but sits under the commune
        (VILLAGE, TEAM, False),  # nothing under a team
        (COMMUNE, COMMUNE, False),
        (COMMUNE, DISTRICT, False),  # no district between province and commune any more
        (AGENCY, None, False),  # an agency is managed by someone
        (AGENCY, VILLAGE, False),
        (PROVINCE, COMMUNE, False),
        (DISTRICT, COMMUNE, False),
    ],
)
def test_where_each_kind_sits(kind: str, parent: str | None, ok: bool) -> None:
    assert (tree_problem(kind, parent, KINDS) is None) is ok


def test_who_sits_where() -> None:
    assert role_units(KINDS)[Role.OFFICER] == (COMMUNE, PROVINCE, AGENCY, "enterprise", SCHOOL)
    assert role_units(KINDS)[Role.LEADER] == (TEAM,)
    assert fits(Role.OFFICER, PROVINCE) and fits(Role.OFFICER, AGENCY)
    assert not fits(Role.ADMIN, AGENCY) and not fits(Role.MEMBER, COMMUNE)
    for nobody in (VILLAGE, DISTRICT):
        assert not any(fits(role, nobody) for role in Role)
    said = misplaced(Role.MEMBER, VILLAGE)
    assert said is not None
    assert said.get("vi") == "Tổ viên chỉ thuộc cấp tổ, không thuộc cấp thôn, tổ dân phố."
    assert misplaced(Role.OFFICER, "club", {**KINDS, "club": CLUB}) is None


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({}, None),
        ({"code": "Club"}, "lower-case letters"),
        ({"code": AGENCY}, "already a unit kind agency"),
        ({"name_en": " "}, "needs a Vietnamese and an English name"),
        ({"parents": frozenset()}, "must say what it sits under"),
        ({"parents": frozenset({"hamlet"})}, "Unit kind 'hamlet' is not valid"),
        ({"parents": frozenset({TEAM})}, "Nothing can sit under a team"),
        ({"roles": frozenset({Role.LEADER})}, "sit on teams only"),
        ({"roles": frozenset({Role.MEMBER, Role.OFFICER})}, "sit on teams only"),
    ],
)
def test_what_a_province_may_add(change: dict[str, object], says: str | None) -> None:
    problem = new_kind_problem(replace(CLUB, **change), KINDS)  # type: ignore[arg-type]
    if says is None:
        assert problem is None
    else:
        assert problem is not None and says in problem.get("en")


DEADLINES = """\
code: ke-hoach-co-quan
name: Kế hoạch
issuer: Công an tỉnh
scope: HN
starts: 01/01/2027
ends: 31/12/2027
deadlines:
  - code: cu
    title: Cũ
    by: 10/03/2027
    role: officer
    level: commune
    deliverable: Báo cáo
  - code: moi
    title: Mới
    by: 10/03/2027
    addressees: [{kind: commune, role: officer}, {kind: agency, role: officer}]
    deliverable: Báo cáo
    escalate_to: province
"""


def test_deadlines_name_their_addressees_either_way() -> None:
    plan = load_document(DEADLINES)
    assert isinstance(plan, Plan)
    old, new = plan.deadlines
    assert [(a.kind, a.role) for a in old.addressed] == [(COMMUNE, Role.OFFICER)]
    assert [(a.kind, a.role) for a in new.addressed] == [
        (COMMUNE, Role.OFFICER),
        (AGENCY, Role.OFFICER),
    ]
    assert new.kinds == (COMMUNE, AGENCY)
    assert unknown_kind_problems(plan, DEADLINES, KINDS) == []


@pytest.mark.parametrize(
    ("lines", "says"),
    [
        ("    role: officer\n    addressees: [{kind: agency, role: officer}]\n", "not both"),
        ("", "Who reports it is missing"),
        ("    addressees: [{kind: Agency, role: officer}]\n", "should match pattern"),
        ("    addressees: [{kind: agency, role: chief}]\n", "officer"),
    ],
)
def test_a_deadline_says_who_reports_it_once(lines: str, says: str) -> None:
    text = (
        "code: ke-hoach-sai\nname: x\nissuer: x\nstarts: 01/01/2027\nends: 31/12/2027\n"
        "deadlines:\n  - code: d\n    title: x\n    by: 10/03/2027\n    deliverable: x\n" + lines
    )
    with pytest.raises(PlanError) as error:
        load_document(text)
    assert any(says in problem for problem in error.value.problems), error.value.problems


def test_a_kind_the_database_does_not_know_is_named_with_its_line() -> None:
    text = DEADLINES.replace("{kind: agency, role: officer}", "{kind: club, role: officer}")
    plan = load_document(text)
    assert isinstance(plan, Plan)
    problems = unknown_kind_problems(plan, text, KINDS)
    assert [p.get("en") for p in problems] == [
        "line 17: deadlines.1.addressees.1.kind: unit kind 'club' is not in the database "
        "(known: agency, commune, district, enterprise, province, school, team, village; "
        "add one with antt-bot unit kind add)."
    ]
    assert unknown_kind_problems(plan, text, {**KINDS, "club": CLUB}) == []


def test_addressees_survive_the_demo_move_and_a_rewrite() -> None:
    from datetime import timedelta

    from campaign.demo_plan import _moved, plan_yaml

    plan = load_document(DEADLINES)
    assert isinstance(plan, Plan)
    moved = _moved(plan.deadlines[1], timedelta(days=365))
    assert moved.addressed == plan.deadlines[1].addressed and str(moved.by) == "2028-03-09"
    again = load_document(plan_yaml(plan))
    assert isinstance(again, Plan)
    assert [d.addressed for d in again.deadlines] == [d.addressed for d in plan.deadlines]
