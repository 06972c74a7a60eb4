"""Acronyms and group formats: gazetteer hits, the diplomatic-context gate, and what definitions in the text change."""
import re
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .definitions import Definition, DefinitionRules, agrees, comparable
from .gazetteer import Hit

MATH_NEIGHBOURS = frozenset("= + - * / × ÷ x".split())
MENTION_START = re.compile(r"(?<![\w.])[A-Za-z]")  # short forms start with a letter
WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class AcronymMention:
    """An acronym or group format as written, with what it stands for."""

    start: int
    end: int
    id: str
    long_form: Optional[str]
    type: str
    members: Tuple[str, ...]
    defined_in_text: bool
    rule: str
    kb_id: str = ""


@dataclass(frozen=True)
class GroupMention:
    """A group of states, written as an acronym ("P5+1") or as a name ("Normandy Format")."""

    start: int
    end: int
    id: str
    members: Tuple[str, ...]
    rule: str


class ContextGate:
    """Decides whether an ambiguous form ("4+1", "E3") stands in diplomatic context."""

    def __init__(self, records: Iterable[Dict], window: int = 3):
        self.positive: set = set()
        self.negative: set = set()
        for record in records:
            target = self.negative if record["polarity"] == "negative" else self.positive
            target.update(w.lower() for w in record["pattern"])
        self.window = window

    def allows(self, doc: Doc, start: int, end: int, doc_is_diplomatic: bool) -> bool:
        """Whether the form at doc[start:end] counts. A form that is also an
        English word ("WHO") counts after a lower-case "the" outside text in
        capitals, and never inside text in capitals."""
        if doc[start].lower_ in STOP_WORDS:
            return not _in_capitals(doc, start, end) and start > 0 and doc[start - 1].text == "the"
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if (after is not None and after.text in MATH_NEIGHBOURS) or (
            before is not None and (before.text in MATH_NEIGHBOURS or before.like_num)
        ):
            return False
        nearby = {t.lower_ for t in doc[max(0, start - self.window) : min(len(doc), end + self.window)]}
        if nearby & self.negative:
            return False
        return bool(nearby & self.positive) or doc_is_diplomatic


def _in_capitals(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in (*doc[max(0, start - 2) : start], *doc[end : end + 2]) if t.is_alpha and len(t) > 1]
    return any(t.is_upper for t in words)


def find_acronyms(
    doc: Doc, hits: Sequence[Hit], definitions: Sequence["Definition"], gate: ContextGate, rules: DefinitionRules
) -> Tuple[List[AcronymMention], List[GroupMention]]:
    """Acronym and group mentions from gazetteer hits and definitions in the text.

    An ambiguous form that the text defines as one of its known expansions
    counts without further context."""
    confirmed = {d.short_form for d in definitions if d.in_scope}
    acronym_hits = [h for h in hits if h.record["label"] == "ACRONYM" or (h.record["label"] == "GROUP" and h.record.get("acronym"))]
    name_hits = [h for h in hits if h.record["label"] == "GROUP" and not h.record.get("acronym")]
    acronym_hits = _longest_first(acronym_hits)
    name_hits = _longest_first(name_hits)
    doc_is_diplomatic = any(not _is_ambiguous(h) and h.record.get("type") != "STATE" for h in acronym_hits + name_hits)
    acronym_hits = [
        h for h in acronym_hits
        if not _is_ambiguous(h) or doc[h.start : h.end].text in confirmed or gate.allows(doc, h.start, h.end, doc_is_diplomatic)
    ]
    name_hits = [h for h in name_hits if not _is_ambiguous(h) or gate.allows(doc, h.start, h.end, doc_is_diplomatic)]

    acronym_hits = [h for h in acronym_hits if not _inside_other_treaty(h, hits) and not _not_a_state(doc, h, rules)]
    acronyms = [_acronym_from_hit(h) for h in acronym_hits]
    groups = [_group_from_hit(h) for h in acronym_hits + name_hits if h.record["label"] == "GROUP"]
    known = {doc[h.start : h.end].text: h for h in acronym_hits}
    acronyms = _apply_definitions(doc, acronyms, definitions, known, rules)
    return sorted(acronyms, key=lambda m: m.start), sorted(groups, key=lambda m: m.start)


def _inside_other_treaty(hit: Hit, hits: Sequence[Hit]) -> bool:
    """A treaty acronym inside the name of another agreement ("START" in "New START")."""
    if hit.record["label"] != "ACRONYM" or hit.record["type"] != "TREATY":
        return False
    own = hit.record.get("treaty", hit.record["id"])
    return any(
        h.record["label"] == "TREATY" and h.start <= hit.start and hit.end <= h.end and h.end - h.start > hit.end - hit.start
        and h.record["id"] != own
        for h in hits
    )


