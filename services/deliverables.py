"""Plan deliverables (/danop, the console's deadlines board): which of a plan's deadlines are
open for a commander's unit, and marking one submitted, with a photo of it if there is one.
Once marked, reminders stop for that unit and it is not listed as late. Who is late on a
deadline (the job's escalation and the board share the rule), and the board itself: every
deadline addressed to units under a commander, unit by unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from campaign.catalogs import said
from campaign.collation import vietnamese_key
from campaign.deadlines import DeadlineState, due_dates, is_done, state_on
from campaign.localized import Localized
from campaign.plans import DeadlineSpec
from handlers.messages import Photo
from services import documents, submissions
from services.ports import (
    Audited,
    DeadlineBoardStore,
    DeliverableStore,
    FileStore,
    LateStore,
    MemberView,
    OpenDeliverable,
    RegistryStore,
    Submission,
    SubmissionBoardStore,
    SubmissionDesk,
    SubmissionView,
    SubmittedPhoto,
)
from services.refusals import Refused
from services.submissions import check_dossier


@dataclass(frozen=True)
class Submitted:
    item: OpenDeliverable
    recorded: bool  # False: the unit had reported it already (by another commander, say)


def open_deliverables(
    store: DeliverableStore, commander: MemberView, day: date
) -> list[OpenDeliverable]:
    """The deadlines falling to the commander's role and level over their unit, due within 30
    days or at most 7 days late, that the unit may still act on: nothing in, a draft, one sent
    back, or one submitted and not yet due (it may be withdrawn); an accepted one is closed.
    How each stands: `services.submissions.opened`."""
    if not commander.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    return store.open_deliverables(commander, day)


def mark_submitted(
    store: SubmissionDesk,
    files: FileStore,
    commander: MemberView,
    key: str,
    photo: Photo | None,
    *,
    chat: tuple[str, str],
    now: datetime,
    registry: RegistryStore | None = None,
    document_id: int | None = None,
) -> Submitted:
    """Report the open deliverable `key` (`OpenDeliverable.key`) done for the commander's
    unit, with the photo (received in `chat`, kept as a document) or the document (kept
    already by `services.documents.keep`) attached; refused when it is not open any more,
    while the registration dossier it waits on is not complete, or while what the plan asks
    is missing. One step of `services.submissions`: attach, then submit."""
    place = submissions.target(store, commander, key, now.date())
    found = submissions.current(store, commander, key, now.date())
    if found is not None and is_done(found.state):
        return Submitted(place.item, False)  # reported meanwhile (by another commander, say)
    check_dossier(registry, commander, place.item)
    if photo is not None:
        document_id = documents.keep(
            store,
            store,
            commander,
            data=photo.data,
            name="anh",
            unit_id=commander.unit_id,
            owner_kind="deliverable",
            owner_id=None,
            now=now,
        )
    if document_id is not None:
        submissions.attach(store, commander, key, document_id, now)
    submissions.submit(store, commander, key, now, registry=registry)
    return Submitted(place.item, True)


def not_reported(
    store: LateStore, plan_code: str, scope: int, deadline: DeadlineSpec, due: date
) -> list[tuple[int, str]]:
    """The units of the plan's scope a deadline is addressed to that have not reported it
    (late once the day is past), by name in Vietnamese order."""
    done = store.done_units(plan_code, deadline.code, due)
    waiting = {
        unit: name
        for kind in deadline.kinds
        for unit, name in store.units_of_kind(scope, kind)
        if unit not in done
    }
    return sorted(waiting.items(), key=lambda item: vietnamese_key(item[1]))


@dataclass(frozen=True)
class BoardLine:
    """One unit on one deadline: done (when, by whom, with what), late, or not due yet."""

    plan_code: str
    plan_name: Localized
    deadline_code: str
    title: Localized
    deliverable: Localized
    due: date
    unit_id: int
    unit_name: str
    state: DeadlineState
    submission: Submission | None
    # The unit's submission as it stands (issue 15): its state (draft, submitted, accepted,
    # returned; None: nothing gathered yet) and the whole of it (documents, checklist, decision).
    progress: str | None = None
    view: SubmissionView | None = None


def board(store: SubmissionBoardStore, viewer: MemberView, day: date) -> list[BoardLine]:
    """Every deadline of the plans around `day` addressed to units in the commander's subtree
    (their team, commune, agency, province...), each such unit with its state on `day`: soonest
    deadline first, units in Vietnamese order."""
    if not viewer.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    mine = set(store.units_within(viewer.unit_id))
    lines: list[BoardLine] = []
    for plan, scope in store.plans_around(day):
        for deadline in plan.deadlines:
            for due in due_dates(deadline, plan):
                shown: list[tuple[int, str, Submission | None]] = [
                    (unit, name, None)
                    for unit, name in not_reported(store, plan.code, scope, deadline, due)
                    if unit in mine
                ]
                shown += [
                    (done.unit_id, done.unit_name, done)
                    for done in store.submissions(plan.code, deadline.code, due)
                    if done.unit_id in mine
                ]
                views = store.submission_views(plan.code, deadline.code, due)
                lines += [
                    BoardLine(
                        plan.code,
                        plan.name,
                        deadline.code,
                        deadline.title,
                        deadline.deliverable,
                        due,
                        unit,
                        name,
                        state_on(due, day, done is not None),
                        done,
                        views[unit].state if unit in views else None,
                        views.get(unit),
                    )
                    for unit, name, done in sorted(shown, key=lambda u: vietnamese_key(u[1]))
                ]
    return sorted(lines, key=lambda line: (line.due, line.deadline_code, line.plan_code))


def submitted_photo(
    store: DeadlineBoardStore, viewer: MemberView, attachment_id: int, now: datetime
) -> SubmittedPhoto:
    """The photo a unit reported a deadline with, for a commander of that unit or one above it
    (as its documents are); audited. Refused alike whether it does not exist or may not be
    seen."""
    if not viewer.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    found = store.submitted_photo(attachment_id)
    if found is None or viewer.unit_id not in found.unit_chain:
        raise Refused(said("document_not_found"))
    store.audit(
        Audited(
            "deliverable.photo_opened",
            "attachments",
            str(attachment_id),
            now,
            actor_member_id=viewer.id,
        )
    )
    return found


__all__ = [
    "BoardLine",
    "Submitted",
    "board",
    "check_dossier",
    "mark_submitted",
    "not_reported",
    "open_deliverables",
    "submitted_photo",
]
