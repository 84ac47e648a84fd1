"""Tests of the dates stage: single expressions, the choice of a date for a mention, invariants."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from warwatch.model import Article, Mention, Span, When
from warwatch.pipeline.dates import _RELATIVE, _RULES, relative_resolver, resolve_dates, resolve_expression
from warwatch.pipeline.load import article_from_text

THURSDAY = date(2021, 6, 10)  # the publication date of most cases below
D = date.fromisoformat


def _mention(article: Article, nlp_doc: spacy.tokens.Doc, trigger: str) -> Mention:
    """A mention of ``trigger`` (its first occurrence) in the spaCy sentence that holds it."""
    start = article.text.index(trigger)
    sentence = next(s for s in nlp_doc.sents if s.start_char <= start < s.end_char)
    return Mention(
        sub_event_type="Attack",
        trigger=Span.of(article, start, start + len(trigger)),
        sentence=Span.of(article, sentence.start_char, sentence.end_char),
        rule="test",
    )


def _resolve(nlp: Language, text: str, trigger: str, published: date | None = THURSDAY) -> When:
    article = Article(text=text, published=published)
    doc = nlp(text)
    (when,) = resolve_dates(article, doc, (_mention(article, doc, trigger),))
    return when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday", "2021-06-08"),
        ("on Thursday", "2021-06-10"),  # the publication weekday is the publication day
        ("last Thursday", "2021-06-03"),  # ... unless "last" says otherwise
        ("last Tuesday", "2021-06-08"),
        ("late Wednesday", "2021-06-09"),
        ("early Monday", "2021-06-07"),
        ("Sunday night", "2021-06-06"),
        ("overnight into Thursday", "2021-06-10"),  # the night that ended on Thursday
        ("today", "2021-06-10"),
        ("this morning", "2021-06-10"),
        ("tonight", "2021-06-10"),
        ("yesterday", "2021-06-09"),
        ("last night", "2021-06-09"),
        ("the day before yesterday", "2021-06-08"),
        ("three days ago", "2021-06-07"),
        ("June 2", "2021-06-02"),
        ("2 June 2021", "2021-06-02"),
        ("June 2, 2021", "2021-06-02"),
        ("Jun. 2", "2021-06-02"),
        ("JUNE 2", "2021-06-02"),
        ("the 2nd of June", "2021-06-02"),
        ("2021-06-02", "2021-06-02"),
        ("Wednesday, 2 June 2021", "2021-06-02"),
        ("on the 2nd", "2021-06-02"),
        ("on the 25th", "2021-05-25"),  # not yet the 25th in June: the month before
        ("December 24", "2020-12-24"),  # no year: the most recent one
        ("February 29", "2020-02-29"),  # ... which may be years back
        ("June 2 last year", "2020-06-02"),  # the year before publication's
        ("on 3 May last year", "2020-05-03"),
        ("06/02/2021", "2021-06-02"),  # read by dateparser (month first, as in English)
    ],
)
def test_dates_resolve_expression_exact_day(text: str, expected: str) -> None:
    assert resolve_expression(text, THURSDAY) == When(date=D(expected))


@pytest.mark.parametrize(
    ("text", "day", "first", "last", "precision"),
    [
        ("overnight", "2021-06-09", "2021-06-09", "2021-06-10", 1),
        ("since Monday", "2021-06-07", "2021-06-07", "2021-06-10", 2),
        ("last week", "2021-05-31", "2021-05-31", "2021-06-06", 2),
        ("earlier this week", "2021-06-07", "2021-06-07", "2021-06-10", 2),
        ("a few days ago", "2021-06-03", "2021-06-03", "2021-06-09", 2),
        ("recently", "2021-06-03", "2021-06-03", "2021-06-09", 2),
        ("days later", "2021-06-03", "2021-06-03", "2021-06-09", 2),  # no anchor: the week before publication
        ("over the weekend", "2021-06-05", "2021-06-05", "2021-06-06", 2),
        ("around 4 June 2021", "2021-06-04", "2021-06-01", "2021-06-07", 2),
        ("As reported on 4 June 2021", "2021-06-04", "2021-06-01", "2021-06-04", 2),
        ("4 June 2021 (as reported)", "2021-06-04", "2021-06-01", "2021-06-04", 2),
        ("earlier this month", "2021-06-01", "2021-06-01", "2021-06-10", 3),
        ("last month", "2021-05-01", "2021-05-01", "2021-05-31", 3),
        ("earlier this year", "2021-01-01", "2021-01-01", "2021-06-10", 3),
        ("in March", "2021-03-01", "2021-03-01", "2021-03-31", 3),
        ("in early March", "2021-03-01", "2021-03-01", "2021-03-31", 3),
        ("April 2020", "2020-04-01", "2020-04-01", "2020-04-30", 3),
        ("in June", "2021-06-01", "2021-06-01", "2021-06-10", 3),  # the month so far
        ("since April", "2021-04-01", "2021-04-01", "2021-06-10", 3),
        ("last August", "2020-08-01", "2020-08-01", "2020-08-31", 3),
        ("last June", "2020-06-01", "2020-06-01", "2020-06-30", 3),  # in a June article: a year ago
        ("in 2014", "2014-01-01", "2014-01-01", "2014-12-31", 3),  # a year: history, at month precision
        ("the 2014 massacre", "2014-01-01", "2014-01-01", "2014-12-31", 3),  # a year naming an event
        ("in late 2019", "2019-01-01", "2019-01-01", "2019-12-31", 3),
        ("last year", "2020-01-01", "2020-01-01", "2020-12-31", 3),
        ("in December last year", "2020-12-01", "2020-12-01", "2020-12-31", 3),  # not this December
        ("in March last year", "2020-03-01", "2020-03-01", "2020-03-31", 3),
        ("in 2021", "2021-01-01", "2021-01-01", "2021-06-10", 3),  # the year so far
    ],
)
def test_dates_resolve_expression_range(text: str, day: str, first: str, last: str, precision: int) -> None:
    expected = When(date=D(day), date_range=(D(first), D(last)), time_precision=precision)
    assert resolve_expression(text, THURSDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a three-year-long siege",
        "a 46-minute recording",
        "almost a year",
        "aged 25",
        "25",
        "a 25-year-old man",
        "for two days",
        "2019",  # a bare number may be anything
        "in 2030",  # the future
        "They may attack again.",
        "next Monday",  # the future
        "on Mondays",  # a habit
        "4 July 2021",  # after publication
        "the same day",  # relative to a date that is not given
        "two days later",
        "",
    ],
)
def test_dates_resolve_expression_not_a_date(text: str) -> None:
    assert resolve_expression(text, THURSDAY) is None


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the same day", "2021-06-01", When(date=D("2021-06-01"))),
        ("on that day", "2021-06-01", When(date=D("2021-06-01"))),
        ("the day before", "2021-06-01", When(date=D("2021-05-31"))),
        ("the following day", "2021-06-01", When(date=D("2021-06-02"))),
        ("two days later", "2021-06-01", When(date=D("2021-06-03"))),
        (
            "days later",
            "2021-06-01",
            When(date=D("2021-06-02"), date_range=(D("2021-06-02"), D("2021-06-08")), time_precision=2),
        ),
        (
            "days later",
            "2021-06-08",
            When(date=D("2021-06-09"), date_range=(D("2021-06-09"), D("2021-06-10")), time_precision=2),
        ),
        ("on Tuesday", "2021-06-01", When(date=D("2021-06-08"))),  # an anchor does not move absolute dates
    ],
)
def test_dates_resolve_expression_relative_to_anchor(text: str, anchor: str, expected: When) -> None:
    assert resolve_expression(text, THURSDAY, anchor=D(anchor)) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "mention"),
    [
        ("Gunmen attacked a checkpoint on Tuesday, killing two soldiers.", "attacked", "2021-06-08", "Tuesday"),
        ("The assault, which began late Tuesday, was the largest in months.", "assault", "2021-06-08", "late Tuesday"),
        # the event's own date wins over the date of the statement about it
        (
            "Police said on Wednesday that gunmen had attacked the village on Monday.",
            "attacked",
            "2021-06-07",
            "Monday",
        ),
        # each clause keeps its own date
        ("Jets struck the market on 3 June and militants raided it days later.", "struck", "2021-06-03", "3 June"),
        ("Gunmen stormed a school on June 1, according to officials.", "stormed", "2021-06-01", "June 1"),
        # "the same day, June 1": the date in apposition, not an anchor from the sentence before
        (
            "On Wednesday the monitor issued a report. Three schools were shelled on the same day, June 1.",
            "shelled",
            "2021-06-01",
            "June 1",
        ),
        # no date in the sentence: the last one before it in the paragraph
        ("Fighting broke out near the dam on Sunday. Two fighters were killed.", "killed", "2021-06-06", "Sunday"),
        # a date line dates the whole text
        (
            "KANDAHAR, June 8 (Wire) - Officials met on security.\nA roadside bomb killed three police officers.",
            "killed",
            "2021-06-08",
            "June 8",
        ),
        # ... but in its own sentence, the day the sentence names is the event's
        ("KANDAHAR, June 9 (Wire) - A roadside bomb killed three police on Monday.", "killed", "2021-06-07", "Monday"),
        ("Published On 9 Jun 2021 – Jets struck a market in the town on Monday.", "struck", "2021-06-07", "Monday"),
    ],
)
def test_dates_resolver_exact_day(nlp: Language, text: str, trigger: str, expected: str, mention: str) -> None:
    when = _resolve(nlp, text, trigger)
    assert (when.date, when.time_precision, when.mention and when.mention.text) == (D(expected), 1, mention)


def test_dates_resolver_days_later_after_anchor(nlp: Language) -> None:
    when = _resolve(nlp, "Jets struck the market on 3 June and militants raided it days later.", "raided")
    assert (when.date_range, when.time_precision) == ((D("2021-06-04"), D("2021-06-10")), 2)


def test_dates_resolver_speech_act_date_is_a_loose_estimate(nlp: Language) -> None:
    when = _resolve(nlp, "The rebel group said on Wednesday that its fighters had captured the town.", "captured")
    assert when == When(
        date=D("2021-06-09"),
        date_range=(D("2021-06-06"), D("2021-06-09")),
        time_precision=2,
        mention=when.mention,
    )
    assert when.mention is not None and when.mention.text == "Wednesday"


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "precision"),
    [
        ("The ministry said in a statement on Monday that gunmen had killed six villagers.", "killed", "2021-06-07", 2),
        ("In a statement on Monday, the army said it had retaken the town.", "retaken", "2021-06-07", 2),
        ("The army told reporters on Tuesday that militants ambushed a patrol.", "ambushed", "2021-06-08", 2),
        ("Militants ambushed a patrol on Monday, the army told reporters on Tuesday.", "ambushed", "2021-06-07", 1),
        ("The group claimed on Tuesday it had shot down a helicopter on Monday night.", "shot", "2021-06-07", 1),
        ("The monitor reported an attack on a clinic on Tuesday.", "attack", "2021-06-08", 1),
        # a date opening what was said, its statement verb at the end
        (
            "Rebels clashed with troops on Tuesday. The next day, a drone strike on a rebel position outside the town "
            "killed at least five people, a health official said.",
            "strike",
            "2021-06-09",
            1,
        ),
        # the statement's day right after its verb, though the parser hangs it on what was said
        (
            "The Arakan Army said on Friday it had captured Gwa after a weeks-long offensive.",
            "captured",
            "2021-06-04",
            2,
        ),
    ],
)
def test_dates_resolver_speech_act(nlp: Language, text: str, trigger: str, expected: str, precision: int) -> None:
    when = _resolve(nlp, text, trigger)
    assert (when.date, when.time_precision) == (D(expected), precision)


def test_dates_resolver_speech_act_date_kept_when_trigger_is_the_statement(nlp: Language) -> None:
    when = _resolve(nlp, "The militia announced on Tuesday that it had dissolved itself.", "announced")
    assert (when.date, when.time_precision) == (D("2021-06-08"), 1)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Rebels said on Tuesday they had seized a village after the capture of a town earlier this month.", "seized"),
        ("Troops stormed the camp, weeks after last year's offensive.", "stormed"),
    ],
)
def test_dates_resolver_skips_a_date_of_another_event_noun(nlp: Language, text: str, trigger: str) -> None:
    """A date inside the phrase of another event noun dates that event, not the trigger outside it."""
    when = _resolve(nlp, text, trigger)
    assert when.time_precision != 3


def test_dates_resolver_the_event_noun_a_trigger_happened_in_is_its_own(nlp: Language) -> None:
    """ "killed 60 people in a 2015 raid": the raid is the killing's own event, so its year dates the killing."""
    when = _resolve(nlp, "The group, which killed 60 people in a 2015 raid, said on Tuesday it would talk.", "killed")
    assert (when.date, when.time_precision) == (D("2015-01-01"), 3)


