"""Each limit tested at its edge on both sides, and the bytes the machine formats write.

These are the cases a mutation run (scripts/mutation) showed nothing else would notice: a
``>`` that became ``>=``, a cleaning step or a refusal that could be deleted.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from asgm_cli import readfile, yamlsafe
from asgm_cli.errors import DataError, UsageFailed
from asgm_cli.lookup import bare
from asgm_cli.output import dumps_json, format_records, pick_fields
from asgm_cli.schema import FIGURE, ITEM, PROFILE, TARGET, Obj, validate
from asgm_cli.readfile import MAX_BYTES
from asgm_cli.yamlsafe import MAX_DEPTH, format_path
from conftest import MINIMAL, run, write_profile

NEXT_YEAR = datetime.date.today().year + 1
QUOTE_LINE = '    quote: "10 tonnes"\n'
TARGET_YAML = """\
targets:
  - id: goal
    label: A goal
    beneficiaries: 100
    mercury_free_percent: 50
    source: src
    quote: "a goal"
"""
ITEM_YAML = """\
strategies:
  - id: plan
    title: A plan
    description: What it does.
"""


def problems(text: str) -> list[tuple[str, str]]:
    """(field path, message) of every problem the schema finds in a profile's text."""
    data = yamlsafe.parse("testland.yaml", text).data
    return [(format_path(p.path), p.message) for p in validate(data, "testland")]


def in_figure(*lines: str) -> str:
    """MINIMAL with extra lines in its figure (``"value: 10"`` replaced when a value line is given)."""
    text = MINIMAL
    for line in lines:
        name = line.split(":")[0]
        if name == "id":
            text = text.replace("  - id: asgm_gold_output", f"  - {line}")
        elif f"    {name}:" in text:
            start = text.index(f"    {name}:")
            text = text[:start] + f"    {line}\n" + text[text.index("\n", start) + 1:]
        else:
            text = text.replace(QUOTE_LINE, QUOTE_LINE + f"    {line}\n")
    return text


# --- the schema's limits -------------------------------------------------------------------------

@pytest.mark.parametrize(("lines", "expected"), [
    (("id: some_share", "unit: '%'", "value: 100"), []),
    (("id: some_share", "unit: '%'", "value: 100.5"), [("figures[0].value", "a percentage must be at most 100, got 100.5")]),
    (("id: some_rank", "unit: rank", "value: 1"), []),
    (("id: some_rank", "unit: rank", "value: 0.5"), [("figures[0].value", "a rank is a whole number from 1, got 0.5")]),
    (("id: some_rank", "unit: rank", "value: 2.5"), [("figures[0].value", "a rank is a whole number from 1, got 2.5")]),
    (("year: 1800",), []),
    (("year: 1799",), [("figures[0].year", f"expected a year from 1800 to {NEXT_YEAR}, got 1799")]),
    ((f"year: {NEXT_YEAR}",), []),
    ((f"year: {NEXT_YEAR + 1}",), [("figures[0].year", f"expected a year from 1800 to {NEXT_YEAR}, got {NEXT_YEAR + 1}")]),
    (("year: 2020.5",), [("figures[0].year", f"expected a year from 1800 to {NEXT_YEAR}, got 2020.5")]),
    (("value: 0",), []),  # zero is allowed by the schema (asgm check calls it impossible)
    (("value: -0.5",), [("figures[0].value", "must not be negative, got -0.5")]),
    (("value: null", "low: 5", "high: 5"), []),
    (("value: null", "low: 6", "high: 5"), [("figures[0].low", "low (6) is above high (5)")]),
    (("value: null", "low: 5", "high: 6"), []),
    (("low: 5",), [("figures[0].low", "give either value or low and high, not both")]),
    (("high: 5",), [("figures[0].high", "give either value or low and high, not both")]),
    (("value: null", "high: 5"), [("figures[0]", "missing required field 'low' (a figure has a value or a low-high range)")]),
    (("value: null", "low: 5"), [("figures[0]", "missing required field 'high' (a figure has a value or a low-high range)")]),
    (("value: null",), [("figures[0]", "missing required field 'value' (a figure has a value or a low-high range)")]),
    (("value: true",), [("figures[0].value", "expected a number, got a boolean")]),
    (("value: .inf",), [("figures[0].value", "expected a finite number, got inf")]),
    (("preferred: true",), []),
    (("preferred: 1",), [("figures[0].preferred", "expected true or false, got the number 1")]),
    (("quote: '" + "q" * 500 + "'",), []),
    (("quote: '" + "q" * 501 + "'",), [("figures[0].quote", "is 501 characters long; the limit is 500")]),
    (("note: '" + "n" * 5000 + "'",), []),  # text has no limit
    (("quote: ' '",), [("figures[0].quote", "must not be empty")]),
    (("quote: 5",), [("figures[0].quote", "expected text, got the number 5")]),
    (("unit: kg",), []),  # converts to the shared indicator's t/yr
    (("unit: people",), [("figures[0].unit", "the shared indicator 'asgm_gold_output' is measured in 't/yr', not 'people'")]),
])
def test_figure_limits_on_both_sides(lines: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    text = in_figure(*lines)
    if "some_" in text:
        text = text.replace("    label: Gold produced by ASGM\n", "    label: A number\n")
    assert problems(text) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("communities: 1\n    community_unit: sites", []),
    ("communities: 0\n    community_unit: sites", [("targets[0].communities", "expected a whole number of at least 1, got 0")]),
    ("communities: 1.5\n    community_unit: sites", [("targets[0].communities", "expected a whole number of at least 1, got 1.5")]),
    ("communities: 2", [("targets[0].communities", "communities needs community_unit")]),
    ("community_unit: sites", [("targets[0].community_unit", "community_unit needs communities")]),
    ("mercury_reduction: 3", [("targets[0].mercury_reduction", "mercury_reduction needs mercury_unit")]),
    ("years: 1", []),
    ("years: 0", [("targets[0].years", "expected a whole number of at least 1, got 0")]),
    ("by_year: 1800", []),
    ("by_year: 1799", [("targets[0].by_year", f"expected a year from 1800 to {NEXT_YEAR}, got 1799")]),
])
def test_target_limits_on_both_sides(line: str, expected: list[tuple[str, str]]) -> None:
    assert problems(MINIMAL + TARGET_YAML + f"    {line}\n") == expected


