"""Units: the tree of province, communes, teams, villages, agencies... an administrator keeps.

The rules: a code of the safe alphabet without spaces and a known kind (campaign/unit_kinds,
as data: the built-in kinds and those the province added), the tree's order (each kind under
the kinds it names; nothing under a team, a team under a commune), roles fitting unit kinds,
and what renaming, moving, closing and merging need; a refusal is a `Refused`.

Two doors act on the tree, each by its own functions: the shell (`add_unit`, `rename_unit`,
... : the server's operator, anywhere, audited as "cli"; the bot's start-up and the demo use
them too), and the console (`add_unit_as`, `rename_unit_as`, ...: an `Admin` made by `admin()`
from the logged-in member, within their own unit's subtree, never moving, closing or merging
their own unit, audited with their member id). No argument left out widens the console's
reach: its functions cannot be called without the `Admin`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.normalize import fold
from campaign.roles import Role, misplaced
from campaign.unit_kinds import role_units
from campaign.units import code_problem, kind_problem, normal_kind, tree_problem
from services.ports import (
    Audited,
    MemberView,
    Misplaced,
    Moved,
    UnitAuditStore,
    UnitNode,
    UnitRow,
    UnitStore,
    UnitView,
)
from services.refusals import Refused

MAX_UNIT_NAME = 200  # units.name's width

Merged = Moved  # what a merger moved: members, units under it, open invites


class OutOfReach(Refused):
    """A unit or member outside the acting admin's subtree, or not theirs to touch: a refusal
    of the right to act, not of what was typed (the console answers it 403)."""


class Shell:
    """The command line: the server's operator, over the whole tree, audited as the CLI's."""

    def may_touch(self, unit: UnitView, *, own_too: bool = True) -> None:
        return None

    def may_grant(self, role: Role, unit_id: int) -> None:
        return None

    def record(
        self,
        store: UnitStore,
        action: str,
        target: str,
        target_id: str,
        details: dict[str, Any],
        now: datetime,
        unit_id: int | None = None,
    ) -> None:
        store.record(action, target, target_id, details, now)


SHELL = Shell()


@dataclass(frozen=True)
class Admin:
    """An admin in the console: the units of their own unit's subtree, audited as theirs."""

    member: MemberView
    reach: frozenset[int]  # their unit and every unit under it
    audit: Callable[[Audited], None] = field(repr=False, compare=False)

    def may_touch(self, unit: UnitView, *, own_too: bool = True) -> None:
        """Refuse a unit outside the admin's subtree (or their own unit, unless `own_too`)."""
        if unit.id not in self.reach:
            raise OutOfReach(
                said(
                    "console_people_unit_outside",
                    code=unit.code,
                    name=unit.name,
                    own=self.member.unit_name,
                )
            )
        if not own_too and unit.id == self.member.unit_id:
            raise OutOfReach(said("console_people_own_unit", code=unit.code))

    def may_grant(self, role: Role, unit_id: int) -> None:
        """An admin's role on their own unit is the level above's to give: an admin makes
        admins only of the units under theirs (nobody raises a peer they cannot then remove)."""
        if role is Role.ADMIN and unit_id == self.member.unit_id:
            raise OutOfReach(said("console_people_admin_from_above", unit=self.member.unit_name))

    def record(
        self,
        store: UnitStore,
        action: str,
        target: str,
        target_id: str,
        details: dict[str, Any],
        now: datetime,
        unit_id: int | None = None,
    ) -> None:
        line = Audited(action, target, target_id, now, self.member.id, details, unit_id=unit_id)
        self.audit(line)


Doer = Shell | Admin


def admin(store: UnitAuditStore, member: MemberView) -> Admin:
    """The console's actor for the unit tree and the codes: an admin, over their subtree.
    Anyone else is refused."""
    if member.role is not Role.ADMIN:
        raise OutOfReach(said("console_people_admins_only"))
    return Admin(member, frozenset(store.subtree(member.unit_id)), store.audit)


