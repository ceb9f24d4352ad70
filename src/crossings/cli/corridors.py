"""`crossings corridors | series | conflicts | export | plot`: the aggregates over the stored figures.

Thin: read figure rows from the store, call crossings.aggregate / export / plot, print.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from crossings import export as export_mod
from crossings.aggregate import conflicts as conflicts_mod
from crossings.aggregate import corridors as corridors_mod
from crossings.aggregate import series as series_mod
from crossings.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    app,
    console,
    err_console,
    open_store,
    print_rows,
)
from crossings.errors import InputError
from crossings.store import FigureQuery

SinceOption = typer.Option(None, "--since", help="First day, YYYY-MM-DD.")
UntilOption = typer.Option(None, "--until", help="Last day, YYYY-MM-DD.")
OriginOption = typer.Option(None, "--origin", help="Origin country, ISO 3166-1 alpha-2 (any case).")
DestinationOption = typer.Option(None, "--destination", help="Destination country, ISO alpha-2.")


class ReviewSet(StrEnum):
    all = "all"
    reviewed = "reviewed"
    recommended = "recommended"


ReviewOption = typer.Option(ReviewSet.all, "--review", help="Figures used: all (rejected ones left out), "
                            "reviewed (accepted or corrected only) or recommended (marked recommended only).")

CORRIDOR_COLUMNS = ["origin", "destination", "unit", "total_value", "total_low", "total_high", "total_since",
                    "total_until", "n_figures", "n_sources", "newest_evidence", "latest"]
SERIES_COLUMNS = ["date", "unit", "kind", "value", "low", "high", "cum_value", "cum_low", "cum_high",
                  "figure_ids"]
CONFLICT_COLUMNS = ["origin", "destination", "unit", "kind", "start", "end", "ratio", "lower_id", "lower_low",
                    "lower_high", "lower_source", "higher_id", "higher_low", "higher_high", "higher_source"]


class Dataset(StrEnum):
    figures = "figures"
    series = "series"
    corridors = "corridors"
    conflicts = "conflicts"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    hxl = "hxl"


def country(code: str | None, what: str = "country") -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case, or InputError."""
    if code is None:
        return None
    import pycountry

    value = code.strip().upper()
    if len(value) != 2 or not value.isalpha() or pycountry.countries.get(alpha_2=value) is None:
        raise InputError(f"{what} {code!r}: not an ISO 3166-1 alpha-2 country code (e.g. RU, GE, kz)")
    return value


def check_date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"{what} {value!r}: expected YYYY-MM-DD") from exc


def read_rows(db: str | None, origin: str | None = None, destination: str | None = None,
              since: str | None = None, until: str | None = None, review: str = "all") -> list[dict[str, Any]]:
    """Figure rows from the store, with the arguments checked first."""
    query = FigureQuery(origin=country(origin, "origin"), destination=country(destination, "destination"),
                        since=check_date(since, "--since"), until=check_date(until, "--until"),
                        review=str(review))
    store = open_store(db)
    try:
        return list(store.figures(query))
    finally:
        store.close()


def _emit(flat: list[dict[str, Any]], records: list[dict[str, Any]], fmt: ListFormat,
          columns: list[str], title: str, cells: Callable[[dict[str, Any]], dict[str, Any]],
          review: str = "all") -> None:
    """JSON gets the nested records, CSV the flat rows, the table a compact rendering of them; each
    says which figures it used (JSON in a "review" key, CSV on stderr)."""
    if fmt == ListFormat.json:
        records = [{**r, "review": str(review)} for r in records]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n")
    elif fmt == ListFormat.csv:
        print_rows(flat, fmt, columns)
        review_note(review, err_console)
    else:
        print_rows([_escaped(cells(row)) for row in flat], fmt, title=title)
        review_note(review, console)


def review_note(review: str, out) -> None:
    from crossings.review import REVIEW_SET_HELP

    out.print(f"figures used: {review} ({REVIEW_SET_HELP[str(review)]})", highlight=False)


