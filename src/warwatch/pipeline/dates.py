"""The dates stage: when did each event mention happen, read against the publication date.

In: the article (its text and ``published`` date), its spaCy ``Doc`` (sentences, dependency
parse, DATE entities) and the event mentions. Out: one ``When`` per mention, in order: a date,
a date range when the day is not known, and the ACLED ``time_precision`` (1 day, 2 week,
3 month). Actors, places and figures are left to their own stages.

How:
1. A small grammar of regular expressions finds every date expression of the article: dates
   with or without a year ("19 September 2017", "Sept. 19", "2017-09-19", "on the 19th"),
   months ("in April", "last May"), years ("in 2014", "last year", "the 2014 attack", "a 2015 raid": the year, at month
   precision, so that what happened then reads as history), weekdays ("late Thursday"), words relative to publication
   ("yesterday", "last week", "earlier this month") or to another date ("the same day",
   "days later"). spaCy DATE entities the grammar does not cover are read by dateparser, but
   only when they name a month or look like a numeric date, so durations ("three-year-long",
   "46-minute", "almost a year"), ages and bare numbers never become dates.
2. Each expression is resolved against the publication date. One relative to another date
   uses the anchor: the last exact date before it, in its sentence or the sentence before.
3. Each mention takes, in order: the date in its sentence closest to the trigger in the
   dependency tree (one governed by the trigger first) that does not belong to a speech act nor
   to the phrase of another event noun ("following the capture of the town this month");
   else the speech act's date ("ISIL said on Thursday it had killed..."); else the nearest
   date before it in its paragraph; else the date line ("KABUL, May 9 (Reuters) -",
   "On 9 May 2020, ..."); else the recent day the article's lead tells of ("protests in several
   towns on Monday"), carried as assembly carries a day told before; else the publication fallback below.

Conventions, so that results are predictable:
- A resolved date is never after publication: expressions pointing to the future are dropped.
- A date without a year is the most recent such day on or before publication; a weekday is
  the most recent such weekday on or before publication ("on Friday" in a Friday article is
  that day); "last Friday" in a Friday article is the week before.
- A vague expression gives its range and the range's first day as the date (as ACLED codes a
  month to one representative day): "last week" is the previous Monday..Sunday, precision 2.
- A date reported or hedged ("said on Thursday", "as reported on 7 May", "around 7 May") is
  kept as the date, with precision 2 and a range of three days before it (and after it, for
  "around"), since the event may precede the report.
- With no date in reach, news tells of the day before or the day of publication: date =
  published, range (published - 1 day, published), precision 1. No publication date: today.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Token

from ..model import Article, Mention, Span, When
from ..registry import DateResolver
from .event_words import TRIGGERS
from .nlp import entities, sentences, text_of
from .vocabulary import may_match

log = logging.getLogger(__name__)

DAY, WEEK, MONTH = 1, 2, 3  # ACLED time_precision codes
_ONE = timedelta(days=1)
_HEDGE_DAYS = timedelta(days=3)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_WORDS = "January February March April May June July August September October November December".split()
_MONTH_FULL = "|".join(_MONTH_WORDS)
_MONTH_SHORT = "|".join(["Sept", *(m[:3] for m in _MONTH_WORDS if len(m) > 3)])
# Title or UPPER case only ("may", "march" are words); the dot only after an abbreviation.
_MONTH = rf"(?:(?:{_MONTH_FULL}|{_MONTH_FULL.upper()})\b|(?:{_MONTH_SHORT}|{_MONTH_SHORT.upper()})\b\.?)"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)},
}
_COUNT = rf"(?:\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})"
_YEAR = r"(?:19|20)\d{2}"
_LAST_YEAR = r"\s+(?P<lastyear>(?i:last|the\s+previous)\s+year)\b"  # "December 3 last year", "in May last year"
_SINCE = r"(?P<since>(?i:since)\s+)?"
_HEDGE = r"(?P<hedge>(?i:around|about|approximately|circa|(?:as\s+)?reported\s+on)\s+)?"

# Lemmas whose date is the date of a statement, not of the event the statement is about.
_SPEECH_VERBS = frozenset(
    "say tell report announce claim state add confirm deny accuse allege warn declare write post tweet publish "
    "quote note explain reveal insist acknowledge admit describe indicate suggest comment mention stress urge "
    "threaten vow".split()
)
_SPEECH_NOUNS = frozenset("statement report announcement interview conference briefing communique message".split())
_SPEECH = _SPEECH_VERBS | _SPEECH_NOUNS
# What may stand before the date of a date line: a CITY (, COUNTRY), or a "Label:" of an ACLED note.
_DATELINE_PREFIX = re.compile(r"\s*(?:[A-Z][\w .'/-]{0,40}[,:]\s*){0,2}(?:[Oo]n\s+)?")
_FILED = re.compile(r"\s*(?:Published|Updated|Posted)(?:\s+[Oo]n)?\s*")  # a web page's filing line
_AGENCY = r"\s*(?:\([^()\n]{1,30}\)\s*)?"  # "(Reuters)"
_DATELINE_DASH = re.compile(_AGENCY + "[-–—]")  # what ends a date line: "(Reuters) -", " – "
_FILING_END = re.compile(_AGENCY + "[-–—:]")  # ... or a report's filing line: "SOPORE, Apr 5:"


def _calendar(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return [m[:3] for m in _MONTH_WORDS].index(word.strip(".")[:3].title()) + 1


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - _ONE


def _span(first: date, last: date, precision: int, day: date | None = None) -> When:
    return When(date=day or first, date_range=(first, last), time_precision=precision)


def _since(first: date, published: date) -> When:
    """From D to publication ("since D"), as precise as that stretch is long."""
    days = (published - first).days
    return _span(first, published, DAY if days <= 1 else WEEK if days <= 7 else MONTH)


def _reported(day: date) -> When:
    """The date of a report or statement: the event happened on it or in the days before."""
    return _span(day - _HEDGE_DAYS, day, WEEK, day)


def _qualify(day: date, match: re.Match[str], published: date) -> When:
    """Applies "since", "around" and "as reported" around a resolved day."""
    groups = match.groupdict()
    hedge = (groups.get("hedge") or "").lower() + (groups.get("asreported") or "").lower()
    if groups.get("since"):
        return _since(day, published)
    if hedge.startswith(("around", "about", "approx", "circa")):
        return _span(day - _HEDGE_DAYS, day + _HEDGE_DAYS, WEEK, day)
    if "reported" in hedge:
        return _reported(day)
    return When(date=day)


def _most_recent(month: int, day: int, published: date) -> date | None:
    """The latest month/day on or before publication (a 29 February may be years back)."""
    for year in range(published.year, published.year - 9, -1):
        found = _calendar(year, month, day)
        if found is not None and found <= published:
            return found
    return None


# Each resolver reads one match against (published, anchor) and returns a When or None.
Resolve = Callable[[re.Match[str], date, date | None], When | None]


def _absolute(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    month = _month_number(match["m1"] or match["m2"])
    number = int(match["d1"] or match["d2"])
    year = int(match["y"]) if match["y"] else published.year - 1 if match["lastyear"] else None
    day = _calendar(year, month, number) if year else _most_recent(month, number, published)
    return _qualify(day, match, published) if day else None


def _iso(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    day = _calendar(int(match["y"]), int(match["mo"]), int(match["d"]))
    return When(date=day) if day else None


def _weekday(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    modifier = (match["mod"] or "").lower()
    if match["plural"] or modifier == "next":  # "on Fridays" is a habit, "next Friday" the future
        return None
    back = (published.weekday() - _WEEKDAYS.index(match["wd"].lower())) % 7
    if back == 0 and modifier in ("last", "past", "previous"):
        back = 7
    return _qualify(published - timedelta(days=back), match, published)


def _month(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    # a bare "May" or "march" is too often the verb, "august" the adjective; "the August massacre" is dated
    bare = not (match["y"] or match["pre"] or match["mod"])
    if bare and (match["m"].lower() in _VERB_MONTHS or not match["m"][:1].isupper()):
        return None
    month = _month_number(match["m"])
    year = int(match["y"]) if match["y"] else published.year - 1 if match["lastyear"] else None
    first = date(year or published.year, month, 1)
    last = (match["pre"] or "").lower() in ("last", "past", "previous")
    if not year and (first > published or (last and first.month == published.month)):
        first = first.replace(year=first.year - 1)  # "last May" in a May article: a year ago
    if (match["pre"] or "").lower() == "since":
        return _since(first, published)
    return _span(first, _month_end(first), MONTH)


_VERB_MONTHS = frozenset({"may", "march"})


def _year(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    """A year named alone ("in 2014", "last year"): the whole year, up to publication, at month precision."""
    year = published.year - 1 if match["last"] else int(match["y"])
    if year > published.year:
        return None
    first = date(year, 1, 1)
    return _span(first, min(date(year, 12, 31), published), MONTH)


def _day_of_month(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    """That day ("on the 19th") of the publication month, else of the month before."""
    number, year, month = int(match["d"]), published.year, published.month
    for _ in range(2):
        day = _calendar(year, month, number)
        if day is not None and day <= published:
            return When(date=day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _recent(published: date) -> When:
    return _span(published - 7 * _ONE, published - _ONE, WEEK)


def _this_week(published: date) -> When:
    return _span(published - timedelta(days=published.weekday()), published, WEEK)


def _last_week(published: date) -> When:
    monday = published - timedelta(days=published.weekday() + 7)
    return _span(monday, monday + 6 * _ONE, WEEK)


def _weekend(published: date) -> When:
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return _span(saturday, saturday + _ONE, WEEK)


def _last_month(published: date) -> When:
    first = (published.replace(day=1) - _ONE).replace(day=1)
    return _span(first, _month_end(first), MONTH)


_RELATIVE: dict[str, Callable[[date], When]] = {
    **dict.fromkeys(
        ("today", "earlier today", "tonight", "this morning", "this afternoon", "this evening"),
        lambda p: When(date=p),
    ),
    **dict.fromkeys(
        ("yesterday", "yesterday morning", "yesterday afternoon", "yesterday evening", "last night"),
        lambda p: When(date=p - _ONE),
    ),
    "overnight": lambda p: _span(p - _ONE, p, DAY),
    "the day before yesterday": lambda p: When(date=p - 2 * _ONE),
    **dict.fromkeys(
        ("recently", "in recent days", "days ago", "a few days ago", "several days ago", "the past week"), _recent
    ),
    **dict.fromkeys(("this week", "earlier this week"), _this_week),
    "last week": _last_week,
    **dict.fromkeys(("the weekend", "last weekend", "this weekend", "over the weekend", "at the weekend"), _weekend),
    **dict.fromkeys(("this month", "earlier this month"), lambda p: _span(p.replace(day=1), p, MONTH)),
    **dict.fromkeys(("last month", "the previous month"), _last_month),
    **dict.fromkeys(("this year", "earlier this year"), lambda p: _span(p.replace(month=1, day=1), p, MONTH)),
}


def _relative(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    return _RELATIVE[" ".join(match["x"].lower().split())](published)


def _days_ago(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    return When(date=published - timedelta(days=_count(match["n"])))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _anchored(match: re.Match[str], published: date, anchor: date | None) -> When | None:
    """Dates told relative to another date: "the same day", "the day before", "two days later"."""
    if match["vague"]:  # "days later": the week after the anchor, or else the week before publication
        return _span(anchor + _ONE, anchor + 7 * _ONE, WEEK) if anchor else _recent(published)
    if anchor is None:
        return None
    if match["n"]:
        step = _count(match["n"]) * (1 if match["dir"].lower() in ("later", "after", "afterwards") else -1)
    elif re.search(r"before|previous|earlier", match["x"], re.IGNORECASE):
        step = -1
    else:
        step = 1 if re.search(r"next|follow|after|later", match["x"], re.IGNORECASE) else 0
    return When(date=anchor + timedelta(days=step))


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolve
    needs: tuple[str, ...] = ()  # words one of which every match holds: without them in the text, no scan is run


_RELATIVE_ALTS = "|".join(k.replace(" ", r"\s+") for k in sorted(_RELATIVE, key=len, reverse=True))
# Each rule opens with ``\b``: a pattern that opens with optional groups is otherwise tried at every character.
_RULES = (
    _Rule(
        "absolute",
        re.compile(
            rf"\b(?P<x>{_SINCE}{_HEDGE}(?:(?:{_WEEKDAY}),?\s+)?"
            rf"(?:\b(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_MONTH})"
            rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)"
            rf"(?:,?\s+(?P<y>{_YEAR})\b|{_LAST_YEAR})?(?:\s*\((?P<asreported>(?i:as\s+reported))\))?)"
        ),
        _absolute,
    ),
    _Rule("iso", re.compile(rf"\b(?P<x>(?P<y>{_YEAR})-(?P<mo>\d\d)-(?P<d>\d\d))\b"), _iso),
    _Rule(
        "weekday",
        re.compile(
            rf"\b(?P<x>{_SINCE}(?:(?i:overnight)\s+(?i:into|to)\s+)?"  # "overnight into Thursday": Thursday
            rf"(?:(?P<mod>(?i:last|this|past|previous|next|early|late))\s+)?"
            rf"(?P<wd>{_WEEKDAY})(?P<plural>s)?\b(?:\s+(?i:morning|afternoon|evening|night))?)"
        ),
        _weekday,
        ("day",),
    ),
    _Rule(
        "month",
        re.compile(
            rf"\b(?P<x>(?:(?P<pre>(?i:in|during|throughout|since|until|by|from|last|past|previous))\s+)?"
            rf"(?:(?P<mod>(?i:early|late|mid))[- ]?\s*)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR})|{_LAST_YEAR})?)(?!\s*\d)"
        ),
        _month,
    ),
    _Rule(
        "year",
        re.compile(
            rf"\b(?P<x>(?:(?P<pre>(?i:in|during|throughout|of))\s+(?:(?i:early|late|mid)[- ]?\s*)?"
            rf"|(?i:the|a|its|their)\s+)"
            rf"(?P<y>{_YEAR})(?![-/]\d)|(?P<last>(?i:last|the\s+previous)\s+year))\b"
        ),
        _year,
    ),
    _Rule(
        "day-of-month",
        re.compile(r"\b(?i:on)\s+(?P<x>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))\b(?!\s+[A-Za-z])"),
        _day_of_month,
    ),
    _Rule(
        "relative",
        re.compile(rf"(?i)\b(?P<x>{_RELATIVE_ALTS})\b"),
        _relative,
        ("today", "tonight", "this", "yesterday", "night", "recent", "ago", "week", "month"),
    ),
    _Rule("days-ago", re.compile(rf"(?i)\b(?P<x>(?P<n>{_COUNT})\s+days?\s+ago)\b"), _days_ago, ("ago",)),
    _Rule(
        "anchored",
        re.compile(
            rf"(?i)\b(?P<x>(?:on\s+)?(?:the\s+same|that)\s+(?:day|night|morning|afternoon|evening)"
            r"|the\s+(?:day|night)\s+(?:before|after)|the\s+previous\s+(?:day|night)"
            r"|the\s+(?:next|following)\s+(?:day|morning|night)|a\s+day\s+(?:earlier|later)"
            rf"|(?P<n>{_COUNT})\s+days?\s+(?P<dir>later|after|afterwards|earlier|before)"
            r"|(?P<vague>(?:(?:a\s+few|several|some)\s+)?days\s+(?:later|afterwards)))\b"
        ),
        _anchored,
        ("day", "night", "morning", "afternoon", "evening"),
    ),
)
_APPOSED_RULES = ("absolute", "iso", "weekday")  # the dates that win beside a relative one (see _apposed)
_APPOSED = re.compile(r"\s*[,(–—-]?\s*")
_LOOKS_LIKE_DATE = re.compile(rf"{_MONTH}|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b")


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    rule: _Rule
    match: re.Match[str]


def _find(text: str) -> list[_Found]:
    """Every date expression of ``text``, left to right, the longest one where they overlap."""
    rules = [rule for rule in _RULES if not rule.needs or may_match(text, rule.needs)]
    found = [_Found(m.start("x"), m.end("x"), rule, m) for rule in rules for m in rule.pattern.finditer(text)]
    found.sort(key=lambda f: (f.start, f.start - f.end))
    kept: list[_Found] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return [
        item
        for before, item, after in zip([None, *kept], kept, [*kept[1:], None], strict=False)
        if not (item.rule.name == "anchored" and (_apposed(text, item, after) or _apposed(text, before, item)))
    ]


def _apposed(text: str, first: _Found | None, second: _Found | None) -> bool:
    """Whether a date and a relative one stand side by side, one telling the other: "on the same day, September 19",
    "on Wednesday, the day after the attack". The date itself wins."""
    if first is None or second is None or (first.rule.name in _APPOSED_RULES) == (second.rule.name in _APPOSED_RULES):
        return False
    return _APPOSED.fullmatch(text, first.end, second.start) is not None


def _finalize(when: When | None, published: date) -> When | None:
    """Enforces the stage's invariants: nothing after publication, range around the date."""
    if when is None or when.date > published:
        return None
    if when.date_range is None:
        return when
    first, last = when.date_range[0], min(when.date_range[1], published)
    return replace(when, date_range=(min(first, when.date), max(last, when.date)))


