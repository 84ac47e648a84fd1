"""Disambiguation for the geocoder: which gazetteer entry each toponym of an article means, and how precisely.

In: the ``Toponym``s of one article (``toponyms.find_toponyms``). Out: ``Resolution``s (``resolve_toponyms``), each
with every candidate scored and the reasons for each score, and the article's country.

0. Spelling: a name matched only by transliteration keeps the candidates spelled nearly as well as its best one
   (``spelling``: "Bekaa" is Béqaa, not Biga); a name with a province or district word and no admin area among
   its exact candidates also gets the admin areas its transliteration reaches ("Anbar province" is Al Anbar).
1. The article's country, by votes. A place name votes 1.5 (a country name 1, a transliteration 0.5), scaled by
   how surely the text calls it a place and shared among its candidates' countries by a weak population prior
   (an admin area of unknown population counts as a small town's) doubled for the candidates whose own name the
   text writes, and halved when no candidate is of the kind its place word says ("Kamonyi village" and only a
   district abroad). The admin area that closes an address ("San Isidro (Morazan)") votes in full; a name written
   inside an area where none of its candidates lies does not vote unless it is a town's own name (an admin area
   may be a namesake abroad; a country never is: "Solhan, northern Burkina Faso"): it is an unknown village with
   namesakes abroad.
   Nationality words (demonyms, actors with a home country, national parties, forces and monitors of
   ``geo_cues``: "BJP", "OSCE SMM") weigh half a vote per country however many there are: they say who
   fights, and forces fight abroad ("French jets struck militants near Gao" is in Mali). A town (not a city)
   outside their countries that the text names by an alternate name, not its own, does not vote against them
   ("Malian troops ... in Ber" is no Véroia). A country speaking ("Ukraine said") is its government: half a vote,
   as its demonym would be; a tie goes to the country the text names over one that only its actors point to.
   Datelines vote half; a speaker's place says whose people speak ("the Israeli army said in Tel Aviv"), so it
   weighs under the cap of their demonyms; "X-based" places, "the US dollar" and the other side of a border ("near
   the border with Mali", "the Malian border") not at all. Three kinds of names
   do not vote: part of a longer unknown name ("Sulayman" of "Sulayman Bak"), a name matched only by
   transliteration that is spelled unlike its candidates or not clearly a place ("Douris" is no Durres), and the
   area closing an address when none of its candidates is an area or a town ("(Pobe-Mengao, Soum)" and only a
   hamlet called Soum abroad).
2. Candidates: one outside the article's country that matched only by folding or transliteration, or is a
   village, or a town named by an alternate name, is dropped: folding never turns a foreign hamlet into the event's
   place; nor, when no country is known,
   does a transliteration spelled unalike. Part of a longer unknown name keeps only the candidates in the article's
   country, the area closing an address no hamlet abroad. A name the text clearly
   calls a place with no candidate in the article's country gets the places there that its transliteration
   reaches and that are spelled alike (in a Syrian article, the Syrian places that "Mansura" reaches).
3. Signals: article country, the name being the place's own name rather than one of its alternate names ("Sabah"
   is the state's own name, only an alternate one of Sabak Bernam), an adjacent admin name ("Imam Sahib district,
   Kunduz"; "Mehrabpur city (Naushahro Firoz, Sindh)") -- trusted unless it is itself a namesake outside the
   article's country --, feature class against the place word (a district's seat fits "X district"), seats of
   provinces, population (a weak prior), proximity to the article's other places, a spelling close to the
   place's own name, and the areas where a monitor or armed group the text names is known to operate (a weak prior
   among same-named villages: "OSCE SMM ... near Kalynivka" is the one in Donetsk province).
4. Unknown villages: a name none of whose candidates can be meant where the text puts it is dropped, and the
   known place written around it stands for it (precision 2 for a town, the village kept in the mention): an
   address whose area holds none of them ("Apodaca, Jalisco"; "Hamra (Bandiagara, Mopti)" with only foreign
   Hamras), "Rampur village near Bhuj town" with no Rampur within 50 km of Bhuj, "Los Alamos, Bogota" with none
   within 30 km of the city (a list "Aleppo, Idlib and Hama" is no address).
5. Precision: 1 the town itself; 2 near/outside/N km from/direction of a town, a road between towns, a hill
   overlooking one, an admin2 area (or its seat for "X district"), or a known town or district holding an unknown
   village; 3 a province or a country.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc

from ..gazetteer import Candidate, Gazetteer, fold, short_admin_name
from ..model import Place
from .geo_cues import nationality_votes, operating_areas
from .nlp import text_of
from .place_words import ARTICLES, CENTRE_WORDS, DIRECTIONS, NEAR_AFTER, PART_WORDS, TOWN_WORDS, TYPE_WORDS
from .toponyms import Toponym, find_toponyms

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_SILENT_ROLES = frozenset({"modifier", "based", "border"})  # "the US dollar", "London-based", "the border with Mali"
_HALF_ROLES = frozenset({"dateline", "speaker", "party"})  # where the reporter, a speaker or a giver is: half
_VILLAGE = 10_000  # below this population a foreign place matched by a name of the text is a namesake
_CITY = 100_000  # from this population a town's alternate names are exonyms in use ("Kiev"), not obscure ones
_UNKNOWN_AREA = 10_000  # the population assumed for an admin area that GeoNames gives none
_OWN_SPELLING = 0.9  # spelling() from which a name counts as written as the place's own ("Amara", Al Amarah)
_ALIKE = 0.75  # spelling() from which a transliteration in the context's country or place kind is accepted
_SPELLING_MARGIN = 0.15  # variant candidates spelled this much worse than the best one are dropped ...
_UNLIKE = 0.55  # ... if also spelled less alike than this (transliterations differ: "Basira" and Al Busayrah 0.57)
_NEAR_GLUE = TYPE_WORDS | {"near", "the", "a", ","}  # what may stand between "X village" and "near Y town"
_INSIDE_GLUE = TOWN_WORDS | PART_WORDS | {"area", "locality", "(", ",", "of", "in"}  # "X village of Y", "X (Y"
_SEATS = frozenset({"PPLA", "PPLA2"})  # seats of provinces and districts
_NATIONALITY = 0.5  # the most that the actors and demonyms of one country weigh in the vote
_NEARLY_OWN = 0.8  # spelling() from which a name written is nearly the candidate's own ("Vodyane", Vodiane)
_OPERATES = 1.0  # the prior for a place where a monitor or armed group the text names operates


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


def article_country(
    doc: Doc, toponyms: tuple[Toponym, ...], gazetteer: Gazetteer, nationalities: Counter[str] | None = None
) -> str | None:
    """The most-voted country of the article, or None on a tie.

    Nationality words (an actor with a home country, "Taliban"; a demonym, "French") count a half per country
    however many there are: they say who fights, and forces fight abroad. A country name counts one; any other
    name one and a half (a half when it matched only as a transliteration variant; half as much for a dateline or
    a speaker's place, which weighs with its country's nationality words under their cap), scaled by how surely
    the text calls it a place (full from evidence 2), halved when none of its candidates is of the kind its place
    word says, and shared among the countries of its candidates, each
    weighted by the log population of its largest candidate there (a weak prior, as everywhere), doubled where
    the text writes (nearly) the candidate's own name (Beirut, not Bierutow; "Amara" for Al Amarah). The admin
    area closing an address ("San Isidro (Morazan)") counts in full; a name written inside an area where none of
    its candidates lies is an unknown village with foreign namesakes and does not vote, unless it is a town's own
    name.
    """
    toponyms = tuple(t for t in toponyms if t.evidence > 0 and t.role not in _SILENT_ROLES and not _partial(t))
    containers = _containers(doc, toponyms)
    agreed = _agreed_countries(toponyms, containers)
    outers = set(containers.values())
    nationalities = nationality_votes(doc, gazetteer) if nationalities is None else nationalities
    votes: Counter[str] = Counter({code: min(vote, _NATIONALITY) for code, vote in nationalities.items()})
    written: Counter[str] = Counter()  # the votes of the names the text writes, without its actors'
    spoken: Counter[str] = Counter()  # the votes of speakers' places, which say whose people speak, as demonyms do
    for index, toponym in enumerate(toponyms):
        if index in containers and index not in agreed and _unknown_inside(toponym, toponyms[containers[index]]):
            continue
        named = [c for c in toponym.candidates if c.is_country] or list(toponym.candidates)
        named = [c for c in named if c.country in agreed.get(index, {c.country})] or named
        if nationalities and not any(c.country in nationalities for c in named):  # "Malian troops ... in Ber", or
            named = [c for c in named if not (_alternate_town(c, toponym.text) or _guessed(c))]  # "in Kwala"
            if not named:
                continue
        if named[0].matched_by == "variant":  # folding alone never decides the country: "Douris" is no Durres
            named = [c for c in named if spelling(toponym.text, c) >= _ALIKE]
            if not named or toponym.evidence < 1:
                continue
        fitting = [c for c in named if _fits_cue(c, toponym.cue)]
        if toponym.cue == "area" and not fitting:
            continue  # "(Pobe-Mengao, Soum)" with only a hamlet called Soum abroad: no area holds the event there
        share = 1.0 if named[0].is_country else 0.5 if named[0].matched_by == "variant" else 1.5
        share *= 1.0 if fitting else 0.5  # "Kamonyi village" with only a district of that name abroad
        named = fitting or named
        share *= 1.0 if index in outers else min(1.0, toponym.evidence / 2)
        share /= 2 if toponym.role in _HALF_ROLES else 1
        if named[0].is_country and toponym.role == "speaker":  # "Ukraine said": its government, as "Ukrainian"
            share = _NATIONALITY
        weights: dict[str, float] = {}
        for candidate in named:
            own = _own_name(candidate, toponym.text) or spelling(toponym.text, candidate) >= _OWN_SPELLING
            weight = _prior(candidate) * (2 if own else 1)
            weights[candidate.country] = max(weights.get(candidate.country, 0.0), weight)
        if len(weights) <= 5:
            tally = spoken if toponym.role == "speaker" and not named[0].is_country else votes
            for code, weight in weights.items():
                tally[code] += share * weight / sum(weights.values())
                written[code] += share * weight / sum(weights.values())
    for code, vote in spoken.items():  # "the Israeli army said in Tel Aviv": the speaker's people, under one cap
        votes[code] += min(vote, max(0.0, _NATIONALITY - min(nationalities.get(code, 0.0), _NATIONALITY)))
    return _winner(votes, written)


def _winner(votes: Counter[str], written: Counter[str]) -> str | None:
    """The most-voted country; in a tie, the one the text names over one only its actors point to ("Ukraine said
    Russian troops ..."); None when that does not decide either."""
    ranked = sorted(votes, key=lambda code: (-round(votes[code], 6), -round(written[code], 6)))
    if len(ranked) > 1 and all(math.isclose(tally[ranked[0]], tally[ranked[1]]) for tally in (votes, written)):
        return None
    return ranked[0] if ranked else None


def _fits_cue(candidate: Candidate, cue: str) -> bool:
    """Whether a candidate is of the kind the place word says: a town for "village", a province (or its seat) for
    "province", a district or a town (its seat) for "district", no hamlet for the area that closes an address; any
    kind when no word says."""
    if cue in ("town", "part"):
        return candidate.feature_class == "P"
    if cue == "admin1":
        return candidate.feature_code in ("ADM1", "PPLA", "PPLC")
    if cue == "admin2":
        return candidate.is_admin or candidate.feature_class == "P"
    if cue == "area":  # closes an address: an area, a country or a town, never a hamlet
        return not _small(candidate) or candidate.feature_code in _SEATS
    return True


def _unknown_inside(inner: Toponym, outer: Toponym) -> bool:
    """Whether a name written inside an area where none of its candidates lies is an unknown village: always inside
    a country ("Solhan, northern Burkina Faso": a country's name is no namesake); inside an admin area unless it is
    a town's own name, as that area may be a namesake abroad ("Niangoloko (Niangoloko, Comoe)")."""
    if all(c.is_country for c in outer.candidates):
        return True
    return not any(_real(c, inner.text) for c in inner.candidates)


def _real(candidate: Candidate, text: str) -> bool:
    """A town that the text names by its own name, not a village nor a place with this name as an alternate one:
    what a name written inside an area where it does not lie may still mean ("Niangoloko (Niangoloko, Comoe)":
    the Comoe of Burkina Faso is unknown, the one of Ivory Coast a namesake)."""
    return _own_name(candidate, text) and not _small(candidate)


def _small(candidate: Candidate) -> bool:
    """A village: below the population at which a foreign place matched by a name is taken for a namesake."""
    return candidate.population < _VILLAGE and not candidate.is_admin


def _prior(candidate: Candidate) -> float:
    """The weak prior of a candidate: 1 + log10 of its population; an admin area of unknown population (GeoNames
    gives none for most districts) counts as a small town's."""
    population = candidate.population or (_UNKNOWN_AREA if candidate.is_admin else 0)
    return 1 + math.log10(1 + population)


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


def _accepted(toponyms: tuple[Toponym, ...], country: str | None, cued: frozenset[str]) -> tuple[Toponym, ...]:
    """The toponyms that the evidence says are places (>= 1), after the article's own signals are added.

    ``cued``: the countries that the text's actors and demonyms point to; a transliteration spelled unalike
    (Hodeidah for Al Hudaydah) may mean a place there, never elsewhere ("Douris" is no Durres)."""
    strong = {fold(t.text) for t in toponyms if t.evidence >= 2}
    kept = []
    for toponym in toponyms:
        candidates = tuple(
            c for c in toponym.candidates if not _namesake(c, country) and not _foreign_alternate(c, toponym, country)
        )
        if _partial(toponym):  # "Sulayman" of an unknown "Sulayman Bak" is no town of Tunisia
            candidates = tuple(c for c in candidates if country and c.country == country)
        if all(c.matched_by == "variant" for c in candidates):  # folding never creates a match spelled unalike,
            cued_here = cued | {country}  # nor one in a land that no actor, people or country of the text points to
            alike = not (cued or country)  # ("Malian troops ... at Kwala" is no Kwale of Kenya)
            candidates = tuple(
                c for c in candidates if c.country in cued_here or (alike and spelling(toponym.text, c) >= _ALIKE)
            )
        if toponym.cue == "area":  # the area closing an address is no foreign hamlet: "(Pobe-Mengao, Soum)"
            candidates = tuple(c for c in candidates if _fits_cue(c, "area") or c.country == country)
        if not candidates:
            log.debug("dropped %r: only foreign namesakes %s", toponym.text, [c.name for c in toponym.candidates])
            continue
        toponym = replace(toponym, candidates=candidates)
        bonus = 1.0 if country and any(c.country == country for c in toponym.candidates) else 0.0
        bonus += 1.0 if fold(toponym.text) in strong and toponym.evidence < 2 else 0.0
        if toponym.evidence + bonus >= 1:
            kept.append(replace(toponym, evidence=toponym.evidence + bonus))
    return tuple(kept)


def _dropped_inside(doc: Doc, found: tuple[Toponym, ...], kept: tuple[Toponym, ...]) -> tuple[Toponym, ...]:
    """The kept toponyms, those written as holding a dropped name (foreign namesakes only, or not clearly a place)
    marked as holding an unknown place: in "Hamra (Bandiagara, Mopti)" with no Malian Hamra known, the event is
    in Bandiagara, precision 2, and the mention keeps Hamra."""
    holders = {}
    starts = {t.start for t in kept}
    for first, second in pairwise(found):
        between = {t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]}
        # "X (Y", "X village of Y"; "X, Y" only for an X the text calls a place (not "the Taliban, in Kunduz")
        marked = "(" in between or bool(between & (TOWN_WORDS | PART_WORDS)) or first.evidence >= 1
        written_in = bool(between & {"(", ",", "of", "in"}) and between <= _INSIDE_GLUE and marked
        if first.start not in starts and second.start in starts and first.sentence == second.sentence and written_in:
            holders.setdefault(second.start, first.start)
    return tuple(replace(t, inner=holders[t.start]) if t.start in holders and t.inner is None else t for t in kept)


