"""`make bench`: scale-out figures (issue 9), under key "scale" of bench/results.json (other keys are kept).

Measures, on this machine:
1. extraction in one process (articles/s, words/s) beside spaCy alone on the same texts, over a
   synthetic corpus generated here (short invented reports from templates) and the development
   ACLED notes (read from ../shared at run time, never copied);
2. Ray with 1 and 2 workers on the synthetic corpus: extraction throughput, scaling efficiency
   (t1 / (2 * t2)), start-up time and peak memory per worker; the same events as one process;
3. a Ray batch into SQLite equals a single-process ingest of the same articles (events compared
   by content), and a batch killed part-way (SIGKILL to its whole process group) resumes with no
   duplicate and no missing article;
4. ingest with merge into SQLite and into PostgreSQL (a throwaway server started here) holding 1k,
   10k and 100k stored events, with bench/merge_bench.py's synthetic store, plus the PostgreSQL
   plans of the merge-candidate queries (which indexes serve them).

Run: .venv/bin/python bench/scale_bench.py --out bench/results.json [--articles 2000] [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import merge_bench  # bench/merge_bench.py: the synthetic store of the merge figures, reused for PostgreSQL
import record
from sqlalchemy import text

from warwatch.batch import RayExtractor, run_batch
from warwatch.model import Article, Event
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import iter_input_files, read_articles
from warwatch.store import SqlStore, grouping, open_store

REPO = Path(__file__).resolve().parents[1]
WARWATCH = Path(sys.executable).with_name("warwatch")

# --- a synthetic corpus: short invented reports --------------------------------------------------

PLACES = ["Homs", "Idlib", "Aleppo", "Daraa", "Kharkiv", "Kherson", "Maiduguri", "Kaduna", "Kismayo", "Baidoa",
          "Kandahar", "Kunduz", "Herat", "Taiz", "Aden", "Marib", "El Fasher", "Goma", "Gao", "Mopti"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = [
    "{Side} clashed with {other} near {place} on {day}, killing at least {n} fighters, {source}.",
    "Heavy fighting between {side} and {other} was reported outside {place} on {day}; {n} people died, {source}.",
    "An airstrike hit a market in {place} on {day}, killing {n} civilians, {source}.",
    "Artillery shells struck residential areas of {place} on {day}, wounding {n} people, {source}.",
    "A roadside bomb exploded near a convoy outside {place} on {day}, killing {n} soldiers, {source}.",
    "Gunmen abducted {n} farmers on the road to {place} on {day}, {source}.",
    "Several hundred protesters marched through {place} on {day} to demand the release of detainees.",
    "Police fired tear gas at demonstrators in {place} on {day} after they blocked a main road, {source}.",
    "Unidentified gunmen attacked a village near {place} on {day}, killing {n} residents, {source}.",
]
SIDES = ["government troops", "rebel fighters", "militants", "security forces", "armed men", "local militiamen"]
SOURCES = ["a local monitor said", "residents said", "officials said", "a hospital source said",
           "according to a rights group", "witnesses told reporters"]  # fmt: skip
CONTEXT = [
    "The area has seen repeated violence in recent months.",
    "Aid groups said access to the district remained difficult.",
    "Schools in the area stayed closed for a second day.",
    "Local leaders called for calm and for an independent inquiry.",
    "Traffic on the main highway was suspended for several hours.",
    "The figures could not be independently verified.",
    "Many families have left their homes since the start of the year.",
    "Prices of fuel and bread rose sharply in local markets.",
]


def synthetic_articles(count: int, seed: int = 9) -> list[Article]:
    """``count`` invented reports (about a fifth retell an earlier report's event in other words)."""
    rng = random.Random(seed)
    told: list[tuple[str, str, date, int]] = []
    articles = []
    for n in range(count):
        if told and rng.random() < 0.2:
            place, day_name, published, toll = rng.choice(told)
            toll += rng.randrange(0, 4)
        else:
            published = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
            place, toll = rng.choice(PLACES), rng.randrange(1, 30)
            day_name = DAYS[(published - timedelta(days=rng.randrange(1, 4))).weekday()]
            told.append((place, day_name, published, toll))
        side, other = rng.sample(SIDES, 2)
        event = rng.choice(EVENTS).format(Side=side.capitalize(), side=side, other=other, place=place, day=day_name,
                                          n=toll, source=rng.choice(SOURCES))  # fmt: skip
        sentences = [event, *rng.sample(CONTEXT, rng.randrange(1, 5))]
        articles.append(Article(text=f"Report {n}. " + " ".join(sentences), published=published, publisher="bench"))
    return articles


def dev_notes(shared: Path) -> list[Article]:
    folder = shared / "dev" / "acled-notes" / "articles"
    return [a for path in iter_input_files([str(folder)]) for a in read_articles(path)] if folder.exists() else []


def words(articles: list[Article]) -> int:
    return sum(len(article.text.split()) for article in articles)


def write_jsonl(articles: list[Article], path: Path) -> Path:
    rows = ({"id": a.id, "text": a.text, "published": a.published.isoformat() if a.published else None,
             "publisher": a.publisher} for a in articles)  # fmt: skip
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


# --- 1. extraction in one process ---------------------------------------------------------------


def bench_extraction(
    pipeline: Pipeline, articles: list[Article]
) -> tuple[dict[str, Any], dict[str, tuple[Event, ...]]]:
    """Throughput of the whole pipeline and of spaCy alone (one text at a time, as the pipeline runs it)."""
    for article in articles[:20]:  # warm-up: lazy tables and caches
        pipeline(article)
    started = time.perf_counter()
    for article in articles:
        pipeline.nlp(article.text)
    spacy_s = time.perf_counter() - started
    started = time.perf_counter()
    events = {article.id: pipeline(article) for article in articles}
    total_s = time.perf_counter() - started
    count = len(articles)
    figures = {
        "articles": count,
        "words": words(articles),
        "events": sum(len(found) for found in events.values()),
        "seconds": round(total_s, 2),
        "articles_per_s": round(count / total_s, 1),
        "words_per_s": round(words(articles) / total_s),
        "spacy_only_seconds": round(spacy_s, 2),
        "spacy_only_articles_per_s": round(count / spacy_s, 1),
        "spacy_only_words_per_s": round(words(articles) / spacy_s),
        "pipeline_over_spacy": round(total_s / spacy_s, 2),
    }
    return figures, events


# --- 2. Ray with 1 and 2 workers --------------------------------------------------------------


def bench_ray(articles: list[Article], reference: dict[str, tuple[Event, ...]], chunk: int) -> dict[str, Any]:
    """Extraction only (no store), so the figure is the workers' own scaling."""
    runs: dict[str, Any] = {}
    for workers in (1, 2):
        started = time.perf_counter()
        with RayExtractor(workers=workers) as extractor:
            startup_s = time.perf_counter() - started
            for _ in extractor.map([articles[:chunk]] * workers):  # warm every worker up
                pass
            started = time.perf_counter()
            results = [item for chunk_results in extractor.map(_chunked(articles, chunk)) for item in chunk_results]
            seconds = time.perf_counter() - started
            memory = extractor.peak_memory_mb()
        same = all(item.events == reference[item.article.id] for item in results) and len(results) == len(articles)
        runs[str(workers)] = {
            "workers": workers,
            "startup_seconds": round(startup_s, 1),
            "seconds": round(seconds, 2),
            "articles_per_s": round(len(articles) / seconds, 1),
            "words_per_s": round(words(articles) / seconds),
            "peak_rss_mb_per_worker": [round(mb) for mb in memory],
            "same_events_as_one_process": same,
        }
    efficiency = runs["1"]["seconds"] / (2 * runs["2"]["seconds"])
    return {"chunk_size": chunk, "runs": runs, "scaling_efficiency_1_to_2": round(efficiency, 2)}


def _chunked(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start : start + size]


# --- 3. batch = single-process ingest; killed batch resumes -------------------------------------


def contents(store: SqlStore) -> tuple[list[str], list[str]]:
    events = sorted(json.dumps(event.to_dict(), sort_keys=True) for event in store.iter_events())
    return events, sorted(article.id for article in store.iter_articles())


def bench_batch(articles: list[Article], reference: dict[str, tuple[Event, ...]], folder: Path) -> dict[str, Any]:
    """A 2-worker Ray batch into SQLite against a single-process ingest (same articles, same order)."""
    source = write_jsonl(articles, folder / "corpus.jsonl")
    with open_store(str(folder / "one.db")) as one:
        started = time.perf_counter()
        for article in read_articles(source):
            one.add_article(article, reference[article.id])
        store_s = time.perf_counter() - started
        expected = contents(one)
    with open_store(str(folder / "ray.db")) as store, RayExtractor(workers=2) as extractor:
        started = time.perf_counter()
        report = run_batch([source], store, extractor)
        batch_s = time.perf_counter() - started
        same = contents(store) == expected
    return {
        "articles": len(articles),
        "single_process_store_only_seconds": round(store_s, 1),
        "ray_2_workers_batch_seconds": round(batch_s, 1),
        "batch_articles_per_s": round(len(articles) / batch_s, 1),
        "stored": report.stored,
        "events_stored": len(expected[0]),
        "same_events_as_single_process": same,
    }, expected


def bench_resume(folder: Path, expected: tuple[list[str], list[str]], total: int) -> dict[str, Any]:
    """`warwatch batch` on Ray, killed (SIGKILL, whole process group) part-way, then run again."""
    db = folder / "resume.db"
    command = [str(WARWATCH), "batch", str(folder / "corpus.jsonl"), "--workers", "2", "--db", str(db), "--quiet"]
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    first = subprocess.Popen(command, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        while _count(db) < total // 3 and first.poll() is None:
            time.sleep(0.2)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    time.sleep(2)  # the killed Ray's last processes go
    before = _count(db)
    started = time.perf_counter()
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    with open_store(str(db)) as store:
        same = contents(store) == expected
        articles = store.count_articles()
        with store.engine.connect() as conn:
            distinct = conn.execute(text("SELECT count(DISTINCT id) FROM articles")).scalar_one()
    return {
        "articles": total,
        "stored_when_killed": before,
        "resume_exit_status": second.returncode,
        "resume_seconds": round(time.perf_counter() - started, 1),
        "articles_after_resume": articles,
        "duplicate_articles": articles - distinct,
        "missing_articles": total - distinct,
        "same_events_as_single_process": same,
    }


def _count(db: Path) -> int:
    if not Path(f"{db}-wal").exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


# --- 4. ingest with merge at 1k, 10k, 100k stored events, SQLite and PostgreSQL --------------------


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temp folder on a free loopback port (as tests/conftest.py starts one)."""
    found = [
        p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists() and p.parent.name.isdigit()
    ]
    pg_bin = max(found, key=lambda path: int(path.parent.name))
    folder = Path(tempfile.mkdtemp(prefix="warwatch-bench-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = {"check": True, "cwd": "/", "capture_output": True}
    subprocess.run([*as_postgres, pg_bin / "initdb", "-D", folder / "data", "-U", "postgres", "-A", "trust",
                    "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], **run)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"  # durable defaults: fsync stays on
    subprocess.run([*as_postgres, pg_bin / "pg_ctl", "-D", folder / "data", "-l", folder / "pg.log", "-w", "-o",
                    options, "start"], **run)  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, pg_bin / "pg_ctl", "-D", folder / "data", "-m", "fast", "stop"], cwd="/",
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def bench_store(url: str, sizes: list[int], articles: int) -> dict[str, Any]:
    """merge_bench.run's fill-and-measure loop, on any store URL (it runs on a SQLite file only)."""
    synthetic = merge_bench.Synthetic()
    levels: dict[str, Any] = {}
    with open_store(url) as store:
        stored, written = 0, []
        for n, size in enumerate(sorted(sizes)):
            started = time.perf_counter()
            written += merge_bench.fill(store, synthetic, size - stored, first_day_back=stored // merge_bench.RATE)
            fill_s = time.perf_counter() - started
            stored = size
            days_back = 8 + 25 * n  # as merge_bench.run: each size measures its own stretch of days
            recent = [e for e in written if days_back <= (merge_bench.NEWEST - e.date).days < days_back + 5]
            measured = merge_bench.measure(store, synthetic, recent, days_back, articles)
            levels[str(size)] = {"fill_s": round(fill_s, 1), **measured}
        plans = candidate_plans(store, synthetic) if store.engine.dialect.name == "postgresql" else None
    first, last = levels[str(min(sizes))], levels[str(max(sizes))]
    return {"levels": levels, "last_over_first_median": round(last["ms_median"] / first["ms_median"], 2),
            **({"candidate_query_plans": plans} if plans else {})}  # fmt: skip


def candidate_plans(store: SqlStore, synthetic: Any) -> list[dict[str, Any]]:
    """EXPLAIN of the merge-candidate queries of a new report: the indexes that serve them."""
    article = synthetic.article()
    report = synthetic.report(article, merge_bench.NEWEST - timedelta(days=10))
    plans = []
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))  # the statistics autovacuum would gather on a server in use
        for query in grouping.candidate_queries(report, store.rules):
            compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
            lines = [row[0] for row in conn.execute(text(f"EXPLAIN {compiled}"))]
            plans.append({
                "indexes": sorted(set(re.findall(r"\b(ix_\w+)", " ".join(lines)))),
                "seq_scan": any("Seq Scan" in line for line in lines),
                "plan": lines[0].strip(),
            })  # fmt: skip
    return plans


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles (at least 2,000 for issue 9)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--timed", type=int, default=100, help="articles ingested and timed at each store size")
    parser.add_argument("--chunk", type=int, default=16, help="articles per Ray task")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["ray", "batch", "store"],
        help="sections left out (their earlier figures are kept)",
    )
    args = parser.parse_args()
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    figures: dict[str, Any] = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine()}
    corpus, notes = synthetic_articles(args.articles), dev_notes(args.shared)
    pipeline = Pipeline()
    figures["extraction_synthetic"], reference = bench_extraction(pipeline, corpus)
    if notes:
        figures["extraction_dev_notes"], _ = bench_extraction(pipeline, notes)
    merge = bool(args.skip)  # a partial run updates its sections and keeps the others' figures
    save(args.out, figures, merge)
    if "ray" not in args.skip:
        figures["ray"] = bench_ray(corpus, reference, args.chunk)
        save(args.out, figures, merge)
    with tempfile.TemporaryDirectory() as tmp:
        if "batch" not in args.skip:
            figures["batch"], expected = bench_batch(corpus, reference, Path(tmp))
            figures["resume"] = bench_resume(Path(tmp), expected, len(corpus))
            save(args.out, figures, merge)
        if "store" not in args.skip:
            figures["ingest_merge_sqlite"] = bench_store(f"sqlite:///{Path(tmp) / 'merge.db'}", args.sizes, args.timed)
            save(args.out, figures, merge)
    if "store" not in args.skip:
        with throwaway_postgres() as url:
            figures["ingest_merge_postgresql"] = bench_store(url, args.sizes, args.timed)
    figures["machine"]["load_average_1min_at_end"] = round(os.getloadavg()[0], 1)
    save(args.out, figures, merge)
    print(json.dumps(figures, indent=2))


def machine() -> dict[str, Any]:
    """The figures depend on what else runs: the load average says how busy the machine was."""
    return {"cpus": os.cpu_count(), "load_average_1min_at_start": round(os.getloadavg()[0], 1)}


def save(out: Path, figures: dict[str, Any], merge: bool) -> None:
    """The "scale" key, written after each section (``merge``: over the sections already there)."""
    record.save(out, {"scale": record.read(out).get("scale", {}) | figures if merge else figures})


if __name__ == "__main__":
    main()
