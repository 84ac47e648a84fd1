"""Typing of one event trigger: its family and its sentence -> an ACLED sub-event type and the rule's name.

The taxonomy's tie-breaks live here: remote means beat an attack on civilians, fire with small
arms at armed people is a battle, a state actor regains and a non-state actor overtakes
territory, a protest met with tear gas is a protest with intervention, a crowd's violence is a
riot, property looted or burned with no one hurt is looting (with people killed, part of the
attack). A trigger typed ``None`` is carried by another trigger of its incident (the means that
did the killing, the capture that the fighting won).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..taxonomy import SUB_EVENT_TYPES
from .event_facts import family_of
from .event_roles import (
    by_aircraft,
    communal,
    communal_agent,
    crowd_agent,
    direct_objects,
    linked,
    linked_to_any,
    non_state_agent,
    participants,
    person_target,
    police_agent,
    property_target,
    sentence_targets,
    state_agent,
    state_subject,
    target_kind,
)
from .event_words import (
    AIR_CUES,
    AIRCRAFT,
    AMMUNITION,
    ARMED_TARGETS,
    CAPTIVES,
    CIVILIAN_PLACES,
    CIVILIAN_TARGETS,
    CLASHES,
    CONTROLLED_BLAST,
    CROWD,
    CROWD_CONTROL,
    CROWD_REPRESSION,
    CRUDE_WEAPONS,
    DISRUPTION_VERBS,
    EVIDENCE,
    FIREARMS,
    FOUND_VERBS,
    GATHERINGS,
    IED_CUES,
    LEAVING_VERBS,
    MEANS,
    MEMBER_NOUNS,
    ONE_SIDED_FIGHTS,
    ORGANIZED_ARMED,
    ROUTINE_POSTS,
    SEARCHES,
    SHELL_CUES,
    STATE_CUES,
    STORMED_PLACES,
    STORMING,
    TERRITORY,
    UNACCOUNTED,
    UNMANNED,
    UNREALISED,
    VIOLENCE,
    WEAPON_DISRUPTIONS,
    WEAPONS,
)
from .nlp import hyphened_to

_MEASURES = frozenset(
    "ton tonne kilogram kg quantity amount number lot haul consignment shipment crate box cache stockpile stash batch "
    "bag sack".split()
)
_REMOTE = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e == "Explosions/Remote violence")
_VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_VIOLENT_TYPES = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e in _VIOLENT_EVENT_TYPES)
_PROTESTS = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e in {"Protests", "Riots"})
_RIOTS = frozenset(t for t, e in SUB_EVENT_TYPES.items() if e == "Riots")
_DIRECT_FIRE_MEANS = frozenset({"Shelling/artillery/missile attack", "Grenade"})
_HARM_TO_PEOPLE = frozenset({"kill", "harm"})  # families of triggers that tell of people killed or hurt
_HARMED = _HARM_TO_PEOPLE | frozenset("dead death die injure wound hurt shoot fire clash exchange".split())
# What a raid did that says what it was, rather than a place taken: "stormed the village and looted shops".
_DONE_TO_PEOPLE_OR_GOODS = _HARM_TO_PEOPLE | {"abduct", "sexual", "loot", "arrest"}
# Who stands for the authorities among the sides of a fight (besides ``STATE_CUES``).
_AUTHORITIES = STATE_CUES | frozenset("personnel policeman officer gendarme guard soldier troop".split())
# People, not property or places: what is handed over or carried off is then no territory and no loot.
_HERDS = frozenset("cattle livestock".split())  # targets of raids among the civilian ones, but no people
_PEOPLE = (CIVILIAN_TARGETS - CIVILIAN_PLACES - _HERDS) | ORGANIZED_ARMED | CAPTIVES
_BURNING = frozenset({"burn", "torch"})  # done to people, not property: violence
_SIMPLE = {
    "sexual": "Sexual violence",
    "abduct": "Abduction/forced disappearance",
    "agreement": "Agreement",
    "arrest": "Arrests",
    "disrupt": "Disrupted weapons use",
    "loot": "Looting/property destruction",
    "transfer": "Non-violent transfer of territory",
    "base": "Headquarters or base established",
    "change": "Change to group/activity",
    "release": "Other",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What the typing of one trigger may look at besides the trigger: its sentence and the one before."""

    families: frozenset[str]  # the families of all triggers in the sentence
    lemmas: frozenset[str]
    previous_type: str | None  # the type of the previous sentence's last mention
    means_tokens: tuple[Token, ...]  # triggers naming remote means (shells, bombs, aircraft, ...)
    violence_tokens: tuple[Token, ...]  # triggers of one-sided or unclear violence (attack, kill, harm)
    territory_tokens: tuple[Token, ...]  # triggers of a place taken or retaken
    small_arms: bool  # the sentence names direct-fire weapons (rifles, machine guns, small arms)
    intervention: bool  # the authorities acted: tear gas, batons, arrests (not arrests protested against)
    rioting: bool  # stones, fire, looting by the crowd (not riots protested against)
    own_device: bool  # explosives went off in their handlers' hands ("exploded prematurely")
    heavy_weapons: bool  # the sentence names heavy machine guns or heavy weapons
    live_fire: bool  # "live ammunition", "live rounds"
    deaths: bool  # killing, shooting or deaths the sentence tells as facts (not "gangs that have killed 30 this year")


