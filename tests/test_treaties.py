"""Treaty mentions: listed names, case rules, generic name rules, span trimming, references."""
import pytest
import spacy

from conftest import texts_of
from spacy_diplomacy.record import to_record


def treaties(nlp, text):
    return [(s.text, s.id_) for s in nlp(text)._.treaties]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Moscow accused Washington of breaching the 1987 INF treaty.", [("INF treaty", "INF")]),
        ("Both sides extended New START by five years.", [("New START", "NEW_START")]),
        ("Tehran said the Iranian nuclear deal was still alive.", [("Iranian nuclear deal", "JCPOA")]),
        ("Europe wants to save the Iran Deal.", [("Iran Deal", "JCPOA")]),
        ("Parties to the JCPOA met in Vienna.", [("JCPOA", "JCPOA")]),
        ("The Joint Comprehensive Plan of Action was signed in 2015.", [("Joint Comprehensive Plan of Action", "JCPOA")]),
        ("He cited the Kyoto Protocol and the Paris Agreement.", [("Kyoto Protocol", "KYOTO_PROTOCOL"), ("Paris Agreement", "PARIS_AGREEMENT")]),
        ("India never signed the nuclear Non-Proliferation Treaty.", [("nuclear Non-Proliferation Treaty", "NPT")]),
        ("Signing the Treaty on the Non-Proliferation of Nuclear Weapons was a condition of aid.",
         [("Treaty on the Non-Proliferation of Nuclear Weapons", "NPT")]),
        ("Russia's withdrawal from the CFE treaty worried NATO.", [("CFE treaty", "CFE")]),
        ("The UN Charter forbids the use of force.", [("UN Charter", "UN_CHARTER")]),
    ],
)
def test_listed_names(blank_nlp, text, expected):
    assert treaties(blank_nlp, text) == expected


def test_short_acronyms_are_case_sensitive(blank_nlp):
    assert treaties(blank_nlp, "It was a new start for the talks, said the envoy at the start.") == []
    assert treaties(blank_nlp, "Washington and Moscow signed START in 1991.") == [("START", "START_I")]


def test_every_mention_carries_canonical_id_and_name(blank_nlp):
    doc = blank_nlp("The Iran nuclear deal, or JCPOA, limits enrichment.")
    assert {s.id_ for s in doc._.treaties} == {"JCPOA"}
    assert {s.kb_id_ for s in doc._.treaties} == {"JCPOA"}
    assert {s._.canonical for s in doc._.treaties} == {"Joint Comprehensive Plan of Action"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Delegates initialled the Zorblax Accord on Friday.", ["Zorblax Accord"]),
        ("The Treaty of Tlatelolco bans nuclear weapons in Latin America.", ["Treaty of Tlatelolco"]),
        ("They praised the Quendar-Vostrian agreement on fishing.", ["Quendar-Vostrian agreement"]),
        ("Members of the North Atlantic Treaty Organization met in Brussels.", []),
        ("The agreement was signed, and a treaty may follow.", []),
        ("Officials said the deal would hold.", []),
    ],
)
def test_generic_name_rules(blank_nlp, text, expected):
    assert texts_of(blank_nlp(text)._.treaties) == expected


def test_span_leaves_out_articles_years_and_possessives(blank_nlp):
    doc = blank_nlp("Iran's nuclear deal differs from the 1994 Agreed Framework and this Zorblax Accord.")
    assert texts_of(doc._.treaties) == ["Agreed Framework", "Zorblax Accord"]


def test_references_link_to_latest_compatible_agreement(blank_nlp):
    doc = blank_nlp(
        "Moscow defended the Iranian nuclear deal. Officials said the deal must survive, "
        "and that the multilateral agreement had worked. Earlier, the Kyoto Protocol was discussed; "
        "this accord expires soon. The treaty was not mentioned."
    )
    refs = [(span.text, treaty_id) for span, treaty_id in doc._.treaty_references]
    assert refs == [
        ("the deal", "JCPOA"),
        ("the multilateral agreement", "JCPOA"),
        ("this accord", "KYOTO_PROTOCOL"),
    ]
    # references are not treaty mentions
    assert "the deal" not in texts_of(doc._.treaties)


def test_user_pattern_file_adds_a_treaty(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"label": "TREATY", "pattern": "Glorbian Settlement", "id": "glorb", "name": "Glorbian Settlement"}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([path])
    doc = nlp("Both capitals ratified the Glorbian Settlement and the Paris Agreement.")
    assert [(s.text, s.id_) for s in doc._.treaties] == [("Glorbian Settlement", "glorb"), ("Paris Agreement", "PARIS_AGREEMENT")]


def test_spaced_and_unicode_variants_match_with_original_offsets(blank_nlp):
    text = "The Joint\u00a0Comprehensive Plan of Action and the Non\u2011Proliferation Treaty."
    doc = blank_nlp(text)
    found = [(text[s.start_char : s.end_char], s.id_) for s in doc._.treaties]
    assert found == [("Joint\u00a0Comprehensive Plan of Action", "JCPOA"), ("Non\u2011Proliferation Treaty", "NPT")]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of activists filled the hall for the Republican National Convention last summer.",
        "World Leaders Sign Historic Peace Accord After Marathon Talks\n\nThe text was not released.",
    ],
)
def test_generic_rules_skip_party_conventions_and_headlines(blank_nlp, text):
    assert blank_nlp(text)._.treaties == ()


