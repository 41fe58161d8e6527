"""The bundled countries, shared indicators, ranges, compare, rank, sources and user data."""

from __future__ import annotations

import json

import pytest

from conftest import MINIMAL, ROOT, run, run_json, write_profile

COUNTRIES = ["bolivia", "burkina_faso", "colombia", "cote_d_ivoire", "ecuador", "ghana", "guyana", "honduras",
             "indonesia", "kenya", "madagascar", "mongolia", "peru", "philippines", "sierra_leone", "suriname", "uganda",
             "zimbabwe"]


def test_every_country_of_the_facts_file_is_bundled() -> None:
    assert [r["id"] for r in run_json("list", "--json")] == COUNTRIES


def test_every_bundled_profile_validates_against_the_exported_schema() -> None:
    import jsonschema

    from asgm_cli import yamlsafe

    schema = run_json("schema")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for cid in COUNTRIES:
        data = yamlsafe.load(str(ROOT / "data" / f"{cid}.yaml")).data
        assert [e.message for e in validator.iter_errors(data)] == [], cid


@pytest.mark.parametrize(("old", "new"), [
    ("    value: 10\n", "    value: 10\n    low: 5\n"),  # a value and a range
    ("    value: 10\n", "    low: 5\n"),  # half a range
    ("    unit: t/yr\n", "    unit: people\n"),  # a shared indicator in another unit
    ("iso2: TL", "iso2: tl"),
    ("    qualifier: null\n", "    qualifier: maybe\n"),
])
def test_the_schema_rejects_what_validate_rejects(tmp_path, old: str, new: str) -> None:
    import jsonschema

    from asgm_cli import yamlsafe

    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    path = write_profile(tmp_path, text)
    validator = jsonschema.Draft202012Validator(run_json("schema"))
    assert list(validator.iter_errors(yamlsafe.load(str(path)).data))
    assert run("validate", str(path)).exit_code == 1


def test_figures_keep_the_words_of_their_sources() -> None:
    every = run_json("figures", "--json")
    figs = {(r["country"], r["id"]): r for r in every if r["headline"]}
    burkina = figs[("burkina_faso", "asgm_employment")]
    assert (burkina["value"], burkina["qualifier"], burkina["quote"]) == (
        430000, "at_least", "430,000+ people are employed in ASGM")
    ghana = figs[("ghana", "asgm_gold_output")]  # the latest year: the Chamber of Mines' small-scale output
    assert (ghana["value"], ghana["unit"], ghana["year"]) == (1.9, "Moz", 2024)
    planetgold = next(r for r in every if r["country"] == "ghana" and r["id"] == "asgm_gold_output" and r["value"] == 47)
    assert (planetgold["qualifier"], planetgold["year"], planetgold["headline"]) == ("approximately", 2019, False)
    assert figs[("bolivia", "asgm_gold_output")]["year"] == 2021
    assert (figs[("philippines", "world_gold_rank")]["value"], figs[("philippines", "world_gold_rank")]["year"]) == (24, 2018)
    for r in every:
        assert r["source"].startswith(("https://", "http://")) and r["quote"]


def test_a_range_has_low_and_high_and_no_value() -> None:
    mongolia = {r["id"]: r for r in run_json("figures", "mongolia", "--headline", "--json")}["asgm_employment"]
    assert (mongolia["value"], mongolia["low"], mongolia["high"]) == (None, 40000, 60000)
    assert run("get", "mongolia", "asgm_employment").stdout == "40000-60000\n"


def test_targets_keep_the_unit_the_source_uses() -> None:
    targets = {c: run_json("show", c, "--json")["targets"] for c in ("colombia", "indonesia", "madagascar", "uganda")}
    got = {c: [(t["communities"], t["community_unit"], t["mercury_reduction"], t["years"], t["qualifier"]) for t in ts]
           for c, ts in targets.items()}
    assert got == {"colombia": [(11, "municipalities", 20, 5, None)],
                   "indonesia": [(6, "communities", 15, 5, "at_least"), (None, None, None, None, None)],
                   "madagascar": [(4, "sites", 6, 5, None), (None, None, 5, 5, None)], "uganda": [(11, "sites", 15, 5, None)]}
    national = run_json("show", "indonesia", "--json")["targets"][1]
    assert (national["mercury_free_percent"], national["by_year"]) == (100, 2025)
    assert run_json("show", "uganda", "--json")["targets"][0]["beneficiaries"] == 4500