def type_of(family: str, tok: Token, context: Context) -> tuple[str | None, str]:
    """ACLED sub-event type of one trigger, with the name of the rule that chose it."""
    families = context.families
    if family in MEANS:
        return _means_type(family, tok, context)
    if family in VIOLENCE:
        return _violence_type(family, tok, context)
    if family == "lynch":
        return "Mob violence", "lynch"  # a lynching is a crowd's violence by definition
    if family == "shootdown":
        return _shootdown_type(tok)
    if family == "fight" and any(linked(tok, other) for other in context.territory_tokens):
        return None, "absorbed-by-territory"  # "took the town after clashes": the capture carries it
    if family == "fight" and tok.lemma_.lower() in ONE_SIDED_FIGHTS and linked_to_any(tok, context.means_tokens):
        return None, "absorbed-by-means"  # "ambushed them with heavy weapons": the remote violence carries it
    if family == "fight" and tok.lemma_.lower() in ONE_SIDED_FIGHTS and _on_civilians(tok, context):
        return None, "absorbed-by-violence"  # "aid workers shot dead when gunmen ambushed their vehicle": an attack
    if family == "fight" and "suicide" in families and linked_to_any(tok, context.means_tokens):
        return None, "absorbed-by-suicide-bomb"  # a suicide blast opening an assault: the bombing types the incident
    if family == "fight":
        return _fight_type(tok, context)
    if family in {"capture", "regain"}:
        seized = seized_thing(tok)
        if seized is not None:
            return seized
        if "transfer" in families:
            return "Non-violent transfer of territory", f"{family}:without-fight"
        if state_subject(tok) or (family == "regain" and not non_state_agent(tok)):  # not the RSF "liberating"
            return "Government regains territory", f"{family}:state-actor"
        return "Non-state actor overtakes territory", f"{family}:non-state-actor"
    if family == "protest":
        return _protest_type(tok, context), "protest"
    if family == "intervene":
        return _intervention_type(tok, context)
    if family == "arrest" and UNACCOUNTED.search(tok.sent.text):
        return "Abduction/forced disappearance", "arrest:unacknowledged"  # "picked up ..., not heard from since"
    if family == "arrest" and non_state_agent(tok):
        return "Abduction/forced disappearance", "arrest:by-non-state-group"  # an armed group has no power of arrest
    if family == "arrest" and state_agent(tok):
        return "Arrests", "arrest:by-authorities"
    if family == "disrupt" and tok.lemma_.lower() in WEAPON_DISRUPTIONS and not _weapon_objects(tok):
        return None, "disrupt:no-weapon"  # "the militia agreed to disarm": no weapon taken out of use
    if family == "disrupt" and target_kind(tok) == "attack" and not _unrealised_object(tok):
        return "Armed clash", "disrupt:repelled-attack"  # "foiled the attack" while it was fought off
    if family == "riot":
        return _riot_type(tok, context)
    if family == "transfer" and not _left_a_place(tok):
        return None, "transfer:no-place-left"  # "withdrew from the election"
    if family == "loot" and tok.lemma_.lower() in _BURNING and _people_objects(tok):
        return _violence_type("attack", tok, context)  # "residents burned four men they accused of theft": harm done
    if family == "loot" and _people_objects(tok) and non_state_agent(tok):
        return "Abduction/forced disappearance", "loot:people-carried-off"  # "separatists carried off a ruler"
    if family in {"transfer", "loot"} and _people_objects(tok):
        return None, f"{family}:people-taken"  # "handed the suspects over to the police", "carried off the wounded"
    if family == "base" and state_agent(tok) and any(o.lemma_.lower() in ROUTINE_POSTS for o in direct_objects(tok)):
        return None, "base:state-checkpoint"  # the police's roadblocks are security measures, not a base
    if family == "base" and (crowd_agent(tok) or families & {"protest", "riot"}):
        return None, "base:by-crowd"  # "protesters set up roadblocks": the protest carries it, no group's base
    if family == "loot" and _weapon_objects(tok):
        return "Disrupted weapons use", "loot:weapons-destroyed"  # "found and destroyed three IEDs"
    if family == "loot" and crowd_agent(tok):
        return _crowd_type(context), "loot:by-crowd"  # "mobs torched churches": a riot that burned property
    if family == "loot" and families & _HARM_TO_PEOPLE:
        return None, "absorbed-by-violence"  # "killed four villagers and torched their houses": an attack on people
    return _SIMPLE.get(family), family


