"""``asgm datapackage``: a valid Frictionless package, the commands' rows, byte-identical on every run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import MINIMAL, run, run_json, write_profile

FILES = ["countries.csv", "datapackage.json", "figures.csv", "sources.csv", "statistics.csv", "strategies.csv",
         "targets.csv"]
FRICTIONLESS = str(Path(sys.executable).parent / "frictionless")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "asgm-data"
    result = run("datapackage", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    countries = [r["id"] for r in run_json("list", "--json")]
    figures = len(run_json("figures", "--json"))
    sources = sum(len(run_json("sources", c, "--json")) for c in countries)
    strategies = sum(len(run_json("strategies", c, "--json")) for c in countries)
    targets = sum(len(run_json("show", c, "--json")["targets"]) for c in countries)
    statistics = len((out / "statistics.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert result.stderr == (f"asgm: wrote {out}/datapackage.json: {len(countries)} countries, {figures} figures, "
                             f"{statistics} statistics, {sources} sources, {strategies} strategies, {targets} targets\n")
    return out


def test_files(package: Path) -> None:
    assert sorted(p.name for p in package.iterdir()) == FILES  # no temporary directory left behind


def test_frictionless_validates_it(package: Path) -> None:
    p = subprocess.run([FRICTIONLESS, "validate", "--json", str(package / "datapackage.json")], capture_output=True,
                       text=True, timeout=120)
    report = json.loads(p.stdout)
    assert report["valid"] is True, json.dumps(report["tasks"], indent=1)[:3000]
    assert p.returncode == 0
    assert sorted(t["name"] for t in report["tasks"]) == ["countries", "figures", "sources", "statistics",
                                                          "strategies", "targets"]


def test_frictionless_catches_a_broken_foreign_key(package: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in FILES:
        (broken / name).write_bytes((package / name).read_bytes())
    text = (broken / "figures.csv").read_text(encoding="utf-8")
    (broken / "figures.csv").write_text(text.replace(",planetgold-peru,", ",no-such-source,", 1), encoding="utf-8")
    p = subprocess.run([FRICTIONLESS, "validate", "--json", str(broken / "datapackage.json")], capture_output=True,
                       text=True, timeout=120)
    report = json.loads(p.stdout)
    assert p.returncode == 1
    assert {e["type"] for t in report["tasks"] for e in t["errors"]} == {"foreign-key"}


def test_pandas_rows_match_the_commands(package: Path) -> None:
    ids = [c["id"] for c in run_json("list", "--json")]
    figures = pd.read_csv(package / "figures.csv", keep_default_na=False, na_values=[""])
    assert len(figures) == len(run_json("figures", "--json"))
    assert figures.columns.tolist()[:-1] == list(run_json("figures", "peru", "--json")[0])
    stats = pd.read_csv(package / "statistics.csv", keep_default_na=False, na_values=[""], dtype={"period": str})
    headline = sum(len(run_json("stats", c, "--json")) for c in ids)
    by_year = sum(len(run_json("stats", c, "--all-years", "--json")) for c in ids)
    assert (len(stats), (stats.period == "headline").sum(), (stats.period != "headline").sum()) == (
        headline + by_year, headline, by_year)
    assert len(pd.read_csv(package / "sources.csv")) == sum(len(run_json("sources", c, "--json")) for c in ids)
    assert len(pd.read_csv(package / "strategies.csv")) == sum(len(run_json("strategies", c, "--json")) for c in ids)
    assert len(pd.read_csv(package / "targets.csv")) == sum(len(run_json("show", c, "--json")["targets"]) for c in ids)
    assert pd.read_csv(package / "countries.csv").id.tolist() == ids


def test_exact_rows(package: Path) -> None:
    figures = pd.read_csv(package / "figures.csv", keep_default_na=False, na_values=[""])
    gold = figures[(figures.country == "peru") & (figures.id == "asgm_gold_output") & figures.headline]
    assert gold[["value", "unit", "source_id", "entry"]].values.tolist() == [[38.7, "t/yr", "planetgold-peru", 7]]
    stats = pd.read_csv(package / "statistics.csv", keep_default_na=False, na_values=[""], dtype={"period": str})
    share = stats[(stats.country == "peru") & (stats.id == "asgm_share_of_national_output")]
    # the headline is the latest same-year pair, 2019's
    assert share.set_index("period").loc[["headline", "2014", "2019"], "value"].tolist() == [21.56, 28.57, 21.56]
    mercury = stats[(stats.country == "peru") & (stats.id == "mercury_per_gold") & (stats.period == "headline")]
    assert mercury.value.tolist() == [3.747]  # from undated inputs: only the headline rows have it


def test_descriptor(package: Path) -> None:
    d = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert (d["name"], d["version"], d["asgm"]) == ("asgm-profiles", "0.1.0", {"version": "0.1.0", "profiles": 18})
    assert d["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                              "title": "Creative Commons Attribution 4.0 International"}]
    urls = sorted(set(pd.read_csv(package / "sources.csv").url))
    assert [s["path"] for s in d["sources"]] == urls
    figures = next(r for r in d["resources"] if r["name"] == "figures")["schema"]
    assert figures["primaryKey"] == ["country", "entry"]
    assert figures["missingValues"] == [""]
    assert {"fields": ["country", "source_id"], "reference": {"resource": "sources", "fields": ["country", "id"]}} \
        in figures["foreignKeys"]
    field = {f["name"]: f for f in figures["fields"]}
    assert field["qualifier"]["constraints"]["enum"] == ["approximately", "at_most", "at_least", "approximately_at_most",
                                                         "approximately_at_least"]
    assert "Moz: million troy ounces" in field["unit"]["description"]
    assert field["year"]["type"] == "integer" and field["headline"]["type"] == "boolean"


def test_byte_identical_twice(package: Path, tmp_path: Path) -> None:
    again = run("datapackage", str(tmp_path / "again"))
    assert again.exit_code == 0
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == (package / name).read_bytes(), name


def test_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("datapackage", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"asgm: error: {tmp_path} is not empty; use --force to replace the package's files in it\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_force_replaces_the_package_and_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "figures.csv").write_text("old", encoding="utf-8")
    result = run("datapackage", str(tmp_path), "--force")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES + ["notes.txt"])
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8").startswith("country,kind,id,")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_creates_missing_parents(tmp_path: Path) -> None:
    result = run("datapackage", str(tmp_path / "a" / "b"))
    assert result.exit_code == 0
    assert (tmp_path / "a" / "b" / "datapackage.json").is_file()


def test_a_file_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("datapackage", str(tmp_path / "file"), "--force")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"asgm: error: cannot write {tmp_path / 'file'}: not a directory\n"


def test_a_bad_profile_writes_nothing(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    write_profile(mine, MINIMAL.replace("value: 10", "value: abc"))
    result = run("datapackage", str(tmp_path / "out"), "--data-dir", str(mine))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"asgm: error: {mine}/testland.yaml:10:12: figures[0].value: expected a number, got 'abc'\n"
    assert not (tmp_path / "out").exists()


def test_own_profiles_join_the_bundled_ones(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    write_profile(mine, MINIMAL)
    result = run("datapackage", str(tmp_path / "out"), "--data-dir", str(mine))
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(tmp_path / "out" / "figures.csv")
    assert rows[rows.country == "testland"][["id", "value", "year", "entry"]].values.tolist() == [
        ["asgm_gold_output", 10, 2020, 0]]
