"""Merging across articles: reports of one real event from many articles -> one Event, every claim kept.

Job: decide whether two reports (the Events that ``assemble`` made from two articles) tell of the
same real event, group many reports into events, and fold one group into a single Event.
In: report Events and a ``MergeRules`` config. Out: scores, groups of reports, merged Events.
Pure functions: no store, no I/O. The store (``store/sql.py``) runs them on ingest, on the few
stored reports its indexes return (``search_window``, ``search_cells``).

The rule (``match_score``; every figure is a field of ``MergeRules``):

1. Gates (the score is None, never merged automatically):
   - the event types differ (sub-event types may differ, at a cost);
   - the dates are too far apart: two single-day dates must be the same day (``exact_day_gap``);
     otherwise the gap between the date ranges may be ``day_gap[p]`` days, p the coarser time
     precision (1 day, 2 week, 3 month): wider when precision is coarse; a range longer than
     ``max_range_days`` never merges;
   - the places are in different countries or too far apart: each place has an uncertainty radius
     by geo precision (``radius_km``: 10 km for a town, 35 km near a town), and the two points may
     be the sum of the radii apart; a province-level place (precision 3) must contain the other
     (same admin2 if both name one, else same admin1 if both name one, else same country);
   - one side has no place and the two share no named actor.
2. Score in [0, 1]: the weighted sum of how close the dates are, how close the places are
   (``coarse_place_score`` inside a province, 0 unplaced), whether the named actors agree (1
   shared, 0 disjoint, 0.5 unknown; "Unidentified ..." and "Civilians" name nobody), whether the
   sub-event types agree, and corroboration: a shared figure, a shared source or shared words
   of the evidence. Weights 0.20 time, 0.25 place, 0.15 actors, 0.25 sub-event type, 0.15
   corroboration; ``same_event``: score >= ``threshold`` (0.6). So two reports of one day and one
   town with nothing else in common merge (0.2 + 0.25 + 0.075 + 0.25 = 0.775), and two types of
   one event type merge only when nearly everything else agrees.

Grouping (``cluster_reports``): analysts' merges first, then candidate pairs from the highest score
down, each joining two groups unless that would put together two reports of one article (the
article's own assembly kept them apart), two reports an analyst split, or two reports that
contradict each other by a gate (a report without a place must not bridge Mogadishu and Marka).
The result depends only on the set of reports, never on their order, so ingesting articles in
any order gives the same events.

Folding (``merge_events``): claims side by side, each with its source, qualifier, certainty and
span (so its article); best/low/high by the taxonomy's conservative rule; sources and articles are
the union; the most precise date and place win; contradictions (two towns, two days, two types,
sides with no actor in common) are listed in ``Event.conflicts``. The merged id is derived from
the sorted ids of the reports, so it is the same whatever the order of ingestion.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from ..model import Actor, Certainty, Event, Fatalities, FatalityClaim, Place, Span, allies

EARTH_KM = 6371.0
Pair = tuple[str, str]


class MergeRules(BaseModel):
    """Thresholds of the cross-article merge; the module docstring says how they combine."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exact_day_gap: int = Field(0, ge=0, description="days two single-day dates may differ")
    day_gap: dict[int, int] = Field(
        default_factory=lambda: {1: 1, 2: 3, 3: 7},
        description="days between two date ranges, by the coarser time precision (1 day, 2 week, 3 month)",
    )
    max_range_days: int = Field(62, ge=0, description="a report whose date range is longer never merges")
    radius_km: dict[int, float] = Field(
        default_factory=lambda: {1: 10.0, 2: 35.0},
        description="uncertainty of a point by geo precision; two points match within the sum of their radii",
    )
    coarse_place_score: float = Field(0.5, ge=0, le=1, description="place score of a place inside a province")
    conflict_km: float = Field(10.0, ge=0, description="places further apart than this are listed as a conflict")
    # The weights sum to 1. A different sub-event type costs a quarter: two types of one event type
    # (a clash and a hill taken) merge only when everything else agrees.
    weight_time: float = 0.20
    weight_place: float = 0.25
    weight_actors: float = 0.15
    weight_sub_type: float = 0.25
    weight_corroboration: float = 0.15
    threshold: float = Field(0.6, ge=0, le=1, description="score from which two reports are one event")

    def window_days(self) -> int:
        """The widest date gap any two reports may have: what a store's date index must cover."""
        return max(self.exact_day_gap, *self.day_gap.values())


