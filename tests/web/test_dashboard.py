"""The dashboard in Debian's Chromium through Playwright, against a real uvicorn server on loopback.

The server holds the bundled samples (ingested by the real pipeline) and one hostile article posted
through the API. The tests save docs/dashboard.png and docs/event.png, the README's screenshots.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from warwatch.api import create_app
from warwatch.pipeline import Pipeline

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
DOCS = Path(__file__).resolve().parents[2] / "docs"
TOKEN = "browser-token"
HOSTILE = {
    "text": "<script>alert('text')</script> Gunmen killed four farmers near Konduga on Tuesday, police said. "
    '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">more</a>',
    "title": "<img src=x onerror=alert('title')><script>alert('title')</script>",
    "url": "javascript:alert('url')",
    "publisher": "<b onmouseover=alert(3)>Evil</b>",
    "published": "2020-06-05",
}
TIMEOUT_MS = 20_000  # software rendering on two busy cores: be patient


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(samples_db: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server on a free loopback port in a daemon thread; yields its base URL."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    shutil.copy(samples_db, path)
    app = create_app(f"sqlite:///{path}", token=TOKEN)
    app.state.extract = pipeline
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def hostile_event_id(api: httpx.Client) -> str:
    response = api.post("/api/articles", json=HOSTILE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    return response.json()["events"][0]["id"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no {CHROMIUM}: run `make install` (it runs `apt-get install -y chromium`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails the test on a JavaScript error, a CSP violation or any dialog."""
    context = browser.new_context(viewport={"width": 1360, "height": 860})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    tab.on("console", console)
    yield tab
    context.close()
    assert problems == []


def _ready(page: Page, loads: int = 1) -> None:
    """Wait for the dashboard's ``loads``-th refresh (a CSS selector: the CSP forbids evaluating strings)."""
    page.wait_for_selector(f"body[data-state=ready][data-loads='{loads}']", state="attached")


def _markers(page: Page) -> int:
    """Events on the map: the sum of the clustered markers' counts."""
    return page.eval_on_selector_all(
        ".ww-marker", "nodes => nodes.reduce((n, node) => n + Number(node.dataset.count), 0)"
    )


def _located(api: httpx.Client, **params: Any) -> list[dict]:
    return api.get("/api/geojson", params=params).json()["features"]


def test_dashboard_map_shows_the_seed_events(page: Page, server: str, api: httpx.Client) -> None:
    page.goto(f"{server}/")
    _ready(page)
    page.wait_for_selector("path.country", state="attached")
    located = _located(api)
    seed = next(a for a in api.get("/api/articles").json()["articles"] if a["publisher"] == "Al Jazeera")
    seed_events = [
        e for e in api.get("/api/events", params={"limit": 500}).json()["events"] if seed["id"] in e["articles"]
    ]
    # every seed event has a place but the media release (Strategic developments / Other), which has none
    assert seed_events and all(e["location"] or e["sub_event_type"] == "Other" for e in seed_events)
    assert _markers(page) == len(located) >= sum(bool(e["location"]) for e in seed_events) >= 6
    assert page.locator("path.country").count() > 150  # the offline outlines, drawn
    assert int(page.get_attribute("#count", "data-total")) == api.get("/api/events").json()["total"]
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / "dashboard.png")


def test_dashboard_brushing_the_timeline_filters_map_and_table(page: Page, server: str, api: httpx.Client) -> None:
    page.goto(f"{server}/")
    _ready(page)
    total = api.get("/api/events").json()["total"]
    area = page.locator(".brush-area").bounding_box()
    svg = page.locator("svg.timeline")
    start, end = (date.fromisoformat(svg.get_attribute(f"data-{edge}")).toordinal() for edge in ("start", "end"))
    cut = date(2019, 1, 1).toordinal()  # brush from the start to 2019: the Syrian and Yemeni events
    x_cut = area["x"] + area["width"] * (cut - start) / (end - start)
    page.mouse.move(area["x"] + 2, area["y"] + 20)
    page.mouse.down()
    page.mouse.move(x_cut, area["y"] + 40, steps=8)
    page.mouse.up()
    _ready(page, loads=2)
    query = dict(item.split("=") for item in page.url.split("?", 1)[1].split("&"))
    assert {"since", "until"} <= query.keys()
    expected = api.get("/api/events", params={"since": query["since"], "until": query["until"], "limit": 500}).json()
    assert 0 < expected["total"] < total
    rows = page.locator("#events tbody tr")
    assert rows.count() == expected["total"]
    assert {row.get_attribute("data-event-id") for row in rows.all()} == {e["id"] for e in expected["events"]}
    assert all(row.get_attribute("data-date") < "2019-01-08" for row in rows.all())
    assert _markers(page) == len(_located(api, since=query["since"], until=query["until"])) < len(_located(api))
    assert page.locator(".brush-selection").bounding_box()["width"] > 10
    page.go_back()  # the URL is the state: back is the unbrushed view
    _ready(page, loads=3)
    assert page.locator("#events tbody tr").count() == min(total, 50)


