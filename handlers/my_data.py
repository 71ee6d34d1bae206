"""/dulieucuatoi (/mydata): the member gets a file of what the bot holds about them, then may ask
for its erasure (confirmed here, decided by an admin of their unit's line in the console), or
withdraw a request still waiting.

States: "offer" (ask for erasure, or withdraw the request waiting) -> "confirm" -> out.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import cast

from handlers.asking import Answer, Prompt, Turn, choice_refusal
from handlers.messages import Outgoing
from handlers.states import OUT, Go, Move, State, StateFlow, Stay
from services import personal_data
from services.ports import PersonalDataStore
from services.refusals import Refused

ERASE, WITHDRAW, LEAVE, YES, NO = "erase", "withdraw", "leave", "yes", "no"


def data_store(turn: Turn) -> PersonalDataStore:
    """The turn's store as the personal data's port (the repository every turn is given is
    one; `Store` is declared above it in services/ports.py and cannot name it)."""
    return cast(PersonalDataStore, turn.store)


class MyDataFlow(StateFlow):
    name = "my_data"
    first = "offer"

    def __init__(self) -> None:
        self.states = MappingProxyType(
            {
                "offer": State(self.ask_offer, self.on_offer, goes=("confirm", OUT)),
                "confirm": State(self.ask_confirm, self.on_confirm, goes=(OUT,), back="offer"),
            }
        )

    def begin(self, turn: Turn, argument: str) -> Move:
        assert turn.member is not None
        made = personal_data.export(data_store(turn), turn.member, turn.now)
        incoming = turn.incoming
        token = turn.store.save_file(
            incoming.channel, incoming.chat_id, made.name, made.content_type, made.data, turn.now
        )
        turn.replies.append(Outgoing(text=turn.t("my_data_file"), file_url=f"/files/{token}"))
        return Go("offer")

    # "offer": erasure asked for, or withdrawn
    def ask_offer(self, turn: Turn) -> Prompt:
        assert turn.member is not None
        waiting = personal_data.open_request(data_store(turn), turn.member)
        if waiting is not None:
            return Prompt(
                turn.t("my_data_waiting", day=f"{waiting.asked_at:%d/%m/%Y}"),
                ((WITHDRAW, turn.t("my_data_withdraw")), (LEAVE, turn.t("menu_back"))),
                whole_only=frozenset({WITHDRAW}),
            )
        return Prompt(
            turn.t("my_data_offer"),
            ((ERASE, turn.t("my_data_erase")), (LEAVE, turn.t("menu_back"))),
            whole_only=frozenset({ERASE}),
        )

    def on_offer(self, turn: Turn, answer: Answer) -> Move:
        assert turn.member is not None
        if answer.choice == LEAVE:
            return Go(OUT)
        if answer.choice is None:
            return Stay(choice_refusal(turn, answer, 2))
        waiting = personal_data.open_request(data_store(turn), turn.member)
        if answer.choice == WITHDRAW:
            withdrawn = personal_data.withdraw(data_store(turn), turn.member, turn.now)
            turn.say("my_data_withdrawn" if withdrawn else "my_data_nothing_waiting")
            return Go(OUT)
        if waiting is not None:  # asked meanwhile in another chat
            turn.say("my_data_erasure_waiting", day=f"{waiting.asked_at:%d/%m/%Y}")
            return Go(OUT)
        return Go("confirm")

    # "confirm": what erasure does, and are they sure
    def ask_confirm(self, turn: Turn) -> Prompt:
        return Prompt(
            turn.t("my_data_confirm"),
            ((YES, turn.t("my_data_confirm_yes")), (NO, turn.t("my_data_confirm_no"))),
            whole_only=frozenset({YES}),
        )

    def on_confirm(self, turn: Turn, answer: Answer) -> Move:
        assert turn.member is not None
        if answer.choice == NO:
            turn.say("my_data_not_asked")
            return Go(OUT)
        if answer.choice != YES:
            return Stay(choice_refusal(turn, answer, 2))
        try:
            personal_data.ask_erasure(data_store(turn), turn.member, turn.now)
        except Refused as refused:
            turn.say_refused(refused)
            return Go(OUT)
        turn.say("my_data_asked")
        return Go(OUT)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        return "my_data_not_asked", {}


__all__ = ["MyDataFlow"]
