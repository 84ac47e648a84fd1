"""Event detection and typing: spaCy Doc -> typed event mentions (ACLED sub-event types).

A mention is a trigger word (a verb or noun of violence, protest, arrest, ...) in a sentence
that states something that happened. Each trigger belongs to a *family* (a fight, a kill, a
capture, an air strike, ...); the family and cues in the sentence choose the ACLED sub-event
type, following the taxonomy's tie-breaks (remote means beat an attack on civilians; a state
actor regains, a non-state actor overtakes; protest + tear gas is a protest with intervention).
Triggers that do not state a past fact (negated, planned, hypothetical, figurative, part of a
general summary or of what a speech talks about) are dropped here. Every mention records the
name of the rule that typed it, so a user can see why.

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

Actors, places, dates and figures are left to their own stages.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Article, Mention, Span
from ..taxonomy import SUB_EVENT_TYPES
from .actor_names import canonical_actor
from .event_words import (
    AGGREGATE,
    AGREEMENT_UNDONE,
    AGREEMENT_VERBS,
    AIR_CUES,
    AIRCRAFT,
    ARMED_TARGETS,
    BACKGROUND_MODIFIERS,
    CAUSE_HEADS,
    CIVILIAN_GROUPS,
    CIVILIAN_PLACES,
    CIVILIAN_TARGETS,
    COMPARISON_HEADS,
    CROWD,
    CROWD_CONTROL,
    CRUDE_WEAPONS,
    DISASTER_CUES,
    EVENT_NOUNS,
    FIGURATIVE_OBJECTS,
    FIGURATIVE_VERBS,
    FIRE_VERBS,
    FIREARMS,
    GRIEVANCE_HEADS,
    GRIEVANCE_PREPS,
    HEAVY_WEAPONS,
    IED_CUES,
    INCIDENT_NOUNS,
    INSTRUMENTS,
    INTENT_HEADS,
    INTERVENTION_CUES,
    IRREALIS_AUX,
    MEANS,
    MEDIA_WORKS,
    MEMBER_NOUNS,
    ONE_SIDED_FIGHTS,
    ONGOING,
    ORGANIZED_ARMED,
    OWN_DEVICE,
    PHRASES,
    PROPERTY_COMPOUNDS,
    PROPERTY_TARGETS,
    PURPOSE_EVENTS,
    RIOT_CUES,
    SEARCHES,
    SHELL_CUES,
    SMALL_ARMS,
    SPEECH_TOPIC_HEADS,
    SPORT_CUES,
    STATE_CUES,
    STRIKE_VERBS,
    TERRITORY,
    TRIGGERS,
    UNMANNED,
    VERB_ONLY,
    VIOLENCE,
    WEAPONS,
)
from .nlp import noun_chunks, sentences


def rule_detector() -> Callable[[Article, Doc], tuple[Mention, ...]]:
    """Factory of the ``rules.v1`` detector (registered as an entry point)."""
    return detect_events


def detect_events(article: Article, doc: Doc) -> tuple[Mention, ...]:
    """Typed event mentions of one article, in text order."""
    mentions: list[Mention] = []
    previous_type: str | None = None
    for sent in sentences(doc):
        found = list(_sentence_mentions(article, sent, previous_type))
        mentions.extend(found)
        if found:
            previous_type = found[-1].sub_event_type
        elif not sent.text.strip():
            previous_type = None
    return tuple(mentions)


def _sentence_mentions(article: Article, sent: SpacySpan, previous_type: str | None) -> Iterable[Mention]:
    lowered = sent.text.lower()
    lemmas = frozenset(tok.lemma_.lower() for tok in sent)
    if _is_background(lemmas) or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return  # sport, a disaster, or a headline without a verb
    triggers: list[tuple[Token, str]] = []
    covered: set[int] = set()
    starts = [t.idx - sent.start_char for t in sent]
    for pattern, family in PHRASES:
        for match in pattern.finditer(lowered):
            first, last = bisect_left(starts, match.start()), bisect_left(starts, match.end())
            tokens = [sent[k] for k in range(first, last)]
            head = _head_of(tokens) if tokens else None
            if head is not None and _states_fact(tokens[0]) and _weapon_used(head):
                triggers.append((head, family))
            covered.update(t.i for t in tokens)
    triggers += [(tok, f) for tok in sent if tok.i not in covered and (f := _family(tok)) and _states_fact(tok)]
    summarised = _summarised(sent, lowered)
    triggers = [(tok, family) for tok, family in triggers if _clause_verb(tok).i not in summarised]
    if any(family == "protest" for _, family in triggers):  # "protested against the killing of ...": a grievance
        triggers = [(tok, family) for tok, family in triggers if family == "protest" or not _grievance(tok)]
    if not triggers:
        return
    context = _Context(
        families=frozenset(family for _, family in triggers),
        lemmas=lemmas,
        previous_type=previous_type,
        means_tokens=tuple(tok for tok, family in triggers if family in MEANS),
        territory_tokens=tuple(t for t, f in triggers if f in {"capture", "regain"} and _seized_thing(t) is None),
        small_arms=bool(SMALL_ARMS.search(lowered)),
        intervention=any(t.lemma_.lower() in INTERVENTION_CUES and not _grievance(t) for t in sent),
        rioting=any(t.lemma_.lower() in RIOT_CUES and not _grievance(t) and not _names_a_thing(t) for t in sent),
        own_device=bool(OWN_DEVICE.search(lowered)),
        heavy_weapons=bool(HEAVY_WEAPONS.search(lowered)),
    )
    typed = [(tok, *_type_of(family, tok, context)) for tok, family in triggers]
    violent = {sub for _, sub, _ in typed if sub and SUB_EVENT_TYPES[sub] != "Strategic developments"}
    for tok, sub_type, rule in sorted(typed, key=lambda item: item[0].i):
        if sub_type is None or (sub_type == "Arrests" and violent):
            continue  # arrests made in a clash or at a protest belong to that event
        yield Mention(
            sub_event_type=sub_type,
            trigger=Span.of(article, tok.idx, tok.idx + len(tok.text)),
            sentence=Span.of(article, sent.start_char, sent.end_char),
            rule=rule,
        )


def _head_of(tokens: list[Token]) -> Token:
    """The syntactic head of a multi-word trigger (the token whose head lies outside it)."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])


