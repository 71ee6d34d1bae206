"""Standings as officials read them on a chart or a workbook: each member's team and role, the
verified entries of each content area, and the places moved since the last weekly board.

The points and ranks come from the caller (the kept standings); this only adds the columns.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from campaign.collation import person_key, vietnamese_key
from campaign.localized import Language
from campaign.plans import PhaseSpec, Plan
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN, Standing, movements, ranked
from services.ports import (
    BoardUnit,
    MemberView,
    Placing,
    Ranking,
    StandingsBoardStore,
    StandingStore,
    TargetReport,
)
from storage import plans as stored_plans
from storage import standings, targets, weekly
from storage.outbox import Letter, reach_many
from storage.schema import entries, entry_participants, members, units
from storage.tree import nearest_of_kind, subtree
from storage.unit_of_work import FeatureRepository


def ranking(
    conn: Connection,
    plan: Plan,
    phase: PhaseSpec | None,
    scope: tuple[int, str],
    people: list[tuple[int, Standing]],
    teams: list[tuple[int, Standing]],
    made_at: datetime | None,
    *,
    moves: dict[str, dict[int, int | None]] | None = None,
    mine: tuple[int, int, int, int] | None = None,
) -> Ranking:
    """The board of one commune (`scope`: id, name). `moves` by level, as the weekly board
    computed them; otherwise read against the last weekly board kept."""
    phase_code = phase.code if phase else WHOLE_PLAN
    if moves is None:
        moves = {
            level: _moved(conn, plan.code, phase_code, level, rows)
            for level, rows in (("member", people), ("team", teams))
        }
    codes = [area.code for area in plan.areas]
    member_counts = _member_counts(conn, plan.code, phase_code, [s.subject_id for _, s in people])
    team_counts = _team_counts(conn, plan.code, phase_code, [s.subject_id for _, s in teams])
    placed = _placed(conn, [s.subject_id for _, s in people])
    return Ranking(
        plan_name=plan.name,
        phase_name=phase.name if phase else None,
        scope_name=scope[1],
        members=[
            Placing(
                rank,
                s.name,
                s.points,
                s.entries,
                team=placed.get(s.subject_id, ("", None))[0],
                role=placed.get(s.subject_id, ("", None))[1],
                counts=tuple(member_counts[s.subject_id].get(code, 0) for code in codes),
                moved=moves["member"].get(s.subject_id),
            )
            for rank, s in people
        ],
        teams=[
            Placing(
                rank,
                s.name,
                s.points,
                s.entries,
                counts=tuple(team_counts[s.subject_id].get(code, 0) for code in codes),
                moved=moves["team"].get(s.subject_id),
            )
            for rank, s in teams
        ],
        mine=mine,
        areas=tuple(area.name for area in plan.areas),
        period=(phase.starts, phase.ends) if phase else (plan.starts, plan.ends),
        made_at=made_at,
    )


def _moved(
    conn: Connection, plan_code: str, phase_code: str, level: str, rows: list[tuple[int, Standing]]
) -> dict[int, int | None]:
    before = weekly.last_ranks(conn, plan_code, phase_code, level, [s.subject_id for _, s in rows])
    return movements({s.subject_id: rank for rank, s in rows}, before)


def _placed(conn: Connection, member_ids: list[int]) -> dict[int, tuple[str, Role | None]]:
    if not member_ids:
        return {}
    rows = conn.execute(
        select(members.c.id, units.c.name, members.c.role)
        .join(units, members.c.unit_id == units.c.id)
        .where(members.c.id.in_(member_ids))
    ).all()
    roles = {role.value: role for role in Role}
    return {int(i): (str(name), roles.get(role)) for i, name, role in rows}


def _scored(plan_code: str, phase_code: str) -> list[ColumnElement[bool]]:
    """Verified entries scored under the plan (and phase, unless the whole plan)."""
    found: list[ColumnElement[bool]] = [
        entries.c.status == "verified",
        entries.c.plan_code == plan_code,
    ]
    if phase_code != WHOLE_PLAN:
        found.append(entries.c.phase_code == phase_code)
    return found


def _member_counts(
    conn: Connection, plan_code: str, phase_code: str, member_ids: list[int]
) -> defaultdict[int, dict[str, int]]:
    """Each member's scored entries by area: those they logged and those they were credited
    on as a teammate (as their standing counts them)."""
    counts: defaultdict[int, dict[str, int]] = defaultdict(dict)
    if not member_ids:
        return counts
    scored = _scored(plan_code, phase_code)
    own = (
        select(entries.c.member_id, entries.c.content_area, func.count())
        .where(*scored, entries.c.member_id.in_(member_ids))
        .group_by(entries.c.member_id, entries.c.content_area)
    )
    credited = (
        select(entry_participants.c.member_id, entries.c.content_area, func.count())
        .join(entries, entries.c.id == entry_participants.c.entry_id)
        .where(
            *scored,
            entry_participants.c.member_id.in_(member_ids),
            entry_participants.c.points.is_not(None),
        )
        .group_by(entry_participants.c.member_id, entries.c.content_area)
    )
    for query in (own, credited):
        for member_id, area, count in conn.execute(query).all():
            mine = counts[int(member_id)]
            mine[str(area)] = mine.get(str(area), 0) + int(count)
    return counts


def _under(conn: Connection, roots: list[int]) -> dict[int, int]:
    """Each of the roots and every unit under them, with its root: a level of the tree a
    query for all the roots at once (not a walk per team: 26 teams were 52 queries)."""
    root_of = {root: root for root in roots}
    frontier = list(roots)
    while frontier:
        rows = conn.execute(
            select(units.c.id, units.c.parent_id).where(units.c.parent_id.in_(frontier))
        ).all()
        frontier = []
        for unit, parent in rows:
            if int(unit) not in root_of:  # a team under another listed team stays its own
                root_of[int(unit)] = root_of[int(parent)]
                frontier.append(int(unit))
    return root_of


def _team_counts(
    conn: Connection, plan_code: str, phase_code: str, team_ids: list[int]
) -> defaultdict[int, dict[str, int]]:
    """A team's scored entries by area, logged in it or any unit under it, once for the one
    who logged each and once for each teammate credited (as the team's standing counts)."""
    counts: defaultdict[int, dict[str, int]] = defaultdict(dict)
    team_of = _under(conn, team_ids)
    if not team_of:
        return counts
    scored = _scored(plan_code, phase_code)
    logged = (
        select(entries.c.unit_id, entries.c.content_area, func.count())
        .where(*scored, entries.c.unit_id.in_(list(team_of)))
        .group_by(entries.c.unit_id, entries.c.content_area)
    )
    credited = (
        select(entries.c.unit_id, entries.c.content_area, func.count())
        .join(entry_participants, entry_participants.c.entry_id == entries.c.id)
        .where(
            *scored,
            entries.c.unit_id.in_(list(team_of)),
            entry_participants.c.points.is_not(None),
        )
        .group_by(entries.c.unit_id, entries.c.content_area)
    )
    for query in (logged, credited):
        for unit_id, area, count in conn.execute(query).all():
            mine = counts[team_of[int(unit_id)]]
            mine[str(area)] = mine.get(str(area), 0) + int(count)
    return counts


class StandingRepository(FeatureRepository, StandingStore, StandingsBoardStore):
    """Standings and targets as a member reads them (`services.ports.StandingStore`), and a
    commune's board with the week's movement as the weekly job and the console read it
    (`StandingsBoardStore`)."""

    def ranking(self, member: MemberView, day: date) -> Ranking | None:
        plan = stored_plans.running(self.db, member.unit_id, day, scored=True)
        if plan is None:
            return None
        phase = plan.phase_on(day)
        phase_code = phase.code if phase else WHOLE_PLAN
        scope = nearest_of_kind(self.db, member.unit_id, "commune") or member.unit_id
        scope_name = self.db.execute(select(units.c.name).where(units.c.id == scope)).scalar_one()
        people = self.ranked(plan.code, phase_code, "member", scope)
        mine = next(
            (
                (rank, len(people), s.points, s.entries)
                for rank, s in people
                if s.subject_id == member.id
            ),
            None,
        )
        return ranking(
            self.db,
            plan,
            phase,
            (scope, scope_name),
            people,
            self.ranked(plan.code, phase_code, "team", scope),
            None,
            mine=mine,
        )

    def ranked(
        self, plan_code: str, phase_code: str, level: str, scope: int
    ) -> list[tuple[int, Standing]]:
        """Everyone of `level` in the scope, ranked; equals in Vietnamese order of names."""
        table = standings.table(self.db, plan_code, phase_code, level, scope)
        return ranked(table, person_key if level == "member" else vietnamese_key)

    def last_ranks(
        self, plan_code: str, phase_code: str, level: str, subject_ids: list[int]
    ) -> dict[int, int]:
        return weekly.last_ranks(self.db, plan_code, phase_code, level, subject_ids)

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
        return ranking(self.db, plan, phase, scope, people, teams, made_at, moves=moves)

    def scored_plan(self, unit_id: int, day: date) -> Plan | None:
        return stored_plans.running(self.db, unit_id, day, scored=True)

    def standing_scope(self, unit_id: int) -> BoardUnit:
        scope = nearest_of_kind(self.db, unit_id, "commune") or unit_id
        row = self.db.execute(select(units.c.name, units.c.kind).where(units.c.id == scope)).one()
        return BoardUnit(scope, str(row.name), str(row.kind))

    def board_units(self, unit_id: int, kind: str) -> list[BoardUnit]:
        rows = self.db.execute(
            select(units.c.id, units.c.name).where(
                units.c.id.in_(subtree(self.db, unit_id)),
                units.c.kind == kind,
                units.c.valid_to.is_(None),
            )
        ).all()
        found = [BoardUnit(int(i), str(n), kind) for i, n in rows]
        return sorted(found, key=lambda unit: vietnamese_key(unit.name))

    def target_report(self, commander: MemberView, day: date) -> TargetReport | None:
        plan = stored_plans.running(self.db, commander.unit_id, day)
        if plan is None or not plan.targets:
            return None
        return targets.report(self.db, plan, commander.unit_id, day, self.work.zone)


class WeeklyBoardRepository(StandingRepository):
    """What the weekly board reads and keeps: the standings, last week's ranks, who logged in
    the week, each team's members."""

    def keep_ranks(
        self, plan_code: str, phase_code: str, level: str, ranks: dict[int, int], week: str
    ) -> None:
        weekly.keep_ranks(self.db, plan_code, phase_code, level, ranks, week)

    def roster(self, unit_ids: list[int]) -> dict[int, weekly.Member]:
        return weekly.roster(self.db, unit_ids)

    def logged_since(self, member_ids: list[int], since: datetime) -> set[int]:
        return weekly.logged_since(self.db, member_ids, since)

    def teams_of(self, team_ids: list[int]) -> dict[int, int]:
        return weekly.teams_of(self.db, team_ids)

    def crew(self, team_ids: list[int]) -> tuple[dict[int, int], dict[int, weekly.Member]]:
        return weekly.crew(self.db, team_ids)

    def chats_of(self, member_ids: list[int]) -> dict[int, tuple[str, str]]:
        """Each member's chat for notices (see storage.outbox.reach_many)."""
        return reach_many(self.db, member_ids)

    def queue_drawing(
        self,
        chats: list[tuple[int, tuple[str, str]]],
        language: Language,
        payload: dict[str, Any],
        now: datetime,
    ) -> tuple[int, ...]:
        return weekly.queue_drawing(self.db, chats, language, payload, now)

    def take_drawn(self, ids: tuple[int, ...], now: datetime) -> list[weekly.Waiting]:
        return weekly.take_drawn(self.db, ids, now)

    def still_waiting(self, max_attempts: int) -> list[weekly.Waiting]:
        return weekly.still_waiting(self.db, max_attempts)

    def drawing_failed(self, ids: tuple[int, ...], error: str, last: bool) -> None:
        weekly.drawing_failed(self.db, ids, error, last)

    def post_bulk(self, letters: list[Letter], now: datetime) -> None:
        weekly.post_bulk(self.db, letters, now)
