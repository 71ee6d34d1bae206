"""The built-in web chat: a mobile-first page and its JSON API.

A session cookie (HttpOnly, SameSite=Strict) identifies the chat; the chat id stored is an
HMAC of the cookie, so the database alone cannot be used to take over a session.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from starlette.types import Scope

from bot.channels.base import ChannelPlugin, OutboxLane
from bot.channels.common import disposition
from bot.channels.declared import BUILT_IN, WEB
from bot.channels.photos import MAX_PHOTO_BYTES, NotAnImage, image_type, photo_from_bytes
from bot.conversation import Conversation
from bot.web.page_texts import page_texts_script
from campaign import documents
from campaign.catalogs import DEFAULT_LANGUAGE, text
from campaign.localized import Language
from handlers.messages import Document, Incoming, Location, Outgoing, Photo
from handlers.steps import MAX_TEXT

CHANNEL = WEB
COOKIE = "antt_session"
MAX_JSON_BYTES = 256 * 1024
MAX_DOCUMENT_BYTES = documents.DEFAULT_LIMIT
# the photo or document and its form's few small fields
MAX_UPLOAD_BYTES = max(MAX_PHOTO_BYTES, MAX_DOCUMENT_BYTES) + 64 * 1024
# What the API takes; the chat itself takes MAX_TEXT characters and says so of a longer text,
# and the page (told MAX_TEXT in every answer) counts down to it before sending.
MAX_TYPED = 20_000
MAX_MESSAGE_ID = 2**31 - 1  # the widest id a message has (a 32-bit column on PostgreSQL)
MESSAGE_ID = r"^[A-Za-z0-9_\-]+$"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
CAPABILITIES = BUILT_IN[CHANNEL]
CHAT_IDS_KEPT = 10_000  # chat ids of recent session cookies (~2 MB at most)
log = logging.getLogger(__name__)


def _no_nul(value: str | None) -> str | None:
    # PostgreSQL cannot store a NUL character in text: refused here, not failing there.
    if value is not None and "\x00" in value:
        raise ValueError(_refusal("web_nul_character"))
    return value


Typed = Annotated[str | None, AfterValidator(_no_nul)]
MessageId = Annotated[str, StringConstraints(max_length=100, pattern=MESSAGE_ID)]
_MESSAGE_ID = TypeAdapter(MessageId)  # the multipart form's, checked as the JSON body's


class LocationIn(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class MessageIn(BaseModel):
    """Exactly one of text, choice or location. `message_id` makes a retry safe."""

    text: Typed = Field(default=None, max_length=MAX_TYPED)
    choice: Typed = Field(default=None, max_length=100)
    location: LocationIn | None = None
    message_id: MessageId | None = None


class ChoiceOut(BaseModel):
    id: str
    label: str


class MessageOut(BaseModel):
    id: int
    text: str
    choices: list[ChoiceOut]
    image_url: str | None = None
    file_url: str | None = None
    from_user: bool = False
    client_id: str | None = None
    asks_location: bool = False
    asks_document: bool = False


class MessagesOut(BaseModel):
    messages: list[MessageOut]
    language: Language = Field(description="The chat's language: the page's own texts")
    max_text: int = Field(MAX_TEXT, description="The longest text answer the chat takes")
    max_document: int = Field(
        MAX_DOCUMENT_BYTES, description="The largest file (bytes) a document question takes"
    )


def _out(messages: list[Outgoing], language: Language) -> MessagesOut:
    return MessagesOut(
        language=language,
        messages=[
            MessageOut(
                id=m.id or 0,
                text=m.text,
                choices=[ChoiceOut(id=c.id, label=c.label) for c in m.choices],
                image_url=m.image_url,
                file_url=m.file_url,
                from_user=m.from_user,
                client_id=m.client_id,
                asks_location=m.asks_location,
                asks_document=m.asks_document,
            )
            for m in messages
        ],
    )


class WebChat:
    name = CHANNEL
    capabilities = CAPABILITIES

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        settings = conversation.settings
        self.secure_cookie = settings.web_cookie_secure
        self.secret = settings.secret_key.encode("utf-8")
        self._chat_ids: dict[str, str] = {}  # session cookie -> chat id

    # The plugin's side (bot.channels.base.ChannelAdapter): always served, nothing to start.
    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    def serve_on(self, app: FastAPI) -> None:
        app.include_router(self.router())
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def body_limit(self, scope: Scope) -> tuple[int, str]:
        """Any path the other channels do not claim (this plugin is asked last)."""
        return body_limit(scope)

    def outbox_lane(self) -> OutboxLane | None:
        return None  # a mailbox: the page reads its rows

    def hold_back_with(self, pause: Callable[[float], None]) -> None:
        pass  # no messenger to ask for a wait

    def chat_id(self, token: str) -> str:
        # Kept for the chats writing now: the HMAC was ~3% of a message's CPU under load.
        found = self._chat_ids.get(token)
        if found is None:
            if len(self._chat_ids) >= CHAT_IDS_KEPT:
                self._chat_ids.clear()
            found = hmac.new(self.secret, token.encode("utf-8"), hashlib.sha256).hexdigest()[:40]
            self._chat_ids[token] = found
        return found

    def session(self, request: Request, response: Response) -> str:
        token = request.cookies.get(COOKIE)
        if not token or len(token) > 100:
            token = secrets.token_urlsafe(32)
            response.set_cookie(
                COOKIE,
                token,
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="strict",
                secure=self.secure_cookie,
                path="/",
            )
        return self.chat_id(token)

    def same_origin(self, request: Request) -> None:
        """Refuse a state-changing request sent by a page of another origin (another site, or
        another port of this host): the session cookie would go with it. Browsers send Origin
        on every cross-origin POST, so a request without Origin or Referer is not a page's."""
        sent = request.headers.get("origin", request.headers.get("referer"))
        if sent is None:
            return
        host = request.headers.get("host", "")
        own = {_origin(f"{request.url.scheme}://{host}")}
        if self.secure_cookie:  # served behind an HTTPS proxy that may not say so
            own.add(_origin(f"https://{host}"))
        given = _origin(sent)
        if not given or given not in own:
            # An operator whose proxy does not pass the Host header sees why every post fails.
            log.warning("web: refused a post from %r: this server is %s", sent[:100], sorted(own))
            raise HTTPException(403, _refusal("web_other_origin"))

    def router(self) -> APIRouter:
        api = APIRouter()

        # The chat's own POST first: every request is matched against the routes in order.
        @api.post(
            "/api/web/messages",
            response_model=MessagesOut,
            summary="Send a message to the bot; the answer holds its replies",
            openapi_extra={
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/MessageIn"}},
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "photo": {"type": "string", "format": "binary"},
                                    "document": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "PDF, DOCX, XLSX or an image, instead "
                                        "of a photo, for a question taking a document",
                                    },
                                    "message_id": {
                                        "type": "string",
                                        "maxLength": 100,
                                        "pattern": MESSAGE_ID,
                                    },
                                },
                                "minProperties": 1,
                            }
                        },
                    },
                }
            },
        )
        async def post_message(request: Request, response: Response) -> MessagesOut:
            self.same_origin(request)  # before the body is read
            chat = self.session(request, response)
            incoming = await self._incoming(request, chat)
            replies, language = await self.conversation.handle_in_language(
                incoming, keep_history=True
            )
            if language is None:  # the turn failed: the language it left is read again
                language = await self.conversation.chat_language(CHANNEL, chat)
            return _out(replies, language)

        @api.get("/", include_in_schema=False)
        async def page() -> FileResponse:
            return FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)

        @api.get("/page-texts.js", include_in_schema=False)
        async def texts() -> Response:
            # The page's own texts in every offered language (the catalogs' page.ftl).
            script = page_texts_script()
            return Response(script, media_type="text/javascript", headers=_PAGE_HEADERS)

        @api.get("/favicon.ico", include_in_schema=False)
        async def favicon() -> FileResponse:
            return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers=_ICON)

        @api.get("/manifest.webmanifest", include_in_schema=False)
        async def manifest() -> FileResponse:
            # Its own content type: what lets a phone add the chat to its home screen.
            return FileResponse(
                STATIC / "manifest.webmanifest",
                media_type="application/manifest+json",
                headers=_ICON,
            )

        @api.get("/files/{token}", include_in_schema=False)
        async def made_file(token: str, request: Request, response: Response) -> Response:
            chat = self.session(request, response)
            found = await self.conversation.file(token[:64], CHANNEL, chat)
            if found is None:  # not this chat's: the same answer as for no file at all
                raise HTTPException(404, _refusal("web_no_such_file"))
            name, content_type, data = found
            kind = "inline" if content_type.startswith("image/") else "attachment"
            return Response(
                data,
                media_type=content_type,
                headers={
                    "Content-Disposition": disposition(kind, name),
                    # A document (a member's own data, a workbook of names) is kept by no
                    # cache; a chart or photo may be, by this browser only.
                    "Cache-Control": "private, max-age=3600" if kind == "inline" else "no-store",
                    "X-Content-Type-Options": "nosniff",
                },
            )

        @api.get(
            "/api/web/messages",
            response_model=MessagesOut,
            summary="Messages of this chat after the given id (history, notices)",
        )
        async def get_messages(
            request: Request,
            response: Response,
            after: Annotated[int, Query(ge=0, le=MAX_MESSAGE_ID)] = 0,
        ) -> MessagesOut:
            chat = self.session(request, response)
            return _out(*await self.conversation.history(CHANNEL, chat, after))

        return api

    async def _incoming(self, request: Request, chat: str) -> Incoming:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            return await self._photo_message(request, chat)
        if not content_type.startswith("application/json"):
            raise HTTPException(415, _refusal("web_json_or_form"))
        body = await request.body()
        if len(body) > MAX_JSON_BYTES:
            raise HTTPException(413, _refusal("web_message_too_large"))
        try:
            message = MessageIn.model_validate_json(body)
        except ValidationError as error:
            raise HTTPException(422, _first_error(error)) from None
        given = [v for v in (message.text, message.choice, message.location) if v is not None]
        if len(given) != 1:
            raise HTTPException(422, _refusal("web_exactly_one"))
        location = message.location
        return Incoming(
            channel=CHANNEL,
            chat_id=chat,
            user_id=chat,
            delivery_key=message.message_id or uuid.uuid4().hex,
            text=message.text,
            choice=message.choice,
            location=Location(location.latitude, location.longitude) if location else None,
            client_address=request.client.host if request.client else None,
        )

    def _as_photo(self, data: bytes) -> Photo:
        try:
            return photo_from_bytes(data)
        except NotAnImage:
            raise HTTPException(415, _refusal("web_unreadable_photo")) from None

    async def _photo_message(self, request: Request, chat: str) -> Incoming:
        form = await request.form(max_files=1, max_fields=4)
        sent: Any = form.get("document")
        document = None
        if sent is not None and not isinstance(sent, str):
            # Read up to the limit only: a bigger file is told its size by the chat, unread.
            data = await sent.read(MAX_DOCUMENT_BYTES + 1)
            size = max(len(data), sent.size or 0)
            kept = data if size <= MAX_DOCUMENT_BYTES else b""
            if image_type(kept[:16]) is not None:
                # an image is opened on a commander's phone: decoded as a photo is (no bomb,
                # no bare header with anything behind it)
                self._as_photo(kept)
            document = Document(data=kept, name=str(sent.filename or ""), size=size)
        upload: Any = form.get("photo")
        if document is None and (upload is None or isinstance(upload, str)):
            raise HTTPException(422, _refusal("web_photo_missing"))
        photo = None
        if document is None:
            data = await upload.read(MAX_PHOTO_BYTES + 1)
            if len(data) > MAX_PHOTO_BYTES:
                raise HTTPException(413, _refusal("web_photo_too_large"))
            photo = self._as_photo(data)
        message_id = form.get("message_id")
        if message_id not in (None, ""):
            try:
                _MESSAGE_ID.validate_python(message_id)
            except ValidationError:
                raise HTTPException(422, _refusal("web_message_id_shape")) from None
        key = message_id if isinstance(message_id, str) and message_id else uuid.uuid4().hex
        return Incoming(
            channel=CHANNEL,
            chat_id=chat,
            user_id=chat,
            delivery_key=key,
            photo=photo,
            document=document,
        )


def body_limit(scope: Scope) -> tuple[int, str]:
    """The largest body the web chat reads, and what its refusal says (bot.limits)."""
    for name, value in scope["headers"]:
        if name == b"content-type" and value.startswith(b"multipart/form-data"):
            return MAX_UPLOAD_BYTES, _refusal("web_upload_too_large")
    return MAX_JSON_BYTES, _refusal("web_message_too_large")


def _refusal(key: str) -> str:
    """What the API answers a request it refuses, in the default language (Vietnamese): a
    refused request is answered before its chat, and so its language, is looked up."""
    return text(key, DEFAULT_LANGUAGE)


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, without the scheme's default port; "" if
    it has none (`Origin: null` from a sandboxed or no-referrer page among them)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in ("http", "https") or not host:
        return ""
    if ":" in host:
        host = f"[{host}]"
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}"


_ICON = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}

# The page runs our script only; user text is inserted as text nodes, never as HTML.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: under it the Fetch standard has a POST to the page's own origin carry
    # `Origin: null`, which the Origin check refuses. same-origin sends nothing to other sites.
    "Referrer-Policy": "same-origin",
}


PLUGIN = ChannelPlugin(CHANNEL, CAPABILITIES, configured=lambda _settings: True, build=WebChat)
