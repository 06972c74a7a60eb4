"""Who a speaker mention refers to: pronouns, descriptions and surnames, by rules.

Gender comes from the text only: a title or role noun in or before a mention
("Ms", "spokeswoman"), a pronoun right after it in its clause ("Baerbock met
her counterpart"), and the pronouns already resolved to that person. Entity
look-ups go through sorted offsets (bisect) and an index by last word, so the
work per attribution does not grow with the length of the document."""
from bisect import bisect_right

import numpy
from spacy.strings import get_string_id

from .lexicon import (ARTICLES, CAP_STOP, DESCRIPTION_HEADS, DETERMINERS, FEMALE_TITLES, GENDER_WORDS, MALE_TITLES,
                      PRONOUNS, TITLES)

_WINDOW = 120   # tokens back to the antecedent attribution
_PRONOUN_REACH = 6   # tokens after a mention to a pronoun of its clause
_TITLE_ORTHS = {get_string_id(form): g for words, g in ((MALE_TITLES, "m"), (FEMALE_TITLES, "f"))
                for w in words for form in (w, w.capitalize())}
_TITLE_KEYS = numpy.array(sorted(_TITLE_ORTHS), dtype=numpy.uint64)


class Resolver:
    """Resolves speaker mentions of one Doc; remembers earlier speakers in order."""

    def __init__(self, doc, orth, lex, space_after, ents, has_ner):
        self.doc, self.orth, self.lex, self.space_after = doc, orth, lex, space_after
        self.has_ner = has_ner
        self.ents = ents            # (start, end) of PERSON entities in order, or () without NER
        self.ent_starts = [start for start, _ in ents]
        self.ent_ends = [end for _, end in ents]
        self.ents_by_last = {}      # text of an entity's last token -> its entities in order
        for a, b in ents:
            self.ents_by_last.setdefault(lex[b - 1].text, []).append((a, b))
        self.history = []           # (cue start, resolved span, gender, is_person)
        self._runs = {}             # orth hash -> its capitalized runs, see _capitalized_runs
        self._known = None          # text of a name's last word -> gender, from titles and resolved pronouns

    def resolve(self, cue_start, speaker, role, name):
        """speaker_resolved for the mention ``speaker``; records it as a later antecedent."""
        if speaker is None:
            return None
        s, e = speaker
        first = self.lex[s].lower
        if e - s == 1 and first in PRONOUNS:
            gender = PRONOUNS[first]
            resolved = self._antecedent(cue_start, gender)
            self._remember(cue_start, resolved, gender, gender in "mf")
            return resolved
        if self._is_description(s, e):
            resolved = self._same_head(cue_start, self.lex[e - 1].lower) or self._antecedent(
                cue_start, self._gender(s, e, None), persons_only=True)
            self._remember(cue_start, resolved, None, True)
            return resolved
        target = name or speaker
        resolved = self._fullest(target, cue_start)
        person = name is not None or self._looks_person(resolved)
        self._remember(cue_start, resolved, self._gender(s, e, role), person)
        return resolved

    def resolve_conjunct(self, part, cue_start):
        """The fullest earlier mention of one of several conjoined speakers ("Blinken and Lavrov")."""
        return self._fullest(part, cue_start)

    def _looks_person(self, span):
        if self.ents or self.has_ner:
            i = bisect_right(self.ent_starts, span[0]) - 1
            return i >= 0 and span[1] <= self.ent_ends[i]
        words = self.lex[span[0]:span[1]]
        return all(t.text[:1].isupper() for t in words) and (
            len(words) > 1 or self._gender(span[0], span[1], None) is not None)

    def _remember(self, cue_start, resolved, gender, person):
        if resolved is not None:
            self.history.append((cue_start, resolved, gender, person))

    def _is_description(self, s, e):
        lex = self.lex
        return (e - s >= 2 and lex[s].lower in ARTICLES and lex[e - 1].lower in DESCRIPTION_HEADS
                and not any(lex[k].text[:1].isupper() for k in range(s + 1, e)))

    def known(self):
        """Gender by a name's last word, from titles in the text ("Ms Lindqvist")."""
        if self._known is None:
            self._known = {}
            lex = self.lex
            hits = numpy.flatnonzero(numpy.isin(self.orth, _TITLE_KEYS)).tolist()
            for k in hits:
                j = k + 1
                while j < len(lex) and lex[j].text[:1].isupper() and lex[j].is_alpha:
                    j += 1
                if j > k + 1:
                    self._known.setdefault(lex[j - 1].text, _TITLE_ORTHS[int(self.orth[k])])
        return self._known

    def _gender(self, s, e, role):
        """"m", "f" or None for the mention [s, e), from evidence in the text."""
        lex = self.lex
        for k in range(max(0, s - 1), e):
            low = lex[k].lower
            if low in MALE_TITLES:
                return "m"
            if low in FEMALE_TITLES:
                return "f"
        known = self.known().get(lex[e - 1].text)
        if known is not None:
            return known
        for k in range(e, min(len(lex), e + _PRONOUN_REACH)):
            t = lex[k]
            if t.lower in GENDER_WORDS:
                return GENDER_WORDS[t.lower]
            if t.text in (".", ";", "!", "?") or t.is_quote or t.is_break or (t.text[:1].isupper() and t.is_alpha):
                break
        return None

    def _same_head(self, cue_start, head):
        """The latest earlier speaker within the window whose mention ends in the same
        noun ("a senior EU official" ... "the official said")."""
        for start, span, _, _ in reversed(self.history):
            if cue_start - start > _WINDOW:
                break
            if self.lex[span[1] - 1].lower == head:
                return span
        return None

    def _antecedent(self, cue_start, gender, persons_only=False):
        """The most recent earlier speaker that agrees in gender and number (one known
        to agree before one not known), else the PERSON entity that does (subjects first)."""
        fallback = None
        for start, span, g, person in reversed(self.history):
            if cue_start - start > _WINDOW:
                break
            if gender in ("m", "f") or persons_only:
                if not person:
                    continue
                g = g if g in ("m", "f") else self._gender(span[0], span[1], None)
                if g is not None and g == gender:
                    return span
                if fallback is None and (g is None or gender is None):
                    fallback = span
            elif gender == "p" or gender == "n":
                if not person or g == "p":
                    return span
        if gender not in ("m", "f", None) and not persons_only:
            return fallback
        known, unknown = self._entity_antecedent(cue_start, gender)
        return known or fallback or unknown

    def _entity_antecedent(self, cue_start, gender):
        """(entity known to agree, entity not known to disagree: subjects first)."""
        unknown = []
        for i in range(bisect_right(self.ent_ends, cue_start) - 1, -1, -1):
            start, end = self.ents[i]
            if cue_start - end > _WINDOW * 2:
                break
            g = self._gender(start, end, None)
            if g is not None and g == gender:
                return self._fullest((start, end), start), None
            if g is None or gender is None:
                unknown.append((start, end))
        if not unknown:
            return None, None
        subjects = [m for m in unknown if self.doc[m[1] - 1].dep_.startswith("nsubj")]
        best = (subjects or unknown)[0]
        return None, self._fullest(best, best[0])

    def _fullest(self, span, before):
        """The longest earlier mention of the name that ends with this span's last word."""
        lex = self.lex
        s, e = span
        if not lex[e - 1].text[:1].isupper():
            return span         # a description ("a senior State Department official")
        while s < e - 1 and (lex[s].lower in DETERMINERS or lex[s].lower in TITLES) and (
                lex[s + 1].text[:1].isupper() or lex[s + 1].lower in TITLES):
            s += 1
        last = lex[e - 1].text
        if not last[:1].isupper():
            return (s, e)
        best = (s, e)
        for a, b in self.ents_by_last.get(last, ()):
            if a >= before:
                break
            if b - a > best[1] - best[0]:
                best = (a, b)
        if best == (s, e):
            for i, k in self._capitalized_runs(int(self.orth[e - 1])):
                if i >= before:
                    break
                if i + 1 - k > best[1] - best[0]:
                    best = (k, i + 1)
        return best

    def _capitalized_runs(self, key):
        """(i, k) for each token i of orth ``key``: [k, i] is the capitalized run ending at i
        (up to three words before it, titles and stop words left out); once per form and Doc."""
        runs = self._runs.get(key)
        if runs is not None:
            return runs
        lex, space_after, runs = self.lex, self.space_after, []
        for i in numpy.flatnonzero(self.orth == key).tolist():
            k = i
            while k > 0 and i - k < 3 and lex[k - 1].text[:1].isupper() and lex[k - 1].is_alpha \
                    and space_after[k - 1]:
                k -= 1
            cut = [n for n, t in enumerate(lex[k:i]) if t.lower in TITLES or t.lower in CAP_STOP]
            runs.append((i, k + cut[-1] + 1 if cut else k))
        self._runs[key] = runs
        return runs
