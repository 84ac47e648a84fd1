"""The REST API through FastAPI's test client: every endpoint, filter, error, token and header."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warwatch import cli
from warwatch.api import create_app
from warwatch.api import routes as api_routes
from warwatch.api.app import Extractor
from warwatch.api.security import SECURITY_HEADERS
from warwatch.errors import StoreError
from warwatch.model import Article, Event, Span
from warwatch.pipeline import Pipeline
from warwatch.store import SqlStore, queries

TOKEN = "test-token-9f2c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STATIC_JS = Path(__file__).resolve().parents[2] / "src" / "warwatch" / "web" / "static" / "js"
HOSTILE = {
    "text": "<script>alert('text')</script> Gunmen killed four farmers near Konduga on Tuesday, police said. "
    '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">more</a>',
    "title": "<img src=x onerror=alert('title')><script>alert('title')</script>",
    "url": "javascript:alert('url')",
    "publisher": "<b onmouseover=alert(3)>Evil</b>",
    "published": "2020-06-05",
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def db_url(samples_store: Callable[[str], str], backend: str) -> str:
    """A private copy of the samples store, so writes stay in this test."""
    return samples_store(backend)


def _client(url: str, pipeline: Pipeline) -> TestClient:
    application = create_app(url, token=TOKEN)
    application.state.extract = pipeline  # the session's pipeline, not one loaded per app
    return TestClient(application)


@pytest.fixture(scope="module")
def api_client(samples_store: Callable[[str], str], backend: str, pipeline: Pipeline) -> Iterator[TestClient]:
    """One app on the samples for the tests that store nothing (their writes are refused or faked)."""
    with _client(samples_store(backend), pipeline) as client:
        yield client


@pytest.fixture
def write_client(db_url: str, pipeline: Pipeline) -> Iterator[TestClient]:
    """An app on a private copy of the samples, for tests that store articles."""
    with _client(db_url, pipeline) as client:
        yield client


@pytest.fixture(scope="module")
def all_events(api_client: TestClient) -> list[dict[str, Any]]:
    body = api_client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == len(body["events"]) > 5
    return body["events"]


def _error(response: Any, status: int) -> str:
    """The envelope's message, after checking the envelope itself."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body.keys() == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert "Traceback" not in body["error"]
    return body["error"]


# --- the events list -------------------------------------------------------------------------


def test_app_lists_events_newest_first_with_total(api_client: TestClient, all_events: list[dict]) -> None:
    body = api_client.get("/api/events").json()
    assert body["total"] == len(all_events)
    dates = [event["date"] for event in body["events"]]
    assert dates == sorted(dates, reverse=True)
    first = body["events"][0]
    assert {
        "id",
        "event_type",
        "sub_event_type",
        "date",
        "actor1",
        "location",
        "fatalities",
        "evidence",
    } <= first.keys()


def _sources(event: dict) -> list[str]:
    return [*event["sources"], *(claim["source"] or "" for claim in event["fatalities"]["claims"])]


def _searchable(event: dict) -> str:
    place = event["location"] or {}
    actors = [actor["name"] for actor in (event["actor1"], event["actor2"]) if actor]
    parts = [span["text"] for span in event["evidence"]] + actors + event["assoc_actor_1"] + event["assoc_actor_2"]
    parts += [*event["sources"], place.get("name") or "", place.get("admin1") or "", place.get("admin2") or ""]
    return "\n".join(parts).lower()


def _in_box(event: dict, west: float, south: float, east: float, north: float) -> bool:
    place = event["location"]
    return bool(place) and south <= place["lat"] <= north and west <= place["lon"] <= east


