"""Tests of merging in warwatch.store.sql: on ingest, by analysts, with indexes, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from warwatch.errors import StoreError
from warwatch.model import Actor, Article, Event, Fatalities, FatalityClaim, Place, Qualifier, Span
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles
from warwatch.pipeline.merge import DEFAULT_RULES, same_event
from warwatch.store import SqlStore, grouping, open_store, sql, tables

DAY = date(2019, 3, 11)
MOGADISHU = Place(name="Mogadishu", country="SO", lat=2.04, lon=45.34, geo_precision=1, admin1="Banaadir")
HODAN = Place(name="Hodan", country="SO", lat=2.03, lon=45.31, geo_precision=1, admin1="Banaadir")
MARKA = Place(name="Marka", country="SO", lat=1.72, lon=44.77, geo_precision=1, admin1="Lower Shabeelle")
BANAADIR = Place(name="Banaadir", country="SO", lat=2.04, lon=45.34, geo_precision=3, admin1="Banaadir")
SHABAAB = Actor(name="Al Shabaab", inter=2)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        yield opened


def article(name: str) -> Article:
    return Article(text=f"{name}: a car bomb exploded at a checkpoint, police said.", published=DAY)


def report(name: str, n: int = 0, **fields: Any) -> tuple[Article, Event]:
    """Article ``name`` and its n-th report: a car bomb in Mogadishu on DAY unless ``fields`` say otherwise."""
    source = article(name)
    values: dict[str, Any] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "date": DAY,
        "location": MOGADISHU,
        "actor1": SHABAAB,
        "evidence": (Span.of(source, 0, len(source.text)),),
        "articles": (source.id,),
    }
    return source, Event(id=f"{name}{n}", **(values | fields))


def with_claim(event: Event, value: int, source: str) -> Event:
    span = dataclasses.replace(event.evidence[0], end=5, text=event.evidence[0].text[:5])
    claim = FatalityClaim(value=value, qualifier=Qualifier.AT_LEAST, source=source, span=span)
    return dataclasses.replace(event, fatalities=Fatalities.from_claims((claim,)), sources=(source,))


def add(store: SqlStore, name: str, **fields: Any) -> Event:
    source, event = report(name, **fields)
    assert store.add_article(source, [event])
    return event


def snapshot(store: SqlStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the merge's tables, without the times of writing."""
    queries = {
        "events": select(tables.event_table.c.id, tables.event_table.c.data).order_by(tables.event_table.c.id),
        "reports": select(tables.report_table).order_by(tables.report_table.c.id),
        "links": select(tables.event_article_table).order_by(*tables.event_article_table.c),
        "claims": select(*[c for c in tables.claim_table.c if c.name != "id"]).order_by(*tables.claim_table.c),
    }
    with store.engine.connect() as conn:
        return {name: [tuple(row) for row in conn.execute(query)] for name, query in queries.items()}


# --- on ingest -------------------------------------------------------------------------------


def test_sql_merge_two_articles_become_one_event(store: SqlStore) -> None:
    source_a, first = report("a")
    source_b, second = report("b", location=HODAN)
    first, second = with_claim(first, 7, "Police Forces of Somalia"), with_claim(second, 9, "ambulance service")
    assert store.add_article(source_a, [first])
    assert store.add_article(source_b, [second])
    (merged,) = store.iter_events()
    assert merged.articles == tuple(sorted((source_a.id, source_b.id)))
    assert {(c.source, c.value) for c in merged.fatalities.claims} == {("Police Forces of Somalia", 7),
                                                                        ("ambulance service", 9)}  # fmt: skip
    assert (merged.fatalities.best, merged.fatalities.low, merged.fatalities.high) == (7, 7, 9)
    assert store.get_reports(merged.id) == (first, second)
    assert store.get_event("a0") == store.get_event("b0") == store.get_event(merged.id[:8]) == merged
    rows = snapshot(store)
    assert rows["links"] == sorted((merged.id, a) for a in merged.articles)
    claim_rows = sorted((row[0], row[1], row[2], row[3]) for row in rows["claims"])  # event, article, source, value
    assert claim_rows == sorted([(merged.id, source_a.id, "Police Forces of Somalia", 7),
                                 (merged.id, source_b.id, "ambulance service", 9)])  # fmt: skip
    assert store.count_events() == 1 and store.count_articles() == 2