def test_dates_resolver_the_fighting_a_capture_followed_is_its_own(nlp: Language) -> None:
    """ "overran the town after heavy fighting on Monday": the fighting is the capture's, and so is its day."""
    text = "Rebels overran the garrison town after heavy fighting on Monday, before troops retook it on Wednesday."
    assert _resolve(nlp, text, "overran").date == D("2021-06-07")


def test_dates_resolver_a_month_naming_an_event_dates_it(nlp: Language) -> None:
    """ "the April massacre" is April's; a bare "May" or "march" stays a verb."""
    text = "Relatives on Sunday buried the remains of 20 farmers killed in the April massacre at Yelwata."
    when = _resolve(nlp, text, "killed")
    assert (when.date, when.time_precision) == (D("2021-04-01"), 3)
    assert _resolve(nlp, "Rebels May attack the town, he warned.", "attack").time_precision == 1


def test_dates_resolver_a_month_naming_another_thing_does_not_date_the_event(nlp: Language) -> None:
    """ "protests against the results of the October election": October is the election's; the shooting's Tuesday is
    the protests' day."""
    text = "Police fired on crowds on Tuesday, killing three during protests against the results of the April election."
    assert _resolve(nlp, text, "protests").date == D("2021-06-08")


def test_dates_resolver_history_sentence_gets_its_year(nlp: Language) -> None:
    when = _resolve(nlp, "The group has carried out kidnappings on the island in 2016.", "kidnappings")
    assert (when.date, when.time_precision) == (D("2016-01-01"), 3)


