"""The console's boards as services: the week's movement the Monday job and the console share,
the standings a commander may pick, and the deadlines board's done / late / not yet due, unit
by unit, within the viewer's subtree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest

from campaign.deadlines import state_on
from campaign.plans import PhaseSpec, Plan, load_document
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN, Standing
from services import deliverables, standings
from services.ports import (
    Audited,
    BoardUnit,
    MemberView,
    Placing,
    Ranking,
    Submission,
    SubmissionView,
    SubmittedPhoto,
)
from services.refusals import Refused

DAY = date(2027, 3, 10)
NOW = datetime(2027, 3, 10, 9, 0)
PROVINCE, COMMUNE, EAST, WEST, OTHER_COMMUNE, NORTH = 1, 2, 3, 4, 5, 6
NAMES = {
    PROVINCE: "Tỉnh Minh Họa",
    COMMUNE: "Xã Hòa Bình",
    EAST: "Tổ thôn Đông",
    WEST: "Tổ thôn Tây",
    OTHER_COMMUNE: "Xã Yên Lạc",
    NORTH: "Tổ thôn Bắc",
}
UNDER = {
    PROVINCE: [PROVINCE, COMMUNE, EAST, WEST, OTHER_COMMUNE, NORTH],
    COMMUNE: [COMMUNE, EAST, WEST],
    OTHER_COMMUNE: [OTHER_COMMUNE, NORTH],
    EAST: [EAST],
    WEST: [WEST],
    NORTH: [NORTH],
}
KINDS = {PROVINCE: "province", COMMUNE: "commune", OTHER_COMMUNE: "commune"}
OFFICER = MemberView(10, "Đỗ Văn Dũng", Role.OFFICER, COMMUNE, NAMES[COMMUNE], "vi")
LEADER = MemberView(11, "Phạm Văn Cường", Role.LEADER, EAST, NAMES[EAST], "vi")
MEMBER = MemberView(12, "Nguyễn Văn An", Role.MEMBER, EAST, NAMES[EAST], "vi")
ADMIN = MemberView(13, "Quản Trị Tỉnh", Role.ADMIN, PROVINCE, NAMES[PROVINCE], "vi")
ELSEWHERE = MemberView(14, "Vũ Văn Khác", Role.OFFICER, OTHER_COMMUNE, NAMES[OTHER_COMMUNE], "vi")

_LOADED = load_document("""\
code: thu-bang
name: Kế hoạch thử
issuer: Công an tỉnh
scope: DEMO
starts: 01/01/2027
ends: 30/06/2027
phases:
  - {code: dot-1, name: Đợt 1, starts: 01/01/2027, ends: 31/03/2027}
  - {code: dot-2, name: Đợt 2, starts: 01/04/2027, ends: 30/06/2027}
areas:
  - {code: tip, form: tip, points: 3, name: Nguồn tin}
deadlines:
  - {code: bao-cao-thang, title: Báo cáo tháng, due: 08/03/2027, role: leader, level: team, deliverable: Báo cáo, escalate_to: commune}
  - {code: bao-cao-quy, title: Báo cáo quý, due: 20/03/2027, role: leader, level: team, deliverable: Báo cáo}
