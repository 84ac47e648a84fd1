"""warwatch's REST API and dashboard server: ``create_app(store_url, token=...)`` (see ``app.py``)."""

from .app import create_app

__all__ = ["create_app"]
