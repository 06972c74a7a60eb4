"""What was communicated: the reported clause or object of a cue."""
from bisect import bisect_left

from .lexicon import (ARTICLES, AUDIENCE_NOUNS, CONTENT_PREPS, DETERMINERS, INSTITUTION_HEADS, PLACE_ADVERBS,
                      PLACE_PREPS, PLAIN_SPEECH_VERBS, RELATIVE, TARGET_PREPS, TIME_WORDS, WH_RELATIVES, is_person_head)
from .sentences import ENDS
from .speakers import trim

_PREDICATE_DEPS = {"oprd", "xcomp"}     # "called the island a red line", "urged Iran to ..."
_OBJECT_DEPS = {"dobj", "dative", "xcomp", "oprd", "attr", "acomp"}
_THAT_REACH = 5
_MAX_BARE_TAIL = 5      # words after a cue that has no content of its own ('"Why?" Li asked on Monday.')


def _subtree_range(tok, lex):
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    while lo < hi and (lex[lo].lower == "that" and tok.doc[lo].dep_ == "mark"
                       or lex[lo].is_punct or lex[lo].is_space):
        lo += 1
    return trim(lex, lo, hi)


def tree_content(tok, cue_end, lex, addressee=False):
    """(start, end, rule) of the content of cue ``tok`` from the parse, or None;
    ``addressee``: the cue's first object is whom it was said to."""
    # a "ccomp" after the cue opened by "whose"/"which" is a misparsed relative clause
    # ("urged Iran to ..., whose inspectors ..."), not what was said
    comps = [c for c in tok.children if c.dep_ == "ccomp"
             and not (c.left_edge.i > tok.i and c.left_edge.lower_ in WH_RELATIVES)]
    if comps:
        after = [c for c in comps if c.i >= cue_end]
        c = (after or comps)[0]
        s, e = _subtree_range(c, lex)
        return (s, e, "dep:ccomp") if e > s else None
    if tok.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in tok.children):
        s, e = _noun_without(tok.head, tok, lex)      # "an allegation denied by Tehran"
        return (s, e, "dep:passive-noun") if e > s else None
    found = _object_content(tok, cue_end, lex, addressee)
    if found is not None:
        return found
    if tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i:
        head = tok.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        own_lo, own_hi = tok.left_edge.i, tok.right_edge.i + 1
        if own_hi >= hi:
            hi = own_lo
        elif own_lo <= lo:
            lo = own_hi
        s, e = trim(lex, lo, hi)
        if e > s:
            return s, e, "dep:parataxis"
    return None


def _noun_without(noun, clause, lex):
    lo, hi = noun.left_edge.i, noun.right_edge.i + 1
    if clause.left_edge.i > lo:
        hi = min(hi, clause.left_edge.i)
    while hi > lo and (lex[hi - 1].lower in RELATIVE or lex[hi - 1].lower in ARTICLES):
        hi -= 1
    return trim(lex, lo, hi)


def _object_content(tok, cue_end, lex, addressee):
    doc = tok.doc
    kids = [c for c in tok.rights if c.i >= cue_end]
    if cue_end - tok.i > 1 and doc[cue_end - 1].head.i == tok.i:
        kids += [c for c in doc[cue_end - 1].rights]
    particle = any(c.dep_ == "prt" and c.i < cue_end for c in tok.children)
    parts = []
    for c in sorted(kids, key=lambda t: t.i):
        if c.dep_ == "prep" and particle and c.lower_ in TARGET_PREPS:
            parts += [g for g in c.children if g.dep_ == "pobj"]    # "hit out at [the sanctions]"
        elif c.dep_ == "prep" and c.i + 1 < len(lex) and lex[c.i + 1].lower in TIME_WORDS:
            continue            # "... on Monday", "late on Friday": a time
        elif c.dep_ in _OBJECT_DEPS or c.dep_ in ("pobj", "pcomp") or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS):
            parts.append(c)
        elif c.dep_ == "advcl" and parts and not any(
                lex[k].is_punct for k in range(parts[-1].right_edge.i + 1, c.left_edge.i)):
            parts.append(c)      # "describing it as significant"
    if addressee and parts and parts[0].dep_ in ("dobj", "dative") and (len(parts) > 1 or _listener(parts[0])):
        parts = parts[1:]       # "told the delegates (that ...)", "thanked the hosts (for ...)"
    if tok.lemma_ in PLAIN_SPEECH_VERBS and all(p.dep_ in ("dobj", "dative", "prep") for p in parts):
        parts = [p for p in parts if p.dep_ == "dobj" and p.lower_ not in AUDIENCE_NOUNS]
    if not parts:
        return None
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    while lo < hi and (lex[lo].lower == "that" and doc[lo].dep_ == "mark"):
        lo += 1
    s, e = trim(lex, lo, hi)
    rule = "dep:predicate" if any(p.dep_ in _PREDICATE_DEPS for p in parts) else "dep:object"
    return (s, e, rule) if e > s else None


def _listener(tok):
    """An object that names whom a cue was said to: a pronoun, a name, people or a body
    ("told me", "told the delegates"), not what ("told a story", "tells lies")."""
    word = tok.lower_
    return (tok.tag_ == "PRP" or tok.pos_ == "PROPN" or word in AUDIENCE_NOUNS or word in INSTITUTION_HEADS
            or is_person_head(word))


