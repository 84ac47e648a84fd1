"""Tests of warwatch.pipeline.disambiguate: the article's country, which entry each name means, and precision.

One test per disambiguation signal, on sentences written for these tests. The full packaged gazetteer is used
(tests/pipeline/conftest.py).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.gazetteer import Candidate, Gazetteer
from warwatch.pipeline.disambiguate import (
    Resolution,
    article_country,
    resolve_toponyms,
    spelling,
)
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


def test_disambiguate_unknown_village_in_a_local_government_area(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "the village of Mushu in Bokkos LGA of Plateau state": no Turkish Muş; the LGA stands for the village."""
    doc = nlp("Herders attacked the village of Mushu in Bokkos local government area of Plateau state overnight.")
    places, country = resolve_toponyms(doc, gazetteer)
    assert country == "NG"
    assert {r.place.country for r in places} == {"NG"}
    bokkos = next(r.place for r in places if r.toponym.text == "Bokkos")
    assert bokkos.geo_precision == 2


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


# -- the article's context against namesakes abroad -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the country named in the text beats a larger namesake abroad
        ("Police dispersed a protest in Tripoli, in northern Lebanon, on Monday.", "Tripoli", "LB"),
        # nationality words count as one weak vote: three French ones do not move a Malian town to France
        ("French and Malian troops, backed by French jets and French drones, struck militants near Gao.", "Gao", "ML"),
        # the province closing an address votes in full: no San Isidro of El Salvador is known, Morazan is
        ("Gunmen killed a farmer in San Isidro (Morazan) on Sunday.", "Morazan", "SV"),
        # a country before a place noun says where: "a northern Syria town" is in Syria
        ("Fighters seized a northern Syria town on Monday.", "Syria", "SY"),
    ],
)
def test_disambiguate_context_decides_the_country(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    places, found = resolve_toponyms(nlp(text), gazetteer)
    assert found == country
    assert {r.toponym.text: r.place.country for r in places}[name] == country


def test_disambiguate_unknown_village_in_an_address_does_not_vote(nlp: Language, gazetteer: Gazetteer) -> None:
    """San Isidro is a village in some twenty countries, none in Morazan: it is an unknown village there, and the
    address falls back to the province."""
    places = resolved(nlp, gazetteer, "Gunmen killed a farmer in San Isidro (Morazan) on Sunday.")
    assert "San Isidro" not in places
    assert (places["Morazan"].place.country, places["Morazan"].place.geo_precision) == ("SV", 3)


def test_disambiguate_foreign_province_of_an_address_is_a_namesake(nlp: Language, gazetteer: Gazetteer) -> None:
    """Comoe is a province of Burkina Faso that the gazetteer lacks, and a region of Ivory Coast it has: in an article
    about a Burkinabe town the town stays, the Ivorian region does not take its place."""
    places, country = resolve_toponyms(
        nlp("Gendarmes were ambushed in Niangoloko (Niangoloko, Comoe) on Friday."), gazetteer
    )
    assert country == "BF"
    assert [r.place.name for r in places if r.toponym.text == "Niangoloko"] == ["Niangoloko", "Niangoloko"]


@pytest.mark.parametrize(
    ("text", "name", "code", "country"),
    [
        # a province word: the admin area its transliteration reaches, not a village with this alternate name
        ("Iraqi jets bombed hideouts across Anbar province overnight.", "Anbar", "ADM1", "IQ"),
        # the Arabic article aside, Ar-Raqqa is spelled like Ar Raqqah; the other skeletons' owners are dropped
        ("Shelling hit Ar-Raqqa on Monday.", "Ar-Raqqa", "PPLA", "SY"),
        # a district word and no such district known: its seat, named alike, stands for it
        ("Indian troops returned fire in Poonch district of Jammu and Kashmir on Monday.", "Poonch", "PPLA2", "IN"),
    ],
)
def test_disambiguate_transliteration_fits_spelling_and_place_word(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, code: str, country: str
) -> None:
    resolution = resolved(nlp, gazetteer, text)[name]
    best = resolution.ranked[0].candidate
    assert (best.feature_code, best.country) == (code, country)
    assert all(spelling(name, s.candidate) >= 0.55 for s in resolution.ranked if s.candidate.matched_by == "variant")


def test_disambiguate_district_by_its_seat_has_district_precision(nlp: Language, gazetteer: Gazetteer) -> None:
    place = resolved(nlp, gazetteer, "Indian troops returned fire in Poonch district of Jammu and Kashmir on Monday.")[
        "Poonch"
    ].place
    assert place.geo_precision == 2


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [("Ar-Raqqa", "Ar Raqqah", True), ("Sukhna", "As Sukhnah", True), ("Bekaa", "Biga", False)],
)
def test_disambiguate_spelling(a: str, b: str, alike: bool) -> None:
    candidate = Candidate(
        geonameid=None,
        name=b,
        country="SY",
        admin1=None,
        admin2=None,
        feature_class="P",
        feature_code="PPL",
        population=0,
        lat=0.0,
        lon=0.0,
    )
    assert (spelling(a, candidate) >= 0.75) is alike


