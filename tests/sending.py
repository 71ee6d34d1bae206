"""Draining the outbox in a test: the real paced sender, with limits too high to wait on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, insert, select

from campaign.roles import Role
from handlers.messages import Outgoing
from scheduler.outbox_sender import Courier, OutboxSender, Pace
from services.ports import MemberView, NewBroadcast
from storage import broadcasts
from storage.database import Database
from storage.schema import identities, members, units
from storage.units import unit_id

UNPACED = Pace(per_second=10_000, chat_interval=0)


async def send_outbox(
    database: Database, couriers: dict[str, Courier], now: Callable[[], datetime]
) -> None:
    await OutboxSender(database, couriers, {c: UNPACED for c in couriers}, now).send_pending()


async def seed_recipients(
    database: Database, count: int, now: datetime, first_chat: int = 500_000
) -> tuple[MemberView, list[int]]:
    """An officer of the demo commune and `count` members of its first team, each with a
    Telegram chat (ids from `first_chat`): a broadcast's audience."""

    def seed(conn: Connection) -> tuple[MemberView, list[int]]:
        commune, team = unit_id(conn, "DEMO-XA"), unit_id(conn, "DEMO-XA-T1")
        assert commune is not None and team is not None
        officer_id = conn.execute(
            insert(members)
            .values(
                full_name="Cán Bộ Phát Thanh",
                unit_id=commune,
                role=Role.OFFICER.value,
                active=True,
                language="vi",
                joined_at=now,
                created_at=now,
            )
            .returning(members.c.id)
        ).scalar_one()
        rows = [
            {
                "full_name": f"Thành Viên {n}",
                "unit_id": team,
                "role": Role.MEMBER.value,
                "active": True,
                "language": "vi",
                "joined_at": now,
                "created_at": now,
            }
            for n in range(count)
        ]
        ids = list(conn.execute(insert(members).returning(members.c.id), rows).scalars())
        conn.execute(
            insert(identities),
            [
                {
                    "member_id": member_id,
                    "channel": "telegram",
                    "external_user_id": str(first_chat + n),
                    "chat_id": str(first_chat + n),
                    "last_used_at": now,
                    "unreachable": False,
                }
                for n, member_id in enumerate(ids)
            ],
        )
        name = conn.execute(select(units.c.name).where(units.c.id == commune)).scalar_one()
        officer = MemberView(officer_id, "Cán Bộ Phát Thanh", Role.OFFICER, commune, name, "vi")
        return officer, ids

    return await database.run(seed)


async def queue_broadcast(
    database: Database, sender: MemberView, text: str, now: datetime
) -> tuple[int, int]:
    """Queue a broadcast to everyone under the sender's unit, as the chat's confirm does:
    (its number, recipients queued)."""
    message = Outgoing(text=text)

    def start(conn: Connection) -> tuple[int, int]:
        number, reached = broadcasts.start(
            conn, NewBroadcast(sender, "all", text, None, {"vi": message, "en": message}, now)
        )
        return number, reached.total

    return await database.run(start)


async def add_web_chat(
    database: Database, member_id: int, chat_id: str, last_used_at: datetime
) -> None:
    """The member also uses the web chat (last used then)."""
    await database.run(
        lambda c: c.execute(
            insert(identities).values(
                member_id=member_id,
                channel="web",
                external_user_id=chat_id,
                chat_id=chat_id,
                last_used_at=last_used_at,
                unreachable=False,
            )
        )
    )


async def store_shared_photo(database: Database, token: str, data: bytes, now: datetime) -> None:
    """A photo every chat may open (as a broadcast's is), at /files/<token>."""
    from storage.attachments import SHARED
    from storage.schema import files

    await database.run(
        lambda c: c.execute(
            insert(files).values(
                token=token,
                channel=SHARED,
                chat_id=SHARED,
                name="anh.jpeg",
                content_type="image/jpeg",
                data=data,
                created_at=now,
            )
        )
    )
