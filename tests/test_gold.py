"""Accuracy floors on the development gold sets (skipped where ../shared is absent).

These guard against regressions; the figures themselves are in the README and
benchmarks/. Offsets follow ../shared/eval/GUIDELINES.md."""

from spacy_diplomacy import to_record
from spacy_diplomacy.evaluation import load_records, score_records


def figures(nlp, gold_path):
    gold = load_records(gold_path)
    ids = list(gold)
    pred = {}
    for doc_id, doc in zip(ids, nlp.pipe(gold[i]["text"] for i in ids)):
        pred[doc_id] = {"id": doc_id, **to_record(doc)}
    return score_records(gold, pred)


def test_seed_names_on_a_blank_pipeline(blank_nlp, shared_dir):
    result = figures(blank_nlp, shared_dir / "eval" / "seed_gold.jsonl")
    for key in ("treaty_f1", "acronym_f1", "expansion_acc", "members_acc"):
        assert result[key] == 1.0, (key, result[key])


def test_news_dev_names_on_a_blank_pipeline(blank_nlp, shared_dir):
    result = figures(blank_nlp, shared_dir / "eval" / "news_dev_gold.jsonl")
    assert result["treaty_f1"] >= 0.90
    assert result["acronym_f1"] >= 0.95
    assert result["expansion_acc"] >= 0.93
