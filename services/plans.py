"""Emulation plans and grading guides: loaded from YAML, listed, shown, and where each stands
on a day (the same words in every list)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from campaign.catalogs import Said, said
from campaign.localized import Localized
from campaign.plans import (
    OPEN_END,
    DeadlineSpec,
    GradingGuide,
    Plan,
    PlanError,
    unknown_kind_problems,
)
from campaign.roles import Role
from campaign.targets import how_measured
from services.ports import COMMAND_LINE as COMMAND_LINE  # the command line, for callers
from services.ports import CommandLine, MemberView
from services.refusals import Refused
from storage import plans as stored_plans
from storage.plans import PlanScopeError as PlanScopeError  # raised by load and check
from storage.unit_kinds import kinds_of
from storage.unit_of_work import UnitOfWork

State = Literal["running", "not_started", "ended"]


def state_on(starts: date, ends: date, today: date) -> State:
    """Running from its first day to its last, both included."""
    if starts <= today <= ends:
        return "running"
    return "not_started" if today < starts else "ended"


Loader = MemberView | CommandLine


def load(
    work: UnitOfWork,
    document: Plan | GradingGuide,
    text: str,
    now: datetime,
    scope: str | None,
    *,
    loader: Loader,
) -> bool:
    """Keep the document (standings recounted); True if new, False if it replaced one.
    `stored_plans.PlanScopeError` if its unit does not exist; `PlanError` (each with its line)
    if it names a kind of unit the database does not know. An admin loads a plan over their own
    unit or one under it (a commune's admin, not the province's plan), and a grading guide
    (which grades every unit) only from a top-level unit; the command line (`COMMAND_LINE`)
    loads anything. Audited as the loader's."""
    check(work, document, text, scope, loader=loader)
    actor = None if isinstance(loader, CommandLine) else loader.id
    return stored_plans.save(work.connection, document, text, now, scope, actor_member_id=actor)


def check(
    work: UnitOfWork,
    document: Plan | GradingGuide,
    text: str,
    scope: str | None,
    *,
    loader: Loader,
) -> None:
    """What `load` checks before it writes, for a preview: `PlanError` (line by line) for a kind
    of unit the database does not know, `PlanScopeError` for no such unit, `Refused` for a
    plan over a unit outside the loader's subtree."""
    if isinstance(document, Plan):
        problems = unknown_kind_problems(document, text, kinds_of(work.connection))
        if problems:
            raise PlanError(problems)
        _refuse_unless_within(work, loader, scope or document.scope)
    else:
        _refuse_unless_top(work, loader)


def _may_act(loader: Loader) -> bool:
    return isinstance(loader, CommandLine) or loader.role is Role.ADMIN


def _refuse_unless_within(work: UnitOfWork, loader: Loader, scope_code: str) -> None:
    if isinstance(loader, CommandLine):
        return
    if not _may_act(loader):
        raise Refused(said("console_files_admins_only"))
    scope = work.units.unit(scope_code)
    if scope is None:
        raise stored_plans.PlanScopeError(scope_code)
    if scope.id not in work.units.subtree(loader.unit_id):
        raise Refused(said("console_files_plan_outside", scope=scope.name))


def _refuse_unless_top(work: UnitOfWork, loader: Loader) -> None:
    if isinstance(loader, CommandLine):
        return
    if not _may_act(loader):
        raise Refused(said("console_files_admins_only"))
    if work.units.unit_by_id(loader.unit_id).parent_id is not None:
        raise Refused(said("console_files_guide_top_only"))


def listed(work: UnitOfWork) -> list[stored_plans.PlanRow]:
    return stored_plans.listed(work.connection)


@dataclass(frozen=True)
class ListedPlan:
    """A plan as an admin's list shows it, and whether they may retire it."""

    row: stored_plans.PlanRow
    state: State | None  # None: a grading guide (no days of its own)
    until_ended: bool  # a yearly plan not ended yet
    may_retire: bool


def listed_for(work: UnitOfWork, admin: MemberView, today: date) -> list[ListedPlan]:
    """The plans over the admin's units (their own, above them or under them) and the grading
    guides; each may be retired by an admin whose subtree holds its unit, while it runs."""
    if not _may_act(admin):
        raise Refused(said("console_files_admins_only"))
    mine = set(work.units.subtree(admin.unit_id))
    above = set(_chain(work, admin.unit_id))
    shown: list[ListedPlan] = []
    for row in stored_plans.listed(work.connection):
        if row.kind != "plan" or row.starts is None or row.ends is None:
            shown.append(ListedPlan(row, None, False, False))
            continue
        scope = work.units.unit(row.scope_code) if row.scope_code else None
        if scope is None or (scope.id not in mine and scope.id not in above):
            continue
        state = state_on(row.starts, row.ends, today)
        retire = scope.id in mine and state == "running"
        shown.append(ListedPlan(row, state, row.ends == OPEN_END, retire))
    return shown


def _chain(work: UnitOfWork, unit_id: int) -> list[int]:
    found: list[int] = []
    current: int | None = unit_id
    while current is not None and len(found) < 16:
        found.append(current)
        current = work.units.unit_by_id(current).parent_id
    return found


