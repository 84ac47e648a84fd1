"""Tests of warwatch.gazetteer_import: GeoNames dump files, written here in GeoNames' own formats, loaded into a
small gazetteer built from hand-written records."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warwatch.cli import app
from warwatch.errors import GazetteerError
from warwatch.gazetteer import Gazetteer, Record, build_gazetteer
from warwatch.gazetteer_import import import_geonames

BASE = (
    Record(
        name="Syria",
        country="SY",
        lat=33.51,
        lon=36.29,
        feature_class="A",
        feature_code="PCLI",
        geonameid=163843,
        population=17_000_000,
    ),
    Record(
        name="Idlib",
        country="SY",
        lat=35.93,
        lon=36.63,
        feature_class="A",
        feature_code="ADM1",
        admin1_code="12",
        admin1="Idlib",
        population=440_000,
    ),
    Record(
        name="Idlib",
        country="SY",
        lat=35.93,
        lon=36.63,
        feature_code="PPLA",
        geonameid=169389,
        admin1_code="12",
        admin1="Idlib",
        population=128_840,
    ),
)


def _place_line(geonameid: int, name: str, alternates: str, fclass: str, fcode: str, admin2: str = "") -> str:
    """One line of allCountries.txt / XX.txt: 19 tab-separated columns."""
    fields = [str(geonameid), name, name, alternates, "35.60", "36.60", fclass, fcode, "SY", "", "12", admin2]
    fields += ["", "", "0", "", "300", "Asia/Damascus", "2020-01-01"]
    return "\t".join(fields)


PLACES = [
    _place_line(9000001, "Kafr Ruma", "Kafr Rumah,Kfar Rouma", "P", "PPL", "1204"),
    _place_line(169389, "Idlib", "Edleb,Idleb", "P", "PPLA"),
    _place_line(170063, "Idlib Governorate", "Muhafazat Idlib", "A", "ADM1"),
    _place_line(9000002, "Grand Hotel", "", "S", "HTL"),
]
ALTERNATES = [
    "1\t9000001\ten\tKufr Ruma\t\t\t\t\t\t",
    "2\t9000001\tlink\thttps://example.org/Kafr_Ruma\t\t\t\t\t\t",
    "3\t9000001\tar\tكفرومة\t\t\t\t\t\t",
    "4\t999\ten\tNowhere Town\t\t\t\t\t\t",
]


def _zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "GeoNames readme\n")
        archive.writestr(member, "\n".join(lines) + "\n")
    return path


@pytest.fixture
def dumps(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "dumps"
    folder.mkdir()
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("SY.12\tIdlib\tIdlib\t170063\n", encoding="utf-8")
    admin2 = folder / "admin2Codes.txt"
    admin2.write_text("SY.12.1204\tMaarrat al-Numan District\tMaarrat al-Numan District\t12345\n", encoding="utf-8")
    return [
        _zip(folder / "alternateNamesV2.zip", "alternateNamesV2.txt", ALTERNATES),
        _zip(folder / "SY.zip", "SY.txt", PLACES),
        admin1,
        admin2,
    ]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "gazetteer.sqlite"
    build_gazetteer(path, records=BASE)
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def test_gazetteer_import_adds_villages_with_admin_names(base: Path, dumps: list[Path]) -> None:
    report = import_geonames(dumps, path=base)
    assert (report.places_added, report.places_updated, report.alternate_names) == (1, 2, 2)
    assert report.files == ("admin1CodesASCII.txt", "admin2Codes.txt", "SY.zip", "alternateNamesV2.zip")
    with Gazetteer(base) as gazetteer:
        for name in ("Kafr Ruma", "Kfar Rouma", "Kufr Ruma"):
            found = gazetteer.lookup(name)
            assert [(c.name, c.admin1, c.admin2, c.feature_class) for c in found] == [
                ("Kafr Ruma", "Idlib", "Maarrat al-Numan", "P")
            ], name
        assert gazetteer.lookup("Grand Hotel") == []  # feature class S is not loaded by default
        assert gazetteer.lookup("Nowhere Town") == []  # alternate name of a place not in the gazetteer
        assert gazetteer.lookup("https://example.org/Kafr_Ruma") == []  # a link, not a name


def test_gazetteer_import_updates_known_places_without_duplicates(base: Path, dumps: list[Path]) -> None:
    import_geonames(dumps, path=base)
    with Gazetteer(base) as gazetteer:
        assert [c.name for c in gazetteer.lookup("Edleb")] == ["Idlib"]
        assert {c.feature_code for c in gazetteer.lookup("Muhafazat Idlib")} == {"ADM1"}
    assert _rows(base, "SELECT count(*) FROM places WHERE geonameid = 169389") == [(1,)]
    assert _rows(base, "SELECT geonameid FROM places WHERE feature_code = 'ADM1'") == [(170063,)]


def test_gazetteer_import_is_idempotent(base: Path, dumps: list[Path]) -> None:
    import_geonames(dumps, path=base)
    counts = _rows(base, "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM names)")
    again = import_geonames(dumps, path=base)
    assert again.places_added == 0
    assert _rows(base, "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM names)") == counts
    assert [p.name for p in base.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_gazetteer_import_feature_classes(base: Path, dumps: list[Path]) -> None:
    import_geonames(dumps, path=base, classes="APS")
    with Gazetteer(base) as gazetteer:
        assert [c.feature_code for c in gazetteer.lookup("Grand Hotel")] == ["HTL"]


def test_gazetteer_import_reads_plain_text_files(base: Path, tmp_path: Path) -> None:
    places = tmp_path / "allCountries.txt"
    places.write_text("\n".join(PLACES) + "\n", encoding="utf-8")
    report = import_geonames([places], path=base)
    assert report.places_added == 1
    with Gazetteer(base) as gazetteer:
        assert [(c.admin1, c.admin2) for c in gazetteer.lookup("Kafr Ruma")] == [("Idlib", None)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.csv", "a,b\n", r"notes\.csv: not a GeoNames dump file"),
        ("SY.txt", "1\tOnly two fields\n", r"SY\.txt:1: 2 tab-separated fields"),
        ("admin1CodesASCII.txt", "SY\tIdlib\tIdlib\t1\n", r"admin1CodesASCII\.txt:1: code 'SY' should have 2"),
        ("alternateNamesV2.txt", "1\tabc\ten\tName\n", r"alternateNamesV2\.txt:1: geonameid 'abc' is not a number"),
    ],
)
def test_gazetteer_import_errors_say_where(base: Path, tmp_path: Path, name: str, content: str, message: str) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        import_geonames([bad], path=base)
    assert _rows(base, "SELECT count(*) FROM places") == [(len(BASE),)]  # untouched


def test_gazetteer_import_needs_the_gazetteer_and_the_files(base: Path, tmp_path: Path, dumps: list[Path]) -> None:
    with pytest.raises(GazetteerError, match=r"no gazetteer at .*missing\.sqlite.*gazetteer build"):
        import_geonames(dumps, path=tmp_path / "missing.sqlite")
    with pytest.raises(GazetteerError, match=r"absent\.zip: no such file"):
        import_geonames([tmp_path / "absent.zip"], path=base)


def test_gazetteer_import_cli(base: Path, dumps: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARWATCH_GAZETTEER", str(base))
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "import", *map(str, dumps)])
    assert result.exit_code == 0, result.output
    assert "1 places added, 2 updated, 2 alternate names" in result.output
    bad = runner.invoke(app, ["gazetteer", "import", str(base.parent / "absent.zip")])
    assert bad.exit_code == 1
    assert "Error:" in bad.output and "absent.zip: no such file" in bad.output
