"""Stage 7b: figure rows → one summary per origin→destination corridor.

Each summary gives the latest figures, the cumulative estimate per unit (from aggregate.series) and
how many independent sources stand behind it (a syndication cluster counts once).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from crossings.aggregate import UNKNOWN, Row, cluster_key, corridor, evidence_date, independent, label, trim
from crossings.aggregate import series as series_mod


@dataclass(frozen=True, slots=True)
class CorridorSummary:
    origin: str  # ISO code, or "?" when the figures did not say
    destination: str
    n_figures: int  # after syndicated copies are folded
    n_sources: int  # distinct clusters (an unclustered article is its own)
    newest_evidence: str | None
    latest: tuple[dict[str, Any], ...]  # per unit and kind, the figures of the newest date
    totals: tuple[series_mod.Cumulative, ...]  # per flow unit, people first

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["latest"] = list(self.latest)
        data["totals"] = [t.to_dict() for t in self.totals]
        return data

    def flat(self) -> list[dict[str, Any]]:
        """One flat row per flow unit (one row when there are only stocks), for tables and CSV."""
        base = {"origin": self.origin, "destination": self.destination, "n_figures": self.n_figures,
                "n_sources": self.n_sources, "newest_evidence": self.newest_evidence,
                "latest": "; ".join(describe(f) for f in self.latest)}
        if not self.totals:
            return [{**base, "unit": None}]
        return [{**base, "unit": t.unit, "total_value": t.value, "total_low": t.low, "total_high": t.high,
                 "total_since": t.since, "total_until": t.until} for t in self.totals]


def summarize(rows: list[Row]) -> list[CorridorSummary]:
    """Every corridor in the rows, sorted by origin then destination ("?" last). A row with one end
    unknown is kept under "?"; a row with both unknown belongs to no corridor and is skipped."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in independent(rows):
        key = corridor(row)
        if key != (UNKNOWN, UNKNOWN):
            groups[key].append(row)
    order = sorted(groups, key=lambda k: (k[0] == UNKNOWN, k[0], k[1] == UNKNOWN, k[1]))
    return [_summary(key, groups[key]) for key in order]


def _summary(key: tuple[str, str], rows: list[Row]) -> CorridorSummary:
    dates = [d for d in map(evidence_date, rows) if d]
    built = series_mod.build(rows, *key)
    return CorridorSummary(key[0], key[1], len(rows), len({cluster_key(r) for r in rows}),
                           max(dates).isoformat() if dates else None, _latest(rows), built.cumulative)


def _latest(rows: list[Row]) -> tuple[dict[str, Any], ...]:
    """For each unit and kind, the figures speaking of the newest day."""
    out = []
    by_kind: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if evidence_date(row):
            by_kind[(row["unit"], row["kind"])].append(row)
    for key in sorted(by_kind, key=lambda k: (k[0] != "people", k)):
        newest = max(evidence_date(r) for r in by_kind[key])  # type: ignore[type-var]
        out += [trim(r) for r in by_kind[key] if evidence_date(r) == newest]
    return tuple(out)


def describe(row: Row) -> str:
    """"10,000–12,000 people/day (about), 2022-09-27, Interior Ministry": one line for a table."""
    low, high = int(row["low"]), int(row["high"])
    amount = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    per = f"/{row['rate_per'] or 'day'}" if row["kind"] == "rate" else ""
    kind = " waiting" if row["kind"] == "stock" else ""
    when = evidence_date(row)
    return (f"{amount} {row['unit']}{per}{kind} ({row.get('qualifier') or 'exact'}), "
            f"{when.isoformat() if when else 'undated'}, {label(row)}")
