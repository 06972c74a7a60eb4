"""Metrics of ``../shared/eval/GUIDELINES.md`` section 4, over gold and predicted records.

Records follow the schema of :func:`spacy_diplomacy.to_record` plus ``id`` and
``text`` (character offsets, end exclusive). ``score_records(gold, pred)``
returns the figures under the same keys as the reference scorer:

- treaty: exact span match; precision, recall, F1.
- acronym: exact span match; ``expansion_acc`` over gold acronyms with a
  long_form (case, space and hyphen-insensitive; a gold list gives accepted
  alternatives, a predicted list counts by its first item); ``members_acc``
  over gold acronyms with members (set equality, case-insensitive).
- cue: attribution cues, overlap match, one to one (each gold cue takes the
  first unused overlapping prediction).
- attribution: cue matched AND speaker right AND content token-F1 >= 0.5.
  Attribution precision divides by the number of predicted cues.
"""
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple, Union

from .documents import jsonl_values

Span = Tuple[int, int]
Record = Dict[str, Any]

SUMMARY_KEYS = ("treaty_f1", "acronym_f1", "expansion_acc", "members_acc", "cue_f1", "attribution_f1")
WORD = re.compile(r"\w+")
SPACE_OR_HYPHEN = re.compile(r"[\s\-‐–—]+")
CONTENT_MIN_F1 = 0.5
GOLD_FIELDS = ("treaties", "acronyms", "attributions")


class RecordFileError(ValueError):
    """A record file line is not a JSON object with an id; the message names file and line."""


def load_records(path: Union[str, Path]) -> Dict[str, Record]:
    """Records of a JSONL file by their ``id`` (as a string); blank lines are skipped."""

    def fail(where: str, message: str) -> None:
        raise RecordFileError(f"{where}: {message}")

    records: Dict[str, Record] = {}
    with open(path, "rb") as lines:
        for where, record in jsonl_values(lines, str(path), fail):
            if not isinstance(record, dict) or "id" not in record:
                fail(where, "expected a JSON object with an 'id'")
            records[str(record["id"])] = record
    return records


def check_gold(records: Dict[str, Record], name: str) -> None:
    """A RecordFileError unless there are gold records and each has a text and
    every gold field (a missing field would score as a perfect recall)."""
    if not records:
        raise RecordFileError(f"{name}: no gold documents")
    for doc_id, record in records.items():
        if not isinstance(record.get("text"), str):
            raise RecordFileError(f"{name}: record {doc_id!r} has no string 'text'")
        missing = [key for key in GOLD_FIELDS if not isinstance(record.get(key), list)]
        if missing:
            raise RecordFileError(f"{name}: record {doc_id!r} has no gold {', '.join(missing)} (a list, empty when there are none)")


def precision_recall_f1(true_positives: int, predicted: int, gold: int) -> Tuple[float, float, float]:
    """P, R, F1; an empty prediction is precise only when there is nothing to find."""
    precision = true_positives / predicted if predicted else (0.0 if gold else 1.0)
    recall = true_positives / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def offsets(item: Optional[Dict[str, Any]]) -> Optional[Span]:
    """``(start, end)`` of a span dict, or None when it is missing or incomplete."""
    if not item or item.get("start") is None or item.get("end") is None:
        return None
    return int(item["start"]), int(item["end"])


def overlaps(a: Optional[Span], b: Optional[Span]) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def normalize_long_form(text: Optional[str]) -> str:
    """Lower-case, with runs of spaces and hyphens as one space."""
    return SPACE_OR_HYPHEN.sub(" ", (text or "").lower()).strip()


def word_starts(text: str, span: Optional[Span]) -> Set[int]:
    """Character offsets of the words (``\\w+``) inside a span."""
    if span is None:
        return set()
    return {span[0] + match.start() for match in WORD.finditer(text[span[0] : span[1]])}


def token_f1(text: str, gold: Optional[Span], pred: Optional[Span]) -> float:
    """Word-overlap F1 of two spans of the same text; two empty spans agree."""
    gold_words, pred_words = word_starts(text, gold), word_starts(text, pred)
    if not gold_words and not pred_words:
        return 1.0
    shared = len(gold_words & pred_words)
    if not shared:
        return 0.0
    precision, recall = shared / len(pred_words), shared / len(gold_words)
    return 2 * precision * recall / (precision + recall)


def speaker_right(gold: Record, pred: Record) -> bool:
    """The predicted speaker (or resolved speaker) overlaps the gold speaker, or names
    the last word of the gold resolved name; no gold speaker needs no predicted one."""
    gold_span = offsets(gold.get("speaker"))
    predicted = [pred.get("speaker"), pred.get("speaker_resolved")]
    if gold_span is None:
        return all(offsets(p) is None for p in predicted)
    if any(overlaps(gold_span, offsets(p)) for p in predicted):
        return True
    resolved = gold.get("speaker_resolved") or {}
    if not resolved.get("text"):
        return False
    last_word = resolved["text"].split()[-1].lower()
    return any(p and p.get("text") and last_word in p["text"].lower().split() for p in predicted)


def _first_long_form(value: Any) -> Optional[str]:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _accepted_long_forms(value: Any) -> Set[str]:
    return {normalize_long_form(v) for v in (value if isinstance(value, list) else [value])}


def _spans(items: Optional[Iterable[Record]]) -> Dict[Optional[Span], Record]:
    """Items by offsets (a later item at the same offsets replaces an earlier one)."""
    return {offsets(item): item for item in items or []}


