"""One matching pass for every name pattern (treaties, acronyms, groups).

Phrases are matched case-insensitively with spaCy's PhraseMatcher; tokens
that are acronyms (two or more capitals, no lower-case letter) must match
exactly, and ACRONYM records and acronym-form GROUP records match exactly as
written. Regions with non-breaking spaces, fullwidth forms, hyphen variants
or line breaks inside a name are matched again in a normalized view of the
text (see layout.py), with offsets mapped back into the original text.
"""
import re
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .pattern_files import record_phrases
from .layout import NEEDS_NORMALIZING, has_odd_character, layout_tokens, normalize_text, normalized_view  # noqa: F401

ACRONYM_TOKEN = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[^a-z]+$")
SPACING = re.compile(r"\s*([+/])\s*")

# "U.S.-led", "U.N.-backed", "U.S./Japan": split the acronym from what follows
# (also after the hyphen variants that NORMALIZE maps to "-").
ACRONYM_INFIX = r"(?<=\b[A-Z]\.)[-/\u2010\u2011\u2012\u2212\ufe63\uff0d](?=[A-Za-z])"


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


def odd_character_flag(vocab) -> int:
    """The id of a lexeme flag set for word forms with a character to normalize,
    added to the vocab once (spaCy computes flags once per word form)."""
    for flag_id, getter in vocab.lex_attr_getters.items():
        if getter is has_odd_character:
            return flag_id
    return vocab.add_flag(has_odd_character)


def is_exact_case(record: Dict[str, Any]) -> bool:
    """Whether every letter of the record's phrases must match as written."""
    return record["label"] == "ACRONYM" or (record["label"] == "GROUP" and record.get("acronym", False))


record_patterns = record_phrases


def spacing_variants(phrase: str) -> List[str]:
    """A phrase as written, and with '+' and '/' written tight and spaced."""
    variants = [phrase]
    if SPACING.search(phrase):
        for variant in (SPACING.sub(r"\1", phrase), SPACING.sub(r" \1 ", phrase)):
            if variant not in variants:
                variants.append(variant)
    return variants


TEXT_ATTRS = {"ORTH": True, "TEXT": True, "LOWER": False}  # attribute -> exact case
MAX_VARIANTS = 256


def simple_alternatives(pattern: List[Dict[str, Any]]) -> Optional[List[List[Tuple[str, bool]]]]:
    """For a token pattern that only lists word forms (ORTH/TEXT/LOWER equal to a
    string or IN a list, no operators), every word sequence it matches, each word
    with its exact-case flag; None for any other pattern."""
    slots = []
    for token in pattern:
        if len(token) != 1:
            return None
        (attr, value), = token.items()
        if attr not in TEXT_ATTRS:
            return None
        if isinstance(value, dict) and set(value) == {"IN"} and value["IN"]:
            values = value["IN"]
        elif isinstance(value, str):
            values = [value]
        else:
            return None
        slots.append([(word, TEXT_ATTRS[attr]) for word in values])
    if not slots or prod(len(slot) for slot in slots) > MAX_VARIANTS:
        return None
    return [list(words) for words in product(*slots)]


UNBOUNDED_REACH = 24  # tokens a "+" or "*" token may stand for around an anchor (long agreement titles)
MAX_WINDOW = 64  # tokens of merged anchor windows matched at once
REGION_REACH = 16  # tokens either side of an odd character matched again after normalizing


def anchor_slot(pattern: List[Dict[str, Any]]) -> Optional[Tuple[int, List[str], bool]]:
    """The pattern's most selective mandatory token that lists word forms: its
    index, its forms and whether they are exact-case; stop words ("the") make
    poor anchors. None when no token qualifies."""
    candidates = []
    for index, token in enumerate(pattern):
        if "OP" in token:
            continue
        for attr, exact in TEXT_ATTRS.items():
            value = token.get(attr)
            values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if values:
                forms = sorted(set(values if exact else (v.lower() for v in values)))
                candidates.append((any(f.lower() in STOP_WORDS for f in forms), len(forms), index, forms, exact))
    if not candidates:
        return None
    _, _, index, forms, exact = min(candidates)
    return index, forms, exact


