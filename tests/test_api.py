"""The Python API: the commands' records as Python objects, the same errors, typed, and light to import."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import asgm_cli
from conftest import MINIMAL, ROOT, run, run_json, write_profile


def _python(code: str) -> str:
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd="/")
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_import_loads_nothing_heavy() -> None:
    # The `asgm` console script imports this package first: what it adds is start-up for every command.
    out = _python("import sys; before = set(sys.modules); import asgm_cli; "
                  "print(sorted(set(sys.modules) - before)); print(asgm_cli.__version__)")
    added, version = out.splitlines()
    assert added == "['asgm_cli']"
    assert version == "0.1.0"


def test_using_the_api_loads_no_rich_typer_or_pandas() -> None:
    out = _python("import sys, asgm_cli; asgm_cli.figures('peru'); asgm_cli.stats('peru'); asgm_cli.check('peru'); "
                  "print(sorted(m for m in ('rich', 'typer', 'pandas', 'click') if m in sys.modules))")
    assert out == "[]\n"


def test_records_are_the_commands_json() -> None:
    assert asgm_cli.figures("peru") == run_json("figures", "peru", "--json")
    assert asgm_cli.figures(["peru", "ghana"], year=2022, headline=True) == run_json(
        "figures", "peru", "ghana", "--year", "2022", "--headline", "--json")
    assert asgm_cli.figures() == run_json("figures", "--json")
    assert asgm_cli.stats("peru", gold_price=2000) == run_json("stats", "peru", "--gold-price", "2000", "--json")
    assert asgm_cli.stats("peru", all_years=True) == run_json("stats", "peru", "--all-years", "--json")
    assert asgm_cli.stats("PE", year=2019) == run_json("stats", "peru", "--year", "2019", "--json")
    checked = run("check", "bolivia", "peru", "--json")
    # Bolivia's undated 1,406 gold cooperatives against planetGOLD's ~1,700 (2022) is one of the warnings
    assert (checked.exit_code, checked.stderr) == (0, "asgm: 14 warnings, 5 notes in 2 profiles\n")
    assert asgm_cli.check(["bolivia", "peru"]) == json.loads(checked.stdout)
    assert asgm_cli.profiles() == run_json("list", "--json")


def test_exact_values() -> None:
    profile = asgm_cli.load("Perú")
    assert (profile.id, profile.iso3) == ("peru", "PER")
    gold = profile.figure("asgm_gold_output")
    assert gold is not None and (gold.value, gold.unit, gold.year) == (38.7, "t/yr", None)
    share = next(r for r in asgm_cli.stats("peru") if r["id"] == "asgm_share_of_national_output")
    assert (share["value"], share["unit"], share["year"]) == (21.56, "%", 2019)  # the latest same-year pair
    assert [r["id"] for r in asgm_cli.profiles()][:3] == ["bolivia", "burkina_faso", "colombia"]


def test_a_country_string_is_one_country() -> None:
    assert asgm_cli.figures("peru") == asgm_cli.figures(["peru"])
    assert asgm_cli.check("peru") == asgm_cli.check(["peru"])


def test_data_dirs_take_paths(tmp_path: Path) -> None:
    write_profile(tmp_path, MINIMAL)
    for dirs in ([tmp_path], [str(tmp_path)], tmp_path):
        rows = asgm_cli.figures("testland", data_dirs=dirs)  # type: ignore[arg-type]
        assert [(r["id"], r["value"], r["year"]) for r in rows] == [("asgm_gold_output", 10, 2020)]


@pytest.mark.parametrize(("call", "kind", "message"), [
    (lambda: asgm_cli.load("atlantis"), asgm_cli.LookupFailed, "'atlantis' is not a planetGOLD country with a profile"),
        (lambda: asgm_cli.load("peur"), asgm_cli.LookupFailed, "unknown country 'peur'; did you mean 'peru' or 'ecuador'?"),
        (lambda: asgm_cli.figure("peru", "nope"), asgm_cli.LookupFailed, "Peru has no figure 'nope'"),
        (lambda: asgm_cli.figure("peru", "gold"), asgm_cli.LookupFailed, "Peru has no figure 'gold'; did you mean "
         "'asgm_gold_output', 'asgm_share_of_national_gold' or 'national_gold_production'?"),
    (lambda: asgm_cli.load("peru", data_dirs=["/nonexistent-asgm"]), asgm_cli.LookupFailed,
     "/nonexistent-asgm: data directory does not exist"),
    (lambda: asgm_cli.stats("peru", year=2022, all_years=True), asgm_cli.UsageFailed,
     "choose year or all_years, not both"),
    (lambda: asgm_cli.stats("peru", gold_price=0), asgm_cli.UsageFailed,
     "gold_price must be a positive number of USD per troy ounce, got 0"),
    (lambda: asgm_cli.stats("peru", year=1999), asgm_cli.LookupFailed,
     "Peru has no figure for 1999; years on file: 2005, 2009, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023"),
    (lambda: asgm_cli.figures(["peru"], year=1999), asgm_cli.LookupFailed, "Peru has no figure for 1999; years on file: "
     "2005, 2009, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023"),
    (lambda: asgm_cli.check(stale_years=-1), asgm_cli.UsageFailed, "stale_years must be at least 0, got -1"),
])
def test_errors_carry_plain_messages(call, kind, message: str) -> None:
    with pytest.raises(kind) as info:
        call()
    assert str(info.value) == message
    assert isinstance(info.value, asgm_cli.AsgmError)


def test_a_bad_profile_raises_data_error_with_its_position(tmp_path: Path) -> None:
    write_profile(tmp_path, MINIMAL.replace("value: 10", "value: abc"))
    with pytest.raises(asgm_cli.DataError) as info:
        asgm_cli.load("testland", data_dirs=[tmp_path])
    assert str(info.value) == f"{tmp_path}/testland.yaml:10:12: figures[0].value: expected a number, got 'abc'"
    assert (info.value.line, info.value.column, info.value.field) == (10, 12, "figures[0].value")


def test_functions_keep_their_names_against_submodules() -> None:
    import asgm_cli.check  # noqa: F401  the import system would set the attribute to the module
    import asgm_cli.stats  # noqa: F401

    assert callable(asgm_cli.check) and asgm_cli.check.__module__ == "asgm_cli.api"
    assert callable(asgm_cli.stats) and asgm_cli.stats.__module__ == "asgm_cli.api"
    from asgm_cli.check import SEVERITIES

    assert SEVERITIES == ("error", "warning", "note")


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="module 'asgm_cli' has no attribute 'nope'"):
        asgm_cli.nope  # type: ignore[attr-defined]  # noqa: B018


def test_to_dataframe() -> None:
    frame = asgm_cli.to_dataframe(asgm_cli.figures("peru", headline=True))
    assert list(frame.columns) == list(asgm_cli.figures("peru")[0])
    assert len(frame) == 14  # Peru has 14 figure ids, national production among them
    assert str(frame["year"].dtype) == "Int64"
    assert frame.loc[frame.id == "national_gold_production", "year"].tolist() == [2023]
    assert asgm_cli.to_dataframe([]).shape == (0, 0)


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(asgm_cli.AsgmError, match=r"^to_dataframe needs pandas: pip install 'asgm\[pandas\]'$"):
        asgm_cli.to_dataframe([])


def test_mypy_strict_passes_on_an_example() -> None:
    example = ROOT / "tests" / "typed" / "api_example.py"
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary",
                        str(example)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")


def test_mypy_catches_a_misuse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import asgm_cli\n\nn: int = asgm_cli.load('peru')\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary", str(bad)],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert p.returncode == 1
    assert 'Incompatible types in assignment (expression has type "Profile", variable has type "int")' in p.stdout


def test_wheel_ships_py_typed(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                        str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=120)
    if p.returncode != 0 and "hatchling" in p.stderr:  # no build backend in this environment: isolate
        p = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    (wheel,) = tmp_path.glob("asgm-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "asgm_cli/py.typed" in names and "asgm_cli/api.py" in names


def test_records_are_json_serialisable() -> None:
    json.dumps(asgm_cli.stats("peru", all_years=True), allow_nan=False)
