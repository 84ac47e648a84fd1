"""Parquet export (``parquet.v1``): one typed events table, claims as a nested list column.

In: events (streamed) and a binary output. Out: a Parquet file (pyarrow, zstd) with the columns
of ``columns.COLUMNS``: dates as ``date32``, codes and counts as integers, coordinates as
``float64``, actor/source/article lists as ``list<string>``, and ``claims`` and ``evidence`` as
lists of structs, so pandas, polars and DuckDB read the claims without parsing JSON. Events are
written ``batch_size`` at a time (one row group each): memory stays flat however many there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Event
from .columns import COLUMNS, ArticleUrls, event_row

BATCH_SIZE = 5_000  # rows per row group; each batch costs about 6 KB of Python objects per event

_SPAN = pa.struct([("article_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
_CLAIM = pa.struct(
    [
        ("source", pa.string()),
        ("value", pa.int64()),
        ("qualifier", pa.string()),
        ("certainty", pa.string()),
        ("span", _SPAN),
    ]
)
_TYPES: dict[str, pa.DataType] = {
    "data_id": pa.int64(),
    "iso": pa.int32(),
    "event_id_no_cnty": pa.int64(),
    "event_date": pa.date32(),
    "year": pa.int32(),
    "time_precision": pa.int8(),
    "assoc_actor_1": pa.list_(pa.string()),
    "inter1": pa.int8(),
    "assoc_actor_2": pa.list_(pa.string()),
    "inter2": pa.int8(),
    "interaction": pa.int16(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": pa.int8(),
    "source": pa.list_(pa.string()),
    "fatalities": pa.int32(),
    "timestamp": pa.int64(),
    "fatalities_low": pa.int32(),
    "fatalities_high": pa.int32(),
    "fatalities_best": pa.int32(),
    "claims": pa.list_(_CLAIM),
    "article_urls": pa.list_(pa.string()),
    "article_ids": pa.list_(pa.string()),
    "date_start": pa.date32(),
    "date_end": pa.date32(),
    "geonameid": pa.int64(),
    "evidence": pa.list_(_SPAN),
    "confidence": pa.float64(),
    "conflicts": pa.list_(pa.string()),
}
SCHEMA = pa.schema(
    [pa.field(name, _TYPES.get(name, pa.string())) for name in COLUMNS],
    metadata={"warwatch.format": "parquet.v1"},
)


class ParquetExporter:
    """Writes one Parquet file, ``batch_size`` events per row group."""

    suffix = ".parquet"

    def __init__(self, *, article_urls: ArticleUrls | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.article_urls = article_urls
        self.batch_size = batch_size

    def write(self, events: Iterable[Event], out: IO[bytes]) -> None:
        with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
            for batch in self._batches(events):
                writer.write_table(pa.Table.from_pydict(batch, schema=SCHEMA))

    def _batches(self, events: Iterable[Event]) -> Iterator[dict[str, list[Any]]]:
        """Columns of ``batch_size`` events at a time (lists of values: lighter than one dict per row)."""
        rows = (event_row(event, article_urls=self.article_urls) for event in events)
        while True:
            columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
            for row in islice(rows, self.batch_size):
                for name, values in columns.items():
                    values.append(row[name])
            if not columns["event_id_cnty"]:
                return
            yield columns


def parquet_exporter(*, article_urls: ArticleUrls | None = None, batch_size: int = BATCH_SIZE) -> ParquetExporter:
    """Entry point ``parquet.v1``."""
    return ParquetExporter(article_urls=article_urls, batch_size=batch_size)
