"""Administration off the hot path: units, invites, the demo data and roster imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, exists, func, insert, select, update

from campaign.codes import new_invite_code
from campaign.demo_plan import CODE_PREFIX, todays_demo_plan
from campaign.roles import ROLE_UNITS, Role, misplaced
from campaign.units import normal_kind, tree_problem
from storage import plans as stored_plans
from storage.audit import record
from storage.schema import identities, invites, members, plans, units

INVITE_DAYS = 30


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    members: int


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    unit_code: str
    unit_name: str
    role: Role
    expires_at: datetime
    full_name: str | None = None


class AdminError(ValueError):
    """A request the data refuses (unknown unit, duplicate code); the message is for people."""


def audit(
    conn: Connection,
    action: str,
    target: str,
    target_id: str,
    details: dict[str, Any],
    now: datetime,
) -> None:
    record(
        conn,
        actor="cli",
        actor_member_id=None,
        action=action,
        target=target,
        target_id=target_id,
        details=details,
        now=now,
    )


def unit_id(conn: Connection, code: str) -> int | None:
    return conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one_or_none()


def placement_problem(conn: Connection, unit: int, role: Role) -> str | None:
    """Why `role` cannot sit on this unit (its kind does not take that role), in Vietnamese."""
    row = conn.execute(select(units.c.code, units.c.kind).where(units.c.id == unit)).one()
    problem = misplaced(role, row.kind)
    return None if problem is None else f"đơn vị {row.code}: {problem.vi}"


def check_placement(conn: Connection, unit: int, role: Role) -> None:
    """Refuse a member or invite whose role does not sit on this kind of unit (campaign/roles)."""
    problem = placement_problem(conn, unit, role)
    if problem is not None:
        raise AdminError(f"Không tạo được: {problem}")


def add_unit(
    conn: Connection, *, code: str, name: str, kind: str, parent_code: str | None, now: datetime
) -> int:
    if unit_id(conn, code) is not None:
        raise AdminError(f"Đơn vị {code} đã tồn tại.")
    kind = normal_kind(kind)
    parent = None
    parent_kind = None
    if parent_code:
        parent = unit_id(conn, parent_code)
        if parent is None:
            raise AdminError(f"Không có đơn vị cấp trên {parent_code}.")
        parent_kind = conn.execute(select(units.c.kind).where(units.c.id == parent)).scalar_one()
    problem = tree_problem(kind, parent_kind)
    if problem is not None:
        raise AdminError(problem)
    new_id = conn.execute(
        insert(units)
        .values(
            code=code, name=name, kind=kind, parent_id=parent, valid_from=now.date(), created_at=now
        )
        .returning(units.c.id)
    ).scalar_one()
    audit(conn, "unit.added", "units", code, {"name": name, "kind": kind}, now)
    return int(new_id)


def list_units(conn: Connection) -> list[UnitRow]:
    parent = units.alias("parent")
    counts = (
        select(members.c.unit_id, func.count().label("n"))
        .where(members.c.active.is_(True))
        .group_by(members.c.unit_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            units.c.kind,
            parent.c.code.label("parent_code"),
            func.coalesce(counts.c.n, 0).label("n"),
        )
        .select_from(
            units.outerjoin(parent, units.c.parent_id == parent.c.id).outerjoin(
                counts, counts.c.unit_id == units.c.id
            )
        )
        .where(units.c.valid_to.is_(None))
        .order_by(units.c.code)
    ).all()
    return [UnitRow(r.id, r.code, r.name, r.kind, r.parent_code, int(r.n)) for r in rows]


def create_invites(
    conn: Connection,
    *,
    unit_code: str,
    role: Role,
    count: int,
    now: datetime,
    days: int = INVITE_DAYS,
) -> list[IssuedInvite]:
    found = conn.execute(select(units.c.id, units.c.name).where(units.c.code == unit_code)).first()
    if found is None:
        raise AdminError(f"Không có đơn vị {unit_code}.")
    check_placement(conn, found.id, role)
    return [
        _issue(conn, found.id, unit_code, found.name, role, now, days, member_id=None)
        for _ in range(count)
    ]


def _issue(
    conn: Connection,
    unit: int,
    unit_code: str,
    unit_name: str,
    role: Role,
    now: datetime,
    days: int,
    member_id: int | None,
    full_name: str | None = None,
) -> IssuedInvite:
    check_placement(conn, unit, role)
    expires = now + timedelta(days=days)
    while True:  # 31^8 codes: a clash is rare, but the column is unique, so check
        code = new_invite_code()
        if conn.execute(select(invites.c.id).where(invites.c.code == code)).first() is None:
            break
    conn.execute(
        insert(invites).values(
            code=code,
            unit_id=unit,
            role=role.value,
            member_id=member_id,
            expires_at=expires,
            created_at=now,
        )
    )
    audit(conn, "invite.created", "invites", code, {"unit": unit_code, "role": role.value}, now)
    return IssuedInvite(code, unit_code, unit_name, role, expires, full_name)


def open_invites(
    conn: Connection, unit_code: str, now: datetime, *, untied: bool = False
) -> list[IssuedInvite]:
    """Unused, unexpired invites of a unit (`untied`: only those not made for a rostered
    person, which ask the newcomer's name)."""
    query = (
        select(
            invites.c.code,
            units.c.code.label("unit_code"),
            units.c.name,
            invites.c.role,
            invites.c.expires_at,
        )
        .select_from(invites.join(units, invites.c.unit_id == units.c.id))
        .where(units.c.code == unit_code, invites.c.used_at.is_(None), invites.c.expires_at > now)
        .order_by(invites.c.id)
    )
    if untied:
        query = query.where(invites.c.member_id.is_(None))
    rows = conn.execute(query).all()
    return [IssuedInvite(r.code, r.unit_code, r.name, Role(r.role), r.expires_at) for r in rows]


def is_empty(conn: Connection) -> bool:
    return conn.execute(select(func.count()).select_from(units)).scalar_one() == 0


# The demo: a province, one commune, two teams with a small roster. The rostered people have
# names nobody registering types for themselves (a newcomer who did type one would be asked
# whether they are that person: handlers/registration.py).
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


def ensure_demo(conn: Connection, now: datetime, *, plan: bool = True) -> DemoInvites:
    """Idempotent: creates what is missing, and always has one open invite per demo role and
    (with `plan`) a demo plan running on `now`'s day."""
    created = unit_id(conn, DEMO_PROVINCE[0]) is None
    for code, name, kind, parent in (DEMO_PROVINCE, DEMO_COMMUNE, *DEMO_TEAMS):
        if unit_id(conn, code) is None:
            add_unit(conn, code=code, name=name, kind=kind, parent_code=parent, now=now)
    for (unit_code, full_name, role), old_name in zip(DEMO_ROSTER, _OLD_DEMO_NAMES, strict=True):
        _rename_unregistered(conn, unit_code, old_name, full_name, role, now)
        _ensure_roster_member(conn, unit_code, full_name, role, None, now)

    def open_invite(unit_code: str, role: Role) -> IssuedInvite:
        for invite in open_invites(conn, unit_code, now, untied=True):
            if invite.role is role:
                return invite
        return create_invites(conn, unit_code=unit_code, role=role, count=1, now=now)[0]

    return DemoInvites(
        member=open_invite(DEMO_MEMBER_TEAM, Role.MEMBER),
        leader=open_invite(DEMO_LEADER_TEAM, Role.LEADER),
        officer=open_invite(DEMO_COMMUNE[0], Role.OFFICER),
        created=created,
        plan=ensure_demo_plan(conn, now) if plan else None,
    )


def ensure_demo_plan(conn: Connection, now: datetime) -> tuple[str, str]:
    """The code and name of a demo plan running over the demo units on `now`'s day: the one
    loaded earlier while it runs, else one made for this day (an ended one stays, listed as
    ended)."""
    today = now.date()
    scope = DEMO_PROVINCE[0]
    province = unit_id(conn, scope)
    running = conn.execute(
        select(plans.c.code, plans.c.name)
        .where(
            plans.c.kind == "plan",
            plans.c.code.startswith(CODE_PREFIX),
            plans.c.scope_unit_id == province,
            plans.c.starts <= today,
            plans.c.ends >= today,
        )
        .order_by(plans.c.starts.desc())
        .limit(1)
    ).first()
    if running is not None:
        return str(running.code), str(running.name)
    plan, text = todays_demo_plan(today, scope)
    stored_plans.save(conn, plan, text, now)
    return plan.code, plan.name.vi


def _rename_unregistered(
    conn: Connection, unit_code: str, old_name: str, new_name: str, role: Role, now: datetime
) -> None:
    """An earlier demo's rostered person, still unregistered, takes the new demo name."""
    unit = unit_id(conn, unit_code)
    if unit is None:
        return
    taken = conn.execute(
        select(members.c.id).where(members.c.unit_id == unit, members.c.full_name == new_name)
    ).first()
    found = conn.execute(
        select(members.c.id)
        .where(
            members.c.unit_id == unit,
            members.c.full_name == old_name,
            members.c.joined_at.is_(None),
            ~exists().where(identities.c.member_id == members.c.id),
        )
        .order_by(members.c.id)
        .limit(1)
    ).scalar()
    if found is None or taken is not None:
        return
    conn.execute(
        update(members).where(members.c.id == found).values(full_name=new_name, role=role.value)
    )
    audit(conn, "member.renamed", "members", str(found), {"unit": unit_code}, now)


def _ensure_roster_member(
    conn: Connection, unit_code: str, full_name: str, role: Role, phone: str | None, now: datetime
) -> tuple[int, bool]:
    """The member with this name in this unit; (id, True) if it had to be created.

    A roster names each person of a unit once, but the unit may hold two people of that name
    (the rostered one, and someone who registered with an open invite code typing the same
    name): the one first added is the roster's."""
    unit = unit_id(conn, unit_code)
    if unit is None:
        raise AdminError(f"Không có đơn vị {unit_code}.")
    existing = conn.execute(
        select(members.c.id)
        .where(members.c.unit_id == unit, members.c.full_name == full_name)
        .order_by(members.c.id)
        .limit(1)
    ).scalar()
    if existing is not None:
        return int(existing), False
    check_placement(conn, unit, role)
    new_id = conn.execute(
        insert(members)
        .values(
            full_name=full_name,
            phone=phone,
            unit_id=unit,
            role=role.value,
            active=True,
            language="vi",
            created_at=now,
        )
        .returning(members.c.id)
    ).scalar_one()
    return int(new_id), True


def find_unit_by_path(conn: Connection, path: tuple[str, ...]) -> tuple[int, str] | None:
    """Walk the tree by codes or names (marks and case forgiven); the last part is the unit.

    A single part may name any unit by its unique code.
    """
    from campaign.normalize import fold

    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, units.c.parent_id).where(
            units.c.valid_to.is_(None)
        )
    ).all()
    if len(path) == 1:
        by_code = [r for r in rows if r.code.upper() == path[0].upper()]
        if by_code:
            return by_code[0].id, by_code[0].code
    candidates = list(rows)
    parent: int | None = None
    found = None
    for depth, part in enumerate(path):
        key = fold(part)
        level = [
            r
            for r in candidates
            if (depth == 0 or r.parent_id == parent) and key in (fold(r.code), fold(r.name))
        ]
        if len(level) != 1:
            return None
        found = level[0]
        parent = found.id
    return (found.id, found.code) if found is not None else None


