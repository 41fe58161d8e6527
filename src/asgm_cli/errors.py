"""Exit codes and the exceptions that map onto them."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit statuses of ``asgm``."""

    OK = 0
    DATA = 1  # bad profile data, unknown country / id / year, I/O failure
    USAGE = 2  # bad command line (Typer/Click usage errors)
    INTERRUPTED = 130  # Ctrl-C


class AsgmError(Exception):
    """An expected failure: printed as one ``asgm: error: ...`` line, never a traceback."""

    code: ExitCode = ExitCode.DATA

    def __init__(self, message: str, code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


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


def shorten(text: str, limit: int = 40) -> str:
    """Text for a message: at most ``limit`` characters, without NUL or newlines."""
    text = text.replace("\0", "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."
