"""Tests of warwatch.export.parquet: typed columns, claims as a nested list, read back by pyarrow, pandas,
polars and DuckDB; batches; CLI."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.export import COLUMNS, export_events, get_exporter
from warwatch.model import Event


def export_parquet(events: list[Event], path: Path | None = None) -> pa.Table:
    out = io.BytesIO()
    export_events(iter(events), "parquet", out)
    if path:
        path.write_bytes(out.getvalue())
    return pq.read_table(io.BytesIO(out.getvalue()))


@pytest.fixture
def parquet_file(events: list[Event], tmp_path: Path) -> Path:
    path = tmp_path / "events.parquet"
    export_parquet(events, path)
    return path


def test_parquet_columns_are_typed(events: list[Event]) -> None:
    schema = export_parquet(events).schema
    assert schema.names == list(COLUMNS)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("assoc_actor_1").type == pa.list_(pa.string())
    claim = schema.field("claims").type.value_type
    assert [claim.field(i).name for i in range(claim.num_fields)] == [
        "source",
        "value",
        "qualifier",
        "certainty",
        "span",
    ]


def test_parquet_round_trip_with_pyarrow_gives_the_same_events(events: list[Event], row_reader) -> None:
    back = [row_reader(row) for row in export_parquet(events).to_pylist()]
    assert back == events


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_parquet_round_trip_any_event(data: st.DataObject, event_strategy, row_reader) -> None:
    events = data.draw(st.lists(event_strategy, max_size=4))
    assert [row_reader(row) for row in export_parquet(events).to_pylist()] == events


def test_parquet_reads_in_pandas(parquet_file: Path, events: list[Event]) -> None:
    frame = pd.read_parquet(parquet_file)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["event_id_cnty"].tolist() == [event.id for event in events]
    assert frame["fatalities"].tolist() == [4, 0, 0]
    claims = frame.loc[0, "claims"]
    assert [(c["source"], c["value"], c["qualifier"]) for c in claims] == [
        ("Syrian Observatory for Human Rights", 4, "at least"),
        (None, 6, "exact"),
    ]
    assert str(frame.loc[0, "event_date"]) == "2017-09-26"


def test_parquet_reads_in_polars(parquet_file: Path, events: list[Event]) -> None:
    frame = pl.read_parquet(parquet_file)
    assert frame.columns == list(COLUMNS)
    assert frame.schema["event_date"] == pl.Date
    claims = frame.select("event_id_cnty", "claims").explode("claims").unnest("claims").drop_nulls("value")
    assert claims.select("event_id_cnty", "value", "certainty").rows() == [
        ("ev-aleppo", 4, "reported"),
        ("ev-aleppo", 6, "unverified"),
    ]
    assert frame["inter1"].to_list() == [1, 6, None]


def test_parquet_reads_in_duckdb(parquet_file: Path) -> None:
    connection = duckdb.connect()
    try:
        rows = connection.execute(
            "SELECT event_id_cnty, c.value, c.span.text FROM read_parquet(?), unnest(claims) AS t(c) ORDER BY c.value",
            [str(parquet_file)],
        ).fetchall()
        counts = connection.execute(
            "SELECT event_type, count(*), sum(fatalities) FROM read_parquet(?) GROUP BY 1 ORDER BY 1",
            [str(parquet_file)],
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("ev-aleppo", 4, "4"), ("ev-aleppo", 6, "2")]
    assert counts == [("Battles", 1, 0), ("Explosions/Remote violence", 1, 4), ("Protests", 1, 0)]


def test_parquet_writes_one_row_group_per_batch(events: list[Event]) -> None:
    out = io.BytesIO()
    get_exporter("parquet", batch_size=10).write((replace(events[0], id=f"e{i}") for i in range(25)), out)
    parquet = pq.ParquetFile(io.BytesIO(out.getvalue()))
    assert [parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)] == [10, 10, 5]


def test_parquet_of_no_events_has_the_schema_and_no_rows() -> None:
    table = export_parquet([])
    assert table.num_rows == 0
    assert table.schema.names == list(COLUMNS)


def test_parquet_export_cli_writes_a_file(db_with_events: str, tmp_path: Path, events: list[Event], row_reader) -> None:
    target = tmp_path / "events.parquet"
    result = CliRunner().invoke(app, ["export", "-f", "parquet", "-o", str(target), "--db", db_with_events])
    assert result.exit_code == 0, result.output
    back = [row_reader(row) for row in pq.read_table(target).to_pylist()]
    assert back == events
