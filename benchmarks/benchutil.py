"""Helpers shared by ``accuracy.py`` and ``speed.py``: paths, pipeline lookup, machine info."""
import datetime
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import spacy

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's package, also without an editable install
from spacy_diplomacy.pipelines import installed_english_pipeline  # noqa: E402
SHARED_EVAL = REPO.parent / "shared" / "eval"
RESULTS = Path(__file__).resolve().parent / "results"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> Optional[List[float]]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def source_state() -> Dict[str, Any]:
    """Commit of the repository and whether the package's files differ from it
    (read-only git commands; empty when git is not available)."""
    import subprocess

    def git(*args: str) -> Optional[str]:
        try:
            done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "--short", "HEAD")
    if commit is None:
        return {}
    changed = git("status", "--porcelain", "--", "spacy_diplomacy", "patterns")
    return {"commit": commit, "package_files_changed_since_commit": bool(changed)}


def machine_info() -> Dict[str, Any]:
    """Date, CPU, core count, load and versions, stored with every result file."""
    import spacy_diplomacy

    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": cpu_model(),
        "nproc": os.cpu_count(),
        "load_average_1_5_15min": load_average(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "spacy_diplomacy": spacy_diplomacy.__version__,
        "trained_pipeline": installed_english_pipeline(),
        **source_state(),
    }


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], file=sys.stdout) -> None:
    """A plain Markdown table (pastes into the README as is)."""
    cells = [[str(c) for c in columns]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]

    def line(row):
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |"

    print(line(cells[0]), file=file)
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|", file=file)
    for row in cells[1:]:
        print(line(row), file=file)


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, ensure_ascii=False)
        out.write("\n")
    os.replace(tmp, path)
