"""Fatality claims, on sentences written for these tests."""

from __future__ import annotations

import pytest

from warwatch.model import Article, Certainty, Qualifier
from warwatch.pipeline.events import detect_events
from warwatch.pipeline.fatalities import extract_claims


def claims_of(nlp, text: str) -> list[tuple[int, str, str | None]]:
    article = Article(text=text)
    doc = nlp(text)
    mentions = detect_events(article, doc)
    found = [c for group in extract_claims(article, doc, mentions) for c in group]
    for claim in found:
        assert claim.span is not None and text[claim.span.start : claim.span.end] == claim.span.text
    return [(c.value, str(c.qualifier), c.source) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed 12 villagers near the river on Monday.", [(12, "exact", None)]),
        ("Police said at least 7 people were killed in the blast.", [(7, "at least", "police")]),
        ("The monitor said more than 30 soldiers were killed in the fighting.", [(30, "more than", "monitor")]),
        ("The rebels said they had killed around 50 troops in the ambush.", [(50, "around", "rebels")]),
        ("Up to 20 fighters died in the clashes, according to local officials.", [(20, "up to", "local officials")]),
        ("Militants attacked the post, killing three soldiers and two policemen.", [(5, "exact", None)]),
        ("The air strike killed dozens of civilians in the market.", [(24, "at least", None)]),
        ("A soldier was killed when the convoy was ambushed.", [(1, "exact", None)]),
        # the parser hangs the subject of "was shot" on "sticks": the word before "was" is who died
        ("Police said the rioters hit each other with sticks and one person was shot dead.", [(1, "exact", "police")]),
        # a dateline is where the reporter files from, never who speaks
        ("KANO, Nigeria: The army said it killed 12 militants near the town on Friday.", [(12, "exact", "army")]),
        ("GAO, Mali - Local officials said gunmen killed five farmers on Tuesday.", [(5, "exact", "local officials")]),
        ("Four guards lost their lives when militants stormed the depot.", [(4, "exact", None)]),
        # a period that ranks the event is no running total
        ("Gunmen killed 40 herders on Monday in the deadliest attack since 2019.", [(40, "exact", None)]),
        ("Rebels killed nine soldiers on Friday, the first ambush since the truce began.", [(9, "exact", None)]),
        # the press's words for the dead: martyred, gunned down, neutralised (of fighters), left dead
        ("Three policemen were martyred when a bomb hit their van.", [(3, "exact", None)]),
        ("Four suspected militants were gunned down near the camp.", [(4, "exact", None)]),
        ("Troops repelled the raid, neutralising 7 of the bandits.", [(7, "exact", None)]),
        ("At least six people were left dead after the clashes.", [(6, "at least", None)]),
        # the wounded conjoined to the dead are not counted with them
        ("The blast left two dead and nine injured.", [(2, "exact", None)]),
    ],
)
def test_fatalities_values_qualifiers_sources(nlp, text, expected) -> None:
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Twelve soldiers were wounded when militants attacked the base.",
        "Gunmen attacked the checkpoint and injured 30 people.",
    ],
)
def test_fatalities_wounded_are_not_fatalities(nlp, text) -> None:
    assert claims_of(nlp, text) == []


def test_fatalities_subgroups_do_not_add(nlp) -> None:
    text = "The air strike killed 40 people, including 16 children, in the village."
    assert claims_of(nlp, text) == [(40, "exact", None)]


