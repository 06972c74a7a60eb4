"""mentions.csv and statements.csv: columns, one row per item, metadata carried through."""
import csv
import json

import pytest
from typer.testing import CliRunner

from spacy_diplomacy import cli, to_record
from spacy_diplomacy.statements import LINK_FIELDS
from spacy_diplomacy.tables import MENTION_COLUMNS, STATEMENT_COLUMNS, write_tables

ARTICLES = [
    {
        "id": "a1",
        "date": "2024-05-02",
        "source": "Test Wire",
        "url": "https://news.example/a1",
        "type": "wire",
        "tags": ["arms", "iran"],
        "text": "Iranian Foreign Minister Abbas Tavakoli said the JCPOA was still alive. "
        "The E3 met in Geneva. He said the deal needed the P5+1 to act.",
    },
    {
        "id": "a2",
        "date": "2024-06-11",
        "source": "Test Daily",
        "pages": 3,
        "text": "The New START treaty expires soon, Russia's deputy foreign minister said.",
    },
]


def record_of(doc):
    """to_record, with the treaty references ("the deal") where it leaves them out."""
    record = to_record(doc)
    references = [{"start": s.start_char, "end": s.end_char, "text": s.text, "id": i} for s, i in doc._.treaty_references]
    return {"treaty_references": references, **record}


@pytest.fixture(scope="module")
def records(blank_nlp):
    return [{**article, **record_of(blank_nlp(article["text"]))} for article in ARTICLES]


def read(path):
    with open(path, encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def header(path):
    with open(path, encoding="utf-8") as rows:
        return next(csv.reader(rows))


def test_columns_are_the_table_columns_then_the_metadata(records, tmp_path):
    write_tables(records, tmp_path)
    metadata = ["date", "source", "url", "meta_type", "pages"]
    assert header(tmp_path / "mentions.csv") == [*MENTION_COLUMNS, *metadata]
    assert header(tmp_path / "statements.csv") == [*STATEMENT_COLUMNS, *metadata]


def test_one_row_per_mention_and_per_statement(records, tmp_path):
    write_tables(records, tmp_path)
    mentions, statements = read(tmp_path / "mentions.csv"), read(tmp_path / "statements.csv")
    layers = {"treaty": "treaties", "reference": "treaty_references", "acronym": "acronyms", "group": "groups"}
    for record in records:
        for layer, key in layers.items():
            rows = [(int(r["start"]), r["text"]) for r in mentions if r["doc_id"] == record["id"] and r["layer"] == layer]
            assert sorted(rows) == sorted((item["start"], item["text"]) for item in record[key]), (record["id"], layer)
        rows = [r for r in statements if r["doc_id"] == record["id"]]
        assert [r["cue"] for r in rows] == [a["cue"]["text"] for a in record["attributions"]]
    assert {r["layer"] for r in mentions} == set(layers)


def test_metadata_is_carried_to_every_row_and_lists_are_not(records, tmp_path):
    write_tables(records, tmp_path)
    for name in ("mentions.csv", "statements.csv"):
        rows = read(tmp_path / name)
        assert rows
        for row in rows:
            article = next(a for a in ARTICLES if a["id"] == row["doc_id"])
            assert (row["date"], row["source"]) == (article["date"], article["source"])
            assert row["url"] == article.get("url", "")
            assert row["pages"] == str(article.get("pages", ""))
            assert "tags" not in row and article["text"] not in row.values()


def test_statement_rows_carry_the_links(records, tmp_path):
    write_tables(records, tmp_path)
    rows = {(r["doc_id"], r["content"]): r for r in read(tmp_path / "statements.csv")}
    first = rows[("a1", "the JCPOA was still alive")]
    assert (first["affiliation"], first["agreements"], first["type"]) == ("IR", "JCPOA", "indirect")
    second = rows[("a1", "the deal needed the P5+1 to act")]
    assert (second["speaker_resolved"], second["agreements"], second["groups"]) == ("Abbas Tavakoli", "JCPOA", "P5+1")
    third = rows[("a2", "The New START treaty expires soon")]
    assert (third["affiliation"], third["agreements"]) == ("RU", "NEW_START")


def test_records_written_without_links_are_linked(records, tmp_path):
    unlinked = [
        {**r, "attributions": [{k: v for k, v in a.items() if k not in LINK_FIELDS}
                               for a in r["attributions"]]}
        for r in records
    ]
    write_tables(unlinked, tmp_path / "unlinked")
    write_tables(records, tmp_path / "linked")
    assert read(tmp_path / "unlinked" / "statements.csv") == read(tmp_path / "linked" / "statements.csv")


def test_pandas_reads_each_table_in_one_call(records, tmp_path):
    pandas = pytest.importorskip("pandas")
    write_tables(records, tmp_path)
    statements = pandas.read_csv(tmp_path / "statements.csv")
    about_jcpoa = statements[statements.agreements.str.split(";").apply(lambda ids: "JCPOA" in ids if isinstance(ids, list) else False)]
    assert list(about_jcpoa.content) == ["the JCPOA was still alive", "the deal needed the P5+1 to act"]
    mentions = pandas.read_csv(tmp_path / "mentions.csv")
    assert len(mentions) == sum(len(r[k]) for r in records for k in ("treaties", "treaty_references", "acronyms", "groups"))


def test_parquet_keeps_lists_when_pyarrow_is_installed(records, tmp_path):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    written = write_tables(records, tmp_path)
    assert tmp_path / "statements.parquet" in written
    statements = pandas.read_parquet(tmp_path / "statements.parquet")
    assert [list(ids) for ids in statements.agreements] == [["JCPOA"], ["JCPOA"], ["NEW_START"]]
    assert list(statements.columns) == header(tmp_path / "statements.csv")


def test_tables_command_and_extract_tables_write_the_same_tables(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    runner = CliRunner()
    extracted = tmp_path / "extracted.jsonl"
    result = runner.invoke(cli.app, ["extract", str(articles), "-o", str(extracted), "--model", "blank:en", "--tables", str(tmp_path / "during")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.app, ["tables", str(extracted), "--out", str(tmp_path / "after")])
    assert result.exit_code == 0, result.output
    for name in ("mentions.csv", "statements.csv"):
        assert read(tmp_path / "during" / name) == read(tmp_path / "after" / name)
        assert len(read(tmp_path / "after" / name)) > 0


def test_tables_command_reports_a_bad_line(tmp_path):
    records = tmp_path / "bad.jsonl"
    records.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["tables", str(records), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{records}:2: invalid JSON" in result.stderr
