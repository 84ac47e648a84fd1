"""Import GeoNames dump files into a built gazetteer, so whoever has the full dump geocodes down to the village.

Job: ``warwatch gazetteer import FILE...``. Analysts download the files from GeoNames themselves; warwatch never
fetches anything. Inputs, in any order (each recognised by its name):

- places: ``allCountries.zip``, a per-country ``XX.zip``, or the ``.txt`` inside them (19 tab-separated columns:
  geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code, country code,
  cc2, admin1 code, admin2 code, admin3, admin4, population, elevation, dem, timezone, modification date);
- ``admin1CodesASCII.txt`` ("CC.A1", name, asciiname, geonameid) and ``admin2Codes.txt`` ("CC.A1.A2", ...): the
  names of the codes in the places file;
- ``alternateNamesV2.zip`` / ``alternateNames.zip`` (or their ``.txt``): alternate names of places already in the
  gazetteer (language pseudo-codes such as ``link``, ``iata`` and ``post`` are skipped).

Output: the same gazetteer file, changed atomically (a copy is changed, then renamed over it). A place whose
geonameid is already there gains names and its admin2 name, never a second row; an admin area or country built
from the packaged data is matched by its codes and gains the dump's geonameid and names. Importing the same
files twice changes nothing. Only feature classes ``classes`` are read (default A and P: areas and populated
places; add S for sites such as camps and bases, T for hills).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .config import gazetteer_path
from .errors import GazetteerError
from .gazetteer import Progress, Record, fold, name_rows, record_rows, short_admin_name

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_PSEUDO_LANGUAGES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793"})
_INSERT = {
    "places": "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "names": "INSERT OR IGNORE INTO names VALUES (?,?,?)",
    "variants": "INSERT OR IGNORE INTO variants VALUES (?,?)",
    "demonyms": "INSERT OR IGNORE INTO demonyms VALUES (?,?)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """What an import did: files read, places added and updated, alternate names read, seconds taken."""

    files: tuple[str, ...]
    places_added: int
    places_updated: int
    alternate_names: int
    seconds: float


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("alternatenames"):
        return "alternates"
    if path.suffix.lower() in (".zip", ".txt"):
        return "places"
    raise GazetteerError(
        f"{path}: not a GeoNames dump file warwatch knows (allCountries.zip, XX.zip, alternateNamesV2.zip, "
        "admin1CodesASCII.txt, admin2Codes.txt); pass those files as downloaded"
    )


@contextmanager
def _text(path: Path) -> Iterator[IO[str]]:
    """The text of a dump file: the ``.txt`` itself, or the data member of a ``.zip`` (not its readme)."""
    try:
        if path.suffix.lower() != ".zip":
            with path.open(encoding="utf-8", newline="") as handle:
                yield handle
            return
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            wanted = [m for m in members if Path(m).stem.lower() == path.stem.lower()] or members
            if not wanted:
                raise GazetteerError(f"{path}: the archive holds no .txt data file; download it again from GeoNames")
            with archive.open(wanted[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as err:
        raise GazetteerError(f"cannot read {path}: {err}; check the file is a complete GeoNames download") from err


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each data line; comment lines (#) and blank lines are skipped."""
    with _text(path) as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, fields in enumerate(reader, start=1):
            if not fields or fields[0].startswith("#"):
                continue
            if len(fields) < columns:
                raise GazetteerError(
                    f"{path}:{line}: {len(fields)} tab-separated fields, a GeoNames {path.name} line has "
                    f"{columns}; is this the right file?"
                )
            yield line, fields


def _admin_codes(paths: Sequence[Path], parts: int) -> dict[tuple[str, ...], str]:
    """Names of admin codes: ("SY", "12") -> "Idlib" from admin1CodesASCII, ("AF", "24", "2405") -> ... from
    admin2Codes."""
    names = {}
    for path in paths:
        for line, fields in _rows(path, 2):
            code = tuple(fields[0].split("."))
            if len(code) != parts:
                raise GazetteerError(f"{path}:{line}: code {fields[0]!r} should have {parts} dot-separated parts")
            names[code] = short_admin_name(fields[1])
    return names


