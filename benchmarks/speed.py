"""Throughput, memory and length scaling of spacy-diplomacy against its baselines.

Configurations (each runs in a subprocess of its own, so that its peak memory,
``resource.getrusage(RUSAGE_SELF).ru_maxrss``, is its own):

  a   tokenizer alone: spacy.blank("en")
  b   blank + diplomacy
  b'  blank + diplomacy with attributions off (treaties, acronyms, groups)
  c   blank + span_ruler loaded with the same treaty/acronym/group phrases
      (pattern and aliases of the component's TREATY, ACRONYM and GROUP records;
      phrases matched on LOWER like the component's gazetteer, token patterns as is)
  d   the installed English pipeline alone (spacy_diplomacy.pipelines.installed_english_pipeline)
  e   trained pipeline + diplomacy

Words per second = whitespace-separated words of the corpus / wall-clock seconds
of ``for doc in nlp.pipe(texts, batch_size=B): pass`` after a warm-up; best of
``--repeats`` rounds, each running every configuration once in a fresh subprocess
(so that load from other processes hits all configurations alike). The corpus
is the texts of ../shared/eval/polnear_dev.jsonl repeated to at least ``--words``
words (a-c, default 500k) and ``--parser-words`` words (d, e, default 100k: the
parser is ~50x slower than the tokenizer).

Length scaling: one document of 1k, 10k, 100k and 1M characters built from the
corpus, processed with ``nlp(text)``; time and time per character.

    python benchmarks/speed.py            # full run, writes benchmarks/results/speed.json
    python benchmarks/speed.py --quick    # smoke test (well under a minute)
    python benchmarks/speed.py --profile b   # cProfile of one pass of configuration b
    python benchmarks/speed.py --profile b --profile-chars 1000000   # ... of one 1M-character document
"""
import argparse
import cProfile
import gc
import io
import json
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchutil import RESULTS, SHARED_EVAL, machine_info, print_table, write_json  # noqa: E402

from spacy_diplomacy.pipelines import installed_english_pipeline  # noqa: E402

CONFIGS = {
    "a": "tokenizer alone (blank en)",
    "b": "blank + diplomacy",
    "b'": "blank + diplomacy, attributions off",
    "c": "blank + span_ruler (same phrases)",
    "d": "trained pipeline",
    "e": "trained pipeline + diplomacy",
}
TRAINED = {"d", "e"}
TARGETS = [
    # (name, numerator, denominator, minimum ratio)
    ("(b)/(a) >= 0.60", "b", "a", 0.60),
    ("(b')/(c) >= 1.00", "b'", "c", 1.00),
    ("(e)/(d) >= 0.90", "e", "d", 0.90),
]
LINEAR_TOLERANCE = 1.5  # time/char at the largest size <= 1.5x the 10k figure
SCALING_SIZES = (1_000, 10_000, 100_000, 1_000_000)
DEFAULT_CORPUS = SHARED_EVAL / "polnear_dev.jsonl"


# Worker side ---------------------------------------------------------------------


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_texts(path: Path) -> List[str]:
    texts = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                texts.append(record["text"] if isinstance(record, dict) else str(record))
    return texts


def build_corpus(texts: List[str], words: int) -> List[str]:
    """The texts in order, repeated until they hold at least ``words`` words."""
    corpus: List[str] = []
    total = 0
    while total < words:
        for text in texts:
            corpus.append(text)
            total += len(text.split())
            if total >= words:
                break
    return corpus


def build_document(texts: List[str], chars: int) -> str:
    """One text of about ``chars`` characters: corpus texts joined by blank lines,
    cut at the last space before the size."""
    parts: List[str] = []
    length = 0
    while length < chars:
        for text in texts:
            parts.append(text)
            length += len(text) + 2
            if length >= chars:
                break
    joined = "\n\n".join(parts)[:chars]
    cut = joined.rfind(" ")
    return joined[:cut] if cut > chars // 2 else joined


