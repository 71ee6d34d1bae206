"""Apply the Alembic migrations (on start and by `antt-bot db upgrade`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from storage.database import normalize_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)


def alembic_config(raw_url: str) -> Config:
    # Imported when migrating, not with this module: a process that does not migrate skips it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = raw_url
    return config


def upgrade(raw_url: str, revision: str = "head") -> None:
    """Blocking; call it outside the event loop (or in a worker thread)."""
    if revision == "head" and at_head(raw_url):
        return
    from alembic import command

    command.upgrade(alembic_config(raw_url), revision)


def head() -> str:
    """The newest migration's revision, read from the newest file's text (the chain is linear
    and numbered; a test holds this to Alembic's own answer)."""
    newest = max((MIGRATIONS / "versions").glob("[0-9]*.py"))
    found = _REVISION.search(newest.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"{newest.name} names no revision")
    return found.group(1)


def at_head(raw_url: str) -> bool:
    """Whether an SQLite database is already up to date, asked without Alembic: loading it and
    its 20-odd migration scripts is most of a warm start's migration step (a few tenths of a
    second and ~10 MB kept). PostgreSQL always goes through Alembic (and its lock)."""
    url = normalize_url(raw_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return False
    if not Path(url.database).is_file():
        return False
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no alembic_version yet
        return False
    finally:
        engine.dispose()
    return [row[0] for row in stored] == [head()]
