"""The pages in a real browser: Debian's headless Chromium with fonts-nanum (`make browser-deps` installs both;
`make test-browser` runs these tests). Each page loads with no error in the console, the seed meetings are on
the timeline, Hangul is drawn with a Korean font, labels stay inside the pictures, and screenshots are taken.

Set KG_SCREENSHOTS=DIR to keep the screenshots of the timeline and the network there (the README's come from
`KG_SCREENSHOTS=docs/screenshots make test-browser`).
"""

from __future__ import annotations

import os
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.namespaces import ID_NS
from tests.serve.chromium import Chromium, chromium_binary
from tests.serve.conftest import Served, kg
from tests.serve.test_pages import library_meetings

pytestmark = pytest.mark.browser

BINARY = chromium_binary()
NOT_INSTALLED = ("Debian's chromium is not installed here and could not be: `make browser-deps` installs it "
                 "(apt-get install chromium fonts-nanum, as root)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if BINARY is None:
        pytest.skip(NOT_INSTALLED)
    chromium = Chromium(BINARY)
    try:
        yield chromium
    finally:
        chromium.close()


def keep(shot: Path) -> None:
    folder = os.environ.get("KG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(folder) / shot.name)


def test_the_timeline_shows_the_seed_meetings_in_a_korean_font(
    browser: Chromium, seed_server: Served, seed_store: Path, tmp_path: Path
) -> None:
    assert browser.load(seed_server.base) == []
    shown = browser.evaluate("[...document.querySelectorAll('svg.timeline a.meeting')].map(a => a.dataset.meeting)")
    assert shown == library_meetings(seed_store)
    labels = browser.evaluate("[...document.querySelectorAll('svg.timeline text.label')].map(t => t.textContent)")
    assert any("SK그룹 · 오픈AI" in label for label in labels)
    fonts = browser.fonts_of("svg.timeline text.label")
    assert any("Nanum" in f["familyName"] and f["glyphCount"] > 0 for f in fonts), fonts  # no tofu boxes
    # every label inside the picture: none cut off at an edge
    outside = browser.evaluate("""(() => { const svg = document.querySelector('svg.timeline');
        const width = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox();
            return b.x < 0 || b.x + b.width > width; }).map(t => t.textContent); })()""")
    assert outside == []
    shot = tmp_path / "timeline.png"
    browser.screenshot(shot)
    assert shot.stat().st_size > 20_000
    keep(shot)


def test_the_network_draws_every_company_and_its_links_lead_to_pages(
    browser: Chromium, seed_server: Served, tmp_path: Path
) -> None:
    assert browser.load(seed_server.base + "network") == []
    companies = browser.evaluate("[...document.querySelectorAll('svg.network a.company')].map(a => a.href.baseVal)")
    assert len(companies) == 5
    overlapping = browser.evaluate("""(() => { const boxes = [...document.querySelectorAll('svg.network a.company circle')]
        .map(c => c.getBoundingClientRect());
        return boxes.some((a, i) => boxes.some((b, j) => i < j && a.left < b.right && b.left < a.right
            && a.top < b.bottom && b.top < a.bottom)); })()""")
    assert overlapping is False
    shot = tmp_path / "network.png"
    browser.screenshot(shot)
    keep(shot)
    openai = next(href for href in companies if "openai" in href)
    assert browser.load(urllib.parse.urljoin(seed_server.base, openai)) == []
    assert browser.evaluate("document.querySelector('h1').textContent") == "오픈AI"


@pytest.mark.parametrize(
    "path",
    [
        "queries",
        "queries/meetings?company=SK%ED%95%98%EC%9D%B4%EB%8B%89%EC%8A%A4",
        "entity?" + urllib.parse.urlencode({"iri": ID_NS + "person/sk-group/%EC%B5%9C%ED%83%9C%EC%9B%90"}),
        "network?from=2025-01-01",
        "?person=%EC%83%98+%EC%98%AC%ED%8A%B8%EB%A8%BC",
    ],
)
def test_every_page_loads_without_console_errors(browser: Chromium, seed_server: Served, path: str) -> None:
    assert browser.load(seed_server.base + path) == []
    assert browser.evaluate("document.querySelector('h1').textContent")


def test_a_meeting_page_from_the_timeline_shows_its_citations(browser: Chromium, seed_server: Served) -> None:
    assert browser.load(seed_server.base) == []
    first = browser.evaluate("document.querySelector('svg.timeline a.meeting').href.baseVal")
    assert browser.load(urllib.parse.urljoin(seed_server.base, first)) == []
    quotes = browser.evaluate("[...document.querySelectorAll('q.quote')].map(q => q.textContent)")
    assert quotes and all(q.strip() for q in quotes)


def test_the_error_page_is_a_page(browser: Chromium, seed_server: Served) -> None:
    errors = browser.load(seed_server.base + "entity?iri=" + urllib.parse.quote(ID_NS + "org/nowhere"))
    assert len(errors) == 1 and "404" in errors[0]  # the page's own status, and nothing else
    assert "nothing in the store" in browser.evaluate("document.querySelector('.error').textContent")


def test_the_report_file_opens_offline_without_errors(browser: Chromium, seed_store: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    done = kg("report", "-o", str(report), "--store", str(seed_store))
    assert done.returncode == 0, done.stderr
    assert browser.load(report.as_uri()) == []
    assert browser.evaluate("document.querySelectorAll('section.meeting-card').length") == 5
    assert browser.evaluate("document.querySelectorAll('svg').length") == 2
    browser.screenshot(tmp_path / "report.png")
