"""The REST API under ``/api``: events (filtered, sorted, paginated), map points, timeline, articles.

Reads are open; ``POST`` routes depend on ``security.require_token``. Each route is a thin wrapper
over the store (``store/sql.py``, ``store/queries.py``) and the pipeline; every status it can
answer is declared, so ``/openapi.json`` is complete.
"""

from __future__ import annotations

import functools
import itertools
import os
import tempfile
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from pydantic import Field, TypeAdapter
from starlette.background import BackgroundTask

from ..errors import StoreError
from ..export import article_url_lookup, export_events
from ..model import Article, Event
from ..pipeline.load import article_from_html, article_from_text
from ..store import SqlStore, queries
from ..store.filters import EventFilters
from ..store.queries import EventPage
from ..taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from .errors import ApiError, errors
from .models import (
    ArticleIn,
    ArticlePage,
    EventDetail,
    FeatureCollection,
    IngestResult,
    IsoDate,
    MergeIn,
    SplitIn,
    Summary,
    Timeline,
    feature_collection,
)
from .security import require_token

api = APIRouter(prefix="/api")

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]  # the enum comes from the taxonomy
SubEventType = Literal[tuple(SUB_EVENT_TYPES)]  # type: ignore[valid-type]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]
EventId = Annotated[str, Path(min_length=1, max_length=64, description="An event id, or a unique prefix of one.")]
_LON = r"-?(180(\.0+)?|(1[0-7]\d|[1-9]?\d)(\.\d+)?)"
_LAT = r"-?(90(\.0+)?|[1-8]?\d(\.\d+)?)"
BBOX = rf"^{_LON},{_LAT},{_LON},{_LAT}$"  # ranges in the pattern itself, so the document states them
MAX_FATALITIES = 10_000_000


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


@functools.cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def dump(value: Any) -> Response:
    """A dataclass as JSON straight from pydantic-core, as its response model documents it.

    Returned as a Response because FastAPI would otherwise copy it with ``dataclasses.asdict`` and
    validate the copy again: 15 ms of a 50-event page, against 0.2 ms for this.
    """
    return Response(_adapter(type(value)).dump_json(value), media_type="application/json")


def get_store(request: Request) -> SqlStore:
    return request.app.state.store


Store = Annotated[SqlStore, Depends(get_store)]


def event_filters(
    since: Annotated[IsoDate | None, Query(description="Events on or after this day (ranges that overlap).")] = None,
    until: Annotated[IsoDate | None, Query(description="Events on or before this day.")] = None,
    bbox: Annotated[
        str | None,
        Query(pattern=BBOX, description="west,south,east,north in degrees (west > east crosses the antimeridian)."),
    ] = None,
    country: Annotated[
        list[CountryCode] | None, Query(max_length=50, description="ISO alpha-2 codes; any matches.")
    ] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level division, any case.")] = None,
    event_type: Annotated[
        list[EventType] | None, Query(max_length=6, description="ACLED event types; any matches.")
    ] = None,
    sub_event_type: Annotated[
        list[SubEventType] | None, Query(max_length=25, description="ACLED sub-event types.")
    ] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of either actor's name.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Part of a source's name.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_FATALITIES, description="Best estimate.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the evidence.")] = None,
) -> EventFilters:
    """The filters every event route shares, from the query string."""
    return EventFilters(
        since=since,
        until=until,
        bbox=_bbox(bbox) if bbox else None,
        country=tuple(country or ()),
        admin1=admin1,
        event_type=tuple(event_type or ()),
        sub_event_type=tuple(sub_event_type or ()),
        actor=actor,
        source=source,
        min_fatalities=min_fatalities,
        text=text,
    )


Filters = Annotated[EventFilters, Depends(event_filters)]


def _bbox(value: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(part) for part in value.split(","))
    return west, south, east, north


# --- reading ---------------------------------------------------------------------------------


