"""What the bot holds about one member, read for their own copy (/dulieucuatoi), and erased when
an admin confirms their request (Luật 91/2025 BVDLCN). The rules (which entries are kept, how
the member is named afterwards) are services/personal_data.py's; this module is the SQL.

Attachment files on disk are shared by SHA-256 (storage/files.py): rows go in the transaction,
a file only after the commit, and only when no row of attachments or documents names it."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    and_,
    cast,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import aliased

from campaign.roles import Role
from handlers.messages import Outgoing
from services.ports import (
    ErasedMember,
    ErasureCandidate,
    ErasureRequestView,
    MemberView,
    PersonalDataStore,
)
from storage import outbox as outbox_rows
from storage.members import as_language, member_view
from storage.schema import (
    attachments,
    audit_log,
    chat_states,
    commendations,
    console_links,
    console_sessions,
    deliverables,
    deliveries,
    documents,
    entries,
    entry_participants,
    erasure_requests,
    file_jobs,
    files,
    grades,
    identities,
    informants,
    invite_guesses,
    invites,
    members,
    outbox,
    registrations,
    tip_cases,
    tip_notes,
    units,
)
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository

CHUNK = 500  # ids per statement: SQLite caps a statement's parameters
StoredFile = tuple[str, str]  # (sha256, content type): where storage/files.py keeps it


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def delete_entries(conn: Connection, entry_ids: Collection[int]) -> list[StoredFile]:
    """Delete entries with everything hanging on them (teammates, photos and the links lending
    them, a tip's sealed informant, its case and notes); the files their photos were kept in,
    to unlink after the commit when nothing else names them."""
    found: list[StoredFile] = []
    for ids in _chunks(entry_ids):
        found += drop_photos(conn, ids)
        for table in (entry_participants, informants, tip_notes, tip_cases):
            conn.execute(delete(table).where(table.c.entry_id.in_(ids)))
        conn.execute(delete(entries).where(entries.c.id.in_(ids)))
    return found


def drop_photos(conn: Connection, entry_ids: list[int]) -> list[StoredFile]:
    """Delete the photos (attachment rows, and the file links lending them) of these entries."""
    rows = conn.execute(
        select(attachments.c.id, attachments.c.sha256, attachments.c.content_type).where(
            attachments.c.entry_id.in_(entry_ids)
        )
    ).all()
    return drop_attachments(conn, rows)


def drop_attachments(conn: Connection, rows: Iterable[Any]) -> list[StoredFile]:
    rows = list(rows)
    ids = [int(row.id) for row in rows]
    for chunk in _chunks(ids):
        conn.execute(delete(files).where(files.c.attachment_id.in_(chunk)))
        conn.execute(delete(attachments).where(attachments.c.id.in_(chunk)))
    return [(str(row.sha256), str(row.content_type)) for row in rows]


def unreferenced(conn: Connection, stored: Iterable[StoredFile]) -> list[StoredFile]:
    """The files no attachment or document row names any more (a file is kept once for every
    row with its SHA-256)."""
    wanted = sorted(set(stored))
    if not wanted:
        return []
    digests = sorted({sha for sha, _ in wanted})
    named: set[str] = set()
    for start in range(0, len(digests), CHUNK):
        part = digests[start : start + CHUNK]
        for table in (attachments, documents):
            named.update(
                conn.execute(select(table.c.sha256).where(table.c.sha256.in_(part))).scalars()
            )
    return [(sha, kind) for sha, kind in wanted if sha not in named]


def _assigned_to(details: Any, member_id: int) -> bool:
    return isinstance(details, dict) and details.get("assignee_id") == member_id


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _request_view(row: Any) -> ErasureRequestView:
    return ErasureRequestView(
        id=row.id,
        member_id=row.member_id,
        member_name=row.member_name,
        language=as_language(row.language),
        unit_id=row.unit_id,
        unit_name=row.unit_name or "",
        asked_at=row.asked_at,
        status=row.status,
        decided_by_name=row.decided_by_name,
        decided_at=row.decided_at,
        reason=row.reason,
    )


_DECIDER = aliased(members)
_REQUESTS = select(
    erasure_requests.c.id,
    erasure_requests.c.member_id,
    members.c.full_name.label("member_name"),
    members.c.language,
    erasure_requests.c.unit_id,
    units.c.name.label("unit_name"),
    erasure_requests.c.asked_at,
    erasure_requests.c.status,
    _DECIDER.c.full_name.label("decided_by_name"),
    erasure_requests.c.decided_at,
    erasure_requests.c.reason,
).select_from(
    erasure_requests.join(members, erasure_requests.c.member_id == members.c.id)
    .outerjoin(units, erasure_requests.c.unit_id == units.c.id)
    .outerjoin(_DECIDER, erasure_requests.c.decided_by == _DECIDER.c.id)
)


class PersonalDataRepository(FeatureRepository, PersonalDataStore):
    """A member's own copy of their data, erasure requests and the erasure
    (`services.ports.PersonalDataStore`)."""

    # --- The member's copy ---
    def personal_record(self, member_id: int) -> dict[str, Any]:
        db = self.db
        profile = db.execute(
            select(
                members.c.id,
                members.c.full_name,
                members.c.phone,
                members.c.role,
                members.c.language,
                members.c.active,
                members.c.nudges,
                members.c.joined_at,
                members.c.joined_team_on,
                members.c.created_at,
                units.c.code.label("unit_code"),
                units.c.name.label("unit_name"),
            )
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(members.c.id == member_id)
        ).one()
        own = select(entries.c.reference).where(entries.c.member_id == member_id)
        credited = (
            select(entries.c.reference)
            .select_from(entries.join(entry_participants))
            .where(entry_participants.c.member_id == member_id)
        )
        photos = (
            select(func.count())
            .where(attachments.c.entry_id == entries.c.id)
            .correlate(entries)
            .scalar_subquery()
        )
        sealed = exists().where(informants.c.entry_id == entries.c.id).correlate(entries)
        actor = aliased(members)
        actor_unit = aliased(units)
        return {
            "profile": {
                "id": profile.id,
                "full_name": profile.full_name,
                "phone": profile.phone,
                "role": profile.role,
                "unit_code": profile.unit_code,
                "unit_name": profile.unit_name,
                "language": profile.language,
                "active": bool(profile.active),
                "weekly_nudges": bool(profile.nudges),
                "registered_at": _when(profile.joined_at),
                "joined_team_on": _day(profile.joined_team_on),
                "created_at": _when(profile.created_at),
            },
            "identities": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        identities.c.channel,
                        identities.c.external_user_id,
                        identities.c.chat_id,
                        identities.c.last_used_at,
                        identities.c.unreachable,
                    )
                    .where(identities.c.member_id == member_id)
                    .order_by(identities.c.last_used_at.desc())
                )
            ],
            "entries": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        entries.c.reference,
                        entries.c.content_area,
                        entries.c.kind,
                        entries.c.details,
                        entries.c.occurred_at,
                        entries.c.created_at,
                        entries.c.status,
                        entries.c.progress,
                        entries.c.urgent,
                        entries.c.points,
                        entries.c.plan_code,
                        entries.c.reviewed_at,
                        entries.c.review_note,
                        photos.label("photos"),
                        sealed.label("sealed_informant"),
                    )
                    .where(entries.c.member_id == member_id)
                    .order_by(entries.c.created_at, entries.c.id)
                )
            ],
            "participations": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        entries.c.reference,
                        entries.c.content_area,
                        entries.c.occurred_at,
                        entries.c.status,
                        entry_participants.c.points,
                    )
                    .select_from(entries.join(entry_participants))
                    .where(entry_participants.c.member_id == member_id)
                    .order_by(entries.c.occurred_at, entries.c.id)
                )
            ],
            "registrations": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        registrations.c.scheme,
                        registrations.c.year,
                        units.c.name.label("unit_name"),
                        registrations.c.registered_on,
                        registrations.c.outcome,
                    )
                    .select_from(registrations.join(units))
                    .where(registrations.c.registered_by == member_id)
                    .order_by(registrations.c.registered_on, registrations.c.id)
                )
            ],
            "commendations": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        commendations.c.form,
                        commendations.c.level,
                        commendations.c.status,
                        commendations.c.reason,
                        commendations.c.decided_on,
                        commendations.c.decision_no,
                        commendations.c.authority,
                    )
                    .where(
                        commendations.c.subject_kind == "member",
                        commendations.c.subject_id == member_id,
                    )
                    .order_by(commendations.c.decided_on, commendations.c.id)
                )
            ],
            "grades": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        grades.c.guide_code,
                        grades.c.year_start,
                        grades.c.active_months,
                        grades.c.done,
                        grades.c.tasks,
                        grades.c.points,
                        grades.c.proposed,
                        grades.c.final,
                        grades.c.reason,
                        grades.c.decided_at,
                    )
                    .where(grades.c.subject_kind == "member", grades.c.subject_id == member_id)
                    .order_by(grades.c.year_start)
                )
            ],
            # Who did what about the member or their entries; the actor by role and unit.
            "audit": [
                dict(row._mapping)
                for row in db.execute(
                    select(
                        audit_log.c.at,
                        audit_log.c.action,
                        audit_log.c.target,
                        audit_log.c.target_id,
                        audit_log.c.details,
                        audit_log.c.actor,
                        audit_log.c.actor_member_id,
                        actor.c.role.label("actor_role"),
                        actor_unit.c.name.label("actor_unit"),
                    )
                    .select_from(
                        audit_log.outerjoin(
                            actor, audit_log.c.actor_member_id == actor.c.id
                        ).outerjoin(actor_unit, actor.c.unit_id == actor_unit.c.id)
                    )
                    .where(
                        or_(
                            and_(
                                audit_log.c.target == "members",
                                audit_log.c.target_id == str(member_id),
                            ),
                            and_(
                                audit_log.c.target == "entries",
                                or_(
                                    audit_log.c.target_id.in_(own),
                                    audit_log.c.target_id.in_(credited),
                                ),
                            ),
                            and_(
                                audit_log.c.actor_member_id == member_id,
                                audit_log.c.action == "member.registered",
                            ),
                        )
                    )
                    .order_by(audit_log.c.at, audit_log.c.id)
                )
            ],
        }

    # --- Requests ---
    def erasure_request(self, request_id: int) -> ErasureRequestView | None:
        row = self.db.execute(_REQUESTS.where(erasure_requests.c.id == request_id)).first()
        return None if row is None else _request_view(row)

    def open_erasure(self, member_id: int) -> ErasureRequestView | None:
        row = self.db.execute(
            _REQUESTS.where(
                erasure_requests.c.member_id == member_id, erasure_requests.c.status == "asked"
            ).order_by(erasure_requests.c.id.desc())
        ).first()
        return None if row is None else _request_view(row)

    def add_erasure_request(self, member: MemberView, now: datetime) -> int:
        made = self.db.execute(
            erasure_requests.insert()
            .values(member_id=member.id, unit_id=member.unit_id, asked_at=now, status="asked")
            .returning(erasure_requests.c.id)
        )
        return int(made.scalar_one())

    def erasure_requests_within(self, unit_id: int, limit: int) -> list[ErasureRequestView]:
        """Requests of members of the unit's subtree: those waiting first, then the latest."""
        reach = subtree(self.db, unit_id)
        waiting = erasure_requests.c.status == "asked"
        rows = self.db.execute(
            _REQUESTS.where(erasure_requests.c.unit_id.in_(reach))
            .order_by(waiting.desc(), erasure_requests.c.asked_at.desc(), erasure_requests.c.id)
            .limit(limit)
        ).all()
        return [_request_view(row) for row in rows]

    def within(self, root_unit_id: int, unit_id: int | None) -> bool:
        return unit_id is not None and unit_id in subtree(self.db, root_unit_id)

    def line_admins(self, unit_id: int) -> list[MemberView]:
        """Active admins of the unit and of every unit above it."""
        above = chain(self.db, unit_id)
        rows = self.db.execute(
            select(
                members.c.id,
                members.c.full_name,
                members.c.role,
                members.c.unit_id,
                units.c.name.label("unit_name"),
                members.c.language,
            )
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(
                members.c.unit_id.in_(above),
                members.c.role == Role.ADMIN.value,
                members.c.active.is_(True),
            )
            .order_by(members.c.id)
        ).all()
        return [member_view(row) for row in rows]

    def settle_erasure(
        self, request_id: int, status: str, by: int | None, reason: str | None, now: datetime
    ) -> bool:
        """Decide (or withdraw) a request still waiting; False when it was settled meanwhile."""
        done = self.db.execute(
            update(erasure_requests)
            .where(erasure_requests.c.id == request_id, erasure_requests.c.status == "asked")
            .values(status=status, decided_by=by, decided_at=now, reason=reason)
        )
        return bool(done.rowcount)

    # --- The erasure ---
    def erasure_candidates(self, member_id: int) -> list[ErasureCandidate]:
        rows = self.db.execute(
            select(
                entries.c.id,
                entries.c.content_area,
                entries.c.status,
                entries.c.progress,
                entries.c.points,
            ).where(entries.c.member_id == member_id)
        ).all()
        return [
            ErasureCandidate(row.id, row.content_area, row.status, row.progress, row.points)
            for row in rows
        ]

    def member_chat(self, member_id: int) -> tuple[str, str] | None:
        return outbox_rows.reach(self.db, member_id)

    def queue_to_chat(self, chat: tuple[str, str], message: Outgoing, now: datetime) -> None:
        """A message to a chat no member holds any more (the erased member's farewell)."""
        outbox_rows.queue(self.db, chat[0], chat[1], [message], now)

    def erase_member(
        self,
        member_id: int,
        name: str,
        keep: Collection[int],
        drop: Collection[int],
        now: datetime,
    ) -> ErasedMember:
        """In the caller's transaction: the member renamed `name`, without phone, inactive;
        their chats forgotten; entries `keep` anonymised (details, search text and photos gone,
        the rest counted as before); entries `drop` deleted; everything else of theirs deleted.
        Audit lines stay, the member's name and phone taken out of their details."""
        db = self.db
        before = db.execute(
            select(members.c.full_name, members.c.phone).where(members.c.id == member_id)
        ).one()
        chats = [
            (str(row.channel), str(row.chat_id))
            for row in db.execute(
                select(identities.c.channel, identities.c.chat_id).where(
                    identities.c.member_id == member_id
                )
            )
        ]
        stored: list[StoredFile] = []
        # An entry's delivery key names the chat it came from ("web:<chat>:<message>"): a kept
        # entry gets one naming nothing (the chat is forgotten, no redelivery can come).
        erased_key = literal("erased:", String) + cast(entries.c.id, String)
        for ids in _chunks(keep):
            stored += drop_photos(db, ids)
            db.execute(
                update(entries)
                .where(entries.c.id.in_(ids))
                .values(details={}, search_text=None, reopened=None, delivery_key=erased_key)
            )
        stored += delete_entries(db, drop)
        # Credited on another's entry: kept where it counts (the standings and a later
        # un-verification read it), else gone.
        counted = select(entries.c.id).where(entries.c.status == "verified")
        db.execute(
            delete(entry_participants).where(
                entry_participants.c.member_id == member_id,
                entry_participants.c.entry_id.not_in(counted),
            )
        )
        db.execute(delete(identities).where(identities.c.member_id == member_id))
        if chats:
            # Photos sent in their chats that no entry holds (a flow left, an edit's old
            # photo), but not one a deadline was reported with (a unit's record).
            proofs = select(deliverables.c.file_token).where(deliverables.c.file_token.is_not(None))
            token = literal("attachment:", String) + cast(attachments.c.id, String)
            loose = db.execute(
                select(attachments.c.id, attachments.c.sha256, attachments.c.content_type).where(
                    attachments.c.entry_id.is_(None),
                    tuple_(attachments.c.channel, attachments.c.chat_id).in_(chats),
                    token.not_in(proofs),
                )
            ).all()
            stored += drop_attachments(db, loose)
            pairs = tuple_(chat_states.c.channel, chat_states.c.chat_id).in_(chats)
            db.execute(delete(chat_states).where(pairs))
            db.execute(
                delete(deliveries).where(
                    tuple_(deliveries.c.channel, deliveries.c.chat_id).in_(chats)
                )
            )
            db.execute(delete(files).where(tuple_(files.c.channel, files.c.chat_id).in_(chats)))
            db.execute(
                delete(file_jobs).where(tuple_(file_jobs.c.channel, file_jobs.c.chat_id).in_(chats))
            )
            db.execute(
                delete(invite_guesses).where(
                    invite_guesses.c.key.in_([f"chat:{c}:{i}" for c, i in chats])
                )
            )
            db.execute(
                delete(outbox).where(
                    or_(
                        tuple_(outbox.c.channel, outbox.c.chat_id).in_(chats),
                        outbox.c.member_id == member_id,
                    )
                )
            )
        else:
            db.execute(delete(outbox).where(outbox.c.member_id == member_id))
        db.execute(delete(file_jobs).where(file_jobs.c.member_id == member_id))
        db.execute(delete(console_sessions).where(console_sessions.c.member_id == member_id))
        db.execute(delete(console_links).where(console_links.c.member_id == member_id))
        # A code still open for them (a roster's invite, a link code) would bind a new chat to
        # the anonymised row: it ends now.
        db.execute(
            update(invites)
            .where(invites.c.member_id == member_id, invites.c.used_at.is_(None))
            .values(expires_at=now)
        )
        db.execute(
            update(members)
            .where(members.c.id == member_id)
            .values(full_name=name, phone=None, active=False, nudges=False, joined_team_on=None)
        )
        db.execute(
            update(grades)
            .where(grades.c.subject_kind == "member", grades.c.subject_id == member_id)
            .values(name=name)
        )
        scrubbed = self._scrub_audit(member_id, [before.full_name, before.phone or ""], name)
        return ErasedMember(
            chats=len(chats),
            kept=len(keep),
            deleted=len(drop),
            audit_lines=scrubbed,
            files=unreferenced(db, stored),
        )

    def _scrub_audit(self, member_id: int, said: list[str], name: str) -> int:
        """Take the member's name and phone out of the details of the audit lines about them
        (the lines stay: who did what is kept for accountability)."""
        words = [w for w in said if len(w) >= 3]
        if not words:
            return 0
        own = select(entries.c.reference).where(entries.c.member_id == member_id)
        rows = self.db.execute(
            select(audit_log.c.id, audit_log.c.details).where(
                or_(
                    audit_log.c.actor_member_id == member_id,
                    and_(audit_log.c.target == "members", audit_log.c.target_id == str(member_id)),
                    and_(audit_log.c.target == "entries", audit_log.c.target_id.in_(own)),
                )
            )
        ).all()
        # An officer is named in the assignment lines of others' tips (`tip.assigned`).
        assigned = self.db.execute(
            select(audit_log.c.id, audit_log.c.details).where(audit_log.c.action == "tip.assigned")
        ).all()
        rows = [*rows, *(row for row in assigned if _assigned_to(row.details, member_id))]
        changed = 0
        for row in {row.id: row for row in rows}.values():
            written = json.dumps(row.details, ensure_ascii=False)
            if not any(word in written for word in words):
                continue
            for word in words:
                written = written.replace(json.dumps(word, ensure_ascii=False)[1:-1], name)
            self.db.execute(
                update(audit_log)
                .where(audit_log.c.id == row.id)
                .values(details=json.loads(written))
            )
            changed += 1
        return changed

    def unlink_files(self, stored: list[StoredFile]) -> int:
        """After the commit: unlink the files of `stored` no row names (checked again now)."""
        folder = self.work.files
        if folder is None:
            return 0
        gone = 0
        for sha, kind in unreferenced(self.db, stored):
            if folder.remove(sha, kind):
                gone += 1
        return gone


__all__ = ["PersonalDataRepository", "delete_entries", "drop_attachments", "unreferenced"]
