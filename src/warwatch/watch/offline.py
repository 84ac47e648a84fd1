"""Offline sources: a watched folder of saved pages, JSON/JSONL dumps and WARC archives.

Job: turn files that appear (or change) in a folder into articles, through the same path as feed
items. In: a folder (or one file). Out: one ``FeedItem`` per file version (``scan_folder``: its GUID is
``path@size:mtime``, so a rewritten file is read again and a file is never read twice), and the
articles of one file (``read_offline``), each an ``Article`` or the ``InputError`` of a record that
could not be read, so one bad record does not hide the others.

Formats: what ``pipeline.load.read_articles`` reads (.txt, .html, .htm, .json, .jsonl), plus WARC
files (.warc, .warc.gz; warcio): each 2xx ``response`` or ``resource`` record holding HTML becomes an
article whose URL is the record's WARC-Target-URI. Records over the page byte cap are refused.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError
from ..model import Article
from ..pipeline.load import SIDECAR_SUFFIX, SUFFIXES, article_from_html, read_articles
from .feeds import FeedItem
from .fetch import canonical_url

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
OFFLINE_SUFFIXES = (*SUFFIXES, *WARC_SUFFIXES)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def scan_folder(folder: str, *, settle_s: float = 1.0) -> list[FeedItem]:
    """One item per readable file under ``folder`` (or for ``folder`` itself when it is a file).

    Files changed less than ``settle_s`` ago are left for the next scan: they may still be written.
    """
    paths = [folder] if os.path.isfile(folder) else list(_walk(folder))
    items = []
    now = time.time()
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as err:
            log.warning("%s: cannot read it (%s); skipped", path, err.strerror or err)
            continue
        if now - info.st_mtime < settle_s:
            continue
        items.append(FeedItem(guid=f"{path}@{info.st_size}:{info.st_mtime_ns}", url=None, title=path))
    return items


def item_path(item_guid: str) -> str:
    """The file an offline item's GUID names."""
    return item_guid.rpartition("@")[0]


def read_offline(path: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """The articles of one file, in order; a record that cannot be read is yielded as its error.

    Raises:
        InputError: the file as a whole cannot be read (missing, too large, malformed, no records).
    """
    if path.lower().endswith(WARC_SUFFIXES):
        yield from _warc_articles(path, max_bytes)
        return
    problems: list[str] = []
    articles = read_articles(path, max_bytes=max(max_bytes, 1), errors=problems)
    yield from articles
    for problem in problems:
        yield InputError(problem)


def _walk(folder: str) -> Iterator[str]:
    def warn(err: OSError) -> None:
        log.warning("%s: cannot list the folder (%s); its files are skipped", err.filename, err.strerror)

    for root, dirs, files in os.walk(folder, onerror=warn):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or lower.endswith(SIDECAR_SUFFIX) or not lower.endswith(OFFLINE_SUFFIXES):
                continue
            yield os.path.join(root, name)


def _warc_articles(path: str, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        with Path(path).open("rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle), 1):
                if record.format == "arc":  # what warcio makes of bytes that are not WARC
                    raise ArchiveLoadFailed(f"record {number} is not a WARC record")
                article = _warc_record(record, f"{path} record {number}", path, max_bytes)
                if article is not None:
                    yield article
    except OSError as err:
        raise InputError(f"{path}: cannot read it ({err.strerror or err}); check the path and permissions") from err
    except ArchiveLoadFailed as err:
        raise InputError(f"{path}: not a readable WARC file ({err}); check that it is WARC, gzipped or not") from err


def _warc_record(record: ArcWarcRecord, where: str, path: str, max_bytes: int) -> Article | InputError | None:
    """The article of one WARC record; None for records that hold no page (requests, metadata, images)."""
    rec_type = record.rec_type
    if rec_type not in ("response", "resource"):
        return None
    http = record.http_headers
    headers = http if http is not None else record.rec_headers
    content_type = (headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    if http is not None and not http.get_statuscode().startswith("2"):
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(f"{where}: the page is over the {max_bytes:,}-byte limit; skipped")
    target = record.rec_headers.get_header("WARC-Target-URI")
    url = canonical_url(target) if target else None
    try:
        return article_from_html(data, url=url, path=path)
    except InputError as err:
        return InputError(f"{where} ({target or 'no URL'}): {err}")
