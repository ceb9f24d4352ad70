"""The shared scoring rule (crossings.evaluate), the dev set it runs on, and `crossings eval`."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from crossings import evaluate
from crossings.errors import InputError

DEV = Path(__file__).resolve().parent / "data" / "dev.jsonl"


def fig(low: int, high: int | None = None, **changes) -> dict:
    base = {"origin": "RU", "destination": "KZ", "unit": "people", "kind": "total", "low": low,
            "high": low if high is None else high, "qualifier": "exact", "rate_per": None,
            "period_start": "2022-09-21", "period_end": "2022-09-27", "attributed_to": "Kazakhstan",
            "source_type": "government", "evidence": {"text": "About 98,000 Russians have entered."}}
    return {**base, **changes}


# -- the matching rule --------------------------------------------------------------------------------


def test_evaluate_identical_figure_matches():
    assert evaluate.match(fig(98000), fig(98000))


def test_evaluate_overlapping_ranges_match():
    assert evaluate.match(fig(5000, 6000), fig(5500, 7000))
    assert evaluate.match(fig(20000, 99999), fig(50000))


def test_evaluate_touching_ranges_match():
    assert evaluate.match(fig(4000, 5000), fig(5000, 5000))


def test_evaluate_two_percent_tolerance():
    assert evaluate.match(fig(100000), fig(102000))
    assert evaluate.match(fig(102000), fig(100000))
    assert not evaluate.match(fig(100000), fig(102100))


def test_evaluate_tolerance_measured_between_nearest_ends_of_ranges():
    assert evaluate.match(fig(1000, 2000), fig(2040, 3000))
    assert not evaluate.match(fig(1000, 2000), fig(2100, 3000))


@pytest.mark.parametrize("key,value", [("origin", "GE"), ("destination", "GE"), ("unit", "vehicles"),
                                       ("kind", "rate")])
def test_evaluate_match_keys_must_agree(key, value):
    assert not evaluate.match(fig(98000), fig(98000, **{key: value}))


def test_evaluate_null_country_matches_only_null():
    assert evaluate.match(fig(98000, origin=None), fig(98000, origin=None))
    assert not evaluate.match(fig(98000, origin=None), fig(98000, origin="RU"))
    assert not evaluate.match(fig(98000), fig(98000, origin=None))


def test_evaluate_accept_widens_match_keys():
    expected = fig(5000, origin="VE", accept={"origin": ["VE", "EC"], "kind": ["total", "rate"]})
    assert evaluate.match(expected, fig(5000, origin="EC"))
    assert evaluate.match(expected, fig(5000, origin="VE", kind="rate", rate_per="day"))
    assert not evaluate.match(expected, fig(5000, origin="CO"))


def test_evaluate_other_fields_do_not_affect_matching():
    found = fig(98000, qualifier="vague", period_start=None, source_type="media", evidence={"text": "x"})
    assert evaluate.match(fig(98000), found)


# -- one document -------------------------------------------------------------------------------------


def test_evaluate_each_expected_matches_at_most_one_found():
    doc = evaluate.score_pairs([fig(98000)], [fig(98000), fig(98000)])
    assert doc.matched == 1
    assert len(doc.spurious) == 1
    assert not doc.missed


def test_evaluate_each_found_matches_at_most_one_expected():
    doc = evaluate.score_pairs([fig(98000), fig(98500)], [fig(98200)])
    assert doc.matched == 1
    assert len(doc.missed) == 1


def test_evaluate_assignment_maximises_pairs():
    # A greedy pass would give the range to the first expected figure (its exact match is better) and
    # leave the second with nothing; the assignment must find both pairs.
    expected = [fig(1000, 3000), fig(2000)]
    found = [fig(2000), fig(1000)]
    doc = evaluate.score_pairs(expected, found)
    assert doc.matched == 2


def test_evaluate_assignment_prefers_the_closer_pair():
    expected = [fig(10000, evidence={"text": "A."}), fig(10100, evidence={"text": "B."})]
    found = [fig(10100, evidence={"text": "B."}), fig(10000, evidence={"text": "A."})]
    doc = evaluate.score_pairs(expected, found)
    assert all(e["low"] == f["low"] for e, f in doc.pairs)


def test_evaluate_field_errors_on_matched_pairs():
    doc = evaluate.score_pairs([fig(98000, qualifier="about")],
                               [fig(98000, qualifier="exact", period_end="2022-09-26")])
    assert {e.field for e in doc.field_errors} == {"qualifier", "period_end"}


def test_evaluate_accept_lists_count_as_right():
    expected = fig(98000, period_start="2022-09-21", accept={"period_start": ["2022-09-21", "2022-09-20", None]})
    for value in ("2022-09-20", None):
        doc = evaluate.score_pairs([expected], [fig(98000, period_start=value)])
        assert not doc.field_errors
    doc = evaluate.score_pairs([expected], [fig(98000, period_start="2022-09-19")])
    assert [e.field for e in doc.field_errors] == ["period_start"]


def test_evaluate_null_fields_compare_equal():
    doc = evaluate.score_pairs([fig(98000, period_start=None)], [fig(98000, period_start=None)])
    assert not doc.field_errors


# -- a report over documents -------------------------------------------------------------------------


def test_evaluate_precision_counts_spurious_figures():
    docs = [{"id": "a", "figures": [fig(98000)]}, {"id": "b", "figures": []}]
    found = {"a": [fig(98000), fig(5000, destination="GE")], "b": [fig(300)]}
    report = evaluate.score(docs, lambda d: found[d["id"]])
    assert (report.expected, report.found, report.matched) == (1, 3, 1)
    assert report.precision == pytest.approx(1 / 3)
    assert report.recall == 1.0
    assert report.f1 == pytest.approx(0.5)
    assert [(m.doc_id, m.side) for m in report.misses()] == [("a", "spurious"), ("b", "spurious")]


def test_evaluate_recall_counts_missed_figures():
    docs = [{"id": "a", "figures": [fig(98000), fig(10000, kind="rate", rate_per="day")]}]
    report = evaluate.score(docs, lambda d: [fig(98000)])
    assert report.recall == 0.5
    assert report.precision == 1.0
    missed = report.misses()
    assert [(m.side, m.figure["low"], m.evidence) for m in missed] == [
        ("missed", 10000, "About 98,000 Russians have entered.")]


def test_evaluate_field_accuracy_over_matched_pairs():
    docs = [{"id": "a", "figures": [fig(1000), fig(2000, qualifier="about")]}]
    report = evaluate.score(docs, lambda d: [fig(1000), fig(2000), fig(7777, origin="XX")])
    assert report.field_accuracy["qualifier"] == 0.5
    assert report.field_accuracy["period_start"] == 1.0
    assert report.field_accuracy["source_type"] == 1.0


def test_evaluate_nothing_found():
    report = evaluate.score([{"id": "a", "figures": [fig(1000)]}], lambda d: [])
    assert (report.precision, report.recall, report.f1) == (0.0, 0.0, 0.0)
    assert report.field_accuracy == dict.fromkeys(evaluate.FIELDS)


def test_evaluate_nothing_expected_nothing_found_is_perfect():
    report = evaluate.score([{"id": "neg", "figures": []}], lambda d: [])
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)


def test_evaluate_seed_against_itself(seed):
    report = evaluate.score([seed], lambda d: copy.deepcopy(d["figures"]))
    assert report.f1 == 1.0
    assert set(report.field_accuracy.values()) == {1.0}


# -- gold files ---------------------------------------------------------------------------------------


def test_evaluate_load_gold_reads_dev_set():
    docs = evaluate.load_gold(DEV)
    figures = [f for d in docs for f in d["figures"]]
    assert len(docs) >= 70
    assert sum(not d["figures"] for d in docs) >= 20
    assert len(figures) >= 100
    assert len({d["id"] for d in docs}) == len(docs)


def test_evaluate_dev_set_evidence_is_in_the_text():
    for doc in evaluate.load_gold(DEV):
        for f in doc["figures"]:
            assert f["evidence"]["text"] in doc["text"], doc["id"]


def test_evaluate_dev_set_scored_against_itself_is_perfect():
    report = evaluate.score(evaluate.load_gold(DEV), lambda d: copy.deepcopy(d["figures"]))
    assert report.f1 == 1.0
    assert set(report.field_accuracy.values()) == {1.0}


def test_evaluate_dev_figures_valid_against_schema(shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "schema" / "figure.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["evidence"]["required"] = ["text"]  # gold carries no character offsets
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for doc in evaluate.load_gold(DEV):
        for f in doc["figures"]:
            errors = [e.message for e in validator.iter_errors(f)]
            assert not errors, (doc["id"], f["evidence"]["text"], errors)
            assert f["low"] <= f["high"]
            for name, values in f.get("accept", {}).items():
                assert isinstance(values, list) and f[name] in values, (doc["id"], name)


def test_evaluate_load_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "figures": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2: bad JSON"):
        evaluate.load_gold(path)


def test_evaluate_load_gold_rejects_figures_without_numbers(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "figures": [{"low": "many"}]}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:1:"):
        evaluate.load_gold(path)


def test_evaluate_load_gold_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read gold file"):
        evaluate.load_gold(tmp_path / "nope.jsonl")


# -- the command --------------------------------------------------------------------------------------


def _run_cli(args: list[str]):
    from typer.testing import CliRunner

    from crossings.cli import app

    return CliRunner().invoke(app, args)


def test_evaluate_cli_prints_scores():
    result = _run_cli(["eval", str(DEV)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "f1" in result.output


def test_evaluate_cli_json_with_misses():
    result = _run_cli(["eval", str(DEV), "--format", "json", "--show"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["expected"] >= 100
    assert {"precision", "recall", "f1", "field_accuracy", "misses"} <= out.keys()
    assert len([m for m in out["misses"] if m["side"] == "missed"]) == out["expected"] - out["matched"]


def test_evaluate_cli_bad_gold_file_is_an_input_error(tmp_path):
    result = _run_cli(["eval", str(tmp_path / "missing.jsonl")])
    assert isinstance(result.exception, InputError)
