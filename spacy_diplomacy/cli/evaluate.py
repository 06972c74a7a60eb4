"""``evaluate``: precision, recall and F1 of the pipeline (or of predictions) on a gold file."""
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import typer

from ..documents import UserError, atomic_output
from ..evaluation import check_gold, figures_table, load_records, score_records, summary_line
from ..pipelines import load_pipeline
from ..record import to_record
from ._util import ModelOption, NoBundledOption, PatternsOption, app, print_table, reports_user_errors


def read_record_file(path: Path) -> Dict[str, Dict[str, Any]]:
    """Records of a JSONL file by id, with user errors for missing or undecodable files."""
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    return load_records(path)


def predict(gold: Dict[str, Dict[str, Any]], model: Optional[str], patterns: List[Path], no_bundled: bool, batch_size: int) -> Dict[str, Dict[str, Any]]:
    """The pipeline's records of the gold texts, by id."""
    nlp = load_pipeline(model, patterns, no_bundled)
    texts = ((record["text"], doc_id) for doc_id, record in gold.items())
    return {doc_id: to_record(doc) for doc, doc_id in nlp.pipe(texts, as_tuples=True, batch_size=batch_size)}


@app.command()
@reports_user_errors
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD", help="Gold JSONL file ({id, text, treaties, acronyms, attributions}).", dir_okay=False),
    model: Optional[str] = ModelOption,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the figures (JSON) to this file.", dir_okay=False),
    predictions: Optional[Path] = typer.Option(None, "--predictions", metavar="FILE", help="Score this JSONL of predictions (e.g. from extract) instead of running the pipeline.", dir_okay=False),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Documents per batch."),
) -> None:
    """Run the extraction on the gold texts and print precision, recall and F1
    for treaties, acronyms (with expansion and members accuracy), cues and
    attributions. Every gold record needs an id, a text and the lists
    treaties, acronyms and attributions (empty when there are none).

    \b
    Examples:
      echo '{"id": "g1", "text": "The NPT was extended.", "treaties": [{"start": 4, "end": 7}], "acronyms": [], "attributions": []}' > gold.jsonl
      spacy-diplomacy evaluate gold.jsonl --model blank:en --output figures.json
      spacy-diplomacy extract gold.jsonl --output predicted.jsonl
      spacy-diplomacy evaluate gold.jsonl --predictions predicted.jsonl
    """
    gold_records = read_record_file(gold)
    check_gold(gold_records, str(gold))
    predicted = read_record_file(predictions) if predictions is not None else predict(gold_records, model, patterns, no_bundled, batch_size)
    figures = score_records(gold_records, predicted)
    scored = len(gold_records) - figures["missing_docs"]
    print_table(f"{len(gold_records)} documents ({gold.name})", ("", "precision", "recall", "F1 / accuracy", "counts"), figures_table(figures))
    print(f"scored {scored} document(s) of {gold}", file=sys.stderr)
    if figures["missing_docs"]:
        print(f"warning: {figures['missing_docs']} gold document(s) without prediction", file=sys.stderr)
    print(summary_line(figures))
    if output is not None:
        with atomic_output(output) as out:
            json.dump(figures, out, indent=1)
            out.write("\n")