def _on_civilians(tok: Token, context: Context) -> bool:
    """Whether the killing or harm told with a trigger was done to civilians, or to people not said to be armed, as
    ``_violence_type`` reads them (an ambush that killed soldiers stays a battle)."""
    harms = (v for v in context.violence_tokens if family_of(v) in _HARM_TO_PEOPLE and linked(tok, v))
    return any(_targets(harm)[1] in {"civilian", None} for harm in harms)


def _targets(tok: Token) -> tuple[str | None, str | None]:
    """The kind of what a trigger is done to (``target_kind``) and the target it gives, else the sentence's people
    ("injured in the attack": an attack is no target)."""
    kind = target_kind(tok)
    return kind, (kind if kind != "attack" else None) or sentence_targets(tok)


def _fight_type(tok: Token, context: Context) -> tuple[str, str]:
    """A battle between armed sides; with a crowd on one side, a riot: a violent demonstration when the crowd fought
    the authorities with the means of a demonstration (stones, burning tyres) or at a protest ("students clashed with
    police, hurling stones"), else mob violence ("shopkeepers clashed with police after a shop was closed")."""
    sides = participants(tok)
    nouns = {t.lemma_.lower() for t in sides}
    armed = any(c.lower_ == "armed" and t.lemma_.lower() not in _AUTHORITIES for t in sides for c in t.children)
    if nouns & CIVILIAN_TARGETS and not nouns & _AUTHORITIES and communal(sides):
        return "Armed clash", "fight:communal-sides"  # "herders and farmers clashed": communal militias fought
    if nouns & CIVILIAN_TARGETS and not nouns & ORGANIZED_ARMED and not armed:
        rule = "fight:unorganised-sides"  # villagers, supporters or a crowd, not armed groups
    elif context.lemmas & CRUDE_WEAPONS and not context.lemmas & FIREARMS and not nouns & ORGANIZED_ARMED:
        rule = "fight:crude-weapons"  # machetes and stones, no guns: a brawl of crowds
    else:
        return "Armed clash", "fight"
    demonstration = context.rioting or "protest" in context.families or context.previous_type in _PROTESTS
    if nouns & _AUTHORITIES and demonstration:
        return "Violent demonstration", f"{rule}:demonstrators-against-authorities"
    return "Mob violence", rule


