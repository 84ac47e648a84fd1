"""Disambiguation for the geocoder: which gazetteer entry each toponym of an article means, and how precisely.

In: the ``Toponym``s of one article (``toponyms.find_toponyms``). Out: ``Resolution``s (``resolve_toponyms``), each
with every candidate scored and the reasons for each score, and the article's country.

1. The article's country: the most-voted country over places (the surest sign), country names and demonyms (a
   weak one: "Turkish drones", "Ethiopian troops" are actors more often than places). Datelines, speakers and
   "X-based" places do not vote.
2. Candidates: one outside the article's country that matched only by folding or transliteration, or is a
   village, is dropped: folding never turns a foreign hamlet into the event's place.
3. Signals: article country, the name being the place's own name rather than one of its alternate names ("Sabah"
   is the state's own name, only an alternate one of Sabak Bernam), an adjacent admin name ("Imam Sahib district,
   Kunduz"; "Mehrabpur city (Naushahro Firoz, Sindh)"), feature class against the place word, seats of provinces,
   population (a weak prior) and proximity to the article's other places.
4. Precision: 1 the town itself; 2 near/outside/N km from/direction of a town, a road between towns, a hill
   overlooking one, an admin2 area, or a known town or district holding an unknown village; 3 a province or a
   country.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import pairwise

from spacy.tokens import Doc

from ..gazetteer import Candidate, Gazetteer, fold, short_admin_name
from ..model import Place
from .place_words import CENTRE_WORDS, DIRECTIONS, TYPE_WORDS
from .toponyms import Toponym, find_toponyms

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_SILENT_ROLES = frozenset({"modifier", "based"})  # "the US dollar", "London-based": no vote for the country
_HALF_ROLES = frozenset({"dateline", "speaker"})  # where the reporter or a speaker is: half a vote
_VILLAGE = 10_000  # below this population a foreign place matched by a name of the text is a namesake


@dataclass(frozen=True, slots=True, kw_only=True)
class Scored:
    """One candidate of a toponym with its score and the reasons for it."""

    candidate: Candidate
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A toponym, its candidates best first, and the Place it resolves to."""

    toponym: Toponym
    ranked: tuple[Scored, ...]
    place: Place
    contains: tuple[int, ...] = ()  # start offsets of the toponyms written as lying inside this one
    address: bool = False  # written with its container: "Los Mochis, Sinaloa", "Nihm (Sanaa)"


# -- 2. the article's country and which toponyms are places --------------------------------------------------------


def article_country(doc: Doc, toponyms: tuple[Toponym, ...], gazetteer: Gazetteer) -> str | None:
    """The most-voted country of the article, or None on a tie.

    An actor with a home country ("Taliban") and a demonym count a half: they name actors, who fight abroad too.
    A country name counts one; any other name one and a half (a half when it matched only as a transliteration
    variant; half as much for a dateline or a speaker's place), shared among the countries of its candidates, each
    weighted by the log population of its largest candidate there (a weak prior, as everywhere).
    """
    agreed = _agreed_countries(toponyms, _containers(doc, toponyms))
    votes: Counter[str] = Counter(_actor_countries(doc.text))
    for token in doc:
        countries = gazetteer.demonym(token.text) if token.text[:1].isupper() else ()
        for code in countries:
            votes[code] += 0.5 / len(countries)
    for index, toponym in enumerate(toponyms):
        if toponym.evidence <= 0 or toponym.role in _SILENT_ROLES:
            continue
        named = [c for c in toponym.candidates if c.is_country] or list(toponym.candidates)
        named = [c for c in named if c.country in agreed.get(index, {c.country})] or named
        share = 1.0 if named[0].is_country else 0.5 if named[0].matched_by == "variant" else 1.5
        share /= 2 if toponym.role in _HALF_ROLES else 1
        weights: dict[str, float] = {}
        for candidate in named:
            weight = 1 + math.log10(1 + candidate.population)
            weights[candidate.country] = max(weights.get(candidate.country, 0.0), weight)
        if len(weights) <= 5:
            for code, weight in weights.items():
                votes[code] += share * weight / sum(weights.values())
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and math.isclose(ranked[0][1], ranked[1][1])):
        return None
    return ranked[0][0]