@lru_cache(maxsize=32)
def _parser(published: date) -> DateDataParser:
    """One dateparser per reference date; English only, so no language detection runs."""
    base = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


def _parse_with_dateparser(text: str, published: date) -> When | None:
    """Formats the grammar does not know (e.g. "19/09/2017"), if the text names a month or a numeric date."""
    if not _LOOKS_LIKE_DATE.search(text):
        return None
    try:
        data = _parser(published).get_date_data(text)
    except (ValueError, OverflowError, TypeError) as err:
        log.debug("dateparser could not read %r: %s", text, err)
        return None
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "day":
        return When(date=day)
    if data.period == "month":
        return _span(day.replace(day=1), _month_end(day.replace(day=1)), MONTH)
    return None


def resolve_expression(text: str, published: date, *, anchor: date | None = None) -> When | None:
    """The date of one date expression ("on Thursday", "19 September 2017", "last week").

    Args:
        text: the expression; the first date expression found in it is used.
        published: the reference date; the result never falls after it.
        anchor: the date that "the same day", "the day before" or "days later" refers to.

    Returns:
        A When without ``mention``, or None if the text holds no date (durations, ages and
        bare numbers are not dates) or only one after publication or without its anchor.
    """
    for item in _find(text):
        when = _finalize(item.rule.resolve(item.match, published, anchor), published)
        if when is not None:
            return when
    return _finalize(_parse_with_dateparser(text, published), published)


