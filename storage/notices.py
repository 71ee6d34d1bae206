"""Messages to members outside the turn's own replies, queued in the outbox."""

from __future__ import annotations

from datetime import datetime

from handlers.messages import Notice
from services.ports import NoticeStore
from storage import outbox as outbox_rows
from storage.unit_of_work import FeatureRepository


class NoticeRepository(FeatureRepository, NoticeStore):
    """Notices, and the audit trail every repository writes (`services.ports.NoticeStore`)."""

    def notify(self, notices: list[Notice], now: datetime, *, bulk: bool = False) -> None:
        """Queue each notice for its member's chat (a member on no channel yet is skipped).
        Bulk notices (scheduled jobs) go after conversations' own."""
        chats = outbox_rows.reach_many(self.db, [n.member_id for n in notices])
        letters = [
            outbox_rows.Letter(*chats[n.member_id], n.message, n.member_id)
            for n in notices
            if n.member_id in chats
        ]
        priority = outbox_rows.BULK if bulk else outbox_rows.NOTICE
        outbox_rows.post(self.db, letters, now, priority=priority)

    def chat_of(self, member_id: int) -> tuple[str, str] | None:
        """The channel and chat a notice to the member goes to (the one they used last)."""
        return outbox_rows.reach(self.db, member_id)


__all__ = ["NoticeRepository"]
