"""The ``spacy-diplomacy`` command line (also ``python -m spacy_diplomacy``).

Each command is a thin typer function over the library: ``pipelines``
(models), ``documents`` and ``extraction`` (inputs, records, workers),
``cases`` (pattern regression cases), ``pattern_checks`` (validation) and
``evaluation``; ``tables`` and ``report`` (analyst outputs). ``spacy-diplomacy COMMAND --help`` shows examples.
"""
import os
import signal
import sys
from typing import Any

# importing a command module registers its commands, in this order in --help
from . import show  # noqa: F401, I001
from . import extract  # noqa: F401
from . import evaluate  # noqa: F401
from . import patterns  # noqa: F401
from . import outputs  # noqa: F401
from ._util import app

__all__ = ["app", "main"]


class Interrupted(SystemExit):
    """Raised by the SIGINT and SIGTERM handlers: unwinds the command (temporary
    output removed, worker processes and Dask cluster ended) without a traceback."""


def interrupt(signum: int, frame: Any) -> None:
    raise Interrupted(128 + signum)


def main() -> None:
    """Console script entry point."""
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    try:
        app()
    except Interrupted as stop:
        print(f"interrupted ({signal.Signals(stop.code - 128).name}): nothing written", file=sys.stderr)
        sys.exit(stop.code)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
