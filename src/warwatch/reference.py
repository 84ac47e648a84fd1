"""Reference data: ACLED exports and UCDP GED files, kept beside warwatch's events for comparison.

Job: store another project's events in the ``reference_events`` table (a table of its own, never
mixed with extracted events), and give them back filtered.
In: a CSV file (ACLED export, warwatch's own ``export --format csv``, or UCDP GED; read by
``reference_csv``) and a dataset name. Out: ``LoadResult`` (rows loaded, rows already loaded, one
message per bad row, each also logged as a warning) and ``ReferenceEvent``s.

Never loses data: one file loads in one transaction, so a refused file (wrong columns, wrong
encoding, no readable row) adds nothing, and rows loaded before, in this dataset or another, are
never touched. Rows whose id is in the dataset already are skipped: loading a file twice is harmless.

The table is created by migration 0003; ``reference_table`` describes it for queries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from .errors import InputError, StoreError
from .reference_csv import Kind, ReferenceEvent, date_range, read_reference_file
from .store import SqlStore
from .store.filters import from_options, matching
from .store.tables import NAMING_CONVENTION

__all__ = [
    "LoadResult",
    "ReferenceEvent",
    "ReferenceSet",
    "date_range",
    "iter_reference",
    "load_reference",
    "reference_sets",
    "reference_table",
]

log = logging.getLogger(__name__)

_BATCH = 1000
_WRITE = "warwatch_write"  # SqlStore's execution option for writes (SQLite: BEGIN IMMEDIATE)

metadata = MetaData(naming_convention=NAMING_CONVENTION)

reference_table = Table(
    "reference_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False),  # the name given at load time
    Column("kind", String(16), nullable=False),  # acled | ucdp
    Column("source_id", String(64), nullable=False),  # ACLED event_id_cnty, UCDP id
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("date", Date, nullable=False),
    Column("date_start", Date, nullable=False),  # the range the date stands for (time precision)
    Column("date_end", Date, nullable=False),
    Column("time_precision", SmallInteger, nullable=False),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),  # "; "-joined, as ACLED writes them
    Column("inter1", SmallInteger),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", SmallInteger),
    Column("country", String(8)),  # ISO alpha-2, as events.country
    Column("admin1", Text),
    Column("admin2", Text),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SmallInteger),
    Column("fatalities", Integer),  # ACLED's count; UCDP's best estimate
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("source", Text),
    Column("notes", Text),
    Column("file", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("dataset", "source_id"),
    Index("ix_reference_events_dataset_date", "dataset", "date"),
    Index("ix_reference_events_dataset_country", "dataset", "country"),
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one ``load_reference`` did; ``bad_rows`` holds one message per skipped row."""

    dataset: str
    kind: str
    loaded: int
    already_loaded: int
    bad_rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReferenceSet:
    name: str
    kind: str
    events: int
    first: date | None
    last: date | None


# --- loading ------------------------------------------------------------------------------------


def load_reference(
    store: SqlStore, path: str | Path, *, kind: Kind, name: str | None = None, encoding: str | None = None
) -> LoadResult:
    """Load an ACLED (``kind="acled"``) or UCDP GED (``"ucdp"``) CSV file as dataset ``name`` (default: kind).

    Raises:
        InputError: the file cannot be read, lacks required columns, is not in its encoding, or has no
            readable row; nothing of it is stored.
        StoreError: the dataset holds rows of the other kind, or the database refused the write.
    """
    dataset = name or kind
    where = str(path)
    bad: list[str] = []
    loaded = existing = 0
    with _writing(store, f"loading {where}") as conn:
        _check_kind(conn, dataset, kind)
        now = datetime.now(UTC)
        batch: list[dict[str, Any]] = []
        for line, event in read_reference_file(Path(path), kind=kind, dataset=dataset, encoding=encoding):
            if isinstance(event, str):
                _bad(bad, f"{where}: line {line}: {event}; row skipped")
                continue
            batch.append(_db_row(event, kind, where, line, now))
            if len(batch) >= _BATCH:
                added = _insert(conn, batch, dataset, bad, where)
                loaded, existing, batch = loaded + added, existing + len(batch) - added, []
        added = _insert(conn, batch, dataset, bad, where)
        loaded, existing = loaded + added, existing + len(batch) - added
        if not loaded and not existing:
            shown = "; ".join(bad[:3]) or "it has a header but no rows"
            raise InputError(f"{where}: no readable row, nothing loaded ({shown})")
    log.info("loaded %d %s row(s) from %s into %r (%d already there, %d bad)", loaded, kind, where, dataset,
             existing, len(bad))  # fmt: skip
    return LoadResult(dataset=dataset, kind=kind, loaded=loaded, already_loaded=existing, bad_rows=tuple(bad))


