"""The review desk: a commander goes through pending entries one by one, or verifies them all.

State: flow "review"; step "item" (data: the entry shown, entries put off), "reason" (asking
why an entry is rejected) or "all" (confirming a bulk verification).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from campaign.areas import DEFAULT_AREAS, WHEN_KINDS, ContentArea, FieldKind
from campaign.when import format_datetime
from handlers.engine import Prompt, Turn, choice_refusal, leave_desk, render, resolve, stale
from handlers.messages import Notice, Outgoing
from handlers.moments import area_for, time_lines
from handlers.ports import Decision, PriorDecision, ReviewItem
from handlers.steps import step_for, typed_reason

VERIFY, REJECT, LATER, ALL, LEAVE, YES, NO = "ok", "no", "later", "all", "leave", "yes", "cancel"
BULK_LIMIT = 500


class ReviewDesk:
    def __init__(self, on_leave: Callable[[Turn], None]) -> None:
        self.on_leave = on_leave  # shows the main menu

    def start(self, turn: Turn) -> None:
        turn.state.flow = "review"
        turn.state.data = {"later": []}
        self._next(turn)

    def handle(self, turn: Turn) -> None:
        step = turn.state.step
        if step == "reason":
            self._reason(turn)
            return
        item = None if step == "all" else self._current(turn)
        prompt = self._confirm_all_prompt(turn) if step == "all" else self._item_prompt(turn, item)
        if prompt is None:  # the entry shown left this reviewer's queue meanwhile
            turn.say("review_not_yours", reference=turn.state.data.get("ref", ""))
            self._next(turn)
            return
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        if step == "all":
            self._bulk(turn, answer.choice == YES)
            return
        reference = turn.state.data.get("ref", "")
        if (
            answer.choice in (VERIFY, REJECT)
            and item is not None
            and turn.state.data.get("seen") not in (None, _seen(item))
        ):
            # Its author changed it since the card was shown: a decision is on what was seen.
            turn.say("review_changed_meanwhile", reference=reference)
            self._show(turn, item)
            return
        if answer.choice == VERIFY:
            self._decide(turn, reference, "verified", None)
            self._next(turn)
        elif answer.choice == REJECT:
            turn.state.step = "reason"
            turn.state.prompt_seq += 1
            turn.say("review_ask_reason", reference=reference)
        elif answer.choice == LATER:
            turn.state.data.setdefault("later", []).append(reference)
            self._next(turn)
        elif answer.choice == ALL:
            # "All" is what the confirmation counts: an entry logged or sent back to review
            # while it is open waits for a look of its own.
            assert turn.member is not None
            queue = turn.store.review_queue(turn.member, BULK_LIMIT)
            turn.state.data["all"] = [item.reference for item in queue]
            turn.state.step = "all"
            turn.state.prompt_seq += 1
            confirm = self._confirm_all_prompt(turn)
            assert confirm is not None
            turn.replies.append(render(turn, confirm))
        elif answer.choice == LEAVE:
            self._leave(turn)
        else:
            refusal = choice_refusal(turn, answer, len(prompt.options))
            turn.replies.append(render(turn, prompt, prefix=refusal))

    def reprompt(self, turn: Turn) -> None:
        """Show again what the commander was deciding (after /help, /lang...)."""
        reference = turn.state.data.get("ref", "")
        if turn.state.step == "reason":
            turn.say("review_ask_reason", reference=reference)
            return
        prompt = (
            self._confirm_all_prompt(turn)
            if turn.state.step == "all"
            else self._item_prompt(turn, self._current(turn))
        )
        if prompt is None:
            self._next(turn)
        else:
            turn.replies.append(render(turn, prompt))

    # Steps
    def _next(self, turn: Turn) -> None:
        item = self._first(turn)
        if item is None:
            turn.say("review_done")
            self._leave(turn)
            return
        self._show(turn, item)

    def _show(self, turn: Turn, item: ReviewItem) -> None:
        turn.state.step = "item"
        turn.state.data["ref"] = item.reference
        turn.state.data["seen"] = _seen(item)
        turn.state.prompt_seq += 1
        prompt = self._item_prompt(turn, item)
        assert prompt is not None
        show_photos(turn, item.reference)
        turn.replies.append(render(turn, prompt))

    def _current(self, turn: Turn) -> ReviewItem | None:
        """The entry on the card, as it is now; None once it left this reviewer's queue."""
        assert turn.member is not None
        reference = turn.state.data.get("ref")
        queue = turn.store.review_queue(turn.member, BULK_LIMIT)
        return next((i for i in queue if i.reference == reference), None)

    def _first(self, turn: Turn) -> ReviewItem | None:
        later = set(turn.state.data.get("later", []))
        assert turn.member is not None
        for item in turn.store.review_queue(turn.member, len(later) + 1):
            if item.reference not in later:
                return item
        return None

    def _item_prompt(self, turn: Turn, item: ReviewItem | None) -> Prompt | None:
        assert turn.member is not None
        if item is None:
            return None  # decided elsewhere meanwhile
        waiting = turn.store.pending_review_count(turn.member)
        return Prompt(
            f"{turn.t('review_header', count=waiting)}\n{self._describe(turn, item)}",
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

    def _confirm_all_prompt(self, turn: Turn) -> Prompt | None:
        assert turn.member is not None
        counted = turn.state.data.get("all")
        waiting = turn.store.pending_review_count(turn.member) if counted is None else len(counted)
        return Prompt(
            turn.t("review_all_confirm", count=waiting),
            ((YES, turn.t("review_all_yes")), (NO, turn.t("review_all_no"))),
        )

    def _reason(self, turn: Turn) -> None:
        typed = typed_reason(turn, minimum=3)
        reference = turn.state.data.get("ref", "")
        if typed is None:
            turn.say("review_ask_reason", reference=reference)
            return
        self._decide(turn, reference, "rejected", typed)
        self._next(turn)

    def _bulk(self, turn: Turn, confirmed: bool) -> None:
        counted = turn.state.data.pop("all", None)  # None: a confirmation asked before it was kept
        if not confirmed:
            self._next(turn)
            return
        assert turn.member is not None
        done: dict[int, list[Decision]] = {}
        for item in turn.store.review_queue(turn.member, BULK_LIMIT):
            if counted is not None and item.reference not in counted:
                continue
            decision = turn.store.decide(turn.member, item.reference, "verified", None, turn.now)
            if decision is not None:
                done.setdefault(decision.author_id, []).append(decision)
        for author, decisions in done.items():
            reader = turn.speaking(decisions[0].author_language)
            references = ", ".join(d.reference for d in decisions)
            turn.notices.append(
                Notice(
                    author,
                    Outgoing(
                        text=reader.t(
                            "review_verified_many", count=len(decisions), references=references
                        )
                    ),
                )
            )
        turn.say("review_bulk_done", count=sum(len(d) for d in done.values()))
        self._leave(turn)

    def _decide(self, turn: Turn, reference: str, verdict: str, note: str | None) -> None:
        assert turn.member is not None
        decision = turn.store.decide(turn.member, reference, verdict, note, turn.now)
        if decision is None:
            turn.say("review_gone", reference=reference)
            return
        turn.say(
            "review_recorded_ok" if verdict == "verified" else "review_recorded_no",
            reference=reference,
        )
        reader = turn.speaking(decision.author_language)
        area = _area_name(reader, decision.content_area)
        key = "review_verified" if verdict == "verified" else "review_rejected"
        turn.notices.append(
            Notice(
                decision.author_id,
                Outgoing(text=reader.t(key, reference=reference, area=area, reason=note or "")),
            )
        )

    def _leave(self, turn: Turn) -> None:
        leave_desk(turn, self.on_leave)

    # Showing an entry: the member's answers as the form names them; never the informant.
    def _describe(self, turn: Turn, item: ReviewItem) -> str:
        lines = [
            f"{item.reference} — {_area_name(turn, item.content_area)}"
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


def _seen(item: ReviewItem) -> str:
    return seen(item.details, item.participants, item.photos)


def seen(details: dict[str, Any], teammates: Sequence[str], photos: Sequence[int]) -> str:
    """What a card showed of an entry, in short: its answers, teammates and photos (a decision
    taken on a card is refused once its author has changed the entry since)."""
    shown = [details, sorted(teammates), list(photos)]
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _area_name(turn: Turn, code: str) -> str:
    area = next((a for a in (*turn.areas, *DEFAULT_AREAS) if a.code == code), None)
    return area.name.get(turn.lang) if area else code


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
    tokens = turn.store.entry_photos(
        turn.member, reference, incoming.channel, incoming.chat_id, turn.now
    )
    for number, token in enumerate(tokens, start=1):
        caption = (
            turn.t("card_photo", reference=reference)
            if len(tokens) == 1
            else turn.t("card_photo_of", number=number, total=len(tokens), reference=reference)
        )
        turn.replies.append(Outgoing(text=caption, image_url=f"/files/{token}"))
