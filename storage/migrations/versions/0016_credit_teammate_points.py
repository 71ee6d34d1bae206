"""entry_participants: the points a credited teammate earned while the entry is verified

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry_participants") as batch:
        batch.add_column(sa.Column("points", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entry_participants") as batch:
        batch.drop_column("points")
