"""Cue words (reporting verbs, nouns, "according to") found with a spaCy Matcher."""
from typing import NamedTuple

from spacy.matcher import Matcher

from .lexicon import (COMPLEMENTIZERS, DETERMINERS, INFINITIVE_OK, MODALS, NEGATIONS, OBJECT_PRONOUNS, PREPOSITIONS,
                      PRONOUNS, SPEAKER_SKIP)

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}


class Cue(NamedTuple):
    start: int
    end: int
    lemma: str
    kind: str
    cue_class: str
    noun_form: bool     # the cue word is also a common noun ("attack", "reports"): needs evidence
    clause_only: bool   # a cue only with a clause or a quotation ("verified compliance" is none)
    speech_object: bool  # a cue only when its object is speech ("rejected the claims", not "the plan")
    addressee_object: bool  # its first object is the addressee ("told reporters that ...")
    for_content: bool   # a noun cue whose "for" phrase is the content ("a demand for talks")
    quote_only: bool    # a cue only next to a quotation ('she continued: "..."', not "continued to fall")


class CueMatcher:
    """Matches cue records; keeps only a Matcher and plain data (picklable).

    Patterns made of plain word forms (every bundled cue, and phrases, which
    match case-insensitively) are matched at the tokens whose lower-case form is
    in ``first_forms``; any other pattern goes to a spaCy Matcher, which matches
    nothing where it needs annotation the Doc lacks (POS on a blank pipeline).
    """

    def __init__(self, nlp, records):
        self.matcher = Matcher(nlp.vocab)
        self.meta = []
        self.simple = {}        # first lower-case form -> [(record index, later-token form sets)]
        for n, rec in enumerate(records):
            self.meta.append((rec.get("lemma", rec["id"]), rec["kind"], rec.get("cue_class", "statement"),
                              frozenset(rec.get("noun_forms", ())), bool(rec.get("clause_only")),
                              bool(rec.get("speech_object")), bool(rec.get("addressee_object")),
                              bool(rec.get("for_content")), bool(rec.get("quote_only"))))
            pattern = rec["pattern"]
            if isinstance(pattern, str):
                pattern = [{"LOWER": token.lower_} for token in nlp.tokenizer(pattern)]
            forms = [_token_forms(spec) for spec in pattern]
            if pattern and all(f is not None for f in forms):
                rest = tuple(frozenset(f) for f in forms[1:])
                for w in forms[0]:
                    self.simple.setdefault(w, []).append((n, rest))
            else:
                self.matcher.add(str(n), [pattern])

    @property
    def noun_forms(self):
        """The lower-case forms of the noun cues ("claims", "statement")."""
        return {w for w, recs in self.simple.items() if any(self.meta[n][1] == "noun" for n, _ in recs)}

    @property
    def first_forms(self):
        """The lower-case forms that start a plain-word pattern."""
        return set(self.simple)

    def _matches(self, doc, lex, candidates):
        found = [(int(self.matcher.vocab.strings[key]), s, e) for key, s, e in self.matcher(doc, allow_missing=True)] \
            if len(self.matcher) else []
        n = len(lex)
        for i in candidates:
            for rec, rest in self.simple.get(lex[i].lower, ()):
                if i + 1 + len(rest) <= n and all(lex[i + 1 + k].lower in forms for k, forms in enumerate(rest)):
                    found.append((rec, i, i + 1 + len(rest)))
        return found

    def __call__(self, doc, lex, candidates):
        """Non-overlapping cues in document order (longest match wins; records of the same
        span, such as the verb and the noun "demand", are alternatives in file order), from the Lex
        entries of ``doc`` and the indices of its tokens in ``first_forms`` (among others)."""
        found = sorted(self._matches(doc, lex, candidates), key=lambda m: (m[1], -(m[2] - m[1])))
        cues, last = [], (-1, -1)
        for rec, start, end in found:
            if start < last[1] and (start, end) != last:
                continue            # overlaps a longer cue; the same span is an alternative (verb or noun)
            lemma, kind, cls, noun_forms, *flags = self.meta[rec]
            cues.append(Cue(start, end, lemma, kind, cls, lex[start].lower in noun_forms, *flags))
            last = (start, end)
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


