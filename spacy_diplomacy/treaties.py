"""Treaty mentions: listed names, acronyms, descriptions tied to a named agreement, and generic name rules."""
import re
from dataclasses import dataclass, replace
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .definitions import Definition
from .gazetteer import Hit
from .layout import normalized_view
from .references import TreatyLexicon

COMPLEMENT_WORDS = frozenset({"on", "of", "for", "to", "in", "against", "concerning", "relating", "between", "banning"})
YEAR_OR_ORDINAL = re.compile(r"^(?:1[6-9]\d\d|20\d\d|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth)$", re.I)


@dataclass(frozen=True)
class TreatyMention:
    """A named agreement: token offsets, canonical id and name, and the rule that found it."""

    start: int
    end: int
    id: str
    name: str
    rule: str
    gazetteered: bool = True


def canonical_names(records: Iterable[Dict[str, Any]]) -> Dict[str, str]:
    """Treaty id -> canonical name: the name of the first TREATY record with that id."""
    names: Dict[str, str] = {}
    for record in records:
        if record["label"] == "TREATY":
            names.setdefault(record["id"], record["name"])
    return names


def find_treaties(
    doc: Doc,
    hits: Sequence[Hit],
    definitions: Sequence[Definition],
    names: Dict[str, str],
    lexicon: TreatyLexicon,
    accepted_acronyms: Optional[set] = None,
) -> List[TreatyMention]:
    """Treaty mentions from gazetteer, acronym and rule hits; listed names win over rules.
    Every mention of one id carries the same canonical name (``names``), whatever alias matched.

    A description ("armistice agreement", a lower-case alias) names its agreement
    only where the document ties it to it: the agreement is also named, or the
    description is dated with the agreement's year ("the 1953 armistice agreement").

    A treaty acronym that the text defines as something else ("Intermediate Range
    Nuclear Forces (INF)") names no agreement on its own in that document; one
    defined after a listed agreement name ("... Plan of Action (JCPOA)") does.
    An ambiguous treaty acronym ("ATT") counts only where the acronym stage
    accepted it (``accepted_acronyms``: token offsets)."""
    heads = lexicon.heads
    named_spans = {i for h in hits if h.record["label"] == "TREATY" for i in range(h.start, h.end)}
    not_agreements = {
        d.short_form
        for d in definitions
        if not heads & set(d.long_form.lower().split()) and named_spans.isdisjoint(range(d.long_start, d.long_end))
    }
    listed, ruled = [], []
    years: Dict[str, int] = {}
    for hit in hits:
        label = hit.record["label"]
        if label == "TREATY_RULE":
            mention = _ruled(doc, hit, heads)
            if mention is not None:
                ruled.append(mention)
            continue
        if doc[hit.start : hit.end].text in not_agreements and not _followed_by_head(doc, hit.end, heads):
            continue
        if label == "TREATY":
            treaty_id = hit.record["id"]
            mention = _listed(doc, hit, treaty_id, names.get(treaty_id, hit.record["name"]), heads)
            if hit.pattern in hit.record["descriptions"]:
                mention = replace(mention, rule=f"description:{hit.record.get('source', '')}")
            if "year" in hit.record:
                years[treaty_id] = hit.record["year"]
            listed.append(mention)
        elif label == "ACRONYM" and hit.record["type"] == "TREATY":
            if hit.record.get("ambiguous") and (hit.start, hit.end) not in (accepted_acronyms or set()):
                continue  # "ATT" in business news: the acronym stage's context gate decides
            treaty_id = hit.record.get("treaty", hit.record["id"])
            fallback = hit.record["long_form"][0] if hit.record["long_form"] else treaty_id
            listed.append(_listed(doc, hit, treaty_id, names.get(treaty_id, fallback), heads))
    listed = [m for m in listed if not _indefinite(doc, m.start)]
    listed = decide_shared(doc, listed, years)
    listed = [m for m in listed if not any(_extends(doc, rule, m) for rule in ruled)]
    chosen = _non_overlapping(listed, [])
    chosen = _non_overlapping(ruled, chosen)
    return sorted(
        (m for m in chosen if not _names_organization(doc, m.end, lexicon.organization_words)),
        key=lambda m: m.start,
    )


def decide_shared(doc: Doc, listed: Sequence[TreatyMention], years: Dict[str, int]) -> List[TreatyMention]:
    """One mention per span. Where a name is shared by several agreements
    ("Moscow Treaty", "SALT"), the document decides: a year next to it, an
    agreement the document names unambiguously, else the latest agreement
    signed by the latest year the text mentions; undecided, the name keeps an
    id of its own and is marked as not gazetteered. A lower-case description
    needs a year next to it or its agreement named in the document."""
    by_span: Dict[Tuple[int, int], List[TreatyMention]] = {}
    for mention in listed:
        by_span.setdefault((mention.start, mention.end), []).append(mention)
    named = {ms[0].id for ms in by_span.values() if len({m.id for m in ms}) == 1 and not _is_description(ms[0])}
    chosen = []
    text_years: Optional[List[int]] = None
    for mentions in by_span.values():
        mentions.sort(key=lambda m: (_is_description(m), m.rule.startswith("acronym")))
        ids = list(dict.fromkeys(m.id for m in mentions))
        loose = all(_is_description(m) for m in mentions) and not _title_case(doc, mentions[0])
        nearby = _years_nearby(doc, mentions[0])
        decided = [i for i in ids if years.get(i) in nearby] or [i for i in ids if i in named]
        if not decided and not loose and len(ids) > 1:
            if text_years is None:
                text_years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", doc.text)]
            decided = _latest_before(ids, years, max(text_years, default=None))
        if len(decided) == 1 or (len(ids) == 1 and not loose):
            chosen.append(next(m for m in mentions if m.id == (decided or ids)[0]))
        elif not loose:
            chosen.append(_unlisted(doc, mentions[0].start, mentions[0].end, "ambiguous"))
    return chosen


