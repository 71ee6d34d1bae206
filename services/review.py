"""Reviewing entries: who may, what waits, one decision on an entry as it was seen, verifying
all that a confirmation counted; each author is told in their own language.

The chat's review desk and the web console (issue 14) call these same functions: a decision
is taken by reference, by a reviewer, on the entry as the reviewer saw it (`fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea
from campaign.catalogs import said, text
from handlers.messages import Notice, Outgoing
from services.ports import (
    Decision,
    EntryBrowseStore,
    FileStore,
    MemberView,
    NoticeStore,
    ReviewItem,
    ReviewStore,
)
from services.refusals import Refused

VERIFIED, REJECTED = "verified", "rejected"
BULK_LIMIT = 500  # the most entries one look at the queue (or one "verify all") takes
REASON_MINIMUM = 3  # characters of a rejection's reason (its author reads it)


class EntryChanged(Refused):
    """Its author changed the entry after the reviewer saw it: a decision is on what was seen,
    so the reviewer looks again first. `item` is the entry as it is now."""

    def __init__(self, item: ReviewItem) -> None:
        super().__init__(said("review_changed_meanwhile", reference=item.reference))
        self.item = item


def refuse_unless_reviewer(reviewer: MemberView) -> None:
    """Team leaders and deputies, commune officers and admins review (whose entries is the
    store's `campaign.review.may_review`)."""
    if not reviewer.role.is_commander:
        raise Refused(said("review_none_for_you"))


def waiting(review: ReviewStore, reviewer: MemberView) -> int:
    """How many entries wait for this reviewer (none for a member who reviews nothing)."""
    return review.pending_review_count(reviewer)


def queue(review: ReviewStore, reviewer: MemberView, limit: int = BULK_LIMIT) -> list[ReviewItem]:
    """What waits for this reviewer, urgent and oldest first (never their own entries)."""
    return review.review_queue(reviewer, limit)


def first_waiting(
    review: ReviewStore, reviewer: MemberView, put_off: Collection[str]
) -> ReviewItem | None:
    """The first entry waiting that the reviewer has not put off."""
    for item in review.review_queue(reviewer, len(put_off) + 1):
        if item.reference not in put_off:
            return item
    return None


def find(review: ReviewStore, reviewer: MemberView, reference: str) -> ReviewItem | None:
    """The entry as it is now; None once it left this reviewer's queue (decided elsewhere, or
    the reviewer was named on it)."""
    return next((i for i in queue(review, reviewer) if i.reference == reference), None)


def fingerprint(details: dict[str, Any], teammates: Sequence[str], photos: Sequence[int]) -> str:
    """What a card showed of an entry, in short: its answers, teammates and photos (a decision
    taken on a card is refused once its author has changed the entry since)."""
    shown = [details, sorted(teammates), list(photos)]
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()[:16]


def seen(item: ReviewItem) -> str:
    """The fingerprint of the entry as the reviewer is shown it now."""
    return fingerprint(item.details, item.participants, item.photos)


def refuse_if_changed(
    review: ReviewStore, reviewer: MemberView, reference: str, seen_as: str | None
) -> None:
    """Refuse (`EntryChanged`) when the entry waiting for the reviewer is no longer what they
    saw. `seen_as` None: nothing was kept of what they saw (a chat state of an older version)."""
    item = None if seen_as is None else find(review, reviewer, reference)
    if item is not None and seen(item) != seen_as:
        raise EntryChanged(item)


def decide(
    review: ReviewStore,
    notices: NoticeStore,
    reviewer: MemberView,
    reference: str,
    verdict: str,
    note: str | None,
    *,
    seen_as: str | None,
    areas: Sequence[ContentArea],
    now: datetime,
) -> Decision:
    """Verify or reject the entry (a rejection with its reason), as the reviewer saw it, and
    tell its author. `areas`: the content areas of the plan over the reviewer (the entry's area
    is named to its author by them, else by the built-in ones)."""
    refuse_unless_reviewer(reviewer)
    if verdict not in (VERIFIED, REJECTED):
        raise ValueError(verdict)
    if verdict == REJECTED and len((note or "").strip()) < REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REASON_MINIMUM))
    refuse_if_changed(review, reviewer, reference, seen_as)
    decision = review.decide(reviewer, reference, verdict, note, now)
    if decision is None:
        raise Refused(said("review_gone", reference=reference))
    language = decision.author_language
    told = text(
        "review_verified" if verdict == VERIFIED else "review_rejected",
        language,
        reference=reference,
        area=area_name(decision.content_area, areas, language),
        reason=note or "",
    )
    notices.notify([Notice(decision.author_id, Outgoing(text=told))], now)
    return decision


