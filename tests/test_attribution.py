"""Tests for the attribution stage (own sentences, written for these tests)."""
import pickle
from pathlib import Path

import pytest
import spacy
import srsly

from spacy_diplomacy.attribution import Attribution, AttributionStage

CUES = Path(__file__).resolve().parent.parent / "patterns" / "attribution_verbs.jsonl"


@pytest.fixture(scope="module")
def records():
    return list(srsly.read_jsonl(CUES))


@pytest.fixture(scope="module")
def parsed(records):
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        names = [n for n in spacy.util.get_installed_models() if n.startswith("en_core_web")]
        if not names:
            pytest.skip("no trained English pipeline installed")
        nlp = spacy.load(names[0])
    return nlp, AttributionStage(nlp, records)


@pytest.fixture(scope="module")
def blank(records):
    nlp = spacy.blank("en")
    return nlp, AttributionStage(nlp, records)


def run(pipe, text):
    nlp, stage = pipe
    doc = nlp(text)
    out = []
    for a in stage(doc):
        def t(span):
            return span.text if span is not None else None
        out.append({"cue": t(a.cue), "speaker": t(a.speaker), "speakers": [t(s) for s in a.speakers],
                    "resolved": t(a.speaker_resolved), "content": t(a.content), "type": a.type,
                    "content_parts": [t(p) for p in a.content_parts], "quotation": a.quotation,
                    "role": t(a.role), "rule": a.rule, "cue_class": a.cue_class})
    return out


def by_cue(found, cue):
    hits = [f for f in found if f["cue"] == cue]
    assert hits, f"no attribution with cue {cue!r} in {found}"
    return hits[0]


# -- the verb list ------------------------------------------------------------------------

def test_cue_file_shape(records):
    verbs = [r for r in records if r["kind"] == "verb" and "_" not in r["id"]]
    assert len(verbs) >= 160
    classes = {"statement", "announcement", "warning", "criticism", "denial", "finding", "support", "concern",
               "question", "request", "promise", "confirmation", "accusation", "explanation", "report"}
    assert {r["cue_class"] for r in records} <= classes
    forms = {f for r in records if isinstance(r["pattern"][0]["LOWER"], dict)
             for f in r["pattern"][0]["LOWER"]["IN"]}
    assert {"criticised", "criticized", "said", "told", "warns", "urging"} <= forms
    lemmas = {r["id"] for r in records}
    assert "according_to" in lemmas and "point_out" in lemmas and "statement_n" in lemmas
    assert not {"meet", "discuss", "negotiate", "agree", "sign", "visit", "hope", "believe", "fear"} & lemmas


# -- parser mode -------------------------------------------------------------------------

def test_indirect_that_and_resolution(parsed):
    text = ("Finnish Foreign Minister Pekka Virtanen arrived in Oslo on Monday.\n\n"
            "Pekka Virtanen said that the northern ministers would meet again in spring. "
            "He added that fishing quotas remained the main obstacle.")
    found = run(parsed, text)
    said = by_cue(found, "said")
    assert said["content"] == "the northern ministers would meet again in spring"
    assert said["type"] == "indirect"
    added = by_cue(found, "added")
    assert added["speaker"] == "He"
    assert added["resolved"] == "Pekka Virtanen"
    assert added["content"] == "fishing quotas remained the main obstacle"


def test_surname_resolves_to_full_name(parsed):
    text = ("Chilean envoy Marisol Etxeberria Vidal arrived on Tuesday. "
            "\"We will not accept new conditions,\" Vidal said.")
    said = by_cue(run(parsed, text), "said")
    assert said["speaker"] == "Vidal"
    assert said["resolved"] == "Marisol Etxeberria Vidal"
    assert said["type"] == "direct"
    assert said["content"].startswith("We will not accept new conditions")


def test_content_before_cue_and_parenthetical(parsed):
    found = run(parsed, "The border talks have stalled again, the ministry said.")
    said = by_cue(found, "said")
    assert said["speaker"] == "the ministry"
    assert said["content"] == "The border talks have stalled again"
    found = run(parsed, "The ceasefire, Ortega said, remains fragile.")
    said = by_cue(found, "said")
    assert said["speaker"] == "Ortega"
    assert "remains fragile" in said["content"]


def test_inverted_order(parsed):
    said = by_cue(run(parsed, "\"The door remains open,\" said the minister."), "said")
    assert said["speaker"] == "the minister"
    assert said["content"].startswith("The door remains open")


