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
        # the war around an incident, and an incident named again to place another in time
        ("Jets struck the market on Tuesday as fighting between the two armies intensified.", "fighting", False),
        ("Jets struck the market on Tuesday amid escalating clashes in the region.", "clashes", False),
        ("Clashes intensified in the town on Tuesday, killing five fighters.", "Clashes", True),
        ("The bombing came days after fighters took control of the town.", "bombing", False),
        ("The bombing came days after fighters took control of the town on Thursday.", "took", True),
        ("The attack came on a road used as a supply route by the army, killing two soldiers.", "attack", True),
        ("The attack came as talks resumed in the capital.", "attack", False),
        # "the next day" of a story told is a day after another, not a time to come
        ("The next day, a drone strike on a rebel position killed five people.", "strike", True),
        ("Rebels said they would attack the town next week.", "attack", False),
        # a period's fighting and its toll; the event a span of time leads away from
        (
            "The clans signed a truce on Monday, ending weeks of fighting over land that killed 20 people.",
            "killed",
            False,
        ),
        ("Two weeks of clashes in the town have killed 40 people.", "killed", False),
        ("Rebels ambushed a patrol near the town on Monday, weeks after the army retook it.", "retook", False),
        ("Rebels ambushed a patrol near the town on Monday, weeks after the army retook it.", "ambushed", True),
        ("Rebels did not attack the convoy on Monday.", "attack", False),
        ("The army denied that its jets had bombed the village.", "bombed", False),
        ("The group denied responsibility for the attack on the village.", "attack", True),
        ("No attacks were reported in the town on Friday.", "attacks", False),
        ("Police foiled a planned attack on the mall.", "attack", False),
        ("The insurgency has killed 5,000 people in the province.", "killed", False),
        ("The rebels threatened to attack the city.", "attack", False),
        # what things of a kind have done to people of a kind, on no day: no incident
        ("Rights groups say the strikes have also killed civilians.", "killed", False),
        ("Gunmen have attacked villages in the district on Monday.", "attacked", True),
        ("Gunmen have killed 12 villagers in the district.", "killed", True),
        # what a truce stopped did not happen; a convoy stopped is no event, what followed is
        ("The truce in 2022 largely halted air strikes and major offensives.", "offensives", False),
        ("Rebels halted the convoy and killed two drivers on Monday.", "killed", True),
        # a toll over the past days, told in any perfect tense, sums many incidents
        ("Officials said 60 people had been killed across the province in the past week.", "killed", False),
        ("Officials said the gunmen had killed 60 people in the village.", "killed", True),
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


@pytest.mark.parametrize(
    ("text", "trigger", "fact"),
    [
        # a subject with "no", an "if" on the verb complemented, a headline's or a speaker's "X to do"
        ("After weeks of calm, no mortars were fired at the airport on Sunday.", "fired", False),
        ("Navy to launch blockade-busting offensive on the islands", "offensive", False),
        ("Militias to begin assault on the port city, a spokesman says", "assault", False),
        ("The militias began an assault on the port city on Monday.", "assault", True),
        # history named by a year or a span, and running totals told with a shared auxiliary
        ("The 1971 massacre left hundreds of villagers dead.", "massacre", False),
        ("The 1971 massacre killed hundreds of villagers.", "killed", False),
        ("The decades-long rebellion in the hills killed 30,000 people.", "killed", False),
        ("The uprising, which began in 2011, killed tens of thousands.", "killed", False),
        ("The war has uprooted and killed millions of people.", "killed", False),
        ("A roadside bomb killed four soldiers in the hills on Tuesday.", "killed", True),
        ("Decades ago, the army crushed a revolt in the north, killing hundreds.", "killing", False),
        ("Two years ago gunmen attacked the same checkpoint.", "attacked", False),
        ("Two days ago gunmen attacked the same checkpoint.", "attacked", True),
        # charges, trials and accusations in general terms; an accusation of an act placed by a day stays
        ("A tribunal sentenced the colonel to life over the shelling of the market.", "shelling", False),
        ("The court convicted two guards of torturing prisoners.", "torturing", False),
        ("The union accused the police of beating striking miners.", "beating", False),
        ("Villagers accused the militia of burning their homes on Friday.", "burning", True),
        # an agreement to do something is made when agreed
        ("The warring sides agreed to exchange 200 prisoners this week.", "exchange", True),
    ],
)
def test_states_fact_plans_history_and_charges(nlp: Language, text: str, trigger: str, fact: bool) -> None:
    assert states_fact(word(nlp, text, trigger), "agreement" if trigger == "exchange" else None) is fact


