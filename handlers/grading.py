"""The grading desk: a commune officer sees the proposed grades of the commune's teams and
members for the last assessment year, confirms them, or changes one with a reason.

State: flow "grading"; step "board", "which" (the number of the line to change), "grade"
(data: line), "reason" (data: line, grade).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from campaign.normalize import small_number
from campaign.roles import Role
from handlers.engine import Prompt, Turn, choice_refusal, leave_desk, render, resolve, stale
from handlers.messages import Outgoing
from handlers.ports import GradeLine, GradingBoard, Renderer
from handlers.steps import typed_reason

CONFIRM, CHANGE, FRESH, EXPORT, LEAVE, BACK = "confirm", "change", "fresh", "xlsx", "leave", "back"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class GradingDesk:
    def __init__(self, on_leave: Callable[[Turn], None], renderer: Renderer | None) -> None:
        self.on_leave = on_leave  # shows the main menu
        self.renderer = renderer

    def start(self, turn: Turn) -> None:
        member = turn.member
        assert member is not None
        if member.role not in (Role.OFFICER, Role.ADMIN):
            turn.say("grading_officers_only")
            self.on_leave(turn)
            return
        board = self._board(turn)
        if board is None:
            turn.say("grading_no_guide")
            self.on_leave(turn)
            return
        turn.state.flow = "grading"
        turn.state.data = {}
        self._show(turn, board)

    def handle(self, turn: Turn) -> None:
        step = turn.state.step
        board = self._board(turn)
        if board is None:  # the guide was removed meanwhile
            leave_desk(turn, self.on_leave)
            return
        if step == "which":
            self._which(turn, board)
        elif step == "grade":
            self._grade(turn, board)
        elif step == "reason":
            self._reason(turn, board)
        else:
            self._on_board(turn, board)

    def reprompt(self, turn: Turn) -> None:
        board = self._board(turn)
        if board is None:
            leave_desk(turn, self.on_leave)
            return
        step = turn.state.step
        if step == "which":
            turn.replies.append(render(turn, self._which_prompt(turn, board)))
        elif step == "grade" and (line := self._line(turn, board)) is not None:
            turn.replies.append(render(turn, self._grade_prompt(turn, board, line)))
        elif step == "reason":
            turn.say("grading_ask_reason")
        else:
            self._show(turn, board)

    # Steps
    def _on_board(self, turn: Turn, board: GradingBoard) -> None:
        prompt = self._board_prompt(turn, board)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice == CONFIRM:
            assert turn.member is not None
            count = turn.store.confirm_grades(turn.member, turn.now.date(), turn.now)
            turn.say("grading_confirmed", count=count)
            self._show(turn, self._board(turn) or board)
        elif answer.choice == CHANGE:
            self._enter(turn, "which", self._which_prompt(turn, board))
        elif answer.choice == FRESH:
            self._show(turn, self._board(turn, fresh=True) or board)
        elif answer.choice == EXPORT:
            self._export(turn, board)
            self._enter(turn, "board", prompt)
        elif answer.choice == LEAVE:
            leave_desk(turn, self.on_leave)
        else:
            turn.replies.append(
                render(turn, prompt, prefix=choice_refusal(turn, answer, len(prompt.options)))
            )

    def _which(self, turn: Turn, board: GradingBoard) -> None:
        prompt = self._which_prompt(turn, board)
        number = small_number((turn.incoming.text or "").strip())
        if turn.incoming.choice is None and number is not None:
            lines = _numbered(board)
            if not 1 <= number <= len(lines):
                turn.replies.append(
                    render(turn, prompt, prefix=turn.t("grading_no_such", count=len(lines)))
                )
                return
            line = lines[number - 1]
            if line.proposed is None:
                turn.replies.append(
                    render(
                        turn,
                        prompt,
                        prefix=turn.t("grading_not_graded", months=board.minimum_months),
                    )
                )
                return
            turn.state.data = {"line": line.id}
            self._enter(turn, "grade", self._grade_prompt(turn, board, line))
            return
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice == BACK:
            self._show(turn, board)
        else:
            turn.replies.append(
                render(turn, prompt, prefix=turn.t("grading_no_such", count=len(_numbered(board))))
            )

    def _grade(self, turn: Turn, board: GradingBoard) -> None:
        line = self._line(turn, board)
        if line is None:
            self._show(turn, board)
            return
        prompt = self._grade_prompt(turn, board, line)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
        elif answer.choice == BACK:
            self._show(turn, board)
        elif answer.choice in {code for code, _ in board.grade_names}:
            turn.state.data["grade"] = answer.choice
            turn.state.step = "reason"
            turn.state.prompt_seq += 1
            turn.say("grading_ask_reason")
        else:
            turn.replies.append(
                render(turn, prompt, prefix=choice_refusal(turn, answer, len(prompt.options)))
            )

    def _reason(self, turn: Turn, board: GradingBoard) -> None:
        typed = typed_reason(turn, minimum=3)
        if typed is None:
            turn.say("grading_ask_reason")
            return
        assert turn.member is not None
        line_id = int(turn.state.data.get("line", 0))
        grade = str(turn.state.data.get("grade", ""))
        if turn.store.change_grade(turn.member, line_id, grade, typed, turn.now):
            line = next((x for x in board.lines if x.id == line_id), None)
            turn.say(
                "grading_changed",
                name=line.name if line else "",
                grade=_grade_name(turn, board, grade),
            )
        else:
            turn.say("grading_not_changed")
        turn.state.data = {}
        self._show(turn, self._board(turn) or board)

    # Showing
    def _show(self, turn: Turn, board: GradingBoard) -> None:
        self._enter(turn, "board", self._board_prompt(turn, board))

    def _enter(self, turn: Turn, step: str, prompt: Prompt) -> None:
        turn.state.step = step
        turn.state.prompt_seq += 1
        turn.replies.append(render(turn, prompt))

    def _board_prompt(self, turn: Turn, board: GradingBoard) -> Prompt:
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
        numbered = _numbered(board)
        for kind, heading in (("team", "grading_teams"), ("member", "grading_members")):
            rows = [(n, x) for n, x in enumerate(numbered, 1) if x.kind == kind]
            if rows:
                lines.append(turn.t(heading))
                lines += [self._row(turn, board, n, x) for n, x in rows]
        lines.append(
            turn.t("grading_state_confirmed") if board.confirmed else turn.t("grading_state_open")
        )
        # Changing one line comes first: on Zalo a typed "1" picks the first option.
        options = [(CHANGE, turn.t("grading_change"))]
        if self.renderer is not None:
            options.append((EXPORT, turn.t("grading_export")))
        if not any(line.final for line in board.lines):
            options.append((FRESH, turn.t("grading_fresh")))
        if not board.confirmed:
            options.append((CONFIRM, turn.t("grading_confirm")))
        options.append((LEAVE, turn.t("menu_back")))
        # Confirming is final: "xác nhận" typed alone must not confirm every grade.
        return Prompt("\n".join(lines), tuple(options), whole_only=frozenset({CONFIRM}))

    def _row(self, turn: Turn, board: GradingBoard, number: int, line: GradeLine) -> str:
        share = f"{line.share:.0%}" if line.share is not None else "—"
        where = f" ({line.team_name})" if line.team_name else ""
        if line.proposed is None:
            shown = turn.t("grade_note_under_months", months=board.minimum_months)
        else:
            shown = _grade_name(turn, board, line.final or line.proposed)
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
                notes.append(turn.t("grading_was", grade=_grade_name(turn, board, line.proposed)))
            if notes:
                shown += f" ({'; '.join(notes)})"
        return f"{number}. {line.name}{where} — {line.done}/{line.tasks} ({share}) — {shown}"

    def _which_prompt(self, turn: Turn, board: GradingBoard) -> Prompt:
        return Prompt(
            turn.t("grading_which", count=len(_numbered(board))),
            ((BACK, turn.t("grading_back")),),
        )

    def _grade_prompt(self, turn: Turn, board: GradingBoard, line: GradeLine) -> Prompt:
        current = _grade_name(turn, board, line.final or line.proposed or "")
        return Prompt(
            turn.t("grading_pick", name=line.name, grade=current),
            (
                *((code, name.get(turn.lang)) for code, name in board.grade_names),
                (BACK, turn.t("grading_back")),
            ),
        )

    def _export(self, turn: Turn, board: GradingBoard) -> None:
        assert self.renderer is not None
        token = turn.store.save_file(
            turn.incoming.channel,
            turn.incoming.chat_id,
            f"xep-loai-{board.year_start:%Y}-{board.year_end:%Y}.xlsx",
            XLSX,
            self.renderer.grades_xlsx(replace(board, made_at=turn.now), turn.lang),
            turn.now,
        )
        turn.replies.append(Outgoing(text=turn.t("grading_workbook"), file_url=f"/files/{token}"))

    # Lookups
    def _board(self, turn: Turn, *, fresh: bool = False) -> GradingBoard | None:
        assert turn.member is not None
        return turn.store.grading_board(turn.member, turn.now.date(), turn.now, fresh=fresh)

    def _line(self, turn: Turn, board: GradingBoard) -> GradeLine | None:
        line_id = turn.state.data.get("line")
        return next((x for x in board.lines if x.id == line_id), None)


def _numbered(board: GradingBoard) -> list[GradeLine]:
    """Teams first, then members: the numbers the officer types."""
    return [x for x in board.lines if x.kind == "team"] + [
        x for x in board.lines if x.kind == "member"
    ]


def _grade_name(turn: Turn, board: GradingBoard, code: str) -> str:
    return next((n.get(turn.lang) for c, n in board.grade_names if c == code), code or "—")
