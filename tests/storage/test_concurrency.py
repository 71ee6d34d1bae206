"""Two processes serving one bot: turns of one chat are serialised by the database."""

from __future__ import annotations

import asyncio
import uuid

from bot.conversation import Conversation
from bot.settings import Settings
from handlers.messages import Incoming
from services.demo import DemoInvites
from storage.database import Database


def message(text: str | None = None, choice: str | None = None) -> Incoming:
    return Incoming("web", "chat-1", "chat-1", uuid.uuid4().hex, text=text, choice=choice)


async def test_two_processes_never_lose_an_answer(settings: Settings, demo: DemoInvites) -> None:
    # Two independent database handles stand for two processes on the same database.
    first_db, second_db = (
        Database(settings.resolved_database_url),
        Database(settings.resolved_database_url),
    )
    first, second = Conversation(settings, first_db), Conversation(settings, second_db)
    try:
        await first.handle(message(f"/start {demo.member.code}"))
        await second.handle(message("Nguyễn Văn Song"))  # the next step, in the other process
        registered = await first.handle(message("Đồng ý"))
        assert "Đăng ký thành công" in registered[0].text
        for round_number in range(5):
            await first.handle(message("/viectot"))
            answers = await asyncio.gather(
                first.handle(message(f"Việc {round_number}")),
                second.handle(message(f"Người {round_number}")),
            )
            texts = [a[-1].text for a in answers]
            # One answered "what", the other then answered "for whom": both kept, in order.
            assert sorted("Giúp ai" in t for t in texts) == [False, True], texts
            assert any("Ngày nào" in t for t in texts), texts
    finally:
        for db in (first_db, second_db):
            await db.dispose()
            db.close()