def test_dates_resolver_month_so_far(nlp: Language) -> None:
    when = _resolve(nlp, "The army's advance this month broke a two-year siege of the town.", "broke")
    assert (when.date, when.date_range, when.time_precision) == (D("2021-06-01"), (D("2021-06-01"), THURSDAY), 3)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Fighters clashed near the border.", "clashed"),
        ("A three-year-long siege of the town ended when rebels withdrew.", "withdrew"),
        ("A 25-year-old man was shot dead in the market.", "shot"),
        ("The 46-minute recording was released by the group's media arm.", "released"),
    ],
)
def test_dates_resolver_publication_fallback(nlp: Language, text: str, trigger: str) -> None:
    when = _resolve(nlp, text, trigger)
    assert when == When(date=THURSDAY, date_range=(THURSDAY - timedelta(days=1), THURSDAY), time_precision=1)


def test_dates_resolver_targets_of_a_friday_report(nlp: Language) -> None:
    """Expressions of the seed kind, in sentences of our own, against a Friday publication."""
    text = (
        "The offensive, which began on Thursday, was the first since troops reached the town earlier this month.\n"
        "Two clinics were hit on the same day, September 19, and one was bombed again days later, the monitor said."
    )
    article = Article(text=text, published=date(2017, 9, 29))
    doc = nlp(text)
    triggers = ("offensive", "reached", "hit", "bombed")
    began, reached, hit, bombed = resolve_dates(article, doc, tuple(_mention(article, doc, t) for t in triggers))
    assert began.date == D("2017-09-28")
    assert (reached.date_range, reached.time_precision) == ((D("2017-09-01"), D("2017-09-29")), 3)
    assert hit.date == D("2017-09-19")
    assert bombed.time_precision == 2 and bombed.date_range is not None
    assert D("2017-09-20") <= bombed.date_range[0] <= bombed.date_range[1] <= D("2017-09-27")


