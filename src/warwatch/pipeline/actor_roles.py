"""Parse rules of the actors stage: which tokens around a trigger are its agent, its target, its source.

Job: read the spaCy dependency parse of one sentence and point at tokens: the agent of a trigger
(the subject of an active verb, the object of "by", "X's assault", "X was behind the raid"), its
target (the object, the passive subject, "an attack on X", "clashes between X and Y"), the cause of
a casualty ("killed in an ambush by X", "killed when X attacked"), and the speaker of a report
("X said", "according to X", "said X", "via X"). Input: spaCy tokens; output: tokens and spans.
Names are not resolved here (``actor_names`` does that), so the rules stay testable on their own.

Back-references of sources: a generic descriptor ("the monitor", "the Observatory", "a war monitor",
"the ministry", "officials") or a pronoun ("he said", "they confirmed") names nobody itself. It refers
to the most recent earlier speaker of a compatible kind (``antecedent``): the same head word ("the
center" -> "the Emergency Center of ..."), else a shared kind (monitor, ministry, government, armed
group, medical; the caller says what kind a named speaker is). "they"/"it" take the nearest named
body before them, "he"/"she" the last named person who spoke. An indefinite person ("an official",
"a source") is somebody new and never resolved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..model import Mention
from .event_words import QUANTITY_NOUNS
from .nlp import left_dead, lemmas, lowers, per_doc, tokens
from .place_words import past_dateline

# Event words by family: a neighbour sentence refers back to a mention only within one family.
EVENT_FAMILIES = {
    "attack": "attack assault offensive counteroffensive counter-offensive counterattack counter-attack ambush "
    "incursion push onslaught invasion campaign operation",
    "fight": "clash fighting fight battle skirmish gunfight shootout firefight",
    "strike": "strike airstrike raid bombing bombardment shelling barrage fire explosion blast",
    "kill": "killing massacre shooting violence incident",
    "protest": "protest demonstration rally march riot crackdown",
    "abduct": "abduction kidnapping",
    "take": "capture seizure takeover siege advance",
}
EVENT_NOUNS = frozenset(w for words in EVENT_FAMILIES.values() for w in words.split())
FAMILY = {w: family for family, words in EVENT_FAMILIES.items() for w in words.split()}
FAMILY |= {w: "media" for w in "recording statement video audio message tape footage report claim".split()}
FAMILY |= {
    "bombard": "strike",
    "shell": "strike",
    "bomb": "strike",
    "hit": "strike",
    "kidnap": "abduct",
    "abduct": "abduct",
    "kill": "kill",
    "shoot": "kill",
    "seize": "take",
    "capture": "take",
}
DEFEND_VERBS = frozenset("repel repulse foil thwart fend resist withstand rebuff survive".split())
PHRASAL_DEFEND = frozenset("fight beat push drive ward".split())  # with "off" or "back"
LAUNCH_VERBS = frozenset(
    "launch carry conduct mount stage unleash wage claim execute perform begin start lead intensify escalate "
    "continue resume order spearhead wag".split()  # spaCy lemmatises "waging" to "wag"
)
RECIPROCAL = frozenset(
    "clash fight battle skirmish exchange engage confront fighting gunfight shootout firefight".split()
)
SAY_VERBS = frozenset(
    "say report claim announce tell state confirm add allege accuse insist acknowledge deny warn note write post "
    "publish indicate suggest reveal estimate tweet declare document".split()
)
CASUALTY_VERBS = frozenset("kill wound injure maim".split())
CLAIM_OBJECTS = frozenset("responsibility credit".split())
BLAME_VERBS = frozenset("blame attribute ascribe".split())  # "an attack blamed on X": X is the attacker
BLAME_PREPS = frozenset({"on", "to"})
PLANTED_DEVICES = frozenset("mine landmine ied device explosive".split())
CONTACT_VERBS = frozenset("hit strike step run drive trigger roll".split())  # the mover is the victim
ALLY_VERBS = frozenset("back help support accompany assist aid join reinforce".split())
# "militants belonging to X", "gunmen linked to X", "fighters loyal to X": the men are X's
AFFILIATION = frozenset("belong link affiliate tie connect loyal ally align associate".split())
# "shells fired by X", "a drone launched by X": a weapon these verbs tell the use of is X's, and X acts
USE_VERBS = frozenset("fire launch drop lob hurl throw shoot fly pilot operate plant detonate deploy".split())
PATIENT_PREPS = frozenset({"on", "against", "targeting", "upon", "at"})
_AIMING = frozenset("throw lob hurl fling toss fire launch drop aim direct".split())  # not "blamed on X", "planted on"
NP_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "predet", "npadvmod"})
CITING_WORDS = frozenset({"according", "per", "citing", "via"})  # "according to X", "as per X", "citing X", "via X"
QUOTE_MARKS = frozenset("\"\u201c\u201d\u2018\u2019'")
OUTLET_VERBS = frozenset("tell speak talk".split())  # "X told Reuters", "speaking to AFP": the outlet reports too
SPOKES = frozenset("spokesman spokeswoman spokesperson spokespeople spokesmen".split())
# Head words of generic descriptors of a reporting body, and the kinds of body each may refer back to.
DESCRIPTOR_KINDS: dict[str, frozenset[str]] = {
    w: frozenset(kinds.split())
    for words, kinds in (
        ("monitor observatory watchdog ngo charity network", "monitor"),
        ("organisation organization group", "monitor armed"),
        ("agency", "monitor media"),
        ("ministry department", "ministry"),
        ("official authority", "government ministry"),
        ("center centre office commission committee mission service directorate unit", "unit"),
        ("hospital doctor medic clinic", "medical"),
        ("militant rebel insurgent jihadist movement", "armed"),
    )
    for w in words.split()
}
PERSON_DESCRIPTORS = frozenset({"official", "authority"})  # only in the plural or with "the" refer back
TITLES = frozenset(
    "president prime minister general gen. colonel col. major maj. captain capt. lieutenant lt. sergeant "
    "commander governor mayor spokesman spokeswoman spokesperson chief director secretary mr mr. mrs mrs. ms ms. "
    "dr dr. sheikh brigadier police army commissioner minister inspector superintendent administrator "
    "lieutenant-general major-general".split()
)


def trigger_token(doc: Doc, mention: Mention) -> Token | None:
    span = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def children(tok: Token, dep: str, words: set[str] | None = None, *, pobj: bool = False) -> list[Token]:
    """Children by dependency (prepositions by word); with ``pobj`` the objects of those prepositions."""
    kids = [c for c in tok.children if c.dep_ == dep and (words is None or c.lower_ in words)]
    if pobj:
        kids = [g for c in kids for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return kids


def by_objects(tok: Token) -> list[Token]:
    return children(tok, "agent", pobj=True) + children(tok, "prep", {"by"}, pobj=True)


def subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        out += [t for t in (tok, *tok.conjuncts) if t not in out]
    return out


def noun_phrase(tok: Token) -> Span:
    """The noun phrase of a token: its modifiers and its 'of'/'from' complements, not its clauses."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in NP_DEPS or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            keep += list(child.subtree)
    idx = [t.i for t in keep]
    return tok.doc[min(idx) : max(idx) + 1]


