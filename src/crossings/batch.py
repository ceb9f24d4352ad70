"""Archive-size runs: stages 2-4 (`pipeline.process_safely`) and stage 5's signatures on Dask workers;
stage 1 (reading) and stage 5's grouping in this process.

Stage 6, saving, depends on the store. SQLite has a single writer, so workers send their results back
and this process saves them; it then caps the run at a few hundred articles a second, whatever the
cluster. PostgreSQL takes parallel writers, so there each worker saves its own results (`Settings.
parallel_writes`, on by default) and sends back only a receipt per document. The same code runs on a
local cluster or on `scheduler="tcp://HOST:PORT"`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from crossings import pipeline
from crossings.config import Settings
from crossings.errors import CrossingsError, require
from crossings.pipeline import RunSummary
from crossings.records import ArticleResult, Failure, RawDoc

PARTITION_DOCS = 32  # documents per task: a few tenths of a second of work, far above Dask's overhead
PARTITION_BYTES = 8_000_000  # ... or fewer, when the documents are large
IN_FLIGHT_PER_WORKER = 3  # partitions queued per worker thread: enough to keep it busy, memory bounded
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
        with _progress(progress) as show:
            return run_on(client, read_sources(inputs, settings), store, settings, show)


def run_on(client: Any, items: Iterable[RawDoc | Failure], store: Any, settings: Settings,
           on_item: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """The run proper, on a connected `distributed.Client`: read, submit, collect, save, dedupe."""
    from distributed import as_completed

    from crossings import dedupe

    summary, started, clock = RunSummary(), pipeline._now(), time.perf_counter()
    pending, sources = as_completed(), {}
    limit = IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))
    task = save_partition if workers_write(settings) else process_partition
    for docs in partitions(_new_docs(items, store, summary, on_item)):
        future = client.submit(task, docs, settings, pure=False)
        sources[future.key] = [doc.source for doc in docs]
        pending.add(future)
        while pending.count() >= limit:
            _collect(next(pending), sources, store, summary, on_item)
    for future in pending:
        _collect(future, sources, store, summary, on_item)
    summary.clusters = dedupe.cluster(store, settings)
    summary.seconds = time.perf_counter() - clock
    store.record_run(started, summary.to_dict())
    return summary


Outcome = tuple[ArticleResult | Failure, dict[str, Any] | None]  # (result, its MinHash row or None)


def process_partition(docs: list[RawDoc], settings: Settings) -> list[Outcome]:
    """What a worker runs: the same per-document path as `crossings ingest`, and each article's MinHash
    signature (the costly part of stage 5, which would otherwise run serially in the writer)."""
    outcomes = [pipeline.process_safely(doc, settings) for doc in docs]
    return [(o, None if isinstance(o, Failure) else signature_row(o.article.text)) for o in outcomes]


def workers_write(settings: Settings) -> bool:
    """Whether workers save their own results: on PostgreSQL (many writers), unless turned off."""
    from crossings.store.engine import parse_url

    return settings.parallel_writes and parse_url(settings.db).get_backend_name() == "postgresql"


def save_partition(docs: list[RawDoc], settings: Settings) -> RunSummary:
    """What a worker runs when it writes: `process_partition`, then the same saves as the client's, into
    its own connection to the store; it returns the counts. The store settles two workers saving one text."""
    saved = RunSummary()
    _save_all(process_partition(docs, settings), _worker_store(settings.db), saved)
    return saved


_STORES: dict[str, Any] = {}  # one open store per worker process and database


def _worker_store(url: str) -> Any:
    from crossings.store import open_store

    if url not in _STORES:
        _STORES[url] = open_store(url)
    return _STORES[url]


def signature_row(text: str) -> dict[str, Any]:
    """The row `dedupe.sign_new` would store for this text, less the article id the store assigns."""
    from crossings import dedupe

    found = dedupe.shingles(text)
    return {"num_perm": dedupe.NUM_PERM, "shingles": len(found), "wire": dedupe.credits_wire(text),
            "hashvalues": dedupe.signature(found).hashvalues.tobytes()}


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


def _collect(future: Any, sources: dict[str, list[str]], store: Any, summary: RunSummary,
             on_item: Callable[[RunSummary], None] | None) -> None:
    """Save one finished partition's outcomes; a partition lost as a whole fails each of its documents."""
    names = sources.pop(future.key)
    try:
        result: list[Outcome] | RunSummary = future.result()
    except Exception as exc:  # noqa: BLE001 - a killed worker or a lost task must not stop the run
        result = [(Failure(name, "process", "worker_failed", f"{type(exc).__name__}: {exc}"), None)
                  for name in names if not _stored(store, name)]  # a writing worker may have saved some
    if isinstance(result, RunSummary):  # a writing worker saved them: only its counts come back
        summary.add(result)
        if on_item:
            on_item(summary)
    else:
        _save_all(result, store, summary, on_item)
    future.release()


def _save_all(outcomes: list[Outcome], store: Any, summary: RunSummary,
              on_item: Callable[[RunSummary], None] | None = None) -> None:
    """Save each outcome with pipeline.run's counts, then the MinHash signatures of the new articles."""
    signatures = []
    for outcome, signature in outcomes:
        article_id = _save(outcome, store, summary)
        if article_id is not None and signature is not None:
            signatures.append(signature | {"article_id": article_id})
        if on_item:
            on_item(summary)
    store.save_minhashes(signatures)  # articles left unsigned here are signed by dedupe.cluster


def _stored(store: Any, source: str) -> bool:
    return store.has_source(RawDoc(source=source, content=b""))


def _save(outcome: ArticleResult | Failure, store: Any, summary: RunSummary) -> int | None:
    """pipeline.run's save and counts, returning the id of a newly stored article."""
    if isinstance(outcome, Failure):
        pipeline._save(outcome, store, summary)
        return None
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
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        yield client


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
