"""Fixtures of the export tests: events built by hand, a hypothesis strategy for events, and a reader
that rebuilds an Event from one exported row (typed values, as GeoJSON, pyarrow and the CSV reader give)."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

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
from warwatch.store import open_store
from warwatch.taxonomy import SUB_EVENT_TYPES

ARTICLE = Article(text="Shelling killed 4 people in Aleppo on Tuesday, the Syrian Observatory said; 2 more died later.")


def _claim(value: int, source: str | None, start: int, end: int, **fields: Any) -> FatalityClaim:
    return FatalityClaim(value=value, source=source, span=Span.of(ARTICLE, start, end), **fields)


def sample_events() -> list[Event]:
    """Three events: everything filled in, a place-less protest, and one with unknown actor types."""
    claims = (
        _claim(4, "Syrian Observatory for Human Rights", 16, 17, qualifier=Qualifier.AT_LEAST),
        _claim(6, None, 76, 77, certainty=Certainty.UNVERIFIED),
    )
    full = Event(
        id="ev-aleppo",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=date(2017, 9, 26),
        date_range=(date(2017, 9, 25), date(2017, 9, 26)),
        time_precision=1,
        actor1=Actor(name="Military Forces of Syria (2000-)", inter=1),
        assoc_actor_1=("Hezbollah", "Military Forces of Russia (2000-)"),
        actor2=Actor(name="Civilians (Syria)", inter=7),
        location=Place(
            name="Aleppo",
            country="SY",
            lat=36.20124,
            lon=37.16117,
            geo_precision=1,
            geonameid=170063,
            admin1="Aleppo",
            admin2="Jabal Saman",
            mention="Aleppo",
        ),
        fatalities=Fatalities.from_claims(claims),
        sources=("Syrian Observatory for Human Rights",),
        status=Certainty.REPORTED,
        evidence=(Span.of(ARTICLE, 0, 75), Span.of(ARTICLE, 77, len(ARTICLE.text))),
        articles=(ARTICLE.id,),
        confidence=0.8,
        rule="shelling",
    )
    protest = Event(
        id="ev-protest",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        date=date(2017, 9, 27),
        actor1=Actor(name="Protesters (Syria)", inter=6),
        evidence=(Span.of(ARTICLE, 0, 8),),
        articles=(ARTICLE.id,),
    )
    unknown = Event(
        id="ev-clash",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date(2017, 9, 28),
        time_precision=2,
        actor1=Actor(name="Unidentified Armed Group (Syria)"),
        actor2=Actor(name="Military Forces of Syria (2000-)", inter=1),
        location=Place(name="Idlib", country="SY", lat=35.93, lon=36.63, geo_precision=3),
        status=Certainty.CLAIMED,
        evidence=(Span.of(ARTICLE, 0, 8),),
    )
    return [full, protest, unknown]


URL = "https://example.org/aleppo"


@pytest.fixture
def events() -> list[Event]:
    return sample_events()


@pytest.fixture
def db_with_events(tmp_path: Path) -> str:
    """A SQLite store holding the sample events, read from one article whose URL is ``URL``."""
    db = str(tmp_path / "export.db")
    with open_store(db) as store:
        store.add_article(replace(ARTICLE, url=URL), sample_events())
    return db


# --- hypothesis -------------------------------------------------------------------------------------

# Names as ACLED writes them: no ";" (lists are "; "-joined in CSV), no surrounding spaces.
_names = st.text(string.ascii_letters + string.digits + " ()-'é", min_size=1, max_size=30).map(str.strip).filter(bool)
_texts = st.text(min_size=0, max_size=60)
_spans = st.builds(
    lambda aid, start, length, text: Span(article_id=aid, start=start, end=start + length, text=text),
    st.text(string.hexdigits, min_size=1, max_size=16),
    st.integers(0, 10_000),
    st.integers(0, 200),
    _texts,
)
_claims = st.builds(
    FatalityClaim,
    value=st.integers(0, 100_000),
    qualifier=st.sampled_from(Qualifier),
    source=st.none() | _names,
    certainty=st.sampled_from(Certainty),
    span=st.none() | _spans,
)
_places = st.builds(
    Place,
    name=_names,
    country=st.sampled_from(["SY", "UA", "NG", "MX", "AF", "XK"]),
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    geo_precision=st.sampled_from([1, 2, 3]),
    geonameid=st.none() | st.integers(1, 2**40),
    admin1=st.none() | _names,
    admin2=st.none() | _names,
    mention=st.none() | _names,
)
_actors = st.none() | st.builds(Actor, name=_names, inter=st.none() | st.integers(1, 8))
_days = st.dates(date(1990, 1, 1), date(2030, 12, 31))


@st.composite
def _event(draw: st.DrawFn) -> Event:
    sub_type = draw(st.sampled_from(sorted(SUB_EVENT_TYPES)))
    day = draw(_days)
    claims = tuple(draw(st.lists(_claims, max_size=3)))
    fatalities = draw(st.sampled_from(["rule", "none"]))
    return Event(
        id=draw(st.text(string.ascii_lowercase + string.digits, min_size=6, max_size=12)),
        event_type=SUB_EVENT_TYPES[sub_type],
        sub_event_type=sub_type,
        date=day,
        date_range=draw(st.none() | st.tuples(st.just(day), _days)),
        time_precision=draw(st.sampled_from([1, 2, 3])),
        actor1=draw(_actors),
        assoc_actor_1=tuple(draw(st.lists(_names, max_size=2))),
        actor2=draw(_actors),
        assoc_actor_2=tuple(draw(st.lists(_names, max_size=2))),
        location=draw(st.none() | _places),
        fatalities=Fatalities.from_claims(claims) if fatalities == "rule" else Fatalities(claims=claims),
        sources=tuple(draw(st.lists(_names, max_size=2))),
        status=draw(st.sampled_from(Certainty)),
        evidence=tuple(draw(st.lists(_spans, min_size=1, max_size=2))),
        articles=tuple(draw(st.lists(st.text(string.hexdigits, min_size=16, max_size=16), max_size=2))),
        confidence=draw(st.none() | st.floats(0, 1)),
        rule=draw(st.none() | _names),
        conflicts=tuple(draw(st.lists(_texts, max_size=2))),
    )


EVENTS = _event()


# --- reading a row back ------------------------------------------------------------------------------


def _place(row: dict[str, Any]) -> Place | None:
    if row["location"] is None:
        return None
    return Place(
        name=row["location"],
        country=row["country_code"],
        lat=row["latitude"],
        lon=row["longitude"],
        geo_precision=row["geo_precision"],
        geonameid=row["geonameid"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        mention=row["place_mention"],
    )


def _actor(row: dict[str, Any], n: int) -> Actor | None:
    name = row[f"actor{n}"]
    return Actor(name=name, inter=row[f"inter{n}"] or None) if name else None


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event an exported row describes (typed values: dates, ints, lists, claim dicts)."""
    start, end = row["date_start"], row["date_end"]
    return Event(
        id=row["event_id_cnty"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        date=row["event_date"],
        date_range=(start, end) if start else None,
        time_precision=row["time_precision"],
        actor1=_actor(row, 1),
        assoc_actor_1=tuple(row["assoc_actor_1"]),
        actor2=_actor(row, 2),
        assoc_actor_2=tuple(row["assoc_actor_2"]),
        location=_place(row),
        fatalities=Fatalities(
            claims=tuple(FatalityClaim.from_dict(c) for c in row["claims"]),
            best=row["fatalities_best"],
            low=row["fatalities_low"],
            high=row["fatalities_high"],
        ),
        sources=tuple(row["source"]),
        status=Certainty(row["status"]),
        evidence=tuple(Span.from_dict(span) for span in row["evidence"]),
        articles=tuple(row["article_ids"]),
        confidence=row["confidence"],
        rule=row["rule"],
        conflicts=tuple(row["conflicts"]),
    )


@pytest.fixture(scope="session")
def row_reader() -> Callable[[dict[str, Any]], Event]:
    return event_from_row


@pytest.fixture(scope="session")
def event_strategy() -> st.SearchStrategy[Event]:
    """Any event the model allows, with names that survive ACLED's "; "-joined lists."""
    return EVENTS
