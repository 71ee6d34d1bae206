"""broadcasts and the paced outbox: priority, retry time, pieces sent, recipient member

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("scope_unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("image_token", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("unreached", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.Column("progress_at", storage.schema.UTCDateTime(), nullable=True),
        sa.Column("finished_at", storage.schema.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["members.id"], name=op.f("fk_broadcasts_sender_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["scope_unit_id"], ["units.id"], name=op.f("fk_broadcasts_scope_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("not_before", storage.schema.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("pieces_sent", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("broadcast_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_outbox_member_id_members"), "members", ["member_id"], ["id"]
        )
        batch.create_foreign_key(
            op.f("fk_outbox_broadcast_id_broadcasts"), "broadcasts", ["broadcast_id"], ["id"]
        )
        batch.drop_index("ix_outbox_status")
        batch.create_index("ix_outbox_queue", ["channel", "status", "priority", "id"])
        batch.create_index("ix_outbox_broadcast", ["broadcast_id", "status"])


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_broadcast")
        batch.drop_index("ix_outbox_queue")
        batch.create_index("ix_outbox_status", ["status", "channel"])
        batch.drop_constraint(op.f("fk_outbox_broadcast_id_broadcasts"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_outbox_member_id_members"), type_="foreignkey")
        for column in ("broadcast_id", "member_id", "pieces_sent", "not_before", "priority"):
            batch.drop_column(column)
    op.drop_table("broadcasts")
