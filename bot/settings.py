"""Settings from the environment and .env (prefix ANTT_).

A bad value stops start-up with one line naming the variable (see `load_settings`).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from campaign.catalogs import (
    DEFAULT_LANGUAGE,
    LANGUAGES_SETTING,
    available,
    parse_languages,
    use_languages,
)
from campaign.text import L, Language
from campaign.validation import explain, localized_error

SECRET_KEY_FILE = "secret.key"


class SettingsError(Exception):
    """A configuration value is unusable; the message is one line naming the variable, in
    Vietnamese (str) and English (`text("en")`)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.localized = L(vi, en)

    def text(self, lang: Language) -> str:
        return self.localized.get(lang)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANTT_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str = ""
    web_host: str = "127.0.0.1"
    web_port: int = Field(8080, ge=1, le=65535)
    # The languages offered (/lang), each a catalog folder campaign/locales/<code>/.
    languages: str = LANGUAGES_SETTING
    language: Language = DEFAULT_LANGUAGE  # new chats' language, one of `languages`
    timezone: str = "Asia/Ho_Chi_Minh"
    secret_key: str = ""
    flow_timeout_minutes: int = Field(30, ge=1, le=24 * 60)
    web_cookie_secure: bool = False
    telegram_token: str = ""
    telegram_webhook_url: str = ""  # the public https base; our path is added to it
    telegram_api_url: str = ""  # a self-hosted Bot API server (or a test server)
    zalo_token: str = ""
    zalo_webhook_url: str = ""
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    # The paced outbox: requests a second per channel, and seconds between two to one chat
    # (Telegram documents 30 a second and about one a second per chat; Zalo publishes none).
    telegram_messages_per_second: float = Field(30.0, gt=0, le=1000)
    telegram_chat_interval: float = Field(1.0, ge=0, le=60)
    zalo_messages_per_second: float = Field(5.0, gt=0, le=1000)
    zalo_chat_interval: float = Field(1.0, ge=0, le=60)
    broadcast_progress_seconds: float = Field(60.0, ge=1, le=3600)  # progress to the sender
    scheduler: bool = True  # reminders, phase announcements, housekeeping (one leader runs them)
    outbox_retention_days: int = Field(30, ge=1, le=3650)  # settled messages kept, then pruned

    @field_validator("language", mode="before")
    @classmethod
    def _language_as_the_cli_reads_it(cls, value: object) -> object:
        # "EN" or " en " already switch the command line to English (bot/cli_language.py):
        # the settings read it the same way rather than refusing what the CLI followed.
        return value.strip().casefold() if isinstance(value, str) else value

    @field_validator("language")
    @classmethod
    def _offered(cls, value: str, info: ValidationInfo) -> str:
        offered = parse_languages(info.data.get("languages", LANGUAGES_SETTING))
        if value not in offered:
            raise localized_error(
                f"phải là một trong: {' hoặc '.join(offered)}",
                f"must be one of: {' or '.join(offered)}",
            )
        return value

    @field_validator("languages")
    @classmethod
    def _catalogued(cls, value: str) -> str:
        missing = [code for code in parse_languages(value) if code not in available()]
        if missing:
            raise localized_error(
                f"không có thư mục ngôn ngữ campaign/locales/{missing[0]}",
                f"no catalog folder campaign/locales/{missing[0]}",
            )
        return ",".join(parse_languages(value))

    @property
    def language_codes(self) -> tuple[Language, ...]:
        return parse_languages(self.languages)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise localized_error(
                f"múi giờ không có: {value!r} (ví dụ Asia/Ho_Chi_Minh)",
                f"unknown time zone {value!r} (e.g. Asia/Ho_Chi_Minh)",
            ) from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise localized_error(
                "cần một URL sqlite:/// hoặc postgresql://",
                "expected a sqlite:/// or postgresql:// URL",
            )
        return value

    @field_validator("telegram_token")
    @classmethod
    def _telegram_token_shape(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{3,}:[A-Za-z0-9_-]{20,}", value.strip()):
            raise localized_error(
                "không phải token bot Telegram (số:chữ, lấy từ BotFather)",
                "not a Telegram bot token (digits:letters, from BotFather)",
            )
        return value.strip()

    @field_validator("zalo_token")
    @classmethod
    def _zalo_token_shape(cls, value: str) -> str:
        if value and not re.fullmatch(r"[A-Za-z0-9_-]+:[A-Za-z0-9_-]{8,}", value.strip()):
            raise localized_error(
                "không phải token bot Zalo (bot_id:secret, lấy từ Zalo Bot Creator)",
                "not a Zalo bot token (bot_id:secret, from Zalo Bot Creator)",
            )
        return value.strip()

    @field_validator("telegram_webhook_url", "zalo_webhook_url")
    @classmethod
    def _https_only(cls, value: str) -> str:
        if value and not re.fullmatch(r"https://[^\s/]+(/\S*)?", value.strip()):
            raise localized_error(
                "URL webhook phải bắt đầu bằng https://", "a webhook URL must start with https://"
            )
        return value.strip().rstrip("/")

    @field_validator("telegram_api_url", "zalo_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
            raise localized_error("cần một URL http(s)", "expected an http(s) URL")
        return value.strip().rstrip("/")

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        if value and len(value) < 32:
            raise localized_error("phải dài ít nhất 32 ký tự", "must be at least 32 characters")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'antt.db').resolve()}"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, make the data dir and the secret key; raise SettingsError on a bad value."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = f"ANTT_{str(first['loc'][0]).upper()}" if first["loc"] else "ANTT_?"
        raise SettingsError(
            f"{name}: {explain(first, 'vi')}", f"{name}: {explain(first, 'en')}"
        ) from None
    try:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(
            f"ANTT_DATA_DIR: không tạo được {settings.data_dir}: {exc}",
            f"ANTT_DATA_DIR: cannot create {settings.data_dir}: {exc}",
        ) from None
    if not settings.secret_key:
        settings.secret_key = _stored_secret_key(settings.data_dir)
    use_languages(settings.language_codes)  # the chats' texts follow the settings
    return settings


def _stored_secret_key(data_dir: Path) -> str:
    """Generate the key once and keep it readable by the owner only."""
    path = data_dir / SECRET_KEY_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