@pytest.mark.parametrize(
    "text,written",
    [
        ("Parties to the Treaty on the Non-Proliferation of Nuclear\nWeapons meet in May.",
         "Treaty on the Non-Proliferation of Nuclear\nWeapons"),
        ("Delegates praised the Non-\nProliferation Treaty again.", "Non-\nProliferation Treaty"),
        ("Delegates praised the Non-Prolif-\neration Treaty again.", "Non-Prolif-\neration Treaty"),
        ("Both houses ratified the Kyoto   Protocol in March.", "Kyoto   Protocol"),
        ("Both houses ratified the Kyoto \n  Protocol in March.", "Kyoto \n  Protocol"),
    ],
)
def test_names_match_across_line_breaks_with_original_offsets(blank_nlp, text, written):
    doc = blank_nlp(text)
    assert [text[s.start_char : s.end_char] for s in doc._.treaties] == [written]


def test_a_blank_line_ends_a_name(blank_nlp):
    doc = blank_nlp("They signed the Zorblax\n\nAccord talks resumed.")
    assert "Zorblax\n\nAccord" not in texts_of(doc._.treaties)


def test_an_organization_after_a_line_break_is_no_treaty(blank_nlp):
    assert blank_nlp("Members of the North Atlantic Treaty\nOrganization met in Brussels.")._.treaties == ()


@pytest.mark.parametrize(
    "text,written",
    [
        ("Both navies cite the Zentian Charter of maritime conduct.", "Zentian Charter"),
        ("The Covenant of the League of Quorvian Cities bound its members.", "Covenant of the League of Quorvian Cities"),
        ("Parties to the Convention on the Protection of Zentian Wetlands and Migratory Birds met.",
         "Convention on the Protection of Zentian Wetlands and Migratory Birds"),
        ("They signed the Treaty for the Prohibition of Quorvian Weapons in the Outer Belt yesterday.",
         "Treaty for the Prohibition of Quorvian Weapons in the Outer Belt"),
        ("The Quorvian Fisheries Protocol II entered into force.", "Quorvian Fisheries Protocol II"),
        ("Observers said the Zentian-Quorvian agreements would not hold.", "Zentian-Quorvian agreements"),
    ],
)
def test_grammar_finds_unseen_names_whole(blank_nlp, text, written):
    doc = blank_nlp(text)
    assert texts_of(doc._.treaties) == [written]
    assert to_record(doc)["treaties"][0]["gazetteered"] is False


def test_unseen_name_has_a_stable_id_from_its_text(blank_nlp):
    first = blank_nlp("The Zentian Charter was read aloud.")._.treaties[0].id_
    second = blank_nlp("Nobody had read the Zentian\nCharter before.")._.treaties[0].id_
    assert first == second == "ZENTIAN_CHARTER"


def test_a_complement_that_distinguishes_makes_another_agreement(blank_nlp):
    doc = blank_nlp("Diplomats recalled the Geneva Conventions on the Status of Zentian Fishing Fleets.")
    assert [(s.text, s._.canonical) for s in doc._.treaties] == [
        ("Geneva Conventions on the Status of Zentian Fishing Fleets", "Geneva Conventions on the Status of Zentian Fishing Fleets")
    ]


def test_an_indefinite_description_names_nothing(blank_nlp):
    assert blank_nlp("Some delegates want a non-proliferation treaty for the region.")._.treaties == ()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Currency traders said in March 1987 that the Paris accord had steadied the dollar.", "LOUVRE_ACCORD"),
        ("By 2017 more than 150 states had ratified the Paris accord.", "PARIS_AGREEMENT"),
        ("The Moscow Treaty of 1963 ended tests in the atmosphere.", "PTBT"),
        ("Both parliaments ratified the Moscow Treaty in 2003.", "SORT"),
        ("Carter signed SALT II in Vienna. Opponents of SALT called it weak.", "SALT_II"),
    ],
)
def test_names_shared_over_time_are_decided_by_the_document(blank_nlp, text, expected):
    assert blank_nlp(text)._.treaties[-1].id_ == expected


def test_an_undecided_shared_name_gets_no_listed_id(blank_nlp):
    doc = blank_nlp("Commentators praised the Moscow Treaty.")
    assert [(s.text, s.id_) for s in doc._.treaties] == [("Moscow Treaty", "MOSCOW_TREATY")]
    assert to_record(doc)["treaties"][0]["gazetteered"] is False


def test_a_name_at_the_start_of_a_wrapped_line_is_not_sentence_initial(blank_nlp):
    doc = blank_nlp("Officials said on Monday that the\nZTQ treaty would hold.")
    assert texts_of(doc._.treaties) == ["ZTQ treaty"]


def test_a_description_written_as_a_title_is_a_listed_name(blank_nlp):
    doc = blank_nlp("In 1964 diplomats praised the Nuclear Test Ban Treaty at the opening session.")
    assert [(s.text, s.id_) for s in doc._.treaties] == [("Nuclear Test Ban Treaty", "PTBT")]
