"""Stage 1 split for a cluster: inputs → shards that a `crossings batch` worker reads itself.

Reading in the one client process is serial (1-2 ms a page for WARC records) and would cap a cluster
however many workers it has, so `plan` only finds where each slice of work starts and a worker reads it
with `read`. A shard is a run of WARC records from a byte offset (a gzip WARC holds one gzip member per
record, so each record can be read from its own offset), a run of JSON lines from a byte offset, or a
list of HTML and text files. URLs and feeds, and files whose kind must be sniffed, are few: `plan`
reads them here, as `read_sources` does, and yields their documents.

`read` of every shard gives exactly the documents and failures `read_sources` gives, with the same
source names (a test checks it), so a batch run stores what `crossings ingest` stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from crossings.config import Settings
from crossings.ingest import _read_url, files, read_path, warc, web
from crossings.records import Failure, RawDoc

SHARD_DOCS = 32  # documents per shard: a few tenths of a second of work, far above Dask's overhead
SHARD_BYTES = 8_000_000  # ... or fewer, when the documents are large


@dataclass(frozen=True)
class Shard:
    """A slice of input that a worker reads: `count` WARC records or JSON lines from byte `start` of
    `path` (count None: to the end), or the HTML/text `files`."""

    kind: str  # "warc", "jsonl" or "files"
    path: str = ""
    start: int = 0
    count: int | None = None
    first_line: int = 1  # jsonl: the number of the line at `start` (sources are `path#line`)
    files: tuple[str, ...] = ()


def plan(specs: Iterable[str], settings: Settings, *, size: int | None = None, max_bytes: int | None = None,
         transport: httpx.BaseTransport | None = None) -> Iterator[Shard | RawDoc | Failure]:
    """Shards for the files the specs name, in order; documents (and failures) of what is read here.
    Shards hold at most `size` documents (SHARD_DOCS) and, beyond the first, `max_bytes` (SHARD_BYTES)."""
    size, max_bytes = size or SHARD_DOCS, max_bytes or SHARD_BYTES
    with web.Fetcher(settings, transport) as fetcher:
        for spec in map(str, specs):
            if web.is_url(spec):
                yield from _read_url(spec, settings, fetcher)
            elif Path(spec).is_dir():
                yield from _plan_folder(Path(spec), settings, fetcher, size, max_bytes)
            else:
                yield from _plan_file(Path(spec), settings, fetcher, size, max_bytes)


def read(shard: Shard, settings: Settings) -> Iterator[RawDoc | Failure]:
    """The documents of one shard, failures as records: what a worker runs first."""
    if shard.kind == "warc":
        return warc.read(Path(shard.path), settings, shard.start, shard.count)
    if shard.kind == "jsonl":
        return files.read_jsonl(Path(shard.path), settings, shard.start, shard.count, shard.first_line)
    return (files.read_or_fail(Path(name), settings) for name in shard.files)


def _plan_folder(folder: Path, settings: Settings, fetcher: web.Fetcher, size: int,
                 max_bytes: int) -> Iterator[Shard | RawDoc | Failure]:
    from crossings.ingest import FOLDER_SUFFIXES

    pages: list[str] = []
    weight = 0
    for path in files.walk(folder, FOLDER_SUFFIXES):
        page = files.suffix_of(path.name) in files.HTML_SUFFIXES | files.TEXT_SUFFIXES
        bytes_ = _size(path)
        if pages and (not page or len(pages) >= size or weight + bytes_ > max_bytes):  # keep the walk's order
            yield Shard("files", files=tuple(pages))
            pages, weight = [], 0
        if not page:
            yield from _plan_file(path, settings, fetcher, size, max_bytes)
            continue
        pages.append(str(path))
        weight += bytes_
    if pages:
        yield Shard("files", files=tuple(pages))


def _plan_file(path: Path, settings: Settings, fetcher: web.Fetcher, size: int,
               max_bytes: int) -> Iterator[Shard | RawDoc | Failure]:
    suffix = files.suffix_of(path.name)
    if suffix in warc.SUFFIXES and (starts := warc.offsets(path)) is not None:
        yield from _runs("warc", path, starts, _size(path), size, max_bytes)
    elif suffix in warc.SUFFIXES:
        yield Shard("warc", str(path))  # broken, or one gzip stream: one worker reads it whole
    elif suffix in files.JSONL_SUFFIXES and (starts := _line_offsets(path)) is not None:
        yield from _runs("jsonl", path, starts, _size(path), size, max_bytes)
    else:
        yield from read_path(path, settings, fetcher)  # feeds, unreadable files, sniffed kinds


def _runs(kind: str, path: Path, starts: list[int], end: int, size: int, max_bytes: int) -> Iterator[Shard]:
    """Shards of at most `size` consecutive records (lines) and, beyond the first, `max_bytes` bytes."""
    if not starts:
        return
    bounds, first = [*starts, end], 0
    for n in range(1, len(starts)):  # may record n join the shard that starts at record `first`?
        if n - first >= size or bounds[n + 1] - bounds[first] > max_bytes:
            yield Shard(kind, str(path), starts[first], n - first, first_line=first + 1)
            first = n
    yield Shard(kind, str(path), starts[first], len(starts) - first, first_line=first + 1)


def _line_offsets(path: Path) -> list[int] | None:
    """The byte offset of each line (blank ones too: line numbers name the sources), or None if unreadable."""
    found, at = [], 0
    try:
        with path.open("rb") as handle:
            for line in handle:
                found.append(at)
                at += len(line)
    except OSError:
        return None  # read_path records why
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
