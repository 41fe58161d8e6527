"""Figures over time: observations per (year, source), the headline rule, --year, per-year statistics."""

from __future__ import annotations

import pytest

from conftest import MINIMAL, run, run_json, write_profile

HEAD = MINIMAL.split("figures:\n", 1)[0] + "figures:\n"  # the minimal profile's header, no figures
SOURCES = """\
sources:
  - id: a
    title: Source A
    publisher: Tests
    url: https://example.org/a
    accessed: "2026-11-26"
  - id: b
    title: Source B
    publisher: Tests
    url: https://example.org/b
    accessed: "2026-11-26"
"""


def obs(fid: str, value: float, unit: str, year: int | None, source: str = "a", extra: str = "") -> str:
    """One observation, its number in its quote."""
    y = "null" if year is None else year
    return (f"  - id: {fid}\n    value: {value}\n    unit: \"{unit}\"\n    qualifier: null\n    year: {y}\n"
            f"    source: {source}\n    quote: \"{value} {unit}\"\n{extra}")


def profile(tmp_path, *observations: str) -> str:
    write_profile(tmp_path, HEAD + "".join(observations) + SOURCES)
    return str(tmp_path)


# A national production series in four units, two sources for 2021, ASGM output for 2020 and undated.
SERIES = (
    obs("national_gold_production", 50000, "kg", 2019),
    obs("national_gold_production", 1600000, "oz", 2020),
    obs("national_gold_production", 1.5, "Moz", 2021),
    obs("national_gold_production", 45, "t", 2021, "b", "    basis: exports\n    basis_note: exported gold\n"),
    obs("asgm_gold_output", 10, "t", 2020, "a", "    basis: declarations\n    basis_note: small-scale deliveries\n"),
    obs("asgm_gold_output", 12, "t/yr", None, "b"),
    obs("asgm_miners", 1000, "people", None),
)


