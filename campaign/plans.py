"""Campaign plans as data: phases, content areas, targets, deadlines, grading.

A plan is a YAML file (plans/ ships the seed plans); `load_plan` validates it and reports every
error at once, each with its line. Pure: the caller reads the file.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)

from campaign.areas import (
    DEFAULT_AREAS,
    ContentArea,
    FieldKind,
    FieldSpec,
    Option,
    area_by_code,
    with_extra_fields,
)
from campaign.catalogs import Said, by_language, listed, said
from campaign.facts import FACTS
from campaign.localized import Language, Localized
from campaign.roles import Role
from campaign.validation import explain, localized_error

# A kind of unit (campaign/unit_kinds: the built-in ones or a province's own, checked against
# the database's kinds at `plan load`), or "member" (a team's members, each on their own).
Level = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,19}$")]
Period = Literal["month", "quarter", "half", "phase", "year", "plan"]


# Later arithmetic (a year after, the day before) must stay within what Python's dates hold.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _day(value: Any) -> Any:
    """Dates as plans write them: 19/8/2024 (or ISO 2024-08-19, which YAML reads itself).

    Only a day: a time of day, a number or a day that does not exist is refused, never guessed."""
    if isinstance(value, datetime):
        raise localized_error(said("plan_day_with_time", value=str(value)))
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value) or re.fullmatch(
            r"\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\s*", value
        )
        if match is None:
            raise localized_error(said("plan_day_shape", value=repr(value)))
        if match.groupdict():
            day, month, year = (int(match[g]) for g in ("day", "month", "year"))
        else:
            day, month, year = (int(g) for g in match.groups())
        try:
            value = date(year, month, day)
        except ValueError:
            raise localized_error(said("plan_no_such_day", value=repr(value.strip()))) from None
    elif not isinstance(value, date):
        raise localized_error(said("plan_day_shape", value=repr(value)))
    if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise localized_error(
            said("plan_year_range", first=FIRST_YEAR, last=LAST_YEAR, year=value.year)
        )
    return value


def _text(value: Any) -> Any:
    """A text given once serves both languages until someone translates it."""
    return {"vi": value, "en": value} if isinstance(value, str) else value


def _tuple(value: Any) -> Any:
    """YAML lists, for the tuples strict validation wants."""
    return tuple(value) if isinstance(value, list) else value


def _bounded(limit: int) -> Callable[[Localized], Localized]:
    """A text at most `limit` characters long in every language (a question, a label)."""

    def check(text: Localized) -> Localized:
        longest = max(len(text.vi), len(text.en))
        if longest > limit:
            raise localized_error(said("plan_text_too_long", length=longest, limit=limit))
        if not text.vi.strip() or not text.en.strip():
            raise localized_error(said("plan_text_empty"))
        return text

    return check


Day = Annotated[date, BeforeValidator(_day)]
Text = Annotated[Localized, BeforeValidator(_text)]
# Codes are stored: each is kept within the narrowest column it lands in (storage/schema.py).
PlanCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]  # plans.code
PhaseCode = Annotated[str, Field(min_length=1, max_length=64)]  # entries/standings.phase_code
AreaCode = Annotated[str, Field(min_length=1, max_length=32)]  # entries.content_area and .kind
TargetCode = Annotated[str, Field(min_length=1, max_length=64)]
# deliverables.deadline_code holds 64, but the /danop button key "<code>@yyyymmdd" is cut at 40
DeadlineCode = Annotated[str, Field(min_length=1, max_length=31)]
GradeCode = Annotated[str, Field(min_length=1, max_length=32)]  # grades.proposed and .final
UnitCode = Annotated[str, Field(min_length=1, max_length=64)]  # units.code
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class _Strict(BaseModel):
    # Strict: a number where a text is wanted, true where a number is, a time where a day
    # is, are mistakes to report, not values to convert.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PhaseSpec(_Strict):
    code: PhaseCode
    name: Text
    starts: Day
    ends: Day
    theme: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> PhaseSpec:
        if self.ends < self.starts:
            raise localized_error(said("plan_phase_ends_before_start"))
        return self


class Caps(_Strict):
    per_day: int | None = Field(default=None, ge=1)
    per_week: int | None = Field(default=None, ge=1)


# A plan's own question on top of a built-in form: its answer is stored under `key` in the
# entry's answers like the form's own. Bounded so a plan cannot make a form endless.
MAX_EXTRA_FIELDS = 10
MAX_EXTRA_OPTIONS = 12
MAX_EXTRA_NUMBER = 999_999_999  # the most digits a typed number may have (handlers/steps.py)
FieldKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
OptionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]{0,23}$")]  # in button ids
Prompt = Annotated[Localized, BeforeValidator(_text), AfterValidator(_bounded(300))]
Label = Annotated[Localized, BeforeValidator(_text), AfterValidator(_bounded(80))]
# The form of the area being validated, and the questions seen so far, for an extra field
# to be checked against where it is written (its own line).
_FORM_KEYS: ContextVar[dict[str, FieldSpec] | None] = ContextVar("_FORM_KEYS", default=None)


class ExtraOption(_Strict):
    id: OptionId
    label: Label


class ExtraField(_Strict):
    """A question a plan adds to a built-in form (FieldSpec's vocabulary, without sealing:
    informants stay the built-in tip's)."""

    key: FieldKey
    kind: Literal["choice", "text", "number"]
    prompt: Prompt
    label: Label
    options: Annotated[
        tuple[ExtraOption, ...], BeforeValidator(_tuple), Field(max_length=MAX_EXTRA_OPTIONS)
    ] = ()
    optional: bool = False
    minimum: int | None = Field(default=None, ge=0, le=MAX_EXTRA_NUMBER)
    maximum: int | None = Field(default=None, ge=0, le=MAX_EXTRA_NUMBER)
    after: str | None = None  # the question it follows; unsaid: before the closing photo
    only_if: Annotated[dict[str, str], Field(max_length=4)] = {}

    @model_validator(mode="after")
    def _consistent(self) -> ExtraField:
        own = self._own_problems()
        problems = own + self._problems_in_form(valid=not own)
        if problems:
            raise localized_error(listed(problems, "; "))
        return self

    def _own_problems(self) -> list[Said]:
        problems: list[Said] = []
        ids = [option.id for option in self.options]
        if self.kind == "choice" and not self.options:
            problems.append(said("plan_extra_needs_options", question=self.key))
        if self.kind != "choice" and self.options:
            problems.append(said("plan_extra_options_unused", question=self.key))
        problems += [
            said("plan_extra_option_twice", question=self.key, option=repr(option))
            for option in sorted({i for i in ids if ids.count(i) > 1})
        ]
        bounded = self.minimum is not None or self.maximum is not None
        if self.kind != "number" and bounded:
            problems.append(said("plan_extra_bounds_unused", question=self.key))
        if (self.minimum or 0) > (self.maximum if self.maximum is not None else MAX_EXTRA_NUMBER):
            problems.append(said("plan_extra_bounds_crossed", question=self.key))
        return problems

    def _problems_in_form(self, *, valid: bool) -> list[Said]:
        """Against the form's questions and the extra ones before it (unknown form: none)."""
        known = _FORM_KEYS.get()
        if known is None:
            return []
        problems: list[Said] = []
        if self.key in known:
            problems.append(said("plan_extra_key_taken", question=self.key))
        if self.after is not None and self.after not in known:
            problems.append(
                said("plan_extra_unknown_after", question=self.key, after=repr(self.after))
            )
        for asked, value in self.only_if.items():
            spec = known.get(asked)
            if spec is None or spec.kind is not FieldKind.CHOICE or spec.sealed:
                problems.append(
                    said("plan_extra_unknown_only_if", question=self.key, field=repr(asked))
                )
            elif spec.option(value) is None:
                options = ", ".join(option.id for option in spec.options)
                problems.append(
                    said(
                        "plan_extra_unknown_value", question=self.key, field=asked, options=options
                    )
                )
        if valid and not problems:  # later questions may follow this one
            known[self.key] = self.field_spec()
        return problems

    def field_spec(self) -> FieldSpec:
        return FieldSpec(
            key=self.key,
            kind=FieldKind(self.kind),
            prompt=self.prompt,
            label=self.label,
            options=tuple(Option(id=o.id, label=o.label) for o in self.options),
            minimum=self.minimum,
            maximum=self.maximum,
            optional=self.optional,
            only_if=dict(self.only_if),
        )


class AreaSpec(_Strict):
    """A scored content area; `form` names the built-in questions members answer for it."""

    code: AreaCode
    name: Text
    form: str
    points: int = Field(ge=0, le=1000)
    # What each teammate credited on an entry (a patrol's "who patrolled with you") earns, under
    # their own caps; unset: the same points as the member who logged it, as if they had.
    teammate_points: int | None = Field(default=None, ge=0, le=1000)
    caps: Caps = Caps()
    # Questions on top of the form's (e.g. fire/rescue's "Có mặt kịp thời không?").
    extra_fields: Annotated[
        tuple[ExtraField, ...], BeforeValidator(_tuple), Field(max_length=MAX_EXTRA_FIELDS)
    ] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _with_form(cls, data: Any, handler: ModelWrapValidatorHandler[AreaSpec]) -> AreaSpec:
        """Extra fields are checked against the form named beside them, each on its line."""
        named = data.get("form") if isinstance(data, dict) else None
        form = area_by_code(named) if isinstance(named, str) else None
        known = {spec.key: spec for spec in form.fields} if form is not None else None
        token = _FORM_KEYS.set(known)
        try:
            return handler(data)
        finally:
            _FORM_KEYS.reset(token)

    @model_validator(mode="after")
    def _known_form(self) -> AreaSpec:
        if area_by_code(self.form) is None:
            known = ", ".join(a.code for a in DEFAULT_AREAS)
            raise localized_error(said("plan_unknown_form", form=repr(self.form), known=known))
        return self

    def content_area(self) -> ContentArea:
        built_in = area_by_code(self.form)
        assert built_in is not None
        extra = tuple((field.field_spec(), field.after) for field in self.extra_fields)
        return with_extra_fields(built_in, extra).model_copy(
            update={"code": self.code, "name": self.name}
        )


# How a value is held against the threshold, in the plan's words: "trên 90%" is over (>),
# "ít nhất"/"không dưới" at_least (>=), "không quá" at_most (<=), "dưới" under (<).
Comparison = Literal["over", "at_least", "at_most", "under", "exactly"]
Quote = Annotated[str, Field(min_length=1, max_length=500)]


# What a target counts, as data. `count` says from what: verified entries of an area, the members
# who took part (logged or credited), the members of the unit, the sum or the distinct values of an
# answer, rows of the registry (models, registrations, ratings, commendations), units, a unit's
# dated fact, or deliverables submitted. `where` filters on an entry's answers, a registry row's
# columns (status, outcome, level, rating, kind of subject) or, counting units, their facts.
Counted = Literal[
    "entries",
    "participants",
    "members",
    "sum",
    "distinct",
    "models",
    "registrations",
    "ratings",
    "commendations",
    "units",
    "fact",
    "deliverables",
]
Scalar = str | bool | int | float
Filter = Annotated[
    dict[str, Scalar | Annotated[tuple[Scalar, ...], BeforeValidator(_tuple)]],
    Field(max_length=16),
]
SchemeCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")]  # registry schemes
KindCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,19}$")]  # units.kind


