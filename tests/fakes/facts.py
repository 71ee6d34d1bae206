"""A typed in-memory fake of `services.ports.FactStore` (dated unit facts), for
tests/services/test_facts.py. It keeps what the SQL keeps, and no rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from campaign.facts import FactValue
from services.ports import Audited, FactRecord, FactStore


@dataclass
class MemoryFacts(FactStore):
    # code: (id, name, line of ids up to the top)
    units: dict[str, tuple[int, str, tuple[int, ...]]] = field(default_factory=dict)
    rows: dict[tuple[int, str, date], FactRecord] = field(default_factory=dict)
    audited: list[Audited] = field(default_factory=list)

    def fact_unit(self, code: str) -> tuple[int, str, tuple[int, ...]] | None:
        return self.units.get(code.strip())

    def fact_set_on(self, unit_id: int, key: str, valid_from: date) -> FactValue | None:
        row = self.rows.get((unit_id, key, valid_from))
        return row.value if row is not None else None

    def set_fact(
        self,
        unit_id: int,
        key: str,
        value: FactValue,
        valid_from: date,
        *,
        set_by: int | None,
        source: str,
        note: str,
        now: datetime,
    ) -> None:
        self.rows[(unit_id, key, valid_from)] = FactRecord(
            unit_id, key, value, valid_from, source, note, None, now
        )

    def fact_history(self, unit_id: int) -> list[FactRecord]:
        return sorted(
            (row for row in self.rows.values() if row.unit_id == unit_id),
            key=lambda row: (row.key, row.valid_from),
        )

    def audit(self, line: Audited) -> None:
        self.audited.append(line)
