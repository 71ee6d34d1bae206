"""What the scheduled jobs read and write: plans by date, who must act, deliverables done,
and the record of each job run (so that a run for the same scheduled time happens once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select

from campaign.catalogs import spoken
from campaign.collation import vietnamese_key
from campaign.deadlines import DONE_STATES, due_dates
from campaign.localized import Language
from campaign.plans import DeadlineSpec, Plan
from campaign.roles import Role
from services.ports import (
    DeadlineBoardStore,
    DeliverableStore,
    MemberView,
    OpenDeliverable,
    Submission,
    SubmittedPhoto,
)
from storage.plans import parsed
from storage.schema import attachments, deliverables, documents, job_runs, members, plans, units
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for


@dataclass(frozen=True)
class Recipient:
    member_id: int
    unit_id: int
    language: Language


def claim_run(conn: Connection, job: str, slot: str, now: datetime) -> bool:
    """True if this is the first run of `job` for `slot` (then its work may be done, in this
    transaction); False if it already ran."""
    inserted = conn.execute(
        insert_for(conn, job_runs)
        .values(job=job, slot=slot, ran_at=now)
        .on_conflict_do_nothing()
        .returning(job_runs.c.job)
    ).first()
    return inserted is not None


def has_run(conn: Connection, job: str, slot: str) -> bool:
    found = conn.execute(
        select(job_runs.c.job).where(job_runs.c.job == job, job_runs.c.slot == slot)
    ).first()
    return found is not None


def plans_around(conn: Connection, day: date) -> list[tuple[Plan, int]]:
    """Plans not over by `day` (a day of slack for the report due yesterday), with the unit
    each covers."""
    rows = conn.execute(
        select(
            plans.c.code,
            plans.c.loaded_at,
            plans.c.document,
            plans.c.scope_unit_id,
            plans.c.ends,
        ).where(plans.c.kind == "plan", plans.c.ends >= day - timedelta(days=1))
    ).all()
    # `ends`: a yearly plan an admin ended (plans.ended_on) stops on that day.
    return [
        (plan, int(row.scope_unit_id))
        for row in rows
        if row.scope_unit_id is not None
        and (plan := parsed(row.code, row.loaded_at, row.document, row.ends)) is not None
    ]


def units_of_kind(conn: Connection, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
    """Open units of a kind under the scope, by name in Vietnamese order (lists of late units
    show them so; SQL cannot collate it)."""
    found = conn.execute(
        select(units.c.id, units.c.name)
        .where(
            units.c.id.in_(subtree(conn, scope_unit_id)),
            units.c.kind == kind,
            units.c.valid_to.is_(None),
        )
        .order_by(units.c.id)
    ).all()
    return sorted(((int(i), str(n)) for i, n in found), key=lambda u: vietnamese_key(u[1]))


def responsible(conn: Connection, unit_ids: list[int], role: Role) -> list[Recipient]:
    """Registered, active members holding `role` at those units."""
    if not unit_ids:
        return []
    return _recipients(conn, members.c.unit_id.in_(unit_ids), members.c.role == role.value)


def everyone_in(conn: Connection, scope_unit_id: int) -> list[Recipient]:
    return _recipients(conn, members.c.unit_id.in_(subtree(conn, scope_unit_id)))


def _recipients(conn: Connection, *where: ColumnElement[bool]) -> list[Recipient]:
    rows = conn.execute(
        select(members.c.id, members.c.unit_id, members.c.language)
        .where(*where, members.c.active.is_(True), members.c.joined_at.is_not(None))
        .order_by(members.c.id)
    ).all()
    return [Recipient(r.id, r.unit_id, spoken(r.language)) for r in rows]


def done_units(conn: Connection, plan_code: str, deadline_code: str, due: date) -> set[int]:
    """The units that have reported the deadline: submitted or accepted (a draft or a
    submission sent back is not done)."""
    return set(
        conn.execute(
            select(deliverables.c.unit_id).where(
                deliverables.c.plan_code == plan_code,
                deliverables.c.deadline_code == deadline_code,
                deliverables.c.due == due,
                deliverables.c.state.in_(DONE_STATES),
            )
        ).scalars()
    )


def mark_done(
    conn: Connection,
    *,
    plan_code: str,
    deadline_code: str,
    due: date,
    unit_id: int,
    member_id: int,
    file_token: str | None,
    now: datetime,
) -> bool:
    """Record the unit's report of a deadline as versions before issue 15 did (a submitted row,
    with an optional photo token): what the tests set old rows up with; the bot submits through
    `storage/submissions.py`. True if recorded now; False if the unit had already reported it."""
    if unit_id in done_units(conn, plan_code, deadline_code, due):
        return False
    conn.execute(
        insert(deliverables).values(
            plan_code=plan_code,
            deadline_code=deadline_code,
            due=due,
            unit_id=unit_id,
            member_id=member_id,
            file_token=file_token,
            done_at=now,
            state="submitted",
            submitted_at=now,
            submitted_by=member_id,
        )
    )
    return True


def unit_kind(conn: Connection, unit_id: int) -> str | None:
    return conn.execute(select(units.c.kind).where(units.c.id == unit_id)).scalar()


def open_for(
    conn: Connection, unit_id: int, role: Role, day: date
) -> list[tuple[Plan, DeadlineSpec, date]]:
    """Deadlines falling to `role` at this unit (one of their addressees is this role at this
    unit's kind: a commune's, an agency's, a school's or the province's officer...), due within
    30 days or at most 7 days late, soonest first, that the unit may still act on: nothing
    submitted, a draft or one sent back, or one submitted and not yet due (it may be withdrawn).
    An accepted one is closed. One sent back (and being mended) is listed however late: the
    level above often reads them after the due day, and it must be resubmitted."""
    kind = unit_kind(conn, unit_id)
    ancestors = set(chain(conn, unit_id))
    sent_back = {
        (str(p), str(d), due)
        for p, d, due in conn.execute(
            select(
                deliverables.c.plan_code, deliverables.c.deadline_code, deliverables.c.due
            ).where(
                deliverables.c.unit_id == unit_id,
                # sent back, or drafted again since (a document added): decided, not closed
                deliverables.c.state.in_(("returned", "draft")),
                deliverables.c.decided_at.is_not(None),
            )
        )
    }
    found = []
    for plan, scope in plans_around(conn, day - timedelta(days=7)):
        if scope not in ancestors:
            continue
        for deadline in plan.deadlines:
            if not any(role in a.roles and a.unit_kind == kind for a in deadline.addressed):
                continue
            for due in due_dates(deadline, plan):
                if due > day + timedelta(days=30):
                    continue
                if due < day - timedelta(days=7):
                    if (plan.code, deadline.code, due) in sent_back:
                        found.append((plan, deadline, due))
                    continue
                state = submission_state(conn, plan.code, deadline.code, due, unit_id)
                if state == "accepted" or (state == "submitted" and day > due):
                    continue
                found.append((plan, deadline, due))
    return sorted(found, key=lambda item: (item[2], item[1].code))


def submission_state(
    conn: Connection, plan_code: str, deadline_code: str, due: date, unit_id: int
) -> str | None:
    """The unit's submission's state for the deadline (None: nothing gathered yet)."""
    found = conn.execute(
        select(deliverables.c.state).where(
            deliverables.c.plan_code == plan_code,
            deliverables.c.deadline_code == deadline_code,
            deliverables.c.due == due,
            deliverables.c.unit_id == unit_id,
        )
    ).scalar()
    return None if found is None else str(found)


def unit_name(conn: Connection, unit_id: int) -> str | None:
    return conn.execute(select(units.c.name).where(units.c.id == unit_id)).scalar()


def units_by_kind(conn: Connection, kind: str) -> list[int]:
    return [
        int(i)
        for i in conn.execute(
            select(units.c.id)
            .where(units.c.kind == kind, units.c.valid_to.is_(None))
            .order_by(units.c.id)
        ).scalars()
    ]


def submissions(
    conn: Connection, plan_code: str, deadline_code: str, due: date
) -> list[Submission]:
    """Each unit's report of a deadline that is done (submitted or accepted: a draft or one
    sent back shows as not reported): when, by whom, with its first document or the photo."""
    rows = conn.execute(
        select(
            deliverables.c.id,
            deliverables.c.unit_id,
            units.c.name,
            deliverables.c.done_at,
            deliverables.c.submitted_at,
            members.c.full_name,
            deliverables.c.file_token,
            deliverables.c.state,
        )
        .join(units, units.c.id == deliverables.c.unit_id)
        .join(members, members.c.id == deliverables.c.member_id)
        .where(
            deliverables.c.plan_code == plan_code,
            deliverables.c.deadline_code == deadline_code,
            deliverables.c.due == due,
            deliverables.c.state.in_(DONE_STATES),
        )
        .order_by(deliverables.c.unit_id)
    ).all()
    first = _first_documents(conn, [int(row.id) for row in rows])
    return [
        Submission(
            int(row.unit_id),
            str(row.name),
            row.submitted_at or row.done_at,
            str(row.full_name),
            first.get(int(row.id), _token_id(row.file_token, "document")),
            _token_id(row.file_token, "attachment"),
            str(row.state),
        )
        for row in rows
    ]


def _first_documents(conn: Connection, submission_ids: list[int]) -> dict[int, int]:
    """Each submission's first document still part of it."""
    if not submission_ids:
        return {}
    rows = conn.execute(
        select(documents.c.owner_id, func.min(documents.c.id))
        .where(
            documents.c.owner_kind == "deliverable",
            documents.c.owner_id.in_(submission_ids),
            documents.c.dropped_at.is_(None),
        )
        .group_by(documents.c.owner_id)
    ).all()
    return {int(owner): int(first) for owner, first in rows}


