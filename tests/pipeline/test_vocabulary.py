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
