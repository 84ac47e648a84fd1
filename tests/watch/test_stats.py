"""Tests of warwatch.watch.stats: percentiles, each event's first article, the latency report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loopback import fake_pipeline

from warwatch.model import Article
from warwatch.store import SqlStore
from warwatch.watch.state import WatchState
from warwatch.watch.stats import event_timings, latency_report, percentile

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [([], 50, None), ([4.0], 95, 4.0), ([1.0, 2.0, 3.0, 4.0], 50, 2.0), ([float(n) for n in range(1, 101)], 95, 95.0),
     ([1.0, 2.0], 0, 1.0)],
)  # fmt: skip
def test_stats_percentile(values: list[float], pct: float, expected: float | None) -> None:
    assert percentile(values, pct) == expected


@given(st.lists(st.floats(0, 1e6), min_size=1), st.floats(0, 100))
def test_stats_percentile_is_a_value_within_range(values: list[float], pct: float) -> None:
    ordered = sorted(values)
    result = percentile(ordered, pct)
    assert result is not None and round(ordered[0], 3) <= result <= round(ordered[-1], 3)


def timed(store: SqlStore, text: str, *, published: datetime | None, fetched_s: float, stored_s: float) -> Article:
    article = Article(text=text)
    WatchState(store.engine).record_timing(article.id, source="feed", url=None, published_at=published,
                                           fetched_at=T0 + timedelta(seconds=fetched_s),
                                           processed_at=T0 + timedelta(seconds=stored_s))  # fmt: skip
    store.add_article(article, fake_pipeline(article))
    return article


def test_stats_latency_report(store: SqlStore) -> None:
    for n, (fetched, stored) in enumerate([(10, 12), (20, 25), (30, 40), (100, 130)]):
        timed(store, f"Clash number {n}.", published=T0, fetched_s=fetched, stored_s=stored)
    timed(store, "Clash from a folder.", published=None, fetched_s=5, stored_s=6)
    timed(store, "Clash from a feed with a clock ahead.", published=T0 + timedelta(hours=1), fetched_s=1, stored_s=2)
    store.add_article(Article(text="Ingested by hand, never watched."), fake_pipeline(Article(text="x y")))
    report = latency_report(store.engine)
    assert (report.events, report.undated) == (6, 1)
    assert (report.median_s, report.p95_s, report.max_s) == (25.0, 130.0, 130.0)  # 0 (clock ahead), 12, 25, 40, 130
    assert (report.fetch_median_s, report.process_median_s) == (20.0, 2.0)


def test_stats_event_keeps_its_first_article(store: SqlStore) -> None:
    first = timed(store, "First report of the clash.", published=T0, fetched_s=3, stored_s=4)
    later = Article(text="Second report of the clash.")
    WatchState(store.engine).record_timing(later.id, source="feed", url=None, published_at=T0,
                                           fetched_at=T0 + timedelta(seconds=50),
                                           processed_at=T0 + timedelta(seconds=60))  # fmt: skip
    with store.engine.begin() as conn:  # the merged event lists both articles
        conn.exec_driver_sql("INSERT INTO articles (id, text, ingested_at) VALUES (?, ?, ?)",
                             (later.id, later.text, T0.isoformat()))  # fmt: skip
        conn.exec_driver_sql("INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)",
                             (f"ev-{first.id}", later.id))  # fmt: skip
    timing = event_timings(store.engine)[f"ev-{first.id}"]
    assert (timing.article_id, timing.latency_s) == (first.id, 4.0)


def test_stats_empty_store(store: SqlStore) -> None:
    report = latency_report(store.engine)
    assert report.to_dict() == {"events": 0, "undated": 0, "median_s": None, "p95_s": None, "max_s": None,
                                "fetch_median_s": None, "process_median_s": None}  # fmt: skip
