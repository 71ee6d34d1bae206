"""The front desk: every message goes to the right place — a command, a menu tap, or the flow
under way (the engine runs flows and desks; the commands table says what each command does)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from campaign.areas import DEFAULT_AREAS, PRIMARY_AREAS, SEALED_KEYS, ContentArea
from campaign.codes import looks_like_invite_code
from campaign.collation import vietnamese_key
from campaign.commendations import form_label
from campaign.localized import LANGUAGES
from campaign.normalize import fold
from campaign.recognition import level_label
from handlers.asking import BaseFlow, Prompt, Turn, choice_refusal, file_requests, resolve, stale
from handlers.broadcast import BroadcastFlow
from handlers.channels import capabilities
from handlers.commands import ANYONE, Command, CommandTable
from handlers.commendation_desk import CommendationFlow
from handlers.deliverables import DeliverableFlow
from handlers.edit import EditFlow
from handlers.engine import Engine
from handlers.entry_flow import EntryFlow
from handlers.facts_desk import FactsDeskFlow
from handlers.grading import GradingFlow
from handlers.messages import Outgoing
from handlers.models import ModelFlow
from handlers.moments import happened
from handlers.registration import RegistrationFlow, invite_problem
from handlers.registry_desk import UnitRegistrationFlow
from handlers.report_desk import ReportDeskFlow
from handlers.review import ReviewFlow
from handlers.target_values import TargetValueFlow
from handlers.tips import TipFlow
from services import (
    commendations,
    console_access,
    entries,
    members,
    registration,
    review,
    standings,
)
from services.ports import ConsoleStore, MemberView, RegistryStore, StandingStore
from services.refusals import Refused

LOG_OUT_WORDS = frozenset({"dangxuat", "dang xuat", "thoat", "logout", "log out"})

T = TypeVar("T")
TARGET_UNITS_SHOWN = 10
MINE_COMMENDATIONS = 5  # the newest shown in /cuatoi

MENU, MENU_OTHER = "menu", "menu_other"
OTHER, MAIN, REVIEW = "other", "main", "review"


class FrontDesk:
    def __init__(
        self,
        areas: tuple[ContentArea, ...] = DEFAULT_AREAS,
        commands: CommandTable | None = None,
        public_url: str = "",
        local_base: str = "http://127.0.0.1:8080",  # Settings.public_base without public_url
        draws_files: bool = False,  # charts, workbooks, reports: a process with a drawer
    ) -> None:
        self.commands = commands or CommandTable()
        # Where the console's one-time links point: the address the operator set; without
        # one, the web chat's own page (a relative link) or, in a messenger, this server.
        self.public_url = public_url
        self.local_base = local_base
        self.areas = areas  # the default when no plan is active for a member's unit
        self.draws_files = draws_files
        flows: list[BaseFlow] = [
            RegistrationFlow(),
            ReviewFlow(),
            TipFlow(),
            GradingFlow(draws_files),
            EditFlow(),
            BroadcastFlow(),
            DeliverableFlow(),
            ReportDeskFlow(draws_files),
            UnitRegistrationFlow(),
            CommendationFlow(),
            ModelFlow(),
            TargetValueFlow(),
            FactsDeskFlow(),
        ]
        self.engine: Engine = Engine(
            {flow.name: flow for flow in flows}, self.show_menu, for_area=EntryFlow, areas=areas
        )

    # Entry point
    def current_question(self, turn: Turn) -> None:
        """The question the chat is at (after a redelivery), without changing anything."""
        self._use_plan_areas(turn)
        if turn.state.flow and not self.engine.idle_too_long(turn):
            self._resume(turn)

    def _use_plan_areas(self, turn: Turn) -> None:
        """The menus and flows of the plan running over the member's unit today."""
        if turn.member is None:
            turn.areas = self.areas
            return
        turn.areas = entries.plan_areas(turn.store, turn.member, turn.now.date()) or self.areas

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
        if self.engine.expire(turn) and not is_command:
            # A late answer belongs to the dropped question: do not reuse it.
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
        elif state.flow:
            self.engine.handle(turn)
        elif turn.member is None:
            self._unregistered(turn, message)
        else:
            self._menu_choice(turn)

    def _free_text(self, turn: Turn, message: str) -> bool:
        """An announcement being typed may begin with a command ("/danop trước thứ Sáu…"):
        there, a command with at most one argument, or one that leaves the desk, is a command."""
        if turn.state.flow != "broadcast" or turn.state.step != "text":
            return False
        if len(message.split()) < 3:  # "/cuatoi", "/lang en": a command
            return False
        # /thongbao with its text again: the desk starts over with that text.
        command = self.commands.find(message)[0]
        return command is None or command.action not in ("cancel", "back", "menu", "broadcast")

    def _abandon(self, turn: Turn) -> None:
        """Leave the current flow for something else, saying so if answers are dropped."""
        self.engine.drop(turn)

    # Commands
    def _command(self, turn: Turn, message: str) -> None:
        command, argument, word = self.commands.find(message)
        if command is None:
            turn.say("unknown_command", command=f"/{word}"[:40])
            self._resume(turn)
            return
        if turn.member is None and command.who is not ANYONE:
            turn.say("need_registration")
            return
        area = command.area
        if area is not None and area not in {a.code for a in turn.areas}:
            # /viectot while the running plan has no good deeds: it would never score.
            turn.say("area_not_in_plan", command=f"/{word}")
            self._resume(turn)
            return
        self._run(turn, command, argument)

    def _run(self, turn: Turn, command: Command, argument: str) -> None:
        """A command (typed or its menu item), once it is known to exist for this chat."""
        if command.leaves_flow:
            self._abandon(turn)
        if not command.may_use(turn.member.role if turn.member else None):
            turn.say(command.refusal)
            self.show_menu(turn)
            return
        command.run(self, turn, argument)

    def _cancel(self, turn: Turn) -> None:
        self.engine.cancel(turn)

    def _back(self, turn: Turn) -> None:
        self.engine.back(turn)

    def _link(self, turn: Turn) -> None:
        assert turn.member is not None  # not an open command
        try:
            code = registration.link_code(turn.store, turn.member, turn.now)
        except Refused as refused:
            turn.say_refused(refused)
        else:
            turn.say("link_code", code=code)
        self._resume(turn)

    def _console(self, turn: Turn, argument: str) -> None:
        """`/quanly`: a one-time link to the web console, shown once (never kept in the chat's
        history or queued); `/quanly dangxuat` ends every console session of the member."""
        assert turn.member is not None
        store = turn.store
        if not isinstance(store, ConsoleStore):
            raise TypeError("the console needs a ConsoleStore")
        if fold(argument) in LOG_OUT_WORDS:
            ended = console_access.end_all(store, turn.member, "chat", turn.now)
            turn.say("console_ended", count=ended)
            self._resume(turn)
            return
        try:
            token = console_access.issue_link(store, turn.member, "chat", turn.now)
        except Refused as refused:
            turn.say_refused(refused)
        else:
            base = self.public_url
            own_page = capabilities(turn.incoming.channel)
            if not base and (own_page is None or not own_page.mailbox):
                base = self.local_base  # a messenger needs a whole address
            link = f"{base}/quanly/vao#t={token}"
            minutes = int(console_access.LINK_LIFETIME.total_seconds() // 60)
            turn.replies.append(
                Outgoing(text=turn.t("console_link", link=link, minutes=minutes), ephemeral=True)
            )
        self._resume(turn)

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
        role = turn.member.role if turn.member else None
        turn.replies.append(Outgoing(text=self.commands.help(turn.lang, role)))
        self._resume(turn)

    def _resume(self, turn: Turn) -> None:
        """After a side command, show again what the person was answering (or the menu)."""
        self.engine.reprompt(turn)

    def _nudges(self, turn: Turn, argument: str) -> None:
        assert turn.member is not None  # not an open command
        wanted = {"tat": False, "off": False, "bat": True, "on": True}.get(fold(argument))
        if wanted is None:
            turn.say("nudges_usage")
        else:
            members.set_nudges(turn.store, turn.member, wanted)
            turn.say("nudges_on" if wanted else "nudges_off")
        self._resume(turn)

    def _language(self, turn: Turn, argument: str) -> None:
        try:
            language = members.offered_language(argument.lower())
        except Refused:  # the chat says how to choose instead
            offered = turn.t("lang_or").join(f"/lang {code}" for code in LANGUAGES)
            turn.say("lang_usage", choices=offered)
            return
        turn.state.language = language
        if turn.member is not None:
            members.set_language(turn.store, turn.member, language)
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
        member = turn.member
        assert member is not None  # menus are for members
        items = self.commands.menu_items(member.role, {a.code for a in turn.areas})
        entries = [(area, self._menu_label_of(turn, c)) for c in items if (area := c.area)]
        more = [(OTHER, turn.t("menu_other_areas"))] if others else []
        rest = [(c.action, self._menu_label_of(turn, c)) for c in items if not c.area]
        return Prompt(turn.t("menu"), (*entries, *more, *rest))

    @staticmethod
    def _menu_label_of(turn: Turn, command: Command) -> str:
        assert command.menu_label is not None and turn.member is not None
        area = command.area
        if area is not None:  # one message, its variant chosen by the area
            return turn.t(command.menu_label, area=area)
        if command.action == REVIEW:  # the label counts what waits for this reviewer
            waiting = review.waiting(turn.store, turn.member)
            return turn.t(command.menu_label, count=waiting)
        return turn.t(command.menu_label)

    def show_menu(self, turn: Turn, which: str = MENU) -> None:
        if turn.member is None:
            return
        self._use_plan_areas(turn)  # the member may have registered during this turn
        rendered = self.engine.ask(turn, which, self._menu_prompt(turn, which))
        turn.replies.append(replace(rendered, menu=which == MENU))

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
        elif choice in self.commands.by_action:
            self._run(turn, self.commands.by_action[choice], "")
        else:  # a content area: its own item or one under "Other areas"
            self.engine.start(turn, f"entry:{choice}")

    def _today_or_menu(
        self, turn: Turn, report: Callable[[StandingStore, MemberView, date], T]
    ) -> T | None:
        """The member's report of today; None when refused, the reason said, the menu shown."""
        assert turn.member is not None
        try:
            return report(turn.store, turn.member, turn.now.date())
        except Refused as refused:
            turn.say_refused(refused)
            self.show_menu(turn)
            return None

    def _standings(self, turn: Turn) -> None:
        assert turn.member is not None
        board = self._today_or_menu(turn, standings.ranking)
        if board is None:
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
        if turn.member.role.is_commander and self.draws_files:
            chat = (turn.incoming.channel, turn.incoming.chat_id)
            standings.ask_files(
                file_requests(turn), turn.member, turn.lang, chat=chat, now=turn.now
            )
            turn.say("drawing_charts")  # the chart and workbook follow, drawn off the turn
        self.show_menu(turn)

    def _targets(self, turn: Turn) -> None:
        report = self._today_or_menu(turn, standings.targets)
        if report is None:
            return
        turn.replies.append(
            Outgoing(text=turn.t("targets_header", plan=report.plan_name.get(turn.lang)))
        )
        # One message a target (a long list splits between targets, never inside one); on a
        # phone's screen ten units a target, the rest summed up.
        for view in report.targets:
            lines = standings.target_lines(view, turn.lang, limit=TARGET_UNITS_SHOWN)
            turn.replies.append(Outgoing(text="\n".join(lines)))
        self.show_menu(turn)

    # My entries
    def _mine(self, turn: Turn) -> None:
        member = turn.member
        assert member is not None
        mine = entries.my_entries(turn.store, member, turn.now)
        recent = mine.recent
        names = {a.code: a.name.get(turn.lang) for a in (*self.areas, *turn.areas)}
        if not recent:
            lines = [turn.t("mine_empty")]
        else:
            lines = [turn.t("mine_header", count=len(recent))]
            for entry in recent:
                status = turn.t("status", status=entry.status)
                if entry.credited:
                    status = f"{status} ({turn.t('credited')})"
                when = happened(turn, entry.content_area, entry.details, entry.occurred_at)
                lines.append(
                    f"• {entry.reference} — {names.get(entry.content_area, entry.content_area)}"
                    f" — {when} — {status}"
                )
        # The month the entries happened in (what a member counts), in the bot's zone.
        counts = mine.month_counts
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
        lines += commended(turn, member)
        if recent:
            lines.append(turn.t("mine_edit_hint"))
        turn.replies.append(Outgoing(text="\n".join(lines)))
        self.show_menu(turn)


def commended(turn: Turn, member: MemberView) -> list[str]:
    """The member's commendations granted, newest first (a store without the registry, as the
    engine's fakes, keeps none)."""
    if not isinstance(turn.store, RegistryStore):
        return []
    granted = commendations.of_member(turn.store, member)
    if not granted:
        return []
    return [turn.t("mine_commendations", count=len(granted))] + [
        turn.t(
            "mine_commendation",
            form=form_label(c.form, turn.lang),
            level=level_label(c.level, turn.lang),
            day=f"{c.decided_on:%d/%m/%Y}",
            reason=c.reason or "—",
        )
        for c in granted[:MINE_COMMENDATIONS]
    ]
