"""Acronyms and group formats: gazetteer hits, the diplomatic-context gate, and definitions in the text."""
import re
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc

from .gazetteer import Hit
from .layout import normalized_view

MATH_NEIGHBOURS = frozenset("= + - * / × ÷ x".split())
ARTICLES = frozenset({"the", "a", "an"})
LINK_WORDS = frozenset({"of", "on", "for", "the", "and", "in", "to", "against"})
SHORT_FORM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9.&+/-]{1,11}$")
PARENTHESES = re.compile(r"\(([^()\n]{1,200})\)")
PARENTHESIS_REACH = 60  # tokens from "(" to ")" that can hold a definition
MENTION_START = re.compile(r"(?<![\w.])[A-Za-z]")  # short forms start with a letter
WORD_CHAR = re.compile(r"\w")
MAX_LONG_FORM_WORDS = 14
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class AcronymMention:
    """An acronym or group format as written, with what it stands for."""

    start: int
    end: int
    id: str
    long_form: Optional[str]
    type: str
    members: Tuple[str, ...]
    defined_in_text: bool
    rule: str


@dataclass(frozen=True)
class GroupMention:
    """A group of states, written as an acronym ("P5+1") or as a name ("Normandy Format")."""

    start: int
    end: int
    id: str
    members: Tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class Definition:
    """A short form defined in the text: where, and what it stands for."""

    short_form: str
    long_form: str
    start: int  # token offsets of the short form at the definition
    end: int


class DefinitionRules:
    """Keyword lists (from DEFINITION records) deciding scope and type of defined acronyms."""

    ORDER = ("STATE", "TREATY", "GROUP", "ORG")

    def __init__(self, records: Iterable[Dict]):
        self.words: Dict[str, set] = {}
        for record in records:
            self.words.setdefault(record["type"], set()).update(w.lower() for w in record["pattern"])
        # words that head an in-scope name ("Treaty", "Agency", "Republic")
        self.name_words = frozenset(w for kind in self.ORDER for w in self.words.get(kind, ()))

    def type_of(self, long_form: str) -> Optional[str]:
        """The type a long form names (its head noun first), or None when it is out of scope."""
        words = re.findall(r"[a-z]+", long_form.lower())
        if set(words) & self.words.get("EXCLUDE", set()):
            return None
        head = _head_word(words)
        for candidates in ({head}, set(words)):
            kind = next((kind for kind in self.ORDER if candidates & self.words.get(kind, set())), None)
            if kind is not None:
                return kind
        return None


def _head_word(words: List[str]) -> str:
    """The head noun of a name: the word before its first "of"/"for"/"on"/"in", else the last word."""
    for i, word in enumerate(words):
        if word in ("of", "for", "on", "in") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


class ContextGate:
    """Decides whether an ambiguous form ("4+1", "E3") stands in diplomatic context."""

    def __init__(self, records: Iterable[Dict], window: int = 3):
        self.positive: set = set()
        self.negative: set = set()
        for record in records:
            target = self.negative if record["id"].startswith("non_diplomatic") else self.positive
            target.update(w.lower() for w in record["pattern"])
        self.window = window

    def allows(self, doc: Doc, start: int, end: int, doc_is_diplomatic: bool) -> bool:
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if (after is not None and after.text in MATH_NEIGHBOURS) or (
            before is not None and (before.text in MATH_NEIGHBOURS or before.like_num)
        ):
            return False
        nearby = {t.lower_ for t in doc[max(0, start - self.window) : min(len(doc), end + self.window)]}
        if nearby & self.negative:
            return False
        return bool(nearby & self.positive) or doc_is_diplomatic


def find_acronyms(
    doc: Doc, hits: Sequence[Hit], definitions: Sequence["Definition"], gate: ContextGate, rules: DefinitionRules
) -> Tuple[List[AcronymMention], List[GroupMention]]:
    """Acronym and group mentions from gazetteer hits and definitions in the text."""
    acronym_hits = [h for h in hits if h.record["label"] == "ACRONYM" or (h.record["label"] == "GROUP" and h.record.get("acronym"))]
    name_hits = [h for h in hits if h.record["label"] == "GROUP" and not h.record.get("acronym")]
    acronym_hits = _longest_first(acronym_hits)
    name_hits = _longest_first(name_hits)
    doc_is_diplomatic = any(not _is_ambiguous(h) for h in acronym_hits + name_hits)
    acronym_hits = [h for h in acronym_hits if not _is_ambiguous(h) or gate.allows(doc, h.start, h.end, doc_is_diplomatic)]
    name_hits = [h for h in name_hits if not _is_ambiguous(h) or gate.allows(doc, h.start, h.end, doc_is_diplomatic)]

    acronyms = [_acronym_from_hit(h) for h in acronym_hits]
    groups = [_group_from_hit(h) for h in acronym_hits + name_hits if h.record["label"] == "GROUP"]
    known = {doc[h.start : h.end].text: h for h in acronym_hits}
    acronyms = _apply_definitions(doc, acronyms, definitions, known, rules)
    return sorted(acronyms, key=lambda m: m.start), sorted(groups, key=lambda m: m.start)


