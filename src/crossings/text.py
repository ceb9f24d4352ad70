"""Stage 2 of 8: RawDoc → Article. Main text and metadata out of HTML (trafilatura, htmldate), or plain
text as is; then the boilerplate both kinds carry (related-link lists, bios, credit lines) comes off.

The extracted `text` is what every evidence offset points into, so it is produced once, here, and the
same bytes always give the same text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import urlparse

from crossings.config import Settings
from crossings.errors import ExtractError, InputError
from crossings.records import Article, RawDoc

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")  # lxml refuses str input that declares an encoding
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# Boilerplate that plain text brings along and that can survive HTML extraction. Patterns of the
# kind, not strings of one site: each is checked against one whole line.
_TAIL_HEADING = re.compile(
    r"(?:more (?:stories|news|articles|coverage|from [\w ]{2,40}|on this (?:story|topic))"
    r"|related(?: (?:articles|stories|news|posts|coverage|content|reading|links|topics))?"
    r"|read (?:more|next|also)|also read|see also|further reading|what to read next"
    r"|you (?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?"
    r"|most (?:read|popular|viewed|shared)|(?:trending|popular)(?: now| stories| today)?"
    r"|latest (?:news|stories|headlines)|top stories|editor'?s picks)\s*:?",
    re.I,
)
_LINK_LINE = re.compile(
    r"(?:read more|read also|also read|related|see also)(?:\s*[:|]|\s+[–—-])\s*\S.*", re.I)
_CREDIT_LINE = re.compile(
    r".{0,120}\bcontributed (?:reporting|to this (?:report|story|article))\b.{0,60}"
    r"|\(\s*(?:additional )?(?:reporting|writing|editing) by\b[^()]{0,200}\)"
    r"|additional reporting by\b.{0,200}|reporting by\b[^.]{0,100}; (?:writing|editing) by\b.{0,150}",
    re.I,
)
_CHROME_LINE = re.compile(
    r"advertisement|sponsored(?: content)?|share(?: this)?(?: article| story| page)?|print|comments?"
    r"|(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,150}|.{0,150}\ball rights reserved\b.{0,80}"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,80}newsletters?.{0,80}"
    r"|follow us on .{0,80}",
    re.I,
)
_BIO_LINE = re.compile(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was) (?:a|an|the|our) [^.\d]{0,80}"
    r"\b(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|producer)\b[^\d]{0,120}",
)
_NOT_A_TAG = frozenset({"i", "he", "she", "we", "they", "you", "it", "is", "are", "was", "were",
                        "said", "says", "has", "have", "had", "will", "would"})
_QUOTES = "\"'“”‘’«»"


def extract(raw: RawDoc, settings: Settings | None = None) -> Article:
    """Decode, pull out the main text and metadata, drop boilerplate and fingerprint the result."""
    if settings and len(raw.content) > settings.max_bytes:
        raise InputError(f"{raw.source}: larger than {settings.max_bytes} bytes", "too_large")
    html = is_html(raw)
    decoded = decode(raw.content, raw.source, charset_of(raw.content_type), html=html)
    body, meta = _from_html(decoded, raw) if html else (normalize(decoded), {})
    body = strip_boilerplate(body)
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


# --- decoding -------------------------------------------------------------------------------------


def decode(content: bytes, source: str, charset: str | None = None, html: bool = False) -> str:
    """Bytes → str, refusing binaries and undecodable text with a clear reason.

    A byte-order mark wins, then the declared charset (HTTP header, or the page's own <meta>), then
    UTF-8. Only HTML falls back to Windows-1252, its legacy default; plain text that is not UTF-8 is
    refused rather than guessed at, since a wrong guess would corrupt every evidence quote.
    """
    if not content.strip():
        raise InputError(f"{source}: empty input", "empty")
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _decode_as(content, encoding, source)
    if b"\x00" in content[:4096]:
        raise InputError(f"{source}: looks binary, not text or HTML", "binary")
    for encoding in _candidates(content, charset, html):
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{source}: not UTF-8 text (convert it, or declare its charset)", "bad_encoding")


def _candidates(content: bytes, charset: str | None, html: bool) -> list[str]:
    declared = [charset] if charset else []
    if html and (found := _META_CHARSET.search(content[:4096])):
        declared.append(found.group(1).decode("ascii", "ignore"))
    return [*declared, "utf-8", *(["cp1252"] if html else [])]


def _decode_as(content: bytes, encoding: str, source: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: broken {encoding} text ({exc.reason})", "bad_encoding") from exc


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return found.group(1) if found else None


def is_html(raw: RawDoc) -> bool:
    kind = (raw.content_type or "").lower()
    if "html" in kind:
        return True
    if kind.startswith("text/plain"):
        return False
    return bool(_HTML_SNIFF.search(raw.content[:2048]))


def normalize(text: str) -> str:
    """NFC, unified newlines, no trailing spaces: the form offsets are counted in."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


# --- HTML -----------------------------------------------------------------------------------------


def _from_html(html: str, raw: RawDoc) -> tuple[str, dict[str, Any]]:
    """Main text (one paragraph a line) and metadata. The date comes from page metadata only here."""
    import trafilatura

    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        doc = trafilatura.bare_extraction(
            html, url=raw.url, fast=True, with_metadata=True, include_comments=False,
            include_tables=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura/htmldate/lxml trip on hostile markup (even assert)
        raise ExtractError(f"{raw.source}: unparseable HTML ({type(exc).__name__})", "bad_html") from exc
    if doc is None:
        raise ExtractError(f"{raw.source}: no main text found in the HTML", "no_text")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if not meta.get("date") and not raw.published:
        meta["guessed_date"] = _guess_date(html)
    return normalize(meta.get("text") or ""), meta


def _guess_date(html: str) -> str | None:
    """htmldate's extensive search: free text and, last, a footer's copyright year. Low confidence."""
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - a guess that fails is no guess; the text is already out
        return None


def _published(raw: RawDoc, meta: dict[str, Any]) -> tuple[str | None, str]:
    """A date the caller gives wins; then page metadata; then htmldate's guess, marked as such."""
    if raw.published:
        return raw.published[:10], "given"
    if meta.get("date"):
        return str(meta["date"])[:10], "metadata"
    if meta.get("guessed_date"):
        return str(meta["guessed_date"])[:10], "guessed"
    return None, "none"


def _site(url: str | None) -> str | None:
    return urlparse(url).hostname if url else None


# --- boilerplate ----------------------------------------------------------------------------------


def strip_boilerplate(text: str) -> str:
    """Drop a trailing related-links block, then single boilerplate lines; keep every other line as is."""
    lines = _cut_tail(text.split("\n"))
    lines = [line for line in lines if not is_boilerplate_line(line)]
    lines = _drop_trailing_bio(lines)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _cut_tail(lines: list[str]) -> list[str]:
    """A "More Stories"-style heading and everything after it, when what follows is a list of links:
    only short lines (headlines, not paragraphs), and either a handful of them or in the text's second half.
    """
    for i, line in enumerate(lines[1:], 1):
        if _TAIL_HEADING.fullmatch(line.strip(" #*-–—:")):
            rest = [r for r in lines[i + 1:] if r.strip()]
            short = all(len(r) <= 200 for r in rest)
            late = sum(map(len, lines[:i])) >= sum(map(len, rest))
            if short and (late or len(rest) <= 8):
                return lines[:i]
    return lines


def is_boilerplate_line(line: str) -> bool:
    """One line that is never article text: a credit line, a "Read more: …" link, site chrome, a tagline."""
    core = line.strip()
    if not core or len(core) > 400:
        return False
    return bool(_CREDIT_LINE.fullmatch(core) or _LINK_LINE.fullmatch(core)
                or _CHROME_LINE.fullmatch(core.rstrip(".!")) or is_tagline(core))


def is_tagline(line: str) -> bool:
    """A bio made of tag-like fragments ("Coffee lover. Amateur cyclist. Writer."): three or more short
    fragments when quoted, four or more when not, none with a digit, a pronoun or a verb of saying."""
    core = line.strip().strip(_QUOTES)
    quoted = core != line.strip()
    parts = [p.strip(" " + _QUOTES) for p in re.split(r"[.!|•·]", core)]
    parts = [p for p in parts if p]
    if len(parts) < (3 if quoted else 4) or any(ch.isdigit() for ch in core):
        return False
    return all(len(p.split()) <= 4 and p[0].isupper() for p in parts) and not any(
        w.lower().strip(",;:") in _NOT_A_TAG for p in parts for w in p.split())


def _drop_trailing_bio(lines: list[str]) -> list[str]:
    """"Jane Doe is a reporter covering …" as one of the last two lines: the author box."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    tail = [i for i, line in enumerate(lines) if line.strip()][-2:]
    drop = {i for i in tail if len(lines[i]) <= 240 and _BIO_LINE.fullmatch(lines[i].strip())}
    return [line for i, line in enumerate(lines) if i not in drop]


# --- fingerprint and language ---------------------------------------------------------------------


def content_hash(text: str) -> str:
    squashed = " ".join(text.lower().split())
    return hashlib.sha256(squashed.encode("utf-8")).hexdigest()


def language(text: str) -> str | None:
    import py3langid

    lang, _ = py3langid.classify(text[:2000])
    return str(lang)
