"""The tip desk: commune police follow tips up (received -> verifying -> resolved / unfounded)
and, with a stated reason, may see who gave one. The member is told each change.

States: "item" (data: ref, the tip on the card; seen, what the card showed; later, the tips
put off) -> the next tip, or "reason" (why the informant is asked for) -> "item". The tips are
a queue: "later" puts one off, the desk ends when none is left.
"""

from __future__ import annotations

from types import MappingProxyType

from campaign.areas import TIP, WHEN_KINDS
from campaign.review import TIP_NEXT
from campaign.roles import Role
from handlers.engine import (
    OUT,
    REFUSED,
    STALE,
    Answer,
    Go,
    Move,
    Prompt,
    State,
    StateFlow,
    Stay,
    Turn,
    choice_refusal,
    tapped_before,
)
from handlers.messages import Notice, Outgoing
from handlers.moments import time_lines
from handlers.review import seen, show_photos
from handlers.steps import step_for, typed_reason
from services.ports import TipItem

REVEAL, NEXT, LEAVE = "reveal", "next", "leave"
TIP_FINAL = frozenset({"resolved", "unfounded"})
PROGRESS = ("verifying", "resolved", "unfounded")
QUEUE = 50


def begin(turn: Turn, argument: str) -> Move:
    assert turn.member is not None
    if turn.member.role is not Role.OFFICER:
        turn.say("tips_officers_only")
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
    if answer.choice in PROGRESS and turn.state.data.get("seen") not in (None, _seen(item)):
        # Its author changed it since the card was shown: decided on what was seen only.
        turn.say("review_changed_meanwhile", reference=item.reference)
        return show(turn, item)
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
    reason = typed_reason(turn, minimum=5)
    if reason is None:
        return Stay()
    informant = turn.store.reveal_informant(turn.member, reference, reason, turn.now)
    if informant is None:
        turn.say("review_gone", reference=reference)
    else:
        text = turn.t(
            "tips_revealed",
            reference=reference,
            name=informant.get("informant_name", "—"),
            contact=informant.get("informant_contact", "—"),
        )
        turn.replies.append(Outgoing(text=text, ephemeral=True))
    return Go("item")


class TipFlow(StateFlow):
    name = "tips"
    first = "item"
    states = MappingProxyType(
        {
            "item": State(ask_item, on_item, goes=("item", "reason", OUT), lost=item_lost),
            "reason": State(ask_reason, on_reason, goes=("item",), typed=True),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)


# The queue
def open_tips(turn: Turn) -> list[TipItem]:
    assert turn.member is not None
    return turn.store.open_tips(turn.member, QUEUE)


def current(turn: Turn) -> TipItem | None:
    reference = turn.state.data.get("ref")
    return next((t for t in open_tips(turn) if t.reference == reference), None)


def next_tip(turn: Turn) -> Move:
    put_off = set(turn.state.data.get("later", []))
    item = next((t for t in open_tips(turn) if t.reference not in put_off), None)
    if item is None:
        turn.say("tips_none")
        return Go(OUT)
    return show(turn, item)


def show(turn: Turn, item: TipItem) -> Move:
    turn.state.data["ref"] = item.reference
    turn.state.data["seen"] = _seen(item)
    show_photos(turn, item.reference)
    return Go("item")


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


def advance(turn: Turn, item: TipItem, progress: str) -> Move:
    assert turn.member is not None
    change = turn.store.advance_tip(turn.member, item.reference, progress, turn.now)
    if change is None:
        turn.say("review_gone", reference=item.reference)
        return next_tip(turn)
    turn.say(
        "tips_changed",
        reference=item.reference,
        progress=turn.t("tips_progress", progress=progress),
    )
    reader = turn.speaking(change.author_language)
    notice = reader.t(
        "tips_member_notice",
        reference=item.reference,
        progress=reader.t("tips_progress", progress=progress),
    )
    turn.notices.append(Notice(change.author_id, Outgoing(text=notice)))
    if progress == "verifying" and current(turn) is not None:
        return Go("item")  # the same tip, now being verified
    return next_tip(turn)


def _seen(item: TipItem) -> str:
    return seen(item.details, (), item.photos)
