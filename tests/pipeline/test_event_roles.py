"""Who does what to whom, read from the parse of sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from warwatch.pipeline.event_roles import crowd_agent, linked, non_state_agent, state_agent, state_subject, target_kind


def token(nlp: Language, text: str, word: str) -> Token:
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(
    ("text", "first", "second", "expected"),
    [
        ("Warplanes struck militants on Monday, killing ten.", "struck", "killing", True),  # a participle: one incident
        ("Soldiers fired at the convoy that attacked the base.", "fired", "attacked", True),  # a relative clause
        ("Rebels shelled the town on Monday, and troops attacked the village.", "shelled", "attacked", False),  # two?
        # "and 14 injured" leaves out its "were": the "when" clause hung on it still tells how the six died
        ("Six people were killed and 14 injured when a bomber blew himself up.", "killed", "blew", True),
        ("A drone hit the camp on Monday, killing one soldier and wounding three.", "wounding", "hit", True),
    ],
)
def test_linked_clauses_tell_one_incident(nlp: Language, text: str, first: str, second: str, expected: bool) -> None:
    doc = nlp(text)
    a, b = (next(t for t in doc if t.text == w) for w in (first, second))
    assert linked(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed five farmers in the market.", "civilian"),
        ("Gunmen killed five soldiers at the checkpoint.", "armed"),
        ("Troops repelled an attack on the base.", "attack"),
        ("Gunmen killed a member of the militia.", "armed"),
        ("Rebels opened fire on the soldiers near the village of Kamba.", "armed"),  # a landmark is no target
    ],
)
def test_target_kind(nlp: Language, text: str, expected: str) -> None:
    verb = next(t for t in nlp(text) if t.pos_ == "VERB")
    assert target_kind(verb) == expected


def test_state_and_non_state_agents(nlp: Language) -> None:
    assert state_agent(token(nlp, "Police arrested ten men in the town.", "arrested"))
    assert not non_state_agent(token(nlp, "Police arrested ten men in the town.", "arrested"))
    assert non_state_agent(token(nlp, "Militants arrested ten men in the town.", "arrested"))
    assert non_state_agent(token(nlp, "Al-Shabaab arrested ten men in the town.", "arrested"))  # by the lexicon


def test_a_pronoun_subject_stands_for_the_named_one(nlp: Language) -> None:
    assert state_subject(token(nlp, "The army said it had retaken the town.", "retaken"))
    assert not state_subject(token(nlp, "The rebels said they had taken the town.", "taken"))


def test_the_lexicon_says_whether_a_named_force_is_the_state(nlp: Language) -> None:
    """Names with "army" or "forces" in them are not the state unless the lexicon says so."""
    assert not state_subject(token(nlp, "The Arakan Army said it had taken the town.", "taken"))
    assert not state_subject(token(nlp, "Rapid Support Forces fighters seized the town on Monday.", "seized"))
    assert state_subject(token(nlp, "The FARDC seized the town on Monday.", "seized"))


def test_verbs_sharing_one_object_are_one_incident(nlp: Language) -> None:
    doc = nlp("Militants stormed and seized the town on Tuesday.")
    assert linked(doc[1], doc[3])
    doc = nlp("Militants stormed the camp and seized the town on Tuesday.")
    assert not linked(doc[1], doc[5])


def test_unarmed_crowds_are_crowd_agents(nlp: Language) -> None:
    assert crowd_agent(token(nlp, "Angry villagers attacked the police station.", "attacked"))
    assert not crowd_agent(token(nlp, "Armed militants attacked the police station.", "attacked"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants killed a British tourist in the town.", "civilian"),  # the actor lexicon's civilians
        ("Gunmen seized two hostages on the road.", "civilian"),
        ("Militants attacked a camp near the town.", None),  # a camp may be an army's
    ],
)
def test_target_kind_reads_the_lexicons_civilians(nlp: Language, text: str, expected: str | None) -> None:
    verb = next(t for t in nlp(text) if t.pos_ == "VERB")
    assert target_kind(verb) == expected


def test_named_forces_are_not_crowds(nlp: Language) -> None:
    """ "National" is a word of crowds ("foreign nationals"), but the lexicon knows the national police."""
    text = "Officers of the Philippine National Police killed two men in Manila."
    assert not crowd_agent(token(nlp, text, "killed"))
