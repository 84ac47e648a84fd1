"""Sources: what the user typed after ``warwatch watch``, as the locations the watcher polls.

In: strings, each a feed URL (http/https), an OPML subscription list (its feeds are watched), a
folder to watch, or one offline file (.html, .json, .jsonl, .txt, .warc, .warc.gz). Out: (location,
kind) pairs, kind ``feed`` or ``folder``, without repeats, in the order given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..errors import InputError
from .feeds import looks_like_opml, read_opml
from .fetch import canonical_url
from .offline import OFFLINE_SUFFIXES
from .watcher import FEED, FOLDER


def resolve_sources(given: Iterable[str]) -> list[tuple[str, str]]:
    """The sources to watch.

    Raises:
        InputError: a source is neither a URL nor an existing OPML file, folder or offline file.
    """
    found: dict[str, str] = {}
    for text in given:
        for location, kind in _resolve(text.strip()):
            found.setdefault(location, kind)
    if not found:
        raise InputError("no source to watch; give feed URLs, an OPML file or a folder")
    return list(found.items())


def _resolve(text: str) -> list[tuple[str, str]]:
    if text.lower().startswith(("http://", "https://")):
        return [(canonical_url(text), FEED)]
    if os.path.isdir(text):
        return [(text, FOLDER)]
    if os.path.isfile(text) and looks_like_opml(text):
        return [(_feed_url(url, text), FEED) for url in read_opml(text)]
    if os.path.isfile(text) and text.lower().endswith(OFFLINE_SUFFIXES):
        return [(text, FOLDER)]
    if os.path.exists(text):
        raise InputError(
            f"{text}: not an OPML file, a folder or an offline article file (.html, .json, .jsonl, .txt, .warc); "
            "give one of those or a feed URL"
        )
    raise InputError(f"{text}: no such file or folder, and not an http(s) URL; check the source")


def _feed_url(url: str, opml: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{opml}: feed {url!r} is not an http(s) URL; fix its xmlUrl")
    return canonical_url(url)
