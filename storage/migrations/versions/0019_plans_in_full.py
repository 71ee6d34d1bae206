"""Plans carried out in full: unit kinds as data, dated facts and groupings of units, entered
target values and closed periods, documents, the registry (models, registrations, ratings,
dossiers, commendations), scheduled broadcasts and recurring plans' end

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import storage.schema

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_kinds",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name_vi", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("parents", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("reports", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("built_in", sa.Boolean(), nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_unit_kinds")),
    )
    _seed_unit_kinds()
    op.create_table(
        "unit_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("group_unit_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_unit_id"], ["units.id"], name=op.f("fk_unit_groups_group_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_groups_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_groups")),
    )
    with op.batch_alter_table("unit_groups", schema=None) as batch_op:
        batch_op.create_index("ix_unit_groups_unit", ["scheme", "unit_id"], unique=False)

    op.create_table(
        "commendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=8), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=24), nullable=False),
        sa.Column("form", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decision_no", sa.String(length=64), nullable=True),
        sa.Column("authority", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=True),
        sa.Column("phase_code", sa.String(length=64), nullable=True),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["members.id"], name=op.f("fk_commendations_entered_by_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commendations")),
    )
    with op.batch_alter_table("commendations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_commendations_subject", ["subject_kind", "subject_id"], unique=False
        )

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=400), nullable=False),
        sa.Column("original_name", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_documents_unit_id_units")),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["members.id"], name=op.f("fk_documents_uploaded_by_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_owner", ["owner_kind", "owner_id"], unique=False)

    op.create_table(
        "models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("area_text", sa.String(length=300), server_default="", nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("replicated_from_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_models_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["replicated_from_id"], ["models.id"], name=op.f("fk_models_replicated_from_id_models")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_models_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_models")),
        sa.UniqueConstraint("reference", name=op.f("uq_models_reference")),
    )
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_models_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "period_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("scope_unit_id", sa.Integer(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["members.id"], name=op.f("fk_period_closures_closed_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["scope_unit_id"], ["units.id"], name=op.f("fk_period_closures_scope_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_closures")),
        sa.UniqueConstraint(
            "plan_code",
            "period_start",
            "period_end",
            "scope_unit_id",
            name="uq_period_closures_scope",
        ),
    )
    op.create_table(
        "ratings",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=16), nullable=False),
        sa.Column("rated_by", sa.Integer(), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["rated_by"], ["members.id"], name=op.f("fk_ratings_rated_by_members")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_ratings_unit_id_units")),
        sa.PrimaryKeyConstraint("unit_id", "scheme", "year", name=op.f("pk_ratings")),
    )
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=24), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_level", sa.String(length=24), nullable=True),
        sa.Column("decision_no", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["members.id"], name=op.f("fk_registrations_registered_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_registrations_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("scheme", "unit_id", "year", name="uq_registrations_unit_year"),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("num", sa.Float(), nullable=True),
        sa.Column("text", sa.String(length=64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=500), server_default="", nullable=False),
        sa.Column("set_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by"], ["members.id"], name=op.f("fk_unit_facts_set_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_facts_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_facts")),
        sa.UniqueConstraint("unit_id", "key", "valid_from", name="uq_unit_facts_day"),
    )
    op.create_table(
        "dossier_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_dossier_items_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["members.id"], name=op.f("fk_dossier_items_updated_by_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_items")),
        sa.UniqueConstraint("owner_kind", "owner_id", "item", name="uq_dossier_items_item"),
    )
    op.create_table(
        "model_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("level", sa.String(length=24), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("decision_no", sa.String(length=64), nullable=True),
        sa.Column("by_member", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_member"], ["members.id"], name=op.f("fk_model_events_by_member_members")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["models.id"], name=op.f("fk_model_events_model_id_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_events")),
    )
    with op.batch_alter_table("model_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_events_model_id"), ["model_id"], unique=False)

    op.create_table(
        "target_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("target_code", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("entered_at", storage.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_target_values_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["members.id"], name=op.f("fk_target_values_entered_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_target_values_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_values")),
        sa.UniqueConstraint(
            "plan_code", "target_code", "unit_id", "period_start", name="uq_target_values_period"
        ),
    )
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_at", storage.schema.UTCDateTime(), nullable=True))

    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("model_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_entries_model_id_models"), "models", ["model_id"], ["id"]
        )

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))

    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_unit_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_units_area_unit_id_units"), "units", ["area_unit_id"], ["id"]
        )


# The built-in kinds as they were when this revision was written (campaign/unit_kinds.BUILT_IN
# is what the code knows; a later change there needs a revision of its own).
_BUILT_IN_KINDS = [
    # code, name_vi, name_en, parents, roles, reports, category
    ("province", "tỉnh", "province", [], ["admin", "officer"], True, "area"),
    ("commune", "xã", "commune", ["province"], ["officer", "admin"], True, "area"),
    ("team", "tổ", "team", ["commune"], ["member", "deputy", "leader"], True, "force"),
    ("village", "thôn, tổ dân phố", "village", ["commune"], [], False, "area"),
    ("agency", "cơ quan", "agency", ["commune", "province"], ["officer"], True, "organisation"),
    (
        "enterprise",
        "doanh nghiệp",
        "enterprise",
        ["commune", "province"],
        ["officer"],
        True,
        "organisation",
    ),
    (
        "school",
        "cơ sở giáo dục",
        "school",
        ["commune", "province"],
        ["officer"],
        True,
        "organisation",
    ),
    ("district", "huyện", "district", ["province"], [], False, "legacy"),
]


def _seed_unit_kinds() -> None:
    table = sa.table(
        "unit_kinds",
        sa.column("code", sa.String()),
        sa.column("name_vi", sa.String()),
        sa.column("name_en", sa.String()),
        sa.column("parents", sa.JSON()),
        sa.column("roles", sa.JSON()),
        sa.column("reports", sa.Boolean()),
        sa.column("category", sa.String()),
        sa.column("built_in", sa.Boolean()),
        sa.column("created_at", storage.schema.UTCDateTime()),
    )
    now = datetime.now(UTC)
    columns = ("code", "name_vi", "name_en", "parents", "roles", "reports", "category")
    op.bulk_insert(
        table,
        [
            dict(zip(columns, row, strict=True), built_in=True, created_at=now)
            for row in _BUILT_IN_KINDS
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_units_area_unit_id_units"), type_="foreignkey")
        batch_op.drop_column("area_unit_id")

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("ended_on")

    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_entries_model_id_models"), type_="foreignkey")
        batch_op.drop_column("model_id")

    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.drop_column("send_at")

    op.drop_table("target_values")
    with op.batch_alter_table("model_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_model_events_model_id"))

    op.drop_table("model_events")
    op.drop_table("dossier_items")
    op.drop_table("unit_facts")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_unit_id"))

    op.drop_table("registrations")
    op.drop_table("ratings")
    op.drop_table("period_closures")
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_models_unit_id"))

    op.drop_table("models")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_owner")

    op.drop_table("documents")
    with op.batch_alter_table("commendations", schema=None) as batch_op:
        batch_op.drop_index("ix_commendations_subject")

    op.drop_table("commendations")
    with op.batch_alter_table("unit_groups", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_groups_unit")

    op.drop_table("unit_groups")
    op.drop_table("unit_kinds")
