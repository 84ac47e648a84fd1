"""Toponym recognition for the geocoder: every name of an article that the gazetteer knows, with its context.

In: a spaCy ``Doc`` and the gazetteer. Out: ``Toponym``s (``find_toponyms``), before any choice between candidates.

Names come from every run of proper nouns and capitalised tokens, with Arabic articles, the Persian ezafe and
hyphens ("al-Sukhna", "Mazar-e Sharif", "Deir az Zor-Palmyra"), looked up longest-first in the gazetteer. NER labels
are evidence, never a filter: the small English model calls Palmyra and Deir Az Zor PERSON.

The words around a name give evidence that it is a place and how precisely: a locative preposition, a place word
before or after it ("town of", "village Nihm", "Idlib province", "Kupwara and Bandipora districts"), a territorial
verb ("retook Homs"), an address ("Nihm, Sanaa") or a coordinated place says place; a title ("President"), a name
seen with a title, a hit inside a longer PERSON/ORG name or glued to an unknown word (also across a particle:
"Concepcion del Bosque" is one unknown name) says not a place; a hit inside an armed group's name ("Sahel" of
"Islamic State Sahel Province") is none. A people's word is a name only inside a place's
name ("Saudi Arabia", "the Somali region"), never alone ("Saudi-led", "Somali troops"). A role marks
places that are not where things happen: "X-based", a speaker's "said in X", "the US dollar", a clause describing
another place, the other side of a border ("near the border with Mali"), and a dateline ("ARBIL, Iraq:", "BEIRUT,
Lebanon (AFP) —"): where the reporter files from; the agency of a dateline ("BEIRUT (Xinhua) --") is no place.
A country's possessive ("Niger's defence ministry") names the country. ``unknown_places`` finds the names the text
calls a place that the gazetteer does not know ("the town of Khiam"): the event is there, not at the dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Candidate, Gazetteer, fold
from .actor_names import load_lexicon
from .geo_cues import armed_group_spans
from .nlp import entities, hyphened_to, lowers, sentences, text_of, tokens
from .place_words import (
    AREA_WORDS,
    ARTICLES,
    CONNECTORS,
    DIRECTIONS,
    GENERIC,
    GROUP_WORDS,
    HYPHENS,
    LONG_TYPE_WORDS,
    NOT_NAMES,
    PART_WORDS,
    PLACE_WORDS,
    SPEECH,
    STRONG_PREPS,
    TITLES,
    TOWN_WORDS,
    TYPE_WORDS,
    WORLD_REGIONS,
    cue_and_evidence,
    is_agency,
    is_dateline,
    read_role,
    singular,
    type_word_at,
)

_MAX_NAME_TOKENS = 6
_PARTICLES = (CONNECTORS | ARTICLES) - {"of", "the", "a"}  # inside one name; "HQ of Tetouan" is two
_GLUE_WORDS = ARTICLES | CONNECTORS  # join the words of a run of names
_COMMON_WORDS = GENERIC | TYPE_WORDS  # "River", "District": no name alone
_IN_NAMES = frozenset({"city", "town"})  # type words as often part of a town's name as not: "Quezon City"
_NOT_NAME_WORDS = NOT_NAMES | GENERIC
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.&][^\W\d_]+)*\.?")  # "Ma'rib", "J&K"
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_NAME_ENTS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})
_NOT_PLACE_ENTS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A name of the article that the gazetteer knows, with what its context says about it."""

    start: int  # character offsets in article.text
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    sentence: int  # index in doc.sents
    tokens: tuple[int, int]  # token offsets in the doc
    cue: str = ""  # what the words around it say: "town", "part", "admin1", "admin2", "area", "near" or ""
    evidence: float = 0.0  # >= 1: the context says it is a place
    role: str = ""  # why it is not where things happen: "based", "speaker", "party", "modifier", "describes" ...
    inner: int | None = None  # start offset of an unknown place written as lying in this one ("Aqi Bai village of")
    partial: bool = False  # only part of a longer unknown name: "Bai" of "Aqi Bai", "Sulayman" of "Sulayman Bak"


# -- 1. toponyms --------------------------------------------------------------------------------------------------


def _is_name(token: Token, gazetteer: Gazetteer) -> bool:
    text = token.text
    if not text[:1].isupper() or (token.ent_type_ in _SKIP_ENTS and not _name_in_a_time(token)):
        return False
    if token.lower_ in NOT_NAMES and not _opens_place_name(token) and hyphened_to(token) is None:
        return False
    if not _NAME_WORD.fullmatch(text):
        return False
    if gazetteer.demonym(text) and not _demonym_in_name(token):
        return False
    # a capitalised word before an area word names a place whatever its tag: "Bokkos local government area"
    if token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTS or _area_word_at(token.doc, token.i + 1):
        return True
    # a town in capitals opening a date line, whatever its tag: "KOLKATA: Thousands of people ..."
    return text.isupper() and len(text) > 2 and is_dateline(text_of(token.doc), token.idx, token.idx + len(text))