def _escaped(row: dict[str, Any]) -> dict[str, Any]:
    """Source names and evidence may hold [brackets] that Rich would read as markup."""
    from rich.markup import escape

    return {k: escape(v) if isinstance(v, str) else v for k, v in row.items()}


def _n(value: Any) -> str:
    return "" if value is None else f"{value:,.0f}"


def _range(low: Any, high: Any) -> str:
    return _n(low) if _n(low) == _n(high) else f"{_n(low)}–{_n(high)}"


def _corridor_cells(r: dict[str, Any]) -> dict[str, Any]:
    cells = {"corridor": f"{r['origin']} → {r['destination']}", "unit": r["unit"] or "",
             "estimate": _n(r.get("total_value")), "low–high": _range(r.get("total_low"), r.get("total_high")),
             "days": _days(r.get("total_since"), r.get("total_until")), "sources": r["n_sources"],
             "figures": r["n_figures"], "newest": r["newest_evidence"], "latest figures": r["latest"]}
    return {k: v for k, v in cells.items() if k not in _narrow_drop()}


# What a narrow terminal leaves out of the corridors table, widest first; --format json|csv keep it all.
NARROW = ((130, ("latest figures",)), (100, ("newest", "days")))


def _narrow_drop() -> set[str]:
    return {c for width, cols in NARROW if console.width < width for c in cols}


def _days(since: str | None, until: str | None) -> str:
    """ "2022-09-21 → 10-02": the second date without the year it shares with the first."""
    if not since or not until:
        return since or until or ""
    return f"{since} → {until[5:] if until[:4] == since[:4] else until}"


def _series_cells(r: dict[str, Any]) -> dict[str, Any]:
    running = ""
    if r["cum_value"] is not None:
        running = f"{_n(r['cum_value'])} ({_range(r['cum_low'], r['cum_high'])})"
    return {"date": r["date"], "unit": r["unit"], "kind": r["kind"], "value": _n(r["value"]),
            "low–high": _range(r["low"], r["high"]), "running total": running, "figures": r["figure_ids"]}


def _conflict_cells(r: dict[str, Any]) -> dict[str, Any]:
    def side(name: str) -> str:
        return (f"{_range(r[name + '_low'], r[name + '_high'])} ({r[name + '_qualifier'] or 'exact'}), "
                f"{r[name + '_source'] or 'unattributed'} (figure {r[name + '_id']})")

    return {"corridor": f"{r['origin']} → {r['destination']}", "unit": r["unit"], "kind": r["kind"],
            "days": f"{r['start']} … {r['end']}", "ratio": r["ratio"], "lower": side("lower"),
            "higher": side("higher")}


@app.command()
def corridors(since: str = SinceOption, until: str = UntilOption, fmt: ListFormat = FormatOption,
              review: ReviewSet = ReviewOption, db: str = DbOption) -> None:
    """Every origin→destination corridor: cumulative estimate, independent sources, latest figures."""
    found = corridors_mod.summarize(read_rows(db, since=since, until=until, review=review))
    _emit([row for s in found for row in s.flat()], [s.to_dict() for s in found], fmt, CORRIDOR_COLUMNS,
          "Corridors", _corridor_cells, review)
    if fmt == ListFormat.table and _narrow_drop():
        console.print(f"(a {console.width}-column terminal: left out {', '.join(sorted(_narrow_drop()))}; "
                      "a wider one or --format json|csv shows them)", highlight=False)


@app.command()
def series(origin: str = typer.Argument(..., help="Origin country, ISO alpha-2."),
           destination: str = typer.Argument(..., help="Destination country, ISO alpha-2."),
           since: str = SinceOption, until: str = UntilOption, fmt: ListFormat = FormatOption,
           review: ReviewSet = ReviewOption, db: str = DbOption) -> None:
    """The daily series of one corridor: values with low/high, running totals, source figure ids."""
    rows = read_rows(db, origin, destination, since, until, review)
    built = series_mod.build(rows, origin, destination, check_date(since, "--since"),
                             check_date(until, "--until"))
    flat = [{**p.to_dict(), "figure_ids": ",".join(map(str, p.figure_ids))} for p in built.points]
    _emit(flat, [built.to_dict()], fmt, SERIES_COLUMNS, f"{built.origin} → {built.destination}",
          _series_cells, review)
    if fmt == ListFormat.table:
        _series_notes(built)


