"""The REST API over a real loopback server and a real SQLite store: endpoints, filters, pagination,
the auth boundary, the body and page caps, and the security headers."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi", reason="needs the serve extra: pip install 'crossings[serve]'")

import httpx  # noqa: E402

from crossings.config import Settings  # noqa: E402
from crossings.serve import create_app  # noqa: E402
from crossings.serve.testing import LiveServer, demo_results, free_port, hostile_result  # noqa: E402
from crossings.store import open_store  # noqa: E402

TOKEN = "test-token-0123456789"
ARTICLE = {"text": "Officials said about 4,000 people crossed from Ukraine into Poland on Monday.",
           "published": "2022-03-01", "title": "Posted through the API"}


def _store(url: str):
    store = open_store(url)
    for result in [*demo_results(), hostile_result()]:
        store.save(result)
    return store


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """A read-mostly server over the hand-made corpus; writes need TOKEN."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.sqlite'}"
    store = _store(url)
    app = create_app(Settings(db=url, token=TOKEN, page_size=4), store=store)
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        yield client
    store.close()


def _server(tmp_path, transport=None, **settings):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    app = create_app(Settings(db=url, **settings), store=_store(url), transport=transport)
    return LiveServer(app)


@pytest.fixture
def writable(tmp_path):
    """A fresh server with a token and a small body cap, for tests that change the store."""
    pages = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "text/html"},
        html="<html><body><article><p>About 2,500 people crossed from Belarus into Lithuania on Sunday, "
             "border guards said.</p></article></body></html>"))
    with _server(tmp_path, pages, token=TOKEN, max_body_bytes=4000) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def _auth(token: str | bytes = TOKEN) -> dict[str, str | bytes]:
    if isinstance(token, bytes):
        return {"Authorization": b"Bearer " + token}
    return {"Authorization": f"Bearer {token}"}


# -- reads -------------------------------------------------------------------------------------------


def test_api_openapi_lists_every_endpoint(api):
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/figures", "/api/corridors",
            "/api/corridors/{origin}/{destination}/series", "/api/conflicts", "/api/export/{what}",
            "/api/articles/{article_id}/reextract"} <= set(paths)
    assert "FigureOut" in api.get("/openapi.json").json()["components"]["schemas"]


def test_api_articles_pages_do_not_overlap(api):
    first = api.get("/api/articles", params={"limit": 2}).json()
    second = api.get("/api/articles", params={"limit": 2, "offset": first["next_offset"]}).json()
    assert first["total"] == 6 and first["next_offset"] == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_api_articles_default_page_size_comes_from_settings(api):
    assert len(api.get("/api/articles").json()["items"]) == 4


def test_api_articles_search_finds_words_in_the_text(api):
    found = api.get("/api/articles", params={"q": "Syrym checkpoint"}).json()["items"]
    assert [a["url"] for a in found] == ["https://news.example.org/kz-arrivals"]


def test_api_article_has_its_text_and_figures(api):
    article = api.get("/api/articles/1").json()
    assert "Syrym" in article["text"] and len(article["figures"]) == 2
    evidence = article["figures"][0]["evidence"]
    assert article["text"][evidence["start"]:evidence["end"]] == evidence["text"]


def test_api_missing_article_is_404(api):
    assert api.get("/api/articles/99999").status_code == 404


def test_api_figures_filter_by_corridor(api):
    page = api.get("/api/figures", params={"origin": "RU", "destination": "KZ"}).json()
    assert page["total"] == 3
    assert {(f["origin"], f["destination"]) for f in page["items"]} == {("RU", "KZ")}


def test_api_figures_filter_by_unit_kind_and_source_type(api):
    assert api.get("/api/figures", params={"unit": "vehicles"}).json()["total"] == 1
    assert api.get("/api/figures", params={"kind": "rate", "source_type": "media"}).json()["total"] == 1