def test_fatalities_unverified_certainty(nlp) -> None:
    text = "The group purportedly killed 9 soldiers in the raid, a claim that could not be verified."
    article = Article(text=text)
    doc = nlp(text)
    (claims,) = [c for c in extract_claims(article, doc, detect_events(article, doc)) if c]
    assert claims[0].certainty == Certainty.UNVERIFIED
    assert claims[0].qualifier == Qualifier.EXACT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # groups are added, ranges count their lower bound: at least that many
        ("The raid led to the killing of 4 bandits and 1-2 policemen near the market.", [(5, "exact", None)]),
        ("Gunmen killed two to three herders at the well on Monday.", [(2, "at least", None)]),
        ("One or two guards were killed when rebels attacked the depot.", [(1, "at least", None)]),
        ("Raiders killed between six and nine cattle keepers near the dam on Friday.", [(6, "at least", None)]),
        ("Militants killed a family of seven in their compound at dawn on Friday.", [(7, "exact", None)]),
        # a sub-group the parser makes a second object adds nothing
        (
            "Militants shelled the clinic in Tawila on Friday, killing at least 8 people, among them two nurses.",
            [(8, "at least", None)],
        ),
        # one person named without a number
        ("Soldiers detained a fisherman and tortured him to death.", [(1, "exact", None)]),
        ("Gunmen stopped the mayor's car and shot him dead.", [(1, "exact", None)]),
        ("A trader and his son were killed when militants raided the market.", [(2, "exact", None)]),
        ("The death toll from the clashes rose to 31, the ministry said.", [(31, "exact", "ministry")]),
        # "dead" hung on the last object of "leaving": the counted ones before it are the dead
        (
            "Fighters from the group clashed with soldiers near the dam on Tuesday, leaving at least six soldiers "
            "and an unknown number of militants dead, two security sources said.",
            [(6, "at least", "two security sources")],
        ),
    ],
)
def test_fatalities_groups_ranges_and_single_persons(nlp, text, expected) -> None:
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    "total",
    [
        "A rights group says more than 4,000 people have been killed in the region.",
        "In its long campaign, the group has been responsible for the deaths of more than 40,000 people.",
        "The toll includes 310 people killed since the truce collapsed last week.",
        "At least 40 soldiers have been killed in rebel attacks in the province in the same period.",
    ],
)
def test_fatalities_a_running_total_after_an_incident_is_not_its_toll(nlp, total: str) -> None:
    text = "Gunmen attacked a police patrol near the bridge on Monday, killing two officers. " + total
    article = Article(text=text)
    doc = nlp(text)
    mentions = detect_events(article, doc)
    claims = extract_claims(article, doc, mentions)
    assert sorted(c.value for cs in claims for c in cs) == [2]


def test_fatalities_follow_up_sentence_counts_for_the_last_event(nlp) -> None:
    text = "Gunmen attacked a police patrol near the bridge on Monday. The officer died."
    article = Article(text=text)
    doc = nlp(text)
    mentions = detect_events(article, doc)
    claims = extract_claims(article, doc, mentions)
    assert [c.value for c in claims[-1]] == [1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-seven people were killed in the clashes, the ministry said.", [(27, "exact", "ministry")]),
        ("A total of 19 people were killed in the city, monitors said.", [(19, "exact", "monitors")]),
        ("Gunmen killed two farmers, district commissioner Jane Moyo told reporters.", [(2, "exact", "Jane Moyo")]),
        ("One of the rioters was hit and killed by a bullet near the station.", [(1, "exact", None)]),
        ("Militiamen shot and killed 4 traders on the road.", [(4, "exact", None)]),
        (  # a name with an Arabic article, written as the text spaces it
            "Jaish al-Adl, which says it fights for the Baluch, said its fighters had killed 12 guards on Sunday.",
            [(12, "exact", "Jaish al-Adl")],
        ),
    ],
)
def test_fatalities_numbers_and_names_as_written(nlp, text, expected) -> None:
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two guards were shot and wounded when gunmen attacked the bank.",
        "The monitor says more than 9,000 people have been killed since the war began.",
        "He called the attack a massacre committed by the militia.",
        "Soldiers neutralised two bombs planted near the bridge.",
        "Police seized three guns from the gang's hideout after the shooting.",
        "The violence between the two communities has killed more than 250 people since May 2023.",
        "Thousands were killed in police operations during his 2016-2022 term.",
        "Police killed 2019 election protesters in Lagos on Monday.",  # a year, not a count
        # a disaster's toll told beside the fighting
        "Troops clashed with rebels near Bhamo on Monday, weeks after an earthquake struck the region, killing more "
        "than 3,000 people.",
    ],
)
def test_fatalities_no_figure_for_this_event(nlp, text) -> None:
    assert claims_of(nlp, text) == []


