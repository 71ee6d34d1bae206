"""Broadcasts (/quanly/thongbao): compose (text, photo, a unit inside the sender's and a role,
now or at a time), preview as members will read it with the count it reaches, send; follow
each one's progress, stop it, cancel one set for later; each one's delivery report.

Every rule is `services.broadcasts`' (who may send, to which unit, the text's limit, the time);
this desk turns forms into its calls and its answers into pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.channels.photos import MAX_PHOTO_BYTES, NotAnImage, photo_from_bytes
from bot.console import render
from bot.console.access import ROOT, Acting, Desk, Viewer, desk_of, show
from bot.console.exports import EXPORT_LIMIT, FORMATS, export
from bot.console.screens import Screen
from campaign.catalogs import Said, said, text
from campaign.collation import person_key
from campaign.localized import LANGUAGES, Localized
from campaign.roles import AUDIENCES
from handlers.messages import Photo
from services import broadcasts
from services.ports import BROADCAST_OUTCOMES, Audience, Delivery, MemberView
from services.refusals import Refused
from storage.repository import Repository

router = APIRouter()
HOME = f"{ROOT}/thongbao"
PAGE = 50
ORDERS = ("unit", "name", "outcome")
DONE = ("sent", "scheduled", "stopped", "cancelled")


@dataclass(frozen=True)
class Draft:
    """What the compose form holds; the preview carries it in hidden fields."""

    text: str = ""
    audience: str = "all"
    unit_id: int | None = None
    later: bool = False
    send_at: str = ""  # as the form's datetime-local field writes it: 2026-03-09T19:30
    image: str | None = None  # a shared photo's token, saved at the preview


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _draft(form: FormData) -> Draft:
    unit = _field(form, "unit")
    return Draft(
        text=_field(form, "text").replace("\r\n", "\n"),
        audience=_field(form, "audience") or "all",
        unit_id=int(unit) if unit.isdigit() and len(unit) < 10 else None,
        later=_field(form, "when") == "later",
        send_at=_field(form, "send_at"),
        image=_field(form, "image") or None,
    )


def _previewed(form: FormData) -> datetime | None:
    """When the sender was shown the preview this send comes from (its form says)."""
    try:
        shown = datetime.fromisoformat(_field(form, "previewed"))
    except ValueError:
        return None
    return shown if shown.tzinfo is not None else None


def _when(desk: Desk, draft: Draft) -> datetime | Said | None:
    """The time a broadcast set for later goes (None: now), or why it cannot be read."""
    if not draft.later:
        return None
    try:
        typed = datetime.fromisoformat(draft.send_at)
    except ValueError:
        return said("console_broadcasts_when_shape")
    return typed.replace(tzinfo=desk.zone) if typed.tzinfo is None else typed


async def _photo(form: FormData) -> Photo | Said | None:
    """The uploaded photo decoded as the web chat decodes one (None: none sent), or why not."""
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read(MAX_PHOTO_BYTES + 1)
    if not data:
        return None
    if len(data) > MAX_PHOTO_BYTES:
        return said("console_broadcasts_photo_too_large", megabytes=MAX_PHOTO_BYTES // 2**20)
    try:
        return photo_from_bytes(data)
    except NotAnImage:
        return said("console_broadcasts_photo_unreadable")


def _zone_label(desk: Desk) -> str:
    offset = desk.now().astimezone(desk.zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


async def _compose(
    request: Request,
    session: Any,
    draft: Draft,
    *,
    problems: list[Localized] | None = None,
    preview: dict[str, Any] | None = None,
    done: str | None = None,
    number: int | None = None,
) -> HTMLResponse:
    desk = desk_of(request)
    member = session.member

    def read(repo: Repository) -> tuple[Any, Any, Any, int]:
        units = broadcasts.units(repo, member)
        return (
            units,
            broadcasts.followed(repo, member),
            broadcasts.scheduled(repo, member),
            broadcasts.text_limit(member),
        )

    units, followed, waiting, limit = await desk.run(read)
    return show(
        request,
        session,
        "broadcasts.html",
        status_code=400 if problems else 200,
        draft=draft,
        units=units,
        audiences=list(AUDIENCES),
        followed=followed,
        waiting=waiting,
        limit=limit,
        zone_label=_zone_label(desk),
        problems=problems or [],
        preview=preview,
        done=done if done in DONE else None,
        so=number,
    )


@router.get("/thongbao")
async def compose_page(
    request: Request, session: Viewer, done: str | None = None, so: int | None = None
) -> HTMLResponse:
    return await _compose(request, session, Draft(), done=done, number=so)


def _problems(
    desk: Desk, member: MemberView, draft: Draft
) -> tuple[datetime | None, list[Localized]]:
    """When it goes, and what in the draft must change before it can (the services' rules)."""
    problems: list[Localized] = []
    when = _when(desk, draft)
    if isinstance(when, Said):
        return None, [when]
    if when is not None and (problem := broadcasts.when_problem(when, desk.now())) is not None:
        problems.append(problem)
    limit = broadcasts.text_limit(member)
    if not draft.text.strip():
        problems.append(said("broadcast_text_first"))
    elif len(draft.text) > limit:
        problems.append(said("bad_too_long", length=len(draft.text), limit=limit))
    return when, problems


@router.post("/thongbao/xem")
async def preview(request: Request, session: Acting) -> HTMLResponse:
    """Check the draft with the services, keep its photo, and show it as members will read it."""
    desk = desk_of(request)
    member = session.member
    form = await request.form()
    draft = _draft(form)
    if _field(form, "drop_photo"):
        draft = replace(draft, image=None)
    photo = await _photo(form)
    when, problems = _problems(desk, member, draft)
    if isinstance(photo, Said):
        problems.insert(0, photo)
    now = desk.now()

    def check(repo: Repository) -> tuple[Audience, str, str | None]:
        if draft.image is not None:
            broadcasts.photo(repo, member, draft.image)  # a shared photo's token, or refused
        unit_name = broadcasts.unit_name(repo, member, draft.unit_id)
        reached = broadcasts.reach(repo, member, draft.audience, draft.unit_id)
        if isinstance(photo, Photo):  # kept now, so the preview shows it and the send names it
            return reached, unit_name, repo.save_shared_photo(photo, now)
        return reached, unit_name, draft.image

    reached, unit_name, image = await desk.run(check)
    draft = replace(draft, image=image)
    if reached.total == 0:
        problems.append(said("broadcast_nobody"))
    if problems:
        return await _compose(request, session, draft, problems=problems)
    shown = {
        lang: broadcasts.announcement(member, draft.text, draft.image, lang) for lang in LANGUAGES
    }
    return await _compose(
        request,
        session,
        draft,
        preview={
            "messages": {lang: message.text for lang, message in shown.items()},
            "reached": reached,
            "unit_name": unit_name,
            "when": when,
            "at": desk.now().isoformat(),
        },
    )


@router.post("/thongbao/gui")
async def send(request: Request, session: Acting) -> Response:
    """Send the previewed broadcast now, or keep it for its time."""
    desk = desk_of(request)
    member = session.member
    form = await request.form()
    draft = _draft(form)
    previewed = _previewed(form)
    when = _when(desk, draft)
    if isinstance(when, Said):
        return await _compose(request, session, draft, problems=[when])
    now = desk.now()

    def allowed(repo: Repository) -> None:
        """Who may send to which unit, with which photo: a refusal there is the 403 page (a
        forged form), not a problem to fix in the form."""
        broadcasts.unit_name(repo, member, draft.unit_id)
        if draft.image is not None:
            broadcasts.photo(repo, member, draft.image)

    await desk.run(allowed)

    def go(repo: Repository) -> tuple[str, int]:
        if previewed is not None:  # a second click on Send: the first one's outcome
            made = broadcasts.already_made(
                repo, member, draft.audience, draft.text, draft.image, draft.unit_id, previewed
            )
            if made is not None:
                number, status = made  # said as it is now: sending, scheduled, stopped...
                return (status if status in DONE else "sent"), number
        if when is None:
            broadcasts.choose_audience(repo, member, draft.audience, draft.unit_id)
            started = broadcasts.start(
                repo, member, draft.audience, draft.text, draft.image, now, draft.unit_id
            )
            return "sent", started.number
        number = broadcasts.schedule(
            repo, member, draft.audience, draft.text, draft.image, when, now, draft.unit_id
        )
        return "scheduled", number

    try:
        done, number = await desk.run(go)
    except Refused as refused:  # the text, the time, or nobody to reach: fixed in the form
        return await _compose(request, session, draft, problems=[refused.reason])
    return RedirectResponse(f"{HOME}?done={done}&so={number}", status_code=303)


@router.post("/thongbao/{number}/dung")
async def stop(request: Request, session: Acting, number: int) -> Response:
    desk = desk_of(request)
    now = desk.now()
    await desk.run(lambda repo: broadcasts.stop(repo, session.member, number, now))
    return RedirectResponse(f"{HOME}?done=stopped&so={number}", status_code=303)


@router.post("/thongbao/{number}/huy")
async def cancel(request: Request, session: Acting, number: int) -> Response:
    desk = desk_of(request)
    now = desk.now()
    await desk.run(lambda repo: broadcasts.cancel(repo, session.member, number, now))
    return RedirectResponse(f"{HOME}?done=cancelled&so={number}", status_code=303)


@router.get("/thongbao/{number}/tiendo")
async def progress(request: Request, session: Viewer, number: int) -> HTMLResponse:
    """The progress box alone, which the page polls until it holds `data-finished`."""
    desk = desk_of(request)
    member = session.member
    found = await desk.run(lambda repo: broadcasts.follow(repo, member, number))
    return render.page(
        "broadcast_progress.html", member.language, desk.zone, {"item": found, "csrf": ""}
    )


@router.get("/thongbao/anh/{token}")
async def photo(request: Request, session: Viewer, token: str) -> Response:
    desk = desk_of(request)
    content_type, data = await desk.run(
        lambda repo: broadcasts.photo(repo, session.member, token[:64])
    )
    return Response(
        data,
        media_type=content_type,
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


def _ordered(rows: list[Delivery], order: str) -> list[Delivery]:
    """The store gives them by unit then name; by name or by outcome on request."""
    if order == "name":
        return sorted(rows, key=lambda d: person_key(d.name))
    if order == "outcome":
        return sorted(rows, key=lambda d: BROADCAST_OUTCOMES.index(d.outcome))
    return rows


@router.get("/thongbao/{number}", response_model=None)
async def delivery_report(
    request: Request,
    session: Viewer,
    number: int,
    ket_qua: str = "",
    order: str = "unit",
    page: int = 1,
    xuat: str = "",
) -> Response:
    """Each recipient's outcome, filtered by outcome, sorted, paged, exported."""
    desk = desk_of(request)
    member = session.member
    found, rows = await desk.run_long(lambda repo: broadcasts.report(repo, member, number))
    outcome = ket_qua if ket_qua in BROADCAST_OUTCOMES else None
    order = order if order in ORDERS else "unit"
    shown = _ordered([row for row in rows if outcome is None or row.outcome == outcome], order)
    counts = {key: sum(1 for row in rows if row.outcome == key) for key in BROADCAST_OUTCOMES}
    problems: list[Localized] = []
    if xuat in FORMATS and len(shown) <= EXPORT_LIMIT:
        return await _export(request, member, found, shown, xuat, outcome)
    if xuat in FORMATS:
        problems.append(said("console_broadcasts_export_too_many", limit=EXPORT_LIMIT))
    pages = max(1, (len(shown) + PAGE - 1) // PAGE)
    page = min(max(page, 1), pages)
    return show(
        request,
        session,
        "broadcast_report.html",
        status_code=400 if problems else 200,
        problems=problems,
        item=found,
        rows=shown[(page - 1) * PAGE : page * PAGE],
        total=len(shown),
        counts=counts,
        outcomes=BROADCAST_OUTCOMES,
        outcome=outcome or "",
        order=order,
        orders=ORDERS,
        page=page,
        pages=pages,
    )


async def _export(
    request: Request,
    member: MemberView,
    found: Any,
    rows: list[Delivery],
    fmt: str,
    outcome: str | None,
) -> Response:
    desk = desk_of(request)
    lang = member.language
    now = desk.now()
    await desk.run(
        lambda repo: broadcasts.exported(repo, member, found.number, fmt, outcome, len(rows), now)
    )
    every = text("console_broadcasts_outcome_any", lang)
    return export(
        fmt,
        title=text("console_broadcasts_report_title", lang, number=found.number),
        lines=[
            (text("console_broadcasts_exported_by", lang), member.full_name),
            (text("console_broadcasts_exported_at", lang), render.moment(now, desk.zone)),
            (text("console_broadcasts_unit", lang), found.scope_name),
            (
                text("console_broadcasts_audience", lang),
                text("broadcast_to", lang, audience=found.audience),
            ),
            (
                text("console_broadcasts_outcome", lang),
                every
                if outcome is None
                else text("console_broadcasts_outcome_is", lang, outcome=outcome),
            ),
        ],
        headers=[
            text("console_broadcasts_name", lang),
            text("console_broadcasts_unit", lang),
            text("console_broadcasts_channel", lang),
            text("console_broadcasts_outcome", lang),
            text("console_broadcasts_at", lang),
        ],
        rows=(
            [
                row.name,
                row.unit_name,
                text("channel", lang, channel=row.channel) if row.channel else "",
                text("console_broadcasts_outcome_is", lang, outcome=row.outcome),
                row.at,
            ]
            for row in rows
        ),
        filename=f"thongbao-{found.number}",
        zone=desk.zone,
    )


SCREEN = Screen(
    path="thongbao",
    label="console_broadcasts_nav",
    shown_to=broadcasts.may_broadcast,
    router=router,
)
