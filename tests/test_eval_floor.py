"""The quality gate: the extractor's F1 on each gold set never drops below that set's pinned floor."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crossings import evaluate

DATA = Path(__file__).parent / "data"
FLOORS = json.loads((DATA / "eval_floor.json").read_text())["sets"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_floor_set_is_the_pinned_one(name):
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == FLOORS[name]["sha256"], f"{name} changed: update eval_floor.json's sha256 in the same commit"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_floor_set_holds_negatives_and_several_figures(name):
    gold = evaluate.load_gold(DATA / name)
    negatives = [g for g in gold if not g["figures"]]
    # passing mentions are sparse by nature: incidental.jsonl holds 58 figures in its 50 passages
    assert len(gold) >= 50 and len(negatives) >= 5 and sum(len(g["figures"]) for g in gold) >= 50


def test_eval_floor_every_set_is_pinned():
    assert {p.name for p in DATA.glob("*.jsonl")} == set(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_floor_f1(name):
    report = evaluate.score(evaluate.load_gold(DATA / name), evaluate.pipeline_predictor())
    assert report.f1 >= FLOORS[name]["f1_floor"], f"{name}: F1 {report.f1:.3f} fell below {FLOORS[name]['f1_floor']}"


def test_eval_cli_prints_the_scores():
    out = subprocess.run([sys.executable, "-m", "crossings", "eval", str(DATA / "dev.jsonl"), "--format", "json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["f1"] >= FLOORS["dev.jsonl"]["f1_floor"]
