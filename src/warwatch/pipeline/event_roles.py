"""Who does what to whom in a trigger's sentence, read from spaCy's dependency parse.

The events stage types a trigger by its agents (the subject, "by X", "a police raid"), its
patients (the object or passive subject) and the clauses that tie triggers into one incident;
these helpers answer those questions, and the actor lexicon says what a named agent is
("the FARDC" is a state force). They know nothing of sub-event types.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Token

from .actor_names import canonical_actor, load_lexicon
from .event_words import (
    AIRCRAFT,
    ARMED_TARGETS,
    CIVILIAN_GROUPS,
    CIVILIAN_PLACES,
    CIVILIAN_TARGETS,
    MEMBER_NOUNS,
    ORGANIZED_ARMED,
    PASTORAL,
    PROPERTY_COMPOUNDS,
    PROPERTY_TARGETS,
    STATE_CUES,
)
from .nlp import day_of, in_doc, left_dead, pos_tags, tokens

NOUN_TAGS = frozenset({NOUN, PROPN})


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself for a verb)."""
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        node = node.head
    return node


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a token, if any."""
    for ancestor in tok.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def direct_objects(tok: Token) -> list[Token]:
    """What a verb is done to: its object, or its subject when it is passive ("the bomb was defused")."""
    return [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]


def linked_to_any(tok: Token, others: Iterable[Token]) -> bool:
    return any(linked(tok, other) for other in others)


def crowd_agent(tok: Token) -> bool:
    """Whether the trigger is done by a group of unarmed people (villagers, drivers, a crowd)."""
    agents = _agents(tok)
    heads = [a for a in agents if a.pos_ in {"NOUN", "PROPN"} and a.dep_ in {"nsubj", "pobj", "agent"}]
    heads += [g for a in agents if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    if not heads:
        return False
    words = {w.lemma_.lower() for a in agents for w in a.subtree}
    words |= {w.removesuffix("s") for w in words}  # "Mobs" opening a sentence is tagged a proper noun
    plural = all(h.tag_ in {"NNS", "NNPS"} or h.lower_ in {"crowd", "mob", "mobs"} for h in heads)
    unarmed = not words & (ORGANIZED_ARMED | {"armed", "gunman"}) and not _armed_actor(heads)
    return plural and bool(words & CIVILIAN_GROUPS) and unarmed


def communal_agent(tok: Token) -> bool:
    """Whether the trigger is done by people named by their community, which ACLED counts as a communal or ethnic
    militia, not a crowd: a herding livelihood ("herders", "cattle raiders") or a people ("Murle youths")."""
    return communal([w for a in _agents(tok) for w in a.subtree])


def communal(words: list[Token]) -> bool:
    """Whether people are named by a herding livelihood or by a people of the actor lexicon."""
    if any(w.lemma_.lower() in PASTORAL or w.lower_ in PASTORAL for w in words):  # "Herders" opening a headline
        return True
    return any(w.pos_ in {"NOUN", "PROPN", "ADJ"} for w in words) and load_lexicon().names_people(
        " ".join(w.text for w in words)
    )


def _armed_actor(heads: list[Token]) -> bool:
    """Whether the lexicon reads an agent as an armed actor: "officers of the Philippine National Police" are the
    state's police though "national" is a word of crowds ("foreign nationals"); "Fulani herders" a militia."""
    return any(_actor_inter(h) in ARMED_INTERS for h in heads)


def property_target(tok: Token) -> bool:
    """Whether what was attacked is infrastructure or property, with no people named among it."""
    nouns = _object_nouns(tok)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        compounds = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}}
        utility = lemma in {"field", "line", "plant", "station"} and compounds & PROPERTY_COMPOUNDS
        if lemma in PROPERTY_TARGETS or utility:
            return _kind_of(nouns) is None
    return False


def person_target(tok: Token) -> bool:
    """Whether the trigger's civilian object is one person, not a place or a community ("a trader was attacked")."""
    nouns = _object_nouns(tok)
    return any(n.tag_ == "NN" and n.lemma_.lower() in CIVILIAN_TARGETS - CIVILIAN_PLACES for n in nouns)