def test_dates_resolver_without_publication_date_uses_today(nlp: Language, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="warwatch.pipeline.dates"):
        when = _resolve(nlp, "Gunmen attacked a convoy yesterday.", "attacked", published=None)
    assert when.date == date.today() - timedelta(days=1)
    assert "no publication date" in caplog.text


def test_dates_resolver_one_reading_per_mention(nlp: Language) -> None:
    text = "Rebels shelled the base on Monday. Troops counterattacked on Wednesday."
    article = Article(text=text, published=THURSDAY)
    doc = nlp(text)
    mentions = (_mention(article, doc, "shelled"), _mention(article, doc, "counterattacked"))
    resolve = relative_resolver()
    assert resolve(article, doc, ()) == ()
    whens = resolve(article, doc, mentions)
    assert [w.date for w in whens] == [D("2021-06-07"), D("2021-06-09")]
    assert all(w.mention is not None and w.mention.text == text[w.mention.start : w.mention.end] for w in whens)


def _assert_invariants(when: When | None, published: date) -> None:
    if when is None:
        return
    assert when.date <= published
    assert when.time_precision in (1, 2, 3)
    if when.date_range is not None:
        assert when.date_range[0] <= when.date <= when.date_range[1] <= published


_PHRASES = (
    "today", "yesterday", "tonight", "overnight", "recently", "last week", "earlier this week", "this month",
    "last month", "days later", "the same day", "the day before", "two days later", "a few days ago",
    "over the weekend", "since Monday", "on the 31st", "on the 1st", "in February", "since December", "on Sunday",
    "last Saturday", "early Friday",
)  # fmt: skip
_EXPRESSIONS = st.one_of(
    st.sampled_from(_PHRASES),
    st.builds(
        "{} {} {}".format,
        st.integers(1, 31),
        st.sampled_from(["January", "February", "Sept.", "December"]),
        st.integers(1990, 2090),
    ),
    st.builds("{} {}".format, st.sampled_from(["March", "Feb.", "May"]), st.integers(1, 31)),
    st.builds("in {} {}".format, st.sampled_from(["April", "December"]), st.integers(1990, 2090)),
)
_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31))


