"""The turn's bookkeeping: the chat row (locked for the turn), the replies kept against
redeliveries, the sender's identity, and the web chat's history.

Every method runs on the turn's connection; few round trips, no ORM on this hot path."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, select, update

from campaign.localized import Language
from handlers.messages import Incoming, Outgoing
from services.ports import ChatState, ChatStore, MemberView
from storage import chat_rows
from storage.members import as_language, member_view
from storage.schema import chat_states, identities, outbox
from storage.unit_of_work import FeatureRepository

IDENTITY_TOUCH_INTERVAL = timedelta(minutes=5)
OPENING_HISTORY = 60  # messages shown when the web chat page opens
# Built once: constructing SQLAlchemy statements costs more than running them on SQLite.
_TOUCH_IDENTITY = (
    update(identities)
    .where(
        identities.c.channel == bindparam("key_channel"),
        identities.c.external_user_id == bindparam("key_user_id"),
    )
    .values(
        last_used_at=bindparam("now", type_=identities.c.last_used_at.type),
        chat_id=bindparam("chat_id"),
        unreachable=False,
    )
)


class ChatRepository(FeatureRepository, ChatStore):
    """Chat state, deliveries and history (`services.ports.ChatStore`)."""

    # The chat's language as this turn left it (locked, then saved): what the web chat's
    # answer tells its page, without a second transaction to read it back.
    turn_language: Language | None = None
    # The replies kept for the message being handled, read with the lock (`lock_chat`).
    _kept_replies: tuple[str, str, str, Any] | None = None

    def lock_chat(
        self,
        channel: str,
        chat_id: str,
        user_id: str,
        default_language: Language,
        delivery_key: str | None = None,
    ) -> tuple[ChatState, MemberView | None]:
        found = chat_rows.lock(self.db, channel, chat_id, user_id, delivery_key)
        if found is None:
            # A new chat: insert the row (another process may race us: keep theirs), then lock it.
            self._insert_ignoring_conflict(
                chat_states,
                {
                    "channel": channel,
                    "chat_id": chat_id,
                    "language": default_language,
                    "data": {},
                    "prompt_seq": 0,
                    "recent_keys": [],
                },
            )
            found = chat_rows.lock(self.db, channel, chat_id, user_id, delivery_key)
            assert found is not None
        row, member, kept = found
        if delivery_key is not None:
            self._kept_replies = (channel, chat_id, delivery_key, kept)
        state = ChatState(
            channel=channel,
            chat_id=chat_id,
            language=as_language(row.language),
            flow=row.flow,
            step=row.step,
            data=dict(row.data or {}),
            updated_at=row.updated_at,
            prompt_seq=row.prompt_seq,
            recent_keys=list(row.recent_keys or []),
        )
        self.turn_language = state.language
        if member is None:
            return state, None
        self.work.identity_seen = (member.identity_chat_id, member.last_used_at, member.unreachable)
        return state, member_view(member)

    def save_chat(self, state: ChatState, now: datetime) -> None:
        self.turn_language = state.language
        chat_rows.save(
            self.db,
            {
                "channel": state.channel,
                "chat_id": state.chat_id,
                "language": state.language,
                "flow": state.flow,
                "step": state.step,
                "data": state.data,
                "prompt_seq": state.prompt_seq,
                "recent_keys": state.recent_keys,
                "updated_at": now,
            },
        )

    def replies_for(self, channel: str, chat_id: str, delivery_key: str) -> list[Outgoing] | None:
        if self._kept_replies is not None and self._kept_replies[:3] == (
            channel,
            chat_id,
            delivery_key,
        ):
            kept = self._kept_replies[3]
        else:
            kept = chat_rows.replies_for(self.db, channel, chat_id, delivery_key)
        return None if kept is None else [Outgoing.from_dict(r) for r in kept]

    def remember_replies(
        self, channel: str, delivery_key: str, chat_id: str, replies: list[Outgoing], now: datetime
    ) -> None:
        chat_rows.remember_replies(
            self.db,
            {
                "channel": channel,
                "delivery_key": delivery_key,
                "chat_id": chat_id,
                "replies": [r.to_dict() for r in replies if not r.ephemeral],
                "created_at": now,
            },
        )

    def touch_identity(self, channel: str, user_id: str, chat_id: str, now: datetime) -> None:
        # Notices go to the channel used last; minutes of precision are plenty, so most
        # messages skip this write. A chat marked unreachable (blocked, not found) that writes
        # to the bot is reachable again at once.
        if self.work.identity_seen is not None:
            seen_chat, seen_at, unreachable = self.work.identity_seen
            if not unreachable and seen_chat == chat_id and now - seen_at < IDENTITY_TOUCH_INTERVAL:
                return
        self.db.execute(
            _TOUCH_IDENTITY,
            {"key_channel": channel, "key_user_id": user_id, "now": now, "chat_id": chat_id},
        )

    def append_history(
        self, incoming: Incoming, replies: list[Outgoing], now: datetime, conceal: bool = False
    ) -> list[Outgoing]:
        said = "🔒" if conceal else self._what_member_said(incoming)
        rows = [Outgoing(text=said, from_user=True, client_id=incoming.delivery_key), *replies]
        kept = [message for message in rows if not message.ephemeral]
        ids = iter(
            chat_rows.add_history_rows(
                self.db,
                [message.to_dict() for message in kept],
                {
                    "channel": incoming.channel,
                    "chat_id": incoming.chat_id,
                    "status": "sent",  # answered in the same HTTP exchange
                    "now": now,
                    "sent_at": now,
                },
            )
        )
        stored = [message if message.ephemeral else message.with_id(next(ids)) for message in rows]
        return stored[1:]

    def _what_member_said(self, incoming: Incoming) -> str:
        if incoming.photo is not None:
            return "📷"
        if incoming.document is not None:  # by the name it was sent with, for its sender
            name = "".join(ch for ch in incoming.document.name if ch.isprintable())
            return f"📄 {name[:200]}"
        if incoming.location is not None:
            return f"📍 {incoming.location.latitude:.5f}, {incoming.location.longitude:.5f}"
        if incoming.choice is not None:
            # Newest first, each decoded only if the newer ones did not hold the choice.
            recent = chat_rows.latest_payloads(self.db, incoming.channel, incoming.chat_id)
            with closing(recent):
                for payload in recent:
                    for choice in payload.get("choices", []):
                        if choice["id"] == incoming.choice:
                            return str(choice["label"])
            return "…"
        text = incoming.text or ""
        return text if len(text) <= 2000 else text[:2000] + "…"

    def history(self, channel: str, chat_id: str, after: int, limit: int = 200) -> list[Outgoing]:
        """The chat's messages after `after` (after=0: the latest ones, for a page just opened);
        pending notices count as delivered once read."""
        query = select(outbox.c.id, outbox.c.payload, outbox.c.status).where(
            outbox.c.channel == channel, outbox.c.chat_id == chat_id, outbox.c.id > after
        )
        if after == 0:
            latest = query.order_by(outbox.c.id.desc()).limit(OPENING_HISTORY)
            rows = list(reversed(self.db.execute(latest).all()))
        else:
            rows = list(self.db.execute(query.order_by(outbox.c.id).limit(limit)).all())
        pending = [row.id for row in rows if row.status == "pending"]
        if pending:
            self.db.execute(update(outbox).where(outbox.c.id.in_(pending)).values(status="sent"))
        return [Outgoing.from_dict(row.payload).with_id(int(row.id)) for row in rows]

    def member_chat_language(self, channel: str, chat_id: str) -> Language | None:
        """The chat's language if a registered member uses it; None for a stranger's chat."""
        row = self.db.execute(
            select(chat_states.c.language)
            .select_from(
                identities.join(
                    chat_states,
                    and_(
                        chat_states.c.channel == identities.c.channel,
                        chat_states.c.chat_id == identities.c.chat_id,
                    ),
                )
            )
            .where(identities.c.channel == channel, identities.c.chat_id == chat_id)
            .limit(1)
        ).first()
        return None if row is None else as_language(row.language)

    def chat_language(self, channel: str, chat_id: str) -> Language | None:
        """The language the bot speaks in this chat (a stranger's too); None before its first
        message."""
        found = self.db.execute(
            select(chat_states.c.language).where(
                chat_states.c.channel == channel, chat_states.c.chat_id == chat_id
            )
        ).scalar_one_or_none()
        return None if found is None else as_language(found)


__all__ = ["ChatRepository"]
