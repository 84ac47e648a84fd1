"""Event detection and typing: spaCy Doc -> typed event mentions (ACLED sub-event types).

A mention is a trigger word (a verb or noun of violence, protest, arrest, ...) in a sentence
that states something that happened. Each trigger belongs to a *family* (a fight, a kill, a
capture, an air strike, ...); the family and cues in the sentence choose the ACLED sub-event
type, following the taxonomy's tie-breaks (remote means beat an attack on civilians; a state
actor regains, a non-state actor overtakes; protest + tear gas is a protest with intervention).
Triggers that do not state a past fact (negated, denied, planned, foiled, hypothetical, figurative,
part of a general summary or running total, or of what a speech talks about: ``event_facts``) are
dropped here, and so are deaths from accidents and ordinary crime (a bus that plunged, a house fire,
robbers) and people named by what happened to them before ("the kidnapped aid workers"). The links a news page
adds to other stories ("Read more: ...", a "RELATED STORIES" list) are not read. Every mention records the name of
the rule that typed it, so a user can see why.

Triggers of one sentence are read as one incident when their clauses hang together (one clause,
or a participle, relative or adverbial clause of another; coordinated clauses may be two
incidents): the means used absorb the killing they did ("airstrikes targeting militants,
killing 10"), a capture absorbs the fighting that won it, a protest the violence at it. Who does
it and to whom decide the rest: an attack by aircraft is an air strike, fire with small arms at
armed people a battle, a fight with machetes and stones between crowds mob violence. A trigger
inside what a protest is against ("protested against the arrest of ...") is no event.

Who does it is read through the actor lexicon when words do not say it: an armed group's
"arrests" are abductions, a state force known by name ("the FARDC") regains territory, and a
pronoun subject stands for the named subject before it. Unarmed groups (drivers, villagers)
that fight or attack the police riot; they do not fight battles. Fire "in both directions" is an
exchange (a battle); a drone shot down is a disrupted weapons use, an aircraft shot down is
anti-aircraft fire; a bomb that goes off while being planted is a disrupted weapons use. Words
that only name a thing ("battle tank", "riot police"), what an event is compared with or
answered ("in retaliation for ..."), and a ceasefire merely named are no events.

Typing lives in ``event_typing``, the filter of non-events in ``event_facts`` and the parse reading
they rely on (agents, targets, linked clauses) in ``event_roles``; actors, places, dates and figures
are left to their own stages.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Article, Mention, Span
from ..taxonomy import SUB_EVENT_TYPES
from .actor_names import canonical_actor
from .actor_roles import SAY_VERBS
from .event_facts import families, family_of, is_background, mishap, states_fact, summarised, without
from .event_roles import clause_verb, crowd_agent, direct_objects, state_agent
from .event_typing import Context, seized_thing, strike_from_afar, taken_out_of_use, type_of
from .event_words import (
    AGREEMENT_NOUNS,
    AGREEMENT_UNDONE,
    AGREEMENT_VERBS,
    AMMUNITION,
    ANY_PHRASE,
    ARMED_CUES,
    BACKGROUND_MODIFIERS,
    CAPTIVES,
    CARRYING_OFF,
    CEREMONIES,
    CHEMICAL_AGENTS,
    CIVILIAN_TARGETS,
    CROWD_CONTROL,
    DISAPPEARING,
    EVENT_NOUNS,
    FIGURATIVE_VERBS,
    FIGURATIVE_WARS,
    FINANCE_CUES,
    FIRE_VERBS,
    GAME_WORDS,
    GRIEVANCE_HEADS,
    GRIEVANCE_PREPS,
    HEAVY_WEAPONS,
    IDIOMS,
    INCIDENT_NOUNS,
    INSTRUMENTS,
    INTERVENTION_CUES,
    LIVE_FIRE,
    LODGING,
    MEANS,
    MEDIA_WORKS,
    ORGANIZED_ARMED,
    OWN_DEVICE,
    PARTY_WORDS,
    PHRASES,
    QUANTITY_NOUNS,
    RIOT_CUES,
    SMALL_ARMS,
    SMALL_ARMS_WORDS,
    SPORT_CUES,
    STATE_CUES,
    STEALING_VERBS,
    STRIKE_CALLS,
    STRIKE_GRIEVANCES,
    STRIKE_KINDS,
    STRIKE_VERBS,
    TERRITORY,
    VACATING_VERBS,
    VERB_ONLY,
    VIOLENCE,
    WORKERS,
)
from .nlp import hyphened_to, in_doc, lowers, noun_chunks, per_doc, pos_tags, sentences, span_text, text_of, tokens
from .nlp import lemmas as doc_lemmas
from .vocabulary import may_match


def rule_detector() -> Callable[[Article, Doc], tuple[Mention, ...]]:
    """Factory of the ``rules.v1`` detector (registered as an entry point)."""
    return detect_events


def detect_events(article: Article, doc: Doc) -> tuple[Mention, ...]:
    """Typed event mentions of one article, in text order."""
    mentions: list[Mention] = []
    previous_type: str | None = None
    elsewhere = [match.span() for match in _OTHER_STORIES.finditer(doc.text)]
    for sent in sentences(doc):
        if any(start <= sent.start_char < end for start, end in elsewhere):
            previous_type = None
            continue  # "Read more: Russian strikes kill nine in Zaporizhzhia": another story's headline
        found = list(_sentence_mentions(article, sent, previous_type))
        mentions.extend(found)
        if found:
            previous_type = found[-1].sub_event_type
        elif not span_text(sent).strip():
            previous_type = None
    return tuple(mentions)


def _sentence_mentions(article: Article, sent: SpacySpan, previous_type: str | None) -> Iterable[Mention]:
    doc, start, end = sent.doc, sent.start, sent.end
    lowered = span_text(sent).lower()
    if "(" in lowered:
        lowered = _ASIDES.sub(_masked, lowered)  # "handed Lashio (Lashio, Shan-North) back"
    words = tokens(doc)[start:end]
    lemma_of = doc_lemmas(doc)  # by token index: spaCy decodes a new string on every ``lemma_``
    lemmas = frozenset(lemma_of[start:end])
    verbless = _VERB_TAGS.isdisjoint(pos_tags(doc)[start:end]) and _VERB_FORMS.isdisjoint(lowers(doc)[start:end])
    if is_background(sent, lemmas) or verbless or lowered.rstrip().endswith("?"):
        return  # sport, a disaster, a headline without a verb, or a question
    triggers: list[tuple[Token, str]] = []
    covered: set[int] = set()
    earliest = ANY_PHRASE.search(lowered)  # one scan rules out most sentences; no phrase starts before it
    begin = earliest.start() if earliest else len(lowered)
    starts = [t.idx - sent.start_char for t in words] if earliest else []
    for pattern, family in PHRASES if earliest else ():
        for match in pattern.finditer(lowered, begin):
            first, last = bisect_left(starts, match.start()), bisect_left(starts, match.end())
            phrase = words[first:last]
            head = _head_of(phrase) if phrase else None
            used = family in _NAMED_BY_PHRASE or (head is not None and _weapon_used(head))
            if head is not None and head.lower_ == "with" and family in MEANS:
                used = _used_with(head)  # "pounded the town with heavy weapons", not "deployed fighters with" them
            fact = head is not None and states_fact(phrase[0], family) and used and not _mishap(family, head)
            fact = fact and not (family == "protest" and _armed_subject(head))  # gunmen blocking a road
            fact = fact and not (family == "fight" and lemmas.isdisjoint(ARMED_CUES) and _retort(head))
            if fact and _made_if_agreement(head) and not _development_of_no_party(family, head, phrase):
                triggers.append((head, family))
            covered.update(t.i for t in phrase)
    family_at = families(doc)
    for i in range(start, end):  # only words of the lexicon or a development verb can be triggers: test the word first
        if (family_at[i] or lemma_of[i] in _DEVELOPMENT_LEMMAS) and i not in covered:
            tok = words[i - start]
            if (f := _family(tok, family_at[i])) and states_fact(tok, f):
                triggers.append((tok, f))
    summed = summarised(sent, lowered) if triggers else set()
    triggers = [(tok, family) for tok, family in triggers if clause_verb(tok).i not in summed]
    if triggers and lemmas.isdisjoint(ARMED_CUES) and _war_of_words(doc):
        return  # "fired fresh shots in a tariff war", "the fight was an early skirmish" in a war of words
    if triggers and lemmas.isdisjoint(ARMED_CUES) and _about_sport_or_fiction(doc):
        # "relentless attacks broke through the defence" in a match report, "a firefight" in a film review; the crowd's
        # riots and arson stay
        triggers = [(tok, family) for tok, family in triggers if family not in _FIGHTING]
    if triggers and (said := _quotes_telling_nothing(sent) + _idioms(sent, lowered)):
        triggers = [(t, f) for t, f in triggers if not any(s <= t.i < e for s, e in said)]
    if any(family == "protest" for _, family in triggers):  # "protested against the killing of ...": a grievance
        triggers = [(tok, family) for tok, family in triggers if family == "protest" or not _grievance(tok)]
    if not triggers:
        return
    cues = [(words[i - start], lemma_of[i]) for i in range(start, end) if lemma_of[i] in _CROWD_CUES]
    kinds = frozenset(family for _, family in triggers)
    crowd = not kinds.isdisjoint(_CROWD_FAMILIES)  # only a crowd's typing asks whether people died
    context = Context(
        families=kinds,
        lemmas=lemmas,
        previous_type=None if lemmas & _ANOTHER_INCIDENT else previous_type,  # "in a separate incident": not it
        means_tokens=tuple(tok for tok, family in triggers if family in MEANS or strike_from_afar(tok, family)),
        violence_tokens=tuple(tok for tok, family in triggers if family in VIOLENCE),
        territory_tokens=tuple(t for t, f in triggers if f in {"capture", "regain"} and seized_thing(t) is None),
        small_arms=may_match(lowered, SMALL_ARMS_WORDS) and bool(SMALL_ARMS.search(lowered)),
        intervention=any(
            lemma in INTERVENTION_CUES and not (_grievance(t) or without(t) or _went_home(t)) for t, lemma in cues
        ),
        rioting=any(
            _riotous(t, lemma) and not _grievance(t) and not _names_a_thing(t) and not _against(t) for t, lemma in cues
        ),
        own_device=bool(OWN_DEVICE.search(lowered)),
        heavy_weapons=bool(HEAVY_WEAPONS.search(lowered)),
        live_fire=bool(LIVE_FIRE.search(lowered)),
        deaths=crowd and any(_deadly(words[i - start]) for i in range(start, end) if lemma_of[i] in _DEATHS),
    )
    typed = [(tok, *type_of(family, tok, context)) for tok, family in triggers]
    arrests = [tok for tok, sub, _ in typed if sub == "Arrests"]
    apart = {i for tok in arrests for i in _grounds(tok)} | {t.i for t, _ in triggers if _arrest_made_in(t, arrests)}
    typed = [(tok, sub, rule) for tok, sub, rule in typed if tok.i not in apart]  # "in connection with the blast"
    violent = [tok for tok, sub, _ in typed if sub and SUB_EVENT_TYPES[sub] != "Strategic developments"]
    for tok, sub_type, rule in sorted(typed, key=lambda item: item[0].i):
        if sub_type is None or (sub_type == "Arrests" and not _answers(tok, violent)):
            continue  # arrests made in a clash or at a protest belong to that event
        yield Mention(
            sub_event_type=sub_type,
            trigger=Span.of(article, tok.idx, tok.idx + len(tok.text)),
            sentence=Span.of(article, sent.start_char, sent.end_char),
            rule=rule,
        )


_VERB_TAGS = frozenset({VERB, AUX})
_ANOTHER_INCIDENT = frozenset("separate unrelated elsewhere".split())
_SHOW_WORDS = SPORT_CUES | GAME_WORDS | frozenset("film movie cinema review premiere concert album episode".split())
_FIGHTING = VIOLENCE | MEANS | {"fight", "capture", "regain"}
_PEOPLE_GATHERED = frozenset("protester demonstrator supporter crowd activist worker student farmer".split())
# Links a news page adds to other stories: a cue line ("Read more: ...", "ALSO READ: ...", "Related: ...") or a cue
# heading ("RELATED STORIES") over a list of headlines (lines that end without a full stop).
_OTHER_STORIES = re.compile(
    r"(?im)^[ \t]*(?:also read|read (?:more|also)|related(?: news| stories| articles| coverage| reading| content)?"
    r"|see also|more on this(?: story)?|more stories|recommended(?: stories)?|you may also like|watch|listen)\b"
    r"(?:[ \t]*[:|\-–—][ \t]*\S[^\n]*|[ \t]*:?[ \t]*(?:\n[ \t]*\S[^\n]*[^.!?\"”\n][ \t]*(?=\n|$))+)"
)
# A short aside in brackets ("(Lashio, Shan-North)", "(AFP)", "(PLA)"): phrases read past it as past one word.
_ASIDES = re.compile(r"\([^()\n]{1,60}\)")


def _masked(aside: re.Match[str]) -> str:
    return "x" * len(aside.group())


# Phrases whose weapon the phrase itself tells used: a suicide bomber is no aircraft, tear-gas grenades dropped on
# trenches are no crowd control.
_NAMED_BY_PHRASE = frozenset({"suicide", "chemical"})
_VIOLENCE_OR_MEANS = VIOLENCE | MEANS
_CONTENT = frozenset({"acl", "relcl", "ccomp", "advcl"})  # what a statement says, hung on it or on its release
_HARMFUL = _VIOLENCE_OR_MEANS | {"fight", "arrest", "loot"}  # the families ``_mishap`` reads
_LEFT_OVER = frozenset("spent empty unexploded".split())  # shells found, not fired at anyone
_LADEN = frozenset("pack laden rig fill load stuff".split())
# what ``_development_verb`` reads
_DEVELOPMENT_LEMMAS = DISAPPEARING | VACATING_VERBS | STEALING_VERBS | CARRYING_OFF | {"sweep"}
_RENEWING = frozenset("extend renew prolong".split())  # "agreed to extend their ceasefire": a new agreement
_IN_FORCE_OR_UNDONE = frozenset("hold last remain continue survive collapse fail expire lapse".split())  # its subject
_CROWD_CUES = INTERVENTION_CUES | RIOT_CUES | frozenset({"fire", "throw", "window"})  # see _riotous
_CROWD_FAMILIES = frozenset({"protest", "intervene"})  # typed by whether people died (``Context.deaths``)
_DEATHS = frozenset({"kill", "shoot", "die", "dead"})
# A quotation: between double quotes, or single quotes that open after a space and close before one.
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]|(?:(?<=\s)|^)['‘]([^'‘’]{2,}?)['’](?=[\s,.;:!?]|$)")
_PARTICULARS = frozenset({"DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC", "QUANTITY"})
_RESCUING = frozenset(
    "rescue evacuate airlift transport ferry deliver search carry distribute supply surveillance monitor monitoring "
    "reconnaissance surveil patrol map".split()
)
_NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass"})
_WEAPON_HANDLERS = frozenset("expert squad team technician specialist disposal engineer sapper unit".split())
_REASONS = frozenset({"in", "over", "for"})  # "held in connection with", "arrested over", "detained for"
_CONNECTION = "connection"
_SWEEPS = frozenset("raid operation sweep swoop crackdown".split())
_CAMPAIGNS = frozenset("election electoral campaign poll roadshow".split())
_VERB_OBJECTS = frozenset({"dobj", "npadvmod", "nsubjpass"})  # "stepped up vigil" has it as an npadvmod
_WATCHFUL = frozenset("strict close tight round-the-clock constant".split())
_OCCUPYING = frozenset("occupy reoccupy reoccupie".split())  # (spaCy's lemma of "reoccupied")
_FIGURES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_LEVELS = frozenset("low high level record minimum".split())
_PAST_FORMS = frozenset("retook overran took fought shot struck stole".split())
_VERB_FORMS = _PAST_FORMS - {"shot"}  # verbs whatever the tagger says: "the army retook Diapaga town" tagged a noun


def _misread_auxiliary(tok: Token) -> bool:
    """A means word the tagger took for an auxiliary after a name ("Houthi shelling killed a girl"): no auxiliary
    ends in "-ing"."""
    return tok.pos_ == "AUX" and tok.tag_ == "VBG" and tok.lower_ not in {"being", "having", "doing"}


def _head_of(tokens: list[Token]) -> Token:
    """The syntactic head of a multi-word trigger (the token whose head lies outside it)."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])


