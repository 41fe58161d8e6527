"""The pager: on a terminal, output taller than the screen goes through ``$ASGM_PAGER``, then
``$PAGER``, then ``less -FRX``, as git and gh do. Never when stdout is not a terminal.

Loaded only by the commands that print tables and documents (``get`` never pays for it).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Any, Iterator

DEFAULT = "less -FRX"  # -F: quit if one screen; -R: keep colours; -X: leave the text on screen


def pager_command() -> str:
    """The pager to run: ``$ASGM_PAGER``, else ``$PAGER``, else ``less -FRX``; '' or ``cat`` means none."""
    for var in ("ASGM_PAGER", "PAGER"):
        value = os.environ.get(var)
        if value is not None:
            return "" if value.strip() in ("", "cat") else value
    return DEFAULT


def screen_lines() -> int:
    """The terminal's height in lines (``$LINES`` first, as the shell sets it)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).lines


def show(text: str, command: str) -> bool:
    """Send ``text`` to the pager ``command``; False when it cannot be started (the caller prints it)."""
    import shlex
    import shutil
    import signal
    import subprocess

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:  # no such pager: the text goes straight to the terminal
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git does: a bare `less` in $PAGER behaves as `less -FRX`
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None
    # A reader who quits the pager early closes its end of the pipe: not an error, and not a
    # SIGPIPE that would end asgm (cli.main sets SIGPIPE's default action for `asgm ... | head`).
    held = signal.signal(signal.SIGPIPE, signal.SIG_IGN) if hasattr(signal, "SIGPIPE") else None
    try:
        proc.stdin.write(text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", errors="replace"))
        proc.stdin.close()
    except OSError:
        pass
    finally:
        if held is not None:
            signal.signal(signal.SIGPIPE, held)
    proc.wait()
    if proc.returncode == 127:  # the shell found no such pager
        return False
    return True


@contextlib.contextmanager
def paged(env: Any, no_pager: bool = False) -> Iterator[None]:
    """Collect what the block writes to stdout and page it when stdout is a terminal and the text is
    taller than the screen; otherwise (a pipe, ``--no-pager``, no pager) it goes straight through."""
    command = "" if no_pager or not env.stdout_tty else pager_command()
    if not command:
        yield
        return
    real = sys.stdout
    buffer = io.StringIO()
    sys.stdout = buffer
    try:
        yield
    finally:
        sys.stdout = real
    text = buffer.getvalue()
    if text.count("\n") < screen_lines() or not show(text, command):
        real.write(text)
        real.flush()
