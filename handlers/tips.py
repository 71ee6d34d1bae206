"""The tip desk: commune police follow tips up (received -> verifying -> resolved / unfounded)
and, with a stated reason, may see who gave one. The member is told each change."""

from __future__ import annotations

from collections.abc import Callable

from campaign.areas import TIP, WHEN_KINDS
from campaign.review import TIP_NEXT
from campaign.roles import Role
from handlers.engine import Prompt, Turn, choice_refusal, leave_desk, render, resolve, stale
from handlers.messages import Notice, Outgoing
from handlers.moments import time_lines
from handlers.ports import TipItem
from handlers.review import seen, show_photos
from handlers.steps import step_for, typed_reason

REVEAL, NEXT, LEAVE = "reveal", "next", "leave"
TIP_FINAL = frozenset({"resolved", "unfounded"})
QUEUE = 50


class TipDesk:
    def __init__(self, on_leave: Callable[[Turn], None]) -> None:
        self.on_leave = on_leave

    def start(self, turn: Turn) -> None:
        assert turn.member is not None
        if turn.member.role is not Role.OFFICER:
            turn.say("tips_officers_only")
            self.on_leave(turn)
            return
        turn.state.flow = "tips"
        turn.state.data = {"seen": []}
        self._next(turn)

    def handle(self, turn: Turn) -> None:
        if turn.state.step == "reason":
            self._reveal(turn)
            return
        item = self._current(turn)
        if item is None:
            self._next(turn)
            return
        prompt = self._prompt(turn, item)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice in ("verifying", "resolved", "unfounded") and turn.state.data.get(
            "seen"
        ) not in (None, _seen(item)):
            # Its author changed it since the card was shown: decided on what was seen only.
            turn.say("review_changed_meanwhile", reference=item.reference)
            self._show(turn, item)
        elif answer.choice in ("verifying", "resolved", "unfounded"):
            self._advance(turn, item, answer.choice)
        elif answer.choice == REVEAL:
            turn.state.step = "reason"
            turn.state.prompt_seq += 1
            turn.say("tips_reveal_reason", reference=item.reference)
        elif answer.choice == NEXT:
            turn.state.data.setdefault("seen", []).append(item.reference)
            self._next(turn)
        elif answer.choice == LEAVE:
            self._leave(turn)
        else:
            refusal = choice_refusal(turn, answer, len(prompt.options))
            turn.replies.append(render(turn, prompt, prefix=refusal))

    def reprompt(self, turn: Turn) -> None:
        """Show again the tip being followed up (after /help, /lang...)."""
        item = self._current(turn)
        if turn.state.step == "reason" and item is not None:
            turn.say("tips_reveal_reason", reference=item.reference)
        elif item is not None:
            turn.replies.append(render(turn, self._prompt(turn, item)))
        else:
            self._next(turn)

    def _open(self, turn: Turn) -> list[TipItem]:
        assert turn.member is not None
        return turn.store.open_tips(turn.member, QUEUE)

    def _current(self, turn: Turn) -> TipItem | None:
        reference = turn.state.data.get("ref")
        return next((t for t in self._open(turn) if t.reference == reference), None)

    def _next(self, turn: Turn) -> None:
        seen = set(turn.state.data.get("seen", []))
        item = next((t for t in self._open(turn) if t.reference not in seen), None)
        if item is None:
            turn.say("tips_none")
            self._leave(turn)
            return
        self._show(turn, item)

    def _show(self, turn: Turn, item: TipItem) -> None:
        turn.state.step = "item"
        turn.state.data["ref"] = item.reference
        turn.state.data["seen"] = _seen(item)
        turn.state.prompt_seq += 1
        show_photos(turn, item.reference)
        turn.replies.append(render(turn, self._prompt(turn, item)))

    def _prompt(self, turn: Turn, item: TipItem) -> Prompt:
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

    def _advance(self, turn: Turn, item: TipItem, progress: str) -> None:
        assert turn.member is not None
        change = turn.store.advance_tip(turn.member, item.reference, progress, turn.now)
        if change is None:
            turn.say("review_gone", reference=item.reference)
        else:
            turn.say(
                "tips_changed",
                reference=item.reference,
                progress=turn.t("tips_progress", progress=progress),
            )
            reader = turn.speaking(change.author_language)
            turn.notices.append(
                Notice(
                    change.author_id,
                    Outgoing(
                        text=reader.t(
                            "tips_member_notice",
                            reference=item.reference,
                            progress=reader.t("tips_progress", progress=progress),
                        )
                    ),
                )
            )
        if progress == "verifying" and change is not None:
            turn.state.prompt_seq += 1
            refreshed = self._current(turn)
            if refreshed is not None:
                turn.replies.append(render(turn, self._prompt(turn, refreshed)))
                return
        self._next(turn)

    def _reveal(self, turn: Turn) -> None:
        assert turn.member is not None
        reference = turn.state.data.get("ref", "")
        reason = typed_reason(turn, minimum=5)
        if reason is None:
            turn.say("tips_reveal_reason", reference=reference)
            return
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
        turn.state.step = "item"
        turn.state.prompt_seq += 1
        item = self._current(turn)
        if item is not None:
            turn.replies.append(render(turn, self._prompt(turn, item)))
        else:
            self._next(turn)

    def _leave(self, turn: Turn) -> None:
        leave_desk(turn, self.on_leave)


def _seen(item: TipItem) -> str:
    return seen(item.details, (), item.photos)
