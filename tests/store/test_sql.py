"""Tests of warwatch.store.sql: migrations, round trips, filters, errors, concurrency.

Most tests run twice, on a SQLite file and on the throwaway PostgreSQL server of tests/conftest.py
(``store_url``); the SQLite-only ones check what only a file has (pragmas, file errors).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, event, func, inspect, select

from warwatch import reference
from warwatch.errors import StoreError
from warwatch.model import (
    Actor,
    Article,
    Certainty,
    Event,
    Fatalities,
    FatalityClaim,
    Place,
    Qualifier,
    Span,
)
from warwatch.store import SqlStore, open_store, rows, sql, tables
from warwatch.watch import state as watch_state

SRC = Path(__file__).resolve().parents[2] / "src"
TABLES = {"articles", "events", "event_articles", "claims", "reports", "merge_decisions", "audit_log"}
sqlite_only = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warwatch.db"


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        yield opened


def make_article(text: str, **fields: Any) -> Article:
    return Article(text=text, published=date(2024, 3, 1), publisher="Test Wire", **fields)


def make_event(article: Article, event_id: str, **fields: Any) -> Event:
    """An event with one evidence span (the article's first word) and the given fields."""
    values: dict[str, Any] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": date(2024, 3, 1),
        "evidence": (Span.of(article, 0, article.text.find(" ")),),
        "articles": (article.id,),
    }
    return Event(id=event_id, **(values | fields))


def claim(article: Article, value: int, source: str | None = None) -> FatalityClaim:
    return FatalityClaim(
        value=value,
        qualifier=Qualifier.AT_LEAST,
        source=source,
        certainty=Certainty.CLAIMED if source else Certainty.REPORTED,
        span=Span.of(article, 0, 5),
    )


# --- schema ---------------------------------------------------------------------------------


def test_sql_migrations_go_down_and_up(store: SqlStore) -> None:
    head = store.schema_revision()
    assert head is not None
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.downgrade("base")
    assert store.schema_revision() is None
    assert not TABLES & set(inspect(store.engine).get_table_names())
    store.upgrade()
    assert store.schema_revision() == head
    assert store.add_article(make_article("Shelling hit the market."), [])


def _all_tables() -> MetaData:
    """Every table the migrations create: the store's own, the reference events' and the watcher's."""
    combined = MetaData(naming_convention=tables.metadata.naming_convention)
    for metadata in (tables.metadata, reference.metadata, watch_state.metadata):
        for table in metadata.sorted_tables:
            table.to_metadata(combined)
    return combined


def test_sql_migrations_match_the_tables(store: SqlStore) -> None:
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), _all_tables()) == []


@sqlite_only
def test_sql_sqlite_connection_settings(store: SqlStore) -> None:
    with store.engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "foreign_keys")}
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1}
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == sql.BUSY_TIMEOUT_MS


def test_sql_open_store_takes_database_url_from_environment(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARWATCH_DB", str(db_path))
    with open_store() as opened:
        assert opened.url == f"sqlite:///{db_path}"
    assert db_path.exists()


def test_sql_open_store_takes_any_url_from_environment(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARWATCH_DB", store_url)
    with open_store() as opened:
        assert opened.schema_revision() is not None
        assert opened.engine.dialect.name == store_url.split(":")[0].split("+")[0]


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"this is a text file, not a database\n" * 50)


@pytest.mark.parametrize(
    ("prepare", "name", "message"),
    [
        (_not_sqlite, "notes.txt", "file is not a database; it is not a SQLite database: point --db"),
        (lambda path: None, "missing/dir/x.db", "unable to open database file; check that the folder exists"),
    ],
)
def test_sql_open_store_errors(tmp_path: Path, prepare: Any, name: str, message: str) -> None:
    path = tmp_path / name
    prepare(path)
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert message in str(caught.value)
    assert f"the store at sqlite:///{path}" in str(caught.value)


def test_sql_open_store_refuses_a_newer_schema(store_url: str) -> None:
    with open_store(store_url) as opened, opened.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="has schema revision '9999', newer than this warwatch knows"):
        open_store(store_url)


def test_sql_unreachable_server_says_what_to_check() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql+psycopg://postgres@127.0.0.1:1/warwatch?connect_timeout=2")
    assert "the store at postgresql+psycopg://postgres@127.0.0.1:1/warwatch" in str(caught.value)
    assert "that the file or server is reachable" in str(caught.value)


def test_sql_url_hides_password() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        SqlStore("not a url://")
    hidden = SqlStore("postgresql+psycopg://warwatch:s3cret@127.0.0.1:1/warwatch")
    assert "s3cret" not in hidden.url
    assert "***" in hidden.url
    hidden.close()