def _partial(toponym: Toponym) -> bool:
    """Only part of a longer unknown name ("Sulayman" of "Sulayman Bak"), and no country: such a hit neither votes
    for the article's country nor means a place outside it."""
    return toponym.partial and not any(c.is_country for c in toponym.candidates)


def _namesake(candidate: Candidate, country: str | None) -> bool:
    """A foreign village, or a foreign place that the text names only by folding or transliteration: "Main" is not
    Ma'in in Jordan, "Gurez" not Koreyiz in Crimea, in an article about somewhere else."""
    if not country or candidate.country == country or candidate.is_country:
        return False
    return candidate.matched_by != "exact" or _small(candidate)


def _alternate_town(candidate: Candidate, text: str) -> bool:
    """A town, not a city, that the text names by one of its alternate names, not (nearly) its own: GeoNames lists
    many old and foreign names of towns ("Ber" for Véroia, "Mahas" for Māḩiş) that an English text rarely means,
    while a city's alternate names are exonyms in use ("Kiev"). A name of several words spelled nearly as the
    town's own is its transliteration ("Bint Jbeil", Bent Jbaïl): long names do not meet by chance."""
    alike = spelling(text, candidate)
    own = _own_name(candidate, text) or alike >= _OWN_SPELLING or (" " in text and alike >= _NEARLY_OWN)
    return candidate.feature_class == "P" and candidate.population < _CITY and not own


