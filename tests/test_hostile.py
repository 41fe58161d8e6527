"""Hostile input, one table: every case ends with its exit code and one clear stderr line.

Each case builds its input in a temporary directory, runs asgm as a user would, and checks the
exit code, the exact message (or its start, where the OS words it), empty stdout and no traceback.
"""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import MINIMAL, run

NEXT_YEAR = datetime.date.today().year + 1
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
RANGE = MINIMAL.replace("    value: 10\n", "    low: 12\n    high: 3\n")
TARGET = "targets:\n  - id: t\n    label: A target\n    source: src\n    quote: \"q\"\n"


HEAD = MINIMAL.split("figures:\n")[0] + "figures:\n"


def observation(fid: str, value: object, unit: str, year: object, source: str, label: str = "") -> str:
    named = f"    label: {label}\n" if label else ""
    return (f"  - id: {fid}\n{named}    value: {value}\n    unit: \"{unit}\"\n    qualifier: null\n    year: {year}\n"
            f"    source: {source}\n    quote: \"{value}\"\n")


def cited(*ids: str) -> str:
    return "sources:\n" + "".join(f"  - id: {s}\n    title: T\n    publisher: P\n    url: https://example.org/{s}\n"
                                  f"    accessed: \"2026-11-26\"\n" for s in ids)


def target(extra: str) -> str:
    return MINIMAL.replace("sources:", TARGET + extra + "sources:")


