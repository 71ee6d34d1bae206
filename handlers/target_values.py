"""/nhapchitieu (/entertarget): the accountable member enters what no data in the bot shows —
a value, or met / not met — for their unit (or a unit under it) and the period running, with an
optional note and evidence (a photo, or a PDF, DOCX, XLSX document); a change replaces it until
the period is closed.

States: "pick" (the targets, entered or not) -> "value" (a number typed, or met / not met;
data: key) -> "note" (data: key, value) -> "evidence" (a photo, a document or none; data:
document, document_name) -> "confirm" -> out.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Protocol, cast

from campaign import documents as kinds
from campaign.target_values import EnteredValue, Way, met_value, read_value
from handlers.asking import (
    Answer,
    Prompt,
    Turn,
    choice_refusal,
    document_prompt,
    oversized,
    typed_skip,
)
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from handlers.steps import typed_reason
from services import target_values
from services.ports import DocumentStore, NoticeStore, TargetValueStore
from services.refusals import Refused
from services.target_values import Task

LEAVE, MET, NOT_MET, SKIP, NO_EVIDENCE, SAVE, DROP = (
    "leave",
    "met",
    "not_met",
    "skip",
    "none",
    "save",
    "drop",
)
LABEL = 64  # a button's label, at most (Telegram shows no more)


class TargetStores(TargetValueStore, DocumentStore, NoticeStore, Protocol):
    """What this desk needs of the turn's store (storage.repository.Repository is all of it)."""


def stores(turn: Turn) -> TargetStores:
    # The turn's `Store` union predates these ports; the repository behind it implements them.
    return cast(TargetStores, turn.store)


def begin(turn: Turn, argument: str) -> Move:
    if not my_tasks(turn):
        turn.say("target_value_none")
        return REFUSED
    return Go("pick")


# "pick": the targets to enter for the period running, entered or not
def ask_pick(turn: Turn) -> Prompt | None:
    found = my_tasks(turn)
    if not found:
        return None
    options = [(task.key, label(turn, task)) for task in found]
    return Prompt(turn.t("target_value_pick"), (*options, (LEAVE, turn.t("menu_back"))))


def label(turn: Turn, task: Task) -> str:
    mark = "🔒" if task.closed else "✅" if task.stored else "⬜"
    words = task.target.description.get(turn.lang)
    unit = f" — {task.place.name}"
    room = LABEL - len(mark) - 1 - len(unit)
    if len(words) > room:
        words = words[: max(room - 1, 8)] + "…"
    return f"{mark} {words}{unit}"[:LABEL]


def on_pick(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, len(my_tasks(turn)) + 1))
    task = the_task(turn, answer.choice)
    if task is None:
        return Stay(turn.t("target_value_gone"))
    try:
        target_values.refuse_closed(task)
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    turn.state.data = {"key": task.key}
    return Go("value")


