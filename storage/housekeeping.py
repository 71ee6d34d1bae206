"""What the housekeeping jobs forget: chat states left behind, old job records, and personal data
past its retention (in batches, each its own transaction: a first run on years of data never
holds the database for long)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    cast,
    delete,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)

from campaign.areas import SEALED_KEYS
from services.ports import EXPIRED_MARK
from storage import guesses, outbox
from storage.personal_data import delete_entries, drop_attachments, unreferenced
from storage.schema import (
    attachments,
    audit_log,
    chat_states,
    deliverables,
    deliveries,
    entries,
    files,
    identities,
    job_runs,
)
from storage.sealing import is_sealed_text
from storage.unit_of_work import FeatureRepository


def prune_deliveries(conn: Connection, older_than: datetime) -> int:
    """Forget handled deliveries past any redelivery window (channels redeliver within hours)."""
    return int(
        conn.execute(deliveries.delete().where(deliveries.c.created_at < older_than)).rowcount
    )


def forget_strangers(conn: Connection, idle_before: datetime) -> int:
    """Delete the chat rows of people who never registered, idle since `idle_before`."""
    registered = select(identities.c.channel, identities.c.chat_id)
    result = conn.execute(
        delete(chat_states).where(
            or_(chat_states.c.updated_at.is_(None), chat_states.c.updated_at < idle_before),
            tuple_(chat_states.c.channel, chat_states.c.chat_id).not_in(registered),
        )
    )
    return int(result.rowcount or 0)


def expire_flows(conn: Connection, idle_before: datetime, minutes: int) -> int:
    """Drop every flow idle since `idle_before`: its answers are deleted, buttons shown for it
    go stale, and a mark is left so the member is told at their next message."""
    result = conn.execute(
        update(chat_states)
        .where(chat_states.c.flow.is_not(None), chat_states.c.updated_at < idle_before)
        .values(
            flow=None,  # the step stays: a late answer to an informant's question is concealed
            data={EXPIRED_MARK: minutes},
            prompt_seq=chat_states.c.prompt_seq + 1,
        )
    )
    return int(result.rowcount or 0)


def seal_plain_answers(conn: Connection, seal: Callable[[str], str]) -> int:
    """Seal informants typed before answers were sealed as they were given (a tip halfway when
    this version was installed); the number of chats changed."""
    changed = 0
    rows = conn.execute(
        select(chat_states.c.channel, chat_states.c.chat_id, chat_states.c.data).where(
            chat_states.c.flow.is_not(None)
        )
    ).all()
    for row in rows:
        answers = (row.data or {}).get("answers") or {}
        plain = [
            k
            for k in SEALED_KEYS
            if isinstance(answers.get(k), str) and not is_sealed_text(answers[k])
        ]
        if not plain:
            continue
        data = {**row.data, "answers": {**answers, **{k: seal(answers[k]) for k in plain}}}
        conn.execute(
            update(chat_states)
            .where(chat_states.c.channel == row.channel, chat_states.c.chat_id == row.chat_id)
            .values(data=data)
        )
        changed += 1
    return changed


def prune_job_runs(conn: Connection, before: datetime) -> None:
    """Job records older than any catch-up looks at: it reads a job's latest time only, and
    the rarest job runs once a year, so `before` must be over a year back."""
    conn.execute(delete(job_runs).where(job_runs.c.ran_at < before))


class HousekeepingRepository(FeatureRepository):
    """What the housekeeping jobs (and `antt-bot run`) forget or tidy, on one unit of work."""

    def forget_deliveries(self, before: datetime) -> None:
        prune_deliveries(self.db, before)

    def forget_guesses(self, now: datetime) -> None:
        guesses.prune(self.db, now)

    def forget_outbox(self, before: datetime) -> None:
        outbox.prune(self.db, before)

    def forget_job_runs(self, before: datetime) -> None:
        prune_job_runs(self.db, before)

    def expire(
        self, *, flows_idle_before: datetime, minutes: int, strangers_before: datetime
    ) -> None:
        expire_flows(self.db, flows_idle_before, minutes)
        forget_strangers(self.db, strangers_before)

    def seal_plain_answers(self, seal: Callable[[str], str]) -> int:
        return seal_plain_answers(self.db, seal)

    # Retention: what is due, one batch at a time, and the files no row names.
    def due(self, kind: str, before: datetime) -> int:
        """How many rows of a kind of data (RETAINED) are older than `before`."""
        table, column, only = _retained(kind)
        query = select(func.count()).select_from(table).where(column < before)
        if only is not None:
            query = query.where(only)
        return int(self.db.execute(query).scalar_one())

    def retain(self, kind: str, before: datetime, limit: int) -> int:
        """Delete at most `limit` of the oldest rows of a kind older than `before` (with what
        hangs on them); how many. Photo files are left for the sweep (after the commit)."""
        table, column, only = _retained(kind)
        key = table.c.token if table is files else table.c.id
        query = select(key).where(column < before).order_by(column, key).limit(limit)
        if only is not None:
            query = query.where(only)
        found = list(self.db.execute(query).scalars())
        if not found:
            return 0
        if kind in ("entries", "tips"):
            delete_entries(self.db, found)
        elif kind == "attachments":
            rows = self.db.execute(
                select(attachments.c.id, attachments.c.sha256, attachments.c.content_type).where(
                    attachments.c.id.in_(found)
                )
            ).all()
            drop_attachments(self.db, rows)
        else:
            self.db.execute(delete(table).where(key.in_(found)))
        return len(found)

    def sweep_files(self, touched_before: datetime) -> int:
        """Unlink the photo and document files no row names, untouched since `touched_before`
        (a file being kept right now has its row committed within the grace); how many."""
        folder = self.work.files
        if folder is None:
            return 0
        gone = 0
        cutoff = touched_before.timestamp()
        batch: list[tuple[str, Path]] = []
        for digest, path in folder.kept():
            try:
                if path.stat().st_mtime >= cutoff:
                    continue
            except FileNotFoundError:
                continue
            if not digest:  # a write cut short: never referenced
                path.unlink(missing_ok=True)
                gone += 1
                continue
            batch.append((digest, path))
            if len(batch) >= SWEEP_BATCH:
                gone += _unlink_unnamed(self.db, batch)
                batch = []
        return gone + _unlink_unnamed(self.db, batch)


SWEEP_BATCH = 500
# The kinds of data a retention setting deletes: (table, the age column, which rows).
RETAINED = ("files", "entries", "tips", "attachments", "audit")
TIP_AREA = "tip"


def _retained(kind: str) -> tuple[Any, Any, ColumnElement[bool] | None]:
    if kind == "files":  # charts and workbooks made for a chat (and photos lent to one)
        return files, files.c.created_at, None
    if kind == "entries":  # every entry but tips, by when it was logged
        return entries, entries.c.created_at, entries.c.content_area != TIP_AREA
    if kind == "tips":  # tips, with their sealed informant, case and notes
        return entries, entries.c.created_at, entries.c.content_area == TIP_AREA
    if kind == "attachments":  # photos (an entry's, or detached); not a deliverable's proof
        named = select(deliverables.c.file_token).where(deliverables.c.file_token.is_not(None))
        token = literal("attachment:", String) + cast(attachments.c.id, String)
        return attachments, attachments.c.created_at, token.not_in(named)
    if kind == "audit":
        return audit_log, audit_log.c.at, None
    raise ValueError(f"no retention for {kind!r}")


def _unlink_unnamed(conn: Connection, batch: list[tuple[str, Path]]) -> int:
    unnamed = {sha for sha, _ in unreferenced(conn, [(sha, "") for sha, _ in batch])}
    gone = 0
    for digest, path in batch:
        if digest in unnamed:
            path.unlink(missing_ok=True)
            gone += 1
    return gone
