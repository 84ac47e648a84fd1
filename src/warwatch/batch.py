"""Batch extraction of a large archive: read lazily, extract in parallel (Ray), store from the driver.

Job: ``warwatch batch PATH...`` over folders, JSON/JSONL files and WARC web archives of many articles.
In: paths; an ``Extractor`` that turns chunks of articles into events: ``RayExtractor`` (one Ray actor
per worker, each building its own ``Pipeline`` once, on a local Ray started on demand or on a running
cluster) or ``LocalExtractor`` (this process, no Ray: small jobs and most tests); an open store.
Out: the articles and their events in the store, and a ``BatchReport`` of counts and failures.

The driver alone writes, through ``SqlStore.add_article`` and in input order, so events are merged
across articles exactly as ``warwatch ingest`` merges them: a batch gives the store a single-process
ingest of the same articles gives. Resuming: an article whose id (content hash) is stored already
is neither extracted nor stored again, and each article is stored in one transaction, so a batch
killed part-way is resumed by running the same command again: nothing finished is redone,
nothing is stored twice, nothing is missed. Memory stays bounded whatever the archive's size: the
inputs are read lazily, and at most ``window`` chunks per worker are in flight.

WARC archives (``.warc``, ``.warc.gz``): every ``response`` record of an HTML or plain-text page with
HTTP status 200, and every ``resource`` record of such a type, is one article (``Article.url`` is the
record's target URI, ``Article.path`` the archive). Its publication date is ``--published`` if given,
else the page's own date, else the day the page was archived (``WARC-Date``).
"""

from __future__ import annotations

import itertools
import logging
import os
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .config import PipelineConfig
from .errors import ConfigError, InputError, WarwatchError
from .model import Article, Event
from .pipeline import Pipeline
from .pipeline.load import (
    DEFAULT_MAX_BYTES,
    SIDECAR_SUFFIX,
    SUFFIXES,
    article_from_html,
    article_from_text,
    read_articles,
)
from .store import SqlStore

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
DEFAULT_CHUNK = 16  # articles per remote task: ~0.5 s of work, so Ray's per-task cost is negligible
DEFAULT_WINDOW = 2  # chunks in flight per worker: one working, one queued
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a worker returns for one article: its events, or why extraction failed."""

    article: Article
    events: tuple[Event, ...] = ()
    error: str | None = None


@dataclass(slots=True)
class BatchReport:
    """Counts of one batch run; ``failed`` has one line per unreadable input or failed article."""

    read: int = 0  # articles read from the inputs
    skipped: int = 0  # stored already: by an earlier (interrupted) run, or earlier in these inputs
    stored: int = 0
    events: int = 0  # events extracted from the articles stored (before merging)
    extraction_failures: int = 0  # articles read but not stored: the pipeline failed on them
    failed: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Articles finished one way or another (stored, skipped or failed to extract)."""
        return self.stored + self.skipped + self.extraction_failures


class Extractor(Protocol):
    """Turns chunks of articles into ``Extracted`` results, in input order (Ray or this process)."""

    workers: int

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Extracted]]: ...

    def peak_memory_mb(self) -> list[float]: ...

    def close(self) -> None: ...


# --- the batch --------------------------------------------------------------------------------


