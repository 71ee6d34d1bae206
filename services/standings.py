"""Standings and targets: the ranking a member sees on a day, the week's movement the weekly
board and the console's standings share, the target report a commander sees (as lines for the
chat, as a table for the console), and the chart and workbook that come with a commander's
standings (the chat's /bangxephang, the weekly board's officers, the console's standings)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from campaign.catalogs import said, text
from campaign.localized import Language
from campaign.plans import PhaseSpec, Plan, TargetSpec
from campaign.scoring import WHOLE_PLAN, Standing, movements
from campaign.targets import Progress
from handlers.messages import Outgoing
from services.ports import (
    Audited,
    BoardUnit,
    FileJobStore,
    FileRequest,
    FileStore,
    MemberLookup,
    MemberView,
    NoticeStore,
    Placing,
    Ranking,
    RankStore,
    Renderer,
    StandingsBoardStore,
    StandingStore,
    TargetReport,
    TargetView,
)
from services.refusals import NothingToShow, Refused

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
        raise NothingToShow(said("standings_none"))
    return board


def targets(store: StandingStore, commander: MemberView, day: date) -> TargetReport:
    """Each unit's progress against the running plan's targets: a leader's team; an officer's
    commune and each of its teams."""
    if not commander.role.is_commander:
        raise Refused(said("commanders_only"))
    report = store.target_report(commander, day)
    if report is None or not report.targets:
        raise NothingToShow(said("targets_none"))
    return report


@dataclass(frozen=True)
class WeeklyBoard:
    """A commune's members and teams ranked now, with the places each moved since the last
    weekly board (None: not on it)."""

    people: list[tuple[int, Standing]]
    teams: list[tuple[int, Standing]]
    moves: dict[str, dict[int, int | None]]

    def ranks(self, level: str) -> dict[int, int]:
        rows = self.people if level == "member" else self.teams
        return {standing.subject_id: rank for rank, standing in rows}


def weekly_board(store: RankStore, plan_code: str, phase_code: str, scope: int) -> WeeklyBoard:
    """The ranking with the week's movement: what the Monday job sends (then keeps as the
    next week's "before") and what the console's standings show in between."""
    people = store.ranked(plan_code, phase_code, "member", scope)
    teams = store.ranked(plan_code, phase_code, "team", scope)
    moves = {}
    for level, rows in (("member", people), ("team", teams)):
        ranks = {standing.subject_id: rank for rank, standing in rows}
        moves[level] = movements(ranks, store.last_ranks(plan_code, phase_code, level, list(ranks)))
    return WeeklyBoard(people, teams, moves)


def moved_text(move: int | None, lang: Language) -> str:
    """▲2, ▼1, = or "new": the places moved since the last weekly board."""
    if move is None:
        return text("board_new", lang)
    if move > 0:
        return f"▲{move}"
    if move < 0:
        return f"▼{-move}"
    return "="


@dataclass(frozen=True)
class StandingsBoard:
    """The console's standings: one commune's board (teams and members, with the week's
    movement) in one phase, and for a viewer above communes, the communes side by side."""

    plan: Plan
    phase: PhaseSpec | None  # None: the whole plan
    commune: BoardUnit  # the board's unit (a commune, or the viewer's unit with none above)
    choices: list[BoardUnit]  # the communes the viewer may pick (one: their own)
    ranking: Ranking
    communes: list[Placing]  # each commune under a viewer above them (no movement is kept)

    @property
    def phase_code(self) -> str:
        return self.phase.code if self.phase else WHOLE_PLAN


def board(
    store: StandingsBoardStore,
    viewer: MemberView,
    day: date,
    *,
    phase_code: str | None = None,
    unit_id: int | None = None,
    now: datetime | None = None,
) -> StandingsBoard:
    """The standings a commander sees: the plan running over their unit, in the phase asked
    (the one running on `day` by default; WHOLE_PLAN: the whole plan), for their commune, or,
    above communes (a province's admin or officer), the commune asked among those under them
    (the first by default). The same scope as the chat's /bangxephang, widened downwards."""
    if not viewer.role.is_commander:
        raise Refused(said("commanders_only"))
    plan = store.scored_plan(viewer.unit_id, day)
    if plan is None:
        raise NothingToShow(said("standings_none"))
    if phase_code is None:
        phase = plan.phase_on(day)
    elif phase_code == WHOLE_PLAN:
        phase = None
    else:
        phase = next((p for p in plan.phases if p.code == phase_code), None)
        if phase is None:
            raise Refused(said("console_standings_no_phase", phase=phase_code[:40]))
    code = phase.code if phase else WHOLE_PLAN
    own = store.standing_scope(viewer.unit_id)
    communes: list[Placing] = []
    if own.kind == "commune":
        choices = [own]
    else:
        choices = store.board_units(own.id, "commune") or [own]
        communes = [
            Placing(rank, s.name, s.points, s.entries)
            for rank, s in store.ranked(plan.code, code, "commune", own.id)
        ]
    shown = choices[0] if unit_id is None else next((c for c in choices if c.id == unit_id), None)
    if shown is None:
        raise Refused(said("console_standings_not_yours"))
    weekly = weekly_board(store, plan.code, code, shown.id)
    ranking = store.standings_board(
        plan, phase, (shown.id, shown.name), weekly.people, weekly.teams, now, weekly.moves
    )
    return StandingsBoard(plan, phase, shown, choices, ranking, communes)


def exported(
    notices: NoticeStore,
    viewer: MemberView,
    table: str,
    filters: Mapping[str, Any],
    rows: int,
    now: datetime,
) -> None:
    """Record that a console table left the server as a file: which, under which filters,
    how many rows."""
    notices.audit(
        Audited(
            f"export.{table}",
            "console",
            table,
            now,
            actor_member_id=viewer.id,
            details={"filters": dict(filters), "rows": rows},
        )
    )


@dataclass(frozen=True)
class TargetCell:
    """One unit's value of a target, as the chat's /chitieu words it."""

    name: str
    value: str  # "3", "75% (3/4)", "" (met / not met, nothing yet: the verdict says it)
    verdict: str  # "✅ đạt", "❌ chưa đạt", "⏳ chưa nhập", "⚪ chưa phát sinh (0/0)"
    met: bool | None


@dataclass(frozen=True)
class TargetRow:
    """One target as a table row: the plan's words, how it is measured, level, period,
    threshold, the viewer's value (or roll-up) and each unit's under it."""

    code: str
    description: str
    quote: str | None
    how: str
    level: str
    period: str
    threshold: str  # "" for met / not met
    mine: TargetCell | None  # None: no unit of its level in the viewer's scope
    rule: str  # how the units roll up into `mine` ("" when `mine` is the unit's own)
    units: list[TargetCell]


def target_table(report: TargetReport, lang: Language) -> list[TargetRow]:
    """The report as rows, cell by cell the values and verdicts `target_lines` writes."""
    return [_target_row(view, lang) for view in report.targets]


def _target_row(view: TargetView, lang: Language) -> TargetRow:
    target = view.target
    start, end = view.period
    period = text("measure_period", lang, period=target.period)
    mine = None
    rule = ""
    if view.mine is not None:
        name, progress = view.mine
        if view.rolled_up:
            rule = text(
                "targets_rule", lang, rule=target.rollup, share=f"{target.rollup_share:.0%}"
            )
            value = "—" if progress.empty else progress.shown
        else:
            value = _value(progress)
        mine = TargetCell(name, value, _verdict(progress, lang), progress.met)
    return TargetRow(
        code=target.code,
        description=target.description.get(lang),
        quote=target.quote,
        how=view.how.get(lang),
        level=text("measure_level", lang, level=target.level),
        period=f"{period} {start:%d/%m/%Y}–{end:%d/%m/%Y}",
        threshold=""
        if target.kind == "met"
        else text(
            "targets_threshold", lang, compare=target.comparison, threshold=_threshold(target)
        ),
        mine=mine,
        rule=rule,
        units=[
            TargetCell(name, _value(progress), _verdict(progress, lang), progress.met)
            for name, progress in view.units
        ],
    )


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


FILES = "standings"  # a file request's kind: a commander's /bangxephang charts and workbook


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
    """Draw the ranking's charts and workbook in `lang` (stamped `now`) here, in the caller's
    transaction, and keep them for `chat` (channel, chat id), named
    `<stem>-<yyyymmdd>[-n].png|.xlsx`."""
    board = replace(board, made_at=now)
    charts = renderer.charts(board, lang)
    return keep_drawn(files, charts, renderer.xlsx(board, lang), chat=chat, now=now, stem=stem)


def keep_drawn(
    files: FileStore,
    charts: Sequence[bytes],
    workbook: bytes,
    *,
    chat: tuple[str, str],
    now: datetime,
    made: datetime | None = None,
    stem: str = "bang-xep-hang",
) -> StandingsFiles:
    """Keep charts and a workbook drawn elsewhere (the render pool) for `chat`, named by the
    day they were `made` (`now` by default)."""
    stamp = (made or now).strftime("%Y%m%d")
    kept = tuple(
        files.save_file(*chat, f"{stem}-{stamp}-{number}.png", "image/png", image, now)
        for number, image in enumerate(charts, 1)
    )
    book = files.save_file(*chat, f"{stem}-{stamp}.xlsx", XLSX, workbook, now)
    return StandingsFiles(kept, book)


def ask_files(
    jobs: FileJobStore,
    commander: MemberView,
    lang: Language,
    *,
    chat: tuple[str, str],
    now: datetime,
) -> int:
    """Ask for the chart and workbook of the ranking the commander reads now, in `lang`, for
    `chat`: drawn off the conversation (members see the text only). The request's id."""
    if not commander.role.is_commander:
        raise Refused(said("commanders_only"))
    payload = {"day": now.date().isoformat(), "at": now.isoformat()}
    return jobs.ask_file(FileRequest(FILES, *chat, commander.id, lang, payload), now)


def asked_ranking(store: StandingStore, members: MemberLookup, request: FileRequest) -> Ranking:
    """The ranking a request of `ask_files` draws, read again (stamped when it was asked)."""
    commander = None if request.member_id is None else members.member_by_id(request.member_id)
    if commander is None or not commander.role.is_commander:
        raise Refused(said("commanders_only"))
    board = ranking(store, commander, date.fromisoformat(request.payload["day"]))
    return replace(board, made_at=datetime.fromisoformat(request.payload["at"]))


__all__ = [
    "FILES",
    "XLSX",
    "StandingsBoard",
    "StandingsFiles",
    "TargetCell",
    "TargetRow",
    "WeeklyBoard",
    "ask_files",
    "asked_ranking",
    "board",
    "exported",
    "keep_drawn",
    "keep_files",
    "moved_text",
    "ranking",
    "target_lines",
    "target_table",
    "targets",
    "weekly_board",
]
