"""Roles in the force and who commands whom."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

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


# Where each role sits: the kinds of unit (units.kind) that take it, as data
# (campaign/unit_kinds: the built-in kinds plus those a province added). A unit of a kind that
# takes no role (a village, a former district) holds nobody. Every door that creates a member or
# an invite asks `misplaced`; the reveal of a sealed informant relies on an officer sitting on
# the tip's commune (campaign/review), whatever else officers may sit on.
PROVINCE, COMMUNE, TEAM = "province", "commune", "team"

if TYPE_CHECKING:
    from campaign.unit_kinds import Kinds


def _known(kinds: Kinds | None) -> Kinds:
    from campaign.unit_kinds import built_in_kinds  # it builds on this module

    return built_in_kinds() if kinds is None else kinds


def fits(role: Role, unit_kind: str, kinds: Kinds | None = None) -> bool:
    found = _known(kinds).get(unit_kind)
    return found is not None and role in found.roles


def kind_label(unit_kind: str, lang: Language, kinds: Kinds | None = None) -> str:
    found = _known(kinds).get(unit_kind)
    return unit_kind if found is None else found.name(lang)


def misplaced(role: Role, unit_kind: str, kinds: Kinds | None = None) -> Localized | None:
    """Why `role` cannot sit on a unit of this kind (None: it can), for people to read."""
    known = _known(kinds)
    if fits(role, unit_kind, known):
        return None
    fitting = [k.code for k in known.values() if role in k.roles]

    def why(lang: Language) -> str:
        labels = [kind_label(k, lang, known) for k in fitting] or ["-"]
        allowed = labels[0]
        if len(labels) > 1:
            first = ", ".join(labels[:-1])
            allowed = text("unit_kinds_or", lang, first=first, second=labels[-1])
        shown = kind_label(unit_kind, lang, known)
        return text("role_misplaced", lang, role=role.label(lang), allowed=allowed, kind=shown)

    return by_language(why)
