"""Stage 8 (HTTP): the REST API and the web dashboard, served by one uvicorn process.

`create_app(settings)` builds it; `crossings serve` runs it. Needs the `serve` extra.
"""

from __future__ import annotations

from crossings.errors import require


def create_app(settings, store=None, transport=None):
    """The FastAPI app (API + dashboard); see crossings.serve.api.create_app."""
    require("fastapi", "serve")
    from crossings.serve.api import create_app as _create

    return _create(settings, store=store, transport=transport)


__all__ = ["create_app"]