RANGE_PROFILE = MINIMAL.replace("""figures:
""", """figures:
  - id: asgm_employment
    label: People employed in ASGM
    low: 40000
    high: 60000
    unit: people
    qualifier: null
    year: null
    source: src
    quote: "40,000-60,000 people"
""")


def test_a_statistic_of_a_range_is_a_range(tmp_path) -> None:
    write_profile(tmp_path, RANGE_PROFILE)
    stat = {s["id"]: s for s in run_json("stats", "testland", "--json", "--data-dir", str(tmp_path))}["gold_per_asgm_worker"]
    # 10 t = 10,000,000 g over 60,000 and over 40,000 people
    assert (stat["value"], stat["low"], stat["high"], stat["unit"]) == (None, 166.7, 250.0, "g/person/yr")
    assert stat["year"] is None  # the employment range has no year, the output is for 2020
    text = run("show", "testland", "--data-dir", str(tmp_path), "--format", "text", env={"COLUMNS": "200"}).stdout
    # show gives the formula with its numbers (the ids are in `asgm stats`)
    assert "166.7–250" in text and "= 10 t (2020) × 1,000,000 g/t ÷ 40,000–60,000 people" in text


def test_compare_exact_values_and_unknowns() -> None:
    records = run_json("compare", "peru", "ghana", "--indicators", "asgm_gold_output,asgm_employment,mercury_per_gold",
                       "--json")
    got = [(r["indicator"], r["country"], r["kind"], r["value"], r["qualifier"], r["year"]) for r in records]
    assert got == [
        ("asgm_gold_output", "peru", "figure", 38.7, None, None),
        ("asgm_gold_output", "ghana", "figure", 59.1, None, 2024),  # 1.9 Moz, compared in t/yr
        ("asgm_employment", "peru", "figure", 100000, None, 2019),
        ("asgm_employment", "ghana", "figure", 1000000, "approximately", None),  # UNDP (2023), said latest
        ("mercury_per_gold", "peru", "statistic", 3.747, None, None),
        ("mercury_per_gold", "ghana", "statistic", 0.8461, "at_least", None),  # ≥ 50 t ÷ 1.9 Moz (59.1 t)
    ]
    assert records[0]["source"] == "https://www.planetgold.org/peru"
    assert [(r["unit"], r["given_value"], r["given_unit"]) for r in records[:2]] == [("t/yr", 38.7, "t/yr"),
                                                                                     ("t/yr", 1.9, "Moz")]


def test_compare_all_invents_no_number() -> None:
    records = run_json("compare", "--all", "--json")
    assert sorted({r["country"] for r in records}) == COUNTRIES
    figures = {(r["country"], r["id"]): r for r in run_json("figures", "--headline", "--json")}
    stats = {(c, s["id"]): s for c in COUNTRIES for s in run_json("stats", c, "--json")}
    for r in records:
        key = (r["country"], r["indicator"])
        if r["kind"] == "figure" and figures[key]["unusable"]:  # never compared (Sierra Leone's ounces of 2024)
            assert (r["given_value"], r["given_unit"]) != (figures[key]["value"], figures[key]["unit"])
        elif r["kind"] == "figure":  # as given; in the row's unit where that differs (tests/test_units.py)
            assert (r["given_value"], r["given_low"], r["given_high"], r["given_unit"]) == tuple(
                figures[key][k] for k in ("value", "low", "high", "unit"))
            if r["unit"] == r["given_unit"]:
                assert (r["value"], r["low"], r["high"]) == (r["given_value"], r["given_low"], r["given_high"])
        elif r["kind"] == "statistic" and r["status"] == "outside_domain":  # never given as a value
            assert (r["value"], r["low"], r["high"]) == (None, None, None)
            assert "outside_domain" in r["caveats"] == stats[key]["caveats"]
        elif r["kind"] == "statistic":
            assert (r["value"], r["caveats"]) == (stats[key]["value"], stats[key]["caveats"])
        else:
            assert (r["value"], r["low"], r["high"]) == (None, None, None)
            assert key not in figures and key not in stats


