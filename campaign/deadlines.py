"""What a plan's calendar asks on a given day: reminders, overdue reports, phase changes. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from campaign.plans import DeadlineSpec, PhaseSpec, Plan


@dataclass(frozen=True)
class Reminder:
    deadline: DeadlineSpec
    due: date
    days_left: int  # 0: due today


@dataclass(frozen=True)
class PhaseChange:
    phase: PhaseSpec
    moment: Literal["start", "end"]


def due_dates(deadline: DeadlineSpec, plan: Plan) -> list[date]:
    """Every date the deadline falls on within the plan (a yearly one once per year)."""
    if deadline.one_off is not None:
        return [deadline.one_off]
    return [
        due
        for year in range(plan.starts.year, plan.ends.year + 1)
        if plan.starts <= (due := deadline.due_in(year)) <= plan.ends
    ]


DeadlineState = Literal["done", "late", "waiting"]
DEADLINE_STATES: tuple[DeadlineState, ...] = ("done", "late", "waiting")

# A unit's submission for a deadline (issue 15; `campaign.submissions` moves between them).
SubmissionState = Literal["draft", "submitted", "accepted", "returned"]
SUBMISSION_STATES: tuple[SubmissionState, ...] = ("draft", "submitted", "accepted", "returned")
# The states in which the unit has reported it: reminders stop and it is not late. A draft or
# a submission sent back is not done.
DONE_STATES: tuple[SubmissionState, ...] = ("submitted", "accepted")


def is_done(state: str | None) -> bool:
    return state in DONE_STATES


def state_on(due: date, day: date, done: bool) -> DeadlineState:
    """Where a unit stands on `day`: reported, late (the day after it was due, when the level
    above is told), or not due yet."""
    if done:
        return "done"
    return "late" if day > due else "waiting"


def reminders_on(plan: Plan, day: date) -> list[Reminder]:
    """The deadlines `day` is a reminder day of (7, 3, 1 days before and the day itself)."""
    found = []
    for deadline in plan.deadlines:
        for due in due_dates(deadline, plan):
            days_left = (due - day).days
            if days_left in deadline.remind_days:
                found.append(Reminder(deadline, due, days_left))
    return found


def overdue_on(plan: Plan, day: date) -> list[Reminder]:
    """Deadlines that passed yesterday and name a level to tell about the units late."""
    yesterday = day - timedelta(days=1)
    return [
        Reminder(deadline, due, -1)
        for deadline in plan.deadlines
        if deadline.escalate_to is not None
        for due in due_dates(deadline, plan)
        if due == yesterday
    ]


def phase_changes_on(plan: Plan, day: date) -> list[PhaseChange]:
    changes = [PhaseChange(p, "start") for p in plan.phases if p.starts == day]
    changes += [PhaseChange(p, "end") for p in plan.phases if p.ends == day]
    return changes
