"""Instruction counts (valgrind callgrind) of the tokenizer alone and with the
component: a measure that does not move with the load of a shared machine.

    python benchmarks/instructions.py [--corpus FILE] [--docs N]

Each configuration runs twice under callgrind, once loading the pipeline only
and once also processing the corpus; the difference is the processing cost.
Takes about ten minutes on 2 cores.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear_dev.jsonl"
CONFIGS = {
    "(a) tokenizer alone": None,
    "(b') blank + diplomacy, attributions off": {"attributions": False},
    "(b) blank + diplomacy": {},
}
WORKER = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")][: int(sys.argv[2])]
config = json.loads(sys.argv[3])
nlp = spacy.blank("en")
if config is not None:
    nlp.add_pipe("diplomacy", config=config)
for doc in nlp.pipe(texts[:5]):
    pass
if sys.argv[4] == "run":
    for doc in nlp.pipe(texts, batch_size=64):
        pass
"""


def instructions(corpus: Path, docs: int, config, run: bool) -> int:
    """Instructions callgrind counts for one worker process."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", WORKER,
               str(corpus), str(docs), json.dumps(config), "run" if run else "load"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"Collected : (\d+)", output).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=84)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    costs = {}
    for name, config in CONFIGS.items():
        costs[name] = instructions(args.corpus, args.docs, config, True) - instructions(args.corpus, args.docs, config, False)
        print(f"{name:45} {costs[name] / 1e9:7.3f} G instructions", flush=True)
    base = costs["(a) tokenizer alone"]
    for name, cost in costs.items():
        print(f"{name:45} keeps {base / cost:.0%} of the tokenizer's throughput")


if __name__ == "__main__":
    main()
