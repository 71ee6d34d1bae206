"""Grades at the end of an assessment year: what campaign.grading needs, read from the entries
and the plans, and the proposals and decisions kept in `grades`."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from sqlalchemy import Connection, delete, insert, select, update

from campaign.collation import person_key, vietnamese_key
from campaign.grading import Subject, assessment_year, months_of, propose
from campaign.plans import GradingGuide, Plan, PlanError, TargetSpec, load_document
from campaign.roles import Role
from campaign.targets import period
from services.ports import Audited, GradeLine, GradingBoard, GradingStore, MemberView
from storage import targets
from storage.audit import record
from storage.plans import parsed
from storage.schema import entries, entry_participants, grades, members, plans, units
from storage.standings import COMPETITORS
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository

log = logging.getLogger(__name__)


def latest_guide(conn: Connection) -> GradingGuide | None:
    text = conn.execute(
        select(plans.c.document)
        .where(plans.c.kind == "grading")
        .order_by(plans.c.loaded_at.desc(), plans.c.id.desc())
        .limit(1)
    ).scalar()
    return _guide(text) if text is not None else None


@lru_cache(maxsize=8)
def _guide(text: str) -> GradingGuide | None:
    """Parsed once per text: every step of the grading desk reads the guide. A guide loaded
    before a rule it breaks was added counts as none (and is said once), not a crash."""
    try:
        document = load_document(text)
    except PlanError as error:
        log.error("the grading guide is left out until it is loaded again, fixed:\n%s", error)
        return None
    return document if isinstance(document, GradingGuide) else None


def commune_of(conn: Connection, unit_id: int) -> int | None:
    for unit in chain(conn, unit_id):
        if conn.execute(select(units.c.kind).where(units.c.id == unit)).scalar() == "commune":
            return unit
    return None


def board(
    conn: Connection, unit_id: int, today: date, now: datetime, zone: tzinfo, *, fresh: bool
) -> GradingBoard | None:
    """The commune's grades; proposed now if there are none yet, or afresh if `fresh` and
    nothing has been decided."""
    guide = latest_guide(conn)
    commune = commune_of(conn, unit_id)
    if guide is None or commune is None:
        return None
    start, end = assessment_year(guide, today)
    where = (
        grades.c.guide_code == guide.code,
        grades.c.year_start == start,
        grades.c.commune_id == commune,
    )
    decided = conn.execute(select(grades.c.id).where(*where, grades.c.final.is_not(None))).first()
    stored = conn.execute(select(grades.c.id).where(*where)).first()
    if stored is None or (fresh and decided is None):
        conn.execute(delete(grades).where(*where))
        _store_proposals(conn, guide, commune, start, end, zone, now)
    return _read(conn, guide, commune, start, end)


def change(
    conn: Connection,
    officer_id: int,
    unit_id: int,
    line_id: int,
    grade: str,
    reason: str,
    now: datetime,
) -> bool:
    commune = commune_of(conn, unit_id)
    guide = latest_guide(conn)
    if commune is None or guide is None or grade not in {g.code for g in guide.grades}:
        return False
    row = conn.execute(
        select(grades.c.proposed, grades.c.final, grades.c.subject_kind, grades.c.subject_id).where(
            grades.c.id == line_id, grades.c.commune_id == commune
        )
    ).first()
    if row is None or row.proposed is None:  # not found, or not graded (too few months)
        return False
    conn.execute(
        update(grades)
        .where(grades.c.id == line_id)
        .values(final=grade, reason=reason, decided_by=officer_id, decided_at=now)
    )
    subject = f"{row.subject_kind}:{row.subject_id}"
    change = {"proposed": row.proposed, "before": row.final, "after": grade, "reason": reason}
    details = {"subject": subject, **change}
    record(conn, Audited("grade.changed", "grades", str(line_id), now, officer_id, details))
    return True


def confirm(conn: Connection, officer_id: int, unit_id: int, today: date, now: datetime) -> int:
    guide = latest_guide(conn)
    commune = commune_of(conn, unit_id)
    if guide is None or commune is None:
        return 0
    start, _ = assessment_year(guide, today)
    undecided = (
        grades.c.guide_code == guide.code,
        grades.c.year_start == start,
        grades.c.commune_id == commune,
        grades.c.final.is_(None),
        grades.c.proposed.is_not(None),
    )
    ids = list(conn.execute(select(grades.c.id).where(*undecided)).scalars())
    if not ids:
        return 0
    conn.execute(
        update(grades)
        .where(grades.c.id.in_(ids))
        .values(final=grades.c.proposed, decided_by=officer_id, decided_at=now)
    )
    details = {"guide": guide.code, "year_start": start.isoformat(), "count": len(ids)}
    record(conn, Audited("grades.confirmed", "units", str(commune), now, officer_id, details))
    return len(ids)


# Reading what the rules need
def _store_proposals(
    conn: Connection,
    guide: GradingGuide,
    commune: int,
    start: date,
    end: date,
    zone: tzinfo,
    now: datetime,
) -> None:
    subjects = _subjects(conn, commune, start, end, zone)
    for proposal in propose(guide, subjects):
        subject = proposal.subject
        conn.execute(
            insert(grades).values(
                guide_code=guide.code,
                year_start=start,
                commune_id=commune,
                subject_kind=subject.kind,
                subject_id=subject.id,
                name=subject.name[:200],
                active_months=subject.active_months,
                done=subject.done,
                tasks=subject.tasks,
                points=subject.points,
                proposed=proposal.grade,
                notes=",".join(proposal.notes),
                created_at=now,
            )
        )


def _subjects(
    conn: Connection, commune: int, start: date, end: date, zone: tzinfo
) -> list[Subject]:
    months = months_of(start, end)
    firsts = [first for first, _ in months]
    since = datetime.combine(start, time(0), tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone)
    scope = subtree(conn, commune)
    teams = conn.execute(
        select(units.c.id, units.c.name, units.c.valid_from)
        .where(units.c.id.in_(scope), units.c.kind == "team", units.c.valid_to.is_(None))
        .order_by(units.c.name, units.c.id)
    ).all()
    team_ids = [t.id for t in teams]
    people = conn.execute(
        select(
            members.c.id,
            members.c.full_name,
            members.c.unit_id,
            members.c.role,
            members.c.joined_at,
            members.c.joined_team_on,
        )
        .where(
            members.c.unit_id.in_(team_ids),
            members.c.active.is_(True),
            members.c.role.in_(COMPETITORS),
        )
        .order_by(members.c.full_name, members.c.id)
    ).all()
    in_year = (
        entries.c.status == "verified",
        entries.c.unit_id.in_(scope),
        entries.c.occurred_at >= since,
        entries.c.occurred_at < until,
    )
    worked: dict[int, set[int]] = defaultdict(set)  # member -> month indices with an entry
    points: dict[int, int] = defaultdict(int)
    for member_id, occurred_at, earned in conn.execute(
        select(entries.c.member_id, entries.c.occurred_at, entries.c.points).where(*in_year)
    ):
        worked[member_id].add(bisect_right(firsts, occurred_at.astimezone(zone).date()) - 1)
        points[member_id] += earned or 0
    for member_id, occurred_at, earned in conn.execute(  # teammates credited took part too
        select(entry_participants.c.member_id, entries.c.occurred_at, entry_participants.c.points)
        .join(entries, entries.c.id == entry_participants.c.entry_id)
        .where(*in_year)
    ):
        worked[member_id].add(bisect_right(firsts, occurred_at.astimezone(zone).date()) - 1)
        points[member_id] += earned or 0

    def active(since_day: date | None) -> range:
        if since_day is None:
            return range(0)
        return range(
            next((i for i, (_, last) in enumerate(months) if last >= since_day), len(months)),
            len(months),
        )

    subjects: list[Subject] = []
    by_team: dict[int, list[Subject]] = defaultdict(list)
    for person in people:
        # Months count from the day the roster says they joined the team, else registration.
        months_in = active(
            person.joined_team_on
            or (person.joined_at.astimezone(zone).date() if person.joined_at else None)
        )
        subject = Subject(
            kind="member",
            id=person.id,
            name=person.full_name,
            commune_id=commune,
            active_months=len(months_in),
            done=len(worked[person.id] & set(months_in)),
            tasks=len(months_in),
            points=points[person.id],
            team_id=person.unit_id,
            leads_team=person.role == Role.LEADER.value,
        )
        by_team[person.unit_id].append(subject)
        subjects.append(subject)
    for team in teams:
        crew = by_team[team.id]
        met, evaluated = _team_targets(conn, team.id, start, end, zone)
        if not evaluated:  # no computed team targets: judged by its members' months
            met = sum(s.done for s in crew)
            evaluated = sum(s.tasks for s in crew)
        subjects.append(
            Subject(
                kind="team",
                id=team.id,
                name=team.name,
                commune_id=commune,
                active_months=len(active(team.valid_from)),
                done=met,
                tasks=evaluated,
                points=sum(s.points for s in crew),
            )
        )
    return subjects


def _team_targets(
    conn: Connection, team_id: int, start: date, end: date, zone: tzinfo
) -> tuple[int, int]:
    """(met, evaluated) over the team targets of every plan over the team, for each of their
    periods that closed within the assessment year."""
    met = evaluated = 0
    for plan in _plans_over(conn, team_id, start, end):
        for target in plan.targets:
            if target.level != "team" or target.measure.computed is None:
                continue
            for day in _closing_periods(target, plan, start, end):
                progress = targets.progress(conn, plan, target, team_id, day, zone)
                evaluated += 1
                met += bool(progress.met)
    return met, evaluated


def _plans_over(conn: Connection, unit_id: int, start: date, end: date) -> list[Plan]:
    rows = conn.execute(
        select(plans.c.code, plans.c.loaded_at, plans.c.document).where(
            plans.c.kind == "plan",
            plans.c.scope_unit_id.in_(chain(conn, unit_id)),
            plans.c.starts <= end,
            plans.c.ends >= start,
        )
    ).all()
    return [p for r in rows if (p := parsed(r.code, r.loaded_at, r.document)) is not None]


def _closing_periods(target: TargetSpec, plan: Plan, start: date, end: date) -> list[date]:
    """A day inside each of the target's periods that ends within [start, end]."""
    found: dict[tuple[date, date], date] = {}
    day = max(plan.starts, start - timedelta(days=366))
    last = min(plan.ends, end)
    while day <= last:
        span = period(target, plan, day)
        if start <= span[1] <= end and span[0] <= day <= span[1]:
            found.setdefault(span, day)
        day += timedelta(days=1)
    return list(found.values())


