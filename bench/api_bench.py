"""`make bench`, API part: p50/p95 latency of the events list and of the GeoJSON endpoint over 100,000 events.

Builds a SQLite store of synthetic events (1,000 per synthetic article, written in bulk: see
``build_store``), starts ``warwatch serve`` on a free loopback port in a second process, and
times sequential requests from this process with one keep-alive httpx client. Writes the figures to
``--out`` under the key "api", read-modify-write: the other keys of the file are kept.

    python bench/api_bench.py --out bench/results.json [--events 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import record
from sqlalchemy import insert

from warwatch.model import Actor, Article, Event, Fatalities, FatalityClaim, Place, Span
from warwatch.store import open_store, rows, sql, tables
from warwatch.taxonomy import SUB_EVENT_TYPES

PER_ARTICLE = 1_000
PLACES = [  # (name, country, admin1, lat, lon)
    ("Aleppo", "SY", "Aleppo", 36.20, 37.16), ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.33, 40.14),
    ("Mosul", "IQ", "Nineveh", 36.34, 43.13), ("Sanaa", "YE", "Sanaa", 15.35, 44.21),
    ("Mogadishu", "SO", "Banaadir", 2.04, 45.34), ("Maiduguri", "NG", "Borno", 11.85, 13.16),
    ("Kunduz", "AF", "Kunduz", 36.73, 68.86), ("Donetsk", "UA", "Donetsk", 48.02, 37.80),
    ("Goma", "CD", "North Kivu", -1.68, 29.23), ("Gao", "ML", "Gao", 16.27, -0.04),
    ("Karachi", "PK", "Sindh", 24.86, 67.01), ("Khartoum", "SD", "Khartoum", 15.50, 32.56),
]  # fmt: skip
ACTORS = ["Islamic State", "Military Forces of Syria", "Al Shabaab", "Boko Haram", "Taliban", "Civilians"]
SOURCES = ["Syrian Observatory for Human Rights", "Reuters", "local officials", "police", "Islamic State"]


def synthetic_events(article: Article, first: int, count: int, rng: random.Random) -> list[Event]:
    """``count`` plausible events citing ``article``: types, places, dates and claims drawn at random."""
    sub_types = list(SUB_EVENT_TYPES)
    start = date(2015, 1, 1)
    evidence = (Span.of(article, 0, min(len(article.text), 80)),)
    events = []
    for number in range(first, first + count):
        name, country, admin1, lat, lon = rng.choice(PLACES)
        sub_type = rng.choice(sub_types)
        claims: tuple[FatalityClaim, ...] = ()
        if rng.random() < 0.5:
            claims = (FatalityClaim(value=rng.randint(0, 120), source=rng.choice(SOURCES)),)
        events.append(
            Event(
                id=f"bench{number:07d}",
                event_type=SUB_EVENT_TYPES[sub_type],
                sub_event_type=sub_type,
                date=start + timedelta(days=rng.randrange(3650)),
                actor1=Actor(name=rng.choice(ACTORS), inter=rng.randint(1, 8)),
                location=Place(
                    name=name,
                    country=country,
                    admin1=admin1,
                    lat=lat + rng.uniform(-0.5, 0.5),
                    lon=lon + rng.uniform(-0.5, 0.5),
                    geo_precision=rng.choice((1, 2, 3)),
                ),
                fatalities=Fatalities.from_claims(claims),
                sources=tuple({claim.source for claim in claims if claim.source}),
                evidence=evidence,
                articles=(article.id,),
            )
        )
    return events


def build_store(path: Path, events: int) -> float:
    """Fill a new SQLite store at ``path`` with ``events`` synthetic events; returns the seconds taken.

    Rows are written in bulk with the store's own row builders, each event standing alone (a report
    of its own): through ``add_article``, every event would first be compared with its stored
    neighbours for merging, which takes about half an hour for 100,000 events and is not what this
    benchmark measures. What the API reads (events, claims, links, reports) is the same either way.
    """
    rng = random.Random(7)
    started = time.perf_counter()
    now = datetime.now(UTC)
    with open_store(f"sqlite:///{path}") as store, store.engine.begin() as conn:
        for first in range(0, events, PER_ARTICLE):
            text = f"Synthetic report {first} for the API benchmark: fighting and shelling were reported. " * 3
            article = Article(text=text, published=date(2025, 1, 1), title=f"bench {first}")
            batch = synthetic_events(article, first, min(PER_ARTICLE, events - first), rng)
            sql._insert_article(conn, article, now)
            conn.execute(insert(tables.report_table), [rows.report_row(event, article.id) for event in batch])
            conn.execute(insert(tables.event_table), [rows.event_row(event, now) for event in batch])
            links = [{"event_id": event.id, "article_id": article.id} for event in batch]
            conn.execute(insert(tables.event_article_table), links)
            claims = [row for event in batch for row in rows.claim_rows(event)]
            if claims:
                conn.execute(insert(tables.claim_table), claims)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``warwatch serve`` in a second process; returns once it answers."""
    command = [str(Path(sys.executable).with_name("warwatch")), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--db", str(db)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"warwatch serve exited with status {server.returncode}")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("warwatch serve did not answer within 120 s")


def time_requests(client: httpx.Client, path: str, params: dict[str, Any], count: int) -> dict[str, Any]:
    """p50/p95/max latency in ms of ``count`` sequential GETs (after 5 unmeasured warm-up requests)."""
    for _ in range(5):
        client.get(path, params=params).raise_for_status()
    timings = []
    size = 0
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path, params=params)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        size = len(response.content)
    cuts = statistics.quantiles(timings, n=20)
    return {
        "path": path,
        "params": params,
        "requests": count,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(cuts[18], 1),
        "max_ms": round(max(timings), 1),
        "response_kb": round(size / 1024, 1),
    }


def run(events: int, requests: int) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "api-bench.db"
        build_s = build_store(db, events)
        port = free_port()
        server = start_server(db, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                page = client.get("/api/events", params={"country": "SY", "limit": 50}).json()
                cursor = page["next_cursor"]
                measured = {
                    "events_list_country": time_requests(
                        client, "/api/events", {"country": "SY", "limit": 50}, requests
                    ),
                    "events_list_country_page2": time_requests(
                        client, "/api/events", {"country": "SY", "limit": 50, "cursor": cursor}, requests
                    ),
                    "events_list_type_since": time_requests(
                        client, "/api/events", {"event_type": "Battles", "since": "2023-01-01", "limit": 50}, requests
                    ),
                    "events_list_text": time_requests(
                        client, "/api/events", {"text": "shelling", "limit": 50}, requests
                    ),
                    "geojson_country": time_requests(client, "/api/geojson", {"country": "SY"}, max(20, requests // 4)),
                    "geojson_all_10000": time_requests(client, "/api/geojson", {}, max(20, requests // 4)),
                }
        finally:
            server.terminate()
            server.wait(timeout=30)
        return {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "events": events,
            "matching_country_SY": page["total"],
            "store_build_s": round(build_s, 1),
            "store_mb": round(db.stat().st_size / 1e6, 1) if db.exists() else None,
            "load_average_1m": [round(load_before, 1), round(os.getloadavg()[0], 1)],  # before, after: others' work
            "setup": "SQLite file; `warwatch serve` (uvicorn, one process) on loopback; one keep-alive httpx client "
            "in another process, sequential requests",
            "latency": measured,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    figures = run(args.events, args.requests)
    record.save(args.out, {"api": figures})
    for name, row in figures["latency"].items():
        sys.stdout.write(
            f"{name:28} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  ({row['response_kb']} KB)\n"
        )


if __name__ == "__main__":
    main()
