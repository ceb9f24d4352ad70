"""crossings: sourced, de-duplicated movement figures from news coverage of people crossing borders.

The public library API; the command line (`crossings --help`) and the HTTP API are built on it.
"""

from __future__ import annotations

from crossings.config import Settings
from crossings.config import load as load_settings
from crossings.errors import CrossingsError
from crossings.records import Article, ArticleResult, Evidence, Failure, Figure, Place, RawDoc

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleResult",
    "CrossingsError",
    "Evidence",
    "Failure",
    "Figure",
    "Place",
    "RawDoc",
    "Settings",
    "__version__",
    "extract",
    "load_settings",
    "open_store",
]


def extract(text: str, published: str | None = None, *, html: bool = False) -> ArticleResult:
    """Figures in one article's text (or HTML), with dates resolved against `published` (YYYY-MM-DD)."""
    from crossings import pipeline

    raw = RawDoc(source="<text>", content=text.encode("utf-8"), content_type="text/html" if html else "text/plain",
                 published=published)
    return pipeline.process(raw, load_settings(triage=False))


def open_store(url: str | None = None):
    """The store at `url` (default: the configured one), migrated and ready."""
    from crossings import store

    return store.open_store(url or load_settings().db)