def _read(
    conn: Connection, guide: GradingGuide, commune: int, start: date, end: date
) -> GradingBoard:
    placed = conn.execute(
        select(members.c.id, units.c.name, members.c.role)
        .join(units, members.c.unit_id == units.c.id)
        .where(units.c.parent_id == commune)
    ).all()
    team_of = {member_id: name for member_id, name, _ in placed}
    role_of = {member_id: role for member_id, _, role in placed}
    rows = conn.execute(
        select(grades).where(
            grades.c.guide_code == guide.code,
            grades.c.year_start == start,
            grades.c.commune_id == commune,
        )
    ).all()
    # Teams by name, then members by given name, in Vietnamese alphabetical order.
    rows = sorted(
        rows,
        key=lambda r: (
            r.subject_kind != "team",
            (vietnamese_key(r.name),) if r.subject_kind == "team" else person_key(r.name),
            r.id,
        ),
    )
    commune_name = conn.execute(select(units.c.name).where(units.c.id == commune)).scalar_one()
    return GradingBoard(
        guide_name=guide.name,
        grade_names=tuple((g.code, g.name) for g in guide.grades),
        year_start=start,
        year_end=end,
        commune_name=commune_name,
        lines=[
            GradeLine(
                id=r.id,
                kind=r.subject_kind,
                name=r.name,
                team_name=str(team_of.get(r.subject_id, "")) if r.subject_kind == "member" else "",
                share=r.done / r.tasks if r.tasks else None,
                done=r.done,
                tasks=r.tasks,
                active_months=r.active_months,
                proposed=r.proposed,
                notes=tuple(n for n in r.notes.split(",") if n),
                final=r.final,
                reason=r.reason,
                role=_role(role_of.get(r.subject_id)) if r.subject_kind == "member" else None,
            )
            for r in rows
        ],
        minimum_months=guide.minimum_active_months,
        top_share=guide.top_share_of_second_max,
    )


