"""Whether an event trigger states a past fact: the events stage's filter of non-events.

A trigger does not state a fact when it is negated ("did not attack", "no explosion"), denied ("denied
that its jets had bombed ..."), reported false, planned, foiled, conditional, a purpose or an intention,
what a speech or a film is about, compared with or answered ("in retaliation for the attack on ..."),
figurative ("attacked the budget"), or part of a running total or a habit ("has killed 10,000 people this
year", "routinely shells"); a sentence about sport or a natural disaster tells no conflict event; and
deaths that an accident or an ordinary offender caused, and arrests for an ordinary crime, are no
political violence (``mishap``).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .event_roles import clause_verb, governing_verb
from .event_words import (
    AGGREGATE,
    CAUSE_HEADS,
    COMPARISON_HEADS,
    DENIAL_HEADS,
    DISASTER_CUES,
    FALSE_WORDS,
    FIGURATIVE_OBJECTS,
    FIRES,
    FOILED_HEADS,
    INDUSTRIAL,
    INTENT_HEADS,
    IRREALIS_AUX,
    MEANS,
    MISHAP_CAUSES,
    MISHAP_DOERS,
    MISHAP_VERBS,
    OFFENDERS,
    ONGOING,
    PETTY_CRIMES,
    PURPOSE_EVENTS,
    REPORT_NOUNS,
    SO_FAR,
    SPEECH_TOPIC_HEADS,
    SPORT_CUES,
    STATE_CUES,
    TRIGGERS,
    UNREALISED,
    VIOLENCE,
    WHOLE_CONFLICTS,
)


def states_fact(tok: Token) -> bool:
    """False for negated, planned, conditional, purpose, figurative or reported-topic triggers."""
    if _denied(tok) or _reported_false(tok) or any(_negated_noun(a) for a in (tok, *tok.ancestors)):
        return False  # "denied that its jets had bombed", "reports of a kidnapping were false", "no explosion"
    if any(a.dep_ == "prep" and a.lower_ == "about" and a.head.pos_ == "NOUN" for a in tok.ancestors):
        return False  # "a documentary about the massacre": its topic
    verb = tok if tok.pos_ in {"VERB", "AUX"} else governing_verb(tok)
    if verb is None:
        return True
    for node in (tok, verb):
        if any(child.dep_ == "neg" for child in node.children):
            return False
    if any(child.dep_ == "aux" and child.lower_ in IRREALIS_AUX for child in verb.children):
        return False
    if any(a.lemma_.lower() in COMPARISON_HEADS | CAUSE_HEADS for a in tok.ancestors) or _answered(tok):
        return False  # "comparisons with the assault on ...", "in retaliation for the attack on ...": told before
    if any(a.dep_ == "prep" and a.lower_ in {"for", "over"} and family_of(a.head) == "arrest" for a in tok.ancestors):
        return False  # "arrested for organising the march": the reason for an arrest, done before it
    auxes = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if verb.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have", "had"}:
        return False  # "which they have been protesting": an ongoing state, not a dated event
    if auxes & {"has", "have"} and verb.tag_ == "VBN" and _sums_up(verb):
        return False  # "the conflict has killed 10,000 people", "attacks have killed 50 this year": a running total
    to_inf = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    kept = verb.head.lemma_.lower() in {"begin", "start", "continue", "manage"} or family_of(tok) in PURPOSE_EVENTS
    if to_inf and verb is tok and not kept:
        return False  # a purpose or an intention: "an attack to capture the road"
    if any(child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"} for child in verb.children):
        return False
    heads = [verb, *verb.ancestors] if verb is not tok else list(verb.ancestors)
    for ancestor in heads:
        lemma = ancestor.lemma_.lower()
        if lemma in INTENT_HEADS | SPEECH_TOPIC_HEADS or (lemma in FOILED_HEADS and _never_used(tok)):
            return False
        if ancestor.dep_ == "ROOT":
            break
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj", "prep"}]
    objects += [g for c in objects if c.dep_ == "prep" and c.lower_ in {"on", "against"} for g in c.children]
    if family_of(tok) == "protest":
        return True  # "demonstrated against the plan": what protests are about
    return not any(obj.lemma_.lower() in FIGURATIVE_OBJECTS for obj in objects)


def is_background(sent: SpacySpan, lemmas: frozenset[str]) -> bool:
    """Sentences about something other than a conflict event: sport, natural disasters (named by nouns: a storm,
    not protesters who stormed a building)."""
    if lemmas & SPORT_CUES and not lemmas & STATE_CUES:
        return True
    disasters = {t.lemma_.lower() for t in sent if t.pos_ in {"NOUN", "PROPN"}} & DISASTER_CUES
    return bool(disasters and not lemmas & (STATE_CUES | {"gunman", "militant", "attack", "bomb"}))


def summarised(sent: SpacySpan, lowered: str) -> set[int]:
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
            verb = clause_verb(tok)
            verbs.update(w.i for w in verb.subtree)
    return verbs


def mishap(tok: Token) -> bool:
    """Deaths that an accident or an ordinary offender caused, and arrests for an ordinary crime: ACLED codes
    political violence, so "a bus plunged into a ravine, killing 12", "a gas cylinder explosion killed three",
    "robbers shot dead a shopkeeper" and "arrested for stealing phones" are no events."""
    verbs = [clause_verb(tok)]
    verbs += [c for c in verbs[0].children if c.dep_ == "advcl"]  # "were killed when a bus collided with a tanker"
    if verbs[0].dep_ in {"advcl", "acl"} and not any(c.dep_.startswith("nsubj") for c in verbs[0].children):
        head = verbs[0].head  # "A truck overturned, killing six": the participle's doer is the clause's above
        verbs += [head, *(c for c in head.children if c.dep_ in {"acl", "relcl"})] if head.pos_ == "NOUN" else [head]
    if any(v.lemma_.lower() in MISHAP_VERBS for v in verbs):
        return True
    doers = [c for v in verbs for c in v.children if c.dep_ == "nsubj"] + [v for v in verbs if v.pos_ == "NOUN"]
    deaths = any(family_of(t) in {"kill", "harm"} for t in (tok, *verbs))  # "a fire ... killed 17"
    if any(_mishap_doer(doer, deaths) for doer in doers) or (tok.pos_ == "NOUN" and _mishap_blast(tok)):
        return True
    if family_of(tok) != "arrest":
        return False
    crimes = {w.lemma_.lower() for w in tok.subtree}  # "arrested for stealing", "men suspected of robbing a shop"
    return bool(crimes & PETTY_CRIMES) and not any(family_of(w) in VIOLENCE | MEANS for w in tok.subtree if w != tok)


def family_of(tok: Token) -> str | None:
    return TRIGGERS.get(tok.lemma_.lower()) or TRIGGERS.get(tok.lower_)


def _mishap_doer(noun: Token, deaths: bool) -> bool:
    """Robbers; and, of deaths, lightning, a drunk driver, a fire or an explosion that nothing ties to a weapon."""
    lemma = noun.lemma_.lower()
    if lemma in OFFENDERS or _mishap_blast(noun):
        return True
    if not deaths:
        return False  # "the drivers attacked police officers": people who attack are no accident
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in {"compound", "amod"} or (c.dep_ == "prep" and c.lower_ not in {"at", "in"})
    ]
    return lemma in MISHAP_DOERS or (lemma in FIRES and not modifiers)  # not "artillery fire", "fire from troops"


def _mishap_blast(noun: Token) -> bool:
    """A gas cylinder explosion, a house fire: what burned or blew up was no weapon."""
    modifiers = {w.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"} for w in c.subtree}
    sites = {
        w.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ in {"at", "in"} for w in c.subtree
    }
    return noun.lemma_.lower() in FIRES and bool(modifiers & MISHAP_CAUSES or sites & INDUSTRIAL)


def _sums_up(verb: Token) -> bool:
    """A perfect tense sums up when it counts over a period so far or a whole conflict does it (see SO_FAR)."""
    doers = {w.lemma_.lower() for c in verb.children if c.dep_ == "nsubj" for w in (c, *c.children)}
    return bool(doers & WHOLE_CONFLICTS) or bool(SO_FAR.search(verb.sent.text.lower()))


def _negated_noun(tok: Token) -> bool:
    """ "No attacks were reported", "no chance of capturing", "no reports of fighting"."""
    return tok.pos_ == "NOUN" and any(c.lower_ == "no" for c in tok.children)


def _reported_false(tok: Token) -> bool:
    """Whether the trigger is what a report said, and the report is called false."""
    for report in (a for a in tok.ancestors if a.lemma_.lower() in REPORT_NOUNS):
        verb = report.head
        if any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in FALSE_WORDS for c in verb.children):
            return True
    return False


def _denied(tok: Token) -> bool:
    """Whether the trigger is what a denial disputes: a clause or a report after "deny" (see DENIAL_HEADS)."""
    disputed = False
    for node in (tok, *tok.ancestors):
        if node.head.lemma_.lower() in DENIAL_HEADS and node.head.i < node.i:
            return disputed or node.dep_ == "ccomp" or node.lemma_.lower() in REPORT_NOUNS
        disputed = disputed or node.dep_ == "ccomp" or node.lemma_.lower() in REPORT_NOUNS
    return False


def _never_used(tok: Token) -> bool:
    """Under "foiled": a bomb, a suicide attack or a planned attack never happened; an attack that was "foiled"
    without such words was fought off (a battle, typed by the events stage's disrupt rule)."""
    attack = tok.head if tok.dep_ in {"amod", "compound"} else tok  # a phrase trigger's first word: "suicide"
    planned = any(c.dep_ in {"amod", "compound"} and c.lower_ in UNREALISED for c in attack.children)
    return planned or family_of(attack) in MEANS


def _answered(tok: Token) -> bool:
    """Whether the trigger is what an event answered, with "for"/"to" parsed beside "in retaliation"."""
    for ancestor in tok.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in {"for", "to"}:
            siblings = [c for c in ancestor.head.children if c.dep_ == "prep" and c != ancestor]
            if any(g.lemma_.lower() in CAUSE_HEADS for c in siblings for g in c.children):
                return True
    return False


def _token_at(sent: SpacySpan, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None
