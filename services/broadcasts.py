"""Broadcasts: a commune officer or an admin sends an announcement to everyone under their
unit (or under one unit inside it), or to one role; it goes to each recipient in their
language through the outbox, which paces it. The sender may follow its tally and stop it while
it is sending; an admin may stop or cancel one going to a unit under theirs (its sender may
have lost the right since). The chat's /thongbao and the console's broadcasts screen apply
these rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from campaign.catalogs import Said, said, text
from campaign.localized import LANGUAGES, Language
from campaign.roles import AUDIENCES, Role
from handlers.channels import smallest_text_limit
from handlers.messages import Outgoing
from services.ports import (
    Audience,
    Audited,
    BroadcastFollowStore,
    BroadcastRepeatStore,
    BroadcastStore,
    BroadcastUnit,
    Delivery,
    FollowedBroadcast,
    MemberView,
    NewBroadcast,
    ScheduledBroadcast,
    StoppedBroadcast,
    Tally,
)
from services.refusals import Refused

SENDERS = (Role.OFFICER, Role.ADMIN)
LAST_NUMBER = 2**31 - 1  # a broadcast's number is an INTEGER column: past it, none such


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
    return _worded(sender.unit_name, words, image, lang)


def _worded(unit_name: str, words: str, image: str | None, lang: Language) -> Outgoing:
    header = text("broadcast_header", lang, unit=unit_name)
    return Outgoing(text=f"{header}\n{words}", image_url=f"/files/{image}" if image else None)


def unit_name(store: BroadcastStore, sender: MemberView, unit_id: int | None) -> str:
    """The unit a broadcast goes to: the sender's own (None), or one under it; a unit outside
    the sender's is refused."""
    _sender(sender)
    if unit_id is None or unit_id == sender.unit_id:
        return sender.unit_name
    name = store.broadcast_unit(sender, unit_id)
    if name is None:
        raise Refused(said("console_broadcasts_unit_outside"))
    return name


def reach(
    store: BroadcastStore, sender: MemberView, audience: str, unit_id: int | None = None
) -> Audience:
    """Who a broadcast to `audience` (a key of `campaign.roles.AUDIENCES`) under the sender's
    unit (or `unit_id`, a unit inside it) would reach now, per channel, and how many it
    cannot reach."""
    _sender(sender, audience)
    unit_name(store, sender, unit_id)
    return store.broadcast_audience(sender, audience, _scope(sender, unit_id))


def _scope(sender: MemberView, unit_id: int | None) -> int | None:
    return None if unit_id == sender.unit_id else unit_id


def choose_audience(
    store: BroadcastStore, sender: MemberView, audience: str, unit_id: int | None = None
) -> Audience:
    """`reach`, refused when it reaches nobody."""
    reached = reach(store, sender, audience, unit_id)
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
    unit_id: int | None = None,
) -> Started:
    """Queue the announcement for everyone `audience` reaches under the sender's unit (or
    `unit_id`, a unit inside it), each in their language (audited by the store)."""
    messages = _messages(sender, audience, words, image)
    unit_name(store, sender, unit_id)
    number, reached = store.start_broadcast(
        NewBroadcast(sender, audience, words, image, messages, now, _scope(sender, unit_id))
    )
    return Started(number, reached)


def _messages(
    sender: MemberView, audience: str, words: str, image: str | None
) -> dict[Language, Outgoing]:
    """The announcement in every language, refused if it may not go as it is."""
    _sender(sender, audience)
    if not words.strip():
        raise Refused(said("broadcast_text_first"))
    if len(words) > text_limit(sender):
        raise Refused(said("bad_too_long", length=len(words), limit=text_limit(sender)))
    return {lang: announcement(sender, words, image, lang) for lang in LANGUAGES}


def stop(store: BroadcastStore, sender: MemberView, number: int, now: datetime) -> StoppedBroadcast:
    """Stop the sender's broadcast still sending (an admin's: also anyone's going to a unit
    under theirs, a demoted sender's too): what has not gone never goes."""
    viewing = _viewing(sender)
    stopped = store.stop_broadcast(sender, number, now, viewing) if _numbered(number) else None
    if stopped is None:
        raise Refused(said("broadcast_stop_too_late", number=number))
    return stopped


def _numbered(number: int) -> bool:
    """Whether a typed number can be a broadcast's (a longer one is none, not an error)."""
    return 0 < number <= LAST_NUMBER


def already_made(
    store: BroadcastRepeatStore,
    sender: MemberView,
    audience: str,
    words: str,
    image: str | None,
    unit_id: int | None,
    since: datetime,
) -> tuple[int, str] | None:
    """The broadcast this very form already started or scheduled (a second click, a form
    sent again): its number and status; None when this is the first. `since`: when the
    sender was shown the form (its preview); the same words previewed again go again."""
    _sender(sender, audience)
    scope = sender.unit_id if unit_id is None else unit_id
    return store.broadcast_made_since(sender, audience, words, image, scope, since)


# --- calendar: broadcasts set to go later ---
AHEAD_AT_MOST = timedelta(days=90)


def when_problem(send_at: datetime, now: datetime) -> Said | None:
    """Why a broadcast cannot be set to go at `send_at` (None: it can)."""
    shown = f"{send_at:%H:%M %d/%m/%Y}"
    if send_at <= now:
        return said("broadcast_when_past", when=shown)
    latest = now + AHEAD_AT_MOST
    if send_at > latest:
        return said("broadcast_when_far", days=AHEAD_AT_MOST.days, latest=f"{latest:%d/%m/%Y}")
    return None