def test_sql_missing_schema_says_how_to_fix(store_url: str) -> None:
    missing = r'(no such table: articles|relation "articles" does not exist)'
    with SqlStore(store_url) as bare, pytest.raises(StoreError, match=missing) as caught:
        bare.count_articles()
    assert "run `warwatch db upgrade`" in str(caught.value)


# --- articles -------------------------------------------------------------------------------


def test_sql_article_and_events_round_trip(store: SqlStore) -> None:
    article = make_article("Gunmen attacked a checkpoint near the town.", url="https://x.test/1", title="Attack")
    first = make_event(
        article,
        "e1",
        actor1=Actor(name="Unidentified Armed Group", inter=3),
        location=Place(name="Aleppo", country="SY", lat=36.2, lon=37.16, admin1="Aleppo"),
        fatalities=Fatalities.from_claims((claim(article, 4), claim(article, 9, "Rebels"))),
    )
    second = make_event(article, "e2", date_range=(date(2024, 2, 27), date(2024, 3, 1)), time_precision=2)
    assert store.add_article(article, [first, second]) is True
    assert store.has_article(article.id)
    assert store.get_article(article.id) == article
    assert list(store.iter_articles()) == [article]
    assert store.get_event("e1") == first
    assert list(store.iter_events()) == [first, second]
    assert (store.count_articles(), store.count_events()) == (1, 2)


def test_sql_claims_and_links_have_one_row_each(store: SqlStore) -> None:
    article = make_article("Seven people were killed in the strike.")
    fatalities = Fatalities.from_claims((claim(article, 7), claim(article, 12, "Rebels")))
    store.add_article(article, [make_event(article, "e1", fatalities=fatalities)])
    with store.engine.connect() as conn:
        rows = conn.execute(select(tables.claim_table.c["value", "source", "article_id", "span_text"])).all()
        links = conn.execute(select(tables.event_article_table)).all()
    assert [tuple(row) for row in rows] == [(7, None, article.id, "Seven"), (12, "Rebels", article.id, "Seven")]
    assert [tuple(row) for row in links] == [("e1", article.id)]


def test_sql_duplicate_article_is_stored_once(store: SqlStore) -> None:
    article = make_article("Protesters gathered in the square.")
    assert store.add_article(article, [make_event(article, "e1")]) is True
    again = make_article("Protesters gathered in the square.", title="A new title")
    assert store.add_article(again, [make_event(again, "e2")]) is False
    assert (store.count_articles(), store.count_events()) == (1, 1)
    assert store.get_article(article.id) == article


def _count_claims(store: SqlStore) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.claim_table)).scalar_one()


def _fail_on_second_event(monkeypatch: pytest.MonkeyPatch) -> type[Exception]:
    real = rows.claim_rows

    def failing(event: Event) -> list[dict[str, Any]]:
        if event.id.endswith("-2"):
            raise RuntimeError("simulated failure")
        return real(event)

    monkeypatch.setattr(rows, "claim_rows", failing)
    return RuntimeError


def _duplicate_event_id(monkeypatch: pytest.MonkeyPatch) -> type[Exception]:
    real = rows.event_row
    monkeypatch.setattr(rows, "event_row", lambda item, now: real(dataclasses.replace(item, id="b-1"), now))
    return StoreError


@pytest.mark.parametrize("breakage", [_fail_on_second_event, _duplicate_event_id])
def test_sql_failed_article_is_rolled_back(store: SqlStore, monkeypatch: pytest.MonkeyPatch, breakage: Any) -> None:
    kept = make_article("Troops clashed with militants at dawn.")
    store.add_article(kept, [make_event(kept, "a-1", fatalities=Fatalities.from_claims((claim(kept, 3),)))])
    failed = make_article("Shelling resumed in the afternoon.")
    failing_events = [
        make_event(failed, f"b-{n}", fatalities=Fatalities.from_claims((claim(failed, n),))) for n in (1, 2, 3)
    ]
    error = breakage(monkeypatch)
    with pytest.raises(error):
        store.add_article(failed, failing_events)
    assert not store.has_article(failed.id)
    assert (store.count_articles(), store.count_events(), _count_claims(store)) == (1, 1, 1)
    assert store.get_event("a-1") is not None
    monkeypatch.undo()
    assert store.add_article(failed, failing_events) is True  # the write lock was released
    assert (store.count_articles(), store.count_events(), _count_claims(store)) == (2, 4, 4)


def test_sql_duplicate_event_id_message(store: SqlStore) -> None:
    first = make_article("Rockets were fired overnight.")
    second = make_article("Rockets were fired again.")
    store.add_article(first, [make_event(first, "same")])
    with pytest.raises(StoreError, match=f"event same of article {second.id} is stored already"):
        store.add_article(second, [make_event(second, "same")])


