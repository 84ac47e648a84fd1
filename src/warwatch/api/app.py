"""The web application: the REST API under ``/api``, the dashboard at ``/``, one store behind both.

``create_app(store_url, token=...)`` opens (and upgrades) the store once and builds a FastAPI app
with the routes of ``routes.py`` and ``pages.py``, the error envelope of ``errors.py`` and the
protections of ``security.py``. The extraction pipeline is loaded on the first posted article, so a
read-only server starts in a second. ``warwatch serve`` runs it with uvicorn.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ..config import database_url
from ..model import Article, Event
from ..pipeline import Pipeline
from ..store import open_store
from .errors import install_error_handlers
from .pages import install_pages
from .routes import api
from .security import SECURITY_HEADERS, BodySizeLimit, SecurityHeaders

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4_000_000  # holds any valid article: 200,000 characters at 12 bytes each when JSON-escaped

DESCRIPTION = """Conflict events read from news articles (ACLED taxonomy), with every fatality claim kept.

Reading is open. Writes (posting an article, merging and splitting events) need the header
`Authorization: Bearer <token>` with the token the operator started the server with (`WARWATCH_TOKEN`).
Every error is `{"ok": false, "error": "...", "status": 4xx}`.
"""


class Extractor:
    """The pipeline, built on first use and run by one thread at a time (spaCy pipelines are not shared)."""

    def __init__(self, factory: Callable[[], Callable[[Article], tuple[Event, ...]]] = Pipeline) -> None:
        self._factory = factory
        self._pipeline: Callable[[Article], tuple[Event, ...]] | None = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> tuple[Event, ...]:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline(article)


def create_app(
    store_url: str | None = None, *, token: str | None = None, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The warwatch web app on the store at ``store_url`` (else ``WARWATCH_DB``, else ./warwatch.db).

    Args:
        token: the bearer token writes need; default ``WARWATCH_TOKEN``. Without one, writes are refused.
        max_body_bytes: the largest request body accepted (413 beyond).
    Raises:
        StoreError: the store cannot be opened or upgraded.
    """
    store = open_store(database_url(store_url))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="warwatch",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: neither offline nor allowed by the CSP
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get("WARWATCH_TOKEN") or None
    app.state.extract = Extractor()
    install_error_handlers(app, crash_headers=SECURITY_HEADERS)
    app.include_router(api)
    install_pages(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so a 413 carries the headers too
    log.info("serving %s (writes %s)", store.url, "enabled" if app.state.token else "disabled")
    return app
