"""The frozen data model: invariants, and its JSON form is exactly the events schema."""

from __future__ import annotations

import dataclasses
from datetime import date

import jsonschema
import pytest
from hypothesis import given
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
    Sides,
    Span,
    allies,
    events_document,
)

TEXT = "Gunmen killed at least 5 people in Konduga on Monday, police said."
ARTICLE = Article(text=TEXT, published=date(2020, 6, 3))


def claim(value: int, source: str | None, certainty: Certainty = Certainty.REPORTED) -> FatalityClaim:
    return FatalityClaim(value=value, qualifier=Qualifier.AT_LEAST, source=source, certainty=certainty,
                         span=Span.of(ARTICLE, 14, 24))  # fmt: skip


def event(**changes) -> Event:
    base = Event(
        id="e1",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date=date(2020, 6, 1),
        date_range=(date(2020, 6, 1), date(2020, 6, 1)),
        actor1=Actor(name="Unidentified Armed Group (Nigeria)", inter=3),
        actor2=Actor(name="Civilians (Nigeria)", inter=7),
        location=Place(name="Konduga", country="NG", lat=11.65, lon=13.42, admin1="Borno", mention="Konduga"),
        fatalities=Fatalities.from_claims((claim(5, "Police Forces of Nigeria"),)),
        sources=("Police Forces of Nigeria",),
        evidence=(Span.of(ARTICLE, 0, len(TEXT)),),
        articles=(ARTICLE.id,),
    )
    return dataclasses.replace(base, **changes)


def test_model_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ARTICLE.text = "changed"  # type: ignore[misc]


def test_model_article_id_is_a_content_hash() -> None:
    assert Article(text=TEXT).id == ARTICLE.id != Article(text=TEXT + " ").id


def test_model_span_text_is_the_slice() -> None:
    span = Span.of(ARTICLE, 7, 13)
    assert span.text == "killed" == TEXT[span.start : span.end]


@pytest.mark.parametrize(
    "make",
    [
        lambda: Span(article_id="a", start=5, end=2, text=""),
        lambda: Place(name="x", country="SY", lat=0, lon=0, geo_precision=4),
        lambda: event(evidence=()),
        lambda: event(time_precision=0),
    ],
)
def test_model_invariants_are_checked(make) -> None:
    with pytest.raises(ValueError):
        make()


def test_model_json_is_valid_against_the_schema(events_schema) -> None:
    document = events_document([ARTICLE], [event()])
    jsonschema.validate(document, events_schema, format_checker=jsonschema.FormatChecker())


def test_model_conservative_estimate() -> None:
    claims = (
        claim(58, "Syrian Observatory for Human Rights"),
        claim(100, "Islamic State", Certainty.CLAIMED),
        claim(40, None, Certainty.UNVERIFIED),
    )
    fat = Fatalities.from_claims(claims, parties=frozenset({"Islamic State"}))
    assert (fat.best, fat.low, fat.high) == (40, 58, 100)
    only_parties = Fatalities.from_claims(claims[1:2], parties=frozenset({"Islamic State"}))
    assert (only_parties.best, only_parties.low, only_parties.high) == (100, 100, 100)


def test_model_a_vague_amount_counts_only_without_a_number() -> None:
    """ "Gunmen kill scores" (40 by convention) in a headline, "at least 58" in the body: 58."""
    text = "Gunmen kill scores in raids. At least 58 people were killed, police said."
    article = Article(text=text)
    scores = FatalityClaim(value=40, qualifier=Qualifier.AT_LEAST, span=Span.of(article, 12, 18))
    counted = FatalityClaim(value=58, qualifier=Qualifier.AT_LEAST, source="police", span=Span.of(article, 29, 40))
    assert scores.vague and not counted.vague
    assert Fatalities.from_claims((scores, counted)).best == 58
    assert Fatalities.from_claims((scores,)).best == 40


def test_model_no_claim_counts_zero_as_acled_codes_it() -> None:
    """A report that gives no figure: ACLED codes 0 (the empty claims keep that none was given)."""
    fat = Fatalities.from_claims(())
    assert (fat.best, fat.low, fat.high, fat.claims) == (0, 0, 0, ())


@given(
    values=st.lists(st.integers(min_value=0, max_value=10_000), min_size=0, max_size=4),
    precision=st.sampled_from([1, 2, 3]),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
)
def test_model_event_round_trips_through_json(values, precision, day) -> None:
    claims = tuple(claim(v, f"source {i}") for i, v in enumerate(values))
    original = event(
        date=day,
        date_range=(day, day),
        time_precision=precision,
        fatalities=Fatalities.from_claims(claims),
    )
    assert Event.from_dict(original.to_dict()) == original


def test_model_allies_stay_on_their_side_when_readings_swap_the_sides() -> None:
    army, rebels = Actor(name="Army", inter=1), Actor(name="Rebels", inter=2)
    one = Sides(actor1=army, actor2=rebels, assoc_actor_1=("Militia",), assoc_actor_2=("Rebels",))
    other = Sides(actor1=rebels, actor2=army, assoc_actor_1=("Foreign fighters",), assoc_actor_2=("Militia", "Army"))
    assert allies([one, other], army, rebels) == (("Militia",), ("Foreign fighters",))
    assert allies([], None, None) == ((), ())
