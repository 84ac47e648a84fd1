"""Tests of warwatch.pipeline.geocode: toponyms, disambiguation, the place of each mention, ACLED precision.

Sentences are written for these tests; the seed article (shared/seed) checks the founding targets. The full
packaged gazetteer is used, built once per session (or reused from ``config.gazetteer_path()``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from warwatch.gazetteer import Gazetteer, Record, build_gazetteer
from warwatch.model import Article, Mention, Place, Span
from warwatch.pipeline.geocode import (
    Choice,
    GeonamesGeocoder,
    explain_evidence,
    explain_places,
    find_toponyms,
    geocode_places,
    geonames_geocoder,
)


def mention_at(article: Article, doc: spacy.tokens.Doc, trigger: str) -> Mention:
    """A mention whose trigger is the first occurrence of ``trigger``, over the sentence that holds it."""
    start = article.text.index(trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Mention(
        sub_event_type="Armed clash",
        trigger=Span.of(article, start, start + len(trigger)),
        sentence=Span.of(article, sent.start_char, sent.end_char),
        rule="test",
    )


def choose(nlp: Language, gazetteer: Gazetteer, text: str, trigger: str) -> Choice:
    article = Article(text=text)
    doc = nlp(text)
    return explain_places(article, doc, (mention_at(article, doc, trigger),), gazetteer=gazetteer)[0]


def place_of(nlp: Language, gazetteer: Gazetteer, text: str, trigger: str) -> Place:
    place = choose(nlp, gazetteer, text, trigger).place
    assert place is not None, text
    return place


# -- the seed article -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp: Language, seed_path: Path) -> tuple[Article, spacy.tokens.Doc]:
    text = seed_path.read_text(encoding="utf-8")
    return Article(text=text), nlp(text)


@pytest.mark.parametrize(
    ("trigger", "name", "admin1", "precision", "mention"),
    [
        ("repelled a strong attack", "Tadmur", "Homs", 2, "Palmyra"),  # a road linking Palmyra to Deir Az Zor
        ("announced it had taken a hill", "As Sukhnah", "Homs", 2, "al-Sukhna"),  # south of the town of al-Sukhna
        ("is waging a separate offensive", "Deir ez-Zor", "Deir ez-Zor", 1, "Deir Az Zor"),
        ("lifted a three-year-long siege", "Deir ez-Zor", "Deir ez-Zor", 1, "Deir Az Zor"),
        ("at least five air raids", "Idlib", "Idlib", 3, "Idlib"),  # Syria's rebel-held Idlib province
        ("Three facilities came under fire", "Idlib", "Idlib", 3, "Idlib"),  # from the sentence before
    ],
)
def test_geocode_seed_targets(
    seed: tuple[Article, spacy.tokens.Doc],
    gazetteer: Gazetteer,
    trigger: str,
    name: str,
    admin1: str,
    precision: int,
    mention: str,
) -> None:
    article, doc = seed
    place = geocode_places(article, doc, (mention_at(article, doc, trigger),), gazetteer=gazetteer)[0]
    assert place is not None
    assert (place.name, place.country, place.admin1, place.geo_precision, place.mention) == (
        name,
        "SY",
        admin1,
        precision,
        mention,
    )


def test_geocode_seed_foreign_places_are_not_event_places(
    seed: tuple[Article, spacy.tokens.Doc], gazetteer: Gazetteer
) -> None:
    """New York (a group's base, a speaker's place) and Geneva stay out of the Syrian events."""
    article, doc = seed
    triggers = [
        "accused Russia and the Syrian government",
        "met to discuss the humanitarian crisis",
        "at least five air raids",
    ]
    places = geocode_places(article, doc, tuple(mention_at(article, doc, t) for t in triggers), gazetteer=gazetteer)
    assert all(p is not None and p.country == "SY" for p in places)
    toponyms = find_toponyms(doc, gazetteer)
    assert {t.role for t in toponyms if t.text == "New York"} == {"based", "speaker"}
    people = [t for t in toponyms if t.text in ("Assad", "al-Assad", "al-Baghdadi")]
    assert people and all(t.evidence < 0 for t in people)  # people, not places


# -- precision ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "name", "precision"),
    [
        ("Gunmen attacked a checkpoint in Kandahar on Monday.", "attacked", "Kandahār", 1),
        ("Gunmen attacked a checkpoint near Kandahar on Monday.", "attacked", "Kandahār", 2),
        ("Rebels shelled army positions 20 km south of Aleppo on Tuesday.", "shelled", "Aleppo", 2),
        ("Clashes broke out on the outskirts of Mosul overnight.", "Clashes", "Mosul", 2),
        ("Fighting was reported outside Tikrit on Sunday.", "Fighting", "Tikrīt", 2),
        ("Militants ambushed a convoy on the road linking Kabul to Jalalabad.", "ambushed", "Kabul", 2),
        ("Insurgents seized a hill overlooking Tikrit after heavy fighting.", "seized", "Tikrīt", 2),
        ("Troops clashed with rebels in Homs province on Friday.", "clashed", "Homs", 3),
        ("Airstrikes hit Helmand province overnight, officials said.", "Airstrikes", "Helmand", 3),
        ("Police dispersed protesters in Sanaa governorate on Friday.", "dispersed", "Sanaa", 3),
        ("Thousands of people protested in Yemen on Friday.", "protested", "Yemen", 3),
        ("Taliban fighters attacked a police post in Imam Sahib district, Kunduz.", "attacked", "Imām Şāḩib", 2),
    ],
)
def test_geocode_precision(
    nlp: Language, gazetteer: Gazetteer, text: str, trigger: str, name: str, precision: int
) -> None:
    place = place_of(nlp, gazetteer, text, trigger)
    assert (place.name, place.geo_precision) == (name, precision)


def test_geocode_admin_area_has_the_point_of_its_seat(nlp: Language, gazetteer: Gazetteer) -> None:
    place = place_of(nlp, gazetteer, "Troops clashed with rebels in Idlib province on Friday.", "clashed")
    assert (place.name, place.admin1, place.geo_precision) == ("Idlib", "Idlib", 3)
    assert (round(place.lat, 2), round(place.lon, 2)) == (35.93, 36.63)  # Idlib city, the province's seat


def test_geocode_hyphenated_road_is_split_into_two_towns(nlp: Language, gazetteer: Gazetteer) -> None:
    doc = nlp("Militants attacked a bus on the Aleppo-Damascus highway.")
    toponyms = find_toponyms(doc, gazetteer)
    assert [(t.text, t.cue) for t in toponyms] == [("Aleppo", "near"), ("Damascus", "near")]


# -- transliteration ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Dayr az-Zawr", "Deir ez-Zor"),
        ("Deir Az Zor", "Deir ez-Zor"),
        ("Idleb", "Idlib"),
        ("Tadmor", "Tadmur"),
        ("al-Raqqah", "Ar Raqqah"),
    ],
)
def test_geocode_transliterations(nlp: Language, gazetteer: Gazetteer, written: str, name: str) -> None:
    place = place_of(nlp, gazetteer, f"Syrian troops shelled rebel positions in {written} on Monday.", "shelled")
    assert (place.name, place.country, place.mention) == (name, "SY", written)


# -- disambiguation ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The Syrian army said fighting went on near Palmyra, where troops repelled an attack.", "SY"),
        ("American police said a man was shot in Palmyra, a small town, on Saturday.", "US"),
    ],
)
def test_geocode_article_country_decides(nlp: Language, gazetteer: Gazetteer, text: str, country: str) -> None:
    choice = choose(nlp, gazetteer, text, "said")
    assert choice.place is not None and choice.place.country == country
    assert choice.article_country == country


@pytest.mark.parametrize(("admin", "admin1"), [("Odessa", "Odessa"), ("Chernivtsi", "Chernivtsi")])
def test_geocode_adjacent_admin_name_decides(nlp: Language, gazetteer: Gazetteer, admin: str, admin1: str) -> None:
    """Kamyanka exists in six Ukrainian provinces: the name written after it says which."""
    place = place_of(nlp, gazetteer, f"Artillery shelled Kamyanka, {admin}, on Monday.", "shelled")
    assert (place.name, place.admin1) == ("Kamyanka", admin1)


def test_geocode_adjacent_admin_in_parentheses(nlp: Language, gazetteer: Gazetteer) -> None:
    choice = choose(nlp, gazetteer, "Gunmen killed two farmers in Nihm (Sanaa) on Sunday.", "killed")
    assert choice.place is not None
    assert (choice.place.name, choice.place.country, choice.place.admin1) == ("Nihm", "YE", "Sanaa")
    assert choice.resolution is not None and any("inside" in r for r in choice.resolution.ranked[0].reasons)


def test_geocode_proximity_to_other_places_decides(nlp: Language, gazetteer: Gazetteer) -> None:
    """Bohdanivka exists in five provinces; the one near Bila Tserkva (Kiev province) is meant here."""
    alone = place_of(nlp, gazetteer, "Russian missiles hit Bohdanivka on Monday.", "hit")
    near = place_of(nlp, gazetteer, "Russian missiles hit Bohdanivka and Bila Tserkva on Monday.", "hit")
    assert alone.admin1 == "Dnipropetrovsk"  # the largest, for want of anything better
    assert near.admin1 == "Kiev"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Troops clashed with rebels in Idlib province on Friday.", "ADM1"),
        ("Troops clashed with rebels in Idlib city on Friday.", "PPLA"),
    ],
)
def test_geocode_feature_class_follows_the_place_word(
    nlp: Language, gazetteer: Gazetteer, text: str, code: str
) -> None:
    choice = choose(nlp, gazetteer, text, "clashed")
    assert choice.resolution is not None and choice.resolution.ranked[0].candidate.feature_code == code


def test_geocode_population_is_only_a_weak_prior(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Lebanese soldiers clashed with gunmen in Tripoli on Monday."
    assert place_of(nlp, gazetteer, text, "clashed").country == "LB"  # not Tripoli, Libya (five times larger)


# -- which place of the article is the mention's -------------------------------------------------------------------


def test_geocode_people_and_titles_are_not_places(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "President Bashar al-Assad said troops retook Homs. Assad thanked Russia."
    names = [t.text for t in find_toponyms(nlp(text), gazetteer) if t.evidence >= 1]
    assert "Homs" in names and "Assad" not in names and "al-Assad" not in names


def test_geocode_speaker_place_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Rebels shelled Aleppo on Monday, the minister said in Damascus."
    assert place_of(nlp, gazetteer, text, "shelled").name == "Aleppo"


def test_geocode_based_place_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "A London-based monitor said airstrikes killed nine people in Maarat al-Numan."
    place = place_of(nlp, gazetteer, text, "airstrikes")
    assert (place.country, place.mention) == ("SY", "Maarat al-Numan")


def test_geocode_place_in_a_clause_about_others_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Rallied in Tel Aviv to free the captives held in Gaza": the rally is where its own clause puts it, though
    the article is about Gaza."""
    text = (
        "Israeli jets struck Gaza City on Monday. Thousands rallied in Tel Aviv on Saturday to demand a deal to "
        "free the captives held in Gaza."
    )
    assert place_of(nlp, gazetteer, text, "rallied").name == "Tel Aviv"
    text = "Nine passengers travelling from Quetta to Punjab were shot dead near Kalat on Thursday."
    assert place_of(nlp, gazetteer, text, "shot").name == "Kalat"