DEFAULT_RULES = MergeRules()


# --- one pair of reports ----------------------------------------------------------------------


def match_score(event: Event, candidate: Event, *, rules: MergeRules = DEFAULT_RULES) -> float | None:
    """How surely two reports tell of one event, in [0, 1]; None when a gate rules it out.

    Symmetric: ``match_score(a, b) == match_score(b, a)``.
    """
    fit = _fit(event, candidate, rules)
    if fit is None:
        return None
    time, place = fit
    actors = _actor_fit(event, candidate)
    if (event.location is None or candidate.location is None) and actors < 1:
        return None
    sub_type = 1.0 if event.sub_event_type == candidate.sub_event_type else 0.0
    score = (
        rules.weight_time * time
        + rules.weight_place * place
        + rules.weight_actors * actors
        + rules.weight_sub_type * sub_type
        + rules.weight_corroboration * _corroboration(event, candidate)
    )
    return round(score, 6)  # rounded: the same on every platform, so ties break the same way


def same_event(event: Event, candidate: Event, *, rules: MergeRules = DEFAULT_RULES) -> bool:
    """Whether two reports are one event by the rule (score at or above ``rules.threshold``)."""
    score = match_score(event, candidate, rules=rules)
    return score is not None and score >= rules.threshold


def _fit(a: Event, b: Event, rules: MergeRules) -> tuple[float, float] | None:
    """How well the times and the places fit; None when the reports contradict each other (type, date, place)."""
    if a.event_type != b.event_type:
        return None
    time = _time_fit(a, b, rules)
    place = _place_fit(a.location, b.location, rules)
    return None if time is None or place is None else (time, place)


def _range(event: Event) -> tuple[date, date]:
    return event.date_range or (event.date, event.date)


def _time_fit(a: Event, b: Event, rules: MergeRules) -> float | None:
    (a0, a1), (b0, b1) = _range(a), _range(b)
    if (a1 - a0).days > rules.max_range_days or (b1 - b0).days > rules.max_range_days:
        return None
    gap = max(0, (b0 - a1).days, (a0 - b1).days)
    exact = a0 == a1 and b0 == b1 and a.time_precision == b.time_precision == 1
    window = rules.exact_day_gap if exact else rules.day_gap[max(a.time_precision, b.time_precision)]
    return None if gap > window else 1.0 - gap / (window + 1)


def _place_fit(a: Place | None, b: Place | None, rules: MergeRules) -> float | None:
    if a is None or b is None:
        return 0.0
    if a.country != b.country:
        return None
    if max(a.geo_precision, b.geo_precision) == 3:
        coarse, other = (a, b) if a.geo_precision == 3 else (b, a)
        return rules.coarse_place_score if _contains(coarse, other) else None
    limit = rules.radius_km[a.geo_precision] + rules.radius_km[b.geo_precision]
    distance = km(a, b)
    return None if distance > limit else 1.0 - distance / limit


def _contains(coarse: Place, other: Place) -> bool:
    """Whether a province-level place holds the other: the finest admin level both name decides."""
    if coarse.admin2 and other.admin2:
        return _fold(coarse.admin2) == _fold(other.admin2)
    if coarse.admin1 and other.admin1:
        return _fold(coarse.admin1) == _fold(other.admin1)
    return True


def km(a: Place, b: Place) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return EARTH_KM * 2 * math.asin(min(1.0, math.sqrt(h)))


_GENERIC_ACTORS = ("unidentified", "civilians")


def _named_actors(event: Event) -> frozenset[str]:
    """The sides that identify an event: actor names without their "(Country)" suffix, generic ones dropped."""
    names = (_base_name(a.name) for a in (event.actor1, event.actor2) if a)
    return frozenset(n for n in names if n and not n.startswith(_GENERIC_ACTORS))


