"""Which triggers state a past fact, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.pipeline.event_facts import is_background, mishap, states_fact


def word(nlp: Language, text: str, target: str):
    return next(t for t in nlp(text) if t.text == target)


@pytest.mark.parametrize(
    ("text", "trigger", "fact"),
    [
        ("Rebels attacked the convoy on Monday.", "attacked", True),
        ("Rebels did not attack the convoy on Monday.", "attack", False),
        ("The army denied that its jets had bombed the village.", "bombed", False),
        ("The group denied responsibility for the attack on the village.", "attack", True),
        ("No attacks were reported in the town on Friday.", "attacks", False),
        ("Police foiled a planned attack on the mall.", "attack", False),
        ("The insurgency has killed 5,000 people in the province.", "killed", False),
        ("The rebels threatened to attack the city.", "attack", False),
    ],
)
def test_states_fact(nlp: Language, text: str, trigger: str, fact: bool) -> None:
    assert states_fact(word(nlp, text, trigger)) is fact


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A lorry overturned on the pass, killing seven people.", "killing", True),
        ("A gas explosion at a restaurant killed three diners.", "killed", True),
        ("Burglars stabbed a guard at the warehouse.", "stabbed", True),
        ("Police arrested two men for stealing cattle.", "arrested", True),
        ("Gunmen killed seven people at the market.", "killed", False),
        ("Artillery fire killed three people in the village.", "killed", False),
        ("Police arrested two men for organising the protest.", "arrested", False),
    ],
)
def test_mishap(nlp: Language, text: str, trigger: str, expected: bool) -> None:
    assert mishap(word(nlp, text, trigger)) is expected


def test_is_background_names_disasters_by_nouns(nlp: Language) -> None:
    storm = nlp("A storm destroyed hundreds of homes on the coast.")
    stormed = nlp("Protesters stormed the parliament on Monday.")
    assert is_background(storm[:], frozenset(t.lemma_.lower() for t in storm))
    assert not is_background(stormed[:], frozenset(t.lemma_.lower() for t in stormed))
