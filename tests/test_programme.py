"""asgm programme: planetGOLD's phases, countries, grants, and totals over the countries with a profile."""

from __future__ import annotations

import pytest

from conftest import run, run_json


def test_phases_countries_grants_and_the_mercury_target() -> None:
    doc = run_json("programme", "--json")
    phases = {p["id"]: p for p in doc["phases"]}
    assert phases["gef_gold"]["countries"] == ["Burkina Faso", "Colombia", "Guyana", "Indonesia", "Kenya", "Mongolia",
                                               "Philippines", "Peru"]
    assert len(phases["gef_gold_plus"]["countries"]) == 15
    money = {(p, f["id"]): f["value"] for p in phases for f in phases[p]["figures"]}
    assert money[("gef_gold", "gef_grant_usd")] == 45262295
    assert money[("gef_gold", "gef_cofinancing_usd")] == 135174956
    assert money[("gef_gold_plus", "gef_grant_usd")] == 43832830
    assert money[("gef_gold", "mercury_reduction_target")] == 369


def test_which_programme_countries_have_a_profile() -> None:
    countries = run_json("programme", "--json")["countries"]
    assert len(countries) == 25
    without = [c["name"] for c in countries if c["profile"] is None]
    assert without == ["Nigeria", "Republic of the Congo", "Guinea", "Mali", "Nicaragua", "Zambia", "Paraguay"]
    assert {c["name"]: c["profile"] for c in countries}["Côte d'Ivoire"] == "cote_d_ivoire"


def test_totals_add_headlines_in_tonnes_keep_ranges_and_say_coverage() -> None:
    totals = {t["id"]: t for t in run_json("programme", "--json")["totals"]}
    gold = totals["asgm_gold_output"]
    heads = {r["country"]: r for r in run_json("figures", "--headline", "--json") if r["id"] == "asgm_gold_output"}
    per = {"t": 1, "t/yr": 1, "kg": 0.001, "kg/yr": 0.001, "oz": 31.1034768e-6, "Moz": 31.1034768}
    low = sum((r["value"] if r["value"] is not None else r["low"]) * per[r["unit"]] for r in heads.values())
    high = sum((r["value"] if r["value"] is not None else r["high"]) * per[r["unit"]] for r in heads.values())
    assert (gold["low"], gold["high"], gold["value"]) == (float(f"{low:.4g}"), float(f"{high:.4g}"), None)
    assert sorted(gold["countries"]) == sorted(heads)
    assert gold["coverage"] == f"{len(heads)} of 25"
    from asgm_cli.stats import combine

    # a sum grows with every term: approximate terms make it approximate, "at least" terms bound it below
    assert gold["qualifier"] == combine(*((r["qualifier"], 1) for r in heads.values()))
    assert combine(("approximately", 1), ("at_least", 1), (None, 1)) == "approximately_at_least"


def test_programme_as_text() -> None:
    result = run("programme", env={"COLUMNS": "100"})
    assert result.exit_code == 0 and result.stderr == ""
    assert "GEF GOLD (first phase): 8 countries" in result.stdout
    assert "18 of 25 listings have a profile: asgm show ID." in result.stdout
    assert "Mercury reduction the phase aims at: 369 t [1]" in result.stdout
    assert result.stdout.splitlines()[:2] == ["planetGOLD", "25 country listings, 18 with a profile"]
    markdown = run("programme", "--format", "markdown").stdout.splitlines()
    assert markdown[:3] == ["# planetGOLD", "", "25 country listings, 18 with a profile"]


@pytest.mark.parametrize(("countries", "found"), [
    ("[]", "expected a list of names"),
    ("[Peru, 7]", "expected a list of names"),
    ('[Peru, "  "]', "expected a list of names"),
    ("Peru", "expected a list of names"),
    ("[Peru, Ghana]", None),
])
def test_a_phase_lists_its_countries_by_name(tmp_path, countries: str, found: str | None) -> None:
    from asgm_cli.errors import DataError
    from asgm_cli.programme import load_programme, programme_file

    text = programme_file().read_text(encoding="utf-8")
    first = "    countries: [Burkina Faso, Colombia, Guyana, Indonesia, Kenya, Mongolia, Philippines, Peru]\n"
    assert first in text
    path = tmp_path / "planetgold.yaml"
    path.write_text(text.replace(first, f"    countries: {countries}\n"), encoding="utf-8")
    if found is None:
        assert load_programme(path).phases[0].countries == ("Peru", "Ghana")
        return
    with pytest.raises(DataError) as e:
        load_programme(path)
    assert e.value.message.endswith(f"phases[0].countries: {found}")
