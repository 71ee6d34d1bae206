"""A small Telegram Bot API client over aiohttp: the methods the Telegram adapter calls, and the
few fields of an update it reads, as dataclasses of our own.

aiogram did this before; importing it cost a bot with a Telegram token ~128 MB and ~3.6 CPU-s
at start-up (its 443 `types` modules) for a dozen methods. Requests go out as aiogram sent
them: form fields, lists and objects as JSON, None and empty values left out, a file as
multipart. Answers are judged as it judged them: `parameters.retry_after` first, then the HTTP
status. No error's text quotes a URL (the URL holds the token).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, TypeGuard

import aiohttp

API_BASE = "https://api.telegram.org"
REQUEST_TIMEOUT = 60.0  # seconds for any call (a long poll's own wait is below it)
DOWNLOAD_TIMEOUT = 30.0
DOWNLOAD_CHUNK = 64 * 1024
log = logging.getLogger(__name__)


# Errors
class TelegramError(Exception):
    """A call that failed; `message` is what a log line may say of it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TelegramNetworkError(TelegramError):
    """No answer: the connection failed or the time ran out."""


class TelegramDecodeError(TelegramError):
    """An answer that is no Bot API answer (an HTML page from a proxy, not JSON, no "ok")."""


class TelegramAPIError(TelegramError):
    """Telegram answered "ok": false; `message` is its description."""

    def __init__(self, method: str, status: int, description: str) -> None:
        super().__init__(description or f"{method}: HTTP {status}")
        self.method, self.status = method, status


class TelegramRetryAfter(TelegramAPIError):
    """429 (or any refusal naming a wait): nothing is taken for `retry_after` seconds."""

    def __init__(self, method: str, status: int, description: str, retry_after: float) -> None:
        super().__init__(method, status, description)
        self.retry_after = retry_after


class TelegramBadRequest(TelegramAPIError):  # 400
    pass


class TelegramUnauthorized(TelegramAPIError):  # 401: the token was refused
    pass


class TelegramForbidden(TelegramAPIError):  # 403: the user blocked the bot, or left
    pass


class TelegramConflict(TelegramAPIError):  # 409: a webhook is set, getUpdates refused
    pass


class TelegramServerError(TelegramAPIError):  # 5xx
    pass


_BY_STATUS: dict[int, type[TelegramAPIError]] = {
    400: TelegramBadRequest,
    401: TelegramUnauthorized,
    403: TelegramForbidden,
    409: TelegramConflict,
}


