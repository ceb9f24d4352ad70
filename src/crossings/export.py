"""Stage 8 (files): figures, series, corridors and conflicts → CSV, JSON or HXL-tagged CSV.

Each dataset first becomes a Table (columns with their HXL hashtags, flat rows, nested records for
JSON); then one writer per format, found by name in FORMATS, prints it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from crossings.aggregate import trim
from crossings.aggregate.conflicts import Conflict
from crossings.aggregate.corridors import CorridorSummary
from crossings.aggregate.series import Series
from crossings.errors import InputError


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    tag: str  # the HXL hashtag with attributes


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]  # flat, one value per column
    records: list[dict[str, Any]]  # nested, for JSON


def _columns(*pairs: str) -> tuple[Column, ...]:
    return tuple(Column(*pair.split(maxsplit=1)) for pair in pairs)


CORRIDOR_KEYS = _columns("origin #country+code+origin", "destination #country+code+destination")

FIGURE_COLUMNS = _columns(
    "id #meta+id", *(f"{c.name} {c.tag}" for c in CORRIDOR_KEYS), "unit #indicator+unit",
    "kind #indicator+type", "low #affected+num+min", "high #affected+num+max",
    "qualifier #indicator+qualifier", "rate_per #indicator+per", "period_start #date+start",
    "period_end #date+end", "attributed_to #meta+source", "source_type #meta+source+type",
    "article_url #meta+url", "article_title #meta+title", "article_site #meta+site",
    "article_published #date+reported", "cluster_id #meta+cluster", "is_original #meta+original",
    "review_state #status+review", "evidence #description+evidence",
)

SERIES_COLUMNS = CORRIDOR_KEYS + _columns(
    "date #date", "unit #indicator+unit", "kind #indicator+type", "value #affected+num",
    "low #affected+num+min", "high #affected+num+max", "cum_value #affected+num+total",
    "cum_low #affected+num+total+min", "cum_high #affected+num+total+max", "figure_ids #meta+id+list",
)

CORRIDOR_COLUMNS = CORRIDOR_KEYS + _columns(
    "unit #indicator+unit", "total_value #affected+num+total", "total_low #affected+num+total+min",
    "total_high #affected+num+total+max", "total_since #date+start", "total_until #date+end",
    "n_figures #meta+count+figures", "n_sources #meta+count+sources", "newest_evidence #date+latest",
    "latest #description+latest",
)

CONFLICT_COLUMNS = CORRIDOR_KEYS + _columns(
    "unit #indicator+unit", "kind #indicator+type", "start #date+start", "end #date+end",
    "ratio #indicator+ratio",
    *(f"{side}_{name} {tag}+{side}" for side in ("lower", "higher") for name, tag in (
        ("id", "#meta+id"), ("low", "#affected+num+min"), ("high", "#affected+num+max"),
        ("qualifier", "#indicator+qualifier"), ("source", "#meta+source"), ("url", "#meta+url"))),
)


def figures_table(rows: Iterable[dict[str, Any]]) -> Table:
    flat = [trim(r) for r in rows]
    return Table(FIGURE_COLUMNS, flat, flat)


def series_table(items: Series | Iterable[Series]) -> Table:
    """One row per day and track; a single Series or several (one per corridor)."""
    items = [items] if isinstance(items, Series) else list(items)
    rows = [{"origin": s.origin, "destination": s.destination, **p.to_dict()}
            for s in items for p in s.points]
    return Table(SERIES_COLUMNS, rows, [s.to_dict() for s in items])


def corridors_table(items: Iterable[CorridorSummary]) -> Table:
    items = list(items)
    return Table(CORRIDOR_COLUMNS, [row for s in items for row in s.flat()], [s.to_dict() for s in items])


def conflicts_table(items: Iterable[Conflict]) -> Table:
    items = list(items)
    return Table(CONFLICT_COLUMNS, [c.flat() for c in items], [c.to_dict() for c in items])


TABLES: dict[str, Callable[[Any], Table]] = {
    "figures": figures_table, "series": series_table, "corridors": corridors_table,
    "conflicts": conflicts_table,
}


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_rows(table: Table, out: TextIO, hashtags: bool) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    if hashtags:
        writer.writerow([c.tag for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row.get(c.name)) for c in table.columns])


def write_csv(table: Table, out: TextIO) -> None:
    """CSV with one header row of column names."""
    _write_rows(table, out, hashtags=False)


def write_hxl(table: Table, out: TextIO) -> None:
    """HXL-tagged CSV: the names, then a row of HXL hashtags (https://hxlstandard.org), then data."""
    _write_rows(table, out, hashtags=True)


def write_json(table: Table, out: TextIO) -> None:
    """One JSON array of the nested records."""
    json.dump(table.records, out, ensure_ascii=False, indent=1, default=str)
    out.write("\n")


FORMATS: dict[str, Callable[[Table, TextIO], None]] = {"csv": write_csv, "json": write_json, "hxl": write_hxl}


def export(dataset: str, items: Any, fmt: str, out: TextIO) -> None:
    """Write `items` (figure rows, Series, CorridorSummary or Conflict objects) as `fmt`."""
    if dataset not in TABLES:
        raise InputError(f"unknown dataset {dataset!r}: choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    FORMATS[fmt](TABLES[dataset](items), out)


def render(dataset: str, items: Any, fmt: str) -> str:
    """The export as a string (for HTTP responses)."""
    buffer = io.StringIO()
    export(dataset, items, fmt, buffer)
    return buffer.getvalue()
