"""Content areas: what a member logs, field by field.

One definition drives one generic conversation (handlers/entry_flow.py), so the seven areas of
the 2024 plan are data, not seven copies of a flow. Later, plan files supply these definitions.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from campaign.catalogs import C
from campaign.localized import Localized
from campaign.when import format_date, format_datetime


class FieldKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    NUMBER = "number"
    DATE = "date"  # a day, not in the future
    TIME = "time"  # a clock time, paired with the area's DATE field
    MOMENT = "moment"  # "now" or a typed date and time, not in the future
    PLACE = "place"  # a shared location or a typed address
    PHOTO = "photo"  # always optional
    TEAMMATES = "teammates"  # picked from the member's team roster; each is credited
    # A registered model of the member's commune (campaign/models.py), or a typed name where
    # none fits ("chưa đăng ký", linked later by commune police).
    MODEL = "model"


# Answers that `ContentArea.happened` writes as one line: cards show that line instead of each.
WHEN_KINDS = frozenset({FieldKind.DATE, FieldKind.TIME, FieldKind.MOMENT})


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: Localized


class FieldSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    kind: FieldKind
    prompt: Localized
    label: Localized  # how the answer is named in the summary
    options: tuple[Option, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False
    # Asked only when an earlier answer has this value, e.g. {"source": "named"}.
    only_if: dict[str, str] = Field(default_factory=dict)
    # Stored encrypted apart from the entry and never shown back in a chat (the informant).
    sealed: bool = False
    # For a TIME that ends a span: the TIME field where it starts (same day as the DATE field).
    span_start: str | None = None

    @model_validator(mode="after")
    def _choices_have_options(self) -> FieldSpec:
        if self.kind is FieldKind.CHOICE and not self.options:
            raise ValueError(f"choice field {self.key!r} needs options")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((opt for opt in self.options if opt.id == option_id), None)


class ContentArea(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    prefix: str = Field(pattern=r"^[A-Z]{2,4}$")  # of the reference code: NT-2026-000123
    name: Localized
    fields: tuple[FieldSpec, ...]
    # The CHOICE field and option that make an entry urgent (forwarded to the commune at once).
    urgent_when: tuple[str, str] | None = None
    # The CHOICE field whose value becomes the entry's kind (the tip's category).
    kind_field: str | None = None
    # Followed by commune police from received to resolved (tips); the member sees each step.
    tracked: bool = False

    def field(self, key: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.key == key)

    def occurred_at(self, answers: dict[str, Any], now: datetime) -> datetime:
        """When it happened: the MOMENT answer, else the DATE with the first TIME, else now."""
        for spec in self.fields:
            if spec.kind is FieldKind.MOMENT and answers.get(spec.key):
                return datetime.fromisoformat(answers[spec.key])
        day = next((answers.get(s.key) for s in self.fields if s.kind is FieldKind.DATE), None)
        if not day:
            return now
        clock = next((answers.get(s.key) for s in self.fields if s.kind is FieldKind.TIME), None)
        moment = time.fromisoformat(clock) if clock else time(0, 0)
        return datetime.combine(date.fromisoformat(day), moment, tzinfo=now.tzinfo)

    def happened(self, answers: dict[str, Any], occurred_at: datetime) -> str:
        """When it happened, as every card, list and notice writes it (`occurred_at` already in
        the bot's zone): the moment; the day with its times (a patrol's 19:00–22:30); the day
        alone when no time was asked (never a made-up 00:00); else when it was logged."""
        if any(s.kind is FieldKind.MOMENT and answers.get(s.key) for s in self.fields):
            return format_datetime(occurred_at)
        if not any(s.kind is FieldKind.DATE and answers.get(s.key) for s in self.fields):
            return format_datetime(occurred_at)
        clocks = [
            str(answers[s.key])
            for s in self.fields
            if s.kind is FieldKind.TIME and answers.get(s.key)
        ]
        day = format_date(occurred_at.date())
        return f"{day} {'–'.join(clocks[:2])}" if clocks else day


def _choice(key: str, prompt: Localized, label: Localized, *options: Option) -> FieldSpec:
    return FieldSpec(key=key, kind=FieldKind.CHOICE, prompt=prompt, label=label, options=options)


def _photo() -> FieldSpec:
    return FieldSpec(
        key="photo",
        kind=FieldKind.PHOTO,
        prompt=C("field_photo_prompt"),
        label=C("field_photo_label"),
        optional=True,
    )


def _notes() -> FieldSpec:
    return FieldSpec(
        key="notes",
        kind=FieldKind.TEXT,
        prompt=C("field_notes_prompt"),
        label=C("field_notes_label"),
        optional=True,
    )


def _moment(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="when", kind=FieldKind.MOMENT, prompt=prompt, label=C("field_when_label"))


def _place(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="place", kind=FieldKind.PLACE, prompt=prompt, label=C("field_place_label"))


def _day(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="date", kind=FieldKind.DATE, prompt=prompt, label=C("field_date_label"))


def _text(key: str, prompt: Localized, label: Localized, *, optional: bool = False) -> FieldSpec:
    return FieldSpec(key=key, kind=FieldKind.TEXT, prompt=prompt, label=label, optional=optional)


def _count(key: str, prompt: Localized, label: Localized, maximum: int) -> FieldSpec:
    return FieldSpec(
        key=key, kind=FieldKind.NUMBER, prompt=prompt, label=label, minimum=0, maximum=maximum
    )


TIP = ContentArea(
    code="tip",
    prefix="NT",
    name=C("area_tip"),
    kind_field="category",
    urgent_when=("urgency", "urgent"),
    tracked=True,
    fields=(
        _choice(
            "category",
            C("tip_category_prompt"),
            C("tip_category_label"),
            Option(id="security", label=C("tip_category_security")),
            Option(id="crime", label=C("tip_category_crime")),
            Option(id="drugs", label=C("tip_category_drugs")),
            Option(id="social_evils", label=C("tip_category_social_evils")),
            Option(id="traffic", label=C("tip_category_traffic")),
            Option(id="fire_risk", label=C("tip_category_fire_risk")),
            Option(id="other", label=C("option_other")),
        ),
        _text(
            "what",
            C("tip_what_prompt"),
            C("tip_what_label"),
        ),
        _place(C("tip_place_prompt")),
        _moment(C("tip_when_prompt")),
        _choice(
            "source",
            C("tip_source_prompt"),
            C("tip_source_label"),
            Option(id="self", label=C("tip_source_self")),
            Option(id="named", label=C("tip_source_named")),
            Option(id="anonymous", label=C("tip_source_anonymous")),
        ),
        FieldSpec(
            key="informant_name",
            kind=FieldKind.TEXT,
            prompt=C("tip_informant_name_prompt"),
            label=C("tip_informant_name_label"),
            only_if={"source": "named"},
            sealed=True,
        ),
        FieldSpec(
            key="informant_contact",
            kind=FieldKind.TEXT,
            prompt=C("tip_informant_contact_prompt"),
            label=C("tip_informant_contact_label"),
            only_if={"source": "named"},
            optional=True,
            sealed=True,
        ),
        _choice(
            "urgency",
            C("tip_urgency_prompt"),
            C("tip_urgency_label"),
            Option(id="normal", label=C("tip_urgency_normal")),
            Option(id="urgent", label=C("tip_urgency_urgent")),
        ),
        _photo(),
    ),
)

PATROL = ContentArea(
    code="patrol",
    prefix="TT",
    name=C("area_patrol"),
    fields=(
        _day(C("patrol_date_prompt")),
        FieldSpec(
            key="start",
            kind=FieldKind.TIME,
            prompt=C("patrol_start_prompt"),
            label=C("patrol_start_label"),
        ),
        FieldSpec(
            key="end",
            kind=FieldKind.TIME,
            prompt=C("patrol_end_prompt"),
            label=C("patrol_end_label"),
            span_start="start",
        ),
        _text(
            "route",
            C("patrol_route_prompt"),
            C("patrol_route_label"),
        ),
        FieldSpec(
            key="teammates",
            kind=FieldKind.TEAMMATES,
            prompt=C("patrol_teammates_prompt"),
            label=C("patrol_teammates_label"),
            optional=True,
        ),
        _notes(),
        _photo(),
    ),
)

GOOD_DEED = ContentArea(
    code="good_deed",
    prefix="VT",
    name=C("area_good_deed"),
    fields=(
        _text(
            "what",
            C("good_deed_what_prompt"),
            C("area_good_deed"),
        ),
        _text(
            "for_whom",
            C("good_deed_for_whom_prompt"),
            C("good_deed_for_whom_label"),
        ),
        _day(C("field_date_prompt")),
        _photo(),
    ),
)

INCIDENT = ContentArea(
    code="incident",
    prefix="VV",
    name=C("area_incident"),
    fields=(
        _text("what", C("incident_what_prompt"), C("incident_what_label")),
        _place(C("field_place_prompt")),
        _moment(C("field_when_prompt")),
        _choice(
            "in_time",
            C("incident_in_time_prompt"),
            C("incident_in_time_label"),
            Option(id="yes", label=C("incident_in_time_yes")),
            Option(id="no", label=C("incident_in_time_no")),
        ),
        _text("action", C("incident_action_prompt"), C("field_action_label")),
        _photo(),
    ),
)

FIRE_RESCUE = ContentArea(
    code="fire_rescue",
    prefix="CH",
    name=C("area_fire_rescue"),
    kind_field="call_kind",
    fields=(
        _choice(
            "call_kind",
            C("fire_rescue_call_kind_prompt"),
            C("fire_rescue_call_kind_label"),
            Option(id="fire", label=C("fire_rescue_call_kind_fire")),
            Option(id="rescue", label=C("fire_rescue_call_kind_rescue")),
            Option(id="disaster", label=C("fire_rescue_call_kind_disaster")),
            Option(id="other", label=C("option_other")),
        ),
        _place(C("field_place_prompt")),
        _moment(C("field_when_prompt")),
        _text("action", C("fire_rescue_action_prompt"), C("field_action_label")),
        _photo(),
    ),
)

RESIDENT_INFO = ContentArea(
    code="resident_info",
    prefix="CD",
    name=C("area_resident_info"),
    fields=(
        _count(
            "households",
            C("resident_info_households_prompt"),
            C("resident_info_households_label"),
            10_000,
        ),
        _count(
            "persons",
            C("resident_info_persons_prompt"),
            C("resident_info_persons_label"),
            100_000,
        ),
        _day(C("resident_info_date_prompt")),
        _notes(),
    ),
)

REINTEGRATION = ContentArea(
    code="reintegration",
    prefix="TH",
    name=C("area_reintegration"),
    kind_field="support",
    fields=(
        _text(
            "person",
            C("reintegration_person_prompt"),
            C("reintegration_person_label"),
        ),
        _choice(
            "support",
            C("reintegration_support_prompt"),
            C("reintegration_support_label"),
            Option(id="visit", label=C("reintegration_support_visit")),
            Option(id="job", label=C("reintegration_support_job")),
            Option(id="paperwork", label=C("reintegration_support_paperwork")),
            Option(id="other", label=C("option_other")),
        ),
        _day(C("field_date_prompt")),
        _notes(),
    ),
)

MODEL = ContentArea(
    code="model",
    prefix="MH",
    name=C("area_model"),
    fields=(
        FieldSpec(
            key="model",
            kind=FieldKind.MODEL,
            prompt=C("model_model_prompt"),
            label=C("model_model_label"),
        ),
        _choice(
            "part",
            C("model_part_prompt"),
            C("model_part_label"),
            Option(id="build", label=C("model_part_build")),
            Option(id="run", label=C("model_part_run")),
        ),
        _day(C("field_date_prompt")),
        _notes(),
    ),
)

# The 2024 plan's areas (seed 002), in the order members see them.
DEFAULT_AREAS: tuple[ContentArea, ...] = (
    TIP,
    PATROL,
    GOOD_DEED,
    INCIDENT,
    FIRE_RESCUE,
    RESIDENT_INFO,
    REINTEGRATION,
    MODEL,
)
PRIMARY_AREAS = ("tip", "patrol", "good_deed")


def with_extra_fields(
    area: ContentArea, extra: tuple[tuple[FieldSpec, str | None], ...]
) -> ContentArea:
    """The form with a plan's own questions: each after the question it names, else before
    the photo that closes the form (at the end when none does), in the plan's order."""
    if not extra:
        return area
    fields = list(area.fields)
    closing = len(fields) - 1 if fields and fields[-1].kind is FieldKind.PHOTO else len(fields)
    for spec, after in extra:
        keys = [field.key for field in fields]
        if after is None:
            fields.insert(closing, spec)
            closing += 1
            continue
        place = keys.index(after) + 1
        # after the extra questions already placed after the same one, in the plan's order
        while place < len(fields) and fields[place].key in {s.key for s, a in extra if a == after}:
            place += 1
        fields.insert(place, spec)
        closing += place <= closing
    return area.model_copy(update={"fields": tuple(fields)})


def area_by_code(code: str, areas: tuple[ContentArea, ...] = DEFAULT_AREAS) -> ContentArea | None:
    return next((area for area in areas if area.code == code), None)


# Every answer a form seals (an informant's name and contact): plan areas reuse these forms,
# so these keys are the only ones ever sealed.
SEALED_KEYS = frozenset(f.key for area in DEFAULT_AREAS for f in area.fields if f.sealed)
