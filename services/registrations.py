"""Units registered for a plan's scheme (An toàn về ANTT, giao ước thi đua, typical units,
Ngày hội "điểm"), their outcome, their dossier's documents and their yearly rating: the rules
every door (chat, CLI, console) shares.

Who may act: a unit's officer registers it, an officer or admin registers the units under
theirs; the level above a unit records its outcome and accepts or returns its documents; an
admin rates units. The command line (no member: `actor` None) may do all of it. Every change
is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from campaign import registrations as rules
from campaign.catalogs import by_language, listed, said, text
from campaign.localized import Localized
from campaign.plans import Plan, RegistrationSpec
from campaign.roles import Role, kind_label
from handlers.messages import Notice, Outgoing
from services import documents
from services.ports import (
    Audited,
    DocumentStore,
    DossierItemView,
    MemberStore,
    MemberView,
    NewRegistration,
    NoticeStore,
    Outcome,
    RegistrationView,
    RegistryStore,
    UnitPlace,
)
from services.refusals import Refused

POLICE = (Role.OFFICER, Role.ADMIN)
OWNER = "registration"  # dossier_items.owner_kind of a registration's checklist
DOCUMENT_OWNER = "dossier_item"  # documents.owner_kind of a document uploaded to an item


@dataclass(frozen=True)
class Scheme:
    """A registration scheme of a running plan."""

    plan: Plan
    spec: RegistrationSpec


def _cli(actor: MemberView | None) -> str | None:
    return None if actor else "cli"


def _actor_id(actor: MemberView | None) -> int | None:
    return actor.id if actor else None


def may_register(actor: MemberView | None, unit: UnitPlace) -> bool:
    """The unit's own officer, or an officer or admin above it (the command line always)."""
    return actor is None or (actor.role in POLICE and actor.unit_id in unit.chain)


def may_decide(actor: MemberView | None, unit: UnitPlace) -> bool:
    """An officer or admin strictly above the unit (the command line always)."""
    return actor is None or (actor.role in POLICE and actor.unit_id in unit.chain[1:])


def schemes(store: RegistryStore, unit_id: int, day: date) -> list[Scheme]:
    """The schemes the plans running over the unit on `day` declare."""
    return [
        Scheme(plan, spec) for plan in store.plans_over(unit_id, day) for spec in plan.registrations
    ]


def scheme_for(store: RegistryStore, unit_id: int, scheme: str, day: date) -> Scheme:
    found = next((s for s in schemes(store, unit_id, day) if s.spec.scheme == scheme), None)
    if found is None:
        raise Refused(said("registration_scheme_unknown", scheme=scheme))
    return found


def registrable(store: RegistryStore, actor: MemberView, spec: RegistrationSpec) -> list[UnitPlace]:
    """The units the actor may register for the scheme: their own and those under it, of the
    kinds the scheme takes."""
    if actor.role not in POLICE:
        raise Refused(said("registration_officers_only"))
    return store.units_under(actor.unit_id, spec.kinds)


def _unit(store: RegistryStore, unit_id: int) -> UnitPlace:
    unit = store.unit_place(unit_id)
    if unit is None or not unit.open:
        raise Refused(said("registration_unit_unknown"))
    return unit


def register(
    store: RegistryStore,
    notices: NoticeStore,
    actor: MemberView | None,
    *,
    unit_id: int,
    scheme: str,
    day: date,
    now: datetime,
    level: str | None = None,
    note: str = "",
) -> RegistrationView:
    """Register the unit for the scheme of a running plan, for `day`'s year, with the scheme's
    dossier checklist (every item missing)."""
    if actor is not None and actor.role not in POLICE:
        raise Refused(said("registration_officers_only"))
    unit = _unit(store, unit_id)
    if not may_register(actor, unit):
        raise Refused(said("registration_not_yours", unit=unit.name))
    problem = rules.decision_problem(level, None)
    if problem is not None:
        raise Refused(problem)
    found = scheme_for(store, unit_id, scheme, day)
    spec = found.spec
    if unit.kind not in spec.kinds:
        kinds = listed([_kind(k) for k in spec.kinds], ", ")
        raise Refused(said("registration_kind_refused", unit=unit.name, kinds=kinds))
    if store.registration_of(scheme, unit_id, day.year) is not None:
        raise Refused(said("registration_twice", unit=unit.name, year=day.year))
    if actor is not None and spec.by is not None and day > spec.by:
        raise Refused(said("registration_too_late", by=f"{spec.by:%d/%m/%Y}"))
    registration_id = store.add_registration(
        NewRegistration(
            scheme=scheme,
            unit_id=unit_id,
            year=day.year,
            plan_code=found.plan.code,
            registered_on=day,
            registered_by=_actor_id(actor),
            level=level,
            note=note,
            items=tuple(item.code for item in spec.dossier),
            now=now,
        )
    )
    if registration_id is None:
        raise Refused(said("registration_twice", unit=unit.name, year=day.year))
    notices.audit(
        Audited(
            "registration.added",
            "registrations",
            str(registration_id),
            now,
            actor_member_id=_actor_id(actor),
            details={"scheme": scheme, "unit_id": unit_id, "year": day.year, "level": level},
            actor=_cli(actor),
        )
    )
    registration = store.registration(registration_id)
    assert registration is not None
    return registration


