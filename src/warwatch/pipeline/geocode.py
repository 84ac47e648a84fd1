"""The geocoding stage: where each event mention happened, as a GeoNames point with an honest ACLED precision.

In: the article, its spaCy ``Doc`` and the event mentions. Out: one ``Place`` (or None) per mention;
``explain_places`` returns the same choices with their reasons and every candidate's score.

The work is split in four: ``toponyms`` finds every known name, ``place_words`` reads what its context says about
it, ``disambiguate`` decides which gazetteer entry each name means (and how precisely), and this module chooses the
place of each mention:

1. a place of the mention's own sentence nearest the trigger: domestic, specific, clearly a place, never a
   dateline, a speaker's place, an "X-based" place or a foreign village, nor the admin area written as the address
   of a finer place ("Damaturu (Kukareta ward, Borno)" is at Damaturu wherever the trigger stands);
2. else (or when that sentence names only the country) a place of the preceding sentences: the paragraph's, then
   two more not past a heading; one the text clearly calls a place first;
3. else the article's main place: its most-named specific place in its country, the capital only when the
   article names it more than once (a government's seat is where it speaks, not where events happen), never a
   place named only in datelines;
4. else the country named in the sentence; else the dateline's town when it lies in the article's country and
   the sentence names no place the gazetteer does not know ("BEIRUT -- ... the town of Khiam" is in Lebanon, not
   Beirut; precision 2: where the reporter files is the best guess when the text names no place of its own, but the
   text never says the event was there); else the article's country when its actors or demonyms say which it is
   (precision 3, no mention); None when nothing says where.

Leaves to others: which sentences are events (events), merging places across articles (merge).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..config import PipelineConfig
from ..gazetteer import Gazetteer, open_gazetteer
from ..model import Article, Mention, Place, Span
from ..registry import Geocoder
from .disambiguate import Resolution, Scored, article_country, resolve_toponyms
from .nlp import load_nlp, sentences, span_text
from .place_words import AREA_WORDS, PEOPLE, TYPE_WORDS
from .toponyms import Toponym, find_toponyms, unknown_places

__all__ = [
    "Choice",
    "GeonamesGeocoder",
    "Resolution",
    "Scored",
    "Toponym",
    "article_country",
    "explain_evidence",
    "explain_places",
    "find_toponyms",
    "geocode_places",
    "geonames_geocoder",
    "place_reason",
    "resolve_toponyms",
]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

OWN_SENTENCE = "in the mention's sentence, nearest the trigger"
EARLIER = "in an earlier sentence of the passage"
MAIN_PLACE = "the article's main place"
NO_PLACE = "the article names no place"
ONLY_COUNTRY = "the article's country: it names no place the gazetteer knows"
NOT_PLACED = "a media release happens where its own sentence says, if anywhere"
DATELINE = "the dateline's town: the article names no place of its own in the dateline's country (precision 2)"
# Sub-event types placed only by their own sentence: a group's video or statement has no battlefield.
OWN_PLACE_ONLY = frozenset({"Other"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """The place chosen for one mention and why: what ``warwatch show`` prints."""

    place: Place | None
    why: str
    resolution: Resolution | None = None
    article_country: str | None = None

    @property
    def reason(self) -> str:
        """One line for people: why this place, and why this entry of the gazetteer."""
        if self.resolution is None:
            return self.why
        best = self.resolution.ranked[0]
        others = len(self.resolution.ranked) - 1
        return f"{self.why}; {best.candidate.name} over {others} other candidate(s): {'; '.join(best.reasons)}"


def _is_country(resolution: Resolution) -> bool:
    return resolution.ranked[0].candidate.is_country


def _pick(doc: Doc, resolutions: list[Resolution], trigger: int, country: str | None) -> Resolution | None:
    """The best place among those of one sentence: specific, domestic, clearly a place, nearest the trigger.

    A speaker's place, a dateline, an "X-based" or "US-made" place, a foreign country and a foreign place the
    text does not clearly call a place are never picked: the caller looks further back instead.
    """
    starts = {r.toponym.start for r in resolutions}
    pool = [r for r in resolutions if not r.toponym.role]
    told = doc.char_span(trigger, trigger + 1, alignment_mode="expand")
    own = [r for r in pool if told is None or not _aside(doc, r, told.start)]
    pool = own if any(not _is_country(r) for r in own) else pool  # a country is no better than a town aside
    pool = [r for r in pool if not country or r.place.country == country or _clear(r)]
    pool = [r for r in pool if r.place.country == country] or pool
    pool = [r for r in pool if not starts & set(r.contains)] or pool
    pool = [r for r in pool if not any(_addresses(doc, r, o) for o in pool)] or pool  # the finer place of an address
    pool = [r for r in pool if not _is_country(r)] or pool
    pool = [r for r in pool if r.toponym.evidence >= 2] or pool  # a name the text clearly calls a place
    pool = [r for r in pool if r.address] or pool  # "in Los Mochis, Sinaloa": where the writer puts the event
    return min(pool, key=lambda r: (abs(r.toponym.start - trigger), r.place.geo_precision)) if pool else None


def _aside(doc: Doc, resolution: Resolution, trigger: int) -> bool:
    """Whether a place is named in a clause that tells where people are or came from ("rallied in Tel Aviv to free the
    captives held in Gaza"): the event is at a place of the trigger's own clause, if there is one. A clause about a
    thing ("the junction linking Islamabad with Rawalpindi") may well place the event."""
    for ancestor in doc[resolution.toponym.tokens[0]].ancestors:
        if ancestor.dep_ in ("acl", "relcl"):
            head = ancestor.head
            inside = ancestor.left_edge.i <= trigger <= ancestor.right_edge.i
            people = head.lemma_.lower() in PEOPLE or head.ent_type_ in {"NORP", "PERSON"}
            return people and not inside and head.i != trigger
    return False


def _addresses(doc: Doc, area: Resolution, place: Resolution) -> bool:
    """Whether ``area`` is written as the address of the finer ``place`` just before it: an admin area or country
    of the same country after a comma or parenthesis and maybe other address parts ("Damaturu (Kukareta ward,
    Borno)", even if the gazetteer files Damaturu in another province), or right after it with its type word
    ("Elbur Galgadud region"): the event is at the finer place."""
    if area.place.geo_precision <= place.place.geo_precision or area.place.country != place.place.country:
        return False
    if not (_is_country(area) or area.ranked[0].candidate.is_admin):
        return False
    between = doc[place.toponym.tokens[1] : area.toponym.tokens[0]]
    after = area.toponym.tokens[1]
    adjacent = place.toponym.tokens[1] == area.toponym.tokens[0]
    if adjacent and after < len(doc) and doc[after].lower_ in AREA_WORDS:
        return True  # "Elbur Galgadud region": the town, then its area by name and type word
    glue = {t.text for t in between} & {",", "("}
    return bool(glue) and all(t.text in (",", "(") or t.text[:1].isupper() or t.lower_ in TYPE_WORDS for t in between)


def _clear(resolution: Resolution) -> bool:
    """A foreign place that may be an event's place: not a country, and clearly called a place by the text."""
    return not _is_country(resolution) and resolution.toponym.evidence >= 2


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]


