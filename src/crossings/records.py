"""The nouns every stage passes along: plain, frozen, picklable records.

Field names mirror ../shared/schema/figure.schema.json. Stages never mutate a record; they return
`dataclasses.replace(record, ...)`. Dates are ISO strings (YYYY-MM-DD) so records go to JSON, SQL and
Dask unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar


class _Dicts:
    """to_dict / from_dict for nested frozen dataclasses."""

    _nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: v for k, v in data.items() if k in names}
        for name, kind in cls._nested.items():
            if isinstance(kwargs.get(name), dict):
                kwargs[name] = kind.from_dict(kwargs[name])
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class RawDoc(_Dicts):
    """Bytes as fetched or read, before any parsing. `source` names where they came from."""

    source: str
    content: bytes
    url: str | None = None
    content_type: str | None = None  # "text/html", "text/plain"
    published: str | None = None  # given by the caller (feed entry, JSONL line, --published)
    title: str | None = None
    id: str | None = None  # the caller's own id (JSONL batch lines)


@dataclass(frozen=True, slots=True)
class Article(_Dicts):
    """Main text and metadata of one document; `text` is what evidence offsets point into."""

    text: str
    source: str = ""
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None
    published_confidence: str = "none"  # given | metadata | guessed | none
    language: str | None = None
    content_hash: str = ""
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence(_Dicts):
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Place(_Dicts):
    name: str
    mention: str
    country: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Figure(_Dicts):
    """One statement of how many moved (or waited to move) from origin to destination."""

    _nested: ClassVar[dict[str, type]] = {}

    unit: str  # people | vehicles | households
    kind: str  # total | rate | stock
    low: int
    high: int
    qualifier: str  # exact | about | nearly | at_least | more_than | at_most | range | vague
    evidence: Evidence
    origin: str | None = None
    destination: str | None = None
    rate_per: str | None = None  # day | week | month
    period_start: str | None = None
    period_end: str | None = None
    attributed_to: str | None = None
    source_type: str = "unattributed"
    origin_place: Place | None = None
    destination_place: Place | None = None
    confidence: float = 0.5
    # Where the number sits inside evidence.text (character offsets relative to the sentence).
    span: tuple[int, int] | None = None
    # Set once stored.
    id: int | None = None
    article_id: int | None = None

    def to_schema(self) -> dict[str, Any]:
        """The figure as ../shared/schema/figure.schema.json has it (plus a few extra fields)."""
        data = self.to_dict()
        data["span"] = list(self.span) if self.span else None
        return data


Figure._nested = {"evidence": Evidence, "origin_place": Place, "destination_place": Place}


@dataclass(frozen=True, slots=True)
class Failure(_Dicts):
    """An item that could not be processed: kept, with its reason code, instead of raised."""

    source: str
    stage: str  # fetch | text | figures | store | ...
    reason: str  # short code from crossings.errors
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What pipeline.process returns for one document."""

    article: Article
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.to_dict(), "figures": [f.to_schema() for f in self.figures]}
