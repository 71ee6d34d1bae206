"""The registry of models and typical units: rows, their events, and model entries linked to
them. A model's `status` is the one its latest event led to (campaign.models.after)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import aliased

from campaign import models as registry
from campaign.normalize import fold, search_words
from services.ports import (
    ModelEntry,
    ModelEventView,
    ModelStore,
    ModelView,
    NewModel,
    NewModelEvent,
    PlaceView,
)
from storage.schema import entries, members, model_events, models, reference_counters, units
from storage.tree import nearest_of_kind, subtree
from storage.unit_of_work import FeatureRepository

_NEXT_NUMBER = (
    update(reference_counters)
    .where(
        reference_counters.c.prefix == bindparam("key_prefix"),
        reference_counters.c.year == bindparam("key_year"),
    )
    .values(last=reference_counters.c.last + 1)
    .returning(reference_counters.c.last)
)
_COPIED = aliased(models)
_SHOWN = (
    select(
        models,
        units.c.name.label("unit_name"),
        _COPIED.c.reference.label("copied_reference"),
    )
    .select_from(
        models.join(units, models.c.unit_id == units.c.id).outerjoin(
            _COPIED, models.c.replicated_from_id == _COPIED.c.id
        )
    )
    .order_by(models.c.created_at.desc(), models.c.id.desc())
)


def _view(row: Any) -> ModelView:
    return ModelView(
        id=row.id,
        reference=row.reference,
        category=row.category,
        scheme=row.scheme,
        name=row.name,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        area_text=row.area_text,
        started_on=row.started_on,
        origin=row.origin,
        replicated_from=row.copied_reference,
        status=row.status,
        status_on=row.status_on,
        created_by=row.created_by,
    )


class ModelRepository(FeatureRepository, ModelStore):
    """`services.ports.ModelStore`."""

    def add_model(self, model: NewModel) -> ModelView:
        year = model.now.year
        self._insert_ignoring_conflict(
            reference_counters, {"prefix": registry.PREFIX, "year": year, "last": 0}
        )
        number = self.db.execute(
            _NEXT_NUMBER, {"key_prefix": registry.PREFIX, "key_year": year}
        ).scalar_one()
        reference = registry.reference(year, int(number))
        self.db.execute(
            insert(models).values(
                reference=reference,
                category=model.category,
                scheme=model.scheme,
                name=model.name,
                unit_id=model.unit_id,
                area_text=model.area_text,
                started_on=model.started_on,
                origin=model.origin,
                replicated_from_id=model.replicated_from_id,
                status=model.status,
                status_on=model.now.date(),
                created_by=model.created_by,
                created_at=model.now,
            )
        )
        shown = self.model_by_reference(reference)
        assert shown is not None
        return shown

    def model_by_reference(self, reference: str) -> ModelView | None:
        row = self.db.execute(_SHOWN.where(models.c.reference == reference)).first()
        return _view(row) if row else None

    def models_under(
        self, unit_ids: Collection[int], *, live_only: bool, name: str | None, limit: int
    ) -> list[ModelView]:
        query = _SHOWN.where(models.c.unit_id.in_(list(unit_ids)))
        if live_only:
            query = query.where(models.c.status != "dropped")
        if name is None:
            return [_view(row) for row in self.db.execute(query.limit(limit))]
        # Marks and case forgiven ("camera" finds "Camera an ninh"): folded here, not in SQL.
        wanted = fold(name)
        found = [_view(row) for row in self.db.execute(query) if wanted in fold(row.name)]
        return found[:limit]

    def model_history(self, model_id: int) -> list[ModelEventView]:
        rows = self.db.execute(
            select(model_events, members.c.full_name)
            .select_from(model_events.outerjoin(members, model_events.c.by_member == members.c.id))
            .where(model_events.c.model_id == model_id)
            .order_by(model_events.c.happened_on, model_events.c.id)
        ).all()
        return [
            ModelEventView(
                kind=row.kind,
                happened_on=row.happened_on,
                level=row.level,
                outcome=row.outcome,
                reason=row.reason,
                decision_no=row.decision_no,
                by_name=row.full_name,
            )
            for row in rows
        ]

    def add_model_event(self, event: NewModelEvent) -> None:
        self.db.execute(
            insert(model_events).values(
                model_id=event.model_id,
                kind=event.kind,
                happened_on=event.happened_on,
                level=event.level,
                outcome=event.outcome,
                reason=event.reason,
                decision_no=event.decision_no,
                by_member=event.by_member,
                created_at=event.now,
            )
        )
        self.db.execute(
            update(models)
            .where(models.c.id == event.model_id)
            .values(status=event.status, status_on=event.happened_on)
        )

    def places_under(self, unit_id: int) -> list[PlaceView]:
        ids = subtree(self.db, unit_id, open_only=True)
        rows = {
            row.id: row
            for row in self.db.execute(
                select(units.c.id, units.c.code, units.c.name, units.c.kind).where(
                    units.c.id.in_(ids)
                )
            )
        }
        return [PlaceView(i, rows[i].code, rows[i].name, rows[i].kind) for i in ids if i in rows]

    def place(self, code: str) -> PlaceView | None:
        row = self.db.execute(
            select(units.c.id, units.c.code, units.c.name, units.c.kind).where(units.c.code == code)
        ).first()
        return PlaceView(row.id, row.code, row.name, row.kind) if row else None

    def commune_of(self, unit_id: int) -> int | None:
        return nearest_of_kind(self.db, unit_id, "commune")

    def model_entry(self, reference: str) -> ModelEntry | None:
        row = self.db.execute(
            select(
                entries.c.reference, entries.c.unit_id, entries.c.model_id, entries.c.details
            ).where(entries.c.reference == reference)
        ).first()
        named = (row.details or {}).get("model") if row else None
        if row is None or named is None:  # not an entry of the model form
            return None
        shown = named.get("name") if isinstance(named, dict) else named
        return ModelEntry(row.reference, row.unit_id, row.model_id, str(shown or ""))

    def link_model_entry(self, reference: str, model: ModelView) -> None:
        details = dict(
            self.db.execute(
                select(entries.c.details).where(entries.c.reference == reference)
            ).scalar_one()
            or {}
        )
        details["model"] = registry.picked(model.id, model.reference, model.name)
        self.db.execute(
            update(entries)
            .where(entries.c.reference == reference)
            .values(
                model_id=model.id,
                details=details,
                search_text=search_words(reference, details),
            )
        )


__all__ = ["ModelRepository"]
