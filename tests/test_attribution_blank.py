"""Blank mode (no tagger, no parser): speakers are noun phrases, and when unsure
the stage leaves a cue out. Own sentences, written for these tests."""
import pytest
import spacy
import srsly

from spacy_diplomacy.attribution import AttributionStage
from spacy_diplomacy.attribution.phrases import phrase_after

from test_attribution import CUES, by_cue, run


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    return nlp, AttributionStage(nlp, list(srsly.read_jsonl(CUES)))


def test_apposition_gives_name_as_speaker_and_description_as_role(blank):
    found = run(blank, "A spokeswoman for the cabinet, Maria Lindqvist, said that Stockholm backs the proposal.")
    said = by_cue(found, "said")
    assert said["speaker"] == "Maria Lindqvist"
    assert said["role"] == "A spokeswoman for the cabinet"
    assert said["content"] == "Stockholm backs the proposal"


def test_name_then_description_apposition(blank):
    said = by_cue(run(blank, "Tomas Berg, the envoy to the region, said the ceasefire was holding."), "said")
    assert said["speaker"] == "Tomas Berg" and said["role"] == "the envoy to the region"


def test_parenthesis_between_speaker_and_cue_is_skipped(blank):
    found = run(blank, "A senior diplomat, speaking on condition of anonymity, said Ottawa had not answered the letter.")
    said = by_cue(found, "said")
    assert said["speaker"] == "A senior diplomat"
    assert said["content"] == "Ottawa had not answered the letter"


def test_clause_after_cue_is_never_the_speaker(blank):
    nlp, _ = blank
    doc = nlp("said Ottawa had not answered the letter.")
    from spacy_diplomacy.attribution.tokens import LexCache
    _, lex, _ = LexCache(nlp.vocab, ())(doc)
    assert phrase_after(lex, 1, len(lex)) is None
    doc = nlp("said the deputy minister.")
    _, lex, _ = LexCache(nlp.vocab, ())(doc)
    assert phrase_after(lex, 1, len(lex)) == (1, 4)


def test_participle_cue_takes_the_subject_of_its_clause(blank):
    found = run(blank, "The chancellor rejected the offer, calling the border a settled matter.")
    calling = by_cue(found, "calling")
    assert calling["speaker"] == "The chancellor"
    assert calling["content"] == "the border a settled matter"


def test_participle_cue_takes_the_speaker_of_the_earlier_cue(blank):
    found = run(blank, "On Monday, Lindqvist said the talks had failed, adding that Oslo would host the next round.")
    said, adding = by_cue(found, "said"), by_cue(found, "adding")
    assert said["content"] == "the talks had failed"
    assert adding["speaker"] == "Lindqvist" and adding["content"] == "Oslo would host the next round"


def test_noun_readings_of_cue_words_are_no_cues(blank):
    found = run(blank, "The minister warned that any attack on the convoy would be met with force.")
    assert [f["cue"] for f in found] == ["warned"]
    assert run(blank, "The bloc must stay united in order to defend the world order.") == []
    assert run(blank, "Media reports in both capitals describe the accord as fragile.") == []


def test_noun_form_with_evidence_is_a_cue(blank):
    found = run(blank, "She reports that the border crossings have reopened.")
    assert by_cue(found, "reports")["speaker"] == "She"


def test_object_of_a_preposition_is_no_speaker(blank):
    found = run(blank, "The agency board in September urged Tehran to resume talks.")
    assert all(f["speaker"] != "September" for f in found)


@pytest.mark.parametrize("text, speaker", [
    ("Officials in Seoul said the launch was a provocation.", "Officials in Seoul"),
    ("Diplomats familiar with the talks said a deal was close.", "Diplomats familiar with the talks"),
    ("A senior State Department official said the visit would go ahead.", "A senior State Department official"),
    ("The talks will resume, von der Leyen said on Monday.", "von der Leyen"),
    ("Secretary-General Antonio Guterres said the ceasefire must hold.", "Secretary-General Antonio Guterres"),
    ("Ambassador Maria\nLindqvist said the talks had ended.", "Ambassador Maria\nLindqvist"),
])
def test_whole_speaker_phrases(blank, text, speaker):
    assert by_cue(run(blank, text), "said")["speaker"] == speaker


def test_trailing_time_phrase_is_not_content(blank):
    found = run(blank, "The aid will continue, Lavrov said on Saturday, contradicting his deputy.")
    said = by_cue(found, "said")
    assert said["speaker"] == "Lavrov" and said["content"] == "The aid will continue"


def test_content_stops_before_the_next_attribution(blank):
    found = run(blank, "Lindqvist welcomed the decision, describing it as overdue.")
    assert by_cue(found, "welcomed")["content"] == "the decision"


def test_indented_new_line_is_a_paragraph_break_that_resynchronises_quotes(blank):
    text = ('    The minister called the plan "a first step.\n'
            '    The spokesman said the plant would open in May.\n'
            '    Sales should "lean toward exports" this year, he said.')
    found = run(blank, text)
    assert [f["speaker"] for f in found if f["cue"] == "said"] == ["The spokesman", "he"]


def test_a_wrapped_line_does_not_end_the_sentence():
    from spacy_diplomacy.attribution.sentences import SentenceIndex
    from spacy_diplomacy.attribution.tokens import LexCache
    nlp = spacy.blank("en")
    doc = nlp("Cars built in the\nUnited States may go abroad, the spokesman said.\n\nSales rose.")
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].is_space
    _, lex, candidates = LexCache(nlp.vocab, ())(doc)
    said = next(t.i for t in doc if t.text == "said")
    start, end = SentenceIndex(doc, lex, candidates).sentence(said)
    assert doc[start:end].text.strip() == "Cars built in the\nUnited States may go abroad, the spokesman said."


def test_cue_inside_its_sentence_takes_the_whole_sentence(blank):
    said = by_cue(run(blank, "The new sanctions, the minister said on Friday, will take effect in January."), "said")
    assert said["speaker"] == "the minister"
    assert said["content"] == "The new sanctions, the minister said on Friday, will take effect in January"


def test_cue_before_a_participle_cue_takes_the_clause_before_it(blank):
    found = run(blank, "The talks failed, the envoy said, adding that both sides had left Doha.")
    assert by_cue(found, "said")["content"] == "The talks failed"
    assert by_cue(found, "adding")["content"] == "both sides had left Doha"
