"""Fatality claims: every death figure in the text, with its qualifier, source, certainty and span.

A figure is a number (or a vague amount) that the dependency parse ties to a word of death
("killed", "died", "dead", "bodies", "death toll"). The wounded are not fatalities, numbers
inside "including ..." are sub-groups of a figure already counted, and figures joined by "and"
under one death word ("3 militants and 2 policemen were killed") add up to one claim. Only the
victims are counted, never the agent: "two robbers shot dead a shopkeeper" and "a truck overturned,
killing six people" are 1 and 6. A single victim is 1, whether counted ("with one soldier killed"),
named by an article ("a soldier was killed") or by name ("gunmen killed Jane Doe"); an attempt or a
threat ("tried to kill") is no figure, and a report that nobody died ("No fatalities were reported") a
claim of 0. A verbless headline figure ("..., two dead") counts.

Vague amounts follow one convention, the smallest quantity the expression denotes, qualified
"at least": a few / several = 3, tens = 20, dozens = 24, scores = 40, hundreds = 200, thousands = 2000.
That "at least" is the only mark that the figure stands for a vague word: the claim model has no
field for an imputed figure. "A dozen" is 12, qualified as the text qualifies it ("about a dozen"). A range
("two to three", "between 12 and 18") counts its lower bound, at least.

The source is the subject of the reporting verb that governs the figure ("X said ... killed",
"X gave a toll, saying ...", "with X saying ..."), or the object of "according to" / "as per".
A back-reference is followed to the speaker it names (``actor_roles.antecedent``): "the monitor",
"the Observatory", "the ministry" or "officials" to the last named speaker of that kind, "he" to
the last person who spoke, "they" to the body just named; a spokesperson gives their body's figure
("police spokesman X" -> police; "the group's spokesman" -> the group named before); a name with an acronym
defined after it is the acronym; an outlet is named without its kind ("the Daily Star newspaper") and a group's
media by the group ("Hamas-run media"). Several tellers of one figure ("Reuters and AFP reported", "police and
hospital officials said") give one claim each. The source is returned as written (its words spaced as in the
text, a common noun opening the sentence in lower case); canonical names are the actors stage's job, and whether a
source is a party to the fighting (certainty ``claimed``) is decided when the event is assembled.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import VAGUE_AMOUNTS, Article, Certainty, FatalityClaim, Mention, Qualifier, Sides, Span
from ..registry import ClaimExtractor
from ..taxonomy import DEATHLESS_SUB_EVENT_TYPES
from .actor_roles import (
    antecedent,
    coordinated_speakers,
    defined_acronym,
    document_author,
    is_descriptor,
    name_conjuncts,
    participle_speakers,
    phrase_before,
    speaker_indices,
    spokes_body,
    subject_body,
)
from .actors import OUTLET_NOUNS, REPORTS, as_written, speaker_kinds
from .event_facts import counted_since, running_total, with_as_result
from .event_roles import direct_objects
from .event_words import DISASTER_CUES, MONTHS
from .nlp import HYPHENS, compared, lemmas, lowers, sentences, span_text, text_of, tokens
from .place_words import TITLES, past_dateline

OWNED_MEDIA = frozenset("run controlled owned operated affiliated".split())  # "Hamas-run media" speak for Hamas
NOT_SPEAKERS = frozenset({"which", "who", "i", "we", "you"})  # relative or quoted speakers: named elsewhere
# Staff who speak for the body they work at: "a doctor at the hospital", "the director of the ambulance service".
STAFF = frozenset("doctor physician surgeon nurse medic director head chief official administrator manager".split())
DEATH_VERBS = frozenset(
    "kill murder execute slay behead massacre assassinate shoot lynch martyr gun neutralise neutralize".split()
)
# "Neutralised" kills only fighters (a military euphemism): "neutralised 11 bandits", not "neutralised two IEDs".
NEUTRALISED = frozenset(
    "militant fighter rebel insurgent terrorist gunman bandit hoodlum criminal kidnapper "
    "attacker assailant jihadist extremist cadre maoist".split()
)
WOUNDS = frozenset("injure wound hurt injured wounded".split())
DEATH_WORDS = frozenset("die dead death body corpse fatality toll life killing assassination".split()) | DEATH_VERBS
# One person, named without a number: "the officer died", "a trader and his son were killed", "shot him dead".
PERSONS = frozenset(
    (
        "man woman boy girl child teenager officer soldier policeman policewoman guard bodyguard civilian victim "
        "driver farmer herder trader villager resident student teacher journalist worker commander leader official "
        "judge "
        "mayor chief member militant fighter rebel gunman suspect son daughter father mother brother wife husband "
        "person individual passenger pilot doctor nurse priest imam"
    ).split()
)
# Nouns that "a" does not make one dead person: "a massacre", "a drone strike killed", "a lot".
NOT_COUNTED = DEATH_VERBS | frozenset(
    "number lot toll death killing assassination attack strike bombing explosion blast raid series wave".split()
)
# Figures for other times or places than the event's: "since the uprising began", "across the country".
TOTALS = re.compile(
    r"\bsince (?:the |its |their )?(?:start|beginning|outbreak|uprising|war|conflict|insurgency|rebellion|invasion|"
    rf"coup|fall|collapse|takeover|(?:{MONTHS} )?(?:19|20)\d\d)|\bso far\b"
    r"|\bin total\b|\bacross the (?:country|region|province)\b|\bnationwide\b|\blast year\b"
    r"|\b(?:over|during|in) the same period\b"
    r"|\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b",  # "during his 2016-2022 term"
    re.IGNORECASE,
)
# Statements that nobody died, each a claim of zero: "No fatalities were reported", "no one was hurt", "the blast
# caused no casualties", "without loss of life". Not "no immediate reports of casualties" (nothing is known yet) and
# not a sub-group ("no civilians were killed" leaves the fighters' dead untold).
_CASUALTIES = r"(?:fatalities|casualties|deaths|injuries|loss\s+of\s+life)\b"
ZERO = re.compile(
    r"\b(?:(?:no\s+one|nobody|none)\s+(?:\w+\s+){0,3}?(?:killed|hurt|injured|harmed|wounded|died|dead)\b"
    rf"|no\s+(?:reported\s+)?{_CASUALTIES}|without\s+(?:caus\w+\s+|any\s+)*{_CASUALTIES})",
    re.IGNORECASE,
)
CASUALTY_WORDS = re.compile(rf"\b{_CASUALTIES}", re.IGNORECASE)  # what "No injuries were reported" names, no teller
# Verbs that give the dead their number: "deaths were estimated at 40", "fatalities coded as 10" ("cod" is how
# spaCy lemmatises "coded").
LEVEL_VERBS = frozenset("code cod estimate put place stand reach rise climb increase jump".split())
# Verbs that make a killing only intended: "tried to lynch a man", "threatened to kill 3 hostages".
ATTEMPT_VERBS = frozenset("try attempt seek plan plot threaten vow want intend fail".split())
NAME_LINKS = frozenset({"and", "for", "of", "&"})  # lower-case words inside a name: "Center for Peace and Justice"
ARTICLES_IN_NAMES = frozenset("al el ad ar as ash at ul".split())  # "Jaish al-Adl", "Ansar ul-Islam"
SINGLE_DETERMINERS = frozenset("a an one the his her their its".split())
ELLIPTIC_WORDS = frozenset({"dead", "kill"})  # "two dead", "5 killed" without a verb: a headline's figure
RANGE_WORDS = frozenset("to - – or".split())  # "two to three", "1-2", "one or two": the lower bound counts
# Nouns whose "of" counts the people: "a total of 27 people", "a family of five", "a group of 12 worshippers".
COUNTED_IN = frozenset("total number family household group band crew".split())
REPORT_VERBS = frozenset(
    "say tell report claim announce state confirm add allege estimate put count record note accuse".split()
)
UNVERIFIED = re.compile(
    r"\b(?:purportedly|allegedly|unconfirmed|could not (?:be )?(?:independently )?(?:verif|confirm)\w*|"
    r"(?:still )?being verified|not (?:been )?(?:independently )?(?:verified|confirmed))\b",
    re.IGNORECASE,
)
WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        (
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty"
        ).split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = VAGUE_AMOUNTS
QUALIFIERS: tuple[tuple[re.Pattern[str], Qualifier], ...] = tuple(
    (re.compile(p + r"(?:\s+an?)?\s*$", re.IGNORECASE), q)  # "about a dozen", "more than a hundred"
    for p, q in (
        (r"\b(?:more than|over|above|upwards of|in excess of)", Qualifier.MORE_THAN),
        (r"\b(?:at least|no fewer than|no less than|a minimum of|at a minimum|between)", Qualifier.AT_LEAST),
        (r"\b(?:around|about|some|nearly|almost|approximately|roughly|an estimated|close to|~)", Qualifier.AROUND),
        (r"\b(?:up to|as many as)", Qualifier.UP_TO),
    )
)


def rule_extractor() -> ClaimExtractor:
    """Factory of the ``rules.v1`` claim extractor (registered as an entry point)."""
    return extract_claims


def extract_claims(
    article: Article, doc: Doc, mentions: tuple[Mention, ...], sides: tuple[Sides, ...] = ()
) -> tuple[tuple[FatalityClaim, ...], ...]:
    """One tuple of claims per mention; a sentence's figures go to its violent mention nearest the figure.

    A sentence that counts the dead without naming an event of its own ("The officer died.",
    "3 fatalities.") tells of the violence told last before it; a headline, of the first violence told.
    A headline's figure that the body gives as a running or nationwide total is that total, not the event's.
    A figure in a sentence where nobody speaks is also told by whoever the actors stage (``sides``, one per mention)
    has report its event: "A missile hit the block, the governor said. Three people were killed." gives the governor
    three, beside the figure the text states in its own voice.
    """
    by_mention: list[list[FatalityClaim]] = [[] for _ in mentions]
    speaking = {doc[i].sent.start for i in speaker_indices(doc)} if sides else set()
    for n, sent in enumerate(sentences(doc)):
        owners = [i for i, m in enumerate(mentions) if m.sentence.start == sent.start_char and _violent(m)]
        if not owners and not any(m.sentence.start == sent.start_char for m in mentions):
            before = [i for i, m in enumerate(mentions) if m.sentence.end <= sent.start_char and _violent(m)]
            # a headline without an event word of its own ("At least 43 dead in ...") tells of the first event
            owners = before[-1:] or ([i for i, m in enumerate(mentions) if _violent(m)][:1] if n == 0 else [])
            if _an_earlier_year(article, sent) or _left_killed(sent):
                continue  # "the 2017 siege of Marawi that left more than 1,100 dead": another incident's figure
        if not owners:
            continue
        claims = _sentence_claims(article, sent)
        if n == 0 and claims:  # the headline: its figure may be a total the body gives
            totals = _total_values(article, doc)
            claims = [c for c in claims if c.value not in totals]
        triggers = {mentions[i].trigger.start: i for i in owners}
        for claim in claims:
            at = claim.span.start if claim.span else sent.start_char
            owner = _governing(sent, at, triggers)
            nearest = min(owners, key=lambda i: abs(mentions[i].trigger.start - at)) if owner is None else owner
            by_mention[nearest].append(claim)
            if claim.source is None and sides and sent.start not in speaking:
                tellers = (s for s in sides[nearest].sources if s != REPORTS)
                by_mention[nearest] += [replace(claim, source=teller) for teller in tellers]
    return tuple(tuple(claims) for claims in by_mention)


def _governing(sent: SpacySpan, at: int, triggers: dict[int, int]) -> int | None:
    """The mention whose trigger governs the figure at offset ``at`` ("blew herself up ..., killing five people, and
    a second bomber detonated his vest ..., killing two": five is the first bombing's, however near the second
    bomber it stands); None when no trigger does."""
    words = sent.doc.char_span(at, at + 1, alignment_mode="expand")
    if not words:
        return None
    return next((triggers[t.idx] for t in (words[0], *words[0].ancestors) if t.idx in triggers), None)


def _an_earlier_year(article: Article, sent: SpacySpan) -> bool:
    """Whether a sentence names a year before the article's: what it counts is not the incident told before it."""
    published = article.published
    return published is not None and any(int(y) < published.year for y in _YEARS.findall(span_text(sent)))


