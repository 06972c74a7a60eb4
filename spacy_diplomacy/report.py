"""A corpus report: one static, self-contained HTML page (inline CSS and SVG,
no scripts, no network) from extract's records. Its figures are computed from
the rows of ``tables.Tables``, so they equal the counts in the tables:

- agreements (treaty mentions and references) and groups mentioned most;
- agreement mentions by month, when the records have a ``date``;
- the speakers quoted most about each of the top agreements;
- example statements per agreement.
"""
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .tables import Row, Tables

AGREEMENT_LAYERS = ("treaty", "reference")
TOP_BARS = 12
TOP_AGREEMENTS = 5
TOP_SPEAKERS = 6
EXAMPLES = 6
MONTH = re.compile(r"^(\d{4}-\d{2})")
PALETTE = ("#3465a4", "#e07b39", "#4e9a06", "#a33e8a", "#c4a000", "#75507b")
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
.summary{display:flex;gap:1.5rem;flex-wrap:wrap}.summary div{background:#f3f5f8;padding:.6rem 1rem;border-radius:6px}
.summary b{display:block;font-size:1.4rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600;margin:.5rem 0}svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#222}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin-bottom:1rem}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem}
.muted{color:#777}td:nth-child(-n+2){white-space:nowrap}
"""


@dataclass
class Figures:
    """What the page shows, counted from the tables' rows."""

    documents: int = 0
    mentions: int = 0
    statements: int = 0
    linked_statements: int = 0
    agreements: Counter = field(default_factory=Counter)
    groups: Counter = field(default_factory=Counter)
    names: Dict[str, str] = field(default_factory=dict)  # agreement or group id -> canonical name
    by_month: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    speakers: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    examples: Dict[str, List[Row]] = field(default_factory=lambda: defaultdict(list))


def speaker_label(row: Row) -> str:
    """Who spoke: the resolved speaker (else as written), with the affiliation."""
    name = row.get("speaker_resolved") or row.get("speaker") or "(unknown)"
    return f"{name} ({row['affiliation']})" if row.get("affiliation") else name


def figures_of(tables: Tables, documents: int) -> Figures:
    """Count the tables' rows into the page's figures."""
    figures = Figures(documents=documents, mentions=len(tables.mentions), statements=len(tables.statements))
    for row in tables.mentions:
        if row["layer"] in AGREEMENT_LAYERS and row["id"]:
            figures.agreements[row["id"]] += 1
            month = MONTH.match(str(row["metadata"].get("date") or ""))
            if month:
                figures.by_month[month.group(1)][row["id"]] += 1
        elif row["layer"] == "group" and row["id"]:
            figures.groups[row["id"]] += 1
        if row["layer"] in ("treaty", "group") and row["name"]:
            figures.names.setdefault(row["id"], row["name"])
    for row in tables.statements:
        figures.linked_statements += bool(row["agreements"])
        for agreement in row["agreements"]:
            figures.speakers[agreement][speaker_label(row)] += 1
            figures.examples[agreement].append(row)
    return figures


def bar_chart(name: str, caption: str, counts: Sequence[Tuple[str, int]], names: Dict[str, str]) -> str:
    """A horizontal bar chart; each bar carries its label and value as data attributes."""
    if not counts:
        return f'<figure class="chart" data-chart="{escape(name)}"><figcaption>{escape(caption)}</figcaption><p class="muted">None found.</p></figure>'
    row_height, label_width, bar_width = 22, 260, 300
    top = max(value for _, value in counts)
    bars = []
    for index, (label, value) in enumerate(counts):
        y = index * row_height
        width = max(2, round(bar_width * value / top))
        shown = label if label not in names or names[label] == label else f"{label} – {names[label]}"
        shown = shown if len(shown) <= 32 else shown[:31] + "…"
        bars.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{value}"><title>{escape(shown)}: {value}</title>'
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row_height - 6}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + width + 4}" y="{y + 15}">{value}</text></g>'
        )
    height = len(counts) * row_height
    return (
        f'<figure class="chart" data-chart="{escape(name)}"><figcaption>{escape(caption)}</figcaption>'
        f'<svg role="img" width="{label_width + bar_width + 40}" height="{height}" '
        f'viewBox="0 0 {label_width + bar_width + 40} {height}">{"".join(bars)}</svg></figure>'
    )