def _family(tok: Token, family: str | None) -> str | None:
    """The trigger family of a word, whose lexicon family (``family_of``) is ``family``, or None: no trigger."""
    family = family or _development_verb(tok)
    if family is None:
        return None
    lemma = tok.lemma_.lower()  # spaCy decodes a new string on every ``lemma_``
    if family in MEANS and tok.pos_ not in {"NOUN", "VERB", "PROPN"} and not _misread_auxiliary(tok):
        return None
    if lemma == "assault" and tok.pos_ == "NOUN":
        family = "fight"  # "launched a ground assault on the city": an offensive; people are "assaulted"
    if tok.ent_type_ in {"DATE", "TIME"}:
        return None  # "in March": a month, not a march
    if _against(tok):
        return None  # "anti-riot officers", "anti-terror laws": what a thing is against
    if lemma == "bomber" and in_doc(tok, "suicide"):
        return "suicide"  # "a suicide bomber rammed the post ... the bomber struck at 5pm": the man, not a plane
    if lemma in VERB_ONLY and tok.pos_ != "VERB":
        return None  # "gunned down" is a killing, "heavy machine guns" a weapon
    if family not in MEANS and _names_a_thing(tok):
        return None  # "battle tank", "riot police", "assault rifle": the word names a thing, not an event
    if lemma == "raid" and any(c.dep_ == "compound" and c.lemma_ == "arrest" for c in tok.children):
        return "arrest"  # "arrest raids": what the raid did was arrest people
    if lemma in CHEMICAL_AGENTS and _USING.isdisjoint(doc_lemmas(tok.doc)[tok.sent.start : tok.sent.end]):
        return None  # "a shortage of chlorine and clean water": an agent named, none used
    if family == "release" and not _media_release(tok):
        return None  # "released the hostages", "the ministry published figures": no media release of a party
    if family == "protest" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in LODGING:
        return None  # "lodged a formal protest with the embassy": a complaint between states
    if family == "protest" and tok.dep_ in {"advcl", "xcomp"} and tok.head.lemma_.lower() == "summon":
        return None  # "summoned the ambassador to protest against remarks": so is this one
    if family == "agreement" and not _agreement_made(tok):
        return None  # "violated the ceasefire", "the end of the truce": an agreement named, not one made
    if lemma == "kill" and any(
        (c.dep_ == "dobj" and c.lower_ == "it") or (c.dep_ == "prt" and c.lower_ == "off") for c in tok.children
    ):
        return None  # "the film killed it at the box office", "killing off the race", "will kill off the press"
    if lemma in FIGURATIVE_VERBS and any(c.dep_ in {"dobj", "ccomp"} for c in tok.children):
        return None  # "the attack demonstrates that ...", "rallied support": no one took to the streets
    if lemma == "fire" and tok.pos_ == "NOUN" and _blaze(tok):
        return None  # "rockets sparked brush fires", "firefighters put out the fire": flames, not gunfire
    if lemma in {"storm", "shoot", "rocket"} and _stormed_ahead(tok):
        return None  # "the single stormed to the top of the charts", "Bitcoin stormed past $100,000", "shares rocketed"
    if tok.lower_ in {"injured", "wounded"} and tok.dep_ in _NOUN_DEPS and any(c.lower_ == "the" for c in tok.children):
        return None  # "helicopters ferried the injured to hospitals": people, named by what befell them
    if family == "harm" and tok.dep_ == "pobj" and tok.head.lower_ == "with" and _bearer(tok.head.head):
        return None  # "refugees with gunshot wounds": what people bear; the harm done to them is told apart or not
    gathered = tok.dep_ == "relcl" and tok.head.lemma_.lower() in _PEOPLE_GATHERED  # "students who had occupied"
    if lemma in _OCCUPYING and (crowd_agent(tok) or gathered):
        return "protest"  # "students occupied the main hall": a sit-in
    if lemma in _OCCUPYING and (tok.tag_ not in {"VBD", "VBN"} or not _town_taken(tok)):
        return None  # "continues to occupy Lebanese land", "occupied a seat": a state, a post
    if _went_home(tok):
        return None  # "the students dispersed peacefully": they left, no one dispersed them
    if family == "kill" and _fired_at_no_one(tok):
        return "attack"  # "the gunmen shot sporadically": shots fired, no one shot
    if lemma == "demonstration" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None  # "a demonstration of force", "demonstrations of storming a position": a display
    if lemma == "rally" and (_market_rally(tok) or _campaign_rally(tok)):
        return None  # "capping an explosive rally" of Bitcoin, "addressed an election rally": no crowd protesting
    if lemma == "vigil" and _watch_kept(tok):
        return None  # "the BSF has stepped up vigil along the border": watch kept, not a protest held
    if lemma == "riot" and _figurative_riot(tok):
        return None  # "a riot of colour", "the home side ran riot in the derby"
    if family in MEANS and tok.dep_ in {"compound", "nmod"} and tok.head.lemma_.lower() in _WEAPON_HANDLERS:
        return None  # "explosives experts", "a bomb disposal squad": who make weapons safe, named by them
    if family == "bomb" and any(c.lower_ in {"petrol", "fire", "gasoline", "molotov"} for c in tok.children):
        return None  # petrol bombs are arson or rioting, not explosives
    if family == "attack" and (_crowd_control_fired(tok) or _into_the_air(tok)):
        return "intervene"  # "police fired tear gas", "shots into the air": a crowd dispersed, not an attack
    if family == "attack" and lemma == "strike" and _labour_strike(tok):
        return "protest"  # "striking teachers", "a general strike", "workers struck over pay": people on strike
    if family == "protest" and _attacked_gathering(tok):
        return None  # "a grenade thrown at a political rally": the rally is what was attacked
    taker = tok.head.head if tok.head.dep_ == "prep" else tok.head  # "took them hostage", "taken as hostages"
    if lemma == "hostage" and taker.lemma_.lower() not in {"take", "hold", "seize", "keep"}:
        return None  # "took 30 hostages" tells an abduction; "the hostages pleaded" names people taken before
    if family == "change" and tok.dep_ in {"relcl", "acl"}:
        return None  # "a soldier who had defected to the rebels": a person named by a past change of side
    if _development_of_no_party(family, tok):
        return None
    past = tok.tag_ == "VBN" or (tok.tag_ == "JJ" and tok.lower_.endswith("ed"))  # "besieged" tagged an adjective
    if tok.dep_ == "amod" and past and tok.head.pos_ == "NOUN" and family not in MEANS:
        return None  # "kidnapped hostages", "the looted shop": people and things named by what happened before
    if _mishap(family, tok):
        return None  # a bus that plunged, a house fire, robbers, a drug raid: no side of a conflict
    if lemma == "march" and any(
        c.dep_ == "dobj" or (c.dep_ == "compound" and c.lower_ == "flag") for c in tok.children
    ):  # "marched them into the bush": captives driven, by armed men an abduction; "a flag march": forces on show
        return "abduct" if _carried_off(tok) and _armed_doer(tok) else None
    if family == "protest" and lemma == "march" and in_doc(tok, CEREMONIES):
        return None  # "marching cadets paraded through the capital", "recruits passed out, marching before commanders"
    if family in {"fight", "attack"} and tok.tag_ == "VBG" and tok.dep_ == "acl" and 0 < tok.i - tok.head.i <= 2:
        return None  # "units fighting al Shabaab", "the mission fighting gangs": who they are, not what they did
    if family in MEANS and _used_to_rescue(tok):
        return None  # "soldiers used helicopters to rescue stranded residents"
    if lemma == "slay" and not any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in tok.children):
        return None  # "the band absolutely slayed on the final night": slaying nobody
    if family == "protest" and _armed_subject(tok):
        return None  # "militias marched to the village", "troops marched in": a movement, not a protest
    counted = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok  # "earlier rounds of fighting"
    if (tok.pos_ == "NOUN" or counted is not tok) and any(
        c.dep_ == "amod" and c.lower_ in BACKGROUND_MODIFIERS for n in {tok, counted} for c in n.children
    ):
        return None  # "from previous fighting", "displaced by earlier rounds of fighting": told as background
    disarmed = taken_out_of_use(tok) and family_of(tok.head) is None  # "cleared mines"; "defused a bomb" is defuse's
    return family if _weapon_used(tok) or disarmed else None


