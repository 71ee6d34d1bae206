"""The audit log (/quanly/nhatky), admins: who did what, to which record, when, within their
units; searched by who, what, which record and days, paged, and exported (the export audited).
A line's details never hold a sealed answer: a reveal's line holds its reason only."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.console import exports
from bot.console.access import Viewer, desk_of, show
from bot.console.screens import Screen, admins
from bot.console.typed import day
from campaign.catalogs import text
from campaign.localized import Language, Localized
from services import audit_log
from services.ports import AUDIT_ORDERS, AuditLine, AuditQuery

router = APIRouter()
LAST_PAGE = 1_000_000  # a page number beyond it would overflow the database's offset
SCREEN = Screen(path="nhatky", label="console_files_nav_audit", shown_to=admins, router=router)


def _query(request: Request) -> AuditQuery:
    given = request.query_params

    def said(name: str) -> str | None:
        value = given.get(name, "").strip()[:100]
        return value or None

    return AuditQuery(
        actor=said("nguoi"),
        action=said("hanhdong"),
        target=said("doituong"),
        since=day(given.get("tu", "")),
        until=day(given.get("den", "")),
        order=order if (order := given.get("order", "")) in AUDIT_ORDERS else "newest",
    )


def details_text(details: Any) -> str:
    """The details as "key: value" pairs (the store has left sealed answers out)."""
    if not details:
        return ""
    if isinstance(details, dict):
        return "; ".join(f"{key}: {_value(value)}" for key, value in details.items())
    return _value(details)


def _value(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _action(action: str, language: Language) -> str:
    words = audit_log.action_words(action)
    return words if isinstance(words, str) else words.get(language)


def _who(line: AuditLine, language: Language) -> str:
    if line.actor_name:
        return line.actor_name
    return text("console_files_actor", language, actor=line.actor)


@router.get("/nhatky")
async def audit_page(request: Request, session: Viewer) -> Response:
    desk = desk_of(request)
    member = session.member
    query = _query(request)
    fmt = request.query_params.get("xuat", "")
    language = member.language
    if fmt in exports.FORMATS:
        now = desk.now()
        found = await desk.run_long(
            lambda repo: audit_log.exported(repo, member, query, desk.zone, fmt, now)
        )
        return exports.export(
            fmt,
            title=text("console_files_audit_title", language),
            lines=_title_lines(query, member.full_name, now, desk.zone, language),
            headers=[text(key, language) for key in _HEADERS],
            rows=(
                [
                    line.at,
                    _who(line, language),
                    _action(line.action, language),
                    line.action,
                    line.target,
                    line.target_id,
                    line.unit_name or "",
                    details_text(line.details),
                ]
                for line in found.lines
            ),
            filename="nhat-ky",
            zone=desk.zone,
        )
    try:
        page = min(max(1, int(request.query_params.get("page", "1"))), LAST_PAGE)
    except ValueError:
        page = 1
    found = await desk.run(lambda repo: audit_log.search(repo, member, query, desk.zone, page))
    actions = await desk.run(lambda repo: audit_log.actions(repo, member))
    pages = max(1, -(-found.total // audit_log.PAGE))
    kept = {k: v for k, v in request.query_params.items() if k not in ("page", "xuat") and v}
    return show(
        request,
        session,
        "files_audit.html",
        query=query,
        found=found,
        rows=[
            (line, _who(line, language), _action(line.action, language), details_text(line.details))
            for line in found.lines
        ],
        actions=[(action, _action(action, language)) for action in actions],
        page=page,
        pages=pages,
        kept=kept,
        orders=AUDIT_ORDERS,
    )


_HEADERS = (
    "console_files_column_at",
    "console_files_column_who",
    "console_files_column_action",
    "console_files_column_action_name",
    "console_files_column_target_kind",
    "console_files_column_target",
    "console_files_column_unit",
    "console_files_column_details",
)


def _title_lines(
    query: AuditQuery, who: str, now: datetime, zone: Any, language: Language
) -> list[tuple[str, str]]:
    def t(key: str) -> str:
        return text(key, language)

    lines = [
        (t("console_files_exported_by"), who),
        (t("console_files_exported_at"), now.astimezone(zone).strftime("%d/%m/%Y %H:%M")),
    ]
    shown: list[tuple[str, str | Localized | None]] = [
        (t("console_files_filter_actor"), query.actor),
        (t("console_files_filter_action"), query.action),
        (t("console_files_filter_target"), query.target),
        (t("console_files_filter_since"), f"{query.since:%d/%m/%Y}" if query.since else None),
        (t("console_files_filter_until"), f"{query.until:%d/%m/%Y}" if query.until else None),
    ]
    return lines + [(label, str(value)) for label, value in shown if value]
