"""How articles, events and reports become rows of the store's tables, and events come back from them.

Pure functions, no connection: the store (``sql``) and the merge bookkeeping (``grouping``) write what
they return. An event is kept whole as JSON in ``data``; the other columns copy the fields queries use.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..errors import StoreError
from ..model import Article, Event
from ..pipeline.merge import grid_cell


def article_from_row(row: Any) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        published=row["published"],
        publisher=row["publisher"],
        url=row["url"],
        title=row["title"],
        language=row["language"],
        path=row["path"],
    )


def event_from_data(event_id: str, data: str) -> Event:
    try:
        return Event.from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError) as err:
        raise StoreError(f"event {event_id} has unreadable data in events.data ({err}); re-ingest its article") from err


def event_row(event: Event, now: datetime) -> dict[str, Any]:
    start, end = event.date_range or (event.date, event.date)
    place = event.location
    return {
        "id": event.id,
        "event_type": column_text(event.event_type),
        "sub_event_type": column_text(event.sub_event_type),
        "date": event.date,
        "date_start": start,
        "date_end": end,
        "time_precision": event.time_precision,
        "actor1": column_text(event.actor1.name) if event.actor1 else None,
        "actor2": column_text(event.actor2.name) if event.actor2 else None,
        "country": column_text(place.country) if place else None,
        "admin1": column_text(place.admin1) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities_best": event.fatalities.best,
        "status": str(event.status),
        "search": _search_text(event),
        "data": json.dumps(event.to_dict(), ensure_ascii=False),
        "created_at": now,
        "updated_at": now,
    }


def claim_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "article_id": claim.span.article_id if claim.span else None,
            "source": column_text(claim.source),
            "value": claim.value,
            "qualifier": str(claim.qualifier),
            "certainty": str(claim.certainty),
            "span_start": claim.span.start if claim.span else None,
            "span_end": claim.span.end if claim.span else None,
            "span_text": column_text(claim.span.text) if claim.span else None,
        }
        for claim in event.fatalities.claims
    ]


def report_row(report: Event, article_id: str) -> dict[str, Any]:
    start, end = report.date_range or (report.date, report.date)
    place = report.location
    return {
        "id": report.id,
        "article_id": article_id,
        "event_id": report.id,
        "grp": report.id,
        "event_type": column_text(report.event_type),
        "date_start": start,
        "date_end": end,
        "country": (column_text(place.country) or "") if place else "",
        "geo_precision": place.geo_precision if place else 0,
        "cell": grid_cell(place),
        "data": json.dumps(report.to_dict(), ensure_ascii=False),
    }


def _search_text(event: Event) -> str:
    parts = [span.text for span in event.evidence]
    parts += [actor.name for actor in (event.actor1, event.actor2) if actor]
    parts += [*event.assoc_actor_1, *event.assoc_actor_2, *event.sources]
    if event.location:
        parts += [event.location.name, event.location.admin1 or "", event.location.admin2 or ""]
    return column_text("\n".join(part for part in parts if part)) or ""


def column_text(value: str | None) -> str | None:
    """Text for a column that copies a field of ``events.data``: without NUL, which PostgreSQL cannot store.

    Lossless: the event itself is read back from ``data``, whose JSON escapes NUL as \\u0000.
    """
    return value.replace("\x00", "") if value else value