def schedule(
    store: BroadcastStore,
    sender: MemberView,
    audience: str,
    words: str,
    image: str | None,
    send_at: datetime,
    now: datetime,
    unit_id: int | None = None,
) -> int:
    """Keep the announcement to go at `send_at` (in the future, at most AHEAD_AT_MOST ahead)
    to the sender's unit or `unit_id` inside it; who it reaches is counted then. Its number
    (audited by the store)."""
    messages = _messages(sender, audience, words, image)
    unit_name(store, sender, unit_id)
    problem = when_problem(send_at, now)
    if problem is not None:
        raise Refused(problem)
    return store.schedule_broadcast(
        NewBroadcast(sender, audience, words, image, messages, now, _scope(sender, unit_id)),
        send_at,
    )


def _viewing(viewer: MemberView | None) -> bool:
    """May see and cancel those of others under their unit: an admin, or the command line."""
    if viewer is None:
        return True
    _sender(viewer)
    return viewer.role is Role.ADMIN


def scheduled(store: BroadcastStore, viewer: MemberView | None) -> list[ScheduledBroadcast]:
    """The broadcasts still to go that the viewer may cancel: their own, an admin's those
    under their unit too (None: the command line, every one)."""
    return store.scheduled_broadcasts(viewer, _viewing(viewer))


def cancel(
    store: BroadcastStore, viewer: MemberView | None, number: int, now: datetime
) -> ScheduledBroadcast:
    """Take a broadcast back before it goes (audited by the store)."""
    viewing = _viewing(viewer)
    cancelled = (
        store.cancel_scheduled_broadcast(viewer, viewing, number, now)
        if _numbered(number)
        else None
    )
    if cancelled is None:
        raise Refused(said("broadcast_unschedule_too_late", number=number))
    return cancelled


def release_due(
    store: BroadcastStore, now: datetime
) -> list[tuple[ScheduledBroadcast, Audience | None]]:
    """Every broadcast whose time has come (a time passed while the bot was down too), each
    once: queued for whoever it reaches now, or, if its sender may no longer broadcast or now
    sits in another unit, cancelled."""
    gone: list[tuple[ScheduledBroadcast, Audience | None]] = []
    for later in store.scheduled_broadcasts(None, True):
        if later.send_at > now:
            break
        # a sender moved to another unit no longer speaks for the one it was set for
        moved = (
            later.sender.unit_id != later.scope_unit_id
            and store.broadcast_unit(later.sender, later.scope_unit_id) is None
        )
        if not later.sender_active or not may_broadcast(later.sender) or moved:
            store.cancel_scheduled_broadcast(None, True, later.number, now, actor="system")
            gone.append((later, None))
            continue
        messages = {  # in the sender's name, as it would have gone when it was set
            lang: _worded(later.sender.unit_name, later.text, later.image_token, lang)
            for lang in LANGUAGES
        }
        gone.append((later, store.release_scheduled_broadcast(later, messages, now)))
    return gone


# --- the console: the units a sender may address, following broadcasts, delivery reports ---
RECENT = 30  # broadcasts the console lists


def units(store: BroadcastFollowStore, sender: MemberView) -> list[BroadcastUnit]:
    """The units a sender may address: their own, then each under it."""
    _sender(sender)
    return store.broadcast_units(sender)


def followed(store: BroadcastFollowStore, viewer: MemberView) -> list[FollowedBroadcast]:
    """The latest broadcasts that went or are going: the viewer's own, and an admin's those
    going to a unit under theirs too."""
    return store.followed_broadcasts(viewer, _viewing(viewer), RECENT)


def follow(store: BroadcastFollowStore, viewer: MemberView, number: int) -> FollowedBroadcast:
    """One of those (any status), refused when the viewer does not follow it."""
    viewing = _viewing(viewer)
    found = store.followed_broadcast(viewer, viewing, number) if _numbered(number) else None
    if found is None:
        raise Refused(said("console_broadcasts_not_yours", number=number))
    return found


def report(
    store: BroadcastFollowStore, viewer: MemberView, number: int
) -> tuple[FollowedBroadcast, list[Delivery]]:
    """A broadcast and each recipient's outcome (names and units, never a chat)."""
    found = follow(store, viewer, number)
    return found, store.broadcast_deliveries(viewer, _viewing(viewer), number)


def photo(store: BroadcastFollowStore, sender: MemberView, token: str) -> tuple[str, bytes]:
    """A broadcast's photo, for the sender's preview."""
    _sender(sender)
    found = store.shared_photo(token)
    if found is None:
        raise Refused(said("console_broadcasts_no_photo"))
    return found


def exported(
    store: BroadcastFollowStore,
    viewer: MemberView,
    number: int,
    fmt: str,
    outcome: str | None,
    rows: int,
    now: datetime,
) -> None:
    """Audit a delivery report leaving as a file (it names people)."""
    follow(store, viewer, number)
    details = {"format": fmt, "outcome": outcome, "rows": rows}
    store.audit(
        Audited("export.broadcast_deliveries", "broadcast", str(number), now, viewer.id, details)
    )


__all__ = [
    "AHEAD_AT_MOST",
    "LAST_NUMBER",
    "RECENT",
    "SENDERS",
    "Started",
    "already_made",
    "announcement",
    "cancel",
    "choose_audience",
    "exported",
    "follow",
    "followed",
    "may_broadcast",
    "photo",
    "reach",
    "release_due",
    "report",
    "running",
    "schedule",
    "scheduled",
    "start",
    "stop",
    "text_limit",
    "unit_name",
    "units",
    "when_problem",
]