def _token_id(token: str | None, kind: str) -> int | None:
    """The id in a deliverable's "document:12" or "attachment:7" token, if of that kind."""
    if not token or not token.startswith(f"{kind}:"):
        return None
    number = token.partition(":")[2]
    return int(number) if number.isdigit() else None


class DeliverableRepository(FeatureRepository, DeliverableStore, DeadlineBoardStore):
    """Deadlines reported done (`services.ports.DeliverableStore`), and the board of them
    (`DeadlineBoardStore`)."""

    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        return plans_around(self.db, day)

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
        return units_of_kind(self.db, scope_unit_id, kind)

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]:
        return done_units(self.db, plan_code, deadline_code, due)

    def units_within(self, unit_id: int) -> list[int]:
        return subtree(self.db, unit_id)

    def submissions(self, plan_code: str, deadline_code: str, due: date) -> list[Submission]:
        return submissions(self.db, plan_code, deadline_code, due)

    def submitted_photo(self, attachment_id: int) -> SubmittedPhoto | None:
        row = self.db.execute(
            select(deliverables.c.unit_id, attachments.c.sha256, attachments.c.content_type)
            .join(attachments, attachments.c.id == attachment_id)
            .where(deliverables.c.file_token == f"attachment:{attachment_id}")
        ).first()
        if row is None or self.work.files is None:
            return None
        data = self.work.files.read(row.sha256, row.content_type)
        if data is None:
            return None
        return SubmittedPhoto(chain(self.db, int(row.unit_id)), str(row.content_type), data)

    def open_deliverables(self, member: MemberView, day: date) -> list[OpenDeliverable]:
        return [
            OpenDeliverable(
                plan.code,
                deadline.code,
                due,
                deadline.title,
                deadline.deliverable,
                deadline.registration,
            )
            for plan, deadline, due in open_for(self.db, member.unit_id, member.role, day)
        ]