@pytest.mark.parametrize(("percent", "expected"), [
    ("100", []), ("100.01", [("targets[0].mercury_free_percent", "a percentage must be at most 100, got 100.01")])])
def test_a_target_percentage_of_exactly_100(percent: str, expected: list[tuple[str, str]]) -> None:
    assert problems(MINIMAL + TARGET_YAML.replace("mercury_free_percent: 50", f"mercury_free_percent: {percent}")) == expected


def test_a_target_with_no_goal() -> None:
    text = MINIMAL + TARGET_YAML.replace("    beneficiaries: 100\n    mercury_free_percent: 50\n", "")
    assert problems(text) == [("targets[0]", "a target needs at least one of communities, mercury_reduction, "
                                             "beneficiaries, mercury_free_percent")]


def _optional(obj: Obj) -> list[str]:
    return [f.name for f in obj.fields if not f.required]


def _with_null(obj: Obj, name: str) -> tuple[str, str]:
    """MINIMAL (with a target and a strategy) where ``obj``'s field ``name`` is an explicit null,
    and the path of that field."""
    text = MINIMAL + TARGET_YAML + ITEM_YAML
    if obj is TARGET:
        target = TARGET_YAML
        if f"    {name}:" in target:  # one of the two goals: the other remains
            start = target.index(f"    {name}:")
            target = target[:start] + target[target.index("\n", start) + 1:]
        return MINIMAL + target + f"    {name}: null\n" + ITEM_YAML, f"targets[0].{name}"
    if obj is FIGURE:
        if name in ("value", "low", "high"):  # a range instead of a value, with one field null
            text = in_figure("value: null", "low: 5", "high: 6")
            text = text.replace(f"    {name}: {dict(value='null', low='5', high='6')[name]}\n", f"    {name}: null\n")
            text += TARGET_YAML + ITEM_YAML
        else:
            text = in_figure(f"{name}: null") + TARGET_YAML + ITEM_YAML
        return text, f"figures[0].{name}"
    if obj is ITEM:
        return text + f"    {name}: null\n", f"strategies[0].{name}"
    if name in ("targets", "strategies"):
        text = MINIMAL + (ITEM_YAML if name == "targets" else TARGET_YAML)
    return text + f"{name}: null\n", name


@pytest.mark.parametrize(("obj", "name"), [(o, n) for o in (PROFILE, FIGURE, TARGET, ITEM) for n in _optional(o)],
                         ids=lambda x: x.name if isinstance(x, Obj) else x)