def _is_ambiguous(hit: Hit) -> bool:
    ambiguous = hit.record.get("ambiguous", False)
    return hit.pattern in ambiguous if isinstance(ambiguous, list) else bool(ambiguous)


def _longest_first(hits: Sequence[Hit]) -> List[Hit]:
    used: set = set()
    chosen = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if used.isdisjoint(range(hit.start, hit.end)):
            chosen.append(hit)
            used.update(range(hit.start, hit.end))
    return chosen


def _first(value) -> Optional[str]:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _acronym_from_hit(hit: Hit) -> AcronymMention:
    record = hit.record
    is_group = record["label"] == "GROUP"
    return AcronymMention(
        hit.start,
        hit.end,
        record["id"],
        _first(record.get("long_form")),
        "GROUP" if is_group else record["type"],
        tuple(record["members"]) if is_group else (),
        False,
        f"gazetteer:{record.get('source', '')}",
    )


def _group_from_hit(hit: Hit) -> GroupMention:
    return GroupMention(hit.start, hit.end, hit.record["id"], tuple(hit.record["members"]), f"gazetteer:{hit.record.get('source', '')}")


def _apply_definitions(
    doc: Doc,
    acronyms: List[AcronymMention],
    definitions: Sequence[Definition],
    known: Dict[str, Hit],
    rules: DefinitionRules,
) -> List[AcronymMention]:
    """A definition wins over the gazetteer from where it stands on; unknown defined acronyms are added."""
    by_position = {(m.start, m.end): m for m in acronyms}
    taken = {i for start, end in by_position for i in range(start, end)}
    mentions = _mentions(doc, doc.text, [d.short_form for d in definitions]) if definitions else {}
    for definition in definitions:
        sf = definition.short_form
        if sf in known:
            kind = None
        else:
            kind = rules.type_of(definition.long_form)
            if kind is None:
                continue
        for start, end in mentions[sf]:
            current = by_position.get((start, end))
            if current is not None:
                if start >= definition.start:
                    by_position[(start, end)] = replace(
                        current, long_form=definition.long_form, defined_in_text=True, rule="definition"
                    )
            elif kind is not None and taken.isdisjoint(range(start, end)):
                by_position[(start, end)] = AcronymMention(
                    start, end, sf, definition.long_form, kind, (), True, "definition"
                )
                taken.update(range(start, end))
    return list(by_position.values())


def _mentions(doc: Doc, text: str, short_forms: Sequence[str]) -> Dict[str, List[Tuple[int, int]]]:
    """Token offsets of the stand-alone mentions of each short form (not inside a
    longer word or after a period), in text order, found in one pass over the text
    so that many definitions in a long document stay linear."""
    found: Dict[str, List[Tuple[int, int]]] = {sf: [] for sf in short_forms}
    lengths = sorted({len(sf) for sf in short_forms})
    last_end: Dict[str, int] = {}
    for match in (MENTION_START.finditer(text) if found else ()):
        position = match.start()
        for length in lengths:
            end = position + length
            if end > len(text):
                break
            candidate = text[position:end]
            if candidate not in found or WORD_CHAR.match(text, end) or position < last_end.get(candidate, 0):
                continue
            last_end[candidate] = end
            span = doc.char_span(position, end)
            if span is not None:
                found[candidate].append((span.start, span.end))
    return found


