"""Proposed grades at the end of an assessment year, by a grading guide's rules. Pure.

How a share of tasks done is counted (the guide fixes the grades, not the tasks):
- a member's tasks are the assessment months they were a member in; a month is done when they
  have at least one verified entry in it;
- a team's tasks are its plan targets (team level, computed ones) over every period that
  closed in the year; a team without such targets is judged by its members' months.

Then, in order:
1. nobody active under the guide's minimum months is graded (the proposal says why);
2. each subject gets the best grade whose threshold its share is strictly above;
3. within one commune and one kind (teams, members), the top grade goes to at most
   `top_share_of_second_max` of those graded the top two grades (rounded down); the rest keep
   the second grade, the highest shares (then points, then name) keeping the top;
4. a team leader is not graded above their team.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from campaign.plans import GradingGuide

SubjectKind = Literal["team", "member"]
UNDER_MONTHS, TOP_SHARE, LEADER = "under_months", "top_share", "leader_team"


@dataclass(frozen=True)
class Subject:
    kind: SubjectKind
    id: int
    name: str
    commune_id: int  # the 20% rule applies within a commune
    active_months: int
    done: int
    tasks: int
    points: int = 0  # after the share, a tie-break for the top grade
    team_id: int | None = None  # a member's team
    leads_team: bool = False

    @property
    def share(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class Proposal:
    subject: Subject
    grade: str | None  # None: not graded
    notes: tuple[str, ...] = ()  # why it differs from the share's grade (UNDER_MONTHS, ...)


def assessment_year(guide: GradingGuide, today: date) -> tuple[date, date]:
    """The last assessment year that has ended by `today` (15/11 to 14/11 for the 2026 guide)."""
    start_day, start_month = (int(part) for part in guide.year_starts.split("/"))
    end_day, end_month = (int(part) for part in guide.year_ends.split("/"))
    for starts_in in (today.year - 1, today.year - 2):
        start = date(starts_in, start_month, start_day)
        end = date(
            starts_in + (1 if (end_month, end_day) < (start_month, start_day) else 0),
            end_month,
            end_day,
        )
        if end < today:
            return start, end
    raise AssertionError("an assessment year is at most a year long")


def months_of(start: date, end: date) -> list[tuple[date, date]]:
    """The assessment year cut into months from its first day: 15/11–14/12, 15/12–14/01, ..."""
    months = []
    index = 0
    while (first := _months_after(start, index)) <= end:
        following = _months_after(start, index + 1)
        months.append((first, min(following - timedelta(days=1), end)))
        index += 1
    return months


def _months_after(day: date, count: int) -> date:
    year, month = divmod(day.month - 1 + count, 12)
    year, month = day.year + year, month + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def grade_for(guide: GradingGuide, share: float) -> str:
    for grade in guide.grades:
        if share > grade.above:
            return grade.code
    return guide.grades[-1].code


def propose(guide: GradingGuide, subjects: list[Subject]) -> list[Proposal]:
    """Teams and members together, so a leader can be held to their team's grade."""
    proposals = [_by_share(guide, s) for s in subjects]
    proposals = _cap_top(guide, proposals)
    return _hold_leaders(guide, proposals)


def _by_share(guide: GradingGuide, subject: Subject) -> Proposal:
    if subject.active_months < guide.minimum_active_months:
        return Proposal(subject, None, (UNDER_MONTHS,))
    return Proposal(subject, grade_for(guide, subject.share))


def _cap_top(guide: GradingGuide, proposals: list[Proposal]) -> list[Proposal]:
    if len(guide.grades) < 2:
        return proposals
    top, second = guide.grades[0].code, guide.grades[1].code
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, proposal in enumerate(proposals):
        if proposal.grade in (top, second):
            groups[(proposal.subject.kind, proposal.subject.commune_id)].append(index)
    result = list(proposals)
    for indices in groups.values():
        allowed = math.floor(guide.top_share_of_second_max * len(indices) + 1e-9)
        tops = [i for i in indices if proposals[i].grade == top]
        tops.sort(key=lambda i: _precedence(proposals[i].subject))
        for index in tops[allowed:]:
            result[index] = replace(proposals[index], grade=second, notes=(TOP_SHARE,))
    return result


def _precedence(subject: Subject) -> tuple[float, int, str, int]:
    return (-subject.share, -subject.points, subject.name, subject.id)


def _hold_leaders(guide: GradingGuide, proposals: list[Proposal]) -> list[Proposal]:
    if not guide.leader_not_above_team:
        return proposals
    order = {g.code: i for i, g in enumerate(guide.grades)}  # 0 is the best
    team_grades = {p.subject.id: p.grade for p in proposals if p.subject.kind == "team"}
    result = []
    for proposal in proposals:
        subject = proposal.subject
        team_grade = team_grades.get(subject.team_id or -1)
        if (
            subject.kind == "member"
            and subject.leads_team
            and proposal.grade is not None
            and team_grade is not None
            and order[proposal.grade] < order[team_grade]
        ):
            proposal = replace(proposal, grade=team_grade, notes=(*proposal.notes, LEADER))
        result.append(proposal)
    return result
