"""The attribution stage: cues -> direct quotes or reported clauses -> speakers -> resolution."""
from bisect import bisect_left, bisect_right

from spacy.attrs import SPACY

from .cues import CueMatcher, plausible
from .content import (adverbial, bare_cue, object_follows, opens_clause, parenthetical, tree_content,
                      without_speaker, words_content_after, words_content_before)
from .shapes import according_to, byline, noun_cue, quoted_as, quoted_as_at, speaker_label
from .quotes import TOKENS as QUOTE_TOKENS, find_quotes
from .result import Attribution
from .resolution import Resolver
from .sentences import ENDS, SentenceIndex
from .lexicon import BE_FORMS, DOCUMENT_NOUNS, FINDING_SOURCES
from .phrases import phrase_after, phrase_before, sentence_subject
from .speakers import after_clock_time, is_clock_time, split_role, tree_role, tree_speaker, tree_subject, trim
from .tokens import LexCache

_SENT_END = {".", "!", "?", "…"}
_LINE_SHAPES = {"label": speaker_label, "byline": byline}   # cue kinds of punctuation that opens or closes a line
_MAX_AFTER_GAP = 10     # tokens between a closing mark and its cue ('," the minister said')
_MAX_BEFORE_GAP = 8     # tokens between a cue and an opening mark ('told reporters: "')
_SPEECH_REACH = 4       # words into an object to its head noun ("the latest US claims")
_MAX_CHAIN = 6          # quotations joined to one record after the cue
_MAX_TAIL = 30          # words after a cue to the end of its sentence before a quote that goes on


class _Doc:
    """Per-document data computed once: token lists, quotations, sentences, cue starts."""

    def __init__(self, doc, orth, lex, candidates, cues):
        self.doc = doc
        self.lex = lex
        self.tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
        self.parsed = doc.has_annotation("DEP")
        space_after = doc.to_array(SPACY).tolist()
        self.sents = SentenceIndex(doc, lex, candidates)
        self.cue_starts = [c.start for c in cues if c.kind not in _LINE_SHAPES]   # a colon or dash is no cue between
        self.quotes = find_quotes(lex, space_after, candidates)     # Quote tuples
        self.quote_opens = [q[0] for q in self.quotes]
        self.quote_closes = [q[3] if q[3] >= 0 else q[2] for q in self.quotes]
        has_ner = self.has_ner = doc.has_annotation("ENT_IOB")
        self.persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"] if has_ner else []
        self.resolver = Resolver(doc, orth, lex, space_after, self.persons, has_ner)
        self.transcript_turns = None    # paragraphs that open "NAME:", counted when first needed
        self.recent = None          # (cue start, speaker) of the latest attribution with a speaker

    def in_quote(self, i):
        """True inside the content of a closed quotation."""
        k = bisect_right(self.quote_opens, i) - 1
        return k >= 0 and self.quotes[k][1] <= i < self.quotes[k][2] and self.quotes[k][3] >= 0

    def quoted_parts(self, content):
        """(start, end) of the quotations inside a direct content span."""
        k = bisect_left(self.quote_opens, content[0] - 1)
        parts = []
        while k < len(self.quotes) and self.quotes[k][1] < content[1]:
            if self.quotes[k][1] >= content[0]:
                parts.append(self.quotes[k][1:3])
            k += 1
        return parts or [content]

    def cue_between(self, lo, hi):
        k = bisect_left(self.cue_starts, lo)
        return k < len(self.cue_starts) and self.cue_starts[k] < hi

    def content_quotes(self, s, e):
        k = bisect_left(self.quote_opens, s)
        return k < len(self.quotes) and self.quotes[k][0] < e


