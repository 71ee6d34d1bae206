"""/khenthuong (/commend): a team leader proposes a commendation for a member of their team
(the commune's officers told); an officer or admin sees the proposals under their unit and
grants or refuses each, or records one granted for a member of a team under them (the person
told in their language when granted). Commendations of units: `antt-bot commendation add`.

States: leader: "member" -> "form" (data: member) -> "reason" (data: member, form) -> out;
officer: "queue" -> "decide" (data: id) -> "queue", or "queue" -> "team" -> "member" (data:
team) -> "form" -> "reason" -> out.
"""

from __future__ import annotations

from types import MappingProxyType

from campaign import commendations as rules
from campaign.recognition import level_label
from campaign.roles import Role
from handlers.asking import Answer, Prompt, Turn, choice_refusal, picked_place
from handlers.registry_desk import UNITS_SHOWN, registry_of, unit_buttons
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from handlers.steps import typed_reason
from services import commendations
from services.ports import CommendationView, NewCommendation, UnitPlace
from services.refusals import Refused

LEAVE, BACK, GRANT, REFUSE, RECORD = "leave", "back", "granted", "refused", "record"
PROPOSED_TO = "commune"  # a leader proposes to the commune's level
# The level an officer's or admin's own commendation is made at, by their unit's kind.
LEVEL_OF = {"commune": "commune", "province": "province_police"}
SHOWN = 20


def begin(turn: Turn, argument: str) -> Move:
    member = turn.member
    assert member is not None
    if member.role in (Role.LEADER, Role.DEPUTY):
        if not team(turn):
            turn.say("commend_no_team")
            return REFUSED
        return Go("member")
    try:
        commendations.proposed_under(registry_of(turn), member)
    except Refused as refused:
        turn.say_refused(refused)
        return REFUSED
    return Go("queue")


def proposing(turn: Turn) -> bool:
    return turn.member is not None and turn.member.role in (Role.LEADER, Role.DEPUTY)


# Officers. "team": which team under their unit
def teams(turn: Turn) -> list[UnitPlace]:
    assert turn.member is not None
    return registry_of(turn).units_under(turn.member.unit_id, ["team"])


def ask_team(turn: Turn) -> Prompt:
    found = teams(turn)
    key = "commend_team_many" if len(found) > UNITS_SHOWN else "commend_team"
    buttons = (*unit_buttons(found), (BACK, turn.t("unit_reg_back")))
    return Prompt(turn.t(key, count=len(found)), buttons, free_text=True)


