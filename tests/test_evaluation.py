"""The metrics of spacy_diplomacy.evaluation: hand-made records, and agreement
with the reference scorer ../shared/eval/score.py where it exists."""
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from spacy_diplomacy.evaluation import (
    load_records,
    normalize_long_form,
    precision_recall_f1,
    score_records,
    speaker_right,
    summary_line,
    token_f1,
)

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
SCORER = EVAL_DIR / "score.py"
GOLD_FILES = [EVAL_DIR / "seed_gold.jsonl", EVAL_DIR / "news_dev_gold.jsonl"]

TEXT = "Lavrov said the NPT and the IAEA matter. The P5+1 met, Zarif told reporters."


def span(text, word, occurrence=0, **extra):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return {"start": start, "end": start + len(word), "text": word, **extra}


def doc(**fields):
    return {"id": "d", "text": TEXT, "treaties": [], "acronyms": [], "attributions": [], **fields}


def test_precision_recall_f1_edge_cases():
    assert precision_recall_f1(0, 0, 0) == (1.0, 1.0, 1.0)
    assert precision_recall_f1(0, 0, 3) == (0.0, 0.0, 0.0)
    assert precision_recall_f1(0, 2, 0) == (0.0, 1.0, 0.0)
    p, r, f = precision_recall_f1(1, 2, 4)
    assert (p, r) == (0.5, 0.25) and f == pytest.approx(1 / 3)


def test_treaties_exact_span_match():
    gold = {"d": doc(treaties=[span(TEXT, "NPT")])}
    pred = {"d": doc(treaties=[span(TEXT, "NPT"), span(TEXT, "IAEA")])}
    figures = score_records(gold, pred)
    assert (figures["treaty_p"], figures["treaty_r"]) == (0.5, 1.0)
    shifted = {"d": doc(treaties=[{"start": 16, "end": 20}])}  # "NPT " is not "NPT"
    assert score_records(gold, shifted)["treaty_r"] == 0.0


def test_acronym_expansion_and_members():
    gold_acronyms = [
        span(TEXT, "NPT", long_form="Non-Proliferation Treaty"),
        span(TEXT, "IAEA", long_form=["International Atomic Energy Agency", "Atomic Energy Agency"]),
        span(TEXT, "P5+1", members=["CN", "FR", "RU", "GB", "US", "DE"]),
    ]
    pred_acronyms = [
        span(TEXT, "NPT", long_form="non proliferation  treaty"),  # case, space and hyphen-insensitive
        span(TEXT, "IAEA", long_form=["Atomic Energy Agency", "x"]),  # a predicted list counts by its first item
        span(TEXT, "P5+1", members=["de", "us", "gb", "ru", "fr", "cn"]),
    ]
    figures = score_records({"d": doc(acronyms=gold_acronyms)}, {"d": doc(acronyms=pred_acronyms)})
    assert figures["acronym_f1"] == 1.0
    assert figures["expansion_acc"] == 1.0 and figures["counts"]["exp_n"] == 2
    assert figures["members_acc"] == 1.0 and figures["counts"]["mem_n"] == 1

    pred_acronyms[0]["long_form"] = "Nuclear Treaty"
    pred_acronyms[2]["members"] = ["CN", "FR", "RU", "GB", "DE"]
    figures = score_records({"d": doc(acronyms=gold_acronyms)}, {"d": doc(acronyms=pred_acronyms)})
    assert figures["expansion_acc"] == 0.5
    assert figures["members_acc"] == 0.0


def test_missing_acronym_counts_against_expansion():
    gold = {"d": doc(acronyms=[span(TEXT, "NPT", long_form="Non-Proliferation Treaty")])}
    figures = score_records(gold, {"d": doc()})
    assert figures["expansion_acc"] == 0.0 and figures["acronym_r"] == 0.0


def attribution(cue, speaker=None, content=None, resolved=None):
    return {
        "cue": cue,
        "speaker": speaker,
        "speaker_resolved": resolved,
        "content": content,
    }


def test_cues_overlap_one_to_one():
    said = span(TEXT, "said")
    gold = {"d": doc(attributions=[attribution(said)])}
    partial = {"start": said["start"] + 2, "end": said["end"] + 3}
    pred = {"d": doc(attributions=[attribution(partial), attribution(said)])}
    figures = score_records(gold, pred)
    assert figures["counts"]["cue_tp"] == 1
    assert (figures["cue_p"], figures["cue_r"]) == (0.5, 1.0)


