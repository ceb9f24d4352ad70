"""What every command shares: the Typer app, consoles, the --db option, and list output
(table | json | csv) so that every listing command formats the same way."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from crossings import config

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="crossings: sourced, de-duplicated movement figures from news coverage.")
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """crossings: sourced, de-duplicated movement figures from news coverage."""


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = typer.Option(None, "--db", help="Database URL (default: $CROSSINGS_DB, else a SQLite file "
                        "in the user data directory).")
FormatOption = typer.Option(ListFormat.table, "--format", "-f", help="table, json (one array) or csv.")


def settings(**flags: Any) -> config.Settings:
    return config.load(**flags)


def open_store(db: str | None):
    from crossings.store import open_store as _open

    return _open(settings(db=db).db)


def print_rows(rows: Sequence[dict[str, Any]], fmt: ListFormat, columns: Sequence[str] | None = None,
               title: str | None = None) -> None:
    """Print a list of flat dicts as a Rich table, one JSON array, or CSV with a header."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == ListFormat.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=1, default=str) + "\n")
    elif fmt == ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        console.print(table)