def test_headline_is_the_latest_year_then_the_preferred_one_then_the_undated_one(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    heads = {r["id"]: r for r in run_json("figures", "testland", "--headline", "--json", "--data-dir", d)}
    # latest: 2021, and of its two sources the first in file order
    assert (heads["national_gold_production"]["value"], heads["national_gold_production"]["year"]) == (1.5, 2021)
    # a dated observation beats an undated one
    assert (heads["asgm_gold_output"]["value"], heads["asgm_gold_output"]["year"]) == (10, 2020)
    assert (heads["asgm_miners"]["value"], heads["asgm_miners"]["year"]) == (1000, None)  # only undated
    assert all(r["headline"] for r in heads.values())

    preferred = SERIES[:5] + (obs("asgm_gold_output", 12, "t/yr", None, "b", "    preferred: true\n"),) + SERIES[6:]
    d = profile(tmp_path, *preferred)
    assert run("get", "testland", "asgm_gold_output", "--data-dir", d).stdout == "12\n"


def test_every_observation_is_a_record_oldest_first_and_two_sources_of_a_year_are_both_kept(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    rows = run_json("series", "testland", "production", "--json", "--data-dir", d)
    assert [(r["year"], r["value"], r["unit"], r["source_id"], r["basis"], r["headline"]) for r in rows] == [
        (2019, 50000, "kg", "a", None, False),
        (2020, 1600000, "oz", "a", None, False),
        (2021, 1.5, "Moz", "a", None, True),
        (2021, 45, "t", "b", "exports", False),
    ]
    gold = run_json("series", "testland", "asgm_gold_output", "--json", "--data-dir", d)
    assert [(r["year"], r["value"]) for r in gold] == [(2020, 10), (None, 12)]  # undated last
    assert len(run_json("figures", "testland", "--json", "--data-dir", d)) == 7


def test_series_of_an_unknown_id_suggests(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    result = run("series", "testland", "asgm_gold", "--data-dir", d)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("asgm: error: Testland has no figure 'asgm_gold'; did you mean 'asgm_gold_output' or "
                             "'asgm_miners'? (asgm indicators lists every indicator)\n")


def test_units_of_a_series_convert_to_tonnes_in_statistics(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    stats = run_json("stats", "testland", "--all-years", "--json", "--data-dir", d)
    shares = {s["year"]: s for s in stats if s["id"] == "asgm_share_of_national_output"}
    # 2020: 10 t ÷ 1.6 Moz (49.766 t); the undated 12 t fills no year (it made 24 % of 2019 and 25.72 % of 2021)
    assert {y: s["value"] for y, s in shares.items()} == {2020: 20.09}
    assert shares[2020]["formula"] == "asgm_gold_output ÷ national_gold_production[2020] × 100 (oz converted to t)"
    assert shares[2020]["note"] is None
    # every per-year record's inputs are of its year: none is undated
    assert all(i["year"] == s["year"] for s in stats for i in s["inputs"] if i["id"] in (
        "asgm_gold_output", "national_gold_production", "asgm_miners")), stats
    # gold per miner: the miners have no year, so no year has a pair
    assert [s for s in stats if s["id"] == "gold_per_miner"] == []


def test_a_statistic_whose_inputs_count_different_things_says_so(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    share = next(s for s in run_json("stats", "testland", "--year", "2020", "--json", "--data-dir", d)
                 if s["id"] == "asgm_share_of_national_output")
    assert (share["note"], share["caveats"]) == (None, ["scope_unstated"])  # only one input has a basis

    def share_of_2020(lines: str) -> dict | None:
        total = obs("national_gold_production", 1600000, "oz", 2020, "a", lines)
        d = profile(tmp_path, *SERIES[:1], total, *SERIES[2:])
        return next((s for s in run_json("stats", "testland", "--year", "2020", "--json", "--data-dir", d)
                     if s["id"] == "asgm_share_of_national_output"), None)

    # a total that includes small-scale output: no caveat; one that does not say: scope_unstated
    assert share_of_2020("    scope: all_sectors\n")["caveats"] == []  # type: ignore[index]
    # an industrial-only total is no denominator for a share of national output: no share at all
    assert share_of_2020("    scope: industrial\n") is None
    assert share_of_2020("    scope: small_scale\n") is None
    # bases: declarations over production differ; over declarations they do not
    differ = share_of_2020("    basis: production\n    scope: all_sectors\n")
    assert (differ["caveats"], differ["note"]) == (["bases_differ"], (  # type: ignore[index]
        "Its inputs count different things (Gold produced by ASGM: declarations; National gold production: production)."))
    assert share_of_2020("    basis: declarations\n    scope: all_sectors\n")["caveats"] == []  # type: ignore[index]


def test_peru_all_years_gives_the_share_for_each_year_with_both_inputs() -> None:
    stats = run_json("stats", "peru", "--all-years", "--json")
    shares = [s for s in stats if s["id"] == "asgm_share_of_national_output"]
    # only the years with an ASGM output of their own; the undated 38.7 t fills none
    assert [s["year"] for s in shares] == [2014, 2016, 2019]
    s2019 = next(s for s in shares if s["year"] == 2019)
    assert s2019["value"] == 21.56  # 27.7 t ÷ 4.13 Moz, both of 2019
    assert [(i["value"], i["unit"], i["year"]) for i in s2019["inputs"]] == [(27.7, "t", 2019), (4.13, "Moz", 2019)]


SCOPE_UNSTATED = ("asgm: note: peru asgm_share_of_national_output: the national total does not say whether it "
                  "includes small-scale output (scope_unstated)\n")


@pytest.mark.parametrize(("args", "out", "err"), [
    (["get", "peru", "asgm_gold_output", "--year", "2019"], "27.7\n", ""),
    (["get", "peru", "asgm_gold_output", "--year", "2023"], "38.7\n", ""),  # no 2023 output: the undated one
    (["get", "peru", "national_gold_production", "--year", "2020", "--as-given"], "3.08\n", ""),
    (["get", "peru", "asgm_share_of_national_output", "--year", "2019"], "21.56\n", SCOPE_UNSTATED),
    (["get", "peru", "asgm_share_of_national_output"], "21.56\n", SCOPE_UNSTATED),  # the latest same-year pair
])
def test_get_with_a_year(args: list[str], out: str, err: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, out, err)


def test_figures_for_a_year_use_that_year_else_the_undated_one_never_another_year() -> None:
    rows = run_json("figures", "peru", "--year", "2019", "--json")
    got = {(r["id"], r["year"]) for r in rows}
    assert ("asgm_gold_output", 2019) in got and ("asgm_gold_output", None) not in got
    assert ("national_gold_production", 2019) in got
    assert not any(r["year"] not in (2019, None) for r in rows)
    mercury = next(r for r in rows if r["id"] == "asgm_mercury_emissions")
    assert mercury["note"] == "No year or primary source is given. No observation for 2019; this one has no year."
    rows2014 = [r for r in run_json("figures", "peru", "--year", "2014", "--json") if r["id"] == "national_gold_production"]
    assert [r["value"] for r in rows2014] == [140, 150]


@pytest.mark.parametrize("command", [
    ["show", "peru"], ["figures", "peru"], ["stats", "peru"], ["get", "peru", "asgm_gold_output"],
])
def test_a_year_with_no_observation_is_a_lookup_error(command: list[str]) -> None:
    result = run(*command, "--year", "1990")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("asgm: error: Peru has no figure for 1990; years on file: "
                             "2005, 2009, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023\n")


def test_show_for_a_year() -> None:
    out = run("show", "peru", "--year", "2019", "--format", "text", env={"COLUMNS": "120"}).stdout
    assert "values for 2019, else undated ones" in " ".join(out.split())  # the legend may wrap
    production = out.split("National gold production", 1)[1].split("\n\n", 1)[0]
    assert [line.split()[0] for line in production.splitlines() if line[:1].isdigit()] == ["2019"]
    doc = run_json("show", "peru", "--year", "2019", "--json")
    assert {f["year"] for f in doc["figures"]} == {2019, None}


def test_show_says_when_more_observations_exist() -> None:
    out = run("show", "peru", "--format", "text", env={"COLUMNS": "120"}).stdout
    assert "Gold produced by ASGM (+3 years, 4 sources)" in out
    assert "Every observation: asgm series peru ID (e.g. livelihoods); checks: 9 warnings, 1 note (asgm check peru)." in out


def test_compare_and_rank_for_a_year() -> None:
    rows = run_json("compare", "peru", "ghana", "--indicators", "asgm_gold_output", "--year", "2019", "--json")
    assert [(r["country"], r["value"], r["unit"], r["year"], r["given_value"], r["given_unit"]) for r in rows] == [
        ("peru", 27.7, "t/yr", 2019, 27.7, "t"),
        ("ghana", 49.39, "t/yr", 2019, 1.588, "Moz")]  # Ghana: the first of 2019's two, in file order
    heads = run_json("compare", "peru", "--indicators", "asgm_gold_output,national_gold_production", "--json")
    assert [(r["value"], r["year"]) for r in heads] == [(38.7, None), (99.7, 2023)]  # each headline, its year shown
    ranked = run_json("rank", "national_gold_production", "--year", "2019", "--json")
    assert [(r["country"], r["value"], r["unit"], r["year"]) for r in ranked[:3]] == [
        ("ghana", 142.4, "t", 2019), ("peru", 128.5, "t", 2019), ("indonesia", 109, "t", 2019)]
    # only 2019's observations are ranked; an undated one (the Philippines' "30,000 kg in a year") comes after
    # them, with no position, never another year's
    assert {r["year"] for r in ranked if r["position"] is not None} == {2019}
    assert [(r["country"], r["value"], r["status"]) for r in ranked if r["status"] == "undated"] == [
        ("philippines", 30, "undated")]


@pytest.mark.parametrize(("extra", "message"), [
    ((obs("asgm_gold_output", 10, "t", 2020), obs("asgm_gold_output", 11, "t", 2020)),
     ":20:13: figures[1].source: a second 'asgm_gold_output' for 2020 from 'a' (also figures[0]); "
     "one source gives one value a year"),
    ((obs("asgm_gold_output", 10, "t", 2020, "a", "    preferred: true\n"),
      obs("asgm_gold_output", 11, "t", 2021, "a", "    preferred: true\n")),
     ":23:16: figures[1].preferred: a second preferred 'asgm_gold_output' (also figures[0]); "
     "mark one observation of an id preferred"),
    ((obs("asgm_gold_output", 10, "people", 2020),),
     ":10:11: figures[0].unit: the shared indicator 'asgm_gold_output' is measured in 't/yr', not 'people'"),
    ((obs("exports", 10, "t", 2020, "a", "    label: Gold exports\n"),
      obs("exports", 10, "USD", 2021, "a", "    label: Gold exports\n")),
     ":18:11: figures[1].unit: 'USD' does not convert to 't', the unit of 'exports' in figures[0]"),
    ((obs("exports", 10, "t", 2020),),
     ":8:5: figures[0]: missing required field 'label' ('exports' is not a shared indicator)"),
])
def test_validate_rejects(tmp_path, extra: tuple[str, ...], message: str) -> None:
    d = profile(tmp_path, *extra)
    result = run("validate", d)
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'testland.yaml'}{message}\n"


def test_validate_explains_the_retired_production_section(tmp_path) -> None:
    old = HEAD + obs("asgm_gold_output", 10, "t", 2020) + ("production:\n  - year: 2020\n    value: 50\n    unit: t\n"
                                                           "    source: a\n    quote: \"50 t\"\n") + SOURCES
    write_profile(tmp_path, old)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (f"{tmp_path / 'testland.yaml'}:15:1: production: the 'production' section is no longer "
                             "read: write each year as an entry of 'figures' with id: national_gold_production (and "
                             "year, value, unit, qualifier, source, quote)\n")


def test_kilograms_ounces_and_million_ounces_convert_in_the_production_table(tmp_path) -> None:
    d = profile(tmp_path, *SERIES)
    out = run("show", "testland", "--format", "text", "--data-dir", d, env={"COLUMNS": "120"}).stdout
    table = out.split("National gold production (* the headline)\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in table.splitlines() if line[:1].isdigit()]
    # tonnes, rounded to 0.1 t from 10 t up; the value as given beside it
    assert [r[:2] for r in rows] == [["2019", "50"], ["2020", "49.8"], ["2021", "*"], ["2021", "45"]]
    assert rows[2][2] == "46.7" and "1.5 Moz" in " ".join(rows[2]) and "1,600,000 oz" in " ".join(rows[1])


@pytest.mark.parametrize("written", ["Côte d'Ivoire", '"Côte d\'Ivoire"', "'Côte d''Ivoire'"])
@pytest.mark.parametrize("asked", ["Côte d'Ivoire", "Cote d'Ivoire", "cote d'ivoire", "CI", "CIV", "civ"])
def test_a_name_with_an_apostrophe_and_accents_is_found(tmp_path, written: str, asked: str) -> None:
    text = (HEAD.replace("id: testland", "id: cote_d_ivoire").replace("name: Testland", f"name: {written}")
            .replace("iso2: TL", "iso2: CI").replace("iso3: TLD", "iso3: CIV")
            + obs("asgm_miners", 1000, "people", None) + SOURCES)
    write_profile(tmp_path, text, "cote_d_ivoire.yaml")
    result = run("get", asked, "asgm_miners", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "1000\n", "")


def test_series_table_says_when_an_undated_figure_was_stated(tmp_path) -> None:
    """No data year: the year the source was published shows as 'stated Y', never as a bare year;
    with neither, the unknown mark."""
    dated = SOURCES.replace('    accessed: "2026-11-26"\n  - id: b', '    accessed: "2026-11-26"\n    published: "2019-03"\n  - id: b')
    write_profile(tmp_path, HEAD + obs("asgm_miners", 500, "people", None, "a") + obs("asgm_miners", 700, "people", None, "b")
                  + obs("asgm_miners", 600, "people", 2021, "a") + dated)
    out = run("series", "testland", "asgm_miners", "--format", "table", "--data-dir", str(tmp_path),
              env={"COLUMNS": "100"}).stdout
    rows = [line.split()[:2] for line in out.splitlines()[2:5]]
    assert rows == [["2021", "*"], ["stated", "2019"], ["—", "700"]]


def test_of_undated_observations_the_headline_is_the_one_said_latest(tmp_path) -> None:
    def head(published_a: str, published_b: str) -> tuple[float, int | None]:
        sources = SOURCES.replace('url: https://example.org/a\n', f'url: https://example.org/a\n{published_a}')
        sources = sources.replace('url: https://example.org/b\n', f'url: https://example.org/b\n{published_b}')
        write_profile(tmp_path, HEAD + obs("asgm_miners", 1000, "people", None, "a")
                      + obs("asgm_miners", 2000, "people", None, "b") + sources)
        [r] = run_json("figures", "testland", "--headline", "--json", "--data-dir", str(tmp_path))
        return r["value"], r["stated"]

    assert head("", "") == (1000, None)  # no source dated: the first in the file
    assert head("", '    published: "2021-05"\n') == (2000, 2021)  # a reader can date the second
    assert head('    published: "2020"\n', '    published: "2021-05"\n') == (2000, 2021)  # said later
    assert head('    published: "2021"\n', '    published: "2021-05"\n') == (1000, 2021)  # same year: the first
    assert head('    published: "2022"\n', '    published: "2021-05"\n') == (1000, 2022)
