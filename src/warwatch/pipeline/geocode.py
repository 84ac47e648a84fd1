"""The geocoding stage: where each event mention happened, as a GeoNames point with an honest ACLED precision.

In: the article, its spaCy ``Doc`` and the event mentions. Out: one ``Place`` (or None) per mention;
``explain_places`` returns the same choices with their reasons and every candidate's score.

1. Toponyms: every run of proper nouns and capitalised tokens, with Arabic articles, the Persian ezafe and hyphens
   ("al-Sukhna", "Mazar-e Sharif", "Deir az Zor-Palmyra"), looked up longest-first in the gazetteer. NER labels
   are evidence, never a filter: the small English model calls Palmyra and Deir Az Zor PERSON.
2. Evidence from context: a locative preposition, a place word ("town of", "province"), a territorial verb
   ("retook Homs"), an address ("Nihm, Sanaa") or a coordinated place says place; a title ("President"), a
   name seen with a title, a hit inside a longer PERSON/ORG name or glued to an unknown word says not a place.
   A role marks places that are not where things happen: "X-based", a speaker's "said in X", "the US dollar",
   a clause describing another place.
3. The article's country: the most-voted country over demonyms, country names and place candidates.
4. Disambiguation: article country, an adjacent admin name ("Imam Sahib district, Kunduz"), feature class against
   the place word, seats of provinces, population (a weak prior) and proximity to the article's other places.
5. Per mention: a place of its own sentence nearest the trigger (domestic and specific first), else one of the
   preceding sentences (the paragraph's, then two more not past a heading), else the article's main place;
   None when the article names no place.
6. Precision: 1 the town itself; 2 near/outside/N km from/direction of a town, a road between towns, a hill
   overlooking one, an admin2 area; 3 a province or a country.

Leaves to others: which sentences are events (events), merging places across articles (merge).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Candidate, Gazetteer, fold, open_gazetteer
from ..model import Article, Mention, Place
from ..registry import Geocoder

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_MAX_NAME_TOKENS = 6
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_NAME_ENTS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})
_NOT_PLACE_ENTS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
_ARTICLES = frozenset("al el il ul as ash es us ad ed ud an en ar er az ez at et ath".split())
# joiners inside names: Romance and Dutch particles, Arabic bin/ibn, the Persian ezafe (Mazar-e Sharif, Qala i Naw)
_CONNECTORS = frozenset("de del della di da du des la le los las van von dos do das bin ibn of the e i ye".split())
_HYPHENS = frozenset({"-", "‐", "–"})
_TITLES = frozenset(
    "president minister leader envoy ambassador spokesman spokeswoman spokesperson commander general gen "
    "colonel col major maj captain capt lieutenant lt sergeant mr mrs ms dr king queen prince princess emir pope "
    "senator judge chancellor premier mullah ayatollah cleric mayor governor secretary chief sultan brigadier "
    "marshal admiral officer journalist reporter correspondent activist director deputy".split()
)
_TOWN_WORDS = frozenset("city town village hamlet settlement neighbourhood neighborhood suburb camp port".split())
_ADMIN1_WORDS = frozenset("province governorate state oblast region prefecture department wilaya emirate".split())
_ADMIN2_WORDS = frozenset(
    "district county municipality raion rayon subdistrict sub-district commune lga township "
    "tehsil taluka woreda upazila municipio parish".split()
)
_ROAD_WORDS = frozenset({"road", "highway", "motorway", "route", "corridor"})
_NEAR_AFTER = frozenset("countryside outskirts suburbs environs vicinity area highway road motorway".split())
_LINKING = frozenset({"linking", "connecting", "joining", "overlooking"})
_NEAR_BEFORE = (
    _ROAD_WORDS
    | _LINKING
    | frozenset(
        "near nearby outside around outskirts vicinity environs countryside outskirt close between km kilometres "
        "kilometers kilometre kilometer miles mile".split()
    )
)
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west "
    "south-east south-west northern southern eastern western northeastern northwestern "
    "southeastern southwestern".split()
)
_STRONG_PREPS = frozenset(
    "in near at outside around into inside within across throughout toward towards from via "
    "along between past beyond nearby".split()
)
_MEDIUM_PREPS = frozenset({"to", "of", "on", "through", "over"})
# verbs whose object is a place as surely as after "in": "troops retook Homs", "missiles hit Bohdanivka"
_TERRITORIAL = frozenset(
    "capture seize retake recapture take enter storm besiege shell bomb strike hit raid overrun "
    "liberate control reach encircle surround attack target pound bombard evacuate flee "
    "occupy secure took retook struck overran".split()
)  # + past forms the lemmatizer misses
_SPEECH = frozenset("say tell announce state claim report accuse add warn insist confirm deny".split())
_TYPE_WORDS = _TOWN_WORDS | _ADMIN1_WORDS | _ADMIN2_WORDS
_PLACE_WORDS = _TYPE_WORDS | _NEAR_AFTER
_STOP_AT = frozenset(',.;:()[]"“”!?')
_NOT_NAMES = (
    _TYPE_WORDS
    | _TITLES
    | frozenset(
        "january february march april may june july august september october november december monday tuesday "
        "wednesday thursday friday saturday sunday".split()
    )
)
# capitalised inside longer names ("Euphrates River", "Security Council") but never a place on their own
_GENERIC = frozenset(
    "river rivers mountain mountains mount lake valley sea gulf bay island islands desert dam "
    "bridge airport base road street square hospital university mosque church council forces army "
    "ministry government police republic north south east west central new upper lower great "
    "greater old united human rights party front movement brigade brigades".split()
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A name of the article that the gazetteer knows, with what its context says about it."""

    start: int  # character offsets in article.text
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    sentence: int  # index in doc.sents
    tokens: tuple[int, int]  # token offsets in the doc
    cue: str = ""  # what the words around it say: "town", "admin1", "admin2", "area", "near" or ""
    evidence: float = 0.0  # >= 1: the context says it is a place
    role: str = ""  # why it is not where things happen: "based", "speaker", "modifier", "describes" or ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Scored:
    """One candidate of a toponym with its score and the reasons for it."""

    candidate: Candidate
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A toponym, its candidates best first, and the Place it resolves to."""

    toponym: Toponym
    ranked: tuple[Scored, ...]
    place: Place
    contains: tuple[int, ...] = ()  # start offsets of the toponyms written as lying inside this one


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """The place chosen for one mention and why: what ``warwatch show`` prints."""

    place: Place | None
    why: str
    resolution: Resolution | None = None
    article_country: str | None = None


# -- 1. toponyms --------------------------------------------------------------------------------------------------


def _is_name(token: Token, gazetteer: Gazetteer) -> bool:
    text = token.text
    if token.ent_type_ in _SKIP_ENTS or not text[:1].isupper() or token.lower_ in _NOT_NAMES:
        return False
    if not re.fullmatch(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?", text) or gazetteer.demonym(text):
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTS


def _runs(doc: Doc, gazetteer: Gazetteer) -> Iterator[list[int]]:
    """Token indexes of each run of names, with the articles, connectors and hyphens that join them."""
    run: list[int] = []
    for token in doc:
        i = token.i
        glue = (token.text in _HYPHENS and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_) or (
            token.lower_ in _ARTICLES | _CONNECTORS and i + 1 < len(doc) and not token.is_sent_end
        )
        if (_is_name(token, gazetteer) and not (run and token.is_sent_start)) or (
            glue and (run or token.lower_ in _ARTICLES)
        ):
            run.append(i)
        else:
            yield from _trimmed(run, doc)
            run = [i] if _is_name(token, gazetteer) else []
    yield from _trimmed(run, doc)


def _trimmed(run: list[int], doc: Doc) -> Iterator[list[int]]:
    while run and not doc[run[-1]].text[:1].isupper():
        run = run[:-1]
    if run:
        yield run


def _hits(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[int, int, tuple[Candidate, ...], bool]]:
    """Greedy longest-first gazetteer matches inside each run: (first token, end token, candidates, partial).

    ``partial`` says that the hit is glued to a capitalised word that matched nothing: "Bai" of an unknown
    "Aqi Bai", "Shah" of "Shah Wali Kot".
    """
    for run in _runs(doc, gazetteer):
        found = list(_run_hits(doc, gazetteer, run))
        covered = {i for start, end, _ in found for i in range(start, end)}
        for start, end, candidates in found:
            yield start, end, candidates, _partial(doc, run, start, end, covered)


def _partial(doc: Doc, run: list[int], start: int, end: int, covered: set[int]) -> bool:
    """Whether a hit is glued to another capitalised word: "Bai" of "Aqi Bai", "Shah" and "Kot" of "Shah Wali Kot".

    Two names side by side are one unknown name more often than two places; across a hyphen they are two places
    ("Deir az Zor-Palmyra") unless the other side is unknown.
    """
    for i, step in ((start - 1, -1), (end, 1)):
        if i not in run:
            continue
        if doc[i].text in _HYPHENS:
            i += step
            if i in run and doc[i].text[:1].isupper() and i not in covered:
                return True
        elif doc[i].text[:1].isupper():
            return True
    return False


def _run_hits(doc: Doc, gazetteer: Gazetteer, run: list[int]) -> Iterator[tuple[int, int, tuple[Candidate, ...]]]:
    i = 0
    while i < len(run):
        for j in range(min(len(run), i + _MAX_NAME_TOKENS), i, -1):
            first, last = doc[run[i]], doc[run[j - 1]]
            if not (first.text[:1].isupper() or first.lower_ in _ARTICLES) or not last.text[:1].isupper():
                continue
            if j - i == 1 and first.lower_ in _GENERIC:
                continue
            candidates = tuple(gazetteer.lookup(doc.text[first.idx : last.idx + len(last)]))
            if candidates:
                yield run[i], run[j - 1] + 1, candidates
                i = j
                break
        else:
            i += 1


def _ent_of(doc: Doc) -> dict[int, Span]:
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _inside_other_name(start: int, end: int, ents: dict[int, Span], covered: set[int]) -> bool:
    """A hit that is only part of a longer PERSON/ORG name ("Assad" of "Bashar al-Assad") is not a place."""
    ent = ents.get(start)
    if ent is None or ent.label_ not in _NOT_PLACE_ENTS or (ent.start >= start and ent.end <= end):
        return False
    names = {t.i for t in ent if t.text[:1].isupper() and t.pos_ != "DET" and t.lower_ not in _NOT_NAMES | _GENERIC}
    return not names <= covered


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> tuple[Toponym, ...]:
    """Every gazetteer name of the document with its context evidence, before any choice between candidates."""
    ents, sentence_of = _ent_of(doc), {}
    for index, sent in enumerate(doc.sents):
        sentence_of.update(dict.fromkeys(range(sent.start, sent.end), index))
    hits = list(_hits(doc, gazetteer))
    covered = {i for start, end, _, _ in hits for i in range(start, end)}
    persons = _person_names(doc)
    toponyms = []
    for start, end, candidates, partial in hits:
        if _inside_other_name(start, end, ents, covered):
            continue
        span = doc[start:end]
        toponym = Toponym(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            candidates=candidates,
            sentence=sentence_of[start],
            tokens=(start, end),
        )
        toponym = _with_context(toponym, doc, ents, persons, covered)
        toponyms.append(replace(toponym, evidence=toponym.evidence - 2) if partial else toponym)
    return _with_conjuncts(doc, tuple(toponyms))


def _with_conjuncts(doc: Doc, toponyms: tuple[Toponym, ...]) -> tuple[Toponym, ...]:
    """A name coordinated with a clear place is a place too: "hit Bohdanivka and Bila Tserkva"."""
    owner = {i: t for t in toponyms for i in range(*t.tokens)}
    out = []
    for toponym in toponyms:
        root = doc[toponym.tokens[0] : toponym.tokens[1]].root
        partner = owner.get(root.head.i) if root.dep_ == "conj" else None
        if partner is not None and partner is not toponym and partner.evidence >= 2 and toponym.evidence < 2:
            toponym = replace(toponym, evidence=toponym.evidence + 1, cue=toponym.cue or partner.cue)
        out.append(toponym)
    return tuple(out)


def _person_names(doc: Doc) -> set[str]:
    """Folded names the article uses for people: PERSON names after a title or as the subject of "said"."""
    names = set()
    for ent in doc.ents:
        titled = ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in _TITLES
        speaking = ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in _SPEECH
        if ent.label_ == "PERSON" and (titled or (speaking and len(ent) > 1)):
            words = [t.text for t in ent if t.text not in _HYPHENS]
            names.update(fold(" ".join(words[k:])) for k in range(len(words)))
    return {n for n in names if n and n not in _ARTICLES}


def _with_context(toponym: Toponym, doc: Doc, ents: dict[int, Span], persons: set[str], names: set[int]) -> Toponym:
    """The toponym with its cue, its evidence of being a place and its role, read from the words around it."""
    start, end = toponym.tokens
    cue, evidence = _cue_and_evidence(doc, start, end)
    label = ents[start].label_ if start in ents else ""
    evidence += 1 if label in ("GPE", "LOC", "FAC") else 0
    if (start > 0 and doc[start - 1].lower_.rstrip(".") in _TITLES) or fold(toponym.text) in persons:
        evidence -= 5
    if end - start == 1 and doc[start].pos_ != "PROPN" and label not in ("GPE", "LOC", "FAC"):
        evidence -= 1
    if all(c.matched_by == "variant" for c in toponym.candidates) and end - start == 1:
        evidence -= 1
    if toponym.text.isupper() and len(toponym.text) <= 4 and not any(c.is_country for c in toponym.candidates):
        evidence -= 5  # ISIL, SDF, UN: acronyms of organisations that collide with short place names
    return replace(toponym, cue=cue, evidence=evidence, role=_role(doc, toponym, names))


def _cue_and_evidence(doc: Doc, start: int, end: int) -> tuple[str, float]:
    """What the words around a name say: its cue (town, admin1, admin2, area, near) and how surely it is a place."""
    words = [t.lower_ for t in _before(doc, start)]
    cue, evidence = "", 0.0
    if words and words[-1] in _STRONG_PREPS:
        evidence += 2
    elif words and words[-1] in _MEDIUM_PREPS:
        evidence += 0.5
    if len(words) >= 2 and words[-1] == "of" and words[-2] in _TYPE_WORDS:
        evidence += 1
        cue = _type_cue(words[-2])
    if _NEAR_BEFORE & set(words) or (_DIRECTIONS & set(words) and ("of" in words or "from" in words)):
        cue, evidence = "near", max(evidence, 2.0)
    follow = doc[end].lower_ if end < len(doc) else ""
    if follow in _TYPE_WORDS:
        cue, evidence = _type_cue(follow), evidence + 2
    elif follow in _NEAR_AFTER or _road_follows(doc, end):
        cue, evidence = "near", evidence + 2
    root = doc[start:end].root
    if root.dep_ == "dobj" and {root.head.lemma_, root.head.lower_} & _TERRITORIAL and not words:
        evidence += 2
    address = _address_part(doc, start, end)
    if not cue and address == 1.0:
        cue = "area"
    return cue, evidence + address


def _before(doc: Doc, start: int) -> list[Token]:
    """Up to six tokens before a name, within its clause: where "near", "south of", "town of" are read."""
    tokens: list[Token] = []
    for token in reversed(doc[max(0, start - 6) : start]):
        if token.text in _STOP_AT or (token.pos_ in ("VERB", "AUX") and token.lower_ not in _LINKING):
            break
        if token.is_sent_end:
            break
        tokens.insert(0, token)
    return tokens


def _address_part(doc: Doc, start: int, end: int) -> float:
    """How surely a name is the area part of an address; 1.0 when it closes one: "(Nihm, Sanaa)",
    "Jen (Karim-Lamido LGA, Taraba)", "in Belford Roxo, Rio de Janeiro."; 0.5 inside a chain of names after a
    comma ("Barangay Poblacion, Marawi, Lanao del Sur"); 0 otherwise."""
    if start < 2 or doc[start - 1].text not in (",", "("):
        return 0.0
    closing = end >= len(doc) or doc[end].text in (")", ".", ";") or doc[end].is_sent_end
    if doc[start - 1].text == "(" or (
        closing
        and (doc[start - 2].text[:1].isupper() or doc[start - 2].text == ")" or doc[start - 2].lower_ in _PLACE_WORDS)
    ):
        return 1.0
    chained = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text[:1].isupper()
    return 0.5 if chained and doc[start - 2].text[:1].isupper() else 0.0


def _type_cue(word: str) -> str:
    if word in _ADMIN1_WORDS:
        return "admin1"
    return "admin2" if word in _ADMIN2_WORDS else "town"


def _road_follows(doc: Doc, end: int) -> bool:
    """Whether the name starts a road: "the Deir az Zor-Palmyra highway", "Kabul-Jalalabad road"."""
    for token in doc[end : end + 6]:
        if token.lower_ in _ROAD_WORDS:
            return True
        if not (token.text in _HYPHENS or token.text[:1].isupper() or token.lower_ in _ARTICLES):
            return False
    return False


def _role(doc: Doc, toponym: Toponym, names: set[int]) -> str:
    """Why a place is not where things happened: "based" (New York-based), "speaker" (said in Geneva),
    "describes" (in a clause about another place: "al-Sukhna, which lies on the road to Deir Az Zor")."""
    start, end = toponym.tokens
    following = doc.text[doc[end - 1].idx + len(doc[end - 1]) : doc[end - 1].idx + len(doc[end - 1]) + 7].lower()
    if re.match(r"[-‐–]?\s?based\b", following):
        return "based"
    for token in doc[start:end]:
        head = token.head
        if token.dep_ == "nsubj" and head.lemma_ in _SPEECH:
            return "speaker"  # "Damascus said": a government speaking, not a place where something happened
        if token.dep_ == "pobj" and head.lower_ == "in" and _speaks(head.head):
            return "speaker"
    root = doc[start:end].root
    if root.dep_ in ("compound", "amod", "nmod") and any(c.is_country for c in toponym.candidates):
        return "modifier"  # "the US dollar", "a Syria policy"
    for ancestor in root.ancestors:
        if ancestor.dep_ in ("relcl", "appos", "acl"):
            head = ancestor.head
            other = ({t.i for t in head.subtree} - {t.i for t in ancestor.subtree}) & (names - set(range(start, end)))
            described = head.i in names or (head.lower_ in _PLACE_WORDS and other)
            return "describes" if described else ""
    return ""


def _speaks(verb: Token) -> bool:
    """Whether somebody says something here ("de Mistura said in New York"), not "it was reported in X"."""
    return verb.lemma_ in _SPEECH and any(c.dep_ == "nsubj" and c.lower_ != "it" for c in verb.children)


# -- 2. the article's country and which toponyms are places --------------------------------------------------------


def article_country(doc: Doc, toponyms: tuple[Toponym, ...], gazetteer: Gazetteer) -> str | None:
    """The most-voted country of the article, or None on a tie.

    A demonym or a country name counts one; any other name shares one vote among the countries of its candidates,
    each weighted by the log population of its largest candidate there (a weak prior, as everywhere).
    """
    votes: Counter[str] = Counter()
    for token in doc:
        countries = gazetteer.demonym(token.text) if token.text[:1].isupper() else ()
        for code in countries:
            votes[code] += 1 / len(countries)
    for toponym in toponyms:
        if toponym.evidence <= 0 or toponym.role == "modifier":
            continue
        named = [c for c in toponym.candidates if c.is_country] or list(toponym.candidates)
        weights: dict[str, float] = {}
        for candidate in named:
            weight = 1 + math.log10(1 + candidate.population)
            weights[candidate.country] = max(weights.get(candidate.country, 0.0), weight)
        if len(weights) <= 5:
            for code, weight in weights.items():
                votes[code] += weight / sum(weights.values())
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and math.isclose(ranked[0][1], ranked[1][1])):
        return None
    return ranked[0][0]


def _accepted(toponyms: tuple[Toponym, ...], country: str | None) -> tuple[Toponym, ...]:
    """The toponyms that the evidence says are places (>= 1), after the article's own signals are added."""
    strong = {fold(t.text) for t in toponyms if t.evidence >= 2}
    kept = []
    for toponym in toponyms:
        bonus = 1.0 if country and any(c.country == country for c in toponym.candidates) else 0.0
        bonus += 1.0 if fold(toponym.text) in strong and toponym.evidence < 2 else 0.0
        if toponym.evidence + bonus >= 1:
            kept.append(replace(toponym, evidence=toponym.evidence + bonus))
    return tuple(kept)