def _clause_verb(tok: Token) -> Token:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        node = node.head
    return node


def _family(tok: Token) -> str | None:
    family = TRIGGERS.get(tok.lemma_.lower()) or TRIGGERS.get(tok.lower_)
    if family is None:
        return None
    if family in MEANS and tok.pos_ not in {"NOUN", "VERB", "PROPN"}:
        return None
    if tok.ent_type_ in {"DATE", "TIME"}:
        return None  # "in March": a month, not a march
    if tok.lemma_.lower() in VERB_ONLY and tok.pos_ != "VERB":
        return None  # "gunned down" is a killing, "heavy machine guns" a weapon
    if family not in MEANS and _names_a_thing(tok):
        return None  # "battle tank", "riot police", "assault rifle": the word names a thing, not an event
    if tok.lemma_.lower() == "raid" and any(c.dep_ == "compound" and c.lemma_ == "arrest" for c in tok.children):
        return "arrest"  # "arrest raids": what the raid did was arrest people
    if family == "release" and not _media_release(tok):
        return None  # "released the hostages", "the ministry published figures": no media release of a party
    if family == "agreement" and not _agreement_made(tok):
        return None  # "violated the ceasefire", "the end of the truce": an agreement named, not one made
    if tok.lemma_.lower() in FIGURATIVE_VERBS and any(c.dep_ in {"dobj", "ccomp"} for c in tok.children):
        return None  # "the attack demonstrates that ...", "rallied support": no one took to the streets
    if family == "bomb" and any(c.lower_ in {"petrol", "fire", "gasoline", "molotov"} for c in tok.children):
        return None  # petrol bombs are arson or rioting, not explosives
    if family == "protest" and _armed_subject(tok):
        return None  # "militias marched to the village", "troops marched in": a movement, not a protest
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in BACKGROUND_MODIFIERS for c in tok.children):
        return None  # "from previous fighting": told as background
    return family if _weapon_used(tok) else None


def _media_release(tok: Token) -> bool:
    """A video, recording or statement released by or for an armed group ("the Taliban released a video", "in a
    recorded statement released on Thursday via the group's outlet"): the one development ACLED types Other that
    news reports well. A release by anyone else (a ministry's statement) is no event."""
    works = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.dep_ in {"acl", "relcl"}:
        works.append(tok.head)  # "a recording released on Thursday"
    if not any(w.lemma_.lower() in MEDIA_WORKS for w in works):
        return False
    actors = (canonical_actor(chunk.text) for chunk in noun_chunks(tok.sent))
    return any(actor is not None and actor.inter in {2, 3} for actor in actors)


