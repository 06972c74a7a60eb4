"""Generic references to agreements ("the deal", "the nuclear accord") and the agreement each refers to.

A reference links to an earlier named agreement that it is compatible with:
its head word ("the treaty" only to an agreement named a treaty) and every
modifier that is not neutral must fit ("the nuclear deal" fits the Iran
nuclear deal; "the pandemic treaty" fits no arms-control treaty). Among the
compatible agreements the one just named wins; further back, the one named
most often; when two are named equally often, there is no link.
"""
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence

from spacy.tokens import Doc

from .gazetteer import Hit

LOOKBACK = 20  # named agreements a reference may skip back over
NEAR = 40  # tokens within which the latest compatible agreement wins outright
DETERMINERS = frozenset({"the", "this", "that"})


@dataclass(frozen=True)
class TreatyReference:
    """A generic reference ("the deal") and the id of the agreement it refers to."""

    start: int
    end: int
    treaty_id: str


def _words(text: str) -> FrozenSet[str]:
    lowered = text.lower()
    return frozenset(re.findall(r"[a-z0-9]+", lowered) + re.findall(r"[a-z0-9]+", lowered.replace("-", "")))


class TreatyLexicon:
    """Word lists of agreement names (from DEFINITION records: TREATY heads,
    SPECIFIC_HEAD, NEUTRAL_MODIFIER, ORGANIZATION_NAME) and the words of each
    listed agreement's names."""

    def __init__(self, records: Iterable[Dict[str, Any]]):
        roles: Dict[str, set] = {}
        names: Dict[str, set] = {}
        for record in records:
            if record["label"] == "DEFINITION":
                roles.setdefault(record["type"], set()).update(w.lower() for w in record["pattern"])
            elif record["label"] == "TREATY":
                phrases = [record["name"], *record["descriptions"]]
                phrases += [p for p in (record["pattern"], *record["aliases"]) if isinstance(p, str)]
                names.setdefault(record["id"], set()).update(*(_words(p) for p in phrases))
        self.heads = frozenset(roles.get("TREATY", ()))
        self.specific_heads = frozenset(roles.get("SPECIFIC_HEAD", ()))
        self.neutral_modifiers = frozenset(roles.get("NEUTRAL_MODIFIER", ()))
        self.organization_words = frozenset(roles.get("ORGANIZATION_NAME", ()))
        self.name_words = {treaty_id: frozenset(words) for treaty_id, words in names.items()}

    def fits(self, doc: Doc, mention, start: int, end: int) -> bool:
        """Whether the reference doc[start:end] can refer to the mention's agreement."""
        named = _words(f"{mention.name} {doc[mention.start:mention.end].text}")
        known = self.name_words.get(mention.id, frozenset()) | named
        head = doc[end - 1].lower_
        if head in self.specific_heads and head not in named and head.rstrip("s") not in named:
            return False
        modifiers = [t.lower_ for t in doc[start : end - 1] if t.lower_ not in DETERMINERS]
        return all(m in self.neutral_modifiers or m in known for m in modifiers)


def find_references(doc: Doc, mentions: Sequence, hits: Sequence[Hit], lexicon: TreatyLexicon) -> List[TreatyReference]:
    """Link each generic reference to a compatible named agreement before it, or to nothing."""
    taken = set()
    for mention in mentions:
        taken.update(range(mention.start, mention.end))
    ends = [m.end for m in mentions]
    references = []
    for hit in sorted(hits, key=lambda h: h.start):
        if not taken.isdisjoint(range(hit.start, hit.end)):
            continue
        before = bisect_right(ends, hit.start)
        earlier = [m for m in mentions[max(0, before - LOOKBACK) : before] if lexicon.fits(doc, m, hit.start, hit.end)]
        treaty_id = _antecedent(earlier, hit.start)
        if treaty_id is not None:
            references.append(TreatyReference(hit.start, hit.end, treaty_id))
    return references


def _antecedent(compatible: Sequence, start: int) -> Optional[str]:
    if not compatible:
        return None
    if start - compatible[-1].end <= NEAR:
        return compatible[-1].id
    ranked = Counter(m.id for m in compatible).most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
