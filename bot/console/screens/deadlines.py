"""Deadlines board (/quanly/hanchot): every deadline of the plans addressed to units under the
viewer, each unit not submitted yet, in progress, submitted (when, by whom, the documents),
accepted, sent back or late; each deadline links to its own board (`screens/submissions.py`:
the decisions, the unit's own form). A submission's document opens at /quanly/tailieu/<id>
for the unit's line of command (audited)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from bot.channels.common import disposition
from bot.console import exports
from bot.console.access import Viewer, desk_of, show
from bot.console.screens import Screen, commanders
from campaign.catalogs import text
from campaign.collation import vietnamese_key
from services import deliverables, documents, standings
from services.deliverables import BoardLine

from . import submissions
from .submissions import BOARD_STATES, board_state, submitted_late

router = APIRouter()
PAGE = 50
# The table's orders (the service's is by due date, deadline, then unit in Vietnamese order).
ORDERS: dict[str, Callable[[BoardLine], Any]] = {
    "due": lambda line: line.due,
    "unit": lambda line: vietnamese_key(line.unit_name),
    "state": lambda line: BOARD_STATES.index(board_state(line)),
}


@router.get("/hanchot")
async def deadlines_page(
    request: Request,
    session: Viewer,
    tinh_trang: str = "",
    ke_hoach: str = "",
    order: str = "due",
    page: str = "1",
    xuat: str | None = None,
) -> Response:
    desk = desk_of(request)
    member = session.member
    lang = member.language
    now = desk.now()
    lines = await desk.run_long(lambda repo: deliverables.board(repo, member, now.date()))
    plans = sorted({(line.plan_code, line.plan_name.get(lang)) for line in lines})
    state = tinh_trang if tinh_trang in BOARD_STATES else ""
    plan = ke_hoach if any(code == ke_hoach for code, _ in plans) else ""
    shown = [
        line
        for line in lines
        if (not state or board_state(line) == state) and (not plan or line.plan_code == plan)
    ]
    counts = {key: sum(1 for line in shown if board_state(line) == key) for key in BOARD_STATES}
    if order in ORDERS and order != "due":
        shown = sorted(shown, key=ORDERS[order])  # stable: soonest first among equals
    query: dict[str, Any] = {"tinh_trang": state, "ke_hoach": plan, "order": order}
    if xuat in exports.FORMATS:
        return await _export(request, session, shown, query, xuat)
    pages = max(1, -(-len(shown) // PAGE))
    number = min(
        max(1, int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1), pages
    )
    return show(
        request,
        session,
        "deadlines.html",
        lines=shown[(number - 1) * PAGE : number * PAGE],
        total=len(shown),
        counts=counts,
        states=BOARD_STATES,
        board_state=board_state,
        late_submission=lambda line: submitted_late(line, desk.zone),
        address=submissions.address,
        plans=plans,
        state=state,
        plan=plan,
        page=number,
        pages=pages,
        query=query,
        order=order if order in ORDERS else "due",
        orders=tuple(ORDERS),
    )


async def _export(
    request: Request,
    session: Viewer,
    lines: list[BoardLine],
    query: dict[str, Any],
    fmt: str,
) -> Response:
    desk = desk_of(request)
    member = session.member
    lang = member.language
    now = desk.now()
    rows = [
        [
            line.due,
            line.plan_name.get(lang),
            line.title.get(lang),
            line.deliverable.get(lang),
            line.unit_name,
            _state_words(line, lang, desk.zone),
            _submitted_at(line),
            _submitted_by(line),
            _attached(line, lang),
        ]
        for line in lines
    ]
    await desk.run(
        lambda repo: standings.exported(repo, member, "deadlines", query, len(rows), now)
    )
    return exports.export(
        fmt,
        title=text("console_standings_deadlines_title", lang),
        lines=[
            (text("console_standings_unit", lang), member.unit_name),
            (
                text("console_standings_state_filter", lang),
                text("console_submissions_state", lang, state=query["tinh_trang"] or "any"),
            ),
            (text("console_standings_exported_by", lang), member.full_name),
            (text("console_standings_exported_at", lang), now.strftime("%d/%m/%Y %H:%M")),
        ],
        headers=[
            text("console_standings_due", lang),
            text("console_standings_plan", lang),
            text("console_standings_deadline", lang),
            text("console_standings_deliverable", lang),
            text("console_standings_unit", lang),
            text("console_standings_state_filter", lang),
            text("console_standings_done_at", lang),
            text("console_standings_done_by", lang),
            text("console_standings_attached", lang),
        ],
        rows=rows,
        filename=f"han-nop-{now:%Y%m%d}",
        zone=desk.zone,
    )


def _state_words(line: BoardLine, lang: str, zone: tzinfo) -> str:
    """The state as the table says it, with a late resubmission or a send back's reason."""
    words = text("console_submissions_state", lang, state=board_state(line))
    if submitted_late(line, zone):
        words += f" ({text('console_submissions_late_submission', lang)})"
    view = line.view
    if view is not None and view.state == "returned" and view.decision_note:
        words += f" · {text('console_submissions_reason_shown', lang, reason=view.decision_note)}"
    return words


def _submitted_at(line: BoardLine) -> datetime | None:
    if line.view is not None:  # a draft (withdrawn, say) has not been submitted
        return None if line.view.state == "draft" else line.view.submitted_at
    return line.submission.done_at if line.submission else None


def _submitted_by(line: BoardLine) -> str:
    if line.view is not None:
        return "" if line.view.state == "draft" else line.view.submitted_by or ""
    return line.submission.member_name if line.submission else ""


def _attached(line: BoardLine, lang: str) -> str:
    view = line.view
    if view is not None and (view.documents or view.attachment_id is None):
        names = [document.original_name for document in view.documents]
        return "; ".join(names) or text("console_standings_attached_kind", lang, kind="none")
    done = line.submission
    if done is None:
        return ""
    if done.document_id is not None:
        return text("console_standings_attached_kind", lang, kind="document")
    if done.attachment_id is not None:
        return text("console_standings_attached_kind", lang, kind="photo")
    return text("console_standings_attached_kind", lang, kind="none")


@router.get("/tailieu/{document_id}")
async def open_document(
    request: Request, session: Viewer, document_id: Annotated[int, Path(ge=1, lt=2**31)]
) -> Response:
    """A kept document for the viewer (never None: the command line may open any), audited;
    refused alike whether it does not exist or is another unit's."""
    desk = desk_of(request)
    member = session.member
    now = desk.now()
    shown, data = await desk.run(
        lambda repo: documents.open_document(repo, repo, member, document_id, now)
    )
    return Response(
        data,
        media_type=shown.content_type,
        headers={"content-disposition": disposition("attachment", shown.original_name)},
    )


@router.get("/hanchot/anh/{attachment_id}")
async def open_photo(
    request: Request, session: Viewer, attachment_id: Annotated[int, Path(ge=1, lt=2**31)]
) -> Response:
    """The photo a deadline was reported with, for its unit's line of command (audited)."""
    desk = desk_of(request)
    member = session.member
    now = desk.now()
    found = await desk.run(
        lambda repo: deliverables.submitted_photo(repo, member, attachment_id, now)
    )
    return Response(found.data, media_type=found.content_type)


router.include_router(submissions.router)

SCREEN = Screen(
    path="hanchot", label="console_standings_deadlines_nav", shown_to=commanders, router=router
)
