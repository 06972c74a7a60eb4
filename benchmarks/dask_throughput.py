"""Throughput of ``spacy_diplomacy.dask.extract_bag`` on a local cluster of 1
and 2 worker processes, against plain ``nlp.pipe`` in this process.

    python benchmarks/dask_throughput.py [--docs 2000] [--model blank:en]

The corpus is the development gold texts (../shared/eval), else built-in
sentences, repeated. Cluster start-up and pipeline loading are left out:
each cluster first extracts a small warm-up bag.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchutil  # noqa: E402, F401 - puts the checkout's package first

from spacy_diplomacy.dask import extract_bag  # noqa: E402
from spacy_diplomacy.extraction import PipelineSpec, batches, extract_batch  # noqa: E402

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "news_dev_gold.jsonl"
FALLBACK = [
    "The P5+1 met in Vienna to save the Joint Comprehensive Plan of Action (JCPOA), Lavrov said. "
    "\u201cThe deal is alive,\u201d Zarif told reporters. He added that the IAEA would report on Iran\u2019s compliance.",
]


def corpus(size: int):
    texts = [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8") if line.strip()] if GOLD.is_file() else FALLBACK
    return [{"id": f"d{i}", "text": texts[i % len(texts)]} for i in range(size)]


def single_process(records, model):
    nlp = PipelineSpec(model).load()
    start = time.perf_counter()
    for batch in batches((r["text"], (r["id"], r)) for r in records):
        extract_batch(nlp, batch, as_lines=False)
    return time.perf_counter() - start


def on_cluster(records, model, workers, partitions):
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        with Client(cluster):
            extract_bag(db.from_sequence(records[: 4 * workers], npartitions=workers), model).compute()  # warm-up: load the pipelines
            start = time.perf_counter()
            extract_bag(db.from_sequence(records, npartitions=partitions), model).compute()
            return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model", default="blank:en")
    parser.add_argument("--partitions", type=int, default=32)
    args = parser.parse_args()
    records = corpus(args.docs)
    chars = sum(len(r["text"]) for r in records)
    print(f"{len(records)} documents, {chars / 1e6:.2f} M characters, model {args.model}")
    rows = [("nlp.pipe, this process", single_process(records, args.model))]
    rows += [(f"Dask LocalCluster, {n} worker(s)", on_cluster(records, args.model, n, args.partitions)) for n in (1, 2)]
    for name, seconds in rows:
        print(f"{name:32} {seconds:7.2f} s  {len(records) / seconds:8.1f} docs/s  {chars / seconds / 1e3:8.1f} k chars/s")


if __name__ == "__main__":
    main()
