"""Who a speaker mention refers to: pronouns, descriptions and surnames, by rules."""
import numpy

from .lexicon import (CAP_STOP, DESCRIPTION_HEADS, DETERMINERS, FEMALE_NAMES, FEMALE_TITLES, MALE_NAMES,
                      MALE_TITLES, PRONOUNS, TITLES)

_WINDOW = 120   # tokens back to the antecedent attribution


class Resolver:
    """Resolves speaker mentions of one Doc; remembers earlier speakers in order."""

    def __init__(self, doc, orth, ents, has_ner):
        self.doc = doc
        self.orth = orth
        self.has_ner = has_ner
        self.ents = ents            # (start, end) of PERSON entities, or () without NER
        self.history = []           # (cue start, resolved span, gender, is_person)

    def resolve(self, cue_start, speaker, role, name):
        """speaker_resolved for the mention ``speaker``; records it as a later antecedent."""
        doc = self.doc
        if speaker is None:
            return None
        s, e = speaker
        first = doc[s].lower_
        if e - s == 1 and first in PRONOUNS:
            resolved = self._antecedent(cue_start, PRONOUNS[first])
            self._remember(cue_start, resolved, PRONOUNS[first], PRONOUNS[first] in "mf")
            return resolved
        if self._is_description(s, e):
            resolved = self._antecedent(cue_start, self._gender(s, e, None), persons_only=True)
            self._remember(cue_start, resolved, None, True)
            return resolved
        target = name or speaker
        resolved = self._fullest(target, cue_start)
        person = name is not None or self._looks_person(resolved)
        self._remember(cue_start, resolved, self._gender(s, e, role), person)
        return resolved

    def _looks_person(self, span):
        doc = self.doc
        if self.ents or self.has_ner:
            return any(a <= span[0] and span[1] <= b for a, b in self.ents)
        words = doc[span[0]:span[1]]
        return all(t.text[:1].isupper() for t in words) and (
            len(words) > 1 or words[0].lower_ in MALE_NAMES or words[0].lower_ in FEMALE_NAMES)

    def _remember(self, cue_start, resolved, gender, person):
        if resolved is not None:
            self.history.append((cue_start, resolved, gender, person))

    def _is_description(self, s, e):
        doc = self.doc
        return (e - s >= 2 and doc[s].lower_ in ("the", "a", "an") and doc[e - 1].lower_ in DESCRIPTION_HEADS
                and not any(doc[k].text[:1].isupper() for k in range(s + 1, e)))

    def _gender(self, s, e, role):
        doc = self.doc
        for k in range(s, e):
            low = doc[k].lower_
            if low in MALE_TITLES or low in MALE_NAMES and doc[k].is_title:
                return "m"
            if low in FEMALE_TITLES or low in FEMALE_NAMES and doc[k].is_title:
                return "f"
        return None

    def _antecedent(self, cue_start, gender, persons_only=False):
        for start, span, g, person in reversed(self.history):
            if cue_start - start > _WINDOW:
                break
            if gender in ("m", "f") or persons_only:
                if person and (g is None or gender is None or g == gender or g not in "mf"):
                    return span
            elif gender == "p" or gender == "n":
                if not person or g == "p":
                    return span
        if gender in ("m", "f", None) or persons_only:
            for start, end in reversed(self.ents):
                if end <= cue_start and cue_start - end <= _WINDOW * 2:
                    g = self._gender(start, end, None)
                    if g is None or gender is None or g == gender:
                        return self._fullest((start, end), start)
        return None

    def _fullest(self, span, before):
        """The longest earlier mention of the name that ends with this span's last word."""
        doc = self.doc
        s, e = span
        while s < e - 1 and (doc[s].lower_ in DETERMINERS or doc[s].lower_ in TITLES):
            s += 1
        last = doc[e - 1].text
        if not last[:1].isupper():
            return (s, e)
        best = (s, e)
        for a, b in self.ents:
            if doc[b - 1].text == last and b - a > best[1] - best[0] and a < before:
                best = (a, b)
        if best == (s, e):
            best = self._fullest_in_text(last, best, before)
        return best

    def _fullest_in_text(self, last, best, before):
        """Without NER: the longest capitalized run ending in ``last`` before ``before``."""
        doc = self.doc
        key = doc.vocab.strings[last] if last in doc.vocab.strings else None
        if key is None:
            return best
        for i in numpy.nonzero(self.orth[:before] == key)[0].tolist():
            k = i
            while k > 0 and i - k < 3 and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha \
                    and not doc[k - 1].whitespace_ == "":
                k -= 1
            words = [t.lower_ for t in doc[k:i + 1]]
            cut = [n for n, w in enumerate(words[:-1]) if w in TITLES or w in CAP_STOP]
            k = k + cut[-1] + 1 if cut else k
            if i + 1 - k > best[1] - best[0]:
                best = (k, i + 1)
        return best
