"""Fuzzing plan loading: whatever the file holds, load_document returns a plan or guide, or
raises PlanError whose every problem names its line, never any other exception."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.plans import GradingGuide, Plan, PlanError, load_document

PLANS = sorted((Path(__file__).resolve().parents[2] / "plans").glob("*.yaml"))
SEEDS = [path.read_text(encoding="utf-8") for path in PLANS]
LINE = re.compile(r"line \d+: \S")

# Values that have broken or nearly broken YAML loaders and date or number parsing.
NASTY = [
    "2025-13-40",
    "2026-06-31",
    "2026-02-29",
    "2026-01-01 08:00",
    "2026-01-01 00:00:00",
    "2026-01-01T25:61:61+99:00",
    "0000-01-01",
    "31/12/9999",
    "29/02/2026",
    "0x_",
    "0b_",
    "0o",
    "1_000",
    "1:30",
    ".nan",
    "-.inf",
    "1e999",
    "99999999999999999999999999",
    "-1",
    "true",
    "~",
    '""',
    "[]",
    "{}",
    "&a [*a]",
    "*missing",
    "!!binary xyz",
    "!!python/object:os.system x",
    "!!timestamp foo",
    "!!int x",
    '!!int ""',
    '!!float ""',
    "!!bool maybe",
    "!!timestamp 2026-13-01",
    "<<: 5",
    "? [a]\n: b",
    "[" * 60 + "]" * 60,
    "x" * 70,
    "đợt-1",
    "\u202e",
    "\t",
    "'unclosed",
    "|",
    "%YAML 1.1",
    "---",
    "...",
]


def check(text: str) -> None:
    try:
        document = load_document(text)
    except PlanError as error:
        assert error.problems
        for problem in error.problems:
            assert LINE.match(problem), problem
    else:
        assert isinstance(document, Plan | GradingGuide)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:-[]{}&*!|>?,'\"#%@ \n\t0129./\x00\u00e9")), max_size=80
    )
)
def test_yaml_like_text_never_raises_anything_but_plan_error(text: str) -> None:
    check(text)


def mutate(seed: str, line: int, action: str, value: str) -> str:
    lines = seed.splitlines()
    if not lines:
        return value
    at = line % len(lines)
    if action == "value":  # the value of the field on that line
        key, colon, _ = lines[at].partition(": ")
        lines[at] = f"{key}{colon or ': '}{value}"
    elif action == "insert":
        lines.insert(at, value)
    elif action == "delete":
        del lines[at]
    elif action == "repeat":
        lines.insert(at, lines[at])
    elif action == "indent":
        lines[at] = "  " + lines[at]
    elif action == "cut":
        return "\n".join(lines)[: len(value) * 37 % len(seed)]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    changes=st.lists(
        st.tuples(
            st.integers(0, 200),
            st.sampled_from(
                ["value", "value", "value", "insert", "delete", "repeat", "indent", "cut"]
            ),
            st.sampled_from(NASTY) | st.text(max_size=12),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_a_mutated_real_plan_never_raises_anything_but_plan_error(
    seed: str, changes: list[tuple[int, str, str]]
) -> None:
    text = seed
    for line, action, value in changes:
        text = mutate(text, line, action, value)
    check(text)


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    field=st.sampled_from(
        [
            "code",
            "name",
            "scope",
            "starts",
            "ends",
            "phases",
            "areas",
            "targets",
            "deadlines",
            "grades",
            "year_starts",
            "kind",
            "remind_days",
        ]
    ),
    value=values,
)
def test_any_value_in_any_field_never_raises_anything_but_plan_error(
    seed: str, field: str, value: Any
) -> None:
    data = yaml.safe_load(seed)
    data[field] = value
    for key in ("phases", "areas", "targets", "deadlines", "grades"):
        items = data.get(key)
        if isinstance(items, list) and items and isinstance(items[0], dict):
            items[0] = {**items[0], field: value}
    check(yaml.safe_dump(data, allow_unicode=True))
