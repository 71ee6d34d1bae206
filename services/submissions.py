"""Submissions for a plan's deadlines (issue 15): a commander of the unit gathers documents
(and the checklist the plan asks) into a draft, submits it when complete, may withdraw it
until the due day; the level above accepts it or sends it back with a reason, and the unit is
told. Every step is audited. The states are `campaign.submissions`'s.

The chat (/danop), the console and `deliverables.mark_submitted` all go through here. `key` is
an `OpenDeliverable.key` of the commander's unit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from campaign import submissions as rules
from campaign.catalogs import by_language, said, text
from campaign.deadlines import is_done
from campaign.localized import Language, Localized
from campaign.registrations import item_label
from handlers.messages import Notice, Outgoing
from services import registrations
from services.ports import (
    MemberView,
    OpenDeliverable,
    RegistryStore,
    SubmissionStore,
    SubmissionView,
    Submittable,
)
from services.refusals import Refused
from services.review import REASON_MINIMUM

Verdict = Literal["accept", "return"]


def target(store: SubmissionStore, commander: MemberView, key: str, day: date) -> Submittable:
    """The deadline `key` the commander's unit may still act on, with what its plan asks."""
    if not commander.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    found = next((t for t in store.submittable(commander, day) if t.item.key == key), None)
    if found is None:
        raise Refused(said("deliverable_none"))
    return found


def _of(
    store: SubmissionStore, commander: MemberView, item: OpenDeliverable
) -> SubmissionView | None:
    return store.submission(item.plan_code, item.deadline_code, item.due, commander.unit_id)


def current(
    store: SubmissionStore, commander: MemberView, key: str, day: date
) -> SubmissionView | None:
    """The unit's submission for the open deliverable `key` (None: nothing gathered yet)."""
    return _of(store, commander, target(store, commander, key, day).item)


def opened(
    store: SubmissionStore, commander: MemberView, day: date
) -> list[tuple[Submittable, SubmissionView | None]]:
    """What the commander's unit may act on, each with its submission so far (a draft, one
    sent back with its reason, one submitted that may still be withdrawn)."""
    if not commander.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    return [(t, _of(store, commander, t.item)) for t in store.submittable(commander, day)]


def needs_document(place: Submittable) -> bool:
    return rules.needs_document(place.documents, place.checklist)


def still_missing(place: Submittable, view: SubmissionView | None) -> list[str]:
    """The checklist items (codes) not in yet, and "" when a document is needed and none is."""
    statuses = [(i.item, i.status) for i in view.checklist] if view else []
    if view is None:
        statuses = [(code, "missing") for code, _ in place.checklist]
    held = (len(view.documents) + (view.attachment_id is not None)) if view else 0
    return rules.missing(statuses, held, needs_document=needs_document(place))


def item_name(place: Submittable, code: str, lang: Language) -> str:
    """A checklist item's name in the plan's words ("": a document, any)."""
    if not code:
        return text("submission_any_document", lang)
    name = next((n for c, n in place.checklist if c == code), None)
    return name.get(lang) if name is not None else item_label(code, lang)


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
    place = target(store, commander, key, now.date())
    document = store.document(commander, document_id)
    # Only a document this commander has just sent, not yet part of anything: never another's
    # upload, nor one already given to a submission, a dossier or a report.
    if document is None or document.uploaded_by != commander.id or document.owner_id is not None:
        raise Refused(said("submission_document_not_yours"))
    view = _of(store, commander, place.item) or store.open_draft(commander, place, now)
    _refuse_unless_open(view)
    codes = [code for code, _ in place.checklist]
    if item is not None and item not in codes:
        raise Refused(said("dossier_item_unknown", item=item, known=", ".join(codes) or "—"))
    if item is None:  # the next item still wanted, in the plan's order
        item = next((i.item for i in view.checklist if i.status in ("missing", "returned")), None)
    store.add_to_submission(view.id, document_id, item, commander.id, now)
    if view.state == "returned":
        store.set_submission_state(
            view.id, "draft", was=("returned",), member_id=commander.id, now=now
        )
    return _reread(store, view)


def _refuse_unless_open(view: SubmissionView) -> None:
    if view.state == "submitted":
        raise Refused(said("submission_withdraw_first"))
    if view.state == "accepted":
        raise Refused(said("submission_decided_already"))


def _reread(store: SubmissionStore, view: SubmissionView) -> SubmissionView:
    found = store.submission(view.plan_code, view.deadline_code, view.due, view.unit_id)
    assert found is not None
    return found


def drop(
    store: SubmissionStore, commander: MemberView, key: str, document_id: int, now: datetime
) -> SubmissionView:
    """Take a document off the draft (kept, sealed, no longer part of it)."""
    view = current(store, commander, key, now.date())
    if view is None or all(d.id != document_id for d in view.documents):
        raise Refused(said("document_not_found"))
    _refuse_unless_open(view)
    store.drop_from_submission(view.id, document_id, commander.id, now)
    if view.state == "returned":
        store.set_submission_state(
            view.id, "draft", was=("returned",), member_id=commander.id, now=now
        )
    return _reread(store, view)


