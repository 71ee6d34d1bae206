"""/danop (/submitted): a commander marks a plan's deliverable done for their unit, with an
optional photo or document (PDF, DOCX, XLSX) of it; reminders stop for that unit and it is not
listed as late.

States: "pick" (the open ones) -> "file" (data: key, which one; a photo, a document or
none) -> out.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import cast

from campaign.deadlines import is_done
from handlers.asking import (
    Answer,
    Prompt,
    Reask,
    Turn,
    choice_refusal,
    document_prompt,
    kept_document,
    show_document,
    typed_skip,
)
from handlers.registry_desk import registry_of
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from services import deliverables, submissions
from services.ports import OpenDeliverable, SubmissionDesk
from services.refusals import Refused

LEAVE, SKIP = "leave", "skip"
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


# "pick": which deliverable was submitted
def ask_pick(turn: Turn) -> Prompt | None:
    assert turn.member is not None
    try:
        items = submissions.opened(desk(turn), turn.member, turn.now.date())
    except Refused:
        items = []  # no longer a commander: nothing is open for them
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
        return Stay(choice_refusal(turn, answer, len(open_ones(turn)) + 1))
    item = chosen_from(turn, answer.choice)
    if item is not None and turn.member is not None:
        try:  # a dossier still missing documents: said now, before a photo is asked for
            deliverables.check_dossier(registry_of(turn), turn.member, item)
        except Refused as refused:
            return Stay(refused.reason.get(turn.lang))
    turn.state.data = {"key": answer.choice}
    return Go("file")


def pick_lost(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("deliverable_none")
    return Go(OUT)


# "file": a photo or a document of it, or none
def ask_file(turn: Turn) -> Prompt | None:
    item = chosen(turn)
    title = item.deliverable.get(turn.lang) if item else ""
    # Typing "tệp" while looking for the file must not mark it submitted without one.
    return document_prompt(
        turn,
        turn.t("deliverable_send", deliverable=title),
        ((SKIP, turn.t("deliverable_no_document")),),
        images=True,
    )


def on_file(turn: Turn, answer: Answer) -> Move:
    photo = turn.incoming.photo  # an image sent as a file arrives as a photo too
    item = chosen(turn)
    if turn.incoming.document is not None and (item is None or reported(turn, item)):
        turn.say("deliverable_none")  # reported meanwhile: no document kept for nothing
        return Go(OUT)
    try:
        document = None if photo else kept_document(turn, owner_kind="deliverable", images=True)
    except Reask as refused:  # not a kind taken, too big: nothing kept
        return Stay(refused.message)
    if photo is None and document is None and typed_skip(answer, SKIP).choice != SKIP:
        return Stay(turn.t("bad_kind_document_or_none"))
    assert turn.member is not None
    key = str(turn.state.data.get("key"))
    chat = (turn.incoming.channel, turn.incoming.chat_id)
    try:
        done = deliverables.mark_submitted(
            desk(turn),
            turn.store,
            turn.member,
            key,
            photo,
            chat=chat,
            now=turn.now,
            registry=registry_of(turn),
            document_id=document,
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say(
        "deliverable_done" if done.recorded else "deliverable_already",
        title=done.item.title.get(turn.lang),
        due=f"{done.item.due:%d/%m/%Y}",
    )
    if document is not None and done.recorded:
        show_document(turn, document, turn.t("deliverable_document_kept"))
    return Go(OUT)


class DeliverableFlow(StateFlow):
    name = "deliverable"
    first = "pick"
    states = MappingProxyType(
        {
            "pick": State(ask_pick, on_pick, goes=("file", OUT), lost=pick_lost),
            "file": State(ask_file, on_file, goes=(OUT,)),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "cancelled", {}  # nothing was marked


def desk(turn: Turn) -> SubmissionDesk:
    """The turn's store as the submissions' port: the repository is every port, but `Store`
    is declared above `SubmissionStore` in services/ports.py and cannot name it."""
    return cast(SubmissionDesk, turn.store)


def reported(turn: Turn, item: OpenDeliverable) -> bool:
    assert turn.member is not None
    found = submissions.current(desk(turn), turn.member, item.key, turn.now.date())
    return found is not None and is_done(found.state)


def open_ones(turn: Turn) -> list[OpenDeliverable]:
    assert turn.member is not None
    try:
        return deliverables.open_deliverables(turn.store, turn.member, turn.now.date())
    except Refused:
        return []  # no longer a commander: nothing is open for them


def chosen(turn: Turn) -> OpenDeliverable | None:
    return chosen_from(turn, turn.state.data.get("key"))


def chosen_from(turn: Turn, key: object) -> OpenDeliverable | None:
    return next((i for i in open_ones(turn) if i.key == key), None)
