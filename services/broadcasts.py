"""Broadcasts: a commune officer or an admin sends an announcement to everyone under their
unit, or to one role; it goes to each recipient in their language through the outbox, which
paces it. The sender may follow its tally and stop it while it is sending. The chat's
/thongbao and the console's broadcasts screen apply these rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from campaign.catalogs import said, text
from campaign.localized import LANGUAGES, Language
from campaign.roles import AUDIENCES, Role
from handlers.channels import smallest_text_limit
from handlers.messages import Outgoing
from services.ports import (
    Audience,
    BroadcastStore,
    MemberView,
    NewBroadcast,
    StoppedBroadcast,
    Tally,
)
from services.refusals import Refused

SENDERS = (Role.OFFICER, Role.ADMIN)


@dataclass(frozen=True)
class Started:
    number: int  # the broadcast's number, by which it is followed and stopped
    reached: Audience  # the members it was queued for, per channel


def may_broadcast(member: MemberView) -> bool:
    return member.role in SENDERS


def _sender(member: MemberView, audience: str | None = None) -> None:
    if not may_broadcast(member):
        raise Refused(said("broadcast_not_allowed"))
    if audience is not None and audience not in AUDIENCES:
        raise Refused(said("broadcast_nobody"))


def running(store: BroadcastStore, sender: MemberView) -> list[Tally]:
    """The sender's broadcasts still sending, with how far each has gone."""
    _sender(sender)
    return store.broadcasts_running(sender)


def text_limit(sender: MemberView) -> int:
    """The longest announcement that still goes as one message, with its header, on every
    channel and in every language."""
    return smallest_text_limit() - max(
        len(text("broadcast_header", lang, unit=sender.unit_name)) + 1 for lang in LANGUAGES
    )


def announcement(sender: MemberView, words: str, image: str | None, lang: Language) -> Outgoing:
    """The announcement as a recipient reading `lang` sees it (`image`: a shared file token)."""
    header = text("broadcast_header", lang, unit=sender.unit_name)
    return Outgoing(text=f"{header}\n{words}", image_url=f"/files/{image}" if image else None)


def reach(store: BroadcastStore, sender: MemberView, audience: str) -> Audience:
    """Who a broadcast to `audience` (a key of `campaign.roles.AUDIENCES`) under the sender's
    unit would reach now, per channel, and how many it cannot reach."""
    _sender(sender, audience)
    return store.broadcast_audience(sender, audience)


def choose_audience(store: BroadcastStore, sender: MemberView, audience: str) -> Audience:
    """`reach`, refused when it reaches nobody."""
    reached = reach(store, sender, audience)
    if reached.total == 0:
        raise Refused(said("broadcast_nobody"))
    return reached


def start(
    store: BroadcastStore,
    sender: MemberView,
    audience: str,
    words: str,
    image: str | None,
    now: datetime,
) -> Started:
    """Queue the announcement for everyone `audience` reaches under the sender's unit, each in
    their language (audited by the store)."""
    _sender(sender, audience)
    if not words.strip():
        raise Refused(said("broadcast_text_first"))
    if len(words) > text_limit(sender):
        raise Refused(said("bad_too_long", length=len(words), limit=text_limit(sender)))
    messages = {lang: announcement(sender, words, image, lang) for lang in LANGUAGES}
    number, reached = store.start_broadcast(
        NewBroadcast(sender, audience, words, image, messages, now)
    )
    return Started(number, reached)


def stop(store: BroadcastStore, sender: MemberView, number: int, now: datetime) -> StoppedBroadcast:
    """Stop the sender's broadcast still sending: what has not gone never goes."""
    _sender(sender)
    stopped = store.stop_broadcast(sender, number, now)
    if stopped is None:
        raise Refused(said("broadcast_stop_too_late", number=number))
    return stopped


__all__ = [
    "SENDERS",
    "Started",
    "announcement",
    "choose_audience",
    "may_broadcast",
    "reach",
    "running",
    "start",
    "stop",
    "text_limit",
]
