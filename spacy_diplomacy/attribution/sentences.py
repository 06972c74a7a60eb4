"""Sentence bounds for the tokens near a cue, without touching the Doc.

A parsed or sentencized Doc gives its own sentences. Otherwise a sentence ends
after a ".", "!", "?" token (and the closing marks right after it) that is
followed by a capitalized word, or at a paragraph break; only the candidate
tokens (``ENDS`` and paragraph breaks) are looked at.
"""
from bisect import bisect_right

ENDS = frozenset((".", "!", "?", "…", "..."))
_MAX_JOINS = 3
_CLOSERS = {'"', "”", "’", "»", ")", "''"}


class SentenceIndex:
    """Token-index bounds of the sentence that holds a token."""

    def __init__(self, doc, lex, candidates):
        """``candidates``: the indices of the tokens in ``ENDS`` and of paragraph breaks (among others)."""
        self.doc = doc
        self.own = doc.has_annotation("SENT_START")
        self._lex, self._candidates = lex, candidates
        self._starts = None

    def _wrapped(self, b):
        """True when the sentence boundary before token ``b`` is only a wrapped line:
        a new line inside a paragraph after a word that ends no sentence."""
        lex = self._lex
        if b <= 0 or b >= len(lex):
            return False
        k = b - 1
        if not (lex[k].is_space or lex[b].is_space):
            return False
        while k > 0 and lex[k].is_space and not lex[k].is_break:
            k -= 1
        if lex[k].is_break or lex[b].is_break:
            return False
        while k > 0 and lex[k].text in _CLOSERS:
            k -= 1
        return "\n" in lex[b - 1].text + lex[b].text and lex[k].text not in ENDS and lex[k].text not in (":", ";")

    def _compute(self):
        lex, n = self._lex, len(self._lex)
        starts = [0]
        for i in self._candidates:
            if lex[i].text not in ENDS and not lex[i].is_break:
                continue
            j = i + 1
            while j < n and (lex[j].text in _CLOSERS or lex[j].is_space):
                j += 1
            if j < n and (lex[i].is_break or not lex[j].text[:1].islower()) and j > starts[-1]:
                starts.append(j)
        return starts

    def sentence(self, i):
        if self.own:
            s = self.doc[i].sent
            start, end = s.start, s.end
            for _ in range(_MAX_JOINS):
                if not self._wrapped(start):
                    break
                start = self.doc[start - 1].sent.start
            for _ in range(_MAX_JOINS):
                if not self._wrapped(end):
                    break
                end = self.doc[end].sent.end
            return start, end
        if self._starts is None:
            self._starts = self._compute()
        k = bisect_right(self._starts, i) - 1
        hi = self._starts[k + 1] if k + 1 < len(self._starts) else len(self._lex)
        return self._starts[k], hi
