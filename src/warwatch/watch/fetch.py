"""Fetch: one polite, bounded HTTP GET of a feed or a page.

Job: get a URL's bytes without letting a hostile or broken server hold the watcher. In: a URL, the
byte cap for what it is (feed or page) and the validators of the last fetch (ETag, Last-Modified).
Out: a ``Response`` (status 200 with the body, or 304 with none), or a ``FetchError`` saying what went
wrong and whether a retry may help (``retry_after``: what a 429/503 server asked for).

Bounds on every request: a User-Agent naming warwatch; a connect/read/write timeout; a deadline on
the whole request, body included (a page that trickles bytes forever); a redirect limit (a redirect
loop ends there); a byte cap checked on Content-Length and again while streaming, after decompression
(a 100 MB page or a gzip bomb stops at the cap); and a per-host delay between requests. Redirect hops
are followed by httpx inside one request and are not delayed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from ..errors import InputError

log = logging.getLogger(__name__)


def _user_agent() -> str:
    try:
        release = version("warwatch")
    except PackageNotFoundError:  # running from a source tree that is not installed
        release = "dev"
    return f"warwatch/{release} (conflict-event news watcher; python-httpx)"


USER_AGENT = _user_agent()
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(InputError):
    """A GET that gave no usable body: network error, timeout, HTTP error status or a bound hit."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None,
                 retryable: bool = False) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.retryable = retryable  # a later try may succeed (5xx, 429, timeout, network), unlike a 404 or a bound


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchLimits:
    """The bounds of every request; defaults suit public news sites."""

    timeout_s: float = 10.0  # connect, read (between two chunks), write
    deadline_s: float = 30.0  # the whole request, body included
    max_feed_bytes: int = 10_000_000
    max_page_bytes: int = 5_000_000
    max_redirects: int = 5
    host_delay_s: float = 1.0  # at least this long between two requests to one host
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A fetched body (status 200) or a 'not modified' answer (status 304, empty body)."""

    url: str  # the final URL, after redirects
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    elapsed_s: float = 0.0

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


FetchHook = Callable[[str, int | None, int, float, str | None], None]  # url, status, bytes, seconds, error


class HostLimiter:
    """Spaces requests to one host at least ``delay_s`` apart (thread-safe)."""

    def __init__(self, delay_s: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        self.delay_s = delay_s
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> float:
        """Block until ``host`` may be asked again; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay_s
        if start > now:
            self._sleep(start - now)
        return start - now


class Fetcher:
    """An HTTP client with warwatch's bounds; one per watcher, closed with it."""

    def __init__(self, limits: FetchLimits | None = None, *, on_fetch: FetchHook | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:  # fmt: skip
        self.limits = limits or FetchLimits()
        self._on_fetch = on_fetch
        self._limiter = HostLimiter(self.limits.host_delay_s)
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            timeout=httpx.Timeout(self.limits.timeout_s),
            headers={"User-Agent": self.limits.user_agent},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, url: str, *, max_bytes: int, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` conditionally, within every bound.

        Raises:
            FetchError: no usable body; the message names the URL, the cause and the bound.
        """
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._limiter.wait(urlsplit(url).hostname or "")
        started = time.monotonic()
        try:
            response = self._stream(url, headers, max_bytes, started)
        except FetchError as error:
            self._report(url, error.status, 0, started, str(error))
            raise
        self._report(url, response.status, len(response.content), started, None)
        return response

    def _stream(self, url: str, headers: dict[str, str], max_bytes: int, started: float) -> Response:
        limits = self.limits
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                _check_status(url, response)
                if response.status_code == 304:
                    return _response(response, b"", started)
                _check_length(url, response, max_bytes)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(f"{url}: body is over the {max_bytes:,}-byte limit; not read further")
                    if time.monotonic() - started > limits.deadline_s:
                        raise FetchError(
                            f"{url}: not finished after {limits.deadline_s:g} s ({len(body):,} bytes so far); "
                            "gave up on it"
                        )
                return _response(response, bytes(body), started)
        except httpx.TooManyRedirects as err:
            raise FetchError(f"{url}: over {limits.max_redirects} redirects (a redirect loop?); fix the URL") from err
        except httpx.TimeoutException as err:
            message = f"{url}: timed out ({type(err).__name__}, limit {limits.timeout_s:g} s)"
            raise FetchError(message, retryable=True) from err
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as err:
            raise FetchError(f"{url}: not a fetchable http(s) URL ({err}); fix the source") from err
        except httpx.DecodingError as err:
            raise FetchError(f"{url}: the body cannot be decompressed ({err})") from err
        except httpx.HTTPError as err:
            message = f"{url}: request failed ({type(err).__name__}: {err or 'no detail'})"
            raise FetchError(message, retryable=True) from err

    def _report(self, url: str, status: int | None, size: int, started: float, error: str | None) -> None:
        if self._on_fetch is not None:
            self._on_fetch(url, status, size, time.monotonic() - started, error)


def _check_status(url: str, response: httpx.Response) -> None:
    code = response.status_code
    if code in (200, 304) or (200 < code < 300 and code != 204):
        return
    retry_after = _retry_after(response.headers.get("Retry-After")) if code in (429, 503) else None
    hint = "the server asks to slow down" if code == 429 else "will retry later" if code >= 500 else "check the URL"
    message = f"{url}: HTTP {code} {response.reason_phrase}; {hint}"
    raise FetchError(message, status=code, retry_after=retry_after, retryable=code == 429 or code >= 500)


def _check_length(url: str, response: httpx.Response, max_bytes: int) -> None:
    declared = response.headers.get("Content-Length", "")
    encoded = response.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
    if declared.isdigit() and int(declared) > max_bytes and not encoded:
        raise FetchError(f"{url}: Content-Length {int(declared):,} bytes is over the {max_bytes:,}-byte limit; skipped")


def _response(response: httpx.Response, content: bytes, started: float) -> Response:
    headers = response.headers
    return Response(
        url=str(response.url),
        status=200 if 200 <= response.status_code < 300 else response.status_code,
        content=content,
        content_type=headers.get("Content-Type"),
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        elapsed_s=time.monotonic() - started,
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def canonical_url(url: str) -> str:
    """The form two links to one article share: lower-case scheme and host, no default port,
    no fragment, no tracking parameters (utm_*, fbclid, ...), '/' for an empty path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not key.lower().startswith(_TRACKING_PARAMS)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)  # re-encode only when changed
    return urlunsplit((scheme, host, parts.path or "/", query, ""))
