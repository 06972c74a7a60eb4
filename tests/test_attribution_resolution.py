"""Resolution by gender and number evidence found in the text, and speakers that are
no speakers. Own sentences, written for these tests."""
import pytest
import spacy

from conftest import load_pipeline_or_skip


@pytest.fixture(scope="module")
def parsed():
    nlp = load_pipeline_or_skip()
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


@pytest.mark.parametrize("text, speaker, role", [
    ("A spokeswoman for the cabinet, Maria Lindqvist, said that Stockholm backs the proposal.",
     "Maria Lindqvist", "A spokeswoman for the cabinet"),
    ("Tomas Berg, the envoy to the region, said the ceasefire was holding.", "Tomas Berg", "the envoy to the region"),
])
def test_apposition_gives_name_as_speaker_and_description_as_role(parsed, text, speaker, role):
    (said,) = [a for a in parsed(text)._.attributions if a.cue.text == "said"]
    assert said.speaker.text == speaker and said.role.text == role


@pytest.mark.parametrize("text, speaker, resolved_text", [
    ("The talks will resume, von der Leyen said on Monday.", "von der Leyen", "von der Leyen"),
    ("A senior State Department official said the visit would go ahead.",
     "A senior State Department official", "A senior State Department official"),
    ("Officials in Seoul said the launch was a provocation.", "Officials in Seoul", "Officials in Seoul"),
])
def test_whole_speakers_resolve_whole(parsed, text, speaker, resolved_text):
    (said,) = [a for a in parsed(text)._.attributions if a.cue.text == "said"]
    assert said.speaker.text == speaker and said.speaker_resolved.text == resolved_text


def test_every_conjoined_speaker_is_resolved(parsed):
    doc = parsed("Foreign Minister Maria Lindqvist met Pekka Virtanen in Turku. "
                 "Lindqvist and Virtanen said the ferry dispute was settled.")
    (said,) = [a for a in doc._.attributions if a.cue.text == "said"]
    assert [s.text for s in said.speakers_resolved] == ["Maria Lindqvist", "Pekka Virtanen"]


def test_clock_time_heading_is_cut_from_a_speaker():
    """A live blog's time heading ("11:15 a.m.") that the parse joins to the next
    sentence's subject is no part of the speaker; a heading alone is no speaker. (The
    misparse itself depends on long live-blog pages; the rule is checked on the span.)"""
    import spacy

    from spacy_diplomacy.attribution.speakers import after_clock_time, is_clock_time
    from spacy_diplomacy.attribution.tokens import LexCache

    nlp = spacy.blank("en")
    for text, expected in [("11:15 a.m. EDT\n\nMaria Okafor", "Maria Okafor"), ("5:45 p.m.", None)]:
        doc = nlp(text)
        _, lex, _ = LexCache(nlp.vocab, ())(doc)
        assert is_clock_time(lex[0])
        span = after_clock_time(lex, 0, len(doc))
        assert (doc[span[0]:span[1]].text if span else None) == expected
    assert not is_clock_time(LexCache(nlp.vocab, ())(nlp("Maria"))[1][0])
