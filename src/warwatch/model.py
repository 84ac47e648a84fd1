"""The frozen data model: the one contract between pipeline stages, store, exports and API.

Every stage takes these objects and returns new ones (``dataclasses.replace``); nothing is
mutated in place. Collections are tuples. ``to_dict``/``from_dict`` give exactly the JSON form
of ``shared/schema/events.schema.json``, so the model and the schema cannot drift apart.
"""

from __future__ import annotations

import datetime as dt  # module, not class: Event has a field named `date`
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    AROUND = "around"
    UP_TO = "up to"


class Certainty(StrEnum):
    REPORTED = "reported"  # stated as fact, or by a monitor that is not a party
    CLAIMED = "claimed"  # said by a party to the fighting
    UNVERIFIED = "unverified"  # the text says it is unconfirmed


def content_id(text: str) -> str:
    """Article id: a hash of the text, so the same article ingested twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article (or ACLED note) as read from disk, the API or a feed."""

    text: str
    id: str = ""
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A character span of one article: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Span:
        return cls(article_id=article.id, start=start, end=end, text=article.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(**{k: data[k] for k in ("article_id", "start", "end", "text")})


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A geocoded place: GeoNames name and point, ISO alpha-2 country, ACLED geo precision."""

    name: str
    country: str
    lat: float
    lon: float
    geo_precision: int = 1  # 1 town itself, 2 near a town / part of a region, 3 province or larger
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    mention: str | None = None

    def __post_init__(self) -> None:
        if self.geo_precision not in (1, 2, 3):
            raise ValueError(f"geo_precision must be 1, 2 or 3, not {self.geo_precision}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "mention": self.mention,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        keys = ("name", "country", "lat", "lon", "geo_precision", "geonameid", "admin1", "admin2", "mention")
        return cls(**{k: data.get(k) for k in keys if k in data})


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A canonical actor (ACLED style) with its ACLED inter code (1..8), when known."""

    name: str
    inter: int | None = None


# Vague amounts of the dead and the figure the claim extractor gives each: the smallest quantity the expression
# denotes (not "a dozen", which is 12).
VAGUE_AMOUNTS = {"few": 3, "several": 3, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens": 20}
_VAGUE = re.compile(rf"\b(?:{'|'.join(VAGUE_AMOUNTS)})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class FatalityClaim:
    """One fatality figure as somebody states it; never merged away."""

    value: int
    qualifier: Qualifier = Qualifier.EXACT
    source: str | None = None  # canonical name; the publisher when the text names nobody; None if unknown too
    certainty: Certainty = Certainty.REPORTED
    span: Span | None = None

    @property
    def conservative(self) -> int:
        """The figure a conservative coder takes: "more than 58" counts as 58."""
        return self.value

    @property
    def vague(self) -> bool:
        """Whether the text gave an amount, not a number ("dozens", "scores"): its value is a convention's."""
        return self.span is not None and bool(_VAGUE.search(self.span.text))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "value": self.value,
            "qualifier": str(self.qualifier),
            "certainty": str(self.certainty),
        }
        if self.span is not None:
            data["span"] = self.span.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FatalityClaim:
        return cls(
            value=int(data["value"]),
            qualifier=Qualifier(data.get("qualifier", "exact")),
            source=data.get("source"),
            certainty=Certainty(data.get("certainty", "reported")),
            span=Span.from_dict(data["span"]) if data.get("span") else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Fatalities:
    """All claims of one event and the single estimate derived from them."""

    claims: tuple[FatalityClaim, ...] = ()
    best: int | None = None
    low: int | None = None
    high: int | None = None

    @classmethod
    def from_claims(cls, claims: tuple[FatalityClaim, ...], *, parties: frozenset[str] = frozenset()) -> Fatalities:
        """The taxonomy's conservative rule.

        best: the lowest figure from a source that is not a party to the fighting, else the
        lowest; low: the lowest credible figure (unverified claims are not credible while a
        verified one exists); high: the highest. A vague amount ("dozens") counts only when
        no claim gives a number. No claim at all counts 0, as ACLED codes an event whose report
        gives no figure (its empty ``claims`` still say that none was given).
        """
        if not claims:
            return cls(best=0, low=0, high=0)
        counted = [c for c in claims if not c.vague] or claims  # "scores killed" in a headline, 58 in the body
        values = [c.conservative for c in counted]
        neutral = [c.conservative for c in counted if c.source not in parties and c.certainty != Certainty.CLAIMED]
        credible = [c.conservative for c in counted if c.certainty != Certainty.UNVERIFIED] or values
        return cls(claims=claims, best=min(neutral or values), low=min(credible), high=max(values))

    def to_dict(self) -> dict[str, Any]:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One event mention found by the event stage: a typed trigger in its sentence.

    The later stages (actors, places, dates, claims) each return one reading per mention;
    assembly then folds mentions of the same event into one Event.
    """

    sub_event_type: str
    trigger: Span
    sentence: Span
    rule: str  # name of the rule that chose the type: the explanation shown to users


@dataclass(frozen=True, slots=True, kw_only=True)
class Sides:
    """The actors stage's reading of one mention: who did it to whom, and who says so."""

    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    status: Certainty = Certainty.REPORTED


def allies(
    readings: Iterable[Sides | Event], actor1: Actor | None, actor2: Actor | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The associated actors of sides ``actor1`` and ``actor2`` gathered from several readings of one event.

    A reading that names the sides the other way round gives its allies to the other side, and the two
    main actors are never their own allies: folding "IS attacked the army" with "the army and Hezbollah
    repelled IS" puts Hezbollah with the army only.
    """
    name1, name2 = (actor1.name if actor1 else None), (actor2.name if actor2 else None)
    sides: tuple[dict[str, None], dict[str, None]] = ({}, {})
    for reading in readings:
        first, second = reading.assoc_actor_1, reading.assoc_actor_2
        own1 = reading.actor1.name if reading.actor1 else None
        own2 = reading.actor2.name if reading.actor2 else None
        if (own1 is not None and own1 == name2) or (own2 is not None and own2 == name1):
            first, second = second, first
        sides[0].update(dict.fromkeys(first))
        sides[1].update(dict.fromkeys(second))
    main = {name1, name2}
    return tuple(a for a in sides[0] if a not in main), tuple(a for a in sides[1] if a not in main)


@dataclass(frozen=True, slots=True, kw_only=True)
class When:
    """The dates stage's reading of one mention (time_precision: 1 day, 2 week, 3 month)."""

    date: dt.date
    date_range: tuple[dt.date, dt.date] | None = None
    time_precision: int = 1
    mention: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One conflict event: one sub-event type, place, date (range) and pair of sides."""

    id: str
    event_type: str
    sub_event_type: str
    date: dt.date
    date_range: tuple[dt.date, dt.date] | None = None
    time_precision: int = 1
    actor1: Actor | None = None
    assoc_actor_1: tuple[str, ...] = ()
    actor2: Actor | None = None
    assoc_actor_2: tuple[str, ...] = ()
    location: Place | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    sources: tuple[str, ...] = ()
    status: Certainty = Certainty.REPORTED
    evidence: tuple[Span, ...] = ()
    articles: tuple[str, ...] = ()
    confidence: float | None = None
    rule: str | None = None  # the rule or model that chose the type: the explanation shown to users
    # Contradictions between the merged reports (two towns, two days), kept visible for analysts; see pipeline.merge.
    conflicts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ValueError("an event needs at least one evidence span")
        if self.time_precision not in (1, 2, 3):
            raise ValueError(f"time_precision must be 1, 2 or 3, not {self.time_precision}")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat(),
            "time_precision": self.time_precision,
            "actor1": self.actor1.name if self.actor1 else None,
            "assoc_actor_1": list(self.assoc_actor_1),
            "inter1": self.actor1.inter if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "assoc_actor_2": list(self.assoc_actor_2),
            "inter2": self.actor2.inter if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities.to_dict(),
            "sources": list(self.sources),
            "status": str(self.status),
            "evidence": [s.to_dict() for s in self.evidence],
            "articles": list(self.articles),
        }
        if self.date_range:
            data["date_range"] = [d.isoformat() for d in self.date_range]
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if self.rule:
            data["rule"] = self.rule
        if self.conflicts:
            data["conflicts"] = list(self.conflicts)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        def actor(n: int) -> Actor | None:
            name = data.get(f"actor{n}")
            return Actor(name=name, inter=data.get(f"inter{n}")) if name else None

        fat = data.get("fatalities") or {}
        rng = data.get("date_range")
        return cls(
            id=data["id"],
            event_type=data["event_type"],
            sub_event_type=data["sub_event_type"],
            date=dt.date.fromisoformat(data["date"]),
            date_range=(dt.date.fromisoformat(rng[0]), dt.date.fromisoformat(rng[1])) if rng else None,
            time_precision=data.get("time_precision", 1),
            actor1=actor(1),
            assoc_actor_1=tuple(data.get("assoc_actor_1", ())),
            actor2=actor(2),
            assoc_actor_2=tuple(data.get("assoc_actor_2", ())),
            location=Place.from_dict(data["location"]) if data.get("location") else None,
            fatalities=Fatalities(
                claims=tuple(FatalityClaim.from_dict(c) for c in fat.get("claims", ())),
                best=fat.get("best"),
                low=fat.get("low"),
                high=fat.get("high"),
            ),
            sources=tuple(data.get("sources", ())),
            status=Certainty(data.get("status", "reported")),
            evidence=tuple(Span.from_dict(s) for s in data["evidence"]),
            articles=tuple(data.get("articles", ())),
            confidence=data.get("confidence"),
            rule=data.get("rule"),
            conflicts=tuple(data.get("conflicts", ())),
        )


def events_document(
    articles: tuple[Article, ...] | list[Article], events: tuple[Event, ...] | list[Event]
) -> dict[str, Any]:
    """The JSON document of the events schema: what ``extract --json`` and ``export`` print."""
    return {"articles": [a.to_dict() for a in articles], "events": [e.to_dict() for e in events]}
