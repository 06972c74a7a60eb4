"""Words per second of ``spacy-diplomacy extract`` with 1 and 2 worker
processes, and on a local Dask cluster of 1 and 2 workers, in blank mode
(``blank:en``) and parser mode (the installed English pipeline).

    python benchmarks/parallel.py [--words 300000] [--models blank:en default] [--no-dask]

Each row is the whole extraction as the command runs it (pipeline loading in
every process, reading, writing the JSON lines), from a JSONL file of the
development gold texts (../shared/eval, else built-in sentences) repeated to
``--words`` words. ``spaCy nlp.pipe n_process=2`` is what ``extract`` did
before: spaCy's own worker processes, sending every Doc back to the parent.
Rows run interleaved ``--repeats`` times and the fastest run counts. CPU
seconds (this process and its workers) show the work done; on a machine busy
with other processes the wall-clock gain of a second process is smaller.
"""
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchutil import SHARED_EVAL, machine_info, print_table  # noqa: E402

from spacy_diplomacy.documents import SkippedInputs, input_documents, output_line  # noqa: E402
from spacy_diplomacy.extraction import BATCH_DOCS, PipelineSpec, extracted_lines  # noqa: E402
from spacy_diplomacy.pipelines import model_name  # noqa: E402
from spacy_diplomacy.record import to_record  # noqa: E402

FALLBACK = (
    "The P5+1 met in Vienna to save the Joint Comprehensive Plan of Action (JCPOA), the Russian envoy said. "
    "\u201cThe agreement is not dead,\u201d the Iranian minister told reporters. He added that the IAEA would report."
)


def corpus(path: Path, words: int) -> int:
    """Write a JSONL corpus of about ``words`` words; return its word count."""
    gold = SHARED_EVAL / "news_dev_gold.jsonl"
    texts = [json.loads(line)["text"] for line in gold.open(encoding="utf-8") if line.strip()] if gold.is_file() else [FALLBACK]
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        while total < words:
            for text in texts:
                out.write(json.dumps({"id": f"d{total}", "text": text}) + "\n")
                total += len(text.split())
    return total


def timed(run) -> Tuple[float, float]:
    """Wall-clock seconds and CPU seconds of this process and its finished children."""
    start, before = time.perf_counter(), os.times()
    count = sum(1 for _ in run())
    assert count, "nothing extracted"
    after = os.times()
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
    return time.perf_counter() - start, cpu


def local(spec: PipelineSpec, source: Path, n_process: int):
    return lambda: extracted_lines(spec, input_documents([str(source)], SkippedInputs()), SkippedInputs(), n_process=n_process)


def spacy_pipe(spec: PipelineSpec, source: Path, n_process: int):
    def run():
        nlp = spec.load()
        docs = input_documents([str(source)], SkippedInputs())
        for doc, context in nlp.pipe(docs, as_tuples=True, n_process=n_process):
            yield output_line(context, to_record(doc))

    return run


def dask(spec: PipelineSpec, source: Path, workers: int):
    from spacy_diplomacy.dask import distributed_lines

    return lambda: distributed_lines([str(source)], SkippedInputs(), spec, block=BATCH_DOCS, local_workers=workers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--models", nargs="+", default=["blank:en", "default"], help="blank:en, default (the installed English pipeline) or a name")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each row, interleaved; the fastest counts")
    args = parser.parse_args()
    info = machine_info()
    print(f"{info.get('cpu')}, {os.cpu_count()} cores, load average {info.get('load_average_1_5_15min')}")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        words = corpus(source, args.words)
        rows = []
        for model in args.models:
            spec = PipelineSpec(model_name(None if model == "default" else model))
            runs = [("extract, 1 process", local(spec, source, 1)), ("extract --n-process 2", local(spec, source, 2))]
            runs.append(("spaCy nlp.pipe n_process=2 (before)", spacy_pipe(spec, source, 2)))
            if not args.no_dask:
                runs += [(f"extract --dask-local {n}", dask(spec, source, n)) for n in (1, 2)]
            best = {}
            for _ in range(args.repeats):
                for name, run in runs:
                    seconds, cpu = timed(run)
                    print(f"{spec.model} | {name} | {seconds:.1f} s | {cpu:.1f} CPU s", flush=True)
                    best[name] = min(best.get(name, (seconds, cpu)), (seconds, cpu))
            base = best[runs[0][0]][0]
            for name, (seconds, cpu) in best.items():
                rows.append([spec.model, name, f"{seconds:.1f}", f"{cpu:.1f}", f"{words / seconds:,.0f}", f"{base / seconds:.2f}x"])
        print_table(["model", "run", "seconds", "CPU seconds", "words/s", "vs 1 process"], rows)


if __name__ == "__main__":
    main()
