"""Helpers for the serve tests and bench/serve.py: a real uvicorn server on loopback (in a thread, on a
free port), a database built from the shipped sample corpus, and a few hand-made articles.

    with LiveServer(create_app(settings)) as server:
        httpx.get(server.url + "/api/figures")
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, port: int | None = None, timeout: float = 15.0):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="crossings-live-server", daemon=True)
        self.timeout = timeout

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + self.timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the test server on {self.url} did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=self.timeout)


# -- databases ----------------------------------------------------------------------------------------

_sample_copy: Path | None = None


def sample_db(path: Path, extra: list | None = None) -> str:
    """A SQLite database at `path` holding the sample corpus as `crossings ingest --sample` stores it,
    plus the `extra` ArticleResults. The corpus is ingested once per process, then copied."""
    global _sample_copy
    if _sample_copy is None:
        _sample_copy = Path(tempfile.mkdtemp(prefix="crossings-sample-")) / "sample.sqlite"
        _ingest_sample(f"sqlite:///{_sample_copy}")
    shutil.copyfile(_sample_copy, path)
    url = f"sqlite:///{path}"
    if extra:
        save_all(url, extra)
    return url


def _ingest_sample(url: str) -> None:
    from crossings import pipeline
    from crossings.config import Settings
    from crossings.ingest import read_sources
    from crossings.sample import SAMPLE_DIR
    from crossings.store import open_store

    settings = Settings(db=url)
    with open_store(url) as store:
        pipeline.run(read_sources([str(SAMPLE_DIR)], settings), store, settings)


def save_all(url: str, results: list) -> None:
    from crossings.store import open_store

    with open_store(url) as store:
        for result in results:
            store.save(result)


# -- hand-made articles, for tests and the bench when no sample corpus is at hand ---------------------

HOSTILE = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
FIELDS = ("unit", "kind", "low", "high", "qualifier", "rate_per", "origin", "destination", "period_start",
          "period_end", "attributed_to", "source_type")
KZ_GOV, GE_GOV = "Kazakhstan's interior ministry", "Georgia's interior minister"

# (url, title, published, text, [(sentence, number as written, *FIELDS), ...]); site = the URL's host.
DEMO = [
    ("https://news.example.org/kz-arrivals", "Kazakhstan counts 99,000 arrivals from Russia", "2022-09-27",
     "Kazakhstan's interior ministry said on Tuesday that 99,000 Russians had entered the country since the "
     "mobilization was announced on September 21. Officials added that about 10,000 people were crossing per "
     "day at the Syrym checkpoint.", [
         ("Kazakhstan's interior ministry said on Tuesday that 99,000", "99,000", "people", "total", 99000,
          99000, "exact", None, "RU", "KZ", "2022-09-21", "2022-09-27", KZ_GOV, "government"),
         ("Officials added that about 10,000", "about 10,000", "people", "rate", 10000, 10000, "about", "day",
          "RU", "KZ", "2022-09-27", "2022-09-27", KZ_GOV, "government")]),
    ("https://wire.example.com/georgia-queues", "Russians queue for days at Georgian border", "2022-09-28",
     "Georgia's interior minister said about 10,000 Russians a day were now entering Georgia. Last week "
     "between 5,000 and 6,000 a day had crossed, he added. Queues of 3,200 vehicles waited at Upper Lars.", [
         ("Georgia's interior minister said about", "about 10,000", "people", "rate", 10000, 10000, "about",
          "day", "RU", "GE", "2022-09-28", "2022-09-28", GE_GOV, "government"),
         ("Last week between", "between 5,000 and 6,000", "people", "rate", 5000, 6000, "range", "day", "RU",
          "GE", "2022-09-19", "2022-09-25", GE_GOV, "government"),
         ("Queues of", "3,200", "vehicles", "stock", 3200, 3200, "exact", None, "RU", "GE", None,
          "2022-09-28", None, "unattributed")]),
    ("https://nordic.example.net/finland-8572", "Record day at Finland's eastern border", "2022-09-25",
     "The Finnish Border Guard said 8,572 Russians entered Finland on Saturday, the busiest day of the year "
     "at the eastern border.", [
         ("The Finnish Border Guard said", "8,572", "people", "total", 8572, 8572, "exact", None, "RU", "FI",
          "2022-09-24", "2022-09-24", "The Finnish Border Guard", "government")]),
    ("https://independent.example.org/kz-50000", "Volunteers describe crowds at the Kazakh border",
     "2022-09-27", "An independent outlet reported that more than 50,000 people a day were crossing into "
     "Kazakhstan, citing volunteers at the border.", [
         ("An independent outlet", "more than 50,000", "people", "rate", 50000, 50000, "more_than", "day",
          "RU", "KZ", "2022-09-27", "2022-09-27", "An independent outlet", "media")]),
    ("https://steppe.example.mn/arrivals", "Mongolia reports arrivals", "2022-09-30",
     "Mongolia said more than 3,000 Russians had arrived since the mobilization was announced.", [
         ("Mongolia said", "more than 3,000", "people", "total", 3000, 3000, "more_than", None, "RU", "MN",
          "2022-09-21", "2022-09-30", "Mongolia", "government")]),
]


def _sentence(text: str, opening: str) -> tuple[int, int]:
    """Offsets of the sentence of `text` that starts with `opening`."""
    start = text.index(opening)
    end = text.find(". ", start)
    return start, (end + 1 if end >= 0 else len(text))


def _result(url: str, title: str, published: str, text: str, figures: list[tuple], site: str | None = None):
    from urllib.parse import urlparse

    from crossings.records import Article, ArticleResult, Evidence, Figure

    found = []
    for opening, number, *values in figures:
        start, end = _sentence(text, opening)
        sentence = text[start:end]
        at = sentence.index(number)
        found.append(Figure(evidence=Evidence(sentence, start, end), span=(at, at + len(number)),
                            **dict(zip(FIELDS, values, strict=True))))
    article = Article(text=text, source=url, url=url, title=title, site=site or urlparse(url).hostname,
                      published=published, published_confidence="given", language="en")
    return ArticleResult(article, found)


def demo_results() -> list:
    """Five small articles about the autumn 2022 departures from Russia, with their figures."""
    return [_result(*item) for item in DEMO]


def hostile_result():
    """An article whose text, title, site, source and URL all try to run script in the dashboard."""
    text = (f"Border report. {HOSTILE} Officials said 1,200 people crossed from Ukraine into Moldova "
            f"{HOSTILE_IMG} on Monday. More news later.")
    figure = (HOSTILE, "1,200", "people", "total", 1200, 1200, "exact", None, "UA", "MD", "2022-03-07",
              "2022-03-07", f"{HOSTILE_IMG}officials", "government")
    return _result("javascript:window.__pwned=1", f"{HOSTILE_IMG} Moldova border report", "2022-03-08", text,
                   [figure], site=f"{HOSTILE}.example")
