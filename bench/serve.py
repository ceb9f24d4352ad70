"""Bench: `crossings serve` on loopback over the sample corpus; a bounded load on the main read endpoints.

    .venv/bin/python bench/serve.py [--requests 300] [--concurrency 4] [--db sqlite:///PATH]

The server runs in its own process (as `crossings serve` would); a few threads, each with its own
httpx client, send the requests. Prints requests/s and p50/p99 latency per endpoint. Never asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from crossings.serve.testing import free_port, sample_db


def endpoints(client: httpx.Client) -> list[tuple[str, str]]:
    """(label, path) of the reads a dashboard user makes, on the corpus's busiest corridor."""
    corridors = client.get("/api/corridors").json()
    top = max((c for c in corridors if "?" not in (c["origin"], c["destination"])),
              key=lambda c: c["n_figures"], default={"origin": "UA", "destination": "PL"})
    pair = f"{top['origin']}/{top['destination']}"
    return [
        ("dashboard page", "/"),
        ("articles", "/api/articles?limit=50"),
        ("articles ?q", "/api/articles?q=border"),
        ("article", "/api/articles/1"),
        ("figures", "/api/figures?limit=100"),
        (f"figures {pair}", f"/api/figures?origin={top['origin']}&destination={top['destination']}"),
        ("corridors", "/api/corridors"),
        (f"series {pair}", f"/api/corridors/{pair}/series"),
        ("conflicts", "/api/conflicts"),
        ("export figures csv", "/api/export/figures?format=csv"),
    ]


@contextmanager
def server(db: str):
    """`crossings serve` in a child process on a free loopback port; stopped on exit."""
    port = free_port()
    env = {**os.environ, "CROSSINGS_TOKEN": ""}
    child = subprocess.Popen([sys.executable, "-m", "crossings", "serve", "--db", db, "--port", str(port)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, child)
        yield url
    finally:
        child.terminate()
        child.wait(timeout=10)


def _wait_until_up(url: str, child: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"the server on {url} did not come up")


def load(url: str, path: str, requests: int, concurrency: int) -> tuple[float, list[float], int]:
    """(seconds, latencies in ms, errors) for `requests` GETs spread over `concurrency` clients."""
    share = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]

    def worker(n: int) -> tuple[list[float], int]:
        times, errors = [], 0
        with httpx.Client(base_url=url, timeout=30) as client:
            for _ in range(n):
                started = time.perf_counter()
                errors += client.get(path).status_code >= 400
                times.append((time.perf_counter() - started) * 1000)
        return times, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, share))
    elapsed = time.perf_counter() - started
    return elapsed, [t for times, _ in results for t in times], sum(e for _, e in results)


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def report(url: str, requests: int, concurrency: int) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        targets = endpoints(client)
        stats = client.get("/api/figures?limit=1").json()["total"], client.get("/api/articles?limit=1").json()
    print(f"corpus: {stats[1]['total']} articles, {stats[0]} figures; {requests} requests per endpoint, "
          f"{concurrency} concurrent clients\n")
    print(f"{'endpoint':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for label, path in targets:
        load(url, path, min(20, requests), concurrency)  # warm-up
        elapsed, times, errors = load(url, path, requests, concurrency)
        print(f"{label:<28}{len(times) / elapsed:>9.0f}{percentile(times, 50):>9.1f}"
              f"{percentile(times, 99):>9.1f}{errors:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients")
    parser.add_argument("--db", help="database URL (default: the sample corpus in a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as tmp:
        db = args.db or sample_db(Path(tmp) / "bench.sqlite")
        with server(db) as url:
            report(url, args.requests, args.concurrency)


if __name__ == "__main__":
    main()
