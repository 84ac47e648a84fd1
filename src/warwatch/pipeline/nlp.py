"""The NLP stage: the spaCy English pipeline, loaded once, offline, from its installed package."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ConfigError


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline installed as package ``name`` (no download: ``make install`` pins it by hash)."""
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; run `make install` (it installs the pinned wheel)"
        ) from err
    nlp.add_pipe("line_breaks", before="parser")
    return nlp


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run into the next line."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


_SENTENCES = ("warwatch", "sentences")  # keys of doc.user_data; never serialised (docs stay in one process)
_TEXT = ("warwatch", "text")


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per doc: every ``doc.sents`` walks all the tokens again, and the
    stages ask for the sentences of one doc a dozen times (a tenth of the pipeline's time before)."""
    found = doc.user_data.get(_SENTENCES)
    if found is None:
        found = doc.user_data[_SENTENCES] = list(doc.sents)
    return found


def text_of(doc: Doc) -> str:
    """``doc.text``, made once per doc: spaCy joins every token's text on each call."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found
