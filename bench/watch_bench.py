"""`make bench` (watch): publication-to-event latency and throughput of ``warwatch watch``.

A feed server on loopback (``http.server`` in a thread) publishes ``--items`` articles (default 1,000)
evenly over ``--duration`` seconds (default 500: 2 a second); each appears in the feed (the newest
200, with an ETag) at its publication time, with its page. The watcher, with the real pipeline and a
SQLite store, polls the feed every ``--interval`` seconds. Figures:

* live: publication-to-event latency (median, p95, max) from ``warwatch.watch.latency_report``, and the
  same per article (events or not); the target is p95 < 2 polling intervals + 5 s. Publication times
  travel in RSS pubDate, which has whole seconds, so latencies are overstated by up to 1 s.
* backlog: the same number of articles already in the feed, drained in one ``--once`` run: the
  throughput of the whole path (poll, fetch, extract, pipeline, store), and where the time goes.

Written into bench/results.json under "watch" (read, modify, write: other keys are kept). The article
texts are made up here from templates; nothing is copied from the development sets.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import record
from sqlalchemy import select

from warwatch.model import Article, Event
from warwatch.pipeline import Pipeline
from warwatch.store import SqlStore, open_store
from warwatch.watch import FetchLimits, Watcher, WatchOptions, latency_report
from warwatch.watch.state import timing_table
from warwatch.watch.stats import percentile

REPO = Path(__file__).resolve().parents[1]
FEED_SIZE = 200  # items a feed document lists, newest first

PLACES = [("Kunduz", "Kunduz"), ("Ghazni", "Ghazni"), ("Mosul", "Nineveh"), ("Idlib", "Idlib"),
          ("Gao", "Gao"), ("Mopti", "Mopti"), ("Maiduguri", "Borno"), ("Kismayo", "Lower Juba"),
          ("Taiz", "Taiz"), ("Bunia", "Ituri"), ("Kidal", "Kidal"), ("Beni", "North Kivu")]  # fmt: skip
ACTORS = ["Taliban", "Islamic State", "al-Shabaab", "Boko Haram", "unidentified gunmen", "ADF rebels"]
VICTIMS = ["soldiers", "police officers", "civilians", "villagers", "militia members"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{actor} fighters attacked an army post in {town}, {region} province, on {day}, killing {n} {victims}, "
    "a local official said.",
    "At least {n} {victims} were killed when {actor} militants stormed a market in {town} on {day}, "
    "residents told reporters.",
    "An explosion struck a checkpoint near {town} in {region} on {day}, killing {n} {victims}; no group has "
    "claimed the attack.",
    "Security forces clashed with {actor} near {town} on {day}; the army said {n} {victims} died in the fighting.",
]
FILLER = [
    "The area has seen repeated violence in recent months.",
    "Roads into the town were closed after the incident.",
    "Aid agencies said hundreds of families had fled to nearby villages.",
    "Officials promised an investigation into the events.",
    "Hospitals in the provincial capital received the wounded.",
]


def story(n: int, rng: random.Random) -> tuple[str, str]:
    """Title and text of made-up article ``n`` (unique: its number is in it)."""
    town, region = rng.choice(PLACES)
    fields = {"actor": rng.choice(ACTORS), "town": town, "region": region, "day": rng.choice(DAYS),
              "n": rng.randint(2, 40), "victims": rng.choice(VICTIMS)}  # fmt: skip
    lead = rng.choice(TEMPLATES).format(**fields)
    body = " ".join(rng.sample(FILLER, 3))
    return f"Attack near {town} ({n})", f"{lead}\n{body}\nReport number {n} of the wire service."


class Wire:
    """The publisher: items become visible at their publication time."""

    def __init__(self, count: int, duration_s: float, *, feed_size: int = FEED_SIZE, seed: int = 7) -> None:
        rng = random.Random(seed)
        self.feed_size = feed_size
        self.stories = [story(n, rng) for n in range(count)]
        self.start = time.time()
        self.step = duration_s / max(count, 1)
        self.base = ""

    def published(self) -> int:
        """How many items are published by now."""
        return min(len(self.stories), int((time.time() - self.start) / self.step) + 1)

    def published_at(self, n: int) -> datetime:
        return datetime.fromtimestamp(self.start + n * self.step, tz=UTC)

    def feed(self) -> tuple[bytes, str]:
        count = self.published()
        items = "".join(
            f"<item><guid>urn:wire:{n}</guid><link>{self.base}/news/{n}</link>"
            f"<title>{escape(self.stories[n][0])}</title><pubDate>{format_datetime(self.published_at(n))}</pubDate>"
            "</item>"
            for n in range(count - 1, max(-1, count - 1 - self.feed_size), -1)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
        return body.encode(), f'"{count}"'

    def page(self, n: int) -> bytes | None:
        if n >= self.published():
            return None
        title, text = self.stories[n]
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>'
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>{escape(title)}</h1>"
            f"{paragraphs}</article><footer>Wire service</footer></body></html>"
        ).encode()


def _handler(wire: Wire) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body, etag = wire.feed()
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(body, "application/rss+xml", etag)
            elif self.path.startswith("/news/") and (page := wire.page(int(self.path.rsplit("/", 1)[1]))):
                self._send(page, "text/html; charset=utf-8", None)
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str, etag: str | None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(wire: Wire) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(wire))
    server.daemon_threads = True
    wire.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"{wire.base}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


class Timed:
    """Wraps a callable and adds up the seconds spent in it."""

    def __init__(self, function: Callable) -> None:
        self.function = function
        self.seconds = 0.0

    def __call__(self, *args: object) -> object:
        started = time.perf_counter()
        try:
            return self.function(*args)
        finally:
            self.seconds += time.perf_counter() - started


def watcher_for(store: SqlStore, feed: str, pipeline: Callable[[Article], Sequence[Event]], *, interval: float,
                max_items: int) -> Watcher:  # fmt: skip
    limits = FetchLimits(host_delay_s=0.0)  # loopback: the per-host delay would cap the rate at 1 page/s
    options = WatchOptions(interval_s=interval, max_items=max_items, limits=limits)
    return Watcher(store, [(feed, "feed")], pipeline=pipeline, options=options)


def live(pipeline: Pipeline, count: int, duration: float, interval: float, folder: Path) -> dict:
    """Articles published over time; the watcher runs until every one is handled."""
    wire = Wire(count, duration)
    with serve(wire) as feed, open_store(str(folder / "live.db")) as store:
        watcher = watcher_for(store, feed, pipeline, interval=interval, max_items=FEED_SIZE)
        stop = threading.Event()
        thread = threading.Thread(target=watcher.run, kwargs={"stop": stop})
        thread.start()
        deadline = time.time() + duration + 600
        while time.time() < deadline and watcher.state.count_items() - watcher.state.count_items("pending") < count:
            time.sleep(0.5)
        stop.set()
        thread.join()
        report = latency_report(store.engine)
        with store.engine.connect() as conn:
            rows = conn.execute(select(timing_table.c.published_at, timing_table.c.processed_at)).all()
        per_article = sorted(max(0.0, (done - published).total_seconds()) for published, done in rows)
        handled = watcher.state.count_items() - watcher.state.count_items("pending")
    target = 2 * interval + 5
    return {
        "items": count,
        "publish_over_s": duration,
        "interval_s": interval,
        "handled": handled,
        "articles": len(per_article),
        "events": report.events,
        "event_latency_s": {"median": report.median_s, "p95": report.p95_s, "max": report.max_s},
        "article_latency_s": {"median": percentile(per_article, 50), "p95": percentile(per_article, 95)},
        "publication_to_fetch_median_s": report.fetch_median_s,
        "fetch_to_stored_median_s": report.process_median_s,
        "target_p95_s": target,
        "meets_target": report.p95_s is not None and report.p95_s < target,
    }


def backlog(pipeline: Pipeline, count: int, folder: Path) -> dict:
    """Every article in the feed at once, drained by one --once run: the whole path's throughput."""
    wire = Wire(count, 0.001, feed_size=count)
    time.sleep(0.01)
    timed_pipeline = Timed(pipeline)
    with serve(wire) as feed, open_store(str(folder / "backlog.db")) as store:
        timed_store = Timed(store.add_article)
        store.add_article = timed_store  # type: ignore[method-assign]
        watcher = watcher_for(store, feed, timed_pipeline, interval=3600, max_items=count)
        started = time.perf_counter()
        summary = watcher.run(once=True)
        seconds = time.perf_counter() - started
        fetch_s = sum(row["elapsed_ms"] for row in watcher.state.fetches()) / 1000
    return {
        "articles": summary.stored,
        "events_extracted": summary.events,  # before merging into stored events
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.stored / seconds, 1),
        "fetch_s": round(fetch_s, 2),
        "pipeline_s": round(timed_pipeline.seconds, 2),
        "store_s": round(timed_store.seconds, 2),
        "rest_s": round(seconds - fetch_s - timed_pipeline.seconds - timed_store.seconds, 2),  # extract, state
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=500.0, help="Seconds over which the items are published.")
    parser.add_argument("--interval", type=float, default=5.0, help="The watcher's polling interval (seconds).")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    pipeline = Pipeline()
    warm_up = Article(text="Gunmen attacked a checkpoint in Kunduz on Monday, killing four soldiers.",
                      published=datetime.now(UTC).date())  # fmt: skip
    pipeline(warm_up)  # the first article loads lazy data (gazetteer, patterns): not part of the figures
    with tempfile.TemporaryDirectory() as tmp:
        figures = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "live": live(pipeline, args.items, args.duration, args.interval, Path(tmp)),
            "backlog": backlog(pipeline, args.items, Path(tmp)),
        }
    record.save(args.out, {"watch": figures})
    print(json.dumps(figures, indent=2))
    if not figures["live"]["meets_target"]:
        logging.warning("p95 latency %s s misses the target %s s", figures["live"]["event_latency_s"]["p95"],
                        figures["live"]["target_p95_s"])  # fmt: skip


if __name__ == "__main__":
    main()
