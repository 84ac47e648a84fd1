"""Tests of warwatch.pipeline.toponyms: which names of a text are toponyms, and what their context says.

Sentences are written for these tests. The full packaged gazetteer is used (tests/pipeline/conftest.py).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.gazetteer import Gazetteer
from warwatch.pipeline.toponyms import Toponym, find_toponyms, unknown_places


def toponyms(nlp: Language, gazetteer: Gazetteer, text: str) -> dict[str, Toponym]:
    return {t.text: t for t in find_toponyms(nlp(text), gazetteer)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BAGHDAD, Iraq: Gunmen killed two policemen in Mosul on Monday.", "BAGHDAD"),
        ("BAGHDAD, Iraq: Gunmen killed two policemen in Mosul on Monday.", "Iraq"),
        ("Some news.\nAMMAN, Jordan (AFP) — Rebels shelled Daraa on Monday.", "AMMAN"),
        ("KABUL – Taliban fighters stormed a checkpoint in Kunduz on Friday.", "KABUL"),
        ("Kabul Oct 3: Taliban fighters stormed a checkpoint in Kunduz on Friday.", "Kabul"),
    ],
)
def test_toponyms_dateline_is_the_reporters_place(nlp: Language, gazetteer: Gazetteer, text: str, name: str) -> None:
    found = toponyms(nlp, gazetteer, text)
    assert found[name].role == "dateline"
    assert all(t.role != "dateline" for t in found.values() if t.text in ("Mosul", "Daraa", "Kunduz"))


def test_toponyms_governments_giving_and_receiving_are_parties(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Paris sent the jets to Kyiv": two governments, neither the place where the jets were destroyed."""
    found = toponyms(nlp, gazetteer, "Troops destroyed two jets near Bakhmut, months after Paris sent them to Kyiv.")
    assert (found["Paris"].role, found["Kyiv"].role, found["Bakhmut"].role) == ("party", "party", "")


def test_toponyms_where_people_were_carried_is_a_destination(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "airlifted to Nairobi": where the wounded went, not where the bomb went off."""
    found = toponyms(nlp, gazetteer, "A bomb wounded six soldiers near Garissa; they were airlifted to Nairobi.")
    assert (found["Nairobi"].role, found["Garissa"].role) == ("destination", "")


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers died near Damboa, Borno police spokesman John Doe said.",
        "Three soldiers died near Damboa, according to Borno police commissioner John Doe.",
    ],
)
def test_toponyms_whom_a_speaker_serves_is_no_scene(nlp: Language, gazetteer: Gazetteer, text: str) -> None:
    """ "Borno police spokesman X said": the speaker's office, not where the soldiers died."""
    found = toponyms(nlp, gazetteer, text)
    assert (found["Borno"].role, found["Damboa"].role) == ("speaker", "")


def test_toponyms_place_in_a_sentence_is_no_dateline(nlp: Language, gazetteer: Gazetteer) -> None:
    found = toponyms(nlp, gazetteer, "Gunmen killed two policemen in Mosul: the army said so.")
    assert found["Mosul"].role == ""


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("Protesters marched in the town Kupwara on Sunday.", "Kupwara", "town"),  # place word before the name
        ("Police raided the village of Sumbal at dawn.", "Sumbal", "town"),
        ("Rallies were held in Kupwara and Bandipora districts.", "Kupwara", "admin2"),  # a plural covers the list
        ("Rallies were held in Kupwara and Bandipora districts.", "Bandipora", "admin2"),
        ("Fighting in Paktia, Logar and Badghis provinces killed 20.", "Paktia", "admin1"),
        ("A man was shot in Periperi neighbourhood of Salvador.", "Periperi", "part"),
        ("Rebels shelled positions south of Aleppo.", "Aleppo", "near"),  # a compass point + "of": near
        ("Troops entered the northern province of Faryab.", "Faryab", "admin1"),  # an adjective: not "near"
    ],
)
def test_toponyms_place_words(nlp: Language, gazetteer: Gazetteer, text: str, name: str, cue: str) -> None:
    found = toponyms(nlp, gazetteer, text)
    assert found[name].cue == cue
    assert found[name].evidence >= 1


