"""Tips as commune police follow them up, and the sealed informant's reveal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from campaign.catalogs import spoken
from campaign.localized import Language
from campaign.review import TIP_NEXT, EntryPlace, Reviewer, may_reveal
from campaign.roles import COMMUNE
from services.ports import MemberView, TipChange, TipItem, TipStore
from storage.audit import record_on_entry
from storage.entries import AUTHORED, on_desk, with_author
from storage.members import as_reviewer
from storage.schema import attachments, entries, informants, tip_cases, tip_notes, units
from storage.sealing import Sealer
from storage.tree import chain, nearest_of_kind, subtree
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for

OPEN = ("received", "verifying")


def tip_place(conn: Connection, author: int, unit_id: int) -> EntryPlace:
    """Where a tip sits: its author, its unit chain and its commune (`may_reveal` reads it)."""
    return EntryPlace(author, chain(conn, unit_id), nearest_of_kind(conn, unit_id, COMMUNE))


def open_tips(conn: Connection, officer: Reviewer, limit: int) -> list[TipItem]:
    # The desk lists what its officer may follow up: the tips of the officer's own commune.
    kind = conn.execute(select(units.c.kind).where(units.c.id == officer.unit_id)).scalar()
    if officer.role.value != "officer" or kind != COMMUNE:
        return []
    rows = conn.execute(
        on_desk(
            entries.c.progress,
            informants.c.id.label("informant_id"),
            source=AUTHORED.outerjoin(informants, informants.c.entry_id == entries.c.id),
        )
        .where(entries.c.progress.in_(OPEN), entries.c.unit_id.in_(subtree(conn, officer.unit_id)))
        .limit(limit)
    ).all()
    photos: dict[int, list[int]] = {}
    for entry_id, photo_id in conn.execute(
        select(attachments.c.entry_id, attachments.c.id)
        .where(attachments.c.entry_id.in_([r.id for r in rows]))
        .order_by(attachments.c.id)
    ):
        photos.setdefault(entry_id, []).append(photo_id)
    return [
        TipItem(
            r.reference,
            r.full_name,
            r.name,
            dict(r.details),
            r.occurred_at,
            r.progress,
            r.urgent,
            r.informant_id is not None,
            r.created_at,
            tuple(photos.get(r.id, ())),
        )
        for r in rows
    ]


def _tip(conn: Connection, reference: str) -> tuple[int, int, int, str | None, str] | None:
    row = with_author(conn, reference, entries.c.progress)
    return None if row is None else (row.id, row.member_id, row.unit_id, row.progress, row.language)


def advance(
    conn: Connection,
    officer: Reviewer,
    reference: str,
    progress: str,
    now: datetime,
    outcome: str | None = None,
) -> TipChange | None:
    found = _tip(conn, reference)
    if found is None:
        return None
    entry_id, author, unit_id, current, language = found
    if current is None or progress not in TIP_NEXT.get(current, ()):
        return None
    if not may_reveal(officer, tip_place(conn, author, unit_id)):
        return None  # the same people who may follow a tip up may see its source
    conn.execute(update(entries).where(entries.c.id == entry_id).values(progress=progress))
    moved: dict[str, str] = {"from": current}
    if outcome is not None:
        moved["outcome"] = outcome
        keep_outcome(conn, entry_id, officer.member_id, outcome, now)
    record_on_entry(conn, officer.member_id, f"tip.{progress}", reference, moved, now)
    reader: Language = spoken(language)
    return TipChange(reference, author, reader, progress)


def keep_outcome(conn: Connection, entry_id: int, author: int, outcome: str, now: datetime) -> None:
    """The outcome note on the case (what the list shows) and in its timeline."""
    case = insert_for(conn, tip_cases).values(entry_id=entry_id, outcome_note=outcome)
    conn.execute(
        case.on_conflict_do_update(
            index_elements=[tip_cases.c.entry_id], set_={"outcome_note": outcome}
        )
    )
    conn.execute(
        insert(tip_notes).values(
            entry_id=entry_id, author_id=author, kind="outcome", text=outcome, created_at=now
        )
    )


def reveal(
    conn: Connection, officer: Reviewer, reference: str, reason: str, sealer: Sealer, now: datetime
) -> dict[str, str] | None:
    found = _tip(conn, reference)
    if found is None:
        return None
    entry_id, author, unit_id, _, _ = found

    def audited(action: str) -> None:
        record_on_entry(conn, officer.member_id, action, reference, {"reason": reason}, now)

    if not may_reveal(officer, tip_place(conn, author, unit_id)):
        audited("informant.reveal_refused")  # the audit says who tried, though nothing was shown
        return None
    token = conn.execute(
        select(informants.c.sealed).where(informants.c.entry_id == entry_id)
    ).scalar()
    if token is None:
        return None
    audited("informant.revealed")
    return sealer.open(token)


class TipRepository(FeatureRepository, TipStore):
    """Tips followed up, informants revealed (`services.ports.TipStore`)."""

    def open_tips(self, officer: MemberView, limit: int) -> list[TipItem]:
        return open_tips(self.db, as_reviewer(officer), limit)

    def advance_tip(
        self,
        officer: MemberView,
        reference: str,
        progress: str,
        now: datetime,
        outcome: str | None = None,
    ) -> TipChange | None:
        return advance(self.db, as_reviewer(officer), reference, progress, now, outcome)

    def reveal_informant(
        self, officer: MemberView, reference: str, reason: str, now: datetime
    ) -> dict[str, str] | None:
        return reveal(self.db, as_reviewer(officer), reference, reason, self.work.sealer, now)
