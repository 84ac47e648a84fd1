"""Tests of warwatch.watch.feeds: RSS, Atom and RSS 1.0 items; GUID fallbacks; bounds; OPML."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warwatch.errors import InputError
from warwatch.watch.feeds import looks_like_opml, parse_feed, read_opml

FEED = "https://wire.test/feeds/world.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><guid>urn:1</guid><link>/news/1?utm_medium=rss</link><title> Clash reported </title>
  <pubDate>Fri, 01 Mar 2024 10:15:00 +0200</pubDate></item>
<item><link>https://wire.test/news/2</link><title>No guid</title></item>
<item><title>No guid, no link</title><description>Only words.</description></item>
<item><guid>urn:4</guid><link>javascript:alert(1)</link></item>
<item></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:feed</id>
<updated>2024-03-01T10:00:00Z</updated>
<entry><id>tag:wire.test,2024:1</id><title>One</title><link href="https://wire.test/a/1"/>
  <published>2024-03-01T09:00:00Z</published><updated>2024-03-01T09:30:00Z</updated></entry>
<entry><id>tag:wire.test,2024:2</id><title>Two</title><link rel="alternate" href="/a/2"/>
  <updated>2024-03-01T11:00:00+01:00</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://wire.test/"><title>RDF wire</title></channel>
<item rdf:about="https://wire.test/r/1"><title>R1</title><link>https://wire.test/r/1</link></item>
</rdf:RDF>"""


def test_feeds_rss_items() -> None:
    feed = parse_feed(RSS, url=FEED)
    assert feed.title == "Wire" and feed.total_items == 5
    first, second, third, fourth = feed.items
    assert (first.guid, first.url, first.title) == ("urn:1", "https://wire.test/news/1", "Clash reported")
    assert first.published_at == datetime(2024, 3, 1, 8, 15, tzinfo=UTC)
    assert (second.guid, second.url, second.published_at) == ("https://wire.test/news/2",) * 2 + (None,)
    assert third.guid.startswith("sha256:") and third.url is None
    assert (fourth.guid, fourth.url) == ("urn:4", None)  # only http(s) links are fetched


def test_feeds_atom_items() -> None:
    feed = parse_feed(ATOM, url="https://wire.test/atom.xml")
    assert [(item.guid, item.url) for item in feed.items] == [
        ("tag:wire.test,2024:1", "https://wire.test/a/1"),
        ("tag:wire.test,2024:2", "https://wire.test/a/2"),
    ]
    assert [item.published_at for item in feed.items] == [
        datetime(2024, 3, 1, 9, 0, tzinfo=UTC),  # published wins over updated
        datetime(2024, 3, 1, 10, 0, tzinfo=UTC),
    ]


def test_feeds_rss_1_items_in_a_namespace() -> None:
    assert [item.url for item in parse_feed(RDF, url=FEED).items] == ["https://wire.test/r/1"]


def test_feeds_cut_to_max_items(caplog: pytest.LogCaptureFixture) -> None:
    entries = "".join(f"<item><guid>g{n}</guid></item>" for n in range(50))
    feed = parse_feed(f"<rss><channel>{entries}</channel></rss>".encode(), url=FEED, max_items=10)
    assert [item.guid for item in feed.items] == [f"g{n}" for n in range(10)] and feed.total_items == 50
    assert "the feed lists 50 items; reading only the first 10" in caplog.text


def test_feeds_long_guid_is_hashed() -> None:
    feed = parse_feed(f"<rss><channel><item><guid>{'x' * 2000}</guid></item></channel></rss>".encode(), url=FEED)
    assert feed.items[0].guid.startswith("sha256:") and len(feed.items[0].guid) == 71


def test_feeds_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><guid>g</guid><title>&x;</title></item></channel></rss>"
    ).encode()
    feed = parse_feed(body, url=FEED)
    assert all("SECRET" not in (item.title or "") for item in feed.items)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the feed is empty; check the feed URL"),
        (b"  \n", "the feed is empty; check the feed URL"),
        (b"<html><body>Hi</body></html>", "not an RSS or Atom feed (its root element is <html>); give the feed's URL"),
        (b"<rss><channel><title>x</tit></channel></rss>", "malformed feed XML at line 1, column"),
        (b"\x00\x01\x02", "not XML (malformed at line 1"),
    ],
)
def test_feeds_refused(body: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_feed(body, url=FEED)
    assert str(caught.value).startswith(f"{FEED}: {message}")


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: f"<rss><channel>{t}".encode())))
def test_feeds_arbitrary_bytes_raise_only_input_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, url=FEED)
    except InputError:
        return
    assert all(item.guid for item in feed.items)


def test_feeds_opml(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="World"><outline type="rss" xmlUrl="https://a.test/rss"/>'
        '<outline type="rss" xmlUrl=" https://b.test/atom "/></outline>'
        '<outline text="no feed"/><outline xmlUrl="https://a.test/rss"/></body></opml>'
    )
    assert looks_like_opml(opml)
    assert read_opml(opml) == ["https://a.test/rss", "https://b.test/atom"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<opml><body><outline text='x'/></body></opml>", "no <outline xmlUrl=...> feed in the OPML file"),
        ("<opml><body><outline", "malformed OPML at line 1, column 12 (unclosed token); fix the file"),
    ],
)
def test_feeds_bad_opml(tmp_path: Path, text: str, message: str) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(text)
    with pytest.raises(InputError) as caught:
        read_opml(opml)
    assert str(caught.value).startswith(f"{opml}: {message}")
