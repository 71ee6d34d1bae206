"""The grading desk: a commune officer sees the proposed grades of the commune's teams and
members for the last assessment year, confirms them, or changes one with a reason.

States: "board" (the grades; confirm, export, propose afresh) -> "which" (the number of the
line to change) -> "grade" (data: line) -> "reason" (data: line, grade) -> "board".
"""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

from campaign.normalize import small_number
from handlers.asking import (
    Answer,
    Prompt,
    Turn,
    choice_refusal,
    file_requests,
    resolve,
    tapped_before,
)
from handlers.states import OUT, REFUSED, STALE, Go, Move, State, StateFlow, Stay
from handlers.steps import typed_reason
from services import grading
from services.ports import GradeLine, GradingBoard
from services.refusals import Refused

CONFIRM, CHANGE, FRESH, EXPORT, LEAVE, BACK = "confirm", "change", "fresh", "xlsx", "leave", "back"


class GradingFlow(StateFlow):
    name = "grading"
    first = "board"

    def __init__(self, draws_files: bool) -> None:
        self.draws_files = draws_files  # the workbook is offered only where it can be made
        self.states = MappingProxyType(
            {
                "board": State(
                    self.ask_board, self.on_board, goes=("board", "which", OUT), lost=gone
                ),
                "which": State(ask_which, on_which, goes=("board", "grade"), typed=True, lost=gone),
                "grade": State(ask_grade, on_grade, goes=("board", "reason"), lost=grade_lost),
                "reason": State(ask_reason, on_reason, goes=("board",), typed=True, lost=gone),
            }
        )

    def begin(self, turn: Turn, argument: str) -> Move:
        assert turn.member is not None
        try:
            grading.board(turn.store, turn.member, turn.now)
        except Refused as refused:
            turn.say_refused(refused)
            return REFUSED
        return Go("board")

    # "board": the commune's proposed grades, and what the officer does with them
    def ask_board(self, turn: Turn) -> Prompt | None:
        board = the_board(turn)
        return None if board is None else self.board_card(turn, board)

    def on_board(self, turn: Turn, answer: Answer) -> Move:
        if answer.choice == CONFIRM:
            assert turn.member is not None
            count = grading.confirm(turn.store, turn.member, turn.now)
            turn.say("grading_confirmed", count=count)
            return Go("board")
        if answer.choice == CHANGE:
            return Go("which")
        if answer.choice == FRESH:
            the_board(turn, fresh=True)  # proposed again and kept: the board shows them
            return Go("board")
        if answer.choice == EXPORT:
            self.export(turn)
            return Go("board")
        if answer.choice == LEAVE:
            return Go(OUT)
        card = self.board_card(turn, board_now(turn))
        return Stay(choice_refusal(turn, answer, len(card.options)))

    def board_card(self, turn: Turn, board: GradingBoard) -> Prompt:
        text = turn.t(
            "grading_title",
            commune=board.commune_name,
            start=f"{board.year_start:%d/%m/%Y}",
            end=f"{board.year_end:%d/%m/%Y}",
        )
        lines = [text, board.guide_name.get(turn.lang)]
        counts = Counter(line.final or line.proposed for line in board.lines)
        summary = ", ".join(
            f"{name.get(turn.lang)}: {counts[code]}" for code, name in board.grade_names
        )
        lines.append(turn.t("grading_summary", summary=summary, ungraded=counts[None]))
        in_order = numbered(board)
        for kind, heading in (("team", "grading_teams"), ("member", "grading_members")):
            rows = [(n, x) for n, x in enumerate(in_order, 1) if x.kind == kind]
            if rows:
                lines.append(turn.t(heading))
                lines += [self.row(turn, board, n, x) for n, x in rows]
        lines.append(
            turn.t("grading_state_confirmed") if board.confirmed else turn.t("grading_state_open")
        )
        # Changing one line comes first: on Zalo a typed "1" picks the first option.
        options = [(CHANGE, turn.t("grading_change"))]
        if self.draws_files:
            options.append((EXPORT, turn.t("grading_export")))
        if not any(line.final for line in board.lines):
            options.append((FRESH, turn.t("grading_fresh")))
        if not board.confirmed:
            options.append((CONFIRM, turn.t("grading_confirm")))
        options.append((LEAVE, turn.t("menu_back")))
        # Confirming is final: "xác nhận" typed alone must not confirm every grade.
        return Prompt("\n".join(lines), tuple(options), whole_only=frozenset({CONFIRM}))

    def row(self, turn: Turn, board: GradingBoard, number: int, line: GradeLine) -> str:
        share = f"{line.share:.0%}" if line.share is not None else "—"
        where = f" ({line.team_name})" if line.team_name else ""
        if line.proposed is None:
            shown = turn.t("grade_note_under_months", months=board.minimum_months)
        else:
            shown = grade_name(turn, board, line.final or line.proposed)
            notes = [
                turn.t(
                    "grade_note",
                    note=note,
                    months=board.minimum_months,
                    share=f"{board.top_share:.0%}",
                )
                for note in line.notes
            ]
            if line.final and line.final != line.proposed:
                notes.append(turn.t("grading_was", grade=grade_name(turn, board, line.proposed)))
            if notes:
                shown += f" ({'; '.join(notes)})"
        return f"{number}. {line.name}{where} — {line.done}/{line.tasks} ({share}) — {shown}"

    def export(self, turn: Turn) -> None:
        """Ask for the workbook: drawn once the turn commits, sent when ready."""
        assert self.draws_files and turn.member is not None
        chat = (turn.incoming.channel, turn.incoming.chat_id)
        try:
            grading.ask_workbook(
                file_requests(turn), turn.member, turn.lang, chat=chat, now=turn.now
            )
        except Refused as refused:
            turn.say_refused(refused)
            return
        turn.say("drawing_workbook")