def test_compare_table_splits_to_fit_and_shows_dashes() -> None:
    result = run("compare", "--all", "--format", "table", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert all(len(line) <= 100 for line in result.stdout.splitlines())
    assert "Comparison (1 of " in result.stdout and "—" in result.stdout
    for name in ("Bolivia", "Burkina Faso", "Zimbabwe", "Philippines"):
        assert name in result.stdout


@pytest.mark.parametrize(("args", "message", "code"), [
    (["compare"], "asgm: error: name the countries to compare, or use --all\n", 2),
    (["compare", "peru", "--all"], "asgm: error: give countries or --all, not both\n", 2),
    (["compare", "peru", "--indicators", "asgm_gold_outptu"],
     "asgm: error: unknown indicator 'asgm_gold_outptu'; did you mean 'asgm_gold_output', "
     "'asgm_share_of_national_output' or 'asgm_share_of_gold_exports'? (asgm indicators lists every indicator)\n", 1),
    (["rank", "golld"], "asgm: error: unknown indicator 'golld' (asgm indicators lists every indicator)\n", 1),
    (["compare", "peru", "ghana", "--indicators", "gold"], "asgm: error: unknown indicator 'gold'; did you mean "
     "'asgm_gold_output', 'asgm_share_of_national_gold' or 'national_gold_production'? (asgm indicators lists every "
     "indicator)\n", 1),
])
def test_compare_and_rank_errors(args: list[str], message: str, code: int) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message)


def test_rank_orders_and_lists_unknowns_apart() -> None:
    records = run_json("rank", "asgm_employment", "--json")
    known = [(r["position"], r["country"]) for r in records if r["position"] is not None]
    assert known == [(1, "indonesia"), (2, "ghana"), (2, "madagascar"), (4, "burkina_faso"), (5, "colombia"),
                     (6, "kenya"), (6, "zimbabwe"), (8, "bolivia"), (9, "peru"), (10, "uganda"),
                     (11, "guyana"), (12, "honduras")]
    assert [(r["country"], r["status"]) for r in records if r["position"] is None] == [
        ("mongolia", "range"), ("cote_d_ivoire", "unknown"), ("ecuador", "unknown"), ("philippines", "unknown"),
        ("sierra_leone", "unknown"), ("suriname", "unknown")]
    assert [r["country"] for r in run_json("rank", "asgm_employment", "--top", "2", "--json")] == ["indonesia", "ghana"]


def test_rank_orders_gold_in_different_units_by_tonnes() -> None:
    records = run_json("rank", "asgm_gold_output", "--json")
    got = [(r["position"], r["country"], r["value"], r["unit"], r["given_value"], r["given_unit"])
           for r in records if r["position"] in (1, 2, 6, 8, 9, 10)]
    # 1.9 Moz = 59.1 t ranks above 50 t; 475,820 oz = 14.8 t above 12.7 t; 1,800 kg and 730 kg below 7.6 t
    assert got == [(1, "ghana", 59.1, "t/yr", 1.9, "Moz"), (2, "burkina_faso", 50, "t/yr", 50, "t/yr"),
                   (6, "suriname", 14.8, "t/yr", 475820, "oz"), (8, "guyana", 7.6, "t/yr", 7.6, "t/yr"),
                   (9, "honduras", 1.8, "t/yr", 1800, "kg/yr"), (10, "cote_d_ivoire", 0.73, "t/yr", 730, "kg")]


def test_a_world_rank_ranks_smallest_first() -> None:
    records = run_json("rank", "world_gold_rank", "--json")
    assert [(r["position"], r["country"], r["value"]) for r in records[:3]] == [
        (1, "peru", 6), (2, "ghana", 11), (3, "burkina_faso", 14)]


