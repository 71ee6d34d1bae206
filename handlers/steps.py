"""Step kinds: each asks one thing, checks the answer and shows it back in the summary."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from campaign import models as registry
from campaign.areas import FieldKind, FieldSpec
from campaign.normalize import clean_text, label_matches, small_number
from campaign.when import (
    FUTURE_GRACE,
    WhenError,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
    parse_time,
    span_end,
)
from handlers.asking import (
    Again,
    Answer,
    Prompt,
    Reask,
    Turn,
    choice_refusal,
    document_prompt,
    kept_document,
)
from handlers.engine import Step
from handlers.messages import Document
from services import members, models
from services.ports import ModelStore, ModelView

MAX_TEXT = 2000
MAX_SPAN = timedelta(hours=12)
NOW = "now"
DONE = "done"


class FieldStep(Step):
    """A step asking for one field of a content area."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spec = spec
        self.key = spec.key
        self.optional = spec.optional
        self.sealed = spec.sealed
        self.only_if = dict(spec.only_if)

    def label(self, turn: Turn) -> str:
        return self.spec.label.get(turn.lang)

    def prompt(self, turn: Turn) -> Prompt:
        return Prompt(self.spec.prompt.get(turn.lang), free_text=True)

    def show(self, turn: Turn, value: Any) -> str:
        if self.spec.sealed:
            return turn.t("sealed_value")
        return str(value)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        return checked_text(turn, answer)


def checked_text(turn: Turn, answer: Answer, *, minimum: int = 1) -> str:
    incoming = answer.incoming
    if incoming is None or incoming.text is None:
        raise Reask(turn.t("bad_kind_text"))
    value = clean_text(incoming.text)
    if len(value) > MAX_TEXT:
        raise Reask(turn.t("bad_too_long", length=len(value), limit=MAX_TEXT))
    if len(value) < minimum:
        raise Reask(turn.t("bad_empty", prompt="").strip())
    return value


def typed_reason(turn: Turn, *, minimum: int) -> str | None:
    """A commander's typed reason (a rejection, a grade change, a reveal), read as any typed
    answer: composed as the page counts it, invisible characters dropped. None when there is
    none to take; one over MAX_TEXT is told its length and the limit first."""
    if turn.incoming.choice is not None or turn.incoming.text is None:
        return None
    typed = clean_text(turn.incoming.text)
    if len(typed) > MAX_TEXT:
        turn.say("bad_too_long", length=len(typed), limit=MAX_TEXT)
        return None
    return typed if len(typed) >= minimum else None


class TextStep(FieldStep):
    pass


class ChoiceStep(FieldStep):
    def prompt(self, turn: Turn) -> Prompt:
        options = tuple((opt.id, opt.label.get(turn.lang)) for opt in self.spec.options)
        return Prompt(self.spec.prompt.get(turn.lang), options)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        if answer.choice is None or self.spec.option(answer.choice) is None:
            raise Reask(choice_refusal(turn, answer, len(self.spec.options)))
        return answer.choice

    def show(self, turn: Turn, value: Any) -> str:
        option = self.spec.option(str(value))
        return option.label.get(turn.lang) if option else str(value)


class NumberStep(FieldStep):
    def accept(self, turn: Turn, answer: Answer) -> Any:
        typed = checked_text(turn, answer)
        low = self.spec.minimum if self.spec.minimum is not None else 0
        high = self.spec.maximum if self.spec.maximum is not None else 1_000_000
        # "1.500" and "1 500" group thousands as Vietnamese write them; "1,5" is a fraction.
        if not re.fullmatch(r"[0-9]{1,3}(?:[. ][0-9]{3})*|[0-9]{1,9}", typed):
            raise Reask(turn.t("bad_number", minimum=low, maximum=high))
        value = int(typed.replace(".", "").replace(" ", ""))
        if not low <= value <= high:
            raise Reask(turn.t("bad_number", minimum=low, maximum=high))
        return value


def _when_error(turn: Turn, error: WhenError, typed: str) -> Reask:
    key = {"future": "bad_future", "too_old": "bad_too_old", "bad_time": "bad_time"}.get(
        error.code, "bad_date"
    )
    return Reask(turn.t(key, answer=typed[:40]))