def add_unit(
    store: UnitStore, *, code: str, name: str, kind: str, parent_code: str | None, now: datetime
) -> tuple[str, str]:
    """The shell's `unit add` (and the demo's): anywhere in the tree."""
    return _add_unit(
        store, SHELL, code=code, name=name, kind=kind, parent_code=parent_code, now=now
    )


def add_unit_as(
    store: UnitStore, by: Admin, *, code: str, name: str, kind: str, parent_code: str, now: datetime
) -> tuple[str, str]:
    """The console's: under a unit of the admin's subtree."""
    return _add_unit(store, by, code=code, name=name, kind=kind, parent_code=parent_code, now=now)


def _add_unit(
    store: UnitStore,
    by: Doer,
    *,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None,
    now: datetime,
) -> tuple[str, str]:
    """A new unit: a code of the safe alphabet (campaign/units.CODE_SHAPE), a known kind, an
    open parent that the tree rule allows. Nothing is written when any of it is wrong. Its
    code and name as kept (spaces around them dropped). An admin (`by`) adds only under a
    unit of their subtree."""
    code, name, kind = code.strip(), name.strip(), kind.strip()
    if isinstance(by, Admin) and not (parent_code or "").strip():
        raise Refused(said("console_people_needs_parent"))
    if not code or not name:
        raise Refused(said("cli_a_unit_needs_a_code"))
    _refuse_if(code_problem(code))
    _check_name(name)
    if store.unit(code) is not None:
        raise Refused(said("admin_unit_exists", code=code))
    kinds = store.unit_kinds()
    kind = normal_kind(kind, kinds)
    _refuse_if(kind_problem(kind, kinds))
    parent = open_unit(store, parent_code, above=True) if parent_code else None
    if parent is not None:
        by.may_touch(parent)
    _refuse_if(tree_problem(kind, parent.kind if parent else None, kinds))
    new_id = store.add_unit(
        code=code, name=name, kind=kind, parent_id=parent.id if parent else None, now=now
    )
    by.record(store, "unit.added", "units", code, {"name": name, "kind": kind}, now, new_id)
    return code, name


def open_unit(
    store: UnitStore, code: str, *, above: bool = False, successor: bool = False
) -> UnitView:
    """The unit with this code, still in force; refused otherwise (`above`: said of a parent,
    `successor`: of the unit another merges into)."""
    unit = store.unit(code)
    if unit is None:
        missing = "admin_no_successor" if successor else "admin_no_unit"
        raise Refused(said("admin_no_parent" if above else missing, code=code))
    if unit.valid_to is not None:
        raise Refused(said("admin_unit_closed", code=code, day=f"{unit.valid_to:%d/%m/%Y}"))
    return unit


def list_units(store: UnitStore, include_closed: bool) -> list[UnitRow]:
    return store.listed(include_closed)


@dataclass(frozen=True)
class TreeLine:
    node: UnitNode
    depth: int  # 0: the admin's own unit