def counted_for_all(review: ReviewStore, reviewer: MemberView) -> list[str]:
    """The entries a "verify all" would verify now: what its confirmation counts (one logged
    or sent back to review after that waits for a look of its own)."""
    return [item.reference for item in queue(review, reviewer)]


def verify_all(
    review: ReviewStore,
    notices: NoticeStore,
    reviewer: MemberView,
    counted: Collection[str] | None,
    now: datetime,
) -> int:
    """Verify the entries still waiting among those `counted` (None: every one waiting, for a
    confirmation asked before the count was kept); each author is told once, of all theirs.
    How many were verified."""
    refuse_unless_reviewer(reviewer)
    done: dict[int, list[Decision]] = {}
    for item in queue(review, reviewer):
        if counted is not None and item.reference not in counted:
            continue
        decision = review.decide(reviewer, item.reference, VERIFIED, None, now)
        if decision is not None:
            done.setdefault(decision.author_id, []).append(decision)
    told = []
    for author, decisions in done.items():
        references = ", ".join(d.reference for d in decisions)
        words = text(
            "review_verified_many",
            decisions[0].author_language,
            count=len(decisions),
            references=references,
        )
        told.append(Notice(author, Outgoing(text=words)))
    if told:
        notices.notify(told, now)
    return sum(len(d) for d in done.values())


@dataclass(frozen=True)
class BulkOutcome:
    """What one decision on many entries did: those decided, those its author changed since
    the page showed them, and those no longer waiting for this reviewer (decided elsewhere,
    or never theirs to decide)."""

    decided: tuple[str, ...]
    changed: tuple[str, ...]
    gone: tuple[str, ...]


def decide_many(
    review: ReviewStore,
    browse: EntryBrowseStore,
    notices: NoticeStore,
    reviewer: MemberView,
    references: Sequence[str],
    verdict: str,
    note: str | None,
    *,
    seen_as: Mapping[str, str],
    now: datetime,
) -> BulkOutcome:
    """Verify or reject each of `references` as the reviewer saw it (`seen_as`: reference ->
    `seen(item)` of the page that listed it), with one reason; each author is told once, of
    all theirs. A reference outside the reviewer's queue is decided by nobody."""
    refuse_unless_reviewer(reviewer)
    if verdict not in (VERIFIED, REJECTED):
        raise ValueError(verdict)
    reason = (note or "").strip() or None
    if verdict == REJECTED and len(reason or "") < REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REASON_MINIMUM))
    wanted = list(dict.fromkeys(references))
    if len(wanted) > BULK_LIMIT:
        raise Refused(said("console_entries_bulk_too_many", limit=BULK_LIMIT))
    waiting = {item.reference: item for item in browse.pending_for_review(reviewer, wanted)}
    done: dict[int, list[Decision]] = {}
    changed, gone = [], []
    for reference in wanted:
        item = waiting.get(reference)
        if item is None:
            gone.append(reference)
            continue
        if seen_as.get(reference) != seen(item):
            changed.append(reference)
            continue
        decision = review.decide(reviewer, reference, verdict, reason, now)
        if decision is None:  # another reviewer was faster
            gone.append(reference)
            continue
        done.setdefault(decision.author_id, []).append(decision)
    told = []
    for author, decisions in done.items():
        references_said = ", ".join(d.reference for d in decisions)
        language = decisions[0].author_language
        if verdict == VERIFIED:
            words = text(
                "review_verified_many", language, count=len(decisions), references=references_said
            )
        else:
            words = text(
                "console_entries_rejected_many",
                language,
                count=len(decisions),
                references=references_said,
                reason=reason or "",
            )
        told.append(Notice(author, Outgoing(text=words)))
    if told:
        notices.notify(told, now)
    decided = tuple(d.reference for decisions in done.values() for d in decisions)
    return BulkOutcome(decided, tuple(changed), tuple(gone))


def entry_photos(
    files: FileStore,
    reader: MemberView,
    reference: str,
    channel: str,
    chat_id: str,
    now: datetime,
) -> list[str]:
    """File tokens by which the reader's chat may fetch the entry's photos: lent only to one
    who may review the entry or follow it up (none otherwise)."""
    return files.entry_photos(reader, reference, channel, chat_id, now)


def area_name(code: str, areas: Sequence[ContentArea], language: str) -> str:
    area = next((a for a in (*areas, *DEFAULT_AREAS) if a.code == code), None)
    return area.name.get(language) if area else code
