"""indicator.decimals: how many decimals an indicator's values are shown with (empty: by unit)

Revision ID: 0010_decimals
Revises: 0009_origin
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_decimals"
down_revision = "0009_origin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decimals", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("decimals")
