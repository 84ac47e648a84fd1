"""Copy a whole store from one database to another (SQLite <-> PostgreSQL), row for row.

Job: ``warwatch db copy --from URL --to URL``: move one analyst's SQLite file to a team's PostgreSQL
server, or take a server's store home as a file, losing nothing.
In: a source store at the newest schema revision (it is only read) and a target database that holds
no warwatch rows yet (it is created or migrated here).
Out: the target holding every row of every table of the source; the rows copied per table.

Every table the migrations made is copied (the event store's and any other module's, such as the
watcher's), parents before children, in chunks within one transaction on the target, so a failed
copy leaves the target as empty as it was. Both sides are reflected from the databases themselves,
so columns added by later migrations are copied too. Values pass through SQLAlchemy's types: dates
stay dates and numbers numbers. Timestamps: SQLite keeps them without a zone and warwatch writes UTC,
so a zone-less value is read as UTC, and every timestamp is written as UTC. On PostgreSQL the
sequences behind integer keys are moved past the copied ids, so later inserts do not collide.
The source is read in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite),
so a store being written to while it is copied still gives a consistent copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, Table, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import database_url
from ..errors import StoreError
from .sql import SqlStore, alembic_config, open_store

log = logging.getLogger(__name__)

CHUNK_ROWS = 1000
VERSION_TABLE = "alembic_version"  # written by the migrations on the target, never copied


def copy_store(
    source_url: str,
    target_url: str,
    *,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of the store at ``source_url`` into the empty store at ``target_url``.

    Both accept what ``--db`` does (a file path or a SQLAlchemy URL). ``progress(table, rows)`` is
    called after each chunk with the rows of that table copied so far.

    Returns:
        Rows copied per table, parents first.
    Raises:
        StoreError: the source is empty or not at the newest schema, the target already holds rows,
            both are the same database, or a database refused a row (the target is then unchanged).
    """
    source_url, target_url = database_url(source_url), database_url(target_url)
    with ExitStack() as stack:
        source = stack.enter_context(SqlStore(source_url))
        _check_source(source)
        target = stack.enter_context(open_store(target_url))  # the source is at head: a no-op if it is the same
        if target.url == source.url:
            raise StoreError(f"--from and --to are both {source.url}; give two different databases")
        pairs = _tables(source, target)
        try:
            with source.engine.connect() as read, target.engine.begin() as write:
                _snapshot(read)
                _check_empty(write, [table for table, _ in pairs], target.url)
                counts = {table.name: _copy_table(read, write, table, origin, chunk_rows, progress)
                          for table, origin in pairs}  # fmt: skip
                _advance_sequences(write, [table for table, _ in pairs])
        except SQLAlchemyError as err:
            reason = str(getattr(err, "orig", None) or err).strip()
            raise StoreError(
                f"copying {source.url} to {target.url} failed: {reason}; the target was left unchanged. "
                "Check that both databases are reachable and retry"
            ) from err
    log.info("copied %s to %s: %s", source_url, target_url, counts)
    return counts


def _check_source(source: SqlStore) -> None:
    """The source must be a warwatch store at the newest revision (so both sides have the same tables)."""
    revision = source.schema_revision()
    with source.engine.connect() as conn:
        head = ScriptDirectory.from_config(alembic_config(conn)).get_current_head()
    if revision is None:
        raise StoreError(f"the store at {source.url} has no warwatch schema: nothing to copy; check --from")
    if revision != head:
        raise StoreError(
            f"the store at {source.url} is at schema revision {revision!r}, this warwatch at {head!r}; "
            f"run `warwatch db upgrade --db {source.url}` first (or use the warwatch that wrote it)"
        )


def _tables(source: SqlStore, target: SqlStore) -> list[tuple[Table, Table]]:
    """(target table, source table) pairs, parents first; each table must have the same columns on both sides."""
    found, wanted = MetaData(), MetaData()
    try:
        found.reflect(source.engine)
        wanted.reflect(target.engine)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read the tables of {source.url} or {target.url}: {err}") from err
    pairs = []
    for table in wanted.sorted_tables:
        if table.name == VERSION_TABLE:
            continue
        origin = found.tables.get(table.name)
        have = set(origin.columns.keys()) if origin is not None else set()
        if origin is None or have != set(table.columns.keys()):
            raise StoreError(
                f"table {table.name} differs between {source.url} and {target.url} "
                f"(columns {sorted(have)} and {sorted(table.columns.keys())}); upgrade both with `warwatch db upgrade`"
            )
        pairs.append((table, origin))
    return pairs


def _snapshot(read: Connection) -> None:
    """One consistent view of the source for the whole copy."""
    if read.dialect.name == "postgresql":
        read.execution_options(isolation_level="REPEATABLE READ")
    read.begin()


def _check_empty(write: Connection, tables: list[Table], url: str) -> None:
    for table in tables:
        rows = write.execute(select(func.count()).select_from(table)).scalar_one()
        if rows:
            raise StoreError(
                f"the store at {url} already holds {rows} row(s) in {table.name}; copy into an empty database "
                "(or a new SQLite file)"
            )


def _copy_table(
    read: Connection,
    write: Connection,
    table: Table,
    origin: Table,
    chunk_rows: int,
    progress: Callable[[str, int], None] | None,
) -> int:
    """Stream one table in key order, ``chunk_rows`` rows per INSERT; the rows copied."""
    names = list(table.columns.keys())
    order = [origin.c[column.name] for column in table.primary_key.columns] or [origin.c[names[0]]]
    query = select(*(origin.c[name] for name in names)).order_by(*order)
    copied = 0
    for chunk in _chunks(read, query, chunk_rows):
        write.execute(insert(table), [{name: _portable(value) for name, value in zip(names, row, strict=True)}
                                      for row in chunk])  # fmt: skip
        copied += len(chunk)
        if progress:
            progress(table.name, copied)
    log.debug("copied %d rows of %s", copied, table.name)
    return copied


def _chunks(read: Connection, query: Any, size: int) -> Iterator[list[Any]]:
    result = read.execute(query.execution_options(yield_per=size))
    yield from (list(chunk) for chunk in result.partitions(size))


def _portable(value: Any) -> Any:
    """A value both dialects read back the same: timestamps in UTC, zone-less ones taken as UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _advance_sequences(write: Connection, tables: list[Table]) -> None:
    """PostgreSQL: move each serial key's sequence past the largest copied id (other keys: setval(NULL) is NULL)."""
    if write.dialect.name != "postgresql":
        return
    quote = write.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not _is_integer(keys[0]):
            continue
        column = quote(keys[0].name)
        write.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX({column}), 0) + 1, false) "
                f"FROM {quote(table.name)}"
            ),
            {"table": quote(table.name), "column": keys[0].name},
        )


def _is_integer(column: Any) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False
