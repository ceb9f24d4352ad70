"""Stage 1 of 8, the network: the one httpx client of a run, with timeouts, a size cap and an honest
User-Agent. Every HTTP(S) fetch, page or feed, goes through `Fetcher.get`; tests inject a transport.
"""

from __future__ import annotations

import time
from types import TracebackType

import httpx

from crossings.config import Settings
from crossings.errors import FetchError
from crossings.records import RawDoc


def is_url(spec: str) -> bool:
    return spec[:8].lower().startswith(("http://", "https://"))


class Fetcher:
    """One client for a whole run, opened on the first fetch (a run of local files never opens one)."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self._transport = transport
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.settings.fetch_timeout, follow_redirects=True, transport=self._transport,
                headers={"User-Agent": self.settings.user_agent},
            )
        return self._client

    def get(self, url: str) -> RawDoc:
        """GET one URL into a RawDoc whose source is the URL asked for; any failure is a FetchError."""
        try:
            with self.client.stream("GET", url) as response:
                _check(response, url, self.settings.max_bytes)
                body = _read_capped(response, url, self.settings)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: no answer within {self.settings.fetch_timeout:g} s", "timeout") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{url}: {type(exc).__name__} {exc}".strip(), "network") from exc
        return RawDoc(source=url, content=body, url=str(response.url),
                      content_type=response.headers.get("content-type"))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def fetch(url: str, settings: Settings, transport: httpx.BaseTransport | None = None) -> RawDoc:
    """One URL with a client of its own (for `crossings extract URL`)."""
    with Fetcher(settings, transport) as fetcher:
        return fetcher.get(url)


def _check(response: httpx.Response, url: str, limit: int) -> None:
    """Refuse error statuses, and bodies whose declared length is over the cap, before reading."""
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code}", "http_error")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url}: {int(declared):,} bytes, over the {limit:,}-byte cap", "too_large")


def _read_capped(response: httpx.Response, url: str, settings: Settings) -> bytes:
    """The body, stopping at the size cap and at the fetch's overall time budget (a slow drip)."""
    chunks, size = [], 0
    deadline = time.monotonic() + settings.fetch_timeout
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"{url}: more than the {settings.max_bytes:,}-byte cap", "too_large")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: body not complete within {settings.fetch_timeout:g} s", "timeout")
        chunks.append(chunk)
    return b"".join(chunks)
