"""Registration: invite codes (who may try one, and how often), the rostered namesakes a
newcomer may be, binding an identity to a member, and link codes for another channel.

Every door that lets someone in (the chat's /start, the console to come) applies these rules:
an unknown, used or expired code is refused in the same words (which one it was would tell a
guesser a code exists), and a wrong code counts against the chat and the client address."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from campaign.catalogs import by_language, listed, said
from campaign.codes import invite_code_in
from campaign.guessing import (
    PER_ADDRESS_FREE,
    PER_CHAT_FREE,
    address_key,
    chat_key,
    minutes_left,
)
from campaign.localized import Language, Localized
from services.ports import InviteStore, InviteView, MemberView, Redemption
from services.refusals import Refused


def guessers(channel: str, chat_id: str, client_address: str | None) -> dict[str, int]:
    """Who a wrong code is counted against, with their free tries: the chat, and the client
    address where the channel knows it (a new web chat is free to open, an address is not)."""
    free = {chat_key(channel, chat_id): PER_CHAT_FREE}
    if client_address:
        free[address_key(client_address)] = PER_ADDRESS_FREE
    return free


def invite_by_code(invites: InviteStore, code: str) -> InviteView | None:
    """The invite a code already accepted names (None if it is gone), as it is now."""
    return invites.find_invite(code) if code else None


def usable_invite(invites: InviteStore, typed: str, now: datetime) -> InviteView:
    """The invite behind `typed`, if it can let someone in now; not counted as a guess."""
    code = invite_code_in(typed)
    if code is None:
        raise Refused(said("invite_unknown", code=typed.strip()[:20]))
    invite = invites.find_invite(code)
    if invite is None or invite.used or invite.expires_at <= now:
        raise Refused(said("invite_unknown", code=code))
    if invite.misplaced:  # made before roles had to fit their unit: it binds nobody
        role = by_language(invite.role.label)  # worded in the reader's language, like the message
        raise Refused(said("invite_misplaced", role=role, code=code, unit=invite.unit_name))
    return invite


def _wait(until: datetime, now: datetime) -> Localized:
    return said("invite_wait", minutes=minutes_left(until - now))


def try_invite_code(
    invites: InviteStore, typed: str, guessers: Mapping[str, int], now: datetime
) -> InviteView:
    """A code typed by someone registering: checked, unless these guessers (`guessers`) typed
    too many wrong ones lately; a wrong one is counted against each of them."""
    until = invites.guess_wait(list(guessers), now)
    if until is not None:
        raise Refused(_wait(until, now))
    try:
        return usable_invite(invites, typed, now)
    except Refused as refused:
        until = invites.guess_failed(guessers, now)
        if until is None:
            raise
        raise Refused(listed((refused.reason, _wait(until, now)), "\n")) from None


def namesakes(invites: InviteStore, code: str, full_name: str | None) -> list[MemberView]:
    """The unregistered people of the invite's unit and role with the name typed (none for a
    code made for a rostered person: it names them already)."""
    invite = invite_by_code(invites, code)
    if invite is None or invite.full_name or not full_name:
        return []
    return invites.unregistered_namesakes(invite, full_name)


@dataclass(frozen=True)
class Registered:
    member: MemberView
    linked: bool  # a link code: the member was registered on another channel already


def register(
    invites: InviteStore,
    code: str,
    *,
    full_name: str | None,
    namesake_id: int | None,
    channel: str,
    user_id: str,
    chat_id: str,
    language: Language,
    now: datetime,
) -> Registered:
    """Bind this identity to the invite's member. `full_name`: the name typed with an open
    code; `namesake_id`: the rostered person (one of `namesakes`) the newcomer said they are.
    The code is checked again (not counted: it was accepted when typed)."""
    invite = usable_invite(invites, code, now)

    def still_namesake() -> bool:
        return any(p.id == namesake_id for p in namesakes(invites, code, full_name))

    if namesake_id is not None and not still_namesake():
        raise Refused(said("namesake_gone"))  # someone registered as that person since
    member = invites.redeem_invite(
        Redemption(
            invite.code,
            channel=channel,
            user_id=user_id,
            chat_id=chat_id,
            full_name=invite.full_name or full_name or "",
            language=language,
            now=now,
            as_member=namesake_id,
        )
    )
    if member is None and namesake_id is not None and not still_namesake():
        raise Refused(said("namesake_gone"))  # another chat became that person just now
    if member is None:  # used by someone else between our check and now
        raise Refused(said("invite_unknown", code=invite.code))
    return Registered(member, invite.links_member)


def link_code(invites: InviteStore, member: MemberView, now: datetime) -> str:
    """A short-lived code that binds another channel's identity to this member."""
    code = invites.create_link_code(member, now)
    if code is None:  # the member's role does not sit on their unit's kind (an old row)
        raise Refused(said("link_refused"))
    return code
