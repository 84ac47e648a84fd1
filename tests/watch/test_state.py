"""Tests of warwatch.watch.state: its migration, and its queries on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from warwatch.model import Article
from warwatch.store import SqlStore, open_store
from warwatch.watch.feeds import FeedItem
from warwatch.watch.state import DUPLICATE, FAILED, STORED, SourceState, WatchState, metadata

TABLES = {"watch_sources", "watch_items", "watch_fetches", "article_timing"}
T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def any_store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        yield opened


def test_state_migration_matches_the_tables(any_store: SqlStore) -> None:
    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        assert [diff for diff in compare_metadata(context, metadata) if _names_ours(diff)] == []
    assert set(inspect(any_store.engine).get_table_names()) >= TABLES


def test_state_migration_goes_down_and_up(any_store: SqlStore) -> None:
    any_store.downgrade("0001")
    assert not TABLES & set(inspect(any_store.engine).get_table_names())
    any_store.upgrade()
    assert set(inspect(any_store.engine).get_table_names()) >= TABLES


def _ours(name: str | None, kind: str, parent: dict) -> bool:
    return kind != "table" or name in TABLES


def _names_ours(diff: object) -> bool:
    """A compare_metadata entry (or group of entries) that concerns one of the watcher's tables."""
    text = repr(diff)
    return any(f"'{table}'" in text or f"<{table}>" in text for table in TABLES)


def test_state_sources_round_trip(any_store: SqlStore) -> None:
    state = WatchState(any_store.engine)
    assert state.source("https://wire.test/rss") is None
    source = SourceState(url="https://wire.test/rss", kind="feed", interval_s=60, next_poll_at=T0, etag='"v1"')
    state.save_source(source)
    state.save_source(source := SourceState(**{**_fields(source), "failures": 2, "last_error": "HTTP 500"}))
    assert state.source(source.url) == source


def _fields(source: SourceState) -> dict:
    return {name: getattr(source, name) for name in SourceState.__slots__}


def test_state_items_are_queued_once(any_store: SqlStore) -> None:
    state = WatchState(any_store.engine)
    items = [FeedItem(guid=f"g{n}", url=f"https://wire.test/{n}", published_at=T0) for n in range(3)]
    assert state.add_items("feed-a", items, T0) == items
    again = [*items, FeedItem(guid="g0", url="https://wire.test/new"), FeedItem(guid="x", url="https://wire.test/1")]
    assert state.add_items("feed-a", again, T0) == []  # known GUID; known URL
    other = [FeedItem(guid="g0", url="https://wire.test/other"), FeedItem(guid="same", url="https://wire.test/other")]
    assert state.add_items("feed-b", other, T0) == other[:1]  # a GUID is unique per feed; repeats inside one feed go
    assert state.count_items() == 4


def test_state_items_due_in_order(any_store: SqlStore) -> None:
    state = WatchState(any_store.engine)
    state.add_items("feed", [FeedItem(guid=f"g{n}", url=f"https://wire.test/{n}") for n in range(3)], T0)
    first = state.next_item(T0, sources=["feed"])
    assert first is not None and first.guid == "g0" and first.status == "pending"
    assert state.next_item(T0, sources=["elsewhere"]) is None
    state.retry_item(first.id, error="timed out", at=T0 + timedelta(seconds=30))
    second = state.next_item(T0, sources=["feed"])
    assert second is not None and second.guid == "g1"
    state.finish_item(second.id, FAILED, error="HTTP 404")
    state.finish_item(state.next_item(T0, sources=["feed"]).id, DUPLICATE, article_id="a1")  # type: ignore[union-attr]
    assert state.next_item(T0, sources=["feed"]) is None
    assert state.next_attempt_at(sources=["feed"]) == T0 + timedelta(seconds=30)
    retried = state.next_item(T0 + timedelta(minutes=1), sources=["feed"])
    assert retried is not None and (retried.guid, retried.attempts) == ("g0", 1)


def test_state_url_done_and_orphans(any_store: SqlStore) -> None:
    state = WatchState(any_store.engine)
    article = Article(text="Shelling hit the market.", url="https://wire.test/1")
    state.add_items("feed", [FeedItem(guid="g1", url="https://wire.test/1")], T0)
    item = state.next_item(T0, sources=["feed"])
    assert item is not None and state.url_done("https://wire.test/1") is None
    state.record_timing(article.id, source="feed", url=article.url, published_at=T0, fetched_at=T0, processed_at=T0)
    any_store.add_article(article, [])
    assert state.url_done("https://wire.test/1") == article.id
    assert state.orphaned(article.id, "feed") and not state.orphaned(article.id, "other-feed")
    state.finish_item(item.id, STORED, article_id=article.id, processed_at=T0 + timedelta(seconds=5))
    assert not state.orphaned(article.id, "feed")


def test_state_fetch_log_is_pruned(any_store: SqlStore) -> None:
    state = WatchState(any_store.engine)
    state.log_fetch("https://wire.test/rss", 200, 1234, 0.25, None)
    state.log_fetch("https://wire.test/x", None, 0, 1.0, "timed out")
    assert [(row["status"], row["bytes"], row["elapsed_ms"]) for row in state.fetches()] == [
        (200, 1234, 250),
        (None, 0, 1000),
    ]
    assert state.prune_fetches(keep_days=1) == 0
    assert state.prune_fetches(keep_days=-1) == 2