@dataclass(frozen=True)
class ImportedMember:
    line: int
    unit_code: str
    full_name: str
    role: Role
    created: bool
    invite_code: str | None  # None once the member has registered


def import_member(
    conn: Connection,
    *,
    line: int,
    unit: tuple[int, str],
    full_name: str,
    role: Role,
    phone: str | None,
    now: datetime,
) -> ImportedMember:
    unit_pk, unit_code = unit
    member_id, created = _ensure_roster_member(conn, unit_code, full_name, role, phone, now)
    joined = conn.execute(select(members.c.joined_at).where(members.c.id == member_id)).scalar()
    if joined is not None:
        return ImportedMember(line, unit_code, full_name, role, created, None)
    existing = conn.execute(
        select(invites.c.code).where(
            invites.c.member_id == member_id,
            invites.c.used_at.is_(None),
            invites.c.expires_at > now,
        )
    ).scalar()
    if existing is None:
        unit_name = conn.execute(select(units.c.name).where(units.c.id == unit_pk)).scalar_one()
        existing = _issue(
            conn,
            unit_pk,
            unit_code,
            unit_name,
            role,
            now,
            INVITE_DAYS,
            member_id=member_id,
            full_name=full_name,
        ).code
    if created:
        audit(conn, "member.imported", "members", str(member_id), {"unit": unit_code}, now)
    return ImportedMember(line, unit_code, full_name, role, created, existing)


