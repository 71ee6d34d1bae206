"""The demo: a province, one commune, two teams with a small roster, one open code per demo
role and a plan running on the day, made on an empty database (`antt-bot run`) or asked for
(`antt-bot demo`); with `ensure_demo_extras`, a second commune and its team, a village the
first team covers, an agency and a school, the dated facts ratio targets divide by (residents,
released prisoners...), a recognised model and a commendation. Made once: running it again
adds only what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from campaign.demo_plan import CODE_PREFIX, todays_demo_plan
from campaign.models import Event
from campaign.roles import Role
from services import commendations, facts, invites, models, unit_kinds
from services.models import Draft
from services.ports import (
    DemoRecordStore,
    DemoUnitStore,
    IssuedInvite,
    NewCommendation,
    UnitAdminStore,
)
from services.units import add_unit

# The rostered people have names nobody registering types for themselves (a newcomer who did
# type one would be asked whether they are that person: handlers/registration.py).
DEMO_PROVINCE = ("DEMO", "Tỉnh Minh Họa", "province", None)
DEMO_COMMUNE = ("DEMO-XA", "Xã Hòa Bình", "commune", "DEMO")
DEMO_TEAMS = (
    ("DEMO-XA-T1", "Tổ bảo vệ ANTT thôn Đông", "team", "DEMO-XA"),
    ("DEMO-XA-T2", "Tổ bảo vệ ANTT thôn Tây", "team", "DEMO-XA"),
)
# A second commune with a team (a province-wide target has more than one commune to sum), a
# village the first team covers, and an agency and a school of the first commune.
DEMO_MORE_UNITS = (
    ("DEMO-XA2", "Xã Yên Lạc", "commune", "DEMO"),
    ("DEMO-XA2-T1", "Tổ bảo vệ ANTT thôn Bắc", "team", "DEMO-XA2"),
    ("DEMO-XA-TD", "Xóm Đông", "village", "DEMO-XA"),
    ("DEMO-XA-CQ", "Bưu điện văn hóa Hòa Bình", "agency", "DEMO-XA"),
    ("DEMO-XA-TH", "Trường THCS Hòa Bình", "school", "DEMO-XA"),
)
DEMO_ADMIN = "Quản trị viên mẫu"
DEMO_COVERED = ("DEMO-XA-T1", "DEMO-XA-TD")  # the team, the village it covers
# Dated facts, set from the first day of the year the demo is made: what ratio targets divide
# by (residents, released prisoners under support) and what plans filter on.
DEMO_FACTS = (
    ("DEMO-XA", "residents", "5200"),
    ("DEMO-XA", "households", "1350"),
    ("DEMO-XA", "released_prisoners", "2"),
    ("DEMO-XA", "cameras", "24"),
    ("DEMO-XA", "terrain", "lowland"),
    ("DEMO-XA2", "residents", "3100"),
    ("DEMO-XA2", "households", "820"),
    ("DEMO-XA2", "released_prisoners", "1"),
    ("DEMO-XA2", "cameras", "9"),
    ("DEMO-XA2", "terrain", "midland"),
    ("DEMO-XA-TD", "residents", "1400"),
    ("DEMO-XA-TD", "households", "360"),
    ("DEMO-XA-CQ", "staff", "12"),
    ("DEMO-XA-TH", "staff", "45"),
)
DEMO_MODEL = "Camera an ninh thôn Đông"  # recognised by the province police
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


def ensure_demo_extras(store: DemoRecordStore, units: DemoUnitStore, now: datetime) -> bool:
    """The rest of the demo, after `ensure_demo` (tests that need only a team, its leader and
    their officer leave it out): the units missing of DEMO_MORE_UNITS, then, the first time
    (the first commune has no fact yet), the village covered, the facts, a recognised model
    and a commendation. False when those were there already, or when the operator closed (merged)
    a demo unit: the demo is theirs to change, and `antt-bot run` must still start."""
    codes = (DEMO_PROVINCE[0], DEMO_COMMUNE[0], DEMO_COVERED[0], *(u[0] for u in DEMO_MORE_UNITS))
    if any((unit := units.unit(code)) is not None and unit.valid_to for code in codes):
        return False
    for code, name, kind, parent in DEMO_MORE_UNITS:
        if units.unit(code) is None:
            add_unit(units, code=code, name=name, kind=kind, parent_code=parent, now=now)
    # The province's admin, rostered: the console opens for them from the shell
    # (`antt-bot console link --member "Quản trị viên mẫu"`), no chat needed.
    invites.rostered_member(units, DEMO_PROVINCE[0], DEMO_ADMIN, Role.ADMIN, None, now)
    commune = store.fact_unit(DEMO_COMMUNE[0])
    if commune is None or store.fact_history(commune[0]):
        return False
    unit_kinds.cover(units, *DEMO_COVERED, now)
    since = date(now.year, 1, 1)
    for unit_code, key, typed in DEMO_FACTS:
        facts.set_fact(
            store, None, unit_code=unit_code, key=key, typed=typed, valid_from=since, now=now
        )
    team = units.unit(DEMO_COVERED[0])
    assert team is not None  # ensure_demo made it
    day = now.date()
    draft = Draft("model", "camera", DEMO_MODEL, team.id, since, area_text=DEMO_COVERED[1])
    reference = models.register(store, store, store, None, draft, now=now).reference
    for event in (
        Event("built"),
        Event("evaluated", outcome="effective"),
        Event("recognised", level="province_police", decision_no="01/QĐ-CAT"),
    ):
        models.record(store, store, None, reference, event, on=day, now=now)
    commendations.record(
        store,
        store,
        store,
        None,
        NewCommendation(
            "unit",
            team.id,
            "commune",
            "giay-khen",
            "Giúp dân khắc phục hậu quả mưa bão",
            day,
            "02/QĐ-UBND",
            "UBND xã Hòa Bình",
            "granted",
            None,
            None,
            None,
            now,
        ),
    )
    return True