_PROTESTERS = frozenset(
    w + s for w in ("protester", "demonstrator", "supporter") for s in ("", "s")
)  # "Demonstrators" tagged a name keeps its plural


def _crowd_type(context: Context) -> str:
    """Violence by a crowd: a violent demonstration when a protest was told, else mob violence."""
    previous = context.previous_type
    if previous in _RIOTS:
        return previous
    protest = previous in _PROTESTS or bool(context.lemmas & _PROTESTERS)
    return "Violent demonstration" if protest else "Mob violence"


def _crowd_weapons(tok: Token, context: Context) -> bool:
    """Whether armed people were hurt with a crowd's means (stones, fire) and no gun, by no armed group: the police
    officer killed "after being struck with stones and a machete" at a demonstration died in a riot."""
    crowd_means = context.rioting or context.previous_type in _PROTESTS
    return crowd_means and not context.lemmas & FIREARMS and not context.small_arms and not non_state_agent(tok)


def _arson_only(context: Context) -> bool:
    """Whether a sentence's rioting is fire set with no crowd in sight ("settlers set fire to houses, and a man was
    killed by their bullets"): arson by the attackers, which leaves the killing its own type."""
    crowd = context.lemmas & CROWD or "mob" in context.lemmas or context.previous_type in _PROTESTS
    return "set" in context.lemmas and not crowd


def _riot_type(tok: Token, context: Context) -> tuple[str | None, str]:
    """A mob or a violent demonstration; setting fire with no crowd in sight is arson, typed as looting."""
    if "mob" in context.lemmas or tok.lower_ in {"mob", "mobs"}:  # "Mobs" opening a sentence is tagged a name
        return "Mob violence", "riot"
    crowd = context.lemmas & CROWD or "protest" in context.families or context.previous_type in _PROTESTS
    if tok.lemma_.lower() == "set" and (not crowd or non_state_agent(tok)):  # or "militiamen set fire to the office"
        return None, "riot:no-crowd"  # the looting/property-destruction reading of the sentence carries it
    return "Violent demonstration", "riot"


def _means_type(family: str, tok: Token, context: Context) -> tuple[str | None, str]:
    """Remote violence, by the taxonomy's precedence of means; with direct fire at armed people, a battle."""
    if taken_out_of_use(tok):
        return "Disrupted weapons use", f"means:{family}:disrupted"  # "mines cleared", "a device found and defused"
    if _controlled_blast(tok):
        return "Disrupted weapons use", f"means:{family}:controlled"  # "found and safely detonated the mines"
    means = _means(context.families, context.lemmas)
    lemmas, previous_type = context.lemmas, context.previous_type
    if family in {"ied", "blast", "bomb"} and context.own_device:
        return "Disrupted weapons use", f"means:{family}:own-device"  # it went off while being planted or made
    if family in {"bomb", "bombard"} and not lemmas & (AIR_CUES | SHELL_CUES) and previous_type in _REMOTE:
        return previous_type, "means:bomb:continues-previous"
    means = means or "Shelling/artillery/missile attack"
    if means in _DIRECT_FIRE_MEANS and context.small_arms and sentence_targets(tok) in {"armed", None}:
        return "Armed clash", f"means:{family}:with-small-arms"  # mortars and rifles at positions: a battle
    return means, f"means:{family}"


