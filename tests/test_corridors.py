"""aggregate.corridors and the `crossings corridors | series | conflicts | export | plot` commands."""

from __future__ import annotations

import io
import json
from itertools import count

import pytest
from typer.testing import CliRunner

from crossings.aggregate import corridors
from crossings.errors import InputError

_ids = count(1)


def fig(low, *, kind="rate", unit="people", start=None, end="2022-09-27", cluster=None, original=True,
        origin="RU", destination="GE", article_id=None, **extra):
    n = next(_ids)
    row = {"id": n, "article_id": article_id or n, "origin": origin, "destination": destination, "unit": unit,
           "kind": kind, "low": low, "high": low, "qualifier": "exact",
           "rate_per": "day" if kind == "rate" else None, "period_start": start, "period_end": end,
           "attributed_to": f"source {n}", "article_url": f"https://news.example/{n}",
           "cluster_id": cluster if cluster is not None else 1000 + n, "is_original": original,
           "evidence": {"text": f"{low} crossed", "start": 0, "end": 10}}
    return {**row, **extra}


def test_corridors_count_independent_sources():
    rows = [fig(100, cluster=1, article_id=1), fig(100, cluster=1, article_id=2, original=False),
            fig(300, cluster=2)]
    (summary,) = corridors.summarize(rows)
    assert (summary.n_sources, summary.n_figures) == (2, 2)


def test_corridors_one_per_pair_sorted():
    rows = [fig(1, destination="KZ"), fig(2, destination="GE"), fig(3, origin="UA", destination="PL")]
    assert [(s.origin, s.destination) for s in corridors.summarize(rows)] == [
        ("RU", "GE"), ("RU", "KZ"), ("UA", "PL")]


def test_corridors_unknown_end_kept_as_question_mark_both_unknown_skipped():
    rows = [fig(1, destination=None), fig(2, origin=None, destination=None)]
    assert [(s.origin, s.destination) for s in corridors.summarize(rows)] == [("RU", "?")]


def test_corridors_cumulative_total_and_newest_evidence():
    rows = [fig(7_000, kind="total", start="2022-09-21", end="2022-09-27"), fig(500, end="2022-09-30")]
    (summary,) = corridors.summarize(rows)
    (total,) = summary.totals
    assert (total.value, total.since, total.until) == (7_500, "2022-09-21", "2022-09-30")
    assert summary.newest_evidence == "2022-09-30"


def test_corridors_latest_figures_per_unit_and_kind():
    old, new = fig(100, end="2022-09-20"), fig(200, end="2022-09-25")
    stock = fig(50, kind="stock", unit="vehicles")
    (summary,) = corridors.summarize([old, new, stock])
    assert [f["id"] for f in summary.latest] == [new["id"], stock["id"]]
    assert summary.latest[0]["evidence"] == "200 crossed"


def test_corridors_flat_rows_one_per_flow_unit():
    (summary,) = corridors.summarize([fig(100), fig(10, unit="vehicles")])
    assert [(r["unit"], r["total_value"]) for r in summary.flat()] == [("people", 100), ("vehicles", 10)]
    assert json.loads(json.dumps(summary.to_dict()))["totals"][0]["unit"] == "people"


# --- the commands, over a stand-in store that honours the contract's FigureQuery --------------------


class FakeStore:
    def __init__(self, rows):
        self.rows, self.queries = rows, []

    def figures(self, query):
        self.queries.append(query)
        return [r for r in self.rows if query.origin in (None, r["origin"])
                and query.destination in (None, r["destination"])]

    def close(self):
        pass


@pytest.fixture
def store(monkeypatch):
    from crossings.cli import corridors as cli

    fake = FakeStore([fig(1_000, end="2022-09-22"), fig(5_000, end="2022-09-22"),
                      fig(98_000, kind="total", start="2022-09-21", destination="KZ"),
                      fig(5_500, kind="stock", unit="vehicles")])
    monkeypatch.setattr(cli, "open_store", lambda db: fake)
    return fake


def invoke(*args):
    from crossings.cli.common import app

    return CliRunner().invoke(app, list(args))


def test_cli_corridors_json(store):
    result = invoke("corridors", "--format", "json")
    assert result.exit_code == 0, result.output
    found = [(c["origin"], c["destination"]) for c in json.loads(result.stdout)]
    assert found == [("RU", "GE"), ("RU", "KZ")]


def test_cli_series_csv_accepts_lower_case(store):
    result = invoke("series", "ru", "ge", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("date,unit,kind,value,low,high")
    assert store.queries[-1].origin == "RU" and store.queries[-1].destination == "GE"


def test_cli_series_table_prints_cumulative(store):
    result = invoke("series", "RU", "KZ")
    assert result.exit_code == 0, result.output
    assert "cumulative people" in result.stdout


def test_cli_conflicts_lists_the_pair(store):
    result = invoke("conflicts", "--format", "json")
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)
    assert (found["lower"]["low"], found["higher"]["low"]) == (1_000, 5_000)


def test_cli_export_series_all_corridors_hxl(store, tmp_path):
    out = tmp_path / "series.csv"
    result = invoke("export", "series", "--format", "hxl", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("#country+code+origin") and any(",KZ," in line for line in lines)


def test_cli_plot_writes_file(store, tmp_path):
    out = tmp_path / "ru-ge.svg"
    result = invoke("plot", "RU", "GE", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize("args", [("series", "RUS", "GE"), ("series", "RU", "XX"),
                                  ("conflicts", "--origin", "R1"), ("series", "RU", "GE", "--since", "22/9")])
def test_cli_bad_input_is_input_error(store, args):
    result = invoke(*args)
    assert isinstance(result.exception, InputError)
    assert "\n" not in str(result.exception)


def test_cli_table_keeps_brackets_in_source_names(monkeypatch):
    from crossings.cli import corridors as cli

    rows = [fig(1_000, attributed_to="[Russians] ministry"), fig(5_000)]
    monkeypatch.setattr(cli, "open_store", lambda db: FakeStore(rows))
    result = invoke("conflicts")
    assert result.exit_code == 0, result.output
    assert "[Russians]" in result.stdout


@pytest.mark.parametrize(("width", "shown", "hidden"), [
    (200, ["latest figures", "newest", "days", "2022-09-21 → 09-27"], []),
    (80, ["corridor", "estimate", "left out days, latest figures, newest"], ["latest figures  ", "newest  "]),
])
def test_cli_corridors_table_fits_the_terminal(store, monkeypatch, width, shown, hidden):
    from rich.console import Console

    from crossings.cli import common
    from crossings.cli import corridors as cli

    out = io.StringIO()
    narrow = Console(file=out, width=width)
    monkeypatch.setattr(common, "console", narrow)
    monkeypatch.setattr(cli, "console", narrow)
    assert invoke("corridors").exit_code == 0
    text = out.getvalue()
    assert all(s in text for s in shown), text
    assert not any(s in text for s in hidden), text
    assert max(len(line) for line in text.splitlines()) <= width