def modifier_text(noun: Token) -> str:
    """The words before an event noun that may name its agent ("Turkish drone" strike, "ISIL" assault)."""
    words = [t for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") for t in c.subtree]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def noun_agents(noun: Token) -> list[Token]:
    return by_objects(noun) + children(noun, "poss") + blamed_agents(noun)


def clause_subjects(tok: Token) -> list[Token]:
    """Subjects of the clause a token sits in (through 'one of the allies of ...')."""
    head = tok
    while head.dep_ not in ("ROOT", "ccomp", "relcl", "advcl", "conj") and head.head is not head:
        head = head.head
    return subjects(head)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    """Agent and target of a verb trigger: active subject/object, passive 'by'-object/subject."""
    subj = subjects(verb)
    subjpass = [c for c in verb.children if c.dep_ == "nsubjpass"]
    objects = children(verb, "dobj") + children(verb, "prep", PATIENT_PREPS, pobj=True)
    if verb.lemma_.lower() in RECIPROCAL:
        objects += children(verb, "prep", {"with"}, pobj=True)
    if verb.lemma_.lower() in RECIPROCAL and subj:  # headline "Burkina army, jihadists clash": the comma is "and"
        subj = [c for c in verb.lefts if c.dep_ == "dep" and c.pos_ in ("NOUN", "PROPN") and c.i < subj[0].i] + subj
    if subj and subj[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subj = [verb.head]
    if not subj and not subjpass:
        subj, subjpass = _inherited_subjects(verb)
    between = children(verb, "prep", {"between"}, pobj=True)
    if between:
        return between[:1], list(between[0].conjuncts)
    if left_dead(verb) and not by_objects(verb):  # "Two farmers shot dead in Bishnupur": a headline's passive
        subjpass, subj = subj + subjpass, []
    if is_passive(verb) or subjpass:  # "was shot and killed by X": the by-phrase may hang on a conjunct
        agents = next((b for v in (verb, *verb.conjuncts) if (b := by_objects(v))), [])
        agents, patients = agents, subjpass + objects
    else:
        agents, patients = subj, objects
    endured = [o for o in children(verb, "prep", {"under"}, pobj=True) if o.lemma_.lower() in EVENT_NOUNS]
    if endured and not is_passive(verb):  # "the convoy came under fire (from X)": the subject is the target
        event = endured[0]  # the parser hangs "by X"/"from X" on the event noun or on the verb
        agents = [t for h in (event, verb) for t in by_objects(h) + children(h, "prep", {"from"}, pobj=True)]
        return agents + children(event, "poss"), subj + objects
    cause = None if agents else cause_roles(verb)
    if cause:  # "40 people were killed in a shootout between X and Y": the sides of the shootout
        return cause[0], cause[1] + patients
    if defends(verb):
        attacks = [o for o in objects if o.lemma_.lower() in EVENT_NOUNS]
        if attacks:  # "repelled an attack by X": X attacked; the parser often hangs "by X" on the verb
            return (noun_agents(attacks[0]) or by_objects(verb) or attacks), subj
    return agents, patients


def defends(verb: Token) -> bool:
    """A verb of fending off an attack: "repelled", and phrasal "fought off", "beat back"."""
    lemma = verb.lemma_.lower()
    return lemma in DEFEND_VERBS or (lemma in PHRASAL_DEFEND and bool(children(verb, "prt", {"off", "back"})))


def cause_roles(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """The sides of what caused a casualty: 'killed in/following an attack by X', 'killed when X attacked'."""
    for child in (c for v in (verb, *verb.conjuncts) for c in v.children):
        word = child.lower_
        if child.dep_ == "advcl" and any(m.lower_ in ("when", "as", "after", "while") for m in child.lefts):
            roles = verb_roles(child)
            if roles[0]:
                return roles
            continue
        if word not in ("in", "during", "after", "amid", "following"):
            continue
        for event in (g for g in child.children if g.dep_ in ("pobj", "dobj")):
            if event.lemma_.lower() in EVENT_NOUNS:
                roles = noun_roles(event)
                if roles[0]:
                    return roles
    return None


def _inherited_subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """Subjects a verb shares with the verb it hangs on ("stormed the village and killed ...")."""
    head = verb.head
    if verb.dep_ == "acl":  # "youths clashed with police": a verb of mutual action has no passive
        passive = verb.tag_ == "VBN" and verb.lemma_.lower() not in RECIPROCAL
        return ([], [head]) if passive else ([head], [])
    if verb.dep_ in ("conj", "xcomp", "advcl") and head is not verb:
        subj = subjects(head)
        if subj or verb.dep_ == "xcomp":
            return subj, []
        return [], [c for c in head.children if c.dep_ == "nsubjpass"]
    return [], []


def blamed_agents(tok: Token) -> list[Token]:
    """Who a participle lays an event or weapon on: "a strike blamed on X", "the blast, attributed to X",
    "shells fired by X" (the event noun itself has no 'by'-phrase then: the participle has it)."""
    found: list[Token] = []
    for c in tok.children:
        if c.dep_ not in ("acl", "relcl"):
            continue
        if c.lemma_.lower() in BLAME_VERBS:
            found += children(c, "prep", BLAME_PREPS, pobj=True)
        elif c.tag_ == "VBN":
            found += by_objects(c)
    return found


def weapon_users(tok: Token) -> list[Token]:
    """Who used what a noun names, told by a participle of use: "artillery shells fired by X", "a drone launched
    by X" -> X. The weapon's own words ("artillery", "drone") would name the state's forces; the user acts. Not
    "troops backed by X": a helper is no user (``ALLY_VERBS``). The parser often makes the participle the clause's
    verb ("Bombs dropped by X fell ..."), the weapon its subject: with a "by" and no object, that counts too."""
    lemma = lemmas(tok.doc)  # the word first: it rules out most tokens
    used = [c for c in tok.children if lemma[c.i] in USE_VERBS and c.dep_ == "acl" and c.tag_ == "VBN"]
    verb = tok.head
    if lemma[verb.i] in USE_VERBS and tok.dep_ == "nsubj" and not children(verb, "dobj"):
        used.append(verb)
    return [o for c in used for o in by_objects(c)]


def affiliations(tok: Token) -> list[Token]:
    """The group men are told to belong to: "militants belonging to X", "gunmen linked to X" -> X. The parser often
    makes the participle the clause's verb ("Gunmen linked to X killed ..." with "killed" hanging on "linked"),
    the men its subject: that reading counts too."""
    lemma = lemmas(tok.doc)  # the word first: it rules out most tokens
    heads = [c for c in tok.children if lemma[c.i] in AFFILIATION and c.dep_ in ("acl", "amod")]
    if lemma[tok.head.i] in AFFILIATION and tok.dep_ in ("nsubj", "nsubjpass"):
        heads.append(tok.head)
    return [o for h in heads for o in children(h, "prep", {"to", "with"}, pobj=True)]


def noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Agent and target of a noun trigger: 'an attack by X on Y', 'X's assault', 'clashes between X and Y'."""
    blamed = blamed_agents(noun)  # "a drone strike blamed on X": X, not whoever flies drones in the country
    agents = [noun] if modifier_text(noun) and not blamed else []
    misplaced = by_objects(noun.head) if noun.dep_ == "dobj" and not is_passive(noun.head) else []
    agents = (by_objects(noun) or misplaced) + children(noun, "poss") + blamed + agents
    patients = children(noun, "prep", PATIENT_PREPS - {"at"}, pobj=True)
    for aimed in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in _AIMING):  # "a grenade lobbed
        patients += children(aimed, "prep", PATIENT_PREPS, pobj=True)  # at a police party": whom it was aimed at
        agents += by_objects(aimed)
    if noun.lemma_.lower() in RECIPROCAL:
        patients += children(noun, "prep", {"with"}, pobj=True)
    if noun.lemma_.lower() == "fall":  # "the fall of the town to the rebels": who took it
        agents += children(noun, "prep", {"to"}, pobj=True)
    between = children(noun, "prep", {"between"}, pobj=True) or children(noun.head, "prep", {"between"}, pobj=True)
    if between:
        return between[:1], list(between[0].conjuncts)
    head = noun.head
    if noun.dep_ == "dobj":
        if defends(head):
            patients += subjects(head)
        elif not by_objects(noun) + children(noun, "poss") and head.lemma_.lower() in LAUNCH_VERBS:
            if subjects(head) and noun.lemma_.lower() not in EVENT_NOUNS:
                agents = [a for a in agents if a is not noun]  # "Russia launched Shahed drones": who launched them
            agents += subjects(head)
    elif noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        patients += children(head, "dobj") + children(head, "prep", {"on", "against"}, pobj=True)
    elif noun.dep_ == "attr" and any(c.lower_ in ("behind", "responsible") for c in head.children):
        agents += subjects(head)  # "jets were behind the raids"
    elif noun.dep_ == "pobj":
        prep, gov = head, head.head
        if prep.lower_ in ("behind", "for"):  # "X was behind the attack", "X was responsible for ..."
            gov = gov.head if gov.dep_ == "acomp" else gov
            if gov.lemma_.lower() == "responsibility" and gov.dep_ == "dobj":
                gov = gov.head  # "X claimed responsibility for the attack": X did it
            agents += subjects(gov)
        elif prep.lower_ == "under":  # "the base came under attack"
            patients += subjects(gov)
        elif prep.lower_ in ("in", "during") and gov.pos_ == "VERB":  # "X killed Y in an attack"
            if is_passive(gov):
                patients += [c for c in gov.children if c.dep_ == "nsubjpass"]
            else:
                agents += [] if agents else subjects(gov)
                patients += children(gov, "dobj")
    return agents, patients


_REPORTED_THINGS = frozenset("casualty fatality injury death damage loss".split())


def _teller(subject: Token) -> bool:
    """What a report tells never tells it: "No casualties reported", "with no fighting reported", parsed with what
    was reported as its subject."""
    lemma = subject.lemma_.lower()
    return lemma not in _REPORTED_THINGS and lemma not in EVENT_NOUNS


def source_tokens(tok: Token) -> list[Token]:
    """The reporting phrases a token introduces: 'X said', 'according to X', 'citing X', 'via X'."""
    lemma = tok.lemma_.lower()
    if lemma in SAY_VERBS and tok.pos_ in ("VERB", "AUX"):
        if is_passive(tok):
            return by_objects(tok)
        subj = [s for t in _speaking(subjects(tok), tok) for s in _last(past_dateline(t))]
        if not subj and tok.dep_ == "conj" and tok.head.lemma_.lower() in SAY_VERBS:  # "X said ... and added"
            subj = [s for t in subjects(tok.head) for s in _last(past_dateline(t))]
        if not subj:
            subj = participle_speakers(tok)
        if not subj and (before := phrase_before(tok, tok.sent)):  # "..., police said." misparsed
            return [t for t in name_conjuncts(before[:1]) if t.i >= before[1] and _teller(t)]
        previous = tok.doc[tok.i - 1] if tok.i else None
        if not subj and previous is not None and previous.pos_ in ("NOUN", "PROPN") and _teller(previous):
            subj = [previous]  # "police said the attack ..." misparsed: the noun just before the verb speaks
        return [s for s in name_conjuncts(subj) if _teller(s)]  # "police and hospital officials said"
    if tok.lower_ == "according":
        return name_conjuncts(children(tok, "prep", {"to"}, pobj=True))
    if tok.lower_ == "per" and tok.i and tok.doc[tok.i - 1].lower_ == "as":  # "as per an official"
        return with_conjuncts([c for c in tok.children if c.dep_ == "pobj"])
    if tok.lower_ == "citing":
        return children(tok, "dobj")
    if tok.lower_ == "via" and tok.head.lemma_.lower() in ("release", "publish", "broadcast", "post", "air", "issue"):
        return [c for c in tok.children if c.dep_ == "pobj"]
    return []


def told_outlets(verb: Token) -> list[Token]:
    """The named outlet a speaker talks to ("an official told Reuters", "speaking to AFP"): it reports the
    event as well. Proper names only: "told reporters" or "told a news conference" names no outlet."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in OUTLET_VERBS:
        return []
    told = children(verb, "dobj") + children(verb, "dative") if lemma == "tell" else []
    told += children(verb, "prep", {"to"}, pobj=True)
    return [t for t in told if t.pos_ == "PROPN" and t.ent_type_ not in ("PERSON", "GPE", "NORP")]


def name_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Tokens with their conjuncts, also those the parse hangs on the last word of a name: in "the Observatory
    for Human Rights and local activists" "activists" is a conjunct of "Rights", not of "Observatory"."""
    out = with_conjuncts(tokens)
    for tok in list(out):
        inner = [t for t in tok.subtree if t.i > tok.i and t.pos_ == "PROPN" and tok.ent_type_ and t.ent_type_]
        out += [c for t in inner for c in t.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c not in out]
    return out


def coordinated_speakers(tok: Token) -> list[str]:
    """The two sources of a speaker the parse made one head whose modifier is coordinated: "police and hospital
    officials" -> police, hospital officials; "Amnesty International and Human Rights Watch" -> both names;
    "residents and aid workers". Empty when the speaker is one body. A name or a plural stands alone; a singular
    common noun shares the head ("health and interior officials")."""
    doc = tok.doc
    for mod in tok.lefts:
        joint = [c for c in mod.children if c.dep_ in ("conj", "cc") and c.i < tok.i]
        if mod.dep_ not in ("nmod", "compound") or mod.pos_ not in ("NOUN", "PROPN") or not joint:
            continue
        alone = mod.pos_ == "PROPN" or mod.tag_ == "NNS"
        first = doc[mod.left_edge.i : mod.i + 1].text + ("" if alone else f" {tok.text}")
        if mod.left_edge.is_sent_start and mod.left_edge.pos_ != "PROPN":  # "Residents and aid workers said"
            first = first[:1].lower() + first[1:]
        rest = joint[-1].left_edge.i + (1 if joint[-1].dep_ == "cc" else 0)
        return [first, doc[rest : tok.i + 1].text]
    return []


def _speaking(subjects: list[Token], verb: Token) -> list[Token]:
    """Of the subjects of a reporting verb, the one that speaks: "A strike killed seven, the Observatory said"
    is misparsed with two subjects, and an event does not speak; of two that may ("Gunmen killed 21 villagers,
    the deputy mayor said"), the one nearest the verb (the other is the reported clause's)."""
    if len(subjects) < 2:
        return subjects
    speaking = [t for t in subjects if FAMILY.get(t.lemma_.lower(), "media") == "media"]
    return [min(speaking, key=lambda t: abs(verb.i - t.i))] if speaking else []


def phrase_before(verb: Token, sent: Span) -> tuple[Token, int] | None:
    """The speaker of a closing reporting verb that the parser left without a subject, hanging it on the words before
    ("..., residents and a local health official said"): the head of the words between the last comma and the verb;
    past a comma right before the verb and a clause set off by commas ("the Civil Defence, known as the White
    Helmets, said"). With it, where its words begin: what the parser joins to it before that is not the speaker."""
    if verb.dep_ not in {"ROOT", "parataxis"} or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # not a finite verb of its own: "alleged Syrian mercenaries"
    if any(c.dep_ not in _CLOSING for c in verb.rights) or any(c.dep_ == "mark" for c in verb.lefts):
        return None  # not the sentence's closing "X said", or "as reported"
    doc, end = verb.doc, verb.i
    commas = [i for i in range(sent.start, verb.i) if doc[i].text == ","]
    for start in reversed([sent.start - 1, *commas][-3:]):
        words = range(start + 1, end)
        head = next((doc[i] for i in words if not start < doc[i].head.i < end or doc[i].head.i == i), None)
        end = start
        if head is None or (head.pos_ == "VERB" and head.dep_ in {"acl", "advcl"}):
            continue  # nothing between two commas, or a clause set off by them: "known as the White Helmets"
        named = head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ not in _NOT_SPEAKING_ENTS
        return (head, start + 1) if named else None
    return None


_CLOSING = frozenset({"punct", "prep", "npadvmod", "advmod"})  # "..., police said on Monday."
_NOT_SPEAKING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "QUANTITY"})


