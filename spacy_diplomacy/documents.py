"""Documents in, records out: the inputs of ``extract`` (text files, JSONL,
directories, stdin), the inputs reported and skipped, one JSONL reader with
``file:line`` problems, and the output written to a temporary file and renamed."""
import json
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple, Union

BOM = b"\xef\xbb\xbf"
TEXT_SUFFIX, JSONL_SUFFIX = ".txt", ".jsonl"
# A JSON string escape of a UTF-16 surrogate (a pair is one character; a lone one is no text).
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

Context = Tuple[Any, Dict[str, Any]]  # document id, input fields
Document = Tuple[str, Context]


class UserError(Exception):
    """A mistake in the command line or its inputs: reported as one line, no traceback."""


class SkippedInputs:
    """Counts input lines and files that were reported on stderr and skipped."""

    def __init__(self):
        self.count = 0

    def report(self, where: str, message: str) -> None:
        self.count += 1
        print(f"{where}: {message}; skipped", file=sys.stderr)


def decode(data: bytes) -> str:
    """UTF-8 text without a leading byte order mark; UnicodeDecodeError otherwise."""
    return data.decode("utf-8-sig")


def read_text_file(path: Path) -> str:
    """A UTF-8 text file's content; a UserError when it is missing or not UTF-8."""
    try:
        return decode(Path(path).read_bytes())
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, expected a file") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None


def jsonl_values(lines: Iterable[bytes], name: str, problem: Callable[[str, str], None], first_number: int = 1) -> Iterator[Tuple[str, Any]]:
    """(``file:line``, parsed value) of every non-blank JSONL line, streamed; a
    line that is not UTF-8, not JSON or holds a lone surrogate escape goes to
    ``problem(where, message)``. A byte order mark on the first line is dropped."""
    for number, raw in enumerate(lines, first_number):
        where = f"{name}:{number}"
        try:
            line = (decode(raw) if number == 1 else raw.decode("utf-8")).strip()
        except UnicodeDecodeError as err:
            problem(where, f"not UTF-8 ({err.reason} at byte {err.start})")
            continue
        if not line:
            continue
        try:
            value = json.loads(line)
        except ValueError as err:
            problem(where, f"invalid JSON ({err})")
            continue
        surrogate = lone_surrogate(value) if SURROGATE_ESCAPE.search(line) else None
        if surrogate:
            problem(where, f"lone surrogate {surrogate} (not Unicode text)")
            continue
        yield where, value


def lone_surrogate(value: Any) -> Optional[str]:
    """The first lone UTF-16 surrogate in a parsed value, as ``\\uXXXX``; None when there is none."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as err:
        return f"\\u{ord(err.object[err.start]):04x}"
    return None


def jsonl_documents(lines: Iterable[bytes], name: str, skipped: SkippedInputs, first_number: int = 1) -> Iterator[Document]:
    """(text, (id, fields)) of every JSONL line that is an object with a string ``text``."""
    for where, record in jsonl_values(lines, name, skipped.report, first_number):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            skipped.report(where, 'expected a JSON object with a string "text"')
            continue
        doc_id = record["id"] if record.get("id") is not None else where
        yield record["text"], (doc_id, record)


def stdin_documents(skipped: SkippedInputs) -> Iterator[Document]:
    """Stdin as JSONL when its first non-blank line starts with '{', else as one text."""
    stream = sys.stdin.buffer
    head: List[bytes] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            break
    if head and head[-1].lstrip().removeprefix(BOM).lstrip().startswith(b"{"):
        yield from jsonl_documents(chain(head, stream), "<stdin>", skipped)
        return
    data = b"".join(head) + stream.read()
    try:
        text = decode(data)
    except UnicodeDecodeError as err:
        skipped.report("<stdin>", f"not UTF-8 text ({err.reason} at byte {err.start})")
        return
    yield text, ("-", {"text": text})


def text_file_document(path: Path, doc_id: str, skipped: SkippedInputs, where: Optional[str] = None) -> Iterator[Document]:
    """The file as one document; ``where`` names it in reports (default: the path)."""
    try:
        text = read_text_file(path)
    except UserError as err:
        skipped.report(where or str(path), str(err).split(": ", 1)[-1])
        return
    yield text, (doc_id, {"text": text})


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() == JSONL_SUFFIX


def input_files(directory: Path) -> Tuple[List[Path], List[Path]]:
    """The ``.txt`` and ``.jsonl`` files below a directory (any letter case), and the other files."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))
    used = [p for p in files if p.suffix.lower() in (TEXT_SUFFIX, JSONL_SUFFIX)]
    return used, [p for p in files if p.suffix.lower() not in (TEXT_SUFFIX, JSONL_SUFFIX)]


