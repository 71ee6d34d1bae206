"""What targets measure, for a unit and a period: a small query builder over a plan's
`CountSpec` (campaign/plans.py) — verified entries filtered on their answers, who took part, the
members, a sum or the distinct values of an answer, units with their dated facts, a fact, the
registry (models, registrations, ratings, commendations), deliverables — and entered values.

Computed values are never stored: they are counted again each time they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from campaign.collation import vietnamese_key
from campaign.deadlines import DONE_STATES
from campaign.facts import FactValue, all_match
from campaign.normalize import fold
from campaign.plans import REGISTRY_COLUMNS, CountSpec, Plan, TargetSpec
from campaign.targets import (
    Measured,
    Progress,
    group,
    how_measured,
    judge_measured,
    period,
    roll_up,
)
from services.ports import TargetReport, TargetView
from storage.facts import facts_on
from storage.schema import (
    commendations,
    deliverables,
    entries,
    entry_participants,
    members,
    model_events,
    models,
    ratings,
    registrations,
    target_values,
    unit_groups,
    units,
)
from storage.standings import COMPETITORS
from storage.tree import chain, subtree


@dataclass(frozen=True)
class Window:
    """A target's period: its days, and the instants entries' times are held against."""

    start: date
    end: date
    since: datetime
    until: datetime

    @classmethod
    def of(cls, start: date, end: date, zone: tzinfo) -> Window:
        since = datetime.combine(start, time(0), tzinfo=zone)
        until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone)
        return cls(start, end, since, until)


@dataclass(frozen=True)
class Tree:
    """The whole unit tree read once (closed units too, as `storage.tree.subtree` walks it), for
    a view measuring many units."""

    children: dict[int, list[int]]

    @classmethod
    def read(cls, conn: Connection) -> Tree:
        children: dict[int, list[int]] = {}
        for row in conn.execute(select(units.c.id, units.c.parent_id)):
            if row.parent_id is not None:
                children.setdefault(int(row.parent_id), []).append(int(row.id))
        return cls(children)

    def under(self, unit_id: int) -> list[int]:
        found, frontier = [unit_id], [unit_id]
        while frontier:
            frontier = [child for unit in frontier for child in self.children.get(unit, ())]
            found += frontier
        return found


def _answer_is(key: str, wanted: Any) -> ColumnElement[bool]:
    """An entry's answer `key` equals `wanted` (any of a list): JSON on SQLite and PostgreSQL.
    A plan's `yes`/`no` reads as true/false in YAML: answers keep the option ids "yes"/"no"."""
    answer: Any = entries.c.details[key]
    if isinstance(wanted, tuple):
        return or_(*(_answer_is(key, one) for one in wanted))
    condition: ColumnElement[bool]
    if isinstance(wanted, bool):
        condition = answer.as_string() == ("yes" if wanted else "no")
    elif isinstance(wanted, int | float):  # a number answer (SQLite's JSON keeps its type)
        condition = answer.as_float() == float(wanted)
    else:
        condition = answer.as_string() == str(wanted)
    return condition


def _column_is(column: ColumnElement[Any], wanted: Any) -> ColumnElement[bool]:
    if isinstance(wanted, tuple):
        return column.in_([str(one) for one in wanted])
    return column == str(wanted)


def _verified(spec: CountSpec, window: Window) -> list[ColumnElement[bool]]:
    conditions = [
        entries.c.status == "verified",
        entries.c.occurred_at >= window.since,
        entries.c.occurred_at < window.until,
    ]
    if spec.area is not None:
        conditions.append(entries.c.content_area == spec.area)
    conditions += [_answer_is(key, wanted) for key, wanted in spec.where.items()]
    return conditions


def _scalar(conn: Connection, query: Select[Any]) -> float:
    return float(conn.execute(query).scalar_one() or 0)


