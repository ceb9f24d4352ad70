"""The dashboard: two HTML shells (the corridor overview and an article reader) and the static assets.

The pages hold no data: their scripts fetch it from the API and build DOM nodes with textContent, so
article text never reaches the page as markup. Templates are autoescaped; the CSP is set by middleware.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from crossings.serve.models import ArticleId, Kind, SourceType, Unit

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "uPlot.iife.min.js",
                "uPlot.min.css", "countries-50m.json")

templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                                  autoescape=True))
pages = APIRouter(include_in_schema=False)


def assets_built() -> bool:
    """True when scripts/assets has vendored the map and chart libraries."""
    return all((VENDOR / name).is_file() for name in VENDOR_FILES)


def _context(request: Request, **extra) -> dict:
    return {"assets_ok": assets_built(), "version": request.app.version, **extra}


@pages.get("/", response_class=HTMLResponse, name="dashboard")
def dashboard(request: Request):
    return templates.TemplateResponse(request, "index.html", _context(
        request, units=get_args(Unit), kinds=get_args(Kind), source_types=get_args(SourceType)))


@pages.get("/articles/{article_id}", response_class=HTMLResponse, name="article_page")
def article_page(request: Request, article_id: ArticleId):
    return templates.TemplateResponse(request, "article.html", _context(request, article_id=article_id))


def mount(app: FastAPI) -> None:
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
