"""Merging across articles: per-article reports behind each event, analysts' decisions, the audit log.

Revision ID: 0004
Revises: 0003
Create Date: 2025-11-26

Tables described in warwatch.store.tables (``report_table``, ``decision_table``, ``audit_table``). Every
event stored before this revision becomes the one report of itself, so nothing is lost and the
old events stay as they were (they are compared with new articles from now on).
"""

import json
import math
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("grp", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("geo_precision", sa.SmallInteger(), nullable=False),
        sa.Column("cell", sa.Integer()),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_reports_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(op.f("ix_reports_cell"), "reports", ["event_type", "cell", "date_start", "date_end"])
    op.create_index(
        op.f("ix_reports_area"), "reports", ["event_type", "country", "geo_precision", "date_start", "date_end"]
    )
    op.create_index(op.f("ix_reports_day"), "reports", ["event_type", "date_start", "date_end"])
    op.create_index(op.f("ix_reports_event_id"), "reports", ["event_id"])
    op.create_index(op.f("ix_reports_grp"), "reports", ["grp"])
    op.create_index(op.f("ix_reports_article_id"), "reports", ["article_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "merge_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_a", sa.String(64), nullable=False),
        sa.Column("report_b", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audit_log.id"], name=op.f("fk_merge_decisions_audit_id_audit_log")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_decisions")),
        sa.UniqueConstraint("report_a", "report_b", name=op.f("uq_merge_decisions_report_a_report_b")),
    )
    op.create_index(op.f("ix_merge_decisions_report_b"), "merge_decisions", ["report_b"])
    _events_become_reports()


def downgrade() -> None:
    op.drop_table("merge_decisions")
    op.drop_table("audit_log")
    op.drop_table("reports")


def _events_become_reports() -> None:
    """Each stored event, with the article it is linked to, becomes its own report (and group)."""
    conn = op.get_bind()
    events = sa.table("events", sa.column("id"), sa.column("data"))
    links = sa.table("event_articles", sa.column("event_id"), sa.column("article_id"))
    reports = sa.table("reports", *(sa.column(name) for name in _REPORT_COLUMNS))
    query = sa.select(events.c.id, events.c.data, sa.func.min(links.c.article_id).label("article_id")).join(
        links, links.c.event_id == events.c.id
    )
    rows = [_report(row.id, row.article_id, json.loads(row.data)) for row in conn.execute(query.group_by(events.c.id))]
    if rows:
        conn.execute(sa.insert(reports), rows)


_REPORT_COLUMNS = (
    "id", "article_id", "event_id", "grp", "event_type", "date_start", "date_end", "country", "geo_precision", "cell",
    "data",
)  # fmt: skip


def _report(event_id: str, article_id: str, data: dict) -> dict:
    """The reports row of an event as it was stored (``rows.report_row`` as of this revision)."""
    day = date.fromisoformat(data["date"])
    start, end = (date.fromisoformat(d) for d in data["date_range"]) if data.get("date_range") else (day, day)
    place = data.get("location")
    cell = None
    if place and place["geo_precision"] < 3:  # pipeline.merge.grid_cell as of this revision
        cell = (min(max(math.floor(place["lat"]), -90), 89) + 90) * 360 + (math.floor(place["lon"]) + 180) % 360
    return {
        "id": event_id,
        "article_id": article_id,
        "event_id": event_id,
        "grp": event_id,
        "event_type": data["event_type"].replace("\x00", ""),
        "date_start": start,
        "date_end": end,
        "country": place["country"].replace("\x00", "") if place else "",
        "geo_precision": place["geo_precision"] if place else 0,
        "cell": cell,
        "data": json.dumps(data, ensure_ascii=False),
    }
