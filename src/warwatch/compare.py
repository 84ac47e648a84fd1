"""Compare extracted events with a reference dataset (ACLED, UCDP): where automated reading and human coding differ.

Job: match warwatch's stored events to the rows of a reference dataset by the rules of
shared/gold/GUIDELINE.md, and say what each has that the other lacks and how far they agree.
In: a store, a reference dataset name (``reference.load_reference``) and the filters of ``warwatch events``.
Out: a ``Comparison``: ``evaluate.Scores`` with the reference rows as gold (so its figures mean exactly
what ``warwatch evaluate``'s mean), and one ``Pair`` per matched, reference-only or extracted-only event.

A reference row becomes a gold event: its event and sub-event type, the dates its time precision
stands for (the day; ±3 days; the month), its actors, its point with a tolerance set by its geo
precision (``MAX_KM``), and its fatality count as ``fatalities_best``. ACLED's ``source`` column names
the outlets that reported an event, not who the text says claimed it, so it is not compared.

Matching: a reference row whose ``notes`` text was ingested as an article (an ACLED note read as
an article) is matched only with what was read from that article (its reports, where the store
merged them with other articles' into one event), as ``evaluate`` matches a gold file with its own
article; so on the same notes the figures equal ``warwatch evaluate``'s. The
other rows and events are matched across the whole selection, one to one, within groups of events
that could match (same event type, date within the row's range ±1 day, place within tolerance),
each group by evaluate's own matcher. A group larger than ``EXACT_LIMIT`` on one side is matched
greedily (same sub-event type first, then nearest) to keep time bounded. "Ignoring place" figures
count, for these rows, only candidates that are also within tolerance.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from rich.table import Table
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from . import evaluate as scoring
from .errors import ConfigError, StoreError
from .model import Event, content_id
from .reference import ReferenceEvent, iter_reference, reference_sets
from .store import SqlStore
from .store.tables import article_table

MAX_KM = {1: 25.0, 2: 50.0, 3: 150.0}  # location tolerance by the reference row's geo precision
EXACT_LIMIT = 100  # larger candidate groups are matched greedily

PAIR_COLUMNS = (
    "status",
    "reference_id",
    "event_id",
    "event_type",
    "reference_sub_event_type",
    "event_sub_event_type",
    "reference_date",
    "event_date",
    "reference_location",
    "event_location",
    "reference_country",
    "event_country",
    "distance_km",
    "reference_fatalities",
    "event_fatalities",
    "reference_actors",
    "event_actors",
    "article_id",
    "disagreements",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """A matched pair, or an event only one side has (the other side is None)."""

    reference: ReferenceEvent | None
    event: Event | None
    disagreements: tuple[str, ...] = ()
    article_id: str | None = None  # the article both were read from, when the row's notes were ingested

    @property
    def status(self) -> str:
        if self.reference and self.event:
            return "matched"
        return "reference only" if self.reference else "extracted only"


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """The figures (``scores``, evaluate's, reference rows as gold) and every pair."""

    reference: str
    scores: scoring.Scores
    pairs: tuple[Pair, ...]
    filters: dict[str, Any] = field(default_factory=dict)

    def counts_by_type(self) -> dict[str, dict[str, int]]:
        """Per event type: reference rows, extracted events, matched, reference only, extracted only."""
        counts: dict[str, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(("reference", "extracted", "matched", "reference only", "extracted only"), 0)
        )
        for pair in self.pairs:
            kind = (pair.reference or pair.event).event_type  # type: ignore[union-attr]
            counts[kind][pair.status] += 1
            counts[kind]["reference"] += pair.reference is not None
            counts[kind]["extracted"] += pair.event is not None
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """evaluate's JSON (``summary`` with the same keys) plus the reference name, filters and counts by type."""
        figures = self.scores.to_dict()
        return {
            "reference": self.reference,
            "filters": {key: str(value) for key, value in self.filters.items() if value is not None},
            "summary": figures["summary"],
            "by_event_type": self.counts_by_type(),
        }


def compare(store: SqlStore, reference: str, **filters: Any) -> Comparison:
    """Match the store's events with reference dataset ``reference``, both narrowed by the same filters.

    ``filters`` are those of ``SqlStore.iter_events`` (since, until, country, event_type,
    sub_event_type, actor, min_fatalities, text; ``text`` searches the reference rows' notes).

    Raises:
        ConfigError: no reference dataset has this name (the message lists the loaded ones).
    """
    known = [found.name for found in reference_sets(store)]
    if reference not in known:
        raise ConfigError(
            f"no reference dataset {reference!r} in {store.url}; loaded: {', '.join(known) or 'none'} "
            "(load one with `warwatch reference load --acled FILE`)"
        )
    rows = list(iter_reference(store, reference, **filters))
    events = list(store.iter_events(**filters))
    groups = list(_groups(store, rows, events, _linked_articles(store, rows)))
    by_label = {group.label: group for group in groups}
    scores = scoring.evaluate([group.gold for group in groups], lambda gold: by_label[str(gold.gold_file)].events)
    return Comparison(reference=reference, scores=scores, pairs=tuple(_pairs(scores, by_label)), filters=filters)


# --- gold events from reference rows ------------------------------------------------------------


def gold_event(row: ReferenceEvent) -> scoring.GoldEvent:
    """A reference row as the gold event GUIDELINE.md describes (see the module docstring)."""
    places = ()
    if row.lat is not None and row.lon is not None:
        places = (
            scoring.GoldPlace(
                name=row.location or "", country=row.country or "", lat=row.lat, lon=row.lon, admin1=row.admin1
            ),
        )
    return scoring.GoldEvent(
        id=row.source_id,
        required=True,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        dates=(row.date_start, row.date_end),
        actor1=(row.actor1,) if row.actor1 else (),
        actor2=(row.actor2,) if row.actor2 else (),
        associated=row.assoc_actor_1 + row.assoc_actor_2,
        places=places,
        max_km=MAX_KM[row.geo_precision or 1],
        fatalities_best=row.fatalities,
        evidence=(row.notes or "")[:120],
    )


# --- grouping -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """Reference rows and events matched with each other only: one 'gold article' for evaluate."""

    label: str
    rows: list[ReferenceEvent]
    events: list[Event]
    article_id: str | None = None

    @property
    def gold(self) -> scoring.GoldArticle:
        path = Path(self.label)
        events = tuple(gold_event(row) for row in self.rows)
        return scoring.GoldArticle(gold_file=path, file=path, published=None, publisher=None, events=events)


def _linked_articles(store: SqlStore, rows: Sequence[ReferenceEvent]) -> dict[str, str]:
    """source_id -> id of a stored article whose text is the row's notes (the content hash finds it)."""
    candidates: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for article_id in _note_ids(row.notes):
            candidates[article_id].append(row.source_id)
    links: dict[str, str] = {}
    ids = list(candidates)
    try:
        with store.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                query = select(article_table.c.id).where(article_table.c.id.in_(ids[start : start + 500]))
                for article_id in conn.execute(query).scalars():
                    links.update(dict.fromkeys(candidates[article_id], article_id))
    except SQLAlchemyError as err:
        raise StoreError(f"looking up the notes' articles in {store.url} failed: {err}; retry") from err
    return links


def _note_ids(notes: str | None) -> set[str]:
    """Article ids the notes would have if ingested: as a JSON record, or as a .txt file with a final newline."""
    if not notes or not notes.strip():
        return set()
    text = unicodedata.normalize("NFC", notes.replace("\r\n", "\n").replace("\r", "\n"))
    return {content_id(variant) for variant in (text, text.strip(), text.strip() + "\n")}


def _groups(
    store: SqlStore, rows: list[ReferenceEvent], events: list[Event], links: dict[str, str]
) -> Iterator[_Group]:
    """Linked groups (one per article, holding what was read from it), then the candidate groups of the rest."""
    linked: dict[str, _Group] = {}
    for row in rows:
        if article_id := links.get(row.source_id):
            group = linked.setdefault(article_id, _Group(f"article:{article_id}", [], [], article_id))
            group.rows.append(row)
    rest: list[Event] = []
    for event in events:
        if not any(article_id in linked for article_id in event.articles):
            rest.append(event)
            continue
        # What was read from each linked article: the store's per-article reports, not the event they were
        # merged into (whose fatality estimate is refolded, and which may hold several reports of one article).
        for report in store.get_reports(event.id) or (event,):
            if report.articles and report.articles[0] in linked:
                linked[report.articles[0]].events.append(report)
    for group in linked.values():
        group.events.sort(key=scoring.reading_order)
    yield from linked.values()
    yield from _candidate_groups([row for row in rows if row.source_id not in links], rest)


def _candidate_groups(rows: list[ReferenceEvent], events: list[Event]) -> Iterator[_Group]:
    """Connected groups of possible matches; rows and events with no possible match in one group each."""
    edges = _edges(rows, events)
    parent = list(range(len(rows) + len(events)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in edges:
        parent[root(i)] = root(len(rows) + j)
    members: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(rows)):
        members[root(i)][0].append(i)
    for j in range(len(events)):
        members[root(len(rows) + j)][1].append(j)
    lone_rows, lone_events = [], []
    for n, (row_ids, event_ids) in enumerate(members.values()):
        if not row_ids or not event_ids:
            lone_rows += [rows[i] for i in row_ids]
            lone_events += [events[j] for j in event_ids]
        elif max(len(row_ids), len(event_ids)) > EXACT_LIMIT:
            yield from _greedy([rows[i] for i in row_ids], [events[j] for j in event_ids], n)
        else:
            yield _Group(f"group:{n}", [rows[i] for i in row_ids], [events[j] for j in event_ids])
    if lone_rows:
        yield _Group("unmatched:reference", lone_rows, [])
    if lone_events:
        yield _Group("unmatched:extracted", [], lone_events)


def _edges(rows: list[ReferenceEvent], events: list[Event]) -> list[tuple[int, int]]:
    """(row index, event index) of every pair GUIDELINE.md would let match: type, date ±1 day, place."""
    by_day: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        day = row.date_start - scoring.TOLERANCE
        while day <= row.date_end + scoring.TOLERANCE:
            by_day[row.event_type, day].append(i)
            day += timedelta(days=1)
    return [
        (i, j)
        for j, event in enumerate(events)
        for i in by_day.get((event.event_type, event.date), ())
        if _near(rows[i], event)
    ]


def _near(row: ReferenceEvent, event: Event) -> bool:
    return _distance(row, event) <= MAX_KM[row.geo_precision or 1] if row.lat is not None else event.location is None


def _distance(row: ReferenceEvent, event: Event) -> float:
    place = event.location
    if place is None or row.lat is None or row.lon is None:
        return float("inf")
    return scoring.haversine_km(row.lat, row.lon, place.lat, place.lon)


def _greedy(rows: list[ReferenceEvent], events: list[Event], n: int) -> Iterator[_Group]:
    """A large group split into one group per greedy pair (same sub type first, then nearest), and the rest."""
    options = sorted(
        (
            (row.sub_event_type != event.sub_event_type, _distance(row, event), abs((event.date - row.date).days), i, j)
            for i, row in enumerate(rows)
            for j, event in enumerate(events)
            if event.event_type == row.event_type and _near(row, event)
        ),
    )
    used_rows: set[int] = set()
    used_events: set[int] = set()
    for *_, i, j in options:
        if i not in used_rows and j not in used_events and _in_range(rows[i], events[j]):
            used_rows.add(i)
            used_events.add(j)
            yield _Group(f"group:{n}:{i}", [rows[i]], [events[j]])
    yield _Group(f"group:{n}:rest", [r for i, r in enumerate(rows) if i not in used_rows], [])
    yield _Group(f"group:{n}:rest-extracted", [], [e for j, e in enumerate(events) if j not in used_events])


def _in_range(row: ReferenceEvent, event: Event) -> bool:
    return row.date_start - scoring.TOLERANCE <= event.date <= row.date_end + scoring.TOLERANCE


# --- pairs --------------------------------------------------------------------------------------


def _pairs(scores: scoring.Scores, groups: dict[str, _Group]) -> Iterator[Pair]:
    for result in scores.articles:
        group = groups[result.gold_file]
        rows = {row.source_id: row for row in group.rows}
        events = {event.id: event for event in group.events}
        matched_events = set()
        for match in result.matches:
            matched_events.add(match["predicted"])
            yield Pair(
                reference=rows.pop(match["gold"]),
                event=events[match["predicted"]],
                disagreements=tuple(match["wrong"]),
                article_id=group.article_id,
            )
        for row in rows.values():
            yield Pair(reference=row, event=None, article_id=group.article_id)
        for event_id, event in events.items():
            if event_id not in matched_events:
                yield Pair(reference=None, event=event, article_id=group.article_id)


def pair_row(pair: Pair) -> dict[str, Any]:
    """One pair as a row of ``PAIR_COLUMNS``."""
    row, event = pair.reference, pair.event
    place = event.location if event else None
    distance = _distance(row, event) if row and event else float("inf")
    return {
        "status": pair.status,
        "reference_id": row.source_id if row else "",
        "event_id": event.id if event else "",
        "event_type": (row or event).event_type,  # type: ignore[union-attr]
        "reference_sub_event_type": row.sub_event_type if row else "",
        "event_sub_event_type": event.sub_event_type if event else "",
        "reference_date": row.date.isoformat() if row else "",
        "event_date": event.date.isoformat() if event else "",
        "reference_location": row.location or "" if row else "",
        "event_location": place.name if place else "",
        "reference_country": row.country or "" if row else "",
        "event_country": place.country if place else "",
        "distance_km": round(distance, 1) if distance != float("inf") else "",
        "reference_fatalities": "" if row is None or row.fatalities is None else row.fatalities,
        "event_fatalities": "" if event is None or event.fatalities.best is None else event.fatalities.best,
        "reference_actors": "; ".join(a for a in (row.actor1, row.actor2) if a) if row else "",
        "event_actors": "; ".join(a.name for a in (event.actor1, event.actor2) if a) if event else "",
        "article_id": pair.article_id or "",
        "disagreements": "; ".join(pair.disagreements),
    }


def write_pairs(pairs: Iterable[Pair], out: IO[str]) -> int:
    """The pairs as CSV (``PAIR_COLUMNS``); the number of rows written."""
    writer = csv.DictWriter(out, PAIR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for pair in pairs:
        writer.writerow(pair_row(pair))
        count += 1
    return count


def render_report(comparison: Comparison) -> tuple[Table, Table]:
    """The agreement figures (evaluate's table) and, per event type, what each side has that the other lacks."""
    figures = scoring.render_table(comparison.scores)
    figures.title = f"warwatch compare: extracted events vs reference {comparison.reference!r}"
    by_type = Table("Event type", "Reference", "Extracted", "Matched", "Reference only", "Extracted only",
                    title="What each has that the other lacks")  # fmt: skip
    totals = [0] * 5
    for event_type, counts in comparison.counts_by_type().items():
        values = [counts[key] for key in ("reference", "extracted", "matched", "reference only", "extracted only")]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        by_type.add_row(event_type, *map(str, values))
    by_type.add_row("All", *map(str, totals), style="bold")
    return figures, by_type
