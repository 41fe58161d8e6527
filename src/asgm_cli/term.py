"""The one place that knows about the terminal: TTY, colour, width and encoding."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from asgm_cli.frozen import frozen


def _wants_color(stream: TextIO, no_color_flag: bool) -> bool:
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):
        return False


def _can_encode(stream: TextIO | None, text: str = "≤≥—│") -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@frozen
class Env:
    """Terminal facts for stdout (asgm writes only plain one-line messages to stderr)."""

    stdout_tty: bool
    stdout_color: bool
    unicode: bool
    width: int
    encoding: str = "utf-8"  # what stdout can carry: Latin-1 has 'ú' though it lacks '≤'

    @classmethod
    def detect(cls, no_color: bool = False) -> Env:
        out = sys.stdout
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:
            import shutil

            columns = shutil.get_terminal_size((100, 24)).columns if _isatty(out) else 100
        return cls(
            stdout_tty=_isatty(out),
            stdout_color=_wants_color(out, no_color),
            unicode=_can_encode(out),
            width=max(20, min(columns, 240)),
            encoding=getattr(out, "encoding", None) or "ascii",
        )
