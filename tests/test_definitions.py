"""Definitions in the text: forms, long-form boundaries, known expansions, scope, Doc._.definitions."""
import pytest

from spacy_diplomacy.record import to_record


def definitions(doc):
    return [(d.short_form.text, d.long_form_text, d.in_scope) for d in doc._.definitions]


def expansions(doc):
    return [(s.text, s._.long_form) for s in doc._.acronyms]


@pytest.mark.parametrize(
    "text,short_form,long_form",
    [
        ("Envoys of the Quorvian Regional Cooperation Council (QRCC) met.", "QRCC", "Quorvian Regional Cooperation Council"),
        ("The QRCC (Quorvian Regional Cooperation Council) met.", "QRCC", "Quorvian Regional Cooperation Council"),
        ("Ministers of the Quorvian Regional Cooperation Council, QRCC, met.", "QRCC", "Quorvian Regional Cooperation Council"),
        ("Ministers of the Quorvian Regional Cooperation Council, or QRCC, met.", "QRCC", "Quorvian Regional Cooperation Council"),
        ("Ministers of the Quorvian Regional Cooperation Council - QRCC - met.", "QRCC", "Quorvian Regional Cooperation Council"),
        ("They joined the Quorvian Regional Cooperation Council, the so-called QRCC, in May.", "QRCC", "Quorvian Regional Cooperation Council"),
        # "known as": the short form may abbreviate a name in another language
        ("The Quorvian Permanent Commission on Regional Fisheries, better known as CPRP, met.",
         "CPRP", "Quorvian Permanent Commission on Regional Fisheries"),
    ],
)
def test_definition_forms(blank_nlp, text, short_form, long_form):
    assert definitions(blank_nlp(text)) == [(short_form, long_form, True)]


def test_plain_apposition_needs_exact_initials(blank_nlp):
    doc = blank_nlp("Talks with Britain, Quorvia, Zentia, EU, and others went on.")
    assert definitions(doc) == []


def test_long_form_starts_at_a_content_word(blank_nlp):
    doc = blank_nlp("A summit of the Organization of Zentian Unity (OZU) opened in the capital.")
    assert [d[:2] for d in definitions(doc)] == [("OZU", "Organization of Zentian Unity")]


def test_long_form_follows_the_initials_not_an_earlier_word(blank_nlp):
    doc = blank_nlp("Envoys from the United Nations and the Quorvian Regional Cooperation Council (QRCC) met.")
    assert definitions(doc)[0][1] == "Quorvian Regional Cooperation Council"


def test_a_known_expansion_written_before_the_short_form_is_taken_whole(blank_nlp):
    doc = blank_nlp("Heads of state of the Organization of African Unity (OAU) met in Lusaka. The OAU said so.")
    assert expansions(doc) == [("OAU", "Organization of African Unity")] * 2


def test_a_definition_shorter_than_the_known_expansion_does_not_override_it(blank_nlp):
    doc = blank_nlp("Guests at the summit of African Unity (OAU) arrived. The OAU said so.")
    assert [long_form for _, long_form in expansions(doc)] == ["Organization of African Unity"] * 2


def test_appositive_definition_decides_an_ambiguous_acronym(blank_nlp):
    doc = blank_nlp("Farm ministers of the European Community, EC, met on Monday. The EC agreed on quotas.")
    assert expansions(doc) == [("EC", "European Community"), ("EC", "European Community")]


def test_an_acronym_the_text_defines_as_a_company_is_dropped(blank_nlp):
    doc = blank_nlp("Shares of the American Telephone and Telegraph Company (ATT) rose; ATT said profits grew.")
    assert expansions(doc) == []


@pytest.mark.parametrize(
    "text",
    [
        "Traders at the Zentian Board of Trade (ZBOT) sold wheat; ZBOT closed early.",
        "The Quorvian Futures Trading Commission (QFTC) fined two banks; QFTC said more would follow.",
        "The Zentian Democratic Union (ZDU) won the vote; ZDU leaders celebrated.",
    ],
)
def test_out_of_scope_definitions_are_definitions_but_not_acronyms(blank_nlp, text):
    doc = blank_nlp(text)
    assert expansions(doc) == []
    assert [d.in_scope for d in doc._.definitions] == [False]


def test_definitions_are_in_the_record(blank_nlp):
    record = to_record(blank_nlp("The Zentian Board of Trade (ZBOT) opened."))
    assert record["definitions"] == [
        {
            "short_form": {"start": 28, "end": 32, "text": "ZBOT"},
            "long_form": {"start": 4, "end": 26, "text": "Zentian Board of Trade"},
            "expansion": "Zentian Board of Trade",
            "in_scope": False,
        }
    ]


def test_a_stop_word_acronym_counts_after_the(blank_nlp):
    assert [s.text for s in blank_nlp("Health ministers asked the WHO for vaccines.")._.acronyms] == ["WHO"]
    assert blank_nlp("WHO WILL PAY FOR THE NEW ROADS?")._.acronyms == ()
    assert blank_nlp("Nobody knew WHO had called.")._.acronyms == ()
