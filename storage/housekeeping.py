"""What the housekeeping jobs forget: chat states left behind, and old job records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, delete, or_, select, tuple_, update

from campaign.areas import SEALED_KEYS
from services.ports import EXPIRED_MARK
from storage import guesses, outbox
from storage.schema import chat_states, deliveries, files, identities, job_runs
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

    def forget_files(self, before: datetime) -> None:
        self.db.execute(files.delete().where(files.c.created_at < before))

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
