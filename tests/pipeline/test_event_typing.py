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