# --- who gives the figure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a generic descriptor refers back to the last named speaker of its kind, however far back
        (
            "The Syrian Observatory for Human Rights said jets bombed Ariha on Monday. Rebels shelled two "
            "villages in the south. The monitor said 14 civilians were killed in the raids.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "The Syrian Observatory for Human Rights reported heavy shelling. Troops also advanced on the town. "
            "At least 9 people were killed, the Observatory said.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "The Trauma Response Center of the Health Ministry said a car bomb exploded in a market. "
            "The center said 11 people were killed.",
            "Trauma Response Center of the Health Ministry",
        ),
        # a descriptor of another kind does not take an armed group's name
        (
            "The Taliban said they attacked a checkpoint. The ministry said 6 soldiers were killed.",
            "ministry",
        ),
        # "he said" takes the last person who spoke; a spokesperson speaks for their body
        (
            "Police spokesman John Okoro said gunmen raided the village at night. 'Seven people were killed,' he said.",
            "Police",
        ),
        ("A spokesman for the Nigerian army said 20 militants were killed in the raid.", "Nigerian army"),
        # "saying" without a subject: the clause it hangs on, or "with X saying"
        ("The army gave a higher toll, saying 15 fighters were killed in the ambush.", "army"),
        ("Officials gave no details, with governor Ali Musa saying 5 soldiers were killed.", "Ali Musa"),
        # a name with an acronym defined right after it is named by the acronym
        ("The Center for Peace and Justice (CPJ), a local group, said 8 farmers were killed by gunmen.", "CPJ"),
    ],
)
def test_fatalities_source_back_references(nlp, text: str, source: str) -> None:
    assert [s for _, _, s in claims_of(nlp, text)][-1:] == [source]


def test_fatalities_unresolved_pronoun_is_nobody(nlp) -> None:
    assert claims_of(nlp, "Gunmen attacked a bus on Monday. 'Four passengers were killed,' she said.") == [
        (4, "exact", None)
    ]


def test_fatalities_headline_figure_tells_of_the_first_event(nlp) -> None:
    text = "At Least 12 Dead in Border Shootout\nGunmen clashed with soldiers near the border on Friday."
    assert (12, "at least", None) in claims_of(nlp, text)


def test_fatalities_the_dead_counted_as_a_noun(nlp) -> None:
    text = "Gunmen clashed with police in the town. According to local reports, most of the 9 dead were gunmen."
    assert (9, "exact", "local reports") in claims_of(nlp, text)


def test_fatalities_as_per_names_the_source(nlp) -> None:
    assert claims_of(nlp, "As per local officials, gunmen killed 3 herders near the river.") == [
        (3, "exact", "local officials")
    ]


# --- single victims, headline figures, agents (probe snippets and sentences written for these tests) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one victim counted, named by name, or killed by a verb of its own
        (
            "Government troops and New People's Army rebels fought a two-hour gunbattle in the hills of Las Navas, "
            "Northern Samar, on Monday, the army said, with one soldier killed.",
            [1],
        ),
        (
            "Gunmen killed reporter Luis Medina in San Luis Rio Colorado, Sonora, on Wednesday, "
            "the state prosecutor said.",
            [1],
        ),
        ("A mob lynched a man accused of blasphemy in Sialkot on Friday and burned his body, police said.", [1]),
        # a verbless headline figure
        ("Russian drones hit Odesa port overnight, two dead - regional governor", [2]),
        # the agent of a killing is no victim
        ("Two gunmen shot dead a shopkeeper during a raid on the market on Tuesday night, police said.", [1]),
        # a participle with a subject of its own does not count the noun it hangs on
        (
            "The Islamic State announced on Thursday in an audio message that its leader had been killed and named "
            "Abu Hafs al-Hashimi al-Qurashi as its new caliph.",
            [1],
        ),
    ],
)
def test_fatalities_single_victims_and_agents(nlp, text: str, expected: list[int]) -> None:
    assert [v for v, _, _ in claims_of(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rioters beat the suspect and tried to kill a second man near the market before police arrived.",
        "A bomb went off near the barracks in the evening. There were no immediate reports of casualties.",
        "Militants stormed the depot on Monday, though no civilians were killed.",  # a sub-group: the rest untold
    ],
)
def test_fatalities_attempts_and_unknown_tolls_are_no_figure(nlp, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No one was killed when rebels shelled the town on Monday, officials said.", [(0, "exact", "officials")]),
        ("Gunmen fired on a police post in the district on Sunday. No fatalities were reported.", [(0, "exact", None)]),
        ("Rioters torched two buses near the depot. No fatalities or injuries were reported.", [(0, "exact", None)]),
        ("Insurgents shelled the garrison overnight without causing any casualties.", [(0, "exact", None)]),
        # a figure of dead in the same sentence is the claim: nobody else hurt adds nothing
        ("Gunmen killed two guards at the mine; nobody else was hurt.", [(2, "exact", None)]),
    ],
)
def test_fatalities_a_report_that_nobody_died_is_a_claim_of_zero(nlp, text: str, expected) -> None:
    assert claims_of(nlp, text) == expected


