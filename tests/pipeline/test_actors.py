"""Tests of the actors stage: canonical names, sides from the parse, sources and status.

Every text below is written for these tests (none comes from the seed or the dev sets).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from warwatch.errors import ConfigError
from warwatch.model import Actor, Article, Certainty, Mention, Place, Sides, Span
from warwatch.pipeline.actor_names import load_lexicon
from warwatch.pipeline.actors import (
    UNKNOWN_AGENT,
    UNKNOWN_CUES,
    UNVERIFIED_CUES,
    UNVERIFIED_HERE,
    alias_resolver,
    article_country,
    canonical_actor,
    country_name,
    is_party,
)
from warwatch.pipeline.vocabulary import may_match

JNIM = "JNIM: Group for Support of Islam and Muslims"


@pytest.fixture(scope="session")
def resolve():
    return alias_resolver()


def _mention(article: Article, doc: spacy.tokens.Doc, trigger: str, sub_event_type: str, nth: int = 0) -> Mention:
    """A mention of the ``nth`` occurrence of ``trigger`` in the spaCy sentence that holds it."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(trigger, start + 1)
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Mention(
        sub_event_type=sub_event_type,
        trigger=Span.of(article, start, start + len(trigger)),
        sentence=Span.of(article, sentence.start_char, sentence.end_char),
        rule="test",
    )


def _sides(nlp: Language, resolve, text: str, trigger: str, sub_event_type: str = "Armed clash") -> Sides:
    article = Article(text=text)
    doc = nlp(text)
    (sides,) = resolve(article, doc, (_mention(article, doc, trigger, sub_event_type),))
    return sides


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


# --- canonical names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ISIL",
        "ISIS",
        "IS",
        "Daesh",
        "Islamic State",
        "the Islamic State group",
        "IS fighters",
        "ISIL militants",
        "suspected Daesh gunmen",
    ],
)
def test_actors_aliases_of_islamic_state(text: str) -> None:
    assert canonical_actor(text) == Actor(name="Islamic State", inter=2)


@pytest.mark.parametrize("text", ["this is a quiet town", "it is", "Is it over?", "the island"])
def test_actors_is_only_matches_in_capitals(text: str) -> None:
    assert canonical_actor(text) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Boko Haram insurgents", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
        ("al-Shabab fighters", "Al Shabaab"),
        ("Al-Shabaab", "Al Shabaab"),
        ("the Houthis", "Military Forces of Yemen Supreme Political Council"),
        ("Hizbollah", "Hezbollah"),
        ("ISWAP", "Islamic State (West Africa)"),
        ("the Pakistani Taliban", "TTP: Tehreek-i-Taliban Pakistan"),
        ("Sudanese Armed Forces", "Military Forces of Sudan"),
        ("RSF paramilitaries", "Rapid Support Forces"),
        ("U.S. Africa Command", "Military Forces of the United States"),  # a combatant command of the US forces
        ("anti-Houthi tribesmen", None),
        # forces of a stance are that side's forces; supporters are not
        ("pro-Houthi forces", "Military Forces of Yemen Supreme Political Council"),
        ("pro-Hadi forces", "Military Forces of Yemen"),
        ("pro-ISIL supporters", None),
    ],
)
def test_actors_named_groups(text: str, name: str | None) -> None:
    assert _name(canonical_actor(text, country="YE")) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Syrian army", "Military Forces of Syria"),
        ("Iraqi security forces", "Military Forces of Iraq"),
        ("Nigerian troops", "Military Forces of Nigeria"),
        ("Russian jets", "Military Forces of Russia"),
        ("a Turkish drone", "Military Forces of Turkey"),
        ("Afghan soldiers", "Military Forces of Afghanistan"),
        ("Congolese soldiers", "Military Forces of the Democratic Republic of Congo"),
        ("Filipino marines", "Military Forces of the Philippines"),
        ("American warplanes", "Military Forces of the United States"),
        ("US helicopters", "Military Forces of the United States"),
        ("Malian soldiers", "Military Forces of Mali"),
        ("the Ethiopian military", "Military Forces of Ethiopia"),
        ("Ukrainian artillery", "Military Forces of Ukraine"),
        ("Israeli aircraft", "Military Forces of Israel"),
        ("the Syrian government", "Military Forces of Syria"),
        ("government fighters", "Military Forces of Syria"),
        ("Kenyan police", "Police Forces of Kenya"),
        ("Burkinabe gendarmes", "Police Forces of Burkina Faso"),
    ],
)
def test_actors_state_forces_from_demonyms(text: str, name: str) -> None:
    assert canonical_actor(text, country="SY") == Actor(name=name, inter=1)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("the army", "ML", "Military Forces of Mali"),
        ("troops", "Mali", "Military Forces of Mali"),
        ("soldiers", "CD", "Military Forces of the Democratic Republic of Congo"),
        ("the military", "Myanmar", "Military Forces of Myanmar"),
        ("police", "PK", "Police Forces of Pakistan"),
        ("two policemen", "IN", "Police Forces of India"),
        ("riot police", "Chile", "Police Forces of Chile"),
        ("a brigadier general", "SY", "Military Forces of Syria"),  # an officer by rank is of the army
        ("two army officers", "IQ", "Military Forces of Iraq"),
        ("a lieutenant colonel", "Mali", "Military Forces of Mali"),
        ("the army", None, None),
        ("government territory", "SY", None),
    ],
)
def test_actors_unmarked_forces_belong_to_the_event_country(text: str, country: str | None, name: str | None) -> None:
    assert _name(canonical_actor(text, country=country)) == name


def test_actors_two_states_named_as_alternatives_give_the_first() -> None:
    assert canonical_actor("either French or Malian warplanes") == Actor(name="Military Forces of France", inter=1)


@pytest.mark.parametrize(
    ("text", "name", "inter"),
    [
        ("hundreds of protesters", "Protesters (Kenya)", 6),
        ("demonstrators", "Protesters (Kenya)", 6),
        ("rioters", "Rioters (Kenya)", 5),
        ("an angry mob", "Rioters (Kenya)", 5),
        ("villagers", "Civilians (Kenya)", 7),
        ("three fishermen", "Civilians (Kenya)", 7),
        ("a health worker", "Civilians (Kenya)", 7),
        ("unknown gunmen", "Unidentified Armed Group (Kenya)", 3),
        ("suspected militants", "Unidentified Armed Group (Kenya)", 3),
        ("Somali civilians", "Civilians (Somalia)", 7),
    ],
)
def test_actors_generic_actors_carry_the_country(text: str, name: str, inter: int) -> None:
    assert canonical_actor(text, country="KE") == Actor(name=name, inter=inter)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("armed Murle youths", "SS", "Murle Ethnic Militia (South Sudan)"),
        ("Tiv militiamen", "NG", "Tiv Ethnic Militia (Nigeria)"),
        ("suspected Berom gunmen", "NG", "Berom Ethnic Militia (Nigeria)"),
        ("Abgaal clan fighters", "SO", "Abgaal Clan Militia (Somalia)"),
        ("fighters of the Al Awaliq tribe", "YE", "Al Awaliq Tribal Militia (Yemen)"),
        ("Somali clan militias", "SO", "Unidentified Clan Militia (Somalia)"),
        ("rival clan militias", "SO", "Unidentified Clan Militia (Somalia)"),
        ("Murle villagers", "SS", "Civilians (South Sudan)"),
        ("young men", "SS", None),
    ],
)
def test_actors_an_unnamed_group_of_a_people_clan_or_tribe_is_its_militia(text: str, country: str, name: str) -> None:
    """ACLED names armed men by the people, clan or tribe the text gives them (inter 4, identity militias)."""
    actor = canonical_actor(text, country=country)
    assert (actor and actor.name) == name