def _names_a_thing(tok: Token) -> bool:
    """A trigger noun that only modifies a noun that is no event names a kind of thing ("battle tank")."""
    if tok.dep_ != "compound" or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = tok.head
    eventive = head.lemma_.lower() in EVENT_NOUNS | INCIDENT_NOUNS  # "a shooting incident", "a killing spree"
    return head.pos_ in {"NOUN", "PROPN"} and _family_of(head) is None and not eventive


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
    return node.lemma_.lower() in AGREEMENT_VERBS or tok.dep_ in {"nsubj", "nsubjpass"}


def _weapon_used(tok: Token) -> bool:
    """A weapon named is not a weapon used: "armed with rockets", "hit a helicopter" state no attack."""
    return tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in INSTRUMENTS or _instrument_used(tok)


def _instrument_used(tok: Token) -> bool:
    """Whether a weapon noun is used in the clause: it strikes, is fired, or names the attack.

    A weapon in a list ("fired rifles and mortars") is used as the first of the list is.
    """
    first = tok
    while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN"}:
        first = first.head
    head, dep = first.head, first.dep_
    if dep == "conj" and head.lemma_.lower() in FIRE_VERBS:  # the parser's "fired IFVs and grenade ..."
        return True
    if dep in {"nsubj", "nsubjpass"} and head.lemma_.lower() in STRIKE_VERBS:
        return True
    if dep == "dobj" and head.lemma_.lower() in FIRE_VERBS:
        return True
    if dep == "pobj" and head.lower_ in {"with", "by"} and head.head.lemma_.lower() in STRIKE_VERBS | FIRE_VERBS:
        return True
    head = tok.head
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in CROWD_CONTROL for c in tok.children):
        return False  # tear gas shells, rubber bullets: crowd control, not shelling
    compound_of = head if tok.dep_ == "compound" else None
    return compound_of is not None and compound_of.lemma_.lower() in EVENT_NOUNS


