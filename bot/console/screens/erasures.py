"""Erasure requests (/quanly/xoadulieu), admins: the personal-data erasures members of their
subtree asked for with /dulieucuatoi; an admin confirms one (the member is erased as
services/personal_data.py says) or refuses it with a reason the member is told. The service
refuses anyone but an admin of the member's line."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot.console.access import Acting, Viewer, desk_of, show
from bot.console.screens import Screen, admins
from campaign.catalogs import said
from services import personal_data
from services.console_access import Session

router = APIRouter()
HERE = "/quanly/xoadulieu"
SCREEN = Screen(path="xoadulieu", label="console_erasure_nav", shown_to=admins, router=router)


@router.get("/xoadulieu")
async def requests_page(request: Request, session: Viewer, done: str = "") -> Response:
    desk = desk_of(request)
    me = session.member
    found = await desk.run(lambda repo: personal_data.requests(repo, me))
    return show(request, session, "erasures.html", requests=found, done=done[:20])


async def _request_page(
    request: Request,
    session: Session,
    number: int,
    *,
    problem: Any = None,
    status_code: int = 200,
) -> Response:
    desk = desk_of(request)
    me = session.member
    seen = await desk.run(lambda repo: personal_data.preview(repo, me, number))
    return show(
        request,
        session,
        "erasure.html",
        seen=seen,
        problem=problem,
        status_code=status_code,
    )


@router.get("/xoadulieu/{number}")
async def request_page(request: Request, session: Viewer, number: int) -> Response:
    return await _request_page(request, session, number)


@router.post("/xoadulieu/{number}/xacnhan")
async def confirm(request: Request, session: Acting, number: int) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    erased = await desk.run_long(lambda repo: personal_data.confirm(repo, me, number, now))
    # The photos' files go once the rows are gone for good (a file may be shared by SHA-256).
    await desk.run(lambda repo: personal_data.unlink_files(repo, erased))
    await desk.conversation.database.forget_log()  # the erased rows' old pages out of the WAL
    return RedirectResponse(f"{HERE}?done=erased", status_code=303)


@router.post("/xoadulieu/{number}/tuchoi")
async def refuse(
    request: Request, session: Acting, number: int, reason: str = Form("", max_length=2000)
) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    if len(reason.strip()) < personal_data.REASON_MINIMUM:  # said on the page, kept to retype
        problem = said("reason_too_short", minimum=personal_data.REASON_MINIMUM)
        return await _request_page(request, session, number, problem=problem, status_code=400)
    await desk.run(lambda repo: personal_data.refuse(repo, me, number, reason, now))
    return RedirectResponse(f"{HERE}?done=refused", status_code=303)
