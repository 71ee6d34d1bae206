"""The tip desk: commune police follow tips up (received -> verifying -> resolved / unfounded)
and, with a stated reason, may see who gave one. The member is told each change.

States: "item" (data: ref, the tip on the card; seen, what the card showed; later, the tips
put off) -> the next tip, or "reason" (why the informant is asked for) -> "item", or
"outcome" (data: closing, resolved or unfounded; what came of the tip, which closing needs)
-> the next tip. The tips are a queue: "later" puts one off, the desk ends when none is left.
"""

from __future__ import annotations

from types import MappingProxyType

from campaign.areas import TIP, WHEN_KINDS
from campaign.review import TIP_NEXT
from handlers.asking import Answer, Prompt, Turn, choice_refusal, tapped_before
from handlers.messages import Outgoing
from handlers.moments import time_lines
from handlers.review import admitted, put_off, show_card, show_waiting
from handlers.states import OUT, REFUSED, STALE, Go, Move, State, StateFlow, Stay
from handlers.steps import step_for, typed_reason
from services import tips
from services.ports import TipItem
from services.refusals import Refused
from services.tips import TipChanged

REVEAL, NEXT, LEAVE = "reveal", "next", "leave"
TIP_FINAL = frozenset({"resolved", "unfounded"})
PROGRESS = ("verifying", "resolved", "unfounded")


def begin(turn: Turn, argument: str) -> Move:
    if not admitted(turn, tips.refuse_unless_follower):
        return REFUSED
    turn.state.data = {"later": []}
    return next_tip(turn)


# "item": a tip's card, and what the officer does with it
def ask_item(turn: Turn) -> Prompt | None:
    item = current(turn)
    return None if item is None else card(turn, item)


def on_item(turn: Turn, answer: Answer) -> Move:
    item = current(turn)
    assert item is not None  # the engine asked for it
    if answer.choice in TIP_FINAL:
        seen_as = turn.state.data.get("seen")
        if seen_as is not None and tips.seen(item) != seen_as:
            # Changed since the card: shown again before any outcome is asked for.
            turn.say_refused(TipChanged(item))
            return show(turn, item)
        turn.state.data["closing"] = str(answer.choice)
        return Go("outcome")  # closing a tip needs its outcome note
    if answer.choice in PROGRESS:
        return advance(turn, item, str(answer.choice))
    if answer.choice == REVEAL:
        return Go("reason")
    if answer.choice == NEXT:
        # Kept apart from "seen" (a hash of the card), which older versions put it in.
        turn.state.data.setdefault("later", []).append(item.reference)
        return next_tip(turn)
    if answer.choice == LEAVE:
        return Go(OUT)
    return Stay(choice_refusal(turn, answer, len(card(turn, item).options)))


def item_lost(turn: Turn, answering: bool) -> Move:
    return next_tip(turn)


# "reason": why the officer asks who gave the tip
def ask_reason(turn: Turn) -> Prompt | None:
    return Prompt(turn.t("tips_reveal_reason", reference=turn.state.data.get("ref", "")))