def test_disambiguate_province_after_a_district_is_its_container(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "of Faryab and looted": "and" before a verb does not make a list, so Faryab holds the district."""
    text = "Rebels overran the Shirin Tagab district in the northern province of Faryab and looted shops."
    resolution = resolved(nlp, gazetteer, text)["Shirin Tagab"]
    assert any("inside 'Faryab'" in reason for reason in resolution.ranked[0].reasons)


def test_disambiguate_list_of_towns_is_no_address(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Aleppo, Idlib, Hama and Homs" is a list: no name of it is taken for an unknown part of the next one."""
    places = resolved(nlp, gazetteer, "Shelling hit Aleppo, Idlib, Hama and Homs on Monday.")
    assert {"Aleppo", "Idlib", "Homs"} <= set(places)
    assert {r.place.country for r in places.values()} == {"SY"}
    assert all(r.place.mention == r.toponym.text for r in places.values())


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a village word, and the only Kamonyi known is a district of Rwanda: the Congolese army and town decide
        ("FARDC soldiers looted Kamonyi village near Uvira on Monday.", "CD"),
        # "Amara" is nearly the own name of Al Amarah, only an alternate one of Romanian villages
        ("Teachers rallied in Amara city on Monday to demand their wages.", "IQ"),
    ],
)
def test_disambiguate_place_word_and_spelling_weigh_in_the_vote(
    nlp: Language, gazetteer: Gazetteer, text: str, country: str
) -> None:
    assert resolve_toponyms(nlp(text), gazetteer)[1] == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # national parties say which of two countries sharing a province name the text is about
        ("Shiv Sena and BJP supporters clashed in Punjab on Sunday.", "IN"),
        ("PTI workers blocked a road in Punjab on Sunday.", "PK"),
        # a monitor or armed group that acts in one country says which when no place is known
        ("The OSCE SMM recorded twelve explosions near Zorbynivka.", "UA"),
    ],
)
def test_disambiguate_operators_vote_for_their_country(
    nlp: Language, gazetteer: Gazetteer, text: str, country: str
) -> None:
    doc = nlp(text)
    assert article_country(doc, find_toponyms(doc, gazetteer), gazetteer) == country


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Monitors of the OSCE SMM recorded twenty explosions near Kalynivka.", "Donetsk"),
        ("A harvest festival was held near Kalynivka on Sunday.", "Vinnytsia"),  # no operator: the larger one
        ("Boko Haram insurgents raided Azare overnight, residents said.", "Borno"),
    ],
)
def test_disambiguate_operating_area_is_a_weak_prior(
    nlp: Language, gazetteer: Gazetteer, text: str, admin1: str
) -> None:
    """Among same-named villages, the one where the monitor or armed group the text names operates."""
    name = "Kalynivka" if "Kalynivka" in text else "Azare"
    best = resolved(nlp, gazetteer, text)[name].ranked[0]
    assert best.candidate.admin1 == admin1
    assert any("operates" in reason for reason in best.reasons) == (admin1 != "Vinnytsia")


