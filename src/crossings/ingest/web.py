"""The one HTTP client: timeouts, a size cap and an honest User-Agent on every fetch."""

from __future__ import annotations

import httpx

from crossings.config import Settings
from crossings.errors import FetchError
from crossings.records import RawDoc


def fetch(url: str, settings: Settings, transport: httpx.BaseTransport | None = None) -> RawDoc:
    """GET one URL into a RawDoc; any failure is a FetchError naming the URL."""
    headers = {"User-Agent": settings.user_agent}
    try:
        with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True, headers=headers,
                          transport=transport) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}", "http_error")
            body = _read_capped(response, url, settings.max_bytes)
            return RawDoc(source=url, content=body, url=str(response.url),
                          content_type=response.headers.get("content-type"))
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__} {exc}".strip(), "network") from exc


def _read_capped(response: httpx.Response, url: str, limit: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: larger than {limit} bytes", "too_large")
        chunks.append(chunk)
    return b"".join(chunks)
