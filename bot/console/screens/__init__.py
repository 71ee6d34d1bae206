"""The console's screens: each a module with a router and its entry in SCREENS.

The navigation shows a screen to whom `shown_to` says; that is a convenience, never the
permission: every route calls its service, which refuses what the viewer may not do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from fastapi import APIRouter

from campaign.roles import Role
from services.ports import MemberView


@dataclass(frozen=True)
class Screen:
    path: str  # under /quanly/
    label: str  # catalog key of its navigation item
    shown_to: Callable[[MemberView], bool]
    router: APIRouter


def admins(member: MemberView) -> bool:
    return member.role is Role.ADMIN


def commanders(member: MemberView) -> bool:
    return member.role.is_commander


# One line per screen module (bot/console/screens/<name>.py, which defines SCREEN); the
# order is the navigation's.
SCREEN_MODULES: tuple[str, ...] = (
    "entries",
    "tips",
    "map",
    "standings",
    "targets",
    "deadlines",
    "reports",
    "broadcasts",
    "units",
    "members",
    "invites",
    "files_roster",
    "files_plans",
    "files_audit",
    "erasures",
)


@cache
def screens() -> tuple[Screen, ...]:
    return tuple(
        importlib.import_module(f"bot.console.screens.{name}").SCREEN for name in SCREEN_MODULES
    )


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str


def navigation(member: MemberView) -> list[NavItem]:
    return [
        NavItem(f"/quanly/{screen.path}", screen.label)
        for screen in screens()
        if screen.shown_to(member)
    ]
