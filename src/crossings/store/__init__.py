"""Stage 6: one schema, SQLite by default, PostgreSQL by URL.

CONTRACT (the corpus issue implements it; aggregate, serve, batch and review code against it):

    open_store(url: str) -> Store            # "sqlite:///path" or "postgresql://..."; migrates on open

    Store.save(result: ArticleResult) -> SaveOutcome(article_id: int, new: bool)
        idempotent by URL and by content hash; one transaction per article (article + its figures)
    Store.has_source(raw: RawDoc) -> bool    # an article with this URL/source is already stored
    Store.stored_sources(raws: list[RawDoc]) -> list[bool]   # has_source of each, in a few queries
    Store.record_failure(failure: Failure) -> None
    Store.articles(q=None, limit=100, offset=0) -> list[dict]
        # id, source, url, title, site, published, language, content_hash, cluster_id, is_original,
        # n_figures; with q, only full-text matches (FTS5 / tsvector), best first
    Store.article(article_id) -> dict | None  # the above + "text" + "figures": [figure row, ...]
    Store.figures(query: FigureQuery) -> list[dict]              # figure rows, see below
    Store.count_figures(query: FigureQuery) -> int
    Store.failures(limit=100) -> list[dict]
    Store.set_clusters(assignments: dict[int, tuple[int, bool]]) -> None
        # article_id -> (cluster_id, is_original)
    Store.replace_figures(article_id, figures: list[Figure]) -> int
        # re-extraction: unreviewed figures swapped for these, reviewed ones kept; one transaction
    Store.close() -> None
    Also: count_articles(), record_run(started_at, summary), and the MinHash table dedupe keeps
    (unsigned_articles, save_minhashes, minhashes). FigureQuery.review: "reviewed" = accepted or
    corrected; "recommended" = recommended is true.

A figure row is Figure.to_schema() (origin, destination, unit, kind, low, high, qualifier, rate_per,
period_start, period_end, attributed_to, source_type, evidence{text,start,end}, origin_place,
destination_place, confidence, span) plus: id, article_id, article_url, article_title, article_site,
article_published, cluster_id, is_original (bool), review_state ("unreviewed" | "accepted" |
"corrected" | "rejected"), recommended (bool).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crossings.store.store import Store


@dataclass(frozen=True, slots=True)
class FigureQuery:
    """Filters shared by `crossings figures`, the API and the aggregates."""

    origin: str | None = None
    destination: str | None = None
    since: str | None = None  # period overlaps [since, until]; dates as YYYY-MM-DD
    until: str | None = None
    kind: str | None = None
    unit: str | None = None
    source_type: str | None = None
    originals_only: bool = False  # count each syndication cluster once
    article_id: int | None = None
    review: str = "all"  # all | reviewed | recommended
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    article_id: int
    new: bool


def open_store(url: str) -> Store:
    """The Store for `url` ("sqlite:///PATH", a bare path, or "postgresql://…"), migrated to date."""
    from crossings.store.store import Store

    return Store.open(url)


__all__ = ["FigureQuery", "SaveOutcome", "open_store"]
