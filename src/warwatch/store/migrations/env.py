"""Alembic environment of warwatch's store: runs the migrations on the connection it is handed.

There is no alembic.ini: ``warwatch.store.sql.alembic_config(connection)`` builds the config in
code and passes an open connection already inside a write transaction (``BEGIN IMMEDIATE`` on
SQLite), so a whole upgrade commits or rolls back as one, and two processes never migrate at once.
New revisions: ``command.revision(alembic_config(conn), "message", autogenerate=True, rev_id="0002")``.
"""

from alembic import context

from warwatch import reference
from warwatch.errors import StoreError
from warwatch.store import tables
from warwatch.watch import state

# Every module's tables, so autogenerate sees the whole schema; env.py runs only when Alembic does,
# so the store itself never imports the modules built on it.
TARGET_METADATA = [tables.metadata, reference.metadata, state.metadata]


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None or context.is_offline_mode():
        raise StoreError("run warwatch migrations through warwatch.store (open_store, `warwatch db upgrade`)")
    context.configure(
        connection=connection,
        target_metadata=TARGET_METADATA,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        transactional_ddl=True,  # SQLite DDL is transactional too, since we emit BEGIN ourselves
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