def file_documents(path: Path, doc_id: str, skipped: SkippedInputs) -> Iterator[Document]:
    """The documents of one input file: JSONL lines, or the whole text file."""
    if is_jsonl(path):
        with open(path, "rb") as lines:
            yield from jsonl_documents(lines, str(path), skipped)
    else:
        yield from text_file_document(path, doc_id, skipped)


def input_documents(inputs: Sequence[str], skipped: SkippedInputs) -> Iterator[Document]:
    """(text, (id, fields)) of every document of the inputs, streamed. The id of
    a text file is its name, or its path relative to the directory given."""
    for name in inputs:
        path = Path(name)
        if name == "-":
            yield from stdin_documents(skipped)
        elif path.is_dir():
            for file in input_files(path)[0]:
                yield from file_documents(file, file.relative_to(path).as_posix(), skipped)
        else:
            yield from file_documents(path, path.name, skipped)


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail early on inputs that do not exist, have an unknown kind, or hold no
    file to read; say on stderr which files of a directory are left out."""
    if inputs.count("-") > 1:
        raise UserError("stdin ('-') can be given only once")
    for name in inputs:
        path = Path(name)
        if name == "-":
            continue
        if path.is_dir():
            used, other = input_files(path)
            if other:
                names = ", ".join(p.relative_to(path).as_posix() for p in other[:5]) + (", ..." if len(other) > 5 else "")
                print(f"notice: {name}: left out {len(other)} file(s) that are not .txt or .jsonl: {names}", file=sys.stderr)
            if not used:
                raise UserError(f"{name}: no .txt or .jsonl files in this directory")
        elif not path.exists():
            raise UserError(f"{name}: no such file or directory")
        elif path.suffix.lower() not in (TEXT_SUFFIX, JSONL_SUFFIX):
            raise UserError(f"{name}: unsupported input (expected a .txt or .jsonl file, a directory or -)")


def count_documents(inputs: Sequence[str]) -> Optional[int]:
    """Documents in the inputs (non-blank JSONL lines, text files); None when reading stdin."""
    if "-" in inputs:
        return None

    def documents_in(path: Path) -> int:
        if not is_jsonl(path):
            return 1
        with open(path, "rb") as lines:
            return sum(1 for line in lines if line.strip())

    files = chain.from_iterable(input_files(Path(n))[0] if Path(n).is_dir() else [Path(n)] for n in inputs)
    return sum(documents_in(path) for path in files)


def too_long(length: int, limit: int) -> str:
    """Why a text is skipped for its length."""
    return f"text of {length} characters is longer than the limit of {limit} (--max-length)"


def output_record(context: Context, extraction: Dict[str, Any]) -> Dict[str, Any]:
    """The input fields (id first) with a document's extractions (``to_record``)
    in place of input fields of the same names."""
    doc_id, fields = context
    kept = {k: v for k, v in fields.items() if k not in extraction and k != "id"}
    return {"id": doc_id, **kept, **extraction}


def output_line(context: Context, extraction: Dict[str, Any]) -> str:
    """The output record as one line of JSON (no newline)."""
    return json.dumps(output_record(context, extraction), ensure_ascii=False)


@contextmanager
def atomic_output(path: Optional[Union[str, Path]]) -> Iterator[TextIO]:
    """Stdout, or a temporary file beside ``path`` renamed to it when the block succeeds."""
    if path is None:
        yield sys.stdout
        return
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".part")
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


def write_lines(out: TextIO, lines: Iterable[str], as_array: bool) -> int:
    """Write JSON lines as JSONL, or as one JSON array; return how many."""
    count = 0
    if as_array:
        out.write("[")
    for line in lines:
        if as_array:
            out.write(",\n" if count else "\n")
        out.write(line)
        if not as_array:
            out.write("\n")
        count += 1
    if as_array:
        out.write("\n]\n")
    return count