def participle_speakers(verb: Token) -> list[Token]:
    """Who says it when "saying" has no subject: "with X saying ..." -> X; "X gave a toll, saying ..." -> X."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ in ("ccomp", "parataxis") or c.text in QUOTE_MARKS for c in verb.children):
        return []  # "adding to its gains", "saying nothing": no reported words
    absolute = [o for o in children(verb.head, "prep", {"with"}, pobj=True) if o.i < verb.i]
    if absolute:
        return absolute[-1:]
    return [s for t in subjects(verb.head) for s in _last(past_dateline(t))]


def _last(candidates: list[Token]) -> list[Token]:
    """Of the appositions a dateline subject stands for ("ARBIL, Iraq: A strike killed ..., officials said"),
    the speaker is the one nearest the verb."""
    return candidates[-1:]


def person_name(ent: Span) -> str:
    """A person's full name: the run of proper nouns around the entity, without titles ("President X")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0 and _name_word(doc[start - 1]) and doc[start - 1].lower_ not in TITLES:
        start -= 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and (doc[end].head.i >= end or doc[end - 1].head.i == end):
        end += 1  # "Monte Alejandro" + "Rubido", the head its first names hang on
    words = [t.text for t in doc[start:end]]
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def _name_word(tok: Token) -> bool:
    """A word before a person entity that is still part of the name (not an office: "Security Commissioner")."""
    return tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.ent_type_ in ("PERSON", "")