def test_sql_merge_near_misses_stay_apart(store: SqlStore) -> None:
    add(store, "a")
    add(store, "b", location=MARKA)  # same day, 73 km away
    add(store, "c", date=DAY + timedelta(days=7))  # same town a week later
    add(store, "d", location=None)  # no place: joins a by its actor, but never bridges a and b
    add(store, "e", location=None, actor1=None)  # no place, no actor: nothing to tell it by
    groups = sorted(tuple(sorted(r.id for r in store.get_reports(e.id))) for e in store.iter_events())
    assert groups == [("a0", "d0"), ("b0",), ("c0",), ("e0",)]


def test_sql_merge_reingest_changes_nothing(store: SqlStore) -> None:
    pairs = [report(name, location=place) for name, place in (("a", MOGADISHU), ("b", HODAN), ("c", MARKA))]
    for source, event in pairs:
        store.add_article(source, [event])
    before = snapshot(store)
    assert [store.add_article(source, [event]) for source, event in pairs] == [False] * 3
    assert snapshot(store) == before


def test_sql_merge_articles_in_any_order_give_the_same_events() -> None:
    """Hypothesis permutes a scene where some reports only link through others (SQLite in memory)."""
    scene = [
        report("a"),
        report("b", location=HODAN),
        report("c", location=None),
        report("d", date=DAY + timedelta(days=7)),
        report("e", date=DAY + timedelta(days=7), location=HODAN),
        report("f", location=MARKA),
        report("g", location=MARKA, actor1=Actor(name="Unidentified Armed Group (Somalia)")),
        report("h", location=BANAADIR),
    ]

    def ingest(order: list[int]) -> list[dict[str, Any]]:
        with open_store("sqlite://") as memory:
            for i in order:
                source, event = scene[i]
                memory.add_article(source, [event])
            return [event.to_dict() for event in memory.iter_events()]

    expected = ingest(list(range(len(scene))))
    assert len(expected) == 3  # Mogadishu (a b c h), a week later (d e), Marka (f g)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(order=st.permutations(range(len(scene))))
    def check(order: list[int]) -> None:
        assert ingest(order) == expected

    check()


