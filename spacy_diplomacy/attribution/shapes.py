"""Attributions of particular shapes: "according to X, ...", noun cues ("Lavrov's
remarks that ..."), "X was quoted as saying" / "Y quoted X as saying", speaker
labels ("PENCE: Well, ...", "Lavrov: Moscow will respond") and bylines of a
quotation ('"..." ― Jane Doe').

Each returns (speaker, speakers, content, type, rule, role) or None."""
from bisect import bisect_left

from .content import noun_content, tree_content, words_content_after
from .lexicon import ARTICLES, FINDING_SOURCES, LINE_LABELS, SOURCE_PREPS
from .phrases import noun_phrase_ok, phrase_before
from .speakers import tree_speaker, trim

_QUOTED_AS_REACH = 10
_MAX_LABEL = 4          # words of a speaker label or a byline ("Rush Limbaugh:", "― Maria Lopez")
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def according_to(ctx, cue, acc):
    doc, lex = ctx.doc, ctx.lex
    lo, hi = ctx.sents.sentence(cue.start)
    if ctx.parsed:
        pobj = next((g for t in (acc, doc[cue.end - 1]) for g in t.children if g.dep_ == "pobj"), None)
        speaker, speakers = tree_speaker(pobj, lex) if pobj is not None else (None, ())
        head = acc.head
        phrase_end = acc.right_edge.i + 1
        if head.i == acc.i:
            return None
        a, b = head.left_edge.i, head.right_edge.i + 1
        if cue.start <= a:
            a = phrase_end
        elif phrase_end >= b or not any(lex[k].text == "," for k in range(phrase_end, b)):
            b = cue.start       # the phrase closes the clause, whatever the parse hung on its end
        content = trim(lex, a, b)
    else:
        k = cue.end
        while k < hi and lex[k].text != ",":
            k += 1
        if k > cue.end + 8 or k == cue.end:
            k = cue.end
            while k < hi and not lex[k].is_punct:
                k += 1
            speaker = trim(lex, cue.end, k)
            content = trim(lex, lo, cue.start)
        else:
            speaker = trim(lex, cue.end, k)
            content = trim(lex, k + 1, hi) if cue.start == lo else trim(lex, lo, cue.start)
        speakers = (speaker,)
        if speaker[1] <= speaker[0]:
            return None
    if content[1] <= content[0]:
        return None
    return speaker, speakers, content, _type(ctx, content), "phrase:according-to", None


def noun_cue(ctx, cue, tok):
    if tok.head.dep_ == "prep" and tok.dep_ == "pobj" and tok.head.head.i in ctx.cue_starts:
        return None
    found = noun_content(tok, ctx.lex, cue.for_content)
    if found is None:
        return None
    speaker_head = None
    for c in tok.children:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and speaker_head is None:
            speaker_head = c
        elif c.dep_ == "poss":
            speaker_head = c
        elif c.dep_ == "prep" and c.lower_ in SOURCE_PREPS and c.i < found[0]:
            speaker_head = next((g for g in c.children if g.dep_ == "pobj"), speaker_head)
    speaker, speakers = tree_speaker(speaker_head, ctx.lex) if speaker_head is not None else (None, ())
    if speaker is None and found[2] != "noun:that":
        return None         # "demand for oil", "a request to leave": speech only with a source
    if speaker is not None:
        s, e = speaker
        while s < e and ctx.lex[s].lower in ARTICLES:
            s += 1
        speaker = (s, e)
        speakers = ((s, speakers[0][1]),) + speakers[1:] if speakers and speakers[0][0] < s else speakers
    content = found[:2]
    return speaker, speakers, content, _type(ctx, content), found[2], None


def quoted_as_at(lex, cue):
    """Index of the "as" of "quoted (X) (by Y) as saying", or None."""
    for k in range(cue.end, min(len(lex) - 1, cue.end + _QUOTED_AS_REACH)):
        if lex[k].lower == "as":
            return k if lex[k + 1].lower.endswith("ing") else None
        if lex[k].text in (",", ".", ";", ":") or lex[k].is_quote:
            return None
    return None


