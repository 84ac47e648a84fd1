"""The whole pipeline on the founding article (shared/seed), as shared/gold says it should read."""

from __future__ import annotations

from datetime import date

import pytest

import warwatch
from warwatch.model import Actor, Article, Certainty, Qualifier
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles


@pytest.fixture(scope="module")
def seed_events(seed_path):
    (article,) = read_articles(seed_path)
    return Pipeline()(article)


def sub_types(text: str, published: date) -> set[str]:
    return {e.sub_event_type for e in warwatch.extract(text, published=published)}


def test_pipeline_seed_highway_attack(seed_events) -> None:
    clash = next(e for e in seed_events if e.sub_event_type == "Armed clash" and e.fatalities.claims)
    assert {clash.actor1.name, clash.actor2.name} == {"Islamic State", "Military Forces of Syria"}
    assert "Hezbollah" in clash.assoc_actor_1 + clash.assoc_actor_2
    assert date(2017, 9, 28) <= clash.date <= date(2017, 9, 29)
    assert clash.location is not None and clash.location.country == "SY" and clash.location.geo_precision == 2
    claims = {(c.source, c.value, c.qualifier, c.certainty) for c in clash.fatalities.claims}
    assert claims == {
        ("Syrian Observatory for Human Rights", 58, Qualifier.MORE_THAN, Certainty.REPORTED),
        ("Islamic State", 100, Qualifier.AROUND, Certainty.CLAIMED),
    }
    assert (clash.fatalities.best, clash.fatalities.low, clash.fatalities.high) == (58, 58, 100)


def test_pipeline_seed_idlib_hospitals(seed_events) -> None:
    strike = next(e for e in seed_events if e.date == date(2017, 9, 19))
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.location is not None and strike.location.admin1 == "Idlib" and strike.location.geo_precision == 3
    assert strike.sources == ("Physicians for Human Rights",)


def test_pipeline_seed_non_events_stay_out(seed_events, seed_path) -> None:
    text = seed_path.read_text()
    for passage in ("Security Council met", "eighth round of Syria talks", "North Korean threats"):
        start = text.index(passage)
        assert not any(s.start <= start < s.end for e in seed_events for s in e.evidence), passage


def test_pipeline_library_extract() -> None:
    events = warwatch.extract("Gunmen killed three farmers near Konduga on Tuesday, police said.",
                              published=date(2020, 6, 5))  # fmt: skip
    (event,) = events
    assert event.sub_event_type == "Attack" and event.date == date(2020, 6, 2)
    assert [(c.value, c.qualifier) for c in event.fatalities.claims] == [(3, Qualifier.EXACT)]


def test_pipeline_pipe_gives_what_one_call_per_article_gives(pipeline: Pipeline, seed_path) -> None:
    articles = [*read_articles(seed_path)]
    articles += [Article(text=f"Gunmen killed {n} farmers in Konduga on Monday.") for n in (2, 3, 4)]
    piped = list(pipeline.pipe(articles, batch_size=2))
    assert [article for article, _ in piped] == articles
    assert [events for _, events in piped] == [pipeline(article) for article in articles]


def test_pipeline_a_place_stormed_takes_the_type_of_what_was_done_there() -> None:
    """Storming a village is typed a clash only when nothing else is told; gunmen firing on residents is an attack."""
    text = "Gunmen stormed a farming village near Jos on Monday and opened fire on sleeping residents."
    (event,) = warwatch.extract(text, published=date(2024, 5, 8))
    assert event.sub_event_type == "Attack"


def test_pipeline_a_particle_alone_is_no_place_and_gendarmes_are_state_forces() -> None:
    """ "Le" of "the Le Prince road" is no Leh; gendarmes who kill at a demonstration use excessive force."""
    text = "Two men were shot dead as gendarmes broke up an opposition demonstration on the Le Prince road in Conakry."
    (event,) = warwatch.extract(text, published=date(2024, 5, 8))
    assert (event.location.name, event.sub_event_type) == ("Conakry", "Excessive force against protesters")


def test_pipeline_a_season_of_a_year_long_past_is_history() -> None:
    text = "Residents still recall the summer of 2006, when air raids flattened the old market."
    assert warwatch.extract(text, published=date(2025, 5, 8)) == ()


def test_pipeline_an_incident_dated_over_a_month_before_the_report_is_background() -> None:
    """ACLED coded it from the reports of its day; the article only reminds the reader of it."""
    text = "The curfew in Tilla was lifted on Tuesday. It was imposed after rioters torched shops there on 2 October."
    assert warwatch.extract(text, published=date(2025, 11, 12)) == ()
    assert sub_types(text, date(2025, 10, 20)) == {"Violent demonstration"}