@cache
def _actor_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """One pattern per actor with a home country in the actors stage's alias table (``data/actors.json``, read
    only): aliases in capitals match in capitals only, others in any case."""
    table = json.loads(resources.files("warwatch").joinpath("data/actors.json").read_text(encoding="utf-8"))
    patterns = []
    for actor in table.get("actors", ()):
        if not actor.get("country") or "{" in actor["name"]:
            continue
        caps = [re.escape(a) for a in actor["aliases"] if a.isupper()]
        other = [re.escape(a) for a in actor["aliases"] if not a.isupper()]
        parts = ([rf"\b(?:{'|'.join(caps)})\b"] if caps else []) + (
            [rf"(?i:\b(?:{'|'.join(other)})\b)"] if other else []
        )
        if parts:
            patterns.append((re.compile("|".join(parts)), actor["country"]))
    return tuple(patterns)


def _actor_countries(text: str) -> Counter[str]:
    """Half a vote for the home country of each actor the text names ("Taliban" -> AF): a weak sign, as armed
    groups fight abroad too."""
    return Counter({code: 0.5 for pattern, code in _actor_patterns() if pattern.search(text)})


def _agreed_countries(toponyms: tuple[Toponym, ...], containers: dict[int, int]) -> dict[int, set[str]]:
    """For the names of an address ("Donga LGA (Taraba)"), the countries where the inner one lies in the outer."""
    agreed: dict[int, set[str]] = {}
    for inner, outer in containers.items():
        countries = {
            c.country for c in toponyms[inner].candidates if any(_contains(o, c) for o in toponyms[outer].candidates)
        }
        if countries:
            agreed[inner] = agreed[outer] = countries
    return agreed


def _accepted(toponyms: tuple[Toponym, ...], country: str | None) -> tuple[Toponym, ...]:
    """The toponyms that the evidence says are places (>= 1), after the article's own signals are added."""
    strong = {fold(t.text) for t in toponyms if t.evidence >= 2}
    kept = []
    for toponym in toponyms:
        candidates = tuple(c for c in toponym.candidates if not _namesake(c, country))
        if not candidates:
            log.debug("dropped %r: only foreign namesakes %s", toponym.text, [c.name for c in toponym.candidates])
            continue
        toponym = replace(toponym, candidates=candidates)
        bonus = 1.0 if country and any(c.country == country for c in toponym.candidates) else 0.0
        bonus += 1.0 if fold(toponym.text) in strong and toponym.evidence < 2 else 0.0
        if toponym.evidence + bonus >= 1:
            kept.append(replace(toponym, evidence=toponym.evidence + bonus))
    return tuple(kept)


def _namesake(candidate: Candidate, country: str | None) -> bool:
    """A foreign village, or a foreign place that the text names only by folding or transliteration: "Main" is not
    Ma'in in Jordan, "Gurez" not Koreyiz in Crimea, in an article about somewhere else."""
    if not country or candidate.country == country or candidate.is_country:
        return False
    return candidate.matched_by != "exact" or (candidate.population < _VILLAGE and not candidate.is_admin)


