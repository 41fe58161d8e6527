"""asgm figures: the key-figure records, in every format."""

from __future__ import annotations

import csv
import io

from conftest import run, run_json

PERU_IDS = ["livelihoods", "world_gold_rank", "asgm_gold_output", "asgm_miners", "asgm_women", "asgm_employment",
            "asm_indirect_employment", "unaccounted_gold", "asgm_share_of_national_gold", "asgm_mercury_emissions",
            "asgm_share_of_gold_exports", "andean_extreme_poverty", "informal_price_share"]
PLANETGOLD_PAGE = ["livelihoods", "world_gold_rank", "asgm_gold_output", "asgm_miners", "asgm_mercury_emissions",
                   "asgm_share_of_gold_exports", "andean_extreme_poverty", "informal_price_share"]


def by_id(records):
    """Each figure's headline record."""
    return {r["id"]: r for r in records if r["kind"] == "figure" and r["headline"]}


def test_peru_key_figures_exact() -> None:
    records = run_json("figures", "peru", "--json")
    figs = by_id(records)
    assert list(figs) == PERU_IDS
    assert figs["asgm_gold_output"]["value"] == 38.7
    assert figs["asgm_gold_output"]["unit"] == "t/yr"
    assert figs["asgm_mercury_emissions"]["value"] == 145
    assert figs["livelihoods"]["value"] == 1_000_000
    assert figs["world_gold_rank"]["value"] == 6
    assert (figs["asgm_miners"]["value"], figs["asgm_miners"]["qualifier"]) == (250_000, "at_most")
    assert (figs["asgm_share_of_gold_exports"]["value"], figs["asgm_share_of_gold_exports"]["qualifier"]) == (
        25, "approximately")
    assert (figs["andean_extreme_poverty"]["scope"], figs["andean_extreme_poverty"]["area"]) == ("partial", "Andean regions")
    assert (figs["informal_price_share"]["value"], figs["informal_price_share"]["qualifier"]) == (70, "at_least")
    for f in (figs[i] for i in PLANETGOLD_PAGE):
        assert f["country"] == "peru"
        assert f["year"] is None  # the page dates none of them
        assert f["source"] == "https://www.planetgold.org/peru"
        assert f["quote"]


def test_record_keys_are_the_contract() -> None:
    records = run_json("figures", "peru", "--json")
    assert list(records[0]) == ["country", "kind", "id", "label", "value", "low", "high", "unit", "qualifier", "year", "scope",
                                "source", "source_id", "quote", "note", "basis", "preferred", "headline", "basis_note",
                                "area", "period", "unusable", "stated"]


def test_national_production_is_records_one_per_year() -> None:
    records = run_json("figures", "peru", "--json")
    rows = [r for r in records if r["id"] == "national_gold_production"]
    assert [r["year"] for r in rows] == [2005, 2009, 2014, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022,
                                         2023, 2023, 2023]
    assert {r["kind"] for r in rows} == {"production"}
    prod = {r["year"]: r for r in reversed(rows)}  # the first of a year, in file order
    assert (prod[2023]["value"], prod[2023]["unit"], prod[2023]["headline"]) == (99.7, "t", True)
    assert (prod[2019]["value"], prod[2019]["unit"]) == (4.13, "Moz")
    assert (prod[2016]["value"], prod[2016]["unit"]) == (153006, "kg")
    assert prod[2023]["source"].startswith("https://issuu.com/sociedadmineroenergetica/")
    # where sources disagree, each value is its own record with its source and basis
    assert [(r["value"], r["source_id"]) for r in rows if r["year"] == 2014] == [
        (140, "reportingoilandgas-2016"), (150, "wikipedia-gold-production")]
    assert {(r["basis"], r["basis_note"]) for r in rows if r["year"] in (2021, 2022, 2023) and r["source_id"] == "snmpe-2023"} == {
        ("production", "fine gold content (TMF)")}
    assert [(r["value"], r["qualifier"]) for r in rows if r["year"] == 2023] == [
        (99.7, None), (90, "approximately"), (100, "at_least")]
    assert sum(r["headline"] for r in rows) == 1


def test_no_country_means_every_profile() -> None:
    everything = run_json("figures", "--json")
    assert {r["country"] for r in everything} >= {"peru"}
    assert [r for r in everything if r["country"] == "peru"] == run_json("figures", "peru", "--json")


def test_piped_default_is_tsv_with_header() -> None:
    result = run("figures", "peru")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:5] == ["country", "kind", "id", "label", "value"]
    rows = [line.split("\t") for line in lines if "\tasgm_gold_output\t" in line]
    assert [row[4:10] for row in rows] == [["40", "", "", "t/yr", "approximately", "2014"],
                                           ["890000", "", "", "oz", "", "2016"],
                                           ["27.7", "", "", "t", "", "2019"], ["38.7", "", "", "t/yr", "", ""],
                                           ["2207000", "", "", "oz/yr", "", ""]]


def test_csv_reads_back() -> None:
    result = run("figures", "peru", "--csv", "--fields", "id,value,qualifier,year")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[16] == {"id": "asgm_miners", "value": "250000", "qualifier": "at_most", "year": ""}


def test_fields_select_and_order() -> None:
    records = run_json("figures", "peru", "--json", "--fields", "value,id")
    assert records[0] == {"value": 1000000, "id": "livelihoods"}


def test_unknown_field_is_a_usage_error_listing_valid_ones() -> None:
    result = run("figures", "peru", "--json", "--fields", "id,valeu")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("asgm: error: unknown field 'valeu'; valid fields: country, kind, id,")


def test_two_formats_at_once_is_a_usage_error() -> None:
    result = run("figures", "peru", "--json", "--csv")
    assert result.exit_code == 2
    assert "choose one output format" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = run("figures", "peru", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
