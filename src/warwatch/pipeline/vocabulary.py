"""Finding the terms of a large vocabulary (actor aliases, countries, operator names) in a text, fast.

Python's ``re`` tries every alternative of ``(?i:a|b|c|...)`` at every position of the text: with hundreds
of aliases, a millisecond per article. A term can only begin where a word begins whose start is the start of
some term's first word, so ``TermPattern`` runs the regex only there, and not at all for a text none of whose
words may begin a term (most of the phrases the actors stage reads: "the village", "two people").

Which words may begin a term is learnt once per distinct word, by a regex of the terms' first words (a trie):
first whether a word may begin a term of any vocabulary (``_candidates``, made once per text for the
vocabularies that scan it in turn: the actors stage asks up to eight about each phrase), then, for the few
that may, whether a term of this one. The test for a text is then a few set operations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress

_WORD = re.compile(r"\w+")
_LEARNT_LIMIT = 50_000  # distinct words remembered; past them, a new word is sorted each time it is met


def may_match(text: str, cues: Iterable[str]) -> bool:
    """Whether a regex every match of which holds one of ``cues`` (lower-case ASCII), in any case, may match ``text``:
    a few substring tests rule most texts out before a regex that tries its alternatives at every letter. ``lower``
    makes of a letter the ASCII letter that ``re`` takes it for in any case, but for "İ", "ı" and "ſ" ("i", "i", "s"
    to ``re``): a text with one of those is never ruled out."""
    if not text.isascii() and any(letter in text for letter in "\u0130\u0131\u017f"):
        return True
    lowered = text.lower()
    return any(cue in lowered for cue in cues)


def _beginning(heads: Iterable[str]) -> str:
    """A regex of the strings that begin with one of ``heads``, as a trie: ``re`` tries the alternatives of an
    alternation one by one, but skips at once those that begin with another letter."""
    trie: dict[str, dict] = {}
    for head in heads:
        node = trie
        for char in head:
            if "" in node:
                break  # a shorter head begins this one: any string this one begins, that one begins too
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = {}

    def alternation(node: dict[str, dict]) -> str:
        if "" in node:
            return ""
        alternatives = [re.escape(char) + alternation(rest) for char, rest in node.items()]
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return alternation(trie) if trie else "(?!)"


class _Starts:
    """The words that may begin a term, by a regex of the terms' first words (``heads``), remembered per word."""

    def __init__(self, heads: Iterable[str], *, cased: bool) -> None:
        self._begins = re.compile(_beginning(heads)).match  # whether a head begins a word
        self._cased = cased
        self._seen: set[str] = set()  # the words sorted so far, up to _LEARNT_LIMIT
        self._starts: set[str] = set()  # those of them that begin with a head (folded to compare, unless ``cased``)

    def among(self, words: frozenset[str]) -> set[str] | frozenset[str]:
        """The words of ``words`` that may begin a term. A word joins ``_starts`` before ``_seen``, and nothing
        is ever forgotten, so a word met is always sorted, whatever thread asks."""
        unseen = words - self._seen
        if not unseen:
            return words & self._starts
        begins, cased = self._begins, self._cased
        new = {word for word in unseen if begins(word if cased else word.casefold())}
        if len(self._seen) < _LEARNT_LIMIT:
            self._starts |= new
            self._seen |= unseen
        return (words & self._starts) | new


_ANY_HEADS: set[str] = set()  # the case-folded first words of the terms of every TermPattern
_any = _Starts((), cased=False)


@lru_cache(maxsize=64)
def _candidates(text: str) -> frozenset[str]:
    """The words of a text that may begin a term of some TermPattern; remembered for the last texts, which
    several vocabularies scan in turn."""
    return frozenset(_any.among(frozenset(_WORD.findall(text))))


