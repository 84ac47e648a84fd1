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
        # the lengths of the first words by their first two letters: one lookup rules out most words
        self._lengths: dict[str, tuple[int, ...]] = {}
        for first in sorted(self._firsts or (), key=len):
            self._lengths[first[:2]] = (*self._lengths.get(first[:2], ()), len(first))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right, as ``pattern.finditer(text)`` gives them."""
        if self._firsts is None:
            yield from self.pattern.finditer(text)
            return
        end = 0
        firsts, lengths = self._firsts, self._lengths
        for word in _WORD.finditer(text):
            start = word.start()
            folded = word.group().casefold()
            heads = {folded[:2], folded[:1]}  # one-letter first words are filed under their one letter
            if start < end or not any(folded[:k] in firsts for head in heads for k in lengths.get(head, ())):
                continue
            match = self.pattern.match(text, start)
            if match:
                end = match.end()
                yield match
