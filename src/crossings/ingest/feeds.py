"""Stage 1 of 8, feeds: an RSS or Atom document (fetched, or a file) → the articles its entries link to.

feedparser only parses bytes we already hold; it never fetches. Entry links go through web.Fetcher, or,
for a feed FILE, may name files beside it. Each entry's title and date ride along on its RawDoc.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from crossings.config import Settings
from crossings.errors import CrossingsError, InputError
from crossings.ingest import files
from crossings.ingest.web import Fetcher, is_url
from crossings.records import Failure, RawDoc

_FEED_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.I | re.S,
)
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})


@dataclass(frozen=True, slots=True)
class Entry:
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD


def looks_like_feed(content: bytes, content_type: str | None = None) -> bool:
    """An RSS/Atom content type, or a document whose first element is <rss>, <feed> or <rdf:RDF>."""
    kind = (content_type or "").lower()
    if "rss" in kind or "atom" in kind:
        return True
    return "html" not in kind and bool(_FEED_START.match(content[:2048]))


def entries(content: bytes, source: str, limit: int) -> list[Entry]:
    """The feed's entries, at most `limit`; an InputError when the bytes are no feed at all."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(content))  # a stream: bytes could be taken for a file name
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"{source}: not an RSS or Atom feed", "bad_feed")
    return [Entry(_text(e.get("link")), _text(e.get("title")), _date(e)) for e in parsed.entries[:limit]]


def read(doc: RawDoc, settings: Settings, fetcher: Fetcher) -> Iterator[RawDoc | Failure]:
    """A fetched feed: relative links resolve against its URL, and only http(s) links are followed."""
    found = _parse(doc.content, doc.source, settings)
    if isinstance(found, Failure):
        yield found
        return
    base = doc.url or doc.source
    for number, entry in enumerate(found, 1):
        link = urljoin(base, entry.link) if entry.link else None
        if link is None or not is_url(link):
            yield _no_link(doc.source, number, entry)
            continue
        yield _with_entry(_fetch(link, fetcher), entry)


def read_file(path: Path, settings: Settings, fetcher: Fetcher) -> Iterator[RawDoc | Failure]:
    """A feed file: http(s) links are fetched; relative and file: links name files beside the feed."""
    try:
        content = files.read_bytes(path, settings)
    except CrossingsError as exc:
        yield files.failure(str(path), exc)
        return
    found = _parse(content, str(path), settings)
    if isinstance(found, Failure):
        yield found
        return
    for number, entry in enumerate(found, 1):
        if not entry.link:
            yield _no_link(str(path), number, entry)
        elif is_url(entry.link):
            yield _with_entry(_fetch(entry.link, fetcher), entry)
        else:
            yield _with_entry(_read_local(path.parent, entry.link, settings), entry)


def _parse(content: bytes, source: str, settings: Settings) -> list[Entry] | Failure:
    try:
        return entries(content, source, settings.max_feed_entries)
    except CrossingsError as exc:
        return files.failure(source, exc)


def _fetch(url: str, fetcher: Fetcher) -> RawDoc | Failure:
    try:
        return fetcher.get(url)
    except CrossingsError as exc:
        return files.failure(url, exc)


def _read_local(folder: Path, link: str, settings: Settings) -> RawDoc | Failure:
    parsed = urlparse(link)
    if parsed.scheme not in ("", "file"):
        return Failure(link, "read", "bad_link", f"{link}: neither http(s) nor a file")
    path = Path(os.path.normpath(folder / unquote(parsed.path)))
    try:
        return files.read_file(path, settings)
    except CrossingsError as exc:
        return files.failure(str(path), exc)


def _with_entry(item: RawDoc | Failure, entry: Entry) -> RawDoc | Failure:
    if isinstance(item, Failure):
        return item
    published = entry.published or item.published
    return dataclasses.replace(item, title=entry.title or item.title, published=published)


def _no_link(source: str, number: int, entry: Entry) -> Failure:
    return Failure(f"{source}#entry-{number}", "read", "bad_link",
                   f"feed entry {number} ({entry.title or 'untitled'}) has no followable link")


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
