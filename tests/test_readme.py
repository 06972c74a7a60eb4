"""The README's snippets run as written: every Python block, the command-line
block and the analyst walk-through (in a scratch folder beside the examples)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```(python|bash)\n(.*?)```", re.S)


def blocks(kind):
    return [code for lang, code in BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8")) if lang == kind]


def scratch(tmp_path):
    """A folder with the checkout's examples and patterns, and an environment
    whose ``spacy_diplomacy`` is the checkout's."""
    for name in ("examples", "patterns"):
        (tmp_path / name).symlink_to(REPO / name)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return env


def run_shell(code, tmp_path):
    env = scratch(tmp_path)
    script = code.replace("spacy-diplomacy ", f"{sys.executable} -m spacy_diplomacy ")
    script = re.sub(r"^python ", f"{sys.executable} ", script, flags=re.M)
    return subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("code", blocks("python"), ids=lambda code: code.splitlines()[0][:40])
def test_python_snippets_run(code, tmp_path):
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=scratch(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_command_line_block_runs(tmp_path):
    (code,) = [c for c in blocks("bash") if "spacy-diplomacy match" in c]
    result = run_shell(code, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out.jsonl").is_file() and (tmp_path / "out.html").is_file()


def test_analyst_steps_run(tmp_path):
    (code,) = [c for c in blocks("bash") if "--tables tables/" in c]
    try:
        import pandas  # noqa: F401
    except ImportError:
        code = "\n".join(line for line in code.splitlines() if "pandas" not in line)
    result = run_shell(code, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "tables" / "statements.csv").is_file() and (tmp_path / "report.html").is_file()
