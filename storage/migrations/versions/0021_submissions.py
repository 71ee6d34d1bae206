"""Submissions and the reports the bot drafts (issue 15): a deliverable's state, who
submitted and who decided it, documents taken off a draft, and the drafted reports

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliverables") as batch:
        # Every row before this version was a unit's report of the deadline: submitted.
        batch.add_column(
            sa.Column("state", sa.String(length=12), server_default="submitted", nullable=False)
        )
        batch.add_column(sa.Column("submitted_at", storage.schema.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("submitted_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("decided_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("decided_at", storage.schema.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("decision_note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", storage.schema.UTCDateTime(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_deliverables_submitted_by_members"), "members", ["submitted_by"], ["id"]
        )
        batch.create_foreign_key(
            batch.f("fk_deliverables_decided_by_members"), "members", ["decided_by"], ["id"]
        )
        batch.create_index(
            "ix_deliverables_deadline_state",
            ["plan_code", "deadline_code", "due", "state"],
            unique=False,
        )
    op.execute(
        "UPDATE deliverables SET submitted_at = done_at, submitted_by = member_id"
        " WHERE submitted_at IS NULL"
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("dropped_at", storage.schema.UTCDateTime(), nullable=True))
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("deadline_code", sa.String(length=64), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(length=32), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("built_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("built_by", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("annex_id", sa.Integer(), nullable=True),
        sa.Column("template", sa.String(length=200), nullable=False),
        sa.Column("template_sha256", sa.String(length=64), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annex_id"], ["documents.id"], name=op.f("fk_reports_annex_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["built_by"], ["members.id"], name=op.f("fk_reports_built_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_reports_document_id_documents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_reports_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(
        "ix_reports_deadline_unit",
        "reports",
        ["plan_code", "deadline_code", "due", "unit_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_reports_deadline_unit", table_name="reports")
    op.drop_table("reports")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("dropped_at")
    with op.batch_alter_table("deliverables") as batch:
        batch.drop_index("ix_deliverables_deadline_state")
        batch.drop_constraint(batch.f("fk_deliverables_decided_by_members"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_deliverables_submitted_by_members"), type_="foreignkey")
        for column in (
            "withdrawn_at",
            "decision_note",
            "decided_at",
            "decided_by",
            "submitted_by",
            "submitted_at",
            "state",
        ):
            batch.drop_column(column)
