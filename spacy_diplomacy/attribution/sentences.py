"""Sentence bounds for the tokens near a cue, without touching the Doc.

A parsed or sentencized Doc gives its own sentences. Otherwise a sentence ends
after a ".", "!", "?" token (and the closing marks right after it) that is
followed by a capitalized word, or at a paragraph break; the candidate tokens
are found once with numpy over the ORTH array.
"""
from bisect import bisect_right

import numpy

_ENDS = (".", "!", "?", "…", "...", "\n\n", "\n\n\n", "\n \n")
_CLOSERS = {'"', "”", "’", "»", ")", "''"}


def end_hashes(vocab):
    """Hashes of the sentence-final tokens (computed once per pipeline)."""
    return numpy.array(sorted(vocab.strings.add(m) for m in _ENDS), dtype="uint64")


class SentenceIndex:
    """Token-index bounds of the sentence that holds a token."""

    def __init__(self, doc, orth, hashes):
        self.doc = doc
        self.own = doc.has_annotation("SENT_START")
        self._orth, self._hashes = orth, hashes
        self._starts = None

    def _compute(self):
        doc, n = self.doc, len(self.doc)
        starts = [0]
        for i in numpy.nonzero(numpy.isin(self._orth, self._hashes))[0].tolist():
            j = i + 1
            while j < n and (doc[j].text in _CLOSERS or doc[j].is_space):
                j += 1
            if j < n and (doc[i].is_space or not doc[j].text[:1].islower()) and j > starts[-1]:
                starts.append(j)
        return starts

    def sentence(self, i):
        if self.own:
            s = self.doc[i].sent
            return s.start, s.end
        if self._starts is None:
            self._starts = self._compute()
        k = bisect_right(self._starts, i) - 1
        hi = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.doc)
        return self._starts[k], hi
