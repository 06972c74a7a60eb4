"""Every check of pattern records, shared by the loader (``pattern_files``,
which raises the errors and warns the warnings) and ``spacy-diplomacy validate``
(which prints both).

Errors: the schema (fields, types, token patterns spaCy's Matcher rejects),
patterns the tokenizer keeps from ever matching as written, and records of one
id with conflicting data. Warnings: a record that only repeats an earlier one.
Every problem is reported as ``where: message``, ``where`` being ``file:line``
(``patterns[n]`` for records given in code).
"""
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from spacy.schemas import validate_token_pattern
from spacy.tokens import Token

from .layout import NEEDS_NORMALIZING, normalize_text

STRING_LIST = "list of strings"
PATTERN = "phrase or token pattern"
PATTERN_LIST = "list of phrases or token patterns"
TOKEN_TEXT_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM")
MATCHING_FIELDS = {"pattern", "aliases", "acronym", "ambiguous", "source"}


class OneOf(tuple):
    """An enumeration of allowed string values."""


class AnyOf(tuple):
    """A union of allowed value kinds."""


# label -> (required keys, optional keys); values name the expected type.
# The name labels take SpanRuler's {"label", "pattern", "id"}; pattern_files.DEFAULTS fills the rest.
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
COMMON_OPTIONAL = {"source": str}


def record_phrases(record: Dict[str, Any]) -> List[Any]:
    """The record's pattern followed by its aliases."""
    return [record["pattern"], *record.get("aliases", [])]


# The schema -----------------------------------------------------------------------


def schema_problems(record: Any, validate: bool = True) -> List[str]:
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
    for attr in TOKEN_TEXT_ATTRS:
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


# Patterns that cannot match as written (they need the pipeline's tokenizer) --------


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


def match_problems(record: Dict[str, Any], tokenizer) -> List[str]:
    """Problems of a valid record beyond the schema: patterns that cannot match as written."""
    if record.get("remove") is True:
        return []
    if record["label"] in ("CONTEXT", "DEFINITION"):
        return keyword_problems(record, tokenizer)
    problems = []
    for pattern in record_phrases(record):
        if isinstance(pattern, list):
            problems += token_pattern_problems(pattern, tokenizer)
        else:
            problems += phrase_problems(pattern, tokenizer)
    return problems


# Records of one id ------------------------------------------------------------------


def conflicting_fields(a: Dict[str, Any], b: Dict[str, Any]) -> List[str]:
    """Fields describing the entity that both records set, to different values
    (records of one id may split its patterns, e.g. acronym and name forms)."""
    shared = (set(a) & set(b)) - MATCHING_FIELDS
    return sorted(k for k in shared if a[k] != b[k])


def differing_patterns(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    return any(a.get(k) != b.get(k) for k in MATCHING_FIELDS - {"source"})


# Running every check ----------------------------------------------------------------


@dataclass
class PatternReport:
    """Errors and warnings of a validation run, as ``where: message``."""

    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


class PatternChecker:
    """Runs every check on records in load order and collects the problems in
    ``report``. ``validate`` false skips spaCy's token pattern schema; without
    a ``tokenizer`` the match checks are skipped; ``compare_ids`` false skips
    the comparison of records of one id (for records already normalized, whose
    filled-in defaults would look like conflicts)."""

    def __init__(self, validate: bool = True, tokenizer=None, compare_ids: bool = True) -> None:
        self.report = PatternReport()
        self.validate = validate
        self.tokenizer = tokenizer
        self.seen: Optional[Dict[Tuple[str, str], Tuple[str, Dict[str, Any]]]] = {} if compare_ids else None

    def check(self, where: str, record: Any) -> bool:
        """Report the record's problems as ``where: message``; whether its schema
        is valid (only then can it be normalized and loaded)."""
        errors = schema_problems(record, self.validate)
        self.report.errors.extend(f"{where}: {error}" for error in errors)
        if errors:
            return False
        if self.tokenizer is not None:
            self.report.errors.extend(f"{where}: {problem}" for problem in match_problems(record, self.tokenizer))
        if self.seen is not None:
            self._compare_id(where, record)
        return True

    def _compare_id(self, where: str, record: Dict[str, Any]) -> None:
        """A conflict with the first earlier record of the label and id is an
        error, a mere repetition a warning; a ``remove`` record ends an id."""
        key = (record["label"], record["id"])
        if record.get("remove") is True:
            self.seen.pop(key, None)
        elif key not in self.seen:
            self.seen[key] = (where, record)
        else:
            first_where, first = self.seen[key]
            fields = conflicting_fields(first, record)
            if fields:
                self.report.errors.append(
                    f"{where}: duplicate {key[0]} id {key[1]!r} with different {', '.join(fields)} than {first_where}"
                )
            elif not differing_patterns(first, record):
                self.report.warnings.append(f"{where}: repeats {key[0]} {key[1]!r} of {first_where}")
