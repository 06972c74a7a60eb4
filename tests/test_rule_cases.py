"""One sentence per word list of the DEFINITION rules (patterns/definitions.jsonl):
each test fails when its list is emptied (benchmarks/rule_survivors.py checks that)."""
import pytest

from spacy_diplomacy.record import to_record


def defined_acronyms(doc):
    return [(a["text"], a["type"], a["long_form"]) for a in to_record(doc)["acronyms"]]


def scope(doc):
    return [(d.short_form.text, d.long_form_text, d.in_scope) for d in doc._.definitions]


@pytest.mark.parametrize(
    "text,short_form,long_form,kind",
    [
        # state_words: "republic" heads the name of a state
        ("Envoys of the Republic of Vostrania (ROV) landed in Geneva. The ROV asked for food aid.",
         "ROV", "Republic of Vostrania", "STATE"),
        # treaty_words: "treaty" heads the name of an agreement
        ("The Vostrian Fisheries Treaty (VFT) took effect in March. The VFT caps the catch of cod.",
         "VFT", "Vostrian Fisheries Treaty", "TREATY"),
        # group_words: "group" heads the name of a format of states
        ("The Kelvoran Contact Group (KCG) met in Oslo. The KCG called for a ceasefire.",
         "KCG", "Kelvoran Contact Group", "GROUP"),
    ],
)
def test_a_head_word_puts_a_defined_name_in_scope_with_its_type(blank_nlp, text, short_form, long_form, kind):
    doc = blank_nlp(text)
    assert scope(doc) == [(short_form, long_form, True)]
    assert defined_acronyms(doc) == [(short_form, kind, long_form)] * 2


@pytest.mark.parametrize(
    "text,short_form,long_form",
    [
        # exclude_government: a national ministry, although "international" and "cooperation" are in its name
        ("The Ministry of International Cooperation (MIC) issued a note. The MIC denied the report.",
         "MIC", "Ministry of International Cooperation"),
        # exclude_political: an armed movement's council, although "african" and "council" are in its name
        ("The African Liberation Council (ALC) claimed the raid. The ALC named no target.",
         "ALC", "African Liberation Council"),
        # exclude_media: a broadcasters' union, although "global" and "union" are in its name
        ("The Global Broadcasting Union (GBU) condemned the ban. The GBU will appeal.",
         "GBU", "Global Broadcasting Union"),
        # exclude_business_civil: universities and companies, although "arab" and "association" are in the name
        ("The Arab University Association (AUA) met in Amman. The AUA set new fees.",
         "AUA", "Arab University Association"),
    ],
)
def test_an_excluded_word_keeps_a_defined_name_out_of_scope(blank_nlp, text, short_form, long_form):
    doc = blank_nlp(text)
    assert scope(doc) == [(short_form, long_form, False)]
    assert defined_acronyms(doc) == []
