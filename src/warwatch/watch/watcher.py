"""The watcher: polls sources on their schedules and turns each new item into stored events.

Job: keep the store minutes behind the news. In: sources (feed URLs, folders), a store, a pipeline.
Out: articles and events in the store (``SqlStore.add_article``), the watcher's state beside them
(``state``), and one log line per poll, article and failure, for the operator.

One thread does it all, in this order, again and again: poll every source that is due (a feed with
a conditional GET; a folder by listing it), queueing its new items as ``pending`` rows; then take the
oldest due pending item, fetch its page (or read its file), extract the article, run the pipeline and
store it; repeat, polling whatever fell due in between. Nothing waits longer than one request's
deadline. A failing source backs off exponentially with jitter (``2**failures`` poll intervals, at
most ``max_backoff_s``, at least what a 429/503 Retry-After asks); a failing page is retried
``item_attempts`` times when a retry can help (5xx, timeout, network) and given up at once otherwise.
"""

from __future__ import annotations

import logging
import os
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from ..errors import InputError, StoreError, WarwatchError
from ..model import Article, Event
from ..pipeline.load import article_from_html
from ..store import SqlStore
from .feeds import DEFAULT_MAX_ITEMS, parse_feed
from .fetch import Fetcher, FetchError, FetchLimits, Response, canonical_url
from .offline import item_path, read_offline, scan_folder
from .state import DUPLICATE, FAILED, STORED, ItemState, SourceState, WatchState

log = logging.getLogger(__name__)

FEED, FOLDER = "feed", "folder"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "")  # "": none given

PipelineFn = Callable[[Article], Sequence[Event]]


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchOptions:
    """How often and how carefully to watch; the defaults suit public news sites."""

    interval_s: float = 300.0  # each source's polling interval
    max_backoff_s: float = 3600.0
    item_attempts: int = 3
    max_items: int = DEFAULT_MAX_ITEMS  # items read from one feed document
    settle_s: float = 1.0  # a folder's file must be this old before it is read
    fetch_log_days: float = 30.0
    limits: FetchLimits = field(default_factory=FetchLimits)


@dataclass(slots=True)
class RunSummary:
    """What one run did, for the closing log line and the CLI's exit status."""

    polls: int = 0
    not_modified: int = 0
    poll_failures: int = 0
    new_items: int = 0
    stored: int = 0
    events: int = 0
    duplicates: int = 0
    failed: int = 0

    def line(self) -> str:
        return (
            f"{self.polls} poll(s) ({self.not_modified} not modified, {self.poll_failures} failed); "
            f"{self.new_items} new item(s); {self.stored} article(s) stored with {self.events} event(s); "
            f"{self.duplicates} duplicate(s); {self.failed} item(s) failed"
        )


