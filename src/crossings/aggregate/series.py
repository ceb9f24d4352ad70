"""Stage 7a: figure rows of one corridor → a daily series per unit, flows and stocks apart.

Rates give per-day values on the days they hold, totals are spread over their period (and kept as
checkpoints), stocks stay a series of their own. docs/method.md gives the rules in words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from crossings.aggregate import (
    Row,
    bounds,
    central,
    corridor,
    day,
    days,
    independent,
    label,
    median,
    per_day,
    span,
)

FLOW, STOCK = "flow", "stock"


class _Part(NamedTuple):
    """What one figure says about one day."""

    value: float
    low: float
    high: float
    figure_id: Any
    vague: bool  # "tens of thousands": widens the band, sets the value only when nothing else does


@dataclass(frozen=True, slots=True)
class Point:
    """One day of one track (unit + flow/stock), with the running total for flows."""

    date: str
    unit: str
    kind: str  # flow | stock
    value: float
    low: float
    high: float
    figure_ids: tuple[int, ...]
    cum_value: float | None = None
    cum_low: float | None = None
    cum_high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "figure_ids": list(self.figure_ids)}


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A total as stated: so many over [start, end] (start None when the text gave none)."""

    unit: str
    start: str | None
    end: str
    value: float
    low: float
    high: float
    figure_id: Any
    source: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Marker:
    """One source figure placed on the daily axis (per-day value), for plots."""

    figure_id: Any
    date: str
    unit: str
    kind: str  # flow | stock
    basis: str  # rate | total | stock
    value: float
    low: float
    high: float
    source: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Cumulative:
    """Sum of the daily flows of one unit from the first to the last day with evidence."""

    unit: str
    since: str
    until: str
    value: int
    low: int
    high: int
    days_with_evidence: int
    days_without_evidence: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Series:
    origin: str
    destination: str
    since: str | None
    until: str | None
    points: tuple[Point, ...]
    cumulative: tuple[Cumulative, ...]
    checkpoints: tuple[Checkpoint, ...]
    markers: tuple[Marker, ...]
    unplaced: tuple[Any, ...]  # ids of figures with no usable date

    def tracks(self) -> list[tuple[str, str]]:
        """(unit, flow|stock) pairs present, people first."""
        found = {(p.unit, p.kind) for p in self.points}
        return sorted(found, key=lambda t: (t[0] != "people", t[0], t[1]))

    def track(self, unit: str, kind: str = FLOW) -> list[Point]:
        return [p for p in self.points if p.unit == unit and p.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "destination": self.destination, "since": self.since,
                "until": self.until, "points": [p.to_dict() for p in self.points],
                "cumulative": [c.to_dict() for c in self.cumulative],
                "checkpoints": [c.to_dict() for c in self.checkpoints],
                "markers": [m.to_dict() for m in self.markers], "unplaced": list(self.unplaced)}


def build(rows: list[Row], origin: str, destination: str, since: str | None = None,
          until: str | None = None) -> Series:
    """The daily series of one corridor ("?" matches a null origin or destination)."""
    key = (origin.upper(), destination.upper())
    mine = [r for r in independent(rows) if corridor(r) == key]
    window = (day(since) or dt.date.min, day(until) or dt.date.max)
    placed = [(row, _parts(row)) for row in mine]
    by_track: dict[tuple[str, str], dict[dt.date, list[_Part]]] = defaultdict(lambda: defaultdict(list))
    for row, parts in placed:
        for when, part in parts:
            if window[0] <= when <= window[1]:
                by_track[(row["unit"], _track(row))][when].append(part)
    points = [p for track in sorted(by_track) for p in _points(track, by_track[track])]
    return Series(key[0], key[1], since, until, tuple(points), _cumulative(points),
                  _checkpoints(mine, window), _markers(placed, window),
                  tuple(r.get("id") for r, parts in placed if not parts and _checkpoint(r) is None))


