"""Exit codes and the exceptions that map onto them."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """The documented exit statuses of ``asgm``."""

    OK = 0
    DATA = 1  # bad profile data, unknown country / id / year, I/O failure
    USAGE = 2  # bad command line (Typer/Click usage errors)
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM: 128 + 15, as a shell reports a process that signal ended


class AsgmError(Exception):
    """An expected failure: printed as one ``asgm: error: ...`` line, never a traceback."""

    code: ExitCode = ExitCode.DATA
    #: where the command line lists what there is ("asgm list shows ..."): the CLI adds it to the
    #: message in parentheses; the Python API's message leaves it out
    hint: str | None = None

    def __init__(self, message: str, code: ExitCode | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if hint is not None:
            self.hint = hint


class DataError(AsgmError):
    """A profile file that cannot be read or does not fit the schema."""

    def __init__(self, file: str, line: int | None, column: int | None, field: str, message: str) -> None:
        self.file, self.line, self.column, self.field = file, line, column, field
        self.detail = message
        where = file if line is None else f"{file}:{line}:{column}"
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


class LookupFailed(AsgmError):
    """An unknown country, figure id or year."""


class UsageFailed(AsgmError):
    """A bad option value found after parsing (exit 2)."""

    code = ExitCode.USAGE


#: C0 controls but tab and newline, DEL, and C1: what a terminal takes for the start of a command
#: (window title, clipboard, a hyperlink inside asgm's own)
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)])


def strip_control(text: str) -> str:
    """``text`` without control characters (newlines and tabs kept): for what reaches a terminal."""
    return text.translate(_CONTROLS) if not text.isprintable() else text


def shorten(text: str, limit: int = 40) -> str:
    """Text for a message: at most ``limit`` characters, without NUL or newlines."""
    text = text.replace("\0", "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shorten_path(text: str, limit: int = 120) -> str:
    """A path for a message: its start and its end, at most ``limit`` characters."""
    text = text.replace("\0", "").replace("\n", " ")
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return text[:half] + "..." + text[len(text) - (limit - 3 - half):]


#: temporary files and directories being written; the signal handler (entry.py) removes them
#: before it ends the process, so an interrupt at any moment leaves none behind
TEMPORARY: set[str] = set()


def discard_temporary(path: str) -> None:
    """Remove a temporary file, or a temporary directory and the files in it, and forget it;
    never raises (it runs in ``finally`` blocks and in the signal handler)."""
    import os

    try:
        if os.path.isdir(path) and not os.path.islink(path):
            for name in os.listdir(path):  # a site's temporary directory has directories in it
                discard_temporary(os.path.join(path, name))
            os.rmdir(path)
        else:
            os.unlink(path)
    except OSError:
        pass
    TEMPORARY.discard(path)


class signals_held:
    """Hold SIGINT and SIGTERM while a temporary file is created and its name recorded in
    ``TEMPORARY``.

    A signal that arrives meanwhile is delivered when the block ends, once the name is known
    to the handler (and to the ``finally`` that removes the file when asgm runs in-process).
    """

    def __enter__(self) -> None:
        import signal

        self._old: Any = None
        if hasattr(signal, "pthread_sigmask"):
            self._old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self._old)


def no_year_error(profile: Any, year: int) -> LookupFailed:
    """The error for a year with no observation at all, listing the years on file."""
    years = ", ".join(map(str, profile.years())) or "none"
    return LookupFailed(f"{profile.name} has no figure for {year}; years on file: {years}")


MAX_GOLD_PRICE = 1_000_000  # USD per troy ounce: hundreds of times any price gold has had; keeps values finite


def check_price(price: Any, name: str = "--gold-price") -> None:
    """A gold price must be a positive, finite number of USD per troy ounce, at most
    MAX_GOLD_PRICE (a usage error). ``name`` is what the message calls it (the API's argument)."""
    import math

    if price is None:
        return
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        raise UsageFailed(f"{name} must be a number of USD per troy ounce, got {shorten(repr(price))}")
    if not math.isfinite(price) or price <= 0:
        raise UsageFailed(f"{name} must be a positive number of USD per troy ounce, got {price:g}")
    if price > MAX_GOLD_PRICE:
        raise UsageFailed(f"{name} must be at most {MAX_GOLD_PRICE:,} USD per troy ounce, got {price:g}")
