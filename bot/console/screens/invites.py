"""Invites (admins): issue codes for a unit of the admin's subtree (one or many), list the
open ones, and print them as a sheet of QR cards. A card's QR opens the web chat with the
code filled in ({public address}/?ma=CODE; bot/web/static/chat.js reads it)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Protocol, runtime_checkable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from bot.console.access import Acting, Desk, Viewer, desk_of, show
from bot.console.exports import EXPORT_LIMIT, FORMATS, export
from bot.console.screens import Screen, admins
from bot.console.screens.people_paging import page_number, page_of
from campaign.catalogs import said, text
from campaign.roles import Role
from services import invites, members_admin, units
from services.console_access import Session
from services.invites import INVITE_DAYS, MAX_INVITE_DAYS, MAX_INVITES
from services.ports import InviteRow
from services.refusals import Refused
from services.units import OutOfReach
from storage.repository import Repository

router = APIRouter()
HERE = "/quanly/moi"
QR_SCALE = 4
SHEET_LIMIT = MAX_INVITES  # cards on one printed sheet: as many as one issue makes


def _refuse_past_limit(count: int) -> None:
    if count > EXPORT_LIMIT:
        raise Refused(said("console_review2_export_too_many", count=count, limit=EXPORT_LIMIT))


def _role(value: str) -> Role | None:
    try:
        return Role(value) if value else None
    except ValueError:
        return None


def _batch(value: str) -> datetime | None:
    """The moment a batch was issued, as the page after issuing it names it."""
    try:
        found = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return found if found is not None and found.tzinfo is not None else None


@runtime_checkable
class StartsByLink(Protocol):
    """A messenger whose deep link starts the bot with a code (bot/channels/telegram.py)."""

    async def start_link(self) -> str | None: ...


def chat_link(desk: Desk, code: str) -> str:
    """What a card's QR opens: the web chat with the code filled in."""
    return f"{desk.settings.public_base}/?{urlencode({'ma': code})}"


def messenger(request: Request) -> StartsByLink | None:
    """Telegram's channel when this deployment runs it (its deep link is offered then)."""
    channel = getattr(request.app.state, "channels", {}).get("telegram")
    return channel if isinstance(channel, StartsByLink) else None


def qr_svg(target: str) -> Markup:
    """The QR code of `target` as inline SVG (segno's; no script, no style attribute)."""
    import segno  # on the first sheet of cards, not at the web process's start

    svg = segno.make(target, error="m").svg_inline(scale=QR_SCALE, omitsize=True)
    return Markup(svg)  # segno made it from a URL we built: nothing of a user in it


async def _read(
    request: Request, session: Session, donvi: str, vaitro: str, dot: str, order: str = ""
) -> tuple[list[InviteRow], list[tuple[str, str, str]]]:
    desk = desk_of(request)
    me = session.member
    now = desk.now()

    def read(repo: Repository) -> tuple[list[InviteRow], list[tuple[str, str, str]]]:
        found = members_admin.open_invites(
            repo,
            repo.work.units,
            me,
            now,
            unit_code=donvi[:40],
            role=_role(vaitro),
            batch=_batch(dot),
            order=order,
        )
        return found, members_admin.unit_choices(repo.work.units, me)

    return await desk.run(read)


@router.get("/moi")
async def listed(
    request: Request,
    session: Viewer,
    donvi: str = "",
    vaitro: str = "",
    dot: str = "",
    order: str = "issued",
    page: str = "1",
    xuat: str = "",
    done: str = "",
    n: str = "0",
) -> Response:
    order = order if order in members_admin.INVITE_ORDERS else "issued"
    filters = {"donvi": donvi, "vaitro": vaitro, "dot": dot, "order": order}
    if xuat in FORMATS:
        return await _export(request, session, filters, xuat)
    found, choices = await _read(request, session, donvi, vaitro, dot, order)
    return show(
        request,
        session,
        "people_invites.html",
        rows=page_of(found, page_number(page)),
        choices=choices,
        roles=list(Role),
        filters=filters,
        sheet=f"{HERE}/in?{urlencode({k: v for k, v in filters.items() if v})}",
        orders=members_admin.INVITE_ORDERS,
        done=done,
        issued=int(n) if n.isascii() and n.isdigit() and len(n) < 6 else 0,
        problem=None,
        typed={},
        most=MAX_INVITES,
        most_days=MAX_INVITE_DAYS,
        days=INVITE_DAYS,
    )


