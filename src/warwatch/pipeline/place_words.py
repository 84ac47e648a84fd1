"""The words around a place name, and what they say: the vocabulary and readers of the geocoder's context.

In: a spaCy ``Doc`` and the token span of a name. Out: its cue ("town", "admin1", "admin2", "part", "area",
"near" or ""), how surely it is a place (``cue_and_evidence``), and its role (``read_role``): why it is not where things
happen ("based", "speaker", "border", "party", "modifier", "describes", "dateline" or "").

Read before a name: a locative preposition ("in", "near", "off" a coast; "on" or "against" what an attack noun
hits: "a missile strike on Kharkiv"; "from" only weakly, as it names origins), a
place word ("town of", "the town Shopian", "the capital Kabul"), a compass point with "of" or "from" ("south of X"
is near X; "the southern province of X" is X). After it: a place word ("Idlib province", plurals: "Kupwara and Bandipora
districts"), a road ("the Kabul-Jalalabad road") or the close of an address ("(Nihm, Sanaa)", "in Salvador,
Bahia, a man ..."). A dateline ("ARBIL, Iraq:", "BEIRUT, Lebanon (AFP) —", "YANGON –", "Srinagar Oct 16:") is where
the reporter files from.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Token

from .nlp import HYPHENS, text_of, tokens

ARTICLES = frozenset("al el il ul as ash es us ad ed ud an en ar er az ez at et ath".split())
# joiners inside names: Romance and Dutch particles, Arabic bin/ibn, the Persian ezafe (Mazar-e Sharif, Qala i Naw),
# Russian and Ukrainian "imeni" ("named after": "Kolkhoz imeni Lenina")
CONNECTORS = frozenset(
    "de del della di da du des au aux la le los las van von dos do das a bin ibn of the e i ye imeni".split()
)
TITLES = frozenset(
    "president minister leader envoy ambassador spokesman spokeswoman spokesperson commander general gen "
    "colonel col major maj captain capt lieutenant lt sergeant mr mrs ms dr king queen prince princess emir pope "
    "senator judge chancellor premier mullah ayatollah cleric mayor governor secretary chief sultan brigadier "
    "marshal admiral officer journalist reporter correspondent activist director deputy".split()
)
TOWN_WORDS = frozenset("city town village hamlet settlement camp port".split())
# parts of a town: "Periperi neighbourhood" lies in the town named beside it, not in a namesake elsewhere
PART_WORDS = frozenset("neighbourhood neighborhood suburb quarter colonia barangay ward".split())
ADMIN1_WORDS = frozenset("province governorate state oblast region prefecture department wilaya emirate".split())
ADMIN2_WORDS = frozenset(
    "district county municipality raion rayon subdistrict sub-district commune lga township "
    "tehsil taluka woreda upazila municipio parish".split()
)
# type words of several words, read as their one-word synonym: Nigeria's "Bokkos local government area"
LONG_TYPE_WORDS = {
    ("local", "government", "area"): "lga",
    ("local", "government", "areas"): "lgas",
    ("local", "government"): "lga",
}
_LONG_FIRST_WORDS = frozenset(words[0] for words in LONG_TYPE_WORDS)
# after a name, words that make it a people's or a group's: "Dir clan militias", "Zintan fighters" are no places
GROUP_WORDS = frozenset(
    "clan clans subclan subclans sub-clan clansmen tribe tribes tribesmen militia militias militiamen fighters".split()
)
ROAD_WORDS = frozenset({"road", "highway", "motorway", "route", "corridor"})
# a country or people named as the other side of a border ("near the border with Mali", "the Malian border") is
# where the event is not: the border is a cue to the event's own country
BORDER_WORDS = frozenset({"border", "frontier", "boundary"})
NEAR_AFTER = frozenset("countryside outskirts suburbs environs vicinity area highway road motorway desert".split())
LINKING = frozenset({"linking", "connecting", "joining", "overlooking"})
NEAR_BEFORE = (
    ROAD_WORDS
    | LINKING
    | frozenset(
        "near nearby outside around outskirts vicinity environs countryside outskirt close between km kilometres rural "
        "kilometers kilometre kilometer miles mile".split()
    )
)
# "south of X" is near X; "the southern province of X" is X itself
COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
DIRECTIONS = COMPASS | frozenset(
    "northern southern eastern western northeastern northwestern southeastern southwestern central".split()
)
STRONG_PREPS = frozenset(
    "in near at outside around into inside within across throughout toward towards via "
    "along between past beyond nearby off".split()
)
MEDIUM_PREPS = frozenset({"to", "of", "on", "through", "over", "from"})  # "from" names origins as often as places
# verbs whose object is a place as surely as after "in": "troops retook Homs", "missiles hit Bohdanivka"
TERRITORIAL = frozenset(
    "capture seize retake recapture take enter storm besiege shell bomb strike hit raid overrun "
    "liberate control reach encircle surround attack target pound bombard evacuate flee "
    "occupy secure took retook struck overran".split()
)  # + past forms the lemmatizer misses
# nouns of attack whose object after "on" or "against" is the place hit: "a missile strike on Kharkiv"
ATTACK_NOUNS = frozenset(
    "strike airstrike attack assault raid offensive bombardment bombing shelling onslaught incursion".split()
)
TARGET_PREPS = frozenset({"on", "against", "upon"})
TRANSFER = frozenset("deliver send supply give provide sell ship hand transfer donate export".split())
CARRIED = frozenset("airlift fly rush evacuate transport move take bring carry ferry flee".split())  # people, to X
SPEAKING_PREPS = frozenset({"in", "from", "at"})  # "said in Geneva", "a statement from Moscow"
SPEECH = frozenset("say tell announce state claim report accuse add warn insist confirm deny".split())
AREA_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
TYPE_WORDS = TOWN_WORDS | PART_WORDS | AREA_WORDS
# what follows a place's name and still names (part of) the place: "Dawlatabad district centre, Balkh"
CENTRE_WORDS = frozenset({"center", "centre", "headquarters", "bazaar", "market"})
DWELLERS = frozenset("residents inhabitants villagers townspeople natives".split())  # "residents of X": X is a place
# People a clause may describe by where they are or came from ("the captives held in Gaza", "raiders coming from a
# neighbouring state"): such a place is theirs, not where the event of the sentence happened.
PEOPLE = frozenset(
    "people person man men woman women child children family captive hostage prisoner detainee civilian resident "
    "villager refugee migrant soldier troop fighter militant rebel raider attacker assailant gunman gunmen worker "
    "student member official relative passenger traveller traveler commuter pilgrim driver labourer laborer trader "
    "farmer herder fisherman".split()
)
PLACE_WORDS = TYPE_WORDS | NEAR_AFTER | CENTRE_WORDS
_DETERMINERS = frozenset({"the", "a", "an"})
STOP_AT = frozenset(',.;:()[]"“”!?')
NOT_NAMES = (
    TYPE_WORDS
    | TITLES
    | frozenset(
        "commissioner january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday".split()
    )
)
# Continents and world regions: no event is placed in one, and a town named after one lies elsewhere ("Democracy in
# Africa" is no village "África" in Mexico). Folded as ``gazetteer.fold`` folds a name.
WORLD_REGIONS = frozenset(
    (
        "africa|europe|asia|america|americas|oceania|antarctica|eurasia|latin america|north america|south america|"
        "central america|middle east|near east|far east|north africa|west africa|east africa|central africa|"
        "southern africa|sub saharan africa|horn of africa|great lakes|south asia|southeast asia|south east asia|"
        "central asia|east asia|western europe|eastern europe|central europe|balkans|caucasus|levant|maghreb|"
        "caribbean|pacific|atlantic"
    ).split("|")
)
# capitalised inside longer names ("Euphrates River", "Security Council") but never a place on their own
GENERIC = frozenset(
    "river rivers mountain mountains mount lake valley wadi sea gulf bay island islands desert dam "
    "bridge airport base road street square hospital university mosque church council forces army "
    "ministry government police republic north south east west central new upper lower great "
    "greater old united human rights party front movement brigade brigades congress parliament senate assembly "
    "court area".split()
)


def cue_and_evidence(doc: Doc, start: int, end: int) -> tuple[str, float]:
    """What the words around a name say: its cue (town, admin1, admin2, area, near) and how surely it is a place."""
    words = [t.lower_ for t in _before(doc, start)]
    cue, evidence = "", 0.0
    # "in northern Mali" is "in Mali", "in the Palmyra desert" is "in Palmyra", "in rural Homs" near Homs; the parse
    # reads past other words: "in the occupied West Bank"
    prep = next((w for w in reversed(words) if w not in DIRECTIONS | _DETERMINERS | {"rural"}), "")
    root = doc[start:end].root
    governed = root.dep_ == "pobj" and root.head.lower_ in STRONG_PREPS and root.head.i >= start - 6
    if prep in STRONG_PREPS or governed or (prep in TARGET_PREPS and _attack_target(root)):  # "strike on Kharkiv"
        evidence += 2
    elif prep in MEDIUM_PREPS:
        evidence += 0.5
    if len(words) >= 2 and words[-1] == "of" and words[-2] in TYPE_WORDS:
        evidence += 1
        cue = "town" if words[-2] in PART_WORDS else _type_cue(words[-2])  # "a suburb of X": X holds it
    elif len(words) >= 2 and words[-1] == "of" and words[-2] in DWELLERS:  # "three residents of Kaliningrad"
        evidence += 1.5
    elif words and (words[-1] in TYPE_WORDS or words[-1] == "capital"):  # "the town Shopian", "the capital Kabul"
        evidence += 1.5
        cue = _type_cue(words[-1])
    compass = any(a in COMPASS and b in ("of", "from") for a, b in pairwise(words))
    if NEAR_BEFORE & set(words) or compass or prep == "off":  # "in the waters off Lahad Datu": at sea near it
        cue, evidence = "near", max(evidence, 2.0)
    follow = type_word_at(doc, end)
    if follow in TYPE_WORDS:
        cue, evidence = _type_cue(follow), evidence + 2
    elif follow in NEAR_AFTER or _road_follows(doc, end):
        cue, evidence = "near", evidence + 2
    if root.dep_ == "dobj" and {root.head.lemma_, root.head.lower_} & TERRITORIAL and not words:
        evidence += 2
    address = _address_part(doc, start, end)
    if not cue and address >= 1.0:
        cue = "area"
    return cue, evidence + address


def type_word_at(doc: Doc, i: int) -> str:
    """The word at ``i`` in the singular, a type word of several words as its one-word synonym ("local government
    area" is "lga"); "" past the end."""
    if i >= len(doc):
        return ""
    first = doc[i].lower_
    if first in _LONG_FIRST_WORDS:  # looked at only when it could begin one: this runs for every capitalised word
        for words, word in LONG_TYPE_WORDS.items():
            if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
                return singular(word)
    return singular(first)


def _attack_target(root: Token) -> bool:
    """Whether a name is what an attack noun is "on" or "against": the place hit ("the assault on Bakhmut")."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in TARGET_PREPS and prep.head.lemma_.lower() in ATTACK_NOUNS


def singular(word: str) -> str:
    """ "districts" -> "district", "cities" -> "city": a plural place word names every member of a list."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and word[:-1] in TYPE_WORDS else word


def _before(doc: Doc, start: int) -> list[Token]:
    """Up to six tokens before a name, within its clause: where "near", "south of", "town of" are read."""
    found: list[Token] = []
    for token in reversed(tokens(doc)[max(0, start - 6) : start]):
        if token.text in STOP_AT or (token.pos_ in ("VERB", "AUX") and token.lower_ not in LINKING):
            break
        if token.is_sent_end:
            break
        found.insert(0, token)
    return found


def _address_part(doc: Doc, start: int, end: int) -> float:
    """How surely a name is the area part of an address; 1.0 when it closes one (2.0 in parentheses): "(Nihm, Sanaa)",
    "Jen (Karim-Lamido LGA, Taraba)", "in Belford Roxo, Rio de Janeiro."; 0.5 inside a chain of names after a
    comma ("Barangay Poblacion, Marawi, Lanao del Sur"); 0 otherwise."""
    if start < 2 or doc[start - 1].text not in (",", "("):
        return 0.0
    closing = (
        end >= len(doc)
        or doc[end].text in (")", ".", ";")
        or doc[end].is_sent_end
        or (doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].is_lower)  # "in Salvador, Bahia, a man"
    )
    if doc[start - 1].text == "(" or (
        closing
        and (doc[start - 2].text[:1].isupper() or doc[start - 2].text == ")" or doc[start - 2].lower_ in PLACE_WORDS)
    ):
        return 2.0 if end < len(doc) and doc[end].text == ")" else 1.0  # "(Bourem, Gao)" is surely an address
    chained = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text[:1].isupper()
    return 0.5 if chained and doc[start - 2].text[:1].isupper() else 0.0


