"""A real HTTP server on loopback for the watcher tests, with feed and page builders.

``serve()`` starts an ``http.server`` in a thread on a free 127.0.0.1 port; tests put routes on its
``Site`` (a feed, a page, a hostile answer) and change them between polls; every request is recorded.
Also here: ``fake_pipeline``, one event per article, fast and deterministic.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from warwatch.model import Article, Event, Span
from warwatch.watch import FetchLimits

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    """A static answer: body, status and headers; ``etag`` turns on If-None-Match / 304."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


class Site:
    """The routes of the loopback server and the requests it answered."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Handler] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def feed(self, path: str, items: list[dict], *, etag: str | None = None, last_modified: str | None = None,
             atom: bool = False) -> str:  # fmt: skip
        """Serve an RSS (or Atom) feed of ``items`` (keys: guid, link, title, published) at ``path``."""
        body = atom_feed(items) if atom else rss_feed(items)
        kind = "application/atom+xml" if atom else "application/rss+xml; charset=utf-8"
        self.routes[path] = Route(body=body, content_type=kind, etag=etag, last_modified=last_modified)
        return self.url(path)

    def page(self, path: str, text: str, *, title: str = "A report") -> str:
        self.routes[path] = Route(body=html_page(title, text).encode())
        return self.url(path)


def rss_feed(items: list[dict]) -> bytes:
    entries = "".join(
        "<item>"
        + (f"<guid>{escape(item['guid'])}</guid>" if item.get("guid") else "")
        + (f"<link>{escape(item['link'])}</link>" if item.get("link") else "")
        + f"<title>{escape(item.get('title', 'Untitled'))}</title>"
        + (f"<pubDate>{format_datetime(item['published'])}</pubDate>" if item.get("published") else "")
        + "</item>"
        for item in items
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
    return f"{head}{entries}</channel></rss>".encode()


def atom_feed(items: list[dict]) -> bytes:
    entries = "".join(
        f"<entry><id>{escape(item['guid'])}</id><title>{escape(item.get('title', 'Untitled'))}</title>"
        f'<link href="{escape(item["link"])}"/><updated>{item["published"].isoformat()}</updated></entry>'
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Test atom</title><id>urn:test</id><updated>2024-03-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def html_page(title: str, text: str, *, head: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Test wire, all rights reserved.</footer></body></html>"
    )


def _handler_class(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            request = Request(path=self.path, headers=dict(self.headers), at=time.monotonic())
            site.requests.append(request)
            route = site.routes.get(self.path)
            try:
                if route is None:
                    request.status = 404
                    self._answer(Route(body=b"not found", status=404, content_type="text/plain"), request)
                elif isinstance(route, Route):
                    self._answer(route, request)
                else:
                    request.status = 200
                    route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the watcher hung up: what a bound does

        def _answer(self, route: Route, request: Request) -> None:
            etag_matches = route.etag and self.headers.get("If-None-Match") == route.etag
            date_matches = route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            if etag_matches or date_matches:
                request.status = 304
                self.send_response(304)
                self.end_headers()
                return
            request.status = route.status
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """A loopback server for one test; hanging handlers are daemon threads and die with it."""
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(served))
    server.daemon_threads = True
    server.block_on_close = False
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.stopping.set()
        server.shutdown()
        server.server_close()


def fake_pipeline(article: Article) -> tuple[Event, ...]:
    """One event per article, with the article's first word as evidence: fast and deterministic."""
    end = article.text.find(" ") if " " in article.text else len(article.text)
    return (
        Event(
            id=f"ev-{article.id}",
            event_type="Battles",
            sub_event_type="Armed clash",
            date=article.published or date(2024, 3, 1),
            evidence=(Span.of(article, 0, end),),
            articles=(article.id,),
        ),
    )


FAST = FetchLimits(timeout_s=1.0, deadline_s=2.0, host_delay_s=0.0, max_page_bytes=1_000_000)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
