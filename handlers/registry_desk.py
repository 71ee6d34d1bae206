"""/dangky (/register): an officer registers their unit, or units under it, for a scheme of a
running plan, sees each registration's outcome and dossier checklist, sends a document (PDF,
DOCX, XLSX) or a photo of a paper one for an item, opens what was sent; from the level above,
opens a document, records the outcome and accepts or returns a document with a reason.

States: "list" (this year's registrations; a new one) -> "scheme" -> "unit" -> "card" (data:
id) -> "photo" (data: id, item) | "reason" (data: id, item) -> "card".
"""

from __future__ import annotations

from types import MappingProxyType
from typing import cast

from campaign import registrations as rules
from handlers.asking import (
    Answer,
    Prompt,
    Turn,
    choice_refusal,
    document_prompt,
    oversized,
    picked_place,
    show_document,
)
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from handlers.steps import typed_reason
from services import registrations
from services.ports import Outcome, RegistrationView, RegistryDesk, UnitPlace
from services.refusals import Refused

NEW, LEAVE, BACK = "new", "leave", "back"
UPLOAD, ACCEPT, RETURN = "up:", "ok:", "ret:"
VIEW = "doc:"  # open an item's document (audited) before accepting or returning it
ACHIEVED, NOT_ACHIEVED, WITHDRAW = "achieved", "not_achieved", "withdrawn"
SHOWN = 20  # registrations listed at a time (newest first)


def registry_of(turn: Turn) -> RegistryDesk:
    """The turn's store is the repository, every port; `Store` does not list the registry."""
    return cast(RegistryDesk, turn.store)


# "list": this year's registrations under the officer's unit, and a new one
def listed(turn: Turn) -> list[RegistrationView]:
    assert turn.member is not None
    found = registrations.registrations_under(registry_of(turn), turn.member, turn.now.year)
    return sorted(found, key=lambda r: -r.id)[:SHOWN]


def ask_list(turn: Turn) -> Prompt:
    found = listed(turn)
    lines = [turn.t("unit_reg_list" if found else "unit_reg_list_empty", year=turn.now.year)]
    options = [(NEW, turn.t("unit_reg_new"))]
    for r in found:
        label = f"{r.unit.name} — {scheme_name(turn, r)}"
        options.append((str(r.id), label[:64]))
        lines.append(f"• {label}: {rules.outcome_label(r.outcome, turn.lang)}")
    options.append((LEAVE, turn.t("menu_back")))
    return Prompt("\n".join(lines), tuple(options))


