"""The demo's plan: the 2024 special-emulation plan moved in time so that it runs today.

The seed plans describe campaigns that have ended; a demo on one of them would show empty
standings, no targets and no reminders. The demo plan keeps the 2024 plan whole (phases,
content areas, points, caps, targets, deadlines) and moves every date by the same number of
days, chosen so that the day the demo is made falls in the first phase, a week before the
review that closes it: standings and targets run, the weekly board has a phase, and the
first deadline reminder ("7 days left") is due on day one. Pure: the caller reads the file.
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from typing import Any

import yaml

from campaign.localized import L
from campaign.plans import DeadlineSpec, EventSpec, PhaseSpec, Plan, load_document

SOURCE_FILE = "seed_2024_hai_duong_thi_dua_dac_biet.yaml"  # plans/, shipped in the package
CODE_PREFIX = "demo-"  # with the first day: a demo made later runs a plan of its own
# The first phase ends this long after the demo is made: its 7-day reminder is due that day.
AHEAD = timedelta(days=7)


def source_text() -> str:
    """The 2024 plan as shipped (a link to plans/ in a checkout, a copy in the wheel)."""
    return (resources.files("campaign") / SOURCE_FILE).read_text(encoding="utf-8")


def shift_for(source: Plan, today: date) -> timedelta:
    """How far to move `source` so that `today` lies in its first phase, AHEAD of its end
    (or as far into the phase as it is long, for a phase shorter than that)."""
    first = min(source.phases, key=lambda p: p.starts) if source.phases else None
    starts, ends = (first.starts, first.ends) if first else (source.starts, source.ends)
    ahead = min(AHEAD, ends - starts)
    return (today + ahead) - ends


def demo_plan(source: Plan, today: date, scope: str) -> Plan:
    """`source` moved so that it runs on `today`, named as a demo, over `scope`."""
    by = shift_for(source, today)
    starts = source.starts + by
    phases = tuple(
        PhaseSpec.model_validate({**p.model_dump(), "starts": p.starts + by, "ends": p.ends + by})
        for p in source.phases
    )
    deadlines = tuple(_moved(d, by) for d in source.deadlines)
    events = tuple(_moved_event(e, by) for e in source.events)
    return Plan.model_validate(
        {
            **source.model_dump(),
            "code": f"{CODE_PREFIX}thi-dua-dac-biet-{starts:%Y%m%d}",
            # Short (it heads standings on a phone), and saying where it comes from.
            "name": L(
                f"Kế hoạch mẫu (demo) — Thi đua đặc biệt, theo kế hoạch "
                f"{source.starts.year} của {source.issuer}",
                f"Demo plan — Special emulation campaign, after the {source.starts.year} plan "
                f"of {source.issuer}",
            ),
            "issued": None,
            "source": f"{source.code}, mọi ngày dời {by.days} ngày",
            "scope": scope,
            "starts": starts,
            "ends": source.ends + by,
            "phases": phases,
            "deadlines": deadlines,
            "events": events,
        }
    )


def _moved(deadline: DeadlineSpec, by: timedelta) -> DeadlineSpec:
    """A one-off deadline `by` later, worded as before (a month's "trước tháng M" cannot move
    by days: it becomes the day it was due, moved); its quote, which names the old date, goes.
    A yearly deadline (dd/mm) falls on its day every year: it stays."""
    if deadline.one_off is None:
        return deadline
    data = {**deadline.model_dump(), "quote": None}
    if deadline.before_month is not None:
        data |= {"before_month": None, "due": deadline.one_off}
    for wording in ("due", "by", "before"):
        day = data[wording]
        if day is not None:
            data[wording] = day + by
    return DeadlineSpec.model_validate(data)


def _moved_event(event: EventSpec, by: timedelta) -> EventSpec:
    """A one-off event `by` later, without its quote (which names the old day); a yearly one
    falls on its day every year: it stays."""
    if event.on is None:
        return event
    return event.model_copy(update={"on": event.on + by, "quote": None})


def plan_yaml(plan: Plan) -> str:
    """The plan as a file `load_document` reads back into the same plan (plans are stored as
    the YAML that was loaded)."""
    data: dict[str, Any] = plan.model_dump(mode="json", exclude_none=True)
    header = f"# {plan.name.vi}\n# Tạo tự động cho dữ liệu minh họa; nguồn: {plan.source}\n"
    text = header + str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    assert load_document(text) == plan, "the demo plan must survive its own file"
    return text


def todays_demo_plan(today: date, scope: str) -> tuple[Plan, str]:
    """The demo plan for a demo made on `today`, and the YAML to store."""
    source = load_document(source_text())
    assert isinstance(source, Plan)
    plan = demo_plan(source, today, scope)
    return plan, plan_yaml(plan)