# -- 3. disambiguation ----------------------------------------------------------------------------------------------


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``inner`` lies in ``outer``: same country, admin1 or admin2 (or within 30 km of its seat)."""
    if outer.country != inner.country or inner.is_country or outer.id == inner.id:
        return False
    if outer.is_country:
        return True
    if outer.feature_code == "ADM1":
        return inner.admin1_code == outer.admin1_code and inner.feature_code != "ADM1"
    if outer.feature_code == "ADM2":  # admin2 names are known for cities1000 places only: distance fills in
        near = inner.admin2 == outer.admin2 or _km(outer, inner) < 30
        return inner.admin1_code == outer.admin1_code and near and not inner.is_admin
    return not inner.is_admin and _km(outer, inner) < 25


def _containers(doc: Doc, toponyms: tuple[Toponym, ...]) -> dict[int, int]:
    """inner toponym index -> index of the admin area or country written as its container.

    "Imam Sahib district, Kunduz", "Nihm (Sanaa)", "a village of Imam Sahib", "Syria's Idlib province"; not a list
    ("Aleppo, Idlib and Hama"), and only when some candidate of the inner name lies in the outer one.
    """
    pairs = {}
    for a, (first, second) in enumerate(pairwise(toponyms)):
        if first.sentence != second.sentence:
            continue
        between = [t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]]
        glue = set(between) - (TYPE_WORDS | CENTRE_WORDS | DIRECTIONS | {"the", "-"})
        after = [t.lower_ for t in doc[second.tokens[1] : second.tokens[1] + 2]]
        listed = (
            "(" not in between
            and (  # "(Khairpur, Sindh)" is an address, not a list
                (bool(after) and after[0] in ("and", "or"))
                or (after[:1] == [","] and a + 2 < len(toponyms) and toponyms[a + 2].tokens[0] <= second.tokens[1] + 2)
            )
        )
        if len(between) <= 6 and glue and glue <= {",", "(", "in", "of"} and not listed:
            pairs[a] = a + 1
        elif between[:1] in (["'s"], ["’s"]) and len(between) <= 5:
            pairs[a + 1] = a  # "Syria's rebel-held Idlib province"
    fitting = {inner: outer for inner, outer in pairs.items() if _fits(toponyms[inner], toponyms[outer])}
    for inner, middle in pairs.items():  # "Kamyanka (Izium district, Kharkiv)" with no Izium district known
        outer = fitting.get(middle)
        if (
            inner not in fitting
            and outer is not None
            and "(" in doc[toponyms[inner].tokens[1] : toponyms[middle].tokens[0]].text
        ):
            fitting[inner] = outer
    return fitting


def _fits(inner: Toponym, outer: Toponym) -> bool:
    return not all(c.is_country for c in inner.candidates) and any(c.is_admin or c.is_country for c in outer.candidates)


def _km(a: Candidate, b: Candidate) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


_FEATURE_SCORES = {  # cue -> score of (country, admin1, admin2, populated place)
    "admin1": (0.0, 3.0, 0.0, 0.0),
    "admin2": (0.0, 0.5, 3.0, 1.0),
    "town": (0.0, 0.0, 0.0, 2.0),
    "part": (0.0, 0.0, 0.0, 2.0),  # a neighbourhood: GeoNames files some as populated places
    "area": (2.0, 2.0, 1.5, 0.0),  # closes an address: "(Nihm, Sanaa)"
    "near": (2.0, 0.5, 0.0, 1.0),
    "": (2.0, 0.5, 0.0, 1.0),
}


def _score(candidate: Candidate, toponym: Toponym, country: str | None, container: bool) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if country and candidate.country == country:
        score += 3
        reasons.append(f"in the article's country {country} +3")
    kind = 0 if candidate.is_country else 1 if candidate.feature_code == "ADM1" else 2 if candidate.is_admin else 3
    feature = _FEATURE_SCORES[toponym.cue][kind] + (2.0 if container and kind < 3 else 0.0)
    if feature:
        score += feature
        reasons.append(
            f"{candidate.feature_code} fits {'a container' if container else toponym.cue or 'a name'} +{feature:g}"
        )
    if _own_name(candidate, toponym.text):
        score += 1
        reasons.append("the text writes its own name, not an alternate one +1")
    seat = {"PPLC": 1.0, "PPLA": 0.5}.get(candidate.feature_code, 0.0)
    if seat:
        score += seat
        reasons.append(f"seat of a country or province +{seat:g}")
    prior = 0.15 * math.log10(candidate.population + 1)
    score += prior
    reasons.append(f"population {candidate.population} +{prior:.2f}")
    return score, reasons


def _own_name(candidate: Candidate, text: str) -> bool:
    """Whether ``text`` is the candidate's own GeoNames name (up to accents, case and punctuation)."""
    name = fold(candidate.name)
    return fold(text) == name or (candidate.is_admin and fold(short_admin_name(text)) == name)


