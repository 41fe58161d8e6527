"""The pre-commit hooks: each entry is an asgm command that exists, and runs as pre-commit runs it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import typer
import yaml

from asgm_cli.cli import app
from conftest import MINIMAL, ROOT, write_profile

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ASGM = str(Path(sys.executable).parent / "asgm")


def _hook(hid: str) -> dict:
    return next(h for h in HOOKS if h["id"] == hid)


def test_hooks_are_declared() -> None:
    assert [h["id"] for h in HOOKS] == ["asgm-validate", "asgm-check"]
    for h in HOOKS:
        assert h["language"] == "python"
        assert re.search(h["files"], "profiles/peru.yaml") and re.search(h["files"], "x.yml")
        assert not re.search(h["files"], "README.md")
        assert re.search(h["exclude"], ".pre-commit-config.yaml") and re.search(h["exclude"], ".github/ci.yml")
        assert not re.search(h["exclude"], "profiles/peru.yaml")


def test_entries_are_commands_and_options_that_exist() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'asgm = "asgm_cli.entry:main"' in pyproject  # the console script the entries call
    group = typer.main.get_command(app)
    for h in HOOKS:
        words = shlex.split(h["entry"]) + h.get("args", [])
        assert words[0] == "asgm"
        command = group.commands[words[1]]
        options = {o for p in command.params for o in p.opts}
        assert {w for w in words[2:] if w.startswith("-")} <= options, h["id"]


def _run(hid: str, files: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook as pre-commit runs it: entry, args, then the staged files unless pass_filenames is false."""
    h = _hook(hid)
    argv = [ASGM] + shlex.split(h["entry"])[1:] + h.get("args", []) + (files if h.get("pass_filenames", True) else [])
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=cwd)


def test_validate_hook_passes_a_good_profile_and_fails_a_bad_one(tmp_path: Path) -> None:
    write_profile(tmp_path, MINIMAL)
    ok = _run("asgm-validate", ["testland.yaml"], tmp_path)
    assert (ok.returncode, ok.stdout) == (0, "testland.yaml: valid\n")
    write_profile(tmp_path, MINIMAL.replace("value: 10", "value: -1"))
    bad = _run("asgm-validate", ["testland.yaml"], tmp_path)
    assert (bad.returncode, bad.stdout) == (1, "testland.yaml:10:12: figures[0].value: must not be negative, got -1\n")


def test_check_hook_fails_on_an_impossible_number(tmp_path: Path) -> None:
    write_profile(tmp_path, MINIMAL)
    assert _run("asgm-check", ["testland.yaml"], tmp_path).returncode == 0
    impossible = MINIMAL.replace("sources:", """  - id: national_gold_production
    value: 5
    unit: t
    qualifier: null
    year: 2020
    source: src
    quote: "5 tonnes"
sources:""")
    write_profile(tmp_path, impossible)
    p = _run("asgm-check", ["testland.yaml"], tmp_path)
    assert p.returncode == 1
    assert p.stdout.splitlines()[1].split("\t")[:3] == ["testland", "error", "impossible"]