@pytest.mark.parametrize(
    ("text", "trigger", "fact"),
    [
        ("A denial-of-service attack knocked the bank's app offline.", "attack", False),
        ("The group claimed an attack on the tax office's web portal.", "attack", False),
        ("Bulls raided the currency market as the rate fell.", "raided", False),
        ("The new tariffs target steel imports from three countries.", "target", False),
        ("Brussels unveiled sanctions targeting arms dealers and their banks.", "targeting", False),
        ("The union fired a broadside at the ruling party over wages.", "fired", False),
        ("Drones targeted an arms depot near the airport.", "targeted", True),
    ],
)
def test_states_fact_cyber_markets_measures_and_words(nlp: Language, text: str, trigger: str, fact: bool) -> None:
    assert states_fact(word(nlp, text, trigger)) is fact


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A boiler explosion at a laundry killed two staff and injured nine.", "injured", True),
        ("A man stabbed his cousin during a quarrel over a debt.", "stabbed", True),
        ("A woman shot her landlord in the town on Sunday.", "shot", True),
        ("A pensioner beat a stranger to death in a row over a parking space.", "beat", True),
        ("Gunmen shot his cousin outside the mosque on Friday.", "shot", False),
        ("A soldier shot his commander at the barracks on Monday.", "shot", False),
        ("Bandits killed nine villagers in a dispute over grazing land.", "killed", False),
    ],
)
def test_mishap_conjuncts_and_private_quarrels(nlp: Language, text: str, trigger: str, expected: bool) -> None:
    assert mishap(word(nlp, text, trigger)) is expected


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("Rescue teams said they had found eleven women raped by armed men near the camp.", False),
        ("The home side stormed back to win the game on penalties.", True),
    ],
)
def test_is_background_sport_words_with_armed_violence(nlp: Language, text: str, background: bool) -> None:
    doc = nlp(text)
    assert is_background(doc[:], frozenset(t.lemma_.lower() for t in doc)) is background


@pytest.mark.parametrize(
    ("text", "trigger", "fact"),
    [
        # a toll told over months or years, in any tense, sums a period; a day named in the clause dates one incident
        ("More than 900 people were killed in the province during the first three years of the war.", "killed", False),
        ("Over the past four months, 200 herders were killed in the valley.", "killed", False),
        ("Gunmen killed 14 farmers in the valley on Sunday, the deadliest raid in the past year.", "killed", True),
        ("In the year 2019, rebels attacked the town.", "attacked", True),
        # history named by a month and a year; what a relative clause tells of it is history too
        (
            "The town was a centre of the March 2018 protest movement, during which troops killed 70 marchers.",
            "marchers",
            False,
        ),
        (
            "The town was a centre of the protest movement, during which troops killed 70 marchers on Friday.",
            "killed",
            True,
        ),
        # an event a time is told from, and the topics of a grievance, are no new incident
        ("On Tuesday, the day after the ambush, soldiers detained the village chief.", "ambush", False),
        ("Hours after the bombing, police arrested four men at the station.", "bombing", False),
        ("Hours after a bombing at the station, police arrested four men.", "bombing", True),
        ("Fury has since turned to police violence, kidnappings of reporters and rising prices.", "kidnappings", False),
        ("Outrage over the kidnappings of reporters has grown in the capital.", "kidnappings", False),
        ("Outrage grew after gunmen kidnapped two reporters in the capital on Monday.", "kidnapped", True),
        # how a war is fought is no incident; a battle fought on a day is one
        ("Analysts say the war is increasingly fought along ethnic lines.", "fought", False),
        ("A fierce battle was fought outside the town on Monday.", "fought", True),
        # what a body does, told in the present of a relative clause, is no release of one
        (
            "Rebels attacked the post, said the press cell, the army body that publishes its statements.",
            "publishes",
            False,
        ),
    ],
)
def test_states_fact_tallies_history_times_and_grievances(nlp: Language, text: str, trigger: str, fact: bool) -> None:
    assert states_fact(word(nlp, text, trigger)) is fact