@dataclass(frozen=True, slots=True)
class _Hit:
    """One resolved date expression of the article, with where it sits in the parse."""

    start: int
    end: int
    when: When  # its mention is the expression's span
    root: Token | None
    governor: Token | None  # the verb (or statement noun) the expression modifies
    path: frozenset[int]  # indices of the tokens between the expression and its governor
    speech: bool


def _governor(token: Token | None) -> tuple[Token | None, frozenset[int]]:
    """The verb the expression modifies (or a statement noun, if met before any other noun), and the way there."""
    path: list[Token] = []
    for ancestor in token.ancestors if token is not None else ():
        noun_passed = any(t.pos_ in ("NOUN", "PROPN") for t in path)
        if ancestor.pos_ in ("VERB", "AUX") or (ancestor.lemma_.lower() in _SPEECH_NOUNS and not noun_passed):
            return ancestor, frozenset(t.i for t in path)
        path.append(ancestor)
    return None, frozenset(t.i for t in path)


def _hit(article: Article, doc: Doc, start: int, end: int, when: When) -> _Hit:
    tokens = doc.char_span(start, end, alignment_mode="expand")
    root = tokens.root if tokens is not None and len(tokens) else None
    governor, path = _governor(root)
    speech = governor is not None and governor.lemma_.lower() in _SPEECH
    if not speech and governor is not None and tokens is not None and governor.dep_ == "ccomp":
        said = governor.head  # "said on Friday it had captured": the parser may hang the statement's day on its content
        first = tokens[0].i - (1 if tokens[0].i and doc[tokens[0].i - 1].lower_ == "on" else 0)
        if said.lemma_.lower() in _SPEECH_VERBS and said.i == first - 1 and governor.i > tokens[-1].i:
            governor, path, speech = said, frozenset(), True
    mentioned = replace(when, mention=Span.of(article, start, end))
    return _Hit(start=start, end=end, when=mentioned, root=root, governor=governor, path=path, speech=speech)


