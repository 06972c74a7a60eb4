"""``extract``: one JSON record per document, in one process, several, or on Dask."""
import sys
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from ..documents import SkippedInputs, UserError, atomic_output, check_inputs, count_documents, input_documents, write_lines
from ..extraction import BATCH_CHARS, BATCH_DOCS, PipelineSpec, extracted_lines
from ..pipelines import check_pattern_files, model_name
from ..tables import Tables
from ._util import ModelOption, NoBundledOption, PatternsOption, app, missing_extra, print_written, reports_user_errors, writing


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


def progress_bar(total: Optional[int]):
    """A tqdm bar on stderr, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True)


def dask_lines(inputs: List[str], skipped: SkippedInputs, spec: PipelineSpec, block: int, scheduler: Optional[str], workers: Optional[int]) -> Iterator[str]:
    """The output lines computed on Dask (a one-line error when Dask is not installed)."""
    try:
        from ..dask import distributed_lines
    except ImportError as err:
        raise missing_extra(err, "--scheduler" if scheduler else "--dask-local") from None
    return distributed_lines(inputs, skipped, spec, block=block, scheduler=scheduler, local_workers=workers)


@app.command()
@reports_user_errors
def extract(
    inputs: List[str] = typer.Argument(..., help="Text files, directories of .txt and .jsonl files, .jsonl files, or - for stdin.", metavar="INPUT"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Output file (default: stdout); written to a temporary file and renamed at the end.", dir_okay=False),
    model: Optional[str] = ModelOption,
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    n_process: int = typer.Option(1, "--n-process", min=1, metavar="N", help="Worker processes (each loads the pipeline once)."),
    batch_chars: int = typer.Option(BATCH_CHARS, "--batch-chars", min=1, metavar="CHARS", help="A batch of documents ends at the first document that brings it to this many characters (bounds memory on long texts)."),
    batch_size: int = typer.Option(BATCH_DOCS, "--batch-size", min=1, metavar="N", help="At most this many documents per batch (with Dask: input lines or files per block)."),
    output_format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", help="jsonl (one record a line) or json (one array)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Run on this dask.distributed scheduler (e.g. tcp://HOST:8786); inputs must be readable by its workers at the same paths."),
    dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1, metavar="N", help="Run on a local Dask cluster of N worker processes."),
    max_length: Optional[int] = typer.Option(None, "--max-length", min=1, metavar="CHARS", help="Longest text to process (default: the model's nlp.max_length, 1,000,000 for spaCy's pipelines); longer texts are reported and skipped."),
    tables_dir: Optional[Path] = typer.Option(None, "--tables", metavar="DIR", help="Also write mentions.csv and statements.csv (and .parquet with pandas and pyarrow) to this folder.", file_okay=False),
) -> None:
    """Extract treaties, acronyms, groups and attributions from documents: one
    JSON record per document with its id and every input field.

    INPUT is a .txt file (id: the file name), a directory (its .txt and .jsonl
    files, any letter case; ids of text files: the path below the directory),
    a .jsonl file of {"id", "text", ...} objects, or - for stdin (JSONL when the
    first non-blank line starts with "{", else one text). Invalid JSONL lines
    are reported with file and line, skipped, and make the exit code 1.

    With --scheduler or --dask-local (pip install "spacy-diplomacy[dask]"),
    Dask workers read the inputs in blocks of --batch-size lines or files and
    each loads the pipeline once; the output is the same, in the same order.

    \b
    Examples:
      echo '{"id": "a1", "text": "The E3 met in Vienna, the IAEA said."}' > news.jsonl
      spacy-diplomacy extract news.jsonl --output extracted.jsonl
      spacy-diplomacy extract news.jsonl --model blank:en --n-process 2
      echo "The NPT was extended in 1995." | spacy-diplomacy extract - --format json
      spacy-diplomacy extract news.jsonl -o extracted.jsonl --dask-local 2
      spacy-diplomacy extract news.jsonl -o extracted.jsonl --tables tables/
    """
    check_inputs(inputs)
    if scheduler is not None and dask_local is not None:
        raise UserError("give --scheduler or --dask-local, not both")
    distributed = scheduler is not None or dask_local is not None
    if distributed and n_process > 1:
        raise UserError("--n-process is for a single machine without Dask: leave it out with --scheduler or --dask-local")
    check_pattern_files(patterns)
    total = count_documents(inputs)
    if total == 0:
        raise UserError(f"no documents in {', '.join(inputs)}")
    spec = PipelineSpec(model_name(model), tuple(str(Path(p).resolve()) for p in patterns), no_bundled, max_length)
    skipped = SkippedInputs()
    if distributed:
        lines = dask_lines(inputs, skipped, spec, batch_size, scheduler, dask_local)
    else:
        documents = input_documents(inputs, skipped)
        lines = extracted_lines(spec, documents, skipped, n_process=n_process, max_chars=batch_chars, max_docs=batch_size)
    # closing the lines ends the worker processes or the Dask cluster, also on a signal
    with closing(lines), atomic_output(output) as out, progress_bar(total) as bar:

        def counted():
            for line in lines:
                bar.update(1)
                yield line

        tables = Tables()
        written = write_lines(out, tables.passing_lines(counted()) if tables_dir else counted(), output_format == ExtractFormat.json)
    print(f"{written} document(s) extracted" + (f" to {output}" if output else ""), file=sys.stderr)
    if tables_dir:
        with writing(tables_dir):
            print_written(tables.write(tables_dir))
    if skipped.count:
        print(f"error: {skipped.count} input line(s) or file(s) skipped", file=sys.stderr)
        raise typer.Exit(1)