def empty_counts() -> Dict[str, int]:
    names = (
        "treaty_tp treaty_pred treaty_gold acr_tp acr_pred acr_gold exp_ok exp_n mem_ok mem_n "
        "cue_tp cue_pred cue_gold att_tp missing_docs"
    )
    return {name: 0 for name in names.split()}


def count_document(gold: Record, pred: Record, counts: Dict[str, int]) -> None:
    """Add one document's matches to the counts."""
    text = gold["text"]
    gold_treaties, pred_treaties = set(_spans(gold.get("treaties"))), set(_spans(pred.get("treaties")))
    counts["treaty_tp"] += len(gold_treaties & pred_treaties)
    counts["treaty_pred"] += len(pred_treaties)
    counts["treaty_gold"] += len(gold_treaties)

    gold_acronyms, pred_acronyms = _spans(gold.get("acronyms")), _spans(pred.get("acronyms"))
    counts["acr_tp"] += len(gold_acronyms.keys() & pred_acronyms.keys())
    counts["acr_pred"] += len(pred_acronyms)
    counts["acr_gold"] += len(gold_acronyms)
    for span, acronym in gold_acronyms.items():
        predicted = pred_acronyms.get(span, {})
        if acronym.get("long_form"):
            counts["exp_n"] += 1
            got = _first_long_form(predicted.get("long_form"))
            counts["exp_ok"] += bool(got) and normalize_long_form(got) in _accepted_long_forms(acronym["long_form"])
        if acronym.get("members"):
            counts["mem_n"] += 1
            got_members = sorted(m.upper() for m in predicted.get("members") or [])
            counts["mem_ok"] += got_members == sorted(m.upper() for m in acronym["members"])

    gold_attributions = gold.get("attributions", [])
    pred_attributions = list(pred.get("attributions") or [])
    counts["cue_gold"] += len(gold_attributions)
    counts["cue_pred"] += len(pred_attributions)
    used: Set[int] = set()
    for wanted in gold_attributions:
        cue = offsets(wanted["cue"])
        match = next(
            (i for i, p in enumerate(pred_attributions) if i not in used and overlaps(cue, offsets(p.get("cue")))),
            None,
        )
        if match is None:
            continue
        used.add(match)
        counts["cue_tp"] += 1
        found = pred_attributions[match]
        content_f1 = token_f1(text, offsets(wanted.get("content")), offsets(found.get("content")))
        counts["att_tp"] += speaker_right(wanted, found) and content_f1 >= CONTENT_MIN_F1


def figures_from_counts(counts: Dict[str, int]) -> Dict[str, Any]:
    """Precision, recall, F1 and accuracies from the counts."""
    figures: Dict[str, Any] = {}
    for name, (tp, pred, gold) in {
        "treaty": ("treaty_tp", "treaty_pred", "treaty_gold"),
        "acronym": ("acr_tp", "acr_pred", "acr_gold"),
        "cue": ("cue_tp", "cue_pred", "cue_gold"),
        "attribution": ("att_tp", "cue_pred", "cue_gold"),
    }.items():
        p, r, f = precision_recall_f1(counts[tp], counts[pred], counts[gold])
        figures.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
    figures["expansion_acc"] = counts["exp_ok"] / counts["exp_n"] if counts["exp_n"] else 1.0
    figures["members_acc"] = counts["mem_ok"] / counts["mem_n"] if counts["mem_n"] else 1.0
    figures["missing_docs"] = counts["missing_docs"]
    figures["counts"] = counts
    return figures


def score_records(gold: Dict[str, Record], pred: Dict[str, Record]) -> Dict[str, Any]:
    """Figures of predicted records against gold records, both keyed by document id.
    A gold document without prediction counts as predicting nothing (``missing_docs``)."""
    counts = empty_counts()
    for doc_id, gold_record in gold.items():
        pred_record = pred.get(doc_id)
        if pred_record is None:
            counts["missing_docs"] += 1
            pred_record = {}
        count_document(gold_record, pred_record, counts)
    return figures_from_counts(counts)


def summary_line(figures: Dict[str, Any]) -> str:
    """``treaty_f1=0.xxx acronym_f1=...``: the reference scorer's closing line."""
    return " ".join(f"{key}={figures[key]:.3f}" for key in SUMMARY_KEYS)


def figures_table(figures: Dict[str, Any]) -> List[List[str]]:
    """Rows (name, precision, recall, F1 or accuracy, counts) for display."""
    counts = figures["counts"]
    rows = []
    for name, tp, pred, gold in (
        ("treaty", "treaty_tp", "treaty_pred", "treaty_gold"),
        ("acronym", "acr_tp", "acr_pred", "acr_gold"),
        ("cue", "cue_tp", "cue_pred", "cue_gold"),
        ("attribution", "att_tp", "cue_pred", "cue_gold"),
    ):
        rows.append(
            [
                name,
                f"{figures[f'{name}_p']:.3f}",
                f"{figures[f'{name}_r']:.3f}",
                f"{figures[f'{name}_f1']:.3f}",
                f"tp={counts[tp]} pred={counts[pred]} gold={counts[gold]}",
            ]
        )
    rows.append(["expansion", "", "", f"{figures['expansion_acc']:.3f}", f"{counts['exp_ok']}/{counts['exp_n']}"])
    rows.append(["members", "", "", f"{figures['members_acc']:.3f}", f"{counts['mem_ok']}/{counts['mem_n']}"])
    return rows
