"""Fixtures shared by the whole suite, defined once."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import iter_input_files, read_articles
from warwatch.store import open_store
from warwatch.store.copy import copy_store

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


# --- storage backends: SQLite files and a throwaway PostgreSQL server (issue 9) -------------

PG_ROOT = Path("/usr/lib/postgresql")  # Debian's layout: one bin/ folder per major version
BACKENDS = ["sqlite", "postgresql"]


def _pg_bin() -> Path:
    """The newest installed PostgreSQL's bin/ folder; fails (never skips) when there is none."""
    found = [path for path in PG_ROOT.glob("*/bin") if (path / "initdb").exists() and path.parent.name.isdigit()]
    if not found:
        pytest.fail(f"no PostgreSQL under {PG_ROOT}: run `make install` (it runs `apt-get install -y postgresql`)")
    return max(found, key=lambda path: int(path.parent.name))


def _as_postgres(*args: str | Path) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the postgres user."""
    command = [str(arg) for arg in args]
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_pg(*args: str | Path, log: Path) -> None:
    try:
        subprocess.run(_as_postgres(*args), check=True, cwd="/", capture_output=True, text=True, timeout=60)
    except subprocess.CalledProcessError as error:
        tail = log.read_text()[-2000:] if log.exists() else ""
        pytest.fail(f"{Path(args[0]).name} failed ({error.returncode}): {error.stderr.strip()}\n{tail}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server for this session: initdb in a temp folder, on a free loopback port.

    Yields its URL without a database; ``pg_database`` makes databases on it.
    """
    pg_bin = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="warwatch-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, log, port = folder / "data", folder / "pg.log", _free_port()
    _run_pg(pg_bin / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8",
            "--locale=C.UTF-8", log=log)  # fmt: skip
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    _run_pg(pg_bin / "pg_ctl", "-D", data, "-l", log, "-w", "-o", options, "start", log=log)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres(pg_bin / "pg_ctl", "-D", data, "-m", "immediate", "stop"), cwd="/",
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Iterator[Callable[[], str]]:
    """A factory: each call creates an empty database on the session's server and returns its URL.

    The databases live as long as the server (the session); tests that want a clean one per test use
    ``pg_url``, which is cheaper.
    """
    admin = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool)
    serial = itertools.count()

    def create() -> str:
        name = f"warwatch_{next(serial)}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return f"{pg_server}/{name}"

    yield create
    admin.dispose()


@pytest.fixture(scope="module")
def pg_module_database(pg_database: Callable[[], str]) -> str:
    """One database per test module (CREATE DATABASE costs about 0.2 s; a schema 2 ms)."""
    return pg_database()


_pg_schemas = itertools.count()


@pytest.fixture
def pg_url(pg_module_database: str) -> str:
    """An empty PostgreSQL store for one test: a fresh schema, first on the connection's search_path."""
    schema = f"test_{next(_pg_schemas)}"
    admin = create_engine(pg_module_database, poolclass=NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    admin.dispose()
    return f"{pg_module_database}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once on SQLite and once on PostgreSQL (``indirect`` picks one)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'warwatch.db'}"
    return request.getfixturevalue("pg_url")


# --- the bundled samples in a store, for the API and the dashboard (issue 7) -----------------


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default extraction pipeline, loaded once (spaCy and the gazetteer)."""
    return Pipeline()


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """A SQLite file holding samples/ as `make run` ingests it; copy it before writing to it."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with open_store(f"sqlite:///{path}") as store:
        for file in iter_input_files([REPO / "samples"]):
            for article in read_articles(file):
                store.add_article(article, pipeline(article))
    return path


# --- Ray, for the few tests that need it (issue 9) ------------------------------------------


@pytest.fixture(scope="session")
def samples_store(
    request: pytest.FixtureRequest, samples_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], str]:
    """``make(backend)``: the URL of a private copy of the samples store on "sqlite" or "postgresql"."""

    def make(backend: str) -> str:
        if backend == "sqlite":
            path = tmp_path_factory.mktemp("samples") / "samples.db"
            shutil.copy(samples_db, path)
            return f"sqlite:///{path}"
        url = request.getfixturevalue("pg_database")()  # the server starts only when a test asks for it
        copy_store(f"sqlite:///{samples_db}", url)
        return url

    return make


@pytest.fixture(scope="session")
def ray_session() -> Iterator[Any]:
    """A local Ray with 2 CPUs, started once (about 7 s and 850 MB): keep the tests that use it few."""
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
