"""CSV export in ACLED's layout (``acled-csv.v1``): a script written for ACLED's files reads ours unchanged.

In: events (streamed) and a binary output. Out: UTF-8 CSV without BOM (RFC 4180: CRLF line ends;
a field holding a delimiter, quote, CR or LF is quoted) whose header is ACLED's 31 columns in
ACLED's order, then warwatch's own (``columns.OWN_COLUMNS``). Lists are joined with "; " as ACLED
joins associated actors and sources; claims, evidence and conflicts are JSON arrays; a missing
value is an empty field. Dates are ISO (2020-05-09). One row is written per event as it arrives,
so nothing is held in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, Any

from ..model import Event
from .columns import COLUMNS, JSON_COLUMNS, LIST_COLUMNS, ArticleUrls, event_row


class AcledCsvExporter:
    """Writes ACLED-layout CSV; ``article_urls`` fills the article_urls column (else it stays empty)."""

    suffix = ".csv"

    def __init__(self, *, article_urls: ArticleUrls | None = None) -> None:
        self.article_urls = article_urls

    def write(self, events: Iterable[Event], out: IO[bytes]) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        converters = [(name, _converter(name)) for name in COLUMNS]
        try:
            # CRLF, not LF: the writer quotes the characters of its line terminator, and readers end lines at a
            # bare CR too, so a CR inside a field must be quoted.
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for event in events:
                row = event_row(event, article_urls=self.article_urls)
                writer.writerow([convert(row[name]) for name, convert in converters])
            text.flush()
        finally:
            text.detach()  # the caller owns ``out``: leave it open


_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _converter(name: str) -> Callable[[Any], str | int | float]:
    """How ACLED's CSV writes one column's values: "" for none, "; "-joined lists, JSON for nested data."""
    if name in JSON_COLUMNS:
        return lambda value: "" if value is None else _to_json(value)
    if name in LIST_COLUMNS:
        return lambda value: "" if value is None else "; ".join(value)
    return _plain


def _plain(value: Any) -> str | int | float:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else value


def acled_csv_exporter(*, article_urls: ArticleUrls | None = None) -> AcledCsvExporter:
    """Entry point ``acled-csv.v1``."""
    return AcledCsvExporter(article_urls=article_urls)
