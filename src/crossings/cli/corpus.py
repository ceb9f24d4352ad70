"""`crossings ingest | figures | articles | show | dedupe | failures`: fill the corpus and query it.

Thin: options are parsed here, the work is pipeline.run and the Store's queries, output is Rich.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import typer
from rich import progress as rp
from rich.table import Table
from rich.text import Text

from crossings import pipeline
from crossings.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    app,
    console,
    err_console,
    open_store,
    print_rows,
    settings,
)
from crossings.errors import InputError
from crossings.records import Article, ArticleResult
from crossings.store import FigureQuery

FIGURE_TABLE = ("id", "article", "corridor", "how many", "kind", "period", "source", "evidence")
ARTICLE_TABLE = ("id", "published", "site", "title", "n_figures", "cluster_id", "is_original")
FAILURE_TABLE = ("id", "at", "source", "stage", "reason", "detail")


@app.command()
def ingest(
    sources: list[str] = typer.Argument(None, help="Files, folders, http(s) URLs, RSS/Atom feeds, WARC."),
    sample: bool = typer.Option(False, "--sample", help="Ingest the sample corpus shipped with crossings."),
    db: str = DbOption,
) -> None:
    """Read articles into the corpus: text, figures, store, de-duplicate. Exit code 1 if any item failed."""
    specs = [*(sources or []), *([sample_dir()] if sample else [])]
    if not specs:
        raise InputError("give one or more SOURCEs (files, folders, URLs, feeds), or --sample")
    from crossings.ingest import read_sources  # the readers load feed/WARC libraries: only when ingesting

    opts = settings(db=db)
    with open_store(db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=None, status="")
        summary = pipeline.run(read_sources(specs, opts), store, opts,
                               on_item=lambda s: progress.update(task, completed=s.seen, status=_status(s)))
    console.print(summary_table(summary))
    if summary.failed:
        raise SystemExit(1)  # SystemExit, not typer.Exit: the entry point runs Typer non-standalone


def sample_dir() -> str:
    """The bundled sample corpus, as a folder path."""
    return str(Path(str(resources.files("crossings.sample"))))


def _progress() -> rp.Progress:
    """A live bar on stderr; the total is unknown while sources stream in."""
    return rp.Progress(rp.SpinnerColumn(), rp.TextColumn("{task.description}"), rp.BarColumn(),
                       rp.TextColumn("{task.completed}"), rp.TextColumn("{task.fields[status]}"),
                       rp.TimeElapsedColumn(), console=err_console)


def _status(summary: pipeline.RunSummary) -> str:
    return (f"new {summary.new} · dup {summary.duplicates} · failed {sum(summary.failed.values())} "
            f"· figures {summary.figures}")


def summary_table(summary: pipeline.RunSummary) -> Table:
    table = Table(title="ingest", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (("articles seen", summary.seen), ("new", summary.new),
                         ("duplicates", summary.duplicates),
                         ("clusters (stories in corpus)", summary.clusters),
                         ("failed", sum(summary.failed.values()))):
        table.add_row(label, str(value))
    for reason, count in sorted(summary.failed.items()):
        table.add_row(f"  failed: {reason}", str(count))
    table.add_row("figures found", str(summary.figures))
    table.add_row("time", f"{summary.seconds:.1f} s")
    return table


@app.command("figures")
def figures_command(
    origin: str = typer.Option(None, help="Origin country, ISO 3166 alpha-2 (RU)."),
    destination: str = typer.Option(None, help="Destination country, ISO 3166 alpha-2 (KZ)."),
    since: str = typer.Option(None, help="YYYY-MM-DD: figures whose period reaches this day or later."),
    until: str = typer.Option(None, help="YYYY-MM-DD: figures whose period starts this day or earlier."),
    kind: str = typer.Option(None, help="total, rate or stock."),
    unit: str = typer.Option(None, help="people, vehicles or households."),
    source_type: str = typer.Option(None, "--source-type", help="Who gave the figure (government, …)."),
    originals_only: bool = typer.Option(False, "--originals-only", help="One copy per syndicated story."),
    limit: int = typer.Option(100, help="Most figures listed."),
    fmt: ListFormat = FormatOption,
    db: str = DbOption,
) -> None:
    """List stored figures, filtered."""
    query = FigureQuery(origin=_code(origin), destination=_code(destination), since=_date(since, "--since"),
                        until=_date(until, "--until"), kind=kind, unit=unit, source_type=source_type,
                        originals_only=originals_only, limit=limit)
    with open_store(db) as store:
        rows = store.figures(query)
    if fmt == ListFormat.table:
        print_rows([figure_cells(r) for r in rows], fmt, FIGURE_TABLE, title="figures")
    else:
        print_rows(rows if fmt == ListFormat.json else [flat_figure(r) for r in rows], fmt)


def flat_figure(row: dict[str, Any]) -> dict[str, Any]:
    """A figure row with nested values spread into columns, for tables and CSV."""
    flat = {k: v for k, v in row.items() if not isinstance(v, dict | list)}
    evidence = row["evidence"]
    flat.update(evidence=evidence["text"], evidence_start=evidence["start"], evidence_end=evidence["end"])
    flat["span"] = "" if not row.get("span") else "{}-{}".format(*row["span"])
    return flat


def figure_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A figure row as the few columns a terminal table has room for."""
    amount = f"{row['low']:,}" if row["low"] == row["high"] else f"{row['low']:,}–{row['high']:,}"
    kind = f"rate/{row['rate_per']}" if row["kind"] == "rate" else row["kind"]
    return {"id": row["id"], "article": row["article_id"], "kind": kind,
            "corridor": f"{row['origin'] or '?'}→{row['destination'] or '?'}",
            "how many": f"{amount} {row['unit']} ({row['qualifier']})",
            "period": f"{row['period_start'] or '…'} – {row['period_end'] or '…'}",
            "source": row["attributed_to"] or row["source_type"], "evidence": row["evidence"]["text"]}


