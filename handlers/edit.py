"""Correcting an entry already logged: pick it, pick the answer to change, give the new one.

An entry that was verified (or rejected) goes back to review when it is changed: what it scored
is taken back until a commander looks again. Sealed answers (an informant), photos and
teammates are not changed here.

State: flow "edit"; step "pick" (data: the references offered), "field" (data: ref),
"value" (data: ref, key, answers = the entry's answers, so steps that check one answer
against another see the rest), "confirm" (data: ref, key, value).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea, FieldKind
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
from handlers.moments import happened
from handlers.ports import EditableEntry
from handlers.steps import FieldStep, step_for

LEAVE, SAVE, CANCEL = "leave", "save", "cancel"
OFFERED = 8
NOT_EDITABLE = (FieldKind.PHOTO, FieldKind.TEAMMATES)


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
            self._ask_value(turn, entry, answer.choice)
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
        self._enter(turn, "value", step.prompt(turn))

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
        if isinstance(value, Again):  # no step offered here builds its value tap by tap
            turn.replies.append(render(turn, prompt))
            return
        turn.state.data["value"] = value
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

    def _save(self, turn: Turn, entry: EditableEntry) -> None:
        member = turn.member
        assert member is not None
        key = turn.state.data.get("key", "")
        area = _area(turn, entry.content_area)
        details = {**entry.details, key: turn.state.data.get("value")}
        occurred_at = entry.occurred_at
        if area is not None and _field_kind(area, key) in (
            FieldKind.DATE,
            FieldKind.TIME,
            FieldKind.MOMENT,
        ):
            occurred_at = area.occurred_at(details, entry.occurred_at.astimezone(turn.now.tzinfo))
        previous = turn.store.edit_entry(member, entry.reference, details, occurred_at, turn.now)
        if previous is None:
            turn.say("edit_not_yours", reference=entry.reference)
        elif previous == "pending":
            turn.say("edit_saved", reference=entry.reference)
        else:
            turn.say("edit_saved_review", reference=entry.reference)
        leave_desk(turn, self.on_leave)

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
        return None

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
            status = turn.t(f"status_{entry.status}")
            options.append((entry.reference, f"{entry.reference} — {name} — {when} ({status})"))
        return Prompt(turn.t("edit_pick"), (*options, (LEAVE, turn.t("menu_back"))))

    def _field_prompt(self, turn: Turn, entry: EditableEntry) -> Prompt:
        area = _area(turn, entry.content_area)
        fields = []
        for spec in area.fields if area else ():
            step = step_for(spec)
            if (
                spec.kind in NOT_EDITABLE
                or spec.sealed
                or spec.key in _gates_sealed(area)
                or not _applies(step, entry.details)
            ):
                continue
            value = entry.details.get(spec.key)
            shown = "—" if value is None else step.show(turn, value)
            fields.append((spec.key, f"{spec.label.get(turn.lang)}: {shown}"[:60]))
        status = turn.t(f"status_{entry.status}")
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
            or spec.kind in NOT_EDITABLE
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


def _field_kind(area: ContentArea, key: str) -> FieldKind | None:
    return next((s.kind for s in area.fields if s.key == key), None)


def _applies(step: FieldStep, details: dict[str, Any]) -> bool:
    return all(details.get(k) == v for k, v in step.only_if.items())
