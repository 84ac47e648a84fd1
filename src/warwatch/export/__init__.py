"""Exports: write events in the formats analysts already use, streaming.

Job: find the exporter registered for a format and run it over an iterable of events.
In: events (usually ``SqlStore.iter_events(...)``, a generator), a format (``csv``, ``json``,
``geojson``, ``parquet``, or a registry name such as ``acled-csv.v1``) and a binary output.
Out: the file, and an ``ExportResult`` (events written, events left out).

The exporters are entry points of the ``warwatch_exporters`` group (``registry.exporters``):
``acled-csv.v1`` (export/csv.py), ``json.v1``, ``geojson.v1``, ``parquet.v1``. None holds more
than one batch of events in memory. docs/export-columns.md documents every column.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..model import Event
from ..registry import Exporter, exporters, resolve
from ..store import SqlStore
from ..store.sql import article_table
from .columns import COLUMNS, ArticleUrls

__all__ = ["COLUMNS", "FORMATS", "ExportResult", "article_url_lookup", "export_events", "get_exporter"]

# The CLI's short format names and the exporter each one means.
FORMATS: dict[str, str] = {
    "csv": "acled-csv.v1",
    "json": "json.v1",
    "geojson": "geojson.v1",
    "parquet": "parquet.v1",
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What one export wrote: events written, and events left out (GeoJSON: no place)."""

    exporter: str
    written: int
    left_out: int = 0


def get_exporter(fmt: str, **settings: Any) -> Exporter:
    """The exporter for a short format name or a registry name.

    Settings the exporter's factory does not take are dropped, so callers can offer
    ``article_urls`` to every format.

    Raises:
        ConfigError: no exporter has this name (the message lists the known ones).
    """
    factory = resolve(exporters, FORMATS.get(fmt, fmt))
    accepted = inspect.signature(factory).parameters
    return factory(**{key: value for key, value in settings.items() if key in accepted})


def export_events(
    events: Iterable[Event], fmt: str, out: IO[bytes], *, article_urls: ArticleUrls | None = None
) -> ExportResult:
    """Write ``events`` to ``out`` in format ``fmt``, streaming; see the module docstring."""
    exporter = get_exporter(fmt, article_urls=article_urls)
    counter = _Counter(events)
    exporter.write(counter, out)
    left_out = int(getattr(exporter, "left_out", 0))
    return ExportResult(exporter=FORMATS.get(fmt, fmt), written=counter.count - left_out, left_out=left_out)


def article_url_lookup(store: SqlStore, *, cache_size: int = 65_536) -> Callable[[str], str | None]:
    """An article id -> URL function over the store, cached (events of one article sit together).

    Call it before iterating the events: an in-memory SQLite store has one connection, which
    ``iter_events`` holds while it streams, so its URLs are read here, up front.
    """
    columns = article_table.c
    if isinstance(store.engine.pool, StaticPool):
        with store.engine.connect() as conn:
            known = dict(conn.execute(select(columns.id, columns.url).where(columns.url.is_not(None))).all())
        return known.get
    query = select(columns.url)

    @lru_cache(maxsize=cache_size)
    def url(article_id: str) -> str | None:
        try:
            with store.engine.connect() as conn:
                return conn.execute(query.where(columns.id == article_id)).scalar()
        except SQLAlchemyError as err:
            raise StoreError(f"reading the URL of article {article_id} from {store.url} failed: {err}") from err

    return url


class _Counter:
    """Passes events through, counting them, so exporters need not report their own count."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._events = events
        self.count = 0

    def __iter__(self) -> Iterator[Event]:
        for event in self._events:
            self.count += 1
            yield event