def _states_fact(tok: Token) -> bool:
    """False for negated, planned, conditional, purpose, figurative or reported-topic triggers."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else _governing_verb(tok)
    if verb is None:
        return True
    for node in (tok, verb):
        if any(child.dep_ == "neg" for child in node.children):
            return False
    if any(child.dep_ == "aux" and child.lower_ in IRREALIS_AUX for child in verb.children):
        return False
    if any(a.lemma_.lower() in COMPARISON_HEADS | CAUSE_HEADS for a in tok.ancestors) or _answered(tok):
        return False  # "comparisons with the assault on ...", "in retaliation for the attack on ...": told before
    auxes = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if verb.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have", "had"}:
        return False  # "which they have been protesting": an ongoing state, not a dated event
    to_inf = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    kept = verb.head.lemma_.lower() in {"begin", "start", "continue", "manage"} or _family_of(tok) in PURPOSE_EVENTS
    if to_inf and verb is tok and not kept:
        return False  # a purpose or an intention: "an attack to capture the road"
    if any(child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"} for child in verb.children):
        return False
    heads = [verb, *verb.ancestors] if verb is not tok else list(verb.ancestors)
    for ancestor in heads:
        lemma = ancestor.lemma_.lower()
        if lemma in INTENT_HEADS | SPEECH_TOPIC_HEADS:
            return False
        if ancestor.dep_ == "ROOT":
            break
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj", "prep"}]
    objects += [g for c in objects if c.dep_ == "prep" and c.lower_ in {"on", "against"} for g in c.children]
    return not any(obj.lemma_.lower() in FIGURATIVE_OBJECTS for obj in objects)


def _answered(tok: Token) -> bool:
    """Whether the trigger is what an event answered, with "for"/"to" parsed beside "in retaliation"."""
    for ancestor in tok.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in {"for", "to"}:
            siblings = [c for c in ancestor.head.children if c.dep_ == "prep" and c != ancestor]
            if any(g.lemma_.lower() in CAUSE_HEADS for c in siblings for g in c.children):
                return True
    return False


def _family_of(tok: Token) -> str | None:
    return TRIGGERS.get(tok.lemma_.lower()) or TRIGGERS.get(tok.lower_)


def _armed_subject(tok: Token) -> bool:
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] if tok.pos_ == "VERB" else []
    return any(w.lemma_.lower() in ORGANIZED_ARMED for s in subjects for w in s.subtree)


def _governing_verb(tok: Token) -> Token | None:
    for ancestor in tok.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _is_background(lemmas: frozenset[str]) -> bool:
    """Sentences about something other than a conflict event: sport, natural disasters."""
    if lemmas & SPORT_CUES and not lemmas & STATE_CUES:
        return True
    return bool(lemmas & DISASTER_CUES and not lemmas & (STATE_CUES | {"gunman", "militant", "attack", "bomb"}))


def _summarised(sent: SpacySpan, lowered: str) -> set[int]:
    """Indices of the clause verbs that a running total or a habit governs ("killed since the war began",
    "fighting in recent weeks", "routinely shell").

    Only the clause of the summing phrase and the clauses below it are summaries; a relative
    clause that mentions a period ("Baba Amr, around which rebels have fought in recent weeks") leaves
    the rest of the sentence alone.
    """
    verbs: set[int] = set()
    for match in [*AGGREGATE.finditer(lowered), *ONGOING.finditer(lowered)]:
        tok = _token_at(sent, sent.start_char + match.start())
        if tok is not None:
            verb = _clause_verb(tok)
            verbs.update(w.i for w in verb.subtree)
    return verbs


def _token_at(sent: SpacySpan, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


@dataclass(frozen=True, slots=True)
class _Context:
    """What the typing of one trigger may look at besides the trigger: its sentence and the one before."""

    families: frozenset[str]  # the families of all triggers in the sentence
    lemmas: frozenset[str]
    previous_type: str | None  # the type of the previous sentence's last mention
    means_tokens: tuple[Token, ...]  # triggers naming remote means (shells, bombs, aircraft, ...)
    territory_tokens: tuple[Token, ...]  # triggers of a place taken or retaken
    small_arms: bool  # the sentence names direct-fire weapons (rifles, machine guns, small arms)
    intervention: bool  # the authorities acted: tear gas, batons, arrests (not arrests protested against)
    rioting: bool  # stones, fire, looting by the crowd (not riots protested against)
    own_device: bool  # explosives went off in their handlers' hands ("exploded prematurely")
    heavy_weapons: bool  # the sentence names heavy machine guns or heavy weapons


def _type_of(family: str, tok: Token, context: _Context) -> tuple[str | None, str]:
    """ACLED sub-event type of one trigger, with the name of the rule that chose it."""
    families = context.families
    if family in MEANS:
        return _means_type(family, tok, context)
    if family in VIOLENCE:
        return _violence_type(family, tok, context)
    if family == "lynch":
        return "Mob violence", "lynch"  # a lynching is a crowd's violence by definition
    if family == "shootdown":
        return _shootdown_type(tok)
    if family == "fight" and any(_linked(tok, other) for other in context.territory_tokens):
        return None, "absorbed-by-territory"  # "took the town after clashes": the capture carries it
    if family == "fight" and tok.lemma_.lower() in ONE_SIDED_FIGHTS and _linked_to_any(tok, context.means_tokens):
        return None, "absorbed-by-means"  # "ambushed them with heavy weapons": the remote violence carries it
    if family == "fight":
        participants = _participants(tok)
        nouns = {t.lemma_.lower() for t in participants}
        state = STATE_CUES | {"personnel", "policeman", "officer", "gendarme", "guard", "soldier", "troop"}
        armed = any(c.lower_ == "armed" and t.lemma_.lower() not in state for t in participants for c in t.children)
        if nouns & CIVILIAN_TARGETS and not nouns & ORGANIZED_ARMED and not armed:
            return "Mob violence", "fight:unorganised-sides"  # villagers, supporters or a crowd, not armed groups
        if context.lemmas & CRUDE_WEAPONS and not context.lemmas & FIREARMS and not nouns & ORGANIZED_ARMED:
            return "Mob violence", "fight:crude-weapons"  # machetes and stones, no guns: a brawl of crowds
        return "Armed clash", "fight"
    if family in {"capture", "regain"}:
        seized = _seized_thing(tok)
        if seized is not None:
            return seized
        if "transfer" in families:
            return "Non-violent transfer of territory", f"{family}:without-fight"
        if family == "regain" or _state_subject(tok):
            return "Government regains territory", f"{family}:state-actor"
        return "Non-state actor overtakes territory", f"{family}:non-state-actor"
    if family == "protest":
        return _protest_type(context), "protest"
    if family == "intervene":
        return _intervention_type(tok, context)
    if family == "arrest" and _non_state_agent(tok):
        return "Abduction/forced disappearance", "arrest:by-non-state-group"  # an armed group has no power of arrest
    if family == "arrest" and _state_agent(tok):
        return "Arrests", "arrest:by-authorities"
    if family == "disrupt" and _target_kind(tok) == "attack":
        return "Armed clash", "disrupt:repelled-attack"  # "foiled the attack" while it was fought off
    if family == "riot":
        return _riot_type(tok, context)
    return _SIMPLE.get(family), family


def _riot_type(tok: Token, context: _Context) -> tuple[str | None, str]:
    """A mob or a violent demonstration; setting fire with no crowd in sight is arson, typed as looting."""
    if "mob" in context.lemmas:
        return "Mob violence", "riot"
    crowd = context.lemmas & CROWD or "protest" in context.families or context.previous_type in _PROTESTS
    if tok.lemma_.lower() == "set" and not crowd:
        return None, "riot:no-crowd"  # the looting/property-destruction reading of the sentence carries it
    return "Violent demonstration", "riot"


def _means_type(family: str, tok: Token, context: _Context) -> tuple[str | None, str]:
    """Remote violence, by the taxonomy's precedence of means; with direct fire at armed people, a battle."""
    means = _means(context.families, context.lemmas)
    lemmas, previous_type = context.lemmas, context.previous_type
    if family in {"ied", "blast", "bomb"} and context.own_device:
        return "Disrupted weapons use", f"means:{family}:own-device"  # it went off while being planted or made
    if family == "bomb" and not lemmas & (AIR_CUES | SHELL_CUES) and previous_type in _REMOTE:
        return previous_type, "means:bomb:continues-previous"
    means = means or "Shelling/artillery/missile attack"
    if means in _DIRECT_FIRE_MEANS and context.small_arms and _sentence_targets(tok) in {"armed", None}:
        return "Armed clash", f"means:{family}:with-small-arms"  # mortars and rifles at positions: a battle
    return means, f"means:{family}"