class DateStep(FieldStep):
    def accept(self, turn: Turn, answer: Answer) -> Any:
        typed = checked_text(turn, answer)
        try:
            return parse_date(typed, turn.now.date()).isoformat()
        except WhenError as error:
            raise _when_error(turn, error, typed) from None

    def show(self, turn: Turn, value: Any) -> str:
        return format_date(date.fromisoformat(value))


class TimeStep(FieldStep):
    def accept(self, turn: Turn, answer: Answer) -> Any:
        typed = checked_text(turn, answer)
        try:
            value = parse_time(typed)
        except WhenError as error:
            raise _when_error(turn, error, typed) from None
        if self.spec.span_start:
            self._check_span(turn, value)
        return value.strftime("%H:%M")

    def _check_span(self, turn: Turn, end: time) -> None:
        day = next((v for k, v in turn.answers.items() if k == "date"), None)
        start = turn.answers.get(self.spec.span_start or "")
        if not day or not start:
            return
        if time.fromisoformat(start) == end:
            raise Reask(turn.t("patrol_same_times"))
        begin, finish = span_end(date.fromisoformat(day), time.fromisoformat(start), end)
        if finish - begin > MAX_SPAN:
            raise Reask(turn.t("patrol_too_long"))
        if finish.replace(tzinfo=turn.now.tzinfo) > turn.now + FUTURE_GRACE:
            raise Reask(turn.t("patrol_in_future"))


class MomentStep(FieldStep):
    def prompt(self, turn: Turn) -> Prompt:
        return Prompt(self.spec.prompt.get(turn.lang), ((NOW, turn.t("now")),), free_text=True)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        if answer.choice == NOW:
            return turn.now.replace(second=0, microsecond=0).isoformat()
        typed = checked_text(turn, answer)
        try:
            return parse_datetime(typed, turn.now).isoformat()
        except WhenError as error:
            raise _when_error(turn, error, typed) from None

    def show(self, turn: Turn, value: Any) -> str:
        return format_datetime(datetime.fromisoformat(value))


class PlaceStep(FieldStep):
    def prompt(self, turn: Turn) -> Prompt:
        return Prompt(self.spec.prompt.get(turn.lang), asks_location=True, free_text=True)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        incoming = answer.incoming
        if incoming is not None and incoming.location is not None:
            lat, lon = incoming.location.latitude, incoming.location.longitude
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise Reask(turn.t("bad_place"))
            return {"latitude": lat, "longitude": lon}
        if incoming is None or incoming.text is None:
            raise Reask(turn.t("bad_place"))
        address = checked_text(turn, answer)
        if len(address) < 3:
            raise Reask(turn.t("bad_place"))
        return {"address": address}

    def show(self, turn: Turn, value: Any) -> str:
        if "address" in value:
            return str(value["address"])
        return turn.t(
            "location_value", lat=f"{value['latitude']:.5f}", lon=f"{value['longitude']:.5f}"
        )


class PhotoStep(FieldStep):
    """One photo, an attachment id; more sent at once (an album) make a list of ids."""

    takes_photos = True

    def prompt(self, turn: Turn) -> Prompt:
        return Prompt(self.spec.prompt.get(turn.lang))  # text is no answer here: "bỏ" skips

    def accept(self, turn: Turn, answer: Answer) -> Any:
        incoming = answer.incoming
        if incoming is None or incoming.photo is None:
            raise Reask(turn.t("bad_kind_photo"))
        return turn.store.add_photo(
            incoming.photo, channel=incoming.channel, chat_id=incoming.chat_id, now=turn.now
        )

    def show(self, turn: Turn, value: Any) -> str:
        if isinstance(value, list) and len(value) > 1:
            return turn.t("photos_attached", count=len(value))
        return turn.t("photo_attached")


