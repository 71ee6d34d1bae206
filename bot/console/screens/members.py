"""Members (admins): everyone of the admin's subtree, searched by name (marks aside) and
filtered; one member's page changes their role or team or deactivates them. The rules are
services/members_admin.py's; a messenger's command menu follows a changed role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from bot.console.access import Acting, Desk, Viewer, desk_of, show
from bot.console.exports import EXPORT_LIMIT, FORMATS, export
from bot.console.screens import Screen, admins
from bot.console.screens.people_paging import PAGE, Paged, page_number, page_of
from campaign.catalogs import said, text
from campaign.roles import Role
from services import members_admin
from services.console_access import Session
from services.members_admin import Changed, MemberQuery
from services.ports import MemberRow
from services.refusals import Refused
from services.units import OutOfReach
from storage.repository import Repository

# A member's number in the URL: beyond the column, refused as a bad request, not a failure.
MemberId = Annotated[int, Path(ge=1, lt=2**31)]

router = APIRouter()
HERE = "/quanly/thanhvien"


def _refuse_past_limit(count: int) -> None:
    if count > EXPORT_LIMIT:
        raise Refused(said("console_review2_export_too_many", count=count, limit=EXPORT_LIMIT))


def _role(value: str) -> Role | None:
    try:
        return Role(value) if value else None
    except ValueError:
        return None


@router.get("/thanhvien")
async def listed(
    request: Request,
    session: Viewer,
    q: str = "",
    donvi: str = "",
    vaitro: str = "",
    trangthai: str = "",
    order: str = "name",
    page: str = "1",
    xuat: str = "",
) -> Response:
    desk = desk_of(request)
    me = session.member
    query = MemberQuery(
        text=q[:100],
        unit_code=donvi[:40],
        role=_role(vaitro),
        state=trangthai if trangthai in members_admin.STATES else "",
        order=order if order in members_admin.ORDERS else "name",
    )

    def read(repo: Repository) -> tuple[list[MemberRow], list[Any]]:
        units = repo.work.units
        found = members_admin.members(repo, units, me, query)
        return found, members_admin.unit_choices(units, me)

    if xuat in FORMATS:
        return await _export(request, session, desk, query, xuat)
    found, choices = await desk.run(read)
    shown: Paged[MemberRow] = page_of(found, page_number(page))
    return show(
        request,
        session,
        "people_members.html",
        rows=shown,
        choices=choices,
        roles=list(Role),
        states=members_admin.STATES,
        orders=members_admin.ORDERS,
        query=query,
        filters={"q": q, "donvi": donvi, "vaitro": vaitro, "trangthai": trangthai, "order": order},
        done=request.query_params.get("done", ""),
    )


async def _export(
    request: Request, session: Session, desk: Desk, query: MemberQuery, fmt: str
) -> Response:
    me = session.member
    lang = me.language
    now = desk.now()
    filters = {
        "q": query.text,
        "donvi": query.unit_code,
        "vaitro": query.role.value if query.role else "",
        "trangthai": query.state,
    }

    def read(repo: Repository) -> list[MemberRow]:
        found = members_admin.members(repo, repo.work.units, me, query)
        _refuse_past_limit(len(found))  # never a silently cut file
        members_admin.record_export(repo, me, "members", filters, len(found), now)
        return found

    found = await desk.run_long(read)
    yes, no = text("console_people_yes", lang), text("console_people_no", lang)
    return export(
        fmt,
        title=text("console_people_members_title", lang),
        lines=[
            (text("console_people_exported_by", lang), me.full_name),
            (
                text("console_people_exported_at", lang),
                now.astimezone(desk.zone).strftime("%d/%m/%Y %H:%M"),
            ),
            (text("console_people_filters", lang), _filters_said(filters, lang)),
        ],
        headers=[
            text("console_people_col_number", lang),
            text("console_people_col_name", lang),
            text("console_people_col_unit_code", lang),
            text("console_people_col_unit", lang),
            text("console_people_col_role", lang),
            text("console_people_col_registered", lang),
            text("console_people_col_active", lang),
            text("console_people_col_channels", lang),
        ],
        rows=(
            [
                r.id,
                r.full_name,
                r.unit_code,
                r.unit_name,
                text("role", lang, role=r.role.value),
                yes if r.registered else no,
                yes if r.active else no,
                ", ".join(r.channels),
            ]
            for r in found
        ),
        filename="thanh-vien",
        zone=desk.zone,
    )


def _filters_said(filters: dict[str, str], lang: str) -> str:
    said = [f"{key}={value}" for key, value in filters.items() if value]
    return ", ".join(said) if said else text("console_people_no_filters", lang)


@router.get("/thanhvien/{member_id}")
async def one(request: Request, session: Viewer, member_id: MemberId, done: str = "") -> Response:
    return await _member_page(request, session, member_id, done=done)


async def _member_page(
    request: Request,
    session: Session,
    member_id: int,
    *,
    done: str = "",
    problem: Any = None,
    status_code: int = 200,
) -> Response:
    desk = desk_of(request)
    me = session.member

    def read(repo: Repository) -> tuple[MemberRow, list[Any]]:
        units = repo.work.units
        row = members_admin.member(repo, units, me, member_id)
        return row, members_admin.unit_choices(units, me)

    row, choices = await desk.run(read)
    return show(
        request,
        session,
        "people_member.html",
        status_code=status_code,
        row=row,
        choices=choices,
        roles=list(Role),
        done=done,
        problem=problem,
        itself=row.id == me.id,
    )


async def _change(
    request: Request, session: Session, member_id: int, act: Any, done: str
) -> Response:
    desk = desk_of(request)
    try:
        result = await desk.run(act)
    except OutOfReach:
        raise
    except Refused as refused:
        return await _member_page(
            request, session, member_id, problem=refused.reason, status_code=400
        )
    if isinstance(result, Changed):
        _menus_follow(desk, result)
    return RedirectResponse(f"{HERE}/{member_id}?done={done}", status_code=303)


def _menus_follow(desk: Desk, changed: Changed) -> None:
    """A messenger's per-chat command menu follows the new role, as after a chat turn that
    changed it (`Conversation.menu_listeners`)."""
    listeners = desk.conversation.menu_listeners
    for chat in changed.chats:
        listener = listeners.get(chat.channel)
        if listener is not None:
            listener(chat.chat_id, changed.member.role, chat.language)


@router.post("/thanhvien/{member_id}/vaitro")
async def change_role(
    request: Request, session: Acting, member_id: MemberId, role: str = Form("", max_length=16)
) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    wanted = _role(role)
    if wanted is None:
        return await _member_page(request, session, member_id, status_code=400)
    return await _change(
        request,
        session,
        member_id,
        lambda repo: members_admin.change_role(repo, repo.work.units, me, member_id, wanted, now),
        "role",
    )


@router.post("/thanhvien/{member_id}/chuyen")
async def move(
    request: Request, session: Acting, member_id: MemberId, unit: str = Form("", max_length=40)
) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    return await _change(
        request,
        session,
        member_id,
        lambda repo: members_admin.move_member(repo, repo.work.units, me, member_id, unit, now),
        "moved",
    )


@router.post("/thanhvien/{member_id}/ngung")
async def deactivate(request: Request, session: Acting, member_id: MemberId) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    return await _change(
        request,
        session,
        member_id,
        lambda repo: members_admin.deactivate(repo, repo.work.units, me, member_id, now),
        "deactivated",
    )


SCREEN = Screen(
    path="thanhvien", label="console_people_nav_members", shown_to=admins, router=router
)
__all__ = ["PAGE", "SCREEN", "router"]