def _is_heading(text: str) -> bool:
    line = text.strip()
    return bool(line) and len(line) < 100 and line[-1] not in ".!?\"'”’)"


def _earlier_sentences(doc: Doc, text: str, before: int) -> list[int]:
    """Sentence indexes to look back at, nearest first: the paragraph's own, then two more not past a heading."""
    starts = _paragraph_starts(text)
    sents = [s for s in sentences(doc) if s.end_char <= before]
    para = max(i for i, s in enumerate(starts) if s <= before)
    own = [i for i, s in enumerate(sents) if s.start_char >= starts[para]]
    others = []
    for i in reversed(range(len(sents))):
        if i in own:
            continue
        if _is_heading(span_text(sents[i])) or len(others) == 2:
            break
        others.append(i)
    return list(reversed(own)) + others


def _main_place(doc: Doc, resolutions: tuple[Resolution, ...], country: str | None) -> Resolution | None:
    """The place the article is about: its most-named specific place in its country, a name the text clearly
    calls a place counting double, a dateline or a name in a list of places half ("fighting in Paktia, Logar and
    Badghis provinces" sums up a war, it is not the story's place). A capital only when it weighs more than two:
    the seat of a government is named where it speaks, not only where events happen. None when there is no such
    place."""
    weights = {"": 1.0, "describes": 0.5, "dateline": 0.5}
    specific = [r for r in resolutions if r.toponym.role in weights and not _is_country(r)]
    domestic = [r for r in specific if r.place.country == country] if country else specific
    listed = _listed(doc, resolutions)
    counts: Counter[int] = Counter()
    for r in domestic:
        weight = weights[r.toponym.role] * (2 if r.toponym.evidence >= 2 else 1)
        counts[r.ranked[0].candidate.id] += weight / (2 if r.toponym.start in listed else 1)
    pool = [r for r in domestic if r.ranked[0].candidate.feature_code != "PPLC" or counts[r.ranked[0].candidate.id] > 2]
    told = {r.ranked[0].candidate.id for r in domestic if r.toponym.role != "dateline"}
    pool = [r for r in pool if r.ranked[0].candidate.id in told]  # a dateline alone is the last resort (_dateline)
    if not pool:
        return None
    return max(pool, key=lambda r: (counts[r.ranked[0].candidate.id], -r.place.geo_precision, -r.toponym.start))


