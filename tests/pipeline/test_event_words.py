"""The event lexicon's regexes: what their speed-ups assume of them."""

from __future__ import annotations

import re._constants as c
import re._parser as parser

import pytest

from warwatch.pipeline.event_words import _PHRASE_PATTERNS, SMALL_ARMS, SMALL_ARMS_WORDS

LETTERS = frozenset(range(ord("a"), ord("z") + 1))


def _firsts(items: list) -> set[int]:
    """The characters a parsed pattern's match may begin with (zero-width assertions skipped)."""
    for op, av in items:
        if op in (c.AT, c.ASSERT_NOT):
            continue  # \b, a look-behind: nothing consumed
        if op is c.LITERAL:
            return {av}
        if op is c.SUBPATTERN:
            return _firsts(list(av[3]))
        if op is c.BRANCH:
            return {ch for branch in av[1] for ch in _firsts(list(branch))}
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0:  # optional: the next item may come first
            rest = items[items.index((op, av)) + 1 :]
            return _firsts(list(av[2])) | _firsts(rest)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            return _firsts(list(av[2]))
        if op is c.IN:
            return {ch for kind, a in av for ch in _chars(kind, a)}
        return {-1}  # anything else: not known to begin with a letter
    return {-1}


def _chars(kind: object, a: object) -> list[int] | range:
    if kind is c.LITERAL:
        return [a]
    if kind is c.RANGE:
        return range(a[0], a[1] + 1)
    return [-1]  # \w, \d, a negated set: not only letters


@pytest.mark.parametrize("pattern", [p for p, _ in _PHRASE_PATTERNS] + [SMALL_ARMS.pattern.removeprefix("(?=[a-z])")])
def test_phrases_begin_with_a_letter(pattern: str) -> None:
    """``_from_a_letter`` looks ahead for a letter: each alternative must begin with one."""
    assert _firsts(list(parser.parse(pattern))) <= LETTERS


@pytest.mark.parametrize(
    "text", ["small arms fire", "an assault rifle", "light weapons", "automatic weapons", "gunshots", "ak47s", "pistol"]
)
def test_small_arms_words(text: str) -> None:
    """Every match of SMALL_ARMS holds one of SMALL_ARMS_WORDS (the test events run first)."""
    match = SMALL_ARMS.search(text)
    assert match is not None
    assert any(word in match.group() for word in SMALL_ARMS_WORDS)