def _base_name(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip().casefold()


def _actor_fit(a: Event, b: Event) -> float:
    names_a, names_b = _named_actors(a), _named_actors(b)
    if names_a and names_b:
        return 1.0 if names_a & names_b else 0.0
    return 0.5


_STOP = frozenset(
    "about after against also among been before being between could during from have into killed more most "
    "near other over people said says some such than that their them there these they this were what when "
    "where which while with would monday tuesday wednesday thursday friday saturday sunday yesterday today "
    "january february march april june july august september october november december".split()
)


def _words(event: Event) -> frozenset[str]:
    text = " ".join(span.text for span in event.evidence).casefold()
    return frozenset(w for w in re.findall(r"[^\W\d_]{4,}", text) if w not in _STOP)


def _corroboration(a: Event, b: Event) -> float:
    """1 when the reports share a figure or a source; else three times the overlap of their evidence words."""
    figures_a = {c.value for c in a.fatalities.claims if c.value}
    if figures_a & {c.value for c in b.fatalities.claims if c.value}:
        return 1.0
    if {_fold(s) for s in a.sources} & {_fold(s) for s in b.sources}:
        return 1.0
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    return min(1.0, 3 * len(words_a & words_b) / len(words_a | words_b))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- where a store must look for candidates ---------------------------------------------------


def search_window(event: Event, rules: MergeRules = DEFAULT_RULES) -> tuple[date, date, date]:
    """Bounds a candidate's date range must meet: (lowest start, highest start, lowest end).

    Any report ``same_event`` could accept has ``lowest_start <= start <= highest_start`` and
    ``end >= lowest_end``, because the gap is at most ``window_days`` and ranges at most
    ``max_range_days`` long.
    """
    start, end = _range(event)
    window = timedelta(days=rules.window_days())
    return start - window - timedelta(days=rules.max_range_days), end + window, start - window


def grid_cell(place: Place | None) -> int | None:
    """The 1-degree grid cell of a point place (precision 1 or 2), the store's spatial index key."""
    if place is None or place.geo_precision == 3:
        return None
    return _cell(math.floor(place.lat), math.floor(place.lon))


def _cell(lat_cell: int, lon_cell: int) -> int:
    return (min(max(lat_cell, -90), 89) + 90) * 360 + (lon_cell + 180) % 360


def search_cells(place: Place, rules: MergeRules = DEFAULT_RULES) -> list[int]:
    """Every grid cell holding a point that could match ``place``: within its radius plus the largest one."""
    reach = rules.radius_km[place.geo_precision] + max(rules.radius_km.values())
    dlat = math.degrees(reach / EARTH_KM)
    lat_cells = range(math.floor(place.lat - dlat), math.floor(place.lat + dlat) + 1)
    edge = min(90.0, abs(place.lat) + dlat)  # the most poleward latitude reached: the narrowest longitudes
    sin_reach = math.sin(reach / EARTH_KM)
    if edge >= 90.0 or sin_reach >= math.cos(math.radians(edge)):
        lon_cells: Iterable[int] = range(-180, 180)
    else:
        dlon = math.degrees(math.asin(sin_reach / math.cos(math.radians(edge))))
        lon_cells = range(math.floor(place.lon - dlon), math.floor(place.lon + dlon) + 1)
    return sorted({_cell(la, lo) for la in lat_cells for lo in lon_cells})


# --- many reports -> groups -------------------------------------------------------------------


def cluster_reports(
    reports: Sequence[Event],
    *,
    rules: MergeRules = DEFAULT_RULES,
    article_of: Mapping[str, str] | None = None,
    must_link: Iterable[Pair] = (),
    cannot_link: Iterable[Pair] = (),
) -> list[tuple[Event, ...]]:
    """Group reports into events (see the module docstring); independent of the order of ``reports``.

    Args:
        article_of: report id -> its article id; a report missing here uses ``Event.articles``.
        must_link: pairs of report ids an analyst merged; they join first, whatever the score.
        cannot_link: pairs an analyst split; they are never in one group.
    Returns:
        Groups sorted by their first report id, each sorted by report id.
    """
    by_id = {report.id: report for report in sorted(reports, key=lambda r: r.id)}
    ids = list(by_id)
    groups = _Groups(ids, {frozenset(p) for p in cannot_link})
    for a, b in sorted(tuple(sorted(p)) for p in must_link):
        if a in by_id and b in by_id:
            groups.join(a, b, apart=lambda x, y: False)
    articles = {i: {article_of[i]} if article_of and i in article_of else set(by_id[i].articles) for i in ids}
    edges, apart = [], set()
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if articles[a] & articles[b] or _fit(by_id[a], by_id[b], rules) is None:
                apart.add(frozenset((a, b)))
                continue
            score = match_score(by_id[a], by_id[b], rules=rules)
            if score is not None and score >= rules.threshold:
                edges.append((-score, a, b))
    for _, a, b in sorted(edges):
        groups.join(a, b, apart=lambda x, y: frozenset((x, y)) in apart)
    return [tuple(by_id[i] for i in members) for members in groups.members()]


class _Groups:
    """Union-find over report ids whose joins respect cannot-link pairs."""

    def __init__(self, ids: Iterable[str], forbidden: Collection[frozenset[str]]) -> None:
        self._parent = {i: i for i in ids}
        self._members = {i: [i] for i in self._parent}
        self._forbidden = forbidden

    def find(self, item: str) -> str:
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def join(self, a: str, b: str, *, apart: Callable[[str, str], bool]) -> None:
        """Join the groups of a and b unless some pair across them is forbidden or ``apart``."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        for x in self._members[root_a]:
            for y in self._members[root_b]:
                if apart(x, y) or frozenset((x, y)) in self._forbidden:
                    return
        root, child = sorted((root_a, root_b))
        self._parent[child] = root
        self._members[root] += self._members.pop(child)

    def members(self) -> list[list[str]]:
        return sorted(sorted(m) for m in self._members.values())


# --- one group -> one Event -------------------------------------------------------------------


def merged_id(report_ids: Iterable[str]) -> str:
    """The id of the event made of these reports: one report keeps its id, several get a hash of them."""
    ids = sorted(set(report_ids))
    if len(ids) == 1:
        return ids[0]
    return hashlib.sha1("+".join(ids).encode()).hexdigest()[:12]


def merge_events(
    events: Sequence[Event], *, is_party: Callable[[str], bool], rules: MergeRules = DEFAULT_RULES
) -> Event:
    """Fold reports of one event into one Event (see the module docstring).

    Order-independent and idempotent: any permutation, or repeated reports, give the same Event,
    and one event folds into itself. ``is_party`` names the sources that take part in the
    fighting; the event's own actors always count as parties.

    Raises:
        ValueError: no events given.
    """
    reports = sorted({e.id: e for e in events}.values(), key=lambda e: e.id)
    if not reports:
        raise ValueError("merge_events needs at least one event")
    if len(reports) == 1:
        return reports[0]
    sub_type = _vote(r.sub_event_type for r in reports)
    typed = next(r for r in reports if r.sub_event_type == sub_type)
    when = min(reports, key=lambda r: (r.time_precision, _span_days(r), -_count(reports, r.date), r.date))
    place = _best_place(reports)
    actor1 = _best_actor([r.actor1 for r in reports], exclude=None)
    actor2 = _best_actor([r.actor2 for r in reports], exclude=actor1)
    assoc1, assoc2 = allies(reports, actor1, actor2)
    sources = _union(s for r in reports for s in r.sources)
    claims = _claims(reports)
    sides = [a.name for a in (actor1, actor2) if a]
    names = {*sources, *sides, *(c.source for c in claims if c.source)}
    parties = frozenset(n for n in names if is_party(n)) | frozenset(sides)
    confidences = [r.confidence for r in reports if r.confidence is not None]
    return Event(
        id=merged_id(r.id for r in reports),
        event_type=typed.event_type,
        sub_event_type=sub_type,
        date=when.date,
        date_range=when.date_range,
        time_precision=when.time_precision,
        actor1=actor1,
        assoc_actor_1=assoc1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        location=place,
        fatalities=Fatalities.from_claims(claims, parties=parties),
        sources=sources,
        status=_status(reports),
        evidence=tuple(sorted(set(s for r in reports for s in r.evidence), key=_span_key)),
        articles=tuple(sorted({a for r in reports for a in r.articles})),
        confidence=max(confidences) if confidences else None,
        rule=typed.rule,
        conflicts=_conflicts(reports, place, rules),
    )


def _vote(values: Iterable[str]) -> str:
    """The most common value; ties go to the alphabetically first, so order never matters."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _count(reports: Sequence[Event], day: date) -> int:
    return sum(r.date == day for r in reports)


def _span_days(report: Event) -> int:
    start, end = _range(report)
    return (end - start).days


def _best_place(reports: Sequence[Event]) -> Place | None:
    """The most precise place; among equals, the one most reports put within a km, then by name."""
    places = [r.location for r in reports if r.location]
    if not places:
        return None

    def support(place: Place) -> int:
        return sum(km(place, other) <= 1.0 for other in places)

    return min(places, key=lambda p: (p.geo_precision, -support(p), p.name, p.lat, p.lon, p.geonameid or 0))


def _best_actor(actors: Sequence[Actor | None], *, exclude: Actor | None) -> Actor | None:
    """The actor most reports name on this side, a named one before a generic one."""
    named = [a for a in actors if a and (exclude is None or a.name != exclude.name)]
    if not named:
        return None
    counts = Counter(a.name for a in named)
    name = min(counts, key=lambda n: (_base_name(n).startswith(_GENERIC_ACTORS), -counts[n], n))
    inters = sorted(a.inter for a in named if a.name == name and a.inter is not None)
    return Actor(name=name, inter=inters[0] if inters else None)


def _span_key(span: Span) -> tuple[str, int, int, str]:
    return (span.article_id, span.start, span.end, span.text)


def _claim_key(claim: FatalityClaim) -> tuple[object, ...]:
    span = _span_key(claim.span) if claim.span else ("", -1, -1, "")
    return (*span, claim.value, str(claim.qualifier), claim.source or "", str(claim.certainty))


def _claims(reports: Sequence[Event]) -> tuple[FatalityClaim, ...]:
    """Every claim of every report, each once, ordered by article and position."""
    unique = {_claim_key(c): c for r in reports for c in r.fatalities.claims}
    return tuple(unique[k] for k in sorted(unique))


def _status(reports: Sequence[Event]) -> Certainty:
    statuses = {r.status for r in reports}
    return next((s for s in (Certainty.REPORTED, Certainty.CLAIMED) if s in statuses), Certainty.UNVERIFIED)


def _union(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _conflicts(reports: Sequence[Event], place: Place | None, rules: MergeRules) -> tuple[str, ...]:
    """What the reports disagree on, in words an analyst can check against the articles."""
    found: list[str] = []
    days = sorted({r.date for r in reports if r.time_precision == 1 and _span_days(r) == 0})
    if len(days) > 1:
        found.append("dates differ: " + " vs ".join(f"{d} ({_articles_where(reports, day=d)})" for d in days))
    for name, distance in _far_places(reports, place, rules):
        found.append(f"places differ: {place.name if place else '?'} vs {name} "
                     f"({_articles_where(reports, place=name)}), {distance:.0f} km apart")  # fmt: skip
    sub_types = sorted({r.sub_event_type for r in reports})
    if len(sub_types) > 1:
        found.append("sub-event types differ: " + " vs ".join(sub_types))
    sides = sorted({_side_names(r) for r in reports if _named_actors(r)})
    if any(not set(a) & set(b) for a in sides for b in sides):  # swapped sides of one clash are no conflict
        found.append("sides differ: " + " vs ".join(" and ".join(names) for names in sides))
    return tuple(found)


def _side_names(report: Event) -> tuple[str, ...]:
    """The named actors of a report, as written, sorted."""
    named = _named_actors(report)
    return tuple(sorted(a.name for a in (report.actor1, report.actor2) if a and _base_name(a.name) in named))


def _far_places(reports: Sequence[Event], place: Place | None, rules: MergeRules) -> list[tuple[str, float]]:
    """Point places of the reports further than ``conflict_km`` from the chosen one, by name."""
    if place is None:
        return []
    far = {r.location.name: km(place, r.location) for r in reports if r.location and r.location.geo_precision < 3}
    return sorted((name, d) for name, d in far.items() if d > rules.conflict_km)


def _articles_where(reports: Sequence[Event], *, day: date | None = None, place: str | None = None) -> str:
    """The (shortened) articles of the reports with this date or place name."""
    ids = sorted(
        {
            a[:8]
            for r in reports
            if (day is None or r.date == day) and (place is None or (r.location and r.location.name == place))
            for a in r.articles
        }
    )
    return "article " + ", ".join(ids) if ids else "no article"