def _violence_type(family: str, tok: Token, context: Context) -> tuple[str | None, str]:
    """Killing, attacking or harming: typed by the means used, by who does it, and by the target."""
    if strike_from_afar(tok, family):  # by missiles or shells when the sentence names them, else from the air
        shelled = context.lemmas & SHELL_CUES
        return ("Shelling/artillery/missile attack" if shelled else "Air/drone strike"), "attack:strike-from-afar"
    if any(linked(tok, other) for other in context.means_tokens) and not context.own_device:
        return None, "absorbed-by-means"  # the remote-violence mention of this incident carries it
    if tok.dep_ in {"acl", "relcl"} and taken_out_of_use(tok.head):
        return None, "absorbed-by-disruption"  # "intercepted two missiles fired at the city": they hit nothing
    if context.own_device and context.means_tokens:
        return "Disrupted weapons use", f"{family}:own-device"  # those killed when their own bomb went off
    if "protest" in context.families or ("riot" in context.families and not _arson_only(context)):
        return None, "absorbed-by-protest"
    if tok.lemma_.lower() in SEARCHES and context.families & {"arrest", "abduct"}:
        return None, "absorbed-by-arrest"  # "raided houses and arrested five men": the arrests say what it did
    if tok.lemma_.lower() == "raid" and police_agent(tok) and not (context.families | context.lemmas) & _HARMED:
        return None, "police-search"  # "police teams conducted dawn raids on addresses": a search, no one harmed
    if any(linked(tok, other) for other in context.territory_tokens):
        return None, "absorbed-by-territory"
    done = context.families & _DONE_TO_PEOPLE_OR_GOODS or any(t != tok for t in context.violence_tokens)
    if tok.lemma_.lower() in STORMING and _place_object(tok) and not done:  # "stormed a village and opened fire on"
        return _storming_type(tok, context)
    if family == "attack" and by_aircraft(tok):
        return "Air/drone strike", "attack:by-aircraft"
    kind, target = _targets(tok)
    if family in {"attack", "kill"} and state_agent(tok) and _at_protesters(tok):
        return "Excessive force against protesters", f"{family}:protesters-fired-on"  # the march misparsed or untold
    # "the drivers attacked police officers": a riot; herders who killed villagers are a communal militia, no crowd
    if crowd_agent(tok) and not (target != "armed" and communal_agent(tok)):
        return _crowd_type(context), f"{family}:by-crowd"
    if family == "attack" and _looting_raid(tok, target, context):
        return None, "absorbed-by-looting"  # "raided the village and looted shops": property, no one hurt
    if family == "attack" and property_target(tok):
        return "Looting/property destruction", "attack:property-target"  # sabotage: "the pipeline was attacked"
    if family == "attack" and context.previous_type in _REMOTE and target != "armed":
        return context.previous_type, f"{family}:continues-previous"  # remote violence beats an attack on civilians
    if family == "attack" and target is None and context.previous_type in _VIOLENT_TYPES:
        return context.previous_type, f"{family}:continues-previous"  # "the attack" told just before
    if family == "attack" and kind == "civilian" and person_target(tok):
        return "Attack", "attack:person-target"  # people were attacked, whatever else was destroyed
    if target == "civilian" or (family in {"kill", "harm"} and target is None):
        return "Attack", f"{family}:civilian-target"
    if target == "armed" and _crowd_weapons(tok, context):
        return _crowd_type(context), f"{family}:crowd-weapons"  # "an officer was killed, struck with stones"
    if context.small_arms and family == "attack":
        return "Armed clash", "attack:small-arms-fire"
    if context.heavy_weapons and family == "attack" and target is None:
        return "Shelling/artillery/missile attack", "attack:heavy-weapons"  # heavy machine-gun fire at no one named
    return "Armed clash", f"{family}:{'armed' if target else 'unknown'}-target"


def strike_from_afar(tok: Token, family: str) -> bool:
    """ "An Israeli strike on a school", "a strike on the depot": what a war calls a strike comes from afar, a means
    of its own (a labour strike is a protest's, read before)."""
    return family == "attack" and tok.pos_ == "NOUN" and tok.lemma_.lower() == "strike"


def _at_protesters(tok: Token) -> bool:
    """ "Police fired live ammunition at supporters marching against the results", "shot dead two demonstrators"."""
    nouns = [
        *direct_objects(tok),
        *(g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"at", "on"} for g in c.children),
    ]
    return any(n.lemma_.lower() in _PROTESTERS for n in nouns)