class Watcher:
    """Watches ``sources`` ((location, kind) pairs, see ``sources.resolve_sources``) into ``store``."""

    def __init__(self, store: SqlStore, sources: Sequence[tuple[str, str]], *, pipeline: PipelineFn,
                 options: WatchOptions | None = None, rng: random.Random | None = None) -> None:  # fmt: skip
        self.store = store
        self.state = WatchState(store.engine)
        self.pipeline = pipeline
        self.options = options or WatchOptions()
        self.summary = RunSummary()
        self._rng = rng or random.Random()
        self._fetcher = Fetcher(self.options.limits, on_fetch=self.state.log_fetch)
        self._sources = {location: self._register(location, kind) for location, kind in sources}

    def close(self) -> None:
        self._fetcher.close()
        self.state.flush()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> RunSummary:
        """Watch until ``stop`` is set; with ``once``, poll every source once, drain the queue and return.

        ``once`` polls sources whatever their interval (cron sets the pace) but not those backing off.
        """
        stop = stop or threading.Event()
        self.summary = RunSummary()
        pruned = self.state.prune_fetches(keep_days=self.options.fetch_log_days)
        if pruned:
            log.info("forgot %d fetch log row(s) older than %g days", pruned, self.options.fetch_log_days)
        if once:
            self.poll_due(force=True)
        while not stop.is_set():
            if not once:
                self.poll_due()
            if self.process_next():
                continue
            if once:
                break
            stop.wait(self._seconds_to_next_wake())
        self.state.flush()
        log.info("%s", self.summary.line())
        return self.summary

    def poll_due(self, *, force: bool = False) -> None:
        """Poll the sources that are due (with ``force``: all those not backing off)."""
        now = datetime.now(UTC)
        for source in list(self._sources.values()):
            backing_off = source.failures > 0 and source.next_poll_at > now
            if (force and not backing_off) or source.next_poll_at <= now:
                self._poll(source)
            elif force:
                log.info("%s: backing off after %d failure(s); next poll at %s", source.url, source.failures,
                         f"{source.next_poll_at:%H:%M:%S}")  # fmt: skip

    def process_next(self) -> bool:
        """Turn the oldest due pending item into articles; False when none is due."""
        item = self.state.next_item(datetime.now(UTC), sources=list(self._sources))
        if item is None:
            return False
        try:
            self._process(item)
        except StoreError:
            raise
        except WarwatchError as error:
            self._item_failed(item, error)
        except Exception as error:  # a bug in a stage must cost one item, not the watcher
            log.exception("%s: internal error while processing it; marked failed, please report it", _label(item))
            self._item_failed(item, error)
        return True

    # --- sources ---------------------------------------------------------------------------

    def _register(self, location: str, kind: str) -> SourceState:
        now = datetime.now(UTC)
        interval = self.options.interval_s
        known = self.state.source(location)
        if known is None:
            source = SourceState(url=location, kind=kind, interval_s=interval, next_poll_at=now)
        else:  # the schedule of the last run, under today's interval
            soonest = now + timedelta(seconds=interval)
            next_poll = known.next_poll_at if known.failures else min(known.next_poll_at, soonest)
            source = replace(known, kind=kind, interval_s=interval, next_poll_at=next_poll)
        self.state.save_source(source)
        return source

    def _poll(self, source: SourceState) -> None:
        now = datetime.now(UTC)
        self.summary.polls += 1
        try:
            source = self._poll_folder(source, now) if source.kind == FOLDER else self._poll_feed(source, now)
        except InputError as error:
            source = self._poll_failed(source, now, error)
        except StoreError:
            raise
        except Exception as error:  # a parser bug on one feed must not stop the others
            log.exception("%s: internal error while polling it; please report it", source.url)
            source = self._poll_failed(source, now, InputError(f"{source.url}: internal error ({error!r})"))
        self.state.save_source(source)
        self._sources[source.url] = source

    def _poll_feed(self, source: SourceState, now: datetime) -> SourceState:
        limits = self.options.limits
        response = self._fetcher.get(source.url, max_bytes=limits.max_feed_bytes, etag=source.etag,
                                     last_modified=source.last_modified)  # fmt: skip
        if response.status == 304:
            self.summary.not_modified += 1
            log.info("%s: not modified", source.url)
            return self._poll_ok(source, now)
        feed = parse_feed(response.content, url=source.url, max_items=self.options.max_items)
        fresh = self.state.add_items(source.url, feed.items, now)
        self.summary.new_items += len(fresh)
        log.info("%s: %d item(s), %d new (%.2f s)", source.url, len(feed.items), len(fresh), response.elapsed_s)
        source = replace(source, etag=response.etag, last_modified=response.last_modified, title=feed.title)
        return self._poll_ok(source, now)

    def _poll_folder(self, source: SourceState, now: datetime) -> SourceState:
        if not os.path.exists(source.url):
            raise InputError(f"{source.url}: no such folder or file; check the path")
        fresh = self.state.add_items(source.url, scan_folder(source.url, settle_s=self.options.settle_s), now)
        self.summary.new_items += len(fresh)
        if fresh:
            log.info("%s: %d new file(s)", source.url, len(fresh))
        return self._poll_ok(source, now)

    def _poll_ok(self, source: SourceState, now: datetime) -> SourceState:
        if source.failures:
            log.info("%s: recovered after %d failed poll(s)", source.url, source.failures)
        return replace(source, failures=0, last_error=None, last_ok_at=now, last_polled_at=now,
                       next_poll_at=now + timedelta(seconds=source.interval_s))  # fmt: skip

    def _poll_failed(self, source: SourceState, now: datetime, error: InputError) -> SourceState:
        self.summary.poll_failures += 1
        failures = source.failures + 1
        delay = self._backoff_s(source.interval_s, failures, getattr(error, "retry_after", None))
        log.warning("%s: poll failed (%d in a row): %s; next try in %.1f s", source.url, failures,
                    _reason(error, source.url), delay)  # fmt: skip
        return replace(source, failures=failures, last_error=str(error), last_polled_at=now,
                       next_poll_at=now + timedelta(seconds=delay))  # fmt: skip

    def _backoff_s(self, base_s: float, failures: int, retry_after: float | None) -> float:
        """Exponential back-off with 'equal jitter': half fixed, half random, capped."""
        ceiling = min(self.options.max_backoff_s, max(base_s, 0.05) * 2 ** (failures - 1))
        delay = self._rng.uniform(ceiling / 2, ceiling)
        if retry_after:
            delay = max(delay, min(retry_after, self.options.max_backoff_s))
        return delay

    def _seconds_to_next_wake(self) -> float:
        now = datetime.now(UTC)
        times = [source.next_poll_at for source in self._sources.values()]
        item_due = self.state.next_attempt_at(sources=list(self._sources))
        if item_due is not None:
            times.append(item_due)
        if not times:
            return 60.0
        return min(60.0, max(0.0, (min(times) - now).total_seconds()))

    # --- items -----------------------------------------------------------------------------

    def _process(self, item: ItemState) -> None:
        source = self._sources.get(item.source)
        if source is not None and source.kind == FOLDER:
            self._process_file(item)
        else:
            self._process_page(item)

    def _process_page(self, item: ItemState) -> None:
        if item.url is None:
            raise InputError(f"{item.source}: item {item.guid!r} has no http(s) link to fetch")
        done = self.state.url_done(item.url, other_than=item.id)
        if done is not None and self.state.orphaned(done, item.source):  # this item stored it, then the watcher died
            log.info("%s: stored already as article %s by an interrupted run", _label(item), done[:12])
            self.summary.stored += 1
            self.state.finish_item(item.id, STORED, article_id=done)
            return
        if done is not None:
            self._duplicate(item, done, "the same URL as")
            return
        response = self._fetcher.get(item.url, max_bytes=self.options.limits.max_page_bytes)
        fetched_at = datetime.now(UTC)
        article = _page_article(response, item)
        final = canonical_url(response.url)
        if final != item.url and (done := self.state.url_done(final, other_than=item.id)) is not None:
            self._duplicate(item, done, "a redirect to the same URL as")
            return
        self._ingest(item, [article], fetched_at)

    def _process_file(self, item: ItemState) -> None:
        articles: list[Article] = []
        for result in read_offline(item_path(item.guid), max_bytes=self.options.limits.max_page_bytes):
            if isinstance(result, InputError):
                log.warning("skipped %s", result)
            else:
                articles.append(result)
        self._ingest(item, articles, datetime.now(UTC))

    def _ingest(self, item: ItemState, articles: list[Article], fetched_at: datetime) -> None:
        """Pipeline and store each article not seen before; the item is done when all are."""
        if not articles:
            raise InputError(f"{_label(item)}: no article could be read from it")
        stored: list[str] = []
        duplicates: list[str] = []
        for article in articles:
            known = self._known(article)
            if known is not None:
                duplicates.append(known)
                continue
            events = tuple(self.pipeline(article))
            self.state.record_timing(article.id, source=item.source, url=article.url, published_at=item.published_at,
                                     fetched_at=fetched_at, processed_at=datetime.now(UTC))  # fmt: skip
            if self.store.add_article(article, events):
                stored.append(article.id)
                self.summary.events += len(events)
                self._log_stored(item, article, len(events))
            else:
                duplicates.append(article.id)
        if not stored:
            self._duplicate(item, duplicates[0], "the same text as")
            return
        self.summary.stored += len(stored)
        self.summary.duplicates += len(duplicates)
        self.state.finish_item(item.id, STORED, article_id=stored[0], processed_at=datetime.now(UTC))
        for article_id in stored[1:]:  # a file's other articles
            self.state.stamp_processed(article_id, datetime.now(UTC))

    def _known(self, article: Article) -> str | None:
        """The id of an article stored already with this text or this URL."""
        if self.store.has_article(article.id):
            return article.id
        return self.state.url_done(article.url) if article.url else None

    def _duplicate(self, item: ItemState, article_id: str, how: str) -> None:
        self.summary.duplicates += 1
        log.info("%s: skipped, %s article %s", _label(item), how, article_id[:12])
        self.state.finish_item(item.id, DUPLICATE, article_id=article_id)

    def _item_failed(self, item: ItemState, error: Exception) -> None:
        attempts = item.attempts + 1
        retry = isinstance(error, FetchError) and error.retryable and attempts < self.options.item_attempts
        reason = _reason(error, item.url or "")
        if retry:
            delay = self._backoff_s(self._interval(item), attempts, getattr(error, "retry_after", None))
            log.warning("%s: attempt %d failed: %s; retry in %.1f s", _label(item), attempts, reason, delay)
            self.state.retry_item(item.id, error=str(error), at=datetime.now(UTC) + timedelta(seconds=delay))
            return
        self.summary.failed += 1
        log.warning("%s: failed: %s; given up", _label(item), reason)
        self.state.retry_item(item.id, error=str(error), at=datetime.now(UTC))
        self.state.finish_item(item.id, FAILED, error=str(error))

    def _interval(self, item: ItemState) -> float:
        source = self._sources.get(item.source)
        return source.interval_s if source else self.options.interval_s

    def _log_stored(self, item: ItemState, article: Article, events: int) -> None:
        age = ""
        if item.published_at is not None:
            age = f", {(datetime.now(UTC) - item.published_at).total_seconds():.1f} s after publication"
        log.info("%s: stored article %s with %d event(s)%s", _label(item), article.id[:12], events, age)