FILTERS: list[tuple[dict[str, Any], Callable[[dict], bool]]] = [
    ({"since": "2019-01-01"}, lambda e: (e.get("date_range") or [e["date"]] * 2)[1] >= "2019-01-01"),
    ({"until": "2018-12-31"}, lambda e: (e.get("date_range") or [e["date"]] * 2)[0] <= "2018-12-31"),
    ({"bbox": "35,32,43,38"}, lambda e: _in_box(e, 35, 32, 43, 38)),
    ({"country": "SY"}, lambda e: bool(e["location"]) and e["location"]["country"] == "SY"),
    ({"country": "sy"}, lambda e: bool(e["location"]) and e["location"]["country"] == "SY"),
    ({"country": ["SY", "PK"]}, lambda e: bool(e["location"]) and e["location"]["country"] in ("SY", "PK")),
    ({"admin1": "HOMS"}, lambda e: bool(e["location"]) and (e["location"]["admin1"] or "").lower() == "homs"),
    ({"event_type": "Battles"}, lambda e: e["event_type"] == "Battles"),
    ({"event_type": ["Battles", "Protests"]}, lambda e: e["event_type"] in ("Battles", "Protests")),
    ({"sub_event_type": "Armed clash"}, lambda e: e["sub_event_type"] == "Armed clash"),
    ({"actor": "islamic"}, lambda e: any("islamic" in a["name"].lower() for a in (e["actor1"], e["actor2"]) if a)),
    ({"source": "observatory"}, lambda e: any("observatory" in s.lower() for s in _sources(e))),
    ({"min_fatalities": 50}, lambda e: (e["fatalities"]["best"] or -1) >= 50),
    ({"text": "HIGHWAY"}, lambda e: "highway" in _searchable(e)),
    ({"country": "SY", "event_type": "Battles", "min_fatalities": 1}, lambda e: e["event_type"] == "Battles"
     and e["location"]["country"] == "SY" and (e["fatalities"]["best"] or -1) >= 1),
]  # fmt: skip


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_app_filters_events(
    api_client: TestClient, all_events: list[dict], params: dict, keep: Callable[[dict], bool]
) -> None:
    expected = {event["id"] for event in all_events if keep(event)}
    body = api_client.get("/api/events", params={**params, "limit": 500}).json()
    assert {event["id"] for event in body["events"]} == expected
    assert body["total"] == len(expected)
    assert 0 < len(expected) < len(all_events)  # each filter keeps some and drops some


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities"])
def test_app_pages_through_every_event_once_in_order(api_client: TestClient, all_events: list[dict], sort: str) -> None:
    seen: list[dict] = []
    cursor = None
    for _ in range(20):
        params = {"sort": sort, "limit": 4, **({"cursor": cursor} if cursor else {})}
        body = api_client.get("/api/events", params=params).json()
        seen += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(event["id"] for event in seen) == sorted(event["id"] for event in all_events)
    key = "date" if "date" in sort else "fatalities"
    values = [e["date"] if key == "date" else (e["fatalities"]["best"] if e["fatalities"]["best"] is not None else -1)
              for e in seen]  # fmt: skip
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_app_cursor_continues_under_the_same_filter(api_client: TestClient) -> None:
    first = api_client.get("/api/events", params={"country": "SY", "limit": 3}).json()
    rest = api_client.get("/api/events", params={"country": "SY", "limit": 50, "cursor": first["next_cursor"]}).json()
    ids = [e["id"] for e in first["events"] + rest["events"]]
    assert len(ids) == len(set(ids)) == first["total"]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({"cursor": "not-a-cursor"}, 400, "cursor 'not-a-cursor' is not a cursor for sort '-date'"),
        ({"limit": 0}, 422, "query parameter 'limit'"),
        ({"limit": 501}, 422, "query parameter 'limit'"),
        ({"min_fatalities": -1}, 422, "query parameter 'min_fatalities'"),
        ({"min_fatalities": "many"}, 422, "query parameter 'min_fatalities'"),
        ({"min_fatalities": 10**30}, 422, "query parameter 'min_fatalities'"),
        ({"bbox": "1,2,3"}, 422, "query parameter 'bbox': '1,2,3' is not in the expected form west,south,east,north"),
        ({"bbox": "190,0,200,10"}, 422, "query parameter 'bbox': '190,0,200,10' is not in the expected form"),
        ({"bbox": "0,-91,10,5"}, 422, "query parameter 'bbox'"),
        ({"country": "SYR"}, 422, "query parameter 'country.0'"),
        ({"event_type": "Skirmish"}, 422, "query parameter 'event_type.0': Input should be 'Battles'"),
        ({"sub_event_type": "Skirmish"}, 422, "query parameter 'sub_event_type.0'"),
        ({"sort": "name"}, 422, "query parameter 'sort'"),
        ({"since": "2020-13-01"}, 422, "query parameter 'since'"),
        ({"text": "x" * 201}, 422, "query parameter 'text'"),
    ],
)
def test_app_refuses_bad_list_parameters(api_client: TestClient, params: dict, status: int, fragment: str) -> None:
    assert fragment in _error(api_client.get("/api/events", params=params), status)


