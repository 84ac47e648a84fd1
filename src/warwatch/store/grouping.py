"""Merge bookkeeping in the store: reports, the groups that regroup together, analysts' decisions, the audit log.

``SqlStore`` calls these inside its write transaction (see ``sql``'s module docstring for the guarantees):
each new report is compared with the ``candidates`` the indexes of ``reports`` return, and a regrouping
takes the ``neighbourhood`` of the groups it touches, ``closed`` over their events and analysts' merges.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from ..errors import StoreError
from ..model import Event
from ..pipeline.merge import MergeRules, search_cells, search_window
from . import rows
from .tables import audit_table, decision_table, report_table

log = logging.getLogger(__name__)

MAX_REGROUP = 200  # reports regrouped at once, at most (see SqlStore._rebuild)
_MERGE_LOCK = int.from_bytes(b"ww-merge")  # PostgreSQL advisory lock held by each write that merges
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored report with its place in the store."""

    id: str
    article_id: str
    event_id: str
    grp: str
    event: Event


def serialise_merges(conn: Connection) -> None:
    """One merging writer at a time: SQLite's BEGIN IMMEDIATE does it; PostgreSQL needs a lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_MERGE_LOCK)))


def insert_reports(conn: Connection, reports: Sequence[Event], article_id: str, alone: set[str]) -> None:
    """Report rows; those not ``alone`` (in an event of their own) wait for ``_rebuild`` with event_id ""."""
    for report in reports:
        row = rows.report_row(report, article_id) | ({} if report.id in alone else {"event_id": ""})
        try:
            conn.execute(insert(report_table), row)
        except IntegrityError as err:
            raise StoreError(
                f"event {report.id} of article {article_id} is stored already, so the article was not stored; "
                "give each event a unique id"
            ) from err


def candidate_queries(report: Event, rules: MergeRules) -> list[Select[Any]]:
    """Queries for every stored report ``same_event`` could accept, each served by one index of ``reports``.

    Same event type and a date window always; then unplaced reports, plus for a point place the
    grid cells within reach and the province-level reports of its country, and for a province-level
    place every placed report of its country. An unplaced report needs the whole date window.
    """
    c = report_table.c
    lowest_start, highest_start, lowest_end = search_window(report, rules)
    base = [
        c.event_type == rows.column_text(report.event_type),
        c.date_start >= lowest_start,
        c.date_start <= highest_start,
        c.date_end >= lowest_end,
    ]
    place = report.location
    if place is None:
        wheres = [base]
    elif place.geo_precision == 3:
        wheres = [[*base, c.country == "", c.geo_precision == 0], [*base, c.country == place.country,
                                                                    c.geo_precision.in_((1, 2, 3))]]  # fmt: skip
    else:
        wheres = [
            [*base, c.country == "", c.geo_precision == 0],
            [*base, c.cell.in_(search_cells(place, rules)), c.country == place.country],
            [*base, c.country == place.country, c.geo_precision == 3],
        ]
    columns = (c.id, c.article_id, c.event_id, c.grp, c.data)
    return [select(*columns).where(*where) for where in wheres]


def candidates(conn: Connection, report: Event, rules: MergeRules) -> list[StoredReport]:
    """The stored reports ``candidate_queries`` find, in one round trip."""
    found: dict[str, StoredReport] = {}
    for row in conn.execute(union_all(*candidate_queries(report, rules))):
        found.setdefault(row.id, _stored(row))
    return list(found.values())


def closed(
    conn: Connection, reports: list[StoredReport]
) -> tuple[list[StoredReport], set[tuple[str, str]], set[tuple[str, str]]]:
    """The reports with every other report of their events and their analyst-merged partners; their decisions.

    Groups hold all of these already, except after a regrouping bounded by MAX_REGROUP.
    """
    c = report_table.c
    while True:
        ids = sorted(r.id for r in reports)
        must, cannot = _decisions(conn, ids)
        partners = {i for pair in must for i in pair}
        events = {r.event_id for r in reports if r.event_id}
        wanted = or_(c.event_id.in_(sorted(events)), c.id.in_(sorted(partners)))
        extra = reports_where(conn, and_(wanted, c.id.not_in(ids)))
        if not extra:
            return reports, must, cannot
        reports = reports + extra


def neighbourhood(
    conn: Connection, groups: set[str], events: set[str], pending: set[str]
) -> tuple[list[StoredReport], Callable[[StoredReport], str]]:
    """The reports to regroup (see ``SqlStore._rebuild``) and the group label each gets."""
    c = report_table.c
    stored = sorted(groups - pending)
    if _count_reports(conn, c.grp.in_(stored)) + len(pending) <= MAX_REGROUP:
        reports = reports_where(conn, c.grp.in_(sorted(groups)))
        label = min([*stored, *pending])
        return reports, lambda report: label  # one neighbourhood now
    log.info("regrouping only events %s: their groups hold over %d reports", sorted(events), MAX_REGROUP)
    reports = reports_where(conn, or_(c.event_id.in_(sorted(events)), c.id.in_(sorted(pending))))
    label = min(stored or pending)
    return reports, lambda report: label if report.id in pending else report.grp


def move_reports(
    conn: Connection, reports: list[StoredReport], event_of: dict[str, str], group_of: Callable[[StoredReport], str]
) -> None:
    """Point the reports at their (new) events and groups, writing only those that change."""
    moved = [
        {"rid": r.id, "eid": event_of[r.id], "label": group_of(r)}
        for r in reports
        if (r.event_id, r.grp) != (event_of[r.id], group_of(r))
    ]
    if moved:
        c = report_table.c
        query = update(report_table).where(c.id == bindparam("rid")).values(event_id=bindparam("eid"))
        conn.execute(query.values(grp=bindparam("label")), moved)


def _count_reports(conn: Connection, where: ColumnElement[bool]) -> int:
    return conn.execute(select(func.count()).select_from(report_table).where(where)).scalar_one()


def reports_where(conn: Connection, where: ColumnElement[bool]) -> list[StoredReport]:
    c = report_table.c
    query = select(c.id, c.article_id, c.event_id, c.grp, c.data).where(where).order_by(c.id)
    return [_stored(row) for row in conn.execute(query)]


def _stored(row: Any) -> StoredReport:
    return StoredReport(row.id, row.article_id, row.event_id, row.grp, rows.event_from_data(row.id, row.data))


def joined(sets: Iterable[set[str]]) -> list[set[str]]:
    """Unions of the sets that share an element: the new reports that one regrouping must take together."""
    joined: list[set[str]] = []
    for item in sets:
        merged = set(item)
        for other in [j for j in joined if j & merged]:
            merged |= other
            joined.remove(other)
        joined.append(merged)
    return joined


def _decisions(conn: Connection, report_ids: Sequence[str]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Analysts' (merge pairs, split pairs) that involve these reports."""
    c = decision_table.c
    must: set[tuple[str, str]] = set()
    cannot: set[tuple[str, str]] = set()
    for chunk in chunks(report_ids):
        query = select(c.report_a, c.report_b, c.kind).where(or_(c.report_a.in_(chunk), c.report_b.in_(chunk)))
        for row in conn.execute(query):
            (must if row.kind == "merge" else cannot).add((row.report_a, row.report_b))
    return must, cannot