# --- events: lookup and filters -------------------------------------------------------------


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    """Four events in two articles, different in every filtered field."""
    one = make_article("Army units fought rebels outside Homs; 12 killed.")
    two = make_article("Police dispersed protesters in Kyiv with tear gas.")
    place_sy = Place(name="Homs", country="SY", lat=34.73, lon=36.71)
    place_ua = Place(name="Kyiv", country="UA", lat=50.45, lon=30.52)
    store.add_article(
        one,
        [
            make_event(
                one,
                "abc1",
                date=date(2024, 1, 10),
                actor1=Actor(name="Military Forces of Syria"),
                actor2=Actor(name="Rebel Group"),
                location=place_sy,
                fatalities=Fatalities.from_claims((claim(one, 12),)),
            ),
            make_event(
                one,
                "abc2",
                date=date(2024, 1, 20),
                date_range=(date(2024, 1, 5), date(2024, 1, 20)),
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                location=place_sy,
                fatalities=Fatalities.from_claims((claim(one, 2),)),
            ),
        ],
    )
    store.add_article(
        two,
        [
            make_event(
                two,
                "abd3",
                date=date(2024, 2, 1),
                event_type="Protests",
                sub_event_type="Protest with intervention",
                actor1=Actor(name="Protesters (Ukraine)"),
                actor2=Actor(name="Police Forces of Ukraine"),
                location=place_ua,
            ),
            make_event(two, "zz4", date=date(2024, 2, 5), event_type="Protests", sub_event_type="Peaceful protest"),
        ],
    )
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["abc1", "abc2", "abd3", "zz4"]),
        ({"since": date(2024, 1, 15)}, ["abc2", "abd3", "zz4"]),
        ({"until": date(2024, 1, 6)}, ["abc2"]),  # its date range starts on 5 January
        ({"since": date(2024, 1, 11), "until": date(2024, 1, 31)}, ["abc2"]),
        ({"country": "sy"}, ["abc1", "abc2"]),
        ({"event_type": "Protests"}, ["abd3", "zz4"]),
        ({"sub_event_type": "Peaceful protest"}, ["zz4"]),
        ({"actor": "ukraine"}, ["abd3"]),
        ({"actor": "rebel"}, ["abc1"]),
        ({"actor": "%"}, []),
        ({"min_fatalities": 3}, ["abc1"]),
        ({"min_fatalities": 0}, ["abc1", "abc2"]),
        ({"text": "KYIV"}, ["abd3"]),
        ({"text": "Army"}, ["abc1", "abc2"]),
        ({"country": "SY", "min_fatalities": 1, "event_type": "Battles"}, ["abc1"]),
        ({"limit": 2}, ["abc1", "abc2"]),
    ],
)
def test_sql_event_filters(filled: SqlStore, filters: dict[str, Any], expected: list[str]) -> None:
    assert [item.id for item in filled.iter_events(**filters)] == expected
    unlimited = {key: value for key, value in filters.items() if key != "limit"}
    assert filled.count_events(**unlimited) == len(list(filled.iter_events(**unlimited)))


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("abc1", "abc1"), ("abd", "abd3"), ("z", "zz4"), ("ABD", None), ("abx", None), ("", None), ("a_c", None)],
)
def test_sql_event_id_prefix(filled: SqlStore, prefix: str, expected: str | None) -> None:
    found = filled.get_event(prefix)
    assert (found.id if found else None) == expected


def test_sql_ambiguous_event_prefix(filled: SqlStore) -> None:
    with pytest.raises(StoreError, match=r"event id prefix 'ab' is ambiguous \(abc1, abc2, abd3\); give more"):
        filled.get_event("ab")


