"""The review desk: a commander goes through pending entries one by one, or verifies them all.

States: "item" (data: ref, the entry on the card; seen, what the card showed; later, the
entries put off) -> the next entry, "reason" (why it is rejected) or "all" (data: all, the
entries a bulk verification counted) -> the next entry or out. The entries are a queue:
"later" puts one off, the desk ends when none is left.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any, TypeVar

from campaign.areas import WHEN_KINDS, ContentArea, FieldKind
from campaign.when import format_datetime
from handlers.asking import Answer, Prompt, Turn, choice_refusal, tapped_before
from handlers.messages import Outgoing
from handlers.moments import area_for, time_lines
from handlers.states import OUT, REFUSED, STALE, Go, Move, State, StateFlow, Stay
from handlers.steps import step_for, typed_reason
from services import review
from services.ports import MemberView, PriorDecision, ReviewItem, TipItem
from services.refusals import Refused
from services.review import EntryChanged

Item = TypeVar("Item", ReviewItem, TipItem)  # what waits on the review and the tips desks

VERIFY, REJECT, LATER, ALL, LEAVE, YES, NO = "ok", "no", "later", "all", "leave", "yes", "cancel"


def begin(turn: Turn, argument: str) -> Move:
    turn.state.data = {"later": []}
    return next_entry(turn)


# "item": an entry's card, and the commander's decision on it
def ask_item(turn: Turn) -> Prompt | None:
    return item_card(turn, current(turn))


def on_item(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    reference = turn.state.data.get("ref", "")
    if answer.choice == VERIFY:
        return decide(turn, reference, review.VERIFIED, None, turn.state.data.get("seen"))
    if answer.choice == REJECT:
        try:
            review.refuse_if_changed(
                turn.store, turn.member, reference, turn.state.data.get("seen")
            )
        except EntryChanged as changed:
            return look_again(turn, changed)
        return Go("reason")
    if answer.choice == LATER:
        turn.state.data.setdefault("later", []).append(reference)
        return next_entry(turn)
    if answer.choice == ALL:
        turn.state.data["all"] = review.counted_for_all(turn.store, turn.member)
        return Go("all")
    if answer.choice == LEAVE:
        return Go(OUT)
    return Stay(choice_refusal(turn, answer, len(ITEM_OPTIONS)))


def item_lost(turn: Turn, answering: bool) -> Move:
    """The entry shown left this reviewer's queue meanwhile (decided elsewhere)."""
    if answering:
        turn.say("review_not_yours", reference=turn.state.data.get("ref", ""))
    return next_entry(turn)


# "reason": why the entry is rejected (the member is told)
def ask_reason(turn: Turn) -> Prompt | None:
    return Prompt(turn.t("review_ask_reason", reference=turn.state.data.get("ref", "")))


def on_reason(turn: Turn, answer: Answer) -> Move:
    if tapped_before(turn) == REJECT:  # the button that asked, tapped twice: one tap
        return STALE
    typed = typed_reason(turn, minimum=review.REASON_MINIMUM)
    if typed is None:
        return Stay()
    # The card was checked against what was seen when "reject" was tapped.
    return decide(turn, turn.state.data.get("ref", ""), review.REJECTED, typed, None)


# "all": verifying every entry waiting, confirmed
def ask_all(turn: Turn) -> Prompt | None:
    assert turn.member is not None
    counted = turn.state.data.get("all")
    waiting = review.waiting(turn.store, turn.member) if counted is None else len(counted)
    return Prompt(
        turn.t("review_all_confirm", count=waiting),
        ((YES, turn.t("review_all_yes")), (NO, turn.t("review_all_no"))),
    )


def on_all(turn: Turn, answer: Answer) -> Move:
    counted = turn.state.data.pop("all", None)  # None: a confirmation asked before it was kept
    if answer.choice != YES:
        return next_entry(turn)
    assert turn.member is not None
    try:
        verified = review.verify_all(turn.store, turn.store, turn.member, counted, turn.now)
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say("review_bulk_done", count=verified)
    return Go(OUT)