def _left_killed(sent: SpacySpan) -> bool:
    """Whether a sentence tells the dead as the state a period left ("the deadliest year in a decade, with hundreds
    of soldiers killed"): its figures are not the toll of the incident told before it."""
    lemma_of, words = lemmas(sent.doc), tokens(sent.doc)
    return any(lemma_of[i] == "kill" and with_as_result(words[i]) for i in range(sent.start, sent.end))


_YEARS = re.compile(r"\b(?:19|20)\d\d\b")
_CLAUSES = frozenset({"ccomp", "parataxis", "advcl", "conj"})  # a word that heads a clause of its own


def _violent(mention: Mention) -> bool:
    """Whether a mention can take a sentence's figures: not one of the taxonomy's deathless types, except a protest
    met with intervention, which assembly may fold with its killings into excessive force. (A disrupted weapons use
    can kill: a bomb going off while it is being planted.)"""
    return mention.sub_event_type not in DEATHLESS_SUB_EVENT_TYPES - {"Protest with intervention"}


def _total_values(article: Article, doc: Doc) -> set[int]:
    """The figures of the sentences that give a running total or another period's toll."""
    return {c.value for sent in sentences(doc) if _totals(sent) for c in _figure_claims(article, sent)}


def _sentence_claims(article: Article, sent: SpacySpan) -> list[FatalityClaim]:
    if _totals(sent):
        return []  # a running total or another period's toll, not this event's dead
    return _figure_claims(article, sent) or _zero_claims(article, sent)


