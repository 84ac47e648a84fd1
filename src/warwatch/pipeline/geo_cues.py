"""What the names of a text's actors say about where it happens: the home countries of the actors of
``data/actors.json`` ("Taliban" -> AF) and the national institutions, monitors and armed groups of
``data/geo_cues.json`` with the countries and provinces they operate in ("OSCE SMM" -> Donetsk, Luhansk), plus
demonyms ("Turkish" -> TR; not "the Malian border", the other side). The geocoder weighs them as weak signs:
forces fight abroad too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer, fold
from .actor_names import Entry, load_lexicon
from .nlp import text_of, tokens
from .place_words import BORDER_WORDS
from .vocabulary import TermPattern


def nationality_votes(doc: Doc, gazetteer: Gazetteer) -> Counter[str]:
    """The countries of the actors and demonyms of the text ("Taliban" -> AF, "Turkish" -> TR)."""
    votes: Counter[str] = Counter(_actor_countries(text_of(doc)))
    for token in tokens(doc):
        text = token.text
        countries = gazetteer.demonym(text) if text[:1].isupper() else ()  # a dict lookup: before the parse's test
        if countries and not _other_side(token):
            for code in countries:
                votes[code] += 0.5 / len(countries)
    return votes


def _other_side(token: Token) -> bool:
    """A people's word naming the other side of a border ("near the Malian border") says where the event is not."""
    return token.dep_ in ("amod", "compound") and token.head.lemma_ in BORDER_WORDS


def _actor_hits(text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
    """The alias hits of the actors stage's lexicon (``data/actors.json``) in ``text``: the same scan, remembered
    per text, serves the geocoder and the actors stage."""
    return load_lexicon().aliases.find(text)


def _actor_countries(text: str) -> Counter[str]:
    """Half a vote for the home country of each actor the text names ("Taliban" -> AF), and of each national
    institution or armed group of ``data/geo_cues.json`` ("BJP" -> IN, "OSCE SMM" -> UA): a weak sign, as armed
    groups fight abroad too."""
    codes = {next((e.country for e in entries if e.country), None) for _, _, entries in _actor_hits(text)}
    votes = Counter({code: 0.5 for code in codes if code})
    for operator in operators(text):
        votes.update({code: 0.5 for code in operator.countries if code not in votes})
    return votes


def armed_group_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the armed actors' names in ``text``: a place word inside one ("Sahel" of "Islamic State
    Sahel Province", "Hezbollah") names the group, not where it acts."""
    return tuple((s, e) for s, e, entries in _actor_hits(text) if any(x.kind == "actor" for x in entries))


@dataclass(frozen=True, slots=True, kw_only=True)
class Operator:
    """A national institution, monitor or armed group of ``data/geo_cues.json``: the countries it acts in and the
    first-level areas (country, folded admin1 name) where it is known to operate."""

    name: str
    countries: tuple[str, ...]
    areas: frozenset[tuple[str, str]]


def _alias_pattern(keys: Iterable[str], before: str, after: str) -> TermPattern:
    """One alternation of aliases, longest first: those in capitals as written, the others in any case."""
    caps = sorted((re.escape(a) for a in keys if a.isupper()), key=len, reverse=True)
    other = sorted((re.escape(a) for a in keys if not a.isupper()), key=len, reverse=True)
    pattern = re.compile(rf"{before}(?:{'|'.join([*caps, rf'(?i:{chr(124).join(other)})'])}){after}")
    return TermPattern(pattern, keys)


@cache
def _operator_table() -> tuple[TermPattern, dict[str, Operator]]:
    """One pattern for every alias of ``data/geo_cues.json`` (capitals match in capitals only), and the operator
    of each alias by its matching key (the alias itself in capitals, else casefolded)."""
    table = json.loads(resources.files("warwatch").joinpath("data/geo_cues.json").read_text(encoding="utf-8"))
    by_alias: dict[str, Operator] = {}
    for entry in table["operators"]:
        areas = frozenset((code, fold(area)) for code, names in entry.get("areas", {}).items() for area in names)
        operator = Operator(name=entry["name"], countries=tuple(entry["countries"]), areas=areas)
        for alias in entry["aliases"]:
            by_alias[alias if alias.isupper() else alias.casefold()] = operator
    return _alias_pattern(by_alias, r"(?<!\w)", r"(?!\w)"), by_alias


@lru_cache(maxsize=64)
def operators(text: str) -> tuple[Operator, ...]:
    """The operators of ``data/geo_cues.json`` that a text names, in order of first mention."""
    pattern, by_alias = _operator_table()
    found: dict[str, Operator] = {}
    for match in pattern.finditer(text):
        word = match.group()
        operator = by_alias.get(word) or by_alias.get(word.casefold())
        if operator is not None:
            found.setdefault(operator.name, operator)
    return tuple(found.values())


def operating_areas(text: str) -> dict[tuple[str, str], str]:
    """(country, folded admin1 name) -> the operator named in ``text`` that is known to operate there."""
    return {area: operator.name for operator in operators(text) for area in operator.areas}
