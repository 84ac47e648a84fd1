"""The watcher's state, kept in the event store so a restart resumes where the last run stopped.

Job: remember every source's schedule and validators, every item seen and what became of it, every
request made, and when each article was published, fetched and processed. In: the store's engine
(``SqlStore.engine``). Out: ``SourceState`` and ``ItemState`` records, and the queries the watcher
needs (is this GUID / URL / text known? which item is due?).

Tables (created by migration ``0002_watch``; described here for queries only):

* ``watch_sources``  one row per feed URL or folder: ETag, Last-Modified, failures, next poll;
* ``watch_items``    one row per feed item or offline file, ``pending`` until it is ``stored``,
  ``duplicate`` or ``failed``; unique by (source, GUID), looked up by canonical URL and article id;
* ``watch_fetches``  one row per HTTP request: status, bytes, seconds, error (pruned after some days;
  written with the next state change, so a crash may lose the rows of the request in flight);
* ``article_timing`` one row per article: published_at, fetched_at, processed_at.

Crash safety: an item is written ``pending`` before its page is fetched and marked done only after
``SqlStore.add_article`` committed, so a killed watcher fetches it again and finds its article by URL
or text hash instead of storing it twice. Timing rows are written before the article, keyed by its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..store.tables import NAMING_CONVENTION, article_table
from .feeds import FeedItem

PENDING, STORED, DUPLICATE, FAILED = "pending", "stored", "duplicate", "failed"
_CHUNK = 400  # values per IN (...) query: well under SQLite's 999 parameters
_WRITE = {"warwatch_write": True}  # store/sql.py's option: BEGIN IMMEDIATE on SQLite

metadata = MetaData(naming_convention=NAMING_CONVENTION)

source_table = Table(
    "watch_sources",
    metadata,
    Column("url", Text, primary_key=True),  # feed URL, or folder path
    Column("kind", String(16), nullable=False),  # feed | folder
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("interval_s", Float, nullable=False),
    Column("failures", Integer, nullable=False),  # consecutive failed polls
    Column("next_poll_at", DateTime(timezone=True), nullable=False),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("last_error", Text),
)

item_table = Table(
    "watch_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("guid", Text, nullable=False),
    Column("url", Text),  # canonical page URL; None for a folder's file (its path is in guid)
    Column("title", Text),
    Column("published_at", DateTime(timezone=True)),
    Column("discovered_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("article_id", String(64)),
    UniqueConstraint("source", "guid"),
    Index("ix_watch_items_url", "url"),
    Index("ix_watch_items_status_next_attempt_at", "status", "next_attempt_at"),
    Index("ix_watch_items_article_id", "article_id"),
)

fetch_table = Table(
    "watch_fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("url", Text, nullable=False),
    Column("status", Integer),
    Column("bytes", Integer, nullable=False),
    Column("elapsed_ms", Integer, nullable=False),
    Column("error", Text),
    Index("ix_watch_fetches_at", "at"),
)

timing_table = Table(
    "article_timing",
    metadata,
    Column("article_id", String(64), primary_key=True),  # no foreign key: written before the article
    Column("source", Text),
    Column("url", Text),
    Column("published_at", DateTime(timezone=True)),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
    Index("ix_article_timing_url", "url"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceState:
    """A source's schedule and the validators of its last good fetch."""

    url: str
    kind: str
    interval_s: float
    next_poll_at: datetime
    failures: int = 0
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemState:
    """One feed item or offline file waiting to be (or already) turned into articles."""

    id: int
    source: str
    guid: str
    url: str | None
    title: str | None
    published_at: datetime | None
    status: str
    attempts: int


def utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives them back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class WatchState:
    """Reads and writes the watcher's tables through the store's engine; one per watcher."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fetch_rows: list[dict[str, Any]] = []  # the fetch log, until the next write

    # --- sources ---------------------------------------------------------------------------

    def source(self, url: str) -> SourceState | None:
        with self._reading() as conn:
            row = conn.execute(select(source_table).where(source_table.c.url == url)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        for key in ("next_poll_at", "last_polled_at", "last_ok_at"):
            data[key] = utc(data[key])
        return SourceState(**data)

    def save_source(self, state: SourceState) -> None:
        row = {name: getattr(state, name) for name in SourceState.__slots__}
        with self._writing() as conn:
            if conn.execute(select(source_table.c.url).where(source_table.c.url == state.url)).first():
                conn.execute(update(source_table).where(source_table.c.url == state.url).values(row))
            else:
                conn.execute(insert(source_table), row)

    # --- items -----------------------------------------------------------------------------

    def add_items(self, source: str, items: Iterable[FeedItem], now: datetime) -> list[FeedItem]:
        """Queue the items not seen before (by GUID in this source, or by canonical URL anywhere).

        Returns:
            The items queued, in the order given.
        """
        items = _unique(items)
        with self._writing() as conn:
            known_guids = _existing(conn, item_table.c.guid, [i.guid for i in items], item_table.c.source == source)
            urls = [i.url for i in items if i.url]
            known_urls = _existing(conn, item_table.c.url, urls) | _existing(conn, timing_table.c.url, urls)
            fresh = [i for i in items if i.guid not in known_guids and (i.url is None or i.url not in known_urls)]
            rows = [_item_row(source, item, now) for item in fresh]
            if rows:
                conn.execute(insert(item_table), rows)
        return fresh

    def next_item(self, now: datetime, *, sources: list[str]) -> ItemState | None:
        """The pending item of one of ``sources`` due first (oldest discovered), or None."""
        col = item_table.c
        query = (
            select(item_table)
            .where(col.status == PENDING, col.next_attempt_at <= now, col.source.in_(sources))
            .order_by(col.next_attempt_at, col.id)
            .limit(1)
        )
        with self._reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        data = row._mapping
        return ItemState(**{name: data[name] for name in ItemState.__slots__ if name != "published_at"},
                         published_at=utc(data["published_at"]))  # fmt: skip

    def next_attempt_at(self, *, sources: list[str]) -> datetime | None:
        """When the earliest pending item of one of ``sources`` falls due."""
        col = item_table.c
        query = select(func.min(col.next_attempt_at)).where(col.status == PENDING, col.source.in_(sources))
        with self._reading() as conn:
            return utc(conn.execute(query).scalar())

    def count_items(self, status: str | None = None) -> int:
        query = select(func.count()).select_from(item_table)
        if status:
            query = query.where(item_table.c.status == status)
        with self._reading() as conn:
            return conn.execute(query).scalar_one()

    def finish_item(self, item_id: int, status: str, *, article_id: str | None = None, error: str | None = None,
                    processed_at: datetime | None = None) -> None:  # fmt: skip
        """Mark an item done; with ``processed_at``, also stamp its article's timing row (one transaction)."""
        with self._writing() as conn:
            values: dict[str, Any] = {"status": status, "last_error": error}
            if article_id is not None:
                values["article_id"] = article_id
            conn.execute(update(item_table).where(item_table.c.id == item_id).values(values))
            if processed_at is not None and article_id is not None:
                query = update(timing_table).where(timing_table.c.article_id == article_id)
                conn.execute(query.values(processed_at=processed_at))

    def retry_item(self, item_id: int, *, error: str, at: datetime) -> None:
        col = item_table.c
        with self._writing() as conn:
            conn.execute(
                update(item_table)
                .where(col.id == item_id)
                .values(attempts=col.attempts + 1, last_error=error, next_attempt_at=at)
            )

    def url_done(self, url: str, *, other_than: int | None = None) -> str | None:
        """The id of the article the watcher stored from this canonical URL, or None.

        Looked up among finished items, then among article times (written just before the article, so
        they also name articles whose item a killed watcher left pending); both columns are indexed.
        """
        col, timing = item_table.c, timing_table.c
        with self._reading() as conn:
            query = select(col.article_id).where(col.url == url, col.status == STORED, col.id != (other_than or -1))
            found = conn.execute(query.limit(1)).scalar()
            if found is None:
                stored = select(timing.article_id).join(article_table, article_table.c.id == timing.article_id)
                found = conn.execute(stored.where(timing.url == url).limit(1)).scalar()
        return found

    def orphaned(self, article_id: str, source: str) -> bool:
        """True when this watcher stored the article for ``source`` but no finished item claims it:
        the watcher was killed between storing the article and marking its item."""
        col = item_table.c
        claimed = select(col.id).where(col.article_id == article_id, col.status == STORED).limit(1)
        timed = select(timing_table.c.article_id).where(
            timing_table.c.article_id == article_id, timing_table.c.source == source
        )
        with self._reading() as conn:
            return conn.execute(timed).first() is not None and conn.execute(claimed).first() is None

    # --- timing and the fetch log ----------------------------------------------------------

    def stamp_processed(self, article_id: str, at: datetime) -> None:
        """Set when an article's events were stored."""
        with self._writing() as conn:
            query = update(timing_table).where(timing_table.c.article_id == article_id)
            conn.execute(query.values(processed_at=at))

    def record_timing(self, article_id: str, *, source: str, url: str | None, published_at: datetime | None,
                      fetched_at: datetime, processed_at: datetime) -> None:  # fmt: skip
        """When the article was published, fetched and processed; the first record of an article wins."""
        row = {"article_id": article_id, "source": source, "url": url, "published_at": published_at,
               "fetched_at": fetched_at, "processed_at": processed_at}  # fmt: skip
        with self._writing() as conn:
            if conn.execute(select(timing_table.c.article_id).where(timing_table.c.article_id == article_id)).first():
                return
            conn.execute(insert(timing_table), row)

    def log_fetch(self, url: str, status: int | None, size: int, seconds: float, error: str | None) -> None:
        """Note a request; written with the next state change (a commit costs more than the row)."""
        self._fetch_rows.append({"at": datetime.now(UTC), "url": url, "status": status, "bytes": size,
                                 "elapsed_ms": round(seconds * 1000), "error": error})  # fmt: skip

    def flush(self) -> None:
        """Write the requests noted since the last state change."""
        if self._fetch_rows:
            with self._writing():
                pass

    def prune_fetches(self, *, keep_days: float) -> int:
        """Forget requests older than ``keep_days``; returns how many rows went."""
        before = datetime.now(UTC) - timedelta(days=keep_days)
        with self._writing() as conn:
            return conn.execute(delete(fetch_table).where(fetch_table.c.at < before)).rowcount

    def fetches(self, url: str | None = None) -> list[dict[str, Any]]:
        """The fetch log, oldest first (all of it, or one URL's)."""
        self.flush()
        query = select(fetch_table).order_by(fetch_table.c.id)
        if url is not None:
            query = query.where(fetch_table.c.url == url)
        with self._reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # --- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with _errors(self.engine), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with _errors(self.engine), self.engine.connect() as conn:
            conn.execution_options(**_WRITE)
            with conn.begin():
                rows, self._fetch_rows = self._fetch_rows, []
                if rows:
                    conn.execute(insert(fetch_table), rows)
                yield conn


@contextmanager
def _errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip()
        where = engine.url.render_as_string(hide_password=True)
        hint = "run `warwatch db upgrade`" if "watch_" in reason or "article_timing" in reason else "retry"
        raise StoreError(f"the watcher's state in {where} failed: {reason}; {hint}") from err


def _unique(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Items with a GUID or URL already listed earlier in the same feed are dropped."""
    seen: set[str] = set()
    kept = []
    for item in items:
        keys = {item.guid, *([item.url] if item.url else [])}
        if not keys & seen:
            kept.append(item)
        seen |= keys
    return kept


def _existing(conn: Connection, column: Any, values: list[str], *where: Any) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        found.update(conn.execute(select(column).where(column.in_(chunk), *where)).scalars())
    return found


def _item_row(source: str, item: FeedItem, now: datetime) -> dict[str, Any]:
    return {
        "source": source,
        "guid": item.guid,
        "url": item.url,
        "title": item.title,
        "published_at": item.published_at,
        "discovered_at": now,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": None,
    }
