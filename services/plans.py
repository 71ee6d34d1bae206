"""Emulation plans and grading guides: loaded from YAML, listed, shown, and where each stands
on a day (the same words in every list)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from campaign.catalogs import said
from campaign.plans import GradingGuide, Plan, PlanError, unknown_kind_problems
from services.refusals import Refused
from storage import plans as stored_plans
from storage.unit_kinds import kinds_of
from storage.unit_of_work import UnitOfWork

State = Literal["running", "not_started", "ended"]


def state_on(starts: date, ends: date, today: date) -> State:
    """Running from its first day to its last, both included."""
    if starts <= today <= ends:
        return "running"
    return "not_started" if today < starts else "ended"


def load(
    work: UnitOfWork, document: Plan | GradingGuide, text: str, now: datetime, scope: str | None
) -> bool:
    """Keep the document (standings recounted); True if new, False if it replaced one.
    `stored_plans.PlanScopeError` if its unit does not exist; `PlanError` (each with its line)
    if it names a kind of unit the database does not know."""
    if isinstance(document, Plan):
        problems = unknown_kind_problems(document, text, kinds_of(work.connection))
        if problems:
            raise PlanError(problems)
    return stored_plans.save(work.connection, document, text, now, scope)


def listed(work: UnitOfWork) -> list[stored_plans.PlanRow]:
    return stored_plans.listed(work.connection)


def document(work: UnitOfWork, code: str) -> tuple[Plan | GradingGuide, str | None] | None:
    """The stored document and the code of its unit; `PlanError` if it no longer validates."""
    return stored_plans.document(work.connection, code)


# --- calendar: ending a plan (a yearly one runs until an admin ends it) ---
def end(work: UnitOfWork, code: str, on: date, now: datetime) -> Plan:
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
    stored_plans.end(work.connection, code, on, now)
    return plan.model_copy(update={"ends": on})
