"""Accuracy of spacy-diplomacy and of the peer stack a user would otherwise assemble,
on gold files in the ``extract`` record schema, with the project's metrics
(``spacy_diplomacy.evaluation.score_records``, same as ``../shared/eval/score.py``).

Systems (rows):

- ``diplomacy-parser``: the trained English pipeline + ``diplomacy``.
- ``diplomacy-blank``: ``spacy.blank("en")`` + ``diplomacy`` (no parser, no NER).
- ``spacy-ner-LAW``: treaties only: the trained pipeline's NER entities labelled LAW.
- ``scispacy-abbrev``: acronyms only: scispaCy's ``AbbreviationDetector`` (short
  forms defined in the text, each occurrence with its long form; no members).
- ``textacy-quotes``: attributions only: ``textacy.extract.triples.direct_quotations``
  (speaker, cue, content) on the trained pipeline's parse. It raises ValueError on
  an odd number of quotation marks; such documents are counted as failed and
  predict nothing.

Metrics a peer does not attempt are shown as ``-``; metrics of a layer that a
gold file does not annotate (no gold item in any document, e.g. treaties and
acronyms in polnear_dev) are shown as ``n/a``.

Peers are the optional extra ``bench`` (``pip install -e .[bench]``); a peer that
is not installed is reported and its row skipped.

    python benchmarks/accuracy.py                       # every gold file in ../shared/eval
    python benchmarks/accuracy.py GOLD.jsonl --systems diplomacy-blank
    python benchmarks/accuracy.py GOLD.jsonl --systems diplomacy-blank --min treaty_f1=0.9

``--min KEY=VALUE`` (repeatable; KEY a metric of ``score.py``, e.g. ``treaty_f1``,
``cue_p``) is a floor for the spacy-diplomacy rows (``diplomacy-*``) on every
gold file given: the script exits 1 when one is not met, like
``../shared/eval/score.py --min``. A metric of a layer the gold file does not
annotate (``n/a``) is not checked.
"""
import argparse
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchutil import RESULTS, SHARED_EVAL, machine_info, print_table, write_json  # noqa: E402

from spacy_diplomacy.pipelines import installed_english_pipeline  # noqa: E402

import spacy_diplomacy  # noqa: E402
from spacy_diplomacy import to_record  # noqa: E402
from spacy_diplomacy.evaluation import load_records, score_records  # noqa: E402

Record = Dict[str, Any]
METRICS = ("treaty_f1", "acronym_f1", "expansion_acc", "members_acc", "cue_f1", "attribution_f1")
# metric -> (gold layer, count that must be non-zero for the metric to mean anything)
METRIC_LAYER = {
    "treaty_f1": ("treaties", "treaty_gold"),
    "acronym_f1": ("acronyms", "acr_gold"),
    "expansion_acc": ("acronyms", "exp_n"),
    "members_acc": ("acronyms", "mem_n"),
    "cue_f1": ("attributions", "cue_gold"),
    "attribution_f1": ("attributions", "cue_gold"),
}
SYSTEMS = ("diplomacy-parser", "diplomacy-blank", "spacy-ner-LAW", "scispacy-abbrev", "textacy-quotes")
ATTEMPTS = {
    "diplomacy-parser": set(METRICS),
    "diplomacy-blank": set(METRICS),
    "spacy-ner-LAW": {"treaty_f1"},
    "scispacy-abbrev": {"acronym_f1", "expansion_acc", "members_acc"},
    "textacy-quotes": {"cue_f1", "attribution_f1"},
}
PEERS = ("spacy-ner-LAW", "scispacy-abbrev", "textacy-quotes")
FLOOR_KEYS = tuple(f"{layer}_{x}" for layer in ("treaty", "acronym", "cue", "attribution") for x in ("p", "r", "f1")) + (
    "expansion_acc",
    "members_acc",
)
LAYER_OF_KEY = {"treaty": "treaties", "acronym": "acronyms", "expansion": "acronyms", "members": "acronyms",
                "cue": "attributions", "attribution": "attributions"}


def default_gold_files() -> List[Path]:
    if not SHARED_EVAL.is_dir():
        return []
    return sorted(SHARED_EVAL.glob("*_gold.jsonl")) + sorted(SHARED_EVAL.glob("polnear_dev.jsonl"))


def char_span(tokens: Iterable[Any]) -> Optional[Dict[str, Any]]:
    """``{"start", "end", "text"}`` covering a list of tokens (or a Span)."""
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {"start": start, "end": end, "text": doc.text[start:end]}


# Peer predictions -------------------------------------------------------------


def law_record(doc: Doc) -> Record:
    treaties = [
        {"start": e.start_char, "end": e.end_char, "text": e.text} for e in doc.ents if e.label_ == "LAW"
    ]
    return {"treaties": treaties}


