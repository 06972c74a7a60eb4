"""Cues by sense, not by lemma alone, and "quoted as saying", in both modes.
Own sentences, written for these tests."""
import pytest
import srsly

from spacy_diplomacy.attribution import AttributionStage

from conftest import load_pipeline_or_skip
from test_attribution import CUES, by_cue, run


@pytest.fixture(scope="module", params=["blank", "parsed"])
def pipe(request):
    nlp = load_pipeline_or_skip(request.param)
    return nlp, AttributionStage(nlp, list(srsly.read_jsonl(CUES)))


def test_passive_quoted_as_saying_credits_the_quoted_person(pipe):
    found = run(pipe, '"The border will stay open," Lindqvist was quoted as saying by local radio.')
    quoted = by_cue(found, "quoted")
    assert quoted["speaker"] == "Lindqvist" and quoted["content"].startswith("The border will stay open")
    assert [f["cue"] for f in found] == ["quoted"]


def test_active_quoted_as_saying_credits_the_object(pipe):
    found = run(pipe, "The agency quoted Tomas Berg as saying that the convoy had been stopped.")
    quoted = by_cue(found, "quoted")
    assert quoted["speaker"] == "Tomas Berg" and quoted["content"] == "the convoy had been stopped"


@pytest.mark.parametrize("text", [
    "Inspectors verified the closure of the enrichment hall last month.",
    "The shipping group reported a net loss of 40 million euros for the quarter.",
    "The ministry offered 12 dollars per share for the remaining stake.",
])
def test_verbs_without_communicated_content_are_no_cues(pipe, text):
    assert run(pipe, text) == []


def test_clause_only_verb_with_a_clause_is_a_cue(pipe):
    found = run(pipe, "Inspectors verified that the enrichment hall had been closed.")
    assert by_cue(found, "verified")["content"] == "the enrichment hall had been closed"


def test_rejected_is_a_cue_only_for_speech(pipe):
    assert run(pipe, "The cabinet rejected the budget on Friday.") == []
    found = run(pipe, "The cabinet rejected the claims of the opposition.")
    assert by_cue(found, "rejected")["speaker"] == "The cabinet"


@pytest.mark.parametrize("text, cue", [
    ("Lindqvist played down the risk of a trade war.", "played down"),
    ("Berg set out the conditions for a ceasefire.", "set out"),
    ("Lindqvist listed the reforms that Brussels wants.", "listed"),
])
def test_added_cues(pipe, text, cue):
    assert by_cue(run(pipe, text), cue)["speaker"] in ("Lindqvist", "Berg")


def test_noun_cue_sharing_its_form_with_a_verb_cue(pipe):
    nlp, _ = pipe
    found = run(pipe, "Lindqvist repeated her demand for a ceasefire in the north.")
    if nlp.has_pipe("parser"):
        demand = by_cue(found, "demand")
        assert demand["content"] == "a ceasefire in the north" and demand["speaker"] == "her"
    else:
        assert found == []      # without a parser a noun cue is left out


def test_noun_cue_without_a_source_needs_a_that_clause(pipe):
    assert run(pipe, "Global demand for crude oil rose in March.") == []


@pytest.mark.parametrize("text, cue, content", [
    # the addressee ("the hosts") is not the content
    ("Lindqvist thanked the hosts for their patience.", "thanked", "for their patience"),
    # "hit out at X": X is what the criticism was about; "on Monday" is a time, no content
    ("The foreign minister hit out at the sanctions on Monday.", "hit out", "the sanctions"),
    # a phrase of time after the object stays out of the content
    ("The opposition bloc endorsed the former envoy for president on Thursday.", "endorsed",
     "the former envoy for president"),
])
def test_object_content_of_a_cue(pipe, text, cue, content):
    _parsed_only(pipe)
    assert by_cue(run(pipe, text), cue)["content"] == content


def test_call_reports_speech_only_with_a_predicate(pipe):
    _parsed_only(pipe)
    assert run(pipe, "The president called the election for June.") == []
    found = run(pipe, "The president called the island a red line.")
    assert by_cue(found, "called")["content"] == "the island a red line"


def test_relative_clause_speaker_is_a_document_a_body_or_a_person(pipe):
    _parsed_only(pipe)
    assert run(pipe, "The two leaders signed a plan which calls for closer trade ties.") == []
    found = run(pipe, "The agency issued a report which says the dam is unsafe.")
    assert by_cue(found, "says")["speaker"] == "a report"


