"""Reviewing in the dashboard (Debian's Chromium via Playwright, a real server on loopback, a real SQLite
store): sign in, reject a figure and see the series change, correct one, read its history, narrow the
page to reviewed figures; a reader sees no actions. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs the serve extra: pip install 'crossings[serve]'")
playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (the dev extra)")
expect = playwright.expect

from crossings import accounts  # noqa: E402
from crossings.config import Settings  # noqa: E402
from crossings.serve import create_app  # noqa: E402
from crossings.serve.testing import LiveServer, demo_results  # noqa: E402
from crossings.store import open_store  # noqa: E402

pytestmark = pytest.mark.browser

GE_10000, GE_RANGE = 3, 4  # the RU-GE figures of the hand-made corpus: 10,000/day on 09-28, 5,000-6,000 before


@pytest.fixture
def server(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.sqlite'}"
    store = open_store(url)
    for result in demo_results():
        store.save(result)
    accounts.add_user(store, "rev", "reviewer", "reviewer-password")
    accounts.add_user(store, "rea", "reader", "reader-password")
    with LiveServer(create_app(Settings(db=url, token="browser-token-0123"), store=store)) as live:
        live.store = store
        yield live
    store.close()


@pytest.fixture
def page(new_page, server):
    return new_page(1100)


def _open_ru_ge(page, server) -> None:
    page.goto(f"{server.url}/?corridor=RU-GE")
    page.wait_for_selector("body[data-ready='true']", timeout=15_000)
    expect(page.locator("#evidence tbody tr")).to_have_count(3)


def _sign_in(page, name: str, password: str) -> None:
    page.fill("#review-login input[name='name']", name)
    page.fill("#review-login input[name='password']", password)
    page.click("#review-login button[type='submit']")
    expect(page.locator("#review-who")).to_have_text(f"{name} ({'reviewer' if name == 'rev' else 'reader'})")


def _row(page, figure_id: int):
    return page.locator(f"#evidence tr[data-figure-id='{figure_id}']")


def _series_ids(response) -> set[int]:
    return {i for p in response.json()["points"] for i in p["figure_ids"]}


def test_review_in_the_dashboard_changes_the_series(page, server, shoot):
    _open_ru_ge(page, server)
    before = page.text_content("#detail-summary")
    _sign_in(page, "rev", "reviewer-password")
    row = _row(page, GE_10000)
    row.locator("input[name='reason']").fill("a forecast, not a count")
    with page.expect_response(lambda r: "/RU/GE/series" in r.url) as answer:
        row.locator("button[data-action='reject']").click()
    assert GE_10000 not in _series_ids(answer.value)
    expect(_row(page, GE_10000).locator(".state")).to_have_text("rejected")
    expect(page.locator("#detail-summary")).not_to_have_text(before)
    assert server.store.figure(GE_10000)["review_state"] == "rejected"

    _row(page, GE_10000).locator("button[data-action='history']").click()
    expect(_row(page, GE_10000).locator(".history li")).to_have_count(1)
    entry = _row(page, GE_10000).locator(".history li").text_content()
    assert "rev" in entry and "reject" in entry and "a forecast, not a count" in entry

    _row(page, GE_RANGE).locator("button[data-action='correct']").click()
    _row(page, GE_RANGE).locator("form.correction input[name='low']").fill("5500")
    with page.expect_response(lambda r: "/RU/GE/series" in r.url):
        _row(page, GE_RANGE).locator("form.correction button[type='submit']").click()
    expect(_row(page, GE_RANGE).locator(".state")).to_have_text("corrected")
    expect(_row(page, GE_RANGE).locator(".machine")).to_have_text("machine read 5,000–6,000")
    assert server.store.figure(GE_RANGE)["low"] == 5500
    _row(page, GE_RANGE).locator("button[data-action='history']").click()
    expect(_row(page, GE_RANGE).locator(".history li")).to_contain_text("low 5,000 → 5,500")
    shoot(page, "review")

    page.select_option("select[name='review']", "reviewed")
    expect(page.locator("#evidence tbody tr")).to_have_count(1)
    expect(page.locator("#detail-summary")).to_contain_text("using reviewed figures only")
    assert "review=reviewed" in page.get_attribute("#export-csv", "href")
    assert page.problems == []


def test_review_a_reader_sees_states_and_history_but_no_actions(page, server):
    from crossings import review

    review.accept(server.store, GE_RANGE, "rev", "checked")
    _open_ru_ge(page, server)
    assert page.locator("#evidence button[data-action='accept']").count() == 0  # not signed in
    _sign_in(page, "rea", "reader-password")
    expect(page.locator("#review-note")).to_contain_text("Readers")
    assert page.locator("#evidence button[data-action='accept']").count() == 0
    expect(_row(page, GE_RANGE).locator(".state")).to_have_text("accepted")
    _row(page, GE_RANGE).locator("button[data-action='history']").click()
    expect(_row(page, GE_RANGE).locator(".history li")).to_contain_text("checked")
    page.reload()
    page.wait_for_selector("body[data-ready='true']")
    expect(page.locator("#review-who")).to_have_text("rea (reader)")  # kept for the tab, in sessionStorage
    assert page.evaluate("Object.keys(localStorage).length") == 0
    assert page.problems == []


