"""Event detection and typing, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from warwatch.model import Article
from warwatch.pipeline.events import detect_events
from warwatch.taxonomy import SUB_EVENT_TYPES


def sub_types(nlp, text: str) -> set[str]:
    article = Article(text=text, published=date(2022, 3, 10))
    return {m.sub_event_type for m in detect_events(article, nlp(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels and government troops clashed near the border town on Monday.", "Armed clash"),
        ("Gunmen assassinated a district judge outside his home on Friday.", "Attack"),
        ("Bandits hijacked a lorry with its driver on the highway on Monday.", "Abduction/forced disappearance"),
        ("Hundreds of traders marched in the capital on Monday against soaring inflation.", "Peaceful protest"),
        (
            "Hundreds of farmers marched on Monday; the rally passed without any arrests, police said.",
            "Peaceful protest",
        ),
        (
            "Thousands of students marched on the ministry on Friday; the march ended peacefully, with no arrests "
            "reported.",
            "Peaceful protest",
        ),
        ("Soldiers routed the rebels from two hill villages on Sunday.", "Armed clash"),
        # wordings of the rarer types
        ("Unions rallied in the capital on Sunday against corruption in flood-control projects.", "Peaceful protest"),
        (
            "A sit-in by students outside the court was broken up by police firing tear gas on Friday.",
            "Protest with intervention",
        ),
        ("Soldiers dug up an arms cache containing eight rifles on a farm on Sunday.", "Disrupted weapons use"),
        (
            "A barrage of 30 rockets launched from across the border set fields ablaze on Monday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "The rebels handed the city back to the army on Tuesday under a deal brokered by China.",
            "Non-violent transfer of territory",
        ),
        ("The two sides completed the third and final stage of their prisoner exchange on Sunday.", "Agreement"),
        ("Armed separatists carried off a village chief and his sons on Monday.", "Abduction/forced disappearance"),
        (
            "Police found 90 kilograms of explosives and two homemade mortars buried on a farm on Monday.",
            "Disrupted weapons use",
        ),
        ("Two primed rocket launchers were found and dismantled in an orchard on Monday.", "Disrupted weapons use"),
        ("Thousands packed the square on Saturday, chanting 'Bring them home'.", "Peaceful protest"),
        ("Rebels took Nyabibwe after a short fight with the army on Monday.", "Non-state actor overtakes territory"),
        (
            "Thousands fled after the fall of the border town to the rebels on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Armed separatists seized a traditional ruler in his palace on Monday.", "Abduction/forced disappearance"),
        ("The bomber walked into the tea shop on Monday and set off a vest packed with explosives.", "Suicide bomb"),
        (
            "Police opened fire on a crowd of demonstrators marching through the town on Monday.",
            "Excessive force against protesters",
        ),
        ("The two countries swapped 200 prisoners each at the border on Monday.", "Agreement"),
        ("The army said on Monday that it had recovered the town from the rebels.", "Government regains territory"),
        (
            "The militia said its fighters had liberated the town from the army on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Militiamen set fire to the district administration office on Monday.", "Looting/property destruction"),
        ("Two explosives-laden trucks were rammed into the wall of the base on Monday.", "Suicide bomb"),
        ("A bomber walked into the queue at the bank on Monday and set off his explosives.", "Suicide bomb"),
        ("A woman strapped with explosives blew herself up at a market on Monday.", "Suicide bomb"),
        ("The two sides handed back 90 prisoners of war each on Monday in a swap brokered by Qatar.", "Agreement"),
        (
            "Teachers marched through the city on Monday, part of a nationwide day of action over pay.",
            "Peaceful protest",
        ),
        ("Anti-riot officers fired tear gas to break up a march of nurses on Monday.", "Protest with intervention"),
        ("Police pushed the crowd back with water cannon outside parliament on Monday.", "Protest with intervention"),
        ("An angry crowd stoned to death a man accused of theft in the market on Monday.", "Mob violence"),
        ("Engineers found and dismantled two rocket launchers in an orchard on Monday.", "Disrupted weapons use"),
        ("Riot police broke up a gathering of students outside the university on Monday.", "Protest with intervention"),
        (
            "Police used batons and stun grenades to break up a rally of teachers on Monday.",
            "Protest with intervention",
        ),
        ("Soldiers blew up a dozen homes in the camp on Monday, residents said.", "Looting/property destruction"),
        (
            "Rebel fighters swept into the provincial capital on Monday after the army withdrew.",
            "Non-state actor overtakes territory",
        ),
        ("Four policemen lost their lives when militants ambushed their patrol on Monday.", "Armed clash"),
        (
            "Army troops were back in control of the port on Monday after a week of fighting.",
            "Government regains territory",
        ),
        ("The rebel alliance ceased to exist on Monday when its factions joined the army.", "Change to group/activity"),
        ("Jets dropped canisters releasing a choking gas over the village on Monday.", "Chemical weapon"),
        (
            "The army has set up a fortified post on the hill above the village, residents said on Monday.",
            "Headquarters or base established",
        ),
        ("The two sides completed the final stage of a prisoner exchange on Monday.", "Agreement"),
        ("Grenades thrown into a crowded bar killed two people on Monday.", "Grenade"),
        ("A van packed with explosives blew up outside the barracks on Monday.", "Remote explosive/landmine/IED"),
        ("A bomber rammed an explosives-laden pickup into the gate of the base on Monday.", "Suicide bomb"),
        ("An attacker detonated his explosives at the entrance of a mosque on Friday.", "Suicide bomb"),
        ("Demonstrators set fire to the town hall on Monday over the election results.", "Violent demonstration"),
        (
            "Police fired tear gas and live ammunition at marchers in the capital on Monday.",
            "Excessive force against protesters",
        ),
        ("Government troops took back the town from the insurgents on Monday.", "Government regains territory"),
        ("The rebels entered the town on Monday without firing a shot.", "Non-violent transfer of territory"),
        ("Four aid workers were taken captive by gunmen near the river on Monday.", "Abduction/forced disappearance"),
        ("Two nuns were snatched from their convent by armed men on Monday.", "Abduction/forced disappearance"),
        ("A poison gas attack on the suburb killed 12 people on Monday, medics said.", "Chemical weapon"),
        (
            "A remote-controlled device planted by the road hit an army truck on Monday.",
            "Remote explosive/landmine/IED",
        ),
        ("The two sides freed 40 detainees each on Monday in an exchange brokered by Qatar.", "Agreement"),
        ("The army and the rebel front signed a declaration of principles in Doha on Monday.", "Agreement"),
        (
            "The militia established a new position on the ridge above the town on Monday.",
            "Headquarters or base established",
        ),
        (
            "The rebels occupied the town hall on Monday and declared it their headquarters.",
            "Headquarters or base established",
        ),
        ("Rebel fighters moved into a new base near the Kajo Keji dam on Tuesday.", "Headquarters or base established"),
        (
            "The peacekeepers handed their base near the airport over to the army on Monday.",
            "Non-violent transfer of territory",
        ),
        ("Nurses formed a human chain around the hospital on Monday to demand unpaid wages.", "Peaceful protest"),
        ("Teachers staged a week-long sit-in outside the ministry on Monday.", "Peaceful protest"),
        ("Thousands of supporters filled the square on Friday, chanting against the blockade.", "Peaceful protest"),
        # a crowd's words and forms beyond "protest": slogans with their kind, a blockade held, a petition brought
        ("Fans outside the stadium were heard chanting pro-democracy slogans on Saturday.", "Peaceful protest"),
        ("Dock workers held a two-hour symbolic blockade of the port gate on Monday.", "Peaceful protest"),
        (
            "Some 200 fishermen assembled outside the district office on Monday to hand over a memorandum on fuel.",
            "Peaceful protest",
        ),
        # a crowd's destruction beyond stones and looting: fire set, things thrown at a target, windows broken
        ("Traders protesting a new levy set fire to the council's tax office on Tuesday.", "Violent demonstration"),
        ("Students demonstrating over fees threw bottles at the rector's car on Monday.", "Violent demonstration"),
        ("Demonstrators smashed the windows of the electoral commission's office on Friday.", "Violent demonstration"),
        # a crowd that tried to march was out, and stopped; pushing at a police barricade is no rioting of its own
        ("Police detained some 30 teachers who tried to march on the ministry on Monday.", "Protest with intervention"),
        ("Hundreds of protesters broke through a police barricade near the court on Monday.", "Peaceful protest"),
        # fighting for a place is a battle (for a cause it is not); a share of people is no share of incidents
        ("Rebels were fighting for control of the bridge on Monday.", "Armed clash"),
        ("Police said most of the marchers were detained on Monday.", "Protest with intervention"),
        # armed people hurt with a crowd's means at a demonstration died in a riot, not in a battle
        (
            "Traders marched on the town hall on Friday. A policeman was killed after being hit with rocks.",
            "Violent demonstration",
        ),
        # force short of killing on a crowd: the protest met intervention
        ("Riot police clubbed and kicked demonstrators outside the port on Monday.", "Protest with intervention"),
        # a flash mob is a gathering: fired on, it is excessive force, no riot
        (
            "Soldiers opened fire on a flash mob in the market square on Sunday, killing three young protesters.",
            "Excessive force against protesters",
        ),
        (
            "Insurgents pushed the militia out of the town after a day of fighting on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Riot police baton-charged striking nurses outside the ministry on Friday.", "Protest with intervention"),
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
        # weapons named by their ammunition or by what they are of
        ("Troops raided a hideout near the river on Wednesday and seized 40 mortar rounds.", "Disrupted weapons use"),
        # people taken away by armed men
        (
            "Armed men took four members of a family from their home in Culiacan on Tuesday.",
            "Abduction/forced disappearance",
        ),
        ("Bandits marched 30 villagers into the forest near Tsafe on Sunday.", "Abduction/forced disappearance"),
        ("A drone dropped a grenade on a trench near the river on Monday.", "Air/drone strike"),
        ("A quadcopter dropped explosives on a bus in the city on Friday.", "Air/drone strike"),
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
        (
            "Several Mai-Mai factions in South Kivu announced their unification under one command on Friday.",
            "Change to group/activity",
        ),
        (
            "Al-Shabaab said on Saturday that a splinter cell in Puntland had rejoined the movement.",
            "Change to group/activity",
        ),
        ("Engineers defused an explosive device planted near the bridge.", "Disrupted weapons use"),
        ("The militia established a new base in the abandoned school.", "Headquarters or base established"),
        ("Fighters looted shops and torched houses in the village.", "Looting/property destruction"),
        ("Rebels took control of the town without a fight after troops withdrew.", "Non-violent transfer of territory"),
        ("Al-Shabaab released an audio message from its leader on Monday.", "Other"),
        (  # a release told in a fronted phrase is no content of the urging that follows
            "In an audio message released on Wednesday, the leader of Boko Haram urged followers to step up attacks.",
            "Other",
        ),
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
        "Rebels and troops have fought fiercely around the district in recent weeks.",
        "In his speech, the leader talked about attacks on his country by foreign powers.",
        "The striker scored twice as the home team attacked relentlessly in the second half.",
        "The opposition attacked the government's budget plan in parliament.",
        "A powerful earthquake destroyed hundreds of houses in the mountain villages.",
        "Heavy floods killed twelve people in the northern districts.",
        # private crime, habits, disasters named as names, games of the mind
        "Burglars broke into a pharmacy overnight and made off with medicines worth a fortune.",
        "Police detained a man on Monday after he allegedly strangled his wife at their home.",
        "A farmer was shot dead in a drunken brawl outside a bar on Saturday night.",
        "A woman set fire to her neighbour's shed in a row over a fence.",
        "Carjackings have become common on the coastal road in recent months.",
        "Bushfires destroyed dozens of farms in the valley over the weekend.",
        "The young grandmaster ambushed the champion with a rare opening and won in 28 moves.",
        # habits, conditions, the start of a period, accidents, a truce kept
        "The militia has been weakened but still carries out sporadic raids in the hills, analysts say.",
        "The governor said gunmen had attacked farms in the valley every night this month.",
        "Had the missile struck the dam, thousands could have drowned, engineers said.",
        "The region has been unstable since insurgents first attacked a police post there.",
        "An arms depot blast near the base was caused by a lightning strike, the army said.",
        "A lorry skidded and caught fire on the bridge, killing eleven people, police said.",
        "A fire at a fuel depot near the harbour sent thick smoke over the city on Monday.",
        "The truce held for a third week on Sunday, elders said.",
        # ordinary crime: robbers, relatives, a classmate, a suspect, a charge's ground
        "A trader was shot dead by robbers who broke into his shop in the market on Sunday, police said.",
        "A guard was stabbed during a bank robbery in the city centre on Thursday.",
        "Two sisters were beaten to death by cousins in a feud over an inheritance.",
        "A pupil was shot dead by a classmate at a school in the suburbs on Monday.",
        "Police are questioning a suspect in the murder of a shopkeeper in the old town.",
        "A man was charged with murder after his wife was found strangled at their home.",
        "Detectives arrested a suspect in the murder of a taxi driver whose body was found on Friday.",
        # accidents told through causes and chains of verbs
        "A copper mine collapsed in the south on Sunday, killing at least 30 miners.",
        "A gas cylinder exploded at a hotel in the city, killing three guests and injuring nine.",
        "Five workers were killed in a methane blast at a coal mine on Friday, officials said.",
        "A stray bullet fired during a party killed a girl in the old quarter, police said.",
        "A guard accidentally shot a colleague dead while cleaning his gun at the bank, police said.",
        # finance in war words, and tolls for a period
        "The shilling came under attack from speculators on Friday, sliding to a record low.",
        "More than 900 civilians were killed in the region in the first half of the year, the mission said.",
        "At least 60 aid workers were killed worldwide last year, a charity said.",
        # what did not happen, what drove people away, questions and forecasts
        "The delegations left the capital on Monday without agreeing to a ceasefire.",
        "Thousands of families crossed the border on Monday, fleeing fighting in the hills.",
        "Will the army launch an offensive on the port before the rains? Analysts are predicting an assault soon.",
        # diplomacy, aid and summaries told in war words
        "The foreign ministry lodged a strong protest with the ambassador on Monday over the remarks.",
        "Aid lorries entered the enclave on Monday as the truce took hold, the agency said.",
        "The agency reopened its clinic in the town on Monday, the first since the peace deal.",
        "The senator said in a speech on Monday that the insurgency had killed 40,000 people.",
        "The ministry listed the group as a terrorist organisation on Monday, citing its attacks on shipping.",
        "The air force took delivery of six new attack helicopters on Monday.",
        "The comedy killed it at the box office on Sunday, the studio said.",
        "Navy ships fired missiles and sank an old hulk on Monday in the final stage of the annual drills.",
        "KISUMU, Kenya - A man stabbed his brother during a quarrel over land on Sunday, police said.",
        "A scuffle outside a nightclub left a student dead on Saturday after he was hit with a chair.",
        "The army rejected claims on Monday that its soldiers had killed civilians in the north.",
        "Soldiers fired a 21-gun salute as the president was sworn in on Monday.",
        "The champion killed off the race with a fast last lap on Sunday.",
        "A gas cylinder exploded at a cafe on Monday, killing six. The blast shattered windows. Police held the owner.",
        "A fire broke out at an army depot on Monday and three soldiers died, the army said, blaming a short circuit.",
        "The earlier quakes killed more than 1,000 people in the province, officials said on Monday.",
        "Years after the massacre, in which gunmen killed 148 students, a court jailed two men on Monday.",
        "The coalition partners are locked in a bruising battle over the budget, officials said on Monday.",
        "Two wings of the ruling party clashed openly on Tuesday over the impeachment motion.",
        "It has been eight months since the October attack, and the families of the hostages are losing hope.",
        "The heavyweight was knocked out cold in the third round of the bout on Saturday.",
        "Marching cadets and tanks paraded through the capital on Monday to mark independence day.",
        "Firefighters battled for six hours on Monday to contain a blaze at the timber market.",
        "Critics agreed that the band absolutely slayed on the final night of the festival.",
        "In the series finale, the detective is shot in the closing scene.",
        "The dam gave way on Monday and floodwaters swept through the town, killing 30 people.",
        "Crocodiles from the zoo were swept into homes by the floodwaters on Monday.",
        "Aid deliveries stopped on Monday after the truce in the enclave broke down.",
        "Security chiefs of the two countries held talks on Monday on cross-border raids by the militants.",
        "Carjackings have risen sharply in the northern suburbs this year, police said.",
        "Two soldiers were killed on Monday when their armoured vehicle overturned during a night exercise.",
        "A reactor blast tore through a chemical plant on Monday, killing 36 workers.",
        "Thieves stormed the museum on Sunday and escaped with the jewels. Nobody was injured.",
        "Critics said on Monday that the media law would kill off the independent press.",
        "Two lorries collided head-on on the highway on Monday, leaving nine dead and dozens injured.",
        "The two coast guards clashed verbally near the reef on Monday.",
        "Should the talks fail, fighting around the city could resume within days, the envoy said on Monday.",
        "Mediators met both delegations on Monday to discuss a proposal for a 30-day truce.",
        # a share of many incidents, a count per country, an activity named, a cause fought for: no one incident
        "The commission blamed half of the abductions on a single gang in its annual report.",
        "Chad, Niger and Mali each recorded at least two killings of reporters, the group said.",
        "The price of protesting in the capital has never been higher, the activist said.",
        "Separatist guerrillas are fighting for independence for the southern provinces.",
        "The striker rejoined his old club on Monday after a year in Spain.",  # no armed group remade
        "The two opposition parties announced their reunification at a congress on Saturday.",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attack on armed people that they fight back is a battle, whatever the attack word
        ("Police repelled an attack by bandits on their checkpoint near the dam.", {"Armed clash"}),
        # the means carry the incident, also through a participle or a relative clause
        ("The air force carried out airstrikes targeting rebel hideouts in the hills.", {"Air/drone strike"}),
        ("Government warplanes attacked insurgent positions north of the lake.", {"Air/drone strike"}),
        # mortars fired together with rifles and machine guns at positions: a battle, not shelling
        ("Separatists fired mortars, machine guns and small arms at army positions near the station.", {"Armed clash"}),
        ("Separatists fired mortars at army positions near the station.", {"Shelling/artillery/missile attack"}),
        ("A crowd lynched two suspected cattle thieves in the village square.", {"Mob violence"}),
        ("A soldier was wounded when two armed men clashed with an army patrol.", {"Armed clash"}),
        # a raid by the police that kills a suspect: the police do it, the suspect is the target
        ("A robbery suspect was killed during a police raid on his house.", {"Attack"}),
        ("Customs officers seized two tons of cannabis hidden in a lorry.", {"Looting/property destruction"}),
        ("Soldiers seized a cache of rifles and ammunition at the farm.", {"Disrupted weapons use"}),
        ("Teachers protested outside the ministry against the arrest of their union leader.", {"Peaceful protest"}),
        ("Unknown men set fire to a bus depot in the suburb overnight.", {"Looting/property destruction"}),
        ("The army took control of the rebel stronghold after heavy clashes.", {"Government regains territory"}),
        # an ambush is typed by whom it killed: civilians make it an attack, soldiers a battle
        ("Three engineers were shot dead when gunmen ambushed their car near the quarry.", {"Attack"}),
        ("Militants ambushed an army patrol near the quarry, killing five soldiers.", {"Armed clash"}),
        # a protest its organisers only planned is no protest
        (
            "Police arrested 12 opposition activists, saying a rally they had planned for Monday was illegal.",
            {"Arrests"},
        ),
    ],
)
def test_events_incident_typing(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The report demonstrates that the economy is recovering, the minister said.",
        "The detention of the editor is an attack on press freedom, the union said.",
        "The opposition leader launched a blistering attack on the finance minister in parliament on Tuesday.",
        "Pro-government hackers hit the websites of opposition parties on Sunday.",
        "The new superhero film bombed at the box office in its opening weekend.",
        "Troops staged mock attacks during joint exercises on Wednesday.",
        "The spinners ripped through the batting order on Monday, killing off the visitors' hopes of a draw.",
        "Bulls stormed back into the market on Friday as chipmakers led a rally that crushed the short sellers.",
        "Sellers launched a fresh attack on bank stocks on Monday, and small caps were bombed out in the selloff.",
        "The war thriller shot to the top of the charts on Sunday, blasting past the studio's forecasts.",
        "The ruling party came under fire from all sides on Tuesday for a budget critics called cruel.",
    ],
)
def test_events_figurative_words_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_dispersal_after_a_protest(nlp) -> None:
    text = "Nurses demonstrated outside the hospital on Monday. Police used tear gas to disperse the crowd."
    mentions = detect_events(Article(text=text, published=date(2022, 3, 10)), nlp(text))
    assert [m.sub_event_type for m in mentions] == ["Peaceful protest", "Protest with intervention"]
    assert mentions[-1].rule == "intervene:dispersed"


def test_events_arrests_by_the_authorities_are_named(nlp) -> None:
    text = "Police arrested twelve students at the gate."
    (mention,) = detect_events(Article(text=text), nlp(text))
    assert (mention.sub_event_type, mention.rule) == ("Arrests", "arrest:by-authorities")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supporters of the two parties clashed with machetes and stones at the market.", {"Mob violence"}),
        ("Soldiers fired rifles and mortars at insurgent positions near the river.", {"Armed clash"}),
        ("Rebels targeted army positions with heavy weapons near the pass.", {"Shelling/artillery/missile attack"}),
        (
            "A farmer was killed when unexploded ordnance from previous fighting went off in his field.",
            {"Remote explosive/landmine/IED"},
        ),
        ("Residents gathered outside the town hall to demand clean water.", {"Peaceful protest"}),
        # people burned are harmed, not property destroyed
        ("Villagers burned two men they accused of theft on Sunday, witnesses said.", {"Mob violence"}),
        # who blames others for an attack did not do it
        ("Traders blamed bandits for the raid on the market in Gusau on Monday.", {"Attack"}),
        # a period named in a relative clause does not make the protest a summary
        ("Families held a sit-in demanding news of relatives held since the start of the war.", {"Peaceful protest"}),
        ("More than 300 people have been killed by the militia since the start of the war.", set()),
        # a month's casualty tally is a statistic; a day's dead and wounded are an incident
        ("In June, 212 civilians were killed or injured by shelling across the region, monitors said.", set()),
        (
            "Two civilians were killed and five wounded when mortar rounds hit the market in June.",
            {"Shelling/artillery/missile attack"},
        ),
        # what a protest is against, or follows from, is not a second event
        ("Students marched in the capital following riots at the university last month.", {"Peaceful protest"}),
    ],
)
def test_events_weapons_crowds_and_summaries(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels have been fighting the army in the hills north of the town.", set()),
        ("Two bandits were killed, wounded or captured during the army operation.", {"Armed clash"}),
        ("Police seized the town hall from the armed group after a brief firefight.", {"Government regains territory"}),
        # a person the state takes is arrested; beside a fight, the fight carries it
        ("Soldiers captured a senior rebel commander near the river crossing on Monday.", {"Arrests"}),
        ("Troops killed 12 militants and captured four others near the lake on Monday.", {"Armed clash"}),
        (
            "Customs officers seized 2 tons of cocaine hidden in a cargo of bananas on Monday.",
            {"Looting/property destruction"},
        ),
        # what an arrest is for was told before: no new event, unless the phrase dates it
        ("Police on Tuesday arrested two men in connection with the blast near the market.", {"Arrests"}),
        ("Police arrested three men over the killings of the two traders, officials said on Friday.", {"Arrests"}),
        ("The army captured a rebel commander in a raid near the border on Tuesday, a statement said.", {"Arrests"}),
        # positions taken over after their holders vacated them changed hands without a fight
        (
            "Government troops took over positions in the town vacated by the rebels on Friday under a truce.",
            {"Non-violent transfer of territory"},
        ),
        # herds are looted, not carried off as people are
        ("Militiamen looted livestock and burned 40 homes in the village on Monday.", {"Looting/property destruction"}),
        (
            "Troops seized 200 head of cattle from the militia near the river on Monday.",
            {"Looting/property destruction"},
        ),
        # an answer in words is no return of fire
        ("The finance committee chairman fired back on Wednesday, calling the criticism reckless.", set()),
        # a base inaugurated; attacks suspended by the group that made them
        (
            "The army said it inaugurated a new military base near the border on Wednesday.",
            {"Headquarters or base established"},
        ),
        ("The militia said on Sunday it was suspending its attacks on foreign forces.", {"Change to group/activity"}),
        ("The militia said it would suspend its attacks if the talks succeed.", set()),
        # a means word the tagger took for an auxiliary after a name
        (
            "Houthi shelling killed a girl in a residential neighbourhood on Saturday.",
            {"Shelling/artillery/missile attack"},
        ),
        # members named by their group are of it: armed, whatever "members" alone would be
        ("Soldiers killed five militia members near the border on Saturday.", {"Armed clash"}),
        ("Gunmen killed two party members near the border on Saturday.", {"Attack"}),
        # an assault launched is an offensive; a person assaulted is harmed
        ("Rebel fighters launched a ground assault on the city's outskirts on Tuesday.", {"Armed clash"}),
        ("Two soldiers assaulted a shopkeeper at the market on Tuesday.", {"Attack"}),
    ],
)
def test_events_ongoing_states_and_captured_people(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def rules(nlp, text: str) -> set[tuple[str, str]]:
    article = Article(text=text, published=date(2022, 3, 10))
    return {(m.sub_event_type, m.rule) for m in detect_events(article, nlp(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fire counted both ways across a front line is an exchange: a battle
        (
            "Observers counted 40 explosions and bursts of gunfire in both directions of the front line near the mill.",
            "Armed clash",
        ),
        # direct-fire weapons with remote means at no one named: a battle
        ("Insurgents fired rockets and rifles near the ridge on Sunday.", "Armed clash"),
        # heavy machine-gun fire at no one named is typed with the heavy weapons
        ("Monitors heard bursts of fire involving heavy machine guns.", "Shelling/artillery/missile attack"),
        # bringing down a drone is an interception; an aircraft is fired upon
        ("Air defence units shot down two drones over the port on Monday.", "Disrupted weapons use"),
        ("Insurgents shot down an army helicopter near the airfield.", "Shelling/artillery/missile attack"),
        # a bomb going off in its handlers' hands
        ("Three rebels died when the bomb they were assembling exploded prematurely.", "Disrupted weapons use"),
        # an armed group has no power of arrest: its arrests are abductions
        ("Militants detained five traders at a checkpoint on the highway.", "Abduction/forced disappearance"),
        ("Police detained five traders at a checkpoint on the highway.", "Arrests"),
        # unarmed groups fighting the police riot; they do not fight battles
        ("Angry motorists attacked traffic police officers at a roadblock on Friday.", "Mob violence"),
        ("A clash broke out between farmers and armed police personnel near the canal.", "Mob violence"),
        # sabotage of infrastructure that hurt nobody
        ("Saboteurs attacked a gas pipeline near the refinery overnight.", "Looting/property destruction"),
        # a one-sided fight done with heavy weapons is the remote violence
        ("Rebels ambushed a supply convoy with heavy weapons near the pass.", "Shelling/artillery/missile attack"),
        # one of an armed group is armed, whatever the noun
        ("A member of the rebel militia was shot dead on Monday.", "Armed clash"),
        # the pronoun subject of a reported capture is the reporter
        ("The army said on Tuesday it had captured two villages near the lake.", "Government regains territory"),
    ],
)
def test_events_general_typing_principles(nlp, text: str, expected: str) -> None:
    assert {t for t, _ in rules(nlp, text)} == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "The parade showed a new battle tank and an assault rifle.",  # things, not a battle or an assault
        "The siege drew comparisons with the bombing of the city, which the army captured.",
        "The agency said the group had violated the ceasefire.",  # an agreement named, not made
        "After the rebels announced the end of the truce, residents left.",
        "Elections were held in March.",  # a month, not a march
        "The convoy carried heavy machine guns and ammunition.",  # guns carried, not used
    ],
)
def test_events_things_comparisons_and_agreements_named_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_riot_police_do_not_make_a_protest_violent(nlp) -> None:
    assert sub_types(nlp, "Riot police fired tear gas at the protesters outside the court.") == {
        "Protest with intervention"
    }


def test_events_an_earlier_event_answered_is_no_new_event(nlp) -> None:
    text = "Troops shelled the hills on Monday in retaliation for a rocket attack on their base."
    assert sub_types(nlp, text) == {"Shelling/artillery/missile attack"}


def test_events_a_ceasefire_made_is_an_agreement(nlp) -> None:
    assert sub_types(nlp, "The two sides agreed a ceasefire in the district on Monday.") == {"Agreement"}


def test_events_rule_names_say_why(nlp) -> None:
    assert ("Abduction/forced disappearance", "arrest:by-non-state-group") in rules(
        nlp, "Rebels arrested three nurses in the market."
    )
    assert ("Disrupted weapons use", "shootdown:unmanned") in rules(nlp, "Soldiers shot down a drone near the base.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a raid typed by what it did to people
        ("Police raided a house in the slum and arrested four men on Monday.", {"Arrests"}),
        # "they" stands for the fighters named before it
        (
            "Rebel fighters raided the village and, when they could not find the men, they arrested their brothers.",
            {"Abduction/forced disappearance"},
        ),
        # a state force known by its name to the actor lexicon
        ("The FARDC took control of a militia stronghold near the river.", {"Government regains territory"}),
        ("Soldiers arrested two men and recovered a quantity of weapons.", {"Disrupted weapons use"}),
        # people counted as captured are not a place captured
        ("The fighting left 20 rebels dead, 12 captured.", {"Armed clash"}),
    ],
)
def test_events_agents_and_outcomes(nlp, text: str, expected: set[str]) -> None:
    assert expected <= sub_types(nlp, text)
    assert "Non-state actor overtakes territory" not in sub_types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The group has earned millions from kidnapping foreigners since the early 1990s.",
        "The militia has carried out abductions for decades.",
        "2023 was the bloodiest year for aid workers since records began, with 280 killed, the monitor said.",
        "The rebels fired more than 900 rockets at the city in March, the highest monthly total of the war.",
        "Regional leaders met in Nairobi on Monday, with the fighting in the east dominating the talks.",
        # what a place is for the fighting it sees, on no day
        "The Sahel region has become a major theatre of fighting between the army and the jihadists.",
        "Bama, a hotbed of attacks by the insurgents, lies 70 km from the state capital.",
        # how a war has gone, not one incident
        "The rebels have retaken much of the north.",
        "Al-Shabaab has recaptured most of the towns it lost.",
        "Al-Shabaab has recaptured most of the towns it lost in the 2022-2023 government offensive.",  # no day
        # a count or a ranking of the dead, no incident
        "The number of people killed in the war is far higher than the figures recorded so far, officials said.",
        "The state of Guanajuato again had the most killings, with more than 3,000 victims.",
        # who wants something, no protest told
        "The president ruled out early elections, the protesters' main demand.",
        "The ministry said the toll of the war had surpassed 65,000, with more than 165,000 wounded.",
    ],
)
def test_events_history_and_habits_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a perfect infinitive under a verb of telling tells a deed, as its teller has it
        (
            "The rebels claimed on Tuesday to have captured the army outpost in Kyaukphyu.",
            {"Non-state actor overtakes territory"},
        ),
        ("The militia is believed to have killed 12 villagers in Bama on Monday.", {"Attack"}),
        # a release told as what was done beside a deed is its evidence, no development of its own
        (
            "The rebels said they had taken control of the town after the army fled, posting videos of fighters there.",
            {"Non-state actor overtakes territory"},
        ),
        ("The Taliban released a video on Monday showing the two hostages.", {"Other"}),
        # a statement of a deed: the deed is the event
        (
            "The group released a statement on Monday saying its fighters had killed 60 soldiers in Djibo.",
            {"Armed clash"},
        ),
    ],
)
def test_events_deeds_told_by_their_doers(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # who the detained are, told by what they write about or once led: the arrest is the one event
        "Police on Tuesday detained the editor of a news site that has reported on the kidnappings in the north.",
        "Police on Tuesday detained a lawyer who had organised protests against the new land law.",
    ],
)
def test_events_what_the_arrested_wrote_about_or_once_led_is_no_event(nlp, text: str) -> None:
    assert sub_types(nlp, text) == {"Arrests"}


def test_events_a_place_the_scene_of_fighting_on_a_day_named_tells_an_incident(nlp) -> None:
    assert sub_types(nlp, "The town of Bama was the scene of heavy fighting on Monday.") == {"Armed clash"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A shooting incident left two traders dead at the market.", "Attack"),  # the noun names an incident
        ("Both sides observed a truce brokered by the elders in the valley.", "Agreement"),  # a ceasefire made
    ],
)
def test_events_incident_nouns_and_agreements_made(nlp, text: str, expected: str) -> None:
    assert expected in sub_types(nlp, text)


def test_events_what_is_not_known_to_have_happened_stays_out(nlp) -> None:
    assert sub_types(nlp, "It is not known whether the man was killed or died of an illness.") == set()


def test_events_a_member_of_an_armed_group_is_armed(nlp) -> None:
    text = "A member of the Popular Defence Forces was found dead in his house in the village."
    assert sub_types(nlp, text) == {"Armed clash"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aid workers said the camp in Kassala had run out of chlorine on Monday.", set()),
        (
            "Troops dropped munitions containing chloropicrin on the trenches near the village on Monday.",
            {"Chemical weapon"},
        ),
    ],
)
def test_events_a_chemical_agent_named_is_not_one_used(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The health ministry released a statement on Monday.",  # a release, but by no party to the fighting
        "The rebels released two hostages on Friday.",  # no media work released
        # a claim or a video of an incident is that incident's evidence
        "The militants claimed responsibility for the bombing in a statement released on their channels.",
        "A video posted by the militia on Sunday purportedly showed fighters shooting two captives.",
    ],
)
def test_events_release_is_other_only_for_an_armed_groups_media(nlp, text: str) -> None:
    assert "Other" not in sub_types(nlp, text)


def test_events_a_habit_in_a_relative_clause_leaves_the_main_clause(nlp) -> None:
    """ "in recent weeks" sums up the clause it is in, not the sentence: the main clause still tells an event."""
    text = "Rebels shot at an army helicopter over the district, around which they have fought in recent weeks."
    assert sub_types(nlp, text) == {"Armed clash"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A minibus plunged off a mountain road near the pass on Monday, killing nine passengers.", set()),
        ("A tanker overturned on the coastal highway, killing four people.", set()),
        ("A fire at a textile warehouse killed eleven workers on Tuesday.", set()),
        ("A kitchen gas explosion killed two people in the old city on Friday.", set()),
        ("Lightning killed three herders on the plateau on Sunday.", set()),
        ("A drunk motorist killed a cyclist on the ring road on Saturday.", set()),
        ("Three robbers shot dead a jeweller during a hold-up on Monday.", set()),
        ("A woman was arrested on Tuesday for stealing jewellery from a shop.", set()),
        ("Officers raided an illegal gambling house on Tuesday and detained 12 men.", set()),
        ("A fire destroyed dozens of stalls at the central market on Sunday.", set()),
        ("A blaze swept through a shoe factory on Monday, killing seven workers, firefighters said.", set()),
        ("KANO - A fire ripped through a printing works on Monday, killing three staff.", set()),
        ("Nine people were killed and 12 hurt when a coach collided with a lorry on Monday, police said.", set()),
        ("A diesel tanker burst into flames after overturning on the bypass on Friday, killing 31 people.", set()),
        (
            "Explosions shook Gondar for hours on Monday after fire broke out at a military ammunition depot, killing "
            "five residents. Officials blamed extreme heat.",
            set(),
        ),
        ("A student died after being stabbed in a fight outside a pub on Saturday, police said.", set()),
        ("Anti-graft agents arrested 40 suspected internet fraudsters in a raid on a hotel in Abuja on Sunday.", set()),
        ("A man killed his brother-in-law with a machete in a row over cattle on Monday. He was arrested.", set()),
        ("A boiler exploded at a dairy plant on Monday, killing two. The plant manager was detained.", set()),
        ("A woman killed her husband at their farm on Monday. The suspect was taken into custody.", set()),
        ("Heavy rains have killed at least 21 people in the delta, officials said on Monday.", set()),
        ("A cholera outbreak has killed 14 people in the camp, health workers said on Monday.", set()),
        ("A bushfire forced hundreds to flee the valley on Monday and killed a farmer, officials said.", set()),
        # violence by people, and fire from weapons, stay events
        ("Angry drivers attacked traffic police at a checkpoint on Monday.", {"Mob violence"}),
        ("Artillery fire killed four civilians in the village on Monday.", {"Shelling/artillery/missile attack"}),
        ("Gunmen killed a driver on the highway on Monday.", {"Attack"}),
        ("Police arrested the opposition leader on Tuesday for organising the march.", {"Arrests"}),
        ("Police raided the offices of an independent newspaper on Monday and arrested two journalists.", {"Arrests"}),
        ("Gunmen killed a teacher on Monday. Two suspects were arrested.", {"Attack", "Arrests"}),
        ("A grenade thrown into a bar killed three people on Monday.", {"Grenade"}),
        ("Soldiers clashed with rebels outside a bar in the town on Monday, leaving four dead.", {"Armed clash"}),
    ],
)
def test_events_accidents_and_ordinary_crime_stay_out(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry denied that its aircraft had bombed a school in the north on Monday.", set()),
        ("The governor denied reports that soldiers had burned houses in the valley.", set()),
        ("Officials said the rebels had no chance of capturing the port.", set()),
        ("There were no reports of fighting in the town on Sunday.", set()),
        # a denial of responsibility leaves the event itself standing
        ("Gunmen killed six traders on Monday; the group denied responsibility for the killing.", {"Attack"}),
    ],
)
def test_events_what_a_denial_disputes_stays_out(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The insurgency has killed more than 3,000 people in the province.", set()),
        ("Bombings have killed 40 civilians in the capital so far this month.", set()),
        ("The valley saw massacres by militias during the war of the 1980s.", set()),
        # a perfect tense telling one dated incident is an event
        ("Gunmen have killed four farmers in the village on Monday, police said.", {"Attack"}),
        ("Hundreds of villagers have lost their lives since the insurgency began.", set()),
        # victims by the hundred over incidents in the plural, on no day: a tally
        ("Monitors say hundreds of civilians have been killed in drone strikes on markets and camps.", set()),
        ("Rights groups say scores of fishermen have been killed in naval raids on coastal villages.", set()),
        ("Dozens of people have been killed in clashes in the city on Sunday, police said.", {"Armed clash", "Attack"}),
        # people carried somewhere by others than armed men, or a town taken
        ("Soldiers took the wounded to a clinic on Monday.", set()),
        # what a clause left behind, told after "with" on no day
        ("Police say the gang has been broken up, with most of its members killed or arrested.", set()),
        ("The army retook the town on Monday, with 12 rebels killed.", {"Government regains territory"}),
        # an agreement made before, whose end is told
        ("The truce expires on Friday, officials said.", set()),
        (
            "Negotiators opened a new round of talks on Monday, a week before a six-month ceasefire is due to expire.",
            set(),
        ),
        # the incident a period starts from
        ("Four of the hostages have died in captivity since the abduction, their families say.", set()),
        (
            "Three of the wounded have died since the bombing on Monday, doctors said.",
            {"Remote explosive/landmine/IED"},
        ),
        # a period that only ranks the incident leaves it standing
        ("Gunmen killed 30 farmers on Monday in the deadliest raid since 2021.", {"Attack"}),
        ("Rebels shelled the port on Friday, the first attack since the truce.", {"Shelling/artillery/missile attack"}),
    ],
)
def test_events_running_totals_and_decades_stay_out(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A bomb went off at a bus station on Monday, killing four passengers.", "Remote explosive/landmine/IED"),
        ("A sticky bomb attached to his car killed a judge on Tuesday.", "Remote explosive/landmine/IED"),
        ("Warplanes dropped bombs on the market on Monday, killing six.", "Air/drone strike"),
        ("Mortar rounds landed on the school on Monday, killing three pupils.", "Shelling/artillery/missile attack"),
        ("The militia fired dozens of rockets at the air base on Monday.", "Shelling/artillery/missile attack"),
        ("A barrage of shells hit the old town overnight, killing two.", "Shelling/artillery/missile attack"),
        ("Troops used shells filled with a nerve agent against the rebels on Monday.", "Chemical weapon"),
    ],
)
def test_events_the_means_named_type_the_attack(nlp, text: str, expected: str) -> None:
    assert sub_types(nlp, text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police fired tear gas to disperse hundreds of opposition supporters in the square on Friday.",
            {"Protest with intervention"},
        ),
        (
            "Soldiers fired live rounds at demonstrators on Friday, killing a student.",
            {"Excessive force against protesters"},
        ),
        (
            "Security forces opened fire on a peaceful gathering on Friday, killing two people.",
            {"Excessive force against protesters"},
        ),
        ("A grenade thrown at an election rally on Friday killed two people.", {"Grenade"}),
        (
            "Police foiled a planned suicide attack on Friday, arresting the would-be bomber.",
            {"Disrupted weapons use", "Arrests"},
        ),
        ("Troops thwarted an attack by militants on the base on Friday.", {"Armed clash"}),
        ("A video released by al-Shabaab on Friday showed the kidnapped aid workers.", {"Other"}),
        ("Gunmen took twelve passengers hostage on the highway on Friday.", {"Abduction/forced disappearance"}),
    ],
)
def test_events_crowds_foiled_attacks_and_people_named_by_the_past(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government forces set up a new forward base near the border town on Sunday.",
            "Headquarters or base established",
        ),
        (
            "The militants have established a training camp in the forest, residents said.",
            "Headquarters or base established",
        ),
        (
            "Two rebel factions announced on Sunday that they had merged into a single front.",
            "Change to group/activity",
        ),
        (
            "The insurgents have relocated their headquarters to the hills, officials said on Monday.",
            "Headquarters or base established",  # a headquarters moved is one set up where it goes
        ),
        ("The militia announced on Monday it was imposing a blockade on the city.", "Change to group/activity"),
        ("Soldiers intercepted a van packed with explosives at a checkpoint on Friday.", "Disrupted weapons use"),
        ("Police recovered 40 firearms hidden by the gang in a cave on Friday.", "Disrupted weapons use"),
        ("The two countries exchanged 90 prisoners of war on Wednesday.", "Agreement"),
        ("Four farmers died when their tractor ran over a landmine on Saturday.", "Remote explosive/landmine/IED"),
        ("An explosives-laden truck blew up outside the ministry on Monday.", "Remote explosive/landmine/IED"),
        ("A militant rammed an explosives-laden car into the checkpoint on Monday.", "Suicide bomb"),
        ("The Taliban released photographs on Friday of their new commander.", "Other"),
    ],
)
def test_events_strategic_developments_and_mines(nlp, text: str, expected: str) -> None:
    assert sub_types(nlp, text) == {expected}


def test_events_a_camp_for_the_displaced_is_no_base(nlp) -> None:
    assert sub_types(nlp, "Aid agencies set up a new camp for displaced families near the town on Sunday.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "No attacks were reported in the town on Friday, the police said.",
        "There was no explosion at the airport on Thursday, officials said.",
        "Officials said reports of an abduction at the school on Monday were false.",
        "Saturday marks the fifth anniversary of the massacre of villagers in the valley.",
        "Twenty years after rebels overran the city, its residents still live among ruins.",
        "The valley was the scene of killings during the civil war, when villagers were shot.",
        "A new film about the bombing of the bridge premiered on Friday.",
        "The army fired more than 200 shells at the hills over the past week, the monitor said.",
        "Nine people were killed when a minibus collided with a lorry on the highway on Monday.",
        "A blast at a fireworks factory killed six workers on Tuesday.",
        "A fire in a crowded shopping centre killed 12 people on Thursday.",
        "Police arrested three men suspected of robbing a bank on Monday.",
        "The home side beat the visitors after a tense battle to reach the final on Sunday.",
    ],
)
def test_events_more_non_events_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_a_protest_on_an_anniversary_is_a_protest(nlp) -> None:
    text = "Hundreds marched through the capital on Sunday to mark the anniversary of the massacre."
    assert sub_types(nlp, text) == {"Peaceful protest"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops retook the river port from the insurgents on Sunday.", {"Government regains territory"}),
        (
            "Thousands demonstrated in the capital on Saturday against the government's plan to cut subsidies.",
            {"Peaceful protest"},
        ),
        ("Traders blocked the Accra-Kumasi highway for hours on Monday to demand lower taxes.", {"Peaceful protest"}),
        (
            "Police fired tear gas at teachers protesting over the cost of living on Monday.",
            {"Protest with intervention"},
        ),
        ("A grenade was lobbed at a church during Mass on Sunday, wounding nine people.", {"Grenade"}),
        (
            "Two farmers were killed when their cart ran over an anti-personnel mine on Sunday.",
            {"Remote explosive/landmine/IED"},
        ),
        ("Angry mobs torched shops and homes in the old town on Wednesday.", {"Mob violence"}),
        (
            "Opposition supporters stormed the governor's office and set it on fire on Tuesday.",
            {"Violent demonstration"},
        ),
        ("Gunmen seized a local councillor from his home on Wednesday night.", {"Abduction/forced disappearance"}),
        ("The coast guard intercepted a dhow carrying rocket components on Friday.", {"Disrupted weapons use"}),
        ("The group named a veteran commander as its new emir on Tuesday.", {"Change to group/activity"}),
        ("The militia announced on Sunday that it had dissolved itself.", {"Change to group/activity"}),
        (
            "The militia handed control of the dam to government forces on Monday.",
            {"Non-violent transfer of territory"},
        ),
        ("Rebels have set up an administrative headquarters in the mining town.", {"Headquarters or base established"}),
    ],
)
def test_events_probe_lessons(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


_CHANGE, _BASE = "Change to group/activity", "Headquarters or base established"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rival militias reached a ceasefire deal on Monday, a mediator said.", "Agreement"),
        ("Soldiers rounded up 30 young men during a search operation in the town.", "Arrests"),
        ("The police took three opposition activists into custody on Sunday.", "Arrests"),
        ("The armed group renamed itself the Liberation Front on Friday.", "Change to group/activity"),
        ("A faction of the militia defected to the government side on Sunday.", "Change to group/activity"),
        ("The rebel group announced on Wednesday that it was joining the opposition alliance.", _CHANGE),
        ("Dissident commanders formed a splinter faction of the rebel army on Thursday.", "Change to group/activity"),
        ("Local self-defence groups joined forces with the army on Friday.", "Change to group/activity"),
        ("The armed group appointed a new commander on Tuesday.", "Change to group/activity"),
        ("The armed group set up checkpoints on the main road leading to the town.", _BASE),
        ("Rebels opened a new headquarters in the town on Monday.", "Headquarters or base established"),
        ("The militia erected a checkpoint at the entrance of the village on Thursday.", _BASE),
        ("Rebels entered the town unopposed on Sunday, residents said.", "Non-violent transfer of territory"),
        ("Army troops pulled out of the border post on Tuesday.", "Non-violent transfer of territory"),
    ],
)
def test_events_more_strategic_developments(nlp, text: str, expected: str) -> None:
    assert sub_types(nlp, text) == {expected}


def test_events_leaving_talks_is_no_transfer(nlp) -> None:
    assert sub_types(nlp, "The opposition party withdrew from the election on Monday.") == set()
    assert sub_types(nlp, "The army pulled out of the town on Monday.") == {"Non-violent transfer of territory"}
    assert sub_types(nlp, "The opposition party pulled out of the talks on Monday.") == set()


def test_events_a_person_named_by_a_past_defection_is_no_change(nlp) -> None:
    assert sub_types(nlp, "Two commanders defected to the rebels on Monday.") == {"Change to group/activity"}
    assert sub_types(nlp, "A soldier who had defected to the rebels was shot dead on Monday.") == {"Armed clash"}


@pytest.mark.parametrize(
    "text",
    [
        "The two banks merged on Monday to form the country's largest lender.",
        "The airline opened a new base at the airport on Thursday.",
        "The singer joined forces with a famous producer for the new album.",
        "The striker defected to the rival club in a record transfer.",
    ],
)
def test_events_developments_of_no_side_are_none(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two armed groups merged on Monday, a spokesman said.", "Change to group/activity"),
        ("Rebels opened a new base near the town on Thursday.", "Headquarters or base established"),
    ],
)
def test_events_developments_of_a_side(nlp, text: str, expected: str) -> None:
    assert sub_types(nlp, text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A rebel commander said his fighters were splitting from the movement.", {"Change to group/activity"}),
        ("The armed faction announced it was breaking away from the coalition.", {"Change to group/activity"}),
        ("The militia is moving its headquarters to the eastern district.", {"Headquarters or base established"}),
        ("The rebels opened their regional headquarters in the river port.", {"Headquarters or base established"}),
        ("Soldiers took up positions that the insurgents had vacated.", {"Non-violent transfer of territory"}),
        ("The army and the rebels agreed on a swap of detainees.", {"Agreement"}),
        ("Militiamen entered the hospital and stole medical supplies.", {"Looting/property destruction"}),
        ("Two activists were forcibly disappeared, a rights group said.", {"Abduction/forced disappearance"}),
        ("Security agents disappeared a prominent lawyer last month.", {"Abduction/forced disappearance"}),
        # the same verbs of no side, of no place, of a thief or of someone gone missing
        ("A student stole a laptop from the library and fled.", set()),
        ("The senator vacated her seat in parliament on Monday.", set()),
        ("The hiker disappeared in the mountains last week.", set()),
        ("The singer split from her band after a decade.", set()),
        ("The bank is moving its headquarters to the capital.", set()),
    ],
)
def test_events_developments_told_by_verbs(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A distributed denial-of-service attack on the election portal slowed the count.",
        "If the navy were to fire missiles at the port, analysts estimate oil prices would double.",
        "Rebels to launch new offensive next month, says their leader",
        "For the first time in weeks, no rockets were fired at the city overnight.",
        "The 1988 massacre killed around 5,000 people, historians say.",
        "The union leader accused the regime of massacring protesters.",
        "A gas-leak explosion at a bakery killed three workers and injured ten.",
        "A man stabbed his brother in a dispute over an inheritance.",
        "Bears raided the stock exchange as bank shares tumbled.",
        "A court sentenced an army captain to death over the killing of demonstrators.",
        "The bloc adopted a sanctions package targeting shipping firms.",
    ],
)
def test_events_non_events_in_conflict_words(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_sport_words_do_not_hide_a_riot(nlp) -> None:
    riots = {"Violent demonstration", "Mob violence"}
    assert sub_types(nlp, "Football fans rioted after the match on Sunday, smashing windows and torching cars.") & riots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labour action is protest: strikes by workers, of a kind, over a grievance; walkouts; tools downed
        ("Nurses at the county referral hospital struck over unpaid allowances on Monday.", {"Peaceful protest"}),
        ("A 48-hour strike by port workers shut the harbour in Mombasa on Tuesday.", {"Peaceful protest"}),
        ("Bus drivers in the city walked out on Monday over late wages.", {"Peaceful protest"}),
        ("Miners downed tools at the shaft on Friday, demanding safer equipment.", {"Peaceful protest"}),
        ("Students filled the streets of the capital on Sunday in defence of free tuition.", {"Peaceful protest"}),
        # a drone or jet strike stays one
        ("A drone strike hit a pickup near the border on Monday, killing two fighters.", {"Air/drone strike"}),
        # crowd control used is an intervention, whatever the verb; warning shots hit no one
        ("Police lobbed tear gas to break up a procession of traders on Monday.", {"Protest with intervention"}),
        ("Riot officers dismantled the protest camp outside parliament on Friday.", {"Protest with intervention"}),
        (
            "Soldiers fired tear gas and shots into the air to push back jobless youths on Sunday.",
            {"Protest with intervention"},
        ),
        # riot-control agents dropped in war are chemical weapons
        ("Drones dropped tear-gas grenades on the trenches near the river on Tuesday.", {"Chemical weapon"}),
        # people taken by unknown armed men, or led away by plainclothes men, were abducted
        ("Three teachers were taken by masked men from the school on Friday.", {"Abduction/forced disappearance"}),
        (
            "Orchards were burned and 200 olive saplings uprooted by settlers on Monday.",
            {"Looting/property destruction"},
        ),
    ],
)
def test_events_labour_action_crowd_control_and_abductions(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Delegates walked out as the foreign minister began his speech.",
        "The columnist argued that the right to protest does not cover blocking motorways.",
        "The union announced a march on the ministry for next week.",
        "The group remains capable of deadly attacks, the report said.",
        "Should the garrison be withdrawn, an assault becomes very likely.",
        "The bloc imposed sanctions on four generals over the killing of protesters.",
        "Officials were briefed on recent attacks on border posts.",
        "The film's car chases and shootouts drew crowds to cinemas in small towns.",
        "The new season opens with an episode featuring a gunfight in a casino.",
        "Paratroopers staged demonstrations of storming a building at the army day parade.",
        "Marines fired rockets to sink an old hulk off the coast as part of the joint exercises.",
        "Rescuers were engaged in the search for survivors after the landslide.",
        "Insurgents killed more than 900 people in 130 attacks in the province last year.",
        "Civilians were killed by soldiers between 2006 and 2008, the tribunal found.",
        "Shares rallied for a fourth session as miners led the gains.",
        "The visitors bombarded the home defence but the qualifier ended goalless.",
        "The home side ran riot in the derby, scoring five times.",
        "Her new album is a riot of colour and brass.",
    ],
)
def test_events_more_non_events(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police confirmed the killing of 17 villagers in the district on Tuesday.", {"Attack"}),
        ("Gunmen invaded the farming community on Tuesday night, shooting residents.", {"Attack"}),
        ("The government and the rebel movement inked a deal in the capital on Saturday.", {"Agreement"}),
        (
            "Foreign troops completed the handover of the air base to the army on Monday.",
            {"Non-violent transfer of territory"},
        ),
        ("Six men were taken from a bus station by armed men on Saturday.", {"Abduction/forced disappearance"}),
        ("Troops entered the town on Saturday, ending five months of rebel control.", {"Government regains territory"}),
        ("Mourners raised slogans against the killing of the student on Sunday.", {"Peaceful protest"}),
        # killings told as a series or a reference are no event of their own
        ("Police are on alert after a spate of machete killings in the hills.", set()),
        ("The council condemned the recent killings of civilians in the province.", set()),
    ],
)
def test_events_killings_handovers_and_deals(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministry signed a deal on Monday to buy 40 attack helicopters.",
        "The president pledged new measures to curb the killings in the border towns.",
    ],
)
def test_events_purchases_and_remedies_are_no_events(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ACLED-style notes: a bracketed aside ("(Alpha, Beta)") does not break a phrase
        (
            "On 3 May 2024, the rebels handed Kolo (Kolo, North) back to the army.",
            {"Non-violent transfer of territory"},
        ),
        (
            "On 3 May 2024, the militia turned the district hospital in Kolo (Kolo, North) into a military base.",
            {"Headquarters or base established"},
        ),
        (
            "On 3 May 2024, the army established a new company operating base in Kolo.",
            {"Headquarters or base established"},
        ),
        ("On 3 May 2024, police picked up 9 opposition supporters at a party office in Kolo.", {"Arrests"}),
        ("On 3 May 2024, militants took away 4 village elders from Kolo.", {"Abduction/forced disappearance"}),
        ("On 3 May 2024, the two armies agreed on the demarcation of the border near Kolo.", {"Agreement"}),
        ("On 3 May 2024, a farmer died after stepping on a landmine near Kolo.", {"Remote explosive/landmine/IED"}),
        ("On 3 May 2024, a drone dropped a tear-gas grenade into a trench near Kolo.", {"Chemical weapon"}),
        ("On 3 May 2024, the command announced the dissolution of the armed factions.", {"Change to group/activity"}),
    ],
)
def test_events_in_note_style(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline or a follow-up naming no one armed, in a report of an accident, tells of that accident
        (
            "Tanker explosion kills 30 in northern town\nA fuel tanker overturned and exploded on Monday, killing 30.",
            set(),
        ),
        ("A bus plunged off a bridge on Monday, killing 12 passengers. Ten people were injured.", set()),
        ("A fire that broke out in a market on Monday killed nine traders.", set()),
        ("A massive explosion at a fireworks factory killed eight workers on Monday.", set()),
        # a bomb is no accident, whatever else the report tells
        (
            "A bomb exploded in a market on Monday, killing nine. A bus overturned nearby, injuring two.",
            {"Remote explosive/landmine/IED"},
        ),
    ],
)
def test_events_reports_of_accidents(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The army launched a new campaign after a surge in attacks on police posts.",
        "Ministers met in Brussels as missile attacks on the cities continue.",
        "Jihadist groups have attacked border posts for more than a decade.",
        "The recruits will join units fighting the insurgents in the north.",
        "The new single stormed to the top of the charts on Friday.",
        "Stocks stormed past records as the rally in bank shares gathered pace.",
        "The two carriers fired fresh shots in their long-running tariff war.",
        "A war of words broke out between governors and senators.\nAnalysts said the fight was an early skirmish.",
        "The series killed off its lead character in the final episode.",
        "The plane burst into flames after hitting the ground near the runway.",
        "The court sentenced five former commanders over thousands of kidnappings.",
    ],
)
def test_events_trends_descriptions_and_figures_of_speech(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_a_distant_participle_still_tells_what_was_done(nlp) -> None:
    text = "On Monday gangs from the coalition overran the town, attacking the police station and freeing inmates."
    assert sub_types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Veterans who had fought in the war attended the ceremony.",
        "Bandits have killed thousands of people and abducted many more in the region over the past decade.",
        "Historians studied the remains of soldiers killed near the river in 1632.",
        "The court acquitted five men accused over a 2008 bomb blast that killed six people.",
        "Cyclone Idai tore through the port city on Sunday, killing 40 people.",
        "Police said such killings are on the rise.",
        "The visitors launched wave after wave of attacks in the derby.\nThe home goalkeeper kept a clean sheet.",
    ],
)
def test_events_history_disasters_and_match_reports(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 6 May 2024, troops pushed the militiamen out of Kolo after fighting on the outskirts.",
            {"Government regains territory"},
        ),
        (
            "On 6 May 2024, army soldiers, backed by allied fighters, recovered the locality of Kolo from the rebels.",
            {"Government regains territory"},
        ),
        (
            "On 6 May 2024, national army troops and clan militias regained control of Kolo after heavy fighting.",
            {"Government regains territory"},
        ),
    ],
)
def test_events_territory_regained_with_allies(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_events_territory_taken_over_months_is_a_summary(nlp) -> None:
    assert sub_types(nlp, "The army has pushed the rebels out of most of the city.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 6 May 2024, hundreds of nurses gathered outside the ministry in Kolo against the new pay scale.",
            {"Peaceful protest"},
        ),
        ("On 6 May 2024, four traders were taken by an armed group near Kolo.", {"Abduction/forced disappearance"}),
        ("On 6 May 2024, gunmen took a shop owner at gunpoint in Kolo.", {"Abduction/forced disappearance"}),
        (
            "On 6 May 2024, the rebel front announced its separation from the movement's command.",
            {"Change to group/activity"},
        ),
        ("On 6 May 2024, two armed factions announced an alliance in Kolo.", {"Change to group/activity"}),
        ("On 6 May 2024, 30 militants turned themselves in to the army in Kolo.", {"Change to group/activity"}),
        ("On 6 May 2024, the army and the rebels agreed to a cessation of hostilities in Kolo.", {"Agreement"}),
        (
            "On 6 May 2024, the foreign troops transferred the air base in Kolo to the national army.",
            {"Non-violent transfer of territory"},
        ),
        (
            "On 6 May 2024, the troops left the camp at Kolo and handed it to the police.",
            {"Non-violent transfer of territory"},
        ),
        # an arrest no one admits to is a forced disappearance
        (
            "On 6 May 2024, plainclothes police picked up an activist in Kolo; he has not been heard from since.",
            {"Abduction/forced disappearance"},
        ),
    ],
)
def test_events_more_notes(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"These gangs kill, rape and kidnap," the minister said.',
        '"It felt like a bomb went off," one resident said of the landslide.',
        "The army denies bomb explosion in border market",
        "Leaders met to review security ahead of planned opposition rallies.",
        "A new exhibition recalls the massacres of the civil war.",
        "The war killed hundreds of thousands of people.",
        "Shootouts and torched vehicles have become a daily feature of life in the city.",
        "The exercise simulated an attack on an enemy convoy.",
        "Soldiers used helicopters to rescue stranded residents from the floods.",
        "Garment exports took a big hit as buyers stayed away.",
        "The war epic shot to the top of the box office.",
    ],
)
def test_events_quotes_denials_plans_and_remembrance(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


def test_events_a_quote_reporting_an_incident_still_counts(nlp) -> None:
    text = '"The army repelled the attack on the highway near Palmyra on Thursday," the monitor said.'
    assert sub_types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Three workers died on Friday when solvents caught fire at a paint plant near Pune.",
        "The navy test-fired an anti-ship missile in the Bay of Bengal on Monday, sinking an old target hulk.",
        "Bank shares rocketed to a five-year high on Tuesday.",
        "The sequel stormed the box office on its opening weekend.",
        "The Ghanaian pound came under renewed pressure on Monday.",
        "Police arrested nine people accused of running a scheme that cheated pensioners out of their savings.",
        "A farmer has been charged after allegedly killing his brother and his nephew at their home on Sunday.",
        "Hundreds of displaced families reached the camp on Monday, many children with shrapnel wounds.",
        "The army on Tuesday denied losing two helicopters in the northern offensive.",
        "Police said the blast in the market on Sunday was a gas cylinder.",
        'A spokesman described as "baseless" reports that troops had shelled the village on Friday.',
        "Rumours of an attack on the barracks spread through the town on Monday.",
    ],
)
def test_events_fires_tests_markets_and_rumours_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mortar rounds fired by the militia crashed into a bus station in Kalemie on Sunday, killing six.",
            {"Shelling/artillery/missile attack"},
        ),
        (
            "A man with explosives strapped to his body set them off at a checkpoint in Bama on Monday.",
            {"Suicide bomb"},
        ),
        ("The gunman shot at guards before blowing himself up at the gate on Friday.", {"Suicide bomb"}),
        (
            "Witnesses said a helicopter dropped barrels that spread a choking gas over Saraqib on Tuesday.",
            {"Chemical weapon"},
        ),
        (
            "The unit said troops had fired grenades filled with the irritant agent at its trenches on Monday.",
            {"Chemical weapon"},
        ),
    ],
)
def test_events_rounds_fired_suicide_bombers_and_gas(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The president said soldiers should shoot anyone caught looting shops or attacking police posts.",
        "Cadets marched past the dais, fired a ceremonial salute and demonstrated an assault on a mock trench.",
        "Oil fell to $70 a barrel on Monday.",
        "Exporters gained from the fall of the rupee to a record low on Monday.",
        "Residents practised sheltering in basements in case of air strikes.",
        "The army ruled out hostile fire after a transport plane crashed near Kassala on Monday.",
        "Medics carried the wounded to a field clinic on Sunday.",
        "The district was hit by a wave of violence earlier this year.",
        "Speculators launched a fresh assault on the rupee on Monday.",
        "The foreign ministry summoned the ambassador on Tuesday to protest against the remarks.",
        "Residents now farm the fields they once fought over.",
        "Mediators met in Nairobi on Monday to revive a stalled truce push.",
        "The premier said the army would keep fighting until the rebels were destroyed.",
        "Officials said militias had systematically attacked villages in the region.",
        "Gold prices hit a record as investors cashed in on the rally.",
        "Shoot the looters in the legs, the governor told officers on Monday.",
        "The commander, who was kidnapped by rebels at the age of 12, now runs a school.",
        "The plane crashed on Monday after a technical fault; witnesses heard a loud explosion.",
    ],
)
def test_events_cases_put_shows_levels_and_wounded_people_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops struck a school in Kherson with two drones on Monday, killing four civilians.", {"Air/drone strike"}),
        (
            "Militants set off a pressure IED during a police patrol near Bijapur on Tuesday.",
            {"Remote explosive/landmine/IED"},
        ),
        ("Police detained the mayor of the city on corruption charges on Tuesday.", {"Arrests"}),
        (
            "Police fired live ammunition at supporters of the opposition leader in Maputo on Monday.",
            {"Excessive force against protesters"},
        ),
        (
            "Republican Guard officers opened fire on people protesting the election results in Lome on Monday, "
            "killing two protesters.",
            {"Excessive force against protesters"},
        ),
        (
            "Insurgents occupied the town of Mocimboa on Sunday after soldiers fled.",
            {"Non-state actor overtakes territory"},
        ),
        ("Government troops reoccupied the town of Kalemie on Sunday.", {"Government regains territory"}),
        ("Students occupied the university library on Monday.", {"Peaceful protest"}),
        ("Police evicted dozens of students who had occupied the library on Monday.", {"Protest with intervention"}),
        ("Soldiers entered and retook the town of Kidal on Tuesday.", {"Government regains territory"}),
        (
            "The army said on Monday it had recaptured the town following several days of fighting.",
            {"Government regains territory"},
        ),
        ("Talks resumed on Monday after weeks of heavy fighting.", set()),
        (
            "Hundreds of nurses gathered outside the ministry in Nairobi on Monday to reject the new pay scale and "
            "dispersed peacefully in the evening.",
            {"Peaceful protest"},
        ),
        (
            "Soldiers took him from his home in Gao on Monday; the army has not acknowledged holding him.",
            {"Abduction/forced disappearance"},
        ),
        ("The rebel movement split in two on Sunday after its commanders fell out.", {"Change to group/activity"}),
        ("Hezbollah said it would not disarm while Israel continues to occupy Lebanese land.", set()),
    ],
)
def test_events_means_named_by_with_fire_on_crowds_and_occupations(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # campaigning is no protest; a rally held to demand something is
        ("The party leader addressed an election rally in the market town on Saturday.", set()),
        (
            "A senior party leader addressed a rally at the college ground on Saturday, seeking votes for the "
            "party's candidates. Thousands of supporters attended the rally.",
            set(),
        ),
        ("Thousands of teachers held a rally outside parliament on Monday to demand higher pay.", {"Peaceful protest"}),
        # vigilance kept is no vigil held
        ("Border guards have stepped up vigil along the frontier after the unrest.", set()),
        ("Police kept a strict vigil in the old quarter on Sunday.", set()),
        (
            "Students held a candlelight vigil outside the university on Friday for the slain activist.",
            {"Peaceful protest"},
        ),
        # road accidents, however the parser hangs the crash
        (
            "Nine people were killed and 14 others injured on Friday night when a minibus collided head-on with a "
            "truck on the coastal highway.",
            set(),
        ),
        ("Six pilgrims were killed when their bus fell into a deep gorge in the hills on Sunday.", set()),
        ("Gunmen shot dead six pilgrims on a bus in the hills on Sunday.", {"Attack"}),
    ],
)
def test_events_campaigns_vigilance_and_road_accidents(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of violence told in the present, on no day, is no incident
        ("Rights groups have documented killings of civilians across the province.", set()),
        ("Thousands of displaced families live in camps exposed to attacks.", set()),
        ("No deal is likely while the rebels continue to attack convoys on the main road.", set()),
        ("The militia paused its raids during the talks but has threatened to resume them.", set()),
        ("Aid workers say raids on herders have made the grazing routes impossible to use.", set()),
        ("The monitors recorded abductions by armed groups in three of the five districts.", set()),
        ("The report counts civilian deaths in border towns caused by cross-border raids.", set()),
        # the same words told of a day, or as the past of these very clashes, stay
        ("Rebels continued to shell army positions on Monday.", {"Shelling/artillery/missile attack"}),
        ("The death toll from clashes in the capital has risen to 30, the ministry said.", {"Armed clash"}),
        ("Clashes have broken out between rival militias in the port city, residents said.", {"Armed clash"}),
        ("Three farmers killed by army drone strikes were buried in the village on Monday.", {"Air/drone strike"}),
    ],
)
def test_events_kinds_of_violence_in_the_present_stay_out(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # those who make weapons safe are named by them; what they do with them is disrupting them
        (
            "Army explosives experts destroyed 30 landmines found on a rural road near the village on Thursday.",
            {"Disrupted weapons use"},
        ),
        ("A bomb disposal squad defused the device outside the court on Monday.", {"Disrupted weapons use"}),
        # a strike against a grievance is a protest, whatever the grievance is called
        ("Traders observed a shutter-down strike against the new electricity bills on Saturday.", {"Peaceful protest"}),
    ],
)
def test_events_weapon_handlers_and_strikes_against_a_grievance(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heavy security was deployed at the venue, and drones were used for surveillance.", set()),
        ("A flag march was conducted through the old city on Monday.", set()),
        ("Both presidential candidates held mass rallies in the capital on Wednesday.", set()),
        ("The party chief launched a fresh attack on the ruling party, accusing it of bombing the economy.", set()),
        # deeds stay, whatever their doers say of the victims
        ("Party activists beat up a former councillor in the town on Sunday, accusing him of fraud.", {"Attack"}),
        ("Drones struck an army depot near the border on Sunday.", {"Air/drone strike"}),
    ],
)
def test_events_surveillance_shows_of_force_campaigns_and_words(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what began a period, or befell in a year named, is background to it
        ("Shipping has been disrupted since the rebels began attacking tankers in the strait.", set()),
        ("The army has lost ground since late 2023, when an alliance of armed groups seized the north.", set()),
        ("The town has been tense since gunmen attacked a police post on Monday.", {"Armed clash"}),
        # a disaster named in apposition is the doer still
        ("The magnitude 6.8 earthquake on Friday killed more than 300 people, officials said.", set()),
    ],
)
def test_events_periods_begun_and_disasters_in_apposition(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_events_captives_marched_off_are_no_march(nlp) -> None:
    text = "Gunmen seized 20 worshippers from the mosque on Friday and marched them into the forest."
    assert sub_types(nlp, text) == {"Abduction/forced disappearance"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Separatists cut off the fingers of two farmers in the village on Tuesday.", {"Attack"}),
        ("Workers cut off the power supply to the village on Monday.", set()),
        (
            "Twenty militants surrendered with their rifles to the army in the district on Sunday.",
            {"Change to group/activity"},
        ),
    ],
)
def test_events_mutilation_and_surrender(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_events_guerrillas_and_paramilitaries_are_armed(nlp) -> None:
    text = "Members of a village defence committee clashed with guerrillas near the river on Sunday."
    assert sub_types(nlp, text) == {"Armed clash"}


def test_events_an_armed_group_named_in_the_plural_is_an_armed_target(nlp) -> None:
    assert sub_types(nlp, "Seven Maoists were killed in the forest on Sunday.") == {"Armed clash"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed told as recurring, on no day, is a habit
        ("Aid convoys say the road to the mines is periodically cut by fighting between the army and militias.", set()),
        ("Patrols sometimes clash with smugglers along the border.", set()),
        ("Gunmen stormed the village on Sunday, shooting sporadically at fleeing residents.", {"Attack"}),
        # an infinitive below an infinitive is as unrealised as the one above it
        ("The governors complain that the federation failed to help them fight the insurgents.", set()),
        (
            "Pro-government militiamen helped the army retake the town of Kadugli on Sunday.",
            {"Government regains territory"},
        ),
        # a disposition is nothing done; a count in thousands in the perfect or recorded, on no day, is a war's tally
        (
            "The head of the rebel delegation said the group was ready to sign a cessation of hostilities "
            "agreement today.",
            set(),
        ),
        ("The army says it has killed more than 3,000 insurgents in the northern districts.", set()),
        ("Monitors have recorded more than 12,500 people killed in the fighting.", set()),
        ("The army says it has killed 30 insurgents in the northern districts.", {"Armed clash"}),
    ],
)
def test_events_habits_and_infinitives_stay_out(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a war calls a strike comes from afar: from the air unless the sentence names missiles or shells
        ("Israeli strike on Gaza school shelter kills 22, civil defence says", {"Air/drone strike"}),
        (
            "A retaliatory strike on a militia depot near the border killed four fighters on Monday.",
            {"Air/drone strike"},
        ),
        (
            "A Russian missile strike on a hospital in Kharkiv killed three people on Monday.",
            {"Shelling/artillery/missile attack"},
        ),
        ("Dock workers began a strike over unpaid wages on Tuesday.", {"Peaceful protest"}),
        # a headline drops the article before the mine a vehicle hit
        ("Five soldiers killed as vehicle hits landmine near Djibo", {"Remote explosive/landmine/IED"}),
        # a separate incident does not carry on the type of the one told before it
        (
            "The army said the air strike on the market had been a mistake. In a separate incident, bandits "
            "attacked the village of Maro on Tuesday.",
            {"Air/drone strike", "Attack"},
        ),
    ],
)
def test_events_strikes_mines_and_separate_incidents(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a police raid that harms no one is a search (its arrests, told beside it, are the event)
        ("Anti-terror police teams conducted dawn raids on Tuesday on addresses in three districts.", set()),
        ("A police raid on a mosque in the capital on Friday left two worshippers dead.", {"Attack"}),
        ("Gunmen raided the village on Sunday.", {"Attack"}),
    ],
)
def test_events_a_police_raid_harming_no_one_is_a_search(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fire set with no crowd in sight is the attackers' arson: the killing beside it keeps its type
        (
            "Colonists set fire to houses and vehicles in the village overnight, and a young man was martyred by "
            "their bullets, the health ministry said.",
            {"Attack"},
        ),
        ("A mob set fire to a police station and killed an officer on Sunday.", {"Mob violence"}),
        # paying is no shelling; a new base may have several words before it; a truce extended is an agreement made
        ("Shoppers are shelling out more for chocolate this Christmas.", set()),
        (
            "The rebels on Monday opened a regional command and administration headquarters in the town.",
            {"Headquarters or base established"},
        ),
        ("The government and the guerrillas agreed on Tuesday to extend their ceasefire by six months.", {"Agreement"}),
    ],
)
def test_events_arson_paying_bases_and_truces_extended(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an arrest in an operation against an armed group the lexicon names is political, not ordinary crime
        ("Police detained 14 suspects in an operation targeting the Daesh terror group on Tuesday.", {"Arrests"}),
        ("Police arrested 15 suspects in a drug raid in the city on Monday.", set()),
        # the attack the arrested are suspected of or involved in was told before: the arrest is the news
        ("The security service said it had detained a man suspected of planting the bomb.", {"Arrests"}),
        (
            "Two members of the cell involved in the attack on the police station were arrested near the border.",
            {"Arrests"},
        ),
        # a question a speaker leaves open tells nothing new; what is told as happening many times is a habit
        ("The ministry did not specify how many of the fighters had been killed.", set()),
        ("Police did not say who attacked the convoy on Monday.", {"Armed clash"}),
        ("The country has since been attacked by the group multiple times.", set()),
        # what was struck is no strike of its own
        ("According to security sources, the targets included shelters and caves used by the group.", set()),
    ],
)
def test_events_arrests_questions_habits_and_targets(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flop and a flood of words are no bombing
        ('The action film "Iron Gate" bombed at the box office in its opening weekend.', set()),
        ("Fans said they had bombarded the hotline with calls after the final.", set()),
        ("Rebel gunners bombarded the town with rockets on Sunday.", {"Shelling/artillery/missile attack"}),
        # shells the parser reads as "fired" ones were fired all the same; spent ones were found
        (
            "A navy vessel anchored off the coast fired shells into a fishing village on Monday, killing four people.",
            {"Shelling/artillery/missile attack"},
        ),
        ("Police found spent fired shells at the scene.", set()),
    ],
)
def test_events_flops_floods_of_words_and_shells_fired(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an industrial accident told with the count's clause misparsed ("and eight injured when ...")
        "Three workers were killed and eight injured when a boiler exploded at a sugar mill on Tuesday, police said.",
        # fire in a drill whose scenario names an assault; a weapons test told beside the report of it
        "Navy gunners fired live rounds at floating targets on Monday as part of drills that simulate a beach assault.",
        "The army carried out a training launch of a new rocket on Monday, its media wing said, adding that it hit "
        "its target.",
        # one of a series, named after its own telling
        "It was the third such explosion in the province this year.",
        # an arms purchase is no agreement between sides, however far the purchase is told from the deal
        "The government signed a deal worth some $4 billion on Monday to purchase 48 attack helicopters.",
        # officials who raid offices for papers
        "Competition regulators raided the offices of three cement makers on Tuesday over suspected price-fixing.",
        # the site of an incident told is no new incident
        "Investigators combed the scene of the bombing for fragments on Tuesday.",
        # a search's finds are evidence, not goods looted
        "Documents and two laptops were seized during searches of the office on Tuesday.",
    ],
)
def test_events_accidents_drills_series_and_purchases_stay_out(nlp, text: str) -> None:
    assert sub_types(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a checkpoint near the town on Monday, the third such attack this month.", {"Armed clash"}),
        ("Soldiers seized 40 crates of ammunition from the insurgents on Monday.", {"Disrupted weapons use"}),
        (
            "Mortar bombs fired from the hills landed in a displacement camp on Friday.",
            {"Shelling/artillery/missile attack"},
        ),
        (
            "Border guards of the two states traded artillery and machine-gun fire across the frontier on Friday.",
            {"Shelling/artillery/missile attack"},
        ),
        (
            "A student leader was picked up by men in plain clothes outside his hostel on Monday.",
            {"Abduction/forced disappearance"},
        ),
        ("Militiamen whipped three traders at a roadblock on Monday.", {"Attack"}),
        # the bomber of a suicide attack is no aircraft
        ("A suicide bomber rammed a car into a police post on Monday. The bomber struck at dusk.", {"Suicide bomb"}),
        # weapons that fighters carry to a new base are not fired
        (
            "The rebels set up a base in the school on Tuesday, deploying dozens of fighters with heavy weapons there.",
            {"Headquarters or base established"},
        ),
        ("Rebels attacked the army post with heavy weapons on Tuesday.", {"Shelling/artillery/missile attack"}),
        # a crowd come to press its demands protests, whatever word it uses; leaders who meet a minister do not
        (
            "Farmers drove their tractors to the district office on Friday to press their demand for crop prices.",
            {"Peaceful protest"},
        ),
        ("Union leaders met the minister on Monday to press their demand for higher wages.", set()),
        # what an agreement is signed to begin is not done yet
        (
            "The government and the militia signed an agreement on Monday to begin destroying the militia's weapons.",
            {"Agreement"},
        ),
    ],
)
def test_events_series_seizures_rounds_and_abductions(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


def test_events_headlines_of_other_stories_are_not_read(nlp) -> None:
    """A news page's links to other stories ("Read more: ...", a "RELATED STORIES" list) tell other incidents."""
    text = (
        "Rebels shelled the town of Ruhengo on Monday, residents said.\n\n"
        "Read more: Gunmen kill nine in attack on bus in the north\n\n"
        "RELATED STORIES\nTroops retake border post after week of fighting\nCourt jails five over market bombing\n\n"
        "Watch the video of the clashes in the capital."
    )
    assert sub_types(nlp, text) == {"Shelling/artillery/missile attack"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # armed men who block a road are no protesters; farmers who do are
        (
            "Bandits abducted 18 travellers after blocking the highway on Tuesday evening.",
            {"Abduction/forced disappearance"},
        ),
        ("Farmers blocked the highway on Monday to protest against new taxes.", {"Peaceful protest"}),
        # the deaths a march is about are no deaths at the march
        (
            "Thousands of drivers marched through the capital on Thursday to demand government action against gangs "
            "that have killed several drivers this year.",
            {"Peaceful protest"},
        ),
        ("Police fired on marchers in the capital on Thursday, killing two.", {"Excessive force against protesters"}),
        # what a group does as a habit, told in a clause on who it is, is no incident; nor is earlier fighting
        ("The rebels, who besiege parts of the city, did not comment.", set()),
        ("The camp shelters thousands of people displaced by earlier rounds of fighting.", set()),
        # a suicide vest found is a weapon taken out of use, not a bombing
        (
            "Police arrested three suspected militants in a raid on Monday and recovered a suicide vest.",
            {"Arrests", "Disrupted weapons use"},
        ),
        # dockworkers, steelworkers: workers on strike
        (
            "Gendarmes used tear gas to clear striking dockworkers who were blocking the port on Thursday.",
            {"Protest with intervention"},
        ),
        # a place entered after its holders left it changed hands without a fight
        (
            "On Monday rebels entered the town of Kaya after government troops withdrew.",
            {"Non-violent transfer of territory"},
        ),
        # an irritant dropped from drones on positions is a chemical weapon; on a crowd it is crowd control
        (
            "Ukrainian forces used drones to drop munitions with CS gas on Russian positions on Monday.",
            {"Chemical weapon"},
        ),
        # a detainee taken to an unknown location has disappeared
        (
            "Soldiers detained a village head on Thursday and took him to an unknown location.",
            {"Abduction/forced disappearance"},
        ),
    ],
)
def test_events_doers_habits_weapons_found_strikers_and_places_left(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "An explosion targeted a minibus carrying passengers in the city on Tuesday, killing four people.",
        "A blast aimed at a police convoy killed two officers on Friday.",
    ],
)
def test_events_an_explosion_aimed_at_someone_is_no_accident(nlp, text: str) -> None:
    assert {SUB_EVENT_TYPES[t] for t in sub_types(nlp, text)} == {"Explosions/Remote violence"}


