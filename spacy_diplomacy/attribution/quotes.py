"""Direct quotations found from the quotation-mark tokens of a Doc.

The candidate tokens (quotation marks, paragraph breaks) are located with numpy
over the ORTH array, so only they are looked at in Python. Marks are paired per
paragraph: typographic marks by their direction, straight marks by alternation
(helped by the neighbouring spaces), single typographic marks only outside a
double quotation (’ is also an apostrophe). A quotation still open at the end of
a paragraph runs on when the next paragraph opens again; otherwise it ends with
the paragraph. An odd number of marks never raises: the rest is paired as well
as it can be.
"""
from dataclasses import dataclass

import numpy

_OPEN = {"“", "«", "„", "‘", "``"}
_CLOSE = {"”", "»", "’", "''"}
_MARKS = _OPEN | _CLOSE | {'"'}


@dataclass
class Quote:
    """Token offsets: the marks (close is -1 when missing) and the content [start, end)."""
    open_mark: int
    close_mark: int
    start: int
    end: int


def mark_hashes(vocab):
    """Hashes of the quotation marks and paragraph breaks (computed once per pipeline)."""
    return numpy.array(sorted(vocab.strings.add(m) for m in _MARKS | {"\n\n", "\n\n\n", "\n \n"}),
                       dtype="uint64")


def find_quotes(doc, orth, hashes):
    """All quotations of ``doc`` in order; ``orth`` is its ORTH array."""
    quotes = []
    opened = None      # (token, mark) of the open double quotation
    single = None      # token of an open single quotation
    para_end = None    # token index where ``opened`` met a paragraph break
    for i in numpy.nonzero(numpy.isin(orth, hashes))[0].tolist():
        tok = doc[i]
        mark = tok.text
        if tok.is_space:
            if opened is not None and para_end is None:
                para_end = i
            single = None
            continue
        if para_end is not None:
            if (mark in _OPEN or mark == '"') and _only_space(doc, para_end, i):
                para_end = None      # the quotation runs on into this paragraph
                continue
            _add(quotes, doc, opened[0], -1, para_end)
            opened, para_end = None, None
        if mark in ("‘", "’"):
            if opened is not None:
                continue
            if mark == "‘":
                single = i
            elif single is not None:
                _add(quotes, doc, single, i, i)
                single = None
            continue
        if opened is None:
            if mark in _CLOSE and not _looks_opening(doc, i):
                continue
            opened = (i, mark)
        elif mark in _OPEN and mark != "„" and _looks_opening(doc, i) and not (
                opened[1] == "„" and mark == "“"):
            opened = (i, mark)       # the previous one was never closed: drop it
        else:
            _add(quotes, doc, opened[0], i, i)
            opened = None
    if opened is not None:
        _add(quotes, doc, opened[0], -1, para_end if para_end is not None else len(doc))
    return quotes


def _only_space(doc, lo, hi):
    return all(doc[k].is_space for k in range(lo, hi))


def _looks_opening(doc, i):
    before = i == 0 or doc[i - 1].whitespace_ or doc[i - 1].is_space or doc[i - 1].text in "([—–-"
    after = i + 1 < len(doc) and not doc[i].whitespace_ and not doc[i + 1].is_space
    return bool(before and after)


def _add(quotes, doc, open_tok, close_tok, end):
    start = open_tok + 1
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        quotes.append(Quote(open_tok, close_tok, start, end))
