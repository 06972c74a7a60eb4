"""Attributions marked by punctuation at the edge of a line: speaker labels before a
colon ("OKONJO: ...", "Poll: ...") and bylines after a quotation ('"..." ― Rosa
Delgado'). Own sentences, written for these tests."""
import pytest

from conftest import load_pipeline_or_skip


@pytest.fixture(scope="module", params=["blank", "parsed"])
def nlp(request):
    nlp = load_pipeline_or_skip(request.param)
    nlp.add_pipe("diplomacy", config={"treaties": False, "acronyms": False})
    return nlp


def found(doc):
    return [(a.cue.text, a.speaker.text, a.content.text, a.type) for a in doc._.attributions]


def test_transcript_lines_are_attributed_to_their_upper_case_speakers(nlp):
    doc = nlp('Border Talks\n\n"HARTLEY: Let me start with the border. Is it open?\n\n'
              '"OKONJO: Well, look, the border has been open since March.')
    assert found(doc) == [(":", "HARTLEY", "Let me start with the border. Is it open", "direct"),
                          (":", "OKONJO", "Well, look, the border has been open since March", "direct")]


def test_headline_label_of_a_poll(nlp):
    doc = nlp("Poll: Voters Back the Peace Plan by a Wide Margin\n\nThe survey was taken last week.")
    assert found(doc)[:1] == [(":", "Poll", "Voters Back the Peace Plan by a Wide Margin", "indirect")]


def test_headline_label_of_a_named_person_with_entities(nlp):
    if not nlp.has_pipe("ner"):
        pytest.skip("a name label needs the pipeline's entities")
    doc = nlp("Sergei Lavrov: Moscow will answer the new sanctions\n\nHe spoke in Geneva on Monday.")
    assert found(doc)[:1] == [(":", "Sergei Lavrov", "Moscow will answer the new sanctions", "indirect")]


@pytest.mark.parametrize("text", [
    "CORRECTION: A previous edition of this report gave the wrong date for the vote.",
    "UPDATE: Envoys meet again in Vienna on Friday.",
    "CORRECTION: A previous edition gave the wrong venue.\n\nUPDATE: Envoys meet again in Vienna on Friday.",
    "Analysis: Why the ceasefire in the north is so fragile",
    "ISLAMABAD: The foreign minister left for Kabul on Monday to reopen the border talks.",
    "Three things matter to the mediators: the border, the refugees and the money.",
])
def test_genre_labels_and_colons_inside_a_sentence_are_no_speakers(nlp, text):
    assert found(nlp(text)) == []


def test_byline_after_a_quotation(nlp):
    doc = nlp("“He divides the country. He is our greatest shame.” ― Rosa Delgado “He speaks for nobody "
              "I know.” ― Tomas Ruiz.")
    assert found(doc) == [("―", "Rosa Delgado", "He divides the country. He is our greatest shame.", "direct"),
                          ("―", "Tomas Ruiz", "He speaks for nobody I know.", "direct")]


@pytest.mark.parametrize("text", [
    "The talks had one aim — a ceasefire before the winter.",
    'The envoy called the plan "a first step" — Geneva Talks Resume',
    '"We will return to our village." — The Long Road Home To Aleppo',
])
def test_dash_without_a_quotation_and_name_before_it_is_no_byline(nlp, text):
    assert [a for a in nlp(text)._.attributions if a.cue.text == "—"] == []
