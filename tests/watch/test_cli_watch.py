"""`warwatch watch` and `warwatch stats` end to end, on the real pipeline and a loopback feed server.

The resume test runs the watcher as a subprocess, kills it with SIGKILL mid-run, and checks that a
second run stores every item exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from loopback import Route, Site, now_utc
from typer.testing import CliRunner

from warwatch.cli import app

HERE = Path(__file__).parent
PLACES = ["Kunduz", "Kandahar", "Herat", "Ghazni", "Mosul", "Aleppo", "Idlib", "Homs", "Gao", "Mopti"]


def report(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (
        f"Militants attacked a police checkpoint in {place} on Monday, killing {n + 2} officers, "
        f"a provincial spokesman said. The attack was the {n + 1}th in the area this year."
    )


def serve_news(site: Site, count: int, *, delay: float = 0.0) -> str:
    """A feed of ``count`` items whose pages answer after ``delay`` seconds."""
    items = []
    for n in range(count):
        site.page(f"/news/{n}", report(n))
        if delay:
            route = site.routes[f"/news/{n}"]
            site.routes[f"/news/{n}"] = _slow(route, delay, site)  # type: ignore[arg-type]
        items.append({"guid": f"urn:test:{n}", "link": site.url(f"/news/{n}"), "title": f"Report {n}",
                      "published": now_utc()})  # fmt: skip
    return site.feed("/feed.xml", items, etag="v1")


def _slow(route: Route, delay: float, site: Site):  # type: ignore[no-untyped-def]
    def handle(handler) -> None:  # type: ignore[no-untyped-def]
        time.sleep(delay)
        handler._answer(route, site.requests[-1])

    return handle


def count(db: Path, query: str) -> int:
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        try:
            return conn.execute(query).fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            return 0


def test_cli_watch_once_then_stats(site: Site, tmp_path: Path) -> None:
    feed = serve_news(site, 3)
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    result = runner.invoke(app, ["watch", feed, "--once", "--db", db, "--host-delay", "0"])
    assert result.exit_code == 0, result.output
    assert f"{feed}: 3 item(s), 3 new" in result.stderr
    assert f"{site.url('/news/0')}: stored article " in result.stderr
    assert "3 article(s) stored with " in result.stderr
    stats = runner.invoke(app, ["stats", "--db", db, "--json"])
    assert stats.exit_code == 0, stats.output
    figures = json.loads(stats.stdout)
    assert figures["items"] == {"pending": 0, "stored": 3, "duplicate": 0, "failed": 0}
    assert figures["latency"]["events"] >= 3 and figures["latency"]["undated"] == 0
    assert 0 <= figures["latency"]["median_s"] <= figures["latency"]["p95_s"] < 60
    table = runner.invoke(app, ["stats", "--db", db])
    assert "publication to event, p95" in table.stdout


def test_cli_watch_exit_status_and_errors(site: Site, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["watch", str(tmp_path / "nope"), "--db", str(tmp_path / "w.db")])
    assert missing.exit_code == 1
    assert (
        missing.stderr.strip()
        == f"Error: {tmp_path / 'nope'}: no such file or folder, and not an http(s) URL; check the source"
    )
    site.routes["/down.xml"] = Route(body=b"down", status=503, content_type="text/plain")
    down = runner.invoke(app, ["watch", site.url("/down.xml"), "--once", "--db", str(tmp_path / "w.db")])
    assert down.exit_code == 1  # for cron: a source failed
    assert "poll failed (1 in a row): HTTP 503 Service Unavailable; will retry later; next try in" in down.stderr


WATCHER = """
import sys
from loopback import fake_pipeline
from warwatch.store import open_store
from warwatch.watch import FetchLimits, Watcher, WatchOptions

feed, db, once = sys.argv[1], sys.argv[2], sys.argv[3] == "once"
options = WatchOptions(interval_s=0.5, limits=FetchLimits(host_delay_s=0, timeout_s=2, deadline_s=4))
with open_store(db) as store, Watcher(store, [(feed, "feed")], pipeline=fake_pipeline, options=options) as watcher:
    watcher.run(once=once)
"""


def test_watcher_killed_mid_run_resumes_without_loss_or_duplicates(site: Site, tmp_path: Path) -> None:
    """A watcher process killed with SIGKILL; the next run stores every item exactly once.

    The subprocess runs the watcher loop with the fast fake pipeline: the real one would cost a spaCy
    load per process and test nothing more about resuming.
    """
    total = 40
    feed = serve_news(site, total, delay=0.02)
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", WATCHER, feed, str(db)]
    log = (tmp_path / "first.log").open("w")
    first = subprocess.Popen([*command, "forever"], stdout=log, stderr=log, env=env)
    started = time.monotonic()
    while count(db, "SELECT count(*) FROM articles") < 5 and time.monotonic() - started < 60:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    log.close()
    partial = count(db, "SELECT count(*) FROM articles")
    assert 5 <= partial < total, (tmp_path / "first.log").read_text()[-2000:]
    second = subprocess.run([*command, "once"], capture_output=True, text=True, timeout=60, env=env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert count(db, "SELECT count(*) FROM articles") == total
    assert count(db, "SELECT count(DISTINCT url) FROM articles") == total
    assert count(db, "SELECT count(*) FROM events") == total
    assert count(db, "SELECT count(*) FROM watch_items WHERE status = 'stored'") == total
    assert count(db, "SELECT count(*) FROM watch_items") == total
    assert count(db, "SELECT count(*) FROM article_timing") == total
    fetched = [len(site.hits(f"/news/{n}")) for n in range(total)]
    assert all(hits in (1, 2) for hits in fetched) and sum(fetched) <= total + 1  # at most the one cut short


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_cli_watch_stops_cleanly_on_a_signal(site: Site, tmp_path: Path, signal_number: int) -> None:
    feed = serve_news(site, 2)
    db = tmp_path / "w.db"

    def signal_when_stored() -> None:  # only once the command runs: its handler is installed by then
        started = time.monotonic()
        while count(db, "SELECT count(*) FROM articles") < 2 and time.monotonic() - started < 60:
            time.sleep(0.05)
        os.kill(os.getpid(), signal_number)

    before = signal.getsignal(signal_number)
    sender = threading.Thread(target=signal_when_stored)
    sender.start()
    result = CliRunner().invoke(app, ["watch", feed, "--db", str(db), "--interval", "0.2", "--host-delay", "0"])
    sender.join()
    assert result.exit_code == 0, result.output
    assert "stopping after the current item" in result.stderr and "2 article(s) stored with" in result.stderr
    assert signal.getsignal(signal_number) is before  # the handlers are put back
