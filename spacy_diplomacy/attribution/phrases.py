"""Speaker phrases next to a cue without a parse (blank mode), precision first.

A speaker is a noun phrase: a pronoun, a name with its title and particles, or
a description ("a senior official", "officials in Seoul"). A phrase that holds
a verb form, a conjunction at its edge or "that" is no speaker, and the cue is
then left out rather than credited to a fragment.
"""
from .lexicon import (BE_FORMS, CAP_STOP, CLAUSE_WORDS, COORDINATORS, DETERMINERS, NAME_PARTICLES, NEUTER_PRONOUNS,
                      OBJECT_PRONOUNS, PHRASE_LINKS, PREPOSITIONS, PRONOUNS, SPEAKER_SKIP, WH_RELATIVES,
                      is_person_head)

_MAX_NAME = 7
_MAX_DESCRIPTION = 5
_MAX_PARENTHESIS = 14
_NO_LONE_SUBJECT = OBJECT_PRONOUNS | NEUTER_PRONOUNS     # no speaker after a cue (", said it") nor opening a clause


def soft_break(lex, k):
    """A space token inside a paragraph (a wrapped line), which joins words."""
    return lex[k].is_space and not lex[k].is_break


def name_like(lex, k):
    t = lex[k].text
    if t[:1].isupper():
        return t.lower() not in CAP_STOP and t.lower() not in PREPOSITIONS
    return lex[k].lower in NAME_PARTICLES or t == "-"


def _skip_back(lex, j, lo):
    while j >= lo and (lex[j].lower in SPEAKER_SKIP or soft_break(lex, j)):
        j -= 1
    return j


def noun_phrase_ok(lex, start, end):
    """True when tokens [start, end) read as a noun phrase (no clause, no dangling word)."""
    if end <= start:
        return False
    words = [k for k in range(start, end) if not lex[k].is_space]
    first, last = lex[words[0]].lower, lex[words[-1]].lower
    if first in PREPOSITIONS or first in CLAUSE_WORDS or first in COORDINATORS:
        return False
    if last in DETERMINERS or last in PREPOSITIONS or last in COORDINATORS or last == "-" or last in CLAUSE_WORDS:
        return False
    return not any(lex[k].lower in CLAUSE_WORDS for k in words)


def _name_run(lex, j, lo):
    """Start of the run of name-like tokens (and wrapped lines) that ends at ``j``."""
    k = j
    while k - 1 >= lo and j - k < _MAX_NAME and (name_like(lex, k - 1) or soft_break(lex, k - 1)):
        k -= 1
    while k < j and (lex[k].lower == "of" or lex[k].is_space or lex[k].text == "-"):
        k += 1
    return k


def _description_start(lex, j, lo):
    """Start of "a senior official" / "Iran's foreign minister" ending at ``j``, or None."""
    k = j
    while k >= lo and j - k < _MAX_DESCRIPTION and lex[k].is_alpha and not lex[k].is_title \
            and lex[k].lower not in DETERMINERS and lex[k].lower not in PREPOSITIONS \
            and lex[k].lower not in CLAUSE_WORDS:
        k -= 1
    if k < lo or k == j:
        return j if is_person_head(lex[j].lower) else None
    if lex[k].lower in DETERMINERS or lex[k].text.endswith(("'s", "’s")):
        start = k
    elif name_like(lex, k):
        start = k
    else:
        return k + 1 if is_person_head(lex[j].lower) else None
    while start - 1 >= lo and name_like(lex, start - 1) and j - start < _MAX_NAME:
        start -= 1
    return _with_determiner(lex, start, lo)


def _with_determiner(lex, start, lo):
    """"a senior | State Department official": adjectives and a determiner before a name run."""
    k = start - 1
    while k >= lo and start - k <= 3 and lex[k].is_alpha and not lex[k].is_title \
            and lex[k].lower not in DETERMINERS and lex[k].lower not in PREPOSITIONS and lex[k].lower not in CLAUSE_WORDS:
        k -= 1
    return k if lo <= k < start and lex[k].lower in DETERMINERS and lex[k].lower != "that" else start


def _modifier_head(lex, start, lo):
    """"officials in Seoul": the start of a person noun whose prepositional modifier
    begins at ``start``, or None."""
    k = start - 1
    if k < lo or lex[k].lower not in PREPOSITIONS:
        return None
    k -= 1
    if k >= lo and lex[k].lower in PHRASE_LINKS:     # "diplomats familiar with the talks"
        k -= 1
    if k < lo or not is_person_head(lex[k].lower):
        return None
    return _description_start(lex, k, lo)


