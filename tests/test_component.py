"""The component as spaCy users meet it: factory, config, serialization, multiprocessing, DocBin, scoring."""
import json
import subprocess
import sys
import textwrap

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Example

from spacy_diplomacy import to_record

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov said the Iranian nuclear deal must be saved. "
    '"We will defend the JCPOA," Lavrov told reporters. The P5+1 and the IAEA were briefed.',
    "Iran wants to work in the 4+1 format. Zarif added that the U.S. had left the agreement.",
    "The Zorblax Trade Organisation (ZTO) welcomed the New START extension. The ZTO said so.",
    "",
    "   \n\n  ",
]


def records(docs):
    return [to_record(doc) for doc in docs]


def test_add_pipe_without_import_in_fresh_interpreter():
    code = textwrap.dedent(
        """
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("diplomacy")
        doc = nlp("The P5+1 met to discuss the JCPOA.")
        print([s.text for s in doc._.acronyms])
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['P5+1', 'JCPOA']"


def test_config_defaults_and_custom_key():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"spans_key": "dipl"})
    doc = nlp("The IAEA inspected the site.")
    assert "dipl" in doc.spans and "diplomacy" not in doc.spans
    assert [s.text for s in doc._.acronyms] == ["IAEA"]
    assert nlp.config["components"]["diplomacy"]["treaties"] is True


@pytest.mark.parametrize(
    "config,message",
    [
        ({"spans_key": 3}, "spans_key"),
        ({"treaties": "yes please"}, "treaties"),
        ({"no_such_key": True}, "no_such_key"),
        ({"patterns": ["mine.jsonl"]}, "patterns"),
        ({"extension_prefix": "not an identifier"}, "extension_prefix"),
    ],
)
def test_config_errors_are_clear(config, message):
    nlp = spacy.blank("en")
    with pytest.raises(Exception) as err:
        nlp.add_pipe("diplomacy", config=config)
    assert message in str(err.value)


def test_switches_turn_stages_off():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"treaties": False, "attributions": False})
    doc = nlp("The JCPOA and the IAEA, Lavrov said.")
    assert doc._.treaties == () and doc._.attributions == ()
    assert [s.text for s in doc._.acronyms] == ["JCPOA", "IAEA"]


def test_malformed_pattern_file_names_file_line_and_problem(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"label": "TREATY", "pattern": "Good Accord", "id": "good", "name": "Good Accord"}\n'
        "{not json\n"
        '{"label": "TREATY", "pattern": "X Pact"}\n'
        '{"label": "ACRONYM", "pattern": [{"FOO": "bar"}], "id": "FB", "long_form": "Foo Bar", "type": "ORG"}\n'
    )
    nlp = spacy.blank("en")
    with pytest.raises(Exception) as err:
        nlp.add_pipe("diplomacy").add_pattern_files([path])
    message = str(err.value)
    assert f"{path}:2: invalid JSON" in message
    assert f"{path}:3: missing field 'id'" in message
    assert f"{path}:4: field 'pattern'" in message


def test_missing_pattern_file_is_a_clear_error(tmp_path):
    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="cannot read pattern file"):
        nlp.add_pipe("diplomacy").add_pattern_files([tmp_path / "nope.jsonl"])


def test_user_file_can_remove_a_bundled_record(tmp_path):
    path = tmp_path / "remove.jsonl"
    path.write_text('{"label": "ACRONYM", "id": "IAEA", "remove": true}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([path])
    assert [s.text for s in nlp("The IAEA and the UN.")._.acronyms] == ["UN"]


def test_use_bundled_patterns_false_keeps_only_user_patterns(tmp_path):
    path = tmp_path / "only.jsonl"
    path.write_text('{"label": "TREATY", "pattern": "Zed Pact", "id": "zed", "name": "Zed Pact"}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"use_bundled_patterns": False}).add_pattern_files([path])
    doc = nlp("The Zed Pact and the JCPOA and the IAEA.")
    assert [s.text for s in doc._.treaties] == ["Zed Pact"]
    assert doc._.acronyms == ()


def test_initialize_adds_patterns():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    nlp.initialize(lambda: [], **{})
    nlp.get_pipe("diplomacy").initialize(
        lambda: [], patterns=[{"label": "TREATY", "pattern": "Yonder Compact", "id": "yonder", "name": "Yonder Compact"}]
    )
    assert [s.text for s in nlp("The Yonder Compact holds.")._.treaties] == ["Yonder Compact"]


def test_to_disk_and_spacy_load_in_fresh_process(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"spans_key": "d2", "annotate_ents": True})
    nlp.get_pipe("diplomacy").add_patterns(
        [{"label": "TREATY", "pattern": "Yonder Compact", "id": "yonder", "name": "Yonder Compact"}]
    )
    text = "The Yonder Compact and the JCPOA were discussed by the P5+1 and the IAEA."
    expected = to_record(nlp(text))
    nlp.to_disk(tmp_path / "pipeline")
    code = textwrap.dedent(
        f"""
        import json, spacy
        from spacy_diplomacy import to_record
        nlp = spacy.load({str(tmp_path / "pipeline")!r})
        print(json.dumps(to_record(nlp({text!r}))))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == expected
    assert any(r["id"] == "yonder" for r in expected["treaties"])


def test_to_bytes_round_trip():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("diplomacy")
    ruler.add_patterns([{"label": "TREATY", "pattern": "Yonder Compact", "id": "yonder", "name": "Yonder Compact"}])
    data = nlp.to_bytes()
    other = spacy.blank("en")
    other.add_pipe("diplomacy")
    other.from_bytes(data)
    text = "The Yonder Compact and the JCPOA."
    assert to_record(other(text)) == to_record(nlp(text))


def test_n_process_2_gives_the_same_results(blank_nlp):
    single = records(blank_nlp.pipe(TEXTS))
    multi = records(blank_nlp.pipe(TEXTS, n_process=2, batch_size=2))
    assert multi == single
    assert single[0]["treaties"] and single[0]["acronyms"]


def test_docbin_round_trip_keeps_every_extension(blank_nlp):
    docs = list(blank_nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin(store_user_data=True).from_bytes(data).get_docs(blank_nlp.vocab))
    assert records(restored) == records(docs)
    fresh_vocab = spacy.blank("en").vocab
    restored = list(DocBin(store_user_data=True).from_bytes(data).get_docs(fresh_vocab))
    assert records(restored) == records(docs)
    assert [s._.long_form for s in restored[0]._.acronyms] == [s._.long_form for s in docs[0]._.acronyms]


def test_no_span_objects_in_user_data(blank_nlp):
    doc = blank_nlp(TEXTS[0])
    assert doc.user_data == {} or all(not hasattr(v, "doc") for v in doc.user_data.values())
    json.dumps(doc.spans["diplomacy"].attrs)  # JSON-safe


def test_annotate_ents_replaces_conflicting_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "DATE", "pattern": [{"ORTH": "4"}, {"ORTH": "+"}, {"ORTH": "1"}]}])
    nlp.add_pipe("diplomacy", config={"annotate_ents": True})
    doc = nlp("Iran will work with the 4 + 1 format on the JCPOA with the IAEA.")
    assert [(e.text, e.label_) for e in doc.ents] == [("4 + 1", "GROUP"), ("JCPOA", "TREATY"), ("IAEA", "ORG")]


def test_scorer_reports_per_label_figures(blank_nlp):
    text = "The JCPOA and the IAEA."
    predicted = blank_nlp.make_doc(text)
    reference = blank_nlp(text)
    example = Example(predicted, reference)
    scores = blank_nlp.evaluate([example])
    assert scores["spans_diplomacy_f"] == 1.0
    assert set(scores["spans_diplomacy_per_type"]) >= {"TREATY", "ACRONYM"}


def test_example_config_assembles_with_initialize_patterns(tmp_path):
    from pathlib import Path

    from spacy.util import load_config, load_model_from_config

    config = load_config(Path(__file__).parents[1] / "examples" / "config.cfg")
    nlp = load_model_from_config(config, auto_fill=True)
    nlp.initialize()
    doc = nlp("Both sides signed the Zorblax Accord and the INF treaty.")
    assert [(s.text, s.id_) for s in doc._.treaties] == [("Zorblax Accord", "ZORBLAX"), ("INF treaty", "INF")]
    nlp.to_disk(tmp_path / "assembled")
    reloaded = spacy.load(tmp_path / "assembled")
    assert to_record(reloaded(doc.text)) == to_record(doc)
