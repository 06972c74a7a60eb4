"""Extraction of many documents, in this process or in worker processes: the
documents go in batches bounded in characters, each worker loads the pipeline
once and sends back JSON output lines (not Docs), and the lines come out in
input order with at most a few batches in flight."""
import multiprocessing
import signal
from collections import deque
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.language import Language

from .documents import Document, SkippedInputs, output_line, output_record, too_long
from .pipelines import load_pipeline
from .record import to_record

BATCH_CHARS = 100_000
BATCH_DOCS = 256
BATCHES_PER_WORKER = 2  # batches queued per worker process

Skip = Tuple[str, str]  # where, why
Result = Union[str, Dict[str, Any], Skip]


@dataclass(frozen=True)
class PipelineSpec:
    """What a process needs to load the pipeline: model, user pattern files,
    whether to leave out the bundled patterns, the longest text (None: the model's)."""

    model: str
    patterns: Tuple[str, ...] = ()
    no_bundled: bool = False
    max_length: Optional[int] = None

    def load(self) -> Language:
        nlp = load_pipeline(self.model, self.patterns, self.no_bundled)
        nlp.max_length = self.max_length or nlp.max_length
        return nlp


def batches(documents: Iterable[Document], max_chars: int = BATCH_CHARS, max_docs: int = BATCH_DOCS) -> Iterator[List[Document]]:
    """Consecutive documents in batches that end at the first document reaching
    ``max_chars`` characters in all, or at ``max_docs`` documents."""
    batch: List[Document] = []
    chars = 0
    for document in documents:
        batch.append(document)
        chars += len(document[0])
        if chars >= max_chars or len(batch) >= max_docs:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def extract_batch(nlp: Language, batch: List[Document], as_lines: bool = True) -> List[Result]:
    """The output line (or record) of each document, or (where, why) for a text
    over ``nlp.max_length``."""
    limit = nlp.max_length
    output = output_line if as_lines else output_record
    docs = iter(nlp.pipe([text for text, _ in batch if len(text) <= limit], batch_size=max(1, len(batch))))
    return [
        output(context, to_record(next(docs))) if len(text) <= limit else (f"document {context[0]}", too_long(len(text), limit))
        for text, context in batch
    ]


_worker: Tuple[Optional[PipelineSpec], Union[Language, Exception, None]] = (None, None)


def _start_worker(spec: PipelineSpec) -> None:
    """Pool initializer: leave interrupts to the parent; load the pipeline
    unless it came loaded with a fork (a failure is raised by the first batch,
    in the parent)."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _worker[0] != spec:
        try:
            _worker = (spec, spec.load())
        except Exception as err:  # noqa: BLE001 - handed to the parent
            _worker = (spec, err)


def _extract_in_worker(batch: List[Document]) -> List[Result]:
    nlp = _worker[1]
    if isinstance(nlp, Exception):
        raise nlp
    return extract_batch(nlp, batch)


def _in_processes(spec: PipelineSpec, work: Iterator[List[Document]], n_process: int) -> Iterator[List[Result]]:
    """Results of the batches from a pool of ``n_process`` workers, in order;
    closing the iterator (or an exception) terminates the workers. Where
    processes start by fork, the pipeline is loaded once, here, and inherited."""
    global _worker
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        _worker = (spec, spec.load())
    try:
        pool = context.Pool(n_process, initializer=_start_worker, initargs=(spec,))
    finally:
        _worker = (None, None)
    try:
        pending = deque()
        for batch in work:
            pending.append(pool.apply_async(_extract_in_worker, (batch,)))
            if len(pending) >= BATCHES_PER_WORKER * n_process:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def extracted_lines(
    spec: PipelineSpec,
    documents: Iterable[Document],
    skipped: SkippedInputs,
    n_process: int = 1,
    max_chars: int = BATCH_CHARS,
    max_docs: int = BATCH_DOCS,
) -> Iterator[str]:
    """The JSON output line of every document, in input order; over-long texts
    are reported to ``skipped``. Close the iterator to stop early."""
    work = batches(documents, max_chars, max_docs)
    if n_process > 1:
        results = _in_processes(spec, work, n_process)
    else:
        nlp = spec.load()
        results = (extract_batch(nlp, batch) for batch in work)
    try:
        for outputs in results:
            for output in outputs:
                if isinstance(output, str):
                    yield output
                else:
                    skipped.report(*output)
    finally:
        results.close()
