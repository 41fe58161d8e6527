"""Property tests: generated and mutated profiles never crash asgm.

Whatever a profile file holds, ``asgm validate`` and ``asgm show --data-dir`` end with exit 0 or
1 and no traceback. The examples per test are few so the suite stays fast; ``scripts/fuzz``
runs many more (ASGM_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, run

EXAMPLES = int(os.environ.get("ASGM_FUZZ_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                             max_size=4), max_leaves=12)
FIELDS = ["id", "name", "iso2", "iso3", "region", "summary", "figures", "sources", "production", "targets"]
FIGURE_FIELDS = ["id", "label", "value", "low", "high", "unit", "qualifier", "year", "source", "quote", "note", "scope"]


def check(text: str | bytes) -> None:
    """Write the profile, then validate it and show it: exit 0 or 1, one error line, no traceback."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "testland.yaml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        for args in (["validate", str(path)], ["show", "testland", "--data-dir", d, "--format", "text"]):
            result = run(*args)
            assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
            assert "Traceback" not in result.stderr
            if result.exit_code == 1 and args[0] == "show":
                assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr


@SETTINGS
@given(st.integers(0, len(MINIMAL)), st.integers(0, 20), st.text(max_size=20))
def test_text_mutations(at: int, cut: int, insert: str) -> None:
    check(MINIMAL[:at] + insert + MINIMAL[at + cut:])


@SETTINGS
@given(st.binary(max_size=200), st.integers(0, len(MINIMAL)))
def test_byte_mutations(junk: bytes, at: int) -> None:
    data = MINIMAL.encode()
    check(data[:at] + junk + data[at:])


@SETTINGS
@given(st.sampled_from(FIELDS), values)
def test_top_level_field_replaced(field: str, value) -> None:
    import json

    import yaml

    doc = yaml.safe_load(MINIMAL)
    doc[field] = value
    check(json.dumps(doc, allow_nan=True).replace("NaN", ".nan").replace("-Infinity", "-.inf").replace("Infinity", ".inf"))


@SETTINGS
@given(st.sampled_from(FIGURE_FIELDS), values)
def test_figure_field_replaced(field: str, value) -> None:
    import json

    import yaml

    doc = yaml.safe_load(MINIMAL)
    doc["figures"][0][field] = value
    check(json.dumps(doc, allow_nan=True).replace("NaN", ".nan").replace("-Infinity", "-.inf").replace("Infinity", ".inf"))


# --- The full path (issue 25): valid-looking profiles through every command that computes or prints ---

GOLD = ["t", "t/yr", "kg", "oz", "Moz"]
IDS = {"asgm_gold_output": GOLD, "national_gold_production": GOLD, "asgm_share_of_national_gold": ["%"],
       "asgm_miners": ["people"], "asgm_employment": ["people"], "livelihoods": ["people"],
       "asgm_mercury_emissions": ["t/yr", "t"], "informal_price_share": ["%"], "world_gold_rank": ["rank"],
       "own_mass": GOLD}
numbers = st.one_of(st.integers(0, 10**15), st.floats(0, 1e15), st.floats(1e-300, 1e-3), st.sampled_from([0, 1e15, 5e-324]))
labels = st.one_of(st.just("A figure"), st.text(max_size=12))


@st.composite
def observations(draw) -> dict:
    fid = draw(st.sampled_from(sorted(IDS)))
    unit = draw(st.sampled_from(IDS[fid]))
    value = draw(numbers)
    if unit == "%":
        value = min(value, 100)
    if unit == "rank":
        value = max(1, int(min(value, 200)))
    f = {"id": fid, "unit": unit, "qualifier": draw(st.sampled_from([None, "approximately", "at_most", "at_least"])),
         "year": draw(st.one_of(st.none(), st.integers(1995, 2025))), "source": draw(st.sampled_from(["a", "b", "c"])),
         "quote": "q"}
    if unit not in ("%", "rank") and draw(st.booleans()):
        low, high = sorted((value, draw(numbers)))
        f.update(low=low, high=high)
    else:
        f["value"] = value
    if fid == "own_mass":
        f["label"] = draw(labels)
    return f


def strict_json(text: str):
    """JSON that holds no NaN or infinity (Python's json reads both by default)."""
    import json

    def refuse(name: str):
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


def full_path(doc: dict) -> None:
    """Validate, then every command that derives, checks, formats, draws, ranks or gets: no traceback."""
    import json

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "testland.yaml").write_text(json.dumps(doc), encoding="utf-8")
        valid = run("validate", str(Path(d) / "testland.yaml"))
        assert valid.exit_code in (0, 1) and valid.exception is None or isinstance(valid.exception, SystemExit)
        if valid.exit_code:
            return
        ids = sorted({f["id"] for f in doc["figures"]})
        data = ["--data-dir", d]
        runs = [["show", "testland", "--format", "text"], ["show", "testland", "--json", "--gold-price", "1000000"],
                ["stats", "testland", "--json", "--gold-price", "2000"], ["stats", "testland", "--all-years", "--json"],
                ["check", "testland", "--json"], ["show", "testland", "--export", "-"],
                ["show", "testland", "--chart", ids[0], "--format", "text"], ["rank", ids[0], "--json"],
                ["get", "testland", ids[-1]], ["get", "testland", "gold_per_miner"]]
        runs += [["figures", "testland", "--format", fmt] for fmt in ("json", "jsonl", "csv", "tsv", "markdown")]
        for args in runs:
            result = run(*args, *data)
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
            assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
            assert "Traceback" not in result.stderr
            if result.exit_code == 0 and "--json" in args:
                strict_json(result.stdout)
            if args[0] == "get" and result.exit_code == 0:
                assert "inf" not in result.stdout and "nan" not in result.stdout


@SETTINGS
@given(st.lists(observations(), min_size=1, max_size=8))
def test_full_path(figures: list) -> None:
    import yaml

    doc = yaml.safe_load(MINIMAL)
    doc["figures"] = figures
    doc["sources"] = [dict(doc["sources"][0], id=s, url=f"https://example.org/{s}") for s in "abc"]
    full_path(doc)
