"""The accuracy gate: `warwatch evaluate` on the seed and the development sets stays above pinned floors.

The floors live in tests/eval_floors.json; speed is measured by `make bench`, never here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warwatch import evaluate as scoring
from warwatch.model import Event
from warwatch.pipeline import Pipeline
from warwatch.pipeline.load import read_articles

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
CEILINGS = {"non_events_violated"}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("gold", [key for key in FLOORS if not key.startswith("_")])
def test_accuracy_gate(gold: str, shared_dir: Path, pipeline: Pipeline) -> None:
    def predict(item: scoring.GoldArticle) -> tuple[Event, ...]:
        return tuple(e for article in read_articles(item.file, published=item.published) for e in pipeline(article))

    summary = scoring.evaluate(scoring.load_gold(shared_dir / gold), predict).to_dict()["summary"]
    for figure, floor in FLOORS[gold].items():
        value = summary[figure]["value"] or 0.0
        if figure in CEILINGS:
            assert value <= floor, f"{gold}: {figure} {value} rose above its ceiling {floor}"
        else:
            assert value >= floor, f"{gold}: {figure} {value} fell below its floor {floor}"