class CountSpec(_Strict):
    """One number from the data, for a unit (and everything under it) over a period."""

    count: Counted
    area: AreaCode | None = None  # entries / participants / sum / distinct: the plan's area
    field: str | None = None  # sum / distinct: the answer summed or told apart; fact: its key
    scheme: SchemeCode | None = None  # models / registrations / ratings: which registry
    # units: those of these kinds; any other count: only the rows of units of these kinds
    kinds: Annotated[tuple[KindCode, ...], BeforeValidator(_tuple)] = ()
    where: Filter = {}

    @model_validator(mode="after")
    def _known_columns(self) -> CountSpec:
        columns = REGISTRY_COLUMNS.get(self.count)
        if self.count == "units":
            columns = FACT_KEYS
        _refuse_unknown_keys(self.where, columns)
        return self


def _refuse_unknown_keys(where: Mapping[str, Any], columns: tuple[str, ...] | None) -> None:
    unknown = sorted(set(where) - set(columns)) if columns is not None else []
    if unknown:
        raise localized_error(
            said("plan_where_unknown", keys=", ".join(unknown), known=", ".join(columns or ()))
        )


FACT_KEYS = tuple(fact.key for fact in FACTS)  # what units are filtered on (campaign/facts.py)

# The columns a registry count may filter on (storage/schema.py), so that a misspelt filter is
# refused at load rather than silently matching nothing.
REGISTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "models": ("category", "origin", "status", "event", "event_level"),
    "registrations": ("outcome", "level", "outcome_level"),
    "ratings": ("rating",),
    "commendations": ("subject_kind", "level", "form", "status"),
    "deliverables": ("deadline",),
    "members": (),
    "fact": (),
}