def _type_cue(word: str) -> str:
    if word in ADMIN1_WORDS:
        return "admin1"
    if word in PART_WORDS:
        return "part"
    return "admin2" if word in ADMIN2_WORDS else "town"


def _road_follows(doc: Doc, end: int) -> bool:
    """Whether the name starts a road: "the Deir az Zor-Palmyra highway", "Kabul-Jalalabad road"."""
    for token in tokens(doc)[end : end + 6]:
        if token.lower_ in ROAD_WORDS:
            return True
        if not (token.text in HYPHENS or token.text[:1].isupper() or token.lower_ in ARTICLES):
            return False
    return False


def read_role(doc: Doc, start: int, end: int, names: set[int], *, country: bool) -> str:
    """Why a place is not where things happened: "based" (New York-based), "speaker" (said in Geneva), "border"
    (the other side of a border: "near the border with Mali"), "party"
    (a government that gives or receives: "delivered the tanks to Kyiv"), "destination" (where people were carried
    or fled: "airlifted to Nairobi"),
    "describes" (in a clause about another place: "al-Sukhna, which lies on the road to Deir Az Zor")."""
    words, text = tokens(doc), text_of(doc)
    last = words[end - 1].idx + len(words[end - 1])  # where the name ends
    if is_dateline(text, words[start].idx, last):
        return "dateline"  # a place for sure (see _with_context), but the reporter's
    if re.match(r"[-‐–]?\s?based\b", text[last : last + 7].lower()):
        return "based"
    if re.match(r"[-‐–]bound\b", text[last : last + 7].lower()):
        return "destination"  # "a Lahore-bound coach": where it was headed
    for token in words[start:end]:
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_ in BORDER_WORDS:
            return "border"  # "near the border with Mali": the other side, not where the event is
        if token.dep_ == "nsubj" and head.lemma_ in SPEECH:
            return "speaker"  # "Damascus said": a government speaking, not a place where something happened
        if token.dep_ == "pobj" and _speakers_place(token):
            return "speaker"
        if token.dep_ == "compound" and _speaker_named(token):
            return "speaker"  # "Yobe police spokesman X said": whom the speaker serves, not where it happened
        if (token.dep_ == "nsubj" and head.lemma_ in TRANSFER) or (
            token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in TRANSFER
        ):
            return "party"  # "Washington delivered the tanks to Kyiv": governments giving and receiving
        if token.dep_ == "pobj" and head.lower_ in {"to", "into"} and head.head.lemma_ in CARRIED:
            return "destination"  # "the wounded were airlifted to Nairobi": where they went, not where it happened
    root = doc[start:end].root
    head = root.head
    while head.i in names and head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head  # "Nigeria-Cameroon border town": Nigeria modifies what Cameroon modifies
    if root.dep_ in ("compound", "amod", "nmod") and country and singular(head.lower_) not in PLACE_WORDS:
        return "modifier"  # "the US dollar", "a Syria policy"; not "a northern Syria town"
    if _in_parentheses(doc, start):
        return ""  # "Ambassa (Dhalai district, Tripura)" is an address, not a clause describing Ambassa
    for ancestor in root.ancestors:
        if ancestor.dep_ in ("relcl", "appos", "acl"):
            head = ancestor.head
            described = head.i in names or (
                head.lower_ in PLACE_WORDS and _other_name(head, ancestor, names, start, end)
            )
            return "describes" if described else ""
    return ""


