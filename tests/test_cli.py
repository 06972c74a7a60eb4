"""The ``spacy-diplomacy`` command line, through typer's CliRunner and a real subprocess."""
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from spacy_diplomacy import cli, documents, pipelines
from spacy_diplomacy.evaluation import load_records, score_records

REPO = Path(__file__).resolve().parents[1]
BLANK = ["--model", "blank:en"]
TEXT = "The P5+1 and the U.S. discussed the Iran nuclear deal in Vienna, Lavrov said."
GOLD = [
    {
        "id": "g1",
        "text": "Russia wants to save the JCPOA, Lavrov said. The P5+1 met in Vienna.",
        "treaties": [{"start": 25, "end": 30, "text": "JCPOA", "id": "JCPOA"}],
        "acronyms": [
            {"start": 25, "end": 30, "text": "JCPOA", "long_form": "Joint Comprehensive Plan of Action", "type": "TREATY"},
            {"start": 49, "end": 53, "text": "P5+1", "type": "GROUP", "members": ["CN", "FR", "RU", "GB", "US", "DE"]},
        ],
        "attributions": [
            {
                "cue": {"start": 39, "end": 43, "text": "said"},
                "speaker": {"start": 32, "end": 38, "text": "Lavrov"},
                "speaker_resolved": None,
                "content": {"start": 0, "end": 30, "text": "Russia wants to save the JCPOA"},
                "type": "indirect",
            }
        ],
        "source": "hand-made",
    },
    {"id": "g2", "text": "The NPT review conference opened in New York.", "treaties": [{"start": 4, "end": 7}],
     "acronyms": [{"start": 4, "end": 7, "long_form": "Non-Proliferation Treaty", "type": "TREATY"}], "attributions": []},
]


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(cli.app, [str(a) for a in args], input=input)


