"""The web console's links and sessions (`services.ports.ConsoleStore`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, or_, select, update

from campaign.roles import Role
from services.ports import ConsoleLink, ConsoleSessionRow, ConsoleStore, MemberView
from storage.members import MEMBER_COLUMNS, member_view
from storage.schema import console_links, console_sessions, members, units
from storage.unit_of_work import FeatureRepository


class ConsoleRepository(FeatureRepository, ConsoleStore):
    def add_console_link(
        self, token_hash: str, member: MemberView, via: str, expires_at: datetime, now: datetime
    ) -> None:
        self.db.execute(
            insert(console_links).values(
                token_hash=token_hash,
                member_id=member.id,
                role=member.role.value,
                created_at=now,
                expires_at=expires_at,
                issued_via=via,
            )
        )

    def take_console_link(self, token_hash: str, now: datetime) -> ConsoleLink | None:
        row = self.db.execute(
            select(console_links).where(console_links.c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        # Only the request that flips used_at gets the link: two tabs racing, one wins.
        taken = self.db.execute(
            update(console_links)
            .where(console_links.c.token_hash == token_hash, console_links.c.used_at.is_(None))
            .values(used_at=now)
        ).rowcount
        return ConsoleLink(
            member_id=row.member_id,
            role=Role(row.role),
            expires_at=row.expires_at,
            used_at=row.used_at if taken else (row.used_at or now),
        )

    def active_member(self, member_id: int) -> MemberView | None:
        row = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(members.c.id == member_id, members.c.active.is_(True))
        ).first()
        return None if row is None else member_view(row)

    def members_known_as(self, key: str) -> list[MemberView]:
        key = key.strip()
        matches = [members.c.phone == key, members.c.full_name == key]
        if key.isdigit() and len(key) < 10:
            matches.append(members.c.id == int(key))
        rows = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(or_(*matches), members.c.active.is_(True))
            .order_by(members.c.id)
        ).all()
        return [member_view(row) for row in rows]

    def add_console_session(
        self, id_hash: str, member: MemberView, csrf: str, now: datetime
    ) -> None:
        self.db.execute(
            insert(console_sessions).values(
                id_hash=id_hash,
                member_id=member.id,
                role=member.role.value,
                unit_id=member.unit_id,
                csrf=csrf,
                created_at=now,
                last_seen_at=now,
            )
        )

    def console_session(self, id_hash: str) -> ConsoleSessionRow | None:
        row = self.db.execute(
            select(console_sessions).where(console_sessions.c.id_hash == id_hash)
        ).first()
        if row is None:
            return None
        return ConsoleSessionRow(
            member_id=row.member_id,
            role=Role(row.role),
            unit_id=row.unit_id,
            csrf=row.csrf,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            ended_at=row.ended_at,
        )

    def touch_console_session(self, id_hash: str, now: datetime) -> None:
        self.db.execute(
            update(console_sessions)
            .where(console_sessions.c.id_hash == id_hash)
            .values(last_seen_at=now)
        )

    def end_console_session(self, id_hash: str, reason: str, now: datetime) -> bool:
        ended = self.db.execute(
            update(console_sessions)
            .where(console_sessions.c.id_hash == id_hash, console_sessions.c.ended_at.is_(None))
            .values(ended_at=now, ended_by=reason)
        ).rowcount
        return bool(ended)

    def end_member_sessions(self, member_id: int, reason: str, now: datetime) -> int:
        return int(
            self.db.execute(
                update(console_sessions)
                .where(
                    console_sessions.c.member_id == member_id,
                    console_sessions.c.ended_at.is_(None),
                )
                .values(ended_at=now, ended_by=reason)
            ).rowcount
        )


__all__ = ["ConsoleRepository"]