# What the adapter reads of an update
class NotAnUpdate(ValueError):
    """An update, or a part the adapter reads, not in the Bot API's shape. Its text names the
    field only, never a value (a value can be what a member typed)."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    first_name: str
    last_name: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(frozen=True, slots=True)
class Chat:
    id: int
    type: str


@dataclass(frozen=True, slots=True)
class PhotoSize:
    file_id: str
    width: int
    height: int
    file_size: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Message:
    chat: Chat
    from_user: User | None = None
    text: str | None = None
    caption: str | None = None
    photo: tuple[PhotoSize, ...] = ()
    document: Document | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class CallbackQuery:
    id: str
    from_user: User
    message: Message | None = None  # None when the message is too old for Telegram to give
    data: str | None = None


@dataclass(frozen=True, slots=True)
class Update:
    update_id: int
    message: Message | None = None
    edited_message: Message | None = None
    callback_query: CallbackQuery | None = None


def read_update(data: Any) -> Update:
    """An update as the adapter reads it; fields it does not read are not looked at.
    NotAnUpdate when a field it reads is missing or of another type."""
    body = _object(data, "update")
    return Update(
        update_id=_int(body, "update_id", "update"),
        message=_message(body, "message"),
        edited_message=_message(body, "edited_message"),
        callback_query=_callback_query(body),
    )


def read_updates(data: Any) -> tuple[list[Update], int | None]:
    """getUpdates' result: the updates read, and the offset that confirms them all, those
    skipped included (an update the adapter cannot read would otherwise come back forever)."""
    if not isinstance(data, list):
        raise TelegramDecodeError("getUpdates: the result is not a list")
    updates: list[Update] = []
    highest: int | None = None
    for item in data:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if _is_int(update_id):
            highest = update_id if highest is None else max(highest, update_id)
        try:
            updates.append(read_update(item))
        except NotAnUpdate as error:
            log.warning("telegram: update %s skipped, not readable: %s", update_id, error)
    if data and highest is None:  # none can be confirmed: refused as a whole, polled again
        raise TelegramDecodeError("getUpdates: no update_id in the result")
    return updates, None if highest is None else highest + 1


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise NotAnUpdate(f"{where} is not an object")
    return value


def _int(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not _is_int(value):
        raise NotAnUpdate(f"{where}.{key} is not an integer")
    return value


def _str(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise NotAnUpdate(f"{where}.{key} is not a string")
    return value


def _number(data: dict[str, Any], key: str, where: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise NotAnUpdate(f"{where}.{key} is not a number")
    return float(value)


def _optional_int(data: dict[str, Any], key: str, where: str) -> int | None:
    return None if data.get(key) is None else _int(data, key, where)


def _optional_str(data: dict[str, Any], key: str, where: str) -> str | None:
    return None if data.get(key) is None else _str(data, key, where)


def _user(data: dict[str, Any], key: str, where: str) -> User:
    body, at = _object(data.get(key), f"{where}.{key}"), f"{where}.{key}"
    return User(
        id=_int(body, "id", at),
        first_name=_str(body, "first_name", at),
        last_name=_optional_str(body, "last_name", at),
    )


def _message(data: dict[str, Any], key: str, where: str = "update") -> Message | None:
    if data.get(key) is None:
        return None
    at = f"{where}.{key}"
    body = _object(data[key], at)
    chat = _object(body.get("chat"), f"{at}.chat")
    photos = body.get("photo")
    if photos is not None and not isinstance(photos, list):
        raise NotAnUpdate(f"{at}.photo is not a list")
    return Message(
        chat=Chat(id=_int(chat, "id", f"{at}.chat"), type=_str(chat, "type", f"{at}.chat")),
        from_user=None if body.get("from") is None else _user(body, "from", at),
        text=_optional_str(body, "text", at),
        caption=_optional_str(body, "caption", at),
        photo=tuple(_photo_size(p, f"{at}.photo") for p in photos or ()),
        document=_document(body, at),
        location=_location(body, at),
    )


def _photo_size(value: Any, where: str) -> PhotoSize:
    body = _object(value, where)
    return PhotoSize(
        file_id=_str(body, "file_id", where),
        width=_int(body, "width", where),
        height=_int(body, "height", where),
        file_size=_optional_int(body, "file_size", where),
    )


def _document(data: dict[str, Any], where: str) -> Document | None:
    if data.get("document") is None:
        return None
    at = f"{where}.document"
    body = _object(data["document"], at)
    return Document(
        file_id=_str(body, "file_id", at),
        file_name=_optional_str(body, "file_name", at),
        mime_type=_optional_str(body, "mime_type", at),
        file_size=_optional_int(body, "file_size", at),
    )


def _location(data: dict[str, Any], where: str) -> Location | None:
    if data.get("location") is None:
        return None
    at = f"{where}.location"
    body = _object(data["location"], at)
    return Location(_number(body, "latitude", at), _number(body, "longitude", at))


def _callback_query(data: dict[str, Any]) -> CallbackQuery | None:
    if data.get("callback_query") is None:
        return None
    at = "update.callback_query"
    body = _object(data["callback_query"], at)
    return CallbackQuery(
        id=_str(body, "id", at),
        from_user=_user(body, "from", at),
        # A message too old to be given comes as InaccessibleMessage: its chat is still there.
        message=_message(body, "message", at),
        data=_optional_str(body, "data", at),
    )


# The client
@dataclass(frozen=True)
class Upload:
    """A file sent with its request (multipart), not by its id."""

    name: str
    data: bytes


def form_fields(fields: dict[str, Any]) -> dict[str, str]:
    """A method's parameters as aiogram put them in a form: strings as they are, anything else
    as JSON (Python's defaults: ASCII, ", " and ": "), None and empty strings left out."""
    form: dict[str, str] = {}
    for key, value in fields.items():
        if value is None:
            continue
        encoded = value if isinstance(value, str) else json.dumps(value)
        if encoded:
            form[key] = encoded
    return form


class TelegramClient:
    def __init__(self, token: str, base_url: str = "") -> None:
        base = (base_url or API_BASE).rstrip("/")
        self._methods = f"{base}/bot{token}/"
        self._files = f"{base}/file/bot{token}/"
        self._session: aiohttp.ClientSession | None = None
        self._username: str | None = None

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # No proxy from the environment, as aiogram's session took none.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=3600)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def call(
        self,
        method: str,
        fields: dict[str, Any] | None = None,
        *,
        upload: tuple[str, Upload] | None = None,
        timeout: float = REQUEST_TIMEOUT,
    ) -> Any:
        """One method; its result, or the error its answer means."""
        form = form_fields(fields or {})
        data: aiohttp.FormData | dict[str, str] = form
        if upload is not None:
            field, sent = upload
            # quote_fields=False: a Vietnamese file name goes as UTF-8, as aiogram sent it.
            data = aiohttp.FormData(quote_fields=False)
            for key, value in form.items():
                data.add_field(key, value)
            data.add_field(field, sent.data, filename=sent.name)
        session = await self.session()
        try:
            async with session.post(
                self._methods + method, data=data, timeout=aiohttp.ClientTimeout(total=timeout)
            ) as response:
                status, raw = response.status, await response.read()
        except TimeoutError:
            raise TelegramNetworkError(f"{method}: no answer in time") from None
        except aiohttp.ClientError as error:  # its text may quote the URL, and so the token
            raise TelegramNetworkError(f"{method}: {type(error).__name__}") from None
        return _result(method, status, raw)

    # The methods the adapter calls
    async def username(self) -> str | None:
        """The bot's username (getMe), asked once."""
        if self._username is None:
            me = await self.call("getMe")
            if not isinstance(me, dict):
                raise TelegramDecodeError("getMe: the result is not a user")
            name = me.get("username")
            self._username = name if isinstance(name, str) else ""
        return self._username or None

    async def get_updates(
        self, offset: int | None, timeout: int, allowed_updates: list[str]
    ) -> tuple[list[Update], int | None]:
        """The updates after `offset` (waiting up to `timeout` s for one), and the next offset."""
        result = await self.call(
            "getUpdates",
            {"offset": offset, "timeout": timeout, "allowed_updates": allowed_updates},
        )
        return read_updates(result)

    async def set_webhook(self, url: str, secret_token: str, allowed_updates: list[str]) -> None:
        await self.call(
            "setWebhook",
            {"url": url, "secret_token": secret_token, "allowed_updates": allowed_updates},
        )

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")

    async def set_my_commands(
        self,
        commands: list[dict[str, str]],
        *,
        scope: dict[str, Any] | None = None,
        language_code: str | None = None,
    ) -> None:
        await self.call(
            "setMyCommands",
            {"commands": commands, "scope": scope, "language_code": language_code},
        )

    async def send_message(
        self, chat_id: int, text: str, reply_markup: dict[str, Any] | None = None
    ) -> None:
        await self.call(
            "sendMessage", {"chat_id": chat_id, "text": text, "reply_markup": reply_markup}
        )

    async def send_photo(self, chat_id: int, photo: str | Upload, caption: str) -> str | None:
        """A photo by Telegram's id or uploaded; Telegram's id of it (its largest size)."""
        sent = await self._send_file("sendPhoto", "photo", chat_id, photo, caption)
        sizes = sent.get("photo") if isinstance(sent, dict) else None
        last = sizes[-1] if isinstance(sizes, list) and sizes else None
        file_id = last.get("file_id") if isinstance(last, dict) else None
        return file_id if isinstance(file_id, str) else None

    async def send_document(self, chat_id: int, document: str | Upload, caption: str) -> str | None:
        sent = await self._send_file("sendDocument", "document", chat_id, document, caption)
        found = sent.get("document") if isinstance(sent, dict) else None
        file_id = found.get("file_id") if isinstance(found, dict) else None
        return file_id if isinstance(file_id, str) else None

    async def _send_file(
        self, method: str, field: str, chat_id: int, file: str | Upload, caption: str
    ) -> Any:
        fields: dict[str, Any] = {"chat_id": chat_id, "caption": caption}
        if isinstance(file, str):
            return await self.call(method, {**fields, field: file})
        return await self.call(method, fields, upload=(field, file))

    async def answer_callback_query(self, query_id: str) -> None:
        await self.call("answerCallbackQuery", {"callback_query_id": query_id})

    async def download(self, file_id: str, limit: int) -> bytes:
        """A file's first `limit` + 1 bytes at most (getFile, then the file itself): a caller
        told of one byte more knows the file is over its limit, without reading the rest."""
        found = await self.call("getFile", {"file_id": file_id})
        path = found.get("file_path") if isinstance(found, dict) else None
        if not isinstance(path, str) or not path:  # over the Bot API's 20 MB it has none
            raise TelegramDecodeError("getFile: no file_path")
        session = await self.session()
        data = bytearray()
        try:
            async with session.get(
                self._files + path, timeout=aiohttp.ClientTimeout(total=DOWNLOAD_TIMEOUT)
            ) as response:
                if response.status != 200:
                    raise TelegramNetworkError(f"file download: HTTP {response.status}")
                async for chunk in response.content.iter_chunked(DOWNLOAD_CHUNK):
                    data += chunk
                    if len(data) > limit:
                        break
        except TimeoutError:
            raise TelegramNetworkError("file download: no answer in time") from None
        except aiohttp.ClientError as error:
            raise TelegramNetworkError(f"file download: {type(error).__name__}") from None
        return bytes(data[: limit + 1])


def _result(method: str, status: int, raw: bytes) -> Any:
    """The result of a Bot API answer, or the error it means."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON (an HTML page), or nested past the stack
        raise TelegramDecodeError(f"{method}: the answer is not JSON (HTTP {status})") from None
    if not isinstance(body, dict) or not isinstance(body.get("ok"), bool):
        raise TelegramDecodeError(f"{method}: the answer is no Bot API answer (HTTP {status})")
    if 200 <= status <= 226 and body["ok"]:
        return body.get("result")
    description = body.get("description")
    description = description if isinstance(description, str) else ""
    parameters = body.get("parameters")
    retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
    if isinstance(retry_after, int | float) and not isinstance(retry_after, bool) and retry_after:
        raise TelegramRetryAfter(method, status, description, float(retry_after))
    if status >= 500:
        raise TelegramServerError(method, status, description)
    raise _BY_STATUS.get(status, TelegramAPIError)(method, status, description)
