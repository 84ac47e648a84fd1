"""Tests of warwatch.batch: inputs (folders, JSONL, WARC), resuming, failures, and Ray equal to one process.

Most tests run the no-Ray path (``LocalExtractor``); the few Ray tests share one local Ray
(``ray_session``) and one set of Ray workers. The articles are short reports invented here.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warwatch import batch, cli
from warwatch.batch import LocalExtractor, RayExtractor, input_files, read_inputs, read_warc, run_batch
from warwatch.errors import ConfigError
from warwatch.model import Article
from warwatch.pipeline import Pipeline
from warwatch.store import SqlStore, open_store

PLACES = ["Homs", "Idlib", "Kharkiv", "Maiduguri", "Kismayo", "Kandahar", "Taiz"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "Government troops clashed with rebel fighters near {place} on {day}, killing at least {n} fighters, "
    "a local monitor said.",
    "Fighting broke out between the army and rebels outside {place} on {day}; {n} people were killed, "
    "according to a rights group.",
    "An airstrike hit a crowded market in {place} on {day}, killing {n} civilians, residents said.",
    "Hundreds of protesters gathered in {place} on {day} to demand higher wages. The rally ended peacefully.",
    "Gunmen abducted {n} farmers outside {place} on {day}, police said.",
    "A roadside bomb exploded near a convoy in {place} on {day}, wounding {n} soldiers.",
]


def reports(count: int) -> list[dict[str, Any]]:
    """JSONL records of invented reports; consecutive pairs often tell of one event (to be merged)."""
    records = []
    for n in range(count):
        event = n // 2  # two reports per event: same place and day, other wording and figure
        template = TEMPLATES[(event + n % 2) % 2] if event % 3 == 0 else TEMPLATES[(event + n) % len(TEMPLATES)]
        text = template.format(place=PLACES[event % len(PLACES)], day=DAYS[event % len(DAYS)], n=3 + n % 9)
        records.append({"id": f"report-{n:03d}", "text": f"Report {n}. {text}", "published": "2024-03-10"})
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def ingest_one_by_one(store: SqlStore, articles: list[Article], pipeline: Pipeline) -> None:
    """What `warwatch ingest` does: one article after the other, in this process."""
    for article in articles:
        if not store.has_article(article.id):
            store.add_article(article, pipeline(article))


def contents(store: SqlStore) -> tuple[list[dict[str, Any]], list[str]]:
    """The stored events (by content) and article ids, in a stable order."""
    events = sorted((event.to_dict() for event in store.iter_events()), key=lambda item: json.dumps(item))
    return events, sorted(article.id for article in store.iter_articles())


REPORTS = reports(24)


@pytest.fixture
def local(pipeline: Pipeline) -> LocalExtractor:
    return LocalExtractor(pipeline)


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> tuple[list[Any], list[str]]:
    """What a single-process ingest of REPORTS stores: the reference every batch must equal."""
    source = write_jsonl(tmp_path_factory.mktemp("reference") / "reports.jsonl", REPORTS)
    with open_store(str(source.with_suffix(".db"))) as store:
        ingest_one_by_one(store, list(read_inputs([source])), pipeline)
        return contents(store)


# --- inputs -----------------------------------------------------------------------------------


ARCHIVED = {"WARC-Date": "2024-03-05T10:00:00Z"}


def write_warc(path: Path) -> Path:
    """Two pages (an HTML response, a plain-text resource) among records that are not articles."""
    html = b"<html><head><title>Clash</title></head><body><article><p>" + TEMPLATES[0].format(
        place="Homs", day="Monday", n=7
    ).encode() + b"</p></article></body></html>"  # fmt: skip
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)

        def response(url: str, status: str, kind: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            headers.headers.append(("Content-Length", str(len(body))))
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                               http_headers=headers, warc_headers_dict=ARCHIVED)  # fmt: skip
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response("https://news.test/clash", "200 OK", "text/html; charset=utf-8", html)
        response("https://news.test/missing", "404 Not Found", "text/html", b"<html><body>gone</body></html>")
        response("https://news.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        text = TEMPLATES[4].format(place="Maiduguri", day="Thursday", n=4).encode()
        writer.write_record(writer.create_warc_record("https://news.test/wire.txt", "resource",
                            payload=BytesIO(text), length=len(text), warc_content_type="text/plain"))  # fmt: skip
    return path


def test_batch_reads_warc_pages_only(tmp_path: Path) -> None:
    problems: list[str] = []
    articles = list(read_warc(write_warc(tmp_path / "crawl.warc.gz"), errors=problems))
    assert [article.url for article in articles] == ["https://news.test/clash", "https://news.test/wire.txt"]
    assert articles[0].text.startswith("Government troops clashed with rebel fighters near Homs")
    assert articles[0].published is not None and articles[0].published.isoformat() == "2024-03-05"  # WARC-Date
    assert {article.path for article in articles} == {str(tmp_path / "crawl.warc.gz")}
    assert problems == []


def test_batch_input_files_walk_folders_for_warc_too(tmp_path: Path) -> None:
    (tmp_path / "in" / ".hidden").mkdir(parents=True)
    for name in ["b.txt", "a.warc.gz", "c.jsonl", "b.meta.json", "notes.md", ".hidden/x.txt"]:
        (tmp_path / "in" / name).write_text("x")
    assert [Path(path).name for path in input_files([tmp_path / "in"])] == ["a.warc.gz", "b.txt", "c.jsonl"]


def test_batch_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "not.warc").write_text("plain words, not an archive\n")
    write_jsonl(tmp_path / "good.jsonl", reports(2))
    problems: list[str] = []
    articles = list(read_inputs([tmp_path / "not.warc", tmp_path / "good.jsonl", tmp_path / "gone.txt"],
                                errors=problems))  # fmt: skip
    assert len(articles) == 2
    assert len(problems) == 2
    assert problems[0].startswith(f"{tmp_path / 'not.warc'}: not a WARC archive")
    assert problems[1].startswith(f"{tmp_path / 'gone.txt'}: no such file")


# --- the batch without Ray --------------------------------------------------------------------


def test_batch_equals_one_by_one_ingest(store_url: str, tmp_path: Path, local: LocalExtractor, one_by_one: Any) -> None:
    (tmp_path / "more").mkdir()
    write_jsonl(tmp_path / "a.jsonl", REPORTS[:16])
    write_jsonl(tmp_path / "more" / "b.jsonl", REPORTS[16:])
    with open_store(store_url) as store:
        report = run_batch([tmp_path], store, local, chunk_size=5)
        assert (report.read, report.stored, report.skipped, report.failed) == (24, 24, 0, [])
        assert contents(store) == one_by_one
        assert store.count_events() < report.events  # reports of one event were merged


def test_batch_rerun_skips_what_is_stored(
    tmp_path: Path, local: LocalExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", reports(6) + reports(6)[:2])  # two articles twice
    with open_store(str(tmp_path / "w.db")) as store:
        first = run_batch([source], store, local, chunk_size=4)
        assert (first.read, first.stored, first.skipped) == (8, 6, 2)
        extracted: list[str] = []
        real = batch.extract_chunk

        def spy(pipeline: Pipeline, chunk: list[Article]) -> list[batch.Extracted]:
            extracted.extend(article.id for article in chunk)
            return real(pipeline, chunk)

        monkeypatch.setattr(batch, "extract_chunk", spy)
        again = run_batch([source], store, local)
        assert (again.read, again.stored, again.skipped, extracted) == (8, 0, 8, [])


def test_batch_one_failing_article_does_not_stop_it(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", reports(5))
    real = pipeline.from_doc

    def flaky(article: Article, doc: Any) -> Any:
        if article.id == "report-002":
            raise IndexError("simulated bug")
        return real(article, doc)

    monkeypatch.setattr(pipeline, "from_doc", flaky)
    with open_store(str(tmp_path / "w.db")) as store:
        report = run_batch([source], store, LocalExtractor(pipeline), chunk_size=2)
        assert (report.stored, report.extraction_failures) == (4, 1)
        assert report.failed == [f"{source} (article report-002): extraction failed (IndexError: simulated bug)"]
        monkeypatch.undo()
        retried = run_batch([source], store, LocalExtractor(pipeline))
        assert (retried.stored, retried.skipped) == (1, 4)


def test_cli_batch_without_ray(tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "LocalExtractor", lambda: LocalExtractor(pipeline))  # the session's, already loaded
    source = write_jsonl(tmp_path / "a.jsonl", reports(3))
    (tmp_path / "broken.jsonl").write_text("{not json\n")
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli.app, ["batch", str(source), str(tmp_path / "broken.jsonl"), "--no-ray", "--db", db])
    assert result.exit_code == 1
    assert "3 article(s) stored" in result.stderr and "1 failed" in result.stderr
    assert f"Failed: {tmp_path / 'broken.jsonl'} line 1: invalid JSON at column 2" in result.stderr
    assert "WARNING" not in result.stderr  # each problem is told once


def test_cli_batch_no_ray_with_ray_options_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.app, ["batch", str(tmp_path), "--no-ray", "--workers", "2"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "leave out --ray-address and --workers" in result.output


# --- Ray ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_workers(ray_session: Any) -> Iterator[RayExtractor]:
    """Two Ray workers, each with its own pipeline, shared by this module's Ray tests."""
    with RayExtractor(workers=2) as extractor:
        yield extractor


