"""The registry of models and typical units: registering one, recording what happened to it,
listing a unit's, reading one's history, and members' model entries pointing at one. The rules
every door (chat desk, CLI, console) shares.

Who may: commune police and admins register and record events for units in their part of the
tree; a team leader (or deputy) proposes one for their own team (status "registered", the
commune's officers told) and sees their team's. The CLI (`actor` None) may do anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from campaign import models as registry
from campaign.catalogs import said, text
from campaign.normalize import clean_text, fold
from campaign.roles import Role
from campaign.unit_kinds import COMMUNE, PROVINCE
from handlers.messages import Notice, Outgoing
from services.ports import (
    Audited,
    MemberStore,
    MemberView,
    ModelEventView,
    ModelStore,
    ModelView,
    NewModel,
    NewModelEvent,
    NoticeStore,
)
from services.refusals import Refused

LISTED = 30  # models a desk lists at once (the most recent)
NAME_MAX = 300
RECORDERS = (Role.OFFICER, Role.ADMIN)
PROPOSERS = (Role.LEADER, Role.DEPUTY)


@dataclass(frozen=True)
class Draft:
    """A model as the registering commander described it."""

    category: str
    scheme: str
    name: str
    unit_id: int
    started_on: date
    origin: str = "new"
    replicated_from: str | None = None  # the reference of the model it copies
    area_text: str = ""


def _actor(actor: MemberView | None) -> str | None:
    return None if actor else "cli"


def scope(store: ModelStore, actor: MemberView) -> list[int]:
    """The units whose models the commander sees: their unit and those under it."""
    if actor.role not in (*RECORDERS, *PROPOSERS):
        raise Refused(said("model_commanders_only"))
    return [place.id for place in store.places_under(actor.unit_id)]


def models_of(
    store: ModelStore,
    actor: MemberView | None,
    unit_id: int | None = None,
    *,
    name: str | None = None,
) -> list[ModelView]:
    """The models of the commander's part of the tree (the CLI: of `unit_id`'s), the most
    recently registered first, dropped ones too (with their status)."""
    if actor is not None:
        units = scope(store, actor)
    else:
        assert unit_id is not None
        units = [place.id for place in store.places_under(unit_id)]
    return store.models_under(units, live_only=False, name=name, limit=LISTED)


def seen(store: ModelStore, actor: MemberView | None, reference: str) -> ModelView:
    """The model, if the actor may see it; refused alike when it does not exist."""
    wanted = registry.parse_reference(reference) or reference
    model = store.model_by_reference(wanted)
    if model is None or (actor is not None and model.unit_id not in scope(store, actor)):
        raise Refused(said("model_not_found", reference=reference[:40]))
    return model


def history(
    store: ModelStore, actor: MemberView | None, reference: str
) -> tuple[ModelView, list[ModelEventView]]:
    model = seen(store, actor, reference)
    return model, store.model_history(model.id)


def register(
    store: ModelStore,
    members: MemberStore,
    notices: NoticeStore,
    actor: MemberView | None,
    draft: Draft,
    *,
    now: datetime,
) -> ModelView:
    """Register the model; a leader's is a proposal ("registered") the commune's officers
    hear of. Refused, nothing saved, when the draft is not one or the unit not the actor's."""
    status = _registering_status(store, actor, draft.unit_id)
    name = _checked(draft)
    copied = None
    if draft.origin == "replicated" and draft.replicated_from:
        copied = store.model_by_reference(
            registry.parse_reference(draft.replicated_from) or draft.replicated_from
        )
        if copied is None:
            raise Refused(said("model_not_found", reference=draft.replicated_from[:40]))
    twin = store.models_under([draft.unit_id], live_only=True, name=name, limit=LISTED)
    if any(fold(m.name) == fold(name) for m in twin):
        raise Refused(said("model_exists", name=name))
    model = store.add_model(
        NewModel(
            category=draft.category,
            scheme=draft.scheme,
            name=name,
            unit_id=draft.unit_id,
            area_text=clean_text(draft.area_text)[:NAME_MAX],
            started_on=draft.started_on,
            origin=draft.origin,
            replicated_from_id=copied.id if copied else None,
            status=status,
            created_by=actor.id if actor else None,
            now=now,
        )
    )
    notices.audit(
        Audited(
            "model.registered",
            "models",
            model.reference,
            now,
            actor_member_id=actor.id if actor else None,
            details={"unit": model.unit_id, "scheme": model.scheme, "status": status},
            actor=_actor(actor),
        )
    )
    if status == registry.PROPOSED_BY_LEADER and actor is not None:
        _tell_officers(members, notices, actor, model, now)
    return model


def _registering_status(store: ModelStore, actor: MemberView | None, unit_id: int) -> str:
    if actor is None:
        return registry.REGISTERED_BY_COMMANDER
    if actor.role in PROPOSERS:
        if unit_id != actor.unit_id:
            raise Refused(said("model_own_team_only"))
        return registry.PROPOSED_BY_LEADER
    if unit_id not in scope(store, actor):
        raise Refused(said("model_unit_not_yours"))
    return registry.REGISTERED_BY_COMMANDER


