"""Telling a broadcast's sender how far it has gone, and the delivery report at the end."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection

from campaign.catalogs import text
from handlers.messages import Outgoing
from storage import broadcasts, outbox


def tell_senders(conn: Connection, now: datetime, every: float) -> int:
    """A progress line to each sender whose broadcast is still going (at most every `every`
    seconds, and only when it moved on) and the report to each whose broadcast has just
    finished; how many were told."""
    told = 0
    for run in broadcasts.running(conn):
        tally, lang = run.tally, run.sender_language
        finished = tally.left == 0
        if not finished and (
            run.told_left == tally.left  # nothing moved (a retry's wait, a 429's pause)
            or (run.told_at and now - run.told_at < timedelta(seconds=every))
        ):
            continue
        if not broadcasts.told(conn, tally, now, finished=finished):
            continue  # another round told them already
        key = "broadcast_report" if finished else "broadcast_progress"
        message = Outgoing(
            text=text(
                key,
                lang,
                number=tally.broadcast_id,
                sent=tally.sent,
                failed=tally.failed,
                left=tally.left,
                total=tally.total,
                unreached=tally.unreached,
            )
        )
        chat = outbox.reach(conn, tally.sender_id)
        if chat is not None:
            outbox.post(conn, [outbox.Letter(*chat, message, tally.sender_id)], now)
            told += 1
    return told
