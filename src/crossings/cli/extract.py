"""`crossings extract`: one article (file, URL or stdin), or a JSONL batch, to figures."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from crossings import pipeline
from crossings.cli.common import app, console, settings
from crossings.errors import InputError
from crossings.ingest.files import read_one
from crossings.records import ArticleResult, Failure, RawDoc


class OutFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def extract(
    article: str = typer.Argument(None, help="A text or HTML file, '-' for stdin, or an http(s) URL."),
    published: str = typer.Option(None, help="Publication date YYYY-MM-DD (overrides the page's own)."),
    fmt: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table or json."),
    batch: Path = typer.Option(None, "--batch", help="JSON lines {id, text|html, published} in; one "
                               "{id, figures} line out per input line."),
) -> None:
    """Read movement figures out of one article, with their evidence."""
    opts = settings(triage=False)
    if batch is not None:
        raise typer.Exit(_extract_batch(batch, opts))
    if article is None:
        raise InputError("give an ARTICLE (file, URL or '-') or --batch FILE")
    raw = read_one(article, opts)
    if published:
        raw = RawDoc(**{**_raw_fields(raw), "published": _check_date(published)})
    result = pipeline.process(raw, opts)
    if fmt == OutFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        print_figures(result)


def _raw_fields(raw: RawDoc) -> dict:
    return {name: getattr(raw, name) for name in raw.__dataclass_fields__}


def _check_date(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"--published {value!r}: expected YYYY-MM-DD") from exc


def _extract_batch(path: Path, opts) -> int:
    """One output line per input line; a bad line gets {"id", "error"} and the rest go on."""
    failed = 0
    with _open_text(path) as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            out = _batch_line(line, f"{path}:{number}", opts)
            failed += "error" in out
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _open_text(path: Path):
    if str(path) == "-":
        return sys.stdin
    try:
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}", "unreadable") from exc


def _batch_line(line: str, where: str, opts) -> dict:
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        return {"id": None, "error": f"{where}: bad JSON line ({exc})"}
    ident = item.get("id", where)
    body, kind = (item.get("html"), "text/html") if item.get("html") else (item.get("text"), "text/plain")
    if not isinstance(body, str):
        return {"id": ident, "error": f"{where}: needs a 'text' or 'html' string"}
    raw = RawDoc(source=where, content=body.encode("utf-8"), content_type=kind, url=item.get("url"),
                 published=item.get("published") or item.get("pub_date"), id=str(ident))
    outcome = pipeline.process_safely(raw, opts)
    if isinstance(outcome, Failure):
        return {"id": ident, "error": outcome.detail, "reason": outcome.reason}
    return {"id": ident, "figures": [f.to_schema() for f in outcome.figures]}


def print_figures(result: ArticleResult) -> None:
    art = result.article
    console.print(f"[bold]{art.title or art.source}[/bold]  published: {art.published or 'unknown'}  "
                  f"figures: {len(result.figures)}", highlight=False)
    table = Table(show_lines=True)
    for col in ("corridor", "how many", "kind", "period", "source", "evidence"):
        table.add_column(col, overflow="fold")
    for f in result.figures:
        table.add_row(f"{f.origin or '?'} → {f.destination or '?'}", _amount(f), _kind(f),
                      f"{f.period_start or '…'} – {f.period_end or '…'}",
                      f"{f.attributed_to or '—'}\n({f.source_type})", highlight_evidence(f))
    console.print(table)


def _amount(f) -> str:
    value = f"{f.low:,}" if f.low == f.high else f"{f.low:,}–{f.high:,}"
    return f"{value} {f.unit}\n({f.qualifier})"


def _kind(f) -> str:
    return f"{f.kind} per {f.rate_per}" if f.kind == "rate" else f.kind


def highlight_evidence(f) -> Text:
    text = Text(f.evidence.text)
    if f.span:
        text.stylize("bold yellow", *f.span)
    return text