""")
assert isinstance(_LOADED, Plan)
PLAN: Plan = _LOADED


@dataclass
class Boards:
    """A province of two communes: ranks kept from the last weekly board, deadlines reported."""

    ranks: dict[tuple[str, str, int], list[tuple[int, Standing]]] = field(default_factory=dict)
    kept: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)
    done: dict[tuple[str, date], list[Submission]] = field(default_factory=dict)
    audited: list[Audited] = field(default_factory=list)

    # RankStore / StandingsBoardStore
    def ranked(
        self, plan_code: str, phase_code: str, level: str, scope: int
    ) -> list[tuple[int, Standing]]:
        return self.ranks.get((phase_code, level, scope), [])

    def last_ranks(
        self, plan_code: str, phase_code: str, level: str, subject_ids: list[int]
    ) -> dict[int, int]:
        before = self.kept.get((phase_code, level), {})
        return {s: r for s, r in before.items() if s in subject_ids}

    def scored_plan(self, unit_id: int, day: date) -> Plan | None:
        return PLAN

    def standing_scope(self, unit_id: int) -> BoardUnit:
        commune = next((c for c in (COMMUNE, OTHER_COMMUNE) if unit_id in UNDER[c]), unit_id)
        return BoardUnit(commune, NAMES[commune], KINDS.get(commune, "team"))

    def board_units(self, unit_id: int, kind: str) -> list[BoardUnit]:
        return [
            BoardUnit(u, NAMES[u], kind) for u in UNDER[unit_id] if KINDS.get(u, "team") == kind
        ]

    def standings_board(
        self,
        plan: Plan,
        phase: PhaseSpec | None,
        scope: tuple[int, str],
        people: list[tuple[int, Standing]],
        teams: list[tuple[int, Standing]],
        made_at: datetime | None,
        moves: dict[str, dict[int, int | None]],
    ) -> Ranking:
        def placed(level: str, rows: list[tuple[int, Standing]]) -> list[Placing]:
            return [
                Placing(r, s.name, s.points, s.entries, moved=moves[level].get(s.subject_id))
                for r, s in rows
            ]

        return Ranking(
            plan.name,
            phase.name if phase else None,
            scope[1],
            placed("member", people),
            placed("team", teams),
            None,
        )

    # DeadlineBoardStore
    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        return [(PLAN, PROVINCE)]

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
        return [(u, NAMES[u]) for u in UNDER[scope_unit_id] if KINDS.get(u, "team") == kind]

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]:
        return {s.unit_id for s in self.done.get((deadline_code, due), [])}

    def units_within(self, unit_id: int) -> list[int]:
        return UNDER[unit_id]

    def submissions(self, plan_code: str, deadline_code: str, due: date) -> list[Submission]:
        return self.done.get((deadline_code, due), [])

    def submission_views(
        self, plan_code: str, deadline_code: str, due: date
    ) -> dict[int, SubmissionView]:
        return {}  # what each unit gathered is read on the database (tests/storage)

    def submitted_photo(self, attachment_id: int) -> SubmittedPhoto | None:
        if attachment_id != 7:
            return None
        return SubmittedPhoto((WEST, COMMUNE, PROVINCE), "image/jpeg", b"jpeg")

    def audit(self, line: Audited) -> None:
        self.audited.append(line)


def standing(subject: int, name: str, points: int) -> Standing:
    return Standing(subject, name, points, points // 3)


def test_the_week_s_movement_is_counted_from_the_last_weekly_board() -> None:
    store = Boards()
    store.ranks[("dot-1", "member", COMMUNE)] = [
        (1, standing(21, "Lê Văn Bình", 9)),
        (2, standing(20, "Nguyễn Thị Hoa", 6)),
        (3, standing(22, "Trần Văn Mới", 0)),
    ]
    store.kept[("dot-1", "member")] = {20: 1, 21: 2}
    board = standings.weekly_board(store, "thu-bang", "dot-1", COMMUNE)
    assert board.moves["member"] == {21: 1, 20: -1, 22: None}
    assert board.ranks("member") == {21: 1, 20: 2, 22: 3}
    shown = [standings.moved_text(board.moves["member"][s], "vi") for s in (21, 20, 22)]
    assert shown == ["▲1", "▼1", "mới"]
    assert standings.moved_text(0, "en") == "="


def test_a_commander_sees_their_commune_and_an_admin_picks_one_under_them() -> None:
    store = Boards()
    store.ranks[(WHOLE_PLAN, "commune", PROVINCE)] = [
        (1, standing(COMMUNE, NAMES[COMMUNE], 9)),
        (2, standing(OTHER_COMMUNE, NAMES[OTHER_COMMUNE], 0)),
    ]
    led = standings.board(store, LEADER, DAY)
    assert (led.commune.id, led.phase_code, led.communes) == (COMMUNE, "dot-1", [])
    assert [c.id for c in led.choices] == [COMMUNE]
    with pytest.raises(Refused, match="phạm vi"):
        standings.board(store, OFFICER, DAY, unit_id=OTHER_COMMUNE)
    top = standings.board(store, ADMIN, DAY, unit_id=OTHER_COMMUNE, phase_code=WHOLE_PLAN)
    assert (top.commune.id, top.phase, top.phase_code) == (OTHER_COMMUNE, None, WHOLE_PLAN)
    assert [c.name for c in top.communes] == [NAMES[COMMUNE], NAMES[OTHER_COMMUNE]]
    with pytest.raises(Refused, match="không có đợt"):
        standings.board(store, ADMIN, DAY, phase_code="dot-9")
    with pytest.raises(Refused):
        standings.board(store, MEMBER, DAY)


def submitted(unit: int, day: date, **files: Any) -> Submission:
    return Submission(
        unit,
        NAMES[unit],
        datetime.combine(day, datetime.min.time()),
        "Người Nộp",
        files.get("document"),
        files.get("attachment"),
    )


def test_the_deadlines_board_is_each_addressed_unit_done_late_or_not_due_yet() -> None:
    store = Boards()
    store.done[("bao-cao-thang", date(2027, 3, 8))] = [submitted(EAST, DAY, document=3)]
    store.done[("bao-cao-quy", date(2027, 3, 20))] = [submitted(WEST, DAY, attachment=7)]
    lines = deliverables.board(store, OFFICER, DAY)
    assert [(line.deadline_code, line.unit_name, line.state) for line in lines] == [
        ("bao-cao-thang", "Tổ thôn Đông", "done"),
        ("bao-cao-thang", "Tổ thôn Tây", "late"),
        ("bao-cao-quy", "Tổ thôn Đông", "waiting"),
        ("bao-cao-quy", "Tổ thôn Tây", "done"),
    ]
    assert lines[0].submission is not None and lines[0].submission.document_id == 3
    # on its day a deadline is not late yet; the day after it is (the job tells the commune)
    on_the_day = deliverables.board(store, OFFICER, date(2027, 3, 8))
    assert [line.state for line in on_the_day][:2] == ["done", "waiting"]
    assert state_on(date(2027, 3, 8), date(2027, 3, 9), done=False) == "late"
    # the late rule is the job's: units not reported, in Vietnamese order
    assert deliverables.not_reported(
        store, "thu-bang", PROVINCE, PLAN.deadlines[0], date(2027, 3, 8)
    ) == [(NORTH, "Tổ thôn Bắc"), (WEST, "Tổ thôn Tây")]
    # scope: a leader their team, another commune theirs, the province everything
    assert {line.unit_id for line in deliverables.board(store, LEADER, DAY)} == {EAST}
    assert {line.unit_id for line in deliverables.board(store, ELSEWHERE, DAY)} == {NORTH}
    assert len(deliverables.board(store, ADMIN, DAY)) == 6
    with pytest.raises(Refused):
        deliverables.board(store, MEMBER, DAY)


def test_a_reported_photo_opens_for_its_line_of_command_only() -> None:
    store = Boards()
    assert deliverables.submitted_photo(store, OFFICER, 7, NOW).data == b"jpeg"
    assert [line.action for line in store.audited] == ["deliverable.photo_opened"]
    for outsider in (ELSEWHERE, LEADER):  # another commune; the team beside it
        with pytest.raises(Refused):
            deliverables.submitted_photo(store, outsider, 7, NOW)
    with pytest.raises(Refused):
        deliverables.submitted_photo(store, OFFICER, 8, NOW)
    assert len(store.audited) == 1