def test_app_bbox_with_south_above_north_is_empty(api_client: TestClient) -> None:
    assert api_client.get("/api/events", params={"bbox": "0,40,60,30"}).json()["total"] == 0


@given(cursor=st.text(max_size=80), sort=st.sampled_from(["date", "-date", "fatalities", "-fatalities"]))
@settings(max_examples=60, deadline=None)
def test_app_any_cursor_is_a_page_or_a_400(api_client: TestClient, cursor: str, sort: str) -> None:
    response = api_client.get("/api/events", params={"cursor": cursor, "sort": sort, "limit": 3})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code != 200:
        _error(response, response.status_code)


def test_app_refuses_a_cursor_of_another_sort(api_client: TestClient) -> None:
    cursor = api_client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    message = _error(api_client.get("/api/events", params={"limit": 2, "cursor": cursor, "sort": "fatalities"}), 400)
    assert "use the next_cursor of a response as it is, with the same sort" in message


# --- one event, map, timeline, summary, articles ----------------------------------------------


def test_app_shows_an_event_with_claims_and_articles(api_client: TestClient) -> None:
    listed = api_client.get("/api/events", params={"min_fatalities": 50, "source": "Islamic State"}).json()["events"]
    highway = next(e for e in listed if {c["value"] for c in e["fatalities"]["claims"]} >= {58, 100})
    for key in (highway["id"], highway["id"][:8]):
        body = api_client.get(f"/api/events/{key}").json()
        assert body["event"] == highway
        texts = {article["id"]: article["text"] for article in body["articles"]}
        for claim in highway["fatalities"]["claims"]:
            span = claim["span"]
            assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]


def test_app_event_errors(api_client: TestClient, all_events: list[dict]) -> None:
    assert "no event 'ffffffffffff'" in _error(api_client.get("/api/events/ffffffffffff"), 404)
    first_chars = [e["id"][0] for e in all_events]
    shared = next(c for c in first_chars if first_chars.count(c) > 1)
    assert "matches several events; give more characters" in _error(api_client.get(f"/api/events/{shared}"), 400)
    assert "path parameter 'event_id'" in _error(api_client.get(f"/api/events/{'a' * 65}"), 422)


