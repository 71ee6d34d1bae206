"""Entries (/quanly/muc): every entry in the commander's scope, filtered, sorted and paged,
exported as filtered; one entry in full with its photos and history; deciding one entry, or
many at once with one reason. Every rule is the services' (services.browse, services.review):
this desk reads the request, calls them, and words the answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData, QueryParams

from bot.console import exports
from bot.console.access import Acting, Desk, Viewer, desk_of, show
from bot.console.screens import Screen, commanders
from bot.console.typed import day, whole
from campaign.areas import DEFAULT_AREAS, WHEN_KINDS, ContentArea, FieldKind, FieldSpec
from campaign.catalogs import said, text
from campaign.localized import Language
from campaign.review import TIP_PROGRESS
from services import browse, review
from services.console_access import Session
from services.entries import plan_areas
from services.ports import CONSOLE_CHANNEL, ENTRY_ORDERS, EntryDetail, EntryFilter, EntryRow, Page
from services.refusals import Refused
from storage.repository import Repository

router = APIRouter()
SCREEN = Screen(path="muc", label="console_entries_nav", shown_to=commanders, router=router)

STATUSES = ("pending", "verified", "rejected")
# The filter's names in the URL (short, unmarked Vietnamese: the URL is the filter).
FILTER_KEYS = ("noidung", "trangthai", "tiendo", "donvi", "thanhvien", "tu", "den", "tim", "ma")
SUMMARY_LENGTH = 90


# --- Reading the request ---


@dataclass(frozen=True)
class Asked:
    """The table's request: the filter, its order and page, and the URL's words for them."""

    wanted: EntryFilter
    order: str
    descending: bool
    page: int
    given: dict[str, str]  # the filter fields as typed (a form shows them back)


def asked(params: QueryParams | FormData | Mapping[str, Any]) -> Asked:
    given = {key: str(params.get(key) or "").strip()[:200] for key in FILTER_KEYS}
    located = str(params.get("codinhvi") or "") == "1"
    if located:
        given["codinhvi"] = "1"
    status = given["trangthai"] if given["trangthai"] in STATUSES else None
    progress = given["tiendo"] if given["tiendo"] in TIP_PROGRESS else None
    wanted = EntryFilter(
        area=given["noidung"] or None,
        status=status,
        progress=progress,
        unit_id=whole(given["donvi"]),
        member_id=whole(given["thanhvien"]),
        since=day(given["tu"]),
        until=day(given["den"]),
        text=given["tim"] or None,
        reference=given["ma"] or None,
        located=located,
    )
    order = str(params.get("order") or "")
    return Asked(
        wanted=wanted,
        order=order if order in ENTRY_ORDERS else browse.DEFAULT_ORDER,
        descending=str(params.get("desc") or ("" if order else "1")) == "1",
        page=whole(str(params.get("page") or "")) or 1,
        given={key: value for key, value in given.items() if value},
    )


def query_of(asked_for: Asked, **changed: Any) -> str:
    """The table's URL query for this request, with `changed` (None: dropped)."""
    values: dict[str, Any] = {
        **asked_for.given,
        "order": asked_for.order,
        "desc": "1" if asked_for.descending else "0",
        "page": asked_for.page,
    }
    values.update(changed)
    return urlencode({key: value for key, value in values.items() if value not in (None, "")})


# --- Wording an entry ---


def areas_for(areas: Sequence[ContentArea]) -> list[ContentArea]:
    """The plan's areas, then the built-in ones the plan does not redefine."""
    codes = {area.code for area in areas}
    return [*areas, *(area for area in DEFAULT_AREAS if area.code not in codes)]


def area_of(code: str, areas: Sequence[ContentArea]) -> ContentArea | None:
    return next((area for area in areas if area.code == code), None)


