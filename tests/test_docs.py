"""The documentation cannot drift: the shell examples of README.md, CONTRIBUTING.md and docs/*.md run as
shown, every command and option is documented in them, and their links lead somewhere."""

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
from doctexts import CONSOLE, commands, doc_texts, shown_files

TEXTS = doc_texts()
README = TEXTS["README.md"]
#: every documentation file's text, for "is it documented anywhere"
ALL_DOCS = "\n".join(TEXTS.values())
BIN = str(Path(sys.executable).parent)


def console_examples() -> list[tuple[str, str, str]]:
    """(file, command, expected output) for every `$ ` line of every ```console block of every file."""
    return [(name, command, expected) for name, text in TEXTS.items()
            for block in CONSOLE.findall(text) for command, expected in commands(block)]


EXAMPLES = console_examples()
#: files the documentation shows in full, written before the examples run
FILES = shown_files(TEXTS)


def test_there_are_examples() -> None:
    assert len([e for e in EXAMPLES if e[0] == "README.md"]) >= 3
    assert len(EXAMPLES) >= 40
    assert {name for name, _, _ in EXAMPLES} >= {"README.md", "docs/scripting.md", "docs/profiles.md"}
    assert [name for name, _ in FILES] == ["mydata/mali.yaml"]


def test_the_documentation_files_are_found() -> None:
    assert list(TEXTS)[:2] == ["README.md", "CONTRIBUTING.md"]
    assert {"docs/commands.md", "docs/json.md", "docs/statistics.md", "docs/sources.md"} <= set(TEXTS)


#: tools an example may use that the test extra does not install (CI installs them: .ci/run)
SYSTEM_TOOLS = ("jq",)


def missing_tools(command: str, path: str) -> list[str]:
    """The system tools ``command`` uses that are not on ``path``."""
    return [t for t in SYSTEM_TOOLS if re.search(rf"(^|[|;&(]\s*){t}\b", command) and shutil.which(t, path=path) is None]


def test_missing_tools(tmp_path) -> None:
    assert missing_tools("asgm list --json | jq -r '.[].id'", str(tmp_path)) == ["jq"]
    assert missing_tools("asgm list --json | jq -r '.[].id'", os.environ["PATH"]) == ([] if shutil.which("jq") else ["jq"])
    assert missing_tools("asgm figures peru --fields id | grep jq_like", str(tmp_path)) == []


@pytest.mark.parametrize(("doc", "command", "expected"), EXAMPLES, ids=[f"{d}: {c[:50]}" for d, c, _ in EXAMPLES])
def test_documented_example_runs_as_shown(doc: str, command: str, expected: str, tmp_path_factory) -> None:
    missing = missing_tools(command, os.environ.get("PATH", ""))
    if missing:
        pytest.skip(f"this example of {doc} needs {', '.join(missing)}, which is not installed")
    workdir = tmp_path_factory.getbasetemp() / "readme"
    workdir.mkdir(exist_ok=True)
    for name, text in FILES:
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "ASGM_DATA_PATH")}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    p = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, env=env, cwd=workdir)
    assert p.stdout == expected, f"{doc}: {p.stderr}"
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
        assert re.search(rf"`[^`]*{re.escape(opt)}\b", ALL_DOCS), f"option {opt} of '{name or 'asgm'}' is not documented"


#: the notebook example: a ```python block after `<!-- python-example -->`, and what it prints
PYTHON_EXAMPLES = re.findall(r"<!-- python-example -->\n```python\n(.*?)```.*?<!-- python-output -->\n```text\n(.*?)```",
                             ALL_DOCS, re.S)


def test_there_are_python_examples() -> None:
    assert len(PYTHON_EXAMPLES) == 2  # the README's and docs/python.md's


@pytest.mark.parametrize(("code", "expected"), PYTHON_EXAMPLES)
def test_python_api_example_prints_as_shown(code: str, expected: str, tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ASGM_DATA_PATH", "COLUMNS")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout == expected


def _table_examples() -> list[tuple[str, str]]:
    """(command, example) of each row of the README's command table."""
    table = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `asgm (\w+)[^|]*\|[^|]*\| `([^`]+)` \|$", table, re.M)


TABLE = _table_examples()


def test_the_command_table_shows_every_command_once() -> None:
    names = [name for name, _ in TABLE]
    assert sorted(names) == sorted(typer.main.get_command(app).commands) and len(set(names)) == len(names)
    for name, example in TABLE:
        assert example.startswith(f"asgm {name}"), example


@pytest.mark.parametrize(("name", "example"), TABLE, ids=[n for n, _ in TABLE])
def test_the_command_tables_example_runs(name: str, example: str, tmp_path) -> None:
    (tmp_path / "data").symlink_to(ROOT / "data")  # as in the clone the set-up goes into
    env = {k: v for k, v in os.environ.items() if k not in ("ASGM_DATA_PATH", "COLUMNS")}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    p = subprocess.run(["bash", "-c", example], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert (p.returncode, "error" in p.stderr) == (0, False), p.stderr
    assert p.stdout or any(tmp_path.iterdir())


def test_the_set_up_commands_are_the_ones_ci_runs() -> None:
    setup = README.split("\n## Set-up\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert blocks == ["python3 -m venv .venv && . .venv/bin/activate && pip install . && asgm show peru",
                      "pip install -e '.[test]' && python -m pytest"]
    assert "git clone <url> asgm && cd asgm" in setup
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"pip install -q -e '\.\[test\]'\)", ci) and re.search(r"&& python -m pytest -q\)", ci)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """The anchors of a Markdown file's headings (not of `#` lines inside fenced code)."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", prose, re.M)}


def test_slug() -> None:
    assert slug("What `asgm show peru` prints") == "what-asgm-show-peru-prints"
    assert slug("Start-up with `.pyc` files written") == "start-up-with-pyc-files-written"
    assert anchors("# A b\n```yaml\n# not: a heading\n```\n## C, d\n") == {"a-b", "c-d"}


@pytest.mark.parametrize("doc", list(TEXTS))
def test_every_link_leads_somewhere(doc: str) -> None:
    here = (ROOT / doc).parent
    for target in re.findall(r"\]\(([^)\s]+)\)", TEXTS[doc]):
        if re.match(r"https?://", target):
            continue
        path, _, anchor = target.partition("#")
        file = (here / path).resolve() if path else ROOT / doc
        assert file.is_file() and ROOT in file.parents, f"{doc}: {target} is not a file of the repository"
        if anchor:
            assert anchor in anchors(file.read_text(encoding="utf-8")), f"{doc}: no heading for {target}"


def test_every_documentation_file_is_linked_from_the_readme() -> None:
    linked = {(ROOT / t.split("#")[0]).resolve() for t in re.findall(r"\]\(([^)#\s]+)[^)]*\)", README)}
    assert {ROOT / d for d in TEXTS if d != "README.md"} <= linked


@pytest.mark.parametrize(("doc", "heading"), [("README.md", "What `asgm show peru` prints"), ("docs/commands.md", "The fact sheet")])
def test_an_excerpt_of_the_sheet_is_what_show_prints(doc: str, heading: str) -> None:
    from conftest import run

    section = TEXTS[doc].split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    excerpt = re.findall(r"```text\n(.*?)```", section, re.S)[0].splitlines()
    out = run("show", "peru", "--format", "text", env={"COLUMNS": "100"}).stdout.splitlines()
    # every shown line is a line of the sheet, in order; "..." stands for lines left out
    at = 0
    for line in excerpt:
        if line == "...":
            continue
        at = out.index(line, at) + 1
    assert len([x for x in excerpt if x != "..."]) >= 5
