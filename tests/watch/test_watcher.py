"""Tests of warwatch.watch.watcher against a real HTTP server on loopback (tests/watch/loopback.py).

Feeds and pages change between polls; the server answers 304 to validators, errors, slow and huge
bodies. The pipeline is ``fake_pipeline`` (one event per article): what is tested is the watching.
"""

from __future__ import annotations

import gzip
import itertools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler

import pytest
from loopback import Route, Site, fake_pipeline, html_page, now_utc
from sqlalchemy import select

from warwatch.model import Article, Event
from warwatch.store import SqlStore
from warwatch.watch import Watcher, WatchState
from warwatch.watch import watcher as watcher_module
from warwatch.watch.state import item_table, timing_table

MakeWatcher = Callable[..., Watcher]


def report(n: int) -> str:
    return (
        f"Militants attacked a police checkpoint in district {n} on Monday, killing {n + 2} officers, "
        f"a provincial spokesman said.\nResidents said the fighting lasted {n + 1} hours."
    )


def news(site: Site, numbers: range | list[int], *, prefix: str = "/news") -> list[dict]:
    """Feed items for pages served at ``prefix/N``, published now."""
    return [
        {
            "guid": f"urn:test:{n}",
            "link": site.page(f"{prefix}/{n}", report(n)),
            "title": f"Report {n}",
            "published": now_utc(),
        }
        for n in numbers
    ]


def stored_urls(store: SqlStore) -> list[str | None]:
    return sorted(article.url or "" for article in store.iter_articles())


def items(store: SqlStore) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(item_table).order_by(item_table.c.id))]


def run_for(watcher: Watcher, seconds: float, *, until: Callable[[], bool]) -> float:
    """Run the watcher in a thread until ``until()`` holds (or ``seconds`` pass); returns the time taken."""
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, kwargs={"stop": stop})
    started = time.monotonic()
    thread.start()
    while time.monotonic() - started < seconds and not until():
        time.sleep(0.02)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    return time.monotonic() - started


# --- new, changed and seen items ----------------------------------------------------------------


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_watcher_ingests_new_items_once(site: Site, store: SqlStore, make_watcher: MakeWatcher, validator: str) -> None:
    feed = site.feed("/feed.xml", news(site, range(3)), **{validator: "v1" if validator == "etag" else
                     "Fri, 01 Mar 2024 10:00:00 GMT"})  # fmt: skip
    watcher = make_watcher([(feed, "feed")])
    first = watcher.run(once=True)
    second = watcher.run(once=True)
    assert (first.new_items, first.stored, first.events) == (3, 3, 3)
    assert (second.new_items, second.stored, second.not_modified) == (0, 0, 1)
    assert stored_urls(store) == [site.url(f"/news/{n}") for n in range(3)]
    polls = site.hits("/feed.xml")
    assert [poll.status for poll in polls] == [200, 304]
    header = "If-None-Match" if validator == "etag" else "If-Modified-Since"
    assert header not in polls[0].headers and polls[1].headers[header]
    assert all(request.headers["User-Agent"].startswith("warwatch/") for request in site.requests)
    assert len(site.hits("/news/0")) == 1


def test_watcher_picks_up_a_changed_feed(site: Site, store: SqlStore, make_watcher: MakeWatcher) -> None:
    feed = site.feed("/feed.xml", news(site, range(2)), etag="v1")
    watcher = make_watcher([(feed, "feed")])
    watcher.run(once=True)
    site.feed("/feed.xml", news(site, range(5)), etag="v2")  # two old items and three new ones
    summary = watcher.run(once=True)
    assert (summary.new_items, summary.stored) == (3, 3)
    assert len(stored_urls(store)) == 5
    assert all(len(site.hits(f"/news/{n}")) == 1 for n in range(5))