def _kind(kind: str) -> Localized:
    return by_language(lambda lang: kind_label(kind, lang))


def registration(
    store: RegistryStore, actor: MemberView | None, registration_id: int
) -> RegistrationView:
    """A registration the actor's unit is in the line of command of (refused alike if none)."""
    found = store.registration(registration_id)
    if found is None or (actor is not None and actor.unit_id not in found.unit.chain):
        raise Refused(said("registration_not_found"))
    return found


def record_outcome(
    store: RegistryStore,
    notices: NoticeStore,
    people: MemberStore,
    actor: MemberView | None,
    registration_id: int,
    outcome: Outcome,
    now: datetime,
) -> RegistrationView:
    """Achieved or not (or withdrawn), decided above the unit; the unit's officers told."""
    found = registration(store, actor, registration_id)
    if outcome.outcome == "withdrawn":
        if not may_register(actor, found.unit):
            raise Refused(said("registration_not_yours", unit=found.unit.name))
    elif not may_decide(actor, found.unit):
        raise Refused(said("registration_outcome_above_only"))
    problem = rules.outcome_problem(found.outcome, outcome.outcome) or rules.decision_problem(
        outcome.level, outcome.decision_no
    )
    if problem is not None:
        raise Refused(problem)
    store.set_outcome(registration_id, outcome)
    notices.audit(
        Audited(
            "registration.outcome",
            "registrations",
            str(registration_id),
            now,
            actor_member_id=_actor_id(actor),
            details={
                "before": found.outcome,
                "after": outcome.outcome,
                "on": outcome.on.isoformat(),
                "level": outcome.level,
                "decision_no": outcome.decision_no,
            },
            actor=_cli(actor),
        )
    )
    _tell_officers(
        notices,
        people,
        found.unit,
        actor,
        now,
        lambda lang: text(
            "registration_outcome_told",
            lang,
            unit=found.unit.name,
            scheme=_scheme_name(store, found, lang),
            outcome=rules.outcome_label(outcome.outcome, lang),
        ),
    )
    after = store.registration(registration_id)
    assert after is not None
    return after


def _scheme_name(store: RegistryStore, found: RegistrationView, lang: str) -> str:
    spec = spec_of(store, found)
    return spec.name.get(lang) if spec is not None else found.scheme


def spec_of(store: RegistryStore, found: RegistrationView) -> RegistrationSpec | None:
    """The scheme as the registration's plan declares it (None: the plan is not running)."""
    for plan in store.plans_over(found.unit.id, found.registered_on):
        if plan.code == found.plan_code:
            return plan.registration(found.scheme)
    return None


def _tell_officers(
    notices: NoticeStore,
    people: MemberStore,
    unit: UnitPlace,
    actor: MemberView | None,
    now: datetime,
    words: Callable[[str], str],
) -> None:
    told = [
        Notice(officer.id, Outgoing(text=words(officer.language)))
        for officer in people.commune_officers(unit.id)
        if actor is None or officer.id != actor.id
    ]
    if told:
        notices.notify(told, now)


# --- the dossier


@dataclass(frozen=True)
class Checklist:
    registration: RegistrationView
    items: list[DossierItemView]
    spec: RegistrationSpec | None

    @property
    def complete(self) -> bool:
        return rules.complete((i.item, i.status) for i in self.items)

    def still_needed(self) -> list[str]:
        return rules.still_needed((i.item, i.status) for i in self.items)

    def label(self, item: str, lang: str) -> str:
        return rules.item_label(item, lang, self.spec.dossier if self.spec else ())


def checklist(store: RegistryStore, actor: MemberView | None, registration_id: int) -> Checklist:
    found = registration(store, actor, registration_id)
    return Checklist(found, store.dossier(OWNER, registration_id), spec_of(store, found))


def _item(checked: Checklist, item: str) -> DossierItemView:
    found = next((i for i in checked.items if i.item == item), None)
    if found is None:
        known = ", ".join(i.item for i in checked.items) or "—"
        raise Refused(said("dossier_item_unknown", item=item, known=known))
    return found


