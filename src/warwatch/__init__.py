"""warwatch: conflict events from news articles, offline, with every claim kept."""

import logging
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, GazetteerError, InputError, StoreError, WarwatchError
from .model import Actor, Article, Certainty, Event, Fatalities, FatalityClaim, Place, Qualifier, Span

if TYPE_CHECKING:
    from .pipeline import Pipeline, extract

__all__ = [
    "Actor",
    "Article",
    "Certainty",
    "ConfigError",
    "Event",
    "Fatalities",
    "FatalityClaim",
    "GazetteerError",
    "InputError",
    "Pipeline",
    "Place",
    "Qualifier",
    "Span",
    "StoreError",
    "WarwatchError",
    "extract",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """The pipeline loads spaCy: import it only when asked for, so the store and the CLI start fast."""
    if name in {"Pipeline", "extract"}:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'warwatch' has no attribute {name!r}")
