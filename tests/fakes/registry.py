"""Typed in-memory fakes of `RegistryStore` and `DocumentStore` (registrations, ratings,
dossier items, commendations, documents), for the services' tests. A test places its units
(`place`), members and plans; the rest is what the services write."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from campaign.plans import Plan
from services.ports import (
    CommendationView,
    DocumentStore,
    DocumentView,
    DossierItemView,
    MemberView,
    NewCommendation,
    NewDocument,
    NewRegistration,
    Outcome,
    RatingView,
    RegistrationView,
    RegistryStore,
    UnitPlace,
)


@dataclass
class MemoryRegistry(RegistryStore, DocumentStore):
    units: dict[int, UnitPlace] = field(default_factory=dict)
    members: dict[int, MemberView] = field(default_factory=dict)
    plans: list[tuple[Plan, int]] = field(default_factory=list)  # plan, its scope unit
    registered: dict[int, RegistrationView] = field(default_factory=dict)
    items: dict[int, DossierItemView] = field(default_factory=dict)
    rated: dict[tuple[int, str, int], RatingView] = field(default_factory=dict)
    commended: dict[int, CommendationView] = field(default_factory=dict)
    documents: dict[int, tuple[NewDocument, int]] = field(default_factory=dict)  # doc, its id
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def place(self, unit_id: int, name: str, kind: str, parent: int | None = None) -> UnitPlace:
        above = self.units[parent].chain if parent is not None else ()
        unit = UnitPlace(unit_id, f"U{unit_id}", name, kind, (unit_id, *above))
        self.units[unit_id] = unit
        return unit

    def unit_place(self, unit_id: int) -> UnitPlace | None:
        return self.units.get(unit_id)

    def unit_place_by_code(self, code: str) -> UnitPlace | None:
        return next((u for u in self.units.values() if u.code == code), None)

    def units_under(self, unit_id: int, kinds: Collection[str]) -> list[UnitPlace]:
        return [u for u in self.units.values() if unit_id in u.chain and u.kind in kinds and u.open]

    def member_by_id(self, member_id: int) -> MemberView | None:
        return self.members.get(member_id)

    def members_of(self, unit_id: int) -> list[MemberView]:
        return [m for m in self.members.values() if m.unit_id == unit_id]

    def plans_over(self, unit_id: int, day: date) -> list[Plan]:
        chain = self.units[unit_id].chain
        return [plan for plan, scope in self.plans if scope in chain and plan.active_on(day)]

    def registration(self, registration_id: int) -> RegistrationView | None:
        return self.registered.get(registration_id)

    def registration_of(self, scheme: str, unit_id: int, year: int) -> RegistrationView | None:
        return next(
            (
                r
                for r in self.registered.values()
                if (r.scheme, r.unit.id, r.year) == (scheme, unit_id, year)
            ),
            None,
        )

    def registrations(
        self, unit_ids: Collection[int], *, year: int | None, scheme: str | None
    ) -> list[RegistrationView]:
        return [
            r
            for r in self.registered.values()
            if r.unit.id in unit_ids and year in (None, r.year) and scheme in (None, r.scheme)
        ]

    def registrations_under(self, unit_id: int, *, year: int | None) -> list[RegistrationView]:
        return [
            r
            for r in self.registered.values()
            if unit_id in r.unit.chain and year in (None, r.year)
        ]

    def add_registration(self, new: NewRegistration) -> int | None:
        if self.registration_of(new.scheme, new.unit_id, new.year) is not None:
            return None
        number = next(self.ids)
        self.registered[number] = RegistrationView(
            number,
            new.scheme,
            self.units[new.unit_id],
            new.year,
            new.plan_code,
            new.registered_on,
            new.registered_by,
            new.level,
            "pending",
            None,
            None,
            None,
            new.note,
        )
        for item in new.items:
            item_id = next(self.ids)
            self.items[item_id] = DossierItemView(
                item_id, "registration", number, item, "missing", None, ""
            )
        return number

    def set_outcome(self, registration_id: int, outcome: Outcome) -> None:
        self.registered[registration_id] = replace(
            self.registered[registration_id],
            outcome=outcome.outcome,
            outcome_on=outcome.on,
            outcome_level=outcome.level,
            decision_no=outcome.decision_no,
            note=outcome.note,
        )

    def dossier(self, owner_kind: str, owner_id: int) -> list[DossierItemView]:
        return [
            i for i in self.items.values() if (i.owner_kind, i.owner_id) == (owner_kind, owner_id)
        ]

    def dossier_item(self, item_id: int) -> DossierItemView | None:
        return self.items.get(item_id)

    def set_dossier_item(
        self,
        item_id: int,
        *,
        status: str,
        document_id: int | None,
        note: str,
        by: int | None,
        now: datetime,
    ) -> None:
        self.items[item_id] = replace(
            self.items[item_id], status=status, document_id=document_id, note=note
        )

    def rating(self, unit_id: int, scheme: str, year: int) -> RatingView | None:
        return self.rated.get((unit_id, scheme, year))

    def set_rating(
        self, unit_id: int, scheme: str, year: int, rating: str, by: int | None, on: date, note: str
    ) -> None:
        self.rated[(unit_id, scheme, year)] = RatingView(
            self.units[unit_id], scheme, year, rating, by, on, note
        )

    def ratings(self, unit_ids: Collection[int], scheme: str, year: int) -> list[RatingView]:
        return [
            r for (u, s, y), r in self.rated.items() if u in unit_ids and (s, y) == (scheme, year)
        ]

    def add_commendation(self, new: NewCommendation) -> int:
        number = next(self.ids)
        if new.subject_kind == "member":
            name, unit_id = (
                self.members[new.subject_id].full_name,
                self.members[new.subject_id].unit_id,
            )
        else:
            name, unit_id = self.units[new.subject_id].name, new.subject_id
        self.commended[number] = CommendationView(
            number,
            new.subject_kind,
            new.subject_id,
            name,
            unit_id,
            new.level,
            new.form,
            new.reason,
            new.decided_on,
            new.decision_no,
            new.authority,
            new.status,
            new.plan_code,
            new.phase_code,
            new.entered_by,
        )
        return number

    def commendation(self, commendation_id: int) -> CommendationView | None:
        return self.commended.get(commendation_id)

    def decide_commendation(
        self,
        commendation_id: int,
        *,
        status: str,
        on: date,
        decision_no: str | None,
        authority: str | None,
    ) -> None:
        self.commended[commendation_id] = replace(
            self.commended[commendation_id],
            status=status,
            decided_on=on,
            decision_no=decision_no,
            authority=authority,
        )

    def commendations_of(
        self, subject_kind: str, subject_ids: Collection[int]
    ) -> list[CommendationView]:
        return [
            c
            for c in reversed(self.commended.values())
            if c.subject_kind == subject_kind and c.subject_id in subject_ids
        ]

    def commendations_under(self, unit_id: int) -> list[CommendationView]:
        return [
            c
            for c in reversed(self.commended.values())
            if unit_id in self.units[c.subject_unit_id].chain
        ]

    # --- documents
    def add_document(self, document: NewDocument) -> int:
        number = next(self.ids)
        self.documents[number] = (document, number)
        return number

    def attach_document(self, document_id: int, owner_kind: str, owner_id: int) -> None:
        document, _ = self.documents[document_id]
        self.documents[document_id] = (
            replace(document, owner_kind=owner_kind, owner_id=owner_id),
            document_id,
        )

    def document(self, reader: MemberView | None, document_id: int) -> DocumentView | None:
        found = self.documents.get(document_id)
        if found is None:
            return None
        kept = found[0]
        return DocumentView(
            document_id,
            kept.owner_kind,
            kept.owner_id,
            kept.unit_id,
            kept.content_type,
            len(kept.data),
            kept.original_name,
            kept.uploaded_by,
            kept.now,
        )

    def document_bytes(self, reader: MemberView | None, document_id: int) -> bytes | None:
        found = self.documents.get(document_id)
        return found[0].data if found else None
