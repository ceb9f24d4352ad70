"""Stage 7 of 8: stored figure rows → answers per corridor (series, summaries, conflicts).

This module holds the rules the three aggregates share: which rows count, how syndicated copies
collapse, how a qualifier widens a figure, how a rate becomes per-day. docs/method.md explains them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator
from typing import Any

Row = dict[str, Any]

UNKNOWN = "?"  # stands for a null origin or destination in a corridor key
ABOUT = 0.10  # "about X" is read as X ± 10%
NEARLY = 0.10  # "nearly X" is read as 90%..100% of X
OPEN_FACTOR = 1.5  # "at least X" is capped at 1.5·X, "up to X" floored at X/1.5 (series only)
DAYS_PER = {"day": 1, "week": 7, "month": 30, "year": 365}


def usable(rows: Iterable[Row]) -> list[Row]:
    """Rows an aggregate may use: not rejected in review, with a unit, kind and numbers."""
    return [r for r in rows if r.get("review_state") != "rejected" and r.get("unit") and r.get("kind")
            and r.get("low") is not None and r.get("high") is not None]


def cluster_key(row: Row) -> tuple[str, Any]:
    """The syndication cluster a row belongs to; an unclustered article is its own cluster."""
    if row.get("cluster_id") is not None:
        return ("cluster", row["cluster_id"])
    if row.get("article_id") is not None:
        return ("article", row["article_id"])
    return ("figure", row.get("id"))


def _claim(row: Row) -> tuple[Any, ...]:
    """What makes two figures of one cluster the same claim (dates left out: copies published a
    day later resolve "on Tuesday" to another day)."""
    return (cluster_key(row), row.get("origin"), row.get("destination"), row["unit"], row["kind"],
            row["low"], row["high"], row.get("rate_per"))


def _preference(row: Row) -> tuple[bool, int]:
    return (not row.get("is_original", False), row.get("id") or 0)


def independent(rows: Iterable[Row]) -> list[Row]:
    """One row per claim per cluster: the original's, else the lowest id. Order is kept."""
    best: dict[tuple[Any, ...], Row] = {}
    for row in usable(rows):
        key = _claim(row)
        if key not in best or _preference(row) < _preference(best[key]):
            best[key] = row
    kept = {id(r) for r in best.values()}
    return [r for r in usable(rows) if id(r) in kept]


def corridor(row: Row) -> tuple[str, str]:
    return ((row.get("origin") or UNKNOWN).upper(), (row.get("destination") or UNKNOWN).upper())


def day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def span(row: Row) -> tuple[dt.date, dt.date] | None:
    """The days a figure speaks of: [start, end], one day when only one end is known."""
    start, end = day(row.get("period_start")), day(row.get("period_end"))
    if start is None and end is None:
        return None
    start, end = start or end, end or start
    return (start, end) if start <= end else (end, start)  # type: ignore[operator,return-value]


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for n in range((last - first).days + 1):
        yield first + dt.timedelta(days=n)


def evidence_date(row: Row) -> dt.date | None:
    """The newest day a figure speaks of, else the day it was published."""
    return day(row.get("period_end")) or day(row.get("period_start")) or day(row.get("article_published"))


def per_day(row: Row) -> float:
    """Divisor turning a figure's numbers into per-day numbers (1 for totals and stocks)."""
    if row["kind"] != "rate":
        return 1.0
    return float(DAYS_PER.get(row.get("rate_per") or "day", 1))


def bounds(row: Row, open_ended: bool = False) -> tuple[float, float]:
    """[low, high] after the qualifier. With open_ended, "at least" has no ceiling and "up to" no
    floor (for deciding what cannot be true); otherwise OPEN_FACTOR caps them (for estimates)."""
    low, high, q = float(row["low"]), float(row["high"]), row.get("qualifier")
    if q == "about":
        return low * (1 - ABOUT), high * (1 + ABOUT)
    if q == "nearly":
        return low * (1 - NEARLY), high
    if q in ("at_least", "more_than"):
        return low, float("inf") if open_ended else high * OPEN_FACTOR
    if q == "at_most":
        return (0.0 if open_ended else low / OPEN_FACTOR), high
    return low, high


def central(row: Row) -> float:
    """One best value for a figure: the middle of its stated numbers."""
    return (float(row["low"]) + float(row["high"])) / 2


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def trim(row: Row) -> Row:
    """A figure row without the bulky parts (places, span), for summaries and conflicts."""
    out = {k: v for k, v in row.items() if k not in ("origin_place", "destination_place", "span")}
    if isinstance(row.get("evidence"), dict):
        out["evidence"] = row["evidence"].get("text")
    return out


def label(row: Row) -> str:
    """Who a figure is from, for legends and tables."""
    return row.get("attributed_to") or row.get("article_site") or row.get("article_url") or "unattributed"