def test_app_geojson_has_every_located_event(api_client: TestClient, all_events: list[dict]) -> None:
    response = api_client.get("/api/geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    located = {e["id"]: e for e in all_events if e["location"]}
    assert {f["id"] for f in body["features"]} == set(located)
    feature = body["features"][0]
    place = located[feature["id"]]["location"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
    assert feature["properties"]["event_type"] == located[feature["id"]]["event_type"]
    syria = api_client.get("/api/geojson", params={"country": "SY", "limit": 2}).json()["features"]
    assert len(syria) == 2 and all(f["properties"]["country"] == "SY" for f in syria)


@pytest.mark.parametrize("interval", ["day", "week"])
def test_app_timeline_adds_up_to_the_events(api_client: TestClient, all_events: list[dict], interval: str) -> None:
    body = api_client.get("/api/timeline", params={"interval": interval}).json()
    assert body["interval"] == interval
    buckets = body["buckets"]
    assert sum(b["events"] for b in buckets) == len(all_events)
    assert sum(b["fatalities"] for b in buckets) == sum(e["fatalities"]["best"] or 0 for e in all_events)
    if interval == "week":
        assert all(date.fromisoformat(b["period"]).weekday() == 0 for b in buckets)
    battles = api_client.get("/api/timeline", params={"interval": interval, "event_type": "Battles"}).json()
    assert {b["event_type"] for b in battles["buckets"]} == {"Battles"}
    assert "query parameter 'interval'" in _error(api_client.get("/api/timeline", params={"interval": "year"}), 422)


def test_app_summary(api_client: TestClient, all_events: list[dict]) -> None:
    body = api_client.get("/api/summary").json()
    assert body["events"] == len(all_events)
    assert body["articles"] == 6
    assert body["countries"]["SY"] == sum(1 for e in all_events if (e["location"] or {}).get("country") == "SY")
    assert body["first_date"] <= body["last_date"]
    assert "Armed clash" in body["event_types"]["Battles"]
    assert body["writable"] is True


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "parquet"])
def test_app_exports_the_filtered_events(api_client: TestClient, all_events: list[dict], fmt: str) -> None:
    response = api_client.get("/api/export", params={"format": fmt, "country": "SY"})
    assert response.status_code == 200
    assert f"warwatch-events.{fmt}" in response.headers["content-disposition"]
    syria = {e["id"] for e in all_events if (e["location"] or {}).get("country") == "SY"}
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert {row["event_id_cnty"] for row in rows} == syria and rows[0]["country"] == "Syria"
    elif fmt == "parquet":
        assert set(pq.read_table(io.BytesIO(response.content)).column("event_id_cnty").to_pylist()) == syria
    elif fmt == "json":
        assert {e["id"] for e in response.json()["events"]} == syria
    else:
        assert {f["id"] for f in response.json()["features"]} == syria
    assert response.headers["x-events-written"] == str(len(syria))


def test_app_export_limit_and_errors(api_client: TestClient) -> None:
    one = api_client.get("/api/export", params={"format": "json", "limit": 1}).json()
    assert len(one["events"]) == 1
    assert "query parameter 'format'" in _error(api_client.get("/api/export", params={"format": "xlsx"}), 422)


def test_app_event_count_stops_at_the_cap(
    api_client: TestClient, all_events: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    page = api_client.get("/api/events", params={"limit": 1}).json()
    assert (page["total"], page["total_capped"]) == (2, True)
    monkeypatch.setattr(queries, "COUNT_CAP", len(all_events))
    page = api_client.get("/api/events", params={"limit": 1}).json()
    assert (page["total"], page["total_capped"]) == (len(all_events), False)


def test_app_lists_and_shows_articles_with_text(api_client: TestClient) -> None:
    first = api_client.get("/api/articles", params={"limit": 4}).json()
    rest = api_client.get("/api/articles", params={"limit": 4, "cursor": first["next_cursor"]}).json()
    articles = first["articles"] + rest["articles"]
    assert len(articles) == 6 and rest["next_cursor"] is None
    seed = next(a for a in articles if a["publisher"] == "Al Jazeera")
    assert "Palmyra" in seed["text"]
    assert api_client.get(f"/api/articles/{seed['id']}").json() == seed
    assert "no article 'nope'" in _error(api_client.get("/api/articles/nope"), 404)


# --- writing ---------------------------------------------------------------------------------


def test_app_ingests_an_article_once(write_client: TestClient) -> None:
    article = {"text": "Gunmen killed three farmers near Konduga on Tuesday, police said.", "published": "2020-06-05"}
    created = write_client.post("/api/articles", json=article, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["created"] is True and body["events"]
    assert body["events"][0]["location"]["name"] == "Konduga"
    again = write_client.post("/api/articles", json=article, headers=AUTH)
    assert again.status_code == 200
    assert again.json() == {**body, "created": False}
    stored = write_client.get(f"/api/articles/{body['article_id']}").json()
    assert stored["text"] == article["text"] and stored["published"] == "2020-06-05"


def test_app_ingests_html(write_client: TestClient) -> None:
    page = (
        "<html><head><title>Clash</title></head><body><article><p>Soldiers and Islamic State fighters clashed "
        "near Palmyra on Monday, the Syrian Observatory for Human Rights said.</p></article></body></html>"
    )
    response = write_client.post(
        "/api/articles", json={"text": page, "format": "html", "published": "2017-09-29"}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    stored = write_client.get(f"/api/articles/{response.json()['article_id']}").json()
    assert "<p>" not in stored["text"] and "clashed near Palmyra" in stored["text"]


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"text": "   "}, 400, "the text is empty or only whitespace"),
        ({"text": ""}, 422, "body field 'text': String should have at least 1 character"),
        ({"title": "no body"}, 422, "body field 'text': Field required"),
        ({"text": "a", "format": "pdf"}, 422, "body field 'format': Input should be 'text' or 'html'"),
        ({"text": "a", "author": "x"}, 422, "body field 'author': Extra inputs are not permitted"),
        ({"text": "a", "published": "yesterday"}, 422, "body field 'published'"),
        ({"text": "a", "url": "u" * 2001}, 422, "body field 'url'"),
    ],
)
def test_app_refuses_bad_articles(api_client: TestClient, body: dict, status: int, fragment: str) -> None:
    assert fragment in _error(api_client.post("/api/articles", json=body, headers=AUTH), status)


