"""Benchmark for stage 5 on a growing corpus: what one more run of dedupe costs when a store of N
articles gets a few hundred new ones, clustering only those (the band index) against clustering the
whole corpus again (`--full`, what every run cost before the index). Prints figures; never asserts.

    .venv/bin/python bench/dedupe.py [--n 20000] [--new 200] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import article, near_copy  # noqa: E402 - the same synthetic articles as bench/ingest.py


def fill(store, rng: random.Random, start: int, n: int, texts: list[str]) -> None:
    """n articles, one in ten a near-copy of an earlier one, saved without extraction (stage 5 only)."""
    from crossings.records import Article, ArticleResult

    batch = []
    for i in range(start, start + n):
        text = near_copy(rng, rng.choice(texts)) if texts and rng.random() < 0.1 else article(rng, i)
        texts.append(text)
        batch.append(ArticleResult(Article(text=text, source=f"bench-{i}.txt")))
        if len(batch) == 1000:
            store.save_many(batch)
            batch = []
    store.save_many(batch)


def timed(step) -> tuple[float, int]:
    clock = time.perf_counter()
    found = step()
    return time.perf_counter() - clock, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles already in the store")
    parser.add_argument("--new", type=int, default=200, help="articles the next run adds")
    parser.add_argument("--db", help="database URL (default: a SQLite file in a temp dir)")
    args = parser.parse_args()

    from crossings import dedupe
    from crossings.config import Settings
    from crossings.store import open_store

    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'dedupe.sqlite'}"
    rng, texts, settings = random.Random(1), [], Settings(db=url)
    with open_store(url) as store:
        fill(store, rng, 0, args.n, texts)
        dedupe.sign_new(store)  # signatures are made once per article either way: off the clock
        first, stories = timed(lambda: dedupe.cluster(store, settings))
        fill(store, rng, args.n, args.new, texts)
        dedupe.sign_new(store)
        added, after = timed(lambda: dedupe.cluster(store, settings))
        full, again = timed(lambda: dedupe.cluster(store, settings, full=True))
    print(f"store: {url.split('://')[0]}, {args.n:,} articles, then {args.new:,} more")
    print(f"{'step':52} {'s':>8} {'stories':>8}")
    print(f"{'first run: all ' + format(args.n, ',') + ' articles new':52} {first:8.2f} {stories:8,}")
    print(f"{'next run, ' + format(args.new, ',') + ' new (band index)':52} {added:8.2f} {after:8,}")
    print(f"{'the same, the whole corpus again (--full)':52} {full:8.2f} {again:8,}")
    print(f"next run: {full / max(added, 1e-9):.0f}x faster with the band index; same stories: {after == again}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")


if __name__ == "__main__":
    main()