def _violence_type(family: str, tok: Token, context: _Context) -> tuple[str | None, str]:
    """Killing, attacking or harming: typed by the means used, by who does it, and by the target."""
    if any(_linked(tok, other) for other in context.means_tokens) and not context.own_device:
        return None, "absorbed-by-means"  # the remote-violence mention of this incident carries it
    if context.own_device and context.means_tokens:
        return "Disrupted weapons use", f"{family}:own-device"  # those killed when their own bomb went off
    if "protest" in context.families or "riot" in context.families:
        return None, "absorbed-by-protest"
    if tok.lemma_.lower() in SEARCHES and context.families & {"arrest", "abduct"}:
        return None, "absorbed-by-arrest"  # "raided houses and arrested five men": the arrests say what it did
    if any(_linked(tok, other) for other in context.territory_tokens):
        return None, "absorbed-by-territory"
    if family == "attack" and _by_aircraft(tok):
        return "Air/drone strike", "attack:by-aircraft"
    kind = _target_kind(tok)
    target = (kind if kind != "attack" else None) or _sentence_targets(tok)  # "injured in the attack": no target
    if _crowd_agent(tok):
        previous = context.previous_type
        crowd_type = "Violent demonstration" if previous in _PROTESTS else "Mob violence"
        crowd_type = previous if previous in _RIOTS else crowd_type
        return crowd_type, f"{family}:by-crowd"  # "the drivers attacked police officers": rioting, not a battle
    if family == "attack" and _property_target(tok):
        return "Looting/property destruction", "attack:property-target"  # sabotage: "the pipeline was attacked"
    if family == "attack" and context.previous_type in _REMOTE and target != "armed":
        return context.previous_type, f"{family}:continues-previous"  # remote violence beats an attack on civilians
    if family == "attack" and target is None and context.previous_type in _VIOLENT_TYPES:
        return context.previous_type, f"{family}:continues-previous"  # "the attack" told just before
    if family == "attack" and kind == "civilian" and _person_target(tok):
        return "Attack", "attack:person-target"  # people were attacked, whatever else was destroyed
    if target == "civilian" or (family in {"kill", "harm"} and target is None):
        return "Attack", f"{family}:civilian-target"
    if context.small_arms and family == "attack":
        return "Armed clash", "attack:small-arms-fire"
    if context.heavy_weapons and family == "attack" and target is None:
        return "Shelling/artillery/missile attack", "attack:heavy-weapons"  # heavy machine-gun fire at no one named
    return "Armed clash", f"{family}:{'armed' if target else 'unknown'}-target"


def _linked_to_any(tok: Token, others: Iterable[Token]) -> bool:
    return any(_linked(tok, other) for other in others)


def _shootdown_type(tok: Token) -> tuple[str | None, str]:
    """Bringing down a drone or missile is an interception; bringing down an aircraft is anti-aircraft fire."""
    objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    words = {w.lemma_.lower() for obj in objects for w in obj.subtree}
    if words & UNMANNED:
        return "Disrupted weapons use", "shootdown:unmanned"
    if words & AIRCRAFT:
        return "Shelling/artillery/missile attack", "shootdown:aircraft"
    return None, "shootdown:no-aircraft"