def run_batch(
    paths: Sequence[str | Path],
    store: SqlStore,
    extractor: Extractor,
    *,
    published: date | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    on_progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Read ``paths``, extract what is not stored yet with ``extractor``, and store it (see module docstring).

    ``on_progress(report)`` is called after each chunk is stored.
    """
    report = BatchReport()
    fresh = _not_stored(read_inputs(paths, published=published, errors=report.failed), store, report)
    for results in extractor.map(_chunks(fresh, chunk_size)):
        for item in results:
            _store(store, item, report)
        if on_progress:
            on_progress(report)
    return report


def _not_stored(articles: Iterable[Article], store: SqlStore, report: BatchReport) -> Iterator[Article]:
    """The articles to extract: those not stored yet (how a rerun resumes an interrupted batch)."""
    for article in articles:
        report.read += 1
        if store.has_article(article.id):
            report.skipped += 1
        else:
            yield article


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _store(store: SqlStore, item: Extracted, report: BatchReport) -> None:
    if item.error is not None:
        report.failed.append(item.error)
        report.extraction_failures += 1
    elif store.add_article(item.article, item.events):
        report.stored += 1
        report.events += len(item.events)
    else:  # the same article twice in these inputs: the second copy was extracted but is not stored
        report.skipped += 1


def extract_chunk(pipeline: Pipeline, chunk: Sequence[Article]) -> list[Extracted]:
    """Run the pipeline on each article; one article's failure is reported and the others go on.

    spaCy reads the chunk's texts as one batch; should that fail, each text is read alone, so that only
    the article at fault is lost.
    """
    try:
        docs = list(pipeline.nlp.pipe(a.text for a in chunk))
    except Exception:
        log.exception("spaCy failed on a batch of %d articles; reading them one at a time", len(chunk))
        docs = [None] * len(chunk)
    results = []
    for article, doc in zip(chunk, docs, strict=True):
        try:
            results.append(Extracted(article, pipeline.from_doc(article, doc or pipeline.nlp(article.text))))
        except Exception as err:  # any bug on one article of a million must not stop the batch
            log.exception("extraction failed on article %s (%s)", article.id, article.path)
            where = f"{article.path or 'text'} (article {article.id})"
            results.append(Extracted(article, error=f"{where}: extraction failed ({type(err).__name__}: {err})"))
    return results


# --- inputs -----------------------------------------------------------------------------------


def read_inputs(
    paths: Sequence[str | Path], *, published: date | None = None, errors: list[str] | None = None
) -> Iterator[Article]:
    """Every article of the inputs, lazily; an unreadable file or record adds a line to ``errors`` and is skipped."""
    for path in input_files(paths):
        try:
            if path.lower().endswith(WARC_SUFFIXES):
                yield from read_warc(path, published=published, errors=errors)
            else:
                yield from read_articles(path, published=published, errors=errors)
        except InputError as err:
            _report(str(err), errors)


def _report(problem: str, errors: list[str] | None) -> None:
    """A problem goes to the caller's list when there is one (the CLI prints it), else to the log."""
    if errors is None:
        log.warning("skipped %s", problem)
    else:
        errors.append(problem)


def input_files(paths: Sequence[str | Path]) -> Iterator[str]:
    """Files to read: folders walked in sorted order for articles and WARC archives; other paths as given."""
    for given in paths:
        shown = str(given)
        if not os.path.isdir(shown):
            yield shown
            continue
        for root, dirs, files in os.walk(shown):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in sorted(files):
                lower = name.lower()
                if name.startswith(".") or lower.endswith(SIDECAR_SUFFIX):
                    continue
                if lower.endswith(WARC_SUFFIXES) or Path(lower).suffix in SUFFIXES:
                    yield os.path.join(root, name)


def read_warc(path: str | Path, *, published: date | None = None, errors: list[str] | None = None) -> Iterator[Article]:
    """The articles of a WARC archive (see the module docstring for which records count).

    Raises:
        InputError: the file cannot be opened or is not a WARC archive.
    """
    where = str(path)
    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.format != "warc":  # warcio reads any text as an old ARC record
                    raise InputError(f"{where}: not a WARC archive (record {number} has no WARC header); "
                                     "give .warc or .warc.gz files")  # fmt: skip
                try:
                    article = _warc_article(record, where, published)
                except InputError as err:
                    _report(f"{where} record {number}: {err}", errors)
                    continue
                if article is not None:
                    yield article
    except OSError as err:
        raise InputError(f"{where}: cannot read it ({err.strerror or err}); check the path") from err
    except ArchiveLoadFailed as err:
        raise InputError(f"{where}: not a WARC archive ({err}); give .warc or .warc.gz files") from err


def _warc_article(record: Any, where: str, published: date | None) -> Article | None:
    """One record as an article; None for records that hold no page (requests, metadata, images, errors)."""
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status != "200":
            return None
        kind = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        kind = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not kind.lower().startswith(_PAGE_TYPES):
        return None
    body = record.content_stream().read(DEFAULT_MAX_BYTES + 1)
    if len(body) > DEFAULT_MAX_BYTES:
        raise InputError(f"the page is over the {DEFAULT_MAX_BYTES:,}-byte limit; it was skipped")
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind.lower().startswith("text/plain"):
        article = article_from_text(_plain_text(body, kind), published=published, url=url, path=where)
    else:
        article = article_from_html(body, published=published, url=url, path=where)
    archived = _warc_date(record.rec_headers.get_header("WARC-Date"))
    return replace(article, published=archived) if article.published is None and archived else article


def _plain_text(body: bytes, kind: str) -> str:
    charset = kind.lower().partition("charset=")[2].strip(" \"';") or "utf-8"
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as err:
        raise InputError(f"the text is not {charset} ({err}); it was skipped") from err


def _warc_date(value: str | None) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None


# --- extractors -------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class LocalExtractor:
    """Extraction in this process, without Ray: the same interface, for small jobs and tests."""

    workers = 1

    def __init__(self, pipeline: Pipeline | None = None, config: PipelineConfig | None = None) -> None:
        self.pipeline = pipeline or Pipeline(config)

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        for chunk in chunks:
            yield extract_chunk(self.pipeline, chunk)

    def peak_memory_mb(self) -> list[float]:
        return [_peak_rss_mb()]

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> LocalExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ChunkWorker:
    """One Ray actor: its own Pipeline, built once when the actor starts, then a chunk per call."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.pipeline = Pipeline(config)

    def ready(self) -> int:
        return os.getpid()

    def extract(self, chunk: list[Article]) -> list[Extracted]:
        return extract_chunk(self.pipeline, chunk)

    def peak_memory_mb(self) -> float:
        return _peak_rss_mb()


class RayExtractor:
    """Extraction on Ray: ``workers`` actors, chunks dealt round robin, results gathered in input order.

    ``address``: None starts a local Ray for this run (stopped on ``close``); ``"auto"`` or ``HOST:PORT``
    joins a running cluster, where warwatch and its spaCy model must be installed on every node.
    When Ray is already initialised in this process (a notebook, the tests), it is used as it is.
    """

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        *,
        config: PipelineConfig | None = None,
        window: int = DEFAULT_WINDOW,
    ) -> None:
        self._ray, self._owner = _start_ray(address, workers)
        self.workers = workers or max(int(self._ray.cluster_resources().get("CPU", 1)), 1)
        self._check_capacity(address)
        self._window = window
        remote_worker = self._ray.remote(num_cpus=1)(ChunkWorker)
        self._actors = [remote_worker.remote(config) for _ in range(self.workers)]
        try:
            self._ray.get([actor.ready.remote() for actor in self._actors])
        except self._ray.exceptions.RayError as err:
            self.close()
            raise ConfigError(
                f"the Ray workers could not build the pipeline: {err}; install warwatch and its spaCy model "
                "on every node of the cluster"
            ) from err

    def _check_capacity(self, address: str | None) -> None:
        cpus = int(self._ray.cluster_resources().get("CPU", 0))
        if self.workers > cpus:
            where = f"the Ray cluster at {address}" if address else "the running Ray"
            self.close()
            raise ConfigError(f"{where} has {cpus} CPU(s) for {self.workers} workers; give --workers {cpus} or fewer")

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        pending: deque[Any] = deque()
        turns = itertools.cycle(self._actors)
        for chunk in chunks:
            if len(pending) >= self._window * len(self._actors):
                yield self._result(pending.popleft())
            pending.append(next(turns).extract.remote(chunk))
        while pending:
            yield self._result(pending.popleft())

    def _result(self, ref: Any) -> list[Extracted]:
        try:
            return self._ray.get(ref)
        except self._ray.exceptions.RayError as err:
            raise WarwatchError(
                f"a Ray worker failed: {err}; what was stored is kept: run the same command again to resume"
            ) from err

    def peak_memory_mb(self) -> list[float]:
        return self._ray.get([actor.peak_memory_mb.remote() for actor in self._actors])

    def close(self) -> None:
        for actor in getattr(self, "_actors", []):
            self._ray.kill(actor)
        self._actors = []
        if self._owner and self._ray.is_initialized():
            self._ray.shutdown()
            self._owner = False

    def __enter__(self) -> RayExtractor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _start_ray(address: str | None, workers: int | None) -> tuple[Any, bool]:
    """Ray, initialised: (the module, whether we started it and so must stop it)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if address is None:
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a private local Ray: nobody else can reach it
    import ray  # here, not at the top: importing Ray costs a second that single-process runs do not pay

    if ray.is_initialized():
        return ray, False
    try:
        if address is None:
            # "local": a new private Ray even when another one runs here (a killed run's, or a user's)
            ray.init(address="local", num_cpus=workers or os.cpu_count(), include_dashboard=False, log_to_driver=False)
        else:
            ray.init(address=address, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise ConfigError(
            f"cannot start or reach {where}: {err}; check --ray-address (a cluster started with `ray start --head`) "
            "or run without it to start a local Ray"
        ) from err
    return ray, True
