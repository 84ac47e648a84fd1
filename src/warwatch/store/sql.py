"""The event store: articles, events and their fatality claims in SQL (SQLite by default, PostgreSQL by URL).

Job: keep what the pipeline found, each article once, and give it back filtered and streamed.
In: one Article and the Events read from it (``add_article``: one transaction per article).
Out: Articles and Events equal to what went in, counts, and the schema revision.

The whole Event is stored as JSON text in ``events.data`` (``Event.to_dict``), so reading it back
gives an equal Event; the other columns of ``events`` copy the fields that queries filter on, and
``claims`` holds one row per FatalityClaim. The tables are created by the Alembic migrations in
``migrations/`` (``SqlStore.upgrade``); the ``Table`` objects here describe them for queries only.

Merging across articles (``pipeline.merge``): each event an article yields is kept as that article's
*report* (table ``reports``, with the article it came from); ``events`` holds what the reports of one
real event fold into, so an event remembers its reports and can be rebuilt. On ingest, each new
report is compared with the few stored reports that the indexes on ``reports`` return (same event
type, a date window, a 1-degree grid cell near its point, or its country for province-level
places), never with all of them; the groups it matches are regrouped and their events rewritten,
in the article's transaction. Every report carries ``grp``, a label shared by all reports it could
ever be grouped with, so regrouping one neighbourhood gives what regrouping everything would: the
events do not depend on the order articles came in (exactly so while a neighbourhood holds at most
``grouping.MAX_REGROUP`` reports; past that, only the events matched are regrouped, to keep the cost of an
ingest flat). Analysts' merges and splits
(``merge_events``, ``split_event``) are pair decisions in ``merge_decisions`` that automatic
merging obeys, and lines in ``audit_log`` (who, what, when).

SQLite: WAL journal, a 30 s busy timeout, foreign keys on, and every write in ``BEGIN IMMEDIATE``,
so several processes can ingest into one file at once (PostgreSQL: writers that merge take an
advisory lock, one at a time). Open one store per process (never share
one across ``fork``). Nothing here is SQLite-only SQL: a ``postgresql+psycopg://`` URL works too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import combinations
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    create_engine,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import event as sqla_event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..config import database_url
from ..errors import StoreError
from ..model import Article, Event
from ..pipeline.merge import (
    DEFAULT_RULES,
    MergeRules,
    cluster_reports,
    merge_events,
    same_event,
)
from . import grouping, rows
from .filters import from_options, matching
from .tables import (
    article_table,
    audit_table,
    claim_table,
    event_article_table,
    event_table,
    report_table,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
_YIELD_PER = 500  # rows fetched per round trip when streaming
_MIGRATION_LOCK = int.from_bytes(b"warwatch")  # PostgreSQL advisory lock held while migrating
_WRITE = "warwatch_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One analyst's decision: who merged or split which events, when, and what resulted."""

    id: int
    at: datetime
    who: str
    action: str
    detail: dict[str, Any]


def _no_party(name: str) -> bool:
    """The store's default: only an event's own actors are parties (``merge_events`` adds them)."""
    return False


class _AlreadyStored(Exception):
    """Internal signal: the article is stored already, so its transaction is rolled back."""


