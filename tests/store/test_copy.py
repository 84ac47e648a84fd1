"""Tests of warwatch.store.copy: a store moves between SQLite and PostgreSQL without losing a row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.errors import StoreError
from warwatch.model import Actor, Article, Certainty, Event, Fatalities, FatalityClaim, Place, Qualifier, Span
from warwatch.store import SqlStore, open_store
from warwatch.store.copy import copy_store


def _article(n: int) -> Article:
    text = f"Report {n}: militia fighters shelled the market of Tal Abyad; «{n} dead», said the monitor — ünïcode."
    return Article(text=text, published=date(2024, 1, 1 + n % 28), publisher="Test Wire", title=f"Report {n}",
                   url=f"https://example.test/{n}", language="en", path=f"in/{n}.txt")  # fmt: skip


TAL_ABYAD = Place(name="Tal Abyad", country="SY", lat=36.6974, lon=38.9567, geonameid=163345, admin1="Raqqa")


def _event(article: Article, n: int) -> Event:
    span = Span.of(article, 0, 9)
    day = date(2020, 1, 1) + timedelta(days=30 * n)  # a month apart: never one event
    claims = (
        FatalityClaim(value=n, qualifier=Qualifier.AT_LEAST, source="the monitor", span=span),
        FatalityClaim(value=n + 3, source="Militia", certainty=Certainty.CLAIMED, span=span),
    )
    return Event(
        id=f"ev{n:04d}",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=day,
        date_range=(day, day + timedelta(days=2)) if n % 3 else None,
        time_precision=2 if n % 3 else 1,
        actor1=Actor(name="Militia (Syria)", inter=3),
        location=TAL_ABYAD,
        fatalities=Fatalities.from_claims(claims),
        sources=("the monitor",),
        evidence=(span,),
        articles=(article.id,),
        confidence=0.5 + n / 1000,
        rule="shelled",
    )


def _fill(url: str, articles: int = 10) -> None:
    with open_store(url) as store:
        for n in range(articles):
            article = _article(n)
            store.add_article(article, [_event(article, n)] if n % 5 else [])


def _rows(store: SqlStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but alembic_version), in key order, timestamps in UTC."""
    tables = MetaData()
    tables.reflect(store.engine)
    found: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            keys = list(table.primary_key.columns) or list(table.columns)
            found[table.name] = [tuple(map(_utc, row)) for row in conn.execute(select(table).order_by(*keys))]
    return found


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


@pytest.fixture
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """A SQLite file and a PostgreSQL database, both empty."""
    return {"sqlite": f"sqlite:///{tmp_path / 'copy.db'}", "postgresql": request.getfixturevalue("pg_url")}


@pytest.mark.parametrize(("origin", "destination"), [("sqlite", "postgresql"), ("postgresql", "sqlite")])
def test_copy_moves_every_row_both_ways(urls: dict[str, str], tmp_path: Path, origin: str, destination: str) -> None:
    _fill(urls[origin])
    counts = copy_store(urls[origin], urls[destination], chunk_rows=7)
    assert counts["articles"] == 10 and counts["events"] == 8 and counts["claims"] == 16
    back = f"sqlite:///{tmp_path / 'back.db'}"
    copy_store(urls[destination], back)  # and back again: still nothing lost
    with open_store(urls[origin]) as first, open_store(urls[destination]) as copied, open_store(back) as again:
        assert _rows(copied) == _rows(first) == _rows(again)
        assert list(copied.iter_events()) == list(first.iter_events())
        assert list(copied.iter_articles()) == list(first.iter_articles())
        assert copied.schema_revision() == first.schema_revision()


def test_copy_leaves_the_target_writable(urls: dict[str, str]) -> None:
    """PostgreSQL's sequences move past the copied claim ids, so the next insert does not collide."""
    _fill(urls["sqlite"])
    copy_store(urls["sqlite"], urls["postgresql"])
    with open_store(urls["postgresql"]) as store:
        article = _article(99)
        assert store.add_article(article, [_event(article, 99)])
        assert store.count_events() == 9


def test_copy_refuses_a_target_with_rows(urls: dict[str, str]) -> None:
    _fill(urls["sqlite"], articles=2)
    _fill(urls["postgresql"], articles=1)
    with pytest.raises(StoreError, match="already holds 1 row"):
        copy_store(urls["sqlite"], urls["postgresql"])
    with open_store(urls["postgresql"]) as store:
        assert store.count_articles() == 1


def test_copy_refuses_an_empty_source(urls: dict[str, str]) -> None:
    with pytest.raises(StoreError, match="has no warwatch schema: nothing to copy; check --from"):
        copy_store(urls["postgresql"], urls["sqlite"])


def test_copy_refuses_an_outdated_source(urls: dict[str, str]) -> None:
    with open_store(urls["postgresql"]) as store:
        store.downgrade("-1")
    outdated = r"is at schema revision '\w+', this warwatch at '\w+'; run `warwatch db upgrade"
    with pytest.raises(StoreError, match=outdated):
        copy_store(urls["postgresql"], urls["sqlite"])


def test_copy_refuses_the_same_database(urls: dict[str, str]) -> None:
    _fill(urls["sqlite"], articles=1)
    with pytest.raises(StoreError, match="are both"):
        copy_store(urls["sqlite"], urls["sqlite"])


def _fail_in(table: str, *, after: int) -> Callable[[str, int], None]:
    def progress(name: str, rows: int) -> None:
        if name == table and rows >= after:
            raise OperationalError("INSERT", {}, Exception("simulated lost connection"))

    return progress


def test_copy_failure_leaves_the_target_empty(urls: dict[str, str]) -> None:
    _fill(urls["sqlite"])
    with pytest.raises(StoreError, match="simulated lost connection; the target was left unchanged"):
        copy_store(urls["sqlite"], urls["postgresql"], chunk_rows=5, progress=_fail_in("events", after=5))
    with open_store(urls["postgresql"]) as store:
        assert (store.count_articles(), store.count_events()) == (0, 0)


def test_cli_db_copy(urls: dict[str, str]) -> None:
    _fill(urls["sqlite"], articles=3)
    result = CliRunner().invoke(app, ["db", "copy", "--from", urls["sqlite"], "--to", urls["postgresql"]])
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.stderr
    again = CliRunner().invoke(app, ["db", "copy", "--from", urls["sqlite"], "--to", urls["postgresql"]])
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: the store at postgresql+psycopg://") and "already holds" in again.stderr
