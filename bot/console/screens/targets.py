"""Targets (/quanly/chitieu): every target of the plan over the viewer's unit as a table, the
same values and verdicts as the chat's /chitieu; and the values entered by hand
(/quanly/chitieu/nhap), one form a task as /nhapchitieu asks them, with a note and evidence."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from bot.console import exports
from bot.console.access import Acting, Viewer, desk_of, show
from bot.console.screens import Screen, commanders
from campaign import documents as kinds
from campaign.catalogs import said, text
from campaign.localized import Localized
from campaign.target_values import EnteredValue, Way, entered
from services import standings, target_values
from services.refusals import Refused
from services.target_values import Task
from storage.repository import Repository

router = APIRouter()
ROOT = "/quanly/chitieu"


@router.get("/chitieu")
async def targets_page(request: Request, session: Viewer, xuat: str | None = None) -> Response:
    desk = desk_of(request)
    member = session.member
    lang = member.language
    now = desk.now()
    # A view over a province reads every unit's entries: off the event loop (2.9 s measured).
    report = await desk.run_long(lambda repo: standings.targets(repo, member, now.date()))
    rows = standings.target_table(report, lang)
    if xuat in exports.FORMATS:
        lines = [
            [
                row.description,
                row.how,
                row.level,
                row.period,
                row.threshold,
                cell.name,
                rule if cell is row.mine else "",
                cell.value,
                cell.verdict,
            ]
            for row in rows
            for cell, rule in ([(row.mine, row.rule)] if row.mine else [])
            + [(unit, "") for unit in row.units]
        ]
        await desk.run(
            lambda repo: standings.exported(repo, member, "targets", {}, len(lines), now)
        )
        return exports.export(
            xuat,
            title=text("console_standings_targets_title", lang),
            lines=[
                (text("console_standings_plan", lang), report.plan_name.get(lang)),
                (text("console_standings_unit", lang), member.unit_name),
                (text("console_standings_exported_by", lang), member.full_name),
                (text("console_standings_exported_at", lang), now.strftime("%d/%m/%Y %H:%M")),
            ],
            headers=[
                text("console_standings_target", lang),
                text("console_standings_how", lang),
                text("console_standings_level", lang),
                text("console_standings_period", lang),
                text("console_standings_threshold", lang),
                text("console_standings_unit", lang),
                text("console_standings_rollup", lang),
                text("console_standings_value", lang),
                text("console_standings_verdict", lang),
            ],
            rows=lines,
            filename=f"chi-tieu-{now:%Y%m%d}",
            zone=desk.zone,
        )
    return show(request, session, "targets.html", plan_name=report.plan_name, rows=rows)


# --- values entered by hand ---
async def _tasks_page(
    request: Request,
    session: Viewer,
    *,
    done: str | None = None,
    problem: Localized | str | None = None,
    failed_key: str | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    desk = desk_of(request)
    member = session.member
    day = desk.now().date()

    def read(repo: Repository) -> list[dict[str, Any]]:
        return [_shown(repo, task) for task in target_values.tasks(repo, member, day)]

    found = await desk.run(read)
    return show(
        request,
        session,
        "target_values.html",
        status_code=status_code,
        tasks=found,
        done=done if done in ("saved", "changed") else None,
        problem=problem,
        failed_key=failed_key,
        typed=typed or {},
        accept=",".join(sorted(ACCEPTED)),
        limit_mb=kinds.DEFAULT_LIMIT // (1024 * 1024),
    )


ACCEPTED = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png", "image/*"}


def _shown(repo: Repository, task: Task) -> dict[str, Any]:
    """What a task's card shows: the service's task, its hint, the value as the chat words it."""
    spec = entered(task.target)
    closed = None
    try:
        target_values.refuse_closed(task)
    except Refused as refused:
        closed = refused.reason
    return {
        "task": task,
        "hint": target_values.hint(repo, task) if closed is None else None,
        "value": _value_words(task.way, task.stored.value) if task.stored else None,
        "closed": closed,
        "by": spec.by.value if spec else None,
    }


def _value_words(way: Way, value: EnteredValue) -> Localized | str:
    if way == "met":
        return said("target_value_met" if value.met else "target_value_not_met")
    return value.shown(way)


@router.get("/chitieu/nhap")
async def target_values_page(
    request: Request, session: Viewer, done: str | None = None
) -> Response:
    return await _tasks_page(request, session, done=done)


@router.post("/chitieu/nhap")
async def enter_value(request: Request, session: Acting) -> Response:
    desk = desk_of(request)
    member = session.member  # never None: None is the command line, with every right
    form = await request.form()
    key = str(form.get("key") or "")[:40]
    typed_value = str(form.get("value") or "").strip()[:60]
    met = str(form.get("met") or "").strip()[:10]
    note = " ".join(str(form.get("note") or "").split())[:1000] or None
    upload = form.get("evidence")
    data = b""
    name = ""
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(kinds.DEFAULT_LIMIT + 1)
        name = upload.filename[:200]
        if len(data) > kinds.DEFAULT_LIMIT:
            return await _tasks_page(
                request,
                session,
                problem=kinds.too_big(len(data)),
                failed_key=key,
                typed={"value": typed_value, "note": note or ""},
                status_code=400,
            )
    now = desk.now()

    def save(repo: Repository) -> target_values.Saved:
        # Not the member's task (another commune's, a role changed): refused outright (403).
        task = target_values.find(repo, member, key, now.date())
        try:
            value = target_values.typed_value(
                task, None if task.way == "met" else typed_value, met if task.way == "met" else None
            )
            evidence = None
            if data:
                evidence = target_values.keep_evidence(
                    repo, repo, member, task, data=data, name=name, now=now
                )
            return target_values.enter(
                repo, repo, repo, member, task, value, note=note, document_id=evidence, now=now
            )
        except Refused as refused:
            raise _Unsaved(refused.reason) from None

    try:
        saved = await desk.run(save)
    except _Unsaved as unsaved:
        return await _tasks_page(
            request,
            session,
            problem=unsaved.reason,
            failed_key=key,
            typed={"value": typed_value, "note": note or ""},
            status_code=400,
        )
    outcome = "changed" if saved.before else "saved"
    return RedirectResponse(f"{ROOT}/nhap?done={outcome}#task-{key}", status_code=303)


class _Unsaved(Exception):
    """A value the service refused (not a number, a closed period, a file it does not take):
    the form again, with why."""

    def __init__(self, reason: Localized) -> None:
        super().__init__(reason.vi)
        self.reason = reason


SCREEN = Screen(
    path="chitieu", label="console_standings_targets_nav", shown_to=commanders, router=router
)
