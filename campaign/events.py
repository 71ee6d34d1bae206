"""A plan's dated events and its own first and last day, as the jobs announce them. Pure.

A yearly event falls on its day every year the plan runs: a plan that recurs every year
(`recurs: yearly`, no `ends`) runs until an admin ends it, and its `ends` is then that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from campaign.plans import EventSpec, Plan


@dataclass(frozen=True)
class EventNotice:
    event: EventSpec
    on: date
    days_left: int  # 0: today


@dataclass(frozen=True)
class PlanChange:
    moment: Literal["start", "end"]


def event_days(event: EventSpec, plan: Plan, years: range | None = None) -> list[date]:
    """Every day the event falls on within the plan (a yearly one once a year), or within
    `years` only."""
    if years is None:
        years = range(plan.starts.year, plan.ends.year + 1)
    days = [event.on] if event.on is not None else [event.day_in(year) for year in years]
    return [day for day in days if plan.starts <= day <= plan.ends and day.year in years]


def announcements_on(plan: Plan, day: date) -> list[EventNotice]:
    """The events `day` is an announcement day of (`announce_days` before, and on the day)."""
    # announce_days are at most 366: the event falls this year or the next.
    years = range(day.year, day.year + 2)
    return [
        EventNotice(event, on, (on - day).days)
        for event in plan.events
        for on in event_days(event, plan, years)
        if (on - day).days in event.announce_days
    ]


def plan_changes_on(plan: Plan, day: date) -> list[PlanChange]:
    """A plan without phases announces its own first and last day (one with phases announces
    each phase's instead, never both)."""
    if plan.phases:
        return []
    changes = [PlanChange("start")] if plan.starts == day else []
    return changes + ([PlanChange("end")] if plan.ends == day and not plan.until_ended else [])