def quoted_as(ctx, cue, tok, direct):
    """"X was quoted (by Y) as saying ..." and "Y quoted X as saying ...": X speaks."""
    lex = ctx.lex
    as_i = quoted_as_at(lex, cue)
    lo, hi = ctx.sents.sentence(cue.start)
    between = trim(lex, cue.end, as_i)
    passive = between[1] <= between[0] or lex[between[0]].lower == "by"
    speaker, speakers, role = None, (), None
    if ctx.parsed:
        head = next((c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        if head is not None and not ctx.in_quote(head.i):
            speaker, speakers = tree_speaker(head, lex)
    if speaker is None and passive:
        start = max(lo, direct[1]) if direct is not None and direct[1] <= cue.start else lo
        speaker, role = phrase_before(lex, cue.start, start)
    elif speaker is None and noun_phrase_ok(lex, *between):
        speaker = between
    if speaker is None:
        return None
    speakers = speakers or (speaker,)
    if direct is not None:
        return speaker, speakers, direct, "direct", "quote:quoted-as", role
    if ctx.parsed:
        found = tree_content(ctx.doc[as_i + 1], as_i + 2, lex)
        content = found[:2] if found is not None else None
    else:
        content = words_content_after(lex, as_i + 2, hi, ctx.cue_starts)
    if content is None or content[1] <= content[0]:
        return None
    return speaker, speakers, content, _type(ctx, content), "quoted-as", role


def speaker_label(ctx, cue):
    """A name and a colon opening a paragraph label what follows it: a transcript's
    upper-case name ("PENCE: Well, ...", in a text where two paragraphs or more open so,
    unlike a dateline "ISLAMABAD: ..."), a name entity ("Lavrov: Moscow will respond"),
    or a poll or study ("Poll: ..."). Genre labels ("Correction:", "Analysis:") are none."""
    lex = ctx.lex
    words = []
    k = cue.start - 1
    while k >= 0 and not lex[k].is_break and len(words) <= _MAX_LABEL:
        if not lex[k].is_space:
            words.append(k)
        k -= 1
    if words and lex[words[-1]].is_quote:
        words.pop()         # a transcript line in quotation marks
    if not words or len(words) > _MAX_LABEL or not all(lex[j].is_title or lex[j].text.isupper() for j in words):
        return None
    words.reverse()
    first = lex[words[0]].lower
    if any(lex[j].lower in LINE_LABELS for j in words):
        return None
    transcript = len(words) == 1 and lex[words[0]].text.isupper()
    if transcript:
        if _transcript_turns(ctx) < 2:
            return None
    elif not (ctx.has_ner and all(ctx.doc[j].ent_type_ in _NAME_ENTS for j in words if lex[j].is_alpha)
              or len(words) == 1 and first in FINDING_SOURCES):
        return None
    end = cue.end
    while end < len(lex) and not lex[end].is_break:
        end += 1
    content = trim(lex, cue.end, end)
    if sum(1 for j in range(*content) if not lex[j].is_punct) < 2:
        return None
    speaker = (words[0], words[-1] + 1)
    type_ = "direct" if transcript else _type(ctx, content)
    return speaker, (speaker,), content, type_, "label:speaker-colon", None


def _transcript_turns(ctx):
    """How many paragraphs of the text open with an upper-case name and a colon (once per Doc)."""
    if ctx.transcript_turns is None:
        lex = ctx.lex
        turns = 0
        for j in range(1, len(lex)):
            if lex[j].text == ":" and lex[j - 1].is_alpha and lex[j - 1].text.isupper():
                k = j - 2
                if k >= 0 and lex[k].is_quote:
                    k -= 1
                turns += k < 0 or lex[k].is_break
        ctx.transcript_turns = turns
    return ctx.transcript_turns


def byline(ctx, cue):
    """A dash right after a quoted statement, then a name that ends the line or the
    sentence: '"We will not be silenced." ― Maria Lopez' (letters, vox pops, epigraphs)."""
    lex = ctx.lex
    k = cue.start - 1
    while k >= 0 and lex[k].is_space and not lex[k].is_break:
        k -= 1
    if k < 0 or not lex[k].is_quote:
        return None
    n = bisect_left(ctx.quote_closes, k)
    if n == len(ctx.quotes) or ctx.quotes[n].close_mark != k:
        return None
    quote = ctx.quotes[n]
    if lex[quote.end - 1].text not in (".", "!", "?", "…"):
        return None         # a quoted phrase ('called it "a first step" ― ...'), not a statement
    words = []
    j = cue.end
    while j < len(lex) and not lex[j].is_break and len(words) <= _MAX_LABEL:
        if lex[j].text in (".", ",") or lex[j].is_quote:
            break
        if not lex[j].is_space:
            words.append(j)
        j += 1
    if not words or len(words) > _MAX_LABEL or not all(lex[w].is_title for w in words):
        return None
    speaker = (words[0], words[-1] + 1)
    return speaker, (speaker,), (quote.start, quote.end), "direct", "quote:byline", None


def _type(ctx, content):
    return "mixed" if ctx.content_quotes(*content) else "indirect"
