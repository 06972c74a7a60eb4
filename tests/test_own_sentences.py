"""No tracked file may share a run of 8 or more words with the evaluation texts
(``../shared/eval/*.jsonl``) or the seed (``../shared/seed/*.txt``): test
sentences are the project's own. Skipped where ../shared is absent.

An official name of 5 words or more (a treaty title, an organisation's name)
from the sourced lists in ``../shared/gazetteers`` or from the project's own
records (``name``, ``pattern``, ``aliases``, ``long_form`` in patterns/*.jsonl;
not the test cases in patterns/tests/) counts as one word on both sides: the
gazetteer may hold "Treaty on the Non-Proliferation of Nuclear Weapons", while
a sentence around a name is still caught."""
import csv
import json
import re
import subprocess
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

REPO = Path(__file__).resolve().parents[1]
RUN = 8  # words
MAX_BYTES = 4_000_000
SKIPPED_DIRS = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache"}

WORD = re.compile(r"[^\W_]+")  # letters and digits: "Iran's" -> iran, s; "Geneva-based" -> geneva, based
UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
OTHER_ESCAPE = re.compile(r"\\[nrt]")
NAME_WORDS = (5, 30)  # a gazetteer cell of this many words is a name
NAME_FIELDS = ("name", "pattern", "aliases", "long_form")  # of the project's pattern records
BRACKETS = re.compile(r"[()\[\]]")

Shingles = Dict[int, str]  # hash of an 8-word run -> "file#record id"
Words = List[Tuple[str, int]]  # (word, line number)


class Names:
    """Multi-word names, matched longest first from their first word."""

    def __init__(self, names: Set[Tuple[str, ...]]):
        self.names = names
        self.lengths: Dict[str, List[int]] = {}
        for name in names:
            self.lengths.setdefault(name[0], []).append(len(name))
        for lengths in self.lengths.values():
            lengths.sort(reverse=True)

    def collapse(self, words: Words) -> Words:
        """``words`` with each name occurrence replaced by one token ``[the name]``."""
        plain = [word for word, _ in words]
        out: Words = []
        i = 0
        while i < len(words):
            for length in self.lengths.get(plain[i], ()):
                name = tuple(plain[i : i + length])
                if name in self.names:
                    out.append((f"[{' '.join(name)}]", words[i][1]))
                    i += length
                    break
            else:
                out.append(words[i])
                i += 1
        return out


def words_of(text: str) -> List[str]:
    return [word.lower() for word in WORD.findall(text)]


def unescape(line: str) -> str:
    """Undo the string escapes of JSON and Python source (``\\u2019``, ``\\n``) so that an
    escaped copy of a sentence reads as the sentence."""
    line = UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line)
    return OTHER_ESCAPE.sub(" ", line)


def gazetteer_cells(path: Path) -> Iterator[str]:
    if path.suffix in (".csv", ".tsv"):
        with path.open(encoding="utf-8", newline="") as rows:
            for row in csv.reader(rows, delimiter="\t" if path.suffix == ".tsv" else ","):
                yield from row
    elif path.suffix == ".yaml":
        for line in path.read_text(encoding="utf-8").splitlines():
            yield line.partition(": ")[2]


