"""Year-end grading: a commune officer (or an admin) reads the commune's proposed grades for
the last assessment year, changes one with a reason, confirms the rest, or exports them. The
chat's grading desk, the yearly job and the console's grading screen apply these rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from campaign.catalogs import said
from campaign.localized import Language
from campaign.roles import Role
from services.ports import (
    FileJobStore,
    FileRequest,
    FileStore,
    GradeLine,
    GradingBoard,
    GradingStore,
    MemberLookup,
    MemberView,
)
from services.refusals import Refused
from services.standings import XLSX

GRADERS = (Role.OFFICER, Role.ADMIN)
SHORTEST_REASON = 3  # a changed grade says why, in a few words at least


@dataclass(frozen=True)
class ChangedGrade:
    """A line's grade as decided now, and the board it sits on afterwards."""

    line: GradeLine
    grade: str
    board: GradingBoard


def may_grade(member: MemberView) -> bool:
    return member.role in GRADERS


def board(
    store: GradingStore, officer: MemberView, now: datetime, *, fresh: bool = False
) -> GradingBoard:
    """The commune's grades for the last assessment year before `now`, proposed on first
    reading; proposed again if `fresh` while none is decided yet."""
    if not may_grade(officer):
        raise Refused(said("grading_officers_only"))
    found = store.grading_board(officer, now.date(), now, fresh=fresh)
    if found is None:
        raise Refused(said("grading_no_guide"))
    return found


def confirm(store: GradingStore, officer: MemberView, now: datetime) -> int:
    """Every undecided grade confirmed as proposed; how many were."""
    if not may_grade(officer):
        raise Refused(said("grading_officers_only"))
    return store.confirm_grades(officer, now.date(), now)


def change(
    store: GradingStore, officer: MemberView, line_id: int, grade: str, reason: str, now: datetime
) -> ChangedGrade:
    """Set one graded line of the officer's commune to one of the guide's grades, with the
    reason (kept in the audit)."""
    current = board(store, officer, now)
    line = next((x for x in current.lines if x.id == line_id), None)
    known = {code for code, _ in current.grade_names}
    if (
        line is None
        or line.proposed is None
        or grade not in known
        or len(reason.strip()) < SHORTEST_REASON
        or not store.change_grade(officer, line_id, grade, reason, now)
    ):
        raise Refused(said("grading_not_changed"))
    return ChangedGrade(line, grade, board(store, officer, now))


WORKBOOK = "grades"  # a file request's kind: the commune's grades as a workbook


def ask_workbook(
    jobs: FileJobStore, officer: MemberView, lang: Language, *, chat: tuple[str, str], now: datetime
) -> int:
    """Ask for the commune's grades as a workbook in `lang`, for `chat`: drawn off the
    conversation. The request's id."""
    if not may_grade(officer):
        raise Refused(said("grading_officers_only"))
    return jobs.ask_file(
        FileRequest(WORKBOOK, *chat, officer.id, lang, {"at": now.isoformat()}), now
    )


def asked_board(store: GradingStore, members: MemberLookup, request: FileRequest) -> GradingBoard:
    """The board a request of `ask_workbook` draws, read again (stamped when it was asked)."""
    officer = None if request.member_id is None else members.member_by_id(request.member_id)
    if officer is None:
        raise Refused(said("grading_officers_only"))
    at = datetime.fromisoformat(request.payload["at"])
    return replace(board(store, officer, at), made_at=at)


def keep_workbook(
    files: FileStore, drawn: GradingBoard, data: bytes, *, chat: tuple[str, str], now: datetime
) -> str:
    """Keep the grades workbook drawn for `chat`; its file token."""
    name = f"xep-loai-{drawn.year_start:%Y}-{drawn.year_end:%Y}.xlsx"
    return files.save_file(*chat, name, XLSX, data, now)


__all__ = [
    "GRADERS",
    "WORKBOOK",
    "ChangedGrade",
    "ask_workbook",
    "asked_board",
    "board",
    "change",
    "confirm",
    "keep_workbook",
    "may_grade",
]
