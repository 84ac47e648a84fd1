"""Tests of warwatch.pipeline.merge: the rule, grouping and folding, on reports built by hand."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warwatch.model import (
    Actor,
    Article,
    Certainty,
    Event,
    Fatalities,
    FatalityClaim,
    Place,
    Qualifier,
    Span,
    events_document,
)
from warwatch.pipeline.merge import (
    DEFAULT_RULES,
    MergeRules,
    cluster_reports,
    grid_cell,
    km,
    match_score,
    merge_events,
    merged_id,
    same_event,
    search_cells,
    search_window,
)

DAY = date(2019, 3, 11)
MOGADISHU = Place(name="Mogadishu", country="SO", lat=2.04, lon=45.34, geo_precision=1, admin1="Banaadir")
MARKA = Place(name="Marka", country="SO", lat=1.72, lon=44.77, geo_precision=1, admin1="Lower Shabeelle")
BANAADIR = Place(name="Banaadir", country="SO", lat=2.04, lon=45.34, geo_precision=3, admin1="Banaadir")
SHABAAB = Actor(name="Al Shabaab", inter=2)
POLICE = Actor(name="Police Forces of Somalia", inter=1)


LAST_WEEK = (DAY - timedelta(days=6), DAY - timedelta(days=2))


def never_party(name: str) -> bool:
    return False


def report(name: str, **fields: Any) -> Event:
    """A report of article ``name``: a car bomb in Mogadishu on DAY unless ``fields`` say otherwise."""
    article = Article(text=f"{name}: a car bomb exploded near a checkpoint in the capital.")
    values: dict[str, Any] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "date": DAY,
        "date_range": (DAY, DAY),
        "location": MOGADISHU,
        "actor1": SHABAAB,
        "actor2": POLICE,
        "evidence": (Span.of(article, 0, len(article.text)),),
        "articles": (article.id,),
    }
    values |= fields
    if "claims" in values:
        values["fatalities"] = Fatalities.from_claims(values.pop("claims"))
    return Event(id=name, **values)


def claim(name: str, value: int, source: str | None, certainty: Certainty = Certainty.REPORTED) -> FatalityClaim:
    article_id = Article(text=f"{name}: a car bomb exploded near a checkpoint in the capital.").id
    span = Span(article_id=article_id, start=len(name) + 2, end=len(name) + 7, text="a car")
    return FatalityClaim(value=value, qualifier=Qualifier.AT_LEAST, source=source, certainty=certainty, span=span)


# --- the rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, "another event type"),
        ({"date": DAY + timedelta(days=1), "date_range": None}, "two exact days"),
        ({"date": DAY + timedelta(days=7), "date_range": None}, "same town a week later"),
        ({"location": MARKA}, "same day, 72 km away"),
        ({"location": dataclasses.replace(MOGADISHU, country="KE")}, "another country"),
        ({"location": dataclasses.replace(BANAADIR, admin1="Lower Shabeelle")}, "a province that does not hold it"),
        ({"location": None, "actor1": Actor(name="Unidentified Armed Group (Somalia)"), "actor2": None}, "unplaced"),
        ({"date_range": (DAY - timedelta(days=90), DAY), "time_precision": 3}, "a range too long"),
    ],
)
def test_merge_gates_keep_reports_apart(changes: dict[str, Any], why: str) -> None:
    one, other = report("a"), report("b", **changes)
    assert match_score(one, other) is None, why
    assert match_score(other, one) is None
    assert not same_event(one, other)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({}, "identical"),
        ({"location": dataclasses.replace(MOGADISHU, lat=2.1, lon=45.3, name="Hodan")}, "a district 8 km away"),
        ({"location": BANAADIR}, "the province that holds it"),
        ({"location": None}, "unplaced, same sides"),
        ({"date": DAY + timedelta(days=1), "date_range": (DAY, DAY + timedelta(days=1))}, "no date of its own"),
        ({"date": DAY - timedelta(days=3), "date_range": LAST_WEEK, "time_precision": 2}, "last week"),
        ({"actor1": Actor(name="Unidentified Armed Group (Somalia)")}, "an unnamed attacker"),
    ],
)
def test_merge_same_event_despite_differences(changes: dict[str, Any], why: str) -> None:
    one, other = report("a"), report("b", **changes)
    assert same_event(one, other), why
    assert match_score(one, other) == match_score(other, one)


def test_merge_sub_event_type_costs_but_can_merge() -> None:
    one = report("a", claims=(claim("a", 7, "Police Forces of Somalia"),))
    other = report("b", sub_event_type="Suicide bomb", claims=(claim("b", 7, None),))
    same_type = report("c", claims=(claim("c", 7, None),))
    assert match_score(one, other) < match_score(one, same_type)  # type: ignore[operator]
    assert same_event(one, other)


def test_merge_rules_are_configurable() -> None:
    later = report("b", date=DAY + timedelta(days=1), date_range=None)
    assert not same_event(report("a"), later)
    assert same_event(report("a"), later, rules=MergeRules(exact_day_gap=1))
    assert not same_event(report("a"), report("b"), rules=MergeRules(threshold=1.0, weight_corroboration=0.0))
    with pytest.raises(ValueError, match="threshold"):
        MergeRules(threshold=2)


# --- where a store looks ------------------------------------------------------------------------


_places = st.builds(
    Place,
    name=st.just("x"),
    country=st.just("SO"),
    lat=st.floats(-89.9, 89.9),
    lon=st.floats(-180, 180),
    geo_precision=st.sampled_from([1, 2]),
)


@settings(max_examples=300)
@given(place=_places, bearing=st.floats(0, 360), fraction=st.floats(0, 1))
def test_merge_search_cells_hold_every_match(place: Place, bearing: float, fraction: float) -> None:
    """A point within reach of ``place`` always lies in one of its search cells."""
    reach = DEFAULT_RULES.radius_km[place.geo_precision] + max(DEFAULT_RULES.radius_km.values())
    distance = reach * fraction / 6371.0
    lat1, lon1, theta = math.radians(place.lat), math.radians(place.lon), math.radians(bearing)
    lat2 = math.asin(math.sin(lat1) * math.cos(distance) + math.cos(lat1) * math.sin(distance) * math.cos(theta))
    lon2 = lon1 + math.atan2(math.sin(theta) * math.sin(distance) * math.cos(lat1),
                             math.cos(distance) - math.sin(lat1) * math.sin(lat2))  # fmt: skip
    other = dataclasses.replace(place, lat=math.degrees(lat2), lon=(math.degrees(lon2) + 540) % 360 - 180)
    assert km(place, other) <= reach + 1e-6
    assert grid_cell(other) in search_cells(place)


@given(
    start=st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    length=st.integers(0, 70),
    offset=st.integers(-90, 90),
    other_length=st.integers(0, 70),
    precision=st.sampled_from([1, 2, 3]),
)
def test_merge_search_window_holds_every_match(
    start: date, length: int, offset: int, other_length: int, precision: int
) -> None:
    one = report("a", date=start, date_range=(start, start + timedelta(days=length)), time_precision=precision)
    other_start = start + timedelta(days=offset)
    other = report("b", date=other_start, date_range=(other_start, other_start + timedelta(days=other_length)),
                   time_precision=precision)  # fmt: skip
    if match_score(one, other) is not None:
        lowest_start, highest_start, lowest_end = search_window(one)
        assert lowest_start <= other_start <= highest_start
        assert other.date_range[1] >= lowest_end  # type: ignore[index]


# --- grouping -----------------------------------------------------------------------------------


def test_merge_clusters_keep_one_article_apart_and_obey_analysts() -> None:
    a, b = report("a"), report("b")
    twin = dataclasses.replace(report("c"), articles=a.articles)  # the same article as a
    assert [tuple(r.id for r in g) for g in cluster_reports([a, b, twin])] == [("a", "b"), ("c",)]
    assert [len(g) for g in cluster_reports([a, b], cannot_link=[("b", "a")])] == [1, 1]
    far = report("d", location=MARKA)
    merged = cluster_reports([a, far], must_link=[("a", "d")])
    assert [tuple(r.id for r in g) for g in merged] == [("a", "d")]


def _scene() -> list[Event]:
    """Reports of three events and two near-misses, some of them only linked through a third report."""
    near = dataclasses.replace(MOGADISHU, lat=2.2, lon=45.3)
    return [
        report("a"),
        report("b", location=near),
        report("c", location=None),
        report("d", date=DAY + timedelta(days=7), date_range=None),
        report("e", date=DAY + timedelta(days=7), date_range=None, claims=(claim("e", 3, None),)),
        report("f", location=MARKA),
        report("g", location=MARKA, actor1=Actor(name="Unidentified Armed Group (Somalia)")),
        dataclasses.replace(report("h"), articles=report("a").articles),
    ]


@settings(max_examples=50)
@given(order=st.permutations(range(8)))
def test_merge_clusters_do_not_depend_on_order(order: list[int]) -> None:
    scene = _scene()
    expected = cluster_reports(scene)
    assert cluster_reports([scene[i] for i in order]) == expected
    assert [[r.id for r in g] for g in expected] == [["a", "b", "c"], ["d", "e"], ["f", "g"], ["h"]]


# --- folding -------------------------------------------------------------------------------------


def test_merge_events_keeps_every_claim_and_recomputes_the_estimate() -> None:
    first = report("a", claims=(claim("a", 7, "Police Forces of Somalia"), claim("a", 15, "Al Shabaab")),
                   sources=("Police Forces of Somalia",))  # fmt: skip
    second = report("b", location=dataclasses.replace(MOGADISHU, geo_precision=2, name="near Mogadishu"),
                    claims=(claim("b", 9, "ambulance service"),), sources=("ambulance service",),
                    date=DAY + timedelta(days=1), date_range=(DAY, DAY + timedelta(days=1)))  # fmt: skip
    merged = merge_events([second, first], is_party=lambda name: name == "Police Forces of Somalia")
    assert merged.id == merged_id(["a", "b"]) != "a"
    by_article = sorted([first, second], key=lambda e: e.articles[0])  # claims come by article, then position
    assert merged.fatalities.claims == tuple(c for e in by_article for c in e.fatalities.claims)
    # best: the lowest figure from a non-party (9: the police and al-Shabaab are parties); low: lowest; high: highest
    assert (merged.fatalities.best, merged.fatalities.low, merged.fatalities.high) == (9, 7, 15)
    assert merged.sources == ("Police Forces of Somalia", "ambulance service")
    assert merged.articles == tuple(sorted(first.articles + second.articles))
    assert merged.date == DAY and merged.time_precision == 1 and merged.date_range == (DAY, DAY)
    assert merged.location == MOGADISHU  # precision 1 beats 2
    assert set(merged.evidence) == {*first.evidence, *second.evidence}


def test_merge_events_keeps_contradictions_visible(events_schema: dict[str, Any]) -> None:
    """An analyst may merge what the rule keeps apart; what disagrees is listed, not dropped."""
    other = report("b", location=MARKA, date=DAY + timedelta(days=7), date_range=None,
                   actor1=Actor(name="Islamic State Somalia Province"), actor2=None)  # fmt: skip
    merged = merge_events([report("a"), other], is_party=never_party)
    a, b = report("a").articles[0][:8], other.articles[0][:8]
    assert merged.conflicts == (
        f"dates differ: 2019-03-11 (article {a}) vs 2019-03-18 (article {b})",
        f"places differ: Marka vs Mogadishu (article {a}), 73 km apart",
        "sides differ: Al Shabaab and Police Forces of Somalia vs Islamic State Somalia Province",
    )
    assert merged.location == MARKA  # equal precision and support: the first name
    swapped = report("c", actor1=POLICE, actor2=SHABAAB)  # one clash told from either side: no conflict
    assert merge_events([report("a"), swapped], is_party=never_party).conflicts == ()
    assert merged.to_dict()["conflicts"] == list(merged.conflicts)
    jsonschema.validate(events_document([], [merged]), events_schema)  # an extra key the schema allows
    assert Event.from_dict(merged.to_dict()) == merged


@st.composite
def reports(draw: st.DrawFn) -> list[Event]:
    names = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=6, unique=True))
    drawn = []
    for name in names:
        values = draw(st.lists(st.integers(0, 50), max_size=2))
        drawn.append(report(
            name,
            date=DAY + timedelta(days=draw(st.integers(0, 2))),
            date_range=None,
            location=draw(st.sampled_from([MOGADISHU, MARKA, BANAADIR, None])),
            actor1=draw(st.sampled_from([SHABAAB, POLICE, None])),
            sub_event_type=draw(st.sampled_from(["Remote explosive/landmine/IED", "Suicide bomb"])),
            claims=tuple(claim(name, v, draw(st.sampled_from([None, "Al Shabaab", "monitor"]))) for v in values),
            sources=tuple(draw(st.lists(st.sampled_from(["monitor", "police", "residents"]), max_size=2))),
        ))  # fmt: skip
    return drawn


@settings(max_examples=80)
@given(drawn=reports(), data=st.data())
def test_merge_events_is_order_independent_and_idempotent(drawn: list[Event], data: st.DataObject) -> None:
    merged = merge_events(drawn, is_party=never_party)
    shuffled = data.draw(st.permutations(drawn))
    assert merge_events(shuffled, is_party=never_party) == merged
    assert merge_events(drawn + drawn, is_party=never_party) == merged
    assert merge_events([merged], is_party=never_party) == merged
    assert Event.from_dict(merged.to_dict()) == merged


def test_merge_events_needs_an_event() -> None:
    with pytest.raises(ValueError, match="at least one event"):
        merge_events([], is_party=never_party)