def test_sql_merge_writers_at_once_make_one_event(store_url: str) -> None:
    """Two stores (two connections) add reports of one event at the same moment: one event, not two."""
    with open_store(store_url):
        pass  # the schema first
    pairs = [report(name, location=place) for name, place in (("a", MOGADISHU), ("b", HODAN))]
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(pair: tuple[Article, Event]) -> None:
        try:
            with open_store(store_url) as own:
                barrier.wait()
                own.add_article(pair[0], [pair[1]])
        except BaseException as error:  # reported below: a thread cannot fail the test itself
            failures.append(error)

    threads = [threading.Thread(target=write, args=(pair,)) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures
    with open_store(store_url) as check:
        assert check.count_events() == 1 and check.count_articles() == 2


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_sql_merge_big_neighbourhoods_regroup_only_the_events_matched(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_REGROUP reports a rebuild takes only the matched events (and analysts' partners): still right here."""
    monkeypatch.setattr(grouping, "MAX_REGROUP", 2)
    for name, place in (("a", MOGADISHU), ("b", HODAN), ("c", MOGADISHU)):
        add(store, name, location=place)
    assert {r.id for r in store.get_reports("c0")} == {"a0", "b0", "c0"}
    add(store, "f", location=MARKA)
    merged = store.merge_events(["a0", "f0"], who="ana")
    assert {r.id for r in store.get_reports(merged.id)} == {"a0", "b0", "c0", "f0"}
    add(store, "g", location=MARKA)  # reports f's event; the analyst's merge stays whole
    assert {"a0", "f0"} <= {r.id for r in store.get_reports("f0")}
    assert store.get_event("g0") is not None and store.count_events() == 2


# --- analysts ------------------------------------------------------------------------------------


def test_sql_merge_by_analyst_survives_later_ingests(store: SqlStore) -> None:
    add(store, "a")
    add(store, "f", location=MARKA)
    assert store.count_events() == 2
    merged = store.merge_events(["a0", "f0"], who="ana")
    assert {r.id for r in store.get_reports(merged.id)} == {"a0", "f0"}
    assert any(c.startswith("places differ: Marka vs Mogadishu") for c in merged.conflicts)
    add(store, "g", location=MARKA, date=DAY)  # reports f's event; must not undo the analyst's merge
    add(store, "z", date=DAY + timedelta(days=1))
    holder = store.get_event("a0")
    assert holder is not None and {"a0", "f0"} <= {r.id for r in store.get_reports(holder.id)}
    (entry,) = store.audit_log()
    assert (entry.who, entry.action, entry.detail["events"]) == ("ana", "merge", ["a0", "f0"])
    assert entry.detail["result"] == [merged.id] and entry.at is not None
    assert store.audit_log(event_id="f0") == [entry] and store.audit_log(event_id="nothing") == []


def test_sql_split_by_analyst_is_never_undone(store: SqlStore) -> None:
    add(store, "a")
    b = add(store, "b", location=HODAN)
    add(store, "c", location=None)
    event = store.get_event("a0")
    assert event is not None and len(event.articles) == 3
    parts = store.split_event(event.id, b.articles[0][:6], who="ben")
    assert [sorted(r.id for r in store.get_reports(p.id)) for p in parts] == [["b0"], ["a0", "c0"]]
    add(store, "d", location=HODAN)  # matches both sides: joins one, never rejoins them
    assert store.get_event("a0") != store.get_event("b0")
    assert store.audit_log()[0].detail == {"event": event.id, "article": b.articles[0], "result": [p.id for p in parts]}
    again = store.merge_events(["a0", "b0"], who="ben")  # a later decision on the same pair wins
    assert {"a0", "b0"} <= {r.id for r in store.get_reports(again.id)}
    assert [e.action for e in store.audit_log()] == ["split", "merge"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.merge_events(["a0"], who="x"), "merging needs two different events; a0 name only a0"),
        (lambda s: s.merge_events(["a0", "a0"], who="x"), "merging needs two different events"),
        (lambda s: s.merge_events(["a0", "zzz"], who="x"), "no event 'zzz' in the store at"),
        (lambda s: s.split_event("zzz", "x", who="x"), "no event 'zzz' in the store at"),
        (lambda s: s.split_event("f0", "nope", who="x"), "event f0 has no report from article 'nope'; its articles"),
        (lambda s: s.split_event("f0", "", who="x"), "event f0 has no report from article ''"),
        (lambda s: s.split_event("f0", article("f").id, who="x"), "holds reports of article"),
    ],
)
def test_sql_merge_and_split_errors(store: SqlStore, call: Any, message: str) -> None:
    add(store, "a")
    add(store, "f", location=MARKA)
    with pytest.raises(StoreError, match=message.replace("(", r"\(")):
        call(store)
    assert store.audit_log() == []


# --- indexes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "place",
    [MOGADISHU, None, BANAADIR],
)
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_sql_merge_candidates_come_from_indexes(store: SqlStore, place: Place | None) -> None:
    """SQLite's plan for every candidate query searches an index of reports; it never scans the table."""
    _, event = report("q", location=place)
    with store.engine.connect() as conn:
        for query in grouping.candidate_queries(event, DEFAULT_RULES):
            compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
            plan = " ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
            assert "USING INDEX ix_reports_" in plan and "SCAN" not in plan, plan