def test_explicit_null_in_each_optional_field(obj: Obj, name: str) -> None:
    text, path = _with_null(obj, name)
    field = obj.field(name)
    assert field is not None
    got = problems(text)
    if obj is FIGURE and name in ("low", "high"):  # a range without one end
        assert got == [("figures[0]", f"missing required field '{name}' (a figure has a value or a low-high range)")]
    elif field.nullable:
        assert got == []
    else:
        assert got == [(path, "must not be null")]


def test_the_nullable_optional_fields_are_the_documented_ones() -> None:
    nullable = {o.name: [f.name for f in o.fields if not f.required and f.nullable] for o in (PROFILE, FIGURE, TARGET, ITEM)}
    assert nullable == {
        "profile": ["native_name", "approach"],
        "figure": ["value", "low", "high", "basis", "basis_note", "scope", "area", "period", "unusable", "acknowledged",
                   "note"],
        "target": ["communities", "community_unit", "mercury_reduction", "mercury_unit", "beneficiaries",
                   "mercury_free_percent", "by_year", "years", "qualifier", "note"],
        "item": ["source"],
    }


def test_required_fields_are_each_reported_missing() -> None:
    assert problems(MINIMAL.replace("    unit: t/yr\n", "").replace("  - id: src\n    title", "  - title")) == [
        ("figures[0]", "missing required field 'unit'"), ("sources[0]", "missing required field 'id'"),
        ("figures[0].source", "no source has the id 'src'")]


def test_the_id_must_match_the_file_name() -> None:
    assert problems(MINIMAL.replace("id: testland", "id: otherland", 1)) == [
        ("id", "the id 'otherland' must match the file name 'testland.yaml'")]


def test_duplicate_ids_and_observations_and_preferences() -> None:
    second = MINIMAL.split("figures:\n")[1].split("sources:\n")[0]
    text = MINIMAL.replace("sources:\n", second.replace("value: 10", "value: 11") + "sources:\n", 1)
    assert problems(text) == [("figures[1].source", "a second 'asgm_gold_output' for 2020 from 'src' (also figures[0]); "
                                                    "one source gives one value a year")]
    undated = text.replace("year: 2020", "year: null")
    assert problems(undated) == [("figures[1].source", "a second 'asgm_gold_output' with no year from 'src' "
                                                       "(also figures[0]); one source gives one value a year")]
    both = text.replace("year: 2020", "year: 2020\n    preferred: true", 2).replace("value: 11\n", "value: 11\n", 1)
    both = both.replace("    year: 2020\n    preferred: true\n    source: src\n    quote: \"10 tonnes\"\n  - id: asgm_gold_output",
                        "    year: 2020\n    preferred: true\n    source: src\n    quote: \"10 tonnes\"\n  - id: asgm_gold_output", 1)
    preferred = [p for p in problems(both.replace("value: 11\n    unit: t/yr\n    qualifier: null\n    year: 2020",
                                                  "value: 11\n    unit: t/yr\n    qualifier: null\n    year: 2021"))]
    assert preferred == [("figures[1].preferred", "a second preferred 'asgm_gold_output' (also figures[0]); "
                                                  "mark one observation of an id preferred")]
    assert problems(MINIMAL + ITEM_YAML + ITEM_YAML.replace("strategies:\n", "")) == [
        ("strategies[1].id", "duplicate id 'plan' (also strategies[0])")]


def test_units_of_one_id_must_convert() -> None:
    second = (MINIMAL.split("figures:\n")[1].split("sources:\n")[0]
              .replace("id: asgm_gold_output", "id: own_count").replace("year: 2020", "year: 2021"))
    own = MINIMAL.replace("id: asgm_gold_output", "id: own_count").replace("unit: t/yr", "unit: people")
    assert problems(own.replace("sources:\n", second + "sources:\n", 1)) == [
        ("figures[1].unit", "'t/yr' does not convert to 'people', the unit of 'own_count' in figures[0]")]
    kg = second.replace("unit: t/yr", "unit: kg")
    assert problems(MINIMAL.replace("sources:\n", kg.replace("own_count", "asgm_gold_output") + "sources:\n", 1)) == []


# --- the YAML reader -----------------------------------------------------------------------------