class CalendarRepository(FeatureRepository):
    """What the scheduled jobs read of plans, units and their people, and the record of the
    jobs' runs."""

    def claim_run(self, job: str, slot: str, now: datetime) -> bool:
        return claim_run(self.db, job, slot, now)

    def has_run(self, job: str, slot: str) -> bool:
        return has_run(self.db, job, slot)

    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        return plans_around(self.db, day)

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
        return units_of_kind(self.db, scope_unit_id, kind)

    def units_by_kind(self, kind: str) -> list[int]:
        return units_by_kind(self.db, kind)

    def unit_name(self, unit_id: int) -> str | None:
        return unit_name(self.db, unit_id)

    def subtree(self, unit_id: int) -> list[int]:
        return subtree(self.db, unit_id)

    def responsible(self, unit_ids: list[int], role: Role) -> list[Recipient]:
        return responsible(self.db, unit_ids, role)

    def everyone_in(self, scope_unit_id: int) -> list[Recipient]:
        return everyone_in(self.db, scope_unit_id)

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]:
        return done_units(self.db, plan_code, deadline_code, due)


# --- calendar: events ---
def event_audience(
    conn: Connection, scope_unit_id: int, kinds: tuple[str, ...], commanders: bool
) -> list[Recipient]:
    """Who hears of an event: everyone under the scope (or only under its units of `kinds`),
    or their commanders only."""
    if kinds:
        under = {u for kind in kinds for u, _ in units_of_kind(conn, scope_unit_id, kind)}
        reached = sorted({unit for top in under for unit in subtree(conn, top)})
    else:
        reached = subtree(conn, scope_unit_id)
    if not reached:
        return []
    where = [members.c.unit_id.in_(reached)]
    if commanders:
        where.append(members.c.role.in_([role.value for role in Role if role.is_commander]))
    return _recipients(conn, *where)


def forget_runs(conn: Connection, job: str, before: datetime) -> None:
    """An every-minute job's records, once no run can be asked for them again."""
    conn.execute(delete(job_runs).where(job_runs.c.job == job, job_runs.c.ran_at < before))


class EventRepository(FeatureRepository):
    """Who the jobs tell of a plan's events; what an every-minute job keeps of its runs."""

    def forget_runs(self, job: str, before: datetime) -> None:
        forget_runs(self.db, job, before)

    def event_audience(
        self, scope_unit_id: int, kinds: tuple[str, ...], commanders: bool
    ) -> list[Recipient]:
        return event_audience(self.db, scope_unit_id, kinds, commanders)
