"""One flow for every content area, driven by the area's field definitions."""

from __future__ import annotations

from collections.abc import Sequence

from campaign.areas import WHEN_KINDS, ContentArea, FieldKind
from handlers.engine import Flow, Step, Turn
from handlers.messages import Notice, Outgoing
from handlers.moments import happened
from handlers.steps import FieldStep, step_for
from services.ports import NewEntry


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
        urgent = bool(self.area.urgent_when) and answers.get(
            self.area.urgent_when[0] if self.area.urgent_when else ""
        ) == (self.area.urgent_when[1] if self.area.urgent_when else None)
        kind = str(answers.get(self.area.kind_field or "", self.area.code) or self.area.code)
        reference = turn.store.save_entry(
            NewEntry(
                member_id=member.id,
                unit_id=member.unit_id,
                content_area=self.area.code,
                prefix=self.area.prefix,
                kind=kind,
                details=details,
                occurred_at=self.area.occurred_at(answers, turn.now),
                created_at=turn.now,
                delivery_key=f"{turn.incoming.channel}:{turn.incoming.chat_id}:{turn.incoming.delivery_key}",
                urgent=urgent,
                sealed=sealed,
                participant_ids=teammates,
                attachment_ids=photos,
                progress="received" if self.area.tracked else None,
            )
        )
        turn.say("saved", reference=reference)
        if urgent:
            forwarded = self._forward_urgent(turn, reference)
            turn.say("saved_urgent" if forwarded else "saved_urgent_nobody")
        if teammates:
            languages = {m.id: m.language for m in turn.store.team_roster(member)}
            for teammate in teammates:
                reader = turn.speaking(languages.get(teammate, turn.lang))
                turn.notices.append(Notice(teammate, self._teammate_message(reader, reference)))

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

    def _forward_urgent(self, turn: Turn, reference: str) -> int:
        """Queue the tip for every reachable commune officer, each in their language."""
        member = turn.member
        assert member is not None
        officers = turn.store.commune_officers(member.unit_id)
        for officer in officers:
            reader = turn.speaking(officer.language)
            body = reader.t(
                "urgent_notice",
                reference=reference,
                member=member.full_name,
                unit=member.unit_name,
                details=self._public_details(reader),
            )
            turn.notices.append(Notice(officer.id, Outgoing(text=body)))
        return len(officers)

    def _teammate_message(self, turn: Turn, reference: str) -> Outgoing:
        member = turn.member
        assert member is not None
        area = self.area.name.get(turn.lang)
        return Outgoing(
            text=turn.t(
                "teammate_notice",
                member=member.full_name,
                area=area[:1].lower() + area[1:],
                when=self._happened(turn),
                reference=reference,
            )
        )

    def _happened(self, turn: Turn) -> str:
        occurred_at = self.area.occurred_at(turn.answers, turn.now)
        return happened(turn, self.area.code, turn.answers, occurred_at)
