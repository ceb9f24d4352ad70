"""What the browser tests share: Debian's Chromium driven by Playwright, pages that record what went
wrong in them, and the folder for screenshots. A machine without Chromium, Playwright or the built
front-end assets skips these tests with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (the dev extra)")
    pytest.importorskip("fastapi", reason="needs the serve extra: pip install 'crossings[serve]'")
    from crossings.serve.dashboard import assets_built

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not assets_built():
        pytest.skip("the dashboard's front-end assets are not built: run scripts/assets")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """Makes fresh pages that collect console errors and warnings, uncaught errors and, given `home`,
    any request that leaves it, in `page.problems`."""
    contexts = []

    def make(height: int = 1000, home: str | None = None):
        context = browser.new_context(viewport={"width": 1440, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
        if home:
            page.on("request", lambda r: r.url.startswith(home) or page.problems.append(f"external: {r.url}"))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def shoot() -> Callable[[object, str], None]:
    """Saves a full-page screenshot as tests/artifacts/NAME.png, to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return lambda page, name: page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