def record_names(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        for field in NAME_FIELDS:
            value = record.get(field) if isinstance(record, dict) else None
            for name in [value] if isinstance(value, str) else value or []:
                if isinstance(name, str):
                    yield name


def known_names(shared: Path, patterns: Path) -> Names:
    """Every cell of the CSV/TSV tables and every YAML value under ``shared/gazetteers``,
    and every name of the pattern records in ``patterns``, with NAME_WORDS words, split
    at brackets ("Treaty ... Weapons (London Version)")."""
    csv.field_size_limit(1 << 27)
    cells = [cell for path in sorted((shared / "gazetteers").rglob("*")) for cell in gazetteer_cells(path)]
    cells += [name for path in sorted(patterns.glob("*.jsonl")) for name in record_names(path)]
    names = set()
    for cell in cells:
        for part in BRACKETS.split(cell):
            words = words_of(part)
            if NAME_WORDS[0] <= len(words) <= NAME_WORDS[1]:
                names.add(tuple(words))
    return Names(names)


def shingle_hashes(words: List[str]) -> Iterator[Tuple[int, int]]:
    """(position, hash) of every run of RUN consecutive words."""
    for i in range(len(words) - RUN + 1):
        yield i, hash(tuple(words[i : i + RUN]))


def shared_texts(shared: Path) -> Iterator[Tuple[str, str]]:
    """(where, text) of every evaluation record and seed text under ``shared``."""
    for path in sorted((shared / "eval").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    record = json.loads(line)
                    yield f"{path.name}#{record.get('id', number)}", record.get("text") or ""
    for path in sorted((shared / "seed").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")


def build_shingles(shared: Path, names: Names) -> Shingles:
    shingles: Shingles = {}
    for where, text in shared_texts(shared):
        words = names.collapse([(word, 0) for word in words_of(text)])
        for _, key in shingle_hashes([word for word, _ in words]):
            shingles.setdefault(key, where)
    return shingles


def tracked_files(repo: Path) -> List[Path]:
    """Files tracked by git; without git, every file outside SKIPPED_DIRS."""
    try:
        done = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, timeout=30)
        if done.returncode == 0:
            return [repo / name for name in done.stdout.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        pass
    return [
        path
        for path in sorted(repo.rglob("*"))
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(repo).parts)
    ]


def file_words(path: Path, names: Names) -> Optional[Words]:
    """The file's words with their line numbers; None for a binary or very large file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    text = data.decode("utf-8", errors="replace")
    return names.collapse(
        [(word, number) for number, line in enumerate(text.splitlines(), 1) for word in words_of(unescape(line))]
    )


def shared_runs(path: Path, shingles: Shingles, names: Names, shown: str) -> List[str]:
    """One message per maximal run of the file that occurs in a shared text:
    ``shown:line: "the words ..." (shared file#record)``."""
    words = file_words(path, names)
    if not words:
        return []
    plain = [word for word, _ in words]
    found = [(i, shingles[key]) for i, key in shingle_hashes(plain) if key in shingles]
    messages = []
    start = 0
    while start < len(found):
        end = start
        while end + 1 < len(found) and found[end + 1][0] == found[end][0] + 1:
            end += 1
        first, where = found[start]
        last = found[end][0] + RUN
        quoted = " ".join(plain[first:last])
        messages.append(f'{shown}:{words[first][1]}: "{quoted}" ({where})')
        start = end + 1
    return messages


def copied_runs(repo: Path, shared: Path) -> List[str]:
    names = known_names(shared, repo / "patterns")
    shingles = build_shingles(shared, names)
    assert shingles, f"no text read from {shared}/eval or {shared}/seed"
    return [
        message
        for path in tracked_files(repo)
        for message in shared_runs(path, shingles, names, path.relative_to(repo).as_posix())
    ]


def test_no_tracked_file_shares_a_run_of_words_with_the_shared_texts(shared_dir):
    found = copied_runs(REPO, shared_dir)
    assert not found, f"runs of {RUN}+ words copied from ../shared (write your own):\n" + "\n".join(found)


def test_the_detector_reports_a_copied_run_with_its_line_and_source(tmp_path):
    shared = tmp_path / "shared"
    for folder in ("eval", "seed", "gazetteers"):
        (shared / folder).mkdir(parents=True)
    records = [
        {"id": "doc-7", "text": "Envoys from the two capitals met on Tuesday to agree a ceasefire map."},
        {"id": "doc-8", "text": "Both states ratified the Accord on the Safe Passage of River Barges (Second Text) last May."},
        {"id": "doc-9", "text": "Delegates left the Joint Commission for the Upper Lakes Fisheries early."},
    ]
    (shared / "eval" / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (shared / "seed" / "seed.txt").write_text("A harbour pilot guided the frigate through the narrow strait at dawn.")
    (shared / "gazetteers" / "accords.tsv").write_text("title\tyear\nAccord On The Safe Passage Of River Barges (Second Text)\t1921\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "own.py").write_text('"""Envoys from two capitals met."""\n', encoding="utf-8")
    (repo / "copied.py").write_text(
        'x = 1\nTEXT = ("Officials said envoys from the TWO capitals "\n    "met on Tuesday to agree terms")\n',
        encoding="utf-8",
    )
    (repo / "cases.jsonl").write_text(json.dumps({"text": "The pilot guided the frigate through the narrow strait."}) + "\n")
    (repo / "escaped.json").write_text('"harbour pilot guided\\nthe frigate through the narrow strait"')
    (repo / "blob.bin").write_bytes(b"\0" + "envoys from the two capitals met on tuesday".encode())
    (repo / "patterns").mkdir()
    (repo / "patterns" / "bodies.jsonl").write_text(
        json.dumps({"label": "ACRONYM", "pattern": "JCULF", "long_form": ["Joint Commission for the Upper Lakes Fisheries"]})
        + "\n"
    )
    (repo / "name.md").write_text(
        "Parties to the Accord on the Safe Passage of River Barges meet yearly.\n"
        "One delegation left the Joint Commission for the Upper Lakes Fisheries.\n"
    )
    (repo / "around_name.md").write_text("\n\nBoth states ratified the Accord on the Safe Passage of River Barges (Second Text) last May.\n")

    found = copied_runs(repo, shared)

    assert found == [
        'around_name.md:3: "both states ratified the [accord on the safe passage of river barges] second text last may" (dev.jsonl#doc-8)',
        'cases.jsonl:1: "pilot guided the frigate through the narrow strait" (seed.txt)',
        'copied.py:2: "envoys from the two capitals met on tuesday to agree" (dev.jsonl#doc-7)',
        'escaped.json:1: "harbour pilot guided the frigate through the narrow strait" (seed.txt)',
    ]


def test_runs_of_seven_words_and_word_boundaries_do_not_count():
    shingles: Shingles = {key: "src" for _, key in shingle_hashes(words_of("one two three four five six seven eight"))}
    assert len(shingles) == 1
    assert [key in shingles for _, key in shingle_hashes(words_of("one two three four five six seven"))] == []
    assert not any(key in shingles for _, key in shingle_hashes(words_of("one two three four five six seven eighty")))
    assert any(key in shingles for _, key in shingle_hashes(words_of("One-two, three: four five (six) SEVEN eight!")))
