"""/quanly/bando: the map of located entries and tips in the commander's scope, with the
entries table's filters as a GET form (the URL is the filter). The server renders the list of
points beside the map, so the page says everything without JavaScript; static/map.js places
the same points on a Leaflet map, over the configured tiles or a plain background."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.console.access import Viewer, desk_of, show
from bot.console.screens import Screen, commanders
from bot.console.typed import day
from campaign.areas import DEFAULT_AREAS, area_by_code
from campaign.review import TIP_PROGRESS
from services import map_points
from services.ports import EntryFilter, MapPoint

STATUSES = ("pending", "verified", "rejected")
TEXT_MAX = 200
REFERENCE_MAX = 24

router = APIRouter()


@dataclass(frozen=True)
class Asked:
    """The filter form as it was sent (kept as typed, to fill the form again)."""

    area: str = ""
    status: str = ""
    progress: str = ""
    unit: str = ""
    since: str = ""
    until: str = ""
    text: str = ""
    reference: str = ""


def _unit(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


def _filter(asked: Asked) -> tuple[EntryFilter, list[str]]:
    """The filter the service takes, and the catalog keys of what could not be read."""
    problems = []
    since, until = day(asked.since), day(asked.until)
    if (asked.since and since is None) or (asked.until and until is None):
        problems.append("console_map_bad_date")
    return (
        EntryFilter(
            area=asked.area if area_by_code(asked.area) else None,
            status=asked.status if asked.status in STATUSES else None,
            progress=asked.progress if asked.progress in TIP_PROGRESS else None,
            unit_id=_unit(asked.unit),
            since=since,
            until=until,
            text=asked.text[:TEXT_MAX] or None,
            reference=asked.reference[:REFERENCE_MAX] or None,
            located=True,
        ),
        problems,
    )


def _for_script(point: MapPoint, area_name: str) -> dict[str, Any]:
    return {
        "ref": point.reference,
        "lat": point.latitude,
        "lon": point.longitude,
        "area": area_name,
    }


@router.get("/bando")
async def map_page(
    request: Request,
    session: Viewer,
    linhvuc: str = "",
    trangthai: str = "",
    tiendo: str = "",
    donvi: str = "",
    tungay: str = "",
    denngay: str = "",
    tim: str = "",
    ma: str = "",
) -> Response:
    desk = desk_of(request)
    member = session.member
    asked = Asked(
        area=linhvuc.strip(),
        status=trangthai.strip(),
        progress=tiendo.strip(),
        unit=donvi.strip(),
        since=tungay.strip(),
        until=denngay.strip(),
        text=tim.strip(),
        reference=ma.strip(),
    )
    wanted, problems = _filter(asked)
    # The date fields take yyyy-mm-dd whatever was typed into the address.
    asked = replace(
        asked,
        since=wanted.since.isoformat() if wanted.since else asked.since,
        until=wanted.until.isoformat() if wanted.until else asked.until,
    )
    shown, units = await desk.run(
        lambda repo: (
            map_points.entry_points(repo, member, wanted, map_points.MAP_LIMIT),
            map_points.units_in_scope(repo, member),
        )
    )
    names = {area.code: area.name.get(member.language) for area in DEFAULT_AREAS}
    points = [(point, names.get(point.area, point.area)) for point in shown.points]
    return show(
        request,
        session,
        "map.html",
        asked=asked,
        problems=problems,
        areas=DEFAULT_AREAS,
        statuses=STATUSES,
        progresses=TIP_PROGRESS,
        units=units,
        points=points,
        more=shown.more,
        limit=shown.limit,
        script_points=[_for_script(point, area) for point, area in points],
        tiles=desk.settings.map_tiles,
        attribution=desk.settings.map_attribution,
    )


SCREEN = Screen(path="bando", label="console_map_nav", shown_to=commanders, router=router)
