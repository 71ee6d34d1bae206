"""Units: the tree of province, communes, teams, villages, agencies... an administrator keeps.

The rules: a code of the safe alphabet without spaces and a known kind (campaign/unit_kinds,
as data: the built-in kinds and those the province added), the tree's order (each kind under
the kinds it names; nothing under a team, a team under a commune), roles fitting unit kinds,
and what renaming, moving, closing and merging need. The CLI, the bot's start-up and the
coming console call these over a `UnitStore`; a refusal is a `Refused`."""

from __future__ import annotations

from datetime import date, datetime

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.normalize import fold
from campaign.roles import Role, misplaced
from campaign.unit_kinds import role_units
from campaign.units import code_problem, kind_problem, normal_kind, tree_problem
from services.ports import Misplaced, Moved, UnitRow, UnitStore, UnitView
from services.refusals import Refused

MAX_UNIT_NAME = 200  # units.name's width

Merged = Moved  # what a merger moved: members, units under it, open invites


def add_unit(
    store: UnitStore, *, code: str, name: str, kind: str, parent_code: str | None, now: datetime
) -> tuple[str, str]:
    """A new unit: a code of the safe alphabet (campaign/units.CODE_SHAPE), a known kind, an
    open parent that the tree rule allows. Nothing is written when any of it is wrong. Its
    code and name as kept (spaces around them dropped)."""
    code, name, kind = code.strip(), name.strip(), kind.strip()
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
    _refuse_if(tree_problem(kind, parent.kind if parent else None, kinds))
    store.add_unit(
        code=code, name=name, kind=kind, parent_id=parent.id if parent else None, now=now
    )
    store.record("unit.added", "units", code, {"name": name, "kind": kind}, now)
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


def rename_unit(store: UnitStore, code: str, name: str, now: datetime) -> str:
    """The unit's new name; returns the old one. Entries and standings follow by id."""
    name = name.strip()
    if not name:
        raise Refused(said("cli_a_unit_needs_a_name"))
    _check_name(name)
    unit = open_unit(store, code)
    store.rename_unit(unit.id, name)
    store.record("unit.renamed", "units", code, {"from": unit.name, "to": name}, now)
    return unit.name


def move_unit(store: UnitStore, code: str, parent_code: str, now: datetime) -> None:
    """Put the unit (with everything under it) under another parent, keeping the tree rule."""
    unit = open_unit(store, code)
    parent = open_unit(store, parent_code, above=True)
    if parent.id in store.subtree(unit.id):
        raise Refused(said("admin_cannot_move_inside", code=code, parent=parent_code))
    _refuse_if(tree_problem(unit.kind, parent.kind, store.unit_kinds()))
    store.move_unit(unit.id, parent.id)
    store.record("unit.moved", "units", code, {"parent": parent_code}, now)


def close_unit(store: UnitStore, code: str, on: date, now: datetime) -> int:
    """Close an empty unit on a day (valid_to): it leaves standings, reminders and lookups; its
    entries stay. One that still holds people or open units is refused (move or merge them
    first: closing must not strand anyone). Returns how many open invites were withdrawn."""
    unit = open_unit(store, code)
    _check_close_day(unit, on, now)
    children = store.open_children(unit.id)
    people = store.active_members(unit.id)
    if children or people:
        shape = "both" if children and people else "people" if people else "units"
        held = said("admin_unit_holds", shape=shape, people=people, units=", ".join(children))
        raise Refused(said("admin_unit_still_holds", code=code, held=held))
    store.close_unit(unit.id, on)
    withdrawn = store.withdraw_invites(unit.id, now)
    store.record("unit.closed", "units", code, {"on": on.isoformat()}, now)
    return withdrawn


def merge_unit(store: UnitStore, code: str, into: str, on: date, now: datetime) -> Merged:
    """Merge a unit into its successor, as the 2025 reform merged communes: the old unit closes
    on `on` with its successor set; its people, the units under it and its open invites move
    to the successor. Entries keep the unit they were logged in (history: the team standings
    of the old unit stop, the successor's count from the merger on; each member's own points
    stay theirs, as members are scored by person)."""
    old = open_unit(store, code)
    new = open_unit(store, into, successor=True)
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
    store.record("unit.merged", "units", code, details, now)
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
