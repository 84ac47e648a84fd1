"""Export speed and memory: 100,000 synthetic events in each format, written to bench/results.json ("export").

The events are made by hand (no pipeline): 1,000 articles of 100 events each, spread over places,
days and actors so that the store's cross-article merge leaves them apart, stored in a temporary
SQLite file with ``SqlStore.add_article``. Each format is then exported from ``store.iter_events()``
in a fresh child process, which reports its time, its resident memory before the export, and its
peak; the same is done for a tenth of the events, so the peaks show whether memory grows with the
number of events (it should not: exports stream).

Usage: .venv/bin/python bench/export_bench.py [--events 100000] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import record

from warwatch.export import FORMATS, article_url_lookup, export_events
from warwatch.model import Actor, Article, Certainty, Event, Fatalities, FatalityClaim, Place, Qualifier, Span
from warwatch.store import open_store
from warwatch.taxonomy import SUB_EVENT_TYPES

PER_ARTICLE = 100
SUB_TYPES = sorted(SUB_EVENT_TYPES)
COUNTRIES = ["SY", "UA", "NG", "MX", "AF", "YE", "SO", "ML", "MM", "CD", "IQ", "LY", "SD", "BF", "CO"]


def synthetic_article(index: int, rng: random.Random) -> tuple[Article, list[Event]]:
    """One article and its events, every field filled in the way the pipeline fills it."""
    text = f"Synthetic report {index}: fighting, shelling and protests were reported in several towns. " * 3
    article = Article(text=text, published=date(2020, 1, 1), url=f"https://example.org/{index}")
    sentence = Span.of(article, 0, len(text) // 3)
    events = [synthetic_event(article, sentence, index * PER_ARTICLE + n, rng) for n in range(PER_ARTICLE)]
    return article, events


def synthetic_event(article: Article, sentence: Span, number: int, rng: random.Random) -> Event:
    sub_type = rng.choice(SUB_TYPES)
    day = date(1990, 1, 1) + timedelta(days=rng.randrange(12_000))
    claims = tuple(
        FatalityClaim(
            value=rng.randrange(50),
            qualifier=rng.choice(list(Qualifier)),
            source=f"Monitor {n}",
            certainty=Certainty.REPORTED,
            span=Span.of(article, 18, 26),
        )
        for n in range(rng.randrange(3))
    )
    placed = rng.random() > 0.03
    place = Place(
        name=f"Town {number}", country=rng.choice(COUNTRIES), lat=rng.uniform(-60, 70), lon=rng.uniform(-179, 179),
        geo_precision=rng.choice((1, 2)), admin1=f"Province {number % 97}", mention=f"town {number}",
    )  # fmt: skip
    return Event(
        id=f"bench{number:07d}",
        event_type=SUB_EVENT_TYPES[sub_type],
        sub_event_type=sub_type,
        date=day,
        date_range=(day, day),
        actor1=Actor(name=f"Armed Group {number}", inter=rng.randrange(1, 9)),
        actor2=Actor(name=f"Civilians {number}", inter=7) if rng.random() < 0.6 else None,
        location=place if placed else None,
        fatalities=Fatalities.from_claims(claims),
        sources=(f"Monitor {number % 13}",),
        evidence=(sentence,),
        articles=(article.id,),
        rule="synthetic",
    )


def build_store(db: Path, events: int) -> dict[str, Any]:
    rng = random.Random(8)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        for index in range(events // PER_ARTICLE):
            store.add_article(*synthetic_article(index, rng))
        stored = store.count_events()
    return {"events_made": events, "events_stored": stored, "insert_s": round(time.perf_counter() - started, 1)}


def _stored(db: Path, events: int) -> dict[str, Any]:
    """Build the store, or reuse one a previous run kept (``--store``) when it holds the events asked for."""
    if db.exists():
        with open_store(str(db)) as store:
            stored = store.count_events()
        if stored >= events * 0.99:
            print(f"reusing {db}: {stored} events", file=sys.stderr)
            return {"events_made": events, "events_stored": stored, "insert_s": None}
        db.unlink()
    figures = build_store(db, events)
    print(f"stored {figures['events_stored']} events in {figures['insert_s']} s", file=sys.stderr)
    return figures


def run_child(fmt: str, db: Path, target: Path, limit: int | None) -> dict[str, Any]:
    """One export in a fresh process, so its peak memory is its own."""
    command = [sys.executable, __file__, "--child", fmt, "--db", str(db), "--target", str(target)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(fmt: str, db: Path, target: Path, limit: int | None) -> None:
    """Export, then print one JSON line of figures."""
    export_events(iter(()), fmt, io.BytesIO())  # imports and sets up the writer (pyarrow) before the baseline
    with open_store(str(db)) as store:
        before = _rss_mb()
        cpu_started = _cpu_s()
        started = time.perf_counter()
        with target.open("wb") as handle:
            result = export_events(store.iter_events(limit=limit), fmt, handle, article_urls=article_url_lookup(store))
        seconds = time.perf_counter() - started
        cpu = _cpu_s() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "events": result.written + result.left_out,
        "written": result.written,
        "left_out": result.left_out,
        "seconds": round(seconds, 2),
        "events_per_s": round((result.written + result.left_out) / seconds),
        "cpu_s": round(cpu, 2),  # less sensitive than wall time to other work on the machine
        "file_mb": round(target.stat().st_size / 1e6, 1),
        "rss_before_mb": round(before),
        "peak_rss_mb": round(peak),
        "peak_over_before_mb": round(peak - before),
    }
    print(json.dumps(figures))


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results.json")
    parser.add_argument("--store", type=Path, help="Keep the synthetic store here and reuse it on the next run.")
    parser.add_argument("--child", choices=sorted(FORMATS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--target", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.target, args.limit)
        return
    with tempfile.TemporaryDirectory(prefix="warwatch-export-bench-") as tmp:
        db = args.store or Path(tmp) / "bench.db"
        figures: dict[str, Any] = _stored(db, args.events)
        for fmt in sorted(FORMATS):
            target = Path(tmp) / f"events.{fmt}"
            full = run_child(fmt, db, target, None)
            tenth = run_child(fmt, db, target, args.events // 10)
            full["peak_over_before_mb_at_a_tenth"] = tenth["peak_over_before_mb"]
            figures[fmt] = full
            print(f"{fmt}: {json.dumps(full)}", file=sys.stderr)
    figures["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_1min": os.getloadavg()[0]}
    record.save(args.out, {"export": figures})


if __name__ == "__main__":
    main()