def speakers(pronoun: Token) -> list[Token]:
    """Who a pronoun subject is when its clause is reported speech: 'ISIL said it had ...' -> ISIL."""
    clause = pronoun.head
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAY_VERBS:
        return []
    return source_tokens(clause.head)


def only_a_toll(sent: Span) -> bool:
    """Whether a sentence only counts the dead and hurt, naming nobody who did it ("Three people were killed and 21
    wounded.", "Two rangers died at the scene."): it goes on with the incident told before it."""
    root = sent.root
    lemma = root.lemma_.lower()
    return lemma == "die" or (lemma in _TOLL_VERBS and is_passive(root) and not by_objects(root))


_TOLL_VERBS = frozenset("kill wound injure hurt".split())


def families(sent: Span) -> set[str]:
    return {FAMILY[lemma] for lemma in lemmas(sent.doc)[sent.start : sent.end] if lemma in FAMILY}


def refers_back(sent: Span, mention_sent: Span) -> bool:
    """Whether a sentence points back at the mention's event: 'the attack' after an assault, 'the recording'."""
    toks, lemma = tokens(sent.doc), lemmas(sent.doc)
    definite = [
        lemma[i]
        for i in range(sent.start, sent.end)
        if lemma[i] in FAMILY and any(c.lower_ in ("the", "this", "that") for c in toks[i].lefts)
    ]
    return bool({FAMILY[word] for word in definite} & families(mention_sent))


