"""Settings from the environment and .env (prefix ANTT_).

Each messenger channel has its own section (ANTT_TELEGRAM__TOKEN, ANTT_ZALO__API_URL, …); the
names of before the sections (ANTT_TELEGRAM_TOKEN, …) are still read, the nested one winning
when both are set. A bad value stops start-up with one line naming the variable (see
`load_settings`).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from campaign.catalogs import (
    DEFAULT_LANGUAGE,
    LANGUAGES_SETTING,
    C,
    available,
    by_language,
    parse_languages,
    said,
    text,
    use_languages,
)
from campaign.localized import Language, Localized
from campaign.validation import explain, localized_error

SECRET_KEY_FILE = "secret.key"
REPORT_TEMPLATES_FOLDER = "mau-bao-cao"  # in the data dir: a province's own report templates


class SettingsError(Exception):
    """A configuration value is unusable; the message is one line naming the variable, in
    Vietnamese (str) and in the reader's language (`text(lang)`)."""

    def __init__(self, reason: Localized) -> None:
        super().__init__(reason.vi)
        self.localized = reason

    def text(self, lang: Language) -> str:
        return self.localized.get(lang)


def _webhook_url(value: str) -> str:
    if value and not re.fullmatch(r"https://[^\s/]+(/\S*)?", value.strip()):
        raise localized_error(said("settings_webhook_https"))
    return value.strip().rstrip("/")


def _http_url(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
        raise localized_error(said("settings_http_url"))
    return value.strip().rstrip("/")


class MessengerSettings(BaseModel):
    """A messenger's section: its token turns the channel on."""

    token_shape: ClassVar[str]
    not_a_token: ClassVar[Localized]  # what a value of another shape is said to be

    token: str = ""
    webhook_url: str = ""  # the public https base; our path is added to it
    api_url: str = ""  # another Bot API server (a self-hosted one, or a test server)
    # The paced outbox: requests a second on the channel, seconds between two to one chat.
    messages_per_second: float = Field(30.0, gt=0, le=1000)
    chat_interval: float = Field(1.0, ge=0, le=60)

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: str) -> str:
        if value and not re.fullmatch(cls.token_shape, value.strip()):
            raise localized_error(cls.not_a_token)
        return value.strip()

    _https_only = field_validator("webhook_url")(_webhook_url)
    _api_url_shape = field_validator("api_url")(_http_url)


class TelegramSettings(MessengerSettings):
    # Telegram documents 30 messages a second and about one a second per chat.
    token_shape = r"\d{3,}:[A-Za-z0-9_-]{20,}"
    not_a_token = C("settings_not_a_telegram_token")


class ZaloSettings(MessengerSettings):
    token_shape = r"[A-Za-z0-9_-]+:[A-Za-z0-9_-]{8,}"
    not_a_token = C("settings_not_a_zalo_token")
    api_url: str = "https://bot-api.zaloplatforms.com"
    messages_per_second: float = Field(5.0, gt=0, le=1000)  # Zalo publishes no limit


# Each messenger's section; its flat names (ANTT_<CHANNEL>_<FIELD>) are read too.
CHANNEL_SECTIONS: dict[str, type[MessengerSettings]] = {
    "telegram": TelegramSettings,
    "zalo": ZaloSettings,
}


