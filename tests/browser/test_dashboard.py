"""The dashboard in a real browser (Debian's Chromium via Playwright) against a loopback server over the
sample corpus plus one hostile article: map arrows, picking a corridor, its chart and evidence, filters,
and article text that tries to run script kept inert. What the page should show is asked of the API.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import httpx
import pytest

pytest.importorskip("fastapi", reason="needs the serve extra: pip install 'crossings[serve]'")
playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (the dev extra)")
expect = playwright.expect

from crossings.config import Settings  # noqa: E402
from crossings.serve import create_app  # noqa: E402
from crossings.serve.testing import HOSTILE, HOSTILE_IMG, LiveServer, hostile_result, sample_db  # noqa: E402
from crossings.store import open_store  # noqa: E402

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = sample_db(tmp_path_factory.mktemp("browser") / "dashboard.sqlite")
    store = open_store(url)
    hostile_id = store.save(hostile_result()).article_id
    with LiveServer(create_app(Settings(db=url), store=store)) as live:
        live.api = httpx.Client(base_url=live.url, timeout=10)
        live.hostile_id = hostile_id
        yield live
        live.api.close()
    store.close()


def _mapped(server) -> list[dict]:
    """The corridors with both ends known, as the API gives them."""
    return [c for c in server.api.get("/api/corridors").json() if "?" not in (c["origin"], c["destination"])]


def _key(corridor: dict) -> str:
    return f"{corridor['origin']}-{corridor['destination']}"


@pytest.fixture
def page(new_page, server):
    """A fresh page that records console errors, CSP violations and any request off the server."""
    return new_page(1000, home=server.url)


def _open(page, server, path: str = "/"):
    page.goto(server.url + path)
    page.wait_for_selector("body[data-ready='true']", timeout=15_000)


def _pick(page, origin: str, destination: str) -> None:
    page.click(f"#corridors tr[data-key='{origin}-{destination}']")
    page.wait_for_selector(f"#corridors tr.selected[data-key='{origin}-{destination}']")
    expect(page.locator("#evidence tbody tr").first).to_be_visible()


def test_dashboard_draws_an_arrow_per_corridor(page, server, shoot):
    _open(page, server)
    assert page.locator("#map path.country").count() > 200
    drawn = page.eval_on_selector_all("#map g.arrow", "gs => gs.map(g => g.dataset.key)")
    expected = {_key(c) for c in _mapped(server) if c["origin"] != c["destination"]}
    assert set(drawn) == expected
    rows = page.locator("#corridors tbody tr").count()
    assert rows == len(server.api.get("/api/corridors").json())
    assert page.problems == []
    shoot(page, "dashboard")


def test_dashboard_arrow_width_follows_volume(page, server):
    _open(page, server)
    flows = sorted((c["totals"][0]["value"], _key(c)) for c in _mapped(server) if c["totals"])
    width = lambda key: float(page.get_attribute(f"g.arrow[data-key='{key}'] path.line", "stroke-width"))  # noqa: E731
    assert width(flows[-1][1]) > width(flows[0][1])


def test_dashboard_picking_a_corridor_shows_its_series_and_evidence(page, server, shoot):
    corridor = max(_mapped(server), key=lambda c: c["n_figures"])
    origin, destination = corridor["origin"], corridor["destination"]
    _open(page, server)
    _pick(page, origin, destination)
    assert " → " in page.text_content("#detail-title")
    assert page.get_attribute("#chart", "data-drawn") == "true"
    assert page.locator("#chart canvas").count() == 1
    total = server.api.get("/api/figures", params={"origin": origin, "destination": destination}).json()["total"]
    expect(page.locator("#evidence tbody tr")).to_have_count(total)
    assert page.locator("#evidence tbody mark").count() >= 1
    series = server.api.get(f"/api/corridors/{origin}/{destination}/series").json()
    expect(page.locator("#sources li")).to_have_count(len(series["sources"]))
    assert page.problems == []
    shoot(page, f"corridor-{origin}-{destination}")


def test_dashboard_evidence_marks_the_number_in_the_sentence(page, server):
    corridor = max(_mapped(server), key=lambda c: c["n_figures"])
    _open(page, server)
    _pick(page, corridor["origin"], corridor["destination"])
    rows = server.api.get("/api/figures", params={"origin": corridor["origin"],
                                                  "destination": corridor["destination"]}).json()["items"]
    expected = [r["evidence"]["text"][r["span"][0]:r["span"][1]] for r in rows if r["span"]]
    expect(page.locator("#evidence tbody tr")).to_have_count(len(rows))  # this corridor's table, not the last one's
    shown = page.eval_on_selector_all("#evidence tbody mark", "ms => ms.map(m => m.textContent)")
    assert sorted(shown) == sorted(expected)


def test_dashboard_clicking_an_arrow_picks_its_corridor(page, server):
    corridor = min(_mapped(server), key=lambda c: c["n_figures"])
    key = _key(corridor)
    _open(page, server)
    page.dispatch_event(f"g.arrow[data-key='{key}']", "click")
    page.wait_for_selector(f"#corridors tr.selected[data-key='{key}']")
    expect(page.locator("#evidence tbody tr")).to_have_count(corridor["n_figures"])
    assert page.get_attribute(f"g.arrow[data-key='{key}']", "class") == "arrow selected"


def test_dashboard_switches_between_tracks(page, server):
    tracks = {}
    for c in _mapped(server):
        series = server.api.get(f"/api/corridors/{c['origin']}/{c['destination']}/series").json()
        tracks[_key(c)] = {(p["unit"], p["kind"]) for p in series["points"]}
    key = next((k for k, found in tracks.items() if len(found) > 1), None)
    if key is None:
        pytest.skip("no corridor in the corpus has two tracks")
    _open(page, server, f"/?corridor={key}")
    expect(page.locator("#track button")).to_have_count(len(tracks[key]))
    page.locator("#track button").nth(1).click()
    expect(page.locator("#track button").nth(1)).to_have_class("on")
    assert page.get_attribute("#chart", "data-drawn") == "true"


def test_dashboard_filters_narrow_the_corridors(page, server):
    _open(page, server)
    page.select_option("select[name='source_type']", "un_agency")
    expected = server.api.get("/api/corridors", params={"source_type": "un_agency"}).json()
    expect(page.locator("#corridors tbody tr")).to_have_count(len(expected))
    assert "source_type=un_agency" in page.url
    assert "source_type=un_agency" in page.get_attribute("#export-csv", "href")


def test_dashboard_keeps_hostile_article_text_inert(page, server, shoot):
    _open(page, server, "/?corridor=UA-MD")
    cell = page.locator("#evidence td.sentence", has_text="1,200")
    expect(cell).to_have_count(1)
    assert HOSTILE in cell.text_content() and HOSTILE_IMG in cell.text_content()
    assert page.locator("#evidence img, #evidence script, main img").count() == 0
    links = page.eval_on_selector_all("#evidence a", "as => as.map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript") for h in links)
    cell.scroll_into_view_if_needed()
    shoot(page, "hostile-evidence")
    _open(page, server, f"/articles/{server.hostile_id}")
    assert HOSTILE in page.text_content("#article-text") and HOSTILE_IMG in page.text_content("#article-title")
    assert page.locator("#reader img, #reader script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []
    shoot(page, "hostile-article")


def test_dashboard_asks_for_the_token_when_reads_need_it(browser, tmp_path):
    url = sample_db(tmp_path / "locked.sqlite")
    app = create_app(Settings(db=url, token="reader-token-123", read_token=True))
    with LiveServer(app) as live:
        page = browser.new_page()
        page.goto(live.url + "/")
        page.fill("#token-form input[name='token']", "reader-token-123")
        page.click("#token-form button")
        page.wait_for_selector("body[data-ready='true']", timeout=15_000)
        expect(page.locator("#corridors tbody tr").first).to_be_visible()
        with page.expect_download() as download:  # the export link carries the token too
            page.click("#export-csv")
        assert download.value.suggested_filename.endswith(".csv")
        assert download.value.path().read_text(encoding="utf-8").startswith("id,")
        page.close()
