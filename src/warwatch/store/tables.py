"""The store's tables: articles, events, claims, and the merge bookkeeping (reports, decisions, audit log).

The tables are created by the Alembic migrations in ``migrations/``; these ``Table`` objects describe them
for queries, and let Alembic compare the two (a test checks they agree). ``events`` holds each event whole
as JSON (``data``) beside copies of the fields that queries filter on; ``reports`` holds what each article
said of an event, so merged events can be rebuilt.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints let Alembic's batch mode (SQLite) alter or drop them later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)

article_table = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # Article.id: the content hash
    Column("text", Text, nullable=False),
    Column("published", Date),
    Column("publisher", Text),
    Column("url", Text),
    Column("title", Text),
    Column("language", String(16)),
    Column("path", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

event_table = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("date", Date, nullable=False),
    Column("date_start", Date, nullable=False),  # date_range, or date twice
    Column("date_end", Date, nullable=False),
    Column("time_precision", SmallInteger, nullable=False),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SmallInteger),
    Column("fatalities_best", Integer),
    Column("status", String(16), nullable=False),
    Column("search", Text, nullable=False),  # evidence, actors, place and sources: what `text=` searches
    Column("data", Text, nullable=False),  # Event.to_dict() as JSON: the event itself
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_lat_lon", "lat", "lon"),
    # (filter, date, id): a filtered list newest first reads its page straight off the index
    Index("ix_events_country_date_id", "country", "date", "id"),
    Index("ix_events_event_type_date_id", "event_type", "date", "id"),
)

event_article_table = Table(
    "event_articles",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_event_articles_article_id", "article_id"),
)

claim_table = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    # No foreign key: a merged event's claim may cite an article that is stored later (or not at all).
    Column("article_id", String(64)),
    Column("source", Text),
    Column("value", Integer, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("span_text", Text),
    Index("ix_claims_event_id", "event_id"),
)

report_table = Table(
    "reports",
    metadata,
    # One article's reading of one event: the Event the pipeline made, as it came.
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(64), nullable=False),  # the event it is part of now; no foreign key: events are rebuilt
    Column("grp", String(64), nullable=False),  # every report it could ever be grouped with has the same label
    Column("event_type", String(64), nullable=False),
    Column("date_start", Date, nullable=False),
    Column("date_end", Date, nullable=False),
    Column("country", String(8), nullable=False),  # "" when unplaced
    Column("geo_precision", SmallInteger, nullable=False),  # 0 when unplaced
    Column("cell", Integer),  # pipeline.merge.grid_cell: the 1-degree cell of a point place
    Column("data", Text, nullable=False),  # Event.to_dict() as JSON
    # Candidate lookup (_candidate_queries): one index per kind of place; date_end rides along so that
    # the date window is checked inside the index.
    Index("ix_reports_cell", "event_type", "cell", "date_start", "date_end"),
    Index("ix_reports_area", "event_type", "country", "geo_precision", "date_start", "date_end"),
    Index("ix_reports_day", "event_type", "date_start", "date_end"),
    Index("ix_reports_event_id", "event_id"),
    Index("ix_reports_grp", "grp"),
    Index("ix_reports_article_id", "article_id"),
)

audit_table = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", Text, nullable=False),
    Column("action", String(16), nullable=False),  # "merge" or "split"
    Column("detail", Text, nullable=False),  # JSON: the events and article named, the events that resulted
)

decision_table = Table(
    "merge_decisions",
    metadata,
    # An analyst's word on a pair of reports: "merge" keeps them in one event, "split" keeps them apart.
    # Automatic merging never overrides it; a later decision on the same pair replaces it.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_a", String(64), nullable=False),  # report_a < report_b
    Column("report_b", String(64), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("audit_id", Integer, ForeignKey("audit_log.id"), nullable=False),
    UniqueConstraint("report_a", "report_b", name="uq_merge_decisions_report_a_report_b"),
    Index("ix_merge_decisions_report_b", "report_b"),
)