def assert_user_error(result, *fragments):
    """Exit 1, one line on stderr naming the problem, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path):
    return write_jsonl(tmp_path / "gold.jsonl", GOLD)


@pytest.fixture(scope="session")
def trained_model():
    """The installed English pipeline with a parser."""
    name = pipelines.installed_english_pipeline()
    if name is None:
        pytest.skip("no trained English pipeline installed")
    return name


@pytest.fixture
def user_patterns(tmp_path):
    return write_jsonl(
        tmp_path / "user.jsonl",
        [{"label": "GROUP", "id": "ZQ", "name": "Zorblax Quartet", "pattern": "Zorblax Quartet", "members": ["FR", "DE", "IT", "ES"]}],
    )


# --help, info ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["match", "test", "validate", "extract", "evaluate", "show", "info"])
def test_help_shows_an_example(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "spacy-diplomacy " + command in result.stdout


def test_info(runner):
    result = run(runner, "info")
    assert result.exit_code == 0, result.output
    assert spacy.__version__ in result.stdout and "spacy-diplomacy 0.1.0" in result.stdout
    assert "acronyms.jsonl" in result.stdout and "GROUP" in result.stdout
    assert (pipelines.installed_english_pipeline() or "blank:en") in result.stdout


# models -----------------------------------------------------------------------


def fake_packages(monkeypatch, metas):
    """Pretend that these pipeline packages (name -> meta.json) are installed."""
    monkeypatch.setattr(spacy.util, "get_installed_models", lambda: list(metas))
    monkeypatch.setattr(pipelines, "package_meta", lambda name: metas[name])


def test_default_model_is_the_largest_english_pipeline_with_a_parser(monkeypatch):
    parsed = ["tok2vec", "tagger", "parser", "ner"]
    metas = {
        "my_news_sm": {"lang": "en", "name": "news_sm", "pipeline": parsed},
        "my_news_md": {"lang": "en", "name": "news_md", "pipeline": parsed},
        "my_news_lg_noparse": {"lang": "en", "name": "news_lg", "pipeline": ["tok2vec", "ner"]},
        "de_core_news_lg": {"lang": "de", "name": "core_news_lg", "pipeline": parsed},
    }
    fake_packages(monkeypatch, metas)
    assert pipelines.installed_english_pipeline() == "my_news_md"
    del metas["my_news_md"]
    assert pipelines.installed_english_pipeline() == "my_news_sm"
    metas["custom_english"] = {"lang": "en", "name": "custom", "components": parsed}
    assert pipelines.installed_english_pipeline() == "my_news_sm"  # a known size first
    del metas["my_news_sm"]
    assert pipelines.installed_english_pipeline() == "custom_english"


def test_no_english_pipeline_falls_back_to_blank(monkeypatch, capsys):
    fake_packages(monkeypatch, {"de_core_news_sm": {"lang": "de", "name": "core_news_sm", "pipeline": ["parser"]}})
    nlp = pipelines.load_pipeline(None)
    assert nlp.pipe_names == ["diplomacy"] and nlp.lang == "en"
    notice = capsys.readouterr().err.strip().splitlines()
    assert len(notice) == 1 and "without a parser" in notice[0]


def test_existing_component_is_reused(user_patterns):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"use_bundled_patterns": False})
    nlp.to_disk(user_patterns.parent / "pipeline")
    loaded = pipelines.load_pipeline(str(user_patterns.parent / "pipeline"), [user_patterns])
    assert loaded.pipe_names == ["diplomacy"]
    assert [r["id"] for r in loaded.get_pipe("diplomacy").patterns] == ["ZQ"]


def test_unknown_model_is_one_line(runner):
    assert_user_error(run(runner, "match", "x", "--model", "no_such_model_xyz"), "no_such_model_xyz")


# match, show ---------------------------------------------------------------------


def test_match_table(runner):
    result = run(runner, "match", TEXT, *BLANK)
    assert result.exit_code == 0, result.output
    for expected in ("P5+1", "GROUP", "CN FR RU GB US DE", "U.S.", "United States", "JCPOA", "groups.jsonl:", "attributions"):
        assert expected in result.stdout


def test_match_json_with_user_patterns_only(runner, user_patterns, tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("The Zorblax Quartet met the P5+1.", encoding="utf-8")
    result = run(runner, "match", "--file", document, "--patterns", user_patterns, "--no-bundled", "--format", "json", *BLANK)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert [(g["text"], g["members"]) for g in record["groups"]] == [("Zorblax Quartet", ["FR", "DE", "IT", "ES"])]
    assert record["groups"][0]["rule"].endswith("user.jsonl:1")
    assert record["acronyms"] == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["match"], "TEXT"),
        (["match", "x", "--file", "doc.txt"], "one of them"),
        (["match", "--file", "missing.txt"], "missing.txt: no such file"),
        (["match", "x", "--patterns", "missing.jsonl"], "missing.jsonl"),
        (["show", "--file", "latin1.txt"], "not UTF-8"),
        (["extract", "missing.jsonl"], "missing.jsonl"),
        (["extract", "notes.md"], "unsupported input"),
        (["evaluate", "missing.jsonl"], "missing.jsonl"),
    ],
)
def test_user_errors_are_one_line(runner, tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    Path("doc.txt").write_text("x", encoding="utf-8")
    Path("latin1.txt").write_bytes("Café".encode("latin-1"))
    Path("notes.md").write_text("x", encoding="utf-8")
    assert_user_error(run(runner, *args, *BLANK), fragment)


def test_bad_pattern_file_names_file_and_line(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "GROUP", "id": "X", "name": "X", "pattern": "X", "members": "FR"}\n', encoding="utf-8")
    result = run(runner, "match", "x", "--patterns", bad, *BLANK)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{bad}:1:" in result.stderr and "members" in result.stderr


def test_show_terminal_and_html(runner, tmp_path):
    result = run(runner, "show", TEXT, *BLANK)
    assert result.exit_code == 0, result.output
    assert TEXT in result.stdout and "TREATY" in result.stdout and "Iran nuclear deal" in result.stdout
    page = tmp_path / "page.html"
    result = run(runner, "show", TEXT, "--html", page, *BLANK)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "TREATY" in html and "GROUP" in html


REFERENCE_TEXT = "Tehran signed the Iran nuclear deal in 2015. Washington left the deal three years later."


def test_show_draws_treaty_references_with_their_agreement(runner, tmp_path):
    result = run(runner, "show", REFERENCE_TEXT, *BLANK)
    assert result.exit_code == 0, result.output
    assert "TREATY_REF -> JCPOA 61-69  the deal" in result.stdout
    page = tmp_path / "page.html"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. displaCy's W117 about a spans key
        result = run(runner, "show", REFERENCE_TEXT, "--html", page, *BLANK)
        assert result.exit_code == 0, result.output
        empty = run(runner, "show", "Nothing to see here.", "--html", tmp_path / "empty.html", *BLANK)
        assert empty.exit_code == 0, empty.output
    html = page.read_text(encoding="utf-8")
    assert "TREATY_REF" in html and ">JCPOA</a>" in html
    assert result.stderr == f"wrote {page}\n"


# extract, evaluate ------------------------------------------------------------------


def test_extract_skips_broken_lines_and_keeps_the_rest(runner, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(GOLD[0]), '{"id": "broken", "text": ', json.dumps({"id": "no-text"}), "", json.dumps(GOLD[1])]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = run(runner, "extract", source, "--output", output, *BLANK)
    assert result.exit_code == 1
    assert f"{source}:2: invalid JSON" in result.stderr
    assert f"{source}:3:" in result.stderr and '"text"' in result.stderr
    assert "2 input line(s) or file(s) skipped" in result.stderr
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["g1", "g2"]
    assert records[0]["source"] == "hand-made" and records[0]["text"] == GOLD[0]["text"]
    assert [t["text"] for t in records[0]["treaties"]] == ["JCPOA"]  # the gold treaties were replaced
    assert "rule" in records[0]["acronyms"][0]
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "out.jsonl"]  # no temporary file left


def test_extract_text_files_directory_and_stdin(runner, tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The NPT was extended in 1995.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("The E3 met in Vienna.", encoding="utf-8")
    result = run(runner, "extract", folder, folder / "a.txt", *BLANK)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "sub/b.txt", "a.txt"]
    assert records[0]["text"] == "The NPT was extended in 1995." and records[0]["treaties"][0]["text"] == "NPT"

    result = run(runner, "extract", "-", "--format", "json", *BLANK, input="The NPT was extended.\n")
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    assert record["id"] == "-" and record["treaties"][0]["id"] == "NPT"

    result = run(runner, "extract", "-", *BLANK, input="\n" + json.dumps({"id": 7, "text": "The NPT."}) + "\nbad\n")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["id"] == 7
    assert "<stdin>:3: invalid JSON" in result.stderr


def test_atomic_output_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        with documents.atomic_output(target) as out:
            out.write("half a line")
            raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []
    with documents.atomic_output(target) as out:
        out.write("done\n")
    assert target.read_text() == "done\n" and os.listdir(tmp_path) == ["out.jsonl"]


def test_extract_then_metrics_equal_evaluate(runner, gold_file, tmp_path):
    predictions = tmp_path / "pred.jsonl"
    assert run(runner, "extract", gold_file, "--output", predictions, *BLANK).exit_code == 0
    figures_file = tmp_path / "figures.json"
    result = run(runner, "evaluate", gold_file, "--output", figures_file, *BLANK)
    assert result.exit_code == 0, result.output
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    assert figures == score_records(load_records(gold_file), load_records(predictions))
    assert figures["treaty_r"] == 1.0 and figures["members_acc"] == 1.0
    assert "treaty_f1=" in result.stdout and "attribution" in result.stdout

    rescored = run(runner, "evaluate", gold_file, "--predictions", predictions)
    assert rescored.exit_code == 0, rescored.output
    assert rescored.stdout.splitlines()[-1] == result.stdout.splitlines()[-1]


def test_extract_in_two_processes_gives_the_same_records(runner, gold_file):
    one = run(runner, "extract", gold_file, *BLANK)
    two = run(runner, "extract", gold_file, "--n-process", "2", "--batch-size", "1", *BLANK)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


# a trained pipeline, a real subprocess ------------------------------------------------


def test_trained_pipeline_finds_attributions(runner, trained_model, gold_file):
    result = run(runner, "match", GOLD[0]["text"], "--model", trained_model, "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert [a["cue"]["text"] for a in record["attributions"]] == ["said"]
    assert record["attributions"][0]["speaker"]["text"] == "Lavrov"
    result = run(runner, "evaluate", gold_file, "--model", trained_model)
    assert result.exit_code == 0, result.output


def console_script():
    """The command line of this checkout as a subprocess runs it: ``python -m
    spacy_diplomacy`` with the checkout first on the path (an installed
    ``spacy-diplomacy`` script may belong to another copy)."""
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); from spacy_diplomacy.cli import main; main()"]


def test_the_console_script_entry_point_is_main():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '\n[project.scripts]\nspacy-diplomacy = "spacy_diplomacy.cli:main"\n' in pyproject
    assert callable(cli.main)


def test_console_script_in_a_subprocess(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(GOLD[1]) + "\n{broken\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    completed = subprocess.run(
        [*console_script(), "extract", str(source), "--output", str(output), *BLANK],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    assert completed.returncode == 1
    assert f"{source}:2: invalid JSON" in completed.stderr and "Traceback" not in completed.stderr
    assert [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()] == ["g2"]

    completed = subprocess.run([*console_script(), "match", "x", "--model", "no_such_model_xyz"], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 1
    assert completed.stderr.count("\n") == 1 and "no_such_model_xyz" in completed.stderr
