"""Standings and targets: the ranking a member sees on a day, the target report a commander
sees, and the chart and workbook that come with a commander's standings (the chat's
/bangxephang, the weekly board's officers, the console's standings screen)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from campaign.catalogs import said, text
from campaign.localized import Language
from handlers.messages import Outgoing
from services.ports import FileStore, MemberView, Ranking, Renderer, StandingStore, TargetReport
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
    if report is None or not report.units:
        raise Refused(said("targets_none"))
    return report


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


__all__ = ["XLSX", "StandingsFiles", "commander_files", "keep_files", "ranking", "targets"]