def linked(a: Token, b: Token) -> bool:
    """Whether two triggers tell of one incident: one clause, or clauses subordinate to each other.

    Coordinated clauses ("X shelled A and Y attacked B") may tell of two incidents; relative,
    participial and adverbial clauses ("airstrikes targeting militants", "killing six") do not, nor do
    verbs that share one object ("stormed and seized the town").
    """
    va, vb = clause_verb(a), clause_verb(b)
    if va == vb or _share_object(va, vb):
        return True
    for low, high in ((va, vb), (vb, va)):
        if high in low.ancestors:
            node = low
            while node != high:
                if node.dep_ == "conj" and not _elliptical(node):
                    return False
                node = node.head
            return True
    return False


def _elliptical(conj: Token) -> bool:
    """A conjunct that goes on with its head's clause: a passive that leaves out its auxiliary ("six were killed and
    14 injured when a bomber blew himself up": the parser hangs the "when" clause on "injured"), or a participle
    after a participle ("killing one soldier and wounding three")."""
    own = {c.dep_ for c in conj.children}
    if conj.tag_ == "VBN" and not own & {"aux", "auxpass"}:
        return any(c.dep_ == "auxpass" for c in conj.head.children)
    return conj.tag_ == "VBG" and conj.head.tag_ == "VBG" and not own & {"nsubj", "aux"}


def _share_object(a: Token, b: Token) -> bool:
    """Two verbs joined by "and" of which only the second has an object: "stormed and seized the town"."""
    first, second = (a, b) if a.i < b.i else (b, a)
    if second.dep_ != "conj" or second.head != first:
        return False
    return not any(c.dep_ == "dobj" for c in first.children) and any(c.dep_ == "dobj" for c in second.children)


def by_aircraft(tok: Token) -> bool:
    """An attack carried out by an air force, warplanes, helicopters or drones is an air strike."""
    return bool(_agent_lemmas(tok) & AIRCRAFT)


def non_state_agent(tok: Token) -> bool:
    """Whether a rebel group, militia or gunmen do it: the actor lexicon says what the agent is."""
    for agent in _agents(tok):
        if agent.lemma_.lower() == "by":
            agent = next((c for c in agent.children if c.dep_ == "pobj"), agent)
        agent = _antecedent(agent)
        inter = _actor_inter(agent)
        if inter == 1:
            continue  # the lexicon knows the state: "Taliban fighters" since the Taliban took power
        if inter in {2, 3, 4} or {w.lemma_.lower() for w in agent.subtree} & ORGANIZED_ARMED - STATE_CUES:
            return True
    return False


ARMED_INTERS = frozenset({1, 2, 3, 4, 8})  # state forces, rebels, militias, external forces: not a crowd


def _actor_inter(agent: Token, *, up_to_head: bool = False) -> int | None:
    """The ACLED inter code of the actor a phrase names, from the actor lexicon ("the FARDC": 1, state forces);
    ``up_to_head`` reads only the words before the head and the head ("army soldiers", not "..., backed by ...")."""
    end = agent.i if up_to_head else agent.right_edge.i
    actor = canonical_actor(agent.doc[agent.left_edge.i : end + 1].text, day=day_of(agent.doc))
    return actor.inter if actor is not None else None


def _participle(verb: Token) -> bool:
    """A participle clause hung on the clause above, whose subject it shares: "set upon him, beating him"."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG"


_OFFICERS = frozenset("gendarme gendarmerie guard authority officer policeman cop trooper".split())


def state_agent(tok: Token) -> bool:
    """Whether the police, army or security forces do it (its subject, or "by" them)."""
    return bool(_agent_lemmas(tok) & (STATE_CUES | _OFFICERS))


def police_agent(tok: Token) -> bool:
    """Whether the police do it ("anti-terror police teams conducted dawn raids", "a police raid")."""
    return bool(_agent_lemmas(tok) & _POLICE)


def _agent_lemmas(tok: Token) -> set[str]:
    return {w.lemma_.lower() for agent in _agents(tok) for w in agent.subtree}


_POLICE = frozenset("police policeman cop detective".split())


def target_kind(tok: Token) -> str | None:
    """Whether the trigger's object (or the killed) are civilians, armed people, or an attack itself."""
    objects = _object_nouns(tok)
    if objects and objects[0].lemma_.lower() in {
        "attack", "assault", "offensive", "advance", "counterattack", "attempt", "incursion", "infiltration", "raid",
    }:  # fmt: skip
        return "attack"
    return _kind_of(_patients(tok)) or _kind_of(objects)


