"""The demo: a province, one commune, two teams with a small roster, one open code per demo
role and a plan running on the day, made on an empty database (`antt-bot run`) or asked for
(`antt-bot demo`). Made once: running it again adds only what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from campaign.demo_plan import CODE_PREFIX, todays_demo_plan
from campaign.roles import Role
from services import invites
from services.ports import IssuedInvite, UnitAdminStore
from services.units import add_unit

# The rostered people have names nobody registering types for themselves (a newcomer who did
# type one would be asked whether they are that person: handlers/registration.py).
DEMO_PROVINCE = ("DEMO", "Tỉnh Minh Họa", "province", None)
DEMO_COMMUNE = ("DEMO-XA", "Xã Hòa Bình", "commune", "DEMO")
DEMO_TEAMS = (
    ("DEMO-XA-T1", "Tổ bảo vệ ANTT thôn Đông", "team", "DEMO-XA"),
    ("DEMO-XA-T2", "Tổ bảo vệ ANTT thôn Tây", "team", "DEMO-XA"),
)
DEMO_ROSTER = (
    ("DEMO-XA-T1", "Thành viên mẫu 1", Role.MEMBER),
    ("DEMO-XA-T1", "Thành viên mẫu 2", Role.MEMBER),
    ("DEMO-XA-T1", "Thành viên mẫu 3", Role.MEMBER),
    ("DEMO-XA-T2", "Tổ trưởng mẫu thôn Tây", Role.LEADER),
    ("DEMO-XA-T2", "Thành viên mẫu 4", Role.MEMBER),
    ("DEMO-XA", "Cán bộ mẫu", Role.OFFICER),
)
# The roster of earlier versions, in the same order: ordinary names a newcomer could type.
# Its people are renamed while nobody has registered as them.
_OLD_DEMO_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đỗ Minh Giang",
)
# The demo's codes: a member and the leader of the first team (who reviews what the member
# logs), and an officer of their commune (who follows the tips).
DEMO_MEMBER_TEAM = DEMO_LEADER_TEAM = DEMO_TEAMS[0][0]


@dataclass(frozen=True)
class DemoInvites:
    member: IssuedInvite
    leader: IssuedInvite
    officer: IssuedInvite
    created: bool
    # The demo plan running on the day (code, Vietnamese name), if it was asked for.
    plan: tuple[str, str] | None = None


def ensure_demo(store: UnitAdminStore, now: datetime, *, plan: bool = True) -> DemoInvites:
    """Idempotent: creates what is missing, and always has one open invite per demo role and
    (with `plan`) a demo plan running on `now`'s day."""
    created = store.unit(DEMO_PROVINCE[0]) is None
    for code, name, kind, parent in (DEMO_PROVINCE, DEMO_COMMUNE, *DEMO_TEAMS):
        if store.unit(code) is None:
            add_unit(store, code=code, name=name, kind=kind, parent_code=parent, now=now)
    for (unit_code, full_name, role), old_name in zip(DEMO_ROSTER, _OLD_DEMO_NAMES, strict=True):
        _rename_unregistered(store, unit_code, old_name, full_name, role, now)
        invites.rostered_member(store, unit_code, full_name, role, None, now)

    def open_invite(unit_code: str, role: Role) -> IssuedInvite:
        for invite in invites.open_invites(store, unit_code, now, untied=True):
            if invite.role is role:
                return invite
        return invites.create_invites(store, unit_code=unit_code, role=role, count=1, now=now)[0]

    return DemoInvites(
        member=open_invite(DEMO_MEMBER_TEAM, Role.MEMBER),
        leader=open_invite(DEMO_LEADER_TEAM, Role.LEADER),
        officer=open_invite(DEMO_COMMUNE[0], Role.OFFICER),
        created=created,
        plan=ensure_demo_plan(store, now) if plan else None,
    )


def demo_at_start(store: UnitAdminStore, now: datetime) -> DemoInvites | None:
    """On an empty database, the demo; while the demo units exist, their open codes."""
    if not store.has_units() or store.unit(DEMO_PROVINCE[0]) is not None:
        return ensure_demo(store, now)
    return None


def ensure_demo_plan(store: UnitAdminStore, now: datetime) -> tuple[str, str]:
    """The code and name of a demo plan running over the demo units on `now`'s day: the one
    loaded earlier while it runs, else one made for this day (an ended one stays, listed as
    ended)."""
    today = now.date()
    scope = DEMO_PROVINCE[0]
    province = store.unit(scope)
    running = None if province is None else store.running_plan(province.id, CODE_PREFIX, today)
    if running is not None:
        return running
    plan, text = todays_demo_plan(today, scope)
    store.load_plan(plan, text, now)
    return plan.code, plan.name.vi


def _rename_unregistered(
    store: UnitAdminStore, unit_code: str, old_name: str, new_name: str, role: Role, now: datetime
) -> None:
    """An earlier demo's rostered person, still unregistered, takes the new demo name."""
    unit = store.unit(unit_code)
    if unit is None:
        return
    taken = store.rostered(unit.id, new_name) is not None
    found = store.unregistered_named(unit.id, old_name)
    if found is None or taken:
        return
    store.rename_member(found, new_name, role)
    store.record("member.renamed", "members", str(found), {"unit": unit_code}, now)
