"""`make bench`: the cost of ingesting one article as the store grows, under key "merge" of bench/results.json.

The store (a SQLite file) is filled with synthetic events at a constant rate per day over ten hotspots,
going back in time from the newest day: a store grows by covering more days, not by packing more
events into each day. The fill is written in bulk as stored reports, one synthetic article each,
unmerged. After each fill (1k, 10k, 100k events by default) new synthetic articles of two events
each are ingested through ``SqlStore.add_article``, which merges them (half of their events report
a stored event and merge into it, half are new), and every ingest is timed. Figures: median, p95
and mean milliseconds per article, stored reports examined per new event, and the ratio of the
last median to the first (issue 6 asks for at most 1.5).

Run: .venv/bin/python bench/merge_bench.py --out bench/results.json [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import record
from sqlalchemy import insert

from warwatch.model import Actor, Article, Certainty, Event, Fatalities, FatalityClaim, Place, Qualifier, Span
from warwatch.store import SqlStore, grouping, open_store, rows, tables

REPO = Path(__file__).resolve().parents[1]
RATE = 50  # synthetic events per day, all hotspots together
NEWEST = date(2024, 6, 30)
HOTSPOTS = [
    ("SY", 35.0, 37.5), ("UA", 48.5, 37.5), ("YE", 15.0, 44.0), ("AF", 34.5, 69.0), ("SO", 2.5, 45.0),
    ("NG", 11.5, 13.0), ("ML", 15.0, -2.0), ("IQ", 34.0, 43.5), ("CD", -1.0, 29.0), ("MM", 21.0, 96.0),
]  # fmt: skip
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]  # fmt: skip


class Synthetic:
    """Reproducible synthetic reports, each with its own one-line article."""

    def __init__(self, seed: int = 6) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def article(self) -> Article:
        self.serial += 1
        return Article(text=f"Synthetic report {self.serial}.", published=NEWEST, publisher="bench")

    def report(self, article: Article, day: date, n: int = 0) -> Event:
        rng = self.rng
        country, lat, lon = rng.choice(HOTSPOTS)
        event_type, sub_type = rng.choice(TYPES)
        roll = rng.random()
        place = None if roll < 0.05 else Place(
            name=f"Place {rng.randrange(500)}", country=country, lat=lat + rng.uniform(-1.5, 1.5),
            lon=lon + rng.uniform(-1.5, 1.5), geo_precision=3 if roll < 0.1 else rng.choice((1, 1, 2)),
            admin1=f"Province {rng.randrange(8)}",
        )  # fmt: skip
        span = Span(article_id=article.id, start=0, end=9, text="Synthetic")
        claim = FatalityClaim(value=rng.randrange(1, 40), qualifier=Qualifier.AT_LEAST, certainty=Certainty.REPORTED,
                              source=f"Monitor {rng.randrange(5)}", span=span)  # fmt: skip
        weekly = rng.random() < 0.2
        return Event(
            id=f"{article.id}-{n}", event_type=event_type, sub_event_type=sub_type, date=day,
            date_range=(day - timedelta(days=6), day) if weekly else (day, day), time_precision=2 if weekly else 1,
            actor1=Actor(name=f"Group {rng.randrange(6)} ({country})", inter=2), location=place,
            fatalities=Fatalities.from_claims((claim,)), sources=(claim.source or "",), evidence=(span,),
            articles=(article.id,),
        )  # fmt: skip

    def retelling(self, stored: Event, article: Article, n: int) -> Event:
        """Another article's report of a stored event: same type, day, sides and toll, the point nudged."""
        span = Span(article_id=article.id, start=0, end=9, text="Synthetic")
        place = stored.location
        if place and place.geo_precision < 3:
            place = Place(name=place.name, country=place.country, lat=place.lat + 0.01, lon=place.lon - 0.01,
                          geo_precision=place.geo_precision, admin1=place.admin1)  # fmt: skip
        claims = tuple(FatalityClaim(value=c.value, source="Other outlet", span=span) for c in stored.fatalities.claims)
        return Event(
            id=f"{article.id}-{n}", event_type=stored.event_type, sub_event_type=stored.sub_event_type,
            date=stored.date, date_range=stored.date_range, time_precision=stored.time_precision,
            actor1=stored.actor1, location=place, fatalities=Fatalities.from_claims(claims),
            sources=("Other outlet",), evidence=(span,), articles=(article.id,),
        )  # fmt: skip


