"""Read queries for the REST API: filtered, sorted, paginated events, map points and timeline counts.

Job: answer the dashboard's questions with SQL on the store's tables, without loading every event.
In: a ``SqlStore`` (its ``engine`` and the tables of ``store/sql.py``) and an ``EventFilters``.
Out: ``EventPage`` (events + an opaque cursor for the next page), map ``Point`` rows, timeline
``Bucket`` rows, articles. Writes stay in ``store/sql.py``; nothing here changes the database.

Pagination is by keyset, not offset: the cursor holds the sort key of the last event shown, so a
page costs the same at event 50 and at event 90,000, and an event stored meanwhile never shifts a
page. A cursor is only valid with the sort it was made for.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt  # module, not class: a field named `date` would shadow the class
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    and_,
    cast,
    exists,
    false,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import JSONB

from ..errors import InputError
from ..model import Article, Event

# _event: the store's own reader of events.data, so the stored form is read in one place
from .filters import EventFilters, matching
from .rows import event_from_data
from .sql import SqlStore
from .tables import article_table, claim_table, event_article_table, event_table

Sort = Literal["date", "-date", "fatalities", "-fatalities"]
SORTS: tuple[str, ...] = ("date", "-date", "fatalities", "-fatalities")
Interval = Literal["day", "week"]
_NO_FATALITIES = -1  # sorts events without an estimate below those with 0


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPage:
    """One page of events, the cursor of the next one (None on the last) and the number matching.

    ``total`` stops at ``COUNT_CAP`` (``total_capped`` then says so): counting every one of 100,000
    matching events would cost more than reading the page.
    """

    events: tuple[Event, ...]
    next_cursor: str | None
    total: int
    total_capped: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    """One located event as the map draws it: no evidence, no claims."""

    id: str
    event_type: str
    sub_event_type: str
    date: dt.date
    lat: float
    lon: float
    fatalities: int | None
    country: str | None
    admin1: str | None
    actor1: str | None
    actor2: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Bucket:
    """Events of one type in one day or week (``period`` is the day, or the Monday of the week)."""

    period: date
    event_type: str
    events: int
    fatalities: int


COUNT_CAP = 10_000


def list_events(
    store: SqlStore, filters: EventFilters, *, sort: Sort = "-date", limit: int = 50, cursor: str | None = None
) -> EventPage:
    """A page of events matching ``filters`` in ``sort`` order, after ``cursor`` when given.

    Raises:
        InputError: the cursor was not made by this server for this sort.
    """
    where = filter_clauses(store, filters)
    events, next_cursor = _page(store, where, sort=sort, limit=limit, cursor=cursor)
    matching = select(event_table.c.id).where(*where).limit(COUNT_CAP + 1).subquery()
    with store._errors("counting events"), store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(matching)).scalar_one()
    capped = total > COUNT_CAP
    return EventPage(events=events, next_cursor=next_cursor, total=min(total, COUNT_CAP), total_capped=capped)


def iter_events(store: SqlStore, filters: EventFilters, *, sort: Sort = "-date", batch: int = 500) -> Iterator[Event]:
    """Every event matching ``filters``, a page at a time: exports of any size in bounded memory."""
    where = filter_clauses(store, filters)
    cursor: str | None = None
    while True:
        events, cursor = _page(store, where, sort=sort, limit=batch, cursor=cursor)
        yield from events
        if cursor is None:
            return


def _page(
    store: SqlStore, where: list[ColumnElement[bool]], *, sort: Sort, limit: int, cursor: str | None
) -> tuple[tuple[Event, ...], str | None]:
    """Up to ``limit`` events after ``cursor``, and the cursor of the next page (None on the last)."""
    key, descending = _sort_key(sort)
    keys = select(event_table.c.id, key.label("sort_value")).where(*where)
    if cursor:
        keys = keys.where(_after(key, _decode_cursor(cursor, sort), descending=descending))
    order = (key.desc(), event_table.c.id.desc()) if descending else (key, event_table.c.id)
    # Sort and cut on (key, id) alone, then read the page's JSON: sorting whole rows would drag every
    # matching event's data through the sort.
    page = keys.order_by(*order).limit(limit + 1).subquery()
    resorted = (page.c.sort_value.desc(), page.c.id.desc()) if descending else (page.c.sort_value, page.c.id)
    query = (
        select(event_table.c.id, event_table.c.data, page.c.sort_value)
        .join(page, page.c.id == event_table.c.id)
        .order_by(*resorted)
    )
    with store._errors("listing events"), store.engine.connect() as conn:  # the store's error mapping
        rows = conn.execute(query).all()
    events = tuple(event_from_data(row.id, row.data) for row in rows[:limit])
    next_cursor = _encode_cursor(sort, rows[limit - 1].sort_value, rows[limit - 1].id) if len(rows) > limit else None
    return events, next_cursor


def map_points(store: SqlStore, filters: EventFilters, *, limit: int = 10_000) -> list[Point]:
    """Located events matching ``filters``, newest first, at most ``limit``: straight from columns."""
    col = event_table.c
    names = ("id", "event_type", "sub_event_type", "date", "lat", "lon", "fatalities_best", "country", "admin1")
    query = (
        select(*(col[name] for name in names), col.actor1, col.actor2)
        .where(*filter_clauses(store, filters), col.lat.is_not(None), col.lon.is_not(None))
        .order_by(col.date.desc(), col.id.desc())
        .limit(limit)
    )
    with store._errors("reading map points"), store.engine.connect() as conn:
        rows = conn.execute(query).all()
    # unpacked rows: attribute access on 10,000 Rows costs more than the query
    return [
        Point(id=id_, event_type=kind, sub_event_type=sub, date=day, lat=lat, lon=lon, fatalities=best,
              country=country, admin1=admin1, actor1=actor1, actor2=actor2)
        for id_, kind, sub, day, lat, lon, best, country, admin1, actor1, actor2 in rows
    ]  # fmt: skip


def timeline(store: SqlStore, filters: EventFilters, *, interval: Interval = "day") -> list[Bucket]:
    """Events and best-estimate fatalities per day (or ISO week) and event type, in date order.

    Counted per day in SQL and rolled up to weeks here, so the SQL is the same on every database.
    """
    col = event_table.c
    query = (
        select(col.date, col.event_type, func.count().label("n"), func.sum(func.coalesce(col.fatalities_best, 0)))
        .where(*filter_clauses(store, filters))
        .group_by(col.date, col.event_type)
    )
    with store._errors("counting events per day"), store.engine.connect() as conn:
        rows = conn.execute(query).all()
    totals: dict[tuple[date, str], list[int]] = {}
    for day, event_type, count, fatalities in rows:
        period = day - timedelta(days=day.weekday()) if interval == "week" else day
        bucket = totals.setdefault((period, event_type), [0, 0])
        bucket[0] += count
        bucket[1] += int(fatalities or 0)
    return [
        Bucket(period=period, event_type=event_type, events=n, fatalities=f)
        for (period, event_type), (n, f) in sorted(totals.items())
    ]


def event_ids_starting(store: SqlStore, prefix: str, *, limit: int = 2) -> list[str]:
    """Ids of events equal to ``prefix`` (alone), else starting with it: at most ``limit``, sorted."""
    col = event_table.c
    with store._errors("reading events"), store.engine.connect() as conn:
        if conn.execute(select(col.id).where(col.id == prefix)).first():
            return [prefix]
        starts = func.substr(col.id, 1, len(prefix)) == prefix  # not LIKE: % and _ are wildcards there
        return list(conn.execute(select(col.id).where(starts).order_by(col.id).limit(limit)).scalars())


def events_of_article(store: SqlStore, article_id: str) -> list[Event]:
    """The events stored with (or merged from) an article, by date then id."""
    link = event_article_table.c
    query = (
        select(event_table.c.id, event_table.c.data)
        .join(event_article_table, link.event_id == event_table.c.id)
        .where(link.article_id == article_id)
        .order_by(event_table.c.date, event_table.c.id)
    )
    with store._errors("reading events"), store.engine.connect() as conn:
        return [event_from_data(row.id, row.data) for row in conn.execute(query)]


def list_articles(store: SqlStore, *, limit: int = 20, after: str | None = None) -> tuple[list[Article], str | None]:
    """Articles in id order after the id ``after``, with their text; and the id to continue after."""
    col = article_table.c
    query = select(col.id).order_by(col.id).limit(limit + 1)
    if after:
        query = query.where(col.id > after)
    with store._errors("listing articles"), store.engine.connect() as conn:
        ids = list(conn.execute(query).scalars())
    articles = [article for article in map(store.get_article, ids[:limit]) if article is not None]
    return articles, (ids[limit - 1] if len(ids) > limit else None)


def summary(store: SqlStore) -> dict[str, Any]:
    """What the filter controls offer: event count, first and last date, countries with counts."""
    col = event_table.c
    with store._errors("summarising events"), store.engine.connect() as conn:
        total, first, last = conn.execute(select(func.count(), func.min(col.date_start), func.max(col.date_end))).one()
        countries = conn.execute(
            select(col.country, func.count())
            .where(col.country.is_not(None))
            .group_by(col.country)
            .order_by(col.country)
        ).all()
        articles = conn.execute(select(func.count()).select_from(article_table)).scalar_one()
    return {
        "events": total,
        "articles": articles,
        "first_date": first,
        "last_date": last,
        "countries": {code: count for code, count in countries},
    }


def filter_clauses(store: SqlStore, filters: EventFilters) -> list[ColumnElement[bool]]:
    """SQL conditions on ``events`` for every filter given (see ``EventFilters``)."""
    col = event_table.c
    where = matching(col, filters, fatalities="fatalities_best", text="search")
    if filters.bbox is not None:
        where.append(_in_bbox(*filters.bbox))
    if filters.admin1:
        where.append(func.lower(col.admin1) == filters.admin1.lower())
    if filters.source:
        where.append(_has_source(store, filters.source))
    return where


# --- helpers ---------------------------------------------------------------------------------


def _in_bbox(west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
    col = event_table.c
    lon = and_(col.lon >= west, col.lon <= east) if west <= east else or_(col.lon >= west, col.lon <= east)
    return and_(col.lat >= south, col.lat <= north, lon)


def _has_source(store: SqlStore, name: str) -> ColumnElement[bool]:
    """A claim's source or one of the event's ``sources`` (a JSON list in ``events.data``) contains ``name``."""
    claims = exists().where(
        claim_table.c.event_id == event_table.c.id, claim_table.c.source.icontains(name, autoescape=True)
    )
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        sources = func.json_each(event_table.c.data, "$.sources").table_valued("value")
    elif dialect == "postgresql":
        sources = func.jsonb_array_elements_text(cast(event_table.c.data, JSONB)["sources"]).table_valued("value")
    else:  # other databases: claims only
        return or_(claims, false())
    listed = exists(select(sources.c.value).where(sources.c.value.icontains(name, autoescape=True)))
    return or_(claims, listed)


def _sort_key(sort: str) -> tuple[ColumnElement[Any], bool]:
    if sort not in SORTS:
        raise InputError(f"sort {sort!r} is not one of {', '.join(SORTS)}")
    descending = sort.startswith("-")
    if sort.lstrip("-") == "date":
        return event_table.c.date, descending
    return func.coalesce(event_table.c.fatalities_best, _NO_FATALITIES), descending


def _after(key: ColumnElement[Any], last: tuple[Any, str], *, descending: bool) -> ColumnElement[bool]:
    pair = tuple_(key, event_table.c.id)
    return pair < tuple_(*last) if descending else pair > tuple_(*last)


def _encode_cursor(sort: str, value: Any, event_id: str) -> str:
    shown = value.isoformat() if isinstance(value, date) else value
    raw = json.dumps([sort, shown, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """The (sort value, id) a cursor holds; an InputError unless this server made it for ``sort``."""
    fix = "use the next_cursor of a response as it is, with the same sort, or drop cursor to start again"
    try:
        made_for, value, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if made_for != sort or not isinstance(event_id, str):
            raise ValueError("another sort")
        parsed = date.fromisoformat(value) if sort.lstrip("-") == "date" else int(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError) as err:
        raise InputError(f"cursor {cursor[:40]!r} is not a cursor for sort {sort!r}; {fix}") from err
    if isinstance(parsed, int) and not -1 <= parsed < 2**31:
        raise InputError(f"cursor {cursor[:40]!r} is out of range; {fix}")
    return parsed, event_id