def _track(row: Row) -> str:
    return STOCK if row["kind"] == "stock" else FLOW


def _parts(row: Row) -> list[tuple[dt.date, _Part]]:
    """The per-day values a figure gives: a rate on each day it holds, a total spread evenly over
    its period, a stock on its day. A total with no start date gives none (it stays a checkpoint)."""
    days_of = span(row)
    has_both = bool(row.get("period_start") and row.get("period_end"))
    if days_of is None or (row["kind"] == "total" and not has_both):
        return []
    if row["kind"] == "stock":
        days_of = (days_of[1], days_of[1])
    divisor = per_day(row) if row["kind"] != "total" else (days_of[1] - days_of[0]).days + 1
    low, high = bounds(row)
    part = _Part(central(row) / divisor, low / divisor, high / divisor, row.get("id"),
                 row.get("qualifier") == "vague")
    return [(when, part) for when in days(*days_of)]


def _points(track: tuple[str, str], by_day: dict[dt.date, list[_Part]]) -> list[Point]:
    """Figures on the same day combine as a range (lowest low, highest high), never a sum; the
    value is the median of the precise figures' values. Flows also get running totals."""
    out, running = [], [0.0, 0.0, 0.0]
    for when in sorted(by_day):
        parts = by_day[when]
        value = median(p.value for p in ([p for p in parts if not p.vague] or parts))
        low, high = min(p.low for p in parts), max(p.high for p in parts)
        ids = tuple(sorted({p.figure_id for p in parts if p.figure_id is not None}))
        point = Point(when.isoformat(), *track, round(value, 1), round(low, 1), round(high, 1), ids)
        if track[1] == FLOW:
            running = [running[0] + value, running[1] + low, running[2] + high]
            point = dataclasses.replace(point, cum_value=round(running[0], 1), cum_low=round(running[1], 1),
                                        cum_high=round(running[2], 1))
        out.append(point)
    return out


def _cumulative(points: list[Point]) -> tuple[Cumulative, ...]:
    out = []
    for unit in sorted({p.unit for p in points if p.kind == FLOW}, key=lambda u: (u != "people", u)):
        mine = [p for p in points if p.unit == unit and p.kind == FLOW]
        first, last = day(mine[0].date), day(mine[-1].date)
        length = (last - first).days + 1  # type: ignore[operator]
        out.append(Cumulative(unit, mine[0].date, mine[-1].date, round(mine[-1].cum_value or 0),
                              round(mine[-1].cum_low or 0), round(mine[-1].cum_high or 0),
                              len(mine), length - len(mine)))
    return tuple(out)


def _checkpoint(row: Row) -> Checkpoint | None:
    if row["kind"] != "total" or not day(row.get("period_end")):
        return None
    low, high = bounds(row)
    return Checkpoint(row["unit"], row.get("period_start"), str(row["period_end"])[:10], central(row),
                      low, high, row.get("id"), label(row))


def _checkpoints(rows: list[Row], window: tuple[dt.date, dt.date]) -> tuple[Checkpoint, ...]:
    found = [c for c in map(_checkpoint, rows) if c and window[0] <= day(c.end) <= window[1]]  # type: ignore[operator]
    return tuple(sorted(found, key=lambda c: (c.unit, c.end)))


def _markers(placed: list[tuple[Row, list[tuple[dt.date, _Part]]]],
             window: tuple[dt.date, dt.date]) -> tuple[Marker, ...]:
    """Each source figure once, at the last day it speaks of, with its own per-day value."""
    out = []
    for row, parts in placed:
        if parts and window[0] <= parts[-1][0] <= window[1]:
            when, part = parts[-1]
            out.append(Marker(row.get("id"), when.isoformat(), row["unit"], _track(row), row["kind"],
                              round(part.value, 1), round(part.low, 1), round(part.high, 1), label(row)))
    return tuple(sorted(out, key=lambda m: (m.unit, m.date)))
