"""The bridge from channel adapters to the core: one turn, one transaction, then the replies."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Connection

from bot.drawer import Drawer
from bot.render_pool import RenderPool
from bot.settings import Settings
from campaign.catalogs import text
from campaign.localized import Language
from campaign.roles import Role
from handlers.front_desk import FrontDesk
from handlers.messages import Incoming, Outgoing
from handlers.turn import process
from services.ports import MemberView
from storage import outbox
from storage.chat_roles import ChatRole, chats_in_roles
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.sealing import Sealer

log = logging.getLogger(__name__)


class Conversation:
    def __init__(
        self, settings: Settings, database: Database, render_pool: RenderPool | None = None
    ) -> None:
        self.settings = settings
        self.database = database
        self.front_desk = FrontDesk(
            public_url=settings.public_url, local_base=settings.public_base, draws_files=True
        )
        self.sealer = Sealer(settings.secret_key)
        self.files = PhotoFiles(settings.data_dir)
        # Charts, workbooks and report files: drawn in worker processes (started on first use)
        # once the turn that asked for them commits, then sent (bot/drawer.py).
        self.render_pool = render_pool or RenderPool(settings.render_workers)
        self.drawer = Drawer(
            database, self.repository, self.render_pool, self.now, settings.report_templates_dir
        )
        self.flow_timeout = timedelta(minutes=settings.flow_timeout_minutes)
        # Per channel: told (chat id, role, language) once a turn that changed a chat's member
        # role or language is committed, to set that chat's command menu.
        self.menu_listeners: dict[str, Callable[[str, Role, Language], None]] = {}

    def now(self) -> datetime:
        return datetime.now(self.settings.zone)

    def repository(self, connection: Connection) -> Repository:
        return Repository(connection, self.sealer, self.files, self.settings.zone)

    async def handle(
        self, incoming: Incoming, *, keep_history: bool = False, answer_redeliveries: bool = True
    ) -> list[Outgoing]:
        """Handle one message; the replies are returned only after the transaction committed."""
        now = self.now()
        changed: list[tuple[MemberView, Language]] = []
        drawings: list[int] = []  # files asked for (file_jobs ids): drawn once committed

        def unit_of_work(connection: Connection) -> list[Outgoing]:
            changed.clear()  # a transaction tried again starts over
            repository = self.repository(connection)
            replies = process(
                repository,
                self.front_desk,
                incoming,
                now=now,
                default_language=self.settings.language,
                flow_timeout=self.flow_timeout,
                keep_history=keep_history,
                answer_redeliveries=answer_redeliveries,
                menu_changed=lambda member, language: changed.append((member, language)),
            )
            drawings[:] = repository.work.drawings
            return replies

        try:
            replies = await self.database.run(unit_of_work)
        except Exception:
            # Nothing was committed; say so rather than leave the member guessing.
            log.exception("turn failed for %s chat", incoming.channel)
            return [Outgoing(text=text("error_retry", self.settings.language))]
        listener = self.menu_listeners.get(incoming.channel)
        if listener is not None:
            for member, language in changed:
                listener(incoming.chat_id, member.role, language)
        if drawings:  # a file drawn within a moment rides along; the others follow
            replies = [*replies, *await self.drawer.after_turn(drawings, keep_history=keep_history)]
        return replies

    async def chats_in_roles(self, channel: str, roles: list[Role]) -> list[ChatRole]:
        return await self.database.run(
            lambda connection: chats_in_roles(connection, channel, roles)
        )

    async def queue_for_later(self, channel: str, chat_id: str, replies: list[Outgoing]) -> None:
        """Replies a messenger could not take now: the outbox sends them when it is back.
        A revealed informant (an ephemeral reply) is never stored: a note to ask again takes
        its place. Nothing is kept for a stranger's chat."""
        now = self.now()

        def work(connection: Connection) -> None:
            language = self.repository(connection).member_chat_language(channel, chat_id)
            if language is None:
                return
            kept = [
                Outgoing(text=text("reveal_undelivered", language)) if reply.ephemeral else reply
                for reply in replies
            ]
            outbox.queue(connection, channel, chat_id, kept, now)

        await self.database.run(work)

    async def mark_unreachable(self, channel: str, chat_id: str) -> None:
        await self.database.run(
            lambda connection: outbox.mark_unreachable(connection, channel, chat_id)
        )

    async def file(
        self, token: str, channel: str, chat_id: str | None
    ) -> tuple[str, str, bytes] | None:
        return await self.database.run(
            lambda connection: self.repository(connection).file(token, channel, chat_id)
        )

    async def history(
        self, channel: str, chat_id: str, after: int
    ) -> tuple[list[Outgoing], Language]:
        """The chat's messages after `after`, and the language the bot speaks in it (a page
        shows its own texts in that language)."""

        def read(connection: Connection) -> tuple[list[Outgoing], Language]:
            repository = self.repository(connection)
            messages = repository.history(channel, chat_id, after)
            return messages, repository.chat_language(channel, chat_id) or self.settings.language

        return await self.database.run(read)

    async def chat_language(self, channel: str, chat_id: str) -> Language:
        return (
            await self.database.run(
                lambda connection: self.repository(connection).chat_language(channel, chat_id)
            )
            or self.settings.language
        )
