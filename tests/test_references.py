"""Descriptions tied to a named agreement, and generic references ("the deal") linked to one."""
import pytest

from spacy_diplomacy.record import to_record


def treaties(doc):
    return [(s.text, s.id_) for s in doc._.treaties]


def references(doc):
    return [(span.text, treaty_id) for span, treaty_id in doc._.treaty_references]


@pytest.mark.parametrize(
    "text",
    [
        "Brussels and Taipei signed a semiconductor agreement on Tuesday.",
        "Two neighbours concluded an armistice agreement after a border war in 1949.",
    ],
)
def test_a_description_alone_names_no_agreement(blank_nlp, text):
    assert blank_nlp(text)._.treaties == ()


def test_a_description_dated_with_the_agreements_year_names_it(blank_nlp):
    doc = blank_nlp("Troops still patrol the line drawn by the 1953 armistice agreement.")
    assert treaties(doc) == [("armistice agreement", "KOREAN_ARMISTICE_AGREEMENT")]


def test_a_description_counts_where_the_document_names_the_agreement(blank_nlp):
    doc = blank_nlp(
        "Tokyo and Washington signed the US-Japan Semiconductor Agreement in 1986. "
        "Chip makers said the semiconductor agreement raised prices."
    )
    assert [treaty_id for _, treaty_id in treaties(doc)] == ["US_JAPAN_SEMICONDUCTOR_AGREEMENT"] * 2


def test_a_modifier_naming_something_else_blocks_the_link(blank_nlp):
    doc = blank_nlp("Few states ratified the CTBT. Health ministers now want the pandemic treaty done.")
    assert references(doc) == []


def test_a_modifier_from_the_agreements_names_allows_the_link(blank_nlp):
    doc = blank_nlp("Tehran still honours the JCPOA, and officials say the nuclear deal can survive.")
    assert references(doc) == [("the nuclear deal", "JCPOA")]


def test_the_agreement_named_most_often_wins_further_back(blank_nlp):
    filler = "Delegates spent the afternoon on procedure and on the order of speakers. " * 6
    doc = blank_nlp(
        "Moscow and Washington extended New START. New START caps warheads. "
        "Some recalled how the INF treaty collapsed. " + filler + "Both sides say the accord still holds."
    )
    assert references(doc)[-1] == ("the accord", "NEW_START")


def test_the_agreement_just_named_wins(blank_nlp):
    doc = blank_nlp("The JCPOA was debated at length. Then the Paris Agreement came up, and the accord was praised.")
    assert references(doc) == [("the accord", "PARIS_AGREEMENT")]


def test_no_link_when_two_agreements_are_equally_salient_and_far(blank_nlp):
    filler = "Delegates spent the afternoon on procedure and on the order of speakers. " * 6
    doc = blank_nlp("They discussed New START and the JCPOA. " + filler + "Nobody mentioned the deal again.")
    assert references(doc) == []


def test_references_are_in_the_record(blank_nlp):
    record = to_record(blank_nlp("Iran signed the JCPOA in 2015. The deal capped enrichment."))
    assert record["treaty_references"] == [{"start": 31, "end": 39, "text": "The deal", "id": "JCPOA"}]
