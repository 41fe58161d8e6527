"""The ``asgm`` console script and ``python -m asgm_cli``: signals first, then the command line.

Ctrl-C must end asgm with exit 130 and no traceback at any moment, also while typer and the
commands are imported (most of start-up). So this module installs the handlers before it
imports anything else of asgm's, and imports the command line only inside ``main``.
"""

import signal
import sys


class Terminated(BaseException):
    """Raised by the SIGTERM handler, so that ``finally`` blocks remove temporary files."""


def _on_signal(signum: int, frame: object) -> None:
    # One signal is enough: the clean-up it starts (removing temporary files) must not be cut short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


signal.signal(signal.SIGINT, _on_signal)
signal.signal(signal.SIGTERM, _on_signal)


def _signal_code(e: BaseException) -> int | None:
    """130 or 143 when an interrupt or SIGTERM caused ``e`` (through its chain), else None."""
    seen = 0
    cause: BaseException | None = e
    while cause is not None and seen < 20:
        if isinstance(cause, KeyboardInterrupt):
            return 130
        if isinstance(cause, Terminated):
            return 143
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return None


def main() -> None:
    """Run the command line; an interrupt is exit 130, SIGTERM exit 143, never a traceback."""
    try:
        import os

        if os.environ.get("_ASGM_COMPLETE", "").endswith("_zsh"):  # only a zsh completion request pays for this
            from asgm_cli.zsh import patch

            patch()
        from asgm_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.exit(130)  # ExitCode.INTERRUPTED, not imported: an import here could itself be interrupted
    except Terminated:
        sys.exit(143)  # ExitCode.TERMINATED
    except SystemExit:
        raise
    except BaseException as e:
        # Python wraps an exception raised while a class body is set up (an interrupt in the
        # middle of an import) in a RuntimeError; the signal is still the reason we stop.
        code = _signal_code(e)
        if code is None:
            raise
        sys.exit(code)
    finally:
        # The work is done or abandoned; a late signal must not interrupt the interpreter's exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
