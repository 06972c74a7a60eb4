"""``spacy-diplomacy extract`` loses nothing: broken, empty and very long inputs,
runs interrupted by a signal, and every valid record exactly once."""
import json
import os
import signal
import subprocess
import time

import pytest
from typer.testing import CliRunner

from spacy_diplomacy import cli
from test_cli import console_script

BLANK = ("--model", "blank:en")
NEWS = (
    "The P5+1 met in Vienna to discuss the Joint Comprehensive Plan of Action (JCPOA). "
    "\u201cWe are ready,\u201d Lavrov said. He added that the deal was alive. "
)


def run(*args, **kwargs):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False, **kwargs)


def corpus_lines():
    """(line, id of the record it must produce or None) for a corpus with every kind of problem."""
    return [
        (json.dumps({"id": "news", "text": NEWS, "source": "wire"}), "news"),
        ('{"id": "broken", "text": ', None),
        ("", None),
        (json.dumps({"id": "empty", "text": ""}), "empty"),
        (json.dumps({"id": "blank", "text": " \n\t\u00a0 "}), "blank"),
        (json.dumps(["not", "an", "object"]), None),
        (json.dumps({"id": "no-text"}), None),
        (json.dumps({"id": "number", "text": 7}), None),
        ('{"id": "lone", "text": "The NPT \\udc80 holds."}', None),
        ('{"id": "pair", "text": "The NPT \\ud83d\\ude00 holds."}', "pair"),
        (json.dumps({"id": "long", "text": NEWS * 1_000}), "long"),
        (json.dumps({"id": "too-long", "text": "x " * 120_000}), None),
        (json.dumps({"text": "No id: the line number is the id. The IAEA met."}), None),
        (json.dumps({"id": "last", "text": "The NPT."}), "last"),
    ]


def write_corpus(path):
    lines = corpus_lines()
    data = "\n".join(line for line, _ in lines).encode("utf-8") + b"\n" + b'{"id": "latin1", "text": "Caf\xe9"}\n'
    path.write_bytes(data)
    return [doc_id for _, doc_id in lines if doc_id is not None]


def test_broken_empty_and_long_inputs_are_reported_and_the_rest_kept(tmp_path):
    source = tmp_path / "in.jsonl"
    kept = write_corpus(source)
    output = tmp_path / "out.jsonl"
    result = run("extract", source, "--output", output, "--max-length", 200_000, *BLANK)
    assert result.exit_code == 1
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in records]
    assert ids == kept[:-1] + [f"{source}:13", "last"]
    by_id = {r["id"]: r for r in records}
    assert by_id["news"]["source"] == "wire" and by_id["news"]["groups"][0]["text"] == "P5+1"
    assert by_id["empty"]["treaties"] == by_id["blank"]["acronyms"] == []
    assert by_id["pair"]["text"] == "The NPT \U0001F600 holds." and by_id["pair"]["treaties"][0]["text"] == "NPT"
    assert len(NEWS * 1_000) < 200_000 and len(by_id["long"]["groups"]) == 1_000
    for number, fragment in [(2, "invalid JSON"), (6, "expected a JSON object"), (7, "expected a JSON object"), (8, "expected a JSON object"), (9, "lone surrogate \\udc80"), (15, "not UTF-8")]:
        assert f"{source}:{number}: {fragment}" in result.stderr
    assert "document too-long: text of 240000 characters is longer than the limit of 200000" in result.stderr
    assert "7 input line(s) or file(s) skipped" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "out.jsonl"]


def test_over_long_text_is_skipped_at_the_default_limit(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "big", "text": "a " * 500_001}) + "\n" + json.dumps({"id": "ok", "text": "NPT"}) + "\n")
    result = run("extract", source, *BLANK)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert "longer than the limit of 1000000" in result.stderr


def big_corpus(path, count=4_000):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"d{i}", "text": NEWS * 3}) + "\n")


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def has_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


DASK = pytest.mark.skipif(not has_dask(), reason="the dask extra is not installed")


@pytest.mark.parametrize(
    "signum,to_group,extra",
    [
        (signal.SIGINT, False, ()),
        (signal.SIGTERM, False, ()),
        (signal.SIGINT, False, ("--n-process", "2")),
        (signal.SIGTERM, False, ("--n-process", "2")),
        (signal.SIGINT, True, ("--n-process", "2")),
        pytest.param(signal.SIGTERM, False, ("--dask-local", "2"), marks=DASK),
        pytest.param(signal.SIGINT, True, ("--dask-local", "2"), marks=DASK),
    ],
    ids=["SIGINT", "SIGTERM", "SIGINT-2-processes", "SIGTERM-2-processes", "Ctrl-C-2-processes", "SIGTERM-dask", "Ctrl-C-dask"],
)
def test_an_interrupted_run_leaves_no_output_and_no_temporary_file(tmp_path, signum, to_group, extra):
    """A signal to the parent, or to the whole process group as Ctrl-C in a
    terminal sends it: a prompt exit, one line on stderr, nothing written."""
    source = tmp_path / "in.jsonl"
    big_corpus(source)
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [*console_script(), "extract", str(source), "--output", str(output), *BLANK, *extra],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        # the temporary file is there and has been written to: extraction is under way
        wait_for(lambda: any(p.suffix == ".part" and p.stat().st_size for p in tmp_path.iterdir()) or process.poll() is not None)
        assert process.poll() is None, "the run ended before it could be interrupted"
        (os.killpg if to_group else os.kill)(process.pid, signum)
        interrupted = time.monotonic()
        _, stderr = process.communicate(timeout=60)
        assert time.monotonic() - interrupted < 15
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + signum
    assert stderr.splitlines() == [f"interrupted ({signal.Signals(signum).name}): nothing written"]
    assert os.listdir(tmp_path) == ["in.jsonl"]


def test_a_completed_run_has_every_record_exactly_once(tmp_path):
    source = tmp_path / "in.jsonl"
    big_corpus(source, count=300)
    with open(source, "a", encoding="utf-8") as out:
        out.write("{broken\n")
    for extra in ((), ("--n-process", "2", "--batch-size", "7")):
        output = tmp_path / "out.jsonl"
        result = run("extract", source, "--output", output, *BLANK, *extra)
        assert result.exit_code == 1 and f"{source}:301: invalid JSON" in result.stderr
        ids = [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()]
        assert ids == [f"d{i}" for i in range(300)]
