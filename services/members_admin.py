"""An admin keeps the members of their subtree (the console's members screen): lists and
searches them, changes a role or a team, deactivates someone; and lists the open invites.

Every act is refused outside the admin's subtree (`services.units.admin`), audited with the
admin as actor, and told to the member in their chat. A changed role or team, or a
deactivation, ends the member's console sessions (their role and unit are bound to them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from campaign.catalogs import said, text
from campaign.collation import person_key, vietnamese_key
from campaign.normalize import fold
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from services import console_access
from services.ports import (
    Audited,
    InviteRow,
    MemberAdminStore,
    MemberChat,
    MemberRow,
    MemberView,
    UnitAuditStore,
)
from services.refusals import Refused
from services.units import Admin, OutOfReach, admin, check_placement, open_unit

STATES = ("active", "inactive", "unregistered")
ORDERS = ("name", "unit", "role")
INVITE_ORDERS = ("issued", "unit", "expires", "name")


@dataclass(frozen=True)
class MemberQuery:
    """What the members table is narrowed to; empty: any."""

    text: str = ""  # words of the name or the phone, marks and case aside
    unit_code: str = ""  # a unit of the admin's subtree, with everything under it
    role: Role | None = None
    state: str = ""  # one of STATES
    order: str = "name"  # one of ORDERS


@dataclass(frozen=True)
class Changed:
    """A member after an admin's change, and their chats (a messenger's menu follows the
    role)."""

    member: MemberRow
    chats: list[MemberChat]


def members(
    store: MemberAdminStore, units: UnitAuditStore, viewer: MemberView, query: MemberQuery
) -> list[MemberRow]:
    """The members of the admin's subtree (or of one unit of it) matching the query."""
    by = admin(units, viewer)
    within = _within(units, by, query.unit_code)
    rows = store.members_within(within)
    wanted = fold(query.text)
    if wanted:
        rows = [r for r in rows if wanted in fold(r.full_name) or wanted in (r.phone or "")]
    if query.role is not None:
        rows = [r for r in rows if r.role is query.role]
    if query.state == "active":
        rows = [r for r in rows if r.active]
    elif query.state == "inactive":
        rows = [r for r in rows if not r.active]
    elif query.state == "unregistered":
        rows = [r for r in rows if r.active and not r.registered]
    if query.order == "unit":
        return sorted(rows, key=lambda r: (r.unit_code, person_key(r.full_name), r.id))
    if query.order == "role":
        rank = {role: n for n, role in enumerate(reversed(Role))}
        return sorted(rows, key=lambda r: (rank[r.role], person_key(r.full_name), r.id))
    return sorted(rows, key=lambda r: (person_key(r.full_name), r.id))


def open_invites(
    store: MemberAdminStore,
    units: UnitAuditStore,
    viewer: MemberView,
    now: datetime,
    *,
    unit_code: str = "",
    role: Role | None = None,
    batch: datetime | None = None,
    order: str = "issued",
) -> list[InviteRow]:
    """Unused, unexpired invites of the admin's subtree (or of one unit of it, one role, or
    one batch: those issued together at that moment), oldest first or in `order`
    (INVITE_ORDERS)."""
    by = admin(units, viewer)
    found = store.invites_within(_within(units, by, unit_code), now)
    if role is not None:
        found = [i for i in found if i.role is role]
    if batch is not None:
        found = [i for i in found if i.created_at == batch]
    if order == "unit":
        found.sort(key=lambda i: (vietnamese_key(i.unit_name), i.unit_code))
    elif order == "expires":
        found.sort(key=lambda i: i.expires_at)
    elif order == "name":  # rostered people first, by name; open codes after
        found.sort(key=lambda i: (i.full_name is None, person_key(i.full_name or "")))
    return found


def change_role(
    store: MemberAdminStore,
    units: UnitAuditStore,
    viewer: MemberView,
    member_id: int,
    role: Role,
    now: datetime,
) -> Changed:
    """Give the member another role that fits their unit's kind; they are told, and their
    console sessions end."""
    by = admin(units, viewer)
    row = _member(store, units, by, member_id)
    if row.role is role:
        raise Refused(said("console_people_same_role", name=row.full_name))
    check_placement(units, row.unit_id, role)
    by.may_grant(role, row.unit_id)
    store.set_member_role(row.id, role)
    changed = _reread(store, row.id)
    _tell(store, changed, "console_people_told_role", now, role=role.value, unit=row.unit_name)
    console_access.end_all(store, changed.view(), "role_changed", now)
    details = {"from": row.role.value, "to": role.value}
    _audit(store, by, "member.role_changed", row, details, now)
    return Changed(changed, store.member_chats(row.id))


