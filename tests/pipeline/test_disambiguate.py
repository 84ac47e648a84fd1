"""Tests of warwatch.pipeline.disambiguate: the article's country, which entry each name means, and precision.

One test per disambiguation signal, on sentences written for these tests. The full packaged gazetteer is used
(tests/pipeline/conftest.py).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.gazetteer import Gazetteer
from warwatch.pipeline.disambiguate import Resolution, article_country, resolve_toponyms
from warwatch.pipeline.toponyms import find_toponyms


def resolved(nlp: Language, gazetteer: Gazetteer, text: str) -> dict[str, Resolution]:
    return {r.toponym.text: r for r in resolve_toponyms(nlp(text), gazetteer)[0]}


@pytest.mark.parametrize(
    ("text", "name", "code", "country"),
    [
        ("Gunmen abducted ten fishermen off Sabah on Tuesday.", "Sabah", "ADM1", "MY"),  # not Sabak Bernam
        ("Cartel gunmen killed 12 police officers in Mexico this week.", "Mexico", "PCLI", "MX"),  # not the city
    ],
)
def test_disambiguate_own_name_beats_an_alternate_name(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, code: str, country: str
) -> None:
    best = resolved(nlp, gazetteer, text)[name].ranked[0]
    assert (best.candidate.feature_code, best.candidate.country) == (code, country)
    assert any("own name" in reason for reason in best.reasons)


def test_disambiguate_foreign_namesakes_are_dropped(nlp: Language, gazetteer: Gazetteer) -> None:
    """In an Indian article, "Gurez" is no village in Crimea that a transliteration happens to reach."""
    places = resolved(nlp, gazetteer, "Police said clashes broke out in Gurez and in Srinagar on Monday.")
    assert {r.place.country for r in places.values()} == {"IN"}
    assert "Gurez" not in places


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # demonyms name actors: three Turkish ones do not outvote the places of Iraq
        ("Turkish drones, Turkish jets and Turkish troops hit Sinjar and Dohuk in Iraq, officials said.", "IQ"),
        # an armed group with a home country votes for it when nothing else does
        ("Taliban fighters overran a checkpoint overnight.", "AF"),
        # a speaker's place still says which country the article is about
        ("Rebels shelled Aleppo on Monday, the minister said in Damascus.", "SY"),
    ],
)
def test_disambiguate_article_country_votes(nlp: Language, gazetteer: Gazetteer, text: str, country: str) -> None:
    doc = nlp(text)
    assert article_country(doc, find_toponyms(doc, gazetteer), gazetteer) == country


def test_disambiguate_address_agrees_on_the_country(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Donga LGA (Taraba)": Donga is also a province of Benin, but only the Nigerian one lies in Taraba."""
    doc = nlp("Herders clashed with farmers in Donga LGA (Taraba) on Friday.")
    places, country = resolve_toponyms(doc, gazetteer)
    assert country == "NG"
    assert {r.place.country for r in places} == {"NG"}


def test_disambiguate_address_chain_reaches_the_province(nlp: Language, gazetteer: Gazetteer) -> None:
    """A container of a container counts, even when the middle one is no area of the gazetteer: the Bohdanivka
    of Zaporizhzhia province, among five of that name."""
    text = "Shells hit Bohdanivka (Polohy district, Zaporizhzhia) on Monday."
    place = resolved(nlp, gazetteer, text)["Bohdanivka"].place
    assert (place.name, place.admin1) == ("Bohdanivka", "Zaporizhzhia")


def test_disambiguate_neighbourhood_far_from_its_town_is_dropped(nlp: Language, gazetteer: Gazetteer) -> None:
    """Boa Vista neighbourhood of Recife is not the city of Boa Vista, 2,000 km away."""
    places = resolved(nlp, gazetteer, "Gunmen killed a trader in Boa Vista neighbourhood of Recife on Sunday.")
    assert "Boa Vista" not in places
    assert places["Recife"].place.country == "BR"


@pytest.mark.parametrize(
    ("text", "name", "precision", "mention"),
    [
        ("Gunmen attacked a convoy on the road between Kabul and Jalalabad.", "Jalalabad", 2, "Jalalabad"),
        ("A bomb exploded 15 km from Kandahar on Monday.", "Kandahar", 2, "Kandahar"),
        ("Police clashed with protesters in Imam Sahib district on Friday.", "Imam Sahib", 2, "Imam Sahib"),
        ("Troops shelled Kunduz province on Friday.", "Kunduz", 3, "Kunduz"),
        (
            "Gunmen attacked Qarzbakhtul village of Imam Sahib district, Kunduz.",
            "Imam Sahib",
            2,
            "Qarzbakhtul village of Imam Sahib",  # the raw text, from the unknown village on
        ),
        ("Herders clashed in Gwaramaba (Donga LGA, Taraba) on Friday.", "Donga", 2, "Gwaramaba (Donga"),
    ],
)
def test_disambiguate_precision(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, precision: int, mention: str
) -> None:
    place = resolved(nlp, gazetteer, text)[name].place
    assert (place.geo_precision, place.mention) == (precision, mention)
