"""``asgm site DIR``: the files it writes, the numbers on its pages, escaping, and how it writes
(reproducible, atomic, refusing a foreign directory, never following a link out of DIR).
The site in a browser: tests/test_site_browser.py."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, run, run_json, write_profile


def _tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "s"
    result = run("site", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(rf"asgm: wrote {re.escape(str(out))}/index\.html: 45 pages, 146 files, \d\.\d MB\n",
                        result.stderr)
    return out


def test_the_site_has_a_page_per_country_and_per_indicator_and_the_downloads(built: Path) -> None:
    ids = [r["id"] for r in run_json("list", "--json")]
    assert len(ids) == 18
    for top in ("index.html", "check.html", "programme.html", "site.css", ".asgm-site", "data/package/datapackage.json",
                "data/package/figures.csv", "indicators/asgm_gold_output.html", "indicators/mercury_per_gold.html"):
        assert (built / top).is_file(), top
    assert sorted(p.stem for p in (built / "countries").iterdir()) == ids
    for cid in ids:
        for name in (f"{cid}.json", f"{cid}.csv", f"{cid}-statistics.csv"):
            assert (built / "data" / name).is_file()
    assert not (built / "sitemap.xml").exists()  # only with --base-url


def test_downloads_are_what_the_commands_print(built: Path) -> None:
    assert (built / "data" / "peru.csv").read_text(encoding="utf-8") == run("figures", "peru", "--csv").stdout
    assert (built / "data" / "peru-statistics.csv").read_text(encoding="utf-8") == run("stats", "peru", "--csv").stdout
    assert json.loads((built / "data" / "peru.json").read_text(encoding="utf-8")) == run_json("show", "peru", "--json")


def _numbers(records: list[dict]) -> set[str]:
    """Every number in records (and a statistic's inputs), as a ``<data value>`` attribute would give it."""
    out = set()
    for r in records:
        for item in [r] + list(r.get("inputs") or ()):
            out.update(str(item[k]) for k in ("value", "low", "high") if item.get(k) is not None)
    return out


@pytest.mark.parametrize("country", ["peru", "ghana", "indonesia", "mongolia", "bolivia"])
def test_every_number_on_a_country_page_is_one_the_commands_give(built: Path, country: str) -> None:
    html = (built / "countries" / f"{country}.html").read_text(encoding="utf-8")
    figures, stats = run_json("figures", country, "--json"), run_json("stats", country, "--json")
    numbers = html[html.index('id="figures"'):html.index('id="project"')]
    shown = re.findall(r'<data value="([^"]+)">', numbers)
    assert shown and set(shown) <= _numbers(figures) | _numbers(stats)
    # each key figure's row: the headline's value, qualifier and year
    for r in (r for r in figures if r["headline"] and r["kind"] == "figure"):
        row = re.search(rf'<tr id="figure-{r["id"]}">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]
        cells = re.findall(r'<td class="num">(.*?)</td><td>(.*?)</td><td data-label="Year">(.*?)</td>', row, re.S)[-1]
        values = re.findall(r'<data value="([^"]+)">', cells[0])
        assert values == [str(r["value"])] if r["value"] is not None else [str(r["low"]), str(r["high"])]
        assert cells[1] == r["unit"]
        assert (cells[2] == str(r["year"])) if r["year"] is not None else "no year given" in cells[2]
        marks = re.findall(r'<abbr title="([^"]+)">', cells[0])
        assert marks == ([{"approximately": "approximately", "at_most": "at most", "at_least": "at least",
                           "approximately_at_most": "roughly at most",
                           "approximately_at_least": "roughly at least"}[r["qualifier"]]] if r["qualifier"] else [])
    for s in stats:
        row = re.search(rf'<tr id="statistic-{s["id"]}">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]
        shown = f'<data value="{s["value"] if s["value"] is not None else s["low"]}">'
        if "outside_domain" in s["caveats"]:  # an impossible result is never printed as a value
            assert shown not in row.split('class="formula"')[0] and "a data error, never a value" in row
        else:
            assert shown in row
    if country == "bolivia":
        assert any("outside_domain" in s["caveats"] for s in stats)  # the case above is exercised


def test_peru_shows_38_7_t_and_its_sources(built: Path) -> None:
    html = (built / "countries" / "peru.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="figure-asgm_gold_output">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]
    assert '<td class="num"><span class="value"><data value="38.7">38.7</data></span></td><td>t/yr</td>' in row
    sources = run_json("sources", "peru", "--json")
    for s in sources:
        assert f'<li id="source-{s["number"]}" value="{s["number"]}">' in html
        assert f'<a href="{s["url"]}" rel="noopener noreferrer">' in html.replace("&amp;", "&")


def test_no_page_loads_anything_from_outside_or_runs_a_script(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "@import" not in html and "<iframe" not in html
        assert not re.search(r'(src|href)="(https?:)?//[^"]*"[^>]*>', re.sub(r'<a [^>]*>', "", html)), page
    assert "url(" not in (built / "site.css").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("site", str(again)).exit_code == 0
    assert _tree(again) == _tree(built)


HOSTILE = MINIMAL.replace("summary: A profile for tests.", "summary: <script>alert(1)</script> & <b>bold</b>") \
    .replace("label: Gold produced by ASGM", "label: Gold <img src=x onerror=alert(2)>") \
    .replace('quote: "10 tonnes"', 'quote: "10 tonnes</details><script>alert(3)</script>"')


def test_text_from_a_profile_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_profile(data, HOSTILE)
    result = run("site", str(tmp_path / "s"), "--data-dir", str(data))
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "s" / "countries" / "testland.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "Gold &lt;img src=x onerror=alert(2)&gt;" in html
    assert "10 tonnes&lt;/details&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    for page in (tmp_path / "s").rglob("*.html"):
        assert "<script" not in page.read_text(encoding="utf-8")


def test_a_non_empty_directory_that_is_not_a_site_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run("site", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"asgm: error: {out} is not empty and not a site asgm wrote; use --force to replace it "
                             "and everything in it\n")
    assert _tree(out) == {"mine.txt": b"keep me"}
    assert run("site", str(out), "--force").exit_code == 0
    assert not (out / "mine.txt").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]  # no temporary directory left beside it


def test_a_previous_site_is_replaced_whole_and_a_link_in_it_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("untouched", encoding="utf-8")
    out = tmp_path / "s"
    assert run("site", str(out)).exit_code == 0
    (out / "countries" / "stale.html").write_text("old", encoding="utf-8")
    (out / "link").symlink_to(outside)
    (out / "countries" / "peru.html").unlink()
    (out / "countries" / "peru.html").symlink_to(outside / "precious.txt")  # a write through it would land outside
    result = run("site", str(out))
    assert result.exit_code == 0, result.stderr
    assert _tree(outside) == {"precious.txt": b"untouched"}
    assert not (out / "link").exists() and not (out / "countries" / "stale.html").exists()
    assert not (out / "countries" / "peru.html").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "s"]


def test_dir_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "s").symlink_to(real)
    result = run("site", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr == (f"asgm: error: cannot write {tmp_path / 's'}: it is a symbolic link; give the directory "
                             "it points to\n")
    assert list(real.iterdir()) == []


def test_a_file_in_the_way_and_the_current_directory_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("site", str(tmp_path / "file"))
    assert (result.exit_code, result.stderr) == (1, f"asgm: error: cannot write {tmp_path / 'file'}: not a directory\n")
    monkeypatch.chdir(tmp_path)
    result = run("site", ".", "--force")
    assert result.exit_code == 1
    assert "it is the root, your home or the current directory (or holds it)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_bad_profile_is_one_error_line_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_profile(data, MINIMAL.replace("value: 10", "value: ten"))
    result = run("site", str(tmp_path / "s"), "--data-dir", str(data))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"asgm: error: {data / 'testland.yaml'}:") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_base_url_adds_canonical_links_and_a_sitemap(tmp_path: Path) -> None:
    result = run("site", str(tmp_path / "s"), "--base-url", "https://example.org/asgm")
    assert result.exit_code == 0, result.stderr
    peru = (tmp_path / "s" / "countries" / "peru.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/asgm/countries/peru.html">' in peru
    assert 'href="../site.css"' in peru  # links stay relative
    sitemap = (tmp_path / "s" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == 45 and "<loc>https://example.org/asgm/index.html</loc>" in sitemap


@pytest.mark.parametrize("url", ["ftp://example.org/", "example.org", "https://", "javascript:alert(1)",
                                 'https://example.org/"><script>'])
def test_a_base_url_that_is_not_http_is_a_usage_error(tmp_path: Path, url: str) -> None:
    result = run("site", str(tmp_path / "s"), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("asgm: error: --base-url must be an http or https URL, got ")
    assert not (tmp_path / "s").exists()


def test_the_other_commands_do_not_import_jinja2() -> None:
    code = ("import sys; sys.argv = ['asgm', 'get', 'peru', 'asgm_gold_output']\n"
            "from asgm_cli.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe') or 'website' in m))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["38.7", "[]"]


def test_the_wheel_ships_the_templates_and_the_style_sheet(tmp_path: Path) -> None:
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   capture_output=True, check=True)
    names = zipfile.ZipFile(next(tmp_path.glob("asgm-*.whl"))).namelist()
    shipped = {n.removeprefix("asgm_cli/website/") for n in names if n.startswith("asgm_cli/website/")}
    assert shipped >= {"__init__.py", "site.css", "templates/base.html", "templates/macros.html",
                       "templates/country.html", "templates/indicator.html", "templates/index.html",
                       "templates/check.html", "templates/programme.html"}


def test_site_is_atomic_when_the_parent_cannot_be_written(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere: the permission cannot be tested")
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run("site", str(parent / "s"))
        assert result.exit_code == 1 and result.stderr.startswith(f"asgm: error: cannot write {parent / 's'}: ")
    finally:
        parent.chmod(0o755)


def test_a_write_that_fails_halfway_leaves_the_old_site_and_no_temporary_directory(tmp_path: Path) -> None:
    from asgm_cli.errors import AsgmError
    from asgm_cli.website import MARKER, write

    out = tmp_path / "s"
    write(str(out), {MARKER: b"asgm site\n", "index.html": b"old"})
    with pytest.raises(AsgmError, match=f"^cannot write {re.escape(str(out))}: File exists$"):
        write(str(out), {"index.html": b"new", "sub/page.html": b"1", "sub": b"a file where a directory is"})
    assert _tree(out) == {MARKER: b"asgm site\n", "index.html": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["s"]


def test_sources_are_offered_for_reference_managers_where_asgm_cite_exists(built: Path) -> None:
    peru = (built / "countries" / "peru.html").read_text(encoding="utf-8")
    try:
        cite = importlib.import_module("asgm_cli.cite").cite
    except ImportError:  # without the command, no link to what it would make
        assert ".bib" not in peru and not list(built.glob("data/*.bib"))
        return
    from asgm_cli import api

    assert '<a href="../data/peru.bib" download>' in peru and '<a href="../data/peru.csl.json" download>' in peru
    assert (built / "data" / "peru.bib").read_text(encoding="utf-8") == cite([api.load("peru")], "bibtex")
    assert json.loads((built / "data" / "sources.csl.json").read_text(encoding="utf-8")) == json.loads(
        run("cite", "--all", "--format", "csl-json").stdout)


@pytest.mark.parametrize("delay", [0.3, 0.9, 1.5])
def test_sigterm_at_any_moment_leaves_a_whole_site_and_nothing_else(tmp_path: Path, delay: float) -> None:
    import signal
    import time

    out = tmp_path / "s"
    asgm = str(Path(sys.executable).parent / "asgm")
    subprocess.run([asgm, "site", str(out)], check=True, capture_output=True)
    old = _tree(out)
    proc = subprocess.Popen([asgm, "site", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)  # while it reads, builds, writes or renames: whichever it is doing then
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    # 143: asgm's handler ended it; -SIGTERM: the signal came before Python had started asgm at all
    assert proc.returncode in (0, 143, -signal.SIGTERM) and b"Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary directory left beside it
    assert _tree(out) == old  # the same data: the old site and a new one are byte-identical


@pytest.mark.parametrize("indicator", ["asgm_gold_output", "asgm_share_of_national_output", "world_gold_rank"])
def test_an_indicator_page_gives_the_ranking_asgm_rank_gives(built: Path, indicator: str) -> None:
    html = (built / "indicators" / f"{indicator}.html").read_text(encoding="utf-8")
    ranked = [r for r in run_json("rank", indicator, "--json") if r["position"] is not None]
    rows = re.findall(r'<tr><td class="num">(\d+)</td><th scope="row"><a href="../countries/(\w+)\.html">.*?</a></th>'
                      r'<td class="num">(.*?)</td><td>(.*?)</td><td>(.*?)</td>', html)
    assert [(int(n), c) for n, c, *_ in rows] == [(r["position"], r["country"]) for r in ranked]
    for (_, _, cell, unit, year), r in zip(rows, ranked):
        values = re.findall(r'<data value="([^"]+)">', cell)
        main = [str(r[k]) for k in ("value", "low", "high") if r[k] is not None]
        given = [str(r[k]) for k in ("given_value", "given_low", "given_high") if r.get(k) is not None]
        assert values == main + (given if given != main else [])  # the source's own value, where converted
        assert unit == r["unit"] and (year == str(r["year"]) if r["year"] is not None else "no year given" in year)
    if indicator == "asgm_gold_output":
        assert "given as" in html and len({r["unit"] for r in ranked}) == 1  # one unit, Ghana's Moz beside it


def test_an_indicator_bar_carries_its_caveat_marks_and_their_legend(built: Path) -> None:
    """A fallback share (no same-year pair) is never drawn as if it were a same-year value."""
    page = (built / "indicators" / "asgm_share_of_national_output.html").read_text(encoding="utf-8")
    assert "Guyana: ~\u00a056.29 %" not in page and ". Guyana" not in page  # neither drawn nor ranked ...
    assert re.search(r"No same-year pair, its inputs of different years or undated \(not ranked\):.*Guyana", page, re.S)
    assert "~\u00a056.29 %" in page  # ... but listed below, the qualifier glued to its number
    assert "3. Ghana: 39.58 % (2024)" in page and "5. Indonesia: ~\u00a015.71 % (2019) [b s]" in page  # marks
    assert "Caveats: [b] its inputs count different kinds of number" in page
