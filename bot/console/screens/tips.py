"""Tips as cases: the list of every tip in the viewer's scope (closed ones too) with filters,
sorting, pages and exports; one case with its answers, its assignment, its notes, a question
to its reporter, its moves and its closing outcome; and the informant's reveal.

The informant is shown once, in the answer to the reveal's POST: it is never in a redirect
URL, the session, a log line or a table. A reload (a GET) shows the reveal form again.
What the viewer may do is what `services.tips` says (`follows`), never a role check here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot.console.access import Acting, Viewer, desk_of, show
from bot.console.exports import EXPORT_LIMIT, FORMATS, export, without_sealed
from bot.console.screens import Screen
from bot.console.typed import day, whole
from campaign.areas import TIP, FieldKind
from campaign.catalogs import text
from campaign.localized import Language
from campaign.review import TIP_PROGRESS
from campaign.roles import Role
from services import tips
from services.console_access import Session
from services.ports import (
    ASSIGNED_FILTERS,
    TIP_CASE_ORDERS,
    EntryFilter,
    MemberView,
    TipCase,
    TipCaseFilter,
    TipCaseRow,
)
from services.refusals import Refused

router = APIRouter()
HERE = "/quanly/tin"
LONGEST = 2000  # characters of a typed note, question, outcome or reason
DONE = ("assigned", "noted", "asked", "moved")  # what a case page's ?done= may say


def shown_to(member: MemberView) -> bool:
    """Officers follow tips up; admins read the list of their subtree."""
    return member.role in (Role.OFFICER, Role.ADMIN)


SCREEN = Screen(path="tin", label="console_tips_nav", shown_to=shown_to, router=router)


@dataclass(frozen=True)
class Asked:
    """The list's GET form as typed (kept to fill the form again and for the export)."""

    progress: str = ""
    assigned: str = ""
    unit: str = ""
    since: str = ""
    until: str = ""
    text: str = ""
    reference: str = ""
    order: str = "progress"

    def wanted(self) -> TipCaseFilter:
        return TipCaseFilter(
            EntryFilter(
                area="tip",
                progress=self.progress if self.progress in TIP_PROGRESS else None,
                unit_id=whole(self.unit),
                since=day(self.since),
                until=day(self.until),
                text=self.text.strip() or None,
                reference=self.reference.strip() or None,
            ),
            self.assigned if self.assigned in ASSIGNED_FILTERS else "",
        )

    def query(self, **changed: Any) -> str:
        values = {**self.__dict__, **changed}
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _asked(request: Request) -> Asked:
    given = request.query_params
    found = {name: given.get(name, "")[:200] for name in Asked.__dataclass_fields__}
    if found["order"] not in TIP_CASE_ORDERS:
        found["order"] = "progress"
    return Asked(**found)


@router.get("/tin")
async def tip_list(request: Request, session: Viewer) -> Response:
    desk = desk_of(request)
    member = session.member
    asked = _asked(request)
    wanted = asked.wanted()
    fmt = request.query_params.get("xuat", "")
    if fmt in FORMATS:
        now = desk.now()
        rows = await _committed(
            desk,
            lambda repo: tips.export_cases(
                repo, member, wanted, asked.order, fmt, EXPORT_LIMIT, now
            ),
        )
        return _export(fmt, rows, member, asked, now, desk.zone)
    page_asked = request.query_params.get("page", "1")
    page_number = whole(page_asked) or 1

    def read(repo: Any) -> tuple[tips.CasePage, list[tuple[int, str]]]:
        found = tips.cases(repo, member, wanted, asked.order, page_number)
        return found, tips.case_units(repo, member)

    found, units = await desk.run(read)
    return show(
        request,
        session,
        "tips.html",
        asked=asked,
        found=found,
        units=units,
        progresses=TIP_PROGRESS,
        orders=TIP_CASE_ORDERS,
        summary=lambda row: _summary(row.details),
        category=lambda code: _category(code, member.language),
    )


def _summary(details: dict[str, Any]) -> str:
    what = str(details.get("what") or "")
    return what if len(what) <= 90 else what[:89] + "…"


def _category(code: str | None, language: Language) -> str:
    option = TIP.field("category").option(code or "")
    return "" if option is None else option.label.get(language)


