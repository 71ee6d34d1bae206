"""A unit's submission for a plan's deadline (issue 15): its states, when it is complete, and
who may decide on it. Pure.

    (none) ──a document / the checklist opened──▶ draft
    draft ──submit (complete)──▶ submitted
    submitted ──withdraw (day ≤ due, undecided)──▶ draft
    submitted ──accept (level above)──▶ accepted          (final)
    submitted ──send back + reason (level above)──▶ returned
    returned ──a new document──▶ draft ──submit──▶ submitted   (after the due day: late)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from campaign.catalogs import Said, said
from campaign.deadlines import SubmissionState
from campaign.registrations import still_needed
from campaign.roles import Role

Action = str  # "draft" | "add" | "drop" | "submit" | "withdraw" | "accept" | "return"

# From which states each act may be taken, and where it leads (a document added to or taken
# off a submission sent back makes it a draft again).
_MOVES: dict[str, tuple[tuple[SubmissionState, ...], SubmissionState]] = {
    "add": (("draft", "returned"), "draft"),
    "drop": (("draft", "returned"), "draft"),
    "submit": (("draft",), "submitted"),
    "withdraw": (("submitted",), "draft"),
    "accept": (("submitted",), "accepted"),
    "return": (("submitted",), "returned"),
}


def may(action: Action, state: str) -> bool:
    """Whether the act may be taken on a submission in `state`."""
    return state in _MOVES[action][0]


def after(action: Action, state: SubmissionState) -> SubmissionState:
    """The state the act leaves the submission in (it must be allowed: `may`)."""
    if not may(action, state):
        raise ValueError(f"{action} from {state}")
    return _MOVES[action][1]


def from_states(action: Action) -> tuple[SubmissionState, ...]:
    """The states the act may be taken from (what a compare-and-set update waits on)."""
    return _MOVES[action][0]


def needs_document(documents: str, checklist: Sequence[object]) -> bool:
    """A submission must hold a document: the plan says so (`documents: required`), or lists
    the ones it wants (a checklist)."""
    return documents == "required" or bool(checklist)


def missing(
    statuses: Iterable[tuple[str, str]], documents: int, *, needs_document: bool
) -> list[str]:
    """What keeps a submission from being complete: the checklist items (codes) still missing
    or sent back, in the plan's order, and "" when a document is needed and there is none."""
    found = still_needed(statuses)
    if needs_document and documents == 0 and not found:  # the items named say it already
        found.append("")
    return found


def complete(statuses: Iterable[tuple[str, str]], documents: int, *, needs_document: bool) -> bool:
    """No checklist item missing or sent back, and a document when one is needed; a deadline
    with neither a checklist nor `documents: required` may be submitted bare."""
    return not missing(statuses, documents, needs_document=needs_document)


def withdraw_problem(state: str, due: date, day: date) -> Said | None:
    """A submission is taken back only while submitted, undecided, and not yet past due."""
    if state in ("accepted", "returned"):
        return said("submission_decided_already")
    if state != "submitted":
        return said("submission_not_submitted")
    if day > due:
        return said("submission_withdraw_too_late", due=f"{due:%d/%m/%Y}")
    return None


def withdrawable(state: str, due: date, day: date) -> bool:
    return withdraw_problem(state, due, day) is None


def late(due: date, submitted_at: datetime | None, zone_day: date | None = None) -> bool:
    """A submission made after its due day ("nộp muộn"); `zone_day`: the day it was submitted
    in the campaign's zone, when the caller has it."""
    if submitted_at is None:
        return False
    return (zone_day or submitted_at.date()) > due


@dataclass(frozen=True)
class Rung:
    """One unit of the submitting unit's line of command: the unit first, then each above."""

    unit_id: int
    kind: str


def may_decide(
    role: Role, unit_id: int, line: Sequence[Rung], escalate_to: str | None = None
) -> bool:
    """An officer or admin of a unit strictly above the submitting one (`line[0]`); when the
    deadline escalates to a kind, of that kind's unit or one above it. Never the unit
    itself."""
    if role not in (Role.OFFICER, Role.ADMIN) or not line:
        return False
    above = [rung.unit_id for rung in line[1:]]
    if unit_id not in above:
        return False
    if escalate_to is None:
        return True
    first = next((i for i, rung in enumerate(line[1:]) if rung.kind == escalate_to), None)
    # No unit of that kind above (a plan over another tree): any unit above decides.
    return first is None or above.index(unit_id) >= first


__all__ = [
    "Rung",
    "after",
    "complete",
    "from_states",
    "late",
    "may",
    "may_decide",
    "missing",
    "needs_document",
    "withdraw_problem",
    "withdrawable",
]
