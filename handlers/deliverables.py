"""/danop (/submitted): a commander gathers what a plan's deadline asks of their unit (the
documents of its checklist: PDF, DOCX, XLSX, or photos of the paper) and submits it; reminders
stop for that unit and it is not listed as late. A submission may be left as a draft, withdrawn
until its due day, and is resubmitted after the level above sends it back (services.submissions).

States: "pick" (the open ones, each marked with how it stands) -> "file" (data: key; a loop:
each document or photo sent is added, the checklist and the documents so far are shown, with
"Nộp" once complete, "Xong, nộp sau", "Bỏ tài liệu…", "Rút lại" while submitted) -> "drop"
(which document to take off) -> "file"; out on submitting or leaving.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import cast

from campaign import submissions as rules
from handlers.asking import (
    Answer,
    Prompt,
    Reask,
    Turn,
    choice_refusal,
    document_prompt,
    document_store,
    kept_document,
    show_document,
    typed_skip,
)
from handlers.channels import capabilities
from handlers.registry_desk import registry_of
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from services import deliverables, documents, submissions
from services.ports import SubmissionDesk, SubmissionView, Submittable
from services.refusals import Refused

LEAVE, SKIP = "leave", "skip"
SUBMIT, LATER, DROP, WITHDRAW, BACK = "submit", "later", "drop", "withdraw", "back"
# How each deadline in the list stands: gathering, submitted (may be withdrawn), sent back.
MARKS = {"draft": "📝 ", "submitted": "✅ ", "returned": "↩️ "}


def begin(turn: Turn, argument: str) -> Move:
    assert turn.member is not None
    try:
        found = deliverables.open_deliverables(turn.store, turn.member, turn.now.date())
    except Refused as refused:
        turn.say_refused(refused)
        return REFUSED
    if not found:
        turn.say("deliverable_none")
        return REFUSED
    return Go("pick")


# "pick": which deadline to gather or submit
def ask_pick(turn: Turn) -> Prompt | None:
    items = opened(turn)
    if not items:
        return None
    options = [
        (
            place.item.key,
            f"{MARKS.get(view.state if view else '', '')}"
            f"{place.item.title.get(turn.lang)} — {place.item.due:%d/%m/%Y}"[:64],
        )
        for place, view in items
    ]
    return Prompt(turn.t("deliverable_pick"), (*options, (LEAVE, turn.t("menu_back"))))


def on_pick(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, len(opened(turn)) + 1))
    found = chosen_from(turn, answer.choice)
    if found is not None and turn.member is not None:
        try:  # a dossier still missing documents: said now, before a document is asked for
            deliverables.check_dossier(registry_of(turn), turn.member, found[0].item)
        except Refused as refused:
            return Stay(refused.reason.get(turn.lang))
    turn.state.data = {"key": answer.choice}
    return Go("file")


def lost(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("deliverable_none")
    return Go(OUT)


# "file": the submission as it stands; a document or a photo adds to it
def ask_file(turn: Turn) -> Prompt | None:
    found = chosen(turn)
    if found is None:
        return None
    place, view = found
    lines = [summary(turn, place, view)]
    options: list[tuple[str, str]] = []
    if view is not None and view.state == "submitted":
        if rules.withdrawable(view.state, view.due, turn.now.date()):
            options.append((WITHDRAW, turn.t("submission_button_withdraw")))
    else:
        held = bool(view and (view.documents or view.attachment_id))
        bare = not held and not submissions.needs_document(place)
        wanted = place.item.deliverable.get(turn.lang)
        lines.append(turn.t("deliverable_send" if bare else "submission_send", deliverable=wanted))
        if bare:
            options.append((SKIP, turn.t("deliverable_no_document")))  # as before issue 15
        elif not submissions.still_missing(place, view) and not (view and view.state == "returned"):
            options.append((SUBMIT, turn.t("submission_button_submit")))
        if view is not None and view.documents:
            options.append((LATER, turn.t("submission_button_later")))
            options.append((DROP, turn.t("submission_button_drop")))
    options.append((BACK, turn.t("submission_button_back")))
    declared = capabilities(turn.incoming.channel)
    if declared is not None and not declared.documents:
        lines.append(turn.t("submission_console_pointer"))
    # Typing "tệp" while looking for the file must not submit it without one: whole labels only.
    return document_prompt(turn, "\n\n".join(lines), tuple(options), images=True)


def summary(turn: Turn, place: Submittable, view: SubmissionView | None) -> str:
    """The deadline, how its submission stands, its checklist ✓/✗ and its documents so far."""
    item = place.item
    lines = [
        turn.t("submission_heading", title=item.title.get(turn.lang), due=f"{item.due:%d/%m/%Y}")
    ]
    if view is not None and view.state == "submitted" and view.submitted_at is not None:
        at = view.submitted_at.astimezone(turn.now.tzinfo)
        late = rules.late(view.due, view.submitted_at, at.date())
        lines.append(
            turn.t(
                "submission_state_submitted_late" if late else "submission_state_submitted",
                when=f"{at:%H:%M %d/%m/%Y}",
                who=view.submitted_by or "",
                due=f"{view.due:%d/%m/%Y}",
            )
        )
    elif view is not None and view.state == "returned":
        lines.append(turn.t("submission_state_returned", reason=view.decision_note or ""))
    elif view is not None:
        lines.append(turn.t("submission_state_draft"))
    statuses = {i.item: i.status for i in view.checklist} if view else {}
    if place.checklist:
        lines.append(turn.t("submission_checklist_title"))
        for code, _ in place.checklist:
            done = statuses.get(code, "missing") not in ("missing", "returned")
            name = submissions.item_name(place, code, turn.lang)
            lines.append(
                turn.t("submission_item_in" if done else "submission_item_missing", name=name)
            )
    if view is not None and view.documents:
        lines.append(turn.t("submission_documents_title"))
        lines += [turn.t("submission_document_line", name=d.original_name) for d in view.documents]
    return "\n".join(lines)


def on_file(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    found = chosen(turn)
    if found is None:  # submitted past due or accepted meanwhile: nothing kept for nothing
        turn.say("deliverable_none")
        return Go(OUT)
    place, view = found
    key = place.item.key
    sent = turn.incoming.photo is not None or turn.incoming.document is not None
    if sent:
        return added(turn, place, view)
    answer = typed_skip(answer, SKIP)
    try:
        if answer.choice in (SUBMIT, SKIP):
            done = deliverables.mark_submitted(
                desk(turn),
                turn.store,
                turn.member,
                key,
                None,
                chat=(turn.incoming.channel, turn.incoming.chat_id),
                now=turn.now,
                registry=registry_of(turn),
            )
            turn.say(
                "deliverable_done" if done.recorded else "deliverable_already",
                title=place.item.title.get(turn.lang),
                due=f"{place.item.due:%d/%m/%Y}",
            )
            return Go(OUT)
        if answer.choice == WITHDRAW:
            submissions.withdraw(desk(turn), turn.member, key, turn.now)
            return Go("file", prefix=turn.t("submission_withdrawn"))
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    if answer.choice == LATER:
        turn.say("submission_kept_draft", title=place.item.title.get(turn.lang))
        return Go(OUT)
    if answer.choice == DROP:
        return Go("drop")
    if answer.choice == BACK:
        return Go("pick")
    offered = (ask_file(turn) or Prompt("")).options
    bare = any(option == SKIP for option, _ in offered)
    return Stay(turn.t("bad_kind_document_or_none" if bare else "submission_bad_answer"))


def added(turn: Turn, place: Submittable, view: SubmissionView | None) -> Move:
    """A document or a photo sent: checked by its bytes, kept, and added to the draft."""
    assert turn.member is not None
    if view is not None and view.state == "submitted":  # nothing kept while it is submitted
        return Stay(turn.t("submission_withdraw_first"))
    photo = turn.incoming.photo  # an image sent as a file arrives as a photo too
    document: int | None
    try:
        if photo is not None:
            document = documents.keep(
                document_store(turn),
                turn.store,
                turn.member,
                data=photo.data,
                name="anh",
                unit_id=turn.member.unit_id,
                owner_kind="deliverable",
                owner_id=None,
                now=turn.now,
            )
        else:
            document = kept_document(turn, owner_kind="deliverable", images=True)
    except Reask as refused:  # not a kind taken, too big: nothing kept
        return Stay(refused.message)
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    if document is None:
        return Stay(turn.t("bad_kind_document_or_none"))
    try:
        now = submissions.attach(desk(turn), turn.member, place.item.key, document, turn.now)
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    name = next((d.original_name for d in now.documents if d.id == document), "")
    show_document(turn, document, turn.t("deliverable_document_kept"))  # opened, audited
    return Go("file", prefix=turn.t("submission_added", name=name))


# "drop": which document to take off the draft
def ask_drop(turn: Turn) -> Prompt | None:
    found = chosen(turn)
    if found is None or found[1] is None or not found[1].documents:
        return None
    options = [(str(d.id), f"📄 {d.original_name}"[:64]) for d in found[1].documents]
    return Prompt(
        turn.t("submission_drop_pick"),
        (*options, (BACK, turn.t("submission_button_back"))),
    )


def on_drop(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if answer.choice == BACK:
        return Go("file")
    if answer.choice is None or not answer.choice.isdigit():
        found = chosen(turn)
        count = len(found[1].documents) + 1 if found and found[1] else 1
        return Stay(choice_refusal(turn, answer, count))
    key = str(turn.state.data.get("key"))
    try:
        submissions.drop(desk(turn), turn.member, key, int(answer.choice), turn.now)
    except Refused as refused:
        return Go("file", prefix=refused.reason.get(turn.lang))
    return Go("file", prefix=turn.t("submission_dropped"))


def drop_lost(turn: Turn, answering: bool) -> Move:
    return Go("file") if chosen(turn) is not None else lost(turn, answering)


class DeliverableFlow(StateFlow):
    name = "deliverable"
    first = "pick"
    states = MappingProxyType(
        {
            "pick": State(ask_pick, on_pick, goes=("file", OUT), lost=lost),
            "file": State(ask_file, on_file, goes=("file", "drop", "pick", OUT), lost=lost),
            "drop": State(ask_drop, on_drop, goes=("file",), lost=drop_lost),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "cancelled", {}  # nothing was submitted (a draft stays a draft)


def desk(turn: Turn) -> SubmissionDesk:
    """The turn's store as the submissions' port: the repository is every port, but `Store`
    is declared above `SubmissionStore` in services/ports.py and cannot name it."""
    return cast(SubmissionDesk, turn.store)


def opened(turn: Turn) -> list[tuple[Submittable, SubmissionView | None]]:
    assert turn.member is not None
    try:
        return submissions.opened(desk(turn), turn.member, turn.now.date())
    except Refused:
        return []  # no longer a commander: nothing is open for them


def chosen(turn: Turn) -> tuple[Submittable, SubmissionView | None] | None:
    return chosen_from(turn, turn.state.data.get("key"))


def chosen_from(turn: Turn, key: object) -> tuple[Submittable, SubmissionView | None] | None:
    return next((found for found in opened(turn) if found[0].item.key == key), None)
