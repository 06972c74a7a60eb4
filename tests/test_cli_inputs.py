"""Rough edges of the command line: missing extras, directories, byte order
marks, gold files that cannot be scored, and the --help examples run as written."""
import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from spacy_diplomacy import cli
from test_cli import BLANK, REPO, assert_user_error

COMMANDS = ("match", "show", "extract", "evaluate", "test", "validate", "info")
BOM = "\ufeff"


def run(*args, input=None):
    return CliRunner().invoke(cli.app, [str(a) for a in args], input=input)


def records(output):
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.parametrize("option", [("--dask-local", "2"), ("--scheduler", "tcp://127.0.0.1:8786")])
def test_a_missing_dask_extra_is_one_line_naming_it(tmp_path, monkeypatch, option):
    for module in ("dask", "dask.bag", "distributed", "spacy_diplomacy.dask"):
        monkeypatch.setitem(sys.modules, module, None)  # importing it fails, as without the extra
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "The NPT."}\n', encoding="utf-8")
    result = run("extract", source, *option, *BLANK)
    assert_user_error(result, option[0], 'pip install "spacy-diplomacy[dask]"')
    assert os.listdir(tmp_path) == ["in.jsonl"]


def test_a_directory_gives_text_and_jsonl_files_in_any_case_and_names_the_rest(tmp_path):
    folder = tmp_path / "news"
    (folder / "more").mkdir(parents=True)
    (folder / "a.TXT").write_text("The NPT held.", encoding="utf-8")
    (folder / "b.txt").write_text("The E3 met.", encoding="utf-8")
    (folder / "more" / "c.JSONL").write_text(json.dumps({"id": "c1", "text": "The IAEA said so."}) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("not news", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF")
    result = run("extract", folder, *BLANK)
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in records(result.stdout)] == ["a.TXT", "b.txt", "c1"]
    assert f"notice: {folder}: left out 2 file(s) that are not .txt or .jsonl: notes.md, scan.pdf" in result.stderr


def test_an_empty_input_set_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_user_error(run("extract", empty, *BLANK), "no .txt or .jsonl files")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")
    assert_user_error(run("extract", blank, *BLANK), "no documents")


def test_a_byte_order_mark_is_accepted(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(BOM + "The NPT held.", encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text(BOM + json.dumps({"id": "b1", "text": "The P5+1 met."}) + "\n", encoding="utf-8")
    result = run("extract", text, lines, *BLANK)
    assert result.exit_code == 0, result.output
    first, second = records(result.stdout)
    assert first["text"] == "The NPT held." and first["treaties"][0]["start"] == 4
    assert second["id"] == "b1" and second["groups"][0]["text"] == "P5+1"
    piped = run("extract", "-", *BLANK, input=BOM + json.dumps({"id": "s1", "text": "The NPT."}) + "\n")
    assert piped.exit_code == 0, piped.output
    assert records(piped.stdout)[0]["id"] == "s1"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(BOM + json.dumps({"id": "g", "text": "The NPT.", "treaties": [], "acronyms": [], "attributions": []}) + "\n", encoding="utf-8")
    assert run("evaluate", gold, *BLANK).exit_code == 0


@pytest.mark.parametrize(
    "lines, fragment",
    [
        ([], "no gold documents"),
        (["", ""], "no gold documents"),
        ([{"id": "a", "text": "The NPT held."}], "record 'a' has no gold treaties, acronyms, attributions"),
        ([{"id": "a", "text": "The NPT.", "treaties": [], "acronyms": []}], "no gold attributions"),
    ],
)
def test_evaluate_refuses_a_gold_file_it_cannot_score(tmp_path, lines, fragment):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join((json.dumps(line) if line else "") + "\n" for line in lines), encoding="utf-8")
    assert_user_error(run("evaluate", gold, *BLANK), fragment)


def test_evaluate_says_how_many_documents_it_scored(tmp_path):
    gold = tmp_path / "gold.jsonl"
    docs = [{"id": i, "text": "The NPT held.", "treaties": [{"start": 4, "end": 7}], "acronyms": [], "attributions": []} for i in "abc"]
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps({"id": "a", "treaties": [{"start": 4, "end": 7}]}) + "\n", encoding="utf-8")
    result = run("evaluate", gold, "--predictions", predictions)
    assert result.exit_code == 0, result.output
    assert f"scored 1 document(s) of {gold}" in result.stderr
    assert "warning: 2 gold document(s) without prediction" in result.stderr


def help_examples(command):
    """The lines under 'Examples:' in a command's --help."""
    text = run(command, "--help").stdout
    block = re.split(r"\n *Examples?:\n", text, maxsplit=1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines()]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_run_as_written(command, tmp_path):
    """Each example, in order, in an empty folder, with ``spacy-diplomacy`` being this checkout's command line."""
    examples = help_examples(command)
    assert any(line.startswith(f"spacy-diplomacy {command}") for line in examples)
    assert not any(re.search(r"en_core_web_\w+", line) for line in examples)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "spacy-diplomacy"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m spacy_diplomacy "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    work = tmp_path / "work"
    work.mkdir()
    for line in examples:
        completed = subprocess.run(["sh", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        assert completed.returncode == 0, f"{line}\n{completed.stderr}"
        assert "Traceback" not in completed.stderr