def test_equal_values_share_a_position(tmp_path) -> None:
    for cid in ("aland", "bland"):
        write_profile(tmp_path, MINIMAL.replace("testland", cid).replace("Testland", cid.title()), f"{cid}.yaml")
    records = run_json("rank", "asgm_gold_output", "--json", "--data-dir", str(tmp_path))
    ten = [(r["position"], r["country"]) for r in records if r["value"] == 10]
    assert ten == [(8, "aland"), (8, "bland")]  # after the seven countries with more than 10 t (not Indonesia's range)


def test_rank_bars_follow_the_values() -> None:
    result = run("rank", "asgm_gold_output", "--format", "table", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    bars = {line.split()[1]: (line.count("█"), line.count("░")) for line in result.stdout.splitlines() if "█" in line}
    full = bars["Ghana"][0]  # 1.9 Moz (59.09 t), the largest
    # Burkina Faso 50 t, Bolivia 46, Peru 38.7: in proportion, gold in tonnes
    for name, tonnes in (("Burkina", 50), ("Bolivia", 46), ("Peru", 38.7)):
        assert bars[name] == (round(tonnes / (1.9 * 31.1034768) * full), 0), name
    assert "Indonesia" not in bars
    assert "Unknown for: Colombia, Ecuador, Kenya" in result.stdout


def test_rank_orders_by_each_records_own_value_and_sets_ranges_apart() -> None:
    """Indonesia's 50-100 t straddles Ghana's 59.1 t: no order between them is true, so the range
    gets no position; the note says which positions it spans."""
    records = run_json("rank", "asgm_gold_output", "--json")
    ranked = [r for r in records if r["position"] is not None]
    indonesia = next(r for r in records if r["country"] == "indonesia")
    assert (indonesia["position"], indonesia["status"], indonesia["low"], indonesia["high"], indonesia["note"]) == (
        None, "range", 50, 100, "Its range spans positions 1 to 2.")
    assert records.index(indonesia) == len(ranked)  # right after the ranked ones, before the unknowns
    table = run("rank", "asgm_gold_output", "--format", "table", env={"COLUMNS": "120"}).stdout
    assert ("A range, not ranked against single values: Indonesia ~ 50–100 t/yr (its range spans positions 1 "
            "to 2)") in table
    assert "Indonesia  " not in table.split("A range")[0]  # no bar


def test_a_range_that_misses_every_value_falls_at_one_position(tmp_path) -> None:
    for cid, value in (("aland", "value: 10"), ("bland", "value: null\n    low: 4\n    high: 6")):
        write_profile(tmp_path, MINIMAL.replace("testland", cid).replace("Testland", cid.title())
                      .replace("value: 10", value, 1), f"{cid}.yaml")
    records = {r["country"]: r for r in run_json("rank", "asgm_gold_output", "--json", "--data-dir", str(tmp_path))}
    assert (records["bland"]["status"], records["bland"]["position"]) == ("range", None)
    assert records["aland"]["position"] == 8  # after the seven countries with more than 10 t
    assert records["bland"]["note"] == "Its range falls at position 10."  # between Guyana's 7.6 t and Honduras's 1.8 t


def test_sources_say_what_each_supports() -> None:
    records = {r["id"]: r for r in run_json("sources", "peru", "--json")}
    assert records["planetgold-peru"]["number"] == 1
    assert records["planetgold-peru"]["supports"][:9] == [
        "livelihoods", "world_gold_rank", "asgm_gold_output", "asgm_mercury_emissions", "asgm_miners",
        "asgm_share_of_gold_exports", "andean_extreme_poverty", "informal_price_share", "planetgold_peru"]
    assert records["snmpe-2023"]["supports"] == ["national_gold_production[2021]", "national_gold_production[2022]",
                                                 "national_gold_production[2023]"]
    assert records["usaid-madre-de-dios"]["supports"] == ["asgm_gold_output[2019]", "asgm_share_of_national_gold[2019]"]
    n = records["snmpe-2023"]["number"]
    csv_out = run("sources", "peru", "--csv", "--fields", "number,supports").stdout
    assert csv_out.splitlines()[n] == (f"{n},national_gold_production[2021]; national_gold_production[2022]; "
                                       "national_gold_production[2023]")


def test_user_profile_replaces_bundled_and_list_says_where_from(tmp_path, monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    peru = (ROOT / "data" / "peru.yaml").read_text(encoding="utf-8")
    write_profile(first, peru.replace("value: 38.7", "value: 27.7"), "peru.yaml")
    write_profile(second, peru.replace("value: 38.7", "value: 40"), "peru.yaml")
    assert run("get", "peru", "asgm_gold_output", "--data-dir", str(first)).stdout == "27.7\n"
    monkeypatch.setenv("ASGM_DATA_PATH", f"{second}:{first}")
    assert run("get", "peru", "asgm_gold_output").stdout == "40\n"  # the first directory on the path wins
    assert run("get", "peru", "asgm_gold_output", "--data-dir", str(first)).stdout == "27.7\n"  # --data-dir first
    listed = {r["id"]: r["origin"] for r in run_json("list", "--json")}
    assert listed["peru"] == str(second) and listed["ghana"] == "bundled"


def test_validate_reports_every_problem_with_its_position(tmp_path) -> None:
    text = (MINIMAL.replace("iso2: TL", "iso2: tl").replace("    value: 10\n", "    low: 9\n    high: 3\n")
            .replace("    source: src\n", "    source: scr\n", 1))
    path = write_profile(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:7: iso2: 'tl' does not match the pattern [A-Z]{{2}}",
        f"{path}:10:10: figures[0].low: low (9) is above high (3)",
        f"{path}:15:13: figures[0].source: no source has the id 'scr'; did you mean 'src'?",
    ]
    assert result.stderr == "asgm: error: 3 problems in 1 of 1 file\n"


def test_validate_json_and_directories(tmp_path) -> None:
    write_profile(tmp_path, MINIMAL)
    write_profile(tmp_path, MINIMAL.replace("id: testland", "id: other"), "wrong.yaml")
    result = run("validate", str(tmp_path), str(tmp_path / "missing.yaml"), "--json")
    assert result.exit_code == 1
    reports = json.loads(result.stdout)
    assert [(r["file"].rsplit("/", 1)[-1], r["valid"]) for r in reports] == [
        ("testland.yaml", True), ("wrong.yaml", False), ("missing.yaml", False)]
    assert reports[1]["problems"] == [{"line": 1, "column": 5, "field": "id",
                                       "message": "the id 'other' must match the file name 'wrong.yaml'"}]
    assert reports[2]["problems"] == [{"line": None, "column": None, "field": None, "message": "no such file"}]
    ok = run("validate", str(tmp_path / "testland.yaml"))
    assert (ok.exit_code, ok.stdout, ok.stderr) == (0, f"{tmp_path / 'testland.yaml'}: valid\n", "")


def test_every_bundled_profile_is_valid() -> None:
    result = run("validate", str(ROOT / "data"))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(COUNTRIES)


def test_template_is_a_skeleton_that_validate_explains(tmp_path) -> None:
    result = run("template", "Côte d'Ivoire")
    assert result.exit_code == 0
    assert "id: cote_d_ivoire\n" in result.stdout and 'name: "Côte d\'Ivoire"\n' in result.stdout
    path = tmp_path / "cote_d_ivoire.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    lines = run("validate", str(path)).stdout.splitlines()
    assert lines[0] == f"{path}:10:7: iso2: must not be empty"
    assert f"{path}:33:5: figures[0]: missing required field 'value' (a figure has a value or a low-high range)" in lines


def test_template_refuses_a_name_without_letters() -> None:
    result = run("template", "123")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("asgm: error: cannot make a profile id from '123'")


def test_validate_an_empty_directory_is_a_problem(tmp_path) -> None:
    result = run("validate", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, f"{tmp_path}: no profile files (*.yaml) in this directory\n", "asgm: error: 1 problem in 1 of 1 file\n")
