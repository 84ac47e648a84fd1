"""The per-doc values of nlp.py equal what spaCy itself gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warwatch.config import PipelineConfig
from warwatch.pipeline.nlp import load_nlp, noun_chunks, sentences, span_text, text_of, with_text

NLP = load_nlp(PipelineConfig().nlp)
_PIECES = [*"ab Z.,-\n\r\t\u00a0\u2019é", "Syrian army ", "rebels ", "  ", "\n\n"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_nlp_spacy_keeps_the_text_exactly(text: str) -> None:
    """What ``with_text`` relies on: spaCy's doc text is its input, character for character."""
    assert NLP(text).text == text


def test_nlp_per_doc_values_match_spacy() -> None:
    text = "Syrian troops shelled the old town on Monday.\nRebels fired back at the army's positions."
    doc = with_text(NLP(text), text)
    assert text_of(doc) == doc.text
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert [[c.text for c in noun_chunks(s)] for s in sentences(doc)] == [
        [c.text for c in s.noun_chunks] for s in doc.sents
    ]
    for start, end in ((3, 12), (4, 12), (3, 5), (0, len(doc))):  # chunks that cross a span's edge are not its own
        assert [c.text for c in noun_chunks(doc[start:end])] == [c.text for c in doc[start:end].noun_chunks]
    assert [span_text(s) for s in sentences(doc)] + [span_text(doc[2:5])] == [s.text for s in doc.sents] + [
        doc[2:5].text
    ]


def test_nlp_a_wire_dateline_ends_its_own_sentence() -> None:
    """The town of a dateline is no subject: the sentence after the dash is parsed on its own."""
    for line in (
        "KAVALA, Greece (Reuters) - A swarm of drones hit the port.",
        "PORT-AU-PRINCE — A swarm of drones hit the port.",
    ):
        doc = NLP(line)
        swarm = next(t for t in doc if t.text == "swarm")
        assert swarm.is_sent_start is False and swarm.sent.text == "A swarm of drones hit the port."
        assert swarm.dep_ == "nsubj"


def test_nlp_no_dateline_in_a_sentence_that_merely_opens_with_capitals() -> None:
    doc = NLP("NATO troops - mostly Turkish - guarded the bridge.")
    assert len(sentences(doc)) == 1