def _parsed_only(pipe):
    if not pipe[0].has_pipe("parser"):
        pytest.skip("a parse rule")


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("Arguing that the embargo had failed, the Brazilian envoy said the council should lift it.",
     "Arguing", "the Brazilian envoy", "the embargo had failed"),
    ("Slamming the ministers for their silence, Okafor called for an emergency session.",
     "Slamming", "Okafor", "the ministers for their silence"),
])
def test_opening_participle_with_its_own_content_is_a_cue(pipe, text, cue, speaker, content):
    _parsed_only(pipe)
    found = run(pipe, text)
    hit = by_cue(found, cue)
    assert hit["speaker"] == speaker and hit["content"] == content
    assert not any(f["cue"] == "Asked" for f in run(pipe, "Asked about the report, the spokesman said he had not seen it."))


def test_participle_after_a_preposition_takes_the_main_subject(pipe):
    _parsed_only(pipe)
    found = run(pipe, "In announcing the new tariffs yesterday, the trade commissioner said Brussels had no choice.")
    hit = by_cue(found, "announcing")
    assert hit["speaker"] == "the trade commissioner" and hit["content"] == "the new tariffs"


@pytest.mark.parametrize("text, found_cue", [
    ("A new survey of factory owners shows that confidence has fallen for a third month.", "shows"),
    ("The inquiry found that the border guards had ignored two warnings.", "found"),
])
def test_findings_of_studies_and_polls_are_cues(pipe, text, found_cue):
    hit = by_cue(run(pipe, text), found_cue)
    assert hit["speaker"] in ("A new survey of factory owners", "The inquiry") and hit["content"].endswith(("month", "warnings"))


def test_poll_shows_an_object_as_its_finding(pipe):
    """'show' reports a finding with an object as well as a clause, when a poll shows it."""
    hit = by_cue(run(pipe, "Two new polls show a close contest in the northern province."), "show")
    assert hit["speaker"] == "Two new polls" and hit["content"] == "a close contest in the northern province"


def test_footage_shows_as_a_finding(pipe):
    """Recordings and documents are sources of findings ('the footage shows that ...')."""
    hit = by_cue(run(pipe, "The footage shows that the convoy had stopped before the bridge."), "shows")
    assert hit["speaker"] == "The footage" and hit["content"] == "the convoy had stopped before the bridge"


def test_finding_verb_with_another_subject_is_no_cue(pipe):
    assert run(pipe, "Rescuers found that the bridge had collapsed overnight.") == []


def test_according_to_at_the_end_leaves_its_phrase_out_of_the_content(pipe):
    found = run(pipe, "The ferry sank in calm water, according to three sailors rescued by the coastguard.")
    hit = by_cue(found, "according to")
    assert hit["content"] == "The ferry sank in calm water" and hit["speaker"].startswith("three sailors")


def test_addressee_of_a_passive_cue_is_no_speaker(pipe):
    found = run(pipe, "The consul was told that her permit would not be renewed.")
    assert all(f["speaker"] is None for f in found)
    if pipe[0].has_pipe("parser"):
        assert by_cue(found, "told")["content"] == "her permit would not be renewed"


def test_named_by_a_participle_is_no_cue(pipe):
    """'a militia called the Northern Front' names something: a past participle that
    modifies a noun, with no agent, is no cue."""
    _parsed_only(pipe)
    found = run(pipe, "The envoys met to decide whether a leader of a militia called the Northern Front "
                      "belongs on the sanctions list.")
    assert [f["cue"] for f in found] == []


def test_content_leaves_out_a_speaker_the_parse_hung_on_its_end(pipe):
    """The parse makes the speaker an apposition inside the reported clause."""
    found = run(pipe, "The talks were held in Oman, a diplomat familiar with the talks said.")
    said = by_cue(found, "said")
    assert said["speaker"] == "a diplomat familiar with the talks" and said["content"] == "The talks were held in Oman"


def test_pronoun_addressee_of_tell_is_no_content(pipe):
    _parsed_only(pipe)
    found = run(pipe, "The difference now, she told me on Friday, is that the mission has a mandate from the council.")
    assert by_cue(found, "told")["content"] != "me"