def find_definitions(doc: Doc, name_words: frozenset = frozenset()) -> List[Definition]:
    """Definitions written "long form (SF)" or "SF (long form)", first one per short form.

    Only the text just after each "(" token is read. ``name_words`` are head
    words ("Treaty", "Agency") that a long form may be extended to on its left
    when the plain algorithm stops short."""
    found: Dict[str, Definition] = {}
    orths = doc.to_array(ORTH)
    opening = numpy.flatnonzero(orths == doc.vocab.strings["("]).tolist()
    closing = numpy.flatnonzero(orths == doc.vocab.strings[")"])
    for paren in opening:
        close = numpy.searchsorted(closing, paren)
        if close == len(closing) or closing[close] - paren > PARENTHESIS_REACH:
            continue
        window = doc[paren : int(closing[close]) + 1]
        match = PARENTHESES.match(window.text)
        if match is None:
            continue
        offset = window.start_char
        inner = match.group(1).strip()
        inner_start = offset + match.start(1) + (match.group(1).index(inner[:1]) if inner else 0)
        if SHORT_FORM.match(inner):
            definition = _long_form_before(doc, inner, offset, inner_start, name_words)
        else:
            definition = _long_form_inside(doc, offset, inner, inner_start)
        if definition is not None and definition.short_form not in found:
            found[definition.short_form] = definition
    return sorted(found.values(), key=lambda d: d.start)


def _long_form_before(doc: Doc, short_form: str, paren_char: int, sf_char: int, name_words: frozenset) -> Optional[Definition]:
    sf_span = doc.char_span(sf_char, sf_char + len(short_form))
    paren = doc.char_span(paren_char, paren_char + 1, alignment_mode="expand")
    if sf_span is None or paren is None:
        return None
    letters = [c for c in short_form.lower() if c.isalnum()]
    window_start = paren.start
    words = 0
    limit = min(len(letters) + 5, 2 * len(letters))
    while window_start > 0 and words < limit:
        token = doc[window_start - 1]
        if token.text in (".", ";", ":", "(", ")", "!", "?") or "\n\n" in token.whitespace_ + token.text:
            break
        window_start -= 1
        words += not token.is_punct
    end = paren.start
    while end > window_start and (doc[end - 1].is_space or doc[end - 1].text in POSSESSIVE_ENDINGS):
        end -= 1  # "the European Union's (EU)": the long form is "European Union"
    start = _schwartz_hearst_start(doc, window_start, end, letters)
    if start is None:
        return None
    start = _extend_name(doc, start, letters, name_words)
    while start < end and doc[start].lower_ in ARTICLES:
        start += 1
    if end - start < 2 and "-" not in doc[start].text:
        return None
    long_form = normalized_view(doc[start:end].text)[0]
    return Definition(short_form, long_form, sf_span.start, sf_span.end)


def _long_form_inside(doc: Doc, paren_char: int, inner: str, inner_char: int) -> Optional[Definition]:
    paren = doc.char_span(paren_char, paren_char + 1, alignment_mode="expand")
    if paren is None or paren.start == 0:
        return None
    short = doc[paren.start - 1]
    if not SHORT_FORM.match(short.text) or len(inner.split()) < 2 or len(inner.split()) > MAX_LONG_FORM_WORDS:
        return None
    long_form = re.sub(r"^(?:the|a|an)\s+", "", inner, flags=re.I)
    letters = [c for c in short.text.lower() if c.isalnum()]
    if not _letters_match(long_form, letters):
        return None
    return Definition(short.text, long_form, short.i, short.i + 1)


def _schwartz_hearst_start(doc: Doc, window_start: int, end: int, letters: List[str]) -> Optional[int]:
    """Token where the long form starts (Schwartz & Hearst, 2003), or None."""
    if not letters or end <= window_start:
        return None
    offset = doc[window_start].idx
    text = doc[window_start:end].text.lower()
    position = _match_backwards(text, letters)
    if position is None:
        return None
    span = doc.char_span(offset + position, offset + position + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _match_backwards(text: str, letters: List[str]) -> Optional[int]:
    """Char index where the long form starts: letters matched right to left, the first at a word start."""
    t = len(text) - 1
    for s in range(len(letters) - 1, -1, -1):
        letter = letters[s]
        while t >= 0 and (text[t] != letter or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        t -= 1
    return t + 1


def _letters_match(long_form: str, letters: List[str]) -> bool:
    return _match_backwards(long_form.lower(), letters) is not None and long_form[:1].lower() == letters[0]


def _extend_name(doc: Doc, start: int, letters: List[str], name_words: frozenset) -> int:
    """Take in a capitalized name head on the left whose initial is in the short form
    ("Treaty on the Non-Proliferation of Nuclear Weapons (NPT)")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in LINK_WORDS and i > start - 4:
        i -= 1
    if 0 <= i < start - 1 and doc[i].is_title and doc[i].lower_[0] in letters and doc[i].lower_ in name_words:
        return i
    return start
