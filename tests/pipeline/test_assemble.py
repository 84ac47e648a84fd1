"""Event assembly: one article's readings folded into events, on readings built for these tests."""

from __future__ import annotations

from dataclasses import replace
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
    assert fold(clash, attack) == [("Armed clash", "fight", 0)]


def test_assemble_follow_up_sentence_joins_the_incident_with_its_figure() -> None:
    clash = reading("repelled", "Armed clash", "fight")
    died = reading("died", "Attack", "kill:civilian-target", claims=(1,))
    assert fold(clash, died) == [("Armed clash", "fight", 1)]


def test_assemble_arrests_by_the_authorities_make_a_protest_with_intervention() -> None:
    march = reading("marched", "Peaceful protest", "protest")
    arrests = reading("arrested", "Arrests", "arrest:by-authorities")
    assert fold(march, arrests) == [("Protest with intervention", "fold:protest-with-arrests", 0)]


def test_assemble_lethal_force_against_a_rioting_crowd_is_a_violent_demonstration() -> None:
    """Excessive force is force against peaceful protesters; a crowd that rioted makes the incident a riot."""
    riot = reading("marched", "Mob violence", "loot:by-crowd")
    force = reading("arrested", "Excessive force against protesters", "intervene:lethal", claims=(1,))
    assert fold(riot, force) == [("Violent demonstration", "fold:force-against-rioters", 1)]
    march = reading("marched", "Peaceful protest", "protest")
    assert fold(march, force)[0][0] == "Excessive force against protesters"


def test_assemble_the_sides_come_from_a_reading_of_the_incidents_type() -> None:
    """The police who fired on a crowd, folded into its riot, are not the riot's first side."""
    police, crowd = Actor(name="Police Forces of Nigeria", inter=1), Actor(name="Protesters (Nigeria)", inter=6)
    rioters = Actor(name="Rioters (Nigeria)", inter=5)
    force = replace(
        reading("marched", "Excessive force against protesters", "protest", claims=(1,)),
        sides=Sides(actor1=police, actor2=crowd),
    )
    riot = replace(reading("marched", "Mob violence", "loot:by-crowd"), sides=Sides(actor1=rioters, actor2=police))
    (event,) = assemble_events(ARTICLE, [force, riot], is_party=lambda name: False)
    assert (event.sub_event_type, event.actor1, event.actor2) == ("Violent demonstration", rioters, police)


def test_assemble_one_actor_on_both_sides_of_a_one_sided_event_is_a_misreading() -> None:
    army, rebels = Actor(name="Military Forces of Nigeria"), Actor(name="Boko Haram")
    misread = replace(
        reading("repelled", "Shelling/artillery/missile attack", "means:shell"), sides=Sides(actor1=army, actor2=army)
    )
    fired = replace(
        reading("attack", "Shelling/artillery/missile attack", "means:shell"), sides=Sides(actor1=rebels, actor2=army)
    )
    (event,) = assemble_events(ARTICLE, [misread, fired], is_party=lambda name: False)
    assert (event.actor1, event.actor2) == (rebels, army)


def test_assemble_a_protest_takes_no_deaths_told_beside_it() -> None:
    """A protest by definition kills no one: a toll in its sentence is of the grievance, another event."""
    assert fold(reading("marched", "Peaceful protest", "protest", claims=(2,))) == [("Peaceful protest", "protest", 0)]
    assert fold(reading("took", "Non-state actor overtakes territory", "capture", claims=(2,)))[0][2] == 2


def test_assemble_arrests_of_unknown_agents_fold_without_changing_the_protest() -> None:
    march = reading("marched", "Peaceful protest", "protest")
    arrests = reading("arrested", "Arrests", "arrest")
    assert fold(march, arrests) == [("Peaceful protest", "protest", 0)]


def test_assemble_a_protest_is_no_part_of_an_air_strike_told_before_it() -> None:
    """ "Police broke up the relatives' protest." after an air strike (with no place of its own): a protest of its own,
    not the strike typed as the protest that outranks it."""
    strike = reading("attack", "Air/drone strike", "means:air")
    protest = replace(reading("died", "Protest with intervention", "protest"), place=None)
    assert [e[0] for e in fold(strike, protest)] == ["Air/drone strike", "Protest with intervention"]


def test_assemble_territory_change_stays_its_own_event() -> None:
    took = reading("took", "Non-state actor overtakes territory", "capture:non-state-actor")
    fighting = reading("fighting", "Armed clash", "fight")
    assert [t for t, _, _ in fold(took, fighting)] == ["Non-state actor overtakes territory", "Armed clash"]


