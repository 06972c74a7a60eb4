"""Flat tables of extract's records: ``mentions.csv`` (one row per treaty,
treaty reference, acronym and group mention) and ``statements.csv`` (one row
per attribution, with the agreements, groups and organisations it is about).

Every row carries the document id and the record's metadata (its scalar
fields other than the text: ``date``, ``source``, ``url`` ...). List cells
(agreement ids ...) are joined with ``;`` in CSV and kept as lists in
Parquet, written too when pandas and pyarrow are installed
(``pip install "spacy-diplomacy[tables]"``)::

    import pandas as pd
    statements = pd.read_csv("tables/statements.csv")
    statements[statements.agreements.str.contains("JCPOA", na=False)]
"""
import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from .pattern_files import load_patterns
from .statements import LINK_FIELDS, link_statements

PathLike = Union[str, Path]
MENTION_COLUMNS = ("doc_id", "layer", "text", "id", "name", "long_form", "type", "start", "end")
STATEMENT_COLUMNS = (
    "doc_id", "speaker", "speaker_resolved", "affiliation", "cue", "cue_class", "type", "content",
    "agreements", "groups", "organizations", "start", "end",
)
LIST_COLUMNS = ("agreements", "groups", "organizations")
LIST_SEPARATOR = ";"
EXTRACTION_FIELDS = {"id", "text", "treaties", "acronyms", "groups", "attributions", "treaty_references"}
Row = Dict[str, Any]


class RecordsError(ValueError):
    """A records file line that is not a JSON object; the message names file and line."""


def read_records(path: PathLike) -> Iterator[Dict[str, Any]]:
    """The records of a JSONL file (extract's output); blank lines are skipped."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as err:
                raise RecordsError(f"{path}:{number}: invalid JSON ({err})") from None
            if not isinstance(record, dict):
                raise RecordsError(f"{path}:{number}: expected a JSON object")
            yield record


@lru_cache(maxsize=1)
def canonical_names() -> Dict[Tuple[str, str], Tuple[Optional[str], Optional[str]]]:
    """(label, id) -> (name, long form) of the bundled TREATY and GROUP records."""
    names: Dict[Tuple[str, str], Tuple[Optional[str], Optional[str]]] = {}
    for record in load_patterns():
        if record["label"] in ("TREATY", "GROUP"):
            names.setdefault((record["label"], record["id"]), (record.get("name"), first(record.get("long_form"))))
    return names


def first(value: Any) -> Optional[str]:
    """A string, or the first of a list of strings (a long form and its variants)."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def metadata(record: Dict[str, Any]) -> Row:
    """The record's scalar fields other than its id, text and extractions."""
    return {
        key: value
        for key, value in record.items()
        if key not in EXTRACTION_FIELDS and (value is None or isinstance(value, (str, int, float, bool)))
    }


def mention_rows(record: Dict[str, Any]) -> List[Row]:
    """One row per treaty, treaty reference, acronym and group mention, in text order."""
    names = canonical_names()
    rows = []

    def add(layer: str, item: Dict[str, Any], name: Optional[str], long_form: Optional[str], kind: Optional[str]) -> None:
        rows.append({"layer": layer, "text": item.get("text"), "id": item.get("id"), "name": name,
                     "long_form": long_form, "type": kind, "start": item.get("start"), "end": item.get("end")})

    treaty_names = {t.get("id"): t.get("name") for t in record.get("treaties", [])}
    for treaty in record.get("treaties", []):
        add("treaty", treaty, treaty.get("name"), None, "TREATY")
    for reference in record.get("treaty_references") or []:
        name = treaty_names.get(reference.get("id")) or names.get(("TREATY", reference.get("id")), (None, None))[0]
        add("reference", reference, name, None, "TREATY")
    for acronym in record.get("acronyms", []):
        long_form = first(acronym.get("long_form"))
        add("acronym", acronym, long_form, long_form, acronym.get("type"))
    for group in record.get("groups", []):
        name, long_form = names.get(("GROUP", group.get("id")), (None, None))
        add("group", group, name, long_form, "GROUP")
    rows.sort(key=lambda row: (row["start"] is None, row["start"] or 0))
    return rows


def text_of(span: Optional[Dict[str, Any]]) -> Optional[str]:
    return span.get("text") if span else None


