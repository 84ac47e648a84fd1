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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..model import Event
from ..registry import Exporter, exporters, resolve
from ..store import SqlStore
from ..store.tables import article_table
from .columns import COLUMNS, ArticleUrls

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ExportResult",
    "StoreArticleUrls",
    "article_url_lookup",
    "export_events",
    "get_exporter",
]

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
    """Write ``events`` to ``out`` in format ``fmt``, streaming; see the module docstring.

    ``article_urls`` fills the article_urls column; a ``StoreArticleUrls`` is asked for the URLs of
    each chunk of events before the exporter sees them, one query per chunk.
    """
    exporter = get_exporter(fmt, article_urls=article_urls)
    if isinstance(article_urls, StoreArticleUrls):
        events = article_urls.prefetching(events)
    counter = _Counter(events)
    exporter.write(counter, out)
    left_out = int(getattr(exporter, "left_out", 0))
    return ExportResult(exporter=FORMATS.get(fmt, fmt), written=counter.count - left_out, left_out=left_out)


def article_url_lookup(store: SqlStore) -> StoreArticleUrls:
    """The URLs of the store's articles, by article id, for ``export_events(..., article_urls=...)``."""
    return StoreArticleUrls(store)


class StoreArticleUrls:
    """article id -> URL from the store, read a chunk of events ahead (one query per chunk), cached.

    Make it before iterating the events: an in-memory SQLite store has one connection, which
    ``iter_events`` holds while it streams, so its URLs are all read up front.
    """

    def __init__(self, store: SqlStore, *, chunk: int = 500, cache_size: int = 100_000) -> None:
        self._store = store
        self._chunk = chunk
        self._cache_size = cache_size
        self._urls: dict[str, str | None] = {}
        self._preloaded = isinstance(store.engine.pool, StaticPool)
        if self._preloaded:
            self._urls = dict(self._query(article_table.c.url.is_not(None)))

    def __call__(self, article_id: str) -> str | None:
        if article_id not in self._urls and not self._preloaded:
            self._fetch([article_id])
        return self._urls.get(article_id)

    def prefetching(self, events: Iterable[Event]) -> Iterator[Event]:
        """The events, unchanged, with the URLs of each chunk's articles fetched before the chunk is passed on."""
        iterator = iter(events)
        while chunk := list(islice(iterator, self._chunk)):
            if not self._preloaded:
                self._fetch({article_id for event in chunk for article_id in event.articles})
            yield from chunk

    def _fetch(self, article_ids: Iterable[str]) -> None:
        missing = [article_id for article_id in article_ids if article_id not in self._urls]
        if not missing:
            return
        if len(self._urls) + len(missing) > self._cache_size:
            self._urls.clear()
        self._urls.update(dict.fromkeys(missing))
        self._urls.update(self._query(article_table.c.id.in_(missing)))

    def _query(self, where: ColumnElement[bool]) -> list[tuple[str, str | None]]:
        columns = article_table.c
        try:
            with self._store.engine.connect() as conn:
                return [(row.id, row.url) for row in conn.execute(select(columns.id, columns.url).where(where))]
        except SQLAlchemyError as err:
            raise StoreError(f"reading article URLs from {self._store.url} failed: {err}; retry") from err


class _Counter:
    """Passes events through, counting them, so exporters need not report their own count."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._events = events
        self.count = 0

    def __iter__(self) -> Iterator[Event]:
        for event in self._events:
            self.count += 1
            yield event
