"""Getting into the web console without a password: a one-time link asked for in the chat (or
at the shell for the first admin) opens a session bound to that member and role.

The link's token and the session's cookie are secrets held by the person only: the store keeps
their SHA-256 (both are 256-bit random, so a hash cannot be walked back). Every login, logout
and refusal of a used or expired link is audited.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from campaign.catalogs import said
from services.ports import Audited, ConsoleStore, MemberView
from services.refusals import Refused

LINK_LIFETIME = timedelta(minutes=10)
IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often (SQLite's writer)
VIA = ("chat", "cli")


def may_use_console(member: MemberView) -> bool:
    """Commanders (leaders, deputies, officers) and admins; members log in the chat only."""
    return member.role.is_commander


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_link(store: ConsoleStore, member: MemberView, via: str, now: datetime) -> str:
    """A token for a link valid once within LINK_LIFETIME. Refused for a member."""
    if not may_use_console(member):
        raise Refused(said("console_commanders_only"))
    if via not in VIA:
        raise ValueError(via)
    token = secrets.token_urlsafe(32)
    store.add_console_link(secret_hash(token), member, via, now + LINK_LIFETIME, now)
    store.audit(
        Audited("console.link_issued", "members", str(member.id), now, member.id, {"via": via})
    )
    return token


@dataclass(frozen=True)
class Opened:
    """A session just opened: the cookie value to hand to the browser, once."""

    cookie: str
    member: MemberView


def redeem(store: ConsoleStore, token: str, now: datetime) -> Opened | None:
    """Spend a link and open a session; None when refused. Unknown, used and expired links
    are refused alike (the door says `console_link_spent`: nothing tells a guesser which it
    was); a member whose role changed since the link was issued, or who is no longer active,
    is refused too. Returned rather than raised: the refusal's audit line is kept."""
    link = store.take_console_link(secret_hash(token), now) if token else None
    if link is None or link.used_at is not None or link.expires_at <= now:
        if link is not None:
            store.audit(
                Audited(
                    "console.link_refused",
                    "members",
                    str(link.member_id),
                    now,
                    details={"why": "used" if link.used_at is not None else "expired"},
                    actor="web",
                )
            )
        return None
    member = store.active_member(link.member_id)
    if member is None or member.role != link.role or not may_use_console(member):
        return None
    cookie = secrets.token_urlsafe(32)
    store.add_console_session(secret_hash(cookie), member, secrets.token_urlsafe(32), now)
    store.audit(Audited("console.login", "members", str(member.id), now, member.id))
    return Opened(cookie=cookie, member=member)


@dataclass(frozen=True)
class Session:
    """The console's viewer on one request: who, and the CSRF token of their forms."""

    id_hash: str
    member: MemberView
    csrf: str
    expires_at: datetime  # the earlier of the idle and the absolute bound, from now


def current(store: ConsoleStore, cookie: str, now: datetime) -> Session | None:
    """The live session for a cookie, or None (ended, idle too long, too old, or its member
    deactivated or given another role or unit: those end it)."""
    if not cookie or len(cookie) > 100:
        return None
    id_hash = secret_hash(cookie)
    row = store.console_session(id_hash)
    if row is None or row.ended_at is not None:
        return None
    if now - row.last_seen_at > IDLE_LIMIT or now - row.created_at > ABSOLUTE_LIMIT:
        store.end_console_session(id_hash, "expired", now)
        return None
    member = store.active_member(row.member_id)
    if member is None or member.role != row.role or member.unit_id != row.unit_id:
        why = "deactivated" if member is None else "role_changed"
        store.end_console_session(id_hash, why, now)
        store.audit(Audited("console.ended", "members", str(row.member_id), now, None, {"by": why}))
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        store.touch_console_session(id_hash, now)
        seen = now
    else:
        seen = row.last_seen_at
    expires = min(seen + IDLE_LIMIT, row.created_at + ABSOLUTE_LIMIT)
    return Session(id_hash=id_hash, member=member, csrf=row.csrf, expires_at=expires)


def log_out(store: ConsoleStore, session: Session, now: datetime) -> None:
    if store.end_console_session(session.id_hash, "logout", now):
        store.audit(
            Audited("console.logout", "members", str(session.member.id), now, session.member.id)
        )


def replaced(store: ConsoleStore, cookie: str, now: datetime) -> None:
    """A browser that logs in again drops its earlier session: it ends then, not when idle."""
    if cookie and len(cookie) <= 100:
        store.end_console_session(secret_hash(cookie), "replaced", now)


def end_all(store: ConsoleStore, member: MemberView, reason: str, now: datetime) -> int:
    """End every console session of the member (from the chat: `/quanly dangxuat`; or when
    an admin deactivates them or changes their role). How many were open."""
    ended = store.end_member_sessions(member.id, reason, now)
    store.audit(
        Audited(
            "console.ended",
            "members",
            str(member.id),
            now,
            member.id if reason == "chat" else None,
            {"by": reason, "sessions": ended},
        )
    )
    return ended
