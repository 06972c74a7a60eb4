"""What a spaCy user expects of a component: the tokenizer left alone, extensions
that coexist with other libraries', SpanRuler's serialization model, factory
metadata, overwrite, the no-pattern warning and spaCy's error handler."""
import subprocess
import sys
import textwrap

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example

import spacy_diplomacy.component as component_module
import spacy_diplomacy.pattern_checks as pattern_checks
import spacy_diplomacy.pattern_files as pattern_files
from spacy_diplomacy import register_extensions, to_record

from conftest import trained_english_pipeline_name

GLUED = "Envoys backed the U.S.-led plan and the U.S./Japan working group met in Geneva."
YONDER = {"label": "TREATY", "pattern": "Yonder Compact", "id": "yonder", "name": "Yonder Compact"}


def tokens(nlp, text):
    return [t.text for t in nlp.make_doc(text)]


def test_tokenizer_is_untouched_on_a_trained_pipeline(tmp_path):
    name = trained_english_pipeline_name()
    if name is None:
        pytest.skip("no trained English pipeline installed")
    nlp = spacy.load(name)
    before = tokens(nlp, GLUED)
    nlp.add_pipe("diplomacy")
    assert tokens(nlp, GLUED) == before
    doc = nlp(GLUED)
    nlp.to_disk(tmp_path / "saved")
    nlp.remove_pipe("diplomacy")
    assert tokens(nlp, GLUED) == before
    assert tokens(spacy.load(tmp_path / "saved"), GLUED) == before
    # "U.S." is still found inside the glued tokens, with its own character offsets
    found = [(a["text"], a["start"], a["long_form"]) for a in to_record(doc)["acronyms"]]
    assert ("U.S.", GLUED.index("U.S.-led"), "United States") in found
    assert ("U.S.", GLUED.index("U.S./Japan"), "United States") in found


def test_glued_acronyms_on_blank_and_the_opt_in_tokenizer_change():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    assert "U.S.-led" in tokens(nlp, GLUED)
    assert [a["text"] for a in to_record(nlp(GLUED))["acronyms"]] == ["U.S.", "U.S."]
    split = spacy.blank("en")
    split.add_pipe("diplomacy", config={"split_glued_acronyms": True})
    assert "U.S." in tokens(split, GLUED) and "U.S.-led" not in tokens(split, GLUED)
    assert [a["text"] for a in to_record(split(GLUED))["acronyms"]] == ["U.S.", "U.S."]


def test_glued_acronym_is_not_written_to_ents():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"annotate_ents": True})
    assert [e.text for e in nlp(GLUED).ents] == []


def test_extension_of_another_library_stays_intact():
    Span.set_extension("members", default="theirs", force=True)
    try:
        nlp = spacy.blank("en")
        with pytest.raises(ValueError, match=r"Span\._\.members .*extension_prefix"):
            nlp.add_pipe("diplomacy")
        assert Span.get_extension("members")[0] == "theirs"
        nlp.add_pipe("diplomacy", config={"extension_prefix": "dip_"})
        doc = nlp("Iran met the P5+1 and the IAEA.")
        group = doc._.dip_groups[0]
        assert group._.members == "theirs"
        assert set(group._.dip_members) == {"CN", "FR", "RU", "GB", "US", "DE"}
        assert Span.get_extension("members")[0] == "theirs"
    finally:
        Span.remove_extension("members")
        register_extensions()


def test_extension_clobbered_after_creation_is_an_error_not_a_silent_disagreement():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    Span.set_extension("long_form", default=None, force=True)
    try:
        with pytest.raises(ValueError, match=r"Span\._\.long_form was registered again"):
            nlp("The IAEA met.")
    finally:
        Span.remove_extension("long_form")
        register_extensions()
    assert nlp("The IAEA met.")._.acronyms[0]._.long_form == "International Atomic Energy Agency"


def test_saved_pipeline_loads_after_its_pattern_file_is_gone(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"label": "TREATY", "pattern": "Zorblax Accord", "id": "zorblax", "name": "Zorblax Accord"}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([path])
    nlp.to_disk(tmp_path / "saved")
    path.unlink()
    loaded = spacy.load(tmp_path / "saved")
    assert [s.id_ for s in loaded("They signed the Zorblax Accord.")._.treaties] == ["zorblax"]


def test_initialize_patterns_from_a_file_through_the_registered_reader(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"label": "TREATY", "pattern": "Zorblax Accord", "id": "zorblax", "name": "Zorblax Accord"}\n')
    config = {
        "nlp": {"lang": "en", "pipeline": ["diplomacy"]},
        "components": {"diplomacy": {"factory": "diplomacy"}},
        "initialize": {"components": {"diplomacy": {"patterns": {"@readers": "spacy_diplomacy.read_patterns.v1", "path": str(path)}}}},
    }
    nlp = spacy.util.load_model_from_config(spacy.util.load_config_from_str(spacy.Config(config).to_str()), auto_fill=True)
    nlp.initialize()
    assert [s.id_ for s in nlp("The Zorblax Accord holds.")._.treaties] == ["zorblax"]
    nlp.to_disk(tmp_path / "saved")
    path.unlink()
    assert [s.id_ for s in spacy.load(tmp_path / "saved")("The Zorblax Accord holds.")._.treaties] == ["zorblax"]


