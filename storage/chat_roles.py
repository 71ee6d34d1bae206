"""Which chats of a channel belong to members of some roles, and in which language each speaks:
a messenger's per-chat command menus are set from it at start-up."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import Connection, and_, func, select

from campaign.catalogs import spoken
from campaign.localized import Language
from campaign.roles import Role
from storage.schema import chat_states, identities, members


class ChatRole(NamedTuple):
    chat_id: str
    role: Role
    language: Language


def chats_in_roles(connection: Connection, channel: str, roles: Collection[Role]) -> list[ChatRole]:
    """Registered, active members' chats on `channel`, in the chat's language (else the
    member's)."""
    if not roles:
        return []
    rows = connection.execute(
        select(
            identities.c.chat_id,
            members.c.role,
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
        .where(
            identities.c.channel == channel,
            members.c.role.in_([role.value for role in roles]),
            members.c.active.is_(True),
            members.c.joined_at.is_not(None),
        )
        .order_by(identities.c.chat_id)
    )
    return [ChatRole(row.chat_id, Role(row.role), spoken(row.language)) for row in rows]
