"""savings goals per sector: savings_goal.sector_id (empty: the organisation's own goal)

Revision ID: 0008_sector_goal
Revises: 0007_throttle
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_sector_goal"
down_revision = "0007_throttle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("savings_goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_savings_goal_sector_id_sector"),
            "sector",
            ["sector_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_savings_goal_sector_id"), ["sector_id"])
        batch_op.drop_constraint("uq_savings_goal_organisation_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_savings_goal_organisation_id"), ["organisation_id", "year", "sector_id"]
        )
    # NULLs are distinct in a unique constraint: one organisation-level goal per year.
    op.create_index(
        "uq_savings_goal_organisation_year",
        "savings_goal",
        ["organisation_id", "year"],
        unique=True,
        sqlite_where=sa.text("sector_id IS NULL"),
        postgresql_where=sa.text("sector_id IS NULL"),
    )


def downgrade() -> None:
    # Sector goals have no place in the older schema.
    op.execute("DELETE FROM savings_goal WHERE sector_id IS NOT NULL")
    op.drop_index("uq_savings_goal_organisation_year", table_name="savings_goal")
    with op.batch_alter_table("savings_goal", schema=None) as batch_op:
        batch_op.drop_constraint("uq_savings_goal_organisation_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_savings_goal_organisation_id"), ["organisation_id", "year"]
        )
        batch_op.drop_index(batch_op.f("ix_savings_goal_sector_id"))
        batch_op.drop_constraint(batch_op.f("fk_savings_goal_sector_id_sector"), type_="foreignkey")
        batch_op.drop_column("sector_id")
