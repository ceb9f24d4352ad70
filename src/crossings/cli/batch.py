"""`crossings batch`: `ingest` for archive-size inputs, run on a Dask cluster (local or remote).

Thin: the work is crossings.batch.run; the summary is the one `ingest` prints.
"""

from __future__ import annotations

import typer

from crossings.cli.common import DbOption, app, console, settings


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="WARC files, JSON-lines files, folders (anything "
                                       "`crossings ingest` reads)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Worker processes of the local "
                                "cluster (default: the `workers` setting)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Run on a running Dask scheduler, "
                                  "tcp://HOST:PORT, instead of a local cluster."),
    db: str = DbOption,
) -> None:
    """Ingest many documents in parallel on Dask workers, one writer to the store. Exit code 1 if any
    item failed."""
    from crossings import batch as batch_run
    from crossings.cli.corpus import summary_table

    opts = settings(db=db, workers=workers)
    summary = batch_run.run(inputs, opts.db, opts, workers=opts.workers, scheduler=scheduler, progress=True)
    console.print(summary_table(summary))
    if summary.failed:
        raise SystemExit(1)  # SystemExit, not typer.Exit: the entry point runs Typer non-standalone
