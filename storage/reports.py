"""What a drafted report is made of (issue 15), read with the functions the rest of the bot
counts with: entries through `storage.targets` (`_verified`, `Window`: the same status rule and
the same days in the campaign's zone as every target), targets through `storage.targets.report`
(the very function /chitieu ends in), standings through `storage.boards` and
`storage.standings`; and the `reports` rows, one per draft kept.

Nothing here reads an entry's details, a place, or an informant: a report leaves the system."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update

from campaign.plans import CountSpec, Plan
from campaign.roles import Role
from services.ports import (
    CommendationRecord,
    DeliverableRecord,
    EntryFigure,
    ModelRecord,
    NewReport,
    NotableEntry,
    RegistrationRecord,
    ReportRow,
    ReportStore,
    ReportUnit,
    TargetReport,
)
from storage import calendar, targets
from storage import plans as stored_plans
from storage.schema import (
    commendations,
    deliverables,
    entries,
    members,
    model_events,
    models,
    ratings,
    registrations,
    reports,
    units,
)
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository

# Every entry of the subtree in the window, whatever its status: `_verified`'s conditions
# without its status, so that the verified rows are exactly what `count` counts.
_ANY_ENTRY = CountSpec(count="entries")


def _local_day(moment: datetime | None, zone: Any) -> date | None:
    return None if moment is None else moment.astimezone(zone).date()


class ReportRepository(FeatureRepository, ReportStore):
    """The figures of a unit's report and the drafts kept (`services.ports.ReportStore`); the
    standings, documents and notices it also needs are their own repositories' (`Repository`
    holds them all)."""

    # --- plans and units ---
    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.work.zone).date()

    def report_plan(self, plan_code: str) -> tuple[Plan, int] | None:
        found = stored_plans.document(self.db, plan_code)
        if found is None or not isinstance(found[0], Plan) or found[1] is None:
            return None
        scope = self.db.execute(select(units.c.id).where(units.c.code == found[1])).scalar()
        return (found[0], int(scope)) if scope is not None else None

    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        return calendar.plans_around(self.db, day)

    def report_unit(self, unit_id: int) -> ReportUnit | None:
        row = self.db.execute(
            select(units.c.id, units.c.code, units.c.name, units.c.kind, units.c.parent_id).where(
                units.c.id == unit_id
            )
        ).first()
        if row is None:
            return None
        parent = int(row.parent_id) if row.parent_id is not None else None
        return ReportUnit(int(row.id), str(row.code), str(row.name), str(row.kind), parent)

    def report_chain(self, unit_id: int) -> list[ReportUnit]:
        return [unit for i in chain(self.db, unit_id) if (unit := self.report_unit(i)) is not None]

    def officer_names(self, unit_id: int) -> list[str]:
        rows = self.db.execute(
            select(members.c.full_name)
            .where(
                members.c.unit_id == unit_id,
                members.c.role == Role.OFFICER.value,
                members.c.active.is_(True),
            )
            .order_by(members.c.id)
        ).scalars()
        return [str(name) for name in rows]

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
        return calendar.units_of_kind(self.db, scope_unit_id, kind)

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]:
        return calendar.done_units(self.db, plan_code, deadline_code, due)

    # --- entries ---
    def entry_figures(self, unit_id: int, starts: date, ends: date) -> list[EntryFigure]:
        window = targets.Window.of(starts, ends, self.work.zone)
        # `_verified` minus its first condition (status == verified): the same days and
        # filters, then grouped by status so the verified rows are `count`'s own.
        in_window = targets._verified(_ANY_ENTRY, window)[1:]
        rows = self.db.execute(
            select(
                entries.c.content_area,
                entries.c.kind,
                entries.c.progress,
                entries.c.status,
                func.count(),
            )
            .where(
                entries.c.unit_id.in_(subtree(self.db, unit_id)),
                entries.c.status.in_(("verified", "pending")),
                *in_window,
            )
            .group_by(entries.c.content_area, entries.c.kind, entries.c.progress, entries.c.status)
        ).all()
        return [
            EntryFigure(str(area), str(kind), progress, str(status), int(n))
            for area, kind, progress, status, n in rows
        ]

    def notable_entries(
        self, unit_id: int, starts: date, ends: date, limit: int
    ) -> list[NotableEntry]:
        window = targets.Window.of(starts, ends, self.work.zone)
        rows = self.db.execute(
            select(
                entries.c.reference,
                entries.c.occurred_at,
                entries.c.content_area,
                entries.c.kind,
                entries.c.urgent,
                entries.c.progress,
                units.c.name,
            )
            .join(units, units.c.id == entries.c.unit_id)
            .where(
                entries.c.unit_id.in_(subtree(self.db, unit_id)),
                *targets._verified(_ANY_ENTRY, window),
                or_(entries.c.urgent.is_(True), entries.c.progress == "resolved"),
            )
            .order_by(entries.c.occurred_at, entries.c.id)
            .limit(limit)
        ).all()
        return [
            NotableEntry(
                str(row.reference),
                row.occurred_at.astimezone(self.work.zone).date(),
                str(row.content_area),
                str(row.kind),
                str(row.name),
                bool(row.urgent),
                row.progress,
            )
            for row in rows
        ]

    def figure(
        self, plan: Plan, spec: CountSpec, unit_id: int, starts: date, ends: date
    ) -> float | None:
        window = targets.Window.of(starts, ends, self.work.zone)
        return targets.count(self.db, plan, spec, unit_id, window)

    def target_report_for(self, plan: Plan, unit_id: int, day: date) -> TargetReport:
        return targets.report(self.db, plan, unit_id, day, self.work.zone)

    # --- the registry ---
    def model_records(self, unit_id: int, starts: date, ends: date) -> list[ModelRecord]:
        rows = self.db.execute(
            select(
                model_events.c.happened_on,
                models.c.reference,
                models.c.name,
                models.c.scheme,
                model_events.c.kind,
                model_events.c.level,
                units.c.name.label("unit_name"),
            )
            .join(models, models.c.id == model_events.c.model_id)
            .join(units, units.c.id == models.c.unit_id)
            .where(
                models.c.unit_id.in_(subtree(self.db, unit_id)),
                model_events.c.happened_on >= starts,
                model_events.c.happened_on <= ends,
            )
            .order_by(model_events.c.happened_on, model_events.c.id)
        ).all()
        return [
            ModelRecord(
                r.happened_on,
                str(r.reference),
                str(r.name),
                str(r.scheme),
                str(r.kind),
                r.level,
                str(r.unit_name),
            )
            for r in rows
        ]

    def registration_records(
        self, unit_id: int, starts: date, ends: date
    ) -> list[RegistrationRecord]:
        scope = subtree(self.db, unit_id)
        registered = self.db.execute(
            select(
                registrations.c.registered_on,
                registrations.c.outcome_on,
                registrations.c.scheme,
                registrations.c.year,
                registrations.c.outcome,
                units.c.name,
            )
            .join(units, units.c.id == registrations.c.unit_id)
            .where(
                registrations.c.unit_id.in_(scope),
                registrations.c.year >= starts.year,
                registrations.c.year <= ends.year,
            )
            .order_by(registrations.c.registered_on, registrations.c.id)
        ).all()
        rated = self.db.execute(
            select(
                ratings.c.rated_on, ratings.c.scheme, ratings.c.year, ratings.c.rating, units.c.name
            )
            .join(units, units.c.id == ratings.c.unit_id)
            .where(
                ratings.c.unit_id.in_(scope),
                ratings.c.rated_on >= starts,
                ratings.c.rated_on <= ends,
            )
            .order_by(ratings.c.rated_on)
        ).all()
        return [
            RegistrationRecord(
                r.outcome_on or r.registered_on,
                "registration",
                str(r.scheme),
                int(r.year),
                str(r.outcome),
                str(r.name),
            )
            for r in registered
        ] + [
            RegistrationRecord(
                r.rated_on, "rating", str(r.scheme), int(r.year), str(r.rating), str(r.name)
            )
            for r in rated
        ]

    def commendation_records(
        self, unit_id: int, starts: date, ends: date
    ) -> list[CommendationRecord]:
        scope = subtree(self.db, unit_id)
        people = select(members.c.id).where(members.c.unit_id.in_(scope))
        rows = self.db.execute(
            select(
                commendations.c.decided_on,
                commendations.c.form,
                commendations.c.level,
                commendations.c.status,
                commendations.c.subject_kind,
                commendations.c.subject_id,
                commendations.c.decision_no,
            )
            .where(
                or_(
                    and_(
                        commendations.c.subject_kind == "unit",
                        commendations.c.subject_id.in_(scope),
                    ),
                    and_(
                        commendations.c.subject_kind == "member",
                        commendations.c.subject_id.in_(people),
                    ),
                ),
                commendations.c.decided_on >= starts,
                commendations.c.decided_on <= ends,
            )
            .order_by(commendations.c.decided_on, commendations.c.id)
        ).all()
        return [
            CommendationRecord(
                r.decided_on,
                str(r.form),
                str(r.level),
                str(r.status),
                self._subject_name(str(r.subject_kind), int(r.subject_id)),
                r.decision_no,
            )
            for r in rows
        ]

    def _subject_name(self, kind: str, subject_id: int) -> str:
        table, column = (units, units.c.name) if kind == "unit" else (members, members.c.full_name)
        found = self.db.execute(select(column).where(table.c.id == subject_id)).scalar()
        return str(found or "")

    # --- deliverables ---
    def submissions_of(self, unit_id: int, starts: date, ends: date) -> list[DeliverableRecord]:
        rows = self.db.execute(
            select(deliverables)
            .where(
                deliverables.c.unit_id == unit_id,
                deliverables.c.due >= starts,
                deliverables.c.due <= ends,
            )
            .order_by(deliverables.c.due, deliverables.c.deadline_code)
        ).all()
        return [self._deliverable(row) for row in rows]

    def report_states(
        self, plan_code: str, deadline_code: str, due: date, unit_ids: Collection[int]
    ) -> dict[int, DeliverableRecord]:
        if not unit_ids:
            return {}
        rows = self.db.execute(
            select(deliverables).where(
                deliverables.c.plan_code == plan_code,
                deliverables.c.deadline_code == deadline_code,
                deliverables.c.due == due,
                deliverables.c.unit_id.in_(list(unit_ids)),
            )
        ).all()
        return {int(row.unit_id): self._deliverable(row) for row in rows}

    def _deliverable(self, row: Any) -> DeliverableRecord:
        submitted = row.submitted_at or (row.done_at if row.state != "draft" else None)
        return DeliverableRecord(
            str(row.plan_code),
            str(row.deadline_code),
            row.due,
            int(row.unit_id),
            str(row.state),
            _local_day(submitted, self.work.zone),
        )

    # --- the drafts kept ---
    def add_report(self, new: NewReport) -> ReportRow:
        values = {
            "plan_code": new.plan_code,
            "deadline_code": new.deadline_code,
            "due": new.due,
            "unit_id": new.unit_id,
            "period_code": new.period_code,
            "starts": new.starts,
            "ends": new.ends,
            "as_of": new.as_of,
            "built_at": new.built_at,
            "built_by": new.built_by,
            "template": new.template[:200],
            "template_sha256": new.template_sha256,
            "figures": dict(new.figures),
        }
        key = self.db.execute(insert(reports).values(**values)).inserted_primary_key
        assert key is not None
        found = self._report(reports.c.id == int(key[0]))
        assert found is not None
        return found[0]

    def set_report_files(self, report_id: int, document_id: int, annex_id: int) -> None:
        self.db.execute(
            update(reports)
            .where(reports.c.id == report_id)
            .values(document_id=document_id, annex_id=annex_id)
        )

    def latest_report(
        self, plan_code: str, deadline_code: str, due: date, unit_id: int
    ) -> ReportRow | None:
        found = self._report(
            reports.c.plan_code == plan_code,
            reports.c.deadline_code == deadline_code,
            reports.c.due == due,
            reports.c.unit_id == unit_id,
            limit=1,
        )
        return found[0] if found else None

    def reports_of(self, unit_id: int, limit: int = 50) -> list[ReportRow]:
        return self._report(reports.c.unit_id == unit_id, limit=limit)

    def _report(self, *where: Any, limit: int = 1) -> list[ReportRow]:
        rows = self.db.execute(
            select(reports).where(*where).order_by(reports.c.id.desc()).limit(limit)
        ).all()
        return [
            ReportRow(
                int(r.id),
                str(r.plan_code),
                str(r.deadline_code),
                r.due,
                int(r.unit_id),
                str(r.period_code),
                r.starts,
                r.ends,
                r.as_of,
                r.built_at,
                r.built_by,
                r.document_id,
                r.annex_id,
                str(r.template),
            )
            for r in rows
        ]


__all__ = ["ReportRepository"]
