"""Report periods (issue 15): what a period code ("2026-H2", "2026", "2026-Q4", a phase "dot-1")
means for a plan, which of its report deadlines the code picks, and the days that report's
figures cover (and the period before, to compare with). Pure.

The code only picks the deadline; the data window comes from the deadline's `report.covers`,
so that whichever code an officer types, the same report covers the same days. A calendar code
picks the due dates that fall inside it; a phase code the deadline reviewing that phase. Half
years are January–June and July–December, as a half-year target counts them
(`campaign.targets.period`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from campaign.catalogs import by_language, said
from campaign.deadlines import due_dates
from campaign.localized import Localized
from campaign.plans import DeadlineSpec, PhaseSpec, Plan

_CALENDAR = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]))?$")
# The listing in an error names due dates this many years around the code's year (a plan that
# recurs every year has a due date in every year until 2100).
_AROUND_YEARS = 1
_LISTED = 12


class PeriodError(ValueError):
    """A period code that picks no report deadline, or several: `reason` says which codes and
    deadlines there are, in the reader's language."""

    def __init__(self, reason: Localized) -> None:
        super().__init__(reason.en)
        self.reason = reason


@dataclass(frozen=True)
class Window:
    """A span of days a report covers (both ends counted), named."""

    code: str  # "2026-H2", "2026", "dot-1", "plan"
    starts: date
    ends: date
    label: Localized  # "6 tháng cuối năm 2026", "Đợt 1"


@dataclass(frozen=True)
class ReportPeriod:
    """The report deadline a period code picks: its due day, the days its figures cover (clipped
    to the plan) and the period before them (None: the first)."""

    code: str  # the code as asked, normalised ("2026-H2", "dot-1")
    deadline: DeadlineSpec
    due: date
    window: Window
    previous: Window | None

    @property
    def label(self) -> Localized:
        return self.window.label


def is_report_for(deadline: DeadlineSpec, unit_kind: str) -> bool:
    return deadline.report is not None and unit_kind in deadline.kinds


def report_deadlines(plan: Plan, unit_kind: str | None = None) -> list[tuple[DeadlineSpec, date]]:
    """The plan's report deadlines (addressed to `unit_kind`, unless None) with each due date,
    soonest first."""
    found = [
        (deadline, due)
        for deadline in plan.deadlines
        if deadline.report is not None and (unit_kind is None or unit_kind in deadline.kinds)
        for due in due_dates(deadline, plan)
    ]
    return sorted(found, key=lambda item: (item[1], item[0].code))


def normalised(code: str) -> str:
    """ "2026-h2" → "2026-H2"; a phase code in lower case."""
    cleaned = code.strip()
    return cleaned.upper() if _CALENDAR.match(cleaned.upper()) else cleaned.lower()


