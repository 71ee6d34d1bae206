"""Apply the Alembic migrations (on start and by `antt-bot db upgrade`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(raw_url: str) -> Config:
    # Imported when migrating, not with this module: a process that does not migrate skips it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = raw_url
    return config


def upgrade(raw_url: str, revision: str = "head") -> None:
    """Blocking; call it outside the event loop (or in a worker thread)."""
    from alembic import command

    command.upgrade(alembic_config(raw_url), revision)
