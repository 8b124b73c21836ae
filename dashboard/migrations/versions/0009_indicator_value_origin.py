"""indicator_value.origin: manual (imported, wins) or statistics (copied from the
indicator's series); every existing value is manual

Revision ID: 0009_origin
Revises: 0008_sector_goal
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_origin"
down_revision = "0008_sector_goal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "origin",
                sa.Enum(
                    "manual",
                    "statistics",
                    name="value_origin",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="manual",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        # SQLite's table copy would keep the CHECK on a column that is gone.
        batch_op.drop_constraint(op.f("ck_indicator_value_value_origin"), type_="check")
        batch_op.drop_column("origin")
