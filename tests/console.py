"""Driving the web console in tests without a browser: people registered through the web chat
as the demo's roles, a one-time link each, and a cookie jar per person (httpx over ASGI)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx

from campaign.roles import Role
from services import console_access
from services.demo import ensure_demo_extras
from services.invites import create_invites
from storage.unit_of_work import UnitOfWork
from tests.conftest import WebUser

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def link_token(app: Any, member_id: int, *, via: str = "cli") -> str:
    """A one-time link's token for the member, issued as the shell would."""
    conversation = app.state.conversation
    now = conversation.now()

    def issue(connection: Any) -> str:
        repository = conversation.repository(connection)
        member = repository.active_member(member_id)
        assert member is not None, member_id
        return console_access.issue_link(repository, member, via, now)

    token: str = await conversation.database.run(issue)
    return token


async def invite_code(app: Any, unit_code: str, role: Role) -> str:
    """An open invite for the unit and role (admins have none in the demo)."""
    conversation = app.state.conversation
    now = conversation.now()
    issued = await conversation.database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code=unit_code, role=role, count=1, now=now
        )
    )
    code: str = issued[0].code
    return code


async def demo_extras(app: Any) -> None:
    """The second commune, the village, the agency and the school of the demo."""
    conversation = app.state.conversation
    now = conversation.now()

    def make(connection: Any) -> None:
        work = UnitOfWork(connection, conversation.sealer, None, conversation.settings.zone)
        ensure_demo_extras(conversation.repository(connection), work.units, now)

    await conversation.database.run(make)


class ConsoleUser:
    """One person's browser on the console: a cookie jar, the page's CSRF token."""

    def __init__(self, app: Any, base_url: str = "http://testserver") -> None:
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=base_url, follow_redirects=False
        )
        self.csrf = ""

    async def log_in(self, token: str) -> httpx.Response:
        response = await self.client.post("/quanly/vao", data={"token": token})
        if response.status_code == 303:
            await self.get("/quanly/")
        return response

    async def get(self, path: str, **params: Any) -> httpx.Response:
        response = await self.client.get(path, params=params or None)
        found = CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response

    async def post(
        self, path: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """A form post with the page's CSRF token (as the browser sends it)."""
        return await self.client.post(path, data={"csrf": self.csrf, **(data or {})}, **kwargs)

    async def close(self) -> None:
        await self.client.aclose()


@dataclass
class Person:
    member_id: int
    chat: WebUser


async def registered(app: Any, code: str, name: str) -> Person:
    """Someone registered through the web chat with an invite code; their member number."""
    chat = WebUser(app)
    await chat.register(code, name)
    conversation = app.state.conversation
    chat_id = chat.client.cookies.get("antt_session")
    assert chat_id
    web = app.state.web
    member = await conversation.database.run(
        lambda c: conversation.repository(c).member_for("web", web.chat_id(chat_id))
    )
    assert member is not None
    return Person(member.id, chat)
