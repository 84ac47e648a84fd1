"""Tests of warwatch.export.geojson: RFC 7946 rules, place-less events left out and counted, round trips, CLI."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.export import export_events
from warwatch.model import Event, Place


def export_geojson(events: list[Event]) -> tuple[dict[str, Any], int]:
    out = io.BytesIO()
    result = export_events(iter(events), "geojson", out)
    return json.loads(out.getvalue()), result.left_out


def check_rfc7946(document: dict[str, Any]) -> None:
    """The rules of RFC 7946 a FeatureCollection of points must follow."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # section 4: no crs member, coordinates are WGS 84
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature.get("id"), str | int)
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]  # section 3.1.1: longitude first, exactly two numbers here
        assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_is_rfc7946_with_longitude_first(events: list[Event]) -> None:
    document, _ = export_geojson(events)
    check_rfc7946(document)
    aleppo = document["features"][0]
    assert aleppo["id"] == "ev-aleppo"
    assert aleppo["geometry"]["coordinates"] == [37.16117, 36.20124]  # [lon, lat]
    assert aleppo["properties"]["latitude"] == 36.20124


def test_geojson_leaves_out_events_without_a_place_and_warns(
    events: list[Event], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="warwatch.export.geojson"):
        document, left_out = export_geojson(events)
    assert [feature["id"] for feature in document["features"]] == ["ev-aleppo", "ev-clash"]
    assert left_out == 1
    assert "1 event(s) without a place" in caplog.text


@pytest.mark.parametrize(("lat", "lon"), [(91.0, 10.0), (-90.5, 10.0), (10.0, 180.5), (10.0, -181.0)])
def test_geojson_leaves_out_coordinates_out_of_range(events: list[Event], lat: float, lon: float) -> None:
    bad = replace(events[0], id="bad", location=Place(name="Nowhere", country="SY", lat=lat, lon=lon))
    document, left_out = export_geojson([bad, events[2]])
    check_rfc7946(document)
    assert left_out == 1
    assert [feature["id"] for feature in document["features"]] == ["ev-clash"]


def test_geojson_round_trip_gives_the_same_events_and_claims(events: list[Event], row_reader) -> None:
    document, _ = export_geojson(events)
    back = [row_reader(_typed(feature["properties"])) for feature in document["features"]]
    assert back == [event for event in events if event.location]
    assert back[0].fatalities.claims == events[0].fatalities.claims


def _typed(properties: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON properties with their dates parsed (JSON has no date type)."""
    fields = ("event_date", "date_start", "date_end")
    return properties | {name: date.fromisoformat(properties[name]) for name in fields if properties[name]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_geojson_any_event_is_valid_and_round_trips(data: st.DataObject, event_strategy, row_reader) -> None:
    events = data.draw(st.lists(event_strategy, max_size=4))
    document, left_out = export_geojson(events)
    check_rfc7946(document)
    placed = [event for event in events if event.location]
    assert left_out == len(events) - len(placed)
    assert [row_reader(_typed(feature["properties"])) for feature in document["features"]] == placed
    for feature, event in zip(document["features"], placed, strict=True):
        assert feature["geometry"]["coordinates"] == [event.location.lon, event.location.lat]


def test_geojson_export_cli_prints_how_many_were_left_out(db_with_events: str, tmp_path) -> None:
    target = tmp_path / "events.geojson"
    result = CliRunner().invoke(app, ["export", "--format", "geojson", "--out", str(target), "--db", db_with_events])
    assert result.exit_code == 0, result.output
    assert "1 event(s) without a place left out of the GeoJSON" in result.stderr
    assert "2 event(s) written to" in result.stderr
    document = json.loads(target.read_text())
    check_rfc7946(document)
    assert document["features"][0]["properties"]["article_urls"] == ["https://example.org/aleppo"]