def test_api_figures_filter_by_period(api):
    items = api.get("/api/figures", params={"since": "2022-09-26", "until": "2022-09-26"}).json()["items"]
    assert {(f["article_id"], f["period_start"]) for f in items} == {(1, "2022-09-21"), (5, "2022-09-21")}


def test_api_figures_pages_cover_every_row_once(api):
    total = api.get("/api/figures").json()["total"]
    seen = [f["id"] for offset in range(0, total, 3)
            for f in api.get("/api/figures", params={"limit": 3, "offset": offset}).json()["items"]]
    assert sorted(seen) == list(range(1, total + 1))


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}, {"origin": "Russia"},
                                    {"since": "last week"}, {"unit": "sheep"}])
def test_api_bad_query_is_422(api, params):
    assert api.get("/api/figures", params=params).status_code == 422


def test_api_corridors_count_figures_and_sources(api):
    corridors = {(c["origin"], c["destination"]): c for c in api.get("/api/corridors").json()}
    assert corridors[("RU", "KZ")]["n_figures"] == 3 and corridors[("RU", "KZ")]["n_sources"] == 2
    assert corridors[("RU", "KZ")]["totals"][0]["unit"] == "people"


def test_api_series_gives_a_daily_band(api):
    series = api.get("/api/corridors/RU/KZ/series").json()
    days = [p["date"] for p in series["points"] if p["unit"] == "people"]
    assert days[0] == "2022-09-21" and days[-1] == "2022-09-27"
    assert all(p["low"] <= p["value"] <= p["high"] for p in series["points"])
    assert {s["source"] for s in series["sources"]} == {"Kazakhstan's interior ministry", "An independent outlet"}


def test_api_series_window_follows_since_and_until(api):
    series = api.get("/api/corridors/RU/KZ/series", params={"since": "2022-09-25"}).json()
    assert min(p["date"] for p in series["points"]) == "2022-09-25"


def test_api_series_of_an_unknown_corridor_is_empty(api):
    series = api.get("/api/corridors/ZZ/%3F/series").json()
    assert series["points"] == [] and series["sources"] == []


def test_api_conflicts_pair_the_government_and_media_rates(api):
    conflict = api.get("/api/conflicts", params={"origin": "RU"}).json()[0]
    assert conflict["lower"]["source_type"] == "government" and conflict["higher"]["source_type"] == "media"
    assert conflict["ratio"] > 1.5


@pytest.mark.parametrize(("what", "fmt", "first"), [
    ("figures", "csv", "id,origin,destination"), ("corridors", "hxl", "origin,destination"),
    ("conflicts", "json", "["), ("series", "csv", "origin,destination,date")])
def test_api_export_writes_each_format(api, what, fmt, first):
    response = api.get(f"/api/export/{what}", params={"format": fmt, "origin": "RU"})
    assert response.status_code == 200 and response.text.startswith(first)
    assert "attachment" in response.headers["content-disposition"]


def test_api_export_hxl_has_a_hashtag_row(api):
    lines = api.get("/api/export/figures", params={"format": "hxl"}).text.splitlines()
    assert lines[1].startswith("#meta+id,#country+code+origin")


def test_api_export_unknown_dataset_is_422(api):
    assert api.get("/api/export/passwords").status_code == 422


@pytest.mark.parametrize("path", ["/", "/articles/1", "/api/figures", "/api/articles/99999",
                                  "/static/crossings.css", "/openapi.json"])
def test_api_security_headers_on_every_response(api, path):
    headers = api.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_api_dashboard_page_holds_no_inline_script(api):
    html = api.get("/").text
    assert "<script>" not in html and "onerror" not in html and "<script " in html


# -- auth boundary -----------------------------------------------------------------------------------


def test_api_writes_refused_when_no_token_is_configured(tmp_path):
    with _server(tmp_path) as server:
        response = httpx.post(f"{server.url}/api/articles", json=ARTICLE, headers=_auth())
    assert response.status_code == 403