@pytest.mark.parametrize(("plain", "value"), [
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
    ("yes", "yes"), ("NO", "NO"), ("nULL", "nULL"), ("tRUE", "tRUE"),
    ("0", 0), ("-7", -7), ("+7", 7), ("0755", "0755"), ("1_000", "1_000"),
    ("1.5", 1.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("-2.5E-1", -0.25), ("0x1F", "0x1F"),
    (".inf", math.inf), ("+.inf", math.inf), ("-.INF", -math.inf), (".Inf", math.inf), ("inf", "inf"),
    ("2020-01-01", "2020-01-01"),
])
def test_yaml_plain_scalars_resolve_by_our_rules(plain: str, value: Any) -> None:
    assert yamlsafe.parse("f.yaml", f"a: {plain}\n").data == {"a": value}
    got = yamlsafe.parse("f.yaml", f"a: {plain}\n").data["a"]
    assert type(got) is type(value)


@pytest.mark.parametrize("quoted", ["'~'", '"null"', "'TRUE'", '"False"', "'7'", '"1.5"'])
def test_quoted_scalars_stay_strings(quoted: str) -> None:
    assert yamlsafe.parse("f.yaml", f"a: {quoted}\n").data == {"a": quoted[1:-1]}


def test_nan_is_a_float_that_the_schema_refuses() -> None:
    assert math.isnan(yamlsafe.parse("f.yaml", "a: .NaN\n").data["a"])


def yaml_error(text: str) -> str:
    with pytest.raises(DataError) as e:
        yamlsafe.parse("f.yaml", text)
    return e.value.message


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\n<<: {b: 2}\n", "f.yaml:2:1: merge keys (<<) are not allowed"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml:3:3: c: merge keys (<<) are not allowed"),
    ("base: &b {x: 1}\nc: *b\n", "f.yaml:1:7: c: anchors and aliases (*name) are not allowed"),
    ("? [a, b]\n: 1\n", "f.yaml:1:3: mapping keys must be plain strings"),
    ("? {a: 1}\n: 1\n", "f.yaml:1:3: mapping keys must be plain strings"),
    ("!!str a: 1\n", "f.yaml:1:1: mapping keys must be plain strings"),
    ("x:\n  !custom k: 1\n", "f.yaml:2:3: x: mapping keys must be plain strings"),
    ("a: !!int 3\n", "f.yaml:1:4: a: tags are not allowed (found 'tag:yaml.org,2002:int')"),
    ("a: 1\na: 2\n", "f.yaml:2:1: a: duplicate key (first defined on line 1)"),
    ("a: [1\n", "f.yaml:2:1: YAML syntax error: did not find expected ',' or ']'"),
    ("# only a comment\n", "f.yaml: the file holds no YAML document (empty, or only comments)"),
])
def test_yaml_refusals(text: str, message: str) -> None:
    assert yaml_error(text) == message


def test_plain_and_quoted_keys_are_strings() -> None:
    assert yamlsafe.parse("f.yaml", "'a': 1\n\"b\": 2\n3: x\n").data == {"a": 1, "b": 2, "3": "x"}


def test_nesting_at_the_depth_limit_and_one_beyond() -> None:
    # the root mapping is depth 0, so a value MAX_DEPTH lists deep is still allowed
    deep = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    data = yamlsafe.parse("f.yaml", deep).data["a"]
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == 1
    deeper = "a: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH + "\n"
    assert yaml_error(deeper) == f"f.yaml:1:{MAX_DEPTH + 4}: a{'[0]' * MAX_DEPTH}: nesting is deeper than 32 levels"


def test_positions_of_values_and_keys() -> None:
    doc = yamlsafe.parse("f.yaml", "a:\n  - x: 1\n    y: [2, 3]\n")
    assert doc.marks[("a", 0, "y", 1)] == (3, 12)
    assert doc.key_marks[("a", 0, "y")] == (3, 5)
    assert doc.where(("a", 0, "y", 1)) == (3, 12)
    assert doc.where(("a", 0, "z")) == (2, 5)  # unknown: the closest parent that has a position
    assert doc.where(("a", 0, "y"), key=True) == (3, 5)
    assert doc.where(("a", 0, "y")) == (3, 8)  # the value's position unless the key's is asked for
    assert doc.where(("a", 0, "z"), key=True) == (2, 5)
    assert doc.where(()) == (1, 1)
    assert yamlsafe.Document("f", None).where(("a",)) == (None, None)
    assert format_path(("figures", 2, "value")) == "figures[2].value"
    assert format_path((0, "a")) == "[0].a"


