"""Token attributes as plain lists, so that the word rules never build Token objects.

A token's text, lower-case form and flags belong to its lexeme: they are read
once per word form and kept by orth hash (``LexCache``), shared by every Doc.
"""
from typing import NamedTuple

import numpy
from spacy.attrs import ORTH

_FILTER_BITS = 16


class Lex(NamedTuple):
    """What the rules read of a token: ``Token.text``, ``.lower_``, ``.is_space`` ..."""
    text: str
    lower: str
    is_space: bool
    is_punct: bool
    is_quote: bool
    is_alpha: bool
    is_title: bool
    is_break: bool      # a paragraph break: a blank line, or a new line that starts indented


def paragraph_break(text):
    """True for the text of a space token that ends a paragraph."""
    return text.count("\n") >= 2 or ("\n" in text and text.split("\n")[-1][:2] in ("  ", "\t"))


class LexCache:
    """Lex entries by orth hash, filled as word forms are met; pickled empty.

    ``watch`` holds the texts and lower-case forms that the rules look for (cue
    words, quotation marks, sentence ends). The forms met that match one are
    marked in a bit filter indexed by the low bits of their orth hash, which
    finds their tokens with numpy (and a few others: callers check each one).
    """

    def __init__(self, vocab, watch):
        self.vocab = vocab
        self.watch = frozenset(watch)
        self.known = {}
        self.watched = numpy.zeros(1 << _FILTER_BITS, dtype=bool)

    def __getstate__(self):
        return {"vocab": self.vocab, "watch": self.watch}

    def __setstate__(self, state):
        self.__init__(state["vocab"], state["watch"])

    def __call__(self, doc):
        """(ORTH array, Lex entries, candidate indices of the watched tokens) of ``doc``."""
        orth = doc.to_array(ORTH)
        get, learn = self.known.get, self._learn
        lex = [get(h) or learn(h) for h in orth.tolist()]
        candidates = numpy.flatnonzero(self.watched[orth & ((1 << _FILTER_BITS) - 1)]).tolist()
        return orth, lex, candidates

    def _learn(self, h):
        x = self.vocab[h]
        lex = self.known[h] = Lex(x.orth_, x.lower_, x.is_space, x.is_punct, x.is_quote, x.is_alpha, x.is_title,
                                  x.is_space and paragraph_break(x.orth_))
        if lex.is_break or lex.text in self.watch or lex.lower in self.watch:
            self.watched[h & ((1 << _FILTER_BITS) - 1)] = True
        return lex
