"""Acronyms and group formats: gazetteer, tokenization variants, context gate, in-text definitions."""
import pytest

from conftest import texts_of
from spacy_diplomacy.record import to_record


def acronyms(nlp, text):
    return [(s.text, s._.long_form, s._.acronym_type, s._.members) for s in nlp(text)._.acronyms]


def test_states_organizations_and_treaties(blank_nlp):
    found = acronyms(blank_nlp, "The U.S. and the UK briefed the IAEA and the UN on the NPT.")
    assert found == [
        ("U.S.", "United States", "STATE", ()),
        ("UK", "United Kingdom", "STATE", ()),
        ("IAEA", "International Atomic Energy Agency", "ORG", ()),
        ("UN", "United Nations", "ORG", ()),
        ("NPT", "Non-Proliferation Treaty", "TREATY", ()),
    ]


def test_acronyms_match_case_exactly(blank_nlp):
    assert acronyms(blank_nlp, "Give us the un-redacted report, said the eu-sceptic.") == []


P5_PLUS_1 = ("CN", "FR", "RU", "GB", "US", "DE")
FOUR_PLUS_1 = ("CN", "FR", "RU", "GB", "DE")


@pytest.mark.parametrize(
    "text,written,members",
    [
        ("Talks between Iran and the P5+1 resumed.", "P5+1", P5_PLUS_1),
        ("Talks between Iran and the P5 + 1 resumed.", "P5 + 1", P5_PLUS_1),
        ("Talks between Iran and the P-5+1 resumed.", "P-5+1", P5_PLUS_1),
        ("Iran met the E3/EU+3 in Geneva.", "E3/EU+3", P5_PLUS_1),
        ("Iran met the E3+3 in Geneva.", "E3+3", P5_PLUS_1),
        ("Envoys of the 4+1 format met in Vienna.", "4+1", FOUR_PLUS_1),
        ("Envoys of the 4 + 1 format met in Vienna.", "4 + 1", FOUR_PLUS_1),
        ("Ministers of the 5+1 group met in Vienna.", "5+1", P5_PLUS_1),
    ],
)
def test_group_formats_in_every_written_variant(blank_nlp, text, written, members):
    doc = blank_nlp(text)
    spans = [s for s in doc._.acronyms if s._.acronym_type == "GROUP"]
    assert [s.text for s in spans] == [written]
    assert sorted(spans[0]._.members) == sorted(members)
    assert [s.text for s in doc._.groups] == [written]


@pytest.mark.parametrize(
    "text",
    [
        "Every child knows that 4 + 1 = 5.",
        "The E3 video game expo in Los Angeles drew big crowds.",
        "She added 5+1 more chairs.",
    ],
)
def test_ambiguous_forms_need_diplomatic_context(blank_nlp, text):
    doc = blank_nlp(text)
    assert texts_of(doc._.acronyms) == [] and texts_of(doc._.groups) == []


def test_ambiguous_form_counts_in_a_diplomatic_document(blank_nlp):
    doc = blank_nlp("The IAEA report was discussed. Afterwards the E3 issued a joint statement.")
    assert "E3" in texts_of(doc._.groups)


def test_named_groups_are_groups_not_acronyms(blank_nlp):
    doc = blank_nlp("Leaders of the Normandy Format and envoys to the six-party talks met.")
    assert texts_of(doc._.groups) == ["Normandy Format", "six-party talks"]
    assert texts_of(doc._.acronyms) == []
    assert sorted(doc._.groups[0]._.members) == ["DE", "FR", "RU", "UA"]


def test_definition_long_form_then_short_form(blank_nlp):
    doc = blank_nlp(
        "Parties to the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) gathered on Monday. "
        "The NPT review conference ends on Friday."
    )
    spans = doc._.acronyms
    assert texts_of(spans) == ["NPT", "NPT"]
    assert [s._.long_form for s in spans] == ["Treaty on the Non-Proliferation of Nuclear Weapons"] * 2
    assert all(s._.defined_in_text for s in spans)