def _mishap(family: str, tok: Token) -> bool:
    """A bus that plunged, a house fire, thieves who made off with gold, a drug raid: no side of a conflict (ACLED
    codes the state's seizures of contraband as property destruction, so those stay)."""
    return family in _HARMFUL and mishap(tok, family)


def _development_verb(tok: Token) -> str | None:
    """Verbs that tell an event only in one use: a person "forcibly disappeared" or "disappeared" by someone (not one
    who went missing), a place "vacated" (not a seat), something "stolen" by armed men (not by a thief)."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma in DISAPPEARING and any(c.dep_ in {"auxpass", "dobj"} or c.lower_ == "forcibly" for c in tok.children):
        return "abduct"
    if lemma in VACATING_VERBS and _place_vacated(tok):
        return "transfer"
    if lemma in STEALING_VERBS and _armed_doer(tok):
        return "loot"
    if lemma == "take" and _armed_subject(tok) and any(_named_place(o) for o in direct_objects(tok)):
        return "capture"  # "M23 rebels took Nyabibwe", not "took part" or "took 20 hostages"
    if lemma in CARRYING_OFF and _carried_off(tok) and _armed_doer(tok):
        return "abduct"  # "gunmen marched 23 farmers into the forest", "armed men took six people from their home"
    into = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "into" for g in c.children]
    if lemma == "sweep" and _armed_subject(tok) and any(p.pos_ == "PROPN" or _named_place(p) for p in into):
        return "capture"  # "fighters swept into Saraqeb", not "floodwaters swept into homes"
    return None


def _carried_off(tok: Token) -> bool:
    """Whether a verb takes people away from where they were: "took six people from their home", "marched farmers
    into the forest", "led the chief away"; not "took part" or "took the town"."""
    people = [o for o in direct_objects(tok) if o.lemma_.lower() in _CARRIED_PEOPLE or o.like_num]
    away = any(
        (c.dep_ == "prep" and c.lower_ in {"from", "into", "to", "towards"})
        or (c.dep_ == "prt" and c.lower_ in {"away", "off"})
        for c in tok.children
    )
    return bool(people) and away


