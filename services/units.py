"""Units and invite codes: the tree of province, communes and teams, and the codes that let
people in. The rules themselves (codes, kinds, the tree, roles fitting units) are checked by
`storage.admin` inside the same unit of work; a refusal is an `AdminError`."""

from __future__ import annotations

from datetime import date, datetime

from campaign.catalogs import said
from campaign.roles import Role
from storage import admin
from storage.unit_of_work import UnitOfWork


def add_unit(
    work: UnitOfWork, *, code: str, name: str, kind: str, parent_code: str | None, now: datetime
) -> tuple[str, str]:
    """A new unit; its code and name as kept (spaces around them dropped)."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise admin.AdminError(said("cli_a_unit_needs_a_code"))
    admin.add_unit(
        work.connection, code=code, name=name, kind=kind.strip(), parent_code=parent_code, now=now
    )
    return code, name


def list_units(work: UnitOfWork, include_closed: bool) -> list[admin.UnitRow]:
    return admin.list_units(work.connection, include_closed)


def rename_unit(work: UnitOfWork, code: str, name: str, now: datetime) -> str:
    """The old name."""
    if not name.strip():
        raise admin.AdminError(said("cli_a_unit_needs_a_name"))
    return admin.rename_unit(work.connection, code, name.strip(), now)


def move_unit(work: UnitOfWork, code: str, parent_code: str, now: datetime) -> None:
    admin.move_unit(work.connection, code, parent_code, now)


def close_unit(work: UnitOfWork, code: str, on: date, now: datetime) -> int:
    """How many unused invite codes were withdrawn with it."""
    return admin.close_unit(work.connection, code, on, now)


def merge_unit(work: UnitOfWork, code: str, into: str, on: date, now: datetime) -> admin.Merged:
    return admin.merge_unit(work.connection, code, into, on, now)


def create_invites(
    work: UnitOfWork, *, unit_code: str, role: Role, count: int, days: int, now: datetime
) -> list[admin.IssuedInvite]:
    return admin.create_invites(
        work.connection, unit_code=unit_code, role=role, count=count, now=now, days=days
    )


def ensure_demo(work: UnitOfWork, now: datetime) -> admin.DemoInvites:
    """The demo units, people, plan and one open code per demo role (made once)."""
    return admin.ensure_demo(work.connection, now)


def demo_at_start(work: UnitOfWork, now: datetime) -> admin.DemoInvites | None:
    """On an empty database, the demo; while the demo units exist, their open codes."""
    conn = work.connection
    if admin.is_empty(conn) or admin.unit_id(conn, admin.DEMO_PROVINCE[0]) is not None:
        return admin.ensure_demo(conn, now)
    return None


def misplaced(work: UnitOfWork, now: datetime) -> list[admin.Misplaced]:
    """Members and open invites whose role does not sit on their unit's kind (made before
    the rule)."""
    return admin.misplaced_rows(work.connection, now)
