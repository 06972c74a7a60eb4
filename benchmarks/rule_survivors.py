"""Rules that no test notices: switch off the rule records of the bundled pattern
files and the rule functions of the library one at a time, run the tests that
exercise them, list the survivors.

A rule is a record of ``patterns/*.jsonl`` with one of the labels TREATY_RULE,
TREATY_REF, DEFINITION, CONTEXT, CUE or WORD_LIST (TREATY, ACRONYM, GROUP and
STATE records are facts of the gazetteer, not rules). Switching a rule off:

* a record with a token pattern (TREATY_RULE, TREATY_REF, CUE) is dropped;
* a word list (DEFINITION and CONTEXT ``pattern``, WORD_LIST ``words``) is
  emptied: the code that reads it still finds the record, so the run shows what
  the words are for rather than a ``KeyError`` at import;
* a rule written in Python (label PY_RULE, the functions of ``PY_RULES``) has
  its body replaced by ``return <neutral>``: what it returns when the rule
  never fires (``False`` for a blocking predicate, the argument for an extender,
  ``None`` for an optional finder).

Each run happens in a scratch copy of the checkout (``spacy_diplomacy/``, ``examples/``,
``patterns/``, ``tests/``, ``pyproject.toml``) whose pattern file or module lacks the rule;
the library has no hook for this. ``pytest -x`` stops at the first failing test,
so a noticed rule costs one short run; a survivor costs a full run of the
selected test files. ``--jobs`` runs that many scratch copies side by side.

    python benchmarks/rule_survivors.py --labels TREATY_RULE,TREATY_REF,DEFINITION,CONTEXT
    python benchmarks/rule_survivors.py --labels CUE --limit 20 --output /tmp/cues.json
    python benchmarks/rule_survivors.py --only CONTEXT:format_words   # one rule again
    python benchmarks/rule_survivors.py --labels PY_RULE --jobs 1
    python benchmarks/rule_survivors.py --only PY_RULE:attribution/cues.py:_noun_by_words

Exit status: 0 when no rule survives, 1 when some do, 2 when the tests fail
with every rule switched on (then no result means anything).
"""
import argparse
import ast
import json
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import srsly

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy_diplomacy.pattern_files import jsonl_lines  # noqa: E402

