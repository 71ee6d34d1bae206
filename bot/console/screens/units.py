"""Units (admins): the tree of the admin's subtree with kinds and dates; add, rename, move,
close and merge into a successor. Every act is services/units.py's `*_as`, which refuses a
unit outside the admin's subtree (and their own unit for moving, closing, merging)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot.console.access import Acting, Viewer, desk_of, show
from bot.console.screens import Screen, admins
from bot.console.typed import day
from campaign.catalogs import said
from services import members_admin, unit_kinds, units
from services.console_access import Session
from services.refusals import Refused
from services.units import OutOfReach
from storage.unit_of_work import UnitOfWork

router = APIRouter()
HERE = "/quanly/donvi"


@router.get("/donvi")
async def tree(request: Request, session: Viewer, dong: str = "", done: str = "") -> Response:
    return await _page(request, session, closed=bool(dong), done=done)


async def _page(
    request: Request,
    session: Session,
    *,
    closed: bool = False,
    done: str = "",
    problem: Any = None,
    status_code: int = 200,
    typed: dict[str, str] | None = None,
) -> Response:
    desk = desk_of(request)
    me = session.member

    def read(work: UnitOfWork) -> tuple[list[units.TreeLine], list[Any], dict[str, str]]:
        lines = units.tree_for(work.units, me, closed=closed)
        kinds = {k.code: k.name(me.language) for k in unit_kinds.list_kinds(work.units)}
        return lines, members_admin.unit_choices(work.units, me), kinds

    lines, choices, kinds = await desk.run_admin(read)
    return show(
        request,
        session,
        "people_units.html",
        status_code=status_code,
        lines=lines,
        choices=choices,
        kinds=kinds,
        closed=closed,
        done=done,
        problem=problem,
        typed=typed or {},
        today=f"{desk.now():%d/%m/%Y}",
    )


async def _act(
    request: Request,
    session: Session,
    act: Callable[[UnitOfWork, units.Admin], Any],
    done: str,
    typed: dict[str, str],
) -> Response:
    """Run an act as the admin; a refusal of what was typed re-shows the page with it (400),
    one of the admin's reach is the app's 403."""
    desk = desk_of(request)
    me = session.member
    try:
        await desk.run_admin(lambda work: act(work, units.admin(work.units, me)))
    except OutOfReach:
        raise
    except Refused as refused:
        return await _page(request, session, problem=refused.reason, status_code=400, typed=typed)
    return RedirectResponse(f"{HERE}?done={done}", status_code=303)


def _day(value: str) -> date:
    """A day from a date field (yyyy-mm-dd) or typed as dd/mm/yyyy."""
    found = day(value)
    if found is None:  # 31/02/2026, a year of 15 digits, words
        raise Refused(said("console_people_bad_day", value=value.strip()[:20]))
    return found


@router.post("/donvi/them")
async def add(
    request: Request,
    session: Acting,
    code: str = Form("", max_length=40),
    name: str = Form("", max_length=250),
    kind: str = Form("", max_length=40),
    parent: str = Form("", max_length=40),
) -> Response:
    now = desk_of(request).now()
    typed = {"code": code, "name": name, "kind": kind, "parent": parent}
    return await _act(
        request,
        session,
        lambda work, by: units.add_unit_as(
            work.units, by, code=code, name=name, kind=kind, parent_code=parent, now=now
        ),
        "added",
        typed,
    )


@router.post("/donvi/doiten")
async def rename(
    request: Request,
    session: Acting,
    unit: str = Form("", max_length=40),
    name: str = Form("", max_length=250),
) -> Response:
    now = desk_of(request).now()
    return await _act(
        request,
        session,
        lambda work, by: units.rename_unit_as(work.units, by, unit, name, now),
        "renamed",
        {"rename_unit": unit, "rename_name": name},
    )


@router.post("/donvi/chuyen")
async def move(
    request: Request,
    session: Acting,
    unit: str = Form("", max_length=40),
    parent: str = Form("", max_length=40),
) -> Response:
    now = desk_of(request).now()
    return await _act(
        request,
        session,
        lambda work, by: units.move_unit_as(work.units, by, unit, parent, now),
        "moved",
        {"move_unit": unit, "move_parent": parent},
    )


@router.post("/donvi/dong")
async def close(
    request: Request,
    session: Acting,
    unit: str = Form("", max_length=40),
    day: str = Form("", max_length=20),
) -> Response:
    now = desk_of(request).now()
    typed = {"close_unit": unit, "close_day": day}
    try:
        on = _day(day)
    except Refused as refused:
        return await _page(request, session, problem=refused.reason, status_code=400, typed=typed)
    return await _act(
        request,
        session,
        lambda work, by: units.close_unit_as(work.units, by, unit, on, now),
        "closed",
        typed,
    )


@router.post("/donvi/sapnhap")
async def merge(
    request: Request,
    session: Acting,
    unit: str = Form("", max_length=40),
    into: str = Form("", max_length=40),
    day: str = Form("", max_length=20),
) -> Response:
    now = desk_of(request).now()
    typed = {"merge_unit": unit, "merge_into": into, "merge_day": day}
    try:
        on = _day(day)
    except Refused as refused:
        return await _page(request, session, problem=refused.reason, status_code=400, typed=typed)
    return await _act(
        request,
        session,
        lambda work, by: units.merge_unit_as(work.units, by, unit, into, on, now),
        "merged",
        typed,
    )


SCREEN = Screen(path="donvi", label="console_people_nav_units", shown_to=admins, router=router)
