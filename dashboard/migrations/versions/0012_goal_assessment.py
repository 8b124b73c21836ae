"""goal_assessment: a goal's overall written assessment per year

Revision ID: 0012_goal_assessment
Revises: 0011_updated_at
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_goal_assessment"
down_revision = "0011_updated_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effect_goal_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["effect_goal_id"],
            ["effect_goal.id"],
            name=op.f("fk_goal_assessment_effect_goal_id_effect_goal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_assessment")),
        sa.UniqueConstraint(
            "effect_goal_id", "year", name=op.f("uq_goal_assessment_effect_goal_id")
        ),
    )
    with op.batch_alter_table("goal_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_assessment_effect_goal_id"), ["effect_goal_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("goal_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_assessment_effect_goal_id"))
    op.drop_table("goal_assessment")
