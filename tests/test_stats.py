"""asgm stats: derived statistics, their formulas, inputs and qualifiers."""

from __future__ import annotations

import pytest

from asgm_cli.stats import combine
from conftest import run, run_json


def stats(*extra: str) -> dict:
    return {r["id"]: r for r in run_json("stats", "peru", "--json", *extra)}


def test_peru_statistics_exact() -> None:
    s = stats()
    assert list(s) == ["asgm_share_of_national_output", "mercury_per_gold", "gold_per_miner", "gold_per_asgm_worker",
                       "livelihoods_per_miner", "target_reduction_per_year", "target_share_of_annual_emissions",
                       "target_reduction_per_community", "informal_value_loss_share"]
    assert round(s["mercury_per_gold"]["value"], 2) == 3.75
    assert s["mercury_per_gold"]["qualifier"] is None
    assert s["mercury_per_gold"]["unit"] == "t/t"
    # the latest same-year pair: 2019's 27.7 t and DELVE's 100,000 miners, not the undated 38.7 t and "as many as 250,000"
    assert (s["gold_per_miner"]["value"], s["gold_per_miner"]["year"]) == (277, 2019)
    assert s["gold_per_miner"]["qualifier"] is None
    # 2019's output over DELVE's 2019 direct employment, no longer the undated 38.7 t over 2019's count
    assert (s["gold_per_asgm_worker"]["value"], s["gold_per_asgm_worker"]["year"]) == (277, 2019)
    assert s["mercury_per_gold"]["caveats"] == ["undated_input"]  # an undated pair: quoted, it has no year
    assert (s["livelihoods_per_miner"]["value"], s["livelihoods_per_miner"]["qualifier"]) == (4, "at_least")
    assert (s["target_reduction_per_year"]["value"], s["target_reduction_per_year"]["unit"]) == (3, "t/yr")
    assert s["target_reduction_per_community"]["value"] == 1.25
    assert s["target_share_of_annual_emissions"]["value"] == 2.069
    assert (s["informal_value_loss_share"]["value"], s["informal_value_loss_share"]["qualifier"]) == (30, "at_most")


def test_the_share_is_the_latest_same_year_pair_not_the_undated_headline() -> None:
    # planetGOLD's undated 38.7 t is the preferred ASGM output, but a share needs a same-year pair: 2019's
    share = stats()["asgm_share_of_national_output"]
    assert (share["value"], share["unit"], share["year"]) == (21.56, "%", 2019)
    assert share["inputs"] == [
        {"id": "asgm_gold_output", "value": 27.7, "low": None, "high": None, "unit": "t", "year": 2019, "qualifier": None,
         "basis": None, "scope": None, "period": None, "source_id": "usaid-madre-de-dios"},
        {"id": "national_gold_production", "value": 4.13, "low": None, "high": None, "unit": "Moz", "year": 2019,
         "qualifier": None, "basis": None, "scope": None, "period": None, "source_id": "gbreports-2021"},
    ]
    assert (share["note"], share["caveats"]) == (None, ["scope_unstated"])  # the total does not say what it covers


def test_share_for_a_year_in_ounces_converts_to_tonnes() -> None:
    share = stats("--year", "2019")["asgm_share_of_national_output"]
    # 2019's own ASGM output: 4.13 Moz x 31.1034768 t/Moz = 128.457 t; 27.7 / 128.457 = 21.56 %
    assert (share["value"], share["year"]) == (21.56, 2019)
    assert share["formula"] == "asgm_gold_output ÷ national_gold_production[2019] × 100 (Moz converted to t)"
    assert [(i["value"], i["unit"], i["year"]) for i in share["inputs"]] == [(27.7, "t", 2019), (4.13, "Moz", 2019)]
    assert share["note"] is None


def test_no_share_for_a_year_without_asgm_output_of_that_year() -> None:
    # 2022 has national production but no ASGM output: the undated 38.7 t never fills the year
    assert "asgm_share_of_national_output" not in stats("--year", "2022")


def test_unknown_year_exits_1_and_lists_years() -> None:
    result = run("stats", "peru", "--year", "1999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("asgm: error: Peru has no figure for 1999; years on file: "
                             "2005, 2009, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023\n")


def test_gold_price_adds_value_statistics() -> None:
    s = stats("--gold-price", "2000")
    value = s["asgm_output_value_usd"]
    # the latest dated output, 2019's 27.7 t = 27,700,000 g / 31.1034768 g/oz = 890,575 oz x 2000 USD
    assert (value["value"], value["unit"], value["qualifier"], value["year"]) == (1.781e9, "USD/yr", None, 2019)
    loss = s["informal_value_loss_usd"]
    # the informal price share has no year: it pairs with the undated 38.7 t only (1,244,234 oz x 2000 x 30 %)
    assert (loss["value"], loss["qualifier"], loss["year"], loss["caveats"]) == (7.465e8, "at_most", None, ["undated_input"])
    price = {"id": "gold_price", "value": 2000.0, "low": None, "high": None, "unit": "USD/troy oz", "year": None,
             "qualifier": None, "basis": None, "scope": None, "period": None, "source_id": None}
    assert price in loss["inputs"]


def test_no_gold_price_no_value_statistics() -> None:
    assert "asgm_output_value_usd" not in stats()


@pytest.mark.parametrize("price", ["0", "-5", "nan", "inf"])
def test_bad_gold_price_is_a_usage_error(price: str) -> None:
    result = run("stats", "peru", "--gold-price", price)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("asgm: error: --gold-price must be a positive number")


def test_gold_price_not_a_number() -> None:
    result = run("stats", "peru", "--gold-price", "abc")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("terms", "expected"), [
    ([(None, 1), (None, -1)], None),
    ([("at_most", 1)], "at_most"),
    ([("at_most", -1)], "at_least"),
    ([("at_least", -1)], "at_most"),
    ([(None, 1), ("at_most", -1)], "at_least"),
    ([("at_least", 1), ("at_most", -1)], "at_least"),
    ([("at_least", 1), ("at_most", 1)], "approximately"),
    ([("approximately", 1), ("at_most", -1)], "approximately_at_least"),
    ([("at_least", 1), ("approximately", -1)], "approximately_at_least"),  # "at least 50" ÷ "about 47"
    ([("approximately_at_most", 1), (None, -1)], "approximately_at_most"),
    ([("approximately_at_most", -1)], "approximately_at_least"),
    ([("approximately_at_least", 1), ("at_most", 1)], "approximately"),  # bounds pull apart: no bound
    ([("approximately", 1), (None, 1)], "approximately"),
])
def test_qualifier_rules(terms, expected) -> None:
    assert combine(*terms) == expected


def test_statistic_left_out_when_input_missing(tmp_path) -> None:
    from conftest import MINIMAL, write_profile

    write_profile(tmp_path, MINIMAL)
    result = run("stats", "testland", "--json", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == "[]\n"


def test_get_knows_every_statistic_derive_makes() -> None:
    from asgm_cli.lookup import STAT_IDS

    peru = tuple(stats("--gold-price", "2000"))
    # Peru has every statistic but the share by difference, which needs the large mines' output (Guyana's),
    # and the share on top of an industrial total, which needs a source that gives one (Indonesia's)
    assert peru == tuple(s for s in STAT_IDS if s not in ("small_scale_share_by_difference", "small_scale_share_on_top"))
    assert "small_scale_share_by_difference" in [r["id"] for r in run_json("stats", "guyana", "--json")]
    assert "small_scale_share_on_top" in [r["id"] for r in run_json("stats", "indonesia", "--json")]
