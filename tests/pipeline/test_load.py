"""Tests for warwatch.pipeline.load: files and strings in, Articles or one-line InputErrors out."""

from __future__ import annotations

import gzip
import io
import json
import logging
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.errors import InputError
from warwatch.model import Article, content_id
from warwatch.pipeline.load import article_from_html, article_from_text, iter_input_files, read_articles

TEXT = "Gunmen attacked a police post near the town of Westford on Tuesday, killing two officers, officials said.\n"
FORMATS = "give a .txt, .html, .json or .jsonl article"
PAGE = """<!DOCTYPE html>
<html><head><title>Clashes near Westford</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="date" content="2020-03-04">
<link rel="canonical" href="https://example.org/news/1"></head>
<body><script>var tracker = "SCRIPT TEXT MUST NOT LEAK";</script>
<nav>Home | World | Sport</nav>
<article><h1>Clashes near Westford</h1>
<p>Fighting broke out on Tuesday between two armed groups near the town of Westford, residents said.</p>
<p>At least four people were killed, according to a local official who asked not to be named.</p></article>
<footer>Copyright The Daily Example</footer></body></html>"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read_error(path: Path | str, **options: object) -> str:
    with pytest.raises(InputError) as info:
        read_articles(path, **options)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    return message


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


def zipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", data)
    return buffer.getvalue()


# --- iter_input_files --------------------------------------------------------------------------------


def test_load_iter_input_files_expands_folders_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "c.jsonl", "d.json", "a.meta.json", "notes.md", ".hidden.txt", "x.bin"):
        write(tmp_path / "in", name, TEXT)
    write(tmp_path / "in" / "sub", "e.TXT", TEXT)
    write(tmp_path / "in" / ".git", "f.txt", TEXT)
    found = list(iter_input_files([tmp_path / "in"]))
    names = [Path(path).relative_to(tmp_path / "in").as_posix() for path in found]
    assert names == ["a.html", "b.txt", "c.jsonl", "d.json", "sub/e.TXT"]


def test_load_iter_input_files_echoes_direct_paths_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in", "a.txt", TEXT)
    write(tmp_path, "odd.bin", b"\x00\x01")
    typed = ["./in", "missing.txt", "odd.bin", str(tmp_path / "in" / "a.txt")]
    assert list(iter_input_files(typed)) == ["./in/a.txt", "missing.txt", "odd.bin", str(tmp_path / "in" / "a.txt")]
    assert list(iter_input_files("missing.txt")) == ["missing.txt"]


def test_load_iter_input_files_lets_a_batch_collect_per_file_errors(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", TEXT)
    missing = tmp_path / "missing.txt"
    read, failed = [], []
    for path in iter_input_files([missing, good]):
        try:
            read.extend(read_articles(path))
        except InputError as err:
            failed.append(str(err))
    assert [article.path for article in read] == [str(good)]
    assert failed == [f"{missing}: no such file; check the path"]


def test_load_iter_input_files_warns_on_a_folder_without_inputs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path / "in", "notes.md", TEXT)
    with caplog.at_level(logging.WARNING, logger="warwatch.pipeline.load"):
        assert list(iter_input_files([tmp_path / "in"])) == []
    assert "no .txt, .html, .json or .jsonl files in the folder" in caplog.text


# --- plain text and sidecars -------------------------------------------------------------------------


@pytest.mark.parametrize("absolute", [False, True])
def test_load_read_articles_path_echoes_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, absolute: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data", "a.txt", TEXT)
    write(tmp_path / "data", "b.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    for typed in ("data/a.txt", "./data/a.txt", "data/b.jsonl"):
        given = str(tmp_path / typed) if absolute else typed
        assert {article.path for article in read_articles(given)} == {given}
    assert read_articles(Path("data/a.txt"))[0].path == "data/a.txt"


def test_load_read_articles_reads_text_with_defaults(tmp_path: Path) -> None:
    [article] = read_articles(write(tmp_path, "a.txt", TEXT))
    assert article.text == TEXT
    assert article.id == content_id(TEXT)
    assert (article.published, article.publisher, article.url, article.title, article.language) == (None,) * 5


def test_load_read_articles_reads_the_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path, "a.b.txt", TEXT)
    meta = {
        "published": "2017-09-29",
        "publisher": "The Daily Example",
        "url": "https://example.org/a",
        "title": "Police post attacked",
        "language": "en",
        "note": "unknown keys are ignored",
        "file": "a.b.txt",
    }
    write(tmp_path, "a.b.meta.json", json.dumps(meta))
    [article] = read_articles(path)
    assert article.published == date(2017, 9, 29)
    assert (article.publisher, article.url, article.title, article.language) == (
        "The Daily Example",
        "https://example.org/a",
        "Police post attacked",
        "en",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017-09-29T23:30:00+03:00", date(2017, 9, 29)), ("2017-09-29T08:00:00Z", date(2017, 9, 29)), (None, None)],
)
def test_load_sidecar_accepts_datetimes_and_null(tmp_path: Path, value: str | None, expected: date | None) -> None:
    path = write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "a.meta.json", json.dumps({"published": value}))
    assert read_articles(path)[0].published == expected


@pytest.mark.parametrize(
    ("sidecar", "problem"),
    [
        (
            '{"published": "yesterday"}',
            "field 'published' is 'yesterday', not an ISO date like 2017-09-29; fix the sidecar",
        ),
        ('{"published": 20170929}', "field 'published' is 20170929, not an ISO date like 2017-09-29; fix the sidecar"),
        ('{"publisher": ["A", "B"]}', "field 'publisher' is ['A', 'B'], not a string; fix the sidecar"),
        (
            '{"published": "2017-09-29",}',
            "invalid JSON at line 1, column 28 (Expecting property name enclosed in double quotes); fix the sidecar",
        ),
        ('["2017-09-29"]', "a JSON array, not an object of fields; fix the sidecar"),
        ("", "file is empty; nothing to read"),
    ],
)
def test_load_sidecar_errors_name_the_sidecar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sidecar: str, problem: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data", "a.txt", TEXT)
    write(tmp_path / "data", "a.meta.json", sidecar)
    assert read_error("data/a.txt") == f"data/a.meta.json: {problem}"


def test_load_read_articles_published_overrides_every_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "a.meta.json", '{"published": "2017-09-29"}')
    lines = write(tmp_path, "b.jsonl", '{"text": "One.", "published": "2001-01-01"}\n{"text": "Two."}\n')
    assert read_articles(path, published=date(2020, 1, 2))[0].published == date(2020, 1, 2)
    assert {article.published for article in read_articles(lines, published=date(2020, 1, 2))} == {date(2020, 1, 2)}


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbfOne line.\r\nTwo lines.\rThree.\n", "One line.\nTwo lines.\nThree.\n"),
        ("Caf\u0065\u0301 in S\u00e3o Paulo".encode(), "Café in São Paulo"),
        (
            "Tabs\tand  spaces \u00a0kept; “quotes” — dashes…\n".encode(),
            "Tabs\tand  spaces \u00a0kept; “quotes” — dashes…\n",
        ),
    ],
)
def test_load_read_articles_normalises_text_lightly(tmp_path: Path, raw: bytes, text: str) -> None:
    assert read_articles(write(tmp_path, "a.txt", raw))[0].text == text


def test_load_read_articles_reads_other_suffixes_given_directly(tmp_path: Path) -> None:
    assert read_articles(write(tmp_path, "notes.md", TEXT))[0].text == TEXT
    assert "SCRIPT" not in read_articles(write(tmp_path, "page.xhtml", PAGE))[0].text


# --- encodings ---------------------------------------------------------------------------------------

FRENCH = "Les rebelles ont attaqué la ville à l'aube ; vingt-trois soldats ont été tués, selon l'armée. Ça continue.\n"
SPANISH = "Un ataque en el municipio de Tumaco dejó cuatro muertos, informó la policía. El señor alcalde pidió calma.\n"
ENGLISH = "Officials said on Monday that “dozens” of fighters had been killed near the café — a claim denied.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "utf-8-sig"),
        (FRENCH, "utf-16"),
        (FRENCH, "utf-32"),
        (FRENCH, "cp1252"),
        (SPANISH, "latin-1"),
        (ENGLISH, "cp1252"),
        ("Café Noir", "cp1252"),
        ("Police said the attack happened at night. " * 500 + "Café “quoted”", "cp1252"),  # not cp775
        ("Военные сообщили, что в результате обстрела погибли три человека, еще пятеро ранены.\n", "cp1251"),
    ],
)
def test_load_read_articles_decodes_common_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    assert read_articles(write(tmp_path, "a.txt", text.encode(encoding)))[0].text == text


@pytest.mark.parametrize("bom, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_load_read_articles_decodes_utf16_with_either_byte_order(tmp_path: Path, bom: bytes, codec: str) -> None:
    assert read_articles(write(tmp_path, "a.txt", bom + FRENCH.encode(codec)))[0].text == FRENCH


def test_load_html_bytes_use_the_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace("Fighting", "Fighting at the café")
    [article] = read_articles(write(tmp_path, "a.html", page.encode("cp1252")))
    assert "Fighting at the café" in article.text
    assert "café" in article_from_html(page.encode("cp1252")).text


# --- bad files ---------------------------------------------------------------------------------------

GARBAGE = bytes(range(0x80, 0x100)) * 4 + b"\x81\x8d\x8f\x90\x9d" * 10


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("x.txt", b"", "file is empty; nothing to read"),
        ("x.txt", b" \n\t\r\n  ", "file has only whitespace; nothing to read"),
        ("x.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00", f"looks like binary data (NUL bytes), not text; {FORMATS}"),
        ("x.txt", bytes(range(1, 9)) * 20 + b"abc", f"looks like binary data (98% control bytes), not text; {FORMATS}"),
        ("x.txt", gzipped(TEXT.encode()), "compressed file (gzip), not text; unpack it first"),
        ("x.txt", zipped(TEXT.encode()), "compressed file (zip), not text; unpack it first"),
        ("x.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document, not text; convert it to text first"),
        (
            "x.txt",
            GARBAGE,
            "cannot tell the text encoding (not UTF-8 at byte 0, and no confident guess); save the file as UTF-8",
        ),
        (
            "x.txt",
            b"\xff\xfeA\x00\x00\xd8",
            "starts with a UTF-16 LE byte-order mark but is not UTF-16 LE (byte 4); save the file as UTF-8",
        ),
        ("x.txt", b"\xff\xfeA\x00\x00\x00", f"looks like binary data (NUL characters), not text; {FORMATS}"),
        (
            "x.html",
            "<html><body><script>var a = 1;</script></body></html>",
            "no article text found in the HTML; give the article as a .txt file instead",
        ),
        (
            "x.json",
            '[{"text": "One."},\n {"text": "Two."} {}]',
            "invalid JSON at line 2, column 19 (Expecting ',' delimiter); fix the file",
        ),
        (
            "x.json",
            '{"title": "No text"}',
            "record has no 'text' field (nor 'content', 'body' or 'html'); fix the file",
        ),
        ("x.json", '{"text": "  "}', "field 'text' is empty; fix the file"),
        ("x.json", '{"text": 42}', "field 'text' is a JSON number, not a string; fix the file"),
        ("x.json", '"just a string"', "a JSON string, not a record object; fix the file"),
        (
            "x.json",
            '{"articles": {"text": "One."}}',
            "field 'articles' is a JSON object, not a list of records; fix the file",
        ),
        ("x.json", "[]", "no records in the file; nothing to read"),
        ("x.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply; fix the file"),
        (
            "x.json",
            '{"text": "One.", "published": "last week"}',
            "field 'published' is 'last week', not an ISO date like 2017-09-29; fix the file",
        ),
        ("x.json", '{"text": "One.", "id": ""}', "field 'id' is '', not a non-empty string; fix the file"),
        ("x.jsonl", "\n\n  \n", "file has only whitespace; nothing to read"),
    ],
)
def test_load_read_articles_refuses_bad_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str | bytes, problem: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data", name, content)
    assert read_error(f"data/{name}") == f"data/{name}: {problem}"


def test_load_read_articles_refuses_a_huge_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "x.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, and never read
    expected = "x.txt: 52,428,800 bytes is over the 20,000,000-byte limit; split the file or raise --max-bytes"
    assert read_error("x.txt") == expected
    write(tmp_path, "small.txt", TEXT)
    assert read_error("small.txt", max_bytes=10).startswith("small.txt: 106 bytes is over the 10-byte limit")


def test_load_read_articles_refuses_missing_paths_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.txt").mkdir()
    assert read_error("nope/missing.txt") == "nope/missing.txt: no such file; check the path"
    assert read_error("folder.txt") == "folder.txt: is a folder, not a file; give the files in it"


def test_load_read_articles_refuses_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "locked.txt", TEXT)

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert read_error("locked.txt") == "locked.txt: cannot read it (Permission denied); check the file's permissions"


# --- HTML --------------------------------------------------------------------------------------------


def test_load_read_articles_extracts_html_text_and_metadata(tmp_path: Path) -> None:
    [article] = read_articles(write(tmp_path, "a.html", PAGE))
    assert "SCRIPT" not in article.text and "tracker" not in article.text
    assert "Fighting broke out on Tuesday" in article.text
    assert "At least four people were killed" in article.text
    assert article.title == "Clashes near Westford"
    assert article.publisher == "The Daily Example"
    assert article.url == "https://example.org/news/1"
    assert article.published == date(2020, 3, 4)


def test_load_html_sidecar_fields_win_over_the_page(tmp_path: Path) -> None:
    path = write(tmp_path, "a.htm", PAGE)
    write(tmp_path, "a.meta.json", '{"published": "2020-03-05", "publisher": "Wire Service", "language": "en"}')
    [article] = read_articles(path)
    assert (article.published, article.publisher, article.language) == (date(2020, 3, 5), "Wire Service", "en")
    assert article.title == "Clashes near Westford"


def test_load_article_from_html_reads_fragments_and_refuses_empty_pages() -> None:
    article = article_from_html(
        "<p>Two soldiers were wounded in a roadside blast on Sunday.</p><script>x()</script>", path="api"
    )
    assert article.text == "Two soldiers were wounded in a roadside blast on Sunday."
    assert article.path == "api"
    with pytest.raises(InputError, match=r"^html: no article text found in the HTML;"):
        article_from_html(b"")
    with pytest.raises(InputError, match=r"^html: the HTML is a int, not a string or bytes; give the page$"):
        article_from_html(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^html: no article text found in the HTML;"):
        article_from_html("<html><body><style>p {}</style><script>x()</script></body></html>")


# --- JSON and JSONL ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        [{"text": "One."}, {"content": "Two."}, {"body": "Three."}],
        {"articles": [{"text": "One."}, {"content": "Two."}, {"body": "Three."}]},
    ],
)
def test_load_read_articles_reads_json_lists(tmp_path: Path, document: object) -> None:
    path = write(tmp_path, "a.json", json.dumps(document))
    articles = read_articles(path)
    assert [article.text for article in articles] == ["One.", "Two.", "Three."]
    assert {article.path for article in articles} == {str(path)}


def test_load_read_articles_reads_json_record_fields(tmp_path: Path) -> None:
    record = {
        "id": "wire-0042",
        "text": TEXT,
        "date": "2019-06-22T10:00:00",
        "publisher": "Wire Service",
        "url": "https://example.org/b",
        "title": "Post attacked",
        "language": "en",
        "extra": {"ignored": True},
    }
    [article] = read_articles(write(tmp_path, "a.json", json.dumps(record)))
    expected = Article(
        id="wire-0042",
        text=TEXT,
        published=date(2019, 6, 22),
        publisher="Wire Service",
        url="https://example.org/b",
        title="Post attacked",
        language="en",
        path=str(tmp_path / "a.json"),
    )
    assert article == expected


def test_load_read_articles_extracts_html_records(tmp_path: Path) -> None:
    [article] = read_articles(write(tmp_path, "a.jsonl", json.dumps({"html": PAGE, "publisher": "Wire"}) + "\n"))
    assert "SCRIPT" not in article.text and "Fighting broke out" in article.text
    assert (article.publisher, article.title) == ("Wire", "Clashes near Westford")


def test_load_read_articles_keeps_good_jsonl_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [
        '{"text": "One."}',
        "",
        '{"text": "Hello" "b": 1}',
        "[1, 2]",
        '{"text": "Two.", "id": 7}',
        '{"body": ""}',
        "  ",
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    errors: list[str] = []
    with caplog.at_level(logging.WARNING, logger="warwatch.pipeline.load"):
        articles = read_articles(path, errors=errors)
    assert [(article.text, article.id) for article in articles] == [("One.", content_id("One.")), ("Two.", "7")]
    assert errors == [
        f"{path} line 3: invalid JSON at column 18 (Expecting ',' delimiter); fix or remove the line",
        f"{path} line 4: a JSON array, not a record object; fix or remove the line",
        f"{path} line 6: field 'body' is empty; fix or remove the line",
    ]
    assert [record.getMessage() for record in caplog.records] == [f"skipped {error}" for error in errors]


def test_load_read_articles_keeps_good_json_records(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps([{"text": "One."}, {"title": "none"}, {"text": "Two."}]))
    errors: list[str] = []
    assert [article.text for article in read_articles(path, errors=errors)] == ["One.", "Two."]
    assert errors == [
        f"{path} record 2: record has no 'text' field (nor 'content', 'body' or 'html'); fix or remove the record"
    ]


def test_load_read_articles_raises_when_no_jsonl_line_is_good(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "one.jsonl", '\n\n{"text": "Hello" "b": 1}\n')
    write(tmp_path, "many.jsonl", "{\n[]\n3\n{}\n\n")
    assert (
        read_error("one.jsonl")
        == "one.jsonl line 3: invalid JSON at column 18 (Expecting ',' delimiter); fix or remove the line"
    )
    assert read_error("many.jsonl") == (
        "many.jsonl: none of its 4 records can be read: "
        "line 1: invalid JSON at column 2 (Expecting property name enclosed in double quotes); "
        "fix or remove the line | "
        "line 2: a JSON array, not a record object; fix or remove the line | "
        "line 3: a JSON number, not a record object; fix or remove the line (and 1 more)"
    )


# --- strings -----------------------------------------------------------------------------------------


def test_load_article_from_text_checks_and_normalises() -> None:
    article = article_from_text("\ufeffA\r\nB", published="2017-09-29", publisher="Wire")
    assert (article.text, article.published, article.publisher, article.path) == (
        "A\nB",
        date(2017, 9, 29),
        "Wire",
        None,
    )


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("  \n ", {}, "text: the text is empty or only whitespace; give the article text"),
        (b"bytes", {}, "text: the text is a bytes, not a string; give the article text"),
        ("a\x00b", {"path": "api"}, f"api: looks like binary data (NUL characters), not text; {FORMATS}"),
        (
            "Two killed.",
            {"published": "Thursday"},
            "text: field 'published' is 'Thursday', not an ISO date like 2017-09-29; give a date like 2017-09-29",
        ),
    ],
)
def test_load_article_from_text_refuses_bad_text(text: object, options: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as info:
        article_from_text(text, **options)  # type: ignore[arg-type]
    assert str(info.value) == message


# --- invariant ---------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.tuples(st.text(max_size=200), st.sampled_from(["cp1252", "utf-16", "cp1251", "latin-1"])).map(
            lambda pair: pair[0].encode(pair[1], "replace")
        ),
    )
)
def test_load_read_articles_on_arbitrary_bytes_returns_articles_or_raises_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes(data)
        try:
            articles = read_articles(path)
        except InputError as err:
            assert "\n" not in str(err)
            return
        assert [article.path for article in articles] == [str(path)]
        assert articles[0].text.strip()