def gone(turn: Turn, answering: bool) -> Move:
    return Go(OUT)  # the guide was removed meanwhile


# "which": the number of the line to change
def ask_which(turn: Turn) -> Prompt | None:
    board = the_board(turn)
    if board is None:
        return None
    return Prompt(
        turn.t("grading_which", count=len(numbered(board))), ((BACK, turn.t("grading_back")),)
    )


def on_which(turn: Turn, answer: Answer) -> Move:
    board = board_now(turn)
    number = small_number((turn.incoming.text or "").strip())
    if turn.incoming.choice is None and number is not None:
        lines = numbered(board)
        if not 1 <= number <= len(lines):
            return Stay(turn.t("grading_no_such", count=len(lines)))
        if lines[number - 1].proposed is None:
            return Stay(turn.t("grading_not_graded", months=board.minimum_months))
        turn.state.data = {"line": lines[number - 1].id}
        return Go("grade")
    prompt = ask_which(turn)
    assert prompt is not None
    chosen = resolve(turn, prompt)  # typed: a number is a line here, not an option
    if chosen is None:
        return STALE
    if chosen.choice == BACK:
        return Go("board")
    return Stay(turn.t("grading_no_such", count=len(numbered(board))))


# "grade": the grade for that line (data: line)
def ask_grade(turn: Turn) -> Prompt | None:
    board = the_board(turn)
    line = None if board is None else the_line(turn, board)
    if board is None or line is None:
        return None
    current = grade_name(turn, board, line.final or line.proposed or "")
    return Prompt(
        turn.t("grading_pick", name=line.name, grade=current),
        (
            *((code, name.get(turn.lang)) for code, name in board.grade_names),
            (BACK, turn.t("grading_back")),
        ),
    )


def on_grade(turn: Turn, answer: Answer) -> Move:
    board = board_now(turn)
    if answer.choice == BACK:
        return Go("board")
    if answer.choice in {code for code, _ in board.grade_names}:
        turn.state.data["grade"] = answer.choice
        return Go("reason")
    return Stay(choice_refusal(turn, answer, len(board.grade_names) + 1))


def grade_lost(turn: Turn, answering: bool) -> Move:
    return Go("board") if the_board(turn) is not None else Go(OUT)


# "reason": why the grade is changed (data: line, grade)
def ask_reason(turn: Turn) -> Prompt | None:
    return None if the_board(turn) is None else Prompt(turn.t("grading_ask_reason"))


def on_reason(turn: Turn, answer: Answer) -> Move:
    tapped = tapped_before(turn)
    if tapped is not None and tapped == turn.state.data.get("grade"):  # tapped twice: one tap
        return STALE
    typed = typed_reason(turn, minimum=grading.SHORTEST_REASON)
    if typed is None:
        return Stay()
    assert turn.member is not None
    line_id = int(turn.state.data.get("line", 0))
    grade = str(turn.state.data.get("grade", ""))
    try:
        changed = grading.change(turn.store, turn.member, line_id, grade, typed, turn.now)
    except Refused as refused:
        turn.say_refused(refused)
    else:
        shown = grade_name(turn, changed.board, changed.grade)
        turn.say("grading_changed", name=changed.line.name, grade=shown)
    turn.state.data = {}
    return Go("board")


# Lookups
def the_board(turn: Turn, *, fresh: bool = False) -> GradingBoard | None:
    """The board, or None when the guide (or the officer's commune) is gone meanwhile."""
    assert turn.member is not None
    try:
        return grading.board(turn.store, turn.member, turn.now, fresh=fresh)
    except Refused:
        return None


def board_now(turn: Turn) -> GradingBoard:
    """The board, which the engine just found when it asked."""
    board = the_board(turn)
    assert board is not None
    return board


def the_line(turn: Turn, board: GradingBoard) -> GradeLine | None:
    line_id = turn.state.data.get("line")
    return next((x for x in board.lines if x.id == line_id), None)


def numbered(board: GradingBoard) -> list[GradeLine]:
    """Teams first, then members: the numbers the officer types."""
    return [x for x in board.lines if x.kind == "team"] + [
        x for x in board.lines if x.kind == "member"
    ]


def grade_name(turn: Turn, board: GradingBoard, code: str) -> str:
    return next((n.get(turn.lang) for c, n in board.grade_names if c == code), code or "—")
