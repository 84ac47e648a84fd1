"""Tests of warwatch.compare: pairs and figures as warwatch evaluate makes them, linked notes, large groups, CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warwatch import compare as comparing
from warwatch import evaluate as scoring
from warwatch.cli import app
from warwatch.compare import PAIR_COLUMNS, compare, write_pairs
from warwatch.errors import ConfigError
from warwatch.export import export_events
from warwatch.export.acled import ACLED_COLUMNS
from warwatch.model import Actor, Article, Event, Fatalities, FatalityClaim, Place, Span
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles
from warwatch.reference import load_reference
from warwatch.store import SqlStore, open_store
from warwatch.taxonomy import SUB_EVENT_TYPES

KONDUGA = (11.65, 13.42)
MAIDUGURI = (11.85, 13.16)  # about 36 km from Konduga
KANO = (12.0, 8.52)  # far from both


def article(text: str) -> Article:
    return Article(text=text, published=date(2020, 5, 10))


def event(
    source: Article, event_id: str, sub_type: str, day: date, where: tuple[float, float] | None, **fields: Any
) -> Event:
    place = Place(name="Somewhere", country="NG", lat=where[0], lon=where[1]) if where else None
    return Event(
        id=event_id,
        event_type=SUB_EVENT_TYPES[sub_type],
        sub_event_type=sub_type,
        date=day,
        location=place,
        evidence=(Span.of(source, 0, len(source.text)),),
        articles=(source.id,),
        **fields,
    )


def acled_row(event_id: str, sub_type: str, day: str, where: tuple[float, float], **fields: Any) -> dict[str, str]:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row |= {
        "event_id_cnty": event_id,
        "event_date": day,
        "time_precision": "1",
        "event_type": SUB_EVENT_TYPES[sub_type],
        "sub_event_type": sub_type,
        "iso3": "NGA",
        "latitude": str(where[0]),
        "longitude": str(where[1]),
        "geo_precision": "1",
        "fatalities": "0",
    }
    return row | fields


def write_acled(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(str(tmp_path / "compare.db")) as opened:
        yield opened


@pytest.fixture
def loaded(store: SqlStore, tmp_path: Path) -> SqlStore:
    """Two articles' events and an ACLED file that shares some of them."""
    first = article("Soldiers clashed with rebels near Konduga on Saturday; four people were killed.")
    second = article("Protesters marched in Kano on Friday against fuel prices.")
    claim = FatalityClaim(value=4, span=Span.of(first, 58, 62))
    store.add_article(first, [
        event(first, "clash", "Armed clash", date(2020, 5, 9), KONDUGA, fatalities=Fatalities.from_claims((claim,)),
              actor1=Actor(name="Military Forces of Nigeria (2015-)", inter=1), actor2=Actor(name="Rebels", inter=2)),
        event(first, "shelling", "Shelling/artillery/missile attack", date(2020, 5, 9), KONDUGA),
    ])  # fmt: skip
    store.add_article(second, [event(second, "march", "Peaceful protest", date(2020, 5, 8), KANO)])
    rows = [
        acled_row(
            "NGA1",
            "Armed clash",
            "2020-05-10",
            MAIDUGURI,
            fatalities="3",
            geo_precision="2",
            actor1="Military Forces of Nigeria (2015-)",
            actor2="Rebels",
        ),
        acled_row("NGA2", "Peaceful protest", "2020-05-08", KANO),
        acled_row("NGA3", "Abduction/forced disappearance", "2020-05-09", KONDUGA),
    ]
    load_reference(store, write_acled(tmp_path / "acled.csv", rows), kind="acled")
    return store


def test_compare_pairs_what_each_has(loaded: SqlStore) -> None:
    result = compare(loaded, "acled")
    pairs = {(p.reference.source_id if p.reference else None, p.event.id if p.event else None) for p in result.pairs}
    assert pairs == {("NGA1", "clash"), ("NGA2", "march"), ("NGA3", None), (None, "shelling")}
    summary = result.to_dict()["summary"]
    assert (summary["recall"]["n"], summary["recall"]["d"]) == (2, 3)
    assert (summary["precision"]["n"], summary["precision"]["d"]) == (2, 3)
    assert (summary["fatalities_best"]["n"], summary["fatalities_best"]["d"]) == (1, 2)  # 4 against ACLED's 3
    assert summary["actors"]["value"] == 1.0
    assert result.counts_by_type()["Battles"] == {
        "reference": 1, "extracted": 1, "matched": 1, "reference only": 0, "extracted only": 0
    }  # fmt: skip