def test_object_content(parsed):
    found = run(parsed, "Canada expressed deep concern over the missile launch. "
                        "The council urged both sides to return to the table.")
    assert by_cue(found, "expressed")["content"] == "deep concern over the missile launch"
    assert by_cue(found, "expressed")["speaker"] == "Canada"
    urged = by_cue(found, "urged")
    assert urged["content"] == "both sides to return to the table"
    assert urged["cue_class"] == "request"


def test_conjoined_speakers_and_role(parsed):
    text = ("Italian Prime Minister Giulia Ferrante and her Greek counterpart Nikos Lambrou "
            "also welcomed the maritime accord.")
    found = run(parsed, text)
    rec = by_cue(found, "welcomed")
    assert rec["speakers"] == ["Italian Prime Minister Giulia Ferrante", "her Greek counterpart Nikos Lambrou"]
    assert rec["role"] == "Italian Prime Minister"
    assert rec["resolved"] == "Giulia Ferrante"
    assert rec["content"] == "the maritime accord"


def test_split_quote_and_continuation(parsed):
    text = "\"We are ready,\" Okafor said, \"but the timing is wrong.\" Reporters left."
    found = run(parsed, text)
    assert len([f for f in found if f["cue"] == "said"]) == 1
    said = by_cue(found, "said")
    assert said["content"].startswith("We are ready") and said["content"].endswith("timing is wrong.")
    text = "\"Sanctions will stay,\" Okafor said. \"Nothing has changed.\"\n\nThe talks ended."
    said = by_cue(run(parsed, text), "said")
    assert said["content"].endswith("Nothing has changed.")


def test_multi_paragraph_quote(parsed):
    text = ("Okafor told reporters: \u201cThe first phase is over.\n\n"
            "\u201cThe second phase will be harder.\u201d")
    told = by_cue(run(parsed, text), "told")
    assert told["type"] == "direct"
    assert told["content"].startswith("The first phase") and "second phase will be harder" in told["content"]


def test_according_to_and_noun_cue(parsed):
    found = run(parsed, "According to the agency, the reactor was shut down in May.")
    acc = by_cue(found, "According to")
    assert acc["speaker"] == "the agency"
    assert acc["content"] == "the reactor was shut down in May"
    found = run(parsed, "Markets fell after the announcement of the Brazilian President Ana Torres "
                        "that Brazil would leave the bloc.")
    rec = by_cue(found, "announcement")
    assert rec["content"] == "Brazil would leave the bloc"
    assert rec["resolved"] == "Ana Torres"


def test_quoted_as_saying(parsed):
    found = run(parsed, "Okafor was quoted by the agency as saying that the talks had collapsed.")
    assert [f["cue"] for f in found] == ["quoted"]
    assert found[0]["speaker"] == "Okafor"
    assert found[0]["content"] == "the talks had collapsed"


def test_not_attributions(parsed):
    text = ("The ministers met in Vienna and discussed the draft. The minister did not say when talks resume. "
            "Officials could announce a decision next week. The envoy is expected to propose a new text. "
            "She hopes the deal survives.")
    assert run(parsed, text) == []


def test_cue_inside_quote_is_content(parsed):
    found = run(parsed, "\"They announced nothing new,\" Okafor said.")
    assert [f["cue"] for f in found] == ["said"]


# -- blank mode and robustness -------------------------------------------------------------

def test_blank_quotes_and_said(blank):
    text = ("\"We will keep talking,\" Okafor said.\n\n"
            "Pekka Virtanen said the northern ministers would meet in spring. "
            "Fishing quotas remain the main obstacle, Virtanen said.")
    found = run(blank, text)
    assert [f["cue"] for f in found] == ["said", "said", "said"]
    assert found[0]["type"] == "direct" and found[0]["speaker"] == "Okafor"
    assert found[0]["content"].startswith("We will keep talking")
    assert found[1]["speaker"] == "Pekka Virtanen"
    assert found[1]["content"] == "the northern ministers would meet in spring"
    assert found[2]["content"] == "Fishing quotas remain the main obstacle"
    assert found[2]["resolved"] == "Pekka Virtanen"


def test_blank_inverted_and_pronoun(blank):
    text = "Pekka Virtanen arrived late. \"It was a long night,\" said Virtanen. He added that talks resume today."
    found = run(blank, text)
    assert by_cue(found, "said")["speaker"] == "Virtanen"
    added = by_cue(found, "added")
    assert added["speaker"] == "He" and added["resolved"] == "Pekka Virtanen"
    assert added["content"] == "talks resume today"