def test_actors_civilians_of_a_people_carry_its_label_and_two_peoples_are_two_militias() -> None:
    reading = load_lexicon().read("Tiv farmers", "NG")
    assert reading.labels == ("Tiv Ethnic Group (Nigeria)", "Farmers (Nigeria)")
    assert [a.name for a in load_lexicon().read("Hema and Lendu militias", "CD").actors] == [
        "Hema Ethnic Militia (Democratic Republic of Congo)",
        "Lendu Ethnic Militia (Democratic Republic of Congo)",
    ]


@pytest.mark.parametrize(
    ("day", "name"),
    [(date(2024, 5, 1), "Military Forces of Afghanistan"), (date(2019, 5, 1), "Taliban"), (None, "Taliban")],
)
def test_actors_a_group_in_power_by_the_day_is_the_state(day: date | None, name: str) -> None:
    actor = canonical_actor("Taliban fighters", day=day)
    assert actor == Actor(name=name, inter=1 if name.startswith("Military") else 2)
    assert canonical_actor("HTS gunmen", day=date(2025, 3, 1)) == Actor(name="Military Forces of Syria", inter=1)


def test_actors_country_name_uses_acled_spelling() -> None:
    assert country_name("CD") == "Democratic Republic of Congo"
    assert country_name("SY") == "Syria"
    assert country_name("CI") == "Ivory Coast"


def test_actors_article_country_counts_names_and_places(nlp: Language) -> None:
    text = (
        "Gunmen raided a village near Mopti in central Mali on Sunday. Malian officials said the attackers "
        "came on motorbikes. A French diplomat condemned the raid."
    )
    assert article_country(Article(text=text), nlp(text)) == "ML"


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("Islamic State", True),
        ("Military Forces of Syria", True),
        ("Police Forces of Kenya", True),
        ("Ministry of Defence of Russia", True),
        ("Government of Afghanistan", True),
        ("Syrian Observatory for Human Rights", False),
        ("Reuters", False),
        ("Amnesty International", False),
        ("local residents", False),
    ],
)
def test_actors_is_party(name: str, party: bool) -> None:
    assert is_party(name) is party


# --- sides ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "actor2"),
    [
        # active verb: subject acts on the object
        (
            "Nigerian troops attacked a Boko Haram camp near Maiduguri on Monday.",
            "attacked",
            "Military Forces of Nigeria",
            "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
        ),
        # passive verb: the by-phrase acts
        (
            "Two Somali soldiers were killed by al-Shabaab fighters outside Baidoa.",
            "killed",
            "Al Shabaab",
            "Military Forces of Somalia",
        ),
        # nominal trigger: an attack by X on Y
        (
            "Residents reported an attack by ISIS militants on an Iraqi army checkpoint near Kirkuk.",
            "attack",
            "Islamic State",
            "Military Forces of Iraq",
        ),
        # the defender repels the attack: the attacker comes first
        (
            "Malian soldiers repelled an assault by JNIM fighters on their base near Boni.",
            "repelled",
            "JNIM: Group for Support of Islam and Muslims",
            "Military Forces of Mali",
        ),
        # who launched the weapons used them, whatever word names their make
        (
            "Russia launched 90 Shahed drones at Ukraine overnight, hitting a power plant in Odesa.",
            "drones",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
        # reciprocal verb with coordinated subjects
        (
            "The Taliban and Afghan police clashed for hours in Kunduz province.",
            "clashed",
            "Taliban",
            "Police Forces of Afghanistan",
        ),
    ],
)
def test_actors_sides_from_the_parse(nlp: Language, resolve, text: str, trigger: str, actor1: str, actor2: str) -> None:
    sides = _sides(nlp, resolve, text, trigger)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


def test_actors_a_place_that_fell_to_a_group_was_taken_by_it_and_fleeing_residents_are_no_side(
    nlp: Language, resolve
) -> None:
    """ "The fall of X to Y": Y took it; civilians are no side of a capture or a battle (ACLED codes armed sides)."""
    text = "Residents fled after the fall of the river town to the Arakan Army in Rakhine, Myanmar, on Thursday."
    sides = _sides(nlp, resolve, text, "fall", "Non-state actor overtakes territory")
    assert (_name(sides.actor1), sides.actor2) == ("ULA/AA: United League of Arakan/Arakan Army", None)


def test_actors_a_weapon_thrown_at_someone_targets_them(nlp: Language, resolve) -> None:
    """ "A grenade lobbed at a police party": the police are the target, whoever threw it."""
    text = "A grenade lobbed at an army patrol in Kupwara, India, on Friday exploded on the road, injuring nine people."
    sides = _sides(nlp, resolve, text, "grenade", "Grenade")
    assert _name(sides.actor2) == "Military Forces of India" and _name(sides.actor1) != "Military Forces of India"


def test_actors_attack_on_civilians_targets_civilians(nlp: Language, resolve) -> None:
    text = "Gunmen opened fire on villagers in a market in Zamfara state, Nigeria, killing nine."
    sides = _sides(nlp, resolve, text, "opened", "Attack")
    assert (_name(sides.actor1), _name(sides.actor2)) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")


def test_actors_air_strike_on_a_hospital_hits_civilians(nlp: Language, resolve) -> None:
    text = "Either Russian or Syrian government warplanes bombed a hospital in Idlib province in Syria on Sunday."
    sides = _sides(nlp, resolve, text, "bombed", "Air/drone strike")
    assert _name(sides.actor1) == "Military Forces of Russia"
    assert sides.assoc_actor_1 == ("Military Forces of Syria",)
    assert _name(sides.actor2) == "Civilians (Syria)"


def test_actors_protest_sides_are_protesters_and_police(nlp: Language, resolve) -> None:
    text = "Hundreds of teachers marched in Nairobi, Kenya, on Friday. Police fired tear gas to disperse them."
    sides = _sides(nlp, resolve, text, "marched", "Protest with intervention")
    assert (_name(sides.actor1), _name(sides.actor2)) == ("Protesters (Kenya)", "Police Forces of Kenya")
    assert "Teachers (Kenya)" in sides.assoc_actor_1


def test_actors_unnamed_allies_are_the_allies_named_elsewhere(nlp: Language, resolve) -> None:
    text = (
        "The Malian army and its allies repelled a heavy assault by JNIM fighters on a base near Mopti. "
        "The Wagner Group is one of the closest allies of the Malian government."
    )
    sides = _sides(nlp, resolve, text, "assault")
    assert _name(sides.actor1) == "JNIM: Group for Support of Islam and Muslims"
    assert _name(sides.actor2) == "Military Forces of Mali"
    assert sides.assoc_actor_2 == ("Wagner Group",)


def test_actors_backed_by_puts_the_backer_beside_the_side(nlp: Language, resolve) -> None:
    text = "Backed by French warplanes, Malian troops attacked JNIM positions near Gao on Tuesday."
    sides = _sides(nlp, resolve, text, "attacked")
    assert _name(sides.actor1) == "Military Forces of Mali"
    assert "Military Forces of France" in sides.assoc_actor_1