async def _export(
    request: Request, session: Session, filters: dict[str, str], fmt: str
) -> Response:
    desk = desk_of(request)
    me = session.member
    lang = me.language
    now = desk.now()

    def read(repo: Repository) -> list[InviteRow]:
        found = members_admin.open_invites(
            repo,
            repo.work.units,
            me,
            now,
            unit_code=filters["donvi"][:40],
            role=_role(filters["vaitro"]),
            batch=_batch(filters["dot"]),
            order=filters["order"],
        )
        _refuse_past_limit(len(found))  # never a silently cut file
        members_admin.record_export(repo, me, "invites", filters, len(found), now)
        return found

    found = await desk.run_long(read)
    said = ", ".join(f"{k}={v}" for k, v in filters.items() if v)
    return export(
        fmt,
        title=text("console_people_invites_title", lang),
        lines=[
            (text("console_people_exported_by", lang), me.full_name),
            (
                text("console_people_exported_at", lang),
                now.astimezone(desk.zone).strftime("%d/%m/%Y %H:%M"),
            ),
            (
                text("console_people_filters", lang),
                said or text("console_people_no_filters", lang),
            ),
        ],
        headers=[
            text("console_people_col_code", lang),
            text("console_people_col_name", lang),
            text("console_people_col_unit_code", lang),
            text("console_people_col_unit", lang),
            text("console_people_col_role", lang),
            text("console_people_col_expires", lang),
            text("console_people_col_link", lang),
        ],
        rows=(
            [
                i.code,
                i.full_name or "",
                i.unit_code,
                i.unit_name,
                text("role", lang, role=i.role.value),
                i.expires_at.astimezone(desk.zone).date(),
                chat_link(desk, i.code),
            ]
            for i in found
        ),
        filename="ma-moi",
        zone=desk.zone,
    )


@router.post("/moi/tao")
async def issue(
    request: Request,
    session: Acting,
    unit: str = Form("", max_length=40),
    role: str = Form("", max_length=16),
    count: int = Form(1),
    days: int = Form(INVITE_DAYS),
) -> Response:
    desk = desk_of(request)
    me = session.member
    now = desk.now()
    wanted = _role(role)

    def make(repo: Repository) -> int:
        work_units = repo.work.units
        by = units.admin(work_units, me)
        if wanted is None:
            raise Refused(said("console_people_pick_role"))
        made = invites.create_invites_as(
            work_units, by, unit_code=unit, role=wanted, count=count, now=now, days=days
        )
        return len(made)

    try:
        made = await desk.run(make)
    except OutOfReach:
        raise
    except Refused as refused:
        found, choices = await _read(request, session, "", "", "")
        return show(
            request,
            session,
            "people_invites.html",
            status_code=400,
            rows=page_of(found, 1),
            choices=choices,
            roles=list(Role),
            filters={"donvi": "", "vaitro": "", "dot": "", "order": "issued"},
            sheet=f"{HERE}/in",
            orders=members_admin.INVITE_ORDERS,
            done="",
            issued=0,
            problem=refused.reason,
            typed={"unit": unit, "role": role, "count": str(count), "days": str(days)},
            most=MAX_INVITES,
            most_days=MAX_INVITE_DAYS,
            days=INVITE_DAYS,
        )
    batch = {"donvi": unit, "vaitro": role, "dot": now.isoformat(), "done": "issued", "n": made}
    return RedirectResponse(f"{HERE}?{urlencode(batch)}", status_code=303)


@router.get("/moi/in")
async def sheet(
    request: Request,
    session: Viewer,
    donvi: str = "",
    vaitro: str = "",
    dot: str = "",
    order: str = "",
    kenh: str = "",
) -> Response:
    """The printable sheet: one card per open invite under the filters (A4, cards unbroken).
    `kenh=telegram`: the QR codes open Telegram's deep link instead of the web chat."""
    desk = desk_of(request)
    me = session.member
    found, _ = await _read(request, session, donvi, vaitro, dot, order)
    if len(found) > SHEET_LIMIT:
        # A province's rostered codes run to the hundred thousand: one page would never end.
        raise Refused(said("console_review2_sheet_too_many", count=len(found), limit=SHEET_LIMIT))
    now = desk.now()
    telegram = messenger(request)
    start = await telegram.start_link() if telegram is not None and kenh == "telegram" else None
    await desk.run(lambda repo: members_admin.record_print(repo, me, len(found), now))
    cards = [
        (invite, f"{start}{quote(invite.code)}" if start else chat_link(desk, invite.code))
        for invite in found
    ]
    filters = {"donvi": donvi, "vaitro": vaitro, "dot": dot, "order": order}
    # ~3 ms a code: a sheet of a thousand is drawn off the event loop (the chat goes on).
    drawn = await asyncio.to_thread(lambda: [(i, target, qr_svg(target)) for i, target in cards])
    return show(
        request,
        session,
        "people_sheet.html",
        cards=drawn,
        back=f"{HERE}?{urlencode(filters)}",
        on_telegram=start is not None,
        telegram_asked=kenh == "telegram",
        telegram_sheet=(
            f"{HERE}/in?{urlencode({**filters, 'kenh': 'telegram'})}" if telegram else ""
        ),
        web_sheet=f"{HERE}/in?{urlencode(filters)}",
    )


SCREEN = Screen(path="moi", label="console_people_nav_invites", shown_to=admins, router=router)
