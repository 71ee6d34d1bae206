"""A start on an up-to-date SQLite database skips Alembic; any other goes through it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from storage.migrate import alembic_config, at_head, head, upgrade


def test_the_head_read_from_the_files_is_alembic_s() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert scripts.get_heads() == [head()]


def test_only_an_up_to_date_sqlite_file_is_at_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'antt.db'}"
    assert not at_head(url)  # no file yet
    upgrade(url)
    assert at_head(url)
    previous = ScriptDirectory.from_config(alembic_config(url)).get_revision(head()).down_revision
    assert isinstance(previous, str)
    command.downgrade(alembic_config(url), previous)
    assert not at_head(url)
    upgrade(url)  # not skipped: the last migration is applied again
    assert at_head(url)
    assert not at_head("sqlite://")  # in memory: nothing kept between two starts
    assert not at_head("postgresql://nobody@127.0.0.1:1/none")  # never asked: Alembic's lock