def _zero_claims(article: Article, sent: SpacySpan) -> list[FatalityClaim]:
    """A sentence saying that nobody died ("No fatalities were reported", "police said no one was hurt"): a claim
    of zero, which tells a coder's 0 from a toll the text never gave."""
    match = ZERO.search(span_text(sent))
    if match is None:
        return []
    phrase = sent.char_span(match.start(), match.end(), alignment_mode="expand")
    if phrase is None:
        return []
    certainty = _certainty(sent)
    span = Span.of(article, phrase.start_char, phrase.end_char)
    sources = [s for s in _sources(phrase[-1], sent) if not CASUALTY_WORDS.search(s)]
    return [FatalityClaim(value=0, source=source, certainty=certainty, span=span) for source in sources or [None]]


def _totals(sent: SpacySpan) -> bool:
    """Whether a sentence gives a running total or another period's toll; "the deadliest attack since 2019" only
    ranks its event."""
    for match in TOTALS.finditer(span_text(sent)):
        phrase = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if phrase is None or not compared(phrase[0]):
            return True
    return False


def _figure_claims(article: Article, sent: SpacySpan) -> list[FatalityClaim]:
    """Every death figure of a sentence, with its qualifier, source, certainty and span."""
    certainty = _certainty(sent)
    claims: list[FatalityClaim] = []
    used: set[int] = set()
    lemma_of, words = lemmas(sent.doc), tokens(sent.doc)
    for i in range(sent.start, sent.end):  # the word's lemma first: spaCy makes a Token and decodes on every access
        if lemma_of[i] not in DEATH_WORDS or i in used:
            continue
        tok = words[i]
        if _shot_not_killed(tok) or _attempted(tok) or _gun_not_gunned_down(tok) or _neutralised_no_one(tok):
            continue
        if running_total(tok) or counted_since(tok):
            continue  # "more than 6,000 people have been killed", "killed since the truce collapsed": a period's toll
        if _disaster_toll(tok):
            continue  # "after an earthquake struck central Myanmar, killing 3,700": a disaster's toll, no side's
        if _death_or_other(tok):
            continue
        figures = [n for n in _figures_of(tok) if n.i not in used]
        if not figures:
            continue
        used.update(n.i for n in figures)
        used.add(tok.i)
        values = [_value(n) for n in figures]
        if any(v is None for v in values):
            continue
        first = figures[0]
        start, end = _figure_extent(first)
        claims += [  # one claim per source: "police and hospital officials said" gives the figure twice
            FatalityClaim(
                value=sum(v for v in values if v is not None),
                qualifier=_qualifier(sent.doc, first),
                source=source,
                certainty=certainty,
                span=Span.of(article, start, max(end, tok.idx + len(tok.text)) if tok.i > first.i else end),
            )
            for source in _sources(tok, sent) or [None]
        ]
    return claims


