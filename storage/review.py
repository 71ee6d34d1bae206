"""The review queue and decisions, in SQL; the rules themselves are in campaign.review."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update

from campaign.catalogs import spoken
from campaign.collation import person_key
from campaign.localized import Language
from campaign.normalize import search_words
from campaign.review import EntryPlace, Reviewer, may_review
from campaign.roles import COMMUNE, Role
from services.ports import (
    Decision,
    EditableEntry,
    EditStore,
    MemberView,
    PriorDecision,
    ReviewItem,
    ReviewStore,
)
from storage import standings
from storage.audit import record_on_entry
from storage.entries import on_desk, with_author
from storage.members import as_reviewer
from storage.schema import attachments, entries, entry_participants, members
from storage.scope import entry_scope
from storage.tree import chain, nearest_of_kind
from storage.unit_of_work import FeatureRepository


def _pending(conn: Connection, reviewer: Reviewer) -> Any:
    """Pending entries under the reviewer, except those they logged or are credited on
    (campaign.review.may_review)."""
    credited = select(entry_participants.c.entry_id).where(
        entry_participants.c.member_id == reviewer.member_id
    )
    return (
        entries.c.status == "pending",
        entries.c.unit_id.in_(entry_scope(conn, reviewer)),
        entries.c.member_id != reviewer.member_id,
        entries.c.id.not_in(credited),
    )


def pending_count(conn: Connection, reviewer: Reviewer) -> int:
    if reviewer.role not in (Role.LEADER, Role.DEPUTY, Role.OFFICER, Role.ADMIN):
        return 0
    return int(
        conn.execute(
            select(func.count()).select_from(entries).where(*_pending(conn, reviewer))
        ).scalar_one()
    )


def queue(
    conn: Connection,
    reviewer: Reviewer,
    limit: int,
    references: Collection[str] | None = None,
) -> list[ReviewItem]:
    """Oldest first; urgent tips before everything else. `references`: only those (the
    console's bulk decision on the entries its page showed)."""
    if reviewer.role not in (Role.LEADER, Role.DEPUTY, Role.OFFICER, Role.ADMIN):
        return []
    wanted = () if references is None else (entries.c.reference.in_(list(references)),)
    rows = conn.execute(
        on_desk(entries.c.content_area, entries.c.member_id, entries.c.reopened)
        .where(*_pending(conn, reviewer), *wanted)
        .limit(limit)
    ).all()
    items = []
    for row in rows:
        teammates = _teammates(conn, row.id)
        names = sorted(teammates.values(), key=person_key)  # Vietnamese order: not SQL's
        items.append(
            ReviewItem(
                row.reference,
                row.content_area,
                row.full_name,
                row.name,
                dict(row.details),
                row.occurred_at,
                row.created_at,
                tuple(names),
                row.urgent,
                _likely_duplicate(conn, row),
                _prior(conn, row.id, row.reopened, teammates),
                tuple(_photos(conn, row.id)),
            )
        )
    return items


def _teammates(conn: Connection, entry_id: int) -> dict[int, str]:
    """Who is credited on the entry now: id -> name."""
    rows = conn.execute(
        select(members.c.id, members.c.full_name)
        .join(entry_participants)
        .where(entry_participants.c.entry_id == entry_id)
    ).all()
    return {row.id: row.full_name for row in rows}


def _photos(conn: Connection, entry_id: int) -> list[int]:
    return sorted(
        conn.execute(select(attachments.c.id).where(attachments.c.entry_id == entry_id)).scalars()
    )


def _prior(
    conn: Connection, entry_id: int, reopened: Any, teammates: dict[int, str]
) -> PriorDecision | None:
    """The decision an edit sent back to review and what changed since (`reopen` keeps it)."""
    if not reopened:
        return None
    before = {int(i) for i in reopened.get("teammates", [])}
    ids = before | set(teammates)
    names = dict(
        conn.execute(select(members.c.id, members.c.full_name).where(members.c.id.in_(ids))).all()
    )
    by = reopened.get("by")
    reviewer = (
        conn.execute(select(members.c.full_name).where(members.c.id == by)).scalar() if by else None
    )
    photos_then, photos_now = set(reopened.get("photos", [])), set(_photos(conn, entry_id))
    at = reopened.get("at")
    return PriorDecision(
        verdict=str(reopened.get("status", "")),
        reviewer=reviewer or "—",
        decided_at=datetime.fromisoformat(at) if at else None,
        note=reopened.get("note"),
        details=dict(reopened.get("details") or {}),
        teammates_added=tuple(sorted((names[i] for i in set(teammates) - before), key=person_key)),
        teammates_removed=tuple(
            sorted((names[i] for i in before - set(teammates) if i in names), key=person_key)
        ),
        photos_added=len(photos_now - photos_then),
        photos_removed=len(photos_then - photos_now),
    )


# Two entries of one member in one area this close in time are probably the same event.
DUPLICATE_WINDOW = timedelta(hours=2)


def _likely_duplicate(conn: Connection, row: Any) -> str | None:
    """The reference of another, not rejected entry of the same member and area close in time."""
    return conn.execute(
        select(entries.c.reference)
        .where(
            entries.c.member_id == row.member_id,
            entries.c.content_area == row.content_area,
            entries.c.id != row.id,
            entries.c.status != "rejected",
            entries.c.occurred_at > row.occurred_at - DUPLICATE_WINDOW,
            entries.c.occurred_at < row.occurred_at + DUPLICATE_WINDOW,
        )
        .order_by(entries.c.id)
        .limit(1)
    ).scalar()


def decide(
    conn: Connection,
    reviewer: Reviewer,
    reference: str,
    verdict: str,
    note: str | None,
    now: datetime,
) -> Decision | None:
    """Record a decision; None if the entry is gone, decided already, or not this reviewer's."""
    row = with_author(conn, reference, entries.c.status, entries.c.content_area)
    if row is None or row.status != "pending":
        return None
    credited = frozenset(
        conn.execute(
            select(entry_participants.c.member_id).where(entry_participants.c.entry_id == row.id)
        ).scalars()
    )
    commune = nearest_of_kind(conn, row.unit_id, COMMUNE)
    place = EntryPlace(row.member_id, chain(conn, row.unit_id), commune, credited=credited)
    if not may_review(reviewer, place):
        return None
    changed = conn.execute(
        update(entries)
        .where(entries.c.id == row.id, entries.c.status == "pending")
        .values(
            status=verdict,
            reviewed_by=reviewer.member_id,
            reviewed_at=now,
            review_note=note,
            reopened=None,
        )
    )
    if changed.rowcount != 1:  # another reviewer was faster
        return None
    if verdict == "verified":
        standings.on_verified(conn, row.id, now.tzinfo or UTC)
    details = {"note": note} if note else {}
    record_on_entry(conn, reviewer.member_id, f"entry.{verdict}", reference, details, now)
    language: Language = spoken(row.language)
    return Decision(reference, row.content_area, row.member_id, language, verdict, note)


def reopen(conn: Connection, reference: str, actor_member_id: int | None, now: datetime) -> bool:
    """Send an entry back to review (an edit after a decision): what it scored is taken back."""
    row = conn.execute(
        select(
            entries.c.id,
            entries.c.status,
            entries.c.details,
            entries.c.reviewed_by,
            entries.c.reviewed_at,
            entries.c.review_note,
        ).where(entries.c.reference == reference)
    ).first()
    if row is None or row.status == "pending":
        return False
    if row.status == "verified":
        standings.on_unverified(conn, row.id)
    # The entry as it was decided on: the next reviewer is told what changed since.
    decided = {
        "status": row.status,
        "by": row.reviewed_by,
        "at": row.reviewed_at.isoformat() if row.reviewed_at else None,
        "note": row.review_note,
        "details": dict(row.details or {}),
        "teammates": sorted(_teammates(conn, row.id)),
        "photos": _photos(conn, row.id),
    }
    conn.execute(
        update(entries)
        .where(entries.c.id == row.id)
        .values(
            status="pending", reviewed_by=None, reviewed_at=None, review_note=None, reopened=decided
        )
    )
    record_on_entry(conn, actor_member_id, "entry.reopened", reference, {}, now)
    return True


def editable(conn: Connection, member_id: int, reference: str) -> EditableEntry | None:
    row = conn.execute(
        select(
            entries.c.id,
            entries.c.reference,
            entries.c.content_area,
            entries.c.status,
            entries.c.details,
            entries.c.occurred_at,
        ).where(entries.c.reference == reference, entries.c.member_id == member_id)
    ).first()
    if row is None:
        return None
    return EditableEntry(
        reference=row.reference,
        content_area=row.content_area,
        status=row.status,
        details=dict(row.details or {}),
        occurred_at=row.occurred_at,
        photos=len(_photos(conn, row.id)),
        teammates=tuple(sorted(_teammates(conn, row.id).items())),
    )


def edit(
    conn: Connection,
    member_id: int,
    reference: str,
    details: dict[str, Any],
    occurred_at: datetime,
    now: datetime,
) -> str | None:
    """Change an entry's answers (its author only); after a decision it goes back to review."""
    row = _open_for_edit(conn, member_id, reference, now)
    if row is None:
        return None
    before = dict(row.details or {})
    changed = sorted(k for k in set(before) | set(details) if before.get(k) != details.get(k))
    values: dict[str, Any] = {
        "details": details,
        "occurred_at": occurred_at,
        "search_text": search_words(reference, details),
    }
    if "model" in changed:  # a model entry names another model: its link follows
        named = details.get("model")
        values["model_id"] = named.get("id") if isinstance(named, dict) else None
    conn.execute(update(entries).where(entries.c.id == row.id).values(**values))
    _record_edit(conn, member_id, reference, {"fields": changed, "status_before": row.status}, now)
    return str(row.status)


def change_photos(
    conn: Connection,
    member_id: int,
    reference: str,
    added: Sequence[int],
    replace: bool,
    now: datetime,
) -> str | None:
    """Attach new photos (an album sent at once) to the author's entry, the old ones detached first if `replace`
    (their rows and files stay: only the link goes, and the audit names them)."""
    row = _open_for_edit(conn, member_id, reference, now)
    if row is None:
        return None
    removed = _photos(conn, row.id) if replace else []
    if removed:
        conn.execute(
            update(attachments).where(attachments.c.entry_id == row.id).values(entry_id=None)
        )
    conn.execute(
        update(attachments)
        .where(attachments.c.id.in_(added), attachments.c.entry_id.is_(None))
        .values(entry_id=row.id)
    )
    _record_edit(
        conn,
        member_id,
        reference,
        {
            "fields": ["photo"],
            "photos_added": list(added),
            "photos_removed": removed,
            "status_before": row.status,
        },
        now,
    )
    return str(row.status)


def _open_for_edit(conn: Connection, member_id: int, reference: str, now: datetime) -> Any:
    """The author's entry (id, status as it was, details), None if it is not theirs; a decided
    one is sent back to review first, so its points go back as they were given."""
    row = conn.execute(
        select(entries.c.id, entries.c.status, entries.c.details).where(
            entries.c.reference == reference, entries.c.member_id == member_id
        )
    ).first()
    if row is not None and row.status != "pending":
        reopen(conn, reference, member_id, now)
    return row


def _record_edit(
    conn: Connection, member_id: int, reference: str, details: dict[str, Any], now: datetime
) -> None:
    record_on_entry(conn, member_id, "entry.edited", reference, details, now)


def change_teammates(
    conn: Connection, member_id: int, reference: str, teammates: tuple[int, ...], now: datetime
) -> str | None:
    """Credit exactly `teammates` on the author's entry (never the author)."""
    row = _open_for_edit(conn, member_id, reference, now)
    if row is None:
        return None
    before = set(_teammates(conn, row.id))
    wanted = {mid for mid in teammates if mid != member_id}
    conn.execute(entry_participants.delete().where(entry_participants.c.entry_id == row.id))
    if wanted:
        conn.execute(
            entry_participants.insert(),
            [{"entry_id": row.id, "member_id": mid} for mid in sorted(wanted)],
        )
    _record_edit(
        conn,
        member_id,
        reference,
        {
            "fields": ["teammates"],
            "added": sorted(wanted - before),
            "removed": sorted(before - wanted),
            "status_before": row.status,
        },
        now,
    )
    return str(row.status)


class ReviewRepository(FeatureRepository, ReviewStore):
    """Commanders verifying or rejecting entries (`services.ports.ReviewStore`)."""

    def review_queue(self, reviewer: MemberView, limit: int) -> list[ReviewItem]:
        return queue(self.db, as_reviewer(reviewer), limit)

    def pending_review_count(self, reviewer: MemberView) -> int:
        return pending_count(self.db, as_reviewer(reviewer))

    def decide(
        self, reviewer: MemberView, reference: str, verdict: str, note: str | None, now: datetime
    ) -> Decision | None:
        return decide(self.db, as_reviewer(reviewer), reference, verdict, note, now)


class EditRepository(FeatureRepository, EditStore):
    """A member changing their own entry (`services.ports.EditStore`)."""

    def editable_entry(self, member: MemberView, reference: str) -> EditableEntry | None:
        return editable(self.db, member.id, reference)

    def edit_entry(self, member: MemberView, edited: EditableEntry, now: datetime) -> str | None:
        return edit(self.db, member.id, edited.reference, edited.details, edited.occurred_at, now)

    def change_photos(
        self, member: MemberView, reference: str, added: Sequence[int], replace: bool, now: datetime
    ) -> str | None:
        return change_photos(self.db, member.id, reference, added, replace, now)

    def change_teammates(
        self, member: MemberView, reference: str, teammates: tuple[int, ...], now: datetime
    ) -> str | None:
        return change_teammates(self.db, member.id, reference, teammates, now)
