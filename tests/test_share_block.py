"""The ASGM share in the fact sheet: stated shares first, then the derived one, with years, caveat
marks and a legend; an impossible result is an error row naming its inputs, never a value or a bar."""

from __future__ import annotations

from conftest import run
from test_series import obs, profile


def sheet(d: str) -> str:
    result = run("show", "testland", "--data-dir", d, "--format", "text", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def block(out: str) -> list[str]:
    return out.split("ASGM share of national gold production\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_stated_first_then_derived_with_year_and_marks(tmp_path) -> None:
    d = profile(tmp_path, obs("asgm_share_of_national_gold", 25, "%", 2020),
                obs("asgm_gold_output", 10, "t", 2020, "b"), obs("national_gold_production", 50, "t", 2020, "b"))
    lines = [" ".join(line.split()) for line in block(sheet(d))]
    assert lines[3:5] == ["stated 25 % 2020 [1]", "derived [s] 20 % 2020 = 10 t (2020) ÷ 50 t (2020) × 100"]
    assert "Caveats: [s] the national total does not say whether it includes small-scale output." in lines
    assert "Shares (of 100 %)" not in sheet(d)  # the block is the share's place: no second, look-alike bar


def test_a_fallback_is_marked_and_has_no_year(tmp_path) -> None:
    d = profile(tmp_path, obs("asgm_gold_output", 10, "t", 2019), obs("national_gold_production", 50, "t", 2020, "b"))
    lines = [" ".join(line.split()) for line in block(sheet(d))]
    assert lines[3] == "derived [f y s] 20 % — = 10 t (2019) ÷ 50 t (2020) × 100"
    assert any(line.startswith("Caveats: [f] no same-year pair exists") for line in lines)


def test_an_impossible_share_is_an_error_row_naming_its_inputs(tmp_path) -> None:
    d = profile(tmp_path, obs("asgm_gold_output", 51, "t", 2020), obs("national_gold_production", 50, "t", 2020, "b"))
    out = sheet(d)
    lines = [" ".join(line.split()) for line in block(out)]
    assert lines[3] == "derived [s !] error 2020 = 51 t (2020) ÷ 50 t (2020) × 100"
    assert "102" not in " ".join(lines)  # never printed as a value
    assert any("its inputs give an impossible result" in line for line in lines)
    # one that just misses: exactly 100 % of the same year is possible
    d = profile(tmp_path, obs("asgm_gold_output", 50, "t", 2020), obs("national_gold_production", 50, "t", 2020, "b"))
    assert [" ".join(line.split()) for line in block(sheet(d))][3].startswith("derived [s] 100 % 2020")


def test_an_impossible_share_is_never_ranked() -> None:
    import json

    rows = json.loads(run("rank", "asgm_share_of_national_output", "--json").stdout)
    ranked = [(r["position"], r["country"], r["value"]) for r in rows if r["position"] is not None]
    # Bolivia's 2021 (100.7 %) is an error, not the top of the list
    assert ranked[:2] == [(1, "zimbabwe", 74.73), (2, "mongolia", 63.47)]
    assert [(r["country"], r["value"], r["status"]) for r in rows if r["country"] == "bolivia"] == [
        ("bolivia", None, "outside_domain")]
    values = [r["value"] for r in rows if r["position"] is not None]
    assert values == sorted(values, reverse=True) and max(values) <= 100
    # and Indonesia's of 2012 (108.3-166.7 %) is no rank of that year
    rows = json.loads(run("rank", "asgm_share_of_national_output", "--year", "2012", "--json").stdout)
    assert [(r["position"], r["country"], r["status"]) for r in rows if r["status"] != "unknown"] == [
        (None, "indonesia", "outside_domain")]


def test_stats_tables_print_an_impossible_result_as_error_and_give_the_caveats() -> None:
    out = run("stats", "indonesia", "--year", "2012", "--format", "table", env={"COLUMNS": "200"}).stdout
    assert "error" in out and "108.3" not in out and "bases_differ, scope_unstated, outside_domain" in out
    csv = run("stats", "indonesia", "--year", "2012", "--csv", "--fields", "id,value,low,high,caveats").stdout.splitlines()
    # scripts keep the numbers, with the code that says they are impossible
    assert csv[1] == "asgm_share_of_national_output,,108.3,166.7,bases_differ; scope_unstated; outside_domain"


def test_a_part_year_stated_share_shows_its_months(tmp_path) -> None:
    d = profile(tmp_path, obs("asgm_share_of_national_gold", 70, "%", 2024, "a", "    period: 2024-01/2024-09\n"))
    lines = [" ".join(line.split()) for line in block(sheet(d))]
    assert lines[3] == "stated 70 % 2024-01/2024-09 [1]"
    assert "The share is derived, not sourced" not in " ".join(lines)
