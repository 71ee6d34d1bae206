"""The registry of models in memory (`services.ports.ModelStore`), on the in-memory store the
service tests use: a small unit tree, models, their events, model entries."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from campaign import models as registry
from campaign.normalize import fold
from services.ports import (
    ModelEntry,
    ModelEventView,
    ModelStore,
    ModelView,
    NewModel,
    NewModelEvent,
    PlaceView,
)
from tests.fakes.store import MemoryStore


class ModelMemory(MemoryStore, ModelStore):
    """`places`: unit id -> (place, parent id)."""

    def __init__(self, places: dict[int, tuple[PlaceView, int | None]]) -> None:
        super().__init__()
        self.places = places
        self.models: list[ModelView] = []
        self.events: dict[int, list[NewModelEvent]] = {}
        self.model_entries: dict[str, ModelEntry] = {}
        self.counter = 0

    def add_model(self, model: NewModel) -> ModelView:
        self.counter += 1
        copied = next((m for m in self.models if m.id == model.replicated_from_id), None)
        shown = ModelView(
            id=self.counter,
            reference=registry.reference(model.now.year, self.counter),
            category=model.category,
            scheme=model.scheme,
            name=model.name,
            unit_id=model.unit_id,
            unit_name=self.places[model.unit_id][0].name,
            area_text=model.area_text,
            started_on=model.started_on,
            origin=model.origin,
            replicated_from=copied.reference if copied else None,
            status=model.status,
            status_on=model.now.date(),
            created_by=model.created_by,
        )
        self.models.append(shown)
        return shown

    def model_by_reference(self, reference: str) -> ModelView | None:
        return next((m for m in self.models if m.reference == reference), None)

    def models_under(
        self, unit_ids: Collection[int], *, live_only: bool, name: str | None, limit: int
    ) -> list[ModelView]:
        found = [
            m
            for m in reversed(self.models)
            if m.unit_id in unit_ids
            and not (live_only and m.status == "dropped")
            and (name is None or fold(name) in fold(m.name))
        ]
        return found[:limit]

    def model_history(self, model_id: int) -> list[ModelEventView]:
        return [
            ModelEventView(
                e.kind,
                e.happened_on,
                e.level,
                e.outcome,
                e.reason,
                e.decision_no,
                self.members[e.by_member].full_name if e.by_member in self.members else None,
            )
            for e in sorted(self.events.get(model_id, []), key=lambda e: e.happened_on)
        ]

    def add_model_event(self, event: NewModelEvent) -> None:
        self.events.setdefault(event.model_id, []).append(event)
        self.models = [
            replace(m, status=event.status, status_on=event.happened_on)
            if m.id == event.model_id
            else m
            for m in self.models
        ]

    def places_under(self, unit_id: int) -> list[PlaceView]:
        found = [self.places[unit_id][0]]
        for place in found:
            found += [p for p, parent in self.places.values() if parent == place.id]
        return found

    def place(self, code: str) -> PlaceView | None:
        return next((p for p, _ in self.places.values() if p.code == code), None)

    def commune_of(self, unit_id: int) -> int | None:
        current: int | None = unit_id
        while current is not None:
            place, parent = self.places[current]
            if place.kind == "commune":
                return place.id
            current = parent
        return None

    def model_entry(self, reference: str) -> ModelEntry | None:
        return self.model_entries.get(reference)

    def link_model_entry(self, reference: str, model: ModelView) -> None:
        self.model_entries[reference] = replace(self.model_entries[reference], model_id=model.id)