def _certainty(sent: SpacySpan) -> Certainty:
    """A sentence's figures are unverified when it says so ("could not be independently verified")."""
    return Certainty.UNVERIFIED if UNVERIFIED.search(span_text(sent)) else Certainty.REPORTED


def _shot_not_killed(word: Token) -> bool:
    """Whether "shot" leaves the dead uncounted: only "shot dead" or "shot and killed" count, not "shot and wounded"."""
    if word.lemma_.lower() != "shoot":
        return False
    linked = [*word.children, word.head] if word.dep_ == "conj" else list(word.children)
    return not any(w.lower_ == "dead" or (w.lemma_.lower() in DEATH_VERBS and w != word) for w in linked)


def _gun_not_gunned_down(word: Token) -> bool:
    """ "Gun" counts the dead only as "gunned down": two guns seized are no one dead."""
    return word.lemma_.lower() == "gun" and (word.pos_ != "VERB" or not any(c.lower_ == "down" for c in word.children))


def _neutralised_no_one(word: Token) -> bool:
    """ "Neutralised" counts the dead only when what it neutralised are fighters ("11 of the bandits")."""
    if word.lemma_.lower() not in {"neutralise", "neutralize"}:
        return False
    objects = [w for o in direct_objects(word) for w in o.subtree]
    return not any(w.lemma_.lower() in NEUTRALISED for w in objects)


def _disaster_toll(word: Token) -> bool:
    """Whether the clause a death word stands in has a natural disaster or an accident for its doer: "an earthquake
    struck the region, killing 3,700", "the floods killed 40"."""
    verb = next((v for v in (word, *word.ancestors) if any(c.dep_ == "nsubj" for c in v.children)), None)
    doers = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    return any(d.lemma_.lower() in DISASTER_CUES for d in doers)


def _death_or_other(word: Token) -> bool:
    """ "Killed, wounded or captured": a figure for the dead and others together, with no way to tell them apart."""
    outcomes = [word, *word.conjuncts]
    either = any(c.dep_ == "cc" and c.lower_ == "or" for w in outcomes for c in w.children)
    return either and any(w.lemma_.lower() not in DEATH_WORDS for w in outcomes)


def _attempted(word: Token) -> bool:
    """Whether a death verb tells only of an attempt or a threat ("tried to kill", "threatened to kill")."""
    if word.tag_ != "VB":  # "tried to rob the shop and killed the owner": the killing happened
        return False
    verb = word.head if word.dep_ == "conj" else word
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT_VERBS


