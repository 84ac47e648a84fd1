"""The first schema: articles, events, the links between them, and fatality claims.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Constraint names are written out (op.f) as the naming convention of warwatch.store.tables makes them.


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.Date()),
        sa.Column("publisher", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("language", sa.String(16)),
        sa.Column("path", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("time_precision", sa.SmallInteger(), nullable=False),
        sa.Column("actor1", sa.Text()),
        sa.Column("actor2", sa.Text()),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geo_precision", sa.SmallInteger()),
        sa.Column("fatalities_best", sa.Integer()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_date_id"), "events", ["date", "id"])
    op.create_index(op.f("ix_events_lat_lon"), "events", ["lat", "lon"])
    op.create_index(op.f("ix_events_country"), "events", ["country"])
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"])
    op.create_table(
        "event_articles",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_articles_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_event_articles_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "article_id", name=op.f("pk_event_articles")),
    )
    op.create_index(op.f("ix_event_articles_article_id"), "event_articles", ["article_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("article_id", sa.String(64)),
        sa.Column("source", sa.Text()),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("span_start", sa.Integer()),
        sa.Column("span_end", sa.Integer()),
        sa.Column("span_text", sa.Text()),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_claims_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_event_id"), "claims", ["event_id"])


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("event_articles")
    op.drop_table("events")
    op.drop_table("articles")
