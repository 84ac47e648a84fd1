"""Event assembly: one article's mentions and their readings -> its Events.

The same incident told three times in an article is one event: mentions fold together when
they have the same sub-event type, dates within ``DAYS`` of each other, places within
``KM`` (or one of them unplaced) and no conflicting sides. The folded event keeps the most
precise date and place, the union of sources, evidence and claims, and recomputes its
best/low/high figure by the taxonomy's conservative rule.

Merging events across articles is a different job (``merge``); this stage only sees one article.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..model import Article, Certainty, Event, Fatalities, FatalityClaim, Mention, Place, Sides, When
from ..taxonomy import event_type_of

DAYS = 2  # mentions this many days apart can still be one event (a report date vs the event date)
KM = 100  # ... and this far apart (a town vs "near" the next town on the same road)
HISTORY_DAYS = 365  # events older than this before publication are background, not news


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """Everything the stages say about one mention."""

    mention: Mention
    sides: Sides
    place: Place | None
    when: When
    claims: tuple[FatalityClaim, ...]


def assemble_events(article: Article, readings: list[Reading], *, is_party: Callable[[str], bool]) -> tuple[Event, ...]:
    """Fold one article's readings into events (see the module docstring for the rule)."""
    groups: list[list[Reading]] = []
    for reading in readings:
        if article.published and (article.published - reading.when.date).days > HISTORY_DAYS:
            continue
        group = next((g for g in groups if all(_same_event(reading, other) for other in g)), None)
        if group is None:
            groups.append([reading])
        else:
            group.append(reading)
    return tuple(_event(article, group, is_party) for group in groups)


def _same_event(a: Reading, b: Reading) -> bool:
    if a.mention.sub_event_type != b.mention.sub_event_type:
        return False
    if abs((a.when.date - b.when.date).days) > DAYS and not _overlap(a.when, b.when):
        return False
    if a.place and b.place and _km(a.place, b.place) > KM and a.place.admin1 != b.place.admin1:
        return False
    return _compatible(a.sides, b.sides)


def _overlap(a: When, b: When) -> bool:
    ra = a.date_range or (a.date, a.date)
    rb = b.date_range or (b.date, b.date)
    return ra[0] <= rb[1] and rb[0] <= ra[1] and (a.time_precision > 1 or b.time_precision > 1)


def _compatible(a: Sides, b: Sides) -> bool:
    names_a = {x.name for x in (a.actor1, a.actor2) if x}
    names_b = {x.name for x in (b.actor1, b.actor2) if x}
    return not names_a or not names_b or bool(names_a & names_b)


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _event(article: Article, group: list[Reading], is_party: Callable[[str], bool]) -> Event:
    first = group[0]
    when = min((r.when for r in group), key=lambda w: (w.time_precision, w.mention is None, w.date))
    places = [r.place for r in group if r.place]
    place = min(places, key=lambda p: p.geo_precision) if places else None
    actor1 = next((r.sides.actor1 for r in group if r.sides.actor1), None)
    actor2 = next((r.sides.actor2 for r in group if r.sides.actor2 and r.sides.actor2 != actor1), None)
    sources = _union(s for r in group for s in r.sides.sources)
    claims = _claims(group, is_party)
    parties = frozenset(n for n in (*sources, *(a.name for a in (actor1, actor2) if a)) if is_party(n))
    sub_type = first.mention.sub_event_type
    key = f"{article.id}|{sub_type}|{when.date}|{first.mention.trigger.start}"
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=event_type_of(sub_type),
        sub_event_type=sub_type,
        date=when.date,
        date_range=when.date_range or (when.date, when.date),
        time_precision=when.time_precision,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=_union(a for r in group for a in r.sides.assoc_actor_1),
        assoc_actor_2=_union(a for r in group for a in r.sides.assoc_actor_2),
        location=place,
        fatalities=Fatalities.from_claims(claims, parties=parties),
        sources=sources,
        status=_status(group),
        evidence=tuple(dict.fromkeys(r.mention.sentence for r in group)),
        articles=(article.id,),
        rule=first.mention.rule,
    )


def _claims(group: list[Reading], is_party: Callable[[str], bool]) -> tuple[FatalityClaim, ...]:
    seen: dict[tuple[int, str, str | None], FatalityClaim] = {}
    for reading in group:
        for claim in reading.claims:
            if claim.source and is_party(claim.source) and claim.certainty == Certainty.REPORTED:
                claim = replace(claim, certainty=Certainty.CLAIMED)
            seen.setdefault((claim.value, claim.qualifier, claim.source), claim)
    return tuple(seen.values())


def _status(group: list[Reading]) -> Certainty:
    statuses = {r.sides.status for r in group}
    for status in (Certainty.REPORTED, Certainty.CLAIMED):
        if status in statuses:
            return status
    return Certainty.UNVERIFIED


def _union(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
