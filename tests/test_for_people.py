"""Text for people: every command, for every bundled country, in text and Markdown, prints no
``None``, no Python repr and, in the documents people read (the sheet, a series, the programme),
no internal id outside the id columns and the commands it names."""

from __future__ import annotations

import json

import re
from pathlib import Path

import pytest

from asgm_cli.indicators import INDICATORS
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = sorted(p.stem for p in (ROOT / "data").glob("*.yaml"))
REPR = re.compile(r"\x1f|\bNone\b|\{'|\['|\b(Figure|Stat|Input|Source|Target|Strategy|Profile)\(")
URL = re.compile(r"<?https?://\S+")
#: a command people are told to type ('asgm series peru ID (e.g. asgm_gold_output)') may name ids
COMMAND = re.compile(r"asgm (series|check|sources|stats|show) [^;)\n|]*(\(e\.g\. [a-z0-9_]+\))?")
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def _out(*args: str) -> str:
    result = run(*args, env={"COLUMNS": "100"})
    assert result.exit_code in (0, 1), (args, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


def _no_repr(text: str, what: object) -> None:
    found = REPR.search(text)
    assert found is None, f"{what}: {text[max(0, found.start() - 60): found.end() + 60]!r}"


def _no_ids(text: str, what: object) -> None:
    prose = COMMAND.sub("", URL.sub("", text))
    ids = sorted(set(SNAKE.findall(prose)))
    assert ids == [], f"{what}: {ids}"


def _ids(country: str) -> list[str]:
    import asgm_cli

    return asgm_cli.load(country).ids()


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_documents_of_a_country_read_as_text(country: str) -> None:
    for fmt in ("text", "markdown"):
        sheet = _out("show", country, "--format", fmt)
        _no_repr(sheet, ("show", country, fmt))
        _no_ids(sheet, ("show", country, fmt))
    for fid in _ids(country):
        series = _out("series", country, fid, "--format", "text")
        _no_repr(series, ("series", country, fid))
        _no_ids(series.split("\n", 1)[1], ("series", country, fid))  # the title is the figure's label
    strategies = _out("strategies", country, "--format", "text")
    _no_repr(strategies, ("strategies", country))


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_record_commands_of_a_country_print_no_repr(country: str) -> None:
    for command in (["figures", country], ["stats", country], ["stats", country, "--all-years"], ["sources", country],
                    ["check", country], ["compare", country, "peru"]):
        for fmt in ("text", "markdown"):
            _no_repr(_out(*command, "--format", fmt), (command, fmt))


def test_the_commands_across_countries_print_no_repr() -> None:
    for command in (["programme"], ["coverage"], ["list"], ["indicators"], ["check"], ["check", "--summary"],
                    ["compare", "--all"], *(["rank", i] for i in INDICATORS)):
        for fmt in ("text", "markdown"):
            _no_repr(_out(*command, "--format", fmt), (command, fmt))
    for fmt in ("text", "markdown"):
        _no_ids(_out("programme", "--format", fmt).split("Programme countries")[0], ("programme", fmt))


def test_the_programme_names_its_phases_not_their_ids() -> None:
    text = _out("programme", "--format", "text")
    assert "gef_gold" not in text
    assert re.search(r"^Peru +GEF GOLD \(first phase\) +peru$", text, re.M)


def test_notes_read_as_sentences_under_their_figure() -> None:
    sheet = _out("show", "indonesia", "--format", "text")
    assert "asm_workers:" not in sheet and "basis:" not in sheet
    lines = sheet.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("Gold produced by ASGM"))
    assert lines[at + 1].startswith("    Estimate of ASGM gold output. The page cites Anderson")
    undated = next(line for line in lines if line.startswith("—       ~ 70–80"))
    assert lines[lines.index(undated) + 2] == "    Said in February 2023."


def test_the_sheet_shows_strategies_by_title() -> None:
    sheet = _out("show", "peru", "--format", "text")
    strategies = sheet.split("Key strategies\n")[1]
    assert " · " not in strategies.splitlines()[1]
    assert not re.search(r"· [a-z_]+:", strategies)


def test_a_series_cites_sources_as_the_sheet_does() -> None:
    series = _out("series", "peru", "production", "--format", "text")
    assert "source_id" not in series and "mexicanist" not in series
    assert re.search(r"^2023 \* +99\.7 +t +fine gold content \(TMF\) +\[\d+\]$", series, re.M)
    assert "* the headline; [n]: the sources, listed by asgm sources peru" in series


def test_figures_of_one_country_are_titled_by_their_labels_at_any_width() -> None:
    narrow = run("figures", "peru", "--format", "text", env={"COLUMNS": "60"}).stdout
    titles = [line for line in narrow.splitlines()[2:] if line and not line.startswith(" ")]
    assert "peru" not in titles
    assert titles[0] == "People whose livelihoods depend on ASGM"


def test_a_statistic_whose_labels_differ_by_country_names_them_all() -> None:
    text = " ".join(run("compare", "--all", "--format", "text", env={"COLUMNS": "300"}).stdout.split())
    assert "Target mercury reduction per municipality (t)" not in text
    assert "Target mercury reduction per municipality, community, site or" in text  # the table may wrap the rest
    records = json.loads(run("compare", "--all", "--indicators", "target_reduction_per_community", "--json").stdout)
    assert {r["label"] for r in records} == {"Target mercury reduction per municipality, community, site or district"}