def _name_in_a_time(token: Token) -> bool:
    """A name the tagger swept into a time beside it ("drones launched at Kyiv overnight", tagged "Kyiv overnight"):
    a proper noun that is no word of the calendar."""
    return token.ent_type_ == "TIME" and token.pos_ == "PROPN" and token.lower_ not in _CALENDAR_WORDS


_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december noon midnight gmt utc".split()
)


def _demonym_in_name(token: Token) -> bool:
    """A people's word that is part of a place's name: "Saudi Arabia", "the Somali region"; not "Syrian troops"."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is not None and (following.text[:1].isupper() or singular(following.lower_) in TYPE_WORDS)


def _runs(doc: Doc, gazetteer: Gazetteer) -> Iterator[list[int]]:
    """Token indexes of each run of names, with the articles, connectors and hyphens that join them."""
    run: list[int] = []
    for token in tokens(doc):
        i = token.i
        glue = (token.text in HYPHENS and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_) or (
            token.lower_ in _GLUE_WORDS and i + 1 < len(doc) and not token.is_sent_end
        )
        name = _is_name(token, gazetteer)
        if (name and not (run and token.is_sent_start)) or (glue and (run or _opens_name(doc, i))):
            run.append(i)
        else:
            yield from _trimmed(run, doc)
            run = [i] if name else []
    yield from _trimmed(run, doc)


def _opens_place_name(token: Token) -> bool:
    """A place word that begins a name: "Port Sudan", "Camp Bastion", "Port-au-Prince"."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    joined = following is not None and following.text in HYPHENS and not token.whitespace_
    return token.lower_ in ("port", "camp") and following is not None and (following.text[:1].isupper() or joined)


def _opens_name(doc: Doc, i: int) -> bool:
    """Whether an Arabic article starts a name: "al-Sukhna", "As Sukhnah", "el Aioun"; not English "at" or "as"."""
    token = doc[i]
    if token.lower_ not in ARTICLES:
        return False
    hyphen = i + 1 < len(doc) and doc[i + 1].text in HYPHENS and not token.whitespace_
    return hyphen or token.text[:1].isupper() or token.lower_ in ("al", "el")


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
        solid = [(start, end) for start, end, hits in found if not _weak(start, end, hits)]
        covered = {i for start, end in solid for i in range(start, end)}
        areas = {start for start, end in solid if _area_word_at(doc, end)}  # "Galgadud region"
        for start, end, candidates in found:
            yield start, end, candidates, _partial(doc, run, start, end, covered, areas)


def _weak(start: int, end: int, candidates: tuple[Candidate, ...]) -> bool:
    """A one-word hit by transliteration only: no better than an unknown word beside a name ("Pobe-Mengao")."""
    return end - start == 1 and all(c.matched_by == "variant" for c in candidates)


def _partial(doc: Doc, run: list[int], start: int, end: int, covered: set[int], areas: set[int]) -> bool:
    """Whether a hit is glued to another capitalised word: "Bai" of "Aqi Bai", "Shah" and "Kot" of "Shah Wali Kot".

    Two names side by side are one unknown name more often than two places; across a hyphen they are two places
    ("Deir az Zor-Palmyra") unless the other side is unknown. A town before the area it lies in, named with its type
    word, is two names ("Elbur Galgadud region"): ``areas`` are the starts of the known names so followed.
    """
    for i, step in ((start - 1, -1), (end, 1)):
        if i not in run:
            continue
        if (step == -1 and _area_word_at(doc, end)) or (step == 1 and i in areas):
            continue  # "Elbur Galgadud region": a town, then the area it lies in
        if step == 1 and _area_word_at(doc, i):
            continue  # "Udi Local Government Area": the kind of area it is
        if doc[i].lower_ in _PARTICLES and i + step in run and _proper(doc[i + step]):
            return True  # "Concepcion del Bosque", "Kafr al Nahr": a particle joins the words of one name
        if doc[i].text in HYPHENS:
            i += step
            if i in run and _proper(doc[i]) and i not in covered:
                return True  # "Pobe-Mengao"; not "Athens-Central Athens", a generic word between two names
        elif _proper(doc[i]):
            return True  # "Mount Sinjar" and "Kupwara District" are the place itself
    return False


