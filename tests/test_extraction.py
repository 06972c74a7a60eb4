"""The library behind ``extract``: size-bounded batches, workers returning JSON
lines in input order, and user pattern files added to the loaded pipeline."""
import json

import pytest
import spacy

from spacy_diplomacy.documents import SkippedInputs, UserError
from spacy_diplomacy.extraction import PipelineSpec, batches, extracted_lines
from spacy_diplomacy.pipelines import load_pipeline

TEXTS = ["The NPT held. " * n for n in (1, 40, 2, 3, 90, 1, 1, 5)]


def documents(texts=TEXTS):
    return [(text, (f"d{i}", {"text": text, "source": "test"})) for i, text in enumerate(texts)]


def test_batches_end_at_a_size_in_characters_or_a_count():
    sizes = [[len(text) for text, _ in batch] for batch in batches(documents(), max_chars=600, max_docs=3)]
    # a batch ends at the document that brings it to 600 characters, or at the third document
    assert sizes == [[14, 560, 28], [42, 1260], [14, 14, 70]]


@pytest.mark.parametrize("n_process", [1, 2])
def test_lines_in_input_order_and_long_texts_reported(n_process, capsys):
    skipped = SkippedInputs()
    spec = PipelineSpec("blank:en", max_length=1000)
    lines = list(extracted_lines(spec, documents(), skipped, n_process=n_process, max_chars=100, max_docs=2))
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "d3", "d5", "d6", "d7"]
    assert records[0]["text"] == TEXTS[0] and records[0]["source"] == "test"
    assert [len(r["treaties"]) for r in records] == [1, 40, 2, 3, 1, 1, 5]
    assert skipped.count == 1
    assert "document d4: text of 1260 characters is longer than the limit of 1000" in capsys.readouterr().err


def test_a_pipeline_that_cannot_load_is_one_error_in_two_processes(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "GROUP", "id": "X"}\n', encoding="utf-8")
    spec = PipelineSpec("blank:en", patterns=(str(bad),))
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        list(extracted_lines(spec, documents(), SkippedInputs(), n_process=2))
    with pytest.raises(UserError, match="no_such_model"):
        list(extracted_lines(PipelineSpec("no_such_model"), documents(), SkippedInputs(), n_process=2))


def test_user_pattern_files_are_added_to_the_pipeline_not_named_in_its_config(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"label": "GROUP", "id": "ZQ", "name": "Zorblax Quartet", "pattern": "Zorblax Quartet", "members": ["FR", "DE"]}) + "\n", encoding="utf-8")
    nlp = load_pipeline("blank:en", [mine], no_bundled=True)
    assert "mine.jsonl" not in nlp.config.to_str()
    nlp.to_disk(tmp_path / "pipeline")
    mine.unlink()
    doc = spacy.load(tmp_path / "pipeline")("The Zorblax Quartet met.")
    assert [s.text for s in doc.spans["diplomacy"] if s.label_ == "GROUP"] == ["Zorblax Quartet"]


def test_no_bundled_on_a_saved_pipeline_keeps_only_the_user_files(tmp_path):
    saved = spacy.blank("en")
    saved.add_pipe("diplomacy")
    saved.to_disk(tmp_path / "saved")
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"label": "TREATY", "pattern": "Zorblax Accord", "id": "zorblax"}\n', encoding="utf-8")
    nlp = load_pipeline(str(tmp_path / "saved"), [mine], no_bundled=True)
    assert [p["id"] for p in nlp.get_pipe("diplomacy").patterns] == ["zorblax"]
    doc = nlp("The IAEA welcomed the Zorblax Accord.")
    assert [s.id_ for s in doc._.treaties] == ["zorblax"] and doc._.acronyms == ()