def test_geocode_where_a_vehicle_was_bound_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Armed men blocked the highway near Kalat, Pakistan, on Thursday. They stopped a Lahore-bound coach and "
    text += "abducted nine men from it."
    assert place_of(nlp, gazetteer, text, "abducted").name == "Kalat"


def test_geocode_place_from_an_earlier_sentence(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Rebels entered Kafr Nabl in Idlib province on Monday. They killed two soldiers, a monitor said."
    choice = choose(nlp, gazetteer, text, "killed")
    assert choice.place is not None and choice.place.mention == "Kafr Nabl"
    assert choice.why == "in an earlier sentence of the passage"


def test_geocode_article_main_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Fighting in Mosul went on for a third day.\n\nMosul residents fled.\n\nShops closed early.\n\n"
        "Many stayed home.\n\nTwo soldiers were killed on Tuesday, the army said."
    )
    choice = choose(nlp, gazetteer, text, "killed")
    assert choice.place is not None and choice.place.mention == "Mosul"
    assert choice.why == "the article's main place"


def test_geocode_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    choice = choose(nlp, gazetteer, "Gunmen killed three people on Monday, police said.", "killed")
    assert (choice.place, choice.why) == (None, "the article names no place")


def test_geocode_dateline_town_when_no_other_place_is_named(nlp: Language, gazetteer: Gazetteer) -> None:
    """Where the reporter files is the best guess when the text names no place: precision 2, the reason said."""
    text = "ISLAMABAD, June 4 (Reuters) - Police detained an opposition leader on Tuesday."
    choice = choose(nlp, gazetteer, text, "detained")
    assert choice.place is not None
    assert (choice.place.name, choice.place.geo_precision) == ("Islamabad", 2)
    assert choice.why.startswith("the dateline's town")