@app.command()
def articles(
    search: str = typer.Option(None, "--search", "-s", help="Full-text search over titles and text."),
    limit: int = typer.Option(100, help="Most articles listed."),
    fmt: ListFormat = FormatOption,
    db: str = DbOption,
) -> None:
    """List stored articles, or those matching --search (best first)."""
    with open_store(db) as store:
        rows = store.articles(q=search, limit=limit)
    print_rows(rows, fmt, ARTICLE_TABLE if fmt == ListFormat.table else None, title="articles")


@app.command()
def show(article_id: int = typer.Argument(..., help="Article id (see `crossings articles`)."),
         db: str = DbOption) -> None:
    """One article's text with its figures highlighted, then the figures."""
    from crossings.cli.extract import print_figures
    from crossings.store.rows import figure_from_row

    with open_store(db) as store:
        row = store.article(article_id)
    if row is None:
        raise InputError(f"no article with id {article_id}")
    console.print(f"[bold]#{row['id']}[/bold] {row['url'] or row['source']}  cluster {row['cluster_id']}"
                  f"{' (original)' if row['is_original'] else ''}", highlight=False)
    console.print(highlighted(row))
    found = [figure_from_row(f) for f in row["figures"]]
    print_figures(ArticleResult(Article.from_dict({**row, "id": str(row["id"])}), found))


def highlighted(row: dict[str, Any]) -> Text:
    """The article text, each figure's evidence underlined and its number in bold yellow."""
    text = Text(row["text"])
    for fig in row["figures"]:
        start = fig["evidence"]["start"]
        text.stylize("underline", start, fig["evidence"]["end"])
        if fig["span"]:
            text.stylize("bold yellow", start + fig["span"][0], start + fig["span"][1])
    return text


@app.command("dedupe")
def dedupe_command(full: bool = typer.Option(False, "--full", help="Cluster the whole corpus again, not "
                                             "only the articles added since the last run (after changing "
                                             "CROSSINGS_DEDUPE_THRESHOLD)."),
                   db: str = DbOption) -> None:
    """Group syndicated copies (ingest and batch do this after each run); print the number of stories."""
    from crossings import dedupe

    opts = settings(db=db)
    with open_store(db) as store:
        console.print(f"{dedupe.cluster(store, opts, full=full)} distinct stories in {store.count_articles()} articles")


@app.command()
def failures(limit: int = typer.Option(100, help="Most failures listed."), fmt: ListFormat = FormatOption,
             db: str = DbOption) -> None:
    """List items that could not be ingested, with their reason codes (latest first)."""
    with open_store(db) as store:
        rows = store.failures(limit=limit)
    print_rows(rows, fmt, FAILURE_TABLE if fmt == ListFormat.table else None, title="failures")


def _code(value: str | None) -> str | None:
    return value.strip().upper() if value else None


def _date(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"{flag} {value!r}: expected YYYY-MM-DD") from exc