def token_reach(token: Dict[str, Any]) -> int:
    """How many tokens one pattern token can match at most (capped for "+" and "*")."""
    op = token.get("OP")
    if op in ("+", "*"):
        return UNBOUNDED_REACH
    if isinstance(op, str) and op.startswith("{"):
        high = op.strip("{}").split(",")[-1]
        return int(high) if high else UNBOUNDED_REACH
    return 1


def _inside_name(doc: Doc, i: int) -> bool:
    """Whether token i (with a character to normalize) can be part of a name:
    not a stray space-like token next to punctuation or the edge of the text."""
    if not doc[i].is_space:
        return True
    return 0 < i < len(doc) - 1 and not (doc[i - 1].is_punct or doc[i - 1].is_space or doc[i + 1].is_punct or doc[i + 1].is_space)


class AnchoredRule:
    """A token pattern run only in windows around its anchor words, wide enough
    for everything the pattern can match on either side of an anchor. The
    anchors themselves are found by the Gazetteer's PhraseMatcher pass."""

    def __init__(self, vocab, key: str, pattern: List[Dict[str, Any]], index: int, validate: bool):
        self.matcher = Matcher(vocab, validate=validate)
        self.matcher.add(key, [pattern], greedy="LONGEST")
        self.before = sum(token_reach(t) for t in pattern[:index])
        self.after = sum(token_reach(t) for t in pattern[index + 1 :])

    def __call__(self, doc: Doc, anchors: Sequence[Tuple[int, int]]) -> List[Tuple[int, int, int]]:
        return [
            (key, low + start, low + end)
            for low, high in anchor_windows(anchors, self.before, self.after, len(doc))
            for key, start, end in self.matcher(doc[low:high], allow_missing=True)
        ]


def anchor_windows(anchors: Sequence[Tuple[int, int]], before: int, after: int, length: int) -> List[Tuple[int, int]]:
    """Token windows reaching ``before`` and ``after`` tokens around each anchor,
    merged while they overlap, up to MAX_WINDOW tokens: a longer run of anchors
    ("Treaty Treaty Treaty ...") starts a new window at the anchor's own window
    instead, so each window's matching work is bounded and the total stays
    linear in the text, while every anchor's window still lies whole in one."""
    windows: List[List[int]] = []
    for start, end in anchors:
        low, high = max(0, start - before), min(length, end + after)
        if windows and low <= windows[-1][1] and high - windows[-1][0] <= MAX_WINDOW:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return [(low, high) for low, high in windows]


