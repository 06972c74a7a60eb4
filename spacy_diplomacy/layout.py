"""A normalized view of text for matching names, with offsets back into the original.

Names are matched a second time in a normalized copy of the regions that need
it: non-breaking spaces, fullwidth forms and hyphen variants become plain
ASCII; a single line break or a run of spaces inside a name becomes one space;
a hyphen at a line end joins the word ("Prolif-\\neration" -> "Proliferation",
"Non-\\nProliferation" -> "Non-Proliferation"). Every character of the view
keeps the offset of the original character it came from.
"""
import re
from typing import List, Tuple

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

# One character to one character.
NORMALIZE = {0x00A0: " ", 0x1680: " ", 0x202F: " ", 0x205F: " ", 0x3000: " ", 0x200B: " ", 0xFEFF: " "}
NORMALIZE.update({c: " " for c in range(0x2000, 0x200B)})
NORMALIZE.update({c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2212, 0xFE63, 0xFF0D)})
NORMALIZE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF0D})
NEEDS_NORMALIZING = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(NORMALIZE)) + "]")
NORMALIZE_TABLE = str.maketrans(NORMALIZE)

# A hyphen at a line end before a lower-case letter splits one word; any other
# single line break or run of spaces (and tabs) is one space.
LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[a-z])")
HYPHEN_LINE_END = re.compile(r"(?<=-)[ \t]*\r?\n[ \t]*(?=\w)")
SPACING_RUN = re.compile(r"[ \t]*\r?\n[ \t]*|[ \t]{2,}")


def has_odd_character(text: str) -> bool:
    """Whether a word form has a character that normalize_text changes."""
    return NEEDS_NORMALIZING.search(text) is not None


def normalize_text(text: str) -> str:
    """Map spacing, hyphen and fullwidth variants to plain ASCII, keeping length."""
    return text.translate(NORMALIZE_TABLE)


def normalized_view(text: str) -> Tuple[str, List[int]]:
    """The text with layout undone and odd characters normalized, and for each
    of its characters the offset of the original character."""
    pieces: List[str] = []
    offsets: List[int] = []
    position = 0
    for match in _layout_breaks(text):
        pieces.append(text[position : match[0]])
        offsets.extend(range(position, match[0]))
        if match[2]:
            pieces.append(match[2])
            offsets.append(match[0])
        position = match[1]
    pieces.append(text[position:])
    offsets.extend(range(position, len(text)))
    return normalize_text("".join(pieces)), offsets


def _layout_breaks(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, replacement) of each layout break, in text order, not overlapping."""
    found = [(m.start(), m.end(), "") for m in LINE_HYPHEN.finditer(text)]
    found += [(m.start(), m.end(), "") for m in HYPHEN_LINE_END.finditer(text)]
    found += [(m.start(), m.end(), " ") for m in SPACING_RUN.finditer(text)]
    chosen: List[Tuple[int, int, str]] = []
    for item in sorted(found, key=lambda f: (f[0], -f[1])):
        if not chosen or item[0] >= chosen[-1][1]:
            chosen.append(item)
    return chosen


def layout_tokens(doc: Doc) -> List[int]:
    """Indices of whitespace tokens that may sit inside a name: a single line
    break or a run of spaces between two words, at least one of them
    capitalized or ending in a hyphen. A blank line is never inside a name."""
    found = []
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if not 0 < i < len(doc) - 1 or doc[i].text.count("\n") > 1:
            continue
        before, after = doc[i - 1], doc[i + 1]
        if before.is_space or after.is_space or after.is_punct or (before.is_punct and before.text != "-"):
            continue
        nearby = doc[max(0, i - 2) : i + 3]
        if before.text.endswith("-") or any(t.is_title or t.is_upper for t in nearby if t.is_alpha):
            found.append(i)
    return found