def plausible(lex, cue, tok, tagged, parsed):
    """False for a cue of the wrong part of speech, negated, hypothetical or planned;
    ``tok`` is the cue's first Token when the Doc is tagged or parsed."""
    if tagged:
        if cue.kind == "verb" and tok.pos_ not in _VERB_POS:
            return False
        if cue.kind == "noun" and tok.pos_ not in _NOUN_POS:
            return False
    elif cue.kind == "verb" and (not lex[cue.start].text[:1].islower() or _noun_by_words(lex, cue)):
        return False
    if cue.kind == "noun":
        return True
    if parsed:
        return not _blocked_by_tree(tok)
    return not _blocked_by_words(lex, cue.start)


def _blocked_by_tree(tok):
    doc = tok.doc
    for c in tok.children:
        if c.i < tok.i and any(doc[k].is_punct for k in range(c.i + 1, tok.i)):
            continue    # '"Probably not," she said': a word of the quotation, misparsed
        low = c.lower_
        if c.dep_ == "neg" or low in NEGATIONS and c.dep_ in ("advmod", "neg"):
            return True
        if c.dep_ == "aux" and low in MODALS:
            return True
        if c.dep_ == "aux" and low == "to" and not (tok.dep_ == "xcomp" and tok.head.lemma_ in INFINITIVE_OK):
            return True
    # "a group called Ansar", "the plan announced in May": a name or a modifier (under a
    # noun that the parse made the root, the participle is the sentence's own verb)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ != "ROOT" and not any(
            c.dep_ == "agent" for c in tok.children):
        return True
    if tok.dep_ == "advcl" and tok.i < tok.head.i and tok.i == tok.left_edge.i and not any(
            c.dep_.startswith("nsubj") for c in tok.children) and not _says_something(tok):
        return True     # "Asked about ..., he said": the participle frames the head verb
    if tok.dep_ in ("xcomp", "conj") and tok.head.i < tok.i:
        head = tok.head
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in head.children):
            return tok.dep_ == "xcomp"
    return False


def _says_something(tok):
    """A present participle with its own clause or object ("Arguing that ..., X said"),
    not one that frames the head verb ("Asked about it", "Responding to questions")."""
    return tok.tag_ == "VBG" and any(c.dep_ in ("ccomp", "dobj") for c in tok.children)


_SUBJECT_PRONOUNS = set(PRONOUNS) - OBJECT_PRONOUNS
_EVIDENCE_AFTER = COMPLEMENTIZERS | {":", '"', "“", "‘", "``"}     # a clause or a quotation follows


def _noun_by_words(lex, cue):
    """Blank mode: a verb cue word read as a noun: after a determiner, a possessive or
    a preposition ("the briefing", "in order", "Iran's demands"), or a word that is
    also a common noun without a subject pronoun or a clause after it ("a fresh attack")."""
    i = cue.start
    p = i - 1
    while p >= 0 and lex[p].is_space:
        p -= 1
    prev = lex[p].lower if p >= 0 else ""
    ing = lex[i].lower.endswith("ing")
    if prev in DETERMINERS or prev.endswith(("'s", "’s")) or (prev in PREPOSITIONS and prev != "to" and not ing):
        return True
    if not cue.noun_form:
        return False
    while p >= 0 and lex[p].lower in SPEAKER_SKIP:
        p -= 1
    if p >= 0 and lex[p].lower in _SUBJECT_PRONOUNS:
        return False
    n = cue.end
    while n < len(lex) and lex[n].is_space:
        n += 1
    if n >= len(lex):
        return True
    after = lex[n]
    if after.lower in _EVIDENCE_AFTER:
        return False
    subject_name = p >= 0 and lex[p].text[:1].isupper() and lex[p].is_alpha
    return not (subject_name and (after.lower in DETERMINERS or after.lower in PRONOUNS or after.is_title))


def _blocked_by_words(lex, i):
    for j in range(i - 1, max(-1, i - 4), -1):
        low = lex[j].text
        if low.lower() in NEGATIONS or low in MODALS:
            return True
        if low == "to" and j == i - 1 and (j == 0 or lex[j - 1].lower not in ("on", "according")):
            return True
        if lex[j].is_punct:
            break
    return False