def test_size_cap_exactly_1_mib_and_one_byte_more(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * MAX_BYTES)
    assert readfile.read_bytes(str(path)) == b"#" * MAX_BYTES
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(DataError) as e:
        readfile.read_bytes(str(path))
    assert e.value.message == f"{path}: file is 1,048,577 bytes; the limit is 1,048,576"


def test_a_file_that_grows_past_the_cap_while_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    real = os.fstat

    def small(fd: int) -> os.stat_result:  # fstat saw the file before it grew
        st = real(fd)
        return os.stat_result((stat.S_IFREG | 0o644,) + tuple(st)[1:6] + (10,) + tuple(st)[7:])

    monkeypatch.setattr(readfile.os, "fstat", small)
    with pytest.raises(DataError) as e:
        readfile.read_bytes(str(path))
    assert e.value.message == f"{path}: file is over the limit of 1,048,576 bytes"
    path.write_bytes(b"#" * MAX_BYTES)
    assert len(readfile.read_bytes(str(path))) == MAX_BYTES


@pytest.mark.parametrize(("raw", "message"), [
    (b"\xff\xfea", "f.yaml:1:1: file is UTF-16; save it as UTF-8"),
    (b"\xfe\xffa", "f.yaml:1:1: file is UTF-16; save it as UTF-8"),
    (b"a: 1\nbc\x00", "f.yaml:2:3: NUL byte in file (binary data?)"),
    (b"\x00", "f.yaml:1:1: NUL byte in file (binary data?)"),
    (b"a: 1\nb: \xe9\n", "f.yaml:2:4: invalid UTF-8 (byte 0xe9)"),
])
def test_decode_refusals_with_their_positions(raw: bytes, message: str) -> None:
    with pytest.raises(DataError) as e:
        yamlsafe.decode("f.yaml", raw)
    assert e.value.message == message


def test_decode_drops_a_byte_order_mark() -> None:
    assert yamlsafe.decode("f.yaml", b"\xef\xbb\xbfa: \xc3\xa9") == "a: é"


# --- machine output: the bytes written -----------------------------------------------------------

RECORDS = [{"a": "x\ty\rz\nw", "b": 1, "c": None}, {"a": "p|q\nr", "b": True, "c": [1, {"id": "g", "value": None, "low": 2,
                                                                                        "high": 3, "unit": "t", "year": 2020}]}]


def test_jsonl_is_one_compact_object_a_line() -> None:
    assert format_records(RECORDS, ["b", "a"], "jsonl") == '{"b": 1, "a": "x\\ty\\rz\\nw"}\n{"b": true, "a": "p|q\\nr"}\n'


def test_tsv_turns_tabs_and_line_breaks_into_spaces() -> None:
    assert format_records(RECORDS, ["a", "b", "c"], "tsv") == "a\tb\tc\nx y z w\t1\t\np|q r\ttrue\t1; g=2-3 t (2020)\n"


def test_markdown_escapes_pipes_and_joins_lines() -> None:
    assert format_records(RECORDS, ["a", "b"], "markdown") == "| a | b |\n|---|---|\n| x\ty\rz w | 1 |\n| p\\|q r | true |\n"


def test_csv_quotes_and_ends_lines_with_crlf() -> None:
    assert format_records(RECORDS[1:], ["a", "b", "c"], "csv") == 'a,b,c\r\n"p|q\nr",true,1; g=2-3 t (2020)\r\n'
    assert format_records([{"a": False, "b": 0}], ["a", "b"], "csv") == "a,b\r\nfalse,0\r\n"


def test_json_keeps_letters_and_refuses_nan() -> None:
    assert format_records([{"a": "Perú"}], ["a"], "json") == '[\n  {\n    "a": "Perú"\n  }\n]\n'
    assert dumps_json({"a": "é"}, indent=None) == '{"a": "é"}\n'
    with pytest.raises(ValueError):
        dumps_json(math.nan)


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageFailed) as e:
        format_records([], ["a"], "xml")
    assert e.value.message == "unknown format 'xml'; valid formats: table, json, jsonl, csv, tsv, markdown"


@pytest.mark.parametrize(("wanted", "fields"), [(None, ("a", "b", "c")), ("", ("a", "b", "c")), ("c, a", ("c", "a")),
                                                ("b,,", ("b",))])
def test_pick_fields(wanted: str | None, fields: tuple[str, ...]) -> None:
    assert pick_fields(("a", "b", "c"), wanted) == fields


@pytest.mark.parametrize(("wanted", "message"), [("a,x", "unknown field 'x'; valid fields: a, b"),
                                                 (" , ", "unknown field ' , '; valid fields: a, b")])
