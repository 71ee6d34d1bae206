"""The conversation engine: every conversation of the bot is a flow the engine runs.

Two shapes of flow, one engine. A content area or registration is a list of steps (`Flow`):
asked in order, shown back in a summary. A desk (review, tips, edit, grading, deliverables,
broadcast) is a map of named states (`StateFlow`): each state says what to ask and what to do
with the answer, which names the next state (`Go`), the same question again (`Stay`) or the
end (`Go(OUT)`); a desk walking a queue (review, tips) goes back to its own card state.

The engine alone asks: it numbers every question (`prompt_seq`, button ids "<seq>.<option>"),
recognises taps on older buttons and double taps, goes back, cancels, drops a flow left for
another command, and asks again after a side command. Everything a flow needs lives in
`ChatState.data`, so a turn can run in any process and a restart resumes at the same state.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea
from handlers.asking import (
    BACK,
    CANCEL,
    CONFIRM,
    SAVE,
    SKIP,
    Again,
    Answer,
    BaseFlow,
    EndFlow,
    Prompt,
    Reask,
    Turn,
    choice_refusal,
    render,
    resolve,
    stale,
)
from handlers.messages import Outgoing
from handlers.states import (
    OUT,
    Go,
    Move,
    RefusedToOpen,
    Stale,
    State,
    StateFlow,
    Stay,
)
from services.ports import EXPIRED_MARK

ENTRY_FLOWS_KEPT = 1024  # entry flows kept built; a plan's areas are read afresh every minute


class Step(ABC):
    key: str
    optional: bool = False
    sealed: bool = False
    only_if: Mapping[str, str] = MappingProxyType({})

    def applies(self, turn: Turn) -> bool:
        return all(turn.answers.get(k) == v for k, v in self.only_if.items())

    @abstractmethod
    def prompt(self, turn: Turn) -> Prompt: ...

    @abstractmethod
    def accept(self, turn: Turn, answer: Answer) -> Any:
        """The value to keep, or Again(partial); raise Reask to refuse."""

    def show(self, turn: Turn, value: Any) -> str:
        return str(value)


class Flow(BaseFlow):
    """A list of steps asked in order (content areas, registration)."""

    confirm: bool = True  # end with a summary and Save / Change / Cancel

    @abstractmethod
    def steps(self, turn: Turn) -> Sequence[Step]: ...

    @abstractmethod
    def finish(self, turn: Turn) -> None:
        """Do the work (inside the turn's transaction) and say the result."""

    def intro(self, turn: Turn) -> str | None:
        return None


class Engine:
    """Runs flows over `Turn`s, looked up by name; entry flows are built from the areas of the
    member's running plan (`turn.areas`) every turn, so two plans never share a definition."""

    def __init__(
        self,
        flows: Mapping[str, BaseFlow],
        on_idle: Callable[[Turn], None],
        for_area: Callable[[ContentArea], BaseFlow],
        areas: tuple[ContentArea, ...] = DEFAULT_AREAS,
    ) -> None:
        self.flows = dict(flows)
        self.on_idle = on_idle  # what to show once a flow is over (the main menu)
        self.for_area = for_area  # the flow "entry:<code>" of an area
        self.areas = areas  # for a saved entry flow whose area the running plan lost
        # Each area's flow, built once per area object and kept with it (so its id is not
        # reused): built every turn, a flow and a step per field cost ~6 us of CPU a message.
        self._entry_flows: dict[int, tuple[ContentArea, BaseFlow]] = {}

    def flow(self, turn: Turn, name: str | None = None) -> BaseFlow | None:
        name = turn.state.flow if name is None else name
        if name is not None and name.startswith("entry:"):
            code = name.removeprefix("entry:")
            area = next((a for a in (*turn.areas, *self.areas) if a.code == code), None)
            return None if area is None else self._entry_flow(area)
        return self.flows.get(name or "")

    def _entry_flow(self, area: ContentArea) -> BaseFlow:
        # A plan's areas are new objects whenever its unit's plans are read again, so two
        # plans (or two versions of one) never share a flow; old ones are dropped in bulk.
        kept = self._entry_flows.get(id(area))
        if kept is not None and kept[0] is area:
            return kept[1]
        if len(self._entry_flows) >= ENTRY_FLOWS_KEPT:
            self._entry_flows.clear()
        flow = self.for_area(area)
        self._entry_flows[id(area)] = (area, flow)
        return flow

    # Entering and leaving
    def start(
        self,
        turn: Turn,
        flow_name: str,
        answers: dict[str, Any] | None = None,
        prefix: str | None = None,
        argument: str = "",
    ) -> None:
        flow = self.flow(turn, flow_name)
        assert flow is not None, flow_name
        if isinstance(flow, StateFlow):
            self._begin(turn, flow, argument)
            return
        assert isinstance(flow, Flow)
        turn.state.flow = flow_name
        turn.state.step = None
        turn.state.data = {"answers": dict(answers or {}), "history": list(answers or {})}
        self._next(turn, flow, prefix=prefix or flow.intro(turn))

    def stop(self, turn: Turn) -> None:
        turn.state.flow = None
        turn.state.step = None
        turn.state.data = {}
        turn.state.prompt_seq += 1  # every older button is now stale

    def expire(self, turn: Turn) -> bool:
        """Drop a flow idle past the timeout (now, or already by the housekeeping job, which
        left only a mark) and say so; True when it was."""
        state = turn.state
        by_clock = state.flow is None and EXPIRED_MARK in state.data
        if not by_clock and not (state.flow and self.idle_too_long(turn)):
            return False
        minutes = state.data.get(EXPIRED_MARK, turn.flow_timeout.total_seconds() // 60)
        self.stop(turn)
        turn.say("expired", minutes=int(minutes))
        return True

    @staticmethod
    def idle_too_long(turn: Turn) -> bool:
        updated = turn.state.updated_at
        return updated is not None and turn.now - updated > turn.flow_timeout

    def ask(self, turn: Turn, step: str, prompt: Prompt, prefix: str | None = None) -> Outgoing:
        """A question outside any flow (the menus), numbered as every other."""
        turn.state.step = step
        turn.state.prompt_seq += 1
        return render(turn, prompt, prefix=prefix)

    def drop(self, turn: Turn) -> None:
        """Leave the current flow for something else, saying so if answers are dropped."""
        flow = self.flow(turn)
        if turn.state.flow is None:
            return
        dropped = flow.dropped_says(turn) if flow is not None else None
        self.stop(turn)
        if dropped:
            turn.say(dropped)

    def cancel(self, turn: Turn) -> None:
        """/huy: the flow is dropped with what it says at this question; then the menu."""
        flow = self.flow(turn)
        if turn.state.flow is None or flow is None:
            turn.say("nothing_to_cancel")
        else:
            key, values = flow.cancelled_says(turn)
            self.stop(turn)
            turn.say(key, **values)
        self.on_idle(turn)

    # Handling a message inside a flow
    def handle(self, turn: Turn) -> None:
        flow = self.flow(turn)
        if flow is None:  # a saved flow this version no longer has
            self.stop(turn)
            self.on_idle(turn)
        elif isinstance(flow, StateFlow):
            self._answer(turn, flow)
        else:
            assert isinstance(flow, Flow)
            self._handle_step(turn, flow)

    def _handle_step(self, turn: Turn, flow: Flow) -> None:
        if turn.state.step == CONFIRM:
            self._handle_confirm(turn, flow)
            return
        step = self._current(turn, flow)
        if step is None:  # the flow changed under a saved state: re-plan it
            self._next(turn, flow)
            return
        prompt = self._prompt(turn, step)
        turn.conceal_input = step.sealed
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        if answer.choice == SKIP and step.optional:
            value: Any = None
        else:
            try:
                value = step.accept(turn, answer)
            except Reask as refused:
                turn.replies.append(render(turn, prompt, prefix=refused.message))
                return
        if isinstance(value, Again):
            turn.state.data.setdefault("partial", {})[step.key] = value.partial
            turn.replies.append(render(turn, self._prompt(turn, step)))
            return
        if step.sealed and isinstance(value, str):
            # Sealed before it reaches the chat state: a tip typed halfway, abandoned or
            # cancelled leaves no informant in clear in any row, WAL page or dump.
            value = turn.store.seal_answer(value)
        turn.answers[step.key] = value
        turn.state.data.setdefault("history", []).append(step.key)
        turn.state.data.get("partial", {}).pop(step.key, None)
        self._next(turn, flow)

    def reprompt(self, turn: Turn) -> None:
        """Ask the current question again (after /help or /lang inside a flow), or show the
        menu outside one."""
        flow = self.flow(turn)
        if turn.state.flow is None or flow is None:
            self.on_idle(turn)
        elif isinstance(flow, StateFlow):
            self._ask_again(turn, flow)
        elif turn.state.step == CONFIRM:
            assert isinstance(flow, Flow)
            turn.replies.append(render(turn, self._confirm_prompt(turn, flow)))
        else:
            assert isinstance(flow, Flow)
            step = self._current(turn, flow)
            if step is None:
                self._next(turn, flow)
            else:
                turn.replies.append(render(turn, self._prompt(turn, step)))

    def back(self, turn: Turn) -> None:
        """/quaylai: the question before, where the flow has one."""
        flow = self.flow(turn)
        if turn.state.flow is None or flow is None:
            turn.say("nothing_in_progress")
            self.on_idle(turn)
        elif isinstance(flow, StateFlow):
            self._state_back(turn, flow)
        else:
            assert isinstance(flow, Flow)
            self._step_back(turn, flow)

    def _step_back(self, turn: Turn, flow: Flow) -> None:
        history: list[str] = turn.state.data.setdefault("history", [])
        if not history:
            step = self._current(turn, flow)
            prompt = self._prompt(turn, step) if step else Prompt(turn.t("nothing_to_go_back"))
            turn.replies.append(render(turn, prompt, prefix=turn.t("nothing_to_go_back")))
            return
        last = history.pop()
        kept = set(history)
        for key in list(turn.answers):
            if key not in kept:
                del turn.answers[key]
        self._enter(turn, flow, next(s for s in flow.steps(turn) if s.key == last))

    # States of a StateFlow
    def _begin(self, turn: Turn, flow: StateFlow, argument: str) -> None:
        turn.state.data = {}
        move = flow.begin(turn, argument)
        if isinstance(move, RefusedToOpen):
            self.on_idle(turn)
            return
        assert not isinstance(move, Go) or move.state in (flow.first, *flow.opens, OUT), move
        turn.state.flow = flow.name
        turn.state.step = None
        self._move(turn, flow, move, None)

    def _state(self, turn: Turn, flow: StateFlow) -> State:
        return flow.states.get(turn.state.step or "") or flow.states[flow.first]

    def _answer(self, turn: Turn, flow: StateFlow) -> None:
        state = self._state(turn, flow)
        prompt = state.ask(turn)
        if prompt is None:
            assert state.lost is not None, turn.state.step
            self._move(turn, flow, state.lost(turn, True), None)
            return
        answer = Answer(incoming=turn.incoming) if state.typed else resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        move = state.answer(turn, answer)
        assert not isinstance(move, Go) or move.state in state.goes, (turn.state.step, move)
        self._move(turn, flow, move, prompt)

    def _move(self, turn: Turn, flow: StateFlow, move: Move, prompt: Prompt | None) -> None:
        if isinstance(move, Go) and move.state == OUT:
            self.stop(turn)
            self.on_idle(turn)
        elif isinstance(move, Go):
            self._go(turn, flow, move)
        elif isinstance(move, Stay):
            again = self._state(turn, flow).ask(turn) or prompt
            if again is not None:
                turn.replies.append(render(turn, again, prefix=move.prefix))
        elif isinstance(move, Stale) and prompt is not None:
            stale(turn, prompt)

    def _go(self, turn: Turn, flow: StateFlow, move: Go) -> None:
        turn.state.step = move.state
        turn.state.prompt_seq += 1
        state = flow.states[move.state]
        if state.preface is not None:
            state.preface(turn)
        prompt = state.ask(turn)
        if prompt is None:
            assert state.lost is not None, move.state
            self._move(turn, flow, state.lost(turn, False), None)
            return
        if move.text is not None:
            prompt = replace(prompt, text=move.text)
        turn.replies.append(render(turn, prompt, prefix=move.prefix))

    def _ask_again(self, turn: Turn, flow: StateFlow) -> None:
        state = self._state(turn, flow)
        if state.preface is not None:
            state.preface(turn)
        prompt = state.ask(turn)
        if prompt is None:
            assert state.lost is not None, turn.state.step
            self._move(turn, flow, state.lost(turn, False), None)
        else:
            turn.replies.append(render(turn, prompt))

    def _state_back(self, turn: Turn, flow: StateFlow) -> None:
        target = self._state(turn, flow).back
        if target is not None:
            self._go(turn, flow, Go(target))
            return
        if flow.no_way_back is not None:
            turn.say(flow.no_way_back)
        self._ask_again(turn, flow)

    # Internals
    def _current(self, turn: Turn, flow: Flow) -> Step | None:
        return next((s for s in flow.steps(turn) if s.key == turn.state.step), None)

    def _prompt(self, turn: Turn, step: Step) -> Prompt:
        prompt = step.prompt(turn)
        if step.optional and all(oid != SKIP for oid, _ in prompt.options):
            prompt = replace(prompt, options=(*prompt.options, (SKIP, turn.t("skip"))))
        return prompt

    def _enter(self, turn: Turn, flow: Flow, step: Step, prefix: str | None = None) -> None:
        turn.state.step = step.key
        turn.state.prompt_seq += 1
        turn.replies.append(render(turn, self._prompt(turn, step), prefix=prefix))

    def _next(self, turn: Turn, flow: Flow, prefix: str | None = None) -> None:
        for step in flow.steps(turn):
            if step.key not in turn.answers and step.applies(turn):
                self._enter(turn, flow, step, prefix)
                return
        if flow.confirm:
            turn.state.step = CONFIRM
            turn.state.prompt_seq += 1
            turn.replies.append(render(turn, self._confirm_prompt(turn, flow), prefix=prefix))
            return
        self._finish(turn, flow)

    def _confirm_prompt(self, turn: Turn, flow: Flow) -> Prompt:
        lines = [turn.t("summary")]
        for step in flow.steps(turn):
            if step.key in turn.answers and step.applies(turn):
                value = turn.answers[step.key]
                shown = "—" if value is None else step.show(turn, value)
                lines.append(f"• {_label(turn, step)}: {shown}")
        return Prompt(
            "\n".join(lines),
            (
                (SAVE, turn.t("confirm_save")),
                (BACK, turn.t("confirm_back")),
                (CANCEL, turn.t("confirm_cancel")),
            ),
        )

    def _handle_confirm(self, turn: Turn, flow: Flow) -> None:
        history = turn.state.data.get("history") or []
        last = next((s for s in flow.steps(turn) if history and s.key == history[-1]), None)
        photo = turn.incoming.photo
        if photo is not None and last is not None and getattr(last, "takes_photos", False):
            # An album: Telegram sends its photos one message each, the rest after the first
            # was taken: each is added to the photo just answered.
            added = turn.store.add_photo(
                photo, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, now=turn.now
            )
            before = turn.answers.get(last.key)
            kept = [] if before is None else before if isinstance(before, list) else [before]
            turn.answers[last.key] = [*kept, added]
            turn.state.prompt_seq += 1
            turn.replies.append(render(turn, self._confirm_prompt(turn, flow)))
            return
        prompt = self._confirm_prompt(turn, flow)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice == SAVE:
            self._finish(turn, flow)
        elif answer.choice == BACK:
            self.back(turn)
        elif answer.choice == CANCEL:
            self.cancel(turn)
        else:
            refusal = choice_refusal(turn, answer, len(prompt.options))
            turn.replies.append(render(turn, prompt, prefix=refusal))

    def _finish(self, turn: Turn, flow: Flow) -> None:
        try:
            flow.finish(turn)
        except EndFlow as ended:
            turn.replies.append(Outgoing(text=ended.message))
        self.stop(turn)
        self.on_idle(turn)


def _label(turn: Turn, step: Step) -> str:
    label = getattr(step, "label", None)
    return label(turn) if callable(label) else step.key
