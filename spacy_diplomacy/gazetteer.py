"""One matching pass for every name pattern (treaties, acronyms, groups).

Phrases are matched case-insensitively with spaCy's PhraseMatcher; tokens
that are acronyms (two or more capitals, no lower-case letter) must match
exactly, and ACRONYM records and acronym-form GROUP records match exactly as
written. Text with non-breaking spaces, fullwidth forms or hyphen variants is
matched in a normalized copy whose characters line up one to one with the
original, so offsets still point into the original text.
"""
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Tuple

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

ACRONYM_TOKEN = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[^a-z]+$")
SPACING = re.compile(r"\s*([+/])\s*")

# One character to one character, so offsets survive normalization.
NORMALIZE = {0x00A0: " ", 0x1680: " ", 0x202F: " ", 0x205F: " ", 0x3000: " ", 0x200B: " ", 0xFEFF: " "}
NORMALIZE.update({c: " " for c in range(0x2000, 0x200B)})
NORMALIZE.update({c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2212, 0xFE63, 0xFF0D)})
NORMALIZE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF0D})
NEEDS_NORMALIZING = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(NORMALIZE)) + "]")


# "U.S.-led", "U.N.-backed", "U.S./Japan": split the acronym from what follows.
ACRONYM_INFIX = r"(?<=\b[A-Z]\.)[-/](?=[A-Za-z])"


def add_acronym_infix(nlp) -> None:
    """Add an infix rule to the pipeline's tokenizer so that acronyms written with
    periods become tokens of their own before a hyphen or slash (idempotent)."""
    tokenizer = nlp.tokenizer
    finditer = getattr(tokenizer, "infix_finditer", None)
    current = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if current is None or ACRONYM_INFIX in current:
        return
    tokenizer.infix_finditer = compile_infix_regex([current, ACRONYM_INFIX]).finditer


@dataclass(frozen=True)
class Hit:
    """A pattern match: token offsets, the record, and the pattern text that matched."""

    start: int
    end: int
    record: Dict[str, Any]
    pattern: str


def normalize_text(text: str) -> str:
    """Map spacing, hyphen and fullwidth variants to plain ASCII, keeping length."""
    return text.translate(NORMALIZE)


def is_exact_case(record: Dict[str, Any]) -> bool:
    """Whether every letter of the record's phrases must match as written."""
    return record["label"] == "ACRONYM" or (record["label"] == "GROUP" and record.get("acronym", False))


def record_patterns(record: Dict[str, Any]) -> List[Any]:
    """The record's pattern followed by its aliases."""
    return [record["pattern"], *record.get("aliases", [])]


def spacing_variants(phrase: str) -> List[str]:
    """A phrase as written, and with '+' and '/' written tight and spaced."""
    variants = [phrase]
    if SPACING.search(phrase):
        for variant in (SPACING.sub(r"\1", phrase), SPACING.sub(r" \1 ", phrase)):
            if variant not in variants:
                variants.append(variant)
    return variants


class Gazetteer:
    """Matches the phrase and token patterns of a set of records in one pass."""

    def __init__(self, nlp, records: Iterable[Dict[str, Any]], validate: bool = False):
        self.tokenizer = nlp.tokenizer
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab, validate=validate)
        self.variants: Dict[int, Tuple[Dict[str, Any], Tuple[Tuple[int, str], ...], str]] = {}
        for record in records:
            self.add(record)

    def add(self, record: Dict[str, Any]) -> None:
        """Add the pattern and aliases of one record."""
        exact = is_exact_case(record)
        for pattern in record_patterns(record):
            if isinstance(pattern, list):
                key = self._key(record, (), str(pattern))
                self.matcher.add(key, [pattern], greedy="LONGEST")
                continue
            for phrase in spacing_variants(pattern):
                doc = self.tokenizer(phrase)
                checks = tuple(
                    (i, token.text)
                    for i, token in enumerate(doc)
                    if (exact and token.text.lower() != token.text.upper()) or ACRONYM_TOKEN.match(token.text)
                )
                self.phrase_matcher.add(self._key(record, checks, pattern), [doc])

    def _key(self, record, checks, pattern) -> str:
        key = f"{record['label']}\t{record['id']}\t{len(self.variants)}"
        self.variants[self.phrase_matcher.vocab.strings.add(key)] = (record, checks, pattern)
        return key

    def __call__(self, doc: Doc) -> List[Hit]:
        """All matches in the doc, with token offsets into the doc."""
        target = doc
        if NEEDS_NORMALIZING.search(doc.text):
            target = self.tokenizer(normalize_text(doc.text))
        hits = []
        for key, start, end in [*self.phrase_matcher(target), *self.matcher(target)]:
            record, checks, pattern = self.variants[key]
            if any(target[start + i].text != text for i, text in checks):
                continue
            if target is not doc:
                span = doc.char_span(target[start].idx, target[end - 1].idx + len(target[end - 1]), alignment_mode="expand")
                if span is None:
                    continue
                start, end = span.start, span.end
            hits.append(Hit(start, end, record, pattern))
        return hits
