"""Extraction on Dask (``pip install "spacy-diplomacy[dask]"``).

``extract_bag`` maps a bag of input records to the records that
``spacy-diplomacy extract`` writes, loading the pipeline once per worker
process; ``distributed_lines`` is the command's ``--scheduler`` /
``--dask-local`` path, where workers read their own blocks of the inputs and
send back JSON lines.
"""
import functools
import json
import logging
import multiprocessing
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import dask.bag as db
from dask import delayed
from spacy.language import Language

from .documents import Document, SkippedInputs, UserError, input_files, is_jsonl, jsonl_documents, stdin_documents, text_file_document
from .extraction import BATCH_DOCS, PipelineSpec, batches, extract_batch
from .pipelines import load_pipeline


@dataclass(frozen=True)
class Skipped:
    """An input line or file that cannot be read as a document, or a text over
    the length limit; ``extract_bag`` passes it through."""

    where: str
    message: str


Item = Union[Dict[str, Any], Skipped]

_LOCK = threading.Lock()
CONNECT_TIMEOUT = "10s"


@functools.lru_cache(maxsize=None)
def _cached_pipeline(model: str, config_json: str) -> Tuple[Language, int]:
    config = json.loads(config_json)
    patterns = config.pop("patterns", [])
    no_bundled = not config.pop("use_bundled_patterns", True)
    nlp = load_pipeline(model, patterns, no_bundled, config)
    return nlp, nlp.max_length


def worker_pipeline(model: str, config: Optional[Dict[str, Any]] = None, max_length: Optional[int] = None) -> Language:
    """The pipeline of ``model`` with a diplomacy component configured by
    ``config`` (``patterns``: user pattern files), loaded once per process
    (cached by model and config), accepting texts of up to ``max_length``
    characters (None: the model's limit)."""
    with _LOCK:
        nlp, default_length = _cached_pipeline(model, json.dumps(config or {}, sort_keys=True))
    nlp.max_length = max_length or default_length
    return nlp


def pipeline_loads() -> int:
    """How many pipelines this process has loaded through ``worker_pipeline``."""
    return _cached_pipeline.cache_info().misses


def extract_partition(
    items: Iterable[Item], model: str, config: Optional[Dict[str, Any]], max_length: Optional[int], as_lines: bool = False
) -> List[Union[Item, str]]:
    """Output records (or JSON lines) of a partition's input records, in order;
    Skipped items pass through and texts longer than the limit become Skipped items."""
    nlp = worker_pipeline(model, config, max_length)
    items = list(items)
    documents = [_document(item) for item in items if not isinstance(item, Skipped)]
    outputs = chain.from_iterable(extract_batch(nlp, batch, as_lines=as_lines) for batch in batches(documents))
    results = []
    for item in items:
        output = item if isinstance(item, Skipped) else next(outputs)
        results.append(Skipped(*output) if isinstance(output, tuple) else output)
    return results


def _document(item: Any) -> Document:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError(f'expected a dict with a string "text", got {str(item)[:80]}')
    return item["text"], (item.get("id"), item)


def extract_bag(
    bag: db.Bag,
    model: str = "blank:en",
    config: Optional[Dict[str, Any]] = None,
    max_length: Optional[int] = None,
) -> db.Bag:
    """A bag of output records: each input record (a dict with ``text``, ``id``
    and any other fields) with the fields of ``to_record``, as ``spacy-diplomacy
    extract`` writes them. ``model``: an installed pipeline package, a pipeline
    directory or ``blank:LANG``; ``config``: the diplomacy component's config,
    plus ``patterns``, a list of user pattern files. Each worker process loads
    the pipeline once; a partition goes in batches of bounded size. A text longer than
    ``max_length`` (default: the pipeline's) comes out as a ``Skipped`` item."""
    return bag.map_partitions(extract_partition, model, config, max_length)


# Reading the CLI's inputs on the workers -------------------------------------------


class _Collected:
    """Stands in for SkippedInputs on a worker: keeps the reports as Skipped items."""

    def __init__(self):
        self.reports: List[Skipped] = []

    def report(self, where: str, message: str) -> None:
        self.reports.append(Skipped(where, message))


def _items(documents: Iterator[Document], collected: _Collected) -> List[Item]:
    """Input records (id filled in) and skip reports, in input order."""
    items: List[Item] = []
    for _, (doc_id, fields) in documents:
        items += collected.reports
        collected.reports = []
        items.append({**fields, "id": doc_id})
    return items + collected.reports


