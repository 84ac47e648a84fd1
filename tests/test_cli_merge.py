"""The command line of merging: `merge`, `split`, `show` of a merged event, `evaluate-merge`, two ingests at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.model import Actor, Article, Event, Place, Span
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles
from warwatch.store import open_store

CORPUS = Path(__file__).resolve().parent / "data" / "merge"
SRC = Path(__file__).resolve().parents[1] / "src"
MOGADISHU = Place(name="Mogadishu", country="SO", lat=2.04, lon=45.34, admin1="Banaadir")
MARKA = Place(name="Marka", country="SO", lat=1.72, lon=44.77, admin1="Lower Shabeelle")
SHABAAB = Actor(name="Al Shabaab")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with two car bombs on one day, in Mogadishu (article a) and Marka (article b): two events."""
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        for name, place in (("a", MOGADISHU), ("b", MARKA)):
            article = Article(text=f"Report {name}: a car bomb exploded at a checkpoint.", published=date(2019, 3, 11))
            event = Event(id=f"{name}0", event_type="Explosions/Remote violence", date=date(2019, 3, 11),
                          sub_event_type="Remote explosive/landmine/IED", location=place, articles=(article.id,),
                          actor1=SHABAAB, evidence=(Span.of(article, 0, len(article.text)),))  # fmt: skip
            store.add_article(article, [event])
    return path


def test_cli_merge_then_split(runner: CliRunner, db: str) -> None:
    merged = runner.invoke(app, ["merge", "a0", "b0", "--db", db, "--who", "ana"])
    assert merged.exit_code == 0, merged.output
    event_id = merged.stdout.strip()
    assert merged.stderr == f"merged into {event_id}: 2 article(s), 0 claim(s)\n"
    shown = runner.invoke(app, ["show", event_id[:6], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "articles: 2" in shown.stdout and "conflict: places differ: Marka vs Mogadishu" in shown.stdout
    with open_store(db) as store:
        article_b = next(r for r in store.get_reports(event_id) if r.id == "b0").articles[0]
        assert [(e.who, e.action) for e in store.audit_log()] == [("ana", "merge")]
    split = runner.invoke(app, ["split", event_id, "--article", article_b[:8], "--db", db],
                          env={"WARWATCH_USER": "ben"})  # fmt: skip
    assert split.exit_code == 0, split.output
    assert split.stdout.split() == ["b0", "a0"]
    assert split.stderr == "split into 2 event(s): b0 (1 article(s)); a0 (1 article(s))\n"
    with open_store(db) as store:
        assert [(e.who, e.action) for e in store.audit_log()] == [("ana", "merge"), ("ben", "split")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "a0"], "Error: merging needs two different events; a0 name only a0"),
        (["merge", "a0", "nope"], "Error: no event 'nope' in the store at sqlite:///"),
        (["split", "a0", "--article", "zz"], "Error: event a0 has no report from article 'zz'; its articles are"),
    ],
)
def test_cli_merge_errors_are_one_line(runner: CliRunner, db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_cli_evaluate_merge_writes_its_figures(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("mosul_ied_a", "mosul_ied_b", "marka_base_same_day"):
        for suffix in (".txt", ".meta.json"):
            shutil.copy(CORPUS / f"{name}{suffix}", folder)
    truth = {"clusters": {"mosul": ["mosul_ied_a", "mosul_ied_b"], "marka": ["marka_base_same_day"]}}
    (folder / "truth.json").write_text(json.dumps(truth))
    result = runner.invoke(app, ["evaluate-merge", str(folder), "--json", str(tmp_path / "out" / "merge.json")])
    assert result.exit_code == 0, result.output
    figures = json.loads((tmp_path / "out" / "merge.json").read_text())
    assert (figures["precision"], figures["recall"], figures["true_pairs"], figures["whole_clusters"]) == (1, 1, 1, 1)
    assert "1.000" in result.stdout


def test_cli_two_ingests_at_once_keep_one_store(tmp_path: Path) -> None:
    """Two `warwatch ingest` processes, the corpus in opposite orders, one SQLite file: nothing lost or doubled."""
    db = tmp_path / "shared.db"
    files = sorted(str(path) for path in CORPUS.glob("*.txt"))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-c", "from warwatch.cli import app; app()", "ingest", "--db", str(db), "--quiet"]
    workers = [
        subprocess.Popen([*command, *order], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for order in (files, files[::-1])
    ]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], [err for _, err in outputs]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    pipeline = Pipeline()
    with open_store("sqlite://") as alone:
        for path in files:
            for article in read_articles(path):
                alone.add_article(article, pipeline(article))
        expected = [event.to_dict() for event in alone.iter_events()]
    with open_store(str(db)) as shared:
        assert shared.count_articles() == len(files)
        assert [event.to_dict() for event in shared.iter_events()] == expected
