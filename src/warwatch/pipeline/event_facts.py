"""Whether an event trigger states a past fact: the events stage's filter of non-events.

A trigger does not state a fact when it is negated ("did not attack", "no explosion"), denied ("denied
that its jets had bombed ..."), reported false, planned, foiled, conditional, a purpose or an intention,
what a speech or a film is about, compared with or answered ("in retaliation for the attack on ..."),
figurative ("attacked the budget", "a blistering attack on the minister", "a bear raid on the bank's shares",
"fired 300 workers", "shot a music video"), done to computers (a cyber attack, hackers), a drill or a weapons
test ("fired blank rounds during an exercise"), or part of a running total or a habit ("has killed 10,000
people this year", "routinely shells"); a sentence about sport or a natural disaster tells no conflict event;
and deaths or damage that an accident or an ordinary offender caused, and arrests and raids for an ordinary
crime, are no political violence (``mishap``).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import takewhile

from spacy.symbols import VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .event_roles import NOUN_TAGS, clause_verb, direct_objects, governing_verb, names_armed_group
from .event_words import (
    ACCIDENTS,
    ACCUSING,
    ACQUAINTANCES,
    AGENDAS,
    AGGREGATE,
    AGREEMENT_VERBS,
    AMMUNITION,
    ARENAS,
    ARMED_CUES,
    ARMED_TARGETS,
    ARMED_VIOLENCE_FAMILIES,
    ATTACKER_CUES,
    CAUSE_HEADS,
    CHARGE_HEADS,
    CHARGE_PREPS,
    CHASMS,
    CIVILIAN_TARGETS,
    COMPARISON_HEADS,
    COMPUTER_TARGETS,
    CRIMES,
    CROWD,
    CRUDE_WEAPONS,
    CYBER_WORDS,
    DENIAL_HEADS,
    DEPICTING,
    DISASTER_CUES,
    DUMMY_ROUNDS,
    EXERCISES,
    FALSE_WORDS,
    FICTION,
    FIGURATIVE_MODIFIERS,
    FIGURATIVE_OBJECTS,
    FINANCE_CUES,
    FIREFIGHTERS,
    FIRES,
    FOILED_HEADS,
    FREQUENCIES,
    GAME_WORDS,
    GATHERINGS,
    HACKERS,
    INDUSTRIAL,
    INTENT_HEADS,
    IRREALIS_AUX,
    LINKING_VERBS,
    LULLS,
    MARKET_PLAYERS,
    MEANS,
    MEASURE_KINDS,
    MEASURES,
    MEMBER_NOUNS,
    MISHAP_CAUSES,
    MISHAP_DOERS,
    MISHAP_VERBS,
    OFFENDERS,
    OFTEN,
    ONGOING,
    ORGANIZED_ARMED,
    PAST_CONFLICTS,
    PAST_PERIOD,
    PETTY_CRIMES,
    PHYSICAL_CUES,
    POLITICAL_MATTERS,
    POLITICAL_PEOPLE,
    PRIVATE_SETTINGS,
    PURPOSE_EVENTS,
    QUARRELS,
    RECORDING,
    REPORT_NOUNS,
    RESULT_VERBS,
    SEARCHES,
    SERIES,
    SITE_HEADS,
    SO_FAR,
    SPANS,
    SPEECH_SETTINGS,
    SPEECH_TOPIC_HEADS,
    SPORT_CUES,
    STAFF,
    STATE_CUES,
    TOPIC_VERBS,
    TREND_VERBS,
    TRENDS,
    TRIAL_NOUNS,
    TRIGGERS,
    UNREALISED,
    VIOLENCE,
    WEAPONS,
    WHOLE_CONFLICTS,
    WORD_FIGHTERS,
    WORD_VOLLEYS,
    WORKS,
)
from .nlp import compared, in_doc, lowers, per_doc, pos_tags, sentences, span_text, text_of, tokens
from .nlp import lemmas as doc_lemmas


def states_fact(tok: Token, family: str | None = None) -> bool:
    """False for negated, planned, conditional, purpose, figurative or reported-topic triggers; ``family`` is the
    trigger's when it is a phrase ("came under fire": an attack), else its word's."""
    negated = in_doc(tok, "no") and any(_negated_noun(a) for a in (tok, *tok.ancestors))
    if _denied(tok) or _reported_false(tok) or negated:
        return False  # "denied that its jets had bombed", "reports of a kidnapping were false", "no explosion"
    if in_doc(tok, "about") and any(
        a.dep_ == "prep" and a.lower_ == "about" and (a.head.pos_ == "NOUN" or a.head.dep_ == "acl")
        for a in tok.ancestors
    ):
        return False  # "a documentary about the massacre", "reports circulating online about a blast": its topic
    if in_doc(tok, "without") and without(tok):
        return False  # "left without agreeing to a truce", "took the town without a fight"
    if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in {"demonstration", "display", "simulation"}:
        return False  # "demonstrations of storming a position": a show of skill
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"flee", "escape"}:
        return False  # "refugees fleeing fighting": what drove them out, told as background
    if tok.dep_ in {"nsubj", "csubj"} and tok.head.lemma_.lower() in LULLS and family_of(tok) != "protest":
        return False  # "once fighting in the area died down": a lull, not an event
    if _halted(tok):
        return False  # "the truce largely halted air strikes and major offensives": what stopped, not what happened
    if _backdrop(tok):
        return False  # "..., as fighting between the army and the militia intensified": the war around an incident
    if any(c.dep_ == "advmod" and c.lower_ in _IN_WORDS for c in tok.children):
        return False  # "the coast guards clashed verbally"
    if tok.pos_ == "NOUN" and any(c.lower_ in _OF_THE_KIND and c.dep_ in {"amod", "predet"} for c in tok.children):
        return False  # "the fourth such explosion this year", "similar attacks": others of the kind, no new incident
    if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SITE_HEADS and _with_the(tok):
        return False  # "based on the location of the attack": the place of an incident told, no new one
    if tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_.lower() in _WRITING:
        return False  # "an outlet that has reported on the kidnappings": what someone writes about, no incident
    if tok.tag_ == "NNS" and any(c.lower_ == "most" and c.dep_ in {"amod", "advmod", "det"} for c in tok.children):
        return False  # "Guanajuato again had the most killings": a ranking of places by their dead, no incident
    if tok.dep_ == "acl" and tok.head.head.lower_ == "of" and tok.head.head.head.lemma_.lower() in _COUNTS:
        return False  # "the number of people killed in Sudan's war is far higher": a count, no incident
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in _WHAT_THEY_WANT:
        return False  # "early elections, the protesters' main demand": who wants it, no protest told
    if tok.head.lower_ == "of" and _arena(tok.head.head):
        return False  # "the region has become a major theatre of fighting": what the place is, no incident
    verb = tok if tok.pos_ in {"VERB", "AUX"} else governing_verb(tok)
    if verb is None:
        return True
    own = family_of(tok)
    for node in (tok, verb):
        if any(child.dep_ == "neg" for child in node.children):
            return False
    if _left_open(verb):
        return False  # "the ministry did not specify how many of them had been killed": told elsewhere, if at all
    if in_doc(tok, "no") and any(c.dep_ in {"nsubj", "nsubjpass"} and _negated_noun(c) for c in verb.children):
        return False  # "no shells were fired", "no one was killed"
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"nobody", "none"} for c in verb.children):
        return False  # "nobody was injured"
    if tok is verb and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in WHOLE_CONFLICTS for c in verb.children):
        return False  # "Sudan's war is increasingly fought along ethnic lines": how a war goes, no incident
    doers = _doers(tok)
    # what a relative clause tells of: "the 1988 massacre (that) killed ...", "the 2019 protest movement, during which
    # forces killed 600 demonstrators"
    told_of = [n for clause in (tok, verb) if clause.dep_ in {"acl", "relcl"} for n in _antecedents(clause)]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    above = [a for n in told_of for a in takewhile(_in_noun_phrase, n.ancestors)]  # "fighting over land that killed"
    if any(_a_period(n) for n in (tok, *told_of, *above, *subjects)):
        return False  # "ending weeks of fighting that killed 20", "two weeks of clashes have killed 40": a tally
    if in_doc(tok, TRIAL_NOUNS) and any(a.lemma_.lower() in TRIAL_NOUNS for a in tok.ancestors):
        return False  # "upheld the convictions of two men who supplied the truck that killed 86": a trial
    named = [tok.head] if tok.dep_ == "compound" else []  # "a 2008 bomb blast"
    if tok.pos_ == "VERB" and any(_before_our_time(g) for c in tok.children if c.lower_ == "in" for g in c.children):
        return False  # "soldiers killed at the Battle of Lützen in 1632"
    if _charged(tok) or _long_ago(verb) or _habitual(tok) or any(_history(n) for n in (tok, *named, *told_of, *doers)):
        return False  # "sentenced over the killing of ...", "the 1994 genocide killed ...": a trial, history
    if with_as_result(tok):
        return False  # "the group has been weakened, with most of its leaders killed or captured": a state
    if _since_when(verb) or (tok.head.lower_ == "since" and tok.dep_ == "pobj" and not _day_named(tok.head)):
        return False  # "an insurgency since militants first attacked", "died since the kidnapping": a period's start
    if own in {"kill", "harm"} and counted_since(tok):
        return False  # "670 people killed since Israel resumed its attacks": a count of a period, not an incident
    once = tok.dep_ == "relcl" and own in _VIOLENCE_OR_FIGHT and not _day_named(tok)
    if once and _pluperfect(tok):
        return False  # "soldiers who had fought in Ukraine marched": who they are, told by what they once did
    led = verb is not tok and verb.dep_ == "relcl" and own == "protest" and not _day_named(verb)
    if led and _pluperfect(verb):
        return False  # "an activist who had organised protests was detained": who she is, by what she once led
    does = (once or (tok.dep_ == "relcl" and own == "release")) and tok.tag_ in {"VBP", "VBZ"}
    if does and not any(c.dep_ == "aux" for c in tok.children):
        return False  # "the Houthis, who besiege parts of the city, did not comment", "the body that publishes
        # military statements": what they do, no incident
    if _headline_plan(verb):
        return False  # "Army to launch offensive": a headline's future
    clauses = [verb]  # "fighting could resume", "would keep fighting until Hamas was destroyed"
    while clauses[-1].dep_ in {"csubj", "xcomp"} or _until(clauses[-1]):
        clauses.append(clauses[-1].head)
    if any(child.dep_ == "aux" and child.lower_ in IRREALIS_AUX for v in clauses for child in v.children):
        return False
    if in_doc(tok, _TOLD_BEFORE) and (any(a.lemma_.lower() in _TOLD_BEFORE for a in tok.ancestors) or _answered(tok)):
        return False  # "comparisons with the assault on ...", "in retaliation for the attack on ...": told before
    if _felt_about(tok) and not _day_named(tok):
        return False  # "anger has shifted to police brutality and abductions of critics": what people feel about
    if _time_told_by(tok):
        return False  # "on Wednesday, the day after the attack", "hours before the strike": a time, by an event told
    if any(a.dep_ == "prep" and a.lower_ in {"for", "over"} and _reacts(a.head) for a in tok.ancestors):
        return False  # "arrested for organising the march", "sanctions over the killing": a reason, done before it
    if _future(tok):
        return False  # "announced a march for next week"
    shared = verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children)
    clause = verb.head if shared else verb  # "has displaced and killed": the conjunct shares its head's auxiliary
    auxes = {child.lower_ for child in (*verb.children, *clause.children) if child.dep_ == "aux"}
    if verb.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have", "had"}:
        return False  # "which they have been protesting": an ongoing state, not a dated event
    if auxes & {"has", "have", "had"} and (verb.tag_ == "VBN" or shared) and _sums_up(clause, "had" in auxes):
        return False  # "the conflict has killed 10,000 people", "attacks have killed 50 this year": a running total
    if auxes & {"has", "have"} and verb.tag_ == "VBN" and own in _DONE_TO_KINDS and _kind_of_deed(clause):
        return False  # "the strikes have also killed civilians": what such strikes do, no incident
    if auxes & {"has", "have"} and verb.tag_ == "VBN" and own in _TAKING and _share_taken(clause):
        return False  # "the group has regained much of the territory it lost": a summary, no incident
    if in_doc(tok, RECORDING) and any(a.lemma_.lower() in RECORDING and _thousands(a) for a in tok.ancestors):
        return False  # "monitors have recorded more than 18,800 people killed in the fighting": a war's tally
    if auxes & {"has", "have"} and verb.tag_ == "VBN" and _tallied(verb):
        return False  # "hundreds of civilians have been killed in drone strikes": many incidents summed, on no day
    if (period := _over_months(verb)) is not None and not _day_named(verb, besides=period):
        return False  # "300 civilians were killed over the past three months": a period's tally, in any tense
    to_inf = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    purpose = own in PURPOSE_EVENTS and not (verb.dep_ == "acl" and verb.head.pos_ == "NOUN")  # not "the right to"
    kept = verb.head.lemma_.lower() in _INFINITIVE_DONE or purpose or _done_as_told(verb)
    kept |= (family or own) == "agreement" and verb.head.lemma_.lower() in AGREEMENT_VERBS  # agreed to swap
    if to_inf and verb is tok and not kept:
        return False  # a purpose or an intention: "an attack to capture the road"
    if to_inf and verb.head.lemma_.lower() in _READY:
        return False  # "the group was ready to sign a ceasefire", "willing to attack": a disposition, nothing done
    if verb is tok and _under_an_infinitive(verb):
        return False  # "failed to help them fight jihadists", "sent troops to let them retake the town"
    if _conditional(verb) or _in_case_of(tok) or _anyone(tok, verb) or _imperative(verb):
        return False
    below = tok
    for ancestor in tok.ancestors:  # and the words between a noun and its verb: "capable of attacks"
        lemma = ancestor.lemma_.lower()
        if lemma in _ATTEMPTS and (family or own) == "protest":
            continue  # "activists who tried to march on parliament were detained": the crowd was out
        fronted = below.dep_ == "prep" and below.i < ancestor.i  # "In a message released on Monday, X urged ...": a
        if not fronted and (lemma in _UNTOLD_HEADS or (lemma in FOILED_HEADS and _never_used(tok))):  # circumstance
            return False
        if ancestor.dep_ == "ROOT":
            break
        below = ancestor
    if (
        tok.dep_ == "nsubj"
        and tok.head.lemma_.lower() in TOPIC_VERBS
        and any(o.lemma_.lower() in AGENDAS for o in direct_objects(tok.head))
    ):
        return False  # "with the fighting in Congo dominating the agenda": a topic of talks
    if tok.dep_ == "pobj" and tok.head.lower_ in {"on", "about", "over"} and _talks(tok.head.head):
        return False  # "held talks on cross-border raids", "a meeting on the attacks": a topic of talks
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj", "prep"}]
    objects += [g for c in objects if c.dep_ == "prep" and c.lower_ in {"on", "against"} for g in c.children]
    if _in_a_work(tok):
        return False  # "the film's shootouts", "an episode featuring a shootout": fiction
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _TO_COME for c in tok.children):
        return False  # "ahead of planned opposition rallies"
    if tok.pos_ == "NOUN" and _only_planned(tok):
        return False  # "saying a rally they had planned for Monday was illegal"
    if _remembered(tok):
        return False  # "recalls the civil war massacres", "the mall attack remembered 11 years on"
    if any(d.lemma_.lower() in _WHOLE_WARS | SERIES for d in doers):
        return False  # "the war killed hundreds of thousands", "hit by a wave of violence": a toll, not an incident
    if _foreseen(tok):
        return False  # "an assault becomes very likely"
    if _share_of_many(tok) or _per_place_count(tok) or _activity_named(tok) or _fought_for_a_cause(tok):
        return False  # "most of the killings", "registered one killing each", "the cost of protesting": no incident
    if own in {"kill", "harm"} and _rate(tok):
        return False  # "80 murders a day": a rate of deaths
    if (family or own) == "protest":
        return True  # "demonstrated against the plan", "a strike against the tax": what protests are about
    arrested = own == "arrest"  # "detained the mayor on corruption charges": what he is charged with, not a target
    if not arrested and any(_object_name(obj) in _NO_VIOLENCE_DONE_TO for obj in objects):
        return False  # "attacked the budget", "an attack on the tax portal", "fired a broadside at the bank"
    return not (_figurative(tok, objects, doers) or _in_words(tok, family or own, doers) or _rehearsed(tok))


def _share_of_many(tok: Token) -> bool:
    """ "attributed most of the killings to dissidents", "half of the attacks": a share of many incidents (not of
    people: "most of the protesters were detained" tells of the protest)."""
    if tok.tag_ != "NNS" or tok.lower_.endswith(("ers", "ors", "ants", "ists")):
        return False
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _SHARES


def _per_place_count(tok: Token) -> bool:
    """ "Brazil and Peru also registered at least one killing each": a count per country, a statistic."""
    verb = tok.head
    return verb.lemma_.lower() in RECORDING and any(c.lower_ == "each" for c in (*tok.children, *verb.children))


def _rate(tok: Token) -> bool:
    """ "An average of 80 murders a day", "gunmen kill two people per week": a rate, no incident."""
    for word in (tok, *(c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"})):
        for c in word.children:
            per = c.dep_ == "npadvmod" and c.i > word.i and c.lemma_.lower() in _UNITS
            if per and [d.lower_ for d in c.children] in (["a"], ["an"], ["each"], ["every"]) and not _then(c):
                return True  # "80 murders a day"
            if c.lower_ == "per" and any(g.lemma_.lower() in _UNITS for g in c.children):
                return True  # "two people per week"
    return False


_UNITS = frozenset("day week month year".split())


def _then(unit: Token) -> bool:
    """ "a day after the raid", "a week earlier": a time told from another, not a rate."""
    after = unit.nbor() if unit.i + 1 < len(unit.doc) else None
    return after is not None and after.lower_ in {"after", "before", "later", "earlier", "ago"}


def _activity_named(tok: Token) -> bool:
    """ "the cost of protesting", "the right of fighting back": an activity named, not one done."""
    prep = tok.head
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and prep.head.lemma_.lower() in _ACTIVITY_HEADS


def _fought_for_a_cause(tok: Token) -> bool:
    """ "rebels are fighting for greater autonomy": what a struggle is for, on no day, not a battle ("fighting for
    control of the town" is one)."""
    causes = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children]
    return family_of(tok) == "fight" and any(g.lemma_.lower() in _CAUSES for g in causes) and not _day_named(tok)


