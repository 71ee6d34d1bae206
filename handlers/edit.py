"""Correcting an entry already logged: pick it, pick the answer to change, give the new one.

An entry that was verified (or rejected, say for a missing photo) goes back to review when it
is changed: what it scored is taken back until a commander looks again, and the commander's
card says what changed. Answers, photos (added or replaced) and teammates can be changed;
sealed answers (an informant) and the answers that gate them cannot.

States: "pick" (the member's recent entries) -> "field" (data: ref) -> "value" (data: ref,
key, answers = the entry's answers, so steps that check one answer against another see the
rest; partial = teammates picked so far) or, for a photo, "photo_how" (data: ref, key; add or
replace) -> "photo" (data: ref, key, mode) -> "confirm" (data: ref, key, value, or photos and
mode) -> saved.
"""

from __future__ import annotations

from types import MappingProxyType

from campaign.areas import DEFAULT_AREAS, ContentArea, FieldKind
from campaign.collation import person_key
from handlers.asking import Again, Answer, Prompt, Reask, Turn, choice_refusal
from handlers.moments import happened
from handlers.states import OUT, Go, Move, State, StateFlow, Stay
from handlers.steps import FieldStep, step_for
from services import edits
from services.ports import EditableEntry, MemberView
from services.refusals import Refused

LEAVE, SAVE, CANCEL, ADD, REPLACE = "leave", "save", "cancel", "add", "replace"
OFFERED = 8


def begin(turn: Turn, argument: str) -> Move:
    """`/sua`, or `/sua NT-2026-000123` straight to that entry's answers."""
    if argument:
        entry = _entry(turn, argument.upper())
        if entry is not None:
            return to_field(turn, entry)
        turn.say("edit_not_yours", reference=argument[:24])
    return Go("pick")


def closed(turn: Turn, answer: Answer) -> Move | None:
    """Leaving from a question of this desk: nothing was changed."""
    if answer.choice not in (LEAVE, CANCEL):
        return None
    turn.say("edit_unchanged" if turn.state.step == "confirm" else "desk_closed_plain")
    return Go(OUT)


# "pick": which entry
def ask_pick(turn: Turn) -> Prompt | None:
    return _pick_prompt(turn)


def on_pick(turn: Turn, answer: Answer) -> Move:
    if (left := closed(turn, answer)) is not None:
        return left
    if answer.choice is None:
        typed = _entry(turn, (answer.text or "").strip().upper()[:24])
        if typed is not None:  # the reference typed out
            return to_field(turn, typed)
        return Stay(choice_refusal(turn, answer, len(ask_options(turn))))
    picked = _entry(turn, answer.choice)
    if picked is None:
        return Go("pick", prefix=turn.t("edit_not_yours", reference=answer.choice))
    return to_field(turn, picked)


def nothing_to_edit(turn: Turn, answering: bool) -> Move:
    turn.say("edit_nothing")
    return Go(OUT)


def entry_lost(turn: Turn, answering: bool) -> Move:
    return Go("pick")  # the entry vanished from under the desk (not expected)


# "field": which answer of the entry (data: ref)
def ask_field(turn: Turn) -> Prompt | None:
    entry = shown_entry(turn)
    return None if entry is None else _field_prompt(turn, entry)


def on_field(turn: Turn, answer: Answer) -> Move:
    if (left := closed(turn, answer)) is not None:
        return left
    entry = shown_entry(turn)
    assert entry is not None  # the engine asked about it
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, len(ask_options(turn))))
    if _field_kind(_area(turn, entry.content_area), answer.choice) is FieldKind.PHOTO:
        turn.state.data = {"ref": entry.reference, "key": answer.choice}
        return Go("photo_how") if entry.photos else to_photo(turn, ADD)
    return to_value(turn, entry, answer.choice)


def to_field(turn: Turn, entry: EditableEntry) -> Move:
    turn.state.data = {"ref": entry.reference}
    if len(_field_prompt(turn, entry).options) == 1:  # only "leave": nothing to change here
        turn.say("edit_no_fields", reference=entry.reference)
        return Go(OUT)
    return Go("field")


# "value": the new answer, asked as the entry flow asks it (data: ref, key, answers)
def to_value(turn: Turn, entry: EditableEntry, key: str) -> Move:
    turn.state.data = {"ref": entry.reference, "key": key, "answers": dict(entry.details)}
    step = _step(turn, entry)
    if step is None:
        return to_field(turn, entry)
    if step.spec.kind is FieldKind.TEAMMATES:  # the list starts as it is: taps change it
        turn.state.data["partial"] = {key: [mid for mid, _ in entry.teammates]}
    return Go("value")


def ask_value(turn: Turn) -> Prompt | None:
    entry = shown_entry(turn)
    step = _step(turn, entry) if entry is not None else None
    return None if step is None else step.prompt(turn)


