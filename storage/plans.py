"""Loaded plans: kept as the YAML that was loaded, found by code or by the units they cover."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, insert, select, update

from campaign.areas import ContentArea
from campaign.plans import GradingGuide, Plan, PlanError, load_document
from services.ports import Audited, PlanStore
from storage.audit import record
from storage.schema import plans, units
from storage.unit_of_work import FeatureRepository

log = logging.getLogger(__name__)


class PlanScopeError(ValueError):
    pass


@dataclass(frozen=True)
class PlanRow:
    code: str
    kind: str
    name: str
    scope_code: str | None
    starts: date | None
    ends: date | None
    loaded_at: datetime


def save(
    conn: Connection,
    document: Plan | GradingGuide,
    text: str,
    now: datetime,
    scope_code: str | None = None,
    *,
    actor_member_id: int | None = None,
) -> bool:
    """Store (or replace) a validated document; True if it was new. `scope_code` overrides the
    plan's own scope, e.g. to run a province's plan on the demo units. Audited as the member's
    (the console's admin) or, with none, the command line's."""
    scope_id = None
    if isinstance(document, Plan):
        scope = scope_code or document.scope
        scope_id = conn.execute(select(units.c.id).where(units.c.code == scope)).scalar()
        if scope_id is None:
            raise PlanScopeError(scope)
    values = {
        "kind": document.kind,
        "name": document.name.vi[:400],
        "scope_unit_id": scope_id,
        "starts": getattr(document, "starts", None),
        "ends": getattr(document, "ends", None),
        "document": text,
        "loaded_at": now,
    }
    found = conn.execute(
        select(plans.c.id, plans.c.ended_on).where(plans.c.code == document.code)
    ).first()
    existing = None if found is None else found.id
    if found is not None and found.ended_on is not None and values["ends"] is not None:
        # Loaded again after an admin ended it: it still ends that day.
        values["ends"] = min(found.ended_on, values["ends"])
    if existing is None:
        conn.execute(insert(plans).values(code=document.code, **values))
    else:
        conn.execute(update(plans).where(plans.c.id == existing).values(**values))
    forget_cached()
    details: dict[str, object] = {"scope": scope_code or getattr(document, "scope", None)}
    if isinstance(document, Plan):
        # Standings follow the plan as loaded now: entries verified before it was loaded (or
        # under its older version) score under it. Imported here: standings reads plans.
        from storage import standings

        details["recounted"] = standings.recount(conn, document.code, now.tzinfo or UTC)
    action = "plan.loaded" if existing is None else "plan.replaced"
    record(conn, _audited(action, document.code, now, details, actor_member_id, scope_id))
    return existing is None


def listed(conn: Connection) -> list[PlanRow]:
    rows = conn.execute(
        select(
            plans.c.code,
            plans.c.kind,
            plans.c.name,
            units.c.code.label("scope_code"),
            plans.c.starts,
            plans.c.ends,
            plans.c.loaded_at,
        )
        .select_from(plans.outerjoin(units, plans.c.scope_unit_id == units.c.id))
        .order_by(plans.c.kind, plans.c.starts, plans.c.code)
    ).all()
    return [
        PlanRow(r.code, r.kind, r.name, r.scope_code, r.starts, r.ends, r.loaded_at) for r in rows
    ]


def document(conn: Connection, code: str) -> tuple[Plan | GradingGuide, str | None] | None:
    """The parsed document and the code of the unit it covers."""
    row = conn.execute(
        select(plans.c.document, plans.c.ends, units.c.code.label("scope_code"))
        .select_from(plans.outerjoin(units, plans.c.scope_unit_id == units.c.id))
        .where(plans.c.code == code)
    ).first()
    if row is None:
        return None
    document = load_document(row.document)
    if isinstance(document, Plan) and row.ends is not None and row.ends < document.ends:
        document = document.model_copy(update={"ends": row.ends})  # ended by an admin
    return document, row.scope_code


# Plans change a few times a year and are read on every message: parsed documents are kept
# by (code, loaded_at), and each unit's answer for a minute (a plan loaded by another process
# shows within that minute).
_PARSED: dict[tuple[str, datetime], Plan] = {}
_ENDED: dict[tuple[str, datetime, date], Plan] = {}
_REFUSED: set[tuple[str, datetime]] = set()
_AREAS: dict[tuple[str, int, date], tuple[float, tuple[ContentArea, ...]]] = {}
AREAS_FOR = 60.0


def areas_for_unit(conn: Connection, unit_id: int, day: date) -> tuple[ContentArea, ...]:
    key = (str(conn.engine.url), unit_id, day)  # one process may serve several databases
    cached = _AREAS.get(key)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    areas: dict[str, ContentArea] = {}
    for code, loaded_at, text in active_for_unit(conn, unit_id, day):
        plan = parsed(code, loaded_at, text)
        if plan is None:
            continue
        for area in plan.content_areas():
            areas.setdefault(area.code, area)  # the most recently started plan wins
    found = tuple(areas.values())
    if len(_AREAS) > 10_000:
        _AREAS.clear()
    _AREAS[key] = (time.monotonic() + AREAS_FOR, found)
    return found


def parsed(code: str, loaded_at: datetime, text: str, ends: date | None = None) -> Plan | None:
    """The plan behind a stored YAML, parsed once per version; `ends`, the row's last day, when
    an admin ended it earlier than its document says (`end`)."""
    plan = _parsed(code, loaded_at, text)
    if plan is None or ends is None or ends >= plan.ends:
        return plan
    ended = _ENDED.get((code, loaded_at, ends))
    if ended is None:
        if len(_ENDED) > 1000:
            _ENDED.clear()
        ended = _ENDED[(code, loaded_at, ends)] = plan.model_copy(update={"ends": ends})
    return ended


def _parsed(code: str, loaded_at: datetime, text: str) -> Plan | None:
    plan = _PARSED.get((code, loaded_at))
    if plan is None:
        try:
            document = load_document(text)
        except PlanError as error:
            # Loaded before a rule it breaks was added: left out, and said once, rather than
            # failing every message of every unit under it.
            if (code, loaded_at) not in _REFUSED:
                _REFUSED.add((code, loaded_at))
                log.error("plan %s is left out until it is loaded again, fixed:\n%s", code, error)
            return None
        if not isinstance(document, Plan):
            return None
        plan = _PARSED[(code, loaded_at)] = document
    return plan


def forget_cached() -> None:
    """For tests and `plan load` in this process: read the plans afresh."""
    _AREAS.clear()


# --- calendar: a yearly plan ended by an admin ---
@dataclass(frozen=True)
class StoredPlan:
    plan: Plan  # as its document says (its own `ends`)
    ended_on: date | None


def stored_plan(conn: Connection, code: str) -> StoredPlan | None:
    """A loaded plan (not a grading guide) and the day an admin ended it, if one did."""
    row = conn.execute(
        select(plans.c.document, plans.c.ended_on).where(
            plans.c.code == code, plans.c.kind == "plan"
        )
    ).first()
    if row is None:
        return None
    document = load_document(row.document)
    assert isinstance(document, Plan)
    return StoredPlan(document, row.ended_on)


def _audited(
    action: str,
    code: str,
    now: datetime,
    details: dict[str, object],
    actor_member_id: int | None,
    scope_id: int | None,
) -> Audited:
    """A plan's audit line: the console's admin (in the plan's unit) or the command line."""
    if actor_member_id is None:
        return Audited(action, "plans", code, now, details=details, actor="cli")
    return Audited(action, "plans", code, now, actor_member_id, details, unit_id=scope_id)


def scope_code(conn: Connection, code: str) -> str | None:
    """The code of the unit a loaded plan covers (None for a grading guide or no plan)."""
    return conn.execute(
        select(units.c.code)
        .select_from(plans.join(units, plans.c.scope_unit_id == units.c.id))
        .where(plans.c.code == code)
    ).scalar()


def end(
    conn: Connection, code: str, on: date, now: datetime, *, actor_member_id: int | None = None
) -> None:
    """The plan's last day is `on` from now on (its deadlines, events and standings stop
    there), audited with the day it ended before."""
    found = conn.execute(
        select(plans.c.ends, plans.c.scope_unit_id).where(plans.c.code == code)
    ).first()
    before = found.ends if found is not None else None
    conn.execute(update(plans).where(plans.c.code == code).values(ended_on=on, ends=on))
    forget_cached()
    details = {"on": on.isoformat(), "ended_before": before.isoformat() if before else None}
    scope_id = found.scope_unit_id if found is not None else None
    record(conn, _audited("plan.ended", code, now, details, actor_member_id, scope_id))


def active_for_unit(conn: Connection, unit_id: int, day: date) -> list[tuple[str, datetime, str]]:
    """(code, loaded_at, YAML) of the plans running on `day` over this unit or an ancestor."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and len(chain) < 16:
        chain.append(current)
        current = conn.execute(select(units.c.parent_id).where(units.c.id == current)).scalar()
    rows = conn.execute(
        select(plans.c.code, plans.c.loaded_at, plans.c.document)
        .where(
            plans.c.kind == "plan",
            plans.c.scope_unit_id.in_(chain),
            plans.c.starts <= day,
            plans.c.ends >= day,
        )
        .order_by(plans.c.starts.desc(), plans.c.code)
    ).all()
    return [(r.code, r.loaded_at, r.document) for r in rows]


def running(conn: Connection, unit_id: int, day: date, scored: bool = False) -> Plan | None:
    """The plan running over the unit that day (with content areas, if `scored`)."""
    return next(
        (
            p
            for code, loaded, text in active_for_unit(conn, unit_id, day)
            if (p := parsed(code, loaded, text)) is not None and (p.areas or not scored)
        ),
        None,
    )


class PlanRepository(FeatureRepository, PlanStore):
    """The plans running over a unit (`services.ports.PlanStore`)."""

    def plan_areas(self, unit_id: int, day: date) -> tuple[ContentArea, ...]:
        return areas_for_unit(self.db, unit_id, day)
