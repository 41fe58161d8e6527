"""Ctrl-C and SIGTERM in real subprocesses: exit 130 or 143, no traceback, no temporary file left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ASGM = str(Path(sys.executable).parent / "asgm")
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "ASGM_DATA_PATH")}


def interpreter_start_up() -> float:
    """Seconds until the installed script's own first line could run: Python's start-up (site,
    .pth files) and the installer's wrapper (`import re`), both before any code of asgm's."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import re"], check=True)
        times.append(time.perf_counter() - start)
    # the slowest of five, not the median: on a loaded machine a signal at 1.5 times the median once
    # reached the wrapper's `import re`, which is Python's to report, not asgm's
    return max(times)


def test_sigint_at_15_moments_of_start_up_is_exit_130_without_a_traceback() -> None:
    # Every profile's figures (about 340 KB; a country named twice counts once) fill the pipe, which
    # is read only after the signal, so asgm is still running at every moment, whether importing,
    # loading or writing.
    argv = [ASGM, "figures", "--json"]
    first = 1.5 * interpreter_start_up()
    moments = [first + i * max(0.150 - first, 0.030) / 14 for i in range(15)]
    seen = []
    for at in moments:
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        time.sleep(at)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=30)
        seen.append((round(at * 1000), p.returncode, err.decode("utf-8", "replace")))
    assert [s for s in seen if s[1:] != (130, "")] == []


def test_python_dash_m_is_also_interrupted_quietly() -> None:
    code = ("import signal, sys; from asgm_cli import catalog; "
            "catalog.Catalog.find = lambda self, q: signal.raise_signal(signal.SIGINT); "
            "sys.argv = ['asgm', 'show', 'peru']; import runpy; runpy.run_module('asgm_cli', run_name='__main__')")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=ENV)
    assert (p.returncode, p.stdout, p.stderr) == (130, "", "")


def killed_while(patch: str, argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run asgm (as ``python -m asgm_cli``) with ``os.<patch>`` sending SIGTERM to asgm itself first."""
    code = (f"import os, runpy, signal, sys; real = os.{patch}\n"
            f"def term(*a, **k):\n    os.kill(os.getpid(), signal.SIGTERM)\n    return real(*a, **k)\n"
            f"os.{patch} = term; sys.argv = ['asgm'] + sys.argv[1:]\n"
            "runpy.run_module('asgm_cli', run_name='__main__')")
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60,
                          env={**ENV, **env}, cwd=cwd)


def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    p = killed_while("fsync", ["show", "peru", "-o", str(out / "peru.svg")], tmp_path,
                     ASGM_CACHE_DIR=str(tmp_path / "c"))
    assert (p.returncode, p.stdout, p.stderr) == (143, "", "")
    assert list(out.iterdir()) == []


def test_sigterm_keeps_an_existing_export_as_it_was(tmp_path) -> None:
    target = tmp_path / "peru.md"
    target.write_text("old\n", encoding="utf-8")
    p = killed_while("fsync", ["show", "peru", "-o", str(target)], tmp_path, ASGM_CACHE_DIR="")
    assert (p.returncode, p.stderr) == (143, "")
    assert [x.name for x in tmp_path.iterdir()] == ["peru.md"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_sigterm_while_writing_a_cache_entry_leaves_no_temporary_file(tmp_path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    p = killed_while("replace", ["get", "peru", "asgm_gold_output"], tmp_path, ASGM_CACHE_DIR=str(cache))
    assert (p.returncode, p.stdout, p.stderr) == (143, "", "")
    assert list(cache.iterdir()) == []


def test_the_handler_removes_what_is_being_written_and_ends_the_process(tmp_path) -> None:
    # Raising from a handler is not safe (Python reports and ignores it in a weakref callback,
    # and wraps it in a RuntimeError in a class body): the handler cleans up and exits instead.
    script = (
        "import os, signal, sys, tempfile\n"
        "import asgm_cli.entry\n"
        "from asgm_cli.errors import TEMPORARY, signals_held\n"
        f"d = {str(tmp_path)!r}\n"
        "with signals_held():\n"
        "    fd, f = tempfile.mkstemp(dir=d); TEMPORARY.add(f)\n"
        "    t = tempfile.mkdtemp(dir=d); TEMPORARY.add(t)\n"
        "open(os.path.join(t, 'part.csv'), 'w').write('x')\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "print('not reached')\n"
    )
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert (p.returncode, p.stdout, p.stderr) == (143, "", "")
    assert list(tmp_path.iterdir()) == []
