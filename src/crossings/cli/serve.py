"""`crossings serve`: the REST API and the dashboard on one uvicorn server."""

from __future__ import annotations

import typer

from crossings.cli.common import DbOption, app, err_console, settings
from crossings.errors import require


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, help="TCP port."),
    token: str = typer.Option(None, help="Bearer token that allows writes (default: $CROSSINGS_TOKEN or "
                              "settings.token; with none, the API is read-only)."),
) -> None:
    """Serve the REST API (/api, spec at /openapi.json) and the dashboard (/)."""
    require("fastapi", "serve")
    uvicorn = require("uvicorn", "serve")
    from crossings.serve import create_app

    opts = settings(db=db, token=token)
    application = create_app(opts)
    err_console.print(f"crossings: dashboard http://{host}:{port}/ · API spec http://{host}:{port}/openapi.json"
                      f" · writes {'need the token' if opts.token else 'disabled (no token set)'}",
                      highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1") and not opts.read_token:
        err_console.print("[yellow]note:[/yellow] reads are open to anyone who can reach this host "
                          "(set read_token to require the token for reads)")
    uvicorn.run(application, host=host, port=port, log_level="info", proxy_headers=False,
                server_header=False)
