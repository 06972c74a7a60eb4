"""Sentence bounds for the tokens near a cue, without touching the Doc.

A parsed or sentencized Doc gives its own sentences. Otherwise a sentence ends
after a ".", "!", "?" token (and the closing marks right after it) that is
followed by a capitalized word, or at a paragraph break; only the candidate
tokens (``ENDS``) are looked at.
"""
from bisect import bisect_right

ENDS = frozenset((".", "!", "?", "…", "...", "\n\n", "\n\n\n", "\n \n"))
_CLOSERS = {'"', "”", "’", "»", ")", "''"}


class SentenceIndex:
    """Token-index bounds of the sentence that holds a token."""

    def __init__(self, doc, lex, candidates):
        """``candidates``: the indices of the tokens in ``ENDS`` (among others)."""
        self.doc = doc
        self.own = doc.has_annotation("SENT_START")
        self._lex, self._candidates = lex, candidates
        self._starts = None

    def _compute(self):
        lex, n = self._lex, len(self._lex)
        starts = [0]
        for i in self._candidates:
            if lex[i].text not in ENDS:
                continue
            j = i + 1
            while j < n and (lex[j].text in _CLOSERS or lex[j].is_space):
                j += 1
            if j < n and (lex[i].is_space or not lex[j].text[:1].islower()) and j > starts[-1]:
                starts.append(j)
        return starts

    def sentence(self, i):
        if self.own:
            s = self.doc[i].sent
            return s.start, s.end
        if self._starts is None:
            self._starts = self._compute()
        k = bisect_right(self._starts, i) - 1
        hi = self._starts[k + 1] if k + 1 < len(self._starts) else len(self._lex)
        return self._starts[k], hi