def test_dashboard_url_carries_the_filters(page: Page, server: str, api: httpx.Client) -> None:
    page.goto(f"{server}/?country=SY&event_type=Battles")
    _ready(page)
    assert page.input_value("select[name=country]") == "SY"
    assert page.input_value("select[name=event_type]") == "Battles"
    expected = api.get("/api/events", params={"country": "SY", "event_type": "Battles"}).json()
    assert page.locator("#events tbody tr").count() == expected["total"] > 0
    page.fill("input[name=min_fatalities]", "60")
    page.click("button[type=submit]")
    _ready(page, loads=2)
    assert "min_fatalities=60" in page.url and "country=SY" in page.url
    heavy = api.get("/api/events", params={"country": "SY", "event_type": "Battles", "min_fatalities": 60}).json()
    assert page.locator("#events tbody tr").count() == heavy["total"] < expected["total"]


def test_event_page_highlights_both_claims_of_the_highway_attack(page: Page, server: str, api: httpx.Client) -> None:
    events = api.get("/api/events", params={"min_fatalities": 50, "limit": 500}).json()["events"]
    highway = next(e for e in events if {c["value"] for c in e["fatalities"]["claims"]} >= {58, 100})
    page.goto(f"{server}/")
    _ready(page)
    page.click(f"#events tr[data-event-id='{highway['id']}'] a")
    page.wait_for_url(f"**/events/{highway['id']}")
    page.wait_for_selector("body[data-state=ready]")
    cards = page.locator(".claim-card")
    assert cards.count() == len(highway["fatalities"]["claims"])
    assert {"more than 58", "around 100"} <= {card.locator(".claim-value").inner_text() for card in cards.all()}
    marks = [mark.inner_text() for mark in page.locator(".article-text mark.claim").all()]
    assert {"more than 58", "around 100"} <= set(marks)
    assert len(marks) == sum(1 for claim in highway["fatalities"]["claims"] if claim["span"])
    evidence = page.locator(".article-text mark.evidence")
    assert evidence.count() >= len(highway["evidence"])
    article_text = page.locator(".article-text").first.inner_text()
    assert "Syrian Observatory for Human Rights" in article_text
    DOCS.mkdir(exist_ok=True)
    seed_claim = page.locator(".article-text mark.claim", has_text="around 100")
    bottom = seed_claim.bounding_box()["y"] + page.evaluate("() => window.scrollY") + 120
    page.screenshot(path=DOCS / "event.png", full_page=True, clip={"x": 0, "y": 0, "width": 1360, "height": bottom})


def test_event_page_shows_hostile_article_text_as_text(page: Page, server: str, hostile_event_id: str) -> None:
    page.goto(f"{server}/events/{hostile_event_id}")
    page.wait_for_selector("body[data-state=ready]")
    article = page.locator(".article").first
    assert article.locator("h3").inner_text() == HOSTILE["title"]
    assert HOSTILE["text"] in article.locator(".article-text").inner_text()
    assert HOSTILE["url"] in article.locator(".meta").inner_text()
    assert "<b onmouseover=alert(3)>Evil</b>" in article.locator(".meta").inner_text()
    assert article.locator("img, script, b, a[href^='javascript']").count() == 0
    assert page.locator("a[href^='javascript'], [onerror], [onmouseover]").count() == 0
    scripts = page.eval_on_selector_all("script", "nodes => nodes.map(node => node.getAttribute('src'))")
    assert all(src and src.startswith("/static/") for src in scripts)


def test_dashboard_shows_hostile_event_without_running_it(page: Page, server: str, hostile_event_id: str) -> None:
    page.goto(f"{server}/?text=Konduga")
    _ready(page)
    row = page.locator(f"#events tr[data-event-id='{hostile_event_id}']")
    assert row.count() == 1
    page.locator(".ww-marker").first.click()
    page.wait_for_timeout(300)
    assert page.locator("img:not(.leaflet-tile), a[href^='javascript']").count() == 0