def _loosely_in(outer: Candidate, inner: Candidate) -> bool:
    """Inside, or in the province of a district: admin2 names and points are known for a few places only."""
    same_province = outer.feature_code == "ADM2" and (outer.country, outer.admin1_code) == (
        inner.country,
        inner.admin1_code,
    )
    return _contains(outer, inner) or (same_province and not inner.is_admin)


def _outers(index: int, containers: dict[int, int]) -> list[int]:
    """The containers of a toponym, nearest first: "Mehrabpur city (Naushahro Firoz, Sindh)" -> [Naushahro, Sindh]."""
    chain: list[int] = []
    while index in containers and containers[index] not in chain:
        index = containers[index]
        chain.append(index)
    return chain


def _inside(candidate: Candidate, outers: list[Toponym]) -> tuple[float, str]:
    """The bonus for lying in one of the containers written next to a name: +4 inside, +2 in the same province as
    a district (admin2 names are known for a few places only)."""
    for outer in outers:
        if any(_contains(o, candidate) for o in outer.candidates):
            return 4.0, f"inside {outer.text!r} +4"
        if any(_loosely_in(o, candidate) for o in outer.candidates):
            return 2.0, f"in the province of {outer.text!r} +2"
    return 0.0, ""


def _rank(
    toponyms: tuple[Toponym, ...], containers: dict[int, int], country: str | None, chosen: dict[int, Candidate] | None
) -> list[list[Scored]]:
    """Scores of every candidate of every toponym; with ``chosen`` (a first pass), proximity counts too."""
    outer_of = set(containers.values())
    ranked = []
    for index, toponym in enumerate(toponyms):
        scored = []
        for candidate in toponym.candidates:
            score, reasons = _score(candidate, toponym, country, index in outer_of)
            bonus, why = _inside(candidate, [toponyms[i] for i in _outers(index, containers)])
            if bonus:
                score += bonus
                reasons.append(why)
            inner = [toponyms[i] for i, o in containers.items() if o == index]
            if any(_contains(candidate, c) for t in inner for c in t.candidates):
                score += 2
                reasons.append(f"contains {inner[0].text!r} +2")
            if chosen:
                score += _proximity(candidate, index, toponyms, chosen, reasons)
            scored.append(Scored(candidate=candidate, score=score, reasons=tuple(reasons)))
        scored.sort(key=lambda s: (-s.score, -s.candidate.population, s.candidate.id))
        ranked.append(scored)
    return ranked


def _proximity(
    candidate: Candidate, index: int, toponyms: tuple[Toponym, ...], chosen: dict[int, Candidate], reasons: list[str]
) -> float:
    key = fold(toponyms[index].text)
    others = [
        c
        for i, c in chosen.items()
        if i != index and not c.is_country and not toponyms[i].role and fold(toponyms[i].text) != key
    ]
    if not others or candidate.is_country:
        return 0.0
    km = min(_km(candidate, other) for other in others)
    bonus = 1.5 if km < 50 else 1.0 if km < 150 else 0.5 if km < 400 else 0.0
    if bonus:
        reasons.append(f"{km:.0f} km from another place of the article +{bonus:g}")
    return bonus