def _speaker_named(token: Token) -> bool:
    """Whether a name opens the words naming a speaker: the subject of "said" or the object of "according to"."""
    head = token.head
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    if head.dep_ == "nsubj":
        return head.head.lemma_ in SPEECH
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according"


def _other_name(head: Token, clause: Token, names: set[int], start: int, end: int) -> bool:
    """Whether a place word heading a clause also governs another name, outside the clause: "the town, which ..."."""
    other = ({t.i for t in head.subtree} - {t.i for t in clause.subtree}) & (names - set(range(start, end)))
    return bool(other)


_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*,[ \t]*)?$")
# after the name: maybe a country, then its date and agency in either order ("KANO, Nigeria, May 9 (Reuters) -",
# "BEIRUT, Lebanon (AFP) —", "Srinagar Oct 16:"), then a colon or a dash
_DATELINE_AFTER = re.compile(
    r"(?:,[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*(?![ \t]+\d))?[ \t]*"
    r"(?:,?[ \t]*(?:\([A-Z][\w .]*\)|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]*\d{4})?)[ \t]*){0,2}(?::|[ \t]+[-–—])"
)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether a name is in the dateline opening a paragraph: "ARBIL, Iraq:", "BEIRUT, Lebanon (AFP) —",
    "YANGON –", "Srinagar Oct 16:". It says where the reporter files from, not where the event was."""
    return bool(_DATELINE_BEFORE.search(text, max(0, start - 60), start)) and bool(
        _DATELINE_AFTER.match(text, end, end + 60)
    )


# a news agency in a dateline's parentheses: "BEIRUT (Xinhua) --", "GOMA, DR Congo, May 2 (AFP) -"
_AGENCY_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][\w'’.-]*(?:,?[ \t]+[A-Z][\w'’.-]*)*"  # the town, maybe its country
    r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]*\d{4})?)?[ \t]*\($"  # maybe a date
)
_AGENCY_AFTER = re.compile(r"\)[ \t]*(?::|[-–—])")


def is_agency(text: str, start: int, end: int) -> bool:
    """Whether a name is the news agency in a dateline's parentheses ("BEIRUT (Xinhua) --"): an organisation that
    shares its name with places (Xinhua is a dozen towns of China), never a place of the story."""
    one_word = not any(c.isspace() for c in text[start:end])
    return one_word and bool(_AGENCY_BEFORE.search(text, max(0, start - 80), start) and _AGENCY_AFTER.match(text, end))


def past_dateline(subject: Token) -> list[Token]:
    """The parser often takes a dateline for the subject of the first verb ("KANO, Nigeria: The army said");
    such a subject stands for the apposition hanging on it, if any ("GAO, Mali - Local officials said")."""
    text = text_of(subject.doc)
    if not is_dateline(text, subject.left_edge.idx, subject.idx + len(subject)):
        return [subject]
    return [c for c in subject.children if c.dep_ == "appos" and not is_dateline(text, c.left_edge.idx, c.idx + len(c))]


def _in_parentheses(doc: Doc, start: int) -> bool:
    for token in reversed(tokens(doc)[max(0, start - 8) : start]):
        if token.text in (")", "."):
            return False
        if token.text == "(":
            return True
    return False


def _speakers_place(token: Token) -> bool:
    """Whether a place is where somebody speaks, through a chain of prepositions: "said in Geneva", "said in a
    statement from Moscow", "told reporters in Sanaa", "a spokesman in Kabul said"; not "residents in X said", who
    tell what they saw there."""
    node = token
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in SPEAKING_PREPS:
        node = node.head.head
        if _speaks(node) or (node.dep_ == "dobj" and _speaks(node.head)):
            return True
        if node.dep_ == "nsubj" and (node.lower_ in TITLES or node.lemma_ == "official") and node.head.lemma_ in SPEECH:
            return True  # "a spokesman in Kabul said", "a hospital official in Bannu said": where they work
    return False


def _speaks(verb: Token) -> bool:
    """Whether somebody says something here ("de Mistura said in New York"), not "it was reported in X" nor "in
    Kitengela, witnesses said": who saw it tells where it happened."""
    return verb.lemma_ in SPEECH and any(
        c.dep_ == "nsubj" and c.lower_ != "it" and c.lemma_.lower() not in _WITNESSES for c in verb.children
    )


_WITNESSES = frozenset("witness eyewitness resident villager local survivor".split())
