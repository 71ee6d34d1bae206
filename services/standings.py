"""Standings and targets: the ranking a member sees on a day, the target report a commander
sees, and the chart and workbook that come with a commander's standings (the chat's
/bangxephang, the weekly board's officers, the console's standings screen)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from campaign.catalogs import said, text
from campaign.localized import Language
from campaign.plans import TargetSpec
from campaign.targets import Progress
from handlers.messages import Outgoing
from services.ports import (
    FileStore,
    MemberView,
    Ranking,
    Renderer,
    StandingStore,
    TargetReport,
    TargetView,
)
from services.refusals import Refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class StandingsFiles:
    """The chart images and the workbook of one ranking, kept for one chat (file tokens)."""

    charts: tuple[str, ...]
    workbook: str

    def messages(self, lang: Language) -> list[Outgoing]:
        """Each chart with its caption, then the workbook, as a reader of `lang` gets them."""
        shown = []
        for number, chart in enumerate(self.charts, 1):
            caption = text("standings_chart", lang)
            if len(self.charts) > 1:
                caption = text("standings_chart_part", lang, part=number, count=len(self.charts))
            shown.append(Outgoing(text=caption, image_url=f"/files/{chart}"))
        shown.append(
            Outgoing(text=text("standings_workbook", lang), file_url=f"/files/{self.workbook}")
        )
        return shown


def ranking(store: StandingStore, member: MemberView, day: date) -> Ranking:
    """The standings of the plan running over the member's unit on `day`, in their commune."""
    board = store.ranking(member, day)
    if board is None:
        raise Refused(said("standings_none"))
    return board


def targets(store: StandingStore, commander: MemberView, day: date) -> TargetReport:
    """Each unit's progress against the running plan's targets: a leader's team; an officer's
    commune and each of its teams."""
    if not commander.role.is_commander:
        raise Refused(said("commanders_only"))
    report = store.target_report(commander, day)
    if report is None or not report.targets:
        raise Refused(said("targets_none"))
    return report


def target_lines(view: TargetView, lang: Language, *, limit: int | None = None) -> list[str]:
    """One target in a few short lines (a phone's width): its words, how it is measured, level,
    period and threshold, the viewer's value and verdict, then the units under it (the first
    `limit`, the rest summed up)."""
    target = view.target
    start, end = view.period
    where = text(
        "targets_where",
        lang,
        level=text("measure_level", lang, level=target.level),
        period=text("measure_period", lang, period=target.period),
        start=f"{start:%d/%m/%Y}",
        end=f"{end:%d/%m/%Y}",
    )
    if target.kind != "met":
        where += " · " + text(
            "targets_threshold", lang, compare=target.comparison, threshold=_threshold(target)
        )
    lines = [
        f"🎯 {target.description.get(lang)}",
        "   " + text("targets_how", lang, how=view.how.get(lang)),
        "   " + where,
    ]
    if view.mine is None:  # no unit of its level here (or none yet at the period's end)
        lines.append("   " + text("targets_no_units", lang))
    else:
        name, progress = view.mine
        verdict = _verdict(progress, lang)
        if view.rolled_up:
            rule = text(
                "targets_rule", lang, rule=target.rollup, share=f"{target.rollup_share:.0%}"
            )
            lines.append(
                "   "
                + text(
                    "targets_rollup",
                    lang,
                    name=name,
                    rule=rule,
                    value="—" if progress.empty else progress.shown,
                    verdict=verdict,
                )
            )
        else:
            value = " ".join(part for part in (_value(progress), verdict) if part)
            lines.append("   " + text("targets_own", lang, name=name, value=value))
    shown = view.units if limit is None else view.units[:limit]
    for name, progress in shown:
        value = _value(progress)
        if value:
            mark = {True: "✅", False: "❌", None: "⏳"}[progress.met]
            lines.append("   " + text("targets_unit_line", lang, mark=mark, name=name, value=value))
        else:  # met / not met, or nothing yet: the verdict says it, with its own mark
            verdict = _verdict(progress, lang)
            lines.append("   " + text("targets_own", lang, name=name, value=verdict))
    rest = view.units[len(shown) :]
    if rest:
        met = sum(1 for _, progress in rest if progress.met)
        lines.append("   " + text("targets_more", lang, count=len(rest), met=met))
    return lines


def _threshold(target: TargetSpec) -> str:
    if target.kind == "ratio":
        return f"{target.threshold:.0%}"
    return f"{target.threshold:g}"


def _value(progress: Progress) -> str:
    """The value as shown ("" for a met / not met, which its verdict says)."""
    if progress.missing or progress.empty:
        return ""
    if progress.target.kind == "met" and progress.units_met is None:
        return ""
    return progress.shown


def _verdict(progress: Progress, lang: Language) -> str:
    if progress.empty:
        return text("targets_nothing_to_count", lang)
    if progress.met is True:
        return text("targets_met", lang)
    if progress.met is False:
        return text("targets_not_met", lang)
    if progress.target.measure.entered is not None:
        return text("targets_not_entered", lang)
    return text("targets_open", lang)


def keep_files(
    files: FileStore,
    renderer: Renderer,
    board: Ranking,
    lang: Language,
    *,
    chat: tuple[str, str],
    now: datetime,
    stem: str = "bang-xep-hang",
) -> StandingsFiles:
    """Draw the ranking's charts and workbook in `lang` (stamped `now`) and keep them for
    `chat` (channel, chat id), named `<stem>-<yyyymmdd>[-n].png|.xlsx`."""
    stamp = now.strftime("%Y%m%d")
    board = replace(board, made_at=now)
    charts = tuple(
        files.save_file(*chat, f"{stem}-{stamp}-{number}.png", "image/png", image, now)
        for number, image in enumerate(renderer.charts(board, lang), 1)
    )
    book = files.save_file(*chat, f"{stem}-{stamp}.xlsx", XLSX, renderer.xlsx(board, lang), now)
    return StandingsFiles(charts, book)


def commander_files(
    files: FileStore,
    renderer: Renderer,
    commander: MemberView,
    board: Ranking,
    lang: Language,
    *,
    chat: tuple[str, str],
    now: datetime,
) -> StandingsFiles:
    """The chart and workbook of a ranking in `lang`, for a commander only (members see the
    text)."""
    if not commander.role.is_commander:
        raise Refused(said("commanders_only"))
    return keep_files(files, renderer, board, lang, chat=chat, now=now)


__all__ = [
    "XLSX",
    "StandingsFiles",
    "commander_files",
    "keep_files",
    "ranking",
    "target_lines",
    "targets",
]
