"""Administration off the hot path: units, invites, the demo data and roster imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, exists, func, insert, select, update

from campaign.codes import new_invite_code
from campaign.demo_plan import CODE_PREFIX, todays_demo_plan
from campaign.localized import L, Language, Localized
from campaign.roles import ROLE_UNITS, Role, misplaced
from campaign.units import code_problem, kind_problem, normal_kind, tree_problem
from storage import plans as stored_plans
from storage.audit import record
from storage.schema import identities, invites, members, plans, units
from storage.tree import subtree

INVITE_DAYS = 30


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    members: int
    valid_to: date | None = None  # closed on (with --all)
    successor_code: str | None = None  # merged into


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    unit_code: str
    unit_name: str
    role: Role
    expires_at: datetime
    full_name: str | None = None


class AdminError(ValueError):
    """A request the data refuses (unknown unit, duplicate code); the message is for people,
    in Vietnamese (str) and English (`text("en")`)."""

    def __init__(self, vi: str | Localized, en: str | None = None) -> None:
        localized = vi if isinstance(vi, Localized) else L(vi, en or vi)
        super().__init__(localized.vi)
        self.localized = localized

    def text(self, lang: Language) -> str:
        return self.localized.get(lang)


def audit(
    conn: Connection,
    action: str,
    target: str,
    target_id: str,
    details: dict[str, Any],
    now: datetime,
) -> None:
    record(conn, "cli", None, action, target, target_id, details, now)


def unit_id(conn: Connection, code: str) -> int | None:
    return conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one_or_none()


def placement_problem(conn: Connection, unit: int, role: Role) -> Localized | None:
    """Why `role` cannot sit on this unit (its kind does not take that role)."""
    row = conn.execute(select(units.c.code, units.c.kind).where(units.c.id == unit)).one()
    problem = misplaced(role, row.kind)
    if problem is None:
        return None
    return L(f"đơn vị {row.code}: {problem.vi}", f"unit {row.code}: {problem.en}")


def check_placement(conn: Connection, unit: int, role: Role) -> None:
    """Refuse a member or invite whose role does not sit on this kind of unit (campaign/roles)."""
    row = conn.execute(select(units.c.code, units.c.kind).where(units.c.id == unit)).one()
    problem = misplaced(role, row.kind)
    if problem is not None:
        raise AdminError(
            f"Không tạo được: đơn vị {row.code}: {problem.vi}",
            f"Not created: unit {row.code}: {problem.en}",
        )


def add_unit(
    conn: Connection,
    *,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None,
    now: datetime,
) -> int:
    """A new unit: a code of the safe alphabet (campaign/units.CODE_SHAPE), a known kind, an
    open parent that the tree rule allows. Nothing is written when any of it is wrong."""
    problem = code_problem(code)
    if problem is not None:
        raise AdminError(problem)
    _check_unit_name(name)
    if unit_id(conn, code) is not None:
        raise AdminError(f"Đơn vị {code} đã tồn tại.", f"Unit {code} already exists.")
    kind = normal_kind(kind)
    problem = kind_problem(kind)
    if problem is not None:
        raise AdminError(problem)
    parent = None
    parent_kind = None
    if parent_code:
        found = open_unit(conn, parent_code, above=True)
        parent, parent_kind = found.id, found.kind
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


@dataclass(frozen=True)
class OpenUnit:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


def open_unit(
    conn: Connection, code: str, *, above: bool = False, successor: bool = False
) -> OpenUnit:
    """The unit with this code, still in force; AdminError otherwise (`above`: said of a
    parent, `successor`: of the unit another merges into)."""
    row = conn.execute(
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            units.c.kind,
            units.c.parent_id,
            units.c.valid_to,
        ).where(units.c.code == code)
    ).first()
    if row is None:
        if successor:
            raise AdminError(f"Không có đơn vị kế thừa {code}.", f"No unit {code} to merge into.")
        if above:
            raise AdminError(f"Không có đơn vị cấp trên {code}.", f"No unit {code} to sit under.")
        raise AdminError(f"Không có đơn vị {code}.", f"No unit {code}.")
    if row.valid_to is not None:
        raise AdminError(
            f"Đơn vị {code} đã đóng từ {row.valid_to:%d/%m/%Y}.",
            f"Unit {code} was closed on {row.valid_to:%d/%m/%Y}.",
        )
    return OpenUnit(row.id, row.code, row.name, row.kind, row.parent_id)


MAX_UNIT_NAME = 200  # units.name's width


def _check_unit_name(name: str) -> None:
    if len(name) > MAX_UNIT_NAME:
        raise AdminError(
            f"Tên đơn vị dài {len(name)} ký tự, tối đa {MAX_UNIT_NAME} ký tự.",
            f"The unit name is {len(name)} characters long; at most {MAX_UNIT_NAME} characters.",
        )


def rename_unit(conn: Connection, code: str, name: str, now: datetime) -> str:
    """The unit's new name; returns the old one. Entries and standings follow by id."""
    _check_unit_name(name)
    unit = open_unit(conn, code)
    conn.execute(update(units).where(units.c.id == unit.id).values(name=name))
    audit(conn, "unit.renamed", "units", code, {"from": unit.name, "to": name}, now)
    return unit.name


