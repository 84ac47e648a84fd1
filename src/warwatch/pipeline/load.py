"""Load: read what a user hands warwatch into ``Article`` objects, defensively.

In: paths (``iter_input_files`` expands folders, ``read_articles`` reads one file) or strings from the
library and REST API (``article_from_text``, ``article_from_html``). Formats, chosen by suffix:

* ``.txt``: the article text, with an optional sidecar ``NAME.meta.json`` beside it (keys ``published``,
  ``publisher``, ``url``, ``title``, ``language``; other keys are ignored);
* ``.html`` / ``.htm``: text and metadata extracted with trafilatura; a sidecar's fields win over guesses;
* ``.json``: one record, a list of records, or ``{"articles": [...]}``; ``.jsonl``: one record a line.
  A record has ``text`` (or ``content``, ``body``, or ``html`` to extract from), and optionally
  ``published`` (or ``date``), ``publisher``, ``url``, ``title``, ``language`` and ``id``.
* any other suffix given directly: plain text, or HTML when it starts like an HTML page.

Out: ``Article`` objects. ``Article.text`` is the text every later stage measures spans on, so it is only
normalised safely here (BOM dropped, newlines as ``\\n``, Unicode NFC), never otherwise changed.
``Article.path`` is the path exactly as the caller gave it, for every record of a JSON/JSONL file too, so
``articles[].path`` in the events document matches an input path.

Refuses with a one-line ``InputError`` naming the file and the fix: missing, unreadable, too large, empty,
binary or compressed files, undecodable text (characters are never replaced), malformed JSON, JSONL or
sidecars, and HTML without article text. Meaning (sentences, events, dates) is left to later stages.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import trafilatura
from charset_normalizer import from_bytes

from warwatch.errors import InputError
from warwatch.model import Article

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
SIDECAR_SUFFIX = ".meta.json"

_HTML_SUFFIXES = (".html", ".htm")
_FORMATS = "give a .txt, .html, .json or .jsonl article"
_PACKED = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])  # tab, newlines, VT and FF are text
_CONTROL_CHARS = frozenset(map(chr, _CONTROL_BYTES))
_SNIFF_BYTES = 65_536
_MAX_CONTROL_SHARE = 0.10
_MAX_CHAOS = 0.10  # charset_normalizer's mess ratio; its own cut-off is 0.2
_MIN_COHERENCE = 0.10  # below this the guess matched no language: short or random bytes
# Legacy encodings a browser would decode a page with (WHATWG), less Mac and CJK ones: charset_normalizer
# otherwise reads mostly-ASCII text with one "é" as cp775 or mac_roman.
_LEGACY_ENCODINGS = (
    *(f"cp{number}" for number in range(1250, 1259)),
    *(f"iso8859_{number}" for number in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    "cp874",
    "cp866",
    "koi8_r",
    "koi8_u",
)
_MAX_FOREIGN_SHARE = 0.30  # a cp1252 text without a confident guess must be mostly ASCII
_TYPOGRAPHY = frozenset("“”‘’‚„–—…«»‹›•·€£¥¢§©®°±×÷¶\u00a0¡¿ªº¹²³")
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_FIELDS = ("publisher", "url", "title", "language")
_TEXT_FIELDS = ("text", "content", "body")
_DATE_PARAMS = {"original_date": True, "extensive_search": False}  # a date from markup, not guessed from prose
_MAX_LISTED = 3


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[str]:
    """Expand the user's paths into the files to read, in a stable order.

    A folder is walked recursively in sorted order, keeping files with a supported suffix and skipping
    hidden files and folders and ``*.meta.json`` sidecars. Any other path is yielded as given, even a
    missing one or one with another suffix: ``read_articles`` then raises its ``InputError``, so a batch
    can collect one error per file and go on.

    Yields:
        Paths as strings, built on the text the user typed (``./in`` gives ``./in/a.txt``).
    """
    if isinstance(paths, str | Path):  # one path, not an iterable of its characters
        paths = [paths]
    for given in paths:
        shown = str(given)
        if os.path.isdir(shown):
            yield from _folder_files(shown)
        else:
            yield shown


def read_articles(
    path: str | Path,
    *,
    published: date | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    errors: list[str] | None = None,
) -> list[Article]:
    """Read one input file into its articles (one, or one per record of a JSON/JSONL file).

    Args:
        path: the file; ``Article.path`` is ``str(path)`` for every article read from it.
        published: overrides every article's publication date (the CLI's ``--published``).
        max_bytes: larger files are refused before they are read.
        errors: when given, receives a one-line message per JSON/JSONL record that was skipped because it
            could not be read while other records could (each is also logged as a warning).

    Raises:
        InputError: the file cannot be read as articles, or none of its records can.
    """
    where = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    text = _read_text(file, where, max_bytes, html=suffix in _HTML_SUFFIXES)
    if suffix == ".json":
        articles = _json_articles(text, where, errors)
    elif suffix == ".jsonl":
        articles = _keep_readable(_jsonl_results(text, where), where, errors)
    else:
        meta = {**_read_sidecar(file, where, max_bytes), "path": where}
        is_html = suffix in _HTML_SUFFIXES or (suffix not in SUFFIXES and _looks_like_html(text))
        articles = [_html_article(text, where, meta) if is_html else article_from_text(text, **meta)]
    if published is not None:
        day = _parse_date(published, where, "published", "give a date like 2017-09-29")
        articles = [replace(article, published=day) for article in articles]
    return articles


def article_from_text(
    text: str,
    *,
    published: date | str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    title: str | None = None,
    language: str | None = None,
    path: str | None = None,
) -> Article:
    """An article from a string (library and REST API), with the checks and normalisation files get.

    Raises:
        InputError: the text is not a string, is empty, or looks like binary data.
    """
    where = path or "text"
    if not isinstance(text, str):
        raise InputError(f"{where}: the text is a {type(text).__name__}, not a string; give the article text")
    text = _normalize(text)
    _refuse_binary_text(text, where)
    if not text.strip():
        raise InputError(f"{where}: the text is empty or only whitespace; give the article text")
    day = _parse_date(published, where, "published", "give a date like 2017-09-29")
    return Article(text=text, published=day, publisher=publisher, url=url, title=title, language=language, path=path)


def article_from_html(
    html: str | bytes,
    *,
    published: date | str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    title: str | None = None,
    language: str | None = None,
    path: str | None = None,
) -> Article:
    """An article from an HTML page: its main text, and metadata the page gives unless passed here.

    Raises:
        InputError: the HTML is not a string or decodable bytes, or the page holds no article text.
    """
    where = path or "html"
    if isinstance(html, bytes):
        html = _decode(html, where, declared=_declared_charset(html))
    if not isinstance(html, str):
        raise InputError(f"{where}: the HTML is a {type(html).__name__}, not a string or bytes; give the page")
    meta = {"published": published, "publisher": publisher, "url": url, "title": title, "language": language}
    return _html_article(_normalize(html), where, {**meta, "path": path})


# --- files ---------------------------------------------------------------------------------------


def _folder_files(folder: str) -> Iterator[str]:
    found = False

    def warn(err: OSError) -> None:
        logger.warning("%s: cannot list the folder (%s); its files are skipped", err.filename, err.strerror)

    for root, dirs, files in os.walk(folder, onerror=warn):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or lower.endswith(SIDECAR_SUFFIX) or Path(lower).suffix not in SUFFIXES:
                continue
            found = True
            yield os.path.join(root, name)
    if not found:
        logger.warning("%s: no .txt, .html, .json or .jsonl files in the folder", folder)


def _read_bytes(file: Path, where: str, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked with stat first, so a huge file is never read."""
    try:
        info = file.stat()
    except FileNotFoundError as err:
        raise InputError(f"{where}: no such file; check the path") from err
    except OSError as err:
        raise InputError(
            f"{where}: cannot read it ({err.strerror or err}); check the path and its permissions"
        ) from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{where}: is a folder, not a file; give the files in it")
    too_big = f"is over the {max_bytes:,}-byte limit; split the file or raise --max-bytes"
    if info.st_size > max_bytes:
        raise InputError(f"{where}: {info.st_size:,} bytes {too_big}")
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"{where}: cannot read it ({err.strerror or err}); check the file's permissions") from err
    if len(data) > max_bytes:  # grew since stat, or a special file that reports no size
        raise InputError(f"{where}: {too_big}")
    if not data:
        raise InputError(f"{where}: file is empty; nothing to read")
    return data


