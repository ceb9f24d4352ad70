"""Stage 8 (pictures): a corridor's Series → a PNG or SVG chart, one panel per unit and flow/stock.

Each panel shows the daily value with its low/high band and a marker per source figure; flow panels
add the running total (right axis) and the stated totals as checkpoints. matplotlib is optional.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from crossings.aggregate.series import FLOW, Series
from crossings.errors import InputError, MissingExtra

SUFFIXES = {".png", ".svg"}
SHAPES = {"rate": "o", "total": "s", "stock": "D"}


def plot_series(series: Series, path: str | Path) -> Path:
    """Draw `series` into `path` (.png or .svg) and return the path."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"{path}: the plot is written as .png or .svg")
    if not series.points:
        raise InputError(f"{series.origin} → {series.destination}: no dated figures to plot")
    plt = _pyplot()
    tracks = series.tracks()
    fig, axes = plt.subplots(len(tracks), 1, figsize=(10, 3.6 * len(tracks)), sharex=True, squeeze=False)
    for ax, track in zip(axes[:, 0], tracks, strict=True):
        _panel(ax, series, *track)
    fig.suptitle(title(series), fontsize=13)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingExtra("plot", "matplotlib") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def title(series: Series) -> str:
    window = f" ({series.since or '…'} to {series.until or '…'})" if series.since or series.until else ""
    return f"{_country(series.origin)} → {_country(series.destination)}{window}"


def _country(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return f"{found.name} ({code})" if found else code


def _daily(series: Series, unit: str, kind: str) -> tuple[list[Any], ...]:
    """Every day from first to last point; days without evidence are NaN so lines break there."""
    points = {dt.date.fromisoformat(p.date): p for p in series.track(unit, kind)}
    if not points:
        return [], [], [], []
    first, last = min(points), max(points)
    dates = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    nan = float("nan")
    return (dates, [points[d].value if d in points else nan for d in dates],
            [points[d].low if d in points else nan for d in dates],
            [points[d].high if d in points else nan for d in dates])


def _panel(ax: Any, series: Series, unit: str, kind: str) -> None:
    dates, values, lows, highs = _daily(series, unit, kind)
    ax.fill_between(dates, lows, highs, color="tab:blue", alpha=0.2, step="mid", label="low–high")
    ax.plot(dates, values, color="tab:blue", marker=".", markersize=3, linewidth=1.5, label="estimate")
    for basis, shape in SHAPES.items():
        marks = [m for m in series.markers if (m.unit, m.kind, m.basis) == (unit, kind, basis)]
        if marks:
            ax.errorbar([dt.date.fromisoformat(m.date) for m in marks], [m.value for m in marks],
                        yerr=[[m.value - m.low for m in marks], [m.high - m.value for m in marks]],
                        fmt=shape, color="tab:orange", markeredgecolor="black", ecolor="tab:orange",
                        capsize=3, zorder=3, label=f"source figure ({basis})")
    ax.set_ylabel(f"{unit} per day" if kind == FLOW else f"{unit} waiting")
    ax.set_title(f"{unit}: {'daily flow' if kind == FLOW else 'stock'}", fontsize=10, loc="left")
    if kind == FLOW:
        _cumulative(ax, series, unit)
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    _dates_axis(ax)


def _cumulative(ax: Any, series: Series, unit: str) -> None:
    points = series.track(unit, FLOW)
    right = ax.twinx()
    dates = [dt.date.fromisoformat(p.date) for p in points]
    # steps-post: flat across days without evidence, which add nothing
    right.plot(dates, [p.cum_value for p in points], color="tab:green", linestyle="--",
               drawstyle="steps-post", label="running total")
    right.fill_between(dates, [p.cum_low for p in points], [p.cum_high for p in points],
                       color="tab:green", alpha=0.08, step="post")
    checks = [c for c in series.checkpoints if c.unit == unit]
    if checks:
        right.errorbar([dt.date.fromisoformat(c.end) for c in checks], [c.value for c in checks],
                       yerr=[[c.value - c.low for c in checks], [c.high - c.value for c in checks]],
                       fmt="x", color="tab:green", capsize=3, label="stated total")
    right.set_ylabel(f"{unit}, total")
    right.legend(loc="upper right", fontsize=8)


def _dates_axis(ax: Any) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