def _listed(doc: Doc, resolutions: tuple[Resolution, ...]) -> set[int]:
    """Start offsets of the places named in a list of places: "in Uruzgan and Badghis provinces"."""
    listed = set()
    for first, second in pairwise(r.toponym for r in resolutions):
        between = {t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]}
        if first.sentence == second.sentence and between and between <= {",", "and", "or"}:
            listed |= {first.start, second.start}
    return listed


def explain_places(
    article: Article, doc: Doc, mentions: tuple[Mention, ...], *, gazetteer: Gazetteer
) -> tuple[Choice, ...]:
    """The place of each mention with the reason it was chosen and every candidate's score."""
    resolutions, country = resolve_toponyms(doc, gazetteer)
    main = _main_place(doc, resolutions, country)
    choices = tuple(_choose(mention, article, doc, resolutions, country, main) for mention in mentions)
    dateline = _dateline(resolutions, country)
    if dateline is not None and any(c.why == NO_PLACE for c in choices):
        place = replace(dateline.place, geo_precision=max(2, dateline.place.geo_precision))
        unknown = _unknown_places(doc, resolutions)
        choices = tuple(
            replace(c, place=place, why=DATELINE, resolution=dateline)
            if c.why == NO_PLACE and not any(m.sentence.start <= u < m.sentence.end for u in unknown)
            else c
            for c, m in zip(choices, mentions, strict=True)
        )
    fallback = _country_place(gazetteer, country) if any(c.why == NO_PLACE for c in choices) else None
    if fallback is None:
        return choices
    return tuple(replace(c, place=fallback, why=ONLY_COUNTRY) if c.why == NO_PLACE else c for c in choices)


def _unknown_places(doc: Doc, resolutions: tuple[Resolution, ...]) -> tuple[int, ...]:
    """Where the text names a place the gazetteer does not know ("the southern Lebanese town of Khiam"): a mention
    of that sentence happened there, not at the dateline's town, which may lie far away; its country stays."""
    return unknown_places(doc, {i for r in resolutions for i in range(*r.toponym.tokens)})