_CARRIED_PEOPLE = CIVILIAN_TARGETS | CAPTIVES | {"member", "relative"}


def _named_place(noun: Token) -> bool:
    return noun.ent_type_ in {"GPE", "LOC", "FAC"} or noun.lemma_.lower() in TERRITORY


def _place_vacated(tok: Token) -> bool:
    """Whether what is left is a place: "vacated their positions", "the base that soldiers vacated", "positions
    vacated by the rebels"."""
    places = direct_objects(tok)
    if tok.dep_ in {"relcl", "acl"}:
        places.append(tok.head)
    places += [p.doc[p.i - 1] for p in places if p.tag_ in {"WDT", "WP"} and p.i > 0]  # "the town that ... vacated"
    return any(p.lemma_.lower() in TERRITORY for p in places)


def _deadly(death: Token) -> bool:
    """Whether a death word of a crowd's sentence tells of force that kills: not "shot tear gas canisters"."""
    return states_fact(death) and not _crowd_control_fired(death)


def _crowd_control_fired(tok: Token) -> bool:
    """Whether what was fired is tear gas, rubber bullets or water cannon."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]
    for obj in objects:
        words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ in {"amod", "compound"})}
        if words & CROWD_CONTROL - {"gas"} or {"water", "cannon"} <= words:
            return True  # not "a gas pipeline"
    return False


def _about_sport_or_fiction(doc: Doc) -> bool:
    """Whether the report is about a match, a film or a show: it names two kinds of them as nouns."""

    def read(d: Doc) -> bool:  # by index: spaCy makes a Token and decodes strings on every access
        nouns = {lemma for lemma, pos in zip(doc_lemmas(d), pos_tags(d), strict=True) if pos == NOUN}
        return len(nouns & _SHOW_WORDS) >= 2

    return per_doc(doc, "events.sport_or_fiction", read)


def _quotes_telling_nothing(sent: SpacySpan) -> list[tuple[int, int]]:
    """Token ranges of the quotations in a sentence that name no one, no day, number or place: what someone says in
    general ("These gangs kill, rape and kidnap", "It felt like a bomb went off"), not a report of an incident ("The
    Syrian army secured the highway after foiling the attack") nor a word in scare quotes ("liberated")."""
    found = []
    for match in _QUOTED.finditer(span_text(sent)):
        start, end = match.span(1) if match.group(1) is not None else match.span(2)
        inner = sent.char_span(start, end, alignment_mode="expand")
        if inner is None or len(inner) < 3:
            continue
        if not any(w.ent_type_ in _PARTICULARS or w.pos_ == "PROPN" for w in inner):
            found.append((inner.start, inner.end))
    return found


def _idioms(sent: SpacySpan, lowered: str) -> list[tuple[int, int]]:
    """Token ranges of the idioms in a sentence ("killing fields", "killed off", "set the stage on fire")."""
    spans = (sent.char_span(*m.span(), alignment_mode="expand") for m in IDIOMS.finditer(lowered))
    return [(s.start, s.end) for s in spans if s is not None]


def _retort(verb: Token) -> bool:
    """ "The chairman fired back, calling the criticism reckless": an answer in words, told by what was said."""
    return any(c.dep_ in {"advcl", "xcomp", "ccomp", "conj"} and c.lemma_.lower() in _RETORTING for c in verb.children)


_RETORTING = SAY_VERBS | frozenset("call accuse dismiss brand label describe defend".split())


def _war_of_words(doc: Doc) -> bool:
    """Whether the report tells of a war fought in words or prices ("a war of words", "a tariff war")."""
    return per_doc(doc, "events.war_of_words", lambda d: bool(FIGURATIVE_WARS.search(text_of(d))))


def _used_to_rescue(tok: Token) -> bool:
    """A means used for a rescue or a delivery: "used boats and helicopters to evacuate residents"."""
    user = tok.head
    while user.dep_ in {"dobj", "conj"} and user.lemma_.lower() != "use":
        user = user.head
    if user.lemma_.lower() != "use":
        return False
    purposes = [c for c in user.children if c.dep_ in {"xcomp", "advcl"}]
    purposes += [g for c in user.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children]
    return any(p.lemma_.lower() in _RESCUING for p in purposes)  # "drones were used for surveillance"


def _went_home(tok: Token) -> bool:
    """A crowd that "dispersed" of itself, no one named dispersing it: "the students dispersed peacefully"."""
    return tok.lemma_.lower() == "disperse" and not any(
        c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in tok.children
    )


def _town_taken(tok: Token) -> bool:
    """Whether what was occupied is a named place or a kind of territory: "occupied Macomia", "the town"."""
    places = direct_objects(tok)
    return any(o.pos_ == "PROPN" or o.ent_type_ in {"GPE", "LOC"} or o.lemma_.lower() in TERRITORY for o in places)


def _bearer(noun: Token) -> bool:
    """Whether a noun names people who bear wounds, not a place they were taken to ("to hospital with wounds")."""
    return noun.pos_ in {"NOUN", "PROPN", "PRON"} and noun.lemma_.lower() not in {"hospital", "clinic"}


def _stormed_ahead(tok: Token) -> bool:
    """ "Stormed" with nothing stormed, only a direction: "to the top", "past $100,000", "back to win"."""
    if tok.pos_ != "VERB" or direct_objects(tok):
        return False
    ways = {c.lower_ for c in tok.children if c.dep_ in {"prep", "prt", "advmod"}}
    goals = {g.lemma_.lower() for c in tok.children if c.lower_ == "to" for g in c.children}
    if tok.lemma_.lower() == "shoot":  # "shot to the top of the box office", not "shot to death"
        return bool(goals & {"top", "fame", "number", "lead", "victory"})
    return bool(ways & {"to", "past", "ahead", "back"}) and not ways & {"into", "through", "onto", "inside"}


def _blaze(fire: Token) -> bool:
    """Whether "fire" names flames: of a kind that burns ("brush fires", "a house fire") or what is lit or put out."""
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in _BURNING for c in fire.children):
        return True
    return fire.dep_ in {"dobj", "nsubjpass"} and fire.head.lemma_.lower() in _LIT_OR_PUT_OUT