def _looting_raid(tok: Token, target: str | None, context: Context) -> bool:
    """An attack on a place whose sentence tells only of looting or burning, no one killed or hurt: the looting is
    what it did ("raided the village and looted shops", "attacked the town and burned houses")."""
    if "loot" not in context.families or context.families & _HARM_TO_PEOPLE:
        return False
    return target != "armed" and not person_target(tok)


def _storming_type(tok: Token, context: Context) -> tuple[str | None, str]:
    """A place stormed with no one told killed, hurt, taken or robbed: taken, when a non-state group stormed it;
    with a capture told, the capture carries it. (Otherwise the killing or the looting says what it was.)"""
    if context.territory_tokens:
        return None, "absorbed-by-territory"  # "stormed the town and seized control of it"
    if non_state_agent(tok) and not state_agent(tok):
        return "Non-state actor overtakes territory", "storm:place-by-non-state-group"
    return "Armed clash", "storm:place"


def _place_object(tok: Token) -> bool:
    """Whether what a verb is done to is a place where people live: a town, a district, a named place."""
    nouns = direct_objects(tok)
    return any(n.lemma_.lower() in STORMED_PLACES or n.ent_type_ in {"GPE", "LOC"} for n in nouns)


def _people_objects(tok: Token) -> bool:
    """Whether what a verb hands over or carries off is people ("handed the suspects over"), not places or goods."""
    nouns = direct_objects(tok)
    nouns += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
    return any(n.lemma_.lower() in _PEOPLE for n in nouns)


def _shootdown_type(tok: Token) -> tuple[str | None, str]:
    """Bringing down a drone or missile is an interception; bringing down an aircraft is anti-aircraft fire."""
    objects = direct_objects(tok)
    words = {w.lemma_.lower() for obj in objects for w in obj.subtree}
    if words & UNMANNED:
        return "Disrupted weapons use", "shootdown:unmanned"
    if words & AIRCRAFT:
        return "Shelling/artillery/missile attack", "shootdown:aircraft"
    return None, "shootdown:no-aircraft"


def _controlled_blast(tok: Token) -> bool:
    """Explosives set off to make them safe: "safely detonated", "a controlled explosion", "found and detonated"."""
    controlled = (c for c in tok.children if c.dep_ in {"advmod", "amod"} and c.lower_ in CONTROLLED_BLAST)
    if any(hyphened_to(c) is None for c in controlled):
        return True  # not a "remote-controlled" bomb
    return tok.dep_ == "conj" and tok.head.lemma_.lower() in FOUND_VERBS


def _means(families: set[str], lemmas: set[str]) -> str | None:
    """The remote-violence sub-type a sentence's means point to, by the taxonomy's precedence."""
    if "chemical" in families or ("air" in families and lemmas & _IRRITANTS and not families & {"protest", "riot"}):
        return "Chemical weapon"  # tear gas dropped from drones on positions is a weapon of war, not crowd control
    if "suicide" in families:
        return "Suicide bomb"
    if "air" in families or (families & {"bomb", "bombard"} and lemmas & AIR_CUES):
        return "Air/drone strike"
    if families & {"grenade", "ied", "blast"} and lemmas & AIR_CUES and "drop" in lemmas:
        return "Air/drone strike"  # "a drone dropped a grenade on the checkpoint": dropped from the air
    if "grenade" in families:
        return "Grenade"
    if "ied" in families or ("blast" in families and lemmas & IED_CUES):
        return "Remote explosive/landmine/IED"
    if "bomb" in families and not lemmas & SHELL_CUES:
        return "Remote explosive/landmine/IED"  # "a bomb went off at the market": planted, not fired
    if families & {"shell", "bombard", "bomb", "blast"}:
        return "Shelling/artillery/missile attack"
    return None