def test_definition_short_form_then_long_form(blank_nlp):
    doc = blank_nlp("The ZTO (Zorblax International Trade Organisation) admitted two members. Later the ZTO met again.")
    assert [(s.text, s._.long_form, s._.acronym_type) for s in doc._.acronyms] == [
        ("ZTO", "Zorblax International Trade Organisation", "ORG"),
        ("ZTO", "Zorblax International Trade Organisation", "ORG"),
    ]


def test_definition_wins_over_gazetteer_from_where_it_stands(blank_nlp):
    doc = blank_nlp(
        "The WTO ruled on Monday. Its seat, the World Trade Organisation (WTO) said, stays in Geneva. The WTO said no."
    )
    assert [s._.long_form for s in doc._.acronyms] == [
        "World Trade Organization",
        "World Trade Organisation",
        "World Trade Organisation",
    ]


def test_unknown_defined_acronym_found_at_every_later_mention(blank_nlp):
    doc = blank_nlp(
        "Envoys of the Quorvian Regional Cooperation Council (QRCC) met. The QRCC chair spoke, and QRCC members agreed."
    )
    spans = doc._.acronyms
    assert texts_of(spans) == ["QRCC", "QRCC", "QRCC"]
    assert {s._.long_form for s in spans} == {"Quorvian Regional Cooperation Council"}


def test_out_of_scope_definitions_are_ignored(blank_nlp):
    doc = blank_nlp(
        "A spokesman for the Zorblax Liberation Front (ZLF) and the Ministry of Quorvian Industry (MQI) spoke."
    )
    assert texts_of(doc._.acronyms) == []


def test_fullwidth_plus_and_nonbreaking_space(blank_nlp):
    text = "Iran and the P5\uff0b1 met; the\u00a0IAEA\u00a0agreed."
    doc = blank_nlp(text)
    assert [text[s.start_char : s.end_char] for s in doc._.acronyms] == ["P5\uff0b1", "IAEA"]


def test_wrapped_long_form_is_read_as_one_line(blank_nlp):
    doc = blank_nlp("Envoys of the Quorvian Regional\nCooperation Council (QRCC) met in the capital.")
    assert [s._.long_form for s in doc._.acronyms] == ["Quorvian Regional Cooperation Council"]


@pytest.mark.parametrize(
    "text",
    [
        "The bill came to $US 40 million in the end.",
        "A spokesman for Zentro USA Inc declined to comment.",
    ],
)
def test_currencies_and_company_names_are_no_states(blank_nlp, text):
    assert blank_nlp(text)._.acronyms == ()


def test_an_acronym_inside_another_agreements_name_is_not_reported(blank_nlp):
    doc = blank_nlp("Both capitals agreed to extend New START by five years.")
    assert doc._.acronyms == ()
    assert [s.id_ for s in doc._.treaties] == ["NEW_START"]


def test_a_genre_ambiguous_treaty_acronym_needs_diplomatic_context(blank_nlp):
    business = blank_nlp("ATT shares rose after the US court ruling, traders said.")
    assert business._.treaties == () and "ATT" not in [s.text for s in business._.acronyms]
    diplomatic = blank_nlp("States parties to the ATT met in Geneva to review arms exports.")
    assert [s.text for s in diplomatic._.treaties] == ["ATT"]


def test_a_parenthesised_acronym_after_its_agreement_is_a_treaty_mention(blank_nlp):
    doc = blank_nlp("Envoys defended the Joint Comprehensive Plan of Action (JCPOA) in Vienna. The JCPOA survived.")
    assert [s.text for s in doc._.treaties] == ["Joint Comprehensive Plan of Action", "JCPOA", "JCPOA"]


def test_organizations_carry_their_wikidata_id_as_kb_id(blank_nlp):
    doc = blank_nlp("Inspectors of the IAEA arrived.")
    assert [(s.text, s.kb_id_) for s in doc._.acronyms] == [("IAEA", "Q41984")]
    assert to_record(doc)["acronyms"][0]["kb_id"] == "Q41984"


def test_business_words_next_to_an_ambiguous_acronym_leave_it_out_of_a_diplomatic_document(blank_nlp):
    doc = blank_nlp("NATO ministers met in Brussels. Separately, ATT shares rose two percent.")
    assert [s.text for s in doc._.acronyms] == ["NATO"]
    assert doc._.treaties == ()