def span_ruler_patterns(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """SpanRuler patterns from the pattern and aliases of TREATY, ACRONYM and GROUP records."""
    patterns = []
    for record in records:
        if record["label"] not in ("TREATY", "ACRONYM", "GROUP"):
            continue
        for pattern in [record["pattern"], *record.get("aliases", [])]:
            patterns.append({"label": record["label"], "pattern": pattern, "id": record["id"]})
    return patterns


def make_nlp(config: str):
    import spacy

    import spacy_diplomacy  # noqa: F401 - registers the factory

    if config in TRAINED:
        name = installed_english_pipeline()
        if name is None:
            raise SystemExit("no English pipeline with a parser installed")
        nlp = spacy.load(name)
    else:
        nlp = spacy.blank("en")
    if config in ("b", "e"):
        nlp.add_pipe("diplomacy")
    elif config == "b'":
        nlp.add_pipe("diplomacy", config={"attributions": False})
    elif config == "c":
        probe = spacy.blank("en").add_pipe("diplomacy")
        ruler = nlp.add_pipe("span_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False})
        ruler.add_patterns(span_ruler_patterns(probe.patterns))
    nlp.max_length = max(nlp.max_length, 2 * max(SCALING_SIZES))
    return nlp


def time_pipe(nlp, corpus: List[str], batch_size: int) -> Dict[str, float]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(corpus, batch_size=batch_size):
        pass
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def worker(args: argparse.Namespace) -> Dict[str, Any]:
    """Run one configuration; returns its figures (printed as JSON on stdout)."""
    started = time.perf_counter()
    nlp = make_nlp(args.worker)
    load_seconds = time.perf_counter() - started
    texts = read_texts(args.corpus)
    result: Dict[str, Any] = {"config": args.worker, "pipeline": nlp.pipe_names, "load_seconds": round(load_seconds, 2)}
    if args.words:
        corpus = build_corpus(texts, args.words)
        words = sum(len(text.split()) for text in corpus)
        for _ in nlp.pipe(corpus[:10], batch_size=args.batch_size):  # warm-up
            pass
        rss_loaded = peak_rss_mib()
        runs = [time_pipe(nlp, corpus, args.batch_size) for _ in range(args.repeats)]
        best = min(runs, key=lambda run: run["wall"])
        result.update(
            words=words,
            docs=len(corpus),
            chars=sum(len(text) for text in corpus),
            batch_size=args.batch_size,
            runs_wall_seconds=[round(run["wall"], 3) for run in runs],
            best_wall_seconds=round(best["wall"], 3),
            words_per_second=round(words / best["wall"]),
            cpu_words_per_second=round(words / min(run["cpu"] for run in runs)),
            peak_rss_mib_after_load=round(rss_loaded, 1),
            peak_rss_mib=round(peak_rss_mib(), 1),
        )
    if args.scaling:
        scaling = []
        for size in args.scaling_sizes:
            text = build_document(texts, size)
            times = []
            # within a round: 3 runs up to 10k characters, 2 at 100k, 1 beyond
            for _ in range(3 if size <= 10_000 else 2 if size <= 100_000 else 1):
                gc.collect()
                begin = time.perf_counter()
                nlp(text)
                times.append(time.perf_counter() - begin)
            best = min(times)
            scaling.append(
                {"chars": len(text), "seconds": round(best, 4), "us_per_char": round(best / len(text) * 1e6, 3)}
            )
        result["scaling"] = scaling
        result["peak_rss_mib_with_scaling"] = round(peak_rss_mib(), 1)
    return result


def merge_round(best: Dict[str, Any], result: Dict[str, Any]) -> None:
    """Fold one round of a configuration into its figures: throughput of the
    fastest round, every round's time, peak memory of the worst round, and the
    fastest time of each scaling size."""
    previous_runs = best.get("runs_wall_seconds", [])
    previous_scaling = best.get("scaling", [])
    peaks = {k: v for k, v in best.items() if k.startswith("peak_rss")}
    cpu = best.get("cpu_words_per_second", 0)
    if "words_per_second" in result and result["best_wall_seconds"] < best.get("best_wall_seconds", float("inf")):
        best.update(result)
    else:
        best.update({k: v for k, v in result.items() if k not in best})
    if "words_per_second" in result:
        best["runs_wall_seconds"] = previous_runs + result["runs_wall_seconds"]
        best["cpu_words_per_second"] = max(cpu, result["cpu_words_per_second"])
    for key, value in peaks.items():
        best[key] = max(value, result.get(key, 0))
    by_chars = {s["chars"]: s for s in previous_scaling}
    for entry in result.get("scaling", []):
        if entry["chars"] not in by_chars or entry["seconds"] < by_chars[entry["chars"]]["seconds"]:
            by_chars[entry["chars"]] = entry
    if by_chars:
        best["scaling"] = [by_chars[chars] for chars in sorted(by_chars)]


def run_worker(config: str, args: argparse.Namespace, words: int, scaling: bool, sizes: List[int]) -> Dict[str, Any]:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", config,
        "--words", str(words), "--repeats", "1", "--batch-size", str(args.batch_size),
        "--corpus", str(args.corpus), "--scaling-sizes", ",".join(map(str, sizes)),
    ]
    if scaling:
        command.append("--scaling")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"configuration {config} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Profiling --------------------------------------------------------------------


def profile(args: argparse.Namespace) -> None:
    nlp = make_nlp(args.profile)
    texts = read_texts(args.corpus)
    for _ in nlp.pipe(texts[:10]):
        pass
    profiler = cProfile.Profile()
    if args.profile_chars:
        text = build_document(texts, args.profile_chars)
        what = f"one document of {len(text):,} characters"
        profiler.enable()
        nlp(text)
    else:
        words = args.parser_words if args.profile in TRAINED else args.words
        corpus = build_corpus(texts, words)
        what = f"{words:,} words, nlp.pipe(batch_size={args.batch_size})"
        profiler.enable()
        for _ in nlp.pipe(corpus, batch_size=args.batch_size):
            pass
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    print(f"cProfile of configuration {args.profile} ({CONFIGS[args.profile]}), {what}")
    print(out.getvalue())


# Main side --------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=500_000, help="corpus words for a, b, b', c (default %(default)s)")
    parser.add_argument("--parser-words", type=int, default=100_000, help="corpus words for d, e (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; each runs every configuration once in a fresh subprocess; the best round counts (default %(default)s)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default %(default)s)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with a 'text' field (default %(default)s)")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated subset of a,b,b',c,d,e")
    parser.add_argument("--scaling-configs", default="b,e", help="configurations timed on single long documents (default %(default)s)")
    parser.add_argument("--scaling-sizes", default=",".join(map(str, SCALING_SIZES)), help="document sizes in characters")
    parser.add_argument("--parser-max-chars", type=int, default=1_000_000, help="largest scaling document for d, e (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="smoke test: 20k/5k words, 1 repeat, documents up to 100k characters")
    parser.add_argument("--output", type=Path, default=None, help="JSON results (default benchmarks/results/speed.json; speed-quick.json with --quick)")
    parser.add_argument("--profile", choices=list(CONFIGS), help="print a cProfile of one pass of this configuration and exit")
    parser.add_argument("--profile-chars", type=int, default=0, help="with --profile: profile one document of this many characters instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--scaling", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.scaling_sizes = [int(size) for size in args.scaling_sizes.split(",") if size]

    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    if not args.corpus.is_file():
        parser.error(f"corpus {args.corpus} not found (give --corpus)")
    if args.quick:
        args.words, args.parser_words, args.repeats = 20_000, 5_000, 1
        args.scaling_sizes = [size for size in args.scaling_sizes if size <= 100_000]
        args.parser_max_chars = min(args.parser_max_chars, 10_000)
    if args.profile:
        profile(args)
        return 0
    output = args.output or RESULTS / ("speed-quick.json" if args.quick else "speed.json")
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    scaling_configs = {c.strip() for c in args.scaling_configs.split(",") if c.strip()}
    for config in configs + sorted(scaling_configs):
        if config not in CONFIGS:
            parser.error(f"unknown configuration {config!r}; choose from {', '.join(CONFIGS)}")
    if installed_english_pipeline() is None:
        skipped = [c for c in configs if c in TRAINED]
        if skipped:
            print(f"no trained English pipeline installed: skipping {', '.join(skipped)}", file=sys.stderr)
        configs = [c for c in configs if c not in TRAINED]
        scaling_configs -= TRAINED

    # Rounds: every configuration once per round (a fresh subprocess each time), so
    # that a burst of load from other processes hits all configurations alike;
    # the best round counts.
    results: Dict[str, Any] = {}
    for round_number in range(1, args.repeats + 1):
        for config in configs + sorted(scaling_configs - set(configs)):
            words = 0 if config not in configs else args.parser_words if config in TRAINED else args.words
            sizes = [s for s in args.scaling_sizes if s <= (args.parser_max_chars if config in TRAINED else max(args.scaling_sizes))]
            if round_number > 2:
                sizes = [s for s in sizes if s < 1_000_000]  # 1M characters: best of 2 rounds
            scaling = config in scaling_configs and bool(sizes)
            if not words and not scaling:
                continue
            print(f"round {round_number}/{args.repeats}: ({config}) {CONFIGS[config]}: {words} words"
                  f"{', scaling ' + ','.join(map(str, sizes)) if scaling else ''} ...", file=sys.stderr)
            merge_round(results.setdefault(config, {}), run_worker(config, args, words, scaling, sizes))

    info = machine_info()
    print(f"spacy-diplomacy speed, {info['date']}; {info['nproc']} cores, {info['cpu']}; load {info['load_average_1_5_15min']}")
    print(f"nlp.pipe(texts, batch_size={args.batch_size}); best of {args.repeats} round(s); corpus {args.corpus.name} repeated;"
          " memory = peak RSS (getrusage ru_maxrss) of a subprocess per configuration")
    rows = []
    for config, result in results.items():
        if "words_per_second" not in result:
            continue
        rows.append([f"({config})", CONFIGS[config], result["words"], result["docs"], f"{result['words_per_second']:,}",
                     f"{result['cpu_words_per_second']:,}", result["peak_rss_mib_after_load"], result["peak_rss_mib"]])
    if rows:
        print_table(("", "configuration", "words", "docs", "words/s", "words/s (CPU time)", "RSS after load MiB", "peak RSS MiB"), rows)

    checks = []
    for name, top, bottom, minimum in TARGETS:
        if top in results and bottom in results and "words_per_second" in results[top] and "words_per_second" in results[bottom]:
            ratio = results[top]["words_per_second"] / results[bottom]["words_per_second"]
            cpu_ratio = results[top]["cpu_words_per_second"] / results[bottom]["cpu_words_per_second"]
            checks.append({"target": name, "ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3), "met": ratio >= minimum})
    if checks:
        print()
        print_table(("target", "ratio (wall)", "ratio (CPU)", "met"),
                    [[c["target"], f"{c['ratio']:.3f}", f"{c['cpu_ratio']:.3f}", "yes" if c["met"] else "NO"] for c in checks])

    linear = {}
    for config, result in results.items():
        if "scaling" not in result:
            continue
        print(f"\nlength scaling, ({config}) {CONFIGS[config]}: one document, nlp(text), best of"
              f" {args.repeats} round(s) x 3 runs up to 10k chars, x 2 at 100k; {min(args.repeats, 2)} run(s) at 1M")
        print_table(("chars", "seconds", "us/char"),
                    [[f"{s['chars']:,}", f"{s['seconds']:.4f}", f"{s['us_per_char']:.3f}"] for s in result["scaling"]])
        reference = next((s for s in result["scaling"] if s["chars"] >= 9_000), None)
        largest = result["scaling"][-1]
        if reference is not None and largest is not reference:
            growth = largest["us_per_char"] / reference["us_per_char"]
            linear[config] = {"us_per_char_ratio_largest_vs_10k": round(growth, 3), "met": growth <= LINEAR_TOLERANCE}
            print(f"target linear growth (us/char at {largest['chars']:,} <= {LINEAR_TOLERANCE}x at {reference['chars']:,}):"
                  f" {growth:.2f}x -> {'yes' if growth <= LINEAR_TOLERANCE else 'NO'}")

    write_json(output, {
        "machine": info,
        "settings": {"words": args.words, "parser_words": args.parser_words, "repeats": args.repeats,
                     "batch_size": args.batch_size, "corpus": args.corpus.name, "quick": args.quick,
                     "memory": "peak RSS, resource.getrusage(RUSAGE_SELF).ru_maxrss, one subprocess per configuration"},
        "configs": {config: {"name": CONFIGS[config], **result} for config, result in results.items()},
        "targets": checks,
        "linear_growth": linear,
    })
    print(f"\nresults written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
