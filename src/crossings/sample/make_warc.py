"""Builds sample.warc.gz from the sample pages: `python -m crossings.sample.make_warc` (needs warcio).

A small crawl as a crawler would have stored it: some HTML pages (one gzip-encoded and chunked), a plain
text page, a redirect, an image, a 404 and a request record. The output is byte-for-byte reproducible:
fixed record ids and crawl dates, and crawl dates that are NOT the pages' publication dates.
"""

from __future__ import annotations

import gzip
import io
import re
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRAWLED = "2024-01-15T03:{minute:02d}:00Z"
PAGES = [  # (file under articles/, the URL it was crawled from, body sent gzip-encoded and chunked)
    ("2022-10-04-georgia-53000-ministry-data.html",
     "https://caucasusledger.example/2022/10/04/georgia-53000-ministry-data/", False),
    ("2022-10-05-border-officials-78000.html",
     "https://tbilisi-courier.example/2022/10/05/border-officials-78000/", False),
    ("2023-04-30-sudan-egypt-16000-cross.html",
     "https://cairo-observer.example/2023/04/30/sudan-egypt-16000-cross/", True),
    ("2023-05-01-sudan-egypt-16000-cross-afp.html", "https://sahel-dispatch.example/article.php?id=4212", False),
    ("2023-05-02-egypt-16000-fled-sudan.html", "https://worldbrief.example/2023/05/02/egypt-16000-fled-sudan/", False),
    ("2023-11-03-torkham-record-24000.html", "https://khybertimes.example/2023/11/03/torkham-record-24000/", False),
    ("2023-05-14-derby-win-52000.html", "https://sportsdesk.example/2023/05/14/derby-win-52000/", False),
]
TEXT_PAGE = ("2023-11-08-taliban-165000-returned.txt", "https://kabul-review.example/wire/returns-165000.txt")


def build(out: Path = HERE / "sample.warc.gz") -> Path:
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for minute, record in enumerate(_records(writer)):
        record.rec_headers.replace_header("WARC-Date", CRAWLED.format(minute=minute))
        writer.write_record(record)
    out.write_bytes(buffer.getvalue())
    return out


def _records(writer):
    for name, url, encoded in PAGES:
        html = (HERE / "articles" / name).read_bytes()
        yield _request(writer, url)
        yield _response(writer, url, html, "text/html; charset=utf-8", encoded=encoded)
    name, url = TEXT_PAGE
    yield _response(writer, url, (HERE / "articles" / name).read_bytes(), "text/plain; charset=utf-8")
    yield _response(writer, "https://khybertimes.example/torkham", b"", "text/html", status="301 Moved Permanently",
                    extra=[("Location", "https://khybertimes.example/2023/11/03/torkham-record-24000/")])
    yield _response(writer, "https://khybertimes.example/static/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                    "image/png")
    yield _response(writer, "https://worldbrief.example/missing-page/", b"<html><body>Not found</body></html>",
                    "text/html", status="404 Not Found")


def _request(writer, url: str):
    from warcio.statusandheaders import StatusAndHeaders

    path = re.sub(r"^https?://[^/]+", "", url) or "/"
    headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", url.split("/")[2]),
                               ("User-Agent", "crossings-sample-crawler/1.0")], is_http_request=True)
    return writer.create_warc_record(url, "request", http_headers=headers,
                                     warc_headers_dict=_ids(url, "request"))


def _response(writer, url: str, body: bytes, kind: str, status: str = "200 OK",
              extra: list[tuple[str, str]] | None = None, encoded: bool = False):
    from warcio.statusandheaders import StatusAndHeaders

    fields = [("Content-Type", kind), *(extra or [])]
    if encoded:
        body = _chunked(gzip.compress(body, mtime=0))
        fields += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    else:
        fields.append(("Content-Length", str(len(body))))
    headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                     http_headers=headers, warc_headers_dict=_ids(url, "response"))


def _chunked(data: bytes, size: int = 1024) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def _ids(url: str, kind: str) -> dict[str, str]:
    return {"WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ':' + url)}>"}


if __name__ == "__main__":
    print(build())
