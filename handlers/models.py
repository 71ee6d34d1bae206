"""/mohinh (/models): the registry of models and typical units for commanders. Commune police
list their commune's, register one, open one to read its history and record what happened to
it, and link a typed model entry to a registered model; a team leader sees their team's and
proposes one (the officers are told).

States: "list" -> "model" (data: ref) -> "event" kind picked -> "outcome" | "level" ->
"reason" | "decision" -> "day" -> "model"; "list" -> "name" -> "scheme" -> "category" ->
"unit" -> "started" -> "origin" -> ("source") -> "confirm" -> "model"; "list" -> "entry" ->
"link" -> "list".
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import Any

from campaign import models as registry
from campaign.normalize import clean_text, small_number
from campaign.recognition import LEVELS, level_label
from campaign.when import WhenError, parse_date
from handlers.asking import Answer, Prompt, Turn, choice_refusal, picked_place
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from handlers.steps import model_store
from services import models
from services.models import PROPOSERS, RECORDERS, Draft
from services.ports import MemberView, ModelEventView, ModelStore, ModelView
from services.refusals import Refused

LEAVE, BACK, NEW, LINK, TODAY, SAVE = "leave", "back", "new", "link", "today", "save"
EVERY = "every"
SHOWN = 20  # models the list shows (the most recently registered)
OLDEST_DAYS = 3650  # a model may have started years before it was registered


def store_of(turn: Turn) -> ModelStore:
    store = model_store(turn)
    assert store is not None, "the bot's repository keeps the registry"
    return store


def begin(turn: Turn, argument: str) -> Move:
    assert turn.member is not None
    try:
        models.scope(store_of(turn), turn.member)
    except Refused as refused:
        turn.say_refused(refused)
        return REFUSED
    found = registry.parse_reference(argument)
    if found is not None:
        turn.state.data = {"ref": found}
        return Go("model")
    return Go("list")


def tapped(turn: Turn, option: str) -> bool:
    """A typed question's own button (Back) was tapped: typed states read no options."""
    seq, _, picked = (turn.incoming.choice or "").partition(".")
    return picked == option and seq == str(turn.state.prompt_seq)


def acting(turn: Turn) -> MemberView:
    """Who acts: always a member here (the services take None for the command line)."""
    if turn.member is None:
        raise RuntimeError("the registry desk is opened by members only")
    return turn.member


def recorder(turn: Turn) -> bool:
    return turn.member is not None and turn.member.role in RECORDERS


def line(turn: Turn, model: ModelView) -> str:
    return registry.summary(
        turn.lang,
        reference=model.reference,
        name=model.name,
        scheme=model.scheme,
        status=model.status,
        unit=model.unit_name,
    )


# "list": the unit's models, the most recent first (typed words search the names); register
# one, link an entry (data: search, if any)
def ask_list(turn: Turn) -> Prompt:
    assert turn.member is not None
    search = turn.state.data.get("search")
    found = models.models_of(store_of(turn), acting(turn), name=search)[:SHOWN]
    body = turn.t("models_title", unit=turn.member.unit_name, count=len(found))
    if search:
        body = f"{turn.t('models_searched', search=search)}\n{body}"
    if found:
        body += "\n" + "\n".join(line(turn, m) for m in found)
    options = [
        (m.reference, f"{m.name} — {registry.status_label(m.status, turn.lang)}"[:64])
        for m in found
    ]
    if search:
        options.append((EVERY, turn.t("models_every")))
    options.append((NEW, turn.t("models_new" if recorder(turn) else "models_propose")))
    if recorder(turn):
        options.append((LINK, turn.t("models_link")))
    options.append((LEAVE, turn.t("menu_back")))
    return Prompt(body, tuple(options), free_text=True)


