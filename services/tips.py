"""Following tips up: who may, the open tips, moving a tip on (received -> verifying ->
resolved / unfounded) with its reporter told, and revealing a sealed informant, audited.

The chat's tip desk and the web console (issue 14, tips as cases) call these same functions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from campaign.catalogs import said, text
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from services.ports import Audited, MemberView, NoticeStore, TipChange, TipItem, TipStore
from services.refusals import Refused
from services.review import fingerprint

QUEUE = 50  # the most open tips one look takes
REVEAL_REASON_MINIMUM = 5  # characters of the reason an informant is asked for (audited)


class TipChanged(Refused):
    """Its author changed the tip after the officer saw it: it is moved on only as seen, so
    the officer looks again first. `item` is the tip as it is now."""

    def __init__(self, item: TipItem) -> None:
        super().__init__(said("review_changed_meanwhile", reference=item.reference))
        self.item = item


@dataclass(frozen=True)
class Informant:
    """Who gave a tip, as they were sealed (None: not given). Shown once, never kept."""

    name: str | None
    contact: str | None


def refuse_unless_follower(officer: MemberView) -> None:
    """Commune police officers follow tips up (which tips is the store's
    `campaign.review.may_reveal`: those of the officer's own commune)."""
    if officer.role is not Role.OFFICER:
        raise Refused(said("tips_officers_only"))


def open_tips(tips: TipStore, officer: MemberView, limit: int = QUEUE) -> list[TipItem]:
    """Tips received or being verified that this officer follows up, urgent and oldest first."""
    return tips.open_tips(officer, limit)


def first_open(tips: TipStore, officer: MemberView, put_off: Collection[str]) -> TipItem | None:
    """The first open tip the officer has not put off."""
    return next((t for t in open_tips(tips, officer) if t.reference not in put_off), None)


def find(tips: TipStore, officer: MemberView, reference: str) -> TipItem | None:
    """The tip as it is now; None once it is closed or no longer this officer's."""
    return next((t for t in open_tips(tips, officer) if t.reference == reference), None)


def seen(item: TipItem) -> str:
    """The fingerprint of the tip as the officer is shown it now (its answers and photos)."""
    return fingerprint(item.details, (), item.photos)


def advance(
    tips: TipStore,
    notices: NoticeStore,
    officer: MemberView,
    reference: str,
    progress: str,
    *,
    seen_as: str | None,
    now: datetime,
) -> TipChange:
    """Move the tip on to `progress` (one of `campaign.review.TIP_NEXT` from where it is), as
    the officer saw it, and tell its reporter in their language."""
    refuse_unless_follower(officer)
    # `seen_as` None: nothing was kept of what the officer saw (a chat state of an older version).
    now_open = None if seen_as is None else find(tips, officer, reference)
    if now_open is not None and seen(now_open) != seen_as:
        raise TipChanged(now_open)
    change = tips.advance_tip(officer, reference, progress, now)
    if change is None:
        raise Refused(said("review_gone", reference=reference))
    language = change.author_language
    told = text(
        "tips_member_notice",
        language,
        reference=reference,
        progress=text("tips_progress", language, progress=progress),
    )
    notices.notify([Notice(change.author_id, Outgoing(text=told))], now)
    return change


def reveal(
    tips: TipStore,
    notices: NoticeStore,
    officer: MemberView,
    reference: str,
    reason: str,
    now: datetime,
) -> Informant:
    """Who gave the tip, for the officer of its commune, with the reason why (the store audits
    the reveal, or the refused try, with the reason). Shown to the officer once: no door keeps
    it."""
    if len(reason.strip()) < REVEAL_REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REVEAL_REASON_MINIMUM))
    if officer.role is not Role.OFFICER:
        # The audit says who tried, as the store's own refusal does, though nothing was shown.
        details = {"reason": reason}
        notices.audit(
            Audited("informant.reveal_refused", "entries", reference, now, officer.id, details)
        )
        refuse_unless_follower(officer)
    informant = tips.reveal_informant(officer, reference, reason, now)
    if informant is None:
        raise Refused(said("review_gone", reference=reference))
    return Informant(informant.get("informant_name"), informant.get("informant_contact"))