@lru_cache(maxsize=64)
def _word_starts(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words of a text in order, and where each begins."""
    found = list(_WORD.finditer(text))
    return tuple(map(re.Match.group, found)), tuple(map(re.Match.start, found))


def _by_first_letter(alternatives: Sequence[tuple[str, str]], *, cased: bool) -> list[str] | None:
    """The regexes of ``alternatives`` grouped by the letter they begin with, each group in their order: "a(?:l
    Qaeda|rmy)|..."; a cased one that begins "[eE]" is in the groups of both letters. The matches are those of
    the alternation of all: only the alternatives of one group may match where a letter begins them, in the same
    order (in any case, no letter of a text is two ASCII letters). None where a term is empty or begins with a
    letter that is not ASCII, or its regex with neither the letter nor, cased, the letter in both cases."""
    groups: dict[str, list[str]] = {}
    for term, regex in alternatives:
        first = term[:1]
        both = f"[{first}{first.upper()}]"
        if not first or not first.isascii():
            return None
        if regex.startswith(re.escape(first)):
            letters, rest = [first if cased else first.lower()], regex[len(re.escape(first)) :]
        elif cased and regex.startswith(both):
            letters, rest = list(dict.fromkeys(first + first.upper())), regex[len(both) :]
        else:
            return None
        for letter in letters:
            groups.setdefault(letter, []).append(rest)
    return [f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in groups.items()]


class TermPattern:
    """``pattern``, an alternation of the ``terms`` between word boundaries, searched word by word.

    A match begins at the start of a word that begins with the first word of its term: the whole word for a
    literal term, or a prefix of it when the pattern lets separators go ("al-?Qaeda" matches "alQaeda"). In any
    case, unless ``cased``: then a term matches only as written, and ``terms`` lists each spelling it matches.
    """

    def __init__(self, pattern: re.Pattern[str], terms: Iterable[str], *, cased: bool = False) -> None:
        global _any
        self.pattern = pattern
        firsts = [_WORD.match(term) for term in terms]
        # None: a term begins with no word character, so any position may start a match
        self._starts: _Starts | None = None
        if all(firsts):
            heads = {f.group() if cased else f.group().casefold() for f in firsts if f}
            self._starts = _Starts(heads, cased=cased)
            if not {h.casefold() for h in heads} <= _ANY_HEADS:  # a cased head begins a word case-folded too
                _ANY_HEADS.update(h.casefold() for h in heads)
                _any = _Starts(_ANY_HEADS, cased=False)
                _candidates.cache_clear()

    @classmethod
    def alternation(cls, alternatives: Sequence[tuple[str, str]], *, cased: bool = False) -> TermPattern:
        """The alternation of ``alternatives`` (a term and its regex, in order of preference) between word
        boundaries, in any case unless ``cased``; a cased term's regex may let its first letter be a capital
        ("[eE]Swatini"). ``re`` tries the alternatives one by one, and touches the whole long regex to skip
        those of other letters: grouped by first letter (``_by_first_letter``), it tries a few dozen."""
        regexes = _by_first_letter(alternatives, cased=cased) or [regex for _, regex in alternatives]
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(regexes)})(?!\w)", 0 if cased else re.I)
        terms = [term for term, _ in alternatives]
        spellings = [c + term[1:] for term in terms for c in dict.fromkeys(term[:1] + term[:1].upper())]
        return cls(pattern, spellings if cased else terms, cased=cased)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right, as ``pattern.finditer(text)`` gives them."""
        if self._starts is None:
            return self.pattern.finditer(text)
        return iter(self.matches(text))

    def matches(self, text: str) -> list[re.Match[str]]:
        """``list(self.finditer(text))``, without a generator: most texts have no word to try."""
        starts = self._starts
        if starts is None:
            return list(self.pattern.finditer(text))
        candidates = _candidates(text)
        if not candidates:
            return []
        starting = starts.among(candidates)
        if not starting:
            return []
        listed, at = _word_starts(text)
        found: list[re.Match[str]] = []
        end, match_at = 0, self.pattern.match
        for start in compress(at, map(starting.__contains__, listed)):
            if start >= end and (match := match_at(text, start)):
                end = match.end()
                found.append(match)
        return found
