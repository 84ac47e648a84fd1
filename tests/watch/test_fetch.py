"""Tests of warwatch.watch.fetch: canonical URLs, the per-host delay, statuses, validators, the fetch hook."""

from __future__ import annotations

import time

import httpx
import pytest
from loopback import Route, Site

from warwatch.watch.fetch import Fetcher, FetchError, FetchLimits, HostLimiter, Response, canonical_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://Example.ORG:80/a?b=1#top", "http://example.org/a?b=1"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://example.org/x?utm_source=rss&id=7&fbclid=abc", "https://example.org/x?id=7"),
        ("https://example.org/x?q=a%20b&p=2", "https://example.org/x?q=a%20b&p=2"),  # untouched when nothing goes
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ],
)
def test_fetch_canonical_url(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_fetch_host_limiter_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = HostLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    assert [limiter.wait("a"), limiter.wait("b"), limiter.wait("a"), limiter.wait("a")] == [0.0, 0.0, 2.0, 2.0]
    now[0] += 10
    assert limiter.wait("a") == 0.0
    assert slept == [2.0, 2.0]


def test_fetch_host_delay_on_loopback(site: Site) -> None:
    site.routes["/a"] = Route(body=b"<html><body><p>a</p></body></html>")
    with Fetcher(FetchLimits(host_delay_s=0.3)) as fetcher:
        for _ in range(3):
            fetcher.get(site.url("/a"), max_bytes=1000)
    times = [request.at for request in site.hits("/a")]
    assert times[1] - times[0] >= 0.25 and times[2] - times[1] >= 0.25  # server clock: arrival jitter


def mock(handler: httpx.MockTransport | None = None, **answer: object) -> httpx.MockTransport:
    return handler or httpx.MockTransport(lambda request: httpx.Response(**answer))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "headers", "message", "retryable", "retry_after"),
    [
        (404, {}, "HTTP 404 Not Found; check the URL", False, None),
        (410, {}, "HTTP 410 Gone; check the URL", False, None),
        (500, {}, "HTTP 500 Internal Server Error; will retry later", True, None),
        (503, {"Retry-After": "120"}, "HTTP 503 Service Unavailable; will retry later", True, 120.0),
        (429, {"Retry-After": "7"}, "HTTP 429 Too Many Requests; the server asks to slow down", True, 7.0),
        (204, {}, "HTTP 204 No Content; check the URL", False, None),
    ],
)
def test_fetch_error_statuses(
    status: int, headers: dict[str, str], message: str, retryable: bool, retry_after: float | None
) -> None:
    calls: list[tuple] = []
    fetcher = Fetcher(FetchLimits(host_delay_s=0), transport=mock(status_code=status, headers=headers),
                      on_fetch=lambda *call: calls.append(call))  # fmt: skip
    with fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("http://news.test/a", max_bytes=100)
    assert str(caught.value) == f"http://news.test/a: {message}"
    assert (caught.value.status, caught.value.retryable, caught.value.retry_after) == (status, retryable, retry_after)
    assert calls[0][:3] == ("http://news.test/a", status, 0) and calls[0][4] == str(caught.value)


def test_fetch_sends_validators_and_user_agent() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Fri, 01 Mar 2024"})

    with Fetcher(FetchLimits(host_delay_s=0), transport=httpx.MockTransport(answer)) as fetcher:
        first = fetcher.get("http://news.test/feed", max_bytes=100)
        second = fetcher.get("http://news.test/feed", max_bytes=100, etag=first.etag, last_modified=first.last_modified)
    assert (first.status, first.content, first.etag, first.last_modified) == (
        200,
        b"<rss/>",
        '"v1"',
        "Fri, 01 Mar 2024",
    )
    assert (second.status, second.content) == (304, b"")
    assert seen[1].headers["If-Modified-Since"] == "Fri, 01 Mar 2024"
    assert seen[0].headers["User-Agent"].startswith("warwatch/")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://news.test/a", "not a fetchable http(s) URL"),
        ("http://127.0.0.1:1/closed", "request failed (ConnectError"),
    ],
)
def test_fetch_unusable_urls(url: str, message: str) -> None:
    with Fetcher(FetchLimits(host_delay_s=0, timeout_s=1)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url, max_bytes=100)
    assert str(caught.value).startswith(f"{url}: {message}")


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [("text/html; charset=windows-1251", "windows-1251"), ('text/html; charset="utf-8"', "utf-8"),
     ("text/html", None), (None, None)],
)  # fmt: skip
def test_fetch_response_charset(content_type: str | None, charset: str | None) -> None:
    assert Response(url="http://x/", status=200, content_type=content_type).charset == charset


def test_fetch_deadline_covers_the_whole_body(site: Site) -> None:
    def trickle(handler) -> None:  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"x")
            time.sleep(0.05)

    site.routes["/slow"] = trickle
    started = time.monotonic()
    limits = FetchLimits(host_delay_s=0, timeout_s=1, deadline_s=0.5)
    message = r"not finished after 0.5 s \(\d+ bytes so far\); gave up on it"
    with Fetcher(limits) as fetcher, pytest.raises(FetchError, match=message):
        fetcher.get(site.url("/slow"), max_bytes=1000)
    assert time.monotonic() - started < 1.5
