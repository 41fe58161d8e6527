"""The README cannot drift: its shell examples run as shown, and every command and option is in it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from asgm_cli.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = str(Path(sys.executable).parent)


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ ` line of every ```console block."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            out.append((command, expected))
    return out


EXAMPLES = console_examples()
#: files the README shows in full (a ```yaml block after `<!-- file: PATH -->`), written before the examples run
FILES = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", README, re.S)


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert [name for name, _ in FILES] == ["mydata/mali.yaml"]


#: tools an example may use that the test extra does not install (CI installs them: .ci/run)
SYSTEM_TOOLS = ("jq",)


def missing_tools(command: str, path: str) -> list[str]:
    """The system tools ``command`` uses that are not on ``path``."""
    return [t for t in SYSTEM_TOOLS if re.search(rf"(^|[|;&(]\s*){t}\b", command) and shutil.which(t, path=path) is None]


def test_missing_tools(tmp_path) -> None:
    assert missing_tools("asgm list --json | jq -r '.[].id'", str(tmp_path)) == ["jq"]
    assert missing_tools("asgm list --json | jq -r '.[].id'", os.environ["PATH"]) == ([] if shutil.which("jq") else ["jq"])
    assert missing_tools("asgm figures peru --fields id | grep jq_like", str(tmp_path)) == []


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c[:50] for c, _ in EXAMPLES])
def test_readme_example_runs_as_shown(command: str, expected: str, tmp_path_factory) -> None:
    missing = missing_tools(command, os.environ.get("PATH", ""))
    if missing:
        pytest.skip(f"this README example needs {', '.join(missing)}, which is not installed")
    workdir = tmp_path_factory.getbasetemp() / "readme"
    workdir.mkdir(exist_ok=True)
    for name, text in FILES:
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "ASGM_DATA_PATH")}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    p = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, env=env, cwd=workdir)
    assert p.stdout == expected, p.stderr
    assert "Traceback" not in p.stderr


def _params():
    group = typer.main.get_command(app)
    yield "", [o for p in group.params for o in p.opts if o.startswith("--")]
    for name, cmd in group.commands.items():
        yield name, [o for p in cmd.params for o in p.opts + p.secondary_opts if o.startswith("--")]


@pytest.mark.parametrize(("name", "options"), list(_params()), ids=lambda x: str(x)[:30])
def test_every_command_and_option_is_documented(name: str, options: list[str]) -> None:
    if name:
        assert f"`asgm {name}" in README, f"command '{name}' is not in the README"
    for opt in options:
        if opt == "--help":
            continue
        assert re.search(rf"`[^`]*{re.escape(opt)}\b", README), f"option {opt} of '{name or 'asgm'}' is not documented"


#: the README's notebook example: a ```python block after `<!-- python-example -->`, and what it prints
PYTHON_EXAMPLES = re.findall(r"<!-- python-example -->\n```python\n(.*?)```.*?<!-- python-output -->\n```text\n(.*?)```",
                             README, re.S)


def test_python_api_example_prints_as_shown(tmp_path) -> None:
    assert len(PYTHON_EXAMPLES) == 1
    code, expected = PYTHON_EXAMPLES[0]
    env = {k: v for k, v in os.environ.items() if k not in ("ASGM_DATA_PATH", "COLUMNS")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout == expected
