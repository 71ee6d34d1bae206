"""Telegram through a Bot API client of our own (telegram_api.py): long polling, or a webhook
on our app.

The conversation logic stays in the core; Telegram's types never leave this module and its
client.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from fastapi import HTTPException

from bot.channels.base import ChannelPlugin
from bot.channels.declared import BUILT_IN, TELEGRAM, TELEGRAM_MAX_TEXT
from bot.channels.messenger import Delivery, Messenger, PollFailure
from bot.channels.photos import MAX_PHOTO_BYTES, NotAnImage, image_type, photo_from_bytes
from bot.channels.plain import merged, split_text
from bot.channels.telegram_api import (
    CallbackQuery,
    Chat,
    Message,
    TelegramBadRequest,
    TelegramClient,
    TelegramConflict,
    TelegramError,
    TelegramForbidden,
    TelegramRetryAfter,
    TelegramUnauthorized,
    Update,
    Upload,
    read_update,
)
from bot.channels.telegram_api import Document as TelegramDocument
from bot.conversation import Conversation
from campaign import documents
from campaign.catalogs import text
from campaign.localized import LANGUAGES, Language
from campaign.roles import Role
from handlers.messages import (
    Document,
    Incoming,
    Location,
    Outgoing,
    Photo,
    Piece,
    SendResult,
    Sent,
)

CHANNEL = TELEGRAM
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
IMAGE_DOCUMENTS = ("image/jpeg", "image/png", "image/webp")
MAX_DOCUMENT_BYTES = documents.DEFAULT_LIMIT  # below the Bot API's own 20 MB for downloads
POLL_TIMEOUT = 25
MAX_TEXT = TELEGRAM_MAX_TEXT
MAX_CAPTION = 1024
CAPABILITIES = BUILT_IN[CHANNEL]
log = logging.getLogger(__name__)

Keyboard = dict[str, Any]  # a reply markup in the Bot API's JSON shape


class TelegramChannel(Messenger):
    name = CHANNEL
    capabilities = CAPABILITIES
    secret_header = "X-Telegram-Bot-Api-Secret-Token"

    def __init__(self, conversation: Conversation) -> None:
        settings = conversation.settings
        super().__init__(conversation, settings.telegram)
        self.client = TelegramClient(settings.telegram.token, settings.telegram.api_url)
        self.commands = conversation.front_desk.commands
        conversation.menu_listeners[CHANNEL] = self._chat_menu_changed
        self._offset: int | None = None  # the next update getUpdates is to return
        self._reply_keyboards: set[str] = set()  # chats where a reply keyboard may be up
        self._file_ids: dict[str, str] = {}  # a made file's token -> Telegram's id once sent
        self._uploading: dict[str, asyncio.Lock] = {}  # a file's first upload, while it goes
        self._background: list[asyncio.Task[None]] = []  # the menu and the webhook's tries
        self._menu_tasks: set[asyncio.Task[None]] = set()  # chats' menus being set

    # Start and stop
    async def start(self) -> None:
        """Never fails, whatever Telegram (or a Bot API server in its place) answers: the web
        chat and the other channels do not need it. The menu and the webhook are set in the
        background; start-up waits `startup_wait` for them at most, and a webhook Telegram
        refuses is tried again until it is taken."""
        waiting: list[asyncio.Task[Any]] = [
            self._in_background(self._set_commands(), "telegram-commands")
        ]
        if self.webhook_base:
            first_try = asyncio.Event()
            self._in_background(self.register_webhook(first_try), "telegram-webhook")
            waiting.append(asyncio.create_task(first_try.wait()))
        else:
            # A webhook left set makes Telegram refuse getUpdates (the poller deletes it again).
            await self._optional("deleteWebhook", self.client.delete_webhook, self.startup_wait)
            self._poller = asyncio.create_task(self.poll_forever(), name="telegram-polling")
            log.info("telegram: long polling started")
        _, pending = await asyncio.wait(waiting, timeout=self.startup_wait)
        if pending:
            log.warning("telegram: serving while Telegram is slow to set the menu or webhook")
        for task in waiting[1:]:
            task.cancel()

    async def start_link(self) -> str | None:
        """The deep link that opens the bot and sends "/start <code>" once a code is put after
        it (the invite sheet's QR codes): t.me/<the bot's username>?start=. The username is
        asked of Telegram once (getMe; the client keeps the answer). None when Telegram does
        not answer."""
        try:
            async with asyncio.timeout(self.startup_wait):
                username = await self.client.username()
        except Exception as error:  # no answer, a refused token, an HTML page
            log.warning("telegram: getMe failed, no deep link: %s", self.why(error))
            return None
        return f"https://t.me/{username}?start=" if username else None

    def _in_background(self, work: Awaitable[None], name: str) -> asyncio.Task[None]:
        task = asyncio.ensure_future(work)
        task.set_name(name)
        self._background.append(task)
        return task

    async def stop(self) -> None:
        running = [*self._background, *self._menu_tasks, *([self._poller] if self._poller else [])]
        for task in running:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        await self.client.close()

    async def set_webhook(self) -> None:
        await self.client.set_webhook(
            f"{self.webhook_base}{self.path}", self.secret_token, ALLOWED_UPDATES
        )

    def token_refused(self, error: Exception) -> bool:
        return isinstance(error, TelegramUnauthorized)

    def why(self, error: Exception) -> str:
        """Telegram's own description, or the client's words for a failure (they never quote
        a page, or a URL, and a URL holds the token); otherwise only the kind of failure."""
        return error.message if isinstance(error, TelegramError) else super().why(error)

    async def _set_commands(self) -> None:
        """The command menu of the commands table, per language; Vietnamese is also the
        default for clients in any other language. Then, in the background, each known chat
        whose role lists more (commanders): Telegram keeps a chat's menu, but the table may
        have changed since it was set."""
        for language in (*LANGUAGES, None):
            listed = self._menu(language or "vi", None)
            await self._optional(
                f"setMyCommands({language or 'default'})",
                lambda listed=listed, language=language: self.client.set_my_commands(  # type: ignore[misc]
                    listed, language_code=language
                ),
            )
        self._in_background(self._set_chat_menus(), "telegram-chat-menus")  # start-up goes on

    async def _set_chat_menus(self) -> None:
        roles = [role for role in Role if self._own_menu(role, "vi")]
        try:
            chats = await self.conversation.chats_in_roles(CHANNEL, roles)
        except Exception:
            log.exception("telegram: commanders' chats not read; their menus stay as they were")
            return
        for chat in chats:
            await self._set_chat_commands(chat.chat_id, chat.role, chat.language)

    def _menu(self, language: Language, role: Role | None) -> list[dict[str, str]]:
        """BotCommand objects, as JSON."""
        return [
            {"command": word, "description": description}
            for word, description in self.commands.messenger_menu(language, role)
        ]

    def _own_menu(self, role: Role, language: Language) -> bool:
        """Whether a chat of this role needs a menu of its own (the default lists less)."""
        return self.commands.messenger_menu(language, role) != self.commands.messenger_menu(
            language, None
        )

    async def _set_chat_commands(self, chat_id: str, role: Role, language: Language) -> None:
        """One chat's menu (Telegram's BotCommandScopeChat: Telegram has no scope per role),
        in the language the bot speaks there rather than the client's."""
        scope = {"type": "chat", "chat_id": chat_id}
        listed = self._menu(language, role)
        await self._optional(
            f"setMyCommands(chat {chat_id})",
            lambda: self.client.set_my_commands(listed, scope=scope),
            self.startup_wait,
        )

    def _chat_menu_changed(self, chat_id: str, role: Role, language: Language) -> None:
        """A registration, a link or /lang was committed: a commander's chat gets its menu
        (in the background: the replies do not wait for it)."""
        if self._own_menu(role, language):
            task = asyncio.create_task(self._set_chat_commands(chat_id, role, language))
            self._menu_tasks.add(task)
            task.add_done_callback(self._menu_tasks.discard)

    # Receiving
    async def receive(self) -> None:
        updates, offset = await self.client.get_updates(self._offset, POLL_TIMEOUT, ALLOWED_UPDATES)
        if updates:
            await self.handle_batch(updates)
        if offset is not None:  # unreadable updates (logged, skipped) are confirmed too
            self._offset = offset

    async def after_poll_failure(self, error: Exception) -> PollFailure:
        if isinstance(error, TelegramRetryAfter):
            return PollFailure(wait=error.retry_after)
        if isinstance(error, TelegramUnauthorized):
            log.error("telegram: the token was refused (revoked?); polling stopped")
            return PollFailure(stop=True)
        if isinstance(error, TelegramConflict):
            # A webhook still set (deleteWebhook failed at start-up) refuses every poll:
            # deleted again, or the bot would never hear from Telegram.
            await self._optional("deleteWebhook", self.client.delete_webhook, self.startup_wait)
            return PollFailure(error.message)
        return PollFailure(type(error).__name__)  # an HTML error page from a proxy, a reset

    async def handle_batch(self, updates: list[Update]) -> None:
        """Chats in parallel, each chat's updates in order."""
        by_chat: dict[str, list[Update]] = {}
        for update in updates:
            by_chat.setdefault(_chat_of(update), []).append(update)
        await asyncio.gather(*(self._in_order(chat) for chat in by_chat.values()))

    async def _in_order(self, updates: list[Update]) -> None:
        for update in updates:
            try:
                await self.handle_update(update)
            except Exception:  # one bad update must not stop the others
                log.exception("telegram: update %s failed", update.update_id)

    async def handle_update(self, update: Update) -> None:
        if update.callback_query is not None:
            query_id = update.callback_query.id
            await self._optional(
                "answerCallbackQuery", lambda: self.client.answer_callback_query(query_id)
            )
        chat = _chat_of_update(update)
        if chat is not None and chat.type != "private":
            # One conversation per chat would mix members' answers in a group, and notices
            # would follow a member into the group: private chats only.
            if update.message is not None and update.message.text is not None:
                await self.send(str(chat.id), [Outgoing(text=text("private_only", self.language))])
            return
        await self.answer(update)

    async def to_incoming(self, update: Update) -> Incoming | None:
        key = str(update.update_id)
        if update.callback_query is not None:
            return self._from_callback(update.callback_query, key)
        edited = update.edited_message
        if edited is not None and edited.from_user is not None:
            return Incoming(
                channel=CHANNEL,
                chat_id=str(edited.chat.id),
                user_id=str(edited.from_user.id),
                delivery_key=key,
                problem="edited",
            )
        message = update.message
        if message is None or message.from_user is None:
            return None
        chat, user = str(message.chat.id), str(message.from_user.id)
        base: dict[str, Any] = {
            "channel": CHANNEL,
            "chat_id": chat,
            "user_id": user,
            "delivery_key": key,
            "display_name": message.from_user.full_name,
        }
        if message.text is not None:
            return Incoming(**base, text=message.text)
        if message.location is not None:
            where = message.location
            return Incoming(**base, location=Location(where.latitude, where.longitude))
        if message.photo:
            photo = await self._download_photo(message)
            if photo is None:
                return Incoming(**base, problem="photo_failed")
            return Incoming(**base, photo=photo, caption=message.caption)
        if message.document is not None:
            return await self._from_file(message, message.document, base)
        return Incoming(**base, problem="unsupported")

    async def _from_file(
        self, message: Message, sent: TelegramDocument, base: dict[str, Any]
    ) -> Incoming:
        """A file: a document for a question taking one (its kind told by its bytes there);
        an image sent as a file is a photo as well, for a photo question."""
        mime = sent.mime_type or ""
        image = mime.startswith("image/")
        if image and mime not in IMAGE_DOCUMENTS:
            # A photo sent as a file in a format not read here (an iPhone's HEIC): say how to
            # send it, not that the bot reads no files.
            return Incoming(**base, problem="photo_as_file")
        name, size = sent.file_name or "", sent.file_size or 0
        if size > MAX_DOCUMENT_BYTES:  # told by its size, never downloaded
            return Incoming(**base, document=Document(data=b"", name=name, size=size))
        data = await self._download(sent.file_id, MAX_DOCUMENT_BYTES)
        if data is None:
            return Incoming(**base, problem="photo_failed" if image else "document_failed")
        document = Document(data=data, name=name, size=max(size, len(data)))
        photo = None
        if image_type(data[:16]) is not None:  # told by its bytes, whatever type is claimed
            try:
                checked = photo_from_bytes(data)
            except NotAnImage:  # a bomb or a bare header: kept neither as photo nor document
                return Incoming(**base, problem="photo_failed")
            photo = checked if image and len(data) <= MAX_PHOTO_BYTES else None
        return Incoming(**base, photo=photo, document=document, caption=message.caption)

    async def _download(self, file_id: str, limit: int) -> bytes | None:
        """At most `limit` + 1 bytes of a file (None: it could not be fetched)."""
        try:
            return await self.client.download(file_id, limit)
        except Exception as error:  # never its text: a URL would hold the token
            log.warning("telegram: file download failed: %s", type(error).__name__)
            return None

    def _from_callback(self, query: CallbackQuery, key: str) -> Incoming | None:
        message = query.message
        if message is None or query.data is None:
            return None
        chat = str(message.chat.id)
        return Incoming(
            channel=CHANNEL,
            chat_id=chat,
            user_id=str(query.from_user.id),
            delivery_key=key,
            choice=query.data,
            display_name=query.from_user.full_name,
        )

    async def _download_photo(self, message: Message) -> Photo | None:
        sizes = [p for p in message.photo if (p.file_size or 0) <= MAX_PHOTO_BYTES]
        if not sizes:
            return None
        file_id = max(sizes, key=lambda p: p.width * p.height).file_id
        data = await self._download(file_id, MAX_PHOTO_BYTES)
        if data is None:
            return None
        try:
            return photo_from_bytes(data)
        except NotAnImage:
            return None

    # Webhook
    def parse_update(self, body: bytes) -> Update:
        try:
            return read_update(json.loads(body))
        # not JSON (UTF-8), nested past the stack, or not an update the adapter can read
        except (ValueError, RecursionError):  # NotAnUpdate is a ValueError
            raise HTTPException(400, "not a Telegram update") from None

    # Sending
    async def send(
        self, chat_id: str, replies: list[Outgoing], *, queue_unsent: bool = True
    ) -> bool:
        """Send in order; False if something could not be sent. Replies still unsent after the
        retries (Telegram unreachable) go to the outbox, to be sent when it is back."""
        ordered = [part for reply in merged(replies, MAX_TEXT) for part in _caption_apart(reply)]
        for position, reply in enumerate(ordered):
            if reply.image_url or reply.file_url:
                if await self._send_made_file(chat_id, reply) != "sent":
                    return False
                continue
            pieces = split_text(reply.text, MAX_TEXT)
            for number, piece in enumerate(pieces):
                last = number == len(pieces) - 1
                markup = self._markup(reply, chat_id) if last else None
                outcome = await self._delivered(
                    chat_id,
                    lambda piece=piece, markup=markup: self.client.send_message(  # type: ignore[misc]
                        int(chat_id), piece, markup
                    ),
                )
                if outcome == "failed" and queue_unsent:
                    rest = [
                        replace(reply, text="\n".join(pieces[number:])),
                        *ordered[position + 1 :],
                    ]
                    await self.conversation.queue_for_later(CHANNEL, chat_id, rest)
                if outcome != "sent":
                    return False
        return True

    async def _send_made_file(self, chat_id: str, reply: Outgoing) -> Delivery:
        """A chart or workbook the bot made (served at /files/<token> on the web chat)."""
        caption = reply.text[:MAX_CAPTION]
        return await self._delivered(chat_id, lambda: self._made_file(chat_id, reply, caption))

    async def _made_file(self, chat_id: str, reply: Outgoing, caption: str) -> None:
        token = (reply.image_url or reply.file_url or "").removeprefix("/files/")
        if token not in self._file_ids:
            # A broadcast's photo goes to thousands of chats: uploaded once, then by its id
            # (the chats behind the first upload wait for it instead of uploading it too).
            lock = self._uploading.setdefault(token, asyncio.Lock())
            async with lock:
                if token not in self._file_ids:
                    await self._upload(chat_id, reply, caption, token)
                    self._uploading.pop(token, None)
                    return
        await self._send_file(chat_id, reply, caption, self._file_ids[token])

    async def _upload(self, chat_id: str, reply: Outgoing, caption: str, token: str) -> None:
        found = await self.conversation.file(token, CHANNEL, chat_id)
        if found is None:  # the file is gone (pruned): the text still goes
            if caption:
                await self.client.send_message(int(chat_id), caption)
            return
        name, _, data = found
        file_id = await self._send_file(chat_id, reply, caption, Upload(name, data))
        if file_id is not None:
            if len(self._file_ids) > 1000:
                self._file_ids.clear()
            self._file_ids[token] = file_id

    async def _send_file(
        self, chat_id: str, reply: Outgoing, caption: str, upload: str | Upload
    ) -> str | None:
        """Send a photo or a document; Telegram's id of the file."""
        if reply.image_url:
            return await self.client.send_photo(int(chat_id), upload, caption)
        return await self.client.send_document(int(chat_id), upload, caption)

    def _markup(self, reply: Outgoing, chat_id: str) -> Keyboard | None:
        markup = self._keyboard(reply)
        if markup is not None and "keyboard" in markup:
            if len(self._reply_keyboards) > 100_000:
                self._reply_keyboards.clear()
            self._reply_keyboards.add(chat_id)
        elif markup is None and chat_id in self._reply_keyboards:
            # A location or menu keyboard left up after a typed answer: take it down.
            self._reply_keyboards.discard(chat_id)
            return {"remove_keyboard": True}
        return markup

    def _keyboard(self, reply: Outgoing) -> Keyboard | None:
        """The reply markup in the Bot API's JSON shape (InlineKeyboardMarkup or
        ReplyKeyboardMarkup), or None."""
        if reply.menu and reply.choices:
            labels = [{"text": c.label} for c in reply.choices]
            return {
                "keyboard": [labels[i : i + 2] for i in range(0, len(labels), 2)],
                "resize_keyboard": True,
                "one_time_keyboard": True,
            }
        if reply.choices:
            buttons = [{"text": c.label, "callback_data": c.id} for c in reply.choices]
            narrow = all(len(c.label) <= 18 for c in reply.choices)
            width = 2 if narrow else 1
            return {
                "inline_keyboard": [buttons[i : i + width] for i in range(0, len(buttons), width)]
            }
        if reply.asks_location:
            label = reply.location_label or text("share_location", self.language)
            return {
                "keyboard": [[{"text": label, "request_location": True}]],
                "resize_keyboard": True,
                "one_time_keyboard": True,
            }
        return None

    async def _delivered(self, chat_id: str, call: Callable[[], Awaitable[Any]]) -> Delivery:
        return await self.deliver(chat_id, lambda: self._attempt(chat_id, call))

    async def _attempt(self, chat_id: str, call: Callable[[], Awaitable[Any]]) -> SendResult:
        """One request, tried once: how it ended (the caller decides whether to wait)."""
        try:
            await call()
        except TelegramRetryAfter as error:
            return SendResult(Sent.TOO_FAST, float(error.retry_after))
        except TelegramForbidden:
            return SendResult(Sent.BLOCKED)
        except TelegramBadRequest as error:
            if "chat not found" in error.message.lower():  # the account is gone or never began
                return SendResult(Sent.BLOCKED)
            log.warning("telegram: message refused for %s: %s", chat_id, error)
            return SendResult(Sent.REFUSED)
        except Exception as error:  # network, 5xx, an unreadable answer
            log.info("telegram: sending to %s failed: %s", chat_id, type(error).__name__)
            return SendResult(Sent.LATER)
        return SendResult.ok()

    def pieces(self, chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        """An outbox message as the requests that send it, each tried once when called: the
        outbox paces them, records each one sent and decides about retries."""
        reply = Outgoing.from_dict(payload)
        calls: list[Callable[[], Awaitable[Any]]] = []
        has_file = bool(reply.image_url or reply.file_url)
        caption = reply.text if has_file and len(reply.text) <= MAX_CAPTION else ""
        if not has_file or not caption:
            texts = split_text(reply.text, MAX_TEXT) if reply.text else []
            for number, piece in enumerate(texts):
                # Not _markup: a notice must leave up the keyboard of a conversation under way.
                markup = self._keyboard(reply) if number == len(texts) - 1 else None
                calls.append(
                    lambda piece=piece, markup=markup: self.client.send_message(  # type: ignore[misc]
                        int(chat_id), piece, markup
                    )
                )
        if has_file:
            calls.append(lambda: self._made_file(chat_id, reply, caption))
        return [lambda call=call: self._attempt(chat_id, call) for call in calls]  # type: ignore[misc]


def _caption_apart(reply: Outgoing) -> list[Outgoing]:
    """A photo or file whose text is over Telegram's caption: the text first, then the file
    bare, as the outbox sends it (so a broadcast's preview is what its recipients get)."""
    if not (reply.image_url or reply.file_url) or len(reply.text) <= MAX_CAPTION:
        return [reply]
    return [replace(reply, image_url=None, file_url=None), replace(reply, text="", choices=())]


def _chat_of_update(update: Update) -> Chat | None:
    for message in (update.message, update.edited_message):
        if message is not None:
            return message.chat
    query = update.callback_query
    if query is not None and query.message is not None:
        return query.message.chat
    return None


def _chat_of(update: Update) -> str:
    for message in (update.message, update.edited_message):
        if message is not None:
            return str(message.chat.id)
    if update.callback_query is not None and update.callback_query.message is not None:
        return str(update.callback_query.message.chat.id)
    return f"update-{update.update_id}"


PLUGIN = ChannelPlugin(
    CHANNEL,
    CAPABILITIES,
    configured=lambda settings: bool(settings.telegram.token),
    build=TelegramChannel,
)