def edit(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


def text(content: str) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        p = d / "testland.yaml"
        p.write_text(content, encoding="utf-8", newline="")
        return p
    return make


def raw(content: bytes) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        p = d / "testland.yaml"
        p.write_bytes(content)
        return p
    return make


def special(kind: str) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        p = d / "testland.yaml"
        if kind == "dir":
            p.mkdir()
        elif kind == "fifo":
            os.mkfifo(p)
        elif kind == "socket":
            s = socket.socket(socket.AF_UNIX)
            s.bind(str(p))
        elif kind == "dangling":
            p.symlink_to(d / "nowhere.yaml")
        elif kind == "loop":
            p.symlink_to(d / "other.link")
            (d / "other.link").symlink_to(p)
        elif kind == "devzero":
            p.symlink_to("/dev/zero")
        return p
    return make


# (id, how to make the file, expected message after "asgm: error: FILE", exit code)
FILE_CASES = [
    ("syntax-error", text(MINIMAL + "oops: [\n"), ":23:1: YAML syntax error: did not find expected node content", 1),
    ("wrong-type", text(edit("value: 10", "value: [1, 2]")), ":10:12: figures[0].value: expected a number, got a list", 1),
    ("missing-field", text(edit("    quote: \"10 tonnes\"\n", "")), ":8:5: figures[0]: missing required field 'quote'", 1),
    ("unknown-field", text(edit("    year: 2020", "    yaer: 2020")),
     ":13:5: figures[0].yaer: unknown field; did you mean 'year'?", 1),
    ("duplicate-key", text(edit("name: Testland\n", "name: Testland\nname: Again\n")),
     ":3:1: name: duplicate key (first defined on line 2)", 1),
    ("yaml11-yes", text(edit('accessed: "2026-11-26"', "accessed: yes")),
     ":21:15: sources[0].accessed: expected a date YYYY-MM-DD, got 'yes'", 1),
    ("published-unquoted-year", text(edit('accessed: "2026-11-26"', 'published: 2019\n    accessed: "2026-11-26"')),
     ':21:16: sources[0].published: expected a date in quotes ("2019"), got the number 2019', 1),
    ("published-month-13", text(edit('accessed: "2026-11-26"', 'published: "2019-13"\n    accessed: "2026-11-26"')),
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2019-13'", 1),
    ("published-no-such-day", text(edit('accessed: "2026-11-26"', 'published: "2023-02-30"\n    accessed: "2026-11-26"')),
     ":21:16: sources[0].published: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2023-02-30'", 1),
    ("yaml11-on", text(edit("qualifier: null", "qualifier: on")),
     ":12:16: figures[0].qualifier: 'on' is not one of 'approximately', 'at_most', 'at_least'", 1),
    ("yaml11-octal", text(edit("value: 10", "value: 0755")), ":10:12: figures[0].value: expected a number, got '0755'", 1),
    ("yaml11-sexagesimal", text(edit("value: 10", "value: 1:20")),
     ":10:12: figures[0].value: expected a number, got '1:20'", 1),
    ("yaml11-bare-date-year", text(edit("year: 2020", "year: 2020-01-01")),
     ":13:11: figures[0].year: expected a number, got '2020-01-01'", 1),
    ("alias", text(MINIMAL.replace("region: Nowhere", "region: &r Nowhere\nnative_name: *r")),
     ":5:9: native_name: anchors and aliases (*name) are not allowed", 1),
    ("alias-bomb", text(BOMB), ":1:4: b[0]: anchors and aliases (*name) are not allowed", 1),
    ("python-tag", text(edit("name: Testland", "name: !!python/object/apply:os.system ['echo hi']")),
     ":2:7: name: tags are not allowed (found 'tag:yaml.org,2002:python/object/apply:os.system')", 1),
    ("custom-tag", text(edit("name: Testland", "name: !secret x")), ":2:7: name: tags are not allowed (found '!secret')", 1),
    ("oversize", text(MINIMAL + "#" * 1_100_000 + "\n"), f": file is {len(MINIMAL) + 1_100_001:,} bytes; the limit is 1,048,576", 1),
    ("deep-nesting", text("a: " + "[" * 100 + "]" * 100 + "\n"), ":1:36: a" + "[0]" * 32 + ": nesting is deeper than 32 levels", 1),
    ("long-line", text(edit("name: Testland", "name: " + "x" * 200_000)),
     ":2:7: name: is 200000 characters long; the limit is 500", 1),
    ("invalid-utf8", raw(MINIMAL.replace("Nowhere", "Now\udcffhere").encode("utf-8", "surrogateescape")),
     ":5:12: invalid UTF-8 (byte 0xff)", 1),
    ("utf16", raw(MINIMAL.encode("utf-16")), ":1:1: file is UTF-16; save it as UTF-8", 1),
    ("nul-byte", raw(MINIMAL.replace("Nowhere", "Now\0here").encode()), ":5:12: NUL byte in file (binary data?)", 1),
    ("empty", raw(b""), ": the file holds no YAML document (empty, or only comments)", 1),
    ("only-comments", text("# nothing\n# here\n"), ": the file holds no YAML document (empty, or only comments)", 1),
    ("directory", special("dir"), ": is a directory, not a profile file", 1),
    ("fifo", special("fifo"), ": not a regular file", 1),
    ("socket", special("socket"), ": No such device or address", 1),
    ("dev-zero", special("devzero"), ": not a regular file", 1),
    ("dangling-symlink", special("dangling"), ": dangling symbolic link", 1),
    ("symlink-loop", special("loop"), ": Too many levels of symbolic links", 1),
    ("nan", text(edit("value: 10", "value: .nan")), ":10:12: figures[0].value: expected a finite number, got nan", 1),
    ("infinity", text(edit("value: 10", "value: .inf")), ":10:12: figures[0].value: expected a finite number, got inf", 1),
    ("negative", text(edit("value: 10", "value: -1")), ":10:12: figures[0].value: must not be negative, got -1", 1),
    ("percent-over-100", text(edit("value: 10\n    unit: t/yr", "value: 101\n    unit: \"%\"").replace(
        "asgm_gold_output", "own_share")), ":10:12: figures[0].value: a percentage must be at most 100, got 101", 1),
    ("rank-0", text(edit("value: 10\n    unit: t/yr", "value: 0\n    unit: rank").replace("asgm_gold_output", "own_rank")),
     ":10:12: figures[0].value: a rank is a whole number from 1, got 0", 1),
    ("year-before-1800", text(edit("year: 2020", "year: 1799")),
     f":13:11: figures[0].year: expected a year from 1800 to {NEXT_YEAR}, got 1799", 1),
    ("year-after-next", text(edit("year: 2020", f"year: {NEXT_YEAR + 1}")),
     f":13:11: figures[0].year: expected a year from 1800 to {NEXT_YEAR}, got {NEXT_YEAR + 1}", 1),
    ("unknown-unit", text(edit("unit: t/yr", "unit: tonnes")), ":11:11: figures[0].unit: 'tonnes' is not one of", 1),
    ("undefined-source", text(edit("    source: src\n", "    source: srcc\n")),
     ":14:13: figures[0].source: no source has the id 'srcc'; did you mean 'src'?", 1),
    ("duplicate-figure-id", text(MINIMAL.replace("sources:", MINIMAL.split("figures:\n")[1].split("sources:")[0]
                                                 + "sources:")), ":22:13: figures[1].source: a second 'asgm_gold_output' for 2020 "
                                                                 "from 'src' (also figures[0]); one source gives one value a year", 1),
    ("range-low-above-high", text(RANGE), ":10:10: figures[0].low: low (12) is above high (3)", 1),
    ("shared-unit-mismatch", text(edit("unit: t/yr", "unit: people")),
     ":11:11: figures[0].unit: the shared indicator 'asgm_gold_output' is measured in 't/yr', not 'people'", 1),
    ("target-no-goal", text(target("")), ":17:5: targets[0]: a target needs at least one of communities, "
                                         "mercury_reduction, beneficiaries, mercury_free_percent", 1),
    ("target-number-without-unit", text(target("    communities: 5\n")),
     ":21:18: targets[0].communities: communities needs community_unit", 1),
    ("target-percent-over-100", text(target("    mercury_free_percent: 101\n")),
     ":21:27: targets[0].mercury_free_percent: a percentage must be at most 100, got 101", 1),
    ("duplicate-source-id", text(MINIMAL + MINIMAL.split("sources:\n")[1]),
     ":22:9: sources[1].id: duplicate id 'src' (also sources[0])", 1),
    # issue 25: numbers that overflow, text a terminal or a page would obey, a year written as a float
    ("310-digit-integer", text(edit("value: 10", "value: 1" + "0" * 309)),
     ":10:12: figures[0].value: a number of 310 characters; the limit is 30", 1),
    ("4301-digit-name", text(edit("region: Nowhere", "region: " + "1" * 4301)),
     ":5:9: region: a number of 4301 characters; the limit is 30", 1),
    ("1e308-moz", text(edit("value: 10\n    unit: t/yr", "value: 1e308\n    unit: Moz")),
     ":10:12: figures[0].value: 1e+308 is too large; the limit is 1e+15", 1),
    ("year-2023.0", text(edit("year: 2020", "year: 2023.0")),
     ":13:11: figures[0].year: expected a year written as a whole number (2023), got 2023.0", 1),
    ("url-closes-the-attribute", text(edit("url: https://example.org/test", "url: 'https://x.org/\"><script>alert(1)</script>'")),
     ":20:10: sources[0].url: expected an http(s) URL, got", 1),
    ("url-javascript", text(edit("url: https://example.org/test", "url: javascript:alert(1)")),
     ":20:10: sources[0].url: expected an http(s) URL, got 'javascript:alert(1)'", 1),
    ("escape-in-name", text(edit("name: Testland", 'name: "Test\\e]0;pwned\\aland"')),
     ":2:7: name: control character U+001B at character 5 is not allowed", 1),
    ("c1-in-title", text(edit("title: A test source", 'title: "A \\x9b31m source"')),
     ":18:12: sources[0].title: control character U+009B at character 3 is not allowed", 1),
    ("osc8-in-url", text(edit("url: https://example.org/test", 'url: "https://example.org/\\e]8;;https://evil.example\\e\\\\"')),
     ":20:10: sources[0].url: control character U+001B at character 21 is not allowed", 1),
    ("too-many-of-one-id", text(HEAD + "".join(observation("own_count", i + 1, "people", 2020, f"s{i}", "A count")
                                               for i in range(201)) + cited(*(f"s{i}" for i in range(201)))),
     ":1608:9: figures[200].id: more than 200 observations of 'own_count'; the limit is 200 per id in a profile", 1),
]

ACCEPTED = [  # inputs that look hostile and are fine
    ("newline-in-text", text(edit("summary: A profile for tests.", 'summary: "Two lines:\\nthe second."'))),
    ("url-with-query", text(edit("url: https://example.org/test", "url: https://example.org/a?b=1&c=2#d"))),
    ("yaml11-NO-is-text", text(edit("iso2: TL", "iso2: NO"))),
    ("byte-order-mark", raw(b"\xef\xbb\xbf" + MINIMAL.encode())),
    ("crlf", raw(MINIMAL.replace("\n", "\r\n").encode())),
    ("bare-date-is-text", text(edit('accessed: "2026-11-26"', "accessed: 2026-11-26"))),
    ("published-year-and-month", text(edit('accessed: "2026-11-26"', 'published: "2019-03"\n    accessed: "2026-11-26"'))),
    ("long-summary-line", text(edit("summary: A profile for tests.", "summary: " + "word " * 40_000))),
]


def one_error_line(result, prefix: str) -> str:
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    return lines[0][len(prefix):]


@pytest.mark.parametrize(("make", "expected", "code"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_bad_profile_file(tmp_path, make, expected: str, code: int) -> None:
    path = make(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == code
    assert "Traceback" not in result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}{expected}"), first
    # through the data path: every profile is loaded, the hostile one among them
    loaded = run("figures", "--json", "--data-dir", str(tmp_path))
    assert loaded.exit_code == code
    assert one_error_line(loaded, f"asgm: error: {path}").startswith(expected)


@pytest.mark.parametrize("make", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_accepted_input(tmp_path, make) -> None:
    make(tmp_path)
    result = run("figures", "testland", "--json", "--data-dir", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path) -> None:
    path = text(MINIMAL)(tmp_path)
    path.chmod(0)
    result = run("show", "testland", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert one_error_line(result, "asgm: error: ") == f"{path}: permission denied"


LONG = "x" * 100_000
ARG_CASES = [
    (["show", "../etc/passwd"], "asgm: error: '../etc/passwd' is not a country name, id or ISO code", 1),
    (["show", "a/b"], "asgm: error: 'a/b' is not a country name, id or ISO code", 1),
    (["show", ".."], "asgm: error: '..' is not a country name, id or ISO code", 1),
    (["show", "pe\0ru"], "asgm: error: 'peru' is not a country name, id or ISO code", 1),
    (["show", LONG], f"asgm: error: '{'x' * 37}...' is not a country name, id or ISO code", 1),
    (["get", "peru", LONG], "asgm: error: Peru has no figure or statistic", 1),
    (["stats", "peru", "--gold-price", "0"], "asgm: error: --gold-price must be a positive number of USD per troy "
                                             "ounce, got 0", 2),
    (["stats", "peru", "--gold-price", "-5"], "asgm: error: --gold-price must be a positive number of USD per troy "
                                              "ounce, got -5", 2),
    (["stats", "peru", "--gold-price", "nan"], "asgm: error: --gold-price must be a positive number of USD per troy "
                                               "ounce, got nan", 2),
    (["stats", "peru", "--gold-price", "inf"], "asgm: error: --gold-price must be a positive number of USD per troy "
                                               "ounce, got inf", 2),
    (["stats", "peru", "--gold-price", "lots"], "Usage: asgm stats", 2),
    (["stats", "peru", "--year", "1999"], "asgm: error: Peru has no figure for 1999; years on file: "
                                          "2005, 2009, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023", 1),
    (["stats", "peru", "--year", "soon"], "Usage: asgm stats", 2),
    (["show", "peru", "--data-dir", "/nonexistent-asgm"], "asgm: error: /nonexistent-asgm: data directory does not exist", 1),
    (["rank", "asgm_gold_output", "--top", "0"], "Usage: asgm rank", 2),
    (["show", "peru", "-o", "/dev/full", "--export-format", "text"], "asgm: error: cannot write /dev/full: not a regular file", 1),
    (["show", "peru", "--export", "/dev/full"], "asgm: error: cannot write /dev/full: not a regular file\n", 1),
    (["figures", "peru", "--fields", LONG], f"asgm: error: unknown field '{'x' * 37}...'; valid fields: country, ", 2),
    (["show", "peru", "--export", LONG], f"asgm: error: cannot tell the export format of '{'x' * 58}...{'x' * 59}'; ", 2),
    (["show", "peru", "--export", f"/tmp/{LONG}.txt"], f"asgm: error: cannot write /tmp/{'x' * 53}...{'x' * 55}.txt: "
                                                      "File name too long\n", 1),
    (["show", "peru", "--data-dir", LONG], f"asgm: error: cannot read data directory {'x' * 58}...{'x' * 59} "
                                           "(File name too long)\n", 1),
    (["compare", "peru", "--indicators", LONG], f"asgm: error: unknown indicator '{'x' * 37}...'", 1),
    # issue 25: an upper bound for the gold price; an empty data directory is not the working directory
    (["get", "peru", "asgm_output_value_usd", "--gold-price", "1e308"],
     "asgm: error: --gold-price must be at most 1,000,000 USD per troy ounce, got 1e+308", 2),
    (["rank", "asgm_output_value_usd", "--gold-price", "1e7"],
     "asgm: error: --gold-price must be at most 1,000,000 USD per troy ounce, got 1e+07", 2),
    (["show", "peru", "--data-dir", ""],
     "asgm: error: a data directory cannot be an empty name (it would mean the working directory)", 2),
]


@pytest.mark.parametrize(("args", "start", "code"), ARG_CASES, ids=[" ".join(a)[:40] for a, _, _ in ARG_CASES])
def test_bad_argument(args: list[str], start: str, code: int) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(start), result.stderr
    if start.startswith("asgm: error:"):
        assert len(result.stderr.splitlines()) == 1
        assert len(result.stderr) < 300


def test_export_into_a_path_under_a_file_leaves_nothing(tmp_path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run("show", "peru", "-o", str(blocker / "peru.svg"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"asgm: error: cannot write {blocker / 'peru.svg'}: Not a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_usage_errors_shorten_the_value_they_echo() -> None:
    result = run("show", "peru", "--format", LONG)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (f"asgm: error: Invalid value for '--format' / '-f': '{'x' * 37}...' is not "
                                              "one of 'table', 'text', 'json', 'jsonl', 'csv', 'tsv', 'markdown'.")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_unreadable_data_directory(tmp_path) -> None:
    text(MINIMAL)(tmp_path)
    tmp_path.chmod(0)
    try:
        result = run("show", "testland", "--data-dir", str(tmp_path))
    finally:
        tmp_path.chmod(0o700)
    assert result.exit_code == 1
    assert one_error_line(result, "asgm: error: ") == f"cannot read data directory {tmp_path} (Permission denied)"


# --- Profiles other people wrote (issue 25): bounded work, finite numbers, escaped text, safe writes ---

def three_per_source(n: int) -> str:
    """n sources, each giving a stated share, an ASGM output and a national total for 2020."""
    figs = "".join(observation("asgm_share_of_national_gold", 10 + i % 50, "%", 2020, f"s{i}")
                   + observation("asgm_gold_output", 5 + i % 7, "t/yr", 2020, f"s{i}")
                   + observation("national_gold_production", 100 + i, "t", 2020, f"s{i}") for i in range(n))
    return HEAD + figs + cited(*(f"s{i}" for i in range(n)))


def alternating(n: int) -> str:
    """n observations of one id over three years, alternating between 10 t and 100 t."""
    figs = "".join(observation("asgm_gold_output", 10 if i % 2 else 100, "t/yr", 2000 + i % 3, f"s{i}") for i in range(n))
    return HEAD + figs + cited(*(f"s{i}" for i in range(n)))


def own_totals(n: int) -> str:
    """n sources each stating a share of 90 % and giving a total for 2020, and n others an ASGM
    output: each stated share is compared with its own source's total and every output."""
    figs = "".join(observation("asgm_share_of_national_gold", 90, "%", 2020, f"s{i}")
                   + observation("national_gold_production", 100 + i, "t", 2020, f"s{i}")
                   + observation("asgm_gold_output", 5 + i, "t/yr", 2020, f"p{i}") for i in range(n))
    return HEAD + figs + cited(*(f"s{i}" for i in range(n)), *(f"p{i}" for i in range(n)))


def industrial(n: int) -> str:
    """n undated ASGM outputs of 50 t against n industrial-only totals of 10 t, one a year."""
    figs = "".join(observation("asgm_gold_output", 50, "t/yr", "null", f"s{i}")
                   + observation("national_gold_production", 10, "t", 1900 + i, f"s{i}").replace(
                       "    source:", "    scope: industrial\n    source:") for i in range(n))
    return HEAD + figs + cited(*(f"s{i}" for i in range(n)))


@pytest.mark.parametrize(("make", "n"), [(three_per_source, 120), (alternating, 198), (own_totals, 66), (industrial, 100)],
                         ids=["stated-vs-derived", "disagreement", "stated-vs-own-totals", "bases-industrial"])
def test_check_work_grows_with_the_profile_not_its_square(tmp_path, monkeypatch, make, n: int) -> None:
    """Counted, not timed: every rule computes an observation's interval a few times, not once per pair."""
    import importlib

    check = importlib.import_module("asgm_cli.check")  # the package's own ``check`` is the API function
    calls = counting(monkeypatch, check, "interval")
    text(make(n))(tmp_path)
    result = run("check", "testland", "--data-dir", str(tmp_path), "--json")
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert len(calls) <= 25 * n * (1 if make is alternating else 3), len(calls)
    found = run_json_any(result)
    assert len(found) <= 5 * check.MAX_FINDINGS
    assert len({(f["rule"], f["message"]) for f in found}) == len(found)  # said once


def test_impossible_shares_meet_each_statement_once_not_every_pair(tmp_path, monkeypatch) -> None:
    """200 sources giving one ASGM output above 200 sources' one total: one share computed, one error."""
    import importlib

    calls = counting(monkeypatch, importlib.import_module("asgm_cli.stats"), "share_of")
    figs = "".join(observation("asgm_gold_output", 50, "t/yr", 2020, f"s{i}")
                   + observation("national_gold_production", 10, "t", 2020, f"s{i}") for i in range(200))
    text(HEAD + figs + cited(*(f"s{i}" for i in range(200))))(tmp_path)
    result = run("check", "testland", "--data-dir", str(tmp_path), "--json")
    assert result.exit_code == 1, result.stderr
    assert [f["message"] for f in run_json_any(result) if f["rule"] == "impossible"] == [
        "Gold produced by ASGM as a share: 50 t/yr (2020) of national gold production, 10 t (2020), is 500 %: "
        "a share cannot exceed 100 %."]
    assert len(calls) <= 10, len(calls)  # the headline and the year's statistics, and check's one pair


def counting(monkeypatch, module, name: str) -> list[None]:
    """Replace ``module.name`` by a wrapper that appends to the list returned, once a call."""
    calls: list[None] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def run_json_any(result) -> list:
    import json

    return json.loads(result.stdout)


def test_suggestions_for_unknown_sources_are_bounded(tmp_path, monkeypatch) -> None:
    """1,000 figures citing unknown sources once took validate 28 s: a fuzzy match for each."""
    import difflib

    calls = counting(monkeypatch, difflib, "get_close_matches")
    figs = "".join(observation("own_count", i + 1, "people", 2020, f"s{i}x", label="A count") for i in range(150))
    path = text(HEAD + figs + cited(*(f"s{i}" for i in range(150))))(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 150
    assert lines[0].endswith("figures[0].source: no source has the id 's0x'; did you mean 's0'?")
    assert lines[-1].endswith("figures[149].source: no source has the id 's149x'")  # past the first 20: no hint
    assert len(calls) <= 25, len(calls)


def run_asgm(*args: str, cache: Path, stdin: int | None = None, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """asgm in a fresh interpreter, killed after ``timeout`` seconds (a hang is a failure, not a stuck suite)."""
    env = {**os.environ, "ASGM_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "asgm_cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=stdin)


@pytest.mark.parametrize("kind", ["fifo", "stdin"])
def test_a_fifo_named_yaml_does_not_hang_a_lookup(tmp_path, kind: str) -> None:
    d = tmp_path / "d"
    d.mkdir()
    if kind == "fifo":
        os.mkfifo(d / "x.yaml")
    else:
        (d / "x.yaml").symlink_to("/dev/stdin")
    read, write = os.pipe()  # asgm's stdin: a pipe that stays open and empty, as a terminal would
    try:
        for args in (["show", "PE", "--format", "text"], ["get", "Perú", "asgm_gold_output"]):
            result = run_asgm(*args, "--data-dir", str(d), cache=tmp_path / "cache", stdin=read)
            assert result.returncode == 0, result.stderr
        unknown = run_asgm("show", "atlantis", "--data-dir", str(d), cache=tmp_path / "cache", stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("asgm: error: 'atlantis' is not a planetGOLD country with a profile (asgm list")


def test_header_fields_reads_through_the_safe_reader(tmp_path) -> None:
    from asgm_cli.catalog import header_fields

    (tmp_path / "dir.yaml").mkdir()
    assert header_fields(tmp_path / "dir.yaml") == []  # not a regular file (a FIFO: see the test above)
    big = tmp_path / "big.yaml"
    big.write_text("name: Big\n" + "#" * 2_000_000 + "\n", encoding="utf-8")
    assert header_fields(big) == [("name", "Big")]


ZERO_TOTAL = (HEAD + observation("asgm_share_of_national_gold", 20, "%", 2020, "src")
              + observation("asgm_gold_output", 5, "t/yr", 2020, "src")
              + observation("national_gold_production", 0, "t", 2020, "src") + cited("src"))


def test_a_national_production_of_zero_does_not_crash_check(tmp_path) -> None:
    import asgm_cli

    text(ZERO_TOTAL)(tmp_path)
    assert run("validate", str(tmp_path / "testland.yaml")).exit_code == 0
    result = run("check", "testland", "--data-dir", str(tmp_path), "--fields", "rule,message")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert "impossible\tNational gold production is 0 t (2020): a count or quantity must be above zero." in result.stdout
    assert run("show", "testland", "--data-dir", str(tmp_path)).exit_code == 0
    assert "impossible" in [f["rule"] for f in asgm_cli.check("testland", data_dirs=[tmp_path])]


def test_non_utf8_file_names_do_not_crash_machine_output(tmp_path) -> None:
    import json

    d = Path(os.fsdecode(bytes(tmp_path) + b"/d\xff"))
    d.mkdir()
    (d / "testland.yaml").write_text(MINIMAL, encoding="utf-8")
    bad = Path(os.fsdecode(bytes(tmp_path) + b"/x\xfe.yaml"))
    bad.write_text(MINIMAL, encoding="utf-8")
    result = run("validate", "--json", str(d / "testland.yaml"), str(bad))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    reports = json.loads(result.stdout)
    assert [r["valid"] for r in reports] == [True, False]
    assert reports[0]["file"] == str(d / "testland.yaml")  # \udcff in JSON: os.fsencode gives the bytes back
    for fmt in ("--json", "--csv"):
        listed = run("list", fmt, "--data-dir", str(d))
        assert listed.exit_code == 0, listed.stderr
    rows = json.loads(run("list", "--json", "--data-dir", str(d)).stdout)
    assert os.fsencode(next(r for r in rows if r["id"] == "testland")["path"]) == bytes(d) + b"/testland.yaml"


def tiny_divisor() -> str:
    """ASGM gold of 1e15 t shared among 1e-300 miners: the quotient is beyond a float."""
    return (HEAD + observation("asgm_gold_output", "1e15", "t/yr", 2020, "src")
            + observation("asgm_miners", "1e-300", "people", 2020, "src") + cited("src"))


def test_an_overflowing_statistic_is_left_out_never_inf(tmp_path) -> None:
    import json

    text(tiny_divisor())(tmp_path)
    result = run("stats", "testland", "--data-dir", str(tmp_path), "--json")
    assert result.exit_code == 0, result.stderr
    assert "gold_per_miner" not in [s["id"] for s in json.loads(result.stdout)]
    got = run("get", "testland", "gold_per_miner", "--data-dir", str(tmp_path))
    assert (got.exit_code, got.stdout) == (1, "")
    assert got.stderr == ("asgm: error: testland has no value for gold_per_miner (its inputs are missing, or its result "
                          "is beyond a number's range)\n")


def test_the_largest_gold_figure_draws_and_ranks(tmp_path) -> None:
    text(edit("value: 10\n    unit: t/yr", "value: 1e15\n    unit: Moz"))(tmp_path)
    chart = run("show", "testland", "--chart", "asgm_gold_output", "--data-dir", str(tmp_path), "--format", "text")
    assert chart.exit_code == 0, chart.stderr
    ranked = run("rank", "asgm_gold_output", "--data-dir", str(tmp_path), "--fields", "position,country")
    assert ranked.exit_code == 0, ranked.stderr
    assert ranked.stdout.splitlines()[1] == "1\ttestland"


def test_cache_sweeps_only_its_own_temporary_files(tmp_path) -> None:
    import time

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    old = time.time() - 7200
    for name in ("notes.tmp", ".entry-left.tmp"):
        (cache / name).write_bytes(b"x")
        os.utime(cache / name, (old, old))
    text(MINIMAL)(tmp_path)
    result = run("show", "testland", "--data-dir", str(tmp_path), env={"ASGM_CACHE_DIR": str(cache)})
    assert result.exit_code == 0
    names = sorted(p.name for p in cache.iterdir())
    assert "notes.tmp" in names and ".entry-left.tmp" not in names
    assert len([n for n in names if n.endswith(".json")]) == 1


def test_a_cache_directory_that_is_a_symlink_is_not_used(tmp_path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(mine)
    text(MINIMAL)(tmp_path)
    result = run("show", "testland", "--data-dir", str(tmp_path), env={"ASGM_CACHE_DIR": str(tmp_path / "link")})
    assert result.exit_code == 0
    assert list(mine.iterdir()) == []
    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    (home / ".cache" / "asgm").symlink_to(mine)
    env = {"HOME": str(home), "XDG_CACHE_HOME": "", "ASGM_CACHE_DIR": None}
    assert run("show", "testland", "--data-dir", str(tmp_path), env=env).exit_code == 0  # type: ignore[dict-item]
    assert list(mine.iterdir()) == []


INJECTED = "<script>alert(1)</script> & <b>bold</b>"


def test_html_and_markdown_escape_profile_text(tmp_path) -> None:
    text(edit("summary: A profile for tests.", f"summary: 'See https://x.org/\"><script>alert(2)</script> {INJECTED}'")
         .replace("label: Gold produced by ASGM", f"label: '{INJECTED}'").replace("asgm_gold_output", "own_gold"))(tmp_path)
    page = tmp_path / "t.html"
    assert run("show", "testland", "--data-dir", str(tmp_path), "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert '"><script>' not in html and "&lt;script&gt;" in html
    svg = tmp_path / "t.svg"
    assert run("show", "testland", "--data-dir", str(tmp_path), "-o", str(svg)).exit_code == 0
    assert "<script>" not in svg.read_text(encoding="utf-8")
    md = run("show", "testland", "--data-dir", str(tmp_path), "--export", "-").stdout
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in md
    assert "<https://example.org/test>" in md  # a URL is still a link
    table = run("figures", "testland", "--data-dir", str(tmp_path), "--format", "markdown", "--fields", "label").stdout
    assert table.splitlines()[2] == "| &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; |"


def test_control_characters_never_reach_the_terminal(tmp_path) -> None:
    name = "x\x1b]0;pwned\x07y.yaml"
    (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    result = run("validate", str(tmp_path / name))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "x]0;pwnedy.yaml" in result.stdout
    from asgm_cli.errors import strip_control

    assert strip_control("a\x1b[31mb\x9b\x07c\n\td") == "a[31mbc\n\td"


def test_two_packages_written_at_once_never_mix(tmp_path, monkeypatch) -> None:
    """The second run starts while the first is between its renames: it waits, and wins whole."""
    import threading

    from asgm_cli import datapackage

    a = {"a.csv": "A\n", "b.csv": "A\n", "datapackage.json": "A\n"}
    b = {"a.csv": "B\n", "b.csv": "B\n", "datapackage.json": "B\n"}
    real = os.replace
    second = threading.Thread(target=datapackage.write, args=(str(tmp_path), b, True))

    def slow_replace(src: str, dst: str) -> None:
        if not second.is_alive() and second.ident is None:
            second.start()
            second.join(0.5)  # without a lock, the second run finishes here, inside the first
        real(src, dst)

    monkeypatch.setattr(datapackage.os, "replace", slow_replace)
    datapackage.write(str(tmp_path), a, True)
    second.join()
    assert {n: (tmp_path / n).read_text() for n in a} == b


def test_export_keeps_write_protected_files_and_hard_links(tmp_path) -> None:
    target = tmp_path / "sheet.md"
    target.write_text("mine\n", encoding="utf-8")
    target.chmod(0o444)
    result = run("show", "peru", "-o", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"asgm: error: cannot write {target}: it is write-protected; --force replaces it\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run("show", "peru", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Peru")
    assert target.stat().st_mode & 0o777 == 0o444
    linked, other = tmp_path / "linked.md", tmp_path / "other.md"
    linked.write_text("old\n", encoding="utf-8")
    os.link(linked, other)
    refused = run("show", "peru", "-o", str(linked))
    assert refused.exit_code == 1
    assert refused.stderr == (f"asgm: error: cannot write {linked}: it has 2 hard links, which would keep the old text; "
                              "--force writes through all of them\n")
    assert run("show", "peru", "-o", str(linked), "--force").exit_code == 0
    assert other.read_text(encoding="utf-8") == linked.read_text(encoding="utf-8") != "old\n"
    assert os.stat(linked).st_ino == os.stat(other).st_ino


@pytest.mark.parametrize("home", ["", "/", "relative/home", "{tmp}/missing"])
def test_completion_is_not_installed_into_an_unusable_home(tmp_path, monkeypatch, home: str) -> None:
    monkeypatch.chdir(tmp_path)  # a relative HOME would be taken from here
    result = run("--install-completion", "bash", env={"HOME": home.format(tmp=tmp_path), "SHELL": "/bin/bash"})
    assert result.exit_code == 1
    assert result.stderr.startswith("asgm: error: cannot install completion: HOME (")
    assert result.stderr.endswith(") is not a home directory\n")


def test_smaller_things(tmp_path) -> None:
    import json

    text(edit("value: 10\n    unit: t/yr", "value: 12\n    unit: kg").replace("asgm_gold_output", "national_gold_production")
         .replace("label: Gold produced by ASGM", "label: National gold production"))(tmp_path)
    sheet = run("show", "testland", "--data-dir", str(tmp_path), "--format", "text").stdout
    assert "0.012" in sheet
    (tmp_path / "testland.yaml").write_text(MINIMAL.replace("value: 10\n    unit: t/yr", "value: 0.4\n    unit: kg"),
                                            encoding="utf-8")
    sheet = run("show", "testland", "--data-dir", str(tmp_path), "--format", "text").stdout
    row = next(line for line in sheet.splitlines() if line.startswith("Gold produced by ASGM"))
    assert "0.0004" in row, row  # 0.4 kg is 0.0004 t, not 0 t
    one = json.loads(run("figures", "peru", "--json").stdout)
    assert json.loads(run("figures", "peru", "PE", "Perú", "--json").stdout) == one


def test_check_compares_tiny_values_at_their_own_precision(tmp_path) -> None:
    figs = (observation("own_mass", "1e-07", "t", 2020, "a", label="A mass")
            + observation("own_mass", "3e-07", "t", 2020, "b", label="A mass"))
    text(HEAD + observation("asgm_gold_output", 10, "t/yr", 2020, "a") + figs + cited("a", "b"))(tmp_path)
    result = run("check", "testland", "--data-dir", str(tmp_path), "--fields", "rule,years")
    assert "disagreement\t2020" in result.stdout.splitlines()


@pytest.mark.parametrize(("call", "message"), [
    (lambda a: a.load(None), "country must be a string, got NoneType"),
    (lambda a: a.load(5), "country must be a string, got int"),
    (lambda a: a.figures(5), "countries must be a list, got int"),
    (lambda a: a.figures([None]), "countries must hold names, got NoneType"),
    (lambda a: a.figures("peru", year="2020"), "year must be a whole number, got str"),
    (lambda a: a.figures("peru", year=True), "year must be a whole number, got bool"),
    (lambda a: a.stats("peru", gold_price="2000"), "gold_price must be a number of USD per troy ounce, got '2000'"),
    (lambda a: a.stats("peru", gold_price=1e308), "gold_price must be at most 1,000,000 USD per troy ounce, got 1e+308"),
    (lambda a: a.check(stale_years=2.5), "stale_years must be a whole number, got float"),
    (lambda a: a.load("peru", data_dirs=[3]), "data_dirs must hold names, got int"),
    (lambda a: a.load("peru", data_dirs=[""]), "a data directory cannot be an empty name (it would mean the working directory)"),
    (lambda a: a.profiles(data_dirs=5), "data_dirs must be a list, got int"),
    (lambda a: a.check(stale_years=None), "stale_years must be a whole number, got NoneType"),
    (lambda a: a.to_dataframe(5), "records must be a list, got int"),
    (lambda a: a.to_dataframe(["peru"]), "records must hold records (dicts), got str"),
])
def test_the_api_raises_plain_asgm_errors(call, message: str) -> None:
    import asgm_cli

    with pytest.raises(asgm_cli.UsageFailed) as info:
        call(asgm_cli)
    assert str(info.value) == message
    assert "--" not in str(info.value)


def test_empty_selections_give_empty_results() -> None:
    import asgm_cli

    assert asgm_cli.figures([]) == [] and asgm_cli.check([]) == []
    assert len(asgm_cli.figures(["peru", "PE", "Perú"])) == len(asgm_cli.figures("peru"))


def test_bases_says_a_pair_once_as_it_is_found(tmp_path) -> None:
    """Two sources giving one value against an industrial-only total: one note, made once."""
    import importlib

    import asgm_cli

    whole = observation("national_gold_production", 100, "t", 2020, "a").replace(
        "    source: a\n", "    scope: industrial\n    source: a\n")
    text(HEAD + observation("asgm_gold_output", 10, "t/yr", 2020, "a") + observation("asgm_gold_output", 10, "t/yr", 2020, "b")
         + whole + cited("a", "b"))(tmp_path)
    found = importlib.import_module("asgm_cli.check").bases(asgm_cli.load("testland", data_dirs=[tmp_path]))
    assert [f.years for f in found] == [(2020,)]
