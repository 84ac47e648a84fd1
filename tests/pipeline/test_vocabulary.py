"""TermPattern gives exactly the matches of its regex, whatever the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch.pipeline.vocabulary import TermPattern

TERMS = ["Islamic State", "IS", "al-Shabaab", "Shabaab", "Da'esh", "M23", "state police", "J&K"]
WORDS = [*TERMS, "islamic", "state", "al", "alShabaab", "ISIS", "IS-K", "M23s", "police", "the", "J", "K", "&"]


def _pattern(terms: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?i:{alternation})(?!\w)")


@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", "-", ", ", "'"])), max_size=30))
def test_vocabulary_same_matches_as_the_regex(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    terms = TermPattern(_pattern(TERMS), TERMS)
    assert [(m.start(), m.group()) for m in terms.finditer(text)] == [
        (m.start(), m.group()) for m in _pattern(TERMS).finditer(text)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Fighters of the Islamic State and al-Shabaab.", ["Islamic State", "al-Shabaab"]),
        ("ISIS and IS-K", ["IS"]),  # "IS" of "IS-K" is a word; "ISIS" is not "IS"
        ("no term here", []),
    ],
)
def test_vocabulary_finds_terms(text: str, found: list[str]) -> None:
    assert [m.group() for m in TermPattern(_pattern(TERMS), TERMS).finditer(text)] == found


def test_vocabulary_term_starting_without_a_word_falls_back_to_the_regex() -> None:
    terms = ["(JNIM)", "JNIM"]
    pattern = re.compile(r"(?:\(JNIM\)|JNIM)")
    assert [m.group() for m in TermPattern(pattern, terms).finditer("the (JNIM) group")] == ["(JNIM)"]


def _loose(terms: list[str]) -> re.Pattern[str]:
    """Terms whose separators may go, as the actor lexicon writes them: "al-Shabaab" matches "alShabaab"."""
    parts = [r"[\s\-]*".join(re.escape(p) for p in re.split(r"[\s\-]+", t)) for t in terms]
    return re.compile(rf"(?<!\w)(?i:{'|'.join(sorted(parts, key=len, reverse=True))})(?!\w)")


@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", "-", ", ", "'"])), max_size=30))
def test_vocabulary_same_matches_when_separators_may_go(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    terms = TermPattern(_loose(TERMS), TERMS)
    assert [(m.start(), m.group()) for m in terms.finditer(text)] == [
        (m.start(), m.group()) for m in _loose(TERMS).finditer(text)
    ]


# Words learnt once serve every later text: one instance of each kind for all the examples below.
LOOSE_TERMS = [(t, r"[\s\-]*".join(re.escape(p) for p in re.split(r"[\s\-]+", t))) for t in TERMS]
LOOSE_TERMS.sort(key=lambda tr: -len(tr[0]))
CASED = ["eSwatini", "Niger", "Nigeria", "DR Congo", "the Gambia", "Nigerien", "the Niger Delta"]
CASED_TERMS = [
    (t, (f"[{t[0]}{t[0].upper()}]" + re.escape(t)[1:]) if t[:1].islower() else re.escape(t))
    for t in sorted(CASED, key=len, reverse=True)
]
MORE_WORDS = [*WORDS, *CASED, "Eswatini", "ESwatini", "İslamic", "ıslamic", "ſtate", "\u212aM23", "Gambia", "İzmir"]
TEXTS = st.lists(
    st.tuples(st.sampled_from(MORE_WORDS), st.sampled_from([" ", "", "-", ", ", "'", "\u2019"])), max_size=30
)
SHARED_ANY_CASE = TermPattern.alternation(LOOSE_TERMS)
SHARED_CASED = TermPattern.alternation(CASED_TERMS, cased=True)
# a term not in ASCII letters: the alternation stays as it is
NOT_ASCII_TERMS = [("İzmir", "İzmir"), *CASED_TERMS]
SHARED_NOT_ASCII = TermPattern.alternation(NOT_ASCII_TERMS, cased=True)


def _flat(alternatives: list[tuple[str, str]], flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(rx for _, rx in alternatives)})(?!\w)", flags)


@given(TEXTS)
def test_vocabulary_alternation_grouped_same_matches_as_the_flat_regex(parts: list[tuple[str, str]]) -> None:
    """Grouped by first letter, the alternation matches as the flat one, also for letters that are another in
    any case ("İ" and "ı" are "i", "ſ" is "s", Kelvin's K is "k")."""
    text = "".join(word + sep for word, sep in parts)
    assert [(m.start(), m.group()) for m in SHARED_ANY_CASE.pattern.finditer(text)] == [
        (m.start(), m.group()) for m in _flat(LOOSE_TERMS, re.I).finditer(text)
    ]


@given(TEXTS.filter(lambda parts: not any(c in word for word, _ in parts for c in "İı")))
def test_vocabulary_alternation_same_matches_as_its_regex(parts: list[tuple[str, str]]) -> None:
    """What was learnt of the words of earlier texts changes nothing. (Words are compared case-folded, and "İ"
    and "ı" do not fold to "i", which ``re`` takes them for in any case: such words are not tried.)"""
    text = "".join(word + sep for word, sep in parts)
    assert [(m.start(), m.group()) for m in SHARED_ANY_CASE.finditer(text)] == [
        (m.start(), m.group()) for m in _loose(TERMS).finditer(text)
    ]


@given(TEXTS)
def test_vocabulary_cased_alternation_same_matches_as_the_regex(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    assert [(m.start(), m.group()) for m in SHARED_CASED.finditer(text)] == [
        (m.start(), m.group()) for m in _flat(CASED_TERMS, 0).finditer(text)
    ]
    assert [(m.start(), m.group()) for m in SHARED_NOT_ASCII.finditer(text)] == [
        (m.start(), m.group()) for m in _flat(NOT_ASCII_TERMS, 0).finditer(text)
    ]


def test_vocabulary_alternation_grouped_by_first_letter() -> None:
    assert SHARED_CASED.pattern.pattern.startswith(r"(?<!\w)(?:t(?:he")  # "the Niger Delta", "the Gambia"
    assert r"|e(?:Swatini)|E(?:Swatini)" in SHARED_CASED.pattern.pattern
    assert SHARED_NOT_ASCII.pattern.pattern == _flat(NOT_ASCII_TERMS, 0).pattern


def test_vocabulary_cased_term_may_begin_with_a_capital() -> None:
    found = [m.group() for m in SHARED_CASED.finditer("ESwatini, eSwatini and Eswatini; Nigeria, not nigeria")]
    assert found == ["ESwatini", "eSwatini", "Nigeria"]