def test_pick_fields_refuses(wanted: str, message: str) -> None:
    with pytest.raises(UsageFailed) as e:
        pick_fields(("a", "b"), wanted)
    assert e.value.message == message


def test_the_command_writes_utf8_bytes_for_every_machine_format() -> None:
    for fmt, expected in (("json", b'"name": "C\xc3\xb4te d\'Ivoire"'), ("jsonl", b'{"id": "cote_d_ivoire", "name": '
                                                                                   b'"C\xc3\xb4te d\'Ivoire"}\n'),
                          ("tsv", b"cote_d_ivoire\tC\xc3\xb4te d'Ivoire\n"), ("csv", b"cote_d_ivoire,C\xc3\xb4te d'Ivoire\r\n"),
                          ("markdown", b"| cote_d_ivoire | C\xc3\xb4te d'Ivoire |\n")):
        result = run("list", "--format", fmt, "--fields", "id,name")
        assert result.exit_code == 0
        assert expected in result.stdout_bytes, fmt


def test_jsonl_of_the_command_is_one_record_a_line() -> None:
    result = run("list", "--format", "jsonl", "--fields", "id")
    assert result.exit_code == 0
    lines = result.stdout_bytes.split(b"\n")
    assert lines[0] == b'{"id": "bolivia"}' and lines[-1] == b""
    assert [json.loads(line)["id"] for line in lines[:-1]][:3] == ["bolivia", "burkina_faso", "colombia"]


# --- asgm get --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "out", "err"), [
    (("peru", "national_gold_production"), 0, "99.7\n", ""),
    (("peru", "national_gold_production", "--year", "2019"), 0, "128.5\n",
     "asgm: note: peru national_gold_production: converted from 4.13 Moz as given\n"),
    (("peru", "asgm_output_value_usd"), 1, "", "asgm: error: peru has no value for asgm_output_value_usd (it needs --gold-price)\n"),
    (("peru", "informal_value_loss_usd"), 1, "",
     "asgm: error: peru has no value for informal_value_loss_usd (it needs --gold-price)\n"),
    (("peru", "asgm_output_value_usd", "--gold-price", "2000"), 0, "1781000000\n", ""),
    (("peru", "livelihoods_per_miner"), 0, "4\n", "asgm: note: peru livelihoods_per_miner is at least 4 people/miner\n"
     "asgm: note: peru livelihoods_per_miner: an input has no year (undated_input)\n"),
    (("peru", "mercury_per_gold"), 0, "3.747\n", "asgm: note: peru mercury_per_gold: an input has no year (undated_input)\n"),
    (("peru", "asgm_gold_output", "--year", "2019"), 0, "27.7\n", ""),
    (("peru", "asgm_gold_outpt"), 1, "", "asgm: error: Peru has no figure or statistic 'asgm_gold_outpt'; did you mean "
     "'asgm_gold_output', 'asgm_share_of_national_output' or 'asgm_share_of_gold_exports'? (asgm indicators lists every "
     "indicator)\n"),
    (("peru", "zzzzzz"), 1, "", "asgm: error: Peru has no figure or statistic 'zzzzzz' (asgm indicators lists every indicator)\n"),
    (("peru", "gold"), 1, "", "asgm: error: Peru has no figure or statistic 'gold'; did you mean 'asgm_gold_output', "
     "'asgm_share_of_national_gold' or 'national_gold_production'? (asgm indicators lists every indicator)\n"),
    (("peru", "production"), 0, "99.7\n", ""),
    (("peru", "Production", "--year", "2022"), 0, "97\n", ""),
])
def test_get(args: tuple[str, ...], code: int, out: str, err: str) -> None:
    result = run("get", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, out, err)


def test_get_what_a_profile_lacks(tmp_path: Path) -> None:
    write_profile(tmp_path, MINIMAL)
    d = str(tmp_path)
    for vid, err in (("national_gold_production", "testland has no value for national_gold_production"),
                     ("mercury_per_gold", "testland has no value for mercury_per_gold (its inputs are missing, or its "
                                          "result is beyond a number's range)"),
                     ("asgm_gold_output --year 2019", "Testland has no figure for 2019; years on file: 2020")):
        result = run("get", "testland", *vid.split(), "--data-dir", d)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"asgm: error: {err}\n"), vid
    result = run("get", "testland", "asgm_gold_output", "--data-dir", d)
    assert (result.exit_code, result.stdout) == (0, "10\n")


