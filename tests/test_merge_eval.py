"""The merge corpus (tests/data/merge, invented reports) through the real pipeline and store: the bar and order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.errors import InputError
from warwatch.merge_eval import evaluate_merge, load_truth
from warwatch.model import Article, Event
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles
from warwatch.store import open_store

CORPUS = Path(__file__).resolve().parent / "data" / "merge"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def extracted(pipeline: Pipeline) -> list[tuple[Article, tuple[Event, ...]]]:
    """Every corpus article with the events the pipeline reads in it, extracted once."""
    return [(a, pipeline(a)) for path in sorted(CORPUS.glob("*.txt")) for a in read_articles(path)]


def test_merge_eval_corpus_is_invented_and_complete() -> None:
    truth = load_truth(CORPUS)
    names = {path.stem for path in CORPUS.glob("*.txt")}
    assert set(truth) == names
    for name in names:
        assert "INVENTED" in json.loads((CORPUS / f"{name}.meta.json").read_text())["note"]
    sizes = sorted(sum(label == other for other in truth.values()) for label in set(truth.values()))
    assert sum(2 <= size <= 4 for size in sizes) >= 6 and sizes.count(1) >= 3  # clusters and near-misses


def test_merge_eval_corpus_precision_and_recall(pipeline: Pipeline) -> None:
    scores = evaluate_merge(CORPUS, pipeline)
    assert scores.precision >= 0.95 and scores.recall >= 0.95, (scores.false_pairs, scores.missed_pairs)
    assert scores.whole_clusters == scores.clusters >= 6
    assert all(count > 0 for count in scores.reports_per_article.values())  # extraction found every event


def _ingest(extracted: list[tuple[Article, tuple[Event, ...]]], order: list[int]) -> list[dict[str, Any]]:
    with open_store("sqlite://") as store:
        for i in order:
            store.add_article(*extracted[i])
        return [event.to_dict() for event in store.iter_events()]


def test_merge_eval_any_order_gives_the_same_events(extracted: list[tuple[Article, tuple[Event, ...]]]) -> None:
    """Events compared by content, ids included: they derive from the reports, not from the order."""
    expected = _ingest(extracted, list(range(len(extracted))))
    assert _ingest(extracted, list(reversed(range(len(extracted))))) == expected

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(order=st.permutations(range(len(extracted))))
    def check(order: list[int]) -> None:
        assert _ingest(extracted, order) == expected

    check()


@pytest.mark.parametrize(
    ("truth", "message"),
    [
        (None, "cannot read the merge truth"),
        ({"clusters": {"x": ["a"], "y": ["a", "b"]}}, "article 'a' is in clusters 'x' and 'y'; keep one"),
        ({"clusters": {"x": ["a"]}}, "no cluster for b; add each article to one"),
        ({"clusters": {"x": ["a", "b", "c"]}}, "names c, which have no .txt file"),
    ],
)
def test_merge_eval_truth_errors(tmp_path: Path, truth: dict[str, Any] | None, message: str) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Gunmen killed two farmers in Konduga on Monday.\n")
    if truth is not None:
        (tmp_path / "truth.json").write_text(json.dumps(truth))
    with pytest.raises(InputError, match=message):
        evaluate_merge(tmp_path, lambda article: ())
