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
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea, FieldKind
from campaign.collation import person_key
from campaign.localized import Language
from handlers.engine import (
    OUT,
    Again,
    Answer,
    Go,
    Move,
    Prompt,
    Reask,
    State,
    StateFlow,
    Stay,
    Turn,
    choice_refusal,
)
from handlers.messages import Notice, Outgoing
from handlers.moments import happened
from handlers.steps import FieldStep, step_for
from services.ports import EditableEntry

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
    if entry.status != "pending":
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


def _roster(turn: Turn) -> list[Any]:
    assert turn.member is not None
    return turn.store.team_roster(turn.member)


def _new_teammates(turn: Turn, entry: EditableEntry) -> set[int]:
    """Those picked, and those credited who are no longer on the roster to pick (left the
    team): the member was not shown them, so they stay."""
    picked = {int(m) for m in turn.state.data.get("value") or []}
    on_roster = {m.id for m in _roster(turn)}
    return picked | {mid for mid, _ in entry.teammates if mid not in on_roster}


def _save(turn: Turn, entry: EditableEntry) -> None:
    member = turn.member
    assert member is not None
    key = turn.state.data.get("key", "")
    area = _area(turn, entry.content_area)
    kind = _field_kind(area, key) if area is not None else None
    if kind is FieldKind.PHOTO:
        previous = turn.store.change_photos(
            member,
            entry.reference,
            [int(p) for p in turn.state.data.get("photos") or [turn.state.data.get("photo", 0)]],
            turn.state.data.get("mode") == REPLACE,
            turn.now,
        )
    elif kind is FieldKind.TEAMMATES:
        wanted = _new_teammates(turn, entry)
        previous = turn.store.change_teammates(
            member, entry.reference, tuple(sorted(wanted)), turn.now
        )
        if previous is not None:
            before = {mid for mid, _ in entry.teammates}
            _tell_teammates(turn, entry, wanted - before, "teammate_notice")
            _tell_teammates(turn, entry, before - wanted, "teammate_removed_notice")
    else:
        details = {**entry.details, key: turn.state.data.get("value")}
        occurred_at = entry.occurred_at
        if area is not None and kind in (FieldKind.DATE, FieldKind.TIME, FieldKind.MOMENT):
            local = entry.occurred_at.astimezone(turn.now.tzinfo)
            occurred_at = area.occurred_at(details, local)
        previous = turn.store.edit_entry(member, entry.reference, details, occurred_at, turn.now)
    if previous is None:
        turn.say("edit_not_yours", reference=entry.reference)
    elif previous == "pending":
        turn.say("edit_saved", reference=entry.reference)
    else:
        turn.say("edit_saved_review", reference=entry.reference)


def _tell_teammates(turn: Turn, entry: EditableEntry, teammates: set[int], key: str) -> None:
    """Teammates added hear it, as those named when the entry was logged did; those taken
    off hear it too, since their points for it go."""
    member = turn.member
    assert member is not None
    languages: dict[int, Language] = {m.id: m.language for m in _roster(turn)}
    area = _area(turn, entry.content_area)
    for teammate in sorted(teammates):
        reader = turn.speaking(languages.get(teammate, turn.lang))
        name = area.name.get(reader.lang) if area else entry.content_area
        text = reader.t(
            key,
            member=member.full_name,
            area=name[:1].lower() + name[1:],
            when=happened(reader, entry.content_area, entry.details, entry.occurred_at),
            reference=entry.reference,
        )
        turn.notices.append(Notice(teammate, Outgoing(text=text)))


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
    own = [e for e in turn.store.recent_entries(member.id, OFFERED * 2) if not e.credited]
    if not own:
        return None
    options = []
    for entry in own[:OFFERED]:
        area = _area(turn, entry.content_area)
        name = area.name.get(turn.lang) if area else entry.content_area
        when = happened(turn, entry.content_area, entry.details, entry.occurred_at)
        status = turn.t("status", status=entry.status)
        options.append((entry.reference, f"{entry.reference} — {name} — {when} ({status})"))
    return Prompt(turn.t("edit_pick"), (*options, (LEAVE, turn.t("menu_back"))))


def _field_prompt(turn: Turn, entry: EditableEntry) -> Prompt:
    area = _area(turn, entry.content_area)
    fields = []
    for spec in area.fields if area else ():
        step = step_for(spec)
        if spec.sealed or spec.key in _gates_sealed(area) or not _applies(step, entry.details):
            continue
        if spec.kind is FieldKind.PHOTO:
            shown = turn.t("edit_photo_count", count=entry.photos) if entry.photos else "—"
        elif spec.kind is FieldKind.TEAMMATES:
            if not entry.teammates and not _roster(turn):
                continue  # nobody to pick
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
    member = turn.member
    assert member is not None
    return turn.store.editable_entry(member, reference) if reference else None


def _step(turn: Turn, entry: EditableEntry) -> FieldStep | None:
    key = turn.state.data.get("key", "")
    area = _area(turn, entry.content_area)
    spec = next((s for s in area.fields if s.key == key), None) if area else None
    if (
        spec is None
        or spec.kind is FieldKind.PHOTO  # its own steps: photo_how, photo
        or spec.sealed
        or spec.key in _gates_sealed(area)
    ):
        return None
    return step_for(spec)


def _gates_sealed(area: ContentArea | None) -> set[str]:
    """Answers that decide whether sealed ones are asked (a tip's source): changing them here
    would leave an informant behind a tip now anonymous, or a named tip with none."""
    return {key for spec in (area.fields if area else ()) if spec.sealed for key in spec.only_if}


def _area(turn: Turn, code: str) -> ContentArea | None:
    return next((a for a in (*turn.areas, *DEFAULT_AREAS) if a.code == code), None)


def _field_kind(area: ContentArea | None, key: str) -> FieldKind | None:
    return next((s.kind for s in area.fields if s.key == key), None) if area else None


def _applies(step: FieldStep, details: dict[str, Any]) -> bool:
    return all(details.get(k) == v for k, v in step.only_if.items())
