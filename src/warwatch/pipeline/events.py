"""Event detection and typing: spaCy Doc -> typed event mentions (ACLED sub-event types).

A mention is a trigger word (a verb or noun of violence, protest, arrest, ...) in a sentence
that states something that happened. Each trigger belongs to a *family* (a fight, a kill, a
capture, an air strike, ...); the family and cues in the sentence choose the ACLED sub-event
type, following the taxonomy's tie-breaks (remote means beat an attack on civilians; a state
actor regains, a non-state actor overtakes; protest + tear gas is a protest with intervention).
Triggers that do not state a past fact (negated, planned, hypothetical, figurative, part of a
general summary or of what a speech talks about) are dropped here. Every mention records the
name of the rule that typed it, so a user can see why.

Actors, places, dates and figures are left to their own stages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Article, Mention, Span
from ..taxonomy import SUB_EVENT_TYPES

# lemma -> family. A family is a kind of trigger; typing turns it into a sub-event type.
TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "clash fight fighting battle skirmish firefight gunfight gunbattle ambush assault offensive repel "
            "repulse counterattack counter-attack counteroffensive engage raid storm besiege"
        ).split(),
        "fight",
    ),
    **dict.fromkeys("attack strike hit target fire raid storm shot gunfire shooting".split(), "attack"),
    **dict.fromkeys("kill murder execute behead massacre slay shoot gun stab".split(), "kill"),
    **dict.fromkeys("lynch lynching".split(), "lynch"),
    **dict.fromkeys("beat torture injure wound hack assault".split(), "harm"),
    **dict.fromkeys("capture seize overrun overran".split(), "capture"),
    **dict.fromkeys("recapture retake regain liberate reclaim".split(), "regain"),
    **dict.fromkeys("airstrike air-strike airstrikes warplane jet bomber helicopter drone".split(), "air"),
    **dict.fromkeys("shell shelling artillery mortar rocket missile howitzer projectile".split(), "shell"),
    **dict.fromkeys("bombard bombardment bomb bombing".split(), "bomb"),
    **dict.fromkeys("ied landmine mine explosive detonate".split(), "ied"),
    **dict.fromkeys("explosion blast".split(), "blast"),
    **dict.fromkeys(["grenade"], "grenade"),
    **dict.fromkeys("chlorine sarin".split(), "chemical"),
    **dict.fromkeys("rape raped raping".split(), "sexual"),
    **dict.fromkeys("abduct kidnap abduction kidnapping hostage".split(), "abduct"),
    **dict.fromkeys(
        "protest protester demonstrate demonstration demonstrator rally march sit-in vigil".split(),
        "protest",
    ),
    **dict.fromkeys("riot rioter mob pelt".split(), "riot"),
    **dict.fromkeys("ceasefire truce".split(), "agreement"),
    **dict.fromkeys("arrest detain apprehend".split(), "arrest"),
    **dict.fromkeys("defuse thwart foil".split(), "disrupt"),
    **dict.fromkeys("loot plunder ransack pillage torch raze vandalize".split(), "loot"),
}

# Multi-word triggers, matched on the lower-cased sentence: regex -> family.
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), family)
    for pattern, family in (
        (r"\bair ?(?:strike|raid|attack|bombardment)s?\b", "air"),
        (r"\b(?:grenade|rocket)[- ]launchers?\b|\brpgs?\b|\banti-tank (?:guided )?missiles?\b", "shell"),
        (r"\bdrone (?:strike|attack)s?\b", "air"),
        (
            r"\bsuicide (?:bomb(?:er|ing)?|attack(?:er)?|vest|car bomb)s?\b|\bblew (?:him|her|them)sel(?:f|ves) up\b",
            "suicide",
        ),
        (r"\b(?:car|truck|roadside|road-side|parcel|motorcycle) bombs?\b|\bvbied\b|\bexplosive device\b", "ied"),
        (r"\bchemical (?:attack|weapon)s?\b|\b(?:toxic|poison|mustard) gas\b", "chemical"),
        (r"\bsexual(?:ly)? (?:violence|assault(?:ed)?|abuse)\b", "sexual"),
        (r"\bcame under (?:heavy )?(?:fire|attack)\b|\bopened fire\b", "attack"),
        (r"\bshoot-?outs?\b|\bgun ?battles?\b|\bfire ?fights?\b", "fight"),
        (
            r"\bexchang(?:ed|e|es|ing) (?:of )?(?:heavy )?(?:fire|gunfire|shots)\b"
            r"|\bfought (?:one another|each other)\b",
            "fight",
        ),
        (r"\b(?:body|bodies|corpse|remains) of\b[^.]{0,60}\b(?:was|were) (?:found|discovered|recovered)\b", "kill"),
        (r"\b(?:was|were) found (?:dead|murdered|killed|shot|beheaded|dismembered)\b", "kill"),
        (r"\b(?:threw|hurled|pelted|throwing|hurling|pelting) (?:stones|rocks|bricks|petrol bombs|molotov)", "riot"),
        (
            r"\bburn(?:ed|t|ing)? (?:tyres|tires)\b"
            r"|\bset (?:fire|ablaze)\b[^.]{0,40}\b(?:police|station|office|vehicle)",
            "riot",
        ),
        (r"\bset (?:\w+ ){0,4}?(?:on fire|ablaze|alight)\b|\bset fire to\b|\bburn(?:ed|t) down\b", "loot"),
        (r"\btook control of\b|\btook over\b|\bfell to\b|\bgained control\b|\btaken (?:a|the|control)\b", "capture"),
        (r"\btaken an? (?:hill|town|village|city|base|district)\b", "capture"),
        (r"\blift(?:ed|ing)? (?:a|the)\b[\w\s-]{0,30}\bsiege\b|\bsecured the\b", "regain"),
        (
            r"\bwithout (?:a fight|resistance|any resistance|fighting|a shot)\b|\bhanded over\b|\bwithdr[ea]w from\b",
            "transfer",
        ),
        (
            r"\bpeace (?:deal|agreement|accord)\b|\bprisoner (?:swap|exchange)\b|\bsigned an? (?:\w+ )?agreement\b",
            "agreement",
        ),
        (r"\bweapons? cache\b|\bseized (?:weapons|arms|ammunition|explosives)\b|\bbomb disposal\b", "disrupt"),
        (
            r"\bset (?:up|fire to)\b[^.]{0,30}\b(?:base|headquarters)\b"
            r"|\bestablished an? (?:\w+ )?(?:base|headquarters)\b",
            "base",
        ),
        (r"\bpledged allegiance\b|\bnew leader\b|\bannounced (?:a |the )?merger\b|\bmerged with\b", "change"),
        (
            r"\b(?:general|hunger) strike\b|\bon strike\b|\btook to the streets?\b|\bchant(?:ed|ing) slogans\b",
            "protest",
        ),
        (
            r"\bstag(?:ed|ing) an? (?:sit-in|demonstration|protest|rally|march|strike)\b"
            r"|\bheld an? (?:\w+ )?(?:sit-in|vigil)\b",
            "protest",
        ),
        (
            r"\bblock(?:ed|ing|aded)? (?:the |a |several |main )?"
            r"(?:road|roads|highway|traffic|entrance|street|streets)\b",
            "protest",
        ),
    )
)

CIVILIAN_TARGETS = frozenset(
    (
        "civilian villager resident farmer herder fisherman fishermen worker teacher student child children "
        "kid boy girl woman women man men people passenger worshipper worshiper pilgrim journalist reporter "
        "doctor nurse patient hospital clinic school market family trader shopkeeper driver displaced refugee "
        "elder chief member supporter person individual politician activist mla mp candidate councillor official "
        "leader developer owner businessman merchant body vendor youth youths resident locals local suspect "
        "villager house home village prisoner detainee"
    ).split()
)
ARMED_TARGETS = frozenset(
    (
        "soldier troop army force police policeman policemen officer militant fighter rebel insurgent "
        "checkpoint base post outpost convoy patrol position militia militiaman militiamen guard gendarme "
        "jihadist terrorist army's military barracks garrison"
    ).split()
)
MEANS = frozenset("air shell suicide ied grenade chemical bomb blast".split())
VIOLENCE = frozenset("attack kill harm".split())  # one-sided or unclear violence, typed by its target
ORGANIZED_ARMED = frozenset(
    "militant fighter rebel insurgent militia militiaman jihadist terrorist gunman soldier troop army military".split()
)
# Weapons and vehicles: triggers only when used (``_instrument_used``), unlike event nouns such as "shelling".
INSTRUMENTS = frozenset(
    "artillery mortar rocket missile howitzer shell jet warplane bomber helicopter drone bomb grenade mine landmine "
    "explosive ied launcher rpg".split()
)
STRIKE_VERBS = frozenset(
    "hit strike kill target bomb pound shell land fall explode detonate destroy damage wound injure attack rain "
    "slam tear rip blow struck".split()
)
FIRE_VERBS = frozenset("fire launch drop lob hurl throw plant detonate explode use carry set".split())
CROWD_CONTROL = frozenset("gas tear teargas smoke rubber stun".split())
EVENT_NOUNS = frozenset("attack strike raid fire blast explosion shelling bombardment barrage bombing".split())
IED_CUES = frozenset("bomb device ied mine landmine explosive car roadside planted vehicle motorcycle".split())
AIR_CUES = frozenset("air airstrike warplane jet aircraft plane bomber helicopter drone airforce".split())
SHELL_CUES = frozenset("shell shelling artillery mortar rocket missile howitzer".split())
INTERVENTION_CUES = frozenset("tear teargas disperse baton cannon arrest detain rubber".split())
RIOT_CUES = frozenset("stone rock torch burn vandalize loot petrol molotov smash riot rioter".split())
STATE_CUES = frozenset("army military troops police government forces soldiers security".split())
DISASTER_CUES = frozenset(
    (
        "earthquake flood landslide cyclone hurricane typhoon storm accident crash collision drown tsunami wildfire"
    ).split()
)
SPORT_CUES = frozenset("match goal striker scored team league football cricket championship tournament".split())
FIGURATIVE_OBJECTS = frozenset(
    (
        "policy decision plan remark comment critic critics proposal idea bill law budget record freedom democracy "
        "right rights constitution sovereignty dignity reputation integrity independence judiciary value values"
    ).split()
)
# Direct fire weapons: with them, fighting between armed sides is a battle, not remote violence.
SMALL_ARMS = re.compile(
    r"small arms|(?:heavy |light )?machine ?guns?|machineguns?|rifles?|snipers?"
    r"|automatic weapons|light weapons|gunfire|gun ?shots"
)
FIGURATIVE_VERBS = frozenset("demonstrate rally".split())  # "the attack demonstrates that ...", "rallied support"
IRREALIS_AUX = frozenset("will would could might may should shall 'll must".split())
INTENT_HEADS = frozenset(
    (
        "plan threaten vow intend want seek hope aim prepare warn call urge pledge promise expect fear try "
        "attempt plot need decide refuse discuss consider press encourage order instruct ask"
    ).split()
)
SPEECH_TOPIC_HEADS = frozenset("refer discuss talk speak mention debate speculate".split())
SPEECH_NOUNS = frozenset("speech interview tweet statement message recording video".split())
AGGREGATE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|(?:19|20)\d\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|the war|the conflict|the uprising|the crisis)|\bso far this year\b|"
    r"\bin total\b|\bacross the (?:country|region|province)\b|\bnationwide\b|"
    r"\bover the past (?:year|decade|months)\b|\bin the (?:preceding|past|last) (?:24|48|72) hours\b"
)
ONGOING = re.compile(
    r"\b(?:is|are) (?:waging|fighting|battling|on the offensive)\b|\b(?:routinely|regularly|frequently|usually|often|"
    r"rarely|repeatedly)\b|\bnotorious for\b|\bknown for\b|\b(?:in|over) (?:recent|the past) (?:weeks|months|years)\b|"
    r"\bfor years\b|\bhas been accused of\b"
)


def rule_detector() -> Callable[[Article, Doc], tuple[Mention, ...]]:
    """Factory of the ``rules.v1`` detector (registered as an entry point)."""
    return detect_events


def detect_events(article: Article, doc: Doc) -> tuple[Mention, ...]:
    """Typed event mentions of one article, in text order."""
    mentions: list[Mention] = []
    previous_type: str | None = None
    for sent in doc.sents:
        found = list(_sentence_mentions(article, sent, previous_type))
        mentions.extend(found)
        if found:
            previous_type = found[-1].sub_event_type
        elif not sent.text.strip():
            previous_type = None
    return tuple(mentions)


def _sentence_mentions(article: Article, sent: SpacySpan, previous_type: str | None) -> Iterable[Mention]:
    lowered = sent.text.lower()
    if _is_background(sent, lowered) or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return  # a summary, a forecast, or a headline without a verb
    triggers: list[tuple[Token, str]] = []
    covered: set[int] = set()
    for pattern, family in PHRASES:
        for match in pattern.finditer(lowered):
            tokens = [t for t in sent if match.start() <= t.idx - sent.start_char < match.end()]
            head = _head_of(tokens) if tokens else None
            if head is not None and _states_fact(tokens[0]) and _weapon_used(head):
                triggers.append((head, family))
            covered.update(t.i for t in tokens)
    triggers += [(tok, f) for tok in sent if tok.i not in covered and (f := _family(tok)) and _states_fact(tok)]
    if not triggers:
        return
    families = {family for _, family in triggers}
    lemmas = {tok.lemma_.lower() for tok in sent}
    means_tokens = [tok for tok, family in triggers if family in MEANS]
    typed = [(tok, *_type_of(family, tok, families, lemmas, previous_type, means_tokens)) for tok, family in triggers]
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


def _same_clause(a: Token, b: Token) -> bool:
    """Whether two triggers belong to one clause (they share their verb; conjoined clauses do not)."""
    return _clause_verb(a) == _clause_verb(b)


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
    if tok.lemma_.lower() in FIGURATIVE_VERBS and any(c.dep_ in {"dobj", "ccomp"} for c in tok.children):
        return None  # "the attack demonstrates that ...", "rallied support": no one took to the streets
    return family if _weapon_used(tok) else None


def _weapon_used(tok: Token) -> bool:
    """A weapon named is not a weapon used: "armed with rockets", "hit a helicopter" state no attack."""
    return tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in INSTRUMENTS or _instrument_used(tok)


def _instrument_used(tok: Token) -> bool:
    """Whether a weapon noun is used in the clause: it strikes, is fired, or names the attack."""
    head = tok.head
    if tok.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in STRIKE_VERBS:
        return True
    if tok.dep_ == "dobj" and head.lemma_.lower() in FIRE_VERBS:
        return True
    if tok.dep_ == "pobj" and head.lower_ in {"with", "by"} and head.head.lemma_.lower() in STRIKE_VERBS | FIRE_VERBS:
        return True
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
    to_inf = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    if to_inf and verb is tok and verb.head.lemma_.lower() not in {"begin", "start", "continue", "manage"}:
        return False  # a purpose or an intention: "an attack to capture the road"
    if any(child.dep_ == "mark" and child.lower_ in {"if", "unless"} for child in verb.children):
        return False
    heads = [verb, *verb.ancestors] if verb is not tok else list(verb.ancestors)
    for ancestor in heads:
        lemma = ancestor.lemma_.lower()
        if lemma in INTENT_HEADS | SPEECH_TOPIC_HEADS:
            return False
        if ancestor.dep_ == "ROOT":
            break
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj", "prep"}]
    objects += [g for c in objects if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return not any(obj.lemma_.lower() in FIGURATIVE_OBJECTS for obj in objects)


def _governing_verb(tok: Token) -> Token | None:
    for ancestor in tok.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _is_background(sent: SpacySpan, lowered: str) -> bool:
    """Sentences that sum up, forecast or talk about something other than a conflict event."""
    words = {tok.lemma_.lower() for tok in sent}
    if words & SPORT_CUES and not words & STATE_CUES:
        return True
    if words & DISASTER_CUES and not words & (STATE_CUES | {"gunman", "militant", "attack", "bomb"}):
        return True
    return bool(AGGREGATE.search(lowered)) or bool(ONGOING.search(lowered))


def _token_at(sent: SpacySpan, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


def _type_of(
    family: str,
    tok: Token,
    families: set[str],
    lemmas: set[str],
    previous_type: str | None,
    means_tokens: list[Token],
) -> tuple[str | None, str]:
    """ACLED sub-event type of one trigger, with the name of the rule that chose it."""
    means = _means(families, lemmas)
    if family in MEANS:
        if family == "bomb" and not lemmas & (AIR_CUES | SHELL_CUES) and previous_type in _REMOTE:
            return previous_type, "means:bomb:continues-previous"
        return (means or "Shelling/artillery/missile attack"), f"means:{family}"
    if family in VIOLENCE:
        if any(_same_clause(tok, other) for other in means_tokens):
            return None, "absorbed-by-means"  # the remote-violence mention of this clause carries it
        if "protest" in families or "riot" in families:
            return None, "absorbed-by-protest"
        target = _target_kind(tok) or _sentence_targets(tok)
        if family == "attack" and previous_type in _REMOTE and target != "armed":
            return previous_type, f"{family}:continues-previous"  # remote violence beats an attack on civilians
        if target == "civilian" or (family in {"kill", "harm"} and target is None):
            return "Attack", f"{family}:civilian-target"
        return "Armed clash", f"{family}:armed-target"
    if family == "fight":
        nouns = {t.lemma_.lower() for t in _participants(tok)}
        if nouns & CIVILIAN_TARGETS and not nouns & ORGANIZED_ARMED:
            return "Mob violence", "fight:unorganised-sides"  # villagers, supporters or a crowd, not armed groups
        return "Armed clash", "fight"
    if family in {"capture", "regain"}:
        if "transfer" in families:
            return "Non-violent transfer of territory", f"{family}:without-fight"
        if family == "regain" or _state_subject(tok):
            return "Government regains territory", f"{family}:state-actor"
        return "Non-state actor overtakes territory", f"{family}:non-state-actor"
    if family == "protest":
        return _protest_type(lemmas, families), "protest"
    if family == "disrupt" and _target_kind(tok) == "attack":
        return "Armed clash", "disrupt:repelled-attack"  # "foiled the attack" while it was fought off
    if family == "riot":
        return ("Mob violence" if "mob" in lemmas else "Violent demonstration"), "riot"
    return _SIMPLE.get(family), family


_REMOTE = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e == "Explosions/Remote violence")
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


def _protest_type(lemmas: set[str], families: set[str]) -> str:
    if lemmas & RIOT_CUES or "riot" in families or "loot" in families:
        return "Violent demonstration"
    if lemmas & {"kill", "shoot", "die", "dead", "live", "ammunition", "bullet"} and lemmas & {"police", "force"}:
        return "Excessive force against protesters"
    if lemmas & INTERVENTION_CUES or "arrest" in families:
        return "Protest with intervention"
    return "Peaceful protest"


def _target_kind(tok: Token) -> str | None:
    """Whether the trigger's object (or the killed) are civilians, armed people, or an attack itself."""
    nouns = [w.lemma_.lower() for w in _object_nouns(tok)]
    if nouns and nouns[0] in {"attack", "assault", "offensive", "advance", "counterattack", "attempt"}:
        return "attack"
    if any(n in CIVILIAN_TARGETS for n in nouns):
        return "civilian"
    if any(n in ARMED_TARGETS for n in nouns):
        return "armed"
    return None


