"""A member's own settings (language, the weekly nudge) and their team as they see it."""

from __future__ import annotations

from campaign.catalogs import said
from campaign.localized import LANGUAGES, Language
from services.ports import MemberStore, MemberView
from services.refusals import Refused


def offered_language(code: str) -> Language:
    """`code` as a language the bot speaks; refused for one it does not offer."""
    if code not in LANGUAGES:
        raise Refused(said("language_not_offered", code=code[:20], offered=", ".join(LANGUAGES)))
    return code


def set_language(members: MemberStore, member: MemberView, code: str) -> Language:
    """The language the member is spoken to from now on (chats, notices, broadcasts)."""
    language = offered_language(code)
    members.set_language(member.id, language)
    return language


def set_nudges(members: MemberStore, member: MemberView, wanted: bool) -> None:
    """Whether the member gets the weekly nudge when they logged nothing."""
    members.set_nudges(member.id, wanted)


def team_roster(members: MemberStore, member: MemberView) -> list[MemberView]:
    """The teammates the member may credit on an entry: the other active members of their
    unit, in Vietnamese order of given names."""
    return members.team_roster(member)