_BURNING = frozenset("brush bush forest grass wild house kitchen electrical crop scrub field farm".split())
_LIT_OR_PUT_OUT = frozenset("spark start ignite cause extinguish douse contain quell".split())


def _market_rally(tok: Token) -> bool:
    """A rally in a sentence about markets or sport that names no people gathered."""
    words = {w.lemma_.lower() for w in tok.sent}
    return bool(words & (FINANCE_CUES | SPORT_CUES | GAME_WORDS)) and not words & _PEOPLE_GATHERED


def _answers(arrest: Token, violent: list[Token]) -> bool:
    """Whether an arrest is an event of its own beside its sentence's violence: there is none, or all of it is
    what the arrest is for ("in connection with the 9 May riot cases", "over Saturday's shooting"). Violence done
    beside it ("fired tear gas and arrested 20", "detained teachers who were protesting") is where it was made; violence
    in a comment on the arrest ("..., the latest escalation in a crackdown on protests") is not."""
    apart = {w.i for c in arrest.children if _reason(c) or c.dep_ in {"npadvmod", "appos"} for w in c.subtree}
    return all(t.i in apart for t in violent)


def _grounds(arrest: Token) -> set[int]:
    """The words of what an arrest is for ("in connection with the blast", "over the killings"): the violence told
    there is an event told before, not a new one, unless the phrase dates it ("over Saturday's shooting")."""
    return {
        w.i
        for c in arrest.children
        if _reason(c)
        and (c.lower_ != "in" or _CONNECTION in {g.lemma_.lower() for g in c.children})
        and not any(w.ent_type_ in {"DATE", "TIME"} for w in c.subtree)
        for w in c.subtree
    }


