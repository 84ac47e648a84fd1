"""Tests of warwatch.pipeline.place_words: the readers of a place name's context that need no parse.

The readers that need one (cue, evidence, role) are tested through ``find_toponyms`` in test_toponyms.py.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from warwatch.pipeline.place_words import (
    CONNECTORS,
    TYPE_WORDS,
    cue_and_evidence,
    is_agency,
    is_dateline,
    singular,
    type_word_at,
)


@pytest.mark.parametrize(
    ("text", "name", "dateline"),
    [
        ("BAGHDAD, Iraq: Gunmen killed two policemen.", "BAGHDAD", True),
        ("BAGHDAD, Iraq: Gunmen killed two policemen.", "Iraq", True),
        ("Intro.\nAMMAN, Jordan (AFP) — Rebels shelled Daraa.", "AMMAN", True),
        ("KABUL – Taliban fighters stormed a checkpoint.", "KABUL", True),
        ("Kabul Oct 3: Taliban fighters stormed a checkpoint.", "Kabul", True),
        ("Gunmen killed two policemen in Mosul: the army said so.", "Mosul", False),
        ("Fighting in Homs, Syria: a report.", "Syria", False),  # not at the start of a paragraph
        ("KANO, Nigeria, June 2 (Reuters) - Soldiers fought militants.", "KANO", True),  # date, then agency
        ("KANO, Nigeria, June 2 (Reuters) - Soldiers fought militants.", "Nigeria", True),
        ("ISLAMABAD, June 4 (Reuters) - Police detained a leader.", "ISLAMABAD", True),  # no country
        ("Kano, June 2 attacks - a report.", "Kano", False),  # a date not followed by the dash
    ],
)
def test_place_words_dateline(text: str, name: str, dateline: bool) -> None:
    start = text.index(name)
    assert is_dateline(text, start, start + len(name)) is dateline


@pytest.mark.parametrize(
    ("text", "name", "agency"),
    [
        ("AMMAN (Xinhua) -- Rebels shelled Daraa.", "Xinhua", True),
        ("KANO, Nigeria, June 2 (Reuters) - Soldiers fought militants.", "Reuters", True),
        ("Intro.\nSANAA, Yemen (AFP) — Jets struck Saada.", "AFP", True),
        ("Rebels shelled Nihm (Sanaa) - officials said.", "Sanaa", False),  # an address in a sentence
        ("Clashes hit Goma (North Kivu): a report.", "North Kivu", False),  # a heading's address of two words
    ],
)
def test_place_words_agency_of_a_dateline(text: str, name: str, agency: bool) -> None:
    """The agency in a dateline's parentheses is an organisation, even when towns share its name."""
    start = text.index(name)
    assert is_agency(text, start, start + len(name)) is agency


@pytest.mark.parametrize(
    ("word", "single"),
    [
        ("districts", "district"),
        ("provinces", "province"),
        ("cities", "city"),
        ("villages", "village"),
        ("news", "news"),
    ],
)
def test_place_words_singular(word: str, single: str) -> None:
    assert singular(word) == single
    assert (single in TYPE_WORDS) is (word != "news")


def test_place_words_connectors_join_names_in_many_languages() -> None:
    """Particles that join the words of one name: "Concepcion del Oro", "Mazar-e Sharif", "Kolkhoz imeni Lenina"."""
    assert {"del", "e", "imeni", "bin"} <= CONNECTORS


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Bokkos local government area", "lga"),
        ("Bokkos Local Government Areas", "lga"),
        ("Bokkos districts", "district"),
    ],
)
def test_place_words_type_word_of_several_words(text: str, word: str) -> None:
    """Nigeria's "local government area" is an admin2 word, as "LGA" is (words alone: no parse needed)."""
    assert type_word_at(spacy.blank("en")(text), 1) == word


def test_place_words_residents_of_a_name_live_in_a_place(nlp: Language) -> None:
    """ "three residents of Kaliningrad": the name after dwellers and "of" is a place, whatever the parser tags."""
    doc = nlp("Police detained three residents of Kaliningrad and a friend of Kaliningrad.")
    names = [t.i for t in doc if t.text == "Kaliningrad"]
    assert cue_and_evidence(doc, names[0], names[0] + 1)[1] >= 1.5
    assert cue_and_evidence(doc, names[1], names[1] + 1)[1] < 1
