"""invite_guesses: wrong invite codes per chat and per client address (the throttle)

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invite_guesses",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("blocked_until", storage.schema.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_invite_guesses")),
    )
    op.create_index(op.f("ix_invite_guesses_last_failed_at"), "invite_guesses", ["last_failed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_invite_guesses_last_failed_at"), table_name="invite_guesses")
    op.drop_table("invite_guesses")