def _bad(bad: list[str], message: str) -> None:
    log.warning("%s", message)
    bad.append(message)


def _check_kind(conn: Connection, dataset: str, kind: str) -> None:
    found = conn.execute(select(reference_table.c.kind).where(reference_table.c.dataset == dataset).limit(1)).scalar()
    if found is not None and found != kind:
        raise StoreError(f"reference dataset {dataset!r} holds {found} rows, not {kind}; give another --name")


def _insert(conn: Connection, batch: list[dict[str, Any]], dataset: str, bad: list[str], where: str) -> int:
    """Insert the rows whose id is new to the dataset (and new within the file); the number inserted."""
    if not batch:
        return 0
    ids = [row["source_id"] for row in batch]
    col = reference_table.c
    stored = set(conn.execute(select(col.source_id).where(col.dataset == dataset, col.source_id.in_(ids))).scalars())
    fresh: dict[str, dict[str, Any]] = {}
    for row in batch:
        if row["source_id"] in fresh:
            _bad(bad, f"{where}: line {row['line']}: id {row['source_id']!r} repeats line "
                      f"{fresh[row['source_id']]['line']}; row skipped")  # fmt: skip
        elif row["source_id"] not in stored:
            fresh[row["source_id"]] = row
    if fresh:
        conn.execute(insert(reference_table), list(fresh.values()))
    return len(fresh)


def _db_row(event: ReferenceEvent, kind: str, where: str, line: int, now: datetime) -> dict[str, Any]:
    row = {field.name: getattr(event, field.name) for field in fields(ReferenceEvent)}
    row["assoc_actor_1"] = "; ".join(event.assoc_actor_1) or None
    row["assoc_actor_2"] = "; ".join(event.assoc_actor_2) or None
    return row | {"kind": kind, "file": where, "line": line, "loaded_at": now}


# --- reading back -------------------------------------------------------------------------------


def iter_reference(
    store: SqlStore,
    dataset: str,
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: str | None = None,
    min_fatalities: int | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> Iterator[ReferenceEvent]:
    """The dataset's rows matching every filter (the semantics of ``SqlStore.iter_events``), by date."""
    col = reference_table.c
    filters = from_options(since=since, until=until, country=country, event_type=event_type,
                           sub_event_type=sub_event_type, actor=actor, min_fatalities=min_fatalities,
                           text=text)  # fmt: skip
    where = [col.dataset == dataset, *matching(col, filters, fatalities="fatalities", text="notes")]
    query = select(reference_table).where(*where).order_by(col.date, col.source_id)
    if limit is not None:
        query = query.limit(limit)
    with _errors(store, "reading reference events"), store.engine.connect() as conn:
        for row in conn.execute(query.execution_options(yield_per=500)):
            yield _reference_event(row._mapping)


def reference_sets(store: SqlStore) -> list[ReferenceSet]:
    """Every dataset loaded: name, kind, number of events, first and last date."""
    col = reference_table.c
    query = (
        select(col.dataset, col.kind, func.count(), func.min(col.date), func.max(col.date))
        .group_by(col.dataset, col.kind)
        .order_by(col.dataset)
    )
    with _errors(store, "listing reference datasets"), store.engine.connect() as conn:
        return [ReferenceSet(*row) for row in conn.execute(query)]


def _reference_event(row: Any) -> ReferenceEvent:
    values = {field.name: row[field.name] for field in fields(ReferenceEvent)}
    values["assoc_actor_1"] = tuple((row["assoc_actor_1"] or "").split("; ")) if row["assoc_actor_1"] else ()
    values["assoc_actor_2"] = tuple((row["assoc_actor_2"] or "").split("; ")) if row["assoc_actor_2"] else ()
    return ReferenceEvent(**values)


# --- plumbing -----------------------------------------------------------------------------------


@contextmanager
def _writing(store: SqlStore, action: str) -> Iterator[Connection]:
    """One write transaction, as SqlStore writes (BEGIN IMMEDIATE on SQLite): all of it or none."""
    with _errors(store, action), store.engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def _errors(store: SqlStore, action: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip()
        hint = "run `warwatch db upgrade`" if "no such table" in reason or "does not exist" in reason else "retry"
        raise StoreError(f"{action} failed on the store at {store.url}: {reason}; {hint}") from err
