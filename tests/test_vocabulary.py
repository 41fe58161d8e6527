"""The data vocabulary: basis, scope, area, period and unusable, as validate and the schema read them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import run
from test_boundaries import in_figure, problems


@pytest.mark.parametrize(("lines", "expected"), [
    (("basis: declarations",), []),
    (("basis: deliveries",), [("figures[0].basis", "'deliveries' is not one of 'production', 'exports', "
                                                   "'declarations', 'purchases', 'model_estimate', 'estimate', 'survey'")]),
    (("basis: null", "basis_note: deliveries to Fidelity Gold Refinery"), []),
    (("scope: industrial",), []),
    (("scope: Andean regions",), [("figures[0].scope", "'Andean regions' is not one of 'all_sectors', 'industrial', "
                                                       "'small_scale', 'partial'")]),
    (("scope: partial", "area: Andean regions"), []),
    (("scope: partial",), [("figures[0].scope", "a partial scope needs 'area' (the part of the country or sites covered)")]),
    (("period: 2020-01/2020-09",), []),
    (("period: 2020-01/2020-12",), []),
    (("period: 2020-1/2020-09",), [("figures[0].period", "'2020-1/2020-09' does not match the pattern "
                                                         "[0-9]{4}-(0[1-9]|1[0-2])/[0-9]{4}-(0[1-9]|1[0-2])")]),
    (("period: 2020-01/2020-13",), [("figures[0].period", "'2020-01/2020-13' does not match the pattern "
                                                          "[0-9]{4}-(0[1-9]|1[0-2])/[0-9]{4}-(0[1-9]|1[0-2])")]),
    (("period: 2019-01/2019-09",), [("figures[0].period", "the period 2019-01/2019-09 is not inside the year 2020")]),
    (("period: 2020-01/2021-01",), [("figures[0].period", "the period 2020-01/2021-01 is not inside the year 2020")]),
    (("period: 2020-09/2020-01",), [("figures[0].period", "the period 2020-09/2020-01 ends before it starts")]),
    (("period: 2020-09/2020-09",), []),
    (("year: null", "period: 2020-01/2020-09"), [("figures[0].period", "a period needs the year it lies in (year is null)")]),
    (("unusable: its own sentence contradicts it",), []),
    (("unusable: ''",), [("figures[0].unusable", "must not be empty")]),
])
def test_the_vocabulary_is_validated(lines: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert problems(in_figure(*lines)) == expected


@pytest.mark.parametrize(("lines", "valid"), [
    (("scope: partial", "area: Andean regions"), True),
    (("scope: partial",), False),
    (("scope: industrial",), True),
    (("basis: deliveries",), False),
    (("period: 2020-01/2020-09",), True),
    (("period: 2020-01/2020-13",), False),
])
def test_the_json_schema_says_the_same(lines: tuple[str, ...], valid: bool) -> None:
    import yaml

    schema = json.loads(run("schema").stdout)
    data = yaml.safe_load(in_figure(*lines))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert (errors == []) is valid, errors


def test_the_bundled_data_uses_the_vocabulary() -> None:
    rows = json.loads(run("figures", "--json").stdout)
    ghana = [r for r in rows if r["country"] == "ghana" and r["id"] == "national_gold_production"]
    assert {(r["basis"], r["scope"]) for r in ghana if r["basis_note"] and "USGS" in r["basis_note"]} == {
        ("production", "industrial")}
    assert {(r["basis"], r["scope"]) for r in ghana if r["basis_note"] and "Chamber" in r["basis_note"]} == {
        ("production", "all_sectors")}
    burkina = [r for r in rows if r["country"] == "burkina_faso" and r["id"] == "national_gold_production"]
    assert len(burkina) == 11 and {r["scope"] for r in burkina} == {"industrial"}
    [ivory] = [r for r in rows if r["country"] == "cote_d_ivoire" and r["id"] == "national_gold_production"]
    assert (ivory["basis"], ivory["scope"]) == ("production", "all_sectors")
    zimbabwe = {(r["id"], r["year"], r["value"]): r for r in rows if r["country"] == "zimbabwe"}
    assert zimbabwe[("asgm_gold_output", 2024, 36)]["unusable"].startswith("The same sentence calls 36 tonnes")
    assert zimbabwe[("asgm_share_of_national_gold", 2024, 70)]["period"] == "2024-01/2024-09"
    assert all(r["basis"] == "declarations" for r in rows if r["country"] == "zimbabwe"
               and r["id"] == "national_gold_production" and r["year"] and r["year"] >= 2018)
    peru = [r for r in rows if r["country"] == "peru" and r["basis"] == "model_estimate"]
    assert {r["id"] for r in peru} == {"asgm_gold_output", "asgm_miners"}