def _patients(tok: Token) -> list[Token]:
    """The people or things the trigger is done to (object or passive subject), without where it happened:
    "a member of the militia was found dead in his house" is about the member, not the house."""
    heads = direct_objects(tok)
    found: list[Token] = []
    while heads:
        node = heads.pop()
        if node.pos_ in {"NOUN", "PROPN"}:
            found.append(node)
        heads.extend(c for c in node.children if c.dep_ in {"conj", "compound", "appos"})
        heads.extend(g for c in node.children if c.lower_ == "of" for g in c.children)
    return found


def sentence_targets(tok: Token) -> str | None:
    """The kind of people a sentence is about, apart from the attackers, when the trigger's object says nothing."""
    agents = {w.i for a in _agents(tok) for w in a.subtree}
    sent, pos, words = tok.sent, pos_tags(tok.doc), tokens(tok.doc)
    return _kind_of([words[i] for i in range(sent.start, sent.end) if pos[i] in NOUN_TAGS and i not in agents])


def _kind_of(nouns: list[Token]) -> str | None:
    """Civilians, or armed people ("armed men" are armed; "People's Militia" is a name, not people)."""
    said = bool(nouns) and in_doc(nouns[0], "armed")  # a doc without the word needs no walk of the children
    armed = [t for t in nouns if (said and any(c.lower_ == "armed" for c in t.children)) or _member_of_armed(t)]
    named = [t for t in nouns if t.pos_ == "PROPN" and t.head.pos_ == "PROPN" and t.head != t]
    if any(_civilian(t) and t not in armed and t not in named for t in nouns):
        return "civilian"
    return "armed" if armed or any(t.lemma_.lower() in ARMED_TARGETS or _armed_group(t) for t in nouns) else None


def names_armed_group(tok: Token) -> bool:
    """Whether a name is one the actor lexicon knows for a rebel group or a militia ("Daesh", "the PKK")."""
    actor = canonical_actor(tok.text) if tok.pos_ == "PROPN" else None
    return actor is not None and actor.inter in {2, 3, 4}


def _armed_group(tok: Token) -> bool:
    """A name the actor lexicon knows for an armed group or force, as spaCy tags plurals of names: "seven Maoists"
    (lemma "Maoists", so no word list of the event stage can hold it)."""
    actor = canonical_actor(tok.text) if tok.pos_ == "PROPN" and tok.tag_ == "NNPS" else None
    return actor is not None and actor.inter not in (None, 5, 6, 7)


def _civilian(tok: Token) -> bool:
    """A civilian by the event words, or by the actor lexicon's civilian nouns ("a tourist", "hostages")."""
    if tok.lemma_.lower() in CIVILIAN_TARGETS:
        return True
    if tok.pos_ != "NOUN" or load_lexicon().state.find(tok.text):  # "a camp" may be an army's
        return False
    actor = canonical_actor(tok.text)
    return actor is not None and actor.inter == 7


def _member_of_armed(tok: Token) -> bool:
    """ "A member of the militia", "a leader of the rebels", "gang members", "Hamas commanders": one of an armed
    group."""
    if tok.lemma_.lower() not in MEMBER_NOUNS:
        return False
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    words = {form for p in preps for w in p.subtree for form in (w.lemma_.lower(), w.lower_)}
    named = [c for c in tok.children if c.dep_ == "compound"]
    words |= {c.lemma_.lower() for c in named}
    group = any((a := canonical_actor(c.text)) is not None and a.inter in (2, 3, 4) for c in named if c.pos_ == "PROPN")
    return group or bool(words & (ARMED_TARGETS | ORGANIZED_ARMED | STATE_CUES))


_REASON_PREPS = frozenset({"for", "over", "about"})
_TIME_PREPS = frozenset({"before", "after", "since", "until"})
_NO_DEED_PREPS = _REASON_PREPS | _TIME_PREPS  # what is spoken of, or done at another time


