"""Statements linked to what they are about: for each attribution of a record
(the ``to_record`` schema, character offsets), the agreements, groups and
organisations mentioned inside its content, and the speaker's affiliation
where the document names it next to the person ("Iranian Foreign Minister
...", "Lavrov, Russia's foreign minister, ...", "a spokesman for the IAEA").

The state names and demonyms come from ``patterns/states.jsonl`` (label
STATE); the text is matched as written, so only capitalized forms count.
"""
import re
from functools import lru_cache
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from .pattern_files import bundled_pattern_dir, read_pattern_file

STATES_FILE = "states.jsonl"
LINK_FIELDS = ("agreements", "groups", "organizations", "affiliation")  # added to each attribution
# A speaker mention's context ends at these (a sentence end is a period after a
# lower-case letter or digit, so "U.S." does not end it).
BOUNDARY = re.compile(r"[,;:!?()\"“”\n]|(?<=[a-z0-9])\.(?=\s|$)")
LEFT_WORDS = 6
LEFT_CHARS = 120
RIGHT_CHARS = 100
TAIL = re.compile(r"\s+(?:of|for|at|to)\s")
OWNER_BEFORE = re.compile(r"\b(?:of|for|from)\s+(?:the\s+)?$")
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")  # matched at the end of a name (``match(text, pos)``)
WORD_AFTER = re.compile(r"\s+\w")


class Affiliate(NamedTuple):
    """A state or organisation named in the text: where, and its code."""

    start: int
    end: int
    code: str


class StateNames(NamedTuple):
    """Compiled state names and demonyms of the STATE records."""

    names: "re.Pattern[str]"
    demonyms: "re.Pattern[str]"
    codes: Dict[str, str]  # name, alias or demonym -> ISO code


def state_names(records: Iterable[Dict[str, Any]]) -> StateNames:
    """Compile the names and demonyms of STATE records (longest first)."""
    codes: Dict[str, str] = {}
    names, demonyms = set(), set()
    for record in records:
        if record.get("label") != "STATE":
            continue
        for name in [record["pattern"], *record.get("aliases", [])]:
            codes.setdefault(name, record["id"])
            names.add(name)
        for demonym in record.get("demonyms", []):
            codes.setdefault(demonym, record["id"])
            demonyms.add(demonym)

    def alternation(words: Iterable[str]) -> "re.Pattern[str]":
        ordered = sorted(words, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])")

    return StateNames(alternation(names), alternation(demonyms), codes)


@lru_cache(maxsize=1)
def bundled_state_names() -> StateNames:
    """The state names of the bundled ``states.jsonl``."""
    return state_names(read_pattern_file(bundled_pattern_dir() / STATES_FILE))


def state_mentions(text: str, states: StateNames, start: int = 0, end: Optional[int] = None) -> List[Affiliate]:
    """States named in a way that says whose someone is: a name followed by
    a possessive ("Russia's") or after of/for/from, a name of several words
    ("United States"), or a demonym used before a noun ("Iranian Foreign
    Minister"). A single-word name alone ("Jordan", "Chad") may be a person.
    Only the text from ``start`` to ``end`` is searched."""
    end = len(text) if end is None else end
    found = []
    for match in states.names.finditer(text, start, end):
        before = text[max(0, match.start() - 12) : match.start()]
        if " " in match.group() or POSSESSIVE_AFTER.match(text, match.end()) or OWNER_BEFORE.search(before):
            found.append(Affiliate(match.start(), match.end(), states.codes[match.group()]))
    for match in states.demonyms.finditer(text, start, end):
        if WORD_AFTER.match(text, match.end()):
            found.append(Affiliate(match.start(), match.end(), states.codes[match.group()]))
    return found


