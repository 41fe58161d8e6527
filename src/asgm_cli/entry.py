"""The ``asgm`` console script and ``python -m asgm_cli``: signals first, then the command line.

Ctrl-C must end asgm with exit 130 (SIGTERM: 143) and no traceback at any moment, also while
typer and the commands are imported (most of start-up). An exception raised from a signal
handler cannot promise that: Python reports it and carries on when it lands in a weakref or
garbage-collector callback, and wraps it in a RuntimeError when it lands in a class body being
set up. So the handler raises nothing: it removes the temporary files and directories that are
being written (``errors.TEMPORARY``) and ends the process at once. This module installs it before
it imports anything else of asgm's, and imports the command line only inside ``main``.
"""

import gc
import os
import signal
import sys

# The garbage collector is held while typer and asgm import: its 30-odd collections there cost
# about 3 ms a run, and free about 500 objects in cycles (of some 26,000). The command frees it
# again before it works (cli.command calls free_collector): parsing YAML leaves cycles, and
# `asgm validate` over 1,000 files would take 297 MiB instead of 22.
_held = gc.isenabled()
gc.disable()


def free_collector() -> None:
    """Turn the collector held for start-up back on, once; what start-up made is frozen first, so
    that the first collection does not walk all of it."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def _on_signal(signum: int, frame: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # one signal is enough: the clean-up must finish
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    errors = sys.modules.get("asgm_cli.errors")  # not imported here: it may not be loaded yet
    for path in list(getattr(errors, "TEMPORARY", ())):
        errors.discard_temporary(path)  # type: ignore[union-attr]
    os._exit(130 if signum == signal.SIGINT else 143)  # ExitCode.INTERRUPTED / TERMINATED


signal.signal(signal.SIGINT, _on_signal)
signal.signal(signal.SIGTERM, _on_signal)


def main() -> None:
    """Run the command line."""
    if os.environ.get("_ASGM_COMPLETE", "").endswith("_zsh"):  # only a zsh completion request pays for this
        from asgm_cli.zsh import patch

        patch()
    from asgm_cli.cli import main as run

    run()
