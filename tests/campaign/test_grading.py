"""Proposed grades by the 2026 guide: thresholds, the 9-month rule, the 20% cap, leaders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaign.grading import (
    LEADER,
    TOP_SHARE,
    UNDER_MONTHS,
    Subject,
    assessment_year,
    grade_for,
    months_of,
    propose,
)
from campaign.plans import GradingGuide, load_document

GUIDE_FILE = Path(__file__).resolve().parents[2] / "plans" / "2026-huong-dan-01-hd-bca-v05.yaml"


@pytest.fixture(scope="module")
def guide() -> GradingGuide:
    document = load_document(GUIDE_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, GradingGuide)
    return document


def member(
    number: int,
    done: int,
    *,
    months: int = 12,
    commune: int = 1,
    team: int = 100,
    leads: bool = False,
    points: int = 0,
) -> Subject:
    return Subject(
        kind="member",
        id=number,
        name=f"Thành viên {number:02d}",
        commune_id=commune,
        active_months=months,
        done=done,
        tasks=months,
        points=points,
        team_id=team,
        leads_team=leads,
    )


def team(number: int, done: int, tasks: int = 12, commune: int = 1) -> Subject:
    return Subject("team", number, f"Tổ {number}", commune, 12, done, tasks)


def grades(proposals: list) -> dict[tuple[str, int], str | None]:  # type: ignore[type-arg]
    return {(p.subject.kind, p.subject.id): p.grade for p in proposals}


def test_the_assessment_year_is_the_last_one_that_ended(guide: GradingGuide) -> None:
    assert assessment_year(guide, date(2026, 11, 23)) == (date(2025, 11, 15), date(2026, 11, 14))
    assert assessment_year(guide, date(2026, 11, 14)) == (date(2024, 11, 15), date(2025, 11, 14))
    assert assessment_year(guide, date(2026, 11, 15)) == (date(2025, 11, 15), date(2026, 11, 14))
    months = months_of(date(2025, 11, 15), date(2026, 11, 14))
    assert len(months) == 12
    assert months[0] == (date(2025, 11, 15), date(2025, 12, 14))
    assert months[2] == (date(2026, 1, 15), date(2026, 2, 14))
    assert months[-1] == (date(2026, 10, 15), date(2026, 11, 14))


def test_over_95_percent_is_needed_for_the_top_grade(guide: GradingGuide) -> None:
    assert grade_for(guide, 1.0) == "xuat-sac"
    assert grade_for(guide, 0.95) == "tot"  # "over 95%": exactly 95% is not enough
    assert grade_for(guide, 0.951) == "xuat-sac"
    assert grade_for(guide, 0.8) == "hoan-thanh"
    assert grade_for(guide, 0.5) == "khong-hoan-thanh"
    assert grade_for(guide, 0.0) == "khong-hoan-thanh"


def test_nobody_active_under_nine_months_is_graded(guide: GradingGuide) -> None:
    proposals = propose(guide, [member(1, 8, months=8), member(2, 9, months=9)])
    assert proposals[0].grade is None and proposals[0].notes == (UNDER_MONTHS,)
    assert proposals[1].grade == "xuat-sac" or proposals[1].notes == (TOP_SHARE,)


def test_at_most_a_fifth_of_the_good_ones_are_excellent_within_a_commune(
    guide: GradingGuide,
) -> None:
    # Ten members do everything; the one with more points keeps the top grade first.
    everyone = [member(n, 12, points=n) for n in range(1, 11)]
    proposals = propose(guide, everyone)
    top = [p.subject.id for p in proposals if p.grade == "xuat-sac"]
    assert top == [9, 10]  # 20% of 10, the highest points
    assert all(p.grade == "tot" and p.notes == (TOP_SHARE,) for p in proposals if p.subject.id <= 8)
    # "tốt" on its own share counts in the pool: 8 excellent + 2 good -> 2 of 10 stay top.
    mixed = [member(n, 12) for n in range(1, 9)] + [member(9, 11), member(10, 11)]
    assert sum(p.grade == "xuat-sac" for p in propose(guide, mixed)) == 2
    # Below the cap nothing changes; weaker grades do not count in the pool.
    few = [member(1, 12), member(2, 11), member(3, 11), member(4, 11), member(5, 11)]
    few += [member(n, 6) for n in range(6, 20)]
    assert grades(propose(guide, few))[("member", 1)] == "xuat-sac"
    # Each commune has its own fifth, and teams are capped apart from members.
    split = [member(n, 12, commune=1 + n % 2) for n in range(1, 11)]
    assert sum(p.grade == "xuat-sac" for p in propose(guide, split)) == 2  # 1 per 5
    teams_and_members = [team(n, 12) for n in range(1, 6)] + [member(n, 12) for n in range(1, 6)]
    result = grades(propose(guide, teams_and_members))
    assert sum(g == "xuat-sac" for (k, _), g in result.items() if k == "team") == 1
    assert sum(g == "xuat-sac" for (k, _), g in result.items() if k == "member") == 1


def test_a_small_commune_has_no_excellent_place_below_five_good_ones(guide: GradingGuide) -> None:
    proposals = propose(guide, [member(1, 12), member(2, 12)])
    assert [p.grade for p in proposals] == ["tot", "tot"]


def test_a_team_leader_is_not_graded_above_the_team(guide: GradingGuide) -> None:
    subjects = [team(100, 10)]  # 83%: "tốt"
    subjects += [member(n, 12, team=100) for n in range(2, 12)]
    subjects.append(member(1, 12, team=100, leads=True, points=99))  # would keep the top grade
    proposals = {p.subject.id: p for p in propose(guide, subjects) if p.subject.kind == "member"}
    leader = proposals[1]
    assert leader.grade == "tot" and LEADER in leader.notes
    assert team(100, 10).share < 0.95
    # A leader whose team does well keeps their own grade.
    strong = propose(guide, [team(100, 12), member(1, 7, team=100, leads=True)])
    assert strong[1].grade == "hoan-thanh" and LEADER not in strong[1].notes  # 7/12 = 58%
