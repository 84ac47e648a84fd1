"""The API's models: the library's frozen dataclasses out, pydantic only for what clients send in.

Responses are ``model.Event``, ``model.Article`` and the query results of ``store.queries``,
served as they are (FastAPI serialises stdlib dataclasses), plus a few envelopes defined here as
frozen dataclasses too. Request bodies are pydantic models with ``extra="forbid"`` and size limits:
the edge where untrusted input is checked once.

The JSON of an Event here is the dataclass's own shape (``actor1`` is ``{"name", "inter"}``), not the
flattened export shape of ``Event.to_dict`` (``actor1`` + ``inter1``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..model import Article, Event
from ..store.queries import Bucket, Point


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD (or a date): pydantic would also read 0.0 or 1e9 as a Unix time."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("give a date as YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]
MAX_TEXT_CHARS = 200_000  # characters; a long news article has 30,000
MAX_FIELD_CHARS = 2_000


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventDetail:
    """One event with the articles it was read from, each with its full text (for highlighting)."""

    event: Event
    articles: tuple[Article, ...]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    articles: tuple[Article, ...]
    next_cursor: str | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """Counts and fatalities per period and event type; periods without events are left out."""

    interval: Literal["day", "week"]
    buckets: tuple[Bucket, ...]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """What the dashboard's filter controls offer, and whether this server accepts writes."""

    events: int
    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    countries: dict[str, int]
    event_types: dict[str, list[str]]
    writable: bool


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The outcome of posting an article: stored now (201) or already (200), and its events."""

    created: bool
    article_id: str
    events: tuple[Event, ...]


# --- GeoJSON (RFC 7946): pydantic, since "type" and "coordinates" are fixed by the format --------


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude]")


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: dict[str, Any] = Field(
        description="event_type, sub_event_type, date, fatalities (best estimate), country, admin1, actor1, actor2"
    )


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


def feature_collection(points: list[Point]) -> dict[str, Any]:
    """The GeoJSON of map points as plain dicts: built directly, as validating 10,000 features is slow."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": point.id,
                "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
                "properties": {
                    "event_type": point.event_type,
                    "sub_event_type": point.sub_event_type,
                    "date": point.date.isoformat(),
                    "fatalities": point.fatalities,
                    "country": point.country,
                    "admin1": point.admin1,
                    "actor1": point.actor1,
                    "actor2": point.actor2,
                },
            }
            for point in points
        ],
    }


# --- request bodies ----------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """An article to ingest: its text (plain, or an HTML page with ``format="html"``) and metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article's text, or its HTML page.")
    format: Literal["text", "html"] = Field("text", description="html: extract the article from the page first.")
    title: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    url: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    publisher: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    published: IsoDate | None = Field(None, description="Publication date: relative dates are read against it.")
    language: str | None = Field(None, max_length=16)


class MergeIn(BaseModel):
    """Events to merge into one, and who asks (kept in the store's history)."""

    model_config = ConfigDict(extra="forbid")

    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=2, max_length=100, description="Ids of the events to merge (full ids)."
    )
    who: str = Field("api", min_length=1, max_length=200)


class SplitIn(BaseModel):
    """The article whose reading is split off an event into an event of its own, and who asks."""

    model_config = ConfigDict(extra="forbid")

    article_id: str = Field(min_length=1, max_length=64)
    who: str = Field("api", min_length=1, max_length=200)