def on_list(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice == NEW:
        return Go("scheme")
    if answer.choice is not None and answer.choice.isdigit():
        turn.state.data = {"id": int(answer.choice)}
        return Go("card")
    return Stay(choice_refusal(turn, answer, len(listed(turn)) + 2))


# "scheme": which scheme of the plans running over the unit
def ask_scheme(turn: Turn) -> Prompt:
    assert turn.member is not None
    found = registrations.schemes(registry_of(turn), turn.member.unit_id, turn.now.date())
    options = [(s.spec.scheme, s.spec.name.get(turn.lang)[:64]) for s in found]
    key = "unit_reg_scheme" if found else "unit_reg_no_scheme"
    return Prompt(turn.t(key), (*options, (BACK, turn.t("unit_reg_back"))))


def on_scheme(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("list")
    assert turn.member is not None
    schemes = registrations.schemes(registry_of(turn), turn.member.unit_id, turn.now.date())
    if answer.choice in {s.spec.scheme for s in schemes}:
        turn.state.data = {"scheme": answer.choice}
        return Go("unit")
    return Stay(choice_refusal(turn, answer, len(schemes) + 1))


# "unit": which unit (data: scheme)
def candidates(turn: Turn) -> list[UnitPlace]:
    """The units the officer may register for the scheme, not yet this year."""
    assert turn.member is not None
    store = registry_of(turn)
    scheme = str(turn.state.data.get("scheme", ""))
    found = next(
        (
            s
            for s in registrations.schemes(store, turn.member.unit_id, turn.now.date())
            if s.spec.scheme == scheme
        ),
        None,
    )
    if found is None:
        return []
    return [
        u
        for u in registrations.registrable(store, turn.member, found.spec)
        if store.registration_of(scheme, u.id, turn.now.year) is None
    ]


UNITS_SHOWN = 20  # buttons at most; a province's hundreds of units are typed by code or name


def unit_buttons(units: list[UnitPlace]) -> tuple[tuple[str, str], ...]:
    return tuple((str(u.id), u.name[:64]) for u in units[:UNITS_SHOWN])


def ask_unit(turn: Turn) -> Prompt:
    units = candidates(turn)
    key = "unit_reg_unit" if units else "unit_reg_no_unit"
    if len(units) > UNITS_SHOWN:
        key = "unit_reg_unit_many"
    buttons = (*unit_buttons(units), (BACK, turn.t("unit_reg_back")))
    return Prompt(turn.t(key, count=len(units)), buttons, free_text=True)


def on_unit(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("scheme")
    units = picked_place(candidates(turn), answer)
    if len(units) != 1:
        return Stay(turn.t("unit_reg_unit_unknown", count=len(units)))
    assert turn.member is not None
    try:
        made = registrations.register(
            registry_of(turn),
            turn.store,
            turn.member,
            unit_id=units[0].id,
            scheme=str(turn.state.data.get("scheme", "")),
            day=turn.now.date(),
            now=turn.now,
        )
    except Refused as refused:
        return Stay(refused.reason.get(turn.lang))
    turn.say("unit_reg_done", unit=made.unit.name, year=made.year)
    turn.state.data = {"id": made.id}
    return Go("card")


# "card": one registration, its outcome and dossier (data: id)
def the_checklist(turn: Turn) -> registrations.Checklist | None:
    if turn.member is None:
        return None
    try:
        return registrations.checklist(
            registry_of(turn), turn.member, int(turn.state.data.get("id", 0))
        )
    except Refused:
        return None


def ask_card(turn: Turn) -> Prompt | None:
    checked = the_checklist(turn)
    if checked is None:
        return None
    r = checked.registration
    lines = [
        turn.t(
            "unit_reg_card",
            number=r.id,
            unit=r.unit.name,
            scheme=scheme_name(turn, r),
            year=r.year,
            outcome=rules.outcome_label(r.outcome, turn.lang),
        )
    ]
    options: list[tuple[str, str]] = []
    above = registrations.may_decide(turn.member, r.unit)
    own = registrations.may_register(turn.member, r.unit)
    for item in checked.items:
        label = checked.label(item.item, turn.lang)
        status = turn.t("dossier_status", status=item.status)
        note = f" — {item.note}" if item.note and item.status == "returned" else ""
        lines.append(f"• {label}: {status}{note}")
        if own and item.status in ("missing", "returned", "uploaded") and r.outcome == "pending":
            options.append((UPLOAD + item.item, turn.t("unit_reg_upload", item=label)[:64]))
        if (own or above) and item.document_id is not None:
            options.append((VIEW + item.item, turn.t("unit_reg_view", item=label)[:64]))
        if above and item.status == "uploaded":
            options.append((ACCEPT + item.item, turn.t("unit_reg_accept", item=label)[:64]))
            options.append((RETURN + item.item, turn.t("unit_reg_return", item=label)[:64]))
    if checked.items:
        lines.append(turn.t("unit_reg_complete" if checked.complete else "unit_reg_incomplete"))
    if above and r.outcome in ("pending", "achieved", "not_achieved"):
        for outcome in (ACHIEVED, NOT_ACHIEVED):
            if outcome != r.outcome:
                options.append((outcome, turn.t("unit_reg_outcome", outcome=outcome)))
    if own and r.outcome == "pending":
        options.append((WITHDRAW, turn.t("unit_reg_outcome", outcome=WITHDRAW)))
    options.append((BACK, turn.t("unit_reg_back")))
    return Prompt(
        "\n".join(lines), tuple(options), whole_only=frozenset({WITHDRAW, ACHIEVED, NOT_ACHIEVED})
    )


def on_card(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None  # a service takes None as the command line
    choice = answer.choice
    if choice == BACK:
        turn.state.data = {}
        return Go("list")
    if choice is None:
        prompt = ask_card(turn)
        return Stay(choice_refusal(turn, answer, len(prompt.options) if prompt else 1))
    for prefix, state in ((UPLOAD, "photo"), (RETURN, "reason")):
        if choice.startswith(prefix):
            turn.state.data["item"] = choice.removeprefix(prefix)
            return Go(state)
    if choice.startswith(VIEW):
        return view(turn, choice.removeprefix(VIEW))
    registration_id = int(turn.state.data.get("id", 0))
    try:
        if choice.startswith(ACCEPT):
            registrations.review(
                registry_of(turn),
                turn.store,
                turn.store,
                turn.member,
                registration_id,
                choice.removeprefix(ACCEPT),
                "accepted",
                "",
                turn.now,
            )
            turn.say("unit_reg_accepted")
        elif choice in (ACHIEVED, NOT_ACHIEVED, WITHDRAW):
            outcome = Outcome(choice, turn.now.date(), None, None, "")
            registrations.record_outcome(
                registry_of(turn),
                turn.store,
                turn.store,
                turn.member,
                registration_id,
                outcome,
                turn.now,
            )
            turn.say("unit_reg_outcome_done", outcome=rules.outcome_label(choice, turn.lang))
    except Refused as refused:
        turn.say_refused(refused)
    return Go("card")


def view(turn: Turn, item: str) -> Move:
    """The item's document for the reader to open (audited): the unit's own officer and the
    levels above it; anyone else is refused alike by services.documents.open_document."""
    checked = the_checklist(turn)
    found = next((i for i in checked.items if i.item == item), None) if checked else None
    if checked is None or found is None or found.document_id is None:
        turn.say("document_not_found")
        return Go("card")
    caption = turn.t(
        "unit_reg_document_shown",
        item=checked.label(item, turn.lang),
        unit=checked.registration.unit.name,
    )
    show_document(turn, found.document_id, caption)
    return Go("card")


# "photo": a document (PDF, DOCX, XLSX) or a photo of the paper one (data: id, item)
def ask_photo(turn: Turn) -> Prompt | None:
    checked = the_checklist(turn)
    if checked is None:
        return None
    label = checked.label(str(turn.state.data.get("item", "")), turn.lang)
    return document_prompt(
        turn, turn.t("unit_reg_photo", item=label), ((BACK, turn.t("unit_reg_back")),), images=True
    )


def on_photo(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None  # a service takes None as the command line
    if answer.choice == BACK:
        return Go("card")
    item = str(turn.state.data.get("item", ""))
    photo, sent = turn.incoming.photo, turn.incoming.document
    if photo is not None:  # an image sent as a file arrives as a photo too
        data, name = photo.data, f"{item}.jpg"
    elif sent is not None:
        too_big = oversized(turn)
        if too_big is not None:
            return Stay(too_big)
        data, name = sent.data, sent.name
    else:
        return Stay(turn.t("unit_reg_photo_only"))
    try:
        registrations.upload(
            registry_of(turn),
            registry_of(turn),
            turn.store,
            turn.member,
            int(turn.state.data.get("id", 0)),
            item,
            data=data,
            name=name,
            now=turn.now,
        )
    except Refused as refused:  # not a kind taken (nothing kept), or no longer open
        return Stay(refused.reason.get(turn.lang))
    turn.say("unit_reg_uploaded")
    return Go("card")


# "reason": why a document is returned (data: id, item)
def ask_reason(turn: Turn) -> Prompt | None:
    return None if the_checklist(turn) is None else Prompt(turn.t("unit_reg_ask_reason"))


def on_reason(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None  # a service takes None as the command line
    typed = typed_reason(turn, minimum=3)
    if typed is None:
        return Stay()
    try:
        registrations.review(
            registry_of(turn),
            turn.store,
            turn.store,
            turn.member,
            int(turn.state.data.get("id", 0)),
            str(turn.state.data.get("item", "")),
            "returned",
            typed,
            turn.now,
        )
        turn.say("unit_reg_returned")
    except Refused as refused:
        turn.say_refused(refused)
    return Go("card")


def scheme_name(turn: Turn, registration: RegistrationView) -> str:
    spec = registrations.spec_of(registry_of(turn), registration)
    return spec.name.get(turn.lang) if spec is not None else registration.scheme


def card_lost(turn: Turn, answering: bool) -> Move:
    return Go("list")  # no longer in the officer's line of command


class UnitRegistrationFlow(StateFlow):
    name = "unit_registration"
    first = "list"
    states = MappingProxyType(
        {
            "list": State(ask_list, on_list, goes=("scheme", "card", OUT)),
            "scheme": State(
                ask_scheme,
                on_scheme,
                goes=("list", "unit"),
                back="list",
            ),
            "unit": State(
                ask_unit,
                on_unit,
                goes=("scheme", "card"),
                back="scheme",
            ),
            "card": State(
                ask_card,
                on_card,
                goes=("list", "card", "photo", "reason"),
                back="list",
                lost=card_lost,
            ),
            "photo": State(ask_photo, on_photo, goes=("card",), back="card"),
            "reason": State(
                ask_reason,
                on_reason,
                goes=("card",),
                typed=True,
                back="card",
            ),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        assert turn.member is not None
        try:
            registrations.registrations_under(registry_of(turn), turn.member)
        except Refused as refused:
            turn.say_refused(refused)
            return REFUSED
        return Go("list")
