"""The corpus report: figures equal the tables, valid self-contained HTML."""
import csv
import json
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacy_diplomacy import cli
from spacy_diplomacy.report import write_report

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "articles.jsonl"
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "param", "track"}
SVG_LEAVES = {"rect", "path", "line", "circle"}


class Page(HTMLParser):
    """Checks nesting and collects the charts' bars, the tags and the attributes."""

    def __init__(self):
        super().__init__()
        self.open, self.problems, self.tags, self.attributes = [], [], Counter(), []
        self.chart, self.bars = None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        self.attributes.extend(attrs.items())
        if attrs.get("data-chart"):
            self.chart = attrs["data-chart"]
            self.bars[self.chart] = {}
        if "data-value" in attrs and self.chart:
            key = (attrs["data-month"], attrs["data-label"]) if "data-month" in attrs else attrs["data-label"]
            self.bars[self.chart][key] = int(attrs["data-value"])
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes.extend(attrs)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def parse(html):
    page = Page()
    page.feed(html)
    page.close()
    return page


def read(path):
    with open(path, encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The example corpus extracted (blank pipeline), its tables and its report."""
    out = tmp_path_factory.mktemp("corpus")
    runner = CliRunner()
    result = runner.invoke(cli.app, ["extract", str(CORPUS), "-o", str(out / "records.jsonl"), "--model", "blank:en", "--tables", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.app, ["report", str(out / "records.jsonl"), "--html", str(out / "report.html")])
    assert result.exit_code == 0, result.output
    return out


def test_chart_figures_equal_the_tables(corpus):
    page = parse((corpus / "report.html").read_text(encoding="utf-8"))
    mentions, statements = read(corpus / "mentions.csv"), read(corpus / "statements.csv")
    agreements = Counter(r["id"] for r in mentions if r["layer"] in ("treaty", "reference"))
    assert page.bars["agreements"] == dict(agreements) and len(agreements) >= 4
    assert page.bars["groups"] == dict(Counter(r["id"] for r in mentions if r["layer"] == "group"))
    months = Counter((r["date"][:7], r["id"]) for r in mentions if r["layer"] in ("treaty", "reference"))
    assert page.bars["months"] == dict(months)
    for agreement, _ in agreements.most_common(5):
        about = [r for r in statements if agreement in r["agreements"].split(";")]
        speakers = Counter(
            (r["speaker_resolved"] or r["speaker"]) + (f" ({r['affiliation']})" if r["affiliation"] else "") for r in about
        )
        assert page.bars[f"speakers:{agreement}"] == dict(speakers.most_common(6))
    assert sum(page.bars["speakers:JCPOA"].values()) >= 3


def test_summary_and_example_tables(corpus):
    html = (corpus / "report.html").read_text(encoding="utf-8")
    statements = read(corpus / "statements.csv")
    documents = sum(1 for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())
    assert f'<div data-figure="documents"><b>{documents}</b>' in html
    assert f'<div data-figure="statements"><b>{len(statements)}</b>' in html
    example = next(r for r in statements if "JCPOA" in r["agreements"].split(";"))
    assert example["content"] in html


def test_the_page_is_valid_and_self_contained(corpus):
    html = (corpus / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = parse(html)
    assert page.problems == [] and page.open == []
    assert page.tags["svg"] >= 4 and page.tags["table"] >= 1
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert [(k, v) for k, v in page.attributes if k in ("src", "href")] == []
    assert "http:" not in html and "https:" not in html and "url(" not in html


def test_text_from_the_records_is_escaped(tmp_path):
    record = {
        "id": "<b>doc</b>",
        "date": "2024-01-05",
        "text": "x",
        "treaties": [{"start": 0, "end": 1, "text": "x", "id": "NPT", "name": "Treaty <on> & Non-Proliferation"}],
        "acronyms": [],
        "groups": [],
        "attributions": [
            {"cue": {"start": 0, "end": 1, "text": "said"}, "speaker": {"start": 0, "end": 1, "text": "<i>Someone</i>"},
             "speaker_resolved": None, "content": {"start": 0, "end": 1, "text": "<script>alert(1)</script>"},
             "type": "direct", "agreements": ["NPT"], "groups": [], "organizations": [], "affiliation": None}
        ],
    }
    path = write_report([record], tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    page = parse(html)
    # the only <b> are the four summary figures, the only <i> the legend's one swatch
    assert "script" not in page.tags and page.tags["b"] == 4 and page.tags["i"] == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;i&gt;Someone&lt;/i&gt;" in html
    assert "Treaty &lt;on&gt; &amp; Non-Proliferation" in html


def test_records_without_dates_get_a_note_instead_of_the_time_chart(tmp_path):
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    undated = [{k: v for k, v in r.items() if k != "date"} | {"treaties": [], "acronyms": [], "groups": [], "attributions": []} for r in records]
    html = write_report(undated, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "months" not in parse(html).bars and "The records have no dates." in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_headless_chromium_renders_the_charts(corpus, tmp_path):
    shot = tmp_path / "report.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1000",
         f"--screenshot={shot}", (corpus / "report.html").as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a blank page of this size is a few kB


def test_report_command_reports_an_unwritable_page(corpus, tmp_path):
    target = tmp_path / "missing" / "report.html"
    result = CliRunner().invoke(cli.app, ["report", str(corpus / "records.jsonl"), "--html", str(target)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {target}: cannot write (No such file or directory)"
