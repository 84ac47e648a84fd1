"""Event assembly: one article's mentions and their readings -> its Events.

The same incident told three times in an article is one event: mentions fold together when
they have the same sub-event type, dates within ``DAYS`` of each other, places within
``KM`` (or one of them unplaced) and no conflicting sides. ``DAYS`` is a report's slack: two sentences that each name
the day of their own act ("on Monday", "On Saturday") tell two incidents, and a sentence that tells a time from an
incident named again ("Hours after the shelling, ...") tells another one. A place that a mention's own
sentence names outranks one the geocoder carried over from an earlier sentence. The folded
event keeps the most precise date and place, the union of sources, evidence and claims, and recomputes its
best/low/high figure by the taxonomy's conservative rule.

A definite mention with no date of its own ("the attack", "following the recent abduction", "the
killed suspect") names an incident already told, wherever the geocoder put it and whoever the
actors stage guessed for it: it joins the latest incident of its type (told before or after it).
A follow-up sentence with no date that names the very place of the incident tells more of it.
A place the geocoder carried over from context never separates two mentions, and a generic
actor's country ("Unidentified Armed Group (Mali)") is a guess that never makes sides conflict.

ACLED codes one event per incident, place and day, so mentions of *different* types fold too when
they tell of one incident: two readings of one sentence ("police repelled an attack on a checkpoint,
killing 3 militants"), or a follow-up sentence with no date and no place of its own ("Police
arrested 12.", "The officer died.") after the incident it elaborates; a follow-up that names the
incident's day again ("during the day") still is one. A sentence opening "Separately" or "In a separate incident"
tells another incident than the one just told, and a protest never tells more of an air strike or shelling. The
incident takes the
type that ``RANK`` puts highest (fighting beats the shelling done in it, a demonstration keeps
its frame whatever happened at it); a demonstration where the authorities made arrests becomes a
protest with intervention, one where the crowd destroyed property a violent demonstration, and an
attack that looted or burned property and hurt nobody is property destruction. A
territory change stays an event of its own (an attack and the capture of a hill are two; the
events stage lets a capture absorb the fighting of its own clause, and fighters killed in a follow-up
sentence that tells no fight of its own are its toll), and agreements, changes to a
group and new bases are never folded into violence.

An article whose headline tells of a trial or a remembrance ("Court sentences five over bombing", "Ten years after
Chibok") reports only the incidents its body dates: the rest are the case tried or remembered.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from ..model import Actor, Article, Certainty, Event, Fatalities, FatalityClaim, Mention, Place, Sides, When, allies
from ..taxonomy import DEATHLESS_SUB_EVENT_TYPES, event_type_of
from .place_words import ADMIN2_WORDS, PART_WORDS, TOWN_WORDS

DAYS = 2  # mentions this many days apart can still be one event (a report date vs the event date)
KM = 100  # ... and this far apart (a town vs "near" the next town on the same road)
SPOT_KM = 5  # a follow-up sentence naming a place this close to the incident's tells more of it
HISTORY_DAYS = 30  # events older than this before publication are background, not news: ACLED coded them then

_PROTEST_TYPES = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
)
_REMOTE_TYPES = (
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Air/drone strike",
    "Suicide bomb",
    "Chemical weapon",
)
# Which type an incident told by several mentions takes: the highest ranked (see the module docstring).
# "Armed clash" is ranked by its rule: fighting named as such ("fight" rules) outranks remote means,
# violence typed a clash only because its target was armed ("attack:armed-target") ranks below them.
# A transfer "without a fight" ranks below any violence: if there was fighting, it was not one.
RANK: dict[str, int] = {
    **{
        t: 10 + i
        for i, t in enumerate(
            ("Arrests", "Disrupted weapons use", "Non-violent transfer of territory", "Looting/property destruction")
        )
    },
    **{t: 20 + i for i, t in enumerate(("Abduction/forced disappearance", "Sexual violence", "Attack"))},
    "Armed clash": 30,  # an attack on armed people; fought battles rank at _FOUGHT, unknown targets at _UNKNOWN
    "Mob violence": 35,
    **{t: 40 + i for i, t in enumerate(_REMOTE_TYPES)},
    **{t: 70 + i for i, t in enumerate(_PROTEST_TYPES)},
}
_FOUGHT = 50
_SEIZED = 9
_DONE_TO_PEOPLE = ("Abduction/forced disappearance", "Sexual violence")
_WEAPONS_SEIZED = "capture:weapons-seized"  # the events stage's rule for "seized two rifles"
_STORMED = "storm:place"
_UNKNOWN = 19  # an attack on nobody named is typed a clash by default; any other reading of the incident is better
_AT_PROTESTS = frozenset({*_PROTEST_TYPES, "Attack", "Armed clash", "Arrests", "Looting/property destruction"})
_PEACEFUL = frozenset({"Peaceful protest", "Protest with intervention"})
_EXCESSIVE_FORCE = "Excessive force against protesters"
_CROWD_VIOLENCE = frozenset({"Looting/property destruction", "Mob violence"})
_RIOTING = _CROWD_VIOLENCE | {"Violent demonstration"}
_ARRESTS_BY_AUTHORITIES = "arrest:by-authorities"  # the events stage's rule for "police arrested 12"
_PERSON_ATTACKED = "attack:person-target"  # the events stage's rule for "a trader was attacked"
_TAKINGS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_TOLLS = frozenset({"kill:armed-target", "harm:armed-target"})  # the events stage's rules for fighters killed, hurt


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """Everything the stages say about one mention."""

    mention: Mention
    sides: Sides
    place: Place | None
    when: When
    claims: tuple[FatalityClaim, ...]


def assemble_events(article: Article, readings: list[Reading], *, is_party: Callable[[str], bool]) -> tuple[Event, ...]:
    """Fold one article's readings into events (see the module docstring for the rule)."""
    groups: list[list[Reading]] = []
    history: set[str] = set()  # the event types of the incidents told as background
    latest: list[Reading] | None = None
    for reading in _full_source_names(readings):
        if article.published and _background(reading.when, article.published):
            history.add(_event_type([reading]))
            continue
        if _period_toll(reading):
            continue
        told_on = latest is not None and _elaborates(reading, latest)
        if _SEPARATE.match(reading.mention.sentence.text):
            # "Separately, gunmen opened fire on a bus ..., killing two": all its sentence is another incident than the
            # one just told (the headline may have told it)
            same = latest is not None and reading.mention.sentence == latest[-1].mention.sentence
            group = latest if same else next((g for g in groups if g is not latest and _joins(reading, g)), None)
        elif (told_on and _goes_on(reading, latest)) or (latest is not None and _toll_of_taking(reading, latest)):
            group = latest
        else:  # the incident of its type it joins, else the one just told that it elaborates
            group = next((g for g in groups if _joins(reading, g)), latest if told_on else None)
        if group is None and _refers_back(reading):
            group = _referent(reading, groups)
            if group is None and event_type_of(reading.mention.sub_event_type) in history:
                continue  # "The attack remains the deadliest": the background incident named again
        if group is None:
            groups.append([reading])
            latest = groups[-1]
        else:
            group.append(reading)
            latest = group
    headline_end = _headline_end(article)
    groups = _fold_headlines(headline_end, _fold_references(groups))
    if article.published and any(_dated_by_day(g) for g in groups):
        groups = [g for g in groups if not _of_an_earlier_month(g, article.published)]
    if _about_a_past_case(article, headline_end) and not any(_dated_by_day(g) for g in groups):
        groups = [g for g in groups if any(_own_date(r) for r in g)]
    return tuple(_event(article, group, is_party, headline_end) for group in _days_carried(groups))