def _crowd_agent(tok: Token) -> bool:
    """Whether the trigger is done by a group of unarmed people (villagers, drivers, a crowd)."""
    agents = _agents(tok)
    heads = [a for a in agents if a.pos_ in {"NOUN", "PROPN"} and a.dep_ in {"nsubj", "pobj", "agent"}]
    heads += [g for a in agents if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    if not heads:
        return False
    words = {w.lemma_.lower() for a in agents for w in a.subtree}
    plural = all(h.tag_ in {"NNS", "NNPS"} or h.lemma_.lower() in {"crowd", "mob"} for h in heads)
    return plural and bool(words & CIVILIAN_GROUPS) and not words & (ORGANIZED_ARMED | {"armed", "gunman"})


def _property_target(tok: Token) -> bool:
    """Whether what was attacked is infrastructure or property, with no people named among it."""
    nouns = _object_nouns(tok)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        compounds = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}}
        utility = lemma in {"field", "line", "plant", "station"} and compounds & PROPERTY_COMPOUNDS
        if lemma in PROPERTY_TARGETS or utility:
            return _kind_of(nouns) is None
    return False


def _person_target(tok: Token) -> bool:
    """Whether the trigger's civilian object is one person, not a place or a community ("a trader was attacked")."""
    nouns = _object_nouns(tok)
    return any(n.tag_ == "NN" and n.lemma_.lower() in CIVILIAN_TARGETS - CIVILIAN_PLACES for n in nouns)


def _linked(a: Token, b: Token) -> bool:
    """Whether two triggers tell of one incident: one clause, or clauses subordinate to each other.

    Coordinated clauses ("X shelled A and Y attacked B") may tell of two incidents; relative,
    participial and adverbial clauses ("airstrikes targeting militants", "killing six") do not.
    """
    va, vb = _clause_verb(a), _clause_verb(b)
    if va == vb:
        return True
    for low, high in ((va, vb), (vb, va)):
        if high in low.ancestors:
            node = low
            while node != high:
                if node.dep_ == "conj":
                    return False
                node = node.head
            return True
    return False


def _by_aircraft(tok: Token) -> bool:
    """An attack carried out by an air force, warplanes, helicopters or drones is an air strike."""
    words = {w.lemma_.lower() for agent in _agents(tok) for w in agent.subtree}
    return bool(words & AIRCRAFT)


_REMOTE = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e == "Explosions/Remote violence")
_VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_VIOLENT_TYPES = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e in _VIOLENT_EVENT_TYPES)
_PROTESTS = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e in {"Protests", "Riots"})
_RIOTS = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e == "Riots")
_DIRECT_FIRE_MEANS = frozenset({"Shelling/artillery/missile attack", "Grenade"})
_SIMPLE = {
    "sexual": "Sexual violence",
    "abduct": "Abduction/forced disappearance",
    "agreement": "Agreement",
    "arrest": "Arrests",
    "disrupt": "Disrupted weapons use",
    "loot": "Looting/property destruction",
    "transfer": "Non-violent transfer of territory",
    "base": "Headquarters or base established",
    "change": "Change to group/activity",
    "release": "Other",
}


def _means(families: set[str], lemmas: set[str]) -> str | None:
    """The remote-violence sub-type a sentence's means point to, by the taxonomy's precedence."""
    if "chemical" in families:
        return "Chemical weapon"
    if "suicide" in families:
        return "Suicide bomb"
    if "air" in families or ("bomb" in families and lemmas & AIR_CUES):
        return "Air/drone strike"
    if "grenade" in families:
        return "Grenade"
    if "ied" in families or ("blast" in families and lemmas & IED_CUES):
        return "Remote explosive/landmine/IED"
    if families & {"shell", "bomb", "blast"}:
        return "Shelling/artillery/missile attack"
    return None


def _protest_type(context: _Context) -> str:
    lemmas, families = context.lemmas, context.families
    if context.rioting or "riot" in families or "loot" in families:
        return "Violent demonstration"
    if lemmas & {"kill", "shoot", "die", "dead", "live", "ammunition", "bullet"} and lemmas & {"police", "force"}:
        return "Excessive force against protesters"
    if context.intervention:
        return "Protest with intervention"
    return "Peaceful protest"