def _object_name(noun: Token) -> str:
    """A noun's lemma, with its compound when that makes a name of two words: "box office", not "the police office"."""
    lemma = noun.lemma_.lower()
    compounds = [c.lower_ for c in noun.children if c.dep_ == "compound"]
    name = f"{compounds[-1]} {lemma}" if compounds else lemma
    return name if name in FIGURATIVE_OBJECTS else lemma


def _in_a_work(tok: Token) -> bool:
    """Whether a trigger noun is a scene of a film, a show or a book: owned by one ("the film's shootouts") or what
    one features ("an episode featuring a shootout")."""
    noun = tok.head if tok.dep_ == "compound" else tok  # "shoot-outs"
    if noun.pos_ != "NOUN":
        return False
    nouns = [noun, *([noun.head] if noun.dep_ == "conj" else [])]  # "the film's chase sequences and shootouts"
    owners = [c for n in nouns for c in n.children if c.dep_ in {"poss", "compound"}]
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head  # "features car chases, shoot-outs and an assault", "demonstrated an assault"
    shown = first.dep_ == "dobj" and first.head.lemma_.lower() in DEPICTING
    listed = first is not noun and first.lemma_.lower() in FICTION  # (the parser's "the film, ..., shoot-outs and")
    return shown or listed or any(o.lemma_.lower() in FICTION for o in owners)


def _remembered(tok: Token) -> bool:
    """What is recalled, remembered or commemorated happened before the report."""
    noun = tok.head if tok.dep_ == "compound" else tok
    marked = [c for c in noun.children if c.dep_ == "acl"]
    marked += [noun.head] if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} else []  # "the mall attack remembered"
    return noun.pos_ in {"NOUN", "PROPN"} and any(v.lemma_.lower() in _REMEMBERING for v in marked)


def _foreseen(tok: Token) -> bool:
    """ "An assault becomes likely", "attacks are possible": what may come, told as a prospect."""
    if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in LINKING_VERBS:
        return False
    return any(c.dep_ == "acomp" and c.lemma_.lower() in _PROSPECTS for c in tok.head.children)


def _reacts(head: Token) -> bool:
    """An arrest or a measure (sanctions imposed), whose reasons were done before it."""
    measures = [head, *direct_objects(head)]
    return family_of(head) == "arrest" or any(m.lemma_.lower() in MEASURES for m in measures)


