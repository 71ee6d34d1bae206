"""The unit tree's storage (`services.ports.UnitStore`): units added, renamed, moved, closed
and merged, listed with their people, and the rows left misplaced by older versions. The
rules (codes, kinds, the tree, what closing needs) are services/units.py's."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from campaign.plans import Plan
from campaign.roles import Role
from campaign.unit_kinds import UnitKind
from services.ports import (
    Audited,
    Misplaced,
    Moved,
    UnitAuditStore,
    UnitKindStore,
    UnitNode,
    UnitRow,
    UnitView,
)
from storage import plans as stored_plans
from storage import unit_groups, unit_kinds
from storage.invites import IssueRepository
from storage.schema import invites, members, plans, units
from storage.tree import subtree
from storage.unit_of_work import FeatureRepository

_UNIT = select(
    units.c.id,
    units.c.code,
    units.c.name,
    units.c.kind,
    units.c.parent_id,
    units.c.valid_from,
    units.c.valid_to,
)
# The command line's acts are audited as the command line's (no member acts there).
ADMIN_ACTOR = "cli"


def unit_id(conn: Connection, code: str) -> int | None:
    """The id of the unit with this code, open or closed."""
    return conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one_or_none()


def _view(row: Any) -> UnitView:
    return UnitView(
        row.id, row.code, row.name, row.kind, row.parent_id, row.valid_from, row.valid_to
    )


def _open_invites_of(unit: int, now: datetime) -> Any:
    return (invites.c.unit_id == unit, invites.c.used_at.is_(None), invites.c.expires_at > now)


class UnitTreeRepository(FeatureRepository, UnitKindStore):
    """Units in SQL (`services.ports.UnitStore`)."""

    def unit(self, code: str) -> UnitView | None:
        row = self.db.execute(_UNIT.where(units.c.code == code)).first()
        return None if row is None else _view(row)

    def unit_by_id(self, unit_id: int) -> UnitView:
        return _view(self.db.execute(_UNIT.where(units.c.id == unit_id)).one())

    def open_units(self) -> list[UnitView]:
        rows = self.db.execute(_UNIT.where(units.c.valid_to.is_(None)).order_by(units.c.id))
        return [_view(row) for row in rows]

    def has_units(self) -> bool:
        return bool(self.db.execute(select(func.count()).select_from(units)).scalar_one())

    def unit_kinds(self) -> dict[str, UnitKind]:
        return unit_kinds.kinds_of(self.db)

    def add_unit_kind(self, kind: UnitKind, now: datetime) -> None:
        unit_kinds.add_kind(self.db, kind, now)

    def set_area(self, unit_id: int, area_unit_id: int | None) -> None:
        self.db.execute(
            update(units).where(units.c.id == unit_id).values(area_unit_id=area_unit_id)
        )

    def in_group(self, scheme: str, group_unit_id: int, unit_id: int, valid_from: date) -> bool:
        return unit_groups.has_membership(self.db, scheme, group_unit_id, unit_id, valid_from)

    def add_to_group(
        self,
        *,
        scheme: str,
        group_unit_id: int,
        unit_id: int,
        valid_from: date,
        valid_to: date | None,
        source: str,
    ) -> None:
        unit_groups.add_membership(
            self.db,
            scheme=scheme,
            group_unit_id=group_unit_id,
            unit_id=unit_id,
            valid_from=valid_from,
            valid_to=valid_to,
            source=source,
        )

    def listed(self, include_closed: bool) -> list[UnitRow]:
        parent = units.alias("parent")
        successor = units.alias("successor")
        area = units.alias("area")
        counts = (
            select(members.c.unit_id, func.count().label("n"))
            .where(members.c.active.is_(True))
            .group_by(members.c.unit_id)
            .subquery()
        )
        query = (
            select(
                units.c.id,
                units.c.code,
                units.c.name,
                units.c.kind,
                parent.c.code.label("parent_code"),
                func.coalesce(counts.c.n, 0).label("n"),
                units.c.valid_to,
                successor.c.code.label("successor_code"),
                area.c.code.label("area_code"),
            )
            .select_from(
                units.outerjoin(parent, units.c.parent_id == parent.c.id)
                .outerjoin(counts, counts.c.unit_id == units.c.id)
                .outerjoin(successor, units.c.successor_id == successor.c.id)
                .outerjoin(area, units.c.area_unit_id == area.c.id)
            )
            .order_by(units.c.code)
        )
        if not include_closed:
            query = query.where(units.c.valid_to.is_(None))
        return [
            UnitRow(
                r.id,
                r.code,
                r.name,
                r.kind,
                r.parent_code,
                int(r.n),
                r.valid_to,
                r.successor_code,
                r.area_code,
            )
            for r in self.db.execute(query)
        ]

    def add_unit(
        self, *, code: str, name: str, kind: str, parent_id: int | None, now: datetime
    ) -> int:
        new_id = self.db.execute(
            insert(units)
            .values(
                code=code,
                name=name,
                kind=kind,
                parent_id=parent_id,
                valid_from=now.date(),
                created_at=now,
            )
            .returning(units.c.id)
        ).scalar_one()
        return int(new_id)

    def rename_unit(self, unit_id: int, name: str) -> None:
        self.db.execute(update(units).where(units.c.id == unit_id).values(name=name))

    def move_unit(self, unit_id: int, parent_id: int) -> None:
        self.db.execute(update(units).where(units.c.id == unit_id).values(parent_id=parent_id))

    def subtree(self, unit_id: int) -> list[int]:
        return subtree(self.db, unit_id)

    def open_children(self, unit_id: int) -> list[str]:
        return list(
            self.db.execute(
                select(units.c.code)
                .where(units.c.parent_id == unit_id, units.c.valid_to.is_(None))
                .order_by(units.c.code)
            ).scalars()
        )

    def active_members(self, unit_id: int) -> int:
        return int(
            self.db.execute(
                select(func.count())
                .select_from(members)
                .where(members.c.unit_id == unit_id, members.c.active.is_(True))
            ).scalar_one()
        )

    def close_unit(self, unit_id: int, on: date, successor_id: int | None = None) -> None:
        self.db.execute(
            update(units)
            .where(units.c.id == unit_id)
            .values(valid_to=on, successor_id=successor_id)
        )

    def withdraw_invites(self, unit_id: int, now: datetime) -> int:
        withdrawn = self.db.execute(
            update(invites).where(*_open_invites_of(unit_id, now)).values(expires_at=now)
        )
        return int(withdrawn.rowcount)

    def move_contents(self, from_id: int, to_id: int, now: datetime) -> Moved:
        people = self.db.execute(
            update(members).where(members.c.unit_id == from_id).values(unit_id=to_id)
        )
        under = self.db.execute(
            update(units)
            .where(units.c.parent_id == from_id, units.c.valid_to.is_(None))
            .values(parent_id=to_id)
        )
        codes = self.db.execute(
            update(invites).where(*_open_invites_of(from_id, now)).values(unit_id=to_id)
        )
        return Moved(int(people.rowcount), int(under.rowcount), int(codes.rowcount))

    def misplaced(self, kinds: Mapping[Role, Collection[str]], now: datetime) -> list[Misplaced]:
        found: list[Misplaced] = []
        for role, fitting in kinds.items():
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
                rows = self.db.execute(query.where(units.c.kind.not_in(fitting))).all()
                found += [Misplaced(table, r.id, role.value, r.code, r.kind) for r in rows]
        return sorted(found, key=lambda m: (m.table, m.id))

    def running_plan(self, scope_id: int, code_prefix: str, day: date) -> tuple[str, str] | None:
        running = self.db.execute(
            select(plans.c.code, plans.c.name)
            .where(
                plans.c.kind == "plan",
                plans.c.code.startswith(code_prefix),
                plans.c.scope_unit_id == scope_id,
                plans.c.starts <= day,
                plans.c.ends >= day,
            )
            .order_by(plans.c.starts.desc())
            .limit(1)
        ).first()
        return None if running is None else (str(running.code), str(running.name))

    def load_plan(self, plan: Plan, text: str, now: datetime) -> None:
        stored_plans.save(self.db, plan, text, now)

    def record(
        self, action: str, target: str, target_id: str, details: dict[str, Any], now: datetime
    ) -> None:
        self.audit(Audited(action, target, target_id, now, details=details, actor=ADMIN_ACTOR))

    def unit_nodes(self, unit_ids: Collection[int]) -> list[UnitNode]:
        if not unit_ids:
            return []
        successor = units.alias("successor")
        counts = (
            select(members.c.unit_id, func.count().label("n"))
            .where(members.c.active.is_(True))
            .group_by(members.c.unit_id)
            .subquery()
        )
        rows = self.db.execute(
            select(
                units.c.id,
                units.c.code,
                units.c.name,
                units.c.kind,
                units.c.parent_id,
                units.c.valid_from,
                units.c.valid_to,
                successor.c.code.label("successor_code"),
                func.coalesce(counts.c.n, 0).label("n"),
            )
            .select_from(
                units.outerjoin(successor, units.c.successor_id == successor.c.id).outerjoin(
                    counts, counts.c.unit_id == units.c.id
                )
            )
            .where(units.c.id.in_(list(unit_ids)))
            .order_by(units.c.code)
        )
        return [
            UnitNode(
                r.id,
                r.code,
                r.name,
                r.kind,
                r.parent_id,
                r.valid_from,
                r.valid_to,
                r.successor_code,
                int(r.n),
            )
            for r in rows
        ]


class UnitRepository(UnitTreeRepository, IssueRepository, UnitAuditStore):
    """Units and the codes issued for them on one unit of work (`UnitAdminStore`; as the
    console keeps them, `UnitAuditStore`)."""


def group_of(conn: Connection, scheme: str, unit_id: int, day: date) -> int | None:
    """The group (a former district's unit) of this unit under `scheme` on `day`."""
    return unit_groups.group_of(conn, scheme, unit_id, day)


def members_of_group(conn: Connection, scheme: str, group_unit_id: int, day: date) -> list[int]:
    """The units (communes) in the group under `scheme` on `day`."""
    return unit_groups.members_of_group(conn, scheme, group_unit_id, day)


__all__ = ["UnitRepository", "UnitTreeRepository", "group_of", "members_of_group", "unit_id"]
