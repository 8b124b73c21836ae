"""statistics store: series, regions, values with missing-value status, municipality
renumbering; an organisation's region code and comparison regions; an indicator's series

Revision ID: 0004_stats
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_stats"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "municipality",
                "county",
                "group",
                "country",
                "other",
                name="stat_region_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_region")),
        sa.UniqueConstraint("source", "code", name=op.f("uq_stat_region_source")),
    )
    op.create_table(
        "stat_renumbering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("old_code", sa.String(length=32), nullable=False),
        sa.Column("new_code", sa.String(length=32), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_renumbering")),
        sa.UniqueConstraint("source", "old_code", name=op.f("uq_stat_renumbering_source")),
    )
    op.create_table(
        "stat_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("table_id", sa.String(length=64), nullable=False),
        sa.Column("content", sa.String(length=200), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("decimals", sa.Integer(), nullable=True),
        sa.Column("source_note", sa.Text(), nullable=False),
        sa.Column("licence", sa.Text(), nullable=False),
        sa.Column("source_updated", sa.String(length=40), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_series")),
        sa.UniqueConstraint("code", name=op.f("uq_stat_series_code")),
    )
    op.create_table(
        "comparison_region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "group",
                "country",
                "peer",
                name="comparison_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_comparison_region_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparison_region")),
        sa.UniqueConstraint(
            "organisation_id", "region_code", name=op.f("uq_comparison_region_organisation_id")
        ),
    )
    with op.batch_alter_table("comparison_region", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comparison_region_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "stat_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_text", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=True),
        sa.CheckConstraint(
            "value IS NOT NULL OR status IS NOT NULL", name=op.f("ck_stat_value_value_or_status")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["stat_series.id"],
            name=op.f("fk_stat_value_series_id_stat_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_value")),
        sa.UniqueConstraint(
            "series_id", "region_code", "period", name=op.f("uq_stat_value_series_id")
        ),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_code", sa.String(length=300), nullable=True))

    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_code", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("region_code")

    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("series_code")

    op.drop_table("stat_value")
    with op.batch_alter_table("comparison_region", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comparison_region_organisation_id"))

    op.drop_table("comparison_region")
    op.drop_table("stat_series")
    op.drop_table("stat_renumbering")
    op.drop_table("stat_region")
