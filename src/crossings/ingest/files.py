"""Local files and stdin → RawDoc."""

from __future__ import annotations

import sys
from pathlib import Path

from crossings.config import Settings
from crossings.errors import InputError
from crossings.records import RawDoc


def read_one(spec: str, settings: Settings) -> RawDoc:
    """One article named on the command line: a path, '-' for stdin, or an http(s) URL."""
    if spec.startswith(("http://", "https://")):
        from crossings.ingest.web import fetch

        return fetch(spec, settings)
    if spec == "-":
        return RawDoc(source="<stdin>", content=sys.stdin.buffer.read())
    return read_file(Path(spec), settings)


def read_file(path: Path, settings: Settings) -> RawDoc:
    try:
        if path.stat().st_size > settings.max_bytes:
            raise InputError(f"{path}: larger than {settings.max_bytes} bytes", "too_large")
        content = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder; use `crossings ingest` for folders", "unreadable") from exc
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}", "unreadable") from exc
    kind = "text/html" if path.suffix.lower() in {".html", ".htm", ".xhtml"} else None
    return RawDoc(source=str(path), content=content, content_type=kind, url=None)