def move_unit(conn: Connection, code: str, parent_code: str, now: datetime) -> None:
    """Put the unit (with everything under it) under another parent, keeping the tree rule."""
    unit = open_unit(conn, code)
    parent = open_unit(conn, parent_code, above=True)
    if parent.id in subtree(conn, unit.id):
        raise AdminError(
            f"Không thể đặt {code} dưới {parent_code}: {parent_code} nằm trong {code}.",
            f"Cannot put {code} under {parent_code}: {parent_code} is inside {code}.",
        )
    problem = tree_problem(unit.kind, parent.kind)
    if problem is not None:
        raise AdminError(problem)
    conn.execute(update(units).where(units.c.id == unit.id).values(parent_id=parent.id))
    audit(conn, "unit.moved", "units", code, {"parent": parent_code}, now)


def _check_close_day(conn: Connection, unit: OpenUnit, on: date, now: datetime) -> None:
    if on > now.date():
        raise AdminError(
            f"Ngày đóng {on:%d/%m/%Y} chưa tới: hãy đóng đơn vị vào ngày đó hoặc sau đó.",
            f"The closing day {on:%d/%m/%Y} has not come: close the unit on or after it.",
        )
    valid_from = conn.execute(select(units.c.valid_from).where(units.c.id == unit.id)).scalar_one()
    if on < valid_from:
        raise AdminError(
            f"Ngày đóng {on:%d/%m/%Y} trước ngày đơn vị bắt đầu ({valid_from:%d/%m/%Y}).",
            f"The closing day {on:%d/%m/%Y} is before the unit began ({valid_from:%d/%m/%Y}).",
        )


def _open_children(conn: Connection, unit_id: int) -> list[str]:
    return list(
        conn.execute(
            select(units.c.code)
            .where(units.c.parent_id == unit_id, units.c.valid_to.is_(None))
            .order_by(units.c.code)
        ).scalars()
    )


def _expire_invites(conn: Connection, unit_id: int, now: datetime) -> int:
    return int(
        conn.execute(
            update(invites)
            .where(
                invites.c.unit_id == unit_id,
                invites.c.used_at.is_(None),
                invites.c.expires_at > now,
            )
            .values(expires_at=now)
        ).rowcount
    )


def close_unit(conn: Connection, code: str, on: date, now: datetime) -> int:
    """Close an empty unit on a day (valid_to): it leaves standings, reminders and lookups; its
    entries stay. One that still holds people or open units is refused (move or merge them
    first: closing must not strand anyone). Returns how many open invites were withdrawn."""
    unit = open_unit(conn, code)
    _check_close_day(conn, unit, on, now)
    children = _open_children(conn, unit.id)
    people = conn.execute(
        select(func.count())
        .select_from(members)
        .where(members.c.unit_id == unit.id, members.c.active.is_(True))
    ).scalar_one()
    if children or people:
        held = ", ".join([*([f"{people} thành viên"] if people else []), *children])
        held_en = ", ".join([*([f"{people} member(s)"] if people else []), *children])
        raise AdminError(
            f"Đơn vị {code} còn {held}: chuyển đi (antt-bot unit move) hoặc sáp nhập "
            f"(antt-bot unit merge {code} --into MÃ) trước khi đóng.",
            f"Unit {code} still holds {held_en}: move them (antt-bot unit move) or merge "
            f"(antt-bot unit merge {code} --into CODE) before closing.",
        )
    conn.execute(update(units).where(units.c.id == unit.id).values(valid_to=on))
    withdrawn = _expire_invites(conn, unit.id, now)
    audit(conn, "unit.closed", "units", code, {"on": on.isoformat()}, now)
    return withdrawn


@dataclass(frozen=True)
class Merged:
    members: int
    units: int
    invites: int


