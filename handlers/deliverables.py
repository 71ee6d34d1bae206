"""/danop (/submitted): a commander marks a plan's deliverable done for their unit, with an
optional photo of it; reminders stop for that unit and it is not listed as late.

State: flow "deliverable"; step "pick" (the open ones), "file" (data: which).
"""

from __future__ import annotations

from collections.abc import Callable

from handlers.engine import (
    Prompt,
    Turn,
    choice_refusal,
    leave_desk,
    render,
    resolve,
    stale,
    typed_skip,
)
from handlers.ports import OpenDeliverable

LEAVE, SKIP = "leave", "skip"


class DeliverableDesk:
    def __init__(self, on_leave: Callable[[Turn], None]) -> None:
        self.on_leave = on_leave

    def start(self, turn: Turn) -> None:
        assert turn.member is not None
        if not turn.member.role.is_commander:
            turn.say("deliverable_commanders_only")
            self.on_leave(turn)
            return
        prompt = self._pick_prompt(turn)
        if prompt is None:
            turn.say("deliverable_none")
            self.on_leave(turn)
            return
        turn.state.flow = "deliverable"
        turn.state.data = {}
        self._enter(turn, "pick", prompt)

    def handle(self, turn: Turn) -> None:
        if turn.state.step == "file":
            self._file(turn)
            return
        prompt = self._pick_prompt(turn)
        if prompt is None:
            turn.say("deliverable_none")
            leave_desk(turn, self.on_leave)
            return
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice == LEAVE:
            leave_desk(turn, self.on_leave)
        elif answer.choice is not None:
            turn.state.data = {"key": answer.choice}
            self._enter(turn, "file", self._file_prompt(turn))
        else:
            refusal = choice_refusal(turn, answer, len(prompt.options))
            turn.replies.append(render(turn, prompt, prefix=refusal))

    def reprompt(self, turn: Turn) -> None:
        if turn.state.step == "file":
            turn.replies.append(render(turn, self._file_prompt(turn)))
            return
        prompt = self._pick_prompt(turn)
        if prompt is None:
            leave_desk(turn, self.on_leave)
        else:
            turn.replies.append(render(turn, prompt))

    def _file(self, turn: Turn) -> None:
        prompt = self._file_prompt(turn)
        photo = turn.incoming.photo
        if photo is None:
            answer = resolve(turn, prompt)
            if answer is None:
                stale(turn, prompt)
                return
            answer = typed_skip(answer, SKIP)
            if answer.choice != SKIP:
                turn.replies.append(render(turn, prompt, prefix=turn.t("bad_kind_photo_or_none")))
                return
        item = self._chosen(turn)
        assert turn.member is not None
        if item is None:
            turn.say("deliverable_none")
            leave_desk(turn, self.on_leave)
            return
        attachment = None
        if photo is not None:
            attachment = turn.store.add_photo(
                photo, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, now=turn.now
            )
        recorded = turn.store.mark_deliverable(turn.member, item, attachment, turn.now)
        turn.say(
            "deliverable_done" if recorded else "deliverable_already",
            title=item.title.get(turn.lang),
            due=f"{item.due:%d/%m/%Y}",
        )
        leave_desk(turn, self.on_leave)

    # Prompts
    def _enter(self, turn: Turn, step: str, prompt: Prompt) -> None:
        turn.state.step = step
        turn.state.prompt_seq += 1
        turn.replies.append(render(turn, prompt))

    def _open(self, turn: Turn) -> list[OpenDeliverable]:
        assert turn.member is not None
        return turn.store.open_deliverables(turn.member, turn.now.date())

    def _pick_prompt(self, turn: Turn) -> Prompt | None:
        items = self._open(turn)
        if not items:
            return None
        options = [
            (item.key, f"{item.title.get(turn.lang)} — {item.due:%d/%m/%Y}"[:64]) for item in items
        ]
        return Prompt(turn.t("deliverable_pick"), (*options, (LEAVE, turn.t("menu_back"))))

    def _file_prompt(self, turn: Turn) -> Prompt:
        item = self._chosen(turn)
        title = item.deliverable.get(turn.lang) if item else ""
        return Prompt(
            turn.t("deliverable_file", deliverable=title),
            ((SKIP, turn.t("deliverable_no_file")),),
            # Typing "ảnh" while looking for the photo must not mark it submitted without one.
            whole_only=frozenset({SKIP}),
        )

    def _chosen(self, turn: Turn) -> OpenDeliverable | None:
        key = turn.state.data.get("key")
        return next((i for i in self._open(turn) if i.key == key), None)
