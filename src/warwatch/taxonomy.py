"""The ACLED event taxonomy (shared/taxonomy/ACLED.md): data only, no logic."""

from __future__ import annotations

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

# Sub-event types that by their definition kill no one: deaths told beside one ("a protest over the killing of a
# man by police") belong to another event.
DEATHLESS_SUB_EVENT_TYPES = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
    }
)

EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(SUB_EVENT_TYPES.values()))

INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}

TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "the town itself", 2: "near a town or part of a region", 3: "a province or larger"}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type]