def upload(
    store: RegistryStore,
    files: DocumentStore,
    notices: NoticeStore,
    actor: MemberView | None,
    registration_id: int,
    item: str,
    *,
    data: bytes,
    name: str,
    now: datetime,
) -> DossierItemView:
    """Keep a document for one item of the registration's dossier (a photo of a paper one
    too); the item is then uploaded, waiting for the level above."""
    checked = checklist(store, actor, registration_id)
    if not may_register(actor, checked.registration.unit):
        raise Refused(said("registration_not_yours", unit=checked.registration.unit.name))
    target = _item(checked, item)
    problem = rules.upload_problem(target.status)
    if problem is not None:
        raise Refused(problem)
    document_id = documents.keep(
        files,
        notices,
        actor,
        data=data,
        name=name,
        unit_id=checked.registration.unit.id,
        owner_kind=DOCUMENT_OWNER,
        owner_id=target.id,
        now=now,
    )
    store.set_dossier_item(
        target.id, status="uploaded", document_id=document_id, note="", by=_actor_id(actor), now=now
    )
    notices.audit(
        Audited(
            "dossier.uploaded",
            "dossier_items",
            str(target.id),
            now,
            actor_member_id=_actor_id(actor),
            details={"registration": registration_id, "item": item, "document": document_id},
            actor=_cli(actor),
        )
    )
    after = store.dossier_item(target.id)
    assert after is not None
    return after


def review(
    store: RegistryStore,
    notices: NoticeStore,
    people: MemberStore,
    actor: MemberView | None,
    registration_id: int,
    item: str,
    decision: str,
    reason: str,
    now: datetime,
) -> DossierItemView:
    """Accept or return (with a reason) an uploaded document, from the level above the unit;
    the unit's officers told."""
    checked = checklist(store, actor, registration_id)
    unit = checked.registration.unit
    if not may_decide(actor, unit):
        raise Refused(said("registration_outcome_above_only"))
    target = _item(checked, item)
    problem = rules.review_problem(target.status, decision)
    if problem is not None:
        raise Refused(problem)
    if decision == "returned" and not reason.strip():
        raise Refused(said("dossier_return_needs_reason"))
    store.set_dossier_item(
        target.id,
        status=decision,
        document_id=target.document_id,
        note=reason.strip(),
        by=_actor_id(actor),
        now=now,
    )
    notices.audit(
        Audited(
            f"dossier.{decision}",
            "dossier_items",
            str(target.id),
            now,
            actor_member_id=_actor_id(actor),
            details={"registration": registration_id, "item": item, "reason": reason.strip()},
            actor=_cli(actor),
        )
    )
    _tell_officers(
        notices,
        people,
        unit,
        actor,
        now,
        lambda lang: text(
            "dossier_reviewed_told",
            lang,
            decision=decision,
            item=checked.label(item, lang),
            unit=unit.name,
            reason=reason.strip() or "—",
        ),
    )
    after = store.dossier_item(target.id)
    assert after is not None
    return after


def dossier_for_deadline(
    store: RegistryStore, unit_id: int, scheme: str, year: int
) -> Checklist | None:
    """The unit's registration for the scheme that year, with its checklist (None: the unit
    has not registered)."""
    found = store.registration_of(scheme, unit_id, year)
    if found is None:
        return None
    return Checklist(found, store.dossier(OWNER, found.id), spec_of(store, found))


# --- ratings


def set_rating(
    store: RegistryStore,
    notices: NoticeStore,
    actor: MemberView | None,
    *,
    unit_id: int,
    scheme: str,
    year: int,
    rating: str,
    day: date,
    now: datetime,
    note: str = "",
) -> None:
    """A unit's classification for a year (an admin above it, or the command line)."""
    if actor is not None and actor.role is not Role.ADMIN:
        raise Refused(said("rating_admins_only"))
    problem = rules.rating_problem(scheme, rating)
    if problem is not None:
        raise Refused(problem)
    unit = _unit(store, unit_id)
    if actor is not None and actor.unit_id not in unit.chain:
        raise Refused(said("registration_not_yours", unit=unit.name))
    before = store.rating(unit_id, scheme, year)
    store.set_rating(unit_id, scheme, year, rating, _actor_id(actor), day, note)
    notices.audit(
        Audited(
            "rating.set",
            "ratings",
            f"{unit_id}/{scheme}/{year}",
            now,
            actor_member_id=_actor_id(actor),
            details={"before": before.rating if before else None, "after": rating},
            actor=_cli(actor),
        )
    )


def registrations_under(
    store: RegistryStore, actor: MemberView, year: int | None = None
) -> list[RegistrationView]:
    """Registrations of the actor's unit and the units under it."""
    if actor.role not in POLICE:
        raise Refused(said("registration_officers_only"))
    return store.registrations_under(actor.unit_id, year=year)


__all__ = [
    "Checklist",
    "Scheme",
    "checklist",
    "dossier_for_deadline",
    "may_decide",
    "may_register",
    "record_outcome",
    "register",
    "registrable",
    "registration",
    "registrations_under",
    "review",
    "schemes",
    "set_rating",
    "spec_of",
    "upload",
]