@pytest.mark.parametrize(("value", "low", "high", "text"), [
    (38.7, None, None, "38.7"), (4.0, None, None, "4"), (1e15, None, None, "1000000000000000.0"), (999999999999999.0, None, None,
                                                                                      "999999999999999"),
    (None, 40000.0, 60000.0, "40000-60000"), (None, 0.5, 2.0, "0.5-2"), (None, None, 3.0, "0-3"), (None, 2.0, None, "2-0"),
    (0.0, None, None, "0"),
])
def test_bare(value: float | None, low: float | None, high: float | None, text: str) -> None:
    assert bare(value, low, high) == text


# --- reading a file: every refusal ----------------------------------------------------------------

def read_error(path: Path | str) -> str:
    with pytest.raises(DataError) as e:
        readfile.read_bytes(str(path))
    return e.value.message


def test_what_read_bytes_refuses(tmp_path: Path) -> None:
    assert read_error(tmp_path / "none.yaml") == f"{tmp_path}/none.yaml: no such file"
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert read_error(tmp_path / "dangling.yaml") == f"{tmp_path}/dangling.yaml: dangling symbolic link"
    assert read_error(tmp_path) == f"{tmp_path}: is a directory, not a profile file"
    os.mkfifo(tmp_path / "fifo.yaml")  # opened without blocking, then refused
    assert read_error(tmp_path / "fifo.yaml") == f"{tmp_path}/fifo.yaml: not a regular file"
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    assert read_error(tmp_path / "loop.yaml") == f"{tmp_path}/loop.yaml: Too many levels of symbolic links"
    assert read_error("/dev/null") == "/dev/null: not a regular file"


def test_read_bytes_closes_what_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        assert readfile.read_bytes(str(path)) == b"a: 1\n"
        read_error(tmp_path)
    assert len(os.listdir("/proc/self/fd")) == before


