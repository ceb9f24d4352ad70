"""`crossings eval`: score the extractor on a gold JSONL file with the shared rule."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from crossings import evaluate
from crossings.cli.common import DbOption, app, console, open_store
from crossings.errors import InputError


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(None, help="Gold file: JSON lines {id, text, pub_date, figures}."),
    show: bool = typer.Option(False, "--show", help="List every miss: missed, spurious, wrong field."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table or json."),
    from_reviews: bool = typer.Option(False, "--from-reviews", help="Score against the review decisions in "
                                      "--db instead: accepted/corrected figures are gold, rejected ones must "
                                      "not be found, figures nobody reviewed are not counted."),
    db: str = DbOption,
) -> None:
    """Score the figure extractor against hand-labelled passages: precision, recall, F1."""
    if (gold is None) == (not from_reviews):
        raise InputError("give a GOLD file, or --from-reviews (with --db)")
    extra: dict[str, Any] = {}
    if from_reviews:
        report, extra, gold = _from_reviews(db)
    else:
        report = evaluate.score(evaluate.load_gold(gold), evaluate.pipeline_predictor())
    if fmt == EvalFormat.json:
        out = {**report.summary(), **extra}
        if show:
            out["misses"] = [_miss_dict(m) for m in report.misses()]
            out["field_errors"] = [_field_error_dict(e) for e in report.field_errors()]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return
    print_summary(report, gold)
    if extra:
        console.print(f"{extra['found_rejected']} rejected figures found again; {extra['unscored']} found "
                      "figures nobody has reviewed, not counted", highlight=False)
    if show:
        print_misses(report)


def _from_reviews(db: str | None) -> tuple[evaluate.Report, dict[str, Any], str]:
    from crossings import review

    with open_store(db) as store:
        scored = review.score_reviews(store)
    extra = {k: v for k, v in scored.summary().items() if k not in scored.report.summary()}
    return scored.report, extra, f"review decisions ({scored.gold} gold, {scored.must_not} must-not-find)"


def print_summary(report: evaluate.Report, gold: Path | str) -> None:
    table = Table(title=f"{gold}: {len(report.docs)} passages", show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("expected / found / matched", f"{report.expected} / {report.found} / {report.matched}")
    for name in ("precision", "recall", "f1"):
        table.add_row(name, f"{getattr(report, name):.3f}")
    for name, value in report.field_accuracy.items():
        table.add_row(f"{name} accuracy", "n/a" if value is None else f"{value:.3f}")
    console.print(table)


def print_misses(report: evaluate.Report) -> None:
    """Each miss as a short block: doc and what went wrong, expected vs found, the evidence sentence."""
    misses, errors = report.misses(), report.field_errors()
    console.print(f"\n[bold]{len(misses)} misses, {len(errors)} wrong fields[/bold]", highlight=False)
    shown: set[int] = set()  # a near miss prints once, as a missed figure beside its found one
    for miss in misses:
        if id(miss.figure) in shown:
            continue
        exp, got = (miss.figure, miss.nearest) if miss.side == "missed" else (miss.nearest, miss.figure)
        if miss.nearest is not None:
            shown.add(id(miss.nearest))
        what = "missed, found differs" if exp and got else miss.side
        _print_block(miss.doc_id, what, describe(exp), describe(got), miss.evidence)
    for err in errors:
        _print_block(err.doc_id, f"wrong {err.field}", describe(err.expected, err.field),
                     describe(err.found, err.field), (err.expected.get("evidence") or {}).get("text", ""))


def _print_block(doc_id: str, what: str, expected: str, found: str, evidence: str) -> None:
    console.print(f"\n[bold]{doc_id}[/bold]  [red]{what}[/red]", highlight=False)
    console.print(f"  expected: {expected}\n  found:    {found}", highlight=False, markup=False)
    console.print(f"  evidence: {evidence}", highlight=False, markup=False, style="dim")


def describe(fig: dict[str, Any] | None, field: str | None = None) -> str:
    """One line for a figure; with `field`, that field's value first."""
    if fig is None:
        return "-"
    amount = f"{fig['low']:,}" if fig["low"] == fig["high"] else f"{fig['low']:,}–{fig['high']:,}"
    kind = f"rate/{fig.get('rate_per')}" if fig.get("kind") == "rate" else fig.get("kind")
    line = (f"{fig.get('origin') or '?'}→{fig.get('destination') or '?'} {amount} {fig.get('unit')} "
            f"{kind} ({fig.get('qualifier')}) {fig.get('period_start') or '…'}..{fig.get('period_end') or '…'} "
            f"[{fig.get('source_type')}]")
    return f"{field}={fig.get(field)!r}: {line}" if field else line


def _miss_dict(miss: evaluate.Miss) -> dict[str, Any]:
    return {"doc_id": miss.doc_id, "side": miss.side, "figure": _plain(miss.figure),
            "nearest": _plain(miss.nearest) if miss.nearest else None, "evidence": miss.evidence}


def _field_error_dict(err: evaluate.FieldError) -> dict[str, Any]:
    return {"doc_id": err.doc_id, "field": err.field, "expected": err.expected.get(err.field),
            "found": err.found.get(err.field), "evidence": (err.expected.get("evidence") or {}).get("text")}


def _plain(fig: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fig.items() if k not in ("evidence", "origin_place", "destination_place")}
