"""report.html and cohort.html in a real headless Chromium (Playwright).

Every figure draws its SVG, the console stays clean, the page asks the network for nothing, and
hostile names show as text (no dialog fires).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlytics.data import NetworkData
from netlytics.report import write_cohort_report, write_report

from .conftest import XSS_COMPANY, XSS_NAME

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium at /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    """Load ``path``; return (page, console errors, requests other than the page, dialogs)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = path.resolve().as_uri()

    def route(r):
        if r.request.url != url:
            requests.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.figure')).every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    return page, errors, requests, dialogs


def svg_counts(page) -> list[int]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.figure')).map(d => d.querySelectorAll('.main-svg').length)"
    )


def test_report_renders_offline_and_safely(browser, tiny, tmp_path):
    path = write_report(tiny, tmp_path / "report.html")
    page, errors, requests, dialogs = open_page(browser, path)
    counts = svg_counts(page)
    assert len(counts) >= 7 and all(c >= 1 for c in counts)
    assert errors == [] and requests == [] and dialogs == []
    text = page.inner_text("body")
    assert XSS_NAME in text  # the open loops table and the advice show the name as typed
    assert page.query_selector_all('img[src="x"]') == []
    assert page.query_selector_all("main script") == []
    svg_text = page.evaluate(
        "Array.from(document.querySelectorAll('.main-svg text')).map(t => t.textContent).join('\\n')"
    )
    assert XSS_COMPANY in svg_text  # the applying timeline's company label, as text
    page.close()


def test_cohort_report_renders_offline_and_safely(browser, tiny, tmp_path):
    other = tiny.for_seekers("Sam Sample")
    tables = {
        name: getattr(other, name).assign(seeker="<img src=x onerror=alert(2)>")
        for name in ("contacts", "interactions", "applications")
    }
    cohort = NetworkData.concat([tiny, other.replace(**tables)])
    path = write_cohort_report(cohort, tmp_path / "cohort.html", trend_weeks=3)
    page, errors, requests, dialogs = open_page(browser, path)
    counts = svg_counts(page)
    assert len(counts) == 4 and all(c >= 1 for c in counts)
    assert errors == [] and requests == [] and dialogs == []
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#attention")
    # the contact named <script>alert(1)</script> shows as text in the coach's nudges
    assert XSS_NAME in page.inner_text("#nudges")
    assert page.query_selector_all("main script") == []
    assert page.query_selector_all('img[src="x"]') == []
    page.close()


def test_sample_reports_render(browser, sample_seeker, sample_cohort, tmp_path):
    for path in (
        write_report(sample_seeker, tmp_path / "report.html"),
        write_cohort_report(sample_cohort, tmp_path / "cohort.html"),
    ):
        page, errors, requests, dialogs = open_page(browser, path)
        assert all(c >= 1 for c in svg_counts(page))
        assert errors == [] and requests == [] and dialogs == []
        page.close()
