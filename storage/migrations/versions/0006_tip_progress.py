"""entries.progress: where a tip stands (received, verifying, resolved, unfounded)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progress", sa.String(length=16), nullable=True))
    op.execute("UPDATE entries SET progress = 'received' WHERE content_area = 'tip'")


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("progress")
