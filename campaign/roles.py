"""Roles in the force and who commands whom."""

from __future__ import annotations

from enum import StrEnum

from campaign.text import L, Language, Localized


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
