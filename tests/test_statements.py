"""Statements linked to agreements, groups, organisations and the speaker's affiliation."""
import pytest

from spacy_diplomacy import to_record
from spacy_diplomacy.pattern_files import bundled_pattern_dir, read_pattern_file
from spacy_diplomacy.statements import link_statements


def span(text, part, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def item(text, part, item_id, nth=0, **fields):
    return {**span(text, part, nth), "id": item_id, **fields}


def statement(text, speaker, content, resolved=None):
    return {
        "cue": None,
        "speaker": span(text, speaker),
        "speaker_resolved": span(text, resolved or speaker),
        "content": span(text, content),
        "type": "indirect",
    }


def linked(text, attribution, **layers):
    record = {"text": text, "treaties": [], "acronyms": [], "groups": [], **layers, "attributions": [attribution]}
    return link_statements(record)["attributions"][0]


def test_agreement_named_inside_the_content():
    text = "Officials said the New START treaty would lapse. Later the Outer Space Treaty came up."
    found = linked(text, statement(text, "Officials", "the New START treaty would lapse"),
                   treaties=[item(text, "New START", "NEW_START"), item(text, "Outer Space Treaty", "OST")])
    assert found["agreements"] == ["NEW_START"]


def test_agreement_reached_through_a_reference():
    text = "Tehran joined the JCPOA in 2015. An aide said the deal was dead."
    attribution = statement(text, "An aide", "the deal was dead")
    treaties = [item(text, "JCPOA", "JCPOA")]
    assert linked(text, attribution, treaties=treaties)["agreements"] == []
    references = [item(text, "the deal", "JCPOA")]
    assert linked(text, attribution, treaties=treaties, treaty_references=references)["agreements"] == ["JCPOA"]


def test_groups_and_organisations_inside_the_content():
    text = "The envoy said the G7 would brief the IAEA soon, and NATO later."
    found = linked(text, statement(text, "The envoy", "the G7 would brief the IAEA soon"),
                   groups=[item(text, "G7", "G7")],
                   acronyms=[item(text, "IAEA", "IAEA", type="ORG"), item(text, "NATO", "NATO", type="ORG")])
    assert (found["groups"], found["organizations"]) == (["G7"], ["IAEA"])


def test_an_attribution_without_content_links_nothing():
    text = "The minister declined to comment."
    attribution = {**statement(text, "The minister", "declined"), "content": None}
    found = linked(text, attribution, treaties=[item(text, "declined", "X")])
    assert (found["agreements"], found["groups"], found["organizations"]) == ([], [], [])


@pytest.mark.parametrize(
    "text, speaker, resolved, expected",
    [
        ("Iranian Foreign Minister Abbas Tavakoli said the talks were over.", "Abbas Tavakoli", None, "IR"),
        ("Russia's foreign minister said the talks were over.", "Russia's foreign minister", None, "RU"),
        ("Pavel Orlov, Russia's deputy foreign minister, said the talks were over.", "Pavel Orlov", None, "RU"),
        ("Canada's environment minister, Paul Girard, said the talks were over.", "Paul Girard", None, "CA"),
        ("Marta Silva, the foreign minister of Portugal, said the talks were over.", "Marta Silva", None, "PT"),
        ("The United States envoy said the talks were over.", "The United States envoy", None, "US"),
        ("Dutch Prime Minister Anna de Vries arrived. She said the talks were over.", "She", "Anna de Vries", "NL"),
    ],
)
def test_affiliation_of_a_state(text, speaker, resolved, expected):
    assert linked(text, statement(text, speaker, "the talks were over", resolved))["affiliation"] == expected


def test_affiliation_of_an_organisation_a_state_acronym_and_a_group():
    text = "A spokesman for the IAEA said inspections resumed. UK officials said inspections resumed. G7 ministers said so."
    acronyms = [item(text, "IAEA", "IAEA", type="ORG"), item(text, "UK", "UK", type="STATE", long_form=["United Kingdom"])]
    groups = [item(text, "G7", "G7")]
    speakers = ["A spokesman for the IAEA", "UK officials", "G7 ministers"]
    found = [linked(text, statement(text, s, "inspections resumed" if i < 2 else "so"), acronyms=acronyms, groups=groups)["affiliation"]
             for i, s in enumerate(speakers)]
    assert found == ["IAEA", "GB", "G7"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Jordan Hale said the talks were over.", "Jordan Hale"),  # a single-word state name alone may be a person
        ("Speaking in French he said the talks were over.", "he"),  # a pronoun's neighbours are not its affiliation
        ("After the Iranian delegation left, Abbas Tavakoli said the talks were over.", "Abbas Tavakoli"),  # another clause
    ],
)
def test_no_affiliation_from_unrelated_words(text, speaker):
    assert linked(text, statement(text, speaker, "the talks were over"))["affiliation"] is None


def test_states_file_codes_are_iso_alpha2_and_names_unique():
    records = read_pattern_file(bundled_pattern_dir() / "states.jsonl")
    assert len(records) >= 190
    assert all(len(r["id"]) == 2 and r["id"].isupper() for r in records)
    names = [n for r in records for n in [r["pattern"], *r.get("aliases", []), *r.get("demonyms", [])]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("pipeline", ["blank_nlp", "parsed_nlp"])
def test_to_record_links_statements_through_the_pipeline(pipeline, request):
    nlp = request.getfixturevalue(pipeline)
    text = ("Iranian Foreign Minister Abbas Tavakoli said on Sunday that Tehran would respect the Joint Comprehensive "
            "Plan of Action. The deal remained the best option, he added.")
    attributions = to_record(nlp(text))["attributions"]
    assert [(a["agreements"], a["affiliation"]) for a in attributions] == [(["JCPOA"], "IR"), (["JCPOA"], "IR")]


def test_doc_attributions_carry_the_same_links_as_the_record():
    import spacy
    from spacy.tokens import DocBin

    from spacy_diplomacy import to_record

    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    doc = nlp("Iranian Foreign Minister Abbas Taheri said that Tehran remained committed to the JCPOA and to talks with the P5+1.")
    (attribution,) = doc._.attributions
    assert (attribution.agreements, attribution.groups, attribution.affiliation) == (("JCPOA",), ("P5+1",), "IR")
    (linked,) = to_record(doc)["attributions"]
    assert (linked["agreements"], linked["groups"], linked["affiliation"]) == (["JCPOA"], ["P5+1"], "IR")
    restored = next(DocBin(docs=[doc]).from_bytes(DocBin(docs=[doc]).to_bytes()).get_docs(nlp.vocab))
    assert restored._.attributions[0].agreements == ("JCPOA",)
