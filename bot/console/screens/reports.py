"""Reports (/quanly/baocao), officers and admins: the report deadlines the viewer may draft now
(a province's own report is its "Báo cáo tổng hợp" of its communes), a button per report that
drafts it from verified figures and downloads the .docx at once (the kept document, sealed to
the unit's line of command, audited as every opening is), and the latest drafts kept with their
.docx and .xlsx annex."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot import render_pool
from bot.console.access import ROOT, Acting, Viewer, desk_of, show
from bot.console.screens import Screen
from campaign.catalogs import said
from campaign.localized import Localized
from campaign.plans import Plan
from campaign.report_content import ReportData
from campaign.roles import Role
from campaign.unit_kinds import PROVINCE
from services import reports
from services.ports import MemberView, ReportRow
from services.refusals import Refused
from services.reports import ReportChoice
from storage.repository import Repository

router = APIRouter()
LATEST = 20  # drafts listed


def police(member: MemberView) -> bool:
    return member.role in (Role.OFFICER, Role.ADMIN)


SCREEN = Screen(path="baocao", label="console_reports_nav", shown_to=police, router=router)


@dataclass(frozen=True)
class Offered:
    choice: ReportChoice
    summary: bool  # a province's own report: the summary of its communes'


@dataclass(frozen=True)
class Drafted:
    row: ReportRow
    unit_name: str
    title: Localized | None  # the deadline's title (None: its plan is no longer loaded)


@dataclass(frozen=True)
class ReportsPage:
    offered: list[Offered]
    drafted: list[Drafted]


def _page(repo: Repository, member: MemberView, today: date) -> ReportsPage:
    found = reports.choices(repo, member, today)
    units = {choice.unit_id for choice in found} | {member.unit_id}
    seen = {unit_id: repo.report_unit(unit_id) for unit_id in units}
    offered = [
        Offered(choice, (unit := seen.get(choice.unit_id)) is not None and unit.kind == PROVINCE)
        for choice in found
    ]
    rows = sorted(
        (row for unit_id in units for row in repo.reports_of(unit_id, limit=LATEST)),
        key=lambda row: row.built_at,
        reverse=True,
    )[:LATEST]
    plans = {code: repo.report_plan(code) for code in {row.plan_code for row in rows}}
    drafted = [
        Drafted(
            row,
            unit.name if (unit := seen.get(row.unit_id)) is not None else "",
            _title(plans.get(row.plan_code), row.deadline_code),
        )
        for row in rows
    ]
    return ReportsPage(offered, drafted)


def _title(found: tuple[Plan, int] | None, deadline_code: str) -> Localized | None:
    if found is None:
        return None
    return next((d.title for d in found[0].deadlines if d.code == deadline_code), None)


@router.get("/baocao")
async def reports_page(request: Request, session: Viewer) -> Response:
    desk = desk_of(request)
    member = session.member
    today = desk.now().astimezone(desk.zone).date()
    found = await desk.run_long(lambda repo: _page(repo, member, today))
    return show(request, session, "reports.html", offered=found.offered, drafted=found.drafted)


@router.post("/baocao/soan")
async def report_build(
    request: Request, session: Acting, key: str = Form(..., max_length=64)
) -> Response:
    """Draft the report the button names and download its .docx (kept, then opened through
    the audited document download). Its figures are read in one transaction, its files
    written in a render worker, then kept in another: no transaction waits on the drawing,
    and the event loop serves the others meanwhile."""
    desk = desk_of(request)
    member = session.member
    now = desk.now()
    conversation = desk.conversation

    def gathered(repo: Repository) -> tuple[reports.Planned, ReportData]:
        found = reports.choices(repo, member, now.astimezone(desk.zone).date())
        choice = next((c for c in found if c.key == key), None)
        if choice is None:
            raise Refused(said("console_reports_gone"))
        planned = reports.prepare(
            repo,
            member,
            plan_code=choice.plan_code,
            unit_id=choice.unit_id,
            now=now,
            period=choice.period_code,
            deadline_code=choice.deadline_code,
        )
        return planned, planned.gather(repo)

    planned, data = await desk.run_long(gathered)
    made = await conversation.render_pool.run(
        render_pool.report_files, data, conversation.settings.report_templates_dir
    )
    if isinstance(made, render_pool.BrokenTemplate):
        raise Refused(said("report_template_broken", template=made.template, problem=made.problem))
    row = await desk.run(lambda repo: reports.keep(repo, planned, data, made).row)
    if row.document_id is None:  # kept without its files: the list shows what there is
        return RedirectResponse(f"{ROOT}/baocao", status_code=303)
    return RedirectResponse(f"{ROOT}/tailieu/{row.document_id}", status_code=303)