def _figures_of(word: Token) -> list[Token]:
    """Number tokens that count the dead for one death word."""
    lemma = word.lemma_.lower()
    heads: list[Token] = []
    if lemma in DEATH_VERBS and word.pos_ == "VERB":
        heads = _victims_of_verb(word)
        heads += [  # "the killing of ...", "killing between 12 and 18 guests" (misparsed as a preposition)
            g
            for c in word.children
            if c.dep_ == "prep" and c.lower_ in {"of", "between"}
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if word.dep_ == "conj" and not heads:  # "one of them was hit and killed": the subject of "hit"
            heads = [c for c in word.head.children if c.dep_ == "nsubjpass"]
    elif lemma == "die":
        heads = [c for c in word.children if c.dep_ == "nsubj"]
        if word.dep_ == "conj" and not heads:  # "was wounded and later died"
            heads = [c for c in word.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    elif lemma == "dead":
        heads = [word.head] if word.dep_ in {"amod", "oprd", "acomp"} and word.head.pos_ != "VERB" else []
        heads += [c for c in word.children if c.dep_ in {"nsubj", "npadvmod"}]
        if word.head.pos_ == "VERB" and word.dep_ not in _CLAUSES:  # "shot dead a shopkeeper": the object; "two
            # men lay dead": the subject; not the teller of "3 dead, the governor says"
            objects = [c for c in word.head.children if c.dep_ == "dobj"]
            heads += objects or [c for c in word.head.children if c.dep_ in {"nsubj", "nsubjpass"}]  # "were left dead"
        if any(c.dep_ == "nummod" for c in word.children):  # "the 43 dead", "At Least 43 Dead": the dead counted
            heads.append(word)
        heads += _objects_left_dead(word)
    elif lemma == "death" and word.dep_ == "pobj" and word.head.lower_ == "to" and word.head.head.pos_ == "VERB":
        heads = [c for c in word.head.head.children if c.dep_ in {"dobj", "nsubjpass"}]  # "tortured a man to death"
    else:  # a noun: deaths, bodies, toll, lives, the killing of ...
        heads = [word]
        heads += [c for c in word.subtree if c.dep_ == "pobj" and c.head.lower_ in {"to", "at", "of"}]
        if lemma in {"killing", "assassination"}:  # "the killing of 4 gunmen and 2 soldiers" (parsed as conjoined)
            heads += [c for c in word.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}]
        if lemma == "life" and word.dep_ == "dobj" and word.head.lemma_.lower() == "lose":  # "six men lost their lives"
            heads += [c for c in word.head.children if c.dep_ == "nsubj"]
        if lemma == "toll" and word.dep_ == "nsubj":  # "the death toll rose to 27"
            heads += [g for c in word.head.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
        heads += _figures_given(word)
    figures: dict[int, Token] = {}
    for head in (h for h in heads if not _among_them(h)):
        for noun in [head, *[c for c in head.conjuncts if c.i > head.i and not _wounded(c)]]:
            figure = _number_in(noun)
            if figure is not None:
                figures.setdefault(figure.i, figure)
    if not figures and lemma in ELLIPTIC_WORDS:
        return _elliptic_figure(word)
    return list(figures.values())


def _objects_left_dead(dead: Token) -> list[Token]:
    """The objects of "leave" when the parser hung "dead" on the last of them: "leaving nine soldiers and an unknown
    number of militants dead" counts the soldiers."""
    if dead.dep_ != "amod":
        return []
    verb = next((a for a in dead.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.lemma_.lower() != "leave":
        return []
    return [c for c in verb.children if c.dep_ == "dobj" and c.i < dead.i and c is not dead.head]


def _among_them(noun: Token) -> bool:
    """A sub-group of the dead counted already, the parser making it a victim of its own: "killing 11 people, among
    them four children"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "among" and any(g.lower_ in {"them", "whom"} for g in c.children)
        for c in noun.children
    )


def _wounded(noun: Token) -> bool:
    """A conjoined figure that its own word makes the wounded: "left one dead and five injured"."""
    return noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lemma_.lower() in WOUNDS


def _figures_given(noun: Token) -> list[Token]:
    """A figure a verb of level gives the dead as its subject or object: "deaths were estimated at 40", "fatalities
    coded as 10", "dozens of fatalities coded as 12" (a coder's figure for a vague amount), "X put the toll at 11";
    or that "be" equates with them ("the toll was 14")."""
    subject = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    verb = subject.head
    if subject.dep_ == "nsubj" and verb.lemma_ == "be":  # "the toll was 14": its own figure, not a total's
        return [c for c in verb.children if c.dep_ == "attr"]
    if subject.dep_ not in {"nsubj", "nsubjpass", "dobj"} or verb.lemma_.lower() not in LEVEL_VERBS:
        return []  # "dobj": a teller's level, "X put the toll at 11"
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "at", "as"} for g in c.children]


def _victims_of_verb(verb: Token) -> list[Token]:
    """The nouns a death verb's dead are counted in: its object, or the subject of a passive; never its agent.

    A past participle without an auxiliary or object of its own is passive ("with one soldier killed",
    "two soldiers killed in ..."); a present participle hung on a noun has that noun as its agent ("a truck
    overturned, killing six people"), and a participle with a subject of its own is a clause, not a modifier
    of the noun it hangs on.
    """
    children = list(verb.children)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
    bare_participle = _participle(verb) and not any(c.dep_ in {"aux", "dobj"} for c in children)
    modifier = verb.dep_ in {"amod", "acl"} and verb.tag_ != "VBG"
    passive = modifier or bare_participle or any(c.dep_ in {"auxpass", "nsubjpass"} for c in children)
    deps = {"dobj", "nsubjpass"} if passive else {"dobj"}
    if bare_participle:
        deps.add("nsubj")
    heads = [c for c in children if c.dep_ in deps]
    if modifier and not own_subject:  # "the 5 people killed", "Two soldiers killed in ..."
        heads.append(verb.head)
    if not heads and bare_participle and verb.dep_ == "advcl" and verb.head.lemma_ == "be":
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "a trader was on Sunday lynched", misparsed
    if not heads and verb.tag_ == "VBG" and not passive:  # "killing at least seven people, ..., X told reporters":
        heads = _phrase_after(verb)  # the victims parsed as the teller's subject
    auxpass = next((c for c in children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if not heads and auxpass is not None and auxpass.i > 0 and auxpass.nbor(-1).pos_ in {"NOUN", "PROPN", "NUM"}:
        heads = [auxpass.nbor(-1)]  # "with sticks and one person was shot dead": the subject hung on "sticks"
    return heads


def _phrase_after(verb: Token) -> list[Token]:
    """The noun whose phrase opens right after a verb, wherever the parser hung it."""
    doc = verb.doc
    for tok in doc[verb.i + 1 : min(len(doc), verb.i + 6)]:
        if tok.pos_ in {"NOUN", "PROPN"} and tok.left_edge.i == verb.i + 1:
            return [tok]
    return []


def _participle(verb: Token) -> bool:
    """A past participle, or a killing verb tagged a past tense that kills no one named after it: "three Palestinians
    killed in a gun battle" is a headline's passive (active, the verb would have its victims as object)."""
    if verb.tag_ == "VBN":
        return True
    return verb.tag_ == "VBD" and not any(c.dep_ in _OBJECTS for c in verb.children)


_OBJECTS = frozenset({"dobj", "dative", "conj", "prt", "attr", "oprd"})


def _elliptic_figure(word: Token) -> list[Token]:
    """A number right before "dead" / "killed" that the parse tied elsewhere: a verbless headline phrase
    ("drones hit the port, two dead"). A verb with an object of its own has its number as the agent."""
    if word.i == 0 or any(c.dep_ == "dobj" for c in word.children):
        return []
    number = word.doc[word.i - 1]
    if not (number.like_num or number.lower_ in VAGUE) or number.dep_ == "pobj" or number.ent_type_ == "DATE":
        return []
    if number.i > 0 and number.nbor(-1).lower_ == "no":  # "no one killed"
        return []
    return [number]


def _number_in(noun: Token) -> Token | None:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None  # "no one was killed"
    if noun.like_num or noun.lower_ in VAGUE:
        return noun
    if _named_person(noun):
        return noun  # "killed reporter Jane Doe": one
    if noun.pos_ == "PRON" and noun.lower_ in {"him", "her"}:
        return noun  # "shot him dead": one
    for child in noun.children:
        if child.dep_ in {"nummod", "quantmod"} and not _a_year(child):  # not "2019 election protesters"
            return child
        if child.dep_ == "amod" and child.lower_ in VAGUE:
            return child
    for child in (c for c in noun.children if c.dep_ == "compound"):  # "six cattle keepers": the parser counts the
        count = next((c for c in child.children if c.dep_ == "nummod" and not _a_year(c)), None)  # cattle
        if count is not None:
            return count
    if noun.lemma_.lower() in COUNTED_IN:  # "a total of 27 people", "a family of five": the people are counted
        counted = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        return _number_in(counted) if counted is not None else None
    article = next((c for c in noun.children if c.lower_ in {"a", "an", "one"}), None)
    if article is not None and noun.tag_ == "NN" and noun.lemma_.lower() not in NOT_COUNTED:
        return article
    if noun.pos_ in {"NOUN", "PROPN"} and noun.lemma_.lower() in {"dozen"}:
        return noun
    if noun.tag_ == "NN" and noun.lemma_.lower() in PERSONS:
        determiner = next((c for c in noun.children if c.dep_ in {"det", "poss"}), None)
        if determiner is not None and determiner.lower_ in SINGLE_DETERMINERS:
            return determiner  # "the officer", "his son": one
    return None


def _value(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    tens = tok.doc[tok.i - 2] if tok.i >= 2 and tok.doc[tok.i - 1].text in {"-", "–"} else None
    if tens is not None and tens.lower_ in WORD_NUMBERS and text in WORD_NUMBERS and WORD_NUMBERS[tens.lower_] >= 20:
        return WORD_NUMBERS[tens.lower_] + WORD_NUMBERS[text]  # "twenty-seven", split by the tokenizer
    lower = _range_start(tok)
    if lower is not None:
        return lower
    match = re.match(r"^(\d+)(?:[-–]\d+)?$", text)
    if match:
        return int(match.group(1))
    if text in SINGLE_DETERMINERS or text in {"him", "her"} or _named_person(tok):
        return 1
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    if text in VAGUE:
        return VAGUE[text]
    if text == "dozen":
        return 12
    return None


def _range_start(tok: Token) -> int | None:
    """The lower bound of a range ("1-2 soldiers", "two to three villagers"), which ACLED counts."""
    parts = [c for c in tok.children if c.dep_ == "quantmod"]
    numbers = [c for c in parts if c.like_num and c.i < tok.i]
    if numbers and any(t.lower_ in RANGE_WORDS for t in tok.doc[numbers[0].i : tok.i]):
        first = numbers[0].lower_.replace(",", "")
        return int(first) if first.isdigit() else WORD_NUMBERS.get(first)
    return None


def _a_year(number: Token) -> bool:
    return number.ent_type_ == "DATE" and bool(_YEARS.fullmatch(number.text))


def _either(figure: Token) -> bool:
    """A figure given as one of two: "one or two guards"."""
    return any(c.dep_ == "cc" and c.lower_ == "or" for c in figure.children) and any(
        c.dep_ == "conj" and c.like_num for c in figure.children
    )


def _named_person(tok: Token) -> bool:
    """A person named outright ("Jane Doe"): one victim, though no number counts them."""
    return tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON"


def _figure_extent(tok: Token) -> tuple[int, int]:
    start, end = tok.idx, tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ == "conj" and child.like_num:  # "between 12 and 18"
            end = child.idx + len(child.text)
        if child.dep_ in {"quantmod", "advmod", "amod"} and child.i < tok.i:
            start = min(start, min(w.idx for w in child.subtree))
        if _named_person(tok) and child.dep_ == "compound" and child.ent_type_ == "PERSON" and child.i < tok.i:
            start = min(start, child.idx)  # the whole name: "Jane Doe"
    return start, end


def _qualifier(doc: Doc, figure: Token) -> Qualifier:
    """A vague amount or a range counts its least ("dozens", "two to three", "between 12 and 18"): at least."""
    if figure.lower_ in VAGUE or _range_start(figure) is not None or _either(figure):
        return Qualifier.AT_LEAST
    start = figure.idx
    before = text_of(doc)[max(0, start - 25) : start]
    for pattern, qualifier in QUALIFIERS:
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT


def _sources(word: Token, sent: SpacySpan) -> list[str]:
    """Who states the figure: the subject of a governing reporting verb, or 'according to X'; each of several
    ("Reuters and AFP reported")."""
    for ancestor in word.ancestors:
        # the figure's own clause cites its source ("according to X" hung on it): nearer than any verb above it
        cited = next((x for c in ancestor.children if c.dep_ == "prep" and (x := _cited(c)) is not None), None)
        if cited is not None:
            return _all_named(cited)
        if ancestor.lemma_.lower() in REPORT_VERBS:
            subject = _speaker(ancestor, {"nsubj", "nsubjpass"})
            if subject is None:  # "X gave a toll, saying ...", "with X saying ..."
                subject = next(iter(participle_speakers(ancestor)), None)
            names = _all_named(subject) if subject is not None else []
            if names:
                return names
    # else "according to X" / "as per X", or "..., police said." after the figure: the first after it, else the first
    lower_of, lemma_of, words = lowers(sent.doc), lemmas(sent.doc), tokens(sent.doc)
    cited: list[tuple[int, list[str]]] = []
    for i in range(sent.start, sent.end):
        if lower_of[i] in {"according", "as"}:
            source = _cited(words[i])
            cited.append((i, _all_named(source) if source is not None else []))
        elif lemma_of[i] in REPORT_VERBS and i > word.i and _telling(words[i]):
            subject, first = _speaker(words[i], {"nsubj"}), sent.start
            if subject is None and (before := phrase_before(words[i], sent)):
                subject, first = before
            cited.append((i, _all_named(subject, first) if subject is not None else []))
    cited = [(i, names) for i, names in cited if names]
    return next((names for i, names in cited if i > word.i), cited[0][1] if cited else [])


def _cited(word: Token) -> Token | None:
    """Whom "according to X" or "as per X", opening at ``word``, cites."""
    doc = word.doc
    if word.lower_ not in {"according", "as"} or word.i + 2 >= len(doc) or doc[word.i + 1].lower_ not in {"to", "per"}:
        return None
    return next((c for c in doc[word.i + 1].children if c.dep_ == "pobj"), None)


def _telling(verb: Token) -> bool:
    """Whether a reporting verb after a figure tells who gave it: a main clause ("..., police said"), or one the
    parser hangs on the victims with a subject of its own ("killed two people, governor Jane Doe said")."""
    if verb.dep_ in {"ROOT", "parataxis", "conj"}:
        return True
    return verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ not in {"WP", "WDT"} for c in verb.children)


def _all_named(speaker: Token, first: int = 0) -> list[str]:
    """Every source a speaker phrase names: its conjuncts (from token ``first`` on), or the two bodies of "police and
    hospital officials"."""
    both = coordinated_speakers(speaker)
    if both:
        return [" ".join(w for w in text.split() if w.lower() not in SINGLE_DETERMINERS) for text in both]
    speakers = [t for t in name_conjuncts([speaker]) if t.i >= first and t.lower_ not in NOT_SPEAKERS]
    names = (_named(tok) for tok in speakers)
    return list(dict.fromkeys(n for n in names if n))


def _speaker(verb: Token, deps: set[str]) -> Token | None:
    """The subject of a reporting verb, past a dateline taken for it (the apposition nearest the verb); of two
    subjects the parser gives it, the nearest ("Gunmen killed 21 villagers, the deputy mayor said": the other is
    the reported clause's)."""
    subjects = [s for c in verb.children if c.dep_ in deps for s in past_dateline(c)[-1:]]
    subject = min(subjects, key=lambda s: abs(verb.i - s.i), default=None)
    return None if subject is None or subject.lower_ in NOT_SPEAKERS else subject


def _named(speaker: Token) -> str | None:
    """The speaker as the text names it: a back-reference ("the monitor", "he") as the named speaker it
    refers to, a spokesperson as the body they speak for, a name with a defined acronym as the acronym."""
    author = document_author(speaker)
    if author is not None:  # "the HUR statement said": HUR
        return _named(author)
    if speaker.pos_ == "PRON" or is_descriptor(speaker):
        named = antecedent(speaker, speaker_kinds)
        if named is None:
            return None if speaker.pos_ == "PRON" else _phrase(speaker)
        speaker = named
    body = spokes_body(speaker)
    if body is not None:
        named = antecedent(body.root, speaker_kinds) or subject_body(body.root, speaker_kinds)
        if named is not None:  # "the group's spokesman": the group named before
            return _named(named)
        return as_written([t for t in body if t.dep_ != "det" or t.i != body.start])
    body_of_staff = _staff_body(speaker)
    if body_of_staff is not None:  # "a doctor at Dhaka Medical College Hospital": the hospital
        return defined_acronym(body_of_staff) or _phrase(body_of_staff)
    owner = next((t for t in speaker.lefts if t.lower_ in OWNED_MEDIA and t.i > 1 and t.nbor(-1).text == "-"), None)
    if owner is not None and owner.nbor(-2).pos_ == "PROPN" and not _named_after(speaker, owner):
        return speaker.doc[owner.left_edge.i : owner.i - 1].text  # "Hamas-run media": Hamas speaks
    outlet = [t for t in speaker.lefts if t.dep_ != "det"] if speaker.lemma_.lower() in OUTLET_NOUNS else []
    if outlet and all(t.pos_ == "PROPN" for t in outlet):  # "the Daily Planet newspaper"; not "the UN migration agency"
        return speaker.doc[outlet[0].left_edge.i : outlet[-1].i + 1].text
    return defined_acronym(speaker) or _phrase(speaker)


def _staff_body(speaker: Token) -> Token | None:
    """The named body a member of its staff speaks for ("a doctor at Dhaka Medical College Hospital", "the director of
    Aamin Ambulance"); not the place they are posted ("a health official in Gao")."""
    if speaker.pos_ != "NOUN" or speaker.lemma_.lower() not in STAFF:
        return None
    preps = (c for c in speaker.children if c.dep_ == "prep" and c.lower_ in {"of", "at", "from"})
    bodies = (g for c in preps for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
    return next((b for b in bodies if b.ent_type_ not in _NOT_BODIES), None)


_NOT_BODIES = frozenset({"GPE", "LOC", "PERSON", "NORP", "DATE"})


def _named_after(speaker: Token, owner: Token) -> bool:
    """Whether a speaker phrase names itself after its owner: "the state-run Somali National News Agency" speaks."""
    return any(t.pos_ == "PROPN" and t.i > owner.i for t in speaker.subtree)


def _where_posted(prep: Token) -> bool:
    """Whether a preposition after a common noun says where the speaker is ("a health official in Dhi Qar"), which is
    not part of who they are; a body's own complement stays ("the Office for the Coordination of ...")."""
    if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"} or prep.head.pos_ != "NOUN":
        return False
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return place is not None and place.pos_ == "PROPN" and place.ent_type_ not in {"ORG", "NORP", "PERSON"}


def _phrase(head: Token) -> str:
    """The noun phrase of a head without trailing appositions and relative clauses.

    A name keeps no lower-case title or description before it: "territorial administrator Jane Doe" is "Jane Doe".
    """
    joined = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}  # another speaker
    joined |= {t.i for c in head.children if _where_posted(c) for t in c.subtree}  # "a health official in Gao"
    kept = {"prep", "pobj", "compound", "amod", "det"}  # "UN Office for the Coordination of ..." keeps its "the"
    words = [w for w in head.subtree if w.i not in joined and (w.i <= head.i or w.dep_ in kept)]
    if head.pos_ == "PROPN":
        name_start = head.i
        doc = head.doc
        while name_start > 0 and doc[name_start - 1] in words:
            before = doc[name_start - 1]
            link = before.lower_ in NAME_LINKS or (before.text in HYPHENS and not before.whitespace_)
            joined = name_start > 1 and (
                doc[name_start - 2].text[:1].isupper() or doc[name_start - 2].lower_ in ARTICLES_IN_NAMES
            )
            linking = link and joined  # "Inter-Services", "al-Adl"
            if not (before.text[:1].isupper() or linking or before.lower_ in ARTICLES_IN_NAMES):
                break
            if head.ent_type_ == "PERSON" and before.lower_.rstrip(".") in TITLES:
                break  # "Governor Serhiy Lysak" is Serhiy Lysak
            name_start -= 1
        words = [w for w in words if w.i >= name_start]
    cut = [w for w in head.subtree if w.dep_ in {"appos", "relcl", "acl", "punct"} and w.i > head.i]
    if cut:
        words = [w for w in words if w.i < cut[0].i]
    # a spaced dash or a colon before the head ends what came before: "Mali - Local officials" is "Local officials"
    breaks = [w.i for w in words if w.i < head.i and (w.text == ":" or (w.text in "-–—" and w.whitespace_))]
    if breaks:
        words = [w for w in words if w.i > max(breaks)]
    words = [w for w in sorted(words, key=lambda w: w.i) if w.dep_ != "det" or w.i != words[0].i]
    # as written ("counter-terrorism", "Al-Shabaab"), a space where words were left out
    text = as_written(words)
    if words and words[0].is_sent_start and words[0].pos_ not in ("PROPN", "PRON") and not words[0].ent_type_:
        text = text[:1].lower() + text[1:]  # "Local officials said" opening a sentence are local officials
    return text.replace(" 's", "'s").strip()