def test_actors_pronoun_subject_of_reported_speech_is_the_speaker(nlp: Language, resolve) -> None:
    text = "Al-Shabaab said on Monday it had overrun an army base in Lower Shabelle, Somalia."
    sides = _sides(nlp, resolve, text, "overrun", "Non-state actor overtakes territory")
    assert _name(sides.actor1) == "Al Shabaab"
    assert _name(sides.actor2) == "Military Forces of Somalia"


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        ("A grenade thrown into a bar in Bukavu, Congo, killed two people, police said.", "grenade", "Grenade"),
        ("Three traders were shot dead at a market in Kano, Nigeria, the police said.", "shot", "Attack"),
    ],
)
def test_actors_the_state_that_reports_an_attack_did_not_make_it(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert _name(sides.actor1).startswith("Unidentified Armed Group")


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "expected"),
    [
        ("Members of the Ti Makak gang killed four people in Cabaret, Haiti, on Monday.", "killed", "Attack",
         "Ti Makak"),
        ("Gunmen of the 300 Kilos group kidnapped a pastor in Cabaret, Haiti, on Monday.", "kidnapped",
         "Abduction/forced disappearance", "300 Kilos"),
        ("The Tamu Liberation Front attacked a police post in Tamu, Myanmar, on Monday.", "attacked", "Armed clash",
         "Tamu Liberation Front"),
        # a country's army, and no group at all, are no unlisted group
        ("The Malian army attacked a rebel camp near Kidal, Mali, on Monday.", "attacked", "Armed clash",
         "Military Forces of Mali"),
        ("No group attacked the convoy near Kidal, Mali, on Monday.", "attacked", "Armed clash", None),
        ("Extortion gangs attacked a market in Guayaquil, Ecuador, on Monday.", "attacked", "Armed clash",
         "Unidentified Gang (Ecuador)"),
    ],
)  # fmt: skip
def test_actors_an_armed_group_the_table_lacks_goes_by_its_written_name(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, expected: str | None
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert _name(sides.actor1) == expected or (expected is None and not _name(sides.actor1).startswith("No"))


# --- sources and status --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "sources"),
    [
        ("Five soldiers died in an ambush near Gao, according to the UN mission.", "ambush", ("United Nations",)),
        (
            "The Syrian Observatory for Human Rights, a monitor based in Britain, said jets struck Ariha.",
            "struck",
            ("Syrian Observatory for Human Rights",),
        ),
        ("Rebels shelled the town overnight, said a Hezbollah media office.", "shelled", ("Hezbollah",)),
        ("Fighters captured the hill, according to a news outlet run by the Taliban.", "captured", ("Taliban",)),
        (
            "A security official, speaking on condition of anonymity, said gunmen killed two guards.",
            "killed",
            ("security official (anonymous)",),
        ),
        ("Afghan officials said the insurgents seized a district centre.", "seized", ("Government of Afghanistan",)),
        (
            "The police and doctors at the hospital said a mob burned two shops in Jos, Nigeria.",
            "burned",
            ("Police Forces of Nigeria", "doctors"),
        ),
        ("A mob burned two shops in Jos, Nigeria, on Sunday, police said.", "burned", ("Police Forces of Nigeria",)),
        (
            "The authorities said a curfew was imposed after a mob burned a church in Kaduna, Nigeria.",
            "burned",
            ("Government of Nigeria",),
        ),
        (
            "The Russian defence ministry said its forces destroyed a tank.",
            "destroyed",
            ("Ministry of Defence of Russia",),
        ),
        ("State media in Myanmar reported that troops killed three fighters.", "killed", ("state media (Myanmar)",)),
        (
            "Physicians for Human Rights documented an air strike on a clinic. The group said the strike "
            "destroyed the emergency ward.",
            "destroyed",
            ("Physicians for Human Rights",),
        ),
        # an organisation's name keeps its clause, without the article
        (
            "Two reporters were killed in Gaza on Monday, the Committee to Protect Journalists said.",
            "killed",
            ("Committee to Protect Journalists",),
        ),
        # a closing "said" the parser misplaces: the speaker nearest it, or the words before it
        (
            "Militiamen on foot killed at least 9 traders in an ambush near Tessit in Mali's Gao region on Monday, "
            "the commune's deputy mayor said.",
            "killed",
            ("deputy mayor",),
        ),
        (
            "A drone strike on a market outside Kurmuk killed 14 traders on Sunday, including two boys, residents "
            "and a local nurse said.",
            "strike",
            ("residents", "local nurse"),
        ),
    ],
)
def test_actors_sources(nlp: Language, resolve, text: str, trigger: str, sources: tuple[str, ...]) -> None:
    assert _sides(nlp, resolve, text, trigger).sources == sources


@pytest.mark.parametrize(
    ("text", "trigger", "sources"),
    [
        # "the Observatory" three sentences on is still the monitor named first
        (
            "The Syrian Observatory for Human Rights said jets struck Ariha. A video showed the ruins. "
            "Residents fled north. Rebels clashed with troops near Daraa, the Observatory said.",
            "clashed",
            ("Syrian Observatory for Human Rights",),
        ),
        # a spokesperson is a source, and so is the body they speak for
        (
            "Police spokesman John Okoro said rioters burned a police station in Jos, Nigeria.",
            "burned",
            ("John Okoro", "Police Forces of Nigeria"),
        ),
        # "they" after a group named in the sentence before
        (
            "The village is home to a militia called the Sinjar Resistance Units. In a statement, they said "
            "a drone strike hit their vehicle.",
            "strike",
            ("YBS: Sinjar Resistance Units",),
        ),
        # an unknown organisation that defines its acronym goes by the acronym
        (
            "The Center for Peace and Justice (CPJ), a local group, said gunmen attacked the village.",
            "attacked",
            ("CPJ",),
        ),
        ("According to local reports, gunmen attacked the village.", "attacked", ("local reports",)),
        ("As per an official, hundreds marched through the town.", "marched", ("official",)),
        (
            "A member of the district council, Ahmad Karimi, said the insurgents seized the town.",
            "seized",
            ("Ahmad Karimi",),
        ),
    ],
)
def test_actors_sources_referred_back(nlp: Language, resolve, text: str, trigger: str, sources: tuple) -> None:
    assert _sides(nlp, resolve, text, trigger).sources == sources


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        (
            "the Trauma Response Center of the Health Ministry",
            "LY",
            "Trauma Response Center (Ministry of Health of Libya)",
        ),
        ("the Health Ministry", "LY", "Ministry of Health of Libya"),
        ("Kurdistan's counter-terrorism service", "IQ", "Kurdistan Region Counter-Terrorism Service"),
        ("the ministry", "LY", "the ministry"),
        ("NAF", "NG", "Military Forces of Nigeria"),  # Nigeria's air force, not the Donbas separatists
        ("NAF", "UA", "NAF: United Armed Forces of Novorossiya"),
    ],
)
def test_actors_canonical_source_names(resolve, text: str, country: str, name: str) -> None:
    assert resolve.canonical_source(text, country=country) == name


