"""``tables`` and ``report``: statement tables and a corpus report from extract's records."""
import sys
from pathlib import Path
from typing import Any, Dict, Iterator

import typer

from ..documents import UserError, count_documents
from ..report import write_report
from ..tables import RecordsError, read_records, write_tables
from ._util import app, print_written, reports_user_errors, writing


def checked_records(path: Path) -> Iterator[Dict[str, Any]]:
    """The records of extract's JSONL output; a bad line is a user error."""
    try:
        yield from read_records(path)
    except (RecordsError, OSError, UnicodeDecodeError) as err:
        raise UserError(str(err)) from None


@app.command("tables")
@reports_user_errors
def tables_command(
    records: Path = typer.Argument(..., metavar="RECORDS", help="JSONL written by extract.", dir_okay=False, exists=True),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="Folder for mentions.csv and statements.csv.", file_okay=False),
) -> None:
    """Write mentions.csv (one row per treaty, reference, acronym and group
    mention) and statements.csv (one row per attribution, with the agreements,
    groups and organisations it is about and the speaker's affiliation),
    with the records' metadata fields (date, source, url ...) on every row.

    \b
    Example:
      spacy-diplomacy tables extracted.jsonl --out tables/
    """
    with writing(out):
        print_written(write_tables(checked_records(records), out))


@app.command("report")
@reports_user_errors
def report_command(
    records: Path = typer.Argument(..., metavar="RECORDS", help="JSONL written by extract.", dir_okay=False, exists=True),
    html: Path = typer.Option(..., "--html", metavar="FILE", help="The HTML page to write.", dir_okay=False),
    title: str = typer.Option("Who said what about which agreement", "--title", help="Title of the page."),
) -> None:
    """One static HTML page (no network needed) on a corpus: agreements and
    groups mentioned most, mentions by month, speakers quoted most about each
    top agreement, and example statements.

    \b
    Example:
      spacy-diplomacy report extracted.jsonl --html report.html
    """
    with writing(html):
        write_report(checked_records(records), html, title=title, total=count_documents([str(records)]))
    print(f"wrote {html}", file=sys.stderr)
