"""Members and open invites as an admin keeps them in the console
(`services.ports.MemberAdminStore`): listed by units, a role or team changed, deactivated."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update

from campaign.roles import Role
from services.ports import InviteRow, MemberAdminStore, MemberChat, MemberRow
from storage.members import as_language
from storage.schema import chat_states, identities, invites, members, outbox, units
from storage.unit_of_work import FeatureRepository

_CHUNK = 1000  # SQLite caps the parameters of one statement

_MEMBER_ROW = select(
    members.c.id,
    members.c.full_name,
    members.c.phone,
    members.c.role,
    members.c.unit_id,
    units.c.code.label("unit_code"),
    units.c.name.label("unit_name"),
    members.c.language,
    members.c.active,
    members.c.joined_at,
).select_from(members.join(units, members.c.unit_id == units.c.id))


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


class MemberAdminRepository(FeatureRepository, MemberAdminStore):
    def members_within(self, unit_ids: Collection[int]) -> list[MemberRow]:
        rows: list[Any] = []
        for part in _chunks(unit_ids):
            rows += self.db.execute(_MEMBER_ROW.where(members.c.unit_id.in_(part))).all()
        channels = self._channels([row.id for row in rows])
        return [self._row(row, channels.get(row.id, ())) for row in rows]

    def member_row(self, member_id: int) -> MemberRow | None:
        row = self.db.execute(_MEMBER_ROW.where(members.c.id == member_id)).first()
        if row is None:
            return None
        return self._row(row, self._channels([member_id]).get(member_id, ()))

    def _channels(self, member_ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, set[str]] = {}
        for part in _chunks(member_ids):
            for row in self.db.execute(
                select(identities.c.member_id, identities.c.channel).where(
                    identities.c.member_id.in_(part), identities.c.unreachable.is_(False)
                )
            ):
                found.setdefault(int(row.member_id), set()).add(str(row.channel))
        return {member: tuple(sorted(names)) for member, names in found.items()}

    @staticmethod
    def _row(row: Any, channels: tuple[str, ...]) -> MemberRow:
        return MemberRow(
            id=row.id,
            full_name=row.full_name,
            phone=row.phone,
            role=Role(row.role),
            unit_id=row.unit_id,
            unit_code=row.unit_code,
            unit_name=row.unit_name,
            language=as_language(row.language),
            active=bool(row.active),
            registered=row.joined_at is not None,
            channels=channels,
        )

    def member_chats(self, member_id: int) -> list[MemberChat]:
        rows = self.db.execute(
            select(
                identities.c.channel,
                identities.c.chat_id,
                func.coalesce(chat_states.c.language, members.c.language).label("language"),
            )
            .select_from(
                identities.join(members, members.c.id == identities.c.member_id).outerjoin(
                    chat_states,
                    and_(
                        chat_states.c.channel == identities.c.channel,
                        chat_states.c.chat_id == identities.c.chat_id,
                    ),
                )
            )
            .where(identities.c.member_id == member_id)
            .order_by(identities.c.channel, identities.c.chat_id)
        )
        return [MemberChat(r.channel, r.chat_id, as_language(r.language)) for r in rows]

    def set_member_role(self, member_id: int, role: Role) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(role=role.value))

    def set_member_unit(self, member_id: int, unit_id: int) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(unit_id=unit_id))

    def deactivate_member(self, member_id: int) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(active=False))
        # A flow their chat was in goes with them: its next answer is a stranger's message,
        # not the rest of a report saved under nobody.
        chats = self.db.execute(
            select(identities.c.channel, identities.c.chat_id).where(
                identities.c.member_id == member_id
            )
        ).all()
        for chat in chats:
            self.db.execute(
                update(chat_states)
                .where(chat_states.c.channel == chat.channel, chat_states.c.chat_id == chat.chat_id)
                .values(flow=None, step=None, data={})
            )

    def withdraw_member_messages(self, member_id: int) -> int:
        withdrawn = self.db.execute(
            update(outbox)
            .where(outbox.c.member_id == member_id, outbox.c.status == "pending")
            .values(status="cancelled")
        )
        return int(withdrawn.rowcount)

    def withdraw_member_invites(self, member_id: int, now: datetime) -> int:
        self.work.invites_read.clear()
        withdrawn = self.db.execute(
            update(invites)
            .where(
                invites.c.member_id == member_id,
                invites.c.used_at.is_(None),
                invites.c.expires_at > now,
            )
            .values(expires_at=now)
        )
        return int(withdrawn.rowcount)

    def invites_within(self, unit_ids: Collection[int], now: datetime) -> list[InviteRow]:
        found: list[Any] = []
        for part in _chunks(unit_ids):
            found += self.db.execute(
                select(
                    invites.c.id,
                    invites.c.code,
                    invites.c.unit_id,
                    units.c.code.label("unit_code"),
                    units.c.name.label("unit_name"),
                    invites.c.role,
                    invites.c.expires_at,
                    invites.c.created_at,
                    members.c.full_name,
                )
                .select_from(
                    invites.join(units, invites.c.unit_id == units.c.id).outerjoin(
                        members, invites.c.member_id == members.c.id
                    )
                )
                .where(
                    invites.c.unit_id.in_(part),
                    invites.c.used_at.is_(None),
                    invites.c.expires_at > now,
                    # A registered member's code to link another channel is theirs, not a
                    # newcomer's invite (it lasts minutes and is shown in their chat only).
                    or_(invites.c.member_id.is_(None), members.c.joined_at.is_(None)),
                )
            ).all()
        found.sort(key=lambda r: r.id)
        return [
            InviteRow(
                r.code,
                r.unit_id,
                r.unit_code,
                r.unit_name,
                Role(r.role),
                r.expires_at,
                r.created_at,
                r.full_name,
            )
            for r in found
        ]


__all__ = ["MemberAdminRepository"]
