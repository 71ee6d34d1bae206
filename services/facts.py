"""Dated facts about units: set one (by the unit's officer, an admin above it, or the command
line), list a unit's history, import many from a file — every row checked before anything is
written, every change audited with the value before and after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from campaign.catalogs import Said, said
from campaign.facts import FACTS, FactKey, FactValue, fact_by_key, parse_value
from campaign.localized import Localized
from campaign.roles import Role
from campaign.roster import parse_day
from services.ports import Audited, FactRecord, FactStore, MemberView
from services.refusals import Refused

MAX_NOTE = 500  # unit_facts.note


@dataclass(frozen=True)
class FactChange:
    unit_id: int
    unit_name: str
    fact: FactKey
    value: FactValue
    valid_from: date
    before: FactValue | None  # the value set from that same day, now replaced


@dataclass(frozen=True)
class FactRow:
    """One row of an import file, as typed, with its line."""

    line: int
    unit_code: str
    key: str
    value: str
    valid_from: str


@dataclass(frozen=True)
class RowRefused:
    line: int
    why: Localized


@dataclass(frozen=True)
class _Checked:
    unit_id: int
    unit_name: str
    fact: FactKey
    value: FactValue
    valid_from: date


def _fact(key: str) -> FactKey:
    fact = fact_by_key(key)
    if fact is None:
        known = ", ".join(f.key for f in FACTS)
        raise Refused(said("fact_unknown_key", fact=key.strip(), known=known))
    return fact


def _unit(store: FactStore, code: str) -> tuple[int, str, tuple[int, ...]]:
    found = store.fact_unit(code)
    if found is None:
        raise Refused(said("admin_no_unit", code=code.strip()))
    return found


def _may_set(actor: MemberView | None, line: tuple[int, ...]) -> None:
    """The command line may; in the chat, the unit's officer or an admin above it."""
    if actor is None:
        return
    if actor.role in (Role.OFFICER, Role.ADMIN) and actor.unit_id in line:
        return
    raise Refused(said("fact_not_allowed"))


def _check(
    store: FactStore, actor: MemberView | None, code: str, key: str, typed: str, valid_from: date
) -> _Checked:
    unit_id, name, line = _unit(store, code)
    _may_set(actor, line)
    fact = _fact(key)
    value = parse_value(fact, typed)
    if isinstance(value, Said):
        raise Refused(value)
    return _Checked(unit_id, name, fact, value, valid_from)


def _write(
    store: FactStore,
    actor: MemberView | None,
    checked: _Checked,
    *,
    source: str,
    note: str,
    now: datetime,
) -> FactChange:
    before = store.fact_set_on(checked.unit_id, checked.fact.key, checked.valid_from)
    store.set_fact(
        checked.unit_id,
        checked.fact.key,
        checked.value,
        checked.valid_from,
        set_by=actor.id if actor else None,
        source=source,
        note=note,
        now=now,
    )
    store.audit(
        Audited(
            "unit_fact.set",
            "units",
            str(checked.unit_id),
            now,
            actor_member_id=actor.id if actor else None,
            details={
                "key": checked.fact.key,
                "valid_from": checked.valid_from.isoformat(),
                "before": _stored(before),
                "after": _stored(checked.value),
                "note": note,
                "source": source,
            },
            actor=None if actor else "cli",
        )
    )
    return FactChange(
        checked.unit_id, checked.unit_name, checked.fact, checked.value, checked.valid_from, before
    )


def _stored(value: FactValue | None) -> str | float | None:
    if value is None:
        return None
    return value.num if value.num is not None else value.text


def set_fact(
    store: FactStore,
    actor: MemberView | None,
    *,
    unit_code: str,
    key: str,
    typed: str,
    valid_from: date,
    note: str = "",
    source: str = "cli",
    now: datetime,
) -> FactChange:
    """Set a unit's fact from `valid_from` on (a value set from that same day is replaced)."""
    if len(note) > MAX_NOTE:
        raise Refused(said("fact_note_too_long", limit=MAX_NOTE))
    checked = _check(store, actor, unit_code, key, typed, valid_from)
    return _write(store, actor, checked, source=source, note=note.strip(), now=now)


def history(store: FactStore, unit_code: str) -> tuple[str, list[FactRecord]]:
    """The unit's name and every value ever set for it."""
    unit_id, name, _ = _unit(store, unit_code)
    return name, store.fact_history(unit_id)


def import_facts(
    store: FactStore,
    rows: Sequence[FactRow],
    *,
    dry_run: bool,
    now: datetime,
) -> tuple[list[FactChange], list[RowRefused]]:
    """Every row checked first; only when none is refused (and not a dry run) are they set.
    What was (or would be) set, and each refused row with its line."""
    checked: list[_Checked] = []
    refused: list[RowRefused] = []
    seen: dict[tuple[int, str, date], int] = {}
    for row in rows:
        try:
            day = parse_day(row.valid_from)
            if day is None:
                raise Refused(said("fact_bad_day", value=row.valid_from.strip()))
            one = _check(store, None, row.unit_code, row.key, row.value, day)
        except Refused as refusal:
            refused.append(RowRefused(row.line, refusal.reason))
            continue
        twice = (one.unit_id, one.fact.key, one.valid_from)
        if twice in seen:
            refused.append(RowRefused(row.line, said("fact_row_twice", first=seen[twice])))
            continue
        seen[twice] = row.line
        checked.append(one)
    if refused or dry_run:
        planned = [
            FactChange(c.unit_id, c.unit_name, c.fact, c.value, c.valid_from, None) for c in checked
        ]
        return planned, refused
    return [_write(store, None, one, source="import", note="", now=now) for one in checked], []


__all__ = ["FactChange", "FactRow", "RowRefused", "history", "import_facts", "set_fact"]