def _intervention_type(tok: Token, context: _Context) -> tuple[str | None, str]:
    """Authorities dispersing a crowd: the protest (in this sentence or the one before) met intervention."""
    if "protest" in context.families or "riot" in context.families:
        return None, "absorbed-by-protest"  # the protest mention of this sentence is typed with it
    crowd = context.previous_type in _PROTESTS or bool(context.lemmas & {"crowd", "protester", "demonstrator"})
    if crowd and (_state_agent(tok) or context.lemmas & CROWD_CONTROL):
        return "Protest with intervention", "intervene:dispersed"
    return None, "intervene:no-crowd"


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


def _non_state_agent(tok: Token) -> bool:
    """Whether a rebel group, militia or gunmen do it: the actor lexicon says what the agent is."""
    for agent in _agents(tok):
        if agent.lemma_.lower() == "by":
            agent = next((c for c in agent.children if c.dep_ == "pobj"), agent)
        agent = _antecedent(agent)
        words = {w.lemma_.lower() for w in agent.subtree}
        if words & ORGANIZED_ARMED - {"soldier", "troop", "army", "military"}:
            return True
        if _actor_inter(agent) in {2, 3, 4}:
            return True
    return False


def _actor_inter(agent: Token) -> int | None:
    """The ACLED inter code of the actor a phrase names, from the actor lexicon ("the FARDC": 1, state forces)."""
    actor = canonical_actor(agent.doc[agent.left_edge.i : agent.right_edge.i + 1].text)
    return actor.inter if actor is not None else None


def _state_agent(tok: Token) -> bool:
    """Whether the police, army or security forces do it (its subject, or "by" them)."""
    words = {w.lemma_.lower() for agent in _agents(tok) for w in agent.subtree}
    return bool(words & STATE_CUES) or bool(words & {"gendarme", "gendarmerie", "guard", "authority"})


def _target_kind(tok: Token) -> str | None:
    """Whether the trigger's object (or the killed) are civilians, armed people, or an attack itself."""
    nouns = [w.lemma_.lower() for w in _object_nouns(tok)]
    if nouns and nouns[0] in {
        "attack", "assault", "offensive", "advance", "counterattack", "attempt", "incursion", "infiltration", "raid",
    }:  # fmt: skip
        return "attack"
    return _kind_of(_patients(tok)) or _kind_of(_object_nouns(tok))


def _patients(tok: Token) -> list[Token]:
    """The people or things the trigger is done to (object or passive subject), without where it happened:
    "a member of the militia was found dead in his house" is about the member, not the house."""
    heads = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    found: list[Token] = []
    while heads:
        node = heads.pop()
        if node.pos_ in {"NOUN", "PROPN"}:
            found.append(node)
        heads.extend(c for c in node.children if c.dep_ in {"conj", "compound", "appos"})
        heads.extend(g for c in node.children if c.lower_ == "of" for g in c.children)
    return found


def _sentence_targets(tok: Token) -> str | None:
    """The kind of people a sentence is about, apart from the attackers, when the trigger's object says nothing."""
    agents = {w.i for a in _agents(tok) for w in a.subtree}
    return _kind_of([t for t in tok.sent if t.pos_ in {"NOUN", "PROPN"} and t.i not in agents])


def _kind_of(nouns: list[Token]) -> str | None:
    """Civilians, or armed people ("armed men" are armed; "People's Militia" is a name, not people)."""
    armed = [t for t in nouns if any(c.lower_ == "armed" for c in t.children) or _member_of_armed(t)]
    named = [t for t in nouns if t.pos_ == "PROPN" and t.head.pos_ == "PROPN" and t.head != t]
    if any(t.lemma_.lower() in CIVILIAN_TARGETS and t not in armed and t not in named for t in nouns):
        return "civilian"
    return "armed" if armed or any(t.lemma_.lower() in ARMED_TARGETS for t in nouns) else None


def _member_of_armed(tok: Token) -> bool:
    """ "A member of the militia", "a leader of the rebels": one of an armed group."""
    if tok.lemma_.lower() not in MEMBER_NOUNS:
        return False
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    words = {form for p in preps for w in p.subtree for form in (w.lemma_.lower(), w.lower_)}
    return bool(words & (ARMED_TARGETS | ORGANIZED_ARMED | STATE_CUES))