def tree_for(store: UnitAuditStore, member: MemberView, *, closed: bool) -> list[TreeLine]:
    """The admin's subtree, depth first (children by code), with kinds and dates; `closed`:
    closed and merged units too."""
    by = admin(store, member)
    nodes = [n for n in store.unit_nodes(by.reach) if closed or n.valid_to is None]
    children: dict[int | None, list[UnitNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    lines: list[TreeLine] = []

    def walk(node: UnitNode, depth: int) -> None:
        lines.append(TreeLine(node, depth))
        for child in children.get(node.id, []):
            walk(child, depth + 1)

    for node in nodes:
        if node.id == member.unit_id:
            walk(node, 0)
    return lines


def rename_unit(store: UnitStore, code: str, name: str, now: datetime) -> str:
    """The shell's: anywhere in the tree (see `_rename_unit`)."""
    return _rename_unit(store, SHELL, code, name, now)


def rename_unit_as(store: UnitStore, by: Admin, code: str, name: str, now: datetime) -> str:
    """The console's: within the admin's subtree (see `_rename_unit`)."""
    return _rename_unit(store, by, code, name, now)


def _rename_unit(store: UnitStore, by: Doer, code: str, name: str, now: datetime) -> str:
    """The unit's new name; returns the old one. Entries and standings follow by id. An admin
    renames units of their subtree (their own unit too)."""
    name = name.strip()
    if not name:
        raise Refused(said("cli_a_unit_needs_a_name"))
    _check_name(name)
    unit = open_unit(store, code)
    by.may_touch(unit)
    store.rename_unit(unit.id, name)
    details = {"from": unit.name, "to": name}
    by.record(store, "unit.renamed", "units", code, details, now, unit.id)
    return unit.name


def move_unit(store: UnitStore, code: str, parent_code: str, now: datetime) -> None:
    """The shell's: anywhere in the tree (see `_move_unit`)."""
    return _move_unit(store, SHELL, code, parent_code, now)


def move_unit_as(store: UnitStore, by: Admin, code: str, parent_code: str, now: datetime) -> None:
    """The console's: within the admin's subtree (see `_move_unit`)."""
    return _move_unit(store, by, code, parent_code, now)


def _move_unit(store: UnitStore, by: Doer, code: str, parent_code: str, now: datetime) -> None:
    """Put the unit (with everything under it) under another parent, keeping the tree rule.
    An admin moves a unit of their subtree (not their own) under another one of it."""
    unit = open_unit(store, code)
    by.may_touch(unit, own_too=False)
    parent = open_unit(store, parent_code, above=True)
    by.may_touch(parent)
    if parent.id in store.subtree(unit.id):
        raise Refused(said("admin_cannot_move_inside", code=code, parent=parent_code))
    _refuse_if(tree_problem(unit.kind, parent.kind, store.unit_kinds()))
    store.move_unit(unit.id, parent.id)
    by.record(store, "unit.moved", "units", code, {"parent": parent_code}, now, unit.id)


def close_unit(store: UnitStore, code: str, on: date, now: datetime) -> int:
    """The shell's: anywhere in the tree (see `_close_unit`)."""
    return _close_unit(store, SHELL, code, on, now)


def close_unit_as(store: UnitStore, by: Admin, code: str, on: date, now: datetime) -> int:
    """The console's: within the admin's subtree (see `_close_unit`)."""
    return _close_unit(store, by, code, on, now)


def _close_unit(store: UnitStore, by: Doer, code: str, on: date, now: datetime) -> int:
    """Close an empty unit on a day (valid_to): it leaves standings, reminders and lookups; its
    entries stay. One that still holds people or open units is refused (move or merge them
    first: closing must not strand anyone). Returns how many open invites were withdrawn.
    An admin closes a unit of their subtree, not their own."""
    unit = open_unit(store, code)
    by.may_touch(unit, own_too=False)
    _check_close_day(unit, on, now)
    children = store.open_children(unit.id)
    people = store.active_members(unit.id)
    if children or people:
        shape = "both" if children and people else "people" if people else "units"
        held = said("admin_unit_holds", shape=shape, people=people, units=", ".join(children))
        raise Refused(said("admin_unit_still_holds", code=code, held=held))
    store.close_unit(unit.id, on)
    withdrawn = store.withdraw_invites(unit.id, now)
    by.record(store, "unit.closed", "units", code, {"on": on.isoformat()}, now, unit.id)
    return withdrawn


def merge_unit(store: UnitStore, code: str, into: str, on: date, now: datetime) -> Merged:
    """The shell's: anywhere in the tree (see `_merge_unit`)."""
    return _merge_unit(store, SHELL, code, into, on, now)


def merge_unit_as(
    store: UnitStore, by: Admin, code: str, into: str, on: date, now: datetime
) -> Merged:
    """The console's: within the admin's subtree (see `_merge_unit`)."""
    return _merge_unit(store, by, code, into, on, now)


def _merge_unit(
    store: UnitStore, by: Doer, code: str, into: str, on: date, now: datetime
) -> Merged:
    """Merge a unit into its successor, as the 2025 reform merged communes: the old unit closes
    on `on` with its successor set; its people, the units under it and its open invites move
    to the successor. Entries keep the unit they were logged in (history: the team standings
    of the old unit stop, the successor's count from the merger on; each member's own points
    stay theirs, as members are scored by person). An admin merges a unit of their subtree
    (not their own) into another one of it."""
    old = open_unit(store, code)
    by.may_touch(old, own_too=False)
    new = open_unit(store, into, successor=True)
    by.may_touch(new)
    if old.id == new.id or new.id in store.subtree(old.id):
        raise Refused(said("admin_cannot_merge_inside", code=code, into=into))
    if old.kind != new.kind:
        raise Refused(
            said(
                "admin_cannot_merge_kinds", code=code, kind=old.kind, into=into, into_kind=new.kind
            )
        )
    _check_close_day(old, on, now)
    moved = store.move_contents(old.id, new.id, now)
    store.close_unit(old.id, on, successor_id=new.id)
    details = {"into": into, "on": on.isoformat(), "members": moved.members, "units": moved.units}
    by.record(store, "unit.merged", "units", code, details, now, old.id)
    return moved


def placement_problem(store: UnitStore, unit_id: int, role: Role) -> Localized | None:
    """Why `role` cannot sit on this unit (its kind does not take that role)."""
    unit = store.unit_by_id(unit_id)
    problem = misplaced(role, unit.kind, store.unit_kinds())
    if problem is None:
        return None
    return said("admin_role_misplaced", code=unit.code, problem=problem)


def check_placement(store: UnitStore, unit_id: int, role: Role) -> None:
    """Refuse a member or invite whose role does not sit on this kind of unit (campaign/roles),
    whichever door makes it."""
    problem = placement_problem(store, unit_id, role)
    if problem is not None:
        raise Refused(said("admin_not_created", problem=problem))


def find_unit_by_path(store: UnitStore, path: tuple[str, ...]) -> tuple[int, str] | None:
    """Walk the open tree by codes or names (marks and case forgiven); the last part is the
    unit. A single part may name any unit by its unique code."""
    rows = store.open_units()
    if len(path) == 1:
        by_code = [r for r in rows if r.code.upper() == path[0].upper()]
        if by_code:
            return by_code[0].id, by_code[0].code
    parent: int | None = None
    found = None
    for depth, part in enumerate(path):
        key = fold(part)
        level = [
            r
            for r in rows
            if (depth == 0 or r.parent_id == parent) and key in (fold(r.code), fold(r.name))
        ]
        if len(level) != 1:
            return None
        found = level[0]
        parent = found.id
    return (found.id, found.code) if found is not None else None


def misplaced_rows(store: UnitStore, now: datetime) -> list[Misplaced]:
    """Members and open invites whose role does not sit on their unit's kind (made before
    the rule), by table and id."""
    return store.misplaced(role_units(store.unit_kinds()), now)


def _refuse_if(problem: Localized | None) -> None:
    if problem is not None:
        raise Refused(problem)


def _check_name(name: str) -> None:
    if len(name) > MAX_UNIT_NAME:
        raise Refused(said("admin_name_too_long", length=len(name), most=MAX_UNIT_NAME))


def _check_close_day(unit: UnitView, on: date, now: datetime) -> None:
    day = f"{on:%d/%m/%Y}"
    if on > now.date():
        raise Refused(said("admin_closing_day_not_come", day=day))
    if on < unit.valid_from:
        began = f"{unit.valid_from:%d/%m/%Y}"
        raise Refused(said("admin_closing_day_before_start", day=day, began=began))
