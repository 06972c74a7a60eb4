"""Pattern regression cases (``spacy-diplomacy test``): reading case files,
running them through a pipeline and describing each failure as a diff."""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

from spacy.language import Language

from .documents import read_text_file
from .evaluation import normalize_long_form
from .pattern_files import jsonl_lines
from .record import to_record

LABELS = ("TREATY", "ACRONYM", "GROUP", "CUE", "SPEAKER", "CONTENT")


def extraction_items(record: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every extraction of a ``to_record`` record as a flat item with a label
    (TREATY, ACRONYM, GROUP, CUE, SPEAKER, CONTENT), text and offsets."""
    items = []

    def add(label: str, span: Optional[Dict[str, Any]], **values: Any) -> None:
        if span is not None:
            items.append({"label": label, "text": span["text"], "start": span["start"], "end": span["end"], **values})

    for treaty in record["treaties"]:
        add("TREATY", treaty, id=treaty["id"], long_form=treaty["name"], members=[], type=None, rule=treaty["rule"])
    for acronym in record["acronyms"]:
        add("ACRONYM", acronym, id=acronym["id"], long_form=acronym["long_form"], members=acronym["members"],
            type=acronym["type"], rule=acronym["rule"])
    for group in record["groups"]:
        add("GROUP", group, id=group["id"], long_form=None, members=group["members"], type=None, rule=group["rule"])
    for attribution in record["attributions"]:
        common = {"id": None, "long_form": None, "members": [], "type": attribution["type"], "rule": attribution["rule"]}
        add("CUE", attribution["cue"], **common)
        for speaker in attribution["speakers"] or [attribution["speaker"]]:
            add("SPEAKER", speaker, **common)
        add("CONTENT", attribution["content"], **common)
    return items


EXPECT_FIELDS = {"text", "label", "start", "id", "long_form", "members", "type"}
REJECT_FIELDS = {"text", "label", "start"}
CASE_FIELDS = {"text", "expect", "reject", "name", "exhaustive"}


@dataclass
class Case:
    """One regression case of a test file."""

    where: str
    text: str
    expect: List[Dict[str, Any]]
    reject: List[Dict[str, Any]]
    exhaustive: Any = False
    name: str = ""
    failures: List[str] = field(default_factory=list)


def case_problems(case: Any) -> List[str]:
    """Problems of a parsed case line (empty when it is a valid case)."""
    if not isinstance(case, dict):
        return ["expected a JSON object"]
    problems = [f"unknown field {key!r}" for key in case if key not in CASE_FIELDS]
    if not isinstance(case.get("text"), str):
        problems.append("missing or non-string 'text'")
    exhaustive = case.get("exhaustive", False)
    if not (isinstance(exhaustive, bool) or (isinstance(exhaustive, list) and all(label in LABELS for label in exhaustive))):
        problems.append(f"'exhaustive' must be true, false or a list of labels ({', '.join(LABELS)})")
    for part, allowed, label_required in (("expect", EXPECT_FIELDS, True), ("reject", REJECT_FIELDS, False)):
        items = case.get(part, [])
        if not isinstance(items, list):
            problems.append(f"{part!r} must be a list")
            continue
        for number, item in enumerate(items, 1):
            where = f"{part}[{number}]"
            if not isinstance(item, dict):
                problems.append(f"{where}: expected an object")
                continue
            problems += [f"{where}: unknown field {key!r}" for key in item if key not in allowed]
            if not isinstance(item.get("text"), str):
                problems.append(f"{where}: missing or non-string 'text'")
            if (label_required or "label" in item) and item.get("label") not in LABELS:
                problems.append(f"{where}: 'label' must be one of {', '.join(LABELS)}")
            if "start" in item and (not isinstance(item["start"], int) or isinstance(item["start"], bool)):
                problems.append(f"{where}: 'start' must be an integer")
            if "members" in item and not (isinstance(item["members"], list) and all(isinstance(m, str) for m in item["members"])):
                problems.append(f"{where}: 'members' must be a list of strings")
    return problems


def read_cases(path: Path, problems: List[str]) -> List[Case]:
    """The valid cases of a test file; each problem is appended as ``file:line: message``."""
    cases = []
    raw = read_text_file(path).encode("utf-8")
    for number, data in jsonl_lines(path, raw, problems):
        where = f"{path}:{number}"
        errors = case_problems(data)
        if errors:
            problems.extend(f"{where}: {error}" for error in errors)
            continue
        cases.append(Case(where, data["text"], data.get("expect", []), data.get("reject", []),
                          data.get("exhaustive", False), data.get("name", "")))
    return cases


def satisfies(item: Dict[str, Any], wanted: Dict[str, Any]) -> bool:
    """Whether a found item has every property an expect/reject item asks for."""
    if item["text"] != wanted["text"] or wanted.get("label", item["label"]) != item["label"]:
        return False
    if "start" in wanted and item["start"] != wanted["start"]:
        return False
    if "id" in wanted and item["id"] != wanted["id"]:
        return False
    if "type" in wanted and item["type"] != wanted["type"]:
        return False
    if "long_form" in wanted:
        accepted = wanted["long_form"] if isinstance(wanted["long_form"], list) else [wanted["long_form"]]
        got = item["long_form"][0] if isinstance(item["long_form"], list) and item["long_form"] else item["long_form"]
        if got is None or normalize_long_form(got) not in {normalize_long_form(a) for a in accepted}:
            return False
    if "members" in wanted and sorted(m.upper() for m in item["members"]) != sorted(m.upper() for m in wanted["members"]):
        return False
    return True


def describe(item: Dict[str, Any]) -> str:
    """``LABEL "text"`` with the item's other properties."""
    parts = [f'{item.get("label", "(any label)")} "{item["text"]}"']
    for key in ("start", "id", "long_form", "members", "type", "rule"):
        value = item.get(key)
        if value not in (None, [], ""):
            parts.append(f"{key}={','.join(value) if isinstance(value, list) else value}")
    return " ".join(parts)


def check_case(case: Case, items: List[Dict[str, Any]]) -> None:
    """Fill ``case.failures`` with the diff: missing expectations, rejected or extra spans."""
    used = set()
    for wanted in case.expect:
        index = next((i for i, item in enumerate(items) if i not in used and satisfies(item, wanted)), None)
        if index is not None:
            used.add(index)
            continue
        case.failures.append(f"- missing  {describe(wanted)}")
        case.failures += [f"    found  {describe(item)}" for item in items if item["text"] == wanted["text"] and item["label"] == wanted["label"]]
    for unwanted in case.reject:
        case.failures += [f"+ rejected {describe(item)}" for item in items if satisfies(item, unwanted)]
    if case.exhaustive:
        labels = set(case.exhaustive) if isinstance(case.exhaustive, list) else {w.get("label") for w in case.expect + case.reject}
        case.failures += [
            f"+ extra    {describe(item)}"
            for i, item in enumerate(items)
            if i not in used and item["label"] in labels and not any(satisfies(item, u) for u in case.reject)
        ]


def run_cases(nlp: Language, cases: List[Case]) -> List[Case]:
    """The cases with their failures filled in, processed by ``nlp``."""
    for case, doc in zip(cases, nlp.pipe(case.text for case in cases)):
        check_case(case, extraction_items(to_record(doc)))
    return cases
