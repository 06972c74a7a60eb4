"""Extraction on a local Dask cluster of two worker processes: the same records,
in the same order, as one process, with the pipeline loaded once per worker."""
import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402

from spacy_diplomacy import cli  # noqa: E402
from spacy_diplomacy.dask import Skipped, extract_bag, pipeline_loads  # noqa: E402

TEXTS = [
    "The P5+1 met in Vienna to save the Joint Comprehensive Plan of Action (JCPOA), Lavrov said.",
    "\u201cThe deal is alive,\u201d Zarif told reporters. He added that the IAEA would report.",
    "",
    "Russia\u2019s New\u00a0START obligations and the Non\u2011Proliferation Treaty were discussed.",
    "The E3/EU\uff0b3 and the 4+1 met without the U.S.",
]
RECORDS = [{"id": f"r{i}", "text": text, "source": "test", "treaties": "replaced"} for i, text in enumerate(TEXTS * 8)]


def run(*args, **kwargs):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False, **kwargs)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address="127.0.0.1:0") as cluster:
        with distributed.Client(cluster) as client:
            yield client


def single_process_records(tmp_path, records):
    source = tmp_path / "single.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("extract", source, "--model", "blank:en")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_bag_gives_the_single_process_records_in_order(client, tmp_path):
    bag = extract_bag(db.from_sequence(RECORDS, npartitions=6), model="blank:en")
    records = bag.compute()
    assert records == single_process_records(tmp_path, RECORDS)
    assert records[0]["source"] == "test" and records[0]["groups"][0]["text"] == "P5+1"
    # once per worker process, not per partition or record
    assert set(client.run(pipeline_loads).values()) == {1}


def test_config_reaches_the_workers(client):
    config = {"attributions": False, "use_bundled_patterns": True}
    [record] = extract_bag(db.from_sequence(RECORDS[:1]), config=config).compute()
    assert record["attributions"] == [] and record["treaties"]


def test_too_long_texts_come_out_as_skipped(client):
    records = extract_bag(db.from_sequence(RECORDS[:3], npartitions=2), max_length=20).compute()
    assert [type(r) for r in records] == [Skipped, Skipped, dict]
    assert records[0].where == "document r0" and "longer than the limit of 20" in records[0].message


def test_cli_on_a_local_cluster_gives_the_same_output(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in RECORDS]
    lines[5:5] = ["{broken", "", json.dumps({"text": "No id. The NPT."})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "b.txt").write_bytes(b"Caf\xe9")
    inputs = (source, folder)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    single = run("extract", *inputs, "--model", "blank:en", "--output", one)
    dask = run("extract", *inputs, "--model", "blank:en", "--output", two, "--dask-local", "2", "--batch-size", "4")
    assert single.exit_code == dask.exit_code == 1
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert single.stderr.splitlines()[:-2] == dask.stderr.splitlines()[:-2]  # the same inputs reported, in order
    assert f"{source}:6: invalid JSON" in dask.stderr and "b.txt: not UTF-8" in dask.stderr
    assert len(one.read_text(encoding="utf-8").splitlines()) == len(RECORDS) + 2


def test_cli_rejects_conflicting_options(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    result = run("extract", source, "--dask-local", "1", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 1 and "not both" in result.stderr
    result = run("extract", source, "--dask-local", "1", "--n-process", "2")
    assert result.exit_code == 1 and "--n-process" in result.stderr
