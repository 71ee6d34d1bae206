"""/solieu (/unitfacts): a unit's dated facts — households, residents, cameras, terrain... — that
targets divide by or filter on, set by the unit's officer or an admin above it.

States: "list" (each fact of the member's unit, its value in force today and since when; data:
unit) <-> "unit" (a unit under theirs) ; "list" -> "value" (a number typed, or a choice; data:
key) -> "day" (from which day) -> "note" (optional) -> "confirm" -> saved, back to "list".
"""

from __future__ import annotations

from datetime import date, timedelta
from types import MappingProxyType
from typing import Protocol, cast

from campaign.catalogs import Said
from campaign.facts import FACTS, FactKey, FactValue, fact_by_key, in_force, parse_value
from campaign.normalize import fold
from campaign.roster import parse_day
from handlers.asking import Answer, Prompt, Turn, choice_refusal, picked_place, typed_skip
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from handlers.steps import typed_reason
from services import facts
from services.ports import FactRecord, FactStore, PlaceView
from services.refusals import Refused

LEAVE, OTHER_UNIT, TODAY, SKIP, SAVE, DROP = "leave", "other", "today", "skip", "save", "drop"
LABEL = 64  # a button's label, at most (Telegram shows no more)
BUTTONS = 12  # units offered as buttons; beyond, the code or a part of the name is typed
HISTORY = 3  # values shown before asking a new one
AHEAD_DAYS = 366  # a value may be set from a day up to a year ahead (next year's status)


class FactDeskStores(FactStore, Protocol):
    """What this desk needs of the turn's store (storage.repository.Repository is all of it)."""

    def places_under(self, unit_id: int) -> list[PlaceView]: ...


def stores(turn: Turn) -> FactDeskStores:
    # The turn's `Store` union predates these ports; the repository behind it implements them.
    return cast(FactDeskStores, turn.store)


def places(turn: Turn) -> list[PlaceView]:
    """The member's unit (first) and the open units under it."""
    assert turn.member is not None
    return stores(turn).places_under(turn.member.unit_id)


def begin(turn: Turn, argument: str) -> Move:
    assert turn.member is not None
    found = places(turn)
    if not found:
        turn.say("facts_desk_no_unit")
        return REFUSED
    turn.state.data = {"unit": found[0].id}
    return Go("list")  # their own unit first; "Đơn vị khác" picks one under it


def the_place(turn: Turn) -> PlaceView | None:
    unit = turn.state.data.get("unit")
    return next((p for p in places(turn) if p.id == unit), None)


