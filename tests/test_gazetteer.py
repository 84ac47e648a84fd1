"""Tests of warwatch.gazetteer: name folding, transliteration variants, building and lookups.

Most tests build a tiny gazetteer from hand-written records; those marked "packaged" use the full GeoNames
build, made once per session (or reused from ``config.gazetteer_path()``).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch import gazetteer as gazetteer_module
from warwatch.config import gazetteer_path
from warwatch.errors import GazetteerError
from warwatch.gazetteer import (
    VARIANT_RULES,
    Gazetteer,
    Record,
    admin_aliases,
    build_gazetteer,
    fold,
    open_gazetteer,
    short_admin_name,
    variant_key,
    variant_keys,
)

RECORDS = (
    Record(
        name="Syria",
        country="SY",
        lat=33.51,
        lon=36.29,
        feature_class="A",
        feature_code="PCLI",
        geonameid=163843,
        population=17_000_000,
        alternate_names=("Syrian Arab Republic",),
        demonyms=("Syrian", "Syrians"),
        iso3="SYR",
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
        alternate_names=("Idlib Governorate",),
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
        alternate_names=("Idleb",),
    ),
    Record(
        name="Tadmur",
        country="SY",
        lat=34.56,
        lon=38.28,
        geonameid=163808,
        admin1_code="11",
        admin1="Homs",
        population=51_015,
        alternate_names=("Palmyra", "Tadmor"),
    ),
    Record(
        name="Palmyra", country="US", lat=40.31, lon=-76.59, geonameid=5206379, admin1="Pennsylvania", population=7_451
    ),
    Record(
        name="Deir ez-Zor",
        country="SY",
        lat=35.34,
        lon=40.14,
        geonameid=170794,
        admin1_code="07",
        admin1="Deir ez-Zor",
        population=271_800,
        alternate_names=("Dayr az Zawr",),
    ),
    # the guard: an exact name of a small place shadows a folded or variant name of a big one
    Record(name="Deir ez Zor", country="YE", lat=15.0, lon=44.0, geonameid=1, population=10),
    Record(
        name="Sao Paulo",
        country="BR",
        lat=-23.5,
        lon=-46.6,
        geonameid=3448439,
        population=12_000_000,
        alternate_names=("São Paulo", "SAO"),
    ),
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    path = tmp_path_factory.mktemp("gaz") / "small.sqlite"
    build_gazetteer(path, records=RECORDS)
    with Gazetteer(path) as gazetteer:
        yield gazetteer


@pytest.fixture(scope="session")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The full packaged gazetteer: the installed one, else built once into the session's temp folder."""
    path = gazetteer_path()
    if not path.exists():
        path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
        if not path.exists():
            build_gazetteer(path)
    with Gazetteer(path) as gazetteer:
        yield gazetteer


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Ma'rib", "marib"),
        ("Ma’rib", "marib"),
        ("Şanlıurfa", "sanliurfa"),
        ("Mazār-e Sharīf", "mazar e sharif"),
        ("  São   Paulo ", "sao paulo"),
        ("Qal‘ah-ye Now", "qalah ye now"),
        ("دير الزور", ""),
    ],
)
def test_gazetteer_fold(name: str, key: str) -> None:
    assert fold(name) == key


# One pair per transliteration rule: the two spellings meet only through that rule (and the ones before it).
RULE_PAIRS = {
    "deir/dayr": ("Dayr Hafir", "Deir Hafir"),
    "-iyah/-iya": ("Qahtaniyah", "Qahtaniya"),
    "final -ah/-eh": ("Hasakeh", "Hasakah"),
    "ou/oo/aw/ow": ("Ghouta", "Ghuta"),
    "ay/ai/ey/ei": ("Shaykh Najjar", "Sheikh Najjar"),
    "e/i": ("Idleb", "Idlib"),
    "o/u": ("Tadmor", "Tadmur"),
    "q/k/g": ("Qandahar", "Kandahar"),
    "dj/j": ("Djibouti", "Jibouti"),
    "ph/f": ("Philippeville", "Filippeville"),
    "spaces and hyphens": ("Kafr Nabl", "Kafrnabl"),
    "doubled letters": ("Raqqa", "Raqa"),
}


@pytest.mark.parametrize(("rule", "pair"), sorted(RULE_PAIRS.items()))
def test_gazetteer_variant_rule_merges_spellings(rule: str, pair: tuple[str, str]) -> None:
    assert variant_key(pair[0]) == variant_key(pair[1])
    assert fold(pair[0]) != fold(pair[1])  # not already equal before the rules


def test_gazetteer_every_variant_rule_is_tested() -> None:
    assert {name for name, _ in VARIANT_RULES} == set(RULE_PAIRS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("al-Sukhna", "As Sukhnah"),
        ("Deir Az Zor", "Dayr az-Zawr"),
        ("ash-Shaddadi", "Shaddadi"),
        ("Ar Raqqah", "Raqqa"),
    ],
)
def test_gazetteer_variant_drops_arabic_articles(a: str, b: str) -> None:
    assert variant_key(a) == variant_key(b)