def test_assemble_fighters_killed_after_a_taking_are_its_toll() -> None:
    """ "Rebels took Beta. The officer died.": fighters killed in a follow-up with no fight of their own died in the
    taking, one event with their toll (as ACLED's notes code it); civilians killed are an attack of their own."""
    took = reading("took", "Non-state actor overtakes territory", "capture:non-state-actor")
    died = reading("died", "Armed clash", "kill:armed-target", claims=(3,))
    assert fold(took, died) == [("Non-state actor overtakes territory", "capture:non-state-actor", 3)]
    civilians = reading("died", "Attack", "kill:civilian-target", claims=(3,))
    assert [t for t, _, _ in fold(took, civilians)] == ["Non-state actor overtakes territory", "Attack"]


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
    assert fold(attack, looting) == [("Looting/property destruction", "loot", 0)]
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


def told(
    text: str, word: str, sub_type: str, rule: str, *, sides: Sides | None = None, when: When | None = None
) -> Reading:
    """A reading of ``word`` in ``text``, placed where its sentence names a place, dated by its "On Monday"."""
    article = Article(text=text, published=date(2022, 3, 9))
    start = text.index(word)
    sent_start = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0
    sentence = Span.of(article, sent_start, text.index(".", start) + 1)
    named = next((p for name, p in PLACES.items() if name in sentence.text), PLACES["Alpha"])
    dated = sentence.text.startswith("On Monday")
    return Reading(
        mention=Mention(
            sub_event_type=sub_type, trigger=Span.of(article, start, start + len(word)), sentence=sentence, rule=rule
        ),
        sides=sides or Sides(),
        place=named,
        when=when or When(date=MONDAY, mention=Span.of(article, sent_start, sent_start + 9) if dated else None),
        claims=(),
    )


def fold_text(text: str, *readings: Reading) -> list[str]:
    events = assemble_events(Article(text=text, published=date(2022, 3, 9)), list(readings), is_party=lambda n: False)
    return [e.sub_event_type for e in events]


ABDUCTION = "Abduction/forced disappearance"
POLICE, GANG = Actor(name="Police Forces of Nigeria"), Actor(name="Unidentified Armed Group (Nigeria)")
TRADERS, ARMY = Actor(name="Civilians (Nigeria)"), Actor(name="Military Forces of Nigeria")


def test_assemble_a_definite_mention_names_the_incident_told_before() -> None:
    text = "On Monday gunmen kidnapped two traders in Alpha. The kidnapping was planned by a gang from Beta."
    first = told(text, "kidnapped", ABDUCTION, "abduct", sides=Sides(actor1=GANG, actor2=TRADERS))
    again = told(text, "kidnapping", ABDUCTION, "abduct", sides=Sides(actor1=POLICE, actor2=ARMY))
    assert fold_text(text, first, again) == [ABDUCTION]


def test_assemble_a_definite_mention_before_the_incident_joins_it() -> None:
    text = "Troops were on alert after the recent kidnapping. On Monday gunmen kidnapped two traders in Beta."
    early = told(text, "kidnapping", ABDUCTION, "abduct", sides=Sides(actor1=ARMY, actor2=POLICE))
    first = told(text, "kidnapped", ABDUCTION, "abduct", sides=Sides(actor1=GANG, actor2=TRADERS))
    assert fold_text(text, early, first) == [ABDUCTION]


def test_assemble_a_definite_mention_of_a_background_incident_stays_background() -> None:
    text = "Gunmen kidnapped 40 pupils in Alpha in 2014. The kidnapping still haunts the town."
    old = told(text, "kidnapped", ABDUCTION, "abduct", when=When(date=date(2014, 1, 1), time_precision=3))
    again = told(text, "kidnapping", ABDUCTION, "abduct")
    assert fold_text(text, old, again) == []


def month_of(text: str, words: str, first: date, last: date) -> When:
    """A date the sentence gives only by its month ("in February")."""
    start = text.index(words)
    return When(
        date=first,
        date_range=(first, last),
        time_precision=3,
        mention=Span.of(Article(text=text), start, start + len(words)),
    )


