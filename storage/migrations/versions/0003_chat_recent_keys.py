"""chat_states.recent_keys: the last delivery keys, to recognise messenger redeliveries

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_states", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("recent_keys", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("chat_states", schema=None) as batch_op:
        batch_op.drop_column("recent_keys")
