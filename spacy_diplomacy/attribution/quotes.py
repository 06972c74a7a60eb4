"""Direct quotations found from the quotation-mark tokens of a Doc.

Only the candidate tokens (quotation marks ``TOKENS``, paragraph breaks) are
looked at. Marks are paired per paragraph: typographic marks by their
direction, straight marks by alternation (helped by the neighbouring spaces),
single typographic marks only outside a double quotation (’ is also an
apostrophe). A quotation still open at the end of
a paragraph runs on when the next paragraph opens again; otherwise it ends with
the paragraph. An odd number of marks never raises: the rest is paired as well
as it can be.
"""
from typing import NamedTuple

_OPEN = {"“", "«", "„", "‘", "``", "`"}
_CLOSE = {"”", "»", "’", "''"}
_SINGLE = {"‘", "’", "'"}
TOKENS = _OPEN | _CLOSE | {'"', "'"}


class Quote(NamedTuple):
    """Token offsets: the marks (close is -1 when missing) and the content [start, end);
    ``continued``: the quotation goes on from the previous paragraph's."""
    open_mark: int
    start: int
    end: int
    close_mark: int
    continued: bool = False


def find_quotes(lex, space_after, candidates):
    """All quotations of a Doc in order, from its Lex entries, SPACY flags and the
    indices of its tokens in ``TOKENS`` (among others)."""
    quotes = []
    opened = None      # (token, mark) of the open double quotation
    single = None      # token of an open single quotation
    para_end = None    # token index where ``opened`` met a paragraph break
    continued = False  # ``opened`` re-opens the quotation of the previous paragraph
    for i in candidates:
        mark = lex[i].text
        if lex[i].is_break:
            if opened is not None and para_end is None:
                para_end = i
            single = None
            continue
        if mark not in TOKENS:
            continue
        if para_end is not None:
            _add(quotes, lex, opened[0], -1, para_end, continued)
            runs_on = (mark in _OPEN or mark == '"') and _only_space(lex, para_end, i)
            opened, para_end, continued = None, None, False
            if runs_on:
                opened, continued = (i, mark), True      # the quotation runs on into this paragraph
                continue
        if mark == "`" and not (i > 0 and lex[i - 1].text == "`" and not space_after[i - 1]):
            continue                 # a lone backtick, or the first half of ``
        if mark in _SINGLE:
            if opened is not None:
                continue
            if single is None and (mark == "‘" or mark == "'" and _looks_opening(lex, space_after, i)):
                single = i
            elif single is not None and mark != "‘" and i > 0 and not space_after[i - 1]:
                _add(quotes, lex, single, i, i)
                single = None
            continue
        if opened is None:
            if mark in _CLOSE and not _looks_opening(lex, space_after, i):
                continue
            opened = (i, mark)
        elif mark in _OPEN and mark != "„" and _looks_opening(lex, space_after, i) and not (
                opened[1] == "„" and mark == "“"):
            opened = (i, mark)       # the previous one was never closed: drop it
        else:
            _add(quotes, lex, opened[0], i, i, continued)
            opened, continued = None, False
    if opened is not None:
        _add(quotes, lex, opened[0], -1, para_end if para_end is not None else len(lex), continued)
    return quotes


def _only_space(lex, lo, hi):
    return all(lex[k].is_space for k in range(lo, hi))


def _looks_opening(lex, space_after, i):
    before = i == 0 or space_after[i - 1] or lex[i - 1].is_space or lex[i - 1].text in "([—–-"
    after = i + 1 < len(lex) and not space_after[i] and not lex[i + 1].is_space
    return bool(before and after)


def _add(quotes, lex, open_tok, close_tok, end, continued=False):
    start = open_tok + 1
    while start < end and lex[start].is_space:
        start += 1
    while end > start and lex[end - 1].is_space:
        end -= 1
    if end > start:
        quotes.append(Quote(open_tok, start, end, close_tok, continued))
