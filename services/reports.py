"""The reports the bot drafts for a plan's report deadlines (issue 15): gather a unit's figures
for the period from verified data (the same reads as /chitieu and the standings), have a door's
renderer write them (`bot.report_files`), and keep the two files as documents sealed to the
unit's line of command. A province's report adds each commune's line and the communes that
have not submitted. Who may build: the unit's officers and admins and those above them, and the
command line / the job (`COMMAND_LINE`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from campaign.localized import Language, Localized
from campaign.report_content import Rendered, ReportData
from services.ports import CommandLine, MemberView, ReportRow, ReportStore

Builder = MemberView | CommandLine  # COMMAND_LINE: the CLI and the scheduled job
Render = Callable[[ReportData], Rendered]


@dataclass(frozen=True)
class ReportChoice:
    """A report deadline of a unit someone may draft now."""

    plan_code: str
    plan_name: Localized
    deadline_code: str
    title: Localized
    due: date
    unit_id: int
    unit_name: str
    period_code: str  # what `antt-bot report build --period` takes for it

    @property
    def key(self) -> str:
        return f"{self.deadline_code}@{self.due:%Y%m%d}@{self.unit_id}"[:60]


@dataclass(frozen=True)
class BuiltReport:
    row: ReportRow
    data: ReportData
    rendered: Rendered


@dataclass(frozen=True)
class DraftTask:
    """A draft the scheduled job makes today: `draft_days` before the due day."""

    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    period_code: str


def choices(store: ReportStore, viewer: MemberView, day: date) -> list[ReportChoice]:
    """The report deadlines of the viewer's unit (and, for a province, its own) due within 60
    days or at most 7 days late, soonest first; refused for leaders and members."""
    raise NotImplementedError


def build(
    store: ReportStore,
    render: Render,
    builder: Builder,
    *,
    plan_code: str,
    unit_id: int,
    now: datetime,
    period: str | None = None,
    deadline_code: str | None = None,
    as_of: date | None = None,
    language: Language = "vi",
) -> BuiltReport:
    """Draft the unit's report for the plan's report deadline the period picks
    (`campaign.periods.resolve`; `deadline_code` when the period names several), keep both
    files and the row, audit it; refused with a clear reason (unknown plan or period, a unit
    the builder may not report for)."""
    raise NotImplementedError


def drafts_due(store: ReportStore, day: date, default_days: int) -> list[DraftTask]:
    """Each unit a report deadline is addressed to whose draft falls on `day` (due −
    `report.draft_days`, else `default_days`) and that has not submitted it."""
    raise NotImplementedError


__all__ = [
    "Builder",
    "BuiltReport",
    "DraftTask",
    "Render",
    "ReportChoice",
    "build",
    "choices",
    "drafts_due",
]
