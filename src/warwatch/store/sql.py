"""The event store: articles, events and their fatality claims in SQL (SQLite by default, PostgreSQL by URL).

Job: keep what the pipeline found, each article once, and give it back filtered and streamed.
In: one Article and the Events read from it (``add_article``: one transaction per article).
Out: Articles and Events equal to what went in, counts, and the schema revision.

The whole Event is stored as JSON text in ``events.data`` (``Event.to_dict``), so reading it back
gives an equal Event; the other columns of ``events`` copy the fields that queries filter on, and
``claims`` holds one row per FatalityClaim. The tables are created by the Alembic migrations in
``migrations/`` (``SqlStore.upgrade``); the ``Table`` objects here describe them for queries only.

SQLite: WAL journal, a 30 s busy timeout, foreign keys on, and every write in ``BEGIN IMMEDIATE``,
so several processes can ingest into one file at once. Open one store per process (never share
one across ``fork``). Nothing here is SQLite-only SQL: a ``postgresql+psycopg://`` URL works too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    create_engine,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy import event as sqla_event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..config import database_url
from ..errors import StoreError
from ..model import Article, Event

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
_YIELD_PER = 500  # rows fetched per round trip when streaming
_MIGRATION_LOCK = int.from_bytes(b"warwatch")  # PostgreSQL advisory lock held while migrating
_WRITE = "warwatch_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)

# Named constraints let Alembic's batch mode (SQLite) alter or drop them later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)

article_table = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # Article.id: the content hash
    Column("text", Text, nullable=False),
    Column("published", Date),
    Column("publisher", Text),
    Column("url", Text),
    Column("title", Text),
    Column("language", String(16)),
    Column("path", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

event_table = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("date", Date, nullable=False),
    Column("date_start", Date, nullable=False),  # date_range, or date twice
    Column("date_end", Date, nullable=False),
    Column("time_precision", SmallInteger, nullable=False),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SmallInteger),
    Column("fatalities_best", Integer),
    Column("status", String(16), nullable=False),
    Column("search", Text, nullable=False),  # evidence, actors, place and sources: what `text=` searches
    Column("data", Text, nullable=False),  # Event.to_dict() as JSON: the event itself
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_lat_lon", "lat", "lon"),
    Index("ix_events_country", "country"),
    Index("ix_events_event_type", "event_type"),
)

event_article_table = Table(
    "event_articles",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_event_articles_article_id", "article_id"),
)

claim_table = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    # No foreign key: a merged event's claim may cite an article that is stored later (or not at all).
    Column("article_id", String(64)),
    Column("source", Text),
    Column("value", Integer, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("span_text", Text),
    Index("ix_claims_event_id", "event_id"),
)


class _AlreadyStored(Exception):
    """Internal signal: the article is stored already, so its transaction is rolled back."""


class SqlStore:
    """Articles and events in one SQL database; see the module docstring for the guarantees."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError as err:
            raise StoreError(
                f"{url!r} is not a database URL; give a file path or a URL such as sqlite:///x.db"
            ) from err
        self.url = parsed.render_as_string(hide_password=True)
        try:
            self._engine = _create_engine(url, memory=parsed.get_backend_name() == "sqlite" and _in_memory(parsed))
        except (SQLAlchemyError, ImportError) as err:
            raise StoreError(f"cannot use the store at {self.url}: {err}; install its database driver") from err

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for readers that need SQL (exports); write through ``add_article``."""
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------

    def upgrade(self) -> None:
        """Bring the schema to the newest revision; refuses a database newer than this code."""
        with self._errors("upgrading the schema"), self._writing() as conn:
            if conn.dialect.name == "postgresql":  # SQLite serialises through BEGIN IMMEDIATE instead
                conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            config = alembic_config(conn)
            before = _current_revision(conn, config, self.url)
            head = ScriptDirectory.from_config(config).get_current_head()
            if before != head:
                command.upgrade(config, "head")
                log.info("upgraded the schema of %s from %s to %s", self.url, before or "empty", head)

    def downgrade(self, revision: str) -> None:
        """Undo migrations down to ``revision`` ("base": drop everything). Destroys their data."""
        with self._errors(f"downgrading the schema to {revision}"), self._writing() as conn:
            command.downgrade(alembic_config(conn), revision)
        log.warning("downgraded the schema of %s to %s", self.url, revision)

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at; None for an empty database."""
        with self._errors("reading the schema revision"), self._engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # --- articles ---------------------------------------------------------------------------

    def add_article(self, article: Article, events: Iterable[Event]) -> bool:
        """Store an article and its events in one transaction.

        Returns:
            False, writing nothing, when an article with this id (content hash) is stored already.
        Raises:
            StoreError: the database refused a row (e.g. an event id stored already); nothing of
                this article is kept, and articles stored before are untouched.
        """
        now = datetime.now(UTC)
        batch = tuple(events)  # before the write lock: ``events`` may be a slow generator
        try:
            with self._errors(f"storing article {article.id}"), self._writing() as conn:
                if conn.execute(select(article_table.c.id).where(article_table.c.id == article.id)).first():
                    raise _AlreadyStored
                _insert_article(conn, article, now)
                for event in batch:
                    _insert_event(conn, event, article.id, now)
        except _AlreadyStored:
            log.debug("article %s is stored already; skipped", article.id)
            return False
        log.debug("stored article %s with %d events", article.id, len(batch))
        return True

    def has_article(self, article_id: str) -> bool:
        with self._errors("reading articles"), self._engine.connect() as conn:
            return conn.execute(select(article_table.c.id).where(article_table.c.id == article_id)).first() is not None

    def get_article(self, article_id: str) -> Article | None:
        with self._errors("reading articles"), self._engine.connect() as conn:
            row = conn.execute(select(article_table).where(article_table.c.id == article_id)).first()
        return _article(row._mapping) if row else None

    def iter_articles(self) -> Iterator[Article]:
        """All articles in the order they were stored, streamed."""
        query = select(article_table).order_by(article_table.c.ingested_at, article_table.c.id)
        with self._errors("reading articles"), self._engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
                yield _article(row._mapping)

    def count_articles(self) -> int:
        with self._errors("counting articles"), self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(article_table)).scalar_one()

    # --- events -----------------------------------------------------------------------------

    def get_event(self, event_id: str) -> Event | None:
        """The event with this id, or with this unique id prefix (like git).

        Raises:
            StoreError: the prefix matches several events (the message lists some).
        """
        if not event_id:
            return None
        columns = event_table.c
        with self._errors("reading events"), self._engine.connect() as conn:
            row = conn.execute(select(columns.id, columns.data).where(columns.id == event_id)).first()
            if row is None:
                full_id = _unique_prefix(conn, event_id)
                row = conn.execute(select(columns.id, columns.data).where(columns.id == full_id)).first()
        return _event(row.id, row.data) if row else None

    def iter_events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        min_fatalities: int | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Events matching every filter given, by date then id, streamed from the database.

        ``since``/``until`` keep events whose date (range) overlaps them; ``country`` is an ISO
        alpha-2 code; ``actor`` and ``text`` match case-insensitive substrings (``actor``: actor1
        or actor2; ``text``: evidence, actors, place and sources); ``min_fatalities`` compares
        the best estimate.
        """
        where = _event_filters(since, until, country, event_type, sub_event_type, actor, min_fatalities, text)
        query = (
            select(event_table.c.id, event_table.c.data).where(*where).order_by(event_table.c.date, event_table.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._errors("reading events"), self._engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
                yield _event(row.id, row.data)

    def count_events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        min_fatalities: int | None = None,
        text: str | None = None,
    ) -> int:
        """How many events ``iter_events`` would give with the same filters."""
        where = _event_filters(since, until, country, event_type, sub_event_type, actor, min_fatalities, text)
        with self._errors("counting events"), self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(event_table).where(*where)).scalar_one()

    # --- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed on success, rolled back on any error."""
        with self._engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn database and migration errors into a StoreError naming the store and a remedy."""
        try:
            yield
        except SQLAlchemyError as err:
            reason = str(getattr(err, "orig", None) or err).strip()
            raise StoreError(f"{action} failed on the store at {self.url}: {reason}; {_remedy(reason)}") from err
        except CommandError as err:
            raise StoreError(f"{action} failed on the store at {self.url}: {err}") from err


def open_store(url: str | None = None) -> SqlStore:
    """Open the store at ``url`` (else ``WARWATCH_DB``, else ./warwatch.db), upgrading its schema.

    Raises:
        StoreError: unreachable database, not a SQLite file, or a schema newer than this code.
    """
    store = SqlStore(database_url(url))
    try:
        store.upgrade()
    except BaseException:
        store.close()
        raise
    return store


def alembic_config(connection: Connection) -> Config:
    """An Alembic config for warwatch's migrations, run on ``connection`` (no alembic.ini needed).

    Also the way to write a new migration: ``command.revision(alembic_config(conn), "msg", autogenerate=True)``.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def _current_revision(conn: Connection, config: Config, url: str) -> str | None:
    """The database's revision; a StoreError when this code does not know it (a newer warwatch made it)."""
    current = MigrationContext.configure(conn).get_current_revision()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the store at {url} has schema revision {current!r}, newer than this warwatch knows "
            f"(newest: {script.get_current_head()!r}); upgrade warwatch, or use another --db / WARWATCH_DB"
        )
    return current


