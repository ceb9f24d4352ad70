"""Stage 8 (HTTP): the REST API. Thin: parse the query, call the store / aggregate / export, format.

`create_app(settings)` builds the whole server (API + dashboard); its OpenAPI spec is /openapi.json.
Reads are open unless settings.read_token; writes need the operator's bearer token (see auth.py).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from crossings import pipeline
from crossings.config import Settings
from crossings.errors import CrossingsError, FetchError, StoreError
from crossings.records import RawDoc
from crossings.serve import auth, queries
from crossings.serve.models import (
    ArticleDetail,
    ArticleId,
    ArticleIn,
    ArticleOut,
    ConflictOut,
    CorridorOut,
    Country,
    CountryOut,
    FigureOut,
    IsoDate,
    Kind,
    Page,
    Review,
    Saved,
    SeriesOut,
    SourceType,
    Unit,
)
from crossings.store import FigureQuery

MAX_PAGE = 1000
MAX_OFFSET = 2**31  # far past any real corpus; keeps SQL integers in range
END = r"^([A-Z]{2}|\?)$"  # a corridor end: an ISO code, or "?" when the figures did not say

reads = APIRouter(prefix="/api", dependencies=[Depends(auth.require_read)])
writes = APIRouter(prefix="/api", dependencies=[Depends(auth.require_write)])


def store_of(request: Request):
    return request.app.state.store


def paging(request: Request,
           limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="page size (at most 1000; "
                                              "default settings.page_size)")] = None,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> tuple[int, int]:
    return min(limit or request.app.state.settings.page_size, MAX_PAGE), offset


def common_filters(
    response: Response,
    since: Annotated[IsoDate | None, Query(description="period overlaps [since, until]")] = None,
    until: IsoDate | None = None,
    kind: Kind | None = None,
    unit: Unit | None = None,
    source_type: SourceType | None = None,
    originals_only: Annotated[bool, Query(description="count each syndication cluster once")] = False,
    review: Annotated[Review, Query(description="all (rejected left out of aggregates), reviewed (accepted "
                                    "or corrected) or recommended; the answer's X-Crossings-Review says which")
                      ] = "all",
) -> FigureQuery:
    """The filters every figure read takes, except the corridor's ends."""
    response.headers["X-Crossings-Review"] = review
    return FigureQuery(since=_iso(since), until=_iso(until), kind=kind, unit=unit, source_type=source_type,
                       originals_only=originals_only, review=review)


def figure_filters(origin: Country | None = None, destination: Country | None = None,
                   query: FigureQuery = Depends(common_filters)) -> FigureQuery:
    """FigureQuery's filters as query parameters."""
    return queries.with_page(query, origin=origin, destination=destination)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """The first `limit` items; `items` holds one extra row when there is a next page."""
    more = len(items) > limit if total is None else offset + limit < total
    return {"items": items[:limit], "limit": limit, "offset": offset, "total": total,
            "next_offset": offset + limit if more else None}


# -- reads -------------------------------------------------------------------------------------------


@reads.get("/articles", response_model=Page[ArticleOut],
           summary="List articles (by id; with q, best match first)")
def list_articles(store=Depends(store_of), page: tuple[int, int] = Depends(paging),
                  q: Annotated[str | None, Query(max_length=500, description="full-text search")] = None):
    limit, offset = page
    rows = queries.articles(store, q, limit + 1, offset)
    return {**_page(rows, limit, offset), "total": queries.count_articles(store, q)}


@reads.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article: text and figures",
           responses={404: {"description": "no such article"}})
def get_article(article_id: ArticleId, store=Depends(store_of)):
    return _found(store.article(article_id), "article")


@reads.get("/figures", response_model=Page[FigureOut], summary="Figures matching the filters")
def list_figures(store=Depends(store_of), query: FigureQuery = Depends(figure_filters),
                 page: tuple[int, int] = Depends(paging),
                 article_id: Annotated[int | None, Query(ge=1, le=2**53)] = None):
    limit, offset = page
    query = queries.with_page(query, article_id=article_id, limit=limit, offset=offset)
    return _page(store.figures(query), limit, offset, total=store.count_figures(query))


@reads.get("/corridors", response_model=list[CorridorOut], summary="Origin → destination summaries")
def list_corridors(store=Depends(store_of), query: FigureQuery = Depends(figure_filters)):
    return queries.corridors(store, query)


@reads.get("/corridors/{origin}/{destination}/series", response_model=SeriesOut,
           summary="Daily series of one corridor, with its low/high band and sources")
def corridor_series(origin: Annotated[str, Path(pattern=END, description='ISO code, or "?" for unknown')],
                    destination: Annotated[str, Path(pattern=END)],
                    store=Depends(store_of), query: FigureQuery = Depends(common_filters)):
    return queries.series(store, queries.with_page(query, origin=origin, destination=destination))


@reads.get("/conflicts", response_model=list[ConflictOut], summary="Figures that cannot both be true")
def list_conflicts(store=Depends(store_of), query: FigureQuery = Depends(figure_filters)):
    return queries.conflicts(store, query)


@reads.get("/export/{what}", summary="Download figures, corridors or conflicts as CSV, JSON or HXL",
           response_class=Response, responses={200: {"content": {
               "text/csv": {}, "application/json": {}}, "description": "the file"}})