def _not_a_state(doc: Doc, hit: Hit, rules: DefinitionRules) -> bool:
    """A state acronym that is part of a currency ("$US 300") or of a company name ("Zentia USA Inc")."""
    if hit.record.get("type") != "STATE":
        return False
    if (hit.start > 0 and doc[hit.start - 1].text == "$") or (hit.end < len(doc) and doc[hit.end].text.startswith("$")):
        return True
    companies = rules.words.get("COMPANY", set())
    for token in doc[hit.end : hit.end + 4]:
        if token.lower_.rstrip(".") in companies:
            return True
        if not (token.is_title or token.is_upper or token.text == "."):
            return False
    return False


def _is_ambiguous(hit: Hit) -> bool:
    ambiguous = hit.record.get("ambiguous", False)
    return hit.pattern in ambiguous if isinstance(ambiguous, list) else bool(ambiguous)


def _longest_first(hits: Sequence[Hit]) -> List[Hit]:
    used: set = set()
    chosen = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if used.isdisjoint(range(hit.start, hit.end)):
            chosen.append(hit)
            used.update(range(hit.start, hit.end))
    return chosen


def _acronym_from_hit(hit: Hit) -> AcronymMention:
    record = hit.record
    is_group = record["label"] == "GROUP"
    return AcronymMention(
        hit.start,
        hit.end,
        record["id"],
        record["long_form"][0] if record["long_form"] else None,
        "GROUP" if is_group else record["type"],
        tuple(record["members"]) if is_group else (),
        False,
        f"gazetteer:{record.get('source', '')}",
        record.get("kb_id", ""),
    )


def _group_from_hit(hit: Hit) -> GroupMention:
    return GroupMention(hit.start, hit.end, hit.record["id"], tuple(hit.record["members"]), f"gazetteer:{hit.record.get('source', '')}")


def _apply_definitions(
    doc: Doc,
    acronyms: List[AcronymMention],
    definitions: Sequence[Definition],
    known: Dict[str, Hit],
    rules: DefinitionRules,
) -> List[AcronymMention]:
    """What the text's definitions change, from where each stands on: a known
    acronym takes the text's long form unless that is only part of the known
    expansion; a known acronym defined as something out of scope ("ATT" for a
    company) is dropped from the whole document; an unknown acronym defined
    as something in scope is added at each of its mentions."""
    by_position = {(m.start, m.end): m for m in acronyms}
    taken = {i for start, end in by_position for i in range(start, end)}
    mentions = _mentions(doc, doc.text, [d.short_form for d in definitions]) if definitions else {}
    for definition in definitions:
        sf = definition.short_form
        expansions = known[sf].record["long_form"] if sf in known else []
        if sf in known and not definition.in_scope:
            for position in mentions[sf]:
                by_position.pop(position, None)
            continue
        kind = None if sf in known else rules.type_of(definition.long_form)
        if sf not in known and kind is None:
            continue
        partial = agrees(definition.long_form, expansions) and comparable(definition.long_form) not in map(comparable, expansions)
        for start, end in mentions[sf]:
            current = by_position.get((start, end))
            if current is not None:
                if start >= definition.start and not partial:
                    by_position[(start, end)] = replace(
                        current, long_form=definition.long_form, defined_in_text=True, rule="definition"
                    )
            elif kind is not None and taken.isdisjoint(range(start, end)):
                by_position[(start, end)] = AcronymMention(
                    start, end, sf, definition.long_form, kind, (), True, "definition"
                )
                taken.update(range(start, end))
    return list(by_position.values())


def _mentions(doc: Doc, text: str, short_forms: Sequence[str]) -> Dict[str, List[Tuple[int, int]]]:
    """Token offsets of the stand-alone mentions of each short form (not inside a
    longer word or after a period), in text order, found in one pass over the text
    so that many definitions in a long document stay linear."""
    found: Dict[str, List[Tuple[int, int]]] = {sf: [] for sf in short_forms}
    lengths = sorted({len(sf) for sf in short_forms})
    last_end: Dict[str, int] = {}
    for match in (MENTION_START.finditer(text) if found else ()):
        position = match.start()
        for length in lengths:
            end = position + length
            if end > len(text):
                break
            candidate = text[position:end]
            if candidate not in found or WORD_CHAR.match(text, end) or position < last_end.get(candidate, 0):
                continue
            last_end[candidate] = end
            span = doc.char_span(position, end)
            if span is not None:
                found[candidate].append((span.start, span.end))
    return found