def _read_text(file: Path, where: str, max_bytes: int, *, html: bool = False) -> str:
    data = _read_bytes(file, where, max_bytes)
    text = _normalize(_decode(data, where, declared=_declared_charset(data) if html else None))
    if not text.strip():
        raise InputError(f"{where}: file has only whitespace; nothing to read")
    return text


def _read_sidecar(file: Path, where: str, max_bytes: int) -> dict[str, Any]:
    """Fields of ``NAME.meta.json`` beside ``NAME.txt`` (or ``.html``); none when there is no sidecar."""
    sidecar = file.with_suffix(SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    shown = os.path.join(os.path.dirname(where), sidecar.name)
    fix = "fix the sidecar"
    data = _load_json(_read_text(sidecar, shown, max_bytes), shown, fix)
    if not isinstance(data, dict):
        raise InputError(f"{shown}: a JSON {_json_kind(data)}, not an object of fields; {fix}")
    return _metadata(data, shown, fix)


# --- decoding --------------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    """The only changes made to an article's characters: BOM, newlines, NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, where: str, *, declared: str | None = None) -> str:
    """Text from bytes: a BOM's codec, else strict UTF-8, else a declared or confidently guessed codec."""
    _refuse_packed(data, where)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{where}: starts with a {label} byte-order mark but is not {label} (byte {err.start + len(bom)}); "
                    "save the file as UTF-8"
                ) from err
            _refuse_binary_text(text, where)
            return text
    _refuse_binary(data, where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    for codec in (declared, _guess_encoding(data)):
        text = _try_decode(data, codec)
        if text is not None:
            return text
    text = _decode_western(data)
    if text is None:
        raise InputError(
            f"{where}: cannot tell the text encoding (not UTF-8 at byte {utf8_error.start}, and no confident guess); "
            "save the file as UTF-8"
        ) from utf8_error
    return text


def _refuse_packed(data: bytes, where: str) -> None:
    for magic, kind in _PACKED:
        if data.startswith(magic):
            raise InputError(f"{where}: compressed file ({kind}), not text; unpack it first")
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        raise InputError(f"{where}: compressed file (bzip2), not text; unpack it first")
    if data.startswith(b"%PDF-"):
        raise InputError(f"{where}: a PDF document, not text; convert it to text first")


def _refuse_binary(data: bytes, where: str) -> None:
    if b"\x00" in data:
        raise InputError(f"{where}: looks like binary data (NUL bytes), not text; {_FORMATS}")
    head = data[:_SNIFF_BYTES]
    share = (len(head) - len(head.translate(None, _CONTROL_BYTES))) / max(len(head), 1)
    if share > _MAX_CONTROL_SHARE:
        raise InputError(f"{where}: looks like binary data ({share:.0%} control bytes), not text; {_FORMATS}")


def _refuse_binary_text(text: str, where: str) -> None:
    if "\x00" in text:
        raise InputError(f"{where}: looks like binary data (NUL characters), not text; {_FORMATS}")
    head = text[:_SNIFF_BYTES]
    share = sum(char in _CONTROL_CHARS for char in head) / max(len(head), 1)
    if share > _MAX_CONTROL_SHARE:
        raise InputError(f"{where}: looks like binary data ({share:.0%} control characters), not text; {_FORMATS}")


def _try_decode(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page names in its ``<meta charset>``, as browsers read it."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        codecs.lookup(label)
    except LookupError:
        return None
    return "cp1252" if label in _LATIN1_LABELS else label  # as browsers (WHATWG) read these labels


def _guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's guess, only when confident; cp1252 wins ties, against its cp1250 bias."""
    matches = from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS))
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        return None
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _decode_western(data: bytes) -> str | None:
    """Mostly-ASCII cp1252 text ("Café"), too short for a confident guess: only letters and typography."""
    text = _try_decode(data, "cp1252")
    if text is None:
        return None
    foreign = [char for char in text if ord(char) > 127]
    visible = sum(not char.isspace() for char in text)
    if len(foreign) > _MAX_FOREIGN_SHARE * visible:
        return None
    return text if all(char.isalpha() or char in _TYPOGRAPHY for char in foreign) else None