LIST_FIELDS = {"DEFINITION": "pattern", "CONTEXT": "pattern", "WORD_LIST": "words"}
RULE_LABELS = ("TREATY_RULE", "TREATY_REF", "DEFINITION", "CONTEXT", "CUE", "WORD_LIST", "PY_RULE")
PACKAGE = "spacy_diplomacy"
# "module path inside the package:function (Class.method)": what it returns when its rule never fires
PY_RULES = {
    "attribution/cues.py:_blocked_by_tree": "False",
    "attribution/cues.py:_says_something": "False",
    "attribution/cues.py:_noun_by_words": "False",
    "attribution/cues.py:_blocked_by_words": "False",
    "attribution/stage.py:_Doc.in_quote": "False",
    "attribution/stage.py:AttributionStage._speech": "True",
    "attribution/stage.py:AttributionStage._opens_sentence": "True",
    "attribution/stage.py:AttributionStage._quote_runs_on": "True",
    "attribution/stage.py:AttributionStage._own_cue_after": "False",
    "attribution/stage.py:AttributionStage._continuation": "k",
    "attribution/stage.py:AttributionStage._chain": "k",
    "attribution/stage.py:AttributionStage._direct_by_tree": "True",
    "attribution/stage.py:AttributionStage._clause_subject": "None",
    "attribution/content.py:object_follows": "False",
    "attribution/content.py:bare_cue": "False",
    "attribution/content.py:parenthetical": "None",
    "attribution/content.py:without_speaker": "content",
    "attribution/content.py:_listener": "False",
    "attribution/speakers.py:is_clock_time": "False",
    "attribution/speakers.py:after_clock_time": "(start, end)",
    "attribution/shapes.py:noun_cue": "None",
    "attribution/shapes.py:quoted_as_at": "None",
    "attribution/shapes.py:speaker_label": "None",
    "attribution/shapes.py:_transcript_turns": "2",
    "attribution/shapes.py:byline": "None",
    "attribution/speakers.py:_appended_name": "None",
    "attribution/speakers.py:tree_role": "None",
    "attribution/speakers.py:split_role": "(None, None)",
    "attribution/phrases.py:soft_break": "False",
    "attribution/lexicon.py:is_person_head": "False",
    "attribution/phrases.py:noun_phrase_ok": "end > start",
    "attribution/phrases.py:_with_determiner": "start",
    "attribution/phrases.py:_modifier_head": "None",
    "attribution/phrases.py:phrase_after": "None",
    "attribution/phrases.py:sentence_subject": "None",
    "attribution/content.py:_object_content": "None",
    "attribution/content.py:opens_clause": "False",
    "attribution/content.py:adverbial": "False",
    "attribution/resolution.py:Resolver._is_description": "False",
    "attribution/resolution.py:Resolver._gender": "None",
    "attribution/resolution.py:Resolver._same_head": "None",
    "attribution/resolution.py:Resolver._antecedent": "None",
    "attribution/resolution.py:Resolver._fullest": "span",
    "attribution/sentences.py:SentenceIndex._wrapped": "False",
    "attribution/quotes.py:_looks_opening": "False",
    "attribution/quotes.py:_only_space": "False",
    "treaties.py:_indefinite": "False",
    "treaties.py:_extends": "False",
    "treaties.py:_followed_by_head": "False",
    "treaties.py:_leading_noise": "False",
    "treaties.py:_sentence_initial": "False",
    "treaties.py:_in_headline": "False",
    "treaties.py:_names_organization": "False",
    "treaties.py:_years_nearby": "set()",
    "references.py:TreatyLexicon.fits": "True",
    "acronyms.py:ContextGate.allows": "True",
    "acronyms.py:_in_capitals": "False",
    "acronyms.py:_inside_other_treaty": "False",
    "acronyms.py:_not_a_state": "False",
    "definitions.py:agrees": "False",
    "definitions.py:_content_start": "start",
    "definitions.py:_title_run_start": "None",
    "definitions.py:_long_form_inside": "None",
    "glued.py:has_glued_acronym": "False",
    "layout.py:layout_tokens": "[]",
}
NAME_TESTS = (
    "tests/test_rule_cases.py",
    "tests/test_treaties.py",
    "tests/test_references.py",
    "tests/test_definitions.py",
    "tests/test_acronyms.py",
    "tests/test_cli_patterns.py::test_bundled_pattern_cases_pass",
    "tests/test_component.py",
    "tests/test_extraction.py",
    "tests/test_rule_functions.py",
)
ATTRIBUTION_TESTS = (
    "tests/test_cue_records.py",
    "tests/test_attribution.py",
    "tests/test_attribution_blank.py",
    "tests/test_attribution_quotes.py",
    "tests/test_attribution_resolution.py",
    "tests/test_attribution_senses.py",
    "tests/test_attribution_lines.py",
    "tests/test_statements.py",
    "tests/test_word_lists.py",
    "tests/test_cli_patterns.py::test_bundled_pattern_cases_pass",
    "tests/test_rule_functions.py",
)
TESTS_BY_LABEL = {"CUE": ATTRIBUTION_TESTS, "WORD_LIST": ATTRIBUTION_TESTS}
COPIED = ("spacy_diplomacy", "patterns", "tests", "examples", "pyproject.toml")


@dataclass
class Rule:
    """One rule record or rule function: where it is and what it is."""

    file: str  # path relative to the checkout root
    line: int
    label: str
    id: str

    def where(self) -> str:
        return f"{self.file}:{self.line} {self.label} {self.id}"


