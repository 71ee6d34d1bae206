"""Kinds of unit a province adds, the village a team covers, and dated groupings of units
("former-district": the communes of a district that no longer exists).

The rules are campaign/unit_kinds'; every change is audited as the command line's. A grouping
file is checked whole, each problem with its line, before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.unit_kinds import (
    CATEGORIES,
    COMMUNE,
    DISTRICT,
    TEAM,
    VILLAGE,
    Category,
    UnitKind,
    new_kind_problem,
    parse_parents,
    parse_roles,
)
from services.ports import UnitKindStore, UnitView
from services.refusals import Refused
from services.units import open_unit

# The schemes a grouping file may be imported under, with the kinds of its group and members.
SCHEMES: dict[str, tuple[str, str]] = {"former-district": (DISTRICT, COMMUNE)}


def list_kinds(store: UnitKindStore) -> list[UnitKind]:
    return list(store.unit_kinds().values())


def add_kind(
    store: UnitKindStore,
    *,
    code: str,
    name_vi: str,
    name_en: str,
    parents: str,
    roles: str,
    reports: bool,
    category: str,
    now: datetime,
) -> UnitKind:
    """A kind of the province's own (kept with the built-in ones), refused with the reason when
    campaign/unit_kinds.new_kind_problem says so."""
    found_roles = parse_roles(roles)
    if found_roles is None:
        raise Refused(said("unit_kind_roles_unknown", roles=roles))
    kinds = store.unit_kinds()
    kind = UnitKind(
        code=code.strip(),
        name_vi=name_vi.strip(),
        name_en=name_en.strip(),
        parents=parse_parents(parents),
        roles=found_roles,
        reports=reports,
        category=_category(category),
        built_in=False,
    )
    problem = new_kind_problem(kind, kinds)
    if problem is not None:
        raise Refused(problem)
    store.add_unit_kind(kind, now)
    details = {
        "name_vi": kind.name_vi,
        "name_en": kind.name_en,
        "parents": sorted(kind.parents),
        "roles": sorted(r.value for r in kind.roles),
        "reports": kind.reports,
        "category": kind.category,
    }
    store.record("unit_kind.added", "unit_kinds", kind.code, details, now)
    return kind


def _category(text: str) -> Category:
    for category in CATEGORIES:
        if category == text:
            return category
    raise Refused(said("unit_kind_category_unknown", known=", ".join(CATEGORIES)))


def cover(store: UnitKindStore, team_code: str, village_code: str | None, now: datetime) -> None:
    """Say which village a team covers (None: none any more). The team stays under its commune;
    the village must be an open village of that same commune."""
    team = open_unit(store, team_code)
    if team.kind != TEAM:
        raise Refused(said("unit_cover_not_a_team", code=team.code))
    village: UnitView | None = None
    if village_code is not None:
        village = open_unit(store, village_code)
        if village.kind != VILLAGE:
            raise Refused(said("unit_cover_not_a_village", code=village.code))
        if village.parent_id != team.parent_id:
            raise Refused(said("unit_cover_other_commune", code=village.code, team=team.code))
    store.set_area(team.id, None if village is None else village.id)
    covered = None if village is None else village.code
    store.record("unit.covers", "units", team.code, {"area": covered}, now)


@dataclass(frozen=True)
class GroupRow:
    """One checked line of a grouping file."""

    line: int
    group: UnitView
    unit: UnitView
    valid_from: date
    valid_to: date | None
    kept_already: bool  # the same row is stored: importing it again changes nothing


@dataclass(frozen=True)
class GroupLineProblem:
    line: int
    why: Localized


_DAY = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*|\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_HEADER_WORDS = {"district", "huyen", "group", "nhom", "ma huyen", "ma_huyen"}


def _day(text: str) -> date | None:
    match = _DAY.fullmatch(text)
    if match is None:
        return None
    day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def check_group_rows(
    store: UnitKindStore, scheme: str, rows: list[tuple[int, list[str]]]
) -> tuple[list[GroupRow], list[GroupLineProblem]]:
    """Every line of a grouping file (group code, unit code, from, to — a first line of
    column names is skipped), checked against the tree: the rows to keep and each line's
    problem. Nothing is written."""
    if scheme not in SCHEMES:
        raise Refused(said("unit_group_scheme_unknown", scheme=scheme, known=", ".join(SCHEMES)))
    group_kind, member_kind = SCHEMES[scheme]
    good: list[GroupRow] = []
    problems: list[GroupLineProblem] = []
    seen: dict[tuple[int, date], int] = {}
    for index, (line, cells) in enumerate(rows):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if index == 0 and cells[0].casefold() in _HEADER_WORDS:
            continue
        checked = _check_row(store, scheme, (group_kind, member_kind), line, cells)
        if isinstance(checked, GroupLineProblem):
            problems.append(checked)
            continue
        key = (checked.unit.id, checked.valid_from)
        if key in seen:
            twice = said("unit_group_row_twice", code=checked.unit.code, first=seen[key])
            problems.append(GroupLineProblem(line, twice))
            continue
        seen[key] = line
        good.append(checked)
    return good, problems


def _check_row(
    store: UnitKindStore, scheme: str, kinds: tuple[str, str], line: int, cells: list[str]
) -> GroupRow | GroupLineProblem:
    cells += [""] * (4 - len(cells))
    group_code, unit_code, starts, ends = cells[:4]
    if not group_code or not unit_code or not starts:
        return GroupLineProblem(line, said("unit_group_row_columns"))
    found: list[UnitView] = []
    for code, kind in zip((group_code, unit_code), kinds, strict=True):
        unit = store.unit(code)
        if unit is None:
            return GroupLineProblem(line, said("admin_no_unit", code=code))
        if unit.kind != kind:
            wrong = said("unit_group_row_kind", code=code, kind=unit.kind, wanted=kind)
            return GroupLineProblem(line, wrong)
        found.append(unit)
    valid_from = _day(starts)
    valid_to = _day(ends) if ends else None
    if valid_from is None or (ends and valid_to is None):
        shown = starts if valid_from is None else ends
        return GroupLineProblem(line, said("unit_group_row_day", value=repr(shown)))
    if valid_to is not None and valid_to < valid_from:
        return GroupLineProblem(line, said("unit_group_row_ends_first"))
    kept = store.in_group(scheme, found[0].id, found[1].id, valid_from)
    return GroupRow(line, found[0], found[1], valid_from, valid_to, kept)


def import_group_rows(
    store: UnitKindStore, scheme: str, rows: list[GroupRow], now: datetime
) -> int:
    """Keep the checked rows not kept already; how many were added (audited, one line)."""
    added = [row for row in rows if not row.kept_already]
    for row in added:
        store.add_to_group(
            scheme=scheme,
            group_unit_id=row.group.id,
            unit_id=row.unit.id,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            source="import",
        )
    if added:
        lines = [f"{r.group.code}>{r.unit.code}@{r.valid_from.isoformat()}" for r in added]
        store.record("unit_group.imported", "unit_groups", scheme, {"rows": lines}, now)
    return len(added)


@dataclass(frozen=True)
class GroupImport:
    rows: list[GroupRow]  # every good line (with those kept already)
    problems: list[GroupLineProblem]  # any: nothing was written
    added: int


def import_groups(
    store: UnitKindStore,
    scheme: str,
    lines: list[tuple[int, list[str]]],
    now: datetime,
    *,
    dry_run: bool = False,
) -> GroupImport:
    """Check every line of a grouping file, then (unless any line is wrong, or `dry_run`) keep
    the rows not kept already, in the same transaction."""
    rows, problems = check_group_rows(store, scheme, lines)
    if problems or dry_run:
        return GroupImport(rows, problems, 0)
    return GroupImport(rows, problems, import_group_rows(store, scheme, rows, now))


__all__ = [
    "SCHEMES",
    "GroupImport",
    "GroupLineProblem",
    "GroupRow",
    "add_kind",
    "check_group_rows",
    "cover",
    "import_group_rows",
    "import_groups",
    "list_kinds",
]