def abbreviation_record(doc: Doc) -> Record:
    acronyms = []
    for short in doc._.abbreviations:
        long_form = short._.long_form
        acronyms.append(
            {
                "start": short.start_char,
                "end": short.end_char,
                "text": short.text,
                "long_form": long_form if isinstance(long_form, str) else getattr(long_form, "text", None),
            }
        )
    return {"acronyms": acronyms}


def quotation_record(doc: Doc) -> Record:
    """Raises ValueError (textacy's) on unbalanced quotation marks."""
    from textacy.extract.triples import direct_quotations

    attributions = []
    for speaker, cue, content in direct_quotations(doc):
        inner = list(content)
        if len(inner) > 2 and inner[0].is_quote and inner[-1].is_quote:
            inner = inner[1:-1]
        attributions.append(
            {"cue": char_span(cue), "speaker": char_span(speaker), "content": char_span(inner), "type": "direct"}
        )
    return {"attributions": attributions}


PEER_RECORD: Dict[str, Callable[[Doc], Record]] = {
    "spacy-ner-LAW": law_record,
    "scispacy-abbrev": abbreviation_record,
    "textacy-quotes": quotation_record,
}


def missing_peers(wanted: Iterable[str], trained: Optional[str]) -> Dict[str, str]:
    """System -> why it cannot run here."""
    missing = {}
    for system in wanted:
        if system in ("diplomacy-parser", "spacy-ner-LAW", "textacy-quotes") and trained is None:
            missing[system] = "no English pipeline with a parser installed"
        elif system == "scispacy-abbrev":
            try:
                import scispacy.abbreviation  # noqa: F401
            except ImportError as err:
                missing[system] = f"scispacy not installed ({err}); pip install -e .[bench]"
        elif system == "textacy-quotes" and system not in missing:
            try:
                import textacy.extract.triples  # noqa: F401
            except ImportError as err:
                missing[system] = f"textacy not installed ({err}); pip install -e .[bench]"
    return missing


# Running ----------------------------------------------------------------------


def run_pipeline(
    nlp: Language, texts: List[Tuple[str, str]], extractors: Dict[str, Callable[[Doc], Record]], batch_size: int
) -> Tuple[Dict[str, Dict[str, Record]], Dict[str, int]]:
    """Predictions by system and document id, and failed documents by system.
    A document whose processing raises fails for every system of the pass."""
    predicted: Dict[str, Dict[str, Record]] = {system: {} for system in extractors}
    failed = {system: 0 for system in extractors}

    def extract(doc: Doc, doc_id: str) -> None:
        for system, extractor in extractors.items():
            try:
                predicted[system][doc_id] = extractor(doc)
            except ValueError:
                predicted[system][doc_id] = {}
                failed[system] += 1

    try:
        for doc, doc_id in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            extract(doc, doc_id)
    except Exception:  # noqa: BLE001 - redo one by one to count the failing documents
        predicted = {system: {} for system in extractors}
        failed = {system: 0 for system in extractors}
        for text, doc_id in texts:
            try:
                doc = nlp(text)
            except Exception as err:  # noqa: BLE001
                print(f"  {doc_id}: pipeline failed: {type(err).__name__}: {err}", file=sys.stderr)
                for system in extractors:
                    predicted[system][doc_id] = {}
                    failed[system] += 1
                continue
            extract(doc, doc_id)
    return predicted, failed


def diplomacy_nlp(base: Optional[str]) -> Language:
    nlp = spacy.load(base) if base else spacy.blank("en")
    nlp.add_pipe("diplomacy")
    return nlp


def evaluate_file(
    path: Path, systems: List[str], trained: Optional[str], batch_size: int, models: Dict[str, Language]
) -> Dict[str, Any]:
    gold = load_records(path)
    texts = [(record["text"], doc_id) for doc_id, record in gold.items()]
    layers = {
        layer: sum(len(record.get(layer) or []) for record in gold.values())
        for layer in ("treaties", "acronyms", "attributions")
    }
    results: Dict[str, Any] = {}
    passes: List[Tuple[str, Dict[str, Callable[[Doc], Record]]]] = []
    if "diplomacy-parser" in systems:
        passes.append(("diplomacy-parser", {"diplomacy-parser": to_record}))
    if "diplomacy-blank" in systems:
        passes.append(("diplomacy-blank", {"diplomacy-blank": to_record}))
    peers = {s: PEER_RECORD[s] for s in PEERS if s in systems}
    if peers:
        passes.append(("peers", peers))
    for name, extractors in passes:
        if name not in models:
            if name == "diplomacy-parser":
                models[name] = diplomacy_nlp(trained)
            elif name == "diplomacy-blank":
                models[name] = diplomacy_nlp(None)
            else:
                needs_parse = "spacy-ner-LAW" in extractors or "textacy-quotes" in extractors
                models[name] = spacy.load(trained) if needs_parse else spacy.blank("en")
                if "scispacy-abbrev" in extractors:
                    models[name].add_pipe("abbreviation_detector")
        nlp = models[name]
        if name == "peers" and "scispacy-abbrev" in extractors:
            # scispaCy and spacy-diplomacy both define Span._.long_form: scispaCy's
            # (a settable attribute) must be in place while its detector runs.
            from spacy.tokens import Span

            Doc.set_extension("abbreviations", default=[], force=True)
            Span.set_extension("long_form", default=None, force=True)
        started = time.perf_counter()
        predicted, failed = run_pipeline(nlp, texts, extractors, batch_size)
        seconds = time.perf_counter() - started
        spacy_diplomacy.register_extensions()
        for system, records in predicted.items():
            figures = score_records(gold, records)
            summary = {}
            for metric in METRICS:
                layer, count = METRIC_LAYER[metric]
                if metric not in ATTEMPTS[system]:
                    summary[metric] = None
                elif not layers[layer] or not figures["counts"][count]:
                    summary[metric] = "n/a"
                else:
                    summary[metric] = round(figures[metric], 4)
            results[system] = {
                "summary": summary,
                "failed_docs": failed[system],
                "seconds_for_pass": round(seconds, 2),
                "pass": name,
                "figures": figures,
            }
    return {"documents": len(gold), "gold_items": layers, "systems": results}