# --- formats ---------------------------------------------------------------------------------------


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:100].lower().startswith(("<!doctype html", "<html"))


def _html_article(html: str, where: str, meta: dict[str, Any]) -> Article:
    """Main text and metadata of a page; fields given in ``meta`` (sidecar, caller) win over the page's."""
    # trafilatura refuses a fragment ("<p>x</p>") as not HTML: wrap it in a page
    markup = html if "html" in html[:50].lower() else f"<html><body>{html}</body></html>"
    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as err:  # a third-party parser: any failure means this HTML cannot be read
        raise InputError(f"{where}: cannot parse the HTML ({type(err).__name__}); check the page") from err
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{where}: no article text found in the HTML; give the article as a .txt file instead")
    found: dict[str, Any] = {"title": doc.title, "publisher": doc.sitename, "url": doc.url, "published": None}
    with suppress(TypeError, ValueError):
        found["published"] = date.fromisoformat(doc.date)
    given = {key: value for key, value in meta.items() if value is not None}
    return article_from_text(doc.text, **{**{k: v for k, v in found.items() if v}, **given})


def _json_articles(text: str, where: str, errors: list[str] | None) -> list[Article]:
    """Articles of a ``.json`` file: one record, a list of records, or ``{"articles": [...]}``."""
    data = _load_json(text, where, "fix the file")
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
        if not isinstance(data, list):
            raise InputError(
                f"{where}: field 'articles' is a JSON {_json_kind(data)}, not a list of records; fix the file"
            )
    if not isinstance(data, list):
        return [_record_article(data, where, where, "fix the file")]
    return _keep_readable(_list_results(data, where), where, errors)


