"""Roles in the force and who commands whom."""

from __future__ import annotations

from enum import StrEnum

from campaign.text import LANGUAGES, L, Language, Localized


class Role(StrEnum):
    MEMBER = "member"
    DEPUTY = "deputy"
    LEADER = "leader"
    OFFICER = "officer"
    ADMIN = "admin"

    def label(self, lang: Language) -> str:
        return ROLE_LABELS[self].get(lang)

    @property
    def is_commander(self) -> bool:
        return self in (Role.LEADER, Role.DEPUTY, Role.OFFICER, Role.ADMIN)


ROLE_LABELS: dict[Role, Localized] = {
    Role.MEMBER: L("Tổ viên", "Team member"),
    Role.DEPUTY: L("Tổ phó", "Deputy team leader"),
    Role.LEADER: L("Tổ trưởng", "Team leader"),
    Role.OFFICER: L("Cán bộ Công an xã", "Commune police officer"),
    Role.ADMIN: L("Quản trị viên", "Administrator"),
}

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
        if key in (role.value, fold(ROLE_LABELS[role].vi), fold(ROLE_LABELS[role].en)):
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
UNIT_KIND_LABELS: dict[str, Localized] = {
    PROVINCE: L("tỉnh", "province"),
    COMMUNE: L("xã", "commune"),
    TEAM: L("tổ", "team"),
}


def fits(role: Role, unit_kind: str) -> bool:
    return unit_kind in ROLE_UNITS[role]


def kind_label(unit_kind: str, lang: Language) -> str:
    found = UNIT_KIND_LABELS.get(unit_kind)
    return found.get(lang) if found else unit_kind


def misplaced(role: Role, unit_kind: str) -> Localized | None:
    """Why `role` cannot sit on a unit of this kind (None: it can), for people to read."""
    if fits(role, unit_kind):
        return None
    allowed = {
        lang: (" hoặc " if lang == "vi" else " or ").join(
            kind_label(k, lang) for k in ROLE_UNITS[role]
        )
        for lang in LANGUAGES
    }
    return L(
        f"{role.label('vi')} chỉ thuộc cấp {allowed['vi']}, "
        f"không thuộc cấp {kind_label(unit_kind, 'vi')}.",
        f"{role.label('en')}: only on a {allowed['en']}, not on a {kind_label(unit_kind, 'en')}.",
    )