@api.get("/events", response_model=EventPage, responses=errors(400, 422, 503))
def list_events(
    store: Store,
    filters: Filters,
    sort: Annotated[queries.Sort, Query(description="Order; '-' for descending.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=500, description="Events per page.")] = 50,
    cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page.")] = None,
) -> Response:
    """Events matching every filter given, a page at a time; ``total`` counts all that match."""
    return dump(queries.list_events(store, filters, sort=sort, limit=limit, cursor=cursor))


@api.get("/events/{event_id}", response_model=EventDetail, responses=errors(400, 404, 422, 503))
def get_event(store: Store, event_id: EventId) -> Response:
    """One event with its claims and evidence, and the articles it was read from with their text."""
    event = store.get_event(_one_event_id(store, event_id))
    if event is None:  # deleted since the lookup
        raise ApiError(404, f"no event {event_id!r}; list events at /api/events")
    wanted = [*event.articles, *(span.article_id for span in event.evidence)]
    wanted += [claim.span.article_id for claim in event.fatalities.claims if claim.span]
    articles = (store.get_article(article_id) for article_id in dict.fromkeys(wanted))
    return dump(EventDetail(event=event, articles=tuple(article for article in articles if article is not None)))


@api.get(
    "/geojson",
    response_model=FeatureCollection,
    response_class=GeoJSONResponse,
    responses=errors(422, 503, media_type="application/json"),
)
def geojson(
    store: Store,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=100_000, description="At most this many points, newest first.")] = 10_000,
) -> Response:
    """Located events matching the filters as GeoJSON points, for the map."""
    return GeoJSONResponse(feature_collection(queries.map_points(store, filters, limit=limit)))


@api.get("/timeline", response_model=Timeline, responses=errors(422, 503))
def timeline(store: Store, filters: Filters, interval: Annotated[Literal["day", "week"], Query()] = "day") -> Timeline:
    """Events and best-estimate fatalities per day or week (Monday) and event type."""
    return Timeline(interval=interval, buckets=tuple(queries.timeline(store, filters, interval=interval)))


@api.get("/summary", response_model=Summary, responses=errors(503))
def summary(store: Store, request: Request) -> Summary:
    """Counts, date span and countries of the stored events; the taxonomy; whether writes are on."""
    facts = queries.summary(store)
    taxonomy: dict[str, list[str]] = {event_type: [] for event_type in EVENT_TYPES}
    for sub_event_type, event_type in SUB_EVENT_TYPES.items():
        taxonomy[event_type].append(sub_event_type)
    return Summary(**facts, event_types=taxonomy, writable=bool(request.app.state.token))


@api.get("/articles", response_model=ArticlePage, responses=errors(422, 503))
def list_articles(
    store: Store,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=64, description="next_cursor of the previous page.")] = None,
) -> ArticlePage:
    """Stored articles with their text, in id order."""
    articles, next_cursor = queries.list_articles(store, limit=limit, after=cursor)
    return ArticlePage(articles=tuple(articles), next_cursor=next_cursor)


@api.get("/articles/{article_id}", response_model=Article, responses=errors(404, 422, 503))
def get_article(store: Store, article_id: Annotated[str, Path(min_length=1, max_length=64)]) -> Article:
    """One stored article with its text."""
    article = store.get_article(article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}; list them at /api/articles")
    return article


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}