# --- back-references of sources ---------------------------------------------------------------------


def speaker_indices(doc: Doc) -> list[int]:
    """Token indices of every reporting phrase head of a document, in order; computed once per doc."""
    return per_doc(doc, "speakers", _speaker_indices)


def _speaker_indices(doc: Doc) -> list[int]:
    """Only a verb of saying or a word of citing introduces a reporting phrase: the other tokens are passed over
    by their words, without a look at their parse."""
    toks, lemma, lower = tokens(doc), lemmas(doc), lowers(doc)
    return [
        s.i
        for i, tok in enumerate(toks)
        if lemma[i] in SAY_VERBS or lower[i] in CITING_WORDS
        for s in source_tokens(tok)
    ]


def is_descriptor(tok: Token) -> bool:
    """Whether a source phrase is a generic descriptor ("the monitor", "a war monitor", "officials")
    rather than a name: a descriptor head word, no proper noun or entity before it, no "of" after it."""
    lemma = tok.lemma_.lower()
    if lemma not in DESCRIPTOR_KINDS:
        return False
    before = [t for t in tok.subtree if t.i < tok.i]
    if any(t.pos_ == "PROPN" or t.ent_type_ or t.dep_ == "poss" for t in before):
        return False
    if any(c.dep_ in ("prep", "appos", "compound") and c.i > tok.i and c.lower_ != "in" for c in tok.children):
        return False
    if lemma in PERSON_DESCRIPTORS:
        return tok.tag_ == "NNS" and all(t.lower_ == "the" for t in before)
    return True


