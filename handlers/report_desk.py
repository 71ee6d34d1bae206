"""/baocao (/report): an officer or admin drafts their unit's report for a report deadline now,
and gets the two files (the .docx to edit, sign and submit with /danop, and the .xlsx annex).
Leaders and members are refused at the command (its audience), and by the service.

States: "pick" (the report deadlines the officer may draft now) -> out.
"""

from __future__ import annotations

import hashlib
from types import MappingProxyType
from typing import cast

from handlers.asking import Answer, Prompt, Turn, choice_refusal, show_document
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

    def __init__(self, render: reports.Render | None) -> None:
        self.render = render  # None: a process that cannot write reports (a diagram)
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
        if not found or self.render is None:
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
        if choice is None or self.render is None:
            turn.say("report_desk_none")
            return Go(OUT)
        assert turn.member is not None
        try:
            built = reports.build(
                report_store(turn),
                self.render,
                turn.member,
                plan_code=choice.plan_code,
                unit_id=choice.unit_id,
                now=turn.now,
                period=choice.period_code,
                deadline_code=choice.deadline_code,
            )  # in Vietnamese whatever the chat's language: an official document (NĐ 30)
        except Refused as refused:
            turn.say_refused(refused)
            return Go(OUT)
        row, data = built.row, built.data
        caption = turn.t(
            "report_desk_ready",
            title=data.deadline_title,
            unit=data.heading.unit_name,
            due=f"{data.due:%d/%m/%Y}",
            starts=f"{data.span.starts:%d/%m/%Y}",
            ends=f"{data.span.as_of:%d/%m/%Y}",
        )
        if row.document_id is not None:
            show_document(turn, row.document_id, caption)
        if row.annex_id is not None:
            show_document(turn, row.annex_id, turn.t("report_draft_annex"))
        return Go(OUT)


def pick_lost(turn: Turn, answering: bool) -> Move:
    if answering:
        turn.say("report_desk_none")
    return Go(OUT)


__all__ = ["ReportDeskFlow"]
