"""The vocabulary a desk is written in: a map of named states (`State`) and the moves an
answer makes (`Go` to a state, `Stay` at the same question, `Go(OUT)` to leave; `STALE`,
`REFUSED`). The engine (handlers/engine.py) runs them; a desk imports only this and
handlers/asking.py."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from handlers.asking import Answer, BaseFlow, Prompt, Turn

OUT = "out"  # the state name that ends a flow (then the menu)


@dataclass(frozen=True)
class Go:
    """Ask the named state's question anew (a new number: older buttons go stale)."""

    state: str
    prefix: str | None = None
    text: str | None = None  # the question's text this once (a confirmation quoting a change)


@dataclass(frozen=True)
class Stay:
    """Ask the same question again under the same number (the answer was refused, or is a
    part of one: a teammate ticked)."""

    prefix: str | None = None


class Stale:
    """The message was a tap on an older question: a polite note and the current question."""


class RefusedToOpen:
    """The flow does not open (said why): the menu, no question was asked."""


STALE, REFUSED = Stale(), RefusedToOpen()
Move = Go | Stay | Stale | RefusedToOpen


@dataclass(frozen=True)
class State:
    """One named question of a `StateFlow`: what to ask, and what to do with the answer."""

    ask: Callable[[Turn], Prompt | None]  # None: what it asked about is gone (see `lost`)
    answer: Callable[[Turn, Answer], Move]
    goes: tuple[str, ...]  # the states `answer` may go to (the diagram's arrows; checked)
    # The answer is the message as typed (a reason, a line number), not matched to options.
    typed: bool = False
    back: str | None = None  # where /quaylai goes from here (None: the same question)
    # Where to go when `ask` finds nothing to ask about (answering: a message came for it).
    lost: Callable[[Turn, bool], Move] | None = None
    # Shown before the question when it is asked anew or again after a side command (/help),
    # not when an answer is refused (a broadcast's preview).
    preface: Callable[[Turn], None] | None = None


class StateFlow(BaseFlow):
    """A map of named states (the desks). `begin` opens it: checks who may, sets `data`."""

    states: Mapping[str, State]
    first: str  # where it opens, and where a saved chat with no known state resumes
    opens: tuple[str, ...] = ()  # other states `begin` may open at
    # What /quaylai says where there is no question before (None: just the question again).
    no_way_back: str | None = None

    @abstractmethod
    def begin(self, turn: Turn, argument: str) -> Move: ...

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "desk_closed", {}  # decisions made are kept
