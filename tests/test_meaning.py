"""What the issue "Numbers that mean what they say" promises, over every bundled profile."""

from __future__ import annotations

import json

import pytest

from asgm_cli.stats import rule
from conftest import run

COUNTRIES = [r["id"] for r in json.loads(run("list", "--json").stdout)]
CONSTANTS = ("gold_price",)  # inputs that have no year to agree with (a price, a target's numbers)


def stats(country: str, *args: str) -> list[dict]:
    return json.loads(run("stats", country, "--json", "--gold-price", "2000", *args).stdout)


def dated(inputs: list[dict]) -> list[dict]:
    return [i for i in inputs if i["id"] not in CONSTANTS and not i["id"].startswith("target.")]


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_statistic_out_of_its_domain_says_so(country: str) -> None:
    for r in stats(country) + stats(country, "--all-years"):
        ends = [x for x in (r["value"], r["low"], r["high"]) if x is not None]
        if not all(rule(r["id"]).holds(x) for x in ends):
            assert "outside_domain" in r["caveats"], r


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_per_year_record_uses_observations_of_its_year_only(country: str) -> None:
    for r in stats(country, "--all-years"):
        assert r["year"] is not None
        assert {i["year"] for i in dated(r["inputs"])} == {r["year"]}, r


@pytest.mark.parametrize("country", COUNTRIES)
def test_inputs_of_different_years_are_marked(country: str) -> None:
    for r in stats(country):
        years = {i["year"] for i in dated(r["inputs"])}
        if len(years - {None}) > 1:
            assert {"years_differ", "fallback"} <= set(r["caveats"]) and r["year"] is None, r
        if None in years and dated(r["inputs"]):
            assert "undated_input" in r["caveats"] and r["year"] is None, r


def test_the_named_examples() -> None:
    def share(country: str) -> dict:
        return next(r for r in stats(country) if r["id"] == "asgm_share_of_national_output")

    # Indonesia 2012: no bar, no rank, an error row; its headline is 2019's same-year pair
    indonesia = next(r for r in stats("indonesia", "--year", "2012") if r["id"] == "asgm_share_of_national_output")
    assert (indonesia["low"], indonesia["high"], indonesia["year"]) == (108.3, 166.7, 2012)
    assert "outside_domain" in indonesia["caveats"]
    assert (share("indonesia")["value"], share("indonesia")["year"], share("indonesia")["caveats"]) == (
        15.71, 2019, ["bases_differ", "scope_unstated"])
    # Peru: 2019's pair, not the undated 38.7 t over 2023; --all-years makes no series of it
    assert (share("peru")["value"], share("peru")["year"]) == (21.56, 2019)
    assert [r["year"] for r in stats("peru", "--all-years") if r["id"] == "asgm_share_of_national_output"] == [
        2014, 2016, 2019]
    # Bolivia's headline is 2021's own pair, impossible and acknowledged, not 2021's output over 2023's total
    assert (share("bolivia")["value"], share("bolivia")["year"], share("bolivia")["caveats"]) == (
        100.7, 2021, ["scope_unstated", "outside_domain"])
    # Mongolia: 2017 over 2017; Guyana: a marked fallback, a 2014 model estimate over 2024's declarations
    assert [(i["value"], i["year"]) for i in share("mongolia")["inputs"]] == [(12.7, 2017), (20.01, 2017)]
    guyana = share("guyana")
    assert (guyana["year"], guyana["caveats"]) == (None, ["fallback", "years_differ", "bases_differ", "scope_unstated"])
    # Burkina Faso's yearly totals are industrial only: its one share is 2024's, the minister's total that
    # includes the artisanal gold collected
    assert [(r["value"], r["year"]) for r in stats("burkina_faso", "--all-years")
            if r["id"] == "asgm_share_of_national_output"] == [(13.18, 2024)]
    # Côte d'Ivoire: industrial and small-scale, so no caveat and no note that contradicts its quote
    ivory = share("cote_d_ivoire")
    assert (ivory["value"], ivory["caveats"], ivory["note"]) == (1.237, [], None)
    # Ghana 2023: the Chamber of Mines' own totals, 27.5 %
    assert next(r["value"] for r in stats("ghana", "--year", "2023") if r["id"] == "asgm_share_of_national_output") == 27.5
    # Zimbabwe 2024: the unusable 36 t is in no statistic
    assert not any(i["value"] == 36 and i["id"] == "asgm_gold_output" for r in stats("zimbabwe", "--all-years")
                   for i in r["inputs"])
