"""entries: who reviewed, when, and why (a rejection's reason)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", storage.schema.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.String(length=2000), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_entries_reviewed_by_members"), "members", ["reviewed_by"], ["id"]
        )
        batch_op.create_index("ix_entries_unit_status", ["unit_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_unit_status")
        batch_op.drop_constraint(batch_op.f("fk_entries_reviewed_by_members"), type_="foreignkey")
        batch_op.drop_column("review_note")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
