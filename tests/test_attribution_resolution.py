"""Resolution by gender and number evidence found in the text, and speakers that are
no speakers. Own sentences, written for these tests."""
import pytest
import spacy

from conftest import trained_english_pipeline_name


@pytest.fixture(scope="module")
def parsed():
    name = trained_english_pipeline_name()
    if name is None:
        pytest.skip("no trained English pipeline installed")
    nlp = spacy.load(name)
    nlp.add_pipe("diplomacy", config={"treaties": False, "acronyms": False})
    return nlp


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"treaties": False, "acronyms": False})
    return nlp


def resolved(doc, cue_text, nth=0):
    found = [a for a in doc._.attributions if a.cue.text == cue_text]
    a = found[nth]
    return a.speaker_resolved.text if a.speaker_resolved is not None else None


def test_possessive_after_a_name_gives_its_gender(parsed):
    doc = parsed("Pekka Virtanen was welcomed by Maria Lindqvist and her delegation in Turku. "
                 "She told reporters that the ferry dispute was settled.")
    assert resolved(doc, "told") == "Maria Lindqvist"


def test_title_elsewhere_in_the_text_gives_the_gender(parsed):
    doc = parsed('Ms. Lindqvist arrived late. Lindqvist and Berg then toured the port. '
                 'Tomas Berg said the talks were over. "We will meet again," she said.')
    assert resolved(doc, "said", 1) == "Lindqvist"


def test_speaker_of_known_gender_before_the_latest_speaker_of_unknown_gender(blank):
    doc = blank('Ms Lindqvist said the ferry deal was close. Berg Virtanen said the talks were over. '
                '"We will meet again," she said.')
    assert resolved(doc, "said", 2) == "Lindqvist"


@pytest.mark.parametrize("mode", ["blank", "parsed"])
def test_expletive_it_is_no_speaker(request, mode):
    nlp = request.getfixturevalue(mode)
    doc = nlp("It was announced that the border would reopen.")
    assert all(a.speaker is None for a in doc._.attributions)
    doc = nlp("The ministry issued a statement. It said the border would reopen.")
    assert [a.speaker.text for a in doc._.attributions if a.cue.text == "said"] == ["It"]


def test_title_elsewhere_gives_the_gender_without_entities(blank):
    doc = blank('Ms Lindqvist arrived late. Berg Virtanen said the talks were over. '
                'Lindqvist said the ferry deal was close. "We will meet again," she said.')
    assert resolved(doc, "said", 2) == "Lindqvist"
