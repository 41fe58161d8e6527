"""One unit per row and per rank: rank, compare and get in the indicator's unit with the source's own
beside it; --year in rank and compare; compare side by side at every width."""

from __future__ import annotations

import json

import pytest

from asgm_cli.units import convert, significant, unit_for
from conftest import MINIMAL, run, run_json, write_profile


def obs(fid: str, value: float, unit: str, year: int | None, extra: str = "") -> str:
    """One observation in a profile's YAML (a label for ids that are not shared indicators)."""
    return (f"  - id: {fid}\n    label: {fid.replace('_', ' ')}\n    value: {value}\n    unit: {unit}\n"
            f"    qualifier: null\n    year: {'null' if year is None else year}\n    source: src\n"
            f"    quote: \"{value} {unit}\"\n{extra}")


def profile(tmp_path, cid: str, *observations: str) -> None:
    """A profile ``cid`` with ``observations`` as its figures."""
    head, rest = MINIMAL.replace("testland", cid).replace("Testland", cid.title()).split("figures:\n")
    text = head + "figures:\n" + "".join(observations) + "sources:\n" + rest.split("sources:\n")[1]
    text += ("  - id: src2\n    title: A second test source\n    publisher: Tests\n"
             "    url: https://example.org/second\n    accessed: \"2026-11-26\"\n")
    write_profile(tmp_path, text, f"{cid}.yaml")


# --- conversion -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "n"), [(1.9, 2), (1800, 2), (66.858, 5), (0.73, 2), (2.5, 2), (100000, 1), (0, 1),
                                      (1e16, 1), (4.13, 3)])
def test_significant_figures(x: float, n: int) -> None:
    assert significant(x) == n


@pytest.mark.parametrize(("x", "unit", "to", "out"), [
    (1.9, "Moz", "t/yr", 59.1),  # 59.0966... t: 4 significant figures
    (4.8, "Moz", "t", 149.3),
    (1800, "kg", "t/yr", 1.8),  # not 1.8000000000000003
    (66858, "kg", "t", 66.858),  # the given value's 5 figures are kept
    (59.1, "t", "Moz", 1.9),
    (38.7, "t/yr", "kg", 38700),
    (46, "t", "t/yr", 46),  # the same number: nothing to round
    (3.14159, "t", "t", 3.14159),
    (None, "t", "kg", None),
])
def test_convert(x: float | None, unit: str, to: str, out: float | None) -> None:
    got = convert(x, unit, to)
    assert got == out and type(got) is type(out)


@pytest.mark.parametrize(("iid", "unit", "out"), [
    ("asgm_gold_output", "Moz", "t/yr"), ("national_gold_production", "kg", "t"), ("gold_exports", "oz", "t"),
    ("gold_smuggled", "t/yr", "t/yr"), ("asgm_miners", "people", "people"), ("project_cost_usd", "USD", "USD"),
])
def test_the_unit_of_comparison(iid: str, unit: str, out: str) -> None:
    assert unit_for(iid, unit) == out