def _agents(tok: Token) -> list[Token]:
    """Who does it: the subject of the trigger's verb, or "by X" after a nominal trigger."""
    verb = _clause_verb(tok)
    found = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    found += [c for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"]
    if tok.pos_ in {"NOUN", "PROPN"}:  # "a police raid", "the army's attack": the modifier does it
        found += [c for c in tok.children if c.dep_ in {"compound", "poss", "nmod"}]
    return found


def _participants(tok: Token) -> list[Token]:
    """The nouns naming who fought: the fight's subject, and "between/with/among X" after it.

    A fight named in a phrase of another clause ("a man was killed during the clash") says
    nothing of its sides through that clause's subject.
    """
    verb = _clause_verb(tok)
    own_clause = tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"nsubj", "dobj", "ROOT"}
    nodes = (tok, verb) if own_clause else (tok,)
    nodes += tuple(c for c in tok.children if c.dep_ in {"acl", "relcl"})  # "a clash (that) ensued between ..."
    heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c != tok] if own_clause else []
    sides = {"between", "with", "among"}
    heads += [c for node in nodes for c in node.children if c.dep_ == "prep" and c.lower_ in sides]
    return [w for head in heads for w in head.subtree if w.pos_ in {"NOUN", "PROPN"} or w.dep_ in {"pobj", "conj"}]


def _object_nouns(tok: Token) -> list[Token]:
    """The nouns a trigger is done to; "by X" and the modifier of a noun ("a police raid") are who does it."""
    nominal = tok.pos_ in {"NOUN", "PROPN"}
    found: list[Token] = []
    for child in tok.children:
        if (child.dep_ == "prep" and child.lower_ == "by") or (child.dep_ == "compound" and nominal):
            continue
        if child.dep_ in {"dobj", "nsubjpass", "pobj", "prep", "compound", "attr"}:
            agents = {w.i for b in child.subtree if b.dep_ in {"prep", "agent"} and b.lower_ == "by" for w in b.subtree}
            found.extend(w for w in child.subtree if w.pos_ in {"NOUN", "PROPN"} and w.i not in agents)
    if tok.dep_ in {"nsubjpass"}:
        found.append(tok)
    if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        found.append(tok.head)
    return found


def _seized_thing(tok: Token) -> tuple[str | None, str] | None:
    """A capture of things or people, not of a place: weapons seized are disrupted, other goods looted,
    and fighters captured are part of the fight that took them."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in {"seize", "capture"}:
        return None
    objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objects and any(c.dep_ in {"nsubj", "nsubjpass"} and c.like_num for c in tok.children):
        return None, "capture:people-taken"  # "23 dead, 12 captured": a count of people, not a place
    first = tok
    while not objects and first.dep_ in {"conj", "advcl"}:  # "were killed, injured or captured"
        first = first.head
        objects = [c for c in first.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objects:
        return None
    head = objects[0]
    if head.tag_ in {"WDT", "WP"} and tok.dep_ == "relcl":
        head = tok.head  # "the town, which they captured": the town
    measured = head.like_num or head.lemma_.lower() in {"ton", "kilogram", "kg", "quantity", "amount", "number", "lot"}
    if measured:  # "3 tons of cannabis": an amount of goods, never a place
        head = next((g for c in head.children if c.lower_ == "of" for g in c.children), head)
    lemma = head.lemma_.lower()
    compounds = {c.lemma_.lower() for c in head.children if c.dep_ == "compound"}
    place = head.pos_ == "PROPN" or head.ent_type_ in {"GPE", "LOC", "FAC"}
    if (place and not measured) or (compounds | {lemma}) & TERRITORY:
        return None
    if lemma in WEAPONS:
        return "Disrupted weapons use", "capture:weapons-seized"
    if lemma in CIVILIAN_TARGETS | ARMED_TARGETS | ORGANIZED_ARMED:
        return None, "capture:people-taken"  # fighters taken prisoner in a fight, or an abduction
    return "Looting/property destruction", "capture:goods-seized"


def _state_subject(tok: Token) -> bool:
    """True when the agent of a capture is the state (army, government forces, police)."""
    verb = tok if tok.pos_ == "VERB" else _governing_verb(tok) or tok
    agents = [_antecedent(c) for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    for agent in agents:
        words = {w.lemma_.lower() for w in agent.subtree}
        if words & STATE_CUES and not words & {"rebel", "militant", "insurgent", "jihadist"}:
            return True
        if agent.pos_ == "PROPN" and _actor_inter(agent) == 1:
            return True  # a state force by its name: "the FARDC took control of ..."
    return False


def _antecedent(subject: Token) -> Token:
    """A pronoun subject stands for the named subject of a clause above it: "the army said it had retaken
    the town", "fighters raided houses and, when they found no one, they arrested five men"."""
    if subject.pos_ != "PRON":
        return subject
    for verb in subject.head.ancestors:
        named = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}]
        if named:
            return named[0]
    before = [t for t in subject.sent if t.i < subject.i and t.dep_ == "nsubj" and t.pos_ in {"NOUN", "PROPN"}]
    return before[-1] if before else subject