def _precision(candidate: Candidate, toponym: Toponym) -> int:
    """ACLED's geo_precision: 3 a province or country, 2 a district, near a town or holding an unknown village."""
    if candidate.is_country or candidate.feature_code == "ADM1":
        return 3
    return 2 if candidate.is_admin or toponym.cue == "near" or toponym.inner is not None else 1


def _place(candidate: Candidate, toponym: Toponym, text: str) -> Place:
    """The Place of a chosen candidate; its mention is the raw text, from an unknown village written inside it."""
    admin1 = candidate.name if candidate.feature_code == "ADM1" else candidate.admin1
    return Place(
        name=candidate.name,
        country=candidate.country,
        lat=candidate.lat,
        lon=candidate.lon,
        geo_precision=_precision(candidate, toponym),
        geonameid=candidate.geonameid,
        admin1=admin1,
        admin2=candidate.admin2,
        mention=text[toponym.inner : toponym.end] if toponym.inner is not None else toponym.text,
    )


def _inherit_road_cues(doc: Doc, toponyms: tuple[Toponym, ...]) -> tuple[Toponym, ...]:
    """The second town of "a road linking X to Y" / "between X and Y" is as approximate as the first."""
    out = list(toponyms)
    for a in range(1, len(out)):
        prev, this = out[a - 1], out[a]
        between = {t.lower_ for t in doc[prev.tokens[1] : this.tokens[0]]}
        if prev.cue == "near" and this.sentence == prev.sentence and between and between <= {"and", "to", "-"}:
            out[a] = replace(this, cue="near")
    return tuple(out)


def resolve_toponyms(doc: Doc, gazetteer: Gazetteer) -> tuple[tuple[Resolution, ...], str | None]:
    """Every place named in the document, resolved, and the article's country."""
    found = find_toponyms(doc, gazetteer)
    country = article_country(doc, found, gazetteer)
    toponyms = _inherit_road_cues(doc, _accepted(found, country))
    containers = _containers(doc, toponyms)
    first = _rank(toponyms, containers, country, None)
    chosen = {i: scored[0].candidate for i, scored in enumerate(first) if scored}
    ranked = _rank(toponyms, containers, country, chosen)
    resolutions = []
    for index, (toponym, scored) in enumerate(zip(toponyms, ranked, strict=True)):
        outer = ranked[containers[index]][0].candidate if index in containers else None
        if (
            outer
            and (outer.is_admin or outer.is_country)
            and not any(_loosely_in(outer, c) for c in toponym.candidates)
        ):
            # "Apodaca, Jalisco" with no Apodaca in Jalisco: trust the province, not a namesake elsewhere
            log.debug("dropped %r: none of its candidates lies in %s", toponym.text, outer.name)
            continue
        best = scored[0]
        if toponym.cue == "part" and _stray(index, best.candidate, toponyms, chosen):
            log.debug("dropped %r: a neighbourhood far from the town named beside it", toponym.text)
            continue
        log.debug(
            "%r -> %s (%s): %s; %d candidates",
            toponym.text,
            best.candidate.name,
            best.candidate.country,
            "; ".join(best.reasons),
            len(scored),
        )
        contains = tuple(toponyms[i].start for i, o in containers.items() if o == index)
        resolutions.append(
            Resolution(
                toponym=toponym,
                ranked=tuple(scored),
                place=_place(best.candidate, toponym, doc.text),
                contains=contains,
                address=index in containers,
            )
        )
    return tuple(resolutions), country


def _stray(index: int, candidate: Candidate, toponyms: tuple[Toponym, ...], chosen: dict[int, Candidate]) -> bool:
    """Whether a neighbourhood's candidate lies over 30 km from every other place of its sentence: "Periperi
    neighbourhood" of Salvador is not the town of Piripiri, 900 km away."""
    sentence = toponyms[index].sentence
    others = [c for i, c in chosen.items() if i != index and toponyms[i].sentence == sentence and not c.is_country]
    return bool(others) and all(_km(candidate, other) > 30 for other in others)