# --- get --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "out", "err"), [
    (("ghana", "asgm_gold_output"), 0, "59.1\n", "asgm: note: ghana asgm_gold_output: converted from 1.9 Moz as given\n"),
    (("ghana", "asgm_gold_output", "--as-given"), 0, "1.9\n", ""),
    (("ghana", "asgm_gold_output", "--unit", "Moz"), 0, "1.9\n", ""),
    (("ghana", "asgm_gold_output", "--unit", "kg"), 0, "59100\n",
     "asgm: note: ghana asgm_gold_output: converted from 1.9 Moz as given\n"),
    (("ghana", "asgm_gold_output", "-u", "oz"), 0, "1900000\n",
     "asgm: note: ghana asgm_gold_output: converted from 1.9 Moz as given\n"),
    (("peru", "asgm_gold_output"), 0, "38.7\n", ""),  # t/yr already: no note
    (("bolivia", "asgm_gold_output"), 0, "46\n", ""),  # 46 t is 46 t/yr: the same number, no note
    (("peru", "asgm_gold_output", "--unit", "t"), 0, "38.7\n", ""),
    (("peru", "asgm_miners"), 0, "250000\n", "asgm: note: peru asgm_miners is at most 250000 people\n"),
    (("peru", "asgm_miners", "--unit", "people"), 0, "250000\n", "asgm: note: peru asgm_miners is at most 250000 people\n"),
    (("mongolia", "asgm_employment"), 0, "40000-60000\n", "asgm: note: mongolia asgm_employment is a range, 40000-60000 people\n"),
    (("indonesia", "asgm_gold_output", "--unit", "kg"), 0, "50000-100000\n",
     "asgm: note: indonesia asgm_gold_output is a range, roughly 50000-100000 kg\n"
     "asgm: note: indonesia asgm_gold_output: converted from 50-100 t/yr as given\n"),
    (("peru", "mercury_per_gold", "--unit", "t/t"), 0, "3.747\n",  # a statistic's own unit
     "asgm: note: peru mercury_per_gold: an input has no year (undated_input)\n"),
    (("peru", "target_reduction_per_year", "--unit", "kg"), 0, "3000\n",
     "asgm: note: peru target_reduction_per_year: converted from 3 t/yr as given\n"),
    (("ghana", "asgm_gold_output", "--unit", "people"), 1, "",
     "asgm: error: ghana asgm_gold_output is in Moz, which does not convert to people\n"),
    (("peru", "asgm_miners", "--unit", "t"), 1, "", "asgm: error: peru asgm_miners is in people, which does not convert to t\n"),
    (("ghana", "asgm_gold_output", "--unit", "g"), 2, "",
     "asgm: error: unknown unit 'g'; units: people, %, rank, t, t/yr, kg, kg/yr, oz, oz/yr, Moz, communities, municipalities, sites, "
     "provinces, regions, cooperatives, years, USD, g/g\n"),
    (("peru", "mercury_per_gold", "--unit", "g/t"), 2, "",
     "asgm: error: unknown unit 'g/t'; units: people, %, rank, t, t/yr, kg, kg/yr, oz, oz/yr, Moz, communities, municipalities, sites, "
     "provinces, regions, cooperatives, years, USD, g/g\n"),
    (("ghana", "asgm_gold_output", "--unit", "t", "--as-given"), 2, "", "asgm: error: choose --unit or --as-given, not both\n"),
])
def test_get_in_a_unit(args: tuple[str, ...], code: int, out: str, err: str) -> None:
    result = run("get", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, out, err)


def test_get_json_is_the_whole_record_in_order() -> None:
    record = run_json("get", "peru", "asgm_miners", "--json")
    assert record == {
        "country": "peru", "id": "asgm_miners", "label": "Artisanal and small-scale miners", "kind": "figure",
        "value": 250000, "low": None, "high": None, "unit": "people", "qualifier": "at_most", "year": None,
        "source": "https://www.planetgold.org/peru",
        "quote": "As many as 250,000 artisanal and small-scale miners operate in the country",
        "given_value": 250000, "given_low": None, "given_high": None, "given_unit": "people", "caveats": [],
        "note": None, "unusable": None}
    assert list(record) == ["country", "id", "label", "kind", "value", "low", "high", "unit", "qualifier", "year",
                            "source", "quote", "given_value", "given_low", "given_high", "given_unit", "caveats",
                            "note", "unusable"]
    ghana = run_json("get", "ghana", "asgm_gold_output", "--json", "--unit", "oz")
    assert (ghana["value"], ghana["unit"], ghana["given_value"], ghana["given_unit"], ghana["year"]) == (
        1900000, "oz", 1.9, "Moz", 2024)
    stat = run("get", "peru", "mercury_per_gold", "--json")
    assert stat.stderr == ""  # the notes are for the bare value: the record carries all of it
    stat = json.loads(stat.stdout)
    assert (stat["kind"], stat["value"], stat["unit"], stat["source"], stat["quote"], stat["caveats"]) == (
        "statistic", 3.747, "t/t", None, None, ["undated_input"])


