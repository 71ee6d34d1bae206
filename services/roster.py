"""Member rosters: a commune's list checked whole against the units, then imported one person
at a time, each with an invite code of their own. The same rules will serve the web console's
upload."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.roles import Role
from campaign.roster import RosterRow, RowProblem
from services import invites
from services.invites import ImportedMember
from services.ports import UnitAdminStore
from services.units import find_unit_by_path, placement_problem

Unit = tuple[int, str]  # id, code


@dataclass
class _Lookups:
    """A roster names a few units many times: each is looked up once (a list of 50,000 rows
    was checked in 30 s, two queries a row, with nothing printed meanwhile)."""

    store: UnitAdminStore
    units: dict[tuple[str, ...], Unit | None] = field(default_factory=dict)
    placements: dict[tuple[int, Role], Localized | None] = field(default_factory=dict)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)  # unit, name -> line

    def unit(self, path: tuple[str, ...]) -> Unit | None:
        if path not in self.units:
            self.units[path] = find_unit_by_path(self.store, path)
        return self.units[path]

    def placement(self, unit: int, role: Role) -> Localized | None:
        if (unit, role) not in self.placements:
            self.placements[unit, role] = placement_problem(self.store, unit, role)
        return self.placements[unit, role]

    def problem(self, row: RosterRow) -> tuple[Unit | None, Localized | None]:
        """The row's unit, or why the row cannot be imported."""
        unit = self.unit(row.unit_path)
        if unit is None:
            path = " / ".join(row.unit_path)
            return None, said("cli_no_open_unit", path=repr(path))
        wrong = self.placement(unit[0], row.role)
        if wrong is not None:
            return None, wrong
        key = (unit[1], row.full_name.casefold())
        if key in self.seen:
            line = self.seen[key]
            return None, said("cli_same_person_as_line", line=line)
        self.seen[key] = row.line
        return unit, None


def check(
    store: UnitAdminStore, people: list[RosterRow], problems: list[RowProblem]
) -> list[tuple[RosterRow, Unit]]:
    """The rows that can be imported, with their unit; each other row's problem is added to
    `problems` (an import goes ahead only when there is none)."""
    lookups = _Lookups(store)
    good: list[tuple[RosterRow, Unit]] = []
    for row in people:
        unit, why = lookups.problem(row)
        if unit is None:
            assert why is not None
            problems.append(RowProblem(row.line, why))
        else:
            good.append((row, unit))
    return good


def import_row(store: UnitAdminStore, row: RosterRow, unit: Unit, now: datetime) -> ImportedMember:
    """The rostered person (created once), their joining day and an open invite for them."""
    return invites.import_member(
        store,
        line=row.line,
        unit=unit,
        full_name=row.full_name,
        role=row.role,
        phone=row.phone,
        now=now,
        joined_on=row.joined_on,
    )
