"""store/queries.py on SQLite and PostgreSQL: filters, keyset pages, map points, timeline, summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from warwatch.errors import InputError
from warwatch.model import Actor, Article, Event, Fatalities, FatalityClaim, Place, Span
from warwatch.store import SqlStore, open_store, queries
from warwatch.store.filters import EventFilters

ARTICLE = Article(text="Fighting, shelling, protests and a raid were reported; officials gave tolls.")
SPAN = Span.of(ARTICLE, 0, 8)
# (id, sub-event type, event type, day, place, fatalities, claim source, sources, actor1)
ROWS = [
    ("e1", "Armed clash", "Battles", date(2020, 1, 6), ("Aleppo", "SY", "Aleppo", 36.2, 37.1), 10, "SOHR", (),
     "Islamic State"),
    ("e2", "Shelling/artillery/missile attack", "Explosions/Remote violence", date(2020, 1, 8),
     ("Homs", "SY", "Homs", 34.7, 36.7), None, None, ("Reuters",), "Military Forces of Syria"),
    ("e3", "Peaceful protest", "Protests", date(2020, 2, 3), ("Karachi", "PK", "Sindh", 24.9, 67.0), 0, None, (),
     "Protesters (Pakistan)"),
    ("e4", "Attack", "Violence against civilians", date(2021, 5, 1), ("Suva", "FJ", "Central", -18.1, 178.4), 3,
     "police", ("Fiji Times",), "Unidentified Armed Group (Fiji)"),
    ("e5", "Armed clash", "Battles", date(2021, 5, 2), ("Taveuni", "FJ", "Northern", -16.8, -179.9), 25, "army",
     (), "Military Forces of Fiji"),
    ("e6", "Arrests", "Strategic developments", date(2021, 6, 1), None, None, None, (), "Police Forces of Pakistan"),
]  # fmt: skip


def _event(row: tuple) -> Event:
    event_id, sub_type, event_type, day, place, best, claim_source, sources, actor = row
    claims = (FatalityClaim(value=best, source=claim_source, span=SPAN),) if best is not None else ()
    name, country, admin1, lat, lon = place if place else (None,) * 5
    return Event(
        id=event_id,
        event_type=event_type,
        sub_event_type=sub_type,
        date=day,
        actor1=Actor(name=actor),
        location=Place(name=name, country=country, admin1=admin1, lat=lat, lon=lon) if place else None,
        fatalities=Fatalities.from_claims(claims) if claims else Fatalities(),  # no estimate: stored as NULL
        sources=sources,
        evidence=(SPAN,),
        articles=(ARTICLE.id,),
    )


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        assert opened.add_article(ARTICLE, [_event(row) for row in ROWS])
        yield opened


def _ids(store: SqlStore, **filters: object) -> set[str]:
    page = queries.list_events(store, EventFilters(**filters), limit=100)
    assert page.total == len(page.events)
    return {event.id for event in page.events}


FILTER_CASES = [
    ({}, {"e1", "e2", "e3", "e4", "e5", "e6"}),
    ({"since": date(2021, 1, 1)}, {"e4", "e5", "e6"}),
    ({"until": date(2020, 1, 7)}, {"e1"}),
    ({"bbox": (36.0, 34.0, 38.0, 37.0)}, {"e1", "e2"}),
    ({"bbox": (178.0, -20.0, -179.0, -15.0)}, {"e4", "e5"}),  # across the antimeridian
    ({"country": ("sy", "PK")}, {"e1", "e2", "e3"}),
    ({"admin1": "sindh"}, {"e3"}),
    ({"event_type": ("Battles",)}, {"e1", "e5"}),
    ({"sub_event_type": ("Attack", "Arrests")}, {"e4", "e6"}),
    ({"actor": "military forces"}, {"e2", "e5"}),
    ({"source": "reuters"}, {"e2"}),  # an event's sources
    ({"source": "SOHR"}, {"e1"}),  # a claim's source
    ({"source": "fiji"}, {"e4"}),
    ({"source": "100%"}, set()),  # LIKE wildcards are literal
    ({"min_fatalities": 3}, {"e1", "e4", "e5"}),
    ({"min_fatalities": 0}, {"e1", "e3", "e4", "e5"}),
    ({"text": "FIGHTING"}, {"e1", "e2", "e3", "e4", "e5", "e6"}),  # the evidence
    ({"text": "shelling"}, set()),  # article text outside the evidence is not searched
    ({"text": "Taveuni"}, {"e5"}),
    ({"country": ("FJ",), "min_fatalities": 10}, {"e5"}),
]


def test_queries_filters(store: SqlStore) -> None:
    """Every case on one store (a PostgreSQL store costs its migrations): each filter keeps what it should."""
    for filters, expected in FILTER_CASES:
        assert _ids(store, **filters) == expected, filters


@pytest.mark.parametrize("sort", queries.SORTS)
def test_queries_pages_cover_every_event_once_in_order(store: SqlStore, sort: str) -> None:
    full = [event.id for event in queries.list_events(store, EventFilters(), sort=sort, limit=100).events]
    assert len(full) == len(ROWS)
    for limit in range(1, len(ROWS) + 1):
        seen: list[str] = []
        cursor = None
        while True:
            page = queries.list_events(store, EventFilters(), sort=sort, limit=limit, cursor=cursor)
            assert len(page.events) <= limit and page.total == len(ROWS)
            seen += [event.id for event in page.events]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == full
    best = {row[0]: (row[5] if row[5] is not None else -1) for row in ROWS}
    day = {row[0]: row[3] for row in ROWS}
    key = (lambda i: (day[i], i)) if "date" in sort else (lambda i: (best[i], i))
    assert full == sorted(full, key=key, reverse=sort.startswith("-"))


def test_queries_refuse_cursors_they_did_not_make(store: SqlStore) -> None:
    assert queries.list_events(store, EventFilters(), cursor="").total == len(ROWS)  # empty: no cursor
    for cursor in ["x", "eyJ", "WyJkYXRlIiwxLCJlMSJd", "WyItZGF0ZSIsIjIwMjAtMDEtMDYiXQ", "WyItZGF0ZSIsIngiLCJlMSJd"]:
        with pytest.raises(InputError, match="is not a cursor for sort '-date'; use the next_cursor of a response"):
            queries.list_events(store, EventFilters(), cursor=cursor)


def test_queries_cursor_belongs_to_its_sort(store: SqlStore) -> None:
    cursor = queries.list_events(store, EventFilters(), sort="fatalities", limit=2).next_cursor
    assert cursor
    with pytest.raises(InputError, match="is not a cursor for sort 'date'"):
        queries.list_events(store, EventFilters(), sort="date", cursor=cursor)
    with pytest.raises(InputError, match="sort 'name' is not one of date, -date, fatalities, -fatalities"):
        queries.list_events(store, EventFilters(), sort="name")  # type: ignore[arg-type]


def test_queries_map_points_are_located_events_newest_first(store: SqlStore) -> None:
    points = queries.map_points(store, EventFilters())
    assert [point.id for point in points] == ["e5", "e4", "e3", "e2", "e1"]  # e6 has no place
    assert points[0].lon == -179.9 and points[0].fatalities == 25 and points[0].admin1 == "Northern"
    assert [point.id for point in queries.map_points(store, EventFilters(country=("SY",)), limit=1)] == ["e2"]


def test_queries_timeline_per_day_and_week(store: SqlStore) -> None:
    days = queries.timeline(store, EventFilters())
    assert sum(bucket.events for bucket in days) == len(ROWS)
    assert sum(bucket.fatalities for bucket in days) == 10 + 0 + 3 + 25
    weeks = queries.timeline(store, EventFilters(country=("SY",)), interval="week")
    assert [(b.period, b.event_type, b.events, b.fatalities) for b in weeks] == [
        (date(2020, 1, 6), "Battles", 1, 10),
        (date(2020, 1, 6), "Explosions/Remote violence", 1, 0),
    ]


def test_queries_event_ids_starting(store: SqlStore) -> None:
    assert queries.event_ids_starting(store, "e3") == ["e3"]
    assert queries.event_ids_starting(store, "e") == ["e1", "e2"]  # at most two: enough to call it ambiguous
    assert queries.event_ids_starting(store, "e%") == []
    assert queries.event_ids_starting(store, "x") == []


def test_queries_summary_and_articles(store: SqlStore) -> None:
    facts = queries.summary(store)
    assert facts["events"] == len(ROWS) and facts["articles"] == 1
    assert facts["first_date"] == date(2020, 1, 6) and facts["last_date"] == date(2021, 6, 1)
    assert facts["countries"] == {"FJ": 2, "PK": 1, "SY": 2}
    articles, after = queries.list_articles(store, limit=5)
    assert [article.id for article in articles] == [ARTICLE.id] and after is None
    assert [event.id for event in queries.events_of_article(store, ARTICLE.id)] == ["e1", "e2", "e3", "e4", "e5", "e6"]
