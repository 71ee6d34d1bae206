"""Year-end grading as every door sees it: who may grade, changing one with its reason,
confirming the rest, the workbook."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from campaign.localized import L
from campaign.roles import Role
from services import grading
from services.ports import GradeLine, GradingBoard, MemberView
from services.refusals import Refused
from tests.fakes.store import MemoryStore

NOW = datetime(2026, 11, 20, 9, 0)
COMMUNE = 5
OFFICER = MemberView(1, "Cán Bộ", Role.OFFICER, COMMUNE, "Xã Hòa Bình", "vi")
ADMIN = MemberView(2, "Quản Trị", Role.ADMIN, COMMUNE, "Xã Hòa Bình", "vi")
LEADER = MemberView(3, "Tổ Trưởng", Role.LEADER, 9, "Tổ Đông", "vi")


def line(line_id: int, name: str, proposed: str | None, final: str | None = None) -> GradeLine:
    return GradeLine(line_id, "member", name, "Tổ Đông", 0.9, 9, 10, 12, proposed, (), final, None)


def a_commune_board() -> MemoryStore:
    store = MemoryStore()
    store.grading_boards[COMMUNE] = GradingBoard(
        guide_name=L("Hướng dẫn", "Guide"),
        grade_names=(("excellent", L("Xuất sắc", "Excellent")), ("good", L("Tốt", "Good"))),
        year_start=date(2025, 11, 15),
        year_end=date(2026, 11, 14),
        commune_name="Xã Hòa Bình",
        lines=[line(11, "Lê Văn An", "good"), line(12, "Ngô Văn Mới", None)],
        minimum_months=6,
        top_share=0.2,
    )
    return store


def test_only_commune_police_and_admins_grade() -> None:
    store = a_commune_board()
    for act in (
        lambda: grading.board(store, LEADER, NOW),
        lambda: grading.confirm(store, LEADER, NOW),
        lambda: grading.change(store, LEADER, 11, "excellent", "Làm rất tốt", NOW),
    ):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.reason.get("en") == "Only commune police confirm grades."
    assert store.audited == []
    assert grading.board(store, ADMIN, NOW).commune_name == "Xã Hòa Bình"


def test_without_a_guide_there_is_nothing_to_grade() -> None:
    with pytest.raises(Refused) as refused:
        grading.board(MemoryStore(), OFFICER, NOW)
    assert refused.value.reason.get("en").startswith("No grading guide is loaded")


def test_a_grade_changes_with_its_reason_and_is_audited() -> None:
    store = a_commune_board()
    changed = grading.change(store, OFFICER, 11, "excellent", "Bắt được kẻ trộm", NOW)
    assert (changed.line.name, changed.grade) == ("Lê Văn An", "excellent")
    after = next(x for x in changed.board.lines if x.id == 11)
    assert (after.final, after.reason) == ("excellent", "Bắt được kẻ trộm")
    assert store.audited == [(OFFICER.id, "grade.changed", "11")]


@pytest.mark.parametrize(
    ("line_id", "grade", "reason"),
    [
        (12, "good", "Mới vào"),  # too few months: not graded
        (99, "good", "Không có"),  # not on the commune's board
        (11, "best", "Không có hạng này"),  # not one of the guide's grades
        (11, "excellent", " a "),  # no reason worth the name
    ],
)
def test_a_grade_that_cannot_change_is_refused(line_id: int, grade: str, reason: str) -> None:
    store = a_commune_board()
    with pytest.raises(Refused) as refused:
        grading.change(store, OFFICER, line_id, grade, reason, NOW)
    assert refused.value.reason.get("en").startswith("This one could not be changed")
    assert store.audited == []


def test_confirming_decides_every_proposed_grade_once() -> None:
    store = a_commune_board()
    grading.change(store, OFFICER, 11, "excellent", "Bắt được kẻ trộm", NOW)
    assert grading.confirm(store, OFFICER, NOW) == 0  # the one graded line is decided
    store = a_commune_board()
    assert grading.confirm(store, OFFICER, NOW) == 1
    assert grading.board(store, OFFICER, NOW).confirmed
    assert grading.board(store, OFFICER, NOW).lines[0].final == "good"  # as proposed
    assert grading.confirm(store, OFFICER, NOW) == 0


def test_the_workbook_is_asked_for_then_kept_for_the_chat_that_asked() -> None:
    store = a_commune_board()
    store.members[OFFICER.id] = OFFICER
    grading.ask_workbook(store, OFFICER, "vi", chat=("telegram", "42"), now=NOW)
    ((request, here),) = store.file_requests
    assert (request.kind, request.chat_id, request.member_id, here) == ("grades", "42", 1, True)
    drawn = grading.asked_board(store, store, request)  # read again once the turn committed
    assert drawn.made_at == NOW and drawn.lines == grading.board(store, OFFICER, NOW).lines
    token = grading.keep_workbook(store, drawn, b"grades", chat=("telegram", "42"), now=NOW)
    assert store.files[token] == (
        "xep-loai-2025-2026.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"grades",
    )