class ReviewFlow(StateFlow):
    name = "review"
    first = "item"
    states = MappingProxyType(
        {
            "item": State(ask_item, on_item, goes=("item", "reason", "all", OUT), lost=item_lost),
            "reason": State(ask_reason, on_reason, goes=("item", OUT), typed=True),
            "all": State(ask_all, on_all, goes=("item", OUT)),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        if not admitted(turn, review.refuse_unless_reviewer):
            return REFUSED
        return begin(turn, argument)


def admitted(turn: Turn, door: Callable[[MemberView], None]) -> bool:
    """Whether the member may sit at a desk (review, tips); if not, the reason said."""
    assert turn.member is not None
    try:
        door(turn.member)
    except Refused as refused:
        turn.say_refused(refused)
        return False
    return True


# The queue
def next_entry(turn: Turn) -> Move:
    assert turn.member is not None
    item = review.first_waiting(turn.store, turn.member, put_off(turn))
    return show_waiting(turn, item, show, "review_done")


def put_off(turn: Turn) -> set[str]:
    """The references put off ("later") on this desk (review, tips) in this sitting."""
    return set(turn.state.data.get("later", []))


def show_waiting(
    turn: Turn, item: Item | None, show: Callable[[Turn, Item], Move], none_left: str
) -> Move:
    """The first item waiting on a desk (review, tips) shown, or, with none, the desk ends
    saying so (`none_left`)."""
    if item is None:
        turn.say(none_left)
        return Go(OUT)
    return show(turn, item)


def show(turn: Turn, item: ReviewItem) -> Move:
    return show_card(turn, item.reference, review.seen(item))


def show_card(turn: Turn, reference: str, seen: str) -> Move:
    """The card of an entry (or a tip) put on the desk: its photos first, and what it shows
    kept in short (`seen`), for a decision to be taken on what was seen."""
    turn.state.data["ref"] = reference
    turn.state.data["seen"] = seen
    show_photos(turn, reference)
    return Go("item")


def look_again(turn: Turn, changed: EntryChanged) -> Move:
    """Its author changed the entry since the card was shown: a decision is on what was seen,
    so the card is shown again."""
    turn.say_refused(changed)
    return show(turn, changed.item)


def current(turn: Turn) -> ReviewItem | None:
    """The entry on the card, as it is now; None once it left this reviewer's queue."""
    assert turn.member is not None
    return review.find(turn.store, turn.member, turn.state.data.get("ref", ""))


ITEM_OPTIONS = (VERIFY, REJECT, LATER, ALL, LEAVE)


def item_card(turn: Turn, item: ReviewItem | None) -> Prompt | None:
    assert turn.member is not None
    if item is None:
        return None  # decided elsewhere meanwhile
    waiting = review.waiting(turn.store, turn.member)
    return Prompt(
        f"{turn.t('review_header', count=waiting)}\n{describe(turn, item)}",
        (
            (VERIFY, turn.t("review_verify")),
            (REJECT, turn.t("review_reject")),
            (LATER, turn.t("review_later")),
            (ALL, turn.t("review_all", count=waiting)),
            (LEAVE, turn.t("menu_back")),
        ),
        # A typed "không" is not a rejection the member is told of: that takes its number
        # or whole label ("verify all" asks for a confirmation of its own).
        whole_only=frozenset({REJECT}),
    )


def decide(turn: Turn, reference: str, verdict: str, note: str | None, seen_as: str | None) -> Move:
    """The decision, said to the reviewer (its author is told by the service); then the next
    entry, or the card again when its author changed it since it was shown."""
    assert turn.member is not None
    try:
        review.decide(
            turn.store,
            turn.store,
            turn.member,
            reference,
            verdict,
            note,
            seen_as=seen_as,
            areas=turn.areas,
            now=turn.now,
        )
    except EntryChanged as changed:
        return look_again(turn, changed)
    except Refused as refused:
        turn.say_refused(refused)
        return next_entry(turn)
    turn.say(
        "review_recorded_ok" if verdict == review.VERIFIED else "review_recorded_no",
        reference=reference,
    )
    return next_entry(turn)


# Showing an entry: the member's answers as the form names them; never the informant.
def describe(turn: Turn, item: ReviewItem) -> str:
    lines = [
        f"{item.reference} — {review.area_name(item.content_area, turn.areas, turn.lang)}"
        + (f" — {turn.t('review_urgent')}" if item.urgent else "")
    ]
    if item.duplicate_of:
        lines.append(turn.t("review_duplicate", reference=item.duplicate_of))
    if item.prior is not None:
        lines += _prior_lines(turn, item.prior, item.details, area_for(turn, item.content_area))
    lines.append(turn.t("review_by", author=item.author, unit=item.unit_name))
    lines += time_lines(turn, item.content_area, item.details, item.occurred_at, item.logged_at)
    area = area_for(turn, item.content_area)
    for spec in area.fields if area else ():
        value: Any = item.details.get(spec.key)
        if spec.kind in WHEN_KINDS:  # written once, above
            continue
        if spec.kind is FieldKind.TEAMMATES:
            if item.participants:
                lines.append(f"• {spec.label.get(turn.lang)}: {', '.join(item.participants)}")
            continue
        if value is None or spec.sealed or spec.kind is FieldKind.PHOTO:
            continue
        lines.append(f"• {spec.label.get(turn.lang)}: {step_for(spec).show(turn, value)}")
    return "\n".join(lines)


def _prior_lines(
    turn: Turn, prior: PriorDecision, details: dict[str, Any], area: ContentArea | None
) -> list[str]:
    """An entry decided before and changed by its author since: by whom, when and why it was
    decided, and what changed ("Đã thêm 1 ảnh", "Người cùng làm: thêm X", "Ngày: a → b")."""
    when = format_datetime(prior.decided_at, turn.now.tzinfo) if prior.decided_at else "—"
    if prior.verdict == "rejected":
        head = turn.t("review_was_rejected", reviewer=prior.reviewer, when=when, note=prior.note)
    else:
        head = turn.t("review_was_verified", reviewer=prior.reviewer, when=when)
    changes = []
    if prior.photos_added:
        changes.append(turn.t("review_photos_added", count=prior.photos_added))
    if prior.photos_removed:
        changes.append(turn.t("review_photos_removed", count=prior.photos_removed))
    moved = []
    if prior.teammates_added:
        moved.append(turn.t("changed_added", names=", ".join(prior.teammates_added)))
    if prior.teammates_removed:
        moved.append(turn.t("changed_removed", names=", ".join(prior.teammates_removed)))
    if moved:
        changes.append(turn.t("review_teammates_changed", change="; ".join(moved)))
    for spec in area.fields if area else ():
        if spec.sealed or spec.kind in (FieldKind.PHOTO, FieldKind.TEAMMATES):
            continue
        old, new = prior.details.get(spec.key), details.get(spec.key)
        if old != new:
            step = step_for(spec)
            shown_old = "—" if old is None else step.show(turn, old)
            shown_new = "—" if new is None else step.show(turn, new)
            changes.append(f"{spec.label.get(turn.lang)}: {shown_old} → {shown_new}")
    if not changes:
        changes.append(turn.t("review_nothing_changed"))
    return [head, turn.t("review_changes"), *(f"  ◦ {change}" for change in changes)]


def show_photos(turn: Turn, reference: str) -> None:
    """The entry's photos, one message each, before its card is first shown (not again at each
    answer to it): the adapter shows an image, sends a photo, or says where to see it."""
    assert turn.member is not None
    incoming = turn.incoming
    tokens = review.entry_photos(
        turn.store, turn.member, reference, incoming.channel, incoming.chat_id, turn.now
    )
    for number, token in enumerate(tokens, start=1):
        caption = (
            turn.t("card_photo", reference=reference)
            if len(tokens) == 1
            else turn.t("card_photo_of", number=number, total=len(tokens), reference=reference)
        )
        turn.replies.append(Outgoing(text=caption, image_url=f"/files/{token}"))