def statement_rows(record: Dict[str, Any]) -> List[Row]:
    """One row per attribution, linked (``statements.link_statements``) if the
    record was written without the links."""
    attributions = record.get("attributions", [])
    if any(key not in a for a in attributions for key in LINK_FIELDS) and isinstance(record.get("text"), str):
        attributions = link_statements(record)["attributions"]
    rows = []
    for attribution in attributions:
        spans = [attribution.get(k) for k in ("cue", "speaker", "content") if attribution.get(k)]
        rows.append(
            {
                "speaker": text_of(attribution.get("speaker")),
                "speaker_resolved": text_of(attribution.get("speaker_resolved")),
                "affiliation": attribution.get("affiliation"),
                "cue": text_of(attribution.get("cue")),
                "cue_class": attribution.get("cue_class"),
                "type": attribution.get("type"),
                "content": text_of(attribution.get("content")),
                **{column: list(attribution.get(column) or []) for column in LIST_COLUMNS},
                "start": min((s["start"] for s in spans), default=None),
                "end": max((s["end"] for s in spans), default=None),
            }
        )
    return rows


class Tables:
    """Rows of both tables, gathered record by record, then written."""

    def __init__(self) -> None:
        self.mentions: List[Row] = []
        self.statements: List[Row] = []
        self.metadata_columns: Dict[str, None] = {}

    def add(self, record: Dict[str, Any]) -> None:
        """Add the rows of one record."""
        fields = metadata(record)
        for key in fields:
            self.metadata_columns.setdefault(key)
        doc_id = record.get("id")
        self.mentions += [{"doc_id": doc_id, **row, "metadata": fields} for row in mention_rows(record)]
        self.statements += [{"doc_id": doc_id, **row, "metadata": fields} for row in statement_rows(record)]

    def passing(self, records: Iterable[Dict[str, Any]]) -> Iterator[Dict[str, Any]]:
        """The records, unchanged, each added on the way (for ``extract --tables``)."""
        for record in records:
            self.add(record)
            yield record

    def passing_lines(self, lines: Iterable[str]) -> Iterator[str]:
        """JSON lines of records, unchanged, each record added on the way."""
        for line in lines:
            self.add(json.loads(line))
            yield line

    def columns(self, table: Tuple[str, ...]) -> List[str]:
        """The table's columns, then the metadata fields (``meta_`` before a clashing name)."""
        return [*table, *(f"meta_{key}" if key in table else key for key in self.metadata_columns)]

    def flat(self, rows: List[Row], table: Tuple[str, ...]) -> List[Row]:
        """Rows with the metadata spread into columns."""
        flat = []
        for row in rows:
            values = {column: row[column] for column in table}
            values.update({f"meta_{k}" if k in table else k: row["metadata"].get(k) for k in self.metadata_columns})
            flat.append(values)
        return flat

    def write(self, out_dir: PathLike) -> List[Path]:
        """Write ``mentions.csv`` and ``statements.csv`` (and ``.parquet`` with
        pandas and pyarrow); return the paths written."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, rows, table in (("mentions", self.mentions, MENTION_COLUMNS), ("statements", self.statements, STATEMENT_COLUMNS)):
            columns, flat = self.columns(table), self.flat(rows, table)
            written.append(write_csv(out / f"{name}.csv", columns, flat))
            parquet = write_parquet(out / f"{name}.parquet", columns, flat)
            if parquet:
                written.append(parquet)
        return written


def csv_cell(value: Any) -> Any:
    """Lists joined with ';', None as an empty cell."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def write_csv(path: Path, columns: List[str], rows: List[Row]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return path


def write_parquet(path: Path, columns: List[str], rows: List[Row]) -> Optional[Path]:
    """Write the rows as Parquet when pandas and pyarrow are installed."""
    try:
        import pandas
        import pyarrow  # noqa: F401  (the Parquet engine)
    except ImportError:
        return None
    pandas.DataFrame.from_records(rows, columns=columns).to_parquet(path, index=False)
    return path


def write_tables(records: Iterable[Dict[str, Any]], out_dir: PathLike) -> List[Path]:
    """Write the tables of records (dicts in extract's output schema) to a folder."""
    tables = Tables()
    for record in records:
        tables.add(record)
    return tables.write(out_dir)
