"""Reading and validating pattern files (JSONL, SpanRuler record format).

Every problem is reported as ``file:line: message`` when the file is read, so
a bad pattern never surfaces at the first document.
"""
import re
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import srsly
from spacy.schemas import validate_token_pattern
from spacy.tokens import Token

from .errors import Errors

PathLike = Union[str, Path]

STRING_LIST = "list of strings"
PATTERN = "phrase or token pattern"
PATTERN_LIST = "list of phrases or token patterns"


class OneOf(tuple):
    """An enumeration of allowed string values."""


class AnyOf(tuple):
    """A union of allowed value kinds."""


# label -> (required keys, optional keys); values name the expected type.
# The name labels take SpanRuler's {"label", "pattern", "id"}; DEFAULTS fills the rest.
SCHEMAS: Dict[str, Tuple[Dict[str, Any], Dict[str, Any]]] = {
    "TREATY": (
        {"id": str, "pattern": PATTERN},
        {"name": str, "aliases": PATTERN_LIST, "descriptions": STRING_LIST, "category": str, "year": int, "kb_id": str},
    ),
    "TREATY_RULE": ({"id": str, "pattern": PATTERN}, {}),
    "TREATY_REF": ({"id": str, "pattern": PATTERN}, {}),
    "ACRONYM": (
        {"id": str, "pattern": str},
        {
            "long_form": AnyOf((str, STRING_LIST)),
            "type": OneOf(("STATE", "ORG", "TREATY")),
            "aliases": STRING_LIST,
            "treaty": str,
            "ambiguous": bool,
            "kb_id": str,
        },
    ),
    "GROUP": (
        {"id": str, "pattern": PATTERN},
        {
            "name": str,
            "members": STRING_LIST,
            "aliases": PATTERN_LIST,
            "acronym": bool,
            "long_form": AnyOf((str, STRING_LIST)),
            "ambiguous": STRING_LIST,
            "kb_id": str,
        },
    ),
    "CUE": (
        {"id": str, "pattern": PATTERN, "lemma": str, "kind": OneOf(("verb", "noun", "phrase", "label", "byline")), "cue_class": str},
        {"noun_forms": STRING_LIST, "clause_only": bool, "speech_object": bool, "addressee_object": bool,
         "for_content": bool, "quote_only": bool},
    ),
    "DEFINITION": (
        {
            "id": str,
            "pattern": STRING_LIST,
            "type": OneOf(
                ("STATE", "ORG", "TREATY", "GROUP", "INTERNATIONAL", "EXCLUDE", "COMPANY", "SPECIFIC_HEAD", "NEUTRAL_MODIFIER", "ORGANIZATION_NAME")
            ),
        },
        {},
    ),
    "CONTEXT": ({"id": str, "pattern": STRING_LIST}, {"polarity": OneOf(("positive", "negative"))}),
    "STATE": ({"id": str, "name": str, "pattern": str}, {"aliases": STRING_LIST, "demonyms": STRING_LIST}),
    "WORD_LIST": ({"id": str, "words": STRING_LIST}, {"meaning": str}),
}
# Defaults of optional fields, filled in once when a record is loaded.
DEFAULTS: Dict[str, Dict[str, Any]] = {
    "TREATY": {"aliases": [], "descriptions": []},
    "ACRONYM": {"aliases": [], "long_form": [], "type": "ORG"},
    "GROUP": {"aliases": [], "members": [], "long_form": []},
    "CONTEXT": {"polarity": "positive"},
}
COMMON_OPTIONAL = {"source": str}

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


def read_pattern_file(path: PathLike, validate: bool = True) -> List[Dict[str, Any]]:
    """Read and check one JSONL pattern file; raise PatternError on any problem.
    ``validate`` also checks token patterns against spaCy's schema."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise PatternError(f"{path}: cannot read pattern file ({err.strerror or err})") from None
    records = []
    problems: List[str] = []
    for number, record in jsonl_lines(path, raw, problems):
        errors = validate_record(record, validate)
        if errors:
            problems.extend(f"{path}:{number}: {error}" for error in errors)
            continue
        record.setdefault("source", f"{path.name}:{number}")
        records.append(normalize_record(record))
    if problems:
        raise PatternError("\n".join(problems))
    return records


def validate_records(records: Iterable[Dict[str, Any]], origin: str = "patterns", validate: bool = True) -> List[Dict[str, Any]]:
    """Validate records given in code (e.g. through ``initialize``)."""
    checked = []
    problems = []
    for number, record in enumerate(records, 1):
        errors = validate_record(record, validate)
        problems.extend(f"{origin}[{number}]: {error}" for error in errors)
        if not errors:
            checked.append(normalize_record({**record, "source": record.get("source", f"{origin}[{number}]")}))
    if problems:
        raise PatternError("\n".join(problems))
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


def record_phrases(record: Dict[str, Any]) -> List[Any]:
    """The record's pattern followed by its aliases."""
    return [record["pattern"], *record.get("aliases", [])]


