"""Benchmark `crossings extract --batch`: articles per second and peak memory on a few hundred passages.

    .venv/bin/python bench/extract.py [--n 400]

Passages come from tests/data/dev.jsonl (cycled to --n lines). Runs the real CLI in a subprocess, so
the figure includes start-up (imports, the place index); it prints both the total and the rate after
start-up. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def passages(n: int) -> list[dict]:
    gold = [json.loads(line) for line in (ROOT / "tests/data/dev.jsonl").read_text().splitlines() if line.strip()]
    return [{"id": f"{g['id']}-{i}", "text": g["text"], "published": g.get("pub_date")}
            for i, g in zip(range(n), itertools.cycle(gold), strict=False)]


def run(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "crossings", "extract", "--batch", str(path)],
                         capture_output=True, check=False)
    seconds = time.perf_counter() - started
    return seconds, len(out.stdout.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()
    items = passages(args.n)
    words = sum(len(i["text"].split()) for i in items)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps(items[0]) + "\n")
        startup, _ = run(one)
        path = Path(tmp) / "batch.jsonl"
        path.write_text("\n".join(json.dumps(i) for i in items) + "\n")
        seconds, lines = run(path)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"passages: {lines} ({words} words)")
    print(f"total: {seconds:.2f} s -> {lines / seconds:.1f} articles/s including start-up ({startup:.2f} s)")
    print(f"after start-up: {lines / max(seconds - startup, 1e-9):.1f} articles/s, "
          f"{words / max(seconds - startup, 1e-9):,.0f} words/s")
    print(f"peak memory (max RSS of the CLI process): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
