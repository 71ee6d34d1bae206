"""One flow for every content area, driven by the area's field definitions."""

from __future__ import annotations

from collections.abc import Sequence

from campaign.areas import WHEN_KINDS, ContentArea, FieldKind
from handlers.asking import Turn
from handlers.engine import Flow, Step
from handlers.moments import happened
from handlers.steps import FieldStep, model_store, step_for
from services import entries


class EntryFlow(Flow):
    def __init__(self, area: ContentArea) -> None:
        self.area = area
        self.name = f"entry:{area.code}"
        self._steps: tuple[FieldStep, ...] = tuple(step_for(spec) for spec in area.fields)

    def steps(self, turn: Turn) -> Sequence[Step]:
        return self._steps

    def intro(self, turn: Turn) -> str:
        return f"{turn.t('flow_start', area=self.area.name.get(turn.lang))} {turn.t('flow_hint')}"

    def finish(self, turn: Turn) -> None:
        member = turn.member
        assert member is not None, "entry flows are reachable only by members"
        answers = turn.answers
        applicable = [s for s in self._steps if s.key in answers and s.applies(turn)]
        sealed = {
            s.key: answers[s.key]
            for s in applicable
            if s.spec.sealed and answers[s.key] is not None
        }
        details = {
            s.key: answers[s.key]
            for s in applicable
            if not s.spec.sealed and s.spec.kind is not FieldKind.PHOTO
        }
        photos = tuple(
            photo
            for s in applicable
            if s.spec.kind is FieldKind.PHOTO and answers[s.key] is not None
            for photo in (answers[s.key] if isinstance(answers[s.key], list) else [answers[s.key]])
        )
        teammates = tuple(
            mid
            for s in applicable
            if s.spec.kind is FieldKind.TEAMMATES
            for mid in (answers[s.key] or [])
        )
        incoming = turn.incoming
        logged = entries.log_entry(
            turn.store,
            turn.store,
            turn.store,
            member,
            self.area,
            entries.Answers(answers, details, sealed, photos, teammates),
            delivery_key=f"{incoming.channel}:{incoming.chat_id}:{incoming.delivery_key}",
            now=turn.now,
            public_answers=lambda language: self._public_details(turn.speaking(language)),
            models=model_store(turn),
        )
        turn.say("saved", reference=logged.reference)
        if logged.urgent:
            turn.say("saved_urgent" if logged.officers_told else "saved_urgent_nobody")

    def _public_details(self, turn: Turn) -> str:
        """The entry as commanders see it: every answer except the sealed ones and photos."""
        lines = [turn.t("entry_happened", when=self._happened(turn))]
        for step in self._steps:
            if (
                step.key in turn.answers
                and step.applies(turn)
                and not step.spec.sealed
                and step.spec.kind is not FieldKind.PHOTO
                and step.spec.kind not in WHEN_KINDS  # written once, above
                and turn.answers[step.key] is not None
            ):
                value = step.show(turn, turn.answers[step.key])
                lines.append(f"• {step.spec.label.get(turn.lang)}: {value}")
        return "\n".join(lines)

    def _happened(self, turn: Turn) -> str:
        occurred_at = self.area.occurred_at(turn.answers, turn.now)
        return happened(turn, self.area.code, turn.answers, occurred_at)