def _place(value: Any) -> str:
    """A typed address, or a shared point as "latitude, longitude"."""
    if isinstance(value, dict):
        if "address" in value:
            return str(value["address"])
        if "latitude" in value and "longitude" in value:
            return f"{float(value['latitude']):.5f}, {float(value['longitude']):.5f}"
        return ""
    return "" if value is None else str(value)


def answers(details: dict[str, Any], language: Language) -> list[tuple[str, str]]:
    """The tip's answers as labelled lines (never a sealed one; the photo is counted apart)."""
    shown = without_sealed(details)
    lines = []
    for spec in TIP.fields:
        value = shown.get(spec.key)
        if value is None or value == "" or spec.sealed or spec.kind is FieldKind.PHOTO:
            continue
        if spec.kind is FieldKind.CHOICE:
            option = spec.option(str(value))
            worded = str(value) if option is None else option.label.get(language)
        elif spec.kind is FieldKind.PLACE:
            worded = _place(value)
        elif spec.kind in (FieldKind.MOMENT, FieldKind.DATE, FieldKind.TIME):
            continue  # the case says when it happened from `occurred_at`
        else:
            worded = str(value)
        lines.append((spec.label.get(language), worded))
    return lines


def _export(
    fmt: str,
    rows: list[TipCaseRow],
    member: MemberView,
    asked: Asked,
    now: Any,
    zone: Any,
) -> Response:
    language = member.language

    def t(key: str, **values: Any) -> str:
        return text(key, language, **values)

    headers = [t("console_tips_column", column=name) for name in _COLUMNS]
    lines = [
        (t("console_tips_export_by"), f"{member.full_name} · {member.unit_name}"),
        (t("console_tips_export_at"), now.astimezone(zone).strftime("%d/%m/%Y %H:%M")),
        (t("console_tips_export_filters"), asked.query() or t("console_tips_export_all")),
        (t("console_tips_export_rows"), str(len(rows))),
    ]
    table = (
        [
            row.reference,
            row.occurred_at,
            row.created_at,
            row.unit_name,
            row.author,
            _category(row.category, language),
            str(without_sealed(row.details).get("what") or ""),
            _place(without_sealed(row.details).get("place")),
            t("tips_progress", progress=row.progress),
            row.urgent,
            row.assigned_name or "",
            row.notes,
            row.last_activity,
            row.outcome_note or "",
        ]
        for row in rows
    )
    return export(
        fmt,
        title=t("console_tips_title"),
        lines=lines,
        headers=headers,
        rows=table,
        filename=f"nguon-tin-{now.astimezone(zone):%Y%m%d-%H%M}",
        zone=zone,
    )


_COLUMNS = (
    "reference",
    "occurred",
    "logged",
    "unit",
    "reporter",
    "category",
    "what",
    "place",
    "progress",
    "urgent",
    "assigned",
    "notes",
    "activity",
    "outcome",
)


async def _committed(desk: Any, work: Any) -> Any:
    """Run `work` and commit what it wrote even when a service refuses (a refused reveal is
    audited: the audit line must outlive the refusal), then raise the refusal."""

    def attempt(repo: Any) -> tuple[Any, Refused | None]:
        try:
            return work(repo), None
        except Refused as refused:
            return None, refused

    done, refused = await desk.run(attempt)
    if refused is not None:
        raise refused
    return done


def _case_page(
    request: Request,
    session: Session,
    found: TipCase,
    officers: list[MemberView],
    *,
    status_code: int = 200,
    problem: Any = None,
) -> Response:
    member = session.member
    return show(
        request,
        session,
        "tip_case.html",
        status_code=status_code,
        case=found,
        answers=answers(found.details, member.language),
        follows=tips.follows(found),
        moves=tips.moves(found),
        closing=sorted(tips.CLOSED),
        seen=tips.case_seen(found),
        officers=officers,
        problem=problem,
        done=done if (done := request.query_params.get("done", "")) in DONE else "",
        outcome_minimum=tips.OUTCOME_MINIMUM,
        edited=lambda keys: _labels(keys, member.language),
    )


def _labels(keys: str, language: Language) -> str:
    """The answers a reporter changed, by their labels."""
    known = {spec.key: spec.label.get(language) for spec in TIP.fields if not spec.sealed}
    return ", ".join(known.get(key, key) for key in keys.split(", ") if key)


