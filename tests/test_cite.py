"""When a source was published, when a figure was said ('stated 2019'), and `asgm cite`: the sources
as BibTeX, CSL-JSON and RIS, read back by a BibTeX parser and rendered by a CSL processor."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

import asgm_cli
from conftest import MINIMAL, run, run_json, write_profile

#: Testland with a second, dated source (only its year and month known) and an undated figure from it,
#: a title full of TeX's special characters, and a figure of the first (undated) source without a year
DATED = MINIMAL.replace("    year: 2020\n    source: src\n", "    year: null\n    source: src\n").replace(
    "sources:\n", """\
  - id: asgm_miners
    value: 5000
    unit: people
    qualifier: null
    year: null
    source: report
    quote: "5000 miners"
sources:
""") + """\
  - id: report
    title: "Gold & mercury: 50% of {ASGM} #1 $ under_score ~ ^ back\\\\slash"
    publisher: Ministry of Mines
    url: https://example.org/report?a=1&b=%20
    published: "2019-03"
    accessed: "2026-11-20"
"""


@pytest.fixture()
def testland(tmp_path):
    write_profile(tmp_path, DATED)
    return str(tmp_path)


def test_a_figure_without_a_year_shows_when_its_source_was_published(testland) -> None:
    records = run_json("figures", "testland", "--json", "--data-dir", testland)
    assert [(r["id"], r["year"], r["stated"]) for r in records] == [("asgm_gold_output", None, None),
                                                                    ("asgm_miners", None, 2019)]
    sheet = run("show", "testland", "--format", "text", "--data-dir", testland, env={"COLUMNS": "120"}).stdout
    rows = {line.split()[0]: line for line in sheet.splitlines() if line.startswith(("Gold produced", "ASGM miners"))}
    assert rows["Gold"].split()[-2:] == ["undated", "[1]"]  # neither known: said so, never guessed
    assert rows["ASGM"].split()[-3:] == ["stated", "2019", "[2]"]
    assert "stated Y: no data year, source from Y" in sheet


def test_a_dated_figure_keeps_its_year_and_gives_the_stated_year_too(tmp_path) -> None:
    write_profile(tmp_path, MINIMAL.replace('    accessed: "2026-11-26"', '    published: "2021-06-30"\n'
                                                                            '    accessed: "2026-11-26"'))
    [record] = run_json("figures", "testland", "--json", "--data-dir", str(tmp_path))
    assert (record["year"], record["stated"]) == (2020, 2021)
    sheet = run("show", "testland", "--format", "text", "--data-dir", str(tmp_path)).stdout
    assert "stated 2021" not in sheet and " 2020 " in sheet


def test_sources_give_both_dates(testland) -> None:
    records = run_json("sources", "testland", "--json", "--data-dir", testland)
    assert [(r["id"], r["published"], r["accessed"]) for r in records] == [
        ("src", None, "2026-11-26"), ("report", "2019-03", "2026-11-20")]
    doc = run_json("show", "testland", "--json", "--data-dir", testland)
    assert doc["sources"][1]["published"] == "2019-03"
    table = run("sources", "testland", "--format", "table", "--data-dir", testland, env={"COLUMNS": "200"}).stdout
    header = next(line for line in table.splitlines() if line.lstrip().startswith("number"))
    assert header.split() == ["number", "publisher", "title", "published", "accessed", "url", "supports"]


def test_bibtex_parses_with_escapes_and_no_invented_dates(testland) -> None:
    result = run("cite", "testland", "--data-dir", testland)
    assert (result.exit_code, result.stderr) == (0, "")
    library = bibtexparser.parse_string(result.stdout)
    assert library.failed_blocks == []
    undated, dated = library.entries
    assert (undated.key, dated.key) == ("testland:src", "testland:report")
    assert {k: f.value for k, f in undated.fields_dict.items()} == {
        "title": "{A test source}", "publisher": "Tests", "howpublished": "Tests",
        "url": "https://example.org/test", "urldate": "2026-11-26", "note": "Accessed 2026-11-26"}
    fields = {k: f.value for k, f in dated.fields_dict.items()}
    assert fields["title"] == (r"{Gold \& mercury: 50\% of \{ASGM\} \#1 \$ under\_score \textasciitilde{} "
                               r"\textasciicircum{} back\textbackslash{}slash}")
    assert (fields["year"], fields["month"], fields["date"]) == ("2019", "mar", "2019-03")
    assert fields["url"] == "https://example.org/report?a=1&b=%20"


def test_every_bundled_source_is_one_bibtex_entry_with_a_unique_stable_key() -> None:
    everything = bibtexparser.parse_string(run("cite", "--all").stdout)
    assert everything.failed_blocks == []
    sources = [(r["country"], r["id"]) for c in run_json("list", "--json")
               for r in run_json("sources", c["id"], "--json")]
    assert [e.key for e in everything.entries] == [f"{c}:{s}" for c, s in sources]
    assert len({e.key for e in everything.entries}) == len(sources)
    peru = bibtexparser.parse_string(run("cite", "PE", "Ghana").stdout)  # the keys do not depend on the selection
    assert [e.key for e in peru.entries][:1] == ["peru:planetgold-peru"]
    assert {e.key for e in peru.entries} <= {e.key for e in everything.entries}


def test_csl_json_renders_a_bibliography(testland) -> None:
    items = run_json("cite", "testland", "--format", "csl-json", "--data-dir", testland)
    assert items[1] == {
        "id": "testland:report", "type": "webpage",
        "title": "Gold & mercury: 50% of {ASGM} #1 $ under_score ~ ^ back\\slash", "publisher": "Ministry of Mines",
        "URL": "https://example.org/report?a=1&b=%20", "issued": {"date-parts": [[2019, 3]]},
        "accessed": {"date-parts": [[2026, 11, 20]]}}
    assert "issued" not in items[0]
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert rendered == [
        "A test source (no date) A test source. Tests. Available at: https://example.org/test "
        "(Accessed: November 26, 2026).",
        "Gold & mercury: 50% of {ASGM} #1 $ under_score ~ ^ back\\slash (2019) Gold & mercury: 50% of {ASGM} #1 $ "
        "under_score ~ ^ back\\slash. Ministry of Mines. Available at: https://example.org/report?a=1&b=%20 "
        "(Accessed: November 20, 2026)."]


def test_ris_exact(testland) -> None:
    result = run("cite", "testland", "-f", "ris", "--data-dir", testland)
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == (  # .stdout would turn CR LF into LF
        "TY  - ELEC\r\nID  - testland:src\r\nTI  - A test source\r\nPB  - Tests\r\n"
        "UR  - https://example.org/test\r\nY2  - 2026/11/26\r\nER  - \r\n\r\n"
        "TY  - ELEC\r\nID  - testland:report\r\n"
        "TI  - Gold & mercury: 50% of {ASGM} #1 $ under_score ~ ^ back\\slash\r\nPB  - Ministry of Mines\r\n"
        "PY  - 2019\r\nDA  - 2019/03//\r\nUR  - https://example.org/report?a=1&b=%20\r\nY2  - 2026/11/20\r\n"
        "ER  - \r\n\r\n")


def test_the_api_gives_what_the_command_prints(testland) -> None:
    for fmt in ("bibtex", "csl-json", "ris"):
        assert asgm_cli.cite("testland", fmt, data_dirs=[testland]) == run(
            "cite", "testland", "--format", fmt, "--data-dir", testland).stdout_bytes.decode("utf-8")
    with pytest.raises(asgm_cli.UsageFailed, match="unknown citation format 'xml'; choose bibtex, csl-json, ris"):
        asgm_cli.cite("peru", "xml")
    with pytest.raises(asgm_cli.LookupFailed):
        asgm_cli.cite("atlantis")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["cite", "atlantis"], 1, "asgm: error: 'atlantis' is not a planetGOLD country with a profile"),
    (["cite", "peru", "--format", "xml"], 2, "Invalid value for '--format'"),
    (["cite"], 2, "asgm: error: name the countries to cite, or use --all"),
    (["cite", "peru", "--all"], 2, "asgm: error: give countries or --all, not both"),
])
def test_cite_errors(args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_accented_titles_stay_as_they_are() -> None:
    result = run("cite", "peru", "-f", "csl-json")
    titles = [item["title"] for item in json.loads(result.stdout_bytes.decode("utf-8"))]
    assert 'Boletín Estadístico Mensual Minería 12-2023, table "Producción y precios"' in titles
    assert "title = {{Boletín Estadístico Mensual Minería 12-2023" in run("cite", "peru").stdout


def test_the_programme_gives_each_figure_the_year_its_source_was_published() -> None:
    doc = run_json("programme", "--json")
    published = {s["url"]: s["published"] for s in doc["sources"]}
    figures = doc["figures"] + [f for phase in doc["phases"] for f in phase["figures"]]
    assert all(f["stated"] == (int(published[f["source"]][:4]) if published[f["source"]] else None) for f in figures)
    assert any(f["stated"] is not None for f in figures)  # the IISD news of the GEF GOLD launch is dated


def test_headline_figures_show_a_data_year_or_when_they_were_stated() -> None:
    # a reader can date a headline by its data year or by the year its source was published; this
    # share may grow as sources get their `published` date, never fall (planetGOLD's country pages have none)
    headlines = run_json("figures", "--headline", "--json")
    dated = [f for f in headlines if f["year"] is not None or f["stated"] is not None]
    assert len(dated) >= 139 and len(dated) / len(headlines) >= 139 / 237
    assert sum(f["stated"] is not None and f["year"] is None for f in headlines) >= 35
    # the same share as the library gives it: each profile's headline of each id
    profiles = [asgm_cli.load(p["id"]) for p in asgm_cli.profiles()]
    heads = [(p, p.figure(i)) for p in profiles for i in p.ids()]
    assert len(heads) == len(headlines)
    assert all(f is not None for _, f in heads)
    assert sum(f.year is not None or p.source(f.source).published is not None  # type: ignore[union-attr]
               for p, f in heads) == len(dated)