def test_toponyms_from_is_weaker_than_in(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "from X" names where people come from as often as where something happens."""
    found = toponyms(nlp, gazetteer, "Workers from Lahore protested in Karachi on Monday.")
    assert found["Karachi"].evidence >= 2 > found["Lahore"].evidence


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Soldiers shelled the village of Al-Zarbuqtan on Monday.", {"Al", "Al-Zarbuqtan"}),  # a bare article
        ("Rebels stayed as well as soldiers in Homs.", {"as Homs", "as"}),  # English "as" starts no name
    ],
)
def test_toponyms_bare_articles_are_not_names(nlp: Language, gazetteer: Gazetteer, text: str, absent: set[str]) -> None:
    assert not absent & set(toponyms(nlp, gazetteer, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rioters set fire to a prison in Port Sudan on Friday.", "Port Sudan"),  # a place word opening a name
        ("Drones struck a vehicle on Mount Sinjar on Sunday.", "Sinjar"),  # "Mount" is no unknown neighbour
    ],
)
def test_toponyms_place_words_inside_names(nlp: Language, gazetteer: Gazetteer, text: str, name: str) -> None:
    found = toponyms(nlp, gazetteer, text)
    assert name in found and found[name].evidence >= 1


@pytest.mark.parametrize(
    ("text", "name", "inner"),
    [
        ("Gunmen attacked Zorbak Khel village of Imam Sahib district, Kunduz.", "Imam Sahib", "Zorbak Khel"),
        ("A mine exploded in Qarzbakhtul village of northern Kunduz.", "Kunduz", "Qarzbakhtul"),
        ("Herders clashed in Gwaramaba (Donga LGA, Taraba) on Friday.", "Donga", "Gwaramaba"),
        ("Rebels attacked Kunduz on Friday.", "Kunduz", None),
    ],
)
def test_toponyms_unknown_village_written_inside_a_known_place(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, inner: str | None
) -> None:
    toponym = toponyms(nlp, gazetteer, text)[name]
    assert (text[toponym.inner : toponym.inner + len(inner)] if toponym.inner is not None else None) == inner


def test_toponyms_address_in_parentheses_does_not_describe(nlp: Language, gazetteer: Gazetteer) -> None:
    found = toponyms(nlp, gazetteer, "Residents blocked a road at Kakching (Thoubal district, Manipur) on Sunday.")
    assert found["Thoubal"].role == found["Manipur"].role == ""


@pytest.mark.parametrize(
    ("text", "name", "present"),
    [
        ("Clashes broke out in the Somali region of Ethiopia on Monday.", "Somali", True),  # a people's word names it
        ("Somali troops clashed with militants near the border.", "Somali", False),  # an actor
        ("Clan militias clashed in and around Galadi (Galadi, Somali region), leaving several dead.", "Somali", True),
        ("A district commissioner was abducted in Mogadishu. The Commissioner was freed.", "Commissioner", False),
        ("Fighters camped in Wadi Hanifa near the town.", "Wadi", False),  # "wadi" is a valley, not a place's name
        ("Tubu herders and Zaghawa farmers clashed near the wells.", "Tubu", False),  # a people, before its people
        ("Gunmen killed four farmers in the Afar region on Monday.", "Afar", True),  # a people's land
    ],
)
def test_toponyms_common_and_peoples_words(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, present: bool
) -> None:
    assert (name in toponyms(nlp, gazetteer, text)) is present


def test_toponyms_particle_glues_one_unknown_name(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Concepcion del Bosque" is one unknown name: neither Concepcion nor Bosque alone is said to be a place."""
    found = toponyms(nlp, gazetteer, "Gunmen attacked Concepcion del Bosque on Monday.")
    assert all(t.evidence < 1 for t in found.values())


@pytest.mark.parametrize(
    ("text", "name", "cue", "evidence"),
    [
        ("Jets bombed hideouts in the Palmyra desert overnight.", "Palmyra", "near", 2.0),  # "in the" is "in"
        ("Gunmen killed a farmer in San Isidro (Morazan) on Sunday.", "Morazan", "area", 2.0),  # an address
    ],
)
def test_toponyms_context_evidence(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, cue: str, evidence: float
) -> None:
    toponym = toponyms(nlp, gazetteer, text)[name]
    assert toponym.cue == cue and toponym.evidence >= evidence


def test_toponyms_spanish_a_joins_a_name(nlp: Language, gazetteer: Gazetteer) -> None:
    found = toponyms(nlp, gazetteer, "Troops raided a camp in Puerto Lempira, Gracias a Dios, on Monday.")
    assert {"Puerto Lempira", "Gracias a Dios"} <= set(found)
    assert found["Gracias a Dios"].candidates[0].feature_code == "ADM1"


def test_toponyms_rural_is_near(nlp: Language, gazetteer: Gazetteer) -> None:
    toponym = toponyms(nlp, gazetteer, "Shelling hit farms in rural Homs on Monday.")["Homs"]
    assert toponym.cue == "near"


@pytest.mark.parametrize(
    ("text", "name", "partial"),
    [
        ("A roadside bomb went off near Paris Khel on Monday.", "Paris", True),  # glued to an unknown word
        ("Separatists shelled Kolkhoz imeni Lenina, Donetsk, on Monday.", "Donetsk", False),
        ("Police dispersed a march in Vilnius-Central Vilnius on Friday.", "Vilnius", False),  # a generic word
        ("Gunmen attacked Nairobi-Kawangware on Friday.", "Nairobi", True),  # a hyphen to an unknown name
    ],
)
def test_toponyms_partial_hits(nlp: Language, gazetteer: Gazetteer, text: str, name: str, partial: bool) -> None:
    """A hit glued to an unknown capitalised word (across a space, a hyphen or a particle such as "imeni") is only
    part of a longer name."""
    found = [t for t in find_toponyms(nlp(text), gazetteer) if t.text == name]
    assert found and found[0].partial is partial


def test_toponyms_imeni_joins_one_name(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "imeni" ("named after") joins the words of a Russian or Ukrainian place name: neither word is a place."""
    found = toponyms(nlp, gazetteer, "Separatists shelled Kolkhoz imeni Lenina, Donetsk, on Monday.")
    assert all(t.partial or t.evidence < 1 for name, t in found.items() if name != "Donetsk")


def test_toponyms_admin_abbreviation_closing_an_address_is_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "J&K" closing an address is the state, not an organisation's acronym."""
    found = toponyms(nlp, gazetteer, "Police arrested protesters in Anantnag town (Anantnag district, J&K).")
    assert found["J&K"].cue == "area" and found["J&K"].evidence >= 1


def test_toponyms_off_a_coast_is_near_it(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "in the waters off Semporna": a place for sure, and the event is near it, at sea."""
    found = toponyms(nlp, gazetteer, "Gunmen abducted six fishermen in the waters off Semporna on Tuesday.")
    assert found["Semporna"].cue == "near" and found["Semporna"].evidence >= 2


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Fighters of the Islamic State Sahel Province clashed with JNIM near Menaka.", "Sahel", "Menaka"),
        ("Gunmen of the Islamic State Khorasan Province attacked a mosque in Kunduz.", "Khorasan", "Kunduz"),
    ],
)
def test_toponyms_place_inside_an_armed_groups_name_is_no_toponym(
    nlp: Language, gazetteer: Gazetteer, text: str, absent: str, present: str
) -> None:
    found = toponyms(nlp, gazetteer, text)
    assert absent not in found
    assert present in found


@pytest.mark.parametrize(
    "text",
    ["A missile strike on Kharkiv killed three people.", "The drone attack against Kharkiv wounded two people."],
)
def test_toponyms_target_of_an_attack_noun_is_a_place(nlp: Language, gazetteer: Gazetteer, text: str) -> None:
    """What a strike is "on" or an attack "against" is the place hit, as sure as after "in"."""
    assert toponyms(nlp, gazetteer, text)["Kharkiv"].evidence >= 2


def test_toponyms_a_dateline_is_described_by_no_clause(nlp: Language, gazetteer: Gazetteer) -> None:
    """The story after a dateline, parsed as hanging on a group's name ("Islamic State West Africa Province
    (ISWAP) militants near Gwoza"), does not describe a place: Gwoza is where the fighting was."""
    text = (
        "KANO, Nigeria, June 2 (Reuters) - Soldiers fought Islamic State West Africa Province (ISWAP) militants"
        " near Gwoza in Borno state on Friday."
    )
    found = toponyms(nlp, gazetteer, text)
    assert (found["KANO"].role, found["Gwoza"].role) == ("dateline", "")


def test_toponyms_port_au_prince_is_one_name(nlp: Language, gazetteer: Gazetteer) -> None:
    """French "au" joins a name, and "Prince" after a hyphen is no title."""
    assert "Port-au-Prince" in toponyms(nlp, gazetteer, "Gang members torched houses in Port-au-Prince on Monday.")


def test_toponyms_local_government_area_is_admin2(nlp: Language, gazetteer: Gazetteer) -> None:
    """A name before "local government area" is a district's, whatever the tagger makes of it."""
    found = toponyms(nlp, gazetteer, "Bandits raided farms in Bokkos local government area on Monday.")
    assert found["Bokkos"].cue == "admin2"


@pytest.mark.parametrize(
    ("text", "people", "place"),
    [
        ("Fighting broke out between Dir and Marehan clan militias near Galkayo.", "Dir", "Galkayo"),
        ("Clashes between government forces in Baidoa and Al Shabaab fighters killed five.", None, "Baidoa"),
    ],
)
def test_toponyms_names_of_clans_and_militias_are_no_places(
    nlp: Language, gazetteer: Gazetteer, text: str, people: str | None, place: str
) -> None:
    """A name that modifies "clan", "militias" or "fighters", alone or in a list, is a group; not one after "in"."""
    found = toponyms(nlp, gazetteer, text)
    assert people not in found
    assert place in found


def test_toponyms_a_place_entity_beside_a_capitalised_word_is_whole(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "the Istanbul Pride march": the parser takes Istanbul alone for a place, so it is no part of a longer name."""
    found = toponyms(nlp, gazetteer, "Police dispersed the Istanbul Pride march on Sunday.")
    assert not found["Istanbul"].partial


def test_toponyms_country_pair_before_border_town_is_no_modifier(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "the Niger-Mali border town": both countries say where the town is; neither is a mere modifier."""
    found = toponyms(nlp, gazetteer, "Two soldiers died in a blast near the Niger-Mali border town of Xqzville.")
    assert (found["Niger"].role, found["Mali"].role) == ("", "")


def test_toponyms_agency_of_a_dateline_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "AMMAN (Xinhua) --": Xinhua is the agency, not one of the Chinese towns of that name."""
    found = toponyms(nlp, gazetteer, "AMMAN (Xinhua) -- Rebels shelled Daraa on Monday, witnesses said.")
    assert found["AMMAN"].role == "dateline"
    assert found["Xinhua"].evidence < 0


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked a post in Xqzville, near the border with Chad, on Monday.",
        "Rebels attacked a post on the frontier with Chad on Monday.",
    ],
)
def test_toponyms_the_other_side_of_a_border(nlp: Language, gazetteer: Gazetteer, text: str) -> None:
    """ "near the border with Chad": the country beyond the border, where the event is not."""
    assert toponyms(nlp, gazetteer, text)["Chad"].role == "border"


def test_toponyms_country_owning_something_is_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Niger's interior ministry said": a country's possessive names the country as surely as its demonym."""
    found = toponyms(nlp, gazetteer, "Rebels attacked a post on Monday, Niger's interior ministry said.")
    assert found["Niger"].evidence >= 1


def test_toponyms_the_parse_finds_the_preposition(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "in the occupied West Bank": the preposition governs the name across an adjective."""
    found = toponyms(nlp, gazetteer, "Settlers torched cars in the occupied West Bank on Sunday.")
    assert found["West Bank"].evidence >= 2


def test_toponyms_unknown_places_the_text_names(nlp: Language, gazetteer: Gazetteer) -> None:
    """Names the text calls a place that the gazetteer does not know: "the town of Xqzville", "Qwrtabad village"."""
    text = "Jets struck the town of Xqzville, Qwrtabad village and Zyxpur district near Aleppo, Reuters said."
    doc = nlp(text)
    known = {i for t in find_toponyms(doc, gazetteer) for i in range(*t.tokens)}
    found = {text[i:].split()[0].strip(",") for i in unknown_places(doc, known)}
    assert found == {"Xqzville", "Qwrtabad", "Zyxpur"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rebels shelled Aleppo on Monday, the army said in a statement from Damascus.", "Damascus"),
        ("Gunmen attacked a checkpoint in Kunduz, a police spokesman in Kabul told reporters.", "Kabul"),
    ],
)
def test_toponyms_speakers_place_through_prepositions(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str
) -> None:
    """Where somebody speaks, however many prepositions away: no place of the event."""
    assert toponyms(nlp, gazetteer, text)[name].role == "speaker"


def test_toponyms_a_town_named_with_its_type_word(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Model Town" is the place of that whole name, not a "Model" in Romania; "Town" still says what it is."""
    found = toponyms(nlp, gazetteer, "Police arrested him at his home in Model Town on Wednesday.")
    assert [c.name for c in found["Model"].candidates] == ["Model Town"] and found["Model"].cue == "town"


def test_toponyms_an_area_taken_for_an_organisation(nlp: Language, gazetteer: Gazetteer) -> None:
    found = toponyms(nlp, gazetteer, "Gunmen burned an office in Udi Local Government Area on Monday.")
    assert "Udi" in found and not found["Udi"].partial


def test_toponyms_an_institution_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Congress" is the legislature, not the town in Arizona."""
    assert "Congress" not in toponyms(nlp, gazetteer, "The march ended in front of Congress on Thursday.")


def test_toponyms_a_portfolio_before_minister_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Petroleum Minister": a name before "Minister" or "Ministry" is the portfolio, unless a country's."""
    found = toponyms(
        nlp,
        gazetteer,
        "Agents detained Petroleum Minister John Doe at his home in Juba, Sudan Ministry officials said.",
    )
    assert found["Petroleum"].evidence < 0 < found["Juba"].evidence
    assert "Sudan" not in found or found["Sudan"].evidence >= 0


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("In Kitale, witnesses said police fired on the crowd.", ""),
        ("In Kitale, residents said police fired on the crowd.", ""),
        ("In Geneva, the envoy said police fired on the crowd.", "speaker"),
    ],
)
def test_toponyms_witnesses_tell_where_they_saw_it(nlp: Language, gazetteer: Gazetteer, text: str, role: str) -> None:
    assert toponyms(nlp, gazetteer, text)[text.split(",")[0][3:]].role == role


def test_toponyms_a_name_the_tagger_swept_into_a_time_is_found(nlp: Language, gazetteer: Gazetteer) -> None:
    """spaCy tags "Kyiv overnight" as one TIME: the name in it is a place all the same."""
    found = toponyms(nlp, gazetteer, "Russia launched drones at Kyiv overnight, officials said on Friday.")
    assert "Kyiv" in found and "Friday" not in found