def on_value(turn: Turn, answer: Answer) -> Move:
    entry = shown_entry(turn)
    step = _step(turn, entry) if entry is not None else None
    assert entry is not None and step is not None  # the engine asked about them
    try:
        value = step.accept(turn, answer)
    except Reask as refused:
        return Stay(refused.message)
    if isinstance(value, Again):  # teammates: picked tap by tap, then Done
        turn.state.data.setdefault("partial", {})[step.key] = value.partial
        return Stay()
    turn.state.data["value"] = value
    if step.spec.kind is FieldKind.TEAMMATES:
        line = _teammates_line(turn, entry, step)
        if line is None:
            turn.say("edit_unchanged")
            return Go(OUT)
    else:
        old = entry.details.get(step.key)
        line = turn.t(
            "edit_confirm",
            reference=entry.reference,
            field=step.label(turn),
            old="—" if old is None else step.show(turn, old),
            new=step.show(turn, value),
        )
    return to_confirm(turn, entry, line)


# "photo_how": add photos or replace them (data: ref, key)
def ask_photo_how(turn: Turn) -> Prompt | None:
    entry = shown_entry(turn)
    return None if entry is None else _photo_how_prompt(turn, entry)


def on_photo_how(turn: Turn, answer: Answer) -> Move:
    if (left := closed(turn, answer)) is not None:
        return left
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, len(ask_options(turn))))
    return to_photo(turn, answer.choice)


def to_photo(turn: Turn, mode: str) -> Move:
    turn.state.data["mode"] = mode
    return Go("photo")


# "photo": the photos themselves (data: ref, key, mode)
def ask_photo(turn: Turn) -> Prompt | None:
    entry = shown_entry(turn)
    return None if entry is None else _photo_prompt(turn, entry)


def on_photo(turn: Turn, answer: Answer) -> Move:
    entry = shown_entry(turn)
    assert entry is not None
    photo = turn.incoming.photo
    if photo is None and answer.choice == LEAVE:
        turn.say("edit_unchanged")
        return Go(OUT)
    if photo is None:
        return Stay(turn.t("edit_photo_needed"))
    added = turn.store.add_photo(
        photo, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, now=turn.now
    )
    turn.state.data["photo"] = added  # the first one: states saved by older versions
    photos = [*turn.state.data.get("photos", []), added]
    turn.state.data["photos"] = photos
    replacing = turn.state.data.get("mode") == REPLACE
    line = turn.t(
        "edit_photo_replaced" if replacing else "edit_photo_added",
        reference=entry.reference,
        count=entry.photos,
        added=len(photos),
    )
    return to_confirm(turn, entry, line)


# "confirm": save the change (data: ref, key, value or photos)
def to_confirm(turn: Turn, entry: EditableEntry, line: str) -> Move:
    lines = [line]
    if edits.goes_back_to_review(entry):
        lines.append(turn.t("edit_back_to_review"))
    return Go("confirm", text="\n".join(lines))


def ask_confirm(turn: Turn) -> Prompt | None:
    if shown_entry(turn) is None:
        return None
    return _confirm_prompt(turn, turn.t("edit_confirm_short"))


def on_confirm(turn: Turn, answer: Answer) -> Move:
    if turn.incoming.photo is not None and "photo" in turn.state.data:
        # An album: Telegram sends its photos one message each, all while /sua waits.
        return on_photo(turn, answer)
    if (left := closed(turn, answer)) is not None:
        return left
    if answer.choice != SAVE:
        return Stay(choice_refusal(turn, answer, 2))
    entry = shown_entry(turn)
    assert entry is not None
    _save(turn, entry)
    return Go(OUT)


