"""The quality gate: the extractor's F1 on the development set never drops below the pinned floor."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from crossings import evaluate

DATA = Path(__file__).parent / "data"


def floor() -> dict:
    return json.loads((DATA / "eval_floor.json").read_text())


def test_eval_floor_dev_set_is_the_pinned_one():
    digest = hashlib.sha256((DATA / "dev.jsonl").read_bytes()).hexdigest()
    assert digest == floor()["sha256"], "dev.jsonl changed: update eval_floor.json's sha256 in the same commit"


def test_eval_floor_dev_set_is_big_and_varied_enough():
    gold = evaluate.load_gold(DATA / "dev.jsonl")
    negatives = [g for g in gold if not g["figures"]]
    assert len(gold) >= 60 and len(negatives) >= 15


def test_eval_floor_f1_on_the_dev_set():
    report = evaluate.score(evaluate.load_gold(DATA / "dev.jsonl"), evaluate.pipeline_predictor())
    assert report.f1 >= floor()["f1_floor"], f"F1 {report.f1:.3f} fell below {floor()['f1_floor']}"


def test_eval_cli_prints_the_scores():
    out = subprocess.run([sys.executable, "-m", "crossings", "eval", str(DATA / "dev.jsonl"), "--format", "json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["f1"] >= floor()["f1_floor"]