def _load_json(text: str, where: str, fix: str, *, line: bool = True) -> Any:
    """Parsed JSON; a syntax error is located by line and column (by column alone in a JSONL line)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        at = f"line {err.lineno}, column {err.colno}" if line else f"column {err.colno}"
        raise InputError(f"{where}: invalid JSON at {at} ({err.msg}); {fix}") from err
    except RecursionError as err:
        raise InputError(f"{where}: JSON nested too deeply; {fix}") from err


def _list_results(records: list[Any], where: str) -> Iterator[Article | InputError]:
    for number, record in enumerate(records, 1):
        try:
            yield _record_article(record, f"{where} record {number}", where, "fix or remove the record")
        except InputError as err:
            yield err


def _jsonl_results(text: str, where: str) -> Iterator[Article | InputError]:
    for line_no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        label = f"{where} line {line_no}"
        fix = "fix or remove the line"
        try:
            yield _record_article(_load_json(line, label, fix, line=False), label, where, fix)
        except InputError as err:
            yield err


def _keep_readable(results: Iterable[Article | InputError], where: str, errors: list[str] | None) -> list[Article]:
    """The readable records; the others are reported, or raised together when no record is readable."""
    articles: list[Article] = []
    problems: list[str] = []
    for result in results:
        if isinstance(result, Article):
            articles.append(result)
        else:
            problems.append(str(result))
    if not problems and not articles:
        raise InputError(f"{where}: no records in the file; nothing to read")
    if not articles:
        if len(problems) == 1:
            raise InputError(problems[0])
        listed = " | ".join(problem.removeprefix(f"{where} ") for problem in problems[:_MAX_LISTED])
        more = f" (and {len(problems) - _MAX_LISTED} more)" if len(problems) > _MAX_LISTED else ""
        raise InputError(f"{where}: none of its {len(problems)} records can be read: {listed}{more}")
    for problem in problems:
        logger.warning("skipped %s", problem)
        if errors is not None:
            errors.append(problem)
    return articles


def _record_article(record: Any, where: str, path: str, fix: str) -> Article:
    """One JSON record as an article; ``where`` locates it in messages, ``path`` is the file's."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: a JSON {_json_kind(record)}, not a record object; {fix}")
    meta = {**_metadata(record, where, fix), "path": path}
    field = next((name for name in (*_TEXT_FIELDS, "html") if record.get(name) is not None), None)
    if field is None:
        raise InputError(f"{where}: record has no 'text' field (nor 'content', 'body' or 'html'); {fix}")
    value = record[field]
    if not isinstance(value, str):
        raise InputError(f"{where}: field '{field}' is a JSON {_json_kind(value)}, not a string; {fix}")
    if not value.strip():
        raise InputError(f"{where}: field '{field}' is empty; {fix}")
    is_html = field == "html"
    article = _html_article(_normalize(value), where, meta) if is_html else article_from_text(value, **meta)
    record_id = record.get("id")
    if record_id is None:
        return article
    if isinstance(record_id, bool) or not isinstance(record_id, str | int) or not str(record_id).strip():
        raise InputError(f"{where}: field 'id' is {_show(record_id)}, not a non-empty string; {fix}")
    return replace(article, id=str(record_id))


def _metadata(record: dict[str, Any], where: str, fix: str) -> dict[str, Any]:
    """The article fields of a record or sidecar, type-checked; unknown keys are ignored."""
    key = "published" if record.get("published") is not None else "date"
    meta: dict[str, Any] = {"published": _parse_date(record.get(key), where, key, fix)}
    for name in _META_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: field '{name}' is {_show(value)}, not a string; {fix}")
        meta[name] = value or None
    return meta


def _parse_date(value: Any, where: str, field: str, fix: str) -> date | None:
    """An ISO date, or the date part of an ISO datetime (as written, not converted to UTC)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        with suppress(ValueError):
            return date.fromisoformat(value.strip())
        with suppress(ValueError):
            return datetime.fromisoformat(value.strip()).date()
    raise InputError(f"{where}: field '{field}' is {_show(value)}, not an ISO date like 2017-09-29; {fix}")


def _json_kind(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _show(value: Any) -> str:
    """A value for a one-line message: repr, which escapes newlines, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."
