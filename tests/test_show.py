"""asgm show, asgm strategies, asgm list, and finding a country."""

from __future__ import annotations

import pytest

from conftest import run, run_json


def test_show_text_in_a_pipe_has_every_section() -> None:
    result = run("show", "peru")
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Peru (Perú)\nPE · PER · Latin America and the Caribbean\n")
    for heading in ("Key figures", "National gold production", "Derived statistics", "planetGOLD Peru project target",
                    "Approach", "Key strategies", "Challenges", "Sources"):
        assert f"\n{heading}" in out
    assert "\x1b[" not in out  # no colour codes in a pipe
    assert "≤ 250,000" in out and "~ 571.4" in out and "21.56" in out
    assert "12 communities · 15 t less mercury · over 5 years [1]" in out
    assert "[1]  Peru: Towards a responsible and inclusive ASGM sector. planetGOLD." in out


@pytest.mark.parametrize("width", ["80", "200"])
def test_show_fits_the_width(width: str) -> None:
    for fmt in ("text", "table"):
        result = run("show", "peru", "--format", fmt, env={"COLUMNS": width})
        assert result.exit_code == 0
        longest = max(len(line.rstrip()) for line in result.stdout.splitlines())
        assert longest <= int(width), (fmt, longest)


def test_show_json_is_one_document() -> None:
    doc = run_json("show", "peru", "--json")
    assert list(doc) == ["country", "figures", "statistics", "targets", "approach", "strategies", "challenges",
                         "sources"]
    assert doc["country"]["iso2"] == "PE" and doc["country"]["iso3"] == "PER"
    assert doc["targets"][0]["communities"] == 12
    assert doc["targets"][0]["mercury_reduction"] == 15
    assert doc["targets"][0]["years"] == 5
    assert [s["id"] for s in doc["strategies"]] == ["regulation", "technical_assistance", "financing", "awareness"]
    assert [c["id"] for c in doc["challenges"]] == ["mercury_health", "deforestation", "formalization_barriers",
                                                   "informal_supply_chains"]
    assert doc["sources"][0] == {"number": 1, "id": "planetgold-peru",
                                 "title": "Peru: Towards a responsible and inclusive ASGM sector",
                                 "publisher": "planetGOLD", "url": "https://www.planetgold.org/peru",
                                 "published": None, "accessed": "2026-11-26"}


@pytest.mark.parametrize("name", ["peru", "Peru", "PERU", "Perú", "perú", "PE", "pe", "PER", "per"])
def test_country_found_by_id_name_or_iso(name: str) -> None:
    doc = run_json("show", name, "--json")
    assert doc["country"]["id"] == "peru"


def test_unknown_country_suggests_and_exits_1() -> None:
    result = run("show", "peur")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "asgm: error: unknown country 'peur'; did you mean 'peru' or 'ecuador'?\n"


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/b", "x" * 500, "..", "   "])
def test_country_argument_that_is_not_a_name(bad: str) -> None:
    result = run("show", bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("asgm: error: ")
    assert "is not a country name" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_strategies_json() -> None:
    records = run_json("strategies", "peru", "--json")
    assert [r["id"] for r in records] == ["regulation", "technical_assistance", "financing", "awareness"]
    assert list(records[0]) == ["country", "id", "title", "description"]


def test_list() -> None:
    records = run_json("list", "--json")
    peru = next(r for r in records if r["id"] == "peru")
    assert (peru["name"], peru["iso2"], peru["iso3"], peru["origin"]) == ("Peru", "PE", "PER", "bundled")
    assert peru["path"].endswith("peru.yaml")


def test_version() -> None:
    from asgm_cli import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"asgm {__version__}\n")


@pytest.mark.parametrize("cmd", ["show", "figures", "stats", "strategies", "list"])
def test_every_command_has_help_with_an_example(cmd: str) -> None:
    result = run(cmd, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "asgm " + cmd in result.stdout


def test_usage_error_exits_2() -> None:
    result = run("show")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument" in result.stderr
