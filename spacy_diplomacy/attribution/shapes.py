"""Attributions of particular shapes: "according to X, ...", noun cues ("Lavrov's
remarks that ..."), and "X was quoted as saying" / "Y quoted X as saying".

Each returns (speaker, speakers, content, type, rule, role) or None."""
from .content import noun_content, tree_content, words_content_after
from .lexicon import ARTICLES, SOURCE_PREPS
from .phrases import noun_phrase_ok, phrase_before
from .speakers import tree_speaker, trim

_QUOTED_AS_REACH = 10


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


def _type(ctx, content):
    return "mixed" if ctx.content_quotes(*content) else "indirect"