def test_assemble_an_incident_of_an_earlier_month_beside_news_of_the_day_is_background() -> None:
    text = "On Monday gunmen kidnapped two traders in Alpha. Rebels took Beta in February."
    news = told(text, "kidnapped", ABDUCTION, "abduct")
    february = month_of(text, "in February", date(2022, 2, 1), date(2022, 2, 28))
    old = told(text, "took", "Non-state actor overtakes territory", "capture", when=february)
    old = replace(old, place=replace(PLACES["Beta"], admin1="Kano"))  # a town, not a country's monthly toll
    assert fold_text(text, news, old) == [ABDUCTION]
    assert fold_text(text, old) == ["Non-state actor overtakes territory"]  # the article's only news
    this_month = month_of(text, "in February", date(2022, 3, 1), date(2022, 3, 31))  # "earlier this month"
    recent = replace(old, when=this_month)
    assert fold_text(text, news, recent) == [ABDUCTION, "Non-state actor overtakes territory"]


def test_assemble_an_incident_with_no_day_of_its_own_took_place_on_the_day_told_before_it() -> None:
    text = "On Monday gunmen kidnapped two traders in Alpha. Rebels shelled Gamma."
    news = told(text, "kidnapped", ABDUCTION, "abduct")
    guessed = When(date=date(2022, 3, 9), date_range=(date(2022, 3, 8), date(2022, 3, 9)))  # the publication day
    shelled = told(text, "shelled", "Shelling/artillery/missile attack", "means:shell", when=guessed)
    events = assemble_events(Article(text=text, published=date(2022, 3, 9)), [news, shelled], is_party=lambda n: False)
    assert [(e.sub_event_type, e.date) for e in events] == [
        (ABDUCTION, MONDAY),
        (shelled.mention.sub_event_type, MONDAY),
    ]
    alone = assemble_events(Article(text=text, published=date(2022, 3, 9)), [shelled], is_party=lambda n: False)
    assert [e.date for e in alone] == [date(2022, 3, 9)]  # nothing told before it: the dates stage's guess stands


def test_assemble_another_incident_is_not_a_reference() -> None:
    text = "On Monday gunmen kidnapped two traders in Alpha. Another kidnapping was reported in Gamma."
    first = told(text, "kidnapped", ABDUCTION, "abduct")
    other = told(text, "kidnapping", ABDUCTION, "abduct")
    assert len(fold_text(text, first, other)) == 2


def test_assemble_follow_up_at_the_same_spot_tells_the_same_incident() -> None:
    text = "On Monday rebels shelled Alpha. Monitors counted 40 explosions in both directions near Alpha."
    shelled = told(text, "shelled", "Shelling/artillery/missile attack", "means:shell")
    exchange = told(text, "both directions", "Armed clash", "fight")
    assert fold_text(text, shelled, exchange) == ["Armed clash"]


def test_assemble_generic_actors_differing_by_guessed_country_do_not_contradict() -> None:
    text = "On Monday gunmen attacked an army post in Alpha. On Monday gunmen killed soldiers in Alpha."
    mali = Sides(actor1=Actor(name="Unidentified Armed Group (Mali)"), actor2=Actor(name="Military Forces of Mali"))
    nigeria = Sides(actor1=GANG, actor2=ARMY)
    first = told(text, "attacked", "Armed clash", "attack:armed-target", sides=nigeria)
    second = told(text, "killed", "Armed clash", "kill:armed-target", sides=mali)
    assert fold_text(text, first, second) == ["Armed clash"]
    named = Sides(actor1=Actor(name="Islamic State"), actor2=Actor(name="Military Forces of Mali"))
    third = told(text, "killed", "Armed clash", "kill:armed-target", sides=named)
    assert fold_text(text, first, third) == ["Armed clash"]  # an unidentified group is who the text did not name
    jnim = Sides(actor1=Actor(name="JNIM"), actor2=ARMY)
    fourth = told(text, "attacked", "Armed clash", "attack:armed-target", sides=jnim)
    assert len(fold_text(text, fourth, third)) == 2  # named sides that share no one: two incidents


def test_assemble_a_person_attacked_keeps_the_attack_when_property_was_destroyed() -> None:
    text = "On Monday gunmen attacked a trader in Alpha. His car was destroyed."
    attack = told(text, "attacked", "Attack", "attack:person-target")
    looting = told(text, "destroyed", "Looting/property destruction", "loot")
    assert fold_text(text, attack, looting) == ["Attack"]


def test_assemble_a_report_date_covers_the_day_of_the_incident() -> None:
    text = "Rioters burned a police station, police said on Monday. Police shot one of them dead on Sunday in Alpha."
    article = Article(text=text, published=date(2022, 3, 9))
    monday, sunday_at = text.index("Monday"), text.index("Sunday")
    said = Span.of(article, monday, monday + 6)
    report = When(date=MONDAY, date_range=(date(2022, 3, 4), MONDAY), time_precision=2, mention=said)
    sunday = When(date=date(2022, 3, 6), mention=Span.of(article, sunday_at, sunday_at + 6))
    burned = told(text, "burned", "Violent demonstration", "riot", when=report)
    shot = told(text, "shot", "Excessive force against protesters", "protest", when=sunday)
    assert fold_text(text, burned, shot) == ["Violent demonstration"]