def test_pipeline_a_protest_over_an_arrest_is_an_event_of_its_own() -> None:
    """Supporters who gathered over their leader's arrest protest on their own; protesters detained as they marched
    are the intervention in their protest."""
    text = "Police arrested the union leader at his office in Mbale on Monday. Later 200 workers rallied at the jail."
    assert sub_types(text, date(2025, 8, 6)) == {"Arrests", "Peaceful protest"}
    detained = "Police detained 20 marchers in Mbale on Monday. The marchers had gathered outside the court."
    assert sub_types(detained, date(2025, 8, 6)) == {"Protest with intervention"}


def test_pipeline_an_arrest_for_violence_told_as_its_reason_is_an_event_of_its_own() -> None:
    text = "Police arrested an opposition lawmaker at his home on Monday in connection with last year's riot cases."
    assert sub_types(text, date(2025, 8, 6)) == {"Arrests"}
    made = "Police fired tear gas and detained dozens of nurses who were protesting outside the ministry on Monday."
    assert sub_types(made, date(2025, 8, 6)) == {"Protest with intervention"}


def test_pipeline_a_month_of_tolls_over_a_country_is_no_incident() -> None:
    text = "At least 120 civilians were killed in Ukraine in October, the UN monitoring mission said on Tuesday."
    assert warwatch.extract(text, published=date(2024, 11, 12)) == ()
    placed = "Gunmen killed 12 villagers in Zamfara state in October, residents said on Tuesday."
    assert sub_types(placed, date(2024, 11, 12)) == {"Attack"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no one killed: what was done to the people is the incident, not the raid or the shots around it
        ("Soldiers raped two women during a raid on the village on Friday.", {"Sexual violence"}),
        ("Gunmen fired shots and abducted 30 pupils from the school on Friday.", {"Abduction/forced disappearance"}),
        # weapons found on people arrested belong to the arrest
        ("Police arrested two militants in the town on Monday and seized two rifles from them.", {"Arrests"}),
        # armed men blocking a road are no protest
        ("Armed men blocked the highway on Monday night and shot dead six passengers.", {"Attack"}),
        ("Drones dropped grenades filled with CS gas on the positions on Sunday.", {"Chemical weapon"}),
    ],
)
def test_pipeline_what_an_incident_is(text: str, expected: set[str]) -> None:
    assert sub_types(text, date(2022, 3, 10)) == expected


def test_pipeline_a_headline_and_its_body_tell_one_incident_whose_sides_the_body_names() -> None:
    """The headline's misread attacker (no one named) contradicts no one; the body names the sides."""
    text = (
        "IS claims bombing of Taliban post in Kunduz\n"
        "KABUL (AP) - A suicide bomber blew himself up at the gate of a Taliban police post in Kunduz on "
        "Wednesday, killing four people, officials said. Islamic State claimed the attack."
    )
    (event,) = warwatch.extract(text, published=date(2024, 10, 17))
    assert event.sub_event_type == "Suicide bomb"
    assert event.date == date(2024, 10, 16)
    assert event.actor1 is not None and event.actor1.name.startswith("Islamic State")


def test_pipeline_a_headline_of_two_incidents_folds_each_into_its_own() -> None:
    """The geocoder places the headline's recapture at the other clause's Mogadishu; the body tells one recapture."""
    text = (
        "Troops retake Kadow from rebels; shelling kills two near Mogadishu port\n"
        "Government troops recaptured the village of Kadow in Galguduud region from al-Shabaab on Tuesday, officials "
        "said. On Wednesday, mortar shells fired by the militants landed near the port of Mogadishu, killing two "
        "civilians."
    )
    events = warwatch.extract(text, published=date(2024, 8, 22))
    assert [(e.sub_event_type, e.date) for e in events] == [
        ("Government regains territory", date(2024, 8, 20)),
        ("Shelling/artillery/missile attack", date(2024, 8, 21)),
    ]


