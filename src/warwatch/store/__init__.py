"""warwatch's event store: SQLAlchemy over SQLite (default) or PostgreSQL, schema by Alembic.

``open_store(url)`` opens and upgrades a store; ``SqlStore`` is its one implementation.
"""

from .sql import SqlStore, alembic_config, open_store

__all__ = ["SqlStore", "alembic_config", "open_store"]
