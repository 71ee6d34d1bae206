"""files: a row may lend a chat an entry's photo (attachment_id) instead of holding bytes

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("files") as batch:
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=True)
        batch.add_column(sa.Column("attachment_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_files_attachment_id_attachments"),
            "attachments",
            ["attachment_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_files_attachment_id"), ["attachment_id"])


def downgrade() -> None:
    op.execute("DELETE FROM files WHERE data IS NULL")  # links only: the photos stay on disk
    with op.batch_alter_table("files") as batch:
        batch.drop_index(op.f("ix_files_attachment_id"))
        batch.drop_constraint(op.f("fk_files_attachment_id_attachments"), type_="foreignkey")
        batch.drop_column("attachment_id")
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=False)
