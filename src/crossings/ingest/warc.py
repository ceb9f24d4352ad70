"""Stage 1 of 8, web archives: WARC response records, streamed with fastwarc → one RawDoc per HTML or
text page. The record's target URI is the page's URL; WARC-Date is when it was crawled, not published,
so it is not carried. Redirects, error pages and non-text payloads are skipped; broken records fail.
"""

from __future__ import annotations

import http.client
import io
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from crossings.config import Settings
from crossings.errors import CrossingsError, InputError
from crossings.ingest import files
from crossings.records import Failure, RawDoc

SUFFIXES = frozenset({".warc", ".warc.gz"})
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def looks_like_warc(head: bytes) -> bool:
    return head.startswith((b"WARC/", b"\x1f\x8b"))


def read(path: Path, settings: Settings, start: int = 0, count: int | None = None) -> Iterator[RawDoc | Failure]:
    """Every page in one WARC file, in order; a bad record yields a Failure and the next one is read.
    A batch shard reads only the pages among `count` records from byte `start` (see `offsets`)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield files.failure(str(path), InputError(f"{path}: {exc.strerror or exc}", "unreadable"))
        return
    with stream:
        stream.seek(start)
        yield from _pages(stream, path, settings, count)


def offsets(path: Path) -> list[int] | None:
    """The byte offset of each record, or None when the records cannot be read from their own offsets:
    a gzip WARC must hold one gzip member per record (as crawlers write them), and the file must read to
    its end. About 40 µs a record: the records' headers are parsed and their bodies skipped."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    found = []
    try:
        with path.open("rb") as stream:
            found = [record.stream_pos for record in
                     ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)]
            gzipped = _head_at(stream, 0).startswith(b"\x1f\x8b")
            if not found or not all(_head_at(stream, at).startswith(b"\x1f\x8b" if gzipped else b"WARC/")
                                    for at in found):
                return None
    except (OSError, ValueError, RuntimeError):
        return None
    return found


def _head_at(stream: BinaryIO, offset: int) -> bytes:
    stream.seek(offset)
    return stream.read(5)


def _pages(stream: BinaryIO, path: Path, settings: Settings, count: int | None = None) -> Iterator[RawDoc | Failure]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    seen = 0
    try:
        # Every type: a record cut off inside its WARC header comes out typeless.
        records = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)
        for record in islice(records, count):
            seen += 1
            item = _page(record, path, settings)
            if item is not None:
                yield item
    except (OSError, ValueError, RuntimeError) as exc:  # fastwarc on a corrupt stream: the rest is lost
        yield Failure(str(path), "read", "bad_warc", f"{path}: {type(exc).__name__} {exc}")
        return
    if not seen:
        yield Failure(str(path), "read", "bad_warc", f"{path}: no WARC records found")


def _page(record, path: Path, settings: Settings) -> RawDoc | Failure | None:
    from fastwarc.warc import WarcRecordType

    uri = record.headers.get("WARC-Target-URI") or ""
    source = f"{path}#{uri or record.stream_pos}"
    if record.record_type != WarcRecordType.response and "Content-Length" in record.headers:
        return None  # requests, metadata, warcinfo: not pages
    try:
        block = _block(record, source, settings.max_bytes)
        status, headers, body = _http(block, source, settings.max_bytes)
    except CrossingsError as exc:
        return files.failure(source, exc)
    kind = headers.get("content-type") or ""
    if not 200 <= status < 300 or not kind.lower().startswith(_TEXT_TYPES):
        return None
    return RawDoc(source=source, content=body, url=uri or None, content_type=kind)


def _block(record, source: str, limit: int) -> bytes:
    """The record's whole block (HTTP head + body), refusing over-cap and truncated records."""
    declared = record.headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        raise InputError(f"{source}: WARC record without a Content-Length (truncated header?)", "truncated")
    if int(declared) > limit:
        raise InputError(f"{source}: record of {int(declared):,} bytes, over the {limit:,}-byte cap",
                         "too_large")
    block = record.reader.read()
    if len(block) < int(declared):
        raise InputError(f"{source}: record cut short ({len(block):,} of {int(declared):,} bytes)",
                         "truncated")
    return block


class _Socket:
    """Just enough of a socket for http.client to parse a stored HTTP response."""

    def __init__(self, data: bytes):
        self._file = io.BytesIO(data)

    def makefile(self, *_args: object, **_kwargs: object) -> io.BytesIO:
        return self._file


def _http(block: bytes, source: str, limit: int) -> tuple[int, dict[str, str], bytes]:
    """Status, lower-cased headers and the decoded body (chunked and gzip/deflate undone)."""
    response = http.client.HTTPResponse(_Socket(block))  # type: ignore[arg-type]
    try:
        response.begin()
        body = response.read()
    except http.client.IncompleteRead as exc:
        raise InputError(f"{source}: HTTP body cut short", "truncated") from exc
    except (http.client.HTTPException, ValueError) as exc:
        raise InputError(f"{source}: unreadable HTTP response ({type(exc).__name__})", "bad_http") from exc
    headers = {k.lower(): v for k, v in response.getheaders()}
    return response.status, headers, _decompress(body, headers.get("content-encoding", ""), source, limit)


def _decompress(body: bytes, encoding: str, source: str, limit: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(f"{source}: content encoding {encoding!r} not supported", "bad_http")
    try:
        out = zlib.decompressobj(zlib.MAX_WBITS | 32).decompress(body, limit + 1)
    except zlib.error as exc:
        raise InputError(f"{source}: broken {encoding} body", "truncated") from exc
    if len(out) > limit:
        raise InputError(f"{source}: decompresses to more than {limit:,} bytes", "too_large")
    return out
