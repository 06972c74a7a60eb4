"""Cue words (reporting verbs, nouns, "according to") found with a spaCy Matcher."""
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.matcher import Matcher

from .lexicon import INFINITIVE_OK, MODALS, NEGATIONS

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Cue:
    start: int
    end: int
    lemma: str
    kind: str
    cue_class: str


class CueMatcher:
    """Matches cue records; keeps only a Matcher and plain data (picklable).

    Patterns made of plain word forms (every bundled cue) are matched by a hash
    lookup at the tokens whose lower-case form can start a cue (found with numpy
    over the LOWER array); any other pattern goes to a spaCy Matcher.
    """

    def __init__(self, vocab, records):
        self.matcher = Matcher(vocab)
        self.meta = []
        self.simple = {}        # first-token hash -> [(record index, later-token hash sets)]
        for n, rec in enumerate(records):
            self.meta.append((rec.get("lemma", rec["id"]), rec["kind"], rec.get("cue_class", "statement")))
            forms = [_token_forms(spec) for spec in rec["pattern"]]
            if rec["pattern"] and all(f is not None for f in forms):
                rest = tuple(frozenset(vocab.strings.add(w) for w in f) for f in forms[1:])
                for w in forms[0]:
                    self.simple.setdefault(vocab.strings.add(w), []).append((n, rest))
            else:
                self.matcher.add(str(n), [rec["pattern"]])
        self.first_hashes = numpy.array(sorted(self.simple), dtype="uint64")

    def _matches(self, doc):
        found = [(int(self.matcher.vocab.strings[key]), s, e) for key, s, e in self.matcher(doc)] \
            if len(self.matcher) else []
        lows = doc.to_array(LOWER)
        n = len(lows)
        for i in numpy.nonzero(numpy.isin(lows, self.first_hashes))[0].tolist():
            for rec, rest in self.simple[int(lows[i])]:
                if i + 1 + len(rest) <= n and all(int(lows[i + 1 + k]) in hs for k, hs in enumerate(rest)):
                    found.append((rec, i, i + 1 + len(rest)))
        return found

    def __call__(self, doc):
        """Non-overlapping cues in document order (longest match wins)."""
        found = sorted(self._matches(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        cues, last_end = [], -1
        for rec, start, end in found:
            if start < last_end:
                continue
            lemma, kind, cls = self.meta[rec]
            cues.append(Cue(start, end, lemma, kind, cls))
            last_end = end
        return cues


def _token_forms(spec):
    """Lower-case forms a token spec matches when it is a plain LOWER value or list, else None."""
    if set(spec) != {"LOWER"}:
        return None
    value = spec["LOWER"]
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return set(value["IN"])
    return None


def plausible(doc, cue, tagged, parsed):
    """False for a cue of the wrong part of speech, negated, hypothetical or planned."""
    tok = doc[cue.start]
    if tagged:
        if cue.kind == "verb" and tok.pos_ not in _VERB_POS:
            return False
        if cue.kind == "noun" and tok.pos_ not in _NOUN_POS:
            return False
    elif cue.kind == "verb" and not tok.text[:1].islower():
        return False
    if cue.kind == "noun":
        return True
    if parsed:
        return not _blocked_by_tree(tok)
    return not _blocked_by_words(doc, cue.start)


def _blocked_by_tree(tok):
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or low in NEGATIONS and c.dep_ in ("advmod", "neg"):
            return True
        if c.dep_ == "aux" and low in MODALS:
            return True
        if c.dep_ == "aux" and low == "to" and not (tok.dep_ == "xcomp" and tok.head.lemma_ in INFINITIVE_OK):
            return True
    if tok.dep_ == "advcl" and tok.i < tok.head.i and tok.i == tok.left_edge.i and not any(
            c.dep_.startswith("nsubj") for c in tok.children):
        return True     # "Asked about ..., he said": the participle frames the head verb
    if tok.dep_ in ("xcomp", "conj") and tok.head.i < tok.i:
        head = tok.head
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in head.children):
            return tok.dep_ == "xcomp"
    return False


def _blocked_by_words(doc, i):
    for j in range(i - 1, max(-1, i - 4), -1):
        low = doc[j].text
        if low.lower() in NEGATIONS or low in MODALS:
            return True
        if low == "to" and j == i - 1 and (j == 0 or doc[j - 1].lower_ not in ("on", "according")):
            return True
        if doc[j].is_punct:
            break
    return False
