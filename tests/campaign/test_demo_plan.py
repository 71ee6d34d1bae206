"""The demo plan is the 2024 special-emulation plan moved whole to run on any day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from campaign.demo_plan import demo_plan, plan_yaml, source_text, todays_demo_plan
from campaign.plans import Plan, load_document

SEED = Path(__file__).resolve().parents[2] / "plans" / "2024-hai-duong-thi-dua-dac-biet.yaml"


def test_the_packaged_source_is_the_seed_plan_file() -> None:
    assert source_text() == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 1, 1),
        date(2027, 1, 13),
        date(2028, 2, 29),
        date(2030, 11, 25),
        date(2031, 12, 31),
        date(2099, 6, 1),
    ],
)
def test_any_day_lies_in_the_first_phase_a_week_before_its_review(today: date) -> None:
    source = load_document(SEED.read_text(encoding="utf-8"))
    assert isinstance(source, Plan)
    plan, text = todays_demo_plan(today, "DEMO")
    assert load_document(text) == plan  # stored as YAML, read back the same
    assert plan.active_on(today) and plan.phase_on(today) == plan.phases[0]
    assert plan.phases[0].ends == today + timedelta(days=7)
    assert plan.deadlines[0].due == today + timedelta(days=7)  # Sơ kết Đợt 1
    shift = plan.starts - source.starts
    moved = [
        (plan.ends, source.ends),
        *((p.starts, s.starts) for p, s in zip(plan.phases, source.phases, strict=True)),
        *((p.ends, s.ends) for p, s in zip(plan.phases, source.phases, strict=True)),
        *((p.due, s.due) for p, s in zip(plan.deadlines, source.deadlines, strict=True)),
    ]
    assert all(new is not None and old is not None and new - old == shift for new, old in moved)
    # Everything but the dates is the 2024 plan's.
    assert plan.areas == source.areas and plan.targets == source.targets
    assert [p.name for p in plan.phases] == [p.name for p in source.phases]
    assert plan.scope == "DEMO" and plan.name.vi.startswith("Kế hoạch mẫu (demo)")
    assert plan.code.startswith("demo-") and plan.code != source.code


def test_a_plan_without_phases_runs_on_the_day_too() -> None:
    bare = load_document(
        "code: khong-dot\nname: Không đợt\nissuer: T\nscope: X\nstarts: 1/1/2024\nends: 3/1/2024\n"
    )
    assert isinstance(bare, Plan)
    plan = demo_plan(bare, date(2027, 5, 5), "DEMO")
    assert plan.active_on(date(2027, 5, 5))
    assert load_document(plan_yaml(plan)) == plan


def test_the_demo_moves_the_plan_s_events_too_and_drops_their_quotes() -> None:
    source = load_document(SEED.read_text(encoding="utf-8"))
    assert isinstance(source, Plan) and source.events
    today = date(2027, 1, 13)
    plan, text = todays_demo_plan(today, "DEMO")
    assert load_document(text) == plan
    shift = plan.starts - source.starts
    for moved, old in zip(plan.events, source.events, strict=True):
        assert old.on is not None and moved.on == old.on + shift
        assert moved.quote is None and old.quote is not None and moved.name == old.name
    # Đợt 1 salutes the Party's anniversary on its last day: a week ahead on the demo's first
    assert plan.events[0].on == today + timedelta(days=7)
