"""The typer app, the options the commands share, and user errors as one line on stderr."""
import functools
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

import typer
from rich.console import Console
from rich.table import Table

from ..documents import UserError, read_text_file
from ..evaluation import RecordFileError
from ..pattern_files import PatternError

PIPED_WIDTH = 200  # table width when stdout is not a terminal
DASK_EXTRA = 'pip install "spacy-diplomacy[dask]"'

app = typer.Typer(
    help="Treaties, diplomatic acronyms and group formats, and attributions in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ModelOption = typer.Option(
    None, "--model", "-m", metavar="NAME",
    help="Installed pipeline package, pipeline directory or blank:LANG (default: the installed English pipeline with a parser, the largest first, else blank:en).",
)
PatternsOption = typer.Option([], "--patterns", "-p", metavar="FILE", help="Extra pattern file (JSONL); repeat for several.")
NoBundledOption = typer.Option(False, "--no-bundled", help="Use only the --patterns files, not the bundled patterns.")
FileOption = typer.Option(None, "--file", "-f", metavar="FILE", help="Read the document from this UTF-8 text file.", dir_okay=False)


def reports_user_errors(command: Callable) -> Callable:
    """Turn user errors into a message on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (UserError, PatternError, RecordFileError) as err:
            for line in str(err).splitlines():
                print(f"error: {line}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper


def missing_extra(err: ImportError, what: str) -> UserError:
    """The error for an optional dependency that is not installed."""
    return UserError(f"{what} needs Dask, which is not installed ({err.name}): {DASK_EXTRA}")


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (wide when it is not a terminal), or on stderr."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, highlight=False, width=None if stream.isatty() else PIPED_WIDTH)


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console().print(table)


def text_argument(text: Optional[str], file) -> str:
    """The document given as TEXT or --file FILE (exactly one)."""
    if (text is None) == (file is None):
        raise UserError("give a TEXT argument or --file FILE (one of them)")
    return read_text_file(file) if file is not None else text


def print_written(paths: Sequence[Path]) -> None:
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Report a file or folder that cannot be written as a user error."""
    try:
        yield
    except OSError as err:
        raise UserError(f"{err.filename or path}: cannot write ({err.strerror or err})") from None