def gone(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("target_value_gone")
    return Go(OUT)


# "value" / "met": the value, after the plan's words, the period, what is entered and a hint
def card(turn: Turn, task: Task) -> str:
    lines = [
        turn.t(
            "target_value_card",
            target=task.target.description.get(turn.lang),
            plan=task.plan.name.get(turn.lang),
            unit=task.place.name,
            start=f"{task.start:%d/%m/%Y}",
            end=f"{task.end:%d/%m/%Y}",
        )
    ]
    if task.target.quote:
        lines.append(turn.t("target_value_quote", quote=task.target.quote))
    if task.stored is not None:
        lines.append(
            turn.t(
                "target_value_current",
                value=shown(turn, task.way, task.stored.value),
                at=f"{task.stored.entered_at:%d/%m/%Y}",
            )
        )
    counted = target_values.hint(stores(turn), task)
    if counted is not None:
        lines.append(turn.t("target_value_hint", count=EnteredValue(counted).shown("value")))
    return "\n".join(lines)


def shown(turn: Turn, way: Way, value: EnteredValue) -> str:
    if way == "met":
        return turn.t("target_value_met" if value.met else "target_value_not_met")
    return value.shown(way)


def ask_value(turn: Turn) -> Prompt | None:
    """A number is typed; met or not is a choice of two (typed words understood too)."""
    task = chosen(turn)
    if task is None:
        return None
    question = f"{card(turn, task)}\n\n{turn.t('target_value_ask', way=task.way)}"
    if task.way != "met":
        return Prompt(question)
    options = ((MET, turn.t("target_value_met")), (NOT_MET, turn.t("target_value_not_met")))
    return Prompt(question, options)


def on_value(turn: Turn, answer: Answer) -> Move:
    task = chosen(turn)
    if task is None:
        return gone(turn, True)
    if closed_meanwhile(turn, task):
        return Go(OUT)
    if task.way == "met":
        return on_met(turn, answer)
    try:
        value = target_values.read(task, answer.text or "")
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    turn.state.data["value"] = kept(value)
    return Go("note")


def on_met(turn: Turn, answer: Answer) -> Move:
    choice = answer.choice
    if choice is None and answer.text:  # "đạt", "không", "có" typed (Zalo has no buttons)
        typed = read_value("met", answer.text)
        if not isinstance(typed, EnteredValue):
            return Stay(typed.get(turn.lang))
        choice = MET if typed.met else NOT_MET
    if choice not in (MET, NOT_MET):
        return Stay(choice_refusal(turn, answer, 2))
    turn.state.data["value"] = kept(met_value(choice == MET))
    return Go("note")


def closed_meanwhile(turn: Turn, task: Task) -> bool:
    """The period was closed since the target was picked: said why, nothing to ask."""
    try:
        target_values.refuse_closed(task)
    except Refused as refused:
        turn.say_refused(refused)
        return True
    return False


# "note": optional
def ask_note(turn: Turn) -> Prompt | None:
    if chosen(turn) is None:
        return None
    return Prompt(
        turn.t("target_value_note"), ((SKIP, turn.t("target_value_skip")),), free_text=True
    )


def on_note(turn: Turn, answer: Answer) -> Move:
    if typed_skip(answer, SKIP).choice == SKIP:
        turn.state.data["note"] = None
        return Go("evidence")
    note = typed_reason(turn, minimum=1)
    if note is None:
        return Stay(turn.t("target_value_note_again"))
    turn.state.data["note"] = note
    return Go("evidence")


# "evidence": an optional photo or document, kept as the value's evidence once saved
def ask_evidence(turn: Turn) -> Prompt | None:
    if chosen(turn) is None:
        return None
    # Typing "ảnh" while looking for the photo must not go on without it (whole_only).
    return document_prompt(
        turn,
        turn.t("target_value_evidence"),
        ((NO_EVIDENCE, turn.t("target_value_no_evidence")),),
        images=True,
    )


def on_evidence(turn: Turn, answer: Answer) -> Move:
    sent = evidence_sent(turn)
    if sent is None:
        if typed_skip(answer, NO_EVIDENCE).choice != NO_EVIDENCE:
            return Stay(turn.t("target_value_evidence_or_none"))
        turn.state.data.update(document=None, document_name=None)
        return Go("confirm")
    task = chosen(turn)
    if task is None:
        return gone(turn, True)
    too_big = None if turn.incoming.photo is not None else oversized(turn)
    if too_big is not None:
        return Stay(too_big)
    data, name = sent
    store = stores(turn)
    try:
        document = target_values.keep_evidence(
            store, store, turn.member, task, data=data, name=name or "minh-chung", now=turn.now
        )
    except Refused as refused:  # not a kind taken: nothing kept, asked again
        return Stay(refused.reason.get(turn.lang))
    shown_name = kinds.clean_name(name, kinds.sniff(data) or "") if name else None
    turn.state.data.update(document=document, document_name=shown_name)
    return Go("confirm")


def evidence_sent(turn: Turn) -> tuple[bytes, str] | None:
    """The photo (no name: the summary says "a photo") or the document sent, if either."""
    if turn.incoming.photo is not None:  # an image sent as a file arrives as a photo too
        return turn.incoming.photo.data, ""
    if turn.incoming.document is not None:
        return turn.incoming.document.data, turn.incoming.document.name
    return None


# "confirm": what will be saved
def ask_confirm(turn: Turn) -> Prompt | None:
    task = chosen(turn)
    value = the_value(turn)
    if task is None or value is None:
        return None
    note = turn.state.data.get("note")
    summary = turn.t(
        "target_value_summary",
        target=task.target.description.get(turn.lang),
        unit=task.place.name,
        start=f"{task.start:%d/%m/%Y}",
        end=f"{task.end:%d/%m/%Y}",
        value=shown(turn, task.way, value),
        note=note or "—",
        evidence=evidence_kind(turn),
        name=turn.state.data.get("document_name") or "",
    )
    options = ((SAVE, turn.t("target_value_save")), (DROP, turn.t("target_value_drop")))
    return Prompt(summary, options, whole_only=frozenset({SAVE}))


def on_confirm(turn: Turn, answer: Answer) -> Move:
    if answer.choice == DROP:
        turn.say("cancelled")
        return Go(OUT)
    if answer.choice != SAVE:
        return Stay(choice_refusal(turn, answer, 2))
    task, value = chosen(turn), the_value(turn)
    if task is None or value is None:
        return gone(turn, True)
    store = stores(turn)
    data = turn.state.data
    try:
        saved = target_values.enter(
            store,
            store,
            store,
            turn.member,
            task,
            value,
            note=data.get("note"),
            document_id=data.get("document"),
            now=turn.now,
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say(
        "target_value_saved",
        target=task.target.description.get(turn.lang),
        unit=task.place.name,
        value=shown(turn, task.way, saved.value),
        before=shown(turn, task.way, saved.before.value) if saved.before else "",
        changed="yes" if saved.before else "no",
    )
    return Go(OUT)


class TargetValueFlow(StateFlow):
    name = "target_value"
    first = "pick"
    states = MappingProxyType(
        {
            "pick": State(ask_pick, on_pick, goes=("value", OUT), lost=gone),
            "value": State(ask_value, on_value, goes=("note", OUT), back="pick", lost=gone),
            "note": State(ask_note, on_note, goes=("evidence",), back="value", lost=gone),
            "evidence": State(ask_evidence, on_evidence, goes=("confirm",), back="note", lost=gone),
            "confirm": State(ask_confirm, on_confirm, goes=(OUT,), back="evidence", lost=gone),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "cancelled", {}  # nothing was saved


def evidence_kind(turn: Turn) -> str:
    """What the summary says of new evidence: a document by its name, a photo, or none."""
    if not turn.state.data.get("document"):
        return "no"
    return "file" if turn.state.data.get("document_name") else "yes"


def my_tasks(turn: Turn) -> list[Task]:
    assert turn.member is not None
    return target_values.tasks(stores(turn), turn.member, turn.now.date())


def the_task(turn: Turn, key: object) -> Task | None:
    return next((task for task in my_tasks(turn) if task.key == key), None)


def chosen(turn: Turn) -> Task | None:
    return the_task(turn, turn.state.data.get("key"))


def kept(value: EnteredValue) -> dict[str, Any]:
    """The value as the chat's state keeps it (JSON)."""
    return {
        "value": value.value,
        "met": value.met,
        "numerator": value.numerator,
        "denominator": value.denominator,
    }


def the_value(turn: Turn) -> EnteredValue | None:
    found = turn.state.data.get("value")
    if not isinstance(found, dict):
        return None
    return EnteredValue(
        float(found["value"]),
        met=found.get("met"),
        numerator=found.get("numerator"),
        denominator=found.get("denominator"),
    )
