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
from services.ports import (
    COMMAND_LINE,
    Audited,
    CommandLine,
    MemberView,
    NoticeStore,
    RosterImportStore,
    UnitAdminStore,
)
from services.refusals import Refused
from services.units import find_unit_by_path, placement_problem

Unit = tuple[int, str]  # id, code


@dataclass
class _Lookups:
    """A roster names a few units many times: each is looked up once (a list of 50,000 rows
    was checked in 30 s, two queries a row, with nothing printed meanwhile)."""

    store: UnitAdminStore
    within: frozenset[int] | None  # the units the importer may fill; None: every unit
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
        if self.within is not None and unit[0] not in self.within:
            path = " / ".join(row.unit_path)
            return None, said("console_files_row_outside", path=repr(path))
        wrong = self.placement(unit[0], row.role)
        if wrong is not None:
            return None, wrong
        key = (unit[1], row.full_name.casefold())
        if key in self.seen:
            line = self.seen[key]
            return None, said("cli_same_person_as_line", line=line)
        self.seen[key] = row.line
        return unit, None


Importer = MemberView | CommandLine


def may_import(importer: Importer) -> bool:
    """The shell's operator, or an admin (over their unit's subtree)."""
    return isinstance(importer, CommandLine) or importer.role is Role.ADMIN


def refuse_unless_importer(importer: Importer) -> None:
    if not may_import(importer):
        raise Refused(said("console_files_admins_only"))


def check(
    store: UnitAdminStore,
    people: list[RosterRow],
    problems: list[RowProblem],
    *,
    importer: Importer,
) -> list[tuple[RosterRow, Unit]]:
    """The rows that can be imported, with their unit; each other row's problem is added to
    `problems` (an import goes ahead only when there is none). An admin's rows must name units
    of their own subtree (a row for another commune is a problem like the others); the command
    line (`COMMAND_LINE`) fills any unit. Refused for anyone but an admin."""
    refuse_unless_importer(importer)
    within = (
        None if isinstance(importer, CommandLine) else frozenset(store.subtree(importer.unit_id))
    )
    lookups = _Lookups(store, within)
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


@dataclass(frozen=True)
class Imported:
    """A confirmed import: every person, or (nothing written) every row's problem."""

    members: list[ImportedMember]
    problems: list[RowProblem]


def import_checked(
    store: RosterImportStore,
    people: list[RosterRow],
    importer: MemberView,
    source: str,
    now: datetime,
) -> Imported:
    """Check the rows again and import them all, in the caller's one transaction, or none if
    any row has a problem now (a unit closed since the preview, a namesake registered). The
    import is audited as the admin's (each new member's own line is the command line's, as
    `import_member` writes it)."""
    problems: list[RowProblem] = []
    good = check(store, people, problems, importer=importer)
    if problems:
        return Imported([], problems)
    imported = [import_row(store, row, unit, now) for row, unit in good]
    details = {
        "file": source[:200],
        "rows": len(imported),
        "created": sum(1 for item in imported if item.created),
    }
    store.audit(Audited("roster.imported", "members", source[:64], now, importer.id, details))
    return Imported(imported, [])


def invites_handed(store: NoticeStore, importer: MemberView, source: str, now: datetime) -> None:
    """The workbook of an import's invite codes was downloaded (each code lets one person
    register as the rostered member): audited."""
    refuse_unless_importer(importer)
    store.audit(Audited("roster.invites_downloaded", "members", source[:64], now, importer.id, {}))


__all__ = [
    "COMMAND_LINE",
    "Imported",
    "check",
    "import_checked",
    "import_row",
    "invites_handed",
    "may_import",
    "refuse_unless_importer",
]