@pytest.mark.parametrize(
    ("glued", "name"), [("Elbur", "El Bur"), ("Alkhalis", "Al Khalis"), ("Assukhna", "As Sukhnah")]
)
def test_gazetteer_variant_keys_index_the_glued_article(glued: str, name: str) -> None:
    """The press glues the article on ("Elbur"): a name with an article is indexed under both skeletons."""
    assert variant_key(glued) in variant_keys(fold(name))
    assert variant_key(name) in variant_keys(fold(name))
    assert variant_keys(fold("Homs")) == {variant_key("Homs")}  # no article, one skeleton


def test_gazetteer_lookup_finds_a_glued_article(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    build_gazetteer(
        path, records=[Record(name="Ceelbuur", country="SO", lat=4.68, lon=46.62, alternate_names=("El Bur",))]
    )
    with Gazetteer(path) as gazetteer:
        assert [(c.name, c.matched_by) for c in gazetteer.lookup("Elbur")] == [("Ceelbuur", "variant")]


@pytest.mark.parametrize(("a", "b"), [("Homs", "Hama"), ("Aleppo", "Idlib"), ("As", "Sukhnah")])
def test_gazetteer_variant_keeps_different_names_apart(a: str, b: str) -> None:
    assert variant_key(a) != variant_key(b)


@given(st.text(max_size=40))
def test_gazetteer_fold_and_variant_are_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert variant_key(fold(text)) == variant_key(text)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Abyan Governorate", "Abyan"),
        ("Muhafazat Hadramaout", "Hadramaout"),
        ("Kharkivs’ka Oblast’", "Kharkiv"),
        ("Maidan Wardak Province", "Maidan Wardak"),
        ("Estado de Michoacán", "Michoacán"),
        ("Homs", "Homs"),
        # type words GeoNames writes before the name, in the local language
        ("Province du Soum", "Soum"),
        ("Cercle de Bourem", "Bourem"),
        ("Préfecture d'Agou", "Agou"),
        ("Daïra de Dar el Beïda", "Dar el Beïda"),
        ("Municipio de Texiguat", "Texiguat"),
        ("Kabupaten Aceh Barat", "Aceh Barat"),
        ("La Rioja", "La Rioja"),  # an article is part of the name
    ],
)
def test_gazetteer_short_admin_name(name: str, short: str) -> None:
    assert short_admin_name(name) == short


@pytest.mark.parametrize(
    ("name", "matched_by", "found"),
    [
        ("Tadmur", "exact", {"Tadmur"}),
        ("palmyra", "exact", {"Tadmur", "Palmyra"}),
        ("Sao Paulo", "exact", {"Sao Paulo"}),  # accents are not spelling
        ("São-Paulo", "folded", {"Sao Paulo"}),
        ("Deir az Zor", "variant", {"Deir ez-Zor", "Deir ez Zor"}),
        ("Idleb", "exact", {"Idlib"}),
    ],
)
def test_gazetteer_lookup_match_kinds(small: Gazetteer, name: str, matched_by: str, found: set[str]) -> None:
    candidates = small.lookup(name)
    assert {c.name for c in candidates} == found
    assert {c.matched_by for c in candidates} == {matched_by}


def test_gazetteer_lookup_exact_shadows_folded_and_variant(small: Gazetteer) -> None:
    """ "Deir ez Zor" is exactly the Yemeni hamlet's name: Deir ez-Zor city (folded) is not offered."""
    candidates = small.lookup("Deir ez Zor")
    assert [(c.name, c.country, c.matched_by) for c in candidates] == [("Deir ez Zor", "YE", "exact")]


def test_gazetteer_variants_are_offered_even_where_an_exact_name_exists(small: Gazetteer) -> None:
    """ "Deir ez Zor" exactly names the Yemeni hamlet; ``variants`` still reaches Deir ez-Zor city by its skeleton."""
    assert {(c.name, c.matched_by) for c in small.variants("Deir ez Zor")} >= {("Deir ez-Zor", "variant")}
    assert small.variants("Ta") == []  # a skeleton of under four letters matches anything


def test_gazetteer_lookup_orders_by_population_and_skips_abbreviations(small: Gazetteer) -> None:
    assert [c.country for c in small.lookup("Palmyra")] == ["SY", "US"]
    assert small.lookup("SAO") == []  # all-caps alternate names are airport codes, not names
    assert small.lookup("") == []


def test_gazetteer_admin1_and_country(small: Gazetteer) -> None:
    idlib = small.admin1("sy", "Idlib Governorate")
    assert idlib is not None and (idlib.feature_code, idlib.name) == ("ADM1", "Idlib")
    assert small.admin1("SY", "Idlib province") == idlib
    assert small.admin1("US", "Idlib") is None
    for name in ("SY", "SYR", "Syria", "Syrian Arab Republic", "syria"):
        country = small.country(name)
        assert country is not None and (country.country, country.feature_code) == ("SY", "PCLI")
    assert small.country("XX") is None
    assert small.demonym("Syrians") == ("SY",)
    assert small.demonym("Martian") == ()