def test_geocode_a_town_in_capitals_opening_a_colon_dateline_is_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """The parser tags "KOLKATA" of "KOLKATA: Thousands ..." a common noun; the date line makes it a town."""
    text = "KOLKATA: Thousands of people marched from the old quarter after prayers on Friday."
    choice = choose(nlp, gazetteer, text, "marched")
    assert choice.place is not None and choice.place.name == "Kolkata"


def test_geocode_dateline_does_not_outvote_the_texts_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """A dateline with its date before the agency is still a dateline, and the story's own place wins."""
    text = (
        "KANO, Nigeria, June 2 (Reuters) - Soldiers fought Islamic State West Africa Province (ISWAP) militants"
        " near Gwoza in Borno state on Friday."
    )
    choice = choose(nlp, gazetteer, text, "fought")
    assert choice.place is not None and choice.place.name == "Gwoza"
    assert choice.why == "in the mention's sentence, nearest the trigger"


def test_geocode_country_of_the_actors_when_no_place_is_named(nlp: Language, gazetteer: Gazetteer) -> None:
    choice = choose(nlp, gazetteer, "Taliban fighters overran a checkpoint overnight, killing four.", "overran")
    assert choice.place is not None
    assert (choice.place.country, choice.place.geo_precision, choice.place.mention) == ("AF", 3, None)
    assert choice.why.startswith("the article's country")