def _future(tok: Token) -> bool:
    """Whether the trigger, or its clause, is dated to a time to come: "a march for next week", "strikes tomorrow"."""
    if not in_doc(tok, _FUTURE_WORDS):
        return False
    verb = clause_verb(tok)
    phrases = [c for c in (tok, *([] if verb is tok else [verb])) for c in c.children if c.dep_ in _WHEN_DEPS]
    times = [g for p in phrases for g in (p.children if p.dep_ == "prep" else (p,)) if g.dep_ != "prep"]
    return any(t.lower_ == "tomorrow" or _next_time(t) for t in times)  # not "a week before next month's vote"


def _next_time(time: Token) -> bool:
    """ "next week", "the coming days": a time to come named by its modifier; not "the next day" of a story told, a
    day after another."""
    modifiers = {c.lower_ for c in time.children}
    if time.lemma_.lower() not in _TIME_UNITS or {"the", "next"} <= modifiers:
        return False
    return not modifiers.isdisjoint(_FUTURE_WORDS)


def _talks(head: Token) -> bool:
    """Talks, a meeting or a debate, or a verb that holds one ("held talks", "convened a meeting")."""
    return head.lemma_.lower() in AGENDAS or any(o.lemma_.lower() in AGENDAS for o in direct_objects(head))


def without(tok: Token) -> bool:
    """What did not happen: "without a fight", "without agreeing to a truce", "passed without arrests or injuries",
    "ended peacefully, with no arrests reported"."""
    if _negated_noun(tok):
        return True
    for node in tok.ancestors:
        if node.dep_ == "prep" and node.lower_ == "without":
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ != "pcomp":
            return False
    return False


def _charged(tok: Token) -> bool:
    """Whether the trigger is what a court or an accuser charges someone with: "sentenced to death over the killing of
    protesters", "convicted of raping", "accused the government of massacring protesters". The trial or the speech is
    told, not the act; an accusation of an act placed by a day or a count ("accused the army of shelling the town on
    Sunday, killing four") still reports it."""
    if not in_doc(tok, _CHARGES):
        return False
    for node in tok.ancestors:
        if node.dep_ == "advcl" and node.head.lemma_.lower() in CHARGE_HEADS:
            return True  # "charged with murder after his girlfriend was found stabbed": the charge's ground
        if node.dep_ == "prep" and node.lower_ == "in" and _of_suspect(node.head):
            return True  # "arrested a suspect in the murder of a driver"
        if node.dep_ == "prep" and node.lower_ == "in" and node.head.lemma_.lower() in _IMPLICATING:
            return True  # "members of the cell involved in the Rask attack were arrested": what they are held for
        if node.dep_ != "prep" or node.lower_ not in CHARGE_PREPS:
            continue
        head = node.head.head if node.head.dep_ == "dobj" else node.head  # "convicted three soldiers of raping"
        lemma = head.lemma_.lower()
        if lemma in CHARGE_HEADS or (lemma in ACCUSING and not _placed(node)):
            return True
    return False


def _of_suspect(head: Token) -> bool:
    """A suspect, or a verb done to one: the parser hangs "in the murder" on either."""
    return head.lemma_.lower() == "suspect" or any(
        c.dep_ == "dobj" and c.lemma_.lower() == "suspect" for c in head.children
    )


def _placed(phrase: Token) -> bool:
    """Whether a phrase names a day, a time or a number: what it tells is a particular act."""
    return any(w.ent_type_ in {"DATE", "TIME", "CARDINAL"} or w.like_num for w in phrase.subtree)


def _history(noun: Token) -> bool:
    """A noun named by a year or a span ("the 1994 genocide", "the decades-long insurgency", "the war, which ended in
    2002"): history told as background, not a dated event of this report."""
    named = family_of(noun) or any(c.dep_ == "compound" and family_of(c) for c in noun.children)  # protest movement
    if noun.pos_ not in {"NOUN", "PROPN"} or not (named or noun.lemma_.lower() in PAST_CONFLICTS):
        return False  # not "rebels, who took up arms in 2012, attacked ...": people are no history
    for child in noun.children:
        if child.dep_ in {"nummod", "compound", "amod"} and _year(child):
            return True
        if child.dep_ == "nmod" and any(_year(g) for g in child.children):
            return True  # "the October 2019 protest movement"
        if child.dep_ == "amod" and child.lower_ == "long" and any(g.lemma_.lower() in SPANS for g in child.children):
            return True
        if child.dep_ in {"relcl", "appos"} and any(_year(w) for w in child.subtree):
            return True
    return False


def _long_ago(verb: Token) -> bool:
    """ "Decades ago, the army crushed an uprising, killing hundreds", "two years ago gunmen killed 30": history,
    whatever the date; the "ago" may sit on a clause above the trigger's. "The land they once fought over": so is
    what was done once upon a time (not "once again")."""
    if in_doc(verb, "once") and any(
        c.dep_ == "advmod" and c.lower_ == "once" and not c.n_rights for c in verb.children
    ):
        return True
    if in_doc(verb, "age") and any(  # "who was abducted by fighters at the age of 12": a life told
        c.lower_ == "at" and any(g.lemma_.lower() == "age" for g in c.children) for c in verb.children
    ):
        return True
    return in_doc(verb, "ago") and any(
        c.lower_ == "ago" and any(w.lemma_.lower() in SPANS for w in c.children)
        for node in (verb, *verb.ancestors)
        for c in node.children
    )


def _habitual(tok: Token) -> bool:
    """What happens often, not one event: "kidnappings have become common", "it still mounts sporadic attacks",
    "they attacked our cities every night"."""
    if tok.tag_ == "NNS" and any(c.dep_ == "amod" and c.lemma_.lower() in _SERIES_MODIFIERS for c in tok.children):
        return True  # "sporadic attacks", "the recent killings"
    if tok.tag_ == "NNS" and any(c.dep_ in {"det", "amod"} and c.lower_ in {"such", "some"} for c in tok.children):
        return True  # "such killings are on the rise", "some killings went unrecorded": a kind, not an incident
    if tok.tag_ == "NNS" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in TRENDS:
        return True  # "after a surge in attacks"
    if _kind_in_the_present(tok) or _kept_up(tok) or (in_doc(tok, _OFTEN_WORDS) and _often(tok)):
        return True
    first = tok
    while first.dep_ == "conj":
        first = first.head  # "following days of fighting and drone strikes"
    period = first.head.head if first.head.lower_ == "of" else first  # "after days of fighting": the time before
    if (
        period.tag_ == "NNS"
        and period.lemma_.lower() in _TIME_UNITS
        and period.head.lemma_.lower() in {"after", "follow"}
    ):
        return True
    noun = tok.head if tok.dep_ == "compound" else tok  # "missile attacks"
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _GOING_ON and not _day_named(noun.head):
        return True  # "as missile and drone attacks continue"
    if tok.tag_ == "NNS" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SERIES:
        return not _day_named(clause_verb(tok))  # "a spate of machete killings", not "a series of blasts on Monday"
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    if in_doc(verb, "every") and any(
        w.lower_ == "every" for c in verb.children if c.dep_ in {"npadvmod", "advmod"} for w in c.subtree
    ):
        return True
    if tok.tag_ in {"NNS", "NNPS"} and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in TREND_VERBS:
        return True  # "kidnappings have risen sharply this year": a trend, not an event
    if tok.tag_ != "NNS" or tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.lemma_.lower() not in LINKING_VERBS:
        return False
    said = [c for c in tok.head.children if c.dep_ in {"acomp", "attr"}]
    said += [g for c in said if c.dep_ == "attr" for g in c.children if g.dep_ == "amod"]  # "a daily feature"
    return any(c.lemma_.lower() in FREQUENCIES for c in said)


def _left_open(verb: Token) -> bool:
    """Whether a clause is a question a speaker leaves open ("did not say who attacked the convoy", "did not specify
    how many had been killed"): it tells nothing new of the incident it asks about."""
    node = verb
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ != "ccomp" or not any(c.dep_ == "neg" for c in node.head.children):
        return False
    asked = any(w.tag_ in _WH_TAGS or w.lower_ == "whether" for w in node.subtree if w.i < node.i)
    return asked and not _day_named(node)  # "did not say who attacked the convoy on Monday" tells of that attack


def _how_often(word: Token) -> bool:
    """ "Periodically", "often", "multiple times" (not "attacked six times" in a week: that count is coded)."""
    if word.dep_ == "advmod":
        return word.lower_ in OFTEN
    return word.dep_ == "npadvmod" and word.lower_ == "times" and any(c.lower_ in _MANY for c in word.children)


def _under_an_infinitive(verb: Token) -> bool:
    """Whether a bare infinitive or a gerund depends on a "to" infinitive of a verb that does not tell it done ("failed
    to help them fight", "signed a deal to begin destroying the weapons"): as unrealised as the infinitive above it
    ("managed to help them retake the town" is done)."""
    head = verb.head
    if (
        verb.tag_ not in {"VB", "VBG"}
        or verb.dep_ not in {"ccomp", "xcomp"}
        or any(c.dep_ == "aux" for c in verb.children)
    ):
        return False
    to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    return to_inf and head.head.lemma_.lower() not in _INFINITIVE_DONE


def _often(tok: Token) -> bool:
    """Whether the clause of a trigger says its deed recurs, on no day named: "access is periodically cut by fighting",
    "the country has been attacked by the group multiple times"."""
    node = tok
    while True:
        if node.pos_ in {"VERB", "AUX"} and any(_how_often(c) for c in node.children):
            return not _day_named(node)
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children) or node.head == node:
            return False  # the clause ends at its subject: "the army often says it repelled attacks"
        node = node.head


def _since_when(verb: Token) -> bool:
    """Whether a verb tells the start of a period ("frozen since the Huthis began attacking ships", "a war since
    rebels first attacked"), or what befell in a year named ("since late 2023, when rebels seized the north"),
    and no day."""
    for node in (verb, *verb.ancestors):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return not _day_named(node)
        if node.dep_ == "relcl" and _year(node.head):
            return not _day_named(node)
        if node.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}:
            return False
    return False