# -- 3. disambiguation ----------------------------------------------------------------------------------------------


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``inner`` lies in ``outer``: same country, admin1 or admin2 (or within 30 km of its seat)."""
    if outer.country != inner.country or inner.is_country or outer.id == inner.id:
        return False
    if outer.is_country:
        return True
    if outer.feature_code == "ADM1":
        return inner.admin1_code == outer.admin1_code and inner.feature_code != "ADM1"
    if outer.feature_code == "ADM2":  # admin2 names are known for cities1000 places only: distance fills in
        near = inner.admin2 == outer.admin2 or _km(outer, inner) < 30
        return inner.admin1_code == outer.admin1_code and near and not inner.is_admin
    return not inner.is_admin and _km(outer, inner) < 25


def _containers(doc: Doc, toponyms: tuple[Toponym, ...]) -> dict[int, int]:
    """inner toponym index -> index of the admin area or country written as its container.

    "Imam Sahib district, Kunduz", "Nihm (Sanaa)", "a village of Imam Sahib", "Syria's Idlib province"; not a list
    ("Aleppo, Idlib and Hama"), and only when some candidate of the inner name lies in the outer one.
    """
    pairs = {}
    for a, (first, second) in enumerate(pairwise(toponyms)):
        if first.sentence != second.sentence:
            continue
        between = [t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]]
        glue = set(between) - (_TYPE_WORDS | {"the", "-"})
        after = [t.lower_ for t in doc[second.tokens[1] : second.tokens[1] + 2]]
        listed = (bool(after) and after[0] in ("and", "or")) or (
            after[:1] == [","] and a + 2 < len(toponyms) and toponyms[a + 2].tokens[0] <= second.tokens[1] + 2
        )
        if len(between) <= 4 and glue and glue <= {",", "(", "in", "of"} and not listed:
            pairs[a] = a + 1
        elif between[:1] in (["'s"], ["’s"]) and len(between) <= 5:
            pairs[a + 1] = a  # "Syria's rebel-held Idlib province"
    return {inner: outer for inner, outer in pairs.items() if _fits(toponyms[inner], toponyms[outer])}


def _fits(inner: Toponym, outer: Toponym) -> bool:
    return not all(c.is_country for c in inner.candidates) and any(c.is_admin or c.is_country for c in outer.candidates)


def _km(a: Candidate, b: Candidate) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


_FEATURE_SCORES = {  # cue -> score of (country, admin1, admin2, populated place)
    "admin1": (0.0, 3.0, 0.0, 0.0),
    "admin2": (0.0, 0.5, 3.0, 1.0),
    "town": (0.0, 0.0, 0.0, 2.0),
    "area": (2.0, 2.0, 1.5, 0.0),  # closes an address: "(Nihm, Sanaa)"
    "near": (2.0, 0.5, 0.0, 1.0),
    "": (2.0, 0.5, 0.0, 1.0),
}


def _score(candidate: Candidate, toponym: Toponym, country: str | None, container: bool) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if country and candidate.country == country:
        score += 3
        reasons.append(f"in the article's country {country} +3")
    kind = 0 if candidate.is_country else 1 if candidate.feature_code == "ADM1" else 2 if candidate.is_admin else 3
    feature = _FEATURE_SCORES[toponym.cue][kind] + (2.0 if container and kind < 3 else 0.0)
    if feature:
        score += feature
        reasons.append(
            f"{candidate.feature_code} fits {'a container' if container else toponym.cue or 'a name'} +{feature:g}"
        )
    seat = {"PPLC": 1.0, "PPLA": 0.5}.get(candidate.feature_code, 0.0)
    if seat:
        score += seat
        reasons.append(f"seat of a country or province +{seat:g}")
    prior = 0.15 * math.log10(candidate.population + 1)
    score += prior
    reasons.append(f"population {candidate.population} +{prior:.2f}")
    return score, reasons


def _rank(
    toponyms: tuple[Toponym, ...], containers: dict[int, int], country: str | None, chosen: dict[int, Candidate] | None
) -> list[list[Scored]]:
    """Scores of every candidate of every toponym; with ``chosen`` (a first pass), proximity counts too."""
    outer_of = set(containers.values())
    ranked = []
    for index, toponym in enumerate(toponyms):
        scored = []
        for candidate in toponym.candidates:
            score, reasons = _score(candidate, toponym, country, index in outer_of)
            if index in containers:
                outer = toponyms[containers[index]]
                if any(_contains(o, candidate) for o in outer.candidates):
                    score += 4
                    reasons.append(f"inside {outer.text!r} +4")
            inner = [toponyms[i] for i, o in containers.items() if o == index]
            if any(_contains(candidate, c) for t in inner for c in t.candidates):
                score += 2
                reasons.append(f"contains {inner[0].text!r} +2")
            if chosen:
                score += _proximity(candidate, index, toponyms, chosen, reasons)
            scored.append(Scored(candidate=candidate, score=score, reasons=tuple(reasons)))
        scored.sort(key=lambda s: (-s.score, -s.candidate.population, s.candidate.id))
        ranked.append(scored)
    return ranked


def _proximity(
    candidate: Candidate, index: int, toponyms: tuple[Toponym, ...], chosen: dict[int, Candidate], reasons: list[str]
) -> float:
    key = fold(toponyms[index].text)
    others = [
        c
        for i, c in chosen.items()
        if i != index and not c.is_country and not toponyms[i].role and fold(toponyms[i].text) != key
    ]
    if not others or candidate.is_country:
        return 0.0
    km = min(_km(candidate, other) for other in others)
    bonus = 1.5 if km < 50 else 1.0 if km < 150 else 0.5 if km < 400 else 0.0
    if bonus:
        reasons.append(f"{km:.0f} km from another place of the article +{bonus:g}")
    return bonus


def _precision(candidate: Candidate, toponym: Toponym) -> int:
    if candidate.is_country or candidate.feature_code == "ADM1":
        return 3
    return 2 if candidate.is_admin or toponym.cue == "near" else 1


def _place(candidate: Candidate, toponym: Toponym) -> Place:
    admin1 = candidate.name if candidate.feature_code == "ADM1" else candidate.admin1
    return Place(
        name=candidate.name,
        country=candidate.country,
        lat=candidate.lat,
        lon=candidate.lon,
        geo_precision=_precision(candidate, toponym),
        geonameid=candidate.geonameid,
        admin1=admin1,
        admin2=candidate.admin2,
        mention=toponym.text,
    )


def _inherit_road_cues(doc: Doc, toponyms: tuple[Toponym, ...]) -> tuple[Toponym, ...]:
    """The second town of "a road linking X to Y" / "between X and Y" is as approximate as the first."""
    out = list(toponyms)
    for a in range(1, len(out)):
        prev, this = out[a - 1], out[a]
        between = {t.lower_ for t in doc[prev.tokens[1] : this.tokens[0]]}
        if prev.cue == "near" and this.sentence == prev.sentence and between and between <= {"and", "to", "-"}:
            out[a] = replace(this, cue="near")
    return tuple(out)


def resolve_toponyms(doc: Doc, gazetteer: Gazetteer) -> tuple[tuple[Resolution, ...], str | None]:
    """Every place named in the document, resolved, and the article's country."""
    found = find_toponyms(doc, gazetteer)
    country = article_country(doc, found, gazetteer)
    toponyms = _inherit_road_cues(doc, _accepted(found, country))
    containers = _containers(doc, toponyms)
    first = _rank(toponyms, containers, country, None)
    chosen = {i: scored[0].candidate for i, scored in enumerate(first) if scored}
    ranked = _rank(toponyms, containers, country, chosen)
    resolutions = []
    for index, (toponym, scored) in enumerate(zip(toponyms, ranked, strict=True)):
        outer = ranked[containers[index]][0].candidate if index in containers else None
        if outer and (outer.is_admin or outer.is_country) and not any(_contains(outer, c) for c in toponym.candidates):
            # "Apodaca, Jalisco" with no Apodaca in Jalisco: trust the province, not a namesake elsewhere
            log.debug("dropped %r: none of its candidates lies in %s", toponym.text, outer.name)
            continue
        best = scored[0]
        log.debug(
            "%r -> %s (%s): %s; %d candidates",
            toponym.text,
            best.candidate.name,
            best.candidate.country,
            "; ".join(best.reasons),
            len(scored),
        )
        contains = tuple(toponyms[i].start for i, o in containers.items() if o == index)
        resolutions.append(
            Resolution(toponym=toponym, ranked=tuple(scored), place=_place(best.candidate, toponym), contains=contains)
        )
    return tuple(resolutions), country