def _series_notes(built: series_mod.Series) -> None:
    for c in built.cumulative:
        console.print(f"cumulative {c.unit}, {c.since} to {c.until}: about {c.value:,} "
                      f"({c.low:,}–{c.high:,}); {c.days_with_evidence} days with evidence, "
                      f"{c.days_without_evidence} without")
    for c in built.checkpoints:
        console.print(f"stated total: {_n(c.value)} ({_range(c.low, c.high)}) {c.unit}, {c.start or '?'} to "
                      f"{c.end}, {c.source}", highlight=False, markup=False)
    if built.unplaced:
        console.print(f"figures without a usable date, not placed: {', '.join(map(str, built.unplaced))}")


@app.command()
def conflicts(origin: str = OriginOption, destination: str = DestinationOption, since: str = SinceOption,
              until: str = UntilOption, fmt: ListFormat = FormatOption, review: ReviewSet = ReviewOption,
              db: str = DbOption) -> None:
    """Pairs of figures for one corridor and period, from different sources, that cannot both be true."""
    found = conflicts_mod.find(read_rows(db, origin, destination, since, until, review))
    _emit([c.flat() for c in found], [c.to_dict() for c in found], fmt, CONFLICT_COLUMNS, "Conflicts",
          _conflict_cells, review)


@app.command()
def export(dataset: Dataset = typer.Argument(..., help="figures, series, corridors or conflicts."),
           fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="csv, json or hxl "
                                            "(CSV with a row of HXL hashtags)."),
           output: Path = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
           origin: str = OriginOption, destination: str = DestinationOption, since: str = SinceOption,
           until: str = UntilOption, review: ReviewSet = ReviewOption, db: str = DbOption) -> None:
    """Write figures, series (one corridor, or all), corridors or conflicts as CSV, JSON or HXL."""
    rows = read_rows(db, origin, destination, since, until, review)
    items = _dataset(dataset, rows, origin, destination, check_date(since, "--since"),
                     check_date(until, "--until"))
    if output is None:
        export_mod.export(dataset.value, items, fmt.value, sys.stdout)
        review_note(review, err_console)
        return
    with output.open("w", encoding="utf-8", newline="") as out:
        export_mod.export(dataset.value, items, fmt.value, out)
    console.print(f"wrote {output} (figures used: {review})", highlight=False)


def _dataset(dataset: Dataset, rows: list[dict[str, Any]], origin: str | None, destination: str | None,
             since: str | None, until: str | None) -> Any:
    if dataset == Dataset.corridors:
        return corridors_mod.summarize(rows)
    if dataset == Dataset.conflicts:
        return conflicts_mod.find(rows)
    if dataset == Dataset.figures:
        return rows
    if origin and destination:
        return [series_mod.build(rows, origin, destination, since, until)]
    return [series_mod.build(rows, s.origin, s.destination, since, until)
            for s in corridors_mod.summarize(rows)]


@app.command()
def plot(origin: str = typer.Argument(..., help="Origin country, ISO alpha-2."),
         destination: str = typer.Argument(..., help="Destination country, ISO alpha-2."),
         output: Path = typer.Option(..., "--output", "-o", help="FILE.png or FILE.svg"),
         since: str = SinceOption, until: str = UntilOption, db: str = DbOption) -> None:
    """Chart one corridor's daily series with its low/high band and a marker per source figure."""
    from crossings.plot import plot_series

    rows = read_rows(db, origin, destination, since, until)
    built = series_mod.build(rows, origin, destination, check_date(since, "--since"),
                             check_date(until, "--until"))
    console.print(f"wrote {plot_series(built, output)}", highlight=False)