def antecedent(tok: Token, kinds_of: Callable[[Token], frozenset[str]]) -> Token | None:
    """The named speaker a descriptor or pronoun refers back to (see the module docstring), or None.

    ``kinds_of`` says what kinds of body a named speaker token is (monitor, ministry, armed, ...).
    """
    doc = tok.doc
    if tok.pos_ == "PRON":
        if tok.lower_ in ("he", "she"):
            people = [
                i
                for i in speaker_indices(doc)
                if i < tok.i and doc[i].ent_type_ == "PERSON" and not is_descriptor(doc[i])
            ]  # "the Observatory" tagged a person is still a descriptor
            return doc[people[-1]] if people else None
        return _nearest_body(tok, kinds_of) if tok.lower_ in ("they", "it") else None
    if not is_descriptor(tok):
        return None
    lemma = tok.lemma_.lower()
    wanted = DESCRIPTOR_KINDS[lemma]
    named = [doc[i] for i in reversed(speaker_indices(doc)) if i < tok.i]
    named = [n for n in named if n.pos_ != "PRON" and not is_descriptor(n)]
    same_word = [n for n in named if n.lemma_.lower() == lemma]  # "the Observatory": the one named so
    return next(iter(same_word), None) or next((n for n in named if kinds_of(n) & wanted), None)


