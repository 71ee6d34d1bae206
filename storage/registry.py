"""Registrations, ratings, dossier items and commendations in SQL
(`services.ports.RegistryStore`). The rules are services/registrations.py's and
services/commendations.py's; the measures count these tables directly."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, insert, or_, select, update

from campaign.collation import person_key, vietnamese_key
from campaign.plans import Plan
from services.ports import (
    CommendationView,
    DossierItemView,
    MemberView,
    NewCommendation,
    NewRegistration,
    Outcome,
    RatingView,
    RegistrationView,
    RegistryStore,
    UnitPlace,
)
from storage.calendar import plans_around
from storage.members import MEMBER_COLUMNS, member_view
from storage.schema import commendations, dossier_items, members, ratings, registrations, units
from storage.tree import chain, subtree
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for

_UNIT = select(units.c.id, units.c.code, units.c.name, units.c.kind, units.c.valid_to)


class RegistryRepository(FeatureRepository, RegistryStore):
    """`services.ports.RegistryStore`."""

    def _place(self, row: Any) -> UnitPlace:
        return UnitPlace(
            row.id, row.code, row.name, row.kind, chain(self.db, row.id), row.valid_to is None
        )

    def unit_place(self, unit_id: int) -> UnitPlace | None:
        row = self.db.execute(_UNIT.where(units.c.id == unit_id)).first()
        return None if row is None else self._place(row)

    def unit_place_by_code(self, code: str) -> UnitPlace | None:
        row = self.db.execute(_UNIT.where(units.c.code == code)).first()
        return None if row is None else self._place(row)

    def units_under(self, unit_id: int, kinds: Collection[str]) -> list[UnitPlace]:
        rows = self.db.execute(
            _UNIT.where(
                units.c.id.in_(subtree(self.db, unit_id, open_only=True)),
                units.c.kind.in_(list(kinds)),
                units.c.valid_to.is_(None),
            )
        ).all()
        return sorted((self._place(r) for r in rows), key=lambda u: vietnamese_key(u.name))

    def member_by_id(self, member_id: int) -> MemberView | None:
        row = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(members.c.id == member_id, members.c.active.is_(True))
        ).first()
        return None if row is None else member_view(row)

    def members_of(self, unit_id: int) -> list[MemberView]:
        rows = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(members.c.unit_id == unit_id, members.c.active.is_(True))
        ).all()
        return [member_view(r) for r in sorted(rows, key=lambda r: person_key(r.full_name))]

    def plans_over(self, unit_id: int, day: date) -> list[Plan]:
        above = set(chain(self.db, unit_id))
        return [
            plan
            for plan, scope in plans_around(self.db, day)
            if scope in above and plan.active_on(day)
        ]

    # --- registrations
    def _registration(self, row: Any) -> RegistrationView:
        unit = self.unit_place(row.unit_id)
        assert unit is not None  # a foreign key
        return RegistrationView(
            id=row.id,
            scheme=row.scheme,
            unit=unit,
            year=row.year,
            plan_code=row.plan_code,
            registered_on=row.registered_on,
            registered_by=row.registered_by,
            level=row.level,
            outcome=row.outcome,
            outcome_on=row.outcome_on,
            outcome_level=row.outcome_level,
            decision_no=row.decision_no,
            note=row.note,
        )

    def _registrations(self, *where: ColumnElement[bool]) -> list[RegistrationView]:
        rows = self.db.execute(
            select(registrations).where(*where).order_by(registrations.c.id)
        ).all()
        return [self._registration(row) for row in rows]

    def registration(self, registration_id: int) -> RegistrationView | None:
        found = self._registrations(registrations.c.id == registration_id)
        return found[0] if found else None

    def registration_of(self, scheme: str, unit_id: int, year: int) -> RegistrationView | None:
        found = self._registrations(
            registrations.c.scheme == scheme,
            registrations.c.unit_id == unit_id,
            registrations.c.year == year,
        )
        return found[0] if found else None

    def registrations(
        self, unit_ids: Collection[int], *, year: int | None, scheme: str | None
    ) -> list[RegistrationView]:
        where: list[ColumnElement[bool]] = [registrations.c.unit_id.in_(list(unit_ids))]
        if year is not None:
            where.append(registrations.c.year == year)
        if scheme is not None:
            where.append(registrations.c.scheme == scheme)
        return self._registrations(*where)

    def registrations_under(self, unit_id: int, *, year: int | None) -> list[RegistrationView]:
        where: list[ColumnElement[bool]] = [registrations.c.unit_id.in_(subtree(self.db, unit_id))]
        if year is not None:
            where.append(registrations.c.year == year)
        return self._registrations(*where)

    def add_registration(self, new: NewRegistration) -> int | None:
        # Two officers registering the same unit at once: the second finds it taken (None).
        made = self.db.execute(
            insert_for(self.db, registrations)
            .values(
                scheme=new.scheme,
                unit_id=new.unit_id,
                year=new.year,
                plan_code=new.plan_code,
                registered_on=new.registered_on,
                registered_by=new.registered_by,
                level=new.level,
                outcome="pending",
                note=new.note,
                created_at=new.now,
            )
            .on_conflict_do_nothing()
            .returning(registrations.c.id)
        ).scalar()
        if made is None:
            return None
        registration_id = int(made)
        if new.items:
            self.db.execute(
                insert(dossier_items),
                [
                    {
                        "owner_kind": "registration",
                        "owner_id": registration_id,
                        "item": item,
                        "status": "missing",
                        "note": "",
                        "updated_by": new.registered_by,
                        "updated_at": new.now,
                    }
                    for item in new.items
                ],
            )
        return registration_id

    def set_outcome(self, registration_id: int, outcome: Outcome) -> None:
        self.db.execute(
            update(registrations)
            .where(registrations.c.id == registration_id)
            .values(
                outcome=outcome.outcome,
                outcome_on=outcome.on,
                outcome_level=outcome.level,
                decision_no=outcome.decision_no,
                note=outcome.note,
            )
        )

    # --- dossiers
    @staticmethod
    def _item(row: Any) -> DossierItemView:
        return DossierItemView(
            row.id, row.owner_kind, row.owner_id, row.item, row.status, row.document_id, row.note
        )

    def dossier(self, owner_kind: str, owner_id: int) -> list[DossierItemView]:
        rows = self.db.execute(
            select(dossier_items)
            .where(dossier_items.c.owner_kind == owner_kind, dossier_items.c.owner_id == owner_id)
            .order_by(dossier_items.c.id)
        ).all()
        return [self._item(row) for row in rows]

    def dossier_item(self, item_id: int) -> DossierItemView | None:
        row = self.db.execute(select(dossier_items).where(dossier_items.c.id == item_id)).first()
        return None if row is None else self._item(row)

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
        self.db.execute(
            update(dossier_items)
            .where(dossier_items.c.id == item_id)
            .values(
                status=status, document_id=document_id, note=note, updated_by=by, updated_at=now
            )
        )

    # --- ratings
    def _rating(self, row: Any) -> RatingView:
        unit = self.unit_place(row.unit_id)
        assert unit is not None
        return RatingView(
            unit, row.scheme, row.year, row.rating, row.rated_by, row.rated_on, row.note
        )

    def rating(self, unit_id: int, scheme: str, year: int) -> RatingView | None:
        found = self.ratings([unit_id], scheme, year)
        return found[0] if found else None

    def set_rating(
        self, unit_id: int, scheme: str, year: int, rating: str, by: int | None, on: date, note: str
    ) -> None:
        values = {"rating": rating, "rated_by": by, "rated_on": on, "note": note}
        statement = insert_for(self.db, ratings).values(
            unit_id=unit_id, scheme=scheme, year=year, **values
        )
        self.db.execute(
            statement.on_conflict_do_update(
                index_elements=[ratings.c.unit_id, ratings.c.scheme, ratings.c.year], set_=values
            )
        )

    def ratings(self, unit_ids: Collection[int], scheme: str, year: int) -> list[RatingView]:
        rows = self.db.execute(
            select(ratings)
            .where(
                ratings.c.unit_id.in_(list(unit_ids)),
                ratings.c.scheme == scheme,
                ratings.c.year == year,
            )
            .order_by(ratings.c.unit_id)
        ).all()
        return [self._rating(row) for row in rows]

    # --- commendations
    def add_commendation(self, new: NewCommendation) -> int:
        return int(
            self.db.execute(
                insert(commendations)
                .values(
                    subject_kind=new.subject_kind,
                    subject_id=new.subject_id,
                    level=new.level,
                    form=new.form,
                    reason=new.reason,
                    decided_on=new.decided_on,
                    decision_no=new.decision_no,
                    authority=new.authority,
                    status=new.status,
                    plan_code=new.plan_code,
                    phase_code=new.phase_code,
                    entered_by=new.entered_by,
                    created_at=new.now,
                )
                .returning(commendations.c.id)
            ).scalar_one()
        )

    def _commendations(self, *where: ColumnElement[bool]) -> list[CommendationView]:
        member_unit = select(members.c.unit_id).where(members.c.id == commendations.c.subject_id)
        member_name = select(members.c.full_name).where(members.c.id == commendations.c.subject_id)
        unit_name = select(units.c.name).where(units.c.id == commendations.c.subject_id)
        rows = self.db.execute(
            select(
                commendations,
                member_unit.scalar_subquery().label("member_unit"),
                member_name.scalar_subquery().label("member_name"),
                unit_name.scalar_subquery().label("unit_name"),
            )
            .where(*where)
            .order_by(commendations.c.decided_on.desc(), commendations.c.id.desc())
        ).all()
        return [
            CommendationView(
                id=row.id,
                subject_kind=row.subject_kind,
                subject_id=row.subject_id,
                subject_name=(row.member_name if row.subject_kind == "member" else row.unit_name)
                or "",
                subject_unit_id=(
                    row.member_unit if row.subject_kind == "member" else row.subject_id
                ),
                level=row.level,
                form=row.form,
                reason=row.reason,
                decided_on=row.decided_on,
                decision_no=row.decision_no,
                authority=row.authority,
                status=row.status,
                plan_code=row.plan_code,
                phase_code=row.phase_code,
                entered_by=row.entered_by,
            )
            for row in rows
        ]

    def commendation(self, commendation_id: int) -> CommendationView | None:
        found = self._commendations(commendations.c.id == commendation_id)
        return found[0] if found else None

    def decide_commendation(
        self,
        commendation_id: int,
        *,
        status: str,
        on: date,
        decision_no: str | None,
        authority: str | None,
    ) -> None:
        self.db.execute(
            update(commendations)
            .where(commendations.c.id == commendation_id)
            .values(status=status, decided_on=on, decision_no=decision_no, authority=authority)
        )

    def commendations_of(
        self, subject_kind: str, subject_ids: Collection[int]
    ) -> list[CommendationView]:
        return self._commendations(
            commendations.c.subject_kind == subject_kind,
            commendations.c.subject_id.in_(list(subject_ids)),
        )

    def commendations_under(self, unit_id: int) -> list[CommendationView]:
        under = subtree(self.db, unit_id)
        people = select(members.c.id).where(members.c.unit_id.in_(under))
        return self._commendations(
            or_(
                and_(commendations.c.subject_kind == "unit", commendations.c.subject_id.in_(under)),
                and_(
                    commendations.c.subject_kind == "member",
                    commendations.c.subject_id.in_(people),
                ),
            )
        )


__all__ = ["RegistryRepository"]
