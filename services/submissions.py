"""Submissions for a plan's deadlines (issue 15): a commander of the unit gathers documents
(and the checklist the plan asks) into a draft, submits it when complete, may withdraw it
until the due day; the level above accepts it or sends it back with a reason, and the unit is
told. Every step is audited. The states are `campaign.submissions`'s.

The chat (/danop), the console and `deliverables.mark_submitted` all go through here. `key` is
an `OpenDeliverable.key` of the commander's unit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from services.ports import MemberView, RegistryStore, SubmissionStore, SubmissionView

Verdict = Literal["accept", "return"]


def current(
    store: SubmissionStore, commander: MemberView, key: str, day: date
) -> SubmissionView | None:
    """The unit's submission for the open deliverable `key` (None: nothing gathered yet)."""
    raise NotImplementedError


def attach(
    store: SubmissionStore,
    commander: MemberView,
    key: str,
    document_id: int,
    now: datetime,
    *,
    item: str | None = None,
) -> SubmissionView:
    """Add a document (kept already by `services.documents.keep`, by this commander, owned by
    nothing yet) to the unit's draft, opening it if needed; `item`: the checklist item it
    fills. A submitted one goes back to draft only by `withdraw`; a returned one becomes a
    draft again."""
    raise NotImplementedError


def drop(
    store: SubmissionStore, commander: MemberView, key: str, document_id: int, now: datetime
) -> SubmissionView:
    """Take a document off the draft (kept, sealed, no longer part of it)."""
    raise NotImplementedError


def submit(
    store: SubmissionStore,
    commander: MemberView,
    key: str,
    now: datetime,
    *,
    registry: RegistryStore | None = None,
) -> SubmissionView:
    """Submit the draft: refused, naming what is missing, while the checklist (or a required
    document, or the registration dossier the deadline waits on) is incomplete."""
    raise NotImplementedError


def withdraw(
    store: SubmissionStore, commander: MemberView, key: str, now: datetime
) -> SubmissionView:
    """Take a submission back to draft: only until the due day and before it is decided."""
    raise NotImplementedError


def visible(store: SubmissionStore, viewer: MemberView, submission_id: int) -> SubmissionView:
    """A submission for a commander of its unit or of a unit above it; refused alike when it
    does not exist or may not be seen."""
    raise NotImplementedError


def decide(
    store: SubmissionStore,
    viewer: MemberView,
    submission_id: int,
    verdict: Verdict,
    note: str,
    now: datetime,
    *,
    seen_state: str | None = None,
) -> SubmissionView:
    """Accept or send back (a reason of at least `services.review.REASON_MINIMUM` characters)
    a submitted submission: an officer or admin of a unit strictly above the submitting unit.
    `seen_state`: the state the viewer saw; refused when it changed meanwhile. The unit's
    commanders are told."""
    raise NotImplementedError


__all__ = ["Verdict", "attach", "current", "decide", "drop", "submit", "visible", "withdraw"]
