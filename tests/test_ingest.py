"""Stage 1, the readers: every source kind, every failure reason, and the batch going on after each.

HTTP is real: the `loopback` fixture (conftest.py) serves the sample corpus and some misbehaving paths.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import httpx
import pytest

from crossings.config import Settings
from crossings.ingest import files, read_one, read_sources
from crossings.records import Failure, RawDoc
from crossings.sample import ARTICLES, FEED, SAMPLE_DIR, WARC

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
SETTINGS = Settings(fetch_timeout=5.0)
PAGE = "2023-05-25-egypt-150000-sudanese.html"
TEXT = "2022-09-27-verkhny-lars-vehicle-queue.txt"


def read(*specs: str | Path, settings: Settings = SETTINGS, **kw) -> list[RawDoc | Failure]:
    return list(read_sources([str(s) for s in specs], settings, **kw))


def only(items: list[RawDoc | Failure]) -> RawDoc | Failure:
    assert len(items) == 1, items
    return items[0]


def failures(items) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def docs(items) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


# --- files and folders ----------------------------------------------------------------------------


def test_ingest_text_file_is_plain_text_with_its_path_as_source():
    doc = only(read(ARTICLES / TEXT))
    assert doc.source == str(ARTICLES / TEXT)
    assert doc.content_type == "text/plain" and doc.content == (ARTICLES / TEXT).read_bytes()


def test_ingest_html_file_is_html():
    doc = only(read(ARTICLES / PAGE))
    assert doc.content_type == "text/html" and doc.url is None


def test_ingest_folder_is_recursive_sorted_and_skips_hidden_and_unknown_files(tmp_path):
    for name in ["b/z.txt", "b/a.html", "a.txt", "c.htm", ".hidden.txt", ".git/x.txt", "notes.md", "feed.xml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("About 300 people crossed on Monday.", encoding="utf-8")
    sources = [Path(d.source).relative_to(tmp_path).as_posix() for d in read(tmp_path)]
    assert sources == ["a.txt", "b/a.html", "b/z.txt", "c.htm"]


def test_ingest_sample_folder_reads_every_article_and_the_warc_without_failures():
    items = read(SAMPLE_DIR)
    assert not failures(items)
    from_files = [d for d in items if "#" not in d.source]
    from_warc = [d for d in items if d.source.startswith(f"{WARC}#")]
    assert len(from_files) == len(list(ARTICLES.iterdir())) and 25 <= len(from_files) <= 40
    assert len(from_warc) == 8


def test_ingest_missing_file_fails_as_not_found():
    failure = only(read(BROKEN / "no-such-file.txt"))
    assert (failure.stage, failure.reason) == ("read", "not_found")


def test_ingest_unreadable_file_fails_as_unreadable(tmp_path):
    (tmp_path / "plain.txt").write_text("a file, not a folder", encoding="utf-8")
    failure = only(read(tmp_path / "plain.txt" / "child.txt"))
    assert failure.reason == "unreadable" and failure.source.endswith("child.txt")


@pytest.mark.parametrize(("name", "reason"), [("not_utf8.txt", "bad_encoding"), ("binary.txt", "binary"),
                                              ("empty.txt", "empty")])
def test_ingest_bad_text_file_fails_with_its_reason(name, reason):
    assert only(read(BROKEN / name)).reason == reason


def test_ingest_file_over_the_cap_fails_as_too_large():
    failure = only(read(ARTICLES / PAGE, settings=Settings(max_bytes=1000)))
    assert failure.reason == "too_large"


def test_ingest_file_with_unknown_suffix_is_sniffed_as_a_feed(tmp_path):
    shutil.copy(FEED, tmp_path / "latest")
    shutil.copytree(ARTICLES, tmp_path / "articles")
    assert len(docs(read(tmp_path / "latest"))) == 12


# --- JSON lines -----------------------------------------------------------------------------------


def test_ingest_jsonl_line_carries_id_url_title_and_date():
    first = read(BROKEN / "bad_lines.jsonl")[0]
    assert first.source == f"{BROKEN / 'bad_lines.jsonl'}#1"
    assert (first.id, first.url, first.title, first.published) == (
        "a1", "https://example.org/a1", "Good line", "2023-05-10")
    assert first.content_type == "text/plain" and b"2,000 people" in first.content


def test_ingest_jsonl_bad_lines_fail_one_by_one_and_the_rest_are_read():
    items = read(BROKEN / "bad_lines.jsonl")
    reasons = {i.source.rsplit("#", 1)[1]: i.reason for i in failures(items)}
    assert reasons == {"3": "bad_json", "4": "bad_input", "5": "bad_json", "6": "bad_encoding"}
    last = items[-1]
    assert isinstance(last, RawDoc) and last.id == "6" and last.content_type == "text/html"


# --- feed files -----------------------------------------------------------------------------------


def test_ingest_feed_file_reads_entries_beside_it_with_title_and_date():
    items = read(FEED)
    assert len(items) == 12 and not failures(items)
    queue = next(d for d in items if d.source.endswith(TEXT))
    assert Path(queue.source) == ARTICLES / TEXT
    assert queue.title == "Vehicle queue at Verkhny Lars stretches for kilometres"
    assert queue.published == "2022-09-27"


def test_ingest_feed_file_with_http_links_fetches_them(tmp_path, loopback):
    feed = (BROKEN / "feed_with_404.xml").read_text(encoding="utf-8")
    feed = feed.replace("../articles/", f"{loopback.url}/articles/").replace("gone-", f"{loopback.url}/gone-")
    (tmp_path / "feed.rss").write_text(feed, encoding="utf-8")
    items = read(tmp_path / "feed.rss")
    assert [type(i).__name__ for i in items] == ["RawDoc", "Failure", "Failure", "Failure"]
    assert items[0].url == f"{loopback.url}/articles/2023-05-16-chad-60000-refugees.html"
    assert items[1].reason == "http_error" and items[1].stage == "fetch"


def test_ingest_xml_file_that_is_no_feed_fails_as_bad_feed():
    assert only(read(BROKEN / "not_a_feed.xml")).reason == "bad_feed"


# --- WARC -----------------------------------------------------------------------------------------


def test_ingest_warc_yields_html_and_text_pages_with_the_target_uri():
    items = read(WARC)
    assert len(items) == 8 and not failures(items)
    page = next(d for d in items if "cairo-observer" in (d.url or ""))
    assert page.source == f"{WARC}#{page.url}"
    assert page.content == (ARTICLES / "2023-04-30-sudan-egypt-16000-cross.html").read_bytes()  # gzip+chunked
    assert all(d.published is None for d in items)  # WARC-Date is the crawl, not the publication
    assert {d.content_type.split(";")[0] for d in items} == {"text/html", "text/plain"}


@pytest.mark.parametrize("name", ["truncated.warc.gz", "truncated_header.warc"])
def test_ingest_truncated_warc_record_fails_after_the_good_ones(name):
    items = read(BROKEN / name)
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "Failure"]
    assert items[-1].reason == "truncated"


def warc_response(url: str, body: bytes) -> bytes:
    """One uncompressed WARC response record, written by hand."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def test_ingest_warc_record_over_the_cap_fails_and_the_next_is_read(tmp_path):
    big, small = warc_response("https://a.example/big", b"x" * 5000), warc_response("https://a.example/s", b"<p>hi</p>")
    (tmp_path / "crawl.warc").write_bytes(big + small)
    items = read(tmp_path / "crawl.warc", settings=Settings(max_bytes=2000))
    assert [i.reason if isinstance(i, Failure) else i.url for i in items] == ["too_large", "https://a.example/s"]


