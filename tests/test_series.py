"""aggregate.series: hand-made figure rows whose daily series is known by construction."""

from __future__ import annotations

from itertools import count

import pytest

from crossings.aggregate import series

_ids = count(1)


def fig(low, high=None, *, kind="rate", unit="people", qualifier="exact", start=None, end="2022-09-27",
        rate_per=None, cluster=None, original=True, origin="RU", destination="GE", **extra):
    """A figure row as Store.figures returns it; each call is its own article unless told."""
    n = next(_ids)
    row = {"id": n, "article_id": extra.pop("article_id", n), "origin": origin, "destination": destination,
           "unit": unit, "kind": kind, "low": low, "high": low if high is None else high,
           "qualifier": qualifier, "rate_per": rate_per or ("day" if kind == "rate" else None),
           "period_start": start, "period_end": end, "attributed_to": f"source {n}",
           "cluster_id": cluster if cluster is not None else 1000 + n, "is_original": original,
           "article_url": f"https://news.example/{n}", "review_state": "unreviewed"}
    return {**row, **extra}


def test_series_rate_and_total_for_same_period_agree():
    rows = [fig(10_000, start="2022-09-21", end="2022-09-27"),
            fig(70_000, kind="total", start="2022-09-21", end="2022-09-27")]
    built = series.build(rows, "RU", "GE")
    assert len(built.points) == 7
    assert {(p.value, p.low, p.high) for p in built.points} == {(10_000, 10_000, 10_000)}
    total = built.cumulative[0]
    assert (total.value, total.low, total.high) == (70_000, 70_000, 70_000)
    assert [c.value for c in built.checkpoints] == [70_000]


def test_series_points_name_the_figures_they_rest_on():
    rate, total = fig(10_000, end="2022-09-27"), fig(70_000, kind="total", start="2022-09-21")
    built = series.build([rate, total], "RU", "GE")
    assert built.points[-1].figure_ids == tuple(sorted((rate["id"], total["id"])))
    assert built.points[0].figure_ids == (total["id"],)


def test_series_weekly_and_monthly_rates_become_per_day():
    rows = [fig(7_000, rate_per="week", end="2022-09-20"), fig(30_000, rate_per="month", end="2022-09-21")]
    assert [p.value for p in series.build(rows, "RU", "GE").points] == [1_000, 1_000]


def test_series_rate_with_only_an_end_date_holds_that_day_only():
    built = series.build([fig(500, end="2022-09-22")], "RU", "GE")
    assert [(p.date, p.value) for p in built.points] == [("2022-09-22", 500)]


def test_series_syndicated_copy_counted_once():
    original = fig(7_000, kind="total", start="2022-09-21", end="2022-09-27", cluster=1)
    copy = fig(7_000, kind="total", start="2022-09-21", end="2022-09-28", cluster=1, original=False)
    built = series.build([copy, original], "RU", "GE")
    assert built.cumulative[0].value == 7_000
    assert {i for p in built.points for i in p.figure_ids} == {original["id"]}


def test_series_overlapping_sources_combine_as_a_range_not_a_sum():
    built = series.build([fig(1_000, end="2022-09-22"), fig(2_000, end="2022-09-22")], "RU", "GE")
    (point,) = built.points
    assert (point.low, point.high, point.value) == (1_000, 2_000, 1_500)


def test_series_stock_kept_apart_from_flows():
    rows = [fig(100, unit="people", end="2022-09-27"),
            fig(500_000, kind="stock", unit="people", end="2022-09-27")]
    built = series.build(rows, "RU", "GE")
    assert [p.value for p in built.track("people", "flow")] == [100]
    (stock,) = built.track("people", "stock")
    assert stock.value == 500_000 and stock.cum_value is None
    assert built.cumulative[0].value == 100


def test_series_units_never_mixed():
    rows = [fig(100, unit="people"), fig(40, unit="vehicles"), fig(5_500, kind="stock", unit="vehicles")]
    built = series.build(rows, "RU", "GE")
    assert built.tracks() == [("people", "flow"), ("vehicles", "flow"), ("vehicles", "stock")]
    assert {c.unit: c.value for c in built.cumulative} == {"people": 100, "vehicles": 40}


def test_series_at_least_is_capped_by_the_open_factor():
    (point,) = series.build([fig(1_000, qualifier="at_least")], "RU", "GE").points
    assert (point.low, point.high) == (1_000, 1_500)


def test_series_about_widens_by_ten_percent():
    (point,) = series.build([fig(1_000, qualifier="about")], "RU", "GE").points
    assert (point.low, point.high, point.value) == (900, 1_100, 1_000)


def test_series_vague_widens_the_band_but_not_the_value():
    rows = [fig(20_000, 99_999, kind="total", qualifier="vague", start="2022-09-27"), fig(10_000)]
    (point,) = series.build(rows, "RU", "GE").points
    assert (point.low, point.high, point.value) == (10_000, 99_999, 10_000)


def test_series_total_without_start_is_a_checkpoint_only():
    built = series.build([fig(98_000, kind="total", start=None, end="2022-09-27")], "RU", "GE")
    assert built.points == () and [c.value for c in built.checkpoints] == [98_000]
    assert built.unplaced == ()


def test_series_undated_figure_is_listed_as_unplaced():
    row = fig(100, end=None)
    assert series.build([row], "RU", "GE").unplaced == (row["id"],)


def test_series_days_without_evidence_add_nothing():
    built = series.build([fig(100, end="2022-09-01"), fig(300, end="2022-09-11")], "RU", "GE")
    total = built.cumulative[0]
    assert (total.value, total.days_with_evidence, total.days_without_evidence) == (400, 2, 9)


def test_series_window_clips_and_cumulative_starts_at_first_evidence_inside():
    rows = [fig(1_000, kind="total", start="2022-09-01", end="2022-09-10")]
    built = series.build(rows, "RU", "GE", since="2022-09-06")
    assert built.cumulative[0].since == "2022-09-06" and built.cumulative[0].value == 500


def test_series_rejected_figures_ignored():
    rows = [fig(100), fig(9_999, review_state="rejected")]
    assert [p.value for p in series.build(rows, "RU", "GE").points] == [100]


def test_series_other_corridors_and_lower_case_codes():
    rows = [fig(100), fig(200, destination="KZ"), fig(300, destination=None)]
    assert [p.value for p in series.build(rows, "ru", "kz").points] == [200]
    assert [p.value for p in series.build(rows, "ru", "?").points] == [300]


@pytest.mark.parametrize("qualifier, expected", [("nearly", (900, 1_000)), ("at_most", (666.7, 1_000)),
                                                 ("range", (1_000, 1_000))])
def test_series_qualifier_bounds(qualifier, expected):
    (point,) = series.build([fig(1_000, qualifier=qualifier)], "RU", "GE").points
    assert (point.low, point.high) == expected


def test_series_to_dict_is_plain_json():
    import json

    built = series.build([fig(100), fig(5, kind="stock", unit="vehicles")], "RU", "GE")
    data = json.loads(json.dumps(built.to_dict()))
    assert data["origin"] == "RU" and len(data["points"]) == 2 and data["cumulative"][0]["value"] == 100