def test_initialize_twice_gives_the_same_patterns():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("diplomacy")
    pipe.initialize(lambda: [], patterns=[YONDER])
    count = len(pipe.patterns)
    pipe.initialize(lambda: [], patterns=[YONDER])
    assert len(pipe.patterns) == count == len(pattern_files.load_patterns()) + 1


def test_matchers_are_built_once_per_load(tmp_path, monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    nlp.to_disk(tmp_path / "saved")
    built = []
    original = component_module.Gazetteer
    monkeypatch.setattr(component_module, "Gazetteer", lambda *a, **k: built.append(1) or original(*a, **k))
    loaded = spacy.load(tmp_path / "saved")
    loaded("The IAEA met.")
    loaded("The NPT holds.")
    assert len(built) == 1


def test_exclude_and_cfg_round_trip(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"spans_key": "dip", "attributions": False}).add_patterns([YONDER])
    data = nlp.get_pipe("diplomacy").to_bytes()
    other = spacy.blank("en").add_pipe("diplomacy")
    other.from_bytes(data, exclude=["patterns"])
    assert other.cfg["spans_key"] == "dip" and other.cfg["attributions"] is False
    assert all(p["id"] != "yonder" for p in other.patterns)
    other = spacy.blank("en").add_pipe("diplomacy")
    other.from_bytes(data, exclude=["cfg"])
    assert other.cfg["spans_key"] == "diplomacy" and any(p["id"] == "yonder" for p in other.patterns)
    nlp.get_pipe("diplomacy").to_disk(tmp_path / "pipe", exclude=["patterns"])
    assert not (tmp_path / "pipe" / "patterns.jsonl").exists() and (tmp_path / "pipe" / "cfg").exists()
    fresh = spacy.blank("en").add_pipe("diplomacy")
    fresh.from_disk(tmp_path / "pipe", exclude=["patterns"])
    assert fresh.key == "dip" and not any(p["id"] == "yonder" for p in fresh.patterns)


def test_validate_false_skips_the_token_pattern_schema(monkeypatch):
    calls = []
    original = pattern_checks.validate_token_pattern
    monkeypatch.setattr(pattern_checks, "validate_token_pattern", lambda p: calls.append(p) or original(p))
    record = {"label": "TREATY", "pattern": [{"LOWER": "yonder"}, {"LOWER": "compact"}], "id": "yonder", "name": "Yonder Compact"}
    spacy.blank("en").add_pipe("diplomacy", config={"validate": False}).add_patterns([record])
    assert calls == []
    spacy.blank("en").add_pipe("diplomacy", config={"validate": True}).add_patterns([record])
    assert calls


def test_factory_metadata_and_scorer():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    meta = nlp.get_pipe_meta("diplomacy")
    assert set(meta.assigns) == {"doc.spans", "doc.ents"}
    assert meta.default_score_weights["spans_diplomacy_f"] == 1.0
    assert nlp.config["components"]["diplomacy"]["scorer"] == {"@scorers": "spacy_diplomacy.spans_scorer.v1"}
    text = "The JCPOA and the IAEA."
    scores = nlp.evaluate([Example(nlp.make_doc(text), nlp(text))])
    assert scores["spans_diplomacy_f"] == 1.0


def test_overwrite_false_keeps_existing_spans_and_entities():
    text = "The IAEA inspected the site under the JCPOA."
    for overwrite, kept in ((True, False), (False, True)):
        nlp = spacy.blank("en")
        nlp.add_pipe("diplomacy", config={"overwrite": overwrite, "annotate_ents": True, "attributions": False})
        doc = nlp.make_doc(text)
        doc.spans["diplomacy"] = [Span(doc, 0, 1, label="MINE")]
        doc.ents = [Span(doc, 1, 2, label="PERSON")]
        doc = nlp.get_pipe("diplomacy")(doc)
        assert ("MINE" in [s.label_ for s in doc.spans["diplomacy"]]) is kept
        assert [(e.text, e.label_) for e in doc.ents][0] == (("IAEA", "PERSON") if kept else ("IAEA", "ORG"))
        assert [s.text for s in doc._.treaties] == ["JCPOA"]


def test_no_patterns_warns():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"use_bundled_patterns": False})
    with pytest.warns(UserWarning, match="no name patterns"):
        nlp("The IAEA met.")


def test_errors_go_through_spacys_error_handler(monkeypatch):
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("diplomacy")
    nlp("warm up")
    monkeypatch.setattr(pipe, "gazetteer", lambda doc: 1 / 0 if "boom" in doc.text else [])
    failed = []
    nlp.set_error_handler(lambda name, proc, docs, e: failed.append((name, docs[0].text)))
    done = [doc.text for doc in nlp.pipe(["fine", "boom", "also fine"])]
    assert done == ["fine", "also fine"] and failed == [("diplomacy", "boom")]


def test_package_imports_and_runs_from_the_checkout_root():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = "import spacy_diplomacy, spacy; print(spacy_diplomacy.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert out.strip().startswith(str(root / "spacy_diplomacy"))
    info = subprocess.run([sys.executable, "-m", "spacy_diplomacy", "info"], cwd=root, capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