def test_fatalities_headline_total_is_not_the_event_figure(nlp) -> None:
    text = (
        "30 dead as army pounds rebel towns\n"
        "The army shelled two towns in the north on Monday, killing 4 people. "
        "A total of 30 people were killed across the country, monitors said."
    )
    assert [v for v, _, _ in claims_of(nlp, text)] == [4]


def test_fatalities_vague_amount_is_at_least_and_a_dozen_as_qualified(nlp) -> None:
    assert claims_of(nlp, "About a dozen soldiers were killed when rebels attacked the base.") == [(12, "around", None)]
    assert claims_of(nlp, "Jets bombed the camp, killing scores of fighters.") == [(40, "at least", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants raided a village on Friday. Deaths were estimated at 40 by the local council.", [40]),
        ("Gunmen attacked a convoy on Monday. Unknown fatalities coded as 10.", [10]),
        ("Rebels shelled the town on Monday. Dozens of fatalities coded as 12.", [12]),
        ("Gunmen shot dead 2 guards on Monday. Fatalities coded as 0 (the agency reported 2).", [2, 0]),
    ],
)
def test_fatalities_a_figure_given_to_the_dead(nlp, text, expected) -> None:
    """A verb of level gives the dead their number, as a coder's "fatalities coded as N" does."""
    assert [value for value, _, _ in claims_of(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said 14 militants were killed, wounded or captured in the operation on Monday.",
        "Troops said 6 rebels were killed or arrested in the raid on Friday.",
    ],
)
def test_fatalities_the_dead_mixed_with_others_are_no_figure(nlp, text) -> None:
    assert claims_of(nlp, text) == []