def code_window(plan: Plan, code: str) -> tuple[date, date] | None:
    """The days a code names (not clipped): a calendar half, quarter or year, or a phase of the
    plan; None for a code that is neither."""
    found = _CALENDAR.match(code)
    if found is not None:
        year, part = int(found.group(1)), found.group(2)
        if part is None:
            return date(year, 1, 1), date(year, 12, 31)
        if part.startswith("H"):
            return _half(year, int(part[1]))
        first = (int(part[1]) - 1) * 3 + 1
        starts = date(year, first, 1)
        return starts, (starts + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    phase = _phase(plan, code)
    return (phase.starts, phase.ends) if phase is not None else None


def _half(year: int, half: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def _phase(plan: Plan, code: str) -> PhaseSpec | None:
    return next((p for p in plan.phases if p.code == code), None)


def reviewed_phase(plan: Plan, deadline: DeadlineSpec, due: date) -> PhaseSpec | None:
    """The phase a phase review covers: the one it names, else the one ending on its due day,
    else the one holding the day before it."""
    assert deadline.report is not None
    if deadline.report.phase is not None:
        return _phase(plan, deadline.report.phase)
    ending = next((p for p in plan.phases if p.ends == due), None)
    if ending is not None:
        return ending
    return plan.phase_on(due - timedelta(days=1))


def _picks(plan: Plan, code: str, deadline: DeadlineSpec, due: date) -> bool:
    """Whether the code picks this due date of a report deadline."""
    phase = _phase(plan, code)
    if phase is not None and _CALENDAR.match(code) is None:
        assert deadline.report is not None
        if deadline.report.phase is not None:
            return deadline.report.phase == code
        return due == phase.ends or (
            deadline.report.covers == "phase" and reviewed_phase(plan, deadline, due) == phase
        )
    days = code_window(plan, code)
    return days is not None and days[0] <= due <= days[1]


def codes_for(plan: Plan, deadline: DeadlineSpec, due: date) -> tuple[str, ...]:
    """The codes that pick this due date: its half, the phase it reviews, its year and quarter."""
    half = f"{due.year}-H{1 if due.month <= 6 else 2}"
    found = [half]
    phase = reviewed_phase(plan, deadline, due) if deadline.report else None
    if phase is not None and _picks(plan, phase.code, deadline, due):
        found.append(phase.code)
    found += [str(due.year), f"{due.year}-Q{(due.month - 1) // 3 + 1}"]
    return tuple(found)


def code_for(plan: Plan, deadline: DeadlineSpec, due: date, unit_kind: str) -> str:
    """The shortest code that picks this due date alone (the half first); the half when none
    does (the reader then names the deadline too)."""
    codes = codes_for(plan, deadline, due)
    for code in codes:
        picked = [
            (d.code, day)
            for d, day in report_deadlines(plan, unit_kind)
            if _picks(plan, code, d, day)
        ]
        if picked == [(deadline.code, due)]:
            return code
    return codes[0]


def data_window(plan: Plan, deadline: DeadlineSpec, due: date) -> Window:
    """The days the report's figures cover, as its `report.covers` says, clipped to the plan.
    The half or year is the one holding the day before the due day: a report due on the first
    of July is the first half's."""
    assert deadline.report is not None
    covers = deadline.report.covers
    anchor = due - timedelta(days=1)
    if covers == "half":
        half = 1 if anchor.month <= 6 else 2
        window = _half_window(anchor.year, half)
    elif covers == "year":
        window = _year_window(anchor.year)
    elif covers == "phase" and (phase := reviewed_phase(plan, deadline, due)) is not None:
        window = Window(phase.code, phase.starts, phase.ends, phase.name)
    else:
        window = _plan_window(plan)
    return _clipped(window, plan) or window


def previous_window(plan: Plan, deadline: DeadlineSpec, window: Window) -> Window | None:
    """The same span one step back (H2 → H1, a year → the one before, dot-2 → dot-1), clipped to
    the plan; None for the first phase, the whole plan, or a span before the plan began."""
    assert deadline.report is not None
    covers = deadline.report.covers
    before = window.starts - timedelta(days=1)
    if covers == "half":
        found: Window | None = _half_window(before.year, 1 if before.month <= 6 else 2)
    elif covers == "year":
        found = _year_window(window.starts.year - 1)
    elif covers == "phase":
        ordered = sorted(plan.phases, key=lambda p: p.starts)
        index = next((i for i, p in enumerate(ordered) if p.code == window.code), None)
        found = None
        if index is not None and index > 0:
            phase = ordered[index - 1]
            found = Window(phase.code, phase.starts, phase.ends, phase.name)
    else:
        found = None
    return _clipped(found, plan) if found is not None else None


def _half_window(year: int, half: int) -> Window:
    starts, ends = _half(year, half)
    return Window(
        f"{year}-H{half}", starts, ends, said("drafts_label_half", half=half, year=str(year))
    )


def _year_window(year: int) -> Window:
    return Window(
        str(year), date(year, 1, 1), date(year, 12, 31), said("drafts_label_year", year=str(year))
    )


def _plan_window(plan: Plan) -> Window:
    return Window(
        "plan",
        plan.starts,
        plan.ends,
        said("drafts_label_plan", starts=f"{plan.starts:%d/%m/%Y}", ends=f"{plan.ends:%d/%m/%Y}"),
    )


def _clipped(window: Window, plan: Plan) -> Window | None:
    starts, ends = max(window.starts, plan.starts), min(window.ends, plan.ends)
    if ends < starts:
        return None
    return Window(window.code, starts, ends, window.label)


def resolve(
    plan: Plan, code: str, unit_kind: str, deadline_code: str | None = None
) -> ReportPeriod:
    """The report deadline of `plan` addressed to `unit_kind` that `code` picks (among those
    named `deadline_code`, when given), with its window and the one before. PeriodError when
    the code is not one, or picks none or several: it lists the report deadlines, their due
    dates and the codes that pick each."""
    asked = normalised(code)
    candidates = report_deadlines(plan, unit_kind)
    if deadline_code is not None:
        candidates = [(d, due) for d, due in candidates if d.code == deadline_code.strip()]
        if not candidates:
            raise PeriodError(
                said(
                    "drafts_deadline_unknown",
                    deadline=deadline_code[:64],
                    listing=listing(plan, unit_kind, None),
                )
            )
    if code_window(plan, asked) is None:
        phases = ", ".join(p.code for p in plan.phases) or "—"
        raise PeriodError(
            said(
                "drafts_period_bad",
                code=code[:32],
                phases=phases,
                listing=listing(plan, unit_kind, None),
            )
        )
    picked = [(d, due) for d, due in candidates if _picks(plan, asked, d, due)]
    if not picked:
        picked = _mostly_inside(plan, asked, candidates)
    if not picked:
        raise PeriodError(
            said(
                "drafts_period_none",
                code=asked,
                listing=listing(plan, unit_kind, _year_of(asked)),
            )
        )
    if len(picked) > 1:
        raise PeriodError(
            said(
                "drafts_period_several",
                code=asked,
                count=len(picked),
                listing=_lines(plan, picked),
            )
        )
    deadline, due = picked[0]
    window = data_window(plan, deadline, due)
    return ReportPeriod(asked, deadline, due, window, previous_window(plan, deadline, window))


def _mostly_inside(
    plan: Plan, code: str, candidates: Sequence[tuple[DeadlineSpec, date]]
) -> list[tuple[DeadlineSpec, date]]:
    """When no report falls due in a calendar period, those whose figures lie mostly in it: a
    phase review due 03/02/2027 over 19/08/2026–02/02/2027 is "the report of 2026-H2"."""
    days = code_window(plan, code) if _CALENDAR.match(code) else None
    if days is None:
        return []
    found = []
    for deadline, due in candidates:
        window = data_window(plan, deadline, due)
        inside = (min(window.ends, days[1]) - max(window.starts, days[0])).days + 1
        if inside * 2 > (window.ends - window.starts).days + 1:
            found.append((deadline, due))
    return found


def _year_of(code: str) -> int | None:
    found = _CALENDAR.match(code)
    return int(found.group(1)) if found else None


def listing(plan: Plan, unit_kind: str, year: int | None) -> Localized:
    """The plan's report deadlines for the unit's kind (all of them, when none is addressed to
    it), one line each due date: near `year` when given, at most a dozen."""
    found = report_deadlines(plan, unit_kind) or report_deadlines(plan)
    if year is not None:
        near = [(d, due) for d, due in found if abs(due.year - year) <= _AROUND_YEARS]
        found = near or found
    return _lines(plan, found[:_LISTED]) if found else by_language(lambda lang: "—")


def _lines(plan: Plan, found: Sequence[tuple[DeadlineSpec, date]]) -> Localized:
    """One line per due date: the deadline's code and title, the day, the codes picking it."""
    rows = [(d, due, " | ".join(codes_for(plan, d, due))) for d, due in found]
    return by_language(
        lambda lang: "\n".join(
            f"• {d.code} ({d.title.get(lang)}): {due:%d/%m/%Y} — --period {codes}"
            for d, due, codes in rows
        )
    )


__all__ = [
    "PeriodError",
    "ReportPeriod",
    "Window",
    "code_for",
    "code_window",
    "codes_for",
    "data_window",
    "is_report_for",
    "listing",
    "normalised",
    "previous_window",
    "report_deadlines",
    "resolve",
    "reviewed_phase",
]