def retire(work: UnitOfWork, admin: MemberView, code: str, now: datetime) -> Plan:
    """A running plan ends today (its last day: nothing of it falls after, its standings
    stay). A plan not started yet is not retired: loading a corrected file with its code
    replaces it, and one that has ended is over already. Refused outside the admin's
    subtree."""
    stored = stored_plans.stored_plan(work.connection, code)
    if stored is None:
        raise Refused(said("plan_end_unknown", code=code))
    plan = stored.plan
    _refuse_unless_within(work, admin, stored_plans.scope_code(work.connection, code) or "")
    today = now.astimezone(work.zone).date()
    ends = min(plan.ends, stored.ended_on) if stored.ended_on else plan.ends
    state = state_on(plan.starts, ends, today)
    if state == "not_started":
        raise Refused(said("console_files_plan_not_started", starts=f"{plan.starts:%d/%m/%Y}"))
    if state == "ended":
        raise Refused(said("console_files_plan_over", ends=f"{ends:%d/%m/%Y}"))
    return end(work, code, today, now, ender=admin)


def document(work: UnitOfWork, code: str) -> tuple[Plan | GradingGuide, str | None] | None:
    """The stored document and the code of its unit; `PlanError` if it no longer validates."""
    return stored_plans.document(work.connection, code)


# --- calendar: ending a plan (a yearly one runs until an admin ends it) ---
def end(work: UnitOfWork, code: str, on: date, now: datetime, *, ender: Loader) -> Plan:
    """End the plan on `on` (its last day): nothing of it falls after that day. Refused for
    a plan not loaded, a day before it starts, or after the last day its document gives it
    (audited by the store)."""
    stored = stored_plans.stored_plan(work.connection, code)
    if stored is None:
        raise Refused(said("plan_end_unknown", code=code))
    plan = stored.plan
    if on < plan.starts:
        raise Refused(said("plan_end_before_start", code=code, starts=f"{plan.starts:%d/%m/%Y}"))
    if on > plan.ends:
        raise Refused(said("plan_end_after_end", code=code, ends=f"{plan.ends:%d/%m/%Y}"))
    ended = stored.ended_on
    if ended is not None and ended < now.astimezone(work.zone).date() and on > ended:
        # its reminders and announcements stopped: ending it later would bring them back
        raise Refused(said("plan_end_after_end", code=code, ends=f"{ended:%d/%m/%Y}"))
    actor = None if isinstance(ender, CommandLine) else ender.id
    stored_plans.end(work.connection, code, on, now, actor_member_id=actor)
    return plan.model_copy(update={"ends": on})


# --- the console's preview of a plan file before it is loaded ---
@dataclass(frozen=True)
class PhasePreview:
    name: Localized
    starts: date
    ends: date
    theme: str


@dataclass(frozen=True)
class AreaPreview:
    code: str
    name: Localized
    points: int
    per_day: int | None
    per_week: int | None


@dataclass(frozen=True)
class TargetPreview:
    code: str
    description: Localized
    level: Said  # whose target ("xã")
    period: Said  # over what ("tháng")
    threshold: Said  # "Ngưỡng: ít nhất 1"
    how: Said  # how it is measured, in words


@dataclass(frozen=True)
class DeadlinePreview:
    title: Localized
    deliverable: Localized
    due: date | None  # a one-off day
    every_year: str | None  # "dd/mm" every year


@dataclass(frozen=True)
class GradePreview:
    name: Localized
    above: float  # share of tasks done the grade needs


@dataclass(frozen=True)
class PlanPreview:
    """What a plan file will do, for an admin to read before loading it."""

    kind: str  # "plan" or "grading"
    code: str
    name: Localized
    issuer: str
    scope: str | None  # the unit code a plan covers
    starts: date | None
    ends: date | None
    until_ended: bool  # a yearly plan with no last day of its own
    phases: tuple[PhasePreview, ...] = ()
    areas: tuple[AreaPreview, ...] = ()
    targets: tuple[TargetPreview, ...] = ()
    deadlines: tuple[DeadlinePreview, ...] = ()
    grades: tuple[GradePreview, ...] = ()


def preview(document: Plan | GradingGuide, scope: str | None = None) -> PlanPreview:
    """The phases, content areas, targets (with how each is measured) and deadlines of a
    parsed document, or a grading guide's grades."""
    if isinstance(document, GradingGuide):
        grades = tuple(GradePreview(g.name, g.above) for g in document.grades)
        return PlanPreview(
            "grading", document.code, document.name, document.issuer, None, None, None,
            False, grades=grades,
        )  # fmt: skip
    return PlanPreview(
        kind="plan",
        code=document.code,
        name=document.name,
        issuer=document.issuer,
        scope=scope or document.scope,
        starts=document.starts,
        ends=None if document.until_ended else document.ends,
        until_ended=document.until_ended,
        phases=tuple(PhasePreview(p.name, p.starts, p.ends, p.theme) for p in document.phases),
        areas=tuple(
            AreaPreview(a.code, a.name, a.points, a.caps.per_day, a.caps.per_week)
            for a in document.areas
        ),
        targets=tuple(
            TargetPreview(
                code=target.code,
                description=target.description,
                level=said("measure_level", level=target.level),
                period=said("measure_period", period=target.period),
                threshold=said(
                    "targets_threshold",
                    compare=target.comparison,
                    threshold=_threshold(target.kind, target.threshold),
                ),
                how=how_measured(target, document),
            )
            for target in document.targets
        ),
        deadlines=tuple(
            DeadlinePreview(
                d.title, d.deliverable, d.one_off, None if d.one_off else _every_year(d, document)
            )
            for d in document.deadlines
        ),
    )


def _threshold(kind: str, threshold: float) -> str:
    return f"{threshold:.0%}" if kind == "ratio" else f"{threshold:g}"


def _every_year(deadline: DeadlineSpec, document: Plan) -> str:
    """A yearly deadline's day (dd/mm): the day it is due ("trước ngày dd/mm": the day
    before)."""
    due = deadline.due_in(document.starts.year)
    return f"{due.day:02d}/{due.month:02d}"
