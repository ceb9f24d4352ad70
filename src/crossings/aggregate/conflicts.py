"""Stage 7c: figure rows → pairs of figures for one corridor and period that cannot both be true.

Two figures conflict when they are of the same corridor, unit and kind, speak of the same days, come
from different syndication clusters, and the larger low exceeds FACTOR × the smaller high after each
figure's qualifier is allowed for ("at least" has no ceiling here). docs/method.md gives the rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from crossings.aggregate import (
    UNKNOWN,
    Row,
    bounds,
    cluster_key,
    corridor,
    independent,
    per_day,
    span,
    trim,
)

# The larger low must exceed 1.2 × the smaller high, after qualifiers: "about" already allows ±10 % for
# rounding, so two counts of the same days still 20 % apart beyond that are worth an analyst's look.
# A flag is a question for review (recommend one figure), not a verdict, so it errs towards asking.
FACTOR = 1.2
SIMILAR_EXTENT = 0.75  # totals: shared days / all days of the two periods


@dataclass(frozen=True, slots=True)
class Conflict:
    origin: str
    destination: str
    unit: str
    kind: str  # total | rate | stock
    start: str  # the days both figures speak of
    end: str
    ratio: float  # larger low / smaller high, after qualifiers, per day for rates
    lower: dict[str, Any]  # the figure row with the smaller numbers
    higher: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def flat(self) -> dict[str, Any]:
        """One flat row for tables and CSV."""
        names = ("origin", "destination", "unit", "kind", "start", "end", "ratio")
        out = {k: getattr(self, k) for k in names}
        for side, row in (("lower", self.lower), ("higher", self.higher)):
            out.update({f"{side}_id": row.get("id"), f"{side}_low": row["low"], f"{side}_high": row["high"],
                        f"{side}_qualifier": row.get("qualifier"), f"{side}_source": row.get("attributed_to"),
                        f"{side}_url": row.get("article_url")})
        return out


class _Fig(NamedTuple):
    """A figure prepared for comparison: its days and its per-day range, qualifiers open-ended."""

    row: Row
    cluster: tuple[str, Any]
    first: dt.date
    last: dt.date
    low: float
    high: float


def find(rows: list[Row]) -> list[Conflict]:
    """Every conflicting pair, the starkest first. Figures without both countries are left out."""
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in independent(rows):
        if UNKNOWN not in corridor(row):
            groups[(*corridor(row), row["unit"], row["kind"])].append(row)
    found = [c for group in groups.values() for c in _scan(group)]
    return sorted(found, key=lambda c: (-c.ratio, c.origin, c.destination, c.start))


def _scan(rows: list[Row]) -> Iterator[Conflict]:
    """Pairs whose days overlap, found by sweeping the figures in order of their first day."""
    figs = sorted((f for f in map(_prepare, rows) if f), key=lambda f: f.first)
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            if b.first > a.last:
                break
            if conflict := _judge(a, b):
                yield conflict


def compare(a: Row, b: Row) -> Conflict | None:
    """The conflict between two figures of one corridor, unit and kind, or None."""
    fa, fb = _prepare(a), _prepare(b)
    return _judge(fa, fb) if fa and fb and max(fa.first, fb.first) <= min(fa.last, fb.last) else None


def _prepare(row: Row) -> _Fig | None:
    """None when the figure cannot be compared: no date, or a total without both period ends."""
    days_of = span(row)
    if days_of is None or (row["kind"] == "total" and not (row.get("period_start") and row.get("period_end"))):
        return None
    if row["kind"] == "stock":
        days_of = (days_of[1], days_of[1])
    low, high = bounds(row, open_ended=True)
    return _Fig(row, cluster_key(row), *days_of, low / per_day(row), high / per_day(row))


def _judge(a: _Fig, b: _Fig) -> Conflict | None:
    """Two figures whose days overlap: a Conflict when they are from different clusters, cover
    similar days (totals) and the larger low exceeds FACTOR × the smaller high."""
    if a.cluster == b.cluster or not _similar(a, b):
        return None
    if a.low > b.high:
        a, b = b, a  # a is the lower figure
    ratio = b.low / max(a.high, 1.0)
    if ratio <= FACTOR:
        return None
    start, end = max(a.first, b.first), min(a.last, b.last)
    return Conflict(*corridor(a.row), a.row["unit"], a.row["kind"], start.isoformat(), end.isoformat(),
                    round(ratio, 2), trim(a.row), trim(b.row))


def _similar(a: _Fig, b: _Fig) -> bool:
    """Totals must share most of their days; rates and stocks need only overlap."""
    if a.row["kind"] != "total":
        return True
    shared = (min(a.last, b.last) - max(a.first, b.first)).days + 1
    union = (max(a.last, b.last) - min(a.first, b.first)).days + 1
    return shared / union >= SIMILAR_EXTENT
