"""The corpus end to end: pipeline.run's bookkeeping, `crossings ingest` surviving a SIGKILL, and the
query commands (figures, articles, show, failures) in every output format."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossings import pipeline
from crossings.cli import app
from crossings.config import Settings
from crossings.records import Article, ArticleResult, Evidence, Failure, Figure, RawDoc
from crossings.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "About 98,000 Russians have entered Kazakhstan since the mobilization, the ministry said."
runner = CliRunner()


def needs_readers():
    try:
        from crossings.ingest import read_sources  # noqa: F401
    except ImportError:
        pytest.skip("crossings.ingest.read_sources has not landed yet")


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article_{i:03d}.txt").write_text(
            f"Report {i} from checkpoint {i * 7}.\n\nAbout {1000 + i} people crossed the border "
            f"at post {i} on Tuesday, officials said. Story number {i} ends here.\n", encoding="utf-8")


def stored(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db, timeout=10) as conn:
        return conn.execute("SELECT source, content_hash FROM articles").fetchall()


def count_rows(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def crossings(*args: str) -> list[str]:
    return [sys.executable, "-m", "crossings", *args]


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CROSSINGS_CONFIG": "/nonexistent.toml"}


@pytest.mark.slow
def test_ingest_killed_halfway_then_rerun_stores_each_article_once(tmp_path):
    needs_readers()
    write_articles(tmp_path / "news", 200)
    db = tmp_path / "corpus.sqlite"
    command = crossings("ingest", str(tmp_path / "news"), "--db", f"sqlite:///{db}")
    first = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while count_rows(db) < 50 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    at_kill = count_rows(db)
    assert first.returncode == -signal.SIGKILL and 0 < at_kill < 200, "killed before or after the run"
    second = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    rows = stored(db)
    assert len(rows) == 200 and len({s for s, _ in rows}) == 200 and len({h for _, h in rows}) == 200


def test_ingest_exit_code_and_summary_on_failures(tmp_path):
    needs_readers()
    write_articles(tmp_path / "news", 3)
    (tmp_path / "news" / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", f"sqlite:///{tmp_path / 'c.sqlite'}"])
    assert result.exit_code == 1
    assert "articles seen" in result.stdout and "failed: binary" in result.stdout


def test_ingest_needs_a_source(tmp_path):
    result = runner.invoke(app, ["ingest", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}"])
    assert result.exit_code != 0 and "SOURCE" in str(result.exception)


def test_pipeline_run_counts_new_duplicates_and_failures(tmp_path):
    items = [RawDoc(source="a.txt", content=SENTENCE.encode()),
             RawDoc(source="copy-of-a.txt", content=SENTENCE.encode()),
             RawDoc(source="empty.txt", content=b"   "),
             Failure("https://gone.example/", "fetch", "http_error", "HTTP 404")]
    with open_store(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        first = pipeline.run(items, store, Settings())
        again = pipeline.run(items, store, Settings())
        failures = {f["source"]: f["reason"] for f in store.failures()}
    assert (first.seen, first.new, first.duplicates, first.clusters) == (4, 1, 1, 1)
    assert dict(first.failed) == {"empty": 1, "http_error": 1}
    assert (again.new, again.duplicates) == (0, 2)
    assert failures == {"empty.txt": "empty", "https://gone.example/": "http_error"}


def test_pipeline_run_reports_each_item(tmp_path):
    seen = []
    with open_store(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        pipeline.run([RawDoc(source=f"{i}.txt", content=f"{SENTENCE} {i}".encode()) for i in range(3)],
                     store, Settings(), on_item=lambda s: seen.append(s.seen))
    assert seen == [1, 2, 3]


@pytest.fixture
def corpus(tmp_path) -> str:
    """A small stored corpus made by hand (independent of the extractor)."""
    url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    start = SENTENCE.index("98,000")
    figs = [Figure(unit="people", kind="total", low=98000, high=98000, qualifier="about", origin="RU",
                   destination="KZ", evidence=Evidence(SENTENCE, 0, len(SENTENCE)), span=(start, start + 6),
                   period_start="2022-09-21", period_end="2022-09-27", source_type="government",
                   attributed_to="the ministry"),
            Figure(unit="vehicles", kind="stock", low=5500, high=5500, qualifier="exact", origin="RU",
                   destination="GE", evidence=Evidence("5,500 vehicles waited.", 0, 22), period_end="2022-09-26")]
    with open_store(url) as store:
        store.save(ArticleResult(Article(text=SENTENCE, source="a.txt", title="Exodus",
                                         published="2022-09-27"), figs))
        store.save(ArticleResult(Article(text="Wheat prices rose in Chicago.", source="b.txt", title="Wheat")))
        store.record_failure(Failure("c.bin", "read", "binary", "c.bin: looks binary"))
    return url


def test_cli_figures_json_is_one_array(corpus):
    result = runner.invoke(app, ["figures", "--db", corpus, "--format", "json", "--origin", "ru"])
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and [r["low"] for r in rows] == [98000, 5500]
    assert rows[0]["evidence"]["text"] == SENTENCE and rows[0]["article_title"] == "Exodus"


def test_cli_figures_csv_with_filters(corpus):
    result = runner.invoke(app, ["figures", "--db", corpus, "-f", "csv", "--destination", "KZ",
                                 "--since", "2022-09-27", "--kind", "total", "--unit", "people",
                                 "--source-type", "government", "--originals-only", "--limit", "5"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    found = [(r["origin"], r["destination"], r["low"], r["evidence_start"]) for r in rows]
    assert found == [("RU", "KZ", "98000", "0")]


def test_cli_figures_table(corpus):
    result = runner.invoke(app, ["figures", "--db", corpus, "--destination", "GE"])
    assert result.exit_code == 0 and "5,500" in result.stdout and "98,000" not in result.stdout


def test_cli_figures_bad_date(corpus):
    result = runner.invoke(app, ["figures", "--db", corpus, "--since", "27/09/2022"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in str(result.exception)


def test_cli_articles_search(corpus):
    result = runner.invoke(app, ["articles", "--db", corpus, "--search", "wheat", "-f", "json"])
    assert [a["title"] for a in json.loads(result.stdout)] == ["Wheat"]


def test_cli_articles_list(corpus):
    result = runner.invoke(app, ["articles", "--db", corpus, "-f", "csv"])
    assert [r["title"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["Exodus", "Wheat"]


def test_cli_show_highlights_figures(corpus):
    result = runner.invoke(app, ["show", "1", "--db", corpus], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Kazakhstan" in result.stdout and "RU → KZ" in result.stdout


def test_cli_show_unknown_id(corpus):
    result = runner.invoke(app, ["show", "99", "--db", corpus])
    assert result.exit_code != 0 and "no article with id 99" in str(result.exception)


def test_cli_failures(corpus):
    result = runner.invoke(app, ["failures", "--db", corpus, "-f", "json"])
    assert [(f["source"], f["reason"]) for f in json.loads(result.stdout)] == [("c.bin", "binary")]


def test_cli_dedupe_full_reclusters_after_a_threshold_change(tmp_path):
    url = f"sqlite:///{tmp_path / 'dedupe.sqlite'}"
    words = [f"w{i}" for i in range(200)]
    edited = [f"x{i}" if i % 20 == 0 else w for i, w in enumerate(words)]  # ~77 % of 5-grams kept
    with open_store(url) as store:
        for name, text in (("a.txt", words), ("b.txt", edited)):
            store.save(ArticleResult(Article(text=" ".join(text), source=name)))
    env = {"CROSSINGS_CONFIG": "/nonexistent.toml"}
    assert "1 distinct stories in 2 articles" in runner.invoke(app, ["dedupe", "--db", url], env=env).stdout
    strict = env | {"CROSSINGS_DEDUPE_THRESHOLD": "0.95"}
    assert "1 distinct stories" in runner.invoke(app, ["dedupe", "--db", url], env=strict).stdout  # nothing new
    result = runner.invoke(app, ["dedupe", "--full", "--db", url], env=strict)
    assert result.exit_code == 0 and "2 distinct stories in 2 articles" in result.stdout