class ComputedSpec(CountSpec):
    """Computed from the data: the count, plus another (H13: a good deed *or* a commended
    member), over a denominator for a ratio."""

    plus: CountSpec | None = None
    out_of: CountSpec | None = None


class EnteredSpec(_Strict):
    """Entered per unit and period by the accountable role, where no data in the bot shows it."""

    # `as` is the plan's word (and a Python keyword): the field is `as_`, read and written `as`.
    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True)

    by: Annotated[Role, Field(strict=False)] = Role.OFFICER  # written as its value, "officer"
    # What is entered: a number, a ratio (or its two numbers) or met / not met; unsaid, what
    # the target's kind is.
    as_: Literal["count", "value", "ratio", "met"] | None = Field(default=None, alias="as")
    hint: CountSpec | None = None  # the bot's own count, shown while entering
    remind_days: Annotated[
        tuple[Annotated[int, Field(ge=0, le=366)], ...], BeforeValidator(_tuple)
    ] = (7, 1)


class MeasureSpec(_Strict):
    computed: ComputedSpec | None = None
    entered: EnteredSpec | None = None

    @model_validator(mode="after")
    def _one_way(self) -> MeasureSpec:
        if (self.computed is None) == (self.entered is None):
            raise localized_error(said("plan_measure_one_way"))
        return self

    def counts(self) -> tuple[CountSpec, ...]:
        """Every count it names (to check their areas)."""
        parts: tuple[CountSpec | None, ...] = (self.entered.hint,) if self.entered else ()
        if self.computed is not None:
            parts = (self.computed, self.computed.plus, self.computed.out_of)
        return tuple(part for part in parts if part is not None)


def _older_measure(value: Any) -> Any:
    """An older plan's measure, in the words it could use then, as the mapping it means."""
    if not isinstance(value, str):
        return value
    match = re.fullmatch(r"(entries|members_with):([a-z_]+)|manual", value)
    if match is None:
        raise localized_error(said("plan_measure_shape"))
    way, area = match.groups()
    if way is None:
        return {"entered": {}}
    if way == "entries":
        return {"computed": {"count": "entries", "area": area}}
    return {"computed": {"count": "participants", "area": area, "out_of": {"count": "members"}}}


# How the units carrying a target make the result of the unit above them: every one meets, a
# share of them meet (`rollup_share`), the sum of their values is judged, or their numerators
# over their denominators pooled.
Rollup = Literal["every", "share", "sum", "pooled"]


class AppliesTo(_Strict):
    """Which units carry a target: of these kinds, with these facts in force (NA15: coastal)."""

    kinds: Annotated[tuple[KindCode, ...], BeforeValidator(_tuple)] = ()
    where: Filter = {}

    @model_validator(mode="after")
    def _known_facts(self) -> AppliesTo:
        _refuse_unknown_keys(self.where, FACT_KEYS)
        return self


class DistrictsSpec(_Strict):
    """How an older plan's "mỗi huyện" reads on two-tier units: each commune carries it, or the
    communes of each former district together (grouped by `unit_groups` of scheme `mapping`)."""

    rule: Literal["commune", "former_district"]
    mapping: SchemeCode = "former-district"


