"""Hostile input, one table: every case ends with its exit code and one clear stderr line.

Each case builds its input in a temporary directory, runs asgm as a user would, and checks the
exit code, the exact message (or its start, where the OS words it), empty stdout and no traceback.
"""

from __future__ import annotations

import datetime
import os
import socket
from pathlib import Path
from typing import Callable

import pytest

from conftest import MINIMAL, run

NEXT_YEAR = datetime.date.today().year + 1
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
RANGE = MINIMAL.replace("    value: 10\n", "    low: 12\n    high: 3\n")
TARGET = "targets:\n  - id: t\n    label: A target\n    source: src\n    quote: \"q\"\n"


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
]

ACCEPTED = [  # inputs that look hostile and are fine
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
    (["get", "peru", LONG], "asgm: error: unknown id", 1),
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
    (["show", "peru", "-o", "/dev/full", "--export-format", "txt"], "asgm: error: cannot write /dev/full: not a regular file", 1),
    (["show", "peru", "--export", "/dev/full"], "asgm: error: cannot write /dev/full: not a regular file\n", 1),
    (["figures", "peru", "--fields", LONG], f"asgm: error: unknown field '{'x' * 37}...'; valid fields: country, ", 2),
    (["show", "peru", "--export", LONG], f"asgm: error: cannot tell the export format of '{'x' * 58}...{'x' * 59}'; ", 2),
    (["show", "peru", "--export", f"/tmp/{LONG}.txt"], f"asgm: error: cannot write /tmp/{'x' * 53}...{'x' * 55}.txt: "
                                                      "File name too long\n", 1),
    (["show", "peru", "--data-dir", LONG], f"asgm: error: cannot read data directory {'x' * 58}...{'x' * 59} "
                                           "(File name too long)\n", 1),
    (["compare", "peru", "--indicators", LONG], f"asgm: error: unknown indicator '{'x' * 37}...'", 1),
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
    assert result.stderr.splitlines()[-1] == (f"Error: Invalid value for '--format' / '-f': '{'x' * 37}...' is not "
                                              "one of 'table', 'text', 'json'.")


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
