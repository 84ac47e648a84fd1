"""Finding the terms of a large case-insensitive vocabulary (actor aliases, operator names) in a whole text, fast.

Python's ``re`` tries every alternative of ``(?i:a|b|c|...)`` at every position of the text: with hundreds
of aliases, a millisecond per article. A term can only begin where a word begins whose start is the start of
some term's first word, so ``TermPattern`` runs the regex only there: a few set lookups per word, and the
same matches as ``pattern.finditer``. (Case-sensitive or small vocabularies are fast in ``re`` already: its
literal-prefix search skips ahead, and the word loop here would only add cost.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD = re.compile(r"\w+")


class TermPattern:
    """``pattern``, an alternation of the ``terms`` between word boundaries, searched word by word.

    A match begins at the start of a word that begins with the first word of its term: the whole word for a
    literal term, or a prefix of it when the pattern lets separators go ("al-?Qaeda" matches "alQaeda")."""

    def __init__(self, pattern: re.Pattern[str], terms: Iterable[str]) -> None:
        self.pattern = pattern
        firsts = [_WORD.match(term) for term in terms]
        # None: a term begins with no word character, so any position may start a match
        self._firsts = frozenset(f.group().casefold() for f in firsts if f) if all(firsts) else None
        # the lengths of the first words that a word may begin with, by its first two letters (or its first one,
        # when no first word begins with those two): one lookup rules out most words
        ones: dict[str, tuple[int, ...]] = {}
        self._lengths: dict[str, tuple[int, ...]] = ones
        for first in sorted(self._firsts or (), key=len):
            ones[first[:2]] = (*ones.get(first[:2], ()), len(first))
        for head in [h for h in ones if len(h) == 2]:
            ones[head] = (*ones.get(head[0], ()), *ones[head])  # "a" begins "ab..." too

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right, as ``pattern.finditer(text)`` gives them."""
        if self._firsts is None:
            yield from self.pattern.finditer(text)
            return
        end = 0
        firsts, lengths, match_at = self._firsts, self._lengths, self.pattern.match
        for word in _WORD.finditer(text):
            folded = word.group().casefold()
            for k in lengths.get(folded[:2]) or lengths.get(folded[:1], ()):
                if folded[:k] in firsts:
                    break
            else:
                continue
            start = word.start()
            if start >= end and (match := match_at(text, start)):
                end = match.end()
                yield match