class TargetSpec(_Strict):
    """E.g. each team at least 1 good deed a month; 100% of members patrol in the phase."""

    code: TargetCode
    description: Text
    quote: Quote | None = None  # the seed's own words, verbatim (tests find them in the seed)
    level: Level  # whose target it is
    period: Period
    kind: Literal["ratio", "count", "met"]  # met: met or not, nothing to count
    # Older plans say only `direction` (non-strict both ways, at_least when unsaid); `compare`
    # keeps the plan's words. "No violations" is at_most 0.
    direction: Literal["at_least", "at_most"] | None = None
    compare: Comparison | None = None
    threshold: float = Field(default=1.0, ge=0, allow_inf_nan=False)
    # How it is measured; older plans say "entries:<area>", "members_with:<area>" or "manual",
    # read as the same measure.
    measure: Annotated[MeasureSpec, BeforeValidator(_older_measure)]
    rollup: Rollup = "every"
    rollup_share: Share = 1.0  # with `rollup: share`: the share of units that must meet
    per: Literal["commune", "former_district"] | None = None  # "mỗi huyện" (needs `districts`)
    applies_to: AppliesTo | None = None

    @model_validator(mode="after")
    def _sensible(self) -> TargetSpec:
        if self.kind in ("ratio", "met") and self.threshold > 1:
            raise localized_error(said("plan_ratio_threshold"))
        if self.compare is not None and self.direction is not None:
            raise localized_error(said("plan_compare_or_direction"))
        return self

    @property
    def comparison(self) -> Comparison:
        """How the value is compared with the threshold (an old plan's `direction` otherwise)."""
        return self.compare or self.direction or "at_least"

    def meets(self, value: float) -> bool:
        return _COMPARE[self.comparison](value, self.threshold)


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "over": operator.gt,
    "at_least": operator.ge,
    "at_most": operator.le,
    "under": operator.lt,
    "exactly": operator.eq,
}


# A scheme a plan asks units to register for ("đăng ký phấn đấu đạt tiêu chuẩn An toàn về
# ANTT", "ký giao ước thi đua", a typical unit, a Ngày hội "điểm"): which kinds of unit take it,
# the day to register by, and the documents its recognition dossier needs (a checklist).
DossierItemCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")]  # dossier_items.item


def _dossier_item(value: Any) -> Any:
    """An item written as its code alone (named by the catalogs) or as {code, name}."""
    return {"code": value} if isinstance(value, str) else value


class DossierItemSpec(_Strict):
    code: DossierItemCode
    name: Text | None = None  # the file's own words; else the catalogs' for a known code


class RegistrationSpec(_Strict):
    scheme: SchemeCode
    name: Text
    quote: Quote | None = None  # the seed's own words, verbatim
    kinds: Annotated[
        tuple[KindCode, ...], BeforeValidator(_tuple), Field(min_length=1)
    ]  # the kinds of unit that may register
    by: Day | None = None  # the day to register by, where the plan gives one
    dossier: Annotated[
        tuple[Annotated[DossierItemSpec, BeforeValidator(_dossier_item)], ...],
        BeforeValidator(_tuple),
    ] = ()

    @model_validator(mode="after")
    def _items_once(self) -> RegistrationSpec:
        codes = [item.code for item in self.dossier]
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise localized_error(said("plan_dossier_item_twice", code=repr(twice[0])))
        return self


# The ways a plan file says when a deadline falls, each as the document words it. `due` and
# `yearly` (older files) and `by`/`yearly_by` ("đến ngày X", "hạn X") fall on the day written;
# `before`/`yearly_before` ("trước ngày X") on the day before; `before_month` ("trước tháng
# 8/2023") on the last day of the month before.
DUE_WORDINGS = ("due", "by", "before", "before_month", "yearly", "yearly_by", "yearly_before")


class Addressee(_Strict):
    """One kind of unit and the role there that reports a deadline ({kind: agency, role:
    officer}); kind "member" means a team's members."""

    kind: Level
    role: Annotated[Role, Field(strict=False)]  # written as its value, "officer"

    @property
    def unit_kind(self) -> str:
        """The kind of unit that reports it (a member-level deadline is followed by team)."""
        return "team" if self.kind == "member" else self.kind

    @property
    def roles(self) -> frozenset[Role]:
        """Who at such a unit is reminded and may report it: the role named, and for officers
        the unit's admins too (the police of that unit, as a broadcast to "officer" counts them:
        a province often has its PV05 admin and no officer)."""
        if self.role is Role.OFFICER:
            return frozenset({Role.OFFICER, Role.ADMIN})
        return frozenset({self.role})


class ReportSpec(_Strict):
    """A deadline whose deliverable is a periodic report the bot drafts (issue 15): the span of
    data it covers, and when its draft is made."""

    # half: the half-year (01/01–30/06, 01/07–31/12) the due day falls in; year: its year;
    # phase: `phase` (else the phase ending on the due day); plan: the plan from its start.
    # Each is cut at the day before the due day, and at the day the report is built.
    covers: Literal["half", "year", "phase", "plan"]
    phase: PhaseCode | None = None
    draft_days: Annotated[int, Field(ge=0, le=60)] | None = None  # None: the setting's
    symbol: Annotated[str, Field(min_length=1, max_length=20)] = "BC"  # ký hiệu after "Số: …/"


