"""Tests of the parse rules for sources: descriptors, back-references, spokespeople, acronyms.

Every text below is written for these tests (none comes from the seed or the dev sets).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Token

from warwatch.pipeline.actor_roles import (
    affiliations,
    antecedent,
    blame_agents,
    blamed_agents,
    casualty_objects,
    claim_agents,
    contact_victims,
    coordinated_speakers,
    defined_acronym,
    event_head,
    is_descriptor,
    participle_speakers,
    person_name,
    source_tokens,
    speaker_indices,
    spokes_body,
    told_outlets,
    verb_roles,
    weapon_users,
)
from warwatch.pipeline.actors import speaker_kinds


def _word(doc: Doc, word: str, nth: int = -1) -> Token:
    return [t for t in doc if t.text == word][nth]


@pytest.mark.parametrize(
    ("text", "word", "descriptor"),
    [
        ("The monitor said the town was shelled.", "monitor", True),
        ("A war monitor said the town was shelled.", "monitor", True),
        ("The Observatory said the town was shelled.", "Observatory", True),
        ("Officials said the town was shelled.", "Officials", True),
        ("The ministry said the town was shelled.", "ministry", True),
        # names, nationalities and single persons are no descriptors
        ("The Syrian Observatory said the town was shelled.", "Observatory", False),
        ("Afghan officials said the town was shelled.", "officials", False),
        ("An official said the town was shelled.", "official", False),
        ("The ministry of defence said the town was shelled.", "ministry", False),
        ("The army said the town was shelled.", "army", False),
    ],
)
def test_actor_roles_descriptors(nlp: Language, text: str, word: str, descriptor: bool) -> None:
    assert is_descriptor(_word(nlp(text), word)) is descriptor


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # same head word, or the same kind of body, most recent first
        (
            "Human Rights Watch said troops shelled the town. The army said rebels attacked first. "
            "The monitor said ten people died.",
            "monitor",
            "Watch",
        ),
        (
            "The Syrian Observatory for Human Rights said jets struck. Amnesty International said a school "
            "was hit. The Observatory said ten people died.",
            "Observatory",
            "Observatory",
        ),
        # no body of that kind spoke before: nothing
        ("The Taliban said they attacked a post. The ministry said ten soldiers died.", "ministry", None),
        # pronouns: the person who spoke last, or the body just named
        ("Governor Mary Achieng said gunmen struck at dawn. He said ten people died.", "He", "Achieng"),
        (
            "Afghan officials said the Taliban took the district. They said forty fighters died.",
            "They",
            "officials",
        ),
    ],
)
def test_actor_roles_antecedent(nlp: Language, text: str, word: str, expected: str | None) -> None:
    found = antecedent(_word(nlp(text), word), speaker_kinds)
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "word", "body"),
    [
        ("Police spokesman John Okoro said it.", "Okoro", "Police"),
        ("A spokesman for the Kenyan army said it.", "spokesman", "the Kenyan army"),
        ("The army's spokesman said it.", "spokesman", "The army"),
        ("Taliban spokesman Ahmad Noori said it.", "Noori", "Taliban"),
        ("Governor Mary Achieng said it.", "Achieng", None),
    ],
)
def test_actor_roles_spokesperson_speaks_for_a_body(nlp: Language, text: str, word: str, body: str | None) -> None:
    found = spokes_body(_word(nlp(text), word))
    assert (found.text if found is not None else None) == body


@pytest.mark.parametrize(
    ("text", "word", "acronym"),
    [
        ("The Center for Peace and Justice (CPJ) said it.", "Center", "CPJ"),
        ("The Center for Peace (the centre) said it.", "Center", None),
        ("The local monitor (CPJ) said it.", "monitor", None),
    ],
)
def test_actor_roles_defined_acronym(nlp: Language, text: str, word: str, acronym: str | None) -> None:
    assert defined_acronym(_word(nlp(text), word)) == acronym


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The army gave a toll, saying 15 fighters were killed.", "army"),
        ("The officers gave a higher toll, with commander Ali Musa, saying 5 soldiers died.", "Musa"),
        ("The group grew stronger, adding to its recent gains.", None),
    ],
)
def test_actor_roles_participle_speakers(nlp: Language, text: str, speaker: str | None) -> None:
    doc = nlp(text)
    verb = next(t for t in doc if t.tag_ == "VBG")
    found = participle_speakers(verb)
    assert (found[0].text if found else None) == speaker


def test_actor_roles_person_name_drops_offices(nlp: Language) -> None:
    doc = nlp("The majority were gang members, said National Security Commissioner Juan Pablo Ortega.")
    ent = next(e for e in doc.ents if e.label_ == "PERSON")
    assert person_name(ent).endswith("Ortega") and "Commissioner" not in person_name(ent)


WORDS = st.sampled_from(
    "the monitor Observatory ministry officials he she they it said Reuters Amnesty Taliban police spokesman "
    "for army killed . , according to".split()
)


@settings(max_examples=50, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_actor_roles_antecedent_is_an_earlier_named_speaker(nlp: Language, words: list[str]) -> None:
    doc = nlp(" ".join(words))
    speakers = set(speaker_indices(doc))
    for tok in doc:
        found = antecedent(tok, speaker_kinds)
        if found is not None:
            assert found.i < tok.i and found.pos_ != "PRON" and not is_descriptor(found)
            assert found.i in speakers or tok.lower_ in ("they", "it")


@pytest.mark.parametrize(
    ("text", "trigger", "head"),
    [
        ("A grenade attack on a bar killed two people.", "grenade", "attack"),
        ("Gunmen lobbed a grenade at a police patrol.", "grenade", "lobbed"),
        ("A Russian missile strike hit the port.", "missile", "strike"),
        # the weapon whose user a participle tells, not the word before it
        ("Artillery shells fired by the militia struck a camp.", "Artillery", "shells"),
    ],
)
def test_event_head_of_a_weapon(nlp: Language, text: str, trigger: str, head: str) -> None:
    assert event_head(_word(nlp(text), trigger)).text == head


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        ("A bomb went off in the market. Al Shabaab said it carried out the attack.", ["it"]),
        ("A bomb went off in the market. Islamic State claimed responsibility.", ["State"]),
        ("A bomb went off in the market. It is unclear who carried out the attack.", []),
        ("A bomb went off in the market. Al Shabaab said it controls the town.", []),
        ("A bomb went off in the market. The Taliban claimed the attack.", ["Taliban"]),
    ],
)
def test_claim_agents(nlp: Language, text: str, claimants: list[str]) -> None:
    doc = nlp(text)
    assert [t.text for t in claim_agents(list(doc.sents)[-1])] == claimants


def test_casualty_objects(nlp: Language) -> None:
    doc = nlp("A shell hit the square, killing four worshippers and wounding nine pedestrians.")
    assert [t.text for t in casualty_objects(doc[:])] == ["worshippers", "pedestrians"]
    doc = nlp("At least 20 people were killed when a bomb exploded.")
    assert [t.text for t in casualty_objects(doc[:])] == ["people"]


def test_an_event_noun_is_no_speaker(nlp: Language) -> None:
    """ "A strike killed seven, the Observatory said": the parser may give "said" two subjects."""
    doc = nlp("A drone strike killed at least seven people at a market in Tabqa, the Syrian Observatory said.")
    assert "strike" not in [doc[i].text for i in speaker_indices(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "A shell fell on the market in Garabulli on Monday. No casualties reported.",
        "No fatalities or injuries reported.",
    ],
)
def test_what_a_report_tells_is_no_speaker(nlp: Language, text: str) -> None:
    """ "No casualties reported", parsed with the casualties as the subject of "reported", names no teller."""
    doc = nlp(text)
    assert speaker_indices(doc) == []


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("A bomb went off in the market. Police blamed Boko Haram for the blast.", ["Haram"]),
        ("A bomb went off in the market. Officials blamed the attack on the Taliban.", ["Taliban"]),
        ("A bomb went off in the market. Nobody was blamed.", []),
    ],
)
def test_blame_agents(nlp: Language, text: str, accused: list[str]) -> None:
    doc = nlp(text)
    assert [t.text for t in blame_agents(list(doc.sents)[-1])] == accused


@pytest.mark.parametrize(
    ("text", "word", "agents"),
    [
        ("A rocket attack blamed on the Houthis hit a fuel depot.", "attack", ["Houthis"]),
        ("Shells fired by the army landed on a camp.", "Shells", ["army"]),
        ("A rocket attack hit a fuel depot.", "attack", []),
    ],
)
def test_blamed_agents(nlp: Language, text: str, word: str, agents: list[str]) -> None:
    assert [t.text for t in blamed_agents(_word(nlp(text), word))] == agents


@pytest.mark.parametrize(
    ("text", "word", "victims"),
    [
        ("Their convoy struck a mine near the town.", "mine", ["convoy"]),
        ("A shepherd stepped on a landmine near the border.", "landmine", ["shepherd"]),
        ("The truck hit a landmine near the border.", "hit", ["truck"]),
        ("Militants planted a mine on the road.", "mine", None),
    ],
)
def test_contact_victims(nlp: Language, text: str, word: str, victims: list[str] | None) -> None:
    found = contact_victims(_word(nlp(text), word))
    assert (None if found is None else [t.text for t in found]) == victims


def test_verb_roles_of_a_phrasal_defence(nlp: Language) -> None:
    """ "fought off an attack by X": X attacked, the subject defended."""
    text = "Troops fought off an attack by rebel fighters on their base."
    agents, patients = verb_roles(_word(nlp(text), "fought"))
    assert ([t.text for t in agents], [t.text for t in patients]) == (["fighters"], ["Troops"])


@pytest.mark.parametrize(
    ("text", "agents", "patients"),
    [
        ("The convoy came under fire from rebels.", ["rebels"], ["convoy"]),
        ("The base came under attack by militants.", ["militants"], ["base"]),
    ],
)
def test_verb_roles_of_coming_under_attack(nlp: Language, text: str, agents: list[str], patients: list[str]) -> None:
    """ "X came under fire from Y": the subject is the target, the source of the fire the agent."""
    found = verb_roles(_word(nlp(text), "came"))
    assert ([t.text for t in found[0]], [t.text for t in found[1]]) == (agents, patients)


def test_speaker_indices_take_a_conjunct_hung_on_the_end_of_a_name(nlp: Language) -> None:
    doc = nlp("Jets hit a market, according to the Syrian Observatory for Human Rights and local medics.")
    assert [doc[i].text for i in speaker_indices(doc)] == ["Observatory", "medics"]


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        ("A local official told Reuters that gunmen attacked the village.", ["Reuters"]),
        ("Residents told the BBC that fighting went on all night.", ["BBC"]),
        ("A police officer told reporters that the gunmen fled.", []),
    ],
)
def test_told_outlets(nlp: Language, text: str, outlets: list[str]) -> None:
    doc = nlp(text)
    assert [t.text for tok in doc for t in told_outlets(tok)] == outlets


@pytest.mark.parametrize(
    ("text", "word", "users"),
    [
        ("Artillery shells fired by the militia hit the camp.", "shells", ["militia"]),
        ("A drone launched by the rebels struck a school.", "drone", ["rebels"]),
        ("Bombs dropped by two helicopters fell on the market.", "Bombs", ["helicopters"]),
        # a helper is no user
        ("Troops backed by jets attacked the town.", "Troops", []),
    ],
)
def test_weapon_users(nlp: Language, text: str, word: str, users: list[str]) -> None:
    assert [t.text for t in weapon_users(_word(nlp(text), word))] == users


@pytest.mark.parametrize(
    ("text", "word", "groups"),
    [
        ("Militants belonging to JNIM killed ten herders.", "Militants", ["JNIM"]),
        ("Gunmen linked to al-Shabaab killed four teachers.", "Gunmen", ["Shabaab"]),
        ("Fighters affiliated with the Islamic State beheaded two farmers.", "Fighters", ["State"]),
        ("Gunmen killed four teachers near the border.", "Gunmen", []),
    ],
)
def test_affiliations(nlp: Language, text: str, word: str, groups: list[str]) -> None:
    assert [t.text for t in affiliations(_word(nlp(text), word))] == groups


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        (
            "A bomb killed nine people, police and hospital officials said.",
            "officials",
            ["police", "hospital officials"],
        ),
        ("Residents and aid workers said 40 people were killed.", "workers", ["residents", "aid workers"]),
        (
            "Troops killed three men, Amnesty International and Human Rights Watch said.",
            "Watch",
            ["Amnesty International", "Human Rights Watch"],
        ),
        ("A bomb killed nine people, hospital officials said.", "officials", []),
    ],
)
def test_actor_roles_coordinated_speakers(nlp: Language, text: str, speaker: str, expected: list[str]) -> None:
    """A speaker the parse made one head over a coordinated modifier is two sources."""
    assert coordinated_speakers(_word(nlp(text), speaker)) == expected


def test_actor_roles_a_killer_does_not_tell(nlp: Language) -> None:
    """ "Gunmen killed ..., a local official who asked not to be named told AFP", misparsed with "told" a conjunct
    of "killed": the killers are no speaker of "told" (only a reporting verb shares its subject: "said and added")."""
    doc = nlp(
        "Gunmen killed eight worshippers at a mosque on Friday, a local official who asked not to be named told AFP."
    )
    assert "Gunmen" not in [t.text for t in source_tokens(_word(doc, "told"))]
