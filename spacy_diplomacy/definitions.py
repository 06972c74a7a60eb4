"""Short forms defined in the text and what they stand for.

Forms read: "long form (SF)", "SF (long form)", "long form, SF,", "long form,
or SF,", "long form, (better|also) known as SF", "long form - SF -" and
"long form, the so-called SF". A long form starts at a content word; where the
gazetteer knows the short form, a known expansion written before it is taken
whole ("Organization of African Unity (OAU)", never "of African Unity").
"""
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .layout import normalized_view

ARTICLES = frozenset({"the", "a", "an"})
LINK_WORDS = frozenset({"of", "on", "for", "the", "and", "in", "to", "against"})
SHORT_FORM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9.&+/-]{1,11}$")
PARENTHESES = re.compile(r"\(([^()\n]{1,200})\)")
PARENTHESIS_REACH = 60  # tokens from "(" to ")" that can hold a definition
MAX_LONG_FORM_WORDS = 14
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})
STOPS = frozenset({".", ";", ":", "(", ")", "!", "?"})
# "long, SF," / "long, or SF," / "long, known as SF" / "long - SF -" / "long, the so-called SF"
AFTER_LONG_FORM = re.compile(
    r"(?:,[ \t]*(?P<cue>or|also known as|better known as|known as|(?:the[ \t]+)?so-called)?[ \t]*|[ \t]+[-–—]{1,2}[ \t]+)"
    r"(?P<sf>[A-Z][a-z0-9.&+/-]*[A-Z][A-Za-z0-9.&+/-]*)(?=[ \t]*[-–—,;.)]|[ \t]+[a-z])"
)
CLOSING = re.compile(r"[ \t]*[-–—,;.)]")  # an apposition without a cue word closes
RELAXED_CUES = ("known as", "so-called")  # the short form may abbreviate another language


@dataclass(frozen=True)
class Definition:
    """A short form defined in the text: token offsets of the short form and of
    the long form, the long form's text (layout undone) and whether it names
    something in the diplomatic scope."""

    short_form: str
    long_form: str
    start: int
    end: int
    long_start: int
    long_end: int
    in_scope: bool = False


class DefinitionRules:
    """Keyword lists (from DEFINITION records) deciding scope and type of defined acronyms.

    A long form names a state, a treaty or a group by its head words; an
    organization is in scope only when a word marks it as international."""

    ORDER = ("STATE", "TREATY", "GROUP", "ORG")

    def __init__(self, records: Iterable[Dict]):
        self.words: Dict[str, set] = {}
        for record in records:
            self.words.setdefault(record["type"], set()).update(w.lower() for w in record["pattern"])
        # words that head an in-scope name ("Treaty", "Agency", "Republic")
        self.name_words = frozenset(w for kind in self.ORDER for w in self.words.get(kind, ()))

    def type_of(self, long_form: str) -> Optional[str]:
        """The type a long form names (its head noun first), or None when it is out of scope."""
        lowered = long_form.lower()
        words = re.findall(r"[a-z]+", lowered) + re.findall(r"[a-z]+", lowered.replace("-", ""))
        if set(words) & self.words.get("EXCLUDE", set()):
            return None
        head = _head_word(words)
        for candidates in ({head}, set(words)):
            kind = next((kind for kind in self.ORDER if candidates & self.words.get(kind, set())), None)
            if kind == "ORG" and not set(words) & self.words.get("INTERNATIONAL", set()):
                return None
            if kind is not None:
                return kind
        return None


def _head_word(words: List[str]) -> str:
    """The head noun of a name: the word before its first "of"/"for"/"on"/"in", else the last word."""
    for i, word in enumerate(words):
        if word in ("of", "for", "on", "in") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def comparable(text: str) -> str:
    """A long form reduced for comparison: lower case, letters and digits only, -ise as -ize."""
    return re.sub(r"[\W_]+", "", text.lower()).replace("isation", "ization")


def known_expansions(records: Iterable[Dict]) -> Dict[str, List[str]]:
    """Short form as written -> the gazetteer's long forms, from ACRONYM and GROUP records."""
    known: Dict[str, List[str]] = {}
    for record in records:
        if record["label"] in ("ACRONYM", "GROUP") and record.get("long_form"):
            for form in [record["pattern"], *record.get("aliases", [])]:
                if isinstance(form, str):
                    known.setdefault(form, []).extend(record["long_form"])
    return known


