"""Speaker mentions from the dependency tree; role and name inside a speaker span."""
import re
from bisect import bisect_left

from .lexicon import (CAP_STOP, CLOCK_WORDS, DETERMINERS, DOCUMENT_NOUNS, INSTITUTION_HEADS, NAME_PARTICLES,
                      PERSON_HEADS, PERSONAL_RELATIVES, PRONOUNS, RELATIVE, SPEAKER_SKIP, TITLES)

SPEAKING_NOUNS = DOCUMENT_NOUNS | INSTITUTION_HEADS | PERSON_HEADS
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
_CUT = {"relcl", "acl", "advcl", "parataxis", "punct", "cc", "conj"}


def tree_subject(tok, depth=0):
    """The token heading the speaker phrase of cue ``tok``, or None."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ not in RELATIVE:
                return c
            if tok.dep_ != "relcl":
                return None
            # "the minister, who said ...": a person; "a plan which calls for ...": only a
            # document, an institution or a name speaks
            head = tok.head
            if c.lower_ in PERSONAL_RELATIVES or head.pos_ == "PROPN" or head.lemma_ in SPEAKING_NOUNS:
                return head
            return None
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        if c.dep_ == "nsubjpass" and tok.lemma_ == "quote":
            return c
    if depth < 3 and tok.dep_ in ("xcomp", "conj", "advcl", "pcomp") and tok.head is not tok:
        head = tok.head
        if head.dep_ == "ccomp" and head.head is not head:
            head = head.head     # "X said the talks went well, adding ...": X adds, not the talks
        elif tok.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ != "as" and head.head is not head:
            head = head.head     # "In announcing the tariffs, the minister said": the minister
        return tree_subject(head, depth + 1)
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_ in DOCUMENT_NOUNS:
        return tok.head
    return None


def own_span_name(tok):
    """Like :func:`own_span`, but a title with a name in apposition gives the name
    ("the Nordic envoy to the talks, Maria Lindqvist" -> "Maria Lindqvist")."""
    name = _appended_name(tok)
    return own_span(name) if name is not None else own_span(tok)


def _appended_name(tok):
    """The name in apposition after a description headed by ``tok``, also when the parse
    hangs it on the description's last noun ("A spokeswoman for the cabinet, Maria Lindqvist")."""
    if tok.pos_ == "PROPN":
        return None
    for c in tok.subtree:
        if c.i > tok.i and c.dep_ == "appos" and c.pos_ == "PROPN" and tok.doc[c.left_edge.i - 1].text == ",":
            return c
    return None


def own_span(tok):
    """Token range of ``tok`` with its modifiers, leaving out conjuncts, clauses and commas."""
    lo, hi = tok.i, tok.i
    for c in tok.lefts:
        if c.dep_ not in ("punct", "cc"):
            lo = min(lo, c.left_edge.i)
    for c in tok.rights:
        if c.dep_ in _CUT or (c.dep_ == "appos" and tok.doc[c.left_edge.i - 1].text == ","):
            break
        hi = max(hi, c.right_edge.i)
    return lo, hi + 1


def tree_role(head, lex):
    """The description in apposition to a named speaker ("A spokeswoman for the cabinet,
    Maria Lindqvist," / "Lindqvist, the cabinet's spokeswoman,"), or None."""
    if head.pos_ != "PROPN":
        name = _appended_name(head)
        if name is None:
            return None
        lo, hi = trim(lex, head.left_edge.i, name.left_edge.i)
        return (lo, hi) if hi > lo else None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ != "PROPN":
            lo, hi = trim(lex, c.left_edge.i, c.right_edge.i + 1)
            return (lo, hi) if hi > lo else None
    return None


def tree_speaker(head, lex):
    """(speaker, speakers) spans for the phrase headed by ``head`` (conjuncts kept apart)."""
    parts = [own_span_name(head)] + [own_span(c) for c in head.conjuncts if c.i > head.i]
    parts = [trim(lex, s, e) for s, e in parts]
    parts = [p for p in parts if p[1] > p[0]]
    if not parts:
        return None, ()
    return (parts[0][0], parts[-1][1]), tuple(parts)


def trim(lex, start, end):
    """Drop punctuation and spaces at both ends of a token range."""
    while start < end and (lex[start].is_punct or lex[start].is_space):
        start += 1
    while end > start and (lex[end - 1].is_punct or lex[end - 1].is_space):
        end -= 1
    return start, end


def split_role(lex, start, end, ents=(), ent_starts=()):
    """(role, name) inside a speaker span: "German Chancellor | Angela Merkel".
    ``ents`` are (start, end) in order and ``ent_starts`` their starts, for bisect."""
    i = bisect_left(ent_starts, start)
    while i < len(ents) and ents[i][0] < end:
        ent_start, ent_end = ents[i]
        if ent_end <= end:
            while ent_end < end and (lex[ent_end].text[:1].isupper() or lex[ent_end].lower in NAME_PARTICLES):
                ent_end += 1        # "von der | Leyen": the rest of the name
            lo = start
            while lo < ent_start and lex[lo].lower in DETERMINERS:
                lo += 1
            return ((lo, ent_start) if lo < ent_start else None), (ent_start, ent_end)
        i += 1
    last_title = -1
    for k in range(start, end):
        low = lex[k].lower
        if low in TITLES or low.endswith(("'s", "’s")):
            last_title = k
    if (last_title < 0 or last_title + 1 >= end or not lex[last_title + 1].text[:1].isupper()
            or lex[end - 1].lower in INSTITUTION_HEADS):
        return None, None
    lo = start
    while lo <= last_title and lex[lo].lower in DETERMINERS:
        lo += 1
    role = (lo, last_title + 1) if lo <= last_title else None
    return role, (last_title + 1, end)


def is_clock_time(entry):
    """True for a clock time such as "5:45" (the Lex entry of a token)."""
    return _CLOCK.fullmatch(entry.text) is not None


def after_clock_time(lex, start, end):
    """A speaker span without the clock time that opens it ("11:15 a.m. Hillary Ward" ->
    "Hillary Ward"), or None when nothing else is left ("5:45 p.m.")."""
    k = start
    while k < end and (lex[k].is_space or is_clock_time(lex[k]) or lex[k].lower in CLOCK_WORDS):
        k += 1
    s, e = trim(lex, k, end)
    return (s, e) if e > s else None