def _protest_type(tok: Token, context: Context) -> str:
    lemmas, families = context.lemmas, context.families
    if context.rioting or families & {"riot", "loot"} or ("fight" in families and lemmas & CLASHES):
        return "Violent demonstration"  # stones thrown, shops burned, clashes with the police
    if _lethal(context) and lemmas & _AUTHORITIES:  # "National Guard officers opened fire", "officers shot"
        return "Excessive force against protesters"
    if context.intervention or _repressed(tok):
        return "Protest with intervention"
    return "Peaceful protest"


def _lethal(context: Context) -> bool:
    """Live fire or deaths told with a protest: force that kills, not crowd control."""
    return context.live_fire or context.deaths


def _repressed(tok: Token) -> bool:
    """Whether the authorities acted on the gathering a protest trigger names: "police charged the students who were
    protesting", "pushed back hundreds of protesters", "broke up the rally"."""
    node = tok.head if tok.dep_ in {"relcl", "acl"} else tok  # "students who were protesting"
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in {"NOUN", "NUM"}:
        node = node.head.head  # "hundreds of protesters"
    if node.dep_ == "pobj" and node.head.lower_ in {"at", "on", "into"}:
        verb = node.head.head  # "charged at the demonstrators"
    elif node.dep_ in {"dobj", "nsubjpass"}:
        verb = node.head
    else:
        return False
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}]
    acts = {lemma, *(f"{lemma}_{p}" for p in particles)}
    return bool(acts & CROWD_REPRESSION) and state_agent(verb)


_CROWD_GEAR = frozenset("tear teargas rubber cannon".split())  # made for crowds: their use tells of one


def _intervention_type(tok: Token, context: Context) -> tuple[str | None, str]:
    """Authorities dispersing a crowd: the protest (in this sentence or the one before) met intervention."""
    if "protest" in context.families or "riot" in context.families:
        return None, "absorbed-by-protest"  # the protest mention of this sentence is typed with it
    if context.previous_type in _RIOTS | {"Attack"}:
        return None, "absorbed-by-violence"  # "a mob beat a man ... Officers dispersed the crowd": the mob's violence
    crowd = context.previous_type in _PROTESTS or bool(context.lemmas & (GATHERINGS | _CROWD_GEAR))
    if crowd and (state_agent(tok) or context.lemmas & CROWD_CONTROL):
        if _lethal(context):
            return "Excessive force against protesters", "intervene:lethal"  # "fired tear gas and live rounds"
        return "Protest with intervention", "intervene:dispersed"
    return None, "intervene:no-crowd"


def _left_a_place(tok: Token) -> bool:
    """Whether what a leaving verb leaves is a place ("pulled out of the border post", "withdrew from Kidal"), or
    is not said; "withdrew from the election" is no territory changing hands."""
    if tok.lemma_.lower() not in LEAVING_VERBS:
        return True
    preps = [c for c in tok.children if c.dep_ in {"prep", "prt"}]
    preps += [g for p in preps for g in p.children if g.dep_ == "prep"]  # "pulled out of"
    left = [g for p in preps if p.lower_ in {"from", "of"} for g in p.children if g.dep_ == "pobj"]
    if not left:
        return True
    noun = left[0]
    named = noun.pos_ in {"PROPN", "PRON"} or noun.ent_type_ in {"GPE", "LOC", "FAC"}
    return named or noun.lemma_.lower() in TERRITORY


def _weapon_objects(tok: Token) -> bool:
    """Whether what a verb destroys is a weapon ("destroyed three IEDs", "an explosive device"): disarmed, not
    property destroyed."""
    objects = direct_objects(tok) or (direct_objects(tok.head) if tok.dep_ == "conj" else [])  # "found and defused"
    objects += [c for o in objects for c in o.conjuncts]
    return any(_is_weapon(o) for o in objects)


_IRRITANTS = frozenset({"cs", "teargas", "tear", "chloropicrin"})
_WORN_OR_PLANTED = frozenset({"device", "vest", "belt", "jacket"})  # weapons when explosive: "a suicide vest"


