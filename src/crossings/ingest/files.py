"""Stage 1 of 8, local sources: text, HTML and JSON-lines files, stdin, and folders walked recursively.

Readers raise crossings.errors types for one item; `failure` turns such an error into the Failure record
that read_sources yields in its place.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from crossings import text
from crossings.config import Settings
from crossings.errors import CrossingsError, FetchError, InputError
from crossings.records import Failure, RawDoc

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def failure(source: str, exc: CrossingsError) -> Failure:
    """The record kept in place of an item that could not be read or fetched."""
    return Failure(source, "fetch" if isinstance(exc, FetchError) else "read", exc.reason, str(exc))


def read_one(spec: str, settings: Settings) -> RawDoc:
    """One article named on the command line: a path, '-' for stdin, or an http(s) URL."""
    from crossings.ingest.web import fetch, is_url

    if is_url(spec):
        return fetch(spec, settings)
    if spec == "-":
        return RawDoc(source="<stdin>", content=sys.stdin.buffer.read())
    return read_file(Path(spec), settings)


def read_file(path: Path, settings: Settings) -> RawDoc:
    """A text or HTML file; plain text must decode (UTF-8) here, so a bad file fails as itself."""
    content = read_bytes(path, settings)
    suffix = path.suffix.lower()
    kind = "text/html" if suffix in HTML_SUFFIXES else "text/plain" if suffix in TEXT_SUFFIXES else None
    raw = RawDoc(source=str(path), content=content, content_type=kind)
    if not text.is_html(raw):
        text.decode(content, raw.source)
    return raw


def read_or_fail(path: Path, settings: Settings) -> RawDoc | Failure:
    """`read_file`, with the Failure record in place of an error."""
    try:
        return read_file(path, settings)
    except CrossingsError as exc:
        return failure(str(path), exc)


def read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        if path.stat().st_size > settings.max_bytes:
            raise InputError(f"{path}: larger than {settings.max_bytes:,} bytes", "too_large")
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder; use `crossings ingest` for folders", "unreadable") from exc
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file", "not_found") from exc
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}", "unreadable") from exc


def walk(folder: Path, suffixes: frozenset[str]) -> Iterator[Path]:
    """Files under `folder` with one of `suffixes`, sorted by path, skipping hidden files and folders."""
    found = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(here, n) for n in names if not n.startswith(".") and suffix_of(n) in suffixes]
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def suffix_of(name: str) -> str:
    """The suffix that decides how a file is read: '.warc.gz' counts as one."""
    lower = name.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else os.path.splitext(lower)[1]


# --- JSON lines -----------------------------------------------------------------------------------


def read_jsonl(path: Path, settings: Settings, start: int = 0, count: int | None = None,
               first_line: int = 1) -> Iterator[RawDoc | Failure]:
    """One RawDoc per line {"id"?, "url"?, "title"?, "text" | "html", "published"?}; source `path#line`.
    A batch shard reads `count` lines from byte `start`, the first of them line number `first_line`."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield failure(str(path), InputError(f"{path}: {exc.strerror or exc}", "unreadable"))
        return
    with handle:
        handle.seek(start)
        for number, line in enumerate(islice(handle, count), first_line):
            if line.strip():
                source = f"{path}#{number}"
                try:
                    yield _jsonl_line(line, source, settings)
                except CrossingsError as exc:
                    yield failure(source, exc)


def _jsonl_line(line: bytes, source: str, settings: Settings) -> RawDoc:
    if len(line) > settings.max_bytes:
        raise InputError(f"{source}: line larger than {settings.max_bytes:,} bytes", "too_large")
    item = _json_object(line, source)
    html, plain = item.get("html"), item.get("text")
    body = html if isinstance(html, str) and html.strip() else plain
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{source}: needs a non-empty 'text' or 'html' string", "bad_input")
    return RawDoc(
        source=source, content=body.encode("utf-8"), url=_str(item.get("url")), title=_str(item.get("title")),
        content_type="text/html" if body is html else "text/plain",
        published=_str(item.get("published") or item.get("pub_date")),
        id=None if item.get("id") is None else str(item["id"]),
    )


def _json_object(line: bytes, source: str) -> dict[str, Any]:
    try:
        item = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8", "bad_encoding") from exc
    except ValueError as exc:
        raise InputError(f"{source}: bad JSON ({exc})", "bad_json") from exc
    if not isinstance(item, dict):
        raise InputError(f"{source}: not a JSON object", "bad_json")
    return item


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
