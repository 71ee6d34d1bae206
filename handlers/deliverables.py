"""/danop (/submitted): a commander marks a plan's deliverable done for their unit, with an
optional photo of it; reminders stop for that unit and it is not listed as late.

States: "pick" (the open ones) -> "file" (data: key, which one; a photo or none) -> out.
"""

from __future__ import annotations

from types import MappingProxyType

from handlers.asking import Answer, Prompt, Turn, choice_refusal, typed_skip
from handlers.registry_desk import registry_of
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from services import deliverables
from services.ports import OpenDeliverable
from services.refusals import Refused

LEAVE, SKIP = "leave", "skip"


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
    items = open_ones(turn)
    if not items:
        return None
    options = [
        (item.key, f"{item.title.get(turn.lang)} — {item.due:%d/%m/%Y}"[:64]) for item in items
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


# "file": a photo of it, or none
def ask_file(turn: Turn) -> Prompt | None:
    item = chosen(turn)
    title = item.deliverable.get(turn.lang) if item else ""
    return Prompt(
        turn.t("deliverable_file", deliverable=title),
        ((SKIP, turn.t("deliverable_no_file")),),
        # Typing "ảnh" while looking for the photo must not mark it submitted without one.
        whole_only=frozenset({SKIP}),
    )


def on_file(turn: Turn, answer: Answer) -> Move:
    photo = turn.incoming.photo
    if photo is None and typed_skip(answer, SKIP).choice != SKIP:
        return Stay(turn.t("bad_kind_photo_or_none"))
    assert turn.member is not None
    key = str(turn.state.data.get("key"))
    chat = (turn.incoming.channel, turn.incoming.chat_id)
    try:
        done = deliverables.mark_submitted(
            turn.store,
            turn.store,
            turn.member,
            key,
            photo,
            chat=chat,
            now=turn.now,
            registry=registry_of(turn),
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say(
        "deliverable_done" if done.recorded else "deliverable_already",
        title=done.item.title.get(turn.lang),
        due=f"{done.item.due:%d/%m/%Y}",
    )
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
