"""Fixtures of the watcher tests: a loopback HTTP server (``loopback.py``), a store, watchers."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from loopback import FAST, Site, fake_pipeline, serve

from warwatch.store import SqlStore, open_store
from warwatch.watch import Watcher, WatchOptions


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as served:
        yield served


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at the newest schema, made once: migrating costs ~0.3 s a test."""
    path = tmp_path_factory.mktemp("template") / "watch.db"
    open_store(str(path)).close()
    return path


@pytest.fixture
def store(tmp_path: Path, migrated_db: Path) -> Iterator[SqlStore]:
    path = tmp_path / "watch.db"
    shutil.copyfile(migrated_db, path)
    with open_store(str(path)) as opened:
        yield opened


@pytest.fixture
def make_watcher(store: SqlStore) -> Iterator[Callable[..., Watcher]]:
    """Watchers on the test store with short intervals and bounds; closed at the end of the test."""
    made: list[Watcher] = []

    def make(sources: list[tuple[str, str]], rng: random.Random | None = None, **options: object) -> Watcher:
        settings = {"interval_s": 0.2, "settle_s": 0.0, "limits": FAST, **options}
        watcher = Watcher(store, sources, pipeline=fake_pipeline, options=WatchOptions(**settings), rng=rng)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()
