"""Every chat command, declared once: its words in each language, who may use it, whether the
messenger's menu lists it, its help line and what it runs.

/help, the word lookup, who may use what, the main menu's command items, Telegram's command
menus and the README's table are all read from `COMMANDS`. `python -m handlers.commands`
prints the README's table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from campaign.catalogs import languages, text
from campaign.localized import Language
from campaign.normalize import fold
from campaign.roles import Role
from services.broadcasts import SENDERS

if TYPE_CHECKING:  # the front desk runs the commands; this module only names what each one runs
    from handlers.asking import Turn
    from handlers.front_desk import FrontDesk

# Who may use a command: a set of roles, or ANYONE (registered or not).
Audience = frozenset[Role] | None
ANYONE: Audience = None
MEMBERS: Audience = frozenset(Role)
COMMANDERS: Audience = frozenset(role for role in Role if role.is_commander)
OFFICERS: Audience = frozenset({Role.OFFICER})
POLICE: Audience = frozenset({Role.OFFICER, Role.ADMIN})
BROADCASTERS: Audience = frozenset(SENDERS)

Run = Callable[["FrontDesk", "Turn", str], None]  # the front desk, the turn, the argument typed


@dataclass(frozen=True)
class Command:
    action: str  # what the front desk runs; a main-menu item's id too
    words: Mapping[Language, tuple[str, ...]]  # the first is the one shown; vi when missing
    help: str  # text key of its help line (also Telegram's description)
    run: Run
    who: Audience = MEMBERS
    refusal: str = "commanders_only"  # text key said to a member outside `who`
    menu_label: str | None = None  # text key of its item in the chat's main menu
    in_messenger_menu: bool = True  # listed in Telegram's command menu
    hint: str | None = None  # text key of its argument, shown after the word
    leaves_flow: bool = True  # leaves what the person was answering (else asks it again)
    doc: str = ""  # the README's longer English description (the help line when empty)
    # The content area it logs an entry in (`entry:<area>`), else None; worked out once, as
    # the menus ask it of every item at every message.
    area: str | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.action.startswith("entry:"):
            object.__setattr__(self, "area", self.action.removeprefix("entry:"))

    def word(self, language: Language) -> str:
        return (self.words.get(language) or self.words["vi"])[0]

    def all_words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for words in self.words.values() for w in words))

    def may_use(self, role: Role | None) -> bool:
        if self.who is None:  # ANYONE
            return True
        return role is not None and role in self.who

    def usage(self, language: Language) -> str:
        """`/word` and its argument hint, as help shows it."""
        offered = "|".join(languages())  # the /lang hint names what this bot offers
        hint = f" {text(self.hint, language, languages=offered)}" if self.hint else ""
        return f"/{self.word(language)}{hint}"

    def help_line(self, language: Language) -> str:
        return f"{self.usage(language)} — {text(self.help, language)}"


def _entry(area: str, vi: str, en: str, help_key: str, doc: str) -> Command:
    return Command(
        f"entry:{area}",
        {"vi": (vi,), "en": (en,)},
        help_key,
        lambda front_desk, turn, _: front_desk.engine.start(turn, f"entry:{area}"),
        menu_label="menu_area",  # one message, its variant chosen by the area
        doc=doc,
    )


# In the order of /help, the menus and the README; the main menu shows, in this order, the
# items of those with a `menu_label` (the other content areas come after the entries).
COMMANDS: tuple[Command, ...] = (
    Command(
        "start",
        {"vi": ("start", "batdau")},
        "command_start",
        lambda front_desk, turn, argument: front_desk._start(turn, argument),
        who=ANYONE,
        hint="hint_code",
        leaves_flow=False,
        doc="register with an invite code (or type the code, or paste the message that carries it)",
    ),
    Command(
        "menu",
        {"vi": ("menu",)},
        "command_menu",
        lambda front_desk, turn, _: front_desk.show_menu(turn),
    ),
    _entry("tip", "baotin", "tip", "command_tip", "report a tip (nguồn tin)"),
    _entry("patrol", "tuantra", "patrol", "command_patrol", "log a patrol"),
    _entry("good_deed", "viectot", "gooddeed", "command_good_deed", "log a good deed"),
    Command(
        "review",
        {"vi": ("duyet",), "en": ("review",)},
        "command_review",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "review"),
        who=COMMANDERS,
        refusal="review_none_for_you",
        menu_label="menu_review",
        doc="review pending entries (never one they logged or are credited on)",
    ),
    Command(
        "tips",
        {"vi": ("nguontin",), "en": ("tips",)},
        "command_tips",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "tips"),
        who=OFFICERS,
        refusal="tips_officers_only",
        menu_label="menu_tips",
        doc="follow tips up; see an informant (with a reason, logged)",
    ),
    Command(
        "grading",
        {"vi": ("xeploai",), "en": ("grading",)},
        "command_grading",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "grading"),
        who=POLICE,
        refusal="grading_officers_only",
        menu_label="menu_grading",
        doc="year-end grades proposed by the grading guide; change one with a "
        "reason, confirm, download the workbook",
    ),
    Command(
        "targets",
        {"vi": ("chitieu",), "en": ("targets",)},
        "command_targets",
        lambda front_desk, turn, _: front_desk._targets(turn),
        who=COMMANDERS,
        menu_label="menu_targets",
        doc="their units' progress against the plan's targets",
    ),
    Command(
        "deliverable",
        {"vi": ("danop",), "en": ("submitted",)},
        "command_deliverable",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "deliverable"),
        who=COMMANDERS,
        refusal="deliverable_commanders_only",
        doc="gather my unit's documents for a plan's deadline (its checklist shown), submit "
        "when complete (reminders stop), withdraw until it is due",
    ),
    Command(
        "report_desk",
        {"vi": ("baocao",), "en": ("report",)},
        "command_report_desk",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "report_desk"),
        who=POLICE,
        refusal="report_desk_officers_only",
        doc="draft my unit's report for a report deadline now: the .docx in the format of "
        "Decree 30/2020 (to edit, sign and submit with `/danop`) and its .xlsx annex",
    ),
    Command(
        "unit_registration",
        {"vi": ("dangky",), "en": ("register",)},
        "command_unit_registration",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "unit_registration"),
        who=POLICE,
        refusal="registration_officers_only",
        doc="register my unit or units under it for a plan's scheme (An toàn về ANTT, "
        "giao ước thi đua...); its dossier checklist, a document (PDF, DOCX, XLSX) or a photo of "
        "a paper one for an item, opening what was sent; from the level above, the outcome and "
        "accepting or returning a document",
    ),
    Command(
        "commendation",
        {"vi": ("khenthuong",), "en": ("commend",)},
        "command_commendation",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "commendation"),
        who=COMMANDERS,
        doc="a team leader proposes a commendation for a member of the team; commune police "
        "grant or refuse the proposals (the person is told)",
    ),
    Command(
        "models",
        {"vi": ("mohinh",), "en": ("models",)},
        "command_models",
        lambda front_desk, turn, argument: front_desk.engine.start(
            turn, "models", argument=argument
        ),
        who=COMMANDERS,
        refusal="model_commanders_only",
        hint="hint_code",
        doc="the registry of models and typical units: list my unit's with their status, "
        "register one (a team leader proposes one, commune police are told), open one for its "
        "history and record its launch, evaluation, proposal, recognition or drop; link a "
        "model entry typed by name to a registered model",
    ),
    Command(
        "enter_target",
        {"vi": ("nhapchitieu",), "en": ("entertarget",)},
        "command_enter_target",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "target_value"),
        who=COMMANDERS,
        refusal="target_value_commanders_only",
        menu_label="menu_enter_target",
        doc="enter a target no data shows (a value, or met / not met) for my unit and the "
        "period running, with a note and evidence (a photo, or a PDF, DOCX, XLSX document); "
        "editable until the period is closed",
    ),
    Command(
        "unit_facts",
        {"vi": ("solieu",), "en": ("unitfacts",)},
        "command_unit_facts",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "facts_desk"),
        who=POLICE,
        refusal="facts_desk_officers_only",
        menu_label="menu_unit_facts",
        doc="my unit's dated facts (households, residents, released prisoners under support, "
        "cameras, terrain, new-rural status...) with the value in force today and since when; "
        "pick one (or a unit under mine) to see its last values and set a new one from a day, "
        "with a note; targets divide by and filter on them",
    ),
    Command(
        "broadcast",
        {"vi": ("thongbao", "phatthanh"), "en": ("broadcast",)},
        "command_broadcast",
        lambda front_desk, turn, argument: front_desk.engine.start(
            turn, "broadcast", argument=argument
        ),
        who=BROADCASTERS,
        refusal="broadcast_not_allowed",
        menu_label="menu_broadcast",
        hint="hint_text",
        doc="an announcement (text up to one Zalo message with its "
        "header, optional photo; on Telegram a photo with its caption gives both) to everyone "
        "under their unit or one role; preview, send, progress, delivery report; `/quaylai` goes "
        "a step back; a broadcast still sending can be stopped from its sender's `/thongbao`; "
        '"Hẹn giờ gửi" sets it to go at a typed day and time (within 90 days; recipients '
        "counted then), listed and cancellable from its sender's (or an admin's) `/thongbao`",
    ),
    Command(
        "mine",
        {"vi": ("cuatoi",), "en": ("mine",)},
        "command_mine",
        lambda front_desk, turn, _: front_desk._mine(turn),
        menu_label="menu_mine",
        doc="my last 10 entries (and patrols I was credited on) and this month's counts",
    ),
    Command(
        "my_data",
        {"vi": ("dulieucuatoi",), "en": ("mydata",)},
        "command_my_data",
        lambda front_desk, turn, _: front_desk.engine.start(turn, "my_data"),
        doc="a file of what the bot holds about me (profile, chats, entries, who viewed them); "
        "ask for its erasure, which an admin of my unit's line confirms or refuses",
    ),
    Command(
        "edit",
        {"vi": ("sua",), "en": ("edit",)},
        "command_edit",
        lambda front_desk, turn, argument: front_desk.engine.start(turn, "edit", argument=argument),
        hint="hint_code",
        doc="correct one answer of an entry I logged (a reviewed entry goes back to review)",
    ),
    Command(
        "standings",
        {"vi": ("bangxephang",), "en": ("standings",)},
        "command_standings",
        lambda front_desk, turn, _: front_desk._standings(turn),
        menu_label="menu_standings",
        doc="my rank and my commune's standings; commanders also get the chart (several "
        "phone-readable images of at most 15 bars, each member's team beside the name) and a "
        "workbook (title block, team, role, a column per content area, places moved since last "
        "week's board)",
    ),
    Command(
        "console",
        {"vi": ("quanly",), "en": ("console",)},
        "command_console",
        lambda front_desk, turn, argument: front_desk._console(turn, argument),
        who=COMMANDERS,
        refusal="console_commanders_only",
        hint="hint_console",
        leaves_flow=False,
        doc="a one-time link (10 minutes) to the web console; `/console logout` ends its sessions",
    ),
    Command(
        "link",
        {"vi": ("lienket",), "en": ("link",)},
        "command_link",
        lambda front_desk, turn, _: front_desk._link(turn),
        leaves_flow=False,
        doc="a 15-minute code to use the same account on another channel",
    ),
    Command(
        "nudges",
        {"vi": ("nhacnho",), "en": ("nudges",)},
        "command_nudges",
        lambda front_desk, turn, argument: front_desk._nudges(turn, argument),
        hint="hint_on_off",
        in_messenger_menu=False,  # a word without its argument only explains itself
        leaves_flow=False,
        doc="the weekly nudge when I logged nothing",
    ),
    Command(
        "back",
        {"vi": ("quaylai",), "en": ("back",)},
        "command_back",
        lambda front_desk, turn, _: front_desk._back(turn),
        who=ANYONE,
        leaves_flow=False,
    ),
    Command(
        "cancel",
        {"vi": ("huy",), "en": ("cancel",)},
        "command_cancel",
        lambda front_desk, turn, _: front_desk._cancel(turn),
        who=ANYONE,
        leaves_flow=False,
        doc="cancel the current entry",
    ),
    Command(
        "lang",
        {"vi": ("lang", "ngonngu")},
        "command_lang",
        lambda front_desk, turn, argument: front_desk._language(turn, argument),
        who=ANYONE,
        hint="hint_language",
        leaves_flow=False,
        doc="language",
    ),
    Command(
        "help",
        {"vi": ("help", "trogiup", "huongdan")},
        "command_help",
        lambda front_desk, turn, _: front_desk._help(turn),
        who=ANYONE,
        menu_label="menu_help",
        leaves_flow=False,
    ),
)


class CommandTable:
    """The commands and what is derived from them."""

    def __init__(self, commands: Iterable[Command] = COMMANDS) -> None:
        self.commands = tuple(commands)
        self.by_action = {c.action: c for c in self.commands}
        self.by_word: dict[str, Command] = {}
        # The main menu's items by role and running areas: asked on every message in a flow.
        self._menu_items: dict[tuple[Role, frozenset[str]], list[Command]] = {}
        for command in self.commands:
            for word in command.all_words():
                if fold(word) in self.by_word:
                    raise ValueError(f"/{word} is declared twice")
                self.by_word[fold(word)] = command

    def find(self, message: str) -> tuple[Command | None, str, str]:
        """The command typed (None: unknown), its argument and the word typed."""
        word, _, argument = message[1:].partition(" ")
        word = fold(word.split("@", 1)[0])  # /start@bot_name in groups; /hủy typed with marks
        argument = argument.strip()
        command = self.by_word.get(word)
        if command is None and argument:  # "/quay lại" typed with a space
            first, _, rest = argument.partition(" ")
            joined = self.by_word.get(word + fold(first))
            if joined is not None:
                command, argument = joined, rest.strip()
        return command, argument, word

    def usable(self, role: Role | None) -> list[Command]:
        return [c for c in self.commands if c.may_use(role)]

    def menu_items(self, role: Role, running: set[str]) -> list[Command]:
        """The commands the main menu lists for this role (entries of areas running only)."""
        key = (role, frozenset(running))
        found = self._menu_items.get(key)
        if found is None:
            found = self._menu_items[key] = [
                c
                for c in self.commands
                if c.menu_label and c.may_use(role) and c.area in (None, *running)
            ]
        return found

    def help(self, language: Language, role: Role | None) -> str:
        """/help: what this person may use; someone not registered sees what registering
        opens too (a member's commands, not a commander's)."""
        lines = [text("help", language), "", text("help_commands", language)]
        lines += [c.help_line(language) for c in self.usable(role)]
        if role is None:
            lines += ["", text("help_after_registering", language)]
            lines += [
                c.help_line(language) for c in self.usable(Role.MEMBER) if c.who is not ANYONE
            ]
        return "\n".join([*lines, "", text("help_choices", language)])

    def messenger_menu(self, language: Language, role: Role | None) -> list[tuple[str, str]]:
        """A messenger's command menu (word, description) for this role; None: anyone's chat
        whose role is not known, which lists what a member may use."""
        listed = self.usable(role or Role.MEMBER)
        return [
            (c.word(language), _sentence(text(c.help, language)))
            for c in listed
            if c.in_messenger_menu
        ]

    def markdown(self) -> str:
        """The README's command table."""
        rows = [
            "| command | English alias | who | what it does |",
            "| --- | --- | --- | --- |",
        ]
        for c in self.commands:
            english = c.usage("en") if c.word("en") != c.word("vi") else ""
            others = [w for w in c.all_words() if w not in (c.word("vi"), c.word("en"))]
            shown = ", ".join(f"`{u}`" for u in (c.usage("vi"), *(f"/{w}" for w in others)))
            alias = f"`{english}`" if english else ""
            cells = (shown, alias, _who(c.who), c.doc or text(c.help, "en"))
            rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(rows)


def _sentence(line: str) -> str:
    return line[:1].upper() + line[1:]


def _who(audience: Audience) -> str:
    if audience is None:
        return "anyone"
    if audience == MEMBERS:
        return "members"
    return ", ".join(role.label("en") for role in Role if role in audience)


if __name__ == "__main__":
    print(CommandTable().markdown())