def _is_description(mention: TreatyMention) -> bool:
    return mention.rule.startswith("description")


def _title_case(doc: Doc, mention: TreatyMention) -> bool:
    words = [t for t in doc[mention.start : mention.end] if t.is_alpha and t.lower_ not in STOP_WORDS]
    return bool(words) and all(t.is_title or t.is_upper for t in words)


def _years_nearby(doc: Doc, mention: TreatyMention) -> set:
    positions = (mention.start - 1, mention.start - 2, mention.end + 1, mention.end)
    return {int(doc[i].text) for i in positions if 0 <= i < len(doc) and re.fullmatch(r"1[89]\d\d|20\d\d", doc[i].text)}


def _latest_before(ids: Sequence[str], years: Dict[str, int], latest: Optional[int]) -> List[str]:
    dated = [(years[i], i) for i in ids if i in years and latest is not None and years[i] <= latest]
    if not dated:
        return []
    best = max(dated)[0]
    return [i for year, i in dated if year == best]


def _indefinite(doc: Doc, start: int) -> bool:
    """'a non-proliferation treaty' describes an agreement, it does not name one."""
    return start > 0 and doc[start - 1].lower_ in ("a", "an")


def _extends(doc: Doc, rule: TreatyMention, listed: TreatyMention) -> bool:
    """Whether a name found by rule extends a listed one with a distinguishing
    complement ("Geneva Conventions on the Law of the Sea")."""
    return rule.start <= listed.start and rule.end > listed.end and doc[listed.end].lower_ in COMPLEMENT_WORDS


def _unlisted(doc: Doc, start: int, end: int, rule: str) -> TreatyMention:
    """A name no record decides: an id of its own from its normalized text."""
    name = normalized_view(doc[start:end].text)[0]
    treaty_id = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")
    return TreatyMention(start, end, treaty_id, name, rule, gazetteered=False)


def _followed_by_head(doc: Doc, end: int, heads: FrozenSet[str]) -> bool:
    return doc[end - 1].lower_ not in heads and end < len(doc) and doc[end].lower_ in heads


def _listed(doc: Doc, hit: Hit, treaty_id: str, name: str, heads: FrozenSet[str]) -> TreatyMention:
    end = hit.end + 1 if _followed_by_head(doc, hit.end, heads) else hit.end  # "INF" + "treaty"
    return TreatyMention(hit.start, end, treaty_id, name, f"{hit.record['label'].lower()}:{hit.record.get('source', '')}")


def _ruled(doc: Doc, hit: Hit, heads: FrozenSet[str]) -> Optional[TreatyMention]:
    """A name found by a rule, trimmed; it needs one of the head words (when a head list is loaded)."""
    start, end = hit.start, hit.end
    while start < end and _leading_noise(doc, start):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in STOP_WORDS):
        end -= 1
    if end - start < 2 or (heads and not any(doc[i].lower_ in heads for i in range(start, end))):
        return None
    if doc[start].lower_ in heads and not any(doc[i].is_title for i in range(start + 1, end)):
        return None
    if _sentence_initial(doc, start) and end - start == 2 and doc[end - 1].is_lower:
        return None  # "Bilateral agreement ..." at the start of a sentence
    if _in_headline(doc, start, end):
        return None  # "Leaders Sign Peace Accord": every word is capitalized
    return _unlisted(doc, start, end, f"rule:{hit.record['id']}")


def _leading_noise(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.is_punct or token.lower_ in STOP_WORDS or YEAR_OR_ORDINAL.match(token.text):
        return True
    return i + 1 < len(doc) and doc[i + 1].norm_ in ("'s", "'") and doc[i + 1].text in ("'s", "’s", "'", "’")


def _sentence_initial(doc: Doc, i: int) -> bool:
    while i > 0 and doc[i - 1].is_space and doc[i - 1].text.count("\n") == 1:
        i -= 1  # a wrapped line goes on the sentence
    return i == 0 or doc[i - 1].is_space or doc[i - 1].text in (".", "!", "?", ":", '"', "“", "”")


def _in_headline(doc: Doc, start: int, end: int, width: int = 8) -> bool:
    """Whether the other words on the match's line are (almost) all capitalized, as in a title."""
    words = []
    for step, i in ((-1, start - 1), (1, end)):
        while 0 <= i < len(doc) and abs(i - (start if step < 0 else end)) < width and "\n" not in doc[i].text:
            if doc[i].is_alpha and len(doc[i]) > 3:
                words.append(doc[i])
            i += step
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _names_organization(doc: Doc, end: int, organization_words: FrozenSet[str]) -> bool:
    while end < len(doc) - 1 and doc[end].is_space and doc[end].text.count("\n") <= 1:
        end += 1  # "North Atlantic Treaty\nOrganization"
    return end < len(doc) and doc[end].lower_ in organization_words


def _non_overlapping(candidates: List[TreatyMention], taken: List[TreatyMention]) -> List[TreatyMention]:
    chosen = list(taken)
    used = set()
    for mention in taken:
        used.update(range(mention.start, mention.end))
    for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start, m.rule.startswith("acronym"))):
        if used.isdisjoint(range(mention.start, mention.end)):
            chosen.append(mention)
            used.update(range(mention.start, mention.end))
    return chosen