def test_geocode_factory_returns_a_geocoder(tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "tiny.sqlite"
    build_gazetteer(path, records=[Record(name="Homs", country="SY", lat=34.73, lon=36.72, population=775_404)])
    geocoder = geonames_geocoder(path=path)
    assert isinstance(geocoder, GeonamesGeocoder)
    article = Article(text="Rebels shelled Homs. Nothing else happened.")
    doc = nlp(article.text)
    mentions = (mention_at(article, doc, "shelled"), mention_at(article, doc, "Nothing"))
    places = geocoder(article, doc, mentions)
    assert [p.name if p else None for p in places] == ["Homs", "Homs"]  # the second from the article's main place
    assert [c.why for c in geocoder.explain(article, doc, mentions)][1] == "in an earlier sentence of the passage"


WORDS = [
    "Rebels",
    "shelled",
    "Aleppo",
    "near",
    "the",
    "town",
    "of",
    "Homs",
    "province",
    ",",
    "President",
    "Assad",
    "said",
    "in",
    "Geneva",
    ".",
    "al-Sukhna",
    "Deir",
    "Az",
    "Zor",
    "city",
    "killed",
    "two",
    "soldiers",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_geocode_one_place_per_mention_and_true_spans(nlp: Language, gazetteer: Gazetteer, words: list[str]) -> None:
    article = Article(text=" ".join(words) + ".")
    doc = nlp(article.text)
    mentions = tuple(
        Mention(
            sub_event_type="Attack",
            trigger=Span.of(article, s.start_char, s.start_char),
            sentence=Span.of(article, s.start_char, s.end_char),
            rule="test",
        )
        for s in doc.sents
    )
    places = geocode_places(article, doc, mentions, gazetteer=gazetteer)
    assert len(places) == len(mentions)
    for place in places:
        assert place is None or (
            (place.mention is None or place.mention in article.text) and place.geo_precision in (1, 2, 3)
        )


# -- which place of the article: datelines, capitals, foreign places, addresses ------------------------------------


def test_geocode_dateline_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "BAGHDAD, Iraq: A car bomb killed six people in northern Iraq on Sunday, officials said.\n\n"
        "The blast hit a market in Tal Afar, a town west of Mosul."
    )
    choice = choose(nlp, gazetteer, text, "killed")
    assert choice.place is not None and choice.place.mention == "Tal Afar"
    assert choice.why == "the article's main place"


def test_geocode_dateline_when_the_article_names_nothing_else(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "KARACHI: Police fired tear gas at striking teachers on Monday.\n\nThe teachers demand higher pay."
    place = place_of(nlp, gazetteer, text, "fired")
    assert (place.name, place.country, place.geo_precision) == ("Karachi", "PK", 2)  # the text never puts it there


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("AMMAN (Xinhua) -- Gunmen shot dead two guards in the southern Jordanian town of Qwrtabad.", "shot", "Jordan"),
        ("NIAMEY, Niger (AFP) - Jihadists overran the village of Xqzville, killing nine soldiers.", "overran", "Niger"),
    ],
)
def test_geocode_dateline_yields_to_an_unknown_town(
    nlp: Language, gazetteer: Gazetteer, text: str, trigger: str, name: str
) -> None:
    """The text names the event's town, unknown to the gazetteer: the event is there, perhaps far from where the
    reporter files, so its country (precision 3), not the dateline's town."""
    place = place_of(nlp, gazetteer, text, trigger)
    assert (place.name, place.geo_precision) == (name, 3)