def _checked(draft: Draft) -> str:
    name = clean_text(draft.name)
    if not 3 <= len(name) <= NAME_MAX:
        raise Refused(said("model_bad_name", limit=NAME_MAX))
    if draft.category not in registry.CATEGORIES:
        raise Refused(said("model_bad_category"))
    if not registry.is_scheme(draft.scheme):
        raise Refused(said("model_bad_scheme"))
    if draft.origin not in registry.ORIGINS:
        raise Refused(said("model_bad_origin"))
    if draft.origin == "replicated" and not draft.replicated_from:
        raise Refused(said("model_needs_source"))
    return name


def _tell_officers(
    members: MemberStore,
    notices: NoticeStore,
    leader: MemberView,
    model: ModelView,
    now: datetime,
) -> None:
    told = [
        Notice(
            officer.id,
            Outgoing(
                text=text(
                    "model_proposed_notice",
                    officer.language,
                    leader=leader.full_name,
                    unit=model.unit_name,
                    name=model.name,
                    reference=model.reference,
                )
            ),
        )
        for officer in members.commune_officers(leader.unit_id)
    ]
    notices.notify(told, now)


def record(
    store: ModelStore,
    notices: NoticeStore,
    actor: MemberView | None,
    reference: str,
    event: registry.Event,
    *,
    on: date,
    now: datetime,
) -> ModelView:
    """Record what happened to the model on day `on`; its status follows. Only commune
    police and admins (a leader proposes models, not their events). A recognition decided
    above the recorder's own level is recorded as the fact it is, its decision's number
    audited."""
    if not _police(store, actor):
        raise Refused(said("model_officers_only"))
    model = seen(store, actor, reference)
    if on > now.date():
        raise Refused(said("model_future_day"))
    try:
        status = registry.after(model.status, event)
    except registry.EventProblem as problem:
        raise Refused(said(problem.key, **problem.values)) from None
    store.add_model_event(
        NewModelEvent(
            model_id=model.id,
            kind=event.kind,
            happened_on=on,
            status=status,
            level=event.level,
            outcome=event.outcome,
            reason=clean_text(event.reason),
            decision_no=(event.decision_no or "").strip() or None,
            by_member=actor.id if actor else None,
            now=now,
        )
    )
    details: dict[str, object] = {"kind": event.kind, "from": model.status, "to": status}
    details |= {k: v for k, v in _event_details(event).items() if v}
    if event.kind == "recognised" and event.level and actor is not None:
        own = store.places_under(actor.unit_id)[0].kind
        details["above_own"] = registry.above_own(event.level, own)
    notices.audit(
        Audited(
            f"model.{event.kind}",
            "models",
            model.reference,
            now,
            actor_member_id=actor.id if actor else None,
            details=details,
            actor=_actor(actor),
        )
    )
    changed = store.model_by_reference(model.reference)
    assert changed is not None
    return changed


def _police(store: ModelStore, actor: MemberView | None) -> bool:
    """An admin, or an officer of the commune or province police: an agency's, an
    enterprise's or a school's officer reports for it and records no recognition of its own
    models (they count in the commune's targets)."""
    if actor is None or actor.role is Role.ADMIN:
        return True
    return actor.role is Role.OFFICER and store.places_under(actor.unit_id)[0].kind in (
        COMMUNE,
        PROVINCE,
    )


def _event_details(event: registry.Event) -> dict[str, object]:
    return {"level": event.level, "outcome": event.outcome, "decision_no": event.decision_no}


# --- Members' model entries ---


def pickable(
    store: ModelStore, member: MemberView, *, name: str | None = None, limit: int = 8
) -> list[ModelView]:
    """The registered, not dropped, models of the member's commune a model entry may name,
    the most recent first."""
    commune = store.commune_of(member.unit_id)
    if commune is None:
        return []
    units = [place.id for place in store.places_under(commune)]
    return store.models_under(units, live_only=True, name=name, limit=limit)


def pick(store: ModelStore, member: MemberView, reference: str) -> ModelView | None:
    """The model a member's entry names, if it is one they may name (else None)."""
    model = store.model_by_reference(reference)
    if model is None or model.status == "dropped":
        return None
    commune = store.commune_of(member.unit_id)
    if commune is None or model.unit_id not in {p.id for p in store.places_under(commune)}:
        return None
    return model


def link_entry(
    store: ModelStore,
    notices: NoticeStore,
    actor: MemberView | None,
    entry_reference: str,
    model_reference: str,
    *,
    now: datetime,
) -> ModelView:
    """Point a model entry whose model was typed ("chưa đăng ký") at a registered model."""
    if not _police(store, actor):
        raise Refused(said("model_officers_only"))
    wanted = entry_reference.strip().upper()
    entry = store.model_entry(wanted)
    if entry is None or (actor is not None and entry.unit_id not in scope(store, actor)):
        raise Refused(said("model_entry_not_found", reference=entry_reference[:40]))
    model = seen(store, actor, model_reference)
    if model.status == "dropped":
        raise Refused(said("model_is_dropped"))
    if entry.model_id is not None:
        raise Refused(said("model_entry_linked", reference=entry.reference))
    store.link_model_entry(entry.reference, model)
    notices.audit(
        Audited(
            "entry.model_linked",
            "entries",
            entry.reference,
            now,
            actor_member_id=actor.id if actor else None,
            details={"model": model.reference, "typed": entry.named},
            actor=_actor(actor),
        )
    )
    return model


__all__ = ["Draft", "history", "link_entry", "models_of", "pick", "pickable", "record", "register"]
