"""The console mounted on the bot's own server: /quanly/ and its static files, the headers
every console response carries, and the doors in and out (a one-time link, log out)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import compile_path
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
    viewer,
)
from bot.console.screens import screens
from bot.conversation import Conversation
from bot.limits import too_large
from campaign.catalogs import languages, said
from campaign.roles import Role
from services import console_access, members, review, tips
from services.refusals import NothingToShow, Refused
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

        # The package's own files (the script, the styles, Leaflet) may be kept if checked
        # again (their ETag); every page and every data file is never stored.
        headers = self.headers
        if str(scope.get("path", "")).startswith(f"{ROOT}/static/"):
            headers = [
                (name, b"no-cache" if name == b"cache-control" else value)
                for name, value in self.headers
            ]
        replaced = {name for name, _ in headers}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in replaced
                ]
                message["headers"] = kept + headers
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
        before = request.cookies.get(COOKIE, "")
        opened = await desk.run(lambda repo: console_access.redeem(repo, token, now))
        if opened is not None and before:  # this browser's earlier session ends here
            await desk.run(lambda repo: console_access.replaced(repo, before, now))
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
        return RedirectResponse(_back_to(request), 303)

    return router


def _back_to(request: Request) -> str:
    """The console page the viewer was on (the Referer's path and query: its filters kept),
    if a GET shows it; else its screen's first page (the viewer was on the answer to a post:
    a preview, a form shown again with its problems); else home. Never another site."""
    back = urlsplit(request.headers.get("referer", ""))
    home = f"{ROOT}/"
    if not back.path.startswith(home) or "//" in back.path:
        return home
    query = f"?{back.query}" if back.query else ""
    screen = "/".join(back.path.split("/")[:3])  # /quanly/<screen>
    for path in (back.path, screen):
        if _shown_by_get(request, path):
            return f"{path}{query}"
    return home


@dataclass(frozen=True)
class Address:
    """One console route: its path's pattern, its methods, and whether it holds no parameter."""

    pattern: re.Pattern[str]
    methods: frozenset[str]
    fixed: bool


def _addresses(routers: list[tuple[APIRouter, str]]) -> list[Address]:
    found = []
    for router, prefix in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                pattern, _, _ = compile_path(prefix + route.path)
                methods = frozenset(route.methods or ())
                found.append(Address(pattern, methods, "{" not in route.path))
    return found


def _shown_by_get(request: Request, path: str) -> bool:
    """A GET route answers `path`, and it is not the fixed address of a post (/thongbao/xem
    would otherwise be read as broadcast number "xem")."""
    matching = [a for a in request.app.state.console_addresses if a.pattern.match(path)]
    posted = any(a.fixed and "GET" not in a.methods for a in matching)
    return not posted and any("GET" in a.methods for a in matching)


async def _member_language(request: Request) -> str:
    """The viewer's language for a page of an error no route answered: their session's, if
    the cookie holds a live one; else the browser's."""
    session = getattr(request.state, "session", None)
    if session is None and request.cookies.get(COOKIE):
        try:
            session = await viewer(request)
        except LoginNeeded:
            session = None
    return session.member.language if session else _guess_language(request)


def _guess_language(request: Request) -> str:
    wanted = request.headers.get("accept-language", "")
    return "en" if wanted.lower().startswith("en") and "en" in languages() else "vi"


async def _refused(request: Request, error: Refused) -> Response:
    """A service's refusal, in the viewer's words; an empty state (no plan running) is said
    as information, not as a refusal."""
    session = getattr(request.state, "session", None)
    if isinstance(error, NothingToShow) and session is not None:
        return show(request, session, "nothing.html", reason=error.reason)
    if session is None:
        language = _guess_language(request)
        return bare(request, "refused.html", language, status_code=403, reason=error.reason)
    return show(request, session, "refused.html", status_code=403, reason=error.reason)


class ScreensOnFirstVisit:
    """Pure ASGI: the screens' routes are included at the first request under /quanly, before
    routing it. Importing the screens and building their routes was ~0.15 CPU-s of every
    start, before the first answer, in processes whose console may never be opened."""

    def __init__(self, app: ASGIApp, include: Callable[[], None]) -> None:
        self.app = app
        self.include: Callable[[], None] | None = include

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.include is not None
            and scope["type"] == "http"
            and str(scope.get("path", "")).startswith(ROOT)
        ):
            include, self.include = self.include, None  # once, even if it fails
            include()
        await self.app(scope, receive, send)


def serve_console(app: FastAPI, conversation: Conversation) -> None:
    app.state.console = Desk(conversation)
    doors = _router()
    app.include_router(doors)
    app.state.console_addresses = _addresses([(doors, "")])

    def include_screens() -> None:
        for screen in screens():
            app.include_router(screen.router, prefix=ROOT, include_in_schema=False)
        app.state.console_addresses = _addresses(
            [(doors, ""), *((screen.router, ROOT) for screen in screens())]
        )

    app.mount(f"{ROOT}/static", StaticFiles(directory=STATIC), name="console-static")
    app.add_middleware(ConsoleHeaders, policy=content_policy(conversation.settings.map_tiles))
    app.add_middleware(ScreensOnFirstVisit, include=include_screens)

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

    @app.exception_handler(HTTPException)
    async def http_problem(request: Request, error: HTTPException) -> Response:
        """An address with no page, a method the page does not take, a form too large: a page
        in the viewer's language under /quanly/ (the chat's API keeps its JSON answers)."""
        if not request.url.path.startswith(f"{ROOT}/") or error.status_code < 400:
            return await http_exception_handler(request, error)
        key = {404: "console_review1_not_found", 405: "console_review1_wrong_method"}.get(
            error.status_code, "console_review1_bad_request"
        )
        return await _problem_page(request, key, error.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_address(request: Request, error: RequestValidationError) -> Response:
        if not request.url.path.startswith(f"{ROOT}/"):
            return await request_validation_exception_handler(request, error)
        return await _problem_page(request, "console_review1_bad_request", 400)

    async def _problem_page(request: Request, key: str, status_code: int) -> Response:
        language = await _member_language(request)
        session = getattr(request.state, "session", None)
        shown = {"reason": said(key), "heading": said("console_review1_problem_title")}
        if session is not None:
            return show(request, session, "refused.html", status_code=status_code, **shown)
        return bare(request, "refused.html", language, status_code=status_code, **shown)

    app.add_exception_handler(Refused, _refused)  # type: ignore[arg-type]