def find_rules(root: Path, labels: Sequence[str]) -> List[Rule]:
    """The rule records with one of ``labels`` in ``root/patterns/*.jsonl``, in file
    order, then the functions of ``PY_RULES`` when PY_RULE is among ``labels``."""
    rules = []
    for path in sorted((root / "patterns").glob("*.jsonl")):
        problems: List[str] = []
        for number, record in jsonl_lines(path, path.read_bytes(), problems):
            if isinstance(record, dict) and record.get("label") in labels:
                rules.append(Rule(str(path.relative_to(root)), number, record["label"], record.get("id", "")))
        if problems:
            raise SystemExit("\n".join(problems))
    if "PY_RULE" in labels:
        for rule_id in PY_RULES:
            module, name = rule_id.split(":")
            path = f"{PACKAGE}/{module}"
            node = function_node((root / path).read_text(encoding="utf-8"), name)
            rules.append(Rule(path, node.lineno, "PY_RULE", rule_id))
    return rules


def function_node(source: str, qualified_name: str) -> ast.FunctionDef:
    """The definition of ``qualified_name`` ("function" or "Class.method") in ``source``."""
    scope: Sequence[ast.stmt] = ast.parse(source).body
    node = None
    for part in qualified_name.split("."):
        node = next((n for n in scope if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and n.name == part), None)
        if node is None:
            raise SystemExit(f"no function {qualified_name} in the module")
        scope = node.body
    if not isinstance(node, ast.FunctionDef):
        raise SystemExit(f"{qualified_name} is not a function")
    return node


def neutralized(source: str, qualified_name: str, neutral: str) -> str:
    """``source`` with the body of ``qualified_name`` replaced by ``return <neutral>``
    (the ``def`` line, its decorators and the indentation kept)."""
    node = function_node(source, qualified_name)
    first = node.body[0]
    if first.lineno == node.lineno:
        raise SystemExit(f"{qualified_name}: body on the def line")
    lines = source.split("\n")
    lines[first.lineno - 1 : node.end_lineno] = [" " * first.col_offset + f"return {neutral}"]
    return "\n".join(lines)


def switched_off(text: str, rule: Rule) -> str:
    """The file's text with ``rule`` switched off (line numbers kept, except after a rule function)."""
    if rule.label == "PY_RULE":
        return neutralized(text, rule.id.split(":")[1], PY_RULES[rule.id])
    lines = text.split("\n")
    record = srsly.json_loads(lines[rule.line - 1])
    if rule.label in LIST_FIELDS:
        record[LIST_FIELDS[rule.label]] = []
        lines[rule.line - 1] = srsly.json_dumps(record)
    else:
        lines[rule.line - 1] = ""
    return "\n".join(lines)


def make_scratch(root: Path, parent: Path, name: str) -> Path:
    """A copy of the parts of the checkout the tests need."""
    scratch = parent / name
    scratch.mkdir()
    for part in COPIED:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, scratch / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, scratch / part)
    return scratch