def on_team(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("queue")
    found = picked_place(teams(turn), answer)
    if len(found) != 1:
        return Stay(turn.t("unit_reg_unit_unknown", count=len(found)))
    turn.state.data = {"team": str(found[0].id)}
    return Go("member")


# "member": who (a leader: of their team; an officer: of the team picked)
def team(turn: Turn) -> list[tuple[str, str]]:
    assert turn.member is not None
    if proposing(turn):
        people = turn.store.team_roster(turn.member)
    else:
        people = registry_of(turn).members_of(int(turn.state.data.get("team", 0)))
    return [
        (str(m.id), m.full_name[:64])
        for m in people
        if m.role in (Role.MEMBER, Role.DEPUTY, Role.LEADER) and m.id != turn.member.id
    ]


def ask_member(turn: Turn) -> Prompt:
    leave = (LEAVE, turn.t("menu_back")) if proposing(turn) else (BACK, turn.t("unit_reg_back"))
    return Prompt(turn.t("commend_member"), (*team(turn), leave))


def on_member(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice == BACK:
        return Go("team")
    people = team(turn)
    if answer.choice not in {m for m, _ in people}:
        return Stay(choice_refusal(turn, answer, len(people) + 1))
    turn.state.data["member"] = answer.choice
    return Go("form")


# "form": biểu dương, giấy khen... (data: member)
def ask_form(turn: Turn) -> Prompt:
    options = tuple((form, rules.form_label(form, turn.lang)) for form in rules.FORMS)
    return Prompt(turn.t("commend_form"), (*options, (BACK, turn.t("unit_reg_back"))))


def on_form(turn: Turn, answer: Answer) -> Move:
    if answer.choice == BACK:
        return Go("member")
    if answer.choice not in rules.FORMS:
        return Stay(choice_refusal(turn, answer, len(rules.FORMS) + 1))
    turn.state.data["form"] = answer.choice
    return Go("reason")


# "reason": what for (data: member, form)
def ask_reason(turn: Turn) -> Prompt:
    return Prompt(turn.t("commend_reason"))


def on_reason(turn: Turn, answer: Answer) -> Move:
    typed = typed_reason(turn, minimum=3)
    if typed is None:
        return Stay()
    assert turn.member is not None
    store = registry_of(turn)
    level = PROPOSED_TO
    if not proposing(turn):
        unit = store.unit_place(turn.member.unit_id)
        level = LEVEL_OF.get(unit.kind if unit else "", PROPOSED_TO)
    try:
        made = commendations.record(
            registry_of(turn),
            turn.store,
            turn.store,
            turn.member,
            NewCommendation(
                subject_kind="member",
                subject_id=int(turn.state.data.get("member", 0)),
                level=level,
                form=str(turn.state.data.get("form", "")),
                reason=typed,
                decided_on=turn.now.date(),
                decision_no=None,
                authority=None,
                status="proposed" if proposing(turn) else "granted",
                plan_code=None,
                phase_code=None,
                entered_by=turn.member.id,
                now=turn.now,
            ),
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say(
        "commend_proposed" if made.status == "proposed" else "commend_recorded",
        member=made.subject_name,
        form=rules.form_label(made.form, turn.lang),
    )
    return Go(OUT)


# Officers. "queue": the proposals under their unit
def queue(turn: Turn) -> list[CommendationView]:
    assert turn.member is not None
    try:
        return commendations.proposed_under(registry_of(turn), turn.member)[:SHOWN]
    except Refused:
        return []


def line(turn: Turn, c: CommendationView) -> str:
    return (
        f"{c.subject_name} — {rules.form_label(c.form, turn.lang)} "
        f"({level_label(c.level, turn.lang)}): {c.reason}"
    )


def ask_queue(turn: Turn) -> Prompt:
    found = queue(turn)
    key = "commend_queue" if found else "commend_queue_empty"
    options = [(str(c.id), line(turn, c)[:64]) for c in found]
    return Prompt(
        turn.t(key, count=len(found)),
        (*options, (RECORD, turn.t("commend_record")), (LEAVE, turn.t("menu_back"))),
    )


def on_queue(turn: Turn, answer: Answer) -> Move:
    if answer.choice == LEAVE:
        return Go(OUT)
    if answer.choice == RECORD:
        turn.state.data = {}
        return Go("team")
    found = queue(turn)
    if answer.choice not in {str(c.id) for c in found}:
        return Stay(choice_refusal(turn, answer, len(found) + 2))
    turn.state.data = {"id": answer.choice}
    return Go("decide")


# "decide": grant or refuse one (data: id)
def chosen(turn: Turn) -> CommendationView | None:
    number = str(turn.state.data.get("id"))
    return next((c for c in queue(turn) if str(c.id) == number), None)


def ask_decide(turn: Turn) -> Prompt | None:
    found = chosen(turn)
    if found is None:
        return None
    return Prompt(
        turn.t("commend_decide", line=line(turn, found)),
        (
            (GRANT, turn.t("commend_grant")),
            (REFUSE, turn.t("commend_refuse")),
            (BACK, turn.t("unit_reg_back")),
        ),
        whole_only=frozenset({GRANT, REFUSE}),
    )


def on_decide(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None  # a service takes None as the command line
    if answer.choice == BACK:
        return Go("queue")
    if answer.choice not in (GRANT, REFUSE):
        return Stay(choice_refusal(turn, answer, 3))
    try:
        done = commendations.decide(
            registry_of(turn),
            turn.store,
            turn.member,
            int(turn.state.data.get("id", 0)),
            answer.choice,
            on=turn.now.date(),
            now=turn.now,
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go("queue")
    turn.say("commend_decided", member=done.subject_name, status=done.status)
    turn.state.data = {}
    return Go("queue")


def decide_lost(turn: Turn, answering: bool) -> Move:
    return Go("queue")  # decided meanwhile


class CommendationFlow(StateFlow):
    name = "commendation"
    first = "queue"
    opens = ("member",)
    states = MappingProxyType(
        {
            "team": State(ask_team, on_team, goes=("queue", "member"), back="queue"),
            "member": State(ask_member, on_member, goes=("form", "team", OUT)),
            "form": State(ask_form, on_form, goes=("member", "reason"), back="member"),
            "reason": State(ask_reason, on_reason, goes=(OUT,), typed=True, back="form"),
            "queue": State(ask_queue, on_queue, goes=("decide", "team", OUT)),
            "decide": State(ask_decide, on_decide, goes=("queue",), back="queue", lost=decide_lost),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "cancelled", {}