def test_assemble_a_place_carried_from_context_does_not_separate_mentions() -> None:
    text = "Gunmen kidnapped ten fishermen. On Monday gunmen kidnapped ten fishermen off Gamma."
    carried = told(text, "kidnapped", ABDUCTION, "abduct")  # placed at Alpha by context, its sentence names none
    named = told(text, "kidnapped ten fishermen off", ABDUCTION, "abduct")
    assert fold_text(text, carried, named) == [ABDUCTION]


def test_assemble_a_definite_mention_naming_a_place_joins_the_incident_there() -> None:
    text = "On Monday men took a chief in Alpha. On Monday men took a priest in Gamma. The kidnapping in Alpha."
    alpha = told(text, "took a chief", ABDUCTION, "abduct")
    gamma = told(text, "took a priest", ABDUCTION, "abduct")
    again = told(text, "kidnapping in Alpha", ABDUCTION, "abduct")
    events = assemble_events(
        Article(text=text, published=date(2022, 3, 9)), [alpha, gamma, again], is_party=lambda n: False
    )
    assert [len(e.evidence) for e in events] == [2, 1]


def test_assemble_the_same_people_elsewhere_are_another_incident() -> None:
    text = "On Monday teachers marched in Alpha. The protesters also rallied in Gamma."
    march = told(text, "marched", "Peaceful protest", "protest")
    again = told(text, "protesters", "Peaceful protest", "protest")
    assert fold_text(text, march, again) == ["Peaceful protest", "Peaceful protest"]


SHELLING = "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "other",
    [
        "They also pounded the village of Zeta, killing five people.",
        "They also pounded the district of Zeta, killing five people.",  # a district, a quarter: places all the same
        "They also pounded the Zeta neighbourhood, killing five people.",
    ],
)
def test_assemble_a_locality_the_gazetteer_lacks_is_another_place(other: str) -> None:
    text = f"On Monday troops shelled Alpha. {other}"
    first = told(text, "shelled", SHELLING, "means:shell")
    again = told(text, "pounded", SHELLING, "means:shell")  # placed at Alpha from context: Zeta is unknown
    assert len(fold_text(text, first, again)) == 2


def test_assemble_a_follow_up_of_a_village_incident_folds() -> None:
    text = "On Monday troops shelled the village of Zeta. Five people were killed."
    shelled = told(text, "shelled", SHELLING, "means:shell")
    killed = told(text, "killed", "Attack", "kill:civilian-target")
    assert fold_text(text, shelled, killed) == [SHELLING]


def test_assemble_keeps_one_actor_on_both_sides_where_a_reading_says_so() -> None:
    clans = Actor(name="Unidentified Clan Militia (Nigeria)", inter=4)
    fight = reading("fighting", "Armed clash", "fight")
    fight = Reading(mention=fight.mention, sides=Sides(actor1=clans, actor2=clans), place=fight.place,
                    when=fight.when, claims=())  # fmt: skip
    (event,) = assemble_events(ARTICLE, [fight], is_party=lambda n: False)
    assert (event.actor1, event.actor2) == (clans, clans)


@pytest.mark.parametrize("taken", ["Abduction/forced disappearance", "Sexual violence"])
def test_assemble_what_was_done_to_people_outranks_an_attack_that_killed_no_one(taken: str) -> None:
    """ "Gunmen fired shots and abducted 30 pupils", "raped two women during a raid": no one killed."""
    attack = reading("Gunmen", "Attack", "attack:civilian-target")
    assert fold(attack, reading("killed", taken, "abduct"))[0][0] == taken
    lethal = reading("Gunmen", "Attack", "attack:civilian-target", claims=(2,))
    assert fold(lethal, reading("killed", taken, "abduct"))[0][0] == "Attack"


def test_assemble_weapons_seized_belong_to_the_arrest() -> None:
    arrests = reading("arrested", "Arrests", "arrest:by-authorities")
    seized = reading("12", "Disrupted weapons use", "capture:weapons-seized")
    assert fold(arrests, seized)[0][0] == "Arrests"
    goods = reading("12", "Looting/property destruction", "capture:goods-seized")
    assert fold(arrests, goods)[0][0] == "Looting/property destruction"  # ACLED's seizures of goods stay