async def _read_case(
    request: Request, member: MemberView, reference: str
) -> tuple[TipCase, list[MemberView]]:
    desk = desk_of(request)

    def read(repo: Any) -> tuple[TipCase, list[MemberView]]:
        found = tips.case(repo, member, reference)
        officers = tips.officers_for(repo, found) if tips.follows(found) else []
        return found, officers

    found, officers = await desk.run(read)
    return found, officers


@router.get("/tin/{reference}")
async def tip_case(request: Request, session: Viewer, reference: str) -> Response:
    found, officers = await _read_case(request, session.member, reference)
    return _case_page(request, session, found, officers)


async def _act(
    request: Request, session: Session, reference: str, work: Any, done: str
) -> Response:
    """Run an action on the case; back to the case page (303) when done. A refusal the viewer
    can mend (a note too short, a changed tip) shows the case again with it; one for a viewer
    who does not follow the case up is the console's refused page."""
    desk = desk_of(request)
    try:
        await _committed(desk, work)
    except Refused as refused:
        found, officers = await _read_case(request, session.member, reference)
        if not tips.follows(found):
            raise
        return _case_page(
            request, session, found, officers, status_code=400, problem=refused.reason
        )
    return RedirectResponse(f"{HERE}/{quote(reference)}?done={done}", status_code=303)


@router.post("/tin/{reference}/giao")
async def assign(
    request: Request,
    session: Acting,
    reference: str,
    assignee: str = Form("", max_length=20),
) -> Response:
    member, now = session.member, desk_of(request).now()
    chosen = whole(assignee)
    return await _act(
        request,
        session,
        reference,
        lambda repo: tips.assign(repo, member, reference, chosen, now),
        "assigned",
    )


@router.post("/tin/{reference}/ghichu")
async def add_note(
    request: Request,
    session: Acting,
    reference: str,
    note: str = Form("", max_length=LONGEST),
) -> Response:
    member, now = session.member, desk_of(request).now()
    return await _act(
        request,
        session,
        reference,
        lambda repo: tips.add_note(repo, member, reference, note, now),
        "noted",
    )


@router.post("/tin/{reference}/hoi")
async def ask(
    request: Request,
    session: Acting,
    reference: str,
    question: str = Form("", max_length=LONGEST),
) -> Response:
    member, now = session.member, desk_of(request).now()
    return await _act(
        request,
        session,
        reference,
        lambda repo: tips.ask_reporter(repo, repo, member, reference, question, now),
        "asked",
    )


@router.post("/tin/{reference}/chuyen")
async def move(
    request: Request,
    session: Acting,
    reference: str,
    progress: str = Form("", max_length=20),
    seen: str = Form("", max_length=64),
    note: str = Form("", max_length=LONGEST),
) -> Response:
    member, now = session.member, desk_of(request).now()
    return await _act(
        request,
        session,
        reference,
        lambda repo: tips.advance_case(
            repo, member, reference, progress, seen_as=seen, note=note or None, now=now
        ),
        "moved",
    )


@router.get("/tin/{reference}/nguoi-cung-cap")
async def reveal_form(request: Request, session: Viewer, reference: str) -> Response:
    """The reveal's form (a reload of the revealed page lands here: the informant is not
    shown again without a new reason, audited again)."""
    found, _ = await _read_case(request, session.member, reference)
    return show(request, session, "tip_reveal.html", case=found, follows=tips.follows(found))


@router.post("/tin/{reference}/nguoi-cung-cap")
async def reveal(
    request: Request,
    session: Acting,
    reference: str,
    reason: str = Form("", max_length=LONGEST),
) -> Response:
    desk = desk_of(request)
    member, now = session.member, desk.now()
    try:
        informant = await _committed(
            desk, lambda repo: tips.reveal(repo, repo, member, reference, reason, now)
        )
    except Refused as refused:
        found, _ = await _read_case(request, member, reference)
        if not tips.follows(found):
            raise
        return show(
            request,
            session,
            "tip_reveal.html",
            status_code=400,
            case=found,
            follows=True,
            problem=refused.reason,
        )
    # Rendered once into this answer and dropped: no redirect, nothing kept.
    response = show(request, session, "tip_revealed.html", reference=reference, informant=informant)
    response.headers["pragma"] = "no-cache"
    return response