def gone(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("facts_desk_gone")
    return Go(OUT)


# "unit": the member's unit or one under it (buttons for a few, a code or a name typed)
def ask_unit(turn: Turn) -> Prompt:
    found = places(turn)
    options = tuple((str(p.id), p.name[:LABEL]) for p in found[:BUTTONS])
    key = "facts_desk_unit_many" if len(found) > BUTTONS else "facts_desk_unit"
    return Prompt(turn.t(key, count=len(found)), options, free_text=len(found) > BUTTONS)


def on_unit(turn: Turn, answer: Answer) -> Move:
    chosen = picked_place(places(turn), answer)
    if len(chosen) != 1:
        return Stay(turn.t("facts_desk_unit_unknown", count=len(chosen)))
    turn.state.data = {"unit": chosen[0].id}
    return Go("list")


# "list": every fact with the value in force today and since when
def records(turn: Turn, place: PlaceView, key: str) -> list[FactRecord]:
    return [r for r in stores(turn).fact_history(place.id) if r.key == key]


def current(turn: Turn, found: list[FactRecord]) -> FactRecord | None:
    return in_force(((r.valid_from, r) for r in found), turn.now.date())


def shown(turn: Turn, fact: FactKey, value: FactValue) -> str:
    """A count grouped as the language writes it (4.520 / 4,520); a choice by its label."""
    if value.num is not None:
        grouped = f"{value.num:,.0f}" if value.num == int(value.num) else f"{value.num:,}"
        return grouped.replace(",", ".") if turn.lang == "vi" else grouped
    return value.shown(fact, turn.lang)


def in_force_text(turn: Turn, fact: FactKey, record: FactRecord | None) -> str:
    if record is None:
        return turn.t("facts_desk_none_yet")
    return turn.t(
        "facts_desk_in_force",
        value=shown(turn, fact, record.value),
        since=f"{record.valid_from:%d/%m/%Y}",
    )


def ask_list(turn: Turn) -> Prompt | None:
    place = the_place(turn)
    if place is None:
        return None
    history = stores(turn).fact_history(place.id)
    options: list[tuple[str, str]] = []
    for fact in FACTS:
        record = current(turn, [r for r in history if r.key == fact.key])
        line = f"{fact.name.get(turn.lang)}: {in_force_text(turn, fact, record)}"
        options.append((fact.key, line[:LABEL]))
    if len(places(turn)) > 1:
        options.append((OTHER_UNIT, turn.t("facts_desk_other_unit")))
    options.append((LEAVE, turn.t("menu_back")))
    return Prompt(turn.t("facts_desk_list", unit=place.name), tuple(options))


def on_list(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice == OTHER_UNIT:
        return Go("unit")
    fact = fact_by_key(answer.choice or "")
    if fact is None:
        return Stay(choice_refusal(turn, answer, len(FACTS) + 2))
    turn.state.data = {"unit": turn.state.data.get("unit"), "key": fact.key}
    return Go("value")


# "value": the fact's card (value in force, last values), then the new value
def chosen(turn: Turn) -> tuple[PlaceView, FactKey] | None:
    place, fact = the_place(turn), fact_by_key(str(turn.state.data.get("key", "")))
    return (place, fact) if place is not None and fact is not None else None


def card(turn: Turn, place: PlaceView, fact: FactKey) -> str:
    found = records(turn, place, fact.key)
    lines = [
        turn.t(
            "facts_desk_card",
            fact=fact.name.get(turn.lang),
            unit=place.name,
            now=in_force_text(turn, fact, current(turn, found)),
        ),
        turn.t("facts_desk_use", fact=fact.key),
    ]
    if found:
        lines.append(turn.t("facts_desk_history"))
        for record in reversed(found[-HISTORY:]):
            lines.append(
                turn.t(
                    "facts_desk_history_line",
                    since=f"{record.valid_from:%d/%m/%Y}",
                    value=shown(turn, fact, record.value),
                    by=record.set_by_name or turn.t("facts_desk_source", source=record.source),
                    note=f" ({record.note})" if record.note else "",
                )
            )
    return "\n".join(lines)


def ask_value(turn: Turn) -> Prompt | None:
    found = chosen(turn)
    if found is None:
        return None
    place, fact = found
    question = f"{card(turn, place, fact)}\n\n{turn.t('facts_desk_ask', kind=fact.kind)}"
    options = tuple((option, label.get(turn.lang)) for option, label in fact.options)
    return Prompt(question, options, free_text=not options)


def on_value(turn: Turn, answer: Answer) -> Move:
    found = chosen(turn)
    if found is None:
        return gone(turn, True)
    _, fact = found
    if fact.options and answer.choice is not None:
        typed = answer.choice  # an option's id reads as itself
    elif answer.choice is None and answer.text:
        typed = answer.text
    else:
        return Stay(choice_refusal(turn, answer, len(fact.options) or 1))
    value = parse_value(fact, typed)
    if isinstance(value, Said):
        return Stay(value.get(turn.lang))
    turn.state.data["typed"] = typed.strip()
    return Go("day")


def the_value(turn: Turn, fact: FactKey) -> FactValue | None:
    value = parse_value(fact, str(turn.state.data.get("typed", "")))
    return None if isinstance(value, Said) else value


# "day": from which day the value is in force
def ask_day(turn: Turn) -> Prompt | None:
    if chosen(turn) is None:
        return None
    return Prompt(turn.t("facts_desk_day"), ((TODAY, turn.t("facts_desk_today")),), free_text=True)


def on_day(turn: Turn, answer: Answer) -> Move:
    today = turn.now.date()
    if answer.choice == TODAY or fold(answer.text or "") in ("hom nay", "today"):
        day: date | None = today
    else:
        day = parse_day(answer.text or "") if answer.choice is None else None
    if day is None:
        return Stay(turn.t("facts_desk_bad_day"))
    if day > today + timedelta(days=AHEAD_DAYS):
        return Stay(turn.t("facts_desk_too_far", day=f"{day:%d/%m/%Y}"))
    turn.state.data["day"] = day.isoformat()
    return Go("note")


# "note": optional
def ask_note(turn: Turn) -> Prompt | None:
    if chosen(turn) is None:
        return None
    return Prompt(turn.t("facts_desk_note"), ((SKIP, turn.t("facts_desk_skip")),), free_text=True)


def on_note(turn: Turn, answer: Answer) -> Move:
    if typed_skip(answer, SKIP).choice == SKIP:
        turn.state.data["note"] = ""
        return Go("confirm")
    note = typed_reason(turn, minimum=1)
    if note is None:
        return Stay(turn.t("facts_desk_note_again"))
    if len(note) > facts.MAX_NOTE:
        return Stay(turn.t("fact_note_too_long", limit=facts.MAX_NOTE))
    turn.state.data["note"] = note
    return Go("confirm")


# "confirm": what will be saved
def ask_confirm(turn: Turn) -> Prompt | None:
    found = chosen(turn)
    if found is None or "day" not in turn.state.data:
        return None
    place, fact = found
    value = the_value(turn, fact)
    if value is None:
        return None
    summary = turn.t(
        "facts_desk_summary",
        fact=fact.name.get(turn.lang),
        unit=place.name,
        value=shown(turn, fact, value),
        since=f"{date.fromisoformat(str(turn.state.data['day'])):%d/%m/%Y}",
        note=turn.state.data.get("note") or "—",
    )
    options = ((SAVE, turn.t("facts_desk_save")), (DROP, turn.t("facts_desk_drop")))
    return Prompt(summary, options, whole_only=frozenset({SAVE}))


def on_confirm(turn: Turn, answer: Answer) -> Move:
    if answer.choice == DROP:
        turn.say("cancelled")
        return back_to_list(turn)
    if answer.choice != SAVE:
        return Stay(choice_refusal(turn, answer, 2))
    found = chosen(turn)
    if found is None:
        return gone(turn, True)
    place, fact = found
    assert turn.member is not None
    data = turn.state.data
    try:
        saved = facts.set_fact(
            stores(turn),
            turn.member,
            unit_code=place.code,
            key=fact.key,
            typed=str(data.get("typed", "")),
            valid_from=date.fromisoformat(str(data.get("day"))),
            note=str(data.get("note") or ""),
            source="chat",
            now=turn.now,
        )
    except Refused as refused:  # no longer theirs (a role or a unit changed): nothing set
        turn.say_refused(refused)
        return Go(OUT)
    # Read back what is in force today, as the list will show it.
    record = current(turn, records(turn, place, fact.key))
    turn.say(
        "facts_desk_saved",
        fact=fact.name.get(turn.lang),
        unit=place.name,
        value=shown(turn, fact, saved.value),
        since=f"{saved.valid_from:%d/%m/%Y}",
        replaced=shown(turn, fact, saved.before) if saved.before else "",
        changed="yes" if saved.before else "no",
        now=in_force_text(turn, fact, record),
    )
    return back_to_list(turn)


def back_to_list(turn: Turn) -> Move:
    turn.state.data = {"unit": turn.state.data.get("unit")}
    return Go("list")


class FactsDeskFlow(StateFlow):
    name = "facts_desk"
    first = "list"
    states = MappingProxyType(
        {
            "unit": State(ask_unit, on_unit, goes=("list",), back="list"),
            "list": State(ask_list, on_list, goes=("value", "unit", OUT), lost=gone),
            "value": State(ask_value, on_value, goes=("day",), back="list", lost=gone),
            "day": State(ask_day, on_day, goes=("note",), back="value", lost=gone),
            "note": State(ask_note, on_note, goes=("confirm",), back="day", lost=gone),
            "confirm": State(ask_confirm, on_confirm, goes=("list", OUT), back="note", lost=gone),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "cancelled", {}  # nothing was saved
