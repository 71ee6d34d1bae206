"""The web chat's answer tells the page the chat's language as the turn left it (read in the
turn's own transaction), and as it stands when the turn failed."""

from __future__ import annotations

from typing import Any

import pytest

from services.demo import DemoInvites


async def language_after(user: Any, text: str) -> str:
    response = await user.client.post("/api/web/messages", json={"text": text})
    assert response.status_code == 200, response.text
    user.last = response.json()["messages"]
    return str(response.json()["language"])


async def test_the_answer_carries_the_language_the_turn_left(
    users: Any, demo: DemoInvites, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = users()
    assert await language_after(stranger, "xin chào") == "vi"
    member = users()
    await member.register(demo.member.code)
    assert await language_after(member, "/lang en") == "en"  # in the very answer that switched
    assert await language_after(member, "/help") == "en"
    assert await language_after(member, "/lang vi") == "vi"
    await language_after(member, "/lang en")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("bot.conversation.process", broken)
    # The excuse is in the default language; the page keeps the chat's own.
    assert await language_after(member, "/help") == "en"