# -- 4. the place of each mention ------------------------------------------------------------------------------------


def _pick(resolutions: list[Resolution], trigger: int, country: str | None) -> Resolution | None:
    """The best place among those of one sentence: specific, domestic, clearly a place, nearest the trigger.

    A speaker's place, an "X-based" or "US-made" place and a foreign country are never picked: the caller looks
    further back instead.
    """
    starts = {r.toponym.start for r in resolutions}
    pool = [
        r
        for r in resolutions
        if not r.toponym.role and not (country and r.ranked[0].candidate.is_country and r.place.country != country)
    ]
    pool = [r for r in pool if r.place.country == country] or pool
    pool = [r for r in pool if not starts & set(r.contains)] or pool
    pool = [r for r in pool if not r.ranked[0].candidate.is_country] or pool
    pool = [r for r in pool if r.toponym.evidence >= 2] or pool  # a name the text clearly calls a place
    return min(pool, key=lambda r: (abs(r.toponym.start - trigger), r.place.geo_precision)) if pool else None


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]


def _is_heading(text: str) -> bool:
    line = text.strip()
    return bool(line) and len(line) < 100 and line[-1] not in ".!?\"'”’)"


def _earlier_sentences(doc: Doc, text: str, before: int) -> list[int]:
    """Sentence indexes to look back at, nearest first: the paragraph's own, then two more not past a heading."""
    starts = _paragraph_starts(text)
    sents = [s for s in doc.sents if s.end_char <= before]
    para = max(i for i, s in enumerate(starts) if s <= before)
    own = [i for i, s in enumerate(sents) if s.start_char >= starts[para]]
    others = []
    for i in reversed(range(len(sents))):
        if i in own:
            continue
        if _is_heading(sents[i].text) or len(others) == 2:
            break
        others.append(i)
    return list(reversed(own)) + others


