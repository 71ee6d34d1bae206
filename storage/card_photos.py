"""An entry's photos lent to the chat of a commander looking at its card, or to the console
session of one opening the entry there (channel "console", the session's id hash as the chat).

The photo stays where the entry keeps it (on disk, `attachments`); the chat gets a `files` row
holding no bytes, only the token the chat fetches it by. One row per chat and photo, refreshed
each time the card is shown: the files' 30-day pruning (scheduler.jobs) bounds the rows, and a
card shown again keeps its link.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from campaign.review import EntryPlace, Reviewer, may_reveal, may_review
from campaign.roles import COMMUNE, Role
from services.ports import CONSOLE_CHANNEL
from storage.files import extension
from storage.schema import attachments, console_sessions, entries, files, identities, members
from storage.tree import chain, nearest_of_kind


def lend(
    conn: Connection, reader: Reviewer, reference: str, channel: str, chat_id: str, now: datetime
) -> list[str]:
    """The tokens by which this chat may fetch the entry's photos, in the order they were
    given; none unless the reader may review the entry or follow it up (a tip)."""
    entry = conn.execute(
        select(entries.c.id, entries.c.member_id, entries.c.unit_id).where(
            entries.c.reference == reference
        )
    ).first()
    if entry is None:
        return []
    photos = conn.execute(
        select(attachments.c.id, attachments.c.content_type)
        .where(attachments.c.entry_id == entry.id)
        .order_by(attachments.c.id)
    ).all()
    if not photos:
        return []
    if not _may_see(conn, reader, entry.member_id, entry.unit_id):
        return []
    lent = dict(
        conn.execute(
            select(files.c.attachment_id, files.c.token).where(
                files.c.attachment_id.in_([p.id for p in photos]),
                files.c.channel == channel,
                files.c.chat_id == chat_id,
            )
        ).all()
    )
    if lent:
        conn.execute(update(files).where(files.c.token.in_(lent.values())).values(created_at=now))
    tokens = []
    for number, photo in enumerate(photos, start=1):
        token = lent.get(photo.id)
        if token is None:
            token = secrets.token_urlsafe(24)
            conn.execute(
                insert(files).values(
                    token=token,
                    channel=channel,
                    chat_id=chat_id,
                    name=f"{reference}-{number}.{extension(photo.content_type)}",
                    content_type=photo.content_type,
                    data=None,
                    attachment_id=photo.id,
                    created_at=now,
                )
            )
        tokens.append(token)
    return tokens


def still_lent(conn: Connection, attachment_id: int, channel: str, chat_id: str) -> bool:
    """Whether a photo lent to a chat may still be fetched: it is still on its entry (not
    replaced by an edit), and someone of that chat may still review or follow the entry up (not
    moved to another unit or another role since the card was shown)."""
    entry = conn.execute(
        select(entries.c.member_id, entries.c.unit_id)
        .select_from(attachments.join(entries, attachments.c.entry_id == entries.c.id))
        .where(attachments.c.id == attachment_id)
    ).first()
    if entry is None:
        return False
    if channel == CONSOLE_CHANNEL:
        readers = _console_reader(conn, chat_id)
    else:
        readers = list(
            conn.execute(
                select(members.c.id, members.c.role, members.c.unit_id)
                .select_from(members.join(identities, identities.c.member_id == members.c.id))
                .where(
                    identities.c.channel == channel,
                    identities.c.chat_id == chat_id,
                    members.c.active.is_(True),
                )
            ).all()
        )
    return any(
        _may_see(conn, Reviewer(r.id, Role(r.role), r.unit_id), entry.member_id, entry.unit_id)
        for r in readers
    )


def _console_reader(conn: Connection, id_hash: str) -> list[Any]:
    """The reader of a console session (its id's hash is the "chat"): while it is open, and
    only as the member it was opened for (a role or unit changed since ends it)."""
    return list(
        conn.execute(
            select(members.c.id, members.c.role, members.c.unit_id)
            .select_from(
                members.join(console_sessions, console_sessions.c.member_id == members.c.id)
            )
            .where(
                console_sessions.c.id_hash == id_hash,
                console_sessions.c.ended_at.is_(None),
                console_sessions.c.role == members.c.role,
                console_sessions.c.unit_id == members.c.unit_id,
                members.c.active.is_(True),
            )
        ).all()
    )


def _may_see(conn: Connection, reader: Reviewer, author_id: int, unit_id: int) -> bool:
    place = EntryPlace(author_id, chain(conn, unit_id), nearest_of_kind(conn, unit_id, COMMUNE))
    return may_review(reader, place) or may_reveal(reader, place)