@api.get(
    "/export",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The matching events as a file (see docs/export-columns.md).",
            "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in EXPORT_TYPES.values()},
        },
        **errors(422, 503),
    },
)
def export(
    store: Store,
    filters: Filters,
    format: Annotated[Literal["csv", "json", "geojson", "parquet"], Query(description="File format.")] = "csv",
    limit: Annotated[int | None, Query(ge=1, le=10_000_000, description="At most this many events.")] = None,
) -> FileResponse:
    """The events matching the filters as ACLED-style CSV, the events JSON, GeoJSON or Parquet, newest first.

    Written to a temporary file first, then sent: memory stays bounded whatever the size, and an error
    while reading the store is a JSON error, not a truncated download.
    """
    events = queries.iter_events(store, filters)
    if limit is not None:
        events = itertools.islice(events, limit)
    descriptor, name = tempfile.mkstemp(prefix="warwatch-export-", suffix=f".{format}")
    path = FsPath(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            result = export_events(events, format, handle, article_urls=article_url_lookup(store))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    headers = {"X-Events-Written": str(result.written), "X-Events-Left-Out": str(result.left_out)}
    return FileResponse(path, media_type=EXPORT_TYPES[format], filename=f"warwatch-events.{format}",
                        headers=headers, background=BackgroundTask(path.unlink, missing_ok=True))  # fmt: skip


# --- writing ---------------------------------------------------------------------------------


@api.post(
    "/articles",
    status_code=201,
    response_model=IngestResult,
    dependencies=[Depends(require_token)],
    responses={
        200: {"model": IngestResult, "description": "Stored already: nothing changed."},
        **errors(400, 401, 403, 413, 422, 503),
    },
)
def post_article(store: Store, body: ArticleIn, request: Request, response: Response) -> IngestResult:
    """Read an article (plain text or an HTML page), extract its events and store both."""
    meta = {"published": body.published, "publisher": body.publisher, "url": body.url, "title": body.title,
            "language": body.language, "path": None}  # fmt: skip
    read = article_from_html if body.format == "html" else article_from_text
    article = read(body.text, **meta)
    if store.has_article(article.id):
        response.status_code = 200
        return IngestResult(
            created=False, article_id=article.id, events=tuple(queries.events_of_article(store, article.id))
        )
    events = request.app.state.extract(article)
    created = store.add_article(article, events)
    if not created:  # another request stored it meanwhile
        response.status_code = 200
        events = tuple(queries.events_of_article(store, article.id))
    return IngestResult(created=created, article_id=article.id, events=tuple(events))


@api.post(
    "/events/merge",
    response_model=Event,
    dependencies=[Depends(require_token)],
    responses=errors(400, 401, 403, 404, 409, 413, 422, 503),
)
def merge_events(store: Store, body: MergeIn) -> Event:
    """Merge events an analyst knows are one; their claims stay side by side. Repeated ids count once."""
    ids = list(dict.fromkeys(body.ids))
    for event_id in ids:
        _exact_event_id(store, event_id)
    if len(ids) == 1:  # an event merged with itself is that event
        return store.get_event(ids[0])
    try:
        return store.merge_events(ids, who=body.who)
    except StoreError as err:
        raise ApiError(409, str(err)) from err


@api.post(
    "/events/{event_id}/split",
    response_model=list[Event],
    dependencies=[Depends(require_token)],
    responses=errors(400, 401, 403, 404, 409, 413, 422, 503),
)
def split_event(store: Store, event_id: EventId, body: SplitIn) -> list[Event]:
    """Split one article's reading off a merged event; returns the events it leaves."""
    full_id = _exact_event_id(store, event_id)
    try:
        result = store.split_event(full_id, body.article_id, who=body.who)
    except StoreError as err:
        raise ApiError(409, str(err)) from err
    return [result] if isinstance(result, Event) else list(result)


def _one_event_id(store: SqlStore, event_id: str) -> str:
    """The full id of the event with this id or unique id prefix, or that now holds the event merged
    under this id; 404 when none, 400 when a prefix names several."""
    found = queries.event_ids_starting(store, event_id)
    if len(found) > 1:
        raise ApiError(400, f"event id prefix {event_id!r} matches several events; give more characters")
    if not found and (merged := store.get_event(event_id)) is not None:
        return merged.id
    if not found:
        raise ApiError(404, f"no event {event_id!r}; list events at /api/events")
    return found[0]


def _exact_event_id(store: SqlStore, event_id: str) -> str:
    """Writes take full ids only: a prefix could name another event by the time it is written."""
    if queries.event_ids_starting(store, event_id, limit=1) != [event_id]:
        raise ApiError(404, f"no event with the id {event_id!r} (writes need full ids); list events at /api/events")
    return event_id