def _arrest_made_in(tok: Token, arrests: list[Token]) -> bool:
    """ "Captured a commander in a raid near the town": the raid is how the arrest was made, no event beside it."""
    prep = tok.head
    if tok.dep_ != "pobj" or tok.lemma_.lower() not in _SWEEPS or prep.lower_ not in {"in", "during"}:
        return False
    held = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # the parser may hang it on who was taken
    return any(held.i == a.i for a in arrests)


def _reason(phrase: Token) -> bool:
    return phrase.dep_ == "prep" and phrase.lower_ in _REASONS


def _campaign_rally(tok: Token) -> bool:
    """A rally of an election campaign: named so ("an election rally"), addressed by a speaker, held to seek votes,
    or the one of these an article told before ("supporters attended the rally"). Campaigning is no protest."""
    if _campaign_told(tok):
        return True
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    return definite and any(
        t.i < tok.i and lemma == "rally" and _campaign_told(t)
        for t, lemma in zip(tokens(tok.doc), doc_lemmas(tok.doc), strict=True)
    )


def _campaign_told(rally: Token) -> bool:
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in _CAMPAIGNS for c in rally.children):
        return True
    verb = rally.head if rally.dep_ in {"dobj", "pobj"} else rally
    verb = verb.head if verb.dep_ == "prep" else verb
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in {"candidate", "nominee"} for c in verb.children):
        return True  # "both presidential candidates held mass rallies"
    return verb.lemma_.lower() == "address" or any(
        c.dep_ in {"advcl", "xcomp"}
        and c.lemma_.lower() in {"seek", "canvass", "solicit"}
        and any(o.lemma_.lower() == "vote" for o in c.children)
        for c in verb.children
    )


def _watch_kept(vigil: Token) -> bool:
    """Vigilance kept ("stepped up vigil", "maintain a strict vigil"), not a vigil held by mourners or protesters."""
    kept = vigil.dep_ in _VERB_OBJECTS and vigil.head.lemma_.lower() in {"step", "maintain", "keep", "intensify"}
    return kept or any(c.dep_ == "amod" and c.lemma_.lower() in _WATCHFUL for c in vigil.children)


def _figurative_riot(tok: Token) -> bool:
    """A riot of something other than people, or one "run" in a sentence about sport."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return True
    return tok.head.lemma_.lower() == "run" and in_doc(tok, SPORT_CUES | GAME_WORDS)


def _labour_strike(tok: Token) -> bool:
    """Whether "strike" is work stopped, told by who strikes, the kind of strike, its grievance or its calling."""
    struck = tok.head.lemma_.lower()
    if tok.lower_ == "striking" and (struck in CIVILIAN_TARGETS | WORKERS or struck.endswith("worker")):
        return True  # "striking teachers", "striking dockworkers"
    if tok.pos_ == "VERB":  # "teachers struck over pay": no one struck
        subjects = [c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"]
        return bool(WORKERS.intersection(subjects)) and not direct_objects(tok)
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in STRIKE_CALLS:
        return True  # "the union called a strike"
    words = {c.lemma_.lower() for c in tok.children if c.dep_ in {"amod", "compound", "poss", "nmod"}}
    grievances = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" for g in c.children}
    return bool(words & (STRIKE_KINDS | WORKERS) or grievances & (STRIKE_GRIEVANCES | WORKERS))


def _fired_at_no_one(tok: Token) -> bool:
    """ "Shot" with no one shot: no object, no passive subject, no "dead"."""
    if tok.lemma_.lower() != "shoot" or tok.pos_ != "VERB":
        return False
    told = {c.dep_ for c in tok.children} | {c.lower_ for c in tok.children}
    return not told & {"dobj", "nsubjpass", "auxpass", "dead", "conj"} and tok.dep_ not in {"amod", "acl", "conj"}


def _into_the_air(tok: Token) -> bool:
    """Whether the fire of a clause went into the air: warning shots hit no one."""
    return any(
        c.dep_ == "prep" and c.lower_ in {"into", "in"} and any(g.lemma_ == "air" for g in c.children)
        for c in clause_verb(tok).children
    )


def _attacked_gathering(tok: Token) -> bool:
    """A rally or protest that a bomb, a grenade or gunmen hit ("thrown at a rally", "an attack on a march") is the
    target of the attack; fire by the authorities at it is force used against protesters, and stays a protest."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in {"at", "on", "into"}:
        return False
    verb = tok.head.head
    means = [verb, *(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})]
    if verb.dep_ in {"acl", "relcl"}:
        means.append(verb.head)  # "a grenade thrown at a rally"
    violent = any(family_of(m) in _VIOLENCE_OR_MEANS for m in means)
    return violent and not state_agent(verb)


