"""Who is looking: the console's session cookie, its CSRF token, and the desk every screen
runs its service calls through."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

from fastapi import Depends, Request
from sqlalchemy import Connection
from starlette.responses import HTMLResponse

from bot.console import render
from bot.conversation import Conversation
from campaign.localized import Language, Localized
from services import console_access
from services.console_access import Session
from storage.repository import Repository
from storage.unit_of_work import UnitOfWork

COOKIE = "antt_console"
ROOT = "/quanly"
# A form's fields at most: "decide every waiting entry" carries two per entry (its reference
# and what the page showed of it) for up to review.BULK_LIMIT entries, past Starlette's 1000.
MAX_FORM_FIELDS = 5000
T = TypeVar("T")
log = logging.getLogger(__name__)


class Desk:
    """The console's way to the services: one transaction per call, as a chat turn has."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.settings = conversation.settings
        self.zone = conversation.settings.zone

    def now(self) -> datetime:
        return self.conversation.now()

    def _repository(self, connection: Connection) -> Repository:
        return self.conversation.repository(connection)

    def _work(self, connection: Connection) -> UnitOfWork:
        c = self.conversation
        return UnitOfWork(connection, c.sealer, c.files, c.settings.zone)

    async def run(self, work: Callable[[Repository], T]) -> T:
        """A short call over the turn's ports (Repository)."""
        return await self.conversation.database.run(lambda conn: work(self._repository(conn)))

    async def run_long(self, work: Callable[[Repository], T]) -> T:
        """A long read (an export, a target view): off the event loop on SQLite."""
        return await self.conversation.database.run_long(lambda conn: work(self._repository(conn)))

    async def run_admin(self, work: Callable[[UnitOfWork], T], *, long: bool = False) -> T:
        """A call over a unit of work (the admin services: units, plans, rosters)."""
        database = self.conversation.database
        run = database.run_long if long else database.run
        return await run(lambda conn: work(self._work(conn)))


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.console
    return desk


class LoginNeeded(Exception):
    """No live session: the page says how to get a link (there is no password form)."""


class Forbidden(Exception):
    """A request the console refuses outright (a form without its CSRF token, another
    site's post). `reason` is worded in the viewer's language."""

    def __init__(self, reason: Localized | str, status_code: int = 403) -> None:
        super().__init__(reason if isinstance(reason, str) else reason.vi)
        self.reason = reason
        self.status_code = status_code


async def viewer(request: Request) -> Session:
    """The live session of the request's cookie; the chat's own cookie is never read here."""
    desk = desk_of(request)
    cookie = request.cookies.get(COOKIE, "")
    if not cookie:
        raise LoginNeeded
    now = desk.now()
    session = await desk.run(lambda repo: console_access.current(repo, cookie, now))
    if session is None:
        raise LoginNeeded
    request.state.session = session
    return session


def same_origin(request: Request) -> bool:
    """Whether a post came from a page of this server (or says nothing of where: a browser
    always says, so the CSRF token is what holds)."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if not sent:
        return True
    given = urlsplit(sent)
    host = request.headers.get("host", "")
    if given.netloc == host and given.scheme in ("http", "https"):
        return True
    # An operator whose proxy does not pass the Host header sees why every post fails (the
    # origin only: a referer's path and query may hold what was searched for).
    origin = f"{given.scheme}://{given.netloc}"[:100]
    log.warning("console: refused a post from %r: this server is %r", origin, host[:100])
    return False


Viewer = Annotated[Session, Depends(viewer)]


async def acting(request: Request, session: Viewer) -> Session:
    """A session whose request may change something: same origin, and the form's (or the
    script's header) CSRF token equal to the session's."""
    if not same_origin(request):
        raise Forbidden(_said("console_other_origin"))
    given = request.headers.get("x-csrf-token")
    if given is None:
        # Starlette keeps it: the route reads it again (with this bound, not the default one)
        form = await request.form(max_fields=MAX_FORM_FIELDS)
        value = form.get("csrf")
        given = value if isinstance(value, str) else None
    if not given or not hmac.compare_digest(given.encode(), session.csrf.encode()):
        raise Forbidden(_said("console_csrf"))
    return session


Acting = Annotated[Session, Depends(acting)]
"""A screen's route that changes something takes `session: Acting`; one that reads, `Viewer`."""


def _said(key: str) -> Localized:
    from campaign.catalogs import said

    return said(key)


def cookie_secure(request: Request, desk: Desk) -> bool:
    """Secure when the operator says the site is HTTPS, or the request came over HTTPS."""
    return bool(desk.settings.web_cookie_secure) or request.url.scheme == "https"


def show(
    request: Request,
    session: Session,
    template: str,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A screen's page in the viewer's language, with the navigation their role may use."""
    from bot.console.screens import navigation

    desk = desk_of(request)
    member = session.member
    return render.page(
        template,
        member.language,
        desk.zone,
        {
            "me": member,
            "csrf": session.csrf,
            "nav": navigation(member),
            "here": request.url.path,
            "session_ends": session.expires_at,
            **context,
        },
        status_code=status_code,
    )


def bare(
    request: Request,
    template: str,
    language: Language,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page outside a session (log in, logged out, refused)."""
    desk = desk_of(request)
    return render.page(
        template,
        language,
        desk.zone,
        {"me": None, "csrf": "", "nav": [], "here": request.url.path, **context},
        status_code=status_code,
    )