def test_fatalities_a_death_verb_alone_still_counts(nlp) -> None:
    assert [v for v, _, _ in claims_of(nlp, "Gunmen attacked the camp on Monday and 3 guards were killed.")] == [3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A car bomb killed nine people in the city on Monday, police and hospital officials said.",
            [(9, "exact", "police"), (9, "exact", "hospital officials")],
        ),
        (
            "A drone strike killed four people in the town on Friday, Reuters and AFP reported.",
            [(4, "exact", "Reuters"), (4, "exact", "AFP")],
        ),
        (
            "Gunmen killed six people near the market on Sunday, residents and a local official said.",
            [(6, "exact", "residents"), (6, "exact", "local official")],
        ),
        (
            "An air strike killed 22 people at a market on Wednesday, according to doctors and aid workers.",
            [(22, "exact", "doctors"), (22, "exact", "aid workers")],
        ),
    ],
)
def test_fatalities_a_figure_from_several_sources_is_each_ones(nlp, text, expected) -> None:
    """Each of several tellers gives the figure: one claim per source, none mixing their words."""
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two subjects for "said": the one nearest it speaks
            "Militiamen on foot killed at least 9 traders in an ambush near Tessit in Mali's Gao region on Monday, "
            "the commune's deputy mayor said, blaming Islamic State.",
            [(9, "at least", "commune's deputy mayor")],
        ),
        (  # "said" hung on the victims as a relative clause, with a subject of its own
            "A Russian missile attack on Zaporizhzhia overnight damaged a residential block and killed three people, "
            "regional governor Ivan Fedorov said on Monday.",
            [(3, "exact", "Ivan Fedorov")],
        ),
        (  # "said" left without a subject: the words between the last comma and it
            "A drone strike on a market outside Kurmuk killed 14 traders on Sunday, including two boys, residents and "
            "a local nurse said.",
            [(14, "exact", "residents"), (14, "exact", "local nurse")],
        ),
        (  # ... where they stand is not who they are
            "Two demonstrators were shot dead on Tuesday when police fired on a crowd outside the governor's office in "
            "Basra, a medical official in Basra said.",
            [(2, "exact", "medical official")],
        ),
        (  # a name joined by a hyphen
            "Five soldiers were killed on Friday when a roadside bomb struck their vehicle in the district, the "
            "Inter-Agency Security Cell said.",
            [(5, "exact", "Inter-Agency Security Cell")],
        ),
        (  # a verbless "dead" clause: the teller is no victim
            "Missiles hit the rail depot in Lozova this afternoon. At least 4 dead and more than 30 wounded, regional "
            "official Petro Hnatenko says.",
            [(4, "at least", "Petro Hnatenko")],
        ),
        (  # the victims parsed as the teller's subject
            "A bomber set off a vest at a busy bus stop in Galkayo on Friday morning, killing at least nine people, "
            "including three students, district commissioner Ali Warsame told reporters.",
            [(9, "at least", "Ali Warsame")],
        ),
        (  # "killed" tagged a past tense with nobody killed after it: a headline's passive
            "BREAKING: Troops raid Tubas camp before dawn; two Palestinians killed in an exchange of fire with "
            "soldiers, the Palestinian Red Crescent says.",
            [(2, "exact", "Palestinian Red Crescent")],
        ),
    ],
)
def test_fatalities_a_closing_speaker_the_parser_misplaces(nlp, text, expected) -> None:
    """ "..., X said." closing a sentence names who gave its figure, however the parser hangs X."""
    assert claims_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Militants ambushed a convoy on Sunday, killing four officers, the Daily Star newspaper reported.",
            "Daily Star",
        ),
        ("Air strikes killed 25 people in the camp on Sunday, Hamas-run media said.", "Hamas"),
        (
            "Shelling killed 4 people in the city, the region's counter-terrorism service said.",
            "region's counter-terrorism service",
        ),
        ("Local officials said 9 people died when militants attacked a village on Tuesday.", "local officials"),
        (
            "Al-Shabaab fighters attacked a base on Wednesday, killing 11 soldiers, the group's spokesman said.",
            "Al-Shabaab fighters",
        ),
        # a named outlet speaks for itself whoever runs it; a document for its author; an acronym past a modifier
        ("Troops killed 11 militants on Monday, the state-run Sahel News Agency reported.", "Sahel News Agency"),
        ("The DIU statement said two guards were killed in the blast on Sunday.", "DIU"),
        (
            "The Qaeda-linked Front for the Liberation of Macina (FLM) said its fighters had killed 20 soldiers.",
            "FLM",
        ),
        # staff speak for the body they work at; a person is named without a title
        ("A bomb killed two traders on Monday, a doctor at Kanto General Hospital said.", "Kanto General Hospital"),
        ("A suicide bomber killed seven people on Monday, the director of Hope Ambulance said.", "Hope Ambulance"),
        ("Missiles killed 11 people in the city on Monday, Governor Serhiy Lysak said.", "Serhiy Lysak"),
    ],
)
def test_fatalities_source_as_the_teller_is_named(nlp, text, source) -> None:
    """An outlet without its kind of outlet, a group's media as the group, hyphenated words as written, a common noun
    opening the sentence in lower case, "the group" as the group named before, a statement as who made it."""
    assert [s for _, _, s in claims_of(nlp, text)] == [source]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels said they killed 20 soldiers in the attack, while the monitor put the toll at 11.",
            [(20, "exact", "rebels"), (11, "exact", "monitor")],
        ),
        (
            "Officials said 9 people died in the raid on Tuesday, and the UN said the toll was 14.",
            [(9, "exact", "officials"), (14, "exact", "UN")],
        ),
    ],
)
def test_fatalities_a_toll_given_by_its_teller(nlp, text, expected) -> None:
    """ "X put the toll at N" and "the toll was N" give the dead their number, told by that clause's speaker."""
    assert claims_of(nlp, text) == expected


def test_fatalities_each_figure_goes_to_the_incident_whose_clause_holds_it(nlp) -> None:
    """Two bombings in one sentence: each toll and each source is its own clause's, however near the other."""
    text = (
        "A young woman blew herself up at a cattle market in Gwoza on Sunday, killing four traders, a vigilante "
        "leader said, and shortly after a second bomber detonated her vest outside a clinic in Bama, killing three "
        "patients, according to police."
    )
    article = Article(text=text)
    doc = nlp(text)
    mentions = detect_events(article, doc)
    tolls = {
        (m.trigger.text, c.value, c.source)
        for m, group in zip(mentions, extract_claims(article, doc, mentions), strict=True)
        for c in group
    }
    assert ("blew", 4, "vigilante leader") in tolls
    assert any(value == 3 and source == "police" and trigger != "blew" for trigger, value, source in tolls)


@pytest.mark.parametrize(
    "total",
    [
        "The war has killed hundreds of thousands of people.",  # counted by the thousand in words
        "The conflict, now in its fifteenth year, has killed more than 40,000 people.",  # a year of it is no day
        "The year was the deadliest for the police in a decade, with hundreds of officers killed.",  # a state left
    ],
)
def test_fatalities_a_wars_toll_after_an_incident_is_not_its_figure(nlp, total: str) -> None:
    text = f"A car bomb killed 12 people at a market in the city on Monday, police said. {total}"
    assert [value for value, _, _ in claims_of(nlp, text)] == [12]