DocumentsRule = Literal["optional", "required"]


class DeadlineSpec(_Strict):
    code: DeadlineCode
    title: Text
    quote: Quote | None = None  # the seed's own words, verbatim (tests find them in the seed)
    due: Day | None = None  # a one-off date (older files; the same as `by`)
    by: Day | None = None  # "đến ngày X", "hạn X": due on X
    before: Day | None = None  # "trước ngày X": due on X-1
    before_month: str | None = None  # "trước tháng M/YYYY": due on the last day of M-1
    yearly: str | None = None  # "dd/mm", every year (older files; the same as `yearly_by`)
    yearly_by: str | None = None  # "dd/mm" every year, due that day
    yearly_before: str | None = None  # "dd/mm" every year, due the day before
    # Who reports it: one role at one kind of unit (older files), or `addressees`, several.
    role: Annotated[Role | None, Field(strict=False)] = None  # written as its value, "officer"
    level: Level | None = None
    addressees: Annotated[tuple[Addressee, ...], BeforeValidator(_tuple)] = ()
    deliverable: Text
    # days before the deadline; within a year, so that a reminder's date always exists
    remind_days: Annotated[
        tuple[Annotated[int, Field(ge=0, le=366)], ...], BeforeValidator(_tuple)
    ] = (7, 3, 1, 0)
    escalate_to: Level | None = None
    # Submitted only once the unit's registration for this scheme has its dossier complete.
    registration: SchemeCode | None = None
    # Issue 15: a report the bot drafts; the documents a submission must hold (a checklist,
    # each item its own upload), and whether a submission needs at least one document.
    report: ReportSpec | None = None
    checklist: Annotated[
        tuple[Annotated[DossierItemSpec, BeforeValidator(_dossier_item)], ...],
        BeforeValidator(_tuple),
    ] = ()
    documents: DocumentsRule = "optional"

    @model_validator(mode="after")
    def _one_date(self) -> DeadlineSpec:
        given = [name for name in DUE_WORDINGS if getattr(self, name) is not None]
        if len(given) != 1:
            raise localized_error(said("plan_one_due_wording"))
        for name in ("yearly", "yearly_by", "yearly_before"):
            value = getattr(self, name)
            if value is not None and not _day_and_month(value):
                raise localized_error(said("plan_yearly_shape", value=repr(value)))
        if self.before_month is not None and _month_before(self.before_month) is None:
            raise localized_error(said("plan_before_month_shape", value=repr(self.before_month)))
        if self.addressees and (self.role is not None or self.level is not None):
            raise localized_error(said("plan_addressees_or_role"))
        if not self.addressees and (self.role is None or self.level is None):
            raise localized_error(said("plan_addressees_needed"))
        codes = [item.code for item in self.checklist]
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise localized_error(said("plan_dossier_item_twice", code=repr(twice[0])))
        return self

    @property
    def addressed(self) -> tuple[Addressee, ...]:
        """Who reports it, whichever way the file said it."""
        if self.addressees:
            return self.addressees
        assert self.role is not None and self.level is not None
        return (Addressee(kind=self.level, role=self.role),)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of unit that report it, each once, in the file's order."""
        return tuple(dict.fromkeys(a.unit_kind for a in self.addressed))

    @property
    def one_off(self) -> date | None:
        """The day a one-off deadline is due (None: it recurs every year)."""
        if self.before_month is not None:
            return _month_before(self.before_month)
        if self.before is not None:
            return self.before - timedelta(days=1)
        return self.by or self.due

    def due_in(self, year: int) -> date:
        """The day it is due: a one-off's day, or a yearly one's day in `year` (a yearly
        "trước ngày 01/01" falls on 31/12 of the year before)."""
        one_off = self.one_off
        if one_off is not None:
            return one_off
        written = self.yearly_before or self.yearly_by or self.yearly
        assert written is not None
        day, month = (int(p) for p in written.split("/"))
        return date(year, month, day) - timedelta(days=1 if self.yearly_before else 0)


# --- calendar: dated events, yearly plans ---
EventCode = Annotated[str, Field(min_length=1, max_length=31)]
# The last day a plan that recurs every year ("hằng năm") can run: until an admin ends it
# (`plan end`, which stores `plans.ended_on` and the plan's `ends` becomes that day).
OPEN_END = date(LAST_YEAR, 12, 31)


def _yaml_on(value: Any) -> Any:
    """YAML 1.1 reads the key `on:` as true: an event's `on` is its day."""
    if isinstance(value, dict) and True in value:
        return {("on" if key is True else key): item for key, item in value.items()}
    return value


class EventSpec(_Strict):
    """A day to mark (a Ngày hội, a launch ceremony, a conference): announced to everyone in
    the plan's scope, or its commanders only, `announce_days` before and on the day."""

    code: EventCode
    name: Text
    quote: Quote | None = None  # the seed's own words, verbatim (tests find them in the seed)
    on: Day | None = None  # a one-off day
    yearly: str | None = None  # "dd/mm", every year the plan runs
    audience: Literal["everyone", "commanders"] = "everyone"
    kinds: Annotated[tuple[KindCode, ...], BeforeValidator(_tuple)] = ()  # only these units' people
    announce_days: Annotated[
        tuple[Annotated[int, Field(ge=0, le=366)], ...], BeforeValidator(_tuple)
    ] = (7, 1, 0)

    @model_validator(mode="before")
    @classmethod
    def _on_key(cls, data: Any) -> Any:
        return _yaml_on(data)

    @model_validator(mode="after")
    def _one_day(self) -> EventSpec:
        if (self.on is None) == (self.yearly is None):
            raise localized_error(said("plan_event_one_day"))
        if self.yearly is not None and not _day_and_month(self.yearly):
            raise localized_error(said("plan_yearly_shape", value=repr(self.yearly)))
        return self

    def day_in(self, year: int) -> date:
        """Its day: a one-off's, or a yearly one's in `year`."""
        if self.on is not None:
            return self.on
        assert self.yearly is not None
        day, month = (int(p) for p in self.yearly.split("/"))
        return date(year, month, day)