def test_batch_on_ray_equals_one_by_one_ingest(tmp_path: Path, ray_workers: RayExtractor, one_by_one: Any) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", REPORTS)
    with open_store(str(tmp_path / "ray.db")) as store:
        report = run_batch([source], store, ray_workers, chunk_size=4)
        assert (report.stored, report.failed) == (len(REPORTS), [])
        assert contents(store) == one_by_one
    assert len(ray_workers.peak_memory_mb()) == 2
    with pytest.raises(ConfigError, match="has 2 CPU\\(s\\) for 3 workers; give --workers 2 or fewer"):
        RayExtractor(workers=3)


KILL_AFTER = 4  # articles stored before the first run is killed


def test_batch_killed_midway_resumes_on_ray(tmp_path: Path, ray_workers: RayExtractor, one_by_one: Any) -> None:
    """A batch killed part-way (SIGKILL: no clean-up) resumes with nothing missing and nothing twice."""
    source = write_jsonl(tmp_path / "a.jsonl", REPORTS)
    total = len(REPORTS)
    db = tmp_path / "w.db"
    command = [str(Path(sys.executable).with_name("warwatch")), "batch", str(source), "--no-ray", "--chunk-size", "1",
               "--db", str(db), "--quiet"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as first:
        try:
            _wait_for_articles(db, KILL_AFTER, first)
        finally:
            first.send_signal(signal.SIGKILL)  # no clean-up of any kind: as a crash or a power cut
    stored_before = _count_articles(db)
    assert KILL_AFTER <= stored_before < total, "the first run was not interrupted part-way"
    with open_store(str(db)) as store:
        report = run_batch([source], store, ray_workers, chunk_size=4)
        assert (report.skipped, report.stored, report.failed) == (stored_before, total - stored_before, [])
        assert contents(store) == one_by_one


def _count_articles(db: Path) -> int:
    """Articles stored so far; never touches the file before the batch has put it in WAL mode."""
    if not Path(f"{db}-wal").exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def _wait_for_articles(db: Path, count: int, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stored = _count_articles(db)
        if stored >= count:
            return stored
        if process.poll() is not None:
            raise AssertionError(f"the batch ended early: {process.stderr.read().decode() if process.stderr else ''}")
        time.sleep(0.02)
    raise AssertionError("the batch stored nothing for 120 s")
