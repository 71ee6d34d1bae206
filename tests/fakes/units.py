"""A typed in-memory fake of `services.ports.UnitAdminStore` (the unit tree, the codes issued
for it and the rostered people), for tests/services/test_units.py.

It subclasses both ports, so mypy --strict fails when it misses a method or has another
signature. It keeps what the SQL keeps, and no rule: the rules are the services'."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from campaign.plans import Plan
from campaign.roles import Role
from campaign.unit_kinds import UnitKind, built_in_kinds
from services.ports import (
    IssuedInvite,
    IssueStore,
    Misplaced,
    Moved,
    NewInvite,
    RosteredMember,
    UnitRow,
    UnitStore,
    UnitView,
)


@dataclass
class FakeInvite:
    id: int
    code: str
    unit_id: int
    role: Role
    member_id: int | None
    expires_at: datetime
    used: bool = False


@dataclass
class FakeMember:
    id: int
    unit_id: int
    full_name: str
    role: Role
    active: bool = True
    joined: bool = False
    joined_team_on: date | None = None
    phone: str | None = None


@dataclass
class FakeUnits(UnitStore, IssueStore):
    units: dict[int, UnitView] = field(default_factory=dict)
    successors: dict[int, int] = field(default_factory=dict)
    invites: list[FakeInvite] = field(default_factory=list)
    members: dict[int, FakeMember] = field(default_factory=dict)
    plans: list[tuple[Plan, datetime]] = field(default_factory=list)
    audit: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    kinds: dict[str, UnitKind] = field(default_factory=built_in_kinds)
    areas: dict[int, int] = field(default_factory=dict)  # team id: the village it covers

    # UnitStore

    def unit(self, code: str) -> UnitView | None:
        return next((u for u in self.units.values() if u.code == code), None)

    def unit_by_id(self, unit_id: int) -> UnitView:
        return self.units[unit_id]

    def open_units(self) -> list[UnitView]:
        return [u for u in self.units.values() if u.valid_to is None]

    def has_units(self) -> bool:
        return bool(self.units)

    def unit_kinds(self) -> dict[str, UnitKind]:
        return dict(self.kinds)

    def listed(self, include_closed: bool) -> list[UnitRow]:
        def code_of(unit_id: int | None) -> str | None:
            return None if unit_id is None else self.units[unit_id].code

        return [
            UnitRow(
                u.id,
                u.code,
                u.name,
                u.kind,
                code_of(u.parent_id),
                self.active_members(u.id),
                u.valid_to,
                code_of(self.successors.get(u.id)),
                code_of(self.areas.get(u.id)),
            )
            for u in sorted(self.units.values(), key=lambda u: u.code)
            if include_closed or u.valid_to is None
        ]

    def add_unit(
        self, *, code: str, name: str, kind: str, parent_id: int | None, now: datetime
    ) -> int:
        new_id = next(self._ids)
        self.units[new_id] = UnitView(new_id, code, name, kind, parent_id, now.date())
        return new_id

    def rename_unit(self, unit_id: int, name: str) -> None:
        self.units[unit_id] = replace(self.units[unit_id], name=name)

    def move_unit(self, unit_id: int, parent_id: int) -> None:
        self.units[unit_id] = replace(self.units[unit_id], parent_id=parent_id)

    def subtree(self, unit_id: int) -> list[int]:
        found, frontier = [unit_id], [unit_id]
        while frontier:
            frontier = [u.id for u in self.units.values() if u.parent_id in frontier]
            found += frontier
        return found

    def open_children(self, unit_id: int) -> list[str]:
        return sorted(
            u.code for u in self.units.values() if u.parent_id == unit_id and u.valid_to is None
        )

    def active_members(self, unit_id: int) -> int:
        return sum(1 for m in self.members.values() if m.unit_id == unit_id and m.active)

    def close_unit(self, unit_id: int, on: date, successor_id: int | None = None) -> None:
        self.units[unit_id] = replace(self.units[unit_id], valid_to=on)
        if successor_id is not None:
            self.successors[unit_id] = successor_id

    def _open_invites_of(self, unit_id: int, now: datetime) -> list[FakeInvite]:
        return [
            i for i in self.invites if i.unit_id == unit_id and not i.used and i.expires_at > now
        ]

    def withdraw_invites(self, unit_id: int, now: datetime) -> int:
        withdrawn = self._open_invites_of(unit_id, now)
        for invite in withdrawn:
            invite.expires_at = now
        return len(withdrawn)

    def move_contents(self, from_id: int, to_id: int, now: datetime) -> Moved:
        people = [m for m in self.members.values() if m.unit_id == from_id]
        for member in people:
            member.unit_id = to_id
        under = [u for u in self.open_units() if u.parent_id == from_id]
        for unit in under:
            self.move_unit(unit.id, to_id)
        codes = self._open_invites_of(from_id, now)
        for invite in codes:
            invite.unit_id = to_id
        return Moved(len(people), len(under), len(codes))

    def misplaced(self, kinds: Mapping[Role, Collection[str]], now: datetime) -> list[Misplaced]:
        found = [
            Misplaced("members", m.id, m.role.value, unit.code, unit.kind)
            for m in self.members.values()
            if m.active and (unit := self.units[m.unit_id]).kind not in kinds[m.role]
        ]
        found += [
            Misplaced("invites", i.id, i.role.value, unit.code, unit.kind)
            for i in self.invites
            if not i.used
            and i.expires_at > now
            and (unit := self.units[i.unit_id]).kind not in kinds[i.role]
        ]
        return sorted(found, key=lambda m: (m.table, m.id))

    def running_plan(self, scope_id: int, code_prefix: str, day: date) -> tuple[str, str] | None:
        running = [
            plan
            for plan, _ in self.plans
            if plan.code.startswith(code_prefix)
            and (scope := self.unit(plan.scope)) is not None
            and scope.id == scope_id
            and plan.starts <= day <= plan.ends
        ]
        latest = max(running, key=lambda plan: plan.starts, default=None)
        return None if latest is None else (latest.code, latest.name.vi)

    def load_plan(self, plan: Plan, text: str, now: datetime) -> None:
        self.plans.append((plan, now))

    def record(
        self, action: str, target: str, target_id: str, details: dict[str, Any], now: datetime
    ) -> None:
        self.audit.append((action, target_id, details))

    # IssueStore

    def code_taken(self, code: str) -> bool:
        return any(i.code == code for i in self.invites)

    def add_invite(self, invite: NewInvite) -> None:
        self.invites.append(
            FakeInvite(
                next(self._ids),
                invite.code,
                invite.unit_id,
                invite.role,
                invite.member_id,
                invite.expires_at,
            )
        )

    def open_invites(self, unit_code: str, now: datetime, *, untied: bool) -> list[IssuedInvite]:
        unit = self.unit(unit_code)
        if unit is None:
            return []
        return [
            IssuedInvite(i.code, unit.code, unit.name, i.role, i.expires_at)
            for i in self._open_invites_of(unit.id, now)
            if not untied or i.member_id is None
        ]

    def open_invite_of(self, member_id: int, now: datetime) -> tuple[str, datetime] | None:
        for invite in self.invites:
            if invite.member_id == member_id and not invite.used and invite.expires_at > now:
                return invite.code, invite.expires_at
        return None

    def rostered(self, unit_id: int, full_name: str) -> RosteredMember | None:
        for m in self.members.values():
            if m.unit_id == unit_id and m.full_name == full_name:
                return RosteredMember(m.id, m.joined, m.joined_team_on)
        return None

    def unregistered_named(self, unit_id: int, full_name: str) -> int | None:
        for m in self.members.values():
            if m.unit_id == unit_id and m.full_name == full_name and not m.joined:
                return m.id
        return None

    def add_member(
        self, *, unit_id: int, full_name: str, role: Role, phone: str | None, now: datetime
    ) -> int:
        new_id = next(self._ids)
        self.members[new_id] = FakeMember(new_id, unit_id, full_name, role, phone=phone)
        return new_id

    def rename_member(self, member_id: int, full_name: str, role: Role) -> None:
        self.members[member_id].full_name = full_name
        self.members[member_id].role = role

    def set_joined_team_on(self, member_id: int, day: date) -> None:
        self.members[member_id].joined_team_on = day

    def began_by(self, unit_id: int, day: date) -> None:
        unit = self.units[unit_id]
        if unit.valid_from > day:
            self.units[unit_id] = replace(unit, valid_from=day)
