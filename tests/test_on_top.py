"""The small-scale share where a source sets small-scale output on top of its own industrial total:
small ÷ (industrial + small) × 100, derived, never stored, and only from one source's two numbers."""

from __future__ import annotations

import pytest

from conftest import run, run_json
from test_series import obs, profile

ON_TOP = "small_scale_share_on_top"
IND = "    scope: industrial\n"
SMALL = "    scope: small_scale\n"


def on_top(d: str, *args: str) -> list[tuple[float | None, int | None, list[str]]]:
    return [(r["value"], r["year"], r["caveats"]) for r in run_json("stats", "testland", "--json", "--data-dir", d, *args)
            if r["id"] == ON_TOP]


def test_small_scale_output_on_top_of_its_sources_industrial_total(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 80, "t", 2019, "a", IND),
                obs("asgm_gold_output", 20, "t/yr", 2019, "a", SMALL))
    assert on_top(d) == [(20, 2019, [])]
    assert on_top(d, "--all-years") == [(20, 2019, [])]
    [record] = [r for r in run_json("stats", "testland", "--json", "--data-dir", d) if r["id"] == ON_TOP]
    assert record["formula"] == "asgm_gold_output ÷ (national_gold_production + asgm_gold_output) × 100"
    # an industrial total is no denominator of the share of national output
    assert [r["id"] for r in run_json("stats", "testland", "--json", "--data-dir", d)].count(
        "asgm_share_of_national_output") == 0


@pytest.mark.parametrize(("total", "found"), [
    (obs("national_gold_production", 80, "t", 2019, "b", IND), []),  # another source's industrial total
    (obs("national_gold_production", 80, "t", 2018, "a", IND), []),  # another year's: no pair and no fallback
    (obs("national_gold_production", 80, "t", 2019, "a", "    scope: all_sectors\n"), []),  # it includes the small
    (obs("national_gold_production", 80, "t", 2019, "a"), []),  # unstated: it may include it
    (obs("national_gold_production", 80, "t", 2019, "a", IND + "    period: 2019-01/2019-06\n"), []),  # half a year
    (obs("national_gold_production", 0, "t", 2019, "a", IND), [(100, 2019, [])]),  # all of it small-scale
])
def test_only_the_same_sources_industrial_total_of_the_same_year_and_period(tmp_path, total: str, found: list) -> None:
    d = profile(tmp_path, total, obs("asgm_gold_output", 20, "t/yr", 2019, "a", SMALL))
    assert on_top(d) == found


def test_output_of_another_scope_or_of_nothing_gives_none(tmp_path) -> None:
    for extra, found in ((IND, []), ("", [(20, 2019, [])])):  # an unstated scope is taken as small-scale's
        d = profile(tmp_path, obs("national_gold_production", 80, "t", 2019, "a", IND),
                    obs("asgm_gold_output", 20, "t/yr", 2019, "a", extra))
        assert on_top(d) == found, extra
    d = profile(tmp_path, obs("national_gold_production", 80, "t", 2019, "a", IND),
                obs("asgm_gold_output", 0, "t/yr", 2019, "a", SMALL))
    assert on_top(d) == []  # nothing on top of the total: no share to give


def test_qualifiers_and_units(tmp_path) -> None:
    d = profile(tmp_path, obs("national_gold_production", 80000, "kg", 2019, "a", IND),
                obs("asgm_gold_output", 20, "t/yr", 2019, "a", SMALL).replace("qualifier: null", "qualifier: at_most"))
    [record] = [r for r in run_json("stats", "testland", "--json", "--data-dir", d) if r["id"] == ON_TOP]
    assert (record["value"], record["qualifier"]) == (20, "at_most")
    assert record["formula"].endswith("× 100 (kg converted to t)")


def test_indonesia_2019() -> None:
    [record] = [r for r in run_json("stats", "indonesia", "--all-years", "--json") if r["id"] == ON_TOP]
    # ESDM's estimate of about 21.84 t of small-scale gold beside its 109.2 t of formal production
    assert (record["value"], record["year"], record["qualifier"], record["caveats"]) == (
        16.67, 2019, "approximately", ["bases_differ"])
    assert [(i["value"], i["source_id"]) for i in record["inputs"]] == [(21.84, "antara-pesk"), (109.2, "antara-pesk")]
    out = run("show", "indonesia", env={"COLUMNS": "120"}).stdout
    assert "derived [b]    ~ 16.67 %  2019  = (~ 21.84 t (2019)) ÷ (109.2 t (2019) + (~ 21.84 t (2019))) × 100" in out
    assert "Small-scale share of all gold, on top of an industrial total." in out


def test_small_scale_gold_on_top_of_an_industrial_total_is_drawn_in_no_bar() -> None:
    out = run("show", "indonesia", "--chart", "production", "--format", "text", env={"COLUMNS": "100"}).stdout
    bars = {line.split()[0] + (" " + line.split()[1] if line.split()[1].startswith("[") else ""): line
            for line in out.splitlines() if "░" in line or "█" in line}
    # ESDM's 109.2 t (and the same ministry's 109 t) leave small-scale gold out: no ASGM inside them
    assert "█" not in bars["2019 [14]"] and "ASGM" not in bars["2019 [14]"] and "█" not in bars["2019 [9]"]
    # CEIC's 139 t does not say; the share statistic takes it, and the chart draws it alike
    assert bars["2019 [10]"].startswith("2019 [10] ███") and bars["2019 [10]"].endswith("139 t, ASGM ~ 21.8 t")
    # 2012's 65-100 t cannot fit in that year's 60 t
    assert "█" not in bars["2012"]
    assert ("ASGM output of 2012 is drawn in no bar: no total of its year can include it (industrial only, of "
            "another part of the year, or smaller).") in " ".join(out.split())


def test_the_website_draws_the_same_bars(tmp_path) -> None:
    assert run("site", str(tmp_path / "s")).exit_code == 0
    page = (tmp_path / "s" / "countries" / "indonesia.html").read_text(encoding="utf-8")
    assert "2019: 139 t [10]; ASGM ~\u00a021.84 t/yr [14]" in page.replace("&nbsp;", "\u00a0")
    assert "2019: 109.2 t [14]; ASGM" not in page and "2012: 60 t [13]; ASGM" not in page