@pytest.mark.parametrize("text", [
    "\"Unclosed quote, Okafor said. Later Lavrov said the talks ended.",
    "\u201cA \u201cB \u201d \u201d \u201d \u2019s \u2018 said",
    "said", "\"", "", "\n\n\"\n\n\"", "according to", "\u00ab Non \u00bb, a dit le ministre, \"",
])
def test_never_raises(blank, parsed, text):
    for pipe in (blank, parsed):
        assert isinstance(run(pipe, text), list)


def test_unbalanced_quotes_keep_the_rest(blank):
    text = "\"We are done here, one aide muttered.\n\nLater Virtanen said the talks had failed."
    found = run(blank, text)
    said = by_cue(found, "said")
    assert said["speaker"] == "Virtanen" and said["content"] == "the talks had failed"


def test_stage_leaves_doc_alone_and_pickles(blank):
    nlp, stage = blank
    doc = nlp("Okafor said the deal was dead. \"Enough,\" he added.")
    stage(doc)
    assert not doc.has_annotation("SENT_START")
    clone = pickle.loads(pickle.dumps(stage))
    assert [a.cue for a in clone(doc)] == [a.cue for a in stage(doc)]


def test_record_fields_and_json_round_trip(blank):
    nlp, stage = blank
    doc = nlp("Okafor said the deal was dead.")
    (rec,) = stage(doc)
    assert isinstance(rec, Attribution)
    assert (rec.cue.start, rec.cue.end) == (1, 2) and rec.speaker.text == "Okafor"
    assert [s.text for s in rec.speakers] == ["Okafor"]
    assert rec.content.text == "the deal was dead" and rec.type == "indirect" and rec.cue_class == "statement"
    assert rec.content_parts == (rec.content,) and rec.quotation == "the deal was dead"
    assert rec.rule == "token:X-said" and rec.role is None
    data = rec.to_json()
    assert data["type"] == "indirect" and data["cue"] == [1, 2] and data["content_parts"] == [[2, 6]]
    assert srsly.json_loads(srsly.json_dumps(data)) == data
    assert Attribution.from_json(doc, data) == rec
    assert [(s.label_, s.text) for s in rec.labelled_spans()] == [
        ("CUE", "said"), ("SPEAKER", "Okafor"), ("CONTENT", "the deal was dead")]
    with pytest.raises(Exception):
        rec.type = "direct"


def test_user_cue_records_as_phrases_or_with_annotation_the_doc_lacks(tmp_path):
    path = tmp_path / "cues.jsonl"
    path.write_text(
        '{"label": "CUE", "id": "vouchsafe", "pattern": "vouchsafed", "lemma": "vouchsafe", "kind": "verb", "cue_class": "statement"}\n'
        '{"label": "CUE", "id": "pos_rule", "pattern": [{"POS": "VERB"}, {"LOWER": "thereupon"}], "lemma": "x", "kind": "verb", "cue_class": "statement"}\n'
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([path])
    doc = nlp('"The talks will resume," Lavrov vouchsafed.')
    assert [a.cue.text for a in doc._.attributions] == ["vouchsafed"]


def test_description_resolves_to_earlier_speaker_with_the_same_head(parsed):
    found = run(parsed, "Foreign Minister Ilsa Varga spoke first. According to a senior EU official, the sides "
                        "will meet again. The official said the talks could end within weeks.")
    said = [a for a in found if a["cue"] == "said"]
    assert said and said[0]["speaker"] == "The official"
    assert said[0]["resolved"].endswith("EU official")


def test_relative_clause_after_the_object_is_not_the_content(parsed):
    found = run(parsed, "The E3 group of France, Germany and the United Kingdom urged Iran to restore cooperation "
                        "with the International Atomic Energy Agency (IAEA), whose inspectors have had limited "
                        "access since February.")
    urged = [a for a in found if a["cue"] == "urged"]
    assert urged and urged[0]["content"].startswith("Iran to restore cooperation")


def test_institution_speaker_is_not_split_into_role_and_name(parsed):
    found = run(parsed, "The U.S. State Department expressed cautious optimism about the talks.")
    expressed = [a for a in found if a["cue"] == "expressed"]
    assert expressed and expressed[0]["resolved"] == "U.S. State Department"


def test_word_lists_come_from_the_validated_data_file():
    from spacy_diplomacy.attribution import lexicon
    from spacy_diplomacy.pattern_files import read_pattern_file

    path = CUES.parent / lexicon.WORDS_FILE
    records = read_pattern_file(path)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) and all(r["label"] == "WORD_LIST" for r in records)
    assert lexicon.load_word_lists()["titles"] == lexicon.TITLES
    assert lexicon.PRONOUNS["she"] == "f" and lexicon.GENDER_WORDS["his"] == "m"
    sources = (CUES.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{i}`" in sources for i in ids)
