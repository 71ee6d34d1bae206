"""The commands table: the words, who may use what, /help, the menus and the README's table all
come from it, and a command added to it shows in each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign import catalogs
from campaign.areas import PRIMARY_AREAS
from campaign.catalogs import LOCALES, Catalogs, text
from campaign.roles import Role
from handlers.asking import Turn
from handlers.commands import COMMANDS, MEMBERS, Command, CommandTable
from handlers.front_desk import FrontDesk
from tests.handlers.test_engine import Chat, registered, store_with_invite

README = Path(__file__).parents[2] / "README.md"
TABLE = CommandTable()


def test_the_readme_shows_the_commands_table() -> None:
    """`python -m handlers.commands` prints the table README.md must hold."""
    match = re.search(
        r"^\| command \| English alias \|.*?\n(?=\n)", README.read_text(), re.M | re.S
    )
    assert match, "no command table in README.md"
    assert match.group(0).strip() == TABLE.markdown(), (
        "README.md's command table differs from handlers/commands.py: "
        "paste the output of `python -m handlers.commands`"
    )


def test_every_word_finds_its_command_typed_any_way() -> None:
    for command in COMMANDS:
        for word in command.all_words():
            assert TABLE.find(f"/{word}")[0] is command
    assert TABLE.find("/quay lại")[0] is TABLE.by_action["back"]
    found, argument, _ = TABLE.find("/start@antt_bot ABCD2345")
    assert found is TABLE.by_action["start"] and argument == "ABCD2345"
    assert TABLE.find("/Hủy")[0] is TABLE.by_action["cancel"]
    assert TABLE.find("/nhac nho tat")[1] == "tat"
    assert TABLE.find("/nope") == (None, "", "nope")


def test_a_word_declared_twice_is_refused() -> None:
    twice = Command("twice", {"vi": ("huy",)}, "command_cancel", lambda *_: None)
    with pytest.raises(ValueError, match="/huy"):
        CommandTable((*COMMANDS, twice))


def test_the_content_areas_with_a_command_are_the_primary_ones() -> None:
    assert [c.area for c in COMMANDS if c.area] == list(PRIMARY_AREAS)


def test_help_lists_what_this_person_may_use_in_their_language() -> None:
    stranger = TABLE.help("vi", None)
    opened, after = stranger.split("Sau khi đăng ký:")
    assert "/start [MÃ]" in opened and "/baotin" not in opened and "/baotin" in after
    assert "/duyet" not in stranger and "/nhacnho tat|bat" in after
    member = TABLE.help("en", Role.MEMBER)
    assert "/tip — report a tip" in member and "/nudges off|on" in member
    assert "/review" not in member and "Once registered" not in member
    officer = TABLE.help("vi", Role.OFFICER)
    assert all(f"/{w}" in officer for w in ("duyet", "nguontin", "xeploai", "thongbao"))
    leader = TABLE.help("vi", Role.LEADER)
    assert "/duyet" in leader and "/nguontin" not in leader and "/thongbao" not in leader


def test_a_member_is_refused_a_commanders_command_with_its_own_text() -> None:
    _, chat = registered()
    for word, key in (
        ("/duyet", "review_none_for_you"),
        ("/nguontin", "tips_officers_only"),
        ("/xeploai", "grading_officers_only"),
        ("/chitieu", "commanders_only"),
        ("/danop", "deliverable_commanders_only"),
        ("/thongbao", "broadcast_not_allowed"),
    ):
        assert text(key, "vi") in chat.send(word), word
        assert "[🚨 Báo nguồn tin]" in chat.seen  # and the menu again


def test_the_messenger_menu_lists_a_roles_commands() -> None:
    anyone = dict(TABLE.messenger_menu("vi", None))
    assert {"start", "menu", "baotin", "sua", "bangxephang", "huy", "help"} <= set(anyone)
    assert "duyet" not in anyone and "nhacnho" not in anyone
    assert anyone["baotin"] == "Báo nguồn tin"
    officer = dict(TABLE.messenger_menu("en", Role.OFFICER))
    assert {"review", "tips", "grading", "targets", "submitted", "broadcast"} <= set(officer)
    for word, description in officer.items():  # what Telegram accepts
        assert re.fullmatch(r"[a-z0-9_]{1,32}", word) and 0 < len(description) <= 256


def _ping(front_desk: FrontDesk, turn: Turn, argument: str) -> None:
    turn.say("pong", said=argument or "…")
    front_desk.show_menu(turn)


PING_TEXTS = {
    "vi": "command_ping = thử bot còn chạy\nmenu_ping = 🏓 Thử\npong = Bot vẫn chạy ({ $said }).\n",
    "en": "command_ping = check the bot is up\nmenu_ping = 🏓 Ping\npong = The bot is up ({ $said }).\n",
}


@pytest.fixture
def ping_texts(tmp_path: Path) -> Iterator[None]:
    """The test command's texts, a catalog file of its own beside the shipped ones."""
    for language, messages in PING_TEXTS.items():
        (tmp_path / language).mkdir()
        (tmp_path / language / "ping.ftl").write_text(messages, encoding="utf-8")
    previous = catalogs.use(Catalogs(catalogs.languages(), (LOCALES, tmp_path)))
    try:
        yield
    finally:
        catalogs.use(previous)


@pytest.mark.usefixtures("ping_texts")
def test_a_command_added_to_the_table_is_typed_tapped_helped_and_listed() -> None:
    """Adding a command takes its declaration and its texts (here, in the test)."""
    ping = Command(
        "ping", {"vi": ("thu",), "en": ("ping",)}, "command_ping", _ping, menu_label="menu_ping"
    )
    table = CommandTable((*COMMANDS, ping))
    _, chat = registered()
    chat.front_desk = FrontDesk(commands=table)
    assert "Bot vẫn chạy (a)." in chat.send("/thu a") and "[🏓 Thử]" in chat.seen
    assert "Bot vẫn chạy (…)." in chat.tap("🏓 Thử")
    assert "/thu — thử bot còn chạy" in chat.send("/help")
    assert ("ping", "Check the bot is up") in table.messenger_menu("en", Role.MEMBER)
    assert "| `/thu` | `/ping` | members | check the bot is up |" in table.markdown()
    stranger = Chat(store_with_invite(), user="u2")
    stranger.front_desk = chat.front_desk
    assert "chưa đăng ký" in stranger.send("/ping")
    assert ping.who == MEMBERS
