"""Stage 6 reads: the SELECTs behind Store.figures / Store.articles, built once for both engines."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.sql import Select

from crossings.store import FigureQuery
from crossings.store.schema import articles, figures

_ARTICLE_JOIN = [articles.c.url.label("article_url"), articles.c.title.label("article_title"),
                 articles.c.site.label("article_site"), articles.c.published.label("article_published"),
                 articles.c.cluster_id, articles.c.is_original]
_EQUAL_FILTERS = ("origin", "destination", "kind", "unit", "source_type", "article_id")


def figures_select(query: FigureQuery) -> Select:
    stmt = sa.select(figures, *_ARTICLE_JOIN).join_from(figures, articles)
    stmt = _filter(stmt, query).order_by(figures.c.id).offset(query.offset or None)
    return stmt.limit(query.limit) if query.limit is not None else stmt


def figures_count(query: FigureQuery) -> Select:
    return _filter(sa.select(sa.func.count()).select_from(figures.join(articles)), query)


def _filter(stmt: Select, query: FigureQuery) -> Select:
    for name in _EQUAL_FILTERS:
        if getattr(query, name) is not None:
            stmt = stmt.where(figures.c[name] == getattr(query, name))
    # A figure's period overlaps [since, until]; a one-ended period counts as that one day.
    start = sa.func.coalesce(figures.c.period_start, figures.c.period_end)
    end = sa.func.coalesce(figures.c.period_end, figures.c.period_start)
    if query.since:
        stmt = stmt.where(end >= query.since)
    if query.until:
        stmt = stmt.where(start <= query.until)
    if query.originals_only:
        stmt = stmt.where(articles.c.is_original.is_(True))
    return _review(stmt, query.review)


def _review(stmt: Select, review: str) -> Select:
    """all: every figure; reviewed: accepted or corrected by a person; recommended: flagged as such."""
    if review == "reviewed":
        return stmt.where(figures.c.review_state.in_(["accepted", "corrected"]))
    if review == "recommended":
        return stmt.where(figures.c.recommended.is_(True))
    return stmt


def articles_select(dialect: str, q: str | None, limit: int, offset: int) -> Select | None:
    """Articles with their figure counts; with `q`, only full-text matches, best first (None: no words)."""
    n_figures = (sa.select(sa.func.count()).where(figures.c.article_id == articles.c.id)
                 .scalar_subquery().label("n_figures"))
    stmt = sa.select(*[c for c in articles.c if c.name != "text"], n_figures)
    if q is not None:
        words = re.findall(r"\w+", q)
        if not words:
            return None
        stmt = _search(stmt, dialect, words)
    return stmt.order_by(articles.c.id).limit(limit).offset(offset or None)


def _search(stmt: Select, dialect: str, words: list[str]) -> Select:
    if dialect == "sqlite":
        fts = sa.table("articles_fts", sa.column("rowid"), sa.column("rank"))
        match = sa.text("articles_fts MATCH :fts_q").bindparams(fts_q=" ".join(f'"{w}"' for w in words))
        return stmt.join(fts, fts.c.rowid == articles.c.id).where(match).order_by(fts.c.rank)
    tsquery = sa.func.plainto_tsquery(sa.literal_column("'english'"), " ".join(words))
    search = sa.literal_column("articles.search")
    return stmt.where(search.op("@@")(tsquery)).order_by(sa.func.ts_rank(search, tsquery).desc())
