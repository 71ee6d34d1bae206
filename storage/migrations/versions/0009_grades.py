"""grades: proposed and confirmed grades of teams and members per assessment year

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grades",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_code", sa.String(length=64), nullable=False),
        sa.Column("year_start", sa.Date(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=8), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active_months", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("tasks", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("proposed", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.String(length=200), nullable=False),
        sa.Column("final", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.schema.UTCDateTime(), nullable=True),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"], ["units.id"], name=op.f("fk_grades_commune_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["members.id"], name=op.f("fk_grades_decided_by_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grades")),
        sa.UniqueConstraint(
            "guide_code", "year_start", "subject_kind", "subject_id", name="uq_grades_subject"
        ),
    )
    op.create_index(
        "ix_grades_commune", "grades", ["guide_code", "year_start", "commune_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_grades_commune", table_name="grades")
    op.drop_table("grades")
