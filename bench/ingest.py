"""Benchmark for stages 1-6: generate a few thousand plain-text articles (some of them syndicated
near-copies) and ingest them into SQLite and into a throwaway PostgreSQL. Prints figures; never asserts.

    .venv/bin/python bench/ingest.py [--n 3000] [--backends sqlite,postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import tempfile
import time
from pathlib import Path

PAIRS = [("Russians", "Kazakhstan"), ("Russians", "Georgia"), ("Ukrainians", "Poland"), ("Afghans", "Iran"),
         ("Venezuelans", "Colombia"), ("Sudanese", "Chad"), ("Syrians", "Turkey"), ("Rohingya", "Bangladesh")]
MOVES = ["About {n:,} {who} have crossed into {where} since the start of the month, officials said.",
         "Nearly {n:,} {who} entered {where} on Tuesday, the interior ministry said.",
         "At least {n:,} {who} arrived in {where} last week, according to the UN refugee agency.",
         "Border guards said from {lo:,} to {hi:,} {who} were entering {where} daily."]
WORDS = ["queue", "checkpoint", "road", "family", "car", "bus", "winter", "night", "officials", "camp", "food",
         "water", "aid", "price", "town", "river", "bridge", "station", "village", "market", "school",
         "hospital", "truck", "visa", "passport", "border", "guard", "rain"]


def article(rng: random.Random, i: int) -> str:
    who, where = rng.choice(PAIRS)
    n = rng.randrange(100, 200_000)
    moves = [rng.choice(MOVES).format(n=n, lo=n, hi=n + rng.randrange(50, 5000), who=who, where=where)
             for _ in range(rng.randrange(1, 4))]
    filler = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(10, 25))).capitalize() + "."
              for _ in range(rng.randrange(6, 14))]
    body = moves[:1] + filler[: len(filler) // 2] + moves[1:] + filler[len(filler) // 2:]
    return f"Report {i}: {who} head for {where}\n\n" + " ".join(body) + "\n"


def near_copy(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(3):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words).replace(": ", " (AFP): ", 1)


def generate(folder: Path, n: int, seed: int = 1) -> int:
    """n articles, one in ten a syndicated near-copy of an earlier one; returns the number of copies."""
    rng, texts, copies = random.Random(seed), [], 0
    for i in range(n):
        if texts and rng.random() < 0.1:
            text, copies = near_copy(rng, rng.choice(texts)), copies + 1
        else:
            text = article(rng, i)
        texts.append(text)
        (folder / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
    return copies


def ingest(folder: str, url: str, spare_url: str) -> dict:
    """One backend, in its own process so that peak memory is its own. `spare_url` is an empty
    database for timing the store alone (saves of already extracted articles)."""
    from crossings import dedupe, pipeline
    from crossings.config import load
    from crossings.ingest import read_sources
    from crossings.store import open_store

    settings = load(db=url)
    with open_store(url) as store:
        started = time.perf_counter()
        summary = pipeline.run(read_sources([folder], settings), store, settings)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = pipeline.run(read_sources([folder], settings), store, settings)
        rerun = time.perf_counter() - started
        started = time.perf_counter()
        dedupe.cluster(store, settings)
        recluster = time.perf_counter() - started
    return {"summary": summary.to_dict(), "seconds": first, "rerun": rerun, "rerun_dups": again.duplicates,
            "recluster": recluster, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "store_only": store_only(folder, spare_url, settings)}


def store_only(folder: str, url: str, settings) -> float:
    """Articles per second for Store.save alone, one transaction each."""
    from crossings import pipeline
    from crossings.ingest import read_sources
    from crossings.store import open_store

    results = [pipeline.process(raw, settings) for raw in read_sources([folder], settings)]
    with open_store(url) as store:
        started = time.perf_counter()
        for result in results:
            store.save(result)
        return len(results) / (time.perf_counter() - started)


def in_child(folder: str, url: str, spare_url: str) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(ingest, (folder, url, spare_url))


def dedupe_alone(n: int) -> tuple[float, float]:
    """Seconds to sign n texts and to cluster n signatures (no database)."""
    from crossings import dedupe

    rng = random.Random(2)
    texts = [article(rng, i) for i in range(n)]
    started = time.perf_counter()
    shingled = [dedupe.shingles(t) for t in texts]
    values = [dedupe.signature(s).tobytes() for s in shingled]
    sign = time.perf_counter() - started
    started = time.perf_counter()
    signed = [dedupe.signed(i, v, len(s)) for i, (v, s) in enumerate(zip(values, shingled, strict=True))]
    dedupe.link(signed, {i: dedupe.band_keys(v) for i, v in enumerate(values)}, [], 0.5)
    return sign, time.perf_counter() - started


def report(name: str, n: int, copies: int, result: dict) -> None:
    s = result["summary"]
    print(f"{name:10} {n} articles in {result['seconds']:.1f} s = {n / result['seconds']:.0f} articles/s; "
          f"new {s['new']}, duplicates {s['duplicates']}, clusters {s['clusters']} "
          f"(expected about {n - copies}), figures {s['figures']}, failed {s['failed_total']}")
    print(f"{'':10} re-run (all already stored): {result['rerun']:.1f} s ({result['rerun_dups']} skipped); "
          f"re-cluster alone: {result['recluster']:.2f} s; peak RSS {result['peak_mb']:.0f} MB")
    print(f"{'':10} the store alone (save of extracted articles, a transaction each): "
          f"{result['store_only']:.0f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as tmp:
        folder = Path(tmp, "news")
        folder.mkdir()
        copies = generate(folder, args.n)
        print(f"generated {args.n} articles ({copies} near-copies) in {folder}")
        sign, group = dedupe_alone(args.n)
        print(f"dedupe alone: signing {args.n} texts {sign:.2f} s ({1000 * sign / args.n:.2f} ms each), "
              f"LSH + union-find over them {group:.2f} s")
        for backend in args.backends.split(","):
            run_backend(backend.strip(), tmp, str(folder), args.n, copies)


def run_backend(backend: str, tmp: str, folder: str, n: int, copies: int) -> None:
    if backend == "sqlite":
        report("sqlite", n, copies, in_child(folder, f"sqlite:///{tmp}/bench.sqlite", f"sqlite:///{tmp}/spare.sqlite"))
        return
    from crossings.store.testing import TemporaryPostgres, find_bin_dir

    if find_bin_dir() is None:
        print("postgres   skipped: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
        return
    with TemporaryPostgres() as pg:
        report("postgres", n, copies, in_child(folder, pg.create_database("bench"), pg.create_database("spare")))


if __name__ == "__main__":
    main()
