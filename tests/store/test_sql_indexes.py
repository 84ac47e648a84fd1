"""Tests that every merge-candidate query of warwatch.store.sql is served by an index, on SQLite and PostgreSQL.

The planner is told not to scan tables (PostgreSQL: ``enable_seqscan = off``), so a table scan in
the plan means that no index can serve the query, however few rows the test store holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, text

from warwatch.model import Article, Event, Place, Span
from warwatch.store import SqlStore, grouping, open_store

ARTICLE = Article(text="Shelling hit the district overnight.", published=date(2024, 3, 2))
PLACES = {
    "unplaced": None,
    "town": Place(name="Homs", country="SY", lat=34.73, lon=36.71, geo_precision=1, admin1="Homs"),
    "near a town": Place(name="Homs", country="SY", lat=34.73, lon=36.71, geo_precision=2, admin1="Homs"),
    "province": Place(name="Homs", country="SY", lat=34.5, lon=37.5, geo_precision=3, admin1="Homs"),
}


def report(place: Place | None) -> Event:
    return Event(id="r1", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                 date=date(2024, 3, 1), location=place, evidence=(Span.of(ARTICLE, 0, 8),),
                 articles=(ARTICLE.id,))  # fmt: skip


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        yield opened


def plan(conn: Connection, query: Any) -> str:
    compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET enable_seqscan = off"))
        return "\n".join(row[0] for row in conn.execute(text(f"EXPLAIN {compiled}")))
    return "\n".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


@pytest.mark.parametrize("kind", PLACES)
def test_sql_merge_candidates_use_an_index(store: SqlStore, kind: str) -> None:
    queries = grouping.candidate_queries(report(PLACES[kind]), store.rules)
    assert queries
    with store.engine.connect() as conn:
        for query in queries:
            found = plan(conn, query)
            assert "Seq Scan" not in found and "SCAN reports" not in found, found
            assert "ix_reports_" in found, found
