"""Invite codes an administrator issues: for a unit and a role (`invite create`), or for a
person of a roster (`roster import`), each in force for a number of days. A role is issued
only on a unit whose kind takes it (services/units.check_placement). Redeeming a code is the
chat's registration (storage/invites.InviteRepository)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from campaign.catalogs import said
from campaign.codes import new_invite_code
from campaign.roles import Role
from services.ports import IssuedInvite, NewInvite, RosteredMember, UnitAdminStore
from services.refusals import Refused
from services.units import SHELL, Admin, Doer, check_placement, open_unit

INVITE_DAYS = 30
MAX_INVITES = 1000  # codes at once
MAX_INVITE_DAYS = 365


def create_invites(
    store: UnitAdminStore,
    *,
    unit_code: str,
    role: Role,
    count: int,
    now: datetime,
    days: int = INVITE_DAYS,
) -> list[IssuedInvite]:
    """The shell's `invite create` (and the demo's): for any unit."""
    return _create_invites(store, SHELL, unit_code, role, count, now, days)


def create_invites_as(
    store: UnitAdminStore,
    by: Admin,
    *,
    unit_code: str,
    role: Role,
    count: int,
    now: datetime,
    days: int = INVITE_DAYS,
) -> list[IssuedInvite]:
    """The console's: for a unit of the admin's subtree."""
    return _create_invites(store, by, unit_code, role, count, now, days)


def _create_invites(
    store: UnitAdminStore,
    by: Doer,
    unit_code: str,
    role: Role,
    count: int,
    now: datetime,
    days: int,
) -> list[IssuedInvite]:
    """`count` open codes for this unit and role, each valid for `days`."""
    if not 1 <= count <= MAX_INVITES:
        raise Refused(said("admin_invite_count", most=MAX_INVITES))
    if not 1 <= days <= MAX_INVITE_DAYS:
        raise Refused(said("admin_invite_days", most=MAX_INVITE_DAYS))
    unit = open_unit(store, unit_code)
    by.may_touch(unit)
    check_placement(store, unit.id, role)
    by.may_grant(role, unit.id)
    return [_issue(store, by, unit.id, unit.code, unit.name, role, now, days) for _ in range(count)]


def issue(
    store: UnitAdminStore,
    unit_id: int,
    unit_code: str,
    unit_name: str,
    role: Role,
    now: datetime,
    days: int = INVITE_DAYS,
    member: tuple[int, str] | None = None,
) -> IssuedInvite:
    """One new code (`member`: made for this rostered person, id and name), as the shell's."""
    return _issue(store, SHELL, unit_id, unit_code, unit_name, role, now, days, member)


def _issue(
    store: UnitAdminStore,
    by: Doer,
    unit_id: int,
    unit_code: str,
    unit_name: str,
    role: Role,
    now: datetime,
    days: int = INVITE_DAYS,
    member: tuple[int, str] | None = None,
) -> IssuedInvite:
    check_placement(store, unit_id, role)
    expires = now + timedelta(days=days)
    while True:  # 31^8 codes: a clash is rare, but the column is unique, so check
        code = new_invite_code()
        if not store.code_taken(code):
            break
    store.add_invite(NewInvite(code, unit_id, role, member[0] if member else None, expires, now))
    details = {"unit": unit_code, "role": role.value}
    by.record(store, "invite.created", "invites", code, details, now, unit_id)
    return IssuedInvite(code, unit_code, unit_name, role, expires, member[1] if member else None)


def open_invites(
    store: UnitAdminStore, unit_code: str, now: datetime, *, untied: bool = False
) -> list[IssuedInvite]:
    """Unused, unexpired invites of a unit (`untied`: only those not made for a rostered
    person, which ask the newcomer's name)."""
    return store.open_invites(unit_code, now, untied=untied)


def rostered_member(
    store: UnitAdminStore,
    unit_code: str,
    full_name: str,
    role: Role,
    phone: str | None,
    now: datetime,
) -> tuple[RosteredMember, bool]:
    """The member with this name in this unit, and True if it had to be created.

    A roster names each person of a unit once, but the unit may hold two people of that name
    (the rostered one, and someone who registered with an open invite code typing the same
    name): the one first added is the roster's."""
    unit = store.unit(unit_code)
    if unit is None:
        raise Refused(said("admin_no_unit", code=unit_code))
    existing = store.rostered(unit.id, full_name)
    if existing is not None:
        return existing, False
    check_placement(store, unit.id, role)
    new_id = store.add_member(unit_id=unit.id, full_name=full_name, role=role, phone=phone, now=now)
    return RosteredMember(new_id, joined=False, joined_team_on=None), True


@dataclass(frozen=True)
class ImportedMember:
    line: int
    unit_code: str
    full_name: str
    role: Role
    created: bool
    invite_code: str | None  # None once the member has registered
    unit_name: str = ""
    expires_at: datetime | None = None  # the invite's (None once registered)


def import_member(
    store: UnitAdminStore,
    *,
    line: int,
    unit: tuple[int, str],
    full_name: str,
    role: Role,
    phone: str | None,
    now: datetime,
    joined_on: date | None = None,
) -> ImportedMember:
    """The rostered person (created once), their joining day and an open invite for them.

    The roster's joining day ("Ngày vào tổ") is the commune's record, so a re-import with a
    corrected day corrects it; the team is taken to have existed at least since then (its
    start goes back), so grading counts their months from it, not from the bot's start."""
    unit_pk, unit_code = unit
    member, created = rostered_member(store, unit_code, full_name, role, phone, now)
    if joined_on is not None:
        _date_joining(store, member, joined_on, created, now)
        store.began_by(unit_pk, joined_on)
    unit_name = store.unit_by_id(unit_pk).name
    if member.joined:
        return ImportedMember(line, unit_code, full_name, role, created, None, unit_name)
    existing = store.open_invite_of(member.id, now)
    if existing is None:
        issued = issue(
            store, unit_pk, unit_code, unit_name, role, now, member=(member.id, full_name)
        )
        code, expires = issued.code, issued.expires_at
    else:
        code, expires = existing
    if created:
        store.record("member.imported", "members", str(member.id), {"unit": unit_code}, now)
    return ImportedMember(line, unit_code, full_name, role, created, code, unit_name, expires)


def _date_joining(
    store: UnitAdminStore, member: RosteredMember, day: date, created: bool, now: datetime
) -> None:
    before = member.joined_team_on
    if before == day:
        return
    store.set_joined_team_on(member.id, day)
    if not created:  # a corrected day is audited; a new person's first one is not
        details = {"from": before.isoformat() if before else None, "to": day.isoformat()}
        store.record("member.joined_team_on", "members", str(member.id), details, now)