def read_jsonl_block(path: str, name: str, start: int, end: int, first_number: int) -> List[Item]:
    """The records of the lines between two byte offsets of a JSONL file."""
    with open(path, "rb") as handle:
        handle.seek(start)
        lines = handle.read(end - start).split(b"\n")
    collected = _Collected()
    return _items(jsonl_documents(lines, name, collected, first_number), collected)


def read_text_files(files: Sequence[Tuple[str, str, str]]) -> List[Item]:
    """One record per (path, name in reports, id) text file."""
    collected = _Collected()
    documents = chain.from_iterable(text_file_document(Path(path), doc_id, collected, where) for path, where, doc_id in files)
    return _items(documents, collected)


def jsonl_blocks(path: Path, lines_per_block: int) -> Iterator[Tuple[int, int, int]]:
    """(start byte, end byte, first line number) of consecutive blocks of lines."""
    start = position = 0
    number = 1
    with open(path, "rb") as handle:
        for count, line in enumerate(handle, 1):
            position += len(line)
            if count % lines_per_block == 0:
                yield start, position, number
                start, number = position, count + 1
    if position > start:
        yield start, position, number


def _jsonl_bag(path: Path, name: str, block: int) -> Optional[db.Bag]:
    blocks = [delayed(read_jsonl_block)(str(path.resolve()), name, *span) for span in jsonl_blocks(path, block)]
    return db.from_delayed(blocks) if blocks else None


def _text_bag(named: List[Tuple[str, str, str]], block: int) -> Optional[db.Bag]:
    blocks = [delayed(read_text_files)(named[i : i + block]) for i in range(0, len(named), block)]
    return db.from_delayed(blocks) if blocks else None


def input_bag(inputs: Sequence[str], block: int) -> db.Bag:
    """The CLI's inputs as a bag of records and skip reports, read by the workers
    in blocks of ``block`` lines or files (stdin is read here)."""
    bags = []
    for name in inputs:
        path = Path(name)
        if name == "-":
            collected = _Collected()
            bags.append(db.from_sequence(_items(stdin_documents(collected), collected), partition_size=block))
            continue
        if not path.is_dir():
            bags.append(_jsonl_bag(path, name, block) if is_jsonl(path) else _text_bag([(str(path.resolve()), name, path.name)], block))
            continue
        texts: List[Tuple[str, str, str]] = []
        for file in input_files(path)[0]:  # consecutive text files share blocks, a JSONL file has its own
            if is_jsonl(file):
                bags += [_text_bag(texts, block), _jsonl_bag(file, str(file), block)]
                texts = []
            else:
                texts.append((str(file.resolve()), str(file), file.relative_to(path).as_posix()))
        bags.append(_text_bag(texts, block))
    bags = [bag for bag in bags if bag is not None and bag.npartitions]
    return db.concat(bags) if bags else db.from_sequence([], npartitions=1)


def dask_setup(worker: Any) -> None:
    """Preload of the local cluster's workers: an interrupt (Ctrl-C reaches the
    whole process group) is the client's to handle, which then ends the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def dask_client(scheduler: Optional[str], local_workers: Optional[int]):
    """A client of the scheduler at ``scheduler``, or of a local cluster of
    ``local_workers`` single-threaded worker processes. The local cluster is
    closed at the end; when the block is interrupted (KeyboardInterrupt,
    SystemExit, a closed generator), its workers are killed at once, quietly."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as err:
            raise UserError(f"cannot connect to the Dask scheduler at {scheduler!r}: {err}") from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", preload=[__name__]
    )
    client = Client(cluster)
    try:
        yield client
    except Exception:
        _close(client, cluster)
        raise
    except BaseException:
        logging.disable(logging.CRITICAL)  # no reports of the connections that break now
        for child in multiprocessing.active_children():
            child.kill()
        raise
    _close(client, cluster)


def _close(client: Any, cluster: Any) -> None:
    client.close()
    cluster.close()


def distributed_lines(
    inputs: Sequence[str],
    skipped: SkippedInputs,
    spec: PipelineSpec,
    *,
    block: int = BATCH_DOCS,
    scheduler: Optional[str] = None,
    local_workers: Optional[int] = None,
) -> Iterator[str]:
    """JSON output lines of the inputs in input order, computed on Dask; skipped
    inputs are reported to ``skipped`` as they come."""
    config = {"patterns": list(spec.patterns), "use_bundled_patterns": not spec.no_bundled}
    bag = input_bag(inputs, block).map_partitions(extract_partition, spec.model, config, spec.max_length, True)
    with dask_client(scheduler, local_workers) as client:
        futures = client.compute(bag.to_delayed())
        for future in futures:
            for item in future.result():
                if isinstance(item, Skipped):
                    skipped.report(item.where, item.message)
                else:
                    yield item
            future.release()
