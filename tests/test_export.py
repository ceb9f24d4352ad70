"""export (CSV, JSON, HXL checked with libhxl) and plot (a non-empty PNG/SVG)."""

from __future__ import annotations

import csv
import io
import json
from itertools import count

import hxl
import pytest

from crossings import export
from crossings.aggregate import conflicts, corridors, series
from crossings.errors import InputError

_ids = count(1)


def fig(low, *, kind="rate", unit="people", start=None, end="2022-09-27", destination="GE", **extra):
    n = next(_ids)
    row = {"id": n, "article_id": n, "origin": "RU", "destination": destination, "unit": unit, "kind": kind,
           "low": low, "high": low, "qualifier": "exact", "rate_per": "day" if kind == "rate" else None,
           "period_start": start, "period_end": end, "attributed_to": f"source {n}",
           "source_type": "government", "article_url": f"https://news.example/{n}",
           "article_title": "Queues at the border",
           "article_published": "2022-09-27", "cluster_id": n, "is_original": True,
           "review_state": "unreviewed", "evidence": {"text": f"{low} crossed, a minister said", "start": 0,
                                                      "end": 9}, "origin_place": {"name": "Russia"}}
    return {**row, **extra}


ROWS = [fig(1_000, end="2022-09-22"), fig(5_000, end="2022-09-22"),
        fig(98_000, kind="total", start="2022-09-21", destination="KZ"),
        fig(5_500, kind="stock", unit="vehicles")]


def hxl_of(dataset, items):
    return hxl.data(io.BytesIO(export.render(dataset, items, "hxl").encode("utf-8")))


def test_export_figures_csv_has_header_and_evidence_text():
    rows = list(csv.DictReader(io.StringIO(export.render("figures", ROWS, "csv"))))
    assert len(rows) == 4 and rows[0]["origin"] == "RU" and rows[0]["low"] == "1000"
    assert rows[0]["evidence"] == "1000 crossed, a minister said" and "origin_place" not in rows[0]


def test_export_figures_hxl_parsed_by_libhxl():
    data = hxl_of("figures", ROWS)
    tags = [c.display_tag for c in data.columns]
    for tag in ("#country+code+origin", "#country+code+destination", "#date+start", "#date+end",
                "#affected+num+min", "#affected+num+max", "#indicator+unit", "#meta+source", "#meta+url"):
        assert tag in tags
    rows = list(data)
    assert rows[2].get("#country+code+destination") == "KZ" and rows[2].get("#affected+num+max") == "98000"


def test_export_series_hxl_parsed_by_libhxl():
    built = [series.build(ROWS, "RU", "GE"), series.build(ROWS, "RU", "KZ")]
    data = hxl_of("series", built)
    assert "#affected+num+total+max" in [c.display_tag for c in data.columns]
    assert {r.get("#country+code+destination") for r in data} == {"GE", "KZ"}


def test_export_corridors_hxl_parsed_by_libhxl():
    data = hxl_of("corridors", corridors.summarize(ROWS))
    values = {(r.get("#country+code+destination"), r.get("#affected+num+total")) for r in data}
    assert ("KZ", "98000") in values


def test_export_conflicts_hxl_parsed_by_libhxl():
    data = hxl_of("conflicts", conflicts.find(ROWS))
    (row,) = list(data)
    assert row.get("#affected+num+min+lower") == "1000" and row.get("#affected+num+min+higher") == "5000"


def test_export_series_json_is_nested():
    data = json.loads(export.render("series", series.build(ROWS, "RU", "GE"), "json"))
    assert data[0]["origin"] == "RU" and {p["kind"] for p in data[0]["points"]} == {"flow", "stock"}


def test_export_formats_by_name():
    assert set(export.FORMATS) == {"csv", "json", "hxl"}
    with pytest.raises(InputError):
        export.render("figures", ROWS, "xlsx")
    with pytest.raises(InputError):
        export.render("people", ROWS, "csv")


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_series_writes_a_non_empty_file(tmp_path, suffix, magic):
    from crossings.plot import plot_series

    path = plot_series(series.build(ROWS, "RU", "GE"), tmp_path / f"ru-ge{suffix}")
    assert path.stat().st_size > 1000 and path.read_bytes().startswith(magic)


def test_plot_series_refuses_other_suffixes_and_empty_series(tmp_path):
    from crossings.plot import plot_series

    with pytest.raises(InputError):
        plot_series(series.build(ROWS, "RU", "GE"), tmp_path / "x.pdf")
    with pytest.raises(InputError):
        plot_series(series.build(ROWS, "RU", "AM"), tmp_path / "x.png")