def check_dossier(
    registry: RegistryStore | None, commander: MemberView, item: OpenDeliverable
) -> None:
    """A deadline that names a registration counts as submitted only when the unit registered
    for it that year and every document of its dossier is uploaded or accepted."""
    if item.registration is None:
        return
    checked = (
        registrations.dossier_for_deadline(
            registry, commander.unit_id, item.registration, item.due.year
        )
        if registry is not None
        else None
    )
    if checked is None:
        raise Refused(said("deliverable_not_registered", year=item.due.year))
    needed = checked.still_needed()
    if needed:
        names = by_language(lambda lang: ", ".join(checked.label(i, lang) for i in needed))
        raise Refused(
            said("deliverable_dossier_incomplete", items=names, number=checked.registration.id)
        )


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
    place = target(store, commander, key, now.date())
    check_dossier(registry, commander, place.item)
    view = _of(store, commander, place.item)
    if view is not None and is_done(view.state):
        raise Refused(said("submission_submitted_already"))
    if view is not None and view.state == "returned":
        raise Refused(said("submission_returned_change_first"))
    needed = still_missing(place, view)
    if needed:
        names = by_language(lambda lang: ", ".join(item_name(place, c, lang) for c in needed))
        raise Refused(said("submission_incomplete", items=names))
    if view is None:  # a bare deadline: nothing gathered, submitted as it is
        view = store.open_draft(commander, place, now)
    if not store.set_submission_state(
        view.id, "submitted", was=("draft",), member_id=commander.id, now=now
    ):
        raise Refused(said("submission_changed"))
    return _reread(store, view)


def withdraw(
    store: SubmissionStore, commander: MemberView, key: str, now: datetime
) -> SubmissionView:
    """Take a submission back to draft: only until the due day and before it is decided."""
    try:
        place = target(store, commander, key, now.date())
    except Refused:
        if not commander.role.is_commander:
            raise
        # Past its due day or accepted, a submission is no longer listed: say why it is closed.
        raise Refused(said("submission_withdraw_closed")) from None
    view = _of(store, commander, place.item)
    problem = (
        said("submission_not_submitted")
        if view is None
        else rules.withdraw_problem(view.state, view.due, now.date())
    )
    if problem is not None or view is None:
        raise Refused(problem or said("submission_not_submitted"))
    if not store.set_submission_state(
        view.id, "draft", was=("submitted",), member_id=commander.id, now=now
    ):
        raise Refused(said("submission_changed"))
    return _reread(store, view)


def visible(store: SubmissionStore, viewer: MemberView, submission_id: int) -> SubmissionView:
    """A submission for a commander of its unit or of a unit above it; refused alike when it
    does not exist or may not be seen."""
    place = store.submission_by_id(submission_id)
    if (
        place is None
        or not viewer.role.is_commander
        or viewer.unit_id not in [unit for unit, _ in place.line]
    ):
        raise Refused(said("submission_not_found"))
    return place.view


def decide(
    store: SubmissionStore,
    viewer: MemberView,
    submission_id: int,
    verdict: Verdict,
    note: str,
    now: datetime,
    *,
    seen_state: str | None = None,
    seen_submitted_at: datetime | None = None,
) -> SubmissionView:
    """Accept or send back (a reason of at least `services.review.REASON_MINIMUM` characters)
    a submitted submission: an officer or admin of a unit strictly above the submitting unit.
    `seen_state`, `seen_submitted_at`: what the viewer saw; refused when it changed meanwhile
    (withdrawn, changed and submitted again is "submitted" still, but not what was seen). The
    unit's commanders are told."""
    if verdict not in ("accept", "return"):
        raise ValueError(verdict)
    place = store.submission_by_id(submission_id)
    if place is None or viewer.unit_id not in [unit for unit, _ in place.line]:
        raise Refused(said("submission_not_found"))
    line = [rules.Rung(unit, kind) for unit, kind in place.line]
    if not rules.may_decide(viewer.role, viewer.unit_id, line, place.escalate_to):
        raise Refused(said("submission_not_yours_to_decide"))
    reason = note.strip()
    if verdict == "return" and len(reason) < REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REASON_MINIMUM))
    view = place.view
    if (
        (seen_state is not None and seen_state != view.state)
        or (seen_submitted_at is not None and seen_submitted_at != view.submitted_at)
        or view.state != "submitted"
    ):
        raise Refused(said("submission_changed"))
    state = "accepted" if verdict == "accept" else "returned"
    if not store.set_submission_state(
        view.id, state, was=("submitted",), member_id=viewer.id, now=now, note=reason or None
    ):
        raise Refused(said("submission_changed"))
    told = [
        Notice(
            member.id,
            Outgoing(text=_told(state, place.title, view, reason, member.language)),
        )
        for member in store.commanders_of(view.unit_id)
        if member.id != viewer.id
    ]
    if told:
        store.notify(told, now)
    return _reread(store, view)


def _told(state: str, title: Localized, view: SubmissionView, reason: str, lang: Language) -> str:
    return text(
        "submission_accepted" if state == "accepted" else "submission_returned",
        lang,
        title=title.get(lang),
        due=f"{view.due:%d/%m/%Y}",
        reason=reason,
    )


__all__ = [
    "Verdict",
    "attach",
    "check_dossier",
    "current",
    "decide",
    "drop",
    "item_name",
    "needs_document",
    "opened",
    "still_missing",
    "submit",
    "target",
    "visible",
    "withdraw",
]
