"""GeoJSON export (``geojson.v1``): events as an RFC 7946 FeatureCollection of points.

In: events (streamed) and a binary output. Out: UTF-8 GeoJSON, one Feature a line, written as the
events arrive. Each Feature's ``id`` is the event id, its geometry a Point ``[longitude, latitude]``
(WGS 84, RFC 7946 order; no ``crs`` member), its properties the row of ``columns.event_row`` (the
same names as the CSV columns, with lists and nested claims as JSON values).

Events without a place (or with coordinates outside [-180, 180] x [-90, 90]) cannot be drawn: they
are left out, counted in ``left_out`` and in one logged warning.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from ..model import Event, Place
from .columns import ArticleUrls, event_row

log = logging.getLogger(__name__)


class GeoJsonExporter:
    """Writes a FeatureCollection; ``left_out`` counts the events of the last ``write`` without a point."""

    suffix = ".geojson"

    def __init__(self, *, article_urls: ArticleUrls | None = None) -> None:
        self.article_urls = article_urls
        self.left_out = 0

    def write(self, events: Iterable[Event], out: IO[bytes]) -> None:
        self.left_out = 0
        out.write(b'{"type": "FeatureCollection", "features": [')
        separator = b"\n"
        for event in events:
            place = point_of(event)
            if place is None:
                self.left_out += 1
                continue
            feature = self.feature(event, place)
            out.write(separator + json.dumps(feature, ensure_ascii=False, default=_iso).encode("utf-8"))
            separator = b",\n"
        out.write(b"\n]}\n")
        if self.left_out:
            log.warning("%d event(s) without a place (or with coordinates out of range) left out of the GeoJSON",
                        self.left_out)  # fmt: skip

    def feature(self, event: Event, place: Place) -> dict[str, Any]:
        """One Feature: the event's id, its point [lon, lat], its row as properties."""
        return {
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": event_row(event, article_urls=self.article_urls),
        }


def point_of(event: Event) -> Place | None:
    """The event's place when it has coordinates RFC 7946 accepts, else None."""
    place = event.location
    if place is not None and -180.0 <= place.lon <= 180.0 and -90.0 <= place.lat <= 90.0:
        return place
    return None


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def geojson_exporter(*, article_urls: ArticleUrls | None = None) -> GeoJsonExporter:
    """Entry point ``geojson.v1``."""
    return GeoJsonExporter(article_urls=article_urls)