def decide(conn: Connection, pairs: Iterable[tuple[str, str]], kind: str, audit_id: int) -> None:
    """Record a decision on each pair of reports, replacing any earlier one on the same pair."""
    rows = [{"a": a, "b": b} for a, b in sorted({tuple(sorted(pair)) for pair in pairs})]
    if not rows:
        return
    c = decision_table.c
    conn.execute(delete(decision_table).where(c.report_a == bindparam("a"), c.report_b == bindparam("b")), rows)
    conn.execute(
        insert(decision_table),
        [{"report_a": r["a"], "report_b": r["b"], "kind": kind, "audit_id": audit_id} for r in rows],
    )


def audit(conn: Connection, who: str, action: str, detail: dict[str, Any], now: datetime) -> int:
    values = {"at": now, "who": who, "action": action, "detail": json.dumps(detail, ensure_ascii=False)}
    return conn.execute(insert(audit_table).values(values)).inserted_primary_key[0]  # type: ignore[index]


def audit_result(conn: Connection, audit_id: int, event_ids: list[str]) -> None:
    """Add the events a decision resulted in to its audit line."""
    detail = json.loads(conn.execute(select(audit_table.c.detail).where(audit_table.c.id == audit_id)).scalar_one())
    detail["result"] = event_ids
    conn.execute(update(audit_table).where(audit_table.c.id == audit_id).values(detail=json.dumps(detail)))


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
