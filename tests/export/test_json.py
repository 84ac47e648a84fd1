"""Tests of warwatch.export.json: the events document of the shared schema, round trips, CLI."""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.export import export_events
from warwatch.model import Event


def export_json(events: list[Event]) -> dict[str, Any]:
    out = io.BytesIO()
    result = export_events(iter(events), "json", out)
    assert result.written == len(events)
    return json.loads(out.getvalue())


def test_json_document_validates_against_the_schema(events: list[Event], events_schema: dict) -> None:
    document = export_json(events)
    jsonschema.validate(document, events_schema, format_checker=jsonschema.FormatChecker())
    assert [event["id"] for event in document["events"]] == ["ev-aleppo", "ev-protest", "ev-clash"]


def test_json_round_trip_gives_the_same_events_and_claims(events: list[Event]) -> None:
    back = [Event.from_dict(data) for data in export_json(events)["events"]]
    assert back == events
    assert back[0].fatalities.claims == events[0].fatalities.claims


def test_json_of_no_events_is_an_empty_document() -> None:
    assert export_json([]) == {"events": []}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_json_round_trip_any_event(data: st.DataObject, event_strategy: st.SearchStrategy) -> None:
    events = data.draw(st.lists(event_strategy, max_size=4))
    assert [Event.from_dict(item) for item in export_json(events)["events"]] == events


def test_json_export_cli_prints_the_document(db_with_events: str, events: list[Event], events_schema: dict) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "json", "--db", db_with_events])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, events_schema, format_checker=jsonschema.FormatChecker())
    assert [Event.from_dict(item) for item in document["events"]] == events
    assert "3 event(s) written to stdout (json.v1)" in result.stderr
