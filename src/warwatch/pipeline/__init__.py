"""The extraction pipeline: the only place that knows the order of the stages.

    load (``load.read_articles``)      file / HTML / JSON -> Article
    nlp  (``nlp.load_nlp``)            Article.text -> spaCy Doc
    events    (registry ``events``)    Doc -> typed Mentions (ACLED sub-event types)
    places    (registry ``geocoders``) Mentions -> Place (GeoNames, offline)
    actors    (registry ``actors``)    Mentions, Places -> Sides: canonical actors, sources, status
    dates     (registry ``dates``)     Mentions -> When, against the publication date
    claims    (registry ``claims``)    Mentions -> FatalityClaims
    assemble  (``assemble``)           readings -> Events of one article

Each stage is named in a ``PipelineConfig`` and looked up in its registry, so a component can
be swapped without touching this module.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from .. import registry
from ..config import PipelineConfig
from ..model import Article, Event, FatalityClaim, Place
from .assemble import Reading, assemble_events
from .load import article_from_text
from .nlp import load_nlp, with_day, with_text

# An invented report that takes every stage through its lazily loaded tables (aliases, place names, dates).
_WARM_UP = article_from_text(
    "Rebels attacked an army base near Kunduz on Monday, killing 12 soldiers, officials said.",
    published=date(2020, 1, 8),
)


BATCH_SIZE = 32  # texts spaCy reads at once in ``Pipeline.pipe``: faster here than spaCy's default of 256


class Pipeline:
    """A configured pipeline; build it once (loading spaCy, the gazetteer and every table), call it per article."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = load_nlp(self.config.nlp)
        self.detect = registry.resolve(registry.events, self.config.events)()
        self.actors = registry.resolve(registry.actors, self.config.actors)()
        self.geocode = registry.resolve(registry.geocoders, self.config.geocoder)()
        self.dates = registry.resolve(registry.dates, self.config.dates)()
        self.claims = registry.resolve(registry.claims, self.config.claims)()
        self.from_doc(_WARM_UP, self.nlp(_WARM_UP.text))  # the stages' tables load now, not in the first article
        gc.collect()
        gc.freeze()  # the models and tables just loaded live as long as the process: no full collection rescans them

    def __call__(self, article: Article) -> tuple[Event, ...]:
        return self.from_doc(article, self.nlp(article.text))

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE
    ) -> Iterator[tuple[Article, tuple[Event, ...]]]:
        """Each article with its events, as calling the pipeline on each would give, with spaCy reading the
        texts in batches (its neural layers run a third faster on a batch than on one text at a time)."""
        for doc, article in self.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
            yield article, self.from_doc(article, doc)

    def from_doc(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """The events of ``article``, whose text spaCy has read into ``doc``."""
        with_day(with_text(doc, article.text), article.published)
        mentions = self.detect(article, doc)
        if not mentions:
            return ()
        places = self.geocode(article, doc, mentions)
        sides = self.actors(article, doc, mentions, places)  # "the army", "civilians": of the event's country
        whens = self.dates(article, doc, mentions)
        claims = self.claims(article, doc, mentions, sides)  # a figure nobody is said to give: who reports its event
        readings = [
            Reading(mention=m, sides=s, place=p, when=w, claims=tuple(self._canonical(c, p, article) for c in cs))
            for m, s, p, w, cs in zip(mentions, sides, places, whens, claims, strict=True)
        ]
        return assemble_events(article, readings, is_party=self.actors.is_party)

    def _canonical(self, claim: FatalityClaim, place: Place | None, article: Article) -> FatalityClaim:
        """Claims name their source as written; the actors component knows its canonical name. A figure
        the text attributes to nobody is the publisher's own reporting, as ACLED's source column has it."""
        if claim.source is None:
            return replace(claim, source=article.publisher) if article.publisher else claim
        country = place.country if place else None
        return replace(claim, source=self.actors.canonical_source(claim.source, country=country))


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The pipeline of the default config, built on first use and then shared."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(text: str, *, published: date | None = None, **meta: str | None) -> tuple[Event, ...]:
    """Events reported in one text: ``warwatch.extract(text, published=date(2017, 9, 29))``."""
    return default_pipeline()(article_from_text(text, published=published, **meta))