def test_watcher_skips_items_seen_by_guid_url_or_text(site: Site, store: SqlStore, make_watcher: MakeWatcher) -> None:
    first = news(site, range(2))
    site.page("/copy-of-0", report(0))  # another URL, the same text
    other = [
        {"guid": "urn:other:a", "link": site.url("/news/1?utm_source=rss#top"), "title": "Same page, tracked link"},
        {"guid": "urn:other:b", "link": site.url("/copy-of-0"), "title": "Same text"},
        {"guid": "urn:test:0", "link": site.url("/elsewhere"), "title": "Same GUID in another feed: a new item"},
    ]
    site.page("/elsewhere", report(9))
    site.feed("/a.xml", first)
    site.feed("/b.xml", other)
    watcher = make_watcher([(site.url("/a.xml"), "feed"), (site.url("/b.xml"), "feed")])
    summary = watcher.run(once=True)
    assert (summary.stored, summary.duplicates) == (3, 1)
    assert stored_urls(store) == sorted(site.url(path) for path in ("/news/0", "/news/1", "/elsewhere"))
    assert site.hits("/news/1?utm_source=rss") == []  # known by canonical URL: never fetched
    statuses = {row["url"]: row["status"] for row in items(store)}
    assert statuses[site.url("/copy-of-0")] == "duplicate"


# --- failures and back-off ----------------------------------------------------------------------