class SqlStore:
    """Articles and events in one SQL database; see the module docstring for the guarantees."""

    def __init__(
        self, url: str, *, rules: MergeRules = DEFAULT_RULES, is_party: Callable[[str], bool] = _no_party
    ) -> None:
        self.rules = rules
        self._is_party = is_party
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
        """Store an article and its events in one transaction, each event merged into the stored event it reports.

        The events are kept as the article's reports; the events table gets, for each group of reports
        of one real event, their merged Event (see the module docstring).

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
                grouping.serialise_merges(conn)
                if conn.execute(select(article_table.c.id).where(article_table.c.id == article.id)).first():
                    raise _AlreadyStored
                _insert_article(conn, article, now)
                self._merge_new(conn, batch, article.id, now)
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
        return rows.article_from_row(row._mapping) if row else None

    def iter_articles(self) -> Iterator[Article]:
        """All articles in the order they were stored, streamed."""
        query = select(article_table).order_by(article_table.c.ingested_at, article_table.c.id)
        with self._errors("reading articles"), self._engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
                yield rows.article_from_row(row._mapping)

    def count_articles(self) -> int:
        with self._errors("counting articles"), self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(article_table)).scalar_one()

    # --- events -----------------------------------------------------------------------------

    def get_event(self, event_id: str) -> Event | None:
        """The event with this id, the event now holding the report with this id (an event merged since
        keeps answering to its old id), or the event with this unique id prefix (like git).

        Raises:
            StoreError: the prefix matches several events (the message lists some).
        """
        if not event_id:
            return None
        with self._errors("reading events"), self._engine.connect() as conn:
            return _read_event(conn, _resolve(conn, event_id))

    def get_reports(self, event_id: str) -> tuple[Event, ...]:
        """The per-article reports an event was merged from (by report id); () for an unknown event."""
        with self._errors("reading reports"), self._engine.connect() as conn:
            full_id = _resolve(conn, event_id) if event_id else None
            return tuple(r.event for r in grouping.reports_where(conn, report_table.c.event_id == full_id))

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
        where = _where(since, until, country, event_type, sub_event_type, actor, min_fatalities, text)
        query = (
            select(event_table.c.id, event_table.c.data).where(*where).order_by(event_table.c.date, event_table.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._errors("reading events"), self._engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
                yield rows.event_from_data(row.id, row.data)

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
        where = _where(since, until, country, event_type, sub_event_type, actor, min_fatalities, text)
        with self._errors("counting events"), self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(event_table).where(*where)).scalar_one()

    # --- analysts' corrections ---------------------------------------------------------------

    def merge_events(self, event_ids: Sequence[str], *, who: str) -> Event:
        """Merge events an analyst says are one; automatic merging never separates them again.

        Recorded in the audit log. Returns the merged event (other reports may join it by the rule).

        Raises:
            StoreError: an id names no event, or fewer than two different events are named.
        """
        now = datetime.now(UTC)
        with self._errors("merging events"), self._writing() as conn:
            grouping.serialise_merges(conn)
            ids = list(dict.fromkeys(self._existing(conn, event_id) for event_id in event_ids))
            if len(ids) < 2:
                raise StoreError(f"merging needs two different events; {', '.join(event_ids)} name only {ids[0]}")
            reports = {event_id: grouping.reports_where(conn, report_table.c.event_id == event_id) for event_id in ids}
            pairs = [(a.id, b.id) for e1, e2 in combinations(ids, 2) for a in reports[e1] for b in reports[e2]]
            audit_id = grouping.audit(conn, who, "merge", {"events": ids}, now)
            grouping.decide(conn, pairs, "merge", audit_id)
            event_of = self._rebuild(conn, {r.grp for rs in reports.values() for r in rs}, now, events=set(ids))
            merged = event_of[reports[ids[0]][0].id]
            grouping.audit_result(conn, audit_id, [merged])
            return _read_event(conn, merged)  # type: ignore[return-value]  # just written

    def split_event(self, event_id: str, article_id: str, *, who: str) -> tuple[Event, ...]:
        """Take one article's reports out of an event; automatic merging never puts them back.

        Recorded in the audit log. ``article_id`` may be a unique prefix of one of the event's articles.
        Returns the events that now hold the event's reports, the article's first.

        Raises:
            StoreError: no such event, the event has no report from that article, or no other.
        """
        now = datetime.now(UTC)
        with self._errors("splitting an event"), self._writing() as conn:
            grouping.serialise_merges(conn)
            full_id = self._existing(conn, event_id)
            reports = grouping.reports_where(conn, report_table.c.event_id == full_id)
            article = _article_of_event(full_id, article_id, {r.article_id for r in reports})
            leaving = [r.id for r in reports if r.article_id == article]
            staying = [r.id for r in reports if r.article_id != article]
            audit_id = grouping.audit(conn, who, "split", {"event": full_id, "article": article}, now)
            grouping.decide(conn, [(a, b) for a in leaving for b in staying], "split", audit_id)
            event_of = self._rebuild(conn, {r.grp for r in reports}, now, events={full_id})
            result = list(dict.fromkeys(event_of[r] for r in leaving + staying))
            grouping.audit_result(conn, audit_id, result)
            return tuple(e for e in (_read_event(conn, i) for i in result) if e)

    def audit_log(self, *, event_id: str | None = None) -> list[AuditEntry]:
        """Analysts' merges and splits, oldest first; with ``event_id``, those naming that event."""
        query = select(audit_table).order_by(audit_table.c.id)
        if event_id:
            query = query.where(audit_table.c.detail.contains(event_id, autoescape=True))
        with self._errors("reading the audit log"), self._engine.connect() as conn:
            return [
                AuditEntry(id=row.id, at=row.at, who=row.who, action=row.action, detail=json.loads(row.detail))
                for row in conn.execute(query)
            ]

    # --- merging ----------------------------------------------------------------------------

    def _merge_new(self, conn: Connection, reports: tuple[Event, ...], article_id: str, now: datetime) -> None:
        """Regroup the stored groups that the article's new reports match, with them (see the module docstring)."""
        touched: dict[str, set[str]] = {}
        events: dict[str, set[str]] = {}
        for report in reports:
            matched = [
                row
                for row in grouping.candidates(conn, report, self.rules)
                if row.article_id != article_id and same_event(report, row.event, rules=self.rules)
            ]
            touched[report.id] = {row.grp for row in matched} | {report.id}  # its own group until regrouped
            events[report.id] = {row.event_id for row in matched}
        joined = grouping.joined(touched.values())
        alone = {report.id for report in reports if {report.id} in joined}  # matches nothing: an event of its own
        grouping.insert_reports(conn, reports, article_id, alone)
        for report in reports:
            if report.id in alone:
                _insert_event(conn, report, [article_id], now)
        for groups in joined:
            if not groups <= alone:
                new = groups & touched.keys()
                self._rebuild(conn, groups, now, events=set().union(*(events[i] for i in new)), pending=new)

    def _rebuild(
        self, conn: Connection, groups: set[str], now: datetime, *, events: set[str], pending: set[str] | None = None
    ) -> dict[str, str]:
        """Regroup every report of these groups and rewrite the events that changed; report id -> event id.

        ``pending``: the new reports among them. Past ``grouping.MAX_REGROUP`` reports (a town reported day after day
        for months, chained by undated reports), only the reports of ``events`` and the new ones are
        regrouped: the cost stays bounded, but the result may then depend on the order of ingestion.
        Either way every event touched is regrouped whole, with its reports' analyst-merged partners.
        """
        pending = pending or set()
        reports, group_of = grouping.neighbourhood(conn, groups, events, pending)
        reports, must, cannot = grouping.closed(conn, reports)
        article_of = {r.id: r.article_id for r in reports}
        clusters = cluster_reports(
            [r.event for r in reports], rules=self.rules, article_of=article_of, must_link=must, cannot_link=cannot
        )
        merged = {}
        for cluster in clusters:
            event = merge_events(cluster, is_party=self._is_party, rules=self.rules)
            merged[event.id] = (event, cluster)
        old = {r.event_id for r in reports if r.event_id}  # "": a new report, in no event yet
        _delete_events(conn, old - merged.keys())
        for event_id in sorted(merged.keys() - old):
            event, cluster = merged[event_id]
            _insert_event(conn, event, sorted({article_of[r.id] for r in cluster}), now)
        event_of = {r.id: event_id for event_id, (_, cluster) in merged.items() for r in cluster}
        grouping.move_reports(conn, reports, event_of, group_of)
        return event_of

    def _existing(self, conn: Connection, event_id: str) -> str:
        """The full id of the event ``event_id`` names; a StoreError when it names none."""
        full_id = _resolve(conn, event_id) if event_id else None
        if full_id is None:
            raise StoreError(f"no event {event_id!r} in the store at {self.url}; list them with `warwatch events`")
        return full_id

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


