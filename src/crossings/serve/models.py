"""The API's typed inputs and outputs, so that /openapi.json describes what is really sent.

Output models mirror the store's rows (crossings.store's contract) and the schema in
../shared/schema/figure.schema.json; unknown extra keys in a row are dropped, never an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _iso_day(value: object) -> object:
    """Dates only as YYYY-MM-DD text: pydantic's lax mode would also read 0 or "0" as 1970-01-01."""
    if isinstance(value, dt.date):
        return value
    if not (isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")]
Unit = Literal["people", "vehicles", "households"]
Kind = Literal["total", "rate", "stock"]
SourceType = Literal["government", "un_agency", "ngo", "media", "other", "unattributed"]
Review = Literal["all", "reviewed", "recommended"]
ArticleId = Annotated[int, Path(ge=1, le=2**53, description="the article's id")]
T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


class EvidenceOut(Out):
    text: str
    start: int
    end: int


class PlaceOut(Out):
    name: str | None = None
    mention: str | None = None
    country: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


class FigureCore(Out):
    """What every view of a figure carries: the numbers, the corridor, the period, the source, the article."""

    id: int | None = None
    article_id: int | None = None
    origin: str | None = None
    destination: str | None = None
    unit: str
    kind: str
    low: int
    high: int
    rate_per: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    attributed_to: str | None = None
    article_url: str | None = None
    article_title: str | None = None
    article_site: str | None = None
    article_published: str | None = None


class FigureOut(FigureCore):
    """One stored movement figure with the article it came from."""

    qualifier: str
    source_type: str = "unattributed"
    evidence: EvidenceOut
    origin_place: PlaceOut | None = None
    destination_place: PlaceOut | None = None
    confidence: float | None = None
    span: list[int] | None = Field(None, description="where the number sits inside evidence.text")
    cluster_id: int | None = None
    is_original: bool | None = None
    review_state: str | None = None
    recommended: bool | None = None
    machine_values: dict[str, Any] | None = Field(None, description="what the extractor read, kept when a "
                                                  "reviewer corrected the figure")


class FigureBrief(FigureCore):
    """A figure as summaries and conflicts carry it: the row without places, evidence as the sentence."""

    qualifier: str | None = None
    source_type: str | None = None
    evidence: str | None = None


class CumulativeOut(Out):
    """Sum of one unit's daily flows from the first to the last day with evidence."""

    unit: str
    since: str
    until: str
    value: int
    low: int
    high: int
    days_with_evidence: int
    days_without_evidence: int


class CorridorOut(Out):
    origin: str = Field(description='ISO code, or "?" when the figures did not say')
    destination: str
    n_figures: int = Field(description="figures after syndicated copies are folded")
    n_sources: int = Field(description="independent sources (syndication clusters)")
    newest_evidence: str | None = None
    latest: list[FigureBrief] = Field(description="per unit and kind, the figures of the newest date")
    totals: list[CumulativeOut] = Field(description="cumulative estimate per flow unit, people first")


class PointOut(Out):
    """One day of one track (unit + flow/stock): per-day value with its low/high band."""

    date: str
    unit: str
    kind: Literal["flow", "stock"]
    value: float
    low: float
    high: float
    figure_ids: list[int]
    cum_value: float | None = None
    cum_low: float | None = None
    cum_high: float | None = None


class CheckpointOut(Out):
    unit: str
    start: str | None = None
    end: str
    value: float
    low: float
    high: float
    figure_id: int | None = None
    source: str


class MarkerOut(Out):
    """One source figure on the daily axis, at the last day it speaks of."""

    figure_id: int | None = None
    date: str
    unit: str
    kind: str
    basis: str
    value: float
    low: float
    high: float
    source: str


class SourceOut(BaseModel):
    source: str
    source_type: str
    figures: int
    articles: int


class SeriesOut(Out):
    origin: str
    destination: str
    since: str | None = None
    until: str | None = None
    points: list[PointOut]
    cumulative: list[CumulativeOut]
    checkpoints: list[CheckpointOut]
    markers: list[MarkerOut]
    unplaced: list[int | None] = Field(description="ids of figures with no usable date")
    sources: list[SourceOut]
    review: Review = Field("all", description="which figures the series used")


class ConflictOut(Out):
    """Two figures of one corridor and period that cannot both be true."""

    origin: str
    destination: str
    unit: str
    kind: str
    start: str
    end: str
    ratio: float = Field(description="larger low / smaller high, after qualifiers, per day for rates")
    lower: FigureBrief
    higher: FigureBrief


class ArticleOut(Out):
    id: int
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None
    language: str | None = None
    content_hash: str | None = None
    cluster_id: int | None = None
    is_original: bool | None = None
    n_figures: int = 0


class ArticleDetail(ArticleOut):
    text: str
    figures: list[FigureOut] = []


class Page(BaseModel, Generic[T]):
    """One page of a list. `total` is the count over all pages where the store can give it."""

    items: list[T]
    limit: int
    offset: int
    total: int | None = None
    next_offset: int | None = Field(None, description="offset of the next page; null on the last one")


class ArticleIn(BaseModel):
    """An article to ingest: exactly one of url (fetched by the server), text or html. A document with no
    usable text is answered 422 with the reason code."""

    model_config = ConfigDict(extra="forbid")

    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2048)] | None = None
    text: Annotated[str, Field(min_length=1)] | None = None
    html: Annotated[str, Field(min_length=1)] | None = None
    title: Annotated[str, Field(max_length=1000)] | None = None
    published: IsoDate | None = Field(None, description="publication date; relative dates resolve against it")

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        given = [name for name in ("url", "text", "html") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of url, text or html")
        if self.url is not None:
            _check_url(self.url)
        return self


def _check_url(url: str) -> None:
    import httpx

    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise ValueError(f"not a URL that can be fetched: {exc}") from exc


class Saved(BaseModel):
    article_id: int
    new: bool
    figures: int = Field(description="figures found in the article")


class CountryOut(BaseModel):
    """A country as the dashboard's map knows it: ISO numeric is the world-atlas feature id."""

    alpha2: str
    numeric: str
    name: str