def phrase_ending_at(lex, j, lo):
    """(start, end) of the noun phrase that ends at token ``j``, or None."""
    end = j + 1
    low = lex[j].lower
    if low in PRONOUNS:
        return (j, end) if low not in OBJECT_PRONOUNS else None
    if name_like(lex, j):
        start = _name_run(lex, j, lo)
        if start - 1 >= lo and not lex[start - 1].is_title and lex[start - 1].is_alpha \
                and lex[start - 1].lower not in PREPOSITIONS:
            described = _description_start(lex, start - 1, lo)       # "a senior State Department official"
            start = described if described is not None and described < start else start
    else:
        start = _description_start(lex, j, lo)
        if start is None:
            return None
    head = _modifier_head(lex, start, lo)
    if head is not None:
        start = head
    elif start - 1 >= lo and lex[start - 1].lower in PREPOSITIONS:
        return None        # the object of a preposition ("in September") is no subject
    return (start, end) if noun_phrase_ok(lex, start, end) else None


def phrase_before(lex, cue_start, lo):
    """(speaker, role) just before a cue: "Lavrov said", "A spokeswoman for the
    cabinet, Maria Lindqvist, said" (name and role), "A senior official, speaking
    on condition of anonymity, said" (the parenthesis skipped); (None, None) if none."""
    j = _skip_back(lex, cue_start - 1, lo)
    if j < lo:
        return None, None
    if lex[j].lower == "it" and any(lex[k].lower in BE_FORMS for k in range(j + 1, cue_start)):
        return None, None       # "It was announced": no speaker
    if lex[j].text != ",":
        return phrase_ending_at(lex, j, lo), None
    k = j - 1
    while k >= lo and j - k <= _MAX_PARENTHESIS and lex[k].text != ",":
        if lex[k].text in (".", ";", ":", "?", "!") or lex[k].is_quote:
            return None, None
        k -= 1
    if k < lo or lex[k].text != "," or k + 1 >= j:
        return None, None
    outer = phrase_ending_at(lex, _skip_back(lex, k - 1, lo), lo)
    if outer is None:
        return None, None
    inner_first = lex[k + 1].lower
    if inner_first.endswith("ing") or inner_first in WH_RELATIVES or inner_first in PREPOSITIONS:
        return outer, None
    inner = phrase_ending_at(lex, j - 1, k + 1)
    if inner is None or inner[0] != k + 1:
        return None, None
    outer_named = all(name_like(lex, i) for i in range(*outer) if not lex[i].is_space)
    inner_named = all(name_like(lex, i) for i in range(*inner) if not lex[i].is_space)
    if inner_named and not outer_named:
        return inner, outer
    if outer_named and not inner_named:
        return outer, inner
    return None, None


def phrase_after(lex, cue_end, hi):
    """Speaker just after a cue that ends its clause (", said Lavrov.", ", said the minister,")."""
    j = cue_end
    while j < hi and lex[j].is_space:
        j += 1
    start = j
    while j < hi and j - start < 8 and (lex[j].is_alpha or lex[j].text == "-" or soft_break(lex, j)
                                        or (len(lex[j].text) > 1 and lex[j].text.endswith("."))):
        j += 1
    if j == start or (j < hi and not lex[j].is_punct):
        return None
    if lex[start].lower in PRONOUNS:
        return (start, start + 1) if j == start + 1 and lex[start].lower not in _NO_LONE_SUBJECT else None
    end = j
    while end > start and lex[end - 1].is_space:
        end -= 1
    return (start, end) if noun_phrase_ok(lex, start, end) else None


def sentence_subject(lex, lo, hi):
    """The pronoun or name that opens the sentence [lo, hi) and is followed by a
    lower-case word ("Lavrov rejected ..., calling ..."), or None."""
    j = lo
    while j < hi and (lex[j].is_space or lex[j].is_punct):
        j += 1
    if j >= hi:
        return None
    if lex[j].lower in DETERMINERS:          # "The president rejected ..."
        k = j + 1
        while k < hi and k - j <= _MAX_DESCRIPTION and lex[k].is_alpha and not is_person_head(lex[k].lower):
            k += 1
        if k < hi and is_person_head(lex[k].lower) and k + 1 < hi and lex[k + 1].text[:1].islower():
            return (j, k + 1) if noun_phrase_ok(lex, j, k + 1) else None
        return None
    if lex[j].lower in PRONOUNS and lex[j].lower not in _NO_LONE_SUBJECT:
        return (j, j + 1)
    k = j
    while k < hi and (name_like(lex, k) or soft_break(lex, k)) and k - j < _MAX_NAME:
        k += 1
    if k == j or k >= hi or not lex[k].is_alpha or lex[k].text[:1].isupper():
        return None
    return (j, k) if noun_phrase_ok(lex, j, k) else None
