"""Watching news live: feeds and folders polled into the store, minutes after publication.

sources   ``resolve_sources``: URLs, OPML files, folders -> (location, kind)
fetch     ``Fetcher``: one bounded, polite, conditional HTTP GET
feeds     ``parse_feed``: RSS / Atom bytes -> FeedItems (bounded); ``read_opml``
offline   ``scan_folder`` / ``read_offline``: files, JSONL dumps, WARC -> Articles
state     ``WatchState``: sources, items, fetch log, article times, in the store
watcher   ``Watcher``: the polling loop; page -> Article -> Pipeline -> SqlStore.add_article
stats     ``latency_report``: publication-to-event latency (median, p95)
"""

from .fetch import Fetcher, FetchError, FetchLimits, canonical_url
from .sources import resolve_sources
from .state import WatchState
from .stats import LatencyReport, latency_report
from .watcher import RunSummary, Watcher, WatchOptions

__all__ = [
    "FetchError",
    "FetchLimits",
    "Fetcher",
    "LatencyReport",
    "RunSummary",
    "WatchOptions",
    "WatchState",
    "Watcher",
    "canonical_url",
    "latency_report",
    "resolve_sources",
]