def shown_value(spec: FieldSpec | None, value: Any, language: Language) -> str:
    """An answer as a person reads it (the chat's cards word them the same way)."""
    if spec is not None and spec.kind is FieldKind.CHOICE:
        option = spec.option(str(value))
        return option.label.get(language) if option else str(value)
    if isinstance(value, dict):
        if "address" in value:
            return str(value["address"])
        if "latitude" in value and "longitude" in value:
            return text(
                "location_value",
                language,
                lat=f"{float(value['latitude']):.5f}",
                lon=f"{float(value['longitude']):.5f}",
            )
        if "name" in value:
            found = value.get("reference")
            return f"{value['name']} ({found})" if found else str(value["name"])
    if spec is not None and spec.kind is FieldKind.DATE:
        parsed = day(str(value))
        return parsed.strftime("%d/%m/%Y") if parsed else str(value)
    if spec is not None and spec.kind is FieldKind.MODEL:
        return text("model_entry_unregistered", language, name=str(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "✓" if value else "—"
    return str(value)


def answers(
    details: Mapping[str, Any], area: ContentArea | None, language: Language
) -> list[tuple[str, str]]:
    """(label, value) of each answer, in the form's order; never a sealed one, never photos
    (shown as photos), teammates or the time (each shown apart)."""
    kept = exports.without_sealed(dict(details))
    shown: list[tuple[str, str]] = []
    named: set[str] = set()
    for spec in area.fields if area else ():
        named.add(spec.key)
        if spec.sealed or spec.kind in WHEN_KINDS:
            continue
        if spec.kind in (FieldKind.PHOTO, FieldKind.TEAMMATES):
            continue
        value = kept.get(spec.key)
        if value is None or value == "":
            continue
        shown.append((spec.label.get(language), shown_value(spec, value, language)))
    for key, value in kept.items():  # answers of a form changed since, kept as they were
        if key in named or key == "photo" or value is None or value == "":
            continue
        shown.append((key, shown_value(None, value, language)))
    return shown


def happened(row: EntryRow, area: ContentArea | None, desk: Desk) -> str:
    occurred = row.occurred_at.astimezone(desk.zone)
    if area is None:
        return occurred.strftime("%d/%m/%Y %H:%M")
    return area.happened(row.details, occurred)


def summary(row: EntryRow, area: ContentArea | None, language: Language) -> str:
    """The entry's first typed answers, short (the table's cell)."""
    said_here = "; ".join(value for _, value in answers(row.details, area, language))
    if len(said_here) > SUMMARY_LENGTH:
        return said_here[: SUMMARY_LENGTH - 1].rstrip() + "…"
    return said_here


# --- The table ---


@router.get("/muc")
async def entries_table(request: Request, session: Viewer) -> Response:
    desk = desk_of(request)
    asked_for = asked(request.query_params)
    fmt = request.query_params.get("xuat", "")
    if fmt in exports.FORMATS:
        return await _export(desk, session, asked_for, fmt)
    return await _table_page(request, session, asked_for)


async def _table_page(
    request: Request,
    session: Session,
    asked_for: Asked,
    *,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    desk = desk_of(request)
    viewer = session.member
    today = desk.now().astimezone(desk.zone).date()

    def read(repo: Repository) -> dict[str, Any]:
        page = browse.table(
            repo,
            viewer,
            asked_for.wanted,
            order=asked_for.order,
            descending=asked_for.descending,
            page=asked_for.page,
        )
        waiting = browse.pending_matching(repo, viewer, asked_for.wanted)
        shown = {**browse.reviewable(page.rows), **waiting}
        offered = browse.choices(repo, viewer, asked_for.wanted.unit_id)
        return {
            "page": page,
            "seen": shown,
            "all_waiting": waiting,
            "units": offered.units,
            "members": offered.members,
            "areas": areas_for(plan_areas(repo, viewer, today)),
        }

    found = await desk.run(read)
    page: Page[EntryRow] = found["page"]
    areas: list[ContentArea] = found["areas"]
    language = viewer.language
    rows = [
        {
            "row": row,
            "area": _area_name(row.content_area, areas, language),
            "happened": happened(row, area_of(row.content_area, areas), desk),
            "summary": summary(row, area_of(row.content_area, areas), language),
            "seen": found["seen"].get(row.reference),
        }
        for row in page.rows
    ]
    done = request.query_params.get("done", "")
    outcome = None
    if done == "bulk":
        outcome = text(
            "console_entries_bulk_done",
            language,
            decided=whole(request.query_params.get("decided")) or 0,
            changed=whole(request.query_params.get("changed")) or 0,
            gone=whole(request.query_params.get("gone")) or 0,
        )
    return show(
        request,
        session,
        "entries.html",
        status_code=status_code,
        asked=asked_for,
        given=asked_for.given,
        rows=rows,
        page=page,
        orders=ENTRY_ORDERS,
        statuses=STATUSES,
        progresses=TIP_PROGRESS,
        areas=[(area.code, area.name.get(language)) for area in areas],
        units=found["units"],
        members=found["members"],
        seen=found["seen"],
        all_waiting=found["all_waiting"],
        query=query_of(asked_for),
        query_of=lambda **changed: query_of(asked_for, **changed),
        outcome=outcome,
        problem=problem,
        reason_minimum=review.REASON_MINIMUM,
        bulk_limit=review.BULK_LIMIT,
    )


def _area_name(code: str, areas: Sequence[ContentArea], language: Language) -> str:
    return review.area_name(code, areas, language)


async def _export(desk: Desk, session: Session, asked_for: Asked, fmt: str) -> Response:
    viewer = session.member
    now = desk.now()
    today = now.astimezone(desk.zone).date()

    def read(
        repo: Repository,
    ) -> tuple[list[EntryRow], list[ContentArea], list[tuple[int, str]]]:
        rows = browse.export(
            repo,
            viewer,
            asked_for.wanted,
            order=asked_for.order,
            descending=asked_for.descending,
            fmt=fmt,
            limit=exports.EXPORT_LIMIT,
            now=now,
        )
        units = browse.choices(repo, viewer, None).units
        return rows, areas_for(plan_areas(repo, viewer, today)), units

    rows, areas, units = await desk.run_long(read)
    language = viewer.language

    def t(key: str, **values: Any) -> str:
        return text(key, language, **values)

    headers = [
        t("console_entries_col_reference"),
        t("console_entries_col_area"),
        t("console_entries_col_status"),
        t("console_entries_col_progress"),
        t("console_entries_col_urgent"),
        t("console_entries_col_occurred"),
        t("console_entries_col_created"),
        t("console_entries_col_unit"),
        t("console_entries_col_member"),
        t("console_entries_col_teammates"),
        t("console_entries_col_answers"),
        t("console_entries_col_photos"),
        t("console_entries_col_located"),
        t("console_entries_col_reviewed_by"),
        t("console_entries_col_reviewed_at"),
        t("console_entries_col_review_note"),
    ]
    lines = [
        (t("console_entries_export_by"), f"{viewer.full_name} ({viewer.unit_name})"),
        (t("console_entries_export_at"), now.astimezone(desk.zone).strftime("%d/%m/%Y %H:%M")),
        (
            t("console_entries_export_filters"),
            _filters_in_words(asked_for, areas, units, rows, language),
        ),
        (t("console_entries_export_rows"), str(len(rows))),
    ]

    def line(row: EntryRow) -> list[Any]:
        area = area_of(row.content_area, areas)
        said_here = answers(exports.without_sealed(row.details), area, language)
        return [
            row.reference,
            _area_name(row.content_area, areas, language),
            t("status", status=row.status),
            t("tips_progress", progress=row.progress) if row.progress else "",
            row.urgent,
            happened(row, area, desk),
            row.created_at,
            row.unit_name,
            row.author,
            ", ".join(row.teammates),
            "; ".join(f"{label}: {value}" for label, value in said_here),
            len(row.photo_ids),
            row.located,
            row.reviewed_by,
            row.reviewed_at,
            row.review_note,
        ]

    stamp = now.astimezone(desk.zone).strftime("%Y%m%d-%H%M")
    return exports.export(
        fmt,
        title=t("console_entries_title"),
        lines=lines,
        headers=headers,
        rows=(line(row) for row in rows),
        filename=f"{t('console_entries_file')}-{stamp}",
        zone=desk.zone,
    )


def _filters_in_words(
    asked_for: Asked,
    areas: Sequence[ContentArea],
    units: Sequence[tuple[int, str]],
    rows: Sequence[EntryRow],
    language: Language,
) -> str:
    """The filters as the title block of a file says them ("Trạng thái: chờ duyệt, ...")."""
    wanted = asked_for.wanted
    unit_names = dict(units)
    author = next((row.author for row in rows if row.author_id == wanted.member_id), None)
    shown = [
        ("console_entries_filter_area", wanted.area and _area_name(wanted.area, areas, language)),
        (
            "console_entries_filter_status",
            wanted.status and text("status", language, status=wanted.status),
        ),
        (
            "console_entries_filter_progress",
            wanted.progress and text("tips_progress", language, progress=wanted.progress),
        ),
        (
            "console_entries_filter_unit",
            wanted.unit_id and unit_names.get(wanted.unit_id, str(wanted.unit_id)),
        ),
        ("console_entries_filter_member", wanted.member_id and (author or str(wanted.member_id))),
        ("console_entries_filter_since", wanted.since and wanted.since.strftime("%d/%m/%Y")),
        ("console_entries_filter_until", wanted.until and wanted.until.strftime("%d/%m/%Y")),
        ("console_entries_filter_text", wanted.text),
        ("console_entries_filter_reference", wanted.reference),
        ("console_entries_filter_located", "✓" if wanted.located else None),
    ]
    said_here = [f"{text(key, language)}: {value}" for key, value in shown if value]
    return ", ".join(said_here) or text("console_entries_filters_none", language)


# --- Deciding many ---


def _pairs(values: Sequence[str]) -> dict[str, str]:
    """ "REF:fingerprint" fields as a mapping."""
    found: dict[str, str] = {}
    for value in values[: review.BULK_LIMIT * 2]:
        reference, _, fingerprint = value.partition(":")
        if reference and fingerprint:
            found[reference.strip()[:24]] = fingerprint.strip()[:64]
    return found


@router.post("/muc/duyet")
async def decide_many(request: Request, session: Acting) -> Response:
    """Verify or reject the ticked entries, or every waiting one the filter matched (the
    page listed them), with one reason; back to the table saying what was done."""
    desk = desk_of(request)
    form = await request.form()
    back = asked(request.query_params)
    verdict, _, scope = str(form.get("act") or "").partition(":")
    if verdict not in (review.VERIFIED, review.REJECTED):
        problem = _said("console_entries_no_verdict", session)
        return await _table_page(request, session, back, problem=problem, status_code=400)
    seen = _pairs([str(value) for value in form.getlist("seen")])
    field = "all" if scope == "all" else "ref"
    chosen = [str(value).strip()[:24] for value in form.getlist(field)][: review.BULK_LIMIT + 1]
    if not chosen:
        problem = _said("console_entries_none_ticked", session)
        return await _table_page(request, session, back, problem=problem, status_code=400)
    note = str(form.get("note") or "")[:2000]
    reviewer = session.member
    now = desk.now()
    try:
        outcome = await desk.run(
            lambda repo: review.decide_many(
                repo, repo, repo, reviewer, chosen, verdict, note, seen_as=seen, now=now
            )
        )
    except Refused as refused:
        problem = refused.reason.get(reviewer.language)
        return await _table_page(request, session, back, problem=problem, status_code=400)
    done = urlencode(
        {
            "done": "bulk",
            "decided": len(outcome.decided),
            "changed": len(outcome.changed),
            "gone": len(outcome.gone),
        }
    )
    return RedirectResponse(f"/quanly/muc?{query_of(back, page=None)}&{done}", status_code=303)


def _said(key: str, session: Session) -> str:
    return text(key, session.member.language)


# --- One entry ---


@router.get("/muc/{reference}")
async def entry_page(request: Request, session: Viewer, reference: str) -> Response:
    return await _entry_page(request, session, reference)


async def _entry_page(
    request: Request,
    session: Session,
    reference: str,
    *,
    problem: str | None = None,
    status_code: int = 200,
    note: str = "",
) -> Response:
    desk = desk_of(request)
    viewer = session.member
    now = desk.now()
    today = now.astimezone(desk.zone).date()

    def read(repo: Repository) -> tuple[EntryDetail, list[str], dict[str, str], list[ContentArea]]:
        found = browse.entry(repo, viewer, reference)
        tokens = browse.photos(repo, viewer, session.id_hash, found.row.reference, now)
        seen = browse.seen_as(repo, viewer, [found.row.reference])
        return found, tokens, seen, areas_for(plan_areas(repo, viewer, today))

    found, tokens, seen, areas = await desk.run(read)
    return _entry_response(
        request,
        session,
        found,
        tokens,
        seen,
        areas,
        problem=problem,
        status_code=status_code,
        note=note,
    )


def _entry_response(
    request: Request,
    session: Session,
    found: EntryDetail,
    tokens: list[str],
    seen: dict[str, str],
    areas: list[ContentArea],
    *,
    problem: str | None,
    status_code: int,
    note: str,
) -> Response:
    desk = desk_of(request)
    language = session.member.language
    row = found.row
    area = area_of(row.content_area, areas)
    done = request.query_params.get("done", "")
    outcome = None
    if done in (review.VERIFIED, review.REJECTED):
        outcome = text("console_entries_decided", language, reference=row.reference, verdict=done)
    return show(
        request,
        session,
        "entry.html",
        status_code=status_code,
        entry=found,
        row=row,
        area_name=_area_name(row.content_area, areas, language),
        happened=happened(row, area, desk),
        answers=answers(row.details, area, language),
        photos=tokens,
        seen=seen.get(row.reference),
        problem=problem,
        outcome=outcome,
        note=note,
        reason_minimum=review.REASON_MINIMUM,
    )


@router.post("/muc/{reference}")
async def decide_one(request: Request, session: Acting, reference: str) -> Response:
    desk = desk_of(request)
    form = await request.form()
    verdict = str(form.get("verdict") or "")
    note = str(form.get("note") or "")[:2000]
    seen = str(form.get("seen") or "")[:64]
    reviewer = session.member
    if verdict not in (review.VERIFIED, review.REJECTED):
        return await _entry_page(
            request,
            session,
            reference,
            problem=_said("console_entries_no_verdict", session),
            status_code=400,
            note=note,
        )
    now = desk.now()
    today = now.astimezone(desk.zone).date()

    def act(repo: Repository) -> None:
        areas = plan_areas(repo, reviewer, today)
        browse.decide(
            repo,
            repo,
            repo,
            reviewer,
            reference,
            verdict,
            note.strip() or None,
            seen=seen,
            areas=areas,
            now=now,
        )

    try:
        await desk.run(act)
    except review.EntryChanged:
        return await _entry_page(
            request,
            session,
            reference,
            problem=_said("console_entries_changed", session),
            status_code=409,
            note=note,
        )
    except Refused as refused:
        return await _entry_page(
            request,
            session,
            reference,
            problem=refused.reason.get(reviewer.language),
            status_code=400,
            note=note,
        )
    return RedirectResponse(f"/quanly/muc/{reference}?done={verdict}", status_code=303)


# --- Photos lent to this session ---


@router.get("/anh/{token}")
async def photo(request: Request, session: Viewer, token: str) -> Response:
    """An entry's photo lent to this session (when its page was shown): only while the session
    is open and its member may still review or follow the entry up."""
    desk = desk_of(request)
    found = await desk.conversation.file(token[:64], CONSOLE_CHANNEL, session.id_hash)
    if found is None:
        raise Refused(said("console_entries_photo_gone"))
    name, content_type, data = found
    return Response(
        data,
        media_type=content_type,
        headers={"cache-control": "no-store", "content-disposition": f'inline; filename="{name}"'},
    )