def validate_record(record: Any, validate: bool = True) -> List[str]:
    """Return the problems of one record (empty when it is valid); ``validate``
    also checks token patterns against spaCy's schema."""
    if not isinstance(record, dict):
        return [f"expected a JSON object, got {type(record).__name__}"]
    label = record.get("label")
    if label is None:
        return ["missing field 'label'"]
    if label not in SCHEMAS:
        return [f"unknown label {label!r} (expected one of {', '.join(sorted(SCHEMAS))})"]
    if record.get("remove") is True:
        return [] if isinstance(record.get("id"), str) else ["a 'remove' record needs a string 'id'"]
    required, optional = SCHEMAS[label]
    problems = [f"missing field {key!r} for label {label}" for key in required if key not in record]
    allowed = {"label", "remove", *required, *optional, *COMMON_OPTIONAL}
    problems += [f"unknown field {key!r} for label {label}" for key in record if key not in allowed]
    for key, expected in {**required, **optional, **COMMON_OPTIONAL}.items():
        if key in record:
            problem = _check_value(key, record[key], expected, validate)
            if problem:
                problems.append(problem)
    return problems


def _check_value(key: str, value: Any, expected: Any, validate: bool = True) -> Optional[str]:
    if isinstance(expected, OneOf):
        if value not in expected:
            return f"field {key!r} must be one of {', '.join(expected)}, got {value!r}"
        return None
    options = expected if isinstance(expected, AnyOf) else (expected,)
    problems = [_check_type(key, value, option, validate) for option in options]
    return None if None in problems else problems[0]


def _check_type(key: str, value: Any, expected: Any, validate: bool = True) -> Optional[str]:
    if expected is str:
        if not isinstance(value, str) or not value.strip():
            return f"field {key!r} must be a non-empty string, got {value!r}"
    elif expected is int:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"field {key!r} must be an integer, got {value!r}"
    elif expected is bool:
        if not isinstance(value, bool):
            return f"field {key!r} must be true or false, got {value!r}"
    elif expected == STRING_LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"field {key!r} must be a list of non-empty strings"
    elif expected == PATTERN:
        return _check_pattern(key, value, validate)
    elif expected == PATTERN_LIST:
        if not isinstance(value, list):
            return f"field {key!r} must be a list of phrases or token patterns"
        for item in value:
            problem = _check_pattern(key, item, validate)
            if problem:
                return problem
    return None


def _check_pattern(key: str, value: Any, validate: bool = True) -> Optional[str]:
    if isinstance(value, str):
        return None if value.strip() else f"field {key!r}: empty pattern"
    if not isinstance(value, list):
        return f"field {key!r} must be a phrase (string) or a token pattern (list), got {type(value).__name__}"
    if not value:
        return f"field {key!r}: empty token pattern"
    errors = validate_token_pattern(value) if validate else []
    if errors:
        return f"field {key!r}: invalid token pattern: {'; '.join(str(e) for e in errors)}"
    for position, token in enumerate(value):
        for regex in _regexes(token):
            try:
                re.compile(regex)
            except (re.error, OverflowError) as err:
                return f"field {key!r}: regex {regex!r} does not compile ({err})"
        problem = _token_problem(token)
        if problem:
            return f"field {key!r}: token {position}: {problem}"
    return None


def _token_problem(token: Dict[str, Any]) -> Optional[str]:
    """What the schema lets through but the Matcher rejects or a document would fail on."""
    bounds = re.fullmatch(r"\{(\d*),(\d*)\}", str(token.get("OP", "")))
    if bounds and bounds.group(1) and bounds.group(2) and int(bounds.group(1)) > int(bounds.group(2)):
        return f"operator {token['OP']!r} has n > m"
    for attr in ("ORTH", "TEXT", "LOWER", "NORM"):
        value = token.get(attr)
        values = value.get("IN", []) if isinstance(value, dict) else [value]
        if "" in values:
            return f"{attr} '': no token is empty, it can never match"
    unknown = [name for name in token.get("_", {}) if not Token.has_extension(name)]
    if unknown:
        return f"token extension {unknown[0]!r} is not registered (Token.set_extension before loading the patterns)"
    return None


def _regexes(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "REGEX" and isinstance(value, str):
                yield value
            else:
                yield from _regexes(value)


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
    """Load the bundled pattern files (optionally) followed by the user's files."""
    files = (bundled_pattern_paths() if use_bundled else []) + [Path(p) for p in paths]
    return merge_records(*(read_pattern_file(path, validate) for path in files))