def _role(value: str | None) -> Role | None:
    return next((role for role in Role if role.value == value), None)


class GradingRepository(FeatureRepository, GradingStore):
    """A commune's grades (`services.ports.GradingStore`)."""

    def _on_a_commune(self, officer: MemberView) -> bool:
        """Graders grade their own commune: an officer on an agency or a school under it, or
        on the province, grades nobody."""
        kind = self.db.execute(select(units.c.kind).where(units.c.id == officer.unit_id)).scalar()
        return kind == "commune"

    def grading_board(
        self, officer: MemberView, today: date, now: datetime, *, fresh: bool = False
    ) -> GradingBoard | None:
        if not self._on_a_commune(officer):
            return None
        return board(self.db, officer.unit_id, today, now, self.work.zone, fresh=fresh)

    def change_grade(
        self, officer: MemberView, line_id: int, grade: str, reason: str, now: datetime
    ) -> bool:
        if not self._on_a_commune(officer):
            return False
        return change(self.db, officer.id, officer.unit_id, line_id, grade, reason, now)

    def confirm_grades(self, officer: MemberView, today: date, now: datetime) -> int:
        if not self._on_a_commune(officer):
            return 0
        return confirm(self.db, officer.id, officer.unit_id, today, now)

    def guide_loaded(self) -> bool:
        return latest_guide(self.db) is not None

    def commune_board(
        self, commune_id: int, today: date, now: datetime, zone: tzinfo
    ) -> GradingBoard | None:
        """The commune's board as the yearly job proposes it (no officer asking)."""
        return board(self.db, commune_id, today, now, zone, fresh=False)
