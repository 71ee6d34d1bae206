"""Each messenger has its own settings section (ANTT_TELEGRAM__TOKEN), and the names README
documented before the sections (ANTT_TELEGRAM_TOKEN) still work: a deployed province must not
break on upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings
from storage.database import Database

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
OTHER_TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize(
    "variable", ["ANTT_TELEGRAM__TOKEN", "ANTT_TELEGRAM_TOKEN", "antt_telegram_token"]
)
def test_a_channel_setting_is_read_by_its_nested_and_its_flat_name(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, TOKEN)
    assert Settings().telegram.token == TOKEN


def test_every_flat_name_of_before_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "ANTT_TELEGRAM_WEBHOOK_URL": "https://bot.example.vn/",
        "ANTT_TELEGRAM_API_URL": "http://127.0.0.1:8081",
        "ANTT_TELEGRAM_MESSAGES_PER_SECOND": "10",
        "ANTT_TELEGRAM_CHAT_INTERVAL": "2.5",
        "ANTT_ZALO_TOKEN": "1234567890:zalo-secret-abcdefgh",
        "ANTT_ZALO_WEBHOOK_URL": "https://bot.example.vn",
        "ANTT_ZALO_API_URL": "http://127.0.0.1:8082",
        "ANTT_ZALO_MESSAGES_PER_SECOND": "2",
        "ANTT_ZALO_CHAT_INTERVAL": "3",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.telegram.model_dump() == {
        "token": "",
        "webhook_url": "https://bot.example.vn",
        "api_url": "http://127.0.0.1:8081",
        "messages_per_second": 10.0,
        "chat_interval": 2.5,
    }
    assert settings.zalo.model_dump() == {
        "token": "1234567890:zalo-secret-abcdefgh",
        "webhook_url": "https://bot.example.vn",
        "api_url": "http://127.0.0.1:8082",
        "messages_per_second": 2.0,
        "chat_interval": 3.0,
    }


def test_the_nested_name_wins_and_a_section_mixes_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_TELEGRAM_TOKEN", OTHER_TOKEN)
    monkeypatch.setenv("ANTT_TELEGRAM__TOKEN", TOKEN)
    monkeypatch.setenv("ANTT_TELEGRAM_API_URL", "http://127.0.0.1:8081")
    settings = Settings()
    assert settings.telegram.token == TOKEN
    assert settings.telegram.api_url == "http://127.0.0.1:8081"


def test_a_dotenv_file_with_either_name_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"ANTT_TELEGRAM_TOKEN={TOKEN}\nANTT_ZALO__MESSAGES_PER_SECOND=4\n", encoding="utf-8"
    )
    settings = Settings()
    assert settings.telegram.token == TOKEN
    assert settings.zalo.messages_per_second == 4.0


def test_the_process_environment_wins_over_the_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(f"ANTT_TELEGRAM_TOKEN={OTHER_TOKEN}\n", encoding="utf-8")
    monkeypatch.setenv("ANTT_TELEGRAM_TOKEN", TOKEN)
    assert Settings().telegram.token == TOKEN


def test_code_may_still_give_channel_settings_flat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_TELEGRAM__TOKEN", OTHER_TOKEN)
    given = load_settings(telegram_token=TOKEN, telegram_api_url="http://127.0.0.1:1/")
    assert given.telegram.token == TOKEN  # a keyword wins over the environment
    assert given.telegram.api_url == "http://127.0.0.1:1"
    copied = given.model_copy(update={"zalo_token": "a:bbbbbbbbb", "telegram_chat_interval": 0})
    assert copied.zalo.token == "a:bbbbbbbbb"
    assert copied.telegram.chat_interval == 0
    assert copied.telegram.token == TOKEN
    assert given.zalo.token == ""  # the original is left as it was


@pytest.mark.parametrize("variable", ["ANTT_TELEGRAM__WEBHOOK_URL", "ANTT_TELEGRAM_WEBHOOK_URL"])
def test_a_bad_channel_setting_is_named_as_readme_documents_it(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, "http://bot.example.vn")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value).startswith("ANTT_TELEGRAM_WEBHOOK_URL: ")
    assert "https://" in raised.value.text("en")


async def test_a_deployed_webhook_keeps_its_path_and_secret(
    settings: Settings, database: Database
) -> None:
    """The values the version before the channel plugins derived from this secret key: a
    webhook registered with Telegram or Zalo must stay valid across the upgrade."""
    from bot.channels.telegram import TelegramChannel
    from bot.channels.zalo import ZaloChannel
    from bot.conversation import Conversation

    configured = settings.model_copy(
        update={"telegram_token": TOKEN, "zalo_token": "1234567890:zalo-secret-abcdefgh"}
    )
    telegram = TelegramChannel(Conversation(configured, database))
    assert telegram.path == "/telegram/d5ef38bc174af37a16d4b98b"
    assert telegram.secret_token == "891356f27c6ecf583356a5ffff8c19c70aa10801a6d0134b"
    zalo = ZaloChannel(Conversation(configured, database))
    assert zalo.path == "/zalo/e3c37686fb8bb70ffb6e5fc5"
    assert zalo.secret_token == "54815c8661e2102866162e0e82771778ec57ee53232ab24f"


def test_a_wrong_backup_time_is_said_as_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_BACKUP_AT", "25:00")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert (
        raised.value.text("vi")
        == "ANTT_BACKUP_AT: cần giờ dạng HH:MM (00:00 đến 23:59), ví dụ 02:30"
    )