def subject_body(tok: Token, kinds_of: Callable[[Token], frozenset[str]]) -> Token | None:
    """ "ISWAP fighters overran a base, the group said": a descriptor that refers back to no named speaker
    refers to the subject of its own sentence, else of the sentence before, when that names a body of its kind."""
    if not is_descriptor(tok) or tok.lemma_.lower() in PERSON_DESCRIPTORS:  # "officials" are people, no body
        return None
    wanted = DESCRIPTOR_KINDS[tok.lemma_.lower()]
    doc = tok.doc
    sents = [tok.sent] + ([doc[tok.sent.start - 1].sent] if tok.sent.start else [])
    for sent in sents:
        for subject in (s for t in sent if t.dep_ in ("ROOT", "ccomp") for s in subjects(t)):
            named = subject.pos_ != "PRON" and not is_descriptor(subject)
            if subject.i < tok.i and named and kinds_of(subject) & wanted:
                return subject
    return None


def _nearest_body(pronoun: Token, kinds_of: Callable[[Token], frozenset[str]]) -> Token | None:
    """'they said': a speaker just before (in its sentence or the one before), else the subject of the sentence
    before when it names a body, else the nearest named body before the pronoun."""
    doc = pronoun.doc
    start = pronoun.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for i in reversed(speaker_indices(doc)):
        if start <= i < pronoun.i and doc[i].pos_ != "PRON" and not is_descriptor(doc[i]):
            return doc[i]
    if start < pronoun.sent.start:
        root = doc[start].sent.root
        for subject in subjects(root):
            if subject.pos_ != "PRON" and not is_descriptor(subject) and kinds_of(subject) - {"person"}:
                return subject
    for tok in reversed(doc[start : pronoun.i]):
        if tok.pos_ == "PROPN" and tok.dep_ != "compound" and not is_descriptor(tok) and kinds_of(tok) - {"person"}:
            return tok
    return None


DOCUMENTS = frozenset("statement report communique communiqué post bulletin release".split())


def document_author(tok: Token) -> Token | None:
    """Who wrote a document that "says" something: "the HUR statement said", "the army's report said"."""
    if tok.lemma_.lower() not in DOCUMENTS:
        return None
    authors = (c for c in reversed(list(tok.lefts)) if c.dep_ in {"compound", "poss"} and _author_word(c))
    return next(authors, None)


def _author_word(tok: Token) -> bool:
    """A noun, or a name; not a capitalised adjective opening a sentence ("Conflicting reports suggested")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (bool(tok.ent_type_) or not tok.is_sent_start))


def spokes_body(tok: Token) -> Span | None:
    """The body a spokesperson speaks for: "police spokesman X", "a spokesman for the army", "the army's
    spokesman" -> police / the army; None when the speaker is no spokesperson or names no body."""
    doc = tok.doc
    spokes = next((t for t in tok.subtree if t.lemma_.lower() in SPOKES or t.lower_ in SPOKES), None)
    if spokes is None:
        return None
    owner = children(spokes, "prep", {"for", "of"}, pobj=True) + children(spokes, "poss")
    if owner:
        phrase = noun_phrase(owner[0])
        return phrase[:-1] if phrase[-1].dep_ == "case" else phrase  # "the army's" -> "the army"
    words = [t for c in spokes.lefts if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree]
    words = [t for t in words if t.lower_ not in TITLES or t.lower_ in ("police", "army")]
    return doc[min(t.i for t in words) : max(t.i for t in words) + 1] if words else None


def defined_acronym(tok: Token) -> str | None:
    """The acronym a text defines for a name right after it: "The Study Center for Peace (SCP)" -> SCP.

    Only within the name itself: a lower-case word between the name and the brackets ends the search (one before
    it, as in "the al-Qaeda-linked Group to Support Islam and Muslims (JNIM)", is no part of the name).
    """
    doc = tok.doc
    for t in doc[tok.i : tok.right_edge.i + 1]:
        if t.text == "(" and t.i + 2 < len(doc) and doc[t.i + 2].text == ")":
            word = doc[t.i + 1].text
            return word if 2 <= len(word) <= 10 and word.isalpha() and word.isupper() else None
        if t.pos_ not in ("PROPN", "DET", "ADP", "CCONJ", "PART", "PUNCT") and not t.text[:1].isupper():
            return None
    return None


# --- events named by their weapon, claims and casualties ----------------------------------------------


