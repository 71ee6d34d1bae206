"""Entered target values (one row per plan, target, unit and period) and closed periods."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select

from campaign.catalogs import spoken
from campaign.plans import Plan, TargetSpec
from campaign.roles import Role
from campaign.target_values import EnteredValue, Seat
from services.ports import (
    Holder,
    NewTargetValue,
    PeriodClosure,
    StoredValue,
    TargetValueStore,
    ValuePlace,
)
from storage import targets
from storage.plans import parsed
from storage.schema import members, period_closures, plans, target_values, units
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for


class TargetValueRepository(FeatureRepository, TargetValueStore):
    """`services.ports.TargetValueStore`."""

    def plans_in_scope(self, unit_id: int, day: date) -> list[tuple[Plan, int]]:
        above = chain(self.db, unit_id)
        return [(plan, scope) for plan, scope in self.plans_running(day) if scope in above]

    def plans_running(self, day: date) -> list[tuple[Plan, int]]:
        rows = self.db.execute(
            select(
                plans.c.code,
                plans.c.loaded_at,
                plans.c.document,
                plans.c.scope_unit_id,
                plans.c.ends,
            )
            .where(
                plans.c.kind == "plan",
                plans.c.scope_unit_id.is_not(None),
                plans.c.starts <= day,
                plans.c.ends >= day,
            )
            .order_by(plans.c.starts.desc(), plans.c.code)
        ).all()
        return [
            (plan, int(row.scope_unit_id))
            for row in rows
            if (plan := parsed(row.code, row.loaded_at, row.document, row.ends)) is not None
        ]

    def plan_and_scope(self, code: str) -> tuple[Plan, int] | None:
        row = self.db.execute(
            select(
                plans.c.code,
                plans.c.loaded_at,
                plans.c.document,
                plans.c.scope_unit_id,
                plans.c.ends,
            ).where(plans.c.code == code, plans.c.kind == "plan")
        ).first()
        if row is None or row.scope_unit_id is None:
            return None
        # an ended plan (`plan end`) stops on the row's day, not its document's
        plan = parsed(row.code, row.loaded_at, row.document, row.ends)
        return None if plan is None else (plan, int(row.scope_unit_id))

    def value_places(self, unit_id: int) -> list[ValuePlace]:
        ids = subtree(self.db, unit_id, open_only=True)
        rows = self.db.execute(
            select(units.c.id, units.c.code, units.c.name, units.c.kind).where(units.c.id.in_(ids))
        ).all()
        order = {unit: place for place, unit in enumerate(ids)}
        return [self._value_place(row) for row in sorted(rows, key=lambda r: order[r.id])]

    def value_place(self, code: str) -> ValuePlace | None:
        row = self.db.execute(
            select(units.c.id, units.c.code, units.c.name, units.c.kind).where(units.c.code == code)
        ).first()
        return None if row is None else self._value_place(row)

    def _value_place(self, row: Any) -> ValuePlace:
        seat = Seat(int(row.id), str(row.kind), chain(self.db, int(row.id)))
        return ValuePlace(seat, str(row.code), str(row.name))

    def target_values(
        self, plan_code: str, unit_ids: Collection[int], period_start: date
    ) -> list[StoredValue]:
        if not unit_ids:
            return []
        rows = self.db.execute(
            select(target_values)
            .where(
                target_values.c.plan_code == plan_code,
                target_values.c.unit_id.in_(list(unit_ids)),
                target_values.c.period_start == period_start,
            )
            .order_by(target_values.c.id)
        ).all()
        return [_stored(row) for row in rows]

    def save_target_value(self, value: NewTargetValue) -> tuple[int, StoredValue | None]:
        before = next(
            (
                stored
                for stored in self.target_values(
                    value.plan_code, [value.unit_id], value.period_start
                )
                if stored.target_code == value.target_code
            ),
            None,
        )
        written = {
            "period_end": value.period_end,
            "value": value.value.value,
            "met": value.value.met,
            "numerator": value.value.numerator,
            "denominator": value.value.denominator,
            "note": value.note,
            "document_id": value.document_id,
            "entered_by": value.entered_by,
            "entered_at": value.now,
        }
        saved = self.db.execute(
            insert_for(self.db, target_values)
            .values(
                plan_code=value.plan_code,
                target_code=value.target_code,
                unit_id=value.unit_id,
                period_start=value.period_start,
                **written,
            )
            # One row per plan, target, unit and period: a second saving replaces it (two
            # officers at once: the later one wins, as an edit would; each is audited).
            .on_conflict_do_update(
                index_elements=["plan_code", "target_code", "unit_id", "period_start"],
                set_=written,
            )
            .returning(target_values.c.id)
        )
        return int(saved.scalar_one()), before

    def closure_over(
        self, plan_code: str, period_start: date, unit_id: int
    ) -> PeriodClosure | None:
        row = self.db.execute(
            select(period_closures)
            .where(
                period_closures.c.plan_code == plan_code,
                period_closures.c.period_start == period_start,
                period_closures.c.scope_unit_id.in_(chain(self.db, unit_id)),
            )
            .order_by(period_closures.c.closed_at, period_closures.c.id)
        ).first()
        if row is None:
            return None
        return PeriodClosure(
            row.plan_code,
            row.period_start,
            row.period_end,
            row.scope_unit_id,
            row.closed_by,
            row.closed_at,
        )

    def close_period(self, closure: PeriodClosure) -> bool:
        inserted = self.db.execute(
            insert_for(self.db, period_closures)
            .values(
                plan_code=closure.plan_code,
                period_start=closure.period_start,
                period_end=closure.period_end,
                scope_unit_id=closure.scope_unit_id,
                closed_by=closure.closed_by,
                closed_at=closure.closed_at,
            )
            .on_conflict_do_nothing()
            .returning(period_closures.c.id)
        ).first()
        return inserted is not None

    def hint_count(
        self, plan: Plan, target: TargetSpec, unit_id: int, start: date, end: date
    ) -> float | None:
        hint = target.measure.entered.hint if target.measure.entered else None
        if hint is None:
            return None
        window = targets.Window.of(start, end, self.work.zone)
        return targets.count(self.db, plan, hint, unit_id, window)

    def holders(self, unit_ids: Collection[int], role: Role) -> list[Holder]:
        if not unit_ids:
            return []
        rows = self.db.execute(
            select(members.c.id, members.c.unit_id, members.c.language)
            .where(
                members.c.unit_id.in_(list(unit_ids)),
                members.c.role == role.value,
                members.c.active.is_(True),
                members.c.joined_at.is_not(None),
            )
            .order_by(members.c.id)
        ).all()
        return [Holder(int(r.id), int(r.unit_id), spoken(r.language)) for r in rows]


def _stored(row: Any) -> StoredValue:
    value = EnteredValue(
        float(row.value) if row.value is not None else 0.0,
        met=row.met,
        numerator=row.numerator,
        denominator=row.denominator,
    )
    return StoredValue(
        plan_code=row.plan_code,
        target_code=row.target_code,
        unit_id=row.unit_id,
        period_start=row.period_start,
        period_end=row.period_end,
        value=value,
        note=row.note,
        document_id=row.document_id,
        entered_by=row.entered_by,
        entered_at=row.entered_at,
    )


__all__ = ["TargetValueRepository"]
