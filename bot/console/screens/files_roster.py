"""Roster import (/quanly/danhsach), admins: upload a commune's list, see every row checked with
its problems before anything is written, confirm (checked again, all or nothing), then download
the workbook of the new invite codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from bot.channels.common import disposition
from bot.console.access import ROOT, Acting, Desk, Viewer, desk_of, show
from bot.console.screens import Screen, admins
from bot.console.uploads import Kept, Uploads
from bot.roster_files import RosterFileError, invites_workbook, other_sheets, read_rows
from campaign.catalogs import said
from campaign.localized import Localized
from campaign.roster import Roster, RosterLayoutError, RosterRow, RowProblem, read_roster
from services import roster
from services.console_access import Session
from services.ports import MemberView
from storage.unit_of_work import UnitOfWork

router = APIRouter()
SCREEN = Screen(path="danhsach", label="console_files_nav_roster", shown_to=admins, router=router)

# A commune's roster is a few hundred rows; a province's list of 200,000 goes through
# `antt-bot roster import` (minutes of checking, too long for a page).
MAX_ROSTER_BYTES = 5 * 1024 * 1024
MAX_ROSTER_ROWS = 5_000
MAX_ROSTER_LINES = 50_000  # blank lines between them included
SUFFIXES = (".xlsx", ".csv")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class CheckedRow:
    """One line of the file as the preview shows it: the person, or only the line's problem."""

    line: int
    person: RosterRow | None
    problems: list[Localized] = field(default_factory=list)


@dataclass
class Checked:
    """The whole file checked: every row, or why the file cannot be read at all."""

    rows: list[CheckedRow] = field(default_factory=list)
    refusal: Localized | None = None  # the file as a whole (no header, not a table...)
    skipped_sheets: list[str] = field(default_factory=list)
    ends_at: int | None = None

    @property
    def problem_count(self) -> int:
        return sum(1 for row in self.rows if row.problems)

    @property
    def ready(self) -> bool:
        return self.refusal is None and self.problem_count == 0 and bool(self.rows)


def _read(path: Path, today: date) -> Roster | Localized:
    """The file's people and row problems, or why it cannot be read as a roster."""
    try:
        rows: list[tuple[int, list[str]]] = []
        filled = 0
        # Counted while reading: a workbook may claim a million rows in a few kilobytes.
        for number, cells in read_rows(path):
            filled += any(cell.strip() for cell in cells)
            if filled > MAX_ROSTER_ROWS or number > MAX_ROSTER_LINES:
                return said("console_files_roster_too_many", limit=MAX_ROSTER_ROWS)
            rows.append((number, cells))
        if not filled:
            return said("console_files_roster_empty")
        return read_roster(rows, today)
    except RosterFileError as error:
        return said(error.key, **error.values)
    except RosterLayoutError as error:
        return error.why


def _checked(found: Roster | Localized, problems: list[RowProblem], skipped: list[str]) -> Checked:
    if not isinstance(found, Roster):
        return Checked(refusal=found)
    by_line: dict[int, CheckedRow] = {row.line: CheckedRow(row.line, row) for row in found.people}
    for problem in [*found.problems, *problems]:
        by_line.setdefault(problem.line, CheckedRow(problem.line, None)).problems.append(
            problem.why
        )
    rows = sorted(by_line.values(), key=lambda row: row.line)
    return Checked(rows, None, skipped, found.ends_at)


async def _preview(desk: Desk, member: MemberView, kept: Kept) -> Checked:
    today = desk.now().astimezone(desk.zone).date()

    def work(unit_work: UnitOfWork) -> Checked:
        """Read and check: nothing is written."""
        found = _read(kept.path, today)
        problems: list[RowProblem] = []
        if isinstance(found, Roster):
            roster.check(unit_work.units, found.people, problems, importer=member)
        skipped = other_sheets(kept.path) if isinstance(found, Roster) else []
        return _checked(found, problems, skipped)

    return await desk.run_admin(work, long=True)


def _uploads(desk: Desk) -> Uploads:
    return Uploads(desk.settings.data_dir)


