"""What the text's actors say about where it happens, on sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language

from warwatch.gazetteer import Gazetteer
from warwatch.pipeline.geo_cues import armed_group_spans, nationality_votes, operating_areas, operators


def test_geo_cues_operators_are_read_from_the_data() -> None:
    """Aliases in capitals match in capitals only; others in any case; a hyphen does not hide one ("non-BJP")."""
    names = {o.name for o in operators("Protests spread to non-BJP states as Boko Haram struck; the inc. rose.")}
    assert names == {"Indian parties, legislatures and forces", "Boko Haram and ISWAP"}
    assert ("UA", "donetsk") in operating_areas("the OSCE SMM said")
    assert operators("bjp and smm") == ()


def test_geo_cues_nationalities_weigh_half_a_vote(nlp: Language, gazetteer: Gazetteer) -> None:
    """An actor's home country and a demonym each count half: a sign of who fights, not of where."""
    votes = nationality_votes(nlp("Taliban fighters attacked a Turkish convoy."), gazetteer)
    assert votes["AF"] == 0.5
    assert votes["TR"] == 0.5
    assert nationality_votes(nlp("Gunmen attacked a convoy."), gazetteer) == {}


def test_geo_cues_armed_group_names_are_found_by_name_and_alias() -> None:
    """Where a text names an armed group, by its name or an alias, in capitals or not."""
    text = "The Islamic State Sahel Province and al Shabaab fighters; no group here."
    spans = [text[start:end] for start, end in armed_group_spans(text)]
    assert spans == ["Islamic State Sahel Province", "al Shabaab"]
    assert armed_group_spans("Police said gunmen attacked a bank.") == ()


def test_geo_cues_demonym_of_a_border_is_the_other_side(nlp: Language, gazetteer: Gazetteer) -> None:
    """ "close to the Chadian border" says where the event is not: no vote for Chad; a demonym elsewhere still votes."""
    assert "TD" not in nationality_votes(nlp("Gunmen raided a market close to the Chadian border."), gazetteer)
    assert nationality_votes(nlp("Chadian troops raided a market."), gazetteer)["TD"] == 0.5