def test_ingest_file_that_is_no_warc_fails_as_bad_warc():
    assert only(read(BROKEN / "not_a_warc.warc")).reason == "bad_warc"


# --- the web --------------------------------------------------------------------------------------


def test_ingest_url_page_keeps_the_url_as_source(loopback):
    url = f"{loopback.url}/articles/{PAGE}"
    doc = only(read(url))
    assert (doc.source, doc.url) == (url, url)
    assert doc.content_type.startswith("text/html") and doc.content == (ARTICLES / PAGE).read_bytes()


def test_ingest_url_redirect_keeps_the_asked_url_as_source(loopback):
    doc = only(read(f"{loopback.url}/redirect"))
    assert doc.source == f"{loopback.url}/redirect" and doc.url == f"{loopback.url}/articles/{PAGE}"


def test_ingest_url_of_an_rss_feed_fetches_each_entry(loopback):
    items = read(f"{loopback.url}/feed.xml")
    assert len(items) == 12 and not failures(items)
    assert all(d.url.startswith(f"{loopback.url}/articles/") and d.title and d.published for d in items)


def test_ingest_url_of_an_atom_feed_takes_published_before_updated(loopback):
    items = read(f"{loopback.url}/atom")
    assert [(d.title, d.published) for d in items] == [("Returns from Pakistan", "2023-11-15"),
                                                        ("Torkham record", "2023-11-03")]


def test_ingest_feed_entry_that_fails_to_fetch_is_a_failure_and_the_feed_goes_on(loopback):
    items = read(f"{loopback.url}/broken/feed_with_404.xml")
    assert [type(i).__name__ for i in items] == ["RawDoc", "Failure", "Failure", "RawDoc"]
    assert items[1].source == f"{loopback.url}/broken/gone-2023-05-17.html"
    assert (items[1].stage, items[1].reason, items[2].reason) == ("fetch", "http_error", "bad_link")
    assert items[3].published == "2023-06-20"