class AttributionStage:
    """Finds attributions in a Doc without modifying it; picklable (Matcher + plain data)."""

    def __init__(self, nlp, cue_records):
        self.cues = CueMatcher(nlp, [r for r in cue_records if r.get("label", "CUE") == "CUE"])
        self.speech_nouns = self.cues.noun_forms | DOCUMENT_NOUNS
        self.lexicon = LexCache(nlp.vocab, self.cues.first_forms | QUOTE_TOKENS | ENDS)

    def __call__(self, doc):
        if not len(doc):
            return []
        orth, lex, candidates = self.lexicon(doc)
        cues = self.cues(doc, lex, candidates)
        if not cues:
            return []
        ctx = _Doc(doc, orth, lex, candidates, cues)
        out, done = [], -1
        for cue in cues:
            if cue.start != done:
                rec = self._attribution(ctx, cue)
                if rec is not None:
                    out.append(rec)
                    done = cue.start
        return out

    # -- one cue -----------------------------------------------------------------------
    def _attribution(self, ctx, cue):
        if cue.kind in _LINE_SHAPES:
            shaped = _LINE_SHAPES[cue.kind](ctx, cue)
            return self._finish(ctx, cue, *shaped) if shaped is not None else None
        if ctx.in_quote(cue.start):
            return None
        tok = ctx.doc[cue.start] if ctx.tagged or ctx.parsed else None
        if not plausible(ctx.lex, cue, tok, ctx.tagged, ctx.parsed):
            return None
        shaped = None
        if cue.lemma == "according to":
            shaped = according_to(ctx, cue, tok)
        elif cue.kind == "noun":
            shaped = noun_cue(ctx, cue, tok) if ctx.parsed else None
        elif cue.lemma == "quote" and quoted_as_at(ctx.lex, cue) is not None:
            saying = quoted_as_at(ctx.lex, cue) + 1
            direct = self._direct(ctx, cue) or self._direct(ctx, cue._replace(start=saying, end=saying + 1))
            shaped = quoted_as(ctx, cue, tok, direct)
        else:
            return self._reported(ctx, cue, tok)
        return self._finish(ctx, cue, *shaped) if shaped is not None else None

    def _reported(self, ctx, cue, tok):
        """A reporting verb with a quotation or a reported clause."""
        direct = self._direct(ctx, cue)
        if direct is not None:
            content, rule = direct, "quote"
            type_ = "direct"
        elif cue.quote_only:
            return None
        elif ctx.parsed:
            found = tree_content(tok, cue.end, ctx.lex, cue.addressee_object)
            if found is None or cue.clause_only and found[2] not in ("dep:ccomp", "dep:predicate") or (
                    cue.speech_object and not self._speech(ctx, found)):
                return None
            content, rule = found[:2], found[2]
            type_ = "mixed" if ctx.content_quotes(*content) else "indirect"
        else:
            return self._words_indirect(ctx, cue)
        speaker, speakers = None, ()
        if ctx.parsed:
            head = tree_subject(tok)
            if type_ == "direct" and head is not None and ctx.in_quote(head.i):
                # '"... mode. Full panic mode," said X': a parse that splits the quotation
                # makes its last words a subject; the speaker is the other one, if any
                head = next((c for c in tok.children if c.dep_ == "nsubj" and not ctx.in_quote(c.i)), None)
            inside = ctx.in_quote(head.i) if type_ == "direct" and head is not None else (
                head is not None and content[0] <= head.i < content[1])
            if type_ == "direct" and not self._direct_by_tree(tok, head, inside):
                return None
        role = None
        if ctx.parsed:
            if head is not None and not inside:
                speaker, speakers = tree_speaker(head, ctx.lex)
                role = tree_role(head, ctx.lex) if speaker is not None and len(speakers) == 1 else None
        if speaker is None and not (ctx.parsed and any(c.dep_ == "auxpass" for c in tok.children)):
            # "The envoy was told that ...": the subject of a passive cue heard it, and said nothing
            speaker, role = self._speaker_words(ctx, cue, type_ == "direct")
            speakers = (speaker,) if speaker else ()
        if speaker is None and not (ctx.parsed and any(c.dep_ == "nsubjpass" for c in tok.children)
                                    and rule == "dep:ccomp"):
            return None
        if type_ == "direct":
            rule = "quote:cue-after" if content[0] < cue.start else "quote:cue-before"
        return self._finish(ctx, cue, speaker, speakers, content, type_, rule, role)

    def _speech(self, ctx, content):
        """The content is a speech act or a document ("the claims", "the statement")."""
        s, e = content[0], content[1]
        return any(ctx.lex[k].lower in self.speech_nouns for k in range(s, min(e, s + _SPEECH_REACH)))

    def _finish(self, ctx, cue, speaker, speakers, content, type_, rule, role=None):
        if cue.cue_class == "finding" and (speaker is None or not any(
                ctx.lex[k].lower in FINDING_SOURCES for k in range(*speaker))):
            return None     # "the poll found that ...", not "the army found the bodies"
        if speaker is not None and is_clock_time(ctx.lex[speaker[0]]):
            speaker = after_clock_time(ctx.lex, *speaker)     # a live blog's "5:45 p.m." heading
            if speaker is None:
                return None
            speakers = (speaker,) + tuple(speakers[1:])
        if speaker is not None and type_ != "direct":
            content = without_speaker(ctx.lex, content, speaker)
            if content is None:
                return None
        name = None
        if speaker is not None and role is None:
            first = speakers[0] if speakers else speaker
            role, name = split_role(ctx.lex, first[0], first[1], ctx.persons, ctx.resolver.ent_starts)
        elif speaker is not None:
            name = speaker
        resolved = ctx.resolver.resolve(cue.start, speaker, role, name)
        each = (resolved,) if len(speakers) < 2 else tuple(
            ctx.resolver.resolve_conjunct(part, cue.start) for part in speakers)
        if speaker is not None:
            ctx.recent = (cue.start, speaker)
        doc = ctx.doc

        def span(pair):
            return doc[pair[0]:pair[1]] if pair else None

        return Attribution(cue=doc[cue.start:cue.end], speaker=span(speaker), speakers=tuple(map(span, speakers)),
                           speaker_resolved=span(resolved), content=span(content),
                           content_parts=tuple(map(span, ctx.quoted_parts(content) if type_ == "direct" else (content,))),
                           type=type_, cue_class=cue.cue_class, rule=rule, role=span(role),
                           speakers_resolved=tuple(span(r) for r in each if r is not None))

    # -- direct quotations ---------------------------------------------------------------
    def _gap_ok(self, ctx, lo, hi, limit, before_quote):
        lex = ctx.lex
        if hi - lo > 2 * limit:
            return False
        words = [k for k in range(lo, hi) if not lex[k].is_space]
        if len(words) > limit or ctx.cue_between(lo, hi):
            return False
        if any(lex[k].text in _SENT_END or lex[k].is_quote for k in words):
            return False
        if before_quote:
            if any(lex[k].lower == "that" for k in words):
                return False
            return not words or lex[words[-1]].text in (":", ",")
        return True

    def _quote_before_cue(self, ctx, cue):
        k = bisect_left(ctx.quote_closes, cue.start) - 1
        if k < 0:
            return None
        close = ctx.quote_closes[k]
        lo = close + 1 if ctx.quotes[k][3] >= 0 else close
        if not self._gap_ok(ctx, lo, cue.start, _MAX_AFTER_GAP, False) or not self._opens_sentence(ctx, k):
            return None
        return k if self._quote_runs_on(ctx, k, lo, cue.start) else None

    @staticmethod
    def _opens_sentence(ctx, k):
        """A quotation before its cue opens its clause: 'A cashier who "lies" is punished,
        she said' quotes a phrase inside reported speech, not what was said."""
        lex, j = ctx.lex, ctx.quotes[k][0] - 1
        while j >= 0 and lex[j].is_space and not lex[j].is_break:
            j -= 1
        return j < 0 or lex[j].is_break or not lex[j].text[:1].isalnum()

    @staticmethod
    def _quote_runs_on(ctx, k, lo, cue_start):
        """'"...," he said' but not '"... good." Li told': a quotation that ends its
        sentence (or paragraph) does not take the cue of the next one. After a question
        or an exclamation the cue may open with its speaker ('"Why now?" Li asked.') when
        its own sentence has no content of its own."""
        lex = ctx.lex
        last = lex[ctx.quotes[k][2] - 1].text
        if any(lex[j].is_break for j in range(lo, cue_start)):
            return False
        if last == "." or last == "…":
            return False
        if last in ("?", "!"):
            first = next((j for j in range(lo, cue_start + 1) if not lex[j].is_space), None)
            return first is not None and (first == cue_start or lex[first].text[:1].islower()
                                          or bare_cue(lex, cue_start + 1))
        return True

    def _quote_after_cue(self, ctx, cue_end):
        k = bisect_left(ctx.quote_opens, cue_end)
        if k >= len(ctx.quotes):
            return None
        return k if self._gap_ok(ctx, cue_end, ctx.quote_opens[k], _MAX_BEFORE_GAP, True) else None

    def _own_cue_after(self, ctx, k):
        close = ctx.quote_closes[k]
        j = bisect_left(ctx.cue_starts, close)
        if j >= len(ctx.cue_starts):
            return False
        start = ctx.cue_starts[j]
        lo = close + 1 if ctx.quotes[k][3] >= 0 else close
        return self._gap_ok(ctx, lo, start, _MAX_AFTER_GAP, False) and self._quote_runs_on(ctx, k, lo, start)

    def _direct(self, ctx, cue):
        """Content span of the quotation(s) this cue introduces or follows, or None."""
        if cue.kind != "verb" or not ctx.quotes:
            return None
        first = self._quote_before_cue(ctx, cue)
        nxt = self._quote_after_cue(ctx, cue.end)
        if first is None and nxt is None:
            return None
        last = nxt if nxt is not None else first
        if first is None:
            first = nxt
        if nxt is None:
            last = self._continuation(ctx, cue, first)
        last = self._chain(ctx, last)
        return ctx.quotes[first][1], ctx.quotes[last][2]

    def _continuation(self, ctx, cue, k):
        """'"A," he said. "B."': the next quotation right after the cue's sentence runs on."""
        n = k + 1
        if n >= len(ctx.quotes) or self._own_cue_after(ctx, n):
            return k
        lex, open_tok = ctx.lex, ctx.quotes[n][0]
        gap = [j for j in range(cue.end, open_tok) if not lex[j].is_space]
        if not gap or len(gap) > _MAX_TAIL or lex[gap[-1]].text not in _SENT_END:
            return k
        if ctx.cue_between(cue.end, open_tok) or any(lex[j].is_break for j in range(cue.end, open_tok)):
            return k
        return n

    def _chain(self, ctx, k):
        lex = ctx.lex
        for _ in range(_MAX_CHAIN):
            n = k + 1
            if n < len(ctx.quotes) and ctx.quotes[n].continued:
                k = n
                continue
            if n >= len(ctx.quotes) or ctx.quotes[k][3] < 0:
                break
            gap = range(ctx.quotes[k][3] + 1, ctx.quotes[n][0])
            if any(not (lex[j].is_space or lex[j].is_punct) or lex[j].is_break for j in gap) \
                    or self._own_cue_after(ctx, n):
                break
            k = n
        return k

    @staticmethod
    def _direct_by_tree(tok, subject, inside):
        """A quotation next to a verb is its content only if the verb is active and its
        subject stands outside the quotation."""
        if any(c.dep_ == "auxpass" for c in tok.children):
            return False
        if subject is None:
            return tok.dep_ in ("advcl", "conj", "xcomp", "parataxis", "ROOT")
        return not inside

    def _speaker_words(self, ctx, cue, direct):
        """(speaker, role) next to the cue, from the words alone."""
        lex = ctx.lex
        lo, hi = ctx.sents.sentence(cue.start)
        if direct:
            k = bisect_left(ctx.quote_closes, cue.start) - 1
            if k >= 0 and ctx.quote_closes[k] < cue.start:
                lo = max(lo, ctx.quote_closes[k] + 1)
        if lex[cue.start].lower.endswith("ing"):
            return self._clause_subject(ctx, cue, lo), None
        speaker, role = phrase_before(lex, cue.start, lo)
        if speaker is None and (direct or lex[cue.start - 1].text == ","):
            speaker = phrase_after(lex, cue.end, hi)
        return speaker, role

    @staticmethod
    def _clause_subject(ctx, cue, lo):
        """Speaker of a participle cue after a comma (", calling ...", ", adding ..."):
        the speaker of the earlier cue in the sentence, else the name that opens it."""
        if cue.start - 1 < lo or ctx.lex[cue.start - 1].text != ",":
            return None
        if ctx.recent is not None and lo <= ctx.recent[0] < cue.start:
            return ctx.recent[1]
        return sentence_subject(ctx.lex, lo, cue.start)

    # -- indirect speech without a parse -----------------------------------------------------
    def _words_indirect(self, ctx, cue):
        lex = ctx.lex
        lo, hi = ctx.sents.sentence(cue.start)
        speaker, role = self._speaker_words(ctx, cue, False)
        if speaker is None or speaker[1] <= cue.start and ctx.lex[cue.start - 1].lower in BE_FORMS:
            return None
        after = words_content_after(lex, cue.end, hi, ctx.cue_starts)
        if speaker[0] >= cue.end:
            content, rule = words_content_before(lex, lo, cue.start - 1), "token:said-X"
        else:
            before = min(speaker[0], role[0] if role else speaker[0]) - 1
            comma = before >= lo and lex[before].text == ","
            inside = parenthetical(lex, cue.end, hi, ctx.cue_between) if comma and before > lo else None
            if comma and (after[1] <= after[0] or adverbial(lex, *after) or inside is False):
                content, rule = words_content_before(lex, lo, before), "token:content-X-said"
            elif inside:
                content, rule = trim(lex, lo, hi), "token:content-X-said-content"
            elif cue.clause_only and not opens_clause(lex, cue.end, hi) and object_follows(lex, cue.end, hi) \
                    and not lex[cue.start].lower.endswith("ing"):     # ", calling the island a red line"
                return None
            elif cue.speech_object and not self._speech(ctx, after):
                return None
            else:
                content, rule = after, "token:X-said"
        if content[1] <= content[0] or adverbial(lex, *content):
            return None
        type_ = "mixed" if ctx.content_quotes(*content) else "indirect"
        return self._finish(ctx, cue, speaker, (speaker,), content, type_, rule, role)
