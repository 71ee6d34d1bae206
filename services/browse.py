"""The console's entries: the table of every entry in a commander's scope, one entry in full,
its photos, deciding one or many, and the table as a file.

The scope is the review queue's own (storage.scope): a leader or deputy their team, a
commune's own officer the commune, an admin their unit's subtree, anyone else nothing. A
decision goes through services.review, as the chat's does, so the author is told the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from campaign.areas import ContentArea
from campaign.catalogs import said
from services import review
from services.ports import (
    CONSOLE_CHANNEL,
    ENTRY_ORDERS,
    Audited,
    Decision,
    EntryBrowseStore,
    EntryDetail,
    EntryFilter,
    EntryRow,
    FileStore,
    MemberView,
    NoticeStore,
    Page,
    ReviewStore,
)
from services.refusals import Refused

PAGE_SIZE = 50
DEFAULT_ORDER = "occurred"
MEMBER_CHOICES = 400  # past this many members the filter asks for a team first


def refuse_unless_commander(viewer: MemberView) -> None:
    """Leaders, deputies, officers and admins see entries (which ones: storage.scope)."""
    if not viewer.role.is_commander:
        raise Refused(said("console_entries_commanders_only"))


def order_of(order: str | None) -> str:
    return order if order in ENTRY_ORDERS else DEFAULT_ORDER


def table(
    store: EntryBrowseStore,
    viewer: MemberView,
    wanted: EntryFilter,
    *,
    order: str | None,
    descending: bool,
    page: int,
) -> Page[EntryRow]:
    """One page (PAGE_SIZE rows) of the entries the viewer sees that match `wanted`; a page
    past the last shows the last."""
    refuse_unless_commander(viewer)
    total = store.count_entries(viewer, wanted)
    last = max(1, -(-total // PAGE_SIZE))
    number = min(max(1, page), last)
    offset = (number - 1) * PAGE_SIZE
    rows = store.browse_entries(viewer, wanted, order_of(order), descending, offset, PAGE_SIZE)
    return Page(tuple(rows), total, offset, PAGE_SIZE)


@dataclass(frozen=True)
class Choices:
    """What the filters offer: the units the viewer sees, and their members (None: too many
    to list; a unit narrows them)."""

    units: list[tuple[int, str]]
    members: list[tuple[int, str]] | None


def choices(store: EntryBrowseStore, viewer: MemberView, unit_id: int | None) -> Choices:
    if not viewer.role.is_commander:
        return Choices([], [])
    return Choices(
        store.units_in_scope(viewer), store.members_in_scope(viewer, unit_id, MEMBER_CHOICES)
    )


def export(
    store: EntryBrowseStore,
    viewer: MemberView,
    wanted: EntryFilter,
    *,
    order: str | None,
    descending: bool,
    fmt: str,
    limit: int,
    now: datetime,
) -> list[EntryRow]:
    """Every row of the table as filtered (the table's own read, unpaged), up to `limit`
    (more: refused, narrower filters asked for); audited with the filters and the count."""
    refuse_unless_commander(viewer)
    total = store.count_entries(viewer, wanted)
    if total > limit:
        raise Refused(said("console_entries_export_too_many", count=total, limit=limit))
    rows = store.browse_entries(viewer, wanted, order_of(order), descending, 0, limit)
    store.audit(
        Audited(
            "export.entries",
            "entries",
            "*",
            now,
            viewer.id,
            {"format": fmt, "filters": filters_said(wanted), "rows": len(rows)},
        )
    )
    return rows


def filters_said(wanted: EntryFilter) -> dict[str, Any]:
    """The filters given, as the audit keeps them."""
    given: dict[str, Any] = {}
    for key, value in asdict(wanted).items():
        if value is None or value == "" or value is False:
            continue
        given[key] = value.isoformat() if isinstance(value, date) else value
    return given


def entry(store: EntryBrowseStore, viewer: MemberView, reference: str) -> EntryDetail:
    """One entry in full, if the viewer's scope holds it."""
    refuse_unless_commander(viewer)
    found = store.entry_detail(viewer, reference)
    if found is None:
        raise Refused(said("console_entries_not_found", reference=reference[:24]))
    return found


def seen_as(
    store: EntryBrowseStore, viewer: MemberView, references: Sequence[str]
) -> dict[str, str]:
    """What the page shows of each of `references` still waiting for this reviewer
    (`review.seen`): the fingerprints its review forms carry."""
    if not viewer.role.is_commander or not references:
        return {}
    items = store.pending_for_review(viewer, references)
    return {item.reference: review.seen(item) for item in items}


def pending_matching(
    store: EntryBrowseStore, viewer: MemberView, wanted: EntryFilter
) -> dict[str, str]:
    """The entries matching `wanted` that wait for this reviewer (up to review.BULK_LIMIT),
    each with what the page shows of it: what "decide all filtered" decides."""
    if not viewer.role.is_commander or wanted.status not in (None, "", "pending"):
        return {}
    waiting = replace(wanted, status="pending")
    rows = store.browse_entries(viewer, waiting, "created", False, 0, review.BULK_LIMIT)
    return reviewable(rows)


def reviewable(rows: Sequence[EntryRow]) -> dict[str, str]:
    """The rows the viewer may decide (pending, neither logged by them nor crediting them),
    each with what the table shows of it (`review.fingerprint`, as a card's): read from the
    rows themselves, so a page of 500 costs no look at the queue."""
    return {
        row.reference: review.fingerprint(row.details, row.teammates, row.photo_ids)
        for row in rows
        if row.reviewable
    }


def decide(
    store: EntryBrowseStore,
    decisions: ReviewStore,
    notices: NoticeStore,
    reviewer: MemberView,
    reference: str,
    verdict: str,
    note: str | None,
    *,
    seen: str,
    areas: Sequence[ContentArea],
    now: datetime,
) -> Decision:
    """Decide one entry as the page showed it (`seen`): refused (review.EntryChanged, with the
    entry as it is now) when its author changed it since, wherever it is in the queue."""
    refuse_unless_commander(reviewer)
    waiting = store.pending_for_review(reviewer, [reference])
    if waiting and review.seen(waiting[0]) != seen:
        raise review.EntryChanged(waiting[0])
    return review.decide(
        decisions,
        notices,
        reviewer,
        reference,
        verdict,
        note,
        seen_as=seen,
        areas=areas,
        now=now,
    )


def photos(
    files: FileStore, viewer: MemberView, session_id: str, reference: str, now: datetime
) -> list[str]:
    """Tokens by which this console session may fetch the entry's photos (lent as to a chat,
    to a reader who may review the entry or follow it up; none otherwise)."""
    return review.entry_photos(files, viewer, reference, CONSOLE_CHANNEL, session_id, now)