def test_ingest_remote_feed_cannot_make_us_read_local_files(loopback):
    items = read(f"{loopback.url}/broken/feed_with_file_link.xml")
    assert [(i.stage, i.reason) for i in items] == [("read", "bad_link")] * 2


def test_ingest_http_500_fails_as_http_error(loopback):
    failure = only(read(f"{loopback.url}/500"))
    assert (failure.stage, failure.reason) == ("fetch", "http_error") and "500" in failure.detail


def test_ingest_slow_server_fails_as_timeout(loopback):
    failure = only(read(f"{loopback.url}/slow", settings=Settings(fetch_timeout=0.3)))
    assert (failure.stage, failure.reason) == ("fetch", "timeout")


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared"])
def test_ingest_50_mb_page_fails_as_too_large(loopback, path):
    failure = only(read(f"{loopback.url}{path}"))  # the default cap, 10 MB
    assert failure.reason == "too_large"


def test_ingest_unreachable_host_fails_as_network():
    failure = only(read("http://127.0.0.1:9/nothing-listens-here", settings=Settings(fetch_timeout=2)))
    assert (failure.stage, failure.reason) == ("fetch", "network")


def test_ingest_user_agent_reaches_the_server(loopback):
    read(f"{loopback.url}/articles/{PAGE}", settings=Settings(user_agent="crossings-test/9 (+mailto:x@y.example)"))
    assert loopback.requests[-1][1]["User-Agent"] == "crossings-test/9 (+mailto:x@y.example)"


def test_ingest_one_injected_transport_carries_every_fetch_of_a_run(loopback):
    class Counting(httpx.HTTPTransport):
        calls = 0

        def handle_request(self, request):
            Counting.calls += 1
            return super().handle_request(request)

    items = read(f"{loopback.url}/feed.xml", f"{loopback.url}/articles/{PAGE}", transport=Counting())
    assert len(items) == 13 and Counting.calls == 14  # the feed, its 12 entries, the page


def test_ingest_read_one_fetches_a_url(loopback):
    raw = read_one(f"{loopback.url}/articles/{PAGE}", SETTINGS)
    assert raw.content == (ARTICLES / PAGE).read_bytes()


# --- the batch goes on ----------------------------------------------------------------------------


def test_ingest_batch_goes_on_after_every_kind_of_failure(loopback, tmp_path):
    specs = [BROKEN / "missing.txt", f"{loopback.url}/500", ARTICLES / TEXT, f"{loopback.url}/slow",
             BROKEN / "truncated.warc.gz", BROKEN / "not_utf8.txt", f"{loopback.url}/huge",
             BROKEN / "bad_lines.jsonl", f"{loopback.url}/articles/{PAGE}"]
    items = read(*specs, settings=Settings(fetch_timeout=0.5))
    reasons = [i.reason if isinstance(i, Failure) else "ok" for i in items]
    assert reasons == ["not_found", "http_error", "ok", "timeout", "ok", "ok", "truncated", "bad_encoding",
                       "too_large", "ok", "bad_json", "bad_input", "bad_json", "bad_encoding", "ok", "ok"]


def test_ingest_failure_records_name_stage_reason_and_detail():
    failure = only(read(BROKEN / "not_utf8.txt"))
    assert failure.to_dict() == {"source": str(BROKEN / "not_utf8.txt"), "stage": "read",
                                 "reason": "bad_encoding", "detail": failure.detail}
    assert "UTF-8" in failure.detail


def test_ingest_suffix_of_treats_warc_gz_as_one_suffix():
    assert files.suffix_of("Crawl.WARC.GZ") == ".warc.gz" and files.suffix_of("a.b.html") == ".html"


# --- the sample corpus itself ---------------------------------------------------------------------


def test_ingest_sample_warc_is_what_make_warc_builds(tmp_path):
    pytest.importorskip("warcio")
    from crossings.sample import make_warc

    assert make_warc.build(tmp_path / "sample.warc.gz").read_bytes() == WARC.read_bytes()


def test_ingest_sample_readme_names_only_articles_that_exist():
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`([\w.-]+\.(?:html|txt))`", readme))
    slugs = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", readme))
    present = [p.name for p in ARTICLES.iterdir()]
    assert len(names) >= 5 and all(any(p == n or p.endswith(f"-{n}") for p in present) for n in names)
    assert len(slugs) >= 5 and all(any(f"-{s}." in p for p in present) for s in slugs)