def test_geocode_capital_named_once_is_not_the_main_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """The capital comes up for another matter: the event named only its country, so the country it is."""
    text = (
        "Gunmen killed ten soldiers at an army post in northern Mali on Friday.\n\n"
        "The government in the capital Bamako condemned what it called a cowardly act."
    )
    place = place_of(nlp, gazetteer, text, "killed")
    assert (place.name, place.geo_precision) == ("Mali", 3)


def test_geocode_earlier_sentence_prefers_a_clear_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Fighters stormed the town of Sangin overnight. "
        "Aid was later sent to Lashkar Gah. "
        "Three police officers were killed, officials said."
    )
    choice = choose(nlp, gazetteer, text, "killed")
    assert choice.place is not None and choice.place.mention == "Sangin"
    assert choice.why == "in an earlier sentence of the passage"


def test_geocode_foreign_place_is_not_picked_when_not_clearly_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Syrian troops shelled the town of Kafr Nabl in Idlib province on Monday. "
        "Two children were killed, Washington and Paris condemned the attack."
    )
    place = place_of(nlp, gazetteer, text, "killed")
    assert place.country == "SY"


def test_geocode_address_is_where_the_writer_puts_the_event(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "In Culiacan, Sinaloa, residents of a fishing camp called Guasave blocked a highway on Monday."
    place = place_of(nlp, gazetteer, text, "blocked")
    assert place.mention == "Culiacan"


def test_geocode_choice_reason_and_explain_evidence(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Rebels attacked an army post in Kunduz on Friday. Two soldiers died."
    article = Article(text=text)
    start = text.index("Two")
    choice = explain_evidence(article, Span.of(article, start, len(text)), nlp=nlp, gazetteer=gazetteer)
    assert choice.place is not None and choice.place.mention == "Kunduz"
    assert choice.reason.startswith("in an earlier sentence of the passage; ")
    assert "in the article's country AF +3" in choice.reason
    assert Choice(place=None, why="the article names no place").reason == "the article names no place"


# -- the finer place of an address, and villages the gazetteer lacks -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        # the province closing an address is where the town lies, not a second place nearer the trigger; the writer's
        # layout is trusted even where the gazetteer files the town in another province
        ("Militants attacked Damaturu (Kukareta ward, Borno) late on Sunday, firing mortars.", "Damaturu", 1),
        # an unknown town in a known province: the province, honestly
        ("Militants attacked Buni Gari (Kukareta ward, Borno) late on Sunday, firing mortars.", "Borno", 3),
        # a village with namesakes only far away, written near a known town: near that town
        ("Gunmen struck Rampur village near Bhuj town on Monday, firing at houses.", "Bhuj", 2),
        # an address closed by a town: no Los Alamos lies in Bogota, so it is an unknown part of the city
        ("Colombian riot police dispersed a crowd in Los Alamos, Bogota, on Monday, firing tear gas.", "Bogotá", 2),
        # an unknown town in a known district
        (
            "Gunmen shot two men at Dardpora town (Kupwara district) on Monday, firing from a car.",
            "Kupwāra",
            2,
        ),
    ],
)
def test_geocode_address_and_unknown_village(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str, precision: int
) -> None:
    place = place_of(nlp, gazetteer, text, "firing")
    assert (place.name, place.geo_precision) == (name, precision)


def test_geocode_unknown_village_stays_in_the_mention(nlp: Language, gazetteer: Gazetteer) -> None:
    place = place_of(nlp, gazetteer, "Gunmen struck Rampur village near Bhuj town on Monday.", "struck")
    assert place.mention == "Rampur village near Bhuj"


