"""`asgm schema` and `asgm validate` agree on every hostile input, except on a documented allow-list.

Each case of tests/test_hostile.py goes through `asgm validate` and through what an editor or
check-jsonschema does: a plain YAML loader (PyYAML's safe_load, YAML 1.1, as most Python tools
use) and a JSON Schema validator (jsonschema) with the output of `asgm schema`. A file the
loader cannot read counts as rejected. Where the two verdicts differ, the case must be listed
in GAPS with the reason JSON Schema cannot say the rule; a listed case that agrees fails too,
so the list shrinks when the schema learns a rule and cannot grow unnoticed.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import run
from test_hostile import ACCEPTED, FILE_CASES

#: case -> why the schema cannot agree with validate there (docs/profiles.md lists these rules)
GAPS = {
    # rules across fields or entries: JSON Schema compares a value with constants, not with another value
    "range-low-above-high": "low <= high compares two fields of one entry",
    "undefined-source": "a source reference points at another list's ids",
    "duplicate-figure-id": "one observation per (id, year, source) compares entries with one another",
    "duplicate-source-id": "uniqueItems compares whole entries, not one key of them",
    # what a date is
    "published-no-such-day": "a pattern checks a date's form; that 2023 has no 30 February is the calendar's rule",
    # what a number is
    "nan": "every comparison with NaN is false, so minimum and maximum let it through, and JSON has no NaN",
    # what the reader decides before there is a document: the loader's, not the schema's
    "duplicate-key": "YAML loaders keep the last of two equal keys; the schema sees one key",
    "alias": "the loader expands an alias; the schema sees the copied value",
    "oversize": "the size limit is the reader's; the document inside is valid",
    "utf16": "PyYAML decodes UTF-16 with a byte-order mark; asgm asks for UTF-8",
    "yaml11-octal": "a YAML 1.1 loader reads 0755 as the number 493; asgm reads it as text",
    "yaml11-sexagesimal": "a YAML 1.1 loader reads 1:20 as the number 80; asgm reads it as text",
    # accepted by asgm, rejected through a YAML 1.1 loader (YAML 1.2 editors read these as asgm does)
    "yaml11-NO-is-text": "a YAML 1.1 loader reads NO as false, where asgm reads the text NO",
    "bare-date-is-text": "a YAML 1.1 loader reads 2026-11-26 as a date object, not the text the schema expects",
    "year-2023.0": "JSON Schema counts 2023.0 as an integer",
    "too-many-of-one-id": "the budget of observations per id counts entries with one another",
}
CASES = [(c[0], c[1], False) for c in FILE_CASES] + [(c[0], c[1], True) for c in ACCEPTED]


@pytest.fixture(scope="module")
def validator(tmp_path_factory: pytest.TempPathFactory) -> jsonschema.Draft202012Validator:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_accepts(path: Path, validator: jsonschema.Draft202012Validator) -> bool:
    """What an editor's validator says: False when the file cannot be read as one YAML document."""
    try:
        st = os.stat(path)
    except OSError:
        return False  # dangling link, loop of links: nothing to open
    if not stat.S_ISREG(st.st_mode):
        return False  # a directory, FIFO, socket or device: not a document (and a FIFO would block the read)
    try:
        data = yaml.safe_load(path.read_bytes())
    except (yaml.YAMLError, ValueError):  # ValueError: an integer of more than 4,300 digits
        return False
    return next(iter(validator.iter_errors(data)), None) is None


@pytest.mark.parametrize(("name", "make", "valid"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_validate_agree(tmp_path: Path, name: str, make, valid: bool,
                                   validator: jsonschema.Draft202012Validator) -> None:
    path = make(tmp_path)
    checked = run("validate", str(path))
    assert checked.exit_code == (0 if valid else 1)
    agree = schema_accepts(path, validator) == valid
    if name in GAPS:
        assert not agree, f"{name} now agrees: remove it from GAPS (and from the list in docs/profiles.md)"
    else:
        assert agree, f"schema {'rejects' if valid else 'accepts'} {name}, which asgm validate " \
                      f"{'accepts' if valid else 'rejects'}: express the rule in schema_json.py, or list it in GAPS"


def test_every_gap_is_a_case() -> None:
    assert set(GAPS) <= {c[0] for c in CASES}


def test_the_bundled_profiles_pass_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    from conftest import ROOT

    for path in sorted((ROOT / "data").glob("*.yaml")):
        assert schema_accepts(path, validator), path.name


def test_infinity_is_rejected_by_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    from conftest import MINIMAL

    data = yaml.safe_load(MINIMAL.replace("value: 10", "value: .inf"))
    assert data["figures"][0]["value"] == float("inf")
    errors = list(validator.iter_errors(data))
    assert [(list(e.path), e.message) for e in errors] == [
        (["figures", 0, "value"], "inf is not valid under any of the given schemas")]
    assert [(c.validator, c.message) for c in errors[0].context] == [
        ("maximum", "inf is greater than the maximum of 1000000000000000.0"), ("type", "inf is not of type 'null'")]