def test_pipeline_a_cache_uncovered_is_disrupted_weapons_use() -> None:
    text = "Soldiers searching a farm near Culiacan on Tuesday uncovered a cache of 80 rifles and 20 grenades."
    assert sub_types(text, date(2024, 12, 4)) == {"Disrupted weapons use"}


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # a trial or a remembrance: what the article tells with no date of its own is the case tried or remembered
        ("Court sentences four militiamen to death over village massacre", set()),
        ("Two years after the market bombing, survivors still wait for help", set()),
        # an inquiry: what it found, undated, is no news of the day; a headline's verb "reports" is no report
        ("UN investigators say militia committed war crimes in village raids", set()),
        ("Governor reports four farmers killed in village raid", {"Attack"}),
        # news the body dates is news still
        ("Gunmen kill four in village raid", {"Attack"}),
    ],
)
def test_pipeline_a_trial_or_remembrance_tells_no_undated_incident(headline: str, expected: set[str]) -> None:
    text = (
        f"{headline}\n\nThe gunmen stormed the village and shot dead four farmers, residents said. "
        "Relatives of the victims gathered outside the court building in the provincial capital."
    )
    events = warwatch.extract(text, published=date(2024, 10, 22))
    assert {e.sub_event_type for e in events} == expected


def test_pipeline_a_trial_article_keeps_an_incident_the_body_dates() -> None:
    text = (
        "Court jails five over 2019 church bombing\n\nA court in the capital sentenced five men to life in prison on "
        "Monday over the bombing. On Sunday, gunmen shot dead two worshippers at a church in the north, police said."
    )
    events = warwatch.extract(text, published=date(2024, 10, 22))
    assert [(e.sub_event_type, e.date) for e in events] == [("Attack", date(2024, 10, 20))]


def test_pipeline_a_follow_up_sentence_tells_more_of_the_incident_just_told() -> None:
    """A sentence naming no date or place goes on with the incident told just before it, not with an earlier one of
    its type; the killed of a sentence whose "when" clause tells the bombing are the bombing's."""
    text = (
        "At least six people were killed and 14 injured on Saturday when a suicide bomber blew himself up at a rally "
        "in Bannu, police said. In a separate incident on Saturday night, gunmen hurled a grenade at a party office "
        "in Kohat. Two party workers were injured."
    )
    events = warwatch.extract(text, published=date(2025, 4, 13))
    assert [(e.sub_event_type, e.fatalities.best, len(e.evidence)) for e in events] == [
        ("Suicide bomb", 6, 1),
        ("Grenade", 0, 2),
    ]


def test_pipeline_a_figure_of_an_earlier_year_is_not_the_last_incidents() -> None:
    text = (
        "A roadside bomb wounded four soldiers in Datu Piang on Saturday. The group was behind the siege of "
        "Zamboanga in 2013 that left more than 200 people dead."
    )
    (event,) = warwatch.extract(text, published=date(2024, 3, 10))
    assert (event.sub_event_type, event.fatalities.best) == ("Remote explosive/landmine/IED", 0)


def test_pipeline_a_statement_is_its_authors_word() -> None:
    text = "The DIU statement said two guards were killed in the blast in Melitopol on Sunday."
    (event,) = warwatch.extract(text, published=date(2025, 3, 4))
    assert (event.sources, [c.source for c in event.fatalities.claims]) == (("DIU",), ["DIU"])


def test_pipeline_one_civilian_killed_by_remote_means_is_the_target() -> None:
    text = "Armed men threw a grenade into a bar in Salamanca on Sunday, killing one customer."
    (event,) = warwatch.extract(text, published=date(2025, 9, 9))
    assert (event.sub_event_type, event.actor2 and event.actor2.name) == ("Grenade", "Civilians (Mexico)")


def test_pipeline_an_incident_told_separately_is_its_own_event() -> None:
    """ "Separately, ..." opens another incident, though it names no place of its own and happened the same day."""
    text = (
        "Gunmen attacked a police checkpoint in Bannu, Pakistan, on Monday, killing two officers. Separately, police "
        "defused a bomb planted under a bridge on Monday."
    )
    assert sub_types(text, date(2025, 8, 6)) == {"Armed clash", "Disrupted weapons use"}


def test_pipeline_a_figure_nobody_gives_in_its_sentence_is_also_the_reporters_of_its_event() -> None:
    """The text states the toll in its own voice (the publisher's claim) right after the governor tells the strike:
    the governor gives it too. A sentence whose own speaker says something else lends them no figure."""
    text = (
        "A ballistic missile struck a block of flats in Sumy on Thursday evening, regional governor Ivan Petrenko "
        "said. Three people were killed and 21 wounded."
    )
    (event,) = warwatch.extract(text, published=date(2025, 1, 3), publisher="Daily Planet")
    assert {(c.source, c.value) for c in event.fatalities.claims} == {("Daily Planet", 3), ("Ivan Petrenko", 3)}
    headline = "Ukraine says it retook a village near Pokrovsk; Russia denies it; shelling kills two in Nikopol"
    body = "Russian artillery shelled the city of Nikopol on Monday, killing two people."
    (_, shelling) = warwatch.extract(f"{headline}\n\n{body}", published=date(2025, 2, 18))
    assert [c.source for c in shelling.fatalities.claims] == [None]