def merge_unit(conn: Connection, code: str, into: str, on: date, now: datetime) -> Merged:
    """Merge a unit into its successor, as the 2025 reform merged communes: the old unit closes
    on `on` with successor_id set; its people, the units under it and its open invites move to
    the successor. Entries keep the unit they were logged in (history: the team standings of
    the old unit stop, the successor's count from the merger on; each member's own points stay
    theirs, as members are scored by person)."""
    old = open_unit(conn, code)
    new = open_unit(conn, into, successor=True)
    if old.id == new.id or new.id in subtree(conn, old.id):
        raise AdminError(
            f"Không thể sáp nhập {code} vào {into}: {into} là chính nó hoặc nằm trong nó.",
            f"Cannot merge {code} into {into}: {into} is the unit itself or inside it.",
        )
    if old.kind != new.kind:
        raise AdminError(
            f"Không thể sáp nhập {code} ({old.kind}) vào {into} ({new.kind}): hai đơn vị phải "
            "cùng cấp.",
            f"Cannot merge {code} ({old.kind}) into {into} ({new.kind}): both must be of one kind.",
        )
    _check_close_day(conn, old, on, now)
    moved_members = conn.execute(
        update(members).where(members.c.unit_id == old.id).values(unit_id=new.id)
    ).rowcount
    moved_units = conn.execute(
        update(units)
        .where(units.c.parent_id == old.id, units.c.valid_to.is_(None))
        .values(parent_id=new.id)
    ).rowcount
    moved_invites = conn.execute(
        update(invites)
        .where(invites.c.unit_id == old.id, invites.c.used_at.is_(None), invites.c.expires_at > now)
        .values(unit_id=new.id)
    ).rowcount
    conn.execute(update(units).where(units.c.id == old.id).values(valid_to=on, successor_id=new.id))
    merged = Merged(int(moved_members), int(moved_units), int(moved_invites))
    audit(
        conn,
        "unit.merged",
        "units",
        code,
        {"into": into, "on": on.isoformat(), "members": merged.members, "units": merged.units},
        now,
    )
    return merged


def list_units(conn: Connection, include_closed: bool = False) -> list[UnitRow]:
    parent = units.alias("parent")
    successor = units.alias("successor")
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
            units.c.valid_to,
            successor.c.code.label("successor_code"),
        )
        .select_from(
            units.outerjoin(parent, units.c.parent_id == parent.c.id)
            .outerjoin(counts, counts.c.unit_id == units.c.id)
            .outerjoin(successor, units.c.successor_id == successor.c.id)
        )
        .where(units.c.valid_to.is_(None) if not include_closed else units.c.id.is_not(None))
        .order_by(units.c.code)
    ).all()
    return [
        UnitRow(r.id, r.code, r.name, r.kind, r.parent_code, int(r.n), r.valid_to, r.successor_code)
        for r in rows
    ]


def create_invites(
    conn: Connection,
    *,
    unit_code: str,
    role: Role,
    count: int,
    now: datetime,
    days: int = INVITE_DAYS,
) -> list[IssuedInvite]:
    found = open_unit(conn, unit_code)
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
        raise AdminError(f"Không có đơn vị {unit_code}.", f"No unit {unit_code}.")
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
    unit_name: str = ""
    expires_at: datetime | None = None  # the invite's (None once registered)


def import_member(
    conn: Connection,
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
    valid_from goes back), so grading counts their months from it, not from the bot's start."""
    unit_pk, unit_code = unit
    member_id, created = _ensure_roster_member(conn, unit_code, full_name, role, phone, now)
    if joined_on is not None:
        before = conn.execute(
            select(members.c.joined_team_on).where(members.c.id == member_id)
        ).scalar()
        if before != joined_on:
            conn.execute(
                update(members).where(members.c.id == member_id).values(joined_team_on=joined_on)
            )
            if not created:
                audit(
                    conn,
                    "member.joined_team_on",
                    "members",
                    str(member_id),
                    {"from": before.isoformat() if before else None, "to": joined_on.isoformat()},
                    now,
                )
        conn.execute(
            update(units)
            .where(units.c.id == unit_pk, units.c.valid_from > joined_on)
            .values(valid_from=joined_on)
        )
    unit_name = conn.execute(select(units.c.name).where(units.c.id == unit_pk)).scalar_one()
    joined = conn.execute(select(members.c.joined_at).where(members.c.id == member_id)).scalar()
    if joined is not None:
        return ImportedMember(line, unit_code, full_name, role, created, None, unit_name)
    existing = conn.execute(
        select(invites.c.code, invites.c.expires_at).where(
            invites.c.member_id == member_id,
            invites.c.used_at.is_(None),
            invites.c.expires_at > now,
        )
    ).first()
    if existing is None:
        issued = _issue(
            conn,
            unit_pk,
            unit_code,
            unit_name,
            role,
            now,
            INVITE_DAYS,
            member_id=member_id,
            full_name=full_name,
        )
        code, expires = issued.code, issued.expires_at
    else:
        code, expires = existing.code, existing.expires_at
    if created:
        audit(conn, "member.imported", "members", str(member_id), {"unit": unit_code}, now)
    return ImportedMember(line, unit_code, full_name, role, created, code, unit_name, expires)


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
