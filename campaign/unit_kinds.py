"""The kinds of unit a province uses, as data: where each may sit, which roles sit on it and
whether it answers a plan's deadlines itself.

The built-in kinds are seeded in the database (table unit_kinds) and always known; a province
may add its own (`new_kind_problem` says what it may not add). A few invariants other code
relies on stay fixed whatever the data says: nothing sits under a team, a team sits under a
commune, a commune is not under a commune, a province is on top, and members, deputies and
leaders sit on teams only (entries are logged on teams; their tips belong to the team's commune,
whose officer alone follows them up and may see who gave them: campaign/review)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from campaign.catalogs import said
from campaign.localized import Language, Localized
from campaign.normalize import fold
from campaign.roles import Role

PROVINCE, COMMUNE, TEAM = "province", "commune", "team"
VILLAGE, AGENCY, ENTERPRISE, SCHOOL, DISTRICT = (
    "village",
    "agency",
    "enterprise",
    "school",
    "district",
)
KIND_SHAPE = re.compile(r"[a-z][a-z0-9_]{0,19}")  # fits units.kind (20 characters)
Category = Literal["area", "organisation", "force", "legacy"]
CATEGORIES: tuple[Category, ...] = ("area", "organisation", "force", "legacy")
TEAM_ROLES = frozenset({Role.MEMBER, Role.DEPUTY, Role.LEADER})


@dataclass(frozen=True)
class UnitKind:
    code: str
    name_vi: str
    name_en: str
    parents: frozenset[str]  # the kinds it may sit under (empty: on top)
    roles: frozenset[Role]  # the roles that may sit on it
    reports: bool  # it answers a plan's deadlines and targets itself
    category: Category
    built_in: bool = True

    def name(self, lang: Language) -> str:
        return self.name_vi if lang == "vi" else self.name_en


Kinds = Mapping[str, UnitKind]


def _kind(
    code: str,
    vi: str,
    en: str,
    parents: Iterable[str],
    roles: Iterable[Role],
    *,
    reports: bool,
    category: Category,
) -> UnitKind:
    return UnitKind(code, vi, en, frozenset(parents), frozenset(roles), reports, category)


_OUTSIDE_THE_FORCE = (COMMUNE, PROVINCE)  # who manages an agency, an enterprise, a school
BUILT_IN: tuple[UnitKind, ...] = (
    _kind(
        COMMUNE,
        "xã",
        "commune",
        (PROVINCE,),
        (Role.OFFICER, Role.ADMIN),
        reports=True,
        category="area",
    ),
    _kind(
        PROVINCE, "tỉnh", "province", (), (Role.ADMIN, Role.OFFICER), reports=True, category="area"
    ),
    _kind(TEAM, "tổ", "team", (COMMUNE,), TEAM_ROLES, reports=True, category="force"),
    _kind(VILLAGE, "thôn, tổ dân phố", "village", (COMMUNE,), (), reports=False, category="area"),
    _kind(
        AGENCY,
        "cơ quan",
        "agency",
        _OUTSIDE_THE_FORCE,
        (Role.OFFICER,),
        reports=True,
        category="organisation",
    ),
    _kind(
        ENTERPRISE,
        "doanh nghiệp",
        "enterprise",
        _OUTSIDE_THE_FORCE,
        (Role.OFFICER,),
        reports=True,
        category="organisation",
    ),
    _kind(
        SCHOOL,
        "cơ sở giáo dục",
        "school",
        _OUTSIDE_THE_FORCE,
        (Role.OFFICER,),
        reports=True,
        category="organisation",
    ),
    # Districts closed on 30/6/2025: kept for older plans and the former-district grouping.
    _kind(DISTRICT, "huyện", "district", (PROVINCE,), (), reports=False, category="legacy"),
)


def built_in_kinds() -> dict[str, UnitKind]:
    return {kind.code: kind for kind in BUILT_IN}


# Words an admin may type for a built-in kind, folded (no marks, lower case). An added kind is
# typed by its code or its name.
KIND_WORDS = {
    "province": PROVINCE,
    "tinh": PROVINCE,
    "thanh pho": PROVINCE,
    "commune": COMMUNE,
    "xa": COMMUNE,
    "phuong": COMMUNE,
    "dac khu": COMMUNE,
    "team": TEAM,
    "to": TEAM,
    "to bao ve antt": TEAM,
    "village": VILLAGE,
    "thon": VILLAGE,
    "ap": VILLAGE,
    "ban": VILLAGE,
    "to dan pho": VILLAGE,
    "khu dan cu": VILLAGE,
    "agency": AGENCY,
    "co quan": AGENCY,
    "enterprise": ENTERPRISE,
    "doanh nghiep": ENTERPRISE,
    "school": SCHOOL,
    "truong": SCHOOL,
    "truong hoc": SCHOOL,
    "nha truong": SCHOOL,
    "co so giao duc": SCHOOL,
    "district": DISTRICT,
    "huyen": DISTRICT,
    "quan": DISTRICT,
    "thi xa": DISTRICT,
}


def normal_kind(typed: str, kinds: Kinds) -> str:
    """'Commune ' is 'commune', 'Thôn' is 'village', an added kind's name is its code: a known
    kind however it is typed; anything else folded as it is (and then refused by
    `kind_problem`)."""
    key = fold(typed)
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    for kind in kinds.values():
        if key in (fold(kind.code), fold(kind.name_vi), fold(kind.name_en)):
            return kind.code
    return typed.strip().casefold()


def known_codes(kinds: Kinds) -> str:
    return ", ".join(sorted(kinds))


def kind_problem(kind: str, kinds: Kinds) -> Localized | None:
    if kind in kinds:
        return None
    return said("unit_kind_unknown", kind=repr(kind), known=known_codes(kinds))


def role_units(kinds: Kinds) -> dict[Role, tuple[str, ...]]:
    """Where each role sits: the kinds that take it, in the order of `kinds`."""
    return {role: tuple(k.code for k in kinds.values() if role in k.roles) for role in Role}


def tree_problem(kind: str, parent_kind: str | None, kinds: Kinds) -> Localized | None:
    """Why a unit of `kind` cannot sit under a unit of `parent_kind` (None: at the top); None
    when it can."""
    if not KIND_SHAPE.fullmatch(kind):
        return said("unit_kind_shape", kind=repr(kind))
    if parent_kind == TEAM:
        return said("unit_under_a_team")
    if kind == TEAM and parent_kind != COMMUNE:
        # Its leader's entries go up to the commune's officer: a team under a province
        # would have nobody to verify them, nor a commune to be graded in.
        return said("unit_team_needs_a_commune")
    if kind == COMMUNE and parent_kind == COMMUNE:
        return said("unit_commune_under_a_commune")
    if kind == PROVINCE and parent_kind is not None:
        return said("unit_province_on_top")
    known = kinds.get(kind)
    if known is None:
        return kind_problem(kind, kinds)
    if parent_kind is None and known.parents:
        return said("unit_kind_needs_a_parent", kind=kind, parents=", ".join(sorted(known.parents)))
    if parent_kind is not None and parent_kind not in known.parents:
        allowed = ", ".join(sorted(known.parents)) or "-"
        return said("unit_kind_not_under", kind=kind, parent=parent_kind, parents=allowed)
    return None


def new_kind_problem(kind: UnitKind, kinds: Kinds) -> Localized | None:
    """Why a province may not add this kind (None: it may). An added kind sits under kinds
    that exist (never a team), holds officers or admins only (members, deputies and leaders sit
    on teams: entries and their tips need a team under a commune), and is new."""
    if not KIND_SHAPE.fullmatch(kind.code):
        return said("unit_kind_shape", kind=repr(kind.code))
    if kind.code in kinds:
        return said("unit_kind_exists", kind=kind.code)
    if not kind.name_vi.strip() or not kind.name_en.strip():
        return said("unit_kind_needs_names")
    if not kind.parents:
        return said("unit_kind_needs_parents")
    unknown = sorted(p for p in kind.parents if p not in kinds)
    if unknown:
        return said("unit_kind_unknown", kind=repr(unknown[0]), known=known_codes(kinds))
    if TEAM in kind.parents:
        return said("unit_under_a_team")
    if kind.roles & TEAM_ROLES:
        return said("unit_kind_team_roles")
    return None


def parse_parents(text: str) -> frozenset[str]:
    return frozenset(p.strip().casefold() for p in text.split(",") if p.strip())


def parse_roles(text: str) -> frozenset[Role] | None:
    """Role codes or names, comma-separated (None: one is not a role)."""
    from campaign.roles import parse_role

    found = [parse_role(p) for p in text.split(",") if p.strip()]
    if any(r is None for r in found):
        return None
    return frozenset(r for r in found if r is not None)