def _read_dates(article: Article, doc: Doc, published: date) -> list[_Hit]:
    """All dates of the article, relative ones resolved against the last exact date before them."""
    sentence_starts = [s.start_char for s in sentences(doc)] or [0]
    hits: list[_Hit] = []
    found = _find(article.text)
    for item in found:
        sentence = bisect.bisect_right(sentence_starts, item.start) - 1
        window = sentence_starts[max(sentence - 1, 0)]  # anchors come from this sentence and the one before
        exact = [h for h in hits if h.start >= window and h.when.time_precision == DAY and h.when.date_range is None]
        when = _finalize(item.rule.resolve(item.match, published, exact[-1].when.date if exact else None), published)
        if when is not None:
            hits.append(_hit(article, doc, item.start, item.end, when))
    for ent in entities(doc):
        if ent.label_ == "DATE" and not any(f.start < ent.end_char and ent.start_char < f.end for f in found):
            when = _finalize(_parse_with_dateparser(ent.text, published), published)
            if when is not None:
                hits.append(_hit(article, doc, ent.start_char, ent.end_char, when))
    return sorted(hits, key=lambda h: h.start)


def _tree_distance(a: Token | None, b: Token | None) -> int:
    if a is None or b is None:
        return 1_000
    up_a, up_b = [a, *a.ancestors], [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    return next((n + index_b[t.i] for n, t in enumerate(up_a) if t.i in index_b), 1_000)


def _closest(hits: list[_Hit], trigger: Token | None, mention: Mention) -> _Hit:
    """The date attached to the trigger's clause, else governed by the trigger, else nearest in the tree, then text."""
    clause = trigger if trigger is None or trigger.pos_ in ("VERB", "AUX") else _governor(trigger)[0]

    def key(hit: _Hit) -> tuple[bool, bool, int, int]:
        same_clause = clause is not None and hit.governor is not None and hit.governor.i == clause.i
        governed = trigger is not None and hit.root is not None and trigger.i in {t.i for t in hit.root.ancestors}
        gap = max(hit.start - mention.trigger.end, mention.trigger.start - hit.end, 0)
        return (not same_clause, not governed, _tree_distance(hit.root, trigger), gap)

    return min(hits, key=key)


def _attached(hit: _Hit, trigger: Token | None) -> bool:
    """A statement's date still belongs to the trigger when the trigger is the statement or stands in between."""
    return trigger is not None and hit.governor is not None and (trigger.i == hit.governor.i or trigger.i in hit.path)


def _opens_what_was_said(hit: _Hit, trigger: Token | None) -> bool:
    """ "The next day, a drone strike killed five people, a health official said": a date before the trigger, whose
    statement verb comes after it, opens what was said; the parser hangs it on the statement."""
    return (
        trigger is not None
        and hit.governor is not None
        and hit.root is not None
        and (hit.root.i < trigger.i < hit.governor.i)
    )


def _of_another_event(hit: _Hit, trigger: Token | None) -> bool:
    """A date inside the phrase of another event noun dates that event: "following the capture of the town
    this month", "since last year's offensive" do not date the trigger outside the phrase."""
    if trigger is None or hit.root is None:
        return False
    if hit.when.time_precision != DAY and (thing := _thing_dated(hit.root)) is not None:
        return thing.i != trigger.i and not _scene_of(thing, trigger)  # "killed during the July uprising": its own
    for ancestor in (hit.root, *hit.root.ancestors):
        if ancestor.i == trigger.i or ancestor.i not in hit.path | {hit.root.i}:
            return False
        if ancestor.pos_ == "NOUN" and ancestor.lemma_.lower() in TRIGGERS and trigger not in ancestor.subtree:
            return not _scene_of(ancestor, trigger)
    return False


def _thing_dated(root: Token) -> Token | None:
    """The noun naming no event that a month or year modifies, which it dates: the election of "protests against the
    results of the October election" (an event noun's date is read below: "killed in the April massacre"). A day
    may be the trigger's own ("marched after Friday prayers"): only vaguer dates are asked about."""
    if root.dep_ not in _MODIFIERS:
        return None
    named = root.head
    while named.dep_ in _MODIFIERS and named.head != named:
        named = named.head  # "the February 2020 northeast Delhi riots": the riots' (whatever the tagger made of them)
    return named if named.pos_ in ("NOUN", "PROPN") and named.lemma_.lower() not in TRIGGERS else None


def _scene_of(noun: Token, trigger: Token) -> bool:
    """ "killed 147 people in a 2015 assault": the event noun the trigger happened in is the trigger's own event; so is
    the fighting a capture followed ("overran the town after heavy fighting on Wednesday")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.head.i != trigger.i:
        return False
    return prep.lower_ in {"in", "during"} or (prep.lower_ in _AFTER and noun.lemma_.lower() in _FIGHTING)


_AFTER = frozenset({"after", "following", "amid"})
_MODIFIERS = frozenset({"compound", "nmod", "amod"})
_FIGHTING = frozenset("fighting fight clash battle skirmish gunfight firefight".split())


def _as_report(hit: _Hit) -> When:
    """A statement's date stands for the event only loosely: mark it as a week-precise estimate."""
    if hit.when.time_precision != DAY:
        return hit.when
    return replace(_reported(hit.when.date), mention=hit.when.mention)


def _choose(mention: Mention, hits: list[_Hit], doc: Doc) -> When | None:
    sentence = mention.sentence
    trigger_tokens = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    trigger = trigger_tokens.root if trigger_tokens is not None and len(trigger_tokens) else None
    inside = [
        h
        for h in hits
        if sentence.start <= h.start
        and h.end <= sentence.end
        and not _of_another_event(h, trigger)
        and not _dateline(h, text_of(doc))
    ]
    if inside:
        own = [h for h in inside if not h.speech or _attached(h, trigger) or _opens_what_was_said(h, trigger)]
        return _closest(own, trigger, mention).when if own else _as_report(_closest(inside, trigger, mention))
    paragraph = text_of(doc).rfind("\n", 0, sentence.start) + 1
    before = [h for h in hits if paragraph <= h.start and h.end <= sentence.start]
    if before:
        return _as_report(before[-1]) if before[-1].speech else before[-1].when
    if hits and _DATELINE_PREFIX.fullmatch(text_of(doc)[: hits[0].start]):
        return hits[0].when
    return None


def _dateline(hit: _Hit, text: str) -> bool:
    """Whether a date is a line's date line, the day the report was filed ("Published On 12 Mar 2024 – A drone
    strike ... on Monday", "KYIV, 10 December 2024 – "): the sentence's own day, if it names one, is the event's."""
    before = text[text.rfind("\n", 0, hit.start) + 1 : hit.start]
    opening = _DATELINE_PREFIX.fullmatch(before) or _FILED.fullmatch(before)
    return bool(opening) and _DATELINE_DASH.match(text, hit.end) is not None


def _reference_date(article: Article) -> date:
    if article.published is not None:
        return article.published
    today = date.today()
    log.warning("article %s has no publication date; reading its dates against today, %s", article.id, today)
    return today


def resolve_dates(article: Article, doc: Doc, mentions: tuple[Mention, ...]) -> tuple[When, ...]:
    """One When per mention (see the module docstring for the order of preference)."""
    if not mentions:
        return ()
    published = _reference_date(article)
    hits = _read_dates(article, doc, published)
    filed = _filed_on(hits, doc, published)
    if filed is not None:  # "SOPORE, Apr 5: ... this evening", published the next day: the evening of the 5th
        published = filed
        hits = _read_dates(article, doc, filed)
    whens: list[When] = []
    fallback: When | None = None
    for mention in mentions:
        when = _choose(mention, hits, doc)
        if when is None:  # the lead's day, else the publication day: read once, for the first mention that needs it
            fallback = fallback or _lead_day(hits, doc, published) or _span(published - _ONE, published, DAY, published)
            when = fallback
        whens.append(when)
    return tuple(whens)


def _lead_day(hits: list[_Hit], doc: Doc, published: date) -> When | None:
    """The recent day the article's lead tells of ("Kenyans marked Saba Saba with protests in several towns on
    Monday"): the day of the incidents the body then tells with no date of their own."""
    sents = sentences(doc)
    end = sents[min(len(sents), _LEAD_SENTENCES) - 1].end_char
    text = text_of(doc)
    days = [h.when for h in hits if h.end <= end and not h.speech and not _dateline(h, text)]
    days = [w for w in days if w.time_precision == DAY and w.date_range is None and published - w.date <= _RECENT]
    return replace(days[0], mention=None) if days else None  # carried, as assembly carries a day told before


_LEAD_SENTENCES = 3  # a headline, a date line and the lead's first sentence
_RECENT = timedelta(days=7)


def _filed_on(hits: list[_Hit], doc: Doc, published: date) -> date | None:
    """The day a date line opening the article says the report was filed, when it is days before the publication
    date: the report's "today", "this evening" and "on Monday" are told from that day."""
    text = text_of(doc)
    prefix = text[: hits[0].start] if hits else ""
    placed = prefix.strip()[:1].isupper() and not prefix.strip().lower().startswith("on")  # not "On 27 April, ..."
    if not (placed and _DATELINE_PREFIX.fullmatch(prefix) and _FILING_END.match(text, hits[0].end)):
        return None
    when = hits[0].when
    days = (published - when.date).days
    return when.date if when.time_precision == DAY and when.date_range is None and 0 < days <= 7 else None


def relative_resolver() -> DateResolver:
    """Factory of ``relative.v1``: warms dateparser (its first call loads data, ~0.3 s), returns the resolver."""
    _parser(date(2000, 1, 1)).get_date_data("1 January 2000")
    return resolve_dates