def test_actors_unmarked_forces_take_the_geocoded_country(nlp: Language, resolve) -> None:
    text = "Soldiers clashed with armed men near Springfield on Monday."
    article = Article(text=text)
    doc = nlp(text)
    mention = _mention(article, doc, "clashed", "Armed clash")
    place = Place(name="Springfield", country="ZA", lat=-26.2, lon=28.0)
    (sides,) = resolve(article, doc, (mention,), (place,))
    assert {_name(sides.actor1), _name(sides.actor2)} == {
        "Military Forces of South Africa",
        "Unidentified Armed Group (South Africa)",
    }


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        ("Al-Shabaab said it had killed twelve Somali soldiers in an attack on a base.", "attack", Certainty.CLAIMED),
        (
            "The Ukrainian army said its troops destroyed two Russian tanks near Bakhmut.",
            "destroyed",
            Certainty.CLAIMED,
        ),
        (
            "Islamic State purportedly beheaded two hostages in a video released on Sunday.",
            "beheaded",
            Certainty.UNVERIFIED,
        ),
        (
            "Rebels said they shot down a helicopter. The claim could not be independently verified.",
            "shot",
            Certainty.UNVERIFIED,
        ),
        (
            "Troops shelled a village in Idlib, the Syrian Observatory for Human Rights said.",
            "shelled",
            Certainty.REPORTED,
        ),
        ("Gunmen reportedly killed a local chief in Kasai on Friday.", "killed", Certainty.REPORTED),
        ("Police said unknown gunmen killed three farmers in Benue state, Nigeria.", "killed", Certainty.REPORTED),
        ("Al-Shabaab claimed responsibility for the attack on the base.", "attack", Certainty.CLAIMED),
        (
            "Gunmen attacked a bus in Kasai, a spokesman for the rebels said, but this could not be "
            "independently verified.",
            "attacked",
            Certainty.UNVERIFIED,
        ),
    ],
)
def test_actors_status(nlp: Language, resolve, text: str, trigger: str, status: Certainty) -> None:
    assert _sides(nlp, resolve, text, trigger, "Attack").status == status


# --- contract and invariants ---------------------------------------------------------------------


def test_actors_missing_table_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ConfigError, match=f"actor table {missing} does not exist"):
        alias_resolver(table=missing)


def test_actors_bad_table_entry_names_the_field(tmp_path: Path) -> None:
    table = tmp_path / "actors.json"
    table.write_text('{"actors": [{"name": "X", "aliases": []}]}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"actors\[0\] lacks field 'party'"):
        alias_resolver(table=table)


WORDS = st.sampled_from(
    "the army ISIL police attacked killed villagers said according to Reuters in Syria and its allies by on "
    "gunmen Taliban , . protesters IS is jets Russian".split()
)


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25), st.data())
def test_actors_one_sides_per_mention_on_any_text(
    nlp: Language, resolve, words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    article = Article(text=text)
    doc = nlp(text)
    mentions = []
    for _ in range(data.draw(st.integers(0, 3))):
        tok = doc[data.draw(st.integers(0, len(doc) - 1))]
        mentions.append(
            Mention(
                sub_event_type=data.draw(st.sampled_from(["Attack", "Armed clash", "Peaceful protest", "Other"])),
                trigger=Span.of(article, tok.idx, tok.idx + len(tok.text)),
                sentence=Span.of(article, tok.sent.start_char, tok.sent.end_char),
                rule="test",
            )
        )
    sides = resolve(article, doc, tuple(mentions))
    assert len(sides) == len(mentions)
    assert all(isinstance(s, Sides) for s in sides)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_actors_canonical_actor_never_fails(text: str) -> None:
    actor = canonical_actor(text, country="SY")
    assert actor is None or 1 <= (actor.inter or 1) <= 8


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "The Allied Democratic Forces have long been active near Beni. Rebels attacked a farm on Monday.",
            "ADF: Allied Democratic Forces",
        ),
        # unknown attackers stay unidentified; with two named groups nobody can tell which
        (
            "The Allied Democratic Forces have long been active near Beni. Unidentified militants attacked a "
            "farm on Monday.",
            "Unidentified Armed Group",
        ),
        (
            "Both the ADF and the M23 are active near Beni. Rebels attacked a farm on Monday.",
            "Rebels",
        ),
    ],
)
def test_actors_generic_rebels_are_the_one_named_group(nlp: Language, resolve, text: str, actor1: str) -> None:
    name = _name(_sides(nlp, resolve, text, "attacked", "Attack").actor1) or ""
    assert name.startswith(actor1)


@pytest.mark.parametrize(
    ("text", "weak", "name"),
    [
        # ACLED's unit suffixes for units it names apart
        ("military police forces", False, "Military Forces of Brazil Military Police"),
        ("federal police officers", False, "Police Forces of Brazil Federal Police"),
        ("prison guards", False, "Police Forces of Brazil Prison Guards"),
        ("the police", False, "Police Forces of Brazil"),
        # criminal gangs are an unidentified gang when they fight, civilians when they are victims
        ("a gang of drug traffickers", False, "Unidentified Gang (Brazil)"),
        ("a suspected gang member", True, "Civilians (Brazil)"),
    ],
)
def test_actors_units_and_gangs(text: str, weak: bool, name: str) -> None:
    assert [a.name for a in load_lexicon().read(text, "BR", weak=weak).actors] == [name]