def test_events_a_verb_the_tagger_took_for_a_noun_still_tells(nlp) -> None:
    """ "the army retook Kolda town" is tagged as a noun phrase with no verb; "retook" is a verb all the same."""
    assert sub_types(nlp, "On 7 October 2024, the Burkinabe army retook Kolda town from JNIM.") == {
        "Government regains territory"
    }


def test_events_tear_gas_dropped_on_a_crowd_is_no_chemical_weapon(nlp) -> None:
    assert "Chemical weapon" not in sub_types(nlp, "Police used drones to drop tear gas on protesters on Tuesday.")


def test_events_fire_in_an_exercise_the_tagger_took_for_a_verb(nlp) -> None:
    text = (
        "Frigates from 12 countries took part in the Indian Navy's multinational Sagar-7 exercise off Goa on Monday, "
        "firing at floating targets."
    )
    assert sub_types(nlp, text) == set()


def test_events_a_rate_of_deaths_is_no_incident(nlp) -> None:
    assert sub_types(nlp, "Official data show an average of about 80 murders a day in the country.") == set()
    assert sub_types(nlp, "Gunmen killed 80 people in the country on Monday.") != set()
    assert "Attack" in sub_types(nlp, "Gunmen shot dead two villagers a day after a raid on the town on Monday.")