def failing_then(site: Site, path: str, failures: int, route: Route, status: int = 500) -> None:
    """``path`` answers ``status`` ``failures`` times, then ``route``."""
    calls = {"n": 0}

    def handle(handler: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        answer = Route(body=b"down", status=status, content_type="text/plain") if calls["n"] <= failures else route
        handler._answer(answer, site.requests[-1])  # type: ignore[attr-defined]

    site.routes[path] = handle


class Ceiling(random.Random):
    """Jitter that always picks the longest delay, and remembers the range it was offered."""

    def __init__(self) -> None:
        super().__init__(0)
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return b


def test_watcher_failing_source_backs_off_and_recovers(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, caplog: pytest.LogCaptureFixture
) -> None:
    site.feed("/feed.xml", news(site, range(2)))
    good = site.routes["/feed.xml"]
    assert isinstance(good, Route)
    failing_then(site, "/feed.xml", 4, good)
    jitter = Ceiling()
    watcher = make_watcher([(site.url("/feed.xml"), "feed")], interval_s=0.1, rng=jitter)
    with caplog.at_level(logging.INFO, logger="warwatch.watch"):
        run_for(watcher, 15, until=lambda: len(stored_urls(store)) == 2)
    assert len(stored_urls(store)) == 2
    ceilings = [0.1 * 2 ** (n - 1) for n in range(1, 5)]  # the interval doubles with each failure in a row
    assert jitter.ranges == [(ceiling / 2, ceiling) for ceiling in ceilings]
    times = [poll.at for poll in site.hits("/feed.xml")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert all(gap >= ceiling - 0.05 for gap, ceiling in zip(gaps, ceilings, strict=False))  # 50 ms: arrival jitter
    assert "poll failed (4 in a row): HTTP 500 Internal Server Error; will retry later" in caplog.text
    assert "recovered after 4 failed poll(s)" in caplog.text
    state = WatchState(store.engine).source(site.url("/feed.xml"))
    assert state is not None and (state.failures, state.last_error) == (0, None)


def test_watcher_honours_retry_after(site: Site, store: SqlStore, make_watcher: MakeWatcher) -> None:
    site.routes["/feed.xml"] = Route(body=b"slow down", status=429, content_type="text/plain",
                                     headers={"Retry-After": "30"})  # fmt: skip
    watcher = make_watcher([(site.url("/feed.xml"), "feed")])
    assert watcher.run(once=True).poll_failures == 1
    state = WatchState(store.engine).source(site.url("/feed.xml"))
    assert state is not None and state.last_polled_at is not None
    assert (state.next_poll_at - state.last_polled_at).total_seconds() >= 30
    assert watcher.run(once=True).polls == 0  # --once leaves a source that is backing off alone


def test_watcher_retries_a_failing_page_and_gives_up_on_a_missing_one(
    site: Site, store: SqlStore, make_watcher: MakeWatcher
) -> None:
    listed = news(site, range(2))
    listed.append({"guid": "urn:test:gone", "link": site.url("/gone"), "title": "Removed"})
    site.feed("/feed.xml", listed)
    good = site.routes["/news/1"]
    assert isinstance(good, Route)
    failing_then(site, "/news/1", 2, good, status=503)
    watcher = make_watcher([(site.url("/feed.xml"), "feed")])
    run_for(watcher, 10, until=lambda: len(stored_urls(store)) == 2)
    assert len(stored_urls(store)) == 2
    assert len(site.hits("/news/1")) == 3  # 503, 503, 200
    assert len(site.hits("/gone")) == 1  # a 404 is not retried
    gone = next(row for row in items(store) if row["url"] == site.url("/gone"))
    assert gone["status"] == "failed" and "HTTP 404 Not Found" in gone["last_error"]


# --- hostile feeds and pages --------------------------------------------------------------------


def _stream(handler: BaseHTTPRequestHandler, *, length: int | None, chunk: bytes, count: int, pause: float) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()
    handler.wfile.write(b"<html><body><p>")
    for _ in range(count):
        handler.wfile.write(chunk)
        if pause:
            time.sleep(pause)


def huge(handler: BaseHTTPRequestHandler) -> None:  # 100 MB, no Content-Length
    _stream(handler, length=None, chunk=b"x" * 65_536, count=1_600, pause=0)


def huge_declared(handler: BaseHTTPRequestHandler) -> None:
    _stream(handler, length=100_000_000, chunk=b"x" * 65_536, count=1_600, pause=0)


def never_ends(handler: BaseHTTPRequestHandler) -> None:  # a byte every 50 ms, for ever
    _stream(handler, length=None, chunk=b"x", count=1_200, pause=0.05)


def silent(handler: BaseHTTPRequestHandler) -> None:  # headers, then nothing
    _stream(handler, length=None, chunk=b"", count=60, pause=0.05)


def gzip_bomb(handler: BaseHTTPRequestHandler) -> None:  # 5 MB of zeros in ~20 KB: 5 times the cap
    body = gzip.compress(b"\0" * 5_000_000, compresslevel=1)
    handler.send_response(200)
    for name, value in (("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", len(body))):
        handler.send_header(name, str(value))
    handler.end_headers()
    handler.wfile.write(body)


HOSTILE_PAGES = [
    ("huge", huge, "body is over the 1,000,000-byte limit; not read further"),
    ("huge-declared", huge_declared, "Content-Length 100,000,000 bytes is over the 1,000,000-byte limit; skipped"),
    ("gzip-bomb", gzip_bomb, "body is over the 1,000,000-byte limit; not read further"),
    ("never-ends", never_ends, "not finished after 2 s"),
    ("silent", silent, "timed out (ReadTimeout, limit 1 s)"),
    ("loop", Route(status=302, headers={"Location": "/loop"}), "over 5 redirects (a redirect loop?); fix the URL"),
    ("image", Route(body=b"\x89PNG\r\n\x1a\n", content_type="image/png"), "not an HTML page (Content-Type image/png)"),
    ("binary", Route(body=b"\x00\x01\x02" * 100), "looks like binary data (NUL bytes)"),
    ("empty", Route(body=b"<html><body><script>var x = 1;</script></body></html>"), "no article text found"),
]


@pytest.mark.parametrize(("name", "route", "message"), HOSTILE_PAGES, ids=[case[0] for case in HOSTILE_PAGES])
def test_watcher_hostile_page_is_bounded_and_logged(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, caplog: pytest.LogCaptureFixture, name: str,
    route: Route | Callable[[BaseHTTPRequestHandler], None], message: str,
) -> None:  # fmt: skip
    site.routes[f"/{name}"] = route
    listed = [{"guid": "urn:hostile", "link": site.url(f"/{name}"), "title": name, "published": now_utc()}]
    site.feed("/feed.xml", listed + news(site, range(2)))
    watcher = make_watcher([(site.url("/feed.xml"), "feed")], item_attempts=1)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="warwatch.watch"):
        summary = watcher.run(once=True)
    assert time.monotonic() - started < 8
    assert (summary.stored, summary.failed) == (2, 1)
    assert message in caplog.text
    assert f"{site.url('/' + name)}: failed:" in caplog.text


def hundred_thousand_items(site: Site) -> bytes:
    entries = "".join(f"<item><guid>urn:many:{n}</guid><link>/many/{n}</link></item>" for n in range(100_000))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>{entries}</channel></rss>'.encode()


HOSTILE_FEEDS = [
    ("garbage", b"\x00\x01 not xml at all <<<", "not XML (malformed at line 1"),
    (
        "html",
        html_page("Home", "Welcome to our site.").encode(),
        "not an RSS or Atom feed (its root element is <html>)",
    ),
    ("broken", b"<rss><channel><title>Broken</tit></channel></rss>", "no item could be recovered"),
    ("empty", b"", "the feed is empty"),
]


@pytest.mark.parametrize(("name", "body", "message"), HOSTILE_FEEDS, ids=[case[0] for case in HOSTILE_FEEDS])
def test_watcher_hostile_feed_fails_alone(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, caplog: pytest.LogCaptureFixture, name: str, body: bytes,
    message: str,
) -> None:  # fmt: skip
    site.routes["/bad.xml"] = Route(body=body, content_type="application/rss+xml")
    site.feed("/good.xml", news(site, range(2)))
    watcher = make_watcher([(site.url("/bad.xml"), "feed"), (site.url("/good.xml"), "feed")])
    with caplog.at_level(logging.WARNING, logger="warwatch.watch"):
        summary = watcher.run(once=True)
    assert (summary.poll_failures, summary.stored) == (1, 2)
    assert f"{site.url('/bad.xml')}: poll failed (1 in a row): " in caplog.text
    assert message in caplog.text


def test_watcher_bounds_a_feed_of_100000_items(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, caplog: pytest.LogCaptureFixture
) -> None:
    site.routes["/many.xml"] = Route(body=hundred_thousand_items(site), content_type="application/rss+xml")
    watcher = make_watcher([(site.url("/many.xml"), "feed")], max_items=20)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="warwatch.watch"):
        watcher.poll_due(force=True)
    assert time.monotonic() - started < 10
    assert "the feed lists 100000 items; reading only the first 20" in caplog.text
    assert [row["guid"] for row in items(store)] == [f"urn:many:{n}" for n in range(20)]


