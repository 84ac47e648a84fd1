"""Reading reference files: ACLED exports and UCDP GED CSVs into ReferenceEvents, defensively.

Job: turn one CSV file into reference events, one row at a time, saying which rows cannot be read.
In: a path, the file's kind (``acled``: ACLED's export columns, which warwatch's own CSV export also
has; ``ucdp``: UCDP GED), a dataset name, and optionally the file's encoding.
Out: ``(line, ReferenceEvent)`` per readable row and ``(line, why)`` per unreadable one (cut short,
a bad date or number, an unknown event type), streamed.

The delimiter (``,`` ``;`` tab ``|``) is read from the header; header names are matched ignoring
case and spaces. A file that is empty, lacks required columns or is not in its encoding (UTF-8
unless ``encoding`` says otherwise; a BOM decides) raises an InputError naming the file, line and fix.

ACLED rows keep their date and time precision (the range it stands for: the day, ±3 days, the
month); country names and codes become ISO alpha-2. UCDP's ``type_of_violence`` becomes Battles /
Armed clash (1 state-based, 2 non-state) or Violence against civilians / Attack (3 one-sided); its
``where_prec`` 1 -> geo precision 1, 2-3 -> 2, 4-7 -> 3; ``date_prec`` 1 -> 1, 2-3 -> 2, 4-5 -> 3.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import get_close_matches
from pathlib import Path
from typing import IO, Any, Literal

from charset_normalizer import from_bytes

from .errors import InputError
from .export import acled
from .taxonomy import SUB_EVENT_TYPES

log = logging.getLogger(__name__)

Kind = Literal["acled", "ucdp"]
_SAMPLE_BYTES = 1 << 20
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceEvent:
    """One row of a reference dataset, in warwatch's terms (alpha-2 country, the date range it stands for)."""

    dataset: str
    source_id: str
    event_type: str
    sub_event_type: str
    date: date
    date_start: date
    date_end: date
    time_precision: int = 1
    actor1: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: tuple[str, ...] = ()
    inter2: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    source: str | None = None
    notes: str | None = None


def read_reference_file(
    path: Path, *, kind: Kind, dataset: str, encoding: str | None = None
) -> Iterator[tuple[int, ReferenceEvent | str]]:
    """(first line, event) per readable row, (first line, why not) per other row; see the module docstring.

    Raises:
        InputError: the file cannot be opened or decoded, is empty, or lacks required columns.
    """
    spec = _SPECS[kind]
    for line, row in _read_rows(path, spec, encoding):
        try:
            yield line, spec.parse(row, dataset)
        except (ValueError, _ShortRowError) as err:
            yield line, str(err)


@dataclass(frozen=True, slots=True)
class _Spec:
    """One file format: its columns and how a row becomes a ReferenceEvent."""

    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    parse: Callable[[dict[str, str] | _ShortRowError, str], ReferenceEvent]
    other: str  # the option for the other format, for error messages


def _read_rows(path: Path, spec: _Spec, encoding: str | None) -> Iterator[tuple[int, dict[str, str] | _ShortRowError]]:
    """(first line, {column: value}) per data row, or (first line, why the row has the wrong length)."""
    where = str(path)
    try:
        raw = path.open("rb")
    except OSError as err:
        raise InputError(f"{where}: cannot open the file ({err.strerror}); check the path") from err
    with raw:
        codec = _encoding(raw, where, encoding)
        text = io.TextIOWrapper(raw, encoding=codec, errors="strict", newline="")
        end = 0
        try:
            reader, header = _header(text, where, spec)
            end = reader.line_num
            for values in reader:
                start, end = end + 1, reader.line_num
                if len(values) == 1 and not values[0].strip():
                    continue  # a blank line
                yield start, _row(header, values)
        except UnicodeDecodeError as err:
            raise InputError(
                f"{where}: line {end + 1}: bytes that are not {codec} ({err.reason}); nothing was loaded. "
                f"Re-save the file as UTF-8, or pass its encoding (--encoding cp1252)"
            ) from err
        except csv.Error as err:
            raise InputError(f"{where}: line {end + 1}: {err}; nothing was loaded; fix the file") from err


class _ShortRowError(Exception):
    """A row whose number of fields differs from the header's; raised when it is parsed."""


def _row(header: list[str], values: list[str]) -> dict[str, str] | _ShortRowError:
    """A row as {column: value}, or the reason it cannot be one (cut short, or too long)."""
    if len(values) < len(header):
        return _ShortRowError(
            f"{len(values)} fields where the header has {len(header)}: the row is cut short "
            "(a truncated file, or an unclosed quote)"
        )
    if len(values) > len(header):
        return _ShortRowError(f"{len(values)} fields where the header has {len(header)}: an unquoted delimiter?")
    return dict(zip(header, values, strict=True))