_SHOWING = frozenset({"show", "depict"})
_USING = FIRE_VERBS | STRIKE_VERBS | AMMUNITION | frozenset("attack munition weapon barrel canister gas".split())


def _media_release(tok: Token) -> bool:
    """A video, recording or statement released by or for an armed group ("the Taliban released a video", "in a
    recorded statement released on Thursday via the group's outlet"): the one development ACLED types Other that
    news reports well. A release by anyone else (a ministry's statement) is no event."""
    works = direct_objects(tok)
    if tok.dep_ in {"acl", "relcl"}:
        works.append(tok.head)  # "a recording released on Thursday"
    if not any(w.lemma_.lower() in MEDIA_WORKS for w in works):
        return False
    sent, family_at = tok.sent, families(tok.doc)
    words, lemma_of = tokens(tok.doc), doc_lemmas(tok.doc)
    said = range(sent.start, sent.end)
    if any(lemma_of[i] == "responsibility" or (lemma_of[i] == "claim" and _claiming(words[i])) for i in said):
        return False  # "claimed responsibility in a statement released on its channels": the attack is the event
    shown = [w for i in said if lemma_of[i] in _SHOWING for w in words[i].subtree]
    if any(w.pos_ == "VERB" and family_at[w.i] in _VIOLENCE_OR_MEANS for w in shown):
        return False  # "a video purportedly showed gunmen shooting the men": evidence of an incident the article tells
    content = [c for w in (*works, tok) for c in w.children if c.dep_ in _CONTENT and c.i != tok.i]
    content += [g for c in content if c.lemma_.lower() in SAY_VERBS for g in c.children if g.dep_ == "ccomp"]
    if any(family_at[c.i] in _VIOLENCE_OR_MEANS for c in content):
        return False  # "a statement released on Monday (saying) that its fighters had killed 60 soldiers": the deed
    if _beside_an_incident(tok, family_at):
        return False  # "captured the outpost, posting photographs of seized mortars": the capture is the event
    return _party_named(tok, {2, 3})


def _beside_an_incident(tok: Token, family_at: list[str | None]) -> bool:
    """Whether a release is told as what was done beside a deed ("captured the outpost, posting photographs of seized
    mortars", "had taken the town after the army fled, posting videos"): a participle hung on a clause that tells
    no release or speech of its own."""
    head = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and family_at[head.i] != "release"
        and head.lemma_.lower() not in SAY_VERBS
    )


def _claiming(claim: Token) -> bool:
    """ "claimed its fighters had killed 20", "claimed the attack"; not "men claiming to be members of ..."."""
    return any(c.dep_ in {"ccomp", "dobj"} for c in claim.children)


def _party_named(tok: Token, inters: set[int], inside: set[int] | None = None) -> bool:
    """Whether the trigger's sentence, outside the trigger's own words (``inside``: "joined forces with"), names an
    actor of one of the ACLED ``inters`` (1 state forces, 2 rebels, 3 and 4 militias, 8 external forces)."""
    inside = inside or set()
    chunks = [chunk for chunk in noun_chunks(tok.sent) if not inside & {t.i for t in chunk}]
    actors = (canonical_actor(chunk.text) for chunk in chunks)
    return any(actor is not None and actor.inter in inters for actor in actors)


def _development_of_no_party(family: str, tok: Token, trigger: Iterable[Token] = ()) -> bool:
    """A group remade, a base set up or ground handed over by no side of a conflict: "two banks merged", "the
    airline opened a new base", "the actor joined forces with a director". "Armed" names a side ("the armed
    faction"). What "fell to" a figure or a level ("crude fell to $67", "the fall of the dollar to a record low") was
    no place taken."""
    if family == "capture" and tok.lemma_.lower() == "fall":
        levels = [g for c in (*trigger, *tok.children) if c.lower_ == "to" for g in c.children]
        return any(g.like_num or g.ent_type_ in _FIGURES or g.lemma_.lower() in _LEVELS for g in levels)
    if family not in {"change", "base", "transfer"}:
        return False
    inside = {t.i for t in trigger}
    armed = any(t.lemma_.lower() in PARTY_WORDS or t.lower_ == "armed" for t in tok.sent if t.i not in inside)
    return not armed and not _party_named(tok, {1, 2, 3, 4, 8}, inside)


def _riotous(tok: Token, lemma: str) -> bool:
    """Whether a crowd's word tells of destruction: stones, burning, looting; fire set ("set fire to the office"),
    things thrown at someone ("threw eggs and paint at the party's office"), windows broken."""
    if lemma == "fire":
        return tok.head.lemma_.lower() == "set"
    if lemma == "throw":
        return any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)
    if lemma == "window":
        return tok.head.lemma_.lower() in {"break", "smash", "shatter"}
    if lemma == "barricade":  # the crowd's, not "a police barricade" it pushed against
        return not any(c.dep_ in {"compound", "amod", "poss"} and c.lower_ in STATE_CUES for c in tok.children)
    return lemma in RIOT_CUES


def _against(tok: Token) -> bool:
    """ "anti-riot police": the word names what a thing is against."""
    prefix = hyphened_to(tok)
    return prefix is not None and prefix.lower_ == "anti"


def _names_a_thing(tok: Token) -> bool:
    """A trigger noun that only modifies a noun that is no event names a kind of thing ("battle tank")."""
    if tok.dep_ != "compound" or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.lower_.endswith("ed") or tok.lower_ in _PAST_FORMS:
        return False  # "retook Wad Madani" parsed as a name "retook Madani": a verb all the same
    head = tok.head
    eventive = head.lemma_.lower() in EVENT_NOUNS | INCIDENT_NOUNS  # "a shooting incident", "a killing spree"
    eventive |= family_of(tok) == "agreement" and head.lemma_.lower() in AGREEMENT_NOUNS  # "a ceasefire deal"
    kind = family_of(head) is None or head.lemma_.lower() in INSTRUMENTS  # "attack helicopters"
    return head.pos_ in {"NOUN", "PROPN"} and kind and not eventive


def _made_if_agreement(head: Token) -> bool:
    """A phrase naming an agreement ("the peace deal") tells one only when it was made (not "since the peace
    deal"); other phrases tell what they say."""
    return head.lemma_.lower() not in AGREEMENT_NOUNS or _agreement_made(head)


