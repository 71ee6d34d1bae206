"""/baocao (/report): an officer or admin drafts their unit's report for a report deadline now,
and gets the two files (the .docx to edit, sign and submit with /danop, and the .xlsx annex)
as soon as they are drafted, off the turn (bot/drawer.py).
Leaders and members are refused at the command (its audience), and by the service.

States: "pick" (the report deadlines the officer may draft now) -> out.
"""

from __future__ import annotations

import hashlib
from types import MappingProxyType
from typing import cast

from handlers.asking import Answer, Prompt, Turn, choice_refusal, file_requests
from handlers.states import OUT, REFUSED, Go, Move, State, StateFlow, Stay
from services import reports
from services.ports import ReportStore
from services.refusals import Refused
from services.reports import ReportChoice

LEAVE = "leave"


def report_store(turn: Turn) -> ReportStore:
    """The turn's store as the reports' port (the repository every turn is given is one;
    `Store` is declared above it in services/ports.py and cannot name it)."""
    return cast(ReportStore, turn.store)


def option_id(choice: ReportChoice) -> str:
    """A short id for the button (a choice's key may be 60 characters: with the question's
    number it would pass Telegram's 64 bytes of button data)."""
    return hashlib.sha256(choice.key.encode()).hexdigest()[:12]


def open_choices(turn: Turn) -> list[ReportChoice]:
    assert turn.member is not None
    try:
        return reports.choices(report_store(turn), turn.member, turn.now.date())
    except Refused:
        return []  # no longer an officer: nothing to draft


class ReportDeskFlow(StateFlow):
    name = "report_desk"
    first = "pick"

    def __init__(self, draws_files: bool) -> None:
        self.draws_files = draws_files  # False: a process that cannot write reports (a diagram)
        self.states = MappingProxyType(
            {"pick": State(self.ask_pick, self.on_pick, goes=(OUT,), lost=pick_lost)}
        )

    def begin(self, turn: Turn, argument: str) -> Move:
        assert turn.member is not None
        try:
            found = reports.choices(report_store(turn), turn.member, turn.now.date())
        except Refused as refused:
            turn.say_refused(refused)
            return REFUSED
        if not found or not self.draws_files:
            turn.say("report_desk_none")
            return REFUSED
        return Go("pick")

    # "pick": which report to draft
    def ask_pick(self, turn: Turn) -> Prompt | None:
        found = open_choices(turn)
        if not found:
            return None
        options = [
            (
                option_id(choice),
                f"{choice.title.get(turn.lang)} — {choice.unit_name} — {choice.due:%d/%m/%Y}"[:64],
            )
            for choice in found
        ]
        return Prompt(turn.t("report_desk_pick"), (*options, (LEAVE, turn.t("menu_back"))))

    def on_pick(self, turn: Turn, answer: Answer) -> Move:
        if answer.choice == LEAVE:
            return Go(OUT)
        found = open_choices(turn)
        if answer.choice is None:
            return Stay(choice_refusal(turn, answer, len(found) + 1))
        choice = next((c for c in found if option_id(c) == answer.choice), None)
        if choice is None or not self.draws_files:
            turn.say("report_desk_none")
            return Go(OUT)
        assert turn.member is not None
        try:
            # Checked now; drafted once the turn commits (bot/drawer.py), in Vietnamese
            # whatever the chat's language: an official document (NĐ 30).
            reports.ask(
                report_store(turn),
                file_requests(turn),
                turn.member,
                plan_code=choice.plan_code,
                unit_id=choice.unit_id,
                now=turn.now,
                period=choice.period_code,
                deadline_code=choice.deadline_code,
                chat=(turn.incoming.channel, turn.incoming.chat_id),
                reader=turn.lang,
            )
        except Refused as refused:
            turn.say_refused(refused)
            return Go(OUT)
        turn.say("drawing_report")
        return Go(OUT)


def pick_lost(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("report_desk_none")
    return Go(OUT)


__all__ = ["ReportDeskFlow"]