def _area_word_at(doc: Doc, i: int) -> bool:
    return type_word_at(doc, i) in AREA_WORDS


def _proper(token: Token) -> bool:
    """A capitalised word that is not a generic or place word: part of a proper name."""
    return token.text[:1].isupper() and token.lower_ not in _COMMON_WORDS


def _run_hits(doc: Doc, gazetteer: Gazetteer, run: list[int]) -> Iterator[tuple[int, int, tuple[Candidate, ...]]]:
    i = 0
    while i < len(run):
        for j in range(min(len(run), i + _MAX_NAME_TOKENS), i, -1):
            first, last = doc[run[i]], doc[run[j - 1]]
            if not (first.text[:1].isupper() or first.lower_ in ARTICLES) or not last.text[:1].isupper():
                continue
            if (j - i == 1 and (first.lower_ in _COMMON_WORDS or _lone_demonym(first, gazetteer))) or all(
                doc[k].lower_ in _GLUE_WORDS or doc[k].text in HYPHENS for k in run[i:j]
            ):
                continue  # "River" alone, or a bare article or particle: "Al" of "Al-Tah", "Le" of "Le Prince road"
            name = text_of(doc)[first.idx : last.idx + len(last)]
            whole = _with_type_word(doc, gazetteer, run[j - 1], name) if j == len(run) else ()
            candidates = whole or tuple(gazetteer.lookup(name))  # "Model" of "Model Town" is no "Model" elsewhere
            if candidates:
                yield run[i], run[j - 1] + 1, candidates
                i = j
                break
        else:
            i += 1


def _with_type_word(doc: Doc, gazetteer: Gazetteer, last: int, name: str) -> tuple[Candidate, ...]:
    """The places whose whole name is a name and the capitalised type word after it ("Model Town", "Quezon City"):
    the type word is then part of the name, and the name alone may be another place ("Model" in Romania). The hit
    stays the name, so the type word after it still tells what kind of place it is."""
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is None or not after.text[:1].isupper() or after.lower_ not in _IN_NAMES or doc[last].whitespace_ != " ":
        return ()  # (an area's word stays its cue: "Rakhine State" is the state Rakhine)
    return tuple(c for c in gazetteer.lookup(f"{name} {after.text}") if c.matched_by == "exact")


