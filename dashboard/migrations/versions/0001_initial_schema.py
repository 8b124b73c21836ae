"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_added", sa.Integer(), nullable=False),
        sa.Column("rows_changed", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=True),
        sa.Column(
            "imported_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("code", name=op.f("uq_organisation_code")),
    )
    op.create_table(
        "core_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("introduced_budget_year", sa.Integer(), nullable=True),
        sa.Column("is_cross_cutting", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_core_area_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_area")),
        sa.UniqueConstraint("organisation_id", "code", name=op.f("uq_core_area_organisation_id")),
    )
    with op.batch_alter_table("core_area", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_area_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "savings_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_savings_goal_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_goal")),
        sa.UniqueConstraint(
            "organisation_id", "year", name=op.f("uq_savings_goal_organisation_id")
        ),
    )
    op.create_table(
        "sector",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_sector_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sector")),
        sa.UniqueConstraint("organisation_id", "code", name=op.f("uq_sector_organisation_id")),
    )
    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sector_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "core_area_sector",
        sa.Column("core_area_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["core_area_id"],
            ["core_area.id"],
            name=op.f("fk_core_area_sector_core_area_id_core_area"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
            name=op.f("fk_core_area_sector_sector_id_sector"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("core_area_id", "sector_id", name=op.f("pk_core_area_sector")),
    )
    with op.batch_alter_table("core_area_sector", schema=None) as batch_op:
        batch_op.create_index("ix_core_area_sector_sector_id", ["sector_id"], unique=False)

    op.create_table(
        "effect_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("core_area_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("adopted_budget_year", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["core_area_id"],
            ["core_area.id"],
            name=op.f("fk_effect_goal_core_area_id_core_area"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_effect_goal_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_effect_goal")),
        sa.UniqueConstraint("organisation_id", "code", name=op.f("uq_effect_goal_organisation_id")),
    )
    with op.batch_alter_table("effect_goal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_effect_goal_core_area_id"), ["core_area_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_effect_goal_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_unit_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"], ["sector.id"], name=op.f("fk_unit_sector_id_sector"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("organisation_id", "code", name=op.f("uq_unit_organisation_id")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_unit_sector_id"), ["sector_id"], unique=False)

    op.create_table(
        "change_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effect_goal_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "intervention",
                "intermediate_result",
                "effect",
                name="change_step_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["effect_goal_id"],
            ["effect_goal.id"],
            name=op.f("fk_change_step_effect_goal_id_effect_goal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_step")),
        sa.UniqueConstraint("effect_goal_id", "code", name=op.f("uq_change_step_effect_goal_id")),
    )
    with op.batch_alter_table("change_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_step_effect_goal_id"), ["effect_goal_id"], unique=False
        )

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("effect_goal_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit_of_measure", sa.String(length=32), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "higher",
                "lower",
                name="direction",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("baseline_value", sa.Float(), nullable=False),
        sa.Column("baseline_year", sa.Integer(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["effect_goal_id"],
            ["effect_goal.id"],
            name=op.f("fk_indicator_effect_goal_id_effect_goal"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_indicator_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("organisation_id", "code", name=op.f("uq_indicator_organisation_id")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_effect_goal_id"), ["effect_goal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_indicator_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "savings_process",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "automate",
                "simplify",
                "remove",
                name="process_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "stage",
            sa.Enum(
                "idea",
                "in_development",
                "in_production",
                "retired",
                name="process_stage",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("go_live", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_savings_process_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
            name=op.f("fk_savings_process_sector_id_sector"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_savings_process_unit_id_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_process")),
        sa.UniqueConstraint(
            "organisation_id", "code", name=op.f("uq_savings_process_organisation_id")
        ),
    )
    with op.batch_alter_table("savings_process", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_savings_process_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_savings_process_sector_id"), ["sector_id"], unique=False
        )

    op.create_table(
        "service_review_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "part",
            sa.Enum(
                "internal_control",
                "budget_operating",
                "budget_investment",
                "renewal_need",
                name="review_part",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "submitted",
                name="review_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("amount_nok", sa.Float(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_service_review_task_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_review_task")),
        sa.UniqueConstraint("unit_id", "year", "part", name=op.f("uq_service_review_task_unit_id")),
    )
    with op.batch_alter_table("service_review_task", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_review_task_unit_id"), ["unit_id"], unique=False
        )
        batch_op.create_index("ix_service_review_task_year", ["year"], unique=False)

    op.create_table(
        "change_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_step_id", sa.Integer(), nullable=False),
        sa.Column("to_step_id", sa.Integer(), nullable=False),
        sa.Column("assumption", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_step_id"],
            ["change_step.id"],
            name=op.f("fk_change_link_from_step_id_change_step"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_step_id"],
            ["change_step.id"],
            name=op.f("fk_change_link_to_step_id_change_step"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_link")),
        sa.UniqueConstraint("from_step_id", "to_step_id", name=op.f("uq_change_link_from_step_id")),
    )
    with op.batch_alter_table("change_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_link_from_step_id"), ["from_step_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_change_link_to_step_id"), ["to_step_id"], unique=False)

    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_value_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
        sa.UniqueConstraint("indicator_id", "period", name=op.f("uq_indicator_value_indicator_id")),
    )
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index("ix_indicator_value_period", ["period"], unique=False)

    op.create_table(
        "savings_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column(
            "basis",
            sa.Enum(
                "measured",
                "estimated",
                name="savings_basis",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("runs", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["savings_process.id"],
            name=op.f("fk_savings_record_process_id_savings_process"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_record")),
        sa.UniqueConstraint(
            "process_id", "period", "basis", name=op.f("uq_savings_record_process_id")
        ),
    )
    with op.batch_alter_table("savings_record", schema=None) as batch_op:
        batch_op.create_index("ix_savings_record_period", ["period"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("savings_record", schema=None) as batch_op:
        batch_op.drop_index("ix_savings_record_period")

    op.drop_table("savings_record")
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_value_period")

    op.drop_table("indicator_value")
    with op.batch_alter_table("change_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_link_to_step_id"))
        batch_op.drop_index(batch_op.f("ix_change_link_from_step_id"))

    op.drop_table("change_link")
    with op.batch_alter_table("service_review_task", schema=None) as batch_op:
        batch_op.drop_index("ix_service_review_task_year")
        batch_op.drop_index(batch_op.f("ix_service_review_task_unit_id"))

    op.drop_table("service_review_task")
    with op.batch_alter_table("savings_process", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_savings_process_sector_id"))
        batch_op.drop_index(batch_op.f("ix_savings_process_organisation_id"))

    op.drop_table("savings_process")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_effect_goal_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("change_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_step_effect_goal_id"))

    op.drop_table("change_step")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_sector_id"))
        batch_op.drop_index(batch_op.f("ix_unit_organisation_id"))

    op.drop_table("unit")
    with op.batch_alter_table("effect_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_effect_goal_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_effect_goal_core_area_id"))

    op.drop_table("effect_goal")
    with op.batch_alter_table("core_area_sector", schema=None) as batch_op:
        batch_op.drop_index("ix_core_area_sector_sector_id")

    op.drop_table("core_area_sector")
    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sector_organisation_id"))

    op.drop_table("sector")
    op.drop_table("savings_goal")
    with op.batch_alter_table("core_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_area_organisation_id"))

    op.drop_table("core_area")
    op.drop_table("organisation")
    op.drop_table("import_run")
