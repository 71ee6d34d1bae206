"""Points for verified entries, under a plan's caps, and the order of standings. Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from campaign.collation import vietnamese_key
from campaign.plans import Plan

WHOLE_PLAN = ""  # the phase code of the plan-long standings


@dataclass(frozen=True)
class Award:
    plan_code: str
    phase_code: str  # "" when the day falls outside every phase
    points: int  # 0 when a cap is already reached (the entry still counts as verified)


def award(
    plan: Plan, area_code: str, day: date, same_day: int, same_week: int, teammate: bool = False
) -> Award | None:
    """What a verified entry earns one member: the one who logged it, or a `teammate` credited
    on it (the area's `teammate_points`, else the same points). `same_day` / `same_week`:
    entries of that member and area already scored that day / ISO week (their own and those
    they were credited on). None if the plan does not run this area that day."""
    area = next((a for a in plan.areas if a.code == area_code), None)
    if area is None or not plan.active_on(day):
        return None
    phase = plan.phase_on(day)
    capped = (area.caps.per_day is not None and same_day >= area.caps.per_day) or (
        area.caps.per_week is not None and same_week >= area.caps.per_week
    )
    points = area.points
    if teammate and area.teammate_points is not None:
        points = area.teammate_points
    return Award(plan.code, phase.code if phase else WHOLE_PLAN, 0 if capped else points)


@dataclass(frozen=True)
class Standing:
    subject_id: int
    name: str
    points: int
    entries: int


def ranked(
    rows: list[Standing], name_key: Callable[[str], Any] = vietnamese_key
) -> list[tuple[int, Standing]]:
    """Rank by points, then verified entries; equal on both means an equal rank (1, 2, 2, 4).
    Names only order the display of equals, in Vietnamese order (`person_key` for people)."""
    ordered = sorted(rows, key=lambda r: (-r.points, -r.entries, name_key(r.name), r.subject_id))
    result: list[tuple[int, Standing]] = []
    for position, row in enumerate(ordered, start=1):
        previous = result[-1] if result else None
        same = previous and (previous[1].points, previous[1].entries) == (row.points, row.entries)
        result.append((previous[0] if same and previous else position, row))
    return result


def movements(now: dict[int, int], before: dict[int, int]) -> dict[int, int | None]:
    """Places gained (positive) or lost since the last board, per subject; None: new on it."""
    return {
        subject: (before[subject] - rank if subject in before else None)
        for subject, rank in now.items()
    }
