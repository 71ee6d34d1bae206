"""Plans (/quanly/kehoach), admins: the plans over their units, a plan file uploaded and read
back as its line-numbered problems or a preview (phases, areas, targets and how each is
measured, deadlines) before it is loaded, and a running plan retired."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from bot.console.access import ROOT, Acting, Viewer, desk_of, show
from bot.console.screens import Screen, admins
from bot.console.uploads import Kept, Uploads
from campaign.catalogs import said
from campaign.localized import Localized
from campaign.plans import MAX_CHARACTERS, GradingGuide, Plan, PlanError, load_document
from services import plans
from services.console_access import Session
from services.plans import PlanPreview
from storage.unit_of_work import UnitOfWork

router = APIRouter()
SCREEN = Screen(path="kehoach", label="console_files_nav_plans", shown_to=admins, router=router)

SUFFIXES = (".yaml", ".yml")
DONE = ("loaded", "replaced", "retired")


def _document(data: bytes) -> tuple[Plan | GradingGuide, str] | list[Localized]:
    """The parsed document and its text, or every problem (each naming its line)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [said("console_files_plan_not_utf8")]
    try:
        return load_document(text), text
    except PlanError as error:
        return error.localized


async def _listed(request: Request, session: Session) -> list[plans.ListedPlan]:
    desk = desk_of(request)
    today = desk.now().astimezone(desk.zone).date()
    member = session.member
    return await desk.run_admin(lambda work: plans.listed_for(work, member, today))


async def _page(
    request: Request,
    session: Session,
    *,
    preview: PlanPreview | None = None,
    problems: list[Localized] | None = None,
    kept: Kept | None = None,
    status_code: int = 200,
) -> Response:
    done = request.query_params.get("done", "")
    return show(
        request,
        session,
        "files_plans.html",
        status_code=status_code,
        listed=await _listed(request, session),
        preview=preview,
        problems=problems or [],
        kept=kept,
        done=done if done in DONE else "",
        code=request.query_params.get("code", ""),
    )


@router.get("/kehoach")
async def plans_page(request: Request, session: Viewer) -> Response:
    return await _page(request, session)


def _checked(
    work: UnitOfWork, document: Plan | GradingGuide, text: str, session: Session
) -> PlanPreview | list[Localized]:
    """The preview, or the problems `load` would refuse the file for (nothing is written)."""
    try:
        plans.check(work, document, text, None, loader=session.member)
    except PlanError as error:
        return error.localized
    except plans.PlanScopeError as error:
        return [said("console_files_plan_no_unit", code=str(error))]
    return plans.preview(document)


@router.post("/kehoach")
async def plan_upload(
    request: Request, session: Acting, file: Annotated[UploadFile, File()]
) -> Response:
    desk = desk_of(request)
    name = Path(file.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        problem = said("console_files_plan_not_yaml", suffix=suffix or name)
        return await _page(request, session, problems=[problem], status_code=400)
    data = await file.read(MAX_CHARACTERS * 4 + 1)  # characters of up to 4 bytes in UTF-8
    if len(data) > MAX_CHARACTERS * 4:
        problem = said("console_files_too_big", limit=MAX_CHARACTERS * 4 // (1024 * 1024))
        return await _page(request, session, problems=[problem], status_code=400)
    uploads = Uploads(desk.settings.data_dir)
    kept = uploads.keep(session.id_hash, "plan", name, suffix, data)
    # Reading a long YAML takes seconds: off the event loop, which serves every chat too.
    parsed = await asyncio.to_thread(_document, data)
    if isinstance(parsed, list):
        uploads.forget(session.id_hash, "plan")  # nothing to load: nothing kept
        return await _page(request, session, problems=parsed, kept=kept, status_code=400)
    document, text = parsed
    found = await desk.run_admin(lambda work: _checked(work, document, text, session), long=True)
    if isinstance(found, list):
        uploads.forget(session.id_hash, "plan")
        return await _page(request, session, problems=found, kept=kept, status_code=400)
    return await _page(request, session, preview=found, kept=kept)


@router.post("/kehoach/nap")
async def plan_load(
    request: Request, session: Acting, sha256: str = Form(..., max_length=64)
) -> Response:
    desk = desk_of(request)
    uploads = Uploads(desk.settings.data_dir)
    kept = uploads.claim(session.id_hash, "plan", sha256)  # one load at a time
    if kept is None:
        problem = said("console_files_changed")
        return await _page(request, session, problems=[problem], status_code=409)
    try:
        return await _load(request, session, uploads, kept)
    except BaseException:
        uploads.release(session.id_hash, "plan", kept)
        raise


async def _load(request: Request, session: Session, uploads: Uploads, kept: Kept) -> Response:
    desk = desk_of(request)
    parsed = await asyncio.to_thread(_document, kept.path.read_bytes())
    if isinstance(parsed, list):
        uploads.release(session.id_hash, "plan", kept)
        return await _page(request, session, problems=parsed, kept=kept, status_code=400)
    document, text = parsed
    now = desk.now()
    member = session.member

    def load(work: UnitOfWork) -> bool | list[Localized]:
        try:
            return plans.load(work, document, text, now, None, loader=member)
        except PlanError as error:
            return error.localized
        except plans.PlanScopeError as error:
            return [said("console_files_plan_no_unit", code=str(error))]

    loaded = await desk.run_admin(load, long=True)
    if isinstance(loaded, list):
        uploads.release(session.id_hash, "plan", kept)
        return await _page(request, session, problems=loaded, kept=kept, status_code=400)
    uploads.finish(kept)
    uploads.forget(session.id_hash, "plan")
    done = "loaded" if loaded else "replaced"
    query = urlencode({"done": done, "code": document.code})
    return RedirectResponse(f"{ROOT}/kehoach?{query}", status_code=303)


@router.post("/kehoach/ketthuc")
async def plan_retire(
    request: Request, session: Acting, code: str = Form(..., max_length=64)
) -> Response:
    desk = desk_of(request)
    now = desk.now()
    member = session.member
    await desk.run_admin(lambda work: plans.retire(work, member, code, now))
    query = urlencode({"done": "retired", "code": code})
    return RedirectResponse(f"{ROOT}/kehoach?{query}", status_code=303)
