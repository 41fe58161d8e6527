"""Charts in the terminal, and exporting the fact sheet as SVG, HTML, Markdown and text."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from conftest import ROOT, run, run_json


def svg_text(svg: str) -> str:
    """The text an SVG shows, whitespace-normalised (independent of how Rich splits it)."""
    root = ET.fromstring(svg)
    return " ".join("".join(e.text or "" for e in root.iter() if e.tag.endswith("text")).replace("\xa0", " ").split())


def key_figure_texts() -> list[str]:
    out = []
    for r in run_json("figures", "peru", "--headline", "--json"):
        if r["kind"] == "figure":
            out += [r["label"], f"{r['value']:,}".removesuffix(".0") if isinstance(r["value"], float) else f"{r['value']:,}"]
    return out


def test_svg_is_well_formed_and_holds_every_key_figure(tmp_path) -> None:
    target = tmp_path / "peru.svg"
    result = run("show", "peru", "--export", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    text = svg_text(target.read_text(encoding="utf-8"))
    for piece in key_figure_texts():
        assert piece in text, piece
    assert "ASGM share of national" in text and "21.56" in text


def test_the_readme_image_is_up_to_date_with_the_data(tmp_path) -> None:
    fresh = tmp_path / "peru.svg"
    assert run("show", "peru", "--export", str(fresh)).exit_code == 0
    kept = (ROOT / "docs" / "peru.svg").read_text(encoding="utf-8")
    assert svg_text(kept) == svg_text(fresh.read_text(encoding="utf-8")), \
        "docs/peru.svg is out of date: run  asgm show peru --export docs/peru.svg"
    assert "![The Peru fact sheet, drawn by asgm](docs/peru.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_html_parses_and_holds_every_key_figure(tmp_path) -> None:
    target = tmp_path / "peru.html"
    assert run("show", "peru", "--export", str(target)).exit_code == 0
    parser = _Text()
    parser.feed(target.read_text(encoding="utf-8"))
    parser.close()
    assert {"html", "body", "pre"} <= set(parser.tags)
    text = " ".join("".join(parser.parts).split())
    for piece in key_figure_texts():
        assert piece in text, piece


def test_markdown_rows_equal_the_records_and_sources_are_links() -> None:
    result = run("show", "peru", "--export", "-")
    assert result.exit_code == 0
    md = result.stdout
    marks = {None: "", "at_most": "≤ ", "at_least": "≥ ", "approximately": "~ "}
    numbers = {s["id"]: s["number"] for s in run_json("sources", "peru", "--json")}
    rows = 0
    for r in run_json("figures", "peru", "--headline", "--json"):
        if r["kind"] == "figure":
            label = r["label"] + (f" ({r['area']})" if r["area"] else "")
            value = f"{marks[r['qualifier']]}{r['value']:,}".removesuffix(".0")
            year = r["year"] or (f"stated {r['stated']}" if r["stated"] else "undated")
            row = f"| {value} | {r['unit']} | {year} | [{numbers[r['source_id']]}] |"
            assert any(line.startswith(f"| {label}") and line.endswith(row) for line in md.splitlines()), row
            rows += 1
    assert rows == 13
    assert "| Gold produced by ASGM (+3 years, 4 sources) | 38.7 | t/yr | undated | [1] |" in md.splitlines()
    assert "| [1] | Peru: Towards a responsible and inclusive ASGM sector. planetGOLD. <https://www.planetgold.org/peru>" in md


def test_text_export_is_the_plain_fact_sheet(tmp_path) -> None:
    target = tmp_path / "peru.txt"
    assert run("show", "peru", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == run("show", "peru", "--format", "text", env={"COLUMNS": "100"}).stdout


def test_export_replaces_a_file_atomically_and_keeps_its_mode(tmp_path) -> None:
    target = tmp_path / "peru.md"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    assert run("show", "peru", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Peru (Perú)")
    assert (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peru.md"]  # no temporary file left


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_directory_is_one_error_and_no_file(tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = run("show", "peru", "-o", str(locked / "peru.svg"))
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"asgm: error: cannot write {locked / 'peru.svg'}: Permission denied\n"
        assert list(locked.iterdir()) == []
    finally:
        os.chmod(locked, 0o700)


@pytest.mark.parametrize(("args", "message", "code"), [
    (["-o", "/dev/full", "--export-format", "markdown"], "asgm: error: cannot write /dev/full: not a regular file\n", 1),
    (["-o", "/nonexistent-dir/peru.svg"], "asgm: error: cannot write /nonexistent-dir/peru.svg: No such file or directory\n", 1),
    (["-o", "peru.pdf"], "asgm: error: cannot tell the export format of 'peru.pdf'; use a name ending in .htm, .html, "
                         ".markdown, .md, .svg, .txt or --export-format\n", 2),
    (["--export-format", "svg"], "asgm: error: --export-format needs --export FILE\n", 2),
    (["-o", "-", "--json"], "asgm: error: choose --export or --json/--format, not both\n", 2),
])
def test_export_errors(args: list[str], message: str, code: int) -> None:
    result = run("show", "peru", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message)


def test_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch) -> None:
    import errno

    from asgm_cli import export

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "fsync", full)
    target = tmp_path / "peru.svg"
    target.write_text("keep me", encoding="utf-8")
    result = run("show", "peru", "-o", str(target))
    assert (result.exit_code, result.stderr) == (1, f"asgm: error: cannot write {target}: No space left on device\n")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peru.svg"]


def _bars(text: str, title: str) -> dict[str, tuple[int, int]]:
    section = text.split(title, 1)[1].split("\n\n", 1)[0]
    import re

    return {re.match(r"\d{4}(?: \[\d+\])?", line).group(0): (line.count("█"), line.count("░"))
            for line in section.splitlines() if line[:1].isdigit()}


def test_production_chart_bars_follow_the_values() -> None:
    result = run("show", "peru", "--chart", "production", "--format", "text", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    bars = _bars(result.stdout, "(tonnes)")
    assert list(bars) == ["2005", "2009", "2014 [9]", "2014 [12]", "2015", "2016", "2017", "2018", "2019", "2020",
                          "2021", "2022", "2023 [4]", "2023 [13]", "2023 [14]"]  # [n]: each source of a year
    width = sum(bars["2005"])  # 208.002 t, the largest year
    for year, tonnes in (("2009", 182), ("2014 [9]", 140), ("2014 [12]", 150), ("2023 [4]", 99.7),
                         ("2019", 4.13 * 31.1034768)):
        assert sum(bars[year]) == round(tonnes / 208.002 * width), year
    # the ASGM output is drawn inside its own year's bars only: about 40 t in 2014, 27.7 t in 2019
    assert bars["2019"][0] == round(27.7 / 208.002 * width)
    assert bars["2014 [9]"][0] == round(40 / 208.002 * width)
    assert [y for y, (solid, _) in bars.items() if solid] == ["2014 [9]", "2014 [12]", "2016", "2019"]
    assert "128.5 t (= 4.13 Moz), ASGM 27.7 t" in result.stdout
    assert "ASGM output with no year (38.7 t/yr; 2,207,000 oz/yr) is not drawn in any year." in result.stdout


def test_any_series_can_be_charted(tmp_path) -> None:
    from conftest import MINIMAL, write_profile

    extra = """  - id: asgm_gold_output
    value: 5000
    unit: kg
    qualifier: null
    year: 2021
    source: src
    quote: "5,000 kg"
  - id: asgm_gold_output
    value: 0.5
    unit: Moz
    qualifier: approximately
    year: 2022
    source: src
    quote: "about 0.5 Moz"
