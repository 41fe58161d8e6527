"""Loading profiles: strict YAML and the schema, with file:line:column: field in every error."""

from __future__ import annotations

import pytest

from conftest import MINIMAL, run, write_profile


def load_error(tmp_path, text: str) -> str:
    path = write_profile(tmp_path, text)
    result = run("show", "testland", "--data-dir", str(tmp_path))
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"asgm: error: {path}")
    return lines[0][len(f"asgm: error: {path}"):]


def test_minimal_profile_loads(tmp_path) -> None:
    write_profile(tmp_path, MINIMAL)
    result = run("figures", "testland", "--json", "--data-dir", str(tmp_path))
    assert result.exit_code == 0


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("value: 10", "value: abc", ":10:12: figures[0].value: expected a number, got 'abc'"),
    ("value: 10", "value: .nan", ":10:12: figures[0].value: expected a finite number, got nan"),
    ("value: 10", "value: -3", ":10:12: figures[0].value: must not be negative, got -3"),
    ("year: 2020", "year: 1700", ":13:11: figures[0].year: expected a year from 1800 to"),
    ("unit: t/yr", "unit: tonnes", ":11:11: figures[0].unit: 'tonnes' is not one of"),
    ("    source: src\n", "    source: nope\n", ":14:13: figures[0].source: no source has the id 'nope'"),
    ("iso2: TL", "iso2: N0", ":3:7: iso2: 'N0' does not match the pattern [A-Z]{2}"),
    ("    label: Gold produced by ASGM\n", "    lable: Gold produced by ASGM\n",
     ":9:5: figures[0].lable: unknown field; did you mean 'label'?"),
    ("region: Nowhere\n", "", ":1:1: missing required field 'region'"),
    ("value: 10", "value: 0755", ":10:12: figures[0].value: expected a number, got '0755'"),
    ("accessed: \"2026-11-26\"", "accessed: yes", ":21:15: sources[0].accessed: expected a date YYYY-MM-DD"),
    ("accessed: \"2026-11-26\"", "published: 2019\n    accessed: \"2026-11-26\"",
     ":21:16: sources[0].published: expected a date in quotes (\"2019\"), got the number 2019"),
    ("accessed: \"2026-11-26\"", "published: \"2019-13\"\n    accessed: \"2026-11-26\"",
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2019-13'"),
    ("accessed: \"2026-11-26\"", "published: \"2023-02-30\"\n    accessed: \"2026-11-26\"",
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2023-02-30'"),
    ("accessed: \"2026-11-26\"", "published: \"1799\"\n    accessed: \"2026-11-26\"",
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '1799'"),
    ("accessed: \"2026-11-26\"", "published: \"2999-01\"\n    accessed: \"2026-11-26\"",
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2999-01'"),
])
def test_schema_errors_name_file_line_and_field(tmp_path, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    assert load_error(tmp_path, MINIMAL.replace(old, new, 1)).startswith(expected)


def test_iso_no_is_a_string_not_false(tmp_path) -> None:
    # YAML 1.1 would read NO as False; a quoted or plain NO stays the string 'NO' here.
    text = MINIMAL.replace("iso2: TL", "iso2: NO").replace("name: Testland", "name: Norway-ish")
    write_profile(tmp_path, text)
    result = run("list", "--json", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert '"iso2": "NO"' in result.stdout


def test_duplicate_key(tmp_path) -> None:
    assert load_error(tmp_path, MINIMAL.replace("region: Nowhere", "region: Nowhere\nregion: Elsewhere")) == (
        ":6:1: region: duplicate key (first defined on line 5)")


def test_alias(tmp_path) -> None:
    text = MINIMAL.replace("region: Nowhere", "region: &r Nowhere") + "approach: *r\n"
    assert "anchors and aliases" in load_error(tmp_path, text)


def test_python_tag(tmp_path) -> None:
    text = MINIMAL.replace("region: Nowhere", "region: !!python/object/apply:os.system ['true']")
    assert load_error(tmp_path, text) == (
        ":5:9: region: tags are not allowed (found 'tag:yaml.org,2002:python/object/apply:os.system')")


def test_syntax_error(tmp_path) -> None:
    assert load_error(tmp_path, MINIMAL.replace("region: Nowhere", "region: [unclosed")).startswith(
        ":6:8: YAML syntax error: did not find expected ',' or ']'")


def test_id_must_match_file_name(tmp_path) -> None:
    assert load_error(tmp_path, MINIMAL.replace("id: testland", "id: otherland")) == (
        ":1:5: id: the id 'otherland' must match the file name 'testland.yaml'")


def test_oversize_file(tmp_path) -> None:
    text = MINIMAL + "# " + "x" * 1_100_000 + "\n"
    assert load_error(tmp_path, text) == ": file is 1,100,394 bytes; the limit is 1,048,576"


def test_empty_file(tmp_path) -> None:
    assert load_error(tmp_path, "# only a comment\n") == (
        ": the file holds no YAML document (empty, or only comments)")


def test_missing_data_dir() -> None:
    result = run("show", "peru", "--data-dir", "/nonexistent/asgm")
    assert result.exit_code == 1
    assert result.stderr == "asgm: error: /nonexistent/asgm: data directory does not exist\n"


def test_user_profile_with_bundled_id_replaces_it(tmp_path) -> None:
    text = MINIMAL.replace("id: testland", "id: peru").replace("name: Testland", "name: My Peru")
    write_profile(tmp_path, text, "peru.yaml")
    result = run("list", "--json", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert '"name": "My Peru"' in result.stdout
    assert f'"origin": "{tmp_path}"' in result.stdout


def test_cache_never_serves_a_changed_file(tmp_path) -> None:
    path = write_profile(tmp_path, MINIMAL)
    assert '"value": 10' in run("figures", "testland", "--json", "--data-dir", str(tmp_path)).stdout
    path.write_text(MINIMAL.replace("value: 10", "value: 12"), encoding="utf-8")
    assert '"value": 12' in run("figures", "testland", "--json", "--data-dir", str(tmp_path)).stdout
    path.write_text(MINIMAL.replace("value: 10", "value: abc"), encoding="utf-8")
    result = run("figures", "testland", "--json", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "expected a number, got 'abc'" in result.stderr