class Gazetteer:
    """Matches the phrase and token patterns of a set of records in one pass.

    Phrases and token patterns that only list word forms go to a PhraseMatcher
    (compiled code, linear in the text). Other token patterns run only in
    windows around their anchor words (their most selective mandatory word),
    or over the whole text when they have none: spaCy's Matcher evaluates set
    and shape predicates in Python, token by token. A token pattern on
    annotation the pipeline lacks (POS without a tagger) matches nothing
    rather than failing at the first document."""

    def __init__(self, nlp, records: Iterable[Dict[str, Any]], validate: bool = False):
        self.tokenizer = nlp.tokenizer
        self.vocab = nlp.vocab
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.validate = validate
        self.anchored_rules: List[AnchoredRule] = []
        self.matcher = Matcher(nlp.vocab, validate=validate)
        self.variants: Dict[int, Tuple[Dict[str, Any], Tuple[Tuple[int, str], ...], str]] = {}
        self.anchor_keys: Dict[int, Tuple[int, Optional[str]]] = {}  # anchor key -> (rule, exact form or None)
        self.odd_flag = odd_character_flag(nlp.vocab)
        for record in records:
            self.add(record)

    def add(self, record: Dict[str, Any]) -> None:
        """Add the pattern and aliases of one record."""
        exact = is_exact_case(record)
        for pattern in [*record_patterns(record), *record.get("descriptions", [])]:
            if isinstance(pattern, list):
                self._add_token_pattern(record, pattern)
                continue
            for phrase in spacing_variants(pattern):
                doc = self.tokenizer(phrase)
                checks = tuple(
                    (i, token.text)
                    for i, token in enumerate(doc)
                    if (exact and token.text.lower() != token.text.upper()) or ACRONYM_TOKEN.match(token.text)
                )
                self.phrase_matcher.add(self._key(record, checks, pattern), [doc])

    def _add_token_pattern(self, record: Dict[str, Any], pattern: List[Dict[str, Any]]) -> None:
        label = str(pattern)
        alternatives = simple_alternatives(pattern)
        if alternatives is not None:
            for words in alternatives:
                checks = tuple((i, word) for i, (word, exact) in enumerate(words) if exact)
                doc = Doc(self.vocab, words=[word for word, _ in words])
                self.phrase_matcher.add(self._key(record, checks, label), [doc])
            return
        key = self._key(record, (), label)
        anchor = anchor_slot(pattern)
        if anchor is None:
            self.matcher.add(key, [pattern], greedy="LONGEST")
            return
        index, forms, exact = anchor
        rule = len(self.anchored_rules)
        self.anchored_rules.append(AnchoredRule(self.vocab, key, pattern, index, self.validate))
        for form in forms:
            anchor_key = f"ANCHOR\t{rule}\t{form}"
            self.anchor_keys[self.vocab.strings.add(anchor_key)] = (rule, form if exact else None)
            self.phrase_matcher.add(anchor_key, [Doc(self.vocab, words=[form])])

    def _key(self, record, checks, pattern) -> str:
        key = f"{record['label']}\t{record['id']}\t{len(self.variants)}"
        self.variants[self.vocab.strings.add(key)] = (record, checks, pattern)
        return key

    def __call__(self, doc: Doc) -> List[Hit]:
        """All matches in the doc, with token offsets into the doc.

        Regions with odd characters or line breaks inside a name are matched
        again in a normalized view, with offsets mapped back into the doc."""
        hits = {(h.start, h.end, h.record["label"], h.record["id"]): h for h in self._match(doc)}
        marks = sorted(set(self._odd_tokens(doc)) | set(layout_tokens(doc)))
        for low, high in anchor_windows([(i, i + 1) for i in marks], REGION_REACH, REGION_REACH, len(doc)):
            window = doc[low:high]
            text, offsets = normalized_view(window.text)
            region = self.tokenizer(text)
            for hit in self._match(region):
                last = region[hit.end - 1]
                span = doc.char_span(
                    window.start_char + offsets[region[hit.start].idx],
                    window.start_char + offsets[last.idx + len(last) - 1] + 1,
                    alignment_mode="expand",
                )
                if span is not None:
                    hits.setdefault((span.start, span.end, hit.record["label"], hit.record["id"]), Hit(span.start, span.end, hit.record, hit.pattern))
        return sorted(hits.values(), key=lambda h: (h.start, h.end))

    def _odd_tokens(self, doc: Doc) -> List[int]:
        """Indices of tokens with a character to normalize that can sit inside a
        name: inside a word, or a space-like token between two words. The lexeme
        flag makes this an array look-up; the doc's text is never built."""
        flagged = numpy.flatnonzero(doc.to_array(self.odd_flag)).tolist()
        return [i for i in flagged if _inside_name(doc, i)]

    def _match(self, doc: Doc) -> List[Hit]:
        matches = []
        anchors: List[List[Tuple[int, int]]] = [[] for _ in self.anchored_rules]
        for key, start, end in self.phrase_matcher(doc) if len(self.phrase_matcher) else ():
            anchor = self.anchor_keys.get(key)
            if anchor is None:
                matches.append((key, start, end))
            elif anchor[1] is None or doc[start].text == anchor[1]:
                anchors[anchor[0]].append((start, end))
        if len(self.matcher):
            matches += self.matcher(doc, allow_missing=True)
        for rule, found in zip(self.anchored_rules, anchors):
            if found:
                matches += rule(doc, found)
        hits = []
        for key, start, end in set(matches):
            record, checks, pattern = self.variants[key]
            if all(doc[start + i].text == text for i, text in checks):
                hits.append(Hit(start, end, record, pattern))
        return hits
