"""``match`` and ``show``: the extractions of one text as tables, JSON, coloured
text or a displaCy page."""
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Dict, List, Optional

import typer
from rich.text import Text
from spacy.tokens import Doc, Span

from ..cases import LABELS, extraction_items
from ..documents import atomic_output
from ..pipelines import load_pipeline, spans_key
from ..record import to_record
from ._util import FileOption, ModelOption, NoBundledOption, PatternsOption, app, console, print_table, reports_user_errors, text_argument

REFERENCE = "TREATY_REF"  # a generic reference ("the deal") linked to an agreement id
SHOWN = (*LABELS, REFERENCE)
SHOW_COLORS = {
    "TREATY": "#f4a261",
    REFERENCE: "#f6bd60",
    "ACRONYM": "#8ecae6",
    "GROUP": "#90be6d",
    "CUE": "#ffd166",
    "SPEAKER": "#cdb4db",
    "CONTENT": "#e9ecef",
}
TERMINAL_STYLES = {  # content first, names last: later styles win where spans overlap
    "CONTENT": "italic",
    "SPEAKER": "bold blue",
    "CUE": "bold black on yellow",
    REFERENCE: "underline magenta",
    "TREATY": "bold magenta",
    "GROUP": "bold green",
    "ACRONYM": "bold cyan",
}


class MatchFormat(str, Enum):
    table = "table"
    json = "json"


def long_form_or_members(item: Dict[str, Any]) -> str:
    long_form = item.get("long_form")
    if isinstance(long_form, list):
        long_form = long_form[0] if long_form else None
    members = " ".join(item.get("members") or [])
    return " / ".join(part for part in (long_form, f"members: {members}" if members else "") if part)


def print_matches(record: Dict[str, Any]) -> None:
    """Tables of the names found and of the attributions."""
    items = [i for i in extraction_items(record) if i["label"] in ("TREATY", "ACRONYM", "GROUP")]
    items.sort(key=lambda i: (i["start"], LABELS.index(i["label"])))
    print_table(
        f"{len(items)} matches",
        ("text", "label", "id", "long form / members", "type", "rule"),
        ([i["text"], i["label"], i["id"] or "", long_form_or_members(i), i["type"] or "", i["rule"] or ""] for i in items),
    )

    def text_of(span: Optional[Dict[str, Any]]) -> str:
        return span["text"] if span else ""

    rows = []
    for a in record["attributions"]:
        speaker = text_of(a["speaker"])
        if a["speaker_resolved"] and a["speaker_resolved"]["text"] != speaker:
            speaker = f"{speaker} (= {a['speaker_resolved']['text']})"
        rows.append([text_of(a["cue"]), speaker, text_of(a["content"]), a["type"] or "", a["rule"] or ""])
    print_table(f"{len(rows)} attributions", ("cue", "speaker", "content", "type", "rule"), rows)


def shown_spans(doc: Doc, key: str) -> List[Span]:
    """The spans to display: every extraction label and the treaty references, in text order."""
    spans = [s for s in doc.spans[key] if s.label_ in SHOWN]
    return sorted(spans, key=lambda s: (s.start_char, SHOWN.index(s.label_)))


def span_caption(span: Span) -> str:
    """The label, with the linked agreement for a reference."""
    return f"{span.label_} -> {span.id_}" if span.label_ == REFERENCE and span.id_ else span.label_


def html_page(doc: Doc, spans: List[Span]) -> str:
    """A displaCy span page (rendered from the spans directly: no spans key is added to the Doc)."""
    from spacy import displacy

    data = {
        "text": doc.text,
        "tokens": [t.text for t in doc],
        "spans": [
            {"start_token": s.start, "end_token": s.end, "label": s.label_, "kb_id": s.id_ if s.label_ == REFERENCE else ""}
            for s in spans
        ],
    }
    return displacy.render(data, style="span", manual=True, page=True, options={"colors": SHOW_COLORS})


def terminal_rendering(doc: Doc, spans: List[Span]) -> Text:
    """The text with each extraction styled by label."""
    rendered = Text(doc.text)
    order = list(TERMINAL_STYLES)
    for span in sorted(spans, key=lambda s: order.index(s.label_)):
        rendered.stylize(TERMINAL_STYLES[span.label_], span.start_char, span.end_char)
    return rendered


@app.command()
@reports_user_errors
def match(
    text: Optional[str] = typer.Argument(None, help="The document text.", metavar="TEXT"),
    file: Optional[Path] = FileOption,
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
    output_format: MatchFormat = typer.Option(MatchFormat.table, "--format", help="table or json (the to_record record)."),
) -> None:
    """Print every match in a text: treaties, acronyms, groups (text, label, id,
    long form or members, the pattern or rule that produced it) and attributions
    (cue, speaker, content, type).

    \b
    Examples:
      spacy-diplomacy match "The P5+1 met to save the Iran nuclear deal, Lavrov said."
      spacy-diplomacy match "The E3 met in Vienna." --model blank:en --format json
    """
    document = text_argument(text, file)
    record = to_record(load_pipeline(model, patterns, no_bundled)(document))
    if output_format == MatchFormat.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print_matches(record)


@app.command()
@reports_user_errors
def show(
    text: Optional[str] = typer.Argument(None, help="The document text.", metavar="TEXT"),
    file: Optional[Path] = FileOption,
    html: Optional[Path] = typer.Option(None, "--html", metavar="FILE", help="Write a displaCy page to this HTML file instead of printing.", dir_okay=False),
    patterns: List[Path] = PatternsOption,
    no_bundled: bool = NoBundledOption,
    model: Optional[str] = ModelOption,
) -> None:
    """Show the extractions in the text, with treaty references ("the deal")
    and the agreement they stand for: a displaCy span page (--html) or
    coloured terminal output followed by the list of spans.

    \b
    Examples:
      spacy-diplomacy show "Zarif said the JCPOA was still alive."
      spacy-diplomacy show "The Iran nuclear deal holds. The deal was signed in 2015." --html deal.html
    """
    document = text_argument(text, file)
    nlp = load_pipeline(model, patterns, no_bundled)
    doc = nlp(document)
    spans = shown_spans(doc, spans_key(nlp))
    if html is not None:
        with atomic_output(html) as out:
            out.write(html_page(doc, spans))
        print(f"wrote {html}", file=sys.stderr)
        return
    out = console()
    out.print(terminal_rendering(doc, spans))
    out.print()
    out.print(Text("  ").join(Text(label, style=style) for label, style in TERMINAL_STYLES.items()))
    for span in spans:
        caption = Text(f"{span_caption(span):<10} ", style=TERMINAL_STYLES[span.label_])
        out.print(caption + Text(f"{span.start_char}-{span.end_char}  {span.text}"))