def _sentence_targets(tok: Token) -> str | None:
    """The kind of people a sentence is about, apart from the attackers, when the trigger's object says nothing."""
    agents = {w.i for a in _agents(tok) for w in a.subtree}
    nouns = {t.lemma_.lower() for t in tok.sent if t.pos_ in {"NOUN", "PROPN"} and t.i not in agents}
    if nouns & CIVILIAN_TARGETS:
        return "civilian"
    return "armed" if nouns & ARMED_TARGETS else None


def _agents(tok: Token) -> list[Token]:
    """Who does it: the subject of the trigger's verb, or "by X" after a nominal trigger."""
    verb = _clause_verb(tok)
    found = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    found += [c for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"]
    if tok.pos_ in {"NOUN", "PROPN"}:  # "a police raid", "the army's attack": the modifier does it
        found += [c for c in tok.children if c.dep_ in {"compound", "poss", "nmod"}]
    return found


def _participants(tok: Token) -> list[Token]:
    """The nouns naming who fought: the fight's subject, and "between/with/among X" after it."""
    verb = _clause_verb(tok)
    heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    heads += [
        c
        for node in (tok, verb)
        for c in node.children
        if c.dep_ == "prep" and c.lower_ in {"between", "with", "among"}
    ]
    return [w for head in heads for w in head.subtree if w.pos_ in {"NOUN", "PROPN"}]


def _object_nouns(tok: Token) -> list[Token]:
    """The nouns a trigger is done to; "by X" and the modifier of a noun ("a police raid") are who does it."""
    nominal = tok.pos_ in {"NOUN", "PROPN"}
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by" or child.dep_ == "compound" and nominal:
            continue
        if child.dep_ in {"dobj", "nsubjpass", "pobj", "prep", "compound", "attr"}:
            found.extend(w for w in child.subtree if w.pos_ in {"NOUN", "PROPN"})
    if tok.dep_ in {"nsubjpass"}:
        found.append(tok)
    if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        found.append(tok.head)
    return found


def _state_subject(tok: Token) -> bool:
    """True when the agent of a capture is the state (army, government forces, police)."""
    verb = tok if tok.pos_ == "VERB" else _governing_verb(tok) or tok
    agents = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    while agents:
        agent = agents.pop()
        words = {w.lemma_.lower() for w in agent.subtree}
        if words & STATE_CUES and not words & {"rebel", "militant", "insurgent", "jihadist"}:
            return True
        if agent.lemma_.lower() == "it" and agent.head != verb:
            continue
    return False
