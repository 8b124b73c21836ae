"""data version: a counter per organisation and area, part of every query-cache key

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No foreign key to organisation on purpose (see models.DataVersion): versions never go back.
    op.create_table(
        "data_version",
        sa.Column("organisation_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column(
            "area",
            sa.Enum(
                "organisation",
                "effect_goals",
                "service_review",
                "savings",
                name="data_area",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "area", name=op.f("pk_data_version")),
    )


def downgrade() -> None:
    op.drop_table("data_version")
