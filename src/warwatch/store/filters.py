"""Filters on events, read one way for every query: the store's streams, the API's lists and reference data.

``matching`` turns the filters that stored events and reference events share into SQL conditions on
any table with their columns (date range, country, types, actors, a fatalities and a text column);
``store.queries`` adds the ones only stored events have (bounding box, admin1, source).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilters:
    """What the events list, the map and the timeline filter on; every given filter must hold.

    ``since``/``until`` keep events whose date (range) overlaps them; ``bbox`` is (west, south,
    east, north) in degrees, west > east crossing the antimeridian; ``country`` holds ISO alpha-2
    codes and ``event_type``/``sub_event_type`` ACLED names (any of them matches); ``admin1`` is
    compared ignoring case; ``actor``, ``source`` and ``text`` are case-insensitive substrings of
    either actor, of a source or claim source, and of the evidence (with actors, place, sources).
    """

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: tuple[str, ...] = ()
    admin1: str | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    source: str | None = None
    min_fatalities: int | None = None
    text: str | None = None


def matching(col: Any, filters: EventFilters, *, fatalities: str, text: str) -> list[ColumnElement[bool]]:
    """SQL conditions on the columns ``col`` (a table's ``.c``) for the shared filters given.

    ``fatalities`` and ``text`` name the columns that ``min_fatalities`` and ``text`` compare with.
    """
    where: list[ColumnElement[bool]] = []
    if filters.since is not None:
        where.append(col.date_end >= filters.since)
    if filters.until is not None:
        where.append(col.date_start <= filters.until)
    if filters.country:
        where.append(col.country.in_([code.upper() for code in filters.country]))
    if filters.event_type:
        where.append(col.event_type.in_(filters.event_type))
    if filters.sub_event_type:
        where.append(col.sub_event_type.in_(filters.sub_event_type))
    if filters.actor:
        actor = filters.actor
        where.append(or_(col.actor1.icontains(actor, autoescape=True), col.actor2.icontains(actor, autoescape=True)))
    if filters.min_fatalities is not None:
        where.append(col[fatalities] >= filters.min_fatalities)
    if filters.text:
        where.append(col[text].icontains(filters.text, autoescape=True))
    return where


def from_options(
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: str | None = None,
    min_fatalities: int | None = None,
    text: str | None = None,
) -> EventFilters:
    """The filters of the one-value options that the CLI and ``SqlStore.iter_events`` take."""
    return EventFilters(
        since=since,
        until=until,
        country=(country,) if country else (),
        event_type=(event_type,) if event_type else (),
        sub_event_type=(sub_event_type,) if sub_event_type else (),
        actor=actor,
        min_fatalities=min_fatalities,
        text=text,
    )