def open_store(url: str | None = None, *, rules: MergeRules = DEFAULT_RULES) -> SqlStore:
    """Open the store at ``url`` (else ``WARWATCH_DB``, else ./warwatch.db), upgrading its schema.

    ``rules``: how ingested events merge across articles (``pipeline.merge.MergeRules``).

    Raises:
        StoreError: unreachable database, not a SQLite file, or a schema newer than this code.
    """
    store = SqlStore(database_url(url), rules=rules)
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
            _write_ahead(cursor)
        finally:
            cursor.close()

    @sqla_event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that later writes fails at once with "database is locked" when
        # another process wrote meanwhile; IMMEDIATE takes the write lock first, waiting busy_timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _write_ahead(cursor: Any) -> None:
    """Switch a new database to WAL. The switch needs the file to itself, and SQLite answers "database is locked" at
    once, without waiting its busy timeout, while another connection writes (two processes opening one new store
    race to create its schema): retry until the busy timeout has passed. A database in WAL stays in WAL."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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


def _insert_event(conn: Connection, event: Event, article_ids: Sequence[str], now: datetime) -> None:
    """An event row with its links to the articles of its reports and its claims."""
    try:
        conn.execute(insert(event_table), rows.event_row(event, now))
    except IntegrityError as err:
        raise StoreError(
            f"event {event.id} of article {', '.join(article_ids)} is stored already, so the article was not "
            "stored; give each event a unique id"
        ) from err
    conn.execute(insert(event_article_table), [{"event_id": event.id, "article_id": a} for a in article_ids])
    claims = rows.claim_rows(event)
    if claims:
        conn.execute(insert(claim_table), claims)


def _where(
    since: date | None,
    until: date | None,
    country: str | None,
    event_type: str | None,
    sub_event_type: str | None,
    actor: str | None,
    min_fatalities: int | None,
    text: str | None,
) -> list[ColumnElement[bool]]:
    filters = from_options(since=since, until=until, country=country, event_type=event_type,
                           sub_event_type=sub_event_type, actor=actor, min_fatalities=min_fatalities,
                           text=text)  # fmt: skip
    return matching(event_table.c, filters, fatalities="fatalities_best", text="search")


def _delete_events(conn: Connection, event_ids: set[str]) -> None:
    """Delete events; their links and claims go with them (ON DELETE CASCADE)."""
    for chunk in grouping.chunks(sorted(event_ids)):
        conn.execute(delete(event_table).where(event_table.c.id.in_(chunk)))


def _resolve(conn: Connection, event_id: str) -> str | None:
    """The id of the event ``event_id`` names: its own, one of its reports', or a unique prefix of its own."""
    if conn.execute(select(event_table.c.id).where(event_table.c.id == event_id)).first():
        return event_id
    holder = conn.execute(select(report_table.c.event_id).where(report_table.c.id == event_id)).scalar()
    return holder or _unique_prefix(conn, event_id)


def _read_event(conn: Connection, event_id: str | None) -> Event | None:
    if event_id is None:
        return None
    columns = event_table.c
    row = conn.execute(select(columns.id, columns.data).where(columns.id == event_id)).first()
    return rows.event_from_data(row.id, row.data) if row else None


def _article_of_event(event_id: str, article_id: str, articles: set[str]) -> str:
    """The one article of the event that ``article_id`` is, or is a unique prefix of."""
    matches = sorted(a for a in articles if a.startswith(article_id)) if article_id else []
    if article_id in articles:
        matches = [article_id]
    if len(matches) != 1:
        what = "no report from" if not matches else "several articles starting with"
        raise StoreError(
            f"event {event_id} has {what} article {article_id!r}; its articles are {', '.join(sorted(articles))}"
        )
    if articles == {matches[0]}:
        raise StoreError(f"event {event_id} holds reports of article {matches[0]} only; there is nothing to split")
    return matches[0]