def test_gazetteer_build_is_atomic_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    calls: list[tuple[int, int]] = []
    build_gazetteer(path, records=RECORDS, progress=lambda done, total: calls.append((done, total)))
    first = Gazetteer(path).lookup("Palmyra")
    build_gazetteer(path, records=list(RECORDS))
    assert Gazetteer(path).lookup("Palmyra") == first
    assert calls[-1] == (len(RECORDS), len(RECORDS))
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]  # no temporary file left behind


def test_gazetteer_build_error_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(GazetteerError, match=r"cannot write the gazetteer to .*file/g\.sqlite.*WARWATCH_GAZETTEER"):
        build_gazetteer(blocker / "g.sqlite", records=RECORDS)


def test_gazetteer_open_errors(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"no gazetteer at .*missing\.sqlite: build it with `warwatch gazetteer"):
        Gazetteer(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(GazetteerError, match=r"junk\.sqlite is not a readable warwatch gazetteer"):
        Gazetteer(junk)
    old = tmp_path / "old.sqlite"
    build_gazetteer(old, records=RECORDS)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(GazetteerError, match=r"old\.sqlite has gazetteer schema '0'.*rebuild"):
        Gazetteer(old)


def test_gazetteer_open_builds_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(gazetteer_module, "packaged_records", lambda: list(RECORDS))
    with caplog.at_level(logging.WARNING, logger="warwatch.gazetteer"):
        gazetteer = open_gazetteer(tmp_path / "new.sqlite")
    assert "building it" in caplog.text
    assert gazetteer.country("SY") is not None
    monkeypatch.setenv("WARWATCH_GAZETTEER", str(tmp_path / "new.sqlite"))
    assert open_gazetteer().path == tmp_path / "new.sqlite"


def test_gazetteer_packaged_seed_names(packaged: Gazetteer) -> None:
    """The seed article's places, as written there (packaged)."""
    deir = packaged.lookup("Deir Az Zor")
    assert {(c.name, c.country) for c in deir} >= {("Deir ez-Zor", "SY")}
    sukhna = [c for c in packaged.lookup("al-Sukhna") if c.country == "SY"]
    assert [(c.name, c.admin1, c.population) for c in sukhna] == [("As Sukhnah", "Homs", 0)]
    assert packaged.lookup("Palmyra")[0].name == "Tadmur"
    idlib = packaged.admin1("SY", "Idlib")
    assert idlib is not None and (round(idlib.lat, 2), round(idlib.lon, 2)) == (35.93, 36.63)  # at Idlib city
    syria = packaged.country("Syria")
    assert syria is not None and syria.feature_code == "PCLI"


@pytest.mark.parametrize(
    ("alias", "country", "name"),
    [("J&K", "IN", "Jammu and Kashmir"), ("North Kivu", "CD", "Nord Kivu"), ("Hadramawt", "YE", "Hadramaout")],
)
def test_gazetteer_admin_alias_finds_the_area(packaged: Gazetteer, alias: str, country: str, name: str) -> None:
    """Names the English press gives areas that GeoNames spells otherwise (data/geo_aliases.tsv)."""
    assert (name, country, "ADM1") in {(c.name, c.country, c.feature_code) for c in packaged.lookup(alias)}


def test_gazetteer_alias_finds_the_town_too(packaged: Gazetteer) -> None:
    """An alias reaches every entry of its target's name in the country: "Hodeidah" the city and the governorate."""
    assert {("YE", "PPLA"), ("YE", "ADM1")} <= {(c.country, c.feature_code) for c in packaged.lookup("Hodeidah")}


def test_gazetteer_acled_names_of_cameroon_regions(packaged: Gazetteer) -> None:
    """ACLED writes "(Momo, Northwest)": Cameroon's North-West region, beside Iceland's namesake."""
    assert ("CM", "ADM1") in {(c.country, c.feature_code) for c in packaged.lookup("Northwest")}
    assert ("CM", "ADM1") in {(c.country, c.feature_code) for c in packaged.lookup("Southwest")}


def test_gazetteer_every_alias_reaches_its_place(packaged: Gazetteer) -> None:
    """Each line of data/geo_aliases.tsv names a place that the packaged gazetteer holds."""
    missing = [
        (alias, code, target)
        for alias, targets in admin_aliases().items()
        for code, target in targets
        if not any(c.country == code for c in packaged.lookup(target))
    ]
    assert missing == []


def test_gazetteer_area_found_by_its_name_without_type_word(packaged: Gazetteer) -> None:
    """ "Soum" finds the province GeoNames calls "Province du Soum"."""
    assert any(c.country == "BF" and c.feature_code == "ADM2" for c in packaged.lookup("Soum"))