def month_chart(figures: Figures, series: Sequence[str]) -> str:
    """Agreement mentions per month, stacked by agreement (the top ones)."""
    months = sorted(figures.by_month)
    if not months or not series:
        return '<p class="muted">The records have no dates.</p>'
    column, height, base = 70, 180, 200
    top = max(sum(figures.by_month[m][s] for s in series) for m in months) or 1
    parts = []
    for index, month in enumerate(months):
        x, y = 40 + index * column, base
        for colour, agreement in zip(PALETTE, series):
            value = figures.by_month[month][agreement]
            if not value:
                continue
            size = height * value / top
            y -= size
            parts.append(
                f'<rect class="segment" data-month="{month}" data-label="{escape(agreement)}" data-value="{value}" '
                f'x="{x}" y="{y:.1f}" width="{column - 10}" height="{size:.1f}" fill="{colour}">'
                f"<title>{month} {escape(agreement)}: {value}</title></rect>"
            )
        parts.append(f'<text x="{x + (column - 10) / 2}" y="{base + 16}" text-anchor="middle">{month}</text>')
    parts.append(f'<text x="0" y="{base - height + 4}">{top}</text><text x="0" y="{base}">0</text>')
    width = 40 + len(months) * column
    legend = "".join(f'<span><i style="background:{c}"></i>{escape(s)}</span>' for c, s in zip(PALETTE, series))
    return (
        '<figure class="chart" data-chart="months"><figcaption>Mentions of the top agreements by month</figcaption>'
        f'<svg role="img" width="{width}" height="{base + 24}" viewBox="0 0 {width} {base + 24}">'
        f'{"".join(parts)}</svg><div class="legend">{legend}</div></figure>'
    )


def example_table(agreement: str, rows: Sequence[Row]) -> str:
    """Up to EXAMPLES statements about one agreement."""
    head = "<tr><th>date</th><th>document</th><th>speaker</th><th>cue</th><th>statement</th></tr>"
    body = "".join(
        f'<tr><td>{escape(str(r["metadata"].get("date") or ""))}</td><td>{escape(str(r["doc_id"]))}</td>'
        f"<td>{escape(speaker_label(r))}</td><td>{escape(r.get('cue') or '')}</td><td>{escape(r.get('content') or '')}</td></tr>"
        for r in rows[:EXAMPLES]
    )
    return f'<table class="examples" data-agreement="{escape(agreement)}">{head}{body}</table>'


def render(figures: Figures, title: str) -> str:
    """The whole page."""
    top = [agreement for agreement, _ in figures.agreements.most_common(TOP_AGREEMENTS)]
    summary = "".join(
        f'<div data-figure="{key}"><b>{value}</b>{label}</div>'
        for key, label, value in (
            ("documents", "documents", figures.documents),
            ("mentions", "mentions", figures.mentions),
            ("statements", "statements", figures.statements),
            ("linked", "statements about an agreement", figures.linked_statements),
        )
    )
    speakers = "".join(
        bar_chart(f"speakers:{a}", f"Quoted most about {a}", figures.speakers[a].most_common(TOP_SPEAKERS), {})
        for a in top
    )
    examples = "".join(
        f"<h3>{escape(a)}{' – ' + escape(figures.names[a]) if figures.names.get(a, a) != a else ''}</h3>"
        + (example_table(a, figures.examples[a]) if figures.examples[a] else '<p class="muted">No statement about it.</p>')
        for a in top
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head><body>'
        f'<h1>{escape(title)}</h1><section class="summary">{summary}</section>'
        '<h2>Mentioned most</h2><div class="grid">'
        + bar_chart("agreements", "Agreements (mentions and references)", figures.agreements.most_common(TOP_BARS), figures.names)
        + bar_chart("groups", "Groups and formats", figures.groups.most_common(TOP_BARS), figures.names)
        + f"</div><h2>Over time</h2>{month_chart(figures, top)}"
        + f'<h2>Who speaks about the top agreements</h2><div class="grid">{speakers}</div>'
        + f"<h2>Example statements</h2>{examples}"
        + '<p class="muted">Made by spacy-diplomacy. Statements are linked to an agreement when it is named or referred to inside their content.</p>'
        "</body></html>\n"
    )


def progress(records: Iterable[Dict[str, Any]], total: Optional[int]) -> Iterable[Dict[str, Any]]:
    """The records with a progress bar on stderr when it is a terminal."""
    from tqdm import tqdm

    return tqdm(records, total=total, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True)


def write_report(
    records: Iterable[Dict[str, Any]],
    path: Union[str, Path],
    title: str = "Who said what about which agreement",
    total: Optional[int] = None,
) -> Path:
    """Write the report of records (extract's output schema) to an HTML file."""
    tables = Tables()
    documents = 0
    for record in progress(records, total):
        tables.add(record)
        documents += 1
    path = Path(path)
    path.write_text(render(figures_of(tables, documents), title), encoding="utf-8")
    return path
