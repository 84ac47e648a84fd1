"""The NLP stage: the spaCy English pipeline, loaded once, offline, from its installed package."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError

T = TypeVar("T")


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline installed as package ``name`` (no download: ``make install`` pins it by hash)."""
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; run `make install` (it installs the pinned wheel)"
        ) from err
    nlp.add_pipe("line_breaks", before="parser")
    return nlp


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run into the next line. So does a
    wire dateline ("KHARKIV, Ukraine (Reuters) - "): parsed with its sentence, the town becomes the subject and
    the sentence's own subject its apposition."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    for match in _DATELINE.finditer(doc.text):
        first = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if first is not None and first.start > 0:
            doc[first.start].is_sent_start = True
    return doc


# A line's opening town in capitals, then a region or a date, an agency, and a dash: "PORT-AU-PRINCE (AP) - ",
# "KABUL, May 9 (Reuters) — ", "GOMA, Congo - ".
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+)*(?:,[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3})?"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+[-–—]+[ \t]+(?=\S)"
)


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per doc: each ``doc.sents`` walks all the tokens again, and the stages
    ask for one doc's sentences a dozen times."""
    return per_doc(doc, "sentences", lambda d: list(d.sents))


def noun_chunks(span: Span) -> list[Span]:
    """``list(span.noun_chunks)`` from one pass per doc: spaCy's ``Span.noun_chunks`` walks the noun chunks of
    the whole doc on each call (18,000 calls over the 421 development texts: a tenth of the stages' time)."""
    chunks, starts = per_doc(span.doc, "noun_chunks", _chunks_by_start)
    inside = chunks[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
    return [c for c in inside if c.end <= span.end]


def _chunks_by_start(doc: Doc) -> tuple[list[Span], list[int]]:
    chunks = list(doc.noun_chunks)  # in text order, none overlapping
    return chunks, [c.start for c in chunks]


def entities(span: Span | Doc) -> list[Span]:
    """``span.ents`` (or ``doc.ents``) from one pass per doc: spaCy's ``Span.ents`` builds every entity of the
    whole doc again on each call."""
    doc = span if isinstance(span, Doc) else span.doc
    ents, starts = per_doc(doc, "ents", _ents_by_start)
    if span is doc:
        return ents
    inside = ents[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
    return [e for e in inside if e.end <= span.end]


def _ents_by_start(doc: Doc) -> tuple[list[Span], list[int]]:
    ents = list(doc.ents)  # in text order, none overlapping
    return ents, [e.start for e in ents]


def text_of(doc: Doc) -> str:
    """``doc.text``, made once per doc: spaCy joins every token's text on each access (8,300 times over the
    421 development texts: a fifth of the time the stages after spaCy took)."""
    return per_doc(doc, "text", lambda d: d.text)


def span_text(span: Span) -> str:
    """``span.text``, cut from ``text_of`` its doc: spaCy joins the span's tokens on each access (50 µs for a
    sentence), and the stages read each sentence's text several times."""
    return text_of(span.doc)[span.start_char : span.end_char]


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``, which spaCy made from ``text``, with ``text_of`` known: spaCy's tokenizer keeps the text exactly
    (``doc.text == text``), so the string need not be rebuilt from the tokens even once."""
    doc.user_data[("warwatch", "text")] = text
    return doc


def with_day(doc: Doc, day: dt.date | None) -> Doc:
    """``doc`` with the day its article was published, which names some actors: a group that has since taken
    power is the state (see ``actor_names.Lexicon.in_power``). An undated article is placed in no time."""
    doc.user_data[("warwatch", "day")] = day
    return doc


def day_of(doc: Doc) -> dt.date | None:
    """The day ``with_day`` gave ``doc``, or None."""
    return doc.user_data.get(("warwatch", "day"))


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, made once per doc: spaCy builds a new ``Token`` object on every ``doc[i]`` and every pass
    over a doc or span, and the stages walk each sentence many times."""
    return per_doc(doc, "tokens", list)


def lowers(doc: Doc) -> list[str]:
    """Each token's ``lower_``, by index, made once per doc: spaCy decodes a new string on every access."""
    return per_doc(doc, "lowers", lambda d: [t.lower_ for t in d])


def lemmas(doc: Doc) -> list[str]:
    """Each token's lemma in lower case (``t.lemma_.lower()``), by index, made once per doc."""
    return per_doc(doc, "lemmas", lambda d: [t.lemma_.lower() for t in d])


def pos_tags(doc: Doc) -> list[int]:
    """Each token's part of speech (``pos``, a spaCy symbol such as ``NOUN``), by index, made once per doc in one
    call: spaCy makes a Token and decodes a new string on every ``pos_``."""
    return per_doc(doc, "pos", lambda d: d.to_array("POS").tolist())


def in_doc(tok: Token, words: str | frozenset[str]) -> bool:
    """Whether the doc of ``tok`` has a word or a lemma (in lower case) that is ``words`` or among them: one set
    lookup that rules out a walk of the parse looking for a rare cue."""
    vocabulary = per_doc(tok.doc, "vocabulary", lambda d: frozenset(lemmas(d)) | frozenset(lowers(d)))
    return words in vocabulary if isinstance(words, str) else not words.isdisjoint(vocabulary)


HYPHENS = frozenset({"-", "‐", "–"})


def hyphened_to(tok: Token) -> Token | None:
    """The word a hyphen written without spaces joins ``tok`` to: "remote" of "remote-controlled", "anti" of
    "anti-riot", "au" of "Port-au-Prince"."""
    i, doc = tok.i, tok.doc
    if i > 1 and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return doc[i - 2]
    return None


def left_dead(verb: Token) -> bool:
    """A verb that leaves someone dead but has no object: its subject is who died ("farmers shot dead", "two hacked
    to death"), as no one "shoots dead" without someone shot."""
    dead = [c for c in verb.children if c.lower_ == "dead"]
    dead += [c for c in verb.children if c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)]
    objects = [c for t in (verb, *dead) for c in t.children if c.dep_ == "dobj"]  # "shot dead seven farmers"
    return bool(dead) and not objects


RANKS = frozenset("first last only worst biggest largest heaviest deadliest bloodiest".split())


def compared(tok: Token) -> bool:
    """Whether the period phrase opening at ``tok`` ranks one thing against the past instead of counting over it:
    "the deadliest attack since 2019", "the first raid since the war began", "the worst fighting in a decade"."""
    phrase = tok.head if tok.dep_ == "mark" else tok  # "since the war began": the clause the conjunction opens
    if phrase.dep_ not in {"prep", "advcl", "acl", "relcl"}:
        return False
    ranked = phrase.head
    return ranked.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in RANKS or any(g.lower_ == "most" for g in c.children))
        for c in ranked.children
    )


def per_doc(doc: Doc, name: str, make: Callable[[Doc], T]) -> T:
    """``make(doc)``, computed once per doc and kept in its ``user_data`` (never serialised: docs stay in one
    process); for what several stages ask of the same doc."""
    key = ("warwatch", name)  # "text" is also set by ``with_text``
    try:
        return doc.user_data[key]  # one lookup: the stages ask 80,000 times over the 421 development texts
    except KeyError:
        value = doc.user_data[key] = make(doc)
        return value
