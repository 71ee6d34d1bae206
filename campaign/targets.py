"""Progress against a plan's targets: the period a target counts over, met or not for each unit
that carries it, and the result of the units above them (roll-up). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from campaign.areas import ContentArea, FieldSpec
from campaign.catalogs import Said, by_language, listed, said, text
from campaign.facts import YES_NO, Wanted, fact_by_key
from campaign.localized import Localized
from campaign.models import scheme_label
from campaign.plans import AreaSpec, CountSpec, Plan, TargetSpec
from campaign.roles import Role


@dataclass(frozen=True)
class Measured:
    """What a unit's numbers are before judging: a count or a sum (`value`), its denominator
    (`out_of`, for a ratio), or an entered met / not met. `missing`: nothing to judge yet (an
    entered value not entered, a denominator fact not set)."""

    value: float | None = None
    out_of: float | None = None
    met: bool | None = None
    missing: bool = False


@dataclass(frozen=True)
class Progress:
    target: TargetSpec
    value: float | None  # None: nothing to judge yet (not entered, no denominator)
    met: bool | None
    shown: str  # "3", "75%", "12/15", or "—"
    numerator: float | None = None
    denominator: float | None = None
    missing: bool = False  # entered by hand and not entered yet (or a fact not set)
    units_met: tuple[int, int] | None = None  # a roll-up: units meeting, units carrying it
    # A ratio over nothing (no incident, no call-out in the period): neither met nor failed,
    # and left out of a roll-up of units (a commune without incidents fails no "100% of them").
    empty: bool = False


def period(target: TargetSpec, plan: Plan, today: date) -> tuple[date, date]:
    """The days the target is counted over, as of `today` (clipped to the plan)."""
    if target.period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif target.period == "quarter":
        first_month = (today.month - 1) // 3 * 3 + 1
        start = today.replace(month=first_month, day=1)
        end = (start + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    elif target.period == "half":  # January–June, July–December
        first_month = 1 if today.month <= 6 else 7
        start = today.replace(month=first_month, day=1)
        end = date(today.year, 6, 30) if first_month == 1 else date(today.year, 12, 31)
    elif target.period == "phase" and (phase := plan.phase_on(today)) is not None:
        start, end = phase.starts, phase.ends
    elif target.period == "year":
        start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    else:  # the whole plan (or a phase asked for between phases)
        start, end = plan.starts, plan.ends
    return max(start, plan.starts), min(end, plan.ends)


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def judge(target: TargetSpec, counted: float | None, out_of: float | None = None) -> Progress:
    """A count (or a ratio's numerator over `out_of`) held against the target; a ratio over
    nothing (0/0) is neither met nor failed."""
    if counted is None:
        return Progress(target, None, None, "—", missing=True)
    if target.kind == "ratio" and out_of == 0:
        return Progress(target, None, None, f"{_number(counted)}/0", counted, 0.0, empty=True)
    if target.kind == "ratio":
        value = counted / out_of if out_of else 0.0
        shown = f"{value:.0%} ({_number(counted)}/{_number(out_of or 0)})"
        return Progress(target, value, target.meets(value), shown, counted, out_of)
    return Progress(target, counted, target.meets(counted), _number(counted), counted)


def judge_measured(target: TargetSpec, measured: Measured) -> Progress:
    """A unit's numbers, computed or entered, held against the target."""
    if measured.missing:
        return Progress(target, None, None, "—", missing=True)
    if measured.met is not None and measured.value is None:
        return Progress(target, 1.0 if measured.met else 0.0, measured.met, "", missing=False)
    if target.kind == "ratio" and measured.out_of is None and measured.value is not None:
        # a ratio entered as its value (0.85), not as two numbers
        value = measured.value
        return Progress(target, value, target.meets(value), f"{value:.0%}")
    return judge(target, measured.value, measured.out_of)


def pool(parts: Iterable[Measured]) -> Measured:
    """Numbers added up over units: a former district's communes, a sum or a pooled roll-up.
    Missing parts are left out, unless all are missing."""
    present = [part for part in parts if not part.missing]
    if not present:
        return Measured(missing=True)
    value = sum(part.value or 0.0 for part in present)
    dens = [part.out_of for part in present if part.out_of is not None]
    return Measured(value=value, out_of=sum(dens) if dens else None)


def roll_up(target: TargetSpec, below: Sequence[tuple[Measured, Progress]]) -> Progress:
    """The result above the units carrying the target, by the plan's rule: `every` unit meets,
    a `share` of them meet (`rollup_share`, at least), the `sum` of their values is judged, or
    their numerators over their denominators `pooled`."""
    judged = [progress for _, progress in below if not progress.empty]
    met = sum(1 for progress in judged if progress.met)
    carrying = len(judged)
    if target.rollup in ("sum", "pooled"):  # a ratio's sum is its numbers pooled
        result = judge_measured(target, pool(measured for measured, _ in below))
        return _with_units(result, met, carrying)
    if carrying == 0 and below:  # every unit had nothing to count
        return Progress(target, None, None, "0/0", empty=True, units_met=(0, 0))
    if carrying == 0:
        return Progress(target, None, None, "—", missing=True, units_met=(0, 0))
    share = met / carrying
    if target.rollup == "share":
        verdict: bool | None = share >= target.rollup_share
    else:
        verdict = met == carrying
    if not verdict and any(progress.met is None for progress in judged):
        # someone has not entered yet: not failed before every unit is known
        verdict = None if _could_still_meet(target, judged) else False
    shown = f"{met}/{carrying} ({share:.0%})"
    return Progress(
        target, share, verdict, shown, float(met), float(carrying), units_met=(met, carrying)
    )


def _could_still_meet(target: TargetSpec, judged: Sequence[Progress]) -> bool:
    best = sum(1 for progress in judged if progress.met is not False) / len(judged)
    return best >= (target.rollup_share if target.rollup == "share" else 1.0)


def _with_units(result: Progress, met: int, carrying: int) -> Progress:
    return replace(result, units_met=(met, carrying))


def group(
    values: Mapping[int, Measured], groups: Mapping[int, Sequence[int]]
) -> dict[int, Measured]:
    """Per former district: each group's communes' numbers pooled (a count summed, a ratio's
    numerators over its denominators)."""
    return {
        group_id: pool(values[unit] for unit in members if unit in values)
        for group_id, members in groups.items()
    }


def how_measured(target: TargetSpec, plan: Plan) -> Said:
    """How the target is measured, in words: "đếm vụ việc đã xác minh có 'Có mặt kịp thời'
    = Có ÷ vụ việc", or "do Công an xã nhập"."""
    entered = target.measure.entered
    if entered is not None and entered.by is Role.OFFICER and target.level != "commune":
        # an agency's, a school's or the province's own officer, not the commune police
        level = said("measure_level", level=target.level)
        return said("measure_entered_in_charge", level=level)
    if entered is not None:
        return said("measure_entered", role=said("role", role=entered.by.value))
    computed = target.measure.computed
    assert computed is not None
    words: Said = _count_words(computed, plan)
    if computed.plus is not None:
        words = said("measure_plus", first=words, second=_count_words(computed.plus, plan))
    if computed.out_of is not None:
        words = said("measure_out_of", part=words, whole=_count_words(computed.out_of, plan))
    return said("measure_computed", words=words)


def _count_words(spec: CountSpec, plan: Plan) -> Said:
    area = next((a for a in plan.areas if a.code == spec.area), None)
    area_name: Localized = area.name if area is not None else Localized(vi="", en="")
    field: Localized = Localized(vi=spec.field or "", en=spec.field or "")
    fact = fact_by_key(spec.field or "") if spec.count == "fact" else None
    if fact is not None:
        field = fact.name
    elif area is not None and spec.field:
        found = _field(area.content_area(), spec.field)
        field = found.label if found is not None else field
    kinds = listed([said("measure_level", level=kind) for kind in spec.kinds], ", ")
    words = said(
        "measure_count",
        count=spec.count,
        area=area_name,
        field=field,
        scheme=_scheme_words(spec, plan),
        kinds=kinds,
    )
    if spec.kinds and spec.count != "units":
        words = said("measure_of_kinds", what=words, kinds=kinds)
    if not spec.where:
        return words
    filters = [_filter_words(spec, area, key, wanted, plan) for key, wanted in spec.where.items()]
    return said("measure_where", what=words, filters=listed(filters, ", "))


def _scheme_words(spec: CountSpec, plan: Plan) -> Localized:
    """A registry's scheme as the plan names it ("đăng ký đạt chuẩn An toàn về ANTT"), a model
    scheme in words, or its code; led by a space (nothing when the count names none)."""
    if spec.scheme is None:
        return Localized(vi="", en="")
    declared = plan.registration(spec.scheme) if spec.count == "registrations" else None
    if declared is not None:  # "đăng ký Đăng ký đạt…" said once
        vi = re.sub(r"(?i)^đăng ký\s+", "", declared.name.vi)
        en = re.sub(r"(?i)^registration\s+(for\s+)?", "", declared.name.en)
        return Localized(vi=f" {vi}", en=f" {en}")
    if spec.count == "ratings":
        scheme = spec.scheme
        return by_language(lambda lang: " " + text("measure_rating_scheme", lang, scheme=scheme))
    if spec.count == "models":
        return by_language(lambda lang: f" “{scheme_label(spec.scheme or '', lang)}”")
    return Localized(vi=f" {spec.scheme}", en=f" {spec.scheme}")


def _field(area: ContentArea, key: str) -> FieldSpec | None:
    return next((spec for spec in area.fields if spec.key == key), None)


# A registry column's values in words: (count, column) -> (catalog message, its variable).
_REGISTRY_VALUES: dict[tuple[str, str], tuple[str, str]] = {
    ("models", "status"): ("model_status", "status"),
    ("models", "category"): ("model_category", "category"),
    ("models", "origin"): ("model_origin", "origin"),
    ("models", "event"): ("model_event", "kind"),
    ("models", "event_level"): ("recognition_level", "level"),
    ("registrations", "outcome"): ("registration_outcome", "outcome"),
    ("registrations", "level"): ("recognition_level", "level"),
    ("registrations", "outcome_level"): ("recognition_level", "level"),
    ("ratings", "rating"): ("rating_label", "rating"),
    ("commendations", "level"): ("recognition_level", "level"),
    ("commendations", "form"): ("commendation_form", "form"),
    ("commendations", "status"): ("commendation_status", "status"),
    ("commendations", "subject_kind"): ("measure_subject", "subject"),
}


def _filter_words(
    spec: CountSpec, area: AreaSpec | None, key: str, wanted: Wanted, plan: Plan
) -> Said:
    """One filter: "'Có mặt kịp thời' = Có", "Địa bàn = Đô thị, Đồng bằng"."""
    values = wanted if isinstance(wanted, tuple) else (wanted,)
    label: Localized = Localized(vi=key, en=key)
    options: dict[str, Localized] = {}
    fact = fact_by_key(key) if spec.count == "units" else None
    registry = _REGISTRY_VALUES.get((spec.count, key))
    if spec.count == "deliverables" and key == "deadline":
        titles = {deadline.code: deadline.title for deadline in plan.deadlines}
        named = [titles.get(str(v), Localized(vi=str(v), en=str(v))) for v in values]
        field_label = said("measure_registry_field", field=key)
        return said("measure_filter", field=field_label, value=listed(named, ", "))
    if registry is not None:
        message, variable = registry
        field_label = said("measure_registry_field", field=key)
        worded = [said(message, **{variable: str(value)}) for value in values]
        return said("measure_filter", field=field_label, value=listed(worded, ", "))
    if fact is not None:
        label, options = fact.name, dict(fact.options)
    elif area is not None and (found := _field(area.content_area(), key)) is not None:
        label, options = found.label, {o.id: o.label for o in found.options}
    shown: list[Localized] = []
    for value in values:
        written = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        if written in options:
            shown.append(options[written])
        elif isinstance(value, bool) and written in dict(YES_NO):
            shown.append(dict(YES_NO)[written])
        else:
            shown.append(Localized(vi=written, en=written))
    return said("measure_filter", field=label, value=listed(shown, ", "))
