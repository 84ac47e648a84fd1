"""Scoring the cross-article merge: which articles end up sharing an event, against a truth file.

Job: run the real pipeline on every article of a folder, ingest them into a fresh in-memory store
(so the store's incremental merge decides, as in production), and compare the result with the
folder's ``truth.json``.
In: a folder of ``NAME.txt`` (+ ``NAME.meta.json``) articles and ``truth.json``:
``{"clusters": {"label": ["NAME", ...], ...}}``, each cluster the articles that report one real
event (a cluster of one: a near-miss that must stay apart).
Out: ``MergeScores``: pairwise precision and recall over pairs of articles, and what went wrong.

A pair of articles is predicted when some stored event holds reports of both, and true when the
truth puts both in one cluster. An article the pipeline finds no event in cannot pair with any:
it shows in ``reports_per_article`` as 0 (extraction, not merging, is then the limit).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Article, Event
from .pipeline.load import read_articles
from .pipeline.merge import DEFAULT_RULES, MergeRules
from .store import open_store

TRUTH_FILE = "truth.json"
Pair = tuple[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeScores:
    """Pairwise merge figures over the articles of one folder."""

    articles: int
    reports: int  # events the pipeline found, one article at a time
    events: int  # events stored once merged
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    false_pairs: tuple[Pair, ...]  # merged, but the truth keeps them apart
    missed_pairs: tuple[Pair, ...]  # one event by the truth, kept apart
    clusters: int  # truth clusters of two articles or more
    whole_clusters: int  # ... whose articles all share one stored event
    reports_per_article: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_truth(folder: Path) -> dict[str, str]:
    """Article name (file stem) -> its cluster label, from ``folder/truth.json``.

    Raises:
        InputError: the file is missing, is not JSON, or names an article twice.
    """
    path = folder / TRUTH_FILE
    try:
        clusters = json.loads(path.read_text(encoding="utf-8"))["clusters"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(f'{path}: cannot read the merge truth ({err}); it needs {{"clusters": {{...}}}}') from err
    truth: dict[str, str] = {}
    for label, names in clusters.items():
        for name in names:
            if name in truth:
                raise InputError(f"{path}: article {name!r} is in clusters {truth[name]!r} and {label!r}; keep one")
            truth[name] = label
    return truth


def evaluate_merge(
    folder: Path,
    extract: Callable[[Article], tuple[Event, ...]],
    *,
    rules: MergeRules = DEFAULT_RULES,
    order: Sequence[str] | None = None,
) -> MergeScores:
    """Extract, ingest and score every article of ``folder`` (see the module docstring).

    ``extract`` is the pipeline (``Pipeline()``); ``order`` the article names in ingestion order
    (default: sorted), which must not change the result.

    Raises:
        InputError: an article is missing from the truth file, or the truth names a missing file.
    """
    truth = load_truth(folder)
    names = sorted(path.stem for path in folder.glob("*.txt"))
    _check(folder, names, truth)
    reports: dict[str, int] = {}
    with open_store("sqlite://", rules=rules) as store:
        for name in order or names:
            for article in read_articles(folder / f"{name}.txt"):
                found = extract(article)
                reports[name] = len(found)
                store.add_article(article, found)
        name_of = {article.id: Path(article.path or "").stem for article in store.iter_articles()}
        events = list(store.iter_events())
    predicted = {pair for event in events for pair in _pairs(name_of[a] for a in event.articles if a in name_of)}
    true = {pair for pair in _pairs(names) if truth[pair[0]] == truth[pair[1]]}
    correct = predicted & true
    groups = [{n for n in names if truth[n] == label} for label in sorted(set(truth.values()))]
    groups = [group for group in groups if len(group) > 1]
    held = [{name_of[a] for a in event.articles if a in name_of} for event in events]
    return MergeScores(
        articles=len(names),
        reports=sum(reports.values()),
        events=len(events),
        true_pairs=len(true),
        predicted_pairs=len(predicted),
        correct_pairs=len(correct),
        precision=round(len(correct) / len(predicted), 4) if predicted else 1.0,
        recall=round(len(correct) / len(true), 4) if true else 1.0,
        false_pairs=tuple(sorted(predicted - true)),
        missed_pairs=tuple(sorted(true - predicted)),
        clusters=len(groups),
        whole_clusters=sum(any(group <= names_held for names_held in held) for group in groups),
        reports_per_article=dict(sorted(reports.items())),
    )


def _check(folder: Path, names: list[str], truth: dict[str, str]) -> None:
    if missing := sorted(set(names) - truth.keys()):
        raise InputError(f"{folder / TRUTH_FILE}: no cluster for {', '.join(missing)}; add each article to one")
    if absent := sorted(truth.keys() - set(names)):
        raise InputError(f"{folder / TRUTH_FILE}: names {', '.join(absent)}, which have no .txt file in {folder}")


def _pairs(names: Iterable[str]) -> set[Pair]:
    return {(a, b) for a, b in combinations(sorted(set(names)), 2)}
