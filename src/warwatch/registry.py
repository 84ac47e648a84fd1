"""Every extension point of warwatch: its Protocol and its named registry.

Like spaCy's factories, implementations are looked up by a versioned name (``geonames.v1``)
so a stored config keeps its meaning. Built-ins are declared as entry points in
``pyproject.toml`` exactly as a third-party package would declare its own; this module imports
no implementation, and nothing registers as an import side effect.

A stage is a factory: called once with its settings, it returns a function that reads one
article (its text, its spaCy ``Doc`` and the event mentions found so far) and returns one
reading per mention, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, Any, Protocol

import catalogue
from spacy.tokens import Doc

from .errors import ConfigError
from .model import Article, Event, FatalityClaim, Mention, Place, Sides, When

events = catalogue.create("warwatch", "events", entry_points=True)
actors = catalogue.create("warwatch", "actors", entry_points=True)
geocoders = catalogue.create("warwatch", "geocoders", entry_points=True)
dates = catalogue.create("warwatch", "dates", entry_points=True)
claims = catalogue.create("warwatch", "claims", entry_points=True)
stores = catalogue.create("warwatch", "stores", entry_points=True)
exporters = catalogue.create("warwatch", "exporters", entry_points=True)


class EventDetector(Protocol):
    def __call__(self, article: Article, doc: Doc) -> tuple[Mention, ...]: ...


class ActorResolver(Protocol):
    def __call__(
        self,
        article: Article,
        doc: Doc,
        mentions: tuple[Mention, ...],
        places: tuple[Place | None, ...] | None = None,
    ) -> tuple[Sides, ...]:
        """``places``: where each mention was geocoded, if it was; unmarked forces belong to that country."""
        ...

    def canonical_source(self, text: str, *, country: str | None = None) -> str: ...

    def is_party(self, name: str) -> bool: ...


class Geocoder(Protocol):
    def __call__(self, article: Article, doc: Doc, mentions: tuple[Mention, ...]) -> tuple[Place | None, ...]: ...


class DateResolver(Protocol):
    def __call__(self, article: Article, doc: Doc, mentions: tuple[Mention, ...]) -> tuple[When, ...]: ...


class ClaimExtractor(Protocol):
    def __call__(
        self, article: Article, doc: Doc, mentions: tuple[Mention, ...], sides: tuple[Sides, ...] = ()
    ) -> tuple[tuple[FatalityClaim, ...], ...]: ...


class Exporter(Protocol):
    """Writes events in one file format, streaming."""

    suffix: str

    def write(self, events: Iterable[Event], out: IO[bytes]) -> None: ...


def resolve(registry: catalogue.Registry, name: str) -> Callable[..., Any]:
    """The factory registered under ``name``; a ConfigError lists the known names."""
    try:
        return registry.get(name)
    except catalogue.RegistryError as err:
        known = ", ".join(sorted(registry.get_all())) or "none"
        raise ConfigError(f"unknown {registry.namespace[-1]} component {name!r}; known: {known}") from err