def test_get_converts_a_mass_that_is_no_shared_indicator_to_tonnes(tmp_path) -> None:
    profile(tmp_path, "aland", obs("gold_exports", 2500, "kg", 2020))
    result = run("get", "aland", "gold_exports", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "2.5\n")
    result = run("get", "aland", "gold_exports", "--as-given", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2500\n", "")


# --- rank -------------------------------------------------------------------------------------------

RANK_FIELDS = ["position", "country", "name", "indicator", "value", "low", "high", "unit", "qualifier", "year", "source",
               "given_value", "given_low", "given_high", "given_unit", "status", "caveats", "note"]


def test_rank_is_in_descending_order_of_its_own_value_all_in_one_unit() -> None:
    records = run_json("rank", "asgm_gold_output", "--json")
    assert all(list(r) == RANK_FIELDS for r in records)
    ranked = [r for r in records if r["position"] is not None]
    assert {r["unit"] for r in records} == {"t/yr"}
    values = [r["value"] for r in ranked]
    assert values == sorted(values, reverse=True) and len(values) == 11  # Indonesia's 50-100 t is not ranked
    assert [(r["country"], r["value"], r["given_value"], r["given_unit"]) for r in ranked[:2]] == [
        ("ghana", 59.1, 1.9, "Moz"), ("burkina_faso", 50, 50, "t/yr")]
    assert {r["status"] for r in ranked} == {"ok"}
    assert [r["status"] for r in records[len(ranked):]] == ["range"] + ["unknown"] * 6


def test_rank_csv_and_markdown_carry_the_given_fields() -> None:
    csv_out = run("rank", "asgm_gold_output", "--csv", "--fields", "position,country,value,unit,given_value,given_unit").stdout
    assert csv_out.splitlines()[:3] == ["position,country,value,unit,given_value,given_unit",
                                        "1,ghana,59.1,t/yr,1.9,Moz", "2,burkina_faso,50,t/yr,50,t/yr"]
    md = run("rank", "asgm_gold_output", "--format", "markdown", "--fields", "country,value,unit,given_value,given_unit").stdout
    assert md.splitlines()[2] == "| ghana | 59.1 | t/yr | 1.9 | Moz |"


def test_the_rank_chart_says_as_given_where_the_unit_differs() -> None:
    out = run("rank", "asgm_gold_output", "--format", "table", env={"COLUMNS": "100"}).stdout
    assert out.splitlines()[0] == "Gold produced by ASGM (t/yr)"
    ghana = next(line for line in out.splitlines() if "Ghana" in line)
    assert ghana.endswith(" 59.1 t/yr (2024; 1.9 Moz as given)")
    peru = next(line for line in out.splitlines() if "Peru" in line)
    assert peru.endswith(" 38.7 t/yr")  # given in t/yr: nothing to say
    bolivia = next(line for line in out.splitlines() if "Bolivia" in line)
    assert bolivia.endswith(" 46 t/yr (2021)")  # 46 t is 46 t/yr: not a conversion


def test_rank_for_a_year_ranks_only_that_year_and_lists_the_undated_apart(tmp_path) -> None:
    profile(tmp_path, "aland", obs("asgm_gold_output", 30, "t/yr", 2019))
    profile(tmp_path, "bland", obs("asgm_gold_output", 90, "t/yr", None))  # larger, but undated
    profile(tmp_path, "cland", obs("asgm_gold_output", 95, "t/yr", 2018))  # just misses: another year
    records = [r for r in run_json("rank", "asgm_gold_output", "--year", "2019", "--json", "--data-dir", str(tmp_path))
               if r["country"] in ("aland", "bland", "cland")]
    assert [(r["position"], r["country"], r["value"], r["year"], r["status"]) for r in records] == [
        (2, "aland", 30, 2019, "ok"),  # after Ghana's 49.39 t of 2019
        (None, "bland", 90, None, "undated"), (None, "cland", None, None, "unknown")]
    every = run_json("rank", "asgm_gold_output", "--year", "2019", "--json", "--data-dir", str(tmp_path))
    statuses = [r["status"] for r in every]
    assert statuses == sorted(statuses, key=["ok", "undated", "unknown"].index)  # the undated never mixed in
    assert [r["country"] for r in every if r["status"] == "ok"] == ["ghana", "aland", "peru", "indonesia"]
    # without --year, the undated value is ranked as the headline it is
    plain = {r["country"]: r for r in run_json("rank", "asgm_gold_output", "--json", "--data-dir", str(tmp_path))}
    assert (plain["bland"]["status"], plain["bland"]["value"]) == ("ok", 90)
    assert (plain["cland"]["status"], plain["cland"]["year"]) == ("ok", 2018)


def test_the_rank_chart_for_a_year_lists_the_undated_below_the_bars() -> None:
    out = run("rank", "asgm_gold_output", "--year", "2019", "--format", "table", env={"COLUMNS": "100"}).stdout
    lines = out.splitlines()
    assert lines[1].startswith("1. Ghana ") and lines[1].endswith(" 49.39 t/yr (2019; 1.588 Moz as given)")
    assert lines[2].startswith("2. Peru ") and lines[2].endswith(" 27.7 t/yr (2019)")
    assert lines[3].startswith("3. Indonesia ") and lines[3].endswith(" ~ 21.84 t/yr (2019)")
    assert lines[4] == ("  No value of 2019, only an undated one (not ranked): Burkina Faso 50 t/yr, Côte d'Ivoire "
                        "≥ 17 t/yr,")
    assert "Honduras 1.8 t/yr (1,800 kg/yr as given), Mongolia ≤ 5 t/yr" in lines[5]
    assert "█" not in "".join(lines[4:])


def test_a_unit_that_does_not_convert_is_not_ranked(tmp_path) -> None:
    profile(tmp_path, "aland", obs("gold_buyers", 12, "people", None))
    profile(tmp_path, "bland", obs("gold_buyers", 3, "sites", None))
    records = run_json("rank", "gold_buyers", "--json", "--data-dir", str(tmp_path))
    got = [(r["position"], r["country"], r["value"], r["unit"], r["status"]) for r in records if r["status"] != "unknown"]
    assert got == [(1, "aland", 12, "people", "ok"), (None, "bland", 3, "sites", "unit_differs")]


def test_masses_of_an_id_that_is_no_indicator_rank_in_tonnes(tmp_path) -> None:
    profile(tmp_path, "aland", obs("gold_seized", 900, "kg", 2020))
    profile(tmp_path, "bland", obs("gold_seized", 0.05, "Moz", 2020))
    records = [r for r in run_json("rank", "gold_seized", "--json", "--data-dir", str(tmp_path)) if r["position"]]
    assert [(r["country"], r["value"], r["unit"], r["given_value"], r["given_unit"]) for r in records] == [
        ("bland", 1.555, "t", 0.05, "Moz"), ("aland", 0.9, "t", 900, "kg")]


# --- compare ----------------------------------------------------------------------------------------

COMPARE_FIELDS = ["indicator", "label", "country", "kind", "value", "low", "high", "unit", "qualifier", "year", "source",
                  "given_value", "given_low", "given_high", "given_unit", "status", "caveats", "note"]


def test_compare_records_are_in_the_rows_unit_with_the_given_beside() -> None:
    records = run_json("compare", "ghana", "honduras", "--indicators", "asgm_gold_output,national_gold_production",
                       "--json")
    assert all(list(r) == COMPARE_FIELDS for r in records)
    got = [(r["indicator"], r["country"], r["value"], r["unit"], r["given_value"], r["given_unit"], r["status"])
           for r in records]
    assert got == [("asgm_gold_output", "ghana", 59.1, "t/yr", 1.9, "Moz", "ok"),
                   ("asgm_gold_output", "honduras", 1.8, "t/yr", 1800, "kg/yr", "ok"),
                   ("national_gold_production", "ghana", 149.3, "t", 4.8, "Moz", "ok"),
                   ("national_gold_production", "honduras", None, "t", None, None, "unknown")]


def test_compare_exports_csv_and_markdown() -> None:
    args = ("compare", "peru", "ghana", "--indicators", "asgm_gold_output")
    csv_out = run(*args, "--csv").stdout.splitlines()
    assert csv_out[0] == ",".join(COMPARE_FIELDS)
    assert csv_out[2] == ("asgm_gold_output,Gold produced by ASGM,ghana,figure,59.1,,,t/yr,,2024,"
                          "https://www.ghanamma.com/2025/06/03/small-scale-gold-sector-records-70-increase,1.9,,,Moz,ok,,")
    md = run(*args, "--format", "markdown", "--fields", "country,value,unit,given_value,given_unit").stdout
    assert md == ("| country | value | unit | given_value | given_unit |\n|---|---|---|---|---|\n"
                  "| peru | 38.7 | t/yr | 38.7 | t/yr |\n| ghana | 59.1 | t/yr | 1.9 | Moz |\n")


def test_compare_for_a_year_marks_the_undated(tmp_path) -> None:
    profile(tmp_path, "aland", obs("asgm_gold_output", 30, "t/yr", 2019))
    profile(tmp_path, "bland", obs("asgm_gold_output", 90, "t/yr", None))
    args = ("compare", "aland", "bland", "--indicators", "asgm_gold_output", "--year", "2019", "--data-dir", str(tmp_path))
    assert [(r["country"], r["value"], r["year"], r["status"]) for r in run_json(*args, "--json")] == [
        ("aland", 30, 2019, "ok"), ("bland", 90, None, "undated")]
    out = run(*args, "--format", "table", env={"COLUMNS": "80"}).stdout
    row = next(line for line in out.splitlines() if line.startswith("Gold produced by ASGM"))
    assert row.split("  ")[-1].strip() == "90 (no year)" and "30 (2019)" in row
    assert "(no year): the value has no year; it is shown, not compared with that year's" in " ".join(out.split())


def table_lines(width: int, *args: str) -> list[str]:
    result = run("compare", *args, "--format", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= width for line in result.stdout.splitlines())
    return result.stdout.splitlines()


def test_three_countries_side_by_side_at_80_columns() -> None:
    lines = table_lines(80, "peru", "ghana", "indonesia")
    assert lines[0] == "Comparison"
    assert lines[1].split() == ["Indicator", "Peru", "Ghana", "Indonesia"]
    assert sum(line.startswith("Comparison") for line in lines) == 1
    gold = lines[[n for n, line in enumerate(lines) if line.startswith("Gold produced by ASGM")][0]:][:2]
    # the label may wrap; the values stand on its first line
    assert gold[0].split()[-5:] == ["38.7", "59.1", "(2024)", "~", "50–100"] and "(t/yr)" in " ".join(gold)
    assert gold[1].split()[-4:] == ["1.9", "Moz", "as", "given"]  # beneath Ghana's 59.1


@pytest.mark.parametrize(("width", "tables", "least"), [(120, 3, 6), (100, 3, 6), (80, 5, 3), (60, 7, 2)])
def test_compare_all_folds_into_even_tables_that_fit(width: int, tables: int, least: int) -> None:
    lines = table_lines(width, "--all")
    heads = [line for line in lines if line.startswith("Indicator ")]
    assert len(heads) == tables
    assert [line for line in lines if line.startswith("Comparison")] == [f"Comparison ({n} of {tables})"
                                                                         for n in range(1, tables + 1)]
    names = json.loads(run("list", "--json").stdout)
    counts = [sum(name["name"] in head for name in names) for head in heads]
    assert min(counts) >= least and sum(counts) == 18 and max(counts) - min(counts) <= 1


def test_compare_at_40_columns_gives_each_country_a_table() -> None:
    lines = table_lines(40, "peru", "ghana", "indonesia")
    assert [line.split()[-1] for line in lines if line.startswith("Indicator ")] == ["Peru", "Ghana", "Indonesia"]
    gold = next(n for n, line in enumerate(lines) if line.startswith("Gold produced by ASGM ") and "59.1" in line)
    assert lines[gold].endswith(" 59.1 (2024)") and lines[gold + 1].endswith(" 1.9 Moz as given")


UNUSABLE = "    unusable: The sum does not add up.\n"


def test_an_unusable_observation_is_never_ranked(tmp_path) -> None:
    profile(tmp_path, "aland", obs("asgm_gold_output", 80, "t/yr", 2021, UNUSABLE))  # alone: not ranked
    profile(tmp_path, "bland", obs("asgm_gold_output", 70, "t/yr", 2021, UNUSABLE),
            obs("asgm_gold_output", 20, "t/yr", 2020))  # just misses: a usable one is on file
    records = {r["country"]: r for r in run_json("rank", "asgm_gold_output", "--json", "--data-dir", str(tmp_path))}
    assert [records["aland"][k] for k in ("position", "value", "year", "status", "note")] == [
        None, 80, 2021, "unusable", "The sum does not add up."]
    assert [records["bland"][k] for k in ("value", "year", "status", "note")] == [20, 2020, "ok", None]
    assert records["bland"]["position"] is not None
    out = run("rank", "asgm_gold_output", "--format", "table", "--data-dir", str(tmp_path), env={"COLUMNS": "200"}).stdout
    assert "  Marked unusable (not ranked): Aland 80 t/yr; The sum does not add up.\n" in out
    assert not any(line.split()[1:2] == ["Aland"] for line in out.splitlines() if "█" in line)


def test_the_bundled_unusable_figure_is_not_ranked_for_its_year() -> None:
    zimbabwe = next(r for r in run_json("rank", "asgm_gold_output", "--year", "2024", "--json") if r["country"] == "zimbabwe")
    assert (zimbabwe["position"], zimbabwe["value"], zimbabwe["status"]) == (None, 36, "unusable")
    assert zimbabwe["note"].startswith("The same sentence calls 36 tonnes about 65% of the official deliveries")
    cell = run_json("compare", "zimbabwe", "--indicators", "asgm_gold_output", "--year", "2024", "--json")[0]
    assert (cell["value"], cell["status"]) == (36, "unusable")
    out = run("compare", "zimbabwe", "--indicators", "asgm_gold_output", "--year", "2024", "--format", "table",
              env={"COLUMNS": "80"}).stdout
    assert "36 (2024, unusable)" in out and "unusable: marked so in the data, with its reason" in " ".join(out.split())


def test_get_leads_with_a_usable_observation(tmp_path) -> None:
    profile(tmp_path, "bland", obs("asgm_gold_output", 70, "t/yr", 2021, UNUSABLE),
            obs("asgm_gold_output", 20, "t/yr", 2020))
    result = run("get", "bland", "asgm_gold_output", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "20\n", "")  # not 2021's unusable 70
    result = run("get", "bland", "asgm_gold_output", "--year", "2021", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "70\n", "asgm: note: bland asgm_gold_output is marked unusable: The sum does not add up.\n")
    record = run_json("get", "bland", "asgm_gold_output", "--year", "2021", "--json", "--data-dir", str(tmp_path))
    assert (record["value"], record["unusable"]) == (70, "The sum does not add up.")


# --- statistics outside their domain, caveats ----------------------------------------------------

ALL_SECTORS = "    scope: all_sectors\n"


def shares(tmp_path) -> None:
    """aland: 60 t of 50 t (120 %, impossible); bland: 50 t of 50 t (100 %, just possible); cland: 20 t of 2019
    over 50 t of 2020 (no same-year pair: a fallback, marked)."""
    profile(tmp_path, "aland", obs("asgm_gold_output", 60, "t/yr", 2020),
            obs("national_gold_production", 50, "t", 2020, ALL_SECTORS))
    profile(tmp_path, "bland", obs("asgm_gold_output", 50, "t/yr", 2020),
            obs("national_gold_production", 50, "t", 2020, ALL_SECTORS))
    profile(tmp_path, "cland", obs("asgm_gold_output", 20, "t/yr", 2019),
            obs("national_gold_production", 50, "t", 2020, ALL_SECTORS))


def test_a_statistic_outside_its_domain_is_never_ranked_nor_given_a_value(tmp_path) -> None:
    shares(tmp_path)
    records = {r["country"]: r for r in run_json("rank", "asgm_share_of_national_output", "--json",
                                                 "--data-dir", str(tmp_path))}
    aland, bland, cland = records["aland"], records["bland"], records["cland"]
    assert [aland[k] for k in ("position", "value", "low", "high", "given_value", "status", "caveats")] == [
        None, None, None, None, None, "outside_domain", ["outside_domain"]]
    assert [bland[k] for k in ("value", "year", "status", "caveats")] == [100, 2020, "ok", []]
    assert bland["position"] is not None
    # a fallback (no same-year pair) is of no one year: shown, never ranked among same-year values
    assert [cland[k] for k in ("position", "value", "year", "status", "caveats")] == [
        None, 40, None, "fallback", ["fallback", "years_differ"]]
    statuses = [r["status"] for r in records.values()]
    assert statuses.index("outside_domain") > statuses.index("fallback") > max(
        n for n, s in enumerate(statuses) if s == "ok")
    out = run("rank", "asgm_share_of_national_output", "--format", "table", "--data-dir", str(tmp_path),
              env={"COLUMNS": "200"}).stdout
    assert "  An impossible result, a data error (not ranked; asgm stats COUNTRY names its inputs): Aland" in out
    assert not any("Aland" in line for line in out.splitlines() if "█" in line)
    assert "  No same-year pair, its inputs of different years or undated (not ranked): Cland 40 %, Guyana" in out
    assert not any("Cland" in line for line in out.splitlines() if "█" in line)
    legend = " ".join(out.split("Caveats: ")[1].split())  # the bundled countries' caveats
    assert legend.startswith("[b] its inputs count different kinds of number (basis);")


def test_compare_shows_an_impossible_result_as_an_error_with_its_marks(tmp_path) -> None:
    shares(tmp_path)
    args = ("compare", "aland", "bland", "cland", "--indicators", "asgm_share_of_national_output",
            "--data-dir", str(tmp_path))
    records = run_json(*args, "--json")
    assert [(r["country"], r["value"], r["status"], r["caveats"]) for r in records] == [
        ("aland", None, "outside_domain", ["outside_domain"]), ("bland", 100, "ok", []),
        ("cland", 40, "fallback", ["fallback", "years_differ"])]
    out = run(*args, "--format", "table", env={"COLUMNS": "100"}).stdout
    row = next(line for line in out.splitlines() if line.startswith("ASGM share of national gold"))
    assert [cell.strip() for cell in row.split("  ") if cell.strip()][-3:] == ["error [!]", "100 (2020)", "40 [f y]"]
    assert "error: the statistic's inputs give an impossible result (asgm stats COUNTRY names them)" in " ".join(out.split())
    assert "[!] the result is impossible for this statistic: a data error, never a value." in " ".join(out.split())


def test_get_gives_no_value_for_an_impossible_result(tmp_path) -> None:
    shares(tmp_path)
    result = run("get", "aland", "asgm_share_of_national_output", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "asgm: error: aland has no value for asgm_share_of_national_output: its inputs give an impossible result "
        "(asgm stats aland names them)\n")
    result = run("get", "bland", "asgm_share_of_national_output", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "100\n", "")
    result = run("get", "cland", "asgm_share_of_national_output", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "40\n", (
        "asgm: note: cland asgm_share_of_national_output: no same-year pair exists: the headline combines each input's "
        "headline observation (fallback)\n"
        "asgm: note: cland asgm_share_of_national_output: its dated inputs are of different years (years_differ)\n"))


def test_a_full_year_leads_over_part_of_the_same_year(tmp_path) -> None:
    part = "    period: 2021-01/2021-06\n"
    profile(tmp_path, "aland", obs("asgm_gold_output", 9, "t/yr", 2021, part).replace("source: src", "source: src2"),
            obs("asgm_gold_output", 20, "t/yr", 2021))
    profile(tmp_path, "bland", obs("asgm_gold_output", 9, "t/yr", 2021, part))  # just misses: only part of the year
    records = {r["country"]: r for r in run_json("rank", "asgm_gold_output", "--year", "2021", "--json",
                                                 "--data-dir", str(tmp_path))}
    assert [(records[c]["value"], records[c]["status"], records[c]["caveats"]) for c in ("aland", "bland")] == [
        (20, "ok", []), (9, "ok", ["part_year"])]
    out = run("rank", "asgm_gold_output", "--year", "2021", "--format", "table", "--data-dir", str(tmp_path),
              env={"COLUMNS": "120"}).stdout
    assert next(line for line in out.splitlines() if "Bland" in line).endswith(" 9 t/yr (2021) [p]")
    assert run("get", "aland", "asgm_gold_output", "--year", "2021", "--data-dir", str(tmp_path)).stdout == "20\n"


def test_get_record_defaults_to_the_indicators_unit() -> None:
    from asgm_cli import api
    from asgm_cli.lookup import get_record

    ghana = api.load("ghana")
    record = get_record(ghana, ghana.figure("asgm_gold_output"))  # as a notebook calls it: no unit, not as given
    assert (record["value"], record["unit"], record["given_value"], record["given_unit"]) == (59.1, "t/yr", 1.9, "Moz")
