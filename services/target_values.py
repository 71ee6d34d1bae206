"""Entered target values (/nhapchitieu, `antt-bot target`, the coming console): what a member
must or may enter for the current period, entering or changing one (audited with before and
after, optional evidence kept as a document), closing a period (read-only from then on), and
who is reminded before a period ends."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from campaign.catalogs import Said, said
from campaign.plans import Plan, TargetSpec
from campaign.target_values import (
    Duty,
    EnteredValue,
    Way,
    duty,
    entered,
    entered_targets,
    may_close,
    met_value,
    read_value,
    reminder_due,
    way_of,
)
from campaign.targets import period
from services import documents
from services.ports import (
    Audited,
    DocumentStore,
    Holder,
    MemberView,
    NewTargetValue,
    NoticeStore,
    PeriodClosure,
    StoredValue,
    TargetValueStore,
    ValuePlace,
)
from services.refusals import Refused

OWNER_KIND = "target_value"  # documents.owner_kind of evidence


@dataclass(frozen=True)
class Task:
    """One target's value for one unit and the period running on a day."""

    plan: Plan
    scope_id: int
    target: TargetSpec
    place: ValuePlace
    start: date
    end: date
    duty: Duty | None  # None: an admin at the CLI
    stored: StoredValue | None
    closed: PeriodClosure | None

    @property
    def way(self) -> Way:
        return way_of(self.target)

    @property
    def key(self) -> str:
        """Short and stable (a button's id): the plan, target and unit."""
        whole = f"{self.plan.code}|{self.target.code}|{self.place.seat.unit_id}"
        return hashlib.sha256(whole.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Saved:
    task: Task
    before: StoredValue | None
    value: EnteredValue


@dataclass(frozen=True)
class Reminder:
    """A holder of the accountable role, the target and the units they have not entered it for."""

    holder: Holder
    plan: Plan
    target: TargetSpec
    end: date
    days_left: int
    units: tuple[str, ...]


def tasks(store: TargetValueStore, member: MemberView, day: date) -> list[Task]:
    """The entered targets the member must (then may) enter for the period running on `day`,
    with what is entered already and whether the period is closed."""
    places = store.value_places(member.unit_id)
    reads = _Reads(store, [place.seat.unit_id for place in places])
    found: list[Task] = []
    for plan, scope in store.plans_in_scope(member.unit_id, day):
        for target in entered_targets(plan):
            for place in places:
                owed = duty(member.role, member.unit_id, target, place.seat, scope)
                if owed is not None:
                    found.append(_task(reads, plan, scope, target, place, day, owed))
    order = {place.seat.unit_id: n for n, place in enumerate(places)}
    return sorted(found, key=lambda t: (t.duty != "must", order[t.place.seat.unit_id]))


class _Reads:
    """What one listing reads of the units it shows: their values, one query a plan and period
    start, and the closures over each."""

    def __init__(self, store: TargetValueStore, unit_ids: list[int]) -> None:
        self.store = store
        self.unit_ids = unit_ids
        self.values: dict[tuple[str, date], dict[tuple[str, int], StoredValue]] = {}
        self.closures: dict[tuple[str, date, int], PeriodClosure | None] = {}

    def stored(self, plan: str, target: str, unit: int, start: date) -> StoredValue | None:
        found = self.values.get((plan, start))
        if found is None:
            ids = self.unit_ids if unit in self.unit_ids else [unit]
            rows = self.store.target_values(plan, ids, start)
            found = self.values[(plan, start)] = {(v.target_code, v.unit_id): v for v in rows}
        return found.get((target, unit))

    def closure(self, plan: str, start: date, unit: int) -> PeriodClosure | None:
        key = (plan, start, unit)
        if key not in self.closures:
            self.closures[key] = self.store.closure_over(plan, start, unit)
        return self.closures[key]


def _task(
    reads: _Reads,
    plan: Plan,
    scope: int,
    target: TargetSpec,
    place: ValuePlace,
    day: date,
    owed: Duty | None,
) -> Task:
    start, end = period(target, plan, day)
    unit = place.seat.unit_id
    stored = reads.stored(plan.code, target.code, unit, start)
    closed = reads.closure(plan.code, start, unit)
    return Task(plan, scope, target, place, start, end, owed, stored, closed)


def find(store: TargetValueStore, member: MemberView, key: str, day: date) -> Task:
    """The member's task by its key, refused when it is no longer theirs (a role changed)."""
    task = next((t for t in tasks(store, member, day) if t.key == key), None)
    if task is None:
        raise Refused(said("target_value_gone"))
    return task


def read(task: Task, typed: str) -> EnteredValue:
    """The value typed for the task, refused with why it is not one."""
    value = read_value(task.way, typed)
    if isinstance(value, Said):
        raise Refused(value)
    return value


def hint(store: TargetValueStore, task: Task) -> float | None:
    """The bot's own count shown while entering a target with a `hint` (None: not known)."""
    spec = entered(task.target)
    if spec is None or spec.hint is None:
        return None
    return store.hint_count(task.plan, task.target, task.place.seat.unit_id, task.start, task.end)


def refuse_closed(task: Task) -> None:
    if task.closed is not None:
        raise Refused(
            said(
                "target_value_closed",
                start=f"{task.start:%d/%m/%Y}",
                end=f"{task.end:%d/%m/%Y}",
                closed=f"{task.closed.closed_at:%d/%m/%Y}",
            )
        )


def keep_evidence(
    store: DocumentStore,
    notices: NoticeStore,
    member: MemberView | None,
    task: Task,
    *,
    data: bytes,
    name: str,
    now: datetime,
) -> int:
    """Keep a photo or document as evidence for the task's unit (linked when the value is
    saved); its id. Refused, nothing kept, when it is not a document the bot takes."""
    refuse_closed(task)
    return documents.keep(
        store,
        notices,
        member,
        data=data,
        name=name,
        unit_id=task.place.seat.unit_id,
        owner_kind=OWNER_KIND,
        owner_id=None,
        now=now,
    )


def enter(
    store: TargetValueStore,
    files: DocumentStore,
    notices: NoticeStore,
    member: MemberView | None,
    task: Task,
    value: EnteredValue,
    *,
    note: str | None,
    document_id: int | None,
    now: datetime,
) -> Saved:
    """Save the unit's value for the period (a change replaces it); audited with before and
    after. A note or evidence not given keeps the one entered before. Refused once the period
    is closed."""
    refuse_closed(task)
    before = task.stored
    kept_note = note if note is not None else (before.note if before else "")
    evidence = document_id if document_id is not None else (before.document_id if before else None)
    row_id, replaced = store.save_target_value(
        NewTargetValue(
            plan_code=task.plan.code,
            target_code=task.target.code,
            unit_id=task.place.seat.unit_id,
            period_start=task.start,
            period_end=task.end,
            value=value,
            note=kept_note,
            document_id=evidence,
            entered_by=member.id if member else None,
            now=now,
        )
    )
    if document_id is not None:
        files.attach_document(document_id, OWNER_KIND, row_id)
    before = replaced if replaced is not None else before
    notices.audit(
        Audited(
            "target_value.changed" if before else "target_value.entered",
            "target_values",
            str(row_id),
            now,
            actor_member_id=member.id if member else None,
            details={
                "plan": task.plan.code,
                "target": task.target.code,
                "unit_id": task.place.seat.unit_id,
                "period": [task.start.isoformat(), task.end.isoformat()],
                "before": _audited(before.value, before.note, before.document_id)
                if before
                else None,
                "after": _audited(value, kept_note, evidence),
            },
            actor=None if member else "cli",
        )
    )
    return Saved(task, before, value)


def _audited(value: EnteredValue, note: str, document_id: int | None) -> dict[str, Any]:
    return {
        "value": value.value,
        "met": value.met,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "note": note,
        "document_id": document_id,
    }


# The CLI (an admin, no member): any unit of the target's level inside the plan's scope.
def admin_task(
    store: TargetValueStore, plan_code: str, target_code: str, unit_code: str, day: date
) -> Task:
    plan, scope = _plan(store, plan_code)
    target = next((t for t in entered_targets(plan) if t.code == target_code), None)
    if target is None:
        raise Refused(said("target_value_no_target", plan=plan_code, target=target_code))
    place = _place(store, unit_code)
    if place.seat.kind != target.level or scope not in place.seat.chain:
        raise Refused(said("target_value_not_for_unit", unit=unit_code, target=target_code))
    if not plan.active_on(day):
        raise Refused(said("target_value_outside_plan", day=f"{day:%d/%m/%Y}"))
    return _task(_Reads(store, [place.seat.unit_id]), plan, scope, target, place, day, None)


def typed_value(task: Task, value: str | None, met: str | None) -> EnteredValue:
    """`--value X` or `--met yes|no` at the CLI, read as the chat reads it."""
    if (value is None) == (met is None):
        raise Refused(said("target_value_value_or_met"))
    if met is not None:
        answer = read_value("met", met)
        if isinstance(answer, Said):
            raise Refused(answer)
        if task.way != "met":
            raise Refused(said("target_value_not_met_kind", target=task.target.code))
        return met_value(bool(answer.met))
    assert value is not None
    if task.way == "met":
        raise Refused(said("target_value_met_kind", target=task.target.code))
    return read(task, value)


def listing(store: TargetValueStore, plan_code: str, unit_code: str, day: date) -> list[Task]:
    """Every entered target of the plan for the unit and the units under it, in the period
    running on `day`."""
    plan, scope = _plan(store, plan_code)
    place = _place(store, unit_code)
    places = store.value_places(place.seat.unit_id)
    reads = _Reads(store, [here.seat.unit_id for here in places])
    return [
        _task(reads, plan, scope, target, here, day, None)
        for target in entered_targets(plan)
        for here in places
        if here.seat.kind == target.level and scope in here.seat.chain
    ]


def close(
    store: TargetValueStore,
    notices: NoticeStore,
    member: MemberView | None,
    plan_code: str,
    period_start: date,
    unit_code: str,
    now: datetime,
) -> bool:
    """Close the plan's period starting `period_start` over the unit's subtree: its values are
    read-only from then on. An admin (at or above the unit; the CLI) or an officer above it.
    False when it was closed already."""
    plan, scope = _plan(store, plan_code)
    place = _place(store, unit_code)
    if scope not in place.seat.chain:
        raise Refused(said("target_value_outside_scope", unit=unit_code, plan=plan_code))
    if member is not None and not may_close(member.role, member.unit_id, place.seat):
        raise Refused(said("target_value_close_not_yours"))
    spans = {period(target, plan, period_start) for target in entered_targets(plan)}
    ends = [end for start, end in spans if start == period_start]
    if not plan.active_on(period_start) or not ends:
        raise Refused(said("target_value_no_period", start=f"{period_start:%d/%m/%Y}"))
    closure = PeriodClosure(
        plan.code,
        period_start,
        max(ends),
        place.seat.unit_id,
        member.id if member else None,
        now,
    )
    closed = store.close_period(closure)
    if closed:
        notices.audit(
            Audited(
                "target_period.closed",
                "period_closures",
                f"{plan.code}/{period_start.isoformat()}/{place.seat.unit_id}",
                now,
                actor_member_id=member.id if member else None,
                details={"end": closure.period_end.isoformat(), "unit": place.code},
                actor=None if member else "cli",
            )
        )
    return closed


def _plan(store: TargetValueStore, code: str) -> tuple[Plan, int]:
    found = store.plan_and_scope(code)
    if found is None:
        raise Refused(said("target_value_no_plan", plan=code))
    return found


def _place(store: TargetValueStore, code: str) -> ValuePlace:
    place = store.value_place(code)
    if place is None:
        raise Refused(said("target_value_no_unit", unit=code))
    return place


def reminders(store: TargetValueStore, day: date) -> list[Reminder]:
    """Who is reminded on `day`: each holder of the role a target names, at or above a unit
    of its level that has not entered it for the period ending in one of its `remind_days`
    (one reminder a holder and target, naming the units)."""
    found: list[Reminder] = []
    for plan, scope in store.plans_running(day):
        due = [t for t in entered_targets(plan) if reminder_due(t, plan, day)]
        if not due:
            continue
        places = store.value_places(scope)
        for target in due:
            found += _reminders(store, plan, scope, target, places, day)
    return found


def _reminders(
    store: TargetValueStore,
    plan: Plan,
    scope: int,
    target: TargetSpec,
    places: Iterable[ValuePlace],
    day: date,
) -> list[Reminder]:
    spec = entered(target)
    assert spec is not None
    start, end = period(target, plan, day)
    level = [p for p in places if p.seat.kind == target.level]
    done = {
        v.unit_id
        for v in store.target_values(plan.code, [p.seat.unit_id for p in level], start)
        if v.target_code == target.code
    }
    waiting: dict[int, tuple[Holder, list[str]]] = {}
    for place in level:
        unit = place.seat.unit_id
        if unit in done or store.closure_over(plan.code, start, unit) is not None:
            continue
        inside = place.seat.chain[: place.seat.chain.index(scope) + 1]
        for holder in store.holders(inside, spec.by):
            waiting.setdefault(holder.member_id, (holder, []))[1].append(place.name)
    return [
        Reminder(holder, plan, target, end, (end - day).days, tuple(names))
        for holder, names in waiting.values()
    ]


__all__ = [
    "OWNER_KIND",
    "Reminder",
    "Saved",
    "Task",
    "admin_task",
    "close",
    "enter",
    "find",
    "hint",
    "keep_evidence",
    "listing",
    "read",
    "refuse_closed",
    "reminders",
    "tasks",
    "typed_value",
]
