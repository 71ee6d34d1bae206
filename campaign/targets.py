"""Progress against a plan's targets: the period a target counts over, and met or not. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from campaign.plans import Plan, TargetSpec


@dataclass(frozen=True)
class Progress:
    target: TargetSpec
    value: float | None  # None: followed by hand (measure "manual"), nothing to compute
    met: bool | None
    shown: str  # "3", "75%", or "—"


def period(target: TargetSpec, plan: Plan, today: date) -> tuple[date, date]:
    """The days the target is counted over, as of `today` (clipped to the plan)."""
    if target.period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif target.period == "quarter":
        first_month = (today.month - 1) // 3 * 3 + 1
        start = today.replace(month=first_month, day=1)
        end = (start + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    elif target.period == "phase" and (phase := plan.phase_on(today)) is not None:
        start, end = phase.starts, phase.ends
    elif target.period == "year":
        start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    else:  # the whole plan (or a phase asked for between phases)
        start, end = plan.starts, plan.ends
    return max(start, plan.starts), min(end, plan.ends)


def judge(target: TargetSpec, counted: int | None, out_of: int | None = None) -> Progress:
    if counted is None:
        return Progress(target, None, None, "—")
    if target.kind == "ratio":
        value = counted / out_of if out_of else 0.0
        shown = f"{value:.0%}"
    else:
        value = float(counted)
        shown = str(counted)
    return Progress(target, value, target.meets(value), shown)
