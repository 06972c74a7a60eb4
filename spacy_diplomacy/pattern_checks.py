"""Checks of pattern files beyond their schema (which ``pattern_files``
checks): patterns the tokenizer keeps from ever matching, and ids repeated
with conflicting data. ``spacy-diplomacy validate`` reports them."""
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Sequence, Tuple

from .gazetteer import NEEDS_NORMALIZING, normalize_text, record_patterns
from .pattern_files import jsonl_lines, validate_record

TOKEN_TEXT_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM")
MATCHING_FIELDS = {"pattern", "aliases", "acronym", "ambiguous", "source"}


@dataclass
class PatternReport:
    """Errors and warnings of a validation run, as ``file:line: message``."""

    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


def pattern_lines(path: Path, report: PatternReport) -> Iterator[Tuple[str, Any]]:
    """(``file:line``, parsed JSON) of every non-blank, non-comment line."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        report.errors.append(f"{path}: cannot read pattern file ({err.strerror or err})")
        return
    for number, value in jsonl_lines(path, raw, report.errors):
        yield f"{path}:{number}", value


def token_values(token: Dict[str, Any], attr: str) -> List[str]:
    """The strings a token pattern asks an attribute to equal (its value or IN list)."""
    value = token.get(attr)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [v for v in value["IN"] if isinstance(v, str)]
    return []


def is_one_token(tokenizer, value: str, any_case: bool) -> bool:
    """Whether the tokenizer can produce ``value`` as one token (alone or between words)."""
    forms = {value, value.upper(), value.title(), value.capitalize()} if any_case else {value}
    for form in forms:
        for context in (form, f"a {form} b"):
            if any((t.lower_ if any_case else t.text) == (value.lower() if any_case else value) for t in tokenizer(context)):
                return True
    return False


def token_pattern_problems(pattern: List[Dict[str, Any]], tokenizer) -> List[str]:
    """Token values that can never match: whitespace, capitals in LOWER, several tokens."""
    problems = []
    for position, token in enumerate(pattern):
        for attr in TOKEN_TEXT_ATTRS:
            for value in token_values(token, attr):
                lowered = attr in ("LOWER", "NORM")
                where = f"token {position} {attr} {value!r}"
                if value != value.strip() or " " in value:
                    problems.append(f"{where} contains whitespace: no token does, it can never match")
                elif attr == "LOWER" and value != value.lower():
                    problems.append(f"{where} has capitals: a LOWER value never does, it can never match")
                elif not is_one_token(tokenizer, value, any_case=lowered):
                    split = " ".join(repr(t.text) for t in tokenizer(value))
                    problems.append(f"{where} is split by the tokenizer into {split}: it can never match one token")
    return problems


def phrase_problems(phrase: str, tokenizer) -> List[str]:
    """Why a phrase pattern cannot match text as written (empty when it can)."""
    problems = []
    if NEEDS_NORMALIZING.search(phrase):
        odd = sorted({f"U+{ord(c):04X}" for c in NEEDS_NORMALIZING.findall(phrase)})
        problems.append(
            f"phrase {phrase!r} contains {', '.join(odd)}, which the matcher normalizes in the text: "
            f"it can never match; write {normalize_text(phrase)!r}"
        )
    tokens = tokenizer(phrase)
    if any(t.is_space for t in tokens):
        problems.append(
            f"phrase {phrase!r} has leading or repeated whitespace, which the tokenizer keeps as a token: "
            "it only matches text with the same spacing"
        )
    return problems


def keyword_problems(record: Dict[str, Any], tokenizer) -> List[str]:
    """Keywords of CONTEXT records (compared with single lower-cased tokens) and
    DEFINITION records (compared with the letter runs of a long form) that can never match."""
    problems = []
    for word in record["pattern"]:
        if record["label"] == "DEFINITION" and not re.fullmatch(r"[a-z]+", word.lower()):
            problems.append(f"keyword {word!r}: long forms are compared word by word (letters a-z only), it can never match")
        elif record["label"] == "CONTEXT" and not is_one_token(tokenizer, word.lower(), any_case=True):
            split = " ".join(repr(t.text) for t in tokenizer(word))
            problems.append(f"keyword {word!r} is split by the tokenizer into {split}: it can never match one token")
    return problems


def record_problems(record: Dict[str, Any], tokenizer) -> List[str]:
    """Problems beyond the schema: patterns that cannot match as written."""
    if record.get("remove") is True:
        return []
    if record["label"] in ("CONTEXT", "DEFINITION"):
        return keyword_problems(record, tokenizer)
    problems = []
    for pattern in record_patterns(record):
        if isinstance(pattern, list):
            problems += token_pattern_problems(pattern, tokenizer)
        else:
            problems += phrase_problems(pattern, tokenizer)
    return problems


def conflicting_fields(a: Dict[str, Any], b: Dict[str, Any]) -> List[str]:
    """Fields describing the entity that both records set, to different values
    (records of one id may split its patterns, e.g. acronym and name forms)."""
    shared = (set(a) & set(b)) - MATCHING_FIELDS
    return sorted(k for k in shared if a[k] != b[k])


def differing_patterns(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    return any(a.get(k) != b.get(k) for k in MATCHING_FIELDS - {"source"})


def validate_pattern_files(paths: Sequence[Path], tokenizer) -> PatternReport:
    """Schema, ids repeated with conflicting data (within and between the files,
    in order; a ``remove`` record ends an id), and patterns that cannot match."""
    report = PatternReport()
    seen: Dict[Tuple[str, str], Tuple[str, Dict[str, Any]]] = {}
    for path in paths:
        for where, record in pattern_lines(Path(path), report):
            errors = validate_record(record)
            if errors:
                report.errors.extend(f"{where}: {error}" for error in errors)
                continue
            key = (record["label"], record["id"])
            if record.get("remove") is True:
                seen.pop(key, None)
                continue
            report.errors.extend(f"{where}: {problem}" for problem in record_problems(record, tokenizer))
            if key in seen:
                first_where, first = seen[key]
                fields = conflicting_fields(first, record)
                if fields:
                    report.errors.append(
                        f"{where}: duplicate {key[0]} id {key[1]!r} with different {', '.join(fields)} than {first_where}"
                    )
                elif not differing_patterns(first, record):
                    report.warnings.append(f"{where}: repeats {key[0]} {key[1]!r} of {first_where}")
            else:
                seen[key] = (where, record)
    return report