def test_disambiguate_partial_name_neither_votes_nor_goes_abroad(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Paris" of an unknown "Paris Khel" is no place in France, and says nothing of the article's country."""
    places, country = resolve_toponyms(
        nlp("A roadside bomb went off near Paris Khel, wounding two soldiers."), gazetteer
    )
    assert country is None
    assert places == ()


def test_disambiguate_transliteration_alone_does_not_decide_the_country(nlp: Language, gazetteer: Gazetteer) -> None:
    """A name reached only by transliteration, spelled unlike every place it reaches, is no foreign town."""
    places, country = resolve_toponyms(nlp("Soldiers dispersed a sit-in in the town of Jourin."), gazetteer)
    assert country is None
    assert places == ()


def test_disambiguate_transliteration_in_a_cued_country(nlp: Language, gazetteer: Gazetteer) -> None:
    """A transliteration spelled unlike its place (Hodeidah, GeoNames' Al Hudaydah) is that place when the text's
    actors point to its country (the Houthis: Yemen)."""
    places, _ = resolve_toponyms(nlp("A Houthi drone hit a warehouse in Hodeidah on Friday."), gazetteer)
    assert [(r.toponym.text, r.ranked[0].candidate.country) for r in places] == [("Hodeidah", "YE")]


def test_disambiguate_address_area_is_no_foreign_hamlet(nlp: Language, gazetteer: Gazetteer) -> None:
    """The name closing an address is an area: a hamlet of that name abroad neither votes nor stands for it."""
    places, country = resolve_toponyms(nlp("Gunmen ambushed a patrol in Zorbinde (Kolgo, Mbos) on Friday."), gazetteer)
    assert country is None
    assert "Mbos" not in {r.toponym.text for r in places}


def test_disambiguate_admin_context_beats_a_foreign_village(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Kolkhoz imeni Lenina, Donetsk": an unknown village in a known province is that province, in its country;
    the words of the village's name ("imeni" joins them) are no villages of Russia."""
    places, country = resolve_toponyms(nlp("Separatists shelled Kolkhoz imeni Lenina, Donetsk, on Monday."), gazetteer)
    assert country == "UA"
    assert [(r.place.name, r.place.country, r.place.geo_precision) for r in places] == [("Donetsk", "UA", 3)]


def test_disambiguate_admin_alias_closes_an_address(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "(Poonch district, J&K)": the abbreviation is the Indian state, so Poonch is the Indian district."""
    places = resolved(nlp, gazetteer, "Troops exchanged fire near Mendhar (Poonch district, J&K) on Monday.")
    assert places["Poonch"].place.country == "IN"
    assert places["J&K"].place.name == "Jammu and Kashmir"


def test_disambiguate_nearly_own_name(nlp: Language, gazetteer: Gazetteer) -> None:
    """A spelling close to a place's own name counts a little, short of the name itself."""
    best = resolved(nlp, gazetteer, "Rebels shelled Hasakeh on Monday.")["Hasakeh"].ranked[0]
    assert best.candidate.name == "Al Ḩasakah"
    assert any("nearly its own name" in reason for reason in best.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 40 villagers in the village of Solhan, northern Burkina Faso, on Saturday.",
        "Gunmen killed 40 villagers in Solhan in eastern Burkina Faso on Saturday.",
    ],
)
def test_disambiguate_unknown_village_inside_a_country_stays_there(
    nlp: Language, gazetteer: Gazetteer, text: str
) -> None:
    """A country's name is no namesake: a town abroad named like a village written inside it ("Solhan" of Turkey)
    neither votes nor is placed; the country holds the village at precision 3."""
    places, country = resolve_toponyms(nlp(text), gazetteer)
    assert country == "BF"
    assert [(r.place.country, r.place.geo_precision) for r in places] == [("BF", 3)]
    assert places[0].place.mention is not None and places[0].place.mention.startswith("Solhan")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Malian soldiers moved into Ber after the peacekeepers left on Sunday.", "Ber", "ML"),  # not Véroia
        ("Al Shabaab fighters seized the town of Mahas on Monday.", "Mahas", "SO"),  # not Māḩiş, Jordan
    ],
)
def test_disambiguate_alternate_name_of_a_foreign_town_yields_to_the_actors(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    """A town abroad that the text names only by one of its alternate names neither outvotes the actors' country nor
    is placed there."""
    places, found = resolve_toponyms(nlp(text), gazetteer)
    assert found == country
    assert name not in {r.toponym.text for r in places}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ukraine said Russian troops shelled its positions overnight.", "UA"),
        ("Kenya said Somali gunmen ambushed its soldiers on Monday.", "KE"),
    ],
)
def test_disambiguate_speaking_country_outweighs_the_attackers_demonym(
    nlp: Language, gazetteer: Gazetteer, text: str, country: str
) -> None:
    """A country speaking is its government, as sure a sign as a demonym; in a tie the country the text names wins
    over the one only its actors point to: "Russian troops" says who fights, not where."""
    doc = nlp(text)
    assert article_country(doc, find_toponyms(doc, gazetteer), gazetteer) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the border's other side does not vote; the country owning the ministry does
        ("Jihadists attacked a post in Xqzville, near the border with Chad, Niger's interior ministry said.", "NE"),
        ("Rebels clashed with troops in the town of Xqzville, near the border with Rwanda, Burundi's army said.", "BI"),
    ],
)
def test_disambiguate_a_border_names_the_other_country(
    nlp: Language, gazetteer: Gazetteer, text: str, country: str
) -> None:
    doc = nlp(text)
    assert article_country(doc, find_toponyms(doc, gazetteer), gazetteer) == country


def test_disambiguate_speakers_place_weighs_as_their_people(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "the Israeli army said in Tel Aviv": where the speaker sits adds nothing to the speaker's demonym, so a
    town abroad named by its two-word transliteration ("Bint Jbeil", Bent Jbaïl) decides the country."""
    text = "Israeli shells fell near Bint Jbeil overnight, wounding a farmer, the Israeli army said in Tel Aviv."
    places, country = resolve_toponyms(nlp(text), gazetteer)
    assert country == "LB"
    assert [r.place.country for r in places if r.toponym.text == "Bint Jbeil"] == ["LB"]


def test_disambiguate_a_desert_of_a_country_lies_in_it(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "the Badia desert of Syria": written inside Syria, the Italian villages called Badia are namesakes."""
    places, country = resolve_toponyms(nlp("Gunmen ambushed shepherds in the Badia desert of Syria."), gazetteer)
    assert country == "SY"
    assert {r.place.country for r in places} == {"SY"}
