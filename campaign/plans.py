"""Campaign plans as data: phases, content areas, targets, deadlines, grading.

A plan is a YAML file (plans/ ships the seed plans); `load_plan` validates it and reports every
error at once, each with its line. Pure: the caller reads the file.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from campaign.areas import DEFAULT_AREAS, ContentArea, area_by_code
from campaign.roles import Role
from campaign.text import Localized

Level = Literal["member", "team", "commune", "province"]
Period = Literal["month", "quarter", "phase", "year", "plan"]


def _day(value: Any) -> Any:
    """Dates as plans write them: 19/8/2024 (or ISO 2024-08-19, which YAML reads itself)."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    return value


def _text(value: Any) -> Any:
    """A text given once serves both languages until someone translates it."""
    return {"vi": value, "en": value} if isinstance(value, str) else value


Day = Annotated[date, BeforeValidator(_day)]
Text = Annotated[Localized, BeforeValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhaseSpec(_Strict):
    code: str
    name: Text
    starts: Day
    ends: Day
    theme: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> PhaseSpec:
        if self.ends < self.starts:
            raise ValueError("a phase cannot end before it starts")
        return self


class Caps(_Strict):
    per_day: int | None = Field(default=None, ge=1)
    per_week: int | None = Field(default=None, ge=1)


class AreaSpec(_Strict):
    """A scored content area; `form` names the built-in questions members answer for it."""

    code: str
    name: Text
    form: str
    points: int = Field(ge=0, le=1000)
    caps: Caps = Caps()

    @model_validator(mode="after")
    def _known_form(self) -> AreaSpec:
        if area_by_code(self.form) is None:
            known = ", ".join(a.code for a in DEFAULT_AREAS)
            raise ValueError(f"unknown form {self.form!r}; known forms: {known}")
        return self

    def content_area(self) -> ContentArea:
        built_in = area_by_code(self.form)
        assert built_in is not None
        return built_in.model_copy(update={"code": self.code, "name": self.name})


class TargetSpec(_Strict):
    """E.g. each team at least 1 good deed a month; 100% of members patrol in the phase."""

    code: str
    description: Text
    level: Level  # whose target it is
    period: Period
    kind: Literal["ratio", "count"]
    direction: Literal["at_least", "at_most"] = "at_least"  # "no violations" is at_most 0
    threshold: float = Field(ge=0)
    measure: str  # what is counted: "entries:<area>", "members_with:<area>", or "manual"

    @model_validator(mode="after")
    def _sensible(self) -> TargetSpec:
        if self.kind == "ratio" and self.threshold > 1:
            raise ValueError("a ratio threshold is between 0 and 1 (0.8 for 80%)")
        if not re.fullmatch(r"(entries|members_with):[a-z_]+|manual", self.measure):
            raise ValueError("measure is entries:<area>, members_with:<area> or manual")
        return self


class DeadlineSpec(_Strict):
    code: str
    title: Text
    due: Day | None = None  # a one-off date
    yearly: str | None = None  # "dd/mm", every year
    role: Role
    level: Level
    deliverable: Text
    remind_days: tuple[int, ...] = (7, 3, 1, 0)
    escalate_to: Level | None = None

    @model_validator(mode="after")
    def _one_date(self) -> DeadlineSpec:
        if (self.due is None) == (self.yearly is None):
            raise ValueError("give exactly one of due (a date) or yearly (dd/mm)")
        if self.yearly is not None and not _day_and_month(self.yearly):
            raise ValueError(f"yearly must be a day and month, dd/mm, not {self.yearly!r}")
        if any(d < 0 for d in self.remind_days):
            raise ValueError("remind_days are days before the deadline, 0 or more")
        return self

    @property
    def unit_kind(self) -> str:
        """The kind of unit that reports it (a member-level deadline is followed by team)."""
        return "team" if self.level == "member" else self.level

    def due_in(self, year: int) -> date:
        if self.due is not None:
            return self.due
        assert self.yearly is not None
        day, month = (int(p) for p in self.yearly.split("/"))
        return date(year, month, day)


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
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    name: Text
    issuer: str
    issued: Day | None = None
    source: str = ""  # the document it encodes
    scope: str  # the code of the unit it applies to (and everything under it)
    starts: Day
    ends: Day
    grading: str | None = None  # the code of a grading guide
    phases: tuple[PhaseSpec, ...] = ()
    areas: tuple[AreaSpec, ...] = ()
    targets: tuple[TargetSpec, ...] = ()
    deadlines: tuple[DeadlineSpec, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        problems = []
        if self.ends < self.starts:
            problems.append("the plan ends before it starts")
        for phase in self.phases:
            if phase.starts < self.starts or phase.ends > self.ends:
                problems.append(f"phase {phase.code} lies outside the plan's period")
        ordered = sorted(self.phases, key=lambda p: p.starts)
        for earlier, later in itertools.pairwise(ordered):
            if later.starts <= earlier.ends:
                problems.append(f"phases {earlier.code} and {later.code} overlap")
        for label, items in (
            ("phase", self.phases),
            ("area", self.areas),
            ("target", self.targets),
            ("deadline", self.deadlines),
        ):
            codes = [item.code for item in items]
            for code in sorted({c for c in codes if codes.count(c) > 1}):
                problems.append(f"{label} code {code!r} is used twice")
        areas = {area.code for area in self.areas}
        for target in self.targets:
            _, _, area = target.measure.partition(":")
            if area and area not in areas:
                problems.append(f"target {target.code} measures unknown area {area!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def phase_on(self, day: date) -> PhaseSpec | None:
        return next((p for p in self.phases if p.starts <= day <= p.ends), None)

    def active_on(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def content_areas(self) -> tuple[ContentArea, ...]:
        return tuple(area.content_area() for area in self.areas)


class Grade(_Strict):
    code: str
    name: Text
    above: float = Field(ge=0, le=1)  # share of tasks done that this grade needs (strictly above)


class GradingGuide(_Strict):
    kind: Literal["grading"]
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    name: Text
    issuer: str
    source: str = ""
    year_starts: str  # dd/mm: the assessment year runs from here...
    year_ends: str  # ...to here the next calendar year
    grades: tuple[Grade, ...]  # best first
    top_share_of_second_max: float = Field(ge=0, le=1)  # at most this share of "tốt" is "xuất sắc"
    minimum_active_months: int = Field(ge=0, le=12)
    leader_not_above_team: bool = True


class PlanError(ValueError):
    """Every problem of a plan file, each naming its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_document(text: str) -> Plan | GradingGuide:
    """Parse and validate a plan or grading guide; PlanError lists every problem with its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "line ?"
        raise PlanError([f"{where}: not valid YAML: {getattr(error, 'problem', error)}"]) from None
    if not isinstance(data, dict):
        raise PlanError(["line 1: a plan is a mapping of fields (name: ..., phases: ...)"])
    model: type[Plan] | type[GradingGuide] = GradingGuide if data.get("kind") == "grading" else Plan
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            location = tuple(item["loc"])
            path = ".".join(str(part) for part in location) or "(plan)"
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(f"line {_line_of(root, location)}: {path}: {message}")
        raise PlanError(problems) from None


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