def noun_content(tok, lex, for_content=False):
    """Content of a noun cue: its "that" clause ("announcement of X that ..."), its
    infinitive ("demand to suspend ...") or its "for" object ("demand for talks")."""
    doc = tok.doc
    for c in tok.rights:
        if c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            s, e = trim(lex, c.left_edge.i, c.right_edge.i + 1)
            return (s, e, "noun:to") if e > s else None
        if c.dep_ == "prep" and c.lower_ == "for" and for_content:
            s, e = trim(lex, c.i + 1, c.right_edge.i + 1)
            return (s, e, "noun:for") if e > s else None
    hi = min(len(lex), tok.right_edge.i + 1)
    for k in range(tok.i + 1, min(hi, tok.i + 16)):
        if lex[k].lower == "that" and k + 1 < len(lex):
            head = doc[k].head if doc[k].head.i > k else doc[k + 1]
            while head.head.i != head.i and head.head.i > k and head.dep_ not in ("acl", "ccomp", "relcl"):
                head = head.head
            s, e = trim(lex, k + 1, max(head.right_edge.i + 1, k + 2))
            return (s, e, "noun:that") if e > s else None
        if lex[k].is_punct and lex[k].text not in ("'s", "’s", "-"):
            return None
    return None


def opens_clause(lex, cue_end, sent_end):
    """Blank mode: a "that" clause follows the cue (within a few words: "warned Iran that")."""
    return any(lex[j].lower == "that" for j in range(cue_end, min(sent_end, cue_end + _THAT_REACH)))


def words_content_after(lex, cue_end, sent_end, cue_starts=()):
    """Blank mode: the rest of the sentence after the cue, without "that", up to a
    comma that opens another attribution (", adding ...", ", the minister said")."""
    k = cue_end
    for j in range(cue_end, min(sent_end, cue_end + _THAT_REACH)):
        if lex[j].lower == "that":
            k = j + 1
            break
    end = sent_end
    c = bisect_left(cue_starts, k)
    while c < len(cue_starts) and cue_starts[c] < sent_end:
        comma = next((j for j in range(cue_starts[c] - 1, max(k, cue_starts[c] - 9) - 1, -1)
                      if lex[j].is_punct), None)
        if comma is not None and lex[comma].text == ",":
            end = comma
            break
        c += 1
    return trim(lex, k, end)


def words_content_before(lex, sent_start, speaker_start):
    """Blank mode: the sentence before ", X said." or ", according to X."."""
    return trim(lex, sent_start, speaker_start)


def adverbial(lex, start, end):
    """True for a short phrase of time or place ("on Saturday", "here Monday"): no content."""
    words = [k for k in range(start, end) if not lex[k].is_space]
    if not 0 < len(words) <= 4:
        return False
    first = lex[words[0]].lower
    return first in TIME_WORDS or first in PLACE_ADVERBS or first in PLACE_PREPS and len(words) <= 3


def without_speaker(lex, content, speaker):
    """The content without a speaker that the parse left at one of its ends ("The talks were
    held in Oman, a diplomat familiar with the talks said"), or None when nothing is left."""
    if content[0] < speaker[0] < content[1] <= speaker[1]:
        content = trim(lex, content[0], speaker[0])
    elif speaker[0] <= content[0] < speaker[1] < content[1]:
        content = trim(lex, speaker[1], content[1])
    return content if content[1] > content[0] else None


def parenthetical(lex, cue_end, hi, cue_between):
    """Blank mode, ", X said, ..." inside its sentence (a comma closes the cue within a
    few words: "said", "said on Friday"): True when the sentence goes on around it, False
    when another cue follows the comma (", adding that ..."; ``cue_between(lo, hi)`` tells),
    None for any other shape."""
    words = [k for k in range(cue_end, min(hi, cue_end + 2 * _MAX_BARE_TAIL)) if not lex[k].is_space]
    comma = next((n for n, k in enumerate(words) if lex[k].text == ","), None)
    if comma is None or comma > 3 or any(lex[k].lower == "that" or lex[k].is_quote for k in words[:comma]):
        return None
    rest = words[comma + 1:comma + 3]
    if len(rest) < 2 or lex[rest[1]].is_punct:
        return None
    return not cue_between(rest[0], rest[1] + 1)


def bare_cue(lex, i):
    """The words from ``i`` end the cue's sentence or clause within a few words, with no
    clause, quotation or colon of their own ("Li said on Tuesday.", "she asked, adding")."""
    words = 0
    for j in range(i, len(lex)):
        tok = lex[j]
        if tok.is_break or tok.text in ENDS or tok.text == ",":
            return True
        if tok.is_space:
            continue
        words += 1
        if tok.lower == "that" or tok.is_quote or tok.text == ":" or words > _MAX_BARE_TAIL:
            return False
    return True


def object_follows(lex, cue_end, hi):
    """Blank mode: a noun phrase object right after the cue ("verified the", "reported a")."""
    return cue_end < hi and (lex[cue_end].lower in DETERMINERS or lex[cue_end].text[:1].isdigit())
