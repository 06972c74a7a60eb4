"""Direct quotations: split quotes, quotes that go on, other quotation marks, and the
record fields that give the quoted parts alone. Own sentences, written for these tests."""
import pytest

from spacy_diplomacy import to_record

from conftest import load_pipeline_or_skip


@pytest.fixture(scope="module", params=["blank", "parsed"])
def nlp(request):
    nlp = load_pipeline_or_skip(request.param)
    nlp.add_pipe("diplomacy", config={"treaties": False, "acronyms": False})
    return nlp


def only(doc, cue):
    found = [a for a in doc._.attributions if a.cue.text == cue]
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in doc._.attributions]
    return found[0]


def test_split_quote_is_one_record_with_its_parts(nlp):
    doc = nlp('"We will not bow to threats," the defence minister said on Friday, "but we remain open to talks."')
    said = only(doc, "said")
    assert said.type == "direct" and said.speaker.text == "the defence minister"
    assert said.content.text.startswith("We will not bow") and said.content.text.endswith("open to talks.")
    assert [p.text for p in said.content_parts] == ["We will not bow to threats,", "but we remain open to talks."]
    assert said.quotation == "We will not bow to threats, but we remain open to talks."
    record = to_record(doc)["attributions"][0]
    assert record["type"] == "direct" and record["quotation"] == said.quotation
    assert [p["text"] for p in record["content_parts"]] == [p.text for p in said.content_parts]


def test_next_quoted_sentence_joins_the_record(nlp):
    doc = nlp('"The convoy is safe," Lindqvist said. "It will reach the border tomorrow."')
    said = only(doc, "said")
    assert [p.text for p in said.content_parts] == ["The convoy is safe,", "It will reach the border tomorrow."]


def test_quote_continued_into_the_next_paragraph(nlp):
    doc = nlp('Berg told reporters: "The first phase is over.\n\n"The second phase starts in June."\n\n'
              "The talks resume on Monday.")
    told = only(doc, "told")
    assert [p.text for p in told.content_parts] == ["The first phase is over.", "The second phase starts in June."]


@pytest.mark.parametrize("text", ["``We want peace,'' Berg said.", "'We want peace,' Berg said of the envoys' plan."])
def test_backtick_and_single_quotation_marks(nlp, text):
    said = only(nlp(text), "said")
    assert said.type == "direct" and said.content.text == "We want peace," and said.speaker.text == "Berg"


def test_quote_goes_on_after_a_long_cue_sentence(nlp):
    doc = nlp('"The ceasefire holds," said Colonel Ana Ferreira, who commands the observer mission in the '
              'northern provinces along the river. "Nobody has fired a shot since Tuesday."')
    said = only(doc, "said")
    assert [p.text for p in said.content_parts] == ["The ceasefire holds,", "Nobody has fired a shot since Tuesday."]


def test_quoted_phrase_inside_a_reported_clause_is_not_the_quote(nlp):
    doc = nlp('A farmer who "hides a few sacks of grain" goes to prison, Okafor said.')
    said = only(doc, "said")
    assert said.speaker.text == "Okafor"
    assert said.content.text.startswith("A farmer who") and said.content.text.endswith("goes to prison")


def test_quote_that_ends_its_paragraph_takes_no_cue_from_the_next(nlp):
    """A continued quotation closing with a full stop and a paragraph break has no cue
    of its own in the next paragraph ("a press conference" there is no cue either), so it
    joins the first quote's record."""
    doc = nlp('"The border stays closed," said Senator Ilse Marr, who chairs the security panel. '
              '"We will review it in a month."\n'
              "Opposition deputies held a press conference hours later in the capital.")
    said = only(doc, "said")
    assert [p.text for p in said.content_parts] == ["The border stays closed,", "We will review it in a month."]


@pytest.mark.parametrize("text,cue", [
    ('"We are not leaving," the envoy said. She continued: "The mission stays until the count ends."', "continued"),
    ('"We will be watching every polling station," the observer concluded.', "concluded"),
])
def test_verbs_that_report_only_beside_a_quotation(nlp, text, cue):
    found = only(nlp(text), cue)
    assert found.type == "direct" and found.content.text.startswith(("The mission", "We will be"))


@pytest.mark.parametrize("text", [
    "Grain prices continued to climb in March, and the talks continued into the night.",
    "The panel concluded that the ceasefire had been broken.",
])
def test_quote_only_verbs_without_a_quotation_are_no_cues(nlp, text):
    assert [a.cue.text for a in nlp(text)._.attributions] == []


@pytest.mark.parametrize("text,cue,speaker", [
    ('"How many more convoys must be shelled?" Hadid said. "The corridor was promised."', "said", "Hadid"),
    ('"Is this a ceasefire or a pause?" Foreign Minister Tomas Berglund asked on Tuesday.', "asked",
     "Foreign Minister Tomas Berglund"),
])
def test_question_quote_before_a_named_speaker_and_a_bare_cue(nlp, text, cue, speaker):
    found = only(nlp(text), cue)
    assert found.type == "direct" and found.speaker.text == speaker and found.content.text.startswith(("How", "Is"))


def test_question_quote_is_not_the_content_of_the_next_sentence_with_its_own_clause(nlp):
    doc = nlp('"Who will pay for the reconstruction?" Lindqvist told reporters that nobody had answered her.')
    told = only(doc, "told")
    assert told.type == "indirect" and told.content.text == "nobody had answered her"


@pytest.mark.parametrize("text,speaker", [
    # the parse splits the quotation and makes its last words the cue's subject
    ('"The coalition is in panic mode. Total panic mode," said Amara Obi, the head of the caucus.', "Amara Obi"),
    # the parse makes the quotation's "not" a negation of the cue
    ('"Are we ready for the vote? Probably not," Ms. Okafor said at the rally.', "Ms. Okafor"),
])
def test_quotation_words_misparsed_as_subject_or_negation_of_the_cue(nlp, text, speaker):
    said = only(nlp(text), "said")
    assert said.type == "direct" and said.speaker.text == speaker