def _encoding(raw: IO[bytes], where: str, encoding: str | None) -> str:
    """The file's codec: a BOM's, else ``encoding``, else UTF-8 after checking the first megabyte decodes."""
    sample = raw.read(_SAMPLE_BYTES)
    raw.seek(0)
    if not sample.strip():
        raise InputError(f"{where}: the file is empty; give an ACLED or UCDP CSV export")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    codec = encoding or "utf-8"
    try:
        codecs.getincrementaldecoder(codec)(errors="strict").decode(sample, final=len(sample) < _SAMPLE_BYTES)
    except LookupError as err:
        raise InputError(
            f"{where}: unknown encoding {codec!r}; give one Python knows, such as utf-8 or cp1252"
        ) from err
    except UnicodeDecodeError as err:
        line = sample[: err.start].count(b"\n") + 1
        guess = from_bytes(sample).best()
        hint = f"it looks like {guess.encoding}: pass --encoding {guess.encoding}" if guess else "pass --encoding"
        raise InputError(f"{where}: line {line}: the file is not {codec} text ({err.reason}); {hint}") from err
    return codec


def _header(text: IO[str], where: str, spec: _Spec) -> tuple[Any, list[str]]:
    """A csv reader past the header, and the header's normalised names; refuses a header without required columns."""
    first = text.readline()
    delimiter = max(_DELIMITERS, key=lambda d: _known(first, d, spec))
    text.seek(0)
    reader = csv.reader(text, delimiter=delimiter)
    header = [_column(name) for name in next(reader, [])]
    missing = [name for name in spec.required if name not in header]
    if missing:
        unknown = [name for name in header if name not in {*spec.required, *spec.optional}]
        hints = [
            f"{name} (is it {close[0]!r}?)" if (close := get_close_matches(name, unknown, n=1, cutoff=0.5)) else name
            for name in missing
        ]
        shown = ", ".join(header[:12]) + (", …" if len(header) > 12 else "")
        raise InputError(
            f"{where}: line 1: not {spec.label} file: columns missing: {', '.join(hints)}; "
            f"the header has: {shown or 'nothing'}. Rename the columns, or load it with {spec.other}"
        )
    if delimiter != ",":
        log.info("%s: columns separated by %r", where, delimiter)
    return reader, header


def _known(line: str, delimiter: str, spec: _Spec) -> int:
    names = {_column(name) for name in next(csv.reader([line], delimiter=delimiter), [])}
    return len(names & {*spec.required, *spec.optional})


def _column(name: str) -> str:
    return "_".join(name.strip().strip("\ufeff").lower().split())


# --- parsing rows -------------------------------------------------------------------------------

_UCDP_GEO = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}  # UCDP where_prec -> geo precision
_UCDP_TIME = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}  # UCDP date_prec -> time precision
_UCDP_TYPES = {1: "Armed clash", 2: "Armed clash", 3: "Attack"}  # state-based, non-state, one-sided


def _acled_event(row: dict[str, str] | _ShortRowError, dataset: str) -> ReferenceEvent:
    if isinstance(row, _ShortRowError):
        raise row
    sub_type = _sub_event_type(row)
    day = _date(row, "event_date")
    precision = _int(row, "time_precision", default=1, allowed=(1, 2, 3))
    start, end = date_range(day, precision)
    lat, lon = _point(row)
    return ReferenceEvent(
        dataset=dataset,
        source_id=_required(row, "event_id_cnty"),
        event_type=SUB_EVENT_TYPES[sub_type],
        sub_event_type=sub_type,
        date=day,
        date_start=start,
        date_end=end,
        time_precision=precision,
        actor1=_text(row, "actor1"),
        assoc_actor_1=_names(row, "assoc_actor_1"),
        inter1=acled.parse_inter(row.get("inter1", "")),
        actor2=_text(row, "actor2"),
        assoc_actor_2=_names(row, "assoc_actor_2"),
        inter2=acled.parse_inter(row.get("inter2", "")),
        country=_acled_country(row),
        admin1=_text(row, "admin1"),
        admin2=_text(row, "admin2"),
        location=_text(row, "location"),
        lat=lat,
        lon=lon,
        geo_precision=_int(row, "geo_precision", default=1 if lat is not None else None, allowed=(1, 2, 3)),
        fatalities=_int(row, "fatalities", default=0),
        source=_text(row, "source"),
        notes=_text(row, "notes"),
    )


