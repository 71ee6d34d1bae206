"""The 2026–27 copy of Hải Dương's 2024 special-emulation plan, run on the demo units: the same
content areas, targets and reviews, every day moved to the same day of the new years, and no
quoted words naming a day of the old ones."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from campaign.plans import Plan, load_document

PLANS = Path(__file__).resolve().parents[2] / "plans"


def plan(name: str) -> Plan:
    document = load_document((PLANS / name).read_text(encoding="utf-8"))
    assert isinstance(document, Plan)
    return document


def test_the_2026_copy_keeps_the_2024_plan_and_moves_its_days() -> None:
    old = plan("2024-hai-duong-thi-dua-dac-biet.yaml")
    new = plan("2026-thi-dua-dac-biet.yaml")
    assert new.code == "hd-2026-thi-dua-dac-biet" and new.scope == "DEMO"
    assert (new.starts, new.ends) == (date(2026, 8, 19), date(2027, 8, 19))
    first, second = new.phases
    assert (first.starts, first.ends) == (date(2026, 8, 19), date(2027, 2, 3))
    assert (second.starts, second.ends) == (date(2027, 2, 4), date(2027, 8, 19))
    assert new.phase_on(date(2026, 11, 15)) == first
    assert new.phase_on(date(2027, 8, 20)) is None
    assert new.areas == old.areas  # the fire_rescue area still asks "in time?"
    assert new.targets == old.targets  # every target, its measure and its seed words
    assert new.grading == old.grading
    assert [(d.code, d.one_off) for d in new.deadlines] == [
        ("so-ket-dot-1", date(2027, 2, 3)),
        ("tong-ket-dot-2", date(2027, 8, 19)),
    ]
    for moved, was in zip(new.deadlines, old.deadlines, strict=True):
        assert moved.model_dump(exclude={"due"}) == was.model_dump(exclude={"due"})
    # The anniversaries recur: each falls in the plan's years on its own day.
    days = {e.code: [e.day_in(y) for y in (2026, 2027)] for e in new.events}
    assert days == {
        "thanh-lap-dang": [date(2026, 2, 3), date(2027, 2, 3)],
        "ngay-hoi-19-8": [date(2026, 8, 19), date(2027, 8, 19)],
    }


def test_no_quote_or_theme_of_the_copy_names_a_day_of_2024_or_2025() -> None:
    new = plan("2026-thi-dua-dac-biet.yaml")
    words = [t.quote or "" for t in new.targets]
    words += [d.quote or "" for d in new.deadlines] + [e.quote or "" for e in new.events]
    words += [p.theme for p in new.phases]
    old_days = re.compile(r"\b\d{1,2}/\d{1,2}/(2024|2025)\b")
    assert not [w for w in words if old_days.search(w)]
    assert "03/02/2027" in new.phases[0].theme  # its own year's anniversary