def record_affiliates(record: Dict[str, Any], states: StateNames) -> List[Affiliate]:
    """Groups ("G7 ministers"), acronyms of organisations, and acronyms of
    states (code from their long form: "UK" -> GB) found in the record."""
    found = [Affiliate(group["start"], group["end"], group["id"]) for group in record.get("groups", [])]
    for acronym in record.get("acronyms", []):
        if acronym.get("type") == "ORG":
            found.append(Affiliate(acronym["start"], acronym["end"], acronym["id"]))
        elif acronym.get("type") == "STATE":
            long_forms = acronym.get("long_form") or []
            long_form = long_forms if isinstance(long_forms, str) else (long_forms[0] if long_forms else "")
            found.append(Affiliate(acronym["start"], acronym["end"], states.codes.get(long_form, acronym["id"])))
    return found


def mention_window(text: str, start: int, end: int) -> Tuple[int, int]:
    """The characters around a speaker mention that may name its state or
    organisation: up to six words before it in the same clause, and after it
    an appositive (", Russia's foreign minister,") or an of/for phrase. A
    mention set off by commas on both sides is itself an appositive: the
    words before its first comma belong to it."""
    after = text[end : end + RIGHT_CHARS]
    appositive = re.match(r"\s*,", after)
    before = text[max(0, start - LEFT_CHARS) : start]
    if appositive and re.search(r",\s*$", before):
        before = before[: before.rstrip().rindex(",")] + " "  # "Canada's minister, Paul Girard, said"
    left = start
    words = 0
    for match in reversed(list(re.finditer(r"\S+", before))):
        if BOUNDARY.search(match.group() + " ") or words == LEFT_WORDS:
            break
        left = max(0, start - LEFT_CHARS) + match.start()
        words += 1
    right = end
    opener = appositive or TAIL.match(after)
    if opener:
        stop = BOUNDARY.search(after, opener.end())
        right = end + (stop.start() if stop else len(after))
    return left, right


def is_pronoun_like(text: str) -> bool:
    """A one-word lower-case mention ("he", "they"): its neighbours say nothing about it."""
    return " " not in text.strip() and text.strip().islower()


def speaker_affiliation(
    text: str, attribution: Dict[str, Any], affiliates: Sequence[Affiliate], states: StateNames
) -> Optional[str]:
    """The code of the first state, organisation or group named in the window
    of the speaker as written, else of the speaker it was resolved to."""
    for key in ("speaker", "speaker_resolved"):
        span = attribution.get(key)
        if not span or is_pronoun_like(span["text"]):
            continue
        left, right = mention_window(text, span["start"], span["end"])
        inside = state_mentions(text, states, left, right) + [a for a in affiliates if left <= a.start and a.end <= right]
        if inside:
            return min(inside).code
    return None


def ids_inside(items: Iterable[Dict[str, Any]], span: Optional[Dict[str, Any]]) -> List[str]:
    """Ids of the items lying inside the span, in text order, each once."""
    if not span:
        return []
    inside = sorted((i["start"], i["id"]) for i in items if span["start"] <= i["start"] and i["end"] <= span["end"] and i.get("id"))
    return list(dict.fromkeys(item_id for _, item_id in inside))


def link_statements(
    record: Dict[str, Any], text: Optional[str] = None, states: Optional[StateNames] = None
) -> Dict[str, Any]:
    """A copy of the record whose attributions gain ``agreements`` (treaty ids,
    also through ``treaty_references`` such as "the deal"), ``groups``,
    ``organizations`` (ids mentioned inside the content) and ``affiliation``
    (ISO 3166-1 alpha-2 code, organisation or group id, or None)."""
    text = record.get("text", "") if text is None else text
    states = states or bundled_state_names()
    affiliates = record_affiliates(record, states)
    agreements = list(record.get("treaties", [])) + list(record.get("treaty_references") or [])
    organizations = [a for a in record.get("acronyms", []) if a.get("type") == "ORG"]
    linked = []
    for attribution in record.get("attributions", []):
        content = attribution.get("content")
        linked.append(
            {
                **attribution,
                "agreements": ids_inside(agreements, content),
                "groups": ids_inside(record.get("groups", []), content),
                "organizations": ids_inside(organizations, content),
                "affiliation": speaker_affiliation(text, attribution, affiliates, states),
            }
        )
    return {**record, "attributions": linked}
