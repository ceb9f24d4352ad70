"""Archive-size runs: stages 1-4 (`shards.read`, `pipeline.process_safely`) and stage 5's signatures on
Dask workers; the plan of stage 1 and stage 5's grouping in this process.

The client only plans: it finds where each shard of input starts (record offsets in a WARC, line offsets
in JSON lines, lists of pages) and each worker reads its own shards, skipping sources already stored, so
reading is not serial. Workers on a remote scheduler that cannot see the inputs get documents read here
instead. Stage 6, saving, depends on the store. SQLite has a single writer, so workers send their results
back and this process saves them. PostgreSQL takes parallel writers, so there each worker saves its own
results (`Settings.parallel_writes`, on by default) and sends back only its counts. The same code runs
on a local cluster or on `scheduler="tcp://HOST:PORT"`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from itertools import groupby
from pathlib import Path
from typing import Any

from crossings import pipeline
from crossings.config import Settings
from crossings.errors import CrossingsError, require
from crossings.ingest import shards
from crossings.ingest.shards import Shard
from crossings.pipeline import RunSummary
from crossings.records import ArticleResult, Failure, RawDoc

PARTITION_DOCS = shards.SHARD_DOCS  # documents the client read, per task: as many as in a shard
PARTITION_BYTES = shards.SHARD_BYTES
IN_FLIGHT_PER_WORKER = 3  # tasks queued per worker thread: enough to keep it busy, memory bounded
# Stage 5 clusters the articles saved so far whenever this many are waiting, while the workers go on with
# the queued tasks: its grouping overlaps the processing instead of adding a serial tail to the run.
CLUSTER_EVERY = 500
WARM_UP = RawDoc(source="crossings-batch-warm-up", content_type="text/html",
                 content=b"<html><body><p>About 1,000 people crossed the border on Monday.</p></body></html>")


def run(inputs: Iterable[str], db_url: str, settings: Settings, workers: int | None = None,
        scheduler: str | None = None, progress: bool = True) -> RunSummary:
    """Process every document the inputs name (files, folders, JSONL, WARC, URLs) on a Dask cluster.

    Same results as `pipeline.run`: sources already stored are skipped before any work, each article
    is saved once, each failure is recorded with its reason, then stage 5 (dedupe) runs once.
    `workers` sizes the local cluster (default: settings.workers); `scheduler` uses a running one.
    """
    distributed = require("distributed", "dask")
    from crossings.ingest import read_sources
    from crossings.store import open_store

    with open_store(db_url) as store, _client(distributed, scheduler, workers or settings.workers) as client:
        client.run(warm_up, settings)
        see = scheduler is None or workers_see(client, inputs, settings.db)
        items = shards.plan(inputs, settings) if see else read_sources(inputs, settings)
        with _progress(progress) as show:
            return run_on(client, items, store, settings, show)


Work = Shard | list[RawDoc]  # what one task gets: a shard to read, or documents this process read


def run_on(client: Any, items: Iterable[Shard | RawDoc | Failure], store: Any, settings: Settings,
           on_item: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """The run proper, on a connected `distributed.Client`: plan, submit, collect, save, dedupe."""
    from distributed import as_completed

    from crossings import dedupe

    summary, started, clock = RunSummary(), pipeline._now(), time.perf_counter()
    pending, submitted = as_completed(), {}
    limit = IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))
    clustered = 0
    for work in _tasks(items, store, summary, on_item):
        future = client.submit(run_task, work, settings, pure=False)
        submitted[future.key] = work
        pending.add(future)
        while pending.count() >= limit:
            _collect(next(pending), submitted, store, summary, settings, on_item)
            if summary.new - clustered >= CLUSTER_EVERY:
                clustered = summary.new
                dedupe.cluster(store, settings)
    for future in pending:
        _collect(future, submitted, store, summary, settings, on_item)
    summary.clusters = dedupe.cluster(store, settings)
    summary.seconds = time.perf_counter() - clock
    store.record_run(started, summary.to_dict())
    return summary


def _tasks(items: Iterable[Shard | RawDoc | Failure], store: Any, summary: RunSummary,
           on_item: Callable[[RunSummary], None] | None) -> Iterator[Work]:
    """Shards as planned; the documents read here, new ones only, in partitions between them."""
    for is_shard, group in groupby(items, key=lambda item: isinstance(item, Shard)):
        if is_shard:
            yield from group
        else:
            yield from partitions(_new_docs(group, store, summary, on_item))  # noqa: B031 - group used once


Outcome = tuple[ArticleResult | Failure, dict[str, Any] | None]  # (result, its MinHash row or None)


def run_task(work: Work, settings: Settings) -> tuple[RunSummary, list[Outcome]]:
    """What a worker runs: read the shard (sources already stored are skipped and counted), process each
    document, and either save the outcomes itself (workers write) or send them back to be saved."""
    counts, outcomes = RunSummary(), []
    docs = work
    if isinstance(work, Shard):
        read = list(shards.read(work, settings))
        outcomes = [(item, None) for item in read if isinstance(item, Failure)]
        docs = [item for item in read if not isinstance(item, Failure)]
        stored = _worker_store(settings.db).stored_sources(docs)
        counts.seen, counts.duplicates = len(read), sum(stored)
        docs = [doc for doc, known in zip(docs, stored, strict=True) if not known]
    outcomes += process_partition(docs, settings)
    if not workers_write(settings):
        return counts, outcomes
    _save_all(outcomes, _worker_store(settings.db), counts)
    return counts, []


def process_partition(docs: list[RawDoc], settings: Settings) -> list[Outcome]:
    """The same per-document path as `crossings ingest`, and each article's MinHash signature (the
    costly part of stage 5, which would otherwise run serially in the writer)."""
    from crossings import dedupe

    outcomes = [pipeline.process_safely(doc, settings) for doc in docs]
    return [(o, None if isinstance(o, Failure) else dedupe.signature_row(o.article.text)) for o in outcomes]


def workers_write(settings: Settings) -> bool:
    """Whether workers save their own results: on PostgreSQL (many writers), unless turned off."""
    from crossings.store.engine import parse_url

    return settings.parallel_writes and parse_url(settings.db).get_backend_name() == "postgresql"


def workers_see(client: Any, inputs: Iterable[str], db_url: str) -> bool:
    """Whether every worker of a cluster can read the input files (and a SQLite store) where this process
    reads them (relative paths from the worker's folder): a shared filesystem, or the same machine. If
    not, this process reads the inputs."""
    from crossings.ingest import web
    from crossings.store.engine import parse_url

    paths = [spec for spec in map(str, inputs) if not web.is_url(spec)]
    url = parse_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        paths.append(url.database)
    seen = client.run(_all_exist, paths)
    if all(seen.values()):
        return True
    logging.getLogger(__name__).warning("some Dask workers cannot see the inputs: reading them here")
    return False


def _all_exist(paths: list[str]) -> bool:
    return all(Path(p).exists() for p in paths)


_STORES: dict[str, Any] = {}  # one open store per worker process and database


def _worker_store(url: str) -> Any:
    from crossings.store import open_store

    if url not in _STORES:
        _STORES[url] = open_store(url)
    return _STORES[url]


def warm_up(settings: Settings) -> None:
    """Load every stage's libraries and data on a worker before the first real partition arrives."""
    pipeline.process_safely(WARM_UP, settings.replace(triage=False))


def partitions(docs: Iterable[RawDoc], size: int = PARTITION_DOCS,
               max_bytes: int = PARTITION_BYTES) -> Iterator[list[RawDoc]]:
    """Consecutive lists of at most `size` documents and (beyond the first) `max_bytes` bytes."""
    batch: list[RawDoc] = []
    weight = 0
    for doc in docs:
        if batch and (len(batch) >= size or weight + len(doc.content) > max_bytes):
            yield batch
            batch, weight = [], 0
        batch.append(doc)
        weight += len(doc.content)
    if batch:
        yield batch


def _new_docs(items: Iterable[RawDoc | Failure], store: Any, summary: RunSummary,
              on_item: Callable[[RunSummary], None] | None) -> Iterator[RawDoc]:
    """Documents not stored yet; read failures and already stored sources are counted here."""
    for item in items:
        summary.seen += 1
        if isinstance(item, RawDoc) and not store.has_source(item):
            yield item
            continue
        if isinstance(item, Failure):
            pipeline._save(item, store, summary)
        else:
            summary.duplicates += 1  # stored by an earlier run: not even sent to a worker
        if on_item:
            on_item(summary)


def _collect(future: Any, submitted: dict[str, Work], store: Any, summary: RunSummary, settings: Settings,
             on_item: Callable[[RunSummary], None] | None) -> None:
    """Fold in one finished task's counts and save its outcomes; a task lost as a whole fails each of
    its documents that is not stored (a writing worker may have saved some)."""
    work = submitted.pop(future.key)
    try:
        counts, outcomes = future.result()
    except Exception as exc:  # noqa: BLE001 - a killed worker or a lost task must not stop the run
        counts, outcomes = _lost(work, exc, store, settings)
    summary.add(counts)
    _save_all(outcomes, store, summary)
    if on_item:
        on_item(summary)
    future.release()


def _lost(work: Work, exc: Exception, store: Any, settings: Settings) -> tuple[RunSummary, list[Outcome]]:
    counts = RunSummary()
    docs = work
    if isinstance(work, Shard):  # read it again here, to name what it held
        docs = list(shards.read(work, settings))
        counts.seen = len(docs)
    why = f"{type(exc).__name__}: {exc}"
    return counts, [(doc if isinstance(doc, Failure) else Failure(doc.source, "process", "worker_failed", why), None)
                    for doc in docs if isinstance(doc, Failure) or not store.has_source(doc)]


def _save_all(outcomes: list[Outcome], store: Any, summary: RunSummary) -> None:
    """Save a task's outcomes with pipeline.run's counts: failures one by one, articles and their
    MinHash signatures in one transaction (one by one if one of them cannot be stored, so it alone fails)."""
    articles = [(result, signature) for result, signature in outcomes if not isinstance(result, Failure)]
    for result, _ in outcomes:
        if isinstance(result, Failure):
            pipeline._save(result, store, summary)
    try:
        saved = store.save_many([result for result, _ in articles], [signature for _, signature in articles])
    except CrossingsError:
        for result, signature in articles:
            article_id = _save(result, store, summary)
            if article_id is not None and signature is not None:
                store.save_minhashes([signature | {"article_id": article_id}])
        return
    for (result, _), out in zip(articles, saved, strict=True):
        summary.new += out.new
        summary.duplicates += not out.new
        summary.figures += len(result.figures) if out.new else 0


def _save(outcome: ArticleResult, store: Any, summary: RunSummary) -> int | None:
    """pipeline.run's save and counts, returning the id of a newly stored article."""
    try:
        saved = store.save(outcome)
    except CrossingsError as exc:
        pipeline._save(Failure(outcome.article.source, "store", exc.reason, str(exc)), store, summary)
        return None
    if not saved.new:
        summary.duplicates += 1
        return None
    summary.new += 1
    summary.figures += len(outcome.figures)
    return saved.article_id


@contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Client on the given scheduler, or on a local cluster of `workers` single-threaded processes."""
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers) as cluster, distributed.Client(cluster) as client:
        yield client


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A LocalCluster of single-threaded worker processes, started without MALLOC_TRIM_THRESHOLD_ and
    without the statistical profiler.

    Dask's nanny sets that variable so that workers hand freed memory back to the OS, but setting it also
    pins glibc's mmap threshold at 128 KiB: every page-sized string is then mapped and unmapped anew, and
    the pipeline ran about 30 % slower in a worker than in one process (bench/README.md). Peak memory
    without it stays far under the 1 GiB budget per worker, as the benchmark measures. The profiler
    samples each worker's stack every 10 ms for a dashboard this cluster does not serve (about 8 % of a
    worker's CPU here)."""
    import dask
    import distributed

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                          "distributed.worker.profile.enabled": False}):  # while the workers start, only
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
    with cluster:
        yield cluster


def _progress(show: bool):
    """A live count on stderr (the total is unknown while inputs stream in), or nothing."""
    if not show:
        return nullcontext(None)
    return _rich_progress()


@contextmanager
def _rich_progress() -> Iterator[Callable[[RunSummary], None]]:
    from rich import progress as rp
    from rich.console import Console

    columns = (rp.SpinnerColumn(), rp.TextColumn("batch"), rp.TextColumn("{task.completed} done"),
               rp.TextColumn("{task.fields[status]}"), rp.TimeElapsedColumn())
    with rp.Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("batch", total=None, status="")
        yield lambda s: bar.update(task, completed=done(s), status=status(s))


def done(summary: RunSummary) -> int:
    return summary.new + summary.duplicates + sum(summary.failed.values())


def status(summary: RunSummary) -> str:
    return (f"read {summary.seen} · new {summary.new} · duplicates {summary.duplicates} · "
            f"failed {sum(summary.failed.values())} · figures {summary.figures}")