"""
    write_profile(tmp_path, MINIMAL.replace("sources:\n", extra + "sources:\n"))
    result = run("show", "testland", "--chart", "asgm_gold_output", "-f", "text", "--data-dir", str(tmp_path),
                 env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    bars = _bars(result.stdout, "(tonnes)")
    assert list(bars) == ["2020", "2021", "2022"]
    assert "5 t (= 5,000 kg)" in result.stdout and "~ 15.6 t (= ~ 0.5 Moz)" in result.stdout
    width = sum(bars["2022"])
    assert sum(bars["2020"]) == round(10 / 15.5517384 * width)


def test_share_bars_are_on_a_scale_of_100() -> None:
    result = run("show", "peru", "--format", "text", env={"COLUMNS": "100"})
    section = result.stdout.split("Shares (of 100 %)", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in section.splitlines() if "%" in line]
    # whole labels (issue #14): the bar starts after the longest label and ends before the widest value
    labels = ["Yearly target cut as a share of annual ASGM mercury emissions",
              "Share of gold's real value paid through informal supply chains"]
    assert [line[: len(label)] for line, label in zip(lines, labels)] == labels
    bar_width = 100 - max(map(len, labels)) - 1 - max(len(line.rsplit("  ", 1)[-1].strip()) for line in lines) - 1
    counts = [line.count("█") for line in lines]
    assert [line.rsplit(" ", 2)[-2] for line in lines] == ["2.069", "70"]
    assert abs(counts[0] - 0.02069 * bar_width) <= 1.5 and abs(counts[1] - 0.70 * bar_width) <= 1.5


def test_no_series_no_chart(tmp_path) -> None:
    from conftest import MINIMAL, write_profile

    write_profile(tmp_path, MINIMAL)
    result = run("show", "testland", "--chart", "production", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "asgm: error: Testland has no figure 'national_gold_production'; did you mean 'asgm_gold_output'? "
        "(asgm indicators lists every indicator)\n")
    result = run("show", "peru", "--chart", "asgm_mercury_emissions")  # only an undated observation
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "asgm: error: Peru has no dated asgm_mercury_emissions to chart\n")