# --- sources are no sides, claims, nationalities of attacks, named and casualty targets ----------------


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "actor2"),
    [
        # the speaker of "X said" is a source, not the target: the reflexive "himself" is no speaker
        (
            "A suicide bomber blew himself up at a mosque in Kunduz, killing 30 worshippers, Taliban officials said.",
            "bomber",
            "Suicide bomb",
            "Unidentified Armed Group (Afghanistan)",
            "Civilians (Afghanistan)",
        ),
        # a nationality before an event noun is its state's forces; casualties are civilians
        (
            "A Russian missile strike on Odesa killed four people on Sunday, the governor said.",
            "missile",
            "Shelling/artillery/missile attack",
            "Military Forces of Russia",
            None,
        ),
        ("Ukrainian troops repelled a Russian assault near Avdiivka.", "repelled", "Armed clash", None, None),
        # a weapon trigger takes the roles of the verb that uses it: the object of "at" is the target
        (
            "Militants hurled a grenade at a CRPF vehicle in Srinagar, wounding two personnel.",
            "grenade",
            "Grenade",
            "Unidentified Armed Group (India)",
            "Police Forces of India",
        ),
        ("Police in Enugu arrested 12 members of the separatist group IPOB.", "arrested", "Arrests", None, None),
        ("Soldiers detained opposition leader John Mbeki in Harare on Monday.", "detained", "Arrests", None, None),
        (
            "Israeli jets struck a house in the Lebanese town of Tyre, killing nine people.",
            "jets",
            "Air/drone strike",
            "Military Forces of Israel",
            "Civilians (Lebanon)",
        ),
        ("Burundi army, rebels clash near Gitega", "clash", "Armed clash", "Military Forces of Burundi", None),
    ],
)
def test_actors_sides_beyond_the_speaker(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str | None, actor2: str | None
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    if actor1:
        assert _name(sides.actor1) == actor1
    if actor2:
        assert _name(sides.actor2) == actor2
    names = {_name(sides.actor1), _name(sides.actor2)}
    if "Avdiivka" in text:
        assert names == {"Military Forces of Russia", "Military Forces of Ukraine"}
    if "IPOB" in text:
        assert _name(sides.actor2) == "IPOB: Indigenous People of Biafra"
    if "Mbeki" in text:
        assert _name(sides.actor2) == "Civilians (Zimbabwe)"
    if "Burundi" in text:
        assert _name(sides.actor2) == "Rebels (Burundi)"


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "status"),
    [
        (
            "A roadside bomb exploded near a market in Baidoa on Monday, killing six people. "
            "Al Shabaab said it carried out the attack.",
            "bomb",
            "Remote explosive/landmine/IED",
            "Al Shabaab",
            Certainty.CLAIMED,
        ),
        (
            "A suicide bomber struck a mosque in Peshawar, killing 20 worshippers, police said. "
            "Islamic State claimed responsibility.",
            "bomber",
            "Suicide bomb",
            "Islamic State",
            Certainty.CLAIMED,
        ),
        # "claimed the attack" is a claim too
        (
            "Gunmen shot dead seven farmers near Menaka on Sunday. "
            "The Islamic State group's Sahel branch claimed the attack.",
            "shot",
            "Attack",
            "Islamic State",
            Certainty.CLAIMED,
        ),
        # unknown gunmen fighting soldiers: the group that claims the battle fought it; not the soldiers' own account
        (
            "Gunmen stormed a gendarmerie post near Arbinda on Sunday, killing nine gendarmes. "
            "JNIM claimed responsibility in a statement.",
            "stormed",
            "Armed clash",
            "JNIM: Group for Support of Islam and Muslims",
            Certainty.CLAIMED,
        ),
        (
            "Gunmen stormed a gendarmerie post near Arbinda on Sunday, killing nine gendarmes. "
            "The army said it repelled the attack.",
            "stormed",
            "Armed clash",
            "Unidentified Armed Group (Burkina Faso)",
            Certainty.CLAIMED,  # by a party: the army
        ),
        # whom the authorities blame did it, but the status stays as reported
        (
            "A bomb exploded at a crowded bus station in Maiduguri on Monday, killing seven people. "
            "Police blamed Boko Haram for the blast.",
            "bomb",
            "Remote explosive/landmine/IED",
            "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
            Certainty.REPORTED,
        ),
        # ... or blame in the sentence that tells the attack
        (
            "Nine people were killed in a bombing at a bus park in Gwoza on Monday, residents said, blaming Boko "
            "Haram.",
            "bombing",
            "Remote explosive/landmine/IED",
            "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
            Certainty.REPORTED,
        ),
        # a claim of another deed is no claim of this attack
        (
            "A roadside bomb exploded near a market in Baidoa on Monday, killing six people. "
            "Al Shabaab said it controls the town.",
            "bomb",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Somalia)",
            Certainty.REPORTED,
        ),
    ],
)
def test_actors_a_following_claim_names_the_unknown_attacker(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str, status: Certainty
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert _name(sides.actor1) == actor1
    assert sides.status is status


def test_actors_a_source_is_no_attacker(nlp: Language, resolve) -> None:
    """A demonym in a monitor's name makes no state actor; an unowned 'drone' is nobody's when the text says
    the attacker is unknown; the event noun the parser hangs on "said" is no source."""
    text = (
        "A drone strike killed five people at a bakery in Raqqa on Monday, the Syrian Observatory for Human "
        "Rights said. It was not immediately clear who carried out the strike."
    )
    sides = _sides(nlp, resolve, text, "strike", "Air/drone strike")
    assert sides.actor1 is None
    assert sides.sources == ("Syrian Observatory for Human Rights",)


def test_actors_general_staff_is_a_military_source(nlp: Language, resolve) -> None:
    text = "Ukrainian forces repelled an assault near Kupiansk on Friday, Ukraine's general staff said."
    sides = _sides(nlp, resolve, text, "repelled")
    assert sides.sources == ("Military Forces of Ukraine",)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("the Radaa Deterrence force", "LY", "RADA: Special Deterrence Force"),
        ("the 444 Brigade", "LY", "444th Brigade"),
        ("Amba fighters", "CM", "Ambazonian Separatists"),
        ("an Israeli settler", "PS", "Settlers (Israel)"),
        ("the Oromo Liberation Army", "ET", "OLF-Shane/OLA: Oromo Liberation Front-Shane/Oromo Liberation Army"),
        ("dissidents of the former FARC", "CO", "FARC Dissidents"),
        ("Habar Gidir militias", "SO", "Habar Gedir Clan Militia (Somalia)"),
        ("the banned Popular Front of India", "IN", "PFI: Popular Front of India"),
        ("the opposition Oromo Federalist Congress", "ET", "OFC: Oromo Federalist Congress"),
        ("a World Food Programme warehouse", "SS", "WFP: World Food Programme"),
        # UN peacekeepers are the UN mission of the country, else the United Nations
        ("two UN peacekeepers", "LB", "UNIFIL: United Nations Interim Force in Lebanon"),
        ("two UN peacekeepers", "SS", "UNMISS: United Nations Mission in South Sudan"),
        ("two UN peacekeepers", "HT", "UN: United Nations"),
    ],
)
def test_actors_named_groups_of_conflict_news(text: str, country: str, name: str) -> None:
    assert _name(canonical_actor(text, country=country)) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Saudi hospital", "Civilians (Sudan)"),
        ("a Turkish-run school", "Civilians (Sudan)"),
        ("Eritrean refugees", "Civilians (Eritrea)"),
    ],
)
def test_actors_a_site_is_of_the_event_country(text: str, name: str) -> None:
    """A nationality before a building names its founder; before people, their country."""
    assert _name(canonical_actor(text, country="SD")) == name


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "actor2"),
    [
        # "blamed on X", "fired by X": the participle names the attacker
        (
            "A drone strike blamed on the Rapid Support Forces hit a hospital in El Obeid on Friday, killing nine.",
            "strike",
            "Air/drone strike",
            "Rapid Support Forces",
            "Civilians (Sudan)",
        ),
        (
            "Shells fired by the Rapid Support Forces landed on a camp near Nyala on Tuesday, killing 12 people.",
            "Shells",
            "Shelling/artillery/missile attack",
            "Rapid Support Forces",
            "Civilians (Sudan)",
        ),
        # a state that reports a roadside bomb did not plant it
        (
            "A roadside bomb struck a bus on the road to Afgoye on Monday, killing five passengers, police said.",
            "bomb",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Somalia)",
            "Civilians (Somalia)",
        ),
        # "fought off an attack by X": X attacked
        (
            "Soldiers fought off an attack by Ansaroul Islam fighters on their base in Djibo on Sunday.",
            "attack",
            "Armed clash",
            "Ansaroul Islam",
            "Military Forces of Burkina Faso",
        ),
        # who ran into a mine is its victim; who planted it is unknown
        (
            "Two Nigerien soldiers were killed on Sunday when their patrol vehicle hit a landmine near Diffa.",
            "hit",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Niger)",
            "Military Forces of Niger",
        ),
    ],
)
def test_actors_attacker_named_by_a_participle_or_unknown(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str, actor2: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


def test_actors_a_generic_modifier_stands_for_the_named_group(nlp: Language, resolve) -> None:
    """ "a jihadist assault" in an article that names one armed group is that group's."""
    text = (
        "Mali army says it repelled jihadist assault on Boni camp. "
        "Troops repelled an attack by JNIM fighters on their camp in Boni on Monday."
    )
    sides = _sides(nlp, resolve, text, "assault", "Armed clash")
    assert _name(sides.actor1) == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("armed separatists", "CM", "Ambazonian Separatists"),
        ("suspected separatist fighters", "CM", "Ambazonian Separatists"),
        ("rebels", "CM", "Rebels (Cameroon)"),
        ("armed separatists", "ES", "Rebels (Spain)"),
    ],
)
def test_actors_unnamed_separatists_of_a_country_with_one_movement(text: str, country: str, name: str) -> None:
    assert _name(canonical_actor(text, country=country)) == name