class DocumentStep(Step):
    """A document for a later desk (a dossier item, evidence, a report): PDF, DOCX, XLSX or,
    if `images`, a photo of the paper. Kept when sent (checked by its bytes, unowned until the
    desk attaches it); the answer is the document's id. A refusal (its kind, its size) asks
    again with nothing kept; "Bỏ qua" when `optional`."""

    def __init__(
        self,
        key: str,
        question: str,
        *,
        owner_kind: str,
        images: bool = True,
        optional: bool = False,
    ) -> None:
        self.key, self.question, self.owner_kind = key, question, owner_kind
        self.images, self.optional = images, optional

    def prompt(self, turn: Turn) -> Prompt:
        return document_prompt(turn, turn.t(self.question), (), images=self.images)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        incoming = turn.incoming
        if incoming.document is None and incoming.photo is not None and self.images:
            # a photo of the paper, where the channel sends photos only (Zalo)
            photo = incoming.photo
            extension = photo.content_type.removeprefix("image/")
            incoming = replace(incoming, document=Document.of(photo.data, f"anh.{extension}"))
            turn = replace(turn, incoming=incoming)
        kept = kept_document(turn, owner_kind=self.owner_kind, images=self.images)
        if kept is None:
            raise Reask(turn.t("bad_kind_document"))
        return kept

    def show(self, turn: Turn, value: Any) -> str:
        return turn.t("document_attached")


class TeammatesStep(FieldStep):
    """Pick teammates from the roster: taps toggle, Done ends; typed numbers pick at once."""

    def applies(self, turn: Turn) -> bool:
        return super().applies(turn) and bool(self._roster(turn))

    def _roster(self, turn: Turn) -> list[tuple[int, str]]:
        if turn.member is None:
            return []
        return [(m.id, m.full_name) for m in members.team_roster(turn.store, turn.member)]

    def _picked(self, turn: Turn) -> list[int]:
        picked: list[int] = turn.state.data.get("partial", {}).get(self.key, [])
        return picked

    def prompt(self, turn: Turn) -> Prompt:
        picked = set(self._picked(turn))
        options = tuple(
            (str(mid), ("✓ " if mid in picked else "") + name) for mid, name in self._roster(turn)
        )
        body = self.spec.prompt.get(turn.lang)
        if picked:
            names = ", ".join(name for mid, name in self._roster(turn) if mid in picked)
            body = f"{turn.t('picked_so_far', names=names)}\n{body}"
        # Typed names are read by `accept` (several at once, "1,3"), by the same matching rule.
        return Prompt(body, (*options, (DONE, turn.t("done_picking"))), free_text=True)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        roster = dict(self._roster(turn))
        picked = self._picked(turn)
        if answer.choice == DONE:
            return picked
        if answer.choice is not None and (
            (answer.incoming is not None and answer.incoming.choice is not None)
            # One number or name typed while the list shows people ticked (/sua starts from
            # the entry's list): a tap, as the prompt says, not the whole list (Zalo).
            or picked
        ):
            member_id = int(answer.choice)
            toggled = (
                [m for m in picked if m != member_id]
                if member_id in picked
                else [*picked, member_id]
            )
            return Again(toggled)
        if answer.choice is not None:  # one name typed in full: that person
            return [int(answer.choice)]
        typed = checked_text(turn, answer)
        chosen: list[int] = []
        parts: list[str] = []
        for chunk in re.split(r"[,;]+", typed):
            words = chunk.split()
            # "1 3" is two numbers; "mẫu 2" is a name (a demo name ends with a digit)
            numbers = words and all(small_number(w) is not None for w in words)
            parts.extend(words if numbers else [chunk.strip()] if chunk.strip() else [])
        for part in parts:
            found = self._typed_members(roster, part)
            if len(found) > 1:  # namesakes, or a part of several names: say which numbers
                options = "\n".join(f"{n}. {roster[mid]}" for n, mid in found)
                raise Reask(turn.t("bad_teammate_many", answer=part[:40], options=options))
            if not found:
                raise Reask(turn.t("bad_teammate", answer=part[:40]))
            if found[0][1] not in chosen:
                chosen.append(found[0][1])
        return chosen

    @staticmethod
    def _typed_members(roster: dict[int, str], typed: str) -> list[tuple[int, int]]:
        """Who a typed part names, as (list number, member id): a list number, the whole name
        or a part of names (one person, or all it fits)."""
        ids = list(roster)
        number = small_number(typed)
        if number is not None:
            return [(number, ids[number - 1])] if 1 <= number <= len(ids) else []
        return [(i + 1, ids[i]) for i in label_matches(typed, list(roster.values()))]

    def show(self, turn: Turn, value: Any) -> str:
        roster = dict(self._roster(turn))
        names = [roster.get(mid, "?") for mid in value]
        return ", ".join(names) if names else turn.t("nobody_picked")