def test_sql_iter_events_streams(store: SqlStore, store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows come in batches, and a reader in the middle of a stream does not block a writer."""
    for n in range(30):
        article = make_article(f"Report {n} of a clash.")
        store.add_article(article, [make_event(article, f"ev{n:02d}")])
    monkeypatch.setattr(sql, "_YIELD_PER", 7)
    seen: list[Any] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[4].execution_options))
    stream = store.iter_events()
    assert next(stream).id == "ev00"
    assert seen[-1].get("yield_per") == 7
    with open_store(store_url) as writer:  # another engine: its own connection (SQLite: BEGIN IMMEDIATE)
        article = make_article("A late report.")
        assert writer.add_article(article, [make_event(article, "ev99")])
    rest = [item.id for item in stream]
    assert rest == [f"ev{n:02d}" for n in range(1, 30)]  # the stream reads its own snapshot
    assert store.count_events() == 31


# --- invariant: an event survives the store unchanged ---------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_names = _words.filter(bool)


@st.composite
def events(draw: st.DrawFn, article: Article) -> Event:
    span = st.builds(
        lambda start, length, text: Span(article_id=article.id, start=start, end=start + length, text=text),
        st.integers(0, 500),
        st.integers(0, 50),
        _words,
    )
    place = st.builds(
        Place,
        name=_words,
        country=st.sampled_from(["SY", "UA", "YE", "SD"]),
        lat=st.floats(-90, 90),
        lon=st.floats(-180, 180),
        geo_precision=st.integers(1, 3),
        geonameid=st.none() | st.integers(1, 10**8),
        admin1=st.none() | _words,
        admin2=st.none() | _words,
        mention=st.none() | _words,
    )
    fatality_claim = st.builds(
        FatalityClaim,
        value=st.integers(0, 10**5),
        qualifier=st.sampled_from(Qualifier),
        source=st.none() | _names,
        certainty=st.sampled_from(Certainty),
        span=st.none() | span,
    )
    counts = st.none() | st.integers(0, 10**5)
    day = draw(st.dates(date(1990, 1, 1), date(2040, 12, 31)))
    return Event(
        id="x",
        event_type=draw(_names),
        sub_event_type=draw(_names),
        date=day,
        date_range=draw(st.none() | st.tuples(st.just(day), st.dates(day, date(2041, 1, 1)))),
        time_precision=draw(st.integers(1, 3)),
        actor1=draw(st.none() | st.builds(Actor, name=_names, inter=st.none() | st.integers(1, 8))),
        assoc_actor_1=tuple(draw(st.lists(_names, max_size=2))),
        actor2=draw(st.none() | st.builds(Actor, name=_names, inter=st.none() | st.integers(1, 8))),
        assoc_actor_2=tuple(draw(st.lists(_names, max_size=2))),
        location=draw(st.none() | place),
        fatalities=Fatalities(
            claims=tuple(draw(st.lists(fatality_claim, max_size=3))),
            best=draw(counts),
            low=draw(counts),
            high=draw(counts),
        ),
        sources=tuple(draw(st.lists(_names, max_size=2))),
        status=draw(st.sampled_from(Certainty)),
        evidence=tuple(draw(st.lists(span, min_size=1, max_size=3))),
        articles=(article.id,),
        confidence=draw(st.none() | st.floats(0, 1)),
        rule=draw(st.none() | _names),
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hypothesis') / 'round-trip.db'}"
    else:
        url = request.getfixturevalue("pg_module_database")
    with open_store(url) as opened:
        yield opened


_serial = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_sql_event_round_trip(shared_store: SqlStore, data: st.DataObject) -> None:
    article = make_article(f"Article {next(_serial)} of the round trip.")
    drawn = data.draw(st.lists(events(article), min_size=1, max_size=3))
    # An event type of its own: events of two articles that match would merge into one (tests/store/test_sql_merge.py)
    originals = [
        dataclasses.replace(item, id=f"{article.id}-{n}", event_type=f"{article.id} {item.event_type}")
        for n, item in enumerate(drawn)
    ]
    assert shared_store.add_article(article, originals)
    assert [shared_store.get_event(item.id) for item in originals] == originals
    assert shared_store.get_article(article.id) == article


# --- two processes, one file ----------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from warwatch.model import Article, Event, Span
    from warwatch.store import open_store

    db, go, first = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    Path(f"{go}.ready{first}").touch()  # imported: the slow part is done
    while not go.exists():
        time.sleep(0.005)
    added = 0
    with open_store(db) as store:
        for n in range(first, first + 20):
            article = Article(text=f"Report number {n}: shelling hit the district.")
            event = Event(id=f"ev-{article.id}", event_type="Explosions/Remote violence",
                          sub_event_type="Shelling/artillery/missile attack", date=date(2024, 5, 1),
                          evidence=(Span.of(article, 0, 6),))
            added += store.add_article(article, [event])
    print(added)
    """
)


def test_sql_a_new_store_waits_for_a_writer_to_switch_to_wal(tmp_path: Path) -> None:
    """SQLite refuses the switch to WAL at once while another connection writes: opening waits instead of failing
    (two processes opening one new store hit this about one time in six)."""
    path = tmp_path / "warwatch.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE held (x)")
    release = threading.Timer(0.5, writer.execute, ("COMMIT",))
    release.start()
    try:
        with open_store(f"sqlite:///{path}") as store:
            assert store.count_articles() == 0
    finally:
        release.join()
        writer.close()


def test_sql_two_processes_ingest_one_store(tmp_path: Path, store_url: str) -> None:
    """Both processes also race to create the schema: the store is empty when they start."""
    db, go = store_url, tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), str(go), str(first)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in (0, 10)
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.ready{first}").exists() for first in (0, 10)) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()  # both start ingesting within a few milliseconds of each other
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], [err for _, err in outputs]
    assert sum(int(out) for out, _ in outputs) == 30  # each of the 30 articles added by exactly one process
    with open_store(store_url) as store, store.engine.connect() as conn:
        assert (store.count_articles(), store.count_events()) == (30, 30)
        assert conn.execute(select(func.count(tables.article_table.c.id.distinct()))).scalar_one() == 30
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