def find_definitions(
    doc: Doc, rules: DefinitionRules, known: Optional[Dict[str, List[str]]] = None, text: Optional[str] = None
) -> List[Definition]:
    """Every definition in the text, the first one per short form, in text order
    (``text``: ``doc.text``, when the caller has it already)."""
    known = known or {}
    text = doc.text if text is None else text
    found: Dict[str, Definition] = {}
    for definition in sorted(_parenthesized(doc, rules, known) + _appositive(doc, text, rules, known), key=lambda d: d.start):
        if definition.short_form not in found:
            kind = rules.type_of(definition.long_form)
            in_scope = kind is not None or agrees(definition.long_form, known.get(definition.short_form, ()))
            found[definition.short_form] = Definition(**{**definition.__dict__, "in_scope": in_scope})
    return sorted(found.values(), key=lambda d: d.start)


def agrees(long_form: str, expansions: Sequence[str]) -> bool:
    """Whether a long form is one of the known expansions or part of one."""
    written = comparable(long_form)
    return any(written and written in comparable(known) for known in expansions)


def _parenthesized(doc: Doc, rules: DefinitionRules, known: Dict[str, List[str]]) -> List[Definition]:
    """"long form (SF)" and "SF (long form)"; only the text just after each "(" is read."""
    found = []
    orths = doc.to_array(ORTH)
    opening = numpy.flatnonzero(orths == doc.vocab.strings["("]).tolist()
    closing = numpy.flatnonzero(orths == doc.vocab.strings[")"])
    for paren in opening:
        close = numpy.searchsorted(closing, paren)
        if close == len(closing) or closing[close] - paren > PARENTHESIS_REACH:
            continue
        window = doc[paren : int(closing[close]) + 1]
        match = PARENTHESES.match(window.text)
        if match is None or not match.group(1).strip():
            continue
        inner = match.group(1).strip()
        inner_start = window.start_char + match.start(1) + match.group(1).index(inner[:1])
        if SHORT_FORM.match(inner):
            sf = doc.char_span(inner_start, inner_start + len(inner))
            definition = sf and _long_form_before(doc, inner, paren, sf.start, sf.end, rules, known)
        else:
            definition = _long_form_inside(doc, paren, inner, inner_start)
        if definition is not None:
            found.append(definition)
    return found


def _appositive(doc: Doc, text: str, rules: DefinitionRules, known: Dict[str, List[str]]) -> List[Definition]:
    """"long form, SF," and the other forms that follow the long form without parentheses."""
    found = []
    for match in AFTER_LONG_FORM.finditer(text):
        short_form, cue = match.group("sf"), match.group("cue") or ""
        if not SHORT_FORM.match(short_form) or (not cue and not CLOSING.match(text, match.end("sf"))):
            continue
        sf = doc.char_span(match.start("sf"), match.end("sf"))
        first = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        before = doc.char_span(first, first + 1, alignment_mode="expand")
        if sf is None or before is None:
            continue
        relaxed = any(word in cue for word in RELAXED_CUES)
        definition = _long_form_before(doc, short_form, before.start, sf.start, sf.end, rules, known, relaxed, strict=not relaxed)
        if definition is not None:
            found.append(definition)
    return found


def _long_form_before(
    doc: Doc, short_form: str, end: int, sf_start: int, sf_end: int,
    rules: DefinitionRules, known: Dict[str, List[str]], relaxed: bool = False, strict: bool = False,
) -> Optional[Definition]:
    """The long form that ends at token ``end`` (exclusive), or None. ``strict``:
    only a known expansion or exact initials; ``relaxed``: a capitalized name
    with half the short form's letters as initials will do."""
    letters = [c for c in short_form.lower() if c.isalnum()]
    window_start = end
    words = 0
    limit = max(len(letters) + 5, 2 * len(letters))
    while window_start > 0 and words < limit:
        token = doc[window_start - 1]
        if token.text in STOPS or "\n\n" in token.whitespace_ + token.text:
            break
        window_start -= 1
        words += not token.is_punct and not token.is_space
    while end > window_start and (doc[end - 1].is_space or doc[end - 1].text in POSSESSIVE_ENDINGS):
        end -= 1  # "the European Union's (EU)": the long form is "European Union"
    start = _known_start(doc, window_start, end, known.get(short_form, ()))
    if start is None:
        start = _initials_start(doc, window_start, end, letters)
    if start is None and not relaxed and not strict:
        start = _schwartz_hearst_start(doc, window_start, end, letters)
        if start is not None:
            start = _content_start(doc, start, end, letters, rules.name_words)
    if start is None and relaxed:
        start = _title_run_start(doc, window_start, end, letters)
    if start is None:
        return None
    while start < end and doc[start].lower_ in ARTICLES:
        start += 1
    if end - start < 2 and "-" not in doc[start].text:
        return None
    return Definition(short_form, normalized_view(doc[start:end].text)[0], sf_start, sf_end, start, end)


