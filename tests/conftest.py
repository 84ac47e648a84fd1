"""Fixtures shared by the whole suite, defined once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (seed, gold, schema), beside the repo as in CI."""
    return SHARED


@pytest.fixture(scope="session")
def events_schema() -> dict:
    return json.loads((SHARED / "schema" / "events.schema.json").read_text())


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return next((SHARED / "seed").glob("*.txt"))
