"""`crossings batch` on a real local Dask cluster: each document stored once, failures kept, re-runs idle."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from crossings import batch, pipeline
from crossings.config import Settings
from crossings.errors import MissingExtra
from crossings.ingest.shards import Shard
from crossings.records import RawDoc
from crossings.sample import WARC
from crossings.store import FigureQuery, open_store

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'crossings[dask]'")

MOVEMENT = ("About {n},000 refugees crossed into Poland from Ukraine on Sunday, the border guard said. "
            "Volunteers handed out food at the crossing.")
OTHER = "{team} beat Rovers {n}-1 on Saturday in front of a crowd of 12,000."
PAGE = ("<!DOCTYPE html><html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Story {n}</h1><p>{body}</p><p>More to follow on this story.</p></article></body></html>")
N_PAGES, N_LINES, N_WARC = 16, 6, 8  # pages, JSON lines and pages of the sample crawl (all new)
N_NEW = N_PAGES + N_LINES + N_WARC


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of HTML pages (one in four about movement), a JSONL file (one broken item in each) and
    a WARC crawl."""
    root = tmp_path_factory.mktemp("corpus")
    pages = root / "pages"
    pages.mkdir()
    for n in range(N_PAGES):
        body = (MOVEMENT if n % 4 == 0 else OTHER).format(n=n + 2, team=f"United {n}")
        (pages / f"story-{n:02d}.html").write_text(PAGE.format(n=n, body=body), encoding="utf-8")
    (pages / "broken.html").write_bytes(b"\x00\x01\x02 not a page")
    lines = [json.dumps({"id": f"line-{n}", "text": (MOVEMENT if n % 2 else OTHER).format(n=n + 40, team="City"),
                         "published": "2023-03-01"}) for n in range(N_LINES)]
    (root / "lines.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    shutil.copy(WARC, root / "crawl.warc.gz")
    return root


@pytest.fixture(scope="module")
def cluster():
    """One two-worker local cluster shared by the tests that pass `scheduler=`."""
    with batch.local_cluster(2) as local:
        yield local


def inputs(corpus: Path) -> list[str]:
    return [str(corpus / "pages"), str(corpus / "lines.jsonl"), str(corpus / "crawl.warc.gz")]


def settings(db: str) -> Settings:
    return Settings(db=db)


def test_batch_stores_each_document_once_and_keeps_failures(corpus: Path, sqlite_url: str) -> None:
    summary = batch.run(inputs(corpus), sqlite_url, settings(sqlite_url), workers=2, progress=False)
    assert (summary.seen, summary.new, summary.duplicates) == (N_NEW + 2, N_NEW, 0)
    assert sum(summary.failed.values()) == 2
    with open_store(sqlite_url) as store:
        assert store.count_articles() == N_NEW
        assert {row["source"] for row in store.failures()} == {str(corpus / "pages" / "broken.html"),
                                                               f"{corpus / 'lines.jsonl'}#{N_LINES + 1}"}


def _worker_tuning() -> tuple[str | None, bool]:
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")


def test_local_workers_keep_glibcs_adaptive_malloc_and_no_profiler(cluster) -> None:
    """Dask's defaults made a worker ~30 % slower than one process (see batch.local_cluster)."""
    import dask

    assert dask.config.get("distributed.nanny.pre-spawn-environ")["MALLOC_TRIM_THRESHOLD_"]  # Dask's default
    with distributed.Client(cluster) as client:
        assert set(client.run(_worker_tuning).values()) == {(None, False)}


def test_batch_rerun_adds_nothing(corpus: Path, sqlite_url: str, cluster) -> None:
    address = cluster.scheduler_address
    first = batch.run(inputs(corpus), sqlite_url, settings(sqlite_url), scheduler=address, progress=False)
    again = batch.run(inputs(corpus), sqlite_url, settings(sqlite_url), scheduler=address, progress=False)
    assert first.new == N_NEW
    assert (again.new, again.duplicates, again.figures) == (0, N_NEW, 0)
    with open_store(sqlite_url) as store:
        assert store.count_articles() == N_NEW


def test_batch_matches_the_sequential_run(corpus: Path, tmp_path: Path, cluster,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers read shards of three documents each (several per file) and store what `ingest` stores,
    clustered in steps while they work as `ingest` clusters them at the end."""
    from crossings.ingest import read_sources, shards

    monkeypatch.setattr(shards, "SHARD_DOCS", 3)
    monkeypatch.setattr(batch, "CLUSTER_EVERY", 2)
    urls = [f"sqlite:///{tmp_path / name}.sqlite" for name in ("batch", "sequential")]
    on_dask = batch.run(inputs(corpus), urls[0], settings(urls[0]), scheduler=cluster.scheduler_address,
                        progress=False)
    with open_store(urls[1]) as store:
        alone = pipeline.run(read_sources(inputs(corpus), settings(urls[1])), store, settings(urls[1]))
    assert on_dask.to_dict() | {"seconds": 0} == alone.to_dict() | {"seconds": 0}
    with open_store(urls[0]) as left, open_store(urls[1]) as right:
        assert left.count_figures(FigureQuery()) == right.count_figures(FigureQuery())
        assert signatures(left) == signatures(right)  # signed on the workers, as dedupe signs them
        assert stories(left) == stories(right)


@pytest.mark.postgres
def test_batch_workers_write_to_postgresql_as_the_one_writer_would(corpus: Path, postgres_server, cluster) -> None:
    """Parallel writers (each worker saves its own results) end with the same corpus, counts, failures
    and signatures as the client writing alone; a re-run adds nothing."""
    urls = [postgres_server.create_database(f"batch_{name}") for name in ("parallel", "single")]
    address = cluster.scheduler_address
    runs = [batch.run(inputs(corpus), url, settings(url).replace(parallel_writes=writes), scheduler=address,
                      progress=False) for url, writes in zip(urls, (True, False), strict=True)]
    assert batch.workers_write(settings(urls[0])) and not batch.workers_write(settings(urls[1]).replace(
        parallel_writes=False))
    assert runs[0].to_dict() | {"seconds": 0} == runs[1].to_dict() | {"seconds": 0}
    assert runs[0].new == N_NEW and sum(runs[0].failed.values()) == 2
    with open_store(urls[0]) as left, open_store(urls[1]) as right:
        assert left.count_figures(FigureQuery()) == right.count_figures(FigureQuery()) > 0
        assert signatures(left) == signatures(right)
        assert sorted(r["source"] for r in left.failures()) == sorted(r["source"] for r in right.failures())
    again = batch.run(inputs(corpus), urls[0], settings(urls[0]), scheduler=address, progress=False)
    assert (again.new, again.duplicates) == (0, N_NEW)


def stories(store) -> list[tuple]:
    """Each cluster as its sources, the original first."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT cluster_id, is_original, source FROM articles").all()
    groups: dict[int, list] = {}
    for cluster_id, original, source in rows:
        groups.setdefault(cluster_id, []).append((not original, source))
    return sorted(tuple(source for _, source in sorted(members)) for members in groups.values())


def signatures(store) -> list[tuple]:
    return sorted((row["hashvalues"], row["shingles"], row["wire"]) for row in store.minhashes())


def test_batch_cli_prints_summary_and_fails_on_broken_items(corpus: Path, sqlite_url: str, cluster) -> None:
    from typer.testing import CliRunner

    from crossings.cli import app

    result = CliRunner().invoke(app, ["batch", *inputs(corpus), "--scheduler", cluster.scheduler_address,
                                      "--db", sqlite_url])
    assert result.exit_code == 1, result.output
    assert "new" in result.output and str(N_NEW) in result.output


class LostFuture:
    key = "lost"

    def result(self):
        raise RuntimeError("worker died")

    def release(self) -> None:
        pass


def test_batch_lost_partition_fails_each_document(sqlite_url: str) -> None:
    summary = pipeline.RunSummary()
    docs = [RawDoc(source=name, content=b"<p>x</p>") for name in ("a.html", "b.html")]
    with open_store(sqlite_url) as store:
        batch._collect(LostFuture(), {"lost": docs}, store, summary, settings(sqlite_url), None)
        assert [row["reason"] for row in store.failures()] == ["worker_failed", "worker_failed"]
        assert store.count_articles() == 0
    assert summary.failed == {"worker_failed": 2}


def test_batch_lost_shard_is_read_again_to_fail_each_of_its_documents(corpus: Path, sqlite_url: str) -> None:
    """The client reads a lost shard itself to record what it held; read failures keep their own reason."""
    summary = pipeline.RunSummary()
    shard = Shard("jsonl", str(corpus / "lines.jsonl"), 0, N_LINES + 1)
    with open_store(sqlite_url) as store:
        batch._collect(LostFuture(), {"lost": shard}, store, summary, settings(sqlite_url), None)
        assert store.count_articles() == 0
    assert summary.seen == N_LINES + 1
    assert summary.failed == {"worker_failed": N_LINES, "bad_json": 1}


def test_batch_partitions_bound_count_and_bytes() -> None:
    docs = [RawDoc(source=str(n), content=b"x" * 10) for n in range(7)]
    assert [len(p) for p in batch.partitions(docs, size=3)] == [3, 3, 1]
    assert [len(p) for p in batch.partitions(docs, size=10, max_bytes=25)] == [2, 2, 2, 1]


def test_batch_worker_function_returns_one_outcome_per_document() -> None:
    docs = [RawDoc(source="ok.txt", content=b"About 5,000 refugees crossed on Sunday.", content_type="text/plain"),
            RawDoc(source="empty.txt", content=b"  ")]
    outcomes = batch.process_partition(docs, Settings(db="sqlite:///:memory:"))
    assert [type(result).__name__ for result, _ in outcomes] == ["ArticleResult", "Failure"]
    assert outcomes[0][1]["hashvalues"] and outcomes[1][1] is None


def test_batch_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtra, match=r"crossings\[dask\]"):
        batch.run(["nothing"], sqlite_url, settings(sqlite_url), progress=False)


def test_batch_reads_in_the_client_when_workers_cannot_see_the_inputs(corpus: Path, sqlite_url: str,
                                                                      cluster) -> None:
    from distributed import Client

    with Client(cluster.scheduler_address) as client, open_store(sqlite_url):
        assert batch.workers_see(client, inputs(corpus), sqlite_url)
        assert not batch.workers_see(client, [*inputs(corpus), str(corpus / "elsewhere.warc.gz")], sqlite_url)
        assert not batch.workers_see(client, inputs(corpus), f"sqlite:///{corpus / 'nowhere' / 'db.sqlite'}")
        assert batch.workers_see(client, ["https://example.org/feed.xml"], "postgresql://db.example/crossings")