def test_compare_pairs_csv_says_what_disagrees(loaded: SqlStore) -> None:
    out = io.StringIO()
    assert write_pairs(compare(loaded, "acled").pairs, out) == 4
    rows = {row["reference_id"] or row["event_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert list(rows["NGA1"]) == list(PAIR_COLUMNS)
    assert rows["NGA1"]["status"] == "matched"
    assert (
        rows["NGA1"]["disagreements"] == "date 2020-05-09 not inside 2020-05-10..2020-05-10; fatalities best 4, gold 3"
    )
    assert float(rows["NGA1"]["distance_km"]) == pytest.approx(35.7, abs=1)
    assert rows["NGA3"]["status"] == "reference only"
    assert rows["shelling"]["status"] == "extracted only"


@pytest.mark.parametrize(
    ("filters", "matched"),
    [
        ({"event_type": "Protests"}, {("NGA2", "march")}),
        ({"since": date(2020, 5, 10)}, {("NGA1", None)}),  # the clash on the 9th is filtered out on one side
        ({"country": "ua"}, set()),
    ],
)
def test_compare_filters_both_sides(loaded: SqlStore, filters: dict, matched: set) -> None:
    pairs = compare(loaded, "acled", **filters).pairs
    assert {(p.reference.source_id if p.reference else None, p.event.id if p.event else None) for p in pairs} == matched


def test_compare_unknown_reference_lists_the_loaded_ones(loaded: SqlStore) -> None:
    with pytest.raises(ConfigError, match=r"no reference dataset 'ucdp' in .*; loaded: acled \(load one with"):
        compare(loaded, "ucdp")


def test_compare_linked_note_matches_only_its_own_article(store: SqlStore, tmp_path: Path) -> None:
    """A row whose notes were ingested as an article is compared with that article's events, as evaluate does."""
    note = article("On 9 May 2020, soldiers clashed with rebels near Konduga.")
    other = article("Fighting was reported near Konduga on Saturday.")
    store.add_article(note, [event(note, "from-note", "Armed clash", date(2020, 5, 20), KONDUGA)])  # wrong date
    store.add_article(other, [event(other, "from-other", "Armed clash", date(2020, 5, 9), KONDUGA)])
    path = write_acled(tmp_path / "a.csv", [acled_row("NGA9", "Armed clash", "2020-05-09", KONDUGA, notes=note.text)])
    load_reference(store, path, kind="acled")
    result = compare(store, "acled")
    pairs = {(p.reference.source_id if p.reference else None, p.event.id if p.event else None) for p in result.pairs}
    assert pairs == {("NGA9", None), (None, "from-note"), (None, "from-other")}
    assert {p.article_id for p in result.pairs if p.reference} == {note.id}


def test_compare_large_groups_are_matched_one_to_one(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comparing, "EXACT_LIMIT", 2)
    source = article("Several clashes were reported near Konduga.")
    events = [event(source, f"e{i}", "Armed clash", date(2020, 5, 9), KONDUGA) for i in range(4)]
    events.append(event(source, "protest", "Peaceful protest", date(2020, 5, 9), KONDUGA))
    store.add_article(source, events)
    rows = [acled_row(f"NGA{i}", "Armed clash", "2020-05-09", KONDUGA) for i in range(3)]
    load_reference(store, write_acled(tmp_path / "a.csv", rows), kind="acled")
    result = compare(store, "acled")
    matched = [(p.reference.source_id, p.event.id) for p in result.pairs if p.status == "matched"]
    assert len(matched) == 3 and len({e for _, e in matched}) == 3
    assert result.to_dict()["summary"]["precision"]["d"] == 5


def test_compare_own_export_as_reference_agrees_fully(loaded: SqlStore, tmp_path: Path) -> None:
    """Export → load as reference → compare: every event pairs with itself, every figure is 1."""
    path = tmp_path / "own.csv"
    with path.open("wb") as handle:
        export_events(loaded.iter_events(), "csv", handle)
    assert load_reference(loaded, path, kind="acled", name="own").bad_rows == ()
    summary = compare(loaded, "own").to_dict()["summary"]
    for key in ("recall", "precision", "sub_event_type", "actors", "location", "country", "date", "fatalities_best"):
        assert summary[key]["value"] == 1.0, key


def test_compare_equals_evaluate_on_the_acled_notes(shared_dir: Path, tmp_path: Path) -> None:
    """The acceptance check of issue 8: the notes ingested, rows.csv as reference, the same figures as evaluate.

    The notes are read from ../shared at test time; each is read once, and what the pipeline found is
    both scored by evaluate and stored, so the two see the same events (both put each article's
    events in ``evaluate.reading_order`` before matching).
    """
    notes = shared_dir / "dev" / "acled-notes"
    pipeline = Pipeline()
    with open_store(str(tmp_path / "notes.db")) as store:

        def predict(gold: scoring.GoldArticle) -> list[Event]:
            found: list[Event] = []
            for item in read_articles(gold.file, published=gold.published):
                events = pipeline(item)
                assert store.add_article(item, events)
                found.extend(events)
            return found

        expected = scoring.evaluate(scoring.load_gold(notes / "gold"), predict)
        assert load_reference(store, notes / "rows.csv", kind="acled", name="notes").loaded == 402
        result = compare(store, "notes")
    assert result.to_dict()["summary"] == expected.to_dict()["summary"]
    assert all(pair.article_id for pair in result.pairs)  # every row found its note


def test_compare_cli_prints_figures_and_writes_pairs_and_json(loaded: SqlStore, tmp_path: Path) -> None:
    db = loaded.url.removeprefix("sqlite:///")
    pairs, figures = tmp_path / "out" / "pairs.csv", tmp_path / "out" / "figures.json"
    result = CliRunner().invoke(
        app, ["compare", "--reference", "acled", "--db", db, "--pairs", str(pairs), "--json", str(figures)]
    )
    assert result.exit_code == 0, result.output
    assert "Event recall (required)" in result.stdout and "What each has that the other lacks" in result.stdout
    assert "4 pair(s) written to" in result.stderr
    assert pairs.read_text().splitlines()[0] == ",".join(PAIR_COLUMNS)
    document = json.loads(figures.read_text())
    assert document["reference"] == "acled"
    assert set(document["summary"]) == set(scoring.FIGURES) | {"counts"}


def test_compare_cli_unknown_reference_is_one_error_line(loaded: SqlStore) -> None:
    result = CliRunner().invoke(app, ["compare", "--reference", "nope", "--db", loaded.url.removeprefix("sqlite:///")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no reference dataset 'nope' in sqlite:///")
    assert len(result.stderr.strip().splitlines()) == 1
