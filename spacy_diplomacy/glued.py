"""Acronyms written with periods and glued to the next word ("U.S.-led",
"U.N.-backed", "U.S./Japan"), found without touching the tokenizer.

spaCy's English tokenizer keeps such a word as one token. The acronym is
reported on that token's span, with the character offsets of the acronym part
kept beside it (``to_record`` gives those)."""
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List

import numpy
from spacy.tokens import Doc

GLUED_ACRONYM = re.compile(r"^((?:[A-Z]\.){2,})[-/\u2010\u2011\u2012\u2212\ufe63\uff0d](?=[A-Za-z])")


def has_glued_acronym(text: str) -> bool:
    """Whether a word form starts with a dotted acronym joined to a word."""
    return GLUED_ACRONYM.match(text) is not None


def glued_acronym_flag(vocab) -> int:
    """The id of a lexeme flag for such word forms (computed once per form)."""
    for flag_id, getter in vocab.lex_attr_getters.items():
        if getter is has_glued_acronym:
            return flag_id
    return vocab.add_flag(has_glued_acronym)


@dataclass(frozen=True)
class GluedAcronym:
    """An acronym inside a token: the token, the acronym's characters and its record."""

    token: int
    start_char: int
    end_char: int
    record: Dict[str, Any]


class GluedAcronyms:
    """Finds the dotted forms of ACRONYM records at the start of glued tokens."""

    def __init__(self, vocab, records: Iterable[Dict[str, Any]]):
        self.flag = glued_acronym_flag(vocab)
        self.forms: Dict[str, Dict[str, Any]] = {}
        for record in records:
            for form in [record["pattern"], *record.get("aliases", [])]:
                if isinstance(form, str) and GLUED_ACRONYM.match(form + "-x"):
                    self.forms.setdefault(form, record)

    def __call__(self, doc: Doc) -> List[GluedAcronym]:
        if not self.forms or not len(doc):
            return []
        found = []
        for i in numpy.flatnonzero(doc.to_array(self.flag)).tolist():
            token = doc[i]
            form = GLUED_ACRONYM.match(token.text).group(1)
            if form in self.forms:
                found.append(GluedAcronym(i, token.idx, token.idx + len(form), self.forms[form]))
        return found