def test_pipeline_a_group_in_power_is_the_state() -> None:
    """The Taliban govern Afghanistan since 15 August 2021: ACLED names their forces the state's, and their
    detentions are arrests. Before that day they are an armed group, and what they detain they abduct."""
    text = "Taliban fighters detained a female journalist in Kabul on Monday, her family said."
    (event,) = warwatch.extract(text, published=date(2025, 3, 5))
    assert (event.sub_event_type, event.actor1) == ("Arrests", Actor(name="Military Forces of Afghanistan", inter=1))
    (event,) = warwatch.extract(text, published=date(2019, 3, 5))
    assert (event.sub_event_type, event.actor1) == ("Abduction/forced disappearance", Actor(name="Taliban", inter=2))
    police = "Taliban police arrested three women's rights activists in Herat on Tuesday."
    (event,) = warwatch.extract(police, published=date(2025, 3, 5))
    assert (event.actor1 and event.actor1.name, event.assoc_actor_1) == ("Police Forces of Afghanistan", ())
    clash = "The Taliban clashed with NRF fighters in the Panjshir valley on Sunday, killing four."
    (event,) = warwatch.extract(clash, published=date(2025, 3, 5))
    assert [a and a.name for a in (event.actor1, event.actor2)] == [
        "Military Forces of Afghanistan",
        "NRF: National Resistance Front",
    ]


def test_pipeline_an_act_told_on_a_day_of_its_own_is_another_incident() -> None:
    """Two days apart is within the fold's reach, but a sentence that tells another kind of act on a day of its own
    tells another incident, though a follow-up of the first one sits in the same town."""
    text = (
        "At least 20 soldiers were killed when militants stormed an army base in Djibo on Sunday, security sources "
        "said. Residents said gunfire rang out for hours. On Friday, gunmen killed 12 civilians in Djibo, a resident "
        "said."
    )
    events = warwatch.extract(text, published=date(2024, 8, 27))
    assert {(e.sub_event_type, e.date, e.fatalities.best) for e in events} == {
        ("Armed clash", date(2024, 8, 25), 20),
        ("Attack", date(2024, 8, 23), 12),
    }


def test_pipeline_the_war_around_an_incident_and_the_incident_named_again_are_no_events() -> None:
    text = (
        "A drone strike on a market in Bichena killed 11 civilians on Tuesday, residents said, as fighting between "
        "the army and the militia intensified. The strike followed heavy fighting on Monday around Debre Markos."
    )
    events = warwatch.extract(text, published=date(2024, 11, 14))
    assert {(e.sub_event_type, e.date) for e in events} == {
        ("Air/drone strike", date(2024, 11, 12)),
        ("Armed clash", date(2024, 11, 11)),
    }


def test_pipeline_what_came_hours_after_an_incident_is_another_incident() -> None:
    text = (
        "Rebels shelled a displacement camp near El Fasher on Tuesday, killing 14 civilians, a rescue group said. "
        "Hours after the shelling, rebel fighters launched a ground assault on the city's outskirts. The army said "
        "its troops repelled the attack."
    )
    events = warwatch.extract(text, published=date(2025, 6, 4))
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack", "Armed clash"}


def test_pipeline_a_body_that_dates_news_by_its_day_goes_on_with_news_under_an_anniversary_headline() -> None:
    text = (
        "Police fire on marchers on anniversary of 2024 protests\n\n"
        "Police fired live rounds at protesters in Nairobi on Wednesday, killing three people, a rights group said.\n\n"
        "In the western city of Kisumu, protesters set fire to a police post and threw stones at officers."
    )
    events = warwatch.extract(text, published=date(2025, 6, 26))
    assert {(e.sub_event_type, e.location.name if e.location else None) for e in events} == {
        ("Excessive force against protesters", "Nairobi"),
        ("Violent demonstration", "Kisumu"),
    }


def test_pipeline_attacks_told_on_days_of_their_own_are_two_incidents() -> None:
    text = (
        "PORT-AU-PRINCE, Haiti (AP) - Gunmen killed three villagers on Monday, officials said. "
        "On Saturday, gunmen killed five farmers in Kenscoff, police said."
    )
    events = warwatch.extract(text, published=date(2025, 4, 1))
    assert {(e.date, e.fatalities.best) for e in events} == {(date(2025, 3, 31), 3), (date(2025, 3, 29), 5)}
