"""The ``spacy-diplomacy`` command line (also ``python -m spacy_diplomacy``).

Commands: ``match``, ``show``, ``extract``, ``evaluate``, ``test``,
``validate``, ``info``, ``tables``, ``report``; ``spacy-diplomacy COMMAND --help`` shows examples.

Models (``--model``): an installed pipeline package, a pipeline directory, or
``blank:LANG`` (``blank:en``: a tokenizer only). The default is the best
installed English pipeline (en_core_web_trf, _lg, _md, _sm, then any other
``en_core_web*`` package), else ``blank:en`` with a notice on stderr. The
``diplomacy`` component is added to the pipeline unless it already has one.

Inputs of ``extract``: a ``.txt`` file (one document; id = file name), a
directory (every ``*.txt`` below it; id = path relative to the directory), a
``.jsonl`` file of ``{"id", "text", ...}`` objects (id defaults to
``FILE:LINE``), or ``-`` for stdin: JSONL when its first non-blank line starts
with ``{``, otherwise one text document with id ``-``. Each output line is the
input object (all fields kept, ``treaties``, ``acronyms``, ``groups`` and
``attributions`` replaced) with the fields of ``spacy_diplomacy.to_record``.
A JSONL line that is not a JSON object with a string ``text``, or a text file
that is not UTF-8, is reported on stderr (``file:line: ...``) and skipped; the
run then ends with exit code 1.

Test cases of ``test``: JSONL files, one case a line (blank lines and lines
starting with ``//`` are skipped)::

    {"text": "The P5+1 met in Vienna.",
     "expect": [{"text": "P5+1", "label": "GROUP", "members": ["CN", "FR", "RU", "GB", "US", "DE"]}],
     "reject": [{"text": "Vienna", "label": "ACRONYM"}],
     "name": "p5+1 in a sentence", "exhaustive": ["GROUP"]}

- ``text`` (required): the document.
- ``expect``: spans that must be found. ``text`` (exact, case-sensitive) and
  ``label`` (TREATY, ACRONYM, GROUP, CUE, SPEAKER, CONTENT) are required;
  optional: ``start`` (character offset), ``id``, ``long_form`` (a string or
  a list of accepted strings; case, space and hyphen-insensitive; for a
  TREATY the canonical name), ``members`` (set equality), ``type`` (the
  acronym type, or for CUE/CONTENT the attribution type direct, indirect or
  mixed). Items are matched one to one, so listing a span twice requires two
  mentions.
- ``reject``: spans that must not be found: ``text`` required, ``label`` and
  ``start`` optional (no label: any label).
- ``exhaustive`` (default false): a list of labels, or true for the labels
  of the case's expect and reject items: found spans of these labels that are
  not expected fail the case.
- ``name``: shown instead of ``FILE:LINE``.
"""
import functools
import json
import multiprocessing
import os
import platform
import re
import signal
import sys
import tempfile
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple

import spacy
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from . import __version__
from .evaluation import (
    RecordFileError,
    figures_table,
    load_records,
    normalize_long_form,
    score_records,
    summary_line,
)
from .gazetteer import NEEDS_NORMALIZING, normalize_text, record_patterns
from .pattern_files import (
    PatternError,
    bundled_pattern_paths,
    jsonl_lines,
    merge_records,
    read_pattern_file,
    validate_record,
)
from .record import to_record
from .report import write_report
from .tables import RecordsError, Tables, read_records, write_tables

PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
FALLBACK_MODEL = "blank:en"
BLANK_PREFIX = "blank:"
RECORD_FIELDS = ("treaties", "acronyms", "groups", "attributions")
PIPED_WIDTH = 200  # table width when stdout is not a terminal
LABELS = ("TREATY", "ACRONYM", "GROUP", "CUE", "SPEAKER", "CONTENT")
SHOW_COLORS = {
    "TREATY": "#f4a261",
    "ACRONYM": "#8ecae6",
    "GROUP": "#90be6d",
    "CUE": "#ffd166",
    "SPEAKER": "#cdb4db",
    "CONTENT": "#e9ecef",
}
TERMINAL_STYLES = {
    "CONTENT": "italic",
    "SPEAKER": "bold blue",
    "CUE": "bold black on yellow",
    "TREATY": "bold magenta",
    "GROUP": "bold green",
    "ACRONYM": "bold cyan",
}