class _Importer:
    """Writes dump rows into an open gazetteer connection; keeps the geonameid -> row id map in memory."""

    def __init__(
        self, conn: sqlite3.Connection, admin1: dict[tuple[str, ...], str], admin2: dict[tuple[str, ...], str]
    ):
        self.conn = conn
        conn.execute("CREATE INDEX IF NOT EXISTS places_geonameid ON places (geonameid)")
        self.ids = dict(conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL"))
        self.next_id = (conn.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1
        known = conn.execute("SELECT country, admin1_code, name FROM places WHERE feature_code = 'ADM1'")
        self.admin1 = {(country, code): name for country, code, name in known} | admin1
        self.admin2 = admin2
        self.areas = {  # packaged areas have no geonameid: ADM1 by codes, ADM2 by codes and name
            (country, code, fcode, fold(name) if fcode == "ADM2" else ""): place_id
            for place_id, country, code, fcode, name in conn.execute(
                "SELECT id, country, admin1_code, feature_code, name FROM places "
                "WHERE geonameid IS NULL AND feature_code IN ('ADM1', 'ADM2')"
            )
        }
        self.added = self.updated = 0

    def place(self, fields: list[str]) -> None:
        record = self._record(fields)
        place_id = self.ids.get(record.geonameid) or self._area(record)
        if place_id is None:
            place_id, self.next_id = self.next_id, self.next_id + 1
            self._insert(record_rows(place_id, record))
            self.added += 1
        else:
            self.conn.execute(
                "UPDATE places SET geonameid = ?, admin2 = coalesce(admin2, ?) WHERE id = ?",
                (record.geonameid, record.admin2, place_id),
            )
            self._insert(name_rows(place_id, record))
            self.updated += 1
        self.ids[record.geonameid] = place_id

    def alternate(self, geonameid: int, name: str) -> bool:
        place_id = self.ids.get(geonameid)
        if place_id is None:
            return False
        row = self.conn.execute("SELECT name, feature_class FROM places WHERE id = ?", (place_id,)).fetchone()
        record = Record(name=row[0], country="", lat=0, lon=0, feature_class=row[1], alternate_names=(name,))
        self._insert(name_rows(place_id, record))
        return True

    def _area(self, record: Record) -> int | None:
        """The row of a packaged admin area or country that a dump row is: matched by codes, not geonameid."""
        if record.feature_code == "ADM1":
            return self.areas.get((record.country, record.admin1_code, "ADM1", ""))
        if record.feature_code == "ADM2":
            return self.areas.get((record.country, record.admin1_code, "ADM2", fold(short_admin_name(record.name))))
        if record.feature_code.startswith("PCL"):
            row = self.conn.execute(
                "SELECT id FROM places WHERE country = ? AND feature_code = 'PCLI'", (record.country,)
            ).fetchone()
            return row[0] if row else None
        return None

    def _record(self, fields: list[str]) -> Record:
        (geonameid, name, ascii_name, alternates, lat, lon, fclass, fcode, country, _, a1, a2) = fields[:12]
        admin2 = self.admin2.get((country, a1, a2))
        return Record(
            name=name,
            country=country,
            lat=float(lat),
            lon=float(lon),
            feature_class=fclass,
            feature_code=fcode,
            geonameid=int(geonameid),
            admin1_code=a1,
            admin1=self.admin1.get((country, a1)),
            admin2=short_admin_name(name) if fcode == "ADM2" else admin2,
            population=int(fields[14] or 0),
            alternate_names=tuple(n for n in (ascii_name, *alternates.split(",")) if n),
        )

    def _insert(self, rows: Iterator[tuple[str, Any]]) -> None:
        for table, row in rows:
            self.conn.execute(_INSERT[table], row)


def import_geonames(
    files: Sequence[Path], *, path: Path | None = None, classes: str = "AP", progress: Progress | None = None
) -> ImportReport:
    """Load GeoNames dump ``files`` into the gazetteer at ``path`` (default ``config.gazetteer_path()``).

    ``progress(rows, 0)`` is called every 10,000 rows.

    Raises:
        GazetteerError: a file is missing, unknown or malformed (the message names the file and line), or the
            gazetteer cannot be written.
    """
    started = time.monotonic()
    path = Path(path) if path is not None else gazetteer_path()
    if not path.is_file():
        raise GazetteerError(f"no gazetteer at {path} to import into: build it first with `warwatch gazetteer build`")
    by_kind: dict[str, list[Path]] = {"admin1": [], "admin2": [], "places": [], "alternates": []}
    for file in map(Path, files):
        if not file.is_file():
            raise GazetteerError(f"{file}: no such file; pass GeoNames dump files you downloaded")
        by_kind[_kind(file)].append(file)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.import")
    try:
        shutil.copyfile(path, tmp)
        with sqlite3.connect(tmp) as conn:
            conn.execute("PRAGMA synchronous=OFF")
            report = _import(conn, by_kind, set(classes.upper()), progress)
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("imported", ", ".join(report.files)), ("imported_at", time.strftime("%Y-%m-%dT%H:%M:%S"))],
            )
        conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as err:
        raise GazetteerError(f"cannot import into the gazetteer {path}: {err}; check the disk and the file") from err
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
    seconds = round(time.monotonic() - started, 1)
    log.info("imported %s into %s in %.1f s", report.files, path, seconds)
    return replace(report, seconds=seconds)


def _import(
    conn: sqlite3.Connection, by_kind: dict[str, list[Path]], classes: set[str], progress: Progress | None
) -> ImportReport:
    importer = _Importer(conn, _admin_codes(by_kind["admin1"], 2), _admin_codes(by_kind["admin2"], 3))
    rows = alternates = 0
    for file in by_kind["places"]:
        for line, fields in _rows(file, 15):
            rows += 1
            if fields[6] in classes:
                try:
                    importer.place(fields)
                except ValueError as err:
                    raise GazetteerError(f"{file}:{line}: {err}; is this a GeoNames places file?") from err
            if progress and rows % 10_000 == 0:
                progress(rows, 0)
    for file in by_kind["alternates"]:
        for line, fields in _rows(file, 4):
            if not fields[1].isdigit():
                raise GazetteerError(f"{file}:{line}: geonameid {fields[1]!r} is not a number")
            if fields[2] not in _PSEUDO_LANGUAGES:
                alternates += importer.alternate(int(fields[1]), fields[3])
    files = tuple(p.name for kind in ("admin1", "admin2", "places", "alternates") for p in by_kind[kind])
    return ImportReport(
        files=files,
        places_added=importer.added,
        places_updated=importer.updated,
        alternate_names=alternates,
        seconds=0.0,
    )