def _guessed(candidate: Candidate) -> bool:
    """A place that only a transliteration skeleton matched: no match for the nationality words."""
    return candidate.matched_by == "variant" and not candidate.is_country


def _foreign_alternate(candidate: Candidate, toponym: Toponym, country: str | None) -> bool:
    """A town outside the article's country that the text names only by an alternate name: a namesake ("Mahas" in a
    Somali article is no town of Jordan)."""
    return bool(country) and candidate.country != country and _alternate_town(candidate, toponym.text)


def spelling(text: str, candidate: Candidate) -> float:
    """How alike the text and the candidate's own name are spelled (0 to 1), Arabic articles aside: "Ar-Raqqa" and
    Ar-Raqqah 0.9, "Bekaa" and Biga 0.4."""
    return _cached_spelling(text, candidate.name)


@lru_cache(maxsize=20_000)
def _cached_spelling(text: str, name: str) -> float:
    return SequenceMatcher(None, _bare(fold(text)), _bare(fold(name))).ratio()


def _bare(key: str) -> str:
    words = key.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in ARTICLES else key


def _refit(toponym: Toponym, gazetteer: Gazetteer) -> Toponym:
    """The toponym with the candidates its spelling and place word allow.

    A name matched only as a transliteration keeps the candidates spelled nearly as well as the best one: "Bekaa"
    is Béqaa, not Biga, although both share a skeleton. A name with a province or district word whose exact
    candidates hold no admin area gets the admin areas its transliteration reaches: "Anbar province" is Al Anbar,
    not a village with Anbar among its alternate names.
    """
    candidates = toponym.candidates
    if toponym.cue in ("admin1", "admin2") and not any(c.is_admin for c in candidates):
        extra = [c for c in gazetteer.variants(toponym.text) if c.is_admin and spelling(toponym.text, c) >= _ALIKE]
        candidates = (*candidates, *(c for c in extra if c.id not in {k.id for k in candidates}))
    if all(c.matched_by == "variant" for c in candidates):
        best = max(spelling(toponym.text, c) for c in candidates)
        floor = min(best - _SPELLING_MARGIN, _UNLIKE)
        candidates = tuple(c for c in candidates if spelling(toponym.text, c) >= floor)
    return replace(toponym, candidates=candidates) if candidates != toponym.candidates else toponym


