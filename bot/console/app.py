"""The console mounted on the bot's own server: /quanly/ and its static files, the headers
every console response carries, and the doors in and out (a one-time link, log out)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.console.access import (
    COOKIE,
    ROOT,
    Acting,
    Desk,
    Forbidden,
    LoginNeeded,
    Viewer,
    bare,
    cookie_secure,
    desk_of,
    same_origin,
    show,
)
from bot.console.screens import screens
from bot.conversation import Conversation
from bot.limits import too_large
from campaign.catalogs import languages, said
from campaign.roles import Role
from services import console_access, members, review, tips
from services.refusals import Refused
from storage.repository import Repository

STATIC = Path(__file__).resolve().parent / "static"
MAX_FORM_BYTES = 1024 * 1024
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a roster workbook, a plan file, evidence, a photo


_TILE_HOST = re.compile(
    r"(?:[^@/]*@)?(?P<host>[A-Za-z0-9.{}-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>\d{1,5}))?"
)


def tile_source(tiles: str) -> str:
    """The tile server's origin as a CSP source. A CSP wildcard is a whole leftmost label, so
    the label holding `{s}` (Leaflet's subdomains a, b, c) and those left of it become `*`;
    userinfo is left out. Empty when no clean origin can be read (the tiles stay blocked)."""
    parts = urlsplit(tiles)
    found = _TILE_HOST.fullmatch(parts.netloc)
    if parts.scheme not in ("http", "https") or found is None:
        return ""
    labels = found["host"].split(".")
    holding = [i for i, label in enumerate(labels) if "{" in label or "}" in label]
    if holding:
        labels = ["*", *labels[holding[-1] + 1 :]]
        if len(labels) < 3:  # "*" or "*.org": far wider than one tile server
            return ""
    port = f":{found['port']}" if found["port"] else ""
    return f"{parts.scheme}://{'.'.join(labels)}{port}"


def content_policy(tiles: str) -> str:
    """No inline script or style, nothing from another origin but the map's tile server."""
    images = "'self' data: blob:"
    source = tile_source(tiles) if tiles else ""
    if source:
        images += f" {source}"
    return (
        "default-src 'self'; "
        f"img-src {images}; "
        "style-src 'self'; script-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
    )


class ConsoleHeaders:
    """Pure ASGI (the chat's requests pass untouched): headers on every /quanly response."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"cache-control", b"no-store"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith(ROOT):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in {h for h, _ in self.headers}
                ]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)


def body_limit(scope: Scope) -> tuple[int, str] | None:
    """The console's own bounds (asked before the channels'): uploads take files, forms less."""
    path = str(scope.get("path", ""))
    if not path.startswith(ROOT):
        return None
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
    if content_type.startswith(b"multipart/form-data"):
        return MAX_UPLOAD_BYTES, too_large()
    return MAX_FORM_BYTES, too_large()


def _router() -> APIRouter:
    router = APIRouter(prefix=ROOT, include_in_schema=False)

    @router.get("/vao")
    async def login_page(request: Request) -> Response:
        # The token travels in the fragment (#t=…), which no server log or link preview sees;
        # the page's script posts it. A preview bot's GET spends nothing.
        return bare(request, "login.html", _guess_language(request))

    @router.post("/vao")
    async def log_in(request: Request, token: str = Form("", max_length=200)) -> Response:
        desk = desk_of(request)
        if not same_origin(request):
            raise Forbidden(said("console_other_origin"))
        now = desk.now()
        opened = await desk.run(lambda repo: console_access.redeem(repo, token, now))
        if opened is None:
            return bare(
                request,
                "login.html",
                _guess_language(request),
                status_code=400,
                problem=said("console_link_spent"),
            )
        response = RedirectResponse(f"{ROOT}/", status_code=303)
        response.set_cookie(
            COOKIE,
            opened.cookie,
            httponly=True,
            samesite="strict",
            secure=cookie_secure(request, desk),
            path=f"{ROOT}/",
        )
        return response

    @router.post("/thoat")
    async def log_out(request: Request, session: Acting) -> Response:
        desk = desk_of(request)
        now = desk.now()
        await desk.run(lambda repo: console_access.log_out(repo, session, now))
        response = bare(request, "logged_out.html", session.member.language)
        response.delete_cookie(COOKIE, path=f"{ROOT}/")
        return response

    @router.get("/")
    async def home(request: Request, session: Viewer) -> Response:
        member = session.member
        desk = desk_of(request)

        def summary(repo: Repository) -> tuple[int, int | None]:
            waiting = review.waiting(repo, member)
            open_tips = None
            if member.role is Role.OFFICER:
                open_tips = len(tips.open_tips(repo, member, limit=tips.QUEUE))
            return waiting, open_tips

        waiting, open_tips = await desk.run(summary)
        return show(
            request,
            session,
            "home.html",
            waiting=waiting,
            open_tips=open_tips,
            open_tips_more=open_tips is not None and open_tips >= tips.QUEUE,
        )

    @router.post("/ngonngu")
    async def set_language(
        request: Request,
        session: Acting,
        language: str = Form(..., max_length=8),
    ) -> Response:
        if language in languages():
            desk = desk_of(request)
            member = session.member
            await desk.run(lambda repo: members.set_language(repo, member, language))
        back = request.headers.get("referer", "")
        target = urlsplit(back).path if back else f"{ROOT}/"
        return RedirectResponse(target if target.startswith(ROOT) else f"{ROOT}/", 303)

    return router


def _guess_language(request: Request) -> str:
    wanted = request.headers.get("accept-language", "")
    return "en" if wanted.lower().startswith("en") and "en" in languages() else "vi"


def serve_console(app: FastAPI, conversation: Conversation) -> None:
    app.state.console = Desk(conversation)
    app.include_router(_router())
    for screen in screens():
        app.include_router(screen.router, prefix=ROOT)
    app.mount(f"{ROOT}/static", StaticFiles(directory=STATIC), name="console-static")
    app.add_middleware(ConsoleHeaders, policy=content_policy(conversation.settings.map_tiles))

    @app.exception_handler(LoginNeeded)
    async def login_needed(request: Request, _error: LoginNeeded) -> Response:
        return bare(request, "login.html", _guess_language(request), status_code=401, ended=True)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        session = getattr(request.state, "session", None)
        language = session.member.language if session else _guess_language(request)
        return bare(
            request, "refused.html", language, status_code=error.status_code, reason=error.reason
        )

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        session = getattr(request.state, "session", None)
        if session is None:
            language = _guess_language(request)
            return bare(request, "refused.html", language, status_code=403, reason=error.reason)
        return show(request, session, "refused.html", status_code=403, reason=error.reason)
