"""The web console: one-time links and sessions, tips followed as cases, the audit log's unit
and indexes, and a folded search text on entries

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.schema
from campaign.normalize import search_words

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("used_at", storage.schema.UTCDateTime(), nullable=True),
        sa.Column("issued_via", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_console_links_member_id_members")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_console_links")),
    )
    with op.batch_alter_table("console_links") as batch:
        batch.create_index(batch.f("ix_console_links_member_id"), ["member_id"], unique=False)
    op.create_table(
        "console_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("ended_at", storage.schema.UTCDateTime(), nullable=True),
        sa.Column("ended_by", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_console_sessions_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_console_sessions_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_console_sessions")),
    )
    with op.batch_alter_table("console_sessions") as batch:
        batch.create_index(batch.f("ix_console_sessions_member_id"), ["member_id"], unique=False)
    op.create_table(
        "tip_cases",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("assigned_to", sa.Integer(), nullable=True),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", storage.schema.UTCDateTime(), nullable=True),
        sa.Column("outcome_note", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_tip_cases_entry_id_entries")
        ),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["members.id"], name=op.f("fk_tip_cases_assigned_to_members")
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["members.id"], name=op.f("fk_tip_cases_assigned_by_members")
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_tip_cases")),
    )
    op.create_table(
        "tip_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_tip_notes_entry_id_entries")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["members.id"], name=op.f("fk_tip_notes_author_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_notes")),
    )
    with op.batch_alter_table("tip_notes") as batch:
        batch.create_index(batch.f("ix_tip_notes_entry_id"), ["entry_id"], unique=False)

    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_audit_log_unit_id_units"), "units", ["unit_id"], ["id"]
        )
        batch.create_index("ix_audit_log_action", ["action"], unique=False)
        batch.create_index("ix_audit_log_actor", ["actor_member_id"], unique=False)
        batch.create_index("ix_audit_log_unit_at", ["unit_id", "at"], unique=False)
    # Lines written before: the acting member's unit, as new lines without one say.
    op.execute(
        "UPDATE audit_log SET unit_id = (SELECT members.unit_id FROM members"
        " WHERE members.id = audit_log.actor_member_id) WHERE actor_member_id IS NOT NULL"
    )

    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=True))
    _fill_search_text()


def _fill_search_text() -> None:
    """The folded words of every entry saved before (the rule of every save since)."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, reference, details FROM entries")).all()
    for entry_id, reference, details in rows:
        answers: Any = json.loads(details) if isinstance(details, str) else details
        connection.execute(
            sa.text("UPDATE entries SET search_text = :words WHERE id = :id"),
            {"words": search_words(reference, answers or {}), "id": entry_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("search_text")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_unit_at")
        batch.drop_index("ix_audit_log_actor")
        batch.drop_index("ix_audit_log_action")
        batch.drop_constraint(batch.f("fk_audit_log_unit_id_units"), type_="foreignkey")
        batch.drop_column("unit_id")
    with op.batch_alter_table("tip_notes") as batch:
        batch.drop_index(batch.f("ix_tip_notes_entry_id"))
    op.drop_table("tip_notes")
    op.drop_table("tip_cases")
    with op.batch_alter_table("console_sessions") as batch:
        batch.drop_index(batch.f("ix_console_sessions_member_id"))
    op.drop_table("console_sessions")
    with op.batch_alter_table("console_links") as batch:
        batch.drop_index(batch.f("ix_console_links_member_id"))
    op.drop_table("console_links")
