"""The scheduled jobs' work, for one scheduled time (`slot`, aware local time).

A job reads and writes through the repositories of its unit of work (`JobContext`), never a
connection of its own. Each job runs in one transaction: it records its run for the slot (`CalendarRepository.claim_run`)
and queues its messages in the outbox together, so a run either happened whole, messages
included, or not at all, and a second firing for the same slot does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from campaign import documents as kinds
from campaign.catalogs import text
from campaign.deadlines import overdue_on, phase_changes_on, reminders_on
from campaign.events import announcements_on, plan_changes_on
from campaign.localized import Language, Localized
from campaign.plans import DeadlineSpec, Plan
from campaign.report_content import ReportData
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN, Standing
from handlers.channels import capabilities
from handlers.messages import Notice, Outgoing
from services import broadcasts, deliverables, reports, standings, target_values
from services import housekeeping as tidying
from services.ports import COMMAND_LINE, Ranking, Renderer
from services.refusals import Refused
from services.standings import moved_text
from storage import weekly
from storage.boards import WeeklyBoardRepository
from storage.calendar import CalendarRepository, EventRepository, Recipient
from storage.outbox import Letter
from storage.repository import Repository

OUTBOX_MEMORY = timedelta(days=30)  # settled outbox rows (ANTT_OUTBOX_RETENTION_DAYS)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Keeping:
    """How long things left behind are kept (from the settings)."""

    flow_timeout: timedelta = timedelta(minutes=30)  # an entry typed halfway, then left
    strangers: timedelta = timedelta(hours=1)  # the chat row of someone never registered
    outbox: timedelta = OUTBOX_MEMORY  # settled outbox messages
    retention: tidying.Retention = tidying.KEEP_DEFAULTS  # personal data (ANTT_RETAIN_*)


@dataclass(frozen=True)
class Drafting:
    """How report drafts are made (from the settings): how many days before a report deadline
    (when the plan does not say) the draft is made. The drawer writes it (bot/drawer.py)."""

    days: int = 5  # ANTT_REPORT_DRAFT_DAYS


@dataclass(frozen=True)
class Drawing:
    """A commune board's charts and workbook, drawn once per language, for the officers'
    chats waiting for them (`file_jobs` rows queued in the part's transaction)."""

    board: Ranking
    lang: Language
    waiting: tuple[int, ...]


@dataclass(frozen=True)
class JobContext:
    """One job run's unit of work, as the repositories the jobs use."""

    repo: Repository  # on the job's transaction: notices, files, grading, standings
    renderer: Renderer | None  # charts and workbooks (bot.reports)
    keeping: Keeping = Keeping()
    drafting: Drafting | None = None  # None: no report drafts (a process without templates)
    # The weekly board's charts to draw once the part's transaction committed (None: this
    # process draws none).
    drawings: list[Drawing] | None = None

    @property
    def calendar(self) -> CalendarRepository:
        return CalendarRepository(self.repo.work)

    @property
    def boards(self) -> WeeklyBoardRepository:
        return WeeklyBoardRepository(self.repo.work)

    @property
    def events(self) -> EventRepository:
        return EventRepository(self.repo.work)


@dataclass(frozen=True)
class JobSpec:
    name: str
    cron: dict[str, str | int]  # APScheduler CronTrigger fields, local time
    work: Callable[[JobContext, datetime, str], int]  # messages queued
    # Jobs too big for one transaction name their parts (each run and recorded on its own).
    parts: Callable[[JobContext, datetime], list[str]] | None = None
    concurrent: bool = False  # its parts may run a few at once
    draws: bool = False  # its parts leave charts to draw (JobContext.drawings)
    # Awaited once the run is recorded, for work too long for a transaction (the backup); if
    # it raises, the run counts as failed (/metrics), though its time stays recorded as run.
    after: Callable[[datetime], Awaitable[None]] | None = None


def deadline_reminders(job: JobContext, slot: datetime, part: str) -> int:
    """7, 3, 1 days before a deadline and on the day: the roles that must act, at each unit
    that has not reported it done; the day after: the level above, with the units late."""
    day = slot.date()
    calendar = job.calendar
    notices: list[Notice] = []
    for plan, scope in calendar.plans_around(day):
        for reminder in reminders_on(plan, day):
            deadline = reminder.deadline
            done = calendar.done_units(plan.code, deadline.code, reminder.due)
            for person in _addressed(calendar, scope, deadline, done):
                key = {0: "deadline_today", 1: "deadline_tomorrow"}.get(
                    reminder.days_left, "deadline_soon"
                )
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
            notices += _late_units(calendar, plan, scope, overdue.deadline, overdue.due)
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


def _addressed(
    calendar: CalendarRepository, scope: int, deadline: DeadlineSpec, done: set[int]
) -> list[Recipient]:
    """Everyone a deadline falls to, once each: at every kind of unit it is addressed to (a
    commune, an agency, a school, the province itself...), the role named there, in the units
    that have not reported it."""
    found: dict[int, Recipient] = {}
    for addressee in deadline.addressed:
        waiting = [
            u for u, _ in calendar.units_of_kind(scope, addressee.unit_kind) if u not in done
        ]
        for role in sorted(addressee.roles):
            for person in calendar.responsible(waiting, role):
                found.setdefault(person.member_id, person)
    return sorted(found.values(), key=lambda person: person.member_id)


def _late_units(
    calendar: CalendarRepository, plan: Plan, scope: int, deadline: DeadlineSpec, due: date
) -> list[Notice]:
    assert deadline.escalate_to is not None
    late = dict(deliverables.not_reported(calendar, plan.code, scope, deadline, due))
    notices = []
    for above, _ in calendar.units_of_kind(scope, deadline.escalate_to):
        inside = set(calendar.subtree(above))
        under = [name for u, name in late.items() if u in inside]  # in Vietnamese order
        if not under:
            continue
        for role in (Role.OFFICER, Role.ADMIN):
            for person in calendar.responsible([above], role):
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


def phase_changes(job: JobContext, slot: datetime, part: str) -> int:
    """The first and last day of every phase: everyone in the plan's scope is told."""
    day = slot.date()
    notices: list[Notice] = []
    for plan, scope in job.calendar.plans_around(day):
        for change in phase_changes_on(plan, day):
            phase = change.phase
            for person in job.calendar.everyone_in(scope):
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
        notices += _plan_changes(job, plan, scope, day)
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


# --- calendar: plans without phases, events ---
def _plan_changes(job: JobContext, plan: Plan, scope: int, day: date) -> list[Notice]:
    """A plan without phases: its first and last day, to everyone in its scope."""
    notices = []
    for change in plan_changes_on(plan, day):
        for person in job.calendar.everyone_in(scope):
            lang = person.language
            body = text(
                "plan_started" if change.moment == "start" else "plan_ending",
                lang,
                plan=plan.name.get(lang),
                starts=f"{plan.starts:%d/%m/%Y}",
                ends=f"{plan.ends:%d/%m/%Y}",
                yearly="yes" if plan.until_ended else "no",
            )
            notices.append(Notice(person.member_id, Outgoing(text=body)))
    return notices


def event_announcements(job: JobContext, slot: datetime, part: str) -> int:
    """A plan's events, `announce_days` before and on the day: everyone in the plan's scope
    (or under its units of the event's kinds), or their commanders only."""
    day = slot.date()
    notices: list[Notice] = []
    for plan, scope in job.calendar.plans_around(day):
        for coming in announcements_on(plan, day):
            event = coming.event
            audience = job.events.event_audience(
                scope, event.kinds, commanders=event.audience == "commanders"
            )
            for person in audience:
                lang = person.language
                body = text(
                    "event_coming",
                    lang,
                    name=event.name.get(lang),
                    day=f"{coming.on:%d/%m/%Y}",
                    days=coming.days_left,
                    plan=plan.name.get(lang),
                )
                notices.append(Notice(person.member_id, Outgoing(text=body)))
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


def scheduled_broadcasts(job: JobContext, slot: datetime, part: str) -> int:
    """Every minute: broadcasts set to go by now (one whose time passed while the bot was
    down too) are queued for whoever they reach now, once; their senders are told."""
    notices = []
    for later, reached in broadcasts.release_due(job.repo, slot):
        if reached is None:  # its sender may no longer broadcast: cancelled, not sent
            continue
        body = text(
            "broadcast_went",
            later.sender.language,
            number=later.number,
            when=f"{later.send_at.astimezone(slot.tzinfo):%H:%M %d/%m/%Y}",
            total=reached.total,
        )
        notices.append(Notice(later.sender.id, Outgoing(text=body)))
    job.repo.notify(notices, slot)
    # 1,440 runs a day: a day of them is kept (a run is only looked up for its own minute).
    job.events.forget_runs("scheduled_broadcasts", slot - timedelta(days=1))
    return len(notices)


def weekly_parts(job: JobContext, slot: datetime) -> list[str]:
    """One part per plan running on the day and commune under it: "<plan>|<commune id>"."""
    day = slot.date()
    calendar = job.calendar
    return [
        f"{plan.code}|{commune}"
        for plan, scope in calendar.plans_around(day)
        if plan.active_on(day) and plan.areas
        for commune, _ in calendar.units_of_kind(scope, "commune")
    ]


def weekly_leaderboard(job: JobContext, slot: datetime, part: str) -> int:
    """Monday 07:00, one commune of a plan running that day: officers get teams and top
    members with the week's movements, then the chart and the workbook (drawn after this
    transaction, see `Drawing`); team leaders their team's members; members their rank, or a
    nudge if they logged nothing in the week."""
    day = slot.date()
    plan_code, _, commune_text = part.partition("|")
    commune = int(commune_text)
    calendar, boards = job.calendar, job.boards
    plan = next((p for p, _ in calendar.plans_around(day) if p.code == plan_code), None)
    commune_name = calendar.unit_name(commune)
    if plan is None or commune_name is None:
        return 0  # unloaded or merged since the parts were listed
    week = f"{day.isocalendar().year}-W{day.isocalendar().week:02d}"
    # The phase the week began in: in the week a phase ends, the board is its final standings
    # (the new phase's first board, a week later, holds a whole week of its own).
    phase = plan.phase_on(day - timedelta(days=7)) or plan.phase_on(day)
    phase_code = phase.code if phase else WHOLE_PLAN
    ranked = standings.weekly_board(boards, plan.code, phase_code, commune)
    people, teams, moves = ranked.people, ranked.teams, ranked.moves
    for level in ("member", "team"):  # this board is the next one's "before"
        boards.keep_ranks(plan.code, phase_code, level, ranked.ranks(level), week)
    board = boards.standings_board(plan, phase, (commune, commune_name), people, teams, slot, moves)
    team_ids = [u for u, _ in calendar.units_of_kind(commune, "team")]
    teams_of, roster = boards.crew(team_ids)
    active = boards.logged_since(list(roster), slot - timedelta(days=7))
    officers = calendar.responsible([commune], Role.OFFICER)
    notices = _officer_boards(officers, board, people, teams, moves)
    if job.drawings is not None:
        # What redraws the board if the process dies before the drawing is kept: the ranks
        # are read again, the week's movement (already overwritten by keep_ranks) is kept here.
        again = {"slot": slot.isoformat(), "part": part, "phase": phase_code, "moves": moves}
        _queue_drawings(job, officers, commune, board, json_ready(again), slot)
    notices += _leader_boards(calendar, team_ids, people, moves["member"], teams_of)
    notices += _member_lines(people, roster, active, phase.name if phase else plan.name)
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


def json_ready(payload: dict[str, Any]) -> dict[str, Any]:
    """Subject ids as JSON keys (strings)."""
    moves = payload["moves"]
    return {**payload, "moves": {k: {str(s): m for s, m in v.items()} for k, v in moves.items()}}


def _officer_boards(
    officers: list[Recipient],
    board: Ranking,
    people: list[tuple[int, Standing]],
    teams: list[tuple[int, Standing]],
    moves: dict[str, dict[int, int | None]],
) -> list[Notice]:
    notices = []
    for officer in officers:
        lang = officer.language
        lines = [
            text(
                "board_header",
                lang,
                plan=board.plan_name.get(lang),
                phase=board.phase_name.get(lang)
                if board.phase_name
                else text("standings_whole_plan", lang),
                scope=board.scope_name,
            ),
            text("standings_teams", lang),
        ]
        lines += [
            f"{rank}. {s.name} — {s.points} ({moved_text(moves['team'].get(s.subject_id), lang)})"
            for rank, s in teams
        ]
        lines.append(text("standings_members", lang))
        lines += [
            f"{rank}. {s.name} — {s.points} ({moved_text(moves['member'].get(s.subject_id), lang)})"
            for rank, s in people[:10]
        ]
        notices.append(Notice(officer.member_id, Outgoing(text="\n".join(lines))))
    return notices


def _queue_drawings(
    job: JobContext,
    officers: list[Recipient],
    commune: int,
    board: Ranking,
    again: dict[str, Any],
    slot: datetime,
) -> None:
    """One drawing per language the commune's officers read, waited for by each officer's
    chat (a row each, kept in this transaction)."""
    assert job.drawings is not None
    chats = job.boards.chats_of([o.member_id for o in officers])
    by_language: dict[Language, list[tuple[int, tuple[str, str]]]] = {}
    for officer in officers:
        chat = chats.get(officer.member_id)
        if chat is not None:
            by_language.setdefault(officer.language, []).append((officer.member_id, chat))
    for lang, waiting in by_language.items():
        ids = job.boards.queue_drawing(waiting, lang, {**again, "commune": commune}, slot)
        job.drawings.append(Drawing(board, lang, ids))


# The weekly chart shows every team and the members at its top (one image of them; the
# workbook lists everyone, the chat's /bangxephang draws everyone). A commune's whole roster
# is 5 images more, and drawing those for 3,321 communes on a Monday morning would keep two
# cores busy for most of an hour (bench/weekly_board.py). None: every member.
WEEKLY_CHART_MEMBERS: int | None = 15


def weekly_chart(board: Ranking) -> Ranking:
    """What the weekly chart draws of a board (its workbook has the whole board)."""
    top = WEEKLY_CHART_MEMBERS
    return board if top is None else replace(board, members=board.members[:top])


def board_again(job: JobContext, payload: dict[str, Any]) -> tuple[Ranking, datetime] | None:
    """The board a drawing left waiting was of (its ranks read again, its movement as kept),
    and its slot; None if the plan or the commune is gone."""
    slot = datetime.fromisoformat(payload["slot"])
    plan_code, _, _ = str(payload["part"]).partition("|")
    commune = int(payload["commune"])
    plan = next((p for p, _ in job.calendar.plans_around(slot.date()) if p.code == plan_code), None)
    name = job.calendar.unit_name(commune)
    if plan is None or name is None:
        return None
    phase = next((p for p in plan.phases if p.code == payload["phase"]), None)
    phase_code = phase.code if phase else WHOLE_PLAN
    moves = {
        level: {int(s): m for s, m in payload["moves"].get(level, {}).items()}
        for level in ("member", "team")
    }
    people = job.boards.ranked(plan.code, phase_code, "member", commune)
    teams = job.boards.ranked(plan.code, phase_code, "team", commune)
    board = job.boards.standings_board(plan, phase, (commune, name), people, teams, slot, moves)
    return board, slot


def keep_drawing(
    job: JobContext, waiting: tuple[int, ...], charts: list[bytes], workbook: bytes, now: datetime
) -> int:
    """Keep a drawing for each chat still waiting for it and queue the chart and workbook
    messages, marking the chats served: in one transaction, so none gets them twice."""
    letters = []
    for chat in job.boards.take_drawn(waiting, now):
        kept = standings.keep_drawn(
            job.repo,
            charts,
            workbook,
            chat=(chat.channel, chat.chat_id),
            now=now,
            stem=WEEKLY_FILES,
        )
        letters += [
            Letter(chat.channel, chat.chat_id, shown, chat.member_id)
            for shown in kept.messages(chat.language)
        ]
    job.boards.post_bulk(letters, now)
    return len(letters)


def _leader_boards(
    calendar: CalendarRepository,
    team_ids: list[int],
    people: list[tuple[int, Standing]],
    moves: dict[int, int | None],
    teams_of: dict[int, int],
) -> list[Notice]:
    """Each team leader: every member of the team, those who have not registered or scored
    yet included (at 0 points), at their rank in the commune."""
    notices = []
    for leader in calendar.responsible(team_ids, Role.LEADER):
        lang = leader.language
        crew = [(r, s) for r, s in people if teams_of.get(s.subject_id) == leader.unit_id]
        lines = [text("board_team_header", lang, count=len(crew), total=len(people))]
        lines += [
            f"{rank}. {s.name} — {s.points} ({moved_text(moves.get(s.subject_id), lang)})"
            for rank, s in crew
        ]
        notices.append(Notice(leader.member_id, Outgoing(text="\n".join(lines))))
    return notices


def _member_lines(
    people: list[tuple[int, Standing]],
    roster: dict[int, weekly.Member],
    active: set[int],
    counted: Localized,
) -> list[Notice]:
    notices = []
    for rank, standing in people:
        member = roster.get(standing.subject_id)
        if member is None:  # not registered: nothing to reach
            continue
        if standing.subject_id in active:
            key = "board_member"
        elif member.nudges:
            key = "board_nudge"
        else:
            continue  # turned nudges off
        body = text(
            key,
            member.language,
            rank=rank,
            total=len(people),
            points=standing.points,
            phase=counted.get(member.language),
        )
        notices.append(Notice(standing.subject_id, Outgoing(text=body)))
    return notices


def grading_parts(job: JobContext, slot: datetime) -> list[str]:
    """Every commune, when a grading guide is loaded."""
    if not job.repo.guide_loaded():
        return []
    return [str(unit) for unit in job.calendar.units_by_kind("commune")]


def grading_proposals(job: JobContext, slot: datetime, part: str) -> int:
    """The day after an assessment year ends: grades are proposed for the commune and its
    officers are asked to confirm them."""
    commune = int(part)
    board = job.repo.commune_board(commune, slot.date(), slot, slot.tzinfo or UTC)
    if board is None or not board.lines:
        return 0
    notices = []
    for officer in job.calendar.responsible([commune], Role.OFFICER):
        lang = officer.language
        body = text(
            "grading_ready",
            lang,
            start=f"{board.year_start:%d/%m/%Y}",
            end=f"{board.year_end:%d/%m/%Y}",
            count=len(board.lines),
        )
        notices.append(Notice(officer.member_id, Outgoing(text=body)))
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


def housekeeping(job: JobContext, slot: datetime, part: str) -> int:
    """Forget delivery keys after a week, wrong invite codes after a day and settled outbox
    messages after the retention; then, a batch a part, the personal data past its retention
    (services/housekeeping.py)."""
    keeping = job.keeping
    tidying.nightly_part(job.repo.work, slot, part, keeping.outbox, keeping.retention)
    return 0


def housekeeping_parts(job: JobContext, slot: datetime) -> list[str]:
    return tidying.nightly_parts(job.repo.work, slot, job.keeping.retention)


def expire_chats(job: JobContext, slot: datetime, part: str) -> int:
    """Every hour: flows left idle past the timeout are dropped with their answers (a tip typed
    halfway keeps nothing), and strangers' chat rows are deleted."""
    tidying.expire_chats(job.repo.work, slot, job.keeping.flow_timeout, job.keeping.strangers)
    return 0


# --- Entered target values: reminders before a period ends ---
def target_value_reminders(job: JobContext, slot: datetime, part: str) -> int:
    """`remind_days` before an entered target's period ends: each holder of the role it
    names, at or above a unit that has not entered it, is asked for it, in their language."""
    notices = []
    for due in target_values.reminders(job.repo, slot.date()):
        lang = due.holder.language
        body = text(
            "target_value_reminder",
            lang,
            days=due.days_left,
            end=f"{due.end:%d/%m/%Y}",
            target=due.target.description.get(lang),
            plan=due.plan.name.get(lang),
            units=", ".join(due.units),
        )
        notices.append(Notice(due.holder.member_id, Outgoing(text=body)))
    job.repo.notify(notices, slot, bulk=True)
    return len(notices)


# --- Report drafts: made `draft_days` before a report deadline, sent to the unit's officers ---
def report_draft_parts(job: JobContext, slot: datetime) -> list[str]:
    """One part per report deadline and due day drafted today: "<plan>|<deadline>|<due>"."""
    if job.drafting is None:
        return []
    due_today = reports.drafts_due(job.repo, slot.date(), job.drafting.days)
    return sorted(
        {f"{task.plan_code}|{task.deadline_code}|{task.due:%Y-%m-%d}" for task in due_today}
    )


def report_drafts(job: JobContext, slot: datetime, part: str) -> int:
    """06:40, one report deadline: each unit it falls to that has not submitted it gets its
    draft (kept as the unit's documents), and the unit's officers and admins the .docx, once
    per unit whatever day the job runs again. Each draft is asked of the render pool
    (file_jobs): the leader's drawer drafts it, keeps it and sends it (`draft_notices`). The
    number of drafts asked."""
    if job.drafting is None or not part:
        return 0
    plan_code, deadline_code, due_text = part.split("|")
    due = date.fromisoformat(due_text)
    tasks = [
        task
        for task in reports.drafts_due(job.repo, slot.date(), job.drafting.days)
        if (task.plan_code, task.deadline_code, task.due) == (plan_code, deadline_code, due)
    ]
    asked = 0
    for task in tasks:
        once = f"{plan_code}/{deadline_code}/{due:%Y-%m-%d}/{task.unit_id}"
        if not job.calendar.claim_run("report_drafts", once, slot):
            continue
        try:
            reports.ask(
                job.repo,
                job.repo,
                COMMAND_LINE,
                plan_code=plan_code,
                unit_id=task.unit_id,
                now=slot,
                period=task.period_code,
                deadline_code=deadline_code,
            )
        except Refused as refused:  # the unit or plan changed since: the others still get theirs
            log.warning("report_drafts: %s unit %s: %s", part, task.unit_id, refused.reason.en)
            continue
        asked += 1
    return asked


def draft_file_name(data: ReportData, suffix: str) -> str:
    """`bao-cao-<deadline>-<unit code>-<due yyyymmdd>.<suffix>`: what the officer saves."""
    unit = data.unit_codes[0] if data.unit_codes else str(data.unit_id)
    return f"bao-cao-{data.deadline_code}-{unit}-{data.due:%Y%m%d}.{suffix}".lower()


def draft_notices(repo: Repository, built: reports.BuiltReport, now: datetime) -> list[Notice]:
    """The unit's officers and admins: a line saying the draft is ready and what to do with it,
    the .docx (a document on Telegram, a link on the web, a pointer to the web chat on Zalo)
    and, where files are sent, the .xlsx annex."""
    data, rendered = built.data, built.rendered
    calendar = CalendarRepository(repo.work)
    people = {
        person.member_id: person
        for role in (Role.OFFICER, Role.ADMIN)
        for person in calendar.responsible([data.unit_id], role)
    }
    notices = []
    for person in people.values():
        lang = person.language
        body = text(
            "report_draft_ready",
            lang,
            title=data.deadline_title,
            unit=data.heading.unit_name,
            due=f"{data.due:%d/%m/%Y}",
            starts=f"{data.span.starts:%d/%m/%Y}",
            ends=f"{data.span.as_of:%d/%m/%Y}",
        )
        chat = repo.chat_of(person.member_id)
        if chat is None:  # never reached by a chat: the console keeps the draft
            notices.append(Notice(person.member_id, Outgoing(text=body)))
            continue
        docx = repo.save_file(*chat, draft_file_name(data, "docx"), kinds.DOCX, rendered.docx, now)
        notices.append(Notice(person.member_id, Outgoing(text=body, file_url=f"/files/{docx}")))
        declared = capabilities(chat[0])
        if declared is None or declared.documents:  # Zalo: one pointer to the web chat, not two
            xlsx = repo.save_file(
                *chat, draft_file_name(data, "xlsx"), kinds.XLSX, rendered.xlsx, now
            )
            annex = Outgoing(text=text("report_draft_annex", lang), file_url=f"/files/{xlsx}")
            notices.append(Notice(person.member_id, annex))
    return notices


WEEKLY_FILES = "bang-xep-hang-tuan"  # the weekly board's chart and workbook, by date

JOBS: tuple[JobSpec, ...] = (
    JobSpec(
        "weekly_leaderboard",
        {"day_of_week": "mon", "hour": 7, "minute": 0},
        weekly_leaderboard,
        parts=weekly_parts,
        concurrent=True,
        draws=True,
    ),
    JobSpec("deadline_reminders", {"hour": 7, "minute": 30}, deadline_reminders),
    JobSpec("report_drafts", {"hour": 6, "minute": 40}, report_drafts, parts=report_draft_parts),
    JobSpec("target_value_reminders", {"hour": 7, "minute": 45}, target_value_reminders),
    JobSpec("phase_changes", {"hour": 7, "minute": 0}, phase_changes),
    JobSpec("event_announcements", {"hour": 7, "minute": 5}, event_announcements),
    JobSpec("scheduled_broadcasts", {"minute": "*"}, scheduled_broadcasts),
    JobSpec("housekeeping", {"hour": 3, "minute": 15}, housekeeping, parts=housekeeping_parts),
    JobSpec("expire_chats", {"minute": 20}, expire_chats),
    # The 2026 guide's year ends on 14/11; another guide's end day would need its own time.
    JobSpec(
        "grading_proposals",
        {"month": 11, "day": 15, "hour": 8, "minute": 0},
        grading_proposals,
        parts=grading_parts,
    ),
)