def _lone_demonym(token: Token, gazetteer: Gazetteer) -> bool:
    """A people's word alone is an actor ("Saudi-led"), a place only before a place word ("Somali region")."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return bool(gazetteer.demonym(token.text)) and not (following and singular(following.lower_) in TYPE_WORDS)


def _ent_of(doc: Doc) -> dict[int, Span]:
    return {i: ent for ent in entities(doc) for i in range(ent.start, ent.end)}


def _inside_other_name(start: int, end: int, ents: dict[int, Span], covered: set[int]) -> bool:
    """A hit that is only part of a longer PERSON/ORG name ("Assad" of "Bashar al-Assad") is not a place."""
    ent = ents.get(start)
    if ent is None or ent.label_ not in _NOT_PLACE_ENTS or (ent.start >= start and ent.end <= end):
        return False
    if any(t.text in ("(", ",") for t in ent):
        return False  # "Salahad (Salaxaad, Somali region" is an address the model took for one name
    rest = tuple(t.lower_ for t in ent.doc[end : ent.end])
    if rest in LONG_TYPE_WORDS or (len(rest) == 1 and singular(rest[0]) in TYPE_WORDS):
        return False  # "Udi Local Government Area" taken for an organisation: the place and its type word
    names = {t.i for t in ent if t.text[:1].isupper() and t.pos_ != "DET" and t.lower_ not in _NOT_NAME_WORDS}
    return not names <= covered


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> tuple[Toponym, ...]:
    """Every gazetteer name of the document with its context evidence, before any choice between candidates."""
    ents, sentence_of = _ent_of(doc), {}
    for index, sent in enumerate(sentences(doc)):
        sentence_of.update(dict.fromkeys(range(sent.start, sent.end), index))
    hits = list(_hits(doc, gazetteer))
    covered = {i for start, end, _, _ in hits for i in range(start, end)}
    solid = {i for start, end, _, partial in hits if not partial for i in range(start, end)}
    persons = _person_names(doc)
    groups = armed_group_spans(text_of(doc))
    hits = [h for h in hits if not _inside_other_name(h[0], h[1], ents, covered)]
    hits = [h for h in hits if not _in_group_name(doc[h[0] : h[1]], groups)]
    unplaced = _peoples(doc, hits) | WORLD_REGIONS
    hits = [h for h in hits if fold(doc[h[0] : h[1]].text) not in unplaced]
    named = {i for start, end, _, _ in hits for i in range(start, end)}  # "West Africa" of ISWAP describes nothing
    toponyms = []
    for start, end, candidates, partial in hits:
        span = doc[start:end]
        toponym = Toponym(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            candidates=candidates,
            sentence=sentence_of[start],
            tokens=(start, end),
        )
        toponym = _with_context(toponym, doc, ents, persons, named)
        toponym = replace(toponym, inner=_unknown_inside(doc, start, solid))
        partial = partial and not _whole_place_entity(span, ents)
        toponyms.append(replace(toponym, evidence=toponym.evidence - 2, partial=True) if partial else toponym)
    return _with_listed_types(doc, _with_conjuncts(doc, tuple(toponyms)))


def _whole_place_entity(span: Span, ents: dict[int, Span]) -> bool:
    """Whether the parser takes the hit, and nothing beside it, for a place: "Istanbul" of "Istanbul Pride march"
    is the city, not part of an unknown "Istanbul Pride"; a hyphen or a particle still joins one unknown name
    ("Nairobi-Kawangware", "Shakhta imeni Gagarina")."""
    ent, doc = ents.get(span.start), span.doc
    if ent is None or ent.label_ not in ("GPE", "LOC") or (ent.start, ent.end) != (span.start, span.end):
        return False
    beside = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return not any(t.text in HYPHENS or t.lower_ in _PARTICLES for t in beside)


def _peoples(doc: Doc, hits: list[tuple[int, int, tuple[Candidate, ...], bool]]) -> set[str]:
    """Folded names the text uses for a people or a group, wherever they stand: a name that modifies a group word,
    alone or in a list ("Habar Gidir and Dir clan militias", "Zintan fighters"), is a clan or a militia, not a
    place."""
    modifiers: set[int] = set()
    for i, word in enumerate(lowers(doc)):
        if word in GROUP_WORDS:
            modifiers |= _modifier_chain(doc[i])
    return {
        fold(doc[start:end].text)
        for start, end, _, _ in hits
        if (modifiers & set(range(start, end)) or _people_of(doc[start:end]))
        and not (start and doc[start - 1].lower_ in _LOCATIVE)
    }


def _people_of(span: Span) -> bool:
    """A people's name before the people it qualifies ("Tubu herders", "Murle youth"): not "the Afar region"."""
    root = span.root
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and root.head.pos_ == "NOUN"
        and singular(root.head.lower_) not in PLACE_WORDS
        and load_lexicon().names_people(span.text)
    )


def _modifier_chain(word: Token) -> set[int]:
    """The tokens that modify ``word`` before it, through compounds and lists: "Dir and Marehan clan" of "militias"."""
    chain, todo = set(), [word]
    while todo:
        for child in todo.pop().children:
            if (
                child.i < word.i
                and child.dep_ in ("compound", "nmod", "amod", "conj", "appos")
                and child.i not in chain
            ):
                chain.add(child.i)
                todo.append(child)
    return chain


def _in_group_name(span: Span, groups: tuple[tuple[int, int], ...]) -> bool:
    """A hit inside an armed group's name ("Sahel" of "Islamic State Sahel Province", "Hezbollah") names the group,
    not a place where it acts."""
    return any(start <= span.start_char and span.end_char <= end for start, end in groups)


# "in Baidoa and Al Shabaab fighters": a name right after these is a place even when the parser lists it with a group
_LOCATIVE = STRONG_PREPS - {"between"}
_INNER_WORDS = TOWN_WORDS | PART_WORDS | frozenset({"area", "locality", "hamlet"})