def fill(store: SqlStore, synthetic: Synthetic, count: int, first_day_back: int) -> list[Event]:
    """Write ``count`` unmerged synthetic events in bulk, RATE a day, going back from ``first_day_back``."""
    now = datetime.now(UTC)
    written: list[Event] = []
    for chunk in _chunks(range(count), 5000):
        articles, reports = [], []
        for n in chunk:
            article = synthetic.article()
            report = synthetic.report(article, NEWEST - timedelta(days=first_day_back + n // RATE))
            articles.append(article)
            reports.append(report)
        with store.engine.begin() as conn:
            conn.execute(insert(tables.article_table), [_article_row(a, now) for a in articles])
            pairs = list(zip(reports, articles, strict=True))
            conn.execute(insert(tables.report_table), [rows.report_row(r, a.id) for r, a in pairs])
            conn.execute(insert(tables.event_table), [rows.event_row(r, now) for r in reports])
            links = [{"event_id": r.id, "article_id": a.id} for r, a in pairs]
            conn.execute(insert(tables.event_article_table), links)
        written += reports
    return written


def _article_row(article: Article, now: datetime) -> dict[str, Any]:
    return {"id": article.id, "text": article.text, "published": article.published, "publisher": article.publisher,
            "ingested_at": now}  # fmt: skip


def _chunks(items: range, size: int) -> Iterator[range]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def measure(
    store: SqlStore, synthetic: Synthetic, recent: list[Event], days_back: int, articles: int
) -> dict[str, float]:
    """Time ``add_article`` for new two-event articles dated ``days_back`` .. +4 days before NEWEST.

    Each size measures its own stretch of days, so what one measurement stored never crowds the next.
    """
    examined: list[int] = []
    real_candidates = grouping.candidates

    def counting(conn: Any, report: Event, rules: Any) -> list[Any]:
        found = real_candidates(conn, report, rules)
        examined.append(len(found))
        return found

    grouping.candidates = counting  # type: ignore[assignment]
    timings, cpu, merged = [], [], 0
    try:
        for _ in range(articles):
            article = synthetic.article()
            day = NEWEST - timedelta(days=days_back + synthetic.rng.randrange(5))
            events = (synthetic.retelling(synthetic.rng.choice(recent), article, 0), synthetic.report(article, day, 1))
            started, started_cpu = time.perf_counter(), time.process_time()
            store.add_article(article, events)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            merged += len(store.get_event(events[0].id).articles) > 1  # type: ignore[union-attr]
    finally:
        grouping.candidates = real_candidates  # type: ignore[assignment]
    return {
        "articles": articles,
        "ms_median": round(1000 * statistics.median(timings), 2),
        "ms_p95": round(1000 * sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
        "ms_mean": round(1000 * statistics.fmean(timings), 2),
        "cpu_ms_median": round(1000 * statistics.median(cpu), 2),
        "reports_examined_per_event": round(statistics.fmean(examined), 1),
        "retellings_merged": merged,
    }


def run(sizes: list[int], articles: int) -> dict[str, Any]:
    synthetic = Synthetic()
    levels: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
        stored, written = 0, []
        for n, size in enumerate(sorted(sizes)):
            started = time.perf_counter()
            written += fill(store, synthetic, size - stored, first_day_back=stored // RATE)
            fill_s = time.perf_counter() - started
            stored = size
            days_back = 8 + 25 * n  # inside the first fill's days (1000 / RATE = 20) for the first size
            recent = [e for e in written if days_back <= (NEWEST - e.date).days < days_back + 5]
            levels[str(size)] = {"fill_s": round(fill_s, 1), **measure(store, synthetic, recent, days_back, articles)}
    first, last = levels[str(min(sizes))], levels[str(max(sizes))]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 1)},
        "store": "sqlite file",
        "events_per_day": RATE,
        "levels": levels,
        "last_over_first_median": round(last["ms_median"] / first["ms_median"], 2),
        "last_over_first_cpu_median": round(last["cpu_ms_median"] / first["cpu_ms_median"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--articles", type=int, default=100, help="articles ingested and timed at each size")
    args = parser.parse_args()
    figures = run(args.sizes, args.articles)
    record.save(args.out, {"merge": figures})
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