def _page(
    request: Request,
    session: Session,
    *,
    checked: Checked | None = None,
    kept: Kept | None = None,
    problem: Localized | None = None,
    status_code: int = 200,
) -> Response:
    done = request.query_params.get("done", "")
    return show(
        request,
        session,
        "files_roster.html",
        status_code=status_code,
        checked=checked,
        kept=kept,
        problem=problem,
        done=done if done in ("imported",) else "",
        imported=request.query_params.get("n", ""),
        max_rows=MAX_ROSTER_ROWS,
    )


@router.get("/danhsach")
async def roster_page(request: Request, session: Viewer) -> Response:
    roster.refuse_unless_importer(session.member)
    return _page(request, session)


@router.post("/danhsach")
async def roster_upload(
    request: Request, session: Acting, file: Annotated[UploadFile, File()]
) -> Response:
    member = session.member
    roster.refuse_unless_importer(member)
    desk = desk_of(request)
    name = Path(file.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        problem = said("console_files_roster_not_a_table", suffix=suffix or name)
        return _page(request, session, problem=problem, status_code=400)
    data = await file.read(MAX_ROSTER_BYTES + 1)
    if len(data) > MAX_ROSTER_BYTES:
        problem = said("console_files_too_big", limit=MAX_ROSTER_BYTES // (1024 * 1024))
        return _page(request, session, problem=problem, status_code=400)
    uploads = _uploads(desk)
    kept = uploads.keep(session.id_hash, "roster", name, suffix, data)
    checked = await _preview(desk, member, kept)
    if not checked.ready:  # nothing to confirm: its names and phones are not kept on disk
        uploads.forget(session.id_hash, "roster")
    return _page(
        request, session, checked=checked, kept=kept, status_code=200 if checked.ready else 400
    )


@router.post("/danhsach/nhap")
async def roster_confirm(
    request: Request, session: Acting, sha256: str = Form(..., max_length=64)
) -> Response:
    member = session.member
    roster.refuse_unless_importer(member)
    desk = desk_of(request)
    uploads = _uploads(desk)
    kept = uploads.claim(session.id_hash, "roster", sha256)  # one confirmation at a time
    if kept is None:
        problem = said("console_files_changed")
        return _page(request, session, problem=problem, status_code=409)
    try:
        return await _import(request, session, uploads, kept)
    except BaseException:
        uploads.release(session.id_hash, "roster", kept)
        raise


async def _import(request: Request, session: Session, uploads: Uploads, kept: Kept) -> Response:
    member = session.member
    desk = desk_of(request)
    now = desk.now()
    today = now.astimezone(desk.zone).date()

    def work(unit_work: UnitOfWork) -> Checked | bytes:
        found = _read(kept.path, today)
        if not isinstance(found, Roster) or found.problems:
            return _checked(found, [], [])
        done = roster.import_checked(unit_work.units, found.people, member, kept.name, now)
        if done.problems:
            return _checked(found, done.problems, [])
        return invites_workbook(
            done.members, source=kept.name, made_at=now.astimezone(desk.zone),
            lang=member.language,
        )  # fmt: skip

    outcome = await desk.run_admin(work, long=True)
    if isinstance(outcome, Checked):
        uploads.release(session.id_hash, "roster", kept)
        return _page(request, session, checked=outcome, kept=kept, status_code=400)
    uploads.finish(kept)
    uploads.forget(session.id_hash, "roster")
    uploads.keep(session.id_hash, "invites", _invites_name(kept.name), ".xlsx", outcome)
    return RedirectResponse(f"{ROOT}/danhsach?done=imported", status_code=303)


def _invites_name(source: str) -> str:
    stem = Path(source).stem or "danh-sach"
    return f"{stem}-ma-moi.xlsx"


@router.get("/danhsach/ma-moi")
async def roster_invites(request: Request, session: Viewer) -> Response:
    """The invite workbook of the session's last import (kept for the session only)."""
    roster.refuse_unless_importer(session.member)
    desk = desk_of(request)
    kept = _uploads(desk).read(session.id_hash, "invites")
    if kept is None:
        return _page(request, session, problem=said("console_files_no_invites"), status_code=404)
    member, now = session.member, desk.now()
    await desk.run(lambda repo: roster.invites_handed(repo, member, kept.name, now))
    return Response(
        kept.path.read_bytes(),
        media_type=XLSX,
        headers={"content-disposition": disposition("attachment", kept.name)},
    )
