"""The migrations build exactly the tables the code declares."""

from __future__ import annotations

from alembic import command

from storage.migrate import alembic_config


def test_migrations_match_the_schema(database_url: str) -> None:
    command.check(alembic_config(database_url))  # raises if a model change lacks a migration
