"""The small-scale share by difference: a national total less the large mines' output, never stored."""

from __future__ import annotations

import pytest

from conftest import run_json
from test_series import obs, profile

LARGE = "    label: Large mines\n"
ALL = "    scope: all_sectors\n"
IND = "    scope: industrial\n"


def by_difference(d: str, *args: str) -> list[tuple[float | None, int | None, list[str]]]:
    return [(r["value"], r["year"], r["caveats"]) for r in run_json("stats", "testland", "--json", "--data-dir", d, *args)
            if r["id"] == "small_scale_share_by_difference"]


def test_a_total_less_its_large_mines(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 100, "t", 2020, "a", ALL),
                obs("large_scale_gold_output", 30, "t", 2020, "a", LARGE + IND))
    assert by_difference(d) == [(70, 2020, [])]
    [record] = [r for r in run_json("stats", "testland", "--json", "--data-dir", d)
                if r["id"] == "small_scale_share_by_difference"]
    assert record["formula"] == "(national_gold_production − large_scale_gold_output) ÷ national_gold_production × 100"


def test_the_large_mines_of_another_year_give_no_per_year_share(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 100, "t", 2020, "a", ALL),
                obs("large_scale_gold_output", 30, "t", 2019, "a", LARGE + IND))
    assert by_difference(d, "--all-years") == []
    assert by_difference(d) == [(70, None, ["fallback", "years_differ"])]


def test_large_mines_above_the_total_are_impossible(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 100, "t", 2020, "a", ALL),
                obs("large_scale_gold_output", 120, "t", 2020, "a", LARGE + IND))
    assert by_difference(d) == [(-20, 2020, ["outside_domain"])]


@pytest.mark.parametrize(("total_scope", "found"), [(IND, []), ("", [(70, 2020, ["scope_unstated"])])])
def test_the_total_must_include_small_scale_output(tmp_path, total_scope: str, found: list) -> None:
    d = profile(tmp_path, obs("national_gold_production", 100, "t", 2020, "a", total_scope),
                obs("large_scale_gold_output", 30, "t", 2020, "a", LARGE + IND))
    assert by_difference(d) == found


def test_the_total_comes_from_the_large_mines_own_source(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 200, "t", 2020, "b", ALL),
                obs("national_gold_production", 100, "t", 2020, "a", ALL),
                obs("large_scale_gold_output", 30, "t", 2020, "a", LARGE + IND))
    assert by_difference(d) == [(70, 2020, [])]  # 100 t of source a, not the first total (200 t of b: 85 %)


def test_the_bundled_shares_by_difference() -> None:
    got = {c: [(r["value"], r["year"]) for r in run_json("stats", c, "--all-years", "--json")
               if r["id"] == "small_scale_share_by_difference"] for c in ("guyana", "zimbabwe", "burkina_faso")}
    # the Bank of Guyana's 641,828 oz less Aurora's and Troy's 186,584 oz; Fidelity's 33.2 t less 11.5 t;
    # the minister's 61.469 t less 53.375 t of industrial output
    assert got == {"guyana": [(70.93, 2019)], "zimbabwe": [(65.36, 2018), (74.73, 2025)], "burkina_faso": [(13.17, 2024)]}
