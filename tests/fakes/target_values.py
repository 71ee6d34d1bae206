"""An in-memory `TargetValueStore` (with the documents and notices the service uses), for the
service's tests: a small unit tree, the plans over it, role holders, values and closures."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from campaign.plans import Plan, TargetSpec
from campaign.roles import Role
from campaign.target_values import Seat
from handlers.messages import Notice
from services.ports import (
    Audited,
    DocumentStore,
    DocumentView,
    Holder,
    MemberView,
    NewDocument,
    NewTargetValue,
    NoticeStore,
    PeriodClosure,
    StoredValue,
    TargetValueStore,
    ValuePlace,
)


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    kind: str
    parent: int | None


@dataclass
class MemoryTargetValues(TargetValueStore, DocumentStore, NoticeStore):
    units: list[Unit]
    plans: list[tuple[Plan, int]]
    people: list[tuple[Holder, Role]] = field(default_factory=list)
    hint: float | None = None  # what the measures' counting would say
    values: dict[tuple[str, str, int, date], tuple[int, StoredValue]] = field(default_factory=dict)
    closures: list[PeriodClosure] = field(default_factory=list)
    kept: dict[int, NewDocument] = field(default_factory=dict)
    owners: dict[int, tuple[str, int]] = field(default_factory=dict)
    audited: list[Audited] = field(default_factory=list)
    told: list[Notice] = field(default_factory=list)

    def _chain(self, unit_id: int) -> tuple[int, ...]:
        by_id = {u.id: u for u in self.units}
        found: list[int] = []
        current: int | None = unit_id
        while current is not None:
            found.append(current)
            current = by_id[current].parent
        return tuple(found)

    def _place(self, unit: Unit) -> ValuePlace:
        return ValuePlace(Seat(unit.id, unit.kind, self._chain(unit.id)), unit.code, unit.name)

    def plans_in_scope(self, unit_id: int, day: date) -> list[tuple[Plan, int]]:
        above = self._chain(unit_id)
        return [(p, s) for p, s in self.plans_running(day) if s in above]

    def plans_running(self, day: date) -> list[tuple[Plan, int]]:
        return [(p, s) for p, s in self.plans if p.active_on(day)]

    def plan_and_scope(self, code: str) -> tuple[Plan, int] | None:
        return next(((p, s) for p, s in self.plans if p.code == code), None)

    def value_places(self, unit_id: int) -> list[ValuePlace]:
        order: list[Unit] = []
        frontier = [u for u in self.units if u.id == unit_id]
        while frontier:
            order += frontier
            ids = {u.id for u in frontier}
            frontier = [u for u in self.units if u.parent in ids]
        return [self._place(u) for u in order]

    def value_place(self, code: str) -> ValuePlace | None:
        return next((self._place(u) for u in self.units if u.code == code), None)

    def target_values(
        self, plan_code: str, unit_ids: Collection[int], period_start: date
    ) -> list[StoredValue]:
        return [
            stored
            for (plan, _, unit, start), (_, stored) in self.values.items()
            if plan == plan_code and unit in unit_ids and start == period_start
        ]

    def save_target_value(self, value: NewTargetValue) -> tuple[int, StoredValue | None]:
        key = (value.plan_code, value.target_code, value.unit_id, value.period_start)
        row_id, before = self.values.get(key, (len(self.values) + 1, None))
        self.values[key] = (
            row_id,
            StoredValue(
                value.plan_code,
                value.target_code,
                value.unit_id,
                value.period_start,
                value.period_end,
                value.value,
                value.note,
                value.document_id,
                value.entered_by,
                value.now,
            ),
        )
        return row_id, before

    def closure_over(
        self, plan_code: str, period_start: date, unit_id: int
    ) -> PeriodClosure | None:
        above = self._chain(unit_id)
        return next(
            (
                c
                for c in self.closures
                if (c.plan_code, c.period_start) == (plan_code, period_start)
                and c.scope_unit_id in above
            ),
            None,
        )

    def close_period(self, closure: PeriodClosure) -> bool:
        same = replace(closure, closed_by=None, closed_at=datetime.min)
        if any(replace(c, closed_by=None, closed_at=datetime.min) == same for c in self.closures):
            return False
        self.closures.append(closure)
        return True

    def hint_count(
        self, plan: Plan, target: TargetSpec, unit_id: int, start: date, end: date
    ) -> float | None:
        return self.hint

    def holders(self, unit_ids: Collection[int], role: Role) -> list[Holder]:
        return [h for h, r in self.people if r is role and h.unit_id in unit_ids]

    # Documents
    def add_document(self, document: NewDocument) -> int:
        number = len(self.kept) + 1
        self.kept[number] = document
        return number

    def attach_document(self, document_id: int, owner_kind: str, owner_id: int) -> None:
        self.owners[document_id] = (owner_kind, owner_id)

    def document(self, reader: MemberView | None, document_id: int) -> DocumentView | None:
        return None  # opening is tested on the database (tests/storage/test_documents.py)

    def document_bytes(self, reader: MemberView | None, document_id: int) -> bytes | None:
        return None

    # Notices
    def notify(self, notices: list[Notice], now: datetime) -> None:
        self.told += notices

    def audit(self, line: Audited) -> None:
        self.audited.append(line)
