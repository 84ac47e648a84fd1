"""Typing of event triggers: the taxonomy's tie-breaks, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from warwatch.model import Article
from warwatch.pipeline.events import detect_events


def sub_types(nlp, text: str) -> set[str]:
    article = Article(text=text, published=date(2022, 3, 10))
    return {m.sub_event_type for m in detect_events(article, nlp(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weapon taken out of use is a disrupted weapons use, not the explosion it would have been
        ("Soldiers found and destroyed three IEDs planted along the road on Tuesday.", {"Disrupted weapons use"}),
        ("Deminers cleared landmines from the farmland near the village on Monday.", {"Disrupted weapons use"}),
        ("Troops neutralised an improvised explosive device found under a bridge.", {"Disrupted weapons use"}),
        ("Soldiers destroyed a rebel drone over the base on Tuesday.", {"Disrupted weapons use"}),
        ("Air defences intercepted two missiles fired at the city overnight.", {"Disrupted weapons use"}),
    ],
)
def test_event_typing_weapons_taken_out_of_use(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_event_typing_a_weapon_found_is_disrupted_unless_it_went_off(nlp) -> None:
    assert sub_types(nlp, "Police discovered a bomb near the school on Monday.") == {"Disrupted weapons use"}
    struck = "A bomb discovered near the school exploded on Monday, killing two children."
    assert sub_types(nlp, struck) == {"Remote explosive/landmine/IED"}


def test_event_typing_a_suicide_blast_types_the_fight_it_opens(nlp) -> None:
    text = (
        "Two suicide attackers blew themselves up near a military convoy on Sunday, "
        "followed by an exchange of fire with troops."
    )
    assert sub_types(nlp, text) == {"Suicide bomb"}


def test_event_typing_a_protest_camp_is_no_base(nlp) -> None:
    assert sub_types(nlp, "Hundreds of protesters set up a camp outside parliament on Friday.") == {"Peaceful protest"}


def test_event_typing_roadblocks_of_the_police_are_no_base(nlp) -> None:
    assert sub_types(nlp, "The militia set up roadblocks on the road to the town.") == {
        "Headquarters or base established"
    }
    assert sub_types(nlp, "Police set up roadblocks across the capital ahead of the election.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # property looted or burned with no one hurt is looting, whatever raid or attack brought the looters
        ("Gunmen raided the village and looted food stores and livestock.", {"Looting/property destruction"}),
        ("The fighters carted away goods from the abandoned stores before leaving.", {"Looting/property destruction"}),
        (
            "Armed men attacked the village and burned dozens of houses, but no casualties were reported.",
            {"Looting/property destruction"},
        ),
        # with people killed, the burning is part of the attack on them
        ("Gunmen killed four villagers and torched their houses on Sunday.", {"Attack"}),
        ("Militiamen burned houses and killed two elderly women who could not flee.", {"Attack"}),
    ],
)
def test_event_typing_looting_and_burning(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An unknown assailant tossed a grenade into a bar in the town, wounding five people.", {"Grenade"}),
        (
            "Fighters from the two factions exchanged heavy weapons fire in the northern neighbourhood overnight.",
            {"Armed clash"},
        ),
        ("A bomber rammed a car laden with explosives into the gate of the army base.", {"Suicide bomb"}),
        ("A suicide car bomber struck a military convoy on the highway.", {"Suicide bomb"}),
    ],
)
def test_event_typing_means_and_exchanges(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_event_typing_explosives_made_safe(nlp) -> None:
    disarmed = "Police sappers disarmed a car bomb parked outside the ministry."
    assert sub_types(nlp, disarmed) == {"Disrupted weapons use"}
    blown = "Soldiers discovered and safely detonated a cache of mines near the camp."
    assert sub_types(nlp, blown) == {"Disrupted weapons use"}
    planted = "Militants planted and detonated a bomb near a military convoy."
    assert sub_types(nlp, planted) == {"Remote explosive/landmine/IED"}
    assert sub_types(nlp, "The militia agreed to disarm under the peace deal signed last year.") == {"Agreement"}


@pytest.mark.parametrize(
    "text",
    [
        "Riot police charged students who were protesting against fee increases.",
        "Security forces broke up a rally of opposition supporters in the capital.",
        "Riot police pushed back hundreds of protesters who tried to reach the square.",
    ],
)
def test_event_typing_a_protest_pushed_back_met_intervention(nlp, text: str) -> None:
    assert sub_types(nlp, text) == {"Protest with intervention"}


def test_event_typing_a_town_stormed_by_a_non_state_group_is_taken(nlp) -> None:
    taken = "Non-state actor overtakes territory"
    assert sub_types(nlp, "The insurgents stormed the town of Kalo on Friday.") == {taken}
    assert sub_types(nlp, "Rebels stormed the town and seized control of it on Tuesday.") == {taken}
    assert sub_types(nlp, "Militants stormed the village and killed twelve civilians on Sunday.") == {"Attack"}
    assert sub_types(nlp, "Gunmen stormed the town of Kalo on Sunday and looted shops before leaving.") == {
        "Looting/property destruction"
    }


def test_event_typing_ground_handed_over_is_a_transfer(nlp) -> None:
    text = "Police took over the barracks after the rebels handed them over under the deal."
    assert sub_types(nlp, text) == {"Non-violent transfer of territory"}
    assert sub_types(nlp, "The suspects were handed over to the police for questioning.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "The rebel group named a new military chief on Wednesday.",
        "The armed group appointed a new military commander on Friday.",
    ],
)
def test_event_typing_a_new_commander_is_a_change_to_the_group(nlp, text: str) -> None:
    assert sub_types(nlp, text) == {"Change to group/activity"}


def test_event_typing_a_crowd_fighting_police_demonstrates_with_stones_or_at_a_protest(nlp) -> None:
    demonstration = {"Violent demonstration"}
    assert sub_types(nlp, "Students clashed with police, hurling stones at officers outside the university.") == (
        demonstration
    )
    assert sub_types(nlp, "Hundreds of students clashed with police during a protest against fee hikes.") == (
        demonstration
    )
    assert sub_types(nlp, "Shopkeepers clashed with police after officers ordered their shops closed.") == {
        "Mob violence"
    }
