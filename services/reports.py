"""The reports the bot drafts for a plan's report deadlines (issue 15): gather a unit's figures
for the period from verified data (the same reads as /chitieu and the standings), have a door's
renderer write them (`bot.report_files`), and keep the two files as documents sealed to the
unit's line of command. A province's report adds each commune's line and the communes that
have not submitted. Who may build: the unit's officers and admins and those above them, and the
command line / the job (`COMMAND_LINE`)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from campaign import documents as document_kinds
from campaign.areas import ContentArea, FieldKind
from campaign.catalogs import said, text
from campaign.commendations import form_label
from campaign.deadlines import due_dates
from campaign.localized import Language, Localized
from campaign.models import event_label, scheme_label
from campaign.periods import PeriodError, ReportPeriod, Window, code_for, report_deadlines, resolve
from campaign.plans import CountSpec, Plan, ReportSpec
from campaign.recognition import level_label
from campaign.registrations import outcome_label, rating_label
from campaign.report_content import (
    AreaLine,
    CommuneLine,
    Heading,
    NotableCase,
    Participation,
    RankLine,
    RecordLine,
    Rendered,
    ReportData,
    Span,
    Standings,
    SubmissionLine,
    TargetLine,
    TipLine,
)
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN
from services.deliverables import not_reported
from services.ports import (
    COMMAND_LINE,
    Audited,
    CommandLine,
    EntryFigure,
    FileJobStore,
    FileRequest,
    MemberLookup,
    MemberView,
    NewDocument,
    NewReport,
    ReportRow,
    ReportStore,
    ReportUnit,
)
from services.refusals import Refused
from services.standings import target_table

Builder = MemberView | CommandLine  # COMMAND_LINE: the CLI and the scheduled job
Render = Callable[[ReportData], Rendered]


@dataclass(frozen=True)
class ReportChoice:
    """A report deadline of a unit someone may draft now."""

    plan_code: str
    plan_name: Localized
    deadline_code: str
    title: Localized
    due: date
    unit_id: int
    unit_name: str
    period_code: str  # what `antt-bot report build --period` takes for it

    @property
    def key(self) -> str:
        # The plan too (two plans may share a deadline and its day), by a digest: a plan code
        # may be 64 characters, a key at most 60.
        plan = hashlib.sha256(self.plan_code.encode()).hexdigest()[:8]
        return f"{self.deadline_code}@{self.due:%Y%m%d}@{self.unit_id}@{plan}"[:60]


@dataclass(frozen=True)
class BuiltReport:
    row: ReportRow
    data: ReportData
    rendered: Rendered


@dataclass(frozen=True)
class DraftTask:
    """A draft the scheduled job makes today: `draft_days` before the due day."""

    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    period_code: str


CHOICES_AHEAD = timedelta(days=60)
CHOICES_LATE = timedelta(days=7)
NOTABLE = 10  # cases listed at most: the officer adds what they choose
TOP = 5  # teams and members of the unit in its standings section
TIP_OUTCOMES = ("received", "verifying", "resolved", "unfounded")
# The word a unit's name starts with that says its kind ("Xã Hòa Bình", "Công an xã Đông
# Hưng"): the place name is what follows. Longest first, compared without case.
KIND_WORDS = (
    "công an thành phố",
    "công an phường",
    "công an thị trấn",
    "công an đặc khu",
    "công an tỉnh",
    "công an xã",
    "công an",
    "thành phố",
    "thị trấn",
    "đặc khu",
    "phường",
    "tỉnh",
    "xã",
    "ubnd",
)
COMMUNE = "commune"
PROVINCE = "province"
GENERIC_SYMBOL: str = ReportSpec.model_fields["symbol"].default  # "BC": a report, no body named


def choices(store: ReportStore, viewer: MemberView, day: date) -> list[ReportChoice]:
    """The report deadlines of the viewer's unit (and, for a province, its own) due within 60
    days or at most 7 days late, soonest first; refused for leaders and members."""
    _commander(viewer)
    unit = store.report_unit(viewer.unit_id)
    if unit is None:
        return []
    above = {u.id for u in store.report_chain(unit.id)}
    kinds = (unit.kind, COMMUNE) if unit.kind == PROVINCE else (unit.kind,)
    found: dict[tuple[str, str, date], ReportChoice] = {}
    for plan, scope in store.plans_around(day):
        if scope not in above:
            continue
        for kind in kinds:
            for deadline, due in report_deadlines(plan, kind):
                if not day - CHOICES_LATE <= due <= day + CHOICES_AHEAD:
                    continue
                found.setdefault(
                    (plan.code, deadline.code, due),
                    ReportChoice(
                        plan.code,
                        plan.name,
                        deadline.code,
                        deadline.title,
                        due,
                        unit.id,
                        unit.name,
                        code_for(plan, deadline, due, kind),
                    ),
                )
    return sorted(found.values(), key=lambda c: (c.due, c.plan_code, c.deadline_code))


@dataclass(frozen=True)
class Planned:
    """A report the builder may draft, checked, before its figures are gathered."""

    builder: Builder
    plan: Plan
    scope: int
    unit: ReportUnit
    chain: tuple[ReportUnit, ...]
    picked: ReportPeriod
    communes_period: ReportPeriod | None
    last: date  # the figures' last day
    today: date
    now: datetime
    language: Language

    def gather(self, store: ReportStore) -> ReportData:
        """Every figure the report says (many reads: a short transaction of its own)."""
        return gather(
            store,
            self.plan,
            self.scope,
            self.unit,
            self.chain,
            self.picked,
            self.last,
            self.today,
            self.language,
            communes_period=self.communes_period,
        )


def build(
    store: ReportStore,
    render: Render,
    builder: Builder,
    *,
    plan_code: str,
    unit_id: int,
    now: datetime,
    period: str | None = None,
    deadline_code: str | None = None,
    as_of: date | None = None,
    language: Language = "vi",
) -> BuiltReport:
    """Draft the unit's report for the plan's report deadline the period picks
    (`campaign.periods.resolve`; `deadline_code` when the period names several), keep both
    files and the row, audit it; refused with a clear reason (unknown plan or period, a unit
    the builder may not report for). All in the caller's transaction and process: the
    command line's way; a turn, the console and the job draw in the render pool instead
    (`prepare`, `Planned.gather`, the pool, then `keep`)."""
    planned = prepare(
        store,
        builder,
        plan_code=plan_code,
        unit_id=unit_id,
        now=now,
        period=period,
        deadline_code=deadline_code,
        as_of=as_of,
        language=language,
    )
    data = planned.gather(store)
    return keep(store, planned, data, render(data))


def prepare(
    store: ReportStore,
    builder: Builder,
    *,
    plan_code: str,
    unit_id: int,
    now: datetime,
    period: str | None = None,
    deadline_code: str | None = None,
    as_of: date | None = None,
    language: Language = "vi",
) -> Planned:
    """The report `build` drafts, checked (every refusal is said here), not yet gathered."""
    if isinstance(builder, MemberView):
        _commander(builder)
    found = store.report_plan(plan_code)
    if found is None:
        raise Refused(said("drafts_no_plan", plan=plan_code[:64]))
    plan, scope = found
    unit = store.report_unit(unit_id)
    if unit is None:
        raise Refused(said("drafts_no_unit"))
    chain = store.report_chain(unit.id)
    if isinstance(builder, MemberView) and builder.unit_id not in {u.id for u in chain}:
        raise Refused(said("drafts_not_your_unit", unit=unit.name))
    if scope not in {u.id for u in chain}:
        raise Refused(said("drafts_plan_not_here", plan=plan.code, unit=unit.name))
    today = store.local_day(now)
    picked, communes_period = _periods(plan, unit, period, deadline_code, today)
    # Figures run to the day asked, never past the day built: nothing is logged ahead.
    last = min(picked.window.ends, picked.due - timedelta(days=1), as_of or today, today)
    if last < picked.window.starts:
        raise Refused(
            said(
                "drafts_not_started",
                starts=f"{picked.window.starts:%d/%m/%Y}",
                day=f"{last:%d/%m/%Y}",
            )
        )
    return Planned(
        builder,
        plan,
        scope,
        unit,
        tuple(chain),
        picked,
        communes_period,
        last,
        today,
        now,
        language,
    )


def keep(store: ReportStore, planned: Planned, data: ReportData, rendered: Rendered) -> BuiltReport:
    """Keep the drafted report: its row, both files as documents sealed to the unit's line of
    command, the audit line."""
    builder, plan, unit, picked, last, now = (
        planned.builder,
        planned.plan,
        planned.unit,
        planned.picked,
        planned.last,
        planned.now,
    )
    member_id = builder.id if isinstance(builder, MemberView) else None
    row = store.add_report(
        NewReport(
            plan.code,
            picked.deadline.code,
            picked.due,
            unit.id,
            picked.code,
            picked.window.starts,
            picked.window.ends,
            last,
            now,
            member_id,
            rendered.template,
            rendered.template_sha256,
            figures(data),
        )
    )
    stem = f"bao-cao-{picked.deadline.code}-{unit.code}-{last:%Y%m%d}".lower()
    kept = [
        store.add_document(
            NewDocument(
                data=content,
                content_type=kind,
                original_name=document_kinds.clean_name(f"{stem}.{extension}", kind),
                unit_id=unit.id,  # sealed to the unit's line of command
                owner_kind="report",
                owner_id=row.id,
                uploaded_by=member_id,
                now=now,
            )
        )
        for content, kind, extension in (
            (rendered.docx, document_kinds.DOCX, "docx"),
            (rendered.xlsx, document_kinds.XLSX, "xlsx"),
        )
    ]
    store.set_report_files(row.id, kept[0], kept[1])
    row = replace(row, document_id=kept[0], annex_id=kept[1])
    store.audit(
        Audited(
            "report.built",
            "reports",
            str(row.id),
            now,
            actor_member_id=member_id,
            details={
                "plan": plan.code,
                "deadline": picked.deadline.code,
                "due": picked.due.isoformat(),
                "period": picked.code,
                "as_of": last.isoformat(),
                "template": rendered.template,
                "documents": kept,
            },
            actor=None if member_id is not None else "cli",
            unit_id=unit.id,
        )
    )
    return BuiltReport(row, data, rendered)


# --- drafted off the conversation path (file requests, drawn in the render pool) ---
REPORT = "report"  # a file request's kind: /baocao, the files sent back to the chat asking
DRAFT = "report_draft"  # the scheduled draft, sent to the unit's officers and admins


def ask(
    store: ReportStore,
    jobs: FileJobStore,
    builder: Builder,
    *,
    plan_code: str,
    unit_id: int,
    now: datetime,
    period: str | None = None,
    deadline_code: str | None = None,
    chat: tuple[str, str] | None = None,
    reader: Language = "vi",
) -> Planned:
    """Ask for the report `build` would draft (refused now, as `prepare` is), drawn off the
    conversation: for `chat` (the reader's, worded in `reader`) or, without one, for the unit's
    officers (a scheduled draft, drawn by the leader)."""
    planned = prepare(
        store,
        builder,
        plan_code=plan_code,
        unit_id=unit_id,
        now=now,
        period=period,
        deadline_code=deadline_code,
    )
    payload = {
        "plan": plan_code,
        "unit": unit_id,
        "period": period,
        "deadline": deadline_code,
        "at": now.isoformat(),
    }
    member_id = builder.id if isinstance(builder, MemberView) else None
    kind, where = (REPORT, chat) if chat is not None else (DRAFT, ("", ""))
    jobs.ask_file(FileRequest(kind, *where, member_id, reader, payload), now, here=chat is not None)
    return planned


def asked(store: ReportStore, members: MemberLookup, request: FileRequest) -> Planned:
    """The report a request of `ask` drafts, checked again (the builder may have left since)."""
    builder: Builder = COMMAND_LINE
    if request.member_id is not None:
        member = members.member_by_id(request.member_id)
        if member is None:
            raise Refused(said("drafts_commanders_only"))
        builder = member
    payload = request.payload
    return prepare(
        store,
        builder,
        plan_code=str(payload["plan"]),
        unit_id=int(payload["unit"]),
        now=datetime.fromisoformat(payload["at"]),
        period=payload.get("period"),
        deadline_code=payload.get("deadline"),
    )


def drafts_due(store: ReportStore, day: date, default_days: int) -> list[DraftTask]:
    """Each unit a report deadline is addressed to whose draft falls on `day` (due −
    `report.draft_days`, else `default_days`) and that has not submitted it."""
    tasks: list[DraftTask] = []
    for plan, scope in store.plans_around(day):
        for deadline in plan.deadlines:
            if deadline.report is None:
                continue
            days = deadline.report.draft_days
            ahead = timedelta(days=default_days if days is None else days)
            for due in due_dates(deadline, plan):
                if due - ahead != day:
                    continue
                done = store.done_units(plan.code, deadline.code, due)
                for kind in deadline.kinds:
                    code = code_for(plan, deadline, due, kind)
                    tasks += [
                        DraftTask(plan.code, deadline.code, due, unit_id, code)
                        for unit_id, _ in store.units_of_kind(scope, kind)
                        if unit_id not in done
                    ]
    return tasks


# --- who may build ---
def _commander(member: MemberView) -> None:
    """Officers and admins draft reports; a leader or a member is told who does."""
    if member.role not in (Role.OFFICER, Role.ADMIN):
        raise Refused(said("drafts_commanders_only"))


# --- which report ---
def _periods(
    plan: Plan, unit: ReportUnit, code: str | None, deadline_code: str | None, today: date
) -> tuple[ReportPeriod, ReportPeriod | None]:
    """The report the code picks for the unit, and for a province the communes' report of the
    same period (None: there is none). A province with no report of its own in that period
    sums up its communes' (the commune deadline picked by the same code)."""
    try:
        if unit.kind != PROVINCE:
            return _resolve(plan, code, unit.kind, deadline_code, today), None
        if not report_deadlines(plan, PROVINCE):
            picked = _resolve(plan, code, COMMUNE, deadline_code, today)
            return picked, picked
        try:
            own = _resolve(plan, code, PROVINCE, deadline_code, today)
        except PeriodError as refused:
            try:
                picked = _resolve(plan, code, COMMUNE, deadline_code, today)
            except PeriodError:
                raise refused from None
            return picked, picked
        try:
            communes: ReportPeriod | None = resolve(plan, own.code, COMMUNE)
        except PeriodError:
            communes = None
        return own, communes
    except PeriodError as refused:
        raise Refused(refused.reason) from None


def _resolve(
    plan: Plan, code: str | None, kind: str, deadline_code: str | None, today: date
) -> ReportPeriod:
    """`resolve`, or without a code the report due soonest from a week ago (the current one)."""
    if code is not None:
        return resolve(plan, code, kind, deadline_code)
    candidates = [
        (deadline, due)
        for deadline, due in report_deadlines(plan, kind)
        if deadline_code is None or deadline.code == deadline_code
    ]
    current = next(((d, due) for d, due in candidates if due >= today - CHOICES_LATE), None) or (
        candidates[-1] if candidates else None
    )
    if current is None:  # no report for the kind: resolve says so and lists the plan's
        return resolve(plan, "", kind, deadline_code)
    deadline, due = current
    return resolve(plan, code_for(plan, deadline, due, kind), kind, deadline.code)


# --- what the report says ---
def gather(
    store: ReportStore,
    plan: Plan,
    scope: int,
    unit: ReportUnit,
    chain: Sequence[ReportUnit],
    period: ReportPeriod,
    as_of: date,
    today: date,
    lang: Language,
    *,
    communes_period: ReportPeriod | None = None,
) -> ReportData:
    """Every figure of the unit's report over the period's days up to `as_of`, with the same
    figures over the period before, in `lang`."""
    window = period.window
    areas = {area.code: area for area in plan.content_areas()}
    rows = store.entry_figures(unit.id, window.starts, as_of)
    previous_rows = (
        store.entry_figures(unit.id, period.previous.starts, period.previous.ends)
        if period.previous is not None
        else None
    )
    area_lines = tuple(
        AreaLine(
            spec.code,
            spec.name.get(lang),
            _verified(rows, spec.code),
            sum(r.count for r in rows if r.area == spec.code and r.status == "pending"),
            None if previous_rows is None else _verified(previous_rows, spec.code),
        )
        for spec in plan.areas
    )
    report = store.target_report_for(plan, unit.id, as_of)
    targets = tuple(_target_line(row, lang) for row in target_table(report, lang))
    deadline = period.deadline
    communes: tuple[CommuneLine, ...] = ()
    not_submitted: tuple[str, ...] = ()
    if unit.kind == PROVINCE:
        communes, not_submitted = _communes(store, plan, unit, communes_period, as_of, lang)
    notes = _notes(store, plan, unit, period, as_of, today, lang)
    return ReportData(
        language=lang,
        plan_code=plan.code,
        plan_name=plan.name.get(lang),
        deadline_code=deadline.code,
        deadline_title=deadline.title.get(lang),
        due=period.due,
        unit_id=unit.id,
        unit_kind=unit.kind,
        unit_codes=tuple(u.code for u in chain),
        heading=_heading(store, plan, unit, chain, period, today, lang),
        span=Span(period.code, window.label.get(lang), window.starts, window.ends, as_of),
        previous=_span(period.previous, lang),
        areas=area_lines,
        tips=_tips(rows, areas, lang),
        notable=tuple(
            NotableCase(
                case.reference,
                case.day,
                _area_name(plan, case.area, lang),
                _kind_label(areas.get(case.area), case.kind, lang),
                case.team,
            )
            for case in store.notable_entries(unit.id, window.starts, as_of, NOTABLE)
        ),
        participation=_participation(store, plan, unit.id, window.starts, as_of),
        targets=targets,
        standings=_standings(store, plan, scope, unit, window, lang),
        models=tuple(
            RecordLine(
                r.day,
                f"{r.name} ({scheme_label(r.scheme, lang)}) — {r.unit_name}",
                event_label(r.event, lang)
                + (f" ({level_label(r.level, lang)})" if r.level else ""),
            )
            for r in store.model_records(unit.id, window.starts, as_of)
        ),
        registrations=tuple(
            RecordLine(
                r.day,
                f"{_scheme_name(plan, r.scheme, lang)} {r.year} — {r.unit_name}",
                outcome_label(r.outcome, lang)
                if r.kind == "registration"
                else rating_label(r.outcome, lang),
            )
            for r in store.registration_records(unit.id, window.starts, as_of)
        ),
        commendations=tuple(
            RecordLine(
                r.day,
                f"{form_label(r.form, lang)} — {r.subject}"
                + (f" ({r.decision_no})" if r.decision_no else ""),
                text("commendation_status", lang, status=r.status),
            )
            for r in store.commendation_records(unit.id, window.starts, as_of)
        ),
        submissions=tuple(
            SubmissionLine(
                _deadline_title(store, plan, r.plan_code, r.deadline_code, lang),
                r.due,
                r.submitted_on,
                text("drafts_state", lang, state=r.state),
            )
            for r in store.submissions_of(unit.id, window.starts, window.ends)
        ),
        communes=communes,
        not_submitted=not_submitted,
        notes=notes,
    )


def _verified(rows: Sequence[EntryFigure], area: str) -> int:
    return sum(r.count for r in rows if r.area == area and r.status == "verified")


def _span(window: Window | None, lang: Language) -> Span | None:
    if window is None:
        return None
    return Span(window.code, window.label.get(lang), window.starts, window.ends, window.ends)


def _area_name(plan: Plan, code: str, lang: Language) -> str:
    return next((a.name.get(lang) for a in plan.areas if a.code == code), code)


def _kind_label(area: ContentArea | None, kind: str, lang: Language) -> str:
    """The kind as the chat shows it: the option of the area's kind field (a tip's category),
    else the area's name."""
    if area is None:
        return kind
    if area.kind_field is not None:
        option = area.field(area.kind_field).option(kind)
        if option is not None:
            return option.label.get(lang)
    return area.name.get(lang) if kind == area.code else kind


def _tips(
    rows: Sequence[EntryFigure], areas: dict[str, ContentArea], lang: Language
) -> tuple[TipLine, ...]:
    """Verified entries of the tracked areas (tips) by kind and outcome, in the form's order
    of kinds and the order tips move through."""
    counts: dict[tuple[str, str, str], int] = {}
    for row in rows:
        area = areas.get(row.area)
        if area is None or not area.tracked or row.status != "verified":
            continue
        key = (row.area, row.kind, row.progress or "received")
        counts[key] = counts.get(key, 0) + row.count

    def order(key: tuple[str, str, str]) -> tuple[int, int, str]:
        area = areas[key[0]]
        options = area.field(area.kind_field).options if area.kind_field else ()
        kinds = [option.id for option in options]
        kind = kinds.index(key[1]) if key[1] in kinds else len(kinds)
        outcome = TIP_OUTCOMES.index(key[2]) if key[2] in TIP_OUTCOMES else len(TIP_OUTCOMES)
        return kind, outcome, key[1]

    return tuple(
        TipLine(
            _kind_label(areas[key[0]], key[1], lang),
            text("tips_progress", lang, progress=key[2]),
            counts[key],
        )
        for key in sorted(counts, key=order)
    )


def _participation(
    store: ReportStore, plan: Plan, unit_id: int, starts: date, ends: date
) -> Participation:
    """Who took part (a target's `participants`), the members (`members`), the patrols and,
    where the patrol form asks how many went, their sum: each the very count a target makes."""

    def figure(spec: CountSpec) -> int:
        return int(store.figure(plan, spec, unit_id, starts, ends) or 0)

    patrols = [a for a in plan.areas if a.form == "patrol"]
    forms = {area.code: area for area in plan.content_areas()}
    people: int | None = None
    for spec in patrols:
        number = next((f.key for f in forms[spec.code].fields if f.kind is FieldKind.NUMBER), None)
        if number is not None:
            people = (people or 0) + figure(CountSpec(count="sum", area=spec.code, field=number))
    return Participation(
        participants=figure(CountSpec(count="participants")),
        members=figure(CountSpec(count="members")),
        patrols=sum(figure(CountSpec(count="entries", area=spec.code)) for spec in patrols),
        patrol_people=people,
    )


def _target_line(row: Any, lang: Language) -> TargetLine:
    """A target as /chitieu writes it for the unit: `target_table`'s cells as they are."""
    mine = row.mine
    return TargetLine(
        code=row.code,
        description=row.description,
        how=row.how,
        period=row.period,
        threshold=row.threshold,
        value=(mine.value or "—") if mine is not None else "—",
        verdict=mine.verdict if mine is not None else text("targets_no_units", lang),
        met=mine.met if mine is not None else None,
    )


def _standings(
    store: ReportStore, plan: Plan, scope: int, unit: ReportUnit, window: Window, lang: Language
) -> Standings | None:
    """The unit among its peers and its best teams and members, read as the standings are
    (`ranked`, the kept rows): for the phase the report covers, else the whole plan."""
    if not plan.areas:
        return None
    phase = next((p for p in plan.phases if p.code == window.code), None)
    code = phase.code if phase else WHOLE_PLAN
    name = phase.name.get(lang) if phase else ""

    def lines(level: str, within: int) -> tuple[RankLine, ...]:
        # Those leading: nobody without a point or an entry, ranked equal last.
        return tuple(
            RankLine(rank, s.name, float(s.points), s.entries)
            for rank, s in store.ranked(plan.code, code, level, within)[:TOP]
            if s.points or s.entries
        )

    if unit.kind == PROVINCE:
        communes = store.ranked(plan.code, code, COMMUNE, unit.id)
        points = float(sum(s.points for _, s in communes))  # its communes' together
        return Standings(
            name, None, len(communes), points, lines(COMMUNE, unit.id), lines("member", unit.id)
        )
    peers = store.ranked(plan.code, code, unit.kind, scope)
    mine = next(((rank, s) for rank, s in peers if s.subject_id == unit.id), None)
    return Standings(
        name,
        mine[0] if mine else None,
        len(peers),
        float(mine[1].points) if mine else 0.0,
        lines("team", unit.id),
        lines("member", unit.id),
    )


def _scheme_name(plan: Plan, scheme: str, lang: Language) -> str:
    return next((r.name.get(lang) for r in plan.registrations if r.scheme == scheme), scheme)


def _deadline_title(
    store: ReportStore, plan: Plan, plan_code: str, deadline_code: str, lang: Language
) -> str:
    other = plan if plan_code == plan.code else None
    if other is None:
        found = store.report_plan(plan_code)
        other = found[0] if found else None
    deadline = (
        next((d for d in other.deadlines if d.code == deadline_code), None) if other else None
    )
    return deadline.title.get(lang) if deadline else deadline_code


def _communes(
    store: ReportStore,
    plan: Plan,
    province: ReportUnit,
    period: ReportPeriod | None,
    as_of: date,
    lang: Language,
) -> tuple[tuple[CommuneLine, ...], tuple[str, ...]]:
    """Each commune of the province over the same days, recomputed live (never summed from
    their drafts), with its own report's state; and the communes that have not submitted it."""
    communes = store.units_of_kind(province.id, COMMUNE)
    if period is None:
        states = {}
    else:
        states = store.report_states(
            plan.code, period.deadline.code, period.due, [i for i, _ in communes]
        )
    starts = period.window.starts if period else plan.starts
    lines = []
    for commune_id, name in communes:
        rows = store.entry_figures(commune_id, starts, as_of)
        judged = [
            row.mine
            for row in target_table(store.target_report_for(plan, commune_id, as_of), lang)
            if row.mine is not None and row.mine.met is not None
        ]
        state = states.get(commune_id)
        lines.append(
            CommuneLine(
                name,
                tuple(_verified(rows, spec.code) for spec in plan.areas),
                sum(1 for cell in judged if cell.met),
                len(judged),
                text("drafts_state", lang, state=state.state if state else "none"),
                state.submitted_on if state else None,
            )
        )
    late: tuple[str, ...] = ()
    if period is not None:
        late = tuple(
            name
            for _, name in not_reported(store, plan.code, province.id, period.deadline, period.due)
        )
    return tuple(lines), late


def _heading(
    store: ReportStore,
    plan: Plan,
    unit: ReportUnit,
    chain: Sequence[ReportUnit],
    period: ReportPeriod,
    today: date,
    lang: Language,
) -> Heading:
    """The header and signature blocks: the unit above as cơ quan chủ quản, the level the
    deadline escalates to and the unit above as recipients (the plan's issuer at the top)."""
    deadline = period.deadline
    parent = chain[1] if len(chain) > 1 else None
    recipients: list[str] = []
    if deadline.escalate_to is not None:
        recipients += [u.name for u in chain[1:] if u.kind == deadline.escalate_to][:1]
    if parent is not None and parent.name not in recipients:
        recipients.append(parent.name)
    if not recipients and plan.issuer:
        recipients.append(plan.issuer)
    title = deadline.title.get(lang)
    label = period.window.label.get(lang)
    subject = (
        title
        if label.lower() in title.lower()
        else text("drafts_subject", lang, title=title, period=label)
    )
    officers = store.officer_names(unit.id)
    assert deadline.report is not None
    return Heading(
        parent_name=parent.name.upper() if parent else "",
        unit_name=unit.name,
        place_name=place_name(unit.name),
        made_on=today,
        # A province summing up its communes' report does not sign with their ký hiệu.
        symbol=deadline.report.symbol if unit.kind in deadline.kinds else GENERIC_SYMBOL,
        subject=subject,
        recipients=tuple(recipients),
        signer_title=text("drafts_signer", lang, kind=signer_kind(unit)),
        signer_name=officers[0] if len(officers) == 1 else None,
    )


# A commune-level unit is a commune, a ward or a special zone (since 2025), as its name says:
# each is headed by its own police chief.
COMMUNE_LEVELS = (
    (("phường", "công an phường"), "ward"),
    (("đặc khu", "công an đặc khu"), "special_zone"),
    (("thị trấn", "công an thị trấn"), "town"),
)


def signer_kind(unit: ReportUnit) -> str:
    """Whose title signs the unit's report: the unit's kind, or for a commune-level unit named
    "Phường …" (a ward), "Đặc khu …" or "Thị trấn …", that level."""
    if unit.kind == COMMUNE:
        lowered = unicodedata.normalize("NFC", unit.name).lower()
        for words, level in COMMUNE_LEVELS:
            if any(lowered.startswith(word + " ") for word in words):
                return level
    return unit.kind


def place_name(unit_name: str) -> str:
    """The địa danh of the date line: the unit's name without its kind word ("Công an xã Đông
    Hưng", "Xã Đông Hưng" → "Đông Hưng"); the whole name when it starts with none. Composed
    first: a name typed decomposed starts with no kind word as written here."""
    unit_name = unicodedata.normalize("NFC", unit_name)
    lowered = unit_name.lower()
    for word in KIND_WORDS:
        if lowered.startswith(word + " ") and len(unit_name) > len(word) + 1:
            return unit_name[len(word) + 1 :].strip()
    return unit_name


def _notes(
    store: ReportStore,
    plan: Plan,
    unit: ReportUnit,
    period: ReportPeriod,
    as_of: date,
    today: date,
    lang: Language,
) -> tuple[str, ...]:
    """What the reader should know: the plan the figures are for when another runs over the
    unit too (its /chitieu shows that one), figures to a day before the day drafted (the
    standings are kept only as they stand now, and a target counts its whole period), and a
    draft made before."""
    notes = []
    running = store.scored_plan(unit.id, as_of)
    if running is not None and running.code != plan.code:
        notes.append(text("drafts_note_plan", lang, plan=plan.name.get(lang), code=plan.code))
    if as_of < today:
        notes.append(
            text("drafts_note_as_of", lang, today=f"{today:%d/%m/%Y}", as_of=f"{as_of:%d/%m/%Y}")
        )
    before = store.latest_report(plan.code, period.deadline.code, period.due, unit.id)
    if before is not None:
        notes.append(
            text(
                "drafts_note_rebuilt",
                lang,
                built=f"{store.local_day(before.built_at):%d/%m/%Y}",  # kept in UTC
                as_of=f"{before.as_of:%d/%m/%Y}",
            )
        )
    return tuple(notes)


def figures(data: ReportData) -> dict[str, Any]:
    """The numbers written, kept with the draft (`reports.figures`) to compare with the
    database later: plain JSON, dates as dd/mm/yyyy."""
    return {
        "span": [f"{data.span.starts:%d/%m/%Y}", f"{data.span.as_of:%d/%m/%Y}"],
        "areas": {a.code: {"verified": a.verified, "pending": a.pending} for a in data.areas},
        "previous": {a.code: a.previous for a in data.areas if a.previous is not None},
        "tips": [[t.kind, t.outcome, t.count] for t in data.tips],
        "participation": asdict(data.participation),
        "targets": {t.code: {"value": t.value, "met": t.met} for t in data.targets},
        "standings": None
        if data.standings is None
        else {
            "rank": data.standings.unit_rank,
            "of": data.standings.unit_of,
            "points": data.standings.unit_points,
        },
        "communes": [
            {"name": c.name, "areas": list(c.areas), "met": c.targets_met, "state": c.report_state}
            for c in data.communes
        ],
        "not_submitted": list(data.not_submitted),
    }


__all__ = [
    "DRAFT",
    "REPORT",
    "Builder",
    "BuiltReport",
    "DraftTask",
    "Planned",
    "Render",
    "ReportChoice",
    "ask",
    "asked",
    "build",
    "choices",
    "drafts_due",
    "figures",
    "gather",
    "keep",
    "place_name",
    "prepare",
    "signer_kind",
]