def _agreement_made(tok: Token) -> bool:
    """A ceasefire noun is an agreement made when a verb of making governs it, or it is the subject of its clause."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return True
    if any(c.dep_ in {"acl", "relcl", "amod"} and c.lemma_.lower() in AGREEMENT_VERBS for c in tok.children):
        return True  # "a ceasefire brokered by the elders", "a truce that took effect at noon"
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        if node.head.lemma_.lower() in AGREEMENT_UNDONE:
            return False
        node = node.head
    if node is tok:
        return True
    if (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        and node.head.lemma_.lower() not in AGREEMENT_VERBS
    ):
        return False  # "envoys met to revive a ceasefire push": a purpose (not "agreed to sign a truce")
    verb, below = node.lemma_.lower(), {c.lemma_.lower() for c in node.children}
    if verb == "be" and "due" in below:  # "the ceasefire is due to expire"
        verb = next((x.lemma_.lower() for c in node.children if c.lower_ == "due" for x in c.children), verb)
    before = (
        verb in _IN_FORCE_OR_UNDONE or (verb == "take" and "hold" in below) or (verb == "break" and "down" in below)
    )
    if tok.dep_ == "nsubj" and before:
        return False  # "the truce held for a second week", "took hold", "broke down": one made before
    if tok.head.dep_ == "prep" and tok.head.lower_ == "since":
        return False  # "the first delivery since the peace deal": one made before, told as a point in time
    return verb in AGREEMENT_VERBS | _RENEWING or tok.dep_ in {"nsubj", "nsubjpass"}


def _weapon_used(tok: Token) -> bool:
    """A weapon named is not a weapon used: "armed with rockets", "hit a helicopter" state no attack."""
    return tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in INSTRUMENTS or _instrument_used(tok)


def _used_with(prep: Token) -> bool:
    """Whether weapons named after "with" are used: the clause they hang on attacks or fires."""
    verb = clause_verb(prep)
    return family_of(verb) is not None or verb.lemma_.lower() in STRIKE_VERBS | FIRE_VERBS


def _instrument_used(tok: Token) -> bool:
    """Whether a weapon noun is used in the clause: it strikes, is fired, or names the attack.

    A weapon in a list ("fired rifles and mortars") is used as the first of the list is.
    """
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in CROWD_CONTROL for c in tok.children):
        return False  # tear gas shells, rubber bullets, stun grenades: crowd control, not shelling
    modifiers = [c for c in tok.children if c.dep_ == "amod"]
    fired = any(c.lemma_.lower() in FIRE_VERBS for c in modifiers)
    if fired and not any(c.lower_ in _LEFT_OVER for c in modifiers):
        return True  # "a vessel off the coast fired shells into a village", parsed as "fired" modifying the shells
    first = _weapon_phrase(tok)
    head, dep = first.head, first.dep_
    if dep == "conj" and head.lemma_.lower() in FIRE_VERBS:  # the parser's "fired IFVs and grenade ..."
        return True
    went_off = head.lemma_.lower() == "go" and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children)
    if dep in {"nsubj", "nsubjpass"} and (head.lemma_.lower() in STRIKE_VERBS or went_off):
        return True
    if dep.startswith("nsubj") and head.lemma_.lower() in FIRE_VERBS:
        # "a grenade was lobbed at a chapel", "grenades thrown at a bus stop", "mortar bombs fired from the hills
        # landed" (parsed as subjects), "artillery fired on the village"
        return True
    if dep == "dobj" and head.lemma_.lower() in FIRE_VERBS:
        return True
    launched = (c for w in {first, tok} for c in w.children if c.dep_ == "acl")  # "a barrage of rockets launched"
    if dep in {"nsubj", "ROOT"} and any(c.lemma_.lower() in FIRE_VERBS for c in launched):
        return True  # "grenades thrown into a bus park killed one", "rockets fired from across the border hit"
    struck = head.head if head.head.dep_ != "dobj" else head.head.head  # "struck a building with a drone"
    if dep == "pobj" and head.lower_ in {"with", "by"} and struck.lemma_.lower() in STRIKE_VERBS | FIRE_VERBS:
        return True
    head = tok.head
    compound_of = head if tok.dep_ in {"compound", "nmod"} else None  # "artillery and small-arms fire"
    return compound_of is not None and compound_of.lemma_.lower() in EVENT_NOUNS


def _weapon_phrase(tok: Token) -> Token:
    """The head of the phrase a weapon noun names: the first of a list ("rifles and mortars"), the round or the
    quantity fired ("mortar rounds", "dozens of rockets", "a barrage of shells")."""
    node = tok
    while True:
        head = node.head
        listed = node.dep_ in {"conj", "appos"} and head.pos_ in {"NOUN", "PROPN"}  # (the parser's "a pressure, IED")
        if listed or (node.dep_ == "compound" and head.lemma_.lower() in AMMUNITION):
            node = head
        elif node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
            node = head.head
        elif node.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in _LADEN:
            node = head.head.head  # "a motorcycle packed with explosives blew up": the vehicle is the bomb
        else:
            return node


def _armed_subject(tok: Token) -> bool:
    """Whether armed people do it; a verb without a subject of its own takes that of the clause it hangs on
    ("bandits abducted 18 travellers after blocking the highway": no protesters blocked it)."""
    if tok.pos_ != "VERB":
        return False
    verb = tok
    while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in {"conj", "advcl", "pcomp"}:
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return _armed([c for c in verb.children if c.dep_ == "nsubj"])


def _armed_doer(tok: Token) -> bool:
    """Whether armed people ("gunmen", "armed men", "militiamen") do it: theft or carrying people off by them is
    looting or abduction, by anyone else ordinary crime or care. A verb without a subject of its own takes its head's
    ("broke into a bank and stole cash", "stormed the village and marched 23 farmers into the forest")."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ == "conj":
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    return _armed(subjects)


def _armed(subjects: list[Token]) -> bool:
    return any(w.lemma_.lower() in ORGANIZED_ARMED or w.lower_ == "armed" for s in subjects for w in s.subtree)


def _grievance(tok: Token) -> bool:
    """Whether a word is part of what a protest is against or follows from.

    "protested against the arrest of ...", "demanding the return of the looted funds",
    "protests following a riot last month": the arrest, the looting, the riot are its cause.
    """
    for ancestor in tok.ancestors:
        if ancestor.lemma_.lower() in GRIEVANCE_HEADS and ancestor.pos_ == "VERB":
            return True
        if ancestor.pos_ in {"VERB", "AUX"}:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in GRIEVANCE_PREPS:
            return True
    return False
