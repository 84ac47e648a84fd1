"""The command line, end to end on the real pipeline: contracts, exit codes and bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from warwatch.cli import app

GOOD = "Gunmen killed four farmers near the village of Konduga in Borno state on Tuesday, police said.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.db")


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_cli_extract_json_is_valid_and_echoes_paths(runner, seed_path, events_schema, tmp_path) -> None:
    other = write(tmp_path / "b.txt", GOOD)
    result = runner.invoke(app, ["extract", str(seed_path), str(other), "--json", "--published", "2020-06-03"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, events_schema, format_checker=jsonschema.FormatChecker())
    assert [a["path"] for a in document["articles"]] == [str(seed_path), str(other)]
    assert {a["published"] for a in document["articles"]} == {"2020-06-03"}
    for event in document["events"]:
        for span in event["evidence"]:
            article_text = seed_path.read_text() if span["article_id"] == document["articles"][0]["id"] else GOOD
            assert article_text[span["start"] : span["end"]] == span["text"]


def test_cli_ingest_twice_stores_once(runner, tmp_path, db) -> None:
    write(tmp_path / "a.txt", GOOD)
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    second = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "1 already stored" in second.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
        ("unknown.txt", b"Caf\x81\x8d\x8f\x90\x9d killed \x81\x8d in \x90\x9d\x81 town", "encoding"),
        ("bad.json", b'{"text": "unterminated', "invalid JSON"),
        ("bad.jsonl", b'{"text": \n', "invalid JSON"),
        ("nothing.html", b"<html><body><script>alert(1)</script></body></html>", "no article text"),
    ],
)
def test_cli_bad_input_is_one_clear_line_and_the_batch_goes_on(runner, tmp_path, db, name, data, message) -> None:
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.txt", GOOD)
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--db", db])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and str(bad) in errors[0] and message in errors[0], result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


def test_cli_sidecar_with_bad_date_names_the_field(runner, tmp_path, db) -> None:
    article = write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "a.meta.json", '{"published": "last Tuesday"}')
    result = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert result.exit_code == 1
    assert "published" in result.stderr and "a.meta.json" in result.stderr


def test_cli_huge_file_is_refused_before_reading(runner, tmp_path, db) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = runner.invoke(app, ["ingest", str(huge), "--db", db])
    assert result.exit_code == 1
    assert "limit" in result.stderr


def test_cli_failure_loses_nothing_already_stored(runner, tmp_path, db) -> None:
    write(tmp_path / "a.txt", GOOD)
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    write(tmp_path / "empty.txt", b"")
    assert runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", db]).exit_code == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


def test_cli_folder_with_an_unreadable_entry(runner, tmp_path, db) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a.txt", GOOD)
    (folder / "b.txt").mkdir()  # a folder named like an article cannot be read as one
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code in (0, 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


def test_cli_usage_error_exits_2(runner) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["extract", "x.txt", "--published", "yesterday"]).exit_code == 2


def test_cli_events_and_show(runner, tmp_path, db) -> None:
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "a.meta.json", '{"published": "2020-06-03"}')
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["events", "--db", db])
    assert listing.exit_code == 0 and "Attack" in listing.stdout
    with sqlite3.connect(db) as conn:
        (event_id,) = conn.execute("select id from events").fetchone()
    shown = runner.invoke(app, ["show", event_id[:6], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "killed four farmers" in " ".join(shown.stdout.split())
    assert runner.invoke(app, ["show", "nope", "--db", db]).exit_code == 1