def test_watcher_reads_a_recoverable_malformed_feed(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, caplog: pytest.LogCaptureFixture
) -> None:
    link = site.page("/news/1", report(1))
    body = f"<rss><channel><item><guid>urn:1</guid><link>{link}</link><title>One & two</title></item>".encode()
    site.routes["/feed.xml"] = Route(body=body, content_type="application/rss+xml")
    watcher = make_watcher([(site.url("/feed.xml"), "feed")])
    with caplog.at_level(logging.WARNING, logger="warwatch.watch"):
        assert watcher.run(once=True).stored == 1
    assert (
        "malformed feed XML at line 1" in caplog.text and "reading the 1 items that could be recovered" in caplog.text
    )


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (html_page("Report", "Взрыв прогремел в центре города в понедельник.").encode("cp1251"),
         "text/html; charset=windows-1251", "Взрыв прогремел"),
        (html_page("Report", "Les rebelles ont attaqué Gao à l'aube, a déclaré l'armée.", charset="iso-8859-1")
         .encode("latin-1"), "text/html", "ont attaqué Gao à l'aube"),
    ],
    ids=["http-header-charset", "meta-charset"],
)  # fmt: skip
def test_watcher_decodes_non_utf8_pages(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, body: bytes, content_type: str, expected: str
) -> None:
    site.routes["/page"] = Route(body=body, content_type=content_type)
    site.feed("/feed.xml", [{"guid": "urn:1", "link": site.url("/page"), "title": "Report"}])
    assert make_watcher([(site.url("/feed.xml"), "feed")]).run(once=True).stored == 1
    assert expected in next(store.iter_articles()).text


