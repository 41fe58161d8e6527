"""A few tests of the installed ``asgm`` in real subprocesses: pipes, closed streams, -m."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import sys
from pathlib import Path

import pytest

ASGM = str(Path(sys.executable).parent / "asgm")
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "ASGM_DATA_PATH")}


def sh(cmd: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=60,
                          env={**ENV, **env, "ASGM": ASGM}, cwd="/")


def test_installed_script_exists() -> None:
    assert Path(ASGM).exists(), "install the package first: pip install -e '.[test]'"


def test_json_through_a_pipe() -> None:
    p = sh('"$ASGM" figures peru --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))"')
    assert (p.returncode, p.stdout, p.stderr) == (0, "42\n", "")


def test_closed_pipe_ends_quietly() -> None:
    p = sh('set -o pipefail; "$ASGM" figures --json | head -c 100 >/dev/null; echo "status=${PIPESTATUS[0]}"')
    assert p.stderr == ""
    assert p.stdout.strip() in ("status=0", "status=141")  # 141: ended by SIGPIPE, as cat or grep would be


def test_closed_stdout_is_a_clear_error() -> None:
    p = sh('"$ASGM" list >&-')
    assert p.returncode == 1
    assert p.stderr == "asgm: error: standard output is closed\n"


def test_python_dash_m() -> None:
    p = subprocess.run([sys.executable, "-m", "asgm_cli", "show", "peru", "--json"], capture_output=True,
                       text=True, timeout=60, env=ENV, cwd="/")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["country"]["id"] == "peru"


def test_show_in_a_pipe_is_plain_text() -> None:
    p = sh('"$ASGM" show peru | cat')
    assert p.returncode == 0
    assert p.stdout.startswith("Peru (Perú)\n")
    assert "\x1b[" not in p.stdout and "─" not in p.stdout


def test_ascii_only_locale_does_not_crash() -> None:
    p = sh('"$ASGM" show peru', PYTHONIOENCODING="ascii", LC_ALL="C")
    assert p.returncode == 0, p.stderr
    assert "<= 250,000" in p.stdout and "100,000 people (2019)" in p.stdout and "[u]" in p.stdout
    p.stdout.encode("ascii")


@pytest.mark.parametrize("cmd", ["show nowhere", "stats peru --year 1999"])
def test_errors_are_one_line_without_traceback(cmd: str) -> None:
    p = sh(f'"$ASGM" {cmd}')
    assert p.returncode == 1
    assert p.stdout == ""
    assert len(p.stderr.splitlines()) == 1 and p.stderr.startswith("asgm: error: ")


def test_force_color_colours_the_table() -> None:
    p = sh('"$ASGM" show peru --format table', FORCE_COLOR="1")
    assert p.returncode == 0
    assert "\x1b[" in p.stdout


@pytest.mark.parametrize("how", ["NO_COLOR=1", "TERM=dumb", "--no-color"])
def test_colour_off(how: str) -> None:
    if how.startswith("--"):
        p = sh(f'FORCE_COLOR=1 "$ASGM" show peru --format table {how}')
    else:
        p = sh(f'FORCE_COLOR=1 {how} "$ASGM" show peru --format table')
    assert p.returncode == 0
    assert "\x1b[" not in p.stdout


@pytest.mark.parametrize("fmt", ["text", "table"])
def test_narrow_terminal_stays_within_40_columns(fmt: str) -> None:
    p = sh(f'"$ASGM" show peru --format {fmt}', COLUMNS="40")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    too_long = [line for line in lines if len(line.rstrip()) > 40 and "://" not in line]
    assert too_long == []


def test_completion_offers_country_ids_and_value_ids() -> None:
    p = sh('_ASGM_COMPLETE=complete_bash COMP_WORDS="asgm show pe" COMP_CWORD=2 "$ASGM"')
    assert p.stdout.split() == ["peru"]
    p = sh('_ASGM_COMPLETE=complete_bash COMP_WORDS="asgm get peru gold_" COMP_CWORD=3 "$ASGM"')
    assert p.stdout.split() == ["gold_per_miner", "gold_per_asgm_worker"]


def test_charts_fall_back_to_ascii_at_80_columns() -> None:
    p = sh('"$ASGM" show peru --chart production', PYTHONIOENCODING="ascii", LC_ALL="C", COLUMNS="80")
    assert (p.returncode, p.stderr) == (0, "")
    assert all(len(line) <= 80 for line in p.stdout.splitlines())
    assert re.search(r"^2019 +#+-+ +128\.5 t \(= 4\.13 Moz\), ASGM 27\.7 t$", p.stdout, re.M), p.stdout
    assert re.search(r"^2023 \[4\] +-+ +99\.7 t$", p.stdout, re.M), p.stdout


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    # Interrupt asgm while it loads a profile, as Ctrl-C would (SIGINT raises KeyboardInterrupt).
    code = ("import signal, sys; from asgm_cli import catalog, cli; "
            "catalog.Catalog.find = lambda self, q: signal.raise_signal(signal.SIGINT); "
            "sys.argv = ['asgm', 'show', 'peru']; cli.main()")
    p = sh(f'"{sys.executable}" -c "{code}"')
    assert (p.returncode, p.stdout, p.stderr) == (130, "", "")


def test_columns_20_stays_within_20_columns() -> None:
    p = sh('"$ASGM" show peru', COLUMNS="20")
    assert (p.returncode, p.stderr) == (0, "")
    assert [line for line in p.stdout.splitlines() if len(line) > 20] == []


LIMITS = (f'"{sys.executable}" -c "import resource, subprocess, sys; '
          'resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20)); '
          'sys.exit(subprocess.run(sys.argv[1:], timeout=10).returncode)" "$ASGM"')


@pytest.mark.parametrize("make", ["bomb", "oversize", "dev-zero", "deep"])
def test_bombs_stay_within_memory_and_time(tmp_path, make: str) -> None:
    path = tmp_path / "bomb.yaml"
    if make == "bomb":
        lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif make == "oversize":
        path.write_bytes(b"# " + b"x" * (64 << 20))
    elif make == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    start = time.monotonic()
    p = sh(f"{LIMITS} validate {path}")
    assert time.monotonic() - start < 10
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr and "MemoryError" not in p.stderr
    assert p.stdout.startswith(f"{path}"), p.stdout


def test_latin_1_and_cp1252_keep_their_letters() -> None:
    for encoding, fmt in (("latin-1", "text"), ("cp1252", "table")):
        p = subprocess.run([ASGM, "show", "peru", "--format", fmt], capture_output=True, timeout=60,
                           env={**ENV, "PYTHONIOENCODING": encoding}, cwd="/")
        assert (p.returncode, p.stderr) == (0, b"")
        text = p.stdout.decode(encoding)
        assert text.startswith("Peru (Perú)\n"), text[:40]
        assert "Boletín" in text and "Per?" not in text and "Bolet?n" not in text
        assert "<= 250,000" in text  # '≤' is in neither encoding: its ASCII stand-in
