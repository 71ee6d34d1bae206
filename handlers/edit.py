"""Correcting an entry already logged: pick it, pick the answer to change, give the new one.

An entry that was verified (or rejected, say for a missing photo) goes back to review when it
is changed: what it scored is taken back until a commander looks again, and the commander's
card says what changed. Answers, photos (added or replaced) and teammates can be changed;
sealed answers (an informant) and the answers that gate them cannot.

State: flow "edit"; step "pick" (data: the references offered), "field" (data: ref),
"value" (data: ref, key, answers = the entry's answers, so steps that check one answer
against another see the rest; partial = teammates picked so far), "photo_how" (data: ref, key),
"photo" (data: ref, key, mode), "confirm" (data: ref, key, value or photo and mode).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea, FieldKind
from campaign.collation import person_key
from campaign.text import Language
from handlers.engine import (
    Again,
    Prompt,
    Reask,
    Turn,
    choice_refusal,
    leave_desk,
    render,
    resolve,
    stale,
)
from handlers.messages import Notice, Outgoing
from handlers.moments import happened
from handlers.ports import EditableEntry
from handlers.steps import FieldStep, step_for

LEAVE, SAVE, CANCEL, ADD, REPLACE = "leave", "save", "cancel", "add", "replace"
OFFERED = 8


class EditDesk:
    def __init__(self, on_leave: Callable[[Turn], None]) -> None:
        self.on_leave = on_leave  # shows the main menu

    def start(self, turn: Turn, reference: str = "") -> None:
        turn.state.flow = "edit"
        turn.state.data = {}
        if reference:
            entry = self._entry(turn, reference.upper())
            if entry is not None:
                self._ask_field(turn, entry)
                return
            turn.say("edit_not_yours", reference=reference[:24])
        self._ask_pick(turn)

    def handle(self, turn: Turn) -> None:
        step = turn.state.step
        if step == "value":
            self._value(turn)
            return
        if step == "photo" or (
            step == "confirm" and turn.incoming.photo is not None and "photo" in turn.state.data
        ):  # an album: Telegram sends its photos one message each, all while /sua waits
            self._photo(turn)
            return
        entry = self._entry(turn, turn.state.data.get("ref", ""))
        prompt = self._prompt(turn, entry)
        if prompt is None:  # the entry vanished from under the desk (not expected)
            self._ask_pick(turn)
            return
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        if answer.choice == LEAVE or answer.choice == CANCEL:
            turn.say("edit_unchanged" if step == "confirm" else "desk_closed_plain")
            leave_desk(turn, self.on_leave)
            return
        if answer.choice is None and step == "pick":
            typed = self._entry(turn, (answer.text or "").strip().upper()[:24])
            if typed is not None:  # the reference typed out
                self._ask_field(turn, typed)
                return
        if answer.choice is None:
            refusal = choice_refusal(turn, answer, len(prompt.options))
            turn.replies.append(render(turn, prompt, prefix=refusal))
            return
        if step == "pick":
            picked = self._entry(turn, answer.choice)
            if picked is None:
                self._ask_pick(turn, prefix=turn.t("edit_not_yours", reference=answer.choice))
                return
            self._ask_field(turn, picked)
        elif step == "field" and entry is not None:
            if _field_kind(_area(turn, entry.content_area), answer.choice) is FieldKind.PHOTO:
                self._ask_photo(turn, entry, answer.choice)
            else:
                self._ask_value(turn, entry, answer.choice)
        elif step == "photo_how" and entry is not None:
            self._ask_photo_send(turn, entry, answer.choice)
        elif step == "confirm" and entry is not None and answer.choice == SAVE:
            self._save(turn, entry)

    def reprompt(self, turn: Turn) -> None:
        """Show again what the member was answering (after /help, /lang...)."""
        entry = self._entry(turn, turn.state.data.get("ref", ""))
        if turn.state.step == "value" and entry is not None:
            step = self._step(turn, entry)
            if step is not None:
                turn.replies.append(render(turn, step.prompt(turn)))
                return
        if turn.state.step == "photo" and entry is not None:
            turn.replies.append(render(turn, self._photo_prompt(turn, entry)))
            return
        prompt = self._prompt(turn, entry)
        if prompt is None:
            self._ask_pick(turn)
        else:
            turn.replies.append(render(turn, prompt))

    # Steps
    def _ask_pick(self, turn: Turn, prefix: str | None = None) -> None:
        prompt = self._pick_prompt(turn)
        if prompt is None:
            turn.say("edit_nothing")
            leave_desk(turn, self.on_leave)
            return
        self._enter(turn, "pick", prompt, prefix)

    def _ask_field(self, turn: Turn, entry: EditableEntry) -> None:
        turn.state.data = {"ref": entry.reference}
        prompt = self._field_prompt(turn, entry)
        if len(prompt.options) == 1:  # only "leave": nothing here can be changed in the chat
            turn.say("edit_no_fields", reference=entry.reference)
            leave_desk(turn, self.on_leave)
            return
        self._enter(turn, "field", prompt)

    def _ask_value(self, turn: Turn, entry: EditableEntry, key: str) -> None:
        turn.state.data = {"ref": entry.reference, "key": key, "answers": dict(entry.details)}
        step = self._step(turn, entry)
        if step is None:
            self._ask_field(turn, entry)
            return
        if step.spec.kind is FieldKind.TEAMMATES:  # the list starts as it is: taps change it
            turn.state.data["partial"] = {key: [mid for mid, _ in entry.teammates]}
        self._enter(turn, "value", step.prompt(turn))

    def _ask_photo(self, turn: Turn, entry: EditableEntry, key: str) -> None:
        turn.state.data = {"ref": entry.reference, "key": key}
        if entry.photos:
            self._enter(turn, "photo_how", self._photo_how_prompt(turn, entry))
        else:
            self._ask_photo_send(turn, entry, ADD)

    def _ask_photo_send(self, turn: Turn, entry: EditableEntry, mode: str) -> None:
        turn.state.data["mode"] = mode
        self._enter(turn, "photo", self._photo_prompt(turn, entry))

    def _photo(self, turn: Turn) -> None:
        entry = self._entry(turn, turn.state.data.get("ref", ""))
        if entry is None:
            self._ask_pick(turn)
            return
        prompt = self._photo_prompt(turn, entry)
        photo = turn.incoming.photo
        if photo is None:
            answer = resolve(turn, prompt)
            if answer is None:
                stale(turn, prompt)
            elif answer.choice == LEAVE:
                turn.say("edit_unchanged")
                leave_desk(turn, self.on_leave)
            else:
                turn.replies.append(render(turn, prompt, prefix=turn.t("edit_photo_needed")))
            return
        added = turn.store.add_photo(
            photo, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, now=turn.now
        )
        turn.state.data["photo"] = added  # the first one: states saved by older versions
        photos = [*turn.state.data.get("photos", []), added]
        turn.state.data["photos"] = photos
        replacing = turn.state.data.get("mode") == REPLACE
        lines = [
            turn.t(
                "edit_photo_replaced" if replacing else "edit_photo_added",
                reference=entry.reference,
                count=entry.photos,
                added=len(photos),
            )
        ]
        if entry.status != "pending":
            lines.append(turn.t("edit_back_to_review"))
        self._enter(turn, "confirm", self._confirm_prompt(turn, "\n".join(lines)))

    def _value(self, turn: Turn) -> None:
        entry = self._entry(turn, turn.state.data.get("ref", ""))
        step = self._step(turn, entry) if entry is not None else None
        if entry is None or step is None:
            self._ask_pick(turn)
            return
        prompt = step.prompt(turn)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        try:
            value = step.accept(turn, answer)
        except Reask as refused:
            turn.replies.append(render(turn, prompt, prefix=refused.message))
            return
        if isinstance(value, Again):  # teammates: picked tap by tap, then Done
            turn.state.data.setdefault("partial", {})[step.key] = value.partial
            turn.replies.append(render(turn, step.prompt(turn)))
            return
        turn.state.data["value"] = value
        if step.spec.kind is FieldKind.TEAMMATES:
            line = self._teammates_line(turn, entry, step)
            if line is None:
                turn.say("edit_unchanged")
                leave_desk(turn, self.on_leave)
                return
            lines = [line]
        else:
            old = entry.details.get(step.key)
            shown_old = "—" if old is None else step.show(turn, old)
            lines = [
                turn.t(
                    "edit_confirm",
                    reference=entry.reference,
                    field=step.label(turn),
                    old=shown_old,
                    new=step.show(turn, value),
                )
            ]
        if entry.status != "pending":
            lines.append(turn.t("edit_back_to_review"))
        self._enter(turn, "confirm", self._confirm_prompt(turn, "\n".join(lines)))

    def _teammates_line(self, turn: Turn, entry: EditableEntry, step: FieldStep) -> str | None:
        """ "Cùng tuần tra: thêm X; bỏ Y", or None when the list is what it was."""
        names = dict(entry.teammates) | {m.id: m.full_name for m in self._roster(turn)}
        before, after = {mid for mid, _ in entry.teammates}, self._new_teammates(turn, entry)
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

    def _roster(self, turn: Turn) -> list[Any]:
        assert turn.member is not None
        return turn.store.team_roster(turn.member)

    def _new_teammates(self, turn: Turn, entry: EditableEntry) -> set[int]:
        """Those picked, and those credited who are no longer on the roster to pick (left the
        team): the member was not shown them, so they stay."""
        picked = {int(m) for m in turn.state.data.get("value") or []}
        on_roster = {m.id for m in self._roster(turn)}
        return picked | {mid for mid, _ in entry.teammates if mid not in on_roster}

    def _save(self, turn: Turn, entry: EditableEntry) -> None:
        member = turn.member
        assert member is not None
        key = turn.state.data.get("key", "")
        area = _area(turn, entry.content_area)
        kind = _field_kind(area, key) if area is not None else None
        if kind is FieldKind.PHOTO:
            previous = turn.store.change_photos(
                member,
                entry.reference,
                [
                    int(p)
                    for p in turn.state.data.get("photos") or [turn.state.data.get("photo", 0)]
                ],
                turn.state.data.get("mode") == REPLACE,
                turn.now,
            )
        elif kind is FieldKind.TEAMMATES:
            wanted = self._new_teammates(turn, entry)
            previous = turn.store.change_teammates(
                member, entry.reference, tuple(sorted(wanted)), turn.now
            )
            if previous is not None:
                before = {mid for mid, _ in entry.teammates}
                self._tell_teammates(turn, entry, wanted - before, "teammate_notice")
                self._tell_teammates(turn, entry, before - wanted, "teammate_removed_notice")
        else:
            details = {**entry.details, key: turn.state.data.get("value")}
            occurred_at = entry.occurred_at
            if area is not None and kind in (FieldKind.DATE, FieldKind.TIME, FieldKind.MOMENT):
                local = entry.occurred_at.astimezone(turn.now.tzinfo)
                occurred_at = area.occurred_at(details, local)
            previous = turn.store.edit_entry(
                member, entry.reference, details, occurred_at, turn.now
            )
        if previous is None:
            turn.say("edit_not_yours", reference=entry.reference)
        elif previous == "pending":
            turn.say("edit_saved", reference=entry.reference)
        else:
            turn.say("edit_saved_review", reference=entry.reference)
        leave_desk(turn, self.on_leave)

    def _tell_teammates(
        self, turn: Turn, entry: EditableEntry, teammates: set[int], key: str
    ) -> None:
        """Teammates added hear it, as those named when the entry was logged did; those taken
        off hear it too, since their points for it go."""
        member = turn.member
        assert member is not None
        languages: dict[int, Language] = {m.id: m.language for m in self._roster(turn)}
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

    # Prompts
    def _enter(self, turn: Turn, step: str, prompt: Prompt, prefix: str | None = None) -> None:
        turn.state.step = step
        turn.state.prompt_seq += 1
        turn.replies.append(render(turn, prompt, prefix=prefix))

    def _prompt(self, turn: Turn, entry: EditableEntry | None) -> Prompt | None:
        step = turn.state.step
        if step == "pick":
            return self._pick_prompt(turn)
        if entry is None:
            return None
        if step == "field":
            return self._field_prompt(turn, entry)
        if step == "confirm":
            return self._confirm_prompt(turn, turn.t("edit_confirm_short"))
        if step == "photo_how":
            return self._photo_how_prompt(turn, entry)
        return None

    def _photo_how_prompt(self, turn: Turn, entry: EditableEntry) -> Prompt:
        return Prompt(
            turn.t("edit_photo_how", reference=entry.reference, count=entry.photos),
            (
                (ADD, turn.t("edit_photo_add")),
                (REPLACE, turn.t("edit_photo_replace")),
                (LEAVE, turn.t("menu_back")),
            ),
        )

    def _photo_prompt(self, turn: Turn, entry: EditableEntry) -> Prompt:
        return Prompt(
            turn.t("edit_photo_send", reference=entry.reference),
            ((LEAVE, turn.t("menu_back")),),
        )

    def _pick_prompt(self, turn: Turn) -> Prompt | None:
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

    def _field_prompt(self, turn: Turn, entry: EditableEntry) -> Prompt:
        area = _area(turn, entry.content_area)
        fields = []
        for spec in area.fields if area else ():
            step = step_for(spec)
            if spec.sealed or spec.key in _gates_sealed(area) or not _applies(step, entry.details):
                continue
            if spec.kind is FieldKind.PHOTO:
                shown = turn.t("edit_photo_count", count=entry.photos) if entry.photos else "—"
            elif spec.kind is FieldKind.TEAMMATES:
                if not entry.teammates and not self._roster(turn):
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

    def _confirm_prompt(self, turn: Turn, body: str) -> Prompt:
        return Prompt(body, ((SAVE, turn.t("confirm_save")), (CANCEL, turn.t("confirm_cancel"))))

    # Lookups
    def _entry(self, turn: Turn, reference: str) -> EditableEntry | None:
        member = turn.member
        assert member is not None
        return turn.store.editable_entry(member, reference) if reference else None

    def _step(self, turn: Turn, entry: EditableEntry) -> FieldStep | None:
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