def test_api_write_without_token_is_401(api):
    response = api.post("/api/articles", json=ARTICLE)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("token", ["wrong", TOKEN[:-1], TOKEN + "4", "\u00fc".encode() * 11, b"\xff" * 22])
def test_api_write_with_wrong_token_is_401(api, token):
    assert api.post("/api/articles", json=ARTICLE, headers=_auth(token)).status_code == 401


def test_api_reextract_needs_the_token(api):
    assert api.post("/api/articles/1/reextract").status_code == 401


def test_api_write_with_token_stores_the_article(writable):
    response = writable.post("/api/articles", json=ARTICLE, headers=_auth())
    assert response.status_code == 201 and response.json()["new"] is True
    stored = writable.get(f"/api/articles/{response.json()['article_id']}").json()
    assert stored["text"] == ARTICLE["text"] and stored["published"] == "2022-03-01"


def test_api_same_article_twice_is_not_new(writable):
    writable.post("/api/articles", json=ARTICLE, headers=_auth())
    again = writable.post("/api/articles", json=ARTICLE, headers=_auth())
    assert again.status_code == 200 and again.json()["new"] is False


def test_api_post_url_fetches_it(writable):
    response = writable.post("/api/articles", json={"url": "https://border.example/lt"}, headers=_auth())
    assert response.status_code == 201
    assert "Lithuania" in writable.get(f"/api/articles/{response.json()['article_id']}").json()["text"]


@pytest.mark.parametrize("body", [{}, {"text": "a", "html": "<p>b</p>"}, {"url": "file:///etc/passwd"},
                                  {"text": "x", "extra": 1}])
def test_api_post_needs_exactly_one_usable_source(writable, body):
    assert writable.post("/api/articles", json=body, headers=_auth()).status_code == 422


def test_api_body_over_the_cap_is_413(writable):
    body = {"text": "people crossed " * 400}
    assert writable.post("/api/articles", json=body, headers=_auth()).status_code == 413


def test_api_chunked_body_over_the_cap_is_413(writable):
    chunks = (json.dumps({"text": "x" * 6000})[i:i + 1000].encode() for i in range(0, 6100, 1000))
    response = writable.post("/api/articles", content=chunks,
                             headers={**_auth(), "content-type": "application/json"})
    assert response.status_code == 413


def test_api_reextract_replaces_the_figures(writable):
    response = writable.post("/api/articles/1/reextract", headers=_auth())
    assert response.status_code == 200 and response.json()["article_id"] == 1
    figures = writable.get("/api/articles/1").json()["figures"]
    assert len(figures) == response.json()["figures"]


def test_api_reextract_of_a_missing_article_is_404(writable):
    assert writable.post("/api/articles/99999/reextract", headers=_auth()).status_code == 404


def test_api_reads_need_the_token_when_read_token_is_set(tmp_path):
    with _server(tmp_path, token=TOKEN, read_token=True) as server:
        assert httpx.get(f"{server.url}/api/figures").status_code == 401
        assert httpx.get(f"{server.url}/api/figures", headers=_auth()).status_code == 200
        assert httpx.get(f"{server.url}/").status_code == 200  # the page shell holds no data


def test_api_cli_serve_starts_read_only_without_a_token(tmp_path):
    port, url = free_port(), f"sqlite:///{tmp_path / 'cli.sqlite'}"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CROSSINGS_CONFIG": str(tmp_path / "none.toml")}
    command = [sys.executable, "-m", "crossings", "serve", "--db", url, "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        try:
            spec = _poll(f"http://127.0.0.1:{port}/openapi.json")
            refused = httpx.post(f"http://127.0.0.1:{port}/api/articles", json=ARTICLE, headers=_auth())
        finally:
            child.terminate()
    assert spec.status_code == 200 and refused.status_code == 403


def _poll(url: str, seconds: float = 20.0) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
