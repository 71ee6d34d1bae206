"""weekly board: last ranks for movements, members' nudge opt-out

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leaderboard_ranks",
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("phase_code", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint(
            "plan_code", "phase_code", "level", "subject_id", name=op.f("pk_leaderboard_ranks")
        ),
    )
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("nudges", sa.Boolean(), nullable=False, server_default=sa.text("'1'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("nudges")
    op.drop_table("leaderboard_ranks")