def test_attribution_needs_speaker_and_content():
    said, told = span(TEXT, "said"), span(TEXT, "told")
    content = span(TEXT, "the NPT and the IAEA matter")
    gold = {"d": doc(attributions=[attribution(said, span(TEXT, "Lavrov"), content)])}

    right = attribution(said, span(TEXT, "Lavrov"), span(TEXT, "NPT and the IAEA matter"))
    assert score_records(gold, {"d": doc(attributions=[right])})["attribution_f1"] == 1.0

    wrong_speaker = attribution(said, span(TEXT, "Zarif"), content)
    assert score_records(gold, {"d": doc(attributions=[wrong_speaker])})["attribution_f1"] == 0.0

    poor_content = attribution(said, span(TEXT, "Lavrov"), span(TEXT, "matter"))
    assert token_f1(TEXT, (content["start"], content["end"]), (poor_content["content"]["start"], poor_content["content"]["end"])) < 0.5
    assert score_records(gold, {"d": doc(attributions=[poor_content])})["attribution_f1"] == 0.0

    extra_cue = attribution(told, span(TEXT, "Zarif"), None)
    figures = score_records(gold, {"d": doc(attributions=[right, extra_cue])})
    assert (figures["attribution_p"], figures["attribution_r"]) == (0.5, 1.0)


def test_speaker_rules():
    text = "He said it. Foreign Minister Sergei Lavrov spoke."
    gold = {"speaker": span(text, "He"), "speaker_resolved": {"start": 29, "end": 42, "text": "Sergei Lavrov"}}
    assert speaker_right(gold, {"speaker": span(text, "He")})
    assert speaker_right(gold, {"speaker": None, "speaker_resolved": {"start": 36, "end": 42, "text": "Lavrov"}})
    assert not speaker_right(gold, {"speaker": span(text, "it")})
    assert speaker_right({"speaker": None}, {"speaker": None, "speaker_resolved": None})
    assert not speaker_right({"speaker": None}, {"speaker": span(text, "He")})


def test_token_f1_counts_words():
    text = "one two three four"
    assert token_f1(text, (0, 13), (4, 18)) == pytest.approx(2 / 3)
    assert token_f1(text, None, None) == 1.0
    assert token_f1(text, (0, 3), None) == 0.0


def test_missing_documents_and_empty_predictions():
    gold = {"a": doc(id="a"), "b": doc(id="b", treaties=[span(TEXT, "NPT")])}
    figures = score_records(gold, {"a": doc(id="a")})
    assert figures["missing_docs"] == 1
    assert figures["treaty_p"] == 0.0 and figures["treaty_r"] == 0.0
    nothing = score_records({"a": doc(id="a")}, {"a": doc(id="a")})
    assert nothing["treaty_p"] == 1.0 and nothing["cue_r"] == 1.0


def test_normalize_long_form():
    assert normalize_long_form("Non‐Proliferation  Treaty") == normalize_long_form("non proliferation treaty")


def test_load_records_reports_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x"}\n\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:3: invalid JSON"):
        load_records(path)
    path.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    assert list(load_records(path)) == ["1"]


def perturbed_predictions(gold, seed):
    """Predictions that differ from the gold in every way the metrics look at."""
    rng = random.Random(seed)
    predictions = []
    for record in gold.values():
        pred = json.loads(json.dumps(record))
        pred["treaties"] = [t for t in pred.get("treaties", []) if rng.random() > 0.2]
        for treaty in pred["treaties"]:
            if rng.random() < 0.1:
                treaty["end"] += 1
        pred["acronyms"] = [a for a in pred.get("acronyms", []) if rng.random() > 0.1]
        for acronym in pred["acronyms"]:
            if rng.random() < 0.3:
                acronym["long_form"] = rng.choice([None, "something else", acronym.get("long_form")])
            if rng.random() < 0.3:
                acronym["members"] = acronym.get("members", [])[:-1]
        attributions = []
        for att in pred.get("attributions", []):
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.3 and att.get("content"):
                att["content"]["end"] = att["content"]["start"] + 3
            elif roll < 0.45:
                att["speaker"] = None
                att["speaker_resolved"] = None
            attributions.append(att)
            if rng.random() < 0.1:
                attributions.append({"cue": att["cue"], "speaker": None, "content": None})
        pred["attributions"] = attributions
        predictions.append(pred)
    return predictions[: max(1, len(predictions) - 1)]  # one missing document (when there are several)


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not there")
@pytest.mark.parametrize("gold_path", [p for p in GOLD_FILES if p.is_file()], ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [0, 1])
def test_same_figures_as_reference_scorer(tmp_path, gold_path, seed):
    gold = load_records(gold_path)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in perturbed_predictions(gold, seed)), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(pred_path), "--json"], capture_output=True, text=True
    )
    reference_json, _, reference_summary = completed.stdout.rpartition("\n}\n")
    reference = json.loads(reference_json + "\n}")
    ours = score_records(gold, load_records(pred_path))
    assert ours == reference
    assert summary_line(ours) in completed.stdout