class EditFlow(StateFlow):
    name = "edit"
    first = "pick"
    opens = ("field",)  # `/sua NT-2026-000123`
    states = MappingProxyType(
        {
            "pick": State(ask_pick, on_pick, goes=("pick", "field", OUT), lost=nothing_to_edit),
            "field": State(
                ask_field,
                on_field,
                goes=("field", "value", "photo_how", "photo", OUT),
                lost=entry_lost,
            ),
            "value": State(ask_value, on_value, goes=("field", "confirm", OUT), lost=entry_lost),
            "photo_how": State(ask_photo_how, on_photo_how, goes=("photo", OUT), lost=entry_lost),
            "photo": State(ask_photo, on_photo, goes=("confirm", OUT), lost=entry_lost),
            "confirm": State(ask_confirm, on_confirm, goes=("confirm", OUT), lost=entry_lost),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "edit_unchanged", {}


def ask_options(turn: Turn) -> tuple[tuple[str, str], ...]:
    """The options of the question being answered (to count them in a refusal)."""
    prompt = EditFlow.states[turn.state.step or "pick"].ask(turn)
    return prompt.options if prompt else ()


def shown_entry(turn: Turn) -> EditableEntry | None:
    return _entry(turn, turn.state.data.get("ref", ""))


def _teammates_line(turn: Turn, entry: EditableEntry, step: FieldStep) -> str | None:
    """ "Cùng tuần tra: thêm X; bỏ Y", or None when the list is what it was."""
    names = dict(entry.teammates) | {m.id: m.full_name for m in _roster(turn)}
    before, after = {mid for mid, _ in entry.teammates}, _new_teammates(turn, entry)
    change = []
    if after - before:
        added = ", ".join(sorted((names[m] for m in after - before), key=person_key))
        change.append(turn.t("changed_added", names=added))
    if before - after:
        removed = ", ".join(sorted((names[m] for m in before - after), key=person_key))
        change.append(turn.t("changed_removed", names=removed))
    if not change:
        return None
    return turn.t(
        "edit_teammates",
        reference=entry.reference,
        field=step.label(turn),
        change="; ".join(change),
    )


def _roster(turn: Turn) -> list[MemberView]:
    assert turn.member is not None
    return edits.team(turn.store, turn.member)


def _new_teammates(turn: Turn, entry: EditableEntry) -> set[int]:
    assert turn.member is not None
    return edits.teammates_after(turn.store, turn.member, entry, _picked(turn))


def _picked(turn: Turn) -> set[int]:
    return {int(m) for m in turn.state.data.get("value") or []}


def _save(turn: Turn, entry: EditableEntry) -> None:
    member = turn.member
    assert member is not None
    key = turn.state.data.get("key", "")
    area = _area(turn, entry.content_area)
    kind = _field_kind(area, key) if area is not None else None
    try:
        if kind is FieldKind.PHOTO:
            photos = turn.state.data.get("photos") or [turn.state.data.get("photo", 0)]
            replacing = turn.state.data.get("mode") == REPLACE
            edited = edits.change_photos(
                turn.store, member, entry, [int(p) for p in photos], replacing, turn.now
            )
        elif kind is FieldKind.TEAMMATES:
            edited = edits.change_teammates(
                turn.store, turn.store, turn.store, member, entry, area, _picked(turn), turn.now
            )
        else:
            value = turn.state.data.get("value")
            edited = edits.change_answer(turn.store, member, entry, area, key, value, turn.now)
    except Refused as refused:
        turn.say_refused(refused)
        return
    turn.say(
        "edit_saved_review" if edited.back_to_review else "edit_saved", reference=edited.reference
    )


def _photo_how_prompt(turn: Turn, entry: EditableEntry) -> Prompt:
    return Prompt(
        turn.t("edit_photo_how", reference=entry.reference, count=entry.photos),
        (
            (ADD, turn.t("edit_photo_add")),
            (REPLACE, turn.t("edit_photo_replace")),
            (LEAVE, turn.t("menu_back")),
        ),
    )


def _photo_prompt(turn: Turn, entry: EditableEntry) -> Prompt:
    return Prompt(
        turn.t("edit_photo_send", reference=entry.reference),
        ((LEAVE, turn.t("menu_back")),),
    )


def _pick_prompt(turn: Turn) -> Prompt | None:
    member = turn.member
    assert member is not None
    own = edits.entries_to_edit(turn.store, member, OFFERED)
    if not own:
        return None
    options = []
    for entry in own:
        area = _area(turn, entry.content_area)
        name = area.name.get(turn.lang) if area else entry.content_area
        when = happened(turn, entry.content_area, entry.details, entry.occurred_at)
        status = turn.t("status", status=entry.status)
        options.append((entry.reference, f"{entry.reference} — {name} — {when} ({status})"))
    return Prompt(turn.t("edit_pick"), (*options, (LEAVE, turn.t("menu_back"))))


def _field_prompt(turn: Turn, entry: EditableEntry) -> Prompt:
    area = _area(turn, entry.content_area)
    assert turn.member is not None
    fields = []
    for spec in edits.changeable_fields(turn.store, turn.member, area, entry):
        step = step_for(spec)
        if spec.kind is FieldKind.PHOTO:
            shown = turn.t("edit_photo_count", count=entry.photos) if entry.photos else "—"
        elif spec.kind is FieldKind.TEAMMATES:
            shown = ", ".join(sorted((n for _, n in entry.teammates), key=person_key)) or "—"
        else:
            value = entry.details.get(spec.key)
            shown = "—" if value is None else step.show(turn, value)
        fields.append((spec.key, f"{spec.label.get(turn.lang)}: {shown}"[:60]))
    status = turn.t("status", status=entry.status)
    return Prompt(
        turn.t("edit_field", reference=entry.reference, status=status),
        (*fields, (LEAVE, turn.t("menu_back"))),
    )


def _confirm_prompt(turn: Turn, body: str) -> Prompt:
    return Prompt(body, ((SAVE, turn.t("confirm_save")), (CANCEL, turn.t("confirm_cancel"))))


# Lookups


def _entry(turn: Turn, reference: str) -> EditableEntry | None:
    """The member's own entry (None for anyone else's: the desk words that itself)."""
    member = turn.member
    assert member is not None
    try:
        return edits.entry_to_edit(turn.store, member, reference)
    except Refused:
        return None


def _step(turn: Turn, entry: EditableEntry) -> FieldStep | None:
    """The step asking the answer being changed (photos have their own states)."""
    spec = edits.answer_field(_area(turn, entry.content_area), turn.state.data.get("key", ""))
    return None if spec is None else step_for(spec)


def _area(turn: Turn, code: str) -> ContentArea | None:
    return next((a for a in (*turn.areas, *DEFAULT_AREAS) if a.code == code), None)


def _field_kind(area: ContentArea | None, key: str) -> FieldKind | None:
    return next((s.kind for s in area.fields if s.key == key), None) if area else None