def _main_place(resolutions: tuple[Resolution, ...], country: str | None) -> Resolution | None:
    """The place the article is about: its most-named specific place (in its country), else its country."""
    specific = [r for r in resolutions if not r.toponym.role and not r.ranked[0].candidate.is_country]
    domestic = [r for r in specific if r.place.country == country] or specific
    if domestic:
        counts = Counter(r.ranked[0].candidate.id for r in domestic)
        return max(domestic, key=lambda r: (counts[r.ranked[0].candidate.id], -r.toponym.start))
    countries = [r for r in resolutions if r.place.country == country] or list(resolutions)
    return countries[0] if countries else None


def explain_places(
    article: Article, doc: Doc, mentions: tuple[Mention, ...], *, gazetteer: Gazetteer
) -> tuple[Choice, ...]:
    """The place of each mention with the reason it was chosen and every candidate's score."""
    resolutions, country = resolve_toponyms(doc, gazetteer)
    main = _main_place(resolutions, country)
    return tuple(_choose(mention, article, doc, resolutions, country, main) for mention in mentions)


def _choose(
    mention: Mention,
    article: Article,
    doc: Doc,
    resolutions: tuple[Resolution, ...],
    country: str | None,
    main: Resolution | None,
) -> Choice:
    """A place of the mention's sentence, else of an earlier sentence, else the article's main place.

    A country alone is replaced by a specific place of the same country from earlier or from the article.
    """
    own = [r for r in resolutions if mention.sentence.start <= r.toponym.start < mention.sentence.end]
    pick, why = _pick(own, mention.trigger.start, country), "in the mention's sentence, nearest the trigger"
    if pick is None or pick.ranked[0].candidate.is_country:
        sentences = list(doc.sents)
        for index in _earlier_sentences(doc, article.text, mention.sentence.start):
            sent = sentences[index]
            earlier = _pick([r for r in resolutions if r.toponym.sentence == index], sent.end_char, country)
            if (
                earlier
                and not earlier.ranked[0].candidate.is_country
                and (pick is None or earlier.place.country == pick.place.country)
            ):
                pick, why = earlier, "in an earlier sentence of the passage"
                break
    if main is not None and (
        pick is None or (pick.ranked[0].candidate.is_country and main.place.country == pick.place.country)
    ):
        pick, why = main, "the article's main place"
    if pick is None:
        return Choice(place=None, why="the article names no place", article_country=country)
    log.debug("mention %r -> %s (%s)", mention.trigger.text, pick.place.name, why)
    return Choice(place=pick.place, why=why, resolution=pick, article_country=country)


def geocode_places(
    article: Article, doc: Doc, mentions: tuple[Mention, ...], *, gazetteer: Gazetteer
) -> tuple[Place | None, ...]:
    """One Place (or None when the article names no place) per mention."""
    return tuple(choice.place for choice in explain_places(article, doc, mentions, gazetteer=gazetteer))


class GeonamesGeocoder:
    """The ``geonames.v1`` geocoder: ``geocode_places`` over one opened gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, article: Article, doc: Doc, mentions: tuple[Mention, ...]) -> tuple[Place | None, ...]:
        return geocode_places(article, doc, mentions, gazetteer=self.gazetteer)

    def explain(self, article: Article, doc: Doc, mentions: tuple[Mention, ...]) -> tuple[Choice, ...]:
        return explain_places(article, doc, mentions, gazetteer=self.gazetteer)


def geonames_geocoder(*, path: Path | None = None) -> Geocoder:
    """Factory of the ``geonames.v1`` geocoder; opens (and if needed builds) the gazetteer once.

    Raises:
        GazetteerError: the gazetteer can neither be read nor built.
    """
    return GeonamesGeocoder(open_gazetteer(path))
