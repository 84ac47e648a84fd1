"""Tests of warwatch.export.csv: ACLED's header and codes, round trips through csv and pandas, streaming, CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.errors import ConfigError
from warwatch.export import COLUMNS, FORMATS, article_url_lookup, export_events, get_exporter
from warwatch.export.acled import ACLED_COLUMNS
from warwatch.export.columns import JSON_COLUMNS, LIST_COLUMNS, OWN_COLUMNS
from warwatch.model import Article, Event
from warwatch.store import open_store

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export-columns.md"
INTS = {"iso", "year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
        "fatalities_low", "fatalities_high", "fatalities_best", "geonameid"}  # fmt: skip
FLOATS = {"latitude", "longitude", "confidence"}
DATES = {"event_date", "date_start", "date_end"}


def export_csv(events: list[Event], **settings: Any) -> bytes:
    out = io.BytesIO()
    export_events(iter(events), "csv", out, **settings)
    return out.getvalue()


def typed(name: str, value: str) -> Any:
    """One CSV field as the typed value ``columns.event_row`` gave."""
    if name in LIST_COLUMNS:
        return value.split("; ") if value else []
    if name in JSON_COLUMNS:
        return json.loads(value)
    if value == "":
        return None
    if name in INTS:
        return int(value)
    if name in FLOATS:
        return float(value)
    return date.fromisoformat(value) if name in DATES else value


def read_rows(data: bytes) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return [{name: typed(name, value) for name, value in row.items()} for row in reader]


def test_csv_header_is_acleds_31_columns_then_ours(shared_dir: Path, events: list[Event]) -> None:
    with (shared_dir / "dev" / "acled-notes" / "rows.csv").open(encoding="utf-8", newline="") as handle:
        acled_header = next(csv.reader(handle))
    header = next(csv.reader(io.StringIO(export_csv(events).decode())))
    assert len(acled_header) == 31
    assert header[:31] == acled_header == list(ACLED_COLUMNS)
    assert header[31:] == list(OWN_COLUMNS)
    assert header[31:36] == ["fatalities_low", "fatalities_high", "fatalities_best", "claims", "status"]


def test_csv_round_trip_gives_the_same_events(events: list[Event], row_reader: Callable) -> None:
    back = [row_reader(row) for row in read_rows(export_csv(events))]
    assert [event.to_dict() for event in back] == [event.to_dict() for event in events]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_csv_round_trip_any_event(data: st.DataObject, event_strategy: st.SearchStrategy, row_reader) -> None:
    events = data.draw(st.lists(event_strategy, max_size=4))
    back = [row_reader(row) for row in read_rows(export_csv(events))]
    assert [event.to_dict() for event in back] == [event.to_dict() for event in events]


@pytest.mark.parametrize(
    ("index", "column", "expected"),
    [
        (0, "iso", "760"),
        (0, "iso3", "SYR"),
        (0, "country", "Syria"),
        (0, "region", "Middle East"),
        (0, "event_date", "2017-09-26"),
        (0, "year", "2017"),
        (0, "inter1", "1"),
        (0, "inter2", "7"),
        (0, "interaction", "17"),
        (0, "assoc_actor_1", "Hezbollah; Military Forces of Russia (2000-)"),
        (0, "source", "Syrian Observatory for Human Rights"),
        (0, "fatalities", "4"),
        (0, "fatalities_low", "4"),
        (0, "fatalities_high", "6"),
        (0, "latitude", "36.20124"),
        (0, "longitude", "37.16117"),
        (0, "geo_precision", "1"),
        (0, "article_urls", ""),
        (0, "date_start", "2017-09-25"),
        (1, "inter2", "0"),  # ACLED writes 0 where there is no second actor
        (1, "interaction", "60"),  # and inter1 * 10 for a sole actor
        (1, "fatalities", "0"),
        (1, "fatalities_best", ""),
        (1, "latitude", ""),
        (1, "region", ""),
        (2, "inter1", ""),  # a named actor of unknown type: no code rather than a wrong one
        (2, "interaction", ""),
        (2, "time_precision", "2"),
        (2, "status", "claimed"),
    ],
)
def test_csv_values_as_acled_writes_them(events: list[Event], index: int, column: str, expected: str) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(events).decode())))
    assert rows[index][column] == expected


def test_csv_claims_column_is_the_schema_json(events: list[Event]) -> None:
    row = next(csv.DictReader(io.StringIO(export_csv(events).decode())))
    claims = json.loads(row["claims"])
    assert claims == [claim.to_dict() for claim in events[0].fatalities.claims]
    assert [c["qualifier"] for c in claims] == ["at least", "exact"]


def test_csv_reads_in_pandas_like_an_acled_file(events: list[Event], row_reader) -> None:
    frame = pd.read_csv(io.BytesIO(export_csv(events)), parse_dates=["event_date"], keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["event_date"].dt.year.tolist() == [2017, 2017, 2017]
    assert frame["fatalities"].tolist() == [4, 0, 0]
    assert frame["event_type"].tolist() == [event.event_type for event in events]
    assert json.loads(frame.loc[0, "claims"])[0]["value"] == 4


def test_csv_article_urls_come_from_the_lookup(events: list[Event]) -> None:
    rows = read_rows(export_csv(events, article_urls={events[0].articles[0]: "https://example.org/a"}.get))
    assert [row["article_urls"] for row in rows] == [["https://example.org/a"], ["https://example.org/a"], []]


def _sizes(events: list[Event], out: io.BytesIO, sizes: list[int]) -> Iterator[Event]:
    """Yields the events, noting the output's size before the first and after half of them."""
    for i, event in enumerate(events):
        if i in (0, len(events) // 2):
            sizes.append(len(out.getvalue()))
        yield event


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_streams_rows_while_reading(events: list[Event], fmt: str) -> None:
    """A writer that held every event before writing would have written nothing more by half-way."""
    sizes: list[int] = []
    out = io.BytesIO()
    get_exporter(fmt, batch_size=100).write(
        _sizes([replace(events[0], id=f"e{i}") for i in range(1000)], out, sizes), out
    )
    assert sizes[1] > sizes[0]


@pytest.mark.parametrize(("fmt", "name"), [*FORMATS.items(), ("acled-csv.v1", "acled-csv.v1")])
def test_export_formats_resolve_to_registered_exporters(fmt: str, name: str) -> None:
    exporter = get_exporter(fmt)
    assert exporter.suffix == {"acled-csv.v1": ".csv", "json.v1": ".json", "geojson.v1": ".geojson"}.get(
        name, ".parquet"
    )


def test_export_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown exporters component 'xlsx'; known: acled-csv\.v1, .*parquet\.v1"):
        get_exporter("xlsx")


def test_csv_every_column_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert set(COLUMNS) <= documented
    assert {f"`{name}`" for name in FORMATS.values()} <= set(re.findall(r"`[a-z-]+\.v1`", DOCS.read_text()))


def test_csv_export_cli_writes_the_file_and_fills_urls(db_with_events: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "events.csv"
    target.parent.mkdir()
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(target), "--db", db_with_events])
    assert result.exit_code == 0, result.output
    assert "3 event(s) written to" in result.stderr
    rows = read_rows(target.read_bytes())
    assert [row["event_id_cnty"] for row in rows] == ["ev-aleppo", "ev-protest", "ev-clash"]
    assert rows[0]["article_urls"] == ["https://example.org/aleppo"]
    assert not list(tmp_path.glob("out/*.part"))


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (["--country", "SY"], ["ev-aleppo", "ev-clash"]),
        (["--since", "2017-09-27"], ["ev-protest", "ev-clash"]),
        (["--type", "Protests"], ["ev-protest"]),
        (["--min-fatalities", "1"], ["ev-aleppo"]),
        (["--actor", "protesters"], ["ev-protest"]),
        (["--limit", "1"], ["ev-aleppo"]),
    ],
)
def test_csv_export_cli_filters_like_events(db_with_events: str, options: list[str], ids: list[str]) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--db", db_with_events, "-q", *options])
    assert result.exit_code == 0, result.output
    assert [row["event_id_cnty"] for row in read_rows(result.stdout_bytes)] == ids


def test_export_cli_refuses_an_unknown_format(db_with_events: str) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "xlsx", "--db", db_with_events])
    assert result.exit_code == 2
    assert "xlsx" in result.stderr


@pytest.mark.parametrize("where", ["file", "memory"])
def test_csv_article_urls_from_the_store(events: list[Event], tmp_path: Path, where: str) -> None:
    """An in-memory store has one connection, busy streaming events: its URLs are read up front."""
    url = f"sqlite:///{tmp_path / 'urls.db'}" if where == "file" else "sqlite://"
    with open_store(url) as store:
        source = Article(text="Shelling hit the town.", url="https://example.org/t")
        store.add_article(source, [replace(events[0], articles=(source.id,))])
        out = io.BytesIO()
        export_events(store.iter_events(), "csv", out, article_urls=article_url_lookup(store))
    assert read_rows(out.getvalue())[0]["article_urls"] == ["https://example.org/t"]
