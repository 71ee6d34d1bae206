"""A typed in-memory fake of `services.ports.UnitKindStore`: `FakeUnits` (the unit tree) with
the kinds a province adds, the village a team covers and dated groupings, for
tests/services/test_unit_kinds.py. Subclassing the port, mypy --strict fails when it misses a
method; it keeps what the SQL keeps, and no rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from campaign.unit_kinds import UnitKind
from services.ports import UnitKindStore
from tests.fakes.units import FakeUnits


@dataclass(frozen=True)
class FakeGroupRow:
    scheme: str
    group_unit_id: int
    unit_id: int
    valid_from: date
    valid_to: date | None
    source: str


@dataclass
class FakeKindedUnits(FakeUnits, UnitKindStore):
    groups: list[FakeGroupRow] = field(default_factory=list)

    def add_unit_kind(self, kind: UnitKind, now: datetime) -> None:
        self.kinds[kind.code] = kind

    def set_area(self, unit_id: int, area_unit_id: int | None) -> None:
        if area_unit_id is None:
            self.areas.pop(unit_id, None)
        else:
            self.areas[unit_id] = area_unit_id

    def in_group(self, scheme: str, group_unit_id: int, unit_id: int, valid_from: date) -> bool:
        return any(
            (g.scheme, g.group_unit_id, g.unit_id, g.valid_from)
            == (scheme, group_unit_id, unit_id, valid_from)
            for g in self.groups
        )

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
        self.groups.append(
            FakeGroupRow(scheme, group_unit_id, unit_id, valid_from, valid_to, source)
        )