_places = st.sampled_from(
    [
        None,
        MOGADISHU,
        HODAN,
        MARKA,
        dataclasses.replace(MOGADISHU, geo_precision=2, lat=2.3),
        BANAADIR,
        Place(name="Somalia", country="SO", lat=2.04, lon=45.34, geo_precision=3),
        Place(name="Nairobi", country="KE", lat=-1.29, lon=36.82, geo_precision=1),
    ]
)


@st.composite
def reports(draw: st.DrawFn, name: str) -> tuple[Article, Event]:
    start = DAY + timedelta(days=draw(st.integers(-10, 10)))
    return report(
        name,
        date=start,
        date_range=(start, start + timedelta(days=draw(st.sampled_from([0, 0, 1, 6, 30])))),
        time_precision=draw(st.sampled_from([1, 2, 3])),
        location=draw(_places),
        actor1=draw(st.sampled_from([SHABAAB, None, Actor(name="Military Forces of Somalia")])),
        event_type=draw(st.sampled_from(["Explosions/Remote violence", "Battles"])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=st.lists(st.integers(0, 10**6), min_size=1, max_size=12, unique=True), data=st.data())
def test_sql_merge_candidates_hold_every_match(stored: list[int], data: st.DataObject) -> None:
    """Whatever ``same_event`` accepts among the stored reports, the index queries return."""
    pairs = [data.draw(reports(f"s{n}-")) for n in stored]
    _, new = data.draw(reports("new"))
    with open_store("sqlite://") as memory:
        for source, event in pairs:
            memory.add_article(source, [event])
        with memory.engine.connect() as conn:
            found = {row.id for row in grouping.candidates(conn, new, DEFAULT_RULES)}
    assert {e.id for _, e in pairs if same_event(new, e)} <= found


# --- the schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_sql_merge_migration_keeps_older_events(store: SqlStore) -> None:
    """Events stored before the merge revision become their own reports, and new articles merge into them."""
    store.downgrade("0003")
    source, old = report("old")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        sql._insert_article(conn, source, now)
        sql._insert_event(conn, old, [source.id], now)
    store.upgrade()
    assert store.get_reports("old0") == (old,)
    add(store, "new", location=HODAN)
    (event,) = store.iter_events()
    assert {r.id for r in store.get_reports(event.id)} == {"old0", "new0"}
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.report_table)).scalar_one() == 2


# --- the real pipeline ---------------------------------------------------------------------------


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_sql_merge_seed_and_a_second_report_of_the_highway_attack(store: SqlStore) -> None:
    """The seed (58 by the monitor, 100 by ISIL) and an invented follow-up (63): one event, every claim."""
    pipeline = Pipeline()
    names = ("seed_aljazeera_2017-09-29.txt", "invented_highway_followup_2017-09-30.txt")
    articles = [a for name in names for a in read_articles(SAMPLES / name)]
    for source in articles:
        store.add_article(source, pipeline(source))
    merged = [e for e in store.iter_events() if len(e.articles) > 1]
    assert len(merged) == 1
    (attack,) = merged
    assert set(attack.articles) == {a.id for a in articles}
    claims = {(c.source, c.value, str(c.qualifier), str(c.certainty), c.span.article_id)  # type: ignore[union-attr]
              for c in attack.fatalities.claims}  # fmt: skip
    assert claims == {
        ("Syrian Observatory for Human Rights", 58, "more than", "reported", articles[0].id),
        ("Islamic State", 100, "around", "claimed", articles[0].id),
        ("war monitor", 63, "at least", "reported", articles[1].id),
        # "the toll ... had risen to at least 63": the same figure, named the second time with its source
        ("Syrian Observatory for Human Rights", 63, "at least", "reported", articles[1].id),
    }
    # best: the lowest figure of a source that is not a party (58); low: the lowest credible; high: the highest
    assert (attack.fatalities.best, attack.fatalities.low, attack.fatalities.high) == (58, 58, 100)
    assert attack.sub_event_type == "Armed clash" and attack.date == date(2017, 9, 28)
    assert {attack.actor1.name, attack.actor2.name} == {"Islamic State", "Military Forces of Syria"}  # type: ignore[union-attr]