@settings(max_examples=300, deadline=None)
@given(text=_EXPRESSIONS, published=_DATES, anchor=st.none() | _DATES)
def test_dates_resolve_expression_never_after_publication(text: str, published: date, anchor: date | None) -> None:
    _assert_invariants(resolve_expression(text, published, anchor=anchor), published)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60), published=_DATES)
def test_dates_resolve_expression_any_text(text: str, published: date) -> None:
    _assert_invariants(resolve_expression(text, published), published)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from((*_PHRASES, *_RELATIVE, "THE NEXT MORNING", "3 Days Ago")) | st.text(max_size=8)))
def test_dates_rule_words_are_in_every_match(words: list[str]) -> None:
    """A rule is skipped for a text without one of its ``needs`` words: sound only if every match holds one."""
    text = " ".join(words)
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            assert not rule.needs or any(word in match.group().casefold() for word in rule.needs), (rule.name, text)


def test_dates_rule_words_cover_every_relative_expression() -> None:
    relative = next(rule for rule in _RULES if rule.name == "relative")
    assert all(any(word in phrase for word in relative.needs) for phrase in _RELATIVE)


def test_dates_a_date_line_sets_the_day_relative_words_are_told_from(pipeline) -> None:
    """A report filed on the 5th and published on the 6th: its "this evening" is the 5th."""
    text = (
        "SOPORE, Apr 5: Three civilians were injured when militants hurled a grenade at a police bunker in the "
        "market this evening, police said."
    )
    events = pipeline(article_from_text(text, published=date(2024, 4, 6)))
    assert [e.date for e in events] == [date(2024, 4, 5)]


def test_dates_an_acled_note_opening_on_a_date_is_no_date_line(pipeline) -> None:
    text = "On 27 April 2020, in Tripoli, rioters clashed with soldiers. A rioter died of his wounds on Tuesday."
    events = pipeline(article_from_text(text, published=date(2020, 5, 4)))
    assert {e.date for e in events} == {date(2020, 4, 27), date(2020, 4, 28)}


def test_dates_an_incident_with_no_day_of_its_own_is_of_the_recent_day_the_lead_tells(nlp: Language) -> None:
    """A round-up's lead dates the day ("protests in several towns on Monday"); its sections then tell that day's
    incidents without a date. A day of history in the lead ("the July 7, 1990 uprising") dates nothing."""
    lead = "Kenyans marked the anniversary of the July 7, 1990 uprising with rallies in several towns on Monday."
    text = f"{lead}\n\nIn Nyeri, a crowd burned tyres at the market and stoned police."
    assert _resolve(nlp, text, "burned").date == date(2021, 6, 7)
    history = "Kenyans marked the anniversary of the July 7, 1990 uprising."
    text = f"{history}\n\nIn Nyeri, a crowd burned tyres at the market and stoned police."
    assert _resolve(nlp, text, "burned").date == THURSDAY


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a relative phrase standing beside a day tells how that day relates to another event, not a new day
        (
            "Rebels raided the depot on Monday. On Tuesday, the day after the raid, police detained the guard.",
            "detained",
            "2021-06-08",
        ),
        (
            "Rebels raided the depot on Monday. On Tuesday, two days before the vote, police detained the guard.",
            "detained",
            "2021-06-08",
        ),
        ("Rebels raided the depot on Monday. The next day, police detained the guard.", "detained", "2021-06-08"),
    ],
)
def test_dates_resolver_a_relative_phrase_beside_a_day_tells_that_day(
    nlp: Language, text: str, trigger: str, expected: str
) -> None:
    assert _resolve(nlp, text, trigger).date == D(expected)