def _agents(tok: Token) -> list[Token]:
    """Who does it: the subject of the trigger's verb, or "by X" after a nominal trigger."""
    verb = clause_verb(tok)
    if tok.dep_ == "pobj" and tok.head.lower_ in _NO_DEED_PREPS:
        verb = tok  # "residents blamed the militants for the attack", "residents had fled before the raids": who
        # speaks of it, or did something at another time, did not do it
    if left_dead(verb):
        return []  # "Two farmers shot dead in Bishnupur": a headline's passive, whose subject is the victim
    found = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    if not found and (verb.dep_ == "conj" or _participle(verb)):
        found = [c for c in verb.head.children if c.dep_ in {"nsubj", "agent"}]  # "stormed the house and set it on
        # fire", "set upon him, beating him": one subject
    found += [c for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"]
    if tok.pos_ in {"NOUN", "PROPN"}:  # "a police raid", "the army's attack": the modifier does it
        found += [c for c in tok.children if c.dep_ in {"compound", "poss", "nmod"}]
    return found


def participants(tok: Token) -> list[Token]:
    """The nouns naming who fought: the fight's subject, and "between/with/among X" after it.

    A fight named in a phrase of another clause ("a man was killed during the clash") says
    nothing of its sides through that clause's subject.
    """
    verb = clause_verb(tok)
    own_clause = tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"nsubj", "dobj", "ROOT"}
    nodes = (tok, verb) if own_clause else (tok,)
    nodes += tuple(c for c in tok.children if c.dep_ in {"acl", "relcl"})  # "a clash (that) ensued between ..."
    heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c != tok] if own_clause else []
    sides = {"between", "with", "among"}
    heads += [c for node in nodes for c in node.children if c.dep_ == "prep" and c.lower_ in sides]
    return [w for head in heads for w in head.subtree if w.pos_ in {"NOUN", "PROPN"} or w.dep_ in {"pobj", "conj"}]


# Prepositions whose objects are never what a trigger is done to: its doer ("by"), or a landmark it happened by ("opened
# fire on the soldiers near the village": the soldiers were the target).
_NOT_DONE_TO = frozenset("by near outside beside behind along past towards toward".split())


def _object_nouns(tok: Token) -> list[Token]:
    """The nouns a trigger is done to; "by X" and the modifier of a noun ("a police raid") are who does it."""
    nominal = tok.pos_ in {"NOUN", "PROPN"}
    found: list[Token] = []
    for child in tok.children:
        if (child.dep_ == "prep" and child.lower_ in _NOT_DONE_TO) or (child.dep_ == "compound" and nominal):
            continue
        if child.dep_ in {"dobj", "nsubjpass", "pobj", "prep", "compound", "attr"}:
            agents = {w.i for b in child.subtree if b.dep_ in {"prep", "agent"} and b.lower_ == "by" for w in b.subtree}
            found.extend(w for w in child.subtree if w.pos_ in {"NOUN", "PROPN"} and w.i not in agents)
    if tok.dep_ in {"nsubjpass"}:
        found.append(tok)
    if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        found.append(tok.head)
    return found


def state_subject(tok: Token) -> bool:
    """True when the agent of a capture is the state (army, government forces, police)."""
    verb = tok if tok.pos_ == "VERB" else governing_verb(tok) or tok
    if _participle(verb) and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "entered the town, ending rebel control": the doer of the clause above
    while verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "agent"} for c in verb.children):
        verb = verb.head  # "FAMa entered and retook Kidal": the conjuncts share their subject
    agents = [_antecedent(c) for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    agents += [c for a in agents for c in a.conjuncts]  # "SNA troops and clan militia": the state leads
    for agent in agents:
        own = [w for w in agent.subtree if w.i <= agent.i and w.dep_ != "cc"]  # "army soldiers", not "backed by ..."
        words = {w.lemma_.lower() for w in own}
        allies = any(w.startswith("pro-") or w == "pro" for w in words)  # "pro-STC forces": allies, not the STC
        inter = None if allies else _actor_inter(agent, up_to_head=True)
        if inter is not None:
            if inter == 1:  # the lexicon knows it: "the FARDC" is the state, "the Arakan Army" a rebel group
                return True
            continue
        if words & STATE_CUES and not words & {"rebel", "militant", "insurgent", "jihadist"}:
            return True
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
