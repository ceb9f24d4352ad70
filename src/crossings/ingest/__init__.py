"""Stage 1 of 8: any source → RawDoc records, with a Failure record in place of each item that fails.

`read_sources` dispatches each spec: an http(s) URL (a page, or a feed whose entries are then fetched),
a folder (its text, HTML, JSONL and WARC files, recursively, sorted; feeds in it are not followed), a
WARC file, a feed file, a JSONL file, or a text or HTML file (a file with another suffix is sniffed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from crossings.config import Settings
from crossings.errors import CrossingsError
from crossings.ingest import feeds, files, warc, web
from crossings.ingest.files import read_one
from crossings.records import Failure, RawDoc

__all__ = ["read_one", "read_sources"]

FOLDER_SUFFIXES = files.HTML_SUFFIXES | files.TEXT_SUFFIXES | files.JSONL_SUFFIXES | warc.SUFFIXES


def read_sources(specs: Iterable[str], settings: Settings, *,
                 transport: httpx.BaseTransport | None = None) -> Iterator[RawDoc | Failure]:
    """Every document the specs name, in order, over one HTTP client; failures come as records."""
    with web.Fetcher(settings, transport) as fetcher:
        for spec in specs:
            yield from _read_spec(str(spec), settings, fetcher)


def _read_spec(spec: str, settings: Settings, fetcher: web.Fetcher) -> Iterator[RawDoc | Failure]:
    if web.is_url(spec):
        return _read_url(spec, settings, fetcher)
    path = Path(spec)
    if path.is_dir():
        return _read_folder(path, settings, fetcher)
    return read_path(path, settings, fetcher)


def _read_url(url: str, settings: Settings, fetcher: web.Fetcher) -> Iterator[RawDoc | Failure]:
    try:
        doc = fetcher.get(url)
    except CrossingsError as exc:
        yield files.failure(url, exc)
        return
    if feeds.looks_like_feed(doc.content, doc.content_type):
        yield from feeds.read(doc, settings, fetcher)
    else:
        yield doc


def _read_folder(folder: Path, settings: Settings, fetcher: web.Fetcher) -> Iterator[RawDoc | Failure]:
    for path in files.walk(folder, FOLDER_SUFFIXES):
        yield from read_path(path, settings, fetcher)


def read_path(path: Path, settings: Settings, fetcher: web.Fetcher) -> Iterator[RawDoc | Failure]:
    """One file, read according to its suffix, or to its first bytes when the suffix says nothing."""
    suffix = files.suffix_of(path.name)
    if suffix in warc.SUFFIXES:
        return warc.read(path, settings)
    if suffix in files.JSONL_SUFFIXES:
        return files.read_jsonl(path, settings)
    if suffix in feeds.FEED_SUFFIXES:
        return feeds.read_file(path, settings, fetcher)
    return _read_document(path, settings, fetcher)


def _read_document(path: Path, settings: Settings, fetcher: web.Fetcher) -> Iterator[RawDoc | Failure]:
    known = files.suffix_of(path.name) in files.HTML_SUFFIXES | files.TEXT_SUFFIXES
    head = b"" if known else _head(path)
    if warc.looks_like_warc(head):
        yield from warc.read(path, settings)
    elif feeds.looks_like_feed(head):
        yield from feeds.read_file(path, settings, fetcher)
    else:
        yield files.read_or_fail(path, settings)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(2048)
    except OSError:
        return b""  # read_file reports why