def parse_floor(text: str) -> Tuple[str, float]:
    """``"treaty_f1=0.9"`` -> ``("treaty_f1", 0.9)``; argparse reports a ValueError."""
    key, _, value = text.partition("=")
    if key not in FLOOR_KEYS:
        raise argparse.ArgumentTypeError(f"unknown metric {key!r}; choose from {', '.join(FLOOR_KEYS)}")
    try:
        return key, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected KEY=NUMBER") from None


def unmet_floors(file_name: str, outcome: Dict[str, Any], floors: List[Tuple[str, float]]) -> List[str]:
    """One line per floor that a spacy-diplomacy row of one gold file does not meet."""
    unmet = []
    for system, entry in outcome["systems"].items():
        if not system.startswith("diplomacy-"):
            continue
        for key, floor in floors:
            if not outcome["gold_items"][LAYER_OF_KEY[key.split("_")[0]]]:
                continue  # n/a: the file does not annotate the layer
            value = entry["figures"][key]
            if value < floor:
                unmet.append(f"{file_name} {system}: {key}={value:.3f} < {floor}")
    return unmet


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.3f}"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="*", type=Path, help="gold JSONL files (default: *_gold.jsonl and polnear_dev.jsonl in ../shared/eval)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated subset of {','.join(SYSTEMS)}")
    parser.add_argument("--output", type=Path, default=RESULTS / "accuracy.json", help="JSON results (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--min", dest="floors", type=parse_floor, action="append", default=[], metavar="KEY=VALUE",
        help="floor for the diplomacy-* rows on every gold file; exit 1 when not met (repeatable)",
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message=r"\[W036\]")  # scispaCy runs an empty Matcher

    files = args.gold or default_gold_files()
    if not files:
        parser.error(f"no gold files given and {SHARED_EVAL} does not exist")
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    trained = installed_english_pipeline()
    skipped = missing_peers(systems, trained)
    for system, reason in skipped.items():
        print(f"skipping {system}: {reason}", file=sys.stderr)
    systems = [s for s in systems if s not in skipped]
    if args.floors and not any(s.startswith("diplomacy-") for s in systems):
        parser.error("--min applies to the diplomacy-* systems and none of them is run")

    models: Dict[str, Language] = {}
    results: Dict[str, Any] = {}
    rows = []
    unmet: List[str] = []
    for path in files:
        print(f"{path.name} ...", file=sys.stderr)
        outcome = evaluate_file(path, systems, trained, args.batch_size, models)
        results[path.name] = outcome
        unmet += unmet_floors(path.name, outcome, args.floors)
        for system in systems:
            entry = outcome["systems"][system]
            rows.append([path.name, system, *(cell(entry["summary"][m]) for m in METRICS), entry["failed_docs"]])

    info = machine_info()
    print(f"spacy-diplomacy accuracy, {info['date']}; pipeline {trained or 'none'}; spaCy {info['spacy']}")
    print_table(("file", "system", *METRICS, "failed docs"), rows)
    for system, reason in skipped.items():
        print(f"(skipped {system}: {reason})")
    write_json(
        args.output,
        {
            "machine": info,
            "systems": systems,
            "skipped": skipped,
            "metric_notes": {"-": "not attempted by the system", "n/a": "layer not annotated in the gold file"},
            "files": results,
        },
    )
    print(f"results written to {args.output}", file=sys.stderr)
    for line in unmet:
        print(f"FAIL {line}")
    if args.floors and not unmet:
        print(f"all {len(args.floors)} floor(s) met")
    return 1 if unmet else 0


if __name__ == "__main__":
    sys.exit(main())