def _month_before(text: str) -> date | None:
    """ "M/YYYY" to the last day of the month before it (None: not a month)."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{4})\s*", text)
    if match is None or not 1 <= int(match.group(1)) <= 12:
        return None
    year = int(match.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return date(year, int(match.group(1)), 1) - timedelta(days=1)


def _day_and_month(text: str) -> bool:
    """dd/mm naming a day every year has (29/02 does not)."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text)
    if match is None:
        return False
    try:
        date(2023, int(match.group(2)), int(match.group(1)))
    except ValueError:
        return False
    return True


class Plan(_Strict):
    kind: Literal["plan"] = "plan"
    code: PlanCode
    name: Text
    issuer: str
    issued: Day | None = None
    source: str = ""  # the document it encodes
    scope: UnitCode  # the code of the unit it applies to (and everything under it)
    starts: Day
    # A plan that recurs every year may leave out `ends`: it runs (OPEN_END) until ended.
    ends: Day
    recurs: Literal["yearly"] | None = None
    grading: str | None = None  # the code of a grading guide
    phases: Annotated[tuple[PhaseSpec, ...], BeforeValidator(_tuple)] = ()
    areas: Annotated[tuple[AreaSpec, ...], BeforeValidator(_tuple)] = ()
    targets: Annotated[tuple[TargetSpec, ...], BeforeValidator(_tuple)] = ()
    deadlines: Annotated[tuple[DeadlineSpec, ...], BeforeValidator(_tuple)] = ()
    events: Annotated[tuple[EventSpec, ...], BeforeValidator(_tuple)] = ()
    districts: DistrictsSpec | None = None
    registrations: Annotated[tuple[RegistrationSpec, ...], BeforeValidator(_tuple)] = ()

    @model_validator(mode="before")
    @classmethod
    def _open_end(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("recurs") == "yearly" and "ends" not in data:
            return {**data, "ends": OPEN_END}
        return data

    @property
    def until_ended(self) -> bool:
        """Runs every year until an admin ends it (no last day of its own)."""
        return self.ends == OPEN_END

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        problems: list[Said] = self._districts_declared()
        if self.ends < self.starts:
            problems.append(said("plan_ends_before_start"))
        for phase in self.phases:
            if phase.starts < self.starts or phase.ends > self.ends:
                problems.append(said("plan_phase_outside", phase=phase.code))
        ordered = sorted(self.phases, key=lambda p: p.starts)
        for earlier, later in itertools.pairwise(ordered):
            if later.starts <= earlier.ends:
                problems.append(said("plan_phases_overlap", earlier=earlier.code, later=later.code))
        for what, items in (
            ("phase", self.phases),
            ("area", self.areas),
            ("target", self.targets),
            ("deadline", self.deadlines),
        ):
            codes = [item.code for item in items]
            problems += _used_twice(what, codes)
        problems += self._registration_problems()
        areas = {area.code for area in self.areas}
        for target in self.targets:
            for count in target.measure.counts():
                if count.area is not None and count.area not in areas:
                    problems.append(
                        said("plan_target_unknown_area", target=target.code, area=repr(count.area))
                    )
        problems += _event_problems(self)
        if problems:
            raise localized_error(listed(problems, "; "))
        return self

    def _districts_declared(self) -> list[Said]:
        """A target counted per former district needs the plan to say how districts map."""
        declared = self.districts is not None and self.districts.rule == "former_district"
        return [
            said("plan_target_per_district", target=target.code)
            for target in self.targets
            if target.per == "former_district" and not declared
        ]

    def _registration_problems(self) -> list[Said]:
        """Each scheme declared once; a deadline waiting on a registration names a declared one."""
        schemes_given = [registration.scheme for registration in self.registrations]
        problems: list[Said] = [
            said("plan_registration_twice", scheme=repr(scheme))
            for scheme in sorted({s for s in schemes_given if schemes_given.count(s) > 1})
        ]
        schemes = {registration.scheme for registration in self.registrations}
        for deadline in self.deadlines:
            if deadline.registration is not None and deadline.registration not in schemes:
                problems.append(
                    said(
                        "plan_deadline_unknown_registration",
                        deadline=deadline.code,
                        scheme=repr(deadline.registration),
                    )
                )
        return problems

    def phase_on(self, day: date) -> PhaseSpec | None:
        return next((p for p in self.phases if p.starts <= day <= p.ends), None)

    def active_on(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def content_areas(self) -> tuple[ContentArea, ...]:
        return tuple(area.content_area() for area in self.areas)

    def registration(self, scheme: str) -> RegistrationSpec | None:
        return next((r for r in self.registrations if r.scheme == scheme), None)


def _event_problems(plan: Plan) -> list[Said]:
    """An event's code given twice, or its one-off day outside the plan."""
    codes = [event.code for event in plan.events]
    problems = [
        said("plan_event_twice", code=repr(code))
        for code in sorted({c for c in codes if codes.count(c) > 1})
    ]
    return problems + [
        said("plan_event_outside", event=event.code)
        for event in plan.events
        if event.on is not None and not plan.starts <= event.on <= plan.ends
    ]


def _every_year(text: str) -> str:
    if not _day_and_month(text):
        raise localized_error(said("plan_every_year_day", value=repr(text)))
    return text


DayOfYear = Annotated[str, AfterValidator(_every_year)]


class Grade(_Strict):
    code: GradeCode
    name: Text
    above: Share  # share of tasks done that this grade needs (strictly above)


class GradingGuide(_Strict):
    kind: Literal["grading"]
    code: PlanCode
    name: Text
    issuer: str
    source: str = ""
    year_starts: DayOfYear  # the assessment year runs from here...
    year_ends: DayOfYear  # ...to here the next calendar year
    grades: Annotated[tuple[Grade, ...], BeforeValidator(_tuple), Field(min_length=1)]  # best first
    top_share_of_second_max: Share  # at most this share of "tốt" is "xuất sắc"
    minimum_active_months: int = Field(ge=0, le=12)
    leader_not_above_team: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> GradingGuide:
        twice = _used_twice("grade", [grade.code for grade in self.grades])
        if twice:
            raise localized_error(listed(twice, "; "))
        return self


def _used_twice(what: str, codes: list[str]) -> list[Said]:
    """A code given to two phases (areas, targets, deadlines, grades) of one document."""
    return [
        said("plan_code_twice", what=what, code=repr(code))
        for code in sorted({c for c in codes if codes.count(c) > 1})
    ]


class PlanError(ValueError):
    """Every problem of a plan file, each naming its line: `problems` in English (pydantic's own
    words), `lines(lang)` in the reader's language."""

    def __init__(self, problems: Sequence[Localized]) -> None:
        self.localized = list(problems)
        self.problems = [p.en for p in self.localized]
        super().__init__("\n".join(self.problems))

    def lines(self, lang: Language) -> list[str]:
        return [p.get(lang) for p in self.localized]


# A plan nests five deep and holds a few hundred values; far beyond that is a mistake or an
# attack (a "billion laughs" of aliases), refused before anything is built from it.
MAX_CHARACTERS = 1_000_000
MAX_DEPTH = 20
MAX_VALUES = 100_000


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML is untyped
    """SafeLoader that leaves a scalar it cannot convert as text, for the model to report:
    2026-06-31 looks like a YAML date but names no day, 0x_ looks like a number but is none."""


def _lenient(tag: str) -> None:
    strict = _Loader.yaml_constructors[tag]

    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return strict(loader, node)
        except (ValueError, OverflowError, LookupError, AttributeError, TypeError):
            # what PyYAML's converters raise on an explicit tag they cannot honour (!!bool x,
            # !!int "", !!timestamp foo) or a near-miss of an implicit one
            return loader.construct_scalar(node)

    _Loader.add_constructor(tag, construct)


for _tag in ("bool", "int", "float", "timestamp"):
    _lenient(f"tag:yaml.org,2002:{_tag}")


def load_document(text: str) -> Plan | GradingGuide:
    """Parse and validate a plan or grading guide; PlanError lists every problem with its line."""
    if len(text) > MAX_CHARACTERS:
        raise PlanError([said("plan_too_long", limit=MAX_CHARACTERS)])
    try:
        shape = _shape_problems(text)
        if shape:
            raise PlanError(shape)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            problems: list[Localized] = list(_repeated_keys(root))
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise PlanError([_yaml_problem(text, error)]) from None
    if not isinstance(data, dict):
        raise PlanError([said("plan_line", line=1, problem=said("plan_not_a_mapping"))])
    model: type[Plan] | type[GradingGuide] = GradingGuide if data.get("kind") == "grading" else Plan
    try:
        document = model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            location = tuple(item["loc"])
            path = ".".join(str(part) for part in location) or "(plan)"
            line = _line_of(root, location)
            problem = by_language(functools.partial(_explained, item))
            problems.append(said("plan_field", line=line, field=path, problem=problem))
    if problems:
        raise PlanError(problems)
    return document


def _explained(error: Mapping[str, Any], lang: Language) -> str:
    """A field's problem in the reader's words; English keeps pydantic's own (its `problems`)."""
    if lang == "en":
        return str(error["msg"]).removeprefix("Value error, ")
    return explain(error, lang)


def _yaml_problem(text: str, error: yaml.YAMLError) -> Said:
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        problem = said("plan_character_not_allowed", character=f"{error.character:04x}")
        return said("plan_line", line=line, problem=problem)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    why = getattr(error, "problem", None) or getattr(error, "context", None) or error
    return said("plan_line", line=line, problem=said("plan_not_yaml", why=str(why)))


class _BadShape(Exception):
    def __init__(self, problem: Said) -> None:
        super().__init__(problem.key)
        self.problem = problem


OpenNode = tuple[str | None, list[int]]  # anchor, [values, depth]


# libyaml's parser, when PyYAML was built with it, reads the events ten times faster than
# PyYAML's own (a plan is parsed at start, for the demo's report command, and at each load).
_FAST_EVENTS: Any = getattr(yaml, "CSafeLoader", None)


def _shape_problems(text: str) -> list[Localized]:
    """Too deep, too many values or an alias inside its own anchor, from the parser's events
    (which, unlike composing, does not recurse): aliases count as what they repeat."""
    if _FAST_EVENTS is not None:
        try:
            return _shape_from(text, _FAST_EVENTS)
        except yaml.YAMLError:
            pass  # not YAML to libyaml: PyYAML's own parser says why, as it always did
    return _shape_from(text, yaml.SafeLoader)


def _shape_from(text: str, loader: Any) -> list[Localized]:
    anchors: dict[str, tuple[int, int]] = {}  # anchor: (values, depth) of its node
    open_nodes: list[OpenNode] = []
    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_nodes) >= MAX_DEPTH:
                    deep = said("plan_nested_too_deep", depth=MAX_DEPTH)
                    return [said("plan_line", line=line, problem=deep)]
                open_nodes.append((event.anchor, [1, 1]))
                continue
            closed = _closed_node(event, line, open_nodes, anchors)
            if closed is not None:
                _count(closed, line, open_nodes, anchors)
    except _BadShape as bad:
        return [bad.problem]
    return []


def _closed_node(
    event: yaml.Event, line: int, open_nodes: list[OpenNode], anchors: dict[str, tuple[int, int]]
) -> tuple[str | None, int, int] | None:
    """The anchor, values and depth of the node the event ends (None: it ends none)."""
    if isinstance(event, yaml.CollectionEndEvent):
        anchor, (values, depth) = open_nodes.pop()
        return anchor, values, depth
    if isinstance(event, yaml.ScalarEvent):
        return event.anchor, 1, 0
    if not isinstance(event, yaml.AliasEvent):
        return None
    if any(event.anchor == name for name, _ in open_nodes):
        inside = said("plan_alias_in_own_anchor", alias=str(event.anchor))
        raise _BadShape(said("plan_line", line=line, problem=inside))
    if event.anchor not in anchors:
        return None  # composing reports the unknown alias
    values, depth = anchors[event.anchor]
    if len(open_nodes) + depth > MAX_DEPTH:
        deep = said("plan_alias_nests_too_deep", alias=str(event.anchor), depth=MAX_DEPTH)
        raise _BadShape(said("plan_line", line=line, problem=deep))
    return None, values, depth


def _count(
    closed: tuple[str | None, int, int],
    line: int,
    open_nodes: list[OpenNode],
    anchors: dict[str, tuple[int, int]],
) -> None:
    """Add a closed node's values and depth to the node holding it."""
    anchor, values, depth = closed
    if anchor is not None:
        anchors[anchor] = (values, depth)
    if values > MAX_VALUES:
        many = said("plan_too_many_values", limit=MAX_VALUES)
        raise _BadShape(said("plan_line", line=line, problem=many))
    if open_nodes:
        parent = open_nodes[-1][1]
        parent[0] += values
        parent[1] = max(parent[1], depth + 1)


def _repeated_keys(root: yaml.Node | None) -> list[Said]:
    """A key given twice in a mapping: YAML keeps the last silently, a plan refuses it."""
    problems: list[tuple[int, Said]] = []
    seen: set[int] = set()
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                pending += [key, value]
                if not isinstance(key, yaml.ScalarNode) or key.tag.endswith(":merge"):
                    continue
                line = key.start_mark.line + 1
                if key.value in first:
                    twice = said("plan_key_twice", name=str(key.value), first=first[key.value])
                    problems.append((line, said("plan_line", line=line, problem=twice)))
                first.setdefault(key.value, line)
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
    return [problem for _, problem in sorted(problems, key=lambda found: found[0])]


def _line_of(node: Any, location: tuple[Any, ...]) -> int:
    """The line of the YAML node at `location` (or of its nearest parent that exists)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in location:
        if isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if key.value == str(part)), None)
            if found is None:
                return line
            node = found
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line


# --- Kinds a plan names (issue 13: unit kinds as data) ---------------------------------------


def named_kinds(document: Plan) -> list[tuple[tuple[str | int, ...], str]]:
    """Every kind of unit the plan names, with where: targets' levels, deadlines' levels,
    addressees and `escalate_to` ("member" is a team's members, not a kind)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, target in enumerate(document.targets):
        found.append((("targets", i, "level"), target.level))
    for i, deadline in enumerate(document.deadlines):
        if deadline.level is not None:
            found.append((("deadlines", i, "level"), deadline.level))
        for j, addressee in enumerate(deadline.addressees):
            found.append((("deadlines", i, "addressees", j, "kind"), addressee.kind))
        if deadline.escalate_to is not None:
            found.append((("deadlines", i, "escalate_to"), deadline.escalate_to))
    return [(where, kind) for where, kind in found if kind != "member"]


def unknown_kind_problems(document: Plan, text: str, known: Collection[str]) -> list[Localized]:
    """A problem, with its line, for each kind the plan names that is not among `known` (the
    database's kinds: built-in and those the province added)."""
    unknown = [(where, kind) for where, kind in named_kinds(document) if kind not in known]
    if not unknown:
        return []
    root = yaml.compose(text, Loader=_Loader)
    listed_kinds = ", ".join(sorted(known))
    return [
        said(
            "plan_field",
            line=_line_of(root, where),
            field=".".join(str(part) for part in where),
            problem=said("plan_kind_unknown", kind=repr(kind), known=listed_kinds),
        )
        for where, kind in unknown
    ]
