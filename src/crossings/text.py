"""Stage 2: RawDoc → Article. Main text and metadata out of HTML (trafilatura), or plain text as is.

The extracted `text` is what every evidence offset points into, so it is produced once, here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlparse

from crossings.config import Settings
from crossings.errors import ExtractError, InputError
from crossings.records import Article, RawDoc

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)


def extract(raw: RawDoc, settings: Settings | None = None) -> Article:
    """Decode, pull out the main text and metadata, and fingerprint the result."""
    if settings and len(raw.content) > settings.max_bytes:
        raise InputError(f"{raw.source}: larger than {settings.max_bytes} bytes", "too_large")
    decoded = decode(raw.content, raw.source)
    if is_html(raw, decoded):
        body, meta = _from_html(decoded, raw)
    else:
        body, meta = normalize(decoded), {}
    if not body.strip():
        raise ExtractError(f"{raw.source}: no text found", "no_text")
    published, confidence = _published(raw, meta)
    return Article(
        text=body,
        source=raw.source,
        url=raw.url or meta.get("url"),
        title=raw.title or meta.get("title"),
        site=meta.get("sitename") or _site(raw.url),
        published=published,
        published_confidence=confidence,
        language=language(body),
        content_hash=content_hash(body),
        id=raw.id,
    )


def decode(content: bytes, source: str) -> str:
    """Bytes → str, refusing binaries and undecodable text with a clear reason."""
    if not content.strip():
        raise InputError(f"{source}: empty input", "empty")
    if b"\x00" in content[:4096]:
        raise InputError(f"{source}: looks binary, not text or HTML", "binary")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source}: not UTF-8 or Windows-1252 text", "bad_encoding")


def is_html(raw: RawDoc, decoded: str) -> bool:
    if raw.content_type:
        return "html" in raw.content_type
    return bool(_HTML_SNIFF.search(decoded[:2048].encode("utf-8", "ignore")))


def normalize(text: str) -> str:
    """NFC, unified newlines, no trailing spaces: the form offsets are counted in."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def content_hash(text: str) -> str:
    squashed = " ".join(text.lower().split())
    return hashlib.sha256(squashed.encode("utf-8")).hexdigest()


def language(text: str) -> str | None:
    import py3langid

    lang, _ = py3langid.classify(text[:2000])
    return lang


def _from_html(html: str, raw: RawDoc) -> tuple[str, dict]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=raw.url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        raise ExtractError(f"{raw.source}: no main text found in the HTML", "no_text")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return normalize(meta.get("text") or ""), meta


def _published(raw: RawDoc, meta: dict) -> tuple[str | None, str]:
    if raw.published:
        return raw.published[:10], "given"
    if meta.get("date"):
        return str(meta["date"])[:10], "metadata"
    return None, "none"


def _site(url: str | None) -> str | None:
    return urlparse(url).hostname if url else None
