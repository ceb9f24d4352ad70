"""The `crossings` command. Thin: each module below parses options, calls library code, prints.

Commands live by topic: extract.py (one article), eval.py (score the extractor), corpus.py (ingest and
query the store), corridors.py (series, conflicts, exports), serve.py, batch.py, review.py.
"""

from __future__ import annotations

import sys

import typer

# Importing a command module registers its commands on `app`.
from crossings.cli import batch, corpus, corridors, eval, extract, review, serve  # noqa: F401
from crossings.cli.common import app, err_console
from crossings.errors import CrossingsError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit, never a traceback."""
    try:
        code = app(standalone_mode=False)  # returns the exit code of typer.Exit
        sys.exit(code if isinstance(code, int) else 0)
    except CrossingsError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except Exception as exc:
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from Typer's click
            exc.show()
            sys.exit(exc.exit_code)
        raise