@pytest.mark.parametrize(
    ("sub_event_type", "actor1", "actor2"),
    [
        ("Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya"),
        ("Excessive force against protesters", "Police Forces of Kenya", "Protesters (Kenya)"),
    ],
)
def test_actors_protest_sides_follow_acled(
    nlp: Language, resolve, sub_event_type: str, actor1: str, actor2: str
) -> None:
    """Protesters are actor1 of a protest the police broke up, actor2 of one the police fired on."""
    text = "Kenyan police fired tear gas and live rounds at protesters in Nairobi on Tuesday, killing two."
    sides = _sides(nlp, resolve, text, "fired", sub_event_type)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        # state forces named by their unit or post, not by "army" or "police"
        ("a patrol of paramilitary Rangers", "PK", "Military Forces of Pakistan"),
        ("a Frontier Corps check post", "PK", "Military Forces of Pakistan"),
        ("personnel of the District Reserve Guard", "IN", "Police Forces of India"),
        ("a camp of the Levies force", "PK", "Police Forces of Pakistan"),
        ("a patrol of the border police", "IQ", "Police Forces of Iraq"),
        ("three guardsmen", "MX", "Military Forces of Mexico"),
        # peacekeepers of a mission, and local armed groups by what they are
        ("NATO-led KFOR peacekeepers", "XK", "KFOR: Kosovo Force"),
        ("a base of African Union peacekeepers", "SO", "AMISOM: African Union Mission in Somalia"),
        ("Naxal rebels", "IN", "CPI (Maoist): Communist Party of India (Maoist)"),
        ("armed vigilantes", "NG", "Vigilante Group (Nigeria)"),
        ("clan militiamen", "SO", "Unidentified Clan Militia (Somalia)"),
        ("members of a self-defence group", "BF", "Unidentified Communal Militia (Burkina Faso)"),
        # a lower-case alias also matches as a sentence's capitalised first word
        ("Dissidents of the former FARC guerrilla", "CO", "FARC Dissidents"),
        # a group's own post is the group; a place or office it holds is not
        ("a Houthi-held military camp", "YE", "Military Forces of Yemen Supreme Political Council"),
        ("the Houthi-run health ministry", "YE", None),
        ("allied fighters of the Civilian Joint Task Force", "NG", "CJTF: Civilian Joint Task Force"),
        ("a Hamas-controlled area", "PS", None),
    ],
)
def test_actors_forces_and_groups_named_by_description(text: str, country: str, name: str | None) -> None:
    assert _name(canonical_actor(text, country=country)) == name


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "actor2"),
    [
        # the victims of a strike on a place a group holds are whom it killed, not the group
        (
            "A US air strike on an Islamic State-controlled village in Syria killed eight civilians on Thursday.",
            "strike",
            "Air/drone strike",
            "Military Forces of the United States",
            "Civilians (Syria)",
        ),
        # "X came under fire from Y": X is the target
        (
            "UN peacekeepers came under fire from gunmen near Naqoura in Lebanon on Friday.",
            "came",
            "Armed clash",
            "Unidentified Armed Group (Lebanon)",
            "UNIFIL: United Nations Interim Force in Lebanon",
        ),
        # a reciprocal verb read as a participle still has its subject as a side
        (
            "Stone-throwing youths clashed with police in Srinagar, India, on Friday.",
            "clashed",
            "Mob violence",
            "Rioters (India)",
            "Police Forces of India",
        ),
        # peacekeepers who face a riot are its other side, as state forces are
        (
            "Protesters threw stones at UN peacekeepers in Naqoura, Lebanon, on Monday.",
            "threw",
            "Violent demonstration",
            "Rioters (Lebanon)",
            "UNIFIL: United Nations Interim Force in Lebanon",
        ),
    ],
)
def test_actors_targets_described_indirectly(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str, actor2: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2", "assoc1"),
    [
        # a militia fighting beside the army is the army's associate
        (
            "Pro-government militiamen and soldiers clashed with rebels near Kismayo in Somalia on Thursday.",
            "Military Forces of Somalia",
            "Rebels (Somalia)",
            ("Militia (Pro-Government)",),
        ),
        # "the rebels" facing the one named group are not that group
        (
            "Hezbollah fighters and Syrian troops clashed with rebels near Qusayr in Syria on Sunday.",
            "Military Forces of Syria",
            "Rebels (Syria)",
            ("Hezbollah",),
        ),
    ],
)
def test_actors_allied_militias_and_their_foes(
    nlp: Language, resolve, text: str, actor1: str, actor2: str, assoc1: tuple[str, ...]
) -> None:
    sides = _sides(nlp, resolve, text, "clashed")
    assert (_name(sides.actor1), _name(sides.actor2), sides.assoc_actor_1) == (actor1, actor2, assoc1)


def test_actors_a_ministry_a_group_runs_is_a_ministry(resolve) -> None:
    """ "The Hamas-run health ministry said": the ministry speaks, by its own name as any ministry."""
    assert resolve.canonical_source("the Hamas-run health ministry", country="PS") == "Ministry of Health of Palestine"
    # the group that runs it says whose it is, whatever country the sentence names ("US strikes ... the ministry said")
    assert resolve.canonical_source("the Houthi-run health ministry", country="US") == "Ministry of Health of Yemen"


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        ("Security forces fired tear gas at protesters in Bamako, Mali, on Monday.", "Police Forces of Mali"),
        ("Soldiers fired tear gas at protesters in Bamako, Mali, on Monday.", "Military Forces of Mali"),
    ],
)
def test_actors_unnamed_security_forces_police_a_crowd(nlp: Language, resolve, text: str, actor2: str) -> None:
    """ACLED codes who breaks up a protest as police, unless the text names troops or soldiers."""
    sides = _sides(nlp, resolve, text, "fired", "Protest with intervention")
    assert (_name(sides.actor1), _name(sides.actor2)) == ("Protesters (Mali)", actor2)


@pytest.mark.parametrize(
    ("text", "trigger", "actor2"),
    [
        (
            "Al-Shabaab fighters clashed with Islamic State militants near Qandala in Puntland, Somalia, on Monday.",
            "clashed",
            "Islamic State (Somalia)",
        ),
        (
            "JNIM fighters attacked positions of the Islamic State in the Greater Sahara near Menaka, Mali, on Friday.",
            "attacked",
            "Islamic State (Greater Sahara)",
        ),
        ("Taliban fighters clashed with Islamic State militants in Syria on Monday.", "clashed", "Islamic State"),
        # a branch whose name does not say whose (the table's branch_of), and one at home in several countries
        ("Soldiers clashed with al-Qaeda fighters near Djibo in Burkina Faso on Monday.", "clashed", JNIM),
        ("Malian soldiers clashed with al-Qaeda-linked militants near Mopti on Monday.", "clashed", JNIM),
        ("Kenyan troops clashed with al-Qaeda militants near Mandera, Kenya, on Monday.", "clashed", "Al Shabaab"),
    ],
)
def test_actors_a_group_with_branches_is_its_branch(
    nlp: Language, resolve, text: str, trigger: str, actor2: str
) -> None:
    """ACLED names the regional branch: the one the text names, though the parse hangs "in the Greater Sahara"
    on the verb, else the branch at home in the event's country; where none is, the group itself."""
    assert _name(_sides(nlp, resolve, text, trigger).actor2) == actor2


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Tribal militias clashed near Kutum in Sudan on Saturday, leaving 20 dead.", "Unidentified Tribal Militia"),
        ("Two rival clans fought near Galkayo in Somalia on Friday.", "Unidentified Clan Militia"),
    ],
)
def test_actors_a_clash_among_one_kind_has_it_on_both_sides(nlp: Language, resolve, text: str, actor: str) -> None:
    """ACLED codes a clash between two clans or tribes with the same actor on both sides."""
    verb = "clashed" if "clashed" in text else "fought"
    sides = _sides(nlp, resolve, text, verb)
    assert _name(sides.actor1) == _name(sides.actor2) and _name(sides.actor1).startswith(actor)