def with_as_result(tok: Token) -> bool:
    """Whether a participle tells, after "with", the state a clause left on no day ("has been weakened, with most of
    its leaders killed or captured"); "retook the town on Monday, with 12 rebels killed" tells that day's toll."""
    first = tok.head if tok.dep_ == "conj" else tok
    if tok.tag_ != "VBN":
        return False
    if first.dep_ == "pcomp" and first.head.lower_ == "with":
        return not _day_named(first.head.head)
    # "the toll had surpassed 65,000, with more than 165,000 wounded": "with" parsed as the mark of a clause
    marked = first.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in first.children)
    return marked and not _day_named(first.head, besides=first)


def _tallied(verb: Token) -> bool:
    """Whether a clause in the perfect counts victims by hundreds or thousands over incidents in the plural, on no
    day ("hundreds of civilians have been killed in drone strikes on markets"): a tally, not one incident."""
    victims = _victims(verb)
    incidents = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "by"} for g in c.children]
    return (
        any(w.lower_ in _TALLIES for w in victims)
        and any(n.dep_ == "pobj" and n.tag_ == "NNS" for n in incidents)
        and not _day_named(verb)
    )


def _over_months(verb: Token) -> Token | None:
    """The preposition of a span of months or years a clause, or one it hangs on, is told over ("during the first two
    years of the war", "over the past three months", "in the past year"): no incident lasts so long; a tally does."""
    for node in (verb, *verb.ancestors):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _OVER:
                for span in prep.children:
                    if span.dep_ == "pobj" and span.lemma_.lower() in _LONG_SPANS and _counted_span(span):
                        return prep
    return None


def _counted_span(span: Token) -> bool:
    """ "the past year", "the first two years", "three months": a span counted back or forth, not "the year" of a
    date ("in the year 2020") nor a kind ("in months of hunger")."""
    return any(
        (c.dep_ == "nummod" and not _year(c)) or (c.dep_ == "amod" and c.lower_ in _COUNTED_FROM) for c in span.children
    )


_OVER = frozenset("in over during throughout within".split())
_LONG_SPANS = frozenset("month year decade".split())
_COUNTED_FROM = frozenset("first past last previous preceding".split())
_DONE_TO_KINDS = VIOLENCE | MEANS | {"fight", "capture", "regain", "loot", "abduct", "arrest"}  # see _kind_of_deed
_COUNTING = frozenset({"det", "nummod", "poss"})  # "the", "12", "their": these ones, no kind in general


def _halted(tok: Token) -> bool:
    """Whether a trigger (or the first of the conjuncts it is one of) is what a verb of stopping stopped."""
    tok = tok.head if tok.dep_ == "compound" else tok  # "air" of "air strikes"
    while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"}:
        tok = tok.head
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _HALTING


def _kind_of_deed(verb: Token) -> bool:
    """Whether a clause of violence in the present perfect says what things of a kind have done to people of a kind,
    on no day: a plural subject, bare plural objects ("the strikes have killed civilians", "gunmen have attacked
    villages", "forces have seized large areas"). Not a deed done to no one: "militants have set up camps" is news."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    bare = objects and all(o.tag_ == "NNS" and not any(c.dep_ in _COUNTING for c in o.children) for o in objects)
    return bool(bare) and any(s.tag_ == "NNS" for s in subjects) and not _day_named(verb)


def _pluperfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _share_taken(verb: Token) -> bool:
    """Whether a clause in the present perfect takes a share of what there was to take, on no day ("has regained much
    of the territory", "has recaptured most of the towns it lost"): how a war has gone, no one capture."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in _SHARES for o in objects) and not _day_named(verb)


_TAKING = frozenset({"capture", "regain"})
_COUNTS = frozenset("number toll tally count total".split())
_WRITING = frozenset("report comment write focus brief blog".split())
_WHAT_THEY_WANT = frozenset("demand grievance call cause goal aim wish request".split())


def _kind_in_the_present(noun: Token) -> bool:
    """A bare plural done, suffered or recorded in the present, on no day: "rights groups have reported killings of
    civilians", "sites exposed to attacks", "paused those attacks", "attacks on farmers have made farming impossible",
    "documented killings by militias": a kind of violence or a campaign, not one incident."""
    if noun.tag_ != "NNS" or noun.dep_ not in {"dobj", "nsubj", "pobj"}:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ not in {"to", "by"}:
        return False  # not "the toll from clashes in Tripoli has risen": those clashes
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in {"VERB", "AUX"} or _day_named(verb):
        return False
    lemma = verb.lemma_.lower()
    if noun.dep_ == "dobj" and lemma in _PAUSES:
        return True  # "paused those attacks", "halted raids", "threatened to resume strikes"
    if any(c.dep_ in _COUNTING or c.like_num for c in noun.children):
        return False  # "the attacks", "three killings": these ones
    if noun.dep_ == "dobj" and lemma in RECORDING:
        return True  # "the mission documented killings by self-defence groups": incidents of a kind, counted
    if noun.dep_ == "nsubj" and lemma not in RESULT_VERBS:
        return False  # "clashes have erupted in the capital": they happened; "attacks have made farming impossible"
    if noun.dep_ == "pobj" and noun.head.lower_ == "by":  # "casualties caused by attacks", not "people killed by
        return verb.tag_ == "VBN" and verb.dep_ == "acl" and family_of(verb) is None  # strikes": their means
    return verb.tag_ in {"VBP", "VBZ"} or _present_perfect(verb) or (verb.tag_ == "VBN" and verb.dep_ == "acl")


def _kept_up(verb: Token) -> bool:
    """What people "continue to" or "keep" doing, in the present and on no day named: "while the Houthis continue to
    attack ships" is a campaign going on ("rebels continued to shell the town on Monday" tells a day's deed)."""
    head = verb.head
    going = verb.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in {"continue", "keep"}
    return going and head.tag_ in {"VBP", "VBZ"} and not _day_named(head)


def _arena(noun: Token) -> bool:
    """Whether a noun calls a place what it is for the fighting it sees ("has become a hotbed of attacks"), on no day
    named ("the town was the scene of heavy fighting on Monday" tells an incident)."""
    return noun.lemma_.lower() in ARENAS and noun.dep_ in {"attr", "appos"} and not _day_named(noun.head)


def _in_noun_phrase(tok: Token) -> bool:
    return tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "pcomp"  # "weeks of fighting": a gerund, parsed a verb


def _a_period(noun: Token) -> bool:
    """Fighting told by a span of weeks or longer, or the span itself: "weeks of fighting", "two months of clashes"."""
    if noun.head.lower_ == "of" and _weeks_long(noun.head.head):
        return True
    return _weeks_long(noun) and any(c.lower_ == "of" and any(family_of(g) for g in c.children) for c in noun.children)


def _weeks_long(span: Token) -> bool:
    """ "Weeks", "two months", "years": a span of weeks or longer, counted or plural."""
    lemma = span.lemma_.lower()
    return (lemma == "week" or lemma in _LONG_SPANS) and (span.tag_ == "NNS" or _counted_span(span))


def _backdrop(tok: Token) -> bool:
    """Fighting told as growing around an incident, in a clause of its own ("as fighting intensified", "amid escalating
    clashes"): the war's course, not a clash of the report's day."""
    if tok.dep_ == "pobj" and tok.head.lower_ in {"amid", "amidst"}:
        return any(c.dep_ == "amod" and c.lemma_.lower() in _GROWING for c in tok.children)
    # the parser may hang "as" on the subject, or make the subject a clause of its own: "as fighting ... intensified"
    after = tok.right_edge.i + 1
    if tok.dep_ == "nsubj":
        growing = tok.head
    elif after < len(tok.doc):
        growing = tok.doc[after]
    else:
        return False
    return (
        growing.lemma_.lower() in _GROWING
        and growing.dep_ in {"advcl", "ccomp"}
        and any(c.dep_ == "mark" and c.lower_ in {"as", "while"} for c in (*growing.children, *tok.children))
        and not _day_named(growing)
    )


_GROWING = frozenset("intensify escalate grow rage mount worsen deepen continue ongoing".split())


def _day_named(verb: Token, besides: Token | None = None) -> bool:
    """Whether a clause names a day ("since gunmen attacked the town on Monday"): a recent event, not the start of a
    period; outside the clause ``besides`` when one is given."""
    inside = {w.i for w in besides.subtree} if besides is not None else set()
    dated = (  # not the years of "the 2022-2023 offensive", nor the dash between them
        w for w in verb.subtree if w.ent_type_ == "DATE" and not _year(w) and not w.is_punct and w.i not in inside
    )
    return any(_PERIODS.isdisjoint(_entity_words(w)) for w in dated)


_PERIODS = frozenset("year years decade decades century".split())  # "now in its fifteenth year" names no day