def test_permission_and_read_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")
    real_open = os.open

    def denied(*args: Any) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readfile.os, "open", denied)
    assert read_error(path) == f"{path}: permission denied"
    monkeypatch.setattr(readfile.os, "open", real_open)

    def failing(fd: int, n: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(readfile.os, "read", failing)
    assert read_error(path) == f"{path}: Input/output error"


def test_yaml_errors_without_a_position_and_runaway_recursion(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yaml_error("a: \x07\n").startswith("f.yaml: YAML error: unacceptable character #x0007: control characters")
    real = yamlsafe._loader_class

    def deep() -> type:
        class Loader(real()):  # type: ignore[misc]
            def get_single_node(self) -> Any:
                raise RecursionError

        return Loader

    monkeypatch.setattr(yamlsafe, "_loader_class", deep)
    assert yaml_error("a: 1\n") == "f.yaml: nesting is deeper than 32 levels"
    monkeypatch.setattr(yamlsafe, "_loader_class", real)

    def recursing(path: Any) -> str:
        raise RecursionError

    monkeypatch.setattr(yamlsafe, "format_path", recursing)
    assert yaml_error("a: 1\n") == "f.yaml: nesting is deeper than 32 levels"


@pytest.mark.parametrize(("raw", "message"), [
    (b"\n\x00", "f.yaml:2:1: NUL byte in file (binary data?)"),
    (b"\nab\x00", "f.yaml:2:3: NUL byte in file (binary data?)"),
    (b"\n\xe9", "f.yaml:2:1: invalid UTF-8 (byte 0xe9)"),
    (b"\nab\xe9", "f.yaml:2:3: invalid UTF-8 (byte 0xe9)"),
])
def test_positions_after_a_first_line_break(raw: bytes, message: str) -> None:
    with pytest.raises(DataError) as e:
        yamlsafe.decode("f.yaml", raw)
    assert e.value.message == message


# --- writing -------------------------------------------------------------------------------------

class Recorder:
    """A stdout that records writes and flushes, with or without a byte buffer."""

    def __init__(self, events: list[Any], prefix: str = "") -> None:
        self.events, self.prefix = events, prefix

    def write(self, data: Any) -> None:
        self.events.append((self.prefix + "write", data))

    def flush(self) -> None:
        self.events.append(self.prefix + "flush")


def test_write_bytes_through_the_buffer_or_the_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    from asgm_cli.output import write_bytes

    events: list[Any] = []
    out = Recorder(events)
    out.buffer = Recorder(events, "buffer.")  # type: ignore[attr-defined]
    monkeypatch.setattr("sys.stdout", out)
    write_bytes("Perú\n")
    assert events == ["flush", ("buffer.write", b"Per\xc3\xba\n"), "buffer.flush"]
    events.clear()
    monkeypatch.setattr("sys.stdout", Recorder(events))
    write_bytes("Perú\n")
    assert events == ["flush", ("write", "Perú\n"), "flush"]


# --- lookup ----------------------------------------------------------------------------------------

def test_get_a_figure_for_a_year_it_lacks(tmp_path: Path) -> None:
    miners = MINIMAL.split("figures:\n")[1].split("sources:\n")[0].replace("asgm_gold_output", "asgm_miners").replace(
        "unit: t/yr", "unit: people").replace("year: 2020", "year: 2019").replace("Gold produced by ASGM", "Miners")
    write_profile(tmp_path, MINIMAL.replace("sources:\n", miners + "sources:\n", 1))
    result = run("get", "testland", "asgm_gold_output", "--year", "2019", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "asgm: error: testland has no asgm_gold_output for 2019; years on file: 2020\n")


def test_lookup_module_attributes() -> None:
    from asgm_cli import lookup
    from asgm_cli.stats import STAT_ORDER

    assert lookup.STAT_IDS == STAT_ORDER
    assert getattr(lookup, "NOT_THERE", "absent") == "absent"


# --- the schema's other refusals ------------------------------------------------------------------

FIGURE_DOC = "an observation: one figure, for one year, from one source"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("figures:\n  - id", "figures:\n  - null\n  - id", [("figures[0]", f"expected a mapping ({FIGURE_DOC}), got null")]),
    ("figures:\n  - id", "figures:\n  - [1]\n  - id", [("figures[0]", f"expected a mapping ({FIGURE_DOC}), got a list")]),
    ("region: Nowhere\n", "region: Nowhere\nproduction: 5\n", [("production", "the 'production' section is no longer read: "
     "write each year as an entry of 'figures' with id: national_gold_production (and year, value, unit, qualifier, "
     "source, quote)")]),
    ("region: Nowhere", "regoin: Nowhere", [("regoin", "unknown field; did you mean 'region'?")]),
    ("region: Nowhere", "zzz: Nowhere", [("zzz", "unknown field"), ("", "missing required field 'region'")]),
    ("id: asgm_gold_output\n    label: Gold produced by ASGM\n", "id: own_count\n",
     [("figures[0]", "missing required field 'label' ('own_count' is not a shared indicator)")]),
    ("url: https://example.org/test", "url: ftp://example.org/test", [("sources[0].url", "expected an http(s) URL, got "
                                                                      "'ftp://example.org/test'")]),
    ("value: 10", "value: '" + "v" * 40 + "'", [("figures[0].value", "expected a number, got '" + "v" * 40 + "'")]),
    ("value: 10", "value: '" + "v" * 41 + "'", [("figures[0].value", "expected a number, got '" + "v" * 37 + "...'")]),
    ("value: 10", "value: {a: 1}", [("figures[0].value", "expected a number, got a mapping")]),
])
def test_schema_refusals(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert old in MINIMAL
    assert problems(MINIMAL.replace(old, new, 1)) == expected


def test_a_retired_section_is_reported_at_its_key() -> None:
    data = yamlsafe.parse("testland.yaml", MINIMAL + "production: 5\n").data
    assert [(p.path, p.on_key) for p in validate(data, "testland")] == [(("production",), True)]


def test_a_section_that_is_not_a_list_or_holds_no_mappings() -> None:
    assert problems(MINIMAL.replace("sources:\n", "targets: 5\nsources:\n")) == [("targets", "expected a list, got the number 5")]
    assert problems(MINIMAL.replace("sources:\n", "targets:\n  - null\nsources:\n")) == [
        ("targets[0]", "expected a mapping (a project target: at least one of communities, mercury_reduction, beneficiaries "
                       "or mercury_free_percent), got null")]
    assert [p.message for p in validate(None)] == ["expected a mapping (a country profile), got null"]


def test_figures_without_a_string_id_are_not_compared() -> None:
    second = MINIMAL.split("figures:\n")[1].split("sources:\n")[0]
    text = MINIMAL.replace("sources:\n", second + "sources:\n", 1).replace("id: asgm_gold_output", "id: 5")
    assert problems(text) == [("figures[0].id", "expected text, got the number 5"),
                              ("figures[1].id", "expected text, got the number 5")]