# --- sources: outlets, people speaking for a body, context of an unattributed sentence ------------


@pytest.mark.parametrize(
    ("text", "trigger", "sources"),
    [
        # the outlet a speaker talks to reports the event too
        (
            "A local official told Reuters that gunmen attacked the village of Kanu in Nigeria.",
            "attacked",
            ("local official", "Reuters"),
        ),
        # a named person with a role speaks, and so does the body of the role
        (
            "Police official Musa Bello said gunmen attacked a market in Jos, Nigeria.",
            "attacked",
            ("Musa Bello", "Police Forces of Nigeria"),
        ),
        # the spokesperson's name in an apposition
        (
            "A spokesman for the Nigerian army, Colonel John Okoro, said troops repelled an attack in Borno.",
            "attack",
            ("John Okoro", "Military Forces of Nigeria"),
        ),
        # "the group" refers to the armed group that is the subject of its own sentence
        (
            "ISWAP fighters overran a military base in Borno, Nigeria, the group said in a statement.",
            "overran",
            ("Islamic State (West Africa)",),
        ),
        # a sentence opening with "And" goes on with the report before it
        (
            "Jets struck Ariha in Idlib, Amnesty International said. And in Daraa, rebels clashed with troops.",
            "clashed",
            ("Amnesty International",),
        ),
        # an unattributed lead is told by the first source after it
        (
            'Rebels seized the town of Kanu in Mali on Monday. "They came at dawn," a resident told the BBC.',
            "seized",
            ("resident", "BBC"),
        ),
        # "reportedly" with nobody named cites the media
        ("Gunmen reportedly abducted a trader in Kasai on Friday.", "abducted", ("media",)),
    ],
)
def test_actors_sources_from_outlets_people_and_context(
    nlp: Language, resolve, text: str, trigger: str, sources: tuple
) -> None:
    assert _sides(nlp, resolve, text, trigger).sources == sources


def test_actors_outlet_noun_is_no_part_of_its_name(nlp: Language, resolve) -> None:
    text = "Rioters burned a bus in Jos, Nigeria, the Morning Herald newspaper reported."
    assert _sides(nlp, resolve, text, "burned", "Mob violence").sources == ("Morning Herald",)


def test_actors_bare_police_source_takes_the_geocoded_country(nlp: Language, resolve) -> None:
    text = "Gunmen abducted a trader on the highway on Monday, police said."
    article = Article(text=text)
    doc = nlp(text)
    mention = _mention(article, doc, "abducted", "Abduction/forced disappearance")
    place = Place(name="Springfield", country="NG", lat=9.0, lon=7.0)
    (sides,) = resolve(article, doc, (mention,), (place,))
    assert sides.sources == ("Police Forces of Nigeria",)


