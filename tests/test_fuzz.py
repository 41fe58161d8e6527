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
