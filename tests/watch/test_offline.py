"""Tests of warwatch.watch.offline and of watching a folder: saved pages, JSONL dumps and WARC files."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from loopback import html_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warwatch.errors import InputError
from warwatch.model import Article
from warwatch.store import SqlStore
from warwatch.watch import Watcher
from warwatch.watch.offline import item_path, read_offline, scan_folder

MakeWatcher = Callable[..., Watcher]


def story(place: str) -> str:
    return (
        f"Soldiers clashed with rebels near {place} on Sunday, and at least three people were killed, officials said."
    )


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], *, gzip: bool = True) -> Path:
    """A WARC of (type, url, status line or "", body) records; HTML unless the body starts with PNG's magic."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for rec_type, url, status, body in records:
            kind = "image/png" if body.startswith(b"\x89PNG") else "text/html; charset=utf-8"
            http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1") if status else None
            payload = io.BytesIO(body)  # with its length given, warcio spools nothing to a temp file
            record = writer.create_warc_record(url, rec_type, payload=payload, length=len(body), http_headers=http)
            writer.write_record(record)
    return path


def page(place: str) -> bytes:
    return html_page(f"Clash near {place}", story(place)).encode()


def test_offline_warc_articles(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("request", "https://wire.test/a", "", b"GET /a HTTP/1.1\r\n\r\n"),
            ("response", "https://wire.test/a?utm_source=x", "200 OK", page("Gao")),
            ("response", "https://wire.test/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n"),
            ("response", "https://wire.test/missing", "404 Not Found", page("Nowhere")),
            ("response", "https://wire.test/big", "200 OK", b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>"),
            ("response", "https://wire.test/b", "200 OK", page("Kidal")),
        ],
    )
    results = list(read_offline(str(warc), max_bytes=4000))
    articles = [result for result in results if isinstance(result, Article)]
    assert [(a.url, a.path) for a in articles] == [
        ("https://wire.test/a", str(warc)),
        ("https://wire.test/b", str(warc)),
    ]
    assert "near Gao" in articles[0].text
    errors = [str(result) for result in results if isinstance(result, InputError)]
    assert errors == [f"{warc} record 5: the page is over the 4,000-byte limit; skipped"]


def test_offline_not_a_warc(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_bytes(b"this is not an archive\n")
    with pytest.raises(InputError, match="not a readable WARC file"):
        list(read_offline(str(fake), max_bytes=1000))


def test_offline_scan_folder(tmp_path: Path) -> None:
    for name in ("a.html", "b.jsonl", "c.warc.gz", "d.txt", "d.meta.json", ".hidden.html", "e.pdf", "f.json"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_text("x")
    items = scan_folder(str(tmp_path), settle_s=0)
    assert [Path(item_path(item.guid)).name for item in items] == ["a.html", "b.jsonl", "c.warc.gz", "d.txt", "f.json"]
    assert scan_folder(str(tmp_path), settle_s=60) == []  # all just written: maybe still being written
    before = {item.guid for item in items}
    (tmp_path / "a.html").write_text("rewritten")
    os.utime(tmp_path / "a.html", ns=(1, 1))
    changed = {item.guid for item in scan_folder(str(tmp_path), settle_s=0)} - before
    assert [item_path(guid) for guid in changed] == [str(tmp_path / "a.html")]


def test_watch_folder_of_pages_dumps_and_warcs(tmp_path: Path, store: SqlStore, make_watcher: MakeWatcher) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "saved.html").write_bytes(page("Menaka"))
    dump = inbox / "dump.jsonl"
    records = [{"text": story(place), "url": f"https://wire.test/{place}", "published": "2024-03-01"}
               for place in ("Mopti", "Segou")]  # fmt: skip
    dump.write_text("".join(json.dumps(record) + "\n" for record in records) + "{not json\n")
    write_warc(inbox / "crawl.warc", [("response", "https://wire.test/kidal", "200 OK", page("Kidal"))], gzip=False)
    watcher = make_watcher([(str(inbox), "folder")])
    first = watcher.run(once=True)
    assert (first.new_items, first.stored, first.failed) == (3, 4, 0)
    assert watcher.run(once=True).new_items == 0
    records.append({"text": story("Timbuktu"), "url": "https://wire.test/Timbuktu"})
    dump.write_text("".join(json.dumps(record) + "\n" for record in records))
    (inbox / "late.html").write_bytes(page("Ansongo"))
    third = watcher.run(once=True)
    assert (third.new_items, third.stored, third.duplicates) == (2, 2, 2)  # the dump's first two records again
    assert store.count_articles() == 6