def _background(when: When, published: date) -> bool:
    """Whether an incident is older than news: a day more than ``HISTORY_DAYS`` before the report, or a vaguer
    date ("in February", "last year") that began more than twice as long before it."""
    return (published - when.date).days > HISTORY_DAYS * (1 if when.time_precision == 1 else 2)


def _days_carried(groups: list[list[Reading]]) -> list[list[Reading]]:
    """An incident told with no day of its own anywhere took place on the day of the incident told before it (an
    article's body goes on with the lead's day), not on the publication day, the dates stage's last guess."""
    out, day = [], None
    for group in groups:
        own = [r.when for r in group if _own_date(r)]
        if own:
            day = min(own, key=lambda w: w.time_precision)
            day = day if day.time_precision == 1 else None
        elif day is not None and all(r.when.mention is None for r in group):
            group = [replace(r, when=replace(day, mention=None)) for r in group]
        out.append(group)
    return out


def _dated_by_day(group: list[Reading]) -> bool:
    return any(_own_date(r) and r.when.time_precision == 1 for r in group)


def _of_an_earlier_month(group: list[Reading], published: date) -> bool:
    """Whether an incident is dated only by a month before the publication's ("after they retook the town in
    January"): told beside news the article dates by day, it is background, coded when it was news."""
    dated = [r.when for r in group if _own_date(r)]
    month_start = published.replace(day=1)
    return bool(dated) and all(w.time_precision == 3 and (w.date_range or (w.date,))[-1] < month_start for w in dated)