@pytest.mark.parametrize(
    "text",
    [
        # the outlet told only relays the party's claim
        "Al-Shabaab told Reuters it had killed ten Somali soldiers in an attack on a base.",
        # a spokesperson speaks for the party
        "Nigerian army spokesman John Okoro said Nigerian troops killed ten Boko Haram fighters in an attack.",
    ],
)
def test_actors_claim_relayed_or_voiced_stays_claimed(nlp: Language, resolve, text: str) -> None:
    sides = _sides(nlp, resolve, text, "attack", "Armed clash")
    assert sides.status == Certainty.CLAIMED, sides


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Jamaat-ul-Ahrar militants", "PK", "JuA: Jamaat-ul-Ahrar"),
        ("Wazalendo fighters", "CD", "Wazalendo"),
        ("the Viv Ansanm gang coalition", "HT", "Viv Ansanm"),
        ("Comuneros del Sur", "CO", "Comuneros del Sur"),
        ("Dawlah Islamiyah militants", "PH", "Dawlah Islamiyah"),
        ("Kuki militants", "IN", "Kuki Ethnic Militia (India)"),
        ("armed Meitei militias", "IN", "Meitei Ethnic Militia (India)"),
        ("Turkish-backed factions", "SY", "Syrian National Army"),
        ("armed miscreants", "IN", "Unidentified Armed Group (India)"),
        # who stands behind a group, or whose family it is, is not the group the phrase names
        ("Ansaroul Islam, an al-Qaeda-linked group,", "BF", "Ansaroul Islam"),
        ("the Islamic State-affiliated ADF", "CD", "ADF: Allied Democratic Forces"),
        ("Hezbollah-backed fighters", "SY", "Unidentified Armed Group (Syria)"),
    ],
)
def test_actors_more_named_groups(text: str, country: str, name: str) -> None:
    assert _name(canonical_actor(text, country=country)) == name


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "actor2"),
    [
        # the user of a weapon acts, not the army "artillery" would name; a camp full of people is civilians
        (
            "Artillery shells fired by the RSF struck a displacement camp near Kadugli, Sudan, on Sunday.",
            "Artillery",
            "Shelling/artillery/missile attack",
            "Rapid Support Forces",
            "Civilians (Sudan)",
        ),
        (
            "A rocket fired by Hezbollah hit a house in Metula, Israel, on Monday.",
            "rocket",
            "Shelling/artillery/missile attack",
            "Hezbollah",
            "Civilians (Israel)",
        ),
        # a nationality before a weapon is its state's forces; a junta is its country's military
        (
            "Russian glide bombs struck a residential building in Sumy, Ukraine, on Tuesday.",
            "bombs",
            "Air/drone strike",
            "Military Forces of Russia",
            "Civilians (Ukraine)",
        ),
        (
            "Junta air strikes killed 14 villagers in Magway, Myanmar, on Monday.",
            "strikes",
            "Air/drone strike",
            "Military Forces of Myanmar",
            "Civilians (Myanmar)",
        ),
        # a lone attacker is unidentified; a post nobody is said to own is the state's
        (
            "An unidentified man threw a grenade at a checkpoint in Mardan, Pakistan, on Friday.",
            "grenade",
            "Grenade",
            "Unidentified Armed Group (Pakistan)",
            "Military Forces of Pakistan",
        ),
        (
            "Armed miscreants torched a shop in Kakching, India, on Sunday.",
            "torched",
            "Looting/property destruction",
            "Unidentified Armed Group (India)",
            "Civilians (India)",
        ),
        # men said to belong to a group are the group's
        (
            "Gunmen linked to al-Shabaab killed four teachers in Wajir, Kenya, on Monday.",
            "killed",
            "Attack",
            "Al Shabaab",
            "Civilians (Kenya)",
        ),
        (
            "SDF fighters shelled positions of Turkish-backed factions near Tal Abyad, Syria, on Monday.",
            "shelled",
            "Shelling/artillery/missile attack",
            "QSD: Syrian Democratic Forces",
            "Syrian National Army",
        ),
        # "a barrage of rockets" was fired: its firer, the speaker "it" stands for, fired the rockets
        (
            "Hezbollah said it fired a barrage of rockets at an Israeli army position near the border on Friday.",
            "rockets",
            "Shelling/artillery/missile attack",
            "Hezbollah",
            "Military Forces of Israel",
        ),
        # the people a "when" clause says were killed are the target, not the vehicle that carried them
        (
            "Nine Syrian soldiers were killed on Tuesday when a roadside bomb hit their bus near Homs.",
            "bomb",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Syria)",
            "Military Forces of Syria",
        ),
    ],
)
def test_actors_weapons_lone_attackers_and_affiliated_men(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str, actor2: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


def test_actors_the_crowd_keeps_its_groups(nlp: Language, resolve) -> None:
    """ "Riot police pushed back students": the students are the protesters' group, whichever side they were read on."""
    text = "Riot police pushed back students who were marching to the ministry in Kampala, Uganda, on Monday."
    sides = _sides(nlp, resolve, text, "pushed", "Protest with intervention")
    assert (_name(sides.actor1), _name(sides.actor2)) == ("Protesters (Uganda)", "Police Forces of Uganda")
    assert (sides.assoc_actor_1, sides.assoc_actor_2) == (("Students (Uganda)",), ())


# --- sources: coordinated tellers, full names, a group's spokesman; claims of a group's fighters and branches ---


@pytest.mark.parametrize(
    ("text", "trigger", "sources"),
    [
        (
            "A car bomb killed nine people in Kirkuk, Iraq, on Monday, police and hospital officials said.",
            "killed",
            ("Police Forces of Iraq", "hospital officials"),
        ),
        (
            "Security forces killed three protesters in Nairobi on Tuesday, Amnesty International and Human Rights "
            "Watch said.",
            "killed",
            ("Amnesty International", "Human Rights Watch"),
        ),
        (
            "Clashes killed 13 people in Tripoli, Libya, on Saturday, the health ministry and the Red Crescent said.",
            "Clashes",
            ("Ministry of Health of Libya", "International Committee of the Red Cross"),
        ),
        (
            "Fighting killed 30 people in El Fasher on Friday, the UN Office for the Coordination of Humanitarian "
            "Affairs said.",
            "Fighting",
            ("OCHA",),
        ),
        (
            "Al-Shabaab fighters attacked a military base on Wednesday, killing 11 soldiers, the group's spokesman "
            "said.",
            "attacked",
            ("Al Shabaab",),
        ),
        (
            "Gunmen killed eight worshippers at a mosque in Katsina on Friday, a local official who asked not to be "
            "named told AFP.",
            "killed",
            ("AFP",),
        ),
    ],
)
def test_actors_sources_each_named_in_full(nlp: Language, resolve, text: str, trigger: str, sources: tuple) -> None:
    """Two tellers coordinated are two sources; a name keeps its complements, not its conjuncts; "the group's
    spokesman" speaks for the group named before; the subject of a killing does not tell it."""
    assert _sides(nlp, resolve, text, trigger).sources == sources


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Hezbollah said in a statement that its fighters had fired rockets at an Israeli army post.", "fired"),
        (
            "The Islamic State group said its fighters bombed a church in Jolo, Philippines, killing 20 people.",
            "bombed",
        ),
    ],
)
def test_actors_a_group_telling_of_its_fighters_claims(nlp: Language, resolve, text: str, trigger: str) -> None:
    """ "Its fighters" in a group's own words are the group's, and a group speaks for its branch in the country."""
    assert _sides(nlp, resolve, text, trigger, "Attack").status == Certainty.CLAIMED


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        ("the UN migration agency", "International Organization for Migration", False),
        ("the Norwegian Refugee Council", "Norwegian Refugee Council", False),
        ("the rights group Hengaw", "Hengaw", False),
        ("Ukraine's state news agency Ukrinform", "Ukrinform", True),
    ],
)
def test_actors_more_monitors_and_agencies_as_sources(resolve, text: str, name: str, party: bool) -> None:
    """Aid agencies, rights monitors and news agencies that tell tolls in conflict news; a state's agency is a party."""
    assert resolve.canonical_source(text, country=None) == name
    assert resolve.is_party(name) is party


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_actors_cue_words_never_rule_out_a_match(data: st.DataObject) -> None:
    """The regexes run only on texts with one of their cue words: every text they match must have one."""
    for pattern, cues in ((UNVERIFIED_HERE, UNVERIFIED_CUES), (UNKNOWN_AGENT, UNKNOWN_CUES)):
        text = data.draw(st.from_regex(pattern))
        assert may_match(text, cues), text


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type", "actor1", "actor2"),
    [
        # civilians of a people who fight or attack are the people's militia; those they kill stay civilians
        (
            "Tubu herders and Zaghawa farmers clashed near the wells in Chad.",
            "clashed",
            "Armed clash",
            "Tubu Ethnic Militia (Chad)",
            "Zaghawa Ethnic Militia (Chad)",
        ),
        (
            "Tiv farmers attacked a settlement in Nigeria, killing four herders.",
            "attacked",
            "Attack",
            "Tiv Ethnic Militia (Nigeria)",
            "Civilians (Nigeria)",
        ),
        (
            "Gunmen killed four Tiv farmers in Nigeria.",
            "killed",
            "Attack",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
    ],
)
def test_actors_people_who_fight_are_their_peoples_militia(
    nlp: Language, resolve, text: str, trigger: str, sub_event_type: str, actor1: str, actor2: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, sub_event_type)
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


@pytest.mark.parametrize(
    "text",
    [
        "Two farmers shot dead in Nigeria; gunmen flee",  # a headline's passive: its subject died
        "Gunmen from the Red Lion gang shot dead seven farmers working in fields in Nigeria on Thursday.",  # on "dead"
        "Two farmers shot dead by gunmen near the river in Nigeria",
    ],
)
def test_actors_a_verb_that_left_someone_dead_names_the_victims(nlp: Language, resolve, text: str) -> None:
    sides = _sides(nlp, resolve, text, "shot", "Attack")
    assert _name(sides.actor2) == "Civilians (Nigeria)" and _name(sides.actor1) != "Civilians (Nigeria)"


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "actor2"),
    [
        (
            "Chad and Sudan agreed to a truce along the border on Thursday.",
            "agreed",
            "Military Forces of Chad",
            "Military Forces of Sudan",
        ),
        (
            "The Sudanese army and the RSF signed a ceasefire in Sudan on Friday.",
            "ceasefire",
            "Military Forces of Sudan",
            "Rapid Support Forces",
        ),
    ],
)
def test_actors_the_parties_to_an_agreement_are_its_two_sides(
    nlp: Language, resolve, text: str, trigger: str, actor1: str, actor2: str
) -> None:
    sides = _sides(nlp, resolve, text, trigger, "Agreement")
    assert (_name(sides.actor1), _name(sides.actor2)) == (actor1, actor2)


def test_actors_what_was_reported_is_no_source(nlp: Language, resolve) -> None:
    text = "Troops took over positions in the town vacated by the rebels on Friday, with no fighting reported."
    assert _sides(nlp, resolve, text, "took", "Non-violent transfer of territory").sources == ()


def test_actors_who_found_the_dead_did_not_kill_them(nlp: Language, resolve) -> None:
    text = "On Sunday, police in Mexico found the bodies of five men, some showing signs of torture, beside a highway."
    sides = _sides(nlp, resolve, text, "torture", "Attack")
    assert _name(sides.actor1) != "Police Forces of Mexico"
