"""Standings (/quanly/xephang): one commune's teams and members ranked in a phase, with the
week's movement the Monday board computes, bars beside the points, and the communes side by
side for a viewer above them; each table exports as it is shown."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.console import exports
from bot.console.access import Viewer, desk_of, show
from bot.console.screens import Screen, commanders
from bot.console.typed import whole
from campaign.catalogs import text
from campaign.collation import person_key, vietnamese_key
from campaign.scoring import WHOLE_PLAN
from services import standings
from services.ports import Placing

router = APIRouter()
PAGE = 50
TABLES = ("thanhvien", "to", "xa")  # members, teams, communes (the export's `bang`)
ORDERS = ("hang", "ten", "to")  # members by rank, name or team
WHOLE = "*"  # ?giai_doan= of the whole plan's standings (its phase code is "")


def ordered(rows: list[Placing], order: str) -> list[Placing]:
    if order == "ten":
        return sorted(rows, key=lambda row: (person_key(row.name), row.rank))
    if order == "to":
        return sorted(rows, key=lambda row: (vietnamese_key(row.team), row.rank))
    return rows


def top(rows: list[Placing]) -> int:
    return max((row.points for row in rows), default=0)


def bar(points: int, best: int) -> int:
    """A row's bar, 0–100 of the best's points (the chart beside the numbers)."""
    return round(100 * points / best) if best > 0 and points > 0 else 0


@router.get("/xephang")
async def standings_page(
    request: Request,
    session: Viewer,
    giai_doan: str | None = None,
    donvi: str | None = None,
    order: str = "hang",
    page: str = "1",
    xuat: str | None = None,
    bang: str = "thanhvien",
) -> Response:
    desk = desk_of(request)
    member = session.member
    now = desk.now()
    phase_code = WHOLE_PLAN if giai_doan == WHOLE else (giai_doan or None)
    unit_id = whole(donvi)
    found = await desk.run_long(
        lambda repo: standings.board(
            repo, member, now.date(), phase_code=phase_code, unit_id=unit_id, now=now
        )
    )
    order = order if order in ORDERS else "hang"
    people = ordered(found.ranking.members, order)
    lang = member.language
    if xuat in exports.FORMATS:
        table = bang if bang in TABLES else "thanhvien"
        return await _export(request, session, found, people, table, xuat, order)
    pages = max(1, -(-len(people) // PAGE))
    number = min(max(1, whole(page) or 1), pages)
    shown = people[(number - 1) * PAGE : number * PAGE]
    phases = [(p.code, p.name.get(lang)) for p in found.plan.phases]
    phases.append((WHOLE, text("standings_whole_plan", lang)))
    return show(
        request,
        session,
        "standings.html",
        board=found,
        phases=phases,
        members=shown,
        member_count=len(people),
        teams=found.ranking.teams,
        communes=found.communes,
        best={
            "members": top(found.ranking.members),
            "teams": top(found.ranking.teams),
            "communes": top(found.communes),
        },
        bar=bar,
        moved=lambda move: standings.moved_text(move, lang),
        order=order,
        page=number,
        pages=pages,
        query=_query(found, order),
        phase_shown=found.phase_code or WHOLE,
    )


def _query(found: standings.StandingsBoard, order: str) -> dict[str, Any]:
    """The filters as the URL carries them (the pager's and the exports' links)."""
    query: dict[str, Any] = {"giai_doan": found.phase_code or WHOLE, "order": order}
    if len(found.choices) > 1:
        query["donvi"] = found.commune.id
    return query


async def _export(
    request: Request,
    session: Viewer,
    found: standings.StandingsBoard,
    people: list[Placing],
    table: str,
    fmt: str,
    order: str,
) -> Response:
    desk = desk_of(request)
    member = session.member
    lang = member.language
    now = desk.now()
    moved = text("console_standings_moved", lang)
    if table == "to":
        headers = [
            text("console_standings_rank", lang),
            text("console_standings_team", lang),
            text("console_standings_points", lang),
            text("console_standings_entries", lang),
            moved,
        ]
        rows: list[list[Any]] = [
            [t.rank, t.name, t.points, t.entries, standings.moved_text(t.moved, lang)]
            for t in found.ranking.teams
        ]
    elif table == "xa":
        headers = [
            text("console_standings_rank", lang),
            text("console_standings_commune", lang),
            text("console_standings_points", lang),
            text("console_standings_entries", lang),
        ]
        rows = [[c.rank, c.name, c.points, c.entries] for c in found.communes]
    else:
        headers = [
            text("console_standings_rank", lang),
            text("console_standings_member", lang),
            text("console_standings_team", lang),
            text("console_standings_points", lang),
            text("console_standings_entries", lang),
            moved,
        ]
        rows = [
            [p.rank, p.name, p.team, p.points, p.entries, standings.moved_text(p.moved, lang)]
            for p in people
        ]
    phase = found.phase.name.get(lang) if found.phase else text("standings_whole_plan", lang)
    filters = {"phase": found.phase_code, "unit_id": found.commune.id, "order": order}
    await desk.run(
        lambda repo: standings.exported(repo, member, f"standings.{table}", filters, len(rows), now)
    )
    return exports.export(
        fmt,
        title=text("console_standings_title", lang),
        lines=[
            (text("console_standings_plan", lang), found.plan.name.get(lang)),
            (text("console_standings_phase", lang), phase),
            (text("console_standings_unit", lang), found.commune.name),
            (text("console_standings_exported_by", lang), member.full_name),
            (text("console_standings_exported_at", lang), now.strftime("%d/%m/%Y %H:%M")),
        ],
        headers=headers,
        rows=rows,
        filename=f"xep-hang-{table}-{now:%Y%m%d}",
        zone=desk.zone,
    )


SCREEN = Screen(path="xephang", label="console_standings_nav", shown_to=commanders, router=router)
