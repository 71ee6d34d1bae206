"""Roles in the force and who commands whom."""

from __future__ import annotations

from enum import StrEnum

from campaign.catalogs import by_language, languages, text
from campaign.localized import Language, Localized


class Role(StrEnum):
    MEMBER = "member"
    DEPUTY = "deputy"
    LEADER = "leader"
    OFFICER = "officer"
    ADMIN = "admin"

    def label(self, lang: Language) -> str:
        return text("role", lang, role=self.value)

    @property
    def is_commander(self) -> bool:
        return self in (Role.LEADER, Role.DEPUTY, Role.OFFICER, Role.ADMIN)


_ROLE_WORDS = {
    "to vien": Role.MEMBER,
    "thanh vien": Role.MEMBER,
    "to pho": Role.DEPUTY,
    "to truong": Role.LEADER,
    "can bo": Role.OFFICER,
    "cong an xa": Role.OFFICER,
    "can bo cong an xa": Role.OFFICER,
    "quan tri": Role.ADMIN,
    "quan tri vien": Role.ADMIN,
}


def parse_role(text: str) -> Role | None:
    """Accept the code (member, leader...) or the Vietnamese/English name, with or without marks."""
    from campaign.normalize import fold

    key = fold(text)
    for role in Role:
        if key == role.value or any(key == fold(role.label(lang)) for lang in languages()):
            return role
    return _ROLE_WORDS.get(key)


# Who a broadcast may be addressed to: everyone under the sender's unit, or one role.
AUDIENCES: dict[str, frozenset[Role]] = {
    "all": frozenset(Role),
    "member": frozenset({Role.MEMBER}),
    "leader": frozenset({Role.LEADER, Role.DEPUTY}),
    "officer": frozenset({Role.OFFICER, Role.ADMIN}),
}


# Where each role sits: the kind of unit (units.kind) its member row or invite names. A unit of
# any other kind (a district, a hamlet under a team) holds nobody. The one place this is decided:
# every door that creates a member or an invite asks `misplaced`, and the reveal of a sealed
# informant relies on an officer sitting on a commune.
PROVINCE, COMMUNE, TEAM = "province", "commune", "team"
ROLE_UNITS: dict[Role, tuple[str, ...]] = {
    Role.MEMBER: (TEAM,),
    Role.DEPUTY: (TEAM,),
    Role.LEADER: (TEAM,),
    Role.OFFICER: (COMMUNE,),
    Role.ADMIN: (COMMUNE, PROVINCE),
}


def fits(role: Role, unit_kind: str) -> bool:
    return unit_kind in ROLE_UNITS[role]


def kind_label(unit_kind: str, lang: Language) -> str:
    if unit_kind not in (PROVINCE, COMMUNE, TEAM):
        return unit_kind
    return text("unit_kind", lang, kind=unit_kind)


def misplaced(role: Role, unit_kind: str) -> Localized | None:
    """Why `role` cannot sit on a unit of this kind (None: it can), for people to read."""
    if fits(role, unit_kind):
        return None

    def why(lang: Language) -> str:
        kinds = [kind_label(k, lang) for k in ROLE_UNITS[role]]
        allowed = kinds[0]
        for kind in kinds[1:]:
            allowed = text("unit_kinds_or", lang, first=allowed, second=kind)
        shown = kind_label(unit_kind, lang)
        return text("role_misplaced", lang, role=role.label(lang), allowed=allowed, kind=shown)

    return by_language(why)