def count(
    conn: Connection,
    plan: Plan,
    spec: CountSpec,
    unit_id: int,
    window: Window,
    tree: Tree | None = None,
) -> float | None:
    """The number `spec` names for the unit and everything under it over the window (None:
    nothing to count with, e.g. a fact not set)."""
    if spec.count == "fact":
        return _fact_number(conn, unit_id, spec, window)
    scope = tree.under(unit_id) if tree is not None else subtree(conn, unit_id)
    if spec.count == "units":
        return float(len(_units_matching(conn, scope, spec, window)))
    if spec.kinds:  # the rows of units of these kinds only (TB: villages apart from agencies)
        scope = units_where(conn, scope, spec.kinds, {}, window.end)
    counter = _COUNTERS[spec.count]
    return counter(conn, plan, spec, scope, window)


def _entries(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    query = select(func.count()).select_from(entries)
    return _scalar(conn, query.where(entries.c.unit_id.in_(scope), *_verified(spec, window)))


def _people(scope: list[int]) -> tuple[ColumnElement[bool], ...]:
    return (
        members.c.unit_id.in_(scope),
        members.c.active.is_(True),
        members.c.role.in_(COMPETITORS),
    )


def _participants(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    """Everyone of the unit who took part: who logged a verified entry of the area in the
    period, or was credited on one as a teammate (a patrol names who patrolled with them)."""
    verified = _verified(spec, window)
    logged = select(entries.c.id).where(entries.c.member_id == members.c.id, *verified)
    credited = (
        select(entries.c.id)
        .join(entry_participants, entry_participants.c.entry_id == entries.c.id)
        .where(entry_participants.c.member_id == members.c.id, *verified)
    )
    query = select(func.count()).select_from(members)
    return _scalar(conn, query.where(*_people(scope), or_(logged.exists(), credited.exists())))


def _members(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    return _scalar(conn, select(func.count()).select_from(members).where(*_people(scope)))


def _answers(conn: Connection, spec: CountSpec, scope: list[int], window: Window) -> list[Any]:
    query = select(entries.c.details).where(entries.c.unit_id.in_(scope), *_verified(spec, window))
    field = spec.field or ""
    return [details.get(field) for details in conn.execute(query).scalars()]


def _sum(conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window) -> float:
    """Σ a number answer (resident_info's `persons`); answers that are no number add nothing."""
    return float(
        sum(
            value
            for value in _answers(conn, spec, scope, window)
            if isinstance(value, int | float) and not isinstance(value, bool)
        )
    )


def _distinct(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    """How many different answers, told apart as people write names (marks and case aside)."""
    told = {fold(str(value)) for value in _answers(conn, spec, scope, window) if value}
    return float(len(told - {""}))


def _models(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    """Models of the units existing by the period's end; `event` (and `event_level`): with such
    an event (proposed, recognised...) in the period."""
    conditions = [models.c.unit_id.in_(scope), models.c.started_on <= window.end]
    if spec.scheme is not None:
        conditions.append(models.c.scheme == spec.scheme)
    for key, wanted in spec.where.items():
        if key in ("category", "origin", "status"):
            conditions.append(_column_is(models.c[key], wanted))
    if "event" in spec.where:
        event = [
            model_events.c.model_id == models.c.id,
            _column_is(model_events.c.kind, spec.where["event"]),
            model_events.c.happened_on >= window.start,
            model_events.c.happened_on <= window.end,
        ]
        if "event_level" in spec.where:
            event.append(_column_is(model_events.c.level, spec.where["event_level"]))
        conditions.append(select(model_events.c.id).where(*event).exists())
    return _scalar(conn, select(func.count()).select_from(models).where(*conditions))


def _years(window: Window) -> ColumnElement[bool]:
    return and_(registrations.c.year >= window.start.year, registrations.c.year <= window.end.year)


def _registrations(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    conditions = [registrations.c.unit_id.in_(scope), _years(window)]
    if spec.scheme is not None:
        conditions.append(registrations.c.scheme == spec.scheme)
    conditions += [_column_is(registrations.c[k], w) for k, w in spec.where.items()]
    return _scalar(conn, select(func.count()).select_from(registrations).where(*conditions))


def _ratings(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    conditions = [
        ratings.c.unit_id.in_(scope),
        ratings.c.year >= window.start.year,
        ratings.c.year <= window.end.year,
    ]
    if spec.scheme is not None:
        conditions.append(ratings.c.scheme == spec.scheme)
    conditions += [_column_is(ratings.c[k], w) for k, w in spec.where.items()]
    return _scalar(conn, select(func.count()).select_from(ratings).where(*conditions))


def _commendations(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    """Commendations decided in the period, of the units or of their members."""
    people = select(members.c.id).where(members.c.unit_id.in_(scope))
    conditions = [
        or_(
            and_(commendations.c.subject_kind == "unit", commendations.c.subject_id.in_(scope)),
            and_(commendations.c.subject_kind == "member", commendations.c.subject_id.in_(people)),
        ),
        commendations.c.decided_on >= window.start,
        commendations.c.decided_on <= window.end,
    ]
    conditions += [_column_is(commendations.c[k], w) for k, w in spec.where.items()]
    return _scalar(conn, select(func.count()).select_from(commendations).where(*conditions))


def _deliverables(
    conn: Connection, plan: Plan, spec: CountSpec, scope: list[int], window: Window
) -> float:
    """Deliverables of this plan submitted for deadlines falling in the period."""
    conditions = [
        deliverables.c.plan_code == plan.code,
        deliverables.c.unit_id.in_(scope),
        deliverables.c.due >= window.start,
        deliverables.c.due <= window.end,
        deliverables.c.state.in_(DONE_STATES),  # a draft or one sent back is not submitted
    ]
    if "deadline" in spec.where:
        conditions.append(_column_is(deliverables.c.deadline_code, spec.where["deadline"]))
    return _scalar(conn, select(func.count()).select_from(deliverables).where(*conditions))


_COUNTERS = {
    "entries": _entries,
    "participants": _participants,
    "members": _members,
    "sum": _sum,
    "distinct": _distinct,
    "models": _models,
    "registrations": _registrations,
    "ratings": _ratings,
    "commendations": _commendations,
    "deliverables": _deliverables,
}
assert set(REGISTRY_COLUMNS) <= {*_COUNTERS, "fact"}


def _open_at(day: date) -> tuple[ColumnElement[bool], ...]:
    return (units.c.valid_from <= day, or_(units.c.valid_to.is_(None), units.c.valid_to > day))


def _units_matching(
    conn: Connection, scope: Sequence[int], spec: CountSpec, window: Window
) -> list[int]:
    """Units of the scope of `spec.kinds`, open at the period's end, whose facts in force then
    match `spec.where` (communes of terrain urban, lowland or midland)."""
    return units_where(conn, scope, spec.kinds, spec.where, window.end)


def units_where(
    conn: Connection,
    scope: Sequence[int],
    kinds: Sequence[str],
    where: dict[str, Any],
    day: date,
) -> list[int]:
    query = select(units.c.id).where(units.c.id.in_(list(scope)), *_open_at(day))
    if kinds:
        query = query.where(units.c.kind.in_(list(kinds)))
    found = [int(unit) for unit in conn.execute(query).scalars()]
    if not where:
        return found
    facts = facts_on(conn, found, where, day)
    return [unit for unit in found if all_match(facts.get(unit, {}), where)]


def _fact_number(conn: Connection, unit_id: int, spec: CountSpec, window: Window) -> float | None:
    """A fact in force at the period's end; yes/no as 1/0 (a criterion met)."""
    value = facts_on(conn, [unit_id], [spec.field or ""], window.end).get(unit_id, {})
    found: FactValue | None = value.get(spec.field or "")
    if found is None:
        return None
    if found.num is not None:
        return found.num
    return 1.0 if found.text == "yes" else 0.0


def measure(
    conn: Connection,
    plan: Plan,
    target: TargetSpec,
    unit_id: int,
    window: Window,
    tree: Tree | None = None,
) -> Measured:
    """The unit's numbers for the target: computed (the count, plus another, over a
    denominator) or read from what its accountable role entered for the period."""
    computed = target.measure.computed
    if computed is None:
        return entered(conn, plan, target, unit_id, window)
    value = count(conn, plan, computed, unit_id, window, tree)
    if computed.plus is not None and value is not None:
        more = count(conn, plan, computed.plus, unit_id, window, tree)
        value = None if more is None else value + more
    out_of = None
    if computed.out_of is not None:
        out_of = count(conn, plan, computed.out_of, unit_id, window, tree)
        if out_of is None:  # the denominator (a fact) is not set: nothing to judge yet
            return Measured(missing=True)
    if value is None:
        return Measured(missing=True)
    return Measured(value=value, out_of=out_of)


def entered(
    conn: Connection, plan: Plan, target: TargetSpec, unit_id: int, window: Window
) -> Measured:
    """What was entered for the unit and period (read only here: the values desk writes)."""
    row = conn.execute(
        select(
            target_values.c.value,
            target_values.c.met,
            target_values.c.numerator,
            target_values.c.denominator,
        ).where(
            target_values.c.plan_code == plan.code,
            target_values.c.target_code == target.code,
            target_values.c.unit_id == unit_id,
            target_values.c.period_start == window.start,
        )
    ).first()
    if row is None:
        return Measured(missing=True)
    if row.numerator is not None and row.denominator is not None:
        return Measured(value=row.numerator, out_of=row.denominator, met=row.met)
    if row.value is None and row.met is None:
        return Measured(missing=True)
    return Measured(value=row.value, met=row.met)


def former_districts(
    conn: Connection, scheme: str, communes: Sequence[int], day: date
) -> dict[int, list[int]]:
    """The former districts (group units) of these communes on `day`, each with its communes
    among them. Reads `unit_groups` directly: the kinds helper's `group_of` queries are not on
    this branch yet."""
    rows = conn.execute(
        select(unit_groups.c.group_unit_id, unit_groups.c.unit_id).where(
            unit_groups.c.scheme == scheme,
            unit_groups.c.unit_id.in_(list(communes)),
            unit_groups.c.valid_from <= day,
            or_(unit_groups.c.valid_to.is_(None), unit_groups.c.valid_to >= day),
        )
    )
    grouped: dict[int, list[int]] = {}
    for row in rows:
        grouped.setdefault(int(row.group_unit_id), []).append(int(row.unit_id))
    return grouped


def district_members(
    conn: Connection, scheme: str, districts: Sequence[int], day: date
) -> dict[int, list[int]]:
    """Every commune of these former districts on `day` (the kinds helper's
    `members_of_group`, read from `unit_groups` directly until it lands)."""
    rows = conn.execute(
        select(unit_groups.c.group_unit_id, unit_groups.c.unit_id).where(
            unit_groups.c.scheme == scheme,
            unit_groups.c.group_unit_id.in_(list(districts)),
            unit_groups.c.valid_from <= day,
            or_(unit_groups.c.valid_to.is_(None), unit_groups.c.valid_to >= day),
        )
    )
    grouped: dict[int, list[int]] = {district: [] for district in districts}
    for row in rows:
        grouped[int(row.group_unit_id)].append(int(row.unit_id))
    return grouped


def names(conn: Connection, unit_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each unit's kind and name."""
    query = select(units.c.id, units.c.kind, units.c.name).where(units.c.id.in_(list(unit_ids)))
    return {int(row.id): (str(row.kind), str(row.name)) for row in conn.execute(query)}


def view(
    conn: Connection,
    plan: Plan,
    target: TargetSpec,
    viewer_id: int,
    day: date,
    zone: tzinfo,
    tree: Tree | None = None,
) -> TargetView:
    """The target as the viewer's unit sees it on `day`: each unit under it carrying the target
    (of its level, or `applies_to`; per former district: each district's communes pooled), and
    the viewer's own value — its own if it carries it, else the roll-up of those below, else
    the value of the unit above that carries it."""
    start, end = period(target, plan, day)
    window = Window.of(start, end, zone)
    kinds = (target.applies_to.kinds if target.applies_to else ()) or (target.level,)
    where = dict(target.applies_to.where) if target.applies_to else {}
    carriers = units_where(conn, subtree(conn, viewer_id, open_only=True), kinds, where, end)
    tree = Tree.read(conn) if tree is None else tree  # every carrier's subtree without a query each
    own_district: int | None = None
    if target.per == "former_district" and plan.districts is not None:
        # Each former district of the viewer's communes, with all its communes (a commune
        # sees its district's pooled value, not its own share of it).
        mapping = plan.districts.mapping
        touched = former_districts(conn, mapping, carriers, end)
        groups = {
            district: units_where(conn, communes, kinds, where, end)
            for district, communes in district_members(conn, mapping, list(touched), end).items()
        }
        own_district = next((d for d, cs in touched.items() if viewer_id in cs), None)
        every = {unit for communes in groups.values() for unit in communes}
        measured = group(
            {unit: measure(conn, plan, target, unit, window, tree) for unit in every}, groups
        )
        carriers = list(groups)
    else:
        measured = {unit: measure(conn, plan, target, unit, window, tree) for unit in carriers}
    named = names(conn, [viewer_id, *carriers])
    if own_district is not None:
        district = (named[own_district][1], judge_measured(target, measured[own_district]))
        return TargetView(target, (start, end), how_measured(target, plan), district, False, [])
    judged = {unit: judge_measured(target, measured[unit]) for unit in carriers}
    below = sorted(
        (unit for unit in carriers if unit != viewer_id),
        key=lambda unit: vietnamese_key(named[unit][1]),
    )
    units_shown = [(named[unit][1], judged[unit]) for unit in below]
    how = how_measured(target, plan)
    if viewer_id in judged:
        mine = (named[viewer_id][1], judged[viewer_id])
        return TargetView(target, (start, end), how, mine, False, units_shown)
    if below:
        rolled = roll_up(target, [(measured[unit], judged[unit]) for unit in below])
        return TargetView(
            target, (start, end), how, (named[viewer_id][1], rolled), True, units_shown
        )
    above = _carrier_above(conn, viewer_id, kinds)
    if above is None:
        return TargetView(target, (start, end), how, None, False, [])
    unit_id, name = above
    progress = judge_measured(target, measure(conn, plan, target, unit_id, window))
    return TargetView(target, (start, end), how, (name, progress), False, [])


def _carrier_above(conn: Connection, unit_id: int, kinds: Sequence[str]) -> tuple[int, str] | None:
    """The nearest unit above of a kind carrying the target (a commune sees its province's)."""
    above = chain(conn, unit_id)[1:]
    found = names(conn, above)
    unit = next((u for u in above if u in found and found[u][0] in kinds), None)
    return (unit, found[unit][1]) if unit is not None else None


def report(conn: Connection, plan: Plan, viewer_id: int, day: date, zone: tzinfo) -> TargetReport:
    """Every target of the plan, as the viewer's unit sees it on `day` (the tree read once:
    a province's report asks this of each of its communes)."""
    tree = Tree.read(conn)
    return TargetReport(
        plan.name,
        [view(conn, plan, target, viewer_id, day, zone, tree) for target in plan.targets],
    )


def progress(
    conn: Connection, plan: Plan, target: TargetSpec, unit_id: int, today: date, zone: tzinfo
) -> Progress:
    """The unit's own progress on the target in the period holding `today` (grading counts a
    team's targets met)."""
    window = Window.of(*period(target, plan, today), zone)
    return judge_measured(target, measure(conn, plan, target, unit_id, window))
