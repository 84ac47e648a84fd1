"""Tests for warwatch.evaluate: gold files and predicted events built by hand in tmp_path."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.table import Table

from warwatch.errors import InputError
from warwatch.evaluate import (
    FIGURES,
    GoldArticle,
    _assign,
    evaluate,
    load_gold,
    locate,
    normalise_name,
    render_table,
)
from warwatch.model import Actor, Event, Fatalities, FatalityClaim, Place, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TEXT = (
    "Taliban fighters attacked a police post in Kunduz on Friday, officials said.\n\n"
    "Five policemen were killed, the \u201cinterior ministry\u201d said.\n"
    "The governor met   elders to discuss a ceasefire on Saturday."
)
KUNDUZ = {"name": "Kunduz", "country": "AF", "admin1": "Kunduz", "lat": 36.728, "lon": 68.868}
KUNDUZ_PLACE = Place(name="Kunduz", country="AF", lat=36.728, lon=68.868)
KABUL_PLACE = Place(name="Kabul", country="AF", lat=34.528, lon=69.172)


def gold_event(**changes: Any) -> dict[str, Any]:
    event = {
        "id": "kunduz-clash",
        "required": True,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "dates": ["2020-05-01", "2020-05-01"],
        "actor1": ["Taliban"],
        "actor2": ["Police Forces of Afghanistan (2014-)"],
        "associated": [],
        "places": [KUNDUZ],
        "max_km": 25,
        "fatalities": [],
        "sources": [],
        "status": "reported",
        "evidence": "Taliban fighters attacked a police post in Kunduz",
    }
    return event | changes


def predicted(start: int = 0, end: int = 49, **changes: Any) -> Event:
    event = Event(
        id="p1",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date(2020, 5, 1),
        actor1=Actor(name="Taliban"),
        actor2=Actor(name="Police Forces of Afghanistan"),
        location=KUNDUZ_PLACE,
        evidence=(Span(article_id="a", start=start, end=end, text=TEXT[start:end]),),
    )
    return replace(event, **changes)


def write_gold(folder: Path, events: list[dict[str, Any]], non_events: list[dict[str, str]] = (), name: str = "a"):
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(exist_ok=True)
    (folder / "articles" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    document = {
        "article": {"file": f"../articles/{name}.txt", "published": "2020-05-02"},
        "events": events,
        "non_events": list(non_events),
    }
    (folder / "gold" / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    return folder / "gold"


def score(tmp_path: Path, events: list[dict[str, Any]], predictions: list[Event], non_events=()) -> dict[str, Any]:
    """The summary figures as {key: (n, d)}, plus the per-article details under "article"."""
    gold = load_gold(write_gold(tmp_path, events, non_events))
    result = evaluate(gold, lambda article: predictions).to_dict()
    figures = {k: (v["n"], v["d"]) for k, v in result["summary"].items() if k not in ("f1", "counts")}
    return figures | {"article": result["articles"][0], "summary": result["summary"]}


def test_evaluate_exact_match(tmp_path: Path) -> None:
    result = score(tmp_path, [gold_event()], [predicted()])
    summary = result["summary"]
    assert (summary["recall"]["value"], summary["precision"]["value"], summary["f1"]["value"]) == (1.0, 1.0, 1.0)
    for key in ("sub_event_type", "actors", "location", "country", "date", "date_exact"):
        assert result[key] == (1, 1), key
    assert result["article"]["matches"] == [{"gold": "kunduz-clash", "predicted": "p1", "required": True, "wrong": []}]
    assert summary["counts"] == {
        "articles": 1,
        "gold_required": 1,
        "gold_optional": 0,
        "predictions": 1,
        "matched_required": 1,
        "matched_optional": 0,
        "non_events": 0,
        "non_events_violated": 0,
    }


def test_evaluate_wrong_event_type_does_not_match(tmp_path: Path) -> None:
    strike = predicted(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    result = score(tmp_path, [gold_event()], [strike])
    assert (result["recall"], result["precision"]) == ((0, 1), (0, 1))
    assert result["article"]["missed_required"] == ["kunduz-clash"]
    unmatched = result["article"]["unmatched_predictions"][0]
    assert (unmatched["sub_event_type"], unmatched["place"], unmatched["date"]) == (
        "Air/drone strike",
        "Kunduz",
        "2020-05-01",
    )
    assert unmatched["evidence"] == "Taliban fighters attacked a police post in Kunduz"


def test_evaluate_wrong_sub_event_type_matches_and_is_reported(tmp_path: Path) -> None:
    result = score(tmp_path, [gold_event()], [predicted(sub_event_type="Government regains territory")])
    assert result["recall"] == (1, 1)
    assert result["sub_event_type"] == (0, 1)
    assert result["article"]["matches"][0]["wrong"] == [
        "sub_event_type 'Government regains territory', gold 'Armed clash'"
    ]


@pytest.mark.parametrize(
    ("day", "matched", "exact"),
    [
        (date(2020, 5, 1), True, True),
        (date(2020, 4, 30), True, False),
        (date(2020, 5, 2), True, False),
        (date(2020, 4, 29), False, False),
        (date(2020, 5, 3), False, False),
    ],
)
def test_evaluate_date_range_with_one_day_tolerance(tmp_path: Path, day: date, matched: bool, exact: bool) -> None:
    result = score(tmp_path, [gold_event()], [predicted(date=day)])
    assert result["recall"] == (int(matched), 1)
    assert result["date_exact"] == ((int(exact), 1) if matched else (0, 0))


def test_evaluate_date_inside_a_gold_range_is_exact(tmp_path: Path) -> None:
    result = score(tmp_path, [gold_event(dates=["2020-04-20", "2020-05-01"])], [predicted(date=date(2020, 4, 25))])
    assert (result["date"], result["date_exact"]) == ((1, 1), (1, 1))


def test_evaluate_location_too_far_does_not_match(tmp_path: Path) -> None:
    result = score(tmp_path, [gold_event()], [predicted(location=KABUL_PLACE)])
    assert (result["recall"], result["precision"]) == ((0, 1), (0, 1))
    assert result["place_agnostic_recall"] == (1, 1)
    assert result["article"]["matched_ignoring_place"] == {"kunduz-clash": "p1"}


def test_evaluate_location_within_max_km_of_any_gold_place(tmp_path: Path) -> None:
    kabul = {"name": "Kabul", "country": "AF", "admin1": "Kabul", "lat": 34.528, "lon": 69.172}
    result = score(tmp_path, [gold_event(places=[KUNDUZ, kabul])], [predicted(location=KABUL_PLACE)])
    assert (result["recall"], result["location"]) == ((1, 1), (1, 1))


@pytest.mark.parametrize(
    ("places", "location", "matched"),
    [
        ([], None, True),
        ([], KUNDUZ_PLACE, False),
        ([KUNDUZ], None, False),
    ],
)
def test_evaluate_missing_location_matches_only_missing_location(
    tmp_path: Path, places: list[dict[str, Any]], location: Place | None, matched: bool
) -> None:
    result = score(tmp_path, [gold_event(places=places, max_km=0)], [predicted(location=location)])
    assert result["recall"] == (int(matched), 1)
    assert result["location"] == (0, 0)  # skipped: gold without places, or no match


def test_evaluate_one_gold_event_matches_one_prediction(tmp_path: Path) -> None:
    result = score(tmp_path, [gold_event()], [predicted(), predicted(id="p2")])
    assert (result["recall"], result["precision"]) == ((1, 1), (1, 2))
    assert result["summary"]["precision"]["value"] == 0.5
    assert [p["id"] for p in result["article"]["unmatched_predictions"]] == ["p2"]


def test_evaluate_optional_counts_for_precision_not_recall(tmp_path: Path) -> None:
    hill_taken = {"id": "hill-taken", "required": False, "sub_event_type": "Non-state actor overtakes territory"}
    optional = gold_event(dates=["2020-04-20", "2020-04-20"], **hill_taken)
    hill = predicted(id="p2", sub_event_type="Non-state actor overtakes territory", date=date(2020, 4, 20))
    both = score(tmp_path / "both", [gold_event(), optional], [predicted(), hill])
    assert (both["recall"], both["precision"]) == ((1, 1), (2, 2))
    assert both["summary"]["counts"]["matched_optional"] == 1
    only_optional = score(tmp_path / "optional", [gold_event(), optional], [hill])
    assert (only_optional["recall"], only_optional["precision"]) == ((0, 1), (1, 1))


def test_evaluate_prefers_required_gold_events(tmp_path: Path) -> None:
    optional = gold_event(id="optional-clash", required=False)
    result = score(tmp_path, [optional, gold_event()], [predicted()])
    assert result["recall"] == (1, 1)
    assert result["article"]["matches"][0]["gold"] == "kunduz-clash"


def test_evaluate_prefers_same_sub_event_type(tmp_path: Path) -> None:
    regains = gold_event(id="regains", sub_event_type="Government regains territory")
    predictions = [predicted(id="p1", sub_event_type="Government regains territory"), predicted(id="p2")]
    result = score(tmp_path, [gold_event(), regains], predictions)
    assert result["sub_event_type"] == (2, 2)
    assert {m["gold"]: m["predicted"] for m in result["article"]["matches"]} == {"kunduz-clash": "p2", "regains": "p1"}


@pytest.mark.parametrize(
    ("actor1", "actor2", "assoc", "right"),
    [
        ("Taliban", "Police Forces of Afghanistan", (), True),
        ("police forces of afghanistan (2014-)", "TALIBAN", (), True),
        ("Taliban", None, ("Police Forces of Afghanistan (2021-)",), True),
        ("Taliban", "Military Forces of Afghanistan", (), False),
        ("Taliban", None, (), False),
    ],
)
def test_evaluate_actor_names_compared_without_parentheses(
    tmp_path: Path, actor1: str, actor2: str | None, assoc: tuple[str, ...], right: bool
) -> None:
    event = predicted(actor1=Actor(name=actor1), actor2=Actor(name=actor2) if actor2 else None, assoc_actor_2=assoc)
    assert score(tmp_path, [gold_event()], [event])["actors"] == (int(right), 1)


def test_evaluate_actors_skipped_when_gold_names_none(tmp_path: Path) -> None:
    assert score(tmp_path, [gold_event(actor1=[], actor2=[])], [predicted()])["actors"] == (0, 0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Police Forces of Afghanistan (2014-)", "police forces of afghanistan"),
        ("Military Forces of Yemen (2017-) Houthi", "military forces of yemen houthi"),
        (None, None),
    ],
)
def test_evaluate_normalise_name(name: str | None, expected: str | None) -> None:
    assert normalise_name(name) == expected


def test_evaluate_claims_with_source_and_value(tmp_path: Path) -> None:
    claims = [
        {"source": "Ministry of Interior of Afghanistan", "value": 5, "qualifier": "exact"},
        {"source": "Taliban", "value": 20, "qualifier": "more than"},
        {"source": None, "value": 3, "qualifier": "at least"},
    ]
    found = (
        FatalityClaim(value=5, source="ministry of interior of afghanistan (2004-2021)"),
        FatalityClaim(value=20, source=None),
        FatalityClaim(value=3, source=None),
    )
    result = score(tmp_path, [gold_event(fatalities=claims)], [predicted(fatalities=Fatalities(claims=found))])
    assert (result["claims"], result["claims_value"]) == ((2, 3), (3, 3))


@pytest.mark.parametrize(
    ("gold_sources", "sources", "expected"),
    [
        (
            ["Taliban", "Ministry of Interior of Afghanistan"],
            ("Ministry of Interior of Afghanistan", "Taliban"),
            (1, 1),
        ),
        (["Taliban", "Ministry of Interior of Afghanistan"], ("Taliban",), (0, 1)),
        ([], ("Taliban",), (0, 0)),
    ],
)
def test_evaluate_sources_all_found(
    tmp_path: Path, gold_sources: list[str], sources: tuple[str, ...], expected: tuple[int, int]
) -> None:
    assert score(tmp_path, [gold_event(sources=gold_sources)], [predicted(sources=sources)])["sources"] == expected


@pytest.mark.parametrize(
    ("gold_best", "best", "right"), [(4, 4, True), (4, None, False), (0, None, True), (4, 5, False)]
)
def test_evaluate_fatalities_best(tmp_path: Path, gold_best: int, best: int | None, right: bool) -> None:
    event = predicted(fatalities=Fatalities(best=best))
    assert score(tmp_path, [gold_event(fatalities_best=gold_best)], [event])["fatalities_best"] == (int(right), 1)


TORKHAM = {"name": "Torkham", "country": "AF", "admin1": "Nangarhar", "lat": 34.108, "lon": 71.091}
LANDI_KOTAL = Place(name="Landi Kotal", country="PK", lat=34.098, lon=71.141)


@pytest.mark.parametrize(
    ("gold_country", "location", "right"),
    [
        ("AF", replace(LANDI_KOTAL, country="AF"), True),
        ("AFG", replace(LANDI_KOTAL, country="AF"), True),
        ("AFG", replace(LANDI_KOTAL, country="AFG"), True),
        ("AFG", LANDI_KOTAL, False),
        ("AF", LANDI_KOTAL, False),
    ],
)
def test_evaluate_country_iso2_equals_iso3(tmp_path: Path, gold_country: str, location: Place, right: bool) -> None:
    gold = gold_event(places=[TORKHAM | {"country": gold_country}], max_km=30)
    result = score(tmp_path, [gold], [predicted(location=location)])
    assert result["recall"] == (1, 1)
    assert (result["country"], result["place_agnostic_country"]) == ((int(right), 1), (int(right), 1))


def test_evaluate_place_agnostic_recall(tmp_path: Path) -> None:
    other = gold_event(id="second", dates=["2020-05-09", "2020-05-09"])
    predictions = [
        predicted(id="p1", location=KABUL_PLACE, sub_event_type="Government regains territory"),
        predicted(id="p2", location=None, date=date(2020, 5, 10)),
    ]
    result = score(tmp_path, [gold_event(), other], predictions)
    assert result["recall"] == (0, 2)
    assert result["place_agnostic_recall"] == (2, 2)
    assert result["place_agnostic_sub_event_type"] == (1, 2)
    assert result["place_agnostic_country"] == (1, 2)


AGREEMENT = {"event_type": "Strategic developments", "sub_event_type": "Agreement", "location": None}
MEETING = TEXT.index("The governor")


@pytest.mark.parametrize(
    ("non_event", "evidence", "violated"),
    [
        ("The governor met elders to discuss a ceasefire", (MEETING, len(TEXT)), 1),
        ("the governor  met\nelders", (MEETING + 4, MEETING + 12), 1),
        ('Five policemen were killed, the "interior ministry" said', (MEETING, len(TEXT)), 0),
        ('Five policemen were killed, the "interior ministry" said', (TEXT.index("Five"), TEXT.index(" the ")), 1),
    ],
)
def test_evaluate_non_event_overlap(tmp_path: Path, non_event: str, evidence: tuple[int, int], violated: int) -> None:
    meeting = predicted(*evidence, id="meeting", **AGREEMENT)
    result = score(tmp_path, [gold_event()], [meeting], [{"evidence": non_event, "why": "a meeting"}])
    assert result["non_events_violated"] == (violated, 1)
    assert len(result["article"]["non_event_violations"]) == violated


def test_evaluate_non_event_uses_span_text_when_offsets_disagree(tmp_path: Path) -> None:
    span = Span(article_id="a", start=0, end=10, text="met   elders")
    meeting = predicted(id="meeting", evidence=(span,), **AGREEMENT)
    result = score(tmp_path, [], [meeting], [{"evidence": "The governor met elders", "why": "a meeting"}])
    assert result["non_events_violated"] == (1, 1)


def test_evaluate_matched_prediction_is_no_non_event_violation(tmp_path: Path) -> None:
    non_event = {"evidence": "attacked a police post", "why": "part of the clash"}
    assert score(tmp_path, [gold_event()], [predicted()], [non_event])["non_events_violated"] == (0, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "a.json: line 1 column 2: not valid JSON (Expecting property name enclosed in double quotes); fix it"),
        (
            json.dumps({"article": {"file": "x.txt"}, "events": [{"id": "e"}]}),
            "a.json: field events.0.required: Field required; see shared/gold/GUIDELINE.md for the format",
        ),
        (
            json.dumps({"article": {"file": "x.txt"}, "events": [gold_event(sub_event_type="Skirmish")]}),
            "a.json: events.0 ('kunduz-clash'): unknown sub_event_type 'Skirmish'; use a name from taxonomy/ACLED.md",
        ),
        (
            json.dumps({"article": {"file": "x.txt"}, "events": [gold_event(event_type="Riots")]}),
            "a.json: events.0 ('kunduz-clash'): sub_event_type 'Armed clash' belongs to 'Battles', "
            "not event_type 'Riots'",
        ),
        (
            json.dumps({"article": {"file": "x.txt"}, "events": [gold_event(dates=["2020-05-02", "2020-05-01"])]}),
            "a.json: events.0 ('kunduz-clash'): dates 2020-05-02..2020-05-01 are reversed; write [first, last]",
        ),
    ],
)
def test_evaluate_malformed_gold_file_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "a.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gold(tmp_path)
    assert str(info.value) == f"{tmp_path}/{message}"


def test_evaluate_load_gold_empty_folder_error(tmp_path: Path) -> None:
    (tmp_path / "GUIDELINE.md").write_text("# not gold", encoding="utf-8")
    with pytest.raises(InputError, match=r"no \*\.json gold files found"):
        load_gold(tmp_path)


def test_evaluate_load_gold_resolves_article_file(tmp_path: Path) -> None:
    write_gold(tmp_path, [gold_event()], name="b")
    write_gold(tmp_path, [gold_event(fatalities_best=4)], name="a")
    (tmp_path / "gold" / "GUIDELINE.md").write_text("# how to annotate", encoding="utf-8")
    gold = load_gold(tmp_path / "gold")
    assert [g.gold_file.name for g in gold] == ["a.json", "b.json"]
    assert gold[0].file == (tmp_path / "articles" / "a.txt").resolve()
    assert gold[0].published == date(2020, 5, 2)
    assert gold[0].events[0].dates == (date(2020, 5, 1), date(2020, 5, 1))
    assert gold[0].events[0].fatalities_best == 4


def test_evaluate_load_gold_seed() -> None:
    gold = load_gold(SHARED / "gold")
    assert len(gold) == 1
    seed: GoldArticle = gold[0]
    assert sum(event.required for event in seed.events) == 2
    assert seed.published == date(2017, 9, 29)
    assert seed.file.is_file()


def test_evaluate_to_dict_and_table(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, [gold_event()]))
    scores = evaluate(gold, lambda article: [predicted(), predicted(id="p2"), predicted(id="p3")])
    data = json.loads(json.dumps(scores.to_dict()))
    assert data["summary"]["precision"] == {"value": 0.3333, "n": 1, "d": 3}
    assert data["summary"]["f1"] == {"value": 0.5, "n": None, "d": None}
    assert data["articles"][0]["figures"]["precision"] == [1, 3]
    table = render_table(scores)
    assert isinstance(table, Table)
    assert table.row_count == len(FIGURES)
    assert [column.header for column in table.columns] == ["Figure", "Value", "n/d"]


def test_evaluate_no_gold_no_predictions() -> None:
    scores = evaluate([], lambda article: [])
    summary = scores.to_dict()["summary"]
    assert summary["recall"] == {"value": None, "n": 0, "d": 0}
    assert summary["f1"]["value"] is None


@given(
    st.integers(1, 5).flatmap(
        lambda n: st.lists(st.lists(st.integers(-20, 0), min_size=n, max_size=n), min_size=n, max_size=n)
    )
)
def test_evaluate_assignment_is_optimal(cost: list[list[int]]) -> None:
    assignment = _assign(cost)
    assert sorted(assignment) == list(range(len(cost)))
    best = min(sum(cost[i][j] for i, j in enumerate(p)) for p in itertools.permutations(range(len(cost))))
    assert sum(cost[i][j] for i, j in enumerate(assignment)) == best


@given(st.text(alphabet="ab \n\t'\u2019\"\u201cC.", min_size=1, max_size=40), st.data())
def test_evaluate_locate_finds_every_slice(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    found = locate(text, text[start:end])
    assert found is not None
    assert locate(text[found[0] : found[1]], text[start:end]) == (0, found[1] - found[0])