def on_reason(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if tapped_before(turn) == REVEAL:  # the button that asked, tapped twice: one tap
        return STALE
    reference = turn.state.data.get("ref", "")
    reason = typed_reason(turn, minimum=tips.REVEAL_REASON_MINIMUM)
    if reason is None:
        return Stay()
    try:
        informant = tips.reveal(turn.store, turn.store, turn.member, reference, reason, turn.now)
    except Refused as refused:
        turn.say_refused(refused)
        return Go("item")
    text = turn.t(
        "tips_revealed",
        reference=reference,
        name="—" if informant.name is None else informant.name,
        contact="—" if informant.contact is None else informant.contact,
    )
    # Shown once, never kept: no history, no replay copy (`Outgoing.ephemeral`).
    turn.replies.append(Outgoing(text=text, ephemeral=True))
    return Go("item")


# "outcome": what came of the tip the officer closes (resolved or unfounded)
def ask_outcome(turn: Turn) -> Prompt | None:
    closing = turn.state.data.get("closing", "resolved")
    return Prompt(
        turn.t(
            "console_tips_chat_outcome",
            reference=turn.state.data.get("ref", ""),
            progress=turn.t("tips_progress", progress=closing),
            minimum=tips.OUTCOME_MINIMUM,
        )
    )


def on_outcome(turn: Turn, answer: Answer) -> Move:
    if tapped_before(turn) in TIP_FINAL:  # the button that asked, tapped twice: one tap
        return STALE
    item = current(turn)
    if item is None:
        return next_tip(turn)
    note = typed_reason(turn, minimum=tips.OUTCOME_MINIMUM)
    if note is None:
        return Stay()
    return advance(turn, item, turn.state.data.get("closing", "resolved"), note)


class TipFlow(StateFlow):
    name = "tips"
    first = "item"
    states = MappingProxyType(
        {
            "item": State(
                ask_item, on_item, goes=("item", "reason", "outcome", OUT), lost=item_lost
            ),
            "reason": State(ask_reason, on_reason, goes=("item",), typed=True),
            "outcome": State(
                ask_outcome,
                on_outcome,
                goes=("item", OUT),
                typed=True,
                back="item",
                lost=item_lost,
            ),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)


# The queue
def current(turn: Turn) -> TipItem | None:
    assert turn.member is not None
    return tips.find(turn.store, turn.member, turn.state.data.get("ref", ""))


def next_tip(turn: Turn) -> Move:
    """The first open tip not put off ("later"), or the desk ends."""
    assert turn.member is not None
    item = tips.first_open(turn.store, turn.member, put_off(turn))
    return show_waiting(turn, item, show, "tips_none")


def show(turn: Turn, item: TipItem) -> Move:
    return show_card(turn, item.reference, tips.seen(item))


def card(turn: Turn, item: TipItem) -> Prompt:
    options = [(p, turn.t("tips_to", progress=p)) for p in TIP_NEXT.get(item.progress, ())]
    if item.has_informant:
        options.append((REVEAL, turn.t("tips_reveal")))
    options += [(NEXT, turn.t("review_later")), (LEAVE, turn.t("menu_back"))]
    lines = [
        f"{item.reference} — {turn.t('tips_progress', progress=item.progress)}"
        + (f" — {turn.t('review_urgent')}" if item.urgent else "")
    ]
    lines.append(turn.t("review_by", author=item.author, unit=item.unit_name))
    lines += time_lines(turn, TIP.code, item.details, item.occurred_at, item.logged_at)
    for spec in TIP.fields:
        value = item.details.get(spec.key)
        if spec.kind in WHEN_KINDS:  # written once, above
            continue
        if value is not None and not spec.sealed and spec.key != "photo":
            lines.append(f"• {spec.label.get(turn.lang)}: {step_for(spec).show(turn, value)}")
    # Closing a tip is final and tells the member: never by a typed part ("không").
    return Prompt("\n".join(lines), tuple(options), whole_only=TIP_FINAL)


def advance(turn: Turn, item: TipItem, progress: str, note: str | None = None) -> Move:
    """The tip moved on (its reporter is told by the service): the same tip while it is being
    verified, else the next one; the card again when its author changed it since it was shown."""
    assert turn.member is not None
    seen_as = turn.state.data.get("seen")
    try:
        tips.advance(
            turn.store,
            turn.store,
            turn.member,
            item.reference,
            progress,
            seen_as=seen_as,
            now=turn.now,
            note=note,
        )
    except TipChanged as changed:
        turn.say_refused(changed)
        return show(turn, changed.item)
    except Refused as refused:
        turn.say_refused(refused)
        return next_tip(turn)
    turn.say(
        "tips_changed",
        reference=item.reference,
        progress=turn.t("tips_progress", progress=progress),
    )
    if progress == "verifying" and current(turn) is not None:
        return Go("item")  # the same tip, now being verified
    return next_tip(turn)
