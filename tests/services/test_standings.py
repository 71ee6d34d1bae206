"""Standings and targets as every door sees them: who is refused, what a commander gets."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from campaign.localized import L
from campaign.plans import TargetSpec
from campaign.roles import Role
from campaign.targets import judge
from services import standings
from services.ports import FileRequest, MemberView, Placing, Ranking, TargetReport, TargetView
from services.refusals import Refused
from tests.fakes.renderer import Drawn
from tests.fakes.store import MemoryStore

DAY = date(2026, 3, 9)
NOW = datetime(2026, 3, 9, 8, 30)
MEMBER = MemberView(1, "Lê Văn An", Role.MEMBER, 10, "Tổ Đông", "vi")
LEADER = MemberView(2, "Trần Thị Bình", Role.LEADER, 10, "Tổ Đông", "en")
BOARD = Ranking(
    plan_name=L("Kế hoạch 2026", "Plan 2026"),
    phase_name=None,
    scope_name="Xã Hòa Bình",
    members=[Placing(1, "Lê Văn An", 12, 3)],
    teams=[Placing(1, "Tổ Đông", 12, 3)],
    mine=(1, 1, 12, 3),
)

GOOD_DEEDS = TargetSpec.model_validate(
    {
        "code": "viec-tot",
        "description": "Mỗi tổ mỗi tháng ít nhất 01 việc tốt",
        "level": "team",
        "period": "month",
        "kind": "count",
        "threshold": 1,
        "measure": "entries:good_deed",
    }
)
TEAM_TARGET = TargetView(
    GOOD_DEEDS,
    (date(2026, 3, 1), date(2026, 3, 31)),
    L("đếm việc tốt", "counting good deeds"),
    ("Tổ Đông", judge(GOOD_DEEDS, 2)),
    False,
    [],
)


def test_no_plan_running_means_no_standings() -> None:
    with pytest.raises(Refused) as refused:
        standings.ranking(MemoryStore(), MEMBER, DAY)
    assert refused.value.reason.get("en").startswith("No emulation plan is running")


def test_a_member_reads_the_standings_of_their_commune() -> None:
    store = MemoryStore()
    store.rankings[MEMBER.id] = BOARD
    assert standings.ranking(store, MEMBER, DAY).mine == (1, 1, 12, 3)


def test_targets_are_for_commanders_only() -> None:
    store = MemoryStore()
    store.target_reports[MEMBER.id] = TargetReport(L("K", "P"), [TEAM_TARGET])
    with pytest.raises(Refused) as refused:
        standings.targets(store, MEMBER, DAY)
    assert refused.value.reason.get("en") == (
        "Only team leaders, deputies and commune police see this."
    )


@pytest.mark.parametrize("report", [None, TargetReport(L("K", "P"), [])])
def test_a_plan_without_targets_is_said_so(report: TargetReport | None) -> None:
    store = MemoryStore()
    if report is not None:
        store.target_reports[LEADER.id] = report
    with pytest.raises(Refused) as refused:
        standings.targets(store, LEADER, DAY)
    assert "has no targets" in refused.value.reason.get("en")


def test_a_leader_reads_their_teams_targets() -> None:
    store = MemoryStore()
    store.target_reports[LEADER.id] = TargetReport(L("K", "P"), [TEAM_TARGET])
    assert standings.targets(store, LEADER, DAY).targets == [TEAM_TARGET]


def test_a_commander_asks_for_the_charts_and_workbook_and_gets_them_kept_for_their_chat() -> None:
    store = MemoryStore()
    store.members[LEADER.id], store.rankings[LEADER.id] = LEADER, BOARD
    standings.ask_files(store, LEADER, "en", chat=("web", "c1"), now=NOW)
    ((request, here),) = store.file_requests
    assert (request.kind, request.channel, request.chat_id, request.member_id) == (
        "standings",
        "web",
        "c1",
        LEADER.id,
    )
    assert here and request.language == "en"
    assert json.loads(json.dumps(request.payload)) == {"day": "2026-03-09", "at": NOW.isoformat()}
    drawn = standings.asked_ranking(store, store, request)  # read again once the turn committed
    assert drawn == replace(BOARD, made_at=NOW)  # stamped when it was asked
    kept = standings.keep_drawn(
        store, [b"png0", b"png1"], b"xlsx", chat=("web", "c1"), now=NOW, made=drawn.made_at
    )
    names = [store.files[token][0] for token in (*kept.charts, kept.workbook)]
    assert names == [
        "bang-xep-hang-20260309-1.png",
        "bang-xep-hang-20260309-2.png",
        "bang-xep-hang-20260309.xlsx",
    ]
    shown = kept.messages("en")
    assert [m.text for m in shown] == [
        "Standings chart (1 of 2)",
        "Standings chart (2 of 2)",
        "Standings workbook (a sheet per level)",
    ]
    assert shown[0].image_url == f"/files/{kept.charts[0]}"
    assert shown[2].file_url == f"/files/{kept.workbook}"


def test_one_chart_has_no_part_number() -> None:
    store = MemoryStore()
    kept = standings.keep_files(
        store, Drawn(images=1), BOARD, "vi", chat=("web", "c1"), now=NOW, stem="tuan"
    )
    assert store.files[kept.charts[0]][0] == "tuan-20260309-1.png"
    assert kept.messages("en")[0].text == "Standings chart"


def test_a_member_gets_no_files() -> None:
    store = MemoryStore()
    with pytest.raises(Refused):
        standings.ask_files(store, MEMBER, "vi", chat=("web", "c"), now=NOW)
    assert store.file_requests == []
    # Nor does a commander who lost the role before the files were drawn.
    store.members[MEMBER.id], store.rankings[MEMBER.id] = MEMBER, BOARD
    request = FileRequest("standings", "web", "c", MEMBER.id, "vi", {"day": "2026-03-09"})
    with pytest.raises(Refused):
        standings.asked_ranking(store, store, request)


def test_a_target_reads_in_a_few_lines_with_the_units_beyond_ten_summed_up() -> None:
    below = [(f"Tổ {n:02d}", judge(GOOD_DEEDS, n % 2)) for n in range(1, 14)]
    view = TargetView(
        GOOD_DEEDS,
        TEAM_TARGET.period,
        TEAM_TARGET.how,
        ("Xã Hòa Bình", judge(GOOD_DEEDS, 6)),
        True,
        below,
    )
    lines = standings.target_lines(view, "vi", limit=10)
    assert lines[:3] == [
        "🎯 Mỗi tổ mỗi tháng ít nhất 01 việc tốt",
        "   Cách tính: đếm việc tốt",
        "   Cấp tổ · tháng 01/03/2026–31/03/2026 · Ngưỡng: ít nhất 1",
    ]
    assert lines[4:6] == ["   ✅ Tổ 01: 1", "   ❌ Tổ 02: 0"]
    assert lines[-1] == "   … và 3 đơn vị khác (2 đạt)"  # Tổ 11, 13 met; Tổ 12 not
    assert len(lines) == 3 + 1 + 10 + 1
