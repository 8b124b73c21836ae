"""The Alembic migrations, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: they go down to an
empty database and up again, and the schema they build is the one the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dashboard import migrate
from dashboard.db import get_engine
from dashboard.models import Base


def _differences(url: str) -> list:
    with get_engine(url).connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, Base.metadata)


def _tables(url: str) -> set[str]:
    engine = get_engine(url)
    engine.dispose()  # no pooled connection holds an old view of the schema
    return set(inspect(engine).get_table_names())


def test_the_migrated_schema_is_what_the_models_describe(db_url):
    assert _differences(db_url) == []


def test_down_to_base_and_up_again(db_url):
    model_tables = set(Base.metadata.tables)
    assert _tables(db_url) == model_tables | {"alembic_version"}
    migrate.downgrade(db_url, "base")
    assert _tables(db_url) <= {"alembic_version"}
    migrate.upgrade(db_url)
    assert _tables(db_url) == model_tables | {"alembic_version"}
    assert _differences(db_url) == []
    # And once more: a downgrade after an upgrade leaves nothing behind either.
    migrate.downgrade(db_url, "base")
    migrate.upgrade(db_url)
    assert _differences(db_url) == []