def run_tests(scratch: Path, tests: Sequence[str]) -> int:
    """pytest's exit status for ``tests`` run in ``scratch`` (stops at the first failure)."""
    selected = [t for t in tests if (scratch / t.split("::")[0]).is_file()]
    command = [sys.executable, "-B", "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *selected]
    return subprocess.run(command, cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def check_rule(scratch: Path, rule: Rule, tests: Sequence[str]) -> int:
    """Switch ``rule`` off in ``scratch``, run ``tests``, switch it on again."""
    path = scratch / rule.file
    original = path.read_text(encoding="utf-8")
    path.write_text(switched_off(original, rule), encoding="utf-8")
    try:
        return run_tests(scratch, tests)
    finally:
        path.write_text(original, encoding="utf-8")


def tests_for(rule: Rule, tests: Optional[Sequence[str]]) -> Sequence[str]:
    """``tests`` if given, else by label (rule functions: by module)."""
    if tests:
        return tests
    if rule.label == "PY_RULE":
        return ATTRIBUTION_TESTS if rule.id.startswith("attribution/") else NAME_TESTS
    return TESTS_BY_LABEL.get(rule.label, NAME_TESTS)


def survivors(root: Path, rules: List[Rule], tests: Optional[Sequence[str]] = None, jobs: int = 1,
              log=print) -> Dict[str, List[Rule]]:
    """{"survived": [...], "noticed": [...], "error": [...]} over ``rules``; raise
    RuntimeError when the tests fail with every rule on."""
    outcome: Dict[str, List[Rule]] = {"survived": [], "noticed": [], "error": []}
    with tempfile.TemporaryDirectory(prefix="rule-survivors-") as tmp:
        scratches: "queue.Queue[Path]" = queue.Queue()
        for number in range(max(1, jobs)):
            scratches.put(make_scratch(root, Path(tmp), f"copy{number}"))
        baseline = {tuple(tests_for(rule, tests)) for rule in rules}
        scratch = scratches.get()
        for selection in baseline:
            if run_tests(scratch, selection) != 0:
                raise RuntimeError(f"the tests fail with every rule on: {' '.join(selection)}")
        scratches.put(scratch)

        def one(rule: Rule) -> None:
            scratch = scratches.get()
            try:
                status = check_rule(scratch, rule, tests_for(rule, tests))
            finally:
                scratches.put(scratch)
            kind = {0: "survived", 1: "noticed"}.get(status, "error")
            outcome[kind].append(rule)
            log(f"{kind:8} {rule.where()}" + (f" (pytest exit {status})" if kind == "error" else ""))

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(one, rules))
    order = {(r.file, r.line): i for i, r in enumerate(rules)}
    for kind in outcome:
        outcome[kind].sort(key=lambda r: order[(r.file, r.line)])
    return outcome


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", default=",".join(RULE_LABELS), help="comma-separated rule labels")
    parser.add_argument("--only", default="", help="comma-separated LABEL:id of the rules to check")
    parser.add_argument("--limit", type=int, default=0, help="check the first N rules only")
    parser.add_argument("--tests", nargs="+", help="test files (default: by label, see NAME_TESTS and ATTRIBUTION_TESTS)")
    parser.add_argument("--jobs", type=int, default=2, help="scratch copies run side by side")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to copy (default: this one)")
    parser.add_argument("--output", type=Path, help="write the outcome as JSON")
    args = parser.parse_args(argv)
    labels = [label.strip() for label in args.labels.split(",") if label.strip()]
    unknown = sorted(set(labels) - set(RULE_LABELS))
    if unknown:
        parser.error(f"unknown label(s) {', '.join(unknown)} (rules are {', '.join(RULE_LABELS)})")
    rules = find_rules(args.root, labels)
    if args.only:
        wanted = {tuple(item.strip().split(":", 1)) for item in args.only.split(",") if item.strip()}
        rules = [rule for rule in rules if (rule.label, rule.id) in wanted]
    if args.limit:
        rules = rules[: args.limit]
    started = time.perf_counter()
    try:
        outcome = survivors(args.root, rules, args.tests, args.jobs, log=lambda line: print(line, file=sys.stderr, flush=True))
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    for rule in outcome["survived"]:
        print(rule.where())
    counts = {label: {kind: sum(r.label == label for r in outcome[kind]) for kind in outcome}
              for label in labels if any(rule.label == label for rule in rules)}
    print(f"{len(outcome['survived'])} of {len(rules)} rules survive ({seconds:.0f} s): "
          + ", ".join(f"{label} {c['survived']}/{sum(c.values())}" for label, c in counts.items()), file=sys.stderr)
    if args.output:
        report = {kind: [asdict(r) for r in rules_] for kind, rules_ in outcome.items()}
        report.update(counts=counts, seconds=round(seconds, 1), rules=len(rules))
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if outcome["survived"] or outcome["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
