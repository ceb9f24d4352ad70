"""The path of one document, read top to bottom: text → triage → figures → places → dates → sources.

`process` is a plain function over plain records, so the CLI, the API and Dask all run this same code.
`run` feeds it from the ingest readers and saves each result on its own (nothing lost, nothing doubled).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from crossings import figures, text, triage
from crossings.config import Settings
from crossings.errors import CrossingsError
from crossings.records import Article, ArticleResult, Failure, RawDoc


def process(raw: RawDoc, settings: Settings) -> ArticleResult:
    """Stages 2-4 for one document. Stages 5-8 work on the stored corpus."""
    if settings.triage and (skimmed := triage.skip_page(raw, settings)) is not None:
        return ArticleResult(skimmed, [])  # fast path: an HTML page with no movement cue skips stage 2
    article = text.extract(raw, settings)
    return analyse(article, settings)


def analyse(article: Article, settings: Settings) -> ArticleResult:
    """Stages 3-4 on an article whose text is already extracted."""
    if settings.triage and not triage.is_relevant(article.text):
        return ArticleResult(article, [])
    return ArticleResult(article, figures.extract(article))


def process_safely(raw: RawDoc, settings: Settings) -> ArticleResult | Failure:
    """process(), with the one deliberate catch-all: a broken item becomes a Failure record."""
    try:
        return process(raw, settings)
    except CrossingsError as exc:
        return Failure(raw.source, _stage_of(exc), exc.reason, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must never stop a batch
        return Failure(raw.source, "process", "internal_error", f"{type(exc).__name__}: {exc}")


def _stage_of(exc: CrossingsError) -> str:
    return {"FetchError": "fetch", "ExtractError": "text", "InputError": "read",
            "StoreError": "store"}.get(type(exc).__name__, "process")


@dataclass
class RunSummary:
    """What one `run` did: counts for the progress bar, the summary table and the `runs` table."""

    seen: int = 0
    new: int = 0
    duplicates: int = 0  # already stored: same source or URL, or the same text under another name
    clusters: int = 0  # distinct stories in the whole corpus after dedupe, single articles included
    figures: int = 0  # figures in the articles this run added
    failed: Counter[str] = field(default_factory=Counter)  # reason code -> count
    seconds: float = 0.0

    def add(self, part: RunSummary) -> None:
        """Fold in what another process did of this run (a Dask worker's task)."""
        self.seen += part.seen
        self.new += part.new
        self.duplicates += part.duplicates
        self.figures += part.figures
        self.failed.update(part.failed)

    def to_dict(self) -> dict[str, object]:
        return {"seen": self.seen, "new": self.new, "duplicates": self.duplicates,
                "clusters": self.clusters, "figures": self.figures, "failed": dict(self.failed),
                "failed_total": sum(self.failed.values()), "seconds": round(self.seconds, 2)}


def run(items: Iterable[RawDoc | Failure], store, settings: Settings,
        on_item: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Stage 1 feeding stages 2-6. Each article is committed on its own (a run killed halfway and
    started again stores each article once); failures are recorded with their reason; then dedupe."""
    from crossings import dedupe  # datasketch is heavy and `process` (Dask workers) never needs it

    summary, started, clock = RunSummary(), _now(), time.perf_counter()
    for item in items:
        _one(item, store, settings, summary)
        if on_item:
            on_item(summary)
    summary.clusters = dedupe.cluster(store, settings)
    summary.seconds = time.perf_counter() - clock
    store.record_run(started, summary.to_dict())
    return summary


def _one(item: RawDoc | Failure, store, settings: Settings, summary: RunSummary) -> None:
    summary.seen += 1
    if isinstance(item, RawDoc) and store.has_source(item):
        summary.duplicates += 1  # stored by an earlier run: not even parsed again
        return
    outcome = item if isinstance(item, Failure) else process_safely(item, settings)
    _save(outcome, store, summary)


def _save(outcome: ArticleResult | Failure, store, summary: RunSummary) -> None:
    if isinstance(outcome, Failure):
        store.record_failure(outcome)
        summary.failed[outcome.reason] += 1
        return
    try:
        saved = store.save(outcome)
    except CrossingsError as exc:
        store.record_failure(Failure(outcome.article.source, "store", exc.reason, str(exc)))
        summary.failed[exc.reason] += 1
        return
    if saved.new:
        summary.new += 1
        summary.figures += len(outcome.figures)
    else:
        summary.duplicates += 1


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