def _unique_prefix(conn: Connection, prefix: str) -> str | None:
    """The one event id starting with ``prefix``; None when none does; a StoreError when several do."""
    # substr, not LIKE: LIKE ignores case on SQLite and treats % and _ as wildcards
    starts = func.substr(event_table.c.id, 1, len(prefix)) == prefix
    ids = conn.execute(select(event_table.c.id).where(starts).order_by(event_table.c.id).limit(6)).scalars().all()
    if len(ids) > 1:
        shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
        raise StoreError(f"event id prefix {prefix!r} is ambiguous ({shown}); give more characters")
    return ids[0] if ids else None


def _create_engine(url: str, *, memory: bool) -> Engine:
    if memory:  # one shared connection, or every checkout would see a new empty database
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or str(url.query.get("mode", "")) == "memory"


def _configure_sqlite(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys, and BEGIN IMMEDIATE for writes (SQLAlchemy's pysqlite recipe)."""

    @sqla_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver must not emit BEGIN: _on_begin does
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @sqla_event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that later writes fails at once with "database is locked" when
        # another process wrote meanwhile; IMMEDIATE takes the write lock first, waiting busy_timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _remedy(reason: str) -> str:
    lowered = reason.lower()
    if "not a database" in lowered:
        return "it is not a SQLite database: point --db / WARWATCH_DB at a warwatch store or a new file"
    if "no such table" in lowered or "no such column" in lowered or "does not exist" in lowered:
        return "the schema is missing or outdated: open the store with open_store() or run `warwatch db upgrade`"
    if "locked" in lowered or "busy" in lowered:
        return f"another process held the database for over {BUSY_TIMEOUT_MS // 1000} s; retry"
    if "nul (0x00)" in lowered:
        return "PostgreSQL cannot store NUL characters in text: remove them from the article (warwatch's readers do)"
    if "value too long" in lowered:
        return "a field is longer than its column allows (ids: 64 characters, language: 16); shorten it"
    if "unable to open" in lowered:
        return "check that the folder exists and is writable"
    return "check the URL, that the file or server is reachable, and retry"


def _insert_article(conn: Connection, article: Article, now: datetime) -> None:
    row = {
        "id": article.id,
        "text": article.text,
        "published": article.published,
        "publisher": article.publisher,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "path": article.path,
        "ingested_at": now,
    }
    try:
        conn.execute(insert(article_table), row)
    except IntegrityError as err:  # another process stored it since our check (PostgreSQL)
        raise _AlreadyStored from err


def _insert_event(conn: Connection, event: Event, article_id: str, now: datetime) -> None:
    try:
        conn.execute(insert(event_table), _event_row(event, now))
    except IntegrityError as err:
        raise StoreError(
            f"event {event.id} of article {article_id} is stored already, so the article was not stored; "
            "give each event a unique id"
        ) from err
    conn.execute(insert(event_article_table), {"event_id": event.id, "article_id": article_id})
    rows = _claim_rows(event)
    if rows:
        conn.execute(insert(claim_table), rows)


def _event_row(event: Event, now: datetime) -> dict[str, Any]:
    start, end = event.date_range or (event.date, event.date)
    place = event.location
    return {
        "id": event.id,
        "event_type": _column_text(event.event_type),
        "sub_event_type": _column_text(event.sub_event_type),
        "date": event.date,
        "date_start": start,
        "date_end": end,
        "time_precision": event.time_precision,
        "actor1": _column_text(event.actor1.name) if event.actor1 else None,
        "actor2": _column_text(event.actor2.name) if event.actor2 else None,
        "country": _column_text(place.country) if place else None,
        "admin1": _column_text(place.admin1) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities_best": event.fatalities.best,
        "status": str(event.status),
        "search": _search_text(event),
        "data": json.dumps(event.to_dict(), ensure_ascii=False),
        "created_at": now,
        "updated_at": now,
    }


def _search_text(event: Event) -> str:
    parts = [span.text for span in event.evidence]
    parts += [actor.name for actor in (event.actor1, event.actor2) if actor]
    parts += [*event.assoc_actor_1, *event.assoc_actor_2, *event.sources]
    if event.location:
        parts += [event.location.name, event.location.admin1 or "", event.location.admin2 or ""]
    return _column_text("\n".join(part for part in parts if part)) or ""


def _column_text(value: str | None) -> str | None:
    """Text for a column that copies a field of ``events.data``: without NUL, which PostgreSQL cannot store.

    Lossless: the event itself is read back from ``data``, whose JSON escapes NUL as \\u0000.
    """
    return value.replace("\x00", "") if value else value


def _claim_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "article_id": claim.span.article_id if claim.span else None,
            "source": _column_text(claim.source),
            "value": claim.value,
            "qualifier": str(claim.qualifier),
            "certainty": str(claim.certainty),
            "span_start": claim.span.start if claim.span else None,
            "span_end": claim.span.end if claim.span else None,
            "span_text": _column_text(claim.span.text) if claim.span else None,
        }
        for claim in event.fatalities.claims
    ]


