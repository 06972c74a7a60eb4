"""Commands about pattern files: ``test`` (regression cases), ``validate`` and ``info``."""
import platform
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional

import spacy
import typer

from .. import __version__
from ..cases import read_cases, run_cases
from ..pattern_files import bundled_pattern_paths, checked_pattern_files, merge_records, read_pattern_file
from ..pipelines import FALLBACK_MODEL, check_pattern_files, installed_english_pipeline, load_model, load_pipeline
from ._util import ModelOption, NoBundledOption, PatternsOption, app, print_table, reports_user_errors


@app.command("test")
@reports_user_errors
def run_tests(
    case_files: List[Path] = typer.Argument(..., help="JSONL files of test cases.", metavar="CASES"),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
    failures_only: bool = typer.Option(False, "--failures-only", help="Print only failing cases."),
) -> None:
    """Run pattern regression tests; exit 1 when any case fails.

    Each line of a case file is a JSON object:
    {"text": ..., "expect": [{"text": "P5+1", "label": "GROUP"}], "reject":
    [{"text": "4 + 1", "label": "GROUP"}]}. Labels: TREATY, ACRONYM, GROUP,
    CUE, SPEAKER, CONTENT. Optional in expect items: start, id, long_form
    (string or list of accepted strings), members, type; in reject items:
    start, and label may be left out (any label). Optional case fields: name,
    exhaustive (a list of labels, or true for the labels the case's items
    name: found spans of these labels that are not expected fail the case).
    Lines starting with // are comments. Invalid case lines go to stderr.

    \b
    Examples:
      echo '{"text": "The P5+1 met in Vienna.", "expect": [{"text": "P5+1", "label": "GROUP"}]}' > my_cases.jsonl
      spacy-diplomacy test my_cases.jsonl --model blank:en
      spacy-diplomacy test my_cases.jsonl --failures-only
    """
    problems: List[str] = []
    cases = [case for path in case_files for case in read_cases(path, problems)]
    for case in run_cases(load_pipeline(model, patterns, no_bundled), cases):
        if case.failures or not failures_only:
            title = case.name or case.text.replace("\n", " ")
            print(f"{'FAIL' if case.failures else 'PASS'} {case.where}  {title[:90]}")
            for line in case.failures:
                print(f"    {line}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    failed = sum(1 for case in cases if case.failures)
    print(f"{len(cases) - failed} passed, {failed} failed" + (f", {len(problems)} invalid case lines" if problems else ""))
    if failed or problems:
        raise typer.Exit(1)


@app.command()
@reports_user_errors
def validate(
    pattern_files: Optional[List[Path]] = typer.Argument(None, help="Pattern files (default: the bundled ones).", metavar="PATTERN_FILES"),
    model: str = typer.Option(FALLBACK_MODEL, "--model", "-m", metavar="NAME", help="Pipeline whose tokenizer the patterns are checked with."),
) -> None:
    """Check pattern files: JSON, schema (unknown or missing fields, types,
    token attributes), duplicate ids with conflicting data, and phrases or
    token values that cannot match as written: the checks the component runs
    on the files it loads. Every problem is printed on stderr as FILE:LINE:
    message; exit 1 on any error.

    \b
    Examples:
      spacy-diplomacy validate
      echo '{"label": "GROUP", "id": "Quad", "name": "Quad", "pattern": "Quad", "members": ["US", "JP", "IN", "AU"]}' > my_groups.jsonl
      spacy-diplomacy validate my_groups.jsonl
    """
    paths = list(pattern_files or []) or bundled_pattern_paths()
    _, report = checked_pattern_files(paths, tokenizer=load_model(model).tokenizer)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{len(paths)} file(s): {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    if report.errors:
        raise typer.Exit(1)


@app.command()
@reports_user_errors
def info(patterns: List[Path] = PatternsOption, no_bundled: bool = NoBundledOption) -> None:
    """Versions, the default model, and the pattern records loaded per file and label.

    \b
    Examples:
      spacy-diplomacy info
      echo '{"label": "GROUP", "id": "Quad", "name": "Quad", "pattern": "Quad", "members": ["US", "JP", "IN", "AU"]}' > my_groups.jsonl
      spacy-diplomacy info --patterns my_groups.jsonl
    """
    default = installed_english_pipeline()
    print(f"spacy-diplomacy {__version__}")
    print(f"spaCy           {spacy.__version__}")
    print(f"Python          {platform.python_version()} ({sys.executable})")
    print(f"default model   {default or FALLBACK_MODEL + ' (no English pipeline with a parser installed)'}")
    check_pattern_files(patterns)
    files = ([] if no_bundled else bundled_pattern_paths()) + list(patterns)
    per_file = [(path, read_pattern_file(path)) for path in files]
    merged = Counter(r["label"] for r in merge_records(*(records for _, records in per_file)))
    labels = sorted({r["label"] for _, records in per_file for r in records})

    def counts(counter: Counter) -> List[str]:
        return [str(counter[label] or "") for label in labels]

    rows = [[str(path), *counts(Counter(r["label"] for r in records))] for path, records in per_file]
    rows.append(["in use (after removals)", *counts(merged)])
    print_table("pattern records", ["file", *labels], rows)