app = typer.Typer(
    help="Treaties, diplomatic acronyms and group formats, and attributions in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class UserError(Exception):
    """A mistake in the command line or its inputs: reported as one line, no traceback."""


def reports_user_errors(command: Callable) -> Callable:
    """Turn user errors into a message on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (UserError, PatternError, RecordFileError) as err:
            for line in str(err).splitlines():
                print(f"error: {line}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper


# Models and pipelines -------------------------------------------------------


def default_model_name() -> Optional[str]:
    """The best installed English pipeline package, or None."""
    installed = spacy.util.get_installed_models()
    for name in PREFERRED_MODELS:
        if name in installed:
            return name
    return next((name for name in sorted(installed) if name.startswith("en_core_web")), None)


def model_name(name: Optional[str]) -> str:
    """The given model name; None: the default model (blank:en with a notice when there is none)."""
    if name is None:
        name = default_model_name()
        if name is None:
            print("notice: no English pipeline (en_core_web_*) installed; using blank:en, attributions run without a parser", file=sys.stderr)
            name = FALLBACK_MODEL
    return name


def load_model(name: Optional[str]) -> Language:
    """An installed package, a pipeline directory or ``blank:LANG``; None: the default model."""
    name = model_name(name)
    try:
        if name.startswith(BLANK_PREFIX):
            return spacy.blank(name[len(BLANK_PREFIX) :])
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise UserError(f"cannot load model {name!r}: {reason}") from None


def diplomacy_pipe_name(nlp: Language) -> Optional[str]:
    """Name of the pipeline's diplomacy component, if it has one."""
    return next((name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory == "diplomacy"), None)


def load_pipeline(
    model: Optional[str], patterns: Sequence[Path] = (), no_bundled: bool = False, config: Optional[Dict[str, Any]] = None
) -> Language:
    """The model with a diplomacy component using the bundled patterns (unless
    ``no_bundled``) and the given pattern files; shared by every command.
    ``config``: other settings of the component, for a model that has none yet."""
    for path in patterns:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such pattern file")
    nlp = load_model(model)
    name = diplomacy_pipe_name(nlp)
    if name is None:
        settings = {**(config or {}), "use_bundled_patterns": not no_bundled}
        nlp.add_pipe("diplomacy", config=settings).add_pattern_files(patterns)
    elif config:
        raise UserError(f"model {model!r} already has a diplomacy component: set its config in the pipeline instead")
    elif patterns or no_bundled:
        pipe = nlp.get_pipe(name)
        user_records = merge_records(*(read_pattern_file(p) for p in patterns))
        if no_bundled:
            pipe._set_records(user_records)
        else:
            pipe.add_patterns(user_records)
    return nlp


def spans_key(nlp: Language) -> str:
    return nlp.get_pipe(diplomacy_pipe_name(nlp)).key


# Reading inputs ---------------------------------------------------------------


def read_text_file(path: Path) -> str:
    """A UTF-8 text file's content; a UserError when it is missing or not UTF-8."""
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, expected a file") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None


def text_argument(text: Optional[str], file: Optional[Path]) -> str:
    """The document given as TEXT or --file FILE (exactly one)."""
    if (text is None) == (file is None):
        raise UserError("give a TEXT argument or --file FILE (one of them)")
    return read_text_file(file) if file is not None else text


class SkippedInputs:
    """Counts input lines and files that were reported on stderr and skipped."""

    def __init__(self):
        self.count = 0

    def report(self, where: str, message: str) -> None:
        self.count += 1
        print(f"{where}: {message}; skipped", file=sys.stderr)


Context = Tuple[Any, Dict[str, Any]]  # document id, input fields


# A JSON string escape of a UTF-16 surrogate (a pair is one character; a lone one is no text).
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def jsonl_documents(lines: Iterable[bytes], name: str, skipped: SkippedInputs, first_number: int = 1) -> Iterator[Tuple[str, Context]]:
    """(text, (id, fields)) of every valid JSONL line."""
    for number, raw in enumerate(lines, first_number):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError as err:
            skipped.report(where, f"not UTF-8 ({err.reason} at byte {err.start})")
            continue
        if not line:
            continue
        try:
            record = json.loads(line)
        except ValueError as err:
            skipped.report(where, f"invalid JSON ({err})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            skipped.report(where, 'expected a JSON object with a string "text"')
            continue
        if SURROGATE_ESCAPE.search(line):
            try:
                json.dumps(record, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError as err:
                skipped.report(where, f"lone surrogate \\u{ord(err.object[err.start]):04x} (not Unicode text)")
                continue
        doc_id = record["id"] if record.get("id") is not None else where
        yield record["text"], (doc_id, record)


def stdin_documents(skipped: SkippedInputs) -> Iterator[Tuple[str, Context]]:
    """Stdin as JSONL when its first non-blank line starts with '{', else as one text."""
    stream = sys.stdin.buffer
    head: List[bytes] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            break
    if head and head[-1].lstrip().startswith(b"{"):
        yield from jsonl_documents(chain(head, stream), "<stdin>", skipped)
        return
    data = b"".join(head) + stream.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        skipped.report("<stdin>", f"not UTF-8 text ({err.reason} at byte {err.start})")
        return
    yield text, ("-", {"text": text})


def text_file_document(path: Path, doc_id: str, skipped: SkippedInputs, where: Optional[str] = None) -> Iterator[Tuple[str, Context]]:
    """The file as one document; ``where`` names it in reports (default: the path)."""
    try:
        text = read_text_file(path)
    except UserError as err:
        skipped.report(where or str(path), str(err).split(": ", 1)[-1])
        return
    yield text, (doc_id, {"text": text})


def input_documents(inputs: Sequence[str], skipped: SkippedInputs) -> Iterator[Tuple[str, Context]]:
    """(text, (id, fields)) of every document of the inputs, streamed."""
    for name in inputs:
        if name == "-":
            yield from stdin_documents(skipped)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield from text_file_document(file, file.relative_to(path).as_posix(), skipped)
        elif path.suffix == ".jsonl":
            with open(path, "rb") as lines:
                yield from jsonl_documents(lines, name, skipped)
        else:
            yield from text_file_document(path, path.name, skipped)


def within_length(documents: Iterable[Tuple[str, Context]], limit: int, skipped: SkippedInputs) -> Iterator[Tuple[str, Context]]:
    """The documents of at most ``limit`` characters; longer ones are reported and skipped."""
    for text, context in documents:
        if len(text) > limit:
            skipped.report(f"document {context[0]}", too_long(len(text), limit))
            continue
        yield text, context


def too_long(length: int, limit: int) -> str:
    """Why a text is skipped for its length."""
    return f"text of {length} characters is longer than the limit of {limit} (--max-length)"


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail early on inputs that do not exist or have an unknown kind."""
    if inputs.count("-") > 1:
        raise UserError("stdin ('-') can be given only once")
    for name in inputs:
        path = Path(name)
        if name == "-" or path.is_dir():
            continue
        if not path.exists():
            raise UserError(f"{name}: no such file or directory")
        if path.suffix not in (".txt", ".jsonl"):
            raise UserError(f"{name}: unsupported input (expected a .txt or .jsonl file, a directory or -)")


def count_documents(inputs: Sequence[str]) -> Optional[int]:
    """Documents in the inputs (for the progress bar); None when reading stdin."""
    if "-" in inputs:
        return None
    total = 0
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            total += sum(1 for _ in path.rglob("*.txt"))
        elif path.suffix == ".jsonl":
            with open(path, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
        else:
            total += 1
    return total


def output_record(doc: Doc, context: Context) -> Dict[str, Any]:
    """The input fields (id first) with the document's extractions."""
    doc_id, fields = context
    kept = {k: v for k, v in fields.items() if k not in RECORD_FIELDS and k != "id"}
    return {"id": doc_id, **kept, **to_record(doc)}


@contextmanager
def atomic_output(path: Optional[Path]) -> Iterator[TextIO]:
    """Stdout, or a temporary file beside ``path`` renamed to it when the block succeeds."""
    if path is None:
        yield sys.stdout
        return
    directory = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    except OSError as err:
        raise UserError(f"{path}: cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def progress_bar(total: Optional[int]):
    """A tqdm bar on stderr, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True)


def extracted_records(docs: Iterator[Tuple[Doc, Context]]) -> Iterator[Dict[str, Any]]:
    """Output records of nlp.pipe's (doc, context) pairs; closing them closes nlp.pipe."""
    with closing(docs):
        for doc, context in docs:
            yield output_record(doc, context)


def write_records(out: TextIO, records: Iterable[Dict[str, Any]], as_array: bool) -> int:
    """Write records as JSONL, or as one JSON array; return how many."""
    count = 0
    if as_array:
        out.write("[")
    for record in records:
        if as_array:
            out.write(",\n" if count else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        if not as_array:
            out.write("\n")
        count += 1
    if as_array:
        out.write("\n]\n")
    return count


# Showing extractions ----------------------------------------------------------


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


def console() -> Console:
    """A rich console on the current stdout (wide when it is not a terminal)."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console().print(table)


def long_form_or_members(item: Dict[str, Any]) -> str:
    long_form = item.get("long_form")
    if isinstance(long_form, list):
        long_form = long_form[0] if long_form else None
    members = " ".join(item.get("members") or [])
    return " / ".join(part for part in (long_form, f"members: {members}" if members else "") if part)


def print_matches(record: Dict[str, Any]) -> None:
    """Tables of the names found and of the attributions."""
    items = [i for i in extraction_items(record) if i["label"] in ("TREATY", "ACRONYM", "GROUP")]
    items.sort(key=lambda i: (i["start"], LABELS.index(i["label"])))
    print_table(
        f"{len(items)} matches",
        ("text", "label", "id", "long form / members", "type", "rule"),
        ([i["text"], i["label"], i["id"] or "", long_form_or_members(i), i["type"] or "", i["rule"] or ""] for i in items),
    )

    def text_of(span: Optional[Dict[str, Any]]) -> str:
        return span["text"] if span else ""

    rows = []
    for a in record["attributions"]:
        speaker = text_of(a["speaker"])
        if a["speaker_resolved"] and a["speaker_resolved"]["text"] != speaker:
            speaker = f"{speaker} (= {a['speaker_resolved']['text']})"
        rows.append([text_of(a["cue"]), speaker, text_of(a["content"]), a["type"] or "", a["rule"] or ""])
    print_table(f"{len(rows)} attributions", ("cue", "speaker", "content", "type", "rule"), rows)


def shown_spans(doc: Doc, nlp: Language) -> SpanGroup:
    """The spans to display: every extraction label, without treaty references."""
    return SpanGroup(doc, name="diplomacy_show", spans=[s for s in doc.spans[spans_key(nlp)] if s.label_ in LABELS])


def terminal_rendering(doc: Doc, spans: SpanGroup) -> Text:
    """The text with each extraction styled by label (content first, names last)."""
    rendered = Text(doc.text)
    order = list(TERMINAL_STYLES)
    for span in sorted(spans, key=lambda s: order.index(s.label_)):
        rendered.stylize(TERMINAL_STYLES[span.label_], span.start_char, span.end_char)
    return rendered


# Commands ---------------------------------------------------------------------

ModelOption = typer.Option(None, "--model", "-m", metavar="NAME", help="Installed pipeline package, pipeline directory or blank:LANG (default: best installed en_core_web pipeline).")
PatternsOption = typer.Option([], "--patterns", "-p", metavar="FILE", help="Extra pattern file (JSONL); repeat for several.")
NoBundledOption = typer.Option(False, "--no-bundled", help="Use only the --patterns files, not the bundled patterns.")
FileOption = typer.Option(None, "--file", "-f", metavar="FILE", help="Read the document from this UTF-8 text file.", dir_okay=False)


class MatchFormat(str, Enum):
    table = "table"
    json = "json"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


@app.command()
@reports_user_errors
def match(
    text: Optional[str] = typer.Argument(None, help="The document text.", metavar="TEXT"),
    file: Optional[Path] = FileOption,
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
    output_format: MatchFormat = typer.Option(MatchFormat.table, "--format", help="table or json (the to_record record)."),
) -> None:
    """Print every match in a text: treaties, acronyms, groups (text, label, id,
    long form or members, the pattern or rule that produced it) and attributions
    (cue, speaker, content, type).

    \b
    Examples:
      spacy-diplomacy match "The P5+1 met to save the Iran nuclear deal, Lavrov said."
      spacy-diplomacy match --file article.txt --patterns my_groups.jsonl --format json
    """
    document = text_argument(text, file)
    nlp = load_pipeline(model, patterns, no_bundled)
    record = to_record(nlp(document))
    if output_format == MatchFormat.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print_matches(record)


@app.command()
@reports_user_errors
def show(
    text: Optional[str] = typer.Argument(None, help="The document text.", metavar="TEXT"),
    file: Optional[Path] = FileOption,
    html: Optional[Path] = typer.Option(None, "--html", metavar="FILE", help="Write a displaCy page to this HTML file instead of printing.", dir_okay=False),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
) -> None:
    """Show the extractions in the text: a displaCy span page (--html) or
    coloured terminal output followed by the list of spans.

    \b
    Examples:
      spacy-diplomacy show "Zarif said the JCPOA was still alive."
      spacy-diplomacy show --file article.txt --html article.html
    """
    from spacy import displacy

    document = text_argument(text, file)
    nlp = load_pipeline(model, patterns, no_bundled)
    doc = nlp(document)
    spans = shown_spans(doc, nlp)
    if html is not None:
        doc.spans[spans.name] = spans
        page = displacy.render(doc, style="span", page=True, options={"spans_key": spans.name, "colors": SHOW_COLORS})
        with atomic_output(html) as out:
            out.write(page)
        print(f"wrote {html}", file=sys.stderr)
        return
    out = console()
    out.print(terminal_rendering(doc, spans))
    out.print()
    out.print(Text("  ").join(Text(label, style=style) for label, style in TERMINAL_STYLES.items()))
    for span in sorted(spans, key=lambda s: (s.start_char, LABELS.index(s.label_))):
        out.print(Text(f"{span.label_:<8} ", style=TERMINAL_STYLES[span.label_]) + Text(f"{span.start_char}-{span.end_char}  {span.text}"))


@app.command()
@reports_user_errors
def extract(
    inputs: List[str] = typer.Argument(..., help="Text files, directories of .txt files, .jsonl files, or - for stdin.", metavar="INPUT"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Output file (default: stdout); written to a temporary file and renamed at the end.", dir_okay=False),
    model: Optional[str] = ModelOption,
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    n_process: int = typer.Option(1, "--n-process", min=1, metavar="N", help="Processes for nlp.pipe."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Documents per batch."),
    output_format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", help="jsonl (one record a line) or json (one array)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Run on this dask.distributed scheduler (e.g. tcp://HOST:8786); inputs must be readable by its workers at the same paths."),
    dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1, metavar="N", help="Run on a local Dask cluster of N worker processes."),
    max_length: Optional[int] = typer.Option(None, "--max-length", min=1, metavar="CHARS", help="Longest text to process (default: the model's nlp.max_length, 1,000,000 for spaCy's pipelines); longer texts are reported and skipped."),
    tables_dir: Optional[Path] = typer.Option(None, "--tables", metavar="DIR", help="Also write mentions.csv and statements.csv (and .parquet with pandas and pyarrow) to this folder.", file_okay=False),
) -> None:
    """Extract treaties, acronyms, groups and attributions from documents: one
    JSON record per document with its id and every input field.

    INPUT is a .txt file (id: the file name), a directory (its .txt files), a
    .jsonl file of {"id", "text", ...} objects, or - for stdin (JSONL when the
    first non-blank line starts with "{", else one text). Invalid JSONL lines
    are reported with file and line, skipped, and make the exit code 1.

    With --scheduler or --dask-local (pip install "spacy-diplomacy[dask]"),
    Dask workers read the inputs in blocks of --batch-size lines or files and
    each loads the pipeline once; the output is the same, in the same order.

    \b
    Examples:
      spacy-diplomacy extract news.jsonl --output extracted.jsonl
      spacy-diplomacy extract articles/ --model en_core_web_sm --n-process 2
      cat article.txt | spacy-diplomacy extract - --format json
      spacy-diplomacy extract news.jsonl -o extracted.jsonl --dask-local 4
      spacy-diplomacy extract articles.jsonl -o extracted.jsonl --tables tables/
    """
    check_inputs(inputs)
    if scheduler is not None and dask_local is not None:
        raise UserError("give --scheduler or --dask-local, not both")
    if (scheduler is not None or dask_local is not None) and n_process > 1:
        raise UserError("--n-process is for a single machine without Dask: leave it out with --scheduler or --dask-local")
    skipped = SkippedInputs()
    total = count_documents(inputs)
    if scheduler is not None or dask_local is not None:
        from .dask import distributed_records

        records = distributed_records(
            inputs, skipped, model=model_name(model), patterns=patterns, no_bundled=no_bundled,
            batch_size=batch_size, max_length=max_length, scheduler=scheduler, local_workers=dask_local,
        )
    else:
        nlp = load_pipeline(model, patterns, no_bundled)
        nlp.max_length = max_length or nlp.max_length
        documents = within_length(input_documents(inputs, skipped), nlp.max_length, skipped)
        records = extracted_records(nlp.pipe(documents, as_tuples=True, n_process=n_process, batch_size=batch_size))
    # closing the records ends nlp.pipe's worker processes or the Dask cluster, also on a signal
    with closing(records), atomic_output(output) as out, progress_bar(total) as bar:

        def counted():
            for record in records:
                bar.update(1)
                yield record

        tables = Tables()
        written = write_records(out, tables.passing(counted()) if tables_dir else counted(), output_format == ExtractFormat.json)
    print(f"{written} document(s) extracted" + (f" to {output}" if output else ""), file=sys.stderr)
    if tables_dir:
        with writing(tables_dir):
            print_written(tables.write(tables_dir))
    if skipped.count:
        print(f"error: {skipped.count} input line(s) or file(s) skipped", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
@reports_user_errors
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD", help="Gold JSONL file ({id, text, treaties, acronyms, attributions}).", dir_okay=False),
    model: Optional[str] = ModelOption,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the figures (JSON) to this file.", dir_okay=False),
    predictions: Optional[Path] = typer.Option(None, "--predictions", metavar="FILE", help="Score this JSONL of predictions (e.g. from extract) instead of running the pipeline.", dir_okay=False),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Documents per batch."),
) -> None:
    """Run the extraction on the gold texts and print precision, recall and F1
    for treaties, acronyms (with expansion and members accuracy), cues and
    attributions (metrics of GUIDELINES.md section 4).

    \b
    Examples:
      spacy-diplomacy evaluate news_dev_gold.jsonl --output figures.json
      spacy-diplomacy evaluate news_dev_gold.jsonl --predictions extracted.jsonl
    """
    gold_records = read_record_file(gold)
    if predictions is not None:
        predicted = read_record_file(predictions)
    else:
        nlp = load_pipeline(model, patterns, no_bundled)
        texts = ((record["text"], doc_id) for doc_id, record in gold_records.items())
        predicted = {}
        with progress_bar(len(gold_records)) as bar:
            for doc, doc_id in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
                predicted[doc_id] = to_record(doc)
                bar.update(1)
    figures = score_records(gold_records, predicted)
    print_table(
        f"{len(gold_records)} documents ({gold.name})",
        ("", "precision", "recall", "F1 / accuracy", "counts"),
        figures_table(figures),
    )
    if figures["missing_docs"]:
        print(f"warning: {figures['missing_docs']} gold document(s) without prediction", file=sys.stderr)
    print(summary_line(figures))
    if output is not None:
        with atomic_output(output) as out:
            json.dump(figures, out, indent=1)
            out.write("\n")


def read_record_file(path: Path) -> Dict[str, Dict[str, Any]]:
    """Records of a JSONL file by id, with user errors for missing or undecodable files."""
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        records = load_records(path)
    except UnicodeDecodeError as err:
        raise UserError(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None
    for doc_id, record in records.items():
        if not isinstance(record.get("text"), str):
            raise UserError(f"{path}: record {doc_id!r} has no string 'text'")
    return records


# test -------------------------------------------------------------------------

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


@app.command("test")
@reports_user_errors
def run_tests(
    case_files: List[Path] = typer.Argument(..., help="JSONL files of test cases.", metavar="CASES"),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
    failures_only: bool = typer.Option(False, "--failures-only", help="Print only failing cases."),
) -> None:
    """Run pattern regression tests; exit 1 when any case fails.

    Each line of a case file is a JSON object:
    {"text": ..., "expect": [{"text": "P5+1", "label": "GROUP"}], "reject":
    [{"text": "4 + 1", "label": "GROUP"}]}. Labels: TREATY, ACRONYM, GROUP,
    CUE, SPEAKER, CONTENT. Optional in expect items: start, id, long_form
    (string or list of accepted strings), members, type; in reject items:
    start, and label may be left out (any label). Optional case fields: name,
    exhaustive (a list of labels, or true for the labels the case's items
    name: found spans of these labels that are not expected fail the case).
    Lines starting with // are comments.

    \b
    Examples:
      spacy-diplomacy test patterns/tests/*.jsonl --model blank:en
      spacy-diplomacy test my_cases.jsonl --patterns my_patterns.jsonl
    """
    problems: List[str] = []
    cases = [case for path in case_files for case in read_cases(path, problems)]
    nlp = load_pipeline(model, patterns, no_bundled)
    for case, doc in zip(cases, nlp.pipe(case.text for case in cases)):
        check_case(case, extraction_items(to_record(doc)))
        if case.failures or not failures_only:
            title = case.name or case.text.replace("\n", " ")
            print(f"{'FAIL' if case.failures else 'PASS'} {case.where}  {title[:90]}")
            for line in case.failures:
                print(f"    {line}")
    for problem in problems:
        print(f"ERROR {problem}")
    failed = sum(1 for case in cases if case.failures)
    print(f"{len(cases) - failed} passed, {failed} failed" + (f", {len(problems)} invalid case lines" if problems else ""))
    if failed or problems:
        raise typer.Exit(1)


# validate ---------------------------------------------------------------------

PHRASE_LABELS = ("TREATY", "TREATY_RULE", "TREATY_REF", "ACRONYM", "GROUP", "CUE")
TOKEN_TEXT_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM")
MATCHING_FIELDS = {"pattern", "aliases", "acronym", "ambiguous", "source"}


@dataclass
class PatternReport:
    """Errors and warnings of a validation run, as ``file:line: message``."""

    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


def pattern_lines(path: Path, report: PatternReport) -> Iterator[Tuple[str, Any]]:
    """(``file:line``, parsed JSON) of every non-blank, non-comment line."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        report.errors.append(f"{path}: cannot read pattern file ({err.strerror or err})")
        return
    for number, value in jsonl_lines(path, raw, report.errors):
        yield f"{path}:{number}", value


def token_values(token: Dict[str, Any], attr: str) -> List[str]:
    """The strings a token pattern asks an attribute to equal (its value or IN list)."""
    value = token.get(attr)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [v for v in value["IN"] if isinstance(v, str)]
    return []


def is_one_token(tokenizer, value: str, any_case: bool) -> bool:
    """Whether the tokenizer can produce ``value`` as one token (alone or between words)."""
    forms = {value, value.upper(), value.title(), value.capitalize()} if any_case else {value}
    for form in forms:
        for context in (form, f"a {form} b"):
            if any((t.lower_ if any_case else t.text) == (value.lower() if any_case else value) for t in tokenizer(context)):
                return True
    return False


def token_pattern_problems(pattern: List[Dict[str, Any]], tokenizer) -> List[str]:
    """Token values that can never match: whitespace, capitals in LOWER, several tokens."""
    problems = []
    for position, token in enumerate(pattern):
        for attr in TOKEN_TEXT_ATTRS:
            for value in token_values(token, attr):
                lowered = attr in ("LOWER", "NORM")
                where = f"token {position} {attr} {value!r}"
                if value != value.strip() or " " in value:
                    problems.append(f"{where} contains whitespace: no token does, it can never match")
                elif attr == "LOWER" and value != value.lower():
                    problems.append(f"{where} has capitals: a LOWER value never does, it can never match")
                elif not is_one_token(tokenizer, value, any_case=lowered):
                    split = " ".join(repr(t.text) for t in tokenizer(value))
                    problems.append(f"{where} is split by the tokenizer into {split}: it can never match one token")
    return problems


def phrase_problems(phrase: str, tokenizer) -> List[str]:
    """Why a phrase pattern cannot match text as written (empty when it can)."""
    problems = []
    if NEEDS_NORMALIZING.search(phrase):
        odd = sorted({f"U+{ord(c):04X}" for c in NEEDS_NORMALIZING.findall(phrase)})
        problems.append(
            f"phrase {phrase!r} contains {', '.join(odd)}, which the matcher normalizes in the text: "
            f"it can never match; write {normalize_text(phrase)!r}"
        )
    tokens = tokenizer(phrase)
    if any(t.is_space for t in tokens):
        problems.append(
            f"phrase {phrase!r} has leading or repeated whitespace, which the tokenizer keeps as a token: "
            "it only matches text with the same spacing"
        )
    return problems


def keyword_problems(record: Dict[str, Any], tokenizer) -> List[str]:
    """Keywords of CONTEXT records (compared with single lower-cased tokens) and
    DEFINITION records (compared with the letter runs of a long form) that can never match."""
    problems = []
    for word in record["pattern"]:
        if record["label"] == "DEFINITION" and not re.fullmatch(r"[a-z]+", word.lower()):
            problems.append(f"keyword {word!r}: long forms are compared word by word (letters a-z only), it can never match")
        elif record["label"] == "CONTEXT" and not is_one_token(tokenizer, word.lower(), any_case=True):
            split = " ".join(repr(t.text) for t in tokenizer(word))
            problems.append(f"keyword {word!r} is split by the tokenizer into {split}: it can never match one token")
    return problems


def record_problems(record: Dict[str, Any], tokenizer) -> List[str]:
    """Problems beyond the schema: patterns that cannot match as written."""
    if record.get("remove") is True:
        return []
    if record["label"] in ("CONTEXT", "DEFINITION"):
        return keyword_problems(record, tokenizer)
    problems = []
    for pattern in record_patterns(record):
        if isinstance(pattern, list):
            problems += token_pattern_problems(pattern, tokenizer)
        else:
            problems += phrase_problems(pattern, tokenizer)
    return problems


def conflicting_fields(a: Dict[str, Any], b: Dict[str, Any]) -> List[str]:
    """Fields describing the entity that both records set, to different values
    (records of one id may split its patterns, e.g. acronym and name forms)."""
    shared = (set(a) & set(b)) - MATCHING_FIELDS
    return sorted(k for k in shared if a[k] != b[k])


def differing_patterns(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    return any(a.get(k) != b.get(k) for k in MATCHING_FIELDS - {"source"})


def validate_pattern_files(paths: Sequence[Path], tokenizer) -> PatternReport:
    """Schema, ids repeated with conflicting data (within and between the files,
    in order; a ``remove`` record ends an id), and patterns that cannot match."""
    report = PatternReport()
    seen: Dict[Tuple[str, str], Tuple[str, Dict[str, Any]]] = {}
    for path in paths:
        for where, record in pattern_lines(Path(path), report):
            errors = validate_record(record)
            if errors:
                report.errors.extend(f"{where}: {error}" for error in errors)
                continue
            key = (record["label"], record["id"])
            if record.get("remove") is True:
                seen.pop(key, None)
                continue
            report.errors.extend(f"{where}: {problem}" for problem in record_problems(record, tokenizer))
            if key in seen:
                first_where, first = seen[key]
                fields = conflicting_fields(first, record)
                if fields:
                    report.errors.append(
                        f"{where}: duplicate {key[0]} id {key[1]!r} with different {', '.join(fields)} than {first_where}"
                    )
                elif not differing_patterns(first, record):
                    report.warnings.append(f"{where}: repeats {key[0]} {key[1]!r} of {first_where}")
            else:
                seen[key] = (where, record)
    return report


@app.command()
@reports_user_errors
def validate(
    pattern_files: Optional[List[Path]] = typer.Argument(None, help="Pattern files (default: the bundled ones).", metavar="PATTERN_FILES"),
    model: str = typer.Option(FALLBACK_MODEL, "--model", "-m", metavar="NAME", help="Pipeline whose tokenizer the patterns are checked with."),
) -> None:
    """Check pattern files: JSON, schema (unknown or missing fields, types,
    token attributes), duplicate ids with conflicting data, and phrases or
    token values that cannot match as written. Every problem is printed as
    FILE:LINE: message; exit 1 on any error.

    \b
    Examples:
      spacy-diplomacy validate
      spacy-diplomacy validate my_groups.jsonl my_treaties.jsonl
    """
    paths = list(pattern_files or []) or bundled_pattern_paths()
    tokenizer = load_model(model).tokenizer
    report = validate_pattern_files(paths, tokenizer)
    for warning in report.warnings:
        print(f"warning: {warning}")
    for error in report.errors:
        print(error)
    print(f"{len(paths)} file(s): {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    if report.errors:
        raise typer.Exit(1)


# info -------------------------------------------------------------------------


@app.command()
@reports_user_errors
def info(patterns: List[Path] = PatternsOption, no_bundled: bool = NoBundledOption) -> None:
    """Versions, the default model, and the pattern records loaded per file and label.

    \b
    Example:
      spacy-diplomacy info --patterns my_groups.jsonl
    """
    default = default_model_name()
    print(f"spacy-diplomacy {__version__}")
    print(f"spaCy           {spacy.__version__}")
    print(f"Python          {platform.python_version()} ({sys.executable})")
    print(f"default model   {default or FALLBACK_MODEL + ' (no en_core_web pipeline installed)'}")
    files = ([] if no_bundled else bundled_pattern_paths()) + list(patterns)
    per_file = []
    for path in files:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such pattern file")
        per_file.append((path, read_pattern_file(path)))
    merged = Counter(r["label"] for r in merge_records(*(records for _, records in per_file)))
    labels = sorted({r["label"] for _, records in per_file for r in records})
    def counts(counter: Counter) -> List[str]:
        return [str(counter[label] or "") for label in labels]

    rows = [[str(path), *counts(Counter(r["label"] for r in records))] for path, records in per_file]
    rows.append(["in use (after removals)", *counts(merged)])
    print_table("pattern records", ["file", *labels], rows)


class Terminated(SystemExit):
    """Raised by the SIGTERM handler."""


def terminate(signum: int, frame: Any) -> None:
    """SIGTERM handler: end nlp.pipe's worker processes (stopped early, spaCy
    waits for them, and they for a reader), then unwind, so that temporary
    output files are removed and a Dask cluster is closed."""
    for child in multiprocessing.active_children():
        child.terminate()
    raise Terminated(128 + signum)


def main() -> None:
    """Console script entry point."""
    signal.signal(signal.SIGTERM, terminate)
    try:
        app()
    except Terminated as stop:
        # Cleaned up: skip the interpreter's exit, which would wait for the
        # threads feeding the queues of the terminated nlp.pipe workers.
        sys.stderr.flush()
        os._exit(stop.code)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


# tables and report (statements, tables and corpus report) -----------------------

def print_written(paths: Sequence[Path]) -> None:
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Report a file or folder that cannot be written as a user error."""
    try:
        yield
    except OSError as err:
        raise UserError(f"{err.filename or path}: cannot write ({err.strerror or err})") from None


def checked_records(path: Path) -> Iterator[Dict[str, Any]]:
    """The records of extract's JSONL output; a bad line is a user error."""
    try:
        yield from read_records(path)
    except (RecordsError, OSError, UnicodeDecodeError) as err:
        raise UserError(str(err)) from None


@app.command("tables")
@reports_user_errors
def tables_command(
    records: Path = typer.Argument(..., metavar="RECORDS", help="JSONL written by extract.", dir_okay=False, exists=True),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="Folder for mentions.csv and statements.csv.", file_okay=False),
) -> None:
    """Write mentions.csv (one row per treaty, reference, acronym and group
    mention) and statements.csv (one row per attribution, with the agreements,
    groups and organisations it is about and the speaker's affiliation),
    with the records' metadata fields (date, source, url ...) on every row.

    \b
    Example:
      spacy-diplomacy tables extracted.jsonl --out tables/
    """
    with writing(out):
        print_written(write_tables(checked_records(records), out))


@app.command("report")
@reports_user_errors
def report_command(
    records: Path = typer.Argument(..., metavar="RECORDS", help="JSONL written by extract.", dir_okay=False, exists=True),
    html: Path = typer.Option(..., "--html", metavar="FILE", help="The HTML page to write.", dir_okay=False),
    title: str = typer.Option("Who said what about which agreement", "--title", help="Title of the page."),
) -> None:
    """One static HTML page (no network needed) on a corpus: agreements and
    groups mentioned most, mentions by month, speakers quoted most about each
    top agreement, and example statements.

    \b
    Example:
      spacy-diplomacy report extracted.jsonl --html report.html
    """
    with writing(html):
        write_report(checked_records(records), html, title=title, total=count_documents([str(records)]))
    print(f"wrote {html}", file=sys.stderr)