def test_app_refuses_malformed_json(api_client: TestClient) -> None:
    response = api_client.post(
        "/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}
    )
    assert "JSON decode error" in _error(response, 422)


@pytest.mark.parametrize(
    ("headers", "status", "fragment"),
    [
        ({}, 401, "this write needs the header 'Authorization: Bearer <WARWATCH_TOKEN>'"),
        ({"Authorization": "Bearer wrong"}, 401, "the bearer token is not this server's WARWATCH_TOKEN"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "this write needs the header"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 401, "the bearer token is not"),
    ],
)
def test_app_writes_need_the_token(api_client: TestClient, headers: dict, status: int, fragment: str) -> None:
    for path, body in (("/api/articles", {"text": "x"}), ("/api/events/merge", {"ids": ["a", "b"]}),
                       ("/api/events/abc/split", {"article_id": "x"})):  # fmt: skip
        response = api_client.post(path, json=body, headers=headers)
        assert fragment in _error(response, status)
        assert response.headers["www-authenticate"] == "Bearer"


def test_app_refuses_writes_without_a_configured_token(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARWATCH_TOKEN", raising=False)
    with TestClient(create_app(db_url)) as client:
        response = client.post("/api/articles", json={"text": "x"}, headers=AUTH)
        assert "writes are disabled on this server; start it with WARWATCH_TOKEN" in _error(response, 403)
        assert client.get("/api/summary").json()["writable"] is False
        assert client.get("/api/events").status_code == 200  # reading stays open


def test_app_reads_the_token_from_the_environment(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARWATCH_TOKEN", "from-env")
    with TestClient(create_app(db_url)) as client:
        response = client.post("/api/articles", json={"text": "  "}, headers={"Authorization": "Bearer from-env"})
        assert _error(response, 400)  # past the token check, refused for its empty text


def test_app_limits_body_size(db_url: str) -> None:
    with TestClient(create_app(db_url, token=TOKEN, max_body_bytes=1000)) as client:
        big = {"text": "word " * 400}
        assert "is over the limit of 1000 bytes" in _error(client.post("/api/articles", json=big, headers=AUTH), 413)

        def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it streams
            yield b'{"text": "'
            yield b"x" * 2000
            yield b'"}'

        response = client.post("/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"})
        assert "the request body (at least 2012 bytes) is over the limit of 1000" in _error(response, 413)


# --- merge and split -------------------------------------------------------------------------


def test_app_merges_events(api_client: TestClient, all_events: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []

    def merge_events(self: SqlStore, ids: list[str], *, who: str) -> Event:
        calls.append((ids, who))
        return self.get_event(ids[0])

    monkeypatch.setattr(SqlStore, "merge_events", merge_events, raising=False)
    ids = [all_events[0]["id"], all_events[1]["id"]]
    response = api_client.post("/api/events/merge", json={"ids": [*ids, ids[0]], "who": "analyst"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == ids[0]
    assert calls == [(ids, "analyst")]


def test_app_merge_errors(api_client: TestClient, all_events: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: SqlStore, ids: list[str], *, who: str) -> Event:
        raise StoreError("events are merged already")

    monkeypatch.setattr(SqlStore, "merge_events", refuse, raising=False)
    one, two = all_events[0]["id"], all_events[1]["id"]
    post = api_client.post
    assert "no event with the id 'nope'" in _error(
        post("/api/events/merge", json={"ids": [one, "nope"]}, headers=AUTH), 404
    )
    assert "body field 'ids'" in _error(post("/api/events/merge", json={"ids": [one]}, headers=AUTH), 422)
    prefix = _error(post("/api/events/merge", json={"ids": [one[:6], two]}, headers=AUTH), 404)
    assert "writes need full ids" in prefix
    assert "merged already" in _error(post("/api/events/merge", json={"ids": [one, two]}, headers=AUTH), 409)


def test_app_merges_and_splits_stored_events(write_client: TestClient) -> None:
    total = write_client.get("/api/events").json()["total"]
    one, two = (write_client.get("/api/events", params={"country": c}).json()["events"][0] for c in ("PK", "SO"))
    merge = {"ids": [one["id"], two["id"]], "who": "analyst@example"}
    merged = write_client.post("/api/events/merge", json=merge, headers=AUTH)
    assert merged.status_code == 200, merged.text
    event = merged.json()
    assert set(one["articles"]) | set(two["articles"]) <= set(event["articles"])
    assert write_client.get("/api/events").json()["total"] == total - 1
    assert write_client.get(f"/api/events/{two['id']}").json()["event"]["id"] == event["id"]  # old ids still answer
    article_id = two["articles"][0]
    split = write_client.post(f"/api/events/{event['id']}/split", json={"article_id": article_id}, headers=AUTH)
    assert split.status_code == 200, split.text
    parts = split.json()
    assert len(parts) == 2 and article_id in parts[0]["articles"]
    assert write_client.get("/api/events").json()["total"] == total


def test_app_merging_an_event_with_itself_changes_nothing(api_client: TestClient, all_events: list[dict]) -> None:
    one = all_events[0]["id"]
    response = api_client.post("/api/events/merge", json={"ids": [one, one]}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == all_events[0]


def test_app_splits_events(api_client: TestClient, all_events: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []

    def split_event(self: SqlStore, event_id: str, article_id: str, *, who: str) -> tuple[Event, Event]:
        calls.append((event_id, article_id, who))
        event = self.get_event(event_id)
        return event, event

    monkeypatch.setattr(SqlStore, "split_event", split_event, raising=False)
    event = all_events[0]
    article_id = event["evidence"][0]["article_id"]
    response = api_client.post(f"/api/events/{event['id']}/split", json={"article_id": article_id}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert [e["id"] for e in response.json()] == [event["id"]] * 2
    assert calls == [(event["id"], article_id, "api")]
    missing = api_client.post("/api/events/nope/split", json={"article_id": article_id}, headers=AUTH)
    assert "no event with the id 'nope'" in _error(missing, 404)

    def refuse(self: SqlStore, event_id: str, article_id: str, *, who: str) -> Event:
        raise StoreError(f"article {article_id} is the event's only article")

    monkeypatch.setattr(SqlStore, "split_event", refuse, raising=False)
    refused = api_client.post(f"/api/events/{event['id']}/split", json={"article_id": article_id}, headers=AUTH)
    assert "is the event's only article" in _error(refused, 409)


# --- safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/events", "/", "/events/abc", "/static/js/common.js", "/api/nope", "/openapi.json"]
)
def test_app_sends_security_headers(api_client: TestClient, path: str) -> None:
    headers = api_client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_app_hides_unexpected_errors(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals at /srv/db")

    monkeypatch.setattr(api_routes.queries, "list_events", explode)
    with TestClient(create_app(db_url), raise_server_exceptions=False) as client:
        response = client.get("/api/events")
    assert _error(response, 500) == "internal error; the server log has the details"
    assert response.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_app_reports_store_failures_as_503(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise StoreError("reading events failed on the store at sqlite:///x.db: disk I/O error")

    monkeypatch.setattr(api_routes.queries, "timeline", fail)
    with TestClient(create_app(db_url)) as client:
        assert "the store failed: reading events failed" in _error(client.get("/api/timeline"), 503)


def test_app_stores_hostile_text_verbatim_and_pages_never_embed_it(write_client: TestClient) -> None:
    response = write_client.post("/api/articles", json=HOSTILE, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    stored = write_client.get(f"/api/articles/{body['article_id']}").json()
    assert (stored["text"], stored["title"], stored["url"]) == (HOSTILE["text"], HOSTILE["title"], HOSTILE["url"])
    assert body["events"], "the hostile article should still yield its event"
    page = write_client.get(f"/events/{body['events'][0]['id']}").text  # the page is a shell; data comes as JSON
    assert "alert(" not in page and "onerror" not in page


def test_app_pages_have_no_inline_script_or_style(api_client: TestClient) -> None:
    for path in ("/", "/events/abc"):
        html = api_client.get(path).text
        assert '<meta charset="utf-8">' in html
        assert html.count("<script") == html.count('<script src="/static/') + html.count(
            '<script type="module" src="/static/'
        )
        assert not re.search(r"<[^>]*\s(on\w+|style)\s*=", html), "an event handler or style attribute"
        assert "<style" not in html


@pytest.mark.parametrize("sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("])
def test_app_dashboard_scripts_never_parse_markup(sink: str) -> None:
    for script in STATIC_JS.glob("*.js"):
        assert sink not in script.read_text(), f"{script.name} uses {sink}"


def test_app_openapi_declares_every_route_and_error(api_client: TestClient) -> None:
    spec = api_client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) == {
        "/api/events", "/api/events/{event_id}", "/api/geojson", "/api/export", "/api/timeline", "/api/summary",
        "/api/articles", "/api/articles/{article_id}", "/api/events/merge", "/api/events/{event_id}/split",
    }  # fmt: skip
    assert "401" in paths["/api/articles"]["post"]["responses"]
    assert "413" in paths["/api/articles"]["post"]["responses"]
    assert paths["/api/articles"]["post"]["security"] == [{"HTTPBearer": []}]
    error_ref = paths["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert error_ref == {"$ref": "#/components/schemas/ErrorBody"}
    assert "application/geo+json" in paths["/api/geojson"]["get"]["responses"]["200"]["content"]
    assert "application/vnd.apache.parquet" in paths["/api/export"]["get"]["responses"]["200"]["content"]
    assert api_client.get("/docs").status_code == 404  # Swagger UI would need a CDN


def test_app_served_by_cli_serve(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, Any] = {}
    monkeypatch.setattr(cli.uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    monkeypatch.delenv("WARWATCH_TOKEN", raising=False)
    result = CliRunner().invoke(cli.app, ["serve", "--host", "127.0.0.1", "--port", "8123", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "warwatch dashboard: http://127.0.0.1:8123/" in result.output
    assert "writes off" in result.output
    assert isinstance(served["app"], FastAPI) and (served["host"], served["port"]) == ("127.0.0.1", 8123)
    served["app"].state.store.close()  # uvicorn would have run the app's lifespan, which closes it


def test_app_extractor_loads_the_pipeline_once() -> None:
    loads: list[int] = []
    article = Article(text="x")
    event = Event(id="e", event_type="Protests", sub_event_type="Peaceful protest", date=date(2020, 1, 1),
                  evidence=(Span.of(article, 0, 1),))  # fmt: skip

    def factory() -> Callable[[Article], tuple[Event, ...]]:
        loads.append(1)
        return lambda _article: (event,)

    extract = Extractor(factory)
    assert extract(article) == extract(article) == (event,)
    assert loads == [1]
