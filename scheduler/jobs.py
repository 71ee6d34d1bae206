"""The scheduled jobs' work, for one scheduled time (`slot`, aware local time).

Each job runs in one transaction: it records its run for the slot (storage.calendar.claim_run)
and queues its messages in the outbox together, so a run either happened whole, messages
included, or not at all, and a second firing for the same slot does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from campaign.deadlines import overdue_on, phase_changes_on, reminders_on
from campaign.plans import Plan
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from handlers.texts import text
from storage import admin, calendar
from storage.repository import Repository
from storage.schema import files
from storage.tree import subtree

DELIVERY_MEMORY = timedelta(days=7)  # redeliveries come within minutes; a week is plenty
FILE_MEMORY = timedelta(days=30)  # charts and workbooks made for a chat


@dataclass(frozen=True)
class JobSpec:
    name: str
    cron: dict[str, str | int]  # APScheduler CronTrigger fields, local time
    work: Callable[[Connection, Repository, datetime], int]  # returns messages queued


def deadline_reminders(conn: Connection, repo: Repository, slot: datetime) -> int:
    """7, 3, 1 days before a deadline and on the day: the roles that must act, at each unit
    that has not reported it done; the day after: the level above, with the units late."""
    day = slot.date()
    notices: list[Notice] = []
    for plan, scope in calendar.plans_around(conn, day):
        for reminder in reminders_on(plan, day):
            deadline = reminder.deadline
            level = "team" if deadline.level == "member" else deadline.level
            done = calendar.done_units(conn, plan.code, deadline.code, reminder.due)
            waiting = [u for u, _ in calendar.units_of_kind(conn, scope, level) if u not in done]
            for person in calendar.responsible(conn, waiting, deadline.role):
                key = "deadline_today" if reminder.days_left == 0 else "deadline_soon"
                body = text(
                    key,
                    person.language,
                    title=deadline.title.get(person.language),
                    deliverable=deadline.deliverable.get(person.language),
                    due=f"{reminder.due:%d/%m/%Y}",
                    days=reminder.days_left,
                    plan=plan.name.get(person.language),
                )
                notices.append(Notice(person.member_id, Outgoing(text=body)))
        for overdue in overdue_on(plan, day):
            notices += _late_units(conn, plan, scope, overdue.deadline.code, overdue.due)
    repo.notify(notices, slot)
    return len(notices)


def _late_units(
    conn: Connection, plan: Plan, scope: int, deadline_code: str, due: date
) -> list[Notice]:
    deadline = next(d for d in plan.deadlines if d.code == deadline_code)
    assert deadline.escalate_to is not None
    level = "team" if deadline.level == "member" else deadline.level
    done = calendar.done_units(conn, plan.code, deadline.code, due)
    late = {u: n for u, n in calendar.units_of_kind(conn, scope, level) if u not in done}
    notices = []
    for above, _ in calendar.units_of_kind(conn, scope, deadline.escalate_to):
        under = [late[u] for u in subtree(conn, above) if u in late]
        if not under:
            continue
        for role in (Role.OFFICER, Role.ADMIN):
            for person in calendar.responsible(conn, [above], role):
                body = text(
                    "deadline_late",
                    person.language,
                    title=deadline.title.get(person.language),
                    due=f"{due:%d/%m/%Y}",
                    count=len(under),
                    units="\n".join(f"• {name}" for name in under),
                )
                notices.append(Notice(person.member_id, Outgoing(text=body)))
    return notices


def phase_changes(conn: Connection, repo: Repository, slot: datetime) -> int:
    """The first and last day of every phase: everyone in the plan's scope is told."""
    day = slot.date()
    notices: list[Notice] = []
    for plan, scope in calendar.plans_around(conn, day):
        for change in phase_changes_on(plan, day):
            phase = change.phase
            for person in calendar.everyone_in(conn, scope):
                lang = person.language
                counts = "\n".join(
                    text("phase_area", lang, name=a.name.get(lang), points=a.points)
                    for a in plan.areas
                )
                body = text(
                    "phase_started" if change.moment == "start" else "phase_ending",
                    lang,
                    plan=plan.name.get(lang),
                    phase=phase.name.get(lang),
                    starts=f"{phase.starts:%d/%m/%Y}",
                    ends=f"{phase.ends:%d/%m/%Y}",
                    theme=phase.theme or "—",
                    counts=counts or "—",
                )
                notices.append(Notice(person.member_id, Outgoing(text=body)))
    repo.notify(notices, slot)
    return len(notices)


def housekeeping(conn: Connection, repo: Repository, slot: datetime) -> int:
    """Forget delivery keys after a week and generated files after a month."""
    admin.prune_deliveries(conn, slot - DELIVERY_MEMORY)
    conn.execute(files.delete().where(files.c.created_at < slot - FILE_MEMORY))
    return 0


JOBS: tuple[JobSpec, ...] = (
    JobSpec("deadline_reminders", {"hour": 7, "minute": 30}, deadline_reminders),
    JobSpec("phase_changes", {"hour": 7, "minute": 0}, phase_changes),
    JobSpec("housekeeping", {"hour": 3, "minute": 15}, housekeeping),
)