class ModelStep(FieldStep):
    """A registered, live model of the member's commune: the most recent ones as buttons (a
    numbered list on Zalo), typed words search the names. Where the commune registered none,
    or the member says theirs is not listed, the typed name is kept ("chưa đăng ký")."""

    SHOWN = 8
    UNLISTED = "unlisted"

    def _partial(self, turn: Turn) -> dict[str, Any]:
        partial: dict[str, Any] = turn.state.data.get("partial", {}).get(self.key) or {}
        return partial

    def _found(self, turn: Turn, search: str | None) -> list[ModelView]:
        store = model_store(turn)
        if store is None or turn.member is None:
            return []
        return models.pickable(store, turn.member, name=search, limit=self.SHOWN)

    def _typing(self, turn: Turn) -> bool:
        return bool(self._partial(turn).get("typing")) or not self._found(turn, None)

    def prompt(self, turn: Turn) -> Prompt:
        if self._typing(turn):
            heard = "model_entry_type_name" if self._partial(turn) else "model_entry_none"
            return Prompt(f"{turn.t(heard)}\n{self.spec.prompt.get(turn.lang)}", free_text=True)
        search = self._partial(turn).get("search")
        options = tuple(
            (m.reference, f"{m.name} — {m.unit_name}"[:64]) for m in self._found(turn, search)
        )
        body = turn.t("model_entry_pick")
        if search:
            body = f"{turn.t('model_entry_found', search=search)}\n{body}"
        unlisted = (self.UNLISTED, turn.t("model_entry_unlisted"))
        return Prompt(body, (*options, unlisted), free_text=True)

    def accept(self, turn: Turn, answer: Answer) -> Any:
        if self._typing(turn):
            return checked_text(turn, answer, minimum=3)
        if answer.choice == self.UNLISTED:
            return Again({"typing": True})
        store, member = model_store(turn), turn.member
        typed = None if answer.choice else checked_text(turn, answer)
        chosen = answer.choice or registry.parse_reference(typed or "")
        if chosen is not None and store is not None and member is not None:
            model = models.pick(store, member, chosen)
            if model is None:
                raise Reask(turn.t("model_entry_gone"))
            return registry.picked(model.id, model.reference, model.name)
        assert typed is not None
        if not self._found(turn, typed):
            raise Reask(turn.t("model_entry_no_match", search=typed[:40]))
        return Again({"search": typed[:80]})

    def show(self, turn: Turn, value: Any) -> str:
        if isinstance(value, dict):
            return f"{value.get('name')} ({value.get('reference')})"
        return turn.t("model_entry_unregistered", name=str(value))


def model_store(turn: Turn) -> ModelStore | None:
    """The turn's store as the registry of models (the engine's in-memory fakes keep none:
    members there type the model's name)."""
    return turn.store if isinstance(turn.store, ModelStore) else None


STEP_KINDS: dict[FieldKind, type[FieldStep]] = {
    FieldKind.TEXT: TextStep,
    FieldKind.CHOICE: ChoiceStep,
    FieldKind.NUMBER: NumberStep,
    FieldKind.DATE: DateStep,
    FieldKind.TIME: TimeStep,
    FieldKind.MOMENT: MomentStep,
    FieldKind.PLACE: PlaceStep,
    FieldKind.PHOTO: PhotoStep,
    FieldKind.TEAMMATES: TeammatesStep,
    FieldKind.MODEL: ModelStep,
}


def step_for(spec: FieldSpec) -> FieldStep:
    return STEP_KINDS[spec.kind](spec)


__all__ = ["MAX_TEXT", "step_for", "typed_reason"]