def test_events_an_arrest_stands_beside_a_comment_that_names_protests(nlp) -> None:
    """Protests named in a comment on an arrest ("the latest escalation in a crackdown on protests") are not where it
    was made; protesters arrested while the police fired tear gas are one protest."""
    commented = (
        "Police detained a student leader at his flat on Thursday, the latest step in a crackdown on rallies "
        "that have shaken the capital for a month."
    )
    assert "Arrests" in sub_types(nlp, commented)
    assert sub_types(nlp, "Police fired tear gas and detained 30 marchers in the capital on Thursday.") == {
        "Protest with intervention"
    }


def test_events_officers_firing_on_marchers_is_excessive_force(nlp) -> None:
    text = "In the market town, witnesses said officers opened fire on a crowd that was marching to the town hall."
    assert sub_types(nlp, text) == {"Excessive force against protesters"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said 30 rockets had crossed from the north on Friday, most of which sparked brush fires.", set()),
        ("Firefighters put out a house fire in the old town on Friday.", set()),
        ("Gunmen opened fire on a police post near the border on Friday.", {"Armed clash"}),
    ],
)
def test_events_fires_that_burn_are_no_gunfire(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) - {"Shelling/artillery/missile attack"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # herders and a people's armed men are communal militias: their killings are attacks, their fights battles
        ("Suspected herders attacked the farming village at dawn on Friday, killing nine residents.", {"Attack"}),
        (
            "Ten people died in clashes between Tubu herders and Zaghawa farmers near the wells on Monday.",
            {"Armed clash"},
        ),
        ("Pastoralists and farmers clashed over a water point on Monday, leaving six people dead.", {"Armed clash"}),
        # a crowd with no community named, or a people's crowd against the police, is still a riot
        ("Villagers clashed with each other over a land dispute on Monday, leaving two dead.", {"Mob violence"}),
        ("Angry traders beat a suspected thief to death at the market on Monday.", {"Mob violence"}),
    ],
)
def test_events_communal_militias_are_no_crowd(nlp, text: str, expected: set[str]) -> None:
    assert sub_types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two herders shot dead near the river crossing; gunmen flee into the hills",  # a headline's passive
        "Villagers had fled their homes before the raids on the valley, elders said.",  # they did not raid
    ],
)
def test_events_victims_and_people_who_fled_are_no_crowd_that_did_it(nlp, text: str) -> None:
    assert "Mob violence" not in sub_types(nlp, text)


def test_events_commanders_who_agreed_to_halt_firing_made_an_agreement(nlp) -> None:
    text = "Border commanders of both armies agreed on Friday to halt firing along the frontier, a spokesman said."
    assert sub_types(nlp, text) == {"Agreement"}
    assert sub_types(nlp, "The army said it would halt firing along the frontier.") == set()
