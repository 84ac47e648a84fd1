"""`make bench`: speed and memory figures, written to bench/results.json (never asserted in tests).

Corpus: the bundled samples plus the development ACLED notes and news articles, read from
../shared at run time (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import record

from warwatch.model import Article
from warwatch.pipeline import BATCH_SIZE, Pipeline
from warwatch.pipeline.load import iter_input_files, read_articles
from warwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]
RUNS = 3  # extraction benchmarks, each in a fresh process: on a shared machine one run's ratio varies by a tenth


def corpus(shared: Path) -> list[Article]:
    folders = [REPO / "samples", shared / "dev" / "news" / "articles", shared / "dev" / "acled-notes" / "articles"]
    paths = iter_input_files([str(f) for f in folders if f.exists()])
    return [article for path in paths for article in read_articles(path)]


def bench_extraction(pipeline: Pipeline, articles: list[Article]) -> dict[str, float]:
    """Extraction beside spaCy alone on the same texts, timed batch by batch in alternating order, so that a
    change of machine load during the run weighs on both alike. spaCy reads every text once before timing (its
    vocabulary learns each new word once: neither side pays for that); the stages' caches stay cold."""
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    _spacy_only(pipeline, texts)
    spacy_s = total_s = 0.0
    events = 0
    for index, start in enumerate(range(0, len(articles), BATCH_SIZE)):
        batch = articles[start : start + BATCH_SIZE]
        for side in ("spacy", "extraction") if index % 2 == 0 else ("extraction", "spacy"):
            if side == "spacy":
                spacy_s += _spacy_only(pipeline, [a.text for a in batch])
            else:
                started = time.perf_counter()
                events += sum(len(found) for _, found in pipeline.pipe(batch))
                total_s += time.perf_counter() - started
    return {
        "articles": len(articles),
        "words": words,
        "events": events,
        "spacy_only_s": round(spacy_s, 3),
        "extraction_s": round(total_s, 3),
        "articles_per_s": round(len(articles) / total_s, 1),
        "words_per_s": round(words / total_s),
        "extraction_over_spacy": round(total_s / spacy_s, 2),
    }


def bench_extraction_runs(shared: Path) -> dict[str, float | list[float]]:
    """The median of ``RUNS`` extraction benchmarks by their ratio, each run in a process of its own, so that every
    run starts with the stages' caches cold as a first pass over new texts does; the ratios of all runs beside it."""
    command = [sys.executable, __file__, "--extraction-only", "--shared", str(shared)]
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout) for _ in range(RUNS)]
    runs.sort(key=lambda run: run["extraction_over_spacy"])
    return runs[len(runs) // 2] | {"extraction_over_spacy_runs": [run["extraction_over_spacy"] for run in runs]}


def _spacy_only(pipeline: Pipeline, texts: list[str]) -> float:
    """spaCy reading the texts in the batches ``Pipeline.pipe`` uses (its default batch runs slower here)."""
    started = time.perf_counter()
    for doc in pipeline.nlp.pipe(texts, batch_size=BATCH_SIZE):
        del doc
    return time.perf_counter() - started


def bench_ingest(pipeline: Pipeline, articles: list[Article]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
        timings = []
        for article in articles:
            events = pipeline(article)
            started = time.perf_counter()
            store.add_article(article, events)
            timings.append(time.perf_counter() - started)
    return {
        "articles": len(timings),
        "store_ms_median": round(1000 * statistics.median(timings), 2),
        "store_ms_p95": round(1000 * sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--extraction-only", action="store_true", help="print one extraction benchmark as JSON")
    args = parser.parse_args()
    if args.extraction_only:
        print(json.dumps(bench_extraction(Pipeline(), corpus(args.shared))))
        return
    started = time.perf_counter()
    pipeline = Pipeline()
    load_s = time.perf_counter() - started
    articles = corpus(args.shared)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "pipeline_load_s": round(load_s, 2),
        "extraction": bench_extraction_runs(args.shared),
        "ingest_sqlite": bench_ingest(pipeline, articles),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    record.save(args.out, results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