def on_list(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice == EVERY:
        turn.state.data = {}
        return Go("list")
    if answer.choice == NEW:
        turn.state.data = {"draft": {}}
        return Go("name")
    if answer.choice == LINK:
        turn.state.data = {}
        return Go("entry")
    if answer.choice is not None:
        turn.state.data = {"ref": answer.choice}
        return Go("model")
    typed = clean_text(answer.text or "")
    if len(typed) < 2 or small_number(typed) is not None:
        return Stay(choice_refusal(turn, answer, len(ask_list(turn).options)))
    assert turn.member is not None
    if not models.models_of(store_of(turn), acting(turn), name=typed):
        return Stay(turn.t("models_none_found", search=typed[:40]))
    turn.state.data = {"search": typed[:80]}
    return Go("list")


# "model": one model, its history, and the events that may follow (data: ref)
def shown_model(turn: Turn) -> ModelView | None:
    assert turn.member is not None
    try:
        model, _ = models.history(store_of(turn), acting(turn), str(turn.state.data.get("ref")))
    except Refused:
        return None
    return model


def ask_model(turn: Turn) -> Prompt | None:
    assert turn.member is not None
    try:
        model, events = models.history(
            store_of(turn), acting(turn), str(turn.state.data.get("ref"))
        )
    except Refused:
        return None
    lines = [
        line(turn, model),
        turn.t(
            "models_facts",
            category=registry.category_label(model.category, turn.lang),
            origin=registry.origin_label(model.origin, turn.lang),
            copied=model.replicated_from or "-",
            started=f"{model.started_on:%d/%m/%Y}",
        ),
    ]
    lines += [f"• {event_text(turn, e)}" for e in events] or [turn.t("models_no_events")]
    kinds = registry.allowed_events(model.status) if recorder(turn) else ()
    options = [(kind, registry.event_label(kind, turn.lang)) for kind in kinds]
    options.append((BACK, turn.t("models_back")))
    return Prompt("\n".join(lines), tuple(options))


def event_text(turn: Turn, event: ModelEventView) -> str:
    parts = [f"{event.happened_on:%d/%m/%Y}", registry.event_label(event.kind, turn.lang)]
    if event.level:
        parts.append(level_label(event.level, turn.lang))
    if event.outcome:
        parts.append(registry.outcome_label(event.outcome, turn.lang))
    parts += [p for p in (event.decision_no, event.reason, event.by_name) if p]
    return " · ".join(parts)


def on_model(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("list")
    model = shown_model(turn)
    kinds = registry.allowed_events(model.status) if model and recorder(turn) else ()
    if answer.choice not in kinds:
        return Stay(choice_refusal(turn, answer, len(kinds) + 1))
    turn.state.data = {"ref": turn.state.data.get("ref"), "kind": answer.choice}
    if answer.choice == "evaluated":
        return Go("outcome")
    if answer.choice in ("proposed", "recognised", "refused"):
        return Go("level")
    return Go("reason" if answer.choice == "dropped" else "day")


def model_lost(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("model_not_found", reference=str(turn.state.data.get("ref", ""))[:40])
    return Go("list")


# "outcome": an evaluation's (data: ref, kind)
def ask_outcome(turn: Turn) -> Prompt:
    options = tuple((o, registry.outcome_label(o, turn.lang)) for o in registry.OUTCOMES)
    return Prompt(turn.t("models_outcome"), (*options, (BACK, turn.t("models_back"))))


def on_outcome(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("model")
    if answer.choice not in registry.OUTCOMES:
        return Stay(choice_refusal(turn, answer, len(registry.OUTCOMES) + 1))
    turn.state.data["outcome"] = answer.choice
    return Go("reason" if answer.choice == "not_effective" else "day")


# "level": proposed to, recognised at, refused by (data: ref, kind)
def ask_level(turn: Turn) -> Prompt:
    options = tuple((level, level_label(level, turn.lang)) for level in LEVELS)
    return Prompt(turn.t("models_level"), (*options, (BACK, turn.t("models_back"))))


def on_level(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("model")
    if answer.choice not in LEVELS:
        return Stay(choice_refusal(turn, answer, len(LEVELS) + 1))
    turn.state.data["level"] = answer.choice
    return Go("decision" if turn.state.data.get("kind") == "recognised" else "day")


# "reason" and "decision": typed (data: ref, kind, ...)
def ask_reason(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_reason"), ((BACK, turn.t("models_back")),))


def on_reason(turn: Turn, answer: Answer) -> Move:
    if tapped(turn, BACK):
        return Go("model")
    typed = clean_text(answer.text or "")
    if len(typed) < 3:
        return Stay(turn.t("models_reason_short"))
    turn.state.data["reason"] = typed[:1000]
    return Go("day")


def ask_decision(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_decision"), ((BACK, turn.t("models_back")),))


def on_decision(turn: Turn, answer: Answer) -> Move:
    if tapped(turn, BACK):
        return Go("model")
    typed = clean_text(answer.text or "")
    if not 2 <= len(typed) <= 64:
        return Stay(turn.t("models_decision_bad"))
    turn.state.data["decision"] = typed
    return Go("day")


# "day": when it happened, then recorded (data: ref, kind, level, outcome, reason, decision)
def ask_day(turn: Turn) -> Prompt:
    return Prompt(
        turn.t("models_day"),
        ((TODAY, turn.t("models_today")), (BACK, turn.t("models_back"))),
        free_text=True,
    )


def on_day(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("model")
    day = typed_day(turn, answer)
    if day is None:
        return Stay(turn.t("models_bad_day"))
    data = turn.state.data
    event = registry.Event(
        str(data.get("kind")),
        level=data.get("level"),
        outcome=data.get("outcome"),
        reason=str(data.get("reason", "")),
        decision_no=data.get("decision"),
    )
    try:
        models.record(
            store_of(turn),
            turn.store,
            acting(turn),
            str(data.get("ref")),
            event,
            on=day,
            now=turn.now,
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go("model")
    turn.say("models_recorded", event=registry.event_label(event.kind, turn.lang))
    turn.state.data = {"ref": data.get("ref")}
    return Go("model")


def typed_day(turn: Turn, answer: Answer) -> date | None:
    if answer.choice == TODAY:
        return turn.now.date()
    if answer.choice is not None or not answer.text:
        return None
    try:
        return parse_date(answer.text, turn.now.date(), oldest_days=OLDEST_DAYS)
    except WhenError:
        return None


# Registering: "name" -> "scheme" -> "category" -> "unit" -> "started" -> "origin"
# -> ("source") -> "confirm" (data: draft)
def draft(turn: Turn) -> dict[str, Any]:
    found: dict[str, Any] = turn.state.data.setdefault("draft", {})
    return found


def ask_name(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_name"), ((BACK, turn.t("models_back")),))


def on_name(turn: Turn, answer: Answer) -> Move:
    if tapped(turn, BACK):
        return Go("list")
    typed = clean_text(answer.text or "")
    if not 3 <= len(typed) <= models.NAME_MAX:
        return Stay(turn.t("models_name_bad", limit=models.NAME_MAX))
    draft(turn)["name"] = typed
    return Go("scheme")


def ask_scheme(turn: Turn) -> Prompt:
    return Prompt(
        turn.t("models_scheme"),
        tuple((code, registry.scheme_label(code, turn.lang)) for code in registry.SCHEMES),
        free_text=True,
    )


def on_scheme(turn: Turn, answer: Answer) -> Move:
    code = answer.choice or registry.scheme_code(answer.text or "")
    if code is None:
        return Stay(turn.t("model_bad_scheme"))
    draft(turn)["scheme"] = code
    return Go("category")


def ask_category(turn: Turn) -> Prompt:
    options = tuple((c, registry.category_label(c, turn.lang)) for c in registry.CATEGORIES)
    return Prompt(turn.t("models_category"), options)


def on_category(turn: Turn, answer: Answer) -> Move:
    if answer.choice not in registry.CATEGORIES:
        return Stay(choice_refusal(turn, answer, len(registry.CATEGORIES)))
    draft(turn)["category"] = answer.choice
    assert turn.member is not None
    if turn.member.role in PROPOSERS:  # a leader's own team, nothing to ask
        draft(turn)["unit_id"] = turn.member.unit_id
        return Go("started")
    return Go("unit")


def ask_unit(turn: Turn) -> Prompt:
    assert turn.member is not None
    places = store_of(turn).places_under(turn.member.unit_id)[:SHOWN]
    options = tuple((str(p.id), p.name[:64]) for p in places)
    return Prompt(turn.t("models_unit"), options, free_text=True)


def on_unit(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    chosen = picked_place(store_of(turn).places_under(turn.member.unit_id), answer)
    if len(chosen) != 1:
        return Stay(turn.t("models_unit_unknown", count=len(chosen)))
    draft(turn)["unit_id"] = chosen[0].id
    return Go("started")


def ask_started(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_started"), ((TODAY, turn.t("models_today")),), free_text=True)


def on_started(turn: Turn, answer: Answer) -> Move:
    day = typed_day(turn, answer)
    if day is None:
        return Stay(turn.t("models_bad_day"))
    draft(turn)["started"] = day.isoformat()
    return Go("origin")


def ask_origin(turn: Turn) -> Prompt:
    options = tuple((o, registry.origin_label(o, turn.lang)) for o in registry.ORIGINS)
    return Prompt(turn.t("models_origin"), options)


def on_origin(turn: Turn, answer: Answer) -> Move:
    if answer.choice not in registry.ORIGINS:
        return Stay(choice_refusal(turn, answer, len(registry.ORIGINS)))
    draft(turn)["origin"] = answer.choice
    return Go("source" if answer.choice == "replicated" else "confirm")


def ask_source(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_source"), free_text=True)


def on_source(turn: Turn, answer: Answer) -> Move:
    reference = registry.parse_reference(answer.text or "")
    if reference is None or store_of(turn).model_by_reference(reference) is None:
        return Stay(turn.t("models_source_bad"))
    draft(turn)["source"] = reference
    return Go("confirm")


def the_draft(turn: Turn) -> Draft | None:
    found = draft(turn)
    if not {"name", "scheme", "category", "unit_id", "started", "origin"} <= set(found):
        return None
    return Draft(
        category=found["category"],
        scheme=found["scheme"],
        name=found["name"],
        unit_id=int(found["unit_id"]),
        started_on=date.fromisoformat(found["started"]),
        origin=found["origin"],
        replicated_from=found.get("source"),
    )


def ask_confirm(turn: Turn) -> Prompt | None:
    shown = the_draft(turn)
    if shown is None:
        return None
    places = {p.id: p.name for p in store_of(turn).places_under(shown.unit_id)}
    body = turn.t(
        "models_confirm",
        name=shown.name,
        scheme=registry.scheme_label(shown.scheme, turn.lang),
        category=registry.category_label(shown.category, turn.lang),
        unit=places.get(shown.unit_id, ""),
        started=f"{shown.started_on:%d/%m/%Y}",
        origin=registry.origin_label(shown.origin, turn.lang),
        copied=shown.replicated_from or "-",
    )
    return Prompt(body, ((SAVE, turn.t("models_save")), (LEAVE, turn.t("models_cancel"))))


def on_confirm(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        turn.say("models_not_saved")
        return Go("list")
    shown = the_draft(turn)
    if answer.choice != SAVE or shown is None:
        return Stay(choice_refusal(turn, answer, 2))
    try:
        model = models.register(
            store_of(turn), turn.store, turn.store, acting(turn), shown, now=turn.now
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go("list")
    key = "models_proposed" if model.status == registry.PROPOSED_BY_LEADER else "models_registered"
    turn.say(key, reference=model.reference)
    turn.state.data = {"ref": model.reference}
    return Go("model")


def draft_lost(turn: Turn, answering: bool) -> Move:
    return Go("list")


# Linking a typed model entry: "entry" (its reference) -> "link" (the model; data: entry)
def ask_entry(turn: Turn) -> Prompt:
    return Prompt(turn.t("models_entry"), ((BACK, turn.t("models_back")),))


def on_entry(turn: Turn, answer: Answer) -> Move:
    if tapped(turn, BACK):
        return Go("list")
    typed = (answer.text or "").strip().upper()
    found = store_of(turn).model_entry(typed)
    assert turn.member is not None
    if found is None or found.unit_id not in models.scope(store_of(turn), turn.member):
        return Stay(turn.t("model_entry_not_found", reference=typed[:40]))
    if found.model_id is not None:
        return Stay(turn.t("model_entry_linked", reference=found.reference))
    turn.state.data = {"entry": found.reference, "named": found.named}
    return Go("link")


def ask_link(turn: Turn) -> Prompt:
    assert turn.member is not None
    live = [m for m in models.models_of(store_of(turn), turn.member) if m.status != "dropped"][
        :SHOWN
    ]
    body = turn.t(
        "models_link_pick",
        entry=str(turn.state.data.get("entry")),
        named=str(turn.state.data.get("named")),
    )
    options = tuple((m.reference, f"{m.name} — {m.unit_name}"[:64]) for m in live)
    return Prompt(body, (*options, (BACK, turn.t("models_back"))))


def on_link(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("list")
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, len(ask_link(turn).options)))
    entry = str(turn.state.data.get("entry"))
    try:
        model = models.link_entry(
            store_of(turn), turn.store, acting(turn), entry, answer.choice, now=turn.now
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go("list")
    turn.say("models_linked", entry=entry, reference=model.reference, name=model.name)
    return Go("list")


class ModelFlow(StateFlow):
    name = "models"
    first = "list"
    opens = ("model",)
    states = MappingProxyType(
        {
            "list": State(ask_list, on_list, goes=("list", "model", "name", "entry", OUT)),
            "model": State(
                ask_model,
                on_model,
                goes=("list", "outcome", "level", "reason", "day"),
                lost=model_lost,
            ),
            "outcome": State(ask_outcome, on_outcome, goes=("model", "reason", "day")),
            "level": State(ask_level, on_level, goes=("model", "decision", "day")),
            "reason": State(ask_reason, on_reason, goes=("model", "day"), typed=True),
            "decision": State(ask_decision, on_decision, goes=("model", "day"), typed=True),
            "day": State(ask_day, on_day, goes=("model",)),
            "name": State(ask_name, on_name, goes=("list", "scheme"), typed=True),
            "scheme": State(ask_scheme, on_scheme, goes=("category",)),
            "category": State(ask_category, on_category, goes=("unit", "started")),
            "unit": State(ask_unit, on_unit, goes=("started",)),
            "started": State(ask_started, on_started, goes=("origin",)),
            "origin": State(ask_origin, on_origin, goes=("source", "confirm")),
            "source": State(ask_source, on_source, goes=("confirm",), typed=True),
            "confirm": State(ask_confirm, on_confirm, goes=("list", "model"), lost=draft_lost),
            "entry": State(ask_entry, on_entry, goes=("list", "link"), typed=True),
            "link": State(ask_link, on_link, goes=("list",)),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "desk_closed", {}  # what was recorded stays recorded