def _is_weapon(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    explosive = lemma in _WORN_OR_PLANTED and any(c.lemma_.lower() in {"explosive", "suicide"} for c in noun.children)
    return lemma in WEAPONS | UNMANNED or explosive


def taken_out_of_use(tok: Token) -> bool:
    """A weapon noun that a verb of disarming governs or describes: "defused the bomb", "cleared landmines", "an
    IED discovered near the bridge" (unless the weapon itself struck: "a bomb found near the market exploded")."""
    if tok.pos_ not in {"NOUN", "PROPN"} and tok.dep_ != "dobj":
        return False  # (a noun object the parser tagged a verb still counts: "cleared landmines")
    if not _is_weapon(tok):
        return False  # "destroyed a helicopter": an aircraft hit, not a weapon disarmed
    governor = tok.head if tok.dep_ in {"dobj", "nsubjpass"} else None
    if governor is not None and governor.lemma_.lower() in DISRUPTION_VERBS:
        return True
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return False
    return any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in DISRUPTION_VERBS for c in tok.children)


def _unrealised_object(tok: Token) -> bool:
    """ "Foiled a planned attack", "thwarted a suicide bombing": an attack that never came, not one fought off."""
    objects = direct_objects(tok)
    words = {w.lower_ for o in objects for w in o.children if w.dep_ in {"amod", "compound"}}
    return bool(words & UNREALISED)


_PERSONS = _PEOPLE | ARMED_TARGETS | (MEMBER_NOUNS - {"head"}) | {"other"}  # not "200 head of cattle"; "four others"


def seized_thing(tok: Token) -> tuple[str | None, str] | None:
    """A capture of things or people, not of a place: weapons seized are disrupted, other goods looted,
    and fighters captured are part of the fight that took them."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in {"seize", "capture"}:
        return None
    objects = direct_objects(tok)
    if not objects and any(c.dep_ in {"nsubj", "nsubjpass"} and c.like_num for c in tok.children):
        return None, "capture:people-taken"  # "23 dead, 12 captured": a count of people, not a place
    first = tok
    while not objects and first.dep_ in {"conj", "advcl"}:  # "were killed, injured or captured"
        first = first.head
        objects = [c for c in first.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objects:
        return None
    head = objects[0]
    if head.tag_ in {"WDT", "WP"} and tok.dep_ == "relcl":
        head = tok.head  # "the town, which they captured": the town
    measured = head.like_num or head.lemma_.lower() in _MEASURES
    if measured:  # "3 tons of cannabis": an amount of goods, never a place
        head = next((g for c in head.children if c.lower_ == "of" for g in c.children), head)
    lemma = head.lemma_.lower()
    compounds = {c.lemma_.lower() for c in head.children if c.dep_ == "compound"}
    place = head.pos_ == "PROPN" or head.ent_type_ in {"GPE", "LOC", "FAC"}
    if (place and not measured) or (compounds | {lemma}) & TERRITORY:
        return None
    if lemma in EVIDENCE:  # "documents and digital materials were seized during searches": a search's finds
        return None, "capture:evidence-seized"
    if lemma in WEAPONS | AMMUNITION or compounds & WEAPONS:  # "40 mortar rounds", "two explosive belts"
        return "Disrupted weapons use", "capture:weapons-seized"
    if lemma in CIVILIAN_TARGETS - CIVILIAN_PLACES and target_kind(tok) == "civilian" and not state_subject(tok):
        return "Abduction/forced disappearance", "capture:civilians-taken"  # "gunmen seized a lawmaker"
    person = not measured and (lemma in _PERSONS or (head.ent_type_ == "PERSON" and head.pos_ == "PROPN"))
    if person and state_subject(tok):
        return "Arrests", "capture:held-by-state"  # "troops captured a rebel commander" (beside a fight: part of it)
    if person:
        return None, "capture:people-taken"  # fighters taken prisoner in a fight
    return "Looting/property destruction", "capture:goods-seized"