def move_member(
    store: MemberAdminStore,
    units: UnitAuditStore,
    viewer: MemberView,
    member_id: int,
    unit_code: str,
    now: datetime,
) -> Changed:
    """Move the member to another open unit of the admin's subtree whose kind takes their
    role; they are told, and their console sessions end."""
    by = admin(units, viewer)
    row = _member(store, units, by, member_id)
    unit = open_unit(units, unit_code.strip())
    by.may_touch(unit)
    if unit.id == row.unit_id:
        raise Refused(said("console_people_same_unit", name=row.full_name, unit=unit.name))
    check_placement(units, unit.id, row.role)
    by.may_grant(row.role, unit.id)
    store.set_member_unit(row.id, unit.id)
    moved = _reread(store, row.id)
    _tell(store, moved, "console_people_told_unit", now, unit=unit.name)
    console_access.end_all(store, moved.view(), "role_changed", now)
    details = {"from": row.unit_code, "to": unit.code}
    _audit(store, by, "member.moved", row, details, now)
    return Changed(moved, store.member_chats(row.id))


def deactivate(
    store: MemberAdminStore,
    units: UnitAuditStore,
    viewer: MemberView,
    member_id: int,
    now: datetime,
) -> MemberRow:
    """The member no longer uses the bot: what was still queued for them is withdrawn, they are
    told (queued before they become a stranger to every chat, which the outbox still delivers),
    then made inactive, with any flow their chats were in dropped; their open invites are
    withdrawn and their console sessions end. Their entries and points stay."""
    by = admin(units, viewer)
    row = _member(store, units, by, member_id)
    unsent = store.withdraw_member_messages(row.id)  # what was queued for them stays unsent
    _tell(store, row, "console_people_told_deactivated", now, unit=row.unit_name)
    store.deactivate_member(row.id)
    withdrawn = store.withdraw_member_invites(row.id, now)
    console_access.end_all(store, row.view(), "deactivated", now)
    details = {"invites_withdrawn": withdrawn, "messages_withdrawn": unsent}
    _audit(store, by, "member.deactivated", row, details, now)
    return _reread(store, row.id)


def member(
    store: MemberAdminStore, units: UnitAuditStore, viewer: MemberView, member_id: int
) -> MemberRow:
    """One member of the admin's subtree (active or not) as the member page shows them."""
    by = admin(units, viewer)
    row = store.member_row(member_id)
    if row is None or row.unit_id not in by.reach:
        raise OutOfReach(said("console_people_member_outside", own=by.member.unit_name))
    return row


def record_export(
    store: MemberAdminStore,
    viewer: MemberView,
    table: str,
    filters: dict[str, str],
    rows: int,
    now: datetime,
) -> None:
    """An export of an admin's table (members, invites), with its filters and row count."""
    details = {"filters": filters, "rows": rows}
    store.audit(Audited(f"export.{table}", table, "", now, viewer.id, details))


def record_print(store: MemberAdminStore, viewer: MemberView, cards: int, now: datetime) -> None:
    """An invite sheet printed: the codes left the screen on paper."""
    store.audit(Audited("invites.printed", "invites", "", now, viewer.id, {"cards": cards}))


def unit_choices(units: UnitAuditStore, viewer: MemberView) -> list[tuple[str, str, str]]:
    """The open units of the admin's subtree (code, name, kind), for pickers, by name."""
    by = admin(units, viewer)
    nodes = [n for n in units.unit_nodes(by.reach) if n.valid_to is None]
    return sorted(
        ((n.code, n.name, n.kind) for n in nodes), key=lambda u: (vietnamese_key(u[1]), u[0])
    )


def _within(units: UnitAuditStore, by: Admin, unit_code: str) -> frozenset[int]:
    if not unit_code.strip():
        return by.reach
    unit = units.unit(unit_code.strip())
    if unit is None:
        raise Refused(said("admin_no_unit", code=unit_code.strip()[:40]))
    by.may_touch(unit)
    return frozenset(units.subtree(unit.id)) & by.reach


def _member(store: MemberAdminStore, units: UnitAuditStore, by: Admin, member_id: int) -> MemberRow:
    """An active member of the admin's subtree: not the admin, nor another admin of their own
    unit."""
    row = store.member_row(member_id)
    if row is None or row.unit_id not in by.reach:
        raise OutOfReach(said("console_people_member_outside", own=by.member.unit_name))
    if row.id == by.member.id:
        raise OutOfReach(said("console_people_not_yourself"))
    if row.role is Role.ADMIN and row.unit_id == by.member.unit_id:
        # Two admins of one unit cannot lock each other out: the level above decides.
        raise OutOfReach(said("console_people_peer_admin", name=row.full_name))
    if not row.active:
        raise Refused(said("console_people_inactive", name=row.full_name))
    return row


def _reread(store: MemberAdminStore, member_id: int) -> MemberRow:
    row = store.member_row(member_id)
    assert row is not None
    return row


def _tell(store: MemberAdminStore, row: MemberRow, key: str, now: datetime, **values: Any) -> None:
    lang = row.language
    if "role" in values:
        values["role"] = text("role", lang, role=values["role"])
    message = Outgoing(text=text(key, lang, **values))
    store.notify([Notice(row.id, message)], now)


def _audit(
    store: MemberAdminStore,
    by: Admin,
    action: str,
    row: MemberRow,
    details: dict[str, Any],
    now: datetime,
) -> None:
    store.audit(
        Audited(action, "members", str(row.id), now, by.member.id, details, unit_id=row.unit_id)
    )