def export(what: queries.Exportable, store=Depends(store_of), query: FigureQuery = Depends(figure_filters),
           format: queries.ExportFormat = "csv"):  # noqa: A002 - the public query parameter's name
    body, media_type = queries.export(store, what, format, query)
    name = f"crossings-{what}.{'hxl.csv' if format == 'hxl' else format}"
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Crossings-Review": query.review})


@reads.get("/countries", response_model=list[CountryOut],
           summary="ISO codes and names; `numeric` is the world-atlas feature id the map uses")
def countries():
    return queries.countries()


# -- writes ------------------------------------------------------------------------------------------

WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": Saved, "description": "already stored"}, 400: {"description": "body is not JSON"},
    401: {"description": "missing or wrong token"},
    403: {"description": "writes disabled: no token configured"}, 413: {"description": "body too large"},
    422: {"description": "unusable input"}, 502: {"description": "the URL could not be fetched"}}


@writes.post("/articles", response_model=Saved, status_code=201, responses=WRITE_RESPONSES,
             summary="Ingest one article (a URL to fetch, or posted text or HTML) and extract its figures")
def post_article(body: ArticleIn, request: Request, response: Response, store=Depends(store_of)):
    raw = _raw(body, request)
    result = _guard(lambda: pipeline.process(raw, request.app.state.settings))
    saved = store.save(result)
    if saved.new:
        from crossings import dedupe  # heavy (datasketch); only writes need it

        dedupe.cluster(store, request.app.state.settings)  # as `crossings ingest` does after each run
    response.status_code = 201 if saved.new else 200
    return Saved(article_id=saved.article_id, new=saved.new, figures=len(result.figures))


@writes.post("/articles/{article_id}/reextract", response_model=Saved,
             summary="Run the extractor again on a stored article and replace its figures",
             responses={**WRITE_RESPONSES, 404: {"description": "no such article"}})
def reextract(article_id: ArticleId, request: Request, store=Depends(store_of)):
    row = _found(store.article(article_id), "article")
    article = queries.stored_article(row)
    result = _guard(lambda: pipeline.analyse(article, request.app.state.settings))
    _guard(lambda: queries.replace_figures(store, article_id, result))
    return Saved(article_id=article_id, new=False, figures=len(result.figures))


def _raw(body: ArticleIn, request: Request) -> RawDoc:
    published = _iso(body.published)
    if body.url:
        from crossings.ingest.web import fetch

        raw = _guard(lambda: fetch(body.url, request.app.state.settings, request.app.state.transport))
        return RawDoc(**{**queries.fields_of(raw), "published": published, "title": body.title})
    content, kind = (body.html, "text/html") if body.html is not None else (body.text, "text/plain")
    return RawDoc(source="api", content=content.encode("utf-8"), content_type=kind,
                  published=published, title=body.title)


def _guard(call):
    """Run a library call; its typed errors become client errors with the reason code."""
    try:
        return call()
    except FetchError as exc:
        raise HTTPException(502, {"reason": exc.reason, "message": str(exc)}) from exc
    except StoreError as exc:
        if exc.reason != "not_found":
            raise  # the database's trouble, not the client's: 503 from _store_error
        raise HTTPException(404, {"reason": exc.reason, "message": str(exc)}) from exc
    except CrossingsError as exc:
        raise HTTPException(422, {"reason": exc.reason, "message": str(exc)}) from exc


def _found(row: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if row is None:
        raise HTTPException(404, f"no such {what}")
    return row


# -- the app -----------------------------------------------------------------------------------------


def create_app(settings: Settings, store=None, transport=None) -> FastAPI:
    """The whole server. `store` defaults to open_store(settings.db); `transport` is for URL fetches."""
    from crossings.serve import dashboard, review_api
    from crossings.serve.middleware import BodyLimit, SecurityHeaders

    app = FastAPI(title="crossings", version=_version(), docs_url=None, redoc_url=None,
                  description="Movement figures read out of news articles: who crossed which border, "
                  "when, according to whom. Reads are open unless the operator sets read_token; writes "
                  "need the operator's bearer token.")
    app.state.settings = settings
    app.state.store = store if store is not None else _open(settings)
    app.state.transport = transport
    app.include_router(reads)
    app.include_router(writes)
    app.include_router(review_api.router)
    dashboard.mount(app)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StoreError, _store_error)
    if not settings.read_token:
        app.openapi = _reads_open(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _store_error(request: Request, exc: StoreError) -> Response:
    return JSONResponse({"detail": {"reason": exc.reason, "message": "the database is unavailable"}}, 503)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """FastAPI's own handling, except that a 405 lists every method the path has in `Allow` (a GET
    and a POST on one path are two routes, and Starlette names only the first)."""
    if exc.status_code == 405:
        methods = {m for route in request.app.router.routes if isinstance(route, APIRoute)
                   and route.matches(request.scope)[0] != Match.NONE for m in route.methods}
        exc = StarletteHTTPException(405, exc.detail, headers={"Allow": ", ".join(sorted(methods))})
    return await http_exception_handler(request, exc)


def _reads_open(app: FastAPI):
    """The spec as served when reads are open: only writes carry the bearer-token requirement."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = build()
            for item in spec["paths"].values():
                item.get("get", {}).pop("security", None)
        return app.openapi_schema

    return openapi


def _open(settings: Settings):
    from crossings.store import open_store

    return open_store(settings.db)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crossings")
    except PackageNotFoundError:
        return "0"
