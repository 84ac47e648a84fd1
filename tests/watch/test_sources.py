"""Tests of warwatch.watch.sources: URLs, OPML files, folders and offline files as sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from warwatch.errors import InputError
from warwatch.watch import resolve_sources


def test_sources_resolve(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml><body><outline xmlUrl="https://b.test/rss"/><outline xmlUrl="HTTPS://A.test/x#y"/></body></opml>'
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    given = ["https://a.test/x", str(opml), str(tmp_path / "inbox"), str(tmp_path / "crawl.warc.gz")]
    assert resolve_sources(given) == [
        ("https://a.test/x", "feed"),
        ("https://b.test/rss", "feed"),
        (str(tmp_path / "inbox"), "folder"),
        (str(tmp_path / "crawl.warc.gz"), "folder"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing", None, "no such file or folder, and not an http(s) URL; check the source"),
        ("notes.pdf", "x", "not an OPML file, a folder or an offline article file"),
        ("local.opml", '<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>',
         "feed 'file:///etc/passwd' is not an http(s) URL; fix its xmlUrl"),
    ],
)  # fmt: skip
def test_sources_refused(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as caught:
        resolve_sources([str(path)])
    assert str(caught.value) == f"{path}: {message}" or str(caught.value).startswith(f"{path}: {message}")


def test_sources_none() -> None:
    with pytest.raises(InputError, match="no source to watch"):
        resolve_sources([])