def _event_filters(
    since: date | None,
    until: date | None,
    country: str | None,
    event_type: str | None,
    sub_event_type: str | None,
    actor: str | None,
    min_fatalities: int | None,
    text: str | None,
) -> list[ColumnElement[bool]]:
    col = event_table.c
    where: list[ColumnElement[bool]] = []
    if since is not None:
        where.append(col.date_end >= since)
    if until is not None:
        where.append(col.date_start <= until)
    if country:
        where.append(col.country == country.upper())
    if event_type:
        where.append(col.event_type == event_type)
    if sub_event_type:
        where.append(col.sub_event_type == sub_event_type)
    if actor:
        where.append(or_(col.actor1.icontains(actor, autoescape=True), col.actor2.icontains(actor, autoescape=True)))
    if min_fatalities is not None:
        where.append(col.fatalities_best >= min_fatalities)
    if text:
        where.append(col.search.icontains(text, autoescape=True))
    return where


def _article(row: Any) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        published=row["published"],
        publisher=row["publisher"],
        url=row["url"],
        title=row["title"],
        language=row["language"],
        path=row["path"],
    )


def _event(event_id: str, data: str) -> Event:
    try:
        return Event.from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError) as err:
        raise StoreError(f"event {event_id} has unreadable data in events.data ({err}); re-ingest its article") from err