@dataclass(frozen=True)
class Misplaced:
    """A member or an open invite whose role does not sit on its unit's kind (made before the
    rule). Ids and codes only: the report goes to a log, names stay out of it."""

    table: str  # "members" / "invites"
    id: int
    role: str
    unit_code: str
    unit_kind: str


def misplaced_rows(conn: Connection, now: datetime) -> list[Misplaced]:
    found: list[Misplaced] = []
    for role, kinds in ROLE_UNITS.items():
        for table, query in (
            (
                "members",
                select(members.c.id, units.c.code, units.c.kind)
                .select_from(members.join(units, members.c.unit_id == units.c.id))
                .where(members.c.active.is_(True), members.c.role == role.value),
            ),
            (
                "invites",
                select(invites.c.id, units.c.code, units.c.kind)
                .select_from(invites.join(units, invites.c.unit_id == units.c.id))
                .where(
                    invites.c.used_at.is_(None),
                    invites.c.expires_at > now,
                    invites.c.role == role.value,
                ),
            ),
        ):
            rows = conn.execute(query.where(units.c.kind.not_in(kinds))).all()
            found += [Misplaced(table, r.id, role.value, r.code, r.kind) for r in rows]
    return sorted(found, key=lambda m: (m.table, m.id))


def prune_deliveries(conn: Connection, older_than: datetime) -> int:
    """Forget handled deliveries past any redelivery window (channels redeliver within hours)."""
    from storage.schema import deliveries

    return int(
        conn.execute(deliveries.delete().where(deliveries.c.created_at < older_than)).rowcount
    )
