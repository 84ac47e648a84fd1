"""Latency: how long after publication an event appears in the store.

Job: the figure warwatch promises ("events minutes after an article appears"). In: the store's
engine; ``article_timing`` (written by the watcher) joined with ``event_articles``. Out: per event,
the timing of its first article (the one processed first), and a ``LatencyReport`` with the median
and 95th percentile of publication-to-event latency (processed_at - published_at).

Events whose first article has no publication time (offline files, feeds without dates) are counted
but have no latency. A publication time in the future (a wrong feed clock) counts as zero latency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..store.tables import event_article_table
from .state import timing_table, utc


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTiming:
    """When an event's first article was published, fetched and processed (stored)."""

    event_id: str
    article_id: str
    published_at: datetime | None
    fetched_at: datetime
    processed_at: datetime

    @property
    def latency_s(self) -> float | None:
        if self.published_at is None:
            return None
        return max(0.0, (self.processed_at - self.published_at).total_seconds())


@dataclass(frozen=True, slots=True, kw_only=True)
class LatencyReport:
    events: int  # events with a timed first article
    undated: int  # of those, events whose first article has no publication time
    median_s: float | None
    p95_s: float | None
    max_s: float | None
    fetch_median_s: float | None  # publication to fetch
    process_median_s: float | None  # fetch to stored

    def to_dict(self) -> dict[str, float | int | None]:
        return {name: getattr(self, name) for name in self.__slots__}


def event_timings(engine: Engine) -> dict[str, EventTiming]:
    """Each watched event's first article and its times, by event id."""
    link, timing = event_article_table.c, timing_table.c
    query = select(link.event_id, link.article_id, timing.published_at, timing.fetched_at, timing.processed_at).join(
        timing_table, timing.article_id == link.article_id
    )
    try:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip()
        raise StoreError(f"reading article times failed: {reason}; run `warwatch db upgrade`") from err
    first: dict[str, EventTiming] = {}
    for row in rows:
        candidate = EventTiming(
            event_id=row.event_id,
            article_id=row.article_id,
            published_at=utc(row.published_at),
            fetched_at=utc(row.fetched_at),
            processed_at=utc(row.processed_at),
        )
        known = first.get(row.event_id)
        if known is None or candidate.processed_at < known.processed_at:
            first[row.event_id] = candidate
    return first


def latency_report(engine: Engine) -> LatencyReport:
    """Publication-to-event latency over every watched event."""
    timings = list(event_timings(engine).values())
    dated = [t for t in timings if t.published_at is not None]
    latencies = sorted(t.latency_s for t in dated if t.latency_s is not None)
    fetch = sorted(max(0.0, (t.fetched_at - t.published_at).total_seconds()) for t in dated if t.published_at)
    process = sorted((t.processed_at - t.fetched_at).total_seconds() for t in timings)
    return LatencyReport(
        events=len(timings),
        undated=len(timings) - len(dated),
        median_s=percentile(latencies, 50),
        p95_s=percentile(latencies, 95),
        max_s=latencies[-1] if latencies else None,
        fetch_median_s=percentile(fetch, 50),
        process_median_s=percentile(process, 50),
    )


def percentile(values: list[float], pct: float) -> float | None:
    """The nearest-rank percentile of sorted ``values`` (None when empty), rounded to milliseconds."""
    if not values:
        return None
    rank = max(1, math.ceil(pct / 100 * len(values)))
    return round(values[rank - 1], 3)