def _dateline(resolutions: tuple[Resolution, ...], country: str | None) -> Resolution | None:
    """The town of the dateline, for the events of an article that names no place of its own: a reporter files
    from where the news is more often than not, so it is the best honest guess -- but only at precision 2 (its
    area, as the text never puts the event there), and never when the article is about another country
    ("NAIROBI, Kenya - ... in Somalia" is placed in Somalia)."""
    towns = [r for r in resolutions if r.toponym.role == "dateline" and not _is_country(r)]
    return next((r for r in towns if country is None or r.place.country == country), None)


def _country_place(gazetteer: Gazetteer, country: str | None) -> Place | None:
    """The article's country as a place of precision 3 (at its capital), when its actors or people say which
    country it is but it names no place: "Houthi forces shelled a village" is in Yemen."""
    found = gazetteer.country(country) if country else None
    if found is None:
        return None
    return Place(
        name=found.name,
        country=found.country,
        lat=found.lat,
        lon=found.lon,
        geo_precision=3,
        geonameid=found.geonameid,
    )


def _earlier(
    mention: Mention, article: Article, doc: Doc, resolutions: tuple[Resolution, ...], country: str | None
) -> Resolution | None:
    """A specific place of the sentences before the mention in its country: one the text clearly calls a place
    first, the nearest otherwise."""
    sents = sentences(doc)
    picks = []
    for index in _earlier_sentences(doc, article.text, mention.sentence.start):
        here = [r for r in resolutions if r.toponym.sentence == index]
        pick = _pick(doc, here, sents[index].end_char, country)
        if pick and not _is_country(pick) and (country is None or pick.place.country == country):
            picks.append(pick)
    return next((p for p in picks if p.toponym.evidence >= 2), picks[0] if picks else None)


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
    pick, why = _pick(doc, own, mention.trigger.start, country), OWN_SENTENCE
    if mention.sub_event_type in OWN_PLACE_ONLY and pick is None:
        return Choice(place=None, why=NOT_PLACED, article_country=country)
    if pick is None or _is_country(pick):
        earlier = _earlier(mention, article, doc, resolutions, pick.place.country if pick else country)
        if earlier is not None:
            pick, why = earlier, EARLIER
    if main is not None and (pick is None or (_is_country(pick) and main.place.country == pick.place.country)):
        pick, why = main, MAIN_PLACE
    if pick is None:
        return Choice(place=None, why=NO_PLACE, article_country=country)
    log.debug("mention %r -> %s (%s)", mention.trigger.text, pick.place.name, why)
    return Choice(place=pick.place, why=why, resolution=pick, article_country=country)


def geocode_places(
    article: Article, doc: Doc, mentions: tuple[Mention, ...], *, gazetteer: Gazetteer
) -> tuple[Place | None, ...]:
    """One Place (or None when the article names no place) per mention."""
    return tuple(choice.place for choice in explain_places(article, doc, mentions, gazetteer=gazetteer))


def explain_evidence(article: Article, evidence: Span, *, nlp: Language, gazetteer: Gazetteer) -> Choice:
    """Why a stored event has its place, recomputed from its article: the choice for a mention over the sentence
    holding the event's evidence (what ``warwatch show`` prints; the model keeps places, not reasons)."""
    doc = nlp(article.text)
    sents = sentences(doc)
    sent = next((s for s in sents if s.start_char <= evidence.start < s.end_char), sents[0])
    mention = Mention(
        sub_event_type="",
        trigger=Span.of(article, evidence.start, evidence.start),
        sentence=Span.of(article, sent.start_char, sent.end_char),
        rule="explain",
    )
    return explain_places(article, doc, (mention,), gazetteer=gazetteer)[0]


def place_reason(article: Article, evidence: Span) -> str:
    """One line saying why an event stored from ``article`` has its place, with the default spaCy pipeline and
    gazetteer (loaded here: for ``warwatch show``, not for bulk use)."""
    with open_gazetteer() as gazetteer:
        return explain_evidence(article, evidence, nlp=load_nlp(PipelineConfig().nlp), gazetteer=gazetteer).reason


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
