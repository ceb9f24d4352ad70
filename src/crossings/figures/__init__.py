"""Stage 3: Article → Figures with evidence (placeholder: the extractor lands with issue 2)."""

from __future__ import annotations

from crossings.records import Article, Figure


def extract(article: Article) -> list[Figure]:
    return []