def _entity_words(tok: Token) -> set[str]:
    """The words, in lower case, of the named entity ``tok`` belongs to."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return {w.lower_ for w in doc[start:end]}


def _before_our_time(tok: Token) -> bool:
    """A year before any news this tool reads could be published (ACLED's data begin in 1997)."""
    return _year(tok) and int(tok.text) < 1990


def _year(tok: Token) -> bool:
    return tok.like_num and len(tok.text) == 4 and tok.text.isdigit() and 1000 <= int(tok.text) <= 2099


def _conditional(verb: Token) -> bool:
    """ "If rebels attack", "if the militia were to fire rockets", "unless they shell and seize the town", "had the
    drone struck": the condition's "if" (or the inverted auxiliary) may sit on the verb or on the verb it complements
    or is coordinated with."""
    if not in_doc(verb, _CONDITIONS):
        return False
    node = verb
    while True:
        if any(child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"} for child in node.children):
            return True
        subject = next((c.i for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and any(
            c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "were", "should"} and c.i < subject
            for c in node.children
        ):
            return True  # "had the drone struck the reactor", "were the rebels to attack": a condition inverted
        if node.dep_ not in {"xcomp", "conj"} or node.head == node:
            return False
        node = node.head


def _imperative(verb: Token) -> bool:
    """ "Shoot them in the leg," the president said: a command, not a deed (a base-form verb with no subject that
    opens its sentence, or is its main verb)."""
    if verb.tag_ != "VB" or any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "expl"} for c in verb.children):
        return False
    opening = all(t.is_punct for t in verb.doc[verb.sent.start : verb.i])  # after an opening quote mark
    return verb.dep_ == "ROOT" or opening


def _until(verb: Token) -> bool:
    """A clause of what is to last "until" something happens: it shares the irrealis of the clause it bounds."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "until" for c in verb.children)


def _in_case_of(tok: Token) -> bool:
    """ "Rehearsed evacuations in case of missile strikes", "in the event of an attack": a case foreseen."""
    noun = tok.head if tok.dep_ == "compound" else tok  # "missile strikes"
    case = noun.head.head if noun.head.lower_ == "of" else None
    return case is not None and case.lemma_.lower() in {"case", "event"} and case.head.lower_ == "in"


def _anyone(tok: Token, verb: Token) -> bool:
    """ "Anyone who attacks a police station", "shoot anyone caught burning shops": a case put, no one's deed."""
    if not in_doc(tok, _ANYONE):
        return False
    clause = [verb]  # the clauses it is part of: "anyone caught burning shops or attacking police stations"
    while clause[-1].dep_ not in {"ROOT", "ccomp"} and clause[-1].head != clause[-1]:
        clause.append(clause[-1].head)
    near = [c for v in clause for c in v.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return any(w.lower_ in _ANYONE for w in (*clause, *near))


def _headline_plan(verb: Token) -> bool:
    """ "Army to launch offensive", "Rebels to begin assault, commander says": an infinitive with a subject of its own
    (a headline's future, or what someone expects or wants done) tells what is to come."""
    for node in (verb, *verb.ancestors):
        if node.tag_ != "VB":
            continue
        children = list(node.children)
        to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        subject = any(c.dep_ == "nsubj" for c in children) or node.dep_ == "relcl"  # "Rebels to launch ...", parsed
        if to_inf and subject:  # as a relative clause of "Rebels"
            return True
    return False


def is_background(sent: SpacySpan, lemmas: frozenset[str]) -> bool:
    """Sentences about something other than a conflict event: sport, finance, natural disasters (named by nouns: a
    storm, not protesters who stormed a building)."""
    start, end = sent.start, sent.end
    pos, lemma_of, lower_of = pos_tags(sent.doc), doc_lemmas(sent.doc), lowers(sent.doc)

    def named(words: frozenset[str]) -> bool:  # as a thing or a person: not "stocks bombed", "forcing people"
        return bool(lemmas & words) and any(lemma_of[i] in words for i in range(start, end) if pos[i] != VERB)

    cued = (
        lemmas & _BACKGROUND_CUES
        or named(_SECURITIES)
        or ("final" in lemmas and any(w.lemma_ == "final" and w.dep_ in _NOUN_DEPS for w in sent))
    )  # "reached the final", not "the final stage of the exchange"
    if cued and not named(ARMED_CUES):
        # not "gunmen opened fire on fans leaving a match", "fans rioted", "traders protested against inflation"
        told = {f for i, f in enumerate(families(sent.doc)[start:end], start) if lemma_of[i] not in _MARKET_MOVES}
        return _FOREGROUND_FAMILIES.isdisjoint(told)
    nouns = [  # "Wildfires" tagged a name keeps its plural; "flood-control projects" name no flood
        i for i in range(start, end) if pos[i] in NOUN_TAGS and not (i + 1 < end and lower_of[i + 1] == "-")
    ]
    disasters = {w for i in nouns for w in (lemma_of[i], lower_of[i].removesuffix("s"))} & DISASTER_CUES
    return bool(disasters) and not lemmas & {"gunman", "militant", "attack", "bomb"} and not named(STATE_CUES)


_BACKGROUND_CUES = SPORT_CUES | GAME_WORDS | FINANCE_CUES
_MARKET_MOVES = frozenset({"rally"})  # a rally among stocks or a team's rally is no protest
_SECURITIES = frozenset("share bond sensex".split())  # as nouns: not "the armies share a border"
_FOREGROUND_FAMILIES = ARMED_VIOLENCE_FAMILIES | {"protest", "riot"}
_TOLD_BEFORE = COMPARISON_HEADS | CAUSE_HEADS
_BY_ACCIDENT = frozenset({"accidentally", "inadvertently"})
_OF_THE_KIND = frozenset({"such", "similar"})
_VIOLENCE_OR_FIGHT = VIOLENCE | {"fight"}
_VIOLENCE_OR_MEANS = VIOLENCE | MEANS
_SIZES = frozenset("massive huge big large powerful major devastating enormous deadly giant".split())
_FUTURE_WORDS = frozenset("tomorrow next coming upcoming".split())
_SERIES_MODIFIERS = FREQUENCIES | {"recent"}
_PAUSES = frozenset("pause suspend halt cease resume stop end".split())
_HALTING = _PAUSES - {"resume"}  # see _halted
_GOING_ON = frozenset("continue persist".split())
_READY = frozenset("ready willing prepared eager keen determined poised unwilling reluctant".split())
_INFINITIVE_DONE = frozenset("begin start continue manage".split())  # "managed to retake": it was done
_TELLING = frozenset("claim say report believe allege appear seem".split())


def _done_as_told(verb: Token) -> bool:
    """A perfect infinitive under a verb of telling or seeming tells a deed done, as someone has it ("claimed to have
    captured the outpost", "is believed to have killed 12")."""
    return verb.head.lemma_.lower() in _TELLING and any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)


_SHARES = frozenset("most many some all half majority bulk much".split())  # "most of the killings"
_ACTIVITY_HEADS = frozenset("cost price right freedom risk danger business culture history tradition habit".split())
_CAUSES = frozenset(
    "autonomy independence freedom liberation self-determination rights justice secession sovereignty".split()
)
_ATTEMPTS = frozenset({"try", "attempt"})  # a crowd that tried to march gathered, whether or not it marched far
_PROSPECTS = frozenset("likely possible inevitable imminent probable".split())
_TO_COME = frozenset("planned proposed upcoming scheduled threatened announced".split())
_REMEMBERING = frozenset("recall remember commemorate mourn honour honor".split())
_WHOLE_WARS = frozenset("war conflict insurgency genocide occupation".split())
_TIME_UNITS = frozenset("day week weekend month year monday tuesday wednesday thursday friday saturday sunday".split())
_WHEN_DEPS = frozenset({"prep", "npadvmod", "tmod", "advmod"})
_MUNITIONS = frozenset("grenade bomb shell rocket missile mortar ied".split())  # made to harm, whatever fills them
_FIRED = _MUNITIONS | AMMUNITION  # what strikes when it "crashes into" a place
_FALLING = frozenset("fall roll veer tumble slide slip skid plunge".split())
_DOWN = frozenset({"into", "off", "down", "over"})
_SITE_PREPS = frozenset({"at", "in", "through"})
_NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr"})  # a word used as a noun: "reached the final"
_IN_WORDS = frozenset({"verbally", "rhetorically", "diplomatically"})
_CONDITIONS = frozenset({"if", "unless", "whether", "had", "were", "should"})  # what ``_conditional`` looks for
_IMPLICATING = frozenset("involve implicate involvement participation".split())
_OFTEN_WORDS = OFTEN | {"times"}  # what ``_often`` looks for
_TALLIES = frozenset({"hundreds", "thousands", "scores", "dozens"})  # victims of many incidents: "hundreds of"
_MANY = frozenset("multiple several many numerous countless".split())  # "multiple times": often
_WH_TAGS = frozenset({"WDT", "WP", "WRB"})  # a question's word: "how many", "who"
_WAGED = MEANS | {"attack", "fight", "capture", "regain"}  # violence of war, not a crime, whoever is charged with it
_CHARGES = CHARGE_HEADS | ACCUSING | _IMPLICATING  # what ``_charged`` looks for
_FIGURATIVE_KINDS = FIGURATIVE_MODIFIERS | CYBER_WORDS | DUMMY_ROUNDS
_MEASURES = MEASURES | MEASURE_KINDS
_RUMOURS = frozenset("rumour rumor speculation".split())
_ANYONE = frozenset("anyone anybody whoever whomever".split())
_ARMED_PEOPLE = ORGANIZED_ARMED | STATE_CUES | ATTACKER_CUES | CROWD  # not "a mob lynched a man in a land dispute"
_QUARRELS = QUARRELS | CRIMES
_PRIVATE_SETTINGS = _QUARRELS | PRIVATE_SETTINGS  # what a setting of ``_private_quarrel`` may be
_UNTOLD_HEADS = INTENT_HEADS | SPEECH_TOPIC_HEADS
_NO_VIOLENCE_DONE_TO = FIGURATIVE_OBJECTS | COMPUTER_TARGETS | WORD_VOLLEYS
_NO_FIGHTERS = HACKERS | MARKET_PLAYERS | FIREFIGHTERS


def families(doc: Doc) -> list[str | None]:
    """``family_of`` each token of a doc, by index, made once per doc: the events stage asks it of every word."""
    return per_doc(doc, "event_facts.families", _families)


def _families(doc: Doc) -> list[str | None]:
    lower_of = lowers(doc)
    found = [TRIGGERS.get(lemma) or TRIGGERS.get(lower) for lemma, lower in zip(doc_lemmas(doc), lower_of, strict=True)]
    for sent in sentences(doc):  # "Grenades thrown into a bus park": a sentence's first word tagged a name keeps
        lower = lower_of[sent.start]  # its plural as its lemma
        if found[sent.start] is None and sent[0].tag_ in {"NNP", "NNPS"} and lower.endswith("s"):
            found[sent.start] = TRIGGERS.get(lower[:-1])
    return found


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
        kind = tok is not None and tok.dep_ == "amod" and " " not in match.group()  # "a nationwide day of action"
        if tok is not None and not kind and not compared(tok):
            verb = clause_verb(tok)
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
                verb = verb.head  # "killed since the war began", "Since violence broke out two years ago, ..."
            while verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
                if _day_named(verb.head, besides=verb):
                    break  # "attacked the town on Monday and have killed 300 since January": the Monday stands
                verb = verb.head  # "have killed thousands and abducted many more over the past decade"
            verbs.update(w.i for w in verb.subtree)
    return verbs


def mishap(tok: Token, family: str | None = None) -> bool:
    """Deaths that an accident or an ordinary offender caused, and arrests for an ordinary crime: ACLED codes
    political violence, so "a bus plunged into a ravine, killing 12", "a gas cylinder explosion killed three",
    "robbers shot dead a shopkeeper" and "arrested for stealing phones" are no events. ``family`` is the trigger's
    when it is a phrase ("taken into custody"), else its word's.

    Harm told with no one armed in its sentence ("Huge explosion kills dozens", "Ten people were injured.") in a
    report whose other violence is all accident or private crime is part of that mishap: a headline or a follow-up.
    """
    return _mishap_told(tok, family) or (_unarmed_sentence(tok) and _only_mishaps_besides(tok))


def _unarmed_sentence(tok: Token) -> bool:
    lemma_of = doc_lemmas(tok.doc)
    return not any(lemma_of[i] in ARMED_CUES for i in range(tok.sent.start, tok.sent.end))


def _only_mishaps_besides(tok: Token) -> bool:
    """Whether the report tells violence outside the trigger's sentence, all of it an accident or a private crime."""
    key = ("warwatch", "event_facts.mishaps")
    if key not in tok.doc.user_data:  # kept per doc; None while it is being read (a trigger read asks it again)
        tok.doc.user_data[key] = None
        tok.doc.user_data[key] = _mishaps(tok.doc)
    told = tok.doc.user_data[key] or []
    others = [accidental for start, accidental in told if start != tok.sent.start]
    return bool(others) and all(others)


def _mishaps(doc: Doc) -> list[tuple[int, bool]]:
    """(sentence start, whether a mishap) of each violent trigger of a doc that states a fact."""
    family_at = families(doc)
    violent = [t for t in tokens(doc) if family_at[t.i] in _VIOLENCE_OR_MEANS and t.dep_ != "compound"]
    return [(t.sent.start, _mishap_told(t)) for t in violent if states_fact(t)]


def _mishap_told(tok: Token, family: str | None = None) -> bool:
    """``mishap`` as the trigger's own clause and its doers tell it."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in DISASTER_CUES:
        return True  # "the storm devastated Mayotte": weather, not people storming it
    if tok.lemma_.lower() in FIRES and tok.dep_ == "dobj" and tok.head.lemma_ == "catch":
        return True  # "chemicals caught fire": what burned (set on fire, it would be arson; hit, the strike tells it)
    verbs = [clause_verb(tok)]
    if tok.pos_ == "NOUN":  # "a fire sweeping through a factory, killing nine": the noun's own clause tells its deeds
        verbs += [c for c in tok.children if c.dep_ in {"acl", "relcl"}]
    if tok.dep_ == "amod":  # "killed and eight injured when a boiler exploded", the clause hung on the count
        verbs += [c for c in tok.head.children if c.dep_ == "advcl"]
    joined = [c for c in verbs[0].children if c.dep_ == "conj"]  # "were killed and 20 hurt when a bus collided"
    verbs += [c for v in (*verbs, *joined) for c in v.children if c.dep_ == "advcl" or _when_clause(c)]
    node = verbs[0]
    while node.dep_ == "conj" or (
        node.dep_ in {"advcl", "acl"} and not any(c.dep_.startswith("nsubj") for c in node.children)
    ):  # "a tanker overturned and exploded, killing 90 and injuring 20": the doer is up the chain; so is the cause
        node = node.head  # of "collided, leaving 16 dead and dozens injured"
        if node.pos_ == "NOUN":  # "A truck overturned, killing six": the participle's doer is the clause's above
            verbs += [node, *(c for c in node.children if c.dep_ in {"acl", "relcl"})]
            break
        verbs.append(node)
    # what the doers and the nouns of the chain did: "a truck that overturned", "when their vehicle overturned"
    nouns = [d for v in verbs for d in v.children if d.dep_ == "nsubj"] + [v for v in verbs if v.pos_ == "NOUN"]
    told = [c for n in nouns for c in n.children if c.dep_ in {"relcl", "acl"} or c.pos_ == "VERB"]
    if any(
        (v.lemma_.lower() in MISHAP_VERBS and not _munition_fell(v)) or _fell_off(v)
        for v in (*verbs, *_after_what(verbs), *told)
    ):
        return True
    if in_doc(tok, _BY_ACCIDENT) and any(c.lower_ in _BY_ACCIDENT for v in (tok, *verbs) for c in v.children):
        return True  # "a soldier accidentally shot a comrade while cleaning his rifle"
    doers = [c for v in verbs for c in v.children if c.dep_ == "nsubj"] + [v for v in verbs if v.pos_ == "NOUN"]
    doers += [g for v in verbs for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    doers += [v.head for v in verbs if v.dep_ in {"relcl", "acl"}]  # "robbers who stormed his home", "a fire sweeping"
    doers += [c for d in doers for c in d.children if c.dep_ == "appos"]  # "the magnitude 7.7 earthquake", misparsed
    causes = [g for c in verbs[0].children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children]
    if any(_mishap_blast(g) for g in causes):
        return True  # "killed in a methane blast", "died in a house fire" (not "killed in the blast")
    deaths = any(family_of(t) in {"kill", "harm"} for t in (tok, *verbs))  # "a fire ... killed 17"
    burnt = any(family_of(t) == "loot" for t in (tok, *verbs))  # "a fire destroyed 200 shops"
    if any(_mishap_doer(doer, deaths, burnt) for doer in doers) or (tok.pos_ == "NOUN" and _mishap_blast(tok)):
        return True
    if _private_quarrel(verbs[0], doers):
        return True
    blast = tok.lemma_.lower() in FIRES or family_of(tok) == "blast"
    if (blast or ((deaths or burnt) and not doers)) and _accident_told(tok.doc):
        return True  # "... killing three soldiers, the ministry said, blaming an electrical fault"
    if blast and any(c.lower_ == "the" for c in tok.children) and _after_a_mishap(tok):
        return True  # "A gas cylinder exploded at a restaurant ... The blast blew out windows": the same mishap
    if (family or family_of(tok)) == "arrest" or tok.lemma_.lower() in SEARCHES:  # "taken into custody": a phrase's
        return _ordinary_crime(tok)  # seizures stay: the state taking goods is property destruction
    return False


def _when_clause(clause: Token) -> bool:
    """A clause opened by "when" that the parser hung on a noun: "12 others injured when a matatu collided"."""
    return clause.dep_ == "relcl" and any(c.lower_ == "when" and c.dep_ == "advmod" for c in clause.children)


def _fell_off(verb: Token) -> bool:
    """A fall into a chasm: "a bus fell into a gorge", "the truck rolled off a cliff" (a town that fell is taken)."""
    if verb.lemma_.lower() not in _FALLING:
        return False
    places = (g for c in verb.children if c.dep_ == "prep" and c.lower_ in _DOWN for g in c.children)
    return any(g.lemma_.lower() in CHASMS for g in places)


def _munition_fell(verb: Token) -> bool:
    """ "Artillery rounds crashed into a market", "a rocket crashed through the roof": a weapon's strike, no crash."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    words = {w.lemma_.lower() for s in subjects for w in (s, *s.children) if w.dep_ in {"nsubj", "compound"}}
    return bool(words & _FIRED)


def _accident_told(doc: Doc) -> bool:
    """Whether the report names an accidental cause (``ACCIDENTS``): read once per doc, asked of many triggers."""
    return per_doc(doc, "event_facts.accident", lambda d: bool(ACCIDENTS.search(text_of(d))))


def _after_what(verbs: list[Token]) -> list[Token]:
    """What the verbs happened after or upon: "exploded after overturning", "caught fire upon crashing"."""
    preps = (c for v in verbs if v.pos_ == "VERB" for c in v.children if c.dep_ == "prep")
    return [g for c in preps if c.lower_ in {"after", "upon", "on"} for g in c.children if g.dep_ == "pcomp"]


def _private_quarrel(verb: Token, doers: list[Token]) -> bool:
    """One person who harms a relative or an acquaintance ("stabbed his neighbour", "he shot her husband"), or harm
    done in a quarrel or a robbery ("during an argument over a phone", "shot dead in a bar fight", "stabbed during a
    supermarket robbery"): ordinary crime, no side of a conflict. With no doer named, only the setting tells it."""
    one = [d for d in doers if d.tag_ == "NN" and d.lemma_.lower() not in _ARMED_PEOPLE and not family_of(d)]
    one += [d for d in doers if d.lower_ in {"he", "she"} or (d.tag_ == "NNS" and d.lemma_.lower() in ACQUAINTANCES)]
    if len(one) != len(doers):
        return False
    victims = direct_objects(verb)
    known = any(v.lemma_.lower() in ACQUAINTANCES and any(c.dep_ == "poss" for c in v.children) for v in victims)
    known |= any(d.lemma_.lower() in ACQUAINTANCES for d in doers)  # "shot dead by a classmate"
    if known and (doers or verb.tag_ == "VBG"):  # "charged with murder after killing his wife": the gerund's doer
        return True
    if not in_doc(verb, _PRIVATE_SETTINGS):
        return False
    top = verb.head if verb.dep_ == "advcl" else verb  # "a brawl left a man dead after he was struck"
    settings = [w for w in top.subtree if w.dep_ == "pobj" and w.head.dep_ == "prep"]  # "... shed in a row"
    settings += [w for w in top.subtree if w.dep_ in {"nsubj", "appos"} and w.pos_ == "NOUN"]
    return any(g.lemma_.lower() in _QUARRELS or _kinds([g]) & PRIVATE_SETTINGS or _fight_at(g) for g in settings)


def _fight_at(noun: Token) -> bool:
    """A fight at a private place: "during a fight outside a bar" (a grenade thrown into a bar is no fight)."""
    places = (g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")
    return noun.lemma_.lower() in {"fight", "scuffle"} and any(g.lemma_.lower() in PRIVATE_SETTINGS for g in places)


def _ordinary_crime(tok: Token) -> bool:
    """An arrest or a raid for an ordinary crime ("arrested for stealing", "raided a drug den and arrested 15
    suspects", "arrested after he stabbed his wife"): ACLED codes arrests of political or armed people, so a crime
    word in the clauses that tell the operation makes it no event unless weapons, armed or political people, or
    violence other than ordinary crime are named there too."""
    top = clause_verb(tok)
    while top.dep_ in {"conj", "advcl"} and top.head.pos_ in {"VERB", "AUX"}:
        top = top.head  # "raided a drug den and arrested 15 suspects, seizing cannabis": one operation
    words = list(top.subtree)
    lemmas = {w.lemma_.lower() for w in words}
    if lemmas & (POLITICAL_PEOPLE | ORGANIZED_ARMED | WEAPONS | GATHERINGS) or any(map(names_armed_group, words)):
        return False  # "detained 14 suspects in an operation targeting Daesh"
    kinds = VIOLENCE | MEANS | {"protest", "riot"}
    violent = [w for w in words if w != tok and family_of(w) in kinds and w.lemma_.lower() not in SEARCHES]
    done = [w for w in violent if states_fact(w)]
    if done:  # "arrested a man who had stabbed his wife": the violence itself a private crime
        return all(mishap(w) for w in done)
    charged = [w for w in violent if _charged(w)]  # "arrested a suspect in the murder of ...": the crime charged
    if any(family_of(w) in _WAGED for w in charged):
        return False  # "members of the cell involved in the attack on the police station were arrested": war's deeds
    return bool(charged) or bool(lemmas & PETTY_CRIMES) or _after_a_mishap(tok)


def _after_a_mishap(tok: Token) -> bool:
    """An arrest that names no crime, told after an accident or a private crime and nothing else violent ("A man
    stabbed his wife ... The suspect was taken into custody"): the arrest belongs to what was told before."""
    kinds = VIOLENCE | MEANS
    family_at = families(tok.doc)
    told = [tok.doc[i] for i in range(tok.i) if family_at[i] in kinds]  # "a brawl ... left a man dead; police held two"
    told = [w for w in told if w.dep_ != "compound" and states_fact(w)]  # not "fire officials"
    return bool(told) and all(mishap(w) for w in told)


def family_of(tok: Token) -> str | None:
    return families(tok.doc)[tok.i]


def _mishap_doer(noun: Token, deaths: bool, burnt: bool = False) -> bool:
    """Robbers; of deaths, lightning, a drunk driver, a gas cylinder or a stray bullet; of deaths or destruction, a fire
    or an explosion that nothing ties to a weapon."""
    lemma = noun.lemma_.lower()
    named = {lemma, *(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")}  # "Cyclone Chido"
    if lemma in OFFENDERS or _mishap_blast(noun) or ((deaths or burnt) and named & DISASTER_CUES):
        return True  # robbers; "a cyclone killed 34", "torrents of water destroyed villages"
    if family_of(noun) in _VIOLENCE_OR_FIGHT and lemma not in FIRES:
        return False  # "a poison gas attack killed 42": an attack is no accident, whatever its kind
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in {"compound", "amod"} or (c.dep_ == "prep" and c.lower_ not in {"at", "in"})
    ]
    if (
        lemma not in _MUNITIONS
        and ({lemma} | {c.lemma_.lower() for c in modifiers if c.dep_ != "prep"}) & MISHAP_CAUSES
    ):
        return True  # "a gas cylinder exploded, killing four", "a stray bullet killed a boy"; not "tear-gas grenades"
    if not deaths and not (burnt and lemma in FIRES):
        return False  # "the drivers attacked police officers": people who attack are no accident
    kinds = [m for m in modifiers if m.lower_ not in _SIZES]  # "a massive explosion" is of no kind
    if lemma in FIRES and _aimed(noun):
        return False  # "an explosion targeted a minibus": set off at someone
    return lemma in MISHAP_DOERS or (lemma in FIRES and (not kinds or _broke_out(noun)))  # not "artillery fire"


def _aimed(noun: Token) -> bool:
    """ "An explosion targeted a minibus", "a blast aimed at a convoy": what is aimed was set off on purpose."""
    verbs = [noun.head] if noun.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
    return any(v.lemma_.lower() in {"target", "aim"} for v in verbs)


def _broke_out(noun: Token) -> bool:
    """ "A fire that broke out in a restaurant": fires break out, attacks do not."""
    verbs = [noun.head] if noun.dep_ == "nsubj" else [c for c in noun.children if c.dep_ == "relcl"]
    return any(v.lemma_ == "break" and any(c.lower_ == "out" for c in v.children) for v in verbs)


def _mishap_blast(noun: Token) -> bool:
    """A gas cylinder explosion, a house fire, a fire at a fuel depot: what burned or blew up was no weapon."""
    if noun.lemma_.lower() not in FIRES:
        return False
    modifiers = {w.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"} for w in c.subtree}
    around = [*noun.children, *(noun.head.children if noun.dep_ == "nsubj" else ())]  # "a blast tore through a plant"
    sites = {w.lemma_.lower() for c in around if c.dep_ == "prep" and c.lower_ in _SITE_PREPS for w in c.subtree}
    said = {w.lemma_.lower() for c in around if c.dep_ == "attr" for w in (c, *c.children)}  # "was a transformer"
    return bool((modifiers | sites | said) & MISHAP_CAUSES or sites & INDUSTRIAL)


def _figurative(tok: Token, objects: list[Token], doers: list[Token]) -> bool:
    """Conflict words told of something else: a kind of attack that is no violence (a cyber, heart or verbal attack,
    a bear raid, test-fired missiles, blank rounds) and what it does ("a shark attack killed a swimmer"), hackers'
    attacks, works and staff (``_work_or_staff``)."""
    if in_doc(tok, _FIGURATIVE_KINDS):  # (most docs name none of these kinds)
        modified = [tok, *(d for d in doers if family_of(d))]  # "a shark attack killed"
        if tok.dep_ in {"dobj", "nsubjpass"}:
            modified.append(tok.head)  # "test-fired two missiles"
        fired = [o for o in objects if o.dep_ == "dobj"]  # "fired blank rounds", not "attacked a media house"
        if _kinds(modified) & (FIGURATIVE_MODIFIERS | CYBER_WORDS) or _kinds(fired) & DUMMY_ROUNDS:
            return True
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
        doers = [*doers, tok.head]  # "sanctions targeting militia leaders"
    if tok.lemma_.lower() == "target" and any(t.lemma_.lower() in MEASURES for t in tok.sent):
        return True  # "adopted a package of sanctions, targeting gas imports"
    if in_doc(tok, _MEASURES) and any(d.lemma_.lower() in MEASURES or _kinds([d]) & MEASURE_KINDS for d in doers):
        return True  # "sanctions targeting ...", "the new tariffs hit exports": measures, no violence
    return any(d.lemma_.lower() in _NO_FIGHTERS for d in doers) or _work_or_staff(tok)


def _work_or_staff(tok: Token) -> bool:
    """A violent verb done to a work or to staff: "shot a music video", "the film bombed", "fired 300 workers"."""
    if tok.pos_ != "VERB" or family_of(tok) not in VIOLENCE | MEANS:
        return False  # not "a video released by the group": a media release
    patients = direct_objects(tok)
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
        patients.append(tok.head)  # "the film bombed", parsed as "the film (that was) bombed"
    if not patients:
        patients = [c for c in tok.children if c.dep_ == "nsubj"]  # "the album bombed"
    if any(p.lemma_.lower() in WORKS for p in patients):
        return True
    aimed = any(
        c.dep_ in {"prep", "prt"} and c.lower_ in {"at", "on", "upon", "into", "toward", "towards"}
        for c in tok.children
    )
    staff = STAFF | CIVILIAN_TARGETS | MEMBER_NOUNS
    return (
        tok.lemma_.lower() == "fire"
        and not aimed
        and any(p.lemma_.lower() in staff or p.ent_type_ == "PERSON" for p in patients)
    )


def _kinds(nouns: list[Token]) -> set[str]:
    """What modifies the nouns, "denial-of-service" (an ``nmod``) among them."""
    kinds = {"amod", "compound", "npadvmod", "nmod"}
    return {c.lemma_.lower() for w in nouns for c in w.children if c.dep_ in kinds}


def _in_words(tok: Token, family: str | None, doers: list[Token]) -> bool:
    """An attack, clash or offensive made in words: by politicians, parties, firms or the press ("the senator attacked
    the prime minister", "two ministers clashed over the bill", "came under fire from lawmakers"), or in a speech or a
    debate, with no one hurt, no weapon and no armed people in the sentence."""
    if family not in {"attack", "fight", "harm"}:
        return False  # words attack, clash and assault; they do not arrest, sign or release a recording
    verb = clause_verb(tok)
    doing = {d.lemma_.lower() for d in doers}
    if doing & (CROWD | GATHERINGS | {"mob"}):
        return False  # "a mob attacked two lawmakers in parliament"
    armed = PHYSICAL_CUES | WEAPONS | CRUDE_WEAPONS | ORGANIZED_ARMED | ATTACKER_CUES
    accusing = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in ACCUSING]
    if accusing and tok.lemma_.lower() == "attack":  # not "beat up a councillor, accusing him of fraud"
        # "launched a fresh attack on the party, accusing it of 'bombing' the economy": words
        return not _harm_told(tok, armed, besides={w.i for c in accusing for w in c.subtree})
    preps = [c for n in (tok, verb) for c in n.children if c.dep_ == "prep" and c.lower_ in {"in", "during"}]
    settings = {g.lemma_.lower() for c in preps for g in c.children}  # not "outside parliament": a place
    matters = {g.lemma_.lower() for n in (tok, verb) for c in n.children if c.lower_ == "over" for g in c.children}
    if not doing & WORD_FIGHTERS and not settings & SPEECH_SETTINGS and not matters & POLITICAL_MATTERS:
        return False  # "a bruising battle over the budget", "clashed openly over the impeachment motion"
    partners = {
        g.lemma_.lower()
        for n in (tok, verb)
        for c in n.children
        if c.dep_ in {"dobj", "prep"}
        for g in (c, *c.children)
    }
    fought = ARMED_TARGETS | STATE_CUES - {"government", "security"}  # "clashed with police", not "the government"
    return not (_harm_told(tok, armed) or partners & fought)


def _rehearsed(tok: Token) -> bool:
    """Fire in a drill, an exercise, a parade or a weapons test ("fired artillery shells at targets during an
    exercise", "live-fire drills") shows force and hits no one; a sentence that names people hurt, a crowd, an
    armed group or a bomb tells of an attack on it ("a bomb went off during the parade")."""
    if not in_doc(tok, EXERCISES):
        return False  # nothing frames it
    frames = [tok.head] if tok.dep_ == "compound" and tok.head.lemma_.lower() in EXERCISES else []
    for node in (tok, *tok.ancestors):
        joined = [  # "fired and sank ... in a drill", "fired missiles to sink a hulk as part of an exercise", "the
            # army carried out a training launch, its media wing said, adding that it hit its target"
            g
            for c in node.children
            if c.dep_ in {"conj", "xcomp", "advcl", "ccomp"}
            for g in c.children
        ]
        frames += [c for c in (*node.children, *joined) if _exercise(c)]
        if node != tok and node.lemma_.lower() in EXERCISES:
            frames.append(node)  # "the exercise off Goa, firing at targets" with "exercise" parsed as the verb
        if node.dep_ == "ROOT":
            break
    staged = {w.i for frame in frames for w in frame.subtree}  # "drills which simulate an amphibious assault"
    return bool(frames) and not _harm_told(tok, PHYSICAL_CUES | ATTACKER_CUES | CROWD | GATHERINGS, staged)


def _exercise(child: Token) -> bool:
    """ "held an exercise", "during a drill", "as part of a military parade", "test-fired", "a training launch"."""
    if child.dep_ in {"dobj", "dep"}:
        kinds = {child.lemma_.lower()} | {c.lemma_.lower() for c in child.children if c.dep_ == "compound"}
        return not kinds.isdisjoint(EXERCISES)
    return child.dep_ == "prep" and any(
        (w.pos_ == "NOUN" or w.dep_ == "pobj") and w.lemma_.lower() in EXERCISES for w in child.subtree
    )  # ("took part in the exercise" with "exercise" tagged a verb: its role says it is a noun)


def _harm_told(tok: Token, cues: frozenset[str], besides: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether the sentence names a killing or an injury, or one of ``cues``, apart from the trigger itself and the
    tokens ``besides``."""
    return any(
        w != tok and w.i not in besides and (family_of(w) in {"kill", "harm"} or w.lemma_.lower() in cues)
        for w in tok.sent
    )


def _doers(tok: Token) -> list[Token]:
    """Who does it: the subject of its clause (not of "came under fire", whose subject is hit), "by" or "from" X,
    and "X's attack"."""
    verb = clause_verb(tok)
    below = list(verb.children)  # spaCy walks the parse again on every ``children``
    found = [c for c in tok.children if c.dep_ == "poss"] if tok.pos_ == "NOUN" else []
    if not any(c.dep_ == "prep" and c.lower_ == "under" for c in below):
        subjects = [c for c in below if c.dep_ == "nsubj" and c != tok]
        if not subjects and verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        found += subjects
    preps = [c for c in (*tok.children, *below) if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}]
    return found + [g for p in preps for g in p.children if g.dep_ == "pobj"]


def _sums_up(verb: Token, past: bool = False) -> bool:
    """A perfect tense sums up when it counts over a period so far or by the thousand, or a whole conflict does it
    (see SO_FAR); a past perfect only when a whole conflict does it ("he said the war had killed a million") or it
    counts over the past days or weeks (PAST_PERIOD)."""
    doers = {w.lemma_.lower() for c in verb.children if c.dep_ == "nsubj" for w in (c, *c.children)}
    text = span_text(verb.sent).lower()
    if doers & WHOLE_CONFLICTS or PAST_PERIOD.search(text):
        return True  # "had been killed across the territory in the past week alone": a tally, told in either tense
    return not past and (bool(SO_FAR.search(text)) or _thousands(verb))


def _with_the(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def counted_since(death: Token) -> bool:
    """Whether a death word counts from a deed on ("670 people killed since Israel resumed its attacks"): the toll of
    a period, not of one incident. A count from a day ("killed more than 58 soldiers since Thursday") is the toll of
    the fighting of those days."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children) for c in death.children
    )


def running_total(death: Token) -> bool:
    """Whether a death word counts the dead by the thousand in the perfect on no day ("more than 6,000 people have
    been killed", "responsible for the deaths of 40,000"): a war's running total, no incident's toll."""
    verb = death if death.pos_ in {"VERB", "AUX"} else governing_verb(death)
    if verb is None or not _present_perfect(verb):
        return False
    victims = _victims(verb) + (list(death.subtree) if death is not verb else [])
    return _in_thousands(victims) and not _day_named(verb)


def _present_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children)


def _thousands(verb: Token) -> bool:
    """Whether a clause counts its victims in thousands on no day ("it has killed more than 14,000 militants"): no
    incident told in the perfect kills so many; a war's running total does."""
    return _in_thousands(_victims(verb)) and not _day_named(verb)


def _victims(verb: Token) -> list[Token]:
    """The words of what a verb was done to: its object, or its subject when it is passive."""
    return [w for obj in direct_objects(verb) for w in obj.subtree]


def _in_thousands(words: Iterable[Token]) -> bool:
    """Whether the words count by the thousand: "40,000", "tens of thousands", "hundreds of thousands"."""
    words = list(words)
    digits = (w.text.replace(",", "") for w in words if w.like_num)
    return any(d.isdigit() and int(d) >= 1000 for d in digits) or any(w.lower_ in _MULTITUDES for w in words)


_MULTITUDES = frozenset("thousand thousands million millions".split())


def _only_planned(noun: Token) -> bool:
    """A noun that its own clause tells was planned ("a rally they had planned for Monday"), with nothing done to it
    or by it ("police broke up the rally they had planned" tells it held)."""
    planned = any(c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in {"plan", "schedule"} for c in noun.children)
    return planned and family_of(noun.head) is None


def _negated_noun(tok: Token) -> bool:
    """ "No attacks were reported", "no chance of capturing", "no reports of fighting"."""
    return tok.pos_ == "NOUN" and any(c.lower_ == "no" for c in tok.lefts)  # a determiner: before its noun


def _reported_false(tok: Token) -> bool:
    """Whether the trigger is what a rumour tells ("rumours of attacks spread"), or what a report said and the report
    is called false ("reports of a kidnapping were false", "described as 'fake news' reports that ...")."""
    if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _RUMOURS:
        return True
    if not in_doc(tok, FALSE_WORDS):
        return False
    for report in (a for a in tok.ancestors if a.lemma_.lower() in REPORT_NOUNS):
        called = [c for c in report.head.children if c.dep_ in {"acomp", "attr"}]
        called += [w for c in report.head.children if c.dep_ == "prep" and c.lower_ == "as" for w in c.subtree]
        called += [c for c in report.children if c.dep_ == "amod"]  # "baseless reports that ..."
        if any(w.lemma_.lower() in FALSE_WORDS for w in called):
            return True
    return False


def _denied(tok: Token) -> bool:
    """Whether the trigger is what a denial disputes: a clause or a report after "deny" (see DENIAL_HEADS)."""
    if not in_doc(tok, DENIAL_HEADS):
        return False
    disputed = False
    for node in (tok, *tok.ancestors):
        if _denies(node.head) and node.head.i < node.i:
            denied_event = node.dep_ == "dobj" and family_of(node) is not None  # "army denies bomb explosion"
            said = node.dep_ in {"ccomp", "xcomp"}  # "denied that its jets had bombed", "deny losing soldiers"
            return disputed or denied_event or said or node.lemma_.lower() in REPORT_NOUNS
        disputed = disputed or node.dep_ == "ccomp" or node.lemma_.lower() in REPORT_NOUNS
    return False


def _denies(verb: Token) -> bool:
    """A verb of denial: "denied", "dismissed", "ruled out" (not "ruled that")."""
    lemma = verb.lemma_.lower()
    return lemma in DENIAL_HEADS and (
        lemma != "rule" or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    )


def _never_used(tok: Token) -> bool:
    """Under "foiled": a bomb, a suicide attack or a planned attack never happened; an attack that was "foiled"
    without such words was fought off (a battle, typed by the events stage's disrupt rule)."""
    attack = tok.head if tok.dep_ in {"amod", "compound"} else tok  # a phrase trigger's first word: "suicide"
    planned = any(c.dep_ in {"amod", "compound"} and c.lower_ in UNREALISED for c in attack.children)
    return planned or family_of(attack) in MEANS


def _antecedents(clause: Token) -> list[Token]:
    """What a relative clause tells of: its head, and the noun just before it, where the parser hung the clause
    higher up ("a centre of the 2018 movement, during which troops killed 70": the movement)."""
    before = clause.left_edge.i - 1
    while before >= 0 and clause.doc[before].is_punct:
        before -= 1
    nearest = clause.doc[before] if before >= 0 else clause.head
    return [clause.head] if nearest == clause.head or nearest.pos_ != "NOUN" else [clause.head, nearest]


def _felt_about(tok: Token) -> bool:
    """Whether a noun trigger (or the list it is one of) is what a feeling is about: "outrage over abductions of
    critics", "anger has shifted to police brutality, abductions and the cost of living". A grievance names a kind of
    deed, not an incident."""
    while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"}:
        tok = tok.head
    if tok.pos_ != "NOUN" or tok.dep_ not in {"pobj", "npadvmod"}:
        return False
    held = tok.head.head if tok.dep_ == "pobj" else tok.head  # the feeling itself, or the verb it is the subject of
    feelings = [held, *(c for c in held.children if c.dep_ == "nsubj")] if held.pos_ in {"VERB", "AUX"} else [held]
    return any(f.lemma_.lower() in _FEELINGS for f in feelings)


_FEELINGS = frozenset("anger outrage fury rage frustration discontent resentment indignation grievance".split())


def _time_told_by(tok: Token) -> bool:
    """Whether a trigger is the event a time is told from: "the day after the attack", "hours before the raid",
    "a week after Tuesday's bombing". The event is one the report has told, or tells, in its own words."""
    if _sequenced(tok) or _clause_told_from(tok):
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ not in {"after", "before"}:
        return False
    prep = tok.head
    units = [prep.head, *(c for c in prep.children if c.dep_ == "npadvmod")]
    units += [prep.nbor(-1)] if prep.i > 0 else []  # "Hours after the bombing, police ...": the verb's modifier
    known = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "that", "this"}) for c in tok.children)
    return known and any(u.lemma_.lower() in _TIMES_TOLD_FROM for u in units)


def _clause_told_from(tok: Token) -> bool:
    """ "..., weeks after the army retook it", "days before rebels overran the camp": a clause of another verb that a
    span of time leads up to or away from tells the event the main clause's is timed by, unless it names its own day
    ("days after fighters took the town on Thursday")."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in {"after", "before"} for c in tok.children):
        return False
    span = next((c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _TIMES_TOLD_FROM), None)
    return span is not None and not _day_named(tok, besides=span)


def _sequenced(tok: Token) -> bool:
    """ "The strike followed heavy fighting on Monday", "The bombing came days after fighters took the town", "The
    attack came as talks resumed": the incident told, named again to place another in time (the day is the other's)."""
    verb = tok.head
    if tok.dep_ != "nsubj" or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children):
        return False
    lemma = verb.lemma_.lower()
    if lemma in {"follow", "precede"}:
        return True
    near = (w for c in verb.children for w in (c, *c.children)) if lemma == "come" else ()  # "came days after ..."
    return any(w.dep_ in {"prep", "mark", "advmod"} and w.lower_ in {"after", "before", "amid", "as"} for w in near)


_TIMES_TOLD_FROM = _TIME_UNITS | frozenset("minute hour night morning evening afternoon".split())


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