def _ucdp_event(row: dict[str, str] | _ShortRowError, dataset: str) -> ReferenceEvent:
    if isinstance(row, _ShortRowError):
        raise row
    sub_type = _UCDP_TYPES[_required_int(row, "type_of_violence", allowed=tuple(_UCDP_TYPES))]
    start, end = _date(row, "date_start"), _date(row, "date_end")
    if end < start:
        raise ValueError(f"field date_end: {end} is before date_start {start}")
    lat, lon = _point(row)
    where_prec = _int(row, "where_prec", default=1, allowed=tuple(_UCDP_GEO)) or 1
    return ReferenceEvent(
        dataset=dataset,
        source_id=_required(row, "id"),
        event_type=SUB_EVENT_TYPES[sub_type],
        sub_event_type=sub_type,
        date=start,
        date_start=start,
        date_end=end,
        time_precision=_UCDP_TIME[_int(row, "date_prec", default=1, allowed=tuple(_UCDP_TIME)) or 1],
        actor1=_text(row, "side_a"),
        actor2=_text(row, "side_b"),
        country=acled.country_code(row.get("country")),
        admin1=_text(row, "adm_1"),
        admin2=_text(row, "adm_2"),
        location=_text(row, "where_coordinates"),
        lat=lat,
        lon=lon,
        geo_precision=_UCDP_GEO[where_prec] if lat is not None else None,
        fatalities=_int(row, "best", default=0),
        fatalities_low=_int(row, "low", default=None),
        fatalities_high=_int(row, "high", default=None),
        source=_text(row, "source_office"),
        notes=_text(row, "source_headline"),
    )


def date_range(day: date, time_precision: int) -> tuple[date, date]:
    """The dates a coded date stands for: the day; the week around it (±3 days); its month."""
    if time_precision == 2:
        return day - timedelta(days=3), day + timedelta(days=3)
    if time_precision == 3:
        first = day.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return day, day


def _required(row: dict[str, str], name: str) -> str:
    value = row.get(name, "").strip()
    if not value:
        raise ValueError(f"field {name} is empty")
    if len(value) > 64:
        raise ValueError(f"field {name}: {value[:20]!r}… is longer than 64 characters")
    return value


def _text(row: dict[str, str], name: str) -> str | None:
    return row.get(name, "").strip() or None


def _names(row: dict[str, str], name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in row.get(name, "").split(";") if part.strip())


def _date(row: dict[str, str], name: str) -> date:
    value = row.get(name, "").strip()
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 and value[4] == "-" else acled.parse_date(value)
    except ValueError as err:
        raise ValueError(f"field {name}: {value!r} is not a date (write 2020-05-09)") from err


def _int(row: dict[str, str], name: str, *, default: int | None, allowed: tuple[int, ...] = ()) -> int | None:
    """A whole number (``4`` or ``4.0``) >= 0, one of ``allowed`` when given; ``default`` when blank."""
    if not row.get(name, "").strip():
        return default
    return _required_int(row, name, allowed=allowed)


def _required_int(row: dict[str, str], name: str, *, allowed: tuple[int, ...] = ()) -> int:
    value = row.get(name, "").strip()
    if not value:
        raise ValueError(f"field {name} is empty")
    try:
        number = float(value)
    except ValueError as err:
        raise ValueError(f"field {name}: {value!r} is not a whole number") from err
    if not number.is_integer() or number < 0:
        raise ValueError(f"field {name}: {value!r} is not a whole number >= 0")
    if allowed and int(number) not in allowed:
        raise ValueError(f"field {name}: {value!r} is not one of {', '.join(map(str, allowed))}")
    return int(number)


def _point(row: dict[str, str]) -> tuple[float | None, float | None]:
    lat, lon = row.get("latitude", "").strip(), row.get("longitude", "").strip()
    if not lat and not lon:
        return None, None
    try:
        point = float(lat), float(lon)
    except ValueError as err:
        raise ValueError(f"fields latitude/longitude: {lat!r}, {lon!r} are not numbers") from err
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueError(f"fields latitude/longitude: {lat}, {lon} are outside -90..90, -180..180")
    return point


def _sub_event_type(row: dict[str, str]) -> str:
    sub_type = row.get("sub_event_type", "").strip()
    expected = SUB_EVENT_TYPES.get(sub_type)
    if expected is None:
        raise ValueError(f"field sub_event_type: {sub_type!r} is not an ACLED sub-event type")
    event_type = row.get("event_type", "").strip()
    if event_type and event_type != expected:
        raise ValueError(f"field event_type: {sub_type!r} belongs to {expected!r}, not {event_type!r}")
    return sub_type


def _acled_country(row: dict[str, str]) -> str | None:
    for name in ("country_code", "iso3", "iso", "country"):
        if code := acled.country_code(row.get(name)):
            return code
    return None


_SPECS: dict[str, _Spec] = {
    "acled": _Spec(
        label="an ACLED export",
        required=("event_id_cnty", "event_date", "sub_event_type", "latitude", "longitude", "fatalities"),
        optional=(*acled.ACLED_COLUMNS, "country_code"),
        parse=_acled_event,
        other="--ucdp",
    ),
    "ucdp": _Spec(
        label="a UCDP GED",
        required=("id", "type_of_violence", "date_start", "date_end", "latitude", "longitude", "best", "country"),
        optional=tuple(
            "side_a side_b where_prec date_prec low high adm_1 adm_2 where_coordinates source_office "
            "source_headline conflict_name region".split()
        ),
        parse=_ucdp_event,
        other="--acled",
    ),
}
