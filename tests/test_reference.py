"""Tests of warwatch.reference: loading ACLED and UCDP files, bad files, filters, the migration, the CLI."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect
from typer.testing import CliRunner

from warwatch import reference, reference_csv
from warwatch.cli import app
from warwatch.errors import InputError, StoreError
from warwatch.export.acled import ACLED_COLUMNS
from warwatch.reference import iter_reference, load_reference, reference_sets
from warwatch.store import SqlStore, open_store

UCDP_COLUMNS = (
    "id relid year active_year type_of_violence conflict_name side_a side_b where_prec where_coordinates adm_1 "
    "adm_2 latitude longitude country region date_prec date_start date_end best high low source_office "
    "source_headline"
).split()


def acled_row(event_id: str, **fields: Any) -> dict[str, Any]:
    """An ACLED export row (values written for these tests), with ``fields`` changed."""
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row |= {
        "event_id_cnty": event_id,
        "event_date": "2020-05-09",
        "year": "2020",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Testland (2019-)",
        "assoc_actor_1": "Militia A; Militia B",
        "inter1": "1",
        "actor2": "Rebel Front",
        "inter2": "2",
        "interaction": "12",
        "country": "Nigeria",
        "iso3": "NGA",
        "admin1": "Borno",
        "location": "Konduga",
        "latitude": "11.65",
        "longitude": "13.42",
        "geo_precision": "1",
        "source": "Test Wire",
        "notes": "On 9 May 2020, soldiers and rebels fought near Konduga. 3 fatalities.",
        "fatalities": "3",
    }
    return row | fields


def ucdp_row(event_id: str, **fields: Any) -> dict[str, Any]:
    row = dict.fromkeys(UCDP_COLUMNS, "")
    row |= {
        "id": event_id,
        "type_of_violence": "1",
        "side_a": "Government of Testland",
        "side_b": "Rebel Front",
        "where_prec": "1",
        "where_coordinates": "Konduga town",
        "adm_1": "Borno state",
        "latitude": "11.65",
        "longitude": "13.42",
        "country": "Nigeria",
        "date_prec": "1",
        "date_start": "2020-05-09 00:00:00.000",
        "date_end": "2020-05-09 00:00:00.000",
        "best": "3",
        "low": "2",
        "high": "5",
    }
    return row | fields


def csv_text(rows: list[dict[str, Any]], columns: list[str] | tuple[str, ...], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(str(tmp_path / "ref.db")) as opened:
        yield opened


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    rows = [
        acled_row("TST1"),
        acled_row(
            "TST2",
            event_date="10 May 2020",
            time_precision="2",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Protesters (Testland)",
            inter1="6",
            actor2="",
            inter2="0",
            assoc_actor_1="",
            fatalities="0",
            iso3="UKR",
            country="Ukraine",
            latitude="50.45",
            longitude="30.52",
        ),
        acled_row("TST3", event_date="11-May-20", time_precision="3", inter1="State forces", inter2="Rebel group"),
    ]
    return write(tmp_path / "acled.csv", csv_text(rows, ACLED_COLUMNS))


# --- loading ACLED ------------------------------------------------------------------------------


def test_reference_loads_acled_rows_in_warwatchs_terms(store: SqlStore, acled_file: Path) -> None:
    result = load_reference(store, acled_file, kind="acled")
    assert (result.dataset, result.loaded, result.already_loaded, result.bad_rows) == ("acled", 3, 0, ())
    first, second, third = iter_reference(store, "acled")
    assert first.country == "NG" and first.assoc_actor_1 == ("Militia A", "Militia B")
    assert (first.inter1, first.inter2, first.fatalities, first.lat, first.geo_precision) == (1, 2, 3, 11.65, 1)
    assert (first.date_start, first.date_end) == (date(2020, 5, 9), date(2020, 5, 9))
    assert second.country == "UA" and second.actor2 is None and second.inter2 is None
    assert (second.date, second.date_start, second.date_end) == (date(2020, 5, 10), date(2020, 5, 7), date(2020, 5, 13))
    assert (third.date, third.date_start, third.date_end) == (date(2020, 5, 11), date(2020, 5, 1), date(2020, 5, 31))
    assert (third.inter1, third.inter2) == (1, 2)  # ACLED's newer files name the actor types


def test_reference_loading_twice_adds_nothing(store: SqlStore, acled_file: Path) -> None:
    load_reference(store, acled_file, kind="acled", name="a")
    again = load_reference(store, acled_file, kind="acled", name="a")
    assert (again.loaded, again.already_loaded) == (0, 3)
    assert [(found.name, found.events) for found in reference_sets(store)] == [("a", 3)]


def test_reference_datasets_are_separate_from_events(store: SqlStore, acled_file: Path) -> None:
    load_reference(store, acled_file, kind="acled", name="a")
    load_reference(store, acled_file, kind="acled", name="b")
    assert store.count_events() == 0
    assert [(found.name, found.kind, found.events, found.first, found.last) for found in reference_sets(store)] == [
        ("a", "acled", 3, date(2020, 5, 9), date(2020, 5, 11)),
        ("b", "acled", 3, date(2020, 5, 9), date(2020, 5, 11)),
    ]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({"country": "ua"}, ["TST2"]),
        ({"since": date(2020, 5, 12)}, ["TST2", "TST3"]),  # ranges overlapping the filter count, as for events
        ({"until": date(2020, 5, 8)}, ["TST2", "TST3"]),
        ({"event_type": "Protests"}, ["TST2"]),
        ({"sub_event_type": "Armed clash"}, ["TST1", "TST3"]),
        ({"actor": "rebel"}, ["TST1", "TST3"]),
        ({"min_fatalities": 1}, ["TST1", "TST3"]),
        ({"text": "KONDUGA"}, ["TST1", "TST2", "TST3"]),
        ({"limit": 1}, ["TST1"]),
    ],
)
def test_reference_filters_like_events(store: SqlStore, acled_file: Path, filters: dict, ids: list[str]) -> None:
    load_reference(store, acled_file, kind="acled")
    assert [row.source_id for row in iter_reference(store, "acled", **filters)] == ids


# --- bad files ----------------------------------------------------------------------------------


def test_reference_truncated_last_row_is_a_counted_warning(store: SqlStore, tmp_path: Path) -> None:
    text = csv_text([acled_row("TST1"), acled_row("TST2")], ACLED_COLUMNS)
    path = write(tmp_path / "cut.csv", text + text.splitlines()[1][:60].replace("TST1", "TST9"))
    result = load_reference(store, path, kind="acled")
    assert result.loaded == 2
    assert result.bad_rows == (
        f"{path}: line 4: 10 fields where the header has 31: the row is cut short "
        "(a truncated file, or an unclosed quote); row skipped",
    )


def test_reference_unclosed_quote_at_the_end_is_a_counted_warning(store: SqlStore, tmp_path: Path) -> None:
    text = csv_text([acled_row("TST1")], ACLED_COLUMNS)
    cut = text + text.splitlines()[1].replace("TST1", "TST2").split('"On 9 May')[0] + '"On 9 May 2020, sol'
    result = load_reference(store, write(tmp_path / "cut.csv", cut), kind="acled")
    assert result.loaded == 1
    assert len(result.bad_rows) == 1 and "line 3: 28 fields" in result.bad_rows[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"event_date": "2020-13-40"}, "field event_date: '2020-13-40' is not a date (write 2020-05-09)"),
        ({"sub_event_type": "Skirmish"}, "field sub_event_type: 'Skirmish' is not an ACLED sub-event type"),
        ({"event_type": "Riots"}, "field event_type: 'Armed clash' belongs to 'Battles', not 'Riots'"),
        ({"latitude": "95.1"}, "fields latitude/longitude: 95.1, 13.42 are outside -90..90, -180..180"),
        ({"longitude": "east"}, "fields latitude/longitude: '11.65', 'east' are not numbers"),
        ({"fatalities": "many"}, "field fatalities: 'many' is not a whole number"),
        ({"fatalities": "-2"}, "field fatalities: '-2' is not a whole number >= 0"),
        ({"time_precision": "4"}, "field time_precision: '4' is not one of 1, 2, 3"),
        ({"event_id_cnty": " "}, "field event_id_cnty is empty"),
    ],
)
def test_reference_bad_row_is_skipped_with_its_line(
    store: SqlStore, tmp_path: Path, change: dict, message: str
) -> None:
    path = write(tmp_path / "bad.csv", csv_text([acled_row("TST1"), acled_row("TST2", **change)], ACLED_COLUMNS))
    result = load_reference(store, path, kind="acled")
    assert result.loaded == 1
    assert result.bad_rows == (f"{path}: line 3: {message}; row skipped",)


def test_reference_repeated_id_is_skipped(store: SqlStore, tmp_path: Path) -> None:
    path = write(tmp_path / "twice.csv", csv_text([acled_row("TST1"), acled_row("TST1")], ACLED_COLUMNS))
    result = load_reference(store, path, kind="acled")
    assert result.loaded == 1
    assert result.bad_rows == (f"{path}: line 3: id 'TST1' repeats line 2; row skipped",)


def test_reference_wrong_columns_are_refused_and_nothing_is_lost(
    store: SqlStore, acled_file: Path, tmp_path: Path
) -> None:
    load_reference(store, acled_file, kind="acled")
    columns = [{"event_date": "date", "latitude": "lat"}.get(name, name) for name in ACLED_COLUMNS]
    row = {{"event_date": "date", "latitude": "lat"}.get(k, k): v for k, v in acled_row("TST7").items()}
    path = write(tmp_path / "renamed.csv", csv_text([row], columns))
    with pytest.raises(InputError) as caught:
        load_reference(store, path, kind="acled")
    assert str(caught.value).startswith(
        f"{path}: line 1: not an ACLED export file: columns missing: "
        "event_date (is it 'date'?), latitude (is it 'lat'?); the header has: data_id, iso,"
    )
    assert str(caught.value).endswith("Rename the columns, or load it with --ucdp")
    assert [row.source_id for row in iter_reference(store, "acled")] == ["TST1", "TST2", "TST3"]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_reference_reads_other_delimiters(store: SqlStore, tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path / "other.csv", csv_text([acled_row("TST1"), acled_row("TST2")], ACLED_COLUMNS, delimiter))
    assert load_reference(store, path, kind="acled").loaded == 2


def test_reference_header_names_ignore_case_and_spaces(store: SqlStore, tmp_path: Path) -> None:
    text = csv_text([acled_row("TST1")], ACLED_COLUMNS)
    header, rest = text.split("\n", 1)
    path = write(tmp_path / "caps.csv", header.upper().replace("EVENT_DATE", " Event Date ") + "\n" + rest)
    assert load_reference(store, path, kind="acled").loaded == 1
    assert next(iter_reference(store, "acled")).date == date(2020, 5, 9)


def test_reference_other_encoding_is_refused_with_the_fix(store: SqlStore, tmp_path: Path) -> None:
    text = csv_text([acled_row("TST1", location="Kébbé")], ACLED_COLUMNS)
    path = write(tmp_path / "latin.csv", text.encode("cp1252"))
    with pytest.raises(
        InputError, match=r"line 2: the file is not utf-8 text \(invalid continuation byte\); .*--encoding"
    ):
        load_reference(store, path, kind="acled")
    assert load_reference(store, path, kind="acled", encoding="cp1252").loaded == 1
    assert next(iter_reference(store, "acled")).location == "Kébbé"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_reference_reads_files_with_a_bom(store: SqlStore, tmp_path: Path, codec: str) -> None:
    text = csv_text([acled_row("TST1", location="Kébbé")], ACLED_COLUMNS)
    path = write(tmp_path / "bom.csv", text.encode(codec))
    assert load_reference(store, path, kind="acled").loaded == 1
    assert next(iter_reference(store, "acled")).location == "Kébbé"


def test_reference_bad_bytes_late_in_the_file_load_nothing(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference_csv, "_SAMPLE_BYTES", 64)  # as if the bad byte lay beyond the first megabyte
    monkeypatch.setattr(reference, "_BATCH", 1)  # the first rows are already inserted when it is met
    text = csv_text([acled_row("TST1"), acled_row("TST2"), acled_row("TST3", location="Kébbé")], ACLED_COLUMNS)
    path = write(tmp_path / "late.csv", text.encode("utf-8").replace("é".encode(), b"\xe9"))
    with pytest.raises(InputError, match=r"late\.csv: line \d: bytes that are not utf-8 .*nothing was loaded"):
        load_reference(store, path, kind="acled")
    assert reference_sets(store) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty; give an ACLED or UCDP CSV export"),
        (",".join(ACLED_COLUMNS).encode() + b"\n", "no readable row, nothing loaded (it has a header but no rows)"),
    ],
)
def test_reference_empty_files_are_refused(store: SqlStore, tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path / "empty.csv", data)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: {re.escape(message)}$"):
        load_reference(store, path, kind="acled")


def test_reference_missing_file_is_refused(store: SqlStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.csv: cannot open the file \(No such file or directory\)"):
        load_reference(store, tmp_path / "nope.csv", kind="acled")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_reference_any_bytes_raise_only_input_error(store: SqlStore, tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "any.csv", data)
    with contextlib.suppress(InputError):
        load_reference(store, path, kind="acled", name="fuzz")


def test_reference_any_bytes_after_a_header_raise_only_input_error(store: SqlStore, tmp_path: Path) -> None:
    @settings(max_examples=40, deadline=None)
    @given(tail=st.binary(max_size=300))
    def check(tail: bytes) -> None:
        path = write(tmp_path / "tail.csv", ",".join(ACLED_COLUMNS).encode() + b"\n" + tail)
        with contextlib.suppress(InputError):
            load_reference(store, path, kind="acled", name="fuzz")

    check()


# --- UCDP ---------------------------------------------------------------------------------------


def test_reference_loads_ucdp_ged(store: SqlStore, tmp_path: Path) -> None:
    rows = [
        ucdp_row("101"),
        ucdp_row(
            "102",
            type_of_violence="3",
            side_b="Civilians",
            where_prec="4",
            date_prec="4",
            date_start="2020-05-01",
            date_end="2020-05-31",
            country="Yemen (North Yemen)",
        ),
    ]
    result = load_reference(store, write(tmp_path / "ged.csv", csv_text(rows, UCDP_COLUMNS)), kind="ucdp")
    assert (result.dataset, result.loaded, result.bad_rows) == ("ucdp", 2, ())
    clash, attack = sorted(iter_reference(store, "ucdp"), key=lambda row: row.source_id)
    assert (clash.event_type, clash.sub_event_type, clash.country) == ("Battles", "Armed clash", "NG")
    assert (clash.fatalities, clash.fatalities_low, clash.fatalities_high, clash.date) == (3, 2, 5, date(2020, 5, 9))
    assert (attack.event_type, attack.sub_event_type, attack.country) == ("Violence against civilians", "Attack", "YE")
    assert (attack.geo_precision, attack.time_precision, attack.date_end) == (3, 3, date(2020, 5, 31))


def test_reference_ucdp_file_given_as_acled_suggests_ucdp(store: SqlStore, tmp_path: Path) -> None:
    path = write(tmp_path / "ged.csv", csv_text([ucdp_row("101")], UCDP_COLUMNS))
    with pytest.raises(InputError, match=r"not an ACLED export file: columns missing: event_id_cnty.*--ucdp$"):
        load_reference(store, path, kind="acled")


def test_reference_kinds_do_not_mix_in_one_dataset(store: SqlStore, acled_file: Path, tmp_path: Path) -> None:
    load_reference(store, acled_file, kind="acled", name="mixed")
    path = write(tmp_path / "ged.csv", csv_text([ucdp_row("101")], UCDP_COLUMNS))
    with pytest.raises(StoreError, match="reference dataset 'mixed' holds acled rows, not ucdp; give another --name"):
        load_reference(store, path, kind="ucdp", name="mixed")


# --- schema -------------------------------------------------------------------------------------


def test_reference_migration_matches_the_table(store: SqlStore) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _only_reference})
        assert compare_metadata(context, reference.metadata) == []


def _only_reference(name: str | None, kind: str, parent: dict) -> bool:
    return kind != "table" or name == "reference_events"


def test_reference_migration_goes_down_and_up(store: SqlStore, acled_file: Path) -> None:
    load_reference(store, acled_file, kind="acled")
    store.downgrade("0002")
    assert "reference_events" not in inspect(store.engine).get_table_names()
    store.upgrade()
    assert reference_sets(store) == []
    assert load_reference(store, acled_file, kind="acled").loaded == 3


# --- CLI ----------------------------------------------------------------------------------------


def test_reference_cli_loads_and_lists(acled_file: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    loaded = CliRunner().invoke(app, ["reference", "load", "--acled", str(acled_file), "--name", "test", "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert "3 reference event(s) loaded into 'test'; 0 already loaded; 0 bad row(s) skipped" in loaded.stderr
    listed = CliRunner().invoke(app, ["reference", "list", "--db", db])
    assert listed.exit_code == 0 and "test" in listed.stdout and "2020-05-11" in listed.stdout


def test_reference_cli_bad_rows_are_listed_and_exit_1(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", csv_text([acled_row("TST1"), acled_row("TST2", fatalities="x")], ACLED_COLUMNS))
    result = CliRunner().invoke(app, ["reference", "load", "--acled", str(path), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert f"Warning: {path}: line 3: field fatalities: 'x' is not a whole number; row skipped" in result.stderr
    assert "1 reference event(s) loaded into 'acled'; 0 already loaded; 1 bad row(s) skipped" in result.stderr


def test_reference_cli_refused_file_is_one_error_line(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "a,b\n1,2\n")
    result = CliRunner().invoke(app, ["reference", "load", "--ucdp", str(path), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: line 1: not a UCDP GED file: columns missing: id, ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("options", [[], ["--acled", "a.csv", "--ucdp", "b.csv"]])
def test_reference_cli_needs_exactly_one_file(tmp_path: Path, options: list[str]) -> None:
    result = CliRunner().invoke(app, ["reference", "load", *options, "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 2
    assert "give exactly one of --acled FILE or --ucdp FILE" in result.stderr