def event_head(trigger: Token) -> Token:
    """The word whose roles a weapon trigger has: "a grenade attack" -> attack, "lobbed a grenade at X" ->
    lobbed. A weapon has no agent or target of its own; the event noun or the verb that uses it has."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.lemma_.lower() in EVENT_NOUNS:
        return trigger
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
        trigger, head = head.head, head.head.head  # "fired a barrage of rockets at X": the barrage was fired
    if trigger.dep_ == "compound" and head.pos_ == "NOUN" and weapon_users(head):
        return head  # "artillery shells fired by X": the shells, whose user is told
    if trigger.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in EVENT_NOUNS:
        return head  # "a Russian missile strike", "a grenade attack"
    if head.dep_ == "compound" and trigger.dep_ == "compound" and head.head.lemma_.lower() in EVENT_NOUNS:
        return head.head  # "a car bomb attack"
    if trigger.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() not in LAUNCH_VERBS | DEFEND_VERBS:
        return head  # "hurled a grenade into a bar", "fired a rocket at X"
    return trigger


def victims_above(head: Token) -> list[Token]:
    """Who a clause of "when" or "as" says was killed by what it tells: "nine soldiers were killed when a bomb hit
    their bus" -- the soldiers, not the bus, were its target."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
    killed = verb.head
    if verb.dep_ != "advcl" or killed is verb or killed.lemma_.lower() not in _HARMED or not is_passive(killed):
        return []
    return children(killed, "nsubjpass")


_HARMED = CASUALTY_VERBS | {"hurt"}


def contact_victims(trigger: Token) -> list[Token] | None:
    """Who ran into a planted device: "their convoy struck a mine", "a boy stepped on a landmine". The subject
    of a verb of contact with a mine or roadside bomb is its victim, not its agent; None for other triggers."""
    if trigger.pos_ == "VERB":  # the trigger may be the verb of contact itself
        devices = children(trigger, "dobj") + children(trigger, "prep", {"on", "over", "into"}, pobj=True)
        trigger = next((d for d in devices if d.lemma_.lower() in PLANTED_DEVICES), trigger)
    if trigger.lemma_.lower() not in PLANTED_DEVICES:
        return None
    verb = trigger.head
    if trigger.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("on", "over", "into"):
        verb = verb.head
    elif trigger.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CONTACT_VERBS:
        return None
    return subjects(verb) + children(verb, "nsubjpass")


def claim_agents(sent: Span) -> list[Token]:
    """Who a sentence says did an attack: "X claimed responsibility", "X said it carried out the attack".

    Only a claim of responsibility or of carrying out a definite attack ("the attack", "it"): a claim of
    other deeds is no claim of this one."""
    found: list[Token] = []
    for tok in _with_lemma(sent, LAUNCH_VERBS):  # "claim" among them: no other verb claims an attack
        if tok.pos_ not in ("VERB", "AUX") or is_passive(tok):
            continue
        if _claims_attack(tok):
            found += subjects(tok)
    return [t for t in found if t.tag_ not in ("WP", "WDT")]


def blame_agents(sent: Span) -> list[Token]:
    """Who a sentence lays an attack on: "Police blamed X", "officials blamed the attack on X".

    The accused, not the accuser: the object, or the 'on'-object when the object is the attack itself."""
    found: list[Token] = []
    for tok in _with_lemma(sent, BLAME_VERBS):
        if tok.pos_ != "VERB" or is_passive(tok):
            continue
        objects = children(tok, "dobj")
        events = [o for o in objects if _definite_event(o)]
        if events or not objects:  # the parser often hangs "on X" on the attack
            found += [g for t in (tok, *events) for g in children(t, "prep", BLAME_PREPS, pobj=True)]
        else:
            found += objects
    return with_conjuncts(found)


def _claims_attack(verb: Token) -> bool:
    """ "claimed responsibility", "carried out the attack": a verb that owns an attack already told of."""
    objects = children(verb, "dobj")
    if verb.lemma_.lower() == "claim":  # "claimed responsibility", "claimed the attack"
        return any(o.lemma_.lower() in CLAIM_OBJECTS or _definite_event(o) for o in objects)
    return verb.lemma_.lower() in LAUNCH_VERBS and any(_definite_event(o) for o in objects)


def _definite_event(tok: Token) -> bool:
    """ "the attack", "this bombing", "it": an event already told of."""
    if tok.lower_ == "it":
        return True
    return tok.lemma_.lower() in EVENT_NOUNS and any(c.lower_ in ("the", "this", "that") for c in tok.lefts)


def casualty_objects(sent: Span) -> list[Token]:
    """Who was killed or wounded in a sentence: "killing 46 worshippers", "59 people were killed"."""
    found: list[Token] = []
    for tok in _with_lemma(sent, CASUALTY_VERBS):
        if tok.pos_ == "VERB":
            found += children(tok, "nsubjpass") if is_passive(tok) else children(tok, "dobj")
    return with_conjuncts(found)


def _with_lemma(sent: Span, words: frozenset[str]) -> list[Token]:
    """The tokens of a sentence whose lemma (in lower case) is one of ``words``, found by the doc's lemmas: the
    others are never made into Tokens."""
    toks, lemma = tokens(sent.doc), lemmas(sent.doc)
    return [toks[i] for i in range(sent.start, sent.end) if lemma[i] in words]
