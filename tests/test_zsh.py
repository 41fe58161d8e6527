"""zsh completion keeps apostrophes in help text: "a country's", not "a countrys"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ASGM = str(Path(sys.executable).parent / "asgm")
# What the completion function of `asgm --show-completion zsh` does with asgm's answer, with
# _arguments replaced by a function that prints the words it is given. bash and zsh both read
# '\'' inside single quotes as an apostrophe, and neither reads '' as one (zsh only with RC_QUOTES).
SCRIPT = '_arguments() { printf "%s\\n" "$@"; }; eval $(_ASGM_COMPLETE=complete_zsh _TYPER_COMPLETE_ARGS="asgm " "$ASGM")'
SHELLS = ["bash"] + (["zsh"] if shutil.which("zsh") else [])


def complete(shell: str, cwd: Path) -> str:
    env = {**os.environ, "ASGM": ASGM}
    p = subprocess.run([shell, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env, cwd=cwd)
    assert (p.returncode, p.stderr) == (0, ""), p.stderr
    return p.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_apostrophes_survive_eval(shell: str, tmp_path: Path) -> None:
    out = complete(shell, tmp_path)
    assert '"strategies":"The key strategies of a country\'s planetGOLD project."' in out
    assert '"list":"Every profile\\\\: id, name, ISO codes, region, origin."' in out  # colons: escaped as Typer does
    assert "countrys" not in out


def test_raw_answer_quotes_for_zsh() -> None:
    env = {**os.environ, "_ASGM_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "asgm "}
    p = subprocess.run([ASGM], capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 0
    assert p.stdout.startswith("_arguments '*: :((\"show\":")
    assert '"strategies":"The key strategies of a country\'\\\'\'s planetGOLD project."' in p.stdout


def test_country_completion_still_works(tmp_path: Path) -> None:
    env = {**os.environ, "_ASGM_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "asgm show pe"}
    p = subprocess.run([ASGM], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert (p.returncode, p.stdout) == (0, "_arguments '*: :((\"peru\"))'\n")
