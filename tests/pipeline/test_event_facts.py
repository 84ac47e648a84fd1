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


@pytest.mark.parametrize(
    ("text", "trigger", "fact"),
    [
        # attacks in words: by politicians, parties or firms, with no one hurt and no armed side
        ("The senator attacked the prime minister over the deficit during a televised debate.", "attacked", False),
        ("Two ministers clashed over the new tax bill at a cabinet meeting.", "clashed", False),
        ("The opposition leader attacked the government over rising prices in a speech.", "attacked", False),
        ("The governor came under fire from lawmakers for his handling of the crisis.", "fire", False),
        ("Opposition supporters clashed with police in the capital on Monday.", "clashed", True),
        ("The senator was attacked by gunmen on his way to parliament.", "attacked", True),
        ("A mob attacked two lawmakers outside parliament on Tuesday.", "attacked", True),
        ("Police arrested two reporters from a local newspaper on Monday.", "arrested", True),  # only words attack
        ("The group's spokesman released a video message on Friday.", "released", True),
        # kinds of attack that are no violence, and what they do
        ("A ransomware attack crippled the hospital's computer systems.", "attack", False),
        ("Hackers attacked the tax authority's payment systems on Monday.", "attacked", False),
        ("Hedge funds staged a bear raid on the bank's shares on Tuesday.", "raid", False),
        ("A shark attack killed a swimmer off the coast on Sunday.", "killed", False),
        ("Firefighters battled a huge blaze at the market on Sunday.", "battled", False),
        # works shot and staff fired
        ("The rapper shot a music video in the old town on Saturday.", "shot", False),
        ("The oil company fired 300 workers on Monday.", "fired", False),
        ("Soldiers fired on the workers at the mine on Monday.", "fired", True),
        # drills, exercises and weapons tests, unless someone is hurt or attacks them
        ("Soldiers fired blank rounds during a drill at the barracks.", "fired", False),
        ("The navy test-fired two cruise missiles into the sea on Thursday.", "missiles", False),
        ("The army held an exercise near the border, firing artillery shells at targets.", "firing", False),
        ("Gunmen fired on the crowd during a military parade, killing four people.", "fired", True),
    ],
)
def test_states_fact_figurative_cyber_and_drills(nlp: Language, text: str, trigger: str, fact: bool) -> None:
    assert states_fact(word(nlp, text, trigger)) is fact


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Police raided a drug den on Saturday and arrested 15 suspects.", "raided", True),
        ("Police raided a drug den on Saturday and arrested 15 suspects.", "arrested", True),
        ("Police arrested three men on charges of drug trafficking.", "arrested", True),
        ("A fire destroyed 200 shops at the market on Sunday.", "destroyed", True),
        ("Police raided the offices of the opposition party and arrested 12 activists.", "raided", False),
        ("Police arrested the opposition leader on drug charges on Monday.", "arrested", False),
        ("Police shot dead two suspects during a raid on a drug den.", "raid", False),
        ("Rebels destroyed 200 shops at the market on Sunday.", "destroyed", False),
    ],
)
def test_mishap_ordinary_crime_and_fires(nlp: Language, text: str, trigger: str, expected: bool) -> None:
    assert mishap(word(nlp, text, trigger)) is expected


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("Madrid's offensive collapsed as Barcelona won the derby on Sunday.", True),
        ("A heatwave struck the north on Monday, with temperatures hitting 48 degrees.", True),
        ("Gunmen opened fire on fans leaving a football match on Friday.", False),
        ("A suicide bomber struck a cricket stadium on Saturday, killing eight spectators.", False),
    ],
)
def test_is_background_sport_without_attackers_and_weather(nlp: Language, text: str, background: bool) -> None:
    doc = nlp(text)
    assert is_background(doc[:], frozenset(t.lemma_.lower() for t in doc)) is background