def _page_article(response: Response, item: ItemState) -> Article:
    """The article of a fetched page; the page's own metadata wins, the feed's fills the gaps."""
    url = canonical_url(response.url)
    kind = (response.content_type or "").split(";")[0].strip().lower()
    if kind not in _HTML_TYPES:
        raise InputError(f"{url}: not an HTML page (Content-Type {kind}); skipped")
    if b"\x00" in response.content[:65_536]:  # decoding would not refuse it: NUL is valid UTF-8
        raise InputError(f"{url}: looks like binary data (NUL bytes), not a page; skipped")
    body: str | bytes = response.content
    charset = response.charset
    if charset:  # the HTTP header outranks the page's <meta charset>, as in browsers
        try:
            body = response.content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: not %s as its Content-Type says; guessing the encoding", url, charset)
    try:
        article = article_from_html(body, url=url)
    except InputError as err:  # the loader names the page "html": name it by its URL
        raise InputError(f"{url}: {str(err).removeprefix('html: ')}") from err
    published = item.published_at.date() if item.published_at else None
    return replace(article, title=article.title or item.title, published=article.published or published)


def _label(item: ItemState) -> str:
    return item.url or item.title or item.guid


def _reason(error: Exception, where: str) -> str:
    """An error message without the location the log line already names."""
    text = str(error) or type(error).__name__
    return text.removeprefix(f"{where}: ") if where else text
