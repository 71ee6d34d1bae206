"""One deadline's status board (/quanly/hanchot/<plan>/<deadline>/<due>): each unit under the
viewer it is addressed to, with its submission's state in words, its documents (opened through
the sealed, audited /quanly/tailieu/<id>), its checklist, and for an officer or admin above it
"Nhận" and "Trả lại" (with a reason; the unit is told). The table alone is the fragment
`…/bang`, which the page's script fetches again every 30 s, so that the board fills as units
submit. A commander of an addressed unit gathers their own unit's documents on the same page:
upload (checklist item chosen), drop, submit when complete, withdraw until the due day.

What may be done is what `services.submissions` says; the buttons shown are a convenience."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from bot.channels.photos import NotAnImage, image_type, photo_from_bytes
from bot.console.access import Acting, Viewer, desk_of, show
from bot.console.typed import day, whole
from campaign import documents as kinds
from campaign.catalogs import said
from campaign.localized import Localized
from campaign.plans import DeadlineSpec
from campaign.registrations import item_label
from campaign.roles import Role
from services import deliverables, documents, submissions
from services.console_access import Session
from services.deliverables import BoardLine
from services.ports import MemberView, Submittable
from services.refusals import Refused
from storage.repository import Repository

router = APIRouter()
HERE = "/quanly/hanchot"
LONGEST = 2000  # characters of a reason
EVERY = 30  # seconds between two fetches of the table
# A line's state on the boards, in the order the filter lists them.
BOARD_STATES: tuple[str, ...] = ("waiting", "draft", "submitted", "accepted", "returned", "late")
DONE = ("accepted", "returned", "attached", "dropped", "submitted", "withdrawn")
# Submissions a commander may still add to or take from.
GATHERING = ("draft", "returned")

Code = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


def board_state(line: BoardLine) -> str:
    """One word for a unit on a deadline: reported (submitted, accepted), late when not
    reported past the due day (a draft or a sent-back one included), else where it stands."""
    if line.state == "done":
        return "accepted" if line.progress == "accepted" else "submitted"
    if line.state == "late":
        return "late"
    return line.progress if line.progress in GATHERING else "waiting"


def submitted_late(line: BoardLine, zone: tzinfo) -> bool:
    """Reported after the day it was due (a resubmission after a send back, say)."""
    view = line.view
    when = view.submitted_at if view is not None else None
    if when is None and line.submission is not None and line.state == "done":
        when = line.submission.done_at
    return when is not None and line.state == "done" and when.astimezone(zone).date() > line.due


def _seen_at(typed: str) -> datetime | None:
    """The time submitted a decision form carried (None: none; an unreadable one is a time no
    submission has, so the decision is refused as changed)."""
    if not typed:
        return None
    try:
        return datetime.fromisoformat(typed)
    except ValueError:
        return datetime.min


def _key(deadline: str, due: date) -> str:
    """The deadline as `OpenDeliverable.key` names it (what the submission services take)."""
    return f"{deadline}@{due:%Y%m%d}"[:40]


def address(plan: str, deadline: str, due: date) -> str:
    return f"{HERE}/{quote(plan)}/{quote(deadline)}/{due:%Y-%m-%d}"


@dataclass(frozen=True)
class Row:
    line: BoardLine
    state: str  # BOARD_STATES
    late_submission: bool
    may_decide: bool  # shown the decision's buttons (the service decides)
    own: bool  # the viewer gathers this unit's submission


@dataclass(frozen=True)
class Board:
    plan_name: Localized
    title: Localized
    deliverable: Localized
    due: date
    spec: DeadlineSpec | None
    rows: tuple[Row, ...]
    place: Submittable | None  # the viewer's unit may gather, submit or withdraw it

    @property
    def mine(self) -> Row | None:
        return next((row for row in self.rows if row.own), None)

    @property
    def version(self) -> str:
        """What the table shows, in short: the page's script puts a fetched table in place only
        when it differs (nothing announced again, nothing moved, a field being typed kept)."""
        shown = [
            (row.line.unit_id, row.state, row.late_submission, row.may_decide, row.line.view)
            for row in self.rows
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]

    def counts(self) -> dict[str, int]:
        found = {state: sum(1 for row in self.rows if row.state == state) for state in BOARD_STATES}
        found["done"] = sum(1 for row in self.rows if row.line.state == "done")
        found["total"] = len(self.rows)
        return found


def _deciding(member: MemberView, line: BoardLine) -> bool:
    """Officers and admins of a unit above it (its own unit never: every other unit on the
    viewer's board is under them); a deadline escalating to a higher level is the service's
    to refuse, in words."""
    return member.role in (Role.OFFICER, Role.ADMIN) and line.unit_id != member.unit_id


def read_board(
    repo: Repository,
    member: MemberView,
    plan: str,
    deadline: str,
    due: date,
    now: datetime,
    zone: tzinfo,
) -> Board:
    today = now.date()
    lines = [
        line
        for line in deliverables.board(repo, member, today)
        if (line.plan_code, line.deadline_code, line.due) == (plan, deadline, due)
    ]
    if not lines:
        raise Refused(said("console_submissions_not_found"))
    spec = next(
        (
            found
            for running, _ in repo.plans_around(today)
            if running.code == plan
            for found in running.deadlines
            if found.code == deadline
        ),
        None,
    )
    key = _key(deadline, due)
    place = next(
        (
            found
            for found, _ in submissions.opened(repo, member, today)
            if found.item.key == key and found.item.plan_code == plan
        ),
        None,
    )
    rows = tuple(
        Row(
            line,
            board_state(line),
            submitted_late(line, zone),
            _deciding(member, line),
            place is not None and line.unit_id == member.unit_id,
        )
        for line in lines
    )
    first = lines[0]
    return Board(first.plan_name, first.title, first.deliverable, due, spec, rows, place)


def _context(board: Board, session: Session, **more: Any) -> dict[str, Any]:
    lang = session.member.language
    items = board.spec.checklist if board.spec is not None else ()
    mine, place = board.mine, board.place
    view = mine.line.view if mine is not None else None
    missing = submissions.still_missing(place, view) if place is not None else []
    first = board.rows[0].line
    return {
        "board": board,
        "base": address(first.plan_code, first.deadline_code, board.due),
        "counts": board.counts(),
        "label": lambda item: item_label(item, lang, items),
        "items": []
        if place is None
        else [(code, submissions.item_name(place, code, lang)) for code, _ in place.checklist],
        "complete": not missing,
        "needed": ""
        if place is None
        else ", ".join(submissions.item_name(place, code, lang) for code in missing),
        "gathering": GATHERING,
        "mb": kinds.DEFAULT_LIMIT // (1024 * 1024),
        "every": EVERY,
        # A report deadline: the bot drafts it on /quanly/baocao for the unit's police.
        "drafts": board.spec is not None
        and board.spec.report is not None
        and session.member.role in (Role.OFFICER, Role.ADMIN),
        **more,
    }


async def _page(
    request: Request,
    session: Session,
    plan: str,
    deadline: str,
    due: date,
    *,
    status_code: int = 200,
    problem: Localized | None = None,
) -> Response:
    desk = desk_of(request)
    member, now = session.member, desk.now()
    board = await desk.run_long(
        lambda repo: read_board(repo, member, plan, deadline, due, now, desk.zone)
    )
    done = request.query_params.get("done", "")
    return show(
        request,
        session,
        "deadlines_board.html",
        status_code=status_code,
        **_context(board, session, done=done if done in DONE else "", problem=problem),
    )


def _due(typed: str) -> date:
    found = day(typed)
    if found is None:
        raise Refused(said("console_submissions_not_found"))
    return found


@router.get("/hanchot/{plan}/{deadline}/{due}")
async def deadline_page(
    request: Request, session: Viewer, plan: Code, deadline: Code, due: str
) -> Response:
    return await _page(request, session, plan, deadline, _due(due))


@router.get("/hanchot/{plan}/{deadline}/{due}/bang")
async def deadline_table(
    request: Request, session: Viewer, plan: Code, deadline: Code, due: str
) -> Response:
    """The table alone, for the page's script to put in place of the one it shows."""
    desk = desk_of(request)
    member, now, when = session.member, desk.now(), _due(due)
    board = await desk.run_long(
        lambda repo: read_board(repo, member, plan, deadline, when, now, desk.zone)
    )
    response = show(request, session, "deadlines_board_table.html", **_context(board, session))
    response.headers["cache-control"] = "no-store"
    return response


class _Unchanged(Exception):
    """A step the service refused: the page again with why, nothing written."""

    def __init__(self, reason: Localized) -> None:
        super().__init__(reason.vi)
        self.reason = reason


async def _act(
    request: Request,
    session: Session,
    plan: str,
    deadline: str,
    typed_due: str,
    work: Callable[[Repository, date], object],
    done: str,
) -> Response:
    """Run one step in one transaction (rolled back when refused); back to the page (303) with
    what was done, or the page with the refusal's words (400)."""
    desk = desk_of(request)
    due = _due(typed_due)

    def attempt(repo: Repository) -> None:
        try:
            work(repo, due)
        except Refused as refused:
            raise _Unchanged(refused.reason) from None

    try:
        await desk.run(attempt)
    except _Unchanged as unchanged:
        return await _page(
            request, session, plan, deadline, due, status_code=400, problem=unchanged.reason
        )
    return RedirectResponse(f"{address(plan, deadline, due)}?done={done}", status_code=303)


@router.post("/hanchot/{plan}/{deadline}/{due}/nhan")
async def accept(
    request: Request,
    session: Acting,
    plan: Code,
    deadline: Code,
    due: str,
    submission: str = Form("", max_length=12),
    seen_state: str = Form("", max_length=20),
    seen_at: str = Form("", max_length=40),
) -> Response:
    member, now = session.member, desk_of(request).now()
    number = whole(submission) or 0
    return await _act(
        request,
        session,
        plan,
        deadline,
        due,
        lambda repo, _: submissions.decide(
            repo,
            member,
            number,
            "accept",
            "",
            now,
            seen_state=seen_state or None,
            seen_submitted_at=_seen_at(seen_at),
        ),
        "accepted",
    )


@router.post("/hanchot/{plan}/{deadline}/{due}/tralai")
async def send_back(
    request: Request,
    session: Acting,
    plan: Code,
    deadline: Code,
    due: str,
    submission: str = Form("", max_length=12),
    seen_state: str = Form("", max_length=20),
    seen_at: str = Form("", max_length=40),
    reason: str = Form("", max_length=LONGEST),
) -> Response:
    member, now = session.member, desk_of(request).now()
    number = whole(submission) or 0
    note = " ".join(reason.split())
    return await _act(
        request,
        session,
        plan,
        deadline,
        due,
        lambda repo, _: submissions.decide(
            repo,
            member,
            number,
            "return",
            note,
            now,
            seen_state=seen_state or None,
            seen_submitted_at=_seen_at(seen_at),
        ),
        "returned",
    )


@router.post("/hanchot/{plan}/{deadline}/{due}/tailen")
async def upload(
    request: Request, session: Acting, plan: Code, deadline: Code, due: str
) -> Response:
    """A document for the viewer's own unit's submission: checked by content and size, kept
    sealed to the unit's line of command, then attached (a draft opened if needed)."""
    member, now = session.member, desk_of(request).now()
    form = await request.form()
    given = form.get("file")
    item = str(form.get("item") or "").strip()[:40] or None
    data, name = b"", ""
    if isinstance(given, UploadFile) and given.filename:
        data = await given.read(kinds.DEFAULT_LIMIT + 1)
        name = given.filename[:200]

    def attach(repo: Repository, when: date) -> None:
        if not data:
            raise Refused(said("console_submissions_no_file"))
        if image_type(data[:16]) is not None:
            # Opened on the level above's phones: decoded as the chat's photos are (no bomb, no
            # bare header with anything behind it), whatever the file is named.
            try:
                photo_from_bytes(data)
            except NotAnImage:
                raise Refused(said("console_submissions_image_unreadable")) from None
        # Asked before the file is kept (a refusal rolls the row back, not the file written):
        # a deadline no longer open, or a submission in, as a page left open in a tab shows.
        before = submissions.current(repo, member, _key(deadline, when), now.date())
        if before is not None and before.state == "submitted":
            raise Refused(said("submission_withdraw_first"))
        if before is not None and before.state == "accepted":
            raise Refused(said("submission_decided_already"))
        kept = documents.keep(
            repo,
            repo,
            member,
            data=data,
            name=name,
            unit_id=member.unit_id,
            owner_kind="deliverable",
            owner_id=None,
            now=now,
        )
        submissions.attach(repo, member, _key(deadline, when), kept, now, item=item)

    return await _act(request, session, plan, deadline, due, attach, "attached")


@router.post("/hanchot/{plan}/{deadline}/{due}/bo")
async def drop(
    request: Request,
    session: Acting,
    plan: Code,
    deadline: Code,
    due: str,
    document: str = Form("", max_length=12),
) -> Response:
    member, now = session.member, desk_of(request).now()
    number = whole(document) or 0
    return await _act(
        request,
        session,
        plan,
        deadline,
        due,
        lambda repo, when: submissions.drop(repo, member, _key(deadline, when), number, now),
        "dropped",
    )


@router.post("/hanchot/{plan}/{deadline}/{due}/nop")
async def submit(
    request: Request, session: Acting, plan: Code, deadline: Code, due: str
) -> Response:
    member, now = session.member, desk_of(request).now()
    return await _act(
        request,
        session,
        plan,
        deadline,
        due,
        lambda repo, when: submissions.submit(
            repo, member, _key(deadline, when), now, registry=repo
        ),
        "submitted",
    )


@router.post("/hanchot/{plan}/{deadline}/{due}/rutlai")
async def withdraw(
    request: Request, session: Acting, plan: Code, deadline: Code, due: str
) -> Response:
    member, now = session.member, desk_of(request).now()
    return await _act(
        request,
        session,
        plan,
        deadline,
        due,
        lambda repo, when: submissions.withdraw(repo, member, _key(deadline, when), now),
        "withdrawn",
    )


__all__ = ["BOARD_STATES", "address", "board_state", "router", "submitted_late"]