def _unknown_inside(doc: Doc, start: int, covered: set[int]) -> int | None:
    """The start offset of a place the gazetteer does not know, written as lying in the name at ``start``:
    "Aqi Bai village of Imam Sahib", "Pyaung Pike village of northern Maungdaw", "Jen (Karim-Lamido LGA", "Kralpora
    town (Kupwara district"."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in DIRECTIONS:
        i -= 1
    if i < 1 or doc[i].lower_ not in ("of", "in", "("):
        return None
    i -= 1
    if doc[i].lower_ in _INNER_WORDS:  # "Aqi Bai village of", "Kralpora town (Kupwara district"
        i -= 1
    elif doc[i + 1].text != "(":
        return None
    first = None
    while (
        i >= 0
        and i not in covered
        and doc[i].lower_ not in TYPE_WORDS
        and (doc[i].text[:1].isupper() or doc[i].text in ("/", "-"))
    ):
        if doc[i].text[:1].isupper() and not doc[i].is_sent_start:
            first = doc[i].idx
        i -= 1
    return first


def unknown_places(doc: Doc, known: set[int]) -> tuple[int, ...]:
    """Character offsets of the names that the text calls a place but the gazetteer does not know (``known``: the
    tokens of the places it knows): "the town of Khiam", "Kasaki village", "Bajaur district", "in Kitchanga" where
    the parser tags a place. Such a name says where the event was, so the dateline's town is no guess for it."""
    found = []
    for token in tokens(doc):
        i = token.i
        if not token.text[:1].isupper() or i in known or i < 2 or token.lower_ in NOT_NAMES:
            continue
        typed = doc[i - 1].lower_ == "of" and singular(doc[i - 2].lower_) in TYPE_WORDS  # "the town of Khiam"
        placed = doc[i - 1].lower_ in _LOCATIVE and token.ent_type_ in ("GPE", "LOC")  # "in Kitchanga"
        if typed or placed or (not token.is_sent_start and type_word_at(doc, i + 1) in TYPE_WORDS):  # "Xyz village"
            found.append(token.idx)
    return tuple(found)


def _with_listed_types(doc: Doc, toponyms: tuple[Toponym, ...]) -> tuple[Toponym, ...]:
    """A plural place word covers the whole list before it: "in Kupwara and Bandipora districts"."""
    out = list(toponyms)
    for k in range(len(out) - 1, 0, -1):
        word = doc[out[k].tokens[1]].lower_ if out[k].tokens[1] < len(doc) else ""
        if word == singular(word) or not out[k].cue:
            continue
        j = k
        while j > 0 and out[j - 1].sentence == out[k].sentence:
            between = {t.lower_ for t in doc[out[j - 1].tokens[1] : out[j].tokens[0]]}
            if not between or not between <= {",", "and", "or"}:
                break
            j -= 1
            out[j] = replace(out[j], cue=out[k].cue, evidence=max(out[j].evidence, out[k].evidence))
    return tuple(out)


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
    for ent in entities(doc):
        titled = ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in TITLES
        speaking = ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in SPEECH
        if ent.label_ == "PERSON" and (titled or (speaking and len(ent) > 1)):
            words = [t.text for t in ent if t.text not in HYPHENS]
            names.update(fold(" ".join(words[k:])) for k in range(len(words)))
    return {n for n in names if n and n not in ARTICLES}


_PORTFOLIO_HOLDERS = frozenset({"minister", "ministry"})


def _with_context(toponym: Toponym, doc: Doc, ents: dict[int, Span], persons: set[str], names: set[int]) -> Toponym:
    """The toponym with its cue, its evidence of being a place and its role, read from the words around it."""
    start, end = toponym.tokens
    cue, evidence = cue_and_evidence(doc, start, end)
    label = ents[start].label_ if start in ents else ""
    evidence += 1 if label in ("GPE", "LOC", "FAC") else 0
    if (start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES) or fold(toponym.text) in persons:
        evidence -= 5
    portfolio = end < len(doc) and doc[end].lemma_.lower() in _PORTFOLIO_HOLDERS
    if portfolio and not any(c.is_country for c in toponym.candidates):
        evidence -= 5  # "Petroleum Minister", "Interior Ministry": a portfolio, no place
    if end - start == 1 and doc[start].pos_ != "PROPN" and label not in ("GPE", "LOC", "FAC"):
        evidence -= 1
    if all(c.matched_by == "variant" for c in toponym.candidates) and end - start == 1:
        evidence -= 1
    closing_area = cue == "area" and all(c.is_admin for c in toponym.candidates)  # "(Poonch district, J&K)"
    acronym = toponym.text.isupper() and len(toponym.text) <= 4 and not closing_area
    if acronym and not any(c.is_country for c in toponym.candidates):
        evidence -= 5  # ISIL, SDF, UN: acronyms of organisations that collide with short place names
    if end < len(doc) and doc[end].tag_ == "POS" and any(c.is_country for c in toponym.candidates):
        evidence += 1  # "Niger's defence ministry": a country's, as surely as "Nigerien" says
    if is_agency(text_of(doc), toponym.start, toponym.end):
        evidence -= 5  # "BEIRUT (Xinhua) --": the agency, not a town of China
    role = read_role(doc, *toponym.tokens, names, country=any(c.is_country for c in toponym.candidates))
    return replace(toponym, cue=cue, evidence=max(evidence, 2.0) if role == "dateline" else evidence, role=role)
