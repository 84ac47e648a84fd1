"""Event assembly: one article's readings folded into events, on readings built for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch.model import Actor, Article, FatalityClaim, Mention, Place, Sides, Span, When
from warwatch.pipeline.assemble import RANK, Reading, assemble_events

TEXT = (
    "On Monday police repelled an attack on a checkpoint in Alpha. The officer died. "
    "On Monday teachers marched in Alpha. Police arrested 12. "
    "On Monday rebels took Beta after fighting. Gunmen killed a farmer in Gamma."
)
ARTICLE = Article(text=TEXT, published=date(2022, 3, 9))
MONDAY = date(2022, 3, 7)
PLACES = {
    name: Place(name=name, country="NG", lat=lat, lon=9.0, mention=name)
    for name, lat in (("Alpha", 10.0), ("Beta", 12.0), ("Gamma", 14.0))
}


def reading(word: str, sub_type: str, rule: str, *, nth: int = 0, claims: tuple[int, ...] = ()) -> Reading:
    """A reading of the nth occurrence of a word, placed at the place its own sentence names (if any)."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    sent_start = TEXT.rfind(". ", 0, start) + 2 if TEXT.rfind(". ", 0, start) >= 0 else 0
    sent_end = TEXT.index(".", start) + 1
    sentence = Span.of(ARTICLE, sent_start, sent_end)
    named = next((p for name, p in PLACES.items() if name in sentence.text), None)
    dated = sentence.text.startswith("On Monday")
    return Reading(
        mention=Mention(
            sub_event_type=sub_type, trigger=Span.of(ARTICLE, start, start + len(word)), sentence=sentence, rule=rule
        ),
        sides=Sides(),
        place=named or PLACES["Alpha"],
        when=When(date=MONDAY, mention=Span.of(ARTICLE, sent_start, sent_start + 9) if dated else None),
        claims=tuple(FatalityClaim(value=v) for v in claims),
    )


def fold(*readings: Reading) -> list[tuple[str, str | None, int | None]]:
    events = assemble_events(ARTICLE, list(readings), is_party=lambda name: False)
    return [(e.sub_event_type, e.rule, e.fatalities.best) for e in events]


def test_assemble_one_sentence_two_readings_is_one_incident() -> None:
    clash = reading("repelled", "Armed clash", "fight")
    attack = reading("attack", "Attack", "attack:civilian-target")
    assert fold(clash, attack) == [("Armed clash", "fight", None)]


def test_assemble_follow_up_sentence_joins_the_incident_with_its_figure() -> None:
    clash = reading("repelled", "Armed clash", "fight")
    died = reading("died", "Attack", "kill:civilian-target", claims=(1,))
    assert fold(clash, died) == [("Armed clash", "fight", 1)]


def test_assemble_arrests_by_the_authorities_make_a_protest_with_intervention() -> None:
    march = reading("marched", "Peaceful protest", "protest")
    arrests = reading("arrested", "Arrests", "arrest:by-authorities")
    assert fold(march, arrests) == [("Protest with intervention", "fold:protest-with-arrests", None)]


def test_assemble_arrests_of_unknown_agents_fold_without_changing_the_protest() -> None:
    march = reading("marched", "Peaceful protest", "protest")
    arrests = reading("arrested", "Arrests", "arrest")
    assert fold(march, arrests) == [("Peaceful protest", "protest", None)]


def test_assemble_territory_change_stays_its_own_event() -> None:
    took = reading("took", "Non-state actor overtakes territory", "capture:non-state-actor")
    fighting = reading("fighting", "Armed clash", "fight")
    assert [t for t, _, _ in fold(took, fighting)] == ["Non-state actor overtakes territory", "Armed clash"]


def test_assemble_a_sentence_naming_another_place_is_another_event() -> None:
    took = reading("repelled", "Armed clash", "fight")
    killed = reading("killed", "Attack", "kill:civilian-target")
    assert [t for t, _, _ in fold(took, killed)] == ["Armed clash", "Attack"]


def test_assemble_unranked_types_never_fold_into_violence() -> None:
    clash = reading("repelled", "Armed clash", "fight")
    other = reading("died", "Agreement", "agreement")
    assert [t for t, _, _ in fold(clash, other)] == ["Armed clash", "Agreement"]


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("Attack", "Air/drone strike"),
        ("Arrests", "Attack"),
        ("Looting/property destruction", "Violent demonstration"),
        ("Shelling/artillery/missile attack", "Peaceful protest"),
    ],
)
def test_assemble_rank_orders_types(low: str, high: str) -> None:
    assert RANK[low] < RANK[high]


@given(st.permutations(["Attack", "Arrests", "Shelling/artillery/missile attack", "Looting/property destruction"]))
def test_assemble_incident_type_does_not_depend_on_reading_order(order: list[str]) -> None:
    readings = [reading("repelled", t, t.lower()) for t in order]
    (event,) = assemble_events(ARTICLE, readings, is_party=lambda name: False)
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_assemble_keeps_actor_of_first_reading() -> None:
    clash = reading("repelled", "Armed clash", "fight")
    clash = Reading(mention=clash.mention, sides=Sides(actor1=Actor(name="Police Forces of Nigeria", inter=1)),
                    place=clash.place, when=clash.when, claims=())  # fmt: skip
    (event,) = assemble_events(ARTICLE, [clash, reading("attack", "Attack", "attack")], is_party=lambda n: False)
    assert event.actor1 is not None and event.actor1.name == "Police Forces of Nigeria"


def test_assemble_short_source_names_take_the_article_full_name() -> None:
    full = reading("repelled", "Armed clash", "fight", claims=(3,))
    full = Reading(mention=full.mention, sides=full.sides, place=full.place, when=full.when,
                   claims=(FatalityClaim(value=3, source="Alpha Monitor for Human Rights"),))  # fmt: skip
    short = reading("died", "Attack", "kill:civilian-target")
    short = Reading(mention=short.mention, sides=short.sides, place=short.place, when=short.when,
                    claims=(FatalityClaim(value=2, source="Monitor"),))  # fmt: skip
    (event,) = assemble_events(ARTICLE, [full, short], is_party=lambda name: False)
    assert {c.source for c in event.fatalities.claims} == {"Alpha Monitor for Human Rights"}
    assert event.fatalities.best == 2


def test_assemble_attack_that_hurt_nobody_but_looted_is_property_destruction() -> None:
    attack = reading("repelled", "Attack", "attack:civilian-target")
    looting = reading("attack", "Looting/property destruction", "loot")
    assert fold(attack, looting) == [("Looting/property destruction", "loot", None)]
    killed = reading("died", "Attack", "kill:civilian-target")
    assert [t for t, _, _ in fold(attack, looting, killed)] == ["Attack"]


def test_assemble_follow_up_folds_whatever_sides_were_guessed_for_it() -> None:
    police, bandits = Actor(name="Police Forces of Nigeria"), Actor(name="Bandits")
    gunmen, civilians = Actor(name="Unidentified Armed Group (Nigeria)"), Actor(name="Civilians (Nigeria)")
    clash = reading("repelled", "Armed clash", "fight")
    clash = Reading(mention=clash.mention, place=clash.place, when=clash.when, claims=(),
                    sides=Sides(actor1=police, actor2=bandits))  # fmt: skip
    died = reading("died", "Attack", "kill:civilian-target", claims=(1,))
    died = Reading(mention=died.mention, place=died.place, when=died.when, claims=died.claims,
                   sides=Sides(actor1=gunmen, actor2=civilians))  # fmt: skip
    assert fold(clash, died) == [("Armed clash", "fight", 1)]