def _into_sections(values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`telegram_token` and the like as {"telegram": {"token": …}}."""
    sections: dict[str, dict[str, Any]] = {}
    for channel, section in CHANNEL_SECTIONS.items():
        for field in section.model_fields:
            flat = f"{channel}_{field}"
            if flat in values:
                sections.setdefault(channel, {})[field] = values[flat]
    return sections


class FlatChannelNames(PydanticBaseSettingsSource):
    """ANTT_TELEGRAM_TOKEN and the other names of before the channel sections, from the
    environment, then .env: a province deployed with them keeps working after an upgrade."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # read whole in __call__

    def __call__(self) -> dict[str, Any]:
        env_file = self.config.get("env_file")
        from_file = dotenv_values(env_file) if isinstance(env_file, str) else {}
        found = {**from_file, **os.environ}
        prefix = str(self.config.get("env_prefix", "")).casefold()
        flat = {
            name.casefold().removeprefix(prefix): value
            for name, value in found.items()
            if value is not None and name.casefold().startswith(prefix)
        }
        return dict(_into_sections(flat))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ANTT_", env_file=".env", extra="ignore", env_nested_delimiter="__"
    )

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
    # The address people open the bot's pages at (https://antt.example.vn): the console's
    # one-time links and the invite sheet's QR codes point there. Empty: this server's
    # web_host:web_port, which only its own machine may reach.
    public_url: str = ""
    # The console map's tile server, a URL template with {z}, {x} and {y} ({s} for its
    # subdomains). Empty: points over a plain background (an intranet without tiles).
    map_tiles: str = ""
    # Who the tiles are from, shown in the map's corner as plain text (a tile server's terms
    # usually ask for it: "© OpenStreetMap contributors").
    map_attribution: str = Field("", max_length=300)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    zalo: ZaloSettings = Field(default_factory=ZaloSettings)
    broadcast_progress_seconds: float = Field(60.0, ge=1, le=3600)  # progress to the sender
    scheduler: bool = True  # reminders, phase announcements, housekeeping (one leader runs them)
    outbox_retention_days: int = Field(30, ge=1, le=3650)  # settled messages kept, then pruned
    # Report drafts (issue 15): made this many days before a report deadline (a deadline's own
    # `report.draft_days` wins), from the templates in this folder when a province put its
    # letterhead there (empty: <data_dir>/mau-bao-cao; missing: the packaged templates).
    report_draft_days: int = Field(5, ge=0, le=60)
    report_templates: Path | None = None
    # Production (issue 16). What this process runs: "web" serves the channels, the console and
    # the health and metrics routes; "jobs" leads the scheduler and the outbox (one per
    # province); "all" does both, as one process on one machine does.
    role: Literal["web", "jobs", "all"] = "all"
    # Charts, workbooks and documents are drawn in worker processes, started on first use.
    render_workers: int = Field(2, ge=1, le=64)
    # /metrics in Prometheus format, for loopback and these networks only (CIDRs, comma-separated).
    metrics: bool = False
    metrics_allow: str = ""
    log_format: Literal["text", "json"] = "text"
    # The daily backup (off while backup_dir is empty): at this local time, the newest
    # backup_keep archives kept; encrypted when a passphrase is set.
    backup_dir: Path | None = None
    backup_keep: int = Field(14, ge=1, le=3650)
    backup_at: str = "02:30"  # HH:MM (`_clock_time`)
    backup_passphrase: str = ""
    # Personal data kept, in days (0: kept for good), applied by the nightly housekeeping.
    retain_entries_days: int = Field(0, ge=0, le=36500)
    retain_tips_days: int = Field(0, ge=0, le=36500)  # a tip and its sealed informant
    retain_attachments_days: int = Field(0, ge=0, le=36500)
    retain_audit_days: int = Field(0, ge=0, le=36500)
    retain_files_days: int = Field(30, ge=1, le=3650)  # charts and workbooks made for a chat

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Nested names before the flat ones: the newer spelling wins when both are set.
        flat = FlatChannelNames(settings_cls)
        return init_settings, env_settings, dotenv_settings, flat, file_secret_settings

    def __init__(self, **values: Any) -> None:
        # Settings(telegram_token=…), as code written before the sections still calls it; a
        # section given too wins.
        sections = _into_sections(values)
        flat = {f"{channel}_{field}" for channel, given in sections.items() for field in given}
        kept = {name: value for name, value in values.items() if name not in flat}
        for channel, given in sections.items():
            section = kept.get(channel)
            current = section.model_dump() if isinstance(section, BaseModel) else section
            kept[channel] = {**given, **(current or {})}
        super().__init__(**kept)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """As pydantic's, `update` may also name a channel setting flat (`telegram_token`)."""
        changes = dict(update or {})
        for channel, given in _into_sections(changes).items():
            section = changes.get(channel, getattr(self, channel))
            changes[channel] = section.model_copy(update=given)
            for field in given:
                del changes[f"{channel}_{field}"]
        return super().model_copy(update=changes, deep=deep)

    @field_validator("backup_at")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        # Said as a time, not as pydantic's pattern (a regex means nothing to an operator).
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise localized_error(said("settings_backup_at"))
        return value

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
            choices = by_language(lambda lang: text("validation_or", lang).join(offered))
            raise localized_error(said("settings_one_of", choices=choices))
        return value

    @field_validator("languages")
    @classmethod
    def _catalogued(cls, value: str) -> str:
        missing = [code for code in parse_languages(value) if code not in available()]
        if missing:
            raise localized_error(said("settings_no_catalog_folder", code=missing[0]))
        return ",".join(parse_languages(value))

    _public_url_shape = field_validator("public_url")(_http_url)

    @field_validator("map_tiles")
    @classmethod
    def _tile_template(cls, value: str) -> str:
        value = value.strip()
        if value and (
            # A plain host (the console's CSP allows its origin): no userinfo, which browsers
            # refuse in an image's URL anyway, nor anything a policy would misread.
            not re.fullmatch(
                r"https?://([A-Za-z0-9.{}-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?/\S*", value
            )
            or not all(part in value for part in ("{z}", "{x}", "{y}"))
        ):
            raise localized_error(said("settings_map_tiles"))
        return value

    @property
    def public_base(self) -> str:
        """Where people open the bot's pages (no trailing slash)."""
        if self.public_url:
            return self.public_url
        host = "127.0.0.1" if self.web_host in ("0.0.0.0", "::", "") else self.web_host
        return f"http://{host}:{self.web_port}"

    @property
    def report_templates_dir(self) -> Path:
        """Where a province's own report templates are looked for first."""
        return self.report_templates or self.data_dir / REPORT_TEMPLATES_FOLDER

    @property
    def language_codes(self) -> tuple[Language, ...]:
        return parse_languages(self.languages)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise localized_error(said("settings_unknown_zone", zone=repr(value))) from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise localized_error(said("settings_database_url"))
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        if value and len(value) < 32:
            raise localized_error(said("settings_secret_key_short"))
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
        settings = Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        # A channel setting is named as README documents it (ANTT_TELEGRAM_TOKEN).
        where = "_".join(str(part) for part in first["loc"][:2])
        name = f"ANTT_{where.upper()}" if first["loc"] else "ANTT_?"
        raise SettingsError(by_language(lambda lang: f"{name}: {explain(first, lang)}")) from None
    try:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(
            said("settings_cannot_create_data_dir", folder=str(settings.data_dir), error=str(exc))
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