def _domestic_variants(toponym: Toponym, country: str | None, gazetteer: Gazetteer) -> Toponym:
    """A name with no candidate in the article's country gets the places there that its transliteration reaches and
    that are spelled alike, when the text clearly calls it a place: in a Syrian article "Mansura" may be Al
    Mansurah of Ar-Raqqa, not only the Egyptian city; "Kafr" of an unknown "Kafr al Nahr" gets none."""
    if not country or toponym.evidence < 2 or any(c.country == country for c in toponym.candidates):
        return toponym
    extra = tuple(
        c for c in gazetteer.variants(toponym.text) if c.country == country and spelling(toponym.text, c) >= _ALIKE
    )
    return replace(toponym, candidates=toponym.candidates + extra) if extra else toponym


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

    "Imam Sahib district, Kunduz", "Nihm (Sanaa)", "a village of Imam Sahib", "Syria's Idlib province", "the Badia
    desert of Syria"; not a list
    ("Aleppo, Idlib and Hama"), and only when some candidate of the inner name lies in the outer one.
    """
    pairs = {}
    for a, (first, second) in enumerate(pairwise(toponyms)):
        if first.sentence != second.sentence:
            continue
        between = [t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]]
        glue = set(between) - (TYPE_WORDS | CENTRE_WORDS | NEAR_AFTER | DIRECTIONS | {"the", "-"})
        after = [t.lower_ for t in doc[second.tokens[1] : second.tokens[1] + 2]]
        named_next = a + 2 < len(toponyms) and toponyms[a + 2].tokens[0] <= second.tokens[1] + 2
        listed = (
            "(" not in between
            and (  # "(Khairpur, Sindh)" is an address, not a list; "of Faryab and retreated" is no list either
                (after[:1] in (["and"], ["or"]) and (named_next or doc[second.tokens[1] + 1].text[:1].isupper()))
                or (after[:1] == [","] and named_next)
            )
        )
        if len(between) <= 6 and glue and glue <= {",", "(", "in", "of"} and not listed:
            pairs[a] = a + 1
        elif between[:1] in (["'s"], ["’s"]) and len(between) <= 5 and not _has_preposition(doc, first, second):
            pairs[a + 1] = a  # "Syria's rebel-held Idlib province"; not "Russia's assault on Bakhmut"
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


def _has_preposition(doc: Doc, first: Toponym, second: Toponym) -> bool:
    return any(t.pos_ == "ADP" for t in doc[first.tokens[1] : second.tokens[0]])


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


def _score(
    candidate: Candidate, toponym: Toponym, country: str | None, container: bool, areas: dict[tuple[str, str], str]
) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if country and candidate.country == country:
        score += 3
        reasons.append(f"in the article's country {country} +3")
    kind = 0 if candidate.is_country else 1 if candidate.feature_code == "ADM1" else 2 if candidate.is_admin else 3
    feature = _FEATURE_SCORES[toponym.cue][kind] + (2.0 if container and kind < 3 else 0.0)
    if toponym.cue == "admin2" and candidate.feature_code in _SEATS:
        feature = 2.5  # "Poonch district": GeoNames knows few districts, but their seats, named alike
    if feature:
        score += feature
        reasons.append(
            f"{candidate.feature_code} fits {'a container' if container else toponym.cue or 'a name'} +{feature:g}"
        )
    if _own_name(candidate, toponym.text):
        score += 1
        reasons.append("the text writes its own name, not an alternate one +1")
    elif _cached_spelling(toponym.text, candidate.name) >= _NEARLY_OWN:
        score += 0.5
        reasons.append("the text writes nearly its own name +0.5")
    operator = areas.get((candidate.country, fold(candidate.admin1 or "")))
    if operator and not candidate.is_country:
        score += _OPERATES
        reasons.append(f"in an area where {operator} operates +{_OPERATES:g}")
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
    return _is_own_name(text, candidate.name, candidate.is_admin)


@lru_cache(maxsize=20_000)
def _is_own_name(text: str, name: str, admin: bool) -> bool:  # asked for every candidate of every name, often
    name = fold(name)
    return fold(text) == name or (admin and fold(short_admin_name(text)) == name)


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
    toponyms: tuple[Toponym, ...],
    containers: dict[int, int],
    country: str | None,
    chosen: dict[int, Candidate] | None,
    areas: dict[tuple[str, str], str],
) -> list[list[Scored]]:
    """Scores of every candidate of every toponym; with ``chosen`` (a first pass), proximity counts too; ``areas``
    are where the monitors and armed groups that the text names operate (a weak prior)."""
    outer_of = set(containers.values())
    ranked = []
    for index, toponym in enumerate(toponyms):
        scored = []
        outers = [toponyms[i] for i in _outers(index, containers)]
        inner = [toponyms[i] for i, o in containers.items() if o == index]
        others = _others(index, toponyms, chosen) if chosen else []
        for candidate in toponym.candidates:
            score, reasons = _score(candidate, toponym, country, index in outer_of, areas)
            bonus, why = _inside(candidate, outers)
            if bonus:
                score += bonus
                reasons.append(why)
            if any(_contains(candidate, c) for t in inner for c in t.candidates):
                score += 2
                reasons.append(f"contains {inner[0].text!r} +2")
            if others:
                score += _proximity(candidate, others, reasons)
            scored.append(Scored(candidate=candidate, score=score, reasons=tuple(reasons)))
        scored.sort(key=lambda s: (-s.score, -s.candidate.population, s.candidate.id))
        ranked.append(scored)
    return ranked


def _others(index: int, toponyms: tuple[Toponym, ...], chosen: dict[int, Candidate]) -> list[Candidate]:
    """The places chosen in a first pass for the article's other names: what a candidate's proximity is measured to."""
    key = fold(toponyms[index].text)
    return [
        c
        for i, c in chosen.items()
        if i != index and not c.is_country and not toponyms[i].role and fold(toponyms[i].text) != key
    ]


def _proximity(candidate: Candidate, others: list[Candidate], reasons: list[str]) -> float:
    if candidate.is_country:
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
    district = toponym.cue == "admin2" and candidate.feature_code in _SEATS  # a district by its seat's point
    return 2 if candidate.is_admin or district or toponym.cue == "near" or toponym.inner is not None else 1


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
    found = tuple(_refit(t, gazetteer) for t in find_toponyms(doc, gazetteer))
    nationalities = nationality_votes(doc, gazetteer)
    country = article_country(doc, found, gazetteer, nationalities)
    found = tuple(_domestic_variants(t, country, gazetteer) for t in found)
    accepted = _accepted(found, country, frozenset(nationalities))
    toponyms = _inherit_road_cues(doc, _dropped_inside(doc, found, accepted))
    containers = _containers(doc, toponyms)
    areas = operating_areas(text_of(doc))
    first = _rank(toponyms, containers, country, None, areas)
    chosen = {i: scored[0].candidate for i, scored in enumerate(first) if scored}
    ranked = _rank(toponyms, containers, country, chosen, areas)
    unplaced = _unplaced(doc, toponyms, containers, [scored[0].candidate for scored in ranked], country)
    toponyms = tuple(
        replace(t, inner=min(toponyms[d].start for d, r in unplaced.items() if r == i))
        if i in unplaced.values() and t.inner is None
        else t
        for i, t in enumerate(toponyms)
    )
    resolutions = []
    for index, (toponym, scored) in enumerate(zip(toponyms, ranked, strict=True)):
        if index in unplaced:
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
                place=_place(best.candidate, toponym, text_of(doc)),
                contains=contains,
                address=index in containers,
            )
        )
    return tuple(resolutions), country


def _unplaced(
    doc: Doc, toponyms: tuple[Toponym, ...], containers: dict[int, int], best: list[Candidate], country: str | None
) -> dict[int, int]:
    """Toponym index -> index of the known place it is written in or near, for the names that none of their
    candidates can mean there: unknown villages whose namesakes lie elsewhere. The known place stands for them
    (its precision 2 when it is a town, the village kept in its mention).

    - "Apodaca, Jalisco" with no Apodaca in Jalisco: trust the province, not a namesake elsewhere; unless the
      province is itself a namesake abroad ("Niangoloko (Comoe)" in Burkina Faso);
    - "Rampur village near Bhuj town", no Rampur within 50 km of Bhuj;
    - "in San Juan, Cuzco, a crowd ...", an address closed by a town, no San Juan within 30 km of Cuzco.
    """
    unplaced = {}
    for index, toponym in enumerate(toponyms):
        outer = best[containers[index]] if index in containers else None
        if (
            outer
            and (outer.is_admin or outer.is_country)
            and (country is None or outer.country == country)
            and not any(_loosely_in(outer, c) for c in toponym.candidates)
        ):
            log.debug("dropped %r: none of its candidates lies in %s", toponym.text, outer.name)
            unplaced[index] = containers[index]
    for a, (first, second) in enumerate(pairwise(toponyms)):
        reach = _reach(doc, first, second)
        town = best[a + 1]  # a town: a province's point says nothing of what lies near its border
        far = all(_km(c, town) > reach * (3 if c.is_admin else 1) for c in first.candidates)  # a district is wider
        if reach and town.feature_class == "P" and far:
            log.debug("dropped %r: none of its candidates lies near %s", first.text, town.name)
            unplaced.setdefault(a, a + 1)
    return unplaced


def _reach(doc: Doc, first: Toponym, second: Toponym) -> float:
    """How far (km) the place ``first`` may lie from ``second`` by the words between them: 50 for "X village
    near Y", 30 for an address "X, Y" that Y closes; 0 when they say nothing of it (a list: "X, Y and Z")."""
    if first.sentence != second.sentence:
        return 0.0
    between = {t.lower_ for t in doc[first.tokens[1] : second.tokens[0]]}
    if "near" in between and between <= _NEAR_GLUE:
        return 50.0
    end = second.tokens[1]
    listed = end < len(doc) and (doc[end].lower_ in ("and", "or") or _names_follow(doc, end))
    closes = second.cue == "area" or (end < len(doc) and doc[end].text in (")", ",", ".", ";"))
    return 30.0 if between and between <= {",", "("} and closes and not listed else 0.0


def _names_follow(doc: Doc, end: int) -> bool:
    """Whether a comma and another name follow: "Aleppo, Idlib, Hama and Homs" is a list, not an address."""
    return doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()


def _stray(index: int, candidate: Candidate, toponyms: tuple[Toponym, ...], chosen: dict[int, Candidate]) -> bool:
    """Whether a neighbourhood's candidate lies over 30 km from every other place of its sentence: "Periperi
    neighbourhood" of Salvador is not the town of Piripiri, 900 km away."""
    sentence = toponyms[index].sentence
    others = [c for i, c in chosen.items() if i != index and toponyms[i].sentence == sentence and not c.is_country]
    return bool(others) and all(_km(candidate, other) > 30 for other in others)
