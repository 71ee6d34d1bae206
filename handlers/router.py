"""Commands, menus and the dispatch of each message to the right flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Protocol, runtime_checkable

from campaign.areas import DEFAULT_AREAS, PRIMARY_AREAS, SEALED_KEYS, ContentArea
from campaign.codes import looks_like_invite_code
from campaign.collation import vietnamese_key
from campaign.normalize import fold
from campaign.roles import Role
from campaign.text import LANGUAGES, Language
from handlers.broadcast import SENDERS, BroadcastDesk
from handlers.deliverables import DeliverableDesk
from handlers.edit import EditDesk
from handlers.engine import Engine, Flow, Prompt, Turn, choice_refusal, render, resolve, stale
from handlers.entry_flow import EntryFlow
from handlers.grading import GradingDesk
from handlers.messages import Outgoing
from handlers.moments import happened
from handlers.ports import EXPIRED_MARK, Ranking, Renderer
from handlers.registration import RegistrationFlow, invite_problem
from handlers.review import ReviewDesk
from handlers.tips import TipDesk

MENU, MENU_OTHER = "menu", "menu_other"
MINE, HELP, OTHER, MAIN, REVIEW, TIPS = "mine", "help", "other", "main", "review", "tips"
STANDINGS, TARGETS, GRADING = "standings", "targets", "grading"
BROADCAST = "broadcast"
# What /huy says in a desk: nothing changed, rather than "decisions made are kept".
CLOSED_SAYS = {
    "edit": "edit_unchanged",
    "deliverable": "cancelled",
}

# Command words, Vietnamese first; English aliases map to the same action.
COMMANDS: dict[str, str] = {
    "start": "start",
    "batdau": "start",
    "help": "help",
    "trogiup": "help",
    "huongdan": "help",
    "menu": "menu",
    "huy": "cancel",
    "cancel": "cancel",
    "quaylai": "back",
    "back": "back",
    "lang": "lang",
    "ngonngu": "lang",
    "baotin": "entry:tip",
    "tip": "entry:tip",
    "tuantra": "entry:patrol",
    "patrol": "entry:patrol",
    "viectot": "entry:good_deed",
    "gooddeed": "entry:good_deed",
    "sua": "edit",
    "edit": "edit",
    "cuatoi": "mine",
    "mine": "mine",
    "lienket": "link",
    "link": "link",
    "duyet": "review",
    "review": "review",
    "nguontin": "tips",
    "tips": "tips",
    "bangxephang": "standings",
    "standings": "standings",
    "nhacnho": "nudges",
    "nudges": "nudges",
    "danop": "deliverable",
    "submitted": "deliverable",
    "xeploai": "grading",
    "grading": "grading",
    "chitieu": "targets",
    "targets": "targets",
    "thongbao": "broadcast",
    "phatthanh": "broadcast",
    "broadcast": "broadcast",
}
# What an unregistered person may use.
OPEN_COMMANDS = {"start", "help", "lang", "cancel", "back"}


class Desk(Protocol):
    def handle(self, turn: Turn) -> None: ...

    def reprompt(self, turn: Turn) -> None: ...


@runtime_checkable
class SteppedDesk(Desk, Protocol):
    """A desk of steps with a draft (the broadcast): /quaylai goes a step back, and leaving it
    for something else says the draft is dropped."""

    def back(self, turn: Turn) -> None: ...

    def dropped_says(self, turn: Turn) -> str | None:
        """What to say when the desk is left for something else (a draft is dropped)."""
        ...

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        """What /huy says at the current step (a text key and its values)."""
        ...


class Router:
    def __init__(
        self, areas: tuple[ContentArea, ...] = DEFAULT_AREAS, renderer: Renderer | None = None
    ) -> None:
        self.areas = areas  # the default when no plan is active for a member's unit
        self.renderer = renderer
        flows: dict[str, Flow] = {"register": RegistrationFlow()}
        flows.update({f"entry:{a.code}": EntryFlow(a) for a in areas})
        self.engine = Engine(flows, on_idle=self.show_menu)
        self.review = ReviewDesk(on_leave=self.show_menu)
        self.tips = TipDesk(on_leave=self.show_menu)
        self.edit = EditDesk(on_leave=self.show_menu)
        self.grading = GradingDesk(on_leave=self.show_menu, renderer=renderer)
        self.deliverables = DeliverableDesk(on_leave=self.show_menu)
        self.broadcast = BroadcastDesk(on_leave=self.show_menu)
        # Flows that are not step lists (the engine does not run them), by their state name.
        self.desks: dict[str, Desk] = {
            "review": self.review,
            "tips": self.tips,
            "edit": self.edit,
            "grading": self.grading,
            "deliverable": self.deliverables,
            "broadcast": self.broadcast,
        }

    # Entry point
    def current_question(self, turn: Turn) -> None:
        """The question the chat is at (after a redelivery), without changing anything."""
        self._use_plan_areas(turn)
        if turn.state.flow and not self._expired(turn):
            self._resume(turn)

    def _use_plan_areas(self, turn: Turn) -> None:
        """The menus and flows of the plan running over the member's unit today."""
        if turn.member is None:
            turn.areas = self.areas
            return
        turn.areas = turn.store.plan_areas(turn.member.unit_id, turn.now.date()) or self.areas
        for area in turn.areas:
            if f"entry:{area.code}" not in self.engine.flows:
                self.engine.flows[f"entry:{area.code}"] = EntryFlow(area)

    def handle(self, turn: Turn) -> None:
        self._use_plan_areas(turn)
        state = turn.state
        message = (turn.incoming.text or "").strip()
        is_command = (
            message.startswith("/")
            and turn.incoming.choice is None
            and not self._free_text(turn, message)
        )
        if state.step in SEALED_KEYS:
            # Whatever comes at an informant's question is kept by no history: a late answer
            # after the timeout, a slip that starts with "/", a command.
            turn.conceal_input = True
        expired_by_clock = state.flow is None and EXPIRED_MARK in state.data
        if expired_by_clock or (state.flow and self._expired(turn)):
            # Dropped now, or already by the housekeeping job (which left only a mark).
            minutes = state.data.get(EXPIRED_MARK, turn.flow_timeout.total_seconds() // 60)
            self.engine.stop(turn)
            turn.say("expired", minutes=int(minutes))
            if not is_command:  # a late answer belongs to the dropped question: do not reuse it
                self._idle(turn)
                return
        if turn.incoming.problem:
            turn.say(turn.incoming.problem)
            self._resume(turn)
        elif is_command:
            self._command(turn, message)
        elif state.flow and turn.member is not None and self._menu_label(turn, message):
            # A tap on a persistent menu keyboard while answering: leave the flow for that item.
            self._abandon(turn)
            self._menu_choice(turn)
        elif state.flow in self.desks:
            self.desks[state.flow].handle(turn)
        elif state.flow:
            self.engine.handle(turn)
        elif turn.member is None:
            self._unregistered(turn, message)
        else:
            self._menu_choice(turn)

    def _expired(self, turn: Turn) -> bool:
        updated = turn.state.updated_at
        return updated is not None and turn.now - updated > turn.flow_timeout

    def _free_text(self, turn: Turn, message: str) -> bool:
        """An announcement being typed may begin with a command ("/danop trước thứ Sáu…"):
        there, a command with at most one argument, or one that leaves the desk, is a command."""
        if turn.state.flow != "broadcast" or turn.state.step != "text":
            return False
        if len(message.split()) < 3:  # "/cuatoi", "/lang en": a command
            return False
        # /thongbao with its text again: the desk starts over with that text.
        return self._action(message)[0] not in ("cancel", "back", "menu", "broadcast")

    def _abandon(self, turn: Turn) -> None:
        """Leave the current flow for something else, saying so if answers are dropped."""
        flow = turn.state.flow
        if flow is None:
            return
        desk = self.desks.get(flow)
        if isinstance(desk, SteppedDesk):
            dropped = desk.dropped_says(turn)
        else:
            dropped = "abandoned" if flow != "register" and turn.answers else None
        self.engine.stop(turn)
        if dropped:
            turn.say(dropped)

    # Commands
    @staticmethod
    def _action(message: str) -> tuple[str | None, str, str]:
        """The command's action (None: unknown), its argument and the word typed."""
        word, _, argument = message[1:].partition(" ")
        word = fold(word.split("@", 1)[0])  # /start@bot_name in groups; /hủy typed with marks
        argument = argument.strip()
        action = COMMANDS.get(word)
        if action is None and argument:  # "/quay lại" typed with a space
            first, _, rest = argument.partition(" ")
            joined = COMMANDS.get(word + fold(first))
            if joined is not None:
                action, argument = joined, rest.strip()
        return action, argument, word

    def _command(self, turn: Turn, message: str) -> None:
        action, argument, word = self._action(message)
        if action is None:
            turn.say("unknown_command", command=f"/{word}"[:40])
            self._resume(turn)
            return
        if turn.member is None and action not in OPEN_COMMANDS:
            turn.say("need_registration")
            return
        if action == "start":
            self._start(turn, argument)
        elif action == "help":
            self._help(turn)
        elif action == "menu":
            self._abandon(turn)
            self.show_menu(turn)
        elif action == "cancel":
            desk = self.desks.get(turn.state.flow or "")
            if isinstance(desk, SteppedDesk):
                key, values = desk.cancelled_says(turn)
                self.engine.stop(turn)
                turn.say(key, **values)
            elif desk is not None:
                closed = CLOSED_SAYS.get(turn.state.flow or "", "desk_closed")
                self.engine.stop(turn)
                turn.say(closed)
            elif turn.state.flow:
                self.engine.stop(turn)
                turn.say("cancelled")
            else:
                turn.say("nothing_to_cancel")
            self._idle(turn)
        elif action == "back":
            desk = self.desks.get(turn.state.flow or "")
            if isinstance(desk, SteppedDesk):
                desk.back(turn)
            elif desk is not None:
                self._resume(turn)  # a desk of items has no previous step: the current one
            elif turn.state.flow:
                self.engine.back(turn)
            else:
                turn.say("nothing_in_progress")
                self._idle(turn)
        elif action == "lang":
            self._language(turn, argument)
        elif action == "link":
            assert turn.member is not None  # not an open command
            code = turn.store.create_link_code(turn.member, turn.now)
            turn.say("link_refused" if code is None else "link_code", code=code)
            self._resume(turn)
        elif action == "mine":
            self._abandon(turn)
            self._mine(turn)
        elif action == "review":
            self._abandon(turn)
            self._review(turn)
        elif action == "tips":
            self._abandon(turn)
            self.tips.start(turn)
        elif action == "edit":
            self._abandon(turn)
            self.edit.start(turn, argument)
        elif action == "grading":
            self._abandon(turn)
            self.grading.start(turn)
        elif action == "nudges":
            self._nudges(turn, argument)
        elif action == "deliverable":
            self._abandon(turn)
            self.deliverables.start(turn)
        elif action == "broadcast":
            self._abandon(turn)
            self.broadcast.start(turn, argument)
        elif action == "standings":
            self._abandon(turn)
            self._standings(turn)
        elif action == "targets":
            self._abandon(turn)
            self._targets(turn)
        elif action.startswith("entry:") and action[6:] not in {a.code for a in turn.areas}:
            # /viectot while the running plan has no good deeds: it would never score.
            turn.say("area_not_in_plan", command=f"/{word}")
            self._resume(turn)
        else:
            self._abandon(turn)
            self.engine.start(turn, action)

    def _start(self, turn: Turn, argument: str) -> None:
        if turn.member is not None:
            member = turn.member
            self._abandon(turn)
            turn.say(
                "already_registered",
                name=member.full_name,
                role=member.role.label(turn.lang),
                unit=member.unit_name,
            )
            self.show_menu(turn)
            return
        self._register(turn, argument)

    def _register(self, turn: Turn, typed: str) -> None:
        if not typed:
            self.engine.start(turn, "register")
            return
        invite, problem = invite_problem(turn, typed)
        if problem or invite is None:
            self.engine.start(turn, "register", prefix=problem)
            return
        self.engine.start(turn, "register", {"code": invite.code})

    def _unregistered(self, turn: Turn, message: str) -> None:
        if message and looks_like_invite_code(message):
            self._register(turn, message)
        else:
            turn.say("need_registration")

    def _help(self, turn: Turn) -> None:
        turn.say("help")
        self._resume(turn)

    def _resume(self, turn: Turn) -> None:
        """After a side command, show again what the person was answering."""
        if turn.state.flow in self.desks:
            self.desks[turn.state.flow].reprompt(turn)
        elif turn.state.flow:
            self.engine.reprompt(turn)
        else:
            self._idle(turn)

    def _nudges(self, turn: Turn, argument: str) -> None:
        assert turn.member is not None  # not an open command
        wanted = {"tat": False, "off": False, "bat": True, "on": True}.get(fold(argument))
        if wanted is None:
            turn.say("nudges_usage")
        else:
            turn.store.set_nudges(turn.member.id, wanted)
            turn.say("nudges_on" if wanted else "nudges_off")
        self._resume(turn)

    def _language(self, turn: Turn, argument: str) -> None:
        choice = argument.lower()
        if choice not in LANGUAGES:
            offered = turn.t("lang_or").join(f"/lang {code}" for code in LANGUAGES)
            turn.say("lang_usage", choices=offered)
            return
        language: Language = choice
        turn.state.language = language
        if turn.member is not None:
            turn.store.set_language(turn.member.id, language)
        turn.say("lang_set")
        self._resume(turn)

    def _idle(self, turn: Turn) -> None:
        """After a command outside a flow: members see the menu, others a registration hint."""
        if turn.member is not None:
            self.show_menu(turn)

    # Menus
    def _menu_prompt(self, turn: Turn, which: str) -> Prompt:
        others = [
            (a.code, a.name.get(turn.lang)) for a in turn.areas if a.code not in PRIMARY_AREAS
        ]
        if which == MENU_OTHER:
            return Prompt(turn.t("menu_other"), (*others, (MAIN, turn.t("menu_back"))))
        running = {a.code for a in turn.areas}
        primary = [
            (code, turn.t("menu_area", area=code)) for code in PRIMARY_AREAS if code in running
        ]
        more = [(OTHER, turn.t("menu_other_areas"))] if others else []
        desk = []
        if turn.member is not None and turn.member.role.is_commander:
            waiting = turn.store.pending_review_count(turn.member)
            desk = [(REVIEW, turn.t("menu_review", count=waiting))]
            if turn.member.role is Role.OFFICER:
                desk.append((TIPS, turn.t("menu_tips")))
                desk.append((GRADING, turn.t("menu_grading")))
            desk.append((TARGETS, turn.t("menu_targets")))
            if turn.member.role in SENDERS:
                desk.append((BROADCAST, turn.t("menu_broadcast")))
        return Prompt(
            turn.t("menu"),
            (
                *primary,
                *more,
                *desk,
                (MINE, turn.t("menu_mine")),
                (STANDINGS, turn.t("menu_standings")),
                (HELP, turn.t("menu_help")),
            ),
        )

    def show_menu(self, turn: Turn, which: str = MENU) -> None:
        if turn.member is None:
            return
        self._use_plan_areas(turn)  # the member may have registered during this turn
        turn.state.step = which
        turn.state.prompt_seq += 1
        rendered = render(turn, self._menu_prompt(turn, which))
        turn.replies.append(replace(rendered, menu=which == MENU))

    def _review(self, turn: Turn) -> None:
        assert turn.member is not None
        if not turn.member.role.is_commander:
            turn.say("review_none_for_you")
            self.show_menu(turn)
            return
        self.review.start(turn)

    def _menu_label(self, turn: Turn, message: str) -> bool:
        """Exactly a main-menu label, icon included: typed answers never look like that."""
        prompt = self._menu_prompt(turn, MENU)
        return any(message == label for _, label in prompt.options)

    def _menu_choice(self, turn: Turn) -> None:
        which = turn.state.step if turn.state.step in (MENU, MENU_OTHER) else MENU
        prompt = self._menu_prompt(turn, which)
        answer = resolve(turn, prompt)
        if answer is None:
            stale(turn, prompt)
            return
        choice = answer.choice
        if choice is None and answer.candidates:  # a part of several labels: which one?
            turn.replies.append(Outgoing(text=choice_refusal(turn, answer, len(prompt.options))))
            self.show_menu(turn, which)
        elif choice is None:
            member = turn.member
            assert member is not None
            turn.say(
                "welcome_member",
                name=member.full_name,
                role=member.role.label(turn.lang),
                unit=member.unit_name,
            )
            self.show_menu(turn, which)
        elif choice == OTHER:
            self.show_menu(turn, MENU_OTHER)
        elif choice == MAIN:
            self.show_menu(turn)
        elif choice == MINE:
            self._mine(turn)
        elif choice == REVIEW:
            self._review(turn)
        elif choice == TIPS:
            self.tips.start(turn)
        elif choice == STANDINGS:
            self._standings(turn)
        elif choice == TARGETS:
            self._targets(turn)
        elif choice == GRADING:
            self.grading.start(turn)
        elif choice == BROADCAST:
            self.broadcast.start(turn)
        elif choice == HELP:
            self._help(turn)
        else:
            self.engine.start(turn, f"entry:{choice}")

    def _standings(self, turn: Turn) -> None:
        assert turn.member is not None
        board = turn.store.ranking(turn.member, turn.now.date())
        if board is None:
            turn.say("standings_none")
            self.show_menu(turn)
            return
        phase = (
            board.phase_name.get(turn.lang) if board.phase_name else turn.t("standings_whole_plan")
        )
        lines = [
            turn.t(
                "standings_header",
                plan=board.plan_name.get(turn.lang),
                phase=phase,
                scope=board.scope_name,
            )
        ]
        if board.mine is not None:
            rank, total, points, entries = board.mine
            lines.append(
                turn.t("standings_mine", rank=rank, total=total, points=points, entries=entries)
            )
        lines.append(turn.t("standings_members"))
        lines += [
            turn.t("standings_row", rank=row.rank, name=row.name, points=row.points)
            for row in board.members[:10]
        ]
        if board.teams:
            lines.append(turn.t("standings_teams"))
            lines += [
                turn.t("standings_row", rank=row.rank, name=row.name, points=row.points)
                for row in board.teams
            ]
        lines.append(turn.t("standings_rule"))
        turn.replies.append(Outgoing(text="\n".join(lines)))
        if turn.member.role.is_commander and self.renderer is not None:
            self._standings_files(turn, board)
        self.show_menu(turn)

    def _targets(self, turn: Turn) -> None:
        member = turn.member
        assert member is not None
        report = (
            turn.store.target_report(member, turn.now.date()) if member.role.is_commander else None
        )
        if member.role.is_commander and report is not None and report.units:
            lines = [turn.t("targets_header", plan=report.plan_name.get(turn.lang))]
            for unit_name, progress in report.units:
                lines.append(f"\n{unit_name}:")
                for item in progress:
                    mark = {True: "✅", False: "❌", None: "•"}[item.met]
                    value = item.shown if item.met is not None else turn.t("targets_manual")
                    lines.append(f"{mark} {item.target.description.get(turn.lang)}: {value}")
            turn.replies.append(Outgoing(text="\n".join(lines)))
        elif not member.role.is_commander:
            turn.say("commanders_only")
        else:
            turn.say("targets_none")
        self.show_menu(turn)

    def _standings_files(self, turn: Turn, board: Ranking) -> None:
        """The chart and the workbook, for commanders."""
        assert self.renderer is not None
        chat = (turn.incoming.channel, turn.incoming.chat_id)
        stamp = turn.now.strftime("%Y%m%d")
        board = replace(board, made_at=turn.now)
        images = self.renderer.charts(board, turn.lang)
        for number, image in enumerate(images, 1):
            chart = turn.store.save_file(
                *chat, f"bang-xep-hang-{stamp}-{number}.png", "image/png", image, turn.now
            )
            caption = turn.t("standings_chart")
            if len(images) > 1:
                caption = turn.t("standings_chart_part", part=number, count=len(images))
            turn.replies.append(Outgoing(text=caption, image_url=f"/files/{chart}"))
        book = turn.store.save_file(
            *chat,
            f"bang-xep-hang-{stamp}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            self.renderer.xlsx(board, turn.lang),
            turn.now,
        )
        turn.replies.append(Outgoing(text=turn.t("standings_workbook"), file_url=f"/files/{book}"))

    # My entries
    def _mine(self, turn: Turn) -> None:
        member = turn.member
        assert member is not None
        entries = turn.store.recent_entries(member.id, 10)
        names = {a.code: a.name.get(turn.lang) for a in (*self.areas, *turn.areas)}
        if not entries:
            lines = [turn.t("mine_empty")]
        else:
            lines = [turn.t("mine_header", count=len(entries))]
            for entry in entries:
                status = turn.t("status", status=entry.status)
                if entry.credited:
                    status = f"{status} ({turn.t('credited')})"
                when = happened(turn, entry.content_area, entry.details, entry.occurred_at)
                lines.append(
                    f"• {entry.reference} — {names.get(entry.content_area, entry.content_area)}"
                    f" — {when} — {status}"
                )
        # The month the entries happened in (what a member counts), in the bot's zone.
        month_start = turn.now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        counts = turn.store.counts_between(member.id, month_start, next_month)
        month = turn.now.strftime("%m/%Y")
        if counts:
            named = sorted(
                ((names.get(code, code), n) for code, n in counts.items()),
                key=lambda pair: vietnamese_key(pair[0]),  # Vietnamese order, not the codes'
            )
            shown = ", ".join(f"{name}: {n}" for name, n in named)
            lines.append(turn.t("mine_month", month=month, counts=shown))
        else:
            lines.append(turn.t("mine_month_none", month=month))
        if entries:
            lines.append(turn.t("mine_edit_hint"))
        turn.replies.append(Outgoing(text="\n".join(lines)))
        self.show_menu(turn)
