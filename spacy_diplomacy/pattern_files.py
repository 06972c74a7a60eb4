"""Reading pattern files (JSONL, SpanRuler record format): every record goes
through the checks of ``pattern_checks`` when it is read, its errors raised
as ``file:line: message`` and its warnings warned, so a bad pattern never
surfaces at the first document.
"""
import warnings
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Sequence, Tuple, Union

import srsly

from .errors import Errors
from .pattern_checks import PatternChecker, PatternReport, record_phrases

PathLike = Union[str, Path]

# Defaults of optional fields, filled in once when a record is loaded.
DEFAULTS: Dict[str, Dict[str, Any]] = {
    "TREATY": {"aliases": [], "descriptions": []},
    "ACRONYM": {"aliases": [], "long_form": [], "type": "ORG"},
    "GROUP": {"aliases": [], "members": [], "long_form": []},
    "CONTEXT": {"polarity": "positive"},
}

BUNDLED_FILES = (
    "treaties.jsonl",
    "treaty_rules.jsonl",
    "treaty_words.jsonl",
    "acronyms.jsonl",
    "groups.jsonl",
    "definitions.jsonl",
    "context.jsonl",
    "attribution_verbs.jsonl",
    "states.jsonl",
)


class PatternError(ValueError):
    """A pattern file or record is malformed; the message names file and line."""


class PatternWarning(UserWarning):
    """A pattern record is suspect but loads (it repeats an earlier one); the message names file and line."""


def bundled_pattern_dir() -> Path:
    """The folder of the bundled pattern files: ``spacy_diplomacy/patterns`` in an
    installed package, the top-level ``patterns/`` when imported from a checkout."""
    package = Path(__file__).resolve().parent
    installed, checkout = package / "patterns", package.parent / "patterns"
    if (installed / BUNDLED_FILES[0]).is_file():
        return installed
    if (package.parent / "pyproject.toml").is_file() and (checkout / BUNDLED_FILES[0]).is_file():
        return checkout
    raise PatternError(Errors.PATTERNS_MISSING.format(places=f"{installed} and {checkout}"))


def bundled_pattern_paths() -> List[Path]:
    """Paths of the pattern files shipped with the package."""
    root = bundled_pattern_dir()
    return [root / name for name in BUNDLED_FILES if (root / name).is_file()]


def jsonl_lines(path: Path, raw: bytes, problems: List[str]) -> Iterator[Tuple[int, Any]]:
    """(line number, parsed value) of each line of a JSONL file that is not blank
    or a ``//`` comment; lines that are not UTF-8 or not JSON are reported in
    ``problems`` as ``file:line: message`` and skipped."""
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            text = line.decode("utf-8").strip()
        except UnicodeDecodeError as err:
            problems.append(f"{path}:{number}: not UTF-8 ({err.reason} at byte {err.start})")
            continue
        if not text or text.startswith("//"):
            continue
        try:
            yield number, srsly.json_loads(text)
        except ValueError as err:
            problems.append(f"{path}:{number}: invalid JSON ({err})")


def checked_pattern_files(
    paths: Sequence[PathLike], validate: bool = True, tokenizer=None
) -> Tuple[List[List[Dict[str, Any]]], PatternReport]:
    """Read pattern files in order and run every check on their records (ids are
    compared across the files; the match checks need the pipeline's ``tokenizer``):
    the normalized valid records of each file, and the report of its problems."""
    checker = PatternChecker(validate, tokenizer)
    files = []
    for path in map(Path, paths):
        records = []
        try:
            raw = path.read_bytes()
        except OSError as err:
            checker.report.errors.append(f"{path}: cannot read pattern file ({err.strerror or err})")
            raw = b""
        for number, record in jsonl_lines(path, raw, checker.report.errors):
            if checker.check(f"{path}:{number}", record):
                record.setdefault("source", f"{path.name}:{number}")
                records.append(normalize_record(record))
        files.append(records)
    return files, checker.report


def raise_problems(report: PatternReport) -> None:
    """Warn the report's warnings (PatternWarning), then raise its errors as one PatternError."""
    for warning in report.warnings:
        warnings.warn(warning, PatternWarning)
    if report.errors:
        raise PatternError("\n".join(report.errors))


def read_pattern_files(paths: Sequence[PathLike], validate: bool = True, tokenizer=None) -> List[List[Dict[str, Any]]]:
    """The records of each pattern file (see ``checked_pattern_files``); raise
    PatternError on any error."""
    files, report = checked_pattern_files(paths, validate, tokenizer)
    raise_problems(report)
    return files


def read_pattern_file(path: PathLike, validate: bool = True, tokenizer=None) -> List[Dict[str, Any]]:
    """The records of one pattern file; raise PatternError on any error."""
    return read_pattern_files([path], validate, tokenizer)[0]


def validate_records(
    records: Iterable[Dict[str, Any]], origin: str = "patterns", validate: bool = True, tokenizer=None
) -> List[Dict[str, Any]]:
    """Check and normalize records given in code (``add_patterns``, ``initialize``,
    a saved pipeline). Their ids are not compared: they may come normalized, with
    defaults filled in that would look like conflicts."""
    checker = PatternChecker(validate, tokenizer, compare_ids=False)
    checked = []
    for number, record in enumerate(records, 1):
        if checker.check(f"{origin}[{number}]", record):
            checked.append(normalize_record({**record, "source": record.get("source", f"{origin}[{number}]")}))
    raise_problems(checker.report)
    return checked


def normalize_record(record: Dict[str, Any]) -> Dict[str, Any]:
    """A valid record with every optional field of its label filled in:
    ``aliases`` always a list, ``long_form`` always a list (first = standard
    expansion), a treaty's or group's ``name`` defaulting to its first phrase."""
    if record.get("remove") is True:
        return record
    label = record["label"]
    record = {**{key: list(value) if isinstance(value, list) else value for key, value in DEFAULTS.get(label, {}).items()}, **record}
    if isinstance(record.get("long_form"), str):
        record["long_form"] = [record["long_form"]]
    if label in ("TREATY", "GROUP") and "name" not in record:
        phrases = [p for p in record_phrases(record) if isinstance(p, str)]
        record["name"] = phrases[0] if phrases else record["id"]
    return record


def merge_records(*record_lists: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Concatenate record lists; a ``remove`` record drops earlier ones with its label and id."""
    merged: List[Dict[str, Any]] = []
    for records in record_lists:
        for record in records:
            if record.get("remove") is True:
                merged = [r for r in merged if (r["label"], r.get("id")) != (record["label"], record["id"])]
            else:
                merged.append(record)
    return merged


def load_patterns(paths: Sequence[PathLike] = (), use_bundled: bool = True, validate: bool = True) -> List[Dict[str, Any]]:
    """Load the bundled pattern files (optionally) followed by the user's files.
    Without a tokenizer the match checks are skipped: the test suite runs them
    on the bundled files, and the component on the user's files."""
    files = (bundled_pattern_paths() if use_bundled else []) + [Path(p) for p in paths]
    return merge_records(*read_pattern_files(files, validate))