def test_watcher_drops_scripts_from_pages(site: Site, store: SqlStore, make_watcher: MakeWatcher) -> None:
    script = "<script>document.write('INJECTED TEXT'); fetch('http://203.0.113.9/x');</script>"
    page = html_page("Report", report(4), head=script).replace("<article>", f"<article>{script}")
    site.routes["/page"] = Route(body=page.encode())
    site.feed("/feed.xml", [{"guid": "urn:1", "link": site.url("/page"), "title": "Report"}])
    assert make_watcher([(site.url("/feed.xml"), "feed")]).run(once=True).stored == 1
    text = next(store.iter_articles()).text
    assert "district 4" in text and "INJECTED" not in text and "fetch(" not in text
    assert [request.path for request in site.requests] == ["/feed.xml", "/page"]


# --- restarts -----------------------------------------------------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL inside the process: nothing after it runs, no handler catches it."""


def test_watcher_killed_after_storing_resumes_without_duplicates(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.feed("/feed.xml", news(site, range(3)))
    real_add = store.add_article

    def add_then_die(article: Article, events: Iterable[Event]) -> bool:
        stored = real_add(article, events)
        if article.url == site.url("/news/1"):
            raise Killed
        return stored

    monkeypatch.setattr(store, "add_article", add_then_die)
    with pytest.raises(Killed):
        make_watcher([(site.url("/feed.xml"), "feed")]).run(once=True)
    monkeypatch.undo()
    summary = make_watcher([(site.url("/feed.xml"), "feed")]).run(once=True)
    assert (summary.stored, summary.duplicates) == (2, 0)  # /news/1 recovered, /news/2 new
    assert stored_urls(store) == [site.url(f"/news/{n}") for n in range(3)]
    assert {row["status"] for row in items(store)} == {"stored"}
    with store.engine.connect() as conn:
        assert len(conn.execute(select(timing_table.c.url)).all()) == 3


def test_watcher_killed_before_storing_loses_nothing(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.feed("/feed.xml", news(site, range(3)))
    watcher = make_watcher([(site.url("/feed.xml"), "feed")])
    monkeypatch.setattr(watcher, "pipeline", lambda article: (_ for _ in ()).throw(Killed()))
    with pytest.raises(Killed):
        watcher.run(once=True)
    assert stored_urls(store) == [] and {row["status"] for row in items(store)} == {"pending"}
    assert make_watcher([(site.url("/feed.xml"), "feed")]).run(once=True).stored == 3
    assert len(stored_urls(store)) == 3


def test_watcher_survives_internal_errors(
    site: Site, store: SqlStore, make_watcher: MakeWatcher, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """A bug in a parser or a stage costs one feed poll or one item, and is logged with its traceback."""
    site.feed("/bad.xml", news(site, range(1), prefix="/bad"))
    site.feed("/good.xml", news(site, range(3)))
    real_parse = watcher_module.parse_feed

    def parse(data: bytes, *, url: str, max_items: int):  # type: ignore[no-untyped-def]
        if url.endswith("/bad.xml"):
            raise RuntimeError("parser bug")
        return real_parse(data, url=url, max_items=max_items)

    def pipeline(article: Article) -> tuple[Event, ...]:
        if "district 1 " in article.text:
            raise ValueError("stage bug")
        return fake_pipeline(article)

    monkeypatch.setattr(watcher_module, "parse_feed", parse)
    watcher = make_watcher([(site.url("/bad.xml"), "feed"), (site.url("/good.xml"), "feed")])
    watcher.pipeline = pipeline
    with caplog.at_level(logging.WARNING, logger="warwatch.watch"):
        summary = watcher.run(once=True)
    assert (summary.poll_failures, summary.stored, summary.failed) == (1, 2, 1)
    assert "bad.xml: internal error while polling it; please report it" in caplog.text
    assert "/news/1: internal error while processing it; marked failed, please report it" in caplog.text
    assert "ValueError: stage bug" in caplog.text  # the traceback, for the bug report
