"""aggregate.conflicts: pairs of figures that cannot both be true, and pairs that can."""

from __future__ import annotations

from itertools import count

from crossings.aggregate import conflicts

_ids = count(1)


def fig(low, high=None, *, kind="rate", unit="people", qualifier="exact", start=None, end="2022-09-27",
        rate_per=None, cluster=None, **extra):
    n = next(_ids)
    row = {"id": n, "article_id": n, "origin": "RU", "destination": "GE", "unit": unit, "kind": kind,
           "low": low, "high": low if high is None else high, "qualifier": qualifier,
           "rate_per": rate_per or ("day" if kind == "rate" else None), "period_start": start,
           "period_end": end, "attributed_to": f"source {n}", "article_url": f"https://news.example/{n}",
           "cluster_id": cluster if cluster is not None else 1000 + n, "is_original": True}
    return {**row, **extra}


def test_conflicts_flagged_with_both_sources():
    low, high = fig(1_000, end="2022-09-22"), fig(5_000, start="2022-09-20", end="2022-09-23")
    (found,) = conflicts.find([high, low])
    assert (found.lower["id"], found.higher["id"]) == (low["id"], high["id"])
    assert found.lower["article_url"] == low["article_url"]
    assert found.higher["attributed_to"] == high["attributed_to"]
    assert (found.start, found.end, found.ratio) == ("2022-09-22", "2022-09-22", 5.0)


def test_conflicts_not_flagged_within_one_cluster():
    assert conflicts.find([fig(1_000, cluster=7), fig(5_000, cluster=7)]) == []


def test_conflicts_not_flagged_within_the_factor():
    assert conflicts.find([fig(1_000), fig(1_150)]) == []


def test_conflicts_about_allowed_for():
    assert conflicts.find([fig(1_000, qualifier="about"), fig(1_300)]) == []  # 1,300 ÷ 1,100 < 1.2
    assert len(conflicts.find([fig(1_000), fig(1_300)])) == 1


def test_conflicts_at_least_has_no_ceiling():
    assert conflicts.find([fig(1_000, qualifier="at_least"), fig(5_000)]) == []


def test_conflicts_up_to_has_a_ceiling():
    assert len(conflicts.find([fig(1_000, qualifier="at_most"), fig(5_000)])) == 1


def test_conflicts_rates_compared_per_day():
    assert conflicts.find([fig(7_000, rate_per="week"), fig(1_000)]) == []


def test_conflicts_rates_on_different_days_not_compared():
    assert conflicts.find([fig(1_000, end="2022-09-20"), fig(5_000, end="2022-09-27")]) == []


def test_conflicts_totals_of_similar_extent_compared():
    rows = [fig(10_000, kind="total", start="2022-09-21", end="2022-09-27"),
            fig(50_000, kind="total", start="2022-09-21", end="2022-09-26")]
    assert len(conflicts.find(rows)) == 1


def test_conflicts_totals_of_different_extent_not_compared():
    rows = [fig(10_000, kind="total", start="2022-09-21", end="2022-09-22"),
            fig(50_000, kind="total", start="2022-09-01", end="2022-09-27")]
    assert conflicts.find(rows) == []


def test_conflicts_different_units_or_kinds_not_compared():
    assert conflicts.find([fig(1_000), fig(5_000, unit="vehicles")]) == []
    assert conflicts.find([fig(1_000), fig(5_000, kind="stock")]) == []


def test_conflicts_stocks_compared_on_the_same_day_only():
    assert len(conflicts.find([fig(1_000, kind="stock"), fig(5_000, kind="stock")])) == 1
    assert conflicts.find([fig(1_000, kind="stock"), fig(5_000, kind="stock", end="2022-09-26")]) == []


def test_conflicts_starkest_first_and_flat_row():
    rows = [fig(1_000), fig(2_000), fig(10_000)]
    found = conflicts.find(rows)
    assert [c.ratio for c in found] == [10.0, 5.0, 2.0]
    assert found[0].flat()["lower_id"] == rows[0]["id"] and found[0].flat()["higher_low"] == 10_000


def test_conflicts_on_the_sample_corpus(tmp_path):
    """The bundled sample holds one contradiction (its README lists it) and two disagreements that an
    open-ended "more than" lets both be true."""
    import pytest

    testing = pytest.importorskip("crossings.serve.testing", reason="needs the serve extra")
    from crossings.store import FigureQuery, open_store

    with open_store(testing.sample_db(tmp_path / "sample.sqlite")) as store:
        found = conflicts.find(list(store.figures(FigureQuery())))
    assert [(c.origin, c.destination, c.kind, c.start, c.end, c.lower["low"], c.higher["low"]) for c in found] == [
        ("RU", "GE", "total", "2022-09-21", "2022-10-02", 53_000, 78_000)]