def _period_toll(reading: Reading) -> bool:
    """What befell a whole country over a month or more ("164 civilians were killed in Ukraine in November, the
    UN said"): a monitor's tally of many incidents, none of which it places or dates."""
    place = reading.place
    return reading.when.time_precision == 3 and place is not None and place.admin1 is None


def _fold_headlines(end: int | None, groups: list[list[Reading]]) -> list[list[Reading]]:
    """A headline with no date of its own tells, in a word of its own ("bombing", "grenade attack"), an incident the
    body tells: it joins the first incident of the body it can be (``_headline_of``) that fits it (``RANK`` types
    the incident). ``end`` is where the article's headline ends (``_headline_end``)."""
    if end is None:
        return groups
    body = [g for g in groups if any(r.mention.sentence.start >= end for r in g)]
    kept: list[list[Reading]] = []
    for group in groups:
        told = not any(r.mention.sentence.start >= end or _own_date(r) for r in group)
        alike = [g for g in body if told and _headline_of(group, g)]
        # the one incident of its sub-event type the body tells is the headline's, wherever the geocoder put the
        # headline's (it picks among all its names: "Forces retake X; mortars kill two near Mogadishu airport")
        kind = _incident_type(group)[0]
        one = [g for g in alike if _incident_type(g)[0] == kind]
        target = next((g for g in alike if _fits(group[0], g, sides=False, place=one != [g])), None)
        if target is None:
            kept.append(group)
        else:
            target.extend(group)
    return kept


def _fold_references(groups: list[list[Reading]]) -> list[list[Reading]]:
    """An incident named only by definite mentions ("following the recent abduction") told before the
    incident itself is that incident: it joins the group of its type that tells it, if there is one."""
    kept: list[list[Reading]] = []
    for index, group in enumerate(groups):
        if all(_refers_back(r) for r in group):
            others = [g for g in groups[index + 1 :] if not all(_refers_back(r) for r in g)]
            target = _referent(group[0], others)
            if target is not None:
                target.extend(group)
                continue
        kept.append(group)
    return kept


def _full_source_names(readings: list[Reading]) -> list[Reading]:
    """Sources named again by a short form ("the Observatory", "the ministry") get the full name used in the article."""
    names = {n for r in readings for n in (*r.sides.sources, *(c.source for c in r.claims if c.source))}
    full = {name: _longer_name(name, names) for name in names}
    if not any(full.values()):
        return readings
    return [
        replace(r, claims=tuple(replace(c, source=full.get(c.source) or c.source) if c.source else c for c in r.claims))
        for r in readings
    ]


def _longer_name(name: str, names: set[str]) -> str | None:
    """The one longer name in the article that contains every word of a short one, if there is exactly one."""
    words = name.lower().split()
    if len(words) > 2:
        return None
    longer = {n for n in names if len(n.split()) > len(words) and set(words) <= set(n.lower().split())}
    return next(iter(longer)) if len(longer) == 1 else None


