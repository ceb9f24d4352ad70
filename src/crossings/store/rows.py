"""Stage 6 mapping: records → column values on the way in, rows → the contract's dicts on the way out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from crossings.records import Article, Figure, Place

FIGURE_COLUMNS = ("unit", "kind", "low", "high", "qualifier", "origin", "destination", "rate_per",
                  "period_start", "period_end", "attributed_to", "source_type", "confidence")
ARTICLE_COLUMNS = ("id", "source", "url", "title", "site", "published", "published_confidence", "language",
                   "content_hash", "cluster_id", "is_original", "ingested_at")
ARTICLE_FIELDS = ("article_url", "article_title", "article_site", "article_published", "cluster_id",
                  "is_original")


# PostgreSQL refuses NUL in text and JSON, and no driver encodes a lone surrogate. Each becomes U+FFFD,
# one character for one, so that evidence offsets still point at the same text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    return value


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def article_values(article: Article, content_hash: str) -> dict[str, Any]:
    values = {name: getattr(article, name) for name in ("source", "title", "site", "published",
                                                         "published_confidence", "language", "text")}
    values = {**values, "url": article.url or None, "content_hash": content_hash, "ingested_at": now()}
    return storable(values)


def figure_values(fig: Figure, article_id: int) -> dict[str, Any]:
    values = {name: getattr(fig, name) for name in FIGURE_COLUMNS}
    span = fig.span or (None, None)
    values.update(article_id=article_id, evidence_text=fig.evidence.text, evidence_start=fig.evidence.start,
                  evidence_end=fig.evidence.end, span_start=span[0], span_end=span[1],
                  origin_place=_place(fig.origin_place), destination_place=_place(fig.destination_place))
    return storable(values)


def figure_row(row: Any) -> dict[str, Any]:
    """A joined figures+articles row as the contract's figure dict (Figure.to_schema() + extras)."""
    m = row._mapping
    out: dict[str, Any] = {"id": m["id"], "article_id": m["article_id"]}
    out.update({name: m[name] for name in FIGURE_COLUMNS})
    out["evidence"] = {"text": m["evidence_text"], "start": m["evidence_start"], "end": m["evidence_end"]}
    out["span"] = None if m["span_start"] is None else [m["span_start"], m["span_end"]]
    out.update(origin_place=m["origin_place"], destination_place=m["destination_place"],
               review_state=m["review_state"], recommended=bool(m["recommended"]),
               machine_values=m["machine_values"])
    out.update({name: m[name] for name in ARTICLE_FIELDS})
    out["is_original"] = bool(out["is_original"])
    return out


def figure_from_row(row: dict[str, Any]) -> Figure:
    """The Figure record back from a figure dict (span as a tuple again)."""
    span = row.get("span")
    return dataclasses.replace(Figure.from_dict(row), span=tuple(span) if span else None)


def article_row(row: Any) -> dict[str, Any]:
    m = row._mapping
    out = {name: m[name] for name in ARTICLE_COLUMNS}
    out["is_original"] = bool(out["is_original"])
    out["n_figures"] = m["n_figures"]
    return out


def _place(place: Place | None) -> dict[str, Any] | None:
    return place.to_dict() if place else None