def _known_start(doc: Doc, window_start: int, end: int, expansions: Sequence[str]) -> Optional[int]:
    """Where a known expansion written just before ``end`` starts (the longest one)."""
    targets = {comparable(e) for e in expansions}
    best = None
    for start in range(end - 1, window_start - 1, -1):
        if comparable(doc[start:end].text) in targets:
            best = start
    return best


def _initials(doc: Doc, start: int, end: int) -> List[Tuple[int, str]]:
    """(token, initial) of each content word and hyphenated part in the tokens."""
    found = []
    for token in doc[start:end]:
        if token.is_alpha or "-" in token.text:
            if token.is_lower and token.lower_ in STOP_WORDS:
                continue
            found.extend((token.i, part[0].lower()) for part in token.text.split("-") if part[:1].isalnum())
        elif token.like_num or (token.text[:1].isalnum() and not token.is_punct):
            found.append((token.i, token.text[0].lower()))
    return found


def _initials_start(doc: Doc, window_start: int, end: int, letters: List[str]) -> Optional[int]:
    """The nearest start whose content-word initials spell the short form exactly."""
    initials = _initials(doc, window_start, end)
    count = len(letters)
    if len(initials) < count:
        return None
    tail = initials[-count:]
    if [letter for _, letter in tail] == letters and (len(initials) == count or initials[-count - 1][0] != tail[0][0]):
        return tail[0][0]
    return None


def _content_start(doc: Doc, start: int, end: int, letters: List[str], name_words: frozenset) -> int:
    """Move a long form that starts at a function word ("of African Unity") to
    the capitalized word before it with the short form's first letter, or
    else past the function words; and take in a name head on the left
    ("Treaty on the Non-Proliferation of Nuclear Weapons (NPT)")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in LINK_WORDS and i > start - 4:
        i -= 1
    if 0 <= i < start and doc[i].is_title and doc[i].lower_[0] == letters[0] and doc[start].is_lower:
        return i
    if 0 <= i < start - 1 and doc[i].is_title and doc[i].lower_[0] in letters and doc[i].lower_ in name_words:
        return i
    while start < end and doc[start].is_lower and doc[start].lower_ in STOP_WORDS:
        start += 1
    return start


def _title_run_start(doc: Doc, window_start: int, end: int, letters: List[str]) -> Optional[int]:
    """For "known as" forms: the capitalized name just before, when at least half
    of the short form's letters are initials of its words."""
    start = end
    while start > window_start and _in_title_run(doc, start - 1):
        start -= 1
    while start < end and not (doc[start].is_title or doc[start].is_upper):
        start += 1
    initials = [letter for _, letter in _initials(doc, start, end)]
    if end - start < 2 or sum(min(letters.count(c), initials.count(c)) for c in set(letters)) * 2 < len(letters):
        return None
    return start


def _in_title_run(doc: Doc, i: int) -> bool:
    token = doc[i]
    hyphenated = token.text == "-" or (i > 0 and doc[i - 1].text == "-")
    return token.is_title or token.is_upper or token.lower_ in LINK_WORDS or token.is_space or hyphenated


def _long_form_inside(doc: Doc, paren: int, inner: str, inner_char: int) -> Optional[Definition]:
    if paren == 0:
        return None
    short = doc[paren - 1]
    if not SHORT_FORM.match(short.text) or len(inner.split()) < 2 or len(inner.split()) > MAX_LONG_FORM_WORDS:
        return None
    long_form = re.sub(r"^(?:the|a|an)\s+", "", inner, flags=re.I)
    letters = [c for c in short.text.lower() if c.isalnum()]
    if not _letters_match(long_form, letters):
        return None
    span = doc.char_span(inner_char + len(inner) - len(long_form), inner_char + len(inner), alignment_mode="expand")
    if span is None:
        return None
    return Definition(short.text, long_form, short.i, short.i + 1, span.start, span.end)


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
