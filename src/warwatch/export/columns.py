"""The columns of warwatch's tabular exports: one list for CSV, Parquet and GeoJSON properties.

Job: turn one Event into one flat row, the same in every format, so an analyst moving from the
CSV to the Parquet file (or a GeoJSON layer) finds the same names.
In: an Event and, optionally, a function giving an article's URL. Out: ``event_row`` (a dict of
typed values: int, float, str, None, lists, and dicts for claims and evidence) in ``COLUMNS`` order.

The first 31 columns are ACLED's, in ACLED's order (``acled.ACLED_COLUMNS``); warwatch's own
follow. docs/export-columns.md documents every column and where ACLED's meaning and ours differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Event
from . import acled

ArticleUrls = Callable[[str], str | None]

# warwatch's own columns, after ACLED's. In CSV the list columns are "; "-joined (names never hold
# ";"); claims, evidence and conflicts (free text) are JSON.
OWN_COLUMNS: tuple[str, ...] = (
    "fatalities_low",
    "fatalities_high",
    "fatalities_best",
    "claims",
    "status",
    "article_urls",
    "article_ids",
    "date_start",
    "date_end",
    "country_code",
    "geonameid",
    "place_mention",
    "evidence",
    "confidence",
    "rule",
    "conflicts",
)
COLUMNS: tuple[str, ...] = acled.ACLED_COLUMNS + OWN_COLUMNS

LIST_COLUMNS = frozenset({"assoc_actor_1", "assoc_actor_2", "source", "article_urls", "article_ids"})
JSON_COLUMNS = frozenset({"claims", "evidence", "conflicts"})


def event_row(event: Event, *, article_urls: ArticleUrls | None = None) -> dict[str, Any]:
    """One event as a row of ``COLUMNS``; None where there is no value."""
    return _acled_part(event) | _own_part(event, article_urls)


def _acled_part(event: Event) -> dict[str, Any]:
    place = event.location
    code = place.country if place else None
    inter1 = event.actor1.inter if event.actor1 else None
    inter2 = event.actor2.inter if event.actor2 else None
    return {
        "data_id": None,
        "iso": acled.country_isonumeric(code),
        "event_id_cnty": event.id,
        "event_id_no_cnty": None,
        "event_date": event.date,
        "year": event.date.year,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": list(event.assoc_actor_1),
        "inter1": _inter(event.actor1 is not None, inter1),
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": list(event.assoc_actor_2),
        "inter2": _inter(event.actor2 is not None, inter2),
        "interaction": acled.interaction(inter1, inter2, has_actor2=event.actor2 is not None),
        "region": acled.region(code),
        "country": acled.country_name(code),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "source": list(event.sources),
        "source_scale": None,
        "notes": " … ".join(span.text for span in event.evidence),
        "fatalities": event.fatalities.best or 0,
        "timestamp": None,
        "iso3": acled.country_iso3(code),
    }


def _inter(has_actor: bool, inter: int | None) -> int | None:
    """ACLED writes 0 where there is no actor; we leave the code out where the actor's type is unknown."""
    return inter if has_actor else 0


def _own_part(event: Event, article_urls: ArticleUrls | None) -> dict[str, Any]:
    fatalities = event.fatalities
    place = event.location
    start, end = event.date_range or (None, None)
    urls = [url for url in map(article_urls, event.articles) if url] if article_urls else []
    return {
        "fatalities_low": fatalities.low,
        "fatalities_high": fatalities.high,
        "fatalities_best": fatalities.best,
        "claims": [claim.to_dict() for claim in fatalities.claims],
        "status": str(event.status),
        "article_urls": urls,
        "article_ids": list(event.articles),
        "date_start": start,
        "date_end": end,
        "country_code": place.country if place else None,
        "geonameid": place.geonameid if place else None,
        "place_mention": place.mention if place else None,
        "evidence": [span.to_dict() for span in event.evidence],
        "confidence": event.confidence,
        "rule": event.rule,
        "conflicts": list(event.conflicts),
    }