def test_geocode_actor_nationality_is_not_the_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """French forces fight in Mali: the event is at the Malian town, not in France."""
    text = "French Barkhane forces struck militant positions in the hills east of Ansongo (Ansongo, Gao)."
    choice = choose(nlp, gazetteer, text, "struck")
    assert choice.article_country == "ML"
    assert choice.place is not None and (choice.place.name, choice.place.country) == ("Ansongo", "ML")


def test_geocode_unknown_village_with_foreign_namesakes(nlp: Language, gazetteer: Gazetteer) -> None:
    """Hamra is a place in Syria and the Emirates, none in Mali: the event is in the town that holds it."""
    text = "Gunmen torched Hamra (Bandiagara, Mopti) on Sunday, killing two herders."
    place = place_of(nlp, gazetteer, text, "torched")
    assert (place.name, place.country, place.geo_precision, place.mention) == (
        "Bandiagara",
        "ML",
        2,
        "Hamra (Bandiagara",
    )


def test_geocode_main_place_is_not_a_list_of_provinces(nlp: Language, gazetteer: Gazetteer) -> None:
    """Places named in a list sum up a war; the story's own place counts more."""
    text = (
        "Insurgents have seized another district centre in Afghanistan.\n\n"
        "Troops abandoned the centre of Shirin Tagab district in the northern province of Faryab, officials said.\n\n"
        "Fighting was also reported in Kunar and Logar provinces, and in Logar and Kunar districts on Monday.\n\n"
        "Insurgents have seized another district centre, officials said."
    )
    choice = choose(nlp, gazetteer, text, "seized")
    assert choice.why == "the article's main place"
    assert choice.place is not None and choice.place.admin1 == "Faryab"


def test_geocode_media_release_is_placed_by_its_own_sentence_only(nlp: Language, gazetteer: Gazetteer) -> None:
    """A group's video has no battlefield: it takes no place from other sentences nor the article's country."""
    text = "Fighting raged in Kunduz on Monday.\nThe Taliban released a video of their leader on Tuesday."
    article = Article(text=text)
    doc = nlp(text)
    fight, video = mention_at(article, doc, "Fighting"), mention_at(article, doc, "released")
    video = Mention(sub_event_type="Other", trigger=video.trigger, sentence=video.sentence, rule="release")
    choices = explain_places(article, doc, (fight, video), gazetteer=gazetteer)
    assert choices[0].place is not None and choices[0].place.country == "AF"
    assert choices[1].place is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Troops withdrew from Baidoa Bay region on Monday.", "Baidoa"),
        ("Gunmen attacked Kismayo Lower Juba region on Friday.", "Kismayo"),
    ],
)
def test_geocode_town_before_its_area_and_type_word(nlp: Language, gazetteer: Gazetteer, text: str, name: str) -> None:
    """ "TOWN AREA region" with nothing between: the town, lying in the area the type word names."""
    place = place_of(nlp, gazetteer, text, text.split()[1])
    assert (place.name, place.geo_precision) == (name, 1)


def test_geocode_demonym_of_the_attacker_is_not_the_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Russian" says who strikes; the place struck is where it happens."""
    place = place_of(nlp, gazetteer, "A Russian missile strike on Kharkiv killed three people on Monday.", "strike")
    assert (place.name, place.country) == ("Kharkiv", "UA")


def test_geocode_a_world_region_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "Africa" of an organisation's name is no village "África" of Mexico; "South Africa" stays a country."""
    text = "Unknown gunmen killed four herders on Monday, the Network for Justice and Peace in Africa said."
    assert choose(nlp, gazetteer, text, "killed").place is None
    names = [t.text for t in find_toponyms(nlp("Police fired rubber bullets at strikers in South Africa."), gazetteer)]
    assert names == ["South Africa"]


def test_geocode_a_spelling_guess_outside_the_texts_lands_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    """Taroum matches Israel's Tarum only as a transliteration: with Chadian and French forces named, it is an
    unknown village, not a place in a land the text never points to."""
    text = "Chadian troops and French advisers fought rebels at Taroum on Sunday."
    place = choose(nlp, gazetteer, text, "fought").place
    assert place is None or place.country != "IL"


def test_geocode_where_an_official_speaks_is_not_the_event_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Gunmen ambushed a police van on Saturday, killing six officers, a hospital official in Peshawar said."
    place = choose(nlp, gazetteer, text, "ambushed").place
    assert place is None or place.name != "Peshawar"