def _joins(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention tells of the same incident as a group of mentions of its type.

    A mention without a date expression of its own (its date is the publication date, a guess)
    fits any date; the first placed mention of the group anchors its place.
    """
    sub_type = reading.mention.sub_event_type
    if sub_type != _incident_type(group)[0] and all(sub_type != r.mention.sub_event_type for r in group):
        return False
    return not _told_from(reading, group) and _fits(reading, group)


def _told_with(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention's sentence is one of the incident's."""
    return any(r.mention.sentence == reading.mention.sentence for r in group)


def _told_from(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention's sentence tells a time from an incident named again ("Hours after the shelling, RSF fighters
    launched a ground assault"): what came before or after it is another incident."""
    return _LATER.search(reading.mention.sentence.text) is not None and not _told_with(reading, group)


def _fits(reading: Reading, group: list[Reading], *, sides: bool = True, place: bool = True) -> bool:
    """Same time, same area (unless ``place`` is off), and (unless ``sides`` is off) sides that do not contradict."""
    if reading.when.mention is not None and not all(
        _same_time(reading.when, other.when) for other in group if other.when.mention is not None
    ):
        return False
    if _another_day(reading, group):
        return False
    if not place:
        return True
    anchor = _first_named(group)  # a place carried from context is a guess
    named = _named_place(reading)
    if named and anchor and not _same_area(named, anchor):
        return False
    if _other_village(reading, named, group):
        return False
    if (
        named
        and named.geo_precision == 1
        and any((p := _named_place(r)) and p.geo_precision == 1 and p.name != named.name for r in group)
    ):
        return False  # two towns named as the very places of two mentions: two events
    return not sides or all(_compatible(reading.sides, other.sides) for other in group)


def _elaborates(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention of another type tells more of the incident just told (see the module docstring).

    It must be a second reading of a sentence of the incident, or a follow-up sentence that
    names neither a date nor a place of its own; and both types must be kinds of violence,
    protest or their by-products (arrests, seizures, looting).
    """
    if _rank(reading.mention) is None or _incident_type(group)[1] is None or _reaction(reading, group):
        return False
    if reading.mention.sub_event_type in _PROTEST_TYPES and _incident_type(group)[0] in _REMOTE_TYPES:
        return False  # "Police broke up the relatives' protest." after an air strike: no part of the strike (a crowd
        # may clash, but it fires no shells)
    if _told_from(reading, group):
        return False
    same_sentence = _told_with(reading, group)
    same_day = not _own_date(reading) or all(_same_day(r.when, reading.when) for r in group if _own_date(r))
    follow_up = same_day and (_named_place(reading) is None or _at_the_demonstration(reading, group))
    # the sides of "One person was injured." are the actors stage's guess: they do not separate it
    if (same_sentence or follow_up) and _fits(reading, group, sides=False):
        return True
    # "Rebels shelled X on 2 May. Monitors counted 40 explosions near X.": the same spot, the same day
    return same_day and not _own_date(reading) and _same_spot(reading, group) and _fits(reading, group)


def _toll_of_taking(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention is the toll of the territory change just told: fighters killed or hurt, in a follow-up
    sentence naming neither a date nor a place ("JNIM took the camp of Hombori. 30 soldiers were killed."), died in
    its taking, which ACLED codes as one event with those fatalities; no fight of their own is told to hold them."""
    return (
        reading.mention.rule in _TOLLS
        and not _own_date(reading)
        and _named_place(reading) is None
        and not _told_with(reading, group)
        and _taking_and_its_toll(group)
    )


def _taking_and_its_toll(group: list[Reading]) -> bool:
    """Whether a group tells a territory change and nothing but the fighters it killed or hurt."""
    first, *rest = group
    return first.mention.sub_event_type in _TAKINGS and all(
        r.mention.sub_event_type in _TAKINGS or r.mention.rule in _TOLLS for r in rest
    )


def _goes_on(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention that elaborates the incident just told, in a sentence naming neither a date nor a place, goes
    on with it rather than with an earlier incident of its type: "Two party workers were injured." after a grenade
    attack. It must leave the incident what it was: "The incident resulted in armed clashes." after an arrest is a
    clash of its own."""
    untold = not _own_date(reading) and _named_place(reading) is None
    return untold and _incident_type([*group, reading])[0] == _incident_type(group)[0]


def _reaction(reading: Reading, group: list[Reading]) -> bool:
    """Whether a protest told after an arrest of people who were not a crowd answers it: supporters gathered over
    their leaders' arrest ("arrested the party chairman at a hotel ... supporters gathered outside the station")
    protest on their own; crowds detained as they protested are the protest's intervention, told either way."""
    return (
        reading.mention.sub_event_type in _PROTEST_TYPES
        and _incident_type(group)[0] == "Arrests"
        and not any(r.sides.actor2 and _CROWDS.match(r.sides.actor2.name) for r in group)
    )


def _same_day(a: When, b: When) -> bool:
    """The same day, or a vague date (a report's, a week's) that covers the other one."""
    if a.time_precision == 1 and b.time_precision == 1:
        return a.date == b.date
    return _same_time(a, b)


def _same_spot(reading: Reading, group: list[Reading]) -> bool:
    """Whether the mention's own sentence names the very place the incident's sentences named."""
    place, anchor = _named_place(reading), _anchor(group)
    return place is not None and anchor is not None and (place.name == anchor.name or _km(place, anchor) <= SPOT_KM)


# "the attack", "this abduction", "the recent protest", "the killed man": told before, named again.
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:recent|latest|deadly|alleged|reported|suspected|same|apparent|attempted|"
    r"failed|fatal|brutal|bloody|violent|twin|coordinated|overnight|weekend|killed|abducted|kidnapped)\s+)?$",
    re.IGNORECASE,
)
_GENERIC = re.compile(r"^(Unidentified Armed Group|Civilians|Protesters|Rioters) \(.*\)$")
_SEPARATE = re.compile(
    r"\W*(?:separately|elsewhere|in (?:a |an )?(?:separate|unrelated|another|other) "
    r"(?:incident|attack|development)s?)\b",
    re.IGNORECASE,
)
_CROWDS = re.compile(r"^(?:Protesters|Rioters)\b")
# A time told from an incident named again: "hours after the shelling", "the day after the attack", "shortly before it".
_LATER = re.compile(
    r"\b(?:hours?|minutes?|moments?|days?|weeks?|shortly|soon|the (?:day|night|morning|evening))\s+"
    r"(?:after|before|following)\s+(?:the|this|that|its|their|it)\b",
    re.IGNORECASE,
)
_UNNAMED = "Unidentified Armed Group"
_AGENT_NOUN = re.compile(r"(?:er|or)s?$", re.IGNORECASE)  # "the protesters" are people, who may act again elsewhere
_NAME = r"[A-Z][\w'’]*(?:[ -](?:al|el|ad|as|ash)?-?[A-Z][\w'’]*)*"
_LOCALITY = "|".join(sorted(TOWN_WORDS | PART_WORDS | ADMIN2_WORDS))  # not provinces: those the gazetteer knows
_VILLAGE = re.compile(rf"\b(?:{_LOCALITY}) of (?:the )?({_NAME})|\b({_NAME}) (?:{_LOCALITY})\b")
_ANOTHER = re.compile(r"\b(?:other|separate|second|third|new|another|next)\b", re.IGNORECASE)


def _refers_back(reading: Reading) -> bool:
    """Whether a mention names, with a definite article and no date of its own, an incident already told."""
    mention = reading.mention
    before = mention.sentence.text[: mention.trigger.start - mention.sentence.start]
    match = _DEFINITE.search(before[-40:])
    return not _own_date(reading) and match is not None and not _ANOTHER.search(match.group())


def _referent(reading: Reading, groups: list[list[Reading]]) -> list[Reading] | None:
    """The latest incident of the same sub-event type (else of the same event type) that a definite mention names."""
    sub_type = reading.mention.sub_event_type
    for same in (lambda g: _incident_type(g)[0] == sub_type, lambda g: _event_type(g) == event_type_of(sub_type)):
        fitting = [g for g in reversed(groups) if same(g) and _fits(reading, g, sides=False, place=False)]
        here = [g for g in fitting if _fits(reading, g, sides=False)]
        if here or (fitting and not _AGENT_NOUN.search(reading.mention.trigger.text)):
            return (here or fitting)[0]  # "the attack on Alpha": the incident at the place it names, else the latest
    return None


def _event_type(group: list[Reading]) -> str:
    return event_type_of(_incident_type(group)[0])


def _at_the_demonstration(reading: Reading, group: list[Reading]) -> bool:
    """Force used by or against a crowd where and when it demonstrated is part of the demonstration."""
    return _incident_type(group)[0] in _PROTEST_TYPES and reading.mention.sub_event_type in _AT_PROTESTS


def _another_day(reading: Reading, group: list[Reading]) -> bool:
    """Whether a mention tells, in a sentence of its own, an act on a day the incident's sentences do not name ("stormed
    a base on Sunday ... On Friday, gunmen killed 12"). People named by their part ("a rioter succumbed to his wounds
    on Tuesday") are the incident's, whatever the day; a report's day is no act's (the dates stage marks it so)."""
    return (
        _own_day(reading)
        and any(_own_day(r) and r.when.date != reading.when.date for r in group)
        and not _told_with(reading, group)
        and not _AGENT_NOUN.search(reading.mention.trigger.text)
    )


def _own_day(reading: Reading) -> bool:
    return reading.when.time_precision == 1 and _own_date(reading)


def _own_date(reading: Reading) -> bool:
    """Whether the mention's own sentence says when (the dates stage may carry a date over)."""
    when, sentence = reading.when.mention, reading.mention.sentence
    return when is not None and sentence.start <= when.start < sentence.end


def _rank(mention: Mention) -> int | None:
    rank = RANK.get(mention.sub_event_type)
    if mention.rule == _WEAPONS_SEIZED:
        return _SEIZED  # weapons found on people arrested: the arrest is the incident (goods seized stay ACLED's
        # property destruction)
    if mention.sub_event_type == "Armed clash" and (
        mention.rule.endswith(":unknown-target") or mention.rule == _STORMED
    ):
        return _UNKNOWN  # nobody named attacked, or a place stormed with no fight told: any other reading is better
    if mention.sub_event_type == "Armed clash" and not mention.rule.endswith(":armed-target"):
        return _FOUGHT
    return rank


def _incident_type(group: list[Reading]) -> tuple[str, int | None, str]:
    """The sub-event type of the incident a group tells, with its rank (None: not foldable) and, where no reading has
    that type, the name of the rule that folded the readings into it."""
    ranked = [(rank, r) for r in group if (rank := _rank(r.mention)) is not None]
    if not ranked or _taking_and_its_toll(group):
        return group[0].mention.sub_event_type, None, ""
    rank, top = max(ranked, key=lambda item: item[0])
    sub_type = top.mention.sub_event_type
    if sub_type == "Attack" and _property_only(group):
        return "Looting/property destruction", rank, ""
    taken = [r.mention.sub_event_type for r in group if r.mention.sub_event_type in _DONE_TO_PEOPLE]
    if sub_type == "Attack" and taken and not any(c.value for r in group for c in r.claims):
        return taken[-1], rank, ""  # "shot sporadically before herding the victims away", "raped during a raid": no
        # one killed, so what was done to the people is the incident
    if sub_type in _PEACEFUL and any(r.mention.sub_event_type in _CROWD_VIOLENCE for r in group):
        return "Violent demonstration", rank, "fold:protest-turned-violent"  # "Teachers marched. They burned tyres."
    if sub_type == _EXCESSIVE_FORCE and any(r.mention.sub_event_type in _RIOTING for r in group):
        return "Violent demonstration", rank, "fold:force-against-rioters"  # no peaceful protesters: they torched and
        # fought
    if sub_type == "Peaceful protest" and any(r.mention.rule == _ARRESTS_BY_AUTHORITIES for r in group):
        return "Protest with intervention", rank, "fold:protest-with-arrests"
    return sub_type, rank, ""


def _other_village(reading: Reading, named: Place | None, group: list[Reading]) -> bool:
    """Whether the mention and the group name different places, one of them a village the gazetteer lacks ("They
    also pounded the village of Al-Tah" after a town was shelled): a place all the same, so another incident."""
    villages = {v for r in group if not _named_place(r) and (v := _village_named(r))}
    if named is not None:
        return bool(villages) and not any(v in reading.mention.sentence.text for v in villages)
    village = _village_named(reading)
    placed = bool(villages) or any(_named_place(r) for r in group)
    return village is not None and placed and not any(village in r.mention.sentence.text for r in group)


def _village_named(reading: Reading) -> str | None:
    """The name of a village, town, district or quarter the mention's sentence names with its type word ("the village
    of Al-Tah", "Kafr Nabl town", "the district of Baba Amr"), known to the gazetteer or not."""
    return _village_in(reading.mention.sentence.text)


@lru_cache(maxsize=1024)
def _village_in(sentence: str) -> str | None:
    """``_village_named`` of a sentence, kept for the last sentences read: the folding asks it of each mention again
    for every group it might join."""
    match = _VILLAGE.search(sentence)
    return (match.group(1) or match.group(2)) if match else None


def _named_place(reading: Reading) -> Place | None:
    """The mention's place if its own sentence names it; a place carried over from context is weaker."""
    place = reading.place
    if place and place.mention and place.mention in reading.mention.sentence.text:
        return place
    return None


def _anchor(group: list[Reading]) -> Place | None:
    """The group's place: the first place its sentences name, else the first one carried over."""
    return _first_named(group) or next((r.place for r in group if r.place), None)


def _first_named(group: list[Reading]) -> Place | None:
    return next((p for r in group if (p := _named_place(r))), None)


def _same_time(a: When, b: When) -> bool:
    if a.time_precision == 1 and b.time_precision == 1:
        return abs((a.date - b.date).days) <= DAYS
    ra = a.date_range or (a.date, a.date)
    rb = b.date_range or (b.date, b.date)
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _same_area(a: Place, b: Place) -> bool:
    """Within KM of each other, or, when one is only a province or country, inside it."""
    if max(a.geo_precision, b.geo_precision) == 3:
        coarse = a if a.geo_precision == 3 else b
        other = b if coarse is a else a
        return coarse.country == other.country and coarse.admin1 in (None, other.admin1)
    return _km(a, b) <= KM


def _compatible(a: Sides, b: Sides) -> bool:
    """Sides contradict only when both mentions name two actors and share none of them.

    A generic actor's country ("Unidentified Armed Group (Mali)") is the country the actors stage
    guessed for the event, not part of who the actor is: generic actors are compared by kind. An unidentified
    armed group is who the text did not name: it contradicts no one (a headline's "IS claims attack" misread).
    """
    names_a = {_identity(x.name) for x in (a.actor1, a.actor2) if x} - {_UNNAMED}
    names_b = {_identity(x.name) for x in (b.actor1, b.actor2) if x} - {_UNNAMED}
    return len(names_a) < 2 or len(names_b) < 2 or bool(names_a & names_b)


def _self_opposed(sides: Sides) -> bool:
    """One actor on both sides: a misreading, except in a battle ("two rival clans fought", as ACLED codes it)."""
    return sides.actor1 is not None and sides.actor1 == sides.actor2


@lru_cache(maxsize=1024)
def _identity(name: str) -> str:
    """A generic actor's kind, else the name; kept for the names last read (each pair of readings compares them)."""
    return _GENERIC.sub(r"\1", name)


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _type_distance(reading: Reading, sub_type: str) -> tuple[bool, bool]:
    """How far a reading's type is from the incident's: another event type, another sub-event type, or none."""
    own = reading.mention.sub_event_type
    return event_type_of(own) != event_type_of(sub_type), own != sub_type


def _property_only(group: list[Reading]) -> bool:
    """An attack in which property was looted or destroyed and nobody is told killed or hurt is property destruction."""
    looted = any(r.mention.sub_event_type == "Looting/property destruction" for r in group)
    hurt = any(r.mention.rule.startswith(("kill", "harm", _PERSON_ATTACKED)) or r.claims for r in group)
    return looted and not hurt


def _event(article: Article, group: list[Reading], is_party: Callable[[str], bool], headline_end: int | None) -> Event:
    first = group[0]
    sub_type, _, folded = _incident_type(group)
    typed = next((r for r in group if r.mention.sub_event_type == sub_type), first)
    when = min((r.when for r in group), key=lambda w: (w.mention is None, w.time_precision, w.date))
    anchor = _anchor(group)
    places = [r.place for r in group if r.place and anchor and _same_area(r.place, anchor)]
    place = min(places, key=lambda p: p.geo_precision) if places else None
    # the body tells the sides better than a headline; a crowd's incident takes them from a reading of its own type
    # (else event type), as the actors stage follows ACLED's crowd conventions per type: the police who fired, folded
    # into a riot, are not the riot's first side
    crowd = event_type_of(sub_type) in {"Protests", "Riots"}
    told = sorted(
        group,
        key=lambda r: (
            _type_distance(r, sub_type) if crowd else (False, False),
            r.mention.sentence.start < (headline_end or 0),
        ),
    )
    if event_type_of(sub_type) != "Battles":  # one side did it to another: a reading with one actor on both misread
        told = [r for r in told if not _self_opposed(r.sides)] or told
    actor1 = next((r.sides.actor1 for r in told if r.sides.actor1), None)
    # the same actor on both sides only where a reading says so: "two rival clans fought" (ACLED codes it so)
    actor2 = next((r.sides.actor2 for r in told if r.sides.actor2 and _other_side(r.sides, actor1)), None)
    if actor2 is None and sub_type in ("Protest with intervention", _EXCESSIVE_FORCE):
        # a protest folded with its arrests: the state force that arrested is the other side
        actor2 = next((a for r in group for a in (r.sides.actor1, r.sides.actor2) if a and a.inter == 1), None)
    assoc1, assoc2 = allies((r.sides for r in group), actor1, actor2)
    claims = _claims(group, is_party) if sub_type not in DEATHLESS_SUB_EVENT_TYPES else ()
    # whoever gives a toll for the event reports it too (the publisher's own figures name nobody)
    told = (c.source for c in claims if c.source and c.source != article.publisher)
    sources = _union([*(s for r in group for s in r.sides.sources), *told])
    parties = frozenset(n for n in (*sources, *(a.name for a in (actor1, actor2) if a)) if is_party(n))
    key = f"{article.id}|{sub_type}|{when.date}|{first.mention.trigger.start}"
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=event_type_of(sub_type),
        sub_event_type=sub_type,
        date=when.date,
        date_range=when.date_range or (when.date, when.date),
        time_precision=when.time_precision,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        location=place,
        fatalities=Fatalities.from_claims(claims, parties=parties),
        sources=sources,
        status=_status(group),
        evidence=tuple(dict.fromkeys(r.mention.sentence for r in group)),
        articles=(article.id,),
        rule=typed.mention.rule if typed.mention.sub_event_type == sub_type else folded,
    )


def _headline_of(headline: list[Reading], group: list[Reading]) -> bool:
    """Whether a headline's incident can be the body's: of its sub-event type, or of its event type where headlines
    use a word of their own for the means or the harm ("bombing" for a suicide blast, "assault" for a rape); a
    capture is no recapture, and a deal no handover."""
    if _incident_type(headline)[0] == _incident_type(group)[0]:
        return True
    return _event_type(headline) == _event_type(group) in {"Explosions/Remote violence", "Violence against civilians"}


def _about_a_past_case(article: Article, headline_end: int | None) -> bool:
    """Whether the headline (or the title) tells of a trial, a remembrance or an inquiry ("Court sentences five over
    2016 bombing", "Ten years after Chibok, parents still wait", "UN experts say both sides committed war crimes"):
    the incidents the article tells with no date of their own are the case tried, remembered or found, not news. An
    incident the body dates is news still, and once it dates one by its day ("police fired on protesters on Wednesday"
    under "... on anniversary of 2024 protests"), the body goes on with news as any other does."""
    headline = article.title or (article.text[:headline_end] if headline_end else "")
    return bool(_PAST_CASE.search(headline))


# A headline's trial, remembrance or inquiry: a sentence passed, a conviction, a tribunal, "N years after", "one year
# on", a report or investigation, war crimes found.
_PAST_CASE = re.compile(
    r"\b(?:sentence[sd]|convict(?:s|ed)|acquit(?:s|ted)|jailed|verdict|on trial|tribunal|anniversary"
    r"|report\b|investigation|investigators|inquiry|war crimes|crimes against humanity"  # not "brigade reports X"
    r"|commemorat\w+|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|\d+) "
    r"(?:years?|months?|weeks?) (?:after|on|since)\b)",
    re.IGNORECASE,
)


def _headline_end(article: Article) -> int | None:
    """Where an article's first line ends when it is a headline above a body (no full stop ends it), else None."""
    end = article.text.find("\n")
    if end < 0 or not article.text[end:].strip() or article.text[:end].rstrip().endswith("."):
        return None
    return end


def _other_side(sides: Sides, actor1: Actor | None) -> bool:
    """A reading's actor2 is another side, or the same communal, clan or ethnic militia (inter 4) fighting itself."""
    return sides.actor2 != actor1 or (sides.actor1 == sides.actor2 and actor1 is not None and actor1.inter == 4)


def _claims(group: list[Reading], is_party: Callable[[str], bool]) -> tuple[FatalityClaim, ...]:
    seen: dict[tuple[int, str, str | None], FatalityClaim] = {}
    for reading in group:
        for claim in reading.claims:
            if claim.source and is_party(claim.source) and claim.certainty == Certainty.REPORTED:
                claim = replace(claim, certainty=Certainty.CLAIMED)
            seen.setdefault((claim.value, claim.qualifier, claim.source), claim)
    return tuple(seen.values())


def _status(group: list[Reading]) -> Certainty:
    statuses = {r.sides.status for r in group}
    for status in (Certainty.REPORTED, Certainty.CLAIMED):
        if status in statuses:
            return status
    return Certainty.UNVERIFIED


def _union(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
