"""standings kept incrementally; entries remember what they earned

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("points", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("plan_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("phase_code", sa.String(length=64), nullable=True))
    op.create_table(
        "standings",
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("phase_code", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "plan_code", "phase_code", "level", "subject_id", name=op.f("pk_standings")
        ),
    )
    op.create_index(
        "ix_standings_rank", "standings", ["plan_code", "phase_code", "level", "points"]
    )


def downgrade() -> None:
    op.drop_index("ix_standings_rank", table_name="standings")
    op.drop_table("standings")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("phase_code")
        batch_op.drop_column("plan_code")
        batch_op.drop_column("points")
